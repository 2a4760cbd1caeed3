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
