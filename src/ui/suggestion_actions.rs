//! The attribution assistant's actions on the state: suggest, then accept, reject or step
//! through the suggestions (the panel's buttons and the keys A, R, N, P).

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{AppState, Suggested};
use crate::browser::clock;
use crate::model::attribution::SourceKind;
use crate::model::history::Change;
use crate::model::library::{Annotation, AnnotationKind};
use crate::model::span::Span;
use crate::model::text;

impl AppState {
    /// Runs the attribution assistant on the open article in the app's worker, off the main
    /// thread. Suggestions that overlap a source or anonymous attribution already marked are
    /// left out: they never replace nor repeat marks.
    pub async fn suggest(&self) {
        let Some(article) = self.current_id() else { return };
        self.announcement.set("Looking for sources…".into());
        let Some(text) = self.library.with_untracked(|l| l.get(&article).map(|a| a.text.clone())) else { return };
        let suggestions = match crate::browser::worker::suggest(text.to_string()).await {
            Ok(suggestions) => suggestions,
            Err(why) => {
                self.announcement.set(String::new());
                self.fail(why);
                return;
            }
        };
        // The user may have opened another article or changed this one meanwhile.
        let same = self.current_id().as_ref() == Some(&article)
            && self.library.with_untracked(|l| l.get(&article).is_some_and(|a| Arc::ptr_eq(&a.text, &text)));
        if !same {
            self.announcement.set(String::new());
            return;
        }
        let found = self.library.with_untracked(|l| {
            let Some(a) = l.get(&article) else { return Vec::new() };
            let marked: Vec<Span> =
                a.annotations.iter().filter(|n| n.kind != AnnotationKind::Claim).map(|n| n.span()).collect();
            suggestions
                .into_iter()
                .filter(|s| !marked.iter().any(|m| m.start < s.span.end && s.span.start < m.end))
                .map(|s| Suggested {
                    kind: match s.kind {
                        SourceKind::Named => AnnotationKind::Source,
                        SourceKind::Anonymous => AnnotationKind::AnonymousAttribution,
                    },
                    span: s.span,
                    reason: s.reason.map(|r| a.quote(r)),
                    rule: s.explanation(|span| text::excerpt(&a.quote(span), 60)),
                })
                .collect()
        });
        let count = found.len();
        self.suggestions.set(found);
        self.suggestion_at.set(0);
        self.announcement.set(match count {
            0 => "No new sources to suggest.".to_string(),
            1 => "1 suggestion. Accept with A, reject with R, next with N.".to_string(),
            n => format!("{n} suggestions. Accept with A, reject with R, next with N."),
        });
    }

    /// Accepts the suggestions at `indices`: they become annotations (one undo step) that
    /// remember they were suggested.
    pub fn accept_suggestions(&self, indices: &[usize]) {
        let Some(article) = self.current_id() else { return };
        let now = clock::now_iso();
        let chosen: Vec<Suggested> =
            self.suggestions.with_untracked(|all| indices.iter().filter_map(|&i| all.get(i).cloned()).collect());
        // A passage marked by hand since the suggestions were made wins over them.
        let marked: Vec<Span> = self.library.with_untracked(|l| {
            let annotations = l.get(&article).map(|a| a.annotations.as_slice()).unwrap_or_default();
            annotations.iter().filter(|n| n.kind != AnnotationKind::Claim).map(|n| n.span()).collect()
        });
        let (chosen, overlapping): (Vec<Suggested>, Vec<Suggested>) =
            chosen.into_iter().partition(|s| !marked.iter().any(|m| m.start < s.span.end && s.span.start < m.end));
        if !overlapping.is_empty() {
            self.suggestions.update(|all| all.retain(|s| !overlapping.contains(s)));
        }
        let annotations: Vec<Annotation> = chosen
            .iter()
            .map(|s| Annotation {
                id: clock::new_id("n"),
                kind: s.kind,
                start: s.span.start,
                end: s.span.end,
                note: String::new(),
                created: now.clone(),
                modified: now.clone(),
                author: String::new(),
                edited_by: String::new(),
            })
            .collect();
        if annotations.is_empty() || !self.perform(&article, Change::Accepted(annotations), false) {
            self.keep_suggestion_in_range();
            return;
        }
        self.suggestions.update(|all| all.retain(|s| !chosen.contains(s)));
        self.keep_suggestion_in_range();
        let n = chosen.len();
        self.announcement.set(if n == 1 { "Accepted.".into() } else { format!("Accepted {n} suggestions.") });
    }

    /// Rejects the suggestions at `indices`.
    pub fn reject_suggestions(&self, indices: &[usize]) {
        self.suggestions.update(|all| {
            let mut index = 0;
            all.retain(|_| {
                index += 1;
                !indices.contains(&(index - 1))
            })
        });
        self.keep_suggestion_in_range();
        self.announcement.set("Rejected.".into());
    }

    /// Accepts the suggestion being looked at (key A).
    pub fn accept_current_suggestion(&self) {
        self.accept_suggestions(&[self.suggestion_at.get_untracked()]);
    }

    /// Rejects the suggestion being looked at (key R).
    pub fn reject_current_suggestion(&self) {
        self.reject_suggestions(&[self.suggestion_at.get_untracked()]);
    }

    /// Looks at the next suggestion, or the previous one (keys N, P), going round.
    pub fn step_suggestion(&self, forward: bool) {
        let n = self.suggestions.with_untracked(Vec::len);
        if n > 0 {
            self.suggestion_at.update(|at| *at = if forward { (*at + 1) % n } else { (*at + n - 1) % n });
        }
    }

    fn keep_suggestion_in_range(&self) {
        let count = self.suggestions.with_untracked(Vec::len);
        if self.suggestion_at.get_untracked() >= count {
            self.suggestion_at.set(count.saturating_sub(1));
        }
        // The suggestions' box goes with the last one: the text, where the next key is
        // expected, takes the focus rather than the page.
        if count == 0 {
            clock::after_next_frame(crate::browser::text_dom::focus_article_text);
        }
    }
}
