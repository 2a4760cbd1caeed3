// Time from opening an article to its highlights painted, in headless Chromium against the
// release build, for 1,000 and 10,000 annotations on a 100,000-word article, against the floor
// measured in the same run: a hand-written page that paints the same ranges with the CSS Custom
// Highlight API and nothing else. Run `trunk build --release` first, then:
//
//   node bench/paint.mjs [runs=5]
//
// The first step of issue 7's benchmark: the peer (@recogito/text-annotator), the edit, save,
// load, memory, export and size figures are still to come.

import { LIBRARY_KEY, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const KINDS = ['claim', 'source', 'anonymous_attribution'];

/** A deterministic random source. */
function random(seed) {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

/** A news-like article of `words` words with non-ASCII names and places, in paragraphs. */
function article(words) {
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
function annotations(text, n) {
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

/** Ours: the app opened on a stored library; time from navigation to highlights painted. */
async function ours(browser, url, text, list) {
  const library = JSON.stringify({
    format: 'article-annotator/library', version: 4, current: 'bench',
    articles: [{ id: 'bench', title: 'Benchmark', text, added: '2026-11-25T00:00:00.000Z', leftovers_reviewed: true, annotations: list }],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(([key, value]) => {
    localStorage.setItem(key, value);
    // Polls from the first script on: the moment every highlight is registered, then a frame.
    const total = JSON.parse(value).articles[0].annotations.length;
    const check = () => {
      const size = ['aa-claim', 'aa-source', 'aa-anonymous'].reduce((n, k) => n + (globalThis.CSS?.highlights?.get(k)?.size ?? 0), 0);
      if (size === total) requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
      else setTimeout(check, 1);
    };
    check();
  }, [LIBRARY_KEY, library]);
  await page.goto(url);
  await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: 120000 });
  const painted = await page.evaluate(() => window.__painted);
  await context.close();
  return painted;
}

/** The floor: the same text and ranges painted with the Highlight API by a hand-written page. */
async function floor(browser, text, list) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('about:blank');
  const painted = await page.evaluate(async ([text, list]) => {
    const started = performance.now();
    const root = document.createElement('div');
    root.style.whiteSpace = 'pre-wrap';
    root.textContent = text;
    document.body.append(root);
    const node = root.firstChild;
    // Code points to UTF-16 offsets, as the app does.
    const units = [0];
    for (const c of text) units.push(units[units.length - 1] + c.length);
    const byKind = {};
    for (const a of list) {
      const range = new Range();
      range.setStart(node, units[a.start]);
      range.setEnd(node, units[a.end]);
      (byKind[a.kind] ??= []).push(range);
    }
    for (const [kind, ranges] of Object.entries(byKind)) CSS.highlights.set(`floor-${kind}`, new Highlight(...ranges));
    const style = document.createElement('style');
    style.textContent = '::highlight(floor-claim){background:#dbeafe}::highlight(floor-source){background:#dcfce7}::highlight(floor-anonymous_attribution){background:#ffedd5}';
    document.head.append(style);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  }, [text, list]);
  await context.close();
  return painted;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

const text = article(100_000);
const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`Article: ${text.split(/\s+/).length} words, ${[...text].length} characters; ${runs} runs each (median ms, min-max)`);
  for (const n of [1_000, 10_000]) {
    const list = annotations(text, n);
    const floors = [];
    const ourTimes = [];
    for (let run = 0; run < runs; run += 1) {
      floors.push(await floor(browser, text, list));
      ourTimes.push(await ours(browser, server.url, text, list));
    }
    console.log(`  ${n} annotations: floor (Highlight API page) ${median(floors).toFixed(0)} (${spread(floors)}); ` +
      `ours, from navigation ${median(ourTimes).toFixed(0)} (${spread(ourTimes)}); ratio ${(median(ourTimes) / median(floors)).toFixed(1)}x`);
  }
} finally {
  await browser.close();
  await server.close();
}
