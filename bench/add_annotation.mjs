// How long marking one passage takes when the article already has many annotations, measured in
// headless Chromium against the release build (run `trunk build --release` first):
//
//   node bench/add_annotation.mjs [annotations=1000] [runs=9]
//
// The baseline is the same action on the same article with no annotations, in the same run;
// figures are the time from the click on "Claim" to the new highlight being registered, and to
// the next frame after it.

import { LIBRARY_KEY, SAMPLE_TEXT, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 9);
const KINDS = ['claim', 'source', 'anonymous_attribution'];

/** A library with the sample article and `n` annotations at deterministic, overlapping places. */
function library(n) {
  const chars = [...SAMPLE_TEXT];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const annotations = Array.from({ length: n }, (_, i) => {
    const start = next() % (chars.length - 40);
    return {
      id: `bench-${i}`, kind: KINDS[i % 3], start, end: start + 5 + (next() % 30),
      note: i % 4 ? '' : `note ${i}`, created: '2026-11-25T00:00:00.000Z', modified: '2026-11-25T00:00:00.000Z',
    };
  });
  const article = {
    id: 'bench', title: 'Benchmark', text: SAMPLE_TEXT, source_url: '', published: '',
    added: '2026-11-25T00:00:00.000Z', leftovers_reviewed: true, annotations,
  };
  return JSON.stringify({ format: 'article-annotator/library', version: 1, current: 'bench', articles: [article] });
}

async function measure(browser, url, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [LIBRARY_KEY, library(n)]);
  await page.goto(url);
  await page.waitForFunction((n) => {
    const sizes = ['aa-claim', 'aa-source', 'aa-anonymous'].map((k) => CSS.highlights.get(k)?.size ?? 0);
    return sizes.reduce((a, b) => a + b, 0) === n;
  }, n);
  const registered = [];
  const painted = [];
  for (let run = 0; run < runs; run += 1) {
    const [toRegister, toPaint] = await page.evaluate(async (run) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      // A different word of the first long paragraph each run, so that no mark repeats one.
      const root = document.getElementById('article-text');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode()) && !node.data.startsWith('The U.S. government')) {}
      const words = [...node.data.matchAll(/\w+/g)];
      const word = words[run % words.length];
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      await frame();
      const button = [...document.querySelectorAll('[role=toolbar] button')].find((b) => b.textContent.startsWith('Claim'));
      const before = CSS.highlights.get('aa-claim')?.size ?? 0;
      const start = performance.now();
      button.click();
      while ((CSS.highlights.get('aa-claim')?.size ?? 0) === before) await Promise.resolve().then(() => new Promise((r) => setTimeout(r, 0)));
      const registeredAt = performance.now();
      await frame();
      return [registeredAt - start, performance.now() - start];
    }, run);
    registered.push(toRegister);
    painted.push(toPaint);
  }
  await context.close();
  return { registered, painted };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const baseline = await measure(browser, server.url, 0);
  const loaded = await measure(browser, server.url, count);
  console.log(`Marking one passage, ${runs} runs each (median ms, min-max):`);
  for (const [label, key] of [['click -> highlight registered', 'registered'], ['click -> next frame', 'painted']]) {
    const b = median(baseline[key]);
    const l = median(loaded[key]);
    console.log(`  ${label}: 0 annotations ${b.toFixed(1)} (${spread(baseline[key])}); ` +
      `${count} annotations ${l.toFixed(1)} (${spread(loaded[key])}); ratio ${(l / b).toFixed(2)}x`);
  }
} finally {
  await browser.close();
  await server.close();
}
