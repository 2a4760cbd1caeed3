//! A news page's article and nothing else: its text, its details, and what was left out.
//!
//! dom_smoothie (Mozilla Readability's algorithm on html5ever) finds the part of the page that
//! holds the article; this module then reads that part block by block, keeps the article's
//! own words and its captions, and names every other block of the page as a removed part so
//! that nothing is dropped without the user seeing it. Metadata comes from JSON-LD, OpenGraph
//! and `meta` tags (through dom_smoothie), with `<time>`, `<link rel=canonical>` and
//! `<html lang>` as fallbacks.

pub mod blocks;
pub mod furniture;
pub mod meta;
pub mod parse;

use std::collections::{HashMap, HashSet};

use blocks::{Block, BlockKind};
use furniture::{Role, key};
pub use meta::PageMeta;

/// What was read from a page. It crosses from the app's worker (the second wasm module) to the
/// app as JSON: see [`crate::model::work`].
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    /// The headline, never the site's or section's name; empty if the page has none.
    pub title: String,
    /// The article as the reader shows it: body and captions, one block a paragraph.
    pub text: String,
    /// The article body alone (no captions), as schema.org's `articleBody`.
    pub body: String,
    pub meta: PageMeta,
    /// Everything else the page shows, in page order.
    pub removed: Vec<RemovedPart>,
    /// The page nests elements deeper than a browser builds ([`parse::MAX_DEPTH`]) and was
    /// read only up to there.
    pub cut: bool,
}

/// A run of page blocks left out of the article.
#[derive(Clone, Debug, PartialEq, Hash, Eq, serde::Serialize, serde::Deserialize)]
pub struct RemovedPart {
    /// What it is to a reader: "navigation", "related stories", "comments", "byline"…
    pub label: String,
    /// Its text, one block a paragraph.
    pub text: String,
    /// Where it was on the page: the byte offset in [`Extraction::text`] it would go back to
    /// (always the start of a paragraph, or the end of the text).
    pub at: usize,
}

/// Reads the article out of a page. `url` is where the page came from, if known.
pub fn extract(html: &str, url: Option<&str>) -> Extraction {
    let config = dom_smoothie::Config {
        keep_classes: true,
        candidate_select_mode: dom_smoothie::CandidateSelectMode::DomSmoothie,
        ..Default::default()
    };
    let parsed = parse::parse(html);
    let cut = parsed.cut;
    let Ok(mut readability) = dom_smoothie::Readability::with_document(parsed.document, url, Some(config)) else {
        return Extraction::default();
    };
    let page = blocks::blocks(&readability.doc.root());
    let fallback = meta::fallbacks(&readability.doc);
    let fallback_has_stated_headline =
        fallback.stated_headline || readability.parse_json_ld().is_some_and(|m| !m.title.is_empty());
    let article = readability.parse().ok();
    let meta = meta::page_meta(article.as_ref(), fallback);
    let h1 = page.iter().find(|b| b.kind == BlockKind::Heading(1)).map(|b| b.text.clone()).unwrap_or_default();
    let title = match article.as_ref().map(|a| a.title.trim().to_string()).filter(|t| !t.is_empty()) {
        // "Headline - Site" in `<title>` beside "Headline" in `<h1>`: the headline alone.
        Some(title) if !h1.is_empty() && key(&title).starts_with(&key(&h1)) => h1,
        // A headline the page states for sharing or in JSON-LD beats an `<h1>` that may hold
        // the site's or section's name; a bare `<title>` does not beat a headline-sized `<h1>`.
        Some(title) if fallback_has_stated_headline || h1.split_whitespace().count() < 3 => title,
        Some(_) => h1,
        None => h1,
    };
    // A headline set on two lines (`<br>`) is one line as a title.
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let main: Vec<Block> = match &article {
        Some(a) => blocks::blocks(&dom_query::Document::fragment(a.content.to_string()).root()),
        None => Vec::new(),
    };
    // When the page has no part that reads as an article, the whole page is the candidate.
    let main = if main.is_empty() { page.iter().filter(|b| !b.in_page_furniture).cloned().collect() } else { main };
    // The extractor's copy of the main part loses some attributes (`role`): what the page's
    // own markup said of a block still holds.
    let outside_furniture: HashSet<String> =
        page.iter().filter(|b| !b.in_page_furniture).map(|b| key(&b.text)).collect();
    let furniture_keys: HashSet<String> = page
        .iter()
        .filter(|b| b.in_page_furniture)
        .map(|b| key(&b.text))
        .filter(|k| !outside_furniture.contains(k))
        .collect();
    let main: Vec<Block> = main
        .into_iter()
        .map(|b| Block { in_page_furniture: b.in_page_furniture || furniture_keys.contains(&key(&b.text)), ..b })
        .collect();
    let other_stories = furniture::other_stories(&page);
    let roles: Vec<Role> = furniture::roles(&main, &title, meta.byline.as_deref())
        .into_iter()
        .zip(&main)
        .map(|(role, block)| match role {
            Role::Body if other_stories.contains(&key(&block.text)) => Role::Furniture("related stories"),
            role => role,
        })
        .collect();
    Extraction { cut, ..assemble(title, meta, &page, &main, &roles) }
}

fn assemble(title: String, meta: PageMeta, page: &[Block], main: &[Block], roles: &[Role]) -> Extraction {
    let kept: HashSet<String> =
        main.iter().zip(roles).filter(|(_, r)| !matches!(r, Role::Furniture(_))).map(|(b, _)| key(&b.text)).collect();
    let gaps = gap_paragraphs(page, &kept);
    let mut text = String::new();
    let mut body = String::new();
    let mut dropped_why = HashMap::new();
    for (block, role) in main.iter().zip(roles) {
        match role {
            Role::Body | Role::Aside(_) => {
                push_paragraph(&mut text, &block.text);
                if *role == Role::Body {
                    push_paragraph(&mut body, &block.text);
                }
                for gap in gaps.get(&key(&block.text)).into_iter().flatten() {
                    push_paragraph(&mut text, &gap.text);
                    push_paragraph(&mut body, &gap.text);
                }
            }
            Role::Furniture(why) => {
                dropped_why.entry(key(&block.text)).or_insert(*why);
            }
        }
    }
    let gap_keys: HashSet<String> = gaps.values().flatten().map(|b| key(&b.text)).collect();
    // Walk the page in order: a page block that is kept moves the insertion point past it;
    // any other starts or extends a removed part at that point.
    let title_key = key(&title);
    let mut removed: Vec<RemovedPart> = Vec::new();
    let mut at = 0;
    let mut kept_seen = HashSet::new();
    for block in page {
        let k = key(&block.text);
        let is_kept = kept.contains(&k) || gap_keys.contains(&k);
        if is_kept && kept_seen.insert(k.clone()) {
            at = text.find(&block.text).map_or(at, |start| (start + block.text.len()).max(at));
            continue;
        }
        if is_kept || k == title_key {
            // A second copy of a kept line, or the headline (it is the article's title).
            continue;
        }
        let label = dropped_why.get(&k).copied().unwrap_or_else(|| label_outside(block));
        let insert_at = paragraph_start_after(&text, at);
        match removed.last_mut() {
            Some(last) if last.label == label && last.at == insert_at => {
                last.text.push_str("\n\n");
                last.text.push_str(&block.text);
            }
            _ => removed.push(RemovedPart { label: label.to_string(), text: block.text.clone(), at: insert_at }),
        }
    }
    Extraction { title, text, body, meta, removed, cut: false }
}

/// Paragraphs of prose and embedded posts that sit on the page between the article's first and
/// last kept blocks but that the extractor left out (a lead paragraph in its own wrapper, a
/// tweet the article reports on), by the kept block they follow.
fn gap_paragraphs<'a>(page: &'a [Block], kept: &HashSet<String>) -> HashMap<String, Vec<&'a Block>> {
    let mut gaps: HashMap<String, Vec<&Block>> = HashMap::new();
    let is_kept = |b: &Block| kept.contains(&key(&b.text));
    let (Some(first), Some(last)) = (page.iter().position(is_kept), page.iter().rposition(is_kept)) else {
        return gaps;
    };
    let mut previous = key(&page[first].text);
    for block in &page[first..=last] {
        let k = key(&block.text);
        if kept.contains(&k) {
            previous = k;
        } else if is_prose(block) || furniture::is_embedded_post(block) {
            gaps.entry(previous.clone()).or_default().push(block);
        }
    }
    gaps
}

/// A paragraph a reader would read as the article's: long, few links, ending a sentence, not
/// in the page's menus and not furniture by its marks or words.
fn is_prose(block: &Block) -> bool {
    const MIN_CHARS: usize = 80;
    block.text.chars().count() >= MIN_CHARS
        && block.link_density() < 0.2
        && !block.in_page_furniture
        && matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
        && block.text.trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')']).ends_with(['.', '!', '?', ':'])
        && furniture::roles(std::slice::from_ref(block), "", None) == [Role::Body]
}

/// The name of a page block outside the article's part, from where it sits.
fn label_outside(block: &Block) -> &'static str {
    if let Some(why) = furniture::roles(std::slice::from_ref(block), "", None).first().and_then(|r| match r {
        Role::Furniture(why) if *why != "links" => Some(*why),
        _ => None,
    }) {
        return why;
    }
    if block.in_page_furniture { "menus and page furniture" } else { "outside the article" }
}

/// The start of the paragraph that follows byte `at` of `text` (or its end).
fn paragraph_start_after(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    match text[at..].find("\n\n") {
        Some(gap) => at + gap + 2,
        None => text.len(),
    }
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(paragraph);
}

#[cfg(test)]
mod tests;
