//! A readable report of a fact-checking session: the article, who checked it, the summary,
//! then each kind's annotations with where they stand, what claims rest on and their verdicts.
//!
//! [`Report`] is the report as plain data; the Markdown export ([`Report::to_markdown`]) and the
//! printed page (`ui::print_report`) both render it, so that they say the same things.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use crate::model::library::{Annotation, AnnotationKind, Article, Verdict};
use crate::model::motion::{Unit, step_bytes};
use crate::model::offsets::CharIndex;
use crate::model::summary::summarize;
use crate::model::text;

mod changes;
pub use changes::Changes;

/// The report of one article, as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The article's title.
    pub title: String,
    /// The article's details and the session's: source, publication, who checked, when.
    pub details: Vec<Detail>,
    /// The summary's counts, one sentence each ("Claims with no source: 2").
    pub summary: Vec<String>,
    /// One section per kind, in the order of [`AnnotationKind::ALL`].
    pub sections: Vec<Section>,
    /// What changed into the latest version, when the article has more than one.
    pub changes: Option<Changes>,
}

/// One line of the report's details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// What it is ("Checked by").
    pub label: &'static str,
    /// Its value, as entered.
    pub value: String,
    /// Whether the value is an address (the article's, the fact-check's).
    pub is_url: bool,
}

/// The annotations of one kind, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Their kind.
    pub kind: AnnotationKind,
    /// One per annotation.
    pub entries: Vec<Entry>,
}

/// One annotation in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The marked passage, as it is in the text.
    pub quote: String,
    /// Where it stands in the text.
    pub place: Place,
    /// The annotation's note, as entered.
    pub note: String,
    /// For a claim, the sources and anonymous attributions it rests on (empty: none); `None`
    /// for the other kinds.
    pub rests_on: Option<Vec<Reference>>,
    /// For a claim, its verdict, if it has one.
    pub verdict: Option<ReportVerdict>,
    /// For a source or an anonymous attribution, the claims that rest on it.
    pub backs: Vec<Reference>,
}

/// Another annotation named in an entry: its kind and the start of its passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Its kind.
    pub kind: AnnotationKind,
    /// Its passage on one line, at most 80 characters.
    pub excerpt: String,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} “{}”", self.kind.label(), self.excerpt)
    }
}

/// A claim's verdict, as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportVerdict {
    /// The rating, or "Not rated".
    pub rating: String,
    /// How far the checking has gone ("Checked").
    pub status: &'static str,
    /// The evidence, in the order given.
    pub evidence: Vec<EvidenceLink>,
    /// Why, as entered; may be empty.
    pub reasoning: String,
}

/// A piece of evidence: what it is called and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLink {
    /// Its label, or its address when it has none.
    pub label: String,
    /// Its address, as entered (checked as a web address when it was added, not when imported).
    pub url: String,
}

/// Where a passage stands, as a reader would find it: by paragraph, counted from 1, and by
/// sentence within its paragraph when that tells more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The first and last paragraph the passage is in.
    pub paragraphs: (usize, usize),
    /// The first and last sentence of its paragraph the passage is in; `None` when it runs over
    /// several paragraphs or its paragraph is one sentence.
    pub sentences: Option<(usize, usize)>,
}

impl fmt::Display for Place {
    /// "Paragraph 4", "Paragraph 4, sentence 2", "Paragraph 4, sentences 2–3", "Paragraphs 4–5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.paragraphs {
            (first, last) if first == last => write!(f, "Paragraph {first}")?,
            (first, last) => write!(f, "Paragraphs {first}–{last}")?,
        }
        match self.sentences {
            Some((first, last)) if first == last => write!(f, ", sentence {first}"),
            Some((first, last)) => write!(f, ", sentences {first}–{last}"),
            None => Ok(()),
        }
    }
}

/// The paragraphs and sentences of a text, found once, so that each passage is placed by two
/// binary searches: placing every annotation of a long article stays linear in the text.
struct Places {
    /// Byte ranges of the paragraphs.
    paragraphs: Vec<Range<usize>>,
    /// Byte offsets where sentences start, in order (as the caret's sentence steps find them).
    sentences: Vec<usize>,
}

impl Places {
    fn new(text: &str) -> Self {
        let mut sentences = Vec::new();
        let mut at = 0;
        loop {
            let start = text[at..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |i| at + i);
            if start >= text.len() {
                break;
            }
            sentences.push(start);
            // A step from a sentence's start always moves past it.
            at = step_bytes(text, start, Unit::Sentence, true);
        }
        Places { paragraphs: text::paragraphs(text), sentences }
    }

    /// The index of the sentence holding byte `at`.
    fn sentence(&self, at: usize) -> usize {
        self.sentences.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The place of the passage between bytes `start` and `end`.
    fn of(&self, start: usize, end: usize) -> Place {
        let last_paragraph = self.paragraphs.len().saturating_sub(1);
        let paragraph = |at: usize| self.paragraphs.partition_point(|p| p.end <= at).min(last_paragraph);
        let last = end.saturating_sub(1).max(start);
        let (first, last_of) = (paragraph(start), paragraph(last));
        let sentences = (first == last_of).then(|| self.paragraphs.get(first)).flatten().and_then(|p| {
            let opening = self.sentences.partition_point(|&s| s < p.start);
            let count = self.sentences.partition_point(|&s| s < p.end) - opening;
            let number = |at: usize| (self.sentence(at).max(opening) - opening + 1).min(count);
            (count > 1).then(|| (number(start), number(last)))
        });
        Place { paragraphs: (first + 1, last_of + 1), sentences }
    }
}

impl Report {
    /// The report of `article`, with the library's rating scale `ratings`, made at `made`.
    pub fn of(article: &Article, ratings: &[String], made: &str) -> Report {
        let mut details = Vec::new();
        let mut detail = |label: &'static str, value: &str, is_url: bool| {
            if !value.is_empty() {
                details.push(Detail { label, value: value.to_string(), is_url });
            }
        };
        let session = &article.session;
        let who = [session.checker.as_str(), session.organization.as_str()].into_iter().filter(|s| !s.is_empty());
        detail("Source", &article.source_url, true);
        detail("Published", &article.published, false);
        detail("Checked by", &who.collect::<Vec<_>>().join(", "), false);
        detail("Checked on", &session.checked, false);
        detail("Fact-check", &session.review_url, true);
        detail("Report made", &format!("{made} by Article Annotator"), false);

        let counts = summarize(article, ratings);
        let claims = counts.by_kind[0].len();
        let mut summary = vec![
            format!(
                "Claims: {claims}; sources: {}; anonymous attributions: {}",
                counts.by_kind[1].len(),
                counts.by_kind[2].len()
            ),
            format!("Claims with no source: {}", counts.claims_without_source.len()),
            format!("Claims resting only on anonymous attributions: {}", counts.claims_only_anonymous.len()),
            format!("Anonymous attributions with no reason for anonymity: {}", counts.anonymous_without_reason.len()),
            format!("Checked claims: {} of {claims}", counts.checked.len()),
        ];
        let rated: Vec<String> = counts
            .by_rating
            .iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(r, ids)| format!("{}: {}", if r.is_empty() { "Not rated" } else { r }, ids.len()))
            .collect();
        if !rated.is_empty() {
            summary.push(format!("Verdicts: {}", rated.join("; ")));
        }

        Report {
            title: article.title.clone(),
            details,
            summary,
            sections: sections(article),
            changes: Changes::of(article),
        }
    }

    /// The report in Markdown. Quotes, notes and every other value entered are escaped, so
    /// that they stay text wherever the report is rendered.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n", escape(&self.title));
        for d in &self.details {
            let value = if d.is_url { format!("<{}>", autolink(&d.value)) } else { escape(&d.value) };
            out.push_str(&format!("- {}: {value}\n", d.label));
        }
        out.push_str("\n## Summary\n\n");
        for line in &self.summary {
            out.push_str(&format!("- {}\n", escape(line)));
        }
        let references =
            |refs: &[Reference]| refs.iter().map(|r| escape(&r.to_string())).collect::<Vec<_>>().join("; ");
        for section in &self.sections {
            out.push_str(&format!("\n## {} ({})\n", section.kind.label(), section.entries.len()));
            if section.entries.is_empty() {
                out.push_str("\nNone.\n");
            }
            for entry in &section.entries {
                let quote = entry.quote.split('\n').map(escape).collect::<Vec<_>>().join("\n> ");
                out.push_str(&format!("\n> {quote}\n\n{}.", entry.place));
                if !entry.note.is_empty() {
                    out.push_str(&format!(" Note: {}", escape(&entry.note).replace('\n', " ")));
                }
                out.push('\n');
                if let Some(rests_on) = &entry.rests_on {
                    let rests =
                        if rests_on.is_empty() { "nothing in the text".to_string() } else { references(rests_on) };
                    out.push_str(&format!("\n- Rests on: {rests}\n"));
                }
                if let Some(v) = &entry.verdict {
                    out.push_str(&format!("- Verdict: {} ({})\n", escape(&v.rating), v.status));
                    for e in &v.evidence {
                        out.push_str(&format!("- Evidence: {} <{}>\n", escape(&e.label), autolink(&e.url)));
                    }
                    if !v.reasoning.is_empty() {
                        out.push_str(&format!("- Reasoning: {}\n", escape(&v.reasoning).replace('\n', " ")));
                    }
                }
                if !entry.backs.is_empty() {
                    out.push_str(&format!("\n- Backs: {}\n", references(&entry.backs)));
                }
            }
        }
        if let Some(changes) = &self.changes {
            out.push_str(&changes.to_markdown(escape));
        }
        out
    }
}

/// Each kind's entries, in text order. Links and verdicts are looked up in maps made once.
fn sections(article: &Article) -> Vec<Section> {
    let index = CharIndex::new(&article.text);
    let places = Places::new(&article.text);
    let by_id: HashMap<&str, &Annotation> = article.annotations.iter().map(|a| (a.id.as_str(), a)).collect();
    let reference = |id: &str| {
        by_id.get(id).map(|a| Reference { kind: a.kind, excerpt: text::excerpt(index.slice(a.start, a.end), 80) })
    };
    let mut sources_of: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut claims_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for link in &article.links {
        sources_of.entry(link.claim.as_str()).or_default().push(link.source.as_str());
        claims_of.entry(link.source.as_str()).or_default().push(link.claim.as_str());
    }
    let mut verdicts: HashMap<&str, &Verdict> = HashMap::new();
    for v in &article.verdicts {
        verdicts.entry(v.claim.as_str()).or_insert(v);
    }
    let mut sections: Vec<Section> =
        AnnotationKind::ALL.into_iter().map(|kind| Section { kind, entries: Vec::new() }).collect();
    for a in article.annotations_in_text_order() {
        let linked = |map: &HashMap<&str, Vec<&str>>| -> Vec<Reference> {
            map.get(a.id.as_str()).into_iter().flatten().filter_map(|id| reference(id)).collect()
        };
        let is_claim = a.kind == AnnotationKind::Claim;
        let verdict = if is_claim { verdicts.get(a.id.as_str()) } else { None };
        let entry = Entry {
            quote: index.slice(a.start, a.end).to_string(),
            place: places.of(index.byte(a.start), index.byte(a.end)),
            note: a.note.clone(),
            rests_on: is_claim.then(|| linked(&sources_of)),
            verdict: verdict.map(|v| ReportVerdict {
                rating: if v.rating.is_empty() { "Not rated".into() } else { v.rating.clone() },
                status: v.status.label(),
                evidence: v
                    .evidence
                    .iter()
                    .map(|e| EvidenceLink {
                        label: if e.label.is_empty() { e.url.clone() } else { e.label.clone() },
                        url: e.url.clone(),
                    })
                    .collect(),
                reasoning: v.reasoning.clone(),
            }),
            backs: if is_claim { Vec::new() } else { linked(&claims_of) },
        };
        let at = AnnotationKind::ALL.iter().position(|k| *k == a.kind).unwrap_or_default();
        sections[at].entries.push(entry);
    }
    sections
}

/// Escapes the characters that Markdown would read as markup, so that quotes and notes stay
/// text wherever the report is rendered.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL for a Markdown autolink (`<…>`): the angle brackets that would end it are
/// percent-encoded.
fn autolink(url: &str) -> String {
    url.replace('<', "%3C").replace('>', "%3E")
}

/// The report in Markdown: title, details, session, summary, then each kind's annotations in
/// text order. `ratings` is the library's scale.
pub fn export(article: &Article, ratings: &[String], exported: &str) -> String {
    Report::of(article, ratings, exported).to_markdown()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::Library;

    /// `check_place("One. Two.\n\n«Three» four.", "Paragraph 2")`: the passage between « and »
    /// stands at the place named.
    fn check_place(marked: &str, expected: &str) {
        let start = marked.find('«').expect("a « marks the start");
        let text = marked.replace(['«', '»'], "");
        let end = marked.find('»').expect("a » marks the end") - '«'.len_utf8();
        assert_eq!(Places::new(&text).of(start, end).to_string(), expected, "{marked}");
    }

    #[test]
    fn the_report_lists_what_changed_into_the_latest_version() {
        let mut library = crate::model::library::Library::default();
        library.add(Article::new("a".into(), "T".into(), "One.\n\nIt opens in *May*.".into(), "2026-12-01".into()));
        assert!(export(library.get("a").unwrap(), &library.ratings.clone(), "today").find("## Changes").is_none());
        library.add_version("a", "T", "One.\n\nIt opens in *June*.".into(), "2026-12-02").unwrap();
        let report = export(library.get("a").unwrap(), &library.ratings.clone(), "today");
        assert!(
            report.contains(
                "## Changes from version 1 (2026-12-01) to version 2 (2026-12-02)\n\n- Paragraph 2, changed: It opens in \\*~~May~~**June**\\*.\n"
            ),
            "{report}"
        );
    }

    #[test]
    fn passages_are_placed_by_paragraph_and_sentence() {
        check_place("«One»", "Paragraph 1");
        check_place("One.\n\n«Two» words in one sentence.", "Paragraph 2");
        check_place("One. Two.\n\nThree. Gen. Four «said» it. Five.", "Paragraph 2, sentence 2");
        check_place("One.\n\nTwo. «Three. Four.» Five.", "Paragraph 2, sentences 2–3");
        check_place("«One.\n\nTwo.» Three.", "Paragraphs 1–2");
        check_place("A U.S. official said «95 people» died. 😀 Then «more».", "Paragraph 1, sentence 1");
        check_place("Ünïcödé 😀. «Ça» va.", "Paragraph 1, sentence 2");
        check_place("  Indented «line» of one sentence\nand a second line.", "Paragraph 1");
    }

    #[test]
    fn the_report_groups_by_kind_places_passages_and_escapes_markup() {
        let mut article = super::super::export::tests::sample_article();
        article.annotations[0].note = "<script>alert(1)</script> *not bold*".into();
        let report = export(&article, &Library::default().ratings, "2026-11-25");
        assert!(report.starts_with("# Kerman\n\n- Source: <https://example.org/story>\n"));
        assert!(report.contains("## Claim (1)\n\n> killed 95 people\n\nParagraph 1, sentence 1. Note: "));
        assert!(report.contains("Note: \\<script\\>alert(1)\\</script\\> \\*not bold\\*"));
        assert!(!report.contains("Characters"));
        assert!(report.contains("## Source (0)\n\nNone.\n"));
        assert!(
            report.contains("## Anonymous attribution (1)\n\n> A U.S. official said\n\nParagraph 1, sentence 1.\n")
        );
    }

    #[test]
    fn claims_show_what_they_rest_on_and_their_verdict() {
        use crate::model::library::Session;
        let mut article = super::super::export::tests::judged_sample_article();
        article.session = Session { checker: "Ana".into(), organization: "Desk".into(), ..Session::default() };
        let report = export(&article, &Library::default().ratings, "2026-11-25");
        assert!(report.contains("- Checked by: Ana, Desk\n"));
        assert!(report.contains("- Report made: 2026-11-25 by Article Annotator\n"));
        assert!(report.contains("- Claims resting only on anonymous attributions: 1\n"));
        assert!(report.contains("- Checked claims: 1 of 1\n- Verdicts: False: 1\n"));
        assert!(report.contains("- Rests on: Anonymous attribution “A U.S. official said”\n"));
        assert!(
            report
                .contains("- Verdict: False (Checked)\n- Evidence: Hospital \\[count\\] <https://example.org/count>\n")
        );
        assert!(report.contains("- Reasoning: Rose to 103.\n"));
        assert!(report.contains("- Backs: Claim “killed 95 people”\n"));
    }

    #[test]
    fn the_structured_report_holds_what_the_markdown_says() {
        let article = super::super::export::tests::judged_sample_article();
        let report = Report::of(&article, &Library::default().ratings, "2026-11-25");
        assert_eq!(report.title, "Kerman");
        assert_eq!(
            report.details[0],
            Detail { label: "Source", value: "https://example.org/story".into(), is_url: true }
        );
        let kinds: Vec<(AnnotationKind, usize)> = report.sections.iter().map(|s| (s.kind, s.entries.len())).collect();
        assert_eq!(
            kinds,
            [(AnnotationKind::Claim, 1), (AnnotationKind::Source, 0), (AnnotationKind::AnonymousAttribution, 1)]
        );
        let claim = &report.sections[0].entries[0];
        assert_eq!(claim.quote, "killed 95 people");
        assert_eq!(claim.place, Place { paragraphs: (1, 1), sentences: Some((1, 1)) });
        assert_eq!(
            claim.rests_on.as_deref(),
            Some(
                &[Reference { kind: AnnotationKind::AnonymousAttribution, excerpt: "A U.S. official said".into() }][..]
            )
        );
        let verdict = claim.verdict.as_ref().unwrap();
        assert_eq!(
            verdict.evidence,
            [EvidenceLink { label: "Hospital [count]".into(), url: "https://example.org/count".into() }]
        );
        assert_eq!(verdict.reasoning, "Rose to 103.");
        let attribution = &report.sections[2].entries[0];
        assert_eq!((attribution.rests_on.as_ref(), attribution.verdict.as_ref()), (None, None));
        assert_eq!(attribution.backs.len(), 1);
    }

    #[test]
    fn an_unlabeled_piece_of_evidence_is_named_by_its_address_and_no_verdict_says_not_rated() {
        let mut article = super::super::export::tests::judged_sample_article();
        article.verdicts[0].rating.clear();
        article.verdicts[0].evidence[0].label.clear();
        let report = export(&article, &Library::default().ratings, "2026-11-25");
        assert!(report.contains("- Verdict: Not rated (Checked)\n"));
        assert!(report.contains("- Evidence: https://example.org/count <https://example.org/count>\n"));
    }
}
