//! Editing an article's title, source URL and publication date, and who fact-checked it.

use leptos::html;
use leptos::prelude::*;

use super::state::AppState;
use crate::model::library::Session;

/// A form for the article's details; all fields are saved together or not at all.
#[component]
pub fn DetailsForm(
    /// The article being edited.
    id: String,
    /// Called after saving or cancelling.
    on_done: Callback<()>,
) -> impl IntoView {
    let state = AppState::get();
    let (title, url, date, session) = state.library.with_untracked(|l| {
        l.get(&id)
            .map(|a| (a.title.clone(), a.source_url.clone(), a.published.clone(), a.session.clone()))
            .unwrap_or_default()
    });
    let checker_input = NodeRef::<html::Input>::new();
    let organization_input = NodeRef::<html::Input>::new();
    let checked_input = NodeRef::<html::Input>::new();
    let review_input = NodeRef::<html::Input>::new();
    let title_input = NodeRef::<html::Input>::new();
    let url_input = NodeRef::<html::Input>::new();
    let date_input = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = |input: NodeRef<html::Input>| input.get().map(|i| i.value()).unwrap_or_default();
        let mut edited = state.library.get_untracked();
        let result = edited
            .rename(&id, &value(title_input))
            .and_then(|()| edited.set_source_url(&id, &value(url_input)))
            .and_then(|()| edited.set_published(&id, &value(date_input)))
            .and_then(|()| {
                let session = Session {
                    checker: value(checker_input),
                    organization: value(organization_input),
                    checked: value(checked_input),
                    review_url: value(review_input),
                };
                edited.set_session(&id, session)
            });
        match result {
            Ok(()) => {
                state.library.set(edited);
                state.inform("Saved the article's details.", None);
                on_done.run(());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    Effect::new(move |_| {
        if let Some(input) = title_input.get() {
            let _ = input.focus();
        }
    });
    view! {
        <form class="details-form" aria-label="Article details" novalidate on:submit=save>
            <label>
                "Title" <input type="text" node_ref=title_input value=title required />
            </label>
            <label>
                "Source URL"
                <input type="url" node_ref=url_input value=url placeholder="https://" inputmode="url" />
            </label>
            <label>
                "Publication date" <input type="date" node_ref=date_input value=date />
            </label>
            <fieldset class="session-fields">
                <legend>"Fact-check"</legend>
                <label>
                    "Checked by" <input type="text" node_ref=checker_input value=session.checker autocomplete="name" />
                </label>
                <label>
                    "Organization"
                    <input type="text" node_ref=organization_input value=session.organization autocomplete="organization" />
                </label>
                <label>
                    "Checked on" <input type="date" node_ref=checked_input value=session.checked />
                </label>
                <label>
                    "Fact-check URL"
                    <input type="url" node_ref=review_input value=session.review_url placeholder="https://" inputmode="url" />
                </label>
            </fieldset>
            <p class="form-error" role="alert">
                {move || error.get()}
            </p>
            <div class="form-actions">
                <button type="submit" class="primary">
                    "Save details"
                </button>
                <button type="button" on:click=move |_| on_done.run(())>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
