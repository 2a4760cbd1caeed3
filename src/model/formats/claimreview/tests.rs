//! Tests of `claimreview`.

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
        modified: String::new(),
        reviewer: String::new(),
    }
}

fn link(claim: &str, source: &str) -> Link {
    Link::new(claim, source)
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

#[test]
fn a_verdict_given_on_a_desk_is_its_reviewers() {
    let mut article = article();
    article.verdicts[1].reviewer = "bob".into();
    let all = reviews(&article);
    assert_eq!(all[0]["author"]["employee"]["name"], "Ana Souza", "no reviewer: the session's checker");
    assert_eq!(all[1]["author"]["name"], "Desk Check");
    assert_eq!(all[1]["author"]["employee"], json!({ "@type": "Person", "name": "bob" }));
    article.session.organization.clear();
    assert_eq!(reviews(&article)[1]["author"], json!({ "@type": "Person", "name": "bob" }));
}

#[test]
fn the_appearance_carries_the_pages_author_publisher_dates_and_language() {
    let mut article = article();
    let bare = reviews(&article);
    assert!(bare[0]["itemReviewed"]["appearance"].get("author").is_none(), "nothing is made up");
    article.byline = "Jane Roe and Associated Press".into();
    article.site_name = "The Daily Example".into();
    article.modified = "2024-01-05".into();
    article.language = "en-GB".into();
    let appearance = &reviews(&article)[0]["itemReviewed"]["appearance"];
    assert_eq!(appearance["author"][0], json!({ "@type": "Person", "name": "Jane Roe" }));
    assert_eq!(appearance["author"][1], json!({ "@type": "Organization", "name": "Associated Press" }));
    assert_eq!(appearance["publisher"], json!({ "@type": "Organization", "name": "The Daily Example" }));
    assert_eq!(appearance["datePublished"], "2024-01-04");
    assert_eq!(appearance["dateModified"], "2024-01-05");
    assert_eq!(appearance["inLanguage"], "en-GB");
    article.byline = "Jane Roe".into();
    assert_eq!(
        reviews(&article)[0]["itemReviewed"]["appearance"]["author"],
        json!({ "@type": "Person", "name": "Jane Roe" })
    );
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
    assert_eq!(all[0]["itemReviewed"]["author"], json!({ "@type": "Organization", "name": "The Wall Street Journal" }));
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
    let anonymous = |kind: &str, name: &str| json!({ "@type": kind, "name": name, "description": "Anonymous source" });
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
