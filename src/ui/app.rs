//! The root component: loads the library, keeps it saved, lays out the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::annotations_panel::AnnotationsPanel;
use super::app_bar::AppBar;
use super::export_menu;
use super::library_dialog::LibraryDialog;
use super::new_article_dialog::NewArticleDialog;
use super::notices::{NoticeToast, StorageBanner};
use super::reader::Reader;
use super::state::{AppState, Dialog, StorageProblem, sample_draft};
use crate::browser::{clock, crash, storage};
use crate::model::library::{Article, Library};
use crate::model::stored;

/// The library to start with, any problem storage had, whether it may be saved, and whether it
/// is what storage holds already.
fn start_up() -> (Library, Option<StorageProblem>, bool, bool) {
    let with_sample = || {
        let draft = sample_draft();
        let mut library = Library::default();
        library.add(Article::new(clock::new_id("a"), draft.title, draft.text, clock::now_iso()));
        library
    };
    match clock::timed("aa-load", || storage::load(&clock::now_iso())) {
        storage::Loaded::Empty => (with_sample(), None, true, false),
        storage::Loaded::Library(library) => (library, None, true, true),
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
            (
                with_sample(),
                Some(StorageProblem { message, unreadable: Some(raw), offer_export: !can_save }),
                can_save,
                false,
            )
        }
        storage::Loaded::Unavailable => {
            let message = "This browser does not let the page use its storage (private browsing, or storage turned off), so nothing you do here is kept after you close the page.".to_string();
            (with_sample(), Some(StorageProblem { message, unreadable: None, offer_export: true }), false, false)
        }
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let (library, problem, can_save, stored_already) = start_up();
    let state = AppState::new(library, problem);
    provide_context(state);
    crash::install(export_menu::LIBRARY_FILE_NAME, move || state.library.with_untracked(export_menu::library_export));
    // The hidden trigger of the end-to-end test of a panic (see `crash::TEST_PANIC_EVENT`).
    let test_panic =
        window_event_listener(leptos::ev::Custom::<leptos::ev::Event>::new(crash::TEST_PANIC_EVENT), |_| {
            panic!("a test asked the app to panic")
        });
    on_cleanup(move || test_panic.remove());

    // Saves every change; a failed save leaves the stored value as it was. A digest of the value
    // last written or read is kept (the value itself can be megabytes), so that nothing is
    // written twice or echoed back to a tab.
    let can_save = StoredValue::new(can_save);
    let last_saved = StoredValue::new(None::<u64>);
    let save = move || {
        // After a panic the library in memory may be half changed: what is stored stays.
        if crash::has_crashed() {
            return;
        }
        clock::start_span("aa-save");
        let encoded = state.library.with_untracked(storage::encode);
        if !can_save.get_value() || last_saved.get_value() == Some(encoded.digest) {
            clock::end_span("aa-save");
            return;
        }
        let saved = storage::save(&encoded);
        clock::end_span("aa-save");
        match saved {
            Ok(()) => {
                last_saved.set_value(Some(encoded.digest));
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
    };
    // Writing a long library takes tens of milliseconds, so a change is painted first and saved
    // in the task right after that frame. Not later: a save from another tab replaces this
    // tab's library, and would drop a change still waiting. Changes made meanwhile are saved
    // together, and leaving the page saves at once.
    let save_due = StoredValue::new(false);
    let save_if_due = move || {
        if save_due.get_value() {
            save_due.set_value(false);
            save();
        }
    };
    Effect::new(move |loaded: Option<()>| {
        state.library.track();
        // The first run sees the library as it was read: stored already, or the sample, which
        // is stored at once.
        if loaded.is_none() {
            if !stored_already {
                save();
            }
            return;
        }
        if save_due.get_value() {
            return;
        }
        save_due.set_value(true);
        clock::after_next_frame(save_if_due);
        // A tab in the background paints no frames.
        clock::when_idle(std::time::Duration::from_millis(500), save_if_due);
    });
    let leaving =
        window_event_listener(leptos::ev::Custom::<leptos::ev::Event>::new("pagehide"), move |_| save_if_due());
    let hidden =
        window_event_listener(leptos::ev::Custom::<leptos::ev::Event>::new("visibilitychange"), move |_| save_if_due());
    on_cleanup(move || {
        leaving.remove();
        hidden.remove();
    });
    // Another tab saved: take its library, keeping this tab's open article, so that neither
    // tab writes over the other's changes.
    let other_tabs = window_event_listener(leptos::ev::storage, move |ev| {
        if !can_save.get_value() || crash::has_crashed() {
            return;
        }
        let Some(raw) = storage::stored_by_other_tab(&ev) else { return };
        match stored::decode(&raw) {
            Ok(mut library) => {
                let open = state.library.with_untracked(|l| l.current.clone());
                if let Some(open) = open.filter(|id| library.get(id).is_some()) {
                    library.current = Some(open);
                }
                last_saved.set_value(Some(storage::digest(&library)));
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
            class:picking=move || state.picking.get().is_some()
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
            <super::print_report::PrintReport />
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
