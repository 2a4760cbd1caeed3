//! The size floor's "core only": the pure core, exported to JS, with no user interface.

#[path = "exercise.rs"]
mod exercise;

use wasm_bindgen::prelude::wasm_bindgen;

/// What the core makes of a stored library and another input.
#[wasm_bindgen]
pub fn run(stored: String, other: String) -> String {
    exercise::exercise(&stored, &other)
}

fn main() {}
