//! The database's changes feed: each document that changes, in this tab or another, handed to
//! the app as JSON. After a write by the database worker it is started again past that write:
//! PouchDB's feed would otherwise read every document the tab has just written back from
//! IndexedDB on the page's thread (0.9 s of `get`s for an import's 16,000 documents, the next
//! time the tab wrote), only for the app to find it knows them all.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, JSON, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::database::{ChangesFeed, PouchDb, explain, field, options};
use super::storage::to_rust;

/// Who hears of the changes, and how far they have heard.
pub(super) struct Follower {
    on_change: Box<dyn Fn(String)>,
    on_error: Rc<dyn Fn(String)>,
    /// The sequence number of the last change heard of (or where the feed started); NaN until
    /// the feed has started.
    heard: Cell<f64>,
    live: RefCell<Option<ChangesFeed>>,
    /// Replaced by another follower (the database was opened again): never starts again.
    retired: Cell<bool>,
}

impl Follower {
    pub(super) fn new(on_change: impl Fn(String) + 'static, on_error: impl Fn(String) + 'static) -> Rc<Follower> {
        Rc::new(Follower {
            on_change: Box::new(on_change),
            on_error: Rc::new(on_error),
            heard: Cell::new(f64::NAN),
            live: RefCell::new(None),
            retired: Cell::new(false),
        })
    }

    /// Follows the changes made after sequence number `since` (a number, or "now").
    pub(super) fn start(self: &Rc<Self>, db: &PouchDb, since: JsValue) {
        if self.retired.get() {
            return;
        }
        if let Some(seq) = since.as_f64() {
            self.heard_up_to(seq);
        }
        let feed = db.changes(&feed_options(since, None));
        let this = self.clone();
        let change = Closure::<dyn Fn(JsValue)>::new(move |change: JsValue| this.hear(&change));
        let on_error = self.on_error.clone();
        let error = Closure::<dyn Fn(JsValue)>::new(move |error: JsValue| on_error(explain(&error)));
        feed.on("change", change.as_ref().unchecked_ref()).on("error", error.as_ref().unchecked_ref());
        // PouchDB may call them after the feed is cancelled: they live as long as the page.
        change.forget();
        error.forget();
        if let Some(earlier) = self.live.replace(Some(feed)) {
            earlier.cancel();
        }
    }

    /// Stops for good: the database was opened again, with a follower of its own.
    pub(super) fn retire(&self) {
        self.retired.set(true);
        self.stop();
    }

    fn stop(&self) {
        if let Some(live) = self.live.take() {
            live.cancel();
        }
    }

    /// After this tab's worker wrote everything from sequence number `before` to `after`: hears
    /// what others wrote up to `before`, then follows from `after`.
    pub(super) async fn skip_written(self: &Rc<Self>, db: &PouchDb, before: f64, after: f64) {
        let heard = self.heard.get();
        // Not started yet, or already past: nothing to skip.
        if heard.is_nan() || heard > before || self.live.borrow().is_none() {
            return;
        }
        self.stop();
        if heard < before {
            let missed = db.changes(&feed_options(heard.into(), Some(before - heard)));
            let Ok(result) = JsFuture::from(Promise::resolve(&missed)).await else {
                // Not read: follow from where it was, the documents written included.
                self.start(db, heard.into());
                return;
            };
            let results: Array =
                Reflect::get(&result, &"results".into()).ok().and_then(|r| r.dyn_into().ok()).unwrap_or_default();
            for change in results.iter().filter(|change| seq_of(change).is_some_and(|seq| seq <= before)) {
                self.hear(&change);
            }
        }
        self.start(db, after.into());
    }

    fn heard_up_to(&self, seq: f64) {
        let heard = self.heard.get();
        if heard.is_nan() || heard < seq {
            self.heard.set(seq);
        }
    }

    fn hear(&self, change: &JsValue) {
        if let Some(seq) = seq_of(change) {
            self.heard_up_to(seq);
        }
        let doc = Reflect::get(change, &"doc".into()).unwrap_or(JsValue::NULL);
        note_deleted_leaves(change, &doc);
        if let Ok(json) = JSON::stringify(&doc) {
            (self.on_change)(to_rust(&json));
        }
    }
}

/// A change's sequence number, where it is a number (IndexedDB's are).
fn seq_of(change: &JsValue) -> Option<f64> {
    Reflect::get(change, &"seq".into()).ok()?.as_f64()
}

/// The documents with their conflicting revisions, live unless `limit` changes are asked for.
fn feed_options(since: JsValue, limit: Option<f64>) -> JsValue {
    let mut pairs =
        vec![("since", since), ("include_docs", true.into()), ("conflicts", true.into()), ("style", "all_docs".into())];
    match limit {
        Some(limit) => pairs.push(("limit", limit.into())),
        None => pairs.push(("live", true.into())),
    }
    options(&pairs)
}

/// Puts on `doc` the deleted leaves among the change's leaves (`changes`, with `style:
/// 'all_docs'`): every leaf that is neither the document shown nor one of its `_conflicts`.
fn note_deleted_leaves(change: &JsValue, doc: &JsValue) {
    let leaves: Array =
        Reflect::get(change, &"changes".into()).ok().and_then(|l| l.dyn_into().ok()).unwrap_or_default();
    if leaves.length() < 2 {
        return;
    }
    let shown = field(doc, "_rev");
    let live: Array = Reflect::get(doc, &"_conflicts".into()).ok().and_then(|l| l.dyn_into().ok()).unwrap_or_default();
    let deleted = Array::new();
    for leaf in leaves.iter() {
        let Some(rev) = field(&leaf, "rev") else { continue };
        if Some(&rev) != shown.as_ref() && !live.includes(&rev.as_str().into(), 0) {
            deleted.push(&rev.into());
        }
    }
    if deleted.length() > 0 {
        let _ = Reflect::set(doc, &"_deleted_conflicts".into(), &deleted);
    }
}
