//! Versions of an annotation or verdict that two desk users made while apart: heard of from
//! the database's changes feed, shown on the annotation's entry and in its editor with both
//! texts, and ended by the user's choice (see `model::documents::Conflict`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::desk::DeskLink;
use super::state::AppState;
use crate::browser::database::Database;
use crate::model::documents::{Conflict, conflicting_revisions};

/// Looks at a document that changed in the database for versions kept apart: reads them and
/// shows the conflict, or forgets one that was ended (here or by a colleague).
pub fn take_in(state: AppState, db: &Database, json: &str) {
    let others = conflicting_revisions(json);
    if others.is_empty() {
        if state.conflicts.with_untracked(|c| !c.is_empty())
            && let Some(id) = id_of(json)
        {
            state.conflicts.update(|c| c.retain(|conflict| conflict.id != id));
        }
        return;
    }
    let (db, winner) = (db.clone(), json.to_string());
    spawn_local(async move {
        let Some(id) = id_of(&winner) else { return };
        let mut versions = Vec::new();
        for rev in &others {
            if let Some(version) = db.get_revision(&id, rev).await {
                versions.push(version);
            }
        }
        let conflict = Conflict::read(&winner, &versions);
        state.conflicts.try_update(|c| {
            c.retain(|known| known.id != id);
            c.extend(conflict);
        });
    });
}

fn id_of(json: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        #[serde(rename = "_id")]
        id: String,
    }
    serde_json::from_str::<Id>(json).ok().map(|d| d.id)
}

/// Both versions of the current annotation (or its verdict) and a button to keep each.
#[component]
pub fn ConflictChoice(
    /// The annotation whose conflicts are shown.
    annotation: StoredValue<String>,
) -> impl IntoView {
    let state = AppState::get();
    let desk = DeskLink::get();
    let mine = move || {
        state
            .conflicts
            .with(|c| c.iter().filter(|c| c.annotation == annotation.get_value()).cloned().collect::<Vec<_>>())
    };
    let keep = move |conflict: Conflict, chosen: usize| {
        let Some(article) = state.library.with_untracked(|l| l.get(&conflict.article).cloned()) else { return };
        let (change, discarded) = conflict.choose(chosen, &article);
        if let Some(change) = change
            && !state.perform(&conflict.article, change, false)
        {
            return;
        }
        state.conflicts.update(|c| c.retain(|known| known.id != conflict.id));
        let Some(db) = desk.database() else { return };
        spawn_local(async move {
            // The versions not chosen are deleted, which ends the conflict on every replica.
            if db.write(&discarded).await.is_err() {
                state.fail("The other versions could not be set aside; the choice is kept. Try again after reloading.");
            }
        });
    };
    move || {
        mine()
            .into_iter()
            .map(|conflict| {
                let what = if conflict.is_verdict() { "verdict" } else { "annotation" };
                let versions = conflict
                    .versions
                    .iter()
                    .enumerate()
                    .map(|(i, version)| {
                        let conflict = conflict.clone();
                        let label = format!("Keep {}'s version", version.by);
                        view! {
                            <li class="conflict-version">
                                <p class="conflict-by">{format!("{}'s version", version.by)}</p>
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
                            {format!(" while apart: both versions of the {what} are kept until you choose one.")}
                        </p>
                        <ul>{versions}</ul>
                    </section>
                }
            })
            .collect_view()
    }
}
