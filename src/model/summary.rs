//! The summary of a fact-checking session on one article: what was marked, which claims rest on
//! what, which anonymous attributions give no reason for the anonymity, and how far the checking
//! has gone. Every count comes with the annotations it counts, so that the page can lead to them.

use std::collections::HashMap;
use std::sync::Arc;

use super::attribution::suggest;
use super::library::{AnnotationKind, Article, CheckStatus, Verdict};
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
    let mut summary = counts(article, scale);
    summary.anonymous_without_reason = ReasonCache::default().unexplained(article);
    summary
}

/// The summary but for [`Summary::anonymous_without_reason`], which is left empty: linear in
/// the annotations, cheap enough to redo on every change of a long article.
pub fn counts(article: &Article, scale: &[String]) -> Summary {
    let ordered = article.annotations_in_text_order();
    let kinds: HashMap<&str, AnnotationKind> = article.annotations.iter().map(|a| (a.id.as_str(), a.kind)).collect();
    let mut sources_of: HashMap<&str, Vec<AnnotationKind>> = HashMap::new();
    for link in &article.links {
        if let Some(kind) = kinds.get(link.source.as_str()) {
            sources_of.entry(link.claim.as_str()).or_default().push(*kind);
        }
    }
    let verdicts: HashMap<&str, &Verdict> = article.verdicts.iter().map(|v| (v.claim.as_str(), v)).collect();
    let mut summary = Summary::default();
    for (slot, kind) in summary.by_kind.iter_mut().zip(AnnotationKind::ALL) {
        *slot = ordered.iter().filter(|a| a.kind == kind).map(|a| a.id.clone()).collect();
    }
    let mut rated: Vec<(String, Vec<String>)> = scale.iter().map(|r| (r.clone(), Vec::new())).collect();
    let mut unrated = Vec::new();
    for claim in ordered.iter().filter(|a| a.kind == AnnotationKind::Claim) {
        match sources_of.get(claim.id.as_str()) {
            None => summary.claims_without_source.push(claim.id.clone()),
            Some(sources) if sources.iter().all(|k| *k == AnnotationKind::AnonymousAttribution) => {
                summary.claims_only_anonymous.push(claim.id.clone())
            }
            Some(_) => {}
        }
        let verdict = verdicts.get(claim.id.as_str());
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
    summary
}

/// Which anonymous attributions of one text give a reason for the anonymity, remembered per
/// passage. Finding reasons takes the attribution assistant's pass over the whole text, and
/// the summary is redrawn on every change: with the cache, a change costs only its own passages.
#[derive(Default)]
pub struct ReasonCache {
    /// The text the rest was worked out for, shared with its article: a copy of a long report
    /// would be its size again in memory, and `Arc`s of one text compare equal by pointer.
    text: Option<Arc<str>>,
    /// Sources the assistant found with a reason for their anonymity.
    explained: Vec<Span>,
    known: HashMap<Span, bool>,
}

impl ReasonCache {
    /// Whether the cache holds the assistant's findings for `text` (else the next
    /// [`ReasonCache::unexplained`] call starts with a pass over the whole text).
    pub fn is_for(&self, text: &Arc<str>) -> bool {
        self.text.as_ref() == Some(text)
    }

    /// The anonymous attributions of `article` with no reason for the anonymity in their
    /// sentence or the next, in text order.
    pub fn unexplained(&mut self, article: &Article) -> Vec<String> {
        let anonymous: Vec<_> = article
            .annotations_in_text_order()
            .into_iter()
            .filter(|a| a.kind == AnnotationKind::AnonymousAttribution)
            .collect();
        if anonymous.is_empty() {
            return Vec::new();
        }
        if !self.is_for(&article.text) {
            // The assistant ties reasons to their source across sentences ("The official, who
            // was not authorized…"); a passage it does not recognise falls back to the
            // nearby-phrase rule.
            let explained = suggest(&article.text).into_iter().filter(|s| s.reason.is_some()).map(|s| s.span);
            self.take_findings(article.text.clone(), explained.collect());
        }
        if anonymous.iter().any(|a| !self.knows(a.span())) {
            let index = CharIndex::new(&article.text);
            for a in &anonymous {
                self.learn(&index, a.span());
            }
        }
        anonymous.into_iter().filter(|a| !self.known[&a.span()]).map(|a| a.id.clone()).collect()
    }

    /// Takes the spans of the sources of `text` that the assistant found with a reason for
    /// their anonymity, found elsewhere (the page goes through the text a piece at a time, in
    /// its idle time): [`ReasonCache::unexplained`] then makes no pass of its own.
    pub fn take_findings(&mut self, text: Arc<str>, explained: Vec<Span>) {
        self.text = Some(text);
        self.explained = explained;
        self.known.clear();
    }

    /// Whether it is known if the passage `span` of the text gives a reason.
    pub fn knows(&self, span: Span) -> bool {
        self.known.contains_key(&span)
    }

    /// Works out whether an anonymous attribution at `span` of the text (`index` is the text's)
    /// gives a reason for the anonymity, and remembers it.
    pub fn learn(&mut self, index: &CharIndex, span: Span) {
        if !self.known.contains_key(&span) {
            let by_assistant = self.explained.iter().any(|s| s.start < span.end && span.start < s.end);
            self.known.insert(span, by_assistant || reason_given(index, span));
        }
    }
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
        let link = |claim: &str, source: &str| Link::new(claim, source);
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
    fn the_reason_cache_follows_changes_and_starts_over_on_a_new_text() {
        let mut article = article();
        let mut cache = ReasonCache::default();
        assert!(!cache.is_for(&article.text));
        assert_eq!(cache.unexplained(&article), ["diplomat"]);
        assert!(cache.is_for(&article.text));
        article.annotations.retain(|a| a.id != "diplomat");
        assert!(cache.unexplained(&article).is_empty());
        // Without its reason, "a U.S. official said" (which comes before the edit, so keeps its
        // offsets) no longer explains itself: a stale cache would still say it did.
        article.text = article.text.replace("who was not authorized to comment", "who spoke at length").into();
        assert_eq!(cache.unexplained(&article), ["official"]);
        assert_eq!(summarize(&article, &scale()).anonymous_without_reason, ["official"]);
    }

    #[test]
    fn findings_made_a_piece_at_a_time_answer_as_the_cache_s_own_pass() {
        use crate::model::attribution::Suggester;
        let article = article();
        // Pieces far smaller than the page's, so that the text is read in several.
        let mut suggester = Suggester::new(&article.text, 40);
        let mut explained = Vec::new();
        while let Some(piece) = suggester.next_piece() {
            explained.extend(piece.into_iter().filter(|s| s.reason.is_some()).map(|s| s.span));
        }
        let mut cache = ReasonCache::default();
        cache.take_findings(article.text.clone(), explained);
        let index = CharIndex::new(&article.text);
        let spans: Vec<Span> = article.annotations.iter().map(|a| a.span()).collect();
        for &span in &spans {
            cache.learn(&index, span);
        }
        assert!(spans.iter().all(|&s| cache.knows(s)));
        assert_eq!(cache.unexplained(&article), ReasonCache::default().unexplained(&article));
        assert_eq!(cache.unexplained(&article), ["diplomat"]);
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
