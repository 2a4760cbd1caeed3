//! CSV, one row per annotation, for spreadsheets (RFC 4180 quoting); claims with the sources
//! they rest on, by their quotes, and their verdict: rating, status, evidence and reasoning.

use std::collections::HashMap;

use super::quotes_with_context;
use crate::model::library::Article;

const HEADER: &[&str] = &[
    "article_id",
    "article_title",
    "annotation_id",
    "kind",
    "start",
    "end",
    "quote",
    "note",
    "created",
    "modified",
    "sources",
    "rating",
    "status",
    "evidence",
    "reasoning",
];

/// One CSV field: quoted when it holds a comma, quote or line break; and, because spreadsheets
/// run cells that start with `=`, `+`, `-` or `@` as formulas, such cells get a leading `'`.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// Text on one line: its runs of white space (line breaks included) as one space. Lists in a
/// cell put one item per line, so an item never has a line break of its own.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The annotations of the articles, in text order, with a header row; lines end in CRLF.
///
/// A claim's `sources` are the sources and anonymous attributions it rests on, one per line of
/// the cell, each its kind and its quote on one line: `Source: “Mayor Elena Ortiz said”`. Its
/// `evidence` is one piece per line, its label and then its URL in angle brackets:
/// `Hospital count <https://example.org/count>`.
pub fn export<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    let mut out = HEADER.join(",") + "\r\n";
    for article in articles {
        let ordered = article.annotations_in_text_order();
        let quotes = quotes_with_context(article, ordered.iter().copied());
        let by_id: HashMap<&str, (&str, &str)> =
            ordered.iter().zip(&quotes).map(|(a, q)| (a.id.as_str(), (a.kind.label(), q.exact.as_str()))).collect();
        let sources = |claim: &str| -> String {
            let linked = article.links.iter().filter(|l| l.claim == claim).filter_map(|l| by_id.get(l.source.as_str()));
            linked.map(|(kind, quote)| format!("{kind}: “{}”", one_line(quote))).collect::<Vec<_>>().join("\n")
        };
        for (a, quote) in ordered.iter().zip(&quotes) {
            let verdict = article.verdicts.iter().find(|v| v.claim == a.id);
            let evidence = verdict.map_or(String::new(), |v| {
                let pieces = v.evidence.iter().map(|e| format!("{} <{}>", one_line(&e.label), one_line(&e.url)));
                pieces.collect::<Vec<_>>().join("\n")
            });
            let row = [
                field(&article.id),
                field(&article.title),
                field(&a.id),
                field(a.kind.label()),
                a.start.0.to_string(),
                a.end.0.to_string(),
                field(&quote.exact),
                field(&a.note),
                field(&a.created),
                field(&a.modified),
                field(&sources(&a.id)),
                field(verdict.map_or("", |v| v.rating.as_str())),
                field(verdict.map_or("", |v| v.status.label())),
                field(&evidence),
                field(verdict.map_or("", |v| v.reasoning.as_str())),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of a CSV file, each a list of its unquoted fields (RFC 4180).
    fn parse(csv: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
        let (mut quoted, mut chars) = (false, csv.chars().peekable());
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (_, '"') => quoted = !quoted,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                _ => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn rows_follow_text_order_and_quote_what_needs_it() {
        let mut article = super::super::export::tests::sample_article();
        article.annotations[0].note = "Said \"95\", then\nmore".into();
        article.annotations[1].note = "=HYPERLINK(\"x\")".into();
        let csv = export([&article]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert!(
            lines[1].starts_with(
                "a1,Kerman,n1,Anonymous attribution,0,20,A U.S. official said,\"'=HYPERLINK(\"\"x\"\")\","
            )
        );
        assert!(lines[2].contains(",killed 95 people,\"Said \"\"95\"\", then\nmore\","), "{}", lines[2]);
        assert_eq!(lines.len(), 4, "two rows, a header and the final line end");
    }

    #[test]
    fn a_claim_lists_its_sources_by_quote_and_its_evidence_and_reasoning() {
        use crate::model::library::{Annotation, AnnotationKind, Evidence, Link};
        use crate::model::offsets::CharOffset;
        let mut article = super::super::export::tests::judged_sample_article();
        // A second source, whose quote runs over a line break; evidence with a formula-like label.
        article.text = "A U.S. official said Thursday that the blasts killed 95 people. Mayor\nOrtiz said".into();
        article.annotations.push(Annotation {
            id: "n3".into(),
            kind: AnnotationKind::Source,
            start: CharOffset(64),
            end: CharOffset(80),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            edited_by: String::new(),
        });
        article.links.push(Link::new("n2", "n3"));
        let verdict = &mut article.verdicts[0];
        verdict.evidence.push(Evidence { url: "https://example.org/b?x=1,2".into(), label: "=SUM(A1)\nnote".into() });
        verdict.reasoning = "-5 were counted twice, \"officially\".".into();
        let rows = parse(&export([&article]));
        let claim = rows.iter().find(|r| r[2] == "n2").unwrap();
        let column = |name: &str| claim[HEADER.iter().position(|h| *h == name).unwrap()].as_str();
        assert_eq!(column("sources"), "Anonymous attribution: “A U.S. official said”\nSource: “Mayor Ortiz said”");
        assert_eq!((column("rating"), column("status")), ("False", "Checked"));
        assert_eq!(
            column("evidence"),
            "Hospital [count] <https://example.org/count>\n=SUM(A1) note <https://example.org/b?x=1,2>"
        );
        assert_eq!(column("reasoning"), "'-5 were counted twice, \"officially\".");
        // The sources and anonymous attributions themselves have none of these.
        let source = rows.iter().find(|r| r[2] == "n3").unwrap();
        assert!(source[10..].iter().all(String::is_empty), "{source:?}");
        assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [HEADER.len(); 4]);
    }
}
