//! Properties of the pure core, checked with proptest on generated inputs: span arithmetic,
//! offset conversions, segmentation, every parser of outside input, and re-anchoring. Each
//! section states its property; the unit tests in `src/model` check chosen examples, these
//! check that the rules hold for every input, including text no one thought to write.

// proptest builds natively only (see Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/libraries.rs"]
mod libraries;

use article_annotator::model::anchoring::{Anchor, Anchorer, Method, Selector};
use article_annotator::model::extract::extract;
use article_annotator::model::formats::export::{Provenance, export};
use article_annotator::model::formats::import::import;
use article_annotator::model::library::{Article, Library};
use article_annotator::model::offsets::{
    CharIndex, CharOffset, Utf16Offset, byte_to_char, char_to_byte, char_to_utf16, utf16_to_char,
};
use article_annotator::model::source::{SourceFormat, read};
use article_annotator::model::span::{Span, quote, segments, trim, trim_marked};
use article_annotator::model::stored::{decode, encode};
use article_annotator::model::text::{normalize, plain_line, single_line};
use libraries::Generator;
use proptest::prelude::*;

/// Pieces of text that break naive offset code: emoji outside the BMP (one with a zero-width
/// joiner and skin tone), combining marks, CJK, right-to-left script, bidi controls, a BOM,
/// white space of several kinds (no-break, ideographic, CR, paragraph breaks).
const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "official",
    "said",
    ".",
    "😀",
    "👩🏽\u{200d}🚒",
    "e\u{301}",
    "\u{301}",
    "中文",
    "مرحبا",
    "שלום",
    "\u{202e}",
    "\u{2067}",
    "\u{200f}",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "“",
    "—",
    "<",
    "&",
    "#",
    "*",
    "_",
    "[",
    "](",
    ")",
];

/// Text made of [`PIECES`], or any string at all.
fn unicode_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..max_pieces).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

/// Text made of [`PIECES`] and the punctuation that marking trims or keeps: commas, quotation
/// marks, brackets, abbreviations, sentence ends.
fn punctuated_text(max_pieces: usize) -> impl Strategy<Value = String> {
    const PUNCTUATION: &[&str] = &[
        ",", ";", ":", "\"", "”", "‘", "’", "'", "(", "]", "«", "U.S.", "Inc.", "J.", "people.", "–", "!", "?", "...",
    ];
    let piece = prop_oneof![prop::sample::select(PIECES), prop::sample::select(PUNCTUATION)];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|p| p.concat())
}

/// The spans `start..end` drawn from small offsets, so that they overlap often.
fn spans(max: usize) -> impl Strategy<Value = Vec<Span>> {
    prop::collection::vec((0..40usize, 1..16usize), 0..max)
        .prop_map(|v| v.into_iter().filter_map(|(s, l)| Span::new(CharOffset(s), CharOffset(s + l))).collect())
}

/// Span arithmetic against its definition on single offsets: a span is the set of offsets it
/// contains, two spans overlap when those sets meet, a quote has one character per offset, and
/// trimming removes exactly the white space `str::trim` removes.
mod span_arithmetic {
    use super::*;

    proptest! {
        #[test]
        fn new_refuses_exactly_the_empty_and_reversed_spans(a in 0..100usize, b in 0..100usize) {
            let span = Span::new(CharOffset(a), CharOffset(b));
            prop_assert_eq!(span.is_some(), a < b);
            if let Some(s) = span {
                prop_assert_eq!((s.start, s.end), (CharOffset(a), CharOffset(b)));
            }
        }

        #[test]
        fn overlap_means_a_shared_offset(s in 0..30usize, l in 1..10usize, t in 0..30usize, m in 1..10usize) {
            let (x, y) = (Span::new(CharOffset(s), CharOffset(s + l)).unwrap(), Span::new(CharOffset(t), CharOffset(t + m)).unwrap());
            let shared = (0..50).any(|i| x.contains(CharOffset(i)) && y.contains(CharOffset(i)));
            prop_assert_eq!(x.overlaps(y), shared);
            prop_assert_eq!(y.overlaps(x), shared);
            prop_assert_eq!((0..50).filter(|&i| x.contains(CharOffset(i))).count(), l);
        }

        #[test]
        fn a_quote_is_the_characters_at_the_offsets_it_contains(text in unicode_text(40), s in 0..50usize, l in 1..20usize, m in 0..20usize) {
            let chars: Vec<char> = text.chars().collect();
            let span = Span::new(CharOffset(s), CharOffset(s + l)).unwrap();
            let expected: String = chars.iter().enumerate().filter(|&(i, _)| span.contains(CharOffset(i))).map(|(_, c)| c).collect();
            prop_assert_eq!(quote(&text, span), expected);
            // Quotes of adjacent spans put together are the quote of their union.
            let after = Span::new(span.end, CharOffset(span.end.0 + 1 + m)).unwrap();
            let whole = Span::new(span.start, after.end).unwrap();
            prop_assert_eq!(quote(&text, span) + &quote(&text, after), quote(&text, whole));
        }

        #[test]
        fn trimming_removes_the_white_space_at_the_ends_and_nothing_else(text in unicode_text(40), s in 0..60usize, l in 1..30usize) {
            let length = text.chars().count();
            prop_assume!(s < length);
            let span = Span::new(CharOffset(s), CharOffset((s + l).min(length))).unwrap();
            let quoted = quote(&text, span);
            match trim(&text, span) {
                None => prop_assert!(quoted.trim().is_empty(), "{quoted:?} was refused"),
                Some(trimmed) => {
                    prop_assert!(span.start <= trimmed.start && trimmed.end <= span.end);
                    prop_assert_eq!(quote(&text, trimmed), quoted.trim());
                }
            }
        }

        /// Trimming a mark takes off only white space and punctuation, at the ends: it keeps
        /// every letter and digit, and is empty only when there were none; a second time, it
        /// changes nothing.
        #[test]
        fn trimming_a_mark_takes_off_only_punctuation_at_the_ends_and_is_idempotent(text in punctuated_text(30), s in 0..60usize, l in 1..30usize) {
            let length = text.chars().count();
            prop_assume!(s < length);
            let span = Span::new(CharOffset(s), CharOffset((s + l).min(length))).unwrap();
            let quoted: Vec<char> = quote(&text, span).chars().collect();
            let has_words = quoted.iter().any(|c| c.is_alphanumeric());
            match trim_marked(&text, span) {
                None => prop_assert!(!has_words, "{quoted:?} was refused"),
                Some(marked) => {
                    prop_assert!(span.start <= marked.start && marked.end <= span.end);
                    let within = trim(&text, span).unwrap();
                    prop_assert!(within.start <= marked.start && marked.end <= within.end, "within the white-space trim");
                    let cut_before = &quoted[..marked.start.0 - span.start.0];
                    let cut_after = &quoted[quoted.len() - (span.end.0 - marked.end.0)..];
                    prop_assert!(cut_before.iter().chain(cut_after).all(|c| !c.is_alphanumeric()), "{quoted:?} -> {:?}", quote(&text, marked));
                    prop_assert_eq!(trim_marked(&text, marked), Some(marked));
                }
            }
        }
    }
}

/// Offset conversions on arbitrary Unicode: code point, byte and UTF-16 offsets of the same
/// position convert into each other and back, grow together, and the checkpointed
/// [`CharIndex`] agrees with a walk from the start (texts long enough to pass several of its
/// 64-character checkpoints).
mod offsets {
    use super::*;

    proptest! {
        #[test]
        fn conversions_round_trip_and_grow_together(text in unicode_text(200)) {
            let boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut utf16_before = None;
            for (i, &byte) in boundaries.iter().enumerate() {
                let at = CharOffset(i);
                prop_assert_eq!(char_to_byte(&text, at), byte);
                prop_assert_eq!(byte_to_char(&text, byte), at);
                let utf16 = char_to_utf16(&text, at);
                prop_assert_eq!(utf16.0, text[..byte].encode_utf16().count());
                prop_assert_eq!(utf16_to_char(&text, utf16), at);
                prop_assert!(utf16_before < Some(utf16), "UTF-16 offsets grow with code points");
                utf16_before = Some(utf16);
            }
        }

        #[test]
        fn any_utf16_offset_lands_on_the_last_character_start_at_or_before_it(text in unicode_text(60), unit in 0..200usize) {
            let at = utf16_to_char(&text, Utf16Offset(unit));
            let back = char_to_utf16(&text, at);
            let total = text.encode_utf16().count();
            prop_assert!(back.0 <= unit.min(total));
            // The next character start is past the offset (or there is none).
            let next = char_to_utf16(&text, CharOffset(at.0 + 1));
            prop_assert!(next.0 > unit || at.0 == text.chars().count());
        }

        #[test]
        fn the_index_agrees_with_a_walk_from_the_start(text in unicode_text(400), a in 0..500usize, b in 0..500usize) {
            let index = CharIndex::new(&text);
            let length = text.chars().count();
            for i in (0..length + 3).step_by(7).chain([a, b]) {
                prop_assert_eq!(index.byte(CharOffset(i)), char_to_byte(&text, CharOffset(i)));
            }
            let (from, to) = (char_to_byte(&text, CharOffset(a)), char_to_byte(&text, CharOffset(b)));
            prop_assert_eq!(index.slice(CharOffset(a), CharOffset(b)), if from <= to { &text[from..to] } else { "" });
        }
    }
}

/// Segmentation of overlapping spans: segments are non-empty, ordered and disjoint; together
/// they cover exactly the offsets some span covers; each lists exactly the spans covering it,
/// each of which covers all of it; and a segment edge is always a span edge.
mod segmentation {
    use super::*;

    proptest! {
        #[test]
        fn segments_partition_the_union_by_covering_spans(spans in spans(12)) {
            let pieces = segments(&spans);
            for pair in pieces.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start, "ordered and disjoint: {pieces:?}");
            }
            for i in (0..60).map(CharOffset) {
                let covering: Vec<usize> = (0..spans.len()).filter(|&k| spans[k].contains(i)).collect();
                let holding: Vec<_> = pieces.iter().filter(|p| p.span.contains(i)).collect();
                if covering.is_empty() {
                    prop_assert!(holding.is_empty(), "offset {} is in no span but in a segment", i.0);
                } else {
                    prop_assert_eq!(holding.len(), 1, "offset {} is in one segment", i.0);
                    prop_assert_eq!(&holding[0].covering, &covering, "at offset {}", i.0);
                }
            }
            let edges: Vec<CharOffset> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
            for piece in &pieces {
                prop_assert!(edges.contains(&piece.span.start) && edges.contains(&piece.span.end));
                prop_assert!(!edges.iter().any(|&e| piece.span.start < e && e < piece.span.end), "cut at every edge");
                for &k in &piece.covering {
                    prop_assert!(spans[k].start <= piece.span.start && piece.span.end <= spans[k].end);
                }
            }
        }
    }
}

/// The stored format: any string is read or refused without a panic, values close to ours
/// (cut, spliced, with other numbers) too, and every generated library reads back as written.
mod stored_format {
    use super::*;

    /// A library from the shared generator, with one of its articles open.
    pub(crate) fn library(seed: u64) -> Library {
        let mut library = Generator(seed).library();
        let open = (seed as usize) % library.articles.len();
        library.current = Some(library.articles[open].id.clone());
        library
    }

    /// Tokens that JSON parsers and our readers treat specially.
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "null",
        "true",
        "-1",
        "0",
        "1e400",
        "18446744073709551616",
        "4294967296",
        "\"start\":",
        "\"end\":",
        "\"version\":",
        "\"articles\":",
        "\"text\":",
        "\"\\ud800\"",
        "😀",
    ];

    /// Applies `edits` to `raw`: each cuts out a stretch at a character boundary and puts a
    /// token in its place.
    pub(crate) fn mutate(raw: &str, edits: &[(usize, usize, usize)]) -> String {
        let mut out = raw.to_string();
        for &(at, cut, token) in edits {
            let start = char_to_byte(&out, CharOffset(at % (out.chars().count() + 1)));
            let end = char_to_byte(&out[start..], CharOffset(cut)) + start;
            out.replace_range(start..end, TOKENS[token % TOKENS.len()]);
        }
        out
    }

    /// Replaces the `nth` run of digits (counting round) with `number`: offsets beyond the
    /// text, versions from the future, numbers too large for any integer type.
    pub(crate) fn renumber(raw: &str, nth: usize, number: &str) -> String {
        let runs: Vec<(usize, usize)> = raw
            .char_indices()
            .filter(|&(i, c)| c.is_ascii_digit() && !raw[..i].ends_with(|d: char| d.is_ascii_digit()))
            .map(|(i, _)| (i, raw[i..].find(|d: char| !d.is_ascii_digit()).map_or(raw.len(), |e| i + e)))
            .collect();
        let Some(&(start, end)) = runs.get(nth % runs.len().max(1)) else { return raw.to_string() };
        format!("{}{number}{}", &raw[..start], &raw[end..])
    }

    pub(crate) fn edits() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
        prop::collection::vec((any::<usize>(), 0..8usize, any::<usize>()), 1..4)
    }

    pub(crate) fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<u64>().prop_map(|n| n.to_string()),
            Just("99999999999999999999999".into()),
            Just("-3".into()),
            Just("1.5".into())
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn decode_reads_back_what_encode_wrote(seed in any::<u64>()) {
            let library = library(seed);
            prop_assert_eq!(decode(&encode(&library)), Ok(library));
        }

        #[test]
        fn decode_never_panics_on_any_string(raw in unicode_text(60)) {
            let _ = decode(&raw);
        }

        #[test]
        fn decode_never_panics_on_a_damaged_library(seed in any::<u64>(), edits in edits(), nth in any::<usize>(), number in number()) {
            let raw = encode(&library(seed));
            let _ = decode(&mutate(&raw, &edits));
            let _ = decode(&renumber(&raw, nth, &number));
        }
    }
}

/// Import of files: any string, and any damaged export or stored library, is imported or
/// refused without a panic, into an empty library and into one holding the file's article.
/// What is imported keeps every article the library had, and every annotation lies within its
/// article's text: the file's offsets are checked, not trusted.
mod import_files {
    use super::stored_format::{edits, library, mutate, number, renumber};
    use super::*;

    fn check(raw: &str, into: &Library) -> Result<(), TestCaseError> {
        match import(raw, into, into.current.as_deref()) {
            Err(e) => prop_assert!(!e.0.is_empty(), "an error says why"),
            Ok(imported) => {
                for (before, after) in into.articles.iter().zip(&imported.library.articles) {
                    prop_assert_eq!(&before.id, &after.id);
                    prop_assert_eq!(&before.text, &after.text);
                }
                prop_assert!(imported.library.articles.len() >= into.articles.len());
                for article in &imported.library.articles {
                    let length = CharOffset(article.text.chars().count());
                    for a in &article.annotations {
                        prop_assert!(
                            a.start < a.end && a.end <= length,
                            "{:?} in a text of {} characters",
                            a,
                            length.0
                        );
                    }
                }
            }
        }
        Ok(())
    }

    /// The library the damaged file is imported into: empty, or holding its first article
    /// with another text (so that annotations are placed again by their quotes).
    fn targets(library: &Library) -> [Library; 2] {
        let mut holding = Library::default();
        let first = &library.articles[0];
        let mut changed =
            Article::new(first.id.clone(), first.title.clone(), format!("Update. {}", first.text), first.added.clone());
        changed.source_url = first.source_url.clone();
        holding.add(changed);
        [Library::default(), holding]
    }

    fn provenance() -> Provenance {
        Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0.1.0".into() }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn import_never_panics_on_any_string(raw in unicode_text(60)) {
            for into in targets(&library(1)) {
                check(&raw, &into)?;
            }
        }

        #[test]
        fn import_never_panics_on_a_damaged_export(seed in any::<u64>(), edits in edits(), nth in any::<usize>(), number in number()) {
            let library = library(seed);
            let file = export(&library.articles, &library.ratings, &library.off_scale, &provenance());
            for into in targets(&library) {
                check(&mutate(&file, &edits), &into)?;
                check(&renumber(&file, nth, &number), &into)?;
            }
        }

        #[test]
        fn import_never_panics_on_a_damaged_stored_library(seed in any::<u64>(), edits in edits(), nth in any::<usize>(), number in number()) {
            let library = library(seed);
            let raw = encode(&library);
            for into in targets(&library) {
                check(&mutate(&raw, &edits), &into)?;
                check(&renumber(&raw, nth, &number), &into)?;
            }
        }
    }
}

/// Reading sources and HTML pages: no input panics; a draft's text is normalized (as
/// `text::normalize` leaves it) and holds more than white space and bidi controls, and its
/// title is one non-empty line; a page's
/// title and heading are collapsed to single spaces and its text has no white space at its
/// ends; text with no markup, or markup-escaped inside a paragraph, comes out as written up to
/// white space.
mod sources {
    use super::*;

    /// Markup pieces that steer the tokenizer and the Markdown reader into their branches.
    const MARKUP: &[&str] = &[
        "<p>",
        "</p>",
        "<br>",
        "<h1>",
        "</h1>",
        "<title>",
        "</title>",
        "<head>",
        "</head>",
        "<script>",
        "</script>",
        "<pre>",
        "</pre>",
        "<div hidden>",
        "</div>",
        "<nav>",
        "</nav>",
        "<!--",
        "-->",
        "<!doctype html>",
        "<a href=\">\">",
        "<td>",
        "&amp;",
        "&#128512;",
        "&#xD800;",
        "&#99999999999;",
        "&nbsp;",
        "&",
        "<",
        ">",
        "# ",
        "## ",
        "**",
        "__",
        "*",
        "_",
        "![",
        "[",
        "](",
        ")",
        "Share",
        "Top Stories",
        "Skip to main content",
        "\n",
        "\n\n",
        " ",
        "word",
        "😀",
        "\u{2003}",
    ];

    fn markup() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::collection::vec(prop::sample::select(MARKUP), 0..40).prop_map(|p| p.concat()),
            1 => unicode_text(40),
        ]
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn every_format_reads_into_a_normalized_draft_or_refuses(raw in markup()) {
            for format in [SourceFormat::Plain, SourceFormat::Markdown, SourceFormat::Html] {
                let Ok(draft) = read(&raw, format) else { continue };
                prop_assert_eq!(normalize(&draft.text), draft.text.clone(), "{:?}", format);
                prop_assert!(!plain_line(&draft.text).is_empty(), "{:?}: more than white space and bidi controls", format);
                prop_assert!(!draft.title.is_empty(), "{:?}: the title is never empty", format);
                prop_assert_eq!(single_line(&draft.title), draft.title.clone(), "{:?}: the title is one line", format);
            }
        }

        #[test]
        fn plain_text_is_read_as_its_normalized_self(raw in unicode_text(60)) {
            let normalized = normalize(&raw);
            match read(&raw, SourceFormat::Plain) {
                Ok(draft) => prop_assert_eq!(draft.text, normalized),
                Err(_) => prop_assert!(plain_line(&normalized).is_empty()),
            }
        }

        #[test]
        fn a_page_has_a_one_line_title_trimmed_text_and_parts_at_paragraph_starts(raw in markup()) {
            let page = extract(&raw, None);
            prop_assert_eq!(single_line(&page.title), page.title.clone());
            prop_assert_eq!(page.text.trim(), page.text.as_str());
            for part in &page.removed {
                prop_assert!(part.at == 0 || part.at == page.text.len() || page.text[..part.at].ends_with("\n\n"));
            }
        }

        #[test]
        fn escaped_text_in_a_paragraph_is_kept_or_listed_as_left_out(text in markup()) {
            // Nothing is dropped unseen: the paragraph is the text, the title, or a removed part.
            let page = extract(&format!("<p>{}</p>", escape(&text)), None);
            let line = single_line(&text);
            let listed = page.removed.iter().any(|part| part.text == line);
            prop_assert!(line.is_empty() || page.text == line || page.title == line || listed, "{:?}", page);
        }
    }
}

/// Re-anchoring. Matching folds case, white space runs and typographic quotes by design, so
/// texts here are made of words that folding leaves alone, separated by one space or one
/// paragraph break: "the same once folded" is then "the same". On an unchanged text every
/// trimmed annotation is placed where it was; after text is inserted before it, it moves by
/// the insertion's length; and after any edits, a placement reported exact (by position or
/// quote) is always on the very text that was quoted.
mod reanchoring {
    use super::*;

    const WORDS: &[&str] = &[
        "the",
        "official",
        "said",
        "u.s.",
        "warning",
        "was",
        "specific",
        "residents",
        "not",
        "told",
        "95",
        "😀",
        "e\u{301}té",
        "中文",
        "مرحبا",
        "\"quoted\"",
        "it's",
        "—",
        "a",
        "bridge",
    ];
    /// Words of the inserted text: none occurs in [`WORDS`], so the quote cannot turn up in it.
    const INSERTED: &[&str] = &["αβγ", "δε", "ζη:", "θ."];

    fn text_of(words: &[&str], breaks: &[bool]) -> String {
        let mut out = String::new();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push_str(if breaks[i % breaks.len()] { "\n\n" } else { " " });
            }
            out.push_str(word);
        }
        out
    }

    fn article_text() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(prop::sample::select(WORDS), 1..80),
            prop::collection::vec(prop::bool::weighted(0.1), 1..8),
        )
            .prop_map(|(words, breaks)| text_of(&words, &breaks))
    }

    /// A trimmed span of `text` from two numbers, as the app makes annotations.
    fn annotation(text: &str, a: usize, b: usize) -> Option<Span> {
        let length = text.chars().count();
        let (a, b) = (a % length, b % length);
        trim(text, Span::new(CharOffset(a.min(b)), CharOffset(a.max(b) + 1))?)
    }

    /// The selector an export keeps for a span: its quote and 32 characters either side.
    fn selector_parts(text: &str, span: Span) -> (String, String, String) {
        let index = CharIndex::new(text);
        let length = text.chars().count();
        (
            index.slice(span.start, span.end).to_string(),
            index.slice(CharOffset(span.start.0.saturating_sub(32)), span.start).to_string(),
            index.slice(span.end, CharOffset((span.end.0 + 32).min(length))).to_string(),
        )
    }

    fn anchor(old: &str, span: Span, new: &str) -> Anchor {
        let (exact, prefix, suffix) = selector_parts(old, span);
        Anchorer::new(new).anchor(&Selector {
            exact: &exact,
            prefix: &prefix,
            suffix: &suffix,
            start: Some(span.start),
        })
    }

    /// An edit of a text: a stretch of words replaced by others.
    fn edited(text: &str, at: usize, cut: usize, insert: &[&str]) -> String {
        let mut words: Vec<&str> = text.split(' ').collect();
        let at = at % (words.len() + 1);
        let end = (at + cut).min(words.len());
        words.splice(at..end, insert.iter().copied());
        words.join(" ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn an_unchanged_text_keeps_every_annotation_where_it_was(text in article_text(), a in any::<usize>(), b in any::<usize>()) {
            let Some(span) = annotation(&text, a, b) else { return Ok(()) };
            let placed = anchor(&text, span, &text);
            prop_assert!(
                matches!(placed, Anchor::Placed { start, end, method: Method::Position, .. } if start == span.start && end == span.end),
                "{:?} for {:?} ({:?})", placed, span, quote(&text, span)
            );
        }

        #[test]
        fn an_insertion_before_moves_every_annotation_by_its_length(
            text in article_text(),
            inserted in prop::collection::vec(prop::sample::select(INSERTED), 1..6),
            paragraph in any::<bool>(),
            a in any::<usize>(),
            b in any::<usize>(),
        ) {
            let Some(span) = annotation(&text, a, b) else { return Ok(()) };
            let head = inserted.join(" ") + if paragraph { "\n\n" } else { " " };
            let shift = head.chars().count();
            let new = format!("{head}{text}");
            let placed = anchor(&text, span, &new);
            prop_assert!(
                matches!(placed, Anchor::Placed { start, end, .. } if start.0 == span.start.0 + shift && end.0 == span.end.0 + shift),
                "{:?} for {:?} ({:?})", placed, span, quote(&text, span)
            );
        }

        #[test]
        fn an_exact_placement_is_on_the_quoted_text(
            text in article_text(),
            edits in prop::collection::vec((any::<usize>(), 0..4usize, prop::collection::vec(prop::sample::select(WORDS), 0..4)), 1..4),
            a in any::<usize>(),
            b in any::<usize>(),
        ) {
            let Some(span) = annotation(&text, a, b) else { return Ok(()) };
            let new = edits.iter().fold(text.clone(), |t, (at, cut, words)| edited(&t, *at, *cut, words));
            if let Anchor::Placed { start, end, method: Method::Position | Method::Quote, confidence } = anchor(&text, span, &new) {
                let placed = Span::new(start, end).expect("a placement is not empty");
                prop_assert_eq!(confidence, 1.0);
                prop_assert_eq!(quote(&new, placed), quote(&text, span), "in {:?}", new);
            }
        }
    }
}

/// The attribution assistant reads a long text a piece at a time; where the pieces fall must not
/// change what it finds.
mod versions {
    use super::*;
    use article_annotator::model::anchoring::through_diff::{Moved, move_through};
    use article_annotator::model::diff::Diff;

    proptest! {
        /// The hunks say all that changed: applied to the old text they give the new one, and an
        /// annotation moves only onto text that its unchanged part still has.
        #[test]
        fn the_diff_rebuilds_the_new_text_and_moves_stay_in_it(old in unicode_text(40), new in unicode_text(40), spans in spans(8)) {
            let diff = Diff::between(&old, &new);
            let (o, n): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
            let (mut rebuilt, mut at): (Vec<char>, usize) = (Vec::new(), 0);
            for hunk in &diff.hunks {
                prop_assert!(at <= hunk.old.start && hunk.old.start <= hunk.old.end && hunk.old.end <= o.len());
                rebuilt.extend(&o[at..hunk.old.start]);
                rebuilt.extend(&n[hunk.new.clone()]);
                at = hunk.old.end;
            }
            rebuilt.extend(&o[at..]);
            prop_assert_eq!(&rebuilt, &n);
            let inside: Vec<Span> = spans.into_iter().filter(|s| s.end.0 <= o.len()).collect();
            for moved in move_through(&diff, &old, &new, &inside) {
                if let Moved::To(span) = moved {
                    prop_assert!(span.start < span.end && span.end.0 <= n.len());
                }
            }
            if old == new {
                prop_assert!(diff.is_empty());
                let same: Vec<Moved> = inside.iter().map(|&s| Moved::To(s)).collect();
                let moved = move_through(&diff, &old, &new, &inside);
                // Unchanged text keeps every annotation with letters or digits where it was.
                for ((m, s), want) in moved.iter().zip(&inside).zip(&same) {
                    if o[s.start.0..s.end.0].iter().any(|c| c.is_alphanumeric()) {
                        prop_assert_eq!(m, want);
                    }
                }
            }
        }
    }
}

mod attribution_pieces {
    use super::*;
    use article_annotator::model::attribution::suggest_by_pieces;

    /// Sources, cues, reasons, pronouns and quotation marks, so that pieces cut through all of them.
    const WORDS: &[&str] = &[
        "a U.S. official said",
        "the official",
        "who was not authorized to comment",
        "insisted on anonymity",
        "Zoë Lambert told Reuters",
        "according to",
        "two people familiar with the talks",
        "They",
        "said",
        "declined to comment.",
        "the budget rose.",
        "“",
        "”",
        "\"",
        "محمد العلي",
        ".",
        ",",
    ];

    fn text() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(prop::sample::select(WORDS), 1..60),
            prop::collection::vec(prop::sample::select(&[" ", " ", " ", "\n\n", "\n", "\n\n\n"][..]), 1..9),
        )
            .prop_map(|(words, gaps)| {
                let mut out = String::new();
                for (i, word) in words.iter().enumerate() {
                    if i > 0 {
                        out.push_str(gaps[i % gaps.len()]);
                    }
                    out.push_str(word);
                }
                out
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn pieces_of_any_size_find_what_one_pass_finds(text in text(), piece in 1..200usize) {
            prop_assert_eq!(suggest_by_pieces(&text, piece), suggest_by_pieces(&text, usize::MAX), "in {:?}", text);
        }
    }
}

/// The keyboard caret steps through the text where it lies, by byte offsets, and answers in
/// code points.
mod caret_motion {
    use super::*;
    use article_annotator::model::motion::{Unit, step};

    fn is_word(c: char) -> bool {
        c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
    }

    proptest! {
        #[test]
        fn every_step_stays_in_the_text_and_goes_its_way(text in unicode_text(60), at in 0..80usize, unit in 0..3usize, forward in any::<bool>()) {
            let unit = [Unit::Character, Unit::Word, Unit::Sentence][unit];
            let length = text.chars().count();
            let at = CharOffset(at.min(length));
            let landed = step(&text, at, unit, forward);
            prop_assert!(landed.0 <= length);
            if forward { prop_assert!(landed >= at) } else { prop_assert!(landed <= at) }
        }

        #[test]
        fn a_character_step_is_one_code_point(text in unicode_text(60), at in 0..80usize) {
            let length = text.chars().count();
            let at = CharOffset(at.min(length));
            prop_assert_eq!(step(&text, at, Unit::Character, true).0, (at.0 + 1).min(length));
            prop_assert_eq!(step(&text, at, Unit::Character, false).0, at.0.saturating_sub(1));
        }

        #[test]
        fn a_word_step_lands_at_the_edge_of_a_word(text in unicode_text(60), at in 0..80usize) {
            let chars: Vec<char> = text.chars().collect();
            let at = CharOffset(at.min(chars.len()));
            let end = step(&text, at, Unit::Word, true).0;
            prop_assert!(end == chars.len() || !is_word(chars[end]), "forward stops before a non-word character or the end");
            prop_assert!(end == at.0 || end == chars.len() || is_word(chars[end - 1]), "after a word, if one came before the end");
            let start = step(&text, at, Unit::Word, false).0;
            prop_assert!(start == 0 || !is_word(chars[start - 1]));
            prop_assert!(start == at.0 || start == 0 || is_word(chars[start]));
        }
    }
}

/// brat and doccano: a library written for them and read back has the same annotations, kinds
/// and spans exactly (brat also the notes, unless a line break or tab had to go, and the links).
mod nlp_formats {
    use super::*;
    use article_annotator::model::formats::nlp::{brat, doccano, kind_for_label, to_articles};
    use article_annotator::model::library::AnnotationKind;

    type Marks = Vec<(AnnotationKind, usize, usize)>;

    fn marks(article: &Article) -> Marks {
        let mut marks: Marks = article.annotations.iter().map(|a| (a.kind, a.start.0, a.end.0)).collect();
        marks.sort_by_key(|&(kind, start, end)| (start, end, kind as u8));
        marks
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn doccano_round_trips_kinds_and_spans(seed in any::<u64>()) {
            let library = Generator(seed).library();
            let articles: Vec<&Article> = library.articles.iter().collect();
            let back = to_articles(doccano::read(&doccano::export(&articles)).unwrap(), &kind_for_label, "d", "now");
            prop_assert_eq!((back.skipped, back.unplaced), (0, 0));
            for (ours, theirs) in library.articles.iter().zip(&back.articles) {
                prop_assert_eq!(&ours.text, &theirs.text);
                prop_assert_eq!(marks(ours), marks(theirs));
            }
        }

        #[test]
        fn brat_round_trips_kinds_spans_notes_and_links(seed in any::<u64>()) {
            let library = Generator(seed).library();
            for ours in &library.articles {
                let (txt, ann) = brat::export(ours);
                let doc = brat::read(&ours.title, &txt, &ann).unwrap();
                let back = to_articles(vec![doc], &kind_for_label, "b", "now");
                prop_assert_eq!((back.skipped, back.unplaced), (0, 0));
                let theirs = &back.articles[0];
                prop_assert_eq!(&ours.text, &theirs.text);
                prop_assert_eq!(marks(ours), marks(theirs));
                // Notes too, on one line (brat's notes are lines) and trimmed.
                let noted = |article: &Article, one_line: bool| {
                    let mut notes: Vec<(usize, usize, u8, String)> = article
                        .annotations
                        .iter()
                        .map(|a| {
                            let note = if one_line { a.note.replace(['\n', '\t'], " ").trim().to_string() } else { a.note.clone() };
                            (a.start.0, a.end.0, a.kind as u8, note)
                        })
                        .collect();
                    notes.sort();
                    notes
                };
                prop_assert_eq!(noted(ours, true), noted(theirs, false));
                prop_assert_eq!(theirs.links.len(), ours.links.len());
            }
        }
    }
}
