use super::writes::details_of;
use super::*;
use crate::model::history::Change;
use crate::model::library::testing::marked;
use crate::model::library::{AnnotationKind, Library};
use crate::model::verdicts::{CheckStatus, Evidence};

/// A library with everything a document can hold: two articles, emoji and right-to-left text,
/// links, a verdict, an orphan, a removed part, an accepted suggestion, an earlier version, a
/// changed scale.
fn library() -> Library {
    let mut first = marked(
        "A U.S. official said 😀 the blasts were planned. مرحبا بالعالم. The minister said no.",
        &[
            ("c1", AnnotationKind::Claim, "the blasts were planned"),
            ("s1", AnnotationKind::AnonymousAttribution, "A U.S. official"),
            ("s/2%", AnnotationKind::Source, "The minister"),
        ],
    );
    first.id = "art/1".into();
    first.annotations[0].note = "check 😀 ‏עברית".into();
    first.links = vec![Link::new("c1", "s1"), Link::new("c1", "s/2%")];
    first.verdicts = vec![Verdict {
        claim: "c1".into(),
        rating: "False".into(),
        status: CheckStatus::Checked,
        evidence: vec![Evidence { url: "https://example.org".into(), label: "Report".into() }],
        ..Verdict::default()
    }];
    first.orphans = vec![Orphan::new(
        Annotation { id: "o1".into(), ..first.annotations[1].clone() },
        "gone".into(),
        "a".into(),
        "b".into(),
    )];
    first.suggested = vec!["s1".into()];
    first.removed_parts = vec![RemovedPart { label: "navigation".into(), text: "Home".into(), at: 0 }];
    first.source_url = "https://example.com/a".into();
    first.byline = "By Someone".into();
    let second = Article::new("b".into(), "Second".into(), "Plain text.".into(), "2026-12-03T10:00:00Z".into());
    let mut library = Library::default();
    library.add(first);
    library.add(second);
    library.add_version("b", "Second, updated", "Plain text, updated.".into(), "2026-12-04T10:00:00Z").unwrap();
    library.set_ratings(&["True".into(), "False".into(), "Unverifiable".into()]).unwrap();
    library
}

/// What a database would hold after `writes`, and the tab's record of it.
#[derive(Default)]
struct Database {
    docs: std::collections::BTreeMap<String, String>,
    revs: u64,
}

impl Database {
    /// Takes the writes as PouchDB would: a put replaces, a deletion removes, each gets a rev.
    fn take(&mut self, saved: &mut Saved, writes: &[Write]) {
        let mut revs = Vec::new();
        for write in writes {
            self.revs += 1;
            let rev = format!("{}-x", self.revs);
            match &write.json {
                Some(json) => {
                    let mut doc: serde_json::Value = serde_json::from_str(json).unwrap();
                    doc["_rev"] = rev.clone().into();
                    self.docs.insert(write.id.clone(), doc.to_string());
                    revs.push(Some(Some(rev)));
                }
                None => {
                    self.docs.remove(&write.id);
                    revs.push(Some(None));
                }
            }
        }
        saved.written(writes, &revs);
    }

    fn load(&self) -> Loaded {
        let mut loader = Loader::default();
        for json in self.docs.values() {
            assert!(loader.add(json));
        }
        loader.finish()
    }
}

fn saved_to_database(mut library: Library) -> (Library, Saved, Database) {
    let mut saved = Saved::default();
    let mut db = Database::default();
    let writes = saved.writes(&mut library);
    db.take(&mut saved, &writes);
    (library, saved, db)
}

#[test]
fn a_library_comes_back_whole_from_its_documents() {
    let (library, _, db) = saved_to_database(library());
    let ids: Vec<&str> = db.docs.keys().map(String::as_str).collect();
    assert!(ids.contains(&"a/art%2F1/annotation/s%2F2%25"), "{ids:?}");
    assert!(ids.contains(&"scale") && ids.contains(&"a/b/version/1"));
    // Details and text for each article, three annotations, two links, one verdict, an earlier
    // version, the scale.
    assert_eq!(db.docs.len(), 4 + 3 + 2 + 1 + 1 + 1);
    let loaded = db.load();
    assert_eq!(loaded.library, library);
    assert_eq!((loaded.incomplete, loaded.skipped.len()), (0, 0));
}

#[test]
fn a_database_emptied_under_the_app_gets_the_whole_library_again() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    let whole = db.docs.len();
    db = Database::default();
    saved.forget_stored();
    let article = library.articles[0].id.clone();
    library.get_mut(&article).unwrap().title = "Retitled after the database went".into();
    let writes = saved.writes(&mut library);
    assert_eq!(writes.len(), whole);
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library, library);
    assert!(saved.writes(&mut library).is_empty());
}

#[test]
fn nothing_changed_writes_nothing() {
    let (library, saved, db) = saved_to_database(library());
    let mut loaded = db.load();
    loaded.library.edited.touch("art/1", Touched::All);
    assert!(loaded.saved.writes(&mut loaded.library).is_empty());
    let mut same = library;
    let mut saved = saved;
    same.edited.touch("b", Touched::All);
    assert!(saved.writes(&mut same).is_empty());
}

#[test]
fn editing_one_note_writes_one_small_document() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    let before = library.get("art/1").unwrap().annotations[1].clone();
    let after = Annotation { note: "the official is the embassy's".into(), ..before.clone() };
    library.apply("art/1", &Change::Edited { before, after }).unwrap();
    let writes = saved.writes(&mut library);
    assert_eq!(writes.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), ["a/art%2F1/annotation/s1"]);
    assert!(writes[0].to_json("").len() < 400, "{}", writes[0].to_json(""));
    assert!(!writes[0].to_json("").contains("blasts were planned."), "the text is not written again");
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library, library);
}

#[test]
fn annotations_placed_from_another_tool_write_only_their_documents() {
    use crate::model::formats::nlp::hypothesis::{Highlight, place};
    let (mut library, mut saved, mut db) = saved_to_database(library());
    let highlight = |id: &str, exact: &str| Highlight {
        id: id.into(),
        uri: library.get("art/1").unwrap().source_url.clone(),
        exact: exact.into(),
        tags: vec!["claim".into()],
        ..Highlight::default()
    };
    let highlights = [highlight("1", "were planned"), highlight("2", "not in this text at all")];
    let kind = |_: &str| Some(AnnotationKind::Claim);
    place(&mut library, &highlights, &kind).unwrap();
    let writes = saved.writes(&mut library);
    // The placed one, and the details that hold the orphan: not the article's other items.
    assert_eq!(
        writes.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(),
        ["a/art%2F1/article", "a/art%2F1/annotation/hypothesis-1"]
    );
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library, library);
}

#[test]
fn deleting_an_annotation_deletes_its_links_and_verdict_documents() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    let removal = Change::removal(library.get("art/1").unwrap(), "c1").unwrap();
    library.apply("art/1", &removal).unwrap();
    let writes = saved.writes(&mut library);
    let mut deleted: Vec<&str> = writes.iter().filter(|w| w.json.is_none()).map(|w| w.id.as_str()).collect();
    deleted.sort();
    assert_eq!(
        deleted,
        ["a/art%2F1/annotation/c1", "a/art%2F1/link/c1/s%2F2%25", "a/art%2F1/link/c1/s1", "a/art%2F1/verdict/c1"]
    );
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library, library);
}

#[test]
fn removing_an_article_deletes_all_its_documents_and_nothing_else() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    library.remove("art/1").unwrap();
    let writes = saved.writes(&mut library);
    assert_eq!(writes.len(), 2 + 3 + 2 + 1);
    assert!(writes.iter().all(|w| w.json.is_none() && w.id.starts_with("a/art%2F1/")));
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library.articles, library.articles);
}

#[test]
fn a_failed_write_is_tried_again_with_the_next_save() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    library.rename("b", "Renamed").unwrap();
    let writes = saved.writes(&mut library);
    assert_eq!(writes.len(), 1);
    saved.written(&writes, &[None]);
    assert!(saved.has_dirty());
    let again = saved.writes(&mut library);
    assert_eq!(again.iter().map(|w| &w.id).collect::<Vec<_>>(), [&writes[0].id]);
    db.take(&mut saved, &again);
    assert!(!saved.has_dirty());
    assert_eq!(db.load().library.get("b").unwrap().title, "Renamed");
}

#[test]
fn new_annotations_keep_their_order_after_a_reload() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    for i in 0..12 {
        let mut annotation = library.get("b").unwrap().annotations.first().cloned().unwrap_or(Annotation {
            id: String::new(),
            kind: AnnotationKind::Claim,
            start: crate::model::offsets::CharOffset(0),
            end: crate::model::offsets::CharOffset(5),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            edited_by: String::new(),
        });
        annotation.id = format!("n{i}");
        library.apply("b", &Change::Added(annotation)).unwrap();
        let writes = saved.writes(&mut library);
        db.take(&mut saved, &writes);
    }
    let order: Vec<String> = db.load().library.get("b").unwrap().annotations.iter().map(|a| a.id.clone()).collect();
    assert_eq!(order, (0..12).map(|i| format!("n{i}")).collect::<Vec<_>>());
}

#[test]
fn two_tabs_changing_different_annotations_write_different_documents() {
    let (_, _, mut db) = saved_to_database(library());
    let (mut one, mut two) = (db.load(), db.load());
    let edit = |loaded: &mut Loaded, index: usize, note: &str| {
        let before = loaded.library.get("art/1").unwrap().annotations[index].clone();
        let after = Annotation { note: note.into(), ..before.clone() };
        loaded.library.apply("art/1", &Change::Edited { before, after }).unwrap();
        loaded.saved.writes(&mut loaded.library)
    };
    let from_one = edit(&mut one, 0, "one's note");
    let from_two = edit(&mut two, 2, "two's note");
    assert_ne!(from_one[0].id, from_two[0].id);
    db.take(&mut one.saved, &from_one);
    db.take(&mut two.saved, &from_two);
    // Each tab takes the other's change from the database's changes feed.
    let changed = &db.docs[&from_one[0].id];
    assert_eq!(two.saved.apply(&mut two.library, changed), Applied::Changed);
    let own = &db.docs[&from_two[0].id];
    assert_eq!(two.saved.apply(&mut two.library, own), Applied::Nothing, "its own write comes back unchanged");
    let notes: Vec<&str> = two.library.get("art/1").unwrap().annotations.iter().map(|a| a.note.as_str()).collect();
    assert_eq!(notes, ["one's note", "", "two's note"]);
    two.library.edited.touch("art/1", Touched::All);
    assert!(two.saved.writes(&mut two.library).is_empty(), "what it took is not written back");
    assert_eq!(db.load().library, two.library);
}

#[test]
fn a_deletion_elsewhere_removes_the_item_here() {
    let (_, _, mut db) = saved_to_database(library());
    let (mut one, mut two) = (db.load(), db.load());
    one.library.apply("art/1", &Change::Unlinked { index: 0, link: Link::new("c1", "s1") }).unwrap();
    let writes = one.saved.writes(&mut one.library);
    db.take(&mut one.saved, &writes);
    let deletion = serde_json::json!({ "_id": writes[0].id, "_rev": "9-x", "_deleted": true }).to_string();
    assert_eq!(two.saved.apply(&mut two.library, &deletion), Applied::Changed);
    assert_eq!(two.library.get("art/1").unwrap().links, one.library.get("art/1").unwrap().links);
}

#[test]
fn an_article_added_elsewhere_is_read_whole() {
    let (_, _, mut db) = saved_to_database(library());
    let mut one = db.load();
    let mut two = db.load();
    one.library.add(Article::new("c".into(), "Third".into(), "More text.".into(), "t".into()));
    let writes = one.saved.writes(&mut one.library);
    db.take(&mut one.saved, &writes);
    let details = &db.docs["a/c/article"];
    assert_eq!(two.saved.apply(&mut two.library, details), Applied::ReadArticle("c".into()));
    let docs: Vec<String> = db.docs.range("a/c/".to_string()..).map(|(_, d)| d.clone()).collect();
    assert!(!two.saved.add_article(&mut two.library, &docs[..1]), "not without its text");
    assert!(two.saved.add_article(&mut two.library, &docs));
    assert_eq!(two.library.articles, one.library.articles);
}

#[test]
fn concurrent_edits_of_an_articles_details_merge_field_by_field() {
    let (_, _, mut db) = saved_to_database(library());
    let (mut one, mut two) = (db.load(), db.load());
    one.library.rename("b", "Their title").unwrap();
    let theirs = one.saved.writes(&mut one.library);
    db.take(&mut one.saved, &theirs);
    two.library.set_source_url("b", "https://example.com/b").unwrap();
    let ours = two.saved.writes(&mut two.library);
    // The database refuses ours (its revision is old): resolve against theirs.
    let resolved = two.saved.resolve(&mut two.library, &ours[0], Some(&db.docs[&ours[0].id]));
    assert!(resolved.both_changed.is_empty());
    db.take(&mut two.saved, &[resolved.write]);
    let article = db.load().library.get("b").cloned().unwrap();
    assert_eq!((article.title.as_str(), article.source_url.as_str()), ("Their title", "https://example.com/b"));
    assert_eq!(two.library.get("b").unwrap().title, "Their title", "the page shows the merge");

    let base = details_of(two.library.get("b").unwrap(), 1);
    let ours = Details { title: "Ours".into(), ..base.clone() };
    let theirs = Details { title: "Theirs".into(), byline: "By them".into(), ..base.clone() };
    let merged = merge_details(Some(&base), &ours, &theirs);
    assert_eq!((merged.details.title.as_str(), merged.details.byline.as_str()), ("Ours", "By them"));
    assert_eq!(merged.both_changed, ["title"]);
}

#[test]
fn an_annotation_deleted_elsewhere_but_edited_here_is_kept() {
    let (_, _, mut db) = saved_to_database(library());
    let mut here = db.load();
    let before = here.library.get("art/1").unwrap().annotations[2].clone();
    let after = Annotation { note: "mine".into(), ..before.clone() };
    here.library.apply("art/1", &Change::Edited { before, after }).unwrap();
    let writes = here.saved.writes(&mut here.library);
    db.docs.remove(&writes[0].id);
    let resolved = here.saved.resolve(&mut here.library, &writes[0], None);
    assert_eq!(resolved.write.rev, None);
    db.take(&mut here.saved, &[resolved.write]);
    assert_eq!(db.load().library.get("art/1").unwrap().annotations[2].note, "mine");
}

#[test]
fn documents_it_cannot_read_are_skipped_and_named() {
    let (library, _, db) = saved_to_database(library());
    let mut loader = Loader::default();
    for json in db.docs.values() {
        assert!(loader.add(json));
    }
    assert!(!loader.add(r#"{"_id":"a/b/annotation/z","_rev":"1-a","v":2,"type":"annotation"}"#));
    assert!(!loader.add(r#"{"_id":"x","_rev":"1-a","v":1,"type":"widget"}"#));
    assert!(!loader.add("not json"));
    let loaded = loader.finish();
    assert_eq!(loaded.library, library);
    assert_eq!(loaded.skipped[0], LoadError::NewerVersion { id: "a/b/annotation/z".into(), version: 2 });
    assert!(loaded.skipped[0].to_string().contains("newer version"));
    assert_eq!(loaded.skipped.len(), 3);
}

#[test]
fn an_article_missing_its_text_is_left_out_and_counted() {
    let (library, _, mut db) = saved_to_database(library());
    db.docs.remove("a/b/text");
    let loaded = db.load();
    assert_eq!(loaded.incomplete, 1);
    assert_eq!(loaded.library.articles, library.articles[..1]);
}

#[test]
fn only_the_articles_the_log_names_are_compared() {
    let (mut library, mut saved, _) = saved_to_database(library());
    // An edit that goes around the library's methods is not seen, unless the log names it.
    library.articles[1].title = "Changed behind its back".into();
    assert!(saved.writes(&mut library).is_empty());
    library.edited.touch("b", Touched::All);
    assert_eq!(saved.writes(&mut library).len(), 1);
}

#[test]
fn an_undone_deletion_puts_the_annotation_back_in_its_place() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    let removal = Change::removal(library.get("art/1").unwrap(), "c1").unwrap();
    library.apply("art/1", &removal).unwrap();
    let writes = saved.writes(&mut library);
    db.take(&mut saved, &writes);
    library.revert("art/1", &removal).unwrap();
    let writes = saved.writes(&mut library);
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library, library);
}

#[test]
fn an_older_revision_of_its_own_write_is_not_taken_in() {
    let (_, _, mut db) = saved_to_database(library());
    let mut here = db.load();
    let mut notes = Vec::new();
    for note in ["first", "second"] {
        let before = here.library.get("art/1").unwrap().annotations[0].clone();
        let after = Annotation { note: note.into(), ..before.clone() };
        here.library.apply("art/1", &Change::Edited { before, after }).unwrap();
        let writes = here.saved.writes(&mut here.library);
        db.take(&mut here.saved, &writes);
        notes.push(db.docs[&writes[0].id].clone());
    }
    assert_eq!(here.saved.apply(&mut here.library, &notes[0]), Applied::Nothing);
    assert_eq!(here.library.get("art/1").unwrap().annotations[0].note, "second");
}

#[test]
fn an_undone_article_deletion_puts_it_back_in_its_place() {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    let removed = library.remove("art/1").unwrap();
    let writes = saved.writes(&mut library);
    db.take(&mut saved, &writes);
    library.restore(removed);
    let writes = saved.writes(&mut library);
    db.take(&mut saved, &writes);
    assert_eq!(db.load().library.articles, library.articles);
}

/// The writes `change` needs, worked out from what the edit log names, and from comparing the
/// whole article: they must be the same, or a change would be left unsaved.
fn narrow_and_whole_writes(
    saved_first: impl Fn(&mut Library),
    change: impl Fn(&mut Library),
) -> (Vec<Write>, Vec<Write>) {
    let (mut library, mut saved, mut db) = saved_to_database(library());
    saved_first(&mut library);
    let writes = saved.writes(&mut library);
    db.take(&mut saved, &writes);
    let mut whole_saved = saved.clone();
    change(&mut library);
    let mut whole_library = library.clone();
    whole_library.edited.touch("art/1", Touched::All);
    let sorted = |mut writes: Vec<Write>| {
        writes.sort_by(|a, b| a.id.cmp(&b.id));
        writes
    };
    (sorted(saved.writes(&mut library)), sorted(whole_saved.writes(&mut whole_library)))
}

#[test]
fn every_change_and_its_undoing_writes_what_comparing_the_whole_article_writes() {
    let new = |id: &str| Annotation {
        id: id.into(),
        kind: AnnotationKind::Claim,
        start: crate::model::offsets::CharOffset(0),
        end: crate::model::offsets::CharOffset(3),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        author: String::new(),
        edited_by: String::new(),
    };
    let article = library().get("art/1").unwrap().clone();
    let edited = Annotation { note: "edited".into(), ..article.annotations[1].clone() };
    let placed = Annotation { id: article.orphans[0].annotation.id.clone(), ..new("placed") };
    let changes = [
        Change::Added(new("n1")),
        Change::removal(&article, "c1").unwrap(),
        Change::removal(&article, "s1").unwrap(),
        Change::Edited { before: article.annotations[1].clone(), after: edited },
        Change::Placed { orphan: article.orphans[0].clone(), annotation: placed },
        Change::Unlinked { index: 0, link: article.links[0].clone() },
        Change::Accepted(vec![new("n2"), new("n3")]),
        Change::Judged {
            before: Some(article.verdicts[0].clone()),
            after: Verdict { rating: "True".into(), ..article.verdicts[0].clone() },
        },
    ];
    for change in &changes {
        let (narrow, whole) = narrow_and_whole_writes(|_| {}, |l| l.apply("art/1", change).unwrap());
        assert!(!narrow.is_empty(), "{change:?} writes something");
        assert_eq!(narrow, whole, "{change:?}");
        let (narrow, whole) =
            narrow_and_whole_writes(|l| l.apply("art/1", change).unwrap(), |l| l.revert("art/1", change).unwrap());
        assert!(!narrow.is_empty(), "undoing {change:?} writes something");
        assert_eq!(narrow, whole, "undoing {change:?}");
    }
    let link = Link::new("c1", "s1");
    let unlinked = Change::Unlinked { index: 0, link: link.clone() };
    let (narrow, whole) = narrow_and_whole_writes(
        |l| l.apply("art/1", &unlinked).unwrap(),
        |l| l.apply("art/1", &Change::Linked(link.clone())).unwrap(),
    );
    assert!(!narrow.is_empty());
    assert_eq!(narrow, whole, "a link taken away and made again");
    let (narrow, whole) = narrow_and_whole_writes(
        |_| {},
        |l| {
            l.apply("art/1", &unlinked).unwrap();
            l.apply("art/1", &Change::Linked(link.clone())).unwrap();
            l.apply("art/1", &Change::Unlinked { index: 0, link: link.clone() }).unwrap();
        },
    );
    assert_eq!(narrow.len(), 1, "one link's document, deleted once: {narrow:?}");
    assert_eq!(narrow, whole, "a link taken away, made again and taken away, saved at once");
}

#[test]
fn a_new_version_made_in_another_tab_arrives_whole_and_is_not_written_back() {
    let (_, _, mut db) = saved_to_database(library());
    let (mut one, mut two) = (db.load(), db.load());
    let new_text = "A U.S. official said 😀 the blasts were planned. The minister said yes.";
    one.library.add_version("art/1", "Updated", new_text.into(), "2026-12-05T08:00:00Z").unwrap();
    let writes = one.saved.writes(&mut one.library);
    assert!(writes.iter().any(|w| w.id == "a/art%2F1/version/1"), "the earlier text is written once");
    db.take(&mut one.saved, &writes);
    for write in &writes {
        if let Some(json) = db.docs.get(&write.id) {
            assert_ne!(two.saved.apply(&mut two.library, json), Applied::ReadArticle("art/1".into()));
        } else {
            two.saved.apply(
                &mut two.library,
                &serde_json::json!({ "_id": write.id, "_rev": "9-x", "_deleted": true }).to_string(),
            );
        }
    }
    let (mine, theirs) = (one.library.get("art/1").unwrap(), two.library.get("art/1").unwrap().clone());
    assert_eq!((&theirs.versions, &theirs.text, theirs.captured()), (&mine.versions, &mine.text, mine.captured()));
    assert_eq!((&theirs.annotations, &theirs.orphans), (&mine.annotations, &mine.orphans));
    two.library.edited.touch("art/1", Touched::All);
    assert!(two.saved.writes(&mut two.library).is_empty(), "what it took is not written back");
    assert_eq!(db.load().library.get("art/1"), Some(&theirs));
}
