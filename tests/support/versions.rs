//! The versions corpus: the real article texts of the extraction benchmark (read from
//! `../shared`, never copied here), annotated at random, then published again and again with
//! the edits news articles get after publication: update notes, fixed figures and names,
//! deleted, swapped and split paragraphs, rewritten sentences, changed dashes, and a pull
//! quote of a sentence that is then corrected. Every annotation's true place in each version
//! is tracked through the edits, so the only right answers are known: its place, or an orphan
//! when its passage is gone. Articles whose id starts with 0-4 are the held-out part.

use crate::corpus::Rng;

/// Where an annotation truly is in a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    At(usize, usize),
    /// Its passage was deleted or rewritten: the only right answer is an orphan.
    Gone,
    /// An edit cut across it (a sentence rewritten from inside a phrase): no answer is clearly
    /// right, so it is not scored, and counted apart.
    Unscored,
}

/// One published change: the version before, the version after, and each annotation of the
/// version before (code points) with its truth in the version after.
pub struct Step {
    pub kind: &'static str,
    pub old: String,
    pub new: String,
    pub cases: Vec<((usize, usize), Truth)>,
}

pub struct Article {
    pub id: String,
    pub held_out: bool,
    pub steps: Vec<Step>,
}

/// The kinds of edit, as the benchmark prints them.
pub const KINDS: [&str; 9] = [
    "update note added",
    "number fixed",
    "name fixed",
    "paragraph deleted",
    "paragraphs swapped",
    "paragraph split",
    "sentence rewritten",
    "dash changed",
    "pull quote, then corrected",
];

/// Every article of the extraction benchmark with at least 150 words, `steps` versions each.
pub fn articles(steps: usize) -> Vec<Article> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/article-extraction-benchmark/ground-truth.json");
    let raw = std::fs::read_to_string(path).expect("../shared/article-extraction-benchmark beside the project");
    let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&raw).expect("ground truth is JSON");
    let texts: Vec<(String, String)> = truth
        .iter()
        .filter_map(|(id, page)| {
            let body = article_annotator::model::text::normalize(page["articleBody"].as_str()?);
            (body.split_whitespace().count() >= 150).then(|| (id.clone(), body))
        })
        .collect();
    // Sentences a rewrite puts in, each with the article it comes from: never the article's
    // own (its original wording would be the passage back, not a rewrite).
    let sentences: Vec<(usize, String)> = texts
        .iter()
        .enumerate()
        .flat_map(|(n, (_, t))| {
            sentence_ranges(&chars(t))
                .into_iter()
                .map(move |(a, b)| (n, t.chars().skip(a).take(b - a).collect::<String>()))
        })
        .filter(|(_, s)| s.len() > 40)
        .collect();
    texts
        .iter()
        .enumerate()
        .map(|(n, (id, text))| {
            let mut rng = Rng::new(n as u64 * 7_919 + 11);
            let mut text = chars(text);
            let mut spans: Vec<(usize, usize)> = random_annotations(&text, 30, &mut rng);
            let mut versions = Vec::new();
            for _ in 0..steps {
                if spans.len() < 25 {
                    spans.extend(random_annotations(&text, 30 - spans.len(), &mut rng));
                }
                let (kind, new, truth) = edit(&text, &spans, (&sentences, n), &mut rng);
                let cases: Vec<_> = spans.iter().copied().zip(truth.iter().copied()).collect();
                versions.push(Step { kind, old: text.iter().collect(), new: new.iter().collect(), cases });
                spans =
                    truth.iter().filter_map(|t| if let Truth::At(s, e) = *t { Some((s, e)) } else { None }).collect();
                text = new;
            }
            Article { id: id.clone(), held_out: id.starts_with(['0', '1', '2', '3', '4']), steps: versions }
        })
        .collect()
}

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

/// Sentences: from a paragraph start or after ". " to the next ". " or paragraph end.
fn sentence_ranges(text: &[char]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    for i in 0..text.len() {
        let ends_sentence = matches!(text[i], '.' | '?' | '!')
            && text.get(i + 1).is_none_or(|c| c.is_whitespace())
            && text.get(i + 2).is_none_or(|c| c.is_uppercase() || *c == '\n')
            && !(i >= 3 && text[i - 3..i].iter().collect::<String>() == "Nov");
        if ends_sentence {
            found.push((start, i + 1));
            start = i + 2;
        } else if text[i] == '\n' {
            start = i + 1;
        }
    }
    found.retain(|&(a, b)| b > a + 1 && !text[a..b].contains(&'\n'));
    found
}

fn paragraph_ranges(text: &[char]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    for i in 0..=text.len() {
        if i == text.len() || (text[i] == '\n' && text.get(i + 1) == Some(&'\n')) {
            if i > start {
                found.push((start, i));
            }
            start = i + 2;
        }
    }
    found
}

/// Words of `text`: (start, end) of each run of letters and digits.
fn words(text: &[char]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_alphanumeric() {
            let start = i;
            while i < text.len() && text[i].is_alphanumeric() {
                i += 1;
            }
            found.push((start, i));
        } else {
            i += 1;
        }
    }
    found
}

/// Annotations as people make them: whole sentences, names, figures, quoted words, phrases.
fn random_annotations(text: &[char], count: usize, rng: &mut Rng) -> Vec<(usize, usize)> {
    let sentences = sentence_ranges(text);
    let words = words(text);
    let mut found = Vec::new();
    for _ in 0..count * 4 {
        if found.len() == count || words.len() < 10 {
            break;
        }
        let span = match rng.below(4) {
            0 if !sentences.is_empty() => *rng.pick(&sentences),
            1 => {
                let w = rng.below(words.len() - 1);
                let capital = |(a, _): (usize, usize)| text[a].is_uppercase();
                if !capital(words[w]) || !capital(words[w + 1]) || text[words[w].1..words[w + 1].0] != [' '] {
                    continue;
                }
                (words[w].0, words[w + 1].1)
            }
            2 => {
                let (a, b) = *rng.pick(&words);
                if !text[a].is_ascii_digit() {
                    continue;
                }
                (a, b)
            }
            _ => {
                let w = rng.below(words.len());
                let last = (w + 1 + rng.below(8)).min(words.len()) - 1;
                if text[words[w].0..words[last].1].contains(&'\n') {
                    continue;
                }
                (words[w].0, words[last].1)
            }
        };
        if !found.contains(&span) {
            found.push(span);
        }
    }
    found
}

/// How a replacement treats the annotations it touches.
#[derive(Clone, Copy, PartialEq)]
enum Touch {
    /// A correction: an annotation around it keeps its passage, corrected.
    Corrects,
    /// A deletion or a rewrite: an annotation inside it is gone.
    Removes,
}

/// Replaces `a..b` of `text` with `with`, moving each truth.
fn replace(text: &mut Vec<char>, truth: &mut [Truth], a: usize, b: usize, with: &[char], touch: Touch) {
    let delta = with.len() as isize - (b - a) as isize;
    let moved = |x: usize| (x as isize + delta) as usize;
    for t in truth.iter_mut() {
        let Truth::At(s, e) = *t else { continue };
        *t = if e <= a {
            Truth::At(s, e)
        } else if s >= b {
            Truth::At(moved(s), moved(e))
        } else if touch == Touch::Corrects && s <= a && b <= e {
            Truth::At(s, moved(e))
        } else if touch == Touch::Removes && a <= s && e <= b {
            Truth::Gone
        } else {
            Truth::Unscored
        };
    }
    text.splice(a..b, with.iter().copied());
}

/// One published change of `text`, of a kind chosen at random among those the text allows.
fn edit(
    text: &[char],
    spans: &[(usize, usize)],
    (others, own): (&[(usize, String)], usize),
    rng: &mut Rng,
) -> (&'static str, Vec<char>, Vec<Truth>) {
    loop {
        let mut new = text.to_vec();
        let mut truth: Vec<Truth> = spans.iter().map(|&(s, e)| Truth::At(s, e)).collect();
        let kind = rng.below(KINDS.len());
        let paragraphs = paragraph_ranges(text);
        let done = match kind {
            0 => {
                let note: Vec<char> = format!(
                    "Update, Nov. {}: This story has been updated with {}.",
                    1 + rng.below(28),
                    rng.pick(&["comment from the ministry", "new figures", "the company's response"])
                )
                .chars()
                .collect();
                if rng.below(2) == 0 {
                    replace(&mut new, &mut truth, 0, 0, &[&note[..], &['\n', '\n']].concat(), Touch::Corrects);
                } else {
                    let end = new.len();
                    replace(&mut new, &mut truth, end, end, &[&['\n', '\n'], &note[..]].concat(), Touch::Corrects);
                }
                true
            }
            1 | 2 => {
                let words = words(text);
                let wanted = |&&(a, b): &&(usize, usize)| {
                    if kind == 1 { text[a].is_ascii_digit() } else { b - a >= 4 && text[a].is_uppercase() && a > 2 }
                };
                let candidates: Vec<&(usize, usize)> = words.iter().filter(wanted).collect();
                if candidates.is_empty() {
                    false
                } else {
                    let &(a, b) = *rng.pick(&candidates);
                    let mut word: Vec<char> = text[a..b].to_vec();
                    if kind == 1 {
                        let d = rng.below(word.len());
                        let digit = word[d].to_digit(10).unwrap_or(0);
                        word[d] = char::from_digit((digit + 1 + rng.below(8) as u32) % 10, 10).unwrap();
                    } else {
                        let i = 1 + rng.below(word.len() - 2);
                        word.swap(i, i + 1);
                    }
                    let changed = word != text[a..b];
                    replace(&mut new, &mut truth, a, b, &word, Touch::Corrects);
                    changed
                }
            }
            3 if paragraphs.len() >= 3 => {
                let (a, b) = *rng.pick(&paragraphs[1..]);
                replace(&mut new, &mut truth, a - 2, b, &[], Touch::Removes);
                true
            }
            4 if paragraphs.len() >= 3 => {
                let p = rng.below(paragraphs.len() - 1);
                let ((a, b), (c, d)) = (paragraphs[p], paragraphs[p + 1]);
                if text[a..b] == text[c..d] {
                    false
                } else {
                    let swapped: Vec<char> = [&text[c..d], &['\n', '\n'], &text[a..b]].concat();
                    for t in &mut truth {
                        if let Truth::At(s, e) = *t {
                            *t = if a <= s && e <= b {
                                Truth::At(s + d - b, e + d - b)
                            } else if c <= s && e <= d {
                                Truth::At(s - (c - a), e - (c - a))
                            } else if s < d && e > a {
                                Truth::Unscored
                            } else {
                                *t
                            };
                        }
                    }
                    new.splice(a..d, swapped);
                    true
                }
            }
            5 => {
                let sentences = sentence_ranges(text);
                let joins: Vec<usize> = sentences
                    .windows(2)
                    .filter(|w| w[1].0 == w[0].1 + 1 && text[w[0].1] == ' ')
                    .map(|w| w[0].1)
                    .collect();
                if joins.is_empty() {
                    false
                } else {
                    let at = *rng.pick(&joins);
                    replace(&mut new, &mut truth, at, at + 1, &['\n', '\n'], Touch::Corrects);
                    true
                }
            }
            6 => {
                let sentences = sentence_ranges(text);
                if sentences.is_empty() {
                    false
                } else {
                    let (a, b) = *rng.pick(&sentences);
                    let other: Vec<char> = loop {
                        let (from, sentence) = rng.pick(others);
                        if *from != own {
                            break sentence.chars().collect();
                        }
                    };
                    replace(&mut new, &mut truth, a, b, &other, Touch::Removes);
                    other != text[a..b]
                }
            }
            7 => {
                let dashes: Vec<usize> = (0..text.len()).filter(|&i| matches!(text[i], '—' | '–')).collect();
                if dashes.is_empty() {
                    false
                } else {
                    let at = *rng.pick(&dashes);
                    replace(&mut new, &mut truth, at, at + 1, &['-', '-'], Touch::Corrects);
                    true
                }
            }
            8 if paragraphs.len() >= 5 => {
                // A sentence of a later paragraph, pulled out as its own paragraph one or two
                // paragraphs before its own, then corrected in the body. (Just before a paragraph
                // of that one sentence, the copy and the sentence cannot be told apart.)
                let sentences: Vec<(usize, usize)> = sentence_ranges(text)
                    .into_iter()
                    .filter(|&(a, b)| {
                        b - a > 30 && a > paragraphs[2].0 && words(&text[a..b]).iter().any(|w| w.1 - w.0 >= 4)
                    })
                    .collect();
                if sentences.is_empty() {
                    false
                } else {
                    let (a, b) = *rng.pick(&sentences);
                    let distance = 1 + rng.below(2);
                    let before = paragraphs.iter().rposition(|p| p.1 < a).unwrap_or(0).saturating_sub(distance);
                    let at = paragraphs[before].1;
                    let quote: Vec<char> = [&['\n', '\n'], &text[a..b]].concat();
                    replace(&mut new, &mut truth, at, at, &quote, Touch::Corrects);
                    let (a, b) = (a + quote.len(), b + quote.len());
                    let long: Vec<(usize, usize)> = words(&new[a..b]).into_iter().filter(|w| w.1 - w.0 >= 4).collect();
                    let (x, y) = *rng.pick(&long);
                    let mut word = new[a + x..a + y].to_vec();
                    let i = rng.below(word.len() - 1);
                    word.swap(i, i + 1);
                    if word == new[a + x..a + y] {
                        word[i] = if word[i] == 'e' { 'a' } else { 'e' };
                    }
                    replace(&mut new, &mut truth, a + x, a + y, &word, Touch::Corrects);
                    true
                }
            }
            _ => false,
        };
        if done && new != text {
            return (KINDS[kind], new, truth);
        }
    }
}
