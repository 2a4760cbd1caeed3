//! Re-anchoring: finding where an annotation made on one version of a text belongs in another
//! (a corrected article, a copy with other line breaks).
//!
//! Three tiers, tried in order:
//! 1. **Position**: the quote is still at its old offsets, with its context.
//! 2. **Quote**: the exact quote elsewhere, the occurrence whose prefix and suffix agree best.
//! 3. **Approximate**: quote and context aligned with edits, scored; a placement below
//!    [`MIN_CONFIDENCE`] or one with a rival almost as good is refused, and the annotation is
//!    an orphan for the user to place. A note on the wrong passage is worse than no note.
//!
//! Matching happens in a *folded* copy of the text (whitespace runs as one space, typographic
//! quotes and dashes as ASCII, lower case), so reflowed lines and curly quotes do not count as
//! edits; results are mapped back to the real text. Candidates are found through a sorted index
//! of short grams at word starts, so that 1,000 quotes in a 100,000-word text take milliseconds,
//! not the seconds of a scan per quote.

use super::offsets::CharOffset;

pub mod through_diff;

/// Scores at or above this place an annotation approximately; below, it is an orphan.
pub const MIN_CONFIDENCE: f32 = 0.85;
/// An approximate placement also needs this much of its context to agree: an edited quote
/// is recognised by what surrounds it, and an intact quote whose context is gone (its sentence
/// deleted, a similar one elsewhere) is not the same passage.
const MIN_CONTEXT_SIMILARITY: f32 = 0.75;
/// Approximate placements need a quote of at least this many characters: shorter ones are too
/// likely to resemble an unrelated passage.
const MIN_APPROXIMATE_CHARS: usize = 8;
/// Characters of context that must agree on each side of a quote that is not distinctive.
const SIDE_AGREEMENT: usize = 8;
/// A quote at least this long that occurs once needs less of its context to agree.
const DISTINCTIVE_CHARS: usize = 16;
/// A rival placement this close in score makes an approximate placement ambiguous.
const AMBIGUITY_MARGIN: f32 = 0.05;
/// Folded characters of context used on each side of a quote: twice what our export and the
/// W3C model keep.
const MAX_CONTEXT_CHARS: usize = 64;
/// At most this many characters are hashed per index entry.
const GRAM: usize = 6;
/// Grams more frequent than this say little about where a passage is, so they do not vote.
const MAX_VOTES_PER_GRAM: usize = 24;
/// Quotes longer than this are not aligned character by character (the table would be large);
/// they are placed exactly or not at all.
const MAX_ALIGNED_CHARS: usize = 4_000;

/// What is known of an annotation from the text it was made on.
#[derive(Clone, Copy, Debug)]
pub struct Selector<'a> {
    /// The marked text.
    pub exact: &'a str,
    /// Text just before it (the W3C model and our export keep 32 characters).
    pub prefix: &'a str,
    /// Text just after it.
    pub suffix: &'a str,
    /// Where it started, in code points of the old text, if known.
    pub start: Option<CharOffset>,
}

/// How an annotation was placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Position,
    Quote,
    Approximate,
    /// Through the diff of the old text and the new (`through_diff`).
    Diff,
}

/// The outcome of re-anchoring one annotation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    /// Placed at `start..end` of the new text; `confidence` is 1 for exact quotes.
    Placed { start: CharOffset, end: CharOffset, method: Method, confidence: f32 },
    /// Not placed; `confidence` is the best candidate's score (0 if there was none).
    Orphan { confidence: f32 },
}

/// A text prepared for re-anchoring many annotations.
pub struct Anchorer {
    /// The folded text.
    folded: Vec<char>,
    /// For each folded character, the index of the first real character it stands for.
    origin: Vec<u32>,
    /// (gram hash, folded position) of every word start, sorted.
    grams: Vec<(u64, u32)>,
}

impl Anchorer {
    /// Prepares `text` (one pass to fold, one sort of its word starts).
    pub fn new(text: &str) -> Self {
        let mut folded = Vec::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        fold_into(text, &mut folded, &mut origin);
        let mut grams: Vec<(u64, u32)> = (0..folded.len())
            .filter(|&i| is_word_start(&folded, i))
            .map(|i| (hash(gram_at(&folded, i)), i as u32))
            .collect();
        grams.sort_unstable();
        Anchorer { folded, origin, grams }
    }

    /// Finds where `selector` belongs in the text.
    pub fn anchor(&self, selector: &Selector) -> Anchor {
        let exact = fold_str(selector.exact);
        if exact.is_empty() {
            return Anchor::Orphan { confidence: 0.0 };
        }
        let prefix = fold_str(selector.prefix);
        let suffix = fold_str(selector.suffix);
        // Only the context next to the quote is used: more says nothing more about where it
        // is, and a W3C file's context can be any length (the alignment table grows with it,
        // and counts edits in u16).
        let prefix = &prefix[prefix.len().saturating_sub(MAX_CONTEXT_CHARS)..];
        let suffix = &suffix[..suffix.len().min(MAX_CONTEXT_CHARS)];
        let hint = selector.start.map(|s| s.0);
        if let Some(placed) = hint.and_then(|hint| self.at_position(&exact, prefix, suffix, hint)) {
            return placed;
        }
        match self.by_quote(&exact, prefix, suffix, hint) {
            // Agreement that rests on a sentence or paragraph edge alone (a pull quote of the
            // sentence, found whole where the sentence itself was corrected) yields to a
            // place the approximate search finds with its context.
            Some((placed, Support::EdgeOnly)) => match self.approximately(&exact, prefix, suffix) {
                Anchor::Placed { start, end, method, confidence } if !matches!(placed, Anchor::Placed { start: s, .. } if s == start) => {
                    Anchor::Placed { start, end, method, confidence }
                }
                _ => placed,
            },
            Some((placed, Support::Context)) => placed,
            None => self.approximately(&exact, prefix, suffix),
        }
    }

    /// Tier 1: the quote at its old position with all of its context, at least
    /// [`SIDE_AGREEMENT`] characters of it on each side. Tier 2 would choose the same place (no
    /// occurrence has more support, and this one is where the quote was); this is the check
    /// alone, without looking for the others (10,000 Hypothesis annotations placed on an
    /// unchanged 100,000-word article: 825 ms before, 239 ms after, bench/tool_import.mjs).
    fn at_position(&self, exact: &[char], prefix: &[char], suffix: &[char], hint: usize) -> Option<Anchor> {
        let start = self.origin.partition_point(|&o| (o as usize) < hint);
        let end = start + exact.len();
        let real = |run: &[char]| run.iter().filter(|c| !is_space(**c)).count();
        if self.origin.get(start) != Some(&(hint as u32))
            || real(prefix) < SIDE_AGREEMENT
            || real(suffix) < SIDE_AGREEMENT
            || start < prefix.len()
            || end + suffix.len() > self.folded.len()
            || self.folded[start..end] != *exact
        {
            return None;
        }
        let agrees = |text: &[char], context: &[char]| text.iter().zip(context).all(|(a, b)| same(*a, *b));
        if !agrees(&self.folded[start - prefix.len()..start], prefix)
            || !agrees(&self.folded[end..end + suffix.len()], suffix)
        {
            return None;
        }
        let (start, end) = self.real_span(start, end);
        Some(Anchor::Placed { start, end, method: Method::Position, confidence: 1.0 })
    }

    /// Tiers 1 and 2: every exact occurrence of the folded quote, the best-supported by
    /// context, the one at the old position among equals (with no such one, equals are a
    /// guess, refused). Three quarters of the context must still agree, and some of it on
    /// each side: "town in Kraków would cost" found in another sentence after its own was
    /// deleted is not the same passage.
    fn by_quote(
        &self,
        exact: &[char],
        prefix: &[char],
        suffix: &[char],
        hint: Option<usize>,
    ) -> Option<(Anchor, Support)> {
        // The index has grams only where white space (or the text's start) comes before: a
        // quote right after punctuation ("it's", a quotation mark) starts inside an indexed
        // gram. Its end needs no such care: a gram ends at any character not a letter or digit.
        let after_space = prefix.last().is_none_or(|c| is_space(*c));
        let edge = |c: Option<&char>| c.is_none_or(|c| !c.is_alphanumeric());
        let occurrences = self.occurrences(exact, after_space, edge(suffix.first()));
        // Characters of context that agree before and after an occurrence.
        let agreement = |s: usize| {
            let before = self.folded[..s].iter().rev().zip(prefix.iter().rev()).take_while(|(a, b)| same(**a, **b));
            let after = self.folded[s + exact.len()..].iter().zip(suffix).take_while(|(a, b)| same(**a, **b));
            (before.count(), after.count())
        };
        let at_hint = |s: usize| Some(self.origin[s] as usize) == hint;
        let scored: Vec<(usize, bool, usize)> = occurrences
            .into_iter()
            .map(|s| {
                let (before, after) = agreement(s);
                (before + after, at_hint(s), s)
            })
            .collect();
        let &(best_total, best_at_hint, best) = scored.iter().max()?;
        // Two occurrences with about the same support, neither where the quote was: a guess (a
        // sentence and its pull quote share most of their context; which one was corrected since
        // only a diff of the whole texts can tell).
        let close = (prefix.len() + suffix.len()) / 4;
        if !best_at_hint && scored.iter().filter(|(total, ..)| *total + close >= best_total).count() > 1 {
            return None;
        }
        let (before, after) = agreement(best);
        let end = best + exact.len();
        // A side whose agreeing part reaches a sentence or paragraph edge (a paragraph moved, a
        // neighbouring sentence deleted) agrees in full: the quote's own sentence is intact.
        let agreed_before: Vec<char> = prefix[prefix.len() - before..].iter().chain(&exact[..1]).copied().collect();
        let agreed_after: Vec<char> = exact[exact.len() - 1..].iter().chain(&suffix[..after]).copied().collect();
        let at_text_start = best == 0 && before == prefix.len();
        let real = |run: &[char]| run.iter().filter(|c| !is_space(**c)).count();
        let edge_before = has_sentence_edge(&agreed_before) || at_text_start;
        let edge_after = has_sentence_edge(&agreed_after) || end == self.folded.len();
        let support = if (edge_before && real(&prefix[prefix.len() - before..]) < SIDE_AGREEMENT)
            || (edge_after && real(&suffix[..after]) < SIDE_AGREEMENT)
        {
            Support::EdgeOnly
        } else {
            Support::Context
        };
        let before = if edge_before { prefix.len() } else { before };
        let after = if edge_after { suffix.len() } else { after };
        let sides_kept = before >= prefix.len().min(SIDE_AGREEMENT) && after >= suffix.len().min(SIDE_AGREEMENT);
        // A short quote says little by itself: all of its context must agree; a longer one
        // found once needs half of it, else three quarters.
        let context = prefix.len() + suffix.len();
        let needed = match (exact.len(), scored.len()) {
            (length, _) if length < MIN_APPROXIMATE_CHARS => context,
            (length, 1) if length >= DISTINCTIVE_CHARS => context / 2,
            _ => context * 3 / 4,
        };
        if !sides_kept || before + after < needed {
            return None;
        }
        let (start, end) = self.real_span(best, end);
        let method = if Some(start.0) == hint { Method::Position } else { Method::Quote };
        Some((Anchor::Placed { start, end, method, confidence: 1.0 }, support))
    }

    /// Folded positions where `exact` occurs. `may_start_word` says the quote may begin at a
    /// word start of the index (its old context had white space there, or none);
    /// `may_end_word` that it may end at a word edge (a space or punctuation there, or none).
    fn occurrences(&self, exact: &[char], may_start_word: bool, may_end_word: bool) -> Vec<usize> {
        // A word start inside the quote whose whole gram is in the quote (the text's gram there
        // would be longer if the quote ended inside it), the rarest in the text.
        let complete = |i: usize| {
            let gram = gram_at(exact, i);
            gram.len() == GRAM || i + gram.len() < exact.len() || may_end_word
        };
        let anchor = (0..exact.len())
            .filter(|&i| (i > 0 && is_space(exact[i - 1]) || i == 0 && may_start_word) && !is_space(exact[i]))
            .filter(|&i| complete(i))
            .min_by_key(|&i| self.gram_positions(gram_at(exact, i)).len());
        let verify = |s: usize| s + exact.len() <= self.folded.len() && self.folded[s..s + exact.len()] == *exact;
        match anchor {
            Some(offset) => self
                .gram_positions(gram_at(exact, offset))
                .iter()
                .filter_map(|&(_, p)| (p as usize).checked_sub(offset))
                .filter(|&s| verify(s))
                .collect(),
            // A fragment of a single word: scan the text.
            None => (0..self.folded.len()).filter(|&s| self.folded[s] == exact[0] && verify(s)).collect(),
        }
    }

    fn gram_positions(&self, gram: &[char]) -> &[(u64, u32)] {
        let h = hash(gram);
        let from = self.grams.partition_point(|&(g, _)| g < h);
        let to = self.grams.partition_point(|&(g, _)| g <= h);
        &self.grams[from..to]
    }

    /// Tier 3: candidate regions found by votes of the grams of quote and context, each
    /// aligned with edits; the best is placed if it is confident and has no close rival.
    fn approximately(&self, exact: &[char], prefix: &[char], suffix: &[char]) -> Anchor {
        if exact.len() < MIN_APPROXIMATE_CHARS || exact.len() > MAX_ALIGNED_CHARS {
            return Anchor::Orphan { confidence: 0.0 };
        }
        let probe: Vec<char> = prefix.iter().chain(exact).chain(suffix).copied().collect();
        let quote_at = prefix.len();
        // Each vote says where the quote would start if the gram sits where it did.
        // Shifted by the probe's length so that it is never negative: sorting (u64, u32) pairs
        // is the one sort instantiated here, shared with the index (each costs wasm size).
        let shift = probe.len() as isize;
        let mut votes: Vec<(u64, u32)> = Vec::new();
        for i in (1..probe.len()).filter(|&i| is_space(probe[i - 1]) && !is_space(probe[i])) {
            let gram = gram_at(&probe, i);
            if i + gram.len() == probe.len() && gram.len() < GRAM {
                continue;
            }
            let found = self.gram_positions(gram);
            if found.len() > MAX_VOTES_PER_GRAM {
                continue;
            }
            let weight = if (quote_at..quote_at + exact.len()).contains(&i) { 2 } else { 1 };
            let offset = i as isize - quote_at as isize;
            votes.extend(found.iter().map(|&(_, p)| ((p as isize - offset + shift) as u64, weight)));
        }
        votes.sort_unstable();
        // Regions of nearby votes: (total weight, where the quote would start).
        let mut regions: Vec<(u32, isize)> = Vec::new();
        let reach = (exact.len() / 4).max(8) as isize;
        for (key, weight) in votes {
            let start = key as isize - shift;
            match regions.last_mut() {
                Some((total, first)) if start - *first <= reach => *total += weight,
                _ => regions.push((weight, start)),
            }
        }
        // The three best-supported regions, leaving out those with less than half the votes
        // of the best (each costs an alignment).
        let mut best_regions: Vec<(u32, isize)> = Vec::with_capacity(4);
        for region in regions {
            let at = best_regions.iter().position(|b| region.0 > b.0).unwrap_or(best_regions.len());
            best_regions.insert(at, region);
            best_regions.truncate(3);
        }
        let enough = best_regions.first().map_or(0, |&(top, _)| top.div_ceil(2).max(2));
        let candidates: Vec<Alignment> = best_regions
            .iter()
            .filter(|&&(total, _)| total >= enough)
            .filter_map(|&(_, start)| self.align(&probe, quote_at, exact.len(), start))
            .collect();
        let Some(best) = candidates.iter().max_by(|a, b| a.confidence.total_cmp(&b.confidence)) else {
            return Anchor::Orphan { confidence: 0.0 };
        };
        let rival = candidates.iter().any(|r| {
            let elsewhere = r.end <= best.start || best.end <= r.start;
            elsewhere && r.confidence + AMBIGUITY_MARGIN >= best.confidence
        });
        if best.confidence < MIN_CONFIDENCE || best.context_similarity < MIN_CONTEXT_SIMILARITY || rival {
            return Anchor::Orphan { confidence: best.confidence };
        }
        let (start, end) = self.real_span(best.start, best.end);
        Anchor::Placed { start, end, method: Method::Approximate, confidence: best.confidence }
    }

    /// Aligns `probe` (prefix, quote, suffix) with edits against the text around where the
    /// quote would start (`near`), free to begin and end anywhere there; returns where the
    /// quote's ends fall and how well quote and context agree.
    fn align(&self, probe: &[char], quote_at: usize, quote_len: usize, near: isize) -> Option<Alignment> {
        let slack = (quote_len / 8 + 12).min(48) as isize;
        let from = (near - quote_at as isize - slack).max(0) as usize;
        let to = ((near + (probe.len() - quote_at) as isize + slack).max(0) as usize).min(self.folded.len());
        if from >= to {
            return None;
        }
        let window = &self.folded[from..to];
        let (rows, columns) = (probe.len() + 1, window.len() + 1);
        // cost[i][j]: fewest edits to align probe[..i] with some text ending at window[..j].
        let mut cost = vec![0u16; rows * columns];
        for i in 1..rows {
            cost[i * columns] = i as u16;
            for j in 1..columns {
                let substitute = cost[(i - 1) * columns + j - 1] + u16::from(probe[i - 1] != window[j - 1]);
                let skip_probe = cost[(i - 1) * columns + j] + 1;
                let skip_text = cost[i * columns + j - 1] + 1;
                cost[i * columns + j] = substitute.min(skip_probe).min(skip_text);
            }
        }
        let last = (rows - 1) * columns;
        let mut j = (0..columns).min_by_key(|&j| cost[last + j])?;
        // Walk back; note the text position where the quote's end and start rows are crossed,
        // keeping inserted text between quote and context outside the quote.
        let (quote_end_row, mut quote_edits, mut context_edits) = (quote_at + quote_len, 0u32, 0u32);
        let (mut end, mut start) = (None, None);
        let mut i = rows - 1;
        while i > 0 {
            if i == quote_end_row {
                end = Some(j);
            }
            if i == quote_at && start.is_none() {
                start = Some(j);
            }
            let here = cost[i * columns + j];
            // A step that uses up probe[i - 1] counts for the quote if that character is in
            // it; text skipped on a row counts for the quote only strictly inside it.
            let (edits, in_quote) =
                if j > 0 && here == cost[(i - 1) * columns + j - 1] + u16::from(probe[i - 1] != window[j - 1]) {
                    let edits = u32::from(probe[i - 1] != window[j - 1]);
                    (i, j) = (i - 1, j - 1);
                    (edits, i >= quote_at && i < quote_end_row)
                } else if here == cost[(i - 1) * columns + j] + 1 {
                    i -= 1;
                    (1, i >= quote_at && i < quote_end_row)
                } else {
                    j -= 1;
                    (1, i > quote_at && i < quote_end_row)
                };
            if in_quote {
                quote_edits += edits;
            } else {
                context_edits += edits;
            }
        }
        if quote_at == 0 {
            start = Some(j);
        }
        let (start, end) = (from + start?, from + end?);
        let (mut start, mut end) = self.trim(start, end);
        // An edited first or last word can pull an end into the middle of a word; a quote
        // that began (ended) on a word boundary does so again.
        let word = |c: &char| c.is_alphanumeric();
        if probe[..quote_at].last().is_none_or(|c| !word(c)) && probe.get(quote_at).is_some_and(word) {
            while start > 0 && start < end && word(&self.folded[start - 1]) {
                start -= 1;
            }
        }
        if probe.get(quote_at + quote_len).is_none_or(|c| !word(c)) && word(&probe[quote_at + quote_len - 1]) {
            while end < self.folded.len() && word(&self.folded[end]) {
                end += 1;
            }
        }
        if start >= end {
            return None;
        }
        let quote_similarity = 1.0 - quote_edits as f32 / quote_len as f32;
        let context_len = probe.len() - quote_len;
        let context_similarity =
            if context_len == 0 { quote_similarity } else { 1.0 - context_edits as f32 / context_len as f32 };
        Some(Alignment {
            start,
            end,
            context_similarity,
            confidence: 0.6 * quote_similarity.max(0.0) + 0.4 * context_similarity.max(0.0),
        })
    }

    fn trim(&self, mut start: usize, mut end: usize) -> (usize, usize) {
        while start < end && is_space(self.folded[start]) {
            start += 1;
        }
        while end > start && is_space(self.folded[end - 1]) {
            end -= 1;
        }
        (start, end)
    }

    /// The span of the real text that folded `start..end` stands for.
    fn real_span(&self, start: usize, end: usize) -> (CharOffset, CharOffset) {
        let real_start = self.origin[start] as usize;
        let real_end = self.origin[end - 1] as usize + 1;
        (CharOffset(real_start), CharOffset(real_end))
    }
}

/// One aligned candidate, in folded positions.
struct Alignment {
    start: usize,
    end: usize,
    context_similarity: f32,
    confidence: f32,
}

/// The gram indexed at a word start: up to [`GRAM`] characters, ending before the first
/// character after the first that is not a letter or digit, so that "said" in "said," and in
/// "said the" is the same gram.
fn gram_at(chars: &[char], i: usize) -> &[char] {
    let mut end = i + 1;
    while end < chars.len() && end - i < GRAM && chars[end].is_alphanumeric() {
        end += 1;
    }
    &chars[i..end]
}

fn is_word_start(folded: &[char], i: usize) -> bool {
    !is_space(folded[i]) && (i == 0 || is_space(folded[i - 1]))
}

/// The character matching compares: one space for any white space, ASCII for typographic
/// quotes and dashes, lower case.
fn fold(c: char) -> char {
    match c {
        c if c.is_whitespace() => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

fn fold_str(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    fold_into(s, &mut out, &mut Vec::new());
    out
}

/// Folds `text` into `out` (see [`fold`]), a run of white space as one space, or as one `\n`
/// if it holds a paragraph break (two line breaks); `origin` gets the index of the first real
/// character behind each folded one.
fn fold_into(text: &str, out: &mut Vec<char>, origin: &mut Vec<u32>) {
    let mut newlines = 0;
    for (i, c) in text.chars().enumerate() {
        let f = fold(c);
        if f != ' ' {
            newlines = 0;
            out.push(f);
            origin.push(i as u32);
            continue;
        }
        newlines += usize::from(c == '\n');
        match out.last_mut() {
            Some(last) if is_space(*last) => {
                if newlines >= 2 {
                    *last = '\n';
                }
            }
            _ => {
                out.push(' ');
                origin.push(i as u32);
            }
        }
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// Equal once folded, a paragraph break being as good as a space.
fn same(a: char, b: char) -> bool {
    a == b || is_space(a) && is_space(b)
}

/// Whether `run` holds the end of a sentence or of a paragraph: its text on that side is
/// intact to the sentence edge.
fn has_sentence_edge(run: &[char]) -> bool {
    let ends_sentence = |k: usize| match run.get(k + 1..) {
        Some([next, ..]) if is_space(*next) => true,
        Some(['"' | '\'', next, ..]) => is_space(*next),
        _ => false,
    };
    // "Nov. 3", "Mr. Ortiz", "J. Smith": a full stop after an abbreviation or an initial ends no
    // sentence. (A word cut off by the run's start cannot be told, and counts as a sentence's.)
    let abbreviation = |k: usize| {
        let word_start = run[..k].iter().rposition(|c| !c.is_alphabetic()).map_or(0, |p| p + 1);
        let word: String = run[word_start..k].iter().collect();
        word_start > 0 && (word.chars().count() == 1 || ABBREVIATIONS.contains(&word.as_str()))
    };
    run.contains(&'\n')
        || (0..run.len()).any(|k| match run[k] {
            '.' => ends_sentence(k) && !abbreviation(k),
            '!' | '?' => ends_sentence(k),
            _ => false,
        })
}

/// Words written with a full stop that ends no sentence, folded (lower case).
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "st",
    "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "prof", "rev", "no", "vs", "inc", "corp", "co", "ltd",
    "jr", "sr", "ft", "mt", "ave", "approx", "est", "dept", "univ",
];

/// What an exact occurrence's context agreement rests on.
enum Support {
    /// Characters of context on both sides (or all there is).
    Context,
    /// On one side, little more than a sentence or paragraph edge.
    EdgeOnly,
}

/// FNV-1a over code points: fast, and collisions only cost a failed verification.
fn hash(gram: &[char]) -> u64 {
    gram.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests;
