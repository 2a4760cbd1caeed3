//! The edits of the open article's annotations, links and verdicts on the state: mark,
//! edit, move the ends, link, judge, delete, undo and redo, each one `history::Change`.

use leptos::prelude::*;

use super::state::{AppState, Undo};
use crate::browser::clock;
use crate::model::history::Change;
use crate::model::library::{Annotation, AnnotationKind, Link, Verdict};
use crate::model::motion;
use crate::model::span::{self, Span};
use crate::model::text;

impl AppState {
    /// Applies a change to the open article's annotations and records it for undo; `fold`
    /// merges it into the latest change when both edit the same annotation.
    pub(super) fn perform(&self, article: &str, mut change: Change, fold: bool) -> bool {
        change.stamp(&self.author.get_untracked(), &clock::now_iso());
        let mut result = Ok(());
        self.library.update(|library| {
            self.history.update(|h| {
                result =
                    if fold { h.perform_folded(library, article, change) } else { h.perform(library, article, change) }
            })
        });
        if let Err(e) = &result {
            self.fail(e.to_string());
        }
        result.is_ok()
    }

    /// Marks the pending selection as `kind`.
    pub fn mark(&self, kind: AnnotationKind) {
        let Some(pending) = self.pending.get_untracked() else { return };
        let Some(article) = self.current_id() else { return };
        let (trimmed, duplicate) = self.library.with_untracked(|l| {
            let text = l.get(&article).map(|a| &*a.text).unwrap_or_default();
            let trimmed = span::trim_marked(text, pending.span);
            let duplicate = trimmed.is_some_and(|t| {
                l.get(&article).is_some_and(|a| a.annotations.iter().any(|n| n.kind == kind && n.span() == t))
            });
            (trimmed, duplicate)
        });
        let Some(span) = trimmed else { return };
        crate::browser::text_dom::clear_selection();
        if duplicate {
            return self.fail(format!("That passage is already marked as {}.", kind.label().to_lowercase()));
        }
        let now = clock::now_iso();
        let annotation = Annotation {
            id: clock::new_id("n"),
            kind,
            start: span.start,
            end: span.end,
            note: String::new(),
            created: now.clone(),
            modified: now,
            author: String::new(),
            edited_by: String::new(),
        };
        let id = annotation.id.clone();
        if self.perform(&article, Change::Added(annotation), false) {
            self.pending.set(None);
            self.active.set(Some(id.clone()));
            let quote = self.quote_of(&article, &id);
            self.announcement.set(format!("Marked “{quote}” as {}.", kind.label().to_lowercase()));
        }
    }

    /// Changes one annotation of the open article with `edit`, recorded for undo (folded into
    /// the latest change if `fold` and that change edited the same annotation).
    pub fn edit_annotation(&self, id: &str, fold: bool, edit: impl FnOnce(&mut Annotation)) {
        let Some(article) = self.current_id() else { return };
        let before = self
            .library
            .with_untracked(|l| l.get(&article).and_then(|a| a.annotations.iter().find(|n| n.id == id).cloned()));
        let Some(before) = before else { return };
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return;
        }
        let checked = self.library.with_untracked(|l| {
            l.get(&article).is_some_and(|a| {
                a.links.iter().any(|k| k.claim == id || k.source == id) || a.verdicts.iter().any(|v| v.claim == id)
            })
        });
        if after.kind != before.kind && checked {
            return self.fail(
                "Its links and verdict depend on its kind: unlink them (and clear the verdict) before changing it.",
            );
        }
        after.modified = clock::now_iso();
        self.perform(&article, Change::Edited { before, after }, fold);
    }

    /// Moves one end of an annotation of the open article by a character (undoable, one step
    /// per move); says so, or why not, to screen readers.
    pub fn move_edge(&self, id: &str, edge: motion::Edge, forward: bool) {
        let Some(article) = self.current_id() else { return };
        let moved = self.library.with_untracked(|l| {
            let a = l.get(&article)?;
            let n = a.annotations.iter().find(|n| n.id == id)?;
            motion::move_edge(&a.text, n.span(), edge, forward)
        });
        let Some(span) = moved else {
            return self.announcement.set("That end cannot move further.".into());
        };
        self.set_span(id, span);
    }

    /// Places an annotation of the open article on another span (an end dragged), undoable.
    pub fn set_span(&self, id: &str, span: Span) {
        self.edit_annotation(id, false, |a| {
            a.start = span.start;
            a.end = span.end;
        });
        if let Some(article) = self.current_id() {
            let quote = self.quote_of(&article, id);
            self.announcement.set(format!("Now “{quote}”."));
        }
    }

    /// The user chose an annotation (in the text, a menu or the panel): it becomes the current
    /// one, or, while a claim waits for a source to be picked, the claim's source.
    pub fn choose(&self, id: &str) {
        let Some(claim) = self.picking.get_untracked() else {
            return self.active.set(Some(id.to_string()));
        };
        let kind = self.kind_of(id);
        if kind.is_none_or(|k| k == AnnotationKind::Claim) {
            return self.fail("A claim rests on sources: pick a source or an anonymous attribution (or press Escape).");
        }
        self.picking.set(None);
        self.link(&claim, id);
        self.active.set(Some(claim));
    }

    fn kind_of(&self, id: &str) -> Option<AnnotationKind> {
        self.library.with_untracked(|l| l.current()?.annotations.iter().find(|a| a.id == id).map(|a| a.kind))
    }

    /// Links a claim of the open article to a source or anonymous attribution.
    pub fn link(&self, claim: &str, source: &str) {
        let Some(article) = self.current_id() else { return };
        let link = Link::new(claim.to_string(), source.to_string());
        if self.perform(&article, Change::Linked(link), false) {
            let (claim, source) = (self.quote_of(&article, claim), self.quote_of(&article, source));
            self.announcement.set(format!("“{claim}” now rests on “{source}”."));
        }
    }

    /// Removes the link between a claim and a source.
    pub fn unlink(&self, claim: &str, source: &str) {
        let Some(article) = self.current_id() else { return };
        let index = self
            .library
            .with_untracked(|l| l.get(&article)?.links.iter().position(|k| k.claim == claim && k.source == source));
        let Some(index) = index else { return };
        let link = Link::new(claim.to_string(), source.to_string());
        if self.perform(&article, Change::Unlinked { index, link }, false) {
            let source = self.quote_of(&article, source);
            self.announcement.set(format!("Unlinked “{source}”."));
        }
    }

    /// Changes the verdict on a claim of the open article (creating it if needed); `fold` as
    /// for [`AppState::edit_annotation`].
    pub fn judge(&self, claim: &str, fold: bool, edit: impl FnOnce(&mut Verdict)) {
        let Some(article) = self.current_id() else { return };
        let before =
            self.library.with_untracked(|l| l.get(&article)?.verdicts.iter().find(|v| v.claim == claim).cloned());
        let mut after = before.clone().unwrap_or_else(|| Verdict { claim: claim.to_string(), ..Verdict::default() });
        edit(&mut after);
        if before.as_ref() == Some(&after) {
            return;
        }
        self.perform(&article, Change::Judged { before, after }, fold);
    }

    /// Deletes one annotation of the open article, offering to undo.
    pub fn delete_annotation(&self, id: &str) {
        let Some(article) = self.current_id() else { return };
        let removal = self.library.with_untracked(|l| l.get(&article).and_then(|a| Change::removal(a, id)));
        let Some(removal) = removal else { return };
        let Change::Removed { annotation, .. } = &removal else { return };
        let kind = annotation.kind.label();
        let quote = self.quote_of(&article, id);
        if self.perform(&article, removal, false) {
            if self.active.get_untracked().as_deref() == Some(id) {
                self.active.set(None);
            }
            // The control that deleted it is gone: the text takes the focus, where Ctrl+Z undoes.
            clock::after_next_frame(crate::browser::text_dom::focus_article_text);
            self.inform(
                format!("Deleted {} “{quote}”.", kind.to_lowercase()),
                Some(Undo::AnnotationChange { article }),
            );
        }
    }

    /// Takes back the latest annotation change of an article.
    pub fn undo_annotation(&self, article: &str) {
        let mut result = Ok(None);
        self.library.update(|library| self.history.update(|h| result = h.undo(library, article)));
        self.drop_undo_notice();
        self.report_history("Undid", result);
    }

    /// Brings back the latest undone annotation change of an article.
    pub fn redo_annotation(&self, article: &str) {
        let mut result = Ok(None);
        self.library.update(|library| self.history.update(|h| result = h.redo(library, article)));
        self.drop_undo_notice();
        self.report_history("Redid", result);
    }

    /// A notice's "Undo" of the latest annotation change is stale once the history moved.
    fn drop_undo_notice(&self) {
        let stale = self
            .notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| matches!(n.undo, Some(Undo::AnnotationChange { .. }))));
        if stale {
            self.notice.set(None);
        }
    }

    fn report_history(&self, verb: &str, result: Result<Option<Change>, crate::model::library::EditError>) {
        match result {
            Ok(Some(change)) => {
                let what = match change {
                    Change::Added(_) => "marking a passage",
                    Change::Removed { .. } => "a deletion",
                    Change::Edited { .. } => "an edit",
                    Change::Placed { .. } => "placing an orphan",
                    Change::Linked(_) => "a link",
                    Change::Unlinked { .. } => "an unlink",
                    Change::Judged { .. } => "a verdict change",
                    Change::Accepted(_) => "accepting suggestions",
                };
                self.announcement.set(format!("{verb} {what}."));
            }
            Ok(None) => {}
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// The passage an annotation marks, on one line and shortened for messages.
    pub fn quote_of(&self, article: &str, id: &str) -> String {
        self.library.with_untracked(|l| {
            l.get(article)
                .and_then(|a| a.annotations.iter().find(|n| n.id == id).map(|n| text::excerpt(&a.quote(n.span()), 60)))
                .unwrap_or_default()
        })
    }
}
