//! What was edited since the database last took the list: saving compares only that.

use std::collections::{HashMap, HashSet};

use crate::model::verdicts::Link;

/// What was edited since the log was last taken: which articles and what of each, and whether
/// the rating scale was. Every edit reaches an article through [`Library::get_mut`] (anything
/// may have changed) or [`Library::get_mut_touching`] (the annotations a change names), which
/// write it down. It is bookkeeping, not content: two libraries that differ only in it are
/// equal.
#[derive(Clone, Debug, Default)]
pub struct EditLog {
    pub articles: HashMap<String, Touched>,
    pub scale: bool,
}

/// What of one article an edit may have changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    /// Anything.
    All,
    /// Its details, the annotations with these ids with their verdicts, and these links (made
    /// or taken away).
    Items { annotations: HashSet<String>, links: Vec<Link> },
}

impl Touched {
    /// Both this and `other`.
    pub fn add(&mut self, other: Touched) {
        match (self, other) {
            (
                Touched::Items { annotations, links },
                Touched::Items { annotations: more_annotations, links: more_links },
            ) => {
                annotations.extend(more_annotations);
                links.extend(more_links);
            }
            (this, _) => *this = Touched::All,
        }
    }
}

impl EditLog {
    /// Writes down that `touched` of the article `id` may have changed.
    pub fn touch(&mut self, id: &str, touched: Touched) {
        match self.articles.get_mut(id) {
            Some(logged) => logged.add(touched),
            None => {
                self.articles.insert(id.to_string(), touched);
            }
        }
    }
}

impl PartialEq for EditLog {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for EditLog {}
