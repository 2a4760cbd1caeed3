//! The bar at the top: the app's name and its main actions.

use leptos::prelude::*;

use super::desk::DeskButton;
use super::export_menu::ExportMenu;
use super::import_button::ImportButton;
use super::state::{AppState, Dialog};

/// The top bar with "New article" and "Library".
#[component]
pub fn AppBar() -> impl IntoView {
    let state = AppState::get();
    let count = move || state.library.with(|l| l.articles.len());
    view! {
        <header class="app-bar">
            <span class="brand">"Article Annotator"</span>
            <nav class="app-actions" aria-label="Main">
                <button type="button" on:click=move |_| state.dialog.set(Some(Dialog::NewArticle))>
                    "New article"
                </button>
                <button type="button" on:click=move |_| state.dialog.set(Some(Dialog::Library))>
                    "Library"
                    <span class="badge" aria-hidden="true">{count}</span>
                </button>
                <ImportButton />
                <ExportMenu />
                <DeskButton />
            </nav>
            <PickingBar />
        </header>
    }
}

/// While a claim waits for its source to be picked in the text, the mode is said where it
/// cannot be missed, with the way out.
#[component]
fn PickingBar() -> impl IntoView {
    let state = AppState::get();
    let claim = move || {
        let id = state.picking.get()?;
        let article = state.current_id()?;
        Some(state.quote_of(&article, &id))
    };
    move || {
        claim().map(|quote| {
            view! {
                <div class="picking-bar" role="status">
                    <p>
                        <strong>"Picking a source"</strong>
                        {format!(" for “{quote}”: click a source or anonymous attribution in the text or the list.")}
                    </p>
                    <button type="button" aria-keyshortcuts="Escape" on:click=move |_| state.picking.set(None)>
                        "Cancel picking"
                    </button>
                </div>
            }
        })
    }
}
