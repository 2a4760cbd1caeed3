//! Between positions in the DOM (a node and a UTF-16 offset) and offsets in the article text
//! (code points). The article container holds exactly the article text, so walking its text
//! nodes in order and counting gives every offset.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range, Text};

use crate::model::offsets::{CharOffset, Utf16Offset, char_to_utf16, utf16_to_char};
use crate::model::span::Span;
use crate::model::text::{paragraphs, split_marked};

/// The text nodes of the article container, in order, each with the offset where it starts.
pub struct TextMap {
    container: Element,
    nodes: Vec<TextNode>,
}

struct TextNode {
    node: Text,
    start: CharOffset,
    end: CharOffset,
    /// The node's text, kept only if it has characters outside the Basic Multilingual Plane
    /// (two UTF-16 units each): elsewhere code points and UTF-16 units count alike, and a copy
    /// of every node would be a second copy of a long report in memory.
    astral: Option<String>,
}

impl TextNode {
    fn to_utf16(&self, at: CharOffset) -> u32 {
        // Past the node's end, as the conversions do, it clamps to its end.
        let local = CharOffset(at.0.saturating_sub(self.start.0).min(self.end.0 - self.start.0));
        self.astral.as_deref().map_or(local.0, |data| char_to_utf16(data, local).0) as u32
    }

    fn to_char(&self, unit: u32) -> CharOffset {
        let local =
            self.astral.as_deref().map_or(unit as usize, |data| utf16_to_char(data, Utf16Offset(unit as usize)).0);
        CharOffset(self.start.0 + local.min(self.end.0 - self.start.0))
    }
}

impl TextMap {
    /// Reads the text nodes under `container`.
    pub fn of(container: &Element) -> TextMap {
        let mut nodes = Vec::new();
        let document = container.owner_document().expect("an element in a document");
        // 4 = NodeFilter.SHOW_TEXT.
        if let Ok(walker) = document.create_tree_walker_with_what_to_show(container, 4) {
            let mut start = 0;
            while let Ok(Some(node)) = walker.next_node() {
                let node: Text = node.unchecked_into();
                let data = node.data();
                let chars = data.chars().count();
                let astral = (chars != node.length() as usize).then_some(data);
                let end = start + chars;
                nodes.push(TextNode { node, start: CharOffset(start), end: CharOffset(end), astral });
                start = end;
            }
        }
        TextMap { container: container.clone(), nodes }
    }

    /// The DOM range of a span of the text, or `None` if the span lies outside it.
    pub fn range(&self, span: Span) -> Option<Range> {
        // A start at a node's end belongs to the next node; an end at a node's start to the previous.
        let first = self.nodes.partition_point(|n| n.end <= span.start);
        let last = self.nodes.partition_point(|n| n.end < span.end);
        let (start, end) = (self.nodes.get(first)?, self.nodes.get(last)?);
        let range = self.container.owner_document()?.create_range().ok()?;
        range.set_start(&start.node, start.to_utf16(span.start)).ok()?;
        range.set_end(&end.node, end.to_utf16(span.end)).ok()?;
        Some(range)
    }

    /// The part of the text laid out on screen or within `margin` screen heights of it, or
    /// `None` if none is. Text nodes come in reading order, top to bottom, so two binary
    /// searches over their boxes find it.
    pub fn on_screen(&self, margin: f64) -> Option<Span> {
        let document = self.container.owner_document()?;
        let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
        let range = document.create_range().ok()?;
        let bounds = |n: &TextNode| {
            range.select_node_contents(&n.node).ok()?;
            let rect = range.get_bounding_client_rect();
            Some((rect.top(), rect.bottom()))
        };
        let first = self.nodes.partition_point(|n| bounds(n).is_some_and(|(_, bottom)| bottom < -margin * height));
        let end = self.nodes.partition_point(|n| bounds(n).is_some_and(|(top, _)| top <= height * (1.0 + margin)));
        (first < end).then(|| Span { start: self.nodes[first].start, end: self.nodes[end - 1].end })
    }

    /// The whole text.
    pub fn all(&self) -> Option<Span> {
        Some(Span { start: self.nodes.first()?.start, end: self.nodes.last()?.end })
    }

    /// The text offset of a DOM position, or `None` if it is outside the container.
    pub fn offset(&self, node: &Node, offset: u32) -> Option<CharOffset> {
        if let Some(text) = self.nodes.iter().find(|n| n.node.unchecked_ref::<Node>() == node) {
            return Some(text.to_char(offset));
        }
        if !self.container.contains(Some(node)) {
            return None;
        }
        // A position between elements: count the text before it.
        let range = self.container.owner_document()?.create_range().ok()?;
        range.set_start(&self.container, 0).ok()?;
        range.set_end(node, offset).ok()?;
        Some(CharOffset(String::from(range.to_string()).chars().count()))
    }

    /// The anchor and focus of the page's selection (equal when it is a caret), if both lie in
    /// the article.
    pub fn selection_ends(&self) -> Option<(CharOffset, CharOffset)> {
        let selection = web_sys::window()?.get_selection().ok()??;
        let anchor = self.offset(&selection.anchor_node()?, selection.anchor_offset())?;
        let focus = self.offset(&selection.focus_node()?, selection.focus_offset())?;
        Some((anchor, focus))
    }

    /// Selects the text from `anchor` to `focus` (either order), as keyboard selection does.
    pub fn select(&self, anchor: CharOffset, focus: CharOffset) {
        let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else { return };
        let position = |at: CharOffset| {
            let i = self.nodes.partition_point(|n| n.end < at).min(self.nodes.len().checked_sub(1)?);
            let n = &self.nodes[i];
            Some((n.node.clone(), n.to_utf16(at)))
        };
        if let (Some((a, a_off)), Some((f, f_off))) = (position(anchor), position(focus)) {
            let _ = selection.set_base_and_extent(&a, a_off, &f, f_off);
        }
    }

    /// The text offset under a point of the viewport, if it is over the article text.
    pub fn offset_at_point(&self, x: f64, y: f64) -> Option<CharOffset> {
        let document = self.container.owner_document()?;
        let caret = document.caret_position_from_point(x as f32, y as f32)?;
        self.offset(&caret.offset_node()?, caret.offset())
    }
}

/// Replaces the children of `container` with `text`: each paragraph in a `<span class="para">`,
/// the blank lines between them as the text's own `"\n\n"`, and the byte ranges in `struck`
/// inside `<del>`. Nothing of it is kept in wasm memory: the text lives in the DOM only.
pub fn lay_out(container: &Element, text: &str, struck: &[std::ops::Range<usize>]) {
    let Some(document) = container.owner_document() else { return };
    let fragment = document.create_document_fragment();
    let element = |name: &str| document.create_element(name).expect("an HTML element name");
    let append = |parent: &Node, child: &Node| {
        parent.append_child(child).expect("a new node takes a child");
    };
    let ranges = paragraphs(text);
    let last = ranges.len().saturating_sub(1);
    for (i, para) in ranges.into_iter().enumerate() {
        let span = element("span");
        span.set_class_name("para");
        for (piece, is_struck) in split_marked(para, struck) {
            let piece = document.create_text_node(&text[piece]);
            if is_struck {
                let del = element("del");
                append(&del, &piece);
                append(&span, &del);
            } else {
                append(&span, &piece);
            }
        }
        append(&fragment, &span);
        if i < last {
            append(&fragment, &document.create_text_node("\n\n"));
        }
    }
    container.replace_children_with_node_1(&fragment);
}

/// The bottom right corner of a range's viewport rectangle: (right, bottom), in CSS pixels.
pub fn right_bottom_of(range: &Range) -> (f64, f64) {
    let rect = range.get_bounding_client_rect();
    (rect.right(), rect.bottom())
}

/// The viewport rectangle of a range: (left, top, bottom), in CSS pixels.
pub fn rect_of(range: &Range) -> (f64, f64, f64) {
    let rect = range.get_bounding_client_rect();
    (rect.left(), rect.top(), rect.bottom())
}

thread_local! {
    /// Whether the app emptied the selection and the `selectionchange` after it has not come.
    static EMPTIED: Cell<bool> = const { Cell::new(false) };
}

/// Empties the page's selection; the `selectionchange` that follows is told by [`take_emptied`].
pub fn clear_selection() {
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        // Emptying an empty selection fires no event, which would leave the mark for the next.
        if selection.range_count() > 0 {
            EMPTIED.set(true);
        }
        let _ = selection.remove_all_ranges();
    }
}

/// Whether this `selectionchange` may be the one after [`clear_selection`], when reading the
/// selection would make the browser lay out the page's changes at once. (The browser reports
/// changes made before it delivers the event in that same event, so it may hold more.)
pub fn take_emptied() -> bool {
    EMPTIED.replace(false)
}

/// Scrolls the window so that a range is in view, if it is not already: it lands a third of
/// the way down the part of the window not under a sheet, where the eye expects it.
pub fn reveal(range: &Range) {
    let Some(window) = web_sys::window() else { return };
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
    let visible = height.min(sheet_top(&window).unwrap_or(height));
    let (_, top, bottom) = rect_of(range);
    if top < 72.0 || bottom > visible - 24.0 {
        window.scroll_by_with_x_and_y(0.0, top - visible / 3.0);
    }
}

/// The page's selection, taken away: its ranges, to give back with [`give_back_selection`].
pub fn take_selection() -> Vec<Range> {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else { return Vec::new() };
    let ranges = (0..selection.range_count()).filter_map(|i| selection.get_range_at(i).ok()).collect();
    let _ = selection.remove_all_ranges();
    ranges
}

/// Gives back a selection taken by [`take_selection`], unless something was selected since.
pub fn give_back_selection(ranges: Vec<Range>) {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else { return };
    if selection.range_count() == 0 {
        for range in ranges {
            let _ = selection.add_range(&range);
        }
    }
}

/// Where a sheet over the bottom of the window (narrow screens: the editor, the suggestions)
/// begins, if one is shown: the text under it is out of sight.
fn sheet_top(window: &web_sys::Window) -> Option<f64> {
    let sheets = window.document()?.query_selector_all(".sheet").ok()?;
    let mut top = None::<f64>;
    for i in 0..sheets.length() {
        let Some(sheet) = sheets.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let fixed =
            window.get_computed_style(&sheet).ok().flatten().and_then(|s| s.get_property_value("position").ok());
        let rect = sheet.get_bounding_client_rect();
        if fixed.as_deref() == Some("fixed") && rect.height() > 0.0 {
            top = Some(top.map_or(rect.top(), |t| t.min(rect.top())));
        }
    }
    top
}

/// Moves the keyboard focus to the article text without scrolling: where the next key is
/// expected once the control that had the focus is gone (a deletion, the last suggestion).
pub fn focus_article_text() {
    let text = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("article-text"));
    if let Some(text) = text.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = text.focus_with_options(&options);
    }
}
