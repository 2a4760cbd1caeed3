//! Files the user opens or drops: an export or a W3C file is imported (all or nothing, in
//! steps that leave the page responsive), a text, Markdown or web page becomes a new article.

use leptos::prelude::*;

use super::state::AppState;
use crate::browser::clock;
use crate::model::formats::import;
use crate::model::source::{self, SourceFormat};

/// How long an import works before it lets the browser draw and answer input.
const STEP_MS: f64 = 20.0;

impl AppState {
    /// Imports an export or W3C Web Annotation file; on any error the library stays as it was.
    /// Reading, merging a few articles at a time and saving run as separate tasks, so that a
    /// 10 MB file does not freeze the page (measured by `bench/import_large.mjs`).
    async fn import(&self, name: &str, raw: &str) -> Result<(), String> {
        clock::yield_to_browser().await;
        let revision = self.library_revision.get_value();
        let mut imported = self.import_in_steps(raw).await;
        // Something changed the library meanwhile: merge into what it is now instead, at once,
        // so that nothing can change it in between.
        if self.library_revision.get_value() != revision {
            imported = self.library.with_untracked(|l| import::import(raw, l, l.current.as_deref()));
        }
        let imported = imported.map_err(|e| format!("“{name}” was not imported, and nothing changed. {e}"))?;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut message = format!(
            "Imported “{name}”: {} and {}.",
            plural(imported.articles_added, "new article"),
            plural(imported.annotations_added, "annotation")
        );
        match imported.already_there {
            0 => {}
            1 => message.push_str(" 1 annotation was already here."),
            n => message.push_str(&format!(" {n} annotations were already here.")),
        }
        if imported.reanchored > 0 {
            message.push_str(&format!(
                " The text had changed: {} placed again by {}.",
                plural(imported.reanchored, "annotation"),
                if imported.reanchored == 1 { "its quote" } else { "their quotes" }
            ));
        }
        if imported.orphaned > 0 {
            message.push_str(&format!(
                " {} could not be placed safely; see Orphans in the panel.",
                plural(imported.orphaned, "annotation")
            ));
        }
        self.library.set(imported.library);
        self.inform(message, None);
        Ok(())
    }

    /// Merges the file into a copy of the library, letting the browser work every
    /// [`STEP_MS`] or so.
    async fn import_in_steps(&self, raw: &str) -> Result<import::Imported, import::ImportError> {
        let mut steps = clock::timed("aa-import-read", || {
            self.library.with_untracked(|l| import::Import::start(raw, l, l.current.as_deref()))
        })?;
        loop {
            clock::yield_to_browser().await;
            let started = clock::now_ms();
            while clock::now_ms() - started < STEP_MS {
                if !steps.step()? {
                    return steps.finish();
                }
            }
        }
    }

    /// Reads a file the user opened or dropped: an export or W3C file is imported, a text,
    /// Markdown or web page file becomes a new article.
    pub async fn open_file(self, file: web_sys::File) -> Result<(), String> {
        let name = file.name();
        if let Some(why) = crate::model::limits::file_too_large(&name, file.size() as u64) {
            return Err(why);
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".ann") {
            return Err(format!(
                "“{name}” is a brat annotation file: choose it together with its .txt file (both at once) to import them."
            ));
        }
        if lower.ends_with(".json") || lower.ends_with(".jsonld") || lower.ends_with(".jsonl") {
            self.announcement.set(format!("Importing “{name}”…"));
            clock::start_span("aa-import");
            let imported = match crate::browser::files::read_text(&file).await {
                Ok((raw, 0)) => match super::label_mapping::read_foreign(&name, &raw) {
                    Some(Ok(pending)) => {
                        // Reading and drawing the dialog are tasks of their own.
                        clock::yield_to_browser().await;
                        self.map_labels(pending);
                        Ok(())
                    }
                    Some(Err(why)) => Err(why),
                    None => self.import(&name, &raw).await,
                },
                Ok((_, malformed)) => Err(format!(
                    "“{name}” was not imported, and nothing changed. It is not UTF-8 text: {} could not be read.",
                    byte_sequences(malformed)
                )),
                Err(e) => Err(e),
            };
            clock::end_span("aa-import");
            return imported;
        }
        let format = SourceFormat::from_file_name(&name).ok_or_else(|| {
            format!("“{name}” cannot be opened: choose a text (.txt), Markdown (.md) or web page (.html) file.")
        })?;
        let (raw, malformed) = crate::browser::files::read_text(&file).await?;
        let draft = match format {
            SourceFormat::Html => {
                self.announcement.set(format!("Reading the web page “{name}”…"));
                let page = crate::browser::worker::read_page(raw)
                    .await
                    .map_err(|e| format!("“{name}” was not opened. {e}"))?;
                source::from_page(page)
            }
            SourceFormat::Plain | SourceFormat::Markdown => source::read_text(&raw, format),
        }
        .map_err(|e| format!("“{name}” cannot be opened. {e}"))?;
        let title = draft.title.clone();
        let cut = draft.cut;
        self.add_draft(draft);
        if cut {
            self.inform(
                format!(
                    "Added “{title}” to the library, but only its first part: “{name}” nests elements more than {} deep, deeper than a browser shows, and the rest could not be read.",
                    crate::model::extract::parse::MAX_DEPTH
                ),
                None,
            );
        }
        if malformed > 0 {
            self.inform(
                format!(
                    "Added “{title}” to the library. Part of “{name}” is not UTF-8 text: {} could not be read and show as �.",
                    byte_sequences(malformed)
                ),
                None,
            );
        }
        Ok(())
    }
}

impl AppState {
    /// Reads a brat pair (an `.ann` file and its `.txt`) chosen together, for the mapping dialog.
    pub async fn open_brat_pair(self, ann: web_sys::File, txt: web_sys::File) -> Result<(), String> {
        let name = ann.name();
        for file in [&ann, &txt] {
            if let Some(why) = crate::model::limits::file_too_large(&file.name(), file.size() as u64) {
                return Err(why);
            }
        }
        let (annotations, _) = crate::browser::files::read_text(&ann).await?;
        let (text, _) = crate::browser::files::read_text(&txt).await?;
        let pending = super::label_mapping::read_brat(&name, &text, &annotations)?;
        clock::yield_to_browser().await;
        self.map_labels(pending);
        Ok(())
    }
}

/// "1 sequence of bytes", "3 sequences of bytes": what a file held that was not UTF-8.
fn byte_sequences(n: usize) -> String {
    format!("{n} {}", if n == 1 { "sequence of bytes" } else { "sequences of bytes" })
}
