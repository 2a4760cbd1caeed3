//! Moving a keyboard caret through an article's text: by character, word and sentence.
//! Positions are code points; each function returns where the caret lands.

use super::offsets::CharOffset;

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
    step_in(&text.chars().collect::<Vec<_>>(), at, unit, forward)
}

/// [`step`] in a text already split into characters, for callers that take several steps.
pub fn step_in(chars: &[char], at: CharOffset, unit: Unit, forward: bool) -> CharOffset {
    let at = at.0.min(chars.len());
    CharOffset(match (unit, forward) {
        (Unit::Character, true) => (at + 1).min(chars.len()),
        (Unit::Character, false) => at.saturating_sub(1),
        (Unit::Word, true) => {
            let mut i = at;
            while i < chars.len() && !is_word(chars[i]) {
                i += 1;
            }
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            i
        }
        (Unit::Word, false) => {
            let mut i = at;
            while i > 0 && !is_word(chars[i - 1]) {
                i -= 1;
            }
            while i > 0 && is_word(chars[i - 1]) {
                i -= 1;
            }
            i
        }
        (Unit::Sentence, true) => {
            let mut i = at;
            // Leave the whitespace after the current sentence behind first.
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            while i < chars.len() && !ends_sentence(chars, i) {
                i += 1;
            }
            (i + 1).min(chars.len())
        }
        (Unit::Sentence, false) => {
            let sentence_start = |from: usize| {
                let mut i = from;
                while i > 0 && !ends_sentence(chars, i - 1) {
                    i -= 1;
                }
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                i
            };
            let mut i = at;
            while i > 0 && chars[i - 1].is_whitespace() {
                i -= 1;
            }
            // From inside a sentence, go to its start; from its start, to the previous one's.
            let start = sentence_start(i);
            if start >= at && i > 0 { sentence_start(i - 1) } else { start.min(at) }
        }
    })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// Whether a sentence ends right after position `i` (so the caret would stand at `i + 1`).
fn ends_sentence(chars: &[char], i: usize) -> bool {
    let next = chars.get(i + 1).copied();
    if chars[i] == '\n' {
        return false;
    }
    if next == Some('\n') && chars.get(i + 2) == Some(&'\n') {
        return true; // the end of a paragraph
    }
    if next.is_some() && next != Some('\n') && !next.is_some_and(char::is_whitespace) {
        // A closing quote or bracket belongs to the sentence it closes.
        if matches!(chars[i], '.' | '!' | '?') || !matches!(chars[i], '"' | '”' | '’' | ')') {
            return false;
        }
    }
    let mut j = i;
    while j > 0 && matches!(chars[j], '"' | '”' | '’' | ')') {
        j -= 1;
    }
    match chars[j] {
        '!' | '?' => true,
        '.' => !is_abbreviation(chars, j) && next.is_none_or(|n| n.is_whitespace()),
        _ => next.is_none(),
    }
}

/// Whether the period at `dot` ends an abbreviation ("U.S.", "Gen.", "Jan.").
fn is_abbreviation(chars: &[char], dot: usize) -> bool {
    let mut start = dot;
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    let word: String = chars[start..dot].iter().collect::<String>().to_lowercase();
    let word = word.trim_start_matches(['(', '"', '“', '‘']);
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word)
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
}
