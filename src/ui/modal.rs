//! A modal dialog on the native `<dialog>` element, which traps focus, closes on Escape and
//! returns focus to where it was, without any code of ours.

use leptos::html;
use leptos::prelude::*;

use super::notices::NoticeToast;
use super::state::{AppState, Dialog};

/// A modal dialog with a heading that names it.
#[component]
pub fn Modal(
    /// Which dialog this is; it is shown while `AppState::dialog` names it.
    kind: Dialog,
    /// Called when the dialog closes by itself (Escape).
    on_close: Callback<()>,
    /// The heading, which is also the dialog's accessible name.
    heading: &'static str,
    /// Id of the heading, unique in the page.
    heading_id: &'static str,
    children: Children,
) -> impl IntoView {
    let state = AppState::get();
    let open = move || state.dialog.get() == Some(kind);
    let dialog = NodeRef::<html::Dialog>::new();
    // Syncs the element with the signal: `showModal()` is the only way to get a modal dialog.
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="modal"
            aria-labelledby=heading_id
            on:close=move |_| {
                if state.dialog.get_untracked() == Some(kind) {
                    on_close.run(());
                }
            }
        >
            <h2 id=heading_id>{heading}</h2>
            {children()}
            <NoticeToast shown_with=Some(kind) />
        </dialog>
    }
}
