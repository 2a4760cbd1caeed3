//! Annotations moved through the diff of two versions are never misplaced, on a part of the
//! versions corpus (real article texts from `../shared`, edited as articles are after
//! publication; `bench/versions` runs all of it).

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "support/versions.rs"]
mod versions;

use article_annotator::model::anchoring::through_diff::{Moved, move_through};
use article_annotator::model::diff::Diff;
use article_annotator::model::offsets::CharOffset;
use article_annotator::model::span::Span;
use versions::Truth;

#[test]
fn no_annotation_is_misplaced_and_few_are_orphaned() {
    let (mut wrong, mut orphaned, mut surviving) = (Vec::new(), 0, 0);
    for article in versions::articles(4).iter().filter(|a| !a.held_out).take(40) {
        for step in &article.steps {
            let spans: Vec<Span> =
                step.cases.iter().map(|&((s, e), _)| Span { start: CharOffset(s), end: CharOffset(e) }).collect();
            let moved = move_through(&Diff::between(&step.old, &step.new), &step.old, &step.new, &spans);
            for (&(old, truth), moved) in step.cases.iter().zip(moved) {
                match (moved, truth) {
                    (_, Truth::Unscored) | (Moved::Orphan, Truth::Gone) => {}
                    (Moved::To(span), Truth::At(s, e)) if (span.start.0, span.end.0) == (s, e) => {}
                    (Moved::Orphan, Truth::At(..)) => orphaned += 1,
                    (Moved::To(span), _) => wrong.push((article.id.clone(), step.kind, old, span, truth)),
                }
                surviving += usize::from(matches!(truth, Truth::At(..)));
            }
        }
    }
    assert!(surviving > 3_000, "the corpus is there: {surviving} passages");
    assert!(wrong.is_empty(), "misplaced: {wrong:?}");
    assert!(orphaned * 200 < surviving, "{orphaned} of {surviving} surviving passages orphaned");
}
