//! The article text, laid out for reading.

use std::ops::Range;

use leptos::prelude::*;

use crate::model::text::{paragraphs, split_marked};

/// The article text. Its container's text content is exactly the article text: paragraphs are
/// spans, the blank lines between them are the text's own `"\n\n"`, and nothing else is added.
#[component]
pub fn ArticleText(
    /// The normalized article text.
    #[prop(into)]
    text: Signal<String>,
    /// Byte ranges to show as about to be removed (the leftovers preview).
    #[prop(into)]
    struck: Signal<Vec<Range<usize>>>,
    /// The container element, for code that maps DOM positions to offsets.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let rendered = move || {
        let struck = struck.get();
        text.with(|text| {
            let ranges = paragraphs(text);
            let last = ranges.len().saturating_sub(1);
            ranges
                .into_iter()
                .enumerate()
                .map(|(i, para)| {
                    let separator = if i < last { "\n\n" } else { "" };
                    let pieces = split_marked(para, &struck)
                        .into_iter()
                        .map(|(piece, is_struck)| {
                            let piece = text[piece].to_string();
                            if is_struck { view! { <del>{piece}</del> }.into_any() } else { piece.into_any() }
                        })
                        .collect_view();
                    (view! { <span class="para">{pieces}</span> }, separator)
                })
                .collect_view()
        })
    };
    view! {
        <div
            id="article-text"
            class="article-text"
            role="document"
            aria-label="Article text"
            aria-roledescription="annotatable text"
            aria-describedby="current-annotation"
            dir="auto"
            tabindex="0"
            node_ref=node_ref
        >
            {rendered}
        </div>
    }
}
