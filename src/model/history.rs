//! Changes to an article's annotations, and the undo/redo history of a session.
//!
//! Every edit of annotations is a [`Change`] that carries what is needed both to apply it and
//! to revert it, so undo and redo are exact, deletions included.

use std::collections::HashMap;

use super::library::{Annotation, AnnotationKind, Article, EditError, Library, Link, Orphan, Touched, Verdict};
use super::limits;

/// One change to an article's annotations, their links and verdicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An annotation was made; it goes at the end of the list.
    Added(Annotation),
    /// The annotation at `index` of the list was deleted, with the links that touched it and
    /// its verdict, each with its index in its list (made by [`Change::removal`]).
    Removed {
        index: usize,
        annotation: Annotation,
        links: Vec<(usize, Link)>,
        verdict: Option<(usize, Verdict)>,
        /// Where its id was among the accepted suggestions, if it was one.
        suggested: Option<usize>,
    },
    /// An annotation's kind or note changed; same id before and after.
    Edited { before: Annotation, after: Annotation },
    /// An orphan was placed by hand: it left the orphans and became `annotation` (same id),
    /// at the end of the list.
    Placed { orphan: Orphan, annotation: Annotation },
    /// A claim was linked to a source; the link goes at the end of the list.
    Linked(Link),
    /// The link at `index` of the list was removed.
    Unlinked { index: usize, link: Link },
    /// Suggestions of the attribution assistant were accepted: they go at the end of the list
    /// and are remembered as suggested.
    Accepted(Vec<Annotation>),
    /// A claim's verdict was given or changed (`before` is `None` for a first verdict, which
    /// goes at the end of the list).
    Judged { before: Option<Verdict>, after: Verdict },
}

impl Change {
    /// `self` followed by `next` as one change, when both edit the same annotation (or the
    /// same claim's verdict): from the state before `self` to the state after `next`.
    fn folded_with(&self, next: &Change) -> Option<Change> {
        match (self, next) {
            (Change::Edited { before, after: last }, Change::Edited { after, .. }) if last.id == after.id => {
                Some(Change::Edited { before: before.clone(), after: after.clone() })
            }
            (Change::Judged { before, after: last }, Change::Judged { after, .. }) if last.claim == after.claim => {
                Some(Change::Judged { before: before.clone(), after: after.clone() })
            }
            _ => None,
        }
    }

    /// The deletion of the annotation `id` of `article`, with everything that goes with it.
    pub fn removal(article: &Article, id: &str) -> Option<Change> {
        let index = article.annotations.iter().position(|a| a.id == id)?;
        let links = article.links.iter().cloned().enumerate().filter(|(_, l)| l.claim == id || l.source == id);
        let verdict = article.verdicts.iter().cloned().enumerate().find(|(_, v)| v.claim == id);
        let suggested = article.suggested.iter().position(|s| s == id);
        let annotation = article.annotations[index].clone();
        Some(Change::Removed { index, annotation, links: links.collect(), verdict, suggested })
    }
}

impl Change {
    /// What the change and its undoing touch: saving compares only these and the article's
    /// details.
    fn touched(&self) -> Touched {
        let (annotations, links): (Vec<&str>, Vec<&Link>) = match self {
            Change::Added(annotation) | Change::Edited { after: annotation, .. } => (vec![&annotation.id], vec![]),
            Change::Removed { annotation, links, .. } => (vec![&annotation.id], links.iter().map(|(_, l)| l).collect()),
            Change::Placed { orphan, annotation } => (vec![&orphan.annotation.id, &annotation.id], vec![]),
            Change::Linked(link) | Change::Unlinked { link, .. } => (vec![], vec![link]),
            Change::Accepted(annotations) => (annotations.iter().map(|a| a.id.as_str()).collect(), vec![]),
            Change::Judged { after, .. } => (vec![&after.claim], vec![]),
        };
        Touched::Items {
            annotations: annotations.into_iter().map(str::to_string).collect(),
            links: links.into_iter().cloned().collect(),
        }
    }

    /// Undoes the change: a removed annotation goes back at its old index.
    fn revert_in(&self, article: &mut Article) -> Result<(), EditError> {
        match self {
            Change::Added(annotation) => {
                let at = position(article, &annotation.id)?;
                article.annotations.remove(at);
            }
            Change::Removed { index, annotation, links, verdict, suggested } => {
                let at = (*index).min(article.annotations.len());
                article.annotations.insert(at, annotation.clone());
                if let Some(at) = suggested {
                    article.suggested.insert((*at).min(article.suggested.len()), annotation.id.clone());
                }
                for (at, link) in links {
                    article.links.insert((*at).min(article.links.len()), link.clone());
                }
                if let Some((at, verdict)) = verdict {
                    article.verdicts.insert((*at).min(article.verdicts.len()), verdict.clone());
                }
            }
            Change::Edited { before, .. } => {
                let at = position(article, &before.id)?;
                article.annotations[at] = before.clone();
            }
            Change::Placed { orphan, annotation } => {
                let at = position(article, &annotation.id)?;
                article.annotations.remove(at);
                article.orphans.push(orphan.clone());
            }
            Change::Linked(link) => {
                let at = article.links.iter().position(|l| l == link).ok_or(EditError::NoSuchAnnotation)?;
                article.links.remove(at);
            }
            Change::Unlinked { index, link } => article.links.insert((*index).min(article.links.len()), link.clone()),
            Change::Accepted(annotations) => {
                for annotation in annotations {
                    let at = position(article, &annotation.id)?;
                    article.annotations.remove(at);
                    article.suggested.retain(|s| *s != annotation.id);
                }
            }
            Change::Judged { before, after } => {
                let at = verdict_position(article, &after.claim)?;
                match before {
                    Some(before) => article.verdicts[at] = before.clone(),
                    None => {
                        article.verdicts.remove(at);
                    }
                }
            }
        }
        Ok(())
    }

    fn apply_to(&self, article: &mut Article) -> Result<(), EditError> {
        let adds = match self {
            Change::Added(_) | Change::Placed { .. } => 1,
            Change::Accepted(annotations) => annotations.len(),
            _ => 0,
        };
        if adds > 0 && article.annotations.len() + adds > limits::MAX_ANNOTATIONS {
            return Err(EditError::TooManyAnnotations);
        }
        match self {
            Change::Added(annotation) => {
                if position(article, &annotation.id).is_ok() {
                    return Err(EditError::DuplicateAnnotation);
                }
                article.annotations.push(annotation.clone());
            }
            Change::Removed { annotation, .. } => {
                let at = position(article, &annotation.id)?;
                article.annotations.remove(at);
                let id = &annotation.id;
                article.links.retain(|l| &l.claim != id && &l.source != id);
                article.verdicts.retain(|v| &v.claim != id);
                article.suggested.retain(|s| s != id);
            }
            Change::Edited { after, .. } => {
                let at = position(article, &after.id)?;
                article.annotations[at] = after.clone();
            }
            Change::Placed { orphan, annotation } => {
                let id = &orphan.annotation.id;
                let at = article.orphans.iter().position(|o| &o.annotation.id == id);
                let at = at.ok_or(EditError::NoSuchAnnotation)?;
                article.orphans.remove(at);
                article.annotations.push(annotation.clone());
            }
            Change::Linked(link) => {
                let kind_of = |id: &str| article.annotations.iter().find(|a| a.id == id).map(|a| a.kind);
                let claim_ok = kind_of(&link.claim) == Some(AnnotationKind::Claim);
                let source_ok = kind_of(&link.source).is_some_and(|k| k != AnnotationKind::Claim);
                if !claim_ok || !source_ok {
                    return Err(EditError::NoSuchAnnotation);
                }
                if article.links.contains(link) {
                    return Err(EditError::DuplicateAnnotation);
                }
                article.links.push(link.clone());
            }
            Change::Unlinked { link, .. } => {
                let at = article.links.iter().position(|l| l == link).ok_or(EditError::NoSuchAnnotation)?;
                article.links.remove(at);
            }
            Change::Accepted(annotations) => {
                if annotations.iter().any(|a| position(article, &a.id).is_ok()) {
                    return Err(EditError::DuplicateAnnotation);
                }
                for annotation in annotations {
                    article.annotations.push(annotation.clone());
                    article.suggested.push(annotation.id.clone());
                }
            }
            Change::Judged { after, .. } => {
                position(article, &after.claim)?;
                match verdict_position(article, &after.claim) {
                    Ok(at) => article.verdicts[at] = after.clone(),
                    Err(_) => article.verdicts.push(after.clone()),
                }
            }
        }
        Ok(())
    }
}

/// Where the verdict on the claim with this id is in the article's list.
fn verdict_position(article: &Article, claim: &str) -> Result<usize, EditError> {
    article.verdicts.iter().position(|v| v.claim == claim).ok_or(EditError::NoSuchAnnotation)
}

/// Where the annotation with this id is in the article's list.
fn position(article: &Article, id: &str) -> Result<usize, EditError> {
    article.annotations.iter().position(|a| a.id == id).ok_or(EditError::NoSuchAnnotation)
}

impl Library {
    /// Applies a change to an article's annotations.
    pub fn apply(&mut self, article: &str, change: &Change) -> Result<(), EditError> {
        change.apply_to(self.get_mut_touching(article, change.touched())?)
    }

    /// Reverts a change made by [`Library::apply`].
    pub fn revert(&mut self, article: &str, change: &Change) -> Result<(), EditError> {
        change.revert_in(self.get_mut_touching(article, change.touched())?)
    }
}

/// What undo and redo can take back and bring back, per article, for this session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    stacks: HashMap<String, Stacks>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Stacks {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Applies a change to the library and records it; redo starts afresh.
    pub fn perform(&mut self, library: &mut Library, article: &str, change: Change) -> Result<(), EditError> {
        library.apply(article, &change)?;
        let stacks = self.stacks.entry(article.to_string()).or_default();
        stacks.done.push(change);
        stacks.undone.clear();
        Ok(())
    }

    /// Like [`History::perform`], but an edit of the annotation (or verdict) that the latest
    /// change also edited is folded into that change, so that one undo takes back both (typing
    /// a note or a reasoning).
    pub fn perform_folded(&mut self, library: &mut Library, article: &str, change: Change) -> Result<(), EditError> {
        let stacks = self.stacks.entry(article.to_string()).or_default();
        let Some(folded) = stacks.done.last().and_then(|last| last.folded_with(&change)) else {
            return self.perform(library, article, change);
        };
        library.apply(article, &change)?;
        stacks.done.pop();
        stacks.done.push(folded);
        stacks.undone.clear();
        Ok(())
    }

    /// Reverts the latest change to the article; returns it, or `None` if there is none.
    pub fn undo(&mut self, library: &mut Library, article: &str) -> Result<Option<Change>, EditError> {
        let Some(stacks) = self.stacks.get_mut(article) else { return Ok(None) };
        let Some(change) = stacks.done.pop() else { return Ok(None) };
        library.revert(article, &change)?;
        stacks.undone.push(change.clone());
        Ok(Some(change))
    }

    /// Applies again the latest undone change to the article.
    pub fn redo(&mut self, library: &mut Library, article: &str) -> Result<Option<Change>, EditError> {
        let Some(stacks) = self.stacks.get_mut(article) else { return Ok(None) };
        let Some(change) = stacks.undone.pop() else { return Ok(None) };
        library.apply(article, &change)?;
        stacks.done.push(change.clone());
        Ok(Some(change))
    }

    /// Whether [`History::undo`] has something to do for the article.
    pub fn can_undo(&self, article: &str) -> bool {
        self.stacks.get(article).is_some_and(|s| !s.done.is_empty())
    }

    /// Whether [`History::redo`] has something to do for the article.
    pub fn can_redo(&self, article: &str) -> bool {
        self.stacks.get(article).is_some_and(|s| !s.undone.is_empty())
    }

    /// Forgets an article's history (when its annotations were replaced wholesale).
    pub fn forget(&mut self, article: &str) {
        self.stacks.remove(article);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::AnnotationKind;
    use crate::model::offsets::CharOffset;

    fn note(id: &str, kind: AnnotationKind, start: usize, end: usize) -> Annotation {
        Annotation {
            id: id.into(),
            kind,
            start: CharOffset(start),
            end: CharOffset(end),
            note: String::new(),
            created: "t".into(),
            modified: "t".into(),
            author: String::new(),
            edited_by: String::new(),
        }
    }

    fn library() -> Library {
        let mut lib = Library::default();
        lib.add(Article::new("a".into(), "T".into(), "a U.S. official said".into(), "t".into()));
        lib
    }

    fn ids(lib: &Library) -> Vec<String> {
        lib.get("a").unwrap().annotations.iter().map(|n| n.id.clone()).collect()
    }

    #[test]
    fn an_article_at_the_annotation_limit_takes_no_more_but_can_still_change() {
        let mut lib = library();
        let full: Vec<Annotation> =
            (0..limits::MAX_ANNOTATIONS).map(|i| note(&format!("n{i}"), AnnotationKind::Claim, 0, 1)).collect();
        lib.articles[0].annotations = full[..limits::MAX_ANNOTATIONS - 1].to_vec();
        let mut history = History::default();
        history.perform(&mut lib, "a", Change::Added(full[limits::MAX_ANNOTATIONS - 1].clone())).unwrap();
        let at_limit = lib.clone();
        let one_more = note("extra", AnnotationKind::Source, 2, 6);
        assert_eq!(history.perform(&mut lib, "a", Change::Added(one_more.clone())), Err(EditError::TooManyAnnotations));
        assert_eq!(
            history.perform(&mut lib, "a", Change::Accepted(vec![one_more])),
            Err(EditError::TooManyAnnotations)
        );
        // (Not assert_eq: printing 20,000 annotations on failure helps nobody.)
        assert!(lib == at_limit, "a refused change leaves the article as it was");
        // Deleting one makes room again, and undoing the deletion restores the full article.
        let removed =
            Change::Removed { index: 0, annotation: full[0].clone(), links: vec![], verdict: None, suggested: None };
        history.perform(&mut lib, "a", removed).unwrap();
        history.undo(&mut lib, "a").unwrap();
        assert!(lib == at_limit, "undoing the deletion restores the full article");
    }

    #[test]
    fn undo_and_redo_every_kind_of_change_exactly() {
        let mut lib = library();
        let mut history = History::default();
        let first = note("n1", AnnotationKind::Claim, 0, 6);
        let second = note("n2", AnnotationKind::AnonymousAttribution, 0, 15);
        history.perform(&mut lib, "a", Change::Added(first.clone())).unwrap();
        history.perform(&mut lib, "a", Change::Added(second.clone())).unwrap();
        let edited = Annotation { note: "no reason given".into(), kind: AnnotationKind::Source, ..first.clone() };
        history.perform(&mut lib, "a", Change::Edited { before: first.clone(), after: edited.clone() }).unwrap();
        history
            .perform(
                &mut lib,
                "a",
                Change::Removed { index: 0, annotation: edited.clone(), links: vec![], verdict: None, suggested: None },
            )
            .unwrap();
        let end_state = lib.clone();
        assert_eq!(ids(&lib), ["n2"]);

        history.undo(&mut lib, "a").unwrap();
        assert_eq!(ids(&lib), ["n1", "n2"], "a deletion comes back at its place");
        assert_eq!(lib.get("a").unwrap().annotations[0], edited);
        history.undo(&mut lib, "a").unwrap();
        assert_eq!(lib.get("a").unwrap().annotations[0], first);
        history.undo(&mut lib, "a").unwrap();
        history.undo(&mut lib, "a").unwrap();
        assert!(ids(&lib).is_empty());
        assert_eq!(history.undo(&mut lib, "a"), Ok(None));
        assert!(!history.can_undo("a") && history.can_redo("a"));

        for _ in 0..4 {
            history.redo(&mut lib, "a").unwrap();
        }
        assert_eq!(lib, end_state);
        assert!(!history.can_redo("a"));
    }

    #[test]
    fn folded_edits_undo_in_one_step() {
        let mut lib = library();
        let mut history = History::default();
        let original = note("n1", AnnotationKind::Claim, 0, 1);
        history.perform(&mut lib, "a", Change::Added(original.clone())).unwrap();
        let mut previous = original.clone();
        for typed in ["n", "no", "not"] {
            let next = Annotation { note: typed.into(), ..previous.clone() };
            history.perform_folded(&mut lib, "a", Change::Edited { before: previous, after: next.clone() }).unwrap();
            previous = next;
        }
        assert_eq!(lib.get("a").unwrap().annotations[0].note, "not");
        history.undo(&mut lib, "a").unwrap();
        assert_eq!(lib.get("a").unwrap().annotations[0], original);
        history.undo(&mut lib, "a").unwrap();
        assert!(ids(&lib).is_empty());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut lib = library();
        let mut history = History::default();
        history.perform(&mut lib, "a", Change::Added(note("n1", AnnotationKind::Claim, 0, 1))).unwrap();
        history.undo(&mut lib, "a").unwrap();
        history.perform(&mut lib, "a", Change::Added(note("n2", AnnotationKind::Claim, 0, 1))).unwrap();
        assert!(!history.can_redo("a"));
    }

    #[test]
    fn histories_of_articles_are_separate() {
        let mut lib = library();
        lib.add(Article::new("b".into(), "T".into(), "other".into(), "t".into()));
        let mut history = History::default();
        history.perform(&mut lib, "a", Change::Added(note("n1", AnnotationKind::Claim, 0, 1))).unwrap();
        assert_eq!(history.undo(&mut lib, "b"), Ok(None));
        assert_eq!(ids(&lib), ["n1"]);
    }

    #[test]
    fn a_failed_change_is_not_recorded() {
        let mut lib = library();
        let mut history = History::default();
        let ghost = note("ghost", AnnotationKind::Claim, 0, 1);
        let result = history.perform(
            &mut lib,
            "a",
            Change::Removed { index: 0, annotation: ghost, links: vec![], verdict: None, suggested: None },
        );
        assert_eq!(result, Err(EditError::NoSuchAnnotation));
        assert!(!history.can_undo("a"));
    }

    #[test]
    fn placing_an_orphan_undoes_and_redoes_whole() {
        let mut lib = library();
        let old = note("o", AnnotationKind::Source, 40, 45);
        let orphan =
            Orphan { annotation: old.clone(), exact: "official".into(), prefix: String::new(), suffix: String::new() };
        lib.get_mut("a").unwrap().orphans.push(orphan.clone());
        let before = lib.clone();
        let placed = Annotation { start: CharOffset(7), end: CharOffset(15), ..old };
        let mut history = History::default();
        history.perform(&mut lib, "a", Change::Placed { orphan: orphan.clone(), annotation: placed.clone() }).unwrap();
        let after = lib.clone();
        assert_eq!(
            (after.get("a").unwrap().annotations.clone(), after.get("a").unwrap().orphans.len()),
            (vec![placed], 0)
        );
        history.undo(&mut lib, "a").unwrap();
        assert_eq!(lib, before);
        history.redo(&mut lib, "a").unwrap();
        assert_eq!(lib, after);
        // Placing an orphan that is no longer there fails and changes nothing.
        let again = history.perform(
            &mut lib,
            "a",
            Change::Placed { orphan, annotation: note("o", AnnotationKind::Source, 0, 1) },
        );
        assert_eq!(again, Err(EditError::NoSuchAnnotation));
        assert_eq!(lib, after);
    }

    #[test]
    fn deleting_a_linked_source_unlinks_it_and_undo_restores_both() {
        let mut lib = library();
        let mut history = History::default();
        let claim = note("c", AnnotationKind::Claim, 0, 6);
        let source = note("s", AnnotationKind::AnonymousAttribution, 7, 20);
        let other = note("o", AnnotationKind::Claim, 2, 6);
        for a in [&claim, &source, &other] {
            history.perform(&mut lib, "a", Change::Added(a.clone())).unwrap();
        }
        for c in ["c", "o"] {
            let link = Link::new(c, "s");
            history.perform(&mut lib, "a", Change::Linked(link)).unwrap();
        }
        let verdict = Verdict { claim: "c".into(), rating: "False".into(), ..Verdict::default() };
        history.perform(&mut lib, "a", Change::Judged { before: None, after: verdict }).unwrap();
        // A claim cannot be a source, nor a link repeat.
        let bad = Change::Linked(Link::new("c", "o"));
        assert_eq!(history.perform(&mut lib, "a", bad), Err(EditError::NoSuchAnnotation));
        let again = Change::Linked(Link::new("c", "s"));
        assert_eq!(history.perform(&mut lib, "a", again), Err(EditError::DuplicateAnnotation));
        let before = lib.clone();

        let removal = Change::removal(lib.get("a").unwrap(), "s").unwrap();
        history.perform(&mut lib, "a", removal).unwrap();
        assert!(lib.get("a").unwrap().links.is_empty());
        assert_eq!(lib.get("a").unwrap().verdicts.len(), 1, "the claim keeps its verdict");
        history.undo(&mut lib, "a").unwrap();
        assert_eq!(lib, before);

        let removal = Change::removal(lib.get("a").unwrap(), "c").unwrap();
        history.perform(&mut lib, "a", removal).unwrap();
        let article = lib.get("a").unwrap();
        assert_eq!((article.links.len(), article.verdicts.len()), (1, 0));
        history.undo(&mut lib, "a").unwrap();
        assert_eq!(lib, before);
    }

    #[test]
    fn verdict_edits_fold_into_one_undo() {
        let mut lib = library();
        let mut history = History::default();
        history.perform(&mut lib, "a", Change::Added(note("c", AnnotationKind::Claim, 0, 6))).unwrap();
        let before = lib.clone();
        let mut previous = None;
        for reasoning in ["T", "Th", "The"] {
            let after = Verdict { claim: "c".into(), reasoning: reasoning.into(), ..Verdict::default() };
            history
                .perform_folded(&mut lib, "a", Change::Judged { before: previous.clone(), after: after.clone() })
                .unwrap();
            previous = Some(after);
        }
        assert_eq!(lib.get("a").unwrap().verdicts[0].reasoning, "The");
        history.undo(&mut lib, "a").unwrap();
        assert_eq!(lib, before);
    }
}
