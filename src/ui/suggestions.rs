//! The attribution assistant in the panel: "Suggest sources", then each suggestion in turn to
//! accept or reject (keys A, R, N, P anywhere but in a form field, handled with the text's keys
//! in `annotator.rs`), or all at once.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::AppState;
use crate::model::library::AnnotationKind;
use crate::model::text;

#[component]
pub fn Suggestions() -> impl IntoView {
    let state = AppState::get();
    // Suggestions belong to the article they were made for.
    let article = Memo::new(move |_| state.library.with(|l| l.current.clone()));
    Effect::new(move |previous: Option<Option<String>>| {
        let now = article.get();
        if previous.is_some_and(|p| p != now) {
            state.suggestions.set(Vec::new());
        }
        now
    });
    let count = move || state.suggestions.with(Vec::len);
    let current = move || {
        let at = state.suggestion_at.get();
        state.suggestions.with(|all| all.get(at).cloned()).map(|s| {
            let quote =
                state.library.with(|l| l.current().map(|a| text::excerpt(&a.quote(s.span), 120)).unwrap_or_default());
            (at, s, quote)
        })
    };
    let step = move |forward: bool| state.step_suggestion(forward);
    let accept = move || state.accept_current_suggestion();
    let reject = move || state.reject_current_suggestion();
    view! {
        <div class="suggest-tools">
            <button type="button" on:click=move |_| spawn_local(async move { state.suggest().await })>
                "Suggest sources"
            </button>
        </div>
        <Show when=move || count() != 0>
            <section class="suggestions sheet" aria-label="Suggestions">
                <h3>{move || format!("Suggestions ({})", count())}</h3>
                {move || {
                    current()
                        .map(|(at, s, quote)| {
                            let reason = match (s.kind, s.reason) {
                                (AnnotationKind::AnonymousAttribution, Some(r)) => format!("{} Reason for anonymity given: “{r}”.", s.rule),
                                (AnnotationKind::AnonymousAttribution, None) => format!("{} No reason for anonymity given.", s.rule),
                                _ => s.rule,
                            };
                            view! {
                                <p class=format!("suggestion kind-{}", s.kind.slug())>
                                    <span class="entry-kind">{format!("{} of {} · {}", at + 1, count(), s.kind.label())}</span>
                                    <q>{quote}</q>
                                    <span class="hint">{reason}</span>
                                </p>
                            }
                        })
                }}
                <div class="suggestion-actions">
                    <button type="button" aria-keyshortcuts="A" on:click=move |_| accept()>
                        "Accept"
                    </button>
                    <button type="button" aria-keyshortcuts="R" on:click=move |_| reject()>
                        "Reject"
                    </button>
                    <button type="button" aria-keyshortcuts="P" on:click=move |_| step(false)>
                        "Previous"
                    </button>
                    <button type="button" aria-keyshortcuts="N" on:click=move |_| step(true)>
                        "Next"
                    </button>
                </div>
                <div class="suggestion-actions">
                    <button
                        type="button"
                        on:click=move |_| state.accept_suggestions(&(0..count()).collect::<Vec<_>>())
                    >
                        "Accept all"
                    </button>
                    <button
                        type="button"
                        on:click=move |_| state.reject_suggestions(&(0..count()).collect::<Vec<_>>())
                    >
                        "Reject all"
                    </button>
                </div>
            </section>
        </Show>
    }
}
