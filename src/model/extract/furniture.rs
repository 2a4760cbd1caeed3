//! Which blocks of an article's main part are the article, which are captions, and which are
//! page furniture (bylines, datelines, share rows, newsletter boxes, related-story lists).

mod lines;
mod other_stories;

use super::blocks::{Block, BlockKind};
use lines::{
    aside_words, is_author_note, is_byline_line, is_date_line, is_email_line, is_newsletter_box, is_slideshow_counter,
    is_tag_list,
};
pub use other_stories::other_stories;
use other_stories::{is_other_story, opens_other_stories};

/// What a block of the main part is to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The article's own words: paragraphs, subheads, lists, quotes, table rows.
    Body,
    /// Kept in the text but not part of the article body: a picture's caption or credit, the
    /// standfirst, a reporting credit.
    Aside(&'static str),
    /// Left out, with the reason a reader would give.
    Furniture(&'static str),
}

/// Words in class names and ids that mark a caption or credit.
const CAPTION_MARKS: &[&str] =
    &["caption", "credit", "photo-credit", "image-credit", "media-credit", "wp-caption-text"];

/// Words in class names and ids that mark a standfirst.
const STANDFIRST_MARKS: &[&str] =
    &["standfirst", "dek", "subtitle", "subheadline", "sub-headline", "article-summary", "deck"];

/// Words in class names and ids that mark furniture, with the name a reader knows it by.
const FURNITURE_MARKS: &[(&str, &str)] = &[
    ("byline", "byline"),
    ("author", "byline"),
    ("dateline", "date"),
    ("timestamp", "date"),
    ("publish-date", "date"),
    ("posted-on", "date"),
    ("share", "share buttons"),
    ("social", "share buttons"),
    ("related", "related stories"),
    ("recommend", "related stories"),
    ("more-stories", "related stories"),
    ("most-read", "related stories"),
    ("trending", "related stories"),
    ("newsletter", "newsletter box"),
    ("subscribe", "newsletter box"),
    ("signup", "newsletter box"),
    ("promo", "promotion"),
    ("advert", "advertisement"),
    ("sponsor", "advertisement"),
    ("breadcrumb", "navigation"),
    ("tags", "tags"),
    ("comment", "comments"),
    ("disclaimer", "footer"),
];

/// Class names of the posts that social networks' embed codes quote.
const EMBEDDED_POST_MARKS: &[&str] =
    &["twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "mastodon-embed", "fb-post"];

/// A block of a post the page embeds from a social network.
pub fn is_embedded_post(block: &Block) -> bool {
    has_mark(block, EMBEDDED_POST_MARKS)
}

/// Short lines that are page furniture whatever the markup says, by how they start.
const FURNITURE_OPENINGS: &[(&str, &str)] = &[
    ("media playback is unsupported", "video player"),
    ("media caption", "caption"),
    ("image copyright", "caption"),
    ("image caption", "caption"),
    ("photo:", "caption"),
    ("photograph:", "caption"),
    ("photograph by", "caption"),
    ("credit:", "caption"),
    ("subscribe to", "newsletter box"),
    ("sign up for", "newsletter box"),
    ("sign up to", "newsletter box"),
    ("want more stories like this", "newsletter box"),
    ("you have been successfully subscribed", "newsletter box"),
    ("follow us on", "share buttons"),
    ("follow us:", "share buttons"),
    ("share this", "share buttons"),
    ("read more:", "related stories"),
    ("related:", "related stories"),
    ("see also:", "related stories"),
    ("tags:", "tags"),
    ("posted:", "date"),
    ("updated:", "date"),
    ("published:", "date"),
    ("this document is subject to copyright", "footer"),
    ("advertisement", "advertisement"),
    ("copyright", "footer"),
    ("©", "footer"),
    ("this post may contain affiliate", "advertisement"),
    ("microsoft may earn an affiliate", "advertisement"),
    ("let our news meet your inbox", "newsletter box"),
    ("get the latest updates", "newsletter box"),
    ("have a tip?", "about the author"),
    ("this website uses cookies", "cookie notice"),
    ("we use cookies", "cookie notice"),
    ("this slideshow requires javascript", "slideshow"),
    ("citation:", "footer"),
    ("tell us what you think", "comments"),
    ("you may also like", "related stories"),
    ("filed under", "tags"),
    ("posted on", "date"),
    ("first published", "date"),
    ("published ", "date"),
    ("note: we are temporarily moderating", "comments"),
    ("file photo:", "caption"),
];

/// A block this short can be furniture by its marks or its words; a longer one is prose.
const SHORT: usize = 160;

/// The role of each block of the main part; `title` and `byline` are the page's own.
pub fn roles(blocks: &[Block], title: &str, byline: Option<&str>) -> Vec<Role> {
    let title_key = key(title);
    let byline_key = byline.map(key).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let mut in_other_stories = false;
    let mut roles = blocks
        .iter()
        .map(|block| {
            let role = role_of(block, &title_key, &byline_key, &mut in_other_stories);
            // The same caption or line twice (a slideshow's two copies) is read once.
            if role != Role::Body || block.text.chars().count() < 40 {
                if !seen.insert(key(&block.text)) && role != Role::Body {
                    return Role::Furniture("repeated line");
                }
                return role;
            }
            if seen.insert(key(&block.text)) { role } else { Role::Furniture("repeated line") }
        })
        .collect::<Vec<_>>();
    // A press release ends with what the company is ("Ascom is a global solutions provider…"):
    // in the last third, that paragraph and those after it that name the company again.
    let tail = roles.len() - roles.len() / 3;
    if let Some(first) =
        (tail..blocks.len()).find(|&i| roles[i] == Role::Body && company_name(&blocks[i].text).is_some())
    {
        let name = company_name(&blocks[first].text).unwrap_or_default();
        for i in first..blocks.len() {
            if roles[i] == Role::Body && blocks[i].text.starts_with(&name) {
                roles[i] = Role::Furniture("about the company");
            }
        }
    }
    roles
}

/// "Ascom is a global solutions provider…": the company a boilerplate paragraph is about.
fn company_name(text: &str) -> Option<String> {
    const WHAT: &[&str] = &["provider", "company", "leader", "manufacturer", "headquartered", "founded in"];
    let (name, rest) = text.split_once(" is ")?;
    let words = name.split_whitespace().count();
    let capitalized =
        name.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    ((1..=4).contains(&words)
        && capitalized
        && ["a ", "an ", "the ", "headquartered"].iter().any(|a| rest.starts_with(a))
        && WHAT.iter().any(|w| rest.split('.').next().is_some_and(|sentence| sentence.contains(w))))
    .then(|| name.to_string())
}

fn role_of(block: &Block, title_key: &str, byline_key: &str, in_other_stories: &mut bool) -> Role {
    let text_key = key(&block.text);
    let chars = block.text.chars().count();
    let short = chars <= SHORT;
    if let BlockKind::Heading(level) = block.kind {
        *in_other_stories = opens_other_stories(block, &text_key);
        if *in_other_stories {
            return Role::Furniture("related stories");
        }
        // The headline is the article's title, shown above the text; a page's one `h1` is it
        // even when it words it differently from the metadata.
        if level == 1 || (!title_key.is_empty() && words_overlap(&text_key, title_key) >= 0.8) {
            return Role::Furniture("headline");
        }
    }
    if *in_other_stories && is_other_story(block) {
        return Role::Furniture("related stories");
    }
    // A post the article embeds (a tweet it reports on) is quoted in the article, whatever
    // the marks around it ("social-media-embed") say.
    if is_embedded_post(block) {
        return Role::Body;
    }
    if is_tag_list(&block.text) {
        return Role::Furniture("tags");
    }
    if block.in_page_furniture && short {
        return Role::Furniture("menus and page furniture");
    }
    if block.kind == BlockKind::Caption || has_mark(block, CAPTION_MARKS) {
        return Role::Aside("caption");
    }
    if chars <= 2 * SHORT && (has_mark(block, STANDFIRST_MARKS)) {
        return Role::Aside("standfirst");
    }
    if short {
        if let Some(&(_, why)) = FURNITURE_OPENINGS.iter().find(|(opening, _)| text_key.starts_with(opening)) {
            return if why == "caption" { Role::Aside("caption") } else { Role::Furniture(why) };
        }
        if let Some(why) = aside_words(&text_key) {
            return Role::Aside(why);
        }
        if is_newsletter_box(&text_key) {
            return Role::Furniture("newsletter box");
        }
        if is_slideshow_counter(&text_key) {
            return Role::Furniture("slideshow");
        }
        if is_email_line(&text_key) {
            return Role::Furniture("contact");
        }
        if is_byline_line(&text_key) {
            return Role::Furniture("byline");
        }
        if is_author_note(&text_key) {
            return Role::Furniture("about the author");
        }
        if let Some(why) = furniture_mark(block) {
            return Role::Furniture(why);
        }
        if !byline_key.is_empty() && (text_key == byline_key || text_key == format!("by {byline_key}")) {
            return Role::Furniture("byline");
        }
        if is_date_line(&text_key) {
            return Role::Furniture("date");
        }
        if block.link_density() > 0.6 && block.kind != BlockKind::Quote {
            return Role::Furniture("links");
        }
        if text_key.ends_with("credit") || block.text.contains("Credit:") {
            return Role::Aside("caption");
        }
    }
    Role::Body
}

fn has_mark(block: &Block, words: &[&str]) -> bool {
    block.marks.split(' ').any(|mark| words.iter().any(|w| mark_is(mark, w)))
}

fn furniture_mark(block: &Block) -> Option<&'static str> {
    block.marks.split(' ').find_map(|mark| FURNITURE_MARKS.iter().find(|(w, _)| mark_is(mark, w)).map(|&(_, why)| why))
}

/// A class name or id is the word, or has it as a `-`/`_` separated part ("article-byline",
/// "share_row"), but "authority" is not "author".
fn mark_is(mark: &str, word: &str) -> bool {
    mark == word
        || mark.split(['-', '_']).collect::<Vec<_>>().windows(word.split('-').count()).any(|w| w.join("-") == word)
}

/// The share of the words of `line` that are words of `title`.
fn words_overlap(line: &str, title: &str) -> f64 {
    let title: std::collections::HashSet<&str> = title.split_whitespace().collect();
    let words: Vec<&str> = line.split_whitespace().collect();
    words.iter().filter(|w| title.contains(*w)).count() as f64 / words.len().max(1) as f64
}

/// Lower-cased, white space collapsed, for comparing lines.
pub fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
