//! One annotation or verdict changed by two people while apart (one offline, say): replication
//! keeps both versions. CouchDB shows one of them everywhere (the same one on every replica)
//! and keeps the other as a conflicting revision, so nothing is lost, but nobody chose. The
//! page shows both, with who made each, and the user's choice is an ordinary change (undoable,
//! synced) plus the deletion of the revisions not chosen, which ends the conflict everywhere.
//!
//! Two tabs of one browser never get here: they write one database, which refuses the second
//! write (see `conflicts.rs`).

use serde::Deserialize;

use super::{Body, Doc};
use crate::model::history::Change;
use crate::model::library::{Annotation, Article, Verdict};

/// What a version holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Annotation(Annotation),
    Verdict(Verdict),
}

/// One version of a document kept apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    /// Its revision in the database.
    pub rev: String,
    /// The desk user who made it, or "someone" when it was made outside a desk.
    pub by: String,
    pub content: Content,
}

/// Versions of one annotation's or verdict's document that replication kept apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The document's id.
    pub id: String,
    pub article: String,
    /// The annotation it is about: the annotation itself, or the claim the verdict is on.
    pub annotation: String,
    /// The version shown everywhere first, then the others.
    pub versions: Vec<Version>,
}

#[derive(Deserialize)]
struct Conflicts {
    #[serde(rename = "_conflicts", default)]
    conflicts: Vec<String>,
}

/// The revisions a document's JSON says conflict with it (`_conflicts`, as PouchDB gives it
/// when asked for `conflicts: true`); empty for most documents.
pub fn conflicting_revisions(json: &str) -> Vec<String> {
    // Most documents have none: look before reading (a text document is long).
    if !json.contains("\"_conflicts\"") {
        return Vec::new();
    }
    serde_json::from_str::<Conflicts>(json).map(|c| c.conflicts).unwrap_or_default()
}

fn version_of(json: &str) -> Option<(String, String, String, Version)> {
    let doc: Doc = serde_json::from_str(json).ok()?;
    let rev = doc.rev?;
    let (article, annotation, by, content) = match doc.body {
        Body::Annotation(item) => {
            let a = item.item;
            let by = if a.edited_by.is_empty() { a.author.clone() } else { a.edited_by.clone() };
            (item.article, a.id.clone(), by, Content::Annotation(a))
        }
        Body::Verdict(item) => {
            let v = item.item;
            (item.article, v.claim.clone(), v.reviewer.clone(), Content::Verdict(v))
        }
        _ => return None,
    };
    let by = if by.is_empty() { "someone".to_string() } else { by };
    Some((doc.id, article, annotation, Version { rev, by, content }))
}

impl Conflict {
    /// The conflict of the document `winner` (as the database shows it) with `others` (its
    /// conflicting revisions, read one by one); `None` if it is not an annotation or verdict,
    /// or no other version could be read.
    pub fn read(winner: &str, others: &[String]) -> Option<Conflict> {
        let (id, article, annotation, first) = version_of(winner)?;
        let mut versions = vec![first];
        versions.extend(others.iter().filter_map(|json| version_of(json)).filter(|v| v.0 == id).map(|v| v.3));
        (versions.len() > 1).then_some(Conflict { id, article, annotation, versions })
    }

    /// Whether it is about a verdict (else about an annotation's kind, passage or note).
    pub fn is_verdict(&self) -> bool {
        matches!(self.versions[0].content, Content::Verdict(_))
    }

    /// Who changed it, in words: "Changed by alice and by bob".
    pub fn who(&self) -> String {
        let mut names: Vec<&str> = self.versions.iter().map(|v| v.by.as_str()).collect();
        names.dedup();
        match names.as_slice() {
            [one] => format!("Changed twice by {one}"),
            [rest @ .., last] => format!("Changed by {} and by {last}", rest.join(", by ")),
            [] => String::new(),
        }
    }

    /// The change that makes `article` say version `chosen` (`None` when it says it already),
    /// and the JSON of the deletions of every other version's revision (the version shown
    /// everywhere is kept and, when another is chosen, changed into it).
    pub fn choose(&self, chosen: usize, article: &Article) -> (Option<Change>, Vec<String>) {
        let change = self.versions.get(chosen).and_then(|version| match &version.content {
            Content::Annotation(after) => match article.annotations.iter().find(|a| a.id == after.id) {
                Some(before) if before == after => None,
                Some(before) => Some(Change::Edited { before: before.clone(), after: after.clone() }),
                None => Some(Change::Added(after.clone())),
            },
            Content::Verdict(after) => {
                let before = article.verdicts.iter().find(|v| v.claim == after.claim).cloned();
                (before.as_ref() != Some(after)).then(|| Change::Judged { before, after: after.clone() })
            }
        });
        let discarded = self.versions[1..]
            .iter()
            .map(|v| serde_json::json!({ "_id": self.id, "_rev": v.rev, "_deleted": true }).to_string())
            .collect();
        (change, discarded)
    }

    /// What a version says, in a line: an annotation's note (and kind), a verdict's rating,
    /// status and reasoning.
    pub fn says(version: &Version) -> String {
        match &version.content {
            Content::Annotation(a) => {
                let note = if a.note.is_empty() { "(no note)" } else { a.note.as_str() };
                format!("{}: {note}", a.kind.label())
            }
            Content::Verdict(v) => {
                let rating = if v.rating.is_empty() { "Not rated" } else { v.rating.as_str() };
                let mut said = format!("{rating} · {}", v.status.label());
                if !v.reasoning.is_empty() {
                    said.push_str(". ");
                    said.push_str(&v.reasoning);
                }
                said
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::documents::{DOC_VERSION, Item};
    use crate::model::library::AnnotationKind::Claim;
    use crate::model::library::testing::marked;
    use crate::model::verdicts::CheckStatus;

    fn doc(rev: &str, body: Body) -> String {
        let doc = Doc { id: "a/a/annotation/n1".into(), rev: Some(rev.into()), v: DOC_VERSION, body };
        let mut json: serde_json::Value = serde_json::to_value(doc).unwrap();
        if rev.starts_with("3-b") {
            json["_conflicts"] = serde_json::json!(["3-a"]);
        }
        json.to_string()
    }

    fn noted(article: &Article, note: &str, by: &str) -> Body {
        let mut a = article.annotations[0].clone();
        a.note = note.into();
        a.author = "alice".into();
        a.edited_by = by.into();
        Body::Annotation(Item { article: "a".into(), n: 0, item: a })
    }

    #[test]
    fn two_notes_written_apart_are_both_shown_and_either_can_be_kept() {
        let mut article = marked("Rates rose.", &[("n1", Claim, "Rates rose.")]);
        let winner = doc("3-b", noted(&article, "Bob's note", "bob"));
        let other = doc("3-a", noted(&article, "Alice's note", ""));
        assert_eq!(conflicting_revisions(&winner), ["3-a"]);
        assert!(conflicting_revisions(&other).is_empty());

        let conflict = Conflict::read(&winner, &[other]).expect("two versions");
        assert_eq!((conflict.article.as_str(), conflict.annotation.as_str()), ("a", "n1"));
        assert_eq!(conflict.who(), "Changed by bob and by alice", "an unedited annotation is its author's");
        assert!(!conflict.is_verdict());
        assert_eq!(Conflict::says(&conflict.versions[1]), "Claim: Alice's note");

        // The library shows the winner; keeping it changes nothing there and drops the other.
        article.annotations[0].note = "Bob's note".into();
        article.annotations[0].author = "alice".into();
        article.annotations[0].edited_by = "bob".into();
        let (change, discarded) = conflict.choose(0, &article);
        assert_eq!(change, None);
        let deletion: serde_json::Value = serde_json::from_str(&discarded[0]).unwrap();
        assert_eq!(deletion, serde_json::json!({ "_id": "a/a/annotation/n1", "_rev": "3-a", "_deleted": true }));

        // Keeping the other is an edit of the winner into it.
        let (change, discarded) = conflict.choose(1, &article);
        let Some(Change::Edited { before, after }) = change else { panic!("an edit") };
        assert_eq!((before.note.as_str(), after.note.as_str()), ("Bob's note", "Alice's note"));
        assert_eq!(discarded.len(), 1);
    }

    #[test]
    fn a_verdict_given_twice_apart_names_its_reviewers() {
        let article = marked("Rates rose.", &[("n1", Claim, "Rates rose.")]);
        let verdict = |rating: &str, by: &str| {
            Body::Verdict(Item {
                article: "a".into(),
                n: 1,
                item: Verdict {
                    claim: "n1".into(),
                    rating: rating.into(),
                    status: CheckStatus::Checked,
                    reviewer: by.into(),
                    ..Verdict::default()
                },
            })
        };
        let conflict = Conflict::read(&doc("3-b", verdict("False", "bob")), &[doc("3-a", verdict("True", "bob"))])
            .expect("two versions");
        assert!(conflict.is_verdict());
        assert_eq!(conflict.who(), "Changed twice by bob");
        assert_eq!(Conflict::says(&conflict.versions[0]), "False · Checked");
        let (change, _) = conflict.choose(1, &article);
        let Some(Change::Judged { before: None, after }) = change else { panic!("a first verdict") };
        assert_eq!(after.rating, "True");
    }

    #[test]
    fn other_documents_and_unreadable_versions_make_no_conflict() {
        let article = marked("Rates rose.", &[("n1", Claim, "Rates rose.")]);
        let winner = doc("3-b", noted(&article, "x", "bob"));
        assert_eq!(Conflict::read(&winner, &["{".to_string()]), None);
        let text = Doc {
            id: "a/a/text".into(),
            rev: Some("2-x".into()),
            v: DOC_VERSION,
            body: Body::Text(super::super::TextBody {
                article: "a".into(),
                text: "\"_conflicts\"".into(),
                removed_parts: Vec::new(),
            }),
        };
        let text = serde_json::to_string(&text).unwrap();
        assert!(conflicting_revisions(&text).is_empty(), "the words in a text are not a field");
        assert_eq!(Conflict::read(&text, &[winner]), None);
    }
}
