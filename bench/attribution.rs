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

use article_annotator::model::attribution::suggest;
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
}

/// Precision, recall and F1 of each kind on labeled passages.
#[cfg(not(target_arch = "wasm32"))]
fn evaluate(name: &str, passages: &[labeled::Passage]) {
    use article_annotator::model::attribution::SourceKind;
    use labeled::Counts;
    let mut counts = [Counts::default(), Counts::default()];
    let mut imperfect = Vec::new();
    for passage in passages {
        let before = counts;
        let suggestions = suggest(&passage.text);
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for (slot, kind) in [SourceKind::Anonymous, SourceKind::Named].into_iter().enumerate() {
            let mine: Vec<_> =
                suggestions.iter().filter(|s| s.kind == kind).map(|s| (s.span.start.0, s.span.end.0)).collect();
            let labels: Vec<_> = passage.labels.iter().filter(|l| l.0 == kind).map(|l| (l.1, l.2)).collect();
            counts[slot].right += mine.iter().filter(|&&m| labels.iter().any(|&l| overlaps(m, l))).count();
            counts[slot].found += labels.iter().filter(|&&l| mine.iter().any(|&m| overlaps(m, l))).count();
            counts[slot].suggested += mine.len();
            counts[slot].labeled += labels.len();
        }
        let missed = |c: &Counts, b: &Counts| {
            c.suggested - b.suggested != c.right - b.right || c.labeled - b.labeled != c.found - b.found
        };
        if missed(&counts[0], &before[0]) || missed(&counts[1], &before[1]) {
            imperfect.push(passage.name.as_str());
        }
    }
    println!("{name}: {} passages", passages.len());
    for (name, c) in [("Anonymous attribution", counts[0]), ("Source", counts[1])] {
        println!(
            "  {name:<22} precision {:.3} ({} of {} suggestions), recall {:.3} ({} of {} labels), F1 {:.3}",
            c.precision(),
            c.right,
            c.suggested,
            c.recall(),
            c.found,
            c.labeled,
            c.f1()
        );
    }
    println!(
        "  passages with a wrong or missed source: {}",
        if imperfect.is_empty() { "none".to_string() } else { imperfect.join(", ") }
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use labeled::passages_in;

    println!("attribution benchmark, native (release build)");
    for (name, sub) in [("development set", ""), ("held-out set (written after the rules)", "held-out")] {
        evaluate(name, &passages_in(sub));
    }
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
