//! The library in localStorage, through gloo-storage.
//!
//! Reading never fails the app: a value that cannot be read is copied aside under another key
//! before anything may be written over it, and the caller is told why.

use gloo_storage::{LocalStorage, Storage};

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

/// Why a save failed, in words for the page.
#[derive(Debug)]
pub struct SaveError(pub String);

fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

/// Reads the library at start-up.
pub fn load(now: &str) -> Loaded {
    if !available() {
        return Loaded::Unavailable;
    }
    let raw = match LocalStorage::raw().get_item(LIBRARY_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::Empty,
        Err(_) => return Loaded::Unavailable,
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

/// Writes an encoded library (see [`stored::encode`]); the stored value is replaced only if
/// the whole write succeeds.
pub fn save(encoded: &str) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError("this browser does not allow this page to use its storage".into()));
    }
    LocalStorage::raw().set_item(LIBRARY_KEY, encoded).map_err(|error| {
        let field = |name: &str| js_sys::Reflect::get(&error, &name.into()).ok().and_then(|v| v.as_string());
        SaveError(match field("name").as_deref() {
            Some("QuotaExceededError") => "the browser's storage for this page is full".into(),
            _ => field("message").unwrap_or_else(|| "the browser refused to store it".into()),
        })
    })
}
