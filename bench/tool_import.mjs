// Importing 10,000 annotations from other tools in headless Chromium against the release
// build: a doccano JSONL file (one article of 100,000 words, 10,000 labelled spans), then, with
// that article opened, a Hypothesis export of 10,000 annotations of it (placed by quote and
// context). For
// each it prints the time from "Import" in the mapping dialog to the message, and the longest
// main-thread task meanwhile (Long Tasks API: only tasks over 50 ms are reported, 0 means none),
// against the browser's own JSON.parse of the same file in the same page and run.
// Run `trunk build --release` first, then:
//
//   node bench/tool_import.mjs [runs=3]

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

/** Chooses `file` in the Import input, waits for the dialog, then times its Import. */
async function timeImport(page, name, file) {
  await page.route(`**/${name}`, (route) => route.fulfill({ body: file, contentType: 'application/octet-stream' }));
  const parse = await page.evaluate(async (name) => {
    const blob = await (await fetch(`/${name}`)).blob();
    const raw = await blob.text();
    const t = performance.now();
    for (const line of raw.split('\n').filter(Boolean)) JSON.parse(line);
    const parsed = performance.now() - t;
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], name));
    const input = document.querySelector('input[type=file]');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return parsed;
  }, name);
  const dialog = page.getByRole('dialog', { name: 'Map labels to kinds' });
  await dialog.waitFor({ timeout: 60000 });
  await page.evaluate(() => { window.__longTasks.length = 0; });
  const started = await page.evaluate(() => performance.now());
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const shown = await page.waitForFunction((name) => {
    const text = document.querySelector('[role=status] p')?.textContent ?? '';
    return text.startsWith(`Imported “${name}”`) && [text, performance.now()];
  }, name, { timeout: 60000, polling: 5 }).then((h) => h.jsonValue());
  await page.waitForTimeout(500);
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  return { message: shown[0], shown: shown[1] - started, longest, parse };
}

try {
  const results = { doccano: [], hypothesis: [] };
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
        .observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
    results.doccano.push(await timeImport(page, 'long.jsonl', doccano));
    // The Hypothesis annotations go on the open article: the one just imported.
    const app = new App(page);
    await app.openLibrary();
    await app.libraryItem('A long article').getByRole('button', { name: 'Open' }).click();
    await app.expectHeading('A long article');
    results.hypothesis.push(await timeImport(page, 'long-hypothesis.json', hypothesis));
    if (run === 0) for (const r of [results.doccano[0], results.hypothesis[0]]) console.log(`  (${r.message.slice(0, 120)})`);
    await context.close();
  }
  for (const [name, list] of Object.entries(results)) {
    const shown = list.map((r) => r.shown);
    const longest = list.map((r) => r.longest);
    const parses = list.map((r) => r.parse);
    console.log(`${name}, 10,000 annotations (${runs} runs, median ms, min-max):`);
    console.log(`  Import -> message: ${median(shown).toFixed(0)} (${spread(shown)})`);
    console.log(`  longest main-thread task (0: none over 50): ${median(longest).toFixed(0)} (${spread(longest)})`);
    console.log(`  baseline, JSON.parse of the same file: ${median(parses).toFixed(1)} (${spread(parses)}); message after ${(median(shown) / median(parses)).toFixed(1)}x`);
  }
} finally {
  await browser.close();
  await server.close();
}
