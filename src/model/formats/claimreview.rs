//! schema.org `ClaimReview` (JSON-LD) for each checked claim of an article: what search engines
//! and fact-check aggregators read. The claim's author is taken from the source it rests on (a
//! named source first, else an anonymous attribution), its appearance is the article.
//!
//! Ratings off the truth scale ("Unverifiable") carry only their name (`alternateName`): a
//! number would place them between "True" and "False". The others are numbered among themselves.
//! A source is an `Organization` when its head noun is an institution or an outlet ("the city's
//! finance department", "The Wall Street Journal", "Reuters"), else a `Person`; an anonymous one
//! is said to be (`description`). A named source is called by its fullest mention in the
//! article ("Ortiz said" -> "Mayor Elena Ortiz"), kept whole as its `name` rather than split
//! into `jobTitle` and name: which capitalized words are a title is guessed, and a wrong split
//! would state a wrong job, while the whole mention is what the article itself says.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::model::library::{Annotation, AnnotationKind, Article, CheckStatus};

/// The `ClaimReview`s of `article`'s checked claims, in text order, as a JSON-LD array.
/// `ratings` is the library's scale, best first, and `off_scale` those of its ratings that are
/// off the truth scale; `today` (`YYYY-MM-DD`) dates the reviews when the session has no date.
pub fn export(article: &Article, ratings: &[String], off_scale: &[String], today: &str) -> String {
    let session = &article.session;
    let author = match (session.organization.trim(), session.checker.trim()) {
        ("", "") => json!({ "@type": "Organization", "name": "Unnamed fact-checker" }),
        ("", checker) => json!({ "@type": "Person", "name": checker }),
        (organization, "") => json!({ "@type": "Organization", "name": organization }),
        (organization, checker) => {
            json!({ "@type": "Organization", "name": organization, "employee": { "@type": "Person", "name": checker } })
        }
    };
    let date = if session.checked.is_empty() { today } else { &session.checked };
    let url = if session.review_url.is_empty() { &article.source_url } else { &session.review_url };
    // Ratings are best first: the best on the truth scale is worth as many points as there are
    // ratings on it, the worst 1.
    let on_scale: Vec<&String> = ratings.iter().filter(|r| !off_scale.contains(r)).collect();
    // A source backs several claims: its name is looked for in the text once.
    let mut authors: HashMap<&str, Value> = HashMap::new();
    let reviews: Vec<Value> = article
        .annotations_in_text_order()
        .into_iter()
        .filter(|a| a.kind == AnnotationKind::Claim)
        .filter_map(|claim| {
            let verdict = article.verdicts.iter().find(|v| v.claim == claim.id && v.status == CheckStatus::Checked)?;
            let mut appearance = json!({ "@type": "NewsArticle", "headline": article.title });
            if !article.source_url.is_empty() {
                appearance["url"] = json!(article.source_url);
            }
            if !article.published.is_empty() {
                appearance["datePublished"] = json!(article.published);
            }
            let mut item = json!({ "@type": "Claim", "appearance": appearance });
            if let Some(source) = claim_source(article, &claim.id) {
                let author = authors.entry(&source.id).or_insert_with(|| source_author(article, source));
                item["author"] = author.clone();
            }
            if !article.published.is_empty() {
                item["datePublished"] = json!(article.published);
            }
            let mut rating = json!({ "@type": "Rating", "alternateName": verdict.rating });
            if let Some(index) = on_scale.iter().position(|r| **r == verdict.rating) {
                rating["ratingValue"] = json!(on_scale.len() - index);
                rating["bestRating"] = json!(on_scale.len());
                rating["worstRating"] = json!(1);
            }
            let mut review = json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": article.quote(claim.span()),
                "itemReviewed": item,
                "reviewRating": rating,
                "author": author,
                "datePublished": date,
            });
            if !url.is_empty() {
                review["url"] = json!(url);
            }
            if !verdict.reasoning.is_empty() {
                review["reviewBody"] = json!(verdict.reasoning);
            }
            Some(review)
        })
        .collect();
    serde_json::to_string_pretty(&reviews).expect("JSON values always serialize")
}

/// Who made a claim: its first named source, else its first anonymous attribution.
fn claim_source<'a>(article: &'a Article, claim: &str) -> Option<&'a Annotation> {
    let sources: Vec<&Annotation> = article
        .links
        .iter()
        .filter(|l| l.claim == claim)
        .filter_map(|l| article.annotations.iter().find(|a| a.id == l.source))
        .collect();
    sources.iter().find(|a| a.kind == AnnotationKind::Source).or(sources.first()).copied()
}

/// A source as a schema.org `Person` or `Organization`, named by its marked words without the
/// reporting verb; a named source by its fullest mention in the article, an anonymous one as
/// marked and described as anonymous.
fn source_author(article: &Article, source: &Annotation) -> Value {
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
fn fullest_mention(text: &str, name: &str) -> String {
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

#[cfg(test)]
mod tests {
    //! Checked against schema.org's definitions and Google's guidance for fact checks:
    //! - https://schema.org/ClaimReview, https://schema.org/Claim (its `author`, from
    //!   CreativeWork, is an Organization or a Person) and https://schema.org/Rating
    //!   (`ratingValue`, `bestRating`, `worstRating`; "if bestRating is omitted, 5 is assumed",
    //!   so an off-scale rating has none of the three rather than a number of a scale it is not on);
    //! - https://schema.org/description (of Thing, so valid on Person and Organization) for
    //!   "Anonymous source", and https://schema.org/Person (`jobTitle`, `honorificPrefix`: not
    //!   used, see the module's documentation);
    //! - https://developers.google.com/search/docs/appearance/structured-data/factcheck: the
    //!   Rating's `alternateName` (the textual rating, the one shown) is required, `ratingValue`,
    //!   `bestRating` and `worstRating` recommended; the Claim's `author` is an Organization or
    //!   a Person with a `name`. Full Fact's table of these requirements:
    //!   https://fullfact.github.io/markup-investigation/docs/notes/01-basic-usage/
    use super::*;
    use crate::model::history::Change;
    use crate::model::library::testing::marked;
    use crate::model::library::{DEFAULT_RATINGS, Evidence, Library, Link, Session, Verdict};

    const TEXT: &str = "The blasts killed 95 people, a U.S. official said. The Wall Street Journal reported \
        the warning first. Iran was warned, the official added. Talks failed.";

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|r| r.to_string()).collect()
    }

    fn checked(claim: &str, rating: &str) -> Verdict {
        Verdict {
            claim: claim.into(),
            rating: rating.into(),
            status: CheckStatus::Checked,
            evidence: vec![Evidence { url: "https://example.org/e".into(), label: "Report".into() }],
            reasoning: "Checked against the hospital count.".into(),
        }
    }

    fn link(claim: &str, source: &str) -> Link {
        Link { claim: claim.into(), source: source.into() }
    }

    fn article() -> Article {
        use AnnotationKind::*;
        let mut article = marked(
            TEXT,
            &[
                ("killed", Claim, "The blasts killed 95 people"),
                ("official", AnonymousAttribution, "a U.S. official said"),
                ("wsj", Source, "The Wall Street Journal reported"),
                ("warned", Claim, "Iran was warned"),
                ("talks", Claim, "Talks failed"),
            ],
        );
        article.source_url = "https://example.org/story".into();
        article.published = "2024-01-04".into();
        article.session = Session {
            checker: "Ana Souza".into(),
            organization: "Desk Check".into(),
            checked: "2026-11-25".into(),
            review_url: "https://example.org/checks/kerman".into(),
        };
        // Several sources for one claim; one claim with none.
        article.links = vec![link("killed", "official"), link("killed", "wsj"), link("warned", "official")];
        article.verdicts = vec![
            checked("killed", "Mostly true"),
            checked("warned", "Unverifiable"),
            checked("talks", "False"),
            Verdict { claim: "nothing".into(), ..Verdict::default() },
        ];
        article
    }

    /// The reviews with the default scale, "Unverifiable" off it.
    fn reviews(article: &Article) -> Vec<Value> {
        let library = Library::default();
        reviews_on(article, &library.ratings, &library.off_scale)
    }

    fn reviews_on(article: &Article, ratings: &[String], off_scale: &[String]) -> Vec<Value> {
        serde_json::from_str(&export(article, ratings, off_scale, "2026-12-01")).unwrap()
    }

    #[test]
    fn every_checked_claim_has_every_field() {
        let all = reviews(&article());
        assert_eq!(all.len(), 3);
        let first = &all[0];
        assert_eq!(first["@context"], "https://schema.org");
        assert_eq!(first["@type"], "ClaimReview");
        assert_eq!(first["claimReviewed"], "The blasts killed 95 people");
        assert_eq!(first["url"], "https://example.org/checks/kerman");
        assert_eq!(first["datePublished"], "2026-11-25");
        assert_eq!(first["author"]["name"], "Desk Check");
        assert_eq!(first["author"]["employee"]["name"], "Ana Souza");
        assert_eq!(first["reviewRating"]["alternateName"], "Mostly true");
        let item = &first["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["appearance"]["url"], "https://example.org/story");
        assert_eq!(item["datePublished"], "2024-01-04");
        assert_eq!(first["reviewBody"], "Checked against the hospital count.");
    }

    /// A rating's alternateName, ratingValue, bestRating and worstRating.
    type Numbers = (String, Option<u64>, Option<u64>, Option<u64>);

    /// The [`Numbers`] of each review.
    fn numbers(all: &[Value]) -> Vec<Numbers> {
        all.iter()
            .map(|review| {
                let rating = &review["reviewRating"];
                let number = |field: &str| rating.get(field).map(|v| v.as_u64().expect("a number"));
                let name = rating["alternateName"].as_str().unwrap().to_string();
                (name, number("ratingValue"), number("bestRating"), number("worstRating"))
            })
            .collect()
    }

    #[test]
    fn off_scale_ratings_have_no_number_and_the_others_are_counted_among_themselves() {
        // The default scale: five ratings on the truth scale, "Unverifiable" off it.
        assert_eq!(
            numbers(&reviews(&article())),
            [
                ("Mostly true".into(), Some(4), Some(5), Some(1)),
                ("Unverifiable".into(), None, None, None),
                ("False".into(), Some(1), Some(5), Some(1)),
            ]
        );
        // A rating the user marked off the scale has no number either, and the others close up.
        let mut library = Library::default();
        library.set_off_scale(&strings(&["Mostly true", "Unverifiable"])).unwrap();
        let mut article = article();
        article.verdicts[2] = checked("talks", "Mostly false");
        assert_eq!(
            numbers(&reviews_on(&article, &library.ratings, &library.off_scale)),
            [
                ("Mostly true".into(), None, None, None),
                ("Unverifiable".into(), None, None, None),
                ("Mostly false".into(), Some(2), Some(4), Some(1)),
            ]
        );
        // Nothing off the scale: every rating is on it.
        let everything = reviews_on(&article, &strings(&DEFAULT_RATINGS), &[]);
        assert_eq!(numbers(&everything)[1], ("Unverifiable".into(), Some(1), Some(6), Some(1)));
        // The alternateName alone, no other field (Google: it is the one required).
        let unverifiable = &reviews(&article)[1]["reviewRating"];
        assert_eq!(unverifiable, &json!({ "@type": "Rating", "alternateName": "Unverifiable" }));
    }

    #[test]
    fn the_author_is_the_named_source_else_the_anonymous_one_else_absent() {
        let all = reviews(&article());
        // Several sources: the named one wins, and a newspaper is an organization.
        assert_eq!(
            all[0]["itemReviewed"]["author"],
            json!({ "@type": "Organization", "name": "The Wall Street Journal" })
        );
        // Only an anonymous attribution: a person, without the reporting verb, said to be anonymous.
        assert_eq!(
            all[1]["itemReviewed"]["author"],
            json!({ "@type": "Person", "name": "a U.S. official", "description": "Anonymous source" })
        );
        // No source: no author.
        assert!(all[2]["itemReviewed"].get("author").is_none());
    }

    #[test]
    fn a_deleted_source_is_no_longer_the_author() {
        let mut library = Library::default();
        library.add(article());
        let removal = Change::removal(library.get("a").unwrap(), "wsj").unwrap();
        library.apply("a", &removal).unwrap();
        let all = reviews(library.get("a").unwrap());
        assert_eq!(all[0]["itemReviewed"]["author"]["name"], "a U.S. official");
    }

    #[test]
    fn without_session_details_the_date_and_url_fall_back() {
        let mut article = article();
        article.session = Session::default();
        let first = &reviews(&article)[0];
        assert_eq!(first["datePublished"], "2026-12-01");
        assert_eq!(first["url"], "https://example.org/story");
        assert_eq!(first["author"]["name"], "Unnamed fact-checker");
    }

    /// The author of the one claim "Prices will rise" of `text`, resting on the marked `source`.
    fn author_of(text: &str, kind: AnnotationKind, source: &str) -> Value {
        let mut article = marked(text, &[("c", AnnotationKind::Claim, "Prices will rise"), ("s", kind, source)]);
        article.links = vec![link("c", "s")];
        article.verdicts = vec![checked("c", "False")];
        reviews(&article)[0]["itemReviewed"]["author"].clone()
    }

    fn named(text: &str, source: &str) -> Value {
        author_of(text, AnnotationKind::Source, source)
    }

    #[test]
    fn a_named_person_is_called_by_the_fullest_mention_of_the_same_name() {
        let person = |name: &str| json!({ "@type": "Person", "name": name });
        // Named in full at the start of a sentence, by surname later.
        let text = "Mayor Elena Ortiz presented the budget on Monday. Prices will rise, Ortiz said.";
        assert_eq!(named(text, "Ortiz said"), person("Mayor Elena Ortiz"));
        // In full after the claim, in an inverted attribution, with a title abbreviation.
        let text = "Prices will rise, said Ortiz. The plan is Dr. Elena Ortiz's work.";
        assert_eq!(named(text, "said Ortiz"), person("Dr. Elena Ortiz"));
        // "Mayor Ortiz" fits in "Mayor Elena Ortiz".
        let text = "Mayor Ortiz spoke. Mayor Elena Ortiz said it. Prices will rise, Mayor Ortiz said.";
        assert_eq!(named(text, "Mayor Ortiz said"), person("Mayor Elena Ortiz"));
        // Never across a sentence: "Alvarez." ends one, and "Yesterday" starts one but is no title.
        let text = "The council thanked Alvarez. Ortiz said Prices will rise. Yesterday Ortiz left.";
        assert_eq!(named(text, "Ortiz said"), person("Ortiz"));
        // Two Ortizes: which one is not clear, so the marked words stay.
        let text = "Elena Ortiz and Carlos Ortiz disagree. Prices will rise, Ortiz said.";
        assert_eq!(named(text, "Ortiz said"), person("Ortiz"));
        // A mention that goes on is not one of the person ("Ortiz Foundation").
        let text = "The Ortiz Foundation paid. Prices will rise, Ortiz said.";
        assert_eq!(named(text, "Ortiz said"), person("Ortiz"));
        // Of between capitalized words is part of a title.
        let text = "Secretary of State Antony Blinken spoke. Prices will rise, Blinken said.";
        assert_eq!(named(text, "Blinken said"), person("Secretary of State Antony Blinken"));
    }

    #[test]
    fn institutions_and_outlets_are_organizations_called_by_their_fullest_mention() {
        let organization = |name: &str| json!({ "@type": "Organization", "name": name });
        let text = "The city's finance department published the figures. Prices will rise, the department said.";
        assert_eq!(named(text, "the department said"), organization("the city's finance department"));
        let text = "Prices will rise, the Wall Street Journal reported.";
        assert_eq!(named(text, "the Wall Street Journal reported"), organization("the Wall Street Journal"));
        let text = "Prices will rise, according to Reuters.";
        assert_eq!(named(text, "according to Reuters"), organization("Reuters"));
        let text = "Prices will rise, the ministry said.";
        assert_eq!(named(text, "the ministry said"), organization("the ministry"));
        // "the Ministry" in full is "the Foreign Ministry".
        let text = "The Foreign Ministry met envoys. Prices will rise, the Ministry said.";
        assert_eq!(named(text, "the Ministry said"), organization("the Foreign Ministry"));
        let text = "Prices will rise, NATO said.";
        assert_eq!(named(text, "NATO said"), organization("NATO"));
        // Two departments: the marked words stay.
        let text =
            "The state health department and the city's finance department met. Prices will rise, the department said.";
        assert_eq!(named(text, "the department said"), organization("the department"));
        // People of an institution are people; its office is not.
        let text = "Prices will rise, a spokesperson for the ministry said.";
        assert_eq!(
            named(text, "a spokesperson for the ministry said"),
            json!({ "@type": "Person", "name": "a spokesperson for the ministry" })
        );
    }

    #[test]
    fn an_anonymous_source_is_said_to_be_anonymous() {
        let anonymous =
            |kind: &str, name: &str| json!({ "@type": kind, "name": name, "description": "Anonymous source" });
        let text = "Prices will rise, a U.S. official said.";
        let source = AnnotationKind::AnonymousAttribution;
        assert_eq!(author_of(text, source, "a U.S. official said"), anonymous("Person", "a U.S. official"));
        let text = "Prices will rise, a ministry spokesperson's office said.";
        assert_eq!(
            author_of(text, source, "a ministry spokesperson's office said"),
            anonymous("Organization", "a ministry spokesperson's office")
        );
        let text = "Prices will rise, two people familiar with the talks told Reuters.";
        assert_eq!(
            author_of(text, source, "two people familiar with the talks told"),
            anonymous("Person", "two people familiar with the talks")
        );
        // An anonymous source is not "completed" from a named mention.
        let text = "A U.S. official named Smith retired. Prices will rise, a U.S. official said.";
        assert_eq!(author_of(text, source, "a U.S. official said"), anonymous("Person", "a U.S. official"));
    }
}
