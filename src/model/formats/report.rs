//! A readable Markdown report of a fact-checking session: the article, who checked it, the
//! summary, then each kind's annotations with what claims rest on and their verdicts.

use super::quotes_with_context;
use crate::model::library::{AnnotationKind, Article};
use crate::model::summary::summarize;
use crate::model::text;

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

/// A URL for a Markdown autolink (`<…>`): the angle brackets that would end it are
/// percent-encoded.
fn autolink(url: &str) -> String {
    url.replace('<', "%3C").replace('>', "%3E")
}

/// The report: title, details, session, summary, then each kind's annotations in text order.
/// `ratings` is the library's scale.
pub fn export(article: &Article, ratings: &[String], exported: &str) -> String {
    let mut out = format!("# {}\n\n", escape(&article.title));
    if !article.source_url.is_empty() {
        out.push_str(&format!("- Source: <{}>\n", autolink(&article.source_url)));
    }
    if !article.published.is_empty() {
        out.push_str(&format!("- Published: {}\n", article.published));
    }
    let session = &article.session;
    let who = [session.checker.as_str(), session.organization.as_str()].into_iter().filter(|s| !s.is_empty());
    let who = who.map(escape).collect::<Vec<_>>().join(", ");
    if !who.is_empty() {
        out.push_str(&format!("- Checked by: {who}\n"));
    }
    if !session.checked.is_empty() {
        out.push_str(&format!("- Checked on: {}\n", session.checked));
    }
    if !session.review_url.is_empty() {
        out.push_str(&format!("- Fact-check: <{}>\n", autolink(&session.review_url)));
    }
    out.push_str(&format!("- Report made: {exported} by Article Annotator\n"));
    let summary = summarize(article, ratings);
    let n = |ids: &Vec<String>| ids.len();
    out.push_str("\n## Summary\n\n");
    out.push_str(&format!(
        "- Claims: {}; sources: {}; anonymous attributions: {}\n",
        n(&summary.by_kind[0]),
        n(&summary.by_kind[1]),
        n(&summary.by_kind[2])
    ));
    out.push_str(&format!("- Claims with no source: {}\n", n(&summary.claims_without_source)));
    out.push_str(&format!("- Claims resting only on anonymous attributions: {}\n", n(&summary.claims_only_anonymous)));
    out.push_str(&format!(
        "- Anonymous attributions with no reason for anonymity: {}\n",
        n(&summary.anonymous_without_reason)
    ));
    out.push_str(&format!("- Checked claims: {} of {}\n", n(&summary.checked), n(&summary.by_kind[0])));
    let rated: Vec<String> = summary
        .by_rating
        .iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(r, ids)| format!("{}: {}", if r.is_empty() { "Not rated" } else { r }, ids.len()))
        .collect();
    if !rated.is_empty() {
        out.push_str(&format!("- Verdicts: {}\n", escape(&rated.join("; "))));
    }
    let ordered = article.annotations_in_text_order();
    let quotes = quotes_with_context(article, ordered.iter().copied());
    let short = |id: &str| {
        article
            .annotations
            .iter()
            .find(|a| a.id == id)
            .map(|a| format!("{} “{}”", a.kind.label(), escape(&text::excerpt(&article.quote(a.span()), 80))))
    };
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
            if a.kind == AnnotationKind::Claim {
                let sources: Vec<String> =
                    article.links.iter().filter(|l| l.claim == a.id).filter_map(|l| short(&l.source)).collect();
                let rests = if sources.is_empty() { "nothing in the text".to_string() } else { sources.join("; ") };
                out.push_str(&format!("\n- Rests on: {rests}\n"));
                if let Some(v) = article.verdicts.iter().find(|v| v.claim == a.id) {
                    let rating = if v.rating.is_empty() { "Not rated" } else { &v.rating };
                    out.push_str(&format!("- Verdict: {} ({})\n", escape(rating), v.status.label()));
                    for e in &v.evidence {
                        let label = if e.label.is_empty() { &e.url } else { &e.label };
                        out.push_str(&format!("- Evidence: {} <{}>\n", escape(label), autolink(&e.url)));
                    }
                    if !v.reasoning.is_empty() {
                        out.push_str(&format!("- Reasoning: {}\n", escape(&v.reasoning).replace('\n', " ")));
                    }
                }
            } else {
                let claims: Vec<String> =
                    article.links.iter().filter(|l| l.source == a.id).filter_map(|l| short(&l.claim)).collect();
                if !claims.is_empty() {
                    out.push_str(&format!("\n- Backs: {}\n", claims.join("; ")));
                }
            }
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
        let report = export(&article, &crate::model::library::Library::default().ratings, "2026-11-25");
        assert!(report.starts_with("# Kerman\n\n- Source: <https://example.org/story>\n"));
        assert!(report.contains("## Claim (1)\n\n> killed 95 people\n"));
        assert!(report.contains("Note: \\<script\\>alert(1)\\</script\\> \\*not bold\\*"));
        assert!(report.contains("## Source (0)\n\nNone.\n"));
        assert!(report.contains("## Anonymous attribution (1)\n\n> A U.S. official said\n"));
    }

    #[test]
    fn claims_show_what_they_rest_on_and_their_verdict() {
        use crate::model::library::{Library, Session};
        let mut article = super::super::export::tests::judged_sample_article();
        article.session = Session { checker: "Ana".into(), organization: "Desk".into(), ..Session::default() };
        let report = export(&article, &Library::default().ratings, "2026-11-25");
        assert!(report.contains("- Checked by: Ana, Desk\n"));
        assert!(report.contains("- Claims resting only on anonymous attributions: 1\n"));
        assert!(report.contains("- Checked claims: 1 of 1\n- Verdicts: False: 1\n"));
        assert!(report.contains("- Rests on: Anonymous attribution “A U.S. official said”\n"));
        assert!(
            report
                .contains("- Verdict: False (Checked)\n- Evidence: Hospital \\[count\\] <https://example.org/count>\n")
        );
        assert!(report.contains("- Backs: Claim “killed 95 people”\n"));
    }
}
