//! The side panel: the open article's annotations in text order, to filter, search, look at,
//! edit and delete; with undo and redo.

use leptos::html;
use leptos::prelude::*;

use super::annotation_editor::CurrentAnnotationEditor;
use super::orphans::Orphans;
use super::state::AppState;
use super::suggestions::Suggestions;
use super::summary::SessionSummary;
use std::collections::HashMap;

use crate::model::authorship;
use crate::model::documents::Conflict;
use crate::model::library::{Annotation, AnnotationKind, Article, Verdict};
use crate::model::offsets::CharIndex;
use crate::model::text;

/// What one entry of the list shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    kind: AnnotationKind,
    quote: String,
    note: String,
    /// For a claim with a verdict: its rating and status.
    verdict: String,
    /// Who made and changed it on a desk ("by alice"); empty outside one.
    by: String,
    /// "Changed by alice and by bob" while two versions of it or its verdict wait for a choice.
    conflict: String,
}

/// How many entries of the list are drawn at first, and at each "Show more".
const ROWS_PER_PAGE: usize = 200;

/// The rows of the annotations with these ids, in the ids' order.
fn rows_of(article: &Article, ids: &[String], conflicts: &[Conflict]) -> Vec<Row> {
    let index = CharIndex::new(&article.text);
    let annotations: HashMap<&str, &Annotation> = article.annotations.iter().map(|a| (a.id.as_str(), a)).collect();
    let verdicts: HashMap<&str, &Verdict> = article.verdicts.iter().map(|v| (v.claim.as_str(), v)).collect();
    ids.iter()
        .filter_map(|id| annotations.get(id.as_str()))
        .map(|a| Row {
            id: a.id.clone(),
            kind: a.kind,
            quote: text::excerpt(index.slice(a.start, a.end), 160),
            note: a.note.clone(),
            verdict: verdicts.get(a.id.as_str()).map_or(String::new(), |v| v.label()),
            by: a.byline(),
            conflict: conflicts.iter().find(|c| c.annotation == a.id).map(Conflict::who).unwrap_or_default(),
        })
        .collect()
}

/// The annotations panel.
#[component]
pub fn AnnotationsPanel() -> impl IntoView {
    let state = AppState::get();
    let filter = RwSignal::new(None::<AnnotationKind>);
    // Only what this desk user made or changed, if one is chosen.
    let checker = RwSignal::new(None::<String>);
    let checkers =
        Memo::new(move |_| state.with_settled(|l| l.current().map(authorship::checkers).unwrap_or_default()));
    let query = RwSignal::new(String::new());
    // A count of the summary that was chosen: its name and the annotations it counts.
    let focus = RwSignal::new(None::<(String, Vec<String>)>);
    let count = move |kind: AnnotationKind| {
        state.with_settled(|l| l.current().map_or(0, |a| a.annotations.iter().filter(|n| n.kind == kind).count()))
    };
    let total = move || state.with_settled(|l| l.current().map_or(0, |a| a.annotations.len()));
    // The ids of the annotations listed, in text order. Only the rows drawn are worked out in
    // full (quote, verdict): with ten thousand annotations, a change redoes ids, not rows.
    let listed = Memo::new(move |_| {
        let needle = query.get().to_lowercase();
        let kind = filter.get();
        let checker = checker.get();
        state.with_settled(|l| {
            let Some(article) = l.current() else { return Vec::new() };
            let index = CharIndex::new(&article.text);
            article
                .annotations_in_text_order()
                .into_iter()
                .filter(|a| kind.is_none_or(|k| k == a.kind))
                .filter(|a| checker.as_deref().is_none_or(|c| a.is_by(c)))
                .filter(|a| focus.with(|f| f.as_ref().is_none_or(|(_, ids)| ids.contains(&a.id))))
                .filter(|a| {
                    needle.is_empty()
                        || a.note.to_lowercase().contains(&needle)
                        || index.slice(a.start, a.end).to_lowercase().contains(&needle)
                })
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    // One subscription per row to its own "is current" flag, not thousands to one signal.
    let current = StoredValue::new(Selector::new(move || state.active.get()));
    // Rows are drawn a page at a time (drawing 10,000 took ten seconds), and always far enough
    // to include the current annotation, so that choosing one in the text finds its entry.
    let limit = RwSignal::new(ROWS_PER_PAGE);
    // How many rows are drawn: choosing another annotation, or none, redraws them only if the
    // count changes (redrawing 200 rows indexes the whole text).
    let shown = Memo::new(move |_| {
        let active = state.active.get();
        listed.with(|ids| {
            let needed = active.and_then(|id| ids.iter().position(|i| *i == id)).map_or(0, |i| i + 1);
            ids.len().min(limit.get().max(needed))
        })
    });
    let drawn = Memo::new(move |_| {
        let shown = shown.get();
        listed.with(|ids| {
            let ids = &ids[..shown.min(ids.len())];
            state.conflicts.with(|conflicts| {
                state.with_settled(|l| l.current().map(|article| rows_of(article, ids, conflicts)).unwrap_or_default())
            })
        })
    });
    let hidden = move || listed.with(Vec::len).saturating_sub(drawn.with(Vec::len));
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
                    <HistoryButton redo=false />
                    <HistoryButton redo=true />
                </div>
            </div>
            <dl class="kind-counts">{counts}</dl>
            <Suggestions />
            <div class="panel-tools">
                <label>
                    "Show"
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.set(AnnotationKind::from_slug(&value));
                    }>
                        <option value="all">"All kinds"</option>
                        {kind_options()}
                    </select>
                </label>
                <Show when=move || checkers.with(|c| !c.is_empty())>
                    <label>
                        "By"
                        <select on:change=move |ev| {
                            let value = event_target_value(&ev);
                            checker.set((!value.is_empty()).then_some(value));
                        }>
                            <option value="">"Everyone"</option>
                            {move || {
                                checkers
                                    .get()
                                    .into_iter()
                                    .map(|name| {
                                        let selected = checker.with_untracked(|c| c.as_ref() == Some(&name));
                                        view! {
                                            <option value=name.clone() selected=selected>
                                                {name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                </Show>
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
                        let n = listed.with(Vec::len);
                        let all = total();
                        if n == all { format!("{all} in text order") } else { format!("{n} of {all} shown") }
                    }}
                </p>
                <SessionSummary focus=focus />
                <Show when=move || focus.with(Option::is_some)>
                    <p class="focus-bar">
                        {move || focus.with(|f| f.as_ref().map(|(name, ids)| format!("Showing {name} ({})", ids.len())))}
                        <button type="button" on:click=move |_| focus.set(None)>
                            "Show all"
                        </button>
                    </p>
                </Show>
                <CurrentAnnotationEditor />
                <ol class="entries" aria-label="Annotations in text order">
                    <For each=move || drawn.get() key=|row| row.clone() let:row>
                        <AnnotationEntry row=row current=current />
                    </For>
                </ol>
                <Show when=move || hidden() != 0>
                    <button type="button" class="show-more" on:click=move |_| limit.update(|l| *l += ROWS_PER_PAGE)>
                        {move || format!("Show {} more ({} not shown)", hidden().min(ROWS_PER_PAGE), hidden())}
                    </button>
                </Show>
            </Show>
            <Orphans />
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
                    <dt>"[ and ], Shift+[ and Shift+]"</dt>
                    <dd>"move the current annotation's start earlier or end later by a character; with Shift, start later or end earlier (or drag its ends in the text)"</dd>
                    <dt>"Delete"</dt>
                    <dd>"delete the current annotation (the text keeps the focus: Ctrl+Z brings it back)"</dd>
                    <dt>"Ctrl+Z, Ctrl+Shift+Z"</dt>
                    <dd>"undo, redo"</dd>
                    <dt>"A, R, N, P"</dt>
                    <dd>"while suggestions are open: accept, reject, next, previous suggestion"</dd>
                    <dt>"Enter on “Link a source”"</dt>
                    <dd>"link the source chosen in the list (moving through the list links nothing)"</dd>
                    <dt>"Enter in an evidence field"</dt>
                    <dd>"add the evidence typed"</dd>
                    <dt>"Escape"</dt>
                    <dd>"cancel picking a source, clear the selection or the current annotation, close a menu or dialog, or dismiss a notice"</dd>
                </dl>
            </details>
        </aside>
    }
}

/// One `<option>` per kind, valued by its slug.
pub(super) fn kind_options() -> impl IntoView {
    AnnotationKind::ALL.into_iter().map(|k| view! { <option value=k.slug()>{k.label()}</option> }).collect_view()
}

/// "Undo" or "Redo" for the open article's annotations.
#[component]
fn HistoryButton(
    /// Redo rather than undo.
    redo: bool,
) -> impl IntoView {
    let state = AppState::get();
    let article = Memo::new(move |_| state.library.with(|l| l.current.clone()));
    let possible = move || {
        article.get().is_some_and(|a| state.history.with(|h| if redo { h.can_redo(&a) } else { h.can_undo(&a) }))
    };
    view! {
        <button
            type="button"
            aria-keyshortcuts=if redo { "Control+Shift+Z" } else { "Control+Z" }
            disabled=move || !possible()
            on:click=move |_| {
                if let Some(a) = article.get_untracked() {
                    if redo { state.redo_annotation(&a) } else { state.undo_annotation(&a) }
                }
            }
        >
            {if redo { "Redo" } else { "Undo" }}
        </button>
    }
}

/// One annotation in the list.
#[component]
fn AnnotationEntry(
    /// What the entry shows.
    row: Row,
    /// Which annotation is the current one.
    current: StoredValue<Selector<Option<String>>>,
) -> impl IntoView {
    let state = AppState::get();
    let Row { id, kind, quote, note, verdict, by, conflict } = row;
    let key = Some(id.clone());
    let key = StoredValue::new(key);
    let is_active = move || current.with_value(|c| key.with_value(|k| c.selected(k)));
    let item = NodeRef::<html::Li>::new();
    // The way back from the text: the current annotation's entry comes into view.
    Effect::new(move |_| {
        if is_active()
            && panel_scrolls_alone()
            && let Some(item) = item.get()
        {
            // Scrolling measures the layout: leave it to the next frame rather than force one now.
            request_animation_frame(move || {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                item.scroll_into_view_with_scroll_into_view_options(&options);
            });
        }
    });
    let mut description = if note.is_empty() { "No note".to_string() } else { format!("Note: {note}") };
    if !verdict.is_empty() {
        description = format!("Verdict: {verdict}. {description}");
    }
    if !by.is_empty() {
        description = format!("{description}. Made {by}");
    }
    if !conflict.is_empty() {
        description = format!("{conflict}: choose a version. {description}");
    }
    let label = format!("{}: {quote}", kind.label());
    view! {
        <li node_ref=item class=format!("entry kind-{}", kind.slug()) class:active=is_active>
            <button
                type="button"
                class="entry-main"
                aria-current=move || is_active().then_some("true")
                aria-label=label
                aria-description=description
                on:click=move |_| {
                    if state.picking.get_untracked().is_some() || !is_active() {
                        state.choose(&id);
                    } else {
                        state.active.set(None);
                    }
                }
            >
                <span class="entry-kind">{kind.label()}</span>
                " "
                <q class="entry-quote">{quote}</q>
            </button>
            // What the button's description says, shown beside its name rather than in it, so
            // that the name read out is the words on the button.
            {(!verdict.is_empty() || !note.is_empty() || !by.is_empty() || !conflict.is_empty())
                .then(|| {
                    view! {
                        <div class="entry-extra" aria-hidden="true">
                            {(!conflict.is_empty()).then(|| view! { <span class="entry-conflict">{conflict.clone()}</span> })}
                            {(!verdict.is_empty()).then(|| view! { <span class="entry-verdict">{verdict.clone()}</span> })}
                            {(!note.is_empty()).then(|| view! { <span class="entry-note">{text::excerpt(&note, 120)}</span> })}
                            {(!by.is_empty()).then(|| view! { <span class="entry-by">{by.clone()}</span> })}
                        </div>
                    }
                })}
        </li>
    }
}

/// Whether the panel scrolls on its own (wide screens). Under the article (narrow screens), its
/// entries are brought into view by scrolling the page, which would take the text away.
fn panel_scrolls_alone() -> bool {
    window().match_media("(min-width: 901px)").ok().flatten().is_none_or(|m| m.matches())
}
