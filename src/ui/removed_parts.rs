//! The parts of a web page that extraction left out, listed beside the text so that nothing
//! is dropped unseen; any of them can be put back (with undo).

use leptos::prelude::*;

use super::state::{AppState, Undo};
use crate::model::text;

/// The list of an article's removed parts; nothing when there are none.
#[component]
pub fn RemovedParts(
    /// The article.
    id: String,
) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(id);
    let parts = Memo::new(move |_| {
        state.library.with(|l| l.get(&id.get_value()).map(|a| a.removed_parts.clone()).unwrap_or_default())
    });
    let put_back = move |index: usize| {
        let article = id.get_value();
        let mut result = Err(crate::model::library::EditError::NoSuchArticle);
        state.library.update(|library| result = library.put_back(&article, index));
        match result {
            Ok(put) => {
                let message = format!("Put the {} back into the text.", put.part.label);
                state.inform(message, Some(Undo::TakeBackPart { article, put }));
            }
            Err(e) => state.fail(e.to_string()),
        }
    };
    move || {
        let parts = parts.get();
        if parts.is_empty() {
            return None;
        }
        let count = parts.len();
        let items = parts
            .into_iter()
            .enumerate()
            .map(|(index, part)| {
                let excerpt = text::excerpt(&part.text.replace("\n\n", " · "), 160);
                let name = format!("Put back {}: {}", part.label, text::excerpt(&part.text, 40));
                view! {
                    <li class="removed-part">
                        <span class="leftover-kind">{part.label.clone()}</span>
                        <q class="leftover-text">{excerpt}</q>
                        <button type="button" aria-label=name on:click=move |_| put_back(index)>
                            "Put back"
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <details class="removed-parts">
                <summary>
                    {format!("Left out of the web page: {count} part{}", if count == 1 { "" } else { "s" })}
                </summary>
                <p class="removed-parts-hint">
                    "Menus, related stories, comments and the like were left out of the text. Put back any part that belongs to the article."
                </p>
                <ul class="leftover-list">{items}</ul>
            </details>
        })
    }
}
