//! A parsed page as a list of text blocks in reading order.
//!
//! The page is parsed by html5ever (through dom_query) exactly as a browser would tokenize it, so
//! a malformed attribute ends at `>` and void elements such as `<embed>` have no content. Nothing
//! is run or rendered: the blocks are plain text.

use std::rc::Rc;

use dom_query::NodeRef;

/// Elements whose content a reader never sees as text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "meta",
    "link",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "audio",
    "video",
    "picture",
    "img",
    "dialog",
    // MathML's source annotations (TeX) beside the formula a reader sees.
    "annotation",
    "annotation-xml",
];

/// Elements that start and end a block of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "menu",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "pre",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "hgroup",
    "body",
    "html",
];

/// What a block is, from the nearest element that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// `h1`…`h6`, with its level.
    Heading(u8),
    /// A list item or a definition term or description.
    Item,
    Quote,
    /// A figure's caption (`figcaption`, a table `caption`).
    Caption,
    /// A table cell.
    Cell,
    Preformatted,
}

/// One block of visible text.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// White space collapsed; never empty.
    pub text: String,
    pub kind: BlockKind,
    /// Characters of the text that are inside links.
    pub link_chars: usize,
    /// Class names and ids of the block's element and its ancestors, lower-cased, space-separated:
    /// what the page's own markup says the block is ("byline", "related-stories", "share").
    pub marks: String,
    /// The class names and id of the element that makes it a block of its kind (the `h3` of
    /// a heading), lower-cased: what the block itself is called, not what holds it.
    pub own_marks: String,
    /// Inside `nav`, `header`, `footer`, `aside`, `form` or `menu`, or an element whose ARIA
    /// role says it is one of them.
    pub in_page_furniture: bool,
}

impl Block {
    /// The share of the block's text that is link text.
    pub fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.text.chars().count().max(1) as f64
    }
}

/// The blocks under `root`, in document order.
pub fn blocks(root: &NodeRef) -> Vec<Block> {
    let mut walk = Walk::default();
    walk.visit(root, &Context::default());
    walk.flush();
    walk.blocks
}

/// How many of the nearest marked elements say what a block is: a wrapper far up the page
/// ("has-comments", "social-enabled") says nothing about one paragraph.
const NEAREST_MARKS: usize = 3;

#[derive(Clone, Default)]
struct Context {
    kind: Option<BlockKind>,
    /// The marks of the nearest marked elements, outermost first.
    marks: Rc<Vec<String>>,
    /// The marks of the element that set `kind`.
    kind_marks: Rc<str>,
    in_link: bool,
    in_pre: bool,
    in_page_furniture: bool,
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    text: String,
    link_chars: usize,
    /// The context of the first text of the block being gathered.
    context: Option<Context>,
}

impl Walk {
    fn visit(&mut self, node: &NodeRef, context: &Context) {
        for child in node.children() {
            if child.is_text() {
                self.push_text(&child.text(), context);
            } else if child.is_element() {
                self.visit_element(&child, context);
            }
        }
    }

    fn visit_element(&mut self, element: &NodeRef, outer: &Context) {
        let name = element.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if SKIPPED.contains(&name.as_str()) || is_hidden(element) {
            return;
        }
        let is_block = BLOCK_ELEMENTS.contains(&name.as_str());
        let mut inner = outer.clone();
        let own_marks = marks_of(element);
        if !own_marks.is_empty() {
            let skip = (outer.marks.len() + 1).saturating_sub(NEAREST_MARKS);
            inner.marks = Rc::new(outer.marks.iter().skip(skip).cloned().chain([own_marks.clone()]).collect());
        }
        let role = element.attr("role").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
        if ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"]
            .contains(&role.as_str())
        {
            inner.in_page_furniture = true;
        }
        match name.as_str() {
            "a" => inner.in_link = true,
            "pre" => inner.in_pre = true,
            "nav" | "header" | "footer" | "aside" | "menu" => inner.in_page_furniture = true,
            // Some sites wrap the whole page in one `<form>`: that one holds the article.
            "form" => inner.in_page_furniture |= !wraps_the_page(element),
            _ => {}
        }
        if let Some(kind) = kind_of(&name) {
            inner.kind = Some(kind);
            inner.kind_marks = own_marks.as_str().into();
        }
        if name == "br" {
            // A line break inside a paragraph (an address, a poem, a headline set on two lines).
            if !self.text.trim().is_empty() {
                let kept = self.text.trim_end().len();
                self.text.truncate(kept);
                self.text.push('\n');
            }
            return;
        }
        if is_block {
            self.flush();
        }
        self.visit(element, &inner);
        if is_block {
            self.flush();
        }
    }

    fn push_text(&mut self, raw: &str, context: &Context) {
        let mut added = 0;
        for c in raw.chars() {
            let c = if c.is_whitespace() && !(context.in_pre && c == '\n') { ' ' } else { c };
            if c == ' ' && (self.text.is_empty() || self.text.ends_with([' ', '\n'])) {
                continue;
            }
            self.text.push(c);
            added += 1;
        }
        if added > 0 && self.context.is_none() && !self.text.trim().is_empty() {
            self.context = Some(context.clone());
        }
        if context.in_link {
            self.link_chars += added;
        }
    }

    fn flush(&mut self) {
        let text = self.text.trim().to_string();
        self.text.clear();
        let link_chars = std::mem::take(&mut self.link_chars);
        let Some(context) = self.context.take() else { return };
        if text.is_empty() {
            return;
        }
        self.blocks.push(Block {
            link_chars: link_chars.min(text.chars().count()),
            text,
            kind: context.kind.unwrap_or(BlockKind::Paragraph),
            marks: context.marks.join(" "),
            own_marks: context.kind_marks.to_string(),
            in_page_furniture: context.in_page_furniture,
        });
    }
}

/// An element that holds the page's headline or its `article` or `main` element.
fn wraps_the_page(element: &NodeRef) -> bool {
    element.descendants_it().any(|n| n.node_name().is_some_and(|name| ["h1", "article", "main"].contains(&&*name)))
}

fn kind_of(name: &str) -> Option<BlockKind> {
    Some(match name {
        "p" => BlockKind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(name.as_bytes()[1] - b'0'),
        "li" | "dt" | "dd" => BlockKind::Item,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        "td" | "th" => BlockKind::Cell,
        "pre" => BlockKind::Preformatted,
        _ => return None,
    })
}

fn marks_of(element: &NodeRef) -> String {
    let class = element.attr("class").map(|c| c.to_string()).unwrap_or_default();
    let id = element.attr("id").map(|c| c.to_string()).unwrap_or_default();
    let itemprop = element.attr("itemprop").map(|c| c.to_string()).unwrap_or_default();
    let role = element.attr("role").map(|c| c.to_string()).unwrap_or_default();
    let marks = [class, id, itemprop, role].join(" ").to_lowercase();
    let describes_a_post = marks.split_whitespace().any(|m| ["hentry", "type-post", "status-publish"].contains(&m));
    marks.split_whitespace().filter(|m| !(describes_a_post && is_taxonomy_class(m))).collect::<Vec<_>>().join(" ")
}

/// A blog's post wrapper lists who wrote the post and where it is filed (`author-jane-doe`,
/// `category-politics`, `tag-election`): names of the post, not an author box or a tag list.
fn is_taxonomy_class(mark: &str) -> bool {
    ["author-", "category-", "tag-", "format-", "post_tag-"].iter().any(|prefix| mark.starts_with(prefix))
}

/// Hidden by the `hidden` attribute, `aria-hidden`, or an inline `display: none` or
/// `visibility: hidden`.
fn is_hidden(element: &NodeRef) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    if element.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    let Some(style) = element.attr("style") else { return false };
    let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}
