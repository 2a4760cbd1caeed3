// Importing 10,000 annotations from other tools in headless Chromium against the release
// build: a doccano JSONL file, a brat pair (.ann and .txt) and a Label Studio export, each one
// article of 100,000 words with 10,000 labelled spans, then, with the doccano article opened, a
// Hypothesis export of 10,000 annotations of it (placed by quote and context). For each it
// prints the time from choosing the file to the mapping dialog (reading it), from "Import" in
// the dialog to the message, and the longest main-thread task from the file chosen to the
// message (Long Tasks API: only tasks over 50 ms are reported, 0 means none), against the
// browser's own JSON.parse of the same file in the same page and run.
// Run `trunk build --release` first, then:
//
//   node bench/tool_import.mjs [runs=3]

import { createHash } from 'node:crypto';

import { App, launchBrowser, normalizeText, startServer } from '../tests/e2e/harness.mjs';
import { article } from './peers/corpus.mjs';

const runs = Number(process.argv[2] ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

const text = normalizeText(article(100_000));
const chars = Array.from(text);
let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const labels = ['Claim', 'Source', 'Anonymous'];
const spans = Array.from({ length: 10_000 }, (_, j) => {
  const start = 40 + (next() % (chars.length - 200));
  return { start, end: start + 20 + (next() % 60), label: labels[j % 3] };
});
const slice = (a, b) => chars.slice(a, b).join('');
const doccano = `${JSON.stringify({ title: 'A long article', text, label: spans.map((s) => [s.start, s.end, s.label]) })}\n`;
// brat: a span across a line break is written as fragments, as brat writes it.
const fragments = (s) => {
  const cut = [];
  let from = s.start;
  for (let i = s.start; i < s.end; i += 1) {
    if (chars[i] === '\n') {
      if (from < i) cut.push([from, i]);
      from = i + 1;
    }
  }
  if (from < s.end) cut.push([from, s.end]);
  return cut.map(([a, b]) => `${a} ${b}`).join(';');
};
const bratAnn = spans.map((s, j) => `T${j + 1}\t${s.label} ${fragments(s)}\t${slice(s.start, s.end).replaceAll('\n', ' ')}\n`).join('');
// A desk moving in: 100 stories of the library (our export, 1,000 words each, each at its own
// address), and a Hypothesis export of 100 annotations on each.
const stories = Array.from({ length: 100 }, (_, n) => {
  const body = normalizeText(`Story ${n + 1}.\n\n${article(1_000)}`);
  return { n, url: `https://example.org/story-${n + 1}`, body, chars: Array.from(body) };
});
const desk = JSON.stringify({
  format: 'article-annotator/export', version: 6, exported: '2026-12-05T00:00:00Z',
  app: { name: 'Article Annotator', version: 'bench' },
  articles: stories.map((story) => ({
    id: `story-${story.n + 1}`, title: `Story ${story.n + 1}`, source_url: story.url, published: '', added: '2026-12-05T00:00:00Z',
    text: story.body, text_sha256: createHash('sha256').update(story.body, 'utf8').digest('hex'), annotations: [],
  })),
});
const deskHypothesis = JSON.stringify({
  export_date: '2026-12-05T00:00:00Z',
  annotations: stories.flatMap((story) => Array.from({ length: 100 }, (_, j) => {
    const start = 20 + (next() % (story.chars.length - 120));
    const end = start + 20 + (next() % 60);
    const cut = (a, b) => story.chars.slice(a, b).join('');
    return {
      id: `d${story.n}-${j}`, uri: story.url, text: '', tags: [labels[j % 3].toLowerCase()], user: 'acct:bench@hypothes.is',
      created: '2026-12-05T00:00:00Z',
      target: [{ source: story.url, selector: [
        { type: 'TextPositionSelector', start, end },
        { type: 'TextQuoteSelector', exact: cut(start, end), prefix: cut(start - 32, start), suffix: cut(end, end + 32) },
      ] }],
    };
  })),
});
const labelStudio = JSON.stringify([{
  id: 1,
  data: { text },
  annotations: [{ result: spans.map((s, j) => ({ id: `r${j}`, type: 'labels', from_name: 'label', to_name: 'text', value: { start: s.start, end: s.end, text: slice(s.start, s.end), labels: [s.label] } })) }],
}]);
const hypothesis = JSON.stringify({
  export_date: '2026-12-05T00:00:00Z',
  annotations: spans.map((s, j) => ({
    id: `h${j}`, uri: 'https://example.org/long', text: '', tags: [s.label.toLowerCase()], user: 'acct:bench@hypothes.is',
    created: '2026-12-05T00:00:00Z',
    target: [{ source: 'https://example.org/long', selector: [
      { type: 'TextPositionSelector', start: s.start, end: s.end },
      { type: 'TextQuoteSelector', exact: slice(s.start, s.end), prefix: slice(s.start - 32, s.start), suffix: slice(s.end, s.end + 32) },
    ] }],
  })),
});

const server = await startServer();
const browser = await launchBrowser();

/** Chooses `files` (name -> content; the first is parsed as JSON for the baseline) in the
 * Import input, waits for the dialog, then times its Import. */
async function timeImport(page, files) {
  const names = Object.keys(files);
  const name = names[0];
  for (const [file, body] of Object.entries(files)) {
    await page.route(`**/${file}`, (route) => route.fulfill({ body, contentType: 'application/octet-stream' }));
  }
  const parse = await page.evaluate(async ({ names, json }) => {
    const blobs = await Promise.all(names.map(async (name) => (await fetch(`/${name}`)).blob()));
    const raw = await blobs[0].text();
    const t = performance.now();
    // brat's .ann is not JSON: the baseline then parses a JSON string of the same size.
    for (const line of json ? raw.split('\n').filter(Boolean) : [JSON.stringify(raw)]) JSON.parse(line);
    const parsed = performance.now() - t;
    const transfer = new DataTransfer();
    names.forEach((name, i) => transfer.items.add(new File([blobs[i]], name)));
    const input = document.querySelector('input[type=file]');
    input.files = transfer.files;
    const chosen = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return { parsed, chosen };
  }, { names, json: !name.endsWith('.ann') });
  const dialog = page.getByRole('dialog', { name: 'Map labels to kinds' });
  const read = await page.waitForFunction(
    () => document.querySelector('dialog[open][aria-labelledby=map-labels-heading]') && performance.now(),
    null,
    { timeout: 60000, polling: 5 },
  ).then((h) => h.jsonValue()) - parse.chosen;
  await dialog.waitFor({ timeout: 60000 });
  // Clicked in the page: Playwright's own click first hit-tests the page (elementsFromPoint,
  // about 100 ms on a 100,000-word article), in the task the long-task observer then measures.
  const button = await dialog.getByRole('button', { name: 'Import', exact: true }).elementHandle();
  const started = await button.evaluate((b) => {
    const now = performance.now();
    b.click();
    return now;
  });
  const shown = await page.waitForFunction((name) => {
    const text = document.querySelector('[role=status] p')?.textContent ?? '';
    return text.startsWith(`Imported “${name}”`) && [text, performance.now()];
  }, name, { timeout: 60000, polling: 5 }).then((h) => h.jsonValue());
  await page.waitForTimeout(500);
  // By start time: the observer hears of a task some time after it ran, so one that ran before
  // the click (the summary's pass) may be delivered after it.
  const tasks = await page.evaluate(
    (chosen) => window.__longTasks.filter((t) => t.startTime >= chosen).map((t) => [t.startTime - chosen, t.duration]),
    parse.chosen,
  );
  const longest = Math.max(0, ...tasks.map(([, duration]) => duration));
  // BENCH_TASKS=1 lists each long task: when it started after the file was chosen, how long.
  if (process.env.BENCH_TASKS) console.log(`  ${name}: tasks ${JSON.stringify(tasks.map((t) => t.map(Math.round)))}, dialog at ${Math.round(read)}, Import at ${Math.round(started - parse.chosen)}`);
  return { message: shown[0], read, shown: shown[1] - started, longest, parse: parse.parsed };
}

try {
  const results = {
    doccano: [], brat: [], 'Label Studio': [],
    'Hypothesis, 100 pages of the library': [], 'Hypothesis, all on the open 100,000-word article': [],
  };
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries()))
        .observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
    results.doccano.push(await timeImport(page, { 'long.jsonl': doccano }));
    results.brat.push(await timeImport(page, { 'long.ann': bratAnn, 'long.txt': text }));
    results['Label Studio'].push(await timeImport(page, { 'long-label-studio.json': labelStudio }));
    // The desk's stories come in through our own import (not timed), and one is opened.
    await page.route('**/desk.json', (route) => route.fulfill({ body: desk, contentType: 'application/json' }));
    await page.evaluate(async () => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([await (await fetch('/desk.json')).blob()], 'desk.json'));
      const input = document.querySelector('input[type=file]');
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForFunction(() => (document.querySelector('[role=status] p')?.textContent ?? '').startsWith('Imported “desk.json”'), null, { timeout: 60000 });
    results['Hypothesis, 100 pages of the library'].push(await timeImport(page, { 'desk-hypothesis.json': deskHypothesis }));
    // The Hypothesis annotations go on the open article: the one just imported.
    const app = new App(page);
    await app.openLibrary();
    await app.libraryItem('A long article').getByRole('button', { name: 'Open' }).click();
    await app.expectHeading('A long article');
    // Opening the article has its own work (the summary's pass of the assistant over the text,
    // when the page is idle): the import is timed once it is done.
    await page.waitForFunction(() => /no reason for anonymity: \d/.test(document.body.textContent), null, { timeout: 60000 });
    results['Hypothesis, all on the open 100,000-word article'].push(await timeImport(page, { 'long-hypothesis.json': hypothesis }));
    if (run === 0) for (const list of Object.values(results)) console.log(`  (${list[0].message.slice(0, 120)})`);
    await context.close();
  }
  for (const [name, list] of Object.entries(results)) {
    const read = list.map((r) => r.read);
    const shown = list.map((r) => r.shown);
    const longest = list.map((r) => r.longest);
    const parses = list.map((r) => r.parse);
    console.log(`${name}, 10,000 annotations (${runs} runs, median ms, min-max):`);
    console.log(`  file chosen -> mapping dialog (reading it): ${median(read).toFixed(0)} (${spread(read)})`);
    console.log(`  Import -> message: ${median(shown).toFixed(0)} (${spread(shown)})`);
    console.log(`  longest main-thread task from the file chosen to the message (0: none over 50): ${median(longest).toFixed(0)} (${spread(longest)})`);
    console.log(`  baseline, JSON.parse of the same file: ${median(parses).toFixed(1)} (${spread(parses)}); message after ${(median(shown) / median(parses)).toFixed(1)}x`);
  }
} finally {
  await browser.close();
  await server.close();
}
