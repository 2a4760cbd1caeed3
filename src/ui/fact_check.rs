//! The fact-checking half of the current annotation's editor: a claim's sources (linked by a
//! list or by picking in the text) and its verdict; the claims a source backs.

use leptos::prelude::*;

use super::state::AppState;
use crate::model::library::{Annotation, AnnotationKind, Article, CheckStatus, Evidence, Verdict};
use crate::model::offsets::CharIndex;
use crate::model::text;

/// An annotation as the editor lists it: id, kind and a short quote.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Item {
    id: String,
    kind: AnnotationKind,
    quote: String,
}

/// How many sources the "Link a source" list offers: the nearest to the claim.
const LINK_CHOICES: usize = 100;

fn item(index: &CharIndex, a: &Annotation) -> Item {
    Item { id: a.id.clone(), kind: a.kind, quote: text::excerpt(index.slice(a.start, a.end), 60) }
}

/// The items of the annotations with these ids, in the ids' order. A claim has few sources and a
/// source backs few claims: each quote is read on its own, without indexing the whole text.
fn items<'a>(article: &Article, ids: impl Iterator<Item = &'a str>) -> Vec<Item> {
    ids.filter_map(|id| article.annotations.iter().find(|a| a.id == id))
        .map(|a| Item { id: a.id.clone(), kind: a.kind, quote: text::excerpt(&article.quote(a.span()), 60) })
        .collect()
}

/// A claim's sources: the linked ones with "Unlink", a list to link another, and "Pick in text".
#[component]
pub fn ClaimSources(claim: StoredValue<String>) -> impl IntoView {
    let state = AppState::get();
    let lists = Memo::new(move |_| {
        state.with_settled(|l| {
            let Some(article) = l.current() else { return (Vec::new(), Vec::new()) };
            let claim = claim.read_value();
            let linked = items(article, article.links.iter().filter(|k| *k.claim == *claim).map(|k| k.source.as_str()));
            let index = CharIndex::new(&article.text);
            let others = article.link_candidates(&claim, LINK_CHOICES).into_iter().map(|a| item(&index, a)).collect();
            (linked, others)
        })
    });
    let picking = move || state.picking.get().is_some_and(|c| c == *claim.read_value());
    view! {
        <fieldset class="claim-sources">
            <legend>"Sources"</legend>
            <Show
                when=move || lists.with(|(linked, _)| !linked.is_empty())
                fallback=|| view! { <p class="hint">"No source yet: this claim rests on nothing in the text."</p> }
            >
                <ul class="linked">
                    {move || {
                        lists
                            .get()
                            .0
                            .into_iter()
                            .map(|source| {
                                let label = format!("{}: “{}”", source.kind.label(), source.quote);
                                let unlink_name = format!("Unlink “{}”", source.quote);
                                let id = source.id.clone();
                                view! {
                                    <li class=format!("kind-{}", source.kind.slug())>
                                        <span>{label}</span>
                                        <button
                                            type="button"
                                            aria-label=unlink_name
                                            on:click=move |_| state.unlink(&claim.get_value(), &id)
                                        >
                                            "Unlink"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
            <label>
                "Link a source"
                <select
                    prop:value=""
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if !value.is_empty() {
                            state.link(&claim.get_value(), &value);
                        }
                    }
                >
                    <option value="">"Choose a source or anonymous attribution…"</option>
                    {move || {
                        lists
                            .get()
                            .1
                            .into_iter()
                            .map(|i| view! { <option value=i.id>{format!("{}: “{}”", i.kind.label(), i.quote)}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <button
                type="button"
                aria-pressed=move || picking().to_string()
                on:click=move |_| {
                    state.picking.set(if picking() { None } else { Some(claim.get_value()) });
                }
            >
                "Pick in text"
            </button>
            <Show when=picking>
                <p class="hint" role="status">
                    "Click a source or anonymous attribution in the text or the list. Escape cancels."
                </p>
            </Show>
        </fieldset>
    }
}

/// The claims a source or anonymous attribution backs.
#[component]
pub fn BackedClaims(source: StoredValue<String>) -> impl IntoView {
    let state = AppState::get();
    let claims = Memo::new(move |_| {
        state.with_settled(|l| {
            let Some(article) = l.current() else { return Vec::new() };
            let source = source.read_value();
            items(article, article.links.iter().filter(|k| *k.source == *source).map(|k| k.claim.as_str()))
        })
    });
    view! {
        <section class="backed-claims" aria-label="Claims it backs">
            <h3>"Backs"</h3>
            <Show
                when=move || claims.with(|c: &Vec<Item>| !c.is_empty())
                fallback=|| view! { <p class="hint">"No claim rests on it yet."</p> }
            >
                <ul class="linked">
                    {move || {
                        claims
                            .get()
                            .into_iter()
                            .map(|claim| {
                                let id = claim.id.clone();
                                view! {
                                    <li class="kind-claim">
                                        <button type="button" on:click=move |_| state.active.set(Some(id.clone()))>
                                            {format!("Claim: “{}”", claim.quote)}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}

/// A claim's verdict: rating, status, evidence and reasoning.
#[component]
pub fn VerdictEditor(claim: StoredValue<String>) -> impl IntoView {
    let state = AppState::get();
    let verdict = Memo::new(move |_| {
        state.with_settled(|l| {
            let claim = claim.read_value();
            let found = l.current().and_then(|a| a.verdicts.iter().find(|v| *v.claim == *claim).cloned());
            found.unwrap_or_else(|| Verdict { claim: claim.clone(), ..Verdict::default() })
        })
    });
    let ratings = Memo::new(move |_| state.with_settled(|l| l.ratings.clone()));
    let typing = StoredValue::new(false);
    let url = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let add_evidence = move || {
        let link = url.get_untracked().trim().to_string();
        if !(link.starts_with("https://") || link.starts_with("http://")) || link.len() < 10 {
            problem.set(Some("Evidence must be a web address starting with http:// or https://."));
            return;
        }
        let name = label.get_untracked().trim().to_string();
        state.judge(&claim.get_value(), false, |v| v.evidence.push(Evidence { url: link, label: name }));
        problem.set(None);
        url.set(String::new());
        label.set(String::new());
    };
    view! {
        <fieldset class="verdict">
            <legend>"Verdict"</legend>
            <label>
                "Rating"
                <select
                    prop:value=move || verdict.with(|v| v.rating.clone())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.judge(&claim.get_value(), false, |v| v.rating = value);
                    }
                >
                    <option value="">"Not rated"</option>
                    {move || ratings.get().into_iter().map(|r| { let shown = r.clone(); view! { <option value=r>{shown}</option> } }).collect_view()}
                </select>
            </label>
            <label>
                "Status"
                <select
                    prop:value=move || verdict.with(|v| v.status.slug())
                    on:change=move |ev| {
                        if let Some(status) = CheckStatus::from_slug(&event_target_value(&ev)) {
                            state.judge(&claim.get_value(), false, |v| v.status = status);
                        }
                    }
                >
                    {CheckStatus::ALL.map(|s| view! { <option value=s.slug()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <div class="evidence" role="group" aria-label="Evidence">
                <ul>
                    {move || {
                        verdict
                            .get()
                            .evidence
                            .into_iter()
                            .enumerate()
                            .map(|(i, e)| {
                                let shown = if e.label.is_empty() { e.url.clone() } else { e.label.clone() };
                                let remove_name = format!("Remove evidence “{shown}”");
                                view! {
                                    <li>
                                        <a href=e.url.clone() target="_blank" rel="noopener noreferrer">{shown}</a>
                                        <button
                                            type="button"
                                            aria-label=remove_name
                                            on:click=move |_| {
                                                state.judge(&claim.get_value(), false, |v| {
                                                    if i < v.evidence.len() {
                                                        v.evidence.remove(i);
                                                    }
                                                })
                                            }
                                        >
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <label>
                    "Evidence URL"
                    <input type="url" placeholder="https://…" prop:value=url on:input=move |ev| url.set(event_target_value(&ev)) />
                </label>
                <label>
                    "Evidence label"
                    <input type="text" prop:value=label on:input=move |ev| label.set(event_target_value(&ev)) />
                </label>
                <button type="button" on:click=move |_| add_evidence()>
                    "Add evidence"
                </button>
                {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            </div>
            <label>
                "Reasoning"
                <textarea
                    rows="3"
                    prop:value=move || verdict.with(|v| v.reasoning.clone())
                    on:focus=move |_| typing.set_value(false)
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.judge(&claim.get_value(), typing.get_value(), |v| v.reasoning = value);
                        typing.set_value(true);
                    }
                ></textarea>
            </label>
        </fieldset>
    }
}
