//! Pages sent to the app by the browser extension (`extension/`) or the bookmarklet: the
//! hand-over itself is `handoff.js`, which accepts a page from the extension only from its own
//! frame, with the token the app was opened with, and from the bookmarklet only from the page
//! that opened the app, with that page's origin for the user to judge.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/handoff.js")]
extern "C" {
    #[wasm_bindgen(js_name = receiveFromExtension)]
    fn receive_from_extension(on_page: &Closure<dyn FnMut(String, String, String, String)>) -> bool;

    #[wasm_bindgen(js_name = receiveFromBookmarklet)]
    fn receive_from_bookmarklet(on_page: &Closure<dyn FnMut(String, String, String, String, String)>) -> bool;

    /// The bookmarklet (a `javascript:` address) that sends pages to the app at `address`.
    pub fn bookmarklet(address: &str) -> String;
}

/// A page as the extension read it: its HTML, address, title and the text selected in it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentPage {
    pub html: String,
    pub url: String,
    pub title: String,
    pub selection: String,
    /// The origin of the page that sent it, for a bookmarklet; `None` from the extension.
    pub sender: Option<String>,
}

/// Waits for a page if the app was opened by the extension or the bookmarklet; `on_page` gets
/// it. Returns whether one is expected.
pub fn receive(on_page: impl FnMut(SentPage) + 'static) -> bool {
    let on_page = std::rc::Rc::new(std::cell::RefCell::new(on_page));
    let from_extension = {
        let on_page = on_page.clone();
        Closure::once(move |html, url, title, selection| {
            (on_page.borrow_mut())(SentPage { html, url, title, selection, sender: None })
        })
    };
    if receive_from_extension(&from_extension) {
        // The page arrives once, at most; the closure lives until then.
        from_extension.forget();
        return true;
    }
    let from_bookmarklet = Closure::once(move |html, url, title, selection, origin| {
        (on_page.borrow_mut())(SentPage { html, url, title, selection, sender: Some(origin) })
    });
    let expected = receive_from_bookmarklet(&from_bookmarklet);
    if expected {
        from_bookmarklet.forget();
    }
    expected
}
