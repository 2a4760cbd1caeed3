//! The library's database: PouchDB (served from the app's origin, see index.html) over
//! IndexedDB, through a small typed binding. Documents cross as JSON text, one at a time, so
//! that a 200 MB library is never one string in wasm memory.
//!
//! Where the browser has storage buckets (Chromium), the database lives in a bucket of its own
//! that asks to be kept (`persisted`); PouchDB's IndexedDB adapter reads the global
//! `indexedDB`, so it is pointed at the bucket's before the database opens.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::changes_feed::Follower;
use super::clock;
use super::storage::to_rust;
use crate::model::documents::conflicting_revisions;

mod batch;
use batch::{json_array, outcomes};

/// The database's name (IndexedDB's is `_pouch_` and this).
pub const NAME: &str = "article-annotator";

/// The storage bucket it lives in, where the browser has them.
const BUCKET: &str = "library";

/// How long opening may take before the page says something blocks it: a tab of an older
/// version that holds the database open blocks an upgrade until it is closed.
const OPEN_PATIENCE_MS: i32 = 8_000;

/// Documents read a page at a time.
const PAGE: u32 = 2_000;

#[wasm_bindgen]
extern "C" {
    pub(super) type PouchDb;
    #[wasm_bindgen(constructor, js_class = "PouchDB", catch)]
    fn new(name: &str, options: &JsValue) -> Result<PouchDb, JsValue>;
    #[wasm_bindgen(method, js_name = bulkDocs)]
    fn bulk_docs(this: &PouchDb, docs: &JsValue) -> Promise;
    #[wasm_bindgen(method, js_name = allDocs)]
    fn all_docs(this: &PouchDb, options: &JsValue) -> Promise;
    #[wasm_bindgen(method)]
    fn get(this: &PouchDb, id: &str) -> Promise;
    #[wasm_bindgen(method, js_name = get)]
    fn get_with(this: &PouchDb, id: &str, options: &JsValue) -> Promise;
    #[wasm_bindgen(method)]
    fn info(this: &PouchDb) -> Promise;
    #[wasm_bindgen(method)]
    pub(super) fn changes(this: &PouchDb, options: &JsValue) -> ChangesFeed;

    pub(super) type ChangesFeed;
    #[wasm_bindgen(method)]
    pub(super) fn on(this: &ChangesFeed, event: &str, listener: &js_sys::Function) -> ChangesFeed;
    #[wasm_bindgen(method)]
    pub(super) fn cancel(this: &ChangesFeed);
}

#[wasm_bindgen(module = "/src/browser/pouch_stores.js")]
extern "C" {
    /// The database's IndexedDB stores, or `null` (see the module).
    #[wasm_bindgen(js_name = openStores)]
    fn open_stores(name: &str) -> Promise;
    /// The next page of documents as a JSON array, or `null` after the last.
    #[wasm_bindgen(js_name = nextPage)]
    fn next_page(stores: &JsValue, count: u32) -> Promise;
    /// Calls back once when the database is deleted (`true`) or upgraded elsewhere (`false`).
    #[wasm_bindgen(js_name = watchDatabase)]
    fn watch_database(name: &str, changed: &JsValue);
}

#[wasm_bindgen(module = "/src/browser/large_writes.js")]
extern "C" {
    /// bulkDocs of `docs` (a JSON array in UTF-8, handed over whole) in the database worker:
    /// its results as JSON text.
    #[wasm_bindgen(js_name = writeInWorker)]
    fn write_in_worker(name: &str, bucket: Option<&str>, docs: &Uint8Array) -> Promise;
    /// Whether a failed `write_in_worker` means the worker could not run at all.
    #[wasm_bindgen(js_name = workerUnavailable)]
    fn worker_unavailable(error: &JsValue) -> bool;
    /// Wakes this tab's changes feeds (a desk's replication) after a write by the worker.
    #[wasm_bindgen(js_name = tellThisTab)]
    fn tell_this_tab(name: &str);
}

/// Batches of at least this many documents are written in the database worker
/// (`public/database-worker.js`): IndexedDB copies each document on the thread that writes it,
/// about 60 µs a document of an import, so that a batch of a few hundred would block the page
/// for tens of milliseconds.
pub const LARGE_BATCH: usize = 200;

/// Why the database could not be used, in words for the page.
#[derive(Clone, Debug)]
pub struct DatabaseError(pub String);

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A field of a JS error or result, as text.
pub(super) fn field(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &name.into()).ok().and_then(|v| v.as_string())
}

/// What went wrong, in words for the page.
pub(super) fn explain(error: &JsValue) -> String {
    let all = [field(error, "name"), field(error, "reason"), field(error, "message")];
    let said = all.iter().flatten().cloned().collect::<Vec<_>>().join(" ");
    if said.contains("Quota") || said.contains("indexed_db_went_bad") {
        "the browser's storage for this page is full".into()
    } else if said.is_empty() {
        "the browser refused it".into()
    } else {
        format!("the browser refused it ({said})")
    }
}

pub(super) fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

async fn wait(promise: Promise) -> Result<JsValue, DatabaseError> {
    JsFuture::from(promise).await.map_err(|e| DatabaseError(explain(&e)))
}

/// One write's outcome.
pub enum Written {
    /// Stored, with this new revision.
    Done(String),
    /// The document changed meanwhile (another tab, a colleague): resolve and write again.
    Conflict,
    /// Refused, with the reason in words.
    Failed(String),
}

/// The open database.
#[derive(Clone)]
pub struct Database {
    /// Replaced by [`Database::reopen`].
    db: std::rc::Rc<std::cell::RefCell<PouchDb>>,
    /// How many times it was opened; a changes feed of an earlier opening is stale.
    openings: std::rc::Rc<std::cell::Cell<u32>>,
    /// Whether it lives in the storage bucket [`BUCKET`] (else in the origin's IndexedDB).
    in_bucket: bool,
    /// Who hears of changes (`follow`).
    follower: std::rc::Rc<std::cell::RefCell<Option<std::rc::Rc<Follower>>>>,
}

impl Database {
    /// Opens the database, in its storage bucket where there is one.
    pub async fn open() -> Result<Database, DatabaseError> {
        let in_bucket = use_bucket().await;
        let db = PouchDb::new(NAME, &options(&[("auto_compaction", true.into())]))
            .map_err(|e| DatabaseError(format!("the page's database could not start ({})", explain(&e))))?;
        let opened = wait(db.info());
        let patience = clock::sleep_ms(OPEN_PATIENCE_MS);
        futures_select(opened, patience).await.ok_or_else(|| {
            DatabaseError(
                "the browser's database did not open: another tab with an older version of this app may be holding it. Close the other tabs of Article Annotator and reload".into(),
            )
        })??;
        Ok(Database {
            db: std::rc::Rc::new(db.into()),
            openings: std::rc::Rc::new(1.into()),
            in_bucket,
            follower: Default::default(),
        })
    }

    /// The PouchDB database itself, for what replicates it (`desk.rs`).
    pub fn js(&self) -> JsValue {
        self.handle().into()
    }

    fn handle(&self) -> PouchDb {
        self.db.borrow().clone().unchecked_into()
    }

    /// Opens the database again, after a failed write. PouchDB closes its IndexedDB connection
    /// when a transaction aborts (a full storage does that), and the instance never works again.
    pub fn reopen(&self) {
        if let Ok(db) = PouchDb::new(NAME, &options(&[("auto_compaction", true.into())])) {
            *self.db.borrow_mut() = db;
            self.openings.set(self.openings.get() + 1);
        }
    }

    /// Calls `changed` once if the database is deleted under the app (`true`: its storage was
    /// cleared) or another tab opens it at a newer version (`false`).
    pub fn watch(&self, changed: impl FnOnce(bool) + 'static) {
        watch_database(NAME, &Closure::once_into_js(changed));
    }

    /// Whether the database holds no document: opened again after its storage was cleared or
    /// it was deleted, it starts empty.
    pub async fn holds_nothing(&self) -> bool {
        let Ok(info) = wait(self.handle().info()).await else { return false };
        Reflect::get(&info, &"doc_count".into()).ok().and_then(|n| n.as_f64()) == Some(0.0)
    }

    /// How many times it was opened (see [`Database::reopen`]).
    pub fn openings(&self) -> u32 {
        self.openings.get()
    }

    /// Every document, a page at a time, in no particular order: `each` gets each document's
    /// JSON. Straight from PouchDB's IndexedDB stores where their layout is the known one
    /// (`pouch_stores.js`: a third of the time with 10,000 annotations), else through
    /// PouchDB's allDocs.
    pub async fn read_all(&self, mut each: impl FnMut(&str)) -> Result<(), DatabaseError> {
        let stores = wait(open_stores(NAME)).await.unwrap_or(JsValue::NULL);
        if stores.is_null() {
            return self.read_range("", "\u{fff0}", false, &mut |json: String| each(&json)).await;
        }
        loop {
            let page = wait(next_page(&stores, PAGE)).await?;
            let Some(page) = page.as_string() else { return Ok(()) };
            let docs: Vec<&serde_json::value::RawValue> = serde_json::from_str(&page)
                .map_err(|e| DatabaseError(format!("the database gave a page that could not be read ({e})")))?;
            for doc in docs {
                each(doc.get());
            }
        }
    }

    /// The documents whose ids start with `prefix`.
    pub async fn read_prefix(&self, prefix: &str) -> Result<Vec<String>, DatabaseError> {
        let mut docs = Vec::new();
        self.read_range(prefix, &format!("{prefix}\u{fff0}"), false, &mut |d| docs.push(d)).await?;
        Ok(docs)
    }

    /// The documents whose ids start with `prefix` that have conflicting revisions (versions
    /// made apart that replication brought together), each with its `_conflicts`.
    pub async fn read_conflicted(&self, prefix: &str) -> Result<Vec<String>, DatabaseError> {
        let mut docs = Vec::new();
        self.read_range(prefix, &format!("{prefix}\u{fff0}"), true, &mut |d| {
            if !conflicting_revisions(&d).is_empty() {
                docs.push(d);
            }
        })
        .await?;
        Ok(docs)
    }

    async fn read_range(
        &self,
        from: &str,
        to: &str,
        conflicts: bool,
        each: &mut dyn FnMut(String),
    ) -> Result<(), DatabaseError> {
        let mut start = from.to_string();
        let mut skip = 0;
        loop {
            let query = options(&[
                ("include_docs", true.into()),
                ("limit", PAGE.into()),
                ("startkey", start.as_str().into()),
                ("endkey", to.into()),
                ("skip", skip.into()),
                ("conflicts", conflicts.into()),
            ]);
            let result = wait(self.handle().all_docs(&query)).await?;
            let rows: Array = Reflect::get(&result, &"rows".into()).map_err(|e| DatabaseError(explain(&e)))?.into();
            for row in rows.iter() {
                let doc = Reflect::get(&row, &"doc".into()).unwrap_or(JsValue::NULL);
                if let Ok(json) = js_sys::JSON::stringify(&doc) {
                    each(to_rust(&json));
                }
            }
            if rows.length() < PAGE {
                return Ok(());
            }
            let last = rows.get(rows.length() - 1);
            start = field(&last, "id").unwrap_or_default();
            skip = 1;
        }
    }

    /// Writes documents (JSON, each with the `_rev` it replaces) in one batch; the outcome of
    /// each, in order. A large batch is written in the database worker, so that it does not
    /// block the page; where that worker cannot run, here.
    pub async fn write(&self, docs: &[String]) -> Result<Vec<Written>, DatabaseError> {
        if docs.len() >= LARGE_BATCH {
            let bucket = self.in_bucket.then_some(BUCKET);
            let before = update_seq(&self.handle()).await;
            match JsFuture::from(write_in_worker(NAME, bucket, &json_array(docs))).await {
                Ok(answer) => {
                    let written = outcomes(&field(&answer, "results").unwrap_or_default())?;
                    let after = Reflect::get(&answer, &"seq".into()).ok().and_then(|seq| seq.as_f64());
                    let done = written.iter().filter(|w| matches!(w, Written::Done(_))).count() as f64;
                    let follower = self.follower.borrow().clone();
                    // Nobody else wrote meanwhile: what lies between is this write alone.
                    if let (Some(before), Some(after), Some(follower)) = (before, after, follower)
                        && after - before == done
                    {
                        follower.skip_written(&self.handle(), before, after).await;
                    }
                    // After the skip, so that this tab's own feed has nothing to read back.
                    tell_this_tab(NAME);
                    return Ok(written);
                }
                Err(error) if !worker_unavailable(&error) => return Err(DatabaseError(explain(&error))),
                Err(_) => {}
            }
        }
        let batch = Array::new();
        for json in docs {
            batch.push(&js_sys::JSON::parse(json).map_err(|e| DatabaseError(explain(&e)))?);
        }
        let results = wait(self.handle().bulk_docs(&batch)).await?;
        let results = js_sys::JSON::stringify(&results).map_err(|e| DatabaseError(explain(&e)))?;
        outcomes(&to_rust(&results))
    }

    /// Writes documents (JSON) over whatever revision the database holds of each now: they
    /// are the last this browser made of them (see `storage::keep_unsaved`). Whether all
    /// were written.
    pub async fn write_over(&self, docs: &[String]) -> bool {
        // The last of each document, each once.
        let mut latest: Vec<(String, serde_json::Value)> = Vec::new();
        for json in docs {
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(json) else { continue };
            let Some(id) = doc.get("_id").and_then(|id| id.as_str()).map(str::to_string) else { continue };
            latest.retain(|(seen, _)| *seen != id);
            latest.push((id, doc));
        }
        let mut batch = Vec::with_capacity(latest.len());
        for (id, mut doc) in latest {
            let current = self.get(&id).await.and_then(|json| {
                serde_json::from_str::<serde_json::Value>(&json).ok()?.get("_rev")?.as_str().map(str::to_string)
            });
            let Some(fields) = doc.as_object_mut() else { continue };
            match current {
                Some(rev) => fields.insert("_rev".into(), rev.into()),
                None => fields.remove("_rev"),
            };
            // A deletion of what is not there is done already.
            if fields.contains_key("_deleted") && !fields.contains_key("_rev") {
                continue;
            }
            batch.push(doc.to_string());
        }
        match self.write(&batch).await {
            Ok(results) => results.iter().all(|r| matches!(r, Written::Done(_))),
            Err(_) => false,
        }
    }

    /// The document as the database holds it now; `None` if it is deleted or was never there.
    pub async fn get(&self, id: &str) -> Option<String> {
        let doc = JsFuture::from(self.handle().get(id)).await.ok()?;
        js_sys::JSON::stringify(&doc).ok().map(|json| to_rust(&json))
    }

    /// One revision of a document (a conflicting one, say); `None` if it is not there.
    pub async fn get_revision(&self, id: &str, rev: &str) -> Option<String> {
        let doc = JsFuture::from(self.handle().get_with(id, &options(&[("rev", rev.into())]))).await.ok()?;
        js_sys::JSON::stringify(&doc).ok().map(|json| to_rust(&json))
    }

    /// Calls `on_change` with each document that changes from now on, in this tab or another
    /// (PouchDB tells other tabs through a `storage` event), deletions included, each with
    /// the revisions that conflict with it (`_conflicts`, after a desk's replication brought
    /// versions made apart, and `_deleted_conflicts`: the deleted ones, which PouchDB names only
    /// among the change's leaves); `on_error` if the feed stops.
    pub fn follow(&self, on_change: impl Fn(String) + 'static, on_error: impl Fn(String) + 'static) {
        let follower = Follower::new(on_change, on_error);
        if let Some(earlier) = self.follower.replace(Some(follower.clone())) {
            earlier.retire();
        }
        let db = self.handle();
        wasm_bindgen_futures::spawn_local(async move {
            // From the sequence number now, which it then keeps count of (else "now").
            let since = update_seq(&db).await.map_or_else(|| JsValue::from_str("now"), JsValue::from_f64);
            follower.start(&db, since);
        });
    }
}

/// The database's sequence number now, where it is a number (IndexedDB's is).
async fn update_seq(db: &PouchDb) -> Option<f64> {
    let info = JsFuture::from(db.info()).await.ok()?;
    Reflect::get(&info, &"update_seq".into()).ok()?.as_f64()
}

/// Points `indexedDB` at the library's storage bucket, if the browser has buckets and opens it;
/// whether it did.
async fn use_bucket() -> bool {
    let Some(navigator) = navigator() else { return false };
    let Ok(buckets) = Reflect::get(&navigator, &"storageBuckets".into()) else { return false };
    if buckets.is_undefined() {
        return false;
    }
    let Ok(open) = Reflect::get(&buckets, &"open".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else {
        return false;
    };
    let Ok(promise) = open.call2(&buckets, &BUCKET.into(), &options(&[("persisted", true.into())])) else {
        return false;
    };
    let Ok(bucket) = JsFuture::from(Promise::from(promise)).await else { return false };
    let Ok(factory) = Reflect::get(&bucket, &"indexedDB".into()) else { return false };
    let descriptor = options(&[("value", factory), ("configurable", true.into()), ("writable", true.into())]);
    Reflect::define_property(&js_sys::global(), &"indexedDB".into(), &descriptor.into()).is_ok()
}

/// The first of two futures to finish: `Some` with the first's output, `None` if the second
/// (a timeout) finished first.
async fn futures_select<T>(
    first: impl std::future::Future<Output = T>,
    second: impl std::future::Future<Output = ()>,
) -> Option<T> {
    use std::pin::pin;
    use std::task::Poll;
    let mut first = pin!(first);
    let mut second = pin!(second);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(out) = first.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        if second.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// How much this page stores and whether the browser promised to keep it.
#[derive(Clone, Debug)]
pub struct Usage {
    pub bytes: f64,
    pub persisted: bool,
}

/// Asks the browser to keep this page's storage; whether it agreed.
pub async fn ask_to_persist() -> bool {
    let Some(manager) = storage_manager() else { return false };
    call_bool(&manager, "persist").await
}

/// What the page stores now, and whether its storage is kept.
pub async fn usage() -> Option<Usage> {
    let manager = storage_manager()?;
    let estimate = JsFuture::from(call(&manager, "estimate")?).await.ok()?;
    let bytes = Reflect::get(&estimate, &"usage".into()).ok()?.as_f64()?;
    let persisted = call_bool(&manager, "persisted").await;
    Some(Usage { bytes, persisted })
}

fn navigator() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &"navigator".into()).ok()
}

fn storage_manager() -> Option<JsValue> {
    Reflect::get(&navigator()?, &"storage".into()).ok().filter(|s| !s.is_undefined())
}

fn call(target: &JsValue, method: &str) -> Option<Promise> {
    let function: js_sys::Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    function.call0(target).ok()?.dyn_into().ok()
}

async fn call_bool(target: &JsValue, method: &str) -> bool {
    let Some(promise) = call(target, method) else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}
