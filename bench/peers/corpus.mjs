// The benchmark corpus: a 100,000-word-scale news-like article and overlapping annotations on
// it, deterministic so that every tool (ours, the floor, the peers) is measured on the same
// text and ranges. The long-article end-to-end test uses it too.
//
// Offsets in the annotations are Unicode code points, as in the app's library format; pages
// that work in UTF-16 (the DOM) must convert them.

export const KINDS = ['claim', 'source', 'anonymous_attribution'];

/** A deterministic random source. */
export function random(seed) {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

/** A news-like article of `words` words with non-ASCII names and places, in paragraphs. */
export function article(words) {
  const next = random(11);
  const names = ['Zoë Lambert', 'Łukasz Nowicki', 'Ayşe Demir', 'Nguyễn Thị Lan', 'محمد العلي', 'Kwame Mensah', 'José Ibáñez'];
  const places = ['Kraków', 'São Paulo', 'İzmir', 'Montréal', 'Hanoi', 'Accra'];
  const verbs = ['said', 'told reporters', 'wrote', 'confirmed', 'denied'];
  const topics = ['the budget', 'repairs to the bridge', 'the port tariff', 'the hospital contract', 'flooding in the old town'];
  const paragraphs = [];
  let count = 0;
  while (count < words) {
    const sentences = [];
    for (let s = 0; s < 3 + next(3); s += 1) {
      const sentence = `${names[next(names.length)]} ${verbs[next(verbs.length)]} that ${topics[next(topics.length)]} in ${places[next(places.length)]} would cost ${10 + next(990)} million.`;
      sentences.push(sentence);
      count += sentence.split(' ').length;
    }
    paragraphs.push(sentences.join(' '));
  }
  return `A long report on the cost of the winter\n\n${paragraphs.join('\n\n')}`;
}

/** `n` overlapping annotations of all three kinds, at word boundaries. */
export function annotations(text, n) {
  const next = random(7);
  const chars = [...text];
  return Array.from({ length: n }, (_, i) => {
    let start = next(chars.length - 200);
    while (start > 0 && chars[start - 1] !== ' ') start -= 1;
    let end = start + 10 + next(120);
    while (end < chars.length && chars[end] !== ' ' && chars[end] !== '\n') end += 1;
    return {
      id: `p${i}`, kind: KINDS[i % 3], start, end, note: '',
      created: '2026-11-25T00:00:00.000Z', modified: '2026-11-25T00:00:00.000Z',
    };
  });
}

/**
 * The stored library (the app's localStorage value) holding `text` and `list`, with what a
 * fact-check session adds: every claim linked to the annotation after it, a note on every
 * tenth annotation, and a verdict on every fifth claim.
 */
export function library(text, list) {
  const links = [];
  const verdicts = [];
  list.forEach((a, i) => {
    if (a.kind !== 'claim') return;
    if (i + 1 < list.length) links.push({ claim: a.id, source: list[i + 1].id });
    if (i % 5 === 0) verdicts.push({ claim: a.id, rating: 'Mostly true', status: 'checked', evidence: [], reasoning: '' });
  });
  const annotations = list.map((a, i) => (i % 10 === 0 ? { ...a, note: `Checked against the minutes, item ${i}; see Ayşe’s notes.` } : a));
  return JSON.stringify({
    format: 'article-annotator/library', version: 4, current: 'bench',
    articles: [{ id: 'bench', title: 'Benchmark', text, added: '2026-11-25T00:00:00.000Z', leftovers_reviewed: true, annotations, links, verdicts }],
  });
}
