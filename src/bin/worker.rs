//! The app's worker: its second wasm module, run in a Web Worker and fetched on the first web
//! page the user opens or pastes or the first "Suggest sources". It reads pages (html5ever,
//! dom_smoothie and `model::extract`) and runs the attribution assistant, so that their code is
//! not in the app's first download and their work never blocks the page. Messages:
//! `model::work`; the app's side: `browser/worker.js`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let request = event.data().as_string().unwrap_or_default();
        let answer = article_annotator::model::work::answer(&request);
        // Posting a string to the page that made this worker does not fail.
        let _ = reply.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages posted before the handler was set would be lost: the app waits for this.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The worker runs in the browser, in a Web Worker; on a terminal, use `annotate extract` or `annotate suggest`."
    );
    std::process::exit(2);
}
