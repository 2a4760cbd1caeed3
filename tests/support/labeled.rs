//! The labeled attribution sets: our own passages (`tests/data/attribution`, `{S|…}` a named
//! source, `{A|…}` an anonymous one) and real articles of the article-extraction benchmark in
//! `../shared`, labeled by hand in `tests/data/attribution/real-articles.json`. Shared by the
//! dev-set test and the attribution benchmark, with the one way to score the assistant on them.

use article_annotator::model::attribution::{SourceKind, suggest};
use article_annotator::model::text::normalize;

/// One labeled source: its kind, where it is (code points), and whether it is a pronoun.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    pub kind: SourceKind,
    pub start: usize,
    pub end: usize,
    pub pronoun: bool,
}

/// A passage's text without labels, and its labeled spans.
pub struct Passage {
    pub name: String,
    pub text: String,
    pub labels: Vec<Label>,
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
        let pronoun = ["he", "she", "they", "it"].contains(&words.to_lowercase().as_str());
        labels.push(Label { kind, start, end: text.chars().count(), pronoun });
        rest = &inner[close + 1..];
    }
    text.push_str(rest);
    Passage { name: name.to_string(), text, labels }
}

/// Which part of the real articles: the one the rules were developed on, or the held-out one
/// (ids starting with 0-5), read only to report.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Development,
    HeldOut,
}

/// The labeled real articles of `part`, their text read from `../shared` and normalized as the
/// app does; every label's quote is checked against the text.
pub fn real_articles(part: Part) -> Vec<Passage> {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |path: String| std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let labels: serde_json::Value =
        serde_json::from_str(&read(format!("{root}/tests/data/attribution/real-articles.json"))).expect("labels");
    let truth: serde_json::Value =
        serde_json::from_str(&read(format!("{root}/../shared/article-extraction-benchmark/ground-truth.json")))
            .expect("the benchmark's ground truth");
    let mut out = Vec::new();
    for (id, rows) in labels["articles"].as_object().expect("articles") {
        let held_out = id.starts_with(['0', '1', '2', '3', '4', '5']);
        if held_out != (part == Part::HeldOut) {
            continue;
        }
        let text = normalize(truth[id]["articleBody"].as_str().expect("an article body"));
        let chars: Vec<char> = text.chars().collect();
        let labels = rows
            .as_array()
            .expect("labels")
            .iter()
            .map(|row| {
                let (start, end) = (row[1].as_u64().unwrap() as usize, row[2].as_u64().unwrap() as usize);
                let quote: String = chars[start..end].iter().collect();
                assert_eq!(quote, row[3].as_str().unwrap(), "label of {id} at {start}");
                let kind = if row[0] == "A" { SourceKind::Anonymous } else { SourceKind::Named };
                Label { kind, start, end, pronoun: row[4].as_bool().unwrap() }
            })
            .collect();
        out.push(Passage { name: id[..8].to_string(), text, labels });
    }
    out
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

/// The assistant's score on a set: counts for anonymous attributions and named sources, the
/// same for pronoun labels and suggestions alone, and one line per wrong or missed source.
pub struct Score {
    pub anonymous: Counts,
    pub named: Counts,
    pub pronouns: Counts,
    pub mistakes: Vec<String>,
}

/// Scores the assistant on `passages`: a suggestion is right when it overlaps a label of its
/// kind, a label is found when a suggestion of its kind overlaps it.
pub fn score(passages: &[Passage]) -> Score {
    let mut counts = [Counts::default(), Counts::default(), Counts::default()];
    let mut mistakes = Vec::new();
    for passage in passages {
        let chars: Vec<char> = passage.text.chars().collect();
        let quote = |a: usize, b: usize| chars[a..b].iter().collect::<String>().replace('\n', " / ");
        let context = |a: usize, b: usize| {
            let from = (a.saturating_sub(60)..a).find(|&i| i == 0 || chars[i - 1] == ' ').unwrap_or(a);
            let to = (b..(b + 40).min(chars.len())).rev().find(|&i| i == chars.len() || chars[i] == ' ').unwrap_or(b);
            format!("{}[{}]{}", quote(from, a), quote(a, b), quote(b, to))
        };
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        let suggestions = suggest(&passage.text);
        for (slot, kind) in [SourceKind::Anonymous, SourceKind::Named].into_iter().enumerate() {
            let labels: Vec<&Label> = passage.labels.iter().filter(|l| l.kind == kind).collect();
            for s in suggestions.iter().filter(|s| s.kind == kind) {
                let span = (s.span.start.0, s.span.end.0);
                let right = labels.iter().any(|l| overlaps(span, (l.start, l.end)));
                let pronoun = s.rule.is_pronoun();
                for slot in [Some(slot), pronoun.then_some(2)].into_iter().flatten() {
                    counts[slot].suggested += 1;
                    counts[slot].right += usize::from(right);
                }
                if !right {
                    mistakes.push(format!(
                        "{}: wrong {kind:?} {}  ({})",
                        passage.name,
                        context(span.0, span.1),
                        s.rule
                    ));
                }
            }
            for l in &labels {
                let found = suggestions
                    .iter()
                    .any(|s| s.kind == kind && overlaps((s.span.start.0, s.span.end.0), (l.start, l.end)));
                for slot in [Some(slot), l.pronoun.then_some(2)].into_iter().flatten() {
                    counts[slot].labeled += 1;
                    counts[slot].found += usize::from(found);
                }
                if !found {
                    mistakes.push(format!("{}: missed {kind:?} {}", passage.name, context(l.start, l.end)));
                }
            }
        }
    }
    let [anonymous, named, pronouns] = counts;
    Score { anonymous, named, pronouns, mistakes }
}
