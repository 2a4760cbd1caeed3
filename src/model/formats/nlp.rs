//! Formats of NLP labelling tools: doccano JSONL (`doccano.rs`) and brat standoff (`brat.rs`),
//! written for the tools and read from them, and Label Studio's JSON export
//! (`label_studio.rs`), read. Offsets are code points, as ours are.
//!
//! What they cannot hold is lost on the way out: verdicts, evidence, sessions, orphans, times
//! and authors (brat keeps notes and links; doccano keeps neither). What comes in is a
//! [`Labeled`] text, whose labels are mapped to our kinds ([`kind_for_label`] knows the obvious
//! names) and whose spans are placed on the normalized text by their quotes where
//! normalizing moved them.

pub mod brat;
pub mod doccano;
pub mod foreign;
pub mod hypothesis;
pub mod label_studio;

use super::{CONTEXT_CHARS, quotes_with_context};
use crate::model::anchoring::{Anchor, Anchorer, Selector};
use crate::model::library::{Annotation, AnnotationKind, Article, Link};
use crate::model::offsets::{CharIndex, CharOffset};
use crate::model::text;

/// The label each kind is written with.
pub fn label_of(kind: AnnotationKind) -> &'static str {
    match kind {
        AnnotationKind::Claim => "Claim",
        AnnotationKind::Source => "Source",
        AnnotationKind::AnonymousAttribution => "Anonymous_attribution",
    }
}

/// The kind an obvious label names (ours, and the usual names in attribution corpora: a
/// quote's content is a claim; an attribution and its cue point at a source); `None` for
/// others, which the user maps by hand or skips.
pub fn kind_for_label(label: &str) -> Option<AnnotationKind> {
    let folded: String = label.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    match folded.as_str() {
        "claim" | "claims" | "content" => Some(AnnotationKind::Claim),
        "source" | "sources" | "attribution" | "cue" => Some(AnnotationKind::Source),
        "anonymous" | "anon" | "anonymousattribution" | "anonymoussource" => Some(AnnotationKind::AnonymousAttribution),
        _ => None,
    }
}

/// A text labelled in another tool: spans with a label (offsets in code points of `text`, as
/// the tool counts them), notes, and relations between spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Labeled {
    /// The tool's name for the document, if it has one.
    pub name: String,
    pub text: String,
    pub spans: Vec<LabeledSpan>,
    /// Pairs of span ids that a relation joins (a claim and the source it rests on, either way
    /// round).
    pub relations: Vec<(String, String)>,
}

/// One labelled span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabeledSpan {
    pub id: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub note: String,
}

/// What reading labelled texts gave: the articles, and how many spans were skipped (their
/// label maps to no kind) or could not be placed on the normalized text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    pub articles: Vec<Article>,
    pub skipped: usize,
    pub unplaced: usize,
}

/// Makes articles of labelled texts, each label mapped to a kind by `kind_of` (`None` skips its
/// spans). Ids are `<prefix><n>` for articles and `<article>-<span id>` for annotations.
pub fn to_articles(
    docs: Vec<Labeled>,
    kind_of: &dyn Fn(&str) -> Option<AnnotationKind>,
    id_prefix: &str,
    added: &str,
) -> Converted {
    let (mut skipped, mut unplaced) = (0, 0);
    let mut articles = Vec::with_capacity(docs.len());
    for (n, doc) in docs.into_iter().enumerate() {
        let normalized = text::normalize(&doc.text);
        let title = if doc.name.trim().is_empty() {
            text::excerpt(normalized.lines().next().unwrap_or_default(), 80)
        } else {
            text::single_line(&doc.name)
        };
        let title = if title.is_empty() { format!("Text {}", n + 1) } else { title };
        let id = format!("{id_prefix}{}", n + 1);
        let mut article = Article::new(id.clone(), title, normalized.clone(), added.to_string());
        let raw_index = CharIndex::new(&doc.text);
        let raw_length = doc.text.chars().count();
        let anchorer = (normalized != doc.text).then(|| Anchorer::new(&normalized));
        let length = normalized.chars().count();
        for span in doc.spans {
            let Some(kind) = kind_of(&span.label) else {
                skipped += 1;
                continue;
            };
            if span.start >= span.end || span.end > raw_length {
                unplaced += 1;
                continue;
            }
            let (start, end) = match &anchorer {
                None => (span.start, span.end),
                Some(anchorer) => {
                    let at = |i: usize| CharOffset(i.min(raw_length));
                    let exact = raw_index.slice(at(span.start), at(span.end));
                    let prefix = raw_index.slice(at(span.start.saturating_sub(CONTEXT_CHARS)), at(span.start));
                    let suffix = raw_index.slice(at(span.end), at(span.end + CONTEXT_CHARS));
                    let selector = Selector { exact, prefix, suffix, start: Some(CharOffset(span.start)) };
                    match anchorer.anchor(&selector) {
                        Anchor::Placed { start, end, .. } => (start.0, end.0),
                        Anchor::Orphan { .. } => {
                            unplaced += 1;
                            continue;
                        }
                    }
                }
            };
            if end > length || start >= end {
                unplaced += 1;
                continue;
            }
            article.annotations.push(Annotation {
                id: format!("{id}-{}", span.id),
                kind,
                start: CharOffset(start),
                end: CharOffset(end),
                note: span.note,
                created: added.to_string(),
                modified: added.to_string(),
                author: String::new(),
                edited_by: String::new(),
            });
        }
        let kinds: std::collections::HashMap<&str, AnnotationKind> =
            article.annotations.iter().map(|a| (a.id.as_str(), a.kind)).collect();
        let kind = |span: &str| {
            let id = format!("{id}-{span}");
            kinds.get(id.as_str()).map(|&kind| (id, kind))
        };
        let mut links: Vec<Link> = Vec::new();
        let mut linked = std::collections::HashSet::new();
        for (a, b) in &doc.relations {
            let link = match (kind(a), kind(b)) {
                (Some((claim, AnnotationKind::Claim)), Some((source, k))) if k != AnnotationKind::Claim => {
                    Link::new(claim, source)
                }
                (Some((source, k)), Some((claim, AnnotationKind::Claim))) if k != AnnotationKind::Claim => {
                    Link::new(claim, source)
                }
                _ => continue,
            };
            if linked.insert((link.claim.clone(), link.source.clone())) {
                links.push(link);
            }
        }
        article.links = links;
        articles.push(article);
    }
    Converted { articles, skipped, unplaced }
}

/// An article's annotations as spans with our labels, in text order, with their quotes.
fn spans_of(article: &Article) -> Vec<(usize, &Annotation, String)> {
    let ordered = article.annotations_in_text_order();
    let quotes = quotes_with_context(article, ordered.iter().copied());
    ordered.into_iter().zip(quotes).enumerate().map(|(n, (a, q))| (n + 1, a, q.exact)).collect()
}
