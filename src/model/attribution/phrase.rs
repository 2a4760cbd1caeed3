//! The noun phrase that is a cue's source: before the cue ("a U.S. official said"), or after
//! it (`"…," said X`, "according to X").

use super::tokens::{Token, is_title_abbreviation};
use super::words::*;

/// The source phrase ending right before `cue` in `sentence`, as a token range.
pub(super) fn phrase_before(sentence: &[Token], cue: usize) -> Option<(usize, usize)> {
    // "the only other entity to confirm": an infinitive has no subject ("was first to report"
    // has one).
    if cue > 1 && sentence[cue - 1].is("to") && !(sentence[cue - 2].is("first") || sentence[cue - 2].is("last")) {
        return None;
    }
    let mut end = cue;
    while end > 0 && (BETWEEN.iter().any(|w| sentence[end - 1].is(w)) || is_adverb(&sentence[end - 1])) {
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
        if t.quoted || t.quote.is_some() || matches!(t.text, ";" | ":" | "(" | ")" | "—" | "–") {
            break;
        }
        begin -= 1;
    }
    // "Rep. Robert Aderholt (R-AL), ranking member of…, said", "Home Depot (ticker: HD)
    // reported": a name, a short parenthesis, then at most a description set off by commas
    // (in "…kill Rep. Ilhan Omar (D-Minn.), the U.S. Attorney's Office announced" the office is
    // the source).
    if begin > 0
        && sentence[begin - 1].text == ")"
        && let Some(open) = (begin.saturating_sub(8)..begin - 1).rev().find(|&k| sentence[k].text == "(")
        && open > 0
        && is_proper(&sentence[open - 1])
    {
        let rest = &sentence[begin..end];
        let described = rest.is_empty()
            || rest.len() > 2
                && rest[0].text == ","
                && rest[rest.len() - 1].text == ","
                && describes(&rest[1..])
                && !rest.iter().any(is_cue);
        let from = (0..open).rev().take_while(|&k| is_name_part(&sentence[k])).last();
        if described && let Some(from) = from {
            return trim(sentence, from, open);
        }
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
            || first.text.ends_with("ing") && !first.capitalized()
            || ANONYMITY_OPENINGS.iter().any(|w| first.is(w));
        let numbers = sentence[a..b].iter().all(|t| t.text.chars().all(|c| c.is_ascii_digit()));
        // ", however,", ", in a statement,": set off, not the source.
        let aside = sentence[a..b].iter().all(|t| ASIDES.iter().any(|w| t.is(w)))
            || PREPOSITIONS.iter().any(|w| first.is(w)) && index + 1 < segments.len();
        if clause || numbers || aside {
            continue;
        }
        chosen = Some((a, b));
        break;
    }
    let (a, b) = chosen?;
    // `NAME, what they are (with its own commas and "and"s), said`: the name is the source.
    let (fa, fb) = segments[0];
    let initial = |t: &Token| t.text == "." || t.text.len() == 1 && t.capitalized();
    // "James P. Kennedy Jr." ends in its suffix's period.
    let suffix = |k: usize| sentence[k].text == "." && k > 0 && ["Jr", "Sr"].contains(&sentence[k - 1].text);
    // ("Critically, however, the commission said": an adverb, capitalized at the start.)
    let adverb = fb == fa + 1 && sentence[fa].text.ends_with("ly");
    let pure_name = fb > fa
        && !adverb
        && sentence[fa..fb].iter().all(|t| is_proper(t) || initial(t))
        && (is_proper(&sentence[fb - 1]) || suffix(fb - 1));
    // "study lead author Lucas Paganini, a planetary scientist at…, said": a name after a few
    // words that say what the person is, then the description.
    let described_name = fb > fa + 2
        && fb - fa <= 8
        && is_proper(&sentence[fb - 1])
        && (is_proper(&sentence[fb - 2]) || initial(&sentence[fb - 2]))
        && sentence[fa..fb].iter().all(|t| t.is_word() && !(t.lowercase() && t.text.ends_with("ed")) || t.text == ".")
        && !sentence[fa..fb].iter().any(|t| {
            is_cue(t)
                || [BOUNDARIES, DETERMINERS, PREPOSITIONS, AUXILIARIES, BETWEEN]
                    .iter()
                    .any(|list| list.iter().any(|w| t.is(w)))
        });
    let pure_name = pure_name || described_name;
    // Not a verb's clause ("…, pleaded guilty to…, and being a felon…,").
    let description = |&(x, y): &(usize, usize)| {
        let verb_first = sentence.get(x).is_some_and(|t| t.lowercase() && t.text.ends_with("ed"));
        !verb_first
            && !sentence[x..y]
                .iter()
                .any(|t| is_cue(t) || t.is("being") || !t.is("and") && BOUNDARIES.iter().any(|w| t.is(w)))
    };
    // What follows the name: a description, or one word ("R-Neb.", "Calif.").
    let one_word = sentence[a..b].iter().filter(|t| t.is_word()).count() == 1;
    // (A pronoun is the subject itself: "Critically, however, it pointed out".)
    let pronoun = b == a + 1 && PRONOUNS.iter().any(|p| sentence[a].is(p));
    if index > 0
        && pure_name
        && !pronoun
        && (describes(&sentence[a..b]) || one_word)
        && segments[1..=index].iter().all(description)
    {
        return trim(sentence, fa, fb);
    }
    // Within the segment, the source ends at a relative pronoun ("a spokesperson who did not
    // wish to be named because…"), and follows the last word before it that starts a clause
    // ("…after the Financial Times").
    // "in which he said": the relative clause's own subject is the source.
    let relative = (a..b).rev().find(|&k| ["who", "which", "whom"].iter().any(|w| sentence[k].is(w)));
    let subject_after = relative.is_some_and(|k| {
        sentence.get(k + 1).is_some_and(|t| {
            k + 1 < b && (PRONOUNS.iter().any(|p| t.is(p)) || is_proper(t) || DETERMINERS.iter().any(|d| t.is(d)))
        })
    });
    let (a, b) = match relative {
        Some(k) if subject_after => (k + 1, b),
        _ => (a, (a + 1..b).find(|&k| sentence[k].is("who") || sentence[k].is("which")).unwrap_or(b)),
    };
    let mut a = a;
    if let Some(k) = (a..b).rev().find(|&k| BOUNDARIES.iter().any(|w| sentence[k].is(w)) && !is_list_and(sentence, k)) {
        a = k + 1;
    }
    // A cue inside the phrase makes it a clause, but for a noun cue as the phrase's head ("some
    // reports say").
    let noun_head = |k: usize| k + 1 == b && NOUN_CUES.iter().any(|w| sentence[k].is(w));
    // "he said others had raised concerns": after an earlier cue, its reported clause's subject.
    if let Some(k) = (a..b).rev().find(|&k| is_cue(&sentence[k]) && !noun_head(k))
        && k > a
        && CLAUSE_CUES.iter().any(|w| sentence[k].is(w))
        && !sentence.get(k + 1).is_some_and(|t| PREPOSITIONS.iter().any(|w| t.is(w)))
        && (PRONOUNS.iter().any(|p| sentence[k - 1].is(p)) || is_proper(&sentence[k - 1]))
    {
        a = k + 1;
    }
    if a >= b || (a..b).any(|k| is_cue(&sentence[k]) && !noun_head(k)) {
        return None;
    }
    if index > 0 {
        let (pa, pb) = segments[index - 1];
        let previous = &sentence[pa..pb];
        let here = &sentence[a..b];
        // A list's "and" before a name does not make a clause ("…, and Tim Morrison, a former
        // official, testified", "…, but General Mark Milley, chairman of…, told").
        let previous =
            if previous.first().is_some_and(|t| t.is("and") || t.is("but")) { &previous[1..] } else { previous };
        let clause = previous
            .iter()
            .any(|t| BOUNDARIES.iter().any(|w| t.is(w)) || is_cue(t) || AUXILIARIES.iter().any(|w| t.is(w)))
            || previous.first().is_some_and(|t| ["who", "which", "whose", "whom"].iter().any(|w| t.is(w)));
        let names_someone = |w: &[Token]| is_name(w) || w.len() == 1 && is_proper(&w[0]);
        // "The group that owns her music, Big Machine, says", "his predecessor, Fiona Hill,
        // had said": the description names the source as well as the name.
        let described_before = is_name(here)
            && previous.len() <= 10
            && previous
                .first()
                .is_some_and(|t| ["the", "a", "an", "his", "her", "their", "its"].iter().any(|d| t.is(d)))
            && !previous.iter().any(|t| is_cue(t) || AUXILIARIES.iter().any(|w| t.is(w)));
        if described_before && a == segments[index].0 {
            return trim(sentence, pa, b);
        }
        let apposition = (is_name(here) && !previous.is_empty() && previous.len() <= 8)
            || (!previous.is_empty()
                && names_someone(previous)
                && (describes(here) || here.len() == 1 && is_proper(&here[0])));
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
pub(super) fn phrase_after(sentence: &[Token], first: usize) -> Option<(usize, usize)> {
    let mut end = first;
    while end < sentence.len() {
        let t = &sentence[end];
        // "in" ends the phrase ("the mayor in a statement"), except right after its first word.
        let clause_word = [
            "that", "on", "who", "about", "when", "as", "to", "after", "before", "during", "i", "we", "he", "she",
            "they",
        ]
        .iter()
        .any(|w| t.is(w));
        let abbreviation = t.text == "." && end > first && is_title_abbreviation(&sentence[end - 1]);
        // "a woman and sexual assault by…", "a woman following a conference": past the source
        // ("Smith and Jones", "officials and experts" go on).
        let next_lower = sentence.get(end + 1).is_some_and(|n| n.lowercase() && !DETERMINERS.iter().any(|d| n.is(d)));
        let and_other = t.is("and") && next_lower && !sentence.get(end + 1).is_some_and(|n| n.text.ends_with('s'));
        let participle = end > first && t.lowercase() && t.text.len() > 5 && t.text.ends_with("ing");
        if and_other || participle {
            break;
        }
        if !t.is_word() && !matches!(t.text, "'" | "’") && !abbreviation || clause_word || t.is("in") && end > first + 1
        {
            break;
        }
        end += 1;
    }
    trim(sentence, first, end)
}

/// A phrase without quantifiers at its end ("… all"), and nothing if it cannot be a source:
/// empty, too long, a word that never is one, or holding a verb ("The changes would be").
pub(super) fn trim(sentence: &[Token], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    // "and Tim Morrison, another aide": a list's last item.
    while a < b && (sentence[a].is("and") || sentence[a].is("but") || sentence[a].is("or")) {
        a += 1;
    }
    while b > a && (BETWEEN.iter().any(|w| sentence[b - 1].is(w)) || !sentence[b - 1].is_word()) {
        b -= 1;
    }
    let words = &sentence[a..b];
    // "We've said": the contraction's word.
    let first = words.first().map(|t| t.text.split(['\'', '’']).next().unwrap_or(t.text));
    if words.is_empty()
        || words.len() > 12
        || !words[0].is_acronym() && first.is_some_and(|f| NOT_SOURCES.iter().any(|w| f.eq_ignore_ascii_case(w)))
    {
        return None;
    }
    // "a newly revealed": an adverb is no head.
    if words[words.len() - 1].text.ends_with("ly") && words[words.len() - 1].lowercase() {
        return None;
    }
    if words.iter().any(|t| AUXILIARIES.iter().any(|w| t.is(w))) {
        return None;
    }
    Some((a, b))
}

/// Whether words describe someone rather than name them: "a member of…", "the president",
/// "Smith's lawyer".
fn describes(words: &[Token]) -> bool {
    let Some(first) = words.first() else { return false };
    // "Edmunds' executive director", "Edmunds executive director": an organisation's name
    // before a lowercase role (but "Citi and Goldman Sachs" is a list of names).
    let plural_possessive = first.text.ends_with('s') && words.get(1).is_some_and(|t| t.text == "'" || t.text == "’");
    let organisation_role = first.capitalized()
        && words
            .iter()
            .skip(1)
            .find(|t| !is_proper(t))
            .is_some_and(|t| t.lowercase() && !["and", "or", "of", "for", "in", "at"].iter().any(|w| t.is(w)));
    // "CEO of Take-Two", "President of the club": a title of office.
    let title = TITLES.iter().any(|w| first.text.eq_ignore_ascii_case(w));
    first.lowercase()
        || title
        || ["the", "a", "an"].iter().any(|d| first.is(d))
        || first.text.ends_with("'s")
        || first.text.ends_with("’s")
        || plural_possessive
        || organisation_role
}

/// A lowercase adverb between a source and its cue ("ultimately admitted").
fn is_adverb(t: &Token) -> bool {
    t.lowercase() && t.text.len() > 4 && t.text.ends_with("ly") || t.is("long")
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

/// A reporting verb: in lowercase ("the United States" is no cue), or starting a sentence.
pub(super) fn is_cue(t: &Token) -> bool {
    !t.text.chars().next().is_some_and(char::is_uppercase) && CUE_SET.contains(t.text)
}

/// Two or more capitalized words in a row that are not generic ("Paul Otieno").
pub(super) fn is_name(words: &[Token]) -> bool {
    words.windows(2).any(|w| w.iter().all(is_proper))
}

/// A word of a name as written before a verb: a proper word, a title's abbreviation or an
/// initial ("Rep.", "P."), or the period after one.
pub(super) fn is_name_part(t: &Token) -> bool {
    is_proper(t) || is_title_abbreviation(t) || t.text == "."
}

/// A capitalized word that names something: not a generic capital ("U.S.", "State"), not a
/// determiner or a common word that starts a sentence.
pub(super) fn is_proper(t: &Token) -> bool {
    if !t.capitalized() || !t.is_word() {
        return false;
    }
    let (common, generic) = &*NOT_NAMES;
    // "WHO", "NASA": an acronym names something, whatever word it spells.
    if t.is_acronym() && !generic.contains(t.text) {
        return true;
    }
    // "Republicans", "Israelis": the plural of a generic capital is a group, not a name.
    if generic.contains(t.text) || t.text.strip_suffix('s').is_some_and(|singular| generic.contains(singular)) {
        return false;
    }
    // Lowercased on the stack: every capitalized word of an article comes here.
    let mut buffer = [0u8; 24];
    let bytes = t.text.as_bytes();
    if bytes.len() > buffer.len() || !t.text.is_ascii() {
        return !common.contains(t.text.to_lowercase().as_str());
    }
    buffer[..bytes.len()].copy_from_slice(bytes);
    buffer[..bytes.len()].make_ascii_lowercase();
    !std::str::from_utf8(&buffer[..bytes.len()]).is_ok_and(|lower| common.contains(lower))
}
