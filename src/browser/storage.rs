//! The library in localStorage, through gloo-storage.
//!
//! Reading never fails the app: a value that cannot be read is copied aside under another key
//! before anything may be written over it, and the caller is told why.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;

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
fn to_rust(value: &JsString) -> String {
    String::from_utf8(Utf8Encoder::new().encode(value).to_vec()).expect("TextEncoder writes UTF-8")
}

/// The stored value as it is, left in JS: for the crash message's download, made when wasm
/// memory may already be exhausted.
pub fn stored_value() -> Option<JsText> {
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    Some(storage.get_item(LIBRARY_KEY).ok()??.into())
}

/// The library that another tab just stored, from its `storage` event; `None` for other keys
/// and for a removal.
pub fn stored_by_other_tab(event: &web_sys::StorageEvent) -> Option<String> {
    if event.key().as_deref() != Some(LIBRARY_KEY) {
        return None;
    }
    let value = js_sys::Reflect::get(event, &"newValue".into()).ok()?.dyn_into::<JsString>().ok()?;
    Some(to_rust(&value))
}

/// A library encoded for storage. The value is held in JS, built a piece at a time: as one Rust
/// string it would need the library's size again in wasm memory, which never shrinks.
pub struct Encoded {
    value: JsString,
    /// Tells whether two encodings are the same, without keeping either.
    pub digest: u64,
}

/// Encodes the library (see [`stored::encode`]).
pub fn encode(library: &Library) -> Encoded {
    let mut value = JsText::new();
    let mut encoding = Hashing { hasher: DefaultHasher::new(), out: &mut value };
    stored::encode_to(library, &mut encoding).expect("writing to JS cannot fail");
    Encoded { digest: encoding.hasher.finish(), value: value.into_string() }
}

/// The digest [`encode`] gives, without building the value: for a library taken from another
/// tab, which is never written back.
pub fn digest(library: &Library) -> u64 {
    let mut hashing = Hashing { hasher: DefaultHasher::new(), out: &mut std::io::sink() };
    stored::encode_to(library, &mut hashing).expect("hashing cannot fail");
    hashing.hasher.finish()
}

/// Hashes what it passes on to `out`. One type for both uses, not a generic: the encoder is
/// compiled once per writer type, 4 KB of wasm each.
struct Hashing<'a> {
    hasher: DefaultHasher,
    out: &'a mut dyn std::io::Write,
}

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.hasher.write(bytes);
        self.out.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes an encoded library; the stored value is replaced only if the whole write succeeds.
pub fn save(encoded: &Encoded) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError("this browser does not allow this page to use its storage".into()));
    }
    let storage: RawStorage = LocalStorage::raw().unchecked_into();
    storage.set_item(LIBRARY_KEY, &encoded.value).map_err(|error| {
        let field = |name: &str| js_sys::Reflect::get(&error, &name.into()).ok().and_then(|v| v.as_string());
        SaveError(match field("name").as_deref() {
            Some("QuotaExceededError") => "the browser's storage for this page is full".into(),
            _ => field("message").unwrap_or_else(|| "the browser refused to store it".into()),
        })
    })
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
