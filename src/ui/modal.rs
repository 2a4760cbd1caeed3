//! A modal dialog on the native `<dialog>` element, which traps focus, closes on Escape and
//! returns focus to where it was, without any code of ours.

use leptos::html;
use leptos::prelude::*;

use super::notices::NoticeToast;
use super::state::{AppState, Dialog};
use crate::browser::{clock, text_dom};

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
    // The page's selection (the reader's caret) is put aside while the dialog is open, and put
    // back when it closes: with it in the text behind, Chromium spends about 100 ms in
    // `showModal()` on a 100,000-word article, 15 ms without (bench/tool_import.mjs).
    let put_aside = StoredValue::new_local(Vec::<web_sys::Range>::new());
    // After the next frame: a selection set makes the browser bring the page's style up to date
    // at once, and after a modal dialog that is the whole page's (50 to 80 ms on a
    // 100,000-word article), better done in the frame than in the click that closed it.
    let put_back = move || {
        let ranges = put_aside.try_update_value(std::mem::take).unwrap_or_default();
        if ranges.is_empty() {
            return;
        }
        clock::after_next_frame(move || text_dom::give_back_selection(ranges));
    };
    // Syncs the element with the signal: `showModal()` is the only way to get a modal dialog.
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open() {
            if !dialog.open() {
                put_aside.set_value(text_dom::take_selection());
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
            put_back();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="modal"
            aria-labelledby=heading_id
            on:close=move |_| {
                put_back();
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
