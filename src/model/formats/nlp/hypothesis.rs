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

use serde::Deserialize;
use serde_json::error::Category;

use crate::model::anchoring::{Anchor, Anchorer, Selector};
use crate::model::library::{Annotation, AnnotationKind, Library, Orphan, Touched, page_key};
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

/// The parts of a Hypothesis file that are read, typed: building a `serde_json::Value` of a
/// 10,000-annotation export took several times as long in the browser (bench/tool_import.mjs).
#[derive(Deserialize)]
struct File {
    annotations: Option<Vec<Item>>,
    rows: Option<Vec<Item>>,
}

#[derive(Deserialize)]
struct Item {
    id: Option<String>,
    uri: Option<String>,
    text: Option<String>,
    tags: Option<Vec<String>>,
    user: Option<String>,
    created: Option<String>,
    target: Option<Vec<Target>>,
}

#[derive(Deserialize)]
struct Target {
    selector: Option<Vec<TargetSelector>>,
}

/// A selector of any type: each type's fields, those of other types absent.
#[derive(Deserialize)]
struct TargetSelector {
    #[serde(rename = "type")]
    kind: Option<String>,
    exact: Option<String>,
    prefix: Option<String>,
    suffix: Option<String>,
    start: Option<serde_json::Value>,
}

/// Reads a Hypothesis export or search result; annotations without a quote (page notes,
/// replies) are left out and counted.
pub fn read(raw: &str) -> Result<(Vec<Highlight>, usize), String> {
    let shape = "A Hypothesis file holds \"annotations\" (an export) or \"rows\" (a search result).";
    let value: File = serde_json::from_str(raw).map_err(|e| match e.classify() {
        Category::Data if !raw.trim_start().starts_with('{') => shape.to_string(),
        Category::Data => format!("Its annotations are not as Hypothesis writes them: {e}."),
        _ => format!("The file is not JSON ({e})."),
    })?;
    let list = value.annotations.or(value.rows).ok_or(shape)?;
    let (mut highlights, mut without_passage) = (Vec::with_capacity(list.len()), 0);
    for (n, item) in list.into_iter().enumerate() {
        let mut selectors = item.target.and_then(|t| t.into_iter().next()).and_then(|t| t.selector).unwrap_or_default();
        let start = selectors
            .iter()
            .find(|s| s.kind.as_deref() == Some("TextPositionSelector"))
            .and_then(|p| p.start.as_ref()?.as_u64())
            .map(|s| s as usize);
        let Some(quote) = selectors.iter_mut().find(|s| s.kind.as_deref() == Some("TextQuoteSelector")) else {
            without_passage += 1;
            continue;
        };
        let exact = quote.exact.take().unwrap_or_default();
        if exact.is_empty() {
            return Err(format!("Annotation {} has a TextQuoteSelector with no \"exact\".", n + 1));
        }
        let user = item.user.unwrap_or_default();
        highlights.push(Highlight {
            id: item.id.filter(|id| !id.is_empty()).unwrap_or_else(|| format!("{}", n + 1)),
            uri: item.uri.unwrap_or_default(),
            exact,
            prefix: quote.prefix.take().unwrap_or_default(),
            suffix: quote.suffix.take().unwrap_or_default(),
            start,
            note: item.text.unwrap_or_default(),
            tags: item.tags.unwrap_or_default(),
            user: user.trim_start_matches("acct:").split('@').next().unwrap_or_default().to_string(),
            created: item.created.unwrap_or_default(),
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
    /// The article at each address the highlights name (`None`: none, so the open one), found
    /// once: comparing every highlight's address with every article's was most of the time
    /// placing took on a library of a hundred articles.
    article_at: HashMap<String, Option<String>>,
    /// Each article's page, the last added at each (made on first use).
    pages: Option<HashMap<String, String>>,
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
            let pages = self.pages.get_or_insert_with(|| {
                library.articles.iter().filter_map(|a| Some((page_key(&a.source_url)?, a.id.clone()))).collect()
            });
            let at_address = self
                .article_at
                .entry(highlight.uri.clone())
                .or_insert_with(|| page_key(&highlight.uri).and_then(|key| pages.get(&key).cloned()));
            let article_id = at_address.clone().or_else(|| current.clone()).ok_or(format!(
                "“{}” is on {}, which is not in the library: open its article first.",
                highlight.exact, highlight.uri
            ))?;
            let id = format!("hypothesis-{}", highlight.id);
            // Only this annotation is new: saving then writes it (and the article's details, for
            // an orphan), not every annotation of the article again.
            let touched = Touched::Items { annotations: HashSet::from([id.clone()]), links: Vec::new() };
            let article = library.get_mut_touching(&article_id, touched).map_err(|e| e.to_string())?;
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
            // A selection dragged from the end of one paragraph quotes its line break: the
            // passage is what follows it, and the break is context (a folded text has no place
            // inside a run of white space to start at).
            let exact = highlight.exact.trim();
            let leading = &highlight.exact[..highlight.exact.len() - highlight.exact.trim_start().len()];
            let trailing = &highlight.exact[highlight.exact.trim_end().len()..];
            let (prefix, suffix) = if exact.len() == highlight.exact.len() {
                (highlight.prefix.clone(), highlight.suffix.clone())
            } else {
                (format!("{}{leading}", highlight.prefix), format!("{trailing}{}", highlight.suffix))
            };
            let selector = Selector {
                exact,
                prefix: &prefix,
                suffix: &suffix,
                start: highlight.start.map(|s| CharOffset(s + leading.chars().count())),
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
                    article.orphans.push(Orphan::new(annotation, exact.to_string(), prefix, suffix));
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
    fn a_quote_that_begins_with_a_line_break_is_placed_on_what_follows_it() {
        let text = "The port would cost 420 million.\n\nAyşe Demir told reporters.";
        let mut library = Library::default();
        library.add(Article::new("a".into(), "Story".into(), text.into(), "now".into()));
        library.current = Some("a".into());
        let highlight = Highlight {
            id: "1".into(),
            exact: "\nAyşe Demir told".into(),
            prefix: "420 million.\n".into(),
            suffix: " reporters.".into(),
            start: Some(34),
            tags: vec!["source".into()],
            ..Highlight::default()
        };
        assert_eq!(place(&mut library, &[highlight], &kind_for_label).unwrap().placed, 1);
        let article = library.get("a").unwrap();
        assert_eq!(article.quote(article.annotations[0].span()), "Ayşe Demir told");
    }

    #[test]
    fn broken_files_are_refused() {
        assert_eq!(
            read("[]").unwrap_err(),
            "A Hypothesis file holds \"annotations\" (an export) or \"rows\" (a search result)."
        );
        assert_eq!(
            read("{\"rows\": [{\"tags\": \"claim\"}]}").unwrap_err(),
            "Its annotations are not as Hypothesis writes them: invalid type: string \"claim\", expected a sequence at line 1 column 26."
        );
        assert_eq!(
            read("{\"rows\": []}").unwrap_err(),
            "The file has no annotation of a passage (page notes and replies mark none)."
        );
    }
}
