//! What a save writes: the documents the library's edit log names, compared with what the
//! database holds.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{ArticleEntries, Body, Details, Item, SCALE_ID, Saved, Scale, TextBody, Write, delete, details_id, digest};
use super::{VersionBody, article_prefix, item_id, put, text_digest, text_id, version_digest, version_id};
use crate::model::library::{Annotation, Article, Library, Link, Touched, Verdict};

/// The digest of each article's text, kept with the text it was taken of: texts are shared
/// (`Arc`) and replaced, never changed in place, so the same text needs no new digest. Hashing
/// 500,000 characters on every save cost more than the rest of the save.
#[derive(Clone, Debug, Default)]
pub(super) struct TextDigests(pub(super) HashMap<String, (Arc<str>, u64)>);

impl TextDigests {
    fn of(&mut self, article: &str, text: &Arc<str>) -> u64 {
        match self.0.get(article) {
            Some((seen, digest)) if Arc::ptr_eq(seen, text) => *digest,
            _ => {
                let taken = digest(&**text);
                self.0.insert(article.to_string(), (text.clone(), taken));
                taken
            }
        }
    }
}

pub(super) fn details_of(article: &Article, n: u64) -> Details {
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
        captured: article.captured.clone(),
    }
}

impl Saved {
    /// The writes that bring the database to `library`, looking at what the library's edit log
    /// names (see [`Touched`]), what a failed write left to do, and articles added or removed.
    /// Nothing is marked as written until [`Saved::written`] says so.
    pub fn writes(&mut self, library: &mut Library) -> Vec<Write> {
        let log = library.take_edited();
        for (id, touched) in log.articles {
            self.touch(&id, touched);
        }
        self.scale_dirty |= log.scale;
        let present: HashSet<&str> = library.articles.iter().map(|a| a.id.as_str()).collect();
        for article in &library.articles {
            if !self.articles.contains_key(&article.id) {
                self.touch(&article.id, Touched::All);
            }
        }
        let gone: Vec<String> = self.articles.keys().filter(|id| !present.contains(id.as_str())).cloned().collect();
        for id in gone {
            self.touch(&id, Touched::All);
        }
        let mut writes = Vec::new();
        // In the library's order, so that new articles are numbered in the order they came.
        let mut next_article_n = self.next_article_n;
        for (article, touched) in library.articles.iter().filter_map(|a| Some((a, self.dirty.get(&a.id)?))) {
            let entries = self.articles.get(&article.id);
            let known = entries.and_then(|e| e.docs.get(&details_id(&article.id))).map(|e| e.n);
            let n = known.or(self.retired_articles.get(&article.id).copied()).unwrap_or_else(|| {
                next_article_n += 1;
                next_article_n - 1
            });
            let text = self.text_digests.of(&article.id, &article.text);
            article_writes(article, n, text, entries, touched, &mut writes);
        }
        for (id, entries) in self.articles.iter().filter(|(id, _)| !present.contains(id.as_str())) {
            for (doc, entry) in &entries.docs {
                writes.push(delete(doc, entry, Some(id)));
            }
        }
        // A removed article's text is let go (an undone removal takes its digest again).
        self.text_digests.0.retain(|id, _| present.contains(id.as_str()));
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

    fn touch(&mut self, id: &str, touched: Touched) {
        match self.dirty.get_mut(id) {
            Some(dirty) => dirty.add(touched),
            None => {
                self.dirty.insert(id.to_string(), touched);
            }
        }
    }
}

fn annotation_body(article: &str, annotation: &Annotation, n: u64) -> Body {
    Body::Annotation(Item { article: article.to_string(), n, item: annotation.clone() })
}

fn link_body(article: &str, link: &Link, n: u64) -> Body {
    Body::Link(Item { article: article.to_string(), n, item: link.clone() })
}

fn verdict_body(article: &str, verdict: &Verdict, n: u64) -> Body {
    Body::Verdict(Item { article: article.to_string(), n, item: verdict.clone() })
}

/// The writes for one article, given what the database holds of it, its text's digest and
/// what of it may have changed: its details and text always (cheap: the text's digest is
/// kept), and every item or only those of the touched annotations.
fn article_writes(
    article: &Article,
    n: u64,
    text: u64,
    entries: Option<&ArticleEntries>,
    touched: &Touched,
    writes: &mut Vec<Write>,
) {
    let id = article.id.as_str();
    let mut next_n = entries.map_or(0, |e| e.next_n);
    // The documents the article still has, borrowed from `entries`: the others are deleted.
    let mut wanted: HashSet<&str> = HashSet::new();
    let mut consider = |doc: &str, digest: u64, body: &dyn Fn(u64) -> Body, fixed_n: Option<u64>| {
        let known = entries.and_then(|e| e.docs.get_key_value(doc));
        if let Some((doc, _)) = known {
            wanted.insert(doc.as_str());
        }
        let entry = known.map(|(_, entry)| entry);
        if entry.is_some_and(|e| e.digest == digest) {
            return;
        }
        let retired = entries.and_then(|e| e.retired.get(doc)).copied();
        let n = fixed_n.or(entry.map(|e| e.n)).or(retired).unwrap_or_else(|| {
            next_n += 1;
            next_n - 1
        });
        writes.push(put(doc.to_string(), entry.map(|e| e.rev.clone()), body(n), Some(id), digest, n));
    };
    let details = details_of(article, n);
    consider(&details_id(id), digest(&details), &|_| Body::Article(details.clone()), Some(n));
    let text_body = |_: u64| {
        Body::Text(TextBody {
            article: id.to_string(),
            text: article.text.to_string(),
            removed_parts: article.removed_parts.clone(),
        })
    };
    consider(&text_id(id), text_digest(text, &article.removed_parts), &text_body, Some(0));
    for (at, version) in article.versions.iter().enumerate() {
        let number = at + 1;
        let body = |_: u64| {
            Body::Version(VersionBody {
                article: id.to_string(),
                number,
                captured: version.captured.clone(),
                title: version.title.clone(),
                text: version.text.to_string(),
            })
        };
        let digest = version_digest(number, &version.captured, &version.title, version.text.len());
        consider(&version_id(id, number), digest, &body, Some(0));
    }
    let prefix = article_prefix(id);
    let mut buffer = prefix.clone();
    let (annotations, links) = match touched {
        Touched::All => {
            for annotation in &article.annotations {
                let doc = item_id(&mut buffer, &prefix, "annotation/", &[&annotation.id]);
                consider(doc, digest(annotation), &|n| annotation_body(id, annotation, n), None);
            }
            for link in &article.links {
                consider(
                    item_id(&mut buffer, &prefix, "link/", &[&link.claim, &link.source]),
                    digest(link),
                    &|n| link_body(id, link, n),
                    None,
                );
            }
            for verdict in &article.verdicts {
                let doc = item_id(&mut buffer, &prefix, "verdict/", &[&verdict.claim]);
                consider(doc, digest(verdict), &|n| verdict_body(id, verdict, n), None);
            }
            if let Some(entries) = entries {
                for (doc, entry) in &entries.docs {
                    if !wanted.contains(doc.as_str()) {
                        writes.push(delete(doc, entry, Some(id)));
                    }
                }
            }
            return;
        }
        Touched::Items { annotations, links } => (annotations, links),
    };
    // Only what was touched: each annotation and its verdict, each link, put if it is there and
    // deleted if it is not. In the article's order, as above, so that new items are numbered
    // the same either way.
    let mut gone: Vec<String> = Vec::new();
    let mut in_order = |ids: &mut dyn Iterator<Item = (String, Option<usize>)>| {
        let mut present = Vec::new();
        for (doc, at) in ids {
            match at {
                Some(at) => present.push((at, doc)),
                None => gone.push(doc),
            }
        }
        // Changes saved together may name the same link twice.
        present.sort();
        present.dedup();
        present
    };
    let mut id_of = |kind: &str, parts: &[&str]| item_id(&mut buffer, &prefix, kind, parts).to_string();
    // Where each item is, looked up once: an import touches thousands of annotations.
    let annotation_at: HashMap<&str, usize> =
        article.annotations.iter().enumerate().map(|(at, a)| (a.id.as_str(), at)).collect();
    let verdict_at: HashMap<&str, usize> =
        article.verdicts.iter().enumerate().map(|(at, v)| (v.claim.as_str(), at)).collect();
    let annotations_present =
        in_order(&mut annotations.iter().map(|a| (id_of("annotation/", &[a]), annotation_at.get(a.as_str()).copied())));
    let links_present = in_order(
        &mut links.iter().map(|l| (id_of("link/", &[&l.claim, &l.source]), article.links.iter().position(|b| b == l))),
    );
    let verdicts_present =
        in_order(&mut annotations.iter().map(|a| (id_of("verdict/", &[a]), verdict_at.get(a.as_str()).copied())));
    for (at, doc) in annotations_present {
        let annotation = &article.annotations[at];
        consider(&doc, digest(annotation), &|n| annotation_body(id, annotation, n), None);
    }
    for (at, doc) in links_present {
        let link = &article.links[at];
        consider(&doc, digest(link), &|n| link_body(id, link, n), None);
    }
    for (at, doc) in verdicts_present {
        let verdict = &article.verdicts[at];
        consider(&doc, digest(verdict), &|n| verdict_body(id, verdict, n), None);
    }
    let Some(entries) = entries else { return };
    gone.sort();
    gone.dedup();
    for doc in gone {
        if let Some(entry) = entries.docs.get(&doc).filter(|_| !wanted.contains(doc.as_str())) {
            writes.push(delete(&doc, entry, Some(id)));
        }
    }
}
