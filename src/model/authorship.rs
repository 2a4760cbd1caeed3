//! Who did what on a desk: every annotation, link and verdict records the desk user who made
//! it (and who changed it last) and when, so that the panel can say it, filter by it, and the
//! exports can carry it. Outside a desk the names stay empty and only the times are kept.

use super::history::Change;
use super::library::{Annotation, Article, Verdict};

impl Change {
    /// Puts `by` (the desk user name, or empty outside a desk) and `at` (ISO 8601) on what this
    /// change makes or changes. A deletion records nothing: what it takes is gone.
    pub fn stamp(&mut self, by: &str, at: &str) {
        let sign = |field: &mut String| {
            if !by.is_empty() {
                *field = by.to_string();
            }
        };
        match self {
            Change::Added(annotation) => stamp_new(annotation, by),
            Change::Accepted(annotations) => annotations.iter_mut().for_each(|a| stamp_new(a, by)),
            Change::Edited { after: annotation, .. } | Change::Placed { annotation, .. } => {
                sign(&mut annotation.edited_by);
            }
            Change::Linked(link) => {
                sign(&mut link.author);
                link.created = at.to_string();
            }
            Change::Judged { after, .. } => {
                sign(&mut after.reviewer);
                after.modified = at.to_string();
            }
            Change::Removed { .. } | Change::Unlinked { .. } => {}
        }
    }
}

/// A new annotation is its maker's (one brought in by an import keeps the author it came with).
fn stamp_new(annotation: &mut Annotation, by: &str) {
    if annotation.author.is_empty() {
        annotation.author = by.to_string();
    }
}

impl Annotation {
    /// Whether `checker` made or last changed it.
    pub fn is_by(&self, checker: &str) -> bool {
        self.author == checker || self.edited_by == checker
    }

    /// Who made it and who changed it since, in words ("by alice", "by alice, changed by bob");
    /// empty when nobody on a desk did.
    pub fn byline(&self) -> String {
        match (self.author.as_str(), self.edited_by.as_str()) {
            ("", "") => String::new(),
            (author, "") => format!("by {author}"),
            ("", editor) => format!("changed by {editor}"),
            (author, editor) if author == editor => format!("by {author}"),
            (author, editor) => format!("by {author}, changed by {editor}"),
        }
    }
}

/// Who made an annotation and when, and who changed it since and when, in words ("Made by
/// alice, 4 Dec 2026, 16:02 · changed by bob, 16:05"), with `time` writing a stored time as
/// the reader reads times; empty when no desk user made or changed it (one person's own
/// annotations need no names, and the line would take room from the text on a small screen).
pub fn made(annotation: &Annotation, time: impl Fn(&str) -> String) -> String {
    let mut said = String::new();
    if annotation.author.is_empty() && annotation.edited_by.is_empty() {
        return said;
    }
    let mut part = |verb: &str, by: &str, at: &str| {
        if by.is_empty() && at.is_empty() {
            return;
        }
        if !said.is_empty() {
            said.push_str(" · ");
        }
        said.push_str(verb);
        if !by.is_empty() {
            said.push_str(" by ");
            said.push_str(by);
        }
        if !at.is_empty() {
            said.push_str(if by.is_empty() { " " } else { ", " });
            said.push_str(&time(at));
        }
    };
    part("Made", &annotation.author, &annotation.created);
    if annotation.modified != annotation.created || !annotation.edited_by.is_empty() {
        let verb = if annotation.author.is_empty() && annotation.created.is_empty() { "Changed" } else { "changed" };
        part(verb, &annotation.edited_by, &annotation.modified);
    }
    said
}

/// Who gave a verdict or changed it last, and when ("Given by bob, 16:05"); empty when no desk
/// user did.
pub fn judged(verdict: &Verdict, time: impl Fn(&str) -> String) -> String {
    match (verdict.reviewer.as_str(), verdict.modified.as_str()) {
        ("", _) => String::new(),
        (by, "") => format!("Given by {by}"),
        (by, at) => format!("Given by {by}, {}", time(at)),
    }
}

/// The desk users who made or changed an article's annotations, links or verdicts, sorted.
pub fn checkers(article: &Article) -> Vec<String> {
    let mut names: Vec<&str> = article
        .annotations
        .iter()
        .flat_map(|a| [a.author.as_str(), a.edited_by.as_str()])
        .chain(article.links.iter().map(|l| l.author.as_str()))
        .chain(article.verdicts.iter().map(|v| v.reviewer.as_str()))
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::{AnnotationKind, Link};
    use crate::model::offsets::CharOffset;

    fn annotation(id: &str) -> Annotation {
        Annotation {
            id: id.into(),
            kind: AnnotationKind::Claim,
            start: CharOffset(0),
            end: CharOffset(1),
            note: String::new(),
            created: "t0".into(),
            modified: "t0".into(),
            author: String::new(),
            edited_by: String::new(),
        }
    }

    #[test]
    fn a_new_annotation_is_its_makers_and_an_edit_names_the_editor() {
        let mut added = Change::Added(annotation("n1"));
        added.stamp("alice", "t1");
        let Change::Added(made) = &added else { unreachable!() };
        assert_eq!((made.author.as_str(), made.byline().as_str()), ("alice", "by alice"));

        let mut edited = Change::Edited { before: made.clone(), after: made.clone() };
        edited.stamp("bob", "t2");
        let Change::Edited { before, after } = &edited else { unreachable!() };
        assert_eq!(before.edited_by, "", "what it was stays as it was, for undo");
        assert_eq!((after.author.as_str(), after.edited_by.as_str()), ("alice", "bob"));
        assert_eq!(after.byline(), "by alice, changed by bob");
        assert!(after.is_by("alice") && after.is_by("bob") && !after.is_by("carol"));
    }

    #[test]
    fn an_imported_author_is_kept_and_outside_a_desk_no_name_is_put() {
        let mut imported = annotation("n1");
        imported.author = "hypothesis:carol".into();
        let mut accepted = Change::Accepted(vec![imported, annotation("n2")]);
        accepted.stamp("alice", "t1");
        let Change::Accepted(made) = &accepted else { unreachable!() };
        assert_eq!([made[0].author.as_str(), made[1].author.as_str()], ["hypothesis:carol", "alice"]);

        let mut local = Change::Added(annotation("n3"));
        local.stamp("", "t1");
        let Change::Added(made) = &local else { unreachable!() };
        assert_eq!((made.author.as_str(), made.byline().as_str()), ("", ""));
    }

    #[test]
    fn links_and_verdicts_record_who_and_when() {
        let mut linked = Change::Linked(Link::new("c", "s"));
        linked.stamp("alice", "t1");
        let Change::Linked(link) = &linked else { unreachable!() };
        assert_eq!((link.author.as_str(), link.created.as_str()), ("alice", "t1"));
        assert_eq!(*link, Link::new("c", "s"), "a link is its two ends");

        let mut judged = Change::Judged { before: None, after: Verdict { claim: "c".into(), ..Verdict::default() } };
        judged.stamp("", "t2");
        judged.stamp("bob", "t3");
        let Change::Judged { after, .. } = &judged else { unreachable!() };
        assert_eq!((after.reviewer.as_str(), after.modified.as_str()), ("bob", "t3"));
    }

    #[test]
    fn who_made_and_changed_it_and_when_in_words() {
        let time = |at: &str| format!("<{at}>");
        let mut a = annotation("n1");
        assert_eq!(made(&a, time), "", "outside a desk: nothing to say");
        a.author = "alice".into();
        assert_eq!(made(&a, time), "Made by alice, <t0>");
        a.edited_by = "bob".into();
        a.modified = "t1".into();
        assert_eq!(made(&a, time), "Made by alice, <t0> · changed by bob, <t1>");
        a.created.clear();
        a.modified.clear();
        a.author.clear();
        assert_eq!(made(&a, time), "Changed by bob");
        a.edited_by.clear();
        a.modified = "t3".into();
        assert_eq!(made(&a, time), "");

        let mut v = Verdict { modified: "t2".into(), ..Verdict::default() };
        assert_eq!(judged(&v, time), "", "outside a desk: nothing to say");
        v.reviewer = "carol".into();
        v.modified = "t2".into();
        assert_eq!(judged(&v, time), "Given by carol, <t2>");
    }

    #[test]
    fn the_checkers_of_an_article_are_everyone_named_once() {
        let mut article = Article::new("a".into(), "T".into(), "text".into(), "t".into());
        let mut first = annotation("n1");
        first.author = "bob".into();
        first.edited_by = "alice".into();
        let mut second = annotation("n2");
        second.author = "bob".into();
        article.annotations = vec![first, second, annotation("n3")];
        article.links = vec![Link { author: "dan".into(), ..Link::new("n1", "n2") }];
        article.verdicts = vec![Verdict { claim: "n1".into(), reviewer: "carol".into(), ..Verdict::default() }];
        assert_eq!(checkers(&article), ["alice", "bob", "carol", "dan"]);
    }
}
