//! Offering to remove web-page leftovers, with a preview and undo.

use std::ops::Range;

use leptos::prelude::*;

use super::state::{AppState, Undo};
use crate::model::leftovers::{self, Leftover};
use crate::model::text;

/// The offer to clean up an article's leftovers. `struck` receives the ranges to preview as
/// removed in the text.
#[component]
pub fn LeftoversReview(
    /// The article.
    id: String,
    /// The leftovers found in its text (not empty).
    found: Vec<Leftover>,
    /// Where the preview of the removal is shown.
    struck: RwSignal<Vec<Range<usize>>>,
) -> impl IntoView {
    let state = AppState::get();
    let count = found.len();
    let chosen = RwSignal::new(vec![true; count]);
    let previewing = RwSignal::new(false);
    let found = StoredValue::new(found);
    let id = StoredValue::new(id);
    let selected = move || {
        let chosen = chosen.get();
        found.with_value(|f| f.iter().zip(chosen).filter(|(_, keep)| *keep).map(|(l, _)| l.clone()).collect::<Vec<_>>())
    };
    Effect::new(move |_| {
        struck.set(if previewing.get() { selected().into_iter().map(|l| l.range).collect() } else { Vec::new() });
    });
    on_cleanup(move || struck.set(Vec::new()));
    let remove = move |_| {
        let chosen = selected();
        let removed = chosen.len();
        let id = id.get_value();
        let mut result = Err(crate::model::library::EditError::NoSuchArticle);
        state.library.update(|library| {
            let cleaned = library.get(&id).map(|a| leftovers::remove(&a.text, &chosen));
            if let Some(cleaned) = cleaned {
                result = library.replace_text(&id, cleaned);
            }
        });
        match result {
            Ok(text) => state.inform(
                format!("Removed {removed} web-page leftover{}.", if removed == 1 { "" } else { "s" }),
                Some(Undo::RestoreText { id, text }),
            ),
            Err(e) => state.fail(e.to_string()),
        }
    };
    let keep = move |_| {
        let id = id.get_value();
        state.library.update(|library| {
            let _ = library.keep_leftovers(&id);
        });
    };
    let items = move || {
        found.with_value(|found| {
            found
                .iter()
                .enumerate()
                .map(|(i, leftover)| {
                    let preview = state.library.with_untracked(|l| {
                        l.get(&id.get_value())
                            .and_then(|a| a.text.get(leftover.range.clone()))
                            .map(|t| text::excerpt(t, 90))
                            .unwrap_or_default()
                    });
                    view! {
                        <li>
                            <label>
                                <input
                                    type="checkbox"
                                    prop:checked=move || chosen.with(|c| c[i])
                                    on:change=move |_| chosen.update(|c| c[i] = !c[i])
                                />
                                <span class="leftover-kind">{leftover.kind.label()}</span>
                                <q class="leftover-text">{preview}</q>
                            </label>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="banner banner-info leftovers" aria-labelledby="leftovers-heading">
            <h2 id="leftovers-heading" class="banner-heading">
                {format!(
                    "This text has {count} part{} that look like web-page leftovers",
                    if count == 1 { "" } else { "s" },
                )}
            </h2>
            <Show when=move || previewing.get()>
                <p>"Checked parts are struck through in the text below and will be removed."</p>
                <ul class="leftover-list">{items}</ul>
            </Show>
            <div class="banner-actions">
                <button type="button" aria-pressed=move || previewing.get().to_string() on:click=move |_| previewing.update(|p| *p = !*p)>
                    "Preview leftovers"
                </button>
                <button type="button" class="primary" on:click=remove>
                    "Remove leftovers"
                </button>
                <button type="button" on:click=keep>
                    "Keep them"
                </button>
            </div>
        </section>
    }
}
