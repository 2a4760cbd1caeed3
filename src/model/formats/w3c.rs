//! W3C Web Annotation export: an `AnnotationCollection` (JSON-LD) per article in which every
//! annotation targets the article with a `TextQuoteSelector` and a `TextPositionSelector`, its
//! kind is a `TextualBody` with purpose `tagging` and its note one with purpose `commenting`.
//! A claim's verdict adds `assessing` bodies (its rating and status, its reasoning) and its
//! evidence `SpecificResource` bodies with purpose `linking`; each link from a claim to a source
//! is an annotation of its own with motivation `linking`, whose body is the source annotation
//! and whose target the claim annotation.

use serde_json::{Value, json};

use super::{QuoteContext, quotes_with_context};
use crate::model::library::{Annotation, Article, Link};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The IRI of an article: its source URL if known, else a URN naming it.
pub fn article_iri(article: &Article) -> String {
    if article.source_url.is_empty() {
        format!("urn:article-annotator:article:{}", article.id)
    } else {
        article.source_url.clone()
    }
}

/// The annotated article: its IRI, and, when its page stated them, its language and its author
/// (`creator`). Its publication and update days are not given as `created` and `modified`: the
/// model requires a date-time there, and a page's day is not one.
fn target_source(article: &Article) -> Value {
    let iri = article_iri(article);
    if article.byline.is_empty() && article.language.is_empty() {
        return json!(iri);
    }
    let mut source = json!({ "id": iri, "type": "Text" });
    if !article.language.is_empty() {
        source["language"] = json!(article.language);
    }
    if !article.byline.is_empty() {
        source["creator"] = json!({ "type": "Person", "name": article.byline });
    }
    source
}

/// What our annotation ids are prefixed with to make IRIs.
pub const ANNOTATION_PREFIX: &str = "urn:article-annotator:annotation:";

/// The IRI of an annotation.
pub fn annotation_iri(annotation: &Annotation) -> String {
    format!("{ANNOTATION_PREFIX}{}", annotation.id)
}

/// The IRI of a link from a claim to a source.
fn link_iri(link: &Link) -> String {
    format!("urn:article-annotator:link:{}:{}", link.claim, link.source)
}

fn annotation(article: &Article, a: &Annotation, quote: QuoteContext) -> Value {
    let mut body = vec![json!({ "type": "TextualBody", "purpose": "tagging", "value": a.kind.label() })];
    if !a.note.is_empty() {
        body.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain" }));
    }
    if let Some(verdict) = article.verdicts.iter().find(|v| v.claim == a.id) {
        let rating = if verdict.rating.is_empty() { "Not rated" } else { &verdict.rating };
        let assessment = format!("{rating} ({})", verdict.status.label());
        let mut assessing =
            json!({ "type": "TextualBody", "purpose": "assessing", "value": assessment, "format": "text/plain" });
        // The verdict is its reviewer's, who need not be the annotation's creator.
        if !verdict.reviewer.is_empty() {
            assessing["creator"] = person(&verdict.reviewer);
        }
        if !verdict.modified.is_empty() {
            assessing["modified"] = json!(verdict.modified);
        }
        body.push(assessing);
        if !verdict.reasoning.is_empty() {
            body.push(json!({ "type": "TextualBody", "purpose": "assessing", "value": verdict.reasoning, "format": "text/plain" }));
        }
        for evidence in &verdict.evidence {
            let mut resource = json!({ "type": "SpecificResource", "purpose": "linking", "source": evidence.url });
            if !evidence.label.is_empty() {
                resource["label"] = json!(evidence.label);
            }
            body.push(resource);
        }
    }
    let mut out = json!({
        "@context": CONTEXT,
        "id": annotation_iri(a),
        "type": "Annotation",
        "motivation": "tagging",
        "body": body,
        "target": {
            "source": target_source(article),
            "selector": [
                { "type": "TextQuoteSelector", "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix },
                { "type": "TextPositionSelector", "start": a.start.0, "end": a.end.0 },
            ],
            // The version of the article the selectors are of: the page as it was captured then.
            "state": { "type": "TimeState", "sourceDate": article.captured() },
        },
    });
    for (field, value) in [("created", &a.created), ("modified", &a.modified)] {
        if !value.is_empty() {
            out[field] = json!(value);
        }
    }
    if !a.author.is_empty() {
        out["creator"] = person(&a.author);
    }
    out
}

/// A desk user as a W3C agent: the name is all a desk knows of them.
fn person(name: &str) -> Value {
    json!({ "type": "Person", "nickname": name })
}

/// An article's annotations as a W3C `AnnotationCollection`, in text order, pretty-printed.
pub fn export(article: &Article) -> String {
    let ordered = article.annotations_in_text_order();
    let quotes = quotes_with_context(article, ordered.iter().copied());
    let mut items: Vec<Value> = ordered.iter().zip(quotes).map(|(a, quote)| annotation(article, a, quote)).collect();
    items.extend(article.links.iter().map(|link| {
        let mut out = json!({
            "@context": CONTEXT,
            "id": link_iri(link),
            "type": "Annotation",
            "motivation": "linking",
            "body": format!("{ANNOTATION_PREFIX}{}", link.source),
            "target": format!("{ANNOTATION_PREFIX}{}", link.claim),
        });
        if !link.author.is_empty() {
            out["creator"] = person(&link.author);
        }
        if !link.created.is_empty() {
            out["created"] = json!(link.created);
        }
        out
    }));
    let collection = format!("urn:article-annotator:collection:{}", article.id);
    let document = json!({
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": article.title,
        "total": items.len(),
        "first": {
            "id": format!("{collection}:page:1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&document).expect("JSON values always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_users_are_creators_and_come_back_as_authors() {
        use crate::model::library::AnnotationKind::{Claim, Source};
        let mut article = crate::model::library::testing::marked(
            "Rates rose. A clerk said so.",
            &[("n1", Claim, "Rates rose."), ("n2", Source, "A clerk")],
        );
        article.id = "a1".into();
        article.annotations[0].author = "alice".into();
        article.annotations[0].edited_by = "bob".into();
        article.links = vec![Link { author: "bob".into(), created: "t2".into(), ..Link::new("n1", "n2") }];
        article.verdicts = vec![crate::model::library::Verdict {
            claim: "n1".into(),
            rating: "True".into(),
            reviewer: "carol".into(),
            modified: "t3".into(),
            ..Default::default()
        }];
        let exported: Value = serde_json::from_str(&export(&article)).unwrap();
        let items = exported["first"]["items"].as_array().unwrap();
        assert_eq!(items[0]["creator"], json!({ "type": "Person", "nickname": "alice" }));
        assert!(items[1].get("creator").is_none(), "made outside a desk: no creator");
        let assessing = items[0]["body"].as_array().unwrap().iter().find(|b| b["purpose"] == "assessing").unwrap();
        assert_eq!((&assessing["creator"]["nickname"], &assessing["modified"]), (&json!("carol"), &json!("t3")));
        assert_eq!((&items[2]["creator"]["nickname"], &items[2]["created"]), (&json!("bob"), &json!("t2")));

        let imported = import_into_the_bare_article(&article);
        let back = &imported.library.articles[0].annotations;
        assert_eq!(back.iter().map(|a| a.author.as_str()).collect::<Vec<_>>(), ["alice", ""]);
    }

    #[test]
    fn every_annotation_has_both_selectors_and_its_bodies() {
        let article = super::super::export::tests::sample_article();
        let json: Value = serde_json::from_str(&export(&article)).unwrap();
        assert_eq!(json["type"], "AnnotationCollection");
        assert_eq!(json["total"], 2);
        let items = json["first"]["items"].as_array().unwrap();
        let first = &items[0];
        assert_eq!(first["@context"], CONTEXT);
        assert_eq!(first["id"], "urn:article-annotator:annotation:n1");
        assert_eq!(first["target"]["source"], "https://example.org/story");
        assert_eq!(first["target"]["selector"][0]["exact"], "A U.S. official said");
        assert_eq!(first["target"]["selector"][1]["start"], 0);
        assert_eq!(first["body"].as_array().unwrap().len(), 1, "no note, no commenting body");
        assert_eq!(first["body"][0]["value"], "Anonymous attribution");
        let second = &items[1];
        assert_eq!(second["body"][1]["purpose"], "commenting");
        assert_eq!(second["body"][1]["value"], "Count rose later.");
        assert_eq!(second["created"], "2026-11-25T10:01:00.000Z");
    }

    /// The article's W3C export imported into a library that holds the article unmarked.
    fn import_into_the_bare_article(article: &Article) -> super::super::import::Imported {
        let mut library = crate::model::library::Library::default();
        let mut bare = article.clone();
        bare.annotations.clear();
        bare.links.clear();
        bare.verdicts.clear();
        library.add(bare);
        super::super::import::import(&export(article), &library, Some("a1")).unwrap()
    }

    #[test]
    fn links_are_linking_annotations_and_verdicts_assessing_bodies_and_they_import_back() {
        let article = super::super::export::tests::judged_sample_article();
        let json: Value = serde_json::from_str(&export(&article)).unwrap();
        assert_eq!(json["total"], 3);
        let items = json["first"]["items"].as_array().unwrap();
        let claim = items.iter().find(|i| i["id"] == "urn:article-annotator:annotation:n2").unwrap();
        let purposes: Vec<&str> =
            claim["body"].as_array().unwrap().iter().filter_map(|b| b["purpose"].as_str()).collect();
        assert_eq!(purposes, ["tagging", "commenting", "assessing", "assessing", "linking"]);
        assert_eq!(claim["body"][2]["value"], "False (Checked)");
        assert_eq!(claim["body"][4]["source"], "https://example.org/count");
        let link = &items[2];
        assert_eq!(link["motivation"], "linking");
        assert_eq!(link["body"], "urn:article-annotator:annotation:n1");
        assert_eq!(link["target"], "urn:article-annotator:annotation:n2");

        let imported = import_into_the_bare_article(&article);
        assert_eq!(imported.library.articles[0].links, article.links);
    }

    #[test]
    fn the_target_source_carries_what_the_page_stated_and_imports_back() {
        let mut article = super::super::export::tests::judged_sample_article();
        article.byline = "Jane Roe".into();
        article.language = "en".into();
        article.published = "2024-01-04".into();
        article.modified = "2024-01-05".into();
        let json: Value = serde_json::from_str(&export(&article)).unwrap();
        let source = &json["first"]["items"][0]["target"]["source"];
        assert_eq!(source["id"], "https://example.org/story");
        assert_eq!(source["type"], "Text");
        assert_eq!(source["language"], "en");
        assert_eq!(source["creator"], json!({ "type": "Person", "name": "Jane Roe" }));
        assert!(source.get("created").is_none() && source.get("modified").is_none(), "a day is not a date-time");

        let imported = import_into_the_bare_article(&article);
        assert_eq!(imported.library.articles[0].annotations.len(), article.annotations.len());
    }
}
