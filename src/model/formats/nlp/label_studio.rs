//! Label Studio's JSON export of text tasks (<https://labelstud.io/guide/task_format>): an
//! array of tasks, each `{"data": {"text": …}, "annotations": [{"result": [{"id", "type":
//! "labels", "value": {"start", "end", "text", "labels": ["LABEL"]}}, {"type": "relation",
//! "from_id", "to_id"}]}]}`. Read only. Each result's `value.text` checks its offsets: they are
//! taken as code points, else as UTF-16 units (what the browser counts), else the span is
//! left where its text is not, and counted as not placed. A task's first text field is its
//! text when it has no `text`.

use serde_json::Value;

use super::{Labeled, LabeledSpan};

/// Reads a Label Studio export; a task without text, or a result without offsets and label, is
/// refused, naming the task.
pub fn read(raw: &str) -> Result<Vec<Labeled>, String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("The file is not JSON ({e})."))?;
    let tasks = value.as_array().ok_or("A Label Studio export is a list of tasks.")?;
    let mut docs = Vec::with_capacity(tasks.len());
    for (n, task) in tasks.iter().enumerate() {
        let place = format!("Task {}", n + 1);
        let data = task.get("data").ok_or(format!("{place} has no \"data\"."))?;
        let text = data
            .get("text")
            .and_then(Value::as_str)
            .or_else(|| data.as_object()?.values().find_map(Value::as_str))
            .ok_or(format!("{place} has no text in its \"data\"."))?;
        let chars: Vec<char> = text.chars().collect();
        let mut doc = Labeled {
            name: task.get("id").map(|id| format!("Task {}", id.to_string().trim_matches('"'))).unwrap_or_default(),
            text: text.to_string(),
            ..Labeled::default()
        };
        let annotations = task.get("annotations").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        for (a, annotation) in annotations.iter().enumerate() {
            let results = annotation.get("result").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            for (r, result) in results.iter().enumerate() {
                let id = result.get("id").and_then(Value::as_str).map_or_else(|| format!("{a}-{r}"), str::to_string);
                match result.get("type").and_then(Value::as_str) {
                    Some("relation") => {
                        let end = |name: &str| result.get(name).and_then(Value::as_str).map(str::to_string);
                        if let (Some(from), Some(to)) = (end("from_id"), end("to_id")) {
                            doc.relations.push((from, to));
                        }
                    }
                    Some("labels") => {
                        let value = result.get("value");
                        let field = |name: &str| value.and_then(|v| v.get(name));
                        let parsed = (|| {
                            let labels = field("labels")?.as_array()?;
                            Some((field("start")?.as_u64()?, field("end")?.as_u64()?, labels.first()?.as_str()?))
                        })();
                        let (start, end, label) = parsed.ok_or(format!(
                            "{place}, result {}: a \"labels\" result needs value.start, value.end and value.labels.",
                            r + 1
                        ))?;
                        let quote = field("text").and_then(Value::as_str);
                        let (start, end) = in_code_points(&chars, text, start as usize, end as usize, quote);
                        doc.spans.push(LabeledSpan { id, label: label.to_string(), start, end, note: String::new() });
                    }
                    // Choices, ratings, text areas: nothing to mark in the text.
                    _ => {}
                }
            }
        }
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err("The file has no task.".to_string());
    }
    Ok(docs)
}

/// A result's offsets in code points: as given if its quote is there (or it has none), else as
/// UTF-16 units if that finds the quote, else as given (the quote is not at either: the span
/// will not be placed).
fn in_code_points(chars: &[char], text: &str, start: usize, end: usize, quote: Option<&str>) -> (usize, usize) {
    let at = |s: usize, e: usize| (s < e && e <= chars.len()).then(|| chars[s..e].iter().collect::<String>());
    let Some(quote) = quote else { return (start, end) };
    if at(start, end).as_deref() == Some(quote) {
        return (start, end);
    }
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let to_chars =
        |unit: usize| (unit <= utf16.len()).then(|| char::decode_utf16(utf16[..unit].iter().copied()).count());
    match (to_chars(start), to_chars(end)) {
        (Some(s), Some(e)) if at(s, e).as_deref() == Some(quote) => (s, e),
        _ => (start, usize::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{kind_for_label, to_articles};
    use super::*;

    #[test]
    fn a_label_studio_export_reads_with_its_relations_and_utf16_offsets() {
        // "😀" is two UTF-16 units: the claim's offsets as the browser counted them.
        let raw = r#"[{"id": 7, "data": {"text": "A U.S. official said 😀 the blasts were planned."},
            "annotations": [{"completed_by": 1, "result": [
              {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
               "value": {"start": 0, "end": 15, "text": "A U.S. official", "labels": ["Anonymous"]}},
              {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
               "value": {"start": 24, "end": 47, "text": "the blasts were planned", "labels": ["Claim"]}},
              {"type": "relation", "from_id": "b", "to_id": "a", "direction": "right"},
              {"type": "choices", "value": {"choices": ["News"]}}]}]}]"#;
        let converted = to_articles(read(raw).unwrap(), &kind_for_label, "ls", "now");
        let article = &converted.articles[0];
        assert_eq!(article.title, "Task 7");
        let quotes: Vec<String> = article.annotations.iter().map(|a| article.quote(a.span())).collect();
        assert_eq!(quotes, ["A U.S. official", "the blasts were planned"]);
        assert_eq!((converted.unplaced, article.links.len()), (0, 1));
    }

    #[test]
    fn broken_exports_are_refused_naming_the_task() {
        assert_eq!(read("{}").unwrap_err(), "A Label Studio export is a list of tasks.");
        assert_eq!(read("[{\"data\": {}}]").unwrap_err(), "Task 1 has no text in its \"data\".");
        let no_offsets = r#"[{"data": {"text": "x"}, "annotations": [{"result": [{"type": "labels", "value": {}}]}]}]"#;
        assert_eq!(
            read(no_offsets).unwrap_err(),
            "Task 1, result 1: a \"labels\" result needs value.start, value.end and value.labels."
        );
    }
}
