//! Detection and removal of web-page leftovers: the navigation links, share buttons, separators
//! and "Top Stories" blocks that come along when an article is copied from a news site.
//!
//! Detection works on whole lines and never edits the text itself; removal is a separate,
//! explicit step that returns the new text, so the user can preview it and undo it.

use std::ops::Range;

use super::text::{line_ranges, normalize};

/// Lines that are page furniture when they stand alone.
const FURNITURE: &[&str] = &[
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "skip navigation",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on x",
    "tweet",
    "email",
    "print",
    "copy link",
    "link copied",
    "advertisement",
    "sponsored content",
    "comments",
    "show comments",
    "subscribe",
    "sign in",
    "sign up",
    "log in",
    "menu",
    "search",
    "close",
    "listen",
    "listen to this article",
    "read more",
    "continue reading",
    "back to top",
    "cookie settings",
];

/// Headings that open a block of links to other stories; the block runs to the end of the text.
const TRAILING_BLOCK_HEADINGS: &[&str] = &[
    "top stories",
    "most read",
    "most popular",
    "related stories",
    "related articles",
    "recommended",
    "recommended for you",
    "trending",
    "trending now",
    "more from",
    "more stories",
    "you may also like",
    "latest news",
    "local spotlight",
];

/// Why a paragraph looks like a leftover; shown to the user in the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftoverKind {
    /// A navigation or sharing control such as "Skip to main content" or "Share".
    PageControl,
    /// A line of dashes or other rule characters.
    Separator,
    /// A "Top Stories"-style block of other headlines, from its heading to the end.
    OtherStories,
}

impl LeftoverKind {
    /// A short explanation for the preview list.
    pub fn label(self) -> &'static str {
        match self {
            Self::PageControl => "Page control",
            Self::Separator => "Separator line",
            Self::OtherStories => "Links to other stories",
        }
    }
}

/// One stretch of text that looks like page furniture: a byte range of whole lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leftover {
    /// Byte range in the normalized text, from the start of a line to the end of a line.
    pub range: Range<usize>,
    /// Why it was flagged.
    pub kind: LeftoverKind,
}

/// Finds the leftovers of normalized text, in text order and without overlap. Each is a whole
/// line, or, for a block of other stories, everything from its heading line to the end.
pub fn detect(text: &str) -> Vec<Leftover> {
    let mut found = Vec::new();
    let mut seen_content = false;
    for line in line_ranges(text) {
        let key = text[line.clone()].trim().trim_end_matches([':', '.']).to_lowercase();
        if key.is_empty() {
            continue;
        }
        // A block of other stories trails the article: a "Trending" or "Top Stories" in a menu
        // above it is no such block, and the article's body is never offered for removal.
        if seen_content && is_trailing_block_heading(&key) && line.start >= text.len() - line.start {
            found.push(Leftover { range: line.start..text.len(), kind: LeftoverKind::OtherStories });
            break;
        }
        let kind = if FURNITURE.contains(&key.as_str()) {
            LeftoverKind::PageControl
        } else if is_separator(&key) {
            LeftoverKind::Separator
        } else {
            seen_content = true;
            continue;
        };
        found.push(Leftover { range: line, kind });
    }
    found
}

/// A heading such as "Top Stories" or "CTVNews.ca Top Stories": a known heading, possibly
/// preceded by a site name of at most three words.
fn is_trailing_block_heading(key: &str) -> bool {
    TRAILING_BLOCK_HEADINGS.iter().any(|heading| {
        key.strip_suffix(heading)
            .is_some_and(|site| site.is_empty() || (site.ends_with(' ') && site.split_whitespace().count() <= 3))
    })
}

fn is_separator(key: &str) -> bool {
    key.chars().count() >= 3 && key.chars().all(|c| matches!(c, '-' | '_' | '*' | '=' | '~' | '—' | '–' | '•' | '#'))
}

/// Removes the given leftovers (as returned by [`detect`] on this text) and the line breaks
/// they leave behind, returning the new, still normalized, text.
pub fn remove(text: &str, leftovers: &[Leftover]) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut cursor = 0;
    for leftover in leftovers {
        kept.push_str(&text[cursor..leftover.range.start]);
        cursor = leftover.range.end;
    }
    kept.push_str(&text[cursor..]);
    normalize(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<(&str, LeftoverKind)> {
        detect(text).into_iter().map(|l| (&text[l.range], l.kind)).collect()
    }

    #[test]
    fn finds_page_controls_separators_and_trailing_blocks() {
        let text = "Skip to main content\n\nHeadline\n\nShare\n\nBody one.\n\n------\n\nCredit line.\n\n\
                    CTVNews.ca Top Stories\n\nOther headline\n\nTeaser.";
        assert_eq!(
            flagged(text),
            [
                ("Skip to main content", LeftoverKind::PageControl),
                ("Share", LeftoverKind::PageControl),
                ("------", LeftoverKind::Separator),
                ("CTVNews.ca Top Stories\n\nOther headline\n\nTeaser.", LeftoverKind::OtherStories),
            ]
        );
    }

    #[test]
    fn leftover_lines_inside_a_paragraph_are_found_alone() {
        let text = "Headline\n\nShare\nWASHINGTON -\n\nBody.";
        assert_eq!(flagged(text), [("Share", LeftoverKind::PageControl)]);
        assert_eq!(remove(text, &detect(text)), "Headline\n\nWASHINGTON -\n\nBody.");
    }

    #[test]
    fn a_menu_with_trending_in_it_does_not_take_the_article_with_it() {
        let story = "The council voted on Tuesday to close the library, citing the budget.\n\n".repeat(6);
        let text = format!("Home\n\nNews\n\nTrending\n\nTop Stories\n\n{}", story.trim_end());
        let found = detect(&text);
        assert!(found.iter().all(|l| l.range.end <= text.find("The council").unwrap()), "{found:?}");
        assert!(remove(&text, &found).contains("citing the budget"));
    }

    #[test]
    fn a_block_heading_before_any_content_is_not_a_block() {
        assert!(flagged("Top Stories\n\nThe story itself.").is_empty());
    }

    #[test]
    fn words_inside_sentences_are_not_leftovers() {
        let text = "Officials share the view that the top stories of the year matter.\n\n\
                    Read more about it in the report, she said.";
        assert!(detect(text).is_empty());
    }

    #[test]
    fn a_heading_with_a_long_prefix_is_a_sentence_not_a_block() {
        assert!(detect("Intro.\n\nThese were the week's top stories").is_empty());
    }

    #[test]
    fn removal_drops_flagged_lines_and_their_separators() {
        let text = "Skip to main content\n\nHeadline\n\nShare\n\nBody.\n\nTop Stories\n\nElse.";
        assert_eq!(remove(text, &detect(text)), "Headline\n\nBody.");
        assert_eq!(remove(text, &[]), text);
    }

    #[test]
    fn sample_article_is_cleaned_to_the_story() {
        let text = normalize(crate::model::source::SAMPLE_TEXT);
        let cleaned = remove(&text, &detect(&text));
        assert!(cleaned.starts_with("U.S. warned Iran that ISIS-K was preparing attack"));
        assert!(cleaned.ends_with("Associated Press writer Jon Gambrell in Jerusalem contributed to this report."));
        assert!(!cleaned.contains("Share"));
        assert!(!cleaned.contains("Top Stories"));
        assert!(cleaned.contains("WASHINGTON -"));
    }
}
