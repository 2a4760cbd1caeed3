//! Offsets into an article's text, each in a named unit, and the conversions between them.
//!
//! Stored and exported positions count Unicode code points ([`CharOffset`]), as the W3C Web
//! Annotation model does. The DOM counts UTF-16 code units ([`Utf16Offset`]); Rust slices count
//! bytes. Conversions happen at those edges and nowhere else.

use serde::{Deserialize, Serialize};

/// A position in a text counted in Unicode code points (Rust `char`s).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CharOffset(pub usize);

/// A position in a text counted in UTF-16 code units, as DOM ranges and JavaScript strings do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Utf16Offset(pub usize);

/// The byte offset of a code-point offset; past the end gives the text's length.
pub fn char_to_byte(text: &str, at: CharOffset) -> usize {
    text.char_indices().nth(at.0).map_or(text.len(), |(byte, _)| byte)
}

/// The code-point offset of a byte offset (which must be on a character boundary).
pub fn byte_to_char(text: &str, byte: usize) -> CharOffset {
    CharOffset(text[..byte].chars().count())
}

/// The UTF-16 offset of a code-point offset; past the end gives the text's UTF-16 length.
pub fn char_to_utf16(text: &str, at: CharOffset) -> Utf16Offset {
    Utf16Offset(text.chars().take(at.0).map(char::len_utf16).sum())
}

/// The code-point offset of a UTF-16 offset. An offset inside a surrogate pair (which a DOM
/// selection can produce) moves to the start of that character.
pub fn utf16_to_char(text: &str, at: Utf16Offset) -> CharOffset {
    let mut units = 0;
    for (count, c) in text.chars().enumerate() {
        let next = units + c.len_utf16();
        if next > at.0 {
            return CharOffset(count);
        }
        units = next;
    }
    CharOffset(text.chars().count())
}

/// Byte offsets of every 64th code point of a text, so that a code-point offset converts to
/// bytes in at most 63 steps instead of a walk from the start: quoting every annotation of a
/// long article stays linear.
pub struct CharIndex<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'a> CharIndex<'a> {
    /// Indexes a text in one pass.
    pub fn new(text: &'a str) -> Self {
        let checkpoints = text.char_indices().step_by(CHECKPOINT_EVERY).map(|(byte, _)| byte).collect();
        CharIndex { text, checkpoints }
    }

    /// The byte offset of a code-point offset; past the end gives the text's length.
    pub fn byte(&self, at: CharOffset) -> usize {
        let Some(&from) = self.checkpoints.get(at.0 / CHECKPOINT_EVERY) else { return self.text.len() };
        self.text[from..].char_indices().nth(at.0 % CHECKPOINT_EVERY).map_or(self.text.len(), |(i, _)| from + i)
    }

    /// The text between two code-point offsets.
    pub fn slice(&self, start: CharOffset, end: CharOffset) -> &'a str {
        let (start, end) = (self.byte(start), self.byte(end));
        &self.text[start..end.max(start)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text with every kind of character that breaks naive offset code: an emoji outside the
    /// BMP, a combining accent, CJK and right-to-left script.
    const MIXED: &str = "a😀e\u{301}中文مرحبا";

    #[test]
    fn conversions_agree_on_every_character_boundary() {
        let chars: Vec<char> = MIXED.chars().collect();
        for i in 0..=chars.len() {
            let at = CharOffset(i);
            let byte = char_to_byte(MIXED, at);
            let utf16 = char_to_utf16(MIXED, at);
            assert_eq!(byte, chars[..i].iter().map(|c| c.len_utf8()).sum::<usize>());
            assert_eq!(utf16.0, chars[..i].iter().map(|c| c.len_utf16()).sum::<usize>());
            assert_eq!(byte_to_char(MIXED, byte), at);
            assert_eq!(utf16_to_char(MIXED, utf16), at);
        }
    }

    #[test]
    fn the_index_agrees_with_a_walk_from_the_start() {
        let long: String = MIXED.repeat(40);
        let index = CharIndex::new(&long);
        for i in 0..=long.chars().count() + 2 {
            assert_eq!(index.byte(CharOffset(i)), char_to_byte(&long, CharOffset(i)), "{i}");
        }
        assert_eq!(index.slice(CharOffset(1), CharOffset(4)), "😀e\u{301}");
        assert_eq!(index.slice(CharOffset(4), CharOffset(1)), "");
    }

    #[test]
    fn an_offset_inside_a_surrogate_pair_moves_to_its_character() {
        // "a" is 1 unit, "😀" is 2: unit 2 falls between the two halves of the emoji.
        assert_eq!(utf16_to_char(MIXED, Utf16Offset(2)), CharOffset(1));
        assert_eq!(utf16_to_char(MIXED, Utf16Offset(3)), CharOffset(2));
    }

    #[test]
    fn offsets_past_the_end_clamp_to_the_end() {
        assert_eq!(char_to_byte("ab", CharOffset(9)), 2);
        assert_eq!(char_to_utf16("a😀", CharOffset(9)), Utf16Offset(3));
        assert_eq!(utf16_to_char("a😀", Utf16Offset(9)), CharOffset(2));
    }
}
