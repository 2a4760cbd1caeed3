//! The attribution assistant: where an article attributes its statements, to whom, and whether
//! that source is named or anonymous. Rules, not a model: reporting cues ("said", "told",
//! "according to", "declined to comment"...), the noun phrase that is their source (before
//! the cue, after it in "…," said X, after "according to" or "by"), and a test of that phrase:
//! an unnamed person described by a role ("a U.S. official", "two people familiar with the
//! matter", "the official") is anonymous; a name, an outlet or an institution is not.
//! Reasons given for anonymity are found in the source's sentence or a later one about it.

use super::offsets::CharOffset;
use super::span::Span;

/// What a suggestion marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Named,
    Anonymous,
}

/// One suggested source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub kind: SourceKind,
    /// The source's words (for an anonymous source followed by its cue, with the cue).
    pub span: Span,
    /// For an anonymous source: where a reason for the anonymity is given, if anywhere.
    pub reason: Option<Span>,
}

/// A word or a punctuation mark, with its place in code points. It borrows its text: a long
/// report has a hundred thousand tokens, and owning each word tripled the pass's memory.
#[derive(Clone, Debug)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// Inside quotation marks: cues there are the quoted person's words, not attribution.
    quoted: bool,
}

impl Token<'_> {
    fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

mod words;
pub use words::REASONS;
use words::*;

/// Splits a text into tokens: words (with inner apostrophes, hyphens and dots: "U.S.",
/// "mayor's") and single punctuation marks.
/// `quoted` says whether the text starts inside quotation marks.
fn tokenize<'a>(text: &'a str, chars: &[char], mut quoted: bool) -> Vec<Token<'a>> {
    let mut tokens = Vec::new();
    let mut i = 0;
    // The byte offset of `chars[i]` in `text`, kept in step with `i`.
    let mut byte = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            byte += c.len_utf8();
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let (start, start_byte) = (i, byte);
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || matches!(chars[i], '\'' | '’' | '-' | '.')
                        && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()))
            {
                byte += chars[i].len_utf8();
                i += 1;
            }
            // "U.S." keeps its final dot: a single capital before it is an initial.
            if chars.get(i) == Some(&'.') && i >= 2 && chars[i - 2] == '.' {
                byte += 1;
                i += 1;
            }
            tokens.push(Token { text: &text[start_byte..byte], start, end: i, quoted });
            continue;
        }
        quoted = quoted_after(c, quoted);
        let end_byte = byte + c.len_utf8();
        tokens.push(Token {
            text: &text[byte..end_byte],
            start: i,
            end: i + 1,
            quoted: quoted && c != '"' && c != '“',
        });
        byte = end_byte;
        i += 1;
    }
    tokens
}

/// Token ranges of the sentences: a sentence ends at `.`, `?` or `!` (and a closing quote after
/// it) followed by a capital or an opening quote; paragraphs end sentences too.
fn sentences(chars: &[char], tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let paragraph = next.is_some_and(|n| chars[tokens[i].end..n.start].iter().filter(|c| **c == '\n').count() >= 2);
        let terminal = matches!(tokens[i].text, "." | "?" | "!")
            || (matches!(tokens[i].text, "\"" | "”") && i > 0 && matches!(tokens[i - 1].text, "." | "?" | "!"));
        let closes = terminal
            && next.is_none_or(|n| n.capitalized() || matches!(n.text, "\"" | "“"))
            && !(tokens[i].text == "." && next.is_some_and(|n| matches!(n.text, "\"" | "”")));
        if closes || paragraph || next.is_none() {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    out
}

/// Whether the text is inside quotation marks after `c`, if it was `quoted` before.
fn quoted_after(c: char, quoted: bool) -> bool {
    match c {
        '“' => true,
        '”' => false,
        '"' => !quoted,
        _ => quoted,
    }
}

/// About how many bytes of text [`suggest`] reads at a time.
const PIECE_BYTES: usize = 16_384;

/// Finds the sources of `text`.
///
/// The text is read a piece of paragraphs at a time, each with the two paragraphs after it:
/// a sentence never runs past a paragraph and a reason is looked for at most two sentences on,
/// so the pieces find exactly what one pass over the whole text would, and the pass's memory
/// (a character and a token per character and word) is that of one piece, not of a 100,000-word
/// report's (10 MB).
pub fn suggest(text: &str) -> Vec<Suggestion> {
    suggest_by_pieces(text, PIECE_BYTES)
}

/// [`suggest`], reading about `piece_bytes` of text at a time (at least a paragraph). The
/// result does not depend on `piece_bytes`; that is what the tests check.
pub fn suggest_by_pieces(text: &str, piece_bytes: usize) -> Vec<Suggestion> {
    let mut found = Vec::new();
    let (mut start, mut start_char, mut quoted) = (0, 0, false);
    while start < text.len() {
        let end = paragraph_end_from(text, start.saturating_add(piece_bytes.max(1)));
        let core = &text[start..end];
        let core_chars = core.chars().count();
        let shift = |s: Span| Span { start: CharOffset(s.start.0 + start_char), end: CharOffset(s.end.0 + start_char) };
        let read_with_context = &text[start..after_paragraphs(text, end, 2)];
        found.extend(
            suggest_in(read_with_context, quoted)
                .into_iter()
                .filter(|s| s.span.start.0 < core_chars)
                .map(|s| Suggestion { kind: s.kind, span: shift(s.span), reason: s.reason.map(shift) }),
        );
        quoted = core.chars().fold(quoted, |q, c| quoted_after(c, q));
        (start, start_char) = (end, start_char + core_chars);
    }
    found
}

/// The byte offset of the first paragraph break (`"\n\n"`) at or after `at`, or the end.
fn paragraph_end_from(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    // `at` may fall inside a character; a break starts on a character of its own.
    let from = (at..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    text[from..].find("\n\n").map_or(text.len(), |i| from + i)
}

/// The byte offset after `count` more paragraphs with words in them, from `at`, or the end.
fn after_paragraphs(text: &str, mut at: usize, count: usize) -> usize {
    for _ in 0..count {
        let Some(words) = text[at..].find(|c: char| !c.is_whitespace()) else { return text.len() };
        at = paragraph_end_from(text, at + words);
    }
    at
}

/// Finds the sources of all of `text`, which starts inside quotation marks if `quoted`.
fn suggest_in(text: &str, quoted: bool) -> Vec<Suggestion> {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text, &chars, quoted);
    let sentences = sentences(&chars, &tokens);
    let mut found: Vec<(SourceKind, usize, usize, usize)> = Vec::new(); // kind, first, end token, sentence
    for (s, &(from, to)) in sentences.iter().enumerate() {
        let sentence = &tokens[from..to];
        let mut i = 0;
        while i < sentence.len() {
            let token = &sentence[i];
            if token.quoted {
                i += 1;
                continue;
            }
            // "according to X", "reported by X", "published by X".
            let after = if token.is("according") && sentence.get(i + 1).is_some_and(|t| t.is("to")) {
                Some(i + 2)
            } else if token.is("by")
                && i > 0
                && (CUES.iter().any(|c| sentence[i - 1].is(c)) || sentence[i - 1].is("published"))
            {
                Some(i + 1)
            } else {
                None
            };
            if let Some(first) = after {
                if let Some((a, b)) = phrase_after(sentence, first) {
                    found.push((classify(&sentence[a..b]), from + a, from + b, s));
                }
                i += 1;
                continue;
            }
            // "declined to comment", "did not (immediately) respond": the subject is a source.
            let verb_at =
                |k: usize| sentence.get(k).is_some_and(|t| t.is("respond") || t.is("acknowledge") || t.is("comment"));
            let adverb = sentence.get(i + 1).is_some_and(|t| t.is("immediately") || t.is("yet"));
            let negative_cue = (token.is("declined") && sentence.get(i + 1).is_some_and(|t| t.is("to")))
                || ((token.is("not") || token.is("never")) && (verb_at(i + 1) || adverb && verb_at(i + 2)));
            // "insisted on anonymity" is a reason, not a cue; "warned Iran" is an act unless
            // "that" follows.
            let next_is = |w: &str| sentence.get(i + 1).is_some_and(|t| t.is(w));
            let reason_not_cue = (token.is("insisted") || token.is("insists")) && next_is("on")
                || (token.is("warned") || token.is("warns")) && !next_is("that");
            let cue = negative_cue || CUES.iter().any(|c| token.is(c)) && !reason_not_cue;
            if !cue || (token.is("report") && !sentence.get(i.wrapping_sub(1)).is_some_and(|t| t.is("to"))) {
                i += 1;
                continue;
            }
            let cue_at = if token.is("not") || token.is("never") {
                // "did not respond": the source is before "did".
                if i > 0 && (sentence[i - 1].is("did") || sentence[i - 1].is("does") || sentence[i - 1].is("has")) {
                    i - 1
                } else {
                    i
                }
            } else {
                i
            };
            // `…," said X`: the source follows the cue.
            let inverted = cue_at > 0 && matches!(sentence[cue_at - 1].text, "\"" | "”");
            let phrase = if inverted { phrase_after(sentence, cue_at + 1) } else { phrase_before(sentence, cue_at) };
            if let Some((a, b)) = phrase {
                found.push((classify(&sentence[a..b]), from + a, from + b, s));
            }
            // "X told Y": Y, an outlet or a person, is a source too.
            let told = token.is("told") || token.is("tells");
            let outlet = |&(a, b): &(usize, usize)| {
                (sentence[a].capitalized() || sentence[a].is("the")) && classify(&sentence[a..b]) == SourceKind::Named
            };
            if told && let Some((a, b)) = phrase_after(sentence, i + 1).filter(outlet) {
                found.push((SourceKind::Named, from + a, from + b, s));
            }
            i += 1;
        }
    }
    found.sort_by_key(|f| (f.1, f.2));
    found.dedup_by(|later, earlier| later.1 < earlier.2);
    found
        .into_iter()
        .map(|(kind, a, b, s)| {
            // An anonymous source right before its cue is suggested with it: "a U.S. official said".
            let end = if kind == SourceKind::Anonymous && tokens.get(b).is_some_and(|t| CUES.iter().any(|c| t.is(c))) {
                tokens[b].end
            } else {
                tokens[b - 1].end
            };
            let span = Span { start: CharOffset(tokens[a].start), end: CharOffset(end) };
            let reason =
                (kind == SourceKind::Anonymous).then(|| reason_for(&chars, &tokens, &sentences, s, a)).flatten();
            Suggestion { kind, span, reason }
        })
        .collect()
}

/// The source phrase ending right before `cue` in `sentence`, as a token range.
fn phrase_before(sentence: &[Token], cue: usize) -> Option<(usize, usize)> {
    let mut end = cue;
    while end > 0 && BETWEEN.iter().any(|w| sentence[end - 1].is(w)) {
        end -= 1;
    }
    // A passive ("had not been announced", "was first reported by…") has no source before it.
    let be = |t: &Token| ["be", "been", "being", "was", "were", "is", "are"].iter().any(|w| t.is(w));
    let participle = sentence[cue].text.ends_with("ed") || sentence[cue].is("told") || sentence[cue].is("written");
    if sentence[end..cue].iter().any(|t| t.is("been") || t.is("being") || t.is("be"))
        || participle && sentence[end..cue].iter().any(be)
    {
        return None;
    }
    // The stretch holding the source begins after a quotation, a semicolon or a parenthesis,
    // or at the start of the sentence.
    let mut begin = end;
    while begin > 0 {
        let t = &sentence[begin - 1];
        if t.quoted || matches!(t.text, "\"" | "“" | "”" | ";" | ":" | "(" | ")") {
            break;
        }
        begin -= 1;
    }
    // Comma-separated segments: skip an empty one (", said"), relative and participle clauses
    // (", who spoke…,"), then take the nearest; join an apposition of a name and a role.
    let segments = split_commas(sentence, begin, end);
    let mut index = segments.len();
    let mut chosen = None;
    while index > 0 {
        index -= 1;
        let (a, b) = segments[index];
        if a == b {
            continue;
        }
        let first = &sentence[a];
        let clause = first.is("who")
            || first.is("which")
            || first.is("whose")
            || first.text.ends_with("ing") && !first.capitalized();
        let numbers = sentence[a..b].iter().all(|t| t.text.chars().all(|c| c.is_ascii_digit()));
        if clause || numbers {
            continue;
        }
        chosen = Some((a, b));
        break;
    }
    let (mut a, b) = chosen?;
    // Within the segment, the source follows the last word that starts a clause ("…after the
    // Financial Times"), and ends at a relative pronoun ("a city employee who declined…").
    if let Some(k) = (a..b).rev().find(|&k| BOUNDARIES.iter().any(|w| sentence[k].is(w)) && !is_list_and(sentence, k)) {
        a = k + 1;
    }
    let b = (a..b).find(|&k| sentence[k].is("who") || sentence[k].is("which")).unwrap_or(b);
    if a >= b || sentence[a..b].iter().any(|t| CUES.iter().any(|c| t.is(c))) {
        return None;
    }
    if index > 0 {
        let (pa, pb) = segments[index - 1];
        let previous = &sentence[pa..pb];
        let here = &sentence[a..b];
        let clause = previous.iter().any(|t| BOUNDARIES.iter().any(|w| t.is(w)) || CUES.iter().any(|c| t.is(c)));
        let apposition = (is_name(here) && !previous.is_empty() && previous.len() <= 8)
            || (is_name(previous) && (here[0].is("the") || here[0].is("a") || here[0].is("an")));
        let list = here.iter().any(|t| t.is("and"))
            && !previous.is_empty()
            && previous.len() <= 4
            && previous.iter().any(Token::capitalized);
        if (apposition || list) && !clause && a == segments[index].0 {
            a = pa;
        }
    }
    trim(sentence, a, b)
}

/// The source phrase starting at `first`, up to punctuation or a word that starts a clause.
fn phrase_after(sentence: &[Token], first: usize) -> Option<(usize, usize)> {
    let mut end = first;
    while end < sentence.len() {
        let t = &sentence[end];
        // "in" ends the phrase ("the mayor in a statement"), except right after its first word.
        let clause_word = ["that", "on", "who", "about", "when", "as"].iter().any(|w| t.is(w));
        if !t.is_word() && !matches!(t.text, "'" | "’") || clause_word || t.is("in") && end > first + 1 {
            break;
        }
        end += 1;
    }
    trim(sentence, first, end)
}

/// A phrase without quantifiers at its end ("… all"), and nothing if it is not a source.
fn trim(sentence: &[Token], a: usize, mut b: usize) -> Option<(usize, usize)> {
    while b > a && (BETWEEN.iter().any(|w| sentence[b - 1].is(w)) || !sentence[b - 1].is_word()) {
        b -= 1;
    }
    let words = &sentence[a..b];
    if words.is_empty() || words.len() > 12 || (words.len() == 1 && NOT_SOURCES.iter().any(|w| words[0].is(w))) {
        return None;
    }
    if NOT_SOURCES.iter().any(|w| words[0].is(w)) && !words[0].is("his") {
        return None;
    }
    Some((a, b))
}

/// Token ranges between commas in `a..b`.
fn split_commas(sentence: &[Token], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    for (k, token) in sentence.iter().enumerate().take(b).skip(a) {
        if token.text == "," {
            out.push((start, k));
            start = k + 1;
        }
    }
    out.push((start, b));
    out
}

/// "and" inside a list of names ("Barclays, Citi and Goldman Sachs") does not end a source.
fn is_list_and(sentence: &[Token], k: usize) -> bool {
    sentence[k].is("and")
        && sentence.get(k + 1).is_some_and(Token::capitalized)
        && k > 0
        && sentence[k - 1].capitalized()
}

/// Two or more capitalized words in a row that are not generic ("Paul Otieno").
fn is_name(words: &[Token]) -> bool {
    words.windows(2).any(|w| {
        w.iter().all(|t| t.capitalized() && t.is_word() && !GENERIC_CAPITALS.contains(&t.text) && !is_determiner(t))
    })
}

fn is_determiner(t: &Token) -> bool {
    ["a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "another", "other", "both", "most"]
        .iter()
        .any(|d| t.is(d))
}

/// Named or anonymous: a role noun with no name is anonymous.
fn classify(words: &[Token]) -> SourceKind {
    // A name, or a role of someone identified ("his lawyer"), is not anonymous.
    let possessive = ["his", "her", "their", "its", "our"].iter().any(|p| words[0].is(p));
    if is_name(words) || possessive {
        return SourceKind::Named;
    }
    // "One of them": one of a group just described, unnamed.
    if words.windows(2).any(|w| w[0].is("of") && (w[1].is("them") || w[1].is("those"))) {
        return SourceKind::Anonymous;
    }
    let end = words.iter().skip(1).position(|t| HEAD_ENDS.iter().any(|w| t.is(w))).map_or(words.len(), |p| p + 1);
    let head = words[..end].iter().rev().find(|t| t.is_word());
    let anonymous = head.is_some_and(|h| ANONYMOUS_HEADS.iter().any(|w| h.is(w)))
        && !words.iter().any(|t| t.text.ends_with("'s") && t.capitalized());
    if anonymous { SourceKind::Anonymous } else { SourceKind::Named }
}

/// A reason for anonymity: in the source's sentence, or in one of the next two sentences if it
/// starts by referring back to an anonymous source ("The official, who was not authorized…").
fn reason_for(chars: &[char], tokens: &[Token], sentences: &[(usize, usize)], s: usize, source: usize) -> Option<Span> {
    let find = |(a, b): (usize, usize), from_token: usize| -> Option<Span> {
        let start = tokens[a.max(from_token)].start;
        let end = tokens[b - 1].end;
        let sentence: String = chars[start..end].iter().collect::<String>().to_lowercase();
        REASONS.iter().find_map(|r| {
            let byte = sentence.find(r)?;
            let at = start + sentence[..byte].chars().count();
            Some(Span { start: CharOffset(at), end: CharOffset(at + r.chars().count()) })
        })
    };
    if let Some(span) = find(sentences[s], source) {
        return Some(span);
    }
    for &(a, b) in sentences.iter().skip(s + 1).take(2) {
        let refers_back = tokens[a].is("the")
            && tokens.get(a + 1).is_some_and(|t| ANONYMOUS_HEADS.iter().any(|w| t.is(w)))
            || tokens[a].is("they")
            || tokens[a].is("he")
            || tokens[a].is("she");
        if refers_back && let Some(span) = find((a, b), a) {
            return Some(span);
        }
    }
    None
}

#[cfg(test)]
mod tests;
