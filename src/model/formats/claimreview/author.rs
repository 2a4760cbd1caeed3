//! The claim's author in a ClaimReview: its source named as the article names it (the fullest
//! mention, without the reporting verb), a `Person` or an `Organization` by its head noun, and
//! described as anonymous when it is.

use serde_json::{Value, json};

use crate::model::library::{Annotation, AnnotationKind, Article};

/// A source as a schema.org `Person` or `Organization`, named by its marked words without the
/// reporting verb; a named source by its fullest mention in the article, an anonymous one as
/// marked and described as anonymous.
pub(super) fn source_author(article: &Article, source: &Annotation) -> Value {
    let marked = source_name(&article.quote(source.span()));
    let anonymous = source.kind == AnnotationKind::AnonymousAttribution;
    let name = if anonymous { marked } else { fullest_mention(&article.text, &marked) };
    let kind = if is_organization(&name) { "Organization" } else { "Person" };
    let mut author = json!({ "@type": kind, "name": name });
    if anonymous {
        author["description"] = json!("Anonymous source");
    }
    author
}

/// The article's byline as schema.org authors: "Jane Roe and John Doe" is two people, "Jane Roe,
/// Associated Press" a person and an organization; one author is one object, several a list.
pub(super) fn bylined_authors(byline: &str) -> Value {
    let names: Vec<&str> = byline
        .split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    let mut authors: Vec<Value> = names
        .iter()
        .map(|name| json!({ "@type": if is_organization(name) { "Organization" } else { "Person" }, "name": name }))
        .collect();
    if authors.len() == 1 { authors.remove(0) } else { Value::Array(authors) }
}

/// Reporting verbs that follow a source ("Ortiz said") or, inverted, precede it ("said Ortiz").
const CUES: [&str; 20] = [
    "said",
    "says",
    "told reporters",
    "told",
    "tells",
    "reported",
    "reports",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "wrote",
    "writes",
    "added",
    "adds",
    "stated",
    "announced",
    "noted",
    "explained",
    "warned",
];

/// A source's name: its marked words without a reporting verb ("a U.S. official said" -> "a
/// U.S. official"; "according to Reuters" -> "Reuters"; "said Ortiz" -> "Ortiz").
fn source_name(quote: &str) -> String {
    let mut name = quote.trim().trim_end_matches([',', '.', ':', ';']).trim();
    for prefix in ["according to ", "According to "] {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    for cue in CUES {
        if let Some(rest) = name.strip_suffix(cue).filter(|r| r.ends_with(char::is_whitespace)) {
            name = rest;
            break;
        }
        let inverted = name.strip_prefix(cue).or_else(|| name.strip_prefix(&capitalized(cue)[..]));
        if let Some(rest) = inverted.filter(|r| r.starts_with(char::is_whitespace)) {
            name = rest;
            break;
        }
    }
    name.trim().to_string()
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Words after which a source's description goes on about something else: its head noun is the
/// word before ("a spokesperson for the ministry", "people familiar with the talks").
const HEAD_ENDS: [&str; 16] = [
    "of",
    "for",
    "at",
    "in",
    "from",
    "with",
    "to",
    "on",
    "close",
    "familiar",
    "briefed",
    "knowledgeable",
    "involved",
    "who",
    "that",
    "which",
];

/// Head nouns of institutions and news outlets.
const ORGANIZATION_HEADS: [&str; 62] = [
    "department",
    "ministry",
    "agency",
    "office",
    "council",
    "authority",
    "authorities",
    "company",
    "government",
    "administration",
    "police",
    "court",
    "committee",
    "commission",
    "bureau",
    "board",
    "university",
    "hospital",
    "army",
    "military",
    "navy",
    "party",
    "union",
    "bank",
    "corporation",
    "group",
    "foundation",
    "institute",
    "service",
    "parliament",
    "congress",
    "senate",
    "embassy",
    "cabinet",
    "organization",
    "organisation",
    "association",
    "federation",
    "firm",
    "campaign",
    "coalition",
    "city",
    "county",
    "municipality",
    "house",
    "pentagon",
    "kremlin",
    "media",
    "newspaper",
    "network",
    "broadcaster",
    "channel",
    "station",
    "journal",
    "times",
    "news",
    "post",
    "press",
    "tribune",
    "herald",
    "gazette",
    "magazine",
];

/// Names that are outlets or companies wherever they are in a name ("Reuters", "Acme Inc.");
/// acronyms ("AFP", "NATO") are organizations by their form.
const ORGANIZATION_NAMES: [&str; 12] =
    ["Reuters", "Bloomberg", "Xinhua", "Interfax", "Politico", "Axios", "Inc", "Corp", "Ltd", "LLC", "PLC", "GmbH"];

/// Whether a source's name is an institution or an outlet rather than people: by its head noun
/// (the last word before what describes it further), an acronym ("NATO"), or a name of an
/// outlet or company anywhere in it.
fn is_organization(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().map(|w| w.trim_end_matches([',', '.', ';', ':'])).collect();
    if words.iter().any(|w| ORGANIZATION_NAMES.contains(w)) {
        return true;
    }
    let end = words.iter().skip(1).position(|w| HEAD_ENDS.contains(w)).map_or(words.len(), |p| p + 1);
    let Some(head) = words[..end].last() else { return false };
    let acronym = head.chars().count() >= 2 && head.chars().all(|c| c.is_ascii_uppercase());
    acronym || ORGANIZATION_HEADS.contains(&head.to_lowercase().as_str())
}

/// Titles that may start a sentence as part of a name ("Mayor Elena Ortiz said…").
const TITLES: [&str; 44] = [
    "Mayor",
    "President",
    "Vice",
    "Senator",
    "Governor",
    "Minister",
    "Prime",
    "Secretary",
    "Chancellor",
    "Professor",
    "General",
    "Judge",
    "Justice",
    "Chief",
    "Representative",
    "Deputy",
    "Commissioner",
    "Director",
    "Ambassador",
    "Councilman",
    "Councilwoman",
    "Councillor",
    "Sheriff",
    "Detective",
    "Inspector",
    "Captain",
    "Colonel",
    "Sergeant",
    "Lieutenant",
    "Admiral",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Prof.",
    "Gov.",
    "Sen.",
    "Rep.",
    "Gen.",
    "Lt.",
    "Col.",
    "Sgt.",
    "Capt.",
    "Rev.",
];

/// The most words a name is looked for over, leftwards from its last word.
const MAX_NAME_WORDS: usize = 8;

/// Words that are not part of a name however they are written.
const NOT_NAME: [&str; 14] = ["the", "a", "an", "and", "or", "of", "to", "in", "on", "by", "for", "with", "but", "i"];

/// The whitespace-separated token ending at byte `end` of `text`, with its start: none at the
/// start of the text or of a line, which names do not cross.
fn token_before(text: &str, end: usize) -> Option<(usize, &str)> {
    let before = text[..end].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    if before.is_empty() || before.ends_with('\n') {
        return None;
    }
    let start =
        before.rfind(char::is_whitespace).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    Some((start, &before[start..]))
}

/// A word that can be part of a proper name: capitalized, letters and inner `.'’-` only, a
/// final dot only in a title ("Dr."): any other dot may end a sentence.
fn is_name_word(token: &str) -> bool {
    let starts_capital = token.chars().next().is_some_and(char::is_uppercase);
    let inner = token.trim_end_matches('.');
    let clean = inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-'));
    let dot_ok = !token.ends_with('.') || TITLES.contains(&token);
    starts_capital && clean && dot_ok && !inner.contains('.') && !NOT_NAME.contains(&token.to_lowercase().as_str())
}

/// Whether the token at `start` begins a sentence (or a line, or follows a colon).
fn starts_sentence(text: &str, start: usize) -> bool {
    match token_before(text, start) {
        None => true,
        Some((_, before)) => {
            let before = before.trim_end_matches(['"', '”', '’', ')']);
            before.ends_with(['!', '?', ':', ';']) || before.ends_with('.') && !TITLES.contains(&before)
        }
    }
}

/// The name words of the mention ending with the word at `start..end`, leftwards within its
/// sentence: capitalized words ("Mayor Elena Ortiz"), "of" between two ("Secretary of State
/// Antony Blinken"); a sentence's first word only if it is a title. Also the mention with the
/// sentence's first word that may or may not be part of it ("Elena Ortiz" or "Yesterday
/// Ortiz"): it is not taken, but it may be another person.
fn proper_mention(text: &str, start: usize, end: usize) -> (Vec<&str>, Vec<&str>) {
    let accept =
        |at: usize, token: &str| is_name_word(token) && (!starts_sentence(text, at) || TITLES.contains(&token));
    let mut doubtful = None;
    let mut words = vec![&text[start..end]];
    let mut at = start;
    // A word joined to what precedes it ("-Ortiz", "“Ortiz") is the first of its mention.
    while words.len() < MAX_NAME_WORDS && text[..at].ends_with(char::is_whitespace) {
        let Some((s, token)) = token_before(text, at) else { break };
        if token == "of" {
            match token_before(text, s) {
                Some((s2, t2)) if accept(s2, t2) => {
                    words.extend(["of", t2]);
                    at = s2;
                    continue;
                }
                _ => break,
            }
        }
        if !accept(s, token) {
            doubtful = Some(token).filter(|t| is_name_word(t));
            break;
        }
        words.push(token);
        at = s;
    }
    let mut possible = words.clone();
    possible.extend(doubtful);
    words.reverse();
    possible.reverse();
    (words, possible)
}

/// Words that do not describe an institution between "the" and its head noun.
const NOT_MODIFIERS: [&str; 20] = [
    "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "that", "which", "said", "says", "from", "as",
    "is", "was", "has", "a",
];

/// "the …" ending with the word at `start..end`, at most five words, within its sentence.
fn definite_mention(text: &str, start: usize, end: usize) -> Option<Vec<&str>> {
    let mut words = vec![&text[start..end]];
    let mut at = start;
    for _ in 0..5 {
        if !text[..at].ends_with(char::is_whitespace) {
            return None;
        }
        let (s, token) = token_before(text, at)?;
        if token.eq_ignore_ascii_case("the") {
            words.push(token);
            words.reverse();
            return Some(words);
        }
        let word = token.chars().all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'));
        if !word || NOT_MODIFIERS.contains(&token.to_lowercase().as_str()) {
            return None;
        }
        words.push(token);
        at = s;
    }
    None
}

/// Whether `part`'s words are, in order, among `whole`'s (compared by `same`).
fn subsequence(part: &[&str], whole: &[&str], same: impl Fn(&str, &str) -> bool) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|p| rest.any(|w| same(p, w)))
}

/// A named source's fullest mention in the text: the longest of the mentions ending with the
/// same proper name ("Ortiz" -> "Mayor Elena Ortiz"), or for "the" and a noun the longest
/// "the …" ending with that noun ("the department" -> "the city's finance department"), when
/// every mention fits in that longest one. Otherwise (two different Ortizes, two departments)
/// the marked name, as it is.
pub(super) fn fullest_mention(text: &str, name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(&last) = words.last() else { return name.to_string() };
    let determiner = |w: &str| ["the", "a", "an"].iter().any(|d| w.eq_ignore_ascii_case(d));
    let proper = is_name_word(last);
    let lowercase = last.chars().next().is_some_and(char::is_lowercase);
    // The name's proper tail ("Mayor Ortiz" of "Mayor Ortiz"), and what precedes it ("the").
    let tail_start = if proper {
        let mut at = words.len() - 1;
        while at > 0 && (is_name_word(words[at - 1]) || words[at - 1] == "of" && at > 1 && is_name_word(words[at - 2]))
        {
            at -= 1;
        }
        at
    } else if lowercase && (2..=5).contains(&words.len()) && words[0].eq_ignore_ascii_case("the") {
        0
    } else {
        return name.to_string();
    };
    let (prefix, tail) = words.split_at(tail_start);
    // The mentions, and what each may be (the same, or with a doubtful first word).
    let mut mentions: Vec<Vec<&str>> = Vec::new();
    let mut possible: Vec<Vec<&str>> = Vec::new();
    for (start, _) in text.match_indices(last) {
        let end = start + last.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        // A mention that goes on ("Ortiz Foundation") does not end with this word.
        let next = text[end..].trim_start_matches([' ', '\u{a0}']);
        if proper
            && after.is_some_and(|c| c == ' ' || c == '\u{a0}')
            && next.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        if proper {
            let (mention, may_be) = proper_mention(text, start, end);
            mentions.push(mention);
            possible.push(may_be);
        } else if let Some(mention) = definite_mention(text, start, end) {
            possible.push(mention.clone());
            mentions.push(mention);
        }
    }
    let same = |a: &str, b: &str| a == b || determiner(a) && a.eq_ignore_ascii_case(b);
    // The first of the longest.
    let Some(longest) = mentions.iter().rev().max_by_key(|m| m.len()) else { return name.to_string() };
    let fits = possible.iter().all(|m| subsequence(m, longest, same)) && subsequence(tail, longest, same);
    if !fits || longest.len() <= tail.len() {
        return name.to_string();
    }
    match prefix {
        [] if proper => longest.join(" "),
        [the] if proper && determiner(the) => format!("{the} {}", longest.join(" ")),
        _ if !proper => std::iter::once(words[0]).chain(longest[1..].iter().copied()).collect::<Vec<_>>().join(" "),
        _ => name.to_string(),
    }
}
