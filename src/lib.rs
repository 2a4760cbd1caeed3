//! Article Annotator: mark up the claims, sources and anonymous attributions of a news article,
//! entirely in the browser.
//!
//! - [`model`] is the pure core (text, articles, formats); it never touches the browser.
//! - [`browser`] is the thin layer over storage, files and the clock.
//! - [`ui`] holds the Leptos components.

pub mod browser;
pub mod model;
pub mod ui;
