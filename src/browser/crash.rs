//! What the page does when the app panics. The wasm is stopped for good (the release build
//! aborts on panic), so the message is built with plain DOM calls, its links work without the
//! wasm, and nothing is saved afterwards: what was stored before the panic stays as it was.

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;

use super::js_text::JsText;

/// The event that makes the app panic, for the end-to-end test of this path. Only a script of
/// the page can send it, and the Content-Security-Policy lets no script but the app's own run.
pub const TEST_PANIC_EVENT: &str = "article-annotator:test-panic";

static CRASHED: AtomicBool = AtomicBool::new(false);

/// Whether the app has panicked: then nothing may be saved, as the state in memory may be half
/// changed.
pub fn has_crashed() -> bool {
    CRASHED.load(Ordering::Relaxed)
}

/// Installs the panic hook. The export link downloads a file named `file_name`.
/// `export_in_memory` gives the library in memory in our export format. It is asked for only
/// once the message is on the page with a download of the stored library in place: reading
/// the state of a half-finished change may panic again, which ends the hook and leaves that.
pub fn install(file_name: &'static str, export_in_memory: impl Fn() -> JsText + Send + Sync + 'static) {
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        if CRASHED.swap(true, Ordering::Relaxed) {
            return;
        }
        let Some((export, reload)) = show_message(file_name) else { return };
        if let Some(stored) = super::storage::stored_value() {
            offer(&export, stored);
        }
        let _ = if export.hidden() { reload.focus() } else { export.focus() };
        offer(&export, export_in_memory());
        let _ = export.focus();
    }));
}

/// Points the export link at a file with `contents` and shows it. The URL is never revoked:
/// the page is stopped, and the link must work until it is left.
fn offer(link: &web_sys::HtmlAnchorElement, contents: JsText) {
    if let Ok(url) = super::files::object_url(contents, "application/json") {
        link.set_href(&url);
        link.set_hidden(false);
    }
}

/// Makes the app inert and adds the alert dialog; returns its export link (hidden until it
/// has a file) and its reload link.
fn show_message(file_name: &str) -> Option<(web_sys::HtmlAnchorElement, web_sys::HtmlAnchorElement)> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;
    if let Some(app) = document.query_selector(".app").ok().flatten() {
        let _ = app.set_attribute("inert", "");
    }
    let element = |tag: &str, parent: &web_sys::Element, text: &str| {
        let child = document.create_element(tag).ok()?;
        child.set_text_content(Some(text));
        parent.append_child(&child).ok()?;
        Some(child)
    };
    let dialog = document.create_element("div").ok()?;
    for (name, value) in [
        ("class", "crash"),
        ("role", "alertdialog"),
        ("aria-modal", "true"),
        ("aria-labelledby", "crash-title"),
        ("aria-describedby", "crash-message"),
    ] {
        dialog.set_attribute(name, value).ok()?;
    }
    element("h2", &dialog, "Article Annotator stopped")?.set_id("crash-title");
    element(
        "p",
        &dialog,
        "Something went wrong inside the app, and it stopped so as not to damage your work. \
         What was saved before is intact in this browser. Export the library to keep a copy of \
         everything on screen, then reload the page.",
    )?
    .set_id("crash-message");
    let actions = element("div", &dialog, "")?;
    actions.set_class_name("form-actions");
    let export: web_sys::HtmlAnchorElement = element("a", &actions, "Export library")?.dyn_into().ok()?;
    export.set_download(file_name);
    export.set_class_name("button primary");
    export.set_hidden(true);
    let reload: web_sys::HtmlAnchorElement = element("a", &actions, "Reload")?.dyn_into().ok()?;
    reload.set_href(&web_sys::window()?.location().href().ok()?);
    reload.set_class_name("button");
    body.append_child(&dialog).ok()?;
    Some((export, reload))
}
