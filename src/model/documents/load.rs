//! Reading documents back into a library: all of them at start-up ([`Loader`]), or one that
//! another tab or person changed ([`Saved::apply`]).

use std::collections::HashMap;

use serde::Deserialize;

use super::{
    ArticleEntries, Body, DOC_VERSION, Details, Doc, Entry, Saved, TextBody, VersionBody, digest, text_digest,
};
use crate::model::library::{Article, EarlierVersion, Library, Link, Verdict};
use crate::model::offsets::CharOffset;
use crate::model::span;

/// Why a document was left unread. It stays in the database as it is: this tab never writes
/// over a document it could not read.
#[derive(Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Written by a newer version of the app.
    NewerVersion { id: String, version: u64 },
    /// Not a document of ours, or damaged.
    Unreadable { id: String, reason: String },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NewerVersion { id, version } => {
                write!(f, "“{id}” was written by a newer version of the app (format {version}); reload to update")
            }
            Self::Unreadable { id, reason } => write!(f, "“{id}” could not be read ({reason})"),
        }
    }
}

/// The `_id`, `_rev` and `v` of any document, read before its body.
#[derive(Deserialize)]
pub(super) struct Head {
    #[serde(rename = "_id")]
    pub(super) id: String,
    #[serde(rename = "_rev", default)]
    pub(super) rev: String,
    #[serde(default)]
    v: Option<u64>,
    #[serde(rename = "_deleted", default)]
    deleted: bool,
}

impl Head {
    /// The head of a document's JSON, the rest skipped.
    pub(super) fn of(json: &str) -> Option<Head> {
        serde_json::from_str(json).ok()
    }
}

/// A document's id, from its JSON.
pub fn doc_id(json: &str) -> Option<String> {
    Head::of(json).map(|head| head.id)
}

/// Reads a document, upgrading an older format version (there is one so far).
fn read(json: &str) -> Result<(Doc, String), LoadError> {
    let head: Head = serde_json::from_str(json)
        .map_err(|e| LoadError::Unreadable { id: "a document".into(), reason: e.to_string() })?;
    match head.v {
        Some(v) if v > DOC_VERSION => return Err(LoadError::NewerVersion { id: head.id, version: v }),
        Some(1) => {}
        _ => return Err(LoadError::Unreadable { id: head.id, reason: "no known format version".into() }),
    }
    let doc: Doc =
        serde_json::from_str(json).map_err(|e| LoadError::Unreadable { id: head.id.clone(), reason: e.to_string() })?;
    Ok((doc, head.rev))
}

/// An article read in pieces.
#[derive(Default)]
struct Pieces {
    details: Option<Details>,
    text: Option<TextBody>,
    items: Vec<(u64, Body)>,
    entries: HashMap<String, Entry>,
}

impl Pieces {
    fn add(&mut self, doc: Doc, rev: String) {
        let item_n = match &doc.body {
            Body::Annotation(item) => Some(item.n),
            Body::Link(item) => Some(item.n),
            Body::Verdict(item) => Some(item.n),
            _ => None,
        };
        let (digest, n) = match &doc.body {
            Body::Article(details) => (digest(details), details.n),
            Body::Text(text) => (text_digest(digest(text.text.as_str()), &text.removed_parts), 0),
            Body::Annotation(item) => (digest(&item.item), item.n),
            Body::Link(item) => (digest(&item.item), item.n),
            Body::Verdict(item) => (digest(&item.item), item.n),
            Body::Version(v) => (super::version_digest(v.number, &v.captured, &v.title, v.text.len()), 0),
            Body::Scale(_) => unreachable!("the scale belongs to no article"),
        };
        self.entries.insert(doc.id, Entry { rev, digest, n });
        match doc.body {
            Body::Article(details) => self.details = Some(details),
            Body::Text(text) => self.text = Some(text),
            body => self.items.push((item_n.unwrap_or(0), body)),
        }
    }

    /// The article, once its details and its text are both here.
    fn into_article(self) -> Option<(Article, u64, ArticleEntries)> {
        let (Some(details), Some(text)) = (self.details.as_ref(), self.text.as_ref()) else { return None };
        let mut article =
            Article::new(details.article.clone(), details.title.clone(), String::new(), details.added.clone());
        article.text = text.text.as_str().into();
        article.removed_parts = text.removed_parts.clone();
        details.apply_to(&mut article);
        let mut items = self.items;
        items.sort_by_key(|(n, _)| *n);
        let next_n = items.last().map_or(0, |(n, _)| n + 1);
        let length = CharOffset(article.text.chars().count());
        for (_, body) in items {
            match body {
                // A span past its text was damaged: left out, as an old library's would be.
                Body::Annotation(item) if span::within(item.item.start, item.item.end, length).is_ok() => {
                    article.annotations.push(item.item);
                }
                Body::Link(item) => article.links.push(item.item),
                Body::Verdict(item) => article.verdicts.push(item.item),
                Body::Version(version) => put_version(&mut article, version),
                _ => {}
            }
        }
        let n = details.n;
        let details = self.details;
        Some((article, n, ArticleEntries { docs: self.entries, next_n, details, retired: Default::default() }))
    }
}

/// Builds a library from its documents, read in any order, a page at a time.
#[derive(Default)]
pub struct Loader {
    articles: HashMap<String, Pieces>,
    scale: Option<(super::Scale, Entry)>,
    /// Documents left unread, and why.
    pub skipped: Vec<LoadError>,
}

/// A library read from its documents.
pub struct Loaded {
    pub library: Library,
    pub saved: Saved,
    /// Articles with only some of their documents (a replication cut short): left out, and
    /// never written over.
    pub incomplete: usize,
    pub skipped: Vec<LoadError>,
}

impl Loader {
    /// Takes one document, as the database gave it; `false` if it was left unread (the reason
    /// goes to `skipped`).
    pub fn add(&mut self, json: &str) -> bool {
        match read(json) {
            Ok((doc, rev)) => {
                self.add_doc(doc, rev);
                true
            }
            Err(error) => {
                self.skipped.push(error);
                false
            }
        }
    }

    fn add_doc(&mut self, doc: Doc, rev: String) {
        if let Body::Scale(scale) = &doc.body {
            self.scale = Some((scale.clone(), Entry { rev, digest: digest(scale), n: 0 }));
            return;
        }
        let article = doc.body.article().expect("every other document belongs to an article").to_string();
        self.articles.entry(article).or_default().add(doc, rev);
    }

    /// The library, in the order the articles were added.
    pub fn finish(self) -> Loaded {
        let mut library = Library::default();
        let mut saved = Saved::default();
        let mut incomplete = 0;
        let mut articles = Vec::new();
        for (_, pieces) in self.articles {
            match pieces.into_article() {
                Some((article, n, entries)) => {
                    saved.next_article_n = saved.next_article_n.max(n + 1);
                    saved.articles.insert(article.id.clone(), entries);
                    articles.push((n, article));
                }
                None => incomplete += 1,
            }
        }
        articles.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
        library.articles = articles.into_iter().map(|(_, a)| a).collect();
        if let Some((scale, entry)) = self.scale
            && scale.ratings.len() >= 2
        {
            library.off_scale = scale.ratings.iter().filter(|r| scale.off_scale.contains(r)).cloned().collect();
            library.ratings = scale.ratings;
            saved.scale = Some(entry);
        }
        library.current = library.articles.last().map(|a| a.id.clone());
        Loaded { library, saved, incomplete, skipped: self.skipped }
    }
}

/// What a change from elsewhere did to the library.
#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    /// Nothing: this tab wrote it, or already has it.
    Nothing,
    /// The library changed.
    Changed,
    /// It belongs to an article this tab does not have yet: read the article's documents
    /// (all ids starting with [`super::article_prefix`]) and [`Saved::add_article`] them.
    ReadArticle(String),
    /// It could not be read (see the error); the library is as it was.
    Skipped(LoadError),
}

impl Saved {
    /// Applies a document that changed in the database (another tab's or a colleague's edit),
    /// so that the library shows it and this tab does not write it back.
    pub fn apply(&mut self, library: &mut Library, json: &str) -> Applied {
        let head: Head = match serde_json::from_str(json) {
            Ok(head) => head,
            Err(e) => {
                return Applied::Skipped(LoadError::Unreadable { id: "a document".into(), reason: e.to_string() });
            }
        };
        // This tab's own write coming back, or one older than what it wrote since: a revision
        // starts with how many edits the document has had.
        let generation = |rev: &str| rev.split('-').next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
        if self.rev(&head.id).is_some_and(|known| known == head.rev || generation(known) > generation(&head.rev)) {
            return Applied::Nothing;
        }
        if head.deleted {
            return self.apply_deletion(library, &head.id);
        }
        let (doc, rev) = match read(json) {
            Ok(read) => read,
            Err(error) => return Applied::Skipped(error),
        };
        if let Body::Scale(scale) = &doc.body {
            if scale.ratings.len() >= 2 {
                library.off_scale = scale.ratings.iter().filter(|r| scale.off_scale.contains(r)).cloned().collect();
                library.ratings = scale.ratings.clone();
            }
            self.scale = Some(Entry { rev, digest: digest(scale), n: 0 });
            return Applied::Changed;
        }
        let article_id = doc.body.article().expect("the scale is taken above").to_string();
        let (Some(article), Some(entries)) =
            (library.articles.iter_mut().find(|a| a.id == article_id), self.articles.get_mut(&article_id))
        else {
            return Applied::ReadArticle(article_id);
        };
        let mut pieces = Pieces::default();
        let id = doc.id.clone();
        pieces.add(doc.clone(), rev);
        let entry = pieces.entries.remove(&id).expect("just added");
        match doc.body {
            Body::Article(details) => {
                details.apply_to(article);
                entries.details = Some(details);
            }
            Body::Text(text) => {
                article.text = text.text.as_str().into();
                article.removed_parts = text.removed_parts;
            }
            Body::Annotation(item) => upsert(&mut article.annotations, item.item, |a, b| a.id == b.id),
            Body::Link(item) => upsert(&mut article.links, item.item, |a: &Link, b| a == b),
            Body::Verdict(item) => upsert(&mut article.verdicts, item.item, |a: &Verdict, b| a.claim == b.claim),
            Body::Version(version) => put_version(article, version),
            Body::Scale(_) => unreachable!(),
        }
        entries.next_n = entries.next_n.max(entry.n + 1);
        entries.docs.insert(id, entry);
        Applied::Changed
    }

    fn apply_deletion(&mut self, library: &mut Library, id: &str) -> Applied {
        let Some((article_id, entries)) = self.articles.iter_mut().find(|(_, e)| e.docs.contains_key(id)) else {
            return Applied::Nothing;
        };
        let article_id = article_id.clone();
        entries.docs.remove(id);
        let prefix = super::article_prefix(&article_id);
        let rest = &id[prefix.len()..];
        if rest == "article" || rest == "text" {
            // The article was deleted: its other documents follow.
            library.articles.retain(|a| a.id != article_id);
            if library.current.as_deref() == Some(article_id.as_str()) {
                library.current = library.articles.last().map(|a| a.id.clone());
            }
            return Applied::Changed;
        }
        let Some(article) = library.articles.iter_mut().find(|a| a.id == article_id) else { return Applied::Nothing };
        let unescape = |s: &str| s.replace("%2F", "/").replace("%25", "%");
        if let Some(annotation) = rest.strip_prefix("annotation/") {
            article.annotations.retain(|a| a.id != unescape(annotation));
        } else if rest.starts_with("link/") {
            article.links.retain(|l| super::link_id(&article_id, l) != id);
        } else if let Some(claim) = rest.strip_prefix("verdict/") {
            article.verdicts.retain(|v| v.claim != unescape(claim));
        } else if let Some(number) = rest.strip_prefix("version/").and_then(|n| n.parse::<usize>().ok()) {
            // Only when a whole article goes (its versions are never deleted otherwise).
            article.versions.truncate(number.saturating_sub(1));
        }
        Applied::Changed
    }

    /// Adds an article read whole from the database (see [`Applied::ReadArticle`]); `false` if
    /// its documents are not all there yet.
    pub fn add_article(&mut self, library: &mut Library, docs: &[String]) -> bool {
        let mut loader = Loader::default();
        for json in docs {
            loader.add(json);
        }
        let Some((_, pieces)) = loader.articles.into_iter().next() else { return false };
        let Some((article, n, entries)) = pieces.into_article() else { return false };
        self.next_article_n = self.next_article_n.max(n + 1);
        self.articles.insert(article.id.clone(), entries);
        library.articles.retain(|a| a.id != article.id);
        let at = library
            .articles
            .iter()
            .position(|a| self.articles.get(&a.id).and_then(|e| e.details.as_ref()).is_some_and(|d| d.n > n))
            .unwrap_or(library.articles.len());
        library.articles.insert(at, article);
        if library.current.is_none() {
            library.current = library.articles.last().map(|a| a.id.clone());
        }
        true
    }
}

/// Puts an earlier version in its place among an article's versions. Versions are numbered from
/// 1 without gaps; one read before those under it waits at its number behind placeholders
/// that the missing ones fill as they come.
fn put_version(article: &mut Article, version: VersionBody) {
    let Some(at) = version.number.checked_sub(1) else { return };
    let earlier = EarlierVersion { captured: version.captured, title: version.title, text: version.text.into() };
    if article.versions.len() <= at {
        let placeholder = EarlierVersion { captured: String::new(), title: String::new(), text: "".into() };
        article.versions.resize(at + 1, placeholder);
    }
    article.versions[at] = earlier;
}

/// Replaces the item that `same` finds, or appends it.
fn upsert<T>(items: &mut Vec<T>, item: T, same: impl Fn(&T, &T) -> bool) {
    match items.iter_mut().find(|i| same(i, &item)) {
        Some(slot) => *slot = item,
        None => items.push(item),
    }
}
