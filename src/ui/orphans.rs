//! The open article's orphans: imported annotations that could not be placed safely on its
//! text, each with its quote and note, to place on a selection or discard.

use leptos::prelude::*;

use super::state::AppState;
use crate::model::library::Orphan;
use crate::model::text;

#[component]
pub fn Orphans() -> impl IntoView {
    let state = expect_context::<AppState>();
    let orphans =
        Memo::new(move |_| state.library.with(|l| l.current().map(|a| a.orphans.clone()).unwrap_or_default()));
    view! {
        <Show when=move || orphans.with(|o| !o.is_empty())>
            <section class="orphans" aria-labelledby="orphans-heading">
                <h3 id="orphans-heading">{move || format!("Orphans ({})", orphans.with(Vec::len))}</h3>
                <p class="orphans-help">
                    "Imported annotations that could not be placed safely on this version of the text. Select the passage where one belongs, then choose “Place at selection”."
                </p>
                <ul>
                    <For each=move || orphans.get() key=|o| o.annotation.id.clone() let:orphan>
                        <OrphanEntry orphan=orphan />
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn OrphanEntry(orphan: Orphan) -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind = orphan.annotation.kind;
    let id = StoredValue::new(orphan.annotation.id.clone());
    let note = orphan.annotation.note.clone();
    view! {
        <li class=format!("orphan kind-{}", kind.slug()) role="group" aria-label=text::excerpt(&orphan.exact, 60)>
            <span class="orphan-kind">{kind.label()}</span>
            <blockquote>{orphan.exact.clone()}</blockquote>
            {(!note.is_empty()).then(|| view! { <p class="orphan-note">{note}</p> })}
            <div class="orphan-actions">
                <button type="button" on:click=move |_| state.place_orphan(&id.get_value())>
                    "Place at selection"
                </button>
                <button type="button" on:click=move |_| state.discard_orphan(&id.get_value())>
                    "Discard"
                </button>
            </div>
        </li>
    }
}
