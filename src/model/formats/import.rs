//! Import of our JSON exports (every version), of stored libraries, and of W3C Web Annotation
//! files (text-quote and text-position selectors). All or nothing: the library is changed only
//! if the whole file is valid, and every error names the annotation and the field at fault.

use std::collections::{HashMap, HashSet};

use super::export::{FORMAT, VERSION, sha256_hex};
use super::w3c::ANNOTATION_PREFIX;
use super::{QuoteContext, quotes_with_context};
use crate::model::anchoring::{Anchor, Anchorer, Method, Selector};
use crate::model::json::{self, Json, Object};
use crate::model::library::{Annotation, AnnotationKind, Article, Library, Link, Orphan, Verdict, default_off_scale};
use crate::model::limits;
use crate::model::offsets::{CharIndex, CharOffset};
use crate::model::span;
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
    let value = json::read_to_depth(raw, ANNOTATION_DEPTH).or_else(not_json)?;
    let format = value.get("format").and_then(Json::as_str);
    let mut merge = Merge { library: library.clone(), ..Merge::default() };
    for article in library.articles.iter().filter(|a| !a.source_url.is_empty()) {
        // A URL held by two articles names neither.
        let owner = merge.copies_of.entry(article.source_url.clone()).or_insert_with(|| Some(article.id.clone()));
        if owner.as_deref() != Some(article.id.as_str()) {
            *owner = None;
        }
    }
    match format {
        Some(FORMAT) => {
            let version = value.get("version").and_then(Json::as_u64).unwrap_or(0);
            if version > VERSION {
                return fail(format!(
                    "The file was written by a newer version of Article Annotator (format version {version}; this one reads up to {VERSION})."
                ));
            }
            let articles = value
                .get("articles")
                .and_then(Json::as_array)
                .ok_or_else(|| ImportError("The file has no \"articles\" list.".into()))?;
            for (i, article) in articles.iter().enumerate() {
                merge.article(read_export_article(article, i)?)?;
            }
            let ratings = strings(value.get("ratings"), "ratings")?;
            let off_scale = match value.get("off_scale") {
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
        Some("article-annotator/library") => {
            let stored = stored::decode(raw)
                .or_else(|e| fail(format!("The stored library in the file cannot be read: {e}.")))?;
            // Decoding has checked that every annotation lies inside its text.
            for article in stored.articles {
                merge.article(article)?;
            }
        }
        _ => read_w3c(&json::read(raw).or_else(not_json)?, &mut merge, open)?,
    }
    check_limits(library, &merge.library)?;
    Ok(Imported {
        library: merge.library,
        articles_added: merge.articles_added,
        annotations_added: merge.annotations_added,
        already_there: merge.already_there,
        reanchored: merge.reanchored,
        orphaned: merge.orphaned,
    })
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
fn check_limits(before: &Library, after: &Library) -> Result<(), ImportError> {
    for article in &after.articles {
        let had = before.get(&article.id).map(|a| a.annotations.len());
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
    /// Adds an article, or its new annotations to the same article already in the library
    /// (the same id, or else a colleague's copy: the one article that had the same source URL
    /// before the import), placed again by their quotes if its text is not the same.
    fn article(&mut self, mut article: Article) -> Result<(), ImportError> {
        let known = self.library.articles.iter().find(|a| a.id == article.id).map(|a| a.id.clone());
        let Some(id) = known.or_else(|| self.copies_of.get(&article.source_url).cloned().flatten()) else {
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
        let anchorer = (existing.text != article.text).then(|| Anchorer::new(&existing.text));
        let quotes = quotes_with_context(&article, &article.annotations);
        for (annotation, quote) in std::mem::take(&mut article.annotations).into_iter().zip(quotes) {
            let anchor = match &anchorer {
                None => Anchor::Placed {
                    start: annotation.start,
                    end: annotation.end,
                    method: Method::Position,
                    confidence: 1.0,
                },
                Some(anchorer) => anchorer.anchor(&Selector {
                    exact: &quote.exact,
                    prefix: &quote.prefix,
                    suffix: &quote.suffix,
                    start: Some(annotation.start),
                }),
            };
            self.place(&id, annotation, anchor, quote, anchorer.is_some())?;
        }
        // Links whose both ends are now in the article, and verdicts on claims this import added.
        let existing = self.library.get_mut(&id).or_else(|e| fail(e.to_string()))?;
        let placed: HashSet<&str> = existing.annotations.iter().map(|a| a.id.as_str()).collect();
        let mut linked: HashSet<(String, String)> =
            existing.links.iter().map(|l| (l.claim.clone(), l.source.clone())).collect();
        for link in article.links {
            if placed.contains(link.claim.as_str())
                && placed.contains(link.source.as_str())
                && linked.insert((link.claim.clone(), link.source.clone()))
            {
                existing.links.push(link);
            }
        }
        let mut judged: HashSet<String> = existing.verdicts.iter().map(|v| v.claim.clone()).collect();
        for verdict in article.verdicts {
            if placed.contains(verdict.claim.as_str()) && judged.insert(verdict.claim.clone()) {
                existing.verdicts.push(verdict);
            }
        }
        if existing.session.is_empty() {
            existing.session = article.session;
        }
        let mut marked: HashSet<String> = existing.suggested.iter().cloned().collect();
        for id in article.suggested {
            if placed.contains(id.as_str()) && marked.insert(id.clone()) {
                existing.suggested.push(id);
            }
        }
        for Orphan { annotation, exact, prefix, suffix } in article.orphans {
            let quote = QuoteContext { exact, prefix, suffix };
            self.place(&id, annotation, Anchor::Orphan { confidence: 0.0 }, quote, false)?;
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
                existing.orphans.push(Orphan { annotation, exact, prefix, suffix });
                self.orphaned += 1;
            }
        }
        Ok(())
    }
}

/// A JSON value as one of the library's types. It is read again from its text, not with
/// `serde_json::from_value`: the stored library is read from text, and one way of reading each
/// type keeps a second copy of its code out of the wasm.
fn typed<T: serde::de::DeserializeOwned>(value: &Json) -> Result<T, String> {
    serde_json::from_str(&value.to_text()).map_err(|error| without_position(&error))
}

/// An error in a part of the file read on its own: its position is one in that part, not in
/// the user's file.
fn without_position(error: &serde_json::Error) -> String {
    let mut message = error.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    message
}

/// Reads fields of one JSON object, naming `place` in every error.
struct Fields<'a> {
    object: &'a Object<'a>,
    place: String,
}

impl<'a> Fields<'a> {
    fn of(value: &'a Json, place: String) -> Result<Self, ImportError> {
        match value.as_object() {
            Some(object) => Ok(Fields { object, place }),
            None => fail(format!("{place} is not a JSON object.")),
        }
    }

    fn text(&self, name: &str) -> Result<&'a str, ImportError> {
        match self.object.get(name) {
            Some(Json::String(s)) => Ok(s),
            Some(_) => fail(format!("{}: field \"{name}\" is not a string.", self.place)),
            None => fail(format!("{}: field \"{name}\" is missing.", self.place)),
        }
    }

    fn optional_text(&self, name: &str) -> Result<&'a str, ImportError> {
        if self.object.contains_key(name) { self.text(name) } else { Ok("") }
    }

    fn offset(&self, name: &str) -> Result<CharOffset, ImportError> {
        match self.object.get(name).map(Json::as_u64) {
            Some(Some(n)) => Ok(CharOffset(n as usize)),
            Some(None) => fail(format!("{}: field \"{name}\" is not a whole number.", self.place)),
            None => fail(format!("{}: field \"{name}\" is missing.", self.place)),
        }
    }
}

fn read_export_article(value: &Json, index: usize) -> Result<Article, ImportError> {
    let fields = Fields::of(value, format!("Article {}", index + 1))?;
    let title = fields.text("title")?;
    let place = format!("Article {} (“{title}”)", index + 1);
    let fields = Fields { place: place.clone(), ..fields };
    let text = fields.text("text")?.to_string();
    let hash = fields.optional_text("text_sha256")?;
    if !hash.is_empty() && hash != sha256_hex(&text) {
        return fail(format!("{place}: field \"text_sha256\" does not match the text (the file was changed or cut)."));
    }
    let mut article = Article::new(
        fields.text("id")?.to_string(),
        title.to_string(),
        text,
        fields.optional_text("added")?.to_string(),
    );
    article.source_url = fields.optional_text("source_url")?.to_string();
    article.published = fields.optional_text("published")?.to_string();
    article.modified = fields.optional_text("modified")?.to_string();
    article.byline = fields.optional_text("byline")?.to_string();
    article.site_name = fields.optional_text("site_name")?.to_string();
    article.language = fields.optional_text("language")?.to_string();
    article.leftovers_reviewed = true;
    let annotations = match fields.object.get("annotations") {
        Some(Json::Array(list)) => list,
        _ => return fail(format!("{place}: field \"annotations\" is missing or not a list.")),
    };
    let index_of_text = CharIndex::new(&article.text);
    let length = CharOffset(article.text.chars().count());
    for (j, item) in annotations.iter().enumerate() {
        let read;
        let value = match item {
            // Checked to be JSON already; but skipping knows no depth limit, and reading does.
            Json::Raw(text) => {
                read = json::read(text).or_else(|e| {
                    fail(format!("Annotation {} of “{title}” cannot be read ({}).", j + 1, without_position(&e)))
                })?;
                &read
            }
            value => value,
        };
        let id_hint = value.get("id").and_then(Json::as_str).unwrap_or("?");
        let fields = Fields::of(value, format!("Annotation {} (id “{id_hint}”) of “{title}”", j + 1))?;
        let kind = match fields.text("kind")? {
            "claim" => AnnotationKind::Claim,
            "source" => AnnotationKind::Source,
            "anonymous_attribution" => AnnotationKind::AnonymousAttribution,
            other => {
                return fail(format!(
                    "{}: field \"kind\" is “{other}”, not claim, source or anonymous_attribution.",
                    fields.place
                ));
            }
        };
        let (start, end) = (fields.offset("start")?, fields.offset("end")?);
        check_span(start, end, length, &fields.place)?;
        if let Some(quote) = fields.object.get("quote") {
            let exact = Fields::of(quote, format!("{}, its quote", fields.place))?.text("exact")?;
            let found = index_of_text.slice(start, end);
            if exact != found {
                return fail(format!(
                    "{}: field \"quote\" (“{}”) does not match the text at {}–{} (“{}”).",
                    fields.place,
                    crate::model::text::excerpt(exact, 40),
                    start.0,
                    end.0,
                    crate::model::text::excerpt(found, 40)
                ));
            }
        }
        let id = fields.text("id")?.to_string();
        if let Some(sources) = fields.object.get("sources") {
            let Some(sources) = sources.as_array().filter(|list| list.iter().all(Json::is_string)) else {
                return fail(format!("{}: field \"sources\" is not a list of annotation ids.", fields.place));
            };
            let sources = sources.iter().filter_map(Json::as_str);
            article.links.extend(sources.map(|source| Link::new(id.clone(), source.to_string())));
        }
        if let Some(verdict) = fields.object.get("verdict") {
            let mut verdict: Verdict = typed(verdict)
                .or_else(|e| fail(format!("{}: field \"verdict\" cannot be read ({e}).", fields.place)))?;
            if let Some(bad) = verdict.evidence.iter().find(|e| !is_web_url(&e.url)) {
                return fail(format!(
                    "{}: evidence “{}” is not an http or https URL.",
                    fields.place,
                    crate::model::text::excerpt(&bad.url, 60)
                ));
            }
            verdict.claim = id.clone();
            article.verdicts.push(verdict);
        }
        if fields.object.get("suggested").and_then(Json::as_bool) == Some(true) {
            article.suggested.push(id.clone());
        }
        article.annotations.push(Annotation {
            id,
            kind,
            start,
            end,
            note: fields.optional_text("note")?.to_string(),
            created: fields.optional_text("created")?.to_string(),
            modified: fields.optional_text("modified")?.to_string(),
            author: fields.optional_text("author")?.to_string(),
            edited_by: fields.optional_text("edited_by")?.to_string(),
        });
    }
    check_links(&article)?;
    if let Some(orphans) = fields.object.get("orphans") {
        article.orphans =
            typed(orphans).or_else(|e| fail(format!("{place}: field \"orphans\" is not a list of orphans ({e}).")))?;
    }
    if let Some(session) = fields.object.get("session") {
        article.session =
            typed(session).or_else(|e| fail(format!("{place}: field \"session\" cannot be read ({e}).")))?;
    }
    Ok(article)
}

fn is_web_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Every link goes from a claim to a source or anonymous attribution of the same article, and
/// every verdict is on a claim.
fn check_links(article: &Article) -> Result<(), ImportError> {
    // The first annotation of an id counts (a second one is skipped as already there).
    let mut kinds = HashMap::new();
    for a in &article.annotations {
        kinds.entry(a.id.as_str()).or_insert(a.kind);
    }
    let kind_of = |id: &str| kinds.get(id).copied();
    for link in &article.links {
        if kind_of(&link.claim) != Some(AnnotationKind::Claim) {
            return fail(format!("Annotation “{}” of “{}”: only claims have sources.", link.claim, article.title));
        }
        if !kind_of(&link.source).is_some_and(|k| k != AnnotationKind::Claim) {
            return fail(format!(
                "Annotation “{}” of “{}”: field \"sources\" names “{}”, which is not a source or anonymous attribution of the article.",
                link.claim, article.title, link.source
            ));
        }
    }
    if let Some(v) = article.verdicts.iter().find(|v| kind_of(&v.claim) != Some(AnnotationKind::Claim)) {
        return fail(format!("Annotation “{}” of “{}”: only claims have verdicts.", v.claim, article.title));
    }
    Ok(())
}

fn check_span(start: CharOffset, end: CharOffset, length: CharOffset, place: &str) -> Result<(), ImportError> {
    span::within(start, end, length).map(|_| ()).or_else(|e| fail(format!("{place}: {e}.")))
}

mod w3c;
use w3c::read_w3c;

#[cfg(test)]
mod tests;
