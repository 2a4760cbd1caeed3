//! The app's heavy, occasional work done off the main thread, by its worker: a second wasm
//! module in a Web Worker, fetched on first use (`worker.js`; the worker is `src/bin/worker.rs`,
//! the messages `model::work`). The HTML parser, the extractor and the attribution assistant
//! are in that module only, not in the app's first download.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use crate::model::attribution::Suggestion;
use crate::model::extract::Extraction;
use crate::model::work::{self, Done, Task};

#[wasm_bindgen(module = "/src/browser/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = askWorker, catch)]
    async fn ask_worker_js(request: String) -> Result<JsValue, JsValue>;
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// The article of a web page. The message says why not if it could not be read: the worker
/// could not be loaded, or the app was updated meanwhile.
pub async fn read_page(html: String) -> Result<Extraction, String> {
    match ask(Task::ReadPage { html }).await {
        Ok(Done::Page(page)) => Ok(*page),
        Ok(_) => Err(failed("The web page could not be read", "answered another question")),
        Err(why) => Err(failed("The web page could not be read", &why)),
    }
}

/// The attribution assistant's suggestions for an article's text, or why there are none.
pub async fn suggest(text: String) -> Result<Vec<Suggestion>, String> {
    match ask(Task::Suggest { text }).await {
        Ok(Done::Suggestions(found)) => Ok(found),
        Ok(_) => Err(failed("Sources could not be suggested", "answered another question")),
        Err(why) => Err(failed("Sources could not be suggested", &why)),
    }
}

fn failed(what: &str, why: &str) -> String {
    format!("{what}: the part of the app that does it {why}. Check the connection and try again.")
}

async fn ask(task: Task) -> Result<Done, String> {
    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    let answer = ask_worker_js(work::request(id, task)).await.map_err(|error| {
        error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "failed".into())
    })?;
    let answer = work::read_answer(&answer.as_string().unwrap_or_default())?;
    if answer.id != id {
        return Err("answered another request".into());
    }
    answer.done
}
