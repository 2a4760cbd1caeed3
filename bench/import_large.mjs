// How long importing takes in headless Chromium against the release build, and how long the
// page is frozen meanwhile, from the file chosen until the import is stored in the database:
//  - the 10 MB export (32 articles, 16,000 annotations);
//  - re-anchoring: an export of an article this browser has in another version (a paragraph
//    added at the top, a sentence reworded), with 1,000 annotations placed again by their quotes.
// For each it prints the longest main-thread task (the Long Tasks API reports those over 50 ms:
// 0 means none) and the slowest answer to a key press made every 50 ms meanwhile (the Event
// Timing API, from the key's arrival to the next paint; under 16 ms is not reported: 0); and
// after the 10 MB import, the longest task of the first passage marked and stored afterwards
// (a tab that read its own import back from the database's changes feed froze there).
// Run `trunk build --release` first, then:
//
//   node bench/import_large.mjs [megabytes=10] [runs=3]
//
// The baseline, in the same page and run, is the browser's own JSON.parse of the same file:
// no importer that parses on the main thread can take less.

import { createHash } from 'node:crypto';
import { App, keyAnswersReported, largeExport, launchBrowser, startServer } from '../tests/e2e/harness.mjs';
import { article } from './peers/corpus.mjs';

const megabytes = Number(process.argv[2] ?? 10);
const runs = Number(process.argv[3] ?? 3);
const large = largeExport(megabytes);
const [before, edited] = editedVersions();
const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

/** Two exports of one article: its text, then an edited version with 1,000 annotations. */
function editedVersions() {
  const text = article(20_000);
  const changed = `Update: this story was corrected.\n\n${text.replace(' would cost ', ' would now cost ')}`;
  const chars = Array.from(changed);
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const kinds = ['claim', 'source', 'anonymous_attribution'];
  const annotations = Array.from({ length: 1000 }, (_, j) => {
    const start = 40 + (next() % (chars.length - 120));
    const end = start + 20 + (next() % 40);
    const slice = (a, b) => chars.slice(a, b).join('');
    return {
      id: `moved-${j}`, kind: kinds[j % 3], start, end,
      quote: { exact: slice(start, end), prefix: slice(start - 32, start), suffix: slice(end, end + 32) },
      note: '', created: '2026-11-25T00:00:00.000Z', modified: '2026-11-25T00:00:00.000Z',
    };
  });
  const exported = (body, list) => JSON.stringify({
    format: 'article-annotator/export', version: 2, exported: '2026-11-25T00:00:00.000Z',
    app: { name: 'Article Annotator', version: 'bench' },
    articles: [{
      id: 'edited', title: 'An edited article', source_url: '', published: '', added: '2026-11-25T00:00:00.000Z',
      text: body, text_sha256: createHash('sha256').update(body, 'utf8').digest('hex'), annotations: list,
    }],
  });
  return [exported(text, []), exported(changed, annotations)];
}

/** Imports `file` through the file input as a user's choice would; the import's figures. */
async function timeImport(page, name, file) {
  await page.route(`**/${name}`, (route) => route.fulfill({ body: file, contentType: 'application/json' }));
  // The file is made in the page beforehand and handed to the app's file input, so that the
  // test driver's own file transfer is not timed.
  await page.evaluate(async (name) => {
    const blob = await (await fetch(`/${name}`)).blob();
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], name, { type: 'application/json' }));
    document.querySelector('input[type=file]').files = transfer.files;
    await new Promise((resolve) => setTimeout(resolve, 300));
    window.__longTasks.length = 0;
    window.__keys.length = 0;
    performance.clearMeasures('aa-write');
  }, name);
  await page.locator('#article-text').focus();
  const started = await page.evaluate(() => {
    window.__started = performance.now();
    document.querySelector('input[type=file]').dispatchEvent(new Event('change', { bubbles: true }));
    return window.__started;
  });
  // Keys pressed while it imports and stores: each must be answered.
  let pressing = true;
  const presses = (async () => {
    while (pressing) {
      await page.keyboard.press('ArrowRight');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const shown = await page.waitForFunction((name) => {
    const text = document.querySelector('[role=status] p')?.textContent ?? '';
    return new RegExp(`^(Imported “${name}”|“${name}” was not imported)`).test(text) && [text, performance.now()];
  }, name, { timeout: 60000, polling: 5 }).then((handle) => handle.jsonValue());
  // Stored: the write that follows the message has ended.
  await page.waitForFunction(() => performance.getEntriesByName('aa-write').length > 0, null, { timeout: 60000 });
  const stored = await page.evaluate(() => performance.getEntriesByName('aa-write').at(-1))
    .then((m) => m.startTime + m.duration);
  await page.waitForTimeout(300);
  pressing = false;
  await presses;
  await keyAnswersReported(page);
  const [longest, keys] = await page.evaluate(() => [Math.max(0, ...window.__longTasks), window.__keys]);
  return { message: shown[0], shown: shown[1] - started, stored: stored - started, longest, key: Math.max(0, ...keys), keys };
}

async function openPage() {
  // No service worker: its install downloads the app a second time while this is timed.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    window.__keys = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'keydown') window.__keys.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
  return { context, page };
}

function report(title, results, parses) {
  console.log(`${title} (${runs} runs, median ms, min-max):`);
  console.log(`  file chosen -> message shown: ${median(results.map((r) => r.shown)).toFixed(0)} (${spread(results.map((r) => r.shown))})`);
  console.log(`  file chosen -> stored: ${median(results.map((r) => r.stored)).toFixed(0)} (${spread(results.map((r) => r.stored))})`);
  const longest = results.map((r) => r.longest);
  console.log(`  longest main-thread task (0: none over 50): ${median(longest).toFixed(0)} (${spread(longest)})`);
  const keys = results.map((r) => r.key);
  const pressed = results.map((r) => r.keys.length);
  console.log(`  slowest key press answered (0: all under 16): ${median(keys).toFixed(0)} (${spread(keys)}), ${spread(pressed)} answers over 16 ms a run`);
  console.log(`  baseline, JSON.parse of the same file: ${median(parses).toFixed(0)} (${spread(parses)}); ` +
    `message after ${(median(results.map((r) => r.shown)) / median(parses)).toFixed(1)}x, longest task ${(median(longest) / median(parses)).toFixed(1)}x`);
}

try {
  const cases = { large: [], reanchor: [] };
  const parses = { large: [], reanchor: [] };
  for (let run = 0; run < runs; run += 1) {
    const { context, page } = await openPage();
    const result = await timeImport(page, 'large.json', large);
    if (run === 0) console.log(`message: ${result.message.slice(0, 160)}`);
    // The first edit after the import, and its save.
    await page.evaluate(() => { window.__longTasks.length = 0; });
    await new App(page).mark('a U.S. official said', 'anonymous_attribution', { saved: false });
    await page.waitForTimeout(2000);
    result.edit = await page.evaluate(() => Math.max(0, ...window.__longTasks));
    cases.large.push(result);
    parses.large.push(await page.evaluate((text) => {
      const t0 = performance.now();
      JSON.parse(text);
      return performance.now() - t0;
    }, large));
    await context.close();

    const second = await openPage();
    await timeImport(second.page, 'before.json', before);
    const moved = await timeImport(second.page, 'edited.json', edited);
    if (run === 0) console.log(`message: ${moved.message.slice(0, 200)}`);
    if (!/placed again/.test(moved.message)) throw new Error(`nothing was re-anchored: ${moved.message}`);
    cases.reanchor.push(moved);
    parses.reanchor.push(await second.page.evaluate((text) => {
      const t0 = performance.now();
      JSON.parse(text);
      return performance.now() - t0;
    }, edited));
    // The observers themselves: a 120 ms busy task must show up, or the figures mean nothing.
    await second.page.evaluate(() => setTimeout(() => { const t = performance.now(); while (performance.now() - t < 120); }, 0));
    await second.page.waitForFunction(() => Math.max(0, ...window.__longTasks) >= 100, null, { timeout: 5000 });
    await second.context.close();
  }
  report(`Importing ${(large.length / 1e6).toFixed(1)} MB`, cases.large, parses.large);
  const edits = cases.large.map((r) => r.edit);
  console.log(`  then marking a passage: longest task (0: none over 50) ${median(edits).toFixed(0)} (${spread(edits)})`);
  report(`Re-anchoring 1,000 annotations on import (${(edited.length / 1e6).toFixed(1)} MB)`, cases.reanchor, parses.reanchor);
} finally {
  await browser.close();
  await server.close();
}
