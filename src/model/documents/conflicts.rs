//! What happens when two tabs or two people change the same document at once.
//!
//! Documents are small, so this is rare: it takes two edits of the same annotation, link,
//! verdict or article's details between two saves. The rules:
//! - an article's details merge field by field against the version both started from: a field
//!   only one side changed takes that change; a field both changed takes this tab's (the later
//!   save) and is named, so the page can say so;
//! - an annotation, link or verdict is this tab's version (the later save); one the other side
//!   deleted is written again, since this tab still has it and changed it.

use super::{Body, Details, Doc, Saved, Write, digest, put};
use crate::model::library::Library;

/// Details merged from two concurrent edits.
#[derive(Debug, PartialEq)]
pub struct Merged {
    pub details: Details,
    /// The fields both sides changed, which keep this tab's value.
    pub both_changed: Vec<&'static str>,
}

/// Merges `ours` and `theirs`, two edits of `base` (the version this tab last saved; `None` if
/// it has none, when every field that differs counts as changed by both).
pub fn merge_details(base: Option<&Details>, ours: &Details, theirs: &Details) -> Merged {
    let mut merged = theirs.clone();
    let mut both_changed = Vec::new();
    macro_rules! field {
        ($name:ident, $label:literal) => {
            let base_value = base.map(|b| &b.$name);
            if ours.$name != theirs.$name && base_value != Some(&ours.$name) {
                if base_value != Some(&theirs.$name) {
                    both_changed.push($label);
                }
                merged.$name = ours.$name.clone();
            }
        };
    }
    field!(title, "title");
    field!(source_url, "source URL");
    field!(published, "publication date");
    field!(byline, "byline");
    field!(site_name, "outlet");
    field!(modified, "date modified");
    field!(language, "language");
    field!(leftovers_reviewed, "page leftovers");
    field!(session, "checker");
    field!(orphans, "unplaced annotations");
    field!(suggested, "accepted suggestions");
    Merged { details: merged, both_changed }
}

/// A conflict resolved: the write to try again, and what the page should tell.
pub struct Resolved {
    pub write: Write,
    pub both_changed: Vec<&'static str>,
}

fn rev_of(json: &str) -> Option<String> {
    super::load::Head::of(json).map(|head| head.rev).filter(|rev| !rev.is_empty())
}

impl Saved {
    /// Resolves a write the database refused because the document changed meanwhile. `theirs`
    /// is the document as the database holds it now (`None` if it was deleted). The library
    /// takes the merge, so the page shows what will be stored.
    pub fn resolve(&self, library: &mut Library, write: &Write, theirs: Option<&str>) -> Resolved {
        let theirs_rev = theirs.and_then(rev_of);
        let again =
            |json: Option<String>, digest: u64| Write { rev: theirs_rev.clone(), json, digest, ..write.clone() };
        let ours: Option<Doc> = write.json.as_deref().and_then(|j| serde_json::from_str(j).ok());
        let theirs_doc: Option<Doc> = theirs.and_then(|j| serde_json::from_str(j).ok());
        match (ours, theirs_doc) {
            (Some(Doc { body: Body::Article(ours), .. }), Some(Doc { body: Body::Article(theirs), .. })) => {
                let base = write.article.as_ref().and_then(|a| self.articles.get(a)).and_then(|e| e.details.as_ref());
                let merged = merge_details(base, &ours, &theirs);
                if let Some(article) = library.articles.iter_mut().find(|a| a.id == merged.details.article) {
                    merged.details.apply_to(article);
                }
                let body = Body::Article(merged.details.clone());
                let redone = put(write.id.clone(), theirs_rev.clone(), body, write.article.as_deref(), 0, write.n);
                Resolved { write: again(redone.json, digest(&merged.details)), both_changed: merged.both_changed }
            }
            // Ours, over whatever they have: a put carries this tab's version, a deletion
            // deletes theirs.
            (Some(mut doc), _) => {
                doc.rev = theirs_rev.clone();
                let json = serde_json::to_string(&doc).ok();
                Resolved { write: again(json, write.digest), both_changed: Vec::new() }
            }
            (None, _) => Resolved { write: again(None, write.digest), both_changed: Vec::new() },
        }
    }
}
