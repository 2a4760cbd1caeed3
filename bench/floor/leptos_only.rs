//! The size floor's "minimal Leptos page": the same page as `core_and_leptos` with the core
//! left out (the button joins the two strings).

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
                <button type="button" on:click=move |_| output.set(format!("{stored}{}", input.get()))>
                    "Run"
                </button>
                <p>{move || output.get()}</p>
            </main>
        }
    });
}
