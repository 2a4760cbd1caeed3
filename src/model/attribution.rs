//! The attribution assistant: where an article attributes its statements, to whom, and whether
//! that source is named or anonymous (docs/ATTRIBUTION.md has the definitions). Rules, not a
//! model: reporting cues ("said", "told", "according to", "declined to comment"...), the noun
//! phrase that is their source (before the cue, after it in "…," said X, after "according to"
//! or "by"), and the evidence in the sentence about that phrase (`classify`). "The official"
//! takes the kind of the earlier source it refers back to, and "he said" that of a source or a
//! name in the two sentences before; each suggestion says which rule decided.

use rustc_hash::FxHashMap as HashMap;

use super::offsets::CharOffset;
use super::span::Span;

mod classify;
mod cues;
mod phrase;
mod tokens;
mod words;

use classify::{Reading, classify, head_end};
use cues::source_phrases;
use phrase::is_proper;
use tokens::{QuoteState, Token, follows_quote, sentences, tokenize};
pub use words::REASONS;
use words::*;

/// What a suggestion marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceKind {
    Named,
    Anonymous,
}

/// The rule that decided a suggestion's kind: the definitions of docs/ATTRIBUTION.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Rule {
    /// A person or an organisation by name ("Finance Minister Ola Berg", "Reuters").
    Name,
    /// An organisation or institution as such ("police", "the ministry").
    Organisation,
    /// Someone who speaks for a named organisation, or its document ("a Siemens spokesman").
    SpeaksFor,
    /// Someone identified by whose they are ("his lawyer", "Smith's doctor").
    Possessive,
    /// A role without a name ("a U.S. official", "people familiar with the matter").
    RoleWithoutName,
    /// One or some of a group, unnamed ("one caller", "some analysts", "critics").
    UnnamedGroup,
    /// The text says the source is not named ("speaking on condition of anonymity").
    SaidToBeUnnamed,
    /// Refers back to an earlier source with the same noun ("the official").
    RefersBack { antecedent: Span },
    /// A pronoun whose antecedent is a source or a name in the two sentences before.
    Pronoun { antecedent: Span },
}

impl Rule {
    pub fn is_pronoun(&self) -> bool {
        matches!(self, Rule::Pronoun { .. })
    }

    /// The earlier words this suggestion takes its kind from, if any.
    pub fn antecedent(&self) -> Option<Span> {
        match *self {
            Rule::RefersBack { antecedent } | Rule::Pronoun { antecedent } => Some(antecedent),
            _ => None,
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Rule::Name => "Named: a person or an organisation by name.",
            Rule::Organisation => "Named: an organisation or institution as such.",
            Rule::SpeaksFor => "Named: speaks for a named organisation, or is its document.",
            Rule::Possessive => "Named: identified by whose they are.",
            Rule::RoleWithoutName => "Anonymous: a role without a name, so not identified.",
            Rule::UnnamedGroup => "Anonymous: one or some of a group, not identified.",
            Rule::SaidToBeUnnamed => "Anonymous: the text says this source is not named.",
            Rule::RefersBack { .. } => "Same as the earlier source it refers back to.",
            Rule::Pronoun { .. } => "A pronoun: same as the source just before it.",
        })
    }
}

/// One suggested source. It crosses from the app's worker to the app as JSON
/// ([`crate::model::work`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    pub kind: SourceKind,
    /// The source's words (for an anonymous source followed by its cue, with the cue).
    pub span: Span,
    /// For an anonymous source: where a reason for the anonymity is given, if anywhere.
    pub reason: Option<Span>,
    pub rule: Rule,
}

impl Suggestion {
    /// The rule in a sentence for the user, quoting the antecedent with `quote`.
    pub fn explanation(&self, quote: impl Fn(Span) -> String) -> String {
        match self.rule.antecedent() {
            Some(antecedent) => format!("{} Refers to “{}”.", self.rule, quote(antecedent)),
            None => self.rule.to_string(),
        }
    }
}

/// How many sentences back the speaker of `"…," she said` may have been named: a quotation
/// goes on with its speaker, often over sentences of its own (which are not counted).
const QUOTED_PRONOUN_REACH: usize = 5;

/// About how many bytes of text [`Suggester`] reads at a time.
pub const PIECE_BYTES: usize = 16_384;

/// Finds the sources of `text`.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    suggest_by_pieces(text, PIECE_BYTES)
}

/// [`suggest`], reading about `piece_bytes` of text at a time (at least a paragraph). The
/// result does not depend on `piece_bytes`; that is what the tests check.
pub fn suggest_by_pieces(text: &str, piece_bytes: usize) -> Vec<Suggestion> {
    let mut suggester = Suggester::new(text, piece_bytes);
    let mut found = Vec::new();
    while let Some(piece) = suggester.next_piece() {
        found.extend(piece);
    }
    found
}

/// Finds the sources of a text a piece of paragraphs at a time, each read with the two
/// paragraphs after it: a sentence never runs past a paragraph and a reason is looked for at
/// most two sentences on, so the pieces find exactly what one pass over the whole text would.
/// The pass's memory (a character and a token per character and word) is that of one piece,
/// and the page can paint between pieces.
pub struct Suggester<'a> {
    text: &'a str,
    piece_bytes: usize,
    start: usize,
    start_char: usize,
    quotes: QuoteState,
    /// Sentences before the piece, not counting those wholly inside quotation marks: a
    /// pronoun's antecedent is looked for two sentences of the article's own words back.
    sentence_base: usize,
    /// Sources and names lately seen, that pronouns may stand for.
    antecedents: Vec<Antecedent>,
    /// The kind of the last source with each head word ("official"), and where it was.
    by_head: HashMap<String, (SourceKind, Span)>,
}

#[derive(Clone, Copy, Debug)]
struct Antecedent {
    kind: SourceKind,
    span: Span,
    sentence: usize,
    plural: bool,
    organisation: bool,
}

impl<'a> Suggester<'a> {
    pub fn new(text: &'a str, piece_bytes: usize) -> Self {
        Suggester {
            text,
            piece_bytes,
            start: 0,
            start_char: 0,
            quotes: QuoteState::default(),
            sentence_base: 0,
            antecedents: Vec::new(),
            by_head: HashMap::default(),
        }
    }

    /// The sources of the next piece, or `None` at the end of the text.
    pub fn next_piece(&mut self) -> Option<Vec<Suggestion>> {
        let text = self.text;
        if self.start >= text.len() {
            return None;
        }
        let end = paragraph_end_from(text, self.start.saturating_add(self.piece_bytes.max(1)));
        let core_chars = text[self.start..end].chars().count();
        let read = suggest_in(&text[self.start..after_paragraphs(text, end, 2)], self.quotes, core_chars);
        let shift = |s: Span| Span {
            start: CharOffset(s.start.0 + self.start_char),
            end: CharOffset(s.end.0 + self.start_char),
        };
        let mut out = Vec::new();
        for item in read.items {
            let sentence = self.sentence_base + item.sentence;
            let span = shift(item.span);
            self.antecedents.retain(|a| a.sentence + QUOTED_PRONOUN_REACH >= sentence);
            let (kind, rule) = match item.reading {
                Reading::Source(kind, rule) => (kind, rule),
                Reading::Definite(kind, rule) => match item.head.as_ref().and_then(|h| self.by_head.get(h)) {
                    Some(&(earlier, antecedent)) => (earlier, Rule::RefersBack { antecedent }),
                    None => (kind, rule),
                },
                Reading::Pronoun => {
                    let reach = if item.after_quote { QUOTED_PRONOUN_REACH } else { 2 };
                    let fits = |a: &&Antecedent| {
                        a.sentence + reach >= sentence
                            && match item.pronoun {
                                PronounNumber::Singular => !a.plural && !a.organisation,
                                PronounNumber::Plural => a.plural || a.organisation,
                                PronounNumber::Thing => a.organisation,
                            }
                    };
                    let Some(a) = self.antecedents.iter().rev().find(fits).copied() else { continue };
                    (a.kind, Rule::Pronoun { antecedent: a.span })
                }
                // A name that is not a source: only ever an antecedent.
                Reading::NotSource => {
                    self.antecedents.push(Antecedent {
                        kind: SourceKind::Named,
                        span,
                        sentence,
                        plural: item.plural,
                        organisation: false,
                    });
                    continue;
                }
            };
            let antecedent_span = rule.antecedent().unwrap_or(span);
            self.antecedents.push(Antecedent {
                kind,
                span: antecedent_span,
                sentence,
                plural: item.plural,
                organisation: item.organisation || matches!(rule, Rule::Organisation | Rule::SpeaksFor),
            });
            if let Some(head) = item.head {
                self.by_head.insert(head, (kind, antecedent_span));
            }
            let span = match (kind, item.cue_end) {
                // An anonymous source right before its cue is suggested with it: "a U.S.
                // official said".
                (SourceKind::Anonymous, Some(cue_end)) => {
                    Span { start: span.start, end: shift(Span { start: CharOffset(0), end: CharOffset(cue_end) }).end }
                }
                _ => span,
            };
            let reason = if kind == SourceKind::Anonymous { item.reason.map(shift) } else { None };
            out.push(Suggestion { kind, span, reason, rule });
        }
        self.sentence_base += read.sentences_in_core;
        self.quotes = read.quotes_at_core_end;
        self.start_char += core_chars;
        self.start = end;
        Some(out)
    }
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PronounNumber {
    Singular,
    Plural,
    Thing,
}

/// A source phrase (or a name that may be an antecedent) found in a piece, before what earlier
/// pieces said about it is known.
#[derive(Debug)]
struct Item {
    reading: Reading,
    span: Span,
    /// The end of the cue right after the phrase, if it is right after.
    cue_end: Option<usize>,
    /// Right after a quotation (`"…," she said`).
    after_quote: bool,
    reason: Option<Span>,
    sentence: usize,
    head: Option<String>,
    plural: bool,
    organisation: bool,
    pronoun: PronounNumber,
}

struct Read {
    items: Vec<Item>,
    sentences_in_core: usize,
    quotes_at_core_end: QuoteState,
}

/// Finds the source phrases of `text`, which starts in quotation state `quotes`; the first
/// `core_chars` characters are the piece, the rest only context.
fn suggest_in(text: &str, quotes: QuoteState, core_chars: usize) -> Read {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text, &chars, quotes);
    let sentences = sentences(&chars, &tokens);
    // Each sentence's number, counting only sentences with words outside quotation marks.
    let narrative: Vec<usize> = sentences
        .iter()
        .scan(0, |count, &(a, b)| {
            *count += usize::from(tokens[a..b].iter().any(|t| !t.quoted && t.is_word()));
            Some(*count)
        })
        .collect();
    // Which sentences say anything about anonymity: most say nothing, and are not searched for
    // each of the phrases.
    let about_anonymity: Vec<bool> = sentences.iter().map(|&(a, b)| mentions_anonymity(&tokens[a..b])).collect();
    let mut items = Vec::new();
    for (s, &(from, to)) in sentences.iter().enumerate() {
        if tokens[from].start >= core_chars {
            break;
        }
        let sentence = &tokens[from..to];
        let phrases = source_phrases(sentence);
        let sentence_items = items.len();
        for (n, &(a, b, cue)) in phrases.iter().enumerate() {
            // The source's clause: up to the next source, and from the sentence's start for
            // the first one ("Speaking on condition of anonymity, a diplomat said").
            let clause_start = if n == 0 { 0 } else { a };
            let clause_end = phrases.get(n + 1).map_or(sentence.len(), |p| p.0.max(b));
            let words = &sentence[a..b];
            let head = head_word(words);
            let mut unnamed = about_anonymity[s]
                && has_phrase(&chars, &sentence[clause_start..clause_end], &ANONYMITY_STATEMENT_PHRASES).is_some();
            if !unnamed
                && about_anonymity.get(s + 1) == Some(&true)
                && let Some(&(na, nb)) = sentences.get(s + 1)
            {
                unnamed = refers_back_to(&tokens[na..nb], head.as_deref())
                    && has_phrase(&chars, &tokens[na..nb], &ANONYMITY_STATEMENT_PHRASES).is_some();
            }
            let reading = classify(words, unnamed, a == 0);
            if reading == Reading::NotSource {
                continue;
            }
            let span = Span { start: CharOffset(words[0].start), end: CharOffset(words[b - a - 1].end) };
            // A name ending in "s" ("Jean Dubois") is one person; a common noun so ending, many.
            let proper_head = words
                .iter()
                .rev()
                .find(|t| head.as_deref().is_some_and(|h| t.text.to_lowercase() == h))
                .is_some_and(is_proper);
            // "Smith and Jones" are two; "Khaldun of Health and Human Services" is one.
            let plural = words[..head_end(words)].iter().any(|t| t.is("and"))
                || head.as_deref().is_some_and(|h| {
                    h.ends_with('s') && !h.ends_with("ss") && !proper_head || h == "people" || h == "police"
                });
            let pronoun = match words[0].text.to_lowercase().as_str() {
                "they" => PronounNumber::Plural,
                "it" => PronounNumber::Thing,
                _ => PronounNumber::Singular,
            };
            let reason = reason_for(&chars, &tokens, &sentences, &about_anonymity, s, from + a);
            items.push(Item {
                reading,
                span,
                cue_end: cue.filter(|&c| c == b).map(|c| sentence[c].end),
                after_quote: follows_quote(sentence, a),
                reason,
                sentence: narrative[s],
                head: if reading == Reading::Pronoun { None } else { head },
                plural,
                organisation: words.iter().any(|t| ORGANISATION_HEADS.iter().any(|w| t.is(w))),
                pronoun,
            });
        }
        // Names in the sentence that are not sources may be what a later "he" stands for.
        let mut k = 0;
        while k < sentence.len() {
            let t = &sentence[k];
            if t.quoted
                || !is_proper(t)
                || items[sentence_items..].iter().any(|i| i.span.start.0 <= t.start && t.start < i.span.end.0)
            {
                k += 1;
                continue;
            }
            let run_end = (k..sentence.len()).find(|&j| !is_proper(&sentence[j])).unwrap_or(sentence.len());
            let run = &sentence[k..run_end];
            // A single capitalized word that starts a sentence is a name when a lowercase word
            // follows it ("Sabatier encourages…").
            let named_subject = sentence.get(run_end).is_some_and(Token::lowercase);
            if run.len() >= 2 || k > 0 || named_subject {
                items.push(Item {
                    reading: Reading::NotSource,
                    span: Span { start: CharOffset(run[0].start), end: CharOffset(run[run.len() - 1].end) },
                    cue_end: None,
                    after_quote: false,
                    reason: None,
                    sentence: narrative[s],
                    head: None,
                    plural: false,
                    organisation: false,
                    pronoun: PronounNumber::Singular,
                });
            }
            k = run_end;
        }
    }
    items.sort_by_key(|i| i.span.start.0);
    let sentences_in_core =
        sentences.iter().zip(&narrative).rfind(|&(&(a, _), _)| tokens[a].start < core_chars).map_or(0, |(_, &n)| n);
    let quotes_at_core_end = tokens.iter().take_while(|t| t.start < core_chars).last().map_or(quotes, |t| t.after);
    Read { items, sentences_in_core, quotes_at_core_end }
}

/// The head word of a phrase, in lowercase: the last word before what follows the head.
fn head_word(words: &[Token]) -> Option<String> {
    words[..head_end(words)].iter().rev().find(|t| t.is_word()).map(|t| t.text.to_lowercase())
}

/// Whether a sentence starts by referring back to a source ("The official, who…", "He…").
fn refers_back(sentence: &[Token]) -> bool {
    let Some(first) = sentence.first() else { return false };
    first.is("the")
        && sentence.get(1).is_some_and(|t| STRONGLY_ANONYMOUS_HEADS.iter().chain(ROLE_HEADS).any(|w| t.is(w)))
        || PRONOUNS.iter().any(|p| first.is(p))
}

/// Whether a sentence starts by referring back to a source whose head noun is `head`: "The
/// official, who…" after "a U.S. official", or a pronoun after a person.
fn refers_back_to(sentence: &[Token], head: Option<&str>) -> bool {
    let Some(first) = sentence.first() else { return false };
    let Some(head) = head else { return false };
    let same_noun = first.is("the") && sentence.get(1).is_some_and(|t| t.is(head));
    let pronoun = ["he", "she", "they"].iter().any(|p| first.is(p)) && !ORGANISATION_HEADS.contains(&head);
    same_noun || pronoun
}

/// The first of `phrases` in the words of `tokens`, as a span of the text.
fn has_phrase(chars: &[char], tokens: &[Token], phrases: &Phrases) -> Option<Span> {
    let (first, last) = (tokens.first()?, tokens.last()?);
    let (start, end) = (first.start, last.end);
    let lower: String = chars[start..end].iter().collect::<String>().to_lowercase();
    let (byte, phrase) = phrases.first_in(&lower)?;
    let at = start + lower[..byte].chars().count();
    // The phrases are ASCII: a byte is a character.
    Some(Span { start: CharOffset(at), end: CharOffset(at + phrase.len()) })
}

/// A reason for anonymity: in the source's sentence from the source on, or in one of the next
/// two sentences if it starts by referring back to a source ("The official, who was not
/// authorized…").
fn reason_for(
    chars: &[char],
    tokens: &[Token],
    sentences: &[(usize, usize)],
    about_anonymity: &[bool],
    s: usize,
    source: usize,
) -> Option<Span> {
    let (a, b) = sentences[s];
    if let Some(span) =
        about_anonymity[s].then(|| has_phrase(chars, &tokens[source.max(a)..b], &REASON_PHRASES)).flatten()
    {
        return Some(span);
    }
    (s + 1..sentences.len().min(s + 3))
        .filter(|&n| about_anonymity[n] && refers_back(&tokens[sentences[n].0..sentences[n].1]))
        .find_map(|n| has_phrase(chars, &tokens[sentences[n].0..sentences[n].1], &REASON_PHRASES))
}

/// Whether a sentence has a word that every phrase about anonymity or its reasons has: a quick
/// test, word by word, before looking for each phrase.
fn mentions_anonymity(sentence: &[Token]) -> bool {
    sentence.iter().any(|t| {
        let word = t.text.as_bytes();
        ANONYMITY_STEMS
            .iter()
            .any(|stem| word.len() >= stem.len() && word[..stem.len()].eq_ignore_ascii_case(stem.as_bytes()))
    })
}

#[cfg(test)]
mod tests;
