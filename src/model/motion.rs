//! Moving a keyboard caret through an article's text: by character, word and sentence.
//! Positions are code points; each function returns where the caret lands.

use super::offsets::{CharOffset, byte_to_char, char_to_byte};
use super::span::Span;

/// Abbreviations whose period does not end a sentence (compared without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "st", "jr", "sr", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd",
    "co", "corp", "approx",
];

/// Which unit a caret moves by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// One character.
    Character,
    /// To the end (forward) or start (backward) of a word.
    Word,
    /// To the end (forward) or start (backward) of a sentence; paragraphs end sentences.
    Sentence,
}

/// Where a caret at `at` lands after one step forward (`forward`) or backward by `unit`.
pub fn step(text: &str, at: CharOffset, unit: Unit, forward: bool) -> CharOffset {
    byte_to_char(text, step_bytes(text, char_to_byte(text, at), unit, forward))
}

/// [`step`] in UTF-8 byte offsets (on character boundaries). It reads the text where it lies:
/// a long report is a million characters, which a step must not copy (4 MB as `char`s).
pub fn step_bytes(text: &str, at: usize, unit: Unit, forward: bool) -> usize {
    let t = Cursor(text);
    let at = at.min(text.len());
    match (unit, forward) {
        (Unit::Character, true) => t.next(at),
        (Unit::Character, false) => t.prev(at),
        (Unit::Word, true) => {
            let mut i = at;
            while t.at(i).is_some_and(|c| !is_word(c)) {
                i = t.next(i);
            }
            while t.at(i).is_some_and(is_word) {
                i = t.next(i);
            }
            i
        }
        (Unit::Word, false) => {
            let mut i = at;
            while t.before(i).is_some_and(|c| !is_word(c)) {
                i = t.prev(i);
            }
            while t.before(i).is_some_and(is_word) {
                i = t.prev(i);
            }
            i
        }
        (Unit::Sentence, true) => {
            let mut i = at;
            // Leave the whitespace after the current sentence behind first.
            while t.at(i).is_some_and(char::is_whitespace) {
                i = t.next(i);
            }
            while i < text.len() && !ends_sentence(t, i) {
                i = t.next(i);
            }
            t.next(i)
        }
        (Unit::Sentence, false) => {
            let sentence_start = |from: usize| {
                let mut i = from;
                while i > 0 && !ends_sentence(t, t.prev(i)) {
                    i = t.prev(i);
                }
                while t.at(i).is_some_and(char::is_whitespace) {
                    i = t.next(i);
                }
                i
            };
            let mut i = at;
            while t.before(i).is_some_and(char::is_whitespace) {
                i = t.prev(i);
            }
            // From inside a sentence, go to its start; from its start, to the previous one's.
            let start = sentence_start(i);
            if start >= at && i > 0 { sentence_start(t.prev(i)) } else { start.min(at) }
        }
    }
}

/// Reads characters around byte offsets of a text, which are always on character boundaries.
#[derive(Clone, Copy)]
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    /// The character starting at `i`, if `i` is not the end.
    fn at(self, i: usize) -> Option<char> {
        self.0[i..].chars().next()
    }

    /// The character ending at `i`, if `i` is not the start.
    fn before(self, i: usize) -> Option<char> {
        self.0[..i].chars().next_back()
    }

    /// The offset after the character at `i` (the end stays the end).
    fn next(self, i: usize) -> usize {
        self.at(i).map_or(i, |c| i + c.len_utf8())
    }

    /// The offset of the character before `i` (the start stays the start).
    fn prev(self, i: usize) -> usize {
        self.before(i).map_or(i, |c| i - c.len_utf8())
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | ')')
}

/// Whether a sentence ends with the character at `i` (so the caret would stand after it).
fn ends_sentence(t: Cursor, i: usize) -> bool {
    let Some(here) = t.at(i) else { return false };
    let after = t.next(i);
    let next = t.at(after);
    if here == '\n' {
        return false;
    }
    if next == Some('\n') && t.at(t.next(after)) == Some('\n') {
        return true; // the end of a paragraph
    }
    if next.is_some_and(|n| !n.is_whitespace()) {
        // A closing quote or bracket belongs to the sentence it closes.
        if matches!(here, '.' | '!' | '?') || !is_closing(here) {
            return false;
        }
    }
    let mut j = i;
    while j > 0 && t.at(j).is_some_and(is_closing) {
        j = t.prev(j);
    }
    match t.at(j) {
        Some('!' | '?') => true,
        Some('.') => !is_abbreviation(t, j) && next.is_none_or(char::is_whitespace),
        _ => next.is_none(),
    }
}

/// Whether the period at `dot` ends an abbreviation ("U.S.", "Gen.", "Jan.").
fn is_abbreviation(t: Cursor, dot: usize) -> bool {
    let mut start = dot;
    while t.before(start).is_some_and(|c| !c.is_whitespace()) {
        start = t.prev(start);
    }
    let word = t.0[start..dot].to_lowercase();
    let word = word.trim_start_matches(['(', '"', '“', '‘']);
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word)
}

/// How a caret at `at` is shown: which character is painted, and whether the caret is after
/// it rather than before. A caret before a line break (the end of a paragraph, the blank line
/// between two) is shown after the last character before it: a line break has no width to
/// paint. `None` for an empty or all line-break text.
pub fn caret_cell(text: &str, at: CharOffset) -> Option<(CharOffset, bool)> {
    let byte = char_to_byte(text, at);
    match text[byte..].chars().next() {
        Some(c) if c != '\n' => Some((at, false)),
        _ => {
            let before = text[..byte].trim_end_matches('\n');
            let last = before.chars().next_back()?;
            Some((byte_to_char(text, before.len() - last.len_utf8()), true))
        }
    }
}

/// One end of an annotation's span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// The span with one `edge` moved a character forward or backward: `None` if that would empty
/// it or leave the text.
pub fn move_edge(text: &str, span: Span, edge: Edge, forward: bool) -> Option<Span> {
    let (start, end) = match edge {
        Edge::Start => (step(text, span.start, Unit::Character, forward), span.end),
        Edge::End => (span.start, step(text, span.end, Unit::Character, forward)),
    };
    let moved = match edge {
        Edge::Start => start != span.start,
        Edge::End => end != span.end,
    };
    Span::new(start, end).filter(|_| moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check("a |b c", unit, forward, "a b| c")`: the caret `|` moves as stated.
    fn check(before: &str, unit: Unit, forward: bool, after: &str) {
        let text = before.replace('|', "");
        assert_eq!(text, after.replace('|', ""), "the texts differ");
        let at = CharOffset(before.chars().position(|c| c == '|').unwrap());
        let expected = CharOffset(after.chars().position(|c| c == '|').unwrap());
        assert_eq!(step(&text, at, unit, forward), expected, "{before} -> {after}");
    }

    #[test]
    fn characters_move_by_code_point() {
        check("a|😀b", Unit::Character, true, "a😀|b");
        check("a😀|b", Unit::Character, false, "a|😀b");
        check("|ab", Unit::Character, false, "|ab");
        check("ab|", Unit::Character, true, "ab|");
    }

    #[test]
    fn words_skip_spaces_and_punctuation() {
        check("|a U.S. official said", Unit::Word, true, "a| U.S. official said");
        check("a| U.S. official said", Unit::Word, true, "a U|.S. official said");
        check("a U.S. official| said", Unit::Word, false, "a U.S. |official said");
        check("Iran's| mission", Unit::Word, false, "|Iran's mission");
        check("|مرحبا بالعالم", Unit::Word, true, "مرحبا| بالعالم");
    }

    #[test]
    fn sentences_end_at_terminators_but_not_abbreviations() {
        check(
            "|A U.S. official said Thursday. The official, who was not authorized, spoke.",
            Unit::Sentence,
            true,
            "A U.S. official said Thursday.| The official, who was not authorized, spoke.",
        );
        check(
            "A U.S. official said Thursday.| The official spoke.",
            Unit::Sentence,
            true,
            "A U.S. official said Thursday. The official spoke.|",
        );
        check(
            "|Gen. Qassem Soleimani was killed. Then",
            Unit::Sentence,
            true,
            "Gen. Qassem Soleimani was killed.| Then",
        );
        check("|He said \"we warn.\" Then", Unit::Sentence, true, "He said \"we warn.\"| Then");
        check("|Headline without a period\n\nBody.", Unit::Sentence, true, "Headline without a period|\n\nBody.");
    }

    #[test]
    fn sentences_backward_go_to_the_start_then_to_the_previous_start() {
        let text = "One here. Two there.";
        check("One here. Two th|ere.", Unit::Sentence, false, "One here. |Two there.");
        check("One here. |Two there.", Unit::Sentence, false, "|One here. Two there.");
        assert_eq!(step(text, CharOffset(0), Unit::Sentence, false), CharOffset(0));
    }

    #[test]
    fn a_caret_before_a_line_break_is_shown_after_the_character_before_it() {
        let text = "Ab.\n\nCd";
        assert_eq!(caret_cell(text, CharOffset(0)), Some((CharOffset(0), false)));
        assert_eq!(caret_cell(text, CharOffset(3)), Some((CharOffset(2), true)), "end of the paragraph");
        assert_eq!(caret_cell(text, CharOffset(4)), Some((CharOffset(2), true)), "the blank line");
        assert_eq!(caret_cell(text, CharOffset(5)), Some((CharOffset(5), false)));
        assert_eq!(caret_cell(text, CharOffset(7)), Some((CharOffset(6), true)), "end of the text");
        assert_eq!(caret_cell("é\n", CharOffset(1)), Some((CharOffset(0), true)));
        assert_eq!(caret_cell("", CharOffset(0)), None);
        assert_eq!(caret_cell("\n\n", CharOffset(1)), None);
    }

    #[test]
    fn an_edge_moves_a_character_and_never_empties_the_span() {
        let text = "killed 95 people, officials said";
        let span = Span::new(CharOffset(0), CharOffset(17)).unwrap();
        let shrunk = move_edge(text, span, Edge::End, false).unwrap();
        assert_eq!((shrunk.start, shrunk.end), (CharOffset(0), CharOffset(16)));
        let grown = move_edge(text, span, Edge::End, true).unwrap();
        assert_eq!(grown.end, CharOffset(18));
        assert_eq!(move_edge(text, span, Edge::Start, false), None, "the text's start");
        let one = Span::new(CharOffset(3), CharOffset(4)).unwrap();
        assert_eq!(move_edge(text, one, Edge::Start, true), None, "it would be empty");
        assert_eq!(move_edge(text, one, Edge::End, false), None, "it would be empty");
        let last = Span::new(CharOffset(30), CharOffset(32)).unwrap();
        assert_eq!(move_edge(text, last, Edge::End, true), None, "the text's end");
        let accented = Span::new(CharOffset(0), CharOffset(1)).unwrap();
        assert_eq!(move_edge("éa", accented, Edge::End, true).unwrap().end, CharOffset(2));
    }
}
