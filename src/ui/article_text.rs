//! The article text, laid out for reading.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::text_dom;

/// The article text. Its container's text content is exactly the article text: paragraphs are
/// spans, the blank lines between them are the text's own `"\n\n"`, and nothing else is added.
///
/// The paragraphs are laid out by [`text_dom::lay_out`], not as Leptos views: views keep a copy
/// of each paragraph's text and handles on its nodes for as long as the article is open, which
/// for a long report is another copy of it in memory and three times the DOM nodes.
#[component]
pub fn ArticleText(
    /// The normalized article text.
    #[prop(into)]
    text: Signal<Arc<str>>,
    /// Byte ranges to show as about to be removed (the leftovers preview).
    #[prop(into)]
    struck: Signal<Vec<Range<usize>>>,
    /// The container element, for code that maps DOM positions to offsets.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Div>,
    /// Called with the container each time the text has been laid out anew.
    #[prop(optional, into)]
    on_laid_out: Option<Callback<web_sys::HtmlDivElement>>,
) -> impl IntoView {
    Effect::new(move |_| {
        let Some(element) = node_ref.get() else { return };
        text.with(|text| struck.with(|struck| text_dom::lay_out(&element, text, struck)));
        if let Some(on_laid_out) = on_laid_out {
            on_laid_out.run(element);
        }
    });
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
        ></div>
    }
}
