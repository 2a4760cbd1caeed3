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
            article.links.extend(sources.map(|source| Link { claim: id.clone(), source: source.to_string() }));
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

fn items_of<'a>(page: &'a Json<'a>) -> Option<Vec<&'a Json<'a>>> {
    page.get("items").and_then(Json::as_array).map(|l| l.iter().collect())
}

/// The annotations of a W3C document: one annotation, a list, a page or a collection.
fn w3c_items<'a>(value: &'a Json<'a>) -> Option<Vec<&'a Json<'a>>> {
    if let Some(list) = value.as_array() {
        return Some(list.iter().collect());
    }
    let types: Vec<&str> = match value.get("type") {
        Some(Json::String(t)) => vec![t],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => return None,
    };
    if types.contains(&"AnnotationCollection") {
        value.get("first").and_then(items_of).or_else(|| items_of(value))
    } else if types.contains(&"AnnotationPage") {
        items_of(value)
    } else if types.contains(&"Annotation") {
        Some(vec![value])
    } else {
        None
    }
}

fn read_w3c(value: &Json, merge: &mut Merge, open: Option<&str>) -> Result<(), ImportError> {
    let Some(items) = w3c_items(value) else {
        return fail("The file is neither an Article Annotator export nor W3C Web Annotation JSON.");
    };
    let mut anchorers: HashMap<String, (Anchorer, usize)> = HashMap::new();
    let mut items_read = 0;
    let mut links: Vec<(String, String)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let fields = Fields::of(item, format!("Annotation {}", i + 1))?;
        let id_iri = fields.text("id")?;
        let place = format!("Annotation {} (id “{id_iri}”)", i + 1);
        let target = item.get("target").ok_or_else(|| ImportError(format!("{place}: field \"target\" is missing.")))?;
        // A link between two annotations (ours: a claim and its source), added once all are in.
        if let (Some("linking"), Some(claim), Some(source)) = (
            fields.object.get("motivation").and_then(Json::as_str),
            target.as_str(),
            item.get("body").and_then(Json::as_str),
        ) {
            links.push((claim.to_string(), source.to_string()));
            continue;
        }
        let source = target.get("source").and_then(Json::as_str).unwrap_or("");
        let article_id = merge
            .library
            .articles
            .iter()
            .find(|a| {
                !source.is_empty()
                    && (a.source_url == source || source == format!("urn:article-annotator:article:{}", a.id))
            })
            .map(|a| a.id.clone())
            .or_else(|| open.map(str::to_string))
            .ok_or_else(|| {
                ImportError(format!(
                    "{place}: its target “{source}” is not an article of this browser; open the article first."
                ))
            })?;
        let text = merge.library.get(&article_id).map(|a| &*a.text).unwrap_or_default();
        if !anchorers.contains_key(&article_id) {
            anchorers.insert(article_id.clone(), (Anchorer::new(text), text.chars().count()));
        }
        let (anchorer, length) = &anchorers[&article_id];
        let (anchor, quote) = w3c_anchor(target, anchorer, CharOffset(*length), &place)?;
        let bodies: Vec<&Json> = match item.get("body") {
            Some(Json::Array(list)) => list.iter().collect(),
            Some(body) => vec![body],
            None => Vec::new(),
        };
        let purpose = |b: &&Json, p: &str| b.get("purpose").and_then(Json::as_str) == Some(p);
        let value_of = |b: &Json| b.get("value").and_then(Json::as_str).unwrap_or("").to_string();
        let kind = bodies
            .iter()
            .filter(|b| purpose(b, "tagging"))
            .find_map(|b| kind_from_tag(&value_of(b)))
            .unwrap_or(AnnotationKind::Claim);
        let note = bodies
            .iter()
            .filter(|b| purpose(b, "commenting") || purpose(b, "describing") || b.get("purpose").is_none())
            .map(|b| value_of(b))
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let id = id_iri.strip_prefix("urn:article-annotator:annotation:").unwrap_or(id_iri).to_string();
        let time = |name: &str| item.get(name).and_then(Json::as_str).unwrap_or("").to_string();
        let (start, end) = match anchor {
            Anchor::Placed { start, end, .. } => (start, end),
            Anchor::Orphan { .. } => (CharOffset(0), CharOffset(0)),
        };
        let annotation =
            Annotation { id, kind, start, end, note, created: time("created"), modified: time("modified") };
        merge.place(&article_id, annotation, anchor, quote, false)?;
        items_read += 1;
    }
    // A file none of whose annotations fit is about another text: refuse it whole.
    if items_read > 0 && merge.orphaned == items_read {
        return fail(format!(
            "None of its {items_read} annotations could be placed on the article: their quotes are not in its text. Open the article they were made on, then import again."
        ));
    }
    for (claim, source) in links {
        let id = |iri: &str| iri.strip_prefix(ANNOTATION_PREFIX).unwrap_or(iri).to_string();
        let link = Link { claim: id(&claim), source: id(&source) };
        // Added where both ends are, if they are a claim and a source; other links are not ours.
        let kind_in = |a: &Article, id: &str| a.annotations.iter().find(|n| n.id == id).map(|n| n.kind);
        let article = merge.library.articles.iter_mut().find(|a| {
            kind_in(a, &link.claim) == Some(AnnotationKind::Claim)
                && kind_in(a, &link.source).is_some_and(|k| k != AnnotationKind::Claim)
        });
        if let Some(article) = article
            && !article.links.contains(&link)
        {
            article.links.push(link);
        }
    }
    Ok(())
}

fn kind_from_tag(tag: &str) -> Option<AnnotationKind> {
    let tag = tag.trim().to_lowercase().replace(['_', '-'], " ");
    AnnotationKind::ALL.into_iter().find(|k| k.label().to_lowercase() == tag)
}

/// Where a W3C target belongs in an article: by its position selector alone if it has no
/// quote, else by re-anchoring its quote selector (the position as a hint). Also returns the
/// quote, kept with the annotation if it becomes an orphan.
fn w3c_anchor(
    target: &Json,
    anchorer: &Anchorer,
    length: CharOffset,
    place: &str,
) -> Result<(Anchor, QuoteContext), ImportError> {
    let selectors: Vec<&Json> = match target.get("selector") {
        Some(Json::Array(list)) => list.iter().collect(),
        Some(selector) => vec![selector],
        None => return fail(format!("{place}: its target has no selector.")),
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Json::as_str) == Some(t));
    let quote = of_type("TextQuoteSelector");
    let text_of = |name: &str| quote.and_then(|q| q.get(name)).and_then(Json::as_str).unwrap_or("").to_string();
    let quote = QuoteContext { exact: text_of("exact"), prefix: text_of("prefix"), suffix: text_of("suffix") };
    let mut hint = None;
    if let Some(position) = of_type("TextPositionSelector") {
        let fields = Fields::of(position, format!("{place}, its TextPositionSelector"))?;
        let (start, end) = (fields.offset("start")?, fields.offset("end")?);
        if quote.exact.is_empty() {
            check_span(start, end, length, &fields.place)?;
            return Ok((Anchor::Placed { start, end, method: Method::Position, confidence: 1.0 }, quote));
        }
        hint = Some(start);
    }
    if quote.exact.is_empty() {
        return fail(format!("{place}: it has neither a usable TextPositionSelector nor a TextQuoteSelector."));
    }
    let selector = Selector { exact: &quote.exact, prefix: &quote.prefix, suffix: &quote.suffix, start: hint };
    Ok((anchorer.anchor(&selector), quote))
}

#[cfg(test)]
mod tests {
    use super::super::export::{Provenance, export};
    use super::super::w3c;
    use super::*;

    fn provenance() -> Provenance {
        Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0.1.0".into() }
    }

    fn library_with_sample() -> Library {
        let mut library = Library::default();
        library.add(super::super::export::tests::sample_article());
        library
    }

    #[test]
    fn a_verdict_that_cannot_be_read_is_refused_with_what_is_wrong_and_no_inner_position() {
        let article = super::super::export::tests::judged_sample_article();
        let file = export([&article], &Library::default().ratings, &Library::default().off_scale, &provenance())
            .replace("\"checked\"", "\"settled\"");
        let error = import(&file, &Library::default(), None).unwrap_err();
        assert!(error.0.contains("field \"verdict\" cannot be read (unknown variant `settled`"), "{error}");
        assert!(!error.0.contains(" at line "), "{error}");
    }

    #[test]
    fn files_beyond_the_limits_are_refused_whole() {
        let long = Article::new("long".into(), "Long".into(), "word ".repeat(200_001).trim_end().into(), "t".into());
        let file = export([&long], &Library::default().ratings, &Library::default().off_scale, &provenance());
        let error = import(&file, &library_with_sample(), None).unwrap_err();
        assert!(error.0.starts_with("The article “Long” is too long. It has 1,000,004 characters"), "{error}");

        let mut crowded = Article::new("crowded".into(), "Crowded".into(), "a b".into(), "t".into());
        crowded.annotations = (0..=limits::MAX_ANNOTATIONS)
            .map(|i| Annotation {
                id: format!("n{i}"),
                kind: AnnotationKind::Claim,
                start: CharOffset(0),
                end: CharOffset(1),
                note: String::new(),
                created: "t".into(),
                modified: "t".into(),
            })
            .collect();
        let file = export([&crowded], &Library::default().ratings, &Library::default().off_scale, &provenance());
        let error = import(&file, &Library::default(), None).unwrap_err();
        assert_eq!(
            error.0,
            "The article “Crowded” would have 20,001 annotations, and an article can have at most 20,000."
        );
        // At the limit, it imports.
        crowded.annotations.pop();
        let file = export([&crowded], &Library::default().ratings, &Library::default().off_scale, &provenance());
        assert_eq!(import(&file, &Library::default(), None).unwrap().annotations_added, limits::MAX_ANNOTATIONS);
    }

    #[test]
    fn an_export_imports_into_an_empty_library_unchanged_and_twice_adds_nothing() {
        let original = library_with_sample();
        let file =
            export(&original.articles, &Library::default().ratings, &Library::default().off_scale, &provenance());
        let first = import(&file, &Library::default(), None).unwrap();
        assert_eq!((first.articles_added, first.annotations_added), (1, 2));
        let mut expected = original.articles[0].clone();
        expected.leftovers_reviewed = true;
        assert_eq!(first.library.articles, [expected]);
        let again = import(&file, &first.library, None).unwrap();
        assert_eq!((again.articles_added, again.annotations_added, again.already_there), (0, 0, 2));
        assert_eq!(again.library, first.library);
        // Version 1 files (without orphans) read the same.
        let version_1 = import(&file.replace("\"version\": 5", "\"version\": 1"), &Library::default(), None);
        assert_eq!(version_1.unwrap().library, first.library);
    }

    #[test]
    fn a_colleagues_copy_adds_its_own_annotations_links_and_verdicts_once() {
        let mine = library_with_sample();
        let mut theirs = mine.articles[0].clone();
        for a in &mut theirs.annotations {
            a.id.insert_str(0, "c-");
        }
        // Theirs, and one of mine again (already there); their claim may rest on my source.
        theirs.annotations.push(mine.articles[0].annotations[1].clone());
        let link = |claim: &str, source: &str| Link { claim: claim.into(), source: source.into() };
        theirs.links = vec![link("c-n2", "c-n1"), link("c-n2", "n1")];
        theirs.verdicts = vec![Verdict { claim: "c-n2".into(), rating: "False".into(), ..Verdict::default() }];
        theirs.suggested = vec!["c-n1".into(), "n1".into()];
        let file = export([&theirs], &mine.ratings, &mine.off_scale, &provenance());
        let merged = import(&file, &mine, None).unwrap();
        assert_eq!((merged.articles_added, merged.annotations_added, merged.already_there), (0, 2, 1));
        let article = &merged.library.articles[0];
        let ids: Vec<&str> = article.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["n2", "n1", "c-n2", "c-n1"]);
        assert_eq!(article.links, [link("c-n2", "c-n1"), link("c-n2", "n1")]);
        assert_eq!(article.verdicts.iter().map(|v| v.claim.as_str()).collect::<Vec<_>>(), ["c-n2"]);
        assert_eq!(article.suggested, ["c-n1", "n1"]);
        // Once more: everything is there already, and nothing is added twice.
        let again = import(&file, &merged.library, None).unwrap();
        assert_eq!((again.annotations_added, again.already_there), (0, 3));
        assert_eq!(again.library, merged.library);
    }

    #[test]
    fn the_files_ratings_join_the_scale_with_whether_they_are_off_it() {
        let strings = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let article = super::super::export::tests::sample_article();
        let file = |ratings: &[&str], off_scale: &[&str]| {
            export([&article], &strings(ratings), &strings(off_scale), &provenance())
        };
        let theirs = file(&["Correct", "Satire", "Unverifiable", "Wrong"], &["Satire", "Unverifiable"]);
        // Mine keeps "Unverifiable" on the scale: an import does not change a rating I have.
        let mut mine = Library::default();
        mine.set_off_scale(&[]).unwrap();
        let merged = import(&theirs, &mine, None).unwrap().library;
        assert_eq!(merged.ratings[6..], ["Correct", "Satire", "Wrong"]);
        assert_eq!(merged.off_scale, ["Satire"]);
        // A file from before version 5 has the default: "Unverifiable" comes in off the scale.
        let mut custom = Library::default();
        custom.set_scale(&strings(&["Yes", "No"]), &[]).unwrap();
        let old = file(&["True", "Unverifiable"], &[])
            .replace(",\n  \"off_scale\": []", "")
            .replace("\"version\": 5", "\"version\": 4");
        assert!(!old.contains("off_scale"), "{old}");
        let merged = import(&old, &custom, None).unwrap().library;
        assert_eq!(
            (merged.ratings, merged.off_scale),
            (strings(&["Yes", "No", "True", "Unverifiable"]), strings(&["Unverifiable"]))
        );
        // Only ratings of the file's scale can be off it.
        let stranger = file(&["Correct", "Wrong"], &["Maybe"]);
        assert_eq!(
            import(&stranger, &Library::default(), None).unwrap_err().0,
            "The file's \"off_scale\" names “Maybe”, which is not one of its \"ratings\"."
        );
        let not_a_list = file(&["Correct"], &[]).replace("\"off_scale\": []", "\"off_scale\": \"Maybe\"");
        assert_eq!(
            import(&not_a_list, &Library::default(), None).unwrap_err().0,
            "The file's \"off_scale\" is not a list of ratings."
        );
    }

    fn refused(file: &str) -> String {
        import(file, &library_with_sample(), Some("a1")).unwrap_err().0
    }

    #[test]
    fn bad_files_are_refused_with_the_place_and_the_field() {
        let good = export(
            &library_with_sample().articles,
            &Library::default().ratings,
            &Library::default().off_scale,
            &provenance(),
        );
        assert!(refused("{\"format\": ").starts_with("The file is not valid JSON"));
        assert!(refused("[1, 2").starts_with("The file is not valid JSON"));
        assert_eq!(
            refused("{\"hello\": 1}"),
            "The file is neither an Article Annotator export nor W3C Web Annotation JSON."
        );
        assert!(refused(&good.replace("\"version\": 5", "\"version\": 7")).contains("newer version"));
        let out_of_text = good.replace("\"end\": 62", "\"end\": 6200");
        assert!(
            refused(&out_of_text)
                .contains("Annotation 1 (id “n2”) of “Kerman”: \"end\" (6200) is beyond the end of the text")
        );
        let wrong_quote = good.replace("\"exact\": \"killed 95 people\"", "\"exact\": \"killed 59 people\"");
        assert!(
            refused(&wrong_quote)
                .contains("Annotation 1 (id “n2”) of “Kerman”: field \"quote\" (“killed 59 people”) does not match")
        );
        let bad_kind = good.replace("\"kind\": \"claim\"", "\"kind\": \"rumour\"");
        assert!(refused(&bad_kind).contains("field \"kind\" is “rumour”"));
        let changed_text = good.replace("killed 95 people.", "killed 96 people.");
        assert!(refused(&changed_text).contains("\"text_sha256\" does not match"));
        let missing = good.replacen("\"note\": \"Count rose later.\",", "", 1).replacen("\"start\": 46,", "", 1);
        assert!(refused(&missing).contains("field \"start\" is missing"));
        let deep = "[".repeat(100_000);
        assert!(refused(&deep).starts_with("The file is not valid JSON"));
        // Closed nesting far below serde_json's depth limit of 128: an export's annotations
        // are skipped on the first pass, which has no such limit, and read one at a time.
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(refused(&nested).starts_with("The file is not valid JSON (recursion limit exceeded at line 1"));
        let first_annotation = good.find("{\n          \"id\": \"n2\"").expect("the first annotation");
        let in_annotation = format!("{}{nested},{}", &good[..first_annotation], &good[first_annotation..]);
        assert_eq!(refused(&in_annotation), "Annotation 1 of “Kerman” cannot be read (recursion limit exceeded).");
        let in_articles = good.replacen("\"articles\": [", &format!("\"articles\": [{nested},"), 1);
        assert_eq!(refused(&in_articles), "Article 1 is not a JSON object.");
    }

    #[test]
    fn w3c_files_import_by_position_or_by_quote_with_context() {
        let source = library_with_sample();
        let file = w3c::export(&source.articles[0]);
        let mut empty_article = source.clone();
        empty_article.articles[0].annotations.clear();
        let imported = import(&file, &empty_article, None).unwrap();
        assert_eq!(imported.annotations_added, 2);
        let claim = imported.library.articles[0].annotations.iter().find(|a| a.id == "n2").unwrap();
        assert_eq!((claim.kind, claim.start, claim.end), (AnnotationKind::Claim, CharOffset(46), CharOffset(62)));
        assert_eq!(claim.note, "Count rose later.");

        // Another tool's annotation with only a quote, whose word occurs twice: the context decides.
        let mut twice = empty_article.clone();
        twice.articles[0].text = "people said. A U.S. official said people".into();
        let other_tool = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.is/abc", "type": "Annotation",
            "body": {"type": "TextualBody", "value": "check this"},
            "target": {"source": "https://example.org/story", "selector": {"type": "TextQuoteSelector", "exact": "people", "prefix": "official said "}}}"#;
        let imported = import(other_tool, &twice, None).unwrap();
        let a = &imported.library.articles[0].annotations[0];
        assert_eq!(
            (a.id.as_str(), a.start, a.end, a.note.as_str()),
            ("https://hyp.is/abc", CharOffset(34), CharOffset(40), "check this")
        );

        let missing_quote = other_tool.replace("\"exact\": \"people\"", "\"exact\": \"nobody\"");
        assert!(
            import(&missing_quote, &twice, None)
                .unwrap_err()
                .0
                .starts_with("None of its 1 annotations could be placed")
        );
    }

    /// The sample library with its article's text changed to `text`, and no annotations.
    fn library_with_text(text: &str) -> Library {
        let mut library = library_with_sample();
        library.articles[0].text = text.into();
        library.articles[0].annotations.clear();
        library
    }

    #[test]
    fn annotations_of_a_changed_text_are_placed_again_or_kept_as_orphans() {
        let file = export(
            &library_with_sample().articles,
            &Library::default().ratings,
            &Library::default().off_scale,
            &provenance(),
        );
        // A sentence added before, the count corrected inside the claim: both placed.
        let corrected =
            library_with_text("Updated. A U.S. official said Thursday that the blasts killed 96 people. 😀");
        let imported = import(&file, &corrected, None).unwrap();
        assert_eq!((imported.annotations_added, imported.reanchored, imported.orphaned), (2, 2, 0));
        let article = &imported.library.articles[0];
        let quotes: Vec<String> = article.annotations.iter().map(|a| article.quote(a.span())).collect();
        assert_eq!(quotes, ["killed 96 people", "A U.S. official said"]);

        // The claim rewritten: it waits as an orphan, with its quote and note.
        let rewritten =
            library_with_text("Updated. A U.S. official said Thursday that the blasts left dozens dead. 😀");
        let imported = import(&file, &rewritten, None).unwrap();
        assert_eq!((imported.annotations_added, imported.reanchored, imported.orphaned), (1, 1, 1));
        let article = &imported.library.articles[0];
        assert_eq!(article.quote(article.annotations[0].span()), "A U.S. official said");
        let orphan = &article.orphans[0];
        assert_eq!((orphan.annotation.id.as_str(), orphan.exact.as_str()), ("n2", "killed 95 people"));
        assert_eq!(orphan.annotation.note, "Count rose later.");

        // A colleague's copy of the article (another id, the same URL) merges into this one.
        let mut colleague =
            library_with_text("Updated. A U.S. official said Thursday that the blasts killed 96 people. 😀");
        colleague.articles[0].id = "their-copy".into();
        let merged = import(&file, &colleague, None).unwrap();
        assert_eq!((merged.articles_added, merged.reanchored), (0, 2));
        assert_eq!(merged.library.articles.len(), 1);
        // With two articles of that URL already, neither is the copy: it is added as it is.
        let mut two = colleague.clone();
        let other = Article { id: "their-other".into(), ..colleague.articles[0].clone() };
        two.articles.push(other);
        assert_eq!(import(&file, &two, None).unwrap().articles_added, 1);

        // Exported with its orphan and imported elsewhere, nothing is lost; twice adds nothing.
        let again = export(
            &imported.library.articles,
            &Library::default().ratings,
            &Library::default().off_scale,
            &provenance(),
        );
        let elsewhere = import(&again, &Library::default(), None).unwrap();
        assert_eq!(elsewhere.library.articles[0].orphans, article.orphans);
        let twice = import(&again, &elsewhere.library, None).unwrap();
        assert_eq!((twice.annotations_added, twice.orphaned, twice.already_there), (0, 0, 2));
    }
}
