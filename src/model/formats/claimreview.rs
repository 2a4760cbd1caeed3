//! schema.org `ClaimReview` (JSON-LD) for each checked claim of an article: what search engines
//! and fact-check aggregators read. The claim's author is taken from the source it rests on (a
//! named source first, else an anonymous attribution), its appearance is the article.
//!
//! Ratings off the truth scale ("Unverifiable") carry only their name (`alternateName`): a
//! number would place them between "True" and "False". The others are numbered among themselves.

use serde_json::{Value, json};

use crate::model::library::{AnnotationKind, Article, CheckStatus};

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
            if let Some(source) = claim_author(article, &claim.id) {
                item["author"] = source;
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

/// Who made a claim: its first named source, else its first anonymous attribution, as a
/// schema.org Person or Organization named by the marked words without the reporting verb.
fn claim_author(article: &Article, claim: &str) -> Option<Value> {
    let sources: Vec<_> = article
        .links
        .iter()
        .filter(|l| l.claim == claim)
        .filter_map(|l| article.annotations.iter().find(|a| a.id == l.source))
        .collect();
    let source = sources.iter().find(|a| a.kind == AnnotationKind::Source).or(sources.first())?;
    let name = source_name(&article.quote(source.span()));
    let organization = ORGANIZATION_WORDS.iter().any(|w| name.split_whitespace().any(|n| n == *w));
    Some(json!({ "@type": if organization { "Organization" } else { "Person" }, "name": name }))
}

/// Words that make a source an organization rather than a person.
const ORGANIZATION_WORDS: [&str; 14] = [
    "Journal",
    "Times",
    "News",
    "Post",
    "Press",
    "Reuters",
    "Ministry",
    "Department",
    "Agency",
    "Council",
    "Authority",
    "Company",
    "Government",
    "Office",
];

/// A source's name: its marked words without a reporting verb ("a U.S. official said" -> "a
/// U.S. official"; "according to Reuters" -> "Reuters").
fn source_name(quote: &str) -> String {
    const CUES: [&str; 10] = [
        " said",
        " says",
        " told reporters",
        " told",
        " reported",
        " confirmed",
        " denied",
        " wrote",
        " added",
        " stated",
    ];
    let mut name = quote.trim().trim_end_matches([',', '.', ':']).to_string();
    for prefix in ["according to ", "According to "] {
        if let Some(rest) = name.strip_prefix(prefix) {
            name = rest.to_string();
        }
    }
    for cue in CUES {
        if let Some(rest) = name.strip_suffix(cue) {
            name = rest.to_string();
            break;
        }
    }
    name.trim().to_string()
}

#[cfg(test)]
mod tests {
    //! Checked against schema.org's definitions and Google's guidance for fact checks:
    //! - https://schema.org/ClaimReview, https://schema.org/Claim (its `author`, from
    //!   CreativeWork, is an Organization or a Person) and https://schema.org/Rating
    //!   (`ratingValue`, `bestRating`, `worstRating`; "if bestRating is omitted, 5 is assumed",
    //!   so an off-scale rating has none of the three rather than a number of a scale it is not on);
    //! - https://developers.google.com/search/docs/appearance/structured-data/factcheck: the
    //!   Rating's `alternateName` (the textual rating, the one shown) is required, `ratingValue`,
    //!   `bestRating` and `worstRating` recommended. Full Fact's table of these requirements:
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
        // Only an anonymous attribution: a person, without the reporting verb.
        assert_eq!(all[1]["itemReviewed"]["author"], json!({ "@type": "Person", "name": "a U.S. official" }));
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
}
