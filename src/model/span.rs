//! Half-open spans of an article's text, in code points: trimming, overlap, and the segmentation
//! of overlapping spans into pieces that each know every span covering them.

use super::offsets::CharOffset;

/// The half-open range `start..end` of a text, in code points; never empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// First code point in the span.
    pub start: CharOffset,
    /// First code point after the span.
    pub end: CharOffset,
}

impl Span {
    /// The span `start..end`, or `None` if it would be empty or reversed.
    pub fn new(start: CharOffset, end: CharOffset) -> Option<Span> {
        (start < end).then_some(Span { start, end })
    }

    /// Whether the two spans share at least one code point.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether the code point at `at` lies in the span.
    pub fn contains(self, at: CharOffset) -> bool {
        self.start <= at && at < self.end
    }
}

/// Why offsets read from outside (a stored value, a file) are not a span of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutsideText {
    /// The span would be empty or reversed.
    NotBefore { start: CharOffset, end: CharOffset },
    /// The span runs past the end of a text of `length` code points.
    BeyondEnd { end: CharOffset, length: CharOffset },
}

impl std::fmt::Display for OutsideText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotBefore { start, end } => write!(f, "\"start\" ({}) is not before \"end\" ({})", start.0, end.0),
            Self::BeyondEnd { end, length } => {
                write!(f, "\"end\" ({}) is beyond the end of the text ({} characters)", end.0, length.0)
            }
        }
    }
}

/// Checks that `start..end` is a span of a text of `length` code points.
pub fn within(start: CharOffset, end: CharOffset, length: CharOffset) -> Result<Span, OutsideText> {
    let span = Span::new(start, end).ok_or(OutsideText::NotBefore { start, end })?;
    if end > length {
        return Err(OutsideText::BeyondEnd { end, length });
    }
    Ok(span)
}

/// The text of a span (clamped to the text).
pub fn quote(text: &str, span: Span) -> String {
    text.chars().skip(span.start.0).take(span.end.0.saturating_sub(span.start.0)).collect()
}

/// The span without the whitespace at its ends, or `None` if it holds only whitespace.
/// The span must lie within the text.
pub fn trim(text: &str, span: Span) -> Option<Span> {
    let chars: Vec<char> = text.chars().skip(span.start.0).take(span.end.0 - span.start.0).collect();
    let leading = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trailing = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    Span::new(CharOffset(span.start.0 + leading), CharOffset(span.end.0.saturating_sub(trailing)))
}

/// The span as it is marked: [`trim`]med, and without the punctuation at its ends that belongs
/// to the sentence rather than the passage: commas, semicolons and colons; a dash or a
/// sentence's final mark set off by a space ("— a U.S. official", ". The official"); a final
/// period that ends a sentence, not one of an abbreviation ("U.S.", "Inc.", "Dr.": when in doubt
/// it stays); a quotation mark or bracket at an end whose partner is not in the span. `None`
/// if nothing but white space and such punctuation is selected. The span must lie within the
/// text. Applying it again changes nothing.
pub fn trim_marked(text: &str, span: Span) -> Option<Span> {
    let chars: Vec<char> = text.chars().skip(span.start.0).take(span.end.0 - span.start.0).collect();
    // What follows the span in the text: whether a final period ends a sentence depends on it.
    let after = text.chars().nth(span.end.0);
    let (mut a, mut b) = (0, chars.len());
    loop {
        let before = (a, b);
        while a < b && (chars[a].is_whitespace() || matches!(chars[a], ',' | ';' | ':')) {
            a += 1;
        }
        while b > a && (chars[b - 1].is_whitespace() || matches!(chars[b - 1], ',' | ';' | ':')) {
            b -= 1;
        }
        // Whether the text has white space (or its end) at `i`, counted from the span's start.
        let spaced = |i: usize| chars.get(i).copied().or(after).is_none_or(char::is_whitespace);
        if a < b && matches!(chars[a], '—' | '–' | '.' | '!' | '?') && spaced(a + 1) {
            a += 1;
        }
        if a < b && matches!(chars[b - 1], '—' | '–') && (b - 1 == a || chars[b - 2].is_whitespace()) {
            b -= 1;
        }
        let next = if b == chars.len() { after } else { Some(chars[b]) };
        if a < b && chars[b - 1] == '.' && ends_sentence(&chars[a..b], next) {
            b -= 1;
        }
        if a < b
            && let Some(unmatched) = unmatched_ends(&chars[a..b])
        {
            match unmatched {
                End::Start => a += 1,
                End::End => b -= 1,
            }
        }
        if (a, b) == before {
            break;
        }
    }
    Span::new(CharOffset(span.start.0 + a), CharOffset(span.start.0 + b))
}

/// Abbreviations that take a period, which may or may not also end a sentence.
const ABBREVIATIONS: [&str; 40] = [
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Mt", "Ft", "No", "vs", "etc",
    "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Sgt", "Capt", "Rev", "approx", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec", "al", "Bros", "Ave",
];

/// Whether the final period of `chars` (the span so far) ends a sentence: it follows a word
/// that is no abbreviation ("people." yes; "U.S.", "Inc.", "J." and "..." no), and the text
/// goes on (`next`) with white space, a closing quotation mark or bracket, or ends.
fn ends_sentence(chars: &[char], next: Option<char>) -> bool {
    let goes_on = next.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»'));
    let word_start = chars[..chars.len() - 1].iter().rposition(|c| c.is_whitespace()).map_or(0, |i| i + 1);
    let word: String = chars[word_start..chars.len() - 1].iter().collect();
    // Quotation marks and brackets before the word do not make it another word.
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let abbreviation = word.contains('.') || letters == 1 && word.chars().count() == 1 || ABBREVIATIONS.contains(&word);
    goes_on && !word.is_empty() && word.chars().last().is_some_and(char::is_alphanumeric) && !abbreviation
}

/// Which end of a span to trim.
enum End {
    Start,
    End,
}

/// The end of `chars` that is a quotation mark or bracket whose partner is not in `chars`: an
/// opening one at the start, a closing one at the end (or one of the wrong way round). A
/// trailing `’` may be an apostrophe ("the ministers’") and stays; `'` is never a quote here.
fn unmatched_ends(chars: &[char]) -> Option<End> {
    const PAIRS: [(char, char); 6] = [('“', '”'), ('‘', '’'), ('(', ')'), ('[', ']'), ('{', '}'), ('«', '»')];
    let (first, last) = (chars[0], chars[chars.len() - 1]);
    let count = |c: char| chars.iter().filter(|x| **x == c).count();
    if first == '"' && count('"') % 2 == 1 {
        return Some(End::Start);
    }
    if last == '"' && count('"') % 2 == 1 {
        return Some(End::End);
    }
    // Openers left unclosed, and closers without an opener, by a scan with a stack.
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut unclosed_closers: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if PAIRS.iter().any(|p| p.0 == c) {
            open.push((i, c));
        } else if let Some(pair) = PAIRS.iter().find(|p| p.1 == c) {
            match open.iter().rposition(|(_, o)| *o == pair.0) {
                Some(at) => {
                    open.remove(at);
                }
                None => unclosed_closers.push(i),
            }
        }
    }
    let apostrophe = |i: usize| chars[i] == '’' && i > 0 && chars[i - 1].is_alphanumeric();
    let last_index = chars.len() - 1;
    if open.iter().any(|(i, _)| *i == 0) || unclosed_closers.first() == Some(&0) {
        return Some(End::Start);
    }
    if (unclosed_closers.last() == Some(&last_index) && !apostrophe(last_index))
        || open.iter().any(|(i, _)| *i == last_index)
    {
        return Some(End::End);
    }
    None
}

/// A piece of text between two consecutive span edges, with the spans that cover all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The piece.
    pub span: Span,
    /// Indices (into the slice given to [`segments`]) of the spans covering the piece, ascending.
    pub covering: Vec<usize>,
}

/// Cuts the union of the spans at every span edge. Pieces covered by no span are left out.
/// Runs in O((n + k) log n) for n spans and k pieces of output.
pub fn segments(spans: &[Span]) -> Vec<Segment> {
    let mut edges: Vec<(CharOffset, bool, usize)> =
        spans.iter().enumerate().flat_map(|(i, s)| [(s.start, true, i), (s.end, false, i)]).collect();
    edges.sort_unstable();
    let mut active = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut previous = None;
    for (at, is_start, index) in edges {
        if let Some(from) = previous
            && let Some(span) = Span::new(from, at)
            && !active.is_empty()
        {
            out.push(Segment { span, covering: active.iter().copied().collect() });
        }
        if is_start {
            active.insert(index);
        } else {
            active.remove(&index);
        }
        previous = Some(at);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Reads a text with inline span markers: `[1` opens span 1 and `]1` closes it (digits
    /// 0-9), so that tests state spans by position instead of hand-counted offsets. Returns
    /// the plain text and the spans by marker number.
    pub(crate) fn marked(source: &str) -> (String, Vec<Span>) {
        let mut text = String::new();
        let mut opened = [None; 10];
        let mut spans = [None; 10];
        let mut chars = source.chars().peekable();
        let mut count = 0;
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('[', Some(n)) => {
                    chars.next();
                    opened[n as usize] = Some(CharOffset(count));
                }
                (']', Some(n)) => {
                    chars.next();
                    let start = opened[n as usize].expect("marker closed before it opened");
                    spans[n as usize] = Span::new(start, CharOffset(count));
                }
                _ => {
                    text.push(c);
                    count += 1;
                }
            }
        }
        (text, spans.into_iter().map_while(|s| s).collect())
    }

    #[test]
    fn markers_give_spans_in_code_points() {
        let (text, spans) = marked("😀 [0a U.S. [1official]0 said]1");
        assert_eq!(text, "😀 a U.S. official said");
        assert_eq!(quote(&text, spans[0]), "a U.S. official");
        assert_eq!(quote(&text, spans[1]), "official said");
    }

    #[test]
    fn trimming_drops_whitespace_at_both_ends_only() {
        for (source, expected) in [
            ("x[0  a U.S. official\n]0y", "a U.S. official"),
            ("[0\n\nمرحبا بالعالم ]0", "مرحبا بالعالم"),
            ("[0中文]0", "中文"),
            ("[0e\u{301} 😀\u{a0}]0", "e\u{301} 😀"),
        ] {
            let (text, spans) = marked(source);
            let trimmed = trim(&text, spans[0]).expect("has non-space text");
            assert_eq!(quote(&text, trimmed), expected, "{source}");
        }
        let (text, spans) = marked("a[0 \n\t]0b");
        assert_eq!(trim(&text, spans[0]), None);
    }

    #[test]
    fn marking_drops_the_punctuation_of_the_sentence_around_the_passage() {
        for (source, expected) in [
            // Commas, semicolons, colons, with the white space.
            ("The blasts killed 95 people[0, a U.S. official said,]0 Thursday", "a U.S. official said"),
            ("[0; and then: ]0", "and then"),
            // A sentence's final period; again after a closing quotation mark.
            ("[0The blasts killed 95 people.]0 Iran", "The blasts killed 95 people"),
            ("[0Talks failed.]0", "Talks failed"),
            ("She said “[0prices will fall.”]0 Then", "prices will fall"),
            // The period of an abbreviation stays, at a sentence's end too: it may be both.
            ("[0sanctions on the U.S.]0 The", "sanctions on the U.S."),
            ("[0a unit of Acme Inc.]0 It", "a unit of Acme Inc."),
            ("[0signed by John F.]0 Kennedy", "signed by John F."),
            ("[0and so on...]0", "and so on..."),
            // Not a sentence end: the text goes on with a letter.
            ("[0see example.]0com", "see example."),
            // The end of the previous sentence, a dash set off by spaces.
            ("people[0. The official said]0", "The official said"),
            ("[0 — a U.S. official]0", "a U.S. official"),
            ("[0a U.S. official —]0 said", "a U.S. official"),
            ("[0well-known]0", "well-known"),
            // Quotation marks and brackets whose partner is not in the span.
            ("[0“The plan failed,]0” she said", "The plan failed"),
            ("“[0The plan failed,”]0 she said", "The plan failed"),
            ("[0\"The plan failed]0", "The plan failed"),
            ("[0The plan failed\",]0", "The plan failed"),
            ("[0(the finance department]0)", "the finance department"),
            ("[0the ministry) said]0", "the ministry) said"),
            ("[0the ministry)]0 said", "the ministry"),
            // Partners in the span stay, and so does an apostrophe.
            ("[0“The plan failed,” she said]0", "“The plan failed,” she said"),
            ("[0the finance department (DOF)]0", "the finance department (DOF)"),
            ("[0the ministers’]0 aides", "the ministers’"),
            ("[0“Prices will fall.”]0", "“Prices will fall.”"),
        ] {
            let (text, spans) = marked(source);
            let trimmed = trim_marked(&text, spans[0]).expect("has a passage");
            assert_eq!(quote(&text, trimmed), expected, "{source}");
            assert_eq!(trim_marked(&text, trimmed), Some(trimmed), "again: {source}");
        }
        for only_punctuation in ["[0, ]0", "[0 . ]0", "[0“]0", "[0 — ; ]0", "a[0 (]0"] {
            let (text, spans) = marked(only_punctuation);
            assert_eq!(trim_marked(&text, spans[0]), None, "{only_punctuation}");
        }
    }

    #[test]
    fn overlap_is_strict_and_touching_spans_do_not_overlap() {
        let (_, s) = marked("[0ab[1c]0d]1[2e]2");
        assert!(s[0].overlaps(s[1]) && s[1].overlaps(s[0]));
        assert!(!s[1].overlaps(s[2]));
        assert!(s[0].contains(CharOffset(0)) && !s[0].contains(s[0].end));
    }

    fn check_segments(source: &str, expected: &[(&str, &[usize])]) {
        let (text, spans) = marked(source);
        let got: Vec<(String, Vec<usize>)> =
            segments(&spans).into_iter().map(|seg| (quote(&text, seg.span), seg.covering)).collect();
        let expected: Vec<(String, Vec<usize>)> = expected.iter().map(|(q, c)| (q.to_string(), c.to_vec())).collect();
        assert_eq!(got, expected, "{source}");
    }

    #[test]
    fn segments_of_overlapping_nested_and_separate_spans() {
        check_segments("[0a U.S. [1official]0 said]1", &[("a U.S. ", &[0]), ("official", &[0, 1]), (" said", &[1])]);
        check_segments("[0The [1official]1, who]0", &[("The ", &[0]), ("official", &[0, 1]), (", who", &[0])]);
        check_segments("[0same]0 and [1same]1", &[("same", &[0]), ("same", &[1])]);
        check_segments("[0[1twin]1]0", &[("twin", &[0, 1])]);
        check_segments("[0中文]0[1😀مرحبا]1", &[("中文", &[0]), ("😀مرحبا", &[1])]);
        check_segments("no spans", &[]);
    }
}
