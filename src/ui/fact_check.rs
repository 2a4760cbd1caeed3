//! The fact-checking half of the current annotation's editor: a claim's sources (linked by a
//! list or by picking in the text) and its verdict; the claims a source backs.

use leptos::prelude::*;

use super::state::AppState;
use crate::browser::clock;
use crate::model::authorship;
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
    // The source chosen in the list, not yet linked.
    let chosen = RwSignal::new(String::new());
    let link_chosen = move || {
        let source = chosen.get_untracked();
        if !source.is_empty() {
            state.link(&claim.get_value(), &source);
            chosen.set(String::new());
        }
    };
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
            // Moving through the list links nothing (arrow keys change a closed `<select>` at
            // once): a source is linked by "Link" or by Enter on the list.
            <div class="link-source">
                <label>
                    "Link a source"
                    <select
                        prop:value=move || chosen.get()
                        on:change=move |ev| chosen.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                chosen.set(event_target_value(&ev));
                                link_chosen();
                            }
                        }
                    >
                        <option value="">"Choose a source…"</option>
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
                <button type="button" disabled=move || chosen.with(String::is_empty) on:click=move |_| link_chosen()>
                    "Link"
                </button>
            </div>
            <button
                type="button"
                aria-pressed=move || picking().to_string()
                on:click=move |_| {
                    state.picking.set(if picking() { None } else { Some(claim.get_value()) });
                }
            >
                "Pick in text"
            </button>
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

/// Evidence typed into a verdict's fields and not added yet. "Add evidence", Enter in either
/// field, "Done" and leaving the claim all add it: nothing typed is lost without a word.
#[derive(Clone, Copy)]
pub struct EvidenceDraft {
    url: RwSignal<String>,
    label: RwSignal<String>,
    problem: RwSignal<Option<&'static str>>,
}

impl EvidenceDraft {
    pub fn new() -> Self {
        EvidenceDraft {
            url: RwSignal::new(String::new()),
            label: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
        }
    }

    /// What is typed, trimmed (URL, label); `None` once the fields are gone.
    fn typed(&self) -> Option<(String, String)> {
        let url = self.url.try_get_untracked()?;
        let label = self.label.try_get_untracked()?;
        Some((url.trim().to_string(), label.trim().to_string()))
    }

    /// Adds what is typed to the claim's evidence. `Err` (also shown by the fields) when it is
    /// not a web address; `Ok` when it was added or nothing was typed.
    pub fn commit(&self, state: AppState, claim: &str) -> Result<(), &'static str> {
        let Some((url, label)) = self.typed() else { return Ok(()) };
        if url.is_empty() && label.is_empty() {
            return Ok(());
        }
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
            let problem = "Evidence must be a web address starting with http:// or https://.";
            self.problem.set(Some(problem));
            return Err(problem);
        }
        state.judge(claim, false, |v| v.evidence.push(Evidence { url, label }));
        self.problem.set(None);
        self.url.set(String::new());
        self.label.set(String::new());
        Ok(())
    }

    /// Called as the editor of `claim` closes: what is typed is added, or the user is told
    /// what was not.
    pub fn commit_on_leaving(&self, state: AppState, claim: &str) {
        let Some((url, label)) = self.typed() else { return };
        let exists =
            state.library.with_untracked(|l| l.current().is_some_and(|a| a.annotations.iter().any(|n| n.id == claim)));
        if !exists || (url.is_empty() && label.is_empty()) {
            return;
        }
        let quote = state.quote_of(&state.current_id().unwrap_or_default(), claim);
        match self.commit(state, claim) {
            Ok(()) => state.inform(format!("Added the evidence you typed to “{quote}”."), None),
            Err(problem) => state.fail(format!("The evidence typed for “{quote}” (“{url}”) was not added. {problem}")),
        }
    }
}

/// A claim's verdict: rating, status, evidence and reasoning.
#[component]
pub fn VerdictEditor(
    claim: StoredValue<String>,
    /// Evidence typed and not added yet, which the editor's "Done" adds too.
    draft: EvidenceDraft,
) -> impl IntoView {
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
    let EvidenceDraft { url, label, problem } = draft;
    let add_evidence = move || {
        let _ = draft.commit(state, &claim.get_value());
    };
    let add_on_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            add_evidence();
        }
    };
    view! {
        <fieldset class="verdict">
            <legend>"Verdict"</legend>
            <p class="verdict-given">{move || verdict.with(|v| authorship::judged(v, clock::local_time))}</p>
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
                    <input
                        type="url"
                        placeholder="https://…"
                        prop:value=url
                        on:input=move |ev| url.set(event_target_value(&ev))
                        on:keydown=add_on_enter
                    />
                </label>
                <label>
                    "Evidence label"
                    <input
                        type="text"
                        prop:value=label
                        on:input=move |ev| label.set(event_target_value(&ev))
                        on:keydown=add_on_enter
                    />
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
