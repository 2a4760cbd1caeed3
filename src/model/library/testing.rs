//! Building articles in the core's tests.

use super::{Annotation, AnnotationKind, Article};
use crate::model::offsets::CharOffset;

/// An article of `text` with an annotation on the first occurrence of each quote.
pub(crate) fn marked(text: &str, marks: &[(&str, AnnotationKind, &str)]) -> Article {
    let mut article = Article::new("a".into(), "Kerman".into(), text.into(), "t".into());
    for &(id, kind, quote) in marks {
        let byte = text.find(quote).unwrap_or_else(|| panic!("“{quote}” is in the text"));
        let start = text[..byte].chars().count();
        article.annotations.push(Annotation {
            id: id.into(),
            kind,
            start: CharOffset(start),
            end: CharOffset(start + quote.chars().count()),
            note: String::new(),
            created: String::new(),
            modified: String::new(),
            author: String::new(),
            edited_by: String::new(),
        });
    }
    article
}
