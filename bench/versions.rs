//! Versions benchmark (issue 22): annotations moved to each new version of real articles
//! (`tests/support/versions.rs`: the extraction benchmark's texts, edited as articles are after
//! publication), right / wrong / orphaned per kind of edit, development and held-out parts
//! apart, by the diff of the two texts and, for comparison, by the selector matcher an import of
//! quotes alone uses; then the time to diff two versions of a 100,000-word article and move
//! 10,000 annotations through the diff, against the selector matcher on the same annotations.
//!
//! Native: `cargo bench --bench versions`. Both, with headless Chromium: `bench/versions`.
//! `VERSIONS_STEPS=N` publishes N versions of each article (12 by default); `VERSIONS_SHOW=1`
//! prints each development case the diff got wrong or orphaned (`VERSIONS_SHOW=selectors`: the
//! selector matcher), never a held-out one.

#[path = "../tests/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
mod timing;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/versions.rs"]
mod versions;

use article_annotator::model::anchoring::through_diff::{Moved, move_through};
use article_annotator::model::anchoring::{Anchor, Anchorer, Selector};
use article_annotator::model::diff::Diff;
use article_annotator::model::offsets::CharOffset;
use article_annotator::model::span::Span;
use corpus::{Rng, edit, random_spans, synthetic_article};
use timing::median;

fn span((s, e): (usize, usize)) -> Span {
    Span { start: CharOffset(s), end: CharOffset(e) }
}

/// The selector matcher's answer for a span of `old`: its quote, 32 characters each side and
/// its old start, as our export keeps them.
fn by_selector(anchorer: &Anchorer, old: &[char], (s, e): (usize, usize)) -> Option<(usize, usize)> {
    let exact: String = old[s..e].iter().collect();
    let prefix: String = old[s.saturating_sub(32)..s].iter().collect();
    let suffix: String = old[e..(e + 32).min(old.len())].iter().collect();
    let selector = Selector { exact: &exact, prefix: &prefix, suffix: &suffix, start: Some(CharOffset(s)) };
    match anchorer.anchor(&selector) {
        Anchor::Placed { start, end, .. } => Some((start.0, end.0)),
        Anchor::Orphan { .. } => None,
    }
}

/// right, wrong, orphaned although the passage is there, surviving passages, unscored.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Default)]
struct Tally {
    right: usize,
    wrong: usize,
    orphaned: usize,
    surviving: usize,
    unscored: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl Tally {
    fn add(&mut self, answer: Option<(usize, usize)>, truth: versions::Truth) {
        use versions::Truth;
        match (answer, truth) {
            (_, Truth::Unscored) => self.unscored += 1,
            (Some(placed), Truth::At(s, e)) if placed == (s, e) => self.right += 1,
            (None, Truth::Gone) => self.right += 1,
            (Some(_), _) => self.wrong += 1,
            (None, Truth::At(..)) => self.orphaned += 1,
        }
        if matches!(truth, Truth::At(..)) {
            self.surviving += 1;
        }
    }

    fn line(&self, name: &str) -> String {
        let scored = self.right + self.wrong + self.orphaned;
        format!(
            "  {name:<28} right {:>6} of {scored:>6}, wrong {:>3}, orphaned {:>4} ({:.2}% of {} surviving passages); unscored {}",
            self.right,
            self.wrong,
            self.orphaned,
            100.0 * self.orphaned as f64 / self.surviving.max(1) as f64,
            self.surviving,
            self.unscored
        )
    }

    fn plus(self, other: Tally) -> Tally {
        Tally {
            right: self.right + other.right,
            wrong: self.wrong + other.wrong,
            orphaned: self.orphaned + other.orphaned,
            surviving: self.surviving + other.surviving,
            unscored: self.unscored + other.unscored,
        }
    }
}

/// Prints a development case the diff got wrong or orphaned (`VERSIONS_SHOW=1`): never the
/// held-out part's.
#[cfg(not(target_arch = "wasm32"))]
fn show_case(
    id: &str,
    step: &versions::Step,
    (s, e): (usize, usize),
    answer: Option<(usize, usize)>,
    truth: versions::Truth,
) {
    let cut = |text: &str, a: usize, b: usize| -> String {
        let chars: Vec<char> = text.chars().collect();
        format!(
            "{}[{}]{}",
            chars[a.saturating_sub(40)..a].iter().collect::<String>(),
            chars[a..b].iter().collect::<String>(),
            chars[b..(b + 40).min(chars.len())].iter().collect::<String>()
        )
    };
    println!("--- {} ({id}): {:?}\n  old:    {:?}", step.kind, truth, cut(&step.old, s, e));
    if let versions::Truth::At(a, b) = truth {
        println!("  truth:  {:?}", cut(&step.new, a, b));
    }
    if let Some((a, b)) = answer {
        println!("  placed: {:?}", cut(&step.new, a, b));
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn corpus_figures() {
    let show = std::env::var_os("VERSIONS_SHOW").is_some();
    let show_selectors = std::env::var("VERSIONS_SHOW").is_ok_and(|v| v == "selectors");
    let articles = versions::articles(std::env::var("VERSIONS_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(12));
    for held_out in [false, true] {
        let part: Vec<_> = articles.iter().filter(|a| a.held_out == held_out).collect();
        let steps: usize = part.iter().map(|a| a.steps.len()).sum();
        let cases: usize = part.iter().flat_map(|a| &a.steps).map(|s| s.cases.len()).sum();
        println!(
            "{} part: {} articles, {steps} versions, {cases} annotations moved",
            if held_out { "held-out (ids 0-4)" } else { "development" },
            part.len()
        );
        let (mut diff_rows, mut selector_rows) = ([Tally::default(); 9], [Tally::default(); 9]);
        for (article, step) in part.iter().flat_map(|a| a.steps.iter().map(move |s| (a, s))) {
            let k = versions::KINDS.iter().position(|&k| k == step.kind).expect("a known kind");
            let spans: Vec<Span> = step.cases.iter().map(|&(old, _)| span(old)).collect();
            let moved = move_through(&Diff::between(&step.old, &step.new), &step.old, &step.new, &spans);
            let anchorer = Anchorer::new(&step.new);
            let old: Vec<char> = step.old.chars().collect();
            for (&(old_span, truth), moved) in step.cases.iter().zip(moved) {
                let answer = match moved {
                    Moved::To(s) => Some((s.start.0, s.end.0)),
                    Moved::Orphan => None,
                };
                let right = match (answer, truth) {
                    (None, versions::Truth::Gone) | (_, versions::Truth::Unscored) => true,
                    (Some(a), versions::Truth::At(s, e)) => a == (s, e),
                    _ => false,
                };
                if show && !show_selectors && !held_out && !right {
                    show_case(&article.id, step, old_span, answer, truth);
                }
                diff_rows[k].add(answer, truth);
                let by_quote = by_selector(&anchorer, &old, old_span);
                let quote_right = match (by_quote, truth) {
                    (None, versions::Truth::Gone) | (_, versions::Truth::Unscored) => true,
                    (Some(a), versions::Truth::At(s, e)) => a == (s, e),
                    _ => false,
                };
                if show_selectors && !held_out && !quote_right {
                    show_case(&article.id, step, old_span, by_quote, truth);
                }
                selector_rows[k].add(by_quote, truth);
            }
        }
        for (method, rows) in
            [("through the diff of the two texts", diff_rows), ("by selectors only (quote, context)", selector_rows)]
        {
            println!(" {method}:");
            for (k, row) in rows.iter().enumerate() {
                println!("{}", row.line(versions::KINDS[k]));
            }
            println!("{}", rows.iter().fold(Tally::default(), |t, r| t.plus(*r)).line("all"));
        }
    }
}

/// Times the diff of two versions of a 100,000-word article and moving 10,000 annotations
/// through it; `now` is a clock in milliseconds.
pub fn speed(now: &dyn Fn() -> f64, print: &dyn Fn(String)) {
    let old = synthetic_article(100_000, 11);
    let mut rng = Rng::new(5);
    let spans = random_spans(&old, 10_000, &mut rng);
    let new = edit(&old, &spans[..1_000], 60, &mut rng).text;
    let spans: Vec<Span> = spans.into_iter().map(span).collect();
    print(format!(
        "speed: {} annotations, {} words ({} characters), 60 edits",
        spans.len(),
        new.split_whitespace().count(),
        new.chars().count()
    ));
    let (mut diffing, mut total, mut baseline) = (Vec::new(), Vec::new(), Vec::new());
    let mut placed = 0;
    let old_chars: Vec<char> = old.chars().collect();
    for run in 0..5 {
        let t0 = now();
        let diff = Diff::between(&old, &new);
        diffing.push(now() - t0);
        placed = move_through(&diff, &old, &new, &spans).iter().filter(|m| matches!(m, Moved::To(_))).count();
        total.push(now() - t0);
        // The baseline: the selector matcher (index, then each quote), on the first 2,000.
        if run < 3 {
            let t0 = now();
            let anchorer = Anchorer::new(&new);
            let found = spans[..2_000]
                .iter()
                .filter(|s| by_selector(&anchorer, &old_chars, (s.start.0, s.end.0)).is_some())
                .count();
            baseline.push((now() - t0) * 5.0);
            assert!(found > 0);
        }
    }
    let (total, low, high) = median(total);
    let (diffing, _, _) = median(diffing);
    let (base, _, _) = median(baseline);
    print(format!(
        "  diff and move: median {total:.1} ms (min {low:.1}, max {high:.1}, 5 runs; the diff alone {diffing:.1} ms), {placed} placed"
    ));
    print(format!(
        "  baseline, the selector matcher on the same annotations (2,000 timed, x5): {base:.1} ms; the diff is {:.1}x faster",
        base / total
    ));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("versions benchmark, native (release build)");
    corpus_figures();
    speed(&timing::clock(), &|line| println!("{line}"));
}

/// In the browser the benchmark is a wasm-bindgen test (below), which the runner calls.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::timing::now;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn versions_in_the_browser() {
        console_log!("versions benchmark, in headless Chromium (release build, wasm)");
        super::speed(&now, &|line| console_log!("{line}"));
    }
}
