//! Parsing a page as a browser does, but never deeper than a browser builds.
//!
//! html5ever's tree builder walks the stack of open elements for each new element, so a page
//! of a hundred thousand nested `<div>`s takes minutes (servo/html5ever#788). Browsers stop
//! nesting at 512 levels. Here the page is fed to html5ever in pieces through a tree sink that
//! checks the depth of every element it inserts; parsing stops at the first element deeper
//! than [`MAX_DEPTH`], and the page is read up to there.

use std::borrow::Cow;
use std::cell::Cell;

use dom_query::{Document, NodeId};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, ParseOpts, QualName, parse_document};

/// Chromium's `kMaximumHTMLParserDOMTreeDepth`.
pub const MAX_DEPTH: usize = 512;

/// How much of the page is fed to the parser between depth checks.
const PIECE: usize = 4096;

/// A parsed page; `cut` when it nested too deep and was read only up to there.
pub struct Parsed {
    pub document: Document,
    pub cut: bool,
}

/// Parses `html` into a document, stopping at the first element nested too deep.
pub fn parse(html: &str) -> Parsed {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        ..Default::default()
    };
    let mut parser = parse_document(DepthGuard { document: Document::default(), too_deep: Cell::new(false) }, opts);
    let mut rest = html;
    let mut cut = false;
    while !rest.is_empty() {
        let mut end = rest.len().min(PIECE);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from(&rest[..end]));
        rest = &rest[end..];
        if parser.tokenizer.sink.sink.too_deep.get() {
            cut = true;
            break;
        }
    }
    Parsed { document: parser.finish(), cut }
}

struct DepthGuard {
    document: Document,
    too_deep: Cell<bool>,
}

impl DepthGuard {
    /// Notes an element inserted under `parent` too deep; the walk stops one past the limit,
    /// so a check costs at most [`MAX_DEPTH`] steps.
    fn check(&self, parent: &NodeId, child: &NodeOrText<NodeId>) {
        if !matches!(child, NodeOrText::AppendNode(_)) || self.too_deep.get() {
            return;
        }
        let mut depth = 1;
        let mut node = self.document.tree.parent_of(parent).map(|n| n.id);
        while let Some(id) = node {
            depth += 1;
            if depth > MAX_DEPTH {
                self.too_deep.set(true);
                return;
            }
            node = self.document.tree.parent_of(&id).map(|n| n.id);
        }
    }
}

impl TreeSink for DepthGuard {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = <Document as TreeSink>::ElemName<'a>;

    fn finish(self) -> Document {
        self.document
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.document.parse_error(msg);
    }
    fn get_document(&self) -> NodeId {
        self.document.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.document.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.document.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.document.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.document.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.check(parent, &child);
        self.document.append(parent, child);
    }
    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        self.check(prev_element, &child);
        self.document.append_based_on_parent_node(element, prev_element, child);
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.document.append_doctype_to_document(name, public_id, system_id);
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.document.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.document.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.document.set_quirks_mode(mode);
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.check(sibling, &new_node);
        self.document.append_before_sibling(sibling, new_node);
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.document.add_attrs_if_missing(target, attrs);
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.document.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.document.reparent_children(node, new_parent);
    }
}
