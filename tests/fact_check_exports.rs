//! Every export of a fact-checking session, on one article with a claim resting on several
//! sources, one resting on none, and one whose only source was deleted (with the undoable
//! deletion the app makes).

use article_annotator::model::formats::export::{Provenance, export};
use article_annotator::model::formats::{claimreview, csv, import::import, report, w3c};
use article_annotator::model::history::Change;
use article_annotator::model::library::{
    Annotation, AnnotationKind, Article, CheckStatus, Evidence, Library, Link, Session, Verdict,
};
use article_annotator::model::offsets::CharOffset;
use serde_json::Value;

const TEXT: &str = "The blasts killed 95 people, a U.S. official said. The Wall Street Journal reported the \
    warning first. Iran was warned, a diplomat said. Talks failed.";

/// "several": two sources; "none": no source; "orphaned": its only source, "diplomat", deleted.
fn library() -> Library {
    let mut article = Article::new("a".into(), "Kerman".into(), TEXT.into(), "t".into());
    article.source_url = "https://example.org/story".into();
    article.leftovers_reviewed = true;
    article.session = Session { checker: "Ana".into(), organization: "Desk".into(), ..Session::default() };
    let mut mark = |id: &str, kind, quote: &str| {
        let byte = TEXT.find(quote).unwrap();
        let start = TEXT[..byte].chars().count();
        article.annotations.push(Annotation {
            id: id.into(),
            kind,
            start: CharOffset(start),
            end: CharOffset(start + quote.chars().count()),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            edited_by: String::new(),
        });
    };
    use AnnotationKind::*;
    mark("several", Claim, "The blasts killed 95 people");
    mark("official", AnonymousAttribution, "a U.S. official said");
    mark("wsj", Source, "The Wall Street Journal reported");
    mark("orphaned", Claim, "Iran was warned");
    mark("diplomat", AnonymousAttribution, "a diplomat said");
    mark("none", Claim, "Talks failed");
    let link = |claim: &str, source: &str| Link::new(claim, source);
    article.links = vec![link("several", "official"), link("several", "wsj"), link("orphaned", "diplomat")];
    let checked = |claim: &str| Verdict {
        claim: claim.into(),
        rating: "False".into(),
        status: CheckStatus::Checked,
        evidence: vec![Evidence { url: "https://example.org/e".into(), label: "E".into() }],
        reasoning: "Because.".into(),
        modified: String::new(),
        reviewer: String::new(),
    };
    article.verdicts = vec![checked("several"), checked("orphaned"), checked("none")];
    let mut library = Library::default();
    library.add(article);
    let removal = Change::removal(library.get("a").unwrap(), "diplomat").unwrap();
    library.apply("a", &removal).unwrap();
    library
}

#[test]
fn our_json_lists_each_claims_sources_and_imports_back_whole() {
    let library = library();
    let provenance = Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0".into() };
    let file = export(&library.articles, &library.ratings, &library.off_scale, &provenance);
    let json: Value = serde_json::from_str(&file).unwrap();
    let sources = |id: &str| {
        let annotations = json["articles"][0]["annotations"].as_array().unwrap();
        annotations.iter().find(|a| a["id"] == id).unwrap()["sources"].clone()
    };
    assert_eq!(sources("several"), serde_json::json!(["official", "wsj"]));
    assert_eq!(sources("none"), serde_json::json!([]));
    assert_eq!(sources("orphaned"), serde_json::json!([]));
    assert_eq!(sources("wsj"), Value::Null, "only claims have sources");
    let imported = import(&file, &Library::default(), None).unwrap();
    assert_eq!(imported.library.articles, library.articles);
}

#[test]
fn w3c_has_one_linking_annotation_per_remaining_link() {
    let json: Value = serde_json::from_str(&w3c::export(&library().articles[0])).unwrap();
    let links: Vec<(&str, &str)> = json["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["motivation"] == "linking")
        .map(|i| (i["target"].as_str().unwrap(), i["body"].as_str().unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            ("urn:article-annotator:annotation:several", "urn:article-annotator:annotation:official"),
            ("urn:article-annotator:annotation:several", "urn:article-annotator:annotation:wsj"),
        ]
    );
}

#[test]
fn claimreview_names_the_named_source_and_no_author_without_one() {
    let library = library();
    let reviews: Vec<Value> = serde_json::from_str(&claimreview::export(
        &library.articles[0],
        &library.ratings,
        &library.off_scale,
        "2026-11-25",
    ))
    .unwrap();
    let author = |claim: &str| {
        let review = reviews.iter().find(|r| r["claimReviewed"] == claim).unwrap();
        review["itemReviewed"].get("author").cloned()
    };
    assert_eq!(author("The blasts killed 95 people").unwrap()["name"], "The Wall Street Journal");
    assert_eq!(author("Iran was warned"), None, "its source was deleted");
    assert_eq!(author("Talks failed"), None);
}

#[test]
fn the_report_and_csv_say_what_each_claim_rests_on() {
    let library = library();
    let article = &library.articles[0];
    let markdown = report::export(article, &library.ratings, "2026-11-25");
    assert!(markdown.contains(
        "- Rests on: Anonymous attribution “a U.S. official said”; Source “The Wall Street Journal reported”\n"
    ));
    assert_eq!(markdown.matches("- Rests on: nothing in the text\n").count(), 2);
    assert!(markdown.contains("- Claims with no source: 2\n"));
    // The CSV names a claim's sources by kind and quote, one per line of the cell.
    let table = csv::export([article]);
    assert!(table.contains(
        ",The blasts killed 95 people,,,,\"Anonymous attribution: “a U.S. official said”\nSource: “The Wall Street \
         Journal reported”\",False,Checked,E <https://example.org/e>,Because.\r\n"
    ));
    assert!(table.contains(",Iran was warned,,,,,False,Checked,E <https://example.org/e>,Because.\r\n"));
    assert!(table.contains(",Talks failed,,,,,False,Checked,E <https://example.org/e>,Because.\r\n"));
    assert!(table.contains(",The Wall Street Journal reported,,,,,,,,\r\n"), "a source has none of a claim's columns");
}
