//! The fact-check summary of the open article: counts that lead to the passages they count.

use leptos::prelude::*;

use super::state::AppState;
use crate::model::library::AnnotationKind;
use crate::model::summary::summarize;

/// The summary; choosing a count shows its annotations in the panel's list (`focus`).
#[component]
pub fn SessionSummary(focus: RwSignal<Option<(String, Vec<String>)>>) -> impl IntoView {
    let state = AppState::get();
    let summary = Memo::new(move |_| state.library.with(|l| l.current().map(|a| summarize(a, &l.ratings))));
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
                    .map(|s| {
                        let kinds = AnnotationKind::ALL
                            .into_iter()
                            .zip(s.by_kind.clone())
                            .map(|(kind, ids)| count(plural_of(kind).to_string(), ids))
                            .collect_view();
                        let claims = s.by_kind[0].len();
                        let ratings = s
                            .by_rating
                            .clone()
                            .into_iter()
                            .map(|(rating, ids)| {
                                let name = if rating.is_empty() { "Not rated".to_string() } else { rating };
                                count(name, ids)
                            })
                            .collect_view();
                        view! {
                            <ul class="summary-counts" aria-label="Marked">{kinds}</ul>
                            <ul class="summary-counts" aria-label="What claims rest on">
                                {count("Claims with no source".into(), s.claims_without_source.clone())}
                                {count("Claims resting only on anonymous attributions".into(), s.claims_only_anonymous.clone())}
                                {count(
                                    "Anonymous attributions with no reason for anonymity".into(),
                                    s.anonymous_without_reason.clone(),
                                )}
                            </ul>
                            <ul class="summary-counts" aria-label="Verdicts">
                                {counted(
                                    "Checked claims".into(),
                                    format!("Checked claims: {} of {claims}", s.checked.len()),
                                    s.checked.clone(),
                                )}
                                {ratings}
                            </ul>
                        }
                    })
            }}
        </details>
    }
}

fn plural_of(kind: AnnotationKind) -> &'static str {
    match kind {
        AnnotationKind::Claim => "Claims",
        AnnotationKind::Source => "Sources",
        AnnotationKind::AnonymousAttribution => "Anonymous attributions",
    }
}
