//! What changed between two versions of a text, word by word: a diff (Myers', from `similar`)
//! of their paragraphs, then of the words, spaces and punctuation of the paragraphs that
//! changed, as hunks in code points of each text. Annotations move through it
//! (`anchoring::through_diff`), and `annotate diff` prints it.

use std::ops::Range;

mod blocks;
pub use blocks::{Block, Piece, blocks};

use rustc_hash::FxHashMap;
use similar::algorithms::{Capture, Replace, myers};
use similar::{DiffOp, DiffTag};

/// One change: `old` of the old text became `new` of the new text (code points). An empty
/// `old` is an insertion, an empty `new` a deletion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// The changes from one text to another, in order; what lies between them is unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub hunks: Vec<Hunk>,
}

/// A text cut into words (runs of letters and digits), runs of whitespace and single other
/// characters, each with the code point it starts at.
struct Tokens<'a> {
    pieces: Vec<&'a str>,
    starts: Vec<usize>,
    chars: usize,
}

fn tokens(text: &str) -> Tokens<'_> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut pieces = Vec::with_capacity(text.len() / 3);
    let mut starts = Vec::with_capacity(text.len() / 3);
    let (mut piece_byte, mut piece_char, mut chars) = (0, 0, 0);
    let mut previous: Option<Class> = None;
    for (byte, c) in text.char_indices() {
        let now = class(c);
        if byte > 0 && (now == Class::Other || previous != Some(now)) {
            pieces.push(&text[piece_byte..byte]);
            starts.push(piece_char);
            (piece_byte, piece_char) = (byte, chars);
        }
        previous = Some(now);
        chars += 1;
    }
    if !text.is_empty() {
        pieces.push(&text[piece_byte..]);
        starts.push(piece_char);
    }
    Tokens { pieces, starts, chars }
}

impl Tokens<'_> {
    /// The code points of tokens `range`.
    fn span(&self, range: Range<usize>) -> Range<usize> {
        let at = |i: usize| self.starts.get(i).copied().unwrap_or(self.chars);
        at(range.start)..at(range.end)
    }
}

/// The word diff of two texts (in practice, of two runs of paragraphs that differ).
fn words_between(old: &str, new: &str) -> Vec<Hunk> {
    let (a, b) = (tokens(old), tokens(new));
    let mut hunks: Vec<Hunk> = Vec::new();
    let (a_ids, b_ids) = interned(&a.pieces, &b.pieces);
    for op in myers(&a_ids, &b_ids) {
        let (tag, old_tokens, new_tokens) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            push_joined(&mut hunks, Hunk { old: a.span(old_tokens), new: b.span(new_tokens) });
        }
    }
    hunks
}

/// The operations that turn `old` into `new`, by Myers' algorithm. Called directly rather than
/// through `similar::capture_diff_slices`, whose choice of algorithm at run time links all five
/// into the app (+46 KB gzip).
fn myers(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    // A deletion next to an insertion is one replacement.
    let mut capture = Replace::new(Capture::new());
    let Ok(()) = myers::diff(&mut capture, old, 0..old.len(), new, 0..new.len());
    capture.into_inner().into_ops()
}

/// Each piece as a number, the same for equal pieces: the diff then compares and hashes
/// numbers, where comparing the strings took half its time.
fn interned<'a>(old: &[&'a str], new: &[&'a str]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: FxHashMap<&'a str, u32> = FxHashMap::default();
    let mut id = |piece: &&'a str| {
        let next = ids.len() as u32;
        *ids.entry(*piece).or_insert(next)
    };
    let old = old.iter().map(&mut id).collect();
    let new = new.iter().map(&mut id).collect();
    (old, new)
}

/// Runs of paragraphs to diff word by word, in order, that together cover `old` (paragraphs
/// of `a`) and `new` (of `b`): each paragraph paired with the one of the other side most like
/// it (words in common), in order, and what lies between pairs as runs of its own.
fn pairs(a: &Paragraphs, old: Range<usize>, b: &Paragraphs, new: Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
    let (k, m) = (old.len(), new.len());
    // As many paragraphs on each side: each changed where it is, and the run is diffed whole;
    // so it is past a few hundred pairs to weigh (a rewritten article).
    if k == 0 || m == 0 || k == m || k * m > 400 {
        return vec![(old, new)];
    }
    fn words(piece: &str) -> Vec<&str> {
        let mut found: Vec<&str> = piece.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        found.sort_unstable();
        found
    }
    let old_words: Vec<Vec<&str>> = old.clone().map(|i| words(a.pieces[i])).collect();
    let new_words: Vec<Vec<&str>> = new.clone().map(|j| words(b.pieces[j])).collect();
    let likeness = |x: &[&str], y: &[&str]| {
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => (shared, i, j) = (shared + 1, i + 1, j + 1),
            }
        }
        shared as f32 / x.len().max(y.len()).max(1) as f32
    };
    // The best total likeness of paragraphs paired in order (pairs under a third do not count).
    let mut best = vec![vec![0f32; m + 1]; k + 1];
    for i in 1..=k {
        for j in 1..=m {
            let like = likeness(&old_words[i - 1], &new_words[j - 1]);
            let paired = if like >= 1.0 / 3.0 { best[i - 1][j - 1] + like } else { f32::MIN };
            best[i][j] = best[i - 1][j].max(best[i][j - 1]).max(paired);
        }
    }
    let mut paired = Vec::new();
    let (mut i, mut j) = (k, m);
    while i > 0 && j > 0 {
        if best[i][j] == best[i - 1][j] {
            i -= 1;
        } else if best[i][j] == best[i][j - 1] {
            j -= 1;
        } else {
            paired.push((old.start + i - 1, new.start + j - 1));
            (i, j) = (i - 1, j - 1);
        }
    }
    paired.reverse();
    // Pairing is for a paragraph that came with a copy of part of itself (a pull quote): every
    // paragraph left unpaired must repeat, mostly, one that was paired. Otherwise (a paragraph
    // split in two, others added) the run is diffed whole.
    let shared = |x: &[&str], y: &[&str]| likeness(x, y) * x.len().max(y.len()) as f32;
    let repeats = |words: &[&str], others: Vec<&Vec<&str>>| {
        others.into_iter().any(|other| shared(words, other) >= 0.8 * words.len() as f32)
    };
    let paired_new: Vec<&Vec<&str>> = paired.iter().map(|p| &new_words[p.1 - new.start]).collect();
    let paired_old: Vec<&Vec<&str>> = paired.iter().map(|p| &old_words[p.0 - old.start]).collect();
    let copies = new
        .clone()
        .filter(|j| !paired.iter().any(|p| p.1 == *j))
        .all(|j| repeats(&new_words[j - new.start], paired_new.clone()))
        && old
            .clone()
            .filter(|i| !paired.iter().any(|p| p.0 == *i))
            .all(|i| repeats(&old_words[i - old.start], paired_old.clone()));
    if paired.is_empty() || !copies {
        return vec![(old, new)];
    }
    let mut runs = Vec::new();
    let (mut at_old, mut at_new) = (old.start, new.start);
    for (x, y) in paired.into_iter().chain([(old.end, new.end)]) {
        if at_old < x || at_new < y {
            runs.push((at_old..x, at_new..y));
        }
        if x < old.end {
            runs.push((x..x + 1, y..y + 1));
        }
        (at_old, at_new) = (x + 1, y + 1);
    }
    runs
}

/// Adds `hunk`, joined to the last one if they touch (a deletion then an insertion is one
/// change).
fn push_joined(hunks: &mut Vec<Hunk>, hunk: Hunk) {
    match hunks.last_mut() {
        Some(last) if last.old.end == hunk.old.start && last.new.end == hunk.new.start => {
            last.old.end = hunk.old.end;
            last.new.end = hunk.new.end;
        }
        _ => hunks.push(hunk),
    }
}

/// A text's paragraphs (what lies between blank lines; a paragraph moved to the end, where no
/// blank line follows it, is the same paragraph), and where each starts and ends in bytes and
/// code points.
struct Paragraphs<'a> {
    pieces: Vec<&'a str>,
    bytes: Vec<Range<usize>>,
    chars: Vec<Range<usize>>,
    length: (usize, usize),
}

fn paragraphs(text: &str) -> Paragraphs<'_> {
    let mut found = Paragraphs { pieces: Vec::new(), bytes: Vec::new(), chars: Vec::new(), length: (0, 0) };
    // A newline is one byte in UTF-8, never part of another character.
    let bytes = text.as_bytes();
    let (mut start, mut start_char, mut chars, mut i) = (0, 0, 0, 0);
    while i <= bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| b == b'\n').count();
        if run >= 2 || i == bytes.len() {
            if i > start {
                found.pieces.push(&text[start..i]);
                found.bytes.push(start..i);
                found.chars.push(start_char..chars);
            }
            chars += run;
            (start, start_char) = (i + run, chars);
            i += run.max(1);
        } else {
            i += if run == 1 { 1 } else { utf8_width(bytes[i]) };
            chars += 1;
        }
    }
    found.length = (text.len(), chars);
    found
}

/// The length in bytes of the UTF-8 character that starts with `first`.
fn utf8_width(first: u8) -> usize {
    match first {
        0..0x80 => 1,
        0xE0..0xF0 => 3,
        0xF0.. => 4,
        _ => 2,
    }
}

impl<'a> Paragraphs<'a> {
    /// Where a run of changed paragraphs that starts at paragraph `at` begins (bytes, code
    /// points): the first run of a change takes the blank line before it.
    fn begin(&self, at: usize, change: &Range<usize>) -> (usize, usize) {
        match at {
            0 => (0, 0),
            _ if at == change.start => (self.bytes[at - 1].end, self.chars[at - 1].end),
            _ => self.bytes.get(at).map_or(self.length, |b| (b.start, self.chars[at].start)),
        }
    }

    /// Where a run that ends before paragraph `at` ends.
    fn finish(&self, at: usize) -> usize {
        self.bytes.get(at).map_or(self.length.0, |b| b.start)
    }

    /// What stands between paragraph `at` and the next (or the text's edge), in `text`.
    fn gap_after(&self, text: &'a str, at: usize) -> &'a str {
        &text[self.bytes[at].end..self.finish(at + 1)]
    }
}

impl Diff {
    /// The changes that turn `old` into `new`: paragraphs first, then the words of the
    /// paragraphs that differ. Diffing 200,000 words and spaces at once took 300 ms on a
    /// 100,000-word article; most paragraphs of a new version are the old ones.
    pub fn between(old: &str, new: &str) -> Diff {
        let (a, b) = (paragraphs(old), paragraphs(new));
        let (a_ids, b_ids) = interned(&a.pieces, &b.pieces);
        let ops = myers(&a_ids, &b_ids);
        // Paragraphs the diff keeps must keep the blank lines between them too (normalized
        // text has one between any two); else, and at the texts' edges, the words decide.
        let gaps_agree = ops.iter().all(|op| {
            let (tag, x, y) = op.as_tag_tuple();
            tag != DiffTag::Equal || x.zip(y).rev().skip(1).all(|(i, j)| a.gap_after(old, i) == b.gap_after(new, j))
        });
        let after_last = |p: &Paragraphs, text: &str| p.bytes.last().map_or(text.len(), |b| b.end);
        let edges_agree =
            old[..a.finish(0)] == new[..b.finish(0)] && old[after_last(&a, old)..] == new[after_last(&b, new)..];
        if !gaps_agree || !edges_agree {
            return Diff { hunks: words_between(old, new) };
        }
        let mut hunks: Vec<Hunk> = Vec::new();
        for op in ops {
            let (tag, old_paragraphs, new_paragraphs) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                continue;
            }
            // Paragraphs that changed are diffed word by word with the one each became, so
            // that a pull quote of a sentence put just before its paragraph is not taken for it.
            for (old_run, new_run) in pairs(&a, old_paragraphs.clone(), &b, new_paragraphs.clone()) {
                let (old_from, old_at) = a.begin(old_run.start, &old_paragraphs);
                let (new_from, new_at) = b.begin(new_run.start, &new_paragraphs);
                let (old_part, new_part) =
                    (&old[old_from..a.finish(old_run.end)], &new[new_from..b.finish(new_run.end)]);
                for hunk in words_between(old_part, new_part) {
                    let hunk = Hunk {
                        old: hunk.old.start + old_at..hunk.old.end + old_at,
                        new: hunk.new.start + new_at..hunk.new.end + new_at,
                    };
                    push_joined(&mut hunks, hunk);
                }
            }
        }
        Diff { hunks }
    }

    /// Whether the texts are the same.
    pub fn is_empty(&self) -> bool {
        self.hunks.is_empty()
    }

    /// The changes as a reader sees them: changes separated only by whitespace are one ("two
    /// words" -> "other terms" is one replacement, not two).
    pub fn readable(&self, old: &str) -> Vec<Hunk> {
        let old: Vec<char> = old.chars().collect();
        let mut merged: Vec<Hunk> = Vec::with_capacity(self.hunks.len());
        for hunk in &self.hunks {
            match merged.last_mut() {
                Some(last)
                    if hunk.old.start - last.old.end == hunk.new.start - last.new.end
                        && old[last.old.end..hunk.old.start].iter().all(|c| c.is_whitespace())
                        && !old[last.old.end..hunk.old.start].contains(&'\n') =>
                {
                    last.old.end = hunk.old.end;
                    last.new.end = hunk.new.end;
                }
                _ => merged.push(hunk.clone()),
            }
        }
        merged
    }
}

/// The paragraphs (blank-line separated, numbered from 0) of the old and the new text that a
/// change touches.
pub fn changed_paragraphs(diff: &Diff, old: &str, new: &str) -> (Vec<usize>, Vec<usize>) {
    fn touched(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<usize> {
        // Paragraph starts, in code points.
        let mut starts = vec![0];
        let chars: Vec<char> = text.chars().collect();
        for i in 1..chars.len() {
            if chars[i - 1] == '\n' && chars[i] != '\n' && i >= 2 && chars[i - 2] == '\n' {
                starts.push(i);
            }
        }
        let mut found: Vec<usize> = Vec::new();
        for mut range in ranges {
            // Blank lines at a change's edges belong to no paragraph.
            while range.start < range.end && chars[range.start].is_whitespace() {
                range.start += 1;
            }
            while range.end > range.start && chars[range.end - 1].is_whitespace() {
                range.end -= 1;
            }
            let first = starts.partition_point(|&s| s <= range.start).saturating_sub(1);
            let last =
                if range.is_empty() { first } else { starts.partition_point(|&s| s < range.end).saturating_sub(1) };
            found.extend(first..=last);
        }
        found.sort_unstable();
        found.dedup();
        found
    }
    let (old_chars, new_chars): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let words_in = |range: &Range<usize>, chars: &[char]| chars[range.clone()].iter().any(|c| !c.is_whitespace());
    let blank_line_in =
        |range: &Range<usize>, chars: &[char]| chars[range.clone()].windows(2).any(|w| w == ['\n', '\n']);
    // A side is touched where its words changed, or where words came or went inside one of its
    // paragraphs (not where whole paragraphs were added or removed).
    let touches = |mine: &Range<usize>, my_text: &[char], theirs: &Range<usize>, their_text: &[char]| {
        words_in(mine, my_text) || mine.is_empty() && words_in(theirs, their_text) && !blank_line_in(theirs, their_text)
    };
    (
        touched(
            old,
            diff.hunks.iter().filter(|h| touches(&h.old, &old_chars, &h.new, &new_chars)).map(|h| h.old.clone()),
        ),
        touched(
            new,
            diff.hunks.iter().filter(|h| touches(&h.new, &new_chars, &h.old, &old_chars)).map(|h| h.new.clone()),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, new: &str, diff: &Diff) -> String {
        // Rebuild the new text from the old and the hunks: the diff says all that changed.
        let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
        let (mut out, mut at) = (String::new(), 0);
        for hunk in &diff.hunks {
            out.extend(&old[at..hunk.old.start]);
            out.extend(&new[hunk.new.clone()]);
            at = hunk.old.end;
        }
        out.extend(&old[at..]);
        out
    }

    #[test]
    fn a_corrected_word_is_one_small_change() {
        let old = "The mayor, Jon Smtih, said 12 homes burned.";
        let new = "The mayor, Jon Smith, said 15 homes burned.";
        let diff = Diff::between(old, new);
        let changed: Vec<(String, String)> = diff
            .hunks
            .iter()
            .map(|h| {
                (
                    old.chars().skip(h.old.start).take(h.old.len()).collect(),
                    new.chars().skip(h.new.start).take(h.new.len()).collect(),
                )
            })
            .collect();
        assert_eq!(changed, [("Smtih".into(), "Smith".into()), ("12".into(), "15".into())]);
        assert_eq!(apply(old, new, &diff), new);
    }

    #[test]
    fn positions_are_code_points_with_emoji_and_right_to_left_text() {
        let old = "🙂 قال المسؤول إن 3 منازل احترقت.";
        let new = "🙂 قال المسؤول إن 4 منازل احترقت.";
        let diff = Diff::between(old, new);
        assert_eq!(diff.hunks, [Hunk { old: 17..18, new: 17..18 }]);
        assert_eq!(apply(old, new, &diff), new);
    }

    #[test]
    fn insertions_and_deletions_rebuild_the_new_text() {
        for (old, new) in [
            ("", "Added."),
            ("Gone.", ""),
            ("One.\n\nTwo.\n\nThree.", "Update: corrected.\n\nOne.\n\nThree.\n\nTwo."),
            ("A — dash.", "A -- dash."),
            ("Same.", "Same."),
        ] {
            let diff = Diff::between(old, new);
            assert_eq!(apply(old, new, &diff), new, "{old:?} -> {new:?}");
            assert_eq!(diff.is_empty(), old == new);
        }
    }

    #[test]
    fn words_changed_side_by_side_read_as_one_change() {
        let old = "Prices rose sharply in May.";
        let new = "Prices fell slowly in May.";
        let diff = Diff::between(old, new);
        assert_eq!(diff.hunks.len(), 2);
        assert_eq!(diff.readable(old), [Hunk { old: 7..19, new: 7..18 }]);
    }

    #[test]
    fn the_changed_paragraphs_are_listed() {
        let old = "First.\n\nSecond one.\n\nThird.\n\nEnd of story.";
        let new = "First.\n\nSecond two.\n\nThird.\n\nEnd.\n\nFourth.";
        let diff = Diff::between(old, new);
        assert_eq!(changed_paragraphs(&diff, old, new), (vec![1, 3], vec![1, 3, 4]));
        // A paragraph deleted whole touches no paragraph of the new text.
        let fewer = "First.\n\nThird.\n\nEnd of story.";
        assert_eq!(changed_paragraphs(&Diff::between(old, fewer), old, fewer), (vec![1], vec![]));
    }
}
