//! Moving annotations to a new version of a text whose old version is known (a version captured
//! here, our own export, a colleague's copy): positions are mapped through the diff of the two
//! whole texts, so an annotation follows its own words and not a look-alike (a pull quote, a
//! repeated sentence), whatever its stored context says. Never a guess: an end inside a
//! change, a passage mostly rewritten or a deleted one is an orphan.

use super::super::diff::{Diff, Hunk};
use super::super::offsets::CharOffset;
use super::super::span::Span;

/// At least this share of an annotation's letters and digits must be unchanged for it to
/// follow its passage: past that, the passage was rewritten and is no longer the same.
const MIN_UNCHANGED_SHARE: f32 = 0.5;
/// A passage replaced whole (a corrected name) follows its correction only if the two are
/// this alike (characters in common, in order, over the longer one): a letter swapped in a
/// four-letter name is 0.75; "Tuesday" for "Wednesday" (0.56) is another fact.
const MIN_CORRECTION_LIKENESS: f32 = 0.75;
/// Code points each side of a passage whose letters and digits must also be mostly unchanged.
const CONTEXT_CHARS: usize = 32;

/// Where one annotation went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    /// To this span of the new text.
    To(Span),
    /// Nowhere: its passage was deleted or rewritten, or an end of it is inside a change.
    Orphan,
}

/// Where each of `spans` (code points of `old`) belongs in `new`, given `diff` from `old` to
/// `new`.
pub fn move_through(diff: &Diff, old: &str, new: &str, spans: &[Span]) -> Vec<Moved> {
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let mut moved: Vec<Moved> = spans.iter().map(|&span| through(diff, &old_chars, &new_chars, span)).collect();
    if !moved.contains(&Moved::Orphan) {
        return moved;
    }
    let inserted = diff
        .hunks
        .iter()
        .filter(|h| h.new.len() >= MIN_MOVED_PARAGRAPH_CHARS)
        .map(|h| new_chars[h.new.clone()].iter().collect())
        .collect();
    let paragraphs = MovedParagraphs { old, new, old_chars: &old_chars, new_chars: &new_chars, inserted };
    for (moved, &span) in moved.iter_mut().zip(spans) {
        if *moved == Moved::Orphan
            && let Some(span) = paragraphs.place(span)
        {
            *moved = Moved::To(span);
        }
    }
    moved
}

fn through(diff: &Diff, old: &[char], new: &[char], span: Span) -> Moved {
    let (s, e) = (span.start.0, span.end.0);
    if s >= e || e > old.len() {
        return Moved::Orphan;
    }
    let hunks = &diff.hunks;
    // Changes that end before the start shift it, insertions at the start included: a word
    // inserted just before a passage is not swallowed into it.
    let before_start = hunks.partition_point(|h| h.old.end <= s);
    let start = match hunks.get(before_start) {
        Some(h) if h.old.start < s => return Moved::Orphan,
        Some(h) if h.old.start == s && !h.old.is_empty() => h.new.start,
        _ => shifted(hunks[..before_start].last(), s),
    };
    // Changes that end at the end and are not insertions there; an insertion just after a
    // passage stays out of it.
    let before_end = hunks.partition_point(|h| h.old.end < e || (h.old.end == e && !h.old.is_empty()));
    let end = match before_end.checked_sub(1).map(|i| &hunks[i]) {
        Some(h) if h.old.end == e => h.new.end,
        last => match hunks.get(before_end) {
            Some(h) if h.old.start < e && !h.old.is_empty() => return Moved::Orphan,
            _ => shifted(last, e),
        },
    };
    if start >= end {
        return Moved::Orphan;
    }
    let inside = &hunks[before_start..before_end];
    let counts = |chars: &[char]| chars.iter().filter(|c| c.is_alphanumeric()).count();
    let changed_in = |from: usize, to: usize| -> usize {
        let first = hunks.partition_point(|h| h.old.end <= from);
        hunks[first..]
            .iter()
            .take_while(|h| h.old.start < to)
            .filter(|h| !is_correction(old, new, h))
            .map(|h| counts(&old[h.old.start.max(from)..h.old.end.min(to)]))
            .sum()
    };
    let total = counts(&old[s..e]);
    let kept = total - changed_in(s, e);
    let replaced_whole = inside.len() == 1 && inside[0].old == (s..e);
    let passage_kept = if inside.is_empty() || replaced_whole && is_correction(old, new, &inside[0]) {
        true
    } else {
        // Measured on both sides: words added inside a passage make it another passage too.
        let longer = total.max(counts(&new[start..end]));
        longer > 0 && kept as f32 >= MIN_UNCHANGED_SHARE * longer as f32
    };
    // Its surroundings too: a short passage in a rewritten sentence ("is", "better than")
    // may have a twin in the new wording that a diff aligns it with.
    // Within its paragraph: the next paragraph is another passage's context.
    let is_break = |i: usize| old[i] == '\n' && old.get(i + 1) == Some(&'\n');
    let from = (s.saturating_sub(CONTEXT_CHARS)..s)
        .rev()
        .find(|&i| is_break(i))
        .map_or(s.saturating_sub(CONTEXT_CHARS), |i| i + 2);
    let to =
        (e..(e + CONTEXT_CHARS).min(old.len())).find(|&i| is_break(i)).unwrap_or((e + CONTEXT_CHARS).min(old.len()));
    let around = counts(&old[from..to]);
    let context_kept = around == 0 || (around - changed_in(from, to)) as f32 >= MIN_UNCHANGED_SHARE * around as f32;
    if passage_kept && context_kept {
        Moved::To(Span { start: CharOffset(start), end: CharOffset(end) })
    } else {
        Moved::Orphan
    }
}

/// Whether a change corrects what it replaces (a misspelt name, a figure) rather than saying
/// something else: a passage around it is still the same passage.
fn is_correction(old: &[char], new: &[char], hunk: &Hunk) -> bool {
    let (was, is) = (&old[hunk.old.clone()], &new[hunk.new.clone()]);
    let figure =
        |chars: &[char]| !chars.is_empty() && chars.iter().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','));
    !was.is_empty() && (figure(was) && figure(is) || likeness(was, is) >= MIN_CORRECTION_LIKENESS)
}

/// `at` (code points of the old text, outside any change) in the new text, `last` being the
/// last change before it.
fn shifted(last: Option<&Hunk>, at: usize) -> usize {
    last.map_or(at, |h| at - h.old.end + h.new.end)
}

/// How alike two short passages are: the longest common subsequence of their characters
/// (case-blind) over the longer one's length.
fn likeness(a: &[char], b: &[char]) -> f32 {
    if a.len() > 200 || b.len() > 200 {
        return 0.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for j in 0..b.len() {
            let up = row[j + 1];
            row[j + 1] = if x.to_lowercase().eq(b[j].to_lowercase()) { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()] as f32 / a.len().max(b.len()) as f32
}

/// Paragraphs that moved whole (swapped, or taken elsewhere): a diff sees them deleted in one
/// place and inserted in another, and their annotations orphaned. An orphan whose whole
/// paragraph occurs, word for word, once in the old text and once in the new is in that
/// paragraph, at the same place in it.
struct MovedParagraphs<'a> {
    old: &'a str,
    new: &'a str,
    old_chars: &'a [char],
    new_chars: &'a [char],
    /// The new side of each change long enough to hold a moved paragraph.
    inserted: Vec<String>,
}

/// Paragraphs shorter than this may well occur twice by chance ("Read more."), so they do not
/// count as moved.
const MIN_MOVED_PARAGRAPH_CHARS: usize = 20;

impl<'a> MovedParagraphs<'a> {
    fn place(&self, span: Span) -> Option<Span> {
        let (s, e) = (span.start.0, span.end.0);
        let text = self.old_chars;
        let is_break = |i: usize| i + 1 < text.len() && text[i] == '\n' && text[i + 1] == '\n';
        let start = (0..=s).rev().find(|&i| i == 0 || (i >= 2 && is_break(i - 2))).unwrap_or(0);
        let end = (s..text.len()).find(|&i| is_break(i)).unwrap_or(text.len());
        if e > end || end - start < MIN_MOVED_PARAGRAPH_CHARS {
            return None;
        }
        let paragraph: String = text[start..end].iter().collect();
        // Most orphans' passages are gone: a look in the new text's changes rules them out
        // before the whole texts are searched.
        if !self.inserted.iter().any(|t| t.contains(paragraph.as_str())) {
            return None;
        }
        let unique = |haystack: &str| {
            let mut found = haystack.match_indices(paragraph.as_str());
            found.next().filter(|_| found.next().is_none()).map(|(byte, _)| byte)
        };
        unique(self.old)?;
        let byte = unique(self.new)?;
        let to = self.new[..byte].chars().count();
        debug_assert!(self.new_chars[to..].starts_with(&text[start..end]));
        Some(Span { start: CharOffset(to + s - start), end: CharOffset(to + e - start) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, quote: &str) -> Span {
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        Span { start: CharOffset(start), end: CharOffset(start + quote.chars().count()) }
    }

    fn quote(text: &str, moved: Moved) -> Option<String> {
        match moved {
            Moved::To(span) => Some(text.chars().skip(span.start.0).take(span.end.0 - span.start.0).collect()),
            Moved::Orphan => None,
        }
    }

    fn move_quotes(old: &str, new: &str, quotes: &[&str]) -> Vec<Option<String>> {
        let spans: Vec<Span> = quotes.iter().map(|q| span_of(old, q)).collect();
        move_through(&Diff::between(old, new), old, new, &spans).into_iter().map(|m| quote(new, m)).collect()
    }

    #[test]
    fn annotations_follow_their_corrected_words() {
        let old = "Nov. 3 — The mayor, Jon Smtih, said 12 homes burned.";
        let new = "Nov. 3 -- The mayor, Jon Smith, said 15 homes burned.";
        let moved = move_quotes(old, new, &["Jon Smtih", "Smtih", "12 homes burned", "The mayor", "12"]);
        assert_eq!(
            moved,
            [
                Some("Jon Smith".into()),
                Some("Smith".into()),
                Some("15 homes burned".into()),
                Some("The mayor".into()),
                Some("15".into())
            ]
        );
    }

    #[test]
    fn a_word_inserted_next_to_a_passage_stays_out_of_it() {
        let old = "Officials said the bridge was safe.";
        let new = "Officials privately said the old bridge was safe.";
        assert_eq!(
            move_quotes(old, new, &["Officials", "said", "bridge"]),
            [Some("Officials".into()), Some("said".into()), Some("bridge".into())]
        );
    }

    #[test]
    fn deleted_and_rewritten_passages_are_orphans() {
        let old = "Keep this.\n\nThe council voted to close the library on Friday.\n\nAnd this.";
        let new = "Keep this.\n\nA new budget was adopted after a long debate.\n\nAnd this.";
        let moved = move_quotes(
            old,
            new,
            &["The council voted to close the library on Friday.", "library", "Keep this.", "And this."],
        );
        assert_eq!(moved, [None, None, Some("Keep this.".into()), Some("And this.".into())]);
        let gone = "Keep this.\n\nAnd this.";
        assert_eq!(move_quotes(old, gone, &["council voted", "And this."]), [None, Some("And this.".into())]);
    }

    #[test]
    fn an_end_inside_a_change_or_a_rewritten_passage_is_an_orphan() {
        let old = "The minister resigned in protest on Tuesday evening.";
        let new = "The minister was dismissed by the president on Tuesday evening.";
        let moved =
            move_quotes(old, new, &["minister resign", "resigned in protest", "The minister", "Tuesday evening"]);
        assert_eq!(moved, [None, None, Some("The minister".into()), Some("Tuesday evening".into())]);
    }

    #[test]
    fn a_short_passage_of_a_rewritten_sentence_does_not_land_on_a_twin_word() {
        let old = "Intro.\n\nThe team is 3-5. Lynn is right: the Chargers needed to win that game.\n\nEnd.";
        let new = "Intro.\n\nThe team is 3-5. What is really fun to think about is a long playoff run.\n\nEnd.";
        assert_eq!(move_quotes(old, new, &["Lynn is right", "right"]), [None, None]);
        let old = "It looks a little better than Destiny 2, by most accounts of the people who played it.";
        let new = "It looks a little like Uber and Lyft, by most accounts.";
        assert_eq!(move_quotes(old, new, &["better than"]), [None]);
    }

    #[test]
    fn swapped_paragraphs_take_their_annotations_along() {
        let old = "First paragraph, about the budget vote.\n\nSecond paragraph, about the flood.\n\nThird one.";
        let new = "Second paragraph, about the flood.\n\nFirst paragraph, about the budget vote.\n\nThird one.";
        let moved = move_quotes(old, new, &["budget vote", "the flood", "Third one"]);
        assert_eq!(moved, [Some("budget vote".into()), Some("the flood".into()), Some("Third one".into())]);
        let spans = [span_of(old, "budget vote"), span_of(old, "the flood")];
        let found = move_through(&Diff::between(old, new), old, new, &spans);
        assert_eq!(found, [Moved::To(span_of(new, "budget vote")), Moved::To(span_of(new, "the flood"))]);
    }

    #[test]
    fn an_annotation_stays_on_its_sentence_not_on_a_pull_quote_of_it() {
        let body = "“We will rebuild,” the mayor said on Monday.";
        let old = format!("Intro paragraph here.\n\nMiddle paragraph.\n\n{body} More text.");
        let with_pull_quote =
            format!("Intro paragraph here.\n\n“We will rebuild,”\n\nMiddle paragraph.\n\n{body} More text.");
        let spans = [span_of(&old, "“We will rebuild,”")];
        let diff = Diff::between(&old, &with_pull_quote);
        let [Moved::To(span)] = move_through(&diff, &old, &with_pull_quote, &spans)[..] else { panic!("orphaned") };
        let body_start = with_pull_quote.rfind(body).unwrap();
        assert_eq!(span.start.0, with_pull_quote[..body_start].chars().count());
        // Then the body's copy is corrected; the annotation follows it.
        let corrected = with_pull_quote.replacen("the mayor said on Monday", "the mayor said on Tuesday", 1);
        let diff = Diff::between(&with_pull_quote, &corrected);
        assert_eq!(move_through(&diff, &with_pull_quote, &corrected, &[span]), [Moved::To(span)]);
    }
}
