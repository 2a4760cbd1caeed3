//! Versions of an article: the page captured again after the outlet changed it. The new text
//! becomes the article's text, the earlier texts are kept, and the annotations move through the
//! diff of the two texts (`anchoring::through_diff`), which never guesses: an annotation whose
//! passage was deleted or rewritten becomes an orphan, with its passage from the old version,
//! its links and its verdict.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Article, EditError, Library, Orphan};
use crate::model::anchoring::through_diff::{Moved, move_through};
use crate::model::diff::Diff;
use crate::model::offsets::{CharIndex, CharOffset};
use crate::model::span::Span;
use crate::model::text;

/// The characters of context kept on each side of an orphan's passage.
const ORPHAN_CONTEXT_CHARS: usize = 32;

/// An earlier text of an article, as it was captured.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EarlierVersion {
    /// When it was captured, ISO 8601.
    pub captured: String,
    /// The title the page had then.
    pub title: String,
    /// Its normalized text.
    pub text: Arc<str>,
}

/// What adding a version did, for the message in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionAdded {
    /// The new version's number (the first text is version 1).
    pub number: usize,
    /// Annotations now on the new text.
    pub moved: usize,
    /// Annotations whose passage is gone: now orphans.
    pub orphaned: usize,
}

impl Article {
    /// The number of the version the article's text is (1 for the text it was added with).
    pub fn version_number(&self) -> usize {
        self.versions.len() + 1
    }

    /// When the latest version was captured.
    pub fn captured(&self) -> &str {
        if self.captured.is_empty() { &self.added } else { &self.captured }
    }

    /// Version `number`'s title, text and capture time (1 is the first; the last is the text).
    pub fn version(&self, number: usize) -> Option<(&str, Arc<str>, &str)> {
        match number {
            0 => None,
            n if n == self.version_number() => Some((&self.title, self.text.clone(), self.captured())),
            n => self.versions.get(n - 1).map(|v| (v.title.as_str(), v.text.clone(), v.captured.as_str())),
        }
    }
}

impl Library {
    /// Makes `text` (normalized) the article's new version, captured at `captured`: the text it
    /// had is kept as an earlier version, each annotation moves to where its passage is in the
    /// new text, and those whose passage is gone become orphans that keep their links and
    /// verdict. `None` if the text is the same as the latest version's (nothing is added).
    pub fn add_version(
        &mut self,
        id: &str,
        title: &str,
        new_text: Arc<str>,
        captured: &str,
    ) -> Result<Option<VersionAdded>, EditError> {
        let article = self.get_mut(id)?;
        if *article.text == *new_text {
            return Ok(None);
        }
        let old_text = article.text.clone();
        let diff = Diff::between(&old_text, &new_text);
        let spans: Vec<Span> = article.annotations.iter().map(|a| a.span()).collect();
        let moved = move_through(&diff, &old_text, &new_text, &spans);
        let old_number = article.version_number();
        let index = CharIndex::new(&old_text);
        let length = old_text.chars().count();
        let mut kept = Vec::with_capacity(article.annotations.len());
        let mut orphans: HashMap<String, Orphan> = HashMap::new();
        let mut orphan_order = Vec::new();
        for (mut annotation, moved) in std::mem::take(&mut article.annotations).into_iter().zip(moved) {
            match moved {
                Moved::To(span) => {
                    (annotation.start, annotation.end) = (span.start, span.end);
                    kept.push(annotation);
                }
                Moved::Orphan => {
                    let (start, end) = (annotation.start, annotation.end);
                    let before = CharOffset(start.0.saturating_sub(ORPHAN_CONTEXT_CHARS));
                    let after = CharOffset((end.0 + ORPHAN_CONTEXT_CHARS).min(length));
                    let mut orphan = Orphan::new(
                        annotation,
                        index.slice(start, end).to_string(),
                        index.slice(before, start).to_string(),
                        index.slice(end, after).to_string(),
                    );
                    orphan.from_version = old_number;
                    orphan_order.push(orphan.annotation.id.clone());
                    orphans.insert(orphan.annotation.id.clone(), orphan);
                }
            }
        }
        // A link stays if both its ends moved; otherwise each orphaned end keeps it.
        let mut links = Vec::with_capacity(article.links.len());
        for link in std::mem::take(&mut article.links) {
            let mut lost = false;
            for end in [&link.claim, &link.source] {
                if let Some(orphan) = orphans.get_mut(end) {
                    orphan.links.push(link.clone());
                    lost = true;
                }
            }
            if !lost {
                links.push(link);
            }
        }
        let mut verdicts = Vec::with_capacity(article.verdicts.len());
        for verdict in std::mem::take(&mut article.verdicts) {
            match orphans.get_mut(&verdict.claim) {
                Some(orphan) => orphan.verdict = Some(Box::new(verdict)),
                None => verdicts.push(verdict),
            }
        }
        article.suggested.retain(|s| !orphans.contains_key(s));
        let (moved, orphaned) = (kept.len(), orphans.len());
        article.annotations = kept;
        article.links = links;
        article.verdicts = verdicts;
        article.orphans.extend(orphan_order.iter().filter_map(|id| orphans.remove(id)));
        let new_title = text::plain_line(title);
        let old_title = article.title.clone();
        if !new_title.is_empty() {
            article.title = new_title;
        }
        let old_captured = article.captured().to_string();
        article.versions.push(EarlierVersion { captured: old_captured, title: old_title, text: old_text });
        article.text = new_text;
        article.captured = captured.to_string();
        // The parts of the old page left out of its text belong to that page.
        article.removed_parts.clear();
        Ok(Some(VersionAdded { number: article.version_number(), moved, orphaned }))
    }

    /// Undoes [`Library::add_version`]: puts back the article as it was before (`before`),
    /// unless another version came since.
    pub fn take_back_version(&mut self, before: Article) -> Result<(), EditError> {
        let article = self.get_mut(&before.id)?;
        if article.version_number() != before.version_number() + 1 {
            return Err(EditError::TextChanged);
        }
        *article = before;
        Ok(())
    }

    /// The article of the library that is a capture of the page at `url`, if any (see
    /// [`same_page`]); the latest added first.
    pub fn find_by_url(&self, url: &str) -> Option<&Article> {
        let url = page_key(url)?;
        self.articles.iter().rev().find(|a| page_key(&a.source_url).as_deref() == Some(url.as_str()))
    }
}

/// Whether two addresses are the same web page: the same host (with or without `www.`), path
/// (with or without a final `/`) and query, tracking parameters (`utm_…`, `fbclid`, `gclid`)
/// and the fragment aside. Only `http(s)` addresses are pages.
pub fn same_page(a: &str, b: &str) -> bool {
    matches!((page_key(a), page_key(b)), (Some(a), Some(b)) if a == b)
}

/// What two addresses of one page have in common (see [`same_page`]); `None` for what is not a
/// web address.
pub fn page_key(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let rest = rest.split('#').next().unwrap_or_default();
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = address.split_once('/').unwrap_or((address, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let path = path.trim_end_matches('/');
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default().to_ascii_lowercase();
            !(name.starts_with("utm_") || name == "fbclid" || name == "gclid")
        })
        .collect();
    params.sort_unstable();
    Some(format!("{host}/{path}?{}", params.join("&")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::testing::marked;
    use crate::model::library::{Annotation, AnnotationKind, Link, Verdict};

    const FIRST: &str = "The mayor said the bridge would open in May.\n\nA city official, who was not authorized to speak, said the cost had doubled.\n\nResidents were not told.";
    const SECOND: &str = "Updated: The mayor said the bridge would open in June.\n\nA city official, who was not authorized to speak, said the cost had doubled.";

    fn library() -> Library {
        let mut article = marked(
            FIRST,
            &[
                ("claim", AnnotationKind::Claim, "the bridge would open in May"),
                ("anon", AnnotationKind::AnonymousAttribution, "A city official"),
                ("cost", AnnotationKind::Claim, "the cost had doubled"),
                ("told", AnnotationKind::Claim, "Residents were not told"),
            ],
        );
        (article.id, article.title, article.added) = ("a1".into(), "Bridge".into(), "2026-12-01T10:00:00Z".into());
        article.source_url = "https://www.example.com/news/bridge?utm_source=x".into();
        article.links = vec![Link::new("cost", "anon"), Link::new("told", "anon")];
        article.verdicts = vec![Verdict { claim: "told".into(), rating: "False".into(), ..Verdict::default() }];
        let mut library = Library::default();
        library.add(article);
        library
    }

    #[test]
    fn a_new_version_moves_what_it_can_and_orphans_the_rest_with_their_links_and_verdict() {
        let mut library = library();
        let added = library.add_version("a1", "Bridge delayed", SECOND.into(), "2026-12-02T09:00:00Z").unwrap();
        // A corrected figure keeps its annotation; a deleted sentence loses its own.
        assert_eq!(added, Some(VersionAdded { number: 2, moved: 3, orphaned: 1 }));
        let article = library.get("a1").unwrap();
        assert_eq!(&*article.text, SECOND);
        assert_eq!(article.title, "Bridge delayed");
        assert_eq!(article.captured(), "2026-12-02T09:00:00Z");
        assert_eq!(article.versions[0].captured, "2026-12-01T10:00:00Z");
        assert_eq!(article.versions[0].title, "Bridge");
        assert_eq!(&*article.versions[0].text, FIRST);
        let quotes: Vec<String> = article.annotations.iter().map(|a| article.quote(a.span())).collect();
        assert_eq!(quotes, ["the bridge would open in June", "A city official", "the cost had doubled"]);
        assert_eq!(article.links, [Link::new("cost", "anon")]);
        assert!(article.verdicts.is_empty());
        let ids: Vec<&str> = article.orphans.iter().map(|o| o.annotation.id.as_str()).collect();
        assert_eq!(ids, ["told"]);
        let told = &article.orphans[0];
        assert_eq!((told.exact.as_str(), told.from_version), ("Residents were not told", 1));
        assert!(told.prefix.ends_with("doubled.\n\n"));
        assert_eq!(told.links, [Link::new("told", "anon")]);
        assert_eq!(told.verdict.as_ref().map(|v| v.rating.as_str()), Some("False"));
        let (title, text, captured) = article.version(1).unwrap();
        assert_eq!((title, &*text, captured), ("Bridge", FIRST, "2026-12-01T10:00:00Z"));
        assert_eq!(article.version(2).map(|v| v.2), Some("2026-12-02T09:00:00Z"));
        assert!(article.version(3).is_none());
    }

    #[test]
    fn placing_an_orphan_of_a_version_brings_back_its_links_and_verdict_and_undo_takes_them() {
        use crate::model::history::{Change, History};
        let mut library = library();
        library.add_version("a1", "Bridge", SECOND.into(), "2026-12-02T09:00:00Z").unwrap();
        let orphan = library.get("a1").unwrap().orphans[0].clone();
        let before = library.clone();
        let annotation = Annotation { start: CharOffset(0), end: CharOffset(7), ..orphan.annotation.clone() };
        let mut history = History::default();
        history.perform(&mut library, "a1", Change::Placed { orphan, annotation }).unwrap();
        let article = library.get("a1").unwrap();
        assert!(article.links.contains(&Link::new("told", "anon")));
        assert_eq!(article.verdicts.iter().map(|v| v.claim.as_str()).collect::<Vec<_>>(), ["told"]);
        history.undo(&mut library, "a1").unwrap();
        assert_eq!(library, before);
    }

    #[test]
    fn a_version_taken_back_leaves_the_article_as_it_was() {
        let mut library = library();
        let before = library.get("a1").unwrap().clone();
        library.add_version("a1", "Bridge", SECOND.into(), "2026-12-02T09:00:00Z").unwrap();
        library.take_back_version(before.clone()).unwrap();
        assert_eq!(library.get("a1"), Some(&before));
        assert_eq!(library.take_back_version(before), Err(EditError::TextChanged));
    }

    #[test]
    fn the_same_text_again_adds_no_version() {
        let mut library = library();
        assert_eq!(library.add_version("a1", "Bridge", FIRST.into(), "2026-12-02T09:00:00Z"), Ok(None));
        assert!(library.get("a1").unwrap().versions.is_empty());
    }

    #[test]
    fn pages_are_found_by_address_without_tracking_or_fragment() {
        let library = library();
        assert_eq!(library.find_by_url("http://example.com/news/bridge/#top").map(|a| a.id.as_str()), Some("a1"));
        assert!(library.find_by_url("https://example.com/news/bridge-2").is_none());
        assert!(library.find_by_url("").is_none());
        assert!(same_page("https://EXAMPLE.com/a?b=1&c=2&utm_medium=m", "https://example.com/a/?c=2&b=1&fbclid=z"));
        assert!(!same_page("https://example.com/a?b=1", "https://example.com/a?b=2"));
        assert!(!same_page("javascript:alert(1)", "javascript:alert(1)"));
    }
}
