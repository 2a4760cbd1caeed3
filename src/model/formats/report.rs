//! A readable Markdown report of an article and its annotations.

use super::quotes_with_context;
use crate::model::library::{AnnotationKind, Article};

/// Escapes the characters that Markdown would read as markup, so that quotes and notes stay
/// text wherever the report is rendered.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The report: title, details, counts, then each kind's annotations in text order.
pub fn export(article: &Article, exported: &str) -> String {
    let mut out = format!("# {}\n\n", escape(&article.title));
    if !article.source_url.is_empty() {
        out.push_str(&format!("- Source: <{}>\n", article.source_url));
    }
    if !article.published.is_empty() {
        out.push_str(&format!("- Published: {}\n", article.published));
    }
    out.push_str(&format!("- Report made: {exported} by Article Annotator\n"));
    let ordered = article.annotations_in_text_order();
    let quotes = quotes_with_context(article, ordered.iter().copied());
    for kind in AnnotationKind::ALL {
        let of_kind: Vec<_> = ordered.iter().zip(&quotes).filter(|(a, _)| a.kind == kind).collect();
        out.push_str(&format!("\n## {} ({})\n", kind.label(), of_kind.len()));
        if of_kind.is_empty() {
            out.push_str("\nNone.\n");
        }
        for (a, quote) in of_kind {
            let exact = quote.exact.split('\n').map(escape).collect::<Vec<_>>().join("\n> ");
            out.push_str(&format!("\n> {exact}\n"));
            out.push_str(&format!("\nCharacters {}–{}.", a.start.0, a.end.0));
            if !a.note.is_empty() {
                out.push_str(&format!(" Note: {}", escape(&a.note).replace('\n', " ")));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_groups_by_kind_and_escapes_markup() {
        let mut article = super::super::export::tests::sample_article();
        article.annotations[0].note = "<script>alert(1)</script> *not bold*".into();
        let report = export(&article, "2026-11-25");
        assert!(report.starts_with("# Kerman\n\n- Source: <https://example.org/story>\n"));
        assert!(report.contains("## Claim (1)\n\n> killed 95 people\n"));
        assert!(report.contains("Note: \\<script\\>alert(1)\\</script\\> \\*not bold\\*"));
        assert!(report.contains("## Source (0)\n\nNone.\n"));
        assert!(report.contains("## Anonymous attribution (1)\n\n> A U.S. official said\n"));
    }
}
