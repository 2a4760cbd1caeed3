//! Files of other tools (Hypothesis, brat, doccano, Label Studio): their labels or tags, with
//! counts, mapped to our kinds in a dialog before anything is imported. Obvious names come
//! mapped, and the choices are remembered for the next file.

use leptos::prelude::*;

use super::modal::Modal;
use super::state::{AppState, Dialog};
use crate::browser::{clock, label_mapping};
use crate::model::formats::nlp::foreign::{self, Foreign, ForeignFile};
use crate::model::formats::nlp::{hypothesis, kind_for_label, to_articles};
use crate::model::library::AnnotationKind;
use crate::model::limits;

/// Hypothesis annotations placed between two looks at the clock (see [`clock::Slices`]).
const PLACED_PER_CHECK: usize = 25;

/// A file of another tool waiting for the mapping dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingLabels {
    pub name: String,
    pub file: ForeignFile,
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
        let tool = pending.file.tool;
        match pending.file.content {
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
                    "Imported “{name}” from {tool}: {articles} new article{} and {annotations} annotation{}.",
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
                // The dialog closes, and its "Importing…" is painted, before any placing.
                clock::yield_to_browser().await;
                let mut slices = clock::Slices::new(clock::Slices::DEFAULT_MS);
                for batch in highlights.chunks(PLACED_PER_CHECK) {
                    slices.pause_if_spent().await;
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
                    p.file
                        .labels()
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
                        p.name, p.file.tool
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

/// Another tool's file, read and waiting for the dialog (see [`foreign::read`]); `None` for our
/// own formats and anything else.
pub fn read_foreign(name: &str, raw: &str) -> Option<Result<PendingLabels, String>> {
    foreign::read(name, raw).map(|read| pending(name, read))
}

/// A brat pair: the `.ann` file with the text of its `.txt`.
pub fn read_brat(name: &str, text: &str, ann: &str) -> Result<PendingLabels, String> {
    pending(name, foreign::read_brat(name, text, ann))
}

fn pending(name: &str, read: Result<ForeignFile, String>) -> Result<PendingLabels, String> {
    read.map(|file| PendingLabels { name: name.to_string(), file })
        .map_err(|why| format!("“{name}” was not imported, and nothing changed. {why}"))
}
