//! The minimal Leptos page of the size floor: one text field, one button and one reactive text,
//! with a read of localStorage through gloo-storage as the app does. The button shows what
//! `action` makes of the stored value and the text typed.

use gloo_storage::Storage;
use leptos::prelude::*;

pub fn mount(action: fn(&str, &str) -> String) {
    leptos::mount::mount_to_body(move || {
        let input = RwSignal::new(String::new());
        let output = RwSignal::new(String::new());
        let stored: String = gloo_storage::LocalStorage::get("library").unwrap_or_default();
        view! {
            <main>
                <textarea aria-label="Input" on:input=move |ev| input.set(event_target_value(&ev))></textarea>
                <button type="button" on:click=move |_| output.set(action(&stored, &input.get()))>
                    "Run"
                </button>
                <p>{move || output.get()}</p>
            </main>
        }
    });
}
