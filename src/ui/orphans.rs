//! The open article's orphans: imported annotations that could not be placed safely on its
//! text, each with its quote and note, to place on a selection or discard.

use leptos::prelude::*;

use super::state::{AppState, Undo};
use crate::browser::clock;
use crate::model::history::Change;
use crate::model::library::{Annotation, EditError, Orphan};
use crate::model::span;
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
                    "Annotations that could not be placed safely on this version of the text (imported, or made on an earlier version). Select the passage where one belongs, then choose “Place at selection”."
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
    let from_version = (orphan.from_version > 0).then(|| {
        let kept = match (orphan.links.len(), orphan.verdict.is_some()) {
            (0, false) => String::new(),
            (0, true) => " Its verdict comes back when it is placed.".to_string(),
            (n, verdict) => format!(
                " Its {} link{}{} come{} back when it is placed.",
                n,
                if n == 1 { "" } else { "s" },
                if verdict { " and its verdict" } else { "" },
                if n == 1 && !verdict { "s" } else { "" },
            ),
        };
        format!("On version {}: its passage is not in this version.{kept}", orphan.from_version)
    });
    view! {
        <li class=format!("orphan kind-{}", kind.slug()) role="group" aria-label=text::excerpt(&orphan.exact, 60)>
            <span class="orphan-kind">{kind.label()}</span>
            {from_version.map(|said| view! { <p class="orphan-version">{said}</p> })}
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

impl AppState {
    /// Places an orphan of the open article on the pending selection (undone like a mark).
    pub fn place_orphan(&self, id: &str) {
        let Some(article) = self.current_id() else { return };
        let found = self.library.with_untracked(|l| {
            let article = l.get(&article)?;
            let orphan = article.orphans.iter().find(|o| o.annotation.id == id)?.clone();
            let span = span::trim(&article.text, self.pending.get_untracked()?.span);
            Some((orphan, span))
        });
        let Some((orphan, span)) = found else { return };
        let Some(span) = span else {
            return self
                .fail("Select the passage where it belongs in the text first, then choose “Place at selection”.");
        };
        let annotation =
            Annotation { start: span.start, end: span.end, modified: clock::now_iso(), ..orphan.annotation.clone() };
        if self.perform(&article, Change::Placed { orphan, annotation }, false) {
            crate::browser::text_dom::clear_selection();
            self.pending.set(None);
            self.active.set(Some(id.to_string()));
            let quote = self.quote_of(&article, id);
            self.announcement.set(format!("Placed the orphan on “{quote}”."));
        }
    }

    /// Discards an orphan of the open article (the notice offers to undo it).
    pub fn discard_orphan(&self, id: &str) {
        let Some(article) = self.current_id() else { return };
        let mut result = Err(EditError::NoSuchAnnotation);
        self.library.update(|l| result = l.take_orphan(&article, id));
        match result {
            Ok(orphan) => {
                let quote = text::excerpt(&orphan.exact, 40);
                self.inform(format!("Discarded the orphan “{quote}”."), Some(Undo::RestoreOrphan { article, orphan }));
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}
