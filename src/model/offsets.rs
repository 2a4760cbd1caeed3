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
