//! localStorage, through gloo-storage: preferences, and the library as earlier versions kept it
//! (read once, to move it into the database, then kept aside as a backup).
//!
//! Reading never fails the app: a value that cannot be read is copied aside under another key
//! before anything may be written over it, and the caller is told why.

use gloo_storage::{LocalStorage, Storage};
use js_sys::JsString;
use wasm_bindgen::prelude::*;

use super::js_text::JsText;
use crate::model::library::Library;
use crate::model::stored;

/// Where the library lives.
pub const LIBRARY_KEY: &str = "article-annotator/library";

/// What start-up found in storage.
pub enum Loaded {
    /// Nothing stored yet: a first visit.
    Empty,
    /// The stored library.
    Library(Library),
    /// A value that could not be read. `kept_as` is the key it was copied to; if copying
    /// failed it is `None`, and the original must not be overwritten.
    Unreadable { reason: String, raw: String, kept_as: Option<String> },
    /// localStorage cannot be used at all (disabled, or a private mode that refuses it).
    Unavailable,
}

fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

/// Reads the library at start-up.
pub fn load(now: &str) -> Loaded {
    if !available() {
        return Loaded::Unavailable;
    }
    let raw = match read_item(LIBRARY_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::Empty,
        Err(()) => return Loaded::Unavailable,
    };
    match stored::decode(&raw) {
        Ok(library) => Loaded::Library(library),
        Err(error) => {
            let aside = format!("{LIBRARY_KEY}.unreadable-{now}");
            let kept_as = LocalStorage::raw().set_item(&aside, &raw).ok().map(|()| aside);
            Loaded::Unreadable { reason: error.to_string(), raw, kept_as }
        }
    }
}

/// A stored value, copied into wasm memory at its exact UTF-8 size. A plain `get_item` passes
/// the string through wasm-bindgen, which reserves three bytes for each UTF-16 unit after the
/// first non-ASCII one: 7 MB for a 2.3 MB library, and wasm memory never shrinks.
fn read_item(key: &str) -> Result<Option<String>, ()> {
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    let Some(value) = storage.get_item(key).map_err(drop)? else { return Ok(None) };
    Ok(Some(to_rust(&value)))
}

/// A JS string as a Rust one, at its exact size (see [`read_item`]). Lone surrogates, which a
/// JS string may hold, come out of the encoder as U+FFFD.
pub(crate) fn to_rust(value: &JsString) -> String {
    String::from_utf8(Utf8Encoder::new().encode(value).to_vec()).expect("TextEncoder writes UTF-8")
}

/// The stored value as it is, left in JS: for the crash message's download, made when wasm
/// memory may already be exhausted.
pub fn stored_value() -> Option<JsText> {
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    Some(storage.get_item(LIBRARY_KEY).ok()??.into())
}

/// Where the library is kept aside once it has moved into the database.
pub const BACKUP_KEY: &str = "article-annotator/library.before-database";

/// Which article is open in this browser (a preference; the library is in the database).
const OPEN_KEY: &str = "article-annotator/open";

/// Keeps the old value aside as a backup, once the database holds all of it.
pub fn keep_old_as_backup() {
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    let Ok(Some(value)) = storage.get_item(LIBRARY_KEY) else { return };
    // Removed only once the backup is written: the value is never in neither place.
    if storage.set_item(BACKUP_KEY, &value).is_ok() {
        LocalStorage::delete(LIBRARY_KEY);
    }
}

/// Removes the old value, once it is kept aside under another key.
pub fn remove_old() {
    LocalStorage::delete(LIBRARY_KEY);
}

/// The library as it was before it moved into the database, if its backup is kept.
pub fn backup() -> Option<Library> {
    let raw = read_item(BACKUP_KEY).ok()??;
    stored::decode(&raw).ok()
}

/// Whether a backup of the library from before the database is kept.
pub fn backup_exists() -> bool {
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    matches!(storage.get_item(BACKUP_KEY), Ok(Some(_)))
}

/// The article this browser had open.
pub fn open_article() -> Option<String> {
    LocalStorage::get(OPEN_KEY).ok()
}

/// Remembers the open article; a preference that fails to save costs nothing.
pub fn remember_open(id: Option<&str>) {
    match id {
        Some(id) => {
            let _ = LocalStorage::set(OPEN_KEY, id);
        }
        None => LocalStorage::delete(OPEN_KEY),
    }
}

/// The copy of what the page shows first, for `public/first-paint.js` (`model::first_paint`).
const FIRST_PAINT_KEY: &str = "article-annotator/first-paint";

/// Keeps the first paint's copy (JSON), or forgets it (`None`, no article open). A copy that
/// cannot be kept (a full quota) is forgotten: the next start paints with the app instead of
/// painting an old copy.
pub fn keep_first_paint(json: Option<&str>) {
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    let kept = json.is_some_and(|json| storage.set_item(FIRST_PAINT_KEY, &JsString::from(json)).is_ok());
    if !kept {
        LocalStorage::delete(FIRST_PAINT_KEY);
    }
}

/// Documents whose write may not have finished when the page was left: localStorage is
/// written at once, and a write into the database takes several tasks that a closing page
/// never runs. The next start writes them (see `Database::write_over`).
const UNSAVED_KEY: &str = "article-annotator/unsaved";

/// Keeps documents (JSON) whose write may not finish; whether they were kept.
pub fn keep_unsaved(docs: &[String]) -> bool {
    LocalStorage::set(UNSAVED_KEY, docs).is_ok()
}

/// The documents a page left without knowing them written (see [`keep_unsaved`]).
pub fn unsaved() -> Vec<String> {
    LocalStorage::get(UNSAVED_KEY).unwrap_or_default()
}

/// Forgets the documents kept by [`keep_unsaved`], once they are written.
pub fn forget_unsaved() {
    LocalStorage::delete(UNSAVED_KEY);
}

#[wasm_bindgen]
extern "C" {
    /// `localStorage`, through methods whose values stay in JS.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &RawStorage, key: &str) -> Result<Option<JsString>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &RawStorage, key: &str, value: &JsString) -> Result<(), JsValue>;

    /// The page's `TextEncoder`, for a string that stays in JS.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, input: &JsString) -> js_sys::Uint8Array;
}
