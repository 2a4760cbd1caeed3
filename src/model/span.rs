//! Half-open spans of an article's text, in code points: trimming, overlap, and the segmentation
//! of overlapping spans into pieces that each know every span covering them.

use super::offsets::CharOffset;

/// The half-open range `start..end` of a text, in code points; never empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
