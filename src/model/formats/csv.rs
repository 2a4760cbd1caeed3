//! CSV, one row per annotation, for spreadsheets (RFC 4180 quoting); claims with their sources'
//! ids, rating and status.

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
];

/// One CSV field: quoted when it holds a comma, quote or line break; and, because spreadsheets
/// run cells that start with `=`, `+`, `-` or `@` as formulas, such cells get a leading `'`.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// The annotations of the articles, in text order, with a header row; lines end in CRLF.
pub fn export<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    let mut out = HEADER.join(",") + "\r\n";
    for article in articles {
        let ordered = article.annotations_in_text_order();
        let quotes = quotes_with_context(article, ordered.iter().copied());
        let source_ids = |claim: &str| -> String {
            let ids = article.links.iter().filter(|l| l.claim == claim).map(|l| l.source.as_str());
            ids.collect::<Vec<_>>().join(" ")
        };
        for (a, quote) in ordered.into_iter().zip(quotes) {
            let verdict = article.verdicts.iter().find(|v| v.claim == a.id);
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
                // For claims: the ids of their sources (space-separated), rating and status.
                field(&source_ids(&a.id)),
                field(verdict.map_or("", |v| v.rating.as_str())),
                field(verdict.map_or("", |v| v.status.label())),
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
}
