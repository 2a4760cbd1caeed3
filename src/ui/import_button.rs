//! "Import": an Article Annotator export or a W3C Web Annotation file, from a file picker.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::AppState;

/// The button and its hidden file input.
#[component]
pub fn ImportButton() -> impl IntoView {
    let state = AppState::get();
    let input = NodeRef::<html::Input>::new();
    let chosen = move |_| {
        let Some(element) = input.get() else { return };
        let file = element.files().and_then(|files| files.get(0));
        element.set_value("");
        if let Some(file) = file {
            spawn_local(async move {
                if let Err(e) = state.open_file(file).await {
                    state.fail(e);
                }
            });
        }
    };
    view! {
        <button
            type="button"
            on:click=move |_| {
                if let Some(element) = input.get() {
                    element.click();
                }
            }
        >
            "Import"
        </button>
        <input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=".json,.jsonld,application/json,application/ld+json"
            node_ref=input
            on:change=chosen
        />
    }
}
