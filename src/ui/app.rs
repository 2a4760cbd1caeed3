//! The root component: loads the library, keeps it saved, lays out the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::annotations_panel::AnnotationsPanel;
use super::app_bar::AppBar;
use super::library_dialog::LibraryDialog;
use super::new_article_dialog::NewArticleDialog;
use super::notices::{NoticeToast, StorageBanner};
use super::reader::Reader;
use super::state::{AppState, Dialog, StorageProblem, sample_draft};
use crate::browser::{clock, storage};
use crate::model::library::{Article, Library};
use crate::model::stored;

/// The library to start with, and any problem storage had.
fn start_up() -> (Library, Option<StorageProblem>, bool) {
    let with_sample = || {
        let draft = sample_draft();
        let mut library = Library::default();
        library.add(Article::new(clock::new_id("a"), draft.title, draft.text, clock::now_iso()));
        library
    };
    match storage::load(&clock::now_iso()) {
        storage::Loaded::Empty => (with_sample(), None, true),
        storage::Loaded::Library(library) => (library, None, true),
        storage::Loaded::Unreadable { reason, raw, kept_as } => {
            let (where_kept, can_save) = match kept_as {
                Some(key) => (format!("It was kept aside in this browser's storage as “{key}”."), true),
                None => (
                    "It was left in place and will not be written over; changes you make now are not saved.".into(),
                    false,
                ),
            };
            let message = format!(
                "Your saved library could not be read: {reason}. {where_kept} The app opened the sample article instead."
            );
            (with_sample(), Some(StorageProblem { message, unreadable: Some(raw), offer_export: false }), can_save)
        }
        storage::Loaded::Unavailable => {
            let message = "This browser does not let the page use its storage (private browsing, or storage turned off), so nothing you do here is kept after you close the page.".to_string();
            (with_sample(), Some(StorageProblem { message, unreadable: None, offer_export: true }), false)
        }
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (library, problem, can_save) = start_up();
    let state = AppState::new(library, problem);
    provide_context(state);

    // Saves every change at once; a failed save leaves the stored value as it was. The value
    // last written or read is kept, so that nothing is written twice or echoed back to a tab.
    let can_save = StoredValue::new(can_save);
    let last_saved = StoredValue::new(String::new());
    Effect::new(move |_| {
        let encoded = state.library.with(stored::encode);
        if !can_save.get_value() || last_saved.with_value(|last| *last == encoded) {
            return;
        }
        match storage::save(&encoded) {
            Ok(()) => {
                last_saved.set_value(encoded);
                if state.storage_problem.with_untracked(|p| p.as_ref().is_some_and(|p| p.offer_export)) {
                    state.storage_problem.set(None);
                }
            }
            Err(storage::SaveError(why)) => state.storage_problem.set(Some(StorageProblem {
                message: format!(
                    "Your last change could not be saved: {why}. It is still on screen, and what was saved before is intact. Export the library to keep a copy."
                ),
                unreadable: None,
                offer_export: true,
            })),
        }
    });
    // Another tab saved: take its library, keeping this tab's open article, so that neither
    // tab writes over the other's changes.
    let other_tabs = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(storage::LIBRARY_KEY) || !can_save.get_value() {
            return;
        }
        let Some(raw) = ev.new_value() else { return };
        match stored::decode(&raw) {
            Ok(mut library) => {
                let open = state.library.with_untracked(|l| l.current.clone());
                if let Some(open) = open.filter(|id| library.get(id).is_some()) {
                    library.current = Some(open);
                }
                last_saved.set_value(stored::encode(&library));
                state.library.set(library);
                state.announcement.set("Updated with changes made in another tab.".into());
            }
            Err(error) => {
                can_save.set_value(false);
                state.storage_problem.set(Some(StorageProblem {
                    message: format!(
                        "Another tab saved the library in a form this tab cannot read ({error}). So as not to write over it, this tab no longer saves: reload the page."
                    ),
                    unreadable: None,
                    offer_export: true,
                }));
            }
        }
    });
    on_cleanup(move || other_tabs.remove());

    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let file = ev.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            state.dialog.set(None);
            spawn_local(async move {
                if let Err(e) = state.open_file(file).await {
                    state.fail(e);
                }
            });
        }
    };
    let current = Memo::new(move |_| state.library.with(|l| l.current().map(|a| a.id.clone())));

    view! {
        <div
            class="app"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |ev: leptos::ev::DragEvent| {
                if ev.related_target().is_none() {
                    dragging.set(false);
                }
            }
            on:drop=on_drop
        >
            <a class="skip-link" href="#article-text">
                "Skip to the article"
            </a>
            <AppBar />
            <StorageBanner />
            <NoticeToast shown_with=None />
            <div class="workspace">
                <main class="reader-column">
                    {move || match current.get() {
                        Some(id) => view! { <Reader id=id /> }.into_any(),
                        None => view! { <EmptyLibrary /> }.into_any(),
                    }}
                </main>
                <AnnotationsPanel />
            </div>
            <p class="visually-hidden" aria-live="polite">
                {move || state.announcement.get()}
            </p>
            <NewArticleDialog />
            <LibraryDialog />
            <Show when=move || dragging.get()>
                <div class="drop-overlay" aria-hidden="true">
                    <p>"Drop the file to open it as a new article"</p>
                </div>
            </Show>
        </div>
    }
}

/// What the reader shows when the library is empty.
#[component]
fn EmptyLibrary() -> impl IntoView {
    let state = AppState::get();
    document().set_title("Article Annotator");
    view! {
        <section class="empty-state" aria-labelledby="empty-heading">
            <h1 id="empty-heading">"No article open"</h1>
            <p>"Your library is empty. Paste or open an article to start annotating."</p>
            <div class="form-actions">
                <button type="button" class="primary" on:click=move |_| state.dialog.set(Some(Dialog::NewArticle))>
                    "New article"
                </button>
                <button type="button" on:click=move |_| state.add_sample()>
                    "Open the sample article"
                </button>
            </div>
        </section>
    }
}
