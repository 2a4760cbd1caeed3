//! Visible text of an HTML page, without running or rendering anything.
//!
//! This is a small tokenizer, not a browser: it keeps the text a reader would see, one paragraph
//! per block element, and drops scripts, styles, navigation, forms and hidden elements. Its output
//! is plain text, so nothing in the file can ever reach the page as markup.

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "aside", "footer", "form", "button", "select",
    "textarea", "dialog", "iframe", "object", "embed", "svg", "math", "canvas", "audio", "video", "picture", "menu",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
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
    "figure",
    "figcaption",
    "table",
    "tr",
    "pre",
    "hr",
    "address",
    "body",
    "html",
    "caption",
    "details",
    "summary",
];

/// Elements that have no end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];

/// What a page says, as text: its title candidates and its visible paragraphs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageText {
    /// Text of the `<title>` element, whitespace collapsed; empty if there is none.
    pub title: String,
    /// Text of the first `<h1>`, whitespace collapsed; empty if there is none.
    pub h1: String,
    /// The visible paragraphs separated by blank lines, `<br>` kept as a line break.
    pub text: String,
}

/// Extracts the visible text of an HTML document.
pub fn visible_text(html: &str) -> PageText {
    page_text(html, false)
}

/// [`visible_text`] of a document, or (`in_head`) of the content of its `<head>`, read only
/// for its title: a `<head>` nested in that is dropped, not read again, so that a page of
/// nested heads costs one pass and no deep recursion.
fn page_text(html: &str, in_head: bool) -> PageText {
    let mut out = Collector::default();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.text(rest);
            break;
        };
        out.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A '<' that opens no tag is text, as in "a < b".
            out.text("<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if tag.name.starts_with(['!', '?']) {
            continue;
        }
        if !tag.closing && (tag.name == "title" || DROPPED.contains(&tag.name.as_str())) {
            let (inner, after) = split_at_end_tag(rest, &tag.name);
            if tag.name == "title" && out.title.is_empty() {
                out.title = collapse(&decode_entities(inner));
            } else if tag.name == "head" && !in_head {
                // A <head> holds the <title>: look inside it, and drop the rest.
                let title = page_text(inner, true).title;
                if !title.is_empty() {
                    out.title = title;
                }
            }
            rest = after;
            continue;
        }
        if !tag.closing && tag.hidden && !VOID.contains(&tag.name.as_str()) {
            rest = split_at_end_tag(rest, &tag.name).1;
            continue;
        }
        out.tag(&tag);
    }
    out.finish()
}

/// Splits `rest` (just after an opening tag named `name`) at its matching end tag, counting
/// nested elements of the same name; returns (content, text after the end tag). Runs in time
/// linear in the content: a page of a hundred thousand dropped elements is read in one pass.
fn split_at_end_tag<'a>(rest: &'a str, name: &str) -> (&'a str, &'a str) {
    let raw_text = matches!(name, "script" | "style" | "title" | "textarea");
    let close = format!("</{name}");
    let open = format!("<{name}");
    let mut depth = 0usize;
    let mut pos = 0;
    // The next opening and end tags at or after `pos`, each looked for again only once `pos`
    // has passed it: deeply nested elements cost one pass, not one per level.
    let (mut next_open, mut next_close): (Option<Option<usize>>, Option<Option<usize>>) = (None, None);
    loop {
        if next_close.is_none_or(|c| c.is_some_and(|c| c < pos)) {
            next_close = Some(find_ignoring_case(rest, &close, pos));
        }
        if !raw_text && next_open.is_none_or(|o| o.is_some_and(|o| o < pos)) {
            next_open = Some(find_open_tag(rest, &open, pos));
        }
        match (next_open.flatten(), next_close.flatten()) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                pos = o + open.len();
            }
            (_, Some(c)) => {
                if depth == 0 {
                    let after = rest[c..].find('>').map_or(rest.len(), |i| c + i + 1);
                    return (&rest[..c], &rest[after..]);
                }
                depth -= 1;
                pos = c + close.len();
            }
            (_, None) => return (rest, ""),
        }
    }
}

/// The first position at or after `from` where `needle` (lower-case ASCII, starting with
/// `<`) starts in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    haystack[from..].match_indices('<').map(|(i, _)| from + i).find(|&at| {
        bytes.get(at..at + needle.len()).is_some_and(|candidate| candidate.eq_ignore_ascii_case(needle.as_bytes()))
    })
}

/// Finds `<name` at or after `from`, followed by a character that ends a tag name.
fn find_open_tag(haystack: &str, open: &str, mut from: usize) -> Option<usize> {
    while let Some(at) = find_ignoring_case(haystack, open, from) {
        let next = haystack[at + open.len()..].chars().next();
        if matches!(next, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// One tag, as much of it as the extraction needs.
struct Tag {
    name: String,
    closing: bool,
    /// `hidden` or `aria-hidden="true"` or a navigation role: content a reader does not see.
    hidden: bool,
    /// Length of the tag in the source, `<` to `>` included.
    len: usize,
}

impl Tag {
    fn parse(source: &str) -> Option<Tag> {
        let body = &source[1..];
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '!' | '?' | ':')))
            .unwrap_or(body.len());
        if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!' || c == '?') {
            return None;
        }
        let name = body[..name_len].to_ascii_lowercase();
        // Find the closing '>' outside quoted attribute values.
        let mut quote = None;
        let mut end = None;
        for (i, c) in body.char_indices().skip(name_len) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.unwrap_or(body.len().saturating_sub(1));
        let attrs = body[name_len..=end.min(body.len().saturating_sub(1))].to_ascii_lowercase();
        let compact: String = attrs.chars().filter(|c| !c.is_whitespace()).collect();
        let hidden = !closing
            && (has_boolean_attr(&attrs, "hidden")
                || compact.contains("aria-hidden=\"true\"")
                || compact.contains("aria-hidden='true'")
                || compact.contains("role=\"navigation\"")
                || compact.contains("display:none"));
        let len = 1 + usize::from(closing) + end + 1;
        Some(Tag { name, closing, hidden, len: len.min(source.len()) })
    }
}

fn has_boolean_attr(attrs: &str, attr: &str) -> bool {
    attrs
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .any(|word| word == attr || word.starts_with(&format!("{attr}=")))
}

/// Builds paragraphs from text runs and tags.
#[derive(Default)]
struct Collector {
    paragraphs: Vec<String>,
    current: String,
    title: String,
    h1: String,
    in_h1: bool,
    in_pre: usize,
}

impl Collector {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        if self.in_h1 {
            self.h1.push_str(&decoded);
        }
        if self.in_pre > 0 {
            self.current.push_str(&decoded);
            return;
        }
        for (i, word) in decoded.split(char::is_whitespace).enumerate() {
            let space_before = i > 0 || decoded.starts_with(char::is_whitespace);
            if space_before && !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        if name == "br" {
            if self.in_h1 {
                self.h1.push(' ');
            }
            let trimmed = self.current.trim_end().len();
            self.current.truncate(trimmed);
            self.current.push('\n');
        } else if name == "td" || name == "th" {
            self.text(" ");
        } else if BLOCKS.contains(&name) {
            self.break_paragraph();
            if name == "pre" {
                self.in_pre = if tag.closing { self.in_pre.saturating_sub(1) } else { self.in_pre + 1 };
            }
        }
        if name == "h1" {
            self.in_h1 = !tag.closing && self.h1.is_empty();
        }
    }

    fn break_paragraph(&mut self) {
        let para = std::mem::take(&mut self.current);
        let para = para.trim_matches(|c: char| c.is_whitespace());
        if !para.is_empty() {
            self.paragraphs.push(para.to_string());
        }
    }

    fn finish(mut self) -> PageText {
        self.break_paragraph();
        PageText { title: self.title, h1: collapse(&self.h1), text: self.paragraphs.join("\n\n") }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes character references: numeric ones and the named ones news pages use.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let (name, consumed) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None => (&rest[1..], rest.len()),
        };
        match decode_one(name) {
            Some(c) if !name.is_empty() => {
                out.push(c);
                rest = &rest[consumed..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "ntilde" => 'ñ',
        "euro" => '€',
        "pound" => '£',
        "middot" => '·',
        "bull" => '•',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_and_drops_scripts_styles_and_navigation() {
        let page = visible_text(
            "<!doctype html><html><head><title>Blast warning - News</title>\
             <style>p{color:red}</style><script>window.pwned = 1; document.write('<p>x</p>')</script></head>\
             <body><nav><ul><li>Home</li><li>World</li></ul></nav>\
             <article><h1>U.S. warned <em>Iran</em></h1><p>First   paragraph\n spans lines.</p>\
             <p>Second &amp; last&nbsp;one&#33; &#x1F600;</p></article>\
             <footer>© 2024</footer><script src=x.js></script></body></html>",
        );
        assert_eq!(page.title, "Blast warning - News");
        assert_eq!(page.h1, "U.S. warned Iran");
        assert_eq!(page.text, "U.S. warned Iran\n\nFirst paragraph spans lines.\n\nSecond & last one! 😀");
    }

    #[test]
    fn hidden_elements_comments_and_forms_are_dropped() {
        let page = visible_text(
            "<p>Keep</p><!-- <p>comment</p> --><div hidden><p>gone</p></div>\
             <div aria-hidden=\"true\">gone</div><form><button>Go</button></form><p>Also kept</p>",
        );
        assert_eq!(page.text, "Keep\n\nAlso kept");
    }

    #[test]
    fn nested_dropped_elements_are_skipped_whole() {
        let page = visible_text("<aside><aside>in</aside>still in</aside><p>out</p>");
        assert_eq!(page.text, "out");
    }

    #[test]
    fn a_line_break_in_the_h1_separates_words_of_the_title() {
        assert_eq!(visible_text("<h1>City council<br>approves budget</h1>").h1, "City council approves budget");
    }

    #[test]
    fn line_breaks_and_preformatted_text_are_kept() {
        let page = visible_text("<p>Line one<br>line two</p><pre>  a\n  b</pre>");
        assert_eq!(page.text, "Line one\nline two\n\na\n  b");
    }

    #[test]
    fn quoted_angle_brackets_and_stray_less_than_are_handled() {
        let page = visible_text("<p title=\"a > b\">x < y and <b>bold</b></p><img src=x onerror=\"alert(1)\">");
        assert_eq!(page.text, "x < y and bold");
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("&lt;script&gt; &unknown; &amp &#0; &#99999999;"),
            "<script> &unknown; & \u{fffd} \u{fffd}"
        );
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for input in ["<", "<p", "<p title='x", "<!--", "<script>alert(1)", "&#x", "<a href=\"", "</"] {
            let _ = visible_text(input);
        }
        assert_eq!(visible_text("<script>alert(1)").text, "");
    }
}
