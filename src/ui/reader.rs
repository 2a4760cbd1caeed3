//! The reader: the open article's details, the leftovers offer, and its text.

use std::ops::Range;

use leptos::prelude::*;

use super::annotator::Annotator;
use super::desk::ShareWithDesk;
use super::details_form::DetailsForm;
use super::leftovers_review::LeftoversReview;
use super::removed_parts::RemovedParts;
use super::state::AppState;
use super::versions::Versions;
use crate::model::library::Article;
use crate::model::{leftovers, text};

/// One field of the article `id`, followed as the library changes; the default while the
/// article is not there. A memo: views of it are redrawn only when the field itself changes.
fn article_field<T>(state: AppState, id: StoredValue<String>, field: fn(&Article) -> T) -> Memo<T>
where
    T: Default + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| state.library.with(|l| l.get(&id.get_value()).map(field).unwrap_or_default()))
}

/// The open article.
#[component]
pub fn Reader(
    /// Id of the article to show.
    id: String,
) -> impl IntoView {
    let state = AppState::get();
    let id = StoredValue::new(id);
    let title = article_field(state, id, |a| a.title.clone());
    let body = article_field(state, id, |a| a.text.clone());
    let source_url = article_field(state, id, |a| a.source_url.clone());
    let published = article_field(state, id, |a| a.published.clone());
    let credit = article_field(state, id, Article::credit);
    let words = Memo::new(move |_| body.with(|t| text::word_count(t)));
    // A headline pasted with its story is shown once: as the text's first paragraph, which can
    // be annotated; the heading stays for screen readers and the page's outline.
    let repeats_title = Memo::new(move |_| title.with(|title| body.with(|t| text::opens_with_title(t, title))));
    // Leftovers are offered until reviewed, and only while nothing is marked in the text.
    let offer = Memo::new(move |_| {
        state.library.with(|l| {
            l.get(&id.get_value())
                .filter(|a| !a.leftovers_reviewed && a.annotations.is_empty())
                .map(|a| leftovers::detect(&a.text))
                .filter(|found| !found.is_empty())
        })
    });
    let struck = RwSignal::new(Vec::<Range<usize>>::new());
    let editing = RwSignal::new(false);
    Effect::new(move |_| document().set_title(&format!("{} — Article Annotator", title.get())));
    view! {
        <article class="reader" aria-labelledby="article-title">
            <header class="article-header">
                <h1 id="article-title" class:visually-hidden=repeats_title>
                    {title}
                </h1>
                <p class="article-meta">
                    {move || {
                        let credit = credit.get();
                        (!credit.is_empty())
                            .then(|| view! { <span class="article-credit">{credit}</span> <span aria-hidden="true">" · "</span> })
                    }}
                    {move || {
                        let url = source_url.get();
                        if url.is_empty() {
                            view! { <span>{text::NO_SOURCE_URL}</span> }.into_any()
                        } else {
                            view! {
                                <a href=url.clone() target="_blank" rel="noopener noreferrer">
                                    {url.clone()}
                                </a>
                            }
                                .into_any()
                        }
                    }} <span aria-hidden="true">" · "</span>
                    <span>
                        {move || published.with(|date| text::publication(date))}
                    </span> <span aria-hidden="true">" · "</span> <span>{move || format!("{} words", words.get())}</span>
                </p>
                <Show
                    when=move || editing.get()
                    fallback=move || {
                        view! {
                            <button type="button" on:click=move |_| editing.set(true)>
                                "Edit details"
                            </button>
                        }
                    }
                >
                    <DetailsForm id=id.get_value() on_done=Callback::new(move |()| editing.set(false)) />
                </Show>
                <ShareWithDesk id=id.get_value() />
                <Versions id=id.get_value() />
            </header>
            {move || {
                offer
                    .get()
                    .map(|found| {
                        view! { <LeftoversReview id=id.get_value() found=found struck=struck /> }
                    })
            }}
            <RemovedParts id=id.get_value() />
            <div class="annotated" class:opens-with-title=repeats_title>
                <Annotator id=id.get_value() text=body struck=struck />
            </div>
        </article>
    }
}
