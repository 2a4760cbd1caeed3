//! A JSON value that borrows its strings from the text it was read from.
//!
//! Import reads a whole file into a tree before checking it field by field, so that every
//! error can name the annotation and the field at fault. `serde_json::Value` allocates every
//! key and string of the file again, and a hash map per object: a 6 MB export took 25 MB to
//! read (`cargo bench --bench memory`). Here a string without escapes is a slice of the file,
//! and an object is a list of pairs; and [`read_to_depth`] keeps values below a given depth as
//! their text, to be read one at a time.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
    /// A value left unread by [`read_to_depth`]: its JSON text, checked to be well formed.
    Raw(&'a str),
}

/// Reads `text` as JSON, the whole of it.
pub fn read(text: &str) -> serde_json::Result<Json<'_>> {
    serde_json::from_str(text)
}

/// Reads `text` as JSON, keeping the values nested `depth` levels deep (the top value is 0
/// levels deep, its members or elements 1) as [`Json::Raw`] text. The whole text is still
/// checked to be JSON, and an error is found at the same place as by [`read`].
pub fn read_to_depth(text: &str, depth: usize) -> serde_json::Result<Json<'_>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Levels(depth).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A JSON number, as serde_json reads it: whole numbers exactly, others as the nearest `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
}

/// A JSON object's members, in the file's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// The value of `key`. Of a key given twice the last counts, as with `serde_json::Value`.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

impl<'a> Json<'a> {
    /// The member `key` of an object; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?.get(key)
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        if let Json::Object(object) = self { Some(object) } else { None }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        if let Json::Array(items) = self { Some(items) } else { None }
    }

    pub fn as_str(&self) -> Option<&str> {
        if let Json::String(text) = self { Some(text) } else { None }
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    pub fn as_bool(&self) -> Option<bool> {
        if let Json::Bool(b) = self { Some(*b) } else { None }
    }

    /// A whole number that is not negative.
    pub fn as_u64(&self) -> Option<u64> {
        if let Json::Number(Number::Unsigned(n)) = self { Some(*n) } else { None }
    }

    /// The value as JSON text, which reads back as an equal value.
    pub fn to_text(&self) -> String {
        let mut out = Vec::new();
        self.write(&mut out);
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    fn write(&self, out: &mut Vec<u8>) {
        // Writing into memory cannot fail.
        let _ = match self {
            Json::Null => out.write_all(b"null"),
            Json::Bool(b) => write!(out, "{b}"),
            Json::Number(Number::Unsigned(n)) => write!(out, "{n}"),
            Json::Number(Number::Negative(n)) => write!(out, "{n}"),
            // serde_json prints the shortest text that reads back as the same `f64` (and its
            // printer is in the app already, where `core`'s would add 8 KB).
            Json::Number(Number::Float(x)) => serde_json::to_writer(&mut *out, x).map_err(std::io::Error::other),
            Json::String(text) => write_string(out, text),
            Json::Raw(text) => out.write_all(text.as_bytes()),
            Json::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.write_all(b"]")
            }
            Json::Object(Object(members)) => {
                out.push(b'{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    let _ = write_string(out, key);
                    out.push(b':');
                    value.write(out);
                }
                out.write_all(b"}")
            }
        };
    }
}

fn write_string(out: &mut Vec<u8>, text: &str) -> std::io::Result<()> {
    serde_json::to_writer(out, text).map_err(std::io::Error::other)
}

impl<'de: 'a, 'a> Deserialize<'de> for Json<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Levels(usize::MAX).deserialize(deserializer)
    }
}

/// Reads a value as a tree this many levels down; below that, as its text.
#[derive(Clone, Copy)]
struct Levels(usize);

impl<'de> DeserializeSeed<'de> for Levels {
    type Value = Json<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        match self.0.checked_sub(1) {
            None => Ok(Json::Raw(<&RawValue>::deserialize(deserializer)?.get())),
            Some(below) => deserializer.deserialize_any(JsonVisitor(Levels(below))),
        }
    }
}

/// Builds one level of the tree; its members or elements are read with the `Levels` it holds.
struct JsonVisitor(Levels);

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::Unsigned(n)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(if n < 0 { Number::Negative(n) } else { Number::Unsigned(n as u64) }))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::Float(x)))
    }

    /// A string without escapes: a slice of the file.
    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(text)))
    }

    /// A string with escapes, which serde_json has unescaped into a buffer of its own.
    fn visit_str<E>(self, text: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(text.to_string())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self.0)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<Json<'de>>()? {
            let Json::String(key) = key else { return Err(A::Error::custom("an object key that is not a string")) };
            members.push((key, map.next_value_seed(self.0)?));
        }
        Ok(Json::Object(Object(members)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Json<'_> {
        serde_json::from_str(text).expect("valid JSON")
    }

    #[test]
    fn strings_without_escapes_are_slices_of_the_text_and_others_are_unescaped() {
        let value = read(r#"{"plain": "Zoë said", "escaped": "a \"quote\"\n", "k\u00e9y": 1}"#);
        assert!(matches!(value.get("plain"), Some(Json::String(Cow::Borrowed("Zoë said")))));
        assert!(matches!(value.get("escaped"), Some(Json::String(Cow::Owned(s))) if s == "a \"quote\"\n"));
        assert_eq!(value.get("kéy").and_then(Json::as_u64), Some(1));
    }

    #[test]
    fn accessors_answer_like_serde_json_values() {
        let text =
            r#"{"n": 3, "neg": -2, "x": 1.5, "b": true, "z": null, "l": [1, "a"], "o": {"a": 1}, "d": 1, "d": 2}"#;
        let ours = read(text);
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        for key in ["n", "neg", "x", "b", "z", "l", "o", "d", "missing"] {
            let (a, b) = (ours.get(key), theirs.get(key));
            assert_eq!(a.is_some(), b.is_some(), "{key}");
            let (Some(a), Some(b)) = (a, b) else { continue };
            assert_eq!(a.as_u64(), b.as_u64(), "{key}");
            assert_eq!(a.as_str(), b.as_str(), "{key}");
            assert_eq!(a.as_bool(), b.as_bool(), "{key}");
            assert_eq!(a.is_string(), b.is_string(), "{key}");
            assert_eq!(a.as_array().map(<[_]>::len), b.as_array().map(Vec::len), "{key}");
            assert_eq!(a.as_object().is_some(), b.as_object().is_some(), "{key}");
        }
        assert_eq!(ours.get("d").and_then(Json::as_u64), Some(2), "the last of a repeated key counts");
    }

    #[test]
    fn written_text_reads_back_as_the_same_value() {
        let text =
            r#"[{"a": "x\"y\\z\u0001", "b": [1, -7, 0.1, 1e300, 2.5e-8], "c": {"d": false, "e": null}}, "Łódź 💬"]"#;
        let value = read(text);
        let written = value.to_text();
        assert_eq!(read(&written), value);
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&written).unwrap(), theirs);
    }

    #[test]
    fn below_the_depth_values_are_kept_as_their_text() {
        let text = r#"{"articles": [{"title": "T", "annotations": [{"id": "a", "note": "x\"y"}, 3, "s"]}]}"#;
        let value = read_to_depth(text, 4).unwrap();
        let article = &value.get("articles").and_then(Json::as_array).unwrap()[0];
        assert_eq!(article.get("title").and_then(Json::as_str), Some("T"));
        let annotations = article.get("annotations").and_then(Json::as_array).unwrap();
        assert_eq!(annotations, [Json::Raw(r#"{"id": "a", "note": "x\"y"}"#), Json::Raw("3"), Json::Raw(r#""s""#)]);
        let first = read(match annotations[0] {
            Json::Raw(raw) => raw,
            _ => unreachable!(),
        });
        assert_eq!(first.get("note").and_then(Json::as_str), Some("x\"y"));
        // Written back, raw text is itself, so the whole reads as the whole did.
        assert_eq!(read(&value.to_text()), read(text));
        // Below the depth, malformed JSON is found all the same, at the same place (serde_json's
        // skipping words some errors differently: "key must be a string" for "trailing comma").
        let broken = r#"{"articles": [{"annotations": [{"id": "a",}]}]}"#;
        let (shallow, whole) = (read_to_depth(broken, 4).unwrap_err(), super::read(broken).unwrap_err());
        assert_eq!((shallow.line(), shallow.column()), (whole.line(), whole.column()));
        assert!(read_to_depth("[1] x", 4).is_err(), "trailing characters");
    }

    #[test]
    fn errors_are_serde_json_errors() {
        let ours = serde_json::from_str::<Json>("{\"a\": [1, }").unwrap_err().to_string();
        let theirs = serde_json::from_str::<serde_json::Value>("{\"a\": [1, }").unwrap_err().to_string();
        assert_eq!(ours, theirs);
    }
}
