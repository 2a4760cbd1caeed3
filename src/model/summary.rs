//! The summary of a fact-checking session on one article: what was marked, which claims rest on
//! what, which anonymous attributions give no reason for the anonymity, and how far the checking
//! has gone. Every count comes with the annotations it counts, so that the page can lead to them.

use super::attribution::suggest;
use super::library::{AnnotationKind, Article, CheckStatus};
use super::offsets::CharIndex;
use super::reasons::reason_given;
use super::span::Span;

/// Annotation ids, in text order, for each thing the summary counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Annotations of each kind, in the order of [`AnnotationKind::ALL`].
    pub by_kind: [Vec<String>; 3],
    /// Claims linked to no source and no anonymous attribution.
    pub claims_without_source: Vec<String>,
    /// Claims linked only to anonymous attributions (at least one).
    pub claims_only_anonymous: Vec<String>,
    /// Anonymous attributions with no reason for the anonymity in their sentence or the next.
    pub anonymous_without_reason: Vec<String>,
    /// For each rating of the scale, in its order, the claims given it; then, under an empty
    /// rating, the claims not rated yet.
    pub by_rating: Vec<(String, Vec<String>)>,
    /// Claims whose status is Checked.
    pub checked: Vec<String>,
}

/// Summarizes `article` with the library's rating `scale`.
pub fn summarize(article: &Article, scale: &[String]) -> Summary {
    let ordered = article.annotations_in_text_order();
    let kind_of = |id: &str| article.annotations.iter().find(|a| a.id == id).map(|a| a.kind);
    let mut summary = Summary::default();
    for (slot, kind) in summary.by_kind.iter_mut().zip(AnnotationKind::ALL) {
        *slot = ordered.iter().filter(|a| a.kind == kind).map(|a| a.id.clone()).collect();
    }
    let mut rated: Vec<(String, Vec<String>)> = scale.iter().map(|r| (r.clone(), Vec::new())).collect();
    let mut unrated = Vec::new();
    for claim in ordered.iter().filter(|a| a.kind == AnnotationKind::Claim) {
        let sources: Vec<AnnotationKind> =
            article.links.iter().filter(|l| l.claim == claim.id).filter_map(|l| kind_of(&l.source)).collect();
        if sources.is_empty() {
            summary.claims_without_source.push(claim.id.clone());
        } else if sources.iter().all(|k| *k == AnnotationKind::AnonymousAttribution) {
            summary.claims_only_anonymous.push(claim.id.clone());
        }
        let verdict = article.verdicts.iter().find(|v| v.claim == claim.id);
        match verdict.and_then(|v| rated.iter_mut().find(|(r, _)| *r == v.rating)) {
            Some((_, claims)) => claims.push(claim.id.clone()),
            None => unrated.push(claim.id.clone()),
        }
        if verdict.is_some_and(|v| v.status == CheckStatus::Checked) {
            summary.checked.push(claim.id.clone());
        }
    }
    rated.push((String::new(), unrated));
    summary.by_rating = rated;
    // The assistant ties reasons to their source across sentences ("The official, who was not
    // authorized…"); a passage it does not recognise falls back to the nearby-phrase rule.
    let anonymous: Vec<_> = ordered.iter().filter(|a| a.kind == AnnotationKind::AnonymousAttribution).collect();
    let detected = if anonymous.is_empty() { Vec::new() } else { suggest(&article.text) };
    let index = CharIndex::new(&article.text);
    let explained = |span: Span| {
        detected.iter().any(|s| s.reason.is_some() && s.span.start < span.end && span.start < s.span.end)
            || reason_given(&index, span)
    };
    summary.anonymous_without_reason =
        anonymous.into_iter().filter(|a| !explained(a.span())).map(|a| a.id.clone()).collect();
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::testing::marked;
    use crate::model::library::{DEFAULT_RATINGS, Link, Verdict};

    const TEXT: &str = "The blasts killed 95 people, a U.S. official said. The official, who was not authorized \
        to comment, said Iran was warned. Reuters reported the warning. A diplomat said talks failed.";

    fn article() -> Article {
        use AnnotationKind::*;
        let mut article = marked(
            TEXT,
            &[
                ("killed", Claim, "The blasts killed 95 people"),
                ("official", AnonymousAttribution, "a U.S. official said"),
                ("warned", Claim, "Iran was warned"),
                ("reuters", Source, "Reuters"),
                ("talks", Claim, "talks failed"),
                ("diplomat", AnonymousAttribution, "A diplomat said"),
                ("deleted-later", Source, "Reuters reported"),
            ],
        );
        let link = |claim: &str, source: &str| Link { claim: claim.into(), source: source.into() };
        // One claim on an anonymous source only; one on a named and an anonymous source; one on none.
        article.links = vec![link("killed", "official"), link("warned", "official"), link("warned", "reuters")];
        article.verdicts = vec![
            Verdict {
                claim: "killed".into(),
                rating: "Mostly true".into(),
                status: CheckStatus::Checked,
                ..Verdict::default()
            },
            Verdict { claim: "warned".into(), rating: "Unverifiable".into(), ..Verdict::default() },
        ];
        article
    }

    fn scale() -> Vec<String> {
        DEFAULT_RATINGS.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn claims_are_sorted_by_what_they_rest_on() {
        let summary = summarize(&article(), &scale());
        assert_eq!(summary.by_kind.iter().map(Vec::len).collect::<Vec<_>>(), [3, 2, 2]);
        assert_eq!(summary.claims_without_source, ["talks"]);
        assert_eq!(summary.claims_only_anonymous, ["killed"]);
        assert_eq!(summary.checked, ["killed"]);
    }

    #[test]
    fn anonymity_needs_a_reason_nearby() {
        // "a U.S. official said" is explained in the next sentence; "A diplomat said" is not.
        assert_eq!(summarize(&article(), &scale()).anonymous_without_reason, ["diplomat"]);
    }

    #[test]
    fn verdicts_are_counted_by_rating_in_scale_order_then_unrated() {
        let summary = summarize(&article(), &scale());
        let counts: Vec<(&str, usize)> = summary.by_rating.iter().map(|(r, c)| (r.as_str(), c.len())).collect();
        assert_eq!(
            counts,
            [
                ("True", 0),
                ("Mostly true", 1),
                ("Half true", 0),
                ("Mostly false", 0),
                ("False", 0),
                ("Unverifiable", 1),
                ("", 1)
            ]
        );
    }

    #[test]
    fn a_deleted_source_no_longer_counts() {
        let mut article = article();
        let removal = crate::model::history::Change::removal(&article, "reuters").unwrap();
        let mut library = crate::model::library::Library::default();
        library.add(article.clone());
        library.apply("a", &removal).unwrap();
        article = library.get("a").unwrap().clone();
        // "Iran was warned" now rests only on the anonymous official.
        assert_eq!(summarize(&article, &scale()).claims_only_anonymous, ["killed", "warned"]);
    }
}
