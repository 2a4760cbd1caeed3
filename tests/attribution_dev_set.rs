//! The attribution assistant on the development parts of the labeled sets (our own passages,
//! and real articles of the article-extraction benchmark): a suggestion is right when it
//! overlaps a label of its kind. The held-out parts are read only by `bench/attribution`.

#[path = "support/labeled.rs"]
mod labeled;

use labeled::{Counts, Part, Score, passages_in, real_articles, score};

fn report(name: &str, score: &Score) {
    let line = |c: &Counts| format!("P {:.3} R {:.3} F1 {:.3} {c:?}", c.precision(), c.recall(), c.f1());
    println!(
        "{name}\n  anonymous {}\n  named {}\n  pronouns {}",
        line(&score.anonymous),
        line(&score.named),
        line(&score.pronouns)
    );
    println!("  {}", score.mistakes.join("\n  "));
}

#[test]
fn our_passages_meet_the_precision_and_recall_targets() {
    let passages = passages_in("");
    assert!(passages.len() >= 20);
    let score = score(&passages);
    report("own passages, development part", &score);
    let (anonymous, named) = (score.anonymous, score.named);
    assert!(anonymous.precision() >= 0.95 && anonymous.recall() >= 0.90, "anonymous: {anonymous:?}");
    assert!(named.precision() >= 0.90 && named.recall() >= 0.85, "named: {named:?}");
}

/// Issue 18's targets are precision 0.90 for both kinds and recall 0.85 (anonymous) and 0.90
/// (named) on the held-out part; `bench/attribution` reports that. This test keeps the
/// development part from falling below what it reached.
#[test]
fn real_articles_keep_their_precision_and_recall() {
    let articles = real_articles(Part::Development);
    assert!(articles.len() >= 60, "{} articles", articles.len());
    let score = score(&articles);
    report("real articles, development part", &score);
    let (anonymous, named) = (score.anonymous, score.named);
    assert!(anonymous.precision() >= 0.82 && anonymous.recall() >= 0.80, "anonymous: {anonymous:?}");
    assert!(named.precision() >= 0.95 && named.recall() >= 0.80, "named: {named:?}");
}
