//! Where a sentence attributes something: its reporting cues ("said", "according to",
//! "declined to comment", "did not respond"), which words around a cue are really one (a noun
//! "states", a passive "said to be", "wrote handbooks"), and where each cue's source phrase is.

use super::phrase::{is_cue, is_name_part, is_proper, phrase_after, phrase_before, trim};
use super::tokens::{Token, follows_quote, is_title_abbreviation};
use super::words::*;

/// Words other than cues that start a pattern of [`source_phrases`].
#[rustfmt::skip]
const STARTS: [&str; 23] = [
    "according", "citing", "by", "declined", "not", "never", "called", "asked", "pointed", "points",
    "issued", "released", "published", "spoke", "spoken", "speaks", "pleaded", "cited", "cites",
    "with", "raised", "raises", "per",
];

/// The source phrases of a sentence as token ranges, each with its cue's token if the cue
/// follows the phrase.
pub(super) fn source_phrases(sentence: &[Token]) -> Vec<(usize, usize, Option<usize>)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < sentence.len() {
        let token = &sentence[i];
        // "Ola Berg defended the plan, saying…": the sentence's subject said it.
        if !token.quoted && i > 0 && sentence[i - 1].text == "," && PARTICIPLES_OF_SPEECH.iter().any(|w| token.is(w)) {
            if let Some(end) = subject_end(sentence, i) {
                found.push((0, end, None));
            }
            i += 1;
            continue;
        }
        // Most words start nothing: only a cue or a word of the patterns below is read further.
        let may_start = is_cue(token) || STARTS.iter().any(|w| token.is(w)) || negative_contraction(token);
        if token.quoted || !may_start {
            i += 1;
            continue;
        }
        // "according to X", "reported by X", "published by X" (but "a breakdown revealed by
        // the suicide" is no speech).
        // "per the WHO", "per Feng": "according to" (but "per cent", "per year").
        let per = token.is("per")
            && i > 0
            && sentence[i - 1].text == ","
            && sentence
                .get(i + 1)
                .is_some_and(|t| is_proper(t) || t.is("the") && sentence.get(i + 2).is_some_and(is_proper));
        let after = if token.is("according") && sentence.get(i + 1).is_some_and(|t| t.is("to")) {
            Some(i + 2)
        } else if per
            || token.is("citing")
            || token.is("by")
                && i > 0
                && (is_cue(&sentence[i - 1]) && !sentence[i - 1].is("revealed") || sentence[i - 1].is("published"))
            || token.is("by") && accused_of_before(sentence, i)
        {
            Some(i + 1)
        } else {
            None
        };
        // "with some reports suggesting…", "with critics saying…": the phrase before the
        // participle.
        if token.is("with") {
            let participle = (i + 2..sentence.len().min(i + 8))
                .find(|&k| PARTICIPLES_OF_SPEECH.iter().any(|w| sentence[k].is(w)) || sentence[k].is("suggesting"));
            if let Some(k) = participle
                && sentence[i + 1..k].iter().all(Token::is_word)
                && let Some(phrase) = trim(sentence, i + 1, k)
            {
                found.push((phrase.0, phrase.1, None));
            }
            i += 1;
            continue;
        }
        if let Some(first) = after {
            if let Some((a, b)) = phrase_after(sentence, first) {
                found.push((a, b, None));
            }
            i += 1;
            continue;
        }
        // "declined to comment", "did not (immediately) respond": the subject is a source.
        let verb_at = |k: usize| {
            sentence.get(k).is_some_and(|t| REFUSED.iter().any(|w| t.is(w)))
                || sentence.get(k).is_some_and(|t| t.is("return"))
                    && sentence
                        .get(k + 1)
                        .is_some_and(|t| ["calls", "a", "messages", "emails", "requests"].iter().any(|w| t.is(w)))
        };
        let adverb = sentence.get(i + 1).is_some_and(|t| t.is("immediately") || t.is("yet"));
        let negative_cue = (token.is("declined") && sentence.get(i + 1).is_some_and(|t| t.is("to")))
            || (token.is("not") || token.is("never") || negative_contraction(token))
                && (verb_at(i + 1) || adverb && verb_at(i + 2));
        // "insisted on anonymity" is a reason, not a cue; "warned Iran" is an act unless
        // "that" follows; "several states" is a noun.
        let next_is = |w: &str| sentence.get(i + 1).is_some_and(|t| t.is(w));
        let previous = i.checked_sub(1).map(|k| &sentence[k]);
        let not_cue = (token.is("insisted") || token.is("insists")) && next_is("on")
            || NOUN_CUES.iter().any(|w| token.is(w)) && !verb_use(sentence, i) && !name_after_comma(sentence, i)
            || token.is("report") && !previous.is_some_and(|p| p.is("to"))
            || WEAK_CUES.iter().any(|w| token.is(w))
                && !next_to_quote(sentence, i)
                && !(said_that(token) && next_is("that"));
        // "said to be", "reported to have": a passive with no source.
        let passive = next_is("to") && sentence.get(i + 2).is_some_and(|t| t.is("be") || t.is("have"));
        // "tips expressed by experts": the source follows "by" (read above), none is before.
        let passive = passive || token.text.ends_with("ed") && next_is("by");
        let complement = sentence.get(i + 1).is_none_or(|n| {
            ["that", "in", "on", "to", "about"].iter().any(|w| n.is(w))
                || matches!(n.text, "," | ":" | ".")
                || n.opens_quote()
        });
        let be = |t: &Token| ["is", "are", "was", "were", "been"].iter().any(|w| t.is(w));
        let not_cue = not_cue
            || COMPLEMENT_CUES.iter().any(|w| token.is(w)) && !complement && !next_to_quote(sentence, i)
            || PROGRESSIVE_CUES.iter().any(|w| token.is(w)) && !previous.is_some_and(be)
            // "reported for duty": not speech.
            || token.is("reported") && next_is("for");
        // "called the plan a disaster", "called for", "pointed out", "issued a statement",
        // "asked Morrison about": speech with its object.
        let object = sentence.get(i + 1).is_some_and(|n| {
            is_proper(n)
                || ["the", "it", "him", "her", "them", "his", "their", "this", "for", "on", "a", "an"]
                    .iter()
                    .any(|w| n.is(w))
        });
        // "spoke out", "pleaded with", "published a blog post", "cited a study".
        let document_follows = |words: &[&str]| sentence[i + 1..].iter().take(4).any(|t| words.iter().any(|w| t.is(w)));
        let speech_with_object = (token.is("called") || token.is("asked")) && object
            || (token.is("pointed") || token.is("points")) && next_is("out")
            || (token.is("spoke") || token.is("spoken") || token.is("speaks")) && next_is("out")
            || token.is("pleaded") && (next_is("with") || next_is("for"))
            || (token.is("issued") || token.is("released") || token.is("published"))
                && document_follows(&["statement", "statements", "post"])
            || (token.is("raised") || token.is("raises"))
                && ["concerns", "questions", "doubts", "alarm", "objections"].iter().any(|w| next_is(w))
            || (token.is("cited") || token.is("cites"))
                && document_follows(&["study", "report", "survey", "poll", "data"]);
        let cue = negative_cue || speech_with_object || is_cue(token) && !not_cue && !passive;
        if !cue {
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
        // `…," said X`, `…, says X`: the source follows the cue, up to the end of the clause.
        let after_quote = follows_quote(sentence, cue_at);
        let after_comma = after_quote || cue_at > 0 && sentence[cue_at - 1].text == ",";
        let inverts = after_comma && SAYING.iter().any(|w| token.is(w))
            || after_quote && SAYING_AFTER_QUOTES.iter().any(|w| token.is(w));
        let inverted = inverts.then(|| phrase_after(sentence, cue_at + 1)).flatten().filter(|&(a, b)| {
            let first = &sentence[a];
            a == cue_at + 1 && ends_clause(sentence, b) && !PREPOSITIONS.iter().chain(PRONOUNS).any(|w| first.is(w))
        });
        // "James Kennedy, the U.S. Attorney…, said the case…": a name and its description before
        // the comma are the subject, and what follows the cue is what was said.
        let before = phrase_before(sentence, cue_at);
        let named_apposition = before.is_some_and(|(a, b)| {
            let name = sentence[a..b].iter().all(is_name_part);
            b + 1 < cue_at && name && sentence[b..cue_at].iter().any(|t| t.text == ",")
        });
        if let Some((a, b)) = inverted.filter(|_| after_quote || !named_apposition) {
            found.push((a, b, None));
        } else if let Some((a, b)) = before {
            found.push((a, b, Some(cue_at)));
        }
        i += 1;
    }
    found.sort_by_key(|f| (f.0, f.1));
    found.dedup_by(|later, earlier| later.0 < earlier.1);
    found
}

/// The end of the subject that opens a sentence whose main clause ends before the comma at
/// `participle - 1`: a name (with its title), a pronoun, or a short phrase with a determiner,
/// followed by a verb in the past or present ("defended", "attacks", "took").
fn subject_end(sentence: &[Token], participle: usize) -> Option<usize> {
    let first = sentence.first()?;
    if first.quoted || first.quote.is_some() {
        return None;
    }
    let verb = |t: &Token| {
        t.lowercase() && (t.text.ends_with("ed") || t.text.ends_with('s') && !t.text.ends_with("ss"))
            || IRREGULAR_PAST.iter().any(|w| t.is(w))
    };
    let end = (1..participle.min(8)).find(|&k| verb(&sentence[k]))?;
    let words = &sentence[..end];
    let name = words.iter().all(|t| is_proper(t) || t.text == "." || is_title_abbreviation(t) || t.lowercase())
        && words.iter().any(is_proper)
        && words.last().is_some_and(is_proper);
    let pronoun = end == 1 && PRONOUNS.iter().any(|p| first.is(p));
    let described = DETERMINERS.iter().any(|d| first.is(d)) && words[1..].iter().all(Token::is_word);
    (name || pronoun || described).then_some(end)
}

/// "was accused of fraud by a former aide", "criticized for the delay by", "the move announced
/// on Monday by": a passive cue and what it was about or when, then "by" and its source.
fn accused_of_before(sentence: &[Token], by: usize) -> bool {
    let from = by.saturating_sub(5);
    (from..by).any(|k| {
        let participle = sentence[k].text.ends_with("ed") && is_cue(&sentence[k]) && !sentence[k].is("revealed");
        let be = k > 0 && ["was", "were", "been", "is", "are", "being"].iter().any(|w| sentence[k - 1].is(w));
        // "the move announced on Monday by…": a participle after its noun, a time, the agent.
        let when = sentence.get(k + 1).is_some_and(|t| ["on", "in", "last", "this", "earlier"].iter().any(|w| t.is(w)))
            && by - k <= 4;
        participle
            && (be && sentence.get(k + 1).is_some_and(|t| t.is("of") || t.is("for")) || when)
            && sentence[k + 1..by].iter().all(Token::is_word)
    })
}

/// Whether a cue that is also a noun ("states", "reports", "claims") is used as a verb: after
/// a word that can end a subject, and before "that", a colon, a comma or a quotation (or, but
/// for "states", a lowercase word).
fn verb_use(sentence: &[Token], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|k| &sentence[k]) else { return false };
    let noun_before = previous.is_word()
        && !DETERMINERS.iter().chain(QUANTIFIERS).chain(HEAD_ENDS).chain(BOUNDARIES).any(|d| previous.is(d))
        && !previous.text.chars().all(|c| c.is_ascii_digit())
        && (!previous.capitalized() || is_proper(previous))
        && !GENERIC_CAPITALS.contains(&previous.text);
    let next = sentence.get(i + 1);
    let verb_after = next.is_some_and(|n| n.is("that") || matches!(n.text, ":" | ",") || n.opens_quote())
        || !sentence[i].is("states")
            && next.is_some_and(|n| n.lowercase() && !n.is("of") && !n.is("and") && !n.is("in"));
    noun_before && verb_after
}

/// `…, reports Reuters`: a noun cue after a comma or a quotation, before a name, is the verb
/// of an inverted source.
fn name_after_comma(sentence: &[Token], i: usize) -> bool {
    let after_comma = i > 0 && (sentence[i - 1].text == "," || sentence[i - 1].closes_quote());
    after_comma && sentence.get(i + 1).is_some_and(is_proper)
}

/// Weak cues that report speech before "that" ("recalled that he", "agreed that").
fn said_that(t: &Token) -> bool {
    ["recalled", "agreed", "replied", "responded", "answered", "countered"].iter().any(|w| t.is(w))
}

/// "didn't", "hasn't", "wouldn't": a negation of its own.
fn negative_contraction(t: &Token) -> bool {
    t.text.len() > 3 && (t.text.ends_with("n't") || t.text.ends_with("n’t"))
}

/// Whether an inverted source ending at `b` ends its clause: `…, said Ola Berg.`, `…, said
/// Ola Berg, a lawyer`, `…, said Ola Berg (D-Calif.)`, `…, said Ola Berg in a statement`.
fn ends_clause(sentence: &[Token], b: usize) -> bool {
    sentence.get(b).is_none_or(|t| {
        matches!(t.text, "." | "," | ";" | ":" | "!" | "?" | "(" | ")")
            || t.closes_quote()
            || ["in", "on", "at", "during", "who", "when", "after", "before", "according"].iter().any(|w| t.is(w))
    })
}

/// Whether the cue at `i` has a quotation right before it or right after it (`"…?" she
/// asked`, `he continued: "…"`).
fn next_to_quote(sentence: &[Token], i: usize) -> bool {
    let before = sentence[..i].iter().rev().take(3).any(Token::closes_quote);
    let after = sentence.get(i + 1).is_some_and(|t| t.opens_quote() || matches!(t.text, ":" | ","))
        || sentence.get(i + 2).is_some_and(Token::opens_quote);
    before || after || i + 2 >= sentence.len()
}
