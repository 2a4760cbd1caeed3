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
    let close = move || {
        state.dialog.set(None);
        error.set(None);
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
        match source::read(&pasted, SourceFormat::Plain) {
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
                ></textarea>
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
                    "From a web page only its visible text is kept; nothing in it is run."
                </p>
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
