//! Keeping the library in the database: start-up, saving each change as the documents it
//! touched, and taking in what other tabs change.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{AppState, StorageProblem, sample_draft};
use crate::browser::database::{self, Database, Written};
use crate::browser::{clock, crash, move_in, storage};
use crate::model::documents::{Applied, Saved, Write};
use crate::model::library::{Article, Library};

/// What the app starts with.
pub struct Start {
    pub library: Library,
    pub problem: Option<StorageProblem>,
    /// The database and what it holds; `None` if the work cannot be saved.
    pub store: Option<(Database, Saved)>,
    /// Something to tell once the page is up (the library moved in).
    pub news: Option<String>,
}

fn with_sample() -> Library {
    let draft = sample_draft();
    let mut library = Library::default();
    library.add(Article::new(clock::new_id("a"), draft.title, draft.text, clock::now_iso()));
    library
}

fn unsaved(message: String, unreadable: Option<String>) -> StorageProblem {
    StorageProblem { message, unreadable, offer_export: true }
}

/// Opens the database and reads the library, moving an old one in first.
pub async fn start_up() -> Start {
    clock::start_span("aa-load");
    let start = read_library().await;
    clock::end_span("aa-load");
    start
}

async fn read_library() -> Start {
    let db = match Database::open().await {
        Ok(db) => db,
        Err(error) => {
            // The old value, if any, is only read: it stays where it is.
            let library = match storage::load(&clock::now_iso()) {
                storage::Loaded::Library(library) => library,
                _ => with_sample(),
            };
            let message = format!(
                "This browser's database cannot be used ({error}), so nothing you do here is kept after you close the page. Export the library to keep a copy."
            );
            return Start { library, problem: Some(unsaved(message, None)), store: None, news: None };
        }
    };
    // What a page left without knowing it written (see `Persistence::leave`).
    let left_unsaved = storage::unsaved();
    if !left_unsaved.is_empty() && db.write_over(&left_unsaved).await {
        storage::forget_unsaved();
    }
    let opened = match move_in::open_library(&db, &clock::now_iso()).await {
        Ok(opened) => opened,
        Err(error) => {
            let message = format!(
                "Your library could not be read from this browser's database ({error}). Nothing was changed in it; reload to try again. Meanwhile changes are not saved."
            );
            return Start { library: with_sample(), problem: Some(unsaved(message, None)), store: None, news: None };
        }
    };
    let move_in::Opened { loaded, moved, unreadable } = opened;
    let mut library = loaded.library;
    let mut problem = None;
    let mut news = None;
    let mut can_save = true;
    match moved {
        Some(Ok(said)) => news = Some(said),
        Some(Err(message)) => {
            problem = Some(unsaved(message, None));
            can_save = false;
        }
        None => {}
    }
    if let Some((reason, raw, kept_as)) = unreadable {
        let where_kept = match kept_as {
            Some(key) => format!("It was kept aside in this browser's storage as “{key}”."),
            None => "It was left in place.".into(),
        };
        problem = Some(StorageProblem {
            message: format!("Your saved library could not be read: {reason}. {where_kept}"),
            unreadable: Some(raw),
            offer_export: false,
        });
    }
    let mut skipped: Vec<String> = loaded.skipped.iter().map(ToString::to_string).collect();
    if loaded.incomplete > 0 {
        skipped.push(format!("{} articles are not all there yet and were left out", loaded.incomplete));
    }
    if !skipped.is_empty() && problem.is_none() {
        problem = Some(StorageProblem {
            message: format!(
                "Part of your library was left unread and untouched: {}.",
                skipped.into_iter().take(3).collect::<Vec<_>>().join("; ")
            ),
            unreadable: None,
            offer_export: false,
        });
    }
    // A first visit: the database holds nothing (an emptied library keeps its scale).
    if loaded.saved.has_nothing() && library.articles.is_empty() && can_save && problem.is_none() {
        library = with_sample();
    }
    if let Some(open) = storage::open_article().filter(|id| library.get(id).is_some()) {
        library.current = Some(open);
    }
    let store = can_save.then_some((db, loaded.saved));
    Start { library, problem, store, news }
}

/// Saves every change of the library into the database and takes in other tabs' changes.
/// `save()` is called after each change (see `App`); writes never overlap, and changes from
/// elsewhere wait while one is under way, so none is taken for an echo of this tab's.
#[derive(Clone)]
pub struct Persistence {
    state: AppState,
    db: Database,
    saved: Rc<RefCell<Saved>>,
    writing: Rc<Cell<bool>>,
    again: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Vec<String>>>,
    /// The database was deleted under the app: the next save opens it again and looks.
    deleted: Rc<Cell<bool>>,
    /// The documents of the write under way, and whether leaving the page kept documents in
    /// localStorage (see [`Persistence::leave`]).
    in_flight: Rc<RefCell<Rc<Vec<String>>>>,
    kept_unsaved: Rc<Cell<bool>>,
    /// Articles new to this tab being read whole, each with whether more of its documents
    /// arrived meanwhile (a colleague's import arrives as thousands: one read at a time).
    reading: Rc<RefCell<std::collections::HashMap<String, bool>>>,
}

impl Persistence {
    pub fn new(state: AppState, db: Database, saved: Saved) -> Self {
        let persistence = Persistence {
            state,
            db,
            saved: Rc::new(RefCell::new(saved)),
            writing: Rc::new(Cell::new(false)),
            again: Rc::new(Cell::new(false)),
            waiting: Rc::default(),
            deleted: Rc::default(),
            in_flight: Rc::default(),
            kept_unsaved: Rc::default(),
            reading: Rc::default(),
        };
        persistence.follow();
        persistence.watch();
        spawn_local(async {
            database::ask_to_persist().await;
        });
        persistence
    }

    /// Takes in other tabs' changes from the database's changes feed.
    fn follow(&self) {
        let following = self.clone();
        let failing = self.clone();
        let opening = self.db.openings();
        self.db.follow(
            move |json| {
                super::conflicts::take_in(following.state, &following.db, &json);
                following.take_in(json)
            },
            move |why| {
                // The feed of a database opened again since is stale; its end says nothing.
                if failing.db.openings() == opening {
                    failing.state.storage_problem.set(Some(unsaved(
                        format!("This tab stopped hearing about changes from other tabs ({why}). Reload to see them."),
                        None,
                    )))
                }
            },
        );
    }

    /// Hears of the database being deleted (then stores the library again at once) or
    /// upgraded by a newer version in another tab (then says to reload).
    fn watch(&self) {
        let this = self.clone();
        self.db.watch(move |deleted| {
            if deleted {
                this.deleted.set(true);
                this.save();
            } else {
                this.state.storage_problem.set(Some(unsaved(
                    "A newer version of Article Annotator was opened in another tab and updated this browser's database. Reload this tab to go on; until then its changes are not saved.".into(),
                    None,
                )));
            }
        });
    }

    /// Leaving the page (or hiding it, after which it may be closed unseen): what is not known
    /// to be written is kept in localStorage at once, where the next start finds it, then saved
    /// as usual. A write into the database takes several tasks, which a closing page never runs.
    pub fn leave(&self) {
        if crash::has_crashed() {
            return;
        }
        let mut docs = self.in_flight.borrow().to_vec();
        let by = self.state.author.get_untracked();
        docs.extend(self.writes().iter().map(|w| w.to_json(&by)));
        if !docs.is_empty() && storage::keep_unsaved(&docs) {
            self.kept_unsaved.set(true);
        }
        self.save();
    }

    /// Writes what changed since the last save.
    pub fn save(&self) {
        if crash::has_crashed() {
            return;
        }
        if self.writing.get() {
            self.again.set(true);
            return;
        }
        let deleted = self.deleted.replace(false);
        let writes = if deleted { Vec::new() } else { self.writes() };
        if writes.is_empty() && !deleted {
            return;
        }
        self.writing.set(true);
        self.state.saving.set_value(true);
        let this = self.clone();
        spawn_local(async move {
            let failure = if deleted { None } else { this.write(writes).await.err() };
            if deleted || failure.is_some() {
                // Once more, through the database opened again: the instance that failed (a
                // full storage aborts PouchDB's connection; a deletion closes it) never works
                // again.
                this.db.reopen();
                this.follow();
                // Emptied under the app (its storage cleared in the browser's settings, the
                // database deleted): what is on screen is the library; store it again whole.
                let emptied = !this.saved.borrow().has_nothing() && this.db.holds_nothing().await;
                if emptied {
                    this.saved.borrow_mut().forget_stored();
                }
                if deleted || emptied {
                    // The database watched before is gone; this one is new.
                    this.watch();
                }
                let again = this.writes();
                match this.write(again).await {
                    Ok(()) if emptied => this.state.inform(
                        "This browser's storage for the app was emptied while the page was open (in the browser's settings, or by another program). Your library was still here and has been stored again.",
                        None,
                    ),
                    Ok(()) => {}
                    // What went wrong the first time is the cause; the second failure may only
                    // say that the connection the first one broke is closing.
                    Err(why) => this.failed(failure.as_deref().unwrap_or(&why)),
                }
            }
            this.writing.set(false);
            this.state.saving.set_value(false);
            if this.kept_unsaved.get() && !this.saved.borrow().has_dirty() {
                storage::forget_unsaved();
                this.kept_unsaved.set(false);
            }
            for json in this.waiting.take() {
                this.take_in(json);
            }
            if this.again.replace(false) {
                this.save();
            }
        });
    }

    /// The writes the library's changes need now.
    fn writes(&self) -> Vec<Write> {
        clock::start_span("aa-save");
        let writes = self.state.library.try_update_untracked(|l| self.saved.borrow_mut().writes(l)).unwrap_or_default();
        clock::end_span("aa-save");
        writes
    }

    /// Writes, resolving conflicts; why not everything was stored, if it was not.
    async fn write(&self, writes: Vec<Write>) -> Result<(), String> {
        if writes.is_empty() {
            return Ok(());
        }
        let by = self.state.author.get_untracked();
        let docs: Rc<Vec<String>> = Rc::new(writes.iter().map(|w| w.to_json(&by)).collect());
        clock::start_span("aa-write");
        self.in_flight.replace(docs.clone());
        if docs.len() >= crate::browser::database::LARGE_BATCH {
            // Making the documents of an import took a task of its own; handing them to the
            // database worker takes another (what leaving the page keeps is set above).
            clock::yield_to_browser().await;
        }
        let written = self.db.write(&docs).await;
        self.in_flight.replace(Rc::default());
        clock::end_span("aa-write");
        let results = match written {
            Ok(results) => results,
            Err(error) => {
                self.saved.borrow_mut().written(&writes, &vec![None; writes.len()]);
                return Err(error.0);
            }
        };
        let mut revs = Vec::with_capacity(writes.len());
        let mut conflicts = Vec::new();
        let mut failure = None;
        for (write, result) in writes.iter().zip(results) {
            revs.push(match result {
                Written::Done(rev) => Some(write.json.as_ref().map(|_| rev)),
                Written::Conflict => {
                    conflicts.push(write.clone());
                    None
                }
                Written::Failed(why) => {
                    failure.get_or_insert(why);
                    None
                }
            });
        }
        self.saved.borrow_mut().written(&writes, &revs);
        for conflict in conflicts {
            self.resolve(conflict).await;
        }
        match failure {
            Some(why) => Err(why),
            None => {
                self.saved_fine();
                Ok(())
            }
        }
    }

    /// Writes again a document the database refused because it changed meanwhile.
    async fn resolve(&self, write: Write) {
        let theirs = self.db.get(&write.id).await;
        if write.json.is_none() && theirs.is_none() {
            self.saved.borrow_mut().written(std::slice::from_ref(&write), &[Some(None)]);
            return;
        }
        let mut resolved = None;
        self.state.library.update(|l| resolved = Some(self.saved.borrow().resolve(l, &write, theirs.as_deref())));
        let Some(resolved) = resolved else { return };
        let done = match self.db.write(&[resolved.write.to_json(&self.state.author.get_untracked())]).await {
            Ok(results) => match results.into_iter().next() {
                Some(Written::Done(rev)) => Some(resolved.write.json.as_ref().map(|_| rev)),
                _ => None,
            },
            Err(_) => None,
        };
        self.saved.borrow_mut().written(std::slice::from_ref(&resolved.write), &[done]);
        if !resolved.both_changed.is_empty() {
            self.state.inform(
                format!(
                    "This article's {} was changed in another tab at the same time; this tab's version was kept.",
                    resolved.both_changed.join(", ")
                ),
                None,
            );
        }
    }

    fn failed(&self, why: &str) {
        self.state.storage_problem.set(Some(unsaved(
            format!(
                "Your last change could not be saved: {why}. It is still on screen, and what was saved before is intact; the app tries again with your next change. Export the library to keep a copy."
            ),
            None,
        )));
    }

    fn saved_fine(&self) {
        if self.state.storage_problem.with_untracked(|p| p.as_ref().is_some_and(|p| p.offer_export)) {
            self.state.storage_problem.set(None);
        }
    }

    /// Reads a whole article that another tab added, once for any number of its documents.
    fn read_article(&self, id: String) {
        if let Some(more) = self.reading.borrow_mut().get_mut(&id) {
            *more = true;
            return;
        }
        self.reading.borrow_mut().insert(id.clone(), false);
        let this = self.clone();
        spawn_local(async move {
            loop {
                let prefix = crate::model::documents::article_prefix(&id);
                let docs = this.db.read_prefix(&prefix).await.unwrap_or_default();
                let mut added = false;
                this.state.library.maybe_update(|l| {
                    added = this.saved.borrow_mut().add_article(l, &docs);
                    added
                });
                if added {
                    this.state.announcement.set("Updated with changes made in another tab.".into());
                }
                // Documents that came meanwhile may be newer than what was read: read again.
                let more = this.reading.borrow_mut().insert(id.clone(), false).unwrap_or(false);
                if !more {
                    this.reading.borrow_mut().remove(&id);
                    return;
                }
            }
        });
    }

    /// Takes in a document changed in the database, by another tab or by this one.
    fn take_in(&self, json: String) {
        if crash::has_crashed() {
            return;
        }
        if self.writing.get() {
            self.waiting.borrow_mut().push(json);
            return;
        }
        let mut applied = Applied::Nothing;
        clock::start_span("aa-take-in");
        self.state.library.maybe_update(|l| {
            applied = self.saved.borrow_mut().apply(l, &json);
            applied == Applied::Changed
        });
        clock::end_span("aa-take-in");
        match applied {
            Applied::Changed => self.state.announcement.set("Updated with changes made in another tab.".into()),
            Applied::ReadArticle(id) => self.read_article(id),
            Applied::Skipped(error) => self.state.fail(format!("A change made elsewhere was not taken in: {error}.")),
            Applied::Nothing => {}
        }
    }
}
