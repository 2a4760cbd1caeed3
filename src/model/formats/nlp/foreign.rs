//! A file of another tool, told by its name and what it holds, read and waiting for its labels
//! to be mapped to our kinds.

use std::collections::BTreeMap;

use super::hypothesis::{self, Highlight};
use super::{Labeled, brat, doccano, label_studio};

/// What a file of another tool holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// Texts with labelled spans (brat, doccano, Label Studio): new articles.
    Texts(Vec<Labeled>),
    /// Hypothesis annotations, for articles of the library; and how many had no passage.
    Hypothesis(Vec<Highlight>, usize),
}

/// A file of another tool, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignFile {
    /// The tool's name, as the page says it.
    pub tool: &'static str,
    pub content: Foreign,
}

impl ForeignFile {
    /// Each label (tag) the file uses, with how many spans have it, in name order.
    pub fn labels(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        match &self.content {
            Foreign::Texts(docs) => {
                for span in docs.iter().flat_map(|d| &d.spans) {
                    *counts.entry(&span.label).or_default() += 1;
                }
            }
            Foreign::Hypothesis(highlights, _) => {
                for tag in highlights.iter().flat_map(|h| &h.tags) {
                    *counts.entry(tag).or_default() += 1;
                }
            }
        }
        counts.into_iter().map(|(label, count)| (label.to_string(), count)).collect()
    }
}

/// Reads another tool's file, told by its name and what it holds: doccano JSONL (`.jsonl`),
/// Label Studio's export (a JSON list of tasks with their `data`) or Hypothesis's
/// (`annotations` with an `export_date`, or a search result's `rows`). `None` for anything else
/// (our export, W3C, or a file none of them reads, which our import then refuses); an error
/// names what is wrong with a file of one of them.
pub fn read(name: &str, raw: &str) -> Option<Result<ForeignFile, String>> {
    let file = |tool, content| ForeignFile { tool, content };
    if name.to_ascii_lowercase().ends_with(".jsonl") {
        return Some(doccano::read(raw).map(|docs| file("doccano", Foreign::Texts(docs))));
    }
    let start = raw.trim_start();
    let ours_or_w3c = raw.contains("\"format\"") || raw.contains("\"@context\"");
    // A list of tasks with their "data" (a W3C file may be a list too, with its "@context").
    if start.starts_with('[') && !ours_or_w3c && raw.contains("\"data\"") {
        return Some(label_studio::read(raw).map(|docs| file("Label Studio", Foreign::Texts(docs))));
    }
    if start.starts_with('{') && !ours_or_w3c && (raw.contains("\"export_date\"") || raw.contains("\"rows\"")) {
        return Some(
            hypothesis::read(raw)
                .map(|(highlights, without)| file("Hypothesis", Foreign::Hypothesis(highlights, without))),
        );
    }
    None
}

/// Reads a brat pair: the `.ann` file `name` with the text of its `.txt`.
pub fn read_brat(name: &str, text: &str, ann: &str) -> Result<ForeignFile, String> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    brat::read(stem, text, ann).map(|doc| ForeignFile { tool: "brat", content: Foreign::Texts(vec![doc]) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(name: &str, raw: &str) -> Option<Result<&'static str, String>> {
        read(name, raw).map(|r| r.map(|f| f.tool))
    }

    #[test]
    fn each_tool_is_told_by_its_name_and_content() {
        let doccano = r#"{"text": "A said B.", "label": [[0, 1, "Source"]]}"#;
        assert_eq!(tool("x.jsonl", doccano), Some(Ok("doccano")));
        let label_studio = r#"[{"data": {"text": "A said B."}, "annotations": []}]"#;
        assert_eq!(tool("x.json", label_studio), Some(Ok("Label Studio")));
        let export = r#"{"export_date": "2026-12-05", "annotations": [{"target": [{"selector": [{"type": "TextQuoteSelector", "exact": "A"}]}]}]}"#;
        assert_eq!(tool("x.json", export), Some(Ok("Hypothesis")));
        let search =
            r#"{"total": 0, "rows": [{"target": [{"selector": [{"type": "TextQuoteSelector", "exact": "A"}]}]}]}"#;
        assert_eq!(tool("x.json", search), Some(Ok("Hypothesis")));
    }

    #[test]
    fn ours_and_w3c_are_left_to_our_import() {
        assert_eq!(tool("x.json", r#"{"format": "article-annotator", "rows": []}"#), None);
        assert_eq!(tool("x.json", r#"[{"@context": "http://www.w3.org/ns/anno.jsonld", "data": 1}]"#), None);
        assert_eq!(tool("x.json", r#"{"something": "else"}"#), None);
    }

    #[test]
    fn a_broken_file_of_a_tool_names_its_problem() {
        let why = |name: &str, raw: &str| read(name, raw).unwrap().unwrap_err();
        assert!(why("x.jsonl", "{not json").starts_with("Line 1"), "{}", why("x.jsonl", "{not json"));
        assert_eq!(why("x.json", r#"[{"data": {}}]"#), "Task 1 has no text in its \"data\".");
        assert_eq!(
            why("x.json", r#"{"rows": []}"#),
            "The file has no annotation of a passage (page notes and replies mark none)."
        );
        assert!(read_brat("x.ann", "A said B.", "T1\tSource 0 one\tA").is_err());
    }

    #[test]
    fn labels_are_counted_in_name_order() {
        let raw = "{\"text\": \"A said B.\", \"label\": [[0, 1, \"Source\"], [7, 8, \"Claim\"]]}\n\
                   {\"text\": \"C said D.\", \"label\": [[0, 1, \"Source\"]]}";
        let file = read("x.jsonl", raw).unwrap().unwrap();
        assert_eq!(file.labels(), [("Claim".to_string(), 1), ("Source".to_string(), 2)]);
        let export = r#"{"export_date": "now", "annotations": [
            {"tags": ["anonymous", "check"], "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "A"}]}]},
            {"tags": ["anonymous"], "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "B"}]}]}]}"#;
        let file = read("x.json", export).unwrap().unwrap();
        assert_eq!(file.labels(), [("anonymous".to_string(), 2), ("check".to_string(), 1)]);
    }
}
