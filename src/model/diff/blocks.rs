//! A diff as a reader sees it ("What changed"): the paragraphs that changed, with their deleted
//! and inserted words marked, and how many unchanged paragraphs lie between them.

use super::Diff;

/// A run of a paragraph: unchanged, only in the old version, or only in the new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Deleted(String),
    Inserted(String),
}

/// A paragraph that changed, or unchanged paragraphs between changed ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Changed {
        /// Its number in the old version (1 is the first), if it was there.
        old_paragraph: Option<usize>,
        /// Its number in the new version, if it is there.
        new_paragraph: Option<usize>,
        pieces: Vec<Piece>,
    },
    /// This many unchanged paragraphs.
    Unchanged(usize),
}

/// The paragraphs of `new` that changed from `old`, in order (see [`Block`]).
pub fn blocks(diff: &Diff, old: &str, new: &str) -> Vec<Block> {
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let text = |chars: &[char], range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    let mut pieces = Vec::new();
    let mut new_at = 0;
    for hunk in diff.readable(old) {
        pieces.push(Piece::Same(text(&new_chars, new_at..hunk.new.start)));
        pieces.push(Piece::Deleted(text(&old_chars, hunk.old.clone())));
        pieces.push(Piece::Inserted(text(&new_chars, hunk.new.clone())));
        new_at = hunk.new.end;
    }
    pieces.push(Piece::Same(text(&new_chars, new_at..new_chars.len())));

    let mut paragraphs = Paragraphs::default();
    for piece in pieces {
        let (content, in_old, in_new) = match &piece {
            Piece::Same(s) => (s, true, true),
            Piece::Deleted(s) => (s, true, false),
            Piece::Inserted(s) => (s, false, true),
        };
        // A paragraph split or joined: the paragraphs on both sides of the break changed. (A
        // break deleted or inserted with a whole paragraph leaves its neighbour as it was.)
        let split_or_joined = !matches!(piece, Piece::Same(_)) && content.trim().is_empty();
        for (i, part) in content.split("\n\n").enumerate() {
            if i > 0 {
                paragraphs.next(in_old, in_new, split_or_joined);
            }
            if !part.is_empty() {
                paragraphs.push(match piece {
                    Piece::Same(_) => Piece::Same(part.to_string()),
                    Piece::Deleted(_) => Piece::Deleted(part.to_string()),
                    Piece::Inserted(_) => Piece::Inserted(part.to_string()),
                });
            }
        }
    }
    paragraphs.finish()
}

/// The paragraphs being made: the one under way and the blocks before it.
#[derive(Default)]
struct Paragraphs {
    blocks: Vec<Block>,
    pieces: Vec<Piece>,
    /// The paragraph under way touches a change.
    changed: bool,
    in_old: bool,
    in_new: bool,
    /// Paragraph breaks passed in each version.
    old_breaks: usize,
    new_breaks: usize,
}

impl Paragraphs {
    fn push(&mut self, piece: Piece) {
        match &piece {
            Piece::Same(_) => (self.in_old, self.in_new) = (true, true),
            Piece::Deleted(_) => (self.in_old, self.changed) = (true, true),
            Piece::Inserted(_) => (self.in_new, self.changed) = (true, true),
        }
        self.pieces.push(piece);
    }

    /// A paragraph break, in the old version, the new one or both.
    fn next(&mut self, in_old: bool, in_new: bool, changed: bool) {
        self.changed |= changed;
        self.end_paragraph();
        self.changed = changed;
        self.old_breaks += usize::from(in_old);
        self.new_breaks += usize::from(in_new);
    }

    fn end_paragraph(&mut self) {
        let pieces = std::mem::take(&mut self.pieces);
        if self.changed && !pieces.is_empty() {
            self.blocks.push(Block::Changed {
                old_paragraph: self.in_old.then_some(self.old_breaks + 1),
                new_paragraph: self.in_new.then_some(self.new_breaks + 1),
                pieces,
            });
        } else if !pieces.is_empty() {
            match self.blocks.last_mut() {
                Some(Block::Unchanged(n)) => *n += 1,
                _ => self.blocks.push(Block::Unchanged(1)),
            }
        }
        (self.in_old, self.in_new, self.changed) = (false, false, false);
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_paragraph();
        self.blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(old: &str, new: &str) -> Vec<Block> {
        blocks(&Diff::between(old, new), old, new)
    }

    #[test]
    fn changed_words_are_marked_in_their_paragraph_and_the_rest_counted() {
        let old = "One.\n\nThe bridge opens in May.\n\nThree.\n\nFour.";
        let new = "One.\n\nThe bridge opens in June.\n\nThree.\n\nFour.";
        assert_eq!(
            of(old, new),
            [
                Block::Unchanged(1),
                Block::Changed {
                    old_paragraph: Some(2),
                    new_paragraph: Some(2),
                    pieces: vec![
                        Piece::Same("The bridge opens in ".into()),
                        Piece::Deleted("May".into()),
                        Piece::Inserted("June".into()),
                        Piece::Same(".".into()),
                    ],
                },
                Block::Unchanged(2),
            ]
        );
    }

    #[test]
    fn a_deleted_paragraph_and_an_added_one_stand_alone() {
        let blocks = of("One.\n\nResidents were not told.\n\nThree.", "One.\n\nThree.\n\nUpdate: a new note.");
        let changed: Vec<(Option<usize>, Option<usize>, String)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Changed { old_paragraph, new_paragraph, pieces } => Some((
                    *old_paragraph,
                    *new_paragraph,
                    pieces
                        .iter()
                        .map(|p| match p {
                            Piece::Same(s) => format!("={s}"),
                            Piece::Deleted(s) => format!("-{s}"),
                            Piece::Inserted(s) => format!("+{s}"),
                        })
                        .collect(),
                )),
                Block::Unchanged(_) => None,
            })
            .collect();
        assert_eq!(
            changed,
            [(Some(2), None, "-Residents were not told.".into()), (None, Some(3), "+Update: a new note.".into())]
        );
        assert_eq!(blocks.iter().filter(|b| matches!(b, Block::Unchanged(_))).count(), 2);
    }

    #[test]
    fn a_split_paragraph_is_changed_on_both_sides() {
        let blocks = of("One two three. Four five six.", "One two three.\n\nFour five six.");
        assert!(blocks.iter().all(|b| matches!(b, Block::Changed { .. })), "{blocks:?}");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn the_same_text_has_no_change() {
        assert_eq!(of("One.\n\nTwo.", "One.\n\nTwo."), [Block::Unchanged(2)]);
    }
}
