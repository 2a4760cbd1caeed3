//! The side panel where the open article's annotations are listed.

use leptos::prelude::*;

use super::state::AppState;
use crate::model::library::AnnotationKind;

/// Counts of the open article's annotations by kind, and the hint to start marking.
#[component]
pub fn AnnotationsPanel() -> impl IntoView {
    let state = AppState::get();
    let count = move |kind: AnnotationKind| {
        state.library.with(|l| l.current().map_or(0, |a| a.annotations.iter().filter(|n| n.kind == kind).count()))
    };
    view! {
        <aside class="panel" aria-labelledby="panel-heading">
            <h2 id="panel-heading">"Annotations"</h2>
            <dl class="kind-counts">
                <div class="kind-claim">
                    <dt>"Claims"</dt>
                    <dd>{move || count(AnnotationKind::Claim)}</dd>
                </div>
                <div class="kind-source">
                    <dt>"Sources"</dt>
                    <dd>{move || count(AnnotationKind::Source)}</dd>
                </div>
                <div class="kind-anonymous">
                    <dt>"Anonymous attributions"</dt>
                    <dd>{move || count(AnnotationKind::AnonymousAttribution)}</dd>
                </div>
            </dl>
            <p class="panel-empty">
                "Nothing is marked yet. Claims, sources and anonymous attributions you mark in the text will be listed here."
            </p>
        </aside>
    }
}
