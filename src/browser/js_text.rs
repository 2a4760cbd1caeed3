//! Text written from Rust into JS a piece at a time, so that a long value (a stored library,
//! an export) is never whole in wasm memory, which never shrinks.

use js_sys::{Array, JsString};

/// Text kept in JS as pieces of at most about 64 KB of whole characters.
pub struct JsText {
    parts: Array,
    /// Bytes not yet moved: at most one piece, and the start of a character cut by a write.
    pending: Vec<u8>,
}

impl JsText {
    const PIECE: usize = 64 * 1024;

    /// Empty text, to be written into.
    pub fn new() -> Self {
        JsText { parts: Array::new(), pending: Vec::with_capacity(2 * Self::PIECE) }
    }

    /// Text that is already one Rust string.
    pub fn of(text: &str) -> Self {
        let parts = Array::of1(&text.into());
        JsText { parts, pending: Vec::new() }
    }

    /// Moves the whole characters pending into a new piece.
    fn flush_whole(&mut self) {
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(all) => all.len(),
            Err(error) => error.valid_up_to(),
        };
        if whole > 0 {
            let piece = std::str::from_utf8(&self.pending[..whole]).expect("checked above");
            self.parts.push(&JsString::from(piece));
            self.pending.drain(..whole);
        }
    }

    /// The pieces, for a `Blob`.
    pub fn into_parts(mut self) -> Array {
        self.flush_whole();
        self.parts
    }

    /// The text as one JS string.
    pub fn into_string(self) -> JsString {
        self.into_parts().join("")
    }
}

impl From<JsString> for JsText {
    /// Text that is already one JS string.
    fn from(text: JsString) -> Self {
        JsText { parts: Array::of1(&text), pending: Vec::new() }
    }
}

impl Default for JsText {
    fn default() -> Self {
        Self::new()
    }
}

impl std::io::Write for JsText {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // A long text comes in one write: it is moved a piece at a time too.
        for part in bytes.chunks(Self::PIECE) {
            self.pending.extend_from_slice(part);
            if self.pending.len() >= Self::PIECE {
                self.flush_whole();
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
