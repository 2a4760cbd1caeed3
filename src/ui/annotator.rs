//! The article text as a surface to annotate: highlights, a keyboard caret, and the keys that
//! work on the text; what floats over it is in `text_popups.rs`, the current annotation's
//! ends in `span_handles.rs`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::article_text::ArticleText;
use super::span_handles::SpanHandles;
use super::state::{AppState, PendingSelection};
use super::text_popups::{HoverCard, SelectionToolbar, StackChooser};
use crate::browser::highlights::{self, LiveHighlight};
use crate::browser::text_dom::{self, TextMap};
use crate::browser::{clock, events};
use crate::model::library::{Annotation, AnnotationKind};
use crate::model::motion::{self, Edge, Unit};
use crate::model::offsets::CharOffset;
use crate::model::span::{self, Span};

/// The highlight of the current annotation (painted over the kinds).
const ACTIVE: &str = "aa-active";
/// The highlight of the keyboard caret: the character after it, while nothing is selected.
const CARET: &str = "aa-caret";
/// The caret at the end of a paragraph: the character before it, marked as being before it.
const CARET_AFTER: &str = "aa-caret-after";

/// The highlight of one kind's annotations; `style/main.css` gives each its `::highlight` rule.
fn highlight_name(kind: AnnotationKind) -> String {
    format!("aa-{}", kind.slug())
}

/// The highlight of the suggestion being looked at.
const SUGGESTION: &str = "aa-suggest-current";

/// Ratings get a colored overline each, by their place in the scale (the CSS has eight).
const RATING_HIGHLIGHTS: usize = 8;

/// The highlight of claims given the rating at `index` of the scale.
fn rating_highlight(index: usize) -> String {
    format!("aa-rating-{}", index.min(RATING_HIGHLIGHTS - 1))
}

/// The article's annotations, read where they are kept: copying ten thousand of them on every
/// change cost more than the change.
#[derive(Clone, Copy)]
pub(super) struct Annotations {
    state: AppState,
    article: StoredValue<String>,
}

impl Annotations {
    pub(super) fn with<R>(self, read: impl FnOnce(&[Annotation]) -> R) -> R {
        self.state.library.with(|l| read(l.get(&self.article.read_value()).map_or(&[], |a| &a.annotations)))
    }

    pub(super) fn with_untracked<R>(self, read: impl FnOnce(&[Annotation]) -> R) -> R {
        self.state.library.with_untracked(|l| read(l.get(&self.article.read_value()).map_or(&[], |a| &a.annotations)))
    }
}

/// Annotations under the pointer, for a hover card or a chooser.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Stack {
    pub(super) ids: Vec<String>,
    pub(super) x: f64,
    pub(super) y: f64,
}

/// The annotated article text.
#[component]
pub fn Annotator(
    /// The article's id.
    id: String,
    /// Its text.
    text: Memo<Arc<str>>,
    /// Byte ranges previewed as removed (leftovers).
    struck: RwSignal<Vec<Range<usize>>>,
) -> impl IntoView {
    let state = AppState::get();
    let article = StoredValue::new(id);
    let container = NodeRef::<html::Div>::new();
    let map = StoredValue::new_local(None::<TextMap>);
    let map_version = RwSignal::new(0u64);
    // The keyboard caret: (anchor, focus); a selection when they differ.
    let caret = RwSignal::new(None::<(CharOffset, CharOffset)>);
    let focused = RwSignal::new(false);
    let hover = RwSignal::new(None::<Stack>);
    let chooser = RwSignal::new(None::<Stack>);
    let annotations = Annotations { state, article };
    let range_of = move |span: Span| map.with_value(|m| m.as_ref().and_then(|m| m.range(span)));

    // After the text is laid out, map its nodes; after any change, paint every kind.
    let on_laid_out = move |element: web_sys::HtmlDivElement| {
        map.set_value(Some(TextMap::of(&element)));
        map_version.update(|v| *v += 1);
    };
    // Only the text on screen and two screens either side has its highlights registered, and
    // the rest as it scrolls near. Chromium re-validates every registered range on each change
    // to the page: with the ten thousand of a long report registered, any change, even one
    // outside the text, took 80 ms to paint.
    let registered_part = RwSignal::new(None::<Span>);
    let printing = StoredValue::new(false);
    let follow_screen = move |forced: bool| {
        if printing.get_value() {
            return;
        }
        map.with_value(|m| {
            let Some(m) = m else { return };
            let needed = m.on_screen(0.5);
            let covered = registered_part.with_untracked(|part| match (part, needed) {
                (_, None) => true,
                (Some(part), Some(needed)) => part.start <= needed.start && needed.end <= part.end,
                (None, Some(_)) => false,
            });
            if forced || !covered {
                registered_part.set(m.on_screen(2.0));
            }
        })
    };
    Effect::new(move |_| {
        map_version.track();
        follow_screen(true);
    });
    let scrolled = StoredValue::new(false);
    let on_screen_change = move || {
        // At most once a frame, however fast the scrolling.
        if !scrolled.get_value() {
            scrolled.set_value(true);
            request_animation_frame(move || {
                scrolled.set_value(false);
                follow_screen(false);
            });
        }
    };
    let resized = window_event_listener_untyped("resize", move |_| on_screen_change());
    // Printing shows the whole text, so every highlight is registered for it.
    let before_print = window_event_listener_untyped("beforeprint", move |_| {
        printing.set_value(true);
        registered_part.set(map.with_value(|m| m.as_ref().and_then(TextMap::all)));
    });
    let after_print = window_event_listener_untyped("afterprint", move |_| {
        printing.set_value(false);
        follow_screen(true);
    });
    on_cleanup(move || {
        resized.remove();
        before_print.remove();
        after_print.remove();
    });
    let registered = move |span: Span| {
        registered_part.with(|part| part.is_some_and(|part| span.start < part.end && part.start < span.end))
    };
    // Each kind keeps its highlight between changes and updates only the ranges that changed;
    // a redrawn text makes every range anew.
    let live = StoredValue::new_local(None::<(u64, Vec<LiveHighlight>)>);
    Effect::new(move |_| {
        let version = map_version.get();
        annotations.with(|all| {
            map.with_value(|m| {
                let Some(m) = m else { return };
                live.update_value(|live| {
                    let (painted, kinds) = live.get_or_insert_with(|| {
                        let kinds =
                            AnnotationKind::ALL.iter().filter_map(|k| LiveHighlight::new(&highlight_name(*k), 1));
                        (version, kinds.collect())
                    });
                    if *painted != version {
                        kinds.iter_mut().for_each(LiveHighlight::reset);
                        *painted = version;
                    }
                    for (kind, highlight) in AnnotationKind::ALL.into_iter().zip(kinds.iter_mut()) {
                        let spans: Vec<Span> = all
                            .iter()
                            .filter(|a| a.kind == kind)
                            .map(Annotation::span)
                            .filter(|s| registered(*s))
                            .collect();
                        highlight.show(&spans, |s| m.range(s));
                    }
                });
            })
        });
    });
    // Suggestions are dashed, the one being looked at stands out and comes into view.
    Effect::new(move |_| {
        map_version.track();
        let at = state.suggestion_at.get();
        state.suggestions.with(|all| {
            for kind in [AnnotationKind::Source, AnnotationKind::AnonymousAttribution] {
                let spans =
                    all.iter().filter(|s| s.kind == kind && registered(s.span)).filter_map(|s| range_of(s.span));
                highlights::paint(&format!("aa-suggest-{}", kind.slug()), spans, 1);
            }
            let current = all.get(at).map(|s| s.span);
            highlights::paint(SUGGESTION, current.and_then(range_of), 2);
            if let Some(span) = current {
                request_animation_frame(move || {
                    if let Some(range) = range_of(span) {
                        text_dom::reveal(&range);
                    }
                });
            }
        });
    });
    // A claim's verdict shows as an overline in its rating's color.
    let rated = Memo::new(move |_| {
        state.library.with(|l| {
            let Some(article) = l.get(&article.read_value()) else { return Vec::new() };
            let judged: HashSet<&str> = article.verdicts.iter().map(|v| v.claim.as_str()).collect();
            let claims: HashMap<&str, &Annotation> = article
                .annotations
                .iter()
                .filter(|a| judged.contains(a.id.as_str()))
                .map(|a| (a.id.as_str(), a))
                .collect();
            let mut groups = vec![Vec::new(); RATING_HIGHLIGHTS];
            for verdict in &article.verdicts {
                let index = l.ratings.iter().position(|r| *r == verdict.rating);
                let claim = claims.get(verdict.claim.as_str());
                if let (Some(index), Some(claim)) = (index, claim) {
                    groups[index.min(RATING_HIGHLIGHTS - 1)].push(claim.span());
                }
            }
            groups
        })
    });
    Effect::new(move |_| {
        map_version.track();
        rated.with(|groups| {
            for (index, spans) in groups.iter().enumerate() {
                let spans = spans.iter().filter(|s| registered(**s)).filter_map(|s| range_of(*s));
                highlights::paint(&rating_highlight(index), spans, 1);
            }
        });
    });
    Effect::new(move |_| {
        map_version.track();
        let active = state.active.get();
        let span = annotations.with(|all| all.iter().find(|a| Some(&a.id) == active.as_ref()).map(Annotation::span));
        highlights::paint(ACTIVE, span.and_then(range_of), 2);
        // Measuring where it is forces a layout: leave that to the next frame.
        if let Some(span) = span {
            request_animation_frame(move || {
                if let Some(range) = range_of(span) {
                    text_dom::reveal(&range);
                }
            });
        }
    });
    Effect::new(move |_| {
        map_version.track();
        let cell = match (focused.get(), caret.get()) {
            (true, Some((anchor, focus))) if anchor == focus => text.with_untracked(|t| motion::caret_cell(t, focus)),
            _ => None,
        };
        let range = |at: CharOffset| Span::new(at, CharOffset(at.0 + 1)).and_then(range_of);
        let (before, after) = match cell {
            Some((at, false)) => (range(at), None),
            Some((at, true)) => (None, range(at)),
            None => (None, None),
        };
        highlights::paint(CARET_AFTER, after, 3);
        let shown = before;
        highlights::paint(CARET, shown, 3);
    });
    on_cleanup(move || {
        for kind in AnnotationKind::ALL {
            highlights::clear(&highlight_name(kind));
        }
        for index in 0..RATING_HIGHLIGHTS {
            highlights::clear(&rating_highlight(index));
        }
        for name in ["aa-suggest-source", "aa-suggest-anonymous", SUGGESTION] {
            highlights::clear(name);
        }
        highlights::clear(ACTIVE);
        highlights::clear(CARET);
        highlights::clear(CARET_AFTER);
        state.pending.set(None);
    });

    // The page's selection, whether made by mouse, touch or keys, drives the toolbar.
    let place_toolbar = move || {
        let ends = map.with_value(|m| m.as_ref().and_then(TextMap::selection_ends));
        let Some((anchor, focus)) = ends else {
            // The selection went (Escape, a mark): the caret stays where the selection ended.
            state.pending.set(None);
            caret.update(|c| *c = c.map(|(_, focus)| (focus, focus)));
            return;
        };
        caret.set(Some((anchor, focus)));
        let selected = Span::new(anchor.min(focus), anchor.max(focus));
        let trimmed = selected.and_then(|s| text.with_untracked(|t| span::trim(t, s)));
        let pending = trimmed.and_then(|span| {
            let (left, _, bottom) = text_dom::rect_of(&range_of(span)?);
            Some(PendingSelection { span, left, bottom })
        });
        state.pending.set(pending);
    };
    // Dropped, and so removed, with this component. After the app emptied the selection (a
    // mark), reading it back at once would make Chromium recalculate style in the middle of the
    // change (2.6 ms of adding a mark among 10,000), so it is read in the task after the frame.
    StoredValue::new_local(events::listen_document("selectionchange", move |_| {
        if !text_dom::take_emptied() {
            return place_toolbar();
        }
        clock::after_next_frame(move || {
            // The component may be gone by then.
            if map.try_with_value(|_| ()).is_some() {
                place_toolbar();
            }
        });
    }));
    let scroll_listener = window_event_listener_untyped("scroll", move |_| {
        if state.pending.get_untracked().is_some() {
            place_toolbar();
        }
        hover.set(None);
        on_screen_change();
    });
    on_cleanup(move || scroll_listener.remove());

    // Keys that work anywhere in the page but in form fields and dialogs.
    let step_through = move |forward: bool| {
        // Start from where the caret is now, not where the last `selectionchange` left it.
        place_toolbar();
        let order: Vec<(String, Span)> = state.library.with_untracked(|l| {
            l.get(&article.read_value())
                .map(|a| a.annotations_in_text_order().into_iter().map(|n| (n.id.clone(), n.span())).collect())
                .unwrap_or_default()
        });
        if order.is_empty() {
            state.announcement.set("There are no annotations yet.".into());
            return;
        }
        let current = state.active.get_untracked().and_then(|id| order.iter().position(|(i, _)| *i == id));
        let next = match (current, forward) {
            (Some(i), true) => (i + 1).min(order.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, _) => {
                let at = caret.get_untracked().map_or(CharOffset(0), |c| c.1);
                let after = order.iter().position(|(_, s)| s.start >= at);
                if forward { after.unwrap_or(order.len() - 1) } else { after.unwrap_or(order.len()).saturating_sub(1) }
            }
        };
        let (id, span) = order[next].clone();
        caret.set(Some((span.start, span.start)));
        state.active.set(Some(id.clone()));
        let (kind, note) = state.library.with_untracked(|l| {
            l.get(&article.read_value())
                .and_then(|a| a.annotations.iter().find(|n| n.id == id).map(|n| (n.kind, n.note.clone())))
                .unwrap_or((AnnotationKind::Claim, String::new()))
        });
        let quote = state.quote_of(&article.read_value(), &id);
        let note = if note.is_empty() { String::new() } else { format!(" Note: {note}") };
        state.announcement.set(format!("{} {} of {}: “{quote}”.{note}", kind.label(), next + 1, order.len()));
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if state.dialog.get_untracked().is_some() || ev.default_prevented() {
            return;
        }
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        let tag = target.as_ref().map(|t| t.tag_name().to_ascii_lowercase()).unwrap_or_default();
        let typing = matches!(tag.as_str(), "input" | "textarea" | "select")
            || target.as_ref().is_some_and(|t| t.is_content_editable());
        let key = ev.key();
        let command = ev.ctrl_key() || ev.meta_key();
        if command && !ev.alt_key() && matches!(key.as_str(), "z" | "Z" | "y") {
            if !typing {
                ev.prevent_default();
                let article = article.get_value();
                if key == "y" || ev.shift_key() {
                    state.redo_annotation(&article);
                } else {
                    state.undo_annotation(&article);
                }
            }
            return;
        }
        if typing || command || ev.alt_key() {
            return;
        }
        let active = state.active.get_untracked();
        // While suggestions wait for a decision, A / R / N / P take them, wherever the focus is.
        if state.suggestions.with_untracked(|s| !s.is_empty()) {
            let action: Option<fn(AppState)> = match key.as_str() {
                "a" | "A" => Some(|s| s.accept_current_suggestion()),
                "r" | "R" => Some(|s| s.reject_current_suggestion()),
                "n" | "N" => Some(|s| s.step_suggestion(true)),
                "p" | "P" => Some(|s| s.step_suggestion(false)),
                _ => None,
            };
            if let Some(action) = action {
                ev.prevent_default();
                return action(state);
            }
        }
        match key.as_str() {
            "1" | "2" | "3" => {
                let kind = AnnotationKind::ALL[key.parse::<usize>().unwrap_or(1) - 1];
                ev.prevent_default();
                // The selection may be newer than the last `selectionchange` handled.
                place_toolbar();
                if state.pending.get_untracked().is_some() {
                    state.mark(kind);
                } else if let Some(id) = active {
                    state.edit_annotation(&id, false, |a| a.kind = kind);
                    state.announcement.set(format!("Changed to {}.", kind.label().to_lowercase()));
                }
            }
            "j" | "k" => {
                ev.prevent_default();
                step_through(key == "j");
            }
            // The current annotation's ends: [ and ] grow it at its start or end, { and } (with
            // Shift) shrink it there, a character at a time.
            "[" | "]" | "{" | "}" => {
                if let Some(id) = active {
                    ev.prevent_default();
                    let edge = if matches!(key.as_str(), "[" | "{") { Edge::Start } else { Edge::End };
                    let forward = matches!(key.as_str(), "]" | "{");
                    state.move_edge(&id, edge, forward);
                }
            }
            "Delete" | "Backspace" => {
                if let Some(id) = active {
                    ev.prevent_default();
                    state.delete_annotation(&id);
                }
            }
            "Enter" | "o" if tag != "button" && tag != "a" && tag != "summary" => {
                if let Some(id) = active {
                    ev.prevent_default();
                    request_animation_frame(move || {
                        if let Some(note) = document().get_element_by_id(&format!("note-{id}")) {
                            let _ = note.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    });
                }
            }
            "Escape" => {
                // As for 1, 2 and 3: the selection may be newer than the last `selectionchange`
                // handled (input can come first), and Escape must clear it, not what was before.
                place_toolbar();
                if state.picking.get_untracked().is_some() {
                    state.picking.set(None);
                } else if state.pending.get_untracked().is_some() {
                    text_dom::clear_selection();
                } else if chooser.get_untracked().is_some() {
                    chooser.set(None);
                } else {
                    state.active.set(None);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let move_caret = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let forward = match key.as_str() {
            "ArrowRight" | "ArrowDown" => true,
            "ArrowLeft" | "ArrowUp" => false,
            _ => return,
        };
        ev.prevent_default();
        let unit = if key == "ArrowUp" || key == "ArrowDown" || ev.alt_key() {
            Unit::Sentence
        } else if ev.ctrl_key() || ev.meta_key() {
            Unit::Word
        } else {
            Unit::Character
        };
        let (anchor, focus) = caret.get_untracked().unwrap_or_default();
        let focus = text.with_untracked(|t| motion::step(t, focus, unit, forward));
        let anchor = if ev.shift_key() { anchor } else { focus };
        caret.set(Some((anchor, focus)));
        map.with_value(|m| {
            let Some(m) = m else { return };
            if anchor == focus {
                text_dom::clear_selection();
            } else {
                m.select(anchor, focus);
            }
            if let Some(range) = m.range(Span { start: focus, end: CharOffset(focus.0 + 1) }) {
                text_dom::reveal(&range);
            }
        });
    };

    let stack_at = move |x: f64, y: f64| {
        let at = map.with_value(|m| m.as_ref().and_then(|m| m.offset_at_point(x, y)))?;
        let ids: Vec<String> = annotations
            .with_untracked(|all| all.iter().filter(|a| a.span().contains(at)).map(|a| a.id.clone()).collect());
        (!ids.is_empty()).then_some(Stack { ids, x, y })
    };
    let on_mousemove = move |ev: leptos::ev::MouseEvent| {
        let found = stack_at(ev.client_x() as f64, ev.client_y() as f64);
        if found.as_ref().map(|s| &s.ids) != hover.with_untracked(|h| h.as_ref().map(|s| s.ids.clone())).as_ref() {
            hover.set(found);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if state.pending.get_untracked().is_some() {
            return; // the end of a drag that selected text
        }
        match stack_at(ev.client_x() as f64, ev.client_y() as f64) {
            Some(stack) if stack.ids.len() == 1 => state.choose(&stack.ids[0]),
            Some(stack) => {
                hover.set(None);
                chooser.set(Some(stack));
            }
            None => {}
        }
    };

    view! {
        <div
            class="annotator"
            on:keydown=move_caret
            on:focusin=move |_| {
                focused.set(true);
                if caret.get_untracked().is_none() {
                    caret.set(Some((CharOffset(0), CharOffset(0))));
                }
            }
            on:focusout=move |_| focused.set(false)
            on:mousemove=on_mousemove
            on:mouseleave=move |_| hover.set(None)
            on:click=on_click
        >
            <ArticleText text=text struck=struck node_ref=container on_laid_out=on_laid_out />
        </div>
        // Highlights are paint, not elements: what the current one is reaches screen readers as
        // the description of the focused text.
        <p id="current-annotation" class="visually-hidden">
            {move || {
                let active = state.active.get();
                let count = annotations.with(<[Annotation]>::len);
                match active {
                    Some(id) => {
                        let a = annotations.with(|all| all.iter().find(|a| a.id == id).map(|a| (a.kind, a.note.clone())));
                        let quote = state.quote_of(&article.read_value(), &id);
                        match a {
                            Some((kind, note)) if note.is_empty() => format!("Current annotation: {}, “{quote}”.", kind.label()),
                            Some((kind, note)) => format!("Current annotation: {}, “{quote}”. Note: {note}", kind.label()),
                            None => String::new(),
                        }
                    }
                    None => format!("{count} annotations. Press j for the next one, k for the previous."),
                }
            }}
        </p>
        <SelectionToolbar />
        <SpanHandles article=article map=map map_version=map_version active_highlight=ACTIVE />
        <HoverCard stack=hover annotations=annotations />
        <StackChooser stack=chooser annotations=annotations text=text />
    }
}
