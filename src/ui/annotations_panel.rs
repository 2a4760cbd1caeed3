//! The side panel: the open article's annotations in text order, to filter, search, look at,
//! edit and delete; with undo and redo.

use leptos::html;
use leptos::prelude::*;

use super::state::AppState;
use crate::model::library::AnnotationKind;
use crate::model::text;

/// The annotations panel.
#[component]
pub fn AnnotationsPanel() -> impl IntoView {
    let state = AppState::get();
    let filter = RwSignal::new(None::<AnnotationKind>);
    let query = RwSignal::new(String::new());
    let article = Memo::new(move |_| state.library.with(|l| l.current.clone()));
    let count = move |kind: AnnotationKind| {
        state.library.with(|l| l.current().map_or(0, |a| a.annotations.iter().filter(|n| n.kind == kind).count()))
    };
    let total = move || state.library.with(|l| l.current().map_or(0, |a| a.annotations.len()));
    // Ids of the entries shown, in text order; each entry reads its own fields.
    let shown = Memo::new(move |_| {
        let needle = query.get().to_lowercase();
        let kind = filter.get();
        state.library.with(|l| {
            let Some(article) = l.current() else { return Vec::new() };
            article
                .annotations_in_text_order()
                .into_iter()
                .filter(|a| kind.is_none_or(|k| k == a.kind))
                .filter(|a| {
                    needle.is_empty()
                        || a.note.to_lowercase().contains(&needle)
                        || article.quote(a.span()).to_lowercase().contains(&needle)
                })
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let can_undo = move || article.get().is_some_and(|a| state.history.with(|h| h.can_undo(&a)));
    let can_redo = move || article.get().is_some_and(|a| state.history.with(|h| h.can_redo(&a)));
    let counts = AnnotationKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <div class=format!("kind-{}", kind.slug())>
                    <dt>{kind.label()}</dt>
                    <dd>{move || count(kind)}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <aside class="panel" aria-labelledby="panel-heading">
            <div class="panel-head">
                <h2 id="panel-heading">"Annotations"</h2>
                <div class="panel-history">
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Z"
                        disabled=move || !can_undo()
                        on:click=move |_| {
                            if let Some(a) = article.get_untracked() {
                                state.undo_annotation(&a);
                            }
                        }
                    >
                        "Undo"
                    </button>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Shift+Z"
                        disabled=move || !can_redo()
                        on:click=move |_| {
                            if let Some(a) = article.get_untracked() {
                                state.redo_annotation(&a);
                            }
                        }
                    >
                        "Redo"
                    </button>
                </div>
            </div>
            <dl class="kind-counts">{counts}</dl>
            <div class="panel-tools">
                <label>
                    "Show"
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.set(AnnotationKind::ALL.into_iter().find(|k| k.slug() == value));
                    }>
                        <option value="all">"All kinds"</option>
                        {AnnotationKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.slug()>{k.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <input
                    type="search"
                    aria-label="Search annotations"
                    placeholder="Search quotes and notes"
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </div>
            <Show
                when=move || { total() > 0 }
                fallback=|| {
                    view! {
                        <p class="panel-empty">
                            "Nothing is marked yet. Select a passage in the text, then choose Claim, Source or Anonymous attribution (or press 1, 2 or 3)."
                        </p>
                    }
                }
            >
                <p class="panel-summary" aria-live="polite">
                    {move || {
                        let n = shown.with(Vec::len);
                        let all = total();
                        if n == all { format!("{all} in text order") } else { format!("{n} of {all} shown") }
                    }}
                </p>
                <ol class="entries" aria-label="Annotations in text order">
                    <For each=move || shown.get() key=|id| id.clone() let:id>
                        <AnnotationEntry id=id />
                    </For>
                </ol>
            </Show>
            <details class="shortcuts">
                <summary>"Keyboard shortcuts"</summary>
                <dl>
                    <dt>"Tab to the text, then arrows"</dt>
                    <dd>"move a caret; Shift extends the selection, Ctrl by word, Up/Down or Alt by sentence"</dd>
                    <dt>"1, 2, 3"</dt>
                    <dd>"mark the selection as Claim, Source, Anonymous attribution (or change the kind of the current one)"</dd>
                    <dt>"j / k"</dt>
                    <dd>"next / previous annotation"</dd>
                    <dt>"Enter"</dt>
                    <dd>"edit the current annotation's note"</dd>
                    <dt>"Delete"</dt>
                    <dd>"delete the current annotation"</dd>
                    <dt>"Ctrl+Z, Ctrl+Shift+Z"</dt>
                    <dd>"undo, redo"</dd>
                    <dt>"Escape"</dt>
                    <dd>"clear the selection or the current annotation"</dd>
                </dl>
            </details>
        </aside>
    }
}

/// One annotation in the panel; its editor opens while it is the current annotation.
#[component]
fn AnnotationEntry(
    /// The annotation's id.
    id: String,
) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(id);
    let fields = Memo::new(move |_| {
        state.library.with(|l| {
            l.current().and_then(|a| {
                a.annotations
                    .iter()
                    .find(|n| n.id == *id.read_value())
                    .map(|n| (n.kind, a.quote(n.span()), n.note.clone()))
            })
        })
    });
    let kind = move || fields.with(|f| f.as_ref().map(|f| f.0)).unwrap_or(AnnotationKind::Claim);
    let quote = move || fields.with(|f| f.as_ref().map(|f| text::excerpt(&f.1, 160)).unwrap_or_default());
    let note = move || fields.with(|f| f.as_ref().map(|f| f.2.clone()).unwrap_or_default());
    let is_active = move || state.active.with(|a| a.as_deref() == Some(id.read_value().as_str()));
    let item = NodeRef::<html::Li>::new();
    // The way back from the text: the current annotation's entry comes into view.
    Effect::new(move |_| {
        if is_active()
            && let Some(item) = item.get()
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            item.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    // Typing in the note is one undo step per visit to the field, not one per key.
    let typing = StoredValue::new(false);
    let note_id = move || format!("note-{}", id.read_value());
    view! {
        <li node_ref=item class=move || format!("entry kind-{}", kind().slug()) class:active=is_active>
            <button
                type="button"
                class="entry-main"
                aria-current=move || is_active().then_some("true")
                aria-label=move || format!("{}: {}", kind().label(), quote())
                aria-description=move || {
                    let n = note();
                    if n.is_empty() { "No note".to_string() } else { format!("Note: {n}") }
                }
                on:click=move |_| {
                    let now_active = !is_active();
                    state.active.set(now_active.then(|| id.get_value()));
                }
            >
                <span class="entry-kind">{move || kind().label()}</span>
                <q class="entry-quote">{quote}</q>
                <Show when=move || !note().is_empty()>
                    <span class="entry-note">{move || text::excerpt(&note(), 120)}</span>
                </Show>
            </button>
            <Show when=is_active>
                <div class="entry-editor">
                    <label>
                        "Kind"
                        <select
                            prop:value=move || kind().slug()
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                if let Some(k) = AnnotationKind::ALL.into_iter().find(|k| k.slug() == value) {
                                    state.edit_annotation(&id.get_value(), false, |a| a.kind = k);
                                }
                            }
                        >
                            {AnnotationKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.slug()>{k.label()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        "Note"
                        <textarea
                            id=note_id
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
                    <button type="button" class="danger" on:click=move |_| state.delete_annotation(&id.get_value())>
                        "Delete annotation"
                    </button>
                </div>
            </Show>
        </li>
    }
}
