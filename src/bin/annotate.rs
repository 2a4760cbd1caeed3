//! `annotate suggest FILE` (or `-` for standard input): reads an article (plain text, or an HTML
//! page, whose article is extracted first) and prints the attribution assistant's suggestions as
//! JSON in Article Annotator's export format (one article, each suggestion an annotation with
//! its kind and its start and end in Unicode code points). For batches of articles, and to
//! measure the assistant.
//!
//! `annotate extract FILE` (or `-`): reads an HTML page and prints its article as one JSON
//! object: `title`, `text`, `byline`, `site_name`, `published`, `modified`, `url`, `language`
//! (null when unknown) and `removed`, the parts of the page left out.

use std::io::Read;
use std::process::ExitCode;

use article_annotator::model::attribution::{SourceKind, suggest};
use article_annotator::model::extract::extract;
use article_annotator::model::formats::export::{Provenance, export, sha256_hex};
use article_annotator::model::library::{Annotation, AnnotationKind, Article, DEFAULT_RATINGS, default_off_scale};
use article_annotator::model::source::{SourceFormat, read};

const USAGE: &str = "usage: annotate suggest FILE | annotate extract FILE   (FILE may be - for standard input)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, path] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command != "suggest" && command != "extract" {
        eprintln!("unknown command “{command}”\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut raw = Vec::new();
    let read_result = if path == "-" {
        std::io::stdin().read_to_end(&mut raw).map(|_| ())
    } else {
        std::fs::read(path).map(|bytes| raw = bytes)
    };
    if let Err(e) = read_result {
        eprintln!("annotate: cannot read {path}: {e}");
        return ExitCode::FAILURE;
    }
    let raw = String::from_utf8_lossy(&raw);
    if command == "extract" {
        println!("{}", extraction_json(&raw));
        return ExitCode::SUCCESS;
    }
    // A page is read as HTML by its name, or, from standard input, by how it starts.
    let format = SourceFormat::from_file_name(path).unwrap_or(if raw.trim_start().starts_with('<') {
        SourceFormat::Html
    } else {
        SourceFormat::Plain
    });
    let draft = match read(&raw, format) {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("annotate: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let now = now_iso();
    let id = format!("annotate-{}", &sha256_hex(&draft.text)[..16]);
    let mut article = Article::new(id, draft.title, draft.text, now.clone());
    article.leftovers_reviewed = true;
    for (n, suggestion) in suggest(&article.text).into_iter().enumerate() {
        let kind = match suggestion.kind {
            SourceKind::Named => AnnotationKind::Source,
            SourceKind::Anonymous => AnnotationKind::AnonymousAttribution,
        };
        let rule = suggestion.explanation(|span| article.quote(span));
        let note = match (suggestion.kind, suggestion.reason) {
            (SourceKind::Anonymous, Some(reason)) => {
                format!("Suggested. {rule} Reason for anonymity: “{}”.", article.quote(reason))
            }
            (SourceKind::Anonymous, None) => format!("Suggested. {rule} No reason for anonymity given."),
            (SourceKind::Named, _) => format!("Suggested. {rule}"),
        };
        article.annotations.push(Annotation {
            id: format!("suggestion-{}", n + 1),
            kind,
            start: suggestion.span.start,
            end: suggestion.span.end,
            note,
            created: now.clone(),
            modified: now.clone(),
            author: String::new(),
            edited_by: String::new(),
        });
    }
    let ratings: Vec<String> = DEFAULT_RATINGS.iter().map(|r| r.to_string()).collect();
    let provenance = Provenance { exported: now, app_version: env!("CARGO_PKG_VERSION").into() };
    println!("{}", export([&article], &ratings, &default_off_scale(&ratings), &provenance));
    ExitCode::SUCCESS
}

/// The `annotate extract` object.
fn extraction_json(html: &str) -> serde_json::Value {
    let page = extract(html, None);
    let removed: Vec<_> =
        page.removed.iter().map(|part| serde_json::json!({ "label": part.label, "text": part.text })).collect();
    serde_json::json!({
        "title": page.title,
        "text": page.text,
        "byline": page.meta.byline,
        "site_name": page.meta.site_name,
        "published": page.meta.published,
        "modified": page.meta.modified,
        "url": page.meta.url,
        "language": page.meta.language,
        "removed": removed,
    })
}

/// The current time, ISO 8601 in UTC, to the second.
fn now_iso() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3_600, rest % 3_600 / 60, rest % 60)
}
