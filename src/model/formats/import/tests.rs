//! Tests of `import`.

use super::super::export::{Provenance, export};
use super::super::w3c;
use super::*;

fn provenance() -> Provenance {
    Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0.1.0".into() }
}

fn library_with_sample() -> Library {
    let mut library = Library::default();
    library.add(super::super::export::tests::sample_article());
    library
}

#[test]
fn a_verdict_that_cannot_be_read_is_refused_with_what_is_wrong_and_no_inner_position() {
    let article = super::super::export::tests::judged_sample_article();
    let file = export([&article], &Library::default().ratings, &Library::default().off_scale, &provenance())
        .replace("\"checked\"", "\"settled\"");
    let error = import(&file, &Library::default(), None).unwrap_err();
    assert!(error.0.contains("field \"verdict\" cannot be read (unknown variant `settled`"), "{error}");
    assert!(!error.0.contains(" at line "), "{error}");
}

#[test]
fn files_beyond_the_limits_are_refused_whole() {
    let long = Article::new("long".into(), "Long".into(), "word ".repeat(200_001).trim_end().into(), "t".into());
    let file = export([&long], &Library::default().ratings, &Library::default().off_scale, &provenance());
    let error = import(&file, &library_with_sample(), None).unwrap_err();
    assert!(error.0.starts_with("The article “Long” is too long. It has 1,000,004 characters"), "{error}");

    let mut crowded = Article::new("crowded".into(), "Crowded".into(), "a b".into(), "t".into());
    crowded.annotations = (0..=limits::MAX_ANNOTATIONS)
        .map(|i| Annotation {
            id: format!("n{i}"),
            kind: AnnotationKind::Claim,
            start: CharOffset(0),
            end: CharOffset(1),
            note: String::new(),
            created: "t".into(),
            modified: "t".into(),
            author: String::new(),
            edited_by: String::new(),
        })
        .collect();
    let file = export([&crowded], &Library::default().ratings, &Library::default().off_scale, &provenance());
    let error = import(&file, &Library::default(), None).unwrap_err();
    assert_eq!(error.0, "The article “Crowded” would have 20,001 annotations, and an article can have at most 20,000.");
    // At the limit, it imports.
    crowded.annotations.pop();
    let file = export([&crowded], &Library::default().ratings, &Library::default().off_scale, &provenance());
    assert_eq!(import(&file, &Library::default(), None).unwrap().annotations_added, limits::MAX_ANNOTATIONS);
}

#[test]
fn an_export_imports_into_an_empty_library_unchanged_and_twice_adds_nothing() {
    let original = library_with_sample();
    let file = export(&original.articles, &Library::default().ratings, &Library::default().off_scale, &provenance());
    let first = import(&file, &Library::default(), None).unwrap();
    assert_eq!((first.articles_added, first.annotations_added), (1, 2));
    let mut expected = original.articles[0].clone();
    expected.leftovers_reviewed = true;
    assert_eq!(first.library.articles, [expected]);
    let again = import(&file, &first.library, None).unwrap();
    assert_eq!((again.articles_added, again.annotations_added, again.already_there), (0, 0, 2));
    assert_eq!(again.library, first.library);
    // Version 1 files (without orphans) read the same.
    let version_1 = import(&file.replace("\"version\": 6", "\"version\": 1"), &Library::default(), None);
    assert_eq!(version_1.unwrap().library, first.library);
}

#[test]
fn a_colleagues_copy_adds_its_own_annotations_links_and_verdicts_once() {
    let mine = library_with_sample();
    let mut theirs = mine.articles[0].clone();
    for a in &mut theirs.annotations {
        a.id.insert_str(0, "c-");
    }
    // Theirs, and one of mine again (already there); their claim may rest on my source.
    theirs.annotations.push(mine.articles[0].annotations[1].clone());
    let link = |claim: &str, source: &str| Link::new(claim, source);
    theirs.links = vec![link("c-n2", "c-n1"), link("c-n2", "n1")];
    theirs.verdicts = vec![Verdict { claim: "c-n2".into(), rating: "False".into(), ..Verdict::default() }];
    theirs.suggested = vec!["c-n1".into(), "n1".into()];
    let file = export([&theirs], &mine.ratings, &mine.off_scale, &provenance());
    let merged = import(&file, &mine, None).unwrap();
    assert_eq!((merged.articles_added, merged.annotations_added, merged.already_there), (0, 2, 1));
    let article = &merged.library.articles[0];
    let ids: Vec<&str> = article.annotations.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["n2", "n1", "c-n2", "c-n1"]);
    assert_eq!(article.links, [link("c-n2", "c-n1"), link("c-n2", "n1")]);
    assert_eq!(article.verdicts.iter().map(|v| v.claim.as_str()).collect::<Vec<_>>(), ["c-n2"]);
    assert_eq!(article.suggested, ["c-n1", "n1"]);
    // Once more: everything is there already, and nothing is added twice.
    let again = import(&file, &merged.library, None).unwrap();
    assert_eq!((again.annotations_added, again.already_there), (0, 3));
    assert_eq!(again.library, merged.library);
}

#[test]
fn the_files_ratings_join_the_scale_with_whether_they_are_off_it() {
    let strings = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let article = super::super::export::tests::sample_article();
    let file = |ratings: &[&str], off_scale: &[&str]| {
        export([&article], &strings(ratings), &strings(off_scale), &provenance())
    };
    let theirs = file(&["Correct", "Satire", "Unverifiable", "Wrong"], &["Satire", "Unverifiable"]);
    // Mine keeps "Unverifiable" on the scale: an import does not change a rating I have.
    let mut mine = Library::default();
    mine.set_off_scale(&[]).unwrap();
    let merged = import(&theirs, &mine, None).unwrap().library;
    assert_eq!(merged.ratings[6..], ["Correct", "Satire", "Wrong"]);
    assert_eq!(merged.off_scale, ["Satire"]);
    // A file from before version 5 has the default: "Unverifiable" comes in off the scale.
    let mut custom = Library::default();
    custom.set_scale(&strings(&["Yes", "No"]), &[]).unwrap();
    let old = file(&["True", "Unverifiable"], &[])
        .replace(",\n  \"off_scale\": []", "")
        .replace("\"version\": 6", "\"version\": 4");
    assert!(!old.contains("off_scale"), "{old}");
    let merged = import(&old, &custom, None).unwrap().library;
    assert_eq!(
        (merged.ratings, merged.off_scale),
        (strings(&["Yes", "No", "True", "Unverifiable"]), strings(&["Unverifiable"]))
    );
    // Only ratings of the file's scale can be off it.
    let stranger = file(&["Correct", "Wrong"], &["Maybe"]);
    assert_eq!(
        import(&stranger, &Library::default(), None).unwrap_err().0,
        "The file's \"off_scale\" names “Maybe”, which is not one of its \"ratings\"."
    );
    let not_a_list = file(&["Correct"], &[]).replace("\"off_scale\": []", "\"off_scale\": \"Maybe\"");
    assert_eq!(
        import(&not_a_list, &Library::default(), None).unwrap_err().0,
        "The file's \"off_scale\" is not a list of ratings."
    );
}

fn refused(file: &str) -> String {
    import(file, &library_with_sample(), Some("a1")).unwrap_err().0
}

#[test]
fn bad_files_are_refused_with_the_place_and_the_field() {
    let good = export(
        &library_with_sample().articles,
        &Library::default().ratings,
        &Library::default().off_scale,
        &provenance(),
    );
    assert!(refused("{\"format\": ").starts_with("The file is not valid JSON"));
    assert!(refused("[1, 2").starts_with("The file is not valid JSON"));
    assert_eq!(
        refused("{\"hello\": 1}"),
        "The file is neither an Article Annotator export nor W3C Web Annotation JSON."
    );
    assert!(refused(&good.replace("\"version\": 6", "\"version\": 7")).contains("newer version"));
    let out_of_text = good.replace("\"end\": 62", "\"end\": 6200");
    assert!(
        refused(&out_of_text)
            .contains("Annotation 1 (id “n2”) of “Kerman”: \"end\" (6200) is beyond the end of the text")
    );
    let wrong_quote = good.replace("\"exact\": \"killed 95 people\"", "\"exact\": \"killed 59 people\"");
    assert!(
        refused(&wrong_quote)
            .contains("Annotation 1 (id “n2”) of “Kerman”: field \"quote\" (“killed 59 people”) does not match")
    );
    let bad_kind = good.replace("\"kind\": \"claim\"", "\"kind\": \"rumour\"");
    assert!(refused(&bad_kind).contains("field \"kind\" is “rumour”"));
    let changed_text = good.replace("killed 95 people.", "killed 96 people.");
    assert!(refused(&changed_text).contains("\"text_sha256\" does not match"));
    let missing = good.replacen("\"note\": \"Count rose later.\",", "", 1).replacen("\"start\": 46,", "", 1);
    assert!(refused(&missing).contains("field \"start\" is missing"));
    let deep = "[".repeat(100_000);
    assert!(refused(&deep).starts_with("The file is not valid JSON"));
    // Closed nesting far below serde_json's depth limit of 128: an export's annotations
    // are skipped on the first pass, which has no such limit, and read one at a time.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(refused(&nested).starts_with("The file is not valid JSON (recursion limit exceeded at line 1"));
    let first_annotation = good.find("{\n          \"id\": \"n2\"").expect("the first annotation");
    let in_annotation = format!("{}{nested},{}", &good[..first_annotation], &good[first_annotation..]);
    assert_eq!(refused(&in_annotation), "Annotation 1 of “Kerman” cannot be read (recursion limit exceeded).");
    let in_articles = good.replacen("\"articles\": [", &format!("\"articles\": [{nested},"), 1);
    assert_eq!(refused(&in_articles), "Article 1 is not a JSON object.");
}

#[test]
fn w3c_files_import_by_position_or_by_quote_with_context() {
    let source = library_with_sample();
    let file = w3c::export(&source.articles[0]);
    let mut empty_article = source.clone();
    empty_article.articles[0].annotations.clear();
    let imported = import(&file, &empty_article, None).unwrap();
    assert_eq!(imported.annotations_added, 2);
    let claim = imported.library.articles[0].annotations.iter().find(|a| a.id == "n2").unwrap();
    assert_eq!((claim.kind, claim.start, claim.end), (AnnotationKind::Claim, CharOffset(46), CharOffset(62)));
    assert_eq!(claim.note, "Count rose later.");

    // Another tool's annotation with only a quote, whose word occurs twice: the context decides.
    let mut twice = empty_article.clone();
    twice.articles[0].text = "people said. A U.S. official said people".into();
    let other_tool = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.is/abc", "type": "Annotation",
        "body": {"type": "TextualBody", "value": "check this"},
        "target": {"source": "https://example.org/story", "selector": {"type": "TextQuoteSelector", "exact": "people", "prefix": "official said "}}}"#;
    let imported = import(other_tool, &twice, None).unwrap();
    let a = &imported.library.articles[0].annotations[0];
    assert_eq!(
        (a.id.as_str(), a.start, a.end, a.note.as_str()),
        ("https://hyp.is/abc", CharOffset(34), CharOffset(40), "check this")
    );

    let missing_quote = other_tool.replace("\"exact\": \"people\"", "\"exact\": \"nobody\"");
    assert!(
        import(&missing_quote, &twice, None).unwrap_err().0.starts_with("None of its 1 annotations could be placed")
    );
}

/// The sample library with its article's text changed to `text`, and no annotations.
fn library_with_text(text: &str) -> Library {
    let mut library = library_with_sample();
    library.articles[0].text = text.into();
    library.articles[0].annotations.clear();
    library
}

#[test]
fn annotations_of_a_changed_text_are_placed_again_or_kept_as_orphans() {
    let file = export(
        &library_with_sample().articles,
        &Library::default().ratings,
        &Library::default().off_scale,
        &provenance(),
    );
    // A sentence added before, the count corrected inside the claim: both placed.
    let corrected = library_with_text("Updated. A U.S. official said Thursday that the blasts killed 96 people. 😀");
    let imported = import(&file, &corrected, None).unwrap();
    assert_eq!((imported.annotations_added, imported.reanchored, imported.orphaned), (2, 2, 0));
    let article = &imported.library.articles[0];
    let quotes: Vec<String> = article.annotations.iter().map(|a| article.quote(a.span())).collect();
    assert_eq!(quotes, ["killed 96 people", "A U.S. official said"]);

    // The claim rewritten: it waits as an orphan, with its quote and note.
    let rewritten = library_with_text("Updated. A U.S. official said Thursday that the blasts left dozens dead. 😀");
    let imported = import(&file, &rewritten, None).unwrap();
    assert_eq!((imported.annotations_added, imported.reanchored, imported.orphaned), (1, 1, 1));
    let article = &imported.library.articles[0];
    assert_eq!(article.quote(article.annotations[0].span()), "A U.S. official said");
    let orphan = &article.orphans[0];
    assert_eq!((orphan.annotation.id.as_str(), orphan.exact.as_str()), ("n2", "killed 95 people"));
    assert_eq!(orphan.annotation.note, "Count rose later.");

    // A colleague's copy of the article (another id, the same URL) merges into this one.
    let mut colleague =
        library_with_text("Updated. A U.S. official said Thursday that the blasts killed 96 people. 😀");
    colleague.articles[0].id = "their-copy".into();
    let merged = import(&file, &colleague, None).unwrap();
    assert_eq!((merged.articles_added, merged.reanchored), (0, 2));
    assert_eq!(merged.library.articles.len(), 1);
    // With two articles of that URL already, neither is the copy: it is added as it is.
    let mut two = colleague.clone();
    let other = Article { id: "their-other".into(), ..colleague.articles[0].clone() };
    two.articles.push(other);
    assert_eq!(import(&file, &two, None).unwrap().articles_added, 1);

    // Exported with its orphan and imported elsewhere, nothing is lost; twice adds nothing.
    let again =
        export(&imported.library.articles, &Library::default().ratings, &Library::default().off_scale, &provenance());
    let elsewhere = import(&again, &Library::default(), None).unwrap();
    assert_eq!(elsewhere.library.articles[0].orphans, article.orphans);
    let twice = import(&again, &elsewhere.library, None).unwrap();
    assert_eq!((twice.annotations_added, twice.orphaned, twice.already_there), (0, 0, 2));
}

/// Our export carries the text its annotations were made on, so they move through the diff: a
/// pull quote that kept the old wording does not take the annotation of the corrected body.
#[test]
fn an_annotation_follows_its_corrected_sentence_not_a_stale_pull_quote_of_it() {
    let sentence = "A U.S. official said Thursday that the blasts killed 95 people.";
    let old = format!("Intro about the city.\n\n{sentence} Rescue teams searched the rubble overnight.\n\nThe end.");
    let mut article = Article::new("a1".into(), "Kerman".into(), old.as_str().into(), "t".into());
    article.source_url = "https://example.org/story".into();
    let quote_at = |text: &str, quote: &str, nth: usize| {
        let byte = text.match_indices(quote).nth(nth).unwrap().0;
        text[..byte].chars().count()
    };
    let claim = quote_at(&old, "killed 95 people", 0);
    article.annotations.push(Annotation {
        id: "n1".into(),
        kind: AnnotationKind::Claim,
        start: CharOffset(claim),
        end: CharOffset(claim + 16),
        note: String::new(),
        created: "t".into(),
        modified: "t".into(),
        author: String::new(),
        edited_by: String::new(),
    });
    let file = export([&article], &Library::default().ratings, &Library::default().off_scale, &provenance());
    let new = old
        .replace("Intro about the city.\n\n", &format!("Intro about the city.\n\n“{sentence}”\n\n"))
        .replace("killed 95 people. Rescue", "killed 96 people. Rescue");
    let mut library = Library::default();
    library.add(Article { text: new.as_str().into(), annotations: Vec::new(), ..article });
    let imported = import(&file, &library, None).unwrap();
    assert_eq!((imported.annotations_added, imported.reanchored, imported.orphaned), (1, 1, 0));
    let placed = &imported.library.articles[0].annotations[0];
    assert_eq!(placed.start.0, quote_at(&new, "killed 96 people", 0));
}

#[test]
fn an_article_with_many_annotations_to_place_again_is_merged_in_steps_as_it_would_be_whole() {
    // 700 annotations (claims and their sources, linked and judged), one orphan, on a text in
    // which a sentence is added at the top and one word of every tenth paragraph changed.
    let paragraphs: Vec<String> = (0..350)
        .map(|i| format!("Paragraph {i}: a minister said that the bridge cost {} million. 😀 مرحبا", i * 7 + 3))
        .collect();
    let mut theirs = library_with_sample().articles[0].clone();
    theirs.text = paragraphs.join("\n\n").into();
    theirs.annotations.clear();
    let mut at = 0;
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let chars = paragraph.chars().count();
        let start = at + format!("Paragraph {i}: ").chars().count();
        let annotation = |id: String, kind, start, end| Annotation {
            id,
            kind,
            start: CharOffset(start),
            end: CharOffset(end),
            note: format!("note {i}"),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            edited_by: String::new(),
        };
        theirs.annotations.push(annotation(format!("c{i}"), AnnotationKind::Claim, start + 2, at + chars - 10));
        theirs.annotations.push(annotation(format!("s{i}"), AnnotationKind::Source, start, start + 10));
        theirs.links.push(Link::new(format!("c{i}"), format!("s{i}")));
        theirs.verdicts.push(Verdict { claim: format!("c{i}"), rating: "False".into(), ..Verdict::default() });
        at += chars + 2;
    }
    let orphan = Annotation { id: "o1".into(), ..theirs.annotations[0].clone() };
    theirs.orphans.push(Orphan::new(orphan, "gone".into(), String::new(), String::new()));
    let file = export([&theirs], &Library::default().ratings, &Library::default().off_scale, &provenance());
    let edited: Vec<String> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 10 == 0 { p.replace("minister", "ministre") } else { p.clone() })
        .collect();
    let mine = library_with_text(&format!("Update: corrected.\n\n{}", edited.join("\n\n")));

    let mut steps = Import::start(&file, &mine, None).unwrap();
    let mut taken = 1;
    while steps.step().unwrap() {
        taken += 1;
    }
    assert!(taken > 699 / REANCHORED_A_STEP, "{taken} steps");
    let in_steps = steps.finish().unwrap();

    let mut whole = Merge { library: mine.clone(), ..Merge::default() };
    whole
        .article(
            read_export_article(
                &json::read_to_depth(&file, ANNOTATION_DEPTH).unwrap().get("articles").unwrap().as_array().unwrap()[0],
                0,
            )
            .unwrap(),
        )
        .unwrap();
    let article = &in_steps.library.articles[0];
    assert_eq!(article, &whole.library.articles[0]);
    assert_eq!(
        (in_steps.annotations_added, in_steps.reanchored, in_steps.orphaned, in_steps.already_there),
        (whole.annotations_added, whole.reanchored, whole.orphaned, whole.already_there)
    );
    // Placed again, linked and judged, and what could not be placed kept as an orphan.
    assert!(in_steps.reanchored > 600, "{}", in_steps.reanchored);
    assert_eq!(article.links.len(), article.verdicts.len());
    assert!(article.links.len() > 300 && article.orphans.iter().any(|o| o.exact == "gone"));
    assert_eq!(article.quote(article.annotations.iter().find(|a| a.id == "s5").unwrap().span()), "a minister");
}

#[test]
fn an_article_with_versions_comes_back_with_them_and_its_orphans_links_and_verdicts() {
    let text = "A U.S. official said the dam held.\n\nThe minister said it broke.";
    let mut library = Library::default();
    let mut article = crate::model::library::testing::marked(
        text,
        &[
            ("s", AnnotationKind::AnonymousAttribution, "A U.S. official"),
            ("c", AnnotationKind::Claim, "The minister said it broke"),
        ],
    );
    (article.id, article.title, article.added) = ("v1".into(), "Dam".into(), "2026-12-01T10:00:00Z".into());
    article.links.push(Link::new("c", "s"));
    article.verdicts.push(Verdict { claim: "c".into(), rating: "False".into(), ..Verdict::default() });
    library.add(article);
    library
        .add_version("v1", "Dam holds", "A U.S. official said the dam held.".into(), "2026-12-02T08:00:00Z")
        .unwrap();
    let file = export(&library.articles, &library.ratings, &library.off_scale, &provenance());
    let json: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(json["articles"][0]["text_version"], 2);
    assert_eq!(json["articles"][0]["annotations"][0]["text_version"], 2);
    assert_eq!(json["articles"][0]["versions"][0]["text"], text);
    let back = import(&file, &Library::default(), None).unwrap().library;
    let (ours, theirs) = (&library.articles[0], &back.articles[0]);
    assert_eq!((&theirs.versions, &theirs.captured, &theirs.orphans), (&ours.versions, &ours.captured, &ours.orphans));
    assert_eq!(theirs.orphans[0].verdict.as_ref().map(|v| v.rating.as_str()), Some("False"));
    assert_eq!(theirs.orphans[0].links, [Link::new("c", "s")]);
}
