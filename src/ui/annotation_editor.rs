//! The current annotation's editor, at the top of the panel: its passage, who made it, the
//! choice between versions made apart, its ends, kind and note, and for a claim its sources
//! and verdict (for a source, the claims it backs).

use leptos::prelude::*;

use super::annotations_panel::kind_options;
use super::conflicts::ConflictChoice;
use super::fact_check::{BackedClaims, ClaimSources, EvidenceDraft, VerdictEditor};
use super::state::AppState;
use crate::browser::clock;
use crate::model::authorship;
use crate::model::library::AnnotationKind;
use crate::model::motion::Edge;
use crate::model::text;

/// Buttons that move the current annotation's ends a character at a time (keys [ ] { }).
#[component]
fn EdgeButtons(id: StoredValue<String>) -> impl IntoView {
    let state = AppState::get();
    let button = move |label: &'static str, keys: &'static str, edge: Edge, forward: bool| {
        view! {
            <button type="button" aria-keyshortcuts=keys on:click=move |_| state.move_edge(&id.get_value(), edge, forward)>
                {label}
            </button>
        }
    };
    view! {
        <div class="edge-buttons" role="group" aria-label="Adjust the passage">
            {button("Start earlier", "[", Edge::Start, false)}
            {button("Start later", "{", Edge::Start, true)}
            {button("End earlier", "}", Edge::End, false)}
            {button("End later", "]", Edge::End, true)}
        </div>
    }
}

/// The editor of the current annotation: its kind, its note, and deleting it. It stays at the
/// top of the panel so that it is at hand however long the list is.
#[component]
pub(super) fn CurrentAnnotationEditor() -> impl IntoView {
    let state = AppState::get();
    // Which annotation it edits follows the choice at once (typing must never reach the one
    // chosen before); what it shows of the library follows once the change is painted.
    let fields = Memo::new(move |_| {
        let id = state.active.get()?;
        state.with_settled(|l| {
            let article = l.current()?;
            let a = article.annotations.iter().find(|a| a.id == id)?;
            let quote = text::excerpt(&article.quote(a.span()), 160);
            Some((id, a.kind, a.note.clone(), quote, authorship::made(a, clock::local_time)))
        })
    });
    // Typing in the note is one undo step per visit to the field, not one per key.
    let typing = StoredValue::new(false);
    // The editor is drawn anew only for another annotation, its claim section only for another
    // kind: a note typed or a change elsewhere updates fields in place.
    let chosen = Memo::new(move |_| fields.with(|f| f.as_ref().map(|f| f.0.clone())));
    let kind_of = Memo::new(move |_| fields.with(|f| f.as_ref().map(|f| f.1)).unwrap_or(AnnotationKind::Claim));
    move || {
        let id = chosen.get()?;
        let kind = move || kind_of.get();
        let note = move || fields.with(|f| f.as_ref().map(|f| f.2.clone())).unwrap_or_default();
        let quote = move || fields.with(|f| f.as_ref().map(|f| f.3.clone())).unwrap_or_default();
        let made = move || fields.with(|f| f.as_ref().map(|f| f.4.clone())).unwrap_or_default();
        let draft = EvidenceDraft::new();
        let leaving = id.clone();
        on_cleanup(move || draft.commit_on_leaving(state, &leaving));
        let id = StoredValue::new(id);
        // Sources, verdict and backed claims come once the editor is painted: building them is
        // most of the cost of marking a passage among thousands.
        let details_ready = RwSignal::new(false);
        state.when_saved(move || {
            let _ = details_ready.try_set(true);
        });
        Some(view! {
            <section class=move || format!("entry-editor sheet kind-{}", kind().slug()) aria-label="Current annotation">
                <p class="editor-quote">
                    <q>{quote}</q>
                </p>
                <p class="editor-made">{made}</p>
                <ConflictChoice annotation=id />
                <EdgeButtons id=id />
                <label>
                    "Kind"
                    <select
                        prop:value=move || kind().slug()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(k) = AnnotationKind::from_slug(&value) {
                                state.edit_annotation(&id.get_value(), false, |a| a.kind = k);
                            }
                        }
                    >
                        {kind_options()}
                    </select>
                </label>
                <label>
                    "Note"
                    <textarea
                        id=format!("note-{}", id.read_value())
                        rows="3"
                        prop:value=note
                        on:focus=move |_| typing.set_value(false)
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            state.edit_annotation(&id.get_value(), typing.get_value(), |a| a.note = value);
                            typing.set_value(true);
                        }
                    ></textarea>
                </label>
                {move || {
                    if !details_ready.get() {
                        ().into_any()
                    } else if kind() == AnnotationKind::Claim {
                        view! {
                            <ClaimSources claim=id />
                            <VerdictEditor claim=id draft=draft />
                        }
                            .into_any()
                    } else {
                        view! { <BackedClaims source=id /> }.into_any()
                    }
                }}
                <div class="form-actions">
                    <button type="button" class="danger" on:click=move |_| state.delete_annotation(&id.get_value())>
                        "Delete annotation"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| {
                            if draft.commit(state, &id.get_value()).is_ok() {
                                state.active.set(None);
                            }
                        }
                    >
                        "Done"
                    </button>
                </div>
            </section>
        })
    }
}
