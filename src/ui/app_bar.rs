//! The bar at the top: the app's name and its main actions.

use leptos::prelude::*;

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
            </nav>
        </header>
    }
}
