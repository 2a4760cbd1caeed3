//! Import of our JSON exports (every version), of stored libraries, and of W3C Web Annotation
//! files (text-quote and text-position selectors). All or nothing: the library is changed only
//! if the whole file is valid, and every error names the annotation and the field at fault.

use std::collections::{HashMap, HashSet};

use super::export::{FORMAT, VERSION, sha256_hex};
use super::w3c::ANNOTATION_PREFIX;
use super::{QuoteContext, quotes_with_context};
use crate::model::anchoring::through_diff::{Moved, move_through};
use crate::model::anchoring::{Anchor, Anchorer, Method, Selector};
use crate::model::diff::Diff;
use crate::model::json::{self, Json, Object};
use crate::model::library::{Annotation, AnnotationKind, Article, Library, Link, Orphan, Verdict, default_off_scale};
use crate::model::limits;
use crate::model::offsets::{CharIndex, CharOffset};
use crate::model::span::{self, Span};
use crate::model::stored;

/// What an import did, for the message in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The library with the file's content merged in.
    pub library: Library,
    /// Articles that were not in the library before.
    pub articles_added: usize,
    /// Annotations added to articles.
    pub annotations_added: usize,
    /// Annotations skipped because the library already had them (same id).
    pub already_there: usize,
    /// Of the annotations added, those placed again on an article whose text had changed.
    pub reanchored: usize,
    /// Annotations that could not be placed, kept as orphans of their article.
    pub orphaned: usize,
}

/// Why a file was refused, as a sentence for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(message.into()))
}

fn not_json<T>(error: serde_json::Error) -> Result<T, ImportError> {
    fail(format!("The file is not valid JSON ({error})."))
}

/// How deep an export's annotations lie: in the file, its "articles", an article, its
/// "annotations". They are read from their text one at a time, after a first pass has checked
/// the whole file: a tree of all of them took 1.8 times the file (`cargo bench --bench memory`).
const ANNOTATION_DEPTH: usize = 4;

/// Imports a file into a copy of `library`. W3C annotations that do not name an article of the
/// library go to the article `open` (the one in the reader).
pub fn import(raw: &str, library: &Library, open: Option<&str>) -> Result<Imported, ImportError> {
    let mut import = Import::start(raw, library, open)?;
    while import.step()? {}
    import.finish()
}

/// What kind of file is imported.
enum Kind {
    Export,
    StoredLibrary,
    W3c,
}

/// An import in steps, so that the page can answer between them: [`Import::start`] reads the
/// file (its JSON checked whole), each [`Import::step`] merges one article of an export, and
/// [`Import::finish`] does the rest (a stored library, a W3C file, the rating scale) and checks
/// the limits. Nothing of the library changes until the caller takes the result.
pub struct Import<'a> {
    raw: &'a str,
    value: Json<'a>,
    kind: Kind,
    merge: Merge,
    /// Article id -> its annotations before the import (for the limits).
    had: HashMap<String, usize>,
    open: Option<String>,
    /// The next article of an export to merge.
    next: usize,
    /// The parts of an article still to merge, last first (see [`REANCHORED_A_STEP`]).
    parts: Vec<Article>,
}

/// Annotations placed again by their quotes in one step at most: an article with 1,000 to
/// re-anchor took 40-54 ms of one task in Chromium (`bench/import_large.mjs`).
const REANCHORED_A_STEP: usize = 250;

impl<'a> Import<'a> {
    /// Reads the file and starts merging it into a copy of `library`.
    pub fn start(raw: &'a str, library: &Library, open: Option<&str>) -> Result<Import<'a>, ImportError> {
        let value = json::read_to_depth(raw, ANNOTATION_DEPTH).or_else(not_json)?;
        let kind = match value.get("format").and_then(Json::as_str) {
            Some(FORMAT) => {
                let version = value.get("version").and_then(Json::as_u64).unwrap_or(0);
                if version > VERSION {
                    return fail(format!(
                        "The file was written by a newer version of Article Annotator (format version {version}; this one reads up to {VERSION})."
                    ));
                }
                if value.get("articles").and_then(Json::as_array).is_none() {
                    return fail("The file has no \"articles\" list.");
                }
                Kind::Export
            }
            Some("article-annotator/library") => Kind::StoredLibrary,
            _ => Kind::W3c,
        };
        let mut merge = Merge { library: library.clone(), ..Merge::default() };
        for article in library.articles.iter().filter(|a| !a.source_url.is_empty()) {
            // A URL held by two articles names neither.
            let owner = merge.copies_of.entry(article.source_url.clone()).or_insert_with(|| Some(article.id.clone()));
            if owner.as_deref() != Some(article.id.as_str()) {
                *owner = None;
            }
        }
        let had = library.articles.iter().map(|a| (a.id.clone(), a.annotations.len())).collect();
        Ok(Import { raw, value, kind, merge, had, open: open.map(str::to_string), next: 0, parts: Vec::new() })
    }

    /// Merges the next article of an export, or the next part of one whose annotations are
    /// placed again by their quotes; whether there is more to do before [`Import::finish`].
    pub fn step(&mut self) -> Result<bool, ImportError> {
        let Kind::Export = self.kind else { return Ok(false) };
        let articles = self.value.get("articles").and_then(Json::as_array).unwrap_or_default();
        if let Some(part) = self.parts.pop() {
            self.merge.article(part)?;
        } else if let Some(article) = articles.get(self.next) {
            let article = read_export_article(article, self.next)?;
            self.next += 1;
            if self.merge.reanchors(&article) && article.annotations.len() > REANCHORED_A_STEP {
                self.parts = in_parts(article);
                return self.step();
            }
            self.merge.article(article)?;
        }
        Ok(!self.parts.is_empty() || self.next < articles.len())
    }

    /// Merges what is left and checks the limits: the library with the file in it.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        while self.step()? {}
        let merge = &mut self.merge;
        match self.kind {
            Kind::Export => {
                let ratings = strings(self.value.get("ratings"), "ratings")?;
                let off_scale = match self.value.get("off_scale") {
                    Some(list) => strings(Some(list), "off_scale")?,
                    // Before version 5: the default off-scale ratings that its scale has.
                    None => default_off_scale(&ratings),
                };
                if let Some(stranger) = off_scale.iter().find(|r| !ratings.contains(r)) {
                    return fail(format!(
                        "The file's \"off_scale\" names “{stranger}”, which is not one of its \"ratings\"."
                    ));
                }
                merge_scale(&mut merge.library, &ratings, &off_scale);
            }
            Kind::StoredLibrary => {
                let stored = stored::decode(self.raw)
                    .or_else(|e| fail(format!("The stored library in the file cannot be read: {e}.")))?;
                // Decoding has checked that every annotation lies inside its text.
                for article in stored.articles {
                    merge.article(article)?;
                }
            }
            Kind::W3c => read_w3c(&json::read(self.raw).or_else(not_json)?, merge, self.open.as_deref())?,
        }
        check_limits(&self.had, &merge.library)?;
        Ok(Imported {
            library: std::mem::take(&mut merge.library),
            articles_added: merge.articles_added,
            annotations_added: merge.annotations_added,
            already_there: merge.already_there,
            reanchored: merge.reanchored,
            orphaned: merge.orphaned,
        })
    }
}

/// A list of strings of the file (none if absent), named `field` in the error if it is not one.
fn strings(value: Option<&Json>, field: &str) -> Result<Vec<String>, ImportError> {
    let Some(value) = value else { return Ok(Vec::new()) };
    match value.as_array().filter(|list| list.iter().all(Json::is_string)) {
        Some(list) => Ok(list.iter().filter_map(Json::as_str).map(str::to_string).collect()),
        None => fail(format!("The file's \"{field}\" is not a list of ratings.")),
    }
}

/// Ratings the library does not have yet join the end of its scale, so that no verdict is lost;
/// those the file has off the truth scale are off it in the library too. Ratings the library
/// has already keep their place, and whether they are off the scale.
fn merge_scale(library: &mut Library, ratings: &[String], off_scale: &[String]) {
    for rating in ratings {
        if !library.ratings.contains(rating) {
            library.ratings.push(rating.clone());
            if off_scale.contains(rating) {
                library.off_scale.push(rating.clone());
            }
        }
    }
}

/// Refuses an import that would leave an article it brings or adds to beyond the app's limits.
fn check_limits(had_before: &HashMap<String, usize>, after: &Library) -> Result<(), ImportError> {
    for article in &after.articles {
        let had = had_before.get(&article.id).copied();
        if had.is_none()
            && let Some(why) = limits::article_too_long(&article.text)
        {
            return fail(format!("The article “{}” is too long. {why}", article.title));
        }
        if had != Some(article.annotations.len()) && article.annotations.len() > limits::MAX_ANNOTATIONS {
            return fail(format!(
                "The article “{}” would have {} annotations, and an article can have at most {}.",
                article.title,
                limits::thousands(article.annotations.len() as u64),
                limits::thousands(limits::MAX_ANNOTATIONS as u64)
            ));
        }
    }
    Ok(())
}

/// An article as parts that merge one after the other as it would whole: the annotations a
/// part each, and the links, verdicts, orphans and the rest with the last, when all its
/// annotations are in. Last part first.
fn in_parts(mut article: Article) -> Vec<Article> {
    let annotations = std::mem::take(&mut article.annotations);
    let mut chunks: Vec<Vec<Annotation>> = annotations.chunks(REANCHORED_A_STEP).map(<[Annotation]>::to_vec).collect();
    let mut parts = Vec::with_capacity(chunks.len());
    let empty = Article {
        links: Vec::new(),
        verdicts: Vec::new(),
        orphans: Vec::new(),
        suggested: Vec::new(),
        session: Default::default(),
        ..article.clone()
    };
    article.annotations = chunks.pop().unwrap_or_default();
    parts.push(article);
    while let Some(chunk) = chunks.pop() {
        parts.push(Article { annotations: chunk, ..empty.clone() });
    }
    parts
}

#[derive(Default)]
struct Merge {
    library: Library,
    /// Source URL -> the one article of the library before the import that has it.
    copies_of: HashMap<String, Option<String>>,
    articles_added: usize,
    annotations_added: usize,
    already_there: usize,
    reanchored: usize,
    orphaned: usize,
    /// Article id -> the ids of its annotations and orphans, made when the import first adds to
    /// it: looking each one up in the lists made importing a colleague's copy quadratic.
    ids: HashMap<String, HashSet<String>>,
}

/// The ids of an article's annotations and orphans.
fn ids_in(article: &Article) -> HashSet<String> {
    let orphans = article.orphans.iter().map(|o| &o.annotation);
    article.annotations.iter().chain(orphans).map(|a| a.id.clone()).collect()
}

impl Merge {
    /// Whether merging `article` places its annotations again by their quotes: the library has
    /// it (or a colleague's copy of it) with another text.
    fn reanchors(&self, article: &Article) -> bool {
        self.owner(article).and_then(|id| self.library.get(&id)).is_some_and(|existing| existing.text != article.text)
    }

    /// The article of the library that `article` merges into: the same id, or else a
    /// colleague's copy (the one article that had the same source URL before the import).
    fn owner(&self, article: &Article) -> Option<String> {
        let known = self.library.articles.iter().find(|a| a.id == article.id).map(|a| a.id.clone());
        known.or_else(|| self.copies_of.get(&article.source_url).cloned().flatten())
    }

    /// Adds an article, or its new annotations to the same article already in the library
    /// (the same id, or else a colleague's copy: the one article that had the same source URL
    /// before the import), placed again by their quotes if its text is not the same.
    fn article(&mut self, mut article: Article) -> Result<(), ImportError> {
        let Some(id) = self.owner(&article) else {
            self.annotations_added += article.annotations.len();
            self.orphaned += article.orphans.len();
            self.articles_added += 1;
            self.library.articles.push(article);
            return Ok(());
        };
        let existing = self.library.get_mut(&id).or_else(|e| fail(e.to_string()))?;
        // Annotations the article has already are skipped before their quotes are made: an
        // export imported again makes none.
        let had = self.ids.entry(id.clone()).or_insert_with(|| ids_in(existing));
        let brought = article.annotations.len();
        article.annotations.retain(|a| !had.contains(&a.id));
        self.already_there += brought - article.annotations.len();
        // Our export carries the text the annotations were made on: they move through the diff
        // of the two texts, which follows each passage where quotes and context can mistake a
        // pull quote or a repeated sentence for it.
        let text_changed = existing.text != article.text;
        let orphans_before = existing.orphans.len();
        let moved = text_changed.then(|| {
            let spans: Vec<Span> = article.annotations.iter().map(Annotation::span).collect();
            move_through(&Diff::between(&article.text, &existing.text), &article.text, &existing.text, &spans)
        });
        let quotes = quotes_with_context(&article, &article.annotations);
        for (n, (annotation, quote)) in std::mem::take(&mut article.annotations).into_iter().zip(quotes).enumerate() {
            let anchor = match moved.as_ref().map(|moved| moved[n]) {
                None => Anchor::Placed {
                    start: annotation.start,
                    end: annotation.end,
                    method: Method::Position,
                    confidence: 1.0,
                },
                Some(Moved::To(span)) => {
                    Anchor::Placed { start: span.start, end: span.end, method: Method::Diff, confidence: 1.0 }
                }
                Some(Moved::Orphan) => Anchor::Orphan { confidence: 0.0 },
            };
            self.place(&id, annotation, anchor, quote, text_changed)?;
        }
        // Links whose both ends are now in the article, and verdicts on claims this import added;
        // those of an annotation this import left as an orphan stay with the orphan.
        let existing = self.library.get_mut(&id).or_else(|e| fail(e.to_string()))?;
        let placed: HashSet<&str> = existing.annotations.iter().map(|a| a.id.as_str()).collect();
        let orphaned: HashMap<String, usize> = (orphans_before..existing.orphans.len())
            .map(|at| (existing.orphans[at].annotation.id.clone(), at))
            .collect();
        let mut linked: HashSet<(String, String)> =
            existing.links.iter().map(|l| (l.claim.clone(), l.source.clone())).collect();
        let mut kept_by_orphans: Vec<(usize, Link)> = Vec::new();
        for link in article.links {
            if placed.contains(link.claim.as_str()) && placed.contains(link.source.as_str()) {
                if linked.insert((link.claim.clone(), link.source.clone())) {
                    existing.links.push(link);
                }
                continue;
            }
            for end in [&link.claim, &link.source] {
                if let Some(&at) = orphaned.get(end) {
                    kept_by_orphans.push((at, link.clone()));
                }
            }
        }
        let mut judged: HashSet<String> = existing.verdicts.iter().map(|v| v.claim.clone()).collect();
        for verdict in article.verdicts {
            if placed.contains(verdict.claim.as_str()) && judged.insert(verdict.claim.clone()) {
                existing.verdicts.push(verdict);
            } else if let Some(&at) = orphaned.get(&verdict.claim) {
                existing.orphans[at].verdict = Some(Box::new(verdict));
            }
        }
        for (at, link) in kept_by_orphans {
            existing.orphans[at].links.push(link);
        }
        if existing.session.is_empty() {
            existing.session = article.session;
        }
        let placed: HashSet<&str> = existing.annotations.iter().map(|a| a.id.as_str()).collect();
        let mut marked: HashSet<String> = existing.suggested.iter().cloned().collect();
        for id in article.suggested {
            if placed.contains(id.as_str()) && marked.insert(id.clone()) {
                existing.suggested.push(id);
            }
        }
        // The file's own orphans, whole (with the links and verdict they keep).
        for orphan in article.orphans {
            let existing = self.library.get_mut(&id).or_else(|e| fail(e.to_string()))?;
            let ids = self.ids.entry(id.clone()).or_insert_with(|| ids_in(existing));
            if !ids.insert(orphan.annotation.id.clone()) {
                self.already_there += 1;
                continue;
            }
            existing.orphans.push(orphan);
            self.orphaned += 1;
        }
        Ok(())
    }

    /// Adds one annotation to an article of the library where `anchor` says, or as an orphan;
    /// one whose id the article already has is skipped.
    fn place(
        &mut self,
        article: &str,
        mut annotation: Annotation,
        anchor: Anchor,
        quote: QuoteContext,
        text_changed: bool,
    ) -> Result<(), ImportError> {
        let existing = self.library.get_mut(article).or_else(|e| fail(e.to_string()))?;
        let ids = self.ids.entry(article.to_string()).or_insert_with(|| ids_in(existing));
        if !ids.insert(annotation.id.clone()) {
            self.already_there += 1;
            return Ok(());
        }
        match anchor {
            Anchor::Placed { start, end, .. } => {
                (annotation.start, annotation.end) = (start, end);
                existing.annotations.push(annotation);
                self.annotations_added += 1;
                self.reanchored += usize::from(text_changed);
            }
            Anchor::Orphan { .. } => {
                let QuoteContext { exact, prefix, suffix } = quote;
                existing.orphans.push(Orphan::new(annotation, exact, prefix, suffix));
                self.orphaned += 1;
            }
        }
        Ok(())
    }
}

mod export_article;
mod w3c;
use export_article::{Fields, check_span, read_export_article};
use w3c::read_w3c;

#[cfg(test)]
mod tests;
