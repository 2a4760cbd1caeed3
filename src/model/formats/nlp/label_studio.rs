//! Label Studio's JSON export of text tasks (<https://labelstud.io/guide/task_format>): an
//! array of tasks, each `{"data": {"text": …}, "annotations": [{"result": [{"id", "type":
//! "labels", "value": {"start", "end", "text", "labels": ["LABEL"]}}, {"type": "relation",
//! "from_id", "to_id"}]}]}`. Read only. Each result's `value.text` checks its offsets: they are
//! taken as code points, else as UTF-16 units (what the browser counts), else the span is
//! left where its text is not, and counted as not placed. A task's first text field is its
//! text when it has no `text`.

use serde::Deserialize;
use serde_json::Value;
use serde_json::error::Category;

use super::{Labeled, LabeledSpan};

/// The parts of a task that are read, typed (a `serde_json::Value` of every result took most
/// of the time reading a 10,000-span export, bench/tool_import.mjs); a task's `data` and `id`
/// may hold anything.
#[derive(Deserialize)]
struct Task {
    id: Option<Value>,
    data: Option<Value>,
    annotations: Option<Vec<Annotation>>,
}

#[derive(Deserialize)]
struct Annotation {
    result: Option<Vec<TaskResult>>,
}

/// A result of any type: each type's fields, those of other types absent.
#[derive(Deserialize)]
struct TaskResult {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    value: Option<ResultValue>,
    from_id: Option<String>,
    to_id: Option<String>,
}

/// A `labels` result's value; other types' fields are of other shapes (a hypertext span's
/// `start` is a path), so only the ones read are typed.
#[derive(Deserialize)]
struct ResultValue {
    start: Option<Value>,
    end: Option<Value>,
    text: Option<Value>,
    labels: Option<Value>,
}

/// Reads a Label Studio export; a task without text, or a result without offsets and label, is
/// refused, naming the task.
pub fn read(raw: &str) -> Result<Vec<Labeled>, String> {
    let list = "A Label Studio export is a list of tasks.";
    let tasks: Vec<Task> = serde_json::from_str(raw).map_err(|e| match e.classify() {
        Category::Data if !raw.trim_start().starts_with('[') => list.to_string(),
        Category::Data => format!("Its tasks are not as Label Studio writes them: {e}."),
        _ => format!("The file is not JSON ({e})."),
    })?;
    let mut docs = Vec::with_capacity(tasks.len());
    for (n, task) in tasks.into_iter().enumerate() {
        let place = format!("Task {}", n + 1);
        let data = task.data.ok_or(format!("{place} has no \"data\"."))?;
        let text = data
            .get("text")
            .and_then(Value::as_str)
            .or_else(|| data.as_object()?.values().find_map(Value::as_str))
            .ok_or(format!("{place} has no text in its \"data\"."))?;
        let chars: Vec<char> = text.chars().collect();
        let mut by_unit = None;
        let mut doc = Labeled {
            name: task.id.map(|id| format!("Task {}", id.to_string().trim_matches('"'))).unwrap_or_default(),
            text: text.to_string(),
            ..Labeled::default()
        };
        for (a, annotation) in task.annotations.unwrap_or_default().into_iter().enumerate() {
            for (r, result) in annotation.result.unwrap_or_default().into_iter().enumerate() {
                match result.kind.as_deref() {
                    Some("relation") => {
                        if let (Some(from), Some(to)) = (result.from_id, result.to_id) {
                            doc.relations.push((from, to));
                        }
                    }
                    Some("labels") => {
                        let value = result.value.as_ref();
                        let parsed = value.and_then(|v| {
                            let label = v.labels.as_ref()?.as_array()?.first()?.as_str()?;
                            Some((v.start.as_ref()?.as_u64()?, v.end.as_ref()?.as_u64()?, label))
                        });
                        let (start, end, label) = parsed.ok_or(format!(
                            "{place}, result {}: a \"labels\" result needs value.start, value.end and value.labels.",
                            r + 1
                        ))?;
                        let quote = value.and_then(|v| v.text.as_ref()?.as_str());
                        let (start, end) = in_code_points(&chars, &mut by_unit, start as usize, end as usize, quote);
                        let id = result.id.unwrap_or_else(|| format!("{a}-{r}"));
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
/// will not be placed). `by_unit` is the code point at each UTF-16 unit of the text, made the
/// first time a task needs it.
fn in_code_points(
    chars: &[char],
    by_unit: &mut Option<Vec<usize>>,
    start: usize,
    end: usize,
    quote: Option<&str>,
) -> (usize, usize) {
    let at = |s: usize, e: usize| (s < e && e <= chars.len()).then(|| chars[s..e].iter().collect::<String>());
    let Some(quote) = quote else { return (start, end) };
    if at(start, end).as_deref() == Some(quote) {
        return (start, end);
    }
    let by_unit = by_unit.get_or_insert_with(|| {
        let mut units = Vec::with_capacity(chars.len() + 1);
        for (n, c) in chars.iter().enumerate() {
            units.extend(std::iter::repeat_n(n, c.len_utf16()));
        }
        units.push(chars.len());
        units
    });
    match (by_unit.get(start), by_unit.get(end)) {
        (Some(&s), Some(&e)) if at(s, e).as_deref() == Some(quote) => (s, e),
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
