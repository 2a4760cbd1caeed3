//! Painting with the CSS Custom Highlight API: ranges registered under a name are painted by
//! the `::highlight(name)` rules in the stylesheet, without adding a single node to the text.
//! web-sys has these bindings only behind an unstable flag, so the few we use are declared here.

use std::collections::HashMap;

use wasm_bindgen::prelude::*;

use crate::model::span::Span;

#[wasm_bindgen]
extern "C" {
    /// A set of ranges painted together.
    #[wasm_bindgen(js_name = Highlight)]
    type Highlight;

    #[wasm_bindgen(constructor, js_class = "Highlight")]
    fn new() -> Highlight;

    #[wasm_bindgen(method, js_class = "Highlight")]
    fn add(this: &Highlight, range: &web_sys::Range);

    #[wasm_bindgen(method, js_class = "Highlight", js_name = delete)]
    fn remove(this: &Highlight, range: &web_sys::Range) -> bool;

    #[wasm_bindgen(method, js_class = "Highlight")]
    fn clear(this: &Highlight);

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

/// A highlight kept between changes, one range per distinct span: a change adds and removes
/// only the ranges whose spans came or went, so marking one passage among ten thousand costs
/// one range, not ten thousand.
pub struct LiveHighlight {
    highlight: Highlight,
    ranges: HashMap<Span, web_sys::Range>,
}

impl LiveHighlight {
    /// Registers an empty highlight `name`; `None` where the browser cannot paint highlights.
    pub fn new(name: &str, priority: i32) -> Option<LiveHighlight> {
        let registry = registry()?;
        let highlight = Highlight::new();
        highlight.set_priority(priority);
        registry.set(name, &highlight);
        Some(LiveHighlight { highlight, ranges: HashMap::new() })
    }

    /// Paints exactly `spans`, making ranges with `range_of` for the new ones.
    pub fn show(&mut self, spans: &[Span], range_of: impl Fn(Span) -> Option<web_sys::Range>) {
        let wanted: std::collections::HashSet<Span> = spans.iter().copied().collect();
        self.ranges.retain(|span, range| {
            let keep = wanted.contains(span);
            if !keep {
                self.highlight.remove(range);
            }
            keep
        });
        for span in wanted {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.ranges.entry(span)
                && let Some(range) = range_of(span)
            {
                self.highlight.add(&range);
                slot.insert(range);
            }
        }
    }

    /// Forgets every range, for when the text they point into was redrawn.
    pub fn reset(&mut self) {
        self.highlight.clear();
        self.ranges.clear();
    }
}
