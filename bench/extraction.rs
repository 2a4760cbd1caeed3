//! Runs the extractor on every page of a folder of HTML files (the article-extraction
//! benchmark, unpacked by `bench/extraction`) and writes the predictions the benchmark's
//! metric reads, `{id: {"articleBody": ...}}`, then prints the time per page.
//!
//! usage: cargo bench --bench extraction -- PAGES_DIR PREDICTIONS.json

use std::time::{Duration, Instant};

use article_annotator::model::extract::extract;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let [pages, out] = args.as_slice() else {
        eprintln!("usage: extraction PAGES_DIR PREDICTIONS.json");
        std::process::exit(2);
    };
    let mut files: Vec<_> = std::fs::read_dir(pages).expect("pages folder").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let mut predictions = serde_json::Map::new();
    let mut times: Vec<(Duration, usize, String)> = Vec::new();
    for file in files {
        let id = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().trim_end_matches(".html").to_string();
        let bytes = std::fs::read(&file).expect("page");
        let html = String::from_utf8_lossy(&bytes);
        let started = Instant::now();
        let page = extract(&html, None);
        times.push((started.elapsed(), bytes.len(), id.clone()));
        predictions.insert(id, serde_json::json!({ "articleBody": page.body }));
    }
    std::fs::write(out, serde_json::Value::Object(predictions).to_string()).expect("write predictions");
    let mut sorted: Vec<Duration> = times.iter().map(|t| t.0).collect();
    sorted.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let largest = times.iter().max_by_key(|t| t.1).expect("at least one page");
    println!(
        "native extraction, {} pages: median {:.1} ms, 95th percentile {:.1} ms, slowest {:.1} ms; largest page ({} bytes, {}) {:.1} ms",
        sorted.len(),
        ms(sorted[sorted.len() / 2]),
        ms(sorted[sorted.len() * 95 / 100]),
        ms(*sorted.last().expect("at least one page")),
        largest.1,
        &largest.2[..12],
        ms(largest.0),
    );
}
