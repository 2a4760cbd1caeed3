//! The app's state, shared with every component through one `Copy` context value.

use leptos::prelude::*;

use crate::browser::clock;
use crate::model::library::{Article, Library, RemovedArticle};
use crate::model::source::{self, Draft, SourceFormat};

/// An action that a notice offers to take back.
#[derive(Clone, Debug)]
pub enum Undo {
    /// Put back a deleted article.
    RestoreArticle(RemovedArticle),
    /// Put back the text an article had before its leftovers were removed.
    RestoreText { id: String, text: String },
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
}

/// The modal dialogs of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Paste or open a new article.
    NewArticle,
    /// The list of stored articles.
    Library,
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
}

impl AppState {
    /// State around a library loaded at start-up.
    pub fn new(library: Library, storage_problem: Option<StorageProblem>) -> Self {
        AppState {
            library: RwSignal::new(library),
            notice: RwSignal::new(None),
            storage_problem: RwSignal::new(storage_problem),
            dialog: RwSignal::new(None),
        }
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

    /// Reads a file the user opened or dropped and adds it as a new article.
    pub async fn open_file(self, file: web_sys::File) -> Result<(), String> {
        let name = file.name();
        let format = SourceFormat::from_file_name(&name).ok_or_else(|| {
            format!("“{name}” cannot be opened: choose a text (.txt), Markdown (.md) or web page (.html) file.")
        })?;
        let raw = crate::browser::files::read_text(&file).await?;
        let draft = source::read(&raw, format).map_err(|e| format!("“{name}” cannot be opened. {e}"))?;
        self.add_draft(draft);
        Ok(())
    }
}

/// The sample article as a draft.
pub fn sample_draft() -> Draft {
    source::read(source::SAMPLE_TEXT, SourceFormat::Plain).expect("the sample article has text")
}
