//! Re-anchoring benchmark: accuracy on the corpus of edited articles, and the time to
//! re-anchor 1,000 annotations (32 characters of context) in an edited 100,000-word article,
//! against a baseline measured in the same run: a scan of the whole text for each quote, as
//! text-quote matchers without an index do.
//!
//! Native: `cargo bench --bench reanchor`. In headless Chromium: `bench/reanchor` (runs both).

#[path = "../tests/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
mod timing;

use article_annotator::model::anchoring::{Anchor, Anchorer, Method, Selector};
use article_annotator::model::offsets::CharOffset;
use corpus::{Rng, edit, random_spans, synthetic_article};
use timing::median;

/// One annotation as an import has it: quote, 32 characters of context, old start.
struct Quote {
    exact: String,
    prefix: String,
    suffix: String,
    start: usize,
}

fn quotes(text: &str, spans: &[(usize, usize)]) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    spans
        .iter()
        .map(|&(s, e)| Quote {
            exact: chars[s..e].iter().collect(),
            prefix: chars[s.saturating_sub(32)..s].iter().collect(),
            suffix: chars[e..(e + 32).min(chars.len())].iter().collect(),
            start: s,
        })
        .collect()
}

fn selector(q: &Quote) -> Selector<'_> {
    Selector { exact: &q.exact, prefix: &q.prefix, suffix: &q.suffix, start: Some(CharOffset(q.start)) }
}

/// The baseline: every occurrence of the exact quote found by scanning the text, the one
/// whose context agrees best kept.
fn scan(text: &str, q: &Quote) -> Option<usize> {
    text.match_indices(q.exact.as_str())
        .map(|(byte, _)| {
            let before = text[..byte].chars().rev().zip(q.prefix.chars().rev()).take_while(|(a, b)| a == b).count();
            let after = text[byte + q.exact.len()..].chars().zip(q.suffix.chars()).take_while(|(a, b)| a == b).count();
            (before + after, byte)
        })
        .max()
        .map(|(_, byte)| byte)
}

/// Accuracy on the corpus, overall and for each base article.
fn corpus_figures(per_article: usize, print: &dyn Fn(String)) {
    let versions = corpus::corpus(per_article);
    // Per base article: right, wrong, orphaned although the passage survives, deleted.
    let mut rows: Vec<(String, [usize; 4])> = Vec::new();
    let mut by_method = [0usize; 4];
    for version in &versions {
        let base = version.name.split(" #").next().unwrap_or_default().to_string();
        if rows.last().is_none_or(|(name, _)| *name != base) {
            rows.push((base, [0; 4]));
        }
        let counts = &mut rows.last_mut().expect("a row").1;
        let anchorer = Anchorer::new(&version.new);
        let spans: Vec<_> = version.cases.iter().map(|c| c.old).collect();
        for (q, case) in quotes(&version.old, &spans).iter().zip(&version.cases) {
            match (anchorer.anchor(&selector(q)), case.truth) {
                (Anchor::Placed { start, end, method, .. }, Some(t)) if (start.0, end.0) == t => {
                    counts[0] += 1;
                    by_method[method as usize] += 1;
                }
                (Anchor::Placed { .. }, _) => counts[1] += 1,
                (Anchor::Orphan { .. }, Some(_)) => counts[2] += 1,
                (Anchor::Orphan { .. }, None) => counts[3] += 1,
            }
        }
    }
    let total = rows.iter().fold([0; 4], |t, (_, c)| [t[0] + c[0], t[1] + c[1], t[2] + c[2], t[3] + c[3]]);
    print(format!("corpus of {} edited versions ({per_article} per article):", versions.len()));
    for (name, [right, wrong, orphans, deleted]) in rows.iter().chain([&("all".to_string(), total)]) {
        let survivors = right + wrong + orphans;
        print(format!(
            "  {name:<22} right {right:>5} of {survivors:>5} ({:>5.1}%), wrong {wrong}, orphans {orphans}; deleted passages {deleted}",
            100.0 * *right as f64 / survivors as f64
        ));
    }
    print(format!(
        "  right ones placed by position {}, by quote {}, approximately {}",
        by_method[Method::Position as usize],
        by_method[Method::Quote as usize],
        by_method[Method::Approximate as usize]
    ));
}

/// Runs the benchmark; `now` is a clock in milliseconds, `print` writes one line.
pub fn run(now: &dyn Fn() -> f64, print: &dyn Fn(String), with_corpus: bool) {
    if with_corpus {
        // The corpus of the test (200 versions), then a larger run (600) as a stress test.
        for per_article in [50, 150] {
            corpus_figures(per_article, print);
        }
    }
    let old = synthetic_article(100_000, 11);
    let mut rng = Rng::new(5);
    let spans = random_spans(&old, 1_000, &mut rng);
    let new = edit(&old, &spans, 60, &mut rng).text;
    let quotes = quotes(&old, &spans);
    print(format!(
        "speed: {} annotations, {} words ({} characters), 60 edits",
        quotes.len(),
        new.split_whitespace().count(),
        new.chars().count()
    ));
    let (mut ours, mut index, mut baseline) = (Vec::new(), Vec::new(), Vec::new());
    let mut placed = 0;
    for _ in 0..5 {
        let t0 = now();
        let anchorer = Anchorer::new(&new);
        index.push(now() - t0);
        placed = quotes.iter().filter(|q| matches!(anchorer.anchor(&selector(q)), Anchor::Placed { .. })).count();
        ours.push(now() - t0);
        let t0 = now();
        let found = quotes.iter().filter(|q| scan(&new, q).is_some()).count();
        baseline.push(now() - t0);
        assert!(found > 0);
    }
    let (ours, ours_min, ours_max) = median(ours);
    let (base, base_min, base_max) = median(baseline);
    let (index, _, _) = median(index);
    print(format!(
        "  re-anchoring all: median {ours:.1} ms (min {ours_min:.1}, max {ours_max:.1}, 5 runs; of which building the index {index:.1} ms), {placed} placed"
    ));
    print(format!(
        "  baseline, a scan of the text per quote: median {base:.1} ms (min {base_min:.1}, max {base_max:.1}); ours is {:.0}x faster",
        base / ours
    ));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("re-anchoring benchmark, native (release build)");
    run(&timing::clock(), &|line| println!("{line}"), true);
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
    fn reanchor_in_the_browser() {
        console_log!("re-anchoring benchmark, in headless Chromium (release build, wasm)");
        super::run(&now, &|line| console_log!("{line}"), false);
    }
}
