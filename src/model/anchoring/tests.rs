//! Tests of `anchoring`.

use super::*;

/// Re-anchors the passage `quote` (its `nth` occurrence) of `old` in `new`.
fn reanchor(old: &str, quote: &str, nth: usize, new: &str) -> Anchor {
    let byte = old.match_indices(quote).nth(nth).expect("quote in old text").0;
    let start = old[..byte].chars().count();
    let chars: Vec<char> = old.chars().collect();
    let end = start + quote.chars().count();
    let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
    let suffix: String = chars[end..(end + 32).min(chars.len())].iter().collect();
    let selector = Selector { exact: quote, prefix: &prefix, suffix: &suffix, start: Some(CharOffset(start)) };
    Anchorer::new(new).anchor(&selector)
}

/// The placed text, and how it was placed.
fn placed(new: &str, anchor: Anchor) -> (String, Method) {
    match anchor {
        Anchor::Placed { start, end, method, .. } => {
            (new.chars().skip(start.0).take(end.0 - start.0).collect(), method)
        }
        Anchor::Orphan { confidence } => panic!("orphaned (best score {confidence})"),
    }
}

const OLD: &str = "The ministry said on Tuesday that the bridge would reopen in May. A U.S. official said the \
    warning was specific. Residents were not told. The official, who was not authorized to comment, \
    insisted on anonymity. The mayor said the bridge would reopen in May.";

#[test]
fn an_unchanged_text_keeps_every_position() {
    assert_eq!(
        placed(OLD, reanchor(OLD, "A U.S. official said", 0, OLD)),
        ("A U.S. official said".into(), Method::Position)
    );
}

#[test]
fn an_insertion_before_moves_the_quote_with_its_text() {
    let new = format!("Updated at 10:00. {OLD}");
    assert_eq!(
        placed(&new, reanchor(OLD, "Residents were not told.", 0, &new)),
        ("Residents were not told.".into(), Method::Quote)
    );
}

#[test]
fn context_picks_the_right_one_of_two_identical_quotes() {
    let new = format!("Correction appended. {OLD}");
    let anchor = reanchor(OLD, "the bridge would reopen in May", 1, &new);
    let Anchor::Placed { start, .. } = anchor else { panic!("orphaned") };
    let second = new.match_indices("the bridge would reopen in May").nth(1).unwrap().0;
    assert_eq!(start.0, new[..second].chars().count());
}

#[test]
fn reflowed_lines_and_curly_quotes_are_not_edits() {
    let old = "He said it was \"a warning\" and\nnothing more, officials said.";
    let new = "He said it was “a warning” and nothing\nmore, officials said.";
    assert_eq!(
        placed(new, reanchor(old, "\"a warning\" and\nnothing more", 0, new)).0,
        "“a warning” and nothing\nmore"
    );
}

#[test]
fn a_quote_right_after_punctuation_is_found_again() {
    // Found by tests/properties.rs: the index has no gram that starts inside "it's" or
    // just after a quotation mark.
    let old = "He said \"the warning was specific\" and it's true.";
    let new = format!("Updated. {old}");
    assert_eq!(placed(&new, reanchor(old, "the warning was specific", 0, &new)).0, "the warning was specific");
    assert_eq!(placed(&new, reanchor(old, "s true", 0, &new)).0, "s true");
}

#[test]
fn a_typo_fixed_inside_the_quote_is_placed_approximately_on_the_whole_passage() {
    let new = OLD.replace("insisted on anonimity", "insisted on anonymity").replace("autorized", "authorized");
    let old = OLD.replace("authorized", "autorized");
    let (text, method) = placed(&new, reanchor(&old, "who was not autorized to comment", 0, &new));
    assert_eq!((text.as_str(), method), ("who was not authorized to comment", Method::Approximate));
}

#[test]
fn a_word_inserted_inside_the_quote_is_placed_approximately() {
    let new = OLD.replace("the warning was specific", "the warning was very specific");
    assert_eq!(
        placed(&new, reanchor(OLD, "said the warning was specific", 0, &new)).0,
        "said the warning was very specific"
    );
}

#[test]
fn a_deleted_or_rewritten_passage_is_an_orphan() {
    let new = OLD.replace("Residents were not told. ", "");
    assert!(matches!(reanchor(OLD, "Residents were not told.", 0, &new), Anchor::Orphan { .. }));
    let new = OLD.replace("Residents were not told.", "Nobody in the town heard of it before.");
    assert!(matches!(reanchor(OLD, "Residents were not told.", 0, &new), Anchor::Orphan { .. }));
}

#[test]
fn a_short_quote_that_changed_is_not_guessed() {
    let new = OLD.replace("in May. A", "in June. A");
    assert!(matches!(reanchor(OLD, "May", 0, &new), Anchor::Orphan { .. }));
}

#[test]
fn emoji_and_right_to_left_text_count_in_code_points() {
    let old = "😀 مرحبا بالعالم. قال مسؤول أمريكي إن التحذير كان محددا.";
    let new = format!("🎉🎉 {old}");
    let anchor = reanchor(old, "قال مسؤول أمريكي", 0, &new);
    assert_eq!(placed(&new, anchor).0, "قال مسؤول أمريكي");
}

#[test]
fn a_quote_with_no_context_and_no_position_is_found() {
    let anchorer = Anchorer::new(OLD);
    let selector = Selector { exact: "Residents were not told.", prefix: "", suffix: "", start: None };
    assert!(matches!(anchorer.anchor(&selector), Anchor::Placed { method: Method::Quote, .. }));
    let empty = Selector { exact: "", prefix: "", suffix: "", start: None };
    assert!(matches!(anchorer.anchor(&empty), Anchor::Orphan { .. }));
}

/// An abbreviation's full stop is no sentence edge: "on Nov. 3" agreeing says nothing about
/// the sentence before, where a real sentence end would mean the quote's own sentence is intact.
#[test]
fn a_full_stop_after_an_abbreviation_or_an_initial_ends_no_sentence() {
    let run = |s: &str| s.chars().collect::<Vec<char>>();
    assert!(!has_sentence_edge(&run(" held on nov. 3")));
    assert!(!has_sentence_edge(&run(" said mr. ortiz")));
    assert!(!has_sentence_edge(&run(" by j. smith")));
    assert!(has_sentence_edge(&run(" in november. the")));
    assert!(has_sentence_edge(&run(" vote? the")));
    // A word cut off by the run's start counts as a sentence's end, as before.
    assert!(has_sentence_edge(&run("ov. 3")));
}

#[test]
fn a_pull_quote_of_a_corrected_sentence_does_not_take_its_annotations() {
    // The sentence stood twice (itself and a pull quote); then its own copy was corrected.
    let sentence = "Recent governments have recognized that there was little resistance to the rule.";
    let old = format!(
        "The ministry announced plans for the building on Tuesday.\n\n{sentence}\n\nArchitects from across the union may enter.\n\n{sentence}\n\nThe winner will be chosen next year."
    );
    let corrected = sentence.replace("resistance", "resitsance");
    let new = old.replacen(sentence, &corrected, 1);
    let pull_quote_at = new.rfind(sentence).unwrap();
    let pull_quote = new[..pull_quote_at].chars().count();
    for quote in [sentence, "little resistance to the rule", "Recent governments have"] {
        match reanchor(&old, quote, 0, &new) {
            Anchor::Placed { start, .. } => assert!(start.0 < pull_quote, "{quote:?} went to the pull quote"),
            Anchor::Orphan { .. } => {}
        }
    }
}
