//! What leaves the browser: our JSON export, W3C Web Annotation, CSV and a Markdown report.
//! Each is a pure function of the library, so that every format is tested natively.

pub mod claimreview;
pub mod csv;
pub mod export;
pub mod import;
pub mod nlp;
pub mod report;
pub mod stored_zip;
pub mod w3c;

use super::library::{Annotation, Article};
use super::offsets::{CharIndex, CharOffset};

/// Characters of context kept on each side of a quote, as Hypothesis and the W3C model use.
pub const CONTEXT_CHARS: usize = 32;

/// The passage an annotation marks, with the text just before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteContext {
    /// The marked text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
}

/// Quotes with context for an article's annotations, in the order given, in one pass.
pub fn quotes_with_context<'a>(
    article: &Article,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<QuoteContext> {
    let index = CharIndex::new(&article.text);
    let length = article.text.chars().count();
    annotations
        .into_iter()
        .map(|a| QuoteContext {
            exact: index.slice(a.start, a.end).to_string(),
            prefix: index.slice(CharOffset(a.start.0.saturating_sub(CONTEXT_CHARS)), a.start).to_string(),
            suffix: index.slice(a.end, CharOffset((a.end.0 + CONTEXT_CHARS).min(length))).to_string(),
        })
        .collect()
}

/// A file name for an article's export: its title in lowercase ASCII words joined by hyphens,
/// at most 48 characters, then `suffix` (e.g. `.annotations.json`).
pub fn file_name(title: &str, suffix: &str) -> String {
    let mut slug = String::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if slug.len() + word.len() + 1 > 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        slug.push_str("article");
    }
    format!("{slug}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::AnnotationKind;

    #[test]
    fn file_names_are_short_ascii_slugs() {
        assert_eq!(
            file_name(
                "U.S. warned Iran that ISIS-K was preparing attack ahead of deadly Kerman blasts",
                ".annotations.json"
            ),
            "u-s-warned-iran-that-isis-k-was-preparing-attack.annotations.json"
        );
        assert_eq!(file_name("مرحبا 😀", ".csv"), "article.csv");
    }

    #[test]
    fn context_is_cut_at_the_ends_of_the_text() {
        let article = Article::new("a".into(), "T".into(), "😀 short text".into(), "t".into());
        let annotation = Annotation {
            id: "n".into(),
            kind: AnnotationKind::Claim,
            start: CharOffset(2),
            end: CharOffset(7),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            edited_by: String::new(),
        };
        let quote = &quotes_with_context(&article, [&annotation])[0];
        assert_eq!((quote.prefix.as_str(), quote.exact.as_str(), quote.suffix.as_str()), ("😀 ", "short", " text"));
    }
}
