//! The versions of the open article (a page sent again after its outlet changed it): adding
//! one, the list with capture times, and "What changed" between two of them.

use leptos::prelude::*;

use super::state::{AppState, Undo};
use crate::browser::clock;
use crate::model::diff::{self, Block, Diff, Piece};
use crate::model::library::Article;
use crate::model::source::Draft;

impl AppState {
    /// Makes a sent page's text the next version of the article `id`, moving its annotations
    /// (see `Library::add_version`), and opens it; the notice offers to undo.
    pub fn add_version(&self, id: &str, draft: Draft) {
        let Some(before) = self.library.with_untracked(|l| l.get(id).cloned()) else {
            return self.fail("That article is no longer in the library.");
        };
        let Draft { title, text, meta, removed, .. } = draft;
        let mut result = Ok(None);
        self.library.update(|library| {
            result = library.add_version(id, &title, text.into(), &clock::now_iso());
            if matches!(result, Ok(Some(_))) {
                let _ = library.open(id);
                // What the new page left out of its text, and its own date of update.
                if let Ok(article) = library.get_mut(id) {
                    article.removed_parts = removed;
                    if let Some(modified) = meta.modified {
                        article.modified = modified;
                    }
                }
            }
        });
        match result {
            Ok(Some(added)) => {
                // The undo history's offsets are those of the old text.
                self.history.update(|history| history.forget(id));
                let orphans = match added.orphaned {
                    0 => "none became an orphan".to_string(),
                    1 => "1 became an orphan: its passage is gone".to_string(),
                    n => format!("{n} became orphans: their passages are gone"),
                };
                let message = format!(
                    "Added version {} of “{}”: {} annotation{} moved to the new text, {orphans}.",
                    added.number,
                    before.title,
                    added.moved,
                    if added.moved == 1 { "" } else { "s" },
                );
                self.inform(message, Some(Undo::TakeBackVersion(Box::new(before))));
            }
            Ok(None) => {
                self.library.update(|library| {
                    let _ = library.open(id);
                });
                let n = before.version_number();
                self.inform(format!("The library already has this text: version {n} of “{}”.", before.title), None);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}

/// The versions of an article, when it has more than one: their capture times, and "What
/// changed" between two of them.
#[component]
pub fn Versions(id: String) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(id);
    let listed = Memo::new(move |_| {
        state.library.with(|l| {
            l.get(&id.get_value())
                .map(|a| {
                    (1..=a.version_number())
                        .filter_map(|n| a.version(n).map(|v| (n, v.0.to_string(), v.2.to_string())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let count = Memo::new(move |_| listed.with(Vec::len));
    let open = RwSignal::new(false);
    let from = RwSignal::new(0usize);
    let to = RwSignal::new(0usize);
    // A new version shows what changed from the one before it.
    Effect::new(move |_| {
        let n = count.get();
        from.set(n.saturating_sub(1));
        to.set(n);
    });
    let choose = move |number: RwSignal<usize>| {
        move |ev: leptos::ev::Event| number.set(event_target_value(&ev).parse().unwrap_or(0))
    };
    let options = move |chosen: RwSignal<usize>| {
        move || {
            listed
                .get()
                .into_iter()
                .map(|(n, _, _)| view! { <option value=n.to_string() selected=move || chosen.get() == n>{format!("Version {n}")}</option> })
                .collect_view()
        }
    };
    view! {
        <Show when=move || { count.get() > 1 }>
            <section class="versions" aria-labelledby="versions-heading">
                <h2 id="versions-heading" class="versions-heading">{move || format!("Versions ({})", count.get())}</h2>
                <ol class="versions-list">
                    {move || {
                        let last = count.get();
                        let latest_title = listed.with(|l| l.last().map(|v| v.1.clone()).unwrap_or_default());
                        listed
                            .get()
                            .into_iter()
                            .map(|(n, title, captured)| {
                                // An earlier title is shown when it differs from the latest.
                                let retitled = (n != last && title != latest_title).then_some(title);
                                view! {
                                    <li>
                                        <span class="version-number">{format!("Version {n}")}</span>
                                        " · captured "
                                        <time datetime=captured.clone()>{clock::local_time(&captured)}</time>
                                        {(n == last).then_some(" · shown")}
                                        {retitled.map(|title| view! { <span class="version-title">{format!(" · “{title}”")}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
                <div class="versions-compare">
                    <label>
                        "From " <select on:change=choose(from) aria-label="Compare from">{options(from)}</select>
                    </label>
                    <label>
                        " to " <select on:change=choose(to) aria-label="Compare to">{options(to)}</select>
                    </label>
                    <button type="button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "Hide what changed" } else { "What changed" }}
                    </button>
                </div>
                <Show when=move || open.get()>
                    <WhatChanged id=id.get_value() from=from to=to />
                </Show>
            </section>
        </Show>
    }
}

/// The changed paragraphs between two versions, deleted words struck through and inserted ones
/// underlined, each also named for screen readers and marked with − and + (not colour alone).
#[component]
fn WhatChanged(id: String, from: RwSignal<usize>, to: RwSignal<usize>) -> impl IntoView {
    let state = AppState::get();
    let blocks = Memo::new(move |_| {
        let (from, to) = (from.get(), to.get());
        state.library.with(|l| {
            let article = l.get(&id)?;
            let (_, old, _) = article.version(from)?;
            let (_, new, _) = article.version(to)?;
            Some(diff::blocks(&Diff::between(&old, &new), &old, &new))
        })
    });
    let changed = Memo::new(move |_| {
        blocks.with(|b| b.as_ref().map_or(0, |b| b.iter().filter(|b| matches!(b, Block::Changed { .. })).count()))
    });
    view! {
        <div class="what-changed" role="region" aria-labelledby="what-changed-heading">
            <h3 id="what-changed-heading">
                {move || format!("What changed from version {} to version {}", from.get(), to.get())}
            </h3>
            <p class="what-changed-summary">
                {move || match changed.get() {
                    0 => "No paragraph changed.".to_string(),
                    1 => "1 paragraph changed.".to_string(),
                    n => format!("{n} paragraphs changed."),
                }}
            </p>
            <ol class="what-changed-list">
                {move || {
                    let from = from.get();
                    blocks.get().unwrap_or_default().into_iter().map(|b| block_view(b, from)).collect_view()
                }}
            </ol>
        </div>
    }
}

fn block_view(block: Block, from: usize) -> AnyView {
    match block {
        Block::Unchanged(n) => view! {
            <li class="unchanged-paragraphs">{format!("{n} unchanged paragraph{}", if n == 1 { "" } else { "s" })}</li>
        }
        .into_any(),
        Block::Changed { old_paragraph, new_paragraph, pieces } => {
            let place = match (old_paragraph, new_paragraph) {
                (Some(_), Some(n)) => format!("Paragraph {n}, changed"),
                (None, Some(n)) => format!("Paragraph {n}, added"),
                (Some(n), None) => format!("Paragraph {n} of version {from}, deleted"),
                (None, None) => "Changed".to_string(),
            };
            view! {
                <li class="changed-paragraph">
                    <p class="changed-paragraph-place">{place}</p>
                    <p class="changed-paragraph-text">{pieces.into_iter().map(piece_view).collect_view()}</p>
                </li>
            }
            .into_any()
        }
    }
}

/// A piece of a changed paragraph; the print report shows them the same way.
pub(super) fn piece_view(piece: Piece) -> AnyView {
    match piece {
        Piece::Same(s) => s.into_any(),
        Piece::Deleted(s) => view! {
            <del><span class="visually-hidden">"[deleted: "</span>{s}<span class="visually-hidden">"]"</span></del>
        }
        .into_any(),
        Piece::Inserted(s) => view! {
            <ins><span class="visually-hidden">"[inserted: "</span>{s}<span class="visually-hidden">"]"</span></ins>
        }
        .into_any(),
    }
}

/// What the sent-page dialog says of an article already in the library at the page's address.
#[derive(Clone, Debug, PartialEq)]
pub struct SamePage {
    pub id: String,
    pub title: String,
    /// The number the page would get as a new version.
    pub next: usize,
    /// The page's text is the article's latest version's.
    pub unchanged: bool,
}

impl SamePage {
    pub fn of(article: &Article, text: &str) -> SamePage {
        SamePage {
            id: article.id.clone(),
            title: article.title.clone(),
            next: article.version_number() + 1,
            unchanged: *article.text == *text,
        }
    }
}
