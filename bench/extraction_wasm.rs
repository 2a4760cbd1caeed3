//! The extractor alone, built for the browser the way Trunk builds the app (release profile,
//! wasm-bindgen, wasm-opt), so that `bench/extraction_wasm.mjs` can time it in headless
//! Chromium on every benchmark page.

use wasm_bindgen::prelude::wasm_bindgen;

/// Extracts the article from `html` and returns its body's length, so that the work cannot be
/// optimized away and the page does not copy the text back.
#[wasm_bindgen]
pub fn extract_body_length(html: &str) -> usize {
    article_annotator::model::extract::extract(html, None).body.len()
}

fn main() {}
