//! What floats over the article text: the toolbar by a selection, the card naming the
//! annotations under the pointer, and the menu that chooses one of several stacked there.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::annotator::{Annotations, Stack};
use super::state::AppState;
use crate::model::library::AnnotationKind;
use crate::model::span;
use crate::model::text;

/// A CSS length in whole pixels, rounded as an integer: printing a float would add 9 KB of
/// float formatting to the wasm.
pub(super) fn px(value: f64) -> String {
    format!("{}px", value.round() as i64)
}

/// The toolbar by a selection: one button per kind, with keys 1, 2, 3.
#[component]
pub(super) fn SelectionToolbar() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.pending.get().map(|pending| {
            // Set through the CSSOM (`style:`), which the Content-Security-Policy allows, not
            // as a `style` attribute, which it refuses.
            let (left, top) = (px(pending.left.max(8.0)), px(pending.bottom + 8.0));
            let buttons = AnnotationKind::ALL
                .into_iter()
                .enumerate()
                .map(|(i, kind)| {
                    view! {
                        <button
                            type="button"
                            class=format!("mark-button mark-{}", kind.slug())
                            aria-keyshortcuts=(i + 1).to_string()
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| state.mark(kind)
                        >
                            {kind.label()}
                            <kbd aria-hidden="true">{i + 1}</kbd>
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="selection-toolbar" role="toolbar" aria-label="Mark the selection as" style:left=left style:top=top>
                    {buttons}
                </div>
            }
        })
    }
}

/// Kind and note of the annotations under the pointer.
#[component]
pub(super) fn HoverCard(
    /// The annotations under the pointer; the card shows while this is set.
    stack: RwSignal<Option<Stack>>,
    annotations: Annotations,
) -> impl IntoView {
    move || {
        stack.get().map(|stack| {
            let (left, top) = (px(stack.x + 12.0), px(stack.y + 18.0));
            let rows = annotations.with_untracked(|all| {
                stack
                    .ids
                    .iter()
                    .filter_map(|id| all.iter().find(|a| &a.id == id))
                    .map(|a| {
                        let note = if a.note.is_empty() { "No note".to_string() } else { text::excerpt(&a.note, 120) };
                        view! {
                            <li class=format!("kind-{}", a.kind.slug())>
                                <strong>{a.kind.label()}</strong>
                                " "
                                <span>{note}</span>
                            </li>
                        }
                    })
                    .collect_view()
            });
            view! {
                <ul class="hover-card" role="tooltip" style:left=left style:top=top>
                    {rows}
                </ul>
            }
        })
    }
}

/// A menu to pick one of several annotations stacked under a click.
#[component]
pub(super) fn StackChooser(
    /// The stack to choose from; the menu is open while this is set.
    stack: RwSignal<Option<Stack>>,
    annotations: Annotations,
    text: Memo<Arc<str>>,
) -> impl IntoView {
    let state = AppState::get();
    let menu = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(first) = menu.get().and_then(|m| m.query_selector("button").ok().flatten()) {
            let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    move || {
        stack.get().map(|open| {
            let (left, top) = (px(open.x), px(open.y + 12.0));
            let items = annotations.with_untracked(|all| {
                open.ids
                    .iter()
                    .filter_map(|id| all.iter().find(|a| &a.id == id))
                    .map(|a| {
                        let id = a.id.clone();
                        let quote = text.with_untracked(|t| text::excerpt(&span::quote(t, a.span()), 50));
                        view! {
                            <button
                                type="button"
                                role="menuitem"
                                class=format!("kind-{}", a.kind.slug())
                                on:click=move |_| {
                                    state.choose(&id);
                                    stack.set(None);
                                }
                            >
                                {format!("{}: “{quote}”", a.kind.label())}
                            </button>
                        }
                    })
                    .collect_view()
            });
            view! {
                <div
                    class="stack-chooser"
                    role="menu"
                    aria-label="Choose an annotation"
                    style:left=left
                    style:top=top
                    node_ref=menu
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.stop_propagation();
                            stack.set(None);
                        }
                    }
                    on:focusout=move |ev| {
                        let inside = ev
                            .related_target()
                            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                            .zip(menu.get_untracked())
                            .is_some_and(|(t, m)| m.contains(Some(&t)));
                        if !inside {
                            stack.set(None);
                        }
                    }
                >
                    {items}
                </div>
            }
        })
    }
}
