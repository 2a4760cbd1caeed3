//! `annotate suggest FILE` (or `-` for standard input): reads an article (plain text, or an HTML
//! page, whose article is extracted first) and prints the attribution assistant's suggestions as
//! JSON in Article Annotator's export format (one article, each suggestion an annotation with
//! its kind and its start and end in Unicode code points). For batches of articles, and to
//! measure the assistant.
//!
//! `annotate extract FILE` (or `-`): reads an HTML page and prints its article as one JSON
//! object: `title`, `text`, `byline`, `site_name`, `published`, `modified`, `url`, `language`
//! (null when unknown) and `removed`, the parts of the page left out.
//!
//! `annotate diff OLD NEW`: what changed between two versions of an article (text or HTML
//! pages, whose articles are compared), as JSON: each change with its place and text in both
//! (code points), and the paragraphs (numbered from 0) it touched.
//!
//! `annotate reanchor OLD_EXPORT NEW`: our export of one article, with its annotations moved
//! to the new version's text through the diff of the two; those whose passage is gone are kept
//! as orphans (`orphans`), with the passage they were on. For desks that watch articles in batch.
//!
//! `annotate convert IN OUT`: converts between our export (`.json`), doccano JSONL (`.jsonl`)
//! and brat standoff (`.ann`, its text in the `.txt` beside it; for several articles a
//! directory, named with a final `/`, or a `.zip` with brat's `annotation.conf`), each told by
//! its name, and reads Label Studio's JSON export (a `.json` list of tasks) (`convert.rs`).

#[path = "annotate/convert.rs"]
mod convert;

use std::io::Read;
use std::process::ExitCode;

use article_annotator::model::attribution::{SourceKind, suggest};
use article_annotator::model::diff::{Diff, changed_paragraphs};
use article_annotator::model::extract::extract;
use article_annotator::model::formats::export::{Provenance, export, sha256_hex};
use article_annotator::model::formats::import::import;
use article_annotator::model::library::{
    Annotation, AnnotationKind, Article, DEFAULT_RATINGS, Library, default_off_scale,
};
use article_annotator::model::source::{Draft, SourceFormat, read};

const USAGE: &str = "usage: annotate suggest FILE | annotate extract FILE | annotate diff OLD NEW | annotate reanchor OLD_EXPORT NEW\n       | annotate convert IN OUT (.json ours, .jsonl doccano, .ann brat, DIR/ or .zip brat)\n       (a FILE may be - for standard input)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["suggest", path] => read_article(path).map(|draft| suggestions(draft).to_string()),
        ["extract", path] => read_file(path).map(|raw| extraction_json(&raw).to_string()),
        ["diff", old, new] => read_article(old)
            .and_then(|old| Ok((old, read_article(new)?)))
            .map(|(old, new)| diff_json(&old.text, &new.text).to_string()),
        ["reanchor", export_path, new] => read_file(export_path)
            .and_then(|file| Ok((file, read_article(new)?)))
            .and_then(|(file, new)| reanchor(&file, new.text).map_err(|e| format!("annotate: {export_path}: {e}"))),
        ["convert", input, output] => convert::convert(input, output),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// A file's content (`-` is standard input), its bytes read as UTF-8.
fn read_file(path: &str) -> Result<String, String> {
    let mut raw = Vec::new();
    let read_result = if path == "-" {
        std::io::stdin().read_to_end(&mut raw).map(|_| ())
    } else {
        std::fs::read(path).map(|bytes| raw = bytes)
    };
    read_result.map_err(|e| format!("annotate: cannot read {path}: {e}"))?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

/// The article of a file: its text, or a page's extracted article.
fn read_article(path: &str) -> Result<Draft, String> {
    let raw = read_file(path)?;
    // A page is read as HTML by its name, or, from standard input, by how it starts.
    let format = SourceFormat::from_file_name(path).unwrap_or(if raw.trim_start().starts_with('<') {
        SourceFormat::Html
    } else {
        SourceFormat::Plain
    });
    read(&raw, format).map_err(|e| format!("annotate: {path}: {e}"))
}

/// The `annotate diff` object.
fn diff_json(old: &str, new: &str) -> serde_json::Value {
    let diff = Diff::between(old, new);
    let (old_chars, new_chars): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let side = |chars: &[char], range: &std::ops::Range<usize>| serde_json::json!({ "start": range.start, "end": range.end, "text": chars[range.clone()].iter().collect::<String>() });
    let changes: Vec<_> = diff
        .readable(old)
        .iter()
        .map(|hunk| {
            let kind = match (hunk.old.is_empty(), hunk.new.is_empty()) {
                (true, _) => "insert",
                (_, true) => "delete",
                _ => "replace",
            };
            serde_json::json!({ "kind": kind, "old": side(&old_chars, &hunk.old), "new": side(&new_chars, &hunk.new) })
        })
        .collect();
    let (old_paragraphs, new_paragraphs) = changed_paragraphs(&diff, old, new);
    serde_json::json!({
        "old_characters": old_chars.len(),
        "new_characters": new_chars.len(),
        "changes": changes,
        "changed_paragraphs": { "old": old_paragraphs, "new": new_paragraphs },
    })
}

/// Our export of one article (`file`), its annotations moved to `new_text`: the import of the
/// file into a library holding the new version, which moves them through the diff.
fn reanchor(file: &str, new_text: String) -> Result<String, String> {
    let theirs = import(file, &Library::default(), None).map_err(|e| e.to_string())?;
    let [article] = theirs.library.articles.as_slice() else {
        return Err(format!(
            "the file holds {} articles; reanchor takes an export of one",
            theirs.library.articles.len()
        ));
    };
    let mut library = Library {
        ratings: theirs.library.ratings.clone(),
        off_scale: theirs.library.off_scale.clone(),
        ..Library::default()
    };
    library.add(Article {
        text: new_text.into(),
        annotations: Vec::new(),
        links: Vec::new(),
        verdicts: Vec::new(),
        orphans: Vec::new(),
        suggested: Vec::new(),
        ..article.clone()
    });
    let moved = import(file, &library, None).map_err(|e| e.to_string())?;
    let provenance = Provenance { exported: now_iso(), app_version: env!("CARGO_PKG_VERSION").into() };
    let library = moved.library;
    Ok(export(&library.articles, &library.ratings, &library.off_scale, &provenance))
}

/// The `annotate suggest` export: the article with the assistant's suggestions as annotations.
fn suggestions(draft: Draft) -> String {
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
    export([&article], &ratings, &default_off_scale(&ratings), &provenance)
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
