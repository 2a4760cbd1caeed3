//! Words, punctuation and quotation marks of a text, and its sentences, as the attribution
//! assistant reads them.

/// A word or a punctuation mark, with its place in code points. It borrows its text: a long
/// report has a hundred thousand tokens, and owning each word tripled the pass's memory.
#[derive(Clone, Debug)]
pub(super) struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Inside quotation marks: cues there are the quoted person's words, not attribution.
    pub quoted: bool,
    /// A quotation mark, and whether it opened or closed a quotation.
    pub quote: Option<QuoteMark>,
    /// Where the text is with respect to quotation marks after this token.
    pub after: QuoteState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum QuoteMark {
    Opens,
    Closes,
}

impl Token<'_> {
    /// The word, whatever its case; but an acronym ("WHO", "US") is only itself, not the
    /// lowercase word it spells.
    #[inline]
    pub fn is(&self, word: &str) -> bool {
        // The length first: most comparisons end there, and this is the pass's hottest call.
        self.text.len() == word.len()
            && self.text.eq_ignore_ascii_case(word)
            && (self.text == word || !self.is_acronym())
    }

    /// Two or more capitals and nothing else ("WHO", "NASA").
    pub fn is_acronym(&self) -> bool {
        self.text.len() > 1 && self.text.bytes().all(|b| b.is_ascii_uppercase())
    }

    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }

    pub fn opens_quote(&self) -> bool {
        self.quote == Some(QuoteMark::Opens)
    }

    pub fn closes_quote(&self) -> bool {
        self.quote == Some(QuoteMark::Closes)
    }
}

/// Where a text is with respect to quotation marks: outside, or inside a quotation opened by
/// a mark. Straight `"` and `''` (two apostrophes, as wire feeds write it) open and close
/// alike; curly, guillemet and German marks close with their own partner (German „…“ closes
/// with the mark that opens an English quotation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteState {
    opened_by: Option<char>,
}

/// Stands for `''` in a [`QuoteState`]: a straight double quotation mark.
const STRAIGHT: char = '"';

/// Marks that may open a quotation.
const OPENING_MARKS: [char; 6] = ['“', '„', '«', '»', '‘', STRAIGHT];

impl QuoteState {
    /// Whether the text is inside quotation marks.
    pub fn quoted(self) -> bool {
        self.opened_by.is_some()
    }

    /// The state after the mark `c` (`''` is passed as `"`), and what the mark did, if
    /// anything; `'\u{2019}'` closes only a quotation that `'\u{2018}'` opened, since it is
    /// also the apostrophe.
    pub fn after(self, c: char) -> (QuoteState, Option<QuoteMark>) {
        let closes = match self.opened_by {
            // A quotation opened with one kind of double mark and closed with another happens.
            Some('“') | Some(STRAIGHT) => matches!(c, '”' | STRAIGHT),
            Some('„') => matches!(c, '“' | '”' | STRAIGHT),
            Some('«') => c == '»',
            Some('»') => c == '«',
            Some('‘') => c == '’',
            _ => false,
        };
        if closes {
            return (QuoteState { opened_by: None }, Some(QuoteMark::Closes));
        }
        match c {
            c if OPENING_MARKS.contains(&c) && !self.quoted() => {
                (QuoteState { opened_by: Some(c) }, Some(QuoteMark::Opens))
            }
            // A closing mark with no opening one: the quotation began before what was read.
            '”' if !self.quoted() => (self, Some(QuoteMark::Closes)),
            _ => (self, None),
        }
    }
}

/// Splits a text into tokens: words (with inner apostrophes, hyphens and dots: "U.S.",
/// "mayor's") and single punctuation marks (`''` is one mark). `state` is where the text
/// starts with respect to quotation marks.
pub(super) fn tokenize<'a>(text: &'a str, chars: &[char], mut state: QuoteState) -> Vec<Token<'a>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    // The byte offset of `chars[i]` in `text`, kept in step with `i`.
    let mut byte = 0;
    let mut line_start = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            line_start |= c == '\n';
            byte += c.len_utf8();
            i += 1;
            continue;
        }
        // A quotation that runs on into the next paragraph has no closing mark, and the next
        // paragraph opens again; a line that does not open again is outside any quotation
        // (else one missing mark would leave the rest of the article quoted).
        if std::mem::take(&mut line_start) && state.quoted() {
            if OPENING_MARKS.contains(&c) || c == '\'' && chars.get(i + 1) == Some(&'\'') {
                let len = if c == '\'' { 2 } else { 1 };
                let end_byte = byte + chars[i..i + len].iter().map(|c| c.len_utf8()).sum::<usize>();
                let again = QuoteState { opened_by: Some(if c == '\'' { STRAIGHT } else { c }) };
                tokens.push(Token {
                    text: &text[byte..end_byte],
                    start: i,
                    end: i + len,
                    quoted: false,
                    quote: Some(QuoteMark::Opens),
                    after: again,
                });
                state = again;
                byte = end_byte;
                i += len;
                continue;
            }
            state = QuoteState::default();
        }
        if c.is_alphanumeric() {
            let (start, start_byte) = (i, byte);
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || matches!(chars[i], '\'' | '’' | '-' | '.' | '&')
                        && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                    // "13,000" is one word.
                    || chars[i] == ','
                        && chars[i - 1].is_ascii_digit()
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            {
                byte += chars[i].len_utf8();
                i += 1;
            }
            // "U.S." keeps its final dot: a single capital before it is an initial.
            if chars.get(i) == Some(&'.') && i >= 2 && chars[i - 2] == '.' {
                byte += 1;
                i += 1;
            }
            tokens.push(Token {
                text: &text[start_byte..byte],
                start,
                end: i,
                quoted: state.quoted(),
                quote: None,
                after: state,
            });
            continue;
        }
        // The apostrophe that ends "officials’" is not a quotation mark; `''` is one, and `’’`
        // (as some feeds close a “quotation) is a closing double mark.
        let double_apostrophe = c == '\'' && chars.get(i + 1) == Some(&'\'');
        let double_closing = c == '’' && chars.get(i + 1) == Some(&'’');
        let len = if double_apostrophe || double_closing { 2 } else { 1 };
        let after_word = i > 0 && chars[i - 1].is_alphanumeric();
        let (next, mark) = if double_closing {
            state.after('”')
        } else if c == '’' && after_word && state != QuoteState::default() && !closes_single(chars, i) {
            (state, None)
        } else {
            state.after(if double_apostrophe { STRAIGHT } else { c })
        };
        let end_byte = byte + chars[i..i + len].iter().map(|c| c.len_utf8()).sum::<usize>();
        tokens.push(Token {
            text: &text[byte..end_byte],
            start: i,
            end: i + len,
            // A mark belongs inside the quotation it opens or closes: its words are quoted,
            // the mark itself is not.
            quoted: state.quoted() && next.quoted() && mark.is_none(),
            quote: mark,
            after: next,
        });
        state = next;
        byte = end_byte;
        i += len;
    }
    tokens
}

/// Whether `’` at `i` (after a word) closes a single-quoted quotation rather than ending a
/// plural possessive: it is followed by punctuation, a space and a lowercase or quoted word,
/// or the end.
fn closes_single(chars: &[char], i: usize) -> bool {
    !chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
}

/// Token ranges of the sentences: a sentence ends at `.`, `?` or `!` (and a closing quote after
/// it) followed by a capital or an opening quote, and at every line end (a line with no end
/// mark is a heading); paragraphs end sentences too.
pub(super) fn sentences(chars: &[char], tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let line_end = next.is_some_and(|n| chars[tokens[i].end..n.start].contains(&'\n'));
        let end_mark = |t: &Token| matches!(t.text, "." | "?" | "!");
        let terminal = end_mark(&tokens[i]) || (tokens[i].closes_quote() && i > 0 && end_mark(&tokens[i - 1]));
        let abbreviation = tokens[i].text == "." && i > 0 && is_title_abbreviation(&tokens[i - 1]);
        let closes = terminal
            && !abbreviation
            && next.is_none_or(|n| n.capitalized() || n.opens_quote())
            && !(tokens[i].text == "." && next.is_some_and(Token::closes_quote));
        if closes || line_end || next.is_none() {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    out
}

/// Whether the token at `k` comes right after a quotation, or after its comma (`"…," said X`,
/// `"…" she said`).
pub(super) fn follows_quote(sentence: &[Token], k: usize) -> bool {
    k > 0 && sentence[k - 1].closes_quote() || k > 1 && sentence[k - 1].text == "," && sentence[k - 2].closes_quote()
}

/// "Mr." or "Sen." before a name, or an initial ("Christopher L. Tays"), does not end a
/// sentence.
pub(super) fn is_title_abbreviation(t: &Token) -> bool {
    t.text.len() == 1 && t.capitalized()
        || ["Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof", "St", "Rev", "Hon"]
            .contains(&t.text)
}
