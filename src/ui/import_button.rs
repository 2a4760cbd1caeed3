//! "Import": an Article Annotator export, a W3C Web Annotation file, or another tool's
//! (Hypothesis, doccano, Label Studio; brat's `.ann` and `.txt` chosen together), from a file
//! picker.

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
        let files: Vec<web_sys::File> =
            element.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        element.set_value("");
        // A brat pair: the .ann and the .txt of the same name, chosen together.
        let ends = |file: &web_sys::File, end: &str| file.name().to_ascii_lowercase().ends_with(end);
        let pair = match files.as_slice() {
            [a, b] if ends(a, ".ann") && ends(b, ".txt") => Some((a.clone(), b.clone())),
            [a, b] if ends(b, ".ann") && ends(a, ".txt") => Some((b.clone(), a.clone())),
            _ => None,
        };
        spawn_local(async move {
            let opened = match (pair, files.into_iter().next()) {
                (Some((ann, txt)), _) => state.open_brat_pair(ann, txt).await,
                (None, Some(file)) => state.open_file(file).await,
                (None, None) => Ok(()),
            };
            if let Err(e) = opened {
                state.fail(e);
            }
        });
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
            multiple
            accept=".json,.jsonld,.jsonl,.ann,.txt,application/json,application/ld+json"
            node_ref=input
            on:change=chosen
        />
    }
}
