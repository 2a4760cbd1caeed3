//! The labeled attribution passages of `tests/data/attribution`: `{S|…}` a named source,
//! `{A|…}` an anonymous one. Shared by the dev-set test and the attribution benchmark.

use article_annotator::model::attribution::SourceKind;

/// A passage's text without labels, and its labeled spans in code points.
pub struct Passage {
    pub name: String,
    pub text: String,
    pub labels: Vec<(SourceKind, usize, usize)>,
}

/// Reads every `*.txt` passage of `tests/data/attribution/{sub}` (the development set for ""),
/// in name order.
pub fn passages_in(sub: &str) -> Vec<Passage> {
    let dir = format!("{}/tests/data/attribution/{sub}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the dev set")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|path| parse(&path.file_name().unwrap().to_string_lossy(), &std::fs::read_to_string(&path).unwrap()))
        .collect()
}

/// Strips the labels of one passage, keeping where they were.
pub fn parse(name: &str, marked: &str) -> Passage {
    let mut text = String::new();
    let mut labels = Vec::new();
    let mut rest = marked.trim_end();
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let close = inner.find('}').expect("a closed label");
        let (kind, words) = inner[..close].split_once('|').expect("a kind and words");
        let kind = if kind == "A" { SourceKind::Anonymous } else { SourceKind::Named };
        let start = text.chars().count();
        text.push_str(words);
        labels.push((kind, start, text.chars().count()));
        rest = &inner[close + 1..];
    }
    text.push_str(rest);
    Passage { name: name.to_string(), text, labels }
}

/// Precision and recall counts for one kind: suggestions overlapping a label of their kind,
/// all suggestions, labels overlapped by a suggestion of their kind, all labels.
#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub right: usize,
    pub suggested: usize,
    pub found: usize,
    pub labeled: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.suggested == 0 { 1.0 } else { self.right as f64 / self.suggested as f64 }
    }

    pub fn recall(&self) -> f64 {
        if self.labeled == 0 { 1.0 } else { self.found as f64 / self.labeled as f64 }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}
