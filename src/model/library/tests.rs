//! Tests of `library`.

use super::*;
use crate::model::offsets::CharOffset;

fn library(ids: &[&str]) -> Library {
    let mut lib = Library::default();
    for id in ids {
        lib.add(Article::new(id.to_string(), format!("Title {id}"), "Text".into(), "2026-11-25T10:00:00Z".into()));
    }
    lib
}

#[test]
fn adding_opens_the_new_article() {
    let lib = library(&["a", "b"]);
    assert_eq!(lib.current().map(|a| a.id.as_str()), Some("b"));
}

#[test]
fn rename_collapses_whitespace_and_refuses_empty_titles() {
    let mut lib = library(&["a"]);
    lib.rename("a", "  New\n title ").unwrap();
    assert_eq!(lib.get("a").unwrap().title, "New title");
    assert_eq!(lib.rename("a", " \n "), Err(EditError::EmptyTitle));
    assert_eq!(lib.rename("zz", "x"), Err(EditError::NoSuchArticle));
    assert_eq!(lib.get("a").unwrap().title, "New title");
}

#[test]
fn remove_then_restore_gives_back_the_same_library() {
    let mut lib = library(&["a", "b", "c"]);
    lib.open("b").unwrap();
    let before = lib.clone();
    let removed = lib.remove("b").unwrap();
    assert_eq!(lib.articles.len(), 2);
    assert_eq!(lib.current.as_deref(), Some("c"));
    lib.restore(removed);
    assert_eq!(lib, before);
}

#[test]
fn removing_the_last_article_leaves_nothing_open() {
    let mut lib = library(&["a"]);
    lib.remove("a").unwrap();
    assert_eq!(lib.current(), None);
}

#[test]
fn source_urls_must_be_http() {
    let mut lib = library(&["a"]);
    lib.set_source_url("a", " https://www.ctvnews.ca/world/x ").unwrap();
    assert_eq!(lib.get("a").unwrap().source_url, "https://www.ctvnews.ca/world/x");
    for bad in ["javascript:alert(1)", "ftp://x", "https://", "http:///x", "https://a b"] {
        assert_eq!(lib.set_source_url("a", bad), Err(EditError::BadUrl), "{bad}");
    }
    assert_eq!(lib.get("a").unwrap().source_url, "https://www.ctvnews.ca/world/x");
    lib.set_source_url("a", "").unwrap();
    assert_eq!(lib.get("a").unwrap().source_url, "");
}

#[test]
fn dates_must_be_iso() {
    let mut lib = library(&["a"]);
    lib.set_published("a", "2024-01-04").unwrap();
    assert_eq!(lib.get("a").unwrap().display_date(), "2024-01-04");
    for bad in ["2024-13-01", "04/01/2024", "2024-1-4", "yesterday"] {
        assert_eq!(lib.set_published("a", bad), Err(EditError::BadDate), "{bad}");
    }
}

#[test]
fn display_date_falls_back_to_the_day_added() {
    assert_eq!(library(&["a"]).get("a").unwrap().display_date(), "2026-11-25");
}

#[test]
fn text_replacement_can_be_undone() {
    let mut lib = library(&["a"]);
    let old = lib.replace_text("a", "Clean".into()).unwrap();
    assert!(lib.get("a").unwrap().leftovers_reviewed);
    lib.restore_text("a", old).unwrap();
    assert_eq!(&*lib.get("a").unwrap().text, "Text");
    assert!(!lib.get("a").unwrap().leftovers_reviewed);
}

#[test]
fn text_under_annotations_is_not_replaced() {
    let mut lib = library(&["a"]);
    lib.articles[0].annotations.push(Annotation {
        id: "n1".into(),
        kind: AnnotationKind::Claim,
        start: CharOffset(0),
        end: CharOffset(4),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        author: String::new(),
        edited_by: String::new(),
    });
    assert_eq!(lib.replace_text("a", "Other".into()), Err(EditError::HasAnnotations));
    assert_eq!(&*lib.get("a").unwrap().text, "Text");
}

#[test]
fn a_discarded_orphan_comes_back_whole() {
    let mut lib = Library::default();
    lib.add(Article::new("a".into(), "T".into(), "One two three".into(), "t".into()));
    let annotation = Annotation {
        id: "o".into(),
        kind: AnnotationKind::Source,
        start: CharOffset(40),
        end: CharOffset(45),
        note: "kept".into(),
        created: "c".into(),
        modified: "m".into(),
        author: String::new(),
        edited_by: String::new(),
    };
    let orphan = Orphan::new(annotation, "two".into(), "One ".into(), String::new());
    lib.get_mut("a").unwrap().orphans.push(orphan);
    let before = lib.clone();
    let taken = lib.take_orphan("a", "o").unwrap();
    assert!(lib.get("a").unwrap().orphans.is_empty());
    assert_eq!(lib.take_orphan("a", "o"), Err(EditError::NoSuchAnnotation));
    lib.restore_orphan("a", taken).unwrap();
    assert_eq!(lib, before);
}

#[test]
fn the_rating_scale_can_change_but_keeps_the_ratings_in_use() {
    let mut lib = Library::default();
    lib.add(Article::new("a".into(), "T".into(), "Text".into(), "t".into()));
    lib.get_mut("a").unwrap().verdicts.push(Verdict {
        claim: "c".into(),
        rating: "False".into(),
        ..Verdict::default()
    });
    let scale = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(lib.set_ratings(&scale(&["Correct", "Wrong"])), Err(EditError::RatingInUse));
    assert_eq!(lib.set_ratings(&scale(&["Only"])), Err(EditError::BadRatings));
    assert_eq!(lib.set_ratings(&scale(&["False", "False"])), Err(EditError::BadRatings));
    assert_eq!(lib.ratings, DEFAULT_RATINGS);
    lib.set_ratings(&scale(&[" Correct ", "", "Misleading", "False"])).unwrap();
    assert_eq!(lib.ratings, ["Correct", "Misleading", "False"]);
    // "Unverifiable" left the scale, and so the off-scale ratings.
    assert!(lib.off_scale.is_empty());
}

#[test]
fn only_ratings_of_the_scale_can_be_marked_off_it() {
    let mut lib = Library::default();
    assert_eq!(lib.off_scale, ["Unverifiable"]);
    assert!(lib.is_off_scale("Unverifiable") && !lib.is_off_scale("False"));
    let scale = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let error = lib.set_off_scale(&scale(&["Unverifiable", "Satire"])).unwrap_err();
    assert_eq!(error, EditError::NotInScale("Satire".into()));
    assert_eq!(
        error.to_string(),
        "“Satire” is not a rating of the scale, so it cannot be marked as off the truth scale."
    );
    assert_eq!(lib.off_scale, ["Unverifiable"], "a refused edit changes nothing");
    // Trimmed, blank ones dropped, kept in the order of the scale.
    lib.set_off_scale(&scale(&[" Unverifiable", "", "Half true"])).unwrap();
    assert_eq!(lib.off_scale, ["Half true", "Unverifiable"]);
    lib.set_off_scale(&[]).unwrap();
    assert!(lib.off_scale.is_empty());
    // Both at once, or neither.
    let ratings = scale(&["Correct", "Wrong", "Satire"]);
    assert_eq!(lib.set_scale(&ratings, &scale(&["Unverifiable"])), Err(EditError::NotInScale("Unverifiable".into())));
    assert_eq!(lib.ratings, DEFAULT_RATINGS);
    lib.set_scale(&ratings, &scale(&["Satire"])).unwrap();
    assert_eq!((lib.ratings.as_slice(), lib.off_scale.as_slice()), (ratings.as_slice(), &["Satire".to_string()][..]));
    // A rating that stays in the scale stays off it.
    lib.set_ratings(&scale(&["Satire", "Correct", "Wrong"])).unwrap();
    assert_eq!(lib.off_scale, ["Satire"]);
}

#[test]
fn link_candidates_are_the_nearest_unlinked_sources_in_text_order() {
    use AnnotationKind::*;
    let text = "Alpha said one. Beta said two. Gamma said three. Delta said four. Epsilon said five.";
    let mut article = testing::marked(
        text,
        &[
            ("c", Claim, "Gamma said three"),
            ("e", Source, "Epsilon"),
            ("a", Source, "Alpha"),
            ("d", AnonymousAttribution, "Delta said"),
            ("b", Source, "Beta"),
            ("c2", Claim, "Delta said four"),
        ],
    );
    article.links.push(Link::new("c", "d"));
    let ids = |limit| article.link_candidates("c", limit).iter().map(|a| a.id.as_str()).collect::<Vec<_>>();
    // "d" is linked already and claims are never candidates; Alpha is the farthest.
    assert_eq!(ids(10), ["a", "b", "e"]);
    assert_eq!(ids(2), ["b", "e"]);
    assert!(article.link_candidates("nobody", 10).is_empty());
}
