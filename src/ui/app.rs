//! The root component: loads the library, keeps it saved, lays out the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::annotations_panel::AnnotationsPanel;
use super::app_bar::AppBar;
use super::desk::{DeskDialog, DeskLink};
use super::export_menu;
use super::label_mapping::LabelMappingDialog;
use super::library_dialog::LibraryDialog;
use super::new_article_dialog::NewArticleDialog;
use super::notices::{NoticeToast, StorageBanner};
use super::persistence::{Persistence, Start};
use super::reader::Reader;
use super::sent_page_dialog::SentPageDialog;
use super::state::{AppState, Dialog};
use crate::browser::{clock, crash, storage};
use crate::model::first_paint::FirstPaint;

/// The whole app, started with what the database held (see [`persistence::start_up`]).
#[component]
pub fn App(start: Start) -> impl IntoView {
    let Start { library, problem, store, news } = start;
    let stored_already = store.as_ref().is_some_and(|(_, saved)| !saved.has_nothing());
    let state = AppState::new(library, problem);
    provide_context(state);
    crash::install(export_menu::LIBRARY_FILE_NAME, move || state.library.with_untracked(export_menu::library_export));
    // The hidden trigger of the end-to-end test of a panic (see `crash::TEST_PANIC_EVENT`).
    let test_panic =
        window_event_listener(leptos::ev::Custom::<leptos::ev::Event>::new(crash::TEST_PANIC_EVENT), |_| {
            panic!("a test asked the app to panic")
        });
    on_cleanup(move || test_panic.remove());
    if let Some(news) = news {
        state.inform(news, None);
    }

    // A desk syncs the database's shared articles (see `desk`).
    DeskLink::provide(store.as_ref().map(|(db, _)| db.clone()));
    // Saves every change: only the documents it touched (see `model::documents`).
    let persistence = store.map(|(db, saved)| Persistence::new(state, db, saved));
    let leave = {
        let persistence = persistence.clone();
        move || {
            if let Some(persistence) = &persistence {
                persistence.leave();
            }
        }
    };
    let save = move || {
        if let Some(persistence) = &persistence {
            persistence.save();
        }
    };
    // A change is painted first and saved once the page is idle: a write made in the task right
    // after the change's frame shares the machine with the frames that follow it and took 25-34
    // ms with 10,000 annotations, against 8 ms once idle (bench/README.md). Changes made
    // meanwhile are saved together. Leaving the page keeps what is not yet written in
    // localStorage at once (`Persistence::leave`), so that a page closed meanwhile loses nothing.
    let save_due = StoredValue::new_local(false);
    let save_if_due = {
        let save = save.clone();
        move || {
            if save_due.get_value() {
                save_due.set_value(false);
                save();
            }
        }
    };
    Effect::new({
        let save = save.clone();
        let save_if_due = save_if_due.clone();
        move |loaded: Option<()>| {
            state.library.track();
            // The first run sees the library as it was read: stored already, or the sample,
            // which is stored at once.
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
            clock::when_idle(std::time::Duration::from_millis(500), save_if_due.clone());
        }
    });
    let leaving = window_event_listener(leptos::ev::Custom::<leptos::ev::Event>::new("pagehide"), {
        let leave = leave.clone();
        move |_| {
            save_due.set_value(false);
            leave();
        }
    });
    let hidden = window_event_listener(leptos::ev::Custom::<leptos::ev::Event>::new("visibilitychange"), move |_| {
        save_due.set_value(false);
        leave();
    });
    on_cleanup(move || {
        leaving.remove();
        hidden.remove();
    });

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
    // The open article is this browser's preference, remembered when this tab opens another.
    Effect::new(move |_| storage::remember_open(current.get().as_deref()));
    // What the next start paints before the app has loaded, once what is shown has settled.
    Effect::new(move |kept: Option<Option<String>>| {
        let paint = state.with_settled(FirstPaint::of).and_then(|paint| serde_json::to_string(&paint).ok());
        if kept.as_ref() != Some(&paint) {
            storage::keep_first_paint(paint.as_deref());
        }
        paint
    });

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
            <DeskDialog />
            <SentPageDialog />
            <LabelMappingDialog />
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
