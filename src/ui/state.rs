//! The app's state, shared with every component through one `Copy` context value.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::clock;
use crate::model::documents::Conflict;
use crate::model::history::History;
use crate::model::library::{AnnotationKind, Article, Library, Orphan, RemovedArticle};
use crate::model::put_back::PutBack;
use crate::model::source::{self, Draft, SourceFormat};
use crate::model::span::Span;

/// An action that a notice offers to take back.
#[derive(Clone, Debug)]
pub enum Undo {
    /// Put back a deleted article.
    RestoreArticle(Box<RemovedArticle>),
    /// Put back the text an article had before its leftovers were removed.
    RestoreText { id: String, text: Arc<str> },
    /// Take back the latest change to an article's annotations.
    AnnotationChange { article: String },
    /// Put back an orphan that was placed or discarded.
    RestoreOrphan { article: String, orphan: Orphan },
    /// Put back the article as it was before a new version came.
    TakeBackVersion(Box<Article>),
    /// Take a part of the web page that was put back into the text out again.
    TakeBackPart { article: String, put: PutBack },
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
    /// Connecting to a desk.
    Desk,
    /// A page the browser extension sent, before it is added.
    SentPage,
    /// The labels of another tool's file, mapped to kinds before it is imported.
    MapLabels,
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
    /// Which rule decided the kind, in a sentence ("Anonymous: a role without a name…").
    pub rule: String,
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
    /// The desk user that changes are made by (see `model::authorship`); empty outside a desk.
    pub author: RwSignal<String>,
    /// Annotations and verdicts that two desk users changed while apart, both versions kept
    /// (see `model::documents::Conflict`), until someone chooses.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Another tool's file waiting for its labels to be mapped (`label_mapping.rs`).
    pub labeled: RwSignal<Option<super::label_mapping::PendingLabels>>,
    /// Counts changes of the library, so that work split over several tasks can tell whether
    /// the library changed in between.
    pub(super) library_revision: StoredValue<u64>,
    /// Moves once the page is idle after the library changed (within a tenth of a second): the
    /// panel (counts, list, summary, what the current annotation's editor shows) follows it
    /// through [`AppState::with_settled`], so that the change in the text is painted first.
    settled: RwSignal<u64>,
    /// Whether a save is being written: the panel waits for it (see [`AppState::when_saved`]).
    pub(super) saving: StoredValue<bool>,
}

/// Runs `work` once the page is idle and no save is being written (for a second at most: a
/// database that stopped answering must not freeze the page). The database answers a write in
/// a task of its own, and work done while the write is under way delays that task by as long
/// as it takes (60-90 ms for the panel with 10,000 annotations): the change is stored first,
/// then counted.
fn when_saved(saving: StoredValue<bool>, work: impl FnOnce() + 'static) {
    wait_for_save(saving, clock::now_ms() + 1_000.0, Box::new(work));
}

fn wait_for_save(saving: StoredValue<bool>, deadline: f64, work: Box<dyn FnOnce()>) {
    clock::when_idle(std::time::Duration::from_millis(100), move || {
        if saving.try_get_value() == Some(true) && clock::now_ms() < deadline {
            wait_for_save(saving, deadline, work);
        } else {
            work();
        }
    });
}

impl AppState {
    /// Runs `work` once the page is idle and the latest change is stored (see [`when_saved`]).
    pub fn when_saved(&self, work: impl FnOnce() + 'static) {
        when_saved(self.saving, work);
    }

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
        let saving = StoredValue::new(false);
        Effect::new(move |_| {
            library.track();
            if !settling.get_value() {
                settling.set_value(true);
                when_saved(saving, move || {
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
            author: RwSignal::new(String::new()),
            conflicts: RwSignal::new(Vec::new()),
            labeled: RwSignal::new(None),
            library_revision,
            settled,
            saving,
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
        let article = article_of(clock::new_id("a"), draft);
        self.library.update(|library| library.add(article));
        self.inform(format!("Added “{title}” to the library."), None);
    }

    /// Adds a draft as a new article with its source URL and publication date (either may be
    /// empty), checked as "Edit details" checks them; if either is refused, nothing is added.
    pub fn add_draft_with_details(&self, draft: Draft, url: &str, published: &str) -> Result<(), String> {
        let title = draft.title.clone();
        let id = clock::new_id("a");
        let mut scratch = Library::default();
        scratch.add(article_of(id.clone(), draft));
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
            self.inform(format!("Deleted “{title}”."), Some(Undo::RestoreArticle(Box::new(removed))));
        }
    }

    /// Carries out an undo offered by a notice.
    pub fn undo(&self, undo: Undo) {
        let message = match undo {
            Undo::RestoreArticle(removed) => {
                let title = removed.article.title.clone();
                self.library.update(|library| library.restore(*removed));
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
            Undo::TakeBackVersion(before) => {
                let (id, number) = (before.id.clone(), before.version_number());
                let mut result = Ok(());
                self.library.update(|library| result = library.take_back_version(*before));
                match result {
                    Ok(()) => {
                        self.history.update(|history| history.forget(&id));
                        format!("Back to version {number}: the new version was taken out.")
                    }
                    Err(e) => return self.fail(e.to_string()),
                }
            }
            Undo::TakeBackPart { article, put } => {
                let mut result = Ok(());
                self.library.update(|library| result = library.take_back(&article, put));
                match result {
                    Ok(()) => "The part is out of the text again.".to_string(),
                    Err(e) => return self.fail(e.to_string()),
                }
            }
        };
        self.inform(message, None);
    }

    /// The id of the open article.
    pub fn current_id(&self) -> Option<String> {
        self.library.with_untracked(|l| l.current.clone())
    }
}

/// A new article from a draft, with the details its web page gave (the user can edit them).
fn article_of(id: String, draft: Draft) -> Article {
    let mut article = Article::new(id, draft.title, draft.text, clock::now_iso());
    let meta = draft.meta;
    article.source_url = meta.url.unwrap_or_default();
    article.published = meta.published.unwrap_or_default();
    article.modified = meta.modified.unwrap_or_default();
    article.byline = meta.byline.unwrap_or_default();
    article.site_name = meta.site_name.unwrap_or_default();
    article.language = meta.language.unwrap_or_default();
    // Extraction already set the page's furniture apart, as parts the user can put back.
    article.leftovers_reviewed = !draft.removed.is_empty();
    article.removed_parts = draft.removed;
    article
}

/// The sample article as a draft.
pub fn sample_draft() -> Draft {
    source::read_text(source::SAMPLE_TEXT, SourceFormat::Plain).expect("the sample article has text")
}
