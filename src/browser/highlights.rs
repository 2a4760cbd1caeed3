//! Painting with the CSS Custom Highlight API: ranges registered under a name are painted by
//! the `::highlight(name)` rules in the stylesheet, without adding a single node to the text.
//! web-sys has these bindings only behind an unstable flag, so the few we use are declared here.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A set of ranges painted together.
    #[wasm_bindgen(js_name = Highlight)]
    type Highlight;

    #[wasm_bindgen(constructor, js_class = "Highlight")]
    fn new() -> Highlight;

    #[wasm_bindgen(method, js_class = "Highlight")]
    fn add(this: &Highlight, range: &web_sys::Range);

    #[wasm_bindgen(method, setter, js_class = "Highlight")]
    fn set_priority(this: &Highlight, priority: i32);

    /// `CSS.highlights`.
    type HighlightRegistry;

    #[wasm_bindgen(method, js_class = "HighlightRegistry")]
    fn set(this: &HighlightRegistry, name: &str, highlight: &Highlight);

    #[wasm_bindgen(method, js_class = "HighlightRegistry", js_name = delete)]
    fn remove(this: &HighlightRegistry, name: &str) -> bool;
}

fn registry() -> Option<HighlightRegistry> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let registry = js_sys::Reflect::get(&css, &"highlights".into()).ok()?;
    (!registry.is_undefined()).then(|| registry.unchecked_into())
}

/// Whether this browser can paint highlights (Chromium 105+, Safari 17.2+, Firefox 140+).
pub fn supported() -> bool {
    registry().is_some()
}

/// Paints `ranges` as the highlight `name`, replacing what was painted under that name.
/// Higher `priority` paints on top where highlights overlap.
pub fn paint(name: &str, ranges: impl IntoIterator<Item = web_sys::Range>, priority: i32) {
    let Some(registry) = registry() else { return };
    let highlight = Highlight::new();
    for range in ranges {
        highlight.add(&range);
    }
    highlight.set_priority(priority);
    registry.set(name, &highlight);
}

/// Stops painting the highlight `name`.
pub fn clear(name: &str) {
    if let Some(registry) = registry() {
        registry.remove(name);
    }
}
