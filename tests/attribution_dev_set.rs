//! The attribution detector on the labeled development set: a suggestion is right when it
//! overlaps a labeled span of its kind. Anonymous attributions need precision 0.95 and recall
//! 0.90; named sources 0.90 and 0.85.

#[path = "support/labeled.rs"]
mod labeled;

use article_annotator::model::attribution::{SourceKind, suggest};
use labeled::{Counts, passages_in};

#[test]
fn the_dev_set_meets_the_precision_and_recall_targets() {
    let mut counts = [Counts::default(), Counts::default()];
    let mut misses = Vec::new();
    let passages = passages_in("");
    assert!(passages.len() >= 20);
    for passage in &passages {
        let suggestions = suggest(&passage.text);
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for (slot, kind) in [SourceKind::Anonymous, SourceKind::Named].into_iter().enumerate() {
            let mine: Vec<(usize, usize)> =
                suggestions.iter().filter(|s| s.kind == kind).map(|s| (s.span.start.0, s.span.end.0)).collect();
            let labels: Vec<(usize, usize)> =
                passage.labels.iter().filter(|l| l.0 == kind).map(|l| (l.1, l.2)).collect();
            let chars: Vec<char> = passage.text.chars().collect();
            let quote = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
            for &m in &mine {
                if labels.iter().any(|&l| overlaps(m, l)) {
                    counts[slot].right += 1;
                } else {
                    misses.push(format!("{}: wrong {kind:?} “{}”", passage.name, quote(m)));
                }
            }
            for &l in &labels {
                if mine.iter().any(|&m| overlaps(m, l)) {
                    counts[slot].found += 1;
                } else {
                    misses.push(format!("{}: missed {kind:?} “{}”", passage.name, quote(l)));
                }
            }
            counts[slot].suggested += mine.len();
            counts[slot].labeled += labels.len();
        }
    }
    let [anonymous, named] = counts;
    println!(
        "anonymous {anonymous:?} P {:.3} R {:.3} F1 {:.3}",
        anonymous.precision(),
        anonymous.recall(),
        anonymous.f1()
    );
    println!("named {named:?} P {:.3} R {:.3} F1 {:.3}", named.precision(), named.recall(), named.f1());
    println!("{}", misses.join("\n"));
    assert!(anonymous.precision() >= 0.95 && anonymous.recall() >= 0.90, "anonymous: {anonymous:?}");
    assert!(named.precision() >= 0.90 && named.recall() >= 0.85, "named: {named:?}");
}
