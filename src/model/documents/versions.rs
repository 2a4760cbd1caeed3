//! One annotation or verdict changed by two people while apart (one offline, say): replication
//! keeps both versions. CouchDB shows one of them everywhere (the same one on every replica)
//! and keeps the other as a conflicting revision, so nothing is lost, but nobody chose. The
//! page shows both, with who made each, and the user's choice is an ordinary change (undoable,
//! synced) plus the deletion of the revisions not chosen, which ends the conflict everywhere.
//!
//! A deletion against an edit is the same: CouchDB shows the edit (a live version wins over a
//! deleted one) and keeps the deletion as a deleted leaf. A deleted leaf cannot be removed, so
//! choosing the edit marks it `settled` (a deleted child of it), which is not shown again.
//!
//! Two tabs of one browser never get here: they write one database, which refuses the second
//! write (see `conflicts.rs`).

use serde::Deserialize;
use serde_json::json;

use super::{Body, Doc};
use crate::model::history::Change;
use crate::model::library::{Annotation, Article, Verdict};

/// What a version holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Annotation(Annotation),
    Verdict(Verdict),
    /// Deleted (only an annotation's deletion is shown: its verdict and links go with it).
    Deleted,
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
    #[serde(rename = "_deleted_conflicts", default)]
    deleted: Vec<String>,
}

/// The revisions a document's JSON says conflict with it: `_conflicts` (as PouchDB gives them
/// when asked for `conflicts: true`) and `_deleted_conflicts` (deleted leaves, which the
/// browser layer adds from the changes feed's list of leaves); empty for most documents.
pub fn conflicting_revisions(json: &str) -> Vec<String> {
    // Most documents have none: look before reading (a text document is long).
    if !json.contains("\"_conflicts\"") && !json.contains("\"_deleted_conflicts\"") {
        return Vec::new();
    }
    serde_json::from_str::<Conflicts>(json).map(|c| [c.conflicts, c.deleted].concat()).unwrap_or_default()
}

/// A deleted revision: who deleted it, and whether someone chose against it already.
#[derive(Deserialize)]
struct Tombstone {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev")]
    rev: String,
    #[serde(rename = "_deleted", default)]
    deleted: bool,
    #[serde(default)]
    by: String,
    #[serde(default)]
    settled: bool,
}

fn someone(by: String) -> String {
    if by.is_empty() { "someone".to_string() } else { by }
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
    Some((doc.id, article, annotation, Version { rev, by: someone(by), content }))
}

/// A deletion of the document `id`, unless someone already chose against it.
fn deletion_of(json: &str, id: &str) -> Option<Version> {
    let tombstone: Tombstone = serde_json::from_str(json).ok()?;
    (tombstone.deleted && !tombstone.settled && tombstone.id == id).then(|| Version {
        rev: tombstone.rev,
        by: someone(tombstone.by),
        content: Content::Deleted,
    })
}

impl Conflict {
    /// The conflict of the document `winner` (as the database shows it) with `others` (its
    /// conflicting revisions, read one by one); `None` if it is not an annotation or verdict,
    /// or no other version could be read.
    pub fn read(winner: &str, others: &[String]) -> Option<Conflict> {
        let (id, article, annotation, first) = version_of(winner)?;
        let is_annotation = matches!(first.content, Content::Annotation(_));
        let mut versions = vec![first];
        for json in others {
            match version_of(json) {
                Some((other, _, _, version)) if other == id => versions.push(version),
                Some(_) => {}
                None if is_annotation => versions.extend(deletion_of(json, &id)),
                None => {}
            }
        }
        (versions.len() > 1).then_some(Conflict { id, article, annotation, versions })
    }

    /// Whether it is about a verdict (else about an annotation's kind, passage or note).
    pub fn is_verdict(&self) -> bool {
        matches!(self.versions[0].content, Content::Verdict(_))
    }

    /// Who changed it, in words: "Changed by alice and by bob", "Changed by bob and deleted by
    /// alice".
    pub fn who(&self) -> String {
        if self.versions.iter().any(|v| v.content == Content::Deleted) {
            let parts: Vec<String> = self
                .versions
                .iter()
                .map(|v| format!("{} by {}", if v.content == Content::Deleted { "deleted" } else { "changed" }, v.by))
                .collect();
            let said = parts.join(" and ");
            return said[..1].to_uppercase() + &said[1..];
        }
        let mut names: Vec<&str> = Vec::new();
        for version in &self.versions {
            if !names.contains(&version.by.as_str()) {
                names.push(&version.by);
            }
        }
        match names.as_slice() {
            [one] => format!("Changed twice by {one}"),
            [rest @ .., last] => format!("Changed by {} and by {last}", rest.join(", by ")),
            [] => String::new(),
        }
    }

    /// The change that makes `article` say version `chosen` (`None` when it says it already),
    /// and the JSON of the writes that end the conflict: every other live version's revision
    /// deleted (the version shown everywhere is kept and, when another is chosen, changed into
    /// it) and every deletion not chosen, both marked settled.
    pub fn choose(&self, chosen: usize, article: &Article) -> (Option<Change>, Vec<String>) {
        let change = self.versions.get(chosen).and_then(|version| match &version.content {
            Content::Deleted => Change::removal(article, &self.annotation),
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
        let keeps_a_version = self.versions.get(chosen).is_some_and(|v| v.content != Content::Deleted);
        let discarded = self
            .versions
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v.content {
                Content::Deleted if keeps_a_version => {
                    Some(json!({ "_id": self.id, "_rev": v.rev, "_deleted": true, "settled": true }))
                }
                Content::Deleted => None,
                _ if i == 0 => None,
                // Settled too: the version set aside stays a deleted leaf, which must not read as
                // someone's deletion of the annotation.
                _ => Some(json!({ "_id": self.id, "_rev": v.rev, "_deleted": true, "settled": true })),
            })
            .map(|doc| doc.to_string())
            .collect();
        (change, discarded)
    }

    /// A version's name: "alice's version", or "bob's version 2" when one checker made more
    /// than one, so that each has a name of its own.
    pub fn version_name(&self, index: usize) -> String {
        let by = &self.versions[index].by;
        let theirs = self.versions.iter().filter(|v| v.by == *by).count();
        if theirs == 1 {
            return format!("{by}'s version");
        }
        let nth = self.versions[..=index].iter().filter(|v| v.by == *by).count();
        format!("{by}'s version {nth}")
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
            Content::Deleted => "(deleted)".to_string(),
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
        assert_eq!(deletion, json!({ "_id": "a/a/annotation/n1", "_rev": "3-a", "_deleted": true, "settled": true }));
        // Set aside, it is a deleted leaf beside the version kept: not a deletion to show.
        let set_aside = json!({ "_id": "a/a/annotation/n1", "_rev": "4-x", "_deleted": true, "settled": true });
        assert_eq!(Conflict::read(&winner, &[set_aside.to_string()]), None);

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
        let mut three = conflict.clone();
        three.versions.push(Version { by: "alice".into(), ..conflict.versions[0].clone() });
        three.versions.push(Version { by: "bob".into(), ..conflict.versions[0].clone() });
        assert_eq!(three.who(), "Changed by bob and by alice", "each name once");
        let names: Vec<String> = (0..4).map(|i| three.version_name(i)).collect();
        assert_eq!(names, ["bob's version 1", "bob's version 2", "alice's version", "bob's version 3"]);
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

    #[test]
    fn a_deletion_against_an_edit_is_shown_and_either_can_be_kept() {
        let mut article = marked("Rates rose.", &[("n1", Claim, "Rates rose.")]);
        article.verdicts = vec![Verdict { claim: "n1".into(), ..Verdict::default() }];
        let edited = doc("2-e", noted(&article, "Bob's note", "bob"));
        let Body::Annotation(shown_edit) = noted(&article, "Bob's note", "bob") else { unreachable!() };
        article.annotations[0] = shown_edit.item;
        let deletion =
            json!({ "_id": "a/a/annotation/n1", "_rev": "2-d", "_deleted": true, "by": "alice" }).to_string();
        let mut shown: serde_json::Value = serde_json::from_str(&edited).unwrap();
        shown["_deleted_conflicts"] = json!(["2-d"]);
        assert_eq!(conflicting_revisions(&shown.to_string()), ["2-d"]);

        let conflict = Conflict::read(&edited, &[deletion]).expect("an edit and a deletion");
        assert_eq!(conflict.who(), "Changed by bob and deleted by alice");
        assert_eq!(Conflict::says(&conflict.versions[1]), "(deleted)");

        // Keeping the edit marks the deletion settled: it stays a leaf, but is not shown again.
        let (change, writes) = conflict.choose(0, &article);
        assert_eq!(change, None, "the library shows the edit already");
        let settled: serde_json::Value = serde_json::from_str(&writes[0]).unwrap();
        assert_eq!(settled, json!({ "_id": "a/a/annotation/n1", "_rev": "2-d", "_deleted": true, "settled": true }));
        let marked_leaf = json!({ "_id": "a/a/annotation/n1", "_rev": "3-s", "_deleted": true, "settled": true });
        assert_eq!(Conflict::read(&edited, &[marked_leaf.to_string()]), None);

        // Keeping the deletion deletes the annotation with its verdict, an ordinary change.
        let (change, writes) = conflict.choose(1, &article);
        let Some(Change::Removed { verdict: Some(_), .. }) = change else { panic!("a removal with its verdict") };
        assert!(writes.is_empty(), "the removal deletes the version shown");
    }
}
