//! The form in which the library is kept in the browser's storage.
//!
//! Every stored value carries a `version`. Version 1 is the first; version 2 adds the orphans
//! of an article; version 3 the links, verdicts and session of an article and the library's
//! rating scale; version 4 the ids of accepted suggestions; version 5 the ratings that are off the
//! truth scale. Each is a new version so that an older app refuses the value rather than
//! dropping what it does not know on its next save. When the form changes, the version goes up and [`decode`] keeps
//! reading every older version (frozen fixtures of each live in `tests/fixtures/stored/`).

use serde::{Deserialize, Serialize};

use super::json::Json;
use super::library::{Article, Library, default_off_scale};
use super::offsets::CharOffset;
use super::span;

/// The version [`encode`] writes.
pub const CURRENT_VERSION: u64 = 5;

/// Identifies our values among whatever else is in storage.
const FORMAT: &str = "article-annotator/library";

/// What is read back; [`StoredRef`] is what is written.
#[derive(Deserialize)]
struct Stored {
    current: Option<String>,
    articles: Vec<Article>,
    /// Absent before version 3: the default scale.
    #[serde(default)]
    ratings: Option<Vec<String>>,
    /// Absent before version 5: the default off-scale ratings that the scale has.
    #[serde(default)]
    off_scale: Option<Vec<String>>,
}

/// The library as written, borrowed: saving a long article must not copy it first.
#[derive(Serialize)]
struct StoredRef<'a> {
    format: &'a str,
    version: u64,
    current: &'a Option<String>,
    articles: &'a [Article],
    ratings: &'a [String],
    off_scale: &'a [String],
}

/// The two fields that say whether the rest can be read at all; the rest is skipped unparsed.
#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow)]
    format: Option<Json<'a>>,
    #[serde(borrow)]
    version: Option<Json<'a>>,
}

/// A syntax error or a value cut short is not JSON; anything else is JSON of the wrong shape.
fn read_error(error: serde_json::Error) -> DecodeError {
    if error.is_syntax() || error.is_eof() {
        DecodeError::NotJson(error.to_string())
    } else {
        DecodeError::WrongShape(error.to_string())
    }
}

/// Why a stored value could not be read; the message is shown to the user.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all, or cut short.
    NotJson(String),
    /// JSON, but not a library of ours.
    WrongShape(String),
    /// Written by a newer version of the app than this one.
    NewerVersion(u64),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson(e) => write!(f, "it is not valid JSON ({e})"),
            Self::WrongShape(e) => write!(f, "it is not a library in a form this app knows ({e})"),
            Self::NewerVersion(v) => write!(
                f,
                "it was written by a newer version of Article Annotator (format version {v}; this one reads up to {CURRENT_VERSION})"
            ),
        }
    }
}

/// Serializes the library for storage.
pub fn encode(library: &Library) -> String {
    let mut out = Vec::new();
    encode_to(library, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`encode`], written piece by piece to `out`: a long library need never be whole in memory.
pub fn encode_to(library: &Library, out: impl std::io::Write) -> std::io::Result<()> {
    let stored = StoredRef {
        format: FORMAT,
        version: CURRENT_VERSION,
        current: &library.current,
        articles: &library.articles,
        ratings: &library.ratings,
        off_scale: &library.off_scale,
    };
    serde_json::to_writer(out, &stored).map_err(std::io::Error::from)
}

/// Reads a stored library of any version this app has ever written.
pub fn decode(raw: &str) -> Result<Library, DecodeError> {
    // Reading the header first tells a newer version from a broken value without building a
    // tree of the whole library (which, for a long article, costs more than the library).
    let header: Header = serde_json::from_str(raw).map_err(read_error)?;
    let version = header
        .version
        .as_ref()
        .and_then(Json::as_u64)
        .ok_or_else(|| DecodeError::WrongShape("no \"version\" number".into()))?;
    if header.format.as_ref().and_then(Json::as_str) != Some(FORMAT) {
        return Err(DecodeError::WrongShape(format!("\"format\" is not \"{FORMAT}\"")));
    }
    match version {
        // Every older version is this one without what later versions added.
        1..=5 => {
            let stored: Stored = serde_json::from_str(raw).map_err(read_error)?;
            let mut library = Library { articles: stored.articles, current: stored.current, ..Library::default() };
            if let Some(ratings) = stored.ratings.filter(|r| !r.is_empty()) {
                library.ratings = ratings;
            }
            // Only ratings of the scale can be off it; a value written by this app has no other.
            library.off_scale = match stored.off_scale {
                Some(off_scale) => library.ratings.iter().filter(|r| off_scale.contains(r)).cloned().collect(),
                None => default_off_scale(&library.ratings),
            };
            if library.current().is_none() {
                library.current = library.articles.last().map(|a| a.id.clone());
            }
            check_spans(&library)?;
            Ok(library)
        }
        v if v > CURRENT_VERSION => Err(DecodeError::NewerVersion(v)),
        v => Err(DecodeError::WrongShape(format!("unknown version {v}"))),
    }
}

/// Refuses annotations that are empty, reversed or past the end of their text: the app never
/// writes them, so the value was damaged, and it is better kept aside whole than shown wrong.
fn check_spans(library: &Library) -> Result<(), DecodeError> {
    for article in &library.articles {
        let length = CharOffset(article.text.chars().count());
        for a in &article.annotations {
            span::within(a.start, a.end, length)
                .map_err(|e| DecodeError::WrongShape(format!("annotation “{}” of “{}”: {e}", a.id, article.title)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Library {
        let mut lib = Library::default();
        lib.add(Article::new(
            "a1".into(),
            "Title 😀 مرحبا".into(),
            "Text\n\nMore".into(),
            "2026-11-25T10:00:00Z".into(),
        ));
        lib
    }

    #[test]
    fn encode_then_decode_is_identity() {
        let lib = sample();
        assert_eq!(decode(&encode(&lib)), Ok(lib));
    }

    #[test]
    fn broken_values_are_reported_not_panicked_on() {
        let good = encode(&sample());
        assert!(matches!(decode(&good[..good.len() / 2]), Err(DecodeError::NotJson(_))));
        assert!(matches!(decode("[1,2]"), Err(DecodeError::WrongShape(_))));
        assert!(matches!(decode(r#"{"version":1,"format":"other"}"#), Err(DecodeError::WrongShape(_))));
        assert!(matches!(
            decode(r#"{"version":1,"format":"article-annotator/library","articles":[{"id":3}]}"#),
            Err(DecodeError::WrongShape(_))
        ));
        assert_eq!(
            decode(r#"{"version":99,"format":"article-annotator/library","articles":"?"}"#),
            Err(DecodeError::NewerVersion(99))
        );
        // Found by fuzzing: spans past the end of the text, reversed or empty.
        let with_span = |start: usize, end: usize| {
            format!(
                r#"{{"format":"article-annotator/library","version":4,"articles":[{{"id":"a","title":"t","text":"ab 😀","added":"","annotations":[{{"id":"n","kind":"claim","start":{start},"end":{end}}}]}}]}}"#
            )
        };
        assert!(decode(&with_span(0, 4)).is_ok(), "the whole text, emoji counted as one character");
        for (start, end, why) in [
            (0, 5, "\"end\" (5) is beyond the end of the text (4 characters)"),
            (7, 9, "\"end\" (9) is beyond the end of the text (4 characters)"),
            (3, 2, "\"start\" (3) is not before \"end\" (2)"),
            (2, 2, "\"start\" (2) is not before \"end\" (2)"),
        ] {
            assert_eq!(
                decode(&with_span(start, end)),
                Err(DecodeError::WrongShape(format!("annotation “n” of “t”: {why}"))),
            );
        }
    }

    #[test]
    fn the_off_scale_ratings_are_kept_and_only_those_of_the_scale() {
        let mut lib = sample();
        lib.set_scale(&["Yes".into(), "No".into(), "Unclear".into()], &["Unclear".into()]).unwrap();
        let raw = encode(&lib);
        assert!(raw.contains(r#""off_scale":["Unclear"]"#), "{raw}");
        assert_eq!(decode(&raw).unwrap().off_scale, ["Unclear"]);
        // A damaged value's stranger is dropped rather than kept off a scale it is not in.
        let damaged = raw.replace(r#""off_scale":["Unclear"]"#, r#""off_scale":["Maybe","Unclear"]"#);
        assert_eq!(decode(&damaged).unwrap().off_scale, ["Unclear"]);
        // Without the field (as before version 5): the default, if the scale has it.
        let without = raw.replace(r#","off_scale":["Unclear"]"#, "");
        assert!(decode(&without).unwrap().off_scale.is_empty());
        let default =
            encode(&sample()).replace(r#","off_scale":["Unverifiable"]"#, "").replace("\"version\":5", "\"version\":4");
        assert_eq!(decode(&default).unwrap().off_scale, ["Unverifiable"]);
    }

    #[test]
    fn a_dangling_current_id_falls_back_to_the_last_article() {
        let raw = encode(&sample()).replace("\"current\":\"a1\"", "\"current\":\"gone\"");
        assert_eq!(decode(&raw).unwrap().current.as_deref(), Some("a1"));
    }
}
