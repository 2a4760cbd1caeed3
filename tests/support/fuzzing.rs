//! What each fuzz target does with its input, shared by the cargo-fuzz targets (`fuzz/`) and
//! the native test that replays their crashes (`tests/fuzz_regressions.rs`), so that a saved
//! input is replayed exactly as it was found. Each function panics on a broken rule (a panic
//! inside the parser, or an accepted value that breaks an invariant) and otherwise says
//! whether the input was accepted.

use article_annotator::model::extract::extract;
use article_annotator::model::formats::import::import;
use article_annotator::model::library::{Annotation, AnnotationKind, Article, Library};
use article_annotator::model::offsets::CharOffset;
use article_annotator::model::source::{SourceFormat, read};
use article_annotator::model::stored::{decode, encode};
use article_annotator::model::text::{normalize, plain_line, single_line};

/// The fuzz targets, by the name of their folder of saved inputs.
pub const TARGETS: &[&str] = &["stored_decode", "import", "source_read", "html_extract"];

/// Runs the target named `target` on `data`; `None` for an unknown name.
pub fn run(target: &str, data: &[u8]) -> Option<bool> {
    Some(match target {
        "stored_decode" => stored_decode(data),
        "import" => import_file(data),
        "source_read" => source_read(data),
        "html_extract" => html_extract(data),
        _ => return None,
    })
}

/// Bytes as the app gets them from a file (`FileReader.readAsText` replaces invalid UTF-8).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A stored library is read or refused; one that is read is written and read back unchanged.
pub fn stored_decode(data: &[u8]) -> bool {
    let Ok(library) = decode(&text(data)) else { return false };
    assert_eq!(decode(&encode(&library)).as_ref(), Ok(&library), "a decoded library survives a save");
    true
}

/// A library holding one annotated article with a source URL, so that an import can meet it
/// by id or by URL and place annotations again on its text.
fn one_article() -> Library {
    let mut article = Article::new(
        "a1".into(),
        "Title 😀".into(),
        "A U.S. official said the warning was specific.\n\nمرحبا بالعالم 中文 e\u{301}".into(),
        "2026-11-25T10:00:00.000Z".into(),
    );
    article.source_url = "https://example.org/x".into();
    article.annotations.push(Annotation {
        id: "n1".into(),
        kind: AnnotationKind::Source,
        start: CharOffset(2),
        end: CharOffset(15),
        note: String::new(),
        created: String::new(),
        modified: String::new(),
        author: String::new(),
        edited_by: String::new(),
    });
    let mut library = Library::default();
    library.add(article);
    library
}

/// A file is imported or refused, into an empty library (first byte even) or into one holding
/// an article (odd). An import keeps the library's articles and puts every annotation within
/// its article's text.
pub fn import_file(data: &[u8]) -> bool {
    let Some((&choice, rest)) = data.split_first() else { return false };
    let library = if choice % 2 == 0 { Library::default() } else { one_article() };
    let Ok(imported) = import(&text(rest), &library, library.current.as_deref()) else { return false };
    for (before, after) in library.articles.iter().zip(&imported.library.articles) {
        assert_eq!((&before.id, &before.text), (&after.id, &after.text), "an import keeps the library's articles");
    }
    for article in &imported.library.articles {
        let length = CharOffset(article.text.chars().count());
        for a in &article.annotations {
            assert!(a.start < a.end && a.end <= length, "{a:?} lies outside a text of {} characters", length.0);
        }
    }
    true
}

/// A source in the format chosen by the first byte (plain, Markdown, HTML) becomes a draft
/// with normalized text of more than white space and bidi controls and a one-line, non-empty
/// title, or is refused.
pub fn source_read(data: &[u8]) -> bool {
    let Some((&choice, rest)) = data.split_first() else { return false };
    let format = [SourceFormat::Plain, SourceFormat::Markdown, SourceFormat::Html][usize::from(choice) % 3];
    let Ok(draft) = read(&text(rest), format) else { return false };
    assert_eq!(normalize(&draft.text), draft.text, "the text is normalized");
    assert!(!plain_line(&draft.text).is_empty(), "the text is more than white space and bidi controls");
    assert!(!draft.title.is_empty() && single_line(&draft.title) == draft.title, "title {:?}", draft.title);
    true
}

/// An HTML page gives its article: a one-line title, trimmed text, and removed parts that go
/// back at character boundaries inside the text.
pub fn html_extract(data: &[u8]) -> bool {
    let page = extract(&text(data), None);
    assert_eq!(single_line(&page.title), page.title);
    assert_eq!(page.text.trim(), page.text);
    for part in &page.removed {
        assert!(part.at <= page.text.len() && page.text.is_char_boundary(part.at));
    }
    !page.text.is_empty()
}
