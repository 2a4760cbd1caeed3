//! "New article": paste a text, or open a file.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::modal::Modal;
use super::state::{AppState, Dialog};
use crate::model::source::{self, ACCEPTED_FILES, SourceFormat};
use crate::model::text;

/// The dialog that adds an article to the library.
#[component]
pub fn NewArticleDialog() -> impl IntoView {
    let state = AppState::get();
    let text_area = NodeRef::<html::Textarea>::new();
    let title_input = NodeRef::<html::Input>::new();
    let url_input = NodeRef::<html::Input>::new();
    let date_input = NodeRef::<html::Input>::new();
    let file_input = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<String>);
    // A web page pasted from the clipboard, read as its article: kept while the text area
    // still shows that article, so that its details and removed parts go with it.
    let pasted_page = StoredValue::new(None::<source::Draft>);
    let paste_status = RwSignal::new(String::new());
    let close = move || {
        state.dialog.set(None);
        error.set(None);
        pasted_page.set_value(None);
        paste_status.set(String::new());
        if let Some(area) = text_area.get_untracked() {
            area.set_value("");
        }
        for input in [title_input, url_input, date_input] {
            if let Some(input) = input.get_untracked() {
                input.set_value("");
            }
        }
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pasted = text_area.get().map(|a| a.value()).unwrap_or_default();
        let title = title_input.get().map(|i| text::plain_line(&i.value())).unwrap_or_default();
        let from_page = pasted_page.with_value(|page| page.as_ref().filter(|p| p.text == pasted).is_some());
        let read = if from_page {
            pasted_page.with_value(|page| page.clone()).ok_or(source::SourceError::Empty)
        } else {
            source::read_text(&pasted, SourceFormat::Plain)
        };
        match read {
            Ok(mut draft) => {
                if !title.is_empty() {
                    draft.title = title;
                }
                let value = |input: NodeRef<html::Input>| input.get().map(|i| i.value()).unwrap_or_default();
                match state.add_draft_with_details(draft, &value(url_input), &value(date_input)) {
                    Ok(()) => close(),
                    Err(e) => error.set(Some(e)),
                }
            }
            Err(e @ source::SourceError::Empty) => error.set(Some(format!("{e} Paste the article's text first."))),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let paste = move |ev: leptos::ev::ClipboardEvent| {
        // A page pasted into an empty text area becomes its article; pasted into text already
        // there, it goes in as the browser pastes it (plain text), so nothing typed is replaced.
        if text_area.get_untracked().is_some_and(|area| !area.value().trim().is_empty()) {
            return;
        }
        let data = ev.clipboard_data();
        let html = data.as_ref().and_then(|data| data.get_data("text/html").ok()).unwrap_or_default();
        if html.trim().is_empty() {
            return;
        }
        let plain = data.and_then(|data| data.get_data("text/plain").ok()).unwrap_or_default();
        // The app's worker answers later: the browser's own paste is held back now, and the
        // plain text goes in after all if the page cannot be read.
        ev.prevent_default();
        paste_status.set("Reading the pasted web page…".to_string());
        spawn_local(async move {
            let read = crate::browser::worker::read_page(html).await;
            let Some(area) = text_area.get_untracked() else { return };
            // Closed meanwhile (the page must not turn up on the next "New article"), or typed
            // or pasted over: what is there now stays.
            if state.dialog.get_untracked() != Some(Dialog::NewArticle) || !area.value().trim().is_empty() {
                paste_status.set(String::new());
                return;
            }
            let draft = match read.map(source::from_page) {
                Ok(Ok(draft)) => draft,
                Ok(Err(_)) => {
                    area.set_value(&plain);
                    paste_status.set("The pasted web page has no article text: its plain text was pasted.".to_string());
                    return;
                }
                Err(why) => {
                    area.set_value(&plain);
                    paste_status.set(format!("{why} Its plain text was pasted instead."));
                    return;
                }
            };
            paste_status.set(pasted_summary(&draft));
            let set = |input: NodeRef<html::Input>, value: &str| {
                if let Some(input) = input.get_untracked().filter(|i| i.value().is_empty()) {
                    input.set_value(value);
                }
            };
            area.set_value(&draft.text);
            set(title_input, &draft.title);
            set(url_input, draft.meta.url.as_deref().unwrap_or_default());
            set(date_input, draft.meta.published.as_deref().unwrap_or_default());
            pasted_page.set_value(Some(draft));
        });
    };
    let file_chosen = move |_| {
        let Some(input) = file_input.get() else { return };
        let file = input.files().and_then(|files| files.get(0));
        input.set_value("");
        if let Some(file) = file {
            spawn_local(async move {
                match state.open_file(file).await {
                    Ok(()) => close(),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    // The app's own address, without what follows `#`.
    let bookmarklet_code = {
        let location = web_sys::window().map(|w| w.location());
        let here = location.map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()));
        crate::browser::handoff::bookmarklet(&here.unwrap_or_default())
    };
    view! {
        <Modal
            kind=Dialog::NewArticle
            on_close=Callback::new(move |()| close())
            heading="New article"
            heading_id="new-article-heading"
        >
            <form class="new-article" on:submit=create novalidate>
                <label for="new-article-text">"Article text"</label>
                <textarea
                    id="new-article-text"
                    node_ref=text_area
                    rows="12"
                    placeholder="Paste the article here"
                    spellcheck="false"
                    on:paste=paste
                ></textarea>
                <p class="hint" role="status">
                    {move || paste_status.get()}
                </p>
                <label for="new-article-title">"Title (optional)"</label>
                <input
                    id="new-article-title"
                    type="text"
                    node_ref=title_input
                    placeholder="Taken from the first line if left empty"
                />
                <div class="new-article-details">
                    <label>
                        "Source URL (optional)"
                        <input type="url" node_ref=url_input placeholder="https://…" />
                    </label>
                    <label>
                        "Publication date (optional)"
                        <input type="date" node_ref=date_input />
                    </label>
                </div>
                <p class="form-error" role="alert">
                    {move || error.get()}
                </p>
                <div class="form-actions">
                    <button type="submit" class="primary">
                        "Create article"
                    </button>
                    <button type="button" on:click=move |_| {
                        if let Some(input) = file_input.get() {
                            input.click();
                        }
                    }>"Open file…"</button>
                    <button type="button" on:click=move |_| {
                        state.add_sample();
                        close();
                    }>"Open the sample article"</button>
                    <button type="button" on:click=move |_| close()>
                        "Cancel"
                    </button>
                </div>
                <p class="hint">
                    "Text (.txt), Markdown (.md) and web pages (.html) can be opened, or dropped anywhere on the page. "
                    "From a web page, opened or pasted, only its article is kept; the rest can be put back, and nothing in it is run."
                </p>
                <p class="hint">
                    "To send the page you are reading: the browser extension (see README) or, where extensions are not allowed, "
                    "a bookmark whose address is the bookmarklet below; click it on a news page. "
                    "It does not work on pages whose Content-Security-Policy blocks it, or where pop-ups are blocked."
                </p>
                <label for="bookmarklet">"Bookmarklet"</label>
                // A text to copy, not a link: the page holds no javascript: address.
                <textarea id="bookmarklet" class="bookmarklet" rows="2" readonly spellcheck="false" prop:value=bookmarklet_code></textarea>
                <input
                    type="file"
                    class="visually-hidden"
                    tabindex="-1"
                    aria-hidden="true"
                    accept=ACCEPTED_FILES
                    node_ref=file_input
                    on:change=file_chosen
                />
            </form>
        </Modal>
    }
}

/// What the status line says of a pasted web page read as its article.
fn pasted_summary(draft: &source::Draft) -> String {
    let left_out = draft.removed.len();
    let mut status = if left_out == 0 {
        "Read the article from the pasted web page.".to_string()
    } else {
        format!(
            "Read the article from the pasted web page; {left_out} part{} of the page (menus, related stories and the like) {} left out and can be put back from the article.",
            if left_out == 1 { "" } else { "s" },
            if left_out == 1 { "was" } else { "were" },
        )
    };
    if draft.cut {
        status.push_str(&format!(
            " Only its first part could be read: it nests elements more than {} deep, deeper than a browser shows.",
            crate::model::extract::parse::MAX_DEPTH
        ));
    }
    status
}
