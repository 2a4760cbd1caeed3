//! Messages to the user: a lasting storage problem, and the notice about the last action.

use leptos::prelude::*;

use super::state::AppState;
use crate::browser::files;

/// The storage banner and the last notice, in live regions that screen readers announce.
#[component]
pub fn Notices() -> impl IntoView {
    let state = AppState::get();
    let download_unreadable = move |_| {
        let raw = state.storage_problem.with_untracked(|p| p.as_ref().and_then(|p| p.unreadable.clone()));
        if let Some(raw) = raw
            && let Err(e) = files::download("unreadable-library.json", "application/json", &raw)
        {
            state.fail(e);
        }
    };
    view! {
        <div class="notices">
            <div role="alert">
                {move || {
                    state
                        .storage_problem
                        .get()
                        .map(|problem| {
                            let has_raw = problem.unreadable.is_some();
                            view! {
                                <div class="banner banner-warning">
                                    <p>{problem.message}</p>
                                    <div class="banner-actions">
                                        <Show when=move || has_raw>
                                            <button type="button" on:click=download_unreadable>
                                                "Download unreadable data"
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
            <div role="status" aria-live="polite">
                {move || {
                    state
                        .notice
                        .get()
                        .map(|notice| {
                            let undo = notice.undo.clone();
                            view! {
                                <div class="toast" class:toast-error=notice.is_error>
                                    <p>{notice.message}</p>
                                    {undo
                                        .map(|undo| {
                                            view! {
                                                <button type="button" on:click=move |_| state.undo(undo.clone())>
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
        </div>
    }
}
