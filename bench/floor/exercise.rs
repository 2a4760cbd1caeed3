//! Every part of the pure core the app uses, reached from inputs the optimizer cannot see, so
//! that a build of this alone weighs what the core weighs in the app (or less: anything left
//! out here makes the floor lower, never higher).

use article_annotator::model::formats::{claimreview, csv, export, import, report, w3c};
use article_annotator::model::{
    anchoring, attribution, extract, history, leftovers, limits, motion, offsets, source, stored, summary, text,
};

/// Decodes `stored`, runs the core over it and over `other`, and returns what came out.
pub fn exercise(stored_value: &str, other: &str) -> String {
    let mut out = String::new();
    let mut library = match stored::decode(stored_value) {
        Ok(library) => library,
        Err(error) => return error.to_string(),
    };
    out.push_str(&stored::encode(&library));
    match import::import(other, &library, None) {
        Ok(imported) => out.push_str(&stored::encode(&imported.library)),
        Err(error) => out.push_str(&error.0),
    }
    let provenance = export::Provenance { exported: other.to_string(), app_version: String::new() };
    out.push_str(&export::export(library.articles.iter(), &library.ratings, &library.off_scale, &provenance));
    out.push_str(&export::sha256_hex(other));
    if let Some(article) = library.current().cloned() {
        out.push_str(&w3c::export(&article));
        out.push_str(&claimreview::export(&article, &library.ratings, &library.off_scale, other));
        out.push_str(&report::export(&article, &library.ratings, other));
        out.push_str(&csv::export(std::iter::once(&article)));
        out.push_str(&attribution::suggest_by_pieces(&article.text, 16 * 1024).len().to_string());
        out.push_str(&summary::counts(&article, &library.ratings).checked.len().to_string());
        out.push_str(&summary::ReasonCache::default().unexplained(&article).join(" "));
        let anchorer = anchoring::Anchorer::new(other);
        for annotation in &article.annotations {
            let quote = article.quote(annotation.span());
            let selector = anchoring::Selector { exact: &quote, prefix: "", suffix: "", start: Some(annotation.start) };
            if let anchoring::Anchor::Placed { start, .. } = anchorer.anchor(&selector) {
                out.push_str(&start.0.to_string());
            }
        }
        let mut undo = history::History::default();
        if let Some(first) = article.annotations.first()
            && let Some(change) = history::Change::removal(&article, &first.id)
        {
            let _ = undo.perform(&mut library, &article.id, change);
            let _ = undo.undo(&mut library, &article.id);
            let _ = undo.redo(&mut library, &article.id);
        }
        let at = motion::step(&article.text, offsets::CharOffset(other.len()), motion::Unit::Sentence, true);
        out.push_str(&at.0.to_string());
        let _ = library.rename(&article.id, other);
        let _ = library.set_source_url(&article.id, other);
    }
    let found = leftovers::detect(other);
    out.push_str(&leftovers::remove(other, &found));
    out.push_str(&extract::extract(other, None).text);
    for format in [source::SourceFormat::Plain, source::SourceFormat::Markdown, source::SourceFormat::Html] {
        match source::read(other, format) {
            Ok(draft) => out.push_str(&draft.title),
            Err(error) => out.push_str(&error.to_string()),
        }
    }
    out.push_str(&limits::article_too_long(other).unwrap_or_default());
    out.push_str(&text::excerpt(&text::normalize(other), 160));
    out
}
