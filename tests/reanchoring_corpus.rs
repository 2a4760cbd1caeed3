//! Re-anchoring on the corpus of edited articles (see `support/corpus.rs`): at least 95% of
//! the annotations whose passage survives are placed exactly right, none is placed wrong, and
//! every annotation whose passage was deleted is an orphan.

#[path = "support/corpus.rs"]
mod corpus;

use article_annotator::model::anchoring::{Anchor, Anchorer, Selector};
use article_annotator::model::offsets::CharOffset;
use corpus::{Version, corpus};

/// Counts of outcomes over a corpus.
#[derive(Default, Debug)]
struct Outcome {
    right: usize,
    wrong: Vec<String>,
    orphaned_survivors: usize,
    orphaned_deleted: usize,
}

fn selector_parts(text: &[char], (start, end): (usize, usize)) -> (String, String, String) {
    let exact = text[start..end].iter().collect();
    let prefix = text[start.saturating_sub(32)..start].iter().collect();
    let suffix = text[end..(end + 32).min(text.len())].iter().collect();
    (exact, prefix, suffix)
}

fn run(version: &Version, outcome: &mut Outcome) {
    let old: Vec<char> = version.old.chars().collect();
    let anchorer = Anchorer::new(&version.new);
    for case in &version.cases {
        let (exact, prefix, suffix) = selector_parts(&old, case.old);
        let selector =
            Selector { exact: &exact, prefix: &prefix, suffix: &suffix, start: Some(CharOffset(case.old.0)) };
        match (anchorer.anchor(&selector), case.truth) {
            (Anchor::Placed { start, end, .. }, Some(truth)) if (start.0, end.0) == truth => outcome.right += 1,
            (Anchor::Placed { start, end, method, confidence }, truth) => outcome.wrong.push(format!(
                "{} ({:?}): “{prefix}[{exact}]{suffix}” placed at {}..{} by {method:?} ({confidence:.2}) as “{}”, truly at {truth:?}",
                version.name,
                version.edits,
                start.0,
                end.0,
                version.new.chars().skip(start.0.saturating_sub(32)).take(end.0 - start.0 + 64).collect::<String>()
            )),
            (Anchor::Orphan { .. }, Some(_)) => outcome.orphaned_survivors += 1,
            (Anchor::Orphan { .. }, None) => outcome.orphaned_deleted += 1,
        }
    }
}

#[test]
fn at_least_95_percent_are_placed_right_and_none_wrong() {
    let versions = corpus(50);
    assert!(versions.len() >= 30, "the corpus has {} versions", versions.len());
    let mut outcome = Outcome::default();
    for version in &versions {
        run(version, &mut outcome);
    }
    let survivors = outcome.right + outcome.orphaned_survivors + outcome.wrong.len();
    println!("{outcome:?}, {survivors} surviving passages in {} versions", versions.len());
    assert!(outcome.wrong.is_empty(), "placed wrong:\n{}", outcome.wrong.join("\n"));
    assert!(outcome.right * 100 >= survivors * 95, "only {} of {survivors} placed right", outcome.right);
    assert!(outcome.orphaned_deleted > 0, "the corpus deletes some annotated passages");
}
