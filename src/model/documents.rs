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
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::extract::RemovedPart;
use super::library::{Annotation, Article, Link, Orphan, Session, Touched, Verdict};

mod conflicts;
mod load;
#[cfg(test)]
mod tests;
mod versions;
mod writes;

pub use conflicts::{Merged, Resolved, merge_details};
pub use load::{Applied, LoadError, Loaded, Loader, doc_id};
pub use versions::{Conflict, Content, Version, conflicting_revisions};
use writes::TextDigests;

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
    Version(VersionBody),
    Scale(Scale),
}

/// An article's details: everything but its text and what is marked in it.
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
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
    /// When its latest version was captured; empty for the first.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub captured: String,
}

/// An article's text and the parts of its page left out of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextBody {
    pub article: String,
    pub text: String,
    #[serde(default)]
    pub removed_parts: Vec<RemovedPart>,
}

/// An earlier version of an article's text (see [`Article::add_version`]): written once, never
/// changed. `number` is the version's (1 is the first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionBody {
    pub article: String,
    pub number: usize,
    pub captured: String,
    pub title: String,
    pub text: String,
}

/// A digest that tells versions apart: they never change once written, so their number, time,
/// title and length (in bytes) do, without hashing whole texts on every save.
fn version_digest(number: usize, captured: &str, title: &str, length: usize) -> u64 {
    digest(&(number, captured, title, length))
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
#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
pub struct Scale {
    pub ratings: Vec<String>,
    #[serde(default)]
    pub off_scale: Vec<String>,
}

/// Escapes an id for a place in a document id: `/` separates the parts.
fn push_part(id: &mut String, part: &str) {
    if !part.contains(['%', '/']) {
        id.push_str(part);
        return;
    }
    for c in part.chars() {
        match c {
            '%' => id.push_str("%25"),
            '/' => id.push_str("%2F"),
            c => id.push(c),
        }
    }
}

/// The prefix every document of an article's id starts with.
pub fn article_prefix(article: &str) -> String {
    let mut prefix = String::from("a/");
    push_part(&mut prefix, article);
    prefix.push('/');
    prefix
}

fn details_id(article: &str) -> String {
    format!("{}article", article_prefix(article))
}

fn text_id(article: &str) -> String {
    format!("{}text", article_prefix(article))
}

fn version_id(article: &str, number: usize) -> String {
    format!("{}version/{number}", article_prefix(article))
}

/// An item's document id into `id`, which holds the article's prefix and is cut back to it
/// first: saving names every item of an article, and one buffer spares an allocation each.
fn item_id<'a>(id: &'a mut String, prefix: &str, kind: &str, parts: &[&str]) -> &'a str {
    id.truncate(prefix.len());
    id.push_str(kind);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            id.push('/');
        }
        push_part(id, part);
    }
    id
}

fn link_id(article: &str, link: &Link) -> String {
    let prefix = article_prefix(article);
    item_id(&mut prefix.clone(), &prefix, "link/", &[&link.claim, &link.source]).to_string()
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
    /// The JSON the database takes for this write; a deletion names who made it (`by`, empty
    /// outside a desk), so that a colleague who changed the document meanwhile is told who.
    pub fn to_json(&self, by: &str) -> String {
        match &self.json {
            Some(json) => json.clone(),
            None if by.is_empty() => {
                serde_json::json!({ "_id": self.id, "_rev": self.rev, "_deleted": true }).to_string()
            }
            None => serde_json::json!({ "_id": self.id, "_rev": self.rev, "_deleted": true, "by": by }).to_string(),
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
    dirty: HashMap<String, Touched>,
    scale_dirty: bool,
    text_digests: TextDigests,
}

/// A digest of a document's content (not its revision or place): equal content, equal digest.
/// Digests live only in this tab's memory, so any hash that is the same within a session does.
fn digest<T: Hash + ?Sized>(content: &T) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    content.hash(&mut hasher);
    hasher.finish()
}

/// The digest of a text document, from the digest of its text (see [`TextDigests`]).
fn text_digest(text: u64, removed_parts: &[RemovedPart]) -> u64 {
    digest(&(text, removed_parts))
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
        article.captured = self.captured.clone();
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
            Body::Version(v) => Some(&v.article),
            Body::Scale(_) => None,
        }
    }
}

impl Saved {
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
        self.dirty.retain(|id, _| failed.contains(&Some(id.as_str())));
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

    /// Forgets everything the database held: it was emptied under the app (its storage
    /// cleared, the database deleted), and the next save writes the whole library again.
    pub fn forget_stored(&mut self) {
        *self = Saved::default();
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
