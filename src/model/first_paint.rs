//! What the page paints before the app has loaded: the open article's first screens, their
//! highlights and the first entries of the panel's list, as plain data. The app writes it
//! whenever what it shows has settled; `public/first-paint.js` lays it out with text nodes
//! only (never markup) while the app's wasm is still on its way, and the app takes the page
//! over once it has mounted. It is a copy for painting, never read back as the library.

use serde::{Deserialize, Serialize};

use super::library::{AnnotationKind, Article, Library};
use super::offsets::{CharIndex, CharOffset};
use super::text;
use super::verdicts::Verdict;

/// The format's version: `first-paint.js` paints only a version it knows.
pub const VERSION: u32 = 1;

/// How much of the text is painted: the first paragraphs up to this many characters, which
/// cover the first screen even on a tall one (the app opens an article at its top; at about 80
/// characters and 30 pixels a line, a 1,600 pixel tall window shows some 4,000). Every element
/// and character more is styled and laid out before anything shows: with 12,000 and 30 entries
/// the typical article's copy was 321 elements and 525 layout objects, now 218 and 322.
pub const HEAD_CHARS: usize = 6_000;

/// How many entries of the panel's list are painted: more than a screen holds (about seven
/// at 900 pixels tall).
pub const ENTRIES: usize = 14;

/// The first paint of the open article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstPaint {
    pub v: u32,
    /// The article's id: painted only while it is still the one this browser opens.
    pub article: String,
    pub title: String,
    /// The title is the text's first paragraph, and shown only there.
    pub title_in_text: bool,
    /// The parts of the line under the title, in order ("No source URL", "397 words").
    pub meta: Vec<String>,
    /// The text's first paragraphs.
    pub head: String,
    /// Highlights within `head`: kind slug, start and end in UTF-16 units of `head`.
    pub marks: Vec<(String, usize, usize)>,
    /// Annotations of each kind, in `AnnotationKind::ALL` order.
    pub counts: Vec<usize>,
    /// The first entries of the panel's list, in text order.
    pub entries: Vec<Entry>,
    /// Articles in the library (the badge on "Library").
    pub articles: usize,
}

/// One entry of the panel's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub kind: String,
    pub label: String,
    pub quote: String,
    /// What the entry shows beside its name: class and text ("entry-note", "…").
    pub extra: Vec<(String, String)>,
}

impl FirstPaint {
    /// The first paint of the library's open article, if one is open.
    pub fn of(library: &Library) -> Option<Self> {
        let article = library.current()?;
        Some(Self::of_article(article, library.articles.len()))
    }

    fn of_article(article: &Article, articles: usize) -> Self {
        let text: &str = &article.text;
        let head_end = head_end(text);
        let head = &text[..head_end];
        let head_chars = CharOffset(head.chars().count());
        let in_order = article.annotations_in_text_order();
        // UTF-16 units of the head's code points, as the DOM counts them.
        let mut units = Vec::with_capacity(head_chars.0 + 1);
        let mut at = 0;
        units.push(0);
        for c in head.chars() {
            at += c.len_utf16();
            units.push(at);
        }
        let marks = in_order
            .iter()
            .filter(|a| a.start < head_chars && a.start < a.end)
            .map(|a| (a.kind.slug().to_string(), units[a.start.0], units[a.end.min(head_chars).0]))
            .collect();
        let counts =
            AnnotationKind::ALL.iter().map(|k| article.annotations.iter().filter(|a| a.kind == *k).count()).collect();
        let index = CharIndex::new(text);
        let entries = in_order
            .iter()
            .take(ENTRIES)
            .map(|a| {
                let verdict = article.verdicts.iter().find(|v| v.claim == a.id).map(Verdict::label);
                let by = a.byline();
                let extra = [
                    ("entry-verdict", verdict.unwrap_or_default()),
                    ("entry-note", if a.note.is_empty() { String::new() } else { text::excerpt(&a.note, 120) }),
                    ("entry-by", by),
                ]
                .into_iter()
                .filter(|(_, shown)| !shown.is_empty())
                .map(|(class, shown)| (class.to_string(), shown))
                .collect();
                Entry {
                    kind: a.kind.slug().to_string(),
                    label: a.kind.label().to_string(),
                    quote: text::excerpt(index.slice(a.start, a.end), 160),
                    extra,
                }
            })
            .collect();
        FirstPaint {
            v: VERSION,
            article: article.id.clone(),
            title: article.title.clone(),
            title_in_text: text::opens_with_title(text, &article.title),
            meta: meta_line(article),
            head: head.to_string(),
            marks,
            counts,
            entries,
            articles,
        }
    }
}

/// The parts of the reader's line under the title, worded as the reader words them.
fn meta_line(article: &Article) -> Vec<String> {
    let url = if article.source_url.is_empty() { text::NO_SOURCE_URL.to_string() } else { article.source_url.clone() };
    let words = format!("{} words", text::word_count(&article.text));
    [article.credit(), url, text::publication(&article.published), words]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect()
}

/// The byte offset where the painted head ends: the end of the paragraph that reaches
/// [`HEAD_CHARS`] characters, or the end of the text.
fn head_end(text: &str) -> usize {
    let Some((cut, _)) = text.char_indices().nth(HEAD_CHARS) else { return text.len() };
    text[cut..].find("\n\n").map_or(text.len(), |i| cut + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::Annotation;

    fn article(text: &str, spans: &[(AnnotationKind, usize, usize)]) -> Library {
        let mut library = Library::default();
        let mut article = Article::new("a1".into(), "Title".into(), text.into(), "2026-12-04T00:00:00Z".into());
        for (n, &(kind, start, end)) in spans.iter().enumerate() {
            article.annotations.push(Annotation {
                id: format!("n{n}"),
                kind,
                start: CharOffset(start),
                end: CharOffset(end),
                note: if n == 0 { "<b>not markup</b>".into() } else { String::new() },
                created: String::new(),
                modified: String::new(),
                author: String::new(),
                edited_by: String::new(),
            });
        }
        library.articles.push(article);
        library.current = Some("a1".into());
        library
    }

    #[test]
    fn marks_are_in_utf16_units_of_the_head_and_entries_in_text_order() {
        // "😀" is two UTF-16 units: the claim on "world" starts at unit 9, code point 8.
        let text = "Hello 😀 world.\n\nSecond paragraph, a U.S. official said.";
        let library = article(text, &[(AnnotationKind::AnonymousAttribution, 34, 54), (AnnotationKind::Claim, 8, 13)]);
        let paint = FirstPaint::of(&library).unwrap();
        assert_eq!(paint.head, text);
        assert_eq!(paint.marks, [("claim".into(), 9, 14), ("anonymous".into(), 35, 55)]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[34..54].iter().collect::<String>(), "a U.S. official said");
        assert_eq!(paint.counts, [1, 0, 1]);
        assert_eq!(paint.entries[0].quote, "world");
        assert_eq!(paint.entries[1].label, "Anonymous attribution");
        assert_eq!(paint.entries[1].extra, [("entry-note".to_string(), "<b>not markup</b>".to_string())]);
        assert_eq!(paint.meta, ["No source URL", "Publication date unknown", "9 words"]);
        assert_eq!(paint.articles, 1);
    }

    #[test]
    fn a_long_text_is_cut_after_a_paragraph_and_marks_past_the_cut_are_left_out() {
        let paragraph = "word ".repeat(999) + "word";
        let text = [paragraph.as_str(); 5].join("\n\n");
        let far = text.chars().count() - 4;
        let across = 5000 * 2 - 10;
        let library =
            article(&text, &[(AnnotationKind::Source, far, far + 4), (AnnotationKind::Claim, across, across + 20)]);
        let paint = FirstPaint::of(&library).unwrap();
        // The head ends with the second paragraph, the one that reaches 6,000 characters.
        assert_eq!(paint.head.chars().count(), 2 * 4999 + 2);
        assert!(paint.head.ends_with("word"));
        // A mark across the cut is painted up to it.
        assert_eq!(paint.marks, [("claim".into(), across, 2 * 4999 + 2)]);
        assert_eq!(paint.counts, [1, 1, 0]);
        assert_eq!(paint.entries.len(), 2, "the list is of all annotations, not only those painted");
    }

    #[test]
    fn the_line_under_the_title_and_a_verdict_are_worded_as_the_app_words_them() {
        let mut library = article("A claim.", &[(AnnotationKind::Claim, 0, 7)]);
        let article = &mut library.articles[0];
        (article.byline, article.site_name) = ("Ana Ruiz".into(), "The Courier".into());
        (article.source_url, article.published) = ("https://example.com/a".into(), "2024-01-04".into());
        article.verdicts.push(Verdict { claim: "n0".into(), rating: "False".into(), ..Verdict::default() });
        let paint = FirstPaint::of(&library).unwrap();
        assert_eq!(
            paint.meta,
            ["By Ana Ruiz · The Courier", "https://example.com/a", "Published 4 January 2024", "2 words"]
        );
        assert_eq!(paint.entries[0].extra[0], ("entry-verdict".to_string(), "False · To check".to_string()));
    }

    #[test]
    fn no_open_article_paints_nothing() {
        let mut library = article("Text.", &[]);
        library.current = None;
        assert_eq!(FirstPaint::of(&library), None);
    }
}
