//! Reading a W3C Web Annotation document (one annotation, a list, a page or a collection)
//! into the merge: text-quote and text-position selectors, placed again where the text changed.

use super::*;

fn items_of<'a>(page: &'a Json<'a>) -> Option<Vec<&'a Json<'a>>> {
    page.get("items").and_then(Json::as_array).map(|l| l.iter().collect())
}

/// The annotations of a W3C document: one annotation, a list, a page or a collection.
fn w3c_items<'a>(value: &'a Json<'a>) -> Option<Vec<&'a Json<'a>>> {
    if let Some(list) = value.as_array() {
        return Some(list.iter().collect());
    }
    let types: Vec<&str> = match value.get("type") {
        Some(Json::String(t)) => vec![t],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
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

pub(super) fn read_w3c(value: &Json, merge: &mut Merge, open: Option<&str>) -> Result<(), ImportError> {
    let Some(items) = w3c_items(value) else {
        return fail("The file is neither an Article Annotator export nor W3C Web Annotation JSON.");
    };
    let mut anchorers: HashMap<String, (Anchorer, usize)> = HashMap::new();
    let mut items_read = 0;
    let mut links: Vec<(String, String)> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let fields = Fields::of(item, format!("Annotation {}", i + 1))?;
        let id_iri = fields.text("id")?;
        let place = format!("Annotation {} (id “{id_iri}”)", i + 1);
        let target = item.get("target").ok_or_else(|| ImportError(format!("{place}: field \"target\" is missing.")))?;
        // A link between two annotations (ours: a claim and its source), added once all are in.
        if let (Some("linking"), Some(claim), Some(source)) = (
            fields.object.get("motivation").and_then(Json::as_str),
            target.as_str(),
            item.get("body").and_then(Json::as_str),
        ) {
            links.push((claim.to_string(), source.to_string()));
            continue;
        }
        // The source is an IRI, or a resource described by its `id` (ours, with its metadata).
        let source = target
            .get("source")
            .and_then(|source| source.as_str().or_else(|| source.get("id").and_then(Json::as_str)))
            .unwrap_or("");
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
        let text = merge.library.get(&article_id).map(|a| &*a.text).unwrap_or_default();
        if !anchorers.contains_key(&article_id) {
            anchorers.insert(article_id.clone(), (Anchorer::new(text), text.chars().count()));
        }
        let (anchorer, length) = &anchorers[&article_id];
        let (anchor, quote) = w3c_anchor(target, anchorer, CharOffset(*length), &place)?;
        let bodies: Vec<&Json> = match item.get("body") {
            Some(Json::Array(list)) => list.iter().collect(),
            Some(body) => vec![body],
            None => Vec::new(),
        };
        let purpose = |b: &&Json, p: &str| b.get("purpose").and_then(Json::as_str) == Some(p);
        let value_of = |b: &Json| b.get("value").and_then(Json::as_str).unwrap_or("").to_string();
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
        let time = |name: &str| item.get(name).and_then(Json::as_str).unwrap_or("").to_string();
        let (start, end) = match anchor {
            Anchor::Placed { start, end, .. } => (start, end),
            Anchor::Orphan { .. } => (CharOffset(0), CharOffset(0)),
        };
        let annotation = Annotation {
            id,
            kind,
            start,
            end,
            note,
            created: time("created"),
            modified: time("modified"),
            author: creator_name(item),
            edited_by: String::new(),
        };
        merge.place(&article_id, annotation, anchor, quote, false)?;
        items_read += 1;
    }
    // A file none of whose annotations fit is about another text: refuse it whole.
    if items_read > 0 && merge.orphaned == items_read {
        return fail(format!(
            "None of its {items_read} annotations could be placed on the article: their quotes are not in its text. Open the article they were made on, then import again."
        ));
    }
    for (claim, source) in links {
        let id = |iri: &str| iri.strip_prefix(ANNOTATION_PREFIX).unwrap_or(iri).to_string();
        let link = Link::new(id(&claim), id(&source));
        // Added where both ends are, if they are a claim and a source; other links are not ours.
        let kind_in = |a: &Article, id: &str| a.annotations.iter().find(|n| n.id == id).map(|n| n.kind);
        let found = merge.library.articles.iter().find(|a| {
            kind_in(a, &link.claim) == Some(AnnotationKind::Claim)
                && kind_in(a, &link.source).is_some_and(|k| k != AnnotationKind::Claim)
        });
        let id = found.map(|a| a.id.clone());
        if let Some(article) = id.and_then(|id| merge.library.get_mut(&id).ok())
            && !article.links.contains(&link)
        {
            article.links.push(link);
        }
    }
    Ok(())
}

fn kind_from_tag(tag: &str) -> Option<AnnotationKind> {
    let tag = tag.trim().to_lowercase().replace(['_', '-'], " ");
    AnnotationKind::ALL.into_iter().find(|k| k.label().to_lowercase() == tag)
}

/// Where a W3C target belongs in an article: by its position selector alone if it has no
/// quote, else by re-anchoring its quote selector (the position as a hint). Also returns the
/// quote, kept with the annotation if it becomes an orphan.
fn w3c_anchor(
    target: &Json,
    anchorer: &Anchorer,
    length: CharOffset,
    place: &str,
) -> Result<(Anchor, QuoteContext), ImportError> {
    let selectors: Vec<&Json> = match target.get("selector") {
        Some(Json::Array(list)) => list.iter().collect(),
        Some(selector) => vec![selector],
        None => return fail(format!("{place}: its target has no selector.")),
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Json::as_str) == Some(t));
    let quote = of_type("TextQuoteSelector");
    let text_of = |name: &str| quote.and_then(|q| q.get(name)).and_then(Json::as_str).unwrap_or("").to_string();
    let quote = QuoteContext { exact: text_of("exact"), prefix: text_of("prefix"), suffix: text_of("suffix") };
    let mut hint = None;
    if let Some(position) = of_type("TextPositionSelector") {
        let fields = Fields::of(position, format!("{place}, its TextPositionSelector"))?;
        let (start, end) = (fields.offset("start")?, fields.offset("end")?);
        if quote.exact.is_empty() {
            check_span(start, end, length, &fields.place)?;
            return Ok((Anchor::Placed { start, end, method: Method::Position, confidence: 1.0 }, quote));
        }
        hint = Some(start);
    }
    if quote.exact.is_empty() {
        return fail(format!("{place}: it has neither a usable TextPositionSelector nor a TextQuoteSelector."));
    }
    let selector = Selector { exact: &quote.exact, prefix: &quote.prefix, suffix: &quote.suffix, start: hint };
    Ok((anchorer.anchor(&selector), quote))
}

/// The name of an annotation's `creator`: a string, or an agent's `nickname` or `name` (the
/// first of a list).
fn creator_name(item: &Json) -> String {
    let creator = match item.get("creator") {
        Some(Json::Array(list)) => list.first(),
        other => other,
    };
    let Some(creator) = creator else { return String::new() };
    creator
        .as_str()
        .or_else(|| creator.get("nickname").and_then(Json::as_str))
        .or_else(|| creator.get("name").and_then(Json::as_str))
        .unwrap_or("")
        .to_string()
}
