//! Import of our JSON exports (every version), of stored libraries, and of W3C Web Annotation
//! files (text-quote and text-position selectors). All or nothing: the library is changed only
//! if the whole file is valid, and every error names the annotation and the field at fault.

use serde_json::Value;

use super::export::{FORMAT, VERSION, sha256_hex};
use crate::model::library::{Annotation, AnnotationKind, Article, Library};
use crate::model::offsets::{CharIndex, CharOffset, byte_to_char};
use crate::model::stored;

/// What an import did, for the message in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The library with the file's content merged in.
    pub library: Library,
    /// Articles that were not in the library before.
    pub articles_added: usize,
    /// Annotations added to articles.
    pub annotations_added: usize,
    /// Annotations skipped because the library already had them (same id).
    pub already_there: usize,
}

/// Why a file was refused, as a sentence for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(message.into()))
}

/// Imports a file into a copy of `library`. W3C annotations that do not name an article of the
/// library go to the article `open` (the one in the reader).
pub fn import(raw: &str, library: &Library, open: Option<&str>) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(raw).or_else(|e| fail(format!("The file is not valid JSON ({e}).")))?;
    let format = value.get("format").and_then(Value::as_str);
    let mut merge = Merge { library: library.clone(), articles_added: 0, annotations_added: 0, already_there: 0 };
    match format {
        Some(FORMAT) => {
            let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
            if version > VERSION {
                return fail(format!(
                    "The file was written by a newer version of Article Annotator (format version {version}; this one reads up to {VERSION})."
                ));
            }
            let articles = value
                .get("articles")
                .and_then(Value::as_array)
                .ok_or_else(|| ImportError("The file has no \"articles\" list.".into()))?;
            for (i, article) in articles.iter().enumerate() {
                merge.article(read_export_article(article, i)?)?;
            }
        }
        Some("article-annotator/library") => {
            let stored = stored::decode(raw)
                .or_else(|e| fail(format!("The stored library in the file cannot be read: {e}.")))?;
            for article in stored.articles {
                check_spans(&article)?;
                merge.article(article)?;
            }
        }
        _ => read_w3c(&value, &mut merge, open)?,
    }
    Ok(Imported {
        library: merge.library,
        articles_added: merge.articles_added,
        annotations_added: merge.annotations_added,
        already_there: merge.already_there,
    })
}

struct Merge {
    library: Library,
    articles_added: usize,
    annotations_added: usize,
    already_there: usize,
}

impl Merge {
    /// Adds an article, or its new annotations to the same article already in the library.
    fn article(&mut self, article: Article) -> Result<(), ImportError> {
        let Ok(existing) = self.library.get_mut(&article.id) else {
            self.annotations_added += article.annotations.len();
            self.articles_added += 1;
            self.library.articles.push(article);
            return Ok(());
        };
        if existing.text != article.text {
            return fail(format!(
                "“{}” is already in this browser with a different text; placing annotations on a changed text is not supported yet.",
                article.title
            ));
        }
        for annotation in article.annotations {
            self.annotations(&article.id, vec![annotation])?;
        }
        Ok(())
    }

    fn annotations(&mut self, article: &str, annotations: Vec<Annotation>) -> Result<(), ImportError> {
        let existing = self.library.get_mut(article).or_else(|e| fail(e.to_string()))?;
        for annotation in annotations {
            if existing.annotations.iter().any(|a| a.id == annotation.id) {
                self.already_there += 1;
            } else {
                existing.annotations.push(annotation);
                self.annotations_added += 1;
            }
        }
        Ok(())
    }
}

/// Reads fields of one JSON object, naming `place` in every error.
struct Fields<'a> {
    object: &'a serde_json::Map<String, Value>,
    place: String,
}

impl<'a> Fields<'a> {
    fn of(value: &'a Value, place: String) -> Result<Self, ImportError> {
        match value.as_object() {
            Some(object) => Ok(Fields { object, place }),
            None => fail(format!("{place} is not a JSON object.")),
        }
    }

    fn text(&self, name: &str) -> Result<&'a str, ImportError> {
        match self.object.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => fail(format!("{}: field \"{name}\" is not a string.", self.place)),
            None => fail(format!("{}: field \"{name}\" is missing.", self.place)),
        }
    }

    fn optional_text(&self, name: &str) -> Result<&'a str, ImportError> {
        if self.object.contains_key(name) { self.text(name) } else { Ok("") }
    }

    fn offset(&self, name: &str) -> Result<CharOffset, ImportError> {
        match self.object.get(name).map(Value::as_u64) {
            Some(Some(n)) => Ok(CharOffset(n as usize)),
            Some(None) => fail(format!("{}: field \"{name}\" is not a whole number.", self.place)),
            None => fail(format!("{}: field \"{name}\" is missing.", self.place)),
        }
    }
}

fn read_export_article(value: &Value, index: usize) -> Result<Article, ImportError> {
    let fields = Fields::of(value, format!("Article {}", index + 1))?;
    let title = fields.text("title")?;
    let place = format!("Article {} (“{title}”)", index + 1);
    let fields = Fields { place: place.clone(), ..fields };
    let text = fields.text("text")?.to_string();
    let hash = fields.optional_text("text_sha256")?;
    if !hash.is_empty() && hash != sha256_hex(&text) {
        return fail(format!("{place}: field \"text_sha256\" does not match the text (the file was changed or cut)."));
    }
    let mut article = Article::new(
        fields.text("id")?.to_string(),
        title.to_string(),
        text,
        fields.optional_text("added")?.to_string(),
    );
    article.source_url = fields.optional_text("source_url")?.to_string();
    article.published = fields.optional_text("published")?.to_string();
    article.leftovers_reviewed = true;
    let annotations = match fields.object.get("annotations") {
        Some(Value::Array(list)) => list,
        _ => return fail(format!("{place}: field \"annotations\" is missing or not a list.")),
    };
    let index_of_text = CharIndex::new(&article.text);
    let length = CharOffset(article.text.chars().count());
    for (j, value) in annotations.iter().enumerate() {
        let id_hint = value.get("id").and_then(Value::as_str).unwrap_or("?");
        let fields = Fields::of(value, format!("Annotation {} (id “{id_hint}”) of “{title}”", j + 1))?;
        let kind = match fields.text("kind")? {
            "claim" => AnnotationKind::Claim,
            "source" => AnnotationKind::Source,
            "anonymous_attribution" => AnnotationKind::AnonymousAttribution,
            other => {
                return fail(format!(
                    "{}: field \"kind\" is “{other}”, not claim, source or anonymous_attribution.",
                    fields.place
                ));
            }
        };
        let (start, end) = (fields.offset("start")?, fields.offset("end")?);
        check_span(start, end, length, &fields.place)?;
        if let Some(quote) = fields.object.get("quote") {
            let exact = Fields::of(quote, format!("{}, its quote", fields.place))?.text("exact")?;
            let found = index_of_text.slice(start, end);
            if exact != found {
                return fail(format!(
                    "{}: field \"quote\" (“{}”) does not match the text at {}–{} (“{}”).",
                    fields.place,
                    crate::model::text::excerpt(exact, 40),
                    start.0,
                    end.0,
                    crate::model::text::excerpt(found, 40)
                ));
            }
        }
        article.annotations.push(Annotation {
            id: fields.text("id")?.to_string(),
            kind,
            start,
            end,
            note: fields.optional_text("note")?.to_string(),
            created: fields.optional_text("created")?.to_string(),
            modified: fields.optional_text("modified")?.to_string(),
        });
    }
    Ok(article)
}

fn check_span(start: CharOffset, end: CharOffset, length: CharOffset, place: &str) -> Result<(), ImportError> {
    if start >= end {
        return fail(format!("{place}: \"start\" ({}) is not before \"end\" ({}).", start.0, end.0));
    }
    if end > length {
        return fail(format!("{place}: \"end\" ({}) is beyond the end of the text ({} characters).", end.0, length.0));
    }
    Ok(())
}

fn check_spans(article: &Article) -> Result<(), ImportError> {
    let length = CharOffset(article.text.chars().count());
    for (j, a) in article.annotations.iter().enumerate() {
        check_span(a.start, a.end, length, &format!("Annotation {} (id “{}”) of “{}”", j + 1, a.id, article.title))?;
    }
    Ok(())
}

fn items_of(page: &Value) -> Option<Vec<&Value>> {
    page.get("items").and_then(Value::as_array).map(|l| l.iter().collect())
}

/// The annotations of a W3C document: one annotation, a list, a page or a collection.
fn w3c_items(value: &Value) -> Option<Vec<&Value>> {
    if let Some(list) = value.as_array() {
        return Some(list.iter().collect());
    }
    let types: Vec<&str> = match value.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    if types.contains(&"AnnotationCollection") {
        value.get("first").and_then(items_of).or_else(|| items_of(value))
    } else if types.contains(&"AnnotationPage") {
        items_of(value)
    } else if types.contains(&"Annotation") {
        Some(vec![value])
    } else {
        None
    }
}

fn read_w3c(value: &Value, merge: &mut Merge, open: Option<&str>) -> Result<(), ImportError> {
    let Some(items) = w3c_items(value) else {
        return fail("The file is neither an Article Annotator export nor W3C Web Annotation JSON.");
    };
    for (i, item) in items.into_iter().enumerate() {
        let fields = Fields::of(item, format!("Annotation {}", i + 1))?;
        let id_iri = fields.text("id")?;
        let place = format!("Annotation {} (id “{id_iri}”)", i + 1);
        let target = item.get("target").ok_or_else(|| ImportError(format!("{place}: field \"target\" is missing.")))?;
        let source = target.get("source").and_then(Value::as_str).unwrap_or("");
        let article_id = merge
            .library
            .articles
            .iter()
            .find(|a| {
                !source.is_empty()
                    && (a.source_url == source || source == format!("urn:article-annotator:article:{}", a.id))
            })
            .map(|a| a.id.clone())
            .or_else(|| open.map(str::to_string))
            .ok_or_else(|| {
                ImportError(format!(
                    "{place}: its target “{source}” is not an article of this browser; open the article first."
                ))
            })?;
        let text = merge.library.get(&article_id).map(|a| a.text.clone()).unwrap_or_default();
        let (start, end) = w3c_position(target, &text, &place)?;
        let bodies: Vec<&Value> = match item.get("body") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(body) => vec![body],
            None => Vec::new(),
        };
        let purpose = |b: &&Value, p: &str| b.get("purpose").and_then(Value::as_str) == Some(p);
        let value_of = |b: &Value| b.get("value").and_then(Value::as_str).unwrap_or("").to_string();
        let kind = bodies
            .iter()
            .filter(|b| purpose(b, "tagging"))
            .find_map(|b| kind_from_tag(&value_of(b)))
            .unwrap_or(AnnotationKind::Claim);
        let note = bodies
            .iter()
            .filter(|b| purpose(b, "commenting") || purpose(b, "describing") || b.get("purpose").is_none())
            .map(|b| value_of(b))
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        let id = id_iri.strip_prefix("urn:article-annotator:annotation:").unwrap_or(id_iri).to_string();
        let time = |name: &str| item.get(name).and_then(Value::as_str).unwrap_or("").to_string();
        let annotation =
            Annotation { id, kind, start, end, note, created: time("created"), modified: time("modified") };
        merge.annotations(&article_id, vec![annotation])?;
    }
    Ok(())
}

fn kind_from_tag(tag: &str) -> Option<AnnotationKind> {
    let tag = tag.trim().to_lowercase().replace(['_', '-'], " ");
    AnnotationKind::ALL.into_iter().find(|k| k.label().to_lowercase() == tag)
}

/// The span a W3C target selects in `text`: by its position selector if the quote (when given)
/// matches there, else by its quote selector with prefix and suffix.
fn w3c_position(target: &Value, text: &str, place: &str) -> Result<(CharOffset, CharOffset), ImportError> {
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(selector) => vec![selector],
        None => return fail(format!("{place}: its target has no selector.")),
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Value::as_str) == Some(t));
    let quote = of_type("TextQuoteSelector");
    let exact = quote.and_then(|q| q.get("exact")).and_then(Value::as_str);
    let length = CharOffset(text.chars().count());
    if let Some(position) = of_type("TextPositionSelector") {
        let fields = Fields::of(position, format!("{place}, its TextPositionSelector"))?;
        let (start, end) = (fields.offset("start")?, fields.offset("end")?);
        check_span(start, end, length, &fields.place)?;
        let index = CharIndex::new(text);
        if exact.is_none_or(|e| e == index.slice(start, end)) {
            return Ok((start, end));
        }
    }
    let Some(exact) = exact.filter(|e| !e.is_empty()) else {
        return fail(format!("{place}: it has neither a usable TextPositionSelector nor a TextQuoteSelector."));
    };
    let prefix = quote.and_then(|q| q.get("prefix")).and_then(Value::as_str).unwrap_or("");
    let suffix = quote.and_then(|q| q.get("suffix")).and_then(Value::as_str).unwrap_or("");
    // Every occurrence, scored by how much of the prefix and suffix agree.
    let best = text
        .match_indices(exact)
        .map(|(byte, _)| {
            let before = &text[..byte];
            let after = &text[byte + exact.len()..];
            let score = common_suffix(before, prefix) + common_prefix(after, suffix);
            (score, byte)
        })
        .max_by_key(|&(score, byte)| (score, std::cmp::Reverse(byte)));
    match best {
        Some((_, byte)) => {
            let start = byte_to_char(text, byte);
            Ok((start, CharOffset(start.0 + exact.chars().count())))
        }
        None => fail(format!(
            "{place}: its quote “{}” is not in the article's text.",
            crate::model::text::excerpt(exact, 40)
        )),
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::super::export::{Provenance, export};
    use super::super::w3c;
    use super::*;

    fn provenance() -> Provenance {
        Provenance { exported: "2026-11-25T12:00:00.000Z".into(), app_version: "0.1.0".into() }
    }

    fn library_with_sample() -> Library {
        let mut library = Library::default();
        library.add(super::super::export::tests::sample_article());
        library
    }

    #[test]
    fn an_export_imports_into_an_empty_library_unchanged_and_twice_adds_nothing() {
        let original = library_with_sample();
        let file = export(&original.articles, &provenance());
        let first = import(&file, &Library::default(), None).unwrap();
        assert_eq!((first.articles_added, first.annotations_added), (1, 2));
        let mut expected = original.articles[0].clone();
        expected.leftovers_reviewed = true;
        assert_eq!(first.library.articles, [expected]);
        let again = import(&file, &first.library, None).unwrap();
        assert_eq!((again.articles_added, again.annotations_added, again.already_there), (0, 0, 2));
        assert_eq!(again.library, first.library);
    }

    fn refused(file: &str) -> String {
        import(file, &library_with_sample(), Some("a1")).unwrap_err().0
    }

    #[test]
    fn bad_files_are_refused_with_the_place_and_the_field() {
        let good = export(&library_with_sample().articles, &provenance());
        assert!(refused("{\"format\": ").starts_with("The file is not valid JSON"));
        assert!(refused("[1, 2").starts_with("The file is not valid JSON"));
        assert_eq!(
            refused("{\"hello\": 1}"),
            "The file is neither an Article Annotator export nor W3C Web Annotation JSON."
        );
        assert!(refused(&good.replace("\"version\": 1", "\"version\": 7")).contains("newer version"));
        let out_of_text = good.replace("\"end\": 62", "\"end\": 6200");
        assert!(
            refused(&out_of_text)
                .contains("Annotation 1 (id “n2”) of “Kerman”: \"end\" (6200) is beyond the end of the text")
        );
        let wrong_quote = good.replace("\"exact\": \"killed 95 people\"", "\"exact\": \"killed 59 people\"");
        assert!(
            refused(&wrong_quote)
                .contains("Annotation 1 (id “n2”) of “Kerman”: field \"quote\" (“killed 59 people”) does not match")
        );
        let bad_kind = good.replace("\"kind\": \"claim\"", "\"kind\": \"rumour\"");
        assert!(refused(&bad_kind).contains("field \"kind\" is “rumour”"));
        let changed_text = good.replace("killed 95 people.", "killed 96 people.");
        assert!(refused(&changed_text).contains("\"text_sha256\" does not match"));
        let missing = good.replacen("\"note\": \"Count rose later.\",", "", 1).replacen("\"start\": 46,", "", 1);
        assert!(refused(&missing).contains("field \"start\" is missing"));
        let deep = "[".repeat(100_000);
        assert!(refused(&deep).starts_with("The file is not valid JSON"));
    }

    #[test]
    fn w3c_files_import_by_position_or_by_quote_with_context() {
        let source = library_with_sample();
        let file = w3c::export(&source.articles[0]);
        let mut empty_article = source.clone();
        empty_article.articles[0].annotations.clear();
        let imported = import(&file, &empty_article, None).unwrap();
        assert_eq!(imported.annotations_added, 2);
        let claim = imported.library.articles[0].annotations.iter().find(|a| a.id == "n2").unwrap();
        assert_eq!((claim.kind, claim.start, claim.end), (AnnotationKind::Claim, CharOffset(46), CharOffset(62)));
        assert_eq!(claim.note, "Count rose later.");

        // Another tool's annotation with only a quote, whose word occurs twice: the context decides.
        let mut twice = empty_article.clone();
        twice.articles[0].text = "people said. A U.S. official said people".into();
        let other_tool = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.is/abc", "type": "Annotation",
            "body": {"type": "TextualBody", "value": "check this"},
            "target": {"source": "https://example.org/story", "selector": {"type": "TextQuoteSelector", "exact": "people", "prefix": "official said "}}}"#;
        let imported = import(other_tool, &twice, None).unwrap();
        let a = &imported.library.articles[0].annotations[0];
        assert_eq!(
            (a.id.as_str(), a.start, a.end, a.note.as_str()),
            ("https://hyp.is/abc", CharOffset(34), CharOffset(40), "check this")
        );

        let missing_quote = other_tool.replace("\"exact\": \"people\"", "\"exact\": \"nobody\"");
        assert!(
            import(&missing_quote, &twice, None)
                .unwrap_err()
                .0
                .contains("its quote “nobody” is not in the article's text")
        );
    }
}
