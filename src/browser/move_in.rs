//! Moving a library that an earlier version kept in localStorage into the database, losing
//! nothing: it is written, read back and compared, and only then is the old value kept aside as
//! a backup. Two tabs starting at once take turns (a Web Lock), so it moves in once.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::database::{Database, DatabaseError, Written};
use super::storage;
use crate::model::documents::{Loaded, Loader, Saved};
use crate::model::library::Library;

/// Documents written in one batch while moving in.
const BATCH: usize = 5_000;

/// What start-up found.
pub struct Opened {
    /// The library in the database, after moving in.
    pub loaded: Loaded,
    /// What moving in did, in words for the page, if there was anything to move.
    pub moved: Option<Result<String, String>>,
    /// A value in localStorage that could not be read: the reason and the value (kept aside).
    pub unreadable: Option<(String, String, Option<String>)>,
}

/// Reads the library, moving an old one in first if there is one.
pub async fn open_library(db: &Database, now: &str) -> Result<Opened, DatabaseError> {
    with_lock("article-annotator/move-in", async {
        let loaded = read_all(db).await?;
        match storage::load(now) {
            storage::Loaded::Library(old) => move_in(db, loaded, old).await,
            storage::Loaded::Unreadable { reason, raw, kept_as } => {
                if kept_as.is_some() {
                    storage::remove_old();
                }
                Ok(Opened { loaded, moved: None, unreadable: Some((reason, raw, kept_as)) })
            }
            storage::Loaded::Empty | storage::Loaded::Unavailable => {
                Ok(Opened { loaded, moved: None, unreadable: None })
            }
        }
    })
    .await
}

/// Every document, read into a library.
pub async fn read_all(db: &Database) -> Result<Loaded, DatabaseError> {
    let mut loader = Loader::default();
    db.read_all(|json| {
        loader.add(json);
    })
    .await?;
    Ok(loader.finish())
}

async fn move_in(db: &Database, loaded: Loaded, old: Library) -> Result<Opened, DatabaseError> {
    let mut saved: Saved = loaded.saved.clone();
    let mut library = old.clone();
    // Only puts: what the database has beyond the old library (written by this version in
    // another tab) stays.
    let writes: Vec<_> = saved.writes(&mut library).into_iter().filter(|w| w.json.is_some()).collect();
    let mut failure = None;
    for batch in writes.chunks(BATCH) {
        let docs: Vec<String> = batch.iter().map(|w| w.to_json("")).collect();
        match db.write(&docs).await {
            Ok(results) => {
                if let Some(why) = results.iter().find_map(|r| match r {
                    Written::Done(_) => None,
                    Written::Conflict => Some("a document changed while it was written".to_string()),
                    Written::Failed(why) => Some(why.clone()),
                }) {
                    failure = Some(why);
                    break;
                }
            }
            Err(error) => {
                failure = Some(error.0);
                break;
            }
        }
    }
    let back = read_all(db).await?;
    let complete = old.articles.iter().all(|a| back.library.get(&a.id) == Some(a))
        && back.library.ratings == old.ratings
        && back.library.off_scale == old.off_scale;
    let annotations: usize = old.articles.iter().map(|a| a.annotations.len()).sum();
    if failure.is_none() && complete {
        storage::keep_old_as_backup();
        let moved = format!(
            "Your library ({} articles, {} annotations) moved into this browser's database. A backup of it as it was is kept: Library, “Export the backup”.",
            old.articles.len(),
            annotations
        );
        return Ok(Opened { loaded: back, moved: Some(Ok(moved)), unreadable: None });
    }
    let why = failure.unwrap_or_else(|| "what was read back was not the same".into());
    let message = format!(
        "Your library could not be moved into this browser's database: {why}. It is open as it was, and left where it was; changes you make now are not saved. Export the library to keep a copy."
    );
    Ok(Opened { loaded: Loaded { library: old, ..loaded }, moved: Some(Err(message)), unreadable: None })
}

/// Runs `work` holding the Web Lock `name`, where the browser has Web Locks.
async fn with_lock<T>(name: &str, work: impl std::future::Future<Output = T>) -> T {
    let locks = Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|n| Reflect::get(&n, &"locks".into()))
        .ok()
        .filter(|l| !l.is_undefined());
    let request = locks.as_ref().and_then(|l| Reflect::get(l, &"request".into()).ok()?.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else { return work.await };
    let mut release: Option<Function> = None;
    let held_until = Promise::new(&mut |resolve, _| release = Some(resolve));
    let acquired = Promise::new(&mut |acquired: Function, _| {
        let held_until = held_until.clone();
        let granted = Closure::once_into_js(move |_lock: JsValue| -> Promise {
            let _ = acquired.call0(&JsValue::NULL);
            held_until
        });
        let _ = request.call2(&locks, &name.into(), &granted);
    });
    let _ = JsFuture::from(acquired).await;
    let out = work.await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::NULL);
    }
    out
}
