//! The "Export" menu: the open article as our JSON, W3C Web Annotation, schema.org
//! ClaimReview, CSV, a Markdown report, doccano JSONL or brat standoff (for NLP tools), or the
//! whole library as our JSON, doccano JSONL or brat standoff.

use leptos::prelude::*;

use super::state::AppState;
use crate::browser::js_text::JsText;
use crate::browser::{clock, files};
use crate::model::formats::nlp::{brat, doccano};
use crate::model::formats::{self, claimreview, csv, export, report, w3c};
use crate::model::library::{Article, Library};

/// What can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The open article in our JSON format.
    Json,
    /// The open article as a W3C Web Annotation collection.
    W3c,
    /// The open article's checked claims as schema.org ClaimReview.
    ClaimReview,
    /// The open article's annotations as CSV.
    Csv,
    /// The open article as a Markdown report.
    Markdown,
    /// The open article as doccano JSONL, for NLP labelling tools.
    Doccano,
    /// The open article as brat standoff, a zip.
    Brat,
    /// Every article in our JSON format.
    Library,
    /// Every article as doccano JSONL.
    LibraryDoccano,
    /// Every article as brat standoff, a zip.
    LibraryBrat,
}

impl Export {
    /// What the open article can be exported as.
    const ARTICLE: [Export; 7] =
        [Export::Json, Export::W3c, Export::ClaimReview, Export::Csv, Export::Markdown, Export::Doccano, Export::Brat];
    /// What the whole library can be exported as.
    const LIBRARY: [Export; 3] = [Export::Library, Export::LibraryDoccano, Export::LibraryBrat];

    fn label(self) -> &'static str {
        match self {
            Export::Json => "Export JSON",
            Export::W3c => "Export W3C Web Annotation",
            Export::ClaimReview => "Export ClaimReview",
            Export::Csv => "Export CSV",
            Export::Markdown => "Export Markdown report",
            Export::Doccano => "Export doccano JSONL",
            Export::Brat => "Export brat standoff (zip)",
            Export::Library => "Export library",
            Export::LibraryDoccano => "Export library as doccano JSONL",
            Export::LibraryBrat => "Export library as brat standoff (zip)",
        }
    }
}

/// Where an export comes from: this app, now.
fn provenance(now: &str) -> export::Provenance {
    export::Provenance { exported: now.to_string(), app_version: env!("CARGO_PKG_VERSION").into() }
}

/// The file name of an export of the whole library.
pub const LIBRARY_FILE_NAME: &str = "article-annotator-library.annotations.json";

/// Every article of the library in our JSON format.
pub fn library_export(library: &Library) -> JsText {
    articles_export(&library.articles, &library.ratings, &library.off_scale, &provenance(&clock::now_iso()))
}

/// Our export of `articles`, written into JS as it is made.
fn articles_export<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    ratings: &[String],
    off_scale: &[String],
    provenance: &export::Provenance,
) -> JsText {
    let mut text = JsText::new();
    export::export_to(articles, ratings, off_scale, provenance, &mut text).expect("writing to JS cannot fail");
    text
}

/// Builds an export and offers it as a download; the message says what went wrong, if anything.
pub fn download(library: &Library, what: Export) -> Result<(), String> {
    let now = clock::now_iso();
    let provenance = provenance(&now);
    let article = || library.current().ok_or("Open an article to export it.");
    let (name, mime, contents) = match what {
        Export::Library => (LIBRARY_FILE_NAME.to_string(), "application/json", library_export(library)),
        Export::Json => {
            let a = article()?;
            (
                formats::file_name(&a.title, ".annotations.json"),
                "application/json",
                articles_export([a], &library.ratings, &library.off_scale, &provenance),
            )
        }
        Export::W3c => {
            let a = article()?;
            (formats::file_name(&a.title, ".w3c.jsonld"), "application/ld+json", JsText::of(&w3c::export(a)))
        }
        Export::ClaimReview => {
            let a = article()?;
            if !a.verdicts.iter().any(|v| v.status == crate::model::library::CheckStatus::Checked) {
                return Err(
                    "No claim of this article is checked yet: give a claim a verdict with the status Checked first."
                        .into(),
                );
            }
            let today = now.get(..10).unwrap_or_default();
            let contents = claimreview::export(a, &library.ratings, &library.off_scale, today);
            (formats::file_name(&a.title, ".claimreview.jsonld"), "application/ld+json", JsText::of(&contents))
        }
        Export::Csv => {
            let a = article()?;
            (formats::file_name(&a.title, ".annotations.csv"), "text/csv", JsText::of(&csv::export([a])))
        }
        Export::Markdown => {
            let a = article()?;
            let report = report::export(a, &library.ratings, &now);
            (formats::file_name(&a.title, ".report.md"), "text/markdown", JsText::of(&report))
        }
        Export::Doccano => {
            let a = article()?;
            (formats::file_name(&a.title, ".doccano.jsonl"), "application/jsonl", JsText::of(&doccano::export(&[a])))
        }
        Export::LibraryDoccano => {
            let all: Vec<&Article> = library.articles.iter().collect();
            (
                "article-annotator-library.doccano.jsonl".to_string(),
                "application/jsonl",
                JsText::of(&doccano::export(&all)),
            )
        }
        Export::Brat => {
            let a = article()?;
            let folder = formats::file_name(&a.title, "");
            return files::download_bytes(
                &format!("{folder}.brat.zip"),
                "application/zip",
                &brat::export_zip(&[a], &folder)?,
            );
        }
        Export::LibraryBrat => {
            let all: Vec<&Article> = library.articles.iter().collect();
            let folder = "article-annotator-library";
            return files::download_bytes(
                &format!("{folder}.brat.zip"),
                "application/zip",
                &brat::export_zip(&all, folder)?,
            );
        }
    };
    files::download(&name, mime, contents)
}

/// A button that opens the list of exports.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let state = AppState::get();
    let open = RwSignal::new(false);
    let opener = NodeRef::<leptos::html::Button>::new();
    // The list hides its items as it closes: the focus goes back to "Export", not to the page.
    let close = move || {
        open.set(false);
        if let Some(button) = opener.get_untracked() {
            let _ = button.focus();
        }
    };
    let item = move |what: Export| {
        view! {
            <button
                type="button"
                on:click=move |_| {
                    close();
                    match clock::timed("aa-export", || state.library.with_untracked(|l| download(l, what))) {
                        Ok(()) => state.announcement.set("The download has started.".into()),
                        Err(e) => state.fail(e),
                    }
                }
            >
                {what.label()}
            </button>
        }
    };
    // Two groups, each named by its heading: what the open article goes out as, and the library.
    let group = move |heading: &'static str, id: &'static str, items: &[Export]| {
        let items = items.iter().map(|&what| item(what)).collect_view();
        view! {
            <div class="export-group" role="group" aria-labelledby=id>
                <p class="export-heading" id=id>
                    {heading}
                </p>
                {items}
            </div>
        }
    };
    let items = (
        group("The open article", "export-article-heading", &Export::ARTICLE),
        group("The whole library", "export-library-heading", &Export::LIBRARY),
    );
    view! {
        <div
            class="export-menu"
            on:keydown=move |ev| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.stop_propagation();
                    close();
                }
            }
        >
            <button
                type="button"
                node_ref=opener
                aria-expanded=move || open.get().to_string()
                aria-controls="export-list"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Export"
            </button>
            <div id="export-list" class="export-list" role="group" aria-label="Exports" hidden=move || !open.get()>
                {items}
            </div>
        </div>
    }
}
