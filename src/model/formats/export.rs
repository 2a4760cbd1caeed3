//! Our JSON export: one article or the whole library, with every field, the quote of every
//! annotation with its context, and a SHA-256 of each text. Documented in `docs/FORMAT.md`,
//! with a JSON Schema in `docs/export.schema.json`.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{QuoteContext, quotes_with_context};
use crate::model::library::{
    Annotation, AnnotationKind, Article, CheckStatus, EarlierVersion, Evidence, Orphan, Session,
};
use crate::model::offsets::CharOffset;

/// The `format` field of our exports.
pub const FORMAT: &str = "article-annotator/export";
/// The version [`export`] writes.
/// Version 2 adds each article's `orphans`; version 3 the rating scale, each article's session,
/// and each claim's sources and verdict; version 4 marks annotations the assistant suggested;
/// version 5 lists the ratings off the truth scale; version 6 each article's `text_version` (the
/// number of the version its text is), when it was `captured` and its earlier `versions`, and
/// each annotation's `text_version`.
pub const VERSION: u64 = 6;

/// Who wrote an export, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// When the export was made, ISO 8601.
    pub exported: String,
    /// The app's version (the crate's).
    pub app_version: String,
}

#[derive(Serialize)]
struct ExportFile<'a> {
    format: &'static str,
    version: u64,
    exported: &'a str,
    app: App<'a>,
    /// The ratings a verdict can give, best first.
    ratings: &'a [String],
    /// Those of `ratings` that are off the truth scale.
    off_scale: &'a [String],
    articles: Vec<ExportArticle<'a>>,
}

#[derive(Serialize)]
struct App<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct ExportArticle<'a> {
    id: &'a str,
    title: &'a str,
    source_url: &'a str,
    published: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    modified: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    byline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    site_name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    language: &'a str,
    added: &'a str,
    /// The number of the version `text` is (1 for the text it was added with).
    text_version: usize,
    /// When `text` was captured.
    captured: &'a str,
    text: &'a str,
    text_sha256: String,
    /// Its earlier versions, oldest first.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    versions: &'a [EarlierVersion],
    annotations: Vec<ExportAnnotation<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    orphans: &'a [Orphan],
    session: &'a Session,
}

#[derive(Serialize)]
struct ExportAnnotation<'a> {
    id: &'a str,
    /// The version of the article's text its offsets and quote are of.
    text_version: usize,
    kind: AnnotationKind,
    start: CharOffset,
    end: CharOffset,
    quote: Quote,
    note: &'a str,
    created: &'a str,
    modified: &'a str,
    /// Who made it and who changed it last, on a desk (absent outside one).
    #[serde(skip_serializing_if = "str::is_empty")]
    author: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    edited_by: &'a str,
    /// For claims: the ids of the sources and anonymous attributions they rest on.
    #[serde(skip_serializing_if = "Option::is_none")]
    sources: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<ExportVerdict<'a>>,
    /// Suggested by the attribution assistant (absent otherwise).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suggested: bool,
}

#[derive(Serialize)]
struct ExportVerdict<'a> {
    rating: &'a str,
    status: CheckStatus,
    evidence: &'a [Evidence],
    reasoning: &'a str,
    /// Who gave or last changed it on a desk, and when (absent when not recorded).
    #[serde(skip_serializing_if = "str::is_empty")]
    reviewer: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    modified: &'a str,
}

#[derive(Serialize)]
struct Quote {
    exact: String,
    prefix: String,
    suffix: String,
}

/// The hex SHA-256 of a text's UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Exports articles (one, or the whole library) as pretty-printed JSON, with the library's
/// rating scale (`ratings`, best first) and the ratings of it that are off the truth scale.
pub fn export<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    ratings: &[String],
    off_scale: &[String],
    provenance: &Provenance,
) -> String {
    let mut out = Vec::new();
    export_to(articles, ratings, off_scale, provenance, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`export`], written piece by piece to `out`: an export of a long library (megabytes, with
/// its quotes spelled out) need never be whole in memory.
pub fn export_to<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    ratings: &[String],
    off_scale: &[String],
    provenance: &Provenance,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let articles = articles
        .into_iter()
        .map(|article| {
            // In the order they were made, so that an import gives back the very same list.
            let ordered: Vec<&Annotation> = article.annotations.iter().collect();
            let quotes = quotes_with_context(article, ordered.iter().copied());
            ExportArticle {
                id: &article.id,
                title: &article.title,
                source_url: &article.source_url,
                published: &article.published,
                modified: &article.modified,
                byline: &article.byline,
                site_name: &article.site_name,
                language: &article.language,
                added: &article.added,
                text_version: article.version_number(),
                captured: article.captured(),
                text: &article.text,
                text_sha256: sha256_hex(&article.text),
                versions: &article.versions,
                annotations: ordered
                    .into_iter()
                    .zip(quotes)
                    .map(|(a, QuoteContext { exact, prefix, suffix })| ExportAnnotation {
                        id: &a.id,
                        text_version: article.version_number(),
                        kind: a.kind,
                        start: a.start,
                        end: a.end,
                        quote: Quote { exact, prefix, suffix },
                        note: &a.note,
                        created: &a.created,
                        modified: &a.modified,
                        author: &a.author,
                        edited_by: &a.edited_by,
                        sources: (a.kind == AnnotationKind::Claim).then(|| {
                            article.links.iter().filter(|l| l.claim == a.id).map(|l| l.source.as_str()).collect()
                        }),
                        verdict: article.verdicts.iter().find(|v| v.claim == a.id).map(|v| ExportVerdict {
                            rating: &v.rating,
                            status: v.status,
                            evidence: &v.evidence,
                            reasoning: &v.reasoning,
                            reviewer: &v.reviewer,
                            modified: &v.modified,
                        }),
                        suggested: article.suggested.contains(&a.id),
                    })
                    .collect(),
                orphans: &article.orphans,
                session: &article.session,
            }
        })
        .collect();
    let file = ExportFile {
        format: FORMAT,
        version: VERSION,
        exported: &provenance.exported,
        app: App { name: "Article Annotator", version: &provenance.app_version },
        ratings,
        off_scale,
        articles,
    };
    serde_json::to_writer_pretty(out, &file).map_err(std::io::Error::from)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The sample article with its claim "n2" linked to "n1" and judged False, with evidence.
    pub(crate) fn judged_sample_article() -> Article {
        use crate::model::library::{CheckStatus, Evidence, Link, Verdict};
        let mut article = sample_article();
        article.links = vec![Link::new("n2", "n1")];
        article.verdicts = vec![Verdict {
            claim: "n2".into(),
            rating: "False".into(),
            status: CheckStatus::Checked,
            evidence: vec![Evidence { url: "https://example.org/count".into(), label: "Hospital [count]".into() }],
            reasoning: "Rose to 103.".into(),
            modified: String::new(),
            reviewer: String::new(),
        }];
        article
    }

    pub(crate) fn sample_article() -> Article {
        let mut article = Article::new(
            "a1".into(),
            "Kerman".into(),
            "A U.S. official said Thursday that the blasts killed 95 people. 😀".into(),
            "2026-11-25T10:00:00.000Z".into(),
        );
        article.source_url = "https://example.org/story".into();
        article.annotations = vec![
            Annotation {
                id: "n2".into(),
                kind: AnnotationKind::Claim,
                start: CharOffset(46),
                end: CharOffset(62),
                note: "Count rose later.".into(),
                created: "2026-11-25T10:01:00.000Z".into(),
                modified: "2026-11-25T10:02:00.000Z".into(),
                author: String::new(),
                edited_by: String::new(),
            },
            Annotation {
                id: "n1".into(),
                kind: AnnotationKind::AnonymousAttribution,
                start: CharOffset(0),
                end: CharOffset(20),
                note: String::new(),
                created: "2026-11-25T10:00:30.000Z".into(),
                modified: "2026-11-25T10:00:30.000Z".into(),
                author: String::new(),
                edited_by: String::new(),
            },
        ];
        article
    }

    #[test]
    fn sha256_matches_a_known_digest() {
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn an_export_holds_every_field_in_the_order_made() {
        let provenance = Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0.1.0".into() };
        let library = crate::model::library::Library::default();
        let json: serde_json::Value =
            serde_json::from_str(&export([&sample_article()], &library.ratings, &library.off_scale, &provenance))
                .unwrap();
        assert_eq!(json["format"], FORMAT);
        assert_eq!(json["version"], 6);
        assert_eq!(json["ratings"][5], "Unverifiable");
        assert_eq!(json["off_scale"], serde_json::json!(["Unverifiable"]));
        assert_eq!(json["app"]["version"], "0.1.0");
        let article = &json["articles"][0];
        assert_eq!(article["text_sha256"], sha256_hex(&sample_article().text));
        let first = &article["annotations"][1];
        assert_eq!(first["id"], "n1");
        assert_eq!(first["kind"], "anonymous_attribution");
        assert_eq!(first["quote"]["exact"], "A U.S. official said");
        assert_eq!(first["quote"]["prefix"], "");
        assert_eq!(first["quote"]["suffix"], " Thursday that the blasts killed");
        let second = &article["annotations"][0];
        assert_eq!((second["start"].as_u64(), second["end"].as_u64()), (Some(46), Some(62)));
        assert_eq!(second["quote"]["exact"], "killed 95 people");
        assert_eq!(second["note"], "Count rose later.");
    }
}
