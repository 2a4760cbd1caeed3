//! Tests of `history`.

use super::*;
use crate::model::library::AnnotationKind;
use crate::model::offsets::CharOffset;

fn note(id: &str, kind: AnnotationKind, start: usize, end: usize) -> Annotation {
    Annotation {
        id: id.into(),
        kind,
        start: CharOffset(start),
        end: CharOffset(end),
        note: String::new(),
        created: "t".into(),
        modified: "t".into(),
        author: String::new(),
        edited_by: String::new(),
    }
}

fn library() -> Library {
    let mut lib = Library::default();
    lib.add(Article::new("a".into(), "T".into(), "a U.S. official said".into(), "t".into()));
    lib
}

fn ids(lib: &Library) -> Vec<String> {
    lib.get("a").unwrap().annotations.iter().map(|n| n.id.clone()).collect()
}

#[test]
fn an_article_at_the_annotation_limit_takes_no_more_but_can_still_change() {
    let mut lib = library();
    let full: Vec<Annotation> =
        (0..limits::MAX_ANNOTATIONS).map(|i| note(&format!("n{i}"), AnnotationKind::Claim, 0, 1)).collect();
    lib.articles[0].annotations = full[..limits::MAX_ANNOTATIONS - 1].to_vec();
    let mut history = History::default();
    history.perform(&mut lib, "a", Change::Added(full[limits::MAX_ANNOTATIONS - 1].clone())).unwrap();
    let at_limit = lib.clone();
    let one_more = note("extra", AnnotationKind::Source, 2, 6);
    assert_eq!(history.perform(&mut lib, "a", Change::Added(one_more.clone())), Err(EditError::TooManyAnnotations));
    assert_eq!(history.perform(&mut lib, "a", Change::Accepted(vec![one_more])), Err(EditError::TooManyAnnotations));
    // (Not assert_eq: printing 20,000 annotations on failure helps nobody.)
    assert!(lib == at_limit, "a refused change leaves the article as it was");
    // Deleting one makes room again, and undoing the deletion restores the full article.
    let removed =
        Change::Removed { index: 0, annotation: full[0].clone(), links: vec![], verdict: None, suggested: None };
    history.perform(&mut lib, "a", removed).unwrap();
    history.undo(&mut lib, "a").unwrap();
    assert!(lib == at_limit, "undoing the deletion restores the full article");
}

#[test]
fn undo_and_redo_every_kind_of_change_exactly() {
    let mut lib = library();
    let mut history = History::default();
    let first = note("n1", AnnotationKind::Claim, 0, 6);
    let second = note("n2", AnnotationKind::AnonymousAttribution, 0, 15);
    history.perform(&mut lib, "a", Change::Added(first.clone())).unwrap();
    history.perform(&mut lib, "a", Change::Added(second.clone())).unwrap();
    let edited = Annotation { note: "no reason given".into(), kind: AnnotationKind::Source, ..first.clone() };
    history.perform(&mut lib, "a", Change::Edited { before: first.clone(), after: edited.clone() }).unwrap();
    history
        .perform(
            &mut lib,
            "a",
            Change::Removed { index: 0, annotation: edited.clone(), links: vec![], verdict: None, suggested: None },
        )
        .unwrap();
    let end_state = lib.clone();
    assert_eq!(ids(&lib), ["n2"]);

    history.undo(&mut lib, "a").unwrap();
    assert_eq!(ids(&lib), ["n1", "n2"], "a deletion comes back at its place");
    assert_eq!(lib.get("a").unwrap().annotations[0], edited);
    history.undo(&mut lib, "a").unwrap();
    assert_eq!(lib.get("a").unwrap().annotations[0], first);
    history.undo(&mut lib, "a").unwrap();
    history.undo(&mut lib, "a").unwrap();
    assert!(ids(&lib).is_empty());
    assert_eq!(history.undo(&mut lib, "a"), Ok(None));
    assert!(!history.can_undo("a") && history.can_redo("a"));

    for _ in 0..4 {
        history.redo(&mut lib, "a").unwrap();
    }
    assert_eq!(lib, end_state);
    assert!(!history.can_redo("a"));
}

#[test]
fn folded_edits_undo_in_one_step() {
    let mut lib = library();
    let mut history = History::default();
    let original = note("n1", AnnotationKind::Claim, 0, 1);
    history.perform(&mut lib, "a", Change::Added(original.clone())).unwrap();
    let mut previous = original.clone();
    for typed in ["n", "no", "not"] {
        let next = Annotation { note: typed.into(), ..previous.clone() };
        history.perform_folded(&mut lib, "a", Change::Edited { before: previous, after: next.clone() }).unwrap();
        previous = next;
    }
    assert_eq!(lib.get("a").unwrap().annotations[0].note, "not");
    history.undo(&mut lib, "a").unwrap();
    assert_eq!(lib.get("a").unwrap().annotations[0], original);
    history.undo(&mut lib, "a").unwrap();
    assert!(ids(&lib).is_empty());
}

#[test]
fn a_new_change_clears_redo() {
    let mut lib = library();
    let mut history = History::default();
    history.perform(&mut lib, "a", Change::Added(note("n1", AnnotationKind::Claim, 0, 1))).unwrap();
    history.undo(&mut lib, "a").unwrap();
    history.perform(&mut lib, "a", Change::Added(note("n2", AnnotationKind::Claim, 0, 1))).unwrap();
    assert!(!history.can_redo("a"));
}

#[test]
fn histories_of_articles_are_separate() {
    let mut lib = library();
    lib.add(Article::new("b".into(), "T".into(), "other".into(), "t".into()));
    let mut history = History::default();
    history.perform(&mut lib, "a", Change::Added(note("n1", AnnotationKind::Claim, 0, 1))).unwrap();
    assert_eq!(history.undo(&mut lib, "b"), Ok(None));
    assert_eq!(ids(&lib), ["n1"]);
}

#[test]
fn a_failed_change_is_not_recorded() {
    let mut lib = library();
    let mut history = History::default();
    let ghost = note("ghost", AnnotationKind::Claim, 0, 1);
    let result = history.perform(
        &mut lib,
        "a",
        Change::Removed { index: 0, annotation: ghost, links: vec![], verdict: None, suggested: None },
    );
    assert_eq!(result, Err(EditError::NoSuchAnnotation));
    assert!(!history.can_undo("a"));
}

#[test]
fn placing_an_orphan_undoes_and_redoes_whole() {
    let mut lib = library();
    let old = note("o", AnnotationKind::Source, 40, 45);
    let orphan = Orphan::new(old.clone(), "official".into(), String::new(), String::new());
    lib.get_mut("a").unwrap().orphans.push(orphan.clone());
    let before = lib.clone();
    let placed = Annotation { start: CharOffset(7), end: CharOffset(15), ..old };
    let mut history = History::default();
    history.perform(&mut lib, "a", Change::Placed { orphan: orphan.clone(), annotation: placed.clone() }).unwrap();
    let after = lib.clone();
    assert_eq!((after.get("a").unwrap().annotations.clone(), after.get("a").unwrap().orphans.len()), (vec![placed], 0));
    history.undo(&mut lib, "a").unwrap();
    assert_eq!(lib, before);
    history.redo(&mut lib, "a").unwrap();
    assert_eq!(lib, after);
    // Placing an orphan that is no longer there fails and changes nothing.
    let again =
        history.perform(&mut lib, "a", Change::Placed { orphan, annotation: note("o", AnnotationKind::Source, 0, 1) });
    assert_eq!(again, Err(EditError::NoSuchAnnotation));
    assert_eq!(lib, after);
}

#[test]
fn deleting_a_linked_source_unlinks_it_and_undo_restores_both() {
    let mut lib = library();
    let mut history = History::default();
    let claim = note("c", AnnotationKind::Claim, 0, 6);
    let source = note("s", AnnotationKind::AnonymousAttribution, 7, 20);
    let other = note("o", AnnotationKind::Claim, 2, 6);
    for a in [&claim, &source, &other] {
        history.perform(&mut lib, "a", Change::Added(a.clone())).unwrap();
    }
    for c in ["c", "o"] {
        let link = Link::new(c, "s");
        history.perform(&mut lib, "a", Change::Linked(link)).unwrap();
    }
    let verdict = Verdict { claim: "c".into(), rating: "False".into(), ..Verdict::default() };
    history.perform(&mut lib, "a", Change::Judged { before: None, after: verdict }).unwrap();
    // A claim cannot be a source, nor a link repeat.
    let bad = Change::Linked(Link::new("c", "o"));
    assert_eq!(history.perform(&mut lib, "a", bad), Err(EditError::NoSuchAnnotation));
    let again = Change::Linked(Link::new("c", "s"));
    assert_eq!(history.perform(&mut lib, "a", again), Err(EditError::DuplicateAnnotation));
    let before = lib.clone();

    let removal = Change::removal(lib.get("a").unwrap(), "s").unwrap();
    history.perform(&mut lib, "a", removal).unwrap();
    assert!(lib.get("a").unwrap().links.is_empty());
    assert_eq!(lib.get("a").unwrap().verdicts.len(), 1, "the claim keeps its verdict");
    history.undo(&mut lib, "a").unwrap();
    assert_eq!(lib, before);

    let removal = Change::removal(lib.get("a").unwrap(), "c").unwrap();
    history.perform(&mut lib, "a", removal).unwrap();
    let article = lib.get("a").unwrap();
    assert_eq!((article.links.len(), article.verdicts.len()), (1, 0));
    history.undo(&mut lib, "a").unwrap();
    assert_eq!(lib, before);
}

#[test]
fn verdict_edits_fold_into_one_undo() {
    let mut lib = library();
    let mut history = History::default();
    history.perform(&mut lib, "a", Change::Added(note("c", AnnotationKind::Claim, 0, 6))).unwrap();
    let before = lib.clone();
    let mut previous = None;
    for reasoning in ["T", "Th", "The"] {
        let after = Verdict { claim: "c".into(), reasoning: reasoning.into(), ..Verdict::default() };
        history
            .perform_folded(&mut lib, "a", Change::Judged { before: previous.clone(), after: after.clone() })
            .unwrap();
        previous = Some(after);
    }
    assert_eq!(lib.get("a").unwrap().verdicts[0].reasoning, "The");
    history.undo(&mut lib, "a").unwrap();
    assert_eq!(lib, before);
}
