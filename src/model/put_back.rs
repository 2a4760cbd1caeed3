//! Putting a part of the web page that extraction left out back into an article's text, and
//! taking it out again (undo). Annotations after the insertion point move with their text.

use std::sync::Arc;

use super::extract::RemovedPart;
use super::library::{EditError, Library};
use super::offsets::byte_to_char;

/// What [`Library::put_back`] did, for its undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PutBack {
    /// The part, as it was in the list.
    pub part: RemovedPart,
    /// Its place in the list.
    pub index: usize,
    /// The byte offset in the text where it went back, and what went in there (the part with
    /// the paragraph break that sets it apart).
    pub at: usize,
    pub inserted: String,
}

impl Library {
    /// Puts the article's removed part `index` back into its text where it was on the page.
    pub fn put_back(&mut self, id: &str, index: usize) -> Result<PutBack, EditError> {
        let article = self.get_mut(id)?;
        if index >= article.removed_parts.len() {
            return Err(EditError::NoSuchPart);
        }
        let part = article.removed_parts.remove(index);
        let at = clamp_to_boundary(&article.text, part.at);
        let inserted = inserted_text(&article.text, at, &part.text);
        let (bytes, chars) = (inserted.len(), inserted.chars().count());
        let char_at = byte_to_char(&article.text, at).0;
        let mut text = String::with_capacity(article.text.len() + bytes);
        text.push_str(&article.text[..at]);
        text.push_str(&inserted);
        text.push_str(&article.text[at..]);
        article.text = Arc::from(text);
        for annotation in &mut article.annotations {
            if annotation.start.0 >= char_at {
                annotation.start.0 += chars;
            }
            if annotation.end.0 > char_at {
                annotation.end.0 += chars;
            }
        }
        for other in &mut article.removed_parts {
            if other.at > at || (other.at == at && at != 0) {
                other.at += bytes;
            }
        }
        Ok(PutBack { part, index, at, inserted })
    }

    /// Undoes [`Library::put_back`]: takes the part's text out again and lists it as removed.
    /// Refused if a passage has been marked inside it since.
    pub fn take_back(&mut self, id: &str, put: PutBack) -> Result<(), EditError> {
        let article = self.get_mut(id)?;
        let PutBack { part, index, at, inserted } = put;
        if !article.text.get(at..).is_some_and(|rest| rest.starts_with(&inserted)) {
            return Err(EditError::TextChanged);
        }
        let (bytes, chars) = (inserted.len(), inserted.chars().count());
        let char_at = byte_to_char(&article.text, at).0;
        if article.annotations.iter().any(|a| a.end.0 > char_at && a.start.0 < char_at + chars) {
            return Err(EditError::HasAnnotations);
        }
        let mut text = article.text[..at].to_string();
        text.push_str(&article.text[at + bytes..]);
        article.text = Arc::from(text);
        for annotation in &mut article.annotations {
            if annotation.start.0 >= char_at + chars {
                annotation.start.0 -= chars;
                annotation.end.0 -= chars;
            }
        }
        for other in &mut article.removed_parts {
            if other.at > at {
                other.at -= bytes.min(other.at - at);
            }
        }
        let index = index.min(article.removed_parts.len());
        article.removed_parts.insert(index, part);
        Ok(())
    }
}

/// The largest char boundary of `text` at or before `at`.
fn clamp_to_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part with the paragraph break that sets it apart: before the following text, or, at
/// the end of a text, after the text before it.
fn inserted_text(text: &str, at: usize, part: &str) -> String {
    if text.is_empty() {
        part.to_string()
    } else if at >= text.len() {
        format!("\n\n{part}")
    } else {
        format!("{part}\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::AnnotationKind;
    use crate::model::library::testing::marked;
    use crate::model::offsets::CharOffset;

    fn library_with(text: &str, parts: &[(&str, usize)]) -> Library {
        let mut article = marked(text, &[("n1", AnnotationKind::Claim, "econ")]);
        article.removed_parts =
            parts.iter().map(|(t, at)| RemovedPart { label: "menu".into(), text: t.to_string(), at: *at }).collect();
        let mut library = Library::default();
        library.add(article);
        library
    }

    #[test]
    fn a_part_goes_back_where_it_was_and_annotations_move_with_their_text() {
        let text = "First 😀.\n\nSecond.";
        let mut library = library_with(text, &[("Menu", 0), ("Related", 13), ("Comments", text.len())]);
        let article = library.get("a").unwrap();
        assert_eq!(article.quote(crate::model::span::Span { start: CharOffset(11), end: CharOffset(15) }), "econ");
        let put = library.put_back("a", 1).unwrap();
        let article = library.get("a").unwrap();
        assert_eq!(&*article.text, "First 😀.\n\nRelated\n\nSecond.");
        assert_eq!(
            article.quote(crate::model::span::Span {
                start: article.annotations[0].start,
                end: article.annotations[0].end
            }),
            "econ"
        );
        assert_eq!(article.removed_parts.len(), 2);
        library.put_back("a", 1).unwrap();
        assert_eq!(&*library.get("a").unwrap().text, "First 😀.\n\nRelated\n\nSecond.\n\nComments");
        library.put_back("a", 0).unwrap();
        assert_eq!(&*library.get("a").unwrap().text, "Menu\n\nFirst 😀.\n\nRelated\n\nSecond.\n\nComments");
        let _ = put;
    }

    #[test]
    fn taking_a_part_back_restores_the_text_and_the_list() {
        let text = "First 😀.\n\nSecond.";
        let mut library = library_with(text, &[("Related", 13)]);
        let before = library.get("a").unwrap().clone();
        let put = library.put_back("a", 0).unwrap();
        library.take_back("a", put).unwrap();
        assert_eq!(library.get("a").unwrap(), &before);
    }

    #[test]
    fn a_part_marked_since_is_not_taken_back() {
        let mut library = library_with("First 😀.\n\nSecond.", &[("Related", 0)]);
        let put = library.put_back("a", 0).unwrap();
        library.get_mut("a").unwrap().annotations[0].start = CharOffset(0);
        assert_eq!(library.take_back("a", put), Err(EditError::HasAnnotations));
    }

    #[test]
    fn an_unknown_part_is_refused_and_changes_nothing() {
        let mut library = library_with("First 😀.\n\nSecond.", &[]);
        assert_eq!(library.put_back("a", 0), Err(EditError::NoSuchPart));
        assert_eq!(library.put_back("b", 0), Err(EditError::NoSuchArticle));
    }
}
