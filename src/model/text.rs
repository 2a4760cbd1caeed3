//! Article text: normalization and paragraphs.
//!
//! Offsets here are **byte offsets into the UTF-8 text** (`usize`), the native unit of Rust
//! strings. They are never shown to the user and never stored; later formats that need code
//! points or UTF-16 convert at their edge.

use std::ops::Range;

/// Decodes a file's bytes as UTF-8. Each malformed sequence becomes U+FFFD, as the browser's
/// decoder does; the count of them lets the page say that the file was not all text. Valid
/// bytes become the text in place: a file is never twice in memory.
pub fn decode_utf8(bytes: Vec<u8>) -> (String, usize) {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, 0),
        Err(error) => error.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len());
    let mut malformed = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push('\u{fffd}');
            malformed += 1;
        }
    }
    (text, malformed)
}

/// Normalizes text as it enters the app, so that offsets mean the same thing everywhere:
/// line endings become `\n`, a byte-order mark and trailing whitespace on each line are dropped,
/// runs of three or more newlines shrink to one blank line, and the ends are trimmed.
pub fn normalize(raw: &str) -> String {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unified.len());
    let mut blank_run = 0;
    for line in unified.split('\n') {
        // The mark goes where it starts the text, after blank lines too: else normalizing
        // "\n\u{feff}x" would give "\u{feff}x", and normalizing that again would change it.
        let line = if out.is_empty() { line.trim_start_matches('\u{feff}') } else { line }.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// The byte ranges of the paragraphs of normalized text: maximal runs of non-blank lines.
/// The text between two consecutive ranges is exactly one blank-line separator (`"\n\n"`).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
        out.push(start..end);
        start = end + 2;
    }
    out
}

/// Byte ranges of the lines of the text, without their newlines.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let range = start..start + line.len();
        start = range.end + 1;
        range
    })
}

/// Splits `range` into pieces at the edges of `marks`, telling for each piece whether it lies
/// inside a mark. The pieces cover `range` exactly, in order, with no empty piece.
pub fn split_marked(range: Range<usize>, marks: &[Range<usize>]) -> Vec<(Range<usize>, bool)> {
    let mut cuts: Vec<usize> =
        marks.iter().flat_map(|m| [m.start, m.end]).filter(|&c| range.start < c && c < range.end).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut start = range.start;
    for end in cuts.into_iter().chain(std::iter::once(range.end)) {
        if start < end {
            let marked = marks.iter().any(|m| m.start <= start && end <= m.end);
            pieces.push((start..end, marked));
        }
        start = end;
    }
    pieces
}

/// Number of words, counted as runs of alphanumeric characters; used for the library list.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`single_line`] without bidi embedding, override and isolate controls: for titles and
/// excerpts, which the app shows inside its own sentences ("Added “…” to the library."), where
/// an override left open would run on and reverse the app's words after it.
pub fn plain_line(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| !is_bidi_control(c)).collect();
    single_line(&kept)
}

/// Whether the text holds nothing but white space and bidi controls: nothing to read.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_bidi_control(c))
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The passage on one line, cut to at most `max` characters plus "…": for previews.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = plain_line(text);
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// What the reader says under the title when an article has no source URL.
pub const NO_SOURCE_URL: &str = "No source URL";

/// An article's publication date as the reader says it under the title.
pub fn publication(iso: &str) -> String {
    if iso.is_empty() { "Publication date unknown".to_string() } else { format!("Published {}", readable_date(iso)) }
}

/// A `YYYY-MM-DD` date (or the date part of a timestamp) as people read it: "4 January 2024".
/// Anything else is returned as it is.
pub fn readable_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let date = iso.get(..10).unwrap_or(iso);
    let mut parts = date.split('-').map(|p| p.parse::<usize>().ok().filter(|_| p.bytes().all(|b| b.is_ascii_digit())));
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(Some(year)), Some(Some(month @ 1..=12)), Some(Some(day @ 1..=31)), None) if date.len() == 10 => {
            format!("{day} {} {year}", MONTHS[month - 1])
        }
        _ => iso.to_string(),
    }
}

/// Whether the text's first paragraph is its title: a headline pasted with the story, which
/// the reader then shows once, as the text's own first paragraph.
pub fn opens_with_title(text: &str, title: &str) -> bool {
    let first = text.split("\n\n").next().unwrap_or_default();
    !title.trim().is_empty() && single_line(first).trim() == single_line(title).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_forms_drop_bidi_controls_that_would_reorder_the_words_around_them() {
        assert_eq!(
            plain_line("Report \u{202e}gnp.exe\u{202c} and\n \u{2067}مرحبا\u{2069}"),
            "Report gnp.exe and مرحبا"
        );
        assert_eq!(excerpt("\u{202e}evil", 10), "evil");
        assert_eq!(plain_line("ab\u{202e}cd"), "abcd");
        // Marks that only give direction to neutral characters stay.
        assert_eq!(plain_line("a\u{200f}b"), "a\u{200f}b");
        assert_eq!(single_line(" a\u{202e} b "), "a\u{202e} b", "single_line only collapses white space");
        assert!(is_blank(" \u{202e}\u{a0}\n") && !is_blank("\u{202e}a"));
    }

    #[test]
    fn malformed_utf8_is_replaced_and_counted() {
        assert_eq!(decode_utf8("Zoë 😀 مرحبا".into()), ("Zoë 😀 مرحبا".to_string(), 0));
        // A lone continuation byte, a truncated two-byte sequence, an overlong encoding, and a
        // four-byte sequence cut at the end of the file.
        let bytes = vec![b'a', 0x80, b'b', 0xc3, b'(', 0xc0, 0xaf, b'c', 0xf0, 0x9f, 0x98];
        assert_eq!(decode_utf8(bytes.clone()), ("a\u{fffd}b\u{fffd}(\u{fffd}\u{fffd}c\u{fffd}".to_string(), 5));
        assert_eq!(decode_utf8(bytes.clone()).0, String::from_utf8_lossy(&bytes), "as the browser's decoder");
    }

    #[test]
    fn normalize_unifies_line_endings_and_blank_runs() {
        assert_eq!(normalize("\u{feff}  A  \r\nb\r\r\n\n\n\nC\t\n\n"), "  A\nb\n\nC");
    }

    #[test]
    fn normalized_text_stays_as_it_is() {
        // Found by tests/properties.rs: a byte-order mark after a blank line.
        for raw in ["\n\u{feff}", "\r\n\u{feff}x", "x\n\u{feff}y", "\u{feff}\u{feff} \n a"] {
            let once = normalize(raw);
            assert_eq!(normalize(&once), once, "{raw:?}");
        }
        assert_eq!(normalize("\n\u{feff}x"), "x");
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_keep_single_newlines() {
        let text = "Title\n\nOne\nline two\n\nThree";
        let got: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Title", "One\nline two", "Three"]);
        assert!(paragraphs("").is_empty());
    }

    #[test]
    fn paragraph_ranges_and_separators_rebuild_the_text() {
        let text = normalize("é 😀\n\nمرحبا بالعالم\n\n\n\nend");
        let ranges = paragraphs(&text);
        let rebuilt: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(rebuilt.join("\n\n"), text);
    }

    #[test]
    fn split_marked_cuts_at_mark_edges_only_inside_the_range() {
        assert_eq!(split_marked(0..10, &[2..4, 8..20]), [(0..2, false), (2..4, true), (4..8, false), (8..10, true)]);
        assert_eq!(split_marked(5..9, &[]), [(5..9, false)]);
        assert_eq!(split_marked(5..9, &[0..100, 0..1]), [(5..9, true)]);
        assert!(split_marked(3..3, &[0..1, 2..4]).is_empty());
    }

    #[test]
    fn word_count_counts_words_in_any_script() {
        assert_eq!(word_count("It's a U.S. official — مرحبا بالعالم 95"), 8);
    }

    #[test]
    fn single_line_collapses_whitespace() {
        assert_eq!(single_line("  a\n b\t\tc "), "a b c");
    }

    #[test]
    fn excerpt_cuts_on_characters_not_bytes() {
        assert_eq!(excerpt("😀😀😀\n😀", 3), "😀😀😀…");
        assert_eq!(excerpt("short", 10), "short");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(readable_date("2024-01-04"), "4 January 2024");
        assert_eq!(readable_date("2026-12-03T09:28:34.000Z"), "3 December 2026");
        assert_eq!(readable_date("2024-13-04"), "2024-13-04");
        assert_eq!(readable_date("yesterday"), "yesterday");
        assert_eq!(readable_date(""), "");
    }

    #[test]
    fn a_text_opens_with_its_title_only_if_its_first_paragraph_is_the_title() {
        assert!(opens_with_title("Big news\n\nIt happened.", "Big news"));
        assert!(opens_with_title("Big\nnews\n\nIt happened.", "Big news"));
        assert!(!opens_with_title("Big news today\n\nIt happened.", "Big news"));
        assert!(!opens_with_title("It happened.", ""));
    }
}
