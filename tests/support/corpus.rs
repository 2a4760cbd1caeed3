//! The re-anchoring corpus: articles annotated at random, then edited the way articles are
//! (typo fixes, corrections, sentences inserted and deleted, paragraphs reflowed and moved,
//! quotes made typographic), with every annotation's true place in the edited text tracked
//! through each edit. Shared by the corpus test and the re-anchoring benchmark.

/// A deterministic random source (SplitMix64), so that the corpus is the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One annotation of a corpus version: where it was, and where it truly is after the edits
/// (`None` when its passage was deleted, so that the only right answer is an orphan).
#[derive(Clone, Debug)]
pub struct Case {
    pub old: (usize, usize),
    pub truth: Option<(usize, usize)>,
}

/// An annotated text and an edited version of it.
pub struct Version {
    pub name: String,
    pub old: String,
    pub new: String,
    pub cases: Vec<Case>,
    pub edits: Vec<&'static str>,
}

/// The hand-written articles of `tests/data/articles` and the sample article.
pub fn base_articles() -> Vec<(&'static str, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    ["public/sample-article.txt", "tests/data/articles/harbour-dredging.txt", "tests/data/articles/council-water.txt"]
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(format!("{root}/{path}")).expect("corpus article");
            (path.rsplit('/').next().unwrap(), text.trim_end().to_string())
        })
        .collect()
}

/// `versions_per_article` edited versions of each base article and of a synthetic one.
pub fn corpus(versions_per_article: usize) -> Vec<Version> {
    let mut bases = base_articles();
    bases.push(("synthetic", synthetic_article(1_500, 7)));
    let mut versions = Vec::new();
    for (b, (name, text)) in bases.iter().enumerate() {
        for v in 0..versions_per_article {
            let mut rng = Rng::new((b * 1_000 + v) as u64 + 1);
            let spans = random_spans(text, 25, &mut rng);
            let edit_count = 1 + rng.below(6);
            let Edited { text: new, truths, edits } = edit(text, &spans, edit_count, &mut rng);
            let cases = spans.into_iter().zip(truths).map(|(old, truth)| Case { old, truth }).collect();
            versions.push(Version { name: format!("{name} #{v}"), old: text.clone(), new, cases, edits });
        }
    }
    versions
}

/// Word ranges (start, end) of the sentences and paragraphs of a text, in code points.
struct Layout {
    chars: Vec<char>,
    words: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
    paragraphs: Vec<(usize, usize)>,
}

impl Layout {
    fn of(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            words.push((start, i));
        }
        let ends_sentence = |(s, e): (usize, usize)| {
            let word: String = chars[s..e].iter().collect();
            let word = word.trim_end_matches(['"', '”', '’', ')']);
            (word.ends_with('.') || word.ends_with('?') || word.ends_with('!')) && !word.ends_with("U.S.")
        };
        let mut sentences = Vec::new();
        let mut paragraphs = Vec::new();
        let (mut sentence_start, mut paragraph_start) = (None, None);
        for (k, &(s, e)) in words.iter().enumerate() {
            sentence_start.get_or_insert(s);
            paragraph_start.get_or_insert(s);
            let next = words.get(k + 1).map(|w| w.0);
            let paragraph_ends = next.is_none_or(|n| chars[e..n].iter().filter(|&&c| c == '\n').count() >= 2);
            if ends_sentence((s, e)) || paragraph_ends {
                sentences.push((sentence_start.take().unwrap(), e));
            }
            if paragraph_ends {
                paragraphs.push((paragraph_start.take().unwrap(), e));
            }
        }
        Layout { chars, words, sentences, paragraphs }
    }

    /// A word without the punctuation around it, where annotations may begin or end.
    fn core(&self, (mut s, mut e): (usize, usize)) -> (usize, usize) {
        while s < e && !self.chars[s].is_alphanumeric() {
            s += 1;
        }
        while e > s && !self.chars[e - 1].is_alphanumeric() {
            e -= 1;
        }
        (s, e)
    }

    fn words_in(&self, (start, end): (usize, usize)) -> Vec<(usize, usize)> {
        self.words.iter().copied().filter(|&(s, e)| s >= start && e <= end).collect()
    }
}

/// `count` distinct annotations: whole sentences, phrases and single words, each inside one
/// sentence, as people mark them.
pub fn random_spans(text: &str, count: usize, rng: &mut Rng) -> Vec<(usize, usize)> {
    let layout = Layout::of(text);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for _ in 0..count * 4 {
        if spans.len() == count {
            break;
        }
        let sentence = *rng.pick(&layout.sentences);
        let words = layout.words_in(sentence);
        let span = match rng.below(10) {
            0..=2 => sentence,
            3 => {
                let (s, mut e) = *rng.pick(&words);
                while e > s + 1 && !layout.chars[e - 1].is_alphanumeric() {
                    e -= 1;
                }
                (s, e)
            }
            _ => {
                let length = 2 + rng.below(10.min(words.len()).max(1));
                let first = rng.below(words.len().saturating_sub(length).max(1));
                let last = (first + length - 1).min(words.len() - 1);
                (words[first].0, words[last].1)
            }
        };
        if !spans.contains(&span) {
            spans.push(span);
        }
    }
    spans
}

/// An evolving text and the true places of the annotations in it.
struct Editing {
    chars: Vec<char>,
    spans: Vec<Option<(usize, usize)>>,
}

impl Editing {
    /// Replaces `a..b` by `with`; a span keeps to its text, and one whose text is all gone
    /// has no place left.
    fn replace(&mut self, a: usize, b: usize, with: &str) {
        let inserted: Vec<char> = with.chars().collect();
        let delta = inserted.len() as isize - (b - a) as isize;
        let shift = |x: usize| (x as isize + delta) as usize;
        for span in self.spans.iter_mut() {
            if let Some((s, e)) = *span {
                let s2 = if s >= b {
                    shift(s)
                } else if s <= a {
                    s
                } else {
                    a + inserted.len()
                };
                let e2 = if e <= a {
                    e
                } else if e >= b {
                    shift(e)
                } else {
                    a
                };
                *span = (s2 < e2).then_some((s2, e2));
            }
        }
        self.chars.splice(a..b, inserted);
    }

    /// Moves `a..b` so that it starts at `to` (outside `a..b`), carrying the spans inside it.
    fn move_range(&mut self, a: usize, b: usize, to: usize) {
        let moved: Vec<char> = self.chars[a..b].to_vec();
        let length = b - a;
        let destination = if to > b { to - length } else { to };
        let inside: Vec<usize> =
            (0..self.spans.len()).filter(|&k| self.spans[k].is_some_and(|(s, e)| s >= a && e <= b)).collect();
        let saved: Vec<(usize, usize)> = inside.iter().map(|&k| self.spans[k].unwrap()).collect();
        for &k in &inside {
            self.spans[k] = None;
        }
        self.replace(a, b, "");
        let text: String = moved.iter().collect();
        self.replace(destination, destination, &text);
        for (&k, (s, e)) in inside.iter().zip(saved) {
            self.spans[k] = Some((s - a + destination, e - a + destination));
        }
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

const INSERTED_SENTENCES: [&str; 6] = [
    "This article has been updated with a statement from the ministry.",
    "The figures could not be independently verified.",
    "Officials did not respond to a request for comment on Friday.",
    "Correction: an earlier version misstated the date of the meeting.",
    "Émile Durand contributed reporting from Marseille.",
    "The company’s shares fell 2 percent in early trading.",
];

const REPLACEMENT_WORDS: [&str; 8] =
    ["Wednesday", "several", "nearly", "forty", "officials", "2025", "Mr.", "regional"];

/// An edited text, the annotations' true places in it, and the names of the edits made.
pub struct Edited {
    pub text: String,
    pub truths: Vec<Option<(usize, usize)>>,
    pub edits: Vec<&'static str>,
}

/// Applies `count` edits chosen at random; returns the new text, the spans' true places and
/// the names of the edits made.
pub fn edit(text: &str, spans: &[(usize, usize)], count: usize, rng: &mut Rng) -> Edited {
    let mut editing = Editing { chars: text.chars().collect(), spans: spans.iter().copied().map(Some).collect() };
    let mut names = Vec::new();
    for _ in 0..count {
        let layout = Layout::of(&editing.text());
        let name = match rng.below(8) {
            0 | 1 => {
                // A typo fixed (or made): two letters inside a word swapped.
                let long: Vec<_> = layout.words.iter().map(|&w| layout.core(w)).filter(|&(s, e)| e - s >= 5).collect();
                let (s, e) = *rng.pick(&long);
                let i = s + 1 + rng.below(e - s - 3);
                let swapped: String = [layout.chars[i + 1], layout.chars[i]].iter().collect();
                editing.replace(i, i + 2, &swapped);
                "typo"
            }
            2 => {
                let (s, e) = layout.core(*rng.pick(&layout.words[1..]));
                let word = *rng.pick(&REPLACEMENT_WORDS);
                editing.replace(s, e, word);
                "word changed"
            }
            3 => {
                let (s, _) = *rng.pick(&layout.sentences[1..]);
                let sentence = *rng.pick(&INSERTED_SENTENCES);
                editing.replace(s, s, &format!("{sentence} "));
                "sentence inserted"
            }
            4 => {
                let (s, e) = *rng.pick(&layout.sentences[1..]);
                let e = if layout.chars.get(e) == Some(&' ') { e + 1 } else { e };
                editing.replace(s, e, "");
                "sentence deleted"
            }
            5 => {
                // Reflowed: a paragraph hard-wrapped at 60 columns, or lines joined again.
                let (s, e) = *rng.pick(&layout.paragraphs);
                let mut column = 0;
                for i in s..e {
                    let c = editing.chars[i];
                    if c == '\n' {
                        editing.replace(i, i + 1, " ");
                    } else if c == ' ' && column > 60 {
                        editing.replace(i, i + 1, "\n");
                        column = 0;
                    }
                    column += 1;
                }
                "reflowed"
            }
            6 if layout.paragraphs.len() > 3 => {
                // Any paragraph but the title and the last (which has no break after it).
                let p = 1 + rng.below(layout.paragraphs.len() - 2);
                let (s, _) = layout.paragraphs[p];
                let end = layout.paragraphs[p + 1].0;
                let mut to = p;
                while to == p || to == p + 1 {
                    to = 1 + rng.below(layout.paragraphs.len());
                }
                let destination = layout.paragraphs.get(to).map_or(layout.chars.len(), |n| n.0);
                if destination == layout.chars.len() {
                    editing.replace(destination, destination, "\n\n");
                    editing.move_range(s, end, destination + 2);
                    let last = editing.chars.len();
                    editing.replace(last - 2, last, "");
                } else {
                    editing.move_range(s, end, destination);
                }
                "paragraph moved"
            }
            _ => {
                // Straight quotes made typographic.
                for i in 0..editing.chars.len() {
                    if editing.chars[i] == '"' {
                        let opening = i == 0 || editing.chars[i - 1].is_whitespace();
                        editing.replace(i, i + 1, if opening { "“" } else { "”" });
                    } else if editing.chars[i] == '\'' {
                        editing.replace(i, i + 1, "’");
                    }
                }
                "quotes curled"
            }
        };
        names.push(name);
    }
    Edited { text: editing.text(), truths: editing.spans, edits: names }
}

const NAMES: [&str; 10] = [
    "Ana Souza",
    "Zoë Lambert",
    "Łukasz Nowicki",
    "Ayşe Demir",
    "Nguyễn Thị Lan",
    "محمد العلي",
    "Kwame Mensah",
    "Søren Dahl",
    "Priya Raman",
    "José Ibáñez",
];
const PLACES: [&str; 8] = ["Kraków", "Lagos", "São Paulo", "Hanoi", "İzmir", "Aarhus", "Accra", "Montréal"];
const BODIES: [&str; 6] =
    ["the ministry", "the city council", "the port authority", "the water company", "the regulator", "the court"];
const CUES: [&str; 6] = ["said", "told reporters", "said in a statement", "confirmed", "denied", "wrote"];
const SOURCES: [&str; 5] =
    ["a senior official", "two people familiar with the matter", "a spokesperson", "the official", "one adviser"];
const TOPICS: [&str; 8] = [
    "the budget for next year",
    "repairs to the bridge",
    "the delayed election",
    "prices at the port",
    "the new water tariff",
    "flooding in the old town",
    "the hospital contract",
    "a shortage of teachers",
];

/// A deterministic news-like article of about `words` words, with non-ASCII names and places,
/// many similar sentences (the hard case for finding a passage by its quote), and paragraphs.
pub fn synthetic_article(words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::from("Officials weigh the cost of the long winter\n\n");
    let mut count = 7;
    let mut sentences_in_paragraph = 0;
    while count < words {
        let sentence = match rng.below(5) {
            0 => format!(
                "{} {} that {} in {} would cost {} million.",
                rng.pick(&NAMES),
                rng.pick(&CUES),
                rng.pick(&TOPICS),
                rng.pick(&PLACES),
                10 + rng.below(990)
            ),
            1 => format!(
                "According to {}, {} had been discussed {} times since {}.",
                rng.pick(&BODIES),
                rng.pick(&TOPICS),
                2 + rng.below(40),
                2000 + rng.below(26)
            ),
            2 => format!(
                "\"We did not expect {},\" {} {}, who was not authorized to speak publicly.",
                rng.pick(&TOPICS),
                rng.pick(&SOURCES),
                rng.pick(&CUES)
            ),
            3 => format!(
                "In {}, {} {} on {} that {} was {} percent over plan.",
                rng.pick(&PLACES),
                rng.pick(&BODIES),
                rng.pick(&CUES),
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][rng.below(5)],
                rng.pick(&TOPICS),
                1 + rng.below(60)
            ),
            _ => format!(
                "{} and {} met {} in {} to discuss {}.",
                rng.pick(&NAMES),
                rng.pick(&NAMES),
                rng.pick(&SOURCES),
                rng.pick(&PLACES),
                rng.pick(&TOPICS)
            ),
        };
        count += sentence.split_whitespace().count();
        text.push_str(&sentence);
        sentences_in_paragraph += 1;
        if sentences_in_paragraph >= 2 + rng.below(4) {
            text.push_str("\n\n");
            sentences_in_paragraph = 0;
        } else {
            text.push(' ');
        }
    }
    text.trim_end().to_string()
}
