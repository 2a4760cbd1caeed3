//! Versions of an annotation or verdict that two desk users made while apart: heard of from
//! the database's changes feed, shown on the annotation's entry and in its editor with both
//! texts, and ended by the user's choice (see `model::documents::Conflict`).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::desk::DeskLink;
use super::state::AppState;
use crate::browser::database::{Database, Written};
use crate::model::documents::{Conflict, conflicting_revisions, doc_id};

thread_local! {
    /// The documents whose versions are being read, each with the number of its latest read:
    /// a read that a newer change (or the user's choice) overtook is dropped, or a conflict
    /// ended meanwhile would come back.
    static READING: RefCell<HashMap<String, u64>> = RefCell::default();
    static READS: Cell<u64> = const { Cell::new(0) };
}

/// Drops any read of `id`'s versions under way.
fn overtake(id: &str) {
    READING.with_borrow_mut(|reading| reading.remove(id));
}

/// Looks at a document that changed in the database for versions kept apart: reads them and
/// shows the conflict, or forgets one that was ended (here or by a colleague).
pub fn take_in(state: AppState, db: &Database, json: &str) {
    let others = conflicting_revisions(json);
    if others.is_empty() {
        let watched = state.conflicts.with_untracked(|c| !c.is_empty()) || READING.with_borrow(|r| !r.is_empty());
        if watched && let Some(id) = doc_id(json) {
            overtake(&id);
            state.conflicts.update(|c| c.retain(|conflict| conflict.id != id));
        }
        return;
    }
    let Some(id) = doc_id(json) else { return };
    let read = READS.get() + 1;
    READS.set(read);
    READING.with_borrow_mut(|reading| reading.insert(id.clone(), read));
    let (db, winner) = (db.clone(), json.to_string());
    spawn_local(async move {
        let mut versions = Vec::new();
        for rev in &others {
            if let Some(version) = db.get_revision(&id, rev).await {
                versions.push(version);
            }
        }
        if READING.with_borrow(|reading| reading.get(&id) != Some(&read)) {
            return;
        }
        overtake(&id);
        let conflict = Conflict::read(&winner, &versions);
        // The same conflict heard of again is left alone: drawing its buttons anew could take a
        // click meant for them.
        let known = state.conflicts.with_untracked(|c| c.iter().find(|k| k.id == id).cloned());
        if known != conflict {
            state.conflicts.try_update(|c| {
                c.retain(|known| known.id != id);
                c.extend(conflict);
            });
        }
    });
}

/// Both versions of the current annotation (or its verdict) and a button to keep each.
#[component]
pub fn ConflictChoice(
    /// The annotation whose conflicts are shown.
    annotation: StoredValue<String>,
) -> impl IntoView {
    let state = AppState::get();
    let desk = DeskLink::get();
    // Drawn anew only when what it shows changes.
    let mine = Memo::new(move |_| {
        state
            .conflicts
            .with(|c| c.iter().filter(|c| c.annotation == annotation.get_value()).cloned().collect::<Vec<_>>())
    });
    let keep = move |conflict: Conflict, chosen: usize| {
        let Some(db) = desk.database() else { return };
        overtake(&conflict.id);
        state.conflicts.update(|c| c.retain(|known| known.id != conflict.id));
        spawn_local(async move {
            let Some(article) = state.library.with_untracked(|l| l.get(&conflict.article).cloned()) else { return };
            let (change, discarded) = conflict.choose(chosen, &article);
            // The versions not chosen are set aside first (deleted, or a deletion marked
            // settled), which ends the conflict on every replica; only then is the choice made,
            // so that a failure changes nothing.
            let written = db.write(&discarded).await;
            if !written.is_ok_and(|results| results.iter().all(|r| matches!(r, Written::Done(_)))) {
                state.fail("The other versions could not be set aside, so nothing was changed. Try again.");
                state.conflicts.update(|c| c.push(conflict));
                return;
            }
            if let Some(change) = change {
                state.perform(&conflict.article, change, false);
            }
        });
    };
    move || {
        mine.get()
            .into_iter()
            .map(|conflict| {
                let what = if conflict.is_verdict() { "verdict" } else { "annotation" };
                let versions = conflict
                    .versions
                    .iter()
                    .enumerate()
                    .map(|(i, version)| {
                        let conflict = conflict.clone();
                        let name = conflict.version_name(i);
                        let label = format!("Keep {name}");
                        view! {
                            <li class="conflict-version">
                                <p class="conflict-by">{name}</p>
                                <blockquote>{Conflict::says(version)}</blockquote>
                                <button type="button" on:click=move |_| keep(conflict.clone(), i)>
                                    {label}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="conflict" aria-label=format!("Conflicting versions of the {what}")>
                        <p>
                            <strong>{conflict.who()}</strong>
                            {if conflict.versions.len() == 2 {
                                format!(" while apart: both versions of the {what} are kept until you choose one.")
                            } else {
                                format!(
                                    " while apart: all {} versions of the {what} are kept until you choose one.",
                                    conflict.versions.len(),
                                )
                            }}
                        </p>
                        <ul>{versions}</ul>
                    </section>
                }
            })
            .collect_view()
    }
}
