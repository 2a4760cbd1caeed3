//! Messages to the user: a lasting storage problem, and the notice about the last action.

use leptos::html;
use leptos::prelude::*;

use super::export_menu;
use super::state::{AppState, Dialog, Undo};
use crate::browser::js_text::JsText;
use crate::browser::{clock, files, text_dom};

/// A lasting storage problem, in an alert region.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = AppState::get();
    let download_unreadable = move |_| {
        let raw = state.storage_problem.with_untracked(|p| p.as_ref().and_then(|p| p.unreadable.clone()));
        if let Some(raw) = raw
            && let Err(e) = files::download("unreadable-library.json", "application/json", JsText::of(&raw))
        {
            state.fail(e);
        }
    };
    // Everything in memory, in our export format.
    let export_library = move |_| {
        if let Err(e) = state.library.with_untracked(|l| export_menu::download(l, export_menu::Export::Library)) {
            state.fail(e);
        }
    };
    view! {
        <div class="notices" role="alert">
            {move || {
                state
                    .storage_problem
                    .get()
                    .map(|problem| {
                        let has_raw = problem.unreadable.is_some();
                        let offer_export = problem.offer_export;
                        view! {
                            <div class="banner banner-warning">
                                <p>{problem.message}</p>
                                <div class="banner-actions">
                                    <Show when=move || has_raw>
                                        <button type="button" on:click=download_unreadable>
                                            "Download unreadable data"
                                        </button>
                                    </Show>
                                    <Show when=move || offer_export>
                                        <button type="button" on:click=export_library>
                                            "Export library"
                                        </button>
                                    </Show>
                                    <button type="button" on:click=move |_| state.storage_problem.set(None)>
                                        "Hide warning"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The notice about the last action, with "Undo" when it can be taken back. A modal dialog
/// makes the rest of the page inert, so each dialog shows its own copy: `shown_with` is the
/// dialog it belongs to (`None` for the page).
#[component]
pub fn NoticeToast(
    /// The dialog that must be open (or `None`: no dialog) for this copy to show the notice.
    shown_with: Option<Dialog>,
) -> impl IntoView {
    let state = AppState::get();
    let undo_button = NodeRef::<html::Button>::new();
    // The control that led to an undoable action is usually gone (a deleted row, a removed
    // offer), so focus goes to "Undo" rather than to the page: in the task after the change's
    // frame, since focusing makes Chromium lay the page out (3 ms of a deletion at the limits).
    // Not for a change to annotations: the text takes the focus, and Ctrl+Z undoes there.
    Effect::new(move |_| {
        let in_text = state
            .notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| matches!(n.undo, Some(Undo::AnnotationChange { .. }))));
        if let Some(button) = undo_button.get().filter(|_| !in_text) {
            clock::after_next_frame(move || {
                if button.is_connected() {
                    let _ = button.focus();
                }
            });
        }
    });
    // A notice leaves after a while (an error stays until dismissed); pointing at it or
    // focusing it holds it.
    let held = RwSignal::new(false);
    let shown = StoredValue::new(0u64);
    Effect::new(move |_| {
        let lifetime = state.notice.with(|n| match n {
            Some(n) if !n.is_error => Some(if n.undo.is_some() { UNDO_LIFETIME } else { NOTICE_LIFETIME }),
            _ => None,
        });
        shown.update_value(|n| *n += 1);
        // Only the copy on show counts the notice's time: the one the user can point at.
        if let Some(lifetime) = lifetime.filter(|_| state.dialog.get_untracked() == shown_with) {
            dismiss_later(state, shown, shown.get_value(), held, lifetime);
        }
    });
    view! {
        <div
            role="status"
            aria-live="polite"
            class="notice-region"
            on:mouseenter=move |_| held.set(true)
            on:mouseleave=move |_| held.set(false)
            on:focusin=move |_| held.set(true)
            on:focusout=move |_| held.set(false)
            on:keydown=move |ev| {
                if ev.key() == "Escape" && state.notice.with_untracked(Option::is_some) {
                    ev.stop_propagation();
                    state.notice.set(None);
                    text_dom::focus_article_text();
                }
            }
        >
            {move || {
                (state.dialog.get() == shown_with)
                    .then(|| state.notice.get())
                    .flatten()
                    .map(|notice| {
                        let undo = notice.undo.clone();
                        view! {
                            <div class="toast" class:toast-error=notice.is_error>
                                <p>{notice.message}</p>
                                {undo
                                    .map(|undo| {
                                        view! {
                                            <button
                                                type="button"
                                                node_ref=undo_button
                                                on:click=move |_| state.undo(undo.clone())
                                            >
                                                "Undo"
                                            </button>
                                        }
                                    })}
                                <button type="button" on:click=move |_| state.notice.set(None)>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// How long a notice stays, unless it is an error, pointed at or focused.
const NOTICE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(6);
/// How long a notice that offers "Undo" stays: long enough to think again.
const UNDO_LIFETIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Dismisses the notice numbered `which` once it has been shown for `lifetime` and is not
/// `held`; a newer notice (`shown` moved on) starts its own count.
fn dismiss_later(
    state: AppState,
    shown: StoredValue<u64>,
    which: u64,
    held: RwSignal<bool>,
    lifetime: std::time::Duration,
) {
    set_timeout(
        move || {
            if shown.try_get_value() != Some(which) {
                return;
            }
            if held.try_get_untracked().unwrap_or(false) {
                dismiss_later(state, shown, which, held, lifetime);
            } else {
                state.notice.set(None);
            }
        },
        lifetime,
    );
}
