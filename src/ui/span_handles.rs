//! Handles at the two ends of the current annotation: drag one to move that end in the text,
//! or focus it and press Left / Right. Each move is one undoable change.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::state::AppState;
use super::text_popups::px;
use crate::browser::text_dom::{self, TextMap};
use crate::browser::{clock, highlights};
use crate::model::motion::Edge;
use crate::model::offsets::CharOffset;
use crate::model::span::Span;

/// How far into its line a knob reaches from the line's edge, in CSS pixels: knobs sit on the
/// gap between lines, so that they cover no character a click or a drag aims at. A dragged knob
/// follows the end it proposes and is drawn at 1.25 times its 14 pixels (`.span-handle:hover`),
/// 8.75 pixels either side of its centre: the point aimed at must lie beyond that, or the text
/// under the pointer is found under the knob itself.
const HANDLE_REACH: f64 = 11.0;

/// Where the handles of the current annotation stand, in viewport pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ends {
    start: (f64, f64),
    end: (f64, f64),
}

/// The two handles of the current annotation; `paint_active` shows a span as the current one
/// while an end is dragged.
#[component]
pub fn SpanHandles(
    /// The open article's id.
    article: StoredValue<String>,
    /// The text's DOM map, to turn points into offsets and spans into rectangles.
    map: StoredValue<Option<TextMap>, LocalStorage>,
    /// Moves when the text is laid out anew.
    map_version: RwSignal<u64>,
    /// The highlight the current annotation is painted with.
    active_highlight: &'static str,
) -> impl IntoView {
    let state = AppState::get();
    let span_of_active = move || {
        let id = state.active.get()?;
        state.library.with(|l| {
            l.get(&article.read_value())?.annotations.iter().find(|a| a.id == id).map(|a| (id.clone(), a.span()))
        })
    };
    let span_of_active_untracked = move || untrack(span_of_active);
    // The span being dragged to, before it is let go.
    let dragging = RwSignal::new(None::<(Edge, Span)>);
    // Where the handles stand, measured from the laid-out text.
    let ends = RwSignal::new(None::<Ends>);
    let measure = move || {
        let span = dragging.try_get_untracked()?.map(|(_, s)| s).or_else(|| span_of_active_untracked().map(|(_, s)| s));
        let measured = span.and_then(|span| {
            map.try_with_value(|m| {
                let m = m.as_ref()?;
                let first = m.range(Span { start: span.start, end: CharOffset(span.start.0 + 1) })?;
                let last = m.range(Span { start: CharOffset(span.end.0 - 1), end: span.end })?;
                let (left, top, _) = text_dom::rect_of(&first);
                Some(Ends { start: (left, top), end: text_dom::right_bottom_of(&last) })
            })?
        });
        ends.try_set(measured)
    };
    // Scrolling, resizing and dragging leave the layout as it was painted: measured at once,
    // so that the handles follow the text in the same frame.
    let on_scroll = window_event_listener_untyped("scroll", move |_| {
        measure();
    });
    let on_resize = window_event_listener_untyped("resize", move |_| {
        measure();
    });
    // So does the page's layout moving the text without a scroll: a notice shown or dismissed
    // above it on a narrow screen, where notices take their place in the page.
    let relaid = Closure::<dyn Fn()>::new(move || {
        measure();
    });
    let layout_watch = web_sys::ResizeObserver::new(relaid.as_ref().unchecked_ref()).ok();
    if let (Some(watch), Some(body)) = (&layout_watch, document().body()) {
        watch.observe(&body);
    }
    let layout_watch = StoredValue::new_local((layout_watch, relaid));
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
        layout_watch.with_value(|(watch, _)| {
            if let Some(watch) = watch {
                watch.disconnect();
            }
        });
    });
    // A change of the current annotation or of the text is measured once it is painted:
    // measuring now would make the browser lay out the whole change inside its script (10 ms
    // of an add with 10,000 annotations, bench/README.md), and the handles show a frame later.
    Effect::new(move |_| {
        map_version.track();
        span_of_active();
        clock::after_next_frame(move || {
            measure();
        });
    });
    let proposed = move |edge: Edge, x: f64, y: f64| {
        let (_, span) = span_of_active()?;
        // The start's knob sits on the top of its line, the end's on the bottom: aim inside.
        let y = match edge {
            Edge::Start => y + HANDLE_REACH,
            Edge::End => y - HANDLE_REACH,
        };
        let at = map.with_value(|m| m.as_ref()?.offset_at_point(x, y))?;
        match edge {
            Edge::Start => Span::new(at, span.end),
            Edge::End => Span::new(span.start, at),
        }
    };
    let handle = move |edge: Edge| {
        let (name, class) = match edge {
            Edge::Start => ("Start of the current annotation", "span-handle span-handle-start"),
            Edge::End => ("End of the current annotation", "span-handle span-handle-end"),
        };
        let position = move || {
            ends.get().map(|e| match edge {
                Edge::Start => e.start,
                Edge::End => e.end,
            })
        };
        view! {
            <Show when=move || position().is_some()>
                <button
                    type="button"
                    class=class
                    aria-label=name
                    aria-description="Drag along the text, or press Left and Right, to move this end"
                    style:left=move || position().map(|(x, _)| px(x)).unwrap_or_default()
                    style:top=move || position().map(|(_, y)| px(y)).unwrap_or_default()
                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                        ev.prevent_default();
                        if let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = target.set_pointer_capture(ev.pointer_id());
                        }
                        if let Some((_, span)) = span_of_active() {
                            dragging.set(Some((edge, span)));
                            measure();
                        }
                    }
                    on:pointermove=move |ev: leptos::ev::PointerEvent| {
                        if dragging.get_untracked().is_none() {
                            return;
                        }
                        if let Some(span) = proposed(edge, ev.client_x() as f64, ev.client_y() as f64) {
                            dragging.set(Some((edge, span)));
                            measure();
                            let range = map.with_value(|m| m.as_ref().and_then(|m| m.range(span)));
                            highlights::paint(active_highlight, range, 2);
                        }
                    }
                    on:pointerup=move |_| {
                        let Some((_, span)) = dragging.get_untracked() else { return };
                        dragging.set(None);
                        measure();
                        if let Some((id, before)) = span_of_active()
                            && before != span
                        {
                            state.set_span(&id, span);
                        }
                    }
                    on:keydown=move |ev| {
                        let forward = match ev.key().as_str() {
                            "ArrowRight" => true,
                            "ArrowLeft" => false,
                            _ => return,
                        };
                        ev.prevent_default();
                        ev.stop_propagation();
                        if let Some((id, _)) = span_of_active() {
                            state.move_edge(&id, edge, forward);
                        }
                    }
                ></button>
            </Show>
        }
    };
    view! {
        {handle(Edge::Start)}
        {handle(Edge::End)}
    }
}
