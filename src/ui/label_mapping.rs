//! Files of other tools (Hypothesis, brat, doccano, Label Studio): their labels or tags, with
//! counts, mapped to our kinds in a dialog before anything is imported. Obvious names come
//! mapped, and the choices are remembered for the next file.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::modal::Modal;
use super::state::{AppState, Dialog};
use crate::browser::{clock, label_mapping};
use crate::model::formats::nlp::hypothesis::{self, Highlight};
use crate::model::formats::nlp::{Labeled, kind_for_label, to_articles};
use crate::model::library::AnnotationKind;
use crate::model::limits;

/// Hypothesis annotations placed between two chances for the page to draw: about 20 ms of
/// placing by quote on the 2-core machine (bench/tool_import.mjs).
const PLACED_PER_STEP: usize = 100;

/// What a file of another tool holds, read and waiting for its labels to be mapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// Texts with labelled spans (brat, doccano, Label Studio): new articles.
    Texts(Vec<Labeled>),
    /// Hypothesis annotations, for articles of the library; and how many had no passage.
    Hypothesis(Vec<Highlight>, usize),
}

/// A file waiting for the mapping dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingLabels {
    pub name: String,
    pub tool: &'static str,
    pub content: Foreign,
}

impl PendingLabels {
    /// Each label (tag) the file uses, with how many spans have it, in name order.
    fn labels(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        match &self.content {
            Foreign::Texts(docs) => {
                for span in docs.iter().flat_map(|d| &d.spans) {
                    *counts.entry(span.label.clone()).or_default() += 1;
                }
            }
            Foreign::Hypothesis(highlights, _) => {
                for tag in highlights.iter().flat_map(|h| &h.tags) {
                    *counts.entry(tag.clone()).or_default() += 1;
                }
            }
        }
        counts.into_iter().collect()
    }
}

/// The dialog's choices for a label: the value stored, and what the option says.
const CHOICES: [(&str, &str); 4] =
    [("claim", "Claim"), ("source", "Source"), ("anonymous_attribution", "Anonymous attribution"), ("skip", "Skip")];

/// A choice of the dialog as stored: a kind's slug, or `skip`.
fn choice_of(kind: Option<AnnotationKind>) -> &'static str {
    match kind {
        Some(AnnotationKind::Claim) => "claim",
        Some(AnnotationKind::Source) => "source",
        Some(AnnotationKind::AnonymousAttribution) => "anonymous_attribution",
        None => "skip",
    }
}

fn kind_of_choice(choice: &str) -> Option<AnnotationKind> {
    match choice {
        "claim" => Some(AnnotationKind::Claim),
        "source" => Some(AnnotationKind::Source),
        "anonymous_attribution" => Some(AnnotationKind::AnonymousAttribution),
        _ => None,
    }
}

impl AppState {
    /// Shows the mapping dialog for a file of another tool.
    pub fn map_labels(&self, pending: PendingLabels) {
        self.labeled.set(Some(pending));
        self.dialog.set(Some(Dialog::MapLabels));
    }

    /// Imports a file of another tool with its labels mapped (`choices`: label -> choice);
    /// all or nothing.
    async fn import_mapped(&self, pending: PendingLabels, choices: &[(String, String)]) -> Result<String, String> {
        let kind_of =
            |label: &str| choices.iter().find(|(l, _)| l == label).and_then(|(_, choice)| kind_of_choice(choice));
        let name = &pending.name;
        let refused = |why: String| format!("“{name}” was not imported, and nothing changed. {why}");
        match pending.content {
            Foreign::Texts(docs) => {
                let prefix = format!("{}-", clock::new_id("a"));
                let converted = to_articles(docs, &kind_of, &prefix, &clock::now_iso());
                if converted.articles.iter().any(|a| a.annotations.len() > limits::MAX_ANNOTATIONS) {
                    return Err(refused(format!(
                        "An article of it has more than {} annotations, the most one article takes.",
                        limits::MAX_ANNOTATIONS
                    )));
                }
                let articles = converted.articles.len();
                let annotations: usize = converted.articles.iter().map(|a| a.annotations.len()).sum();
                // Added, not opened, as our own import does: drawing an article of thousands
                // of annotations is the user's choice, from the library.
                self.library.update(|library| library.articles.extend(converted.articles));
                let mut message = format!(
                    "Imported “{name}” from {}: {articles} new article{} and {annotations} annotation{}.",
                    pending.tool,
                    if articles == 1 { "" } else { "s" },
                    if annotations == 1 { "" } else { "s" }
                );
                if converted.skipped > 0 {
                    message.push_str(&format!(" {} with a skipped label left out.", converted.skipped));
                }
                if articles > 0 {
                    message.push_str(if articles == 1 {
                        " Open it from the library."
                    } else {
                        " Open them from the library."
                    });
                }
                if converted.unplaced > 0 {
                    message.push_str(&format!(
                        " {} could not be placed on the text and were left out.",
                        converted.unplaced
                    ));
                }
                Ok(message)
            }
            Foreign::Hypothesis(highlights, without_passage) => {
                // Placed a batch at a time on a copy of the library, letting the page draw
                // between batches; the copy replaces the library only if all went well.
                let revision = self.library_revision.get_value();
                let mut library = self.library.get_untracked();
                let mut placer = hypothesis::Placer::default();
                for batch in highlights.chunks(PLACED_PER_STEP) {
                    clock::yield_to_browser().await;
                    placer.place(&mut library, batch, &kind_of).map_err(refused)?;
                }
                // The library changed meanwhile: place them on what it is now, at once, so that
                // nothing is lost.
                if self.library_revision.get_value() != revision {
                    library = self.library.get_untracked();
                    placer = hypothesis::Placer::default();
                    placer.place(&mut library, &highlights, &kind_of).map_err(refused)?;
                }
                let done = placer.done;
                self.library.set(library);
                let mut message = format!(
                    "Imported “{name}” from Hypothesis: {} annotation{} placed.",
                    done.placed,
                    if done.placed == 1 { "" } else { "s" }
                );
                if done.orphaned > 0 {
                    message
                        .push_str(&format!(" {} could not be placed safely; see Orphans in the panel.", done.orphaned));
                }
                if done.skipped > 0 {
                    message.push_str(&format!(" {} with no mapped tag left out.", done.skipped));
                }
                if done.already_there > 0 {
                    message.push_str(&format!(" {} were already here.", done.already_there));
                }
                if without_passage > 0 {
                    message.push_str(&format!(
                        " {without_passage} page notes or replies mark no passage and were left out."
                    ));
                }
                Ok(message)
            }
        }
    }
}

/// The dialog: each label with its count and a choice of kind; "Import" imports with them.
#[component]
pub fn LabelMappingDialog() -> impl IntoView {
    let state = AppState::get();
    // Label, count, and the choice (shown, and taken on Import).
    let rows = Memo::new(move |_| {
        let remembered = label_mapping::remembered();
        state.labeled.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.labels()
                        .into_iter()
                        .map(|(label, count)| {
                            let choice = remembered
                                .get(&label.to_lowercase())
                                .cloned()
                                .unwrap_or_else(|| choice_of(kind_for_label(&label)).to_string());
                            (label, count, RwSignal::new(choice))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let close = move || {
        state.labeled.set(None);
        if state.dialog.get_untracked() == Some(Dialog::MapLabels) {
            state.dialog.set(None);
        }
    };
    let import = move |_| {
        let Some(pending) = state.labeled.get_untracked() else { return };
        let choices: Vec<(String, String)> =
            rows.get_untracked().into_iter().map(|(label, _, choice)| (label, choice.get_untracked())).collect();
        label_mapping::remember(&choices);
        close();
        state.announcement.set(format!("Importing “{}”…", pending.name));
        leptos::task::spawn_local(async move {
            match state.import_mapped(pending, &choices).await {
                Ok(message) => state.inform(message, None),
                Err(why) => state.fail(why),
            }
        });
    };
    let intro = move || {
        state.labeled.with(|p| {
            p.as_ref()
                .map(|p| {
                    format!(
                        "“{}” ({}) uses these labels. Choose what each one marks in the text; spans with a skipped label are left out. Nothing is imported before you choose Import.",
                        p.name, p.tool
                    )
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Modal
            kind=Dialog::MapLabels
            on_close=Callback::new(move |()| close())
            heading="Map labels to kinds"
            heading_id="map-labels-heading"
        >
            <div class="map-labels">
                <p class="hint">{intro}</p>
                <ul class="map-labels-list">
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|(label, count, choice)| {
                                let name = format!("{label} ({count})");
                                view! {
                                    <li>
                                        <label>
                                            <span class="map-label-name">{name.clone()}</span>
                                            <select
                                                aria-label=name
                                                on:change=move |ev| choice.set(event_target_value(&ev))
                                                prop:value=move || choice.get()
                                            >
                                                {CHOICES
                                                    .iter()
                                                    .map(|&(value, label)| {
                                                        view! {
                                                            <option value=value selected=move || choice.get() == value>
                                                                {label}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <div class="form-actions">
                    <button type="button" class="primary" on:click=import>
                        "Import"
                    </button>
                    <button type="button" on:click=move |_| close()>
                        "Cancel"
                    </button>
                </div>
            </div>
        </Modal>
    }
}

/// Another tool's file, told by its name and what it holds: doccano JSONL (`.jsonl`), Label
/// Studio's export (a JSON list of tasks with their `data`) or Hypothesis's (`annotations`
/// with an `export_date`, or a search result's `rows`). `None` for anything else (our export,
/// W3C, or a file none of them reads, which our import then refuses).
pub fn read_foreign(name: &str, raw: &str) -> Option<Result<PendingLabels, String>> {
    use crate::model::formats::nlp::{doccano, label_studio};
    let lower = name.to_ascii_lowercase();
    let refused = |why: String| format!("“{name}” was not imported, and nothing changed. {why}");
    let pending = |tool, content| PendingLabels { name: name.to_string(), tool, content };
    if lower.ends_with(".jsonl") {
        return Some(doccano::read(raw).map(|docs| pending("doccano", Foreign::Texts(docs))).map_err(refused));
    }
    let start = raw.trim_start();
    let ours_or_w3c = raw.contains("\"format\"") || raw.contains("\"@context\"");
    // A list of tasks with their "data" (a W3C file may be a list too, with its "@context").
    if start.starts_with('[') && !ours_or_w3c && raw.contains("\"data\"") {
        return Some(
            label_studio::read(raw).map(|docs| pending("Label Studio", Foreign::Texts(docs))).map_err(refused),
        );
    }
    if start.starts_with('{') && !ours_or_w3c && (raw.contains("\"export_date\"") || raw.contains("\"rows\"")) {
        return Some(
            hypothesis::read(raw)
                .map(|(highlights, without)| pending("Hypothesis", Foreign::Hypothesis(highlights, without)))
                .map_err(refused),
        );
    }
    None
}

/// A brat pair: the `.ann` file with the text of its `.txt`.
pub fn read_brat(name: &str, text: &str, ann: &str) -> Result<PendingLabels, String> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    crate::model::formats::nlp::brat::read(stem, text, ann)
        .map(|doc| PendingLabels { name: name.to_string(), tool: "brat", content: Foreign::Texts(vec![doc]) })
        .map_err(|why| format!("“{name}” was not imported, and nothing changed. {why}"))
}
