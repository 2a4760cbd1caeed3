//! The library: every article kept in this browser, to open, rename or delete.

use leptos::html;
use leptos::prelude::*;

use super::export_menu;
use super::modal::Modal;
use super::state::{AppState, Dialog};
use crate::browser::{database, storage};
use crate::model::library::{AnnotationKind, CheckStatus};
use crate::model::text;

/// One row of the list, compared whole so that any change redraws the row.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    title: String,
    /// "Published 4 January 2024", or "Added …" when the publication date is unknown.
    date: String,
    annotations: usize,
    /// Claims, and those of them checked.
    claims: usize,
    checked: usize,
    is_open: bool,
}

/// The library dialog.
#[component]
pub fn LibraryDialog() -> impl IntoView {
    let state = AppState::get();
    let rows = move || {
        state.library.with(|l| {
            l.articles
                .iter()
                .rev()
                .map(|a| Row {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    date: format!(
                        "{} {}",
                        if a.published.is_empty() { "Added" } else { "Published" },
                        text::readable_date(a.display_date())
                    ),
                    annotations: a.annotations.len(),
                    claims: a.annotations.iter().filter(|n| n.kind == AnnotationKind::Claim).count(),
                    checked: a.verdicts.iter().filter(|v| v.status == CheckStatus::Checked).count(),
                    is_open: l.current.as_deref() == Some(a.id.as_str()),
                })
                .collect::<Vec<_>>()
        })
    };
    let renaming = RwSignal::new(None::<String>);
    let close = move || state.dialog.set(None);
    view! {
        <Modal
            kind=Dialog::Library
            on_close=Callback::new(move |()| close())
            heading="Library"
            heading_id="library-heading"
        >
            <p class="dialog-intro">
                {move || {
                    let n = state.library.with(|l| l.articles.len());
                    format!("{n} article{} kept in this browser.", if n == 1 { "" } else { "s" })
                }}
            </p>
            <Show when=move || state.library.with(|l| l.articles.is_empty())>
                <div class="empty-library">
                    <button type="button" on:click=move |_| {
                        state.add_sample();
                        close();
                    }>"Open the sample article"</button>
                </div>
            </Show>
            <ul class="library-list">
                <For each=rows key=|row| row.clone() let:row>
                    <LibraryRow row=row renaming=renaming />
                </For>
            </ul>
            <RatingScale />
            <StorageUse />
            <div class="form-actions">
                <button type="button" on:click=move |_| close()>
                    "Close"
                </button>
            </div>
        </Modal>
    }
}

/// Where the library is kept, how much room it takes, whether the browser promised to keep it,
/// and the backup of the library as an earlier version kept it.
#[component]
fn StorageUse() -> impl IntoView {
    let state = AppState::get();
    let usage = LocalResource::new(move || async move {
        // Asked again each time the dialog opens.
        state.dialog.track();
        database::usage().await
    });
    let said = move || match usage.get() {
        Some(Some(usage)) => {
            let size = format!("{:.1} MB", usage.bytes / 1e6);
            if usage.persisted {
                format!("The library takes {size} of this browser's storage, which the browser has promised to keep.")
            } else {
                format!(
                    "The library takes {size} of this browser's storage. The browser did not promise to keep it: it may clear it when space runs low, so export the library regularly."
                )
            }
        }
        Some(None) => "This browser does not say how much storage the library takes.".into(),
        None => String::new(),
    };
    let has_backup = storage::backup_exists();
    let export_backup = move |_| {
        let Some(backup) = storage::backup() else {
            state.fail("The backup could not be read.");
            return;
        };
        if let Err(why) = export_menu::download(&backup, export_menu::Export::Library) {
            state.fail(why);
        }
    };
    view! {
        <section class="storage-use" aria-labelledby="storage-use-heading">
            <h3 id="storage-use-heading">"Storage"</h3>
            <p>{said}</p>
            <Show when=move || has_backup>
                <p>
                    "A backup of the library as it was before it moved into this browser's database is kept. "
                    <button type="button" on:click=export_backup>
                        "Export the backup"
                    </button>
                </p>
            </Show>
        </section>
    }
}

/// The library's rating scale, one rating per line, best first.
#[component]
fn RatingScale() -> impl IntoView {
    let state = AppState::get();
    let field = NodeRef::<html::Textarea>::new();
    let problem = RwSignal::new(None::<String>);
    let save = move |_| {
        let Some(field) = field.get() else { return };
        let ratings: Vec<String> = field.value().lines().map(str::to_string).collect();
        let mut result = Ok(());
        state.library.update(|l| result = l.set_ratings(&ratings));
        match result {
            Ok(()) => {
                problem.set(None);
                state.inform("Saved the rating scale.", None);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let current = move || state.library.with(|l| l.ratings.join("\n"));
    view! {
        <details class="rating-scale">
            <summary>"Rating scale"</summary>
            <label>
                "Ratings, best first, one per line"
                <textarea node_ref=field rows="7" prop:value=current></textarea>
            </label>
            <p class="form-error" role="alert">
                {move || problem.get()}
            </p>
            <button type="button" on:click=save>
                "Save rating scale"
            </button>
            <fieldset class="off-scale">
                <legend>"Off the truth scale"</legend>
                <p class="hint">
                    "Ratings that say nothing of how true a claim is (“Unverifiable”): ClaimReview gives them by name, without a number."
                </p>
                {move || {
                    state
                        .library
                        .with(|l| l.ratings.iter().map(|r| (r.clone(), l.is_off_scale(r))).collect::<Vec<_>>())
                        .into_iter()
                        .map(|(rating, off)| {
                            let shown = rating.clone();
                            view! {
                                <label class="checkbox">
                                    <input
                                        type="checkbox"
                                        prop:checked=off
                                        on:change=move |ev| {
                                            let checked = event_target_checked(&ev);
                                            let mut result = Ok(());
                                            state
                                                .library
                                                .update(|l| {
                                                    let mut off_scale: Vec<String> = l
                                                        .off_scale
                                                        .iter()
                                                        .filter(|r| **r != rating)
                                                        .cloned()
                                                        .collect();
                                                    if checked {
                                                        off_scale.push(rating.clone());
                                                    }
                                                    result = l.set_off_scale(&off_scale);
                                                });
                                            if let Err(e) = result {
                                                problem.set(Some(e.to_string()));
                                            }
                                        }
                                    />
                                    {shown}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
        </details>
    }
}

/// One article in the list, or the form that renames it.
#[component]
fn LibraryRow(
    /// What the row shows.
    row: Row,
    /// The id of the article being renamed, if any.
    renaming: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::get();
    let Row { id, title, date, annotations, claims, checked, is_open } = row;
    let title_id = format!("title-{id}");
    let id = StoredValue::new(id);
    let is_renaming = move || renaming.with(|r| r.as_deref() == Some(id.read_value().as_str()));
    let input = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_title = input.get().map(|i| i.value()).unwrap_or_default();
        let mut result = Ok(());
        state.library.update(|l| result = l.rename(&id.get_value(), &new_title));
        match result {
            Ok(()) => renaming.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
            input.select();
        }
    });
    let progress = match claims {
        0 => String::new(),
        1 => format!(" · {checked} of 1 claim checked"),
        n => format!(" · {checked} of {n} claims checked"),
    };
    let meta = format!(
        "{date} · {annotations} annotation{}{progress}{}",
        if annotations == 1 { "" } else { "s" },
        if is_open { " · open now" } else { "" }
    );
    let desk = super::desk::DeskLink::get();
    let shared = move || {
        desk.settings
            .with(|s| s.as_ref().filter(|s| s.shares(&id.read_value())).map(|s| format!(" · shared with {}", s.desk)))
    };
    let shown_title = title.clone();
    let row_label = title_id.clone();
    view! {
        <li aria-labelledby=row_label>
            <Show
                when=is_renaming
                fallback=move || {
                    view! {
                        <div class="library-row">
                            <div class="library-row-text">
                                <h3 id=title_id.clone()>{shown_title.clone()}</h3>
                                <p class="library-meta">{meta.clone()}{shared}</p>
                            </div>
                            <div class="library-row-actions">
                                <button type="button" on:click=move |_| {
                                    let _ = state.library.try_update(|l| l.open(&id.get_value()));
                                    state.dialog.set(None);
                                }>"Open"</button>
                                <button type="button" on:click=move |_| {
                                    error.set(None);
                                    renaming.set(Some(id.get_value()));
                                }>"Rename"</button>
                                <button type="button" class="danger" on:click=move |_| state.delete(&id.get_value())>
                                    "Delete"
                                </button>
                            </div>
                        </div>
                    }
                }
            >
                <form class="rename-form" on:submit=save>
                    <label>
                        "New title" <input type="text" node_ref=input value=title.clone()
                            on:keydown=move |ev| {
                                if ev.key() == "Escape" {
                                    ev.prevent_default();
                                    ev.stop_propagation();
                                    renaming.set(None);
                                }
                            }
                        />
                    </label>
                    <button type="submit" class="primary">
                        "Save title"
                    </button>
                    <button type="button" on:click=move |_| renaming.set(None)>
                        "Cancel"
                    </button>
                    <p class="form-error" role="alert">
                        {move || error.get()}
                    </p>
                </form>
            </Show>
        </li>
    }
}
