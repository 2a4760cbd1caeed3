//! The library as small documents, the form a replicating database keeps it in (PouchDB in the
//! browser, CouchDB for a desk).
//!
//! One document per article's details, per article text, per annotation, per link, per verdict,
//! and one for the rating scale. So a change writes only what changed (editing a note writes one
//! annotation), the text is written once, and two people who change different annotations,
//! links or verdicts never touch the same document. Every document has a `type` and a format
//! version `v`; [`Loader`] reads every version ever written. Ids put an article's documents
//! together (`a/<article>/…`), so one key range reads an article.
//!
//! [`Saved`] remembers what the database holds (each document's revision and a digest of its
//! content), and turns a library into the writes that bring the database up to date.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use super::extract::RemovedPart;
use super::library::{Annotation, Article, Library, Link, Orphan, Session, Verdict};

mod conflicts;
mod load;
#[cfg(test)]
mod tests;

pub use conflicts::{Merged, Resolved, merge_details};
pub use load::{Applied, LoadError, Loaded, Loader};

/// The format version of the documents written now.
pub const DOC_VERSION: u64 = 1;

/// The id of the rating scale's document.
pub const SCALE_ID: &str = "scale";

/// A document as stored: its id, its revision (absent before it was first written) and body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
    /// The format version of the body.
    pub v: u64,
    #[serde(flatten)]
    pub body: Body,
}

/// What a document holds. Bodies are made and read one at a time, so the size difference
/// between kinds costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    Article(Details),
    Text(TextBody),
    Annotation(Item<Annotation>),
    Link(Item<Link>),
    Verdict(Item<Verdict>),
    Scale(Scale),
}

/// An article's details: everything but its text and what is marked in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Details {
    pub article: String,
    /// Its place in the library: articles are listed in this order.
    pub n: u64,
    pub title: String,
    #[serde(default)]
    pub source_url: String,
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub byline: String,
    #[serde(default)]
    pub site_name: String,
    #[serde(default)]
    pub modified: String,
    #[serde(default)]
    pub language: String,
    pub added: String,
    #[serde(default)]
    pub leftovers_reviewed: bool,
    #[serde(default)]
    pub session: Session,
    #[serde(default)]
    pub orphans: Vec<Orphan>,
    #[serde(default)]
    pub suggested: Vec<String>,
}

/// An article's text and the parts of its page left out of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextBody {
    pub article: String,
    pub text: String,
    #[serde(default)]
    pub removed_parts: Vec<RemovedPart>,
}

/// One annotation, link or verdict of an article. `n` keeps the order they were made in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item<T> {
    pub article: String,
    pub n: u64,
    #[serde(flatten)]
    pub item: T,
}

/// The library's rating scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub ratings: Vec<String>,
    #[serde(default)]
    pub off_scale: Vec<String>,
}

/// Escapes an id for a place in a document id: `/` separates the parts.
fn part(id: &str) -> String {
    id.replace('%', "%25").replace('/', "%2F")
}

/// The prefix every document of an article's id starts with.
pub fn article_prefix(article: &str) -> String {
    format!("a/{}/", part(article))
}

fn details_id(article: &str) -> String {
    format!("{}article", article_prefix(article))
}

fn text_id(article: &str) -> String {
    format!("{}text", article_prefix(article))
}

fn annotation_id(article: &str, annotation: &str) -> String {
    format!("{}annotation/{}", article_prefix(article), part(annotation))
}

fn link_id(article: &str, link: &Link) -> String {
    format!("{}link/{}/{}", article_prefix(article), part(&link.claim), part(&link.source))
}

fn verdict_id(article: &str, claim: &str) -> String {
    format!("{}verdict/{}", article_prefix(article), part(claim))
}

/// One write to the database: a document put (with the revision it replaces, if any) or
/// deleted.
#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub id: String,
    pub rev: Option<String>,
    /// The whole document as JSON, `_id` and `_rev` included; `None` deletes it.
    pub json: Option<String>,
    /// Bookkeeping for [`Saved::written`].
    article: Option<String>,
    digest: u64,
    n: u64,
}

impl Write {
    /// The JSON the database takes for this write.
    pub fn to_json(&self) -> String {
        match &self.json {
            Some(json) => json.clone(),
            None => serde_json::json!({ "_id": self.id, "_rev": self.rev, "_deleted": true }).to_string(),
        }
    }
}

/// What the database holds of one document.
#[derive(Clone, Debug)]
struct Entry {
    rev: String,
    digest: u64,
    n: u64,
}

/// What the database holds of one article.
#[derive(Clone, Debug, Default)]
struct ArticleEntries {
    docs: HashMap<String, Entry>,
    /// The `n` the next new annotation, link or verdict gets.
    next_n: u64,
    /// The details as stored, to merge a concurrent edit with (see [`merge_details`]).
    details: Option<Details>,
    /// The `n` of items deleted in this session: one that comes back (an undone deletion) takes
    /// its old place.
    retired: HashMap<String, u64>,
}

/// What the database holds, as far as this tab knows: every document's revision and digest.
#[derive(Clone, Debug, Default)]
pub struct Saved {
    articles: HashMap<String, ArticleEntries>,
    scale: Option<Entry>,
    /// The `n` the next new article gets.
    next_article_n: u64,
    /// The `n` of articles deleted in this session: one that comes back (an undone deletion)
    /// takes its old place.
    retired_articles: HashMap<String, u64>,
    /// Articles whose documents may differ from the library's: edited, or whose last write
    /// failed.
    dirty: HashSet<String>,
    scale_dirty: bool,
}

/// A digest of a document's content (not its revision or place): equal content, equal digest.
fn digest<T: Serialize>(body: &T) -> u64 {
    struct Digest(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Digest {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Digest(Default::default());
    serde_json::to_writer(&mut out, body).expect("documents serialize");
    out.0.finish()
}

fn details_of(article: &Article, n: u64) -> Details {
    Details {
        article: article.id.clone(),
        n,
        title: article.title.clone(),
        source_url: article.source_url.clone(),
        published: article.published.clone(),
        byline: article.byline.clone(),
        site_name: article.site_name.clone(),
        modified: article.modified.clone(),
        language: article.language.clone(),
        added: article.added.clone(),
        leftovers_reviewed: article.leftovers_reviewed,
        session: article.session.clone(),
        orphans: article.orphans.clone(),
        suggested: article.suggested.clone(),
    }
}

impl Details {
    /// Puts these details on `article` (its text and what is marked in it stay).
    fn apply_to(&self, article: &mut Article) {
        article.title = self.title.clone();
        article.source_url = self.source_url.clone();
        article.published = self.published.clone();
        article.byline = self.byline.clone();
        article.site_name = self.site_name.clone();
        article.modified = self.modified.clone();
        article.language = self.language.clone();
        article.leftovers_reviewed = self.leftovers_reviewed;
        article.session = self.session.clone();
        article.orphans = self.orphans.clone();
        article.suggested = self.suggested.clone();
    }
}

impl Body {
    /// The article a document belongs to; `None` for the scale, which is the library's.
    fn article(&self) -> Option<&str> {
        match self {
            Body::Article(d) => Some(&d.article),
            Body::Text(t) => Some(&t.article),
            Body::Annotation(i) => Some(&i.article),
            Body::Link(i) => Some(&i.article),
            Body::Verdict(i) => Some(&i.article),
            Body::Scale(_) => None,
        }
    }
}

/// The content part of a document, borrowed, for its digest: the same for every `n`.
#[derive(Serialize)]
struct TextRef<'a> {
    text: &'a str,
    removed_parts: &'a [RemovedPart],
}

impl Saved {
    /// The writes that bring the database to `library`, looking at the articles the library's
    /// edit log names, those whose last write failed, `also` (the open article, in case an
    /// edit went around the log) and articles added or removed. Nothing is marked as written
    /// until [`Saved::written`] says so.
    pub fn writes(&mut self, library: &mut Library, also: Option<&str>) -> Vec<Write> {
        let log = library.take_edited();
        self.dirty.extend(log.articles);
        self.scale_dirty |= log.scale;
        if let Some(id) = also {
            self.dirty.insert(id.to_string());
        }
        let present: HashSet<&str> = library.articles.iter().map(|a| a.id.as_str()).collect();
        for article in &library.articles {
            if !self.articles.contains_key(&article.id) {
                self.dirty.insert(article.id.clone());
            }
        }
        for gone in self.articles.keys().filter(|id| !present.contains(id.as_str())) {
            self.dirty.insert(gone.clone());
        }
        let mut writes = Vec::new();
        // In the library's order, so that new articles are numbered in the order they came.
        let mut next_article_n = self.next_article_n;
        for article in library.articles.iter().filter(|a| self.dirty.contains(&a.id)) {
            let entries = self.articles.get(&article.id);
            let known = entries.and_then(|e| e.docs.get(&details_id(&article.id))).map(|e| e.n);
            let n = known.or(self.retired_articles.get(&article.id).copied()).unwrap_or_else(|| {
                next_article_n += 1;
                next_article_n - 1
            });
            article_writes(article, n, entries, &mut writes);
        }
        for (id, entries) in self.articles.iter().filter(|(id, _)| !present.contains(id.as_str())) {
            for (doc, entry) in &entries.docs {
                writes.push(delete(doc, entry, Some(id)));
            }
        }
        if self.scale_dirty || self.scale.is_none() {
            let scale = Scale { ratings: library.ratings.clone(), off_scale: library.off_scale.clone() };
            let digest = digest(&scale);
            if self.scale.as_ref().is_none_or(|e| e.digest != digest) {
                let rev = self.scale.as_ref().map(|e| e.rev.clone());
                writes.push(put(SCALE_ID.into(), rev, Body::Scale(scale), None, digest, 0));
            }
        }
        writes
    }

    /// Records what the database took: each write done with its new revision (`None` for a
    /// deletion). Articles and the scale stop being dirty once all their writes are done; any
    /// write not done keeps them dirty, to be tried again with the next save.
    pub fn written(&mut self, writes: &[Write], revs: &[Option<Option<String>>]) {
        let mut failed: HashSet<Option<&str>> = HashSet::new();
        for (write, rev) in writes.iter().zip(revs) {
            let Some(rev) = rev else {
                failed.insert(write.article.as_deref());
                continue;
            };
            self.record(write, rev.clone());
        }
        self.dirty.retain(|id| failed.contains(&Some(id.as_str())));
        self.scale_dirty = failed.contains(&None);
    }

    fn record(&mut self, write: &Write, rev: Option<String>) {
        match (&write.article, rev) {
            (None, Some(rev)) => {
                self.scale = Some(Entry { rev, digest: write.digest, n: 0 });
            }
            (None, None) => self.scale = None,
            (Some(article), Some(rev)) => {
                let entries = self.articles.entry(article.clone()).or_default();
                if write.id == details_id(article) {
                    self.next_article_n = self.next_article_n.max(write.n + 1);
                    entries.details = write.json.as_deref().and_then(|json| match serde_json::from_str(json) {
                        Ok(Doc { body: Body::Article(details), .. }) => Some(details),
                        _ => None,
                    });
                } else {
                    entries.next_n = entries.next_n.max(write.n + 1);
                }
                entries.docs.insert(write.id.clone(), Entry { rev, digest: write.digest, n: write.n });
            }
            (Some(article), None) => {
                if write.id == details_id(article) {
                    self.retired_articles.insert(article.clone(), write.n);
                }
                if let Some(entries) = self.articles.get_mut(article) {
                    entries.docs.remove(&write.id);
                    entries.retired.insert(write.id.clone(), write.n);
                    if entries.docs.is_empty() {
                        self.articles.remove(article);
                    }
                }
            }
        }
    }

    /// The revision this tab knows for a document, if it knows it.
    pub fn rev(&self, id: &str) -> Option<&str> {
        if id == SCALE_ID {
            return self.scale.as_ref().map(|e| e.rev.as_str());
        }
        self.articles.values().find_map(|a| a.docs.get(id)).map(|e| e.rev.as_str())
    }

    /// Whether the database holds nothing of the library yet.
    pub fn has_nothing(&self) -> bool {
        self.articles.is_empty() && self.scale.is_none()
    }

    /// Whether any document waits to be written again.
    pub fn has_dirty(&self) -> bool {
        !self.dirty.is_empty() || self.scale_dirty
    }
}

fn put(id: String, rev: Option<String>, body: Body, article: Option<&str>, digest: u64, n: u64) -> Write {
    let doc = Doc { id: id.clone(), rev: rev.clone(), v: DOC_VERSION, body };
    let json = serde_json::to_string(&doc).expect("documents serialize");
    Write { id, rev, json: Some(json), article: article.map(str::to_string), digest, n }
}

fn delete(id: &str, entry: &Entry, article: Option<&str>) -> Write {
    Write {
        id: id.to_string(),
        rev: Some(entry.rev.clone()),
        json: None,
        article: article.map(str::to_string),
        digest: 0,
        n: entry.n,
    }
}

/// The writes for one article, given what the database holds of it.
fn article_writes(article: &Article, n: u64, entries: Option<&ArticleEntries>, writes: &mut Vec<Write>) {
    let id = article.id.as_str();
    let known = |doc: &str| entries.and_then(|e| e.docs.get(doc));
    let mut next_n = entries.map_or(0, |e| e.next_n);
    let mut wanted: HashSet<String> = HashSet::new();
    let mut consider = |doc: String, digest: u64, body: &dyn Fn(u64) -> Body, fixed_n: Option<u64>| {
        let entry = known(&doc);
        wanted.insert(doc.clone());
        if entry.is_some_and(|e| e.digest == digest) {
            return;
        }
        let retired = entries.and_then(|e| e.retired.get(&doc)).copied();
        let n = fixed_n.or(entry.map(|e| e.n)).or(retired).unwrap_or_else(|| {
            next_n += 1;
            next_n - 1
        });
        writes.push(put(doc, entry.map(|e| e.rev.clone()), body(n), Some(id), digest, n));
    };
    let details = details_of(article, n);
    consider(details_id(id), digest(&details), &|_| Body::Article(details.clone()), Some(n));
    let text = TextRef { text: &article.text, removed_parts: &article.removed_parts };
    let text_body = |_: u64| {
        Body::Text(TextBody {
            article: id.to_string(),
            text: article.text.to_string(),
            removed_parts: article.removed_parts.clone(),
        })
    };
    consider(text_id(id), digest(&text), &text_body, Some(0));
    for annotation in &article.annotations {
        let body = |n| Body::Annotation(Item { article: id.to_string(), n, item: annotation.clone() });
        consider(annotation_id(id, &annotation.id), digest(annotation), &body, None);
    }
    for link in &article.links {
        let body = |n| Body::Link(Item { article: id.to_string(), n, item: link.clone() });
        consider(link_id(id, link), digest(link), &body, None);
    }
    for verdict in &article.verdicts {
        let body = |n| Body::Verdict(Item { article: id.to_string(), n, item: verdict.clone() });
        consider(verdict_id(id, &verdict.claim), digest(verdict), &body, None);
    }
    if let Some(entries) = entries {
        for (doc, entry) in &entries.docs {
            if !wanted.contains(doc) {
                writes.push(delete(doc, entry, Some(id)));
            }
        }
    }
}
