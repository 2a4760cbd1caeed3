//! Hypothesis annotations: the client's export file (`{"export_date", "annotations": […]}`) and
//! the API's search result (`{"rows": […]}`) (<https://h.readthedocs.io/en/latest/api-reference/>).
//! Each annotation names its page (`uri`) and marks a passage by `target[].selector`:
//! `TextQuoteSelector` (`exact`, `prefix`, `suffix`) and `TextPositionSelector` (`start`,
//! `end`); `RangeSelector` (DOM paths) is ignored. `text` is the note, `tags` say the kind,
//! `user` (`acct:name@host`) and `created` who and when. Hypothesis keeps no copy of the text:
//! an annotation goes on the article of the library at its address, else the open one, and is
//! placed by its quote and context as any changed text's are; what cannot be placed becomes an
//! orphan. Page notes (no selector) and replies have no passage and are skipped.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::model::anchoring::{Anchor, Anchorer, Selector};
use crate::model::library::{Annotation, AnnotationKind, Library, Orphan, same_page};
use crate::model::offsets::CharOffset;

/// One Hypothesis annotation of a passage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    pub id: String,
    pub uri: String,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: Option<usize>,
    pub note: String,
    pub tags: Vec<String>,
    pub user: String,
    pub created: String,
}

/// Reads a Hypothesis export or search result; annotations without a quote (page notes,
/// replies) are left out and counted.
pub fn read(raw: &str) -> Result<(Vec<Highlight>, usize), String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("The file is not JSON ({e})."))?;
    let list = value
        .get("annotations")
        .or_else(|| value.get("rows"))
        .and_then(Value::as_array)
        .ok_or("A Hypothesis file holds \"annotations\" (an export) or \"rows\" (a search result).")?;
    let (mut highlights, mut without_passage) = (Vec::new(), 0);
    for (n, item) in list.iter().enumerate() {
        let text = |name: &str| item.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
        let selectors = item
            .get("target")
            .and_then(Value::as_array)
            .and_then(|targets| targets.first())
            .and_then(|target| target.get("selector"))
            .and_then(Value::as_array);
        let find =
            |kind: &str| selectors.and_then(|s| s.iter().find(|s| s.get("type").and_then(Value::as_str) == Some(kind)));
        let Some(quote) = find("TextQuoteSelector") else {
            without_passage += 1;
            continue;
        };
        let field = |name: &str| quote.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
        let exact = field("exact");
        if exact.is_empty() {
            return Err(format!("Annotation {} has a TextQuoteSelector with no \"exact\".", n + 1));
        }
        let tags = item.get("tags").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        highlights.push(Highlight {
            id: if text("id").is_empty() { format!("{}", n + 1) } else { text("id") },
            uri: text("uri"),
            exact,
            prefix: field("prefix"),
            suffix: field("suffix"),
            start: find("TextPositionSelector")
                .and_then(|p| p.get("start"))
                .and_then(Value::as_u64)
                .map(|s| s as usize),
            note: text("text"),
            tags: tags.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            user: text("user").trim_start_matches("acct:").split('@').next().unwrap_or_default().to_string(),
            created: text("created"),
        });
    }
    if highlights.is_empty() {
        return Err("The file has no annotation of a passage (page notes and replies mark none).".to_string());
    }
    Ok((highlights, without_passage))
}

/// What placing highlights did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placed {
    pub placed: usize,
    pub orphaned: usize,
    /// Tags mapped to no kind.
    pub skipped: usize,
    pub already_there: usize,
}

/// Places highlights on the articles of `library` (the one at each highlight's address, else
/// the open one), each kind from its first tag that `kind_of` maps; refused if one has no
/// article to go on.
pub fn place(
    library: &mut Library,
    highlights: &[Highlight],
    kind_of: &dyn Fn(&str) -> Option<AnnotationKind>,
) -> Result<Placed, String> {
    let mut placer = Placer::default();
    placer.place(library, highlights, kind_of)?;
    Ok(placer.done)
}

/// Places highlights a batch at a time (an import lets the page draw between batches), keeping
/// each article's index from one batch to the next.
#[derive(Default)]
pub struct Placer {
    /// One index per article, built when a highlight first goes there (it reads the whole text).
    anchorers: HashMap<String, Anchorer>,
    /// The ids of each article's annotations and orphans, made with its index.
    ids: HashMap<String, HashSet<String>>,
    pub done: Placed,
}

impl Placer {
    /// Places these highlights (see [`place`]).
    pub fn place(
        &mut self,
        library: &mut Library,
        highlights: &[Highlight],
        kind_of: &dyn Fn(&str) -> Option<AnnotationKind>,
    ) -> Result<(), String> {
        let current = library.current.clone();
        for highlight in highlights {
            let Some(kind) = highlight.tags.iter().find_map(|t| kind_of(t)) else {
                self.done.skipped += 1;
                continue;
            };
            let article_id = library
                .articles
                .iter()
                .rev()
                .find(|a| same_page(&a.source_url, &highlight.uri))
                .map(|a| a.id.clone())
                .or_else(|| current.clone())
                .ok_or(format!(
                    "“{}” is on {}, which is not in the library: open its article first.",
                    highlight.exact, highlight.uri
                ))?;
            let article = library.get_mut(&article_id).map_err(|e| e.to_string())?;
            let id = format!("hypothesis-{}", highlight.id);
            let ids = self.ids.entry(article_id.clone()).or_insert_with(|| {
                article
                    .annotations
                    .iter()
                    .chain(article.orphans.iter().map(|o| &o.annotation))
                    .map(|a| a.id.clone())
                    .collect()
            });
            if !ids.insert(id.clone()) {
                self.done.already_there += 1;
                continue;
            }
            let selector = Selector {
                exact: &highlight.exact,
                prefix: &highlight.prefix,
                suffix: &highlight.suffix,
                start: highlight.start.map(CharOffset),
            };
            let mut annotation = Annotation {
                id,
                kind,
                start: CharOffset(0),
                end: CharOffset(0),
                note: highlight.note.clone(),
                created: highlight.created.clone(),
                modified: highlight.created.clone(),
                author: highlight.user.clone(),
                edited_by: String::new(),
            };
            let anchorer = self.anchorers.entry(article_id.clone()).or_insert_with(|| Anchorer::new(&article.text));
            match anchorer.anchor(&selector) {
                Anchor::Placed { start, end, .. } => {
                    (annotation.start, annotation.end) = (start, end);
                    article.annotations.push(annotation);
                    self.done.placed += 1;
                }
                Anchor::Orphan { .. } => {
                    let (exact, prefix, suffix) =
                        (highlight.exact.clone(), highlight.prefix.clone(), highlight.suffix.clone());
                    article.orphans.push(Orphan::new(annotation, exact, prefix, suffix));
                    self.done.orphaned += 1;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::kind_for_label;
    use super::*;
    use crate::model::library::Article;

    /// Three annotations as the Hypothesis client exports them, on the page of the article.
    const EXPORT: &str = r#"{"export_date": "2026-12-05T08:00:00Z", "export_userid": "acct:ana@hypothes.is", "annotations": [
      {"id": "h1", "uri": "https://example.org/story?utm_source=x", "text": "Which official?", "tags": ["anonymous"], "user": "acct:ana@hypothes.is", "created": "2026-12-04T10:00:00Z",
       "target": [{"source": "https://example.org/story", "selector": [{"type": "RangeSelector", "startContainer": "/p[1]"},
         {"type": "TextPositionSelector", "start": 0, "end": 15}, {"type": "TextQuoteSelector", "exact": "A U.S. official", "prefix": "", "suffix": " said the blasts"}]}]},
      {"id": "h2", "uri": "https://example.org/story", "text": "", "tags": ["Claim", "check"], "user": "acct:ana@hypothes.is", "created": "2026-12-04T10:01:00Z",
       "target": [{"source": "https://example.org/story", "selector": [{"type": "TextQuoteSelector", "exact": "the blasts were planned", "prefix": "official said ", "suffix": "."}]}]},
      {"id": "h3", "uri": "https://example.org/story", "text": "A page note", "tags": [], "target": [{"source": "https://example.org/story"}]}]}"#;

    #[test]
    fn an_export_of_the_client_goes_on_the_article_of_its_page() {
        let (highlights, without) = read(EXPORT).unwrap();
        assert_eq!((highlights.len(), without), (2, 1));
        let mut library = Library::default();
        let mut article = Article::new(
            "a".into(),
            "Story".into(),
            "A U.S. official said the blasts were planned.".into(),
            "now".into(),
        );
        article.source_url = "https://example.org/story".into();
        library.add(article);
        library.add(Article::new("b".into(), "Other".into(), "Other text.".into(), "now".into()));
        let done = place(&mut library, &highlights, &kind_for_label).unwrap();
        assert_eq!(done, Placed { placed: 2, ..Placed::default() });
        let article = library.get("a").unwrap();
        let first = &article.annotations[0];
        assert_eq!(
            (first.kind, first.note.as_str(), first.author.as_str()),
            (AnnotationKind::AnonymousAttribution, "Which official?", "ana")
        );
        assert_eq!(article.quote(article.annotations[1].span()), "the blasts were planned");
        // The same file again adds nothing.
        assert_eq!(place(&mut library, &highlights, &kind_for_label).unwrap().already_there, 2);
    }

    #[test]
    fn broken_files_are_refused() {
        assert_eq!(
            read("[]").unwrap_err(),
            "A Hypothesis file holds \"annotations\" (an export) or \"rows\" (a search result)."
        );
        assert_eq!(
            read("{\"rows\": []}").unwrap_err(),
            "The file has no annotation of a passage (page notes and replies mark none)."
        );
    }
}
