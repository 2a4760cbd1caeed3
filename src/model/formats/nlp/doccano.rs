//! doccano's JSONL for sequence labelling: one JSON object a line, `{"text", "label": [[start,
//! end, "LABEL"], …]}` (doccano 1.x; newer versions also read and write `"entities":
//! [{"start_offset", "end_offset", "label"}]`, which is read too). Offsets are code points.
//! Written: the article's id and title in `id` and `title`, its text, its annotations' spans
//! with our labels. Lost: notes, links, verdicts, everything else.

use serde_json::{Value, json};

use super::{Labeled, LabeledSpan, label_of, spans_of};
use crate::model::library::Article;

/// The articles as doccano JSONL, one line each.
pub fn export(articles: &[&Article]) -> String {
    let mut out = String::new();
    for article in articles {
        let label: Vec<Value> =
            spans_of(article).into_iter().map(|(_, a, _)| json!([a.start.0, a.end.0, label_of(a.kind)])).collect();
        let line = json!({ "id": article.id, "title": article.title, "text": &*article.text, "label": label });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Reads doccano JSONL; a line that is not such an object is refused, naming the line.
pub fn read(raw: &str) -> Result<Vec<Labeled>, String> {
    let mut docs = Vec::new();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let place = format!("Line {}", n + 1);
        let value: Value = serde_json::from_str(line).map_err(|e| format!("{place} is not JSON ({e})."))?;
        let text = value.get("text").and_then(Value::as_str).ok_or(format!("{place} has no \"text\"."))?;
        let name = value.get("title").and_then(Value::as_str).unwrap_or_default();
        let mut spans = Vec::new();
        if let Some(labels) = value.get("label").or_else(|| value.get("labels")) {
            let labels = labels.as_array().ok_or(format!("{place}: \"label\" is not a list."))?;
            for (k, item) in labels.iter().enumerate() {
                let triple = item.as_array().filter(|t| t.len() == 3);
                let parsed = triple.and_then(|t| Some((t[0].as_u64()?, t[1].as_u64()?, t[2].as_str()?)));
                let (start, end, label) =
                    parsed.ok_or(format!("{place}: label {} is not [start, end, \"LABEL\"].", k + 1))?;
                spans.push(span(k, start, end, label));
            }
        }
        if let Some(entities) = value.get("entities") {
            let entities = entities.as_array().ok_or(format!("{place}: \"entities\" is not a list."))?;
            for (k, item) in entities.iter().enumerate() {
                let field = |name: &str| item.get(name);
                let parsed = (|| {
                    Some((field("start_offset")?.as_u64()?, field("end_offset")?.as_u64()?, field("label")?.as_str()?))
                })();
                let (start, end, label) =
                    parsed.ok_or(format!("{place}: entity {} has no start_offset, end_offset and label.", k + 1))?;
                spans.push(span(spans.len(), start, end, label));
            }
        }
        docs.push(Labeled { name: name.to_string(), text: text.to_string(), spans, relations: Vec::new() });
    }
    if docs.is_empty() {
        return Err("The file has no line with a text.".to_string());
    }
    Ok(docs)
}

fn span(k: usize, start: u64, end: u64, label: &str) -> LabeledSpan {
    LabeledSpan {
        id: format!("d{}", k + 1),
        label: label.to_string(),
        start: start as usize,
        end: end as usize,
        note: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{kind_for_label, to_articles};
    use super::*;

    #[test]
    fn a_file_written_by_doccano_reads_with_its_labels_mapped() {
        let raw = "{\"text\": \"A U.S. official said 😀 the blasts were planned.\", \"label\": [[0, 15, \"ANON\"], [23, 46, \"claim\"], [16, 20, \"VERB\"]]}\n\
                   {\"text\": \"Second.\", \"entities\": [{\"id\": 3, \"start_offset\": 0, \"end_offset\": 6, \"label\": \"Source\"}]}\n";
        let converted = to_articles(read(raw).unwrap(), &kind_for_label, "d", "2026-12-05");
        assert_eq!((converted.articles.len(), converted.skipped, converted.unplaced), (2, 1, 0));
        let first = &converted.articles[0];
        let quotes: Vec<String> = first.annotations.iter().map(|a| first.quote(a.span())).collect();
        assert_eq!(quotes, ["A U.S. official", "the blasts were planned"]);
        assert_eq!(converted.articles[1].quote(converted.articles[1].annotations[0].span()), "Second");
    }

    #[test]
    fn broken_files_are_refused_naming_the_line() {
        assert_eq!(read("{\"text\": \"a\"}\nnot json").unwrap_err().split(" (").next(), Some("Line 2 is not JSON"));
        assert_eq!(read("{\"label\": []}").unwrap_err(), "Line 1 has no \"text\".");
        assert_eq!(
            read("{\"text\": \"a\", \"label\": [[0, 1]]}").unwrap_err(),
            "Line 1: label 1 is not [start, end, \"LABEL\"]."
        );
        assert_eq!(read("\n\n").unwrap_err(), "The file has no line with a text.");
    }
}
