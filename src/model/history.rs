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
            Change::Placed { orphan, annotation } => {
                (vec![&orphan.annotation.id, &annotation.id], orphan.links.iter().collect())
            }
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
                // No link to or verdict on it could be made while it was an orphan: those there
                // came back with it.
                article.links.retain(|l| !orphan.links.contains(l));
                article.verdicts.retain(|v| v.claim != annotation.id);
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
                // Its links whose other end is in the text, and its verdict, come back with it
                // (a file's orphan could carry anything: only links from a claim to a source).
                let kinds: HashMap<&str, AnnotationKind> =
                    article.annotations.iter().map(|a| (a.id.as_str(), a.kind)).collect();
                let is_claim = |id: &str| kinds.get(id) == Some(&AnnotationKind::Claim);
                let is_source = |id: &str| kinds.get(id).is_some_and(|k| *k != AnnotationKind::Claim);
                let back: Vec<Link> = orphan
                    .links
                    .iter()
                    .filter(|l| is_claim(&l.claim) && is_source(&l.source) && !article.links.contains(l))
                    .cloned()
                    .collect();
                article.links.extend(back);
                if let Some(verdict) = &orphan.verdict
                    && verdict.claim == annotation.id
                    && annotation.kind == AnnotationKind::Claim
                    && !article.verdicts.iter().any(|v| v.claim == verdict.claim)
                {
                    article.verdicts.push((**verdict).clone());
                }
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
mod tests;
