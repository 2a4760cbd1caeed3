//! brat standoff: the text in a `.txt` file and its annotations in a `.ann` file beside it
//! (<https://brat.nlplab.org/standoff.html>). Offsets are code points of the `.txt`.
//!
//! Written: each annotation as a text-bound `T` line (a passage across lines as fragments
//! `start end;start end`, since brat spans do not cross a line break), its note as an
//! `#` `AnnotatorNotes` line, each link as an `R` `Rests_on` relation from the claim to the
//! source. Read: `T` lines (a fragmented span from its first start to its last end), `#`
//! notes, and `R` relations and `E` events between two spans (a claim and a source, either way
//! round). Lost: verdicts, evidence, sessions, orphans, times and authors.

use super::{Labeled, LabeledSpan, label_of, spans_of};
use crate::model::library::Article;

/// An article as brat's `.txt` and `.ann`.
pub fn export(article: &Article) -> (String, String) {
    let text: Vec<char> = article.text.chars().collect();
    let spans = spans_of(article);
    let mut ann = String::new();
    for (n, annotation, quote) in &spans {
        // Fragments: the passage cut at the line breaks inside it; its first and last reach its
        // ends, so that one that starts or ends on a line break comes back the same.
        let (start, end) = (annotation.start.0, annotation.end.0);
        let mut fragments: Vec<(usize, usize)> = Vec::new();
        let mut from = start;
        for (i, c) in text.iter().enumerate().take(end).skip(start) {
            if *c == '\n' {
                if from < i {
                    fragments.push((from, i));
                }
                from = i + 1;
            }
        }
        if from < end {
            fragments.push((from, end));
        }
        match fragments.first_mut() {
            None => fragments.push((start, end)),
            Some(first) => first.0 = start,
        }
        if let Some(last) = fragments.last_mut() {
            last.1 = end;
        }
        let fragments: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let shown = quote.replace('\n', " ");
        ann.push_str(&format!("T{n}\t{} {}\t{shown}\n", label_of(annotation.kind), fragments.join(";")));
        if !annotation.note.is_empty() {
            ann.push_str(&format!("#{n}\tAnnotatorNotes T{n}\t{}\n", annotation.note.replace(['\n', '\t'], " ")));
        }
    }
    let number = |id: &str| spans.iter().find(|(_, a, _)| a.id == id).map(|(n, ..)| *n);
    for (k, link) in article.links.iter().enumerate() {
        if let (Some(claim), Some(source)) = (number(&link.claim), number(&link.source)) {
            ann.push_str(&format!("R{}\tRests_on Arg1:T{claim} Arg2:T{source}\n", k + 1));
        }
    }
    (article.text.to_string(), ann)
}

/// brat's configuration of the labels and the relation we write: without it, brat shows the
/// files but will not let anyone add or change an annotation.
pub const ANNOTATION_CONF: &str = "[entities]\nClaim\nSource\nAnonymous_attribution\n\n[relations]\n\
    Rests_on\tArg1:Claim, Arg2:Source|Anonymous_attribution\n\n[events]\n\n[attributes]\n";

/// Articles as one zip of brat standoff: a `.txt` and an `.ann` for each, named by its place
/// and title (`001-kerman-blast.txt`), and `annotation.conf`, all in a folder of that name, as
/// brat keeps a collection. Refused past what a zip without zip64 holds (4 GB, 65,535 files).
pub fn export_zip(articles: &[&Article], folder: &str) -> Result<Vec<u8>, String> {
    let mut files = vec![(format!("{folder}/annotation.conf"), ANNOTATION_CONF.as_bytes().to_vec())];
    for (n, article) in articles.iter().enumerate() {
        let (txt, ann) = export(article);
        let base = format!("{folder}/{:03}-{}", n + 1, crate::model::formats::file_name(&article.title, ""));
        files.push((format!("{base}.txt"), txt.into_bytes()));
        files.push((format!("{base}.ann"), ann.into_bytes()));
    }
    crate::model::formats::stored_zip::zip(&files).ok_or_else(|| {
        "The library is too large for one zip (4 GB or 32,767 articles): export it in parts.".to_string()
    })
}

/// Reads a `.ann` file with the text of its `.txt`; a line it cannot read is refused, naming
/// the line.
pub fn read(name: &str, text: &str, ann: &str) -> Result<Labeled, String> {
    let mut doc = Labeled { name: name.to_string(), text: text.to_string(), ..Labeled::default() };
    let length = text.chars().count();
    for (n, line) in ann.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let place = format!("Line {} of the .ann file", n + 1);
        let mut fields = line.splitn(3, '\t');
        let (id, body) = (fields.next().unwrap_or_default(), fields.next().unwrap_or_default());
        match id.chars().next() {
            Some('T') => {
                let (label, ranges) = body.split_once(' ').ok_or(format!("{place} has no label and offsets."))?;
                let mut bounds = Vec::new();
                for range in ranges.split(';') {
                    let (s, e) = range.trim().split_once(' ').ok_or(format!("{place}: “{range}” is not START END."))?;
                    let (s, e) = (s.parse::<usize>(), e.parse::<usize>());
                    let (Ok(s), Ok(e)) = (s, e) else {
                        return Err(format!("{place}: “{range}” is not START END."));
                    };
                    if s >= e || e > length {
                        return Err(format!("{place}: {s}-{e} is not a span of the text ({length} characters)."));
                    }
                    bounds.push((s, e));
                }
                let start = bounds.iter().map(|b| b.0).min().unwrap_or_default();
                let end = bounds.iter().map(|b| b.1).max().unwrap_or_default();
                doc.spans.push(LabeledSpan {
                    id: id.to_string(),
                    label: label.to_string(),
                    start,
                    end,
                    note: String::new(),
                });
            }
            Some('#') => {
                let target = body.split_whitespace().nth(1).ok_or(format!("{place} names no annotation."))?;
                let note = fields.next().unwrap_or_default().trim();
                if let Some(span) = doc.spans.iter_mut().find(|s| s.id == target) {
                    span.note = note.to_string();
                }
            }
            Some('R' | 'E') => {
                let args: Vec<&str> =
                    body.split_whitespace().skip(1).filter_map(|arg| arg.split_once(':').map(|(_, t)| t)).collect();
                if let [a, b, ..] = args.as_slice() {
                    doc.relations.push((a.to_string(), b.to_string()));
                }
            }
            // Attributes (A, M), normalizations (N) and equivalences (*) say nothing we keep.
            Some('A' | 'M' | 'N' | '*') => {}
            _ => return Err(format!("{place} is not a brat annotation (it starts with “{id}”).")),
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::super::{kind_for_label, to_articles};
    use super::*;

    const TEXT: &str = "A U.S. official said 😀 the blasts\nwere planned.";

    #[test]
    fn a_pair_written_by_brat_reads_with_notes_and_relations() {
        let ann = "T1\tAnonymous 0 15\tA U.S. official\nT2\tClaim 23 33;34 46\tthe blasts were planned\n\
                   #1\tAnnotatorNotes T2\tcheck it\nR1\tAttribution Arg1:T1 Arg2:T2\nA1\tNegated T2\n";
        let doc = read("story", TEXT, ann).unwrap();
        let converted = to_articles(vec![doc], &kind_for_label, "b", "2026-12-05");
        let article = &converted.articles[0];
        assert_eq!(article.title, "story");
        assert_eq!(article.quote(article.annotations[1].span()), "the blasts\nwere planned");
        assert_eq!(article.annotations[1].note, "check it");
        assert_eq!(article.links.len(), 1);
        assert_eq!((article.links[0].claim.as_str(), article.links[0].source.as_str()), ("b1-T2", "b1-T1"));
    }

    #[test]
    fn a_zip_holds_each_article_as_a_pair_that_reads_back() {
        let first = to_articles(
            vec![read("story", TEXT, "T1\tAnonymous 0 15\tA U.S. official\nT2\tClaim 23 33;34 46\tx\n").unwrap()],
            &kind_for_label,
            "b",
            "now",
        )
        .articles
        .remove(0);
        let second = Article::new("c".into(), "Second: مرحبا".into(), "Plain text.".into(), "now".into());
        let bytes = export_zip(&[&first, &second], "library").unwrap();
        let zip = rawzip::ZipArchive::from_slice(&bytes).unwrap();
        let mut files = std::collections::BTreeMap::new();
        let mut entries = zip.entries();
        while let Some(entry) = entries.next_entry().unwrap() {
            let name = entry.file_path().try_normalize().unwrap().as_ref().to_string();
            let data = zip.get_entry(entry.wayfinder()).unwrap().data().to_vec();
            files.insert(name, String::from_utf8(data).unwrap());
        }
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            [
                "library/001-story.ann",
                "library/001-story.txt",
                "library/002-second.ann",
                "library/002-second.txt",
                "library/annotation.conf"
            ]
        );
        let file = |name: &str| files[name].clone();
        let (txt, ann) = (file("library/001-story.txt"), file("library/001-story.ann"));
        assert_eq!(txt, TEXT);
        let back = to_articles(vec![read("story", &txt, &ann).unwrap()], &kind_for_label, "b", "now");
        let spans = |a: &Article| a.annotations.iter().map(|a| (a.kind, a.start, a.end)).collect::<Vec<_>>();
        assert_eq!(spans(&back.articles[0]), spans(&first));
        assert_eq!(file("library/annotation.conf"), ANNOTATION_CONF);
    }

    #[test]
    fn broken_pairs_are_refused_naming_the_line() {
        assert_eq!(
            read("x", TEXT, "T1\tClaim 0 500\tx").unwrap_err(),
            "Line 1 of the .ann file: 0-500 is not a span of the text (47 characters)."
        );
        assert_eq!(
            read("x", TEXT, "T1\tClaim zero 5\tx").unwrap_err(),
            "Line 1 of the .ann file: “zero 5” is not START END."
        );
        assert_eq!(
            read("x", TEXT, "Q1\tfoo").unwrap_err(),
            "Line 1 of the .ann file is not a brat annotation (it starts with “Q1”)."
        );
    }
}
