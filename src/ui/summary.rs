//! The fact-check summary of the open article: counts that lead to the passages they count.

use leptos::prelude::*;

use super::state::AppState;
use crate::browser::clock;
use crate::model::attribution::{PIECE_BYTES, Suggester};
use crate::model::library::{AnnotationKind, Article};
use crate::model::offsets::CharIndex;
use crate::model::summary::{ReasonCache, counts};

/// The summary; choosing a count shows its annotations in the panel's list (`focus`).
#[component]
pub fn SessionSummary(focus: RwSignal<Option<(String, Vec<String>)>>) -> impl IntoView {
    let state = AppState::get();
    // Which anonymous attributions give no reason needs a pass of the attribution assistant over
    // the whole text: over 100 ms on a long report in one task. It starts when the page is idle
    // once the article is painted (the count shows "…" until then), goes a piece of text at a
    // time with the page drawing between (`bench/suggest_tasks.mjs`), and is remembered for the
    // changes that follow.
    let reasons = StoredValue::new(ReasonCache::default());
    let reasons_found = RwSignal::new(0u32);
    let warming = StoredValue::new(false);
    let has_anonymous = |a: &Article| a.annotations.iter().any(|a| a.kind == AnnotationKind::AnonymousAttribution);
    Effect::new(move |_| {
        let cold = state
            .library
            .with(|l| l.current().is_some_and(|a| has_anonymous(a) && !reasons.with_value(|r| r.is_for(&a.text))));
        if cold && !warming.get_value() {
            warming.set_value(true);
            clock::when_idle(std::time::Duration::from_secs(2), move || {
                leptos::task::spawn_local(async move {
                    find_reasons(state, reasons).await;
                    warming.set_value(false);
                    reasons_found.update(|n| *n += 1);
                });
            });
        }
    });
    let summary = Memo::new(move |_| {
        reasons_found.track();
        state.with_settled(|l| {
            l.current().map(|a| {
                let mut summary = counts(a, &l.ratings);
                let known = if has_anonymous(a) {
                    reasons.try_update_value(|r| r.is_for(&a.text).then(|| r.unexplained(a))).flatten()
                } else {
                    Some(Vec::new())
                };
                let found = known.is_some();
                summary.anonymous_without_reason = known.unwrap_or_default();
                (summary, found)
            })
        })
    });
    let ratings = Memo::new(move |_| state.with_settled(|l| l.ratings.clone()));
    let counted = move |name: String, label: String, ids: Vec<String>| {
        let empty = ids.is_empty();
        view! {
            <li>
                <button type="button" disabled=empty on:click=move |_| focus.set(Some((name.clone(), ids.clone())))>
                    {label}
                </button>
            </li>
        }
    };
    let count = move |name: String, ids: Vec<String>| {
        let label = format!("{name}: {}", ids.len());
        counted(name, label, ids)
    };
    view! {
        <details class="session-summary" open>
            <summary>"Fact-check summary"</summary>
            {move || {
                summary
                    .get()
                    .map(|(s, reasons_found)| {
                        let claims = s.by_kind[0].len();
                        // Ratings given are counts to choose; the rest of the scale is a legend
                        // of the overline colors, without a button for nothing.
                        let ratings = s
                            .by_rating
                            .clone()
                            .into_iter()
                            .map(|(rating, ids)| {
                                let color = ratings.with(|all| all.iter().position(|r| *r == rating));
                                let swatch = color.map(|i| {
                                    view! { <span class=format!("swatch rating-{}", i.min(7)) aria-hidden="true"></span> }
                                });
                                let name = if rating.is_empty() { "Not rated".to_string() } else { rating };
                                if ids.is_empty() {
                                    view! {
                                        <li class="legend-only">
                                            {swatch}
                                            {format!("{name}: 0")}
                                        </li>
                                    }
                                        .into_any()
                                } else {
                                    let label = format!("{name}: {}", ids.len());
                                    view! {
                                        <li>
                                            <button type="button" on:click=move |_| focus.set(Some((name.clone(), ids.clone())))>
                                                {swatch}
                                                {label}
                                            </button>
                                        </li>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view();
                        view! {
                            <ul class="summary-counts" aria-label="What claims rest on">
                                {count("Claims with no source".into(), s.claims_without_source.clone())}
                                {count("Claims resting only on anonymous attributions".into(), s.claims_only_anonymous.clone())}
                                {if reasons_found {
                                    count(
                                        "Anonymous attributions with no reason for anonymity".into(),
                                        s.anonymous_without_reason.clone(),
                                    )
                                } else {
                                    counted(
                                        "Anonymous attributions with no reason for anonymity".into(),
                                        "Anonymous attributions with no reason for anonymity: …".into(),
                                        Vec::new(),
                                    )
                                }}
                            </ul>
                            <ul class="summary-counts" aria-label="Verdicts">
                                {counted(
                                    "Checked claims".into(),
                                    format!("Checked claims: {} of {claims}", s.checked.len()),
                                    s.checked.clone(),
                                )}
                            </ul>
                            <ul class="summary-counts rating-legend" aria-label="Ratings">
                                {ratings}
                            </ul>
                        }
                    })
            }}
        </details>
    }
}

/// Fills `reasons` for the open article's text: the assistant's findings a piece at a time,
/// then each anonymous attribution's reason, in [`clock::Slices`].
async fn find_reasons(state: AppState, reasons: StoredValue<ReasonCache>) {
    let Some(text) = state.library.with_untracked(|l| l.current().map(|a| a.text.clone())) else { return };
    let mut slices = clock::Slices::new(clock::Slices::DEFAULT_MS);
    let mut explained = Vec::new();
    let mut suggester = Suggester::new(&text, PIECE_BYTES);
    while let Some(piece) = suggester.next_piece() {
        explained.extend(piece.into_iter().filter(|s| s.reason.is_some()).map(|s| s.span));
        slices.pause_if_spent().await;
    }
    reasons.update_value(|r| r.take_findings(text.clone(), explained));
    let index = CharIndex::new(&text);
    let spans = state.library.with_untracked(|l| {
        l.current()
            .filter(|a| a.text == text)
            .map(|a| {
                a.annotations
                    .iter()
                    .filter(|a| a.kind == AnnotationKind::AnonymousAttribution)
                    .map(|a| a.span())
                    .collect()
            })
            .unwrap_or_else(Vec::new)
    });
    for batch in spans.chunks(100) {
        reasons.update_value(|r| batch.iter().for_each(|&span| r.learn(&index, span)));
        slices.pause_if_spent().await;
    }
}
