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

use author::{bylined_authors, source_author};

use serde_json::{Value, json};

use crate::model::library::{Annotation, AnnotationKind, Article, CheckStatus};

/// The `ClaimReview`s of `article`'s checked claims, in text order, as a JSON-LD array.
/// `ratings` is the library's scale, best first, and `off_scale` those of its ratings that are
/// off the truth scale; `today` (`YYYY-MM-DD`) dates the reviews when the session has no date.
pub fn export(article: &Article, ratings: &[String], off_scale: &[String], today: &str) -> String {
    let session = &article.session;
    // The review's author is the verdict's reviewer on a desk, else the session's checker.
    let author_of = |reviewer: &str| {
        let checker = if reviewer.is_empty() { session.checker.trim() } else { reviewer };
        match (session.organization.trim(), checker) {
            ("", "") => json!({ "@type": "Organization", "name": "Unnamed fact-checker" }),
            ("", checker) => json!({ "@type": "Person", "name": checker }),
            (organization, "") => json!({ "@type": "Organization", "name": organization }),
            (organization, checker) => json!({
                "@type": "Organization", "name": organization, "employee": { "@type": "Person", "name": checker }
            }),
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
            if !article.modified.is_empty() {
                appearance["dateModified"] = json!(article.modified);
            }
            if !article.byline.is_empty() {
                appearance["author"] = bylined_authors(&article.byline);
            }
            if !article.site_name.is_empty() {
                appearance["publisher"] = json!({ "@type": "Organization", "name": article.site_name });
            }
            if !article.language.is_empty() {
                appearance["inLanguage"] = json!(article.language);
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
                "author": author_of(&verdict.reviewer),
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

mod author;

#[cfg(test)]
mod tests;
