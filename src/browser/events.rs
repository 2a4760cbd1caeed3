//! Listening to events of the document (such as `selectionchange`, which never reaches the
//! window), with the listener removed when the handle is dropped.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A listener on the document; dropping it stops the listening.
pub struct DocumentListener {
    event: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

/// Calls `callback` on every `event` of the document until the handle is dropped.
pub fn listen_document(event: &'static str, callback: impl FnMut(web_sys::Event) + 'static) -> DocumentListener {
    let callback = Closure::<dyn FnMut(web_sys::Event)>::new(callback);
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
    }
    DocumentListener { event, callback }
}

impl Drop for DocumentListener {
    fn drop(&mut self) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ = document.remove_event_listener_with_callback(self.event, self.callback.as_ref().unchecked_ref());
        }
    }
}
