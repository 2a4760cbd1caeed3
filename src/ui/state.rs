//! The app's state, shared with every component through one `Copy` context value.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::clock;
use crate::model::formats::import;
use crate::model::history::{Change, History};
use crate::model::library::{
    Annotation, AnnotationKind, Article, EditError, Library, Link, Orphan, RemovedArticle, Verdict,
};
use crate::model::motion;
use crate::model::source::{self, Draft, SourceFormat};
use crate::model::span::{self, Span};
use crate::model::text;

/// An action that a notice offers to take back.
#[derive(Clone, Debug)]
pub enum Undo {
    /// Put back a deleted article.
    RestoreArticle(RemovedArticle),
    /// Put back the text an article had before its leftovers were removed.
    RestoreText { id: String, text: Arc<str> },
    /// Take back the latest change to an article's annotations.
    AnnotationChange { article: String },
    /// Put back an orphan that was placed or discarded.
    RestoreOrphan { article: String, orphan: Orphan },
}

/// A message about the last action, possibly with a way to undo it.
#[derive(Clone, Debug)]
pub struct Notice {
    /// What happened, in a sentence.
    pub message: String,
    /// Errors are announced at once (`role="alert"`), other notices politely.
    pub is_error: bool,
    /// What "Undo" does, if offered.
    pub undo: Option<Undo>,
}

/// A lasting problem with the browser's storage, shown until dismissed.
#[derive(Clone, Debug)]
pub struct StorageProblem {
    /// What is wrong and what it means for the user's work.
    pub message: String,
    /// A stored value that could not be read, offered as a download.
    pub unreadable: Option<String>,
    /// The work in memory is not saved: offer to export it.
    pub offer_export: bool,
}

/// The modal dialogs of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Paste or open a new article.
    NewArticle,
    /// The list of stored articles.
    Library,
}

/// A passage selected in the article and not yet marked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PendingSelection {
    /// The selected span, whitespace at its ends trimmed.
    pub span: Span,
    /// Where the toolbar goes: the selection's left edge and bottom, in viewport pixels.
    pub left: f64,
    /// See `left`.
    pub bottom: f64,
}

/// A suggestion of the attribution assistant, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggested {
    pub kind: AnnotationKind,
    pub span: Span,
    /// For an anonymous attribution: the reason for anonymity, quoted, if one is given.
    pub reason: Option<String>,
}

/// Everything the components share.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The articles, as they are saved.
    pub library: RwSignal<Library>,
    /// The latest notice, if not dismissed.
    pub notice: RwSignal<Option<Notice>>,
    /// A storage problem, if any.
    pub storage_problem: RwSignal<Option<StorageProblem>>,
    /// The open dialog, if any.
    pub dialog: RwSignal<Option<Dialog>>,
    /// Undo and redo of annotation changes, per article, for this session.
    pub history: RwSignal<History>,
    /// The annotation being looked at (j / k, a click, the panel), by id.
    pub active: RwSignal<Option<String>>,
    /// The selection waiting to be marked, if any.
    pub pending: RwSignal<Option<PendingSelection>>,
    /// A sentence for screen readers about what just happened in the text.
    pub announcement: RwSignal<String>,
    /// The claim waiting for a source to be picked in the text or the panel, if any.
    pub picking: RwSignal<Option<String>>,
    /// The attribution assistant's suggestions for the open article, waiting for a decision.
    pub suggestions: RwSignal<Vec<Suggested>>,
    /// Which suggestion is being looked at.
    pub suggestion_at: RwSignal<usize>,
    /// Counts changes of the library, so that work split over several tasks can tell whether
    /// the library changed in between.
    library_revision: StoredValue<u64>,
    /// Moves once the page is idle after the library changed (within a tenth of a second): the
    /// panel (counts, list, summary, what the current annotation's editor shows) follows it
    /// through [`AppState::with_settled`], so that the change in the text is painted first.
    settled: RwSignal<u64>,
}

impl AppState {
    /// State around a library loaded at start-up.
    pub fn new(library: Library, storage_problem: Option<StorageProblem>) -> Self {
        let library = RwSignal::new(library);
        let library_revision = StoredValue::new(0);
        let settled = RwSignal::new(0);
        let settling = StoredValue::new(false);
        Effect::new(move |_| {
            library.track();
            library_revision.update_value(|r| *r += 1);
        });
        Effect::new(move |_| {
            library.track();
            if !settling.get_value() {
                settling.set_value(true);
                clock::when_idle(std::time::Duration::from_millis(100), move || {
                    settling.set_value(false);
                    settled.update(|n| *n += 1);
                });
            }
        });
        AppState {
            library,
            picking: RwSignal::new(None),
            suggestions: RwSignal::new(Vec::new()),
            suggestion_at: RwSignal::new(0),
            library_revision,
            settled,
            notice: RwSignal::new(None),
            storage_problem: RwSignal::new(storage_problem),
            dialog: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            active: RwSignal::new(None),
            pending: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// Reads the library for a view of all of it, which follows changes once they are painted.
    pub fn with_settled<R>(&self, read: impl FnOnce(&Library) -> R) -> R {
        self.settled.track();
        self.library.with_untracked(read)
    }

    /// The state of the nearest `App`.
    pub fn get() -> Self {
        expect_context::<AppState>()
    }

    /// Tells the user something, politely.
    pub fn inform(&self, message: impl Into<String>, undo: Option<Undo>) {
        self.notice.set(Some(Notice { message: message.into(), is_error: false, undo }));
    }

    /// Tells the user that something failed.
    pub fn fail(&self, message: impl Into<String>) {
        self.notice.set(Some(Notice { message: message.into(), is_error: true, undo: None }));
    }

    /// Adds a draft to the library as a new article and opens it.
    pub fn add_draft(&self, draft: Draft) {
        let title = draft.title.clone();
        let article = Article::new(clock::new_id("a"), draft.title, draft.text, clock::now_iso());
        self.library.update(|library| library.add(article));
        self.inform(format!("Added “{title}” to the library."), None);
    }

    /// Adds a draft as a new article with its source URL and publication date (either may be
    /// empty), checked as "Edit details" checks them; if either is refused, nothing is added.
    pub fn add_draft_with_details(&self, draft: Draft, url: &str, published: &str) -> Result<(), String> {
        let title = draft.title.clone();
        let id = clock::new_id("a");
        let mut scratch = Library::default();
        scratch.add(Article::new(id.clone(), draft.title, draft.text, clock::now_iso()));
        scratch
            .set_source_url(&id, url.trim())
            .and_then(|()| scratch.set_published(&id, published.trim()))
            .map_err(|e| e.to_string())?;
        let Some(article) = scratch.articles.pop() else { return Ok(()) };
        self.library.update(|library| library.add(article));
        self.inform(format!("Added “{title}” to the library."), None);
        Ok(())
    }

    /// Adds the sample article and opens it.
    pub fn add_sample(&self) {
        self.add_draft(sample_draft());
    }

    /// Deletes an article, offering to undo.
    pub fn delete(&self, id: &str) {
        let mut removed = None;
        self.library.update(|library| removed = library.remove(id).ok());
        if let Some(removed) = removed {
            let title = removed.article.title.clone();
            self.inform(format!("Deleted “{title}”."), Some(Undo::RestoreArticle(removed)));
        }
    }

    /// Carries out an undo offered by a notice.
    pub fn undo(&self, undo: Undo) {
        let message = match undo {
            Undo::RestoreArticle(removed) => {
                let title = removed.article.title.clone();
                self.library.update(|library| library.restore(removed));
                format!("Restored “{title}”.")
            }
            Undo::AnnotationChange { article } => {
                self.undo_annotation(&article);
                return self.notice.set(None);
            }
            Undo::RestoreOrphan { article, orphan } => {
                let mut result = Ok(());
                self.library.update(|library| result = library.restore_orphan(&article, orphan));
                match result {
                    Ok(()) => "The orphan is back in its list.".to_string(),
                    Err(e) => return self.fail(e.to_string()),
                }
            }
            Undo::RestoreText { id, text } => {
                let mut result = Ok(());
                self.library.update(|library| result = library.restore_text(&id, text));
                match result {
                    Ok(()) => "The leftovers are back in the text.".to_string(),
                    Err(e) => return self.fail(e.to_string()),
                }
            }
        };
        self.inform(message, None);
    }

    /// Imports an export or W3C Web Annotation file; on any error the library stays as it was.
    /// Reading, checking and saving run as separate tasks, so that a 10 MB file does not
    /// freeze the page (measured by `bench/import_large.mjs`).
    async fn import(&self, name: &str, raw: &str) -> Result<(), String> {
        clock::yield_to_browser().await;
        let run = || self.library.with_untracked(|l| import::import(raw, l, l.current.as_deref()));
        let revision = self.library_revision.get_value();
        let mut imported = run();
        clock::yield_to_browser().await;
        // Something changed the library meanwhile: merge into what it is now instead.
        if self.library_revision.get_value() != revision {
            imported = run();
        }
        let imported = imported.map_err(|e| format!("“{name}” was not imported, and nothing changed. {e}"))?;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut message = format!(
            "Imported “{name}”: {} and {}.",
            plural(imported.articles_added, "new article"),
            plural(imported.annotations_added, "annotation")
        );
        match imported.already_there {
            0 => {}
            1 => message.push_str(" 1 annotation was already here."),
            n => message.push_str(&format!(" {n} annotations were already here.")),
        }
        if imported.reanchored > 0 {
            message.push_str(&format!(
                " The text had changed: {} placed again by {}.",
                plural(imported.reanchored, "annotation"),
                if imported.reanchored == 1 { "its quote" } else { "their quotes" }
            ));
        }
        if imported.orphaned > 0 {
            message.push_str(&format!(
                " {} could not be placed safely; see Orphans in the panel.",
                plural(imported.orphaned, "annotation")
            ));
        }
        self.library.set(imported.library);
        self.inform(message, None);
        Ok(())
    }

    /// The id of the open article.
    pub fn current_id(&self) -> Option<String> {
        self.library.with_untracked(|l| l.current.clone())
    }

    /// Applies a change to the open article's annotations and records it for undo; `fold`
    /// merges it into the latest change when both edit the same annotation.
    pub(super) fn perform(&self, article: &str, change: Change, fold: bool) -> bool {
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

    /// Places an orphan of the open article on the pending selection (undone like a mark).
    pub fn place_orphan(&self, id: &str) {
        let Some(article) = self.current_id() else { return };
        let found = self.library.with_untracked(|l| {
            let article = l.get(&article)?;
            let orphan = article.orphans.iter().find(|o| o.annotation.id == id)?.clone();
            let span = span::trim(&article.text, self.pending.get_untracked()?.span);
            Some((orphan, span))
        });
        let Some((orphan, span)) = found else { return };
        let Some(span) = span else {
            return self
                .fail("Select the passage where it belongs in the text first, then choose “Place at selection”.");
        };
        let annotation =
            Annotation { start: span.start, end: span.end, modified: clock::now_iso(), ..orphan.annotation.clone() };
        if self.perform(&article, Change::Placed { orphan, annotation }, false) {
            crate::browser::text_dom::clear_selection();
            self.pending.set(None);
            self.active.set(Some(id.to_string()));
            let quote = self.quote_of(&article, id);
            self.announcement.set(format!("Placed the orphan on “{quote}”."));
        }
    }

    /// Discards an orphan of the open article (the notice offers to undo it).
    pub fn discard_orphan(&self, id: &str) {
        let Some(article) = self.current_id() else { return };
        let mut result = Err(EditError::NoSuchAnnotation);
        self.library.update(|l| result = l.take_orphan(&article, id));
        match result {
            Ok(orphan) => {
                let quote = text::excerpt(&orphan.exact, 40);
                self.inform(format!("Discarded the orphan “{quote}”."), Some(Undo::RestoreOrphan { article, orphan }));
            }
            Err(e) => self.fail(e.to_string()),
        }
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
        let link = Link { claim: claim.to_string(), source: source.to_string() };
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
        let link = Link { claim: claim.to_string(), source: source.to_string() };
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

    /// Reads a file the user opened or dropped: an export or W3C file is imported, a text,
    /// Markdown or web page file becomes a new article.
    pub async fn open_file(self, file: web_sys::File) -> Result<(), String> {
        let name = file.name();
        if let Some(why) = crate::model::limits::file_too_large(&name, file.size() as u64) {
            return Err(why);
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") || lower.ends_with(".jsonld") {
            self.announcement.set(format!("Importing “{name}”…"));
            clock::start_span("aa-import");
            let imported = match crate::browser::files::read_text(&file).await {
                Ok((raw, 0)) => self.import(&name, &raw).await,
                Ok((_, malformed)) => Err(format!(
                    "“{name}” was not imported, and nothing changed. It is not UTF-8 text: {} could not be read.",
                    byte_sequences(malformed)
                )),
                Err(e) => Err(e),
            };
            clock::end_span("aa-import");
            return imported;
        }
        let format = SourceFormat::from_file_name(&name).ok_or_else(|| {
            format!("“{name}” cannot be opened: choose a text (.txt), Markdown (.md) or web page (.html) file.")
        })?;
        let (raw, malformed) = crate::browser::files::read_text(&file).await?;
        let draft = source::read(&raw, format).map_err(|e| format!("“{name}” cannot be opened. {e}"))?;
        let title = draft.title.clone();
        self.add_draft(draft);
        if malformed > 0 {
            self.inform(
                format!(
                    "Added “{title}” to the library. Part of “{name}” is not UTF-8 text: {} could not be read and show as �.",
                    byte_sequences(malformed)
                ),
                None,
            );
        }
        Ok(())
    }
}

/// "1 sequence of bytes", "3 sequences of bytes": what a file held that was not UTF-8.
fn byte_sequences(n: usize) -> String {
    format!("{n} {}", if n == 1 { "sequence of bytes" } else { "sequences of bytes" })
}

/// The sample article as a draft.
pub fn sample_draft() -> Draft {
    source::read(source::SAMPLE_TEXT, SourceFormat::Plain).expect("the sample article has text")
}
