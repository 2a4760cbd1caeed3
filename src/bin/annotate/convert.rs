//! `annotate convert IN OUT`: our export, doccano JSONL and brat standoff, into each other, and
//! Label Studio's JSON export (read only) into any of them.
//! Labels of other tools map to our kinds by their obvious names (`kind_for_label`); spans with
//! other labels are skipped and counted on standard error.

use std::path::Path;

use article_annotator::model::formats::export::{Provenance, export};
use article_annotator::model::formats::file_name;
use article_annotator::model::formats::import::import;
use article_annotator::model::formats::nlp::{Converted, brat, doccano, kind_for_label, label_studio, to_articles};
use article_annotator::model::library::{Article, Library};

use super::{now_iso, read_file};

/// Converts `input` to `output`; what is printed (nothing: the output is written to its file).
pub fn convert(input: &str, output: &str) -> Result<String, String> {
    let articles = read_articles(input)?;
    if articles.is_empty() {
        return Err(format!("annotate: {input} holds no article"));
    }
    write_articles(&articles, output)?;
    Ok(format!("{} article(s) written to {output}", articles.len()))
}

fn read_articles(input: &str) -> Result<Vec<Article>, String> {
    let fail = |e: String| format!("annotate: {input}: {e}");
    let converted = |c: Converted| {
        if c.skipped + c.unplaced > 0 {
            eprintln!("annotate: {input}: {} span(s) with another label skipped, {} not placed", c.skipped, c.unplaced);
        }
        c.articles
    };
    let now = now_iso();
    match extension(input) {
        // A Label Studio export is a list of tasks; ours is an object.
        "json" => {
            let raw = read_file(input)?;
            if raw.trim_start().starts_with('[') {
                let docs = label_studio::read(&raw).map_err(fail)?;
                return Ok(converted(to_articles(docs, &kind_for_label, "label-studio-", &now)));
            }
            Ok(import(&raw, &Library::default(), None).map_err(|e| fail(e.0))?.library.articles)
        }
        "jsonl" => Ok(converted(to_articles(
            doccano::read(&read_file(input)?).map_err(fail)?,
            &kind_for_label,
            "doccano-",
            &now,
        ))),
        "ann" => {
            let txt = Path::new(input).with_extension("txt");
            let text = read_file(&txt.to_string_lossy())?;
            let name = Path::new(input).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let doc = brat::read(&name, &text, &read_file(input)?).map_err(fail)?;
            Ok(converted(to_articles(vec![doc], &kind_for_label, "brat-", &now)))
        }
        _ => Err(format!("annotate: {input}: name it .json (ours), .jsonl (doccano) or .ann (brat)")),
    }
}

fn write_articles(articles: &[Article], output: &str) -> Result<(), String> {
    let write = |path: &Path, content: &str| {
        std::fs::write(path, content).map_err(|e| format!("annotate: cannot write {}: {e}", path.display()))
    };
    let refs: Vec<&Article> = articles.iter().collect();
    if output.ends_with('/') {
        std::fs::create_dir_all(output).map_err(|e| format!("annotate: cannot make {output}: {e}"))?;
        for article in articles {
            let (txt, ann) = brat::export(article);
            let base = Path::new(output).join(file_name(&format!("{} {}", article.title, article.id), ""));
            write(&base.with_extension("txt"), &txt)?;
            write(&base.with_extension("ann"), &ann)?;
        }
        return Ok(());
    }
    match extension(output) {
        "json" => {
            let library = Library::default();
            let provenance = Provenance { exported: now_iso(), app_version: env!("CARGO_PKG_VERSION").into() };
            write(Path::new(output), &export(articles, &library.ratings, &library.off_scale, &provenance))
        }
        "jsonl" => write(Path::new(output), &doccano::export(&refs)),
        "zip" => {
            let folder = Path::new(output).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let folder = folder.trim_end_matches(".brat");
            let zip = brat::export_zip(&refs, folder).map_err(|e| format!("annotate: {output}: {e}"))?;
            std::fs::write(output, zip).map_err(|e| format!("annotate: cannot write {output}: {e}"))
        }
        "ann" => {
            let [article] = articles else {
                return Err(format!(
                    "annotate: {output}: a brat pair holds one article, and there are {}; name a directory (ending in /)",
                    articles.len()
                ));
            };
            let (txt, ann) = brat::export(article);
            write(&Path::new(output).with_extension("txt"), &txt)?;
            write(Path::new(output), &ann)
        }
        _ => Err(format!("annotate: {output}: name it .json (ours), .jsonl (doccano), .ann, .zip or DIR/ (brat)")),
    }
}

fn extension(path: &str) -> &str {
    Path::new(path).extension().and_then(|e| e.to_str()).unwrap_or_default()
}
