//! Attribution benchmark: precision, recall and F1 of the assistant on the labeled development
//! set (`tests/data/attribution`; a suggestion is right when it overlaps a label of its kind),
//! and the time to analyse a 100,000-word article, against a baseline measured in the same run:
//! one pass that lowercases the text and counts the reporting verbs, the least any cue-based
//! analysis has to do.
//!
//! Native: `cargo bench --bench attribution`. Both, with headless Chromium: `bench/attribution`.

#[path = "../tests/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/labeled.rs"]
mod labeled;
mod timing;

/// The size of the pieces the page reads (`ui::suggestion_actions`).
const PIECE_BYTES: usize = article_annotator::model::attribution::PIECE_BYTES;

use article_annotator::model::attribution::{Suggester, suggest};
use timing::median;

/// Times the analysis of a 100,000-word article; `now` is a clock in milliseconds.
pub fn speed(now: &dyn Fn() -> f64, print: &dyn Fn(String)) {
    let text = corpus::synthetic_article(100_000, 3);
    print(format!("speed: {} words, {} characters", text.split_whitespace().count(), text.chars().count()));
    let (mut ours, mut baseline) = (Vec::new(), Vec::new());
    let mut found = 0;
    for _ in 0..7 {
        let t0 = now();
        found = suggest(&text).len();
        ours.push(now() - t0);
        let t0 = now();
        let lower = text.to_lowercase();
        let cues = lower.split_whitespace().filter(|w| matches!(*w, "said" | "told" | "reported" | "wrote")).count();
        baseline.push(now() - t0);
        assert!(cues > 0);
    }
    let (ours, low, high) = median(ours);
    let (base, base_low, base_high) = median(baseline);
    print(format!("  analysis: median {ours:.1} ms (min {low:.1}, max {high:.1}, 7 runs), {found} suggestions"));
    print(format!(
        "  baseline, lowercase and count cues: median {base:.1} ms (min {base_low:.1}, max {base_high:.1}); analysis is {:.1}x the baseline",
        ours / base
    ));
    // The page runs the assistant a piece at a time, yielding between pieces: its longest
    // task is about the longest piece.
    let mut suggester = Suggester::new(&text, PIECE_BYTES);
    let (mut pieces, mut longest) = (0, 0.0f64);
    loop {
        let t0 = now();
        let Some(_) = suggester.next_piece() else { break };
        longest = longest.max(now() - t0);
        pieces += 1;
    }
    print(format!("  read a piece at a time as the page does: {pieces} pieces, the longest {longest:.1} ms"));
}

/// Precision, recall and F1 of each kind on a labeled set.
#[cfg(not(target_arch = "wasm32"))]
fn evaluate(name: &str, passages: &[labeled::Passage]) {
    let score = labeled::score(passages);
    let labels: usize = passages.iter().map(|p| p.labels.len()).sum();
    println!("{name}: {} texts, {labels} labels, {} wrong or missed", passages.len(), score.mistakes.len());
    for (name, c) in [
        ("Anonymous attribution", score.anonymous),
        ("Named source", score.named),
        ("(pronouns, both kinds)", score.pronouns),
    ] {
        println!(
            "  {name:<24} precision {:.3} ({} of {} suggestions), recall {:.3} ({} of {} labels), F1 {:.3}",
            c.precision(),
            c.right,
            c.suggested,
            c.recall(),
            c.found,
            c.labeled,
            c.f1()
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use labeled::{Part, passages_in, real_articles};

    println!("attribution benchmark, native (release build)");
    evaluate("own passages, development part", &passages_in(""));
    evaluate("own passages, held-out part (written after the rules)", &passages_in("held-out"));
    evaluate("real articles, development part", &real_articles(Part::Development));
    evaluate("real articles, held-out part (ids 0-5, read only here)", &real_articles(Part::HeldOut));
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
    fn analyse_in_the_browser() {
        console_log!("attribution benchmark, in headless Chromium (release build, wasm)");
        super::speed(&now, &|line| console_log!("{line}"));
    }
}
