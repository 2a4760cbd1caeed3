//! One article of our export, read and checked field by field: every error names the
//! article, the annotation and the field at fault.

use super::*;

/// A JSON value as one of the library's types. It is read again from its text, not with
/// `serde_json::from_value`: the stored library is read from text, and one way of reading each
/// type keeps a second copy of its code out of the wasm.
pub(super) fn typed<T: serde::de::DeserializeOwned>(value: &Json) -> Result<T, String> {
    serde_json::from_str(&value.to_text()).map_err(|error| without_position(&error))
}

/// An error in a part of the file read on its own: its position is one in that part, not in
/// the user's file.
pub(super) fn without_position(error: &serde_json::Error) -> String {
    let mut message = error.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    message
}

/// Reads fields of one JSON object, naming `place` in every error.
pub(super) struct Fields<'a> {
    pub(super) object: &'a Object<'a>,
    pub(super) place: String,
}

impl<'a> Fields<'a> {
    pub(super) fn of(value: &'a Json, place: String) -> Result<Self, ImportError> {
        match value.as_object() {
            Some(object) => Ok(Fields { object, place }),
            None => fail(format!("{place} is not a JSON object.")),
        }
    }

    pub(super) fn text(&self, name: &str) -> Result<&'a str, ImportError> {
        match self.object.get(name) {
            Some(Json::String(s)) => Ok(s),
            Some(_) => fail(format!("{}: field \"{name}\" is not a string.", self.place)),
            None => fail(format!("{}: field \"{name}\" is missing.", self.place)),
        }
    }

    pub(super) fn optional_text(&self, name: &str) -> Result<&'a str, ImportError> {
        if self.object.contains_key(name) { self.text(name) } else { Ok("") }
    }

    pub(super) fn offset(&self, name: &str) -> Result<CharOffset, ImportError> {
        match self.object.get(name).map(Json::as_u64) {
            Some(Some(n)) => Ok(CharOffset(n as usize)),
            Some(None) => fail(format!("{}: field \"{name}\" is not a whole number.", self.place)),
            None => fail(format!("{}: field \"{name}\" is missing.", self.place)),
        }
    }
}

pub(super) fn read_export_article(value: &Json, index: usize) -> Result<Article, ImportError> {
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
    article.modified = fields.optional_text("modified")?.to_string();
    article.byline = fields.optional_text("byline")?.to_string();
    article.site_name = fields.optional_text("site_name")?.to_string();
    article.language = fields.optional_text("language")?.to_string();
    article.leftovers_reviewed = true;
    let annotations = match fields.object.get("annotations") {
        Some(Json::Array(list)) => list,
        _ => return fail(format!("{place}: field \"annotations\" is missing or not a list.")),
    };
    let index_of_text = CharIndex::new(&article.text);
    let length = CharOffset(article.text.chars().count());
    for (j, item) in annotations.iter().enumerate() {
        let read;
        let value = match item {
            // Checked to be JSON already; but skipping knows no depth limit, and reading does.
            Json::Raw(text) => {
                read = json::read(text).or_else(|e| {
                    fail(format!("Annotation {} of “{title}” cannot be read ({}).", j + 1, without_position(&e)))
                })?;
                &read
            }
            value => value,
        };
        let id_hint = value.get("id").and_then(Json::as_str).unwrap_or("?");
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
        let id = fields.text("id")?.to_string();
        if let Some(sources) = fields.object.get("sources") {
            let Some(sources) = sources.as_array().filter(|list| list.iter().all(Json::is_string)) else {
                return fail(format!("{}: field \"sources\" is not a list of annotation ids.", fields.place));
            };
            let sources = sources.iter().filter_map(Json::as_str);
            article.links.extend(sources.map(|source| Link::new(id.clone(), source.to_string())));
        }
        if let Some(verdict) = fields.object.get("verdict") {
            let mut verdict: Verdict = typed(verdict)
                .or_else(|e| fail(format!("{}: field \"verdict\" cannot be read ({e}).", fields.place)))?;
            if let Some(bad) = verdict.evidence.iter().find(|e| !is_web_url(&e.url)) {
                return fail(format!(
                    "{}: evidence “{}” is not an http or https URL.",
                    fields.place,
                    crate::model::text::excerpt(&bad.url, 60)
                ));
            }
            verdict.claim = id.clone();
            article.verdicts.push(verdict);
        }
        if fields.object.get("suggested").and_then(Json::as_bool) == Some(true) {
            article.suggested.push(id.clone());
        }
        article.annotations.push(Annotation {
            id,
            kind,
            start,
            end,
            note: fields.optional_text("note")?.to_string(),
            created: fields.optional_text("created")?.to_string(),
            modified: fields.optional_text("modified")?.to_string(),
            author: fields.optional_text("author")?.to_string(),
            edited_by: fields.optional_text("edited_by")?.to_string(),
        });
    }
    check_links(&article)?;
    if let Some(orphans) = fields.object.get("orphans") {
        article.orphans =
            typed(orphans).or_else(|e| fail(format!("{place}: field \"orphans\" is not a list of orphans ({e}).")))?;
    }
    if let Some(versions) = fields.object.get("versions") {
        article.versions = typed(versions)
            .or_else(|e| fail(format!("{place}: field \"versions\" is not a list of versions ({e}).")))?;
    }
    article.captured = fields.optional_text("captured")?.to_string();
    if article.captured == article.added {
        article.captured.clear();
    }
    if let Some(session) = fields.object.get("session") {
        article.session =
            typed(session).or_else(|e| fail(format!("{place}: field \"session\" cannot be read ({e}).")))?;
    }
    Ok(article)
}

pub(super) fn is_web_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Every link goes from a claim to a source or anonymous attribution of the same article, and
/// every verdict is on a claim.
pub(super) fn check_links(article: &Article) -> Result<(), ImportError> {
    // The first annotation of an id counts (a second one is skipped as already there).
    let mut kinds = HashMap::new();
    for a in &article.annotations {
        kinds.entry(a.id.as_str()).or_insert(a.kind);
    }
    let kind_of = |id: &str| kinds.get(id).copied();
    for link in &article.links {
        if kind_of(&link.claim) != Some(AnnotationKind::Claim) {
            return fail(format!("Annotation “{}” of “{}”: only claims have sources.", link.claim, article.title));
        }
        if !kind_of(&link.source).is_some_and(|k| k != AnnotationKind::Claim) {
            return fail(format!(
                "Annotation “{}” of “{}”: field \"sources\" names “{}”, which is not a source or anonymous attribution of the article.",
                link.claim, article.title, link.source
            ));
        }
    }
    if let Some(v) = article.verdicts.iter().find(|v| kind_of(&v.claim) != Some(AnnotationKind::Claim)) {
        return fail(format!("Annotation “{}” of “{}”: only claims have verdicts.", v.claim, article.title));
    }
    Ok(())
}

pub(super) fn check_span(
    start: CharOffset,
    end: CharOffset,
    length: CharOffset,
    place: &str,
) -> Result<(), ImportError> {
    span::within(start, end, length).map(|_| ()).or_else(|e| fail(format!("{place}: {e}.")))
}
