//! Whether an anonymous attribution comes with a reason for the anonymity. News agencies' style
//! rules ask reporters to say why a source was granted anonymity: "who was not authorized to
//! comment" is a reason, "a U.S. official said" alone is not. The reason may come in the same
//! sentence or in the next one ("The official, who was not authorized to comment, ..."). This
//! is the fallback for passages the attribution assistant does not recognise as a source.

use super::attribution::REASONS;
use super::motion::{Unit, step_bytes};
use super::offsets::{CharIndex, CharOffset};
use super::span::Span;

/// Whether the sentence holding `span` of the indexed text, or the sentence after it, gives a
/// reason. The index is made once for all the spans of an article.
pub fn reason_given(index: &CharIndex, span: Span) -> bool {
    // Sentences are found in a window around the span, so that checking every attribution of a
    // long article stays linear: no sentence of news runs to a thousand characters.
    const WINDOW: usize = 1_000;
    let from = CharOffset(span.start.0.saturating_sub(WINDOW));
    let window = index.slice(from, CharOffset(span.end.0 + 2 * WINDOW));
    // Byte offsets in the window.
    let local = |at: CharOffset| index.byte(at) - index.byte(from);
    let step = |at: usize, unit: Unit, forward: bool| step_bytes(window, at, unit, forward);
    let start = step(step(local(span.start), Unit::Character, true), Unit::Sentence, false);
    let end_of_sentence = step(step(local(span.end), Unit::Character, false), Unit::Sentence, true);
    let end = step(end_of_sentence, Unit::Sentence, true);
    let lower = window[start.min(local(span.start))..end].to_lowercase();
    REASONS.iter().any(|reason| lower.contains(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, quote: &str) -> Span {
        let byte = text.find(quote).expect("quote in text");
        let start = text[..byte].chars().count();
        Span { start: CharOffset(start), end: CharOffset(start + quote.chars().count()) }
    }

    #[test]
    fn a_reason_in_the_next_sentence_counts() {
        let text = "The blasts killed 95 people, a U.S. official said Thursday. The official, who was not \
            authorized to comment and insisted on anonymity, said more.";
        assert!(reason_given(&CharIndex::new(text), span_of(text, "a U.S. official said")));
    }

    #[test]
    fn no_reason_anywhere_near_does_not() {
        let text = "The blasts killed 95 people, a U.S. official said. Iran blamed Israel. Later, someone \
            who was not authorized to comment spoke.";
        assert!(!reason_given(&CharIndex::new(text), span_of(text, "a U.S. official said")));
    }

    #[test]
    fn a_reason_in_the_same_sentence_counts() {
        let text = "Two people familiar with the talks, speaking on condition of anonymity, said it failed.";
        assert!(reason_given(&CharIndex::new(text), span_of(text, "Two people familiar with the talks")));
    }
}
