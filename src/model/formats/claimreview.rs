//! schema.org `ClaimReview` (JSON-LD) for each checked claim of an article: what search engines
//! and fact-check aggregators read. The claim's author is taken from the source it rests on (a
//! named source first, else an anonymous attribution), its appearance is the article.

use serde_json::{Value, json};

use crate::model::library::{AnnotationKind, Article, CheckStatus};

/// The `ClaimReview`s of `article`'s checked claims, in text order, as a JSON-LD array.
/// `ratings` is the library's scale, best first; `today` (`YYYY-MM-DD`) dates the reviews when
/// the session has no date.
pub fn export(article: &Article, ratings: &[String], today: &str) -> String {
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
            // Ratings are best first: the best is worth as many points as there are ratings.
            if let Some(index) = ratings.iter().position(|r| *r == verdict.rating) {
                rating["ratingValue"] = json!(ratings.len() - index);
                rating["bestRating"] = json!(ratings.len());
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
    use super::*;
    use crate::model::history::Change;
    use crate::model::library::testing::marked;
    use crate::model::library::{DEFAULT_RATINGS, Evidence, Library, Link, Session, Verdict};

    const TEXT: &str = "The blasts killed 95 people, a U.S. official said. The Wall Street Journal reported \
        the warning first. Iran was warned, the official added. Talks failed.";

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
        let link = |claim: &str, source: &str| Link { claim: claim.into(), source: source.into() };
        // Several sources for one claim; one claim with none.
        article.links = vec![link("killed", "official"), link("killed", "wsj"), link("warned", "official")];
        let checked = |claim: &str, rating: &str| Verdict {
            claim: claim.into(),
            rating: rating.into(),
            status: CheckStatus::Checked,
            evidence: vec![Evidence { url: "https://example.org/e".into(), label: "Report".into() }],
            reasoning: "Checked against the hospital count.".into(),
        };
        article.verdicts = vec![
            checked("killed", "Mostly true"),
            checked("warned", "Unverifiable"),
            checked("talks", "False"),
            Verdict { claim: "nothing".into(), ..Verdict::default() },
        ];
        article
    }

    fn reviews(article: &Article) -> Vec<Value> {
        let scale: Vec<String> = DEFAULT_RATINGS.iter().map(|r| r.to_string()).collect();
        serde_json::from_str(&export(article, &scale, "2026-12-01")).unwrap()
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
        let rating = &first["reviewRating"];
        assert_eq!((rating["alternateName"].as_str(), rating["ratingValue"].as_u64()), (Some("Mostly true"), Some(5)));
        assert_eq!((rating["bestRating"].as_u64(), rating["worstRating"].as_u64()), (Some(6), Some(1)));
        let item = &first["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["appearance"]["url"], "https://example.org/story");
        assert_eq!(item["datePublished"], "2024-01-04");
        assert_eq!(first["reviewBody"], "Checked against the hospital count.");
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
