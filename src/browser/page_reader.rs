//! Web pages read off the main thread, by the page reader: a second wasm module in a Web
//! Worker, fetched on first use (`page_reader.js`; the worker is `src/bin/page_reader.rs`). The
//! HTML parser and the extractor are in that module only, not in the app's first download.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use crate::model::extract::Extraction;
use crate::model::page_reading;

#[wasm_bindgen(module = "/src/browser/page_reader.js")]
extern "C" {
    #[wasm_bindgen(js_name = readPage, catch)]
    async fn read_page_js(request: String) -> Result<JsValue, JsValue>;
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// The article of a web page, read by the page reader; the message says why not if it could
/// not be (the reader could not be loaded, or the app was updated meanwhile).
pub async fn read_page(html: String) -> Result<Extraction, String> {
    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    let answer = read_page_js(page_reading::request(id, html)).await.map_err(|error| {
        let why = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        format!("The web page could not be read: the page reader {why}. Check the connection and try again.")
    })?;
    let answer = page_reading::read_answer(&answer.as_string().unwrap_or_default())?;
    if answer.id != id {
        return Err("The web page could not be read: the page reader answered another request. Try again.".into());
    }
    answer.page
}
