//! Turning what the user brings (a paste or a file) into an article's title and text.

use super::extract::{self, Extraction, PageMeta, RemovedPart};
use super::{leftovers, limits, text};

/// The kinds of file that "New article" opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text (`.txt`, or a paste).
    Plain,
    /// Markdown (`.md`, `.markdown`): markup is stripped to the text it shows.
    Markdown,
    /// HTML (`.html`, `.htm`): the article is extracted from the page.
    Html,
}

impl SourceFormat {
    /// The format for a file name, by extension; `None` for files the app does not open.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "txt" | "text" => Some(Self::Plain),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            _ => None,
        }
    }
}

/// The sample article a new user sees first.
pub const SAMPLE_TEXT: &str = include_str!("../../public/sample-article.txt");

/// The `accept` list for file pickers, matching [`SourceFormat::from_file_name`].
pub const ACCEPTED_FILES: &str = ".txt,.text,.md,.markdown,.html,.htm,.xhtml,text/plain,text/markdown,text/html";

/// An article as read from a source, before it gets an id and dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The title: an HTML `<h1>` or `<title>`, a Markdown heading, or the first line that is
    /// not a web-page leftover. Never empty.
    pub title: String,
    /// The normalized text.
    pub text: String,
    /// What a web page said of itself (all `None` for other sources).
    pub meta: PageMeta,
    /// What extraction left out of a web page, each with where it would go back.
    pub removed: Vec<RemovedPart>,
    /// The web page nested elements too deep and only its first part was read.
    pub cut: bool,
}

/// Why a source could not become an article.
#[derive(Debug, PartialEq, Eq)]
pub enum SourceError {
    /// Nothing but whitespace (or, for HTML, nothing visible).
    Empty,
    /// Longer than [`limits::MAX_ARTICLE_CHARS`]; the message says by how much.
    TooLong(String),
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("There is no text to annotate in it."),
            Self::TooLong(why) => f.write_str(why),
        }
    }
}

/// Reads a source into a draft article (a web page is extracted here: the command line's way;
/// the app hands pages to its worker and calls [`from_page`]).
pub fn read(raw: &str, format: SourceFormat) -> Result<Draft, SourceError> {
    match format {
        SourceFormat::Html => from_page(extract::extract(raw, None)),
        SourceFormat::Plain | SourceFormat::Markdown => read_text(raw, format),
    }
}

/// Reads a text or Markdown source into a draft article. A web page is not read here (its
/// code is not in the app's first download): [`from_page`] takes what the app's worker made of
/// it; given `Html`, the source is read as plain text.
pub fn read_text(raw: &str, format: SourceFormat) -> Result<Draft, SourceError> {
    let (heading, body) = match format {
        SourceFormat::Markdown => markdown_text(raw),
        SourceFormat::Plain | SourceFormat::Html => (String::new(), text::normalize(raw)),
    };
    draft(heading, body, PageMeta::default(), Vec::new(), false)
}

/// A web page's extracted article as a draft article.
pub fn from_page(page: Extraction) -> Result<Draft, SourceError> {
    let body = text::normalize(&page.text);
    // Normalizing extracted text changes nothing but, if it ever did, a part would go back at
    // the end rather than inside a word.
    let unchanged = body == page.text;
    let removed = page
        .removed
        .into_iter()
        .map(|part| RemovedPart { at: if unchanged { part.at } else { body.len() }, ..part })
        .collect();
    draft(page.title, body, page.meta, removed, page.cut)
}

fn draft(
    heading: String,
    body: String,
    meta: PageMeta,
    removed: Vec<RemovedPart>,
    cut: bool,
) -> Result<Draft, SourceError> {
    // Bidi controls and white space alone are nothing to annotate (and would make no title).
    if text::is_blank(&body) {
        return Err(SourceError::Empty);
    }
    if let Some(why) = limits::article_too_long(&body) {
        return Err(SourceError::TooLong(why));
    }
    // A heading of white space only (a Markdown "# **\u{2003}**") is no heading.
    let heading = text::plain_line(&heading);
    let title = if heading.is_empty() { title_of(&body) } else { heading };
    Ok(Draft { title, text: body, meta, removed, cut })
}

/// The first line of the text that is not a web-page leftover (or, if every line is one, the
/// first line that is not blank: a title is never empty), shortened to a title's length.
pub fn title_of(body: &str) -> String {
    let flagged = leftovers::detect(body);
    let blank = |line: &std::ops::Range<usize>| text::is_blank(&body[line.clone()]);
    let first = text::line_ranges(body)
        .find(|line| !blank(line) && !flagged.iter().any(|l| l.range.start <= line.start && line.end <= l.range.end))
        .or_else(|| text::line_ranges(body).find(|line| !blank(line)))
        .map_or("", |line| &body[line]);
    shorten(&text::plain_line(first), 160)
}

/// Cuts a title at a word boundary so that it has at most `max` characters, ending with "…".
fn shorten(title: &str, max: usize) -> String {
    if title.chars().count() <= max {
        return title.to_string();
    }
    let cut: String = title.chars().take(max - 1).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > max / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

/// Markdown to its text: heading marks, emphasis marks, images and link targets go; the first
/// heading becomes the title.
fn markdown_text(raw: &str) -> (String, String) {
    let mut heading = String::new();
    let mut lines = Vec::new();
    for line in text::normalize(raw).lines() {
        let trimmed = line.trim_start();
        let content = if trimmed.starts_with('#') {
            let stripped = trimmed.trim_start_matches('#').trim();
            if heading.is_empty() {
                heading = strip_inline_markdown(stripped);
            }
            stripped
        } else {
            line
        };
        lines.push(strip_inline_markdown(content));
    }
    (heading, text::normalize(&lines.join("\n")))
}

fn strip_inline_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // A '[' with no link after it means no later '[' has one either: looking again for every
    // '[' made a line of them take quadratic time.
    let mut links_left = true;
    while !rest.is_empty() {
        let image = rest.starts_with("![");
        if links_left && (image || rest.starts_with('[')) {
            let label_start = if image { 2 } else { 1 };
            if let Some(close) = rest.find("](")
                && let Some(end) = rest[close..].find(')')
            {
                if !image {
                    out.push_str(&rest[label_start..close]);
                }
                rest = &rest[close + end + 1..];
                continue;
            }
            links_left = false;
        }
        if let Some(after) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            rest = after;
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        rest = &rest[c.len_utf8()..];
        if !is_emphasis_mark(c, out.chars().next_back(), rest.chars().next()) {
            out.push(c);
        }
    }
    out
}

/// Whether a `*` or `_` between `before` and `after` opens or closes emphasis. A `*` standing
/// alone ("5 * 3", a "* " bullet) and a `_` inside a word (snake_case) are text.
fn is_emphasis_mark(c: char, before: Option<char>, after: Option<char>) -> bool {
    let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    match c {
        '*' => !(space(before) && space(after)),
        '_' => (!word(before) && word(after)) || (word(before) && !word(after)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(SourceFormat::from_file_name("a.TXT"), Some(SourceFormat::Plain));
        assert_eq!(SourceFormat::from_file_name("notes.md"), Some(SourceFormat::Markdown));
        assert_eq!(SourceFormat::from_file_name("page.htm"), Some(SourceFormat::Html));
        assert_eq!(SourceFormat::from_file_name("report.pdf"), None);
        assert_eq!(SourceFormat::from_file_name("README"), None);
    }

    #[test]
    fn plain_text_title_skips_leftovers() {
        let draft = read(SAMPLE_TEXT, SourceFormat::Plain).unwrap();
        assert_eq!(
            draft.title,
            "U.S. warned Iran that ISIS-K was preparing attack ahead of deadly Kerman blasts, official says"
        );
        assert!(draft.text.starts_with("Skip to main content\n\n"));
    }

    #[test]
    fn html_is_read_as_its_article_with_the_headline_as_title() {
        let page = read("<title>Head - Site</title><h1>Head</h1><p>Body</p>", SourceFormat::Html).unwrap();
        assert_eq!((page.title.as_str(), page.text.as_str()), ("Head", "Body"));
        let title_only = read("<title>T - Site</title><p>Body</p>", SourceFormat::Html).unwrap();
        assert_eq!(title_only.title, "T - Site");
    }

    #[test]
    fn markdown_loses_its_markup() {
        let draft = read(
            "# The **big** story\n\nA [link](https://x.y) and ![img](a.png)an image.\n\n## Part",
            SourceFormat::Markdown,
        )
        .unwrap();
        assert_eq!(draft.title, "The big story");
        assert_eq!(draft.text, "The big story\n\nA link and an image.\n\nPart");
    }

    #[test]
    fn markdown_emphasis_goes_but_lone_marks_and_snake_case_stay() {
        let draft =
            read("# An *important* story\n\nIt was _very_ clear: 5 * 3, snake_case.\n* item", SourceFormat::Markdown)
                .unwrap();
        assert_eq!(draft.title, "An important story");
        assert_eq!(draft.text, "An important story\n\nIt was very clear: 5 * 3, snake_case.\n* item");
    }

    #[test]
    fn empty_sources_are_refused() {
        assert_eq!(read(" \n\t\n", SourceFormat::Plain), Err(SourceError::Empty));
        assert_eq!(read("<script>x()</script>", SourceFormat::Html), Err(SourceError::Empty));
    }

    #[test]
    fn a_title_is_never_empty() {
        // Found by tests/properties.rs: a page of leftovers only, a heading of white space.
        assert_eq!(read("Share<p><p>", SourceFormat::Html).unwrap().title, "Share");
        assert_eq!(read("# **\u{2003}**\n\nBody.", SourceFormat::Markdown).unwrap().title, "Body.");
    }

    #[test]
    fn long_first_lines_are_shortened_at_a_word() {
        let long = "word ".repeat(100);
        let title = title_of(&long);
        assert!(title.chars().count() <= 160 && title.ends_with("word…"), "{title}");
    }
}
