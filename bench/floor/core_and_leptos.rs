//! The size floor's "core and a minimal Leptos page": the pure core behind one text field, one
//! button and one reactive text, reading localStorage through gloo-storage as the app does.

#[path = "exercise.rs"]
mod exercise;

use gloo_storage::Storage;
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let input = RwSignal::new(String::new());
        let output = RwSignal::new(String::new());
        let stored: String = gloo_storage::LocalStorage::get("library").unwrap_or_default();
        view! {
            <main>
                <textarea aria-label="Input" on:input=move |ev| input.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=move |_| output.set(exercise::exercise(&stored, &input.get()))>
                    "Run"
                </button>
                <p>{move || output.get()}</p>
            </main>
        }
    });
}
