//! The articles kept in this browser, and the edits the app makes to them.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::extract::RemovedPart;
use super::span::Span;
use super::text;
use super::verdicts::default_ratings;
mod annotation;
mod edit_log;
mod versions;

pub use super::verdicts::{
    CheckStatus, DEFAULT_OFF_SCALE, DEFAULT_RATINGS, Evidence, Link, Session, Verdict, default_off_scale,
};
pub use annotation::{Annotation, AnnotationKind, Orphan};
pub use edit_log::{EditLog, Touched};
pub use versions::{EarlierVersion, VersionAdded, page_key, same_page};

/// An article and everything recorded about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Unique within the library; never changes.
    pub id: String,
    /// Shown in the library and at the top of the reader; never empty.
    pub title: String,
    /// The normalized text (see [`text::normalize`]). Shared, not copied, by the views that
    /// follow it: a long report is megabytes.
    pub text: Arc<str>,
    /// Where the article was published, an `http(s)` URL; empty if unknown.
    #[serde(default)]
    pub source_url: String,
    /// Publication date, `YYYY-MM-DD`; empty if unknown.
    #[serde(default)]
    pub published: String,
    /// Who wrote it, as the page said; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub byline: String,
    /// The outlet that published it; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub site_name: String,
    /// When it was last updated, `YYYY-MM-DD`; empty if unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
    /// Its language, a BCP 47 tag; empty if unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
    /// The parts of its web page that were left out of the text, each of which can be put back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_parts: Vec<RemovedPart>,
    /// When it was added to the library, ISO 8601.
    pub added: String,
    /// When its text (the latest version) was captured, ISO 8601; empty for the first version,
    /// captured when it was added.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub captured: String,
    /// Its earlier versions, oldest first (see [`Article::add_version`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<EarlierVersion>,
    /// The user has reviewed the web-page leftovers (removed them or chose to keep them).
    #[serde(default)]
    pub leftovers_reviewed: bool,
    /// Marked passages, in the order they were made.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Imported annotations waiting to be placed by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Orphan>,
    /// Claims and the sources they rest on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Verdicts on claims, one per claim at most.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
    /// Who checked it.
    #[serde(default, skip_serializing_if = "Session::is_empty")]
    pub session: Session,
    /// Ids of the annotations that the attribution assistant suggested and the user accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested: Vec<String>,
}

impl Article {
    /// Who wrote it and where, as the reader shows it under the title ("By Ana Ruiz · The
    /// Courier"); empty when neither is known.
    pub fn credit(&self) -> String {
        match (self.byline.is_empty(), self.site_name.is_empty()) {
            (false, false) => format!("By {} · {}", self.byline, self.site_name),
            (false, true) => format!("By {}", self.byline),
            (true, false) => self.site_name.clone(),
            (true, true) => String::new(),
        }
    }

    /// A new article with no metadata and no annotations.
    pub fn new(id: String, title: String, text: String, added: String) -> Self {
        Article {
            id,
            title,
            text: text.into(),
            source_url: String::new(),
            published: String::new(),
            byline: String::new(),
            site_name: String::new(),
            modified: String::new(),
            language: String::new(),
            removed_parts: Vec::new(),
            added,
            captured: String::new(),
            versions: Vec::new(),
            leftovers_reviewed: false,
            annotations: Vec::new(),
            orphans: Vec::new(),
            links: Vec::new(),
            verdicts: Vec::new(),
            session: Session::default(),
            suggested: Vec::new(),
        }
    }

    /// The text of a span of the article.
    pub fn quote(&self, span: Span) -> String {
        super::span::quote(&self.text, span)
    }

    /// What a claim could be linked to: the sources and anonymous attributions not linked to
    /// it yet, at most `limit` of them, the nearest to the claim first chosen, listed in text
    /// order. A long report has thousands; the ones a claim rests on are nearly always close,
    /// and any other can be picked in the text.
    pub fn link_candidates(&self, claim: &str, limit: usize) -> Vec<&Annotation> {
        let Some(at) = self.annotations.iter().find(|a| a.id == claim).map(Annotation::span) else {
            return Vec::new();
        };
        // The characters between the two passages; none if they overlap.
        let gap = |a: &&Annotation| a.start.0.saturating_sub(at.end.0).max(at.start.0.saturating_sub(a.end.0));
        let linked: std::collections::HashSet<&str> =
            self.links.iter().filter(|l| l.claim == claim).map(|l| l.source.as_str()).collect();
        let mut candidates: Vec<&Annotation> = self
            .annotations
            .iter()
            .filter(|a| a.kind != AnnotationKind::Claim && !linked.contains(a.id.as_str()))
            .collect();
        if candidates.len() > limit {
            candidates.select_nth_unstable_by_key(limit, gap);
            candidates.truncate(limit);
        }
        candidates.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
        candidates
    }

    /// The annotations in text order: by start, then the longer first, then by age.
    pub fn annotations_in_text_order(&self) -> Vec<&Annotation> {
        let mut sorted: Vec<&Annotation> = self.annotations.iter().collect();
        sorted.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
        sorted
    }

    /// The date shown in the library: the publication date, else the day it was added.
    pub fn display_date(&self) -> &str {
        if self.published.is_empty() { self.added.get(..10).unwrap_or(&self.added) } else { &self.published }
    }
}

/// Why an edit was refused; the message is shown to the user as it is.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// A title must have at least one visible character.
    EmptyTitle,
    /// Only `http:` and `https:` URLs are kept.
    BadUrl,
    /// Dates are `YYYY-MM-DD`.
    BadDate,
    /// The article is not in the library (it was deleted meanwhile).
    NoSuchArticle,
    /// The text cannot change under existing annotations.
    HasAnnotations,
    /// The annotation is not in the article (it was deleted meanwhile).
    NoSuchAnnotation,
    /// The removed part is no longer listed (it was put back meanwhile).
    NoSuchPart,
    /// The text is no longer as the change left it.
    TextChanged,
    /// An annotation with this id is already in the article.
    DuplicateAnnotation,
    /// A rating scale has fewer than two ratings, an empty one, or one twice.
    BadRatings,
    /// A rating some verdict gives would leave the scale.
    RatingInUse,
    /// A rating marked as off the truth scale is not a rating of the scale.
    NotInScale(String),
    /// The article would have more than [`super::limits::MAX_ANNOTATIONS`] annotations.
    TooManyAnnotations,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::EmptyTitle => "A title cannot be empty.",
            Self::BadUrl => "A web address (source URL, fact-check URL) must start with http:// or https://.",
            Self::BadDate => "Dates must be written as 2024-01-04.",
            Self::NoSuchArticle => "That article is no longer in the library.",
            Self::HasAnnotations => "The text cannot be cleaned up once passages are marked in it.",
            Self::NoSuchAnnotation => "That annotation is no longer in the article.",
            Self::NoSuchPart => "That part of the page was already put back.",
            Self::TextChanged => "The text has changed since, so that cannot be undone.",
            Self::DuplicateAnnotation => "That annotation is already in the article.",
            Self::BadRatings => "A rating scale needs at least two ratings, each named once.",
            Self::RatingInUse => {
                "A rating given to a claim cannot be removed from the scale: change those verdicts first."
            }
            Self::NotInScale(rating) => {
                return write!(
                    f,
                    "“{rating}” is not a rating of the scale, so it cannot be marked as off the truth scale."
                );
            }
            Self::TooManyAnnotations => {
                return write!(
                    f,
                    "An article can have at most {} annotations, and this one has reached that. Delete some, or split the article.",
                    super::limits::thousands(super::limits::MAX_ANNOTATIONS as u64)
                );
            }
        })
    }
}

/// Every article kept in this browser, and which one is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Library {
    /// In the order they were added.
    pub articles: Vec<Article>,
    /// The id of the article in the reader, if any.
    pub current: Option<String>,
    /// The ratings a verdict can give, best first.
    pub ratings: Vec<String>,
    /// The ratings of `ratings` that are off the truth scale ("Unverifiable"): they are not
    /// counted among the others, and a ClaimReview gives them no number. In the order of
    /// `ratings`.
    pub off_scale: Vec<String>,
    /// Which articles were edited since the database last took the list (see
    /// [`super::documents`]): saving compares only their documents.
    pub edited: EditLog,
}

impl Default for Library {
    fn default() -> Self {
        let ratings = default_ratings();
        Library {
            articles: Vec::new(),
            current: None,
            off_scale: default_off_scale(&ratings),
            ratings,
            edited: EditLog::default(),
        }
    }
}

impl Library {
    /// The article with this id.
    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The article with this id, to edit.
    pub(crate) fn get_mut(&mut self, id: &str) -> Result<&mut Article, EditError> {
        self.get_mut_touching(id, Touched::All)
    }

    /// The article with this id, to change only what `touched` names (see [`EditLog`]).
    pub(crate) fn get_mut_touching(&mut self, id: &str, touched: Touched) -> Result<&mut Article, EditError> {
        let article = self.articles.iter_mut().find(|a| a.id == id).ok_or(EditError::NoSuchArticle)?;
        self.edited.touch(&article.id, touched);
        Ok(article)
    }

    /// The edit log, emptied: what the database should look at now.
    pub fn take_edited(&mut self) -> EditLog {
        std::mem::take(&mut self.edited)
    }

    /// The article in the reader.
    pub fn current(&self) -> Option<&Article> {
        self.current.as_deref().and_then(|id| self.get(id))
    }

    /// Adds an article and opens it.
    pub fn add(&mut self, article: Article) {
        self.current = Some(article.id.clone());
        self.articles.push(article);
    }

    /// Opens an article in the reader.
    pub fn open(&mut self, id: &str) -> Result<(), EditError> {
        self.get_mut(id)?;
        self.current = Some(id.to_string());
        Ok(())
    }

    /// Gives an article a new title (on one line: white space collapsed, bidi controls dropped).
    pub fn rename(&mut self, id: &str, title: &str) -> Result<(), EditError> {
        let title = text::plain_line(title);
        if title.is_empty() {
            return Err(EditError::EmptyTitle);
        }
        self.get_mut(id)?.title = title;
        Ok(())
    }

    /// Sets the source URL; an empty value clears it.
    pub fn set_source_url(&mut self, id: &str, url: &str) -> Result<(), EditError> {
        let url = url.trim();
        if !url.is_empty() && !is_web_url(url) {
            return Err(EditError::BadUrl);
        }
        self.get_mut(id)?.source_url = url.to_string();
        Ok(())
    }

    /// Replaces the rating scale (one rating per entry, trimmed, blank ones dropped). Ratings
    /// that verdicts give must stay. Off-scale ratings that stay in the scale stay off it.
    pub fn set_ratings(&mut self, ratings: &[String]) -> Result<(), EditError> {
        let trimmed: Vec<&str> = ratings.iter().map(|r| r.trim()).collect();
        let off_scale: Vec<String> = self.off_scale.iter().filter(|r| trimmed.contains(&r.as_str())).cloned().collect();
        self.set_scale(ratings, &off_scale)
    }

    /// Marks which ratings of the scale are off the truth scale (trimmed, blank ones dropped);
    /// the others are on it. Every one must be a rating of the scale.
    pub fn set_off_scale(&mut self, off_scale: &[String]) -> Result<(), EditError> {
        let ratings = self.ratings.clone();
        self.set_scale(&ratings, off_scale)
    }

    /// Replaces the rating scale and its off-scale ratings at once, or neither (see
    /// [`Library::set_ratings`] and [`Library::set_off_scale`]).
    pub fn set_scale(&mut self, ratings: &[String], off_scale: &[String]) -> Result<(), EditError> {
        let ratings: Vec<String> = ratings.iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
        let unique = ratings.iter().enumerate().all(|(i, r)| !ratings[..i].contains(r));
        if ratings.len() < 2 || !unique {
            return Err(EditError::BadRatings);
        }
        let given = self.articles.iter().flat_map(|a| &a.verdicts).map(|v| &v.rating).filter(|r| !r.is_empty());
        if given.clone().any(|r| !ratings.contains(r)) {
            return Err(EditError::RatingInUse);
        }
        let marked: Vec<&str> = off_scale.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
        if let Some(stranger) = marked.iter().find(|m| !ratings.iter().any(|r| r == *m)) {
            return Err(EditError::NotInScale(stranger.to_string()));
        }
        self.off_scale = ratings.iter().filter(|r| marked.contains(&r.as_str())).cloned().collect();
        self.ratings = ratings;
        self.edited.scale = true;
        Ok(())
    }

    /// Whether `rating` is one of the scale's off-scale ratings.
    pub fn is_off_scale(&self, rating: &str) -> bool {
        self.off_scale.iter().any(|r| r == rating)
    }

    /// Sets who checked an article and where the check is published (fields trimmed; the
    /// date `YYYY-MM-DD` or empty, the URL `http(s)` or empty).
    pub fn set_session(&mut self, id: &str, session: Session) -> Result<(), EditError> {
        let trimmed = Session {
            checker: session.checker.trim().to_string(),
            organization: session.organization.trim().to_string(),
            checked: session.checked.trim().to_string(),
            review_url: session.review_url.trim().to_string(),
        };
        if !trimmed.checked.is_empty() && !is_iso_date(&trimmed.checked) {
            return Err(EditError::BadDate);
        }
        if !trimmed.review_url.is_empty() && !is_web_url(&trimmed.review_url) {
            return Err(EditError::BadUrl);
        }
        self.get_mut(id)?.session = trimmed;
        Ok(())
    }

    /// Sets the publication date; an empty value clears it.
    pub fn set_published(&mut self, id: &str, date: &str) -> Result<(), EditError> {
        let date = date.trim();
        if !date.is_empty() && !is_iso_date(date) {
            return Err(EditError::BadDate);
        }
        self.get_mut(id)?.published = date.to_string();
        Ok(())
    }

    /// Replaces the text with a cleaned version (leftovers removed) and marks the leftovers as
    /// reviewed. Refused while the article has annotations: their offsets refer to the old text.
    pub fn replace_text(&mut self, id: &str, new_text: String) -> Result<Arc<str>, EditError> {
        let article = self.get_mut(id)?;
        if !article.annotations.is_empty() {
            return Err(EditError::HasAnnotations);
        }
        article.leftovers_reviewed = true;
        Ok(std::mem::replace(&mut article.text, new_text.into()))
    }

    /// Records that the user chose to keep the leftovers.
    pub fn keep_leftovers(&mut self, id: &str) -> Result<(), EditError> {
        self.get_mut(id)?.leftovers_reviewed = true;
        Ok(())
    }

    /// Puts back a text replaced by [`Library::replace_text`].
    pub fn restore_text(&mut self, id: &str, old_text: Arc<str>) -> Result<(), EditError> {
        let article = self.get_mut(id)?;
        article.text = old_text;
        article.leftovers_reviewed = false;
        Ok(())
    }

    /// Removes an orphan of an article; returns it.
    pub fn take_orphan(&mut self, article: &str, id: &str) -> Result<Orphan, EditError> {
        let orphans = &mut self.get_mut(article)?.orphans;
        let index = orphans.iter().position(|o| o.annotation.id == id).ok_or(EditError::NoSuchAnnotation)?;
        Ok(orphans.remove(index))
    }

    /// Undoes [`Library::take_orphan`].
    pub fn restore_orphan(&mut self, article: &str, orphan: Orphan) -> Result<(), EditError> {
        self.get_mut(article)?.orphans.push(orphan);
        Ok(())
    }

    /// Removes an article; returns it with its position so that [`Library::restore`] can
    /// undo the deletion. If it was open, the reader moves to a neighbour.
    pub fn remove(&mut self, id: &str) -> Result<RemovedArticle, EditError> {
        let index = self.articles.iter().position(|a| a.id == id).ok_or(EditError::NoSuchArticle)?;
        let article = self.articles.remove(index);
        let was_current = self.current.as_deref() == Some(id);
        if was_current {
            let neighbour = self.articles.get(index).or_else(|| self.articles.last());
            self.current = neighbour.map(|a| a.id.clone());
        }
        Ok(RemovedArticle { index, article, was_current })
    }

    /// Undoes a [`Library::remove`].
    pub fn restore(&mut self, removed: RemovedArticle) {
        let index = removed.index.min(self.articles.len());
        if removed.was_current {
            self.current = Some(removed.article.id.clone());
        }
        self.articles.insert(index, removed.article);
    }
}

/// An article taken out of the library, with what is needed to put it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedArticle {
    index: usize,
    /// The article as it was.
    pub article: Article,
    was_current: bool,
}

/// An `http:` or `https:` URL with a host and no white space.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace))
}

fn is_iso_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    matches!((num(y, 4), num(m, 2), num(d, 2)), (Some(_), Some(1..=12), Some(1..=31)))
}

/// Building articles in the core's tests.
#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests;
