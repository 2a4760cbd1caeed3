//! Tests of `attribution`.

use super::*;
use crate::model::source::{SAMPLE_TEXT, SourceFormat, read};

fn shown(text: &str) -> Vec<(SourceKind, String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let quote = |s: Span| chars[s.start.0..s.end.0].iter().collect::<String>();
    suggest(text).into_iter().map(|s| (s.kind, quote(s.span), s.reason.map(quote))).collect()
}

#[test]
fn the_sample_article_has_its_sources_and_reasons() {
    let text = read(SAMPLE_TEXT, SourceFormat::Plain).unwrap().text;
    let found = shown(&text);
    let has = |kind, quote: &str| found.iter().find(|f| f.0 == kind && f.1 == quote);
    assert!(has(SourceKind::Anonymous, "a U.S. official said").is_some());
    let official = has(SourceKind::Anonymous, "The official").expect("the official who was not authorized");
    assert_eq!(official.2.as_deref(), Some("not authorized"));
    assert!(has(SourceKind::Named, "The Wall Street Journal").is_some());
    assert!(has(SourceKind::Named, "Iranian state media").is_some());
    // No named source is marked anonymous.
    for (kind, quote, _) in &found {
        if *kind == SourceKind::Anonymous {
            assert!(quote.to_lowercase().contains("official"), "{quote}");
        }
    }
}

#[test]
fn reading_by_pieces_finds_what_one_pass_finds() {
    // Quotation marks left open over a paragraph break, and reasons a paragraph later.
    let text = "\u{201c}It rained,\u{201d} a U.S. official said.\n\n\u{201c}We said nothing.\n\n\
        The official, who was not authorized to comment, said more.\u{201d} Reuters reported it.\n\n\
        Two people familiar with the talks said it failed.\n\nThey spoke on condition of anonymity. \
        Zoë Lambert said so.\n\n\"Quoted \n\nacross,\" a diplomat said.";
    let sample = read(SAMPLE_TEXT, SourceFormat::Plain).unwrap().text;
    for text in [text, sample.as_str()] {
        let whole = suggest_by_pieces(text, usize::MAX);
        assert!(whole.len() >= 4, "{whole:?}");
        for piece in [1, 2, 7, 40, 100, 1000] {
            assert_eq!(suggest_by_pieces(text, piece), whole, "pieces of {piece} bytes");
        }
    }
}

#[test]
fn quoted_cues_pronouns_and_passives_are_not_sources() {
    let found = shown("\"Nobody told us,\" said Fatima Hassan. He said it was late. The plan had been announced.");
    assert_eq!(found, [(SourceKind::Named, "Fatima Hassan".to_string(), None)]);
}

#[test]
fn a_reason_in_a_later_sentence_about_the_source_is_tied_to_it() {
    let found = shown("The plan failed, an aide said. The aide asked not to be named. A minister said it worked.");
    assert_eq!(found[0], (SourceKind::Anonymous, "an aide said".to_string(), Some("asked not to be".to_string())));
    assert_eq!(found[1].0, SourceKind::Anonymous);
    assert_eq!(found[1].2, None, "a minister gave no reason");
}
