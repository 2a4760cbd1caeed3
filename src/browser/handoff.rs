//! Pages sent by the browser extension (`extension/`): the hand-over itself is `handoff.js`,
//! which accepts a page only from the extension's own frame, with the token it was opened with.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/handoff.js")]
extern "C" {
    #[wasm_bindgen(js_name = receiveFromExtension)]
    fn receive_from_extension(on_page: &Closure<dyn FnMut(String, String, String, String)>) -> bool;
}

/// A page as the extension read it: its HTML, address, title and the text selected in it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentPage {
    pub html: String,
    pub url: String,
    pub title: String,
    pub selection: String,
}

/// Waits for a page if the app was opened by the extension; `on_page` gets it. Returns whether
/// one is expected.
pub fn receive(on_page: impl FnMut(SentPage) + 'static) -> bool {
    let mut on_page = on_page;
    let closure = Closure::once(move |html, url, title, selection| on_page(SentPage { html, url, title, selection }));
    let expected = receive_from_extension(&closure);
    if expected {
        // The page arrives once, at most; the closure lives until then.
        closure.forget();
    }
    expected
}
