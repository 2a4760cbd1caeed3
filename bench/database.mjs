// The library in the browser's database (issue 19): opening, and saving one change, with 10,000
// annotations in one article and with a library of about 200 MB (40 articles of 500,000
// characters with 5,000 annotations each, every annotation with a note); with 10,000, also how
// soon another tab of the same library shows a change. Release build, headless Chromium. The
// baseline, measured in the same page and run: one bare PouchDB `put` of a small document into
// the same database (what any save through PouchDB costs at least).
//
//   node bench/database.mjs [changes=5] [--small]
//
// --small runs only the 10,000-annotation library. How to read it: bench/README.md.

import { App, KINDS, launchBrowser, startServer } from '../tests/e2e/harness.mjs';
import { LARGE_FIRST_SENTENCE, largeTitle, nextSpan, seedLargeLibrary } from '../tests/e2e/large_library.mjs';

const args = process.argv.slice(2);
const changes = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const small = args.includes('--small');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const stat = (xs) => `${fmt(median(xs))} ms (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;

/** Opens the app on `url` in a fresh context, seeds it, and measures opening and changes. */
async function measure(browser, url, library) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  const app = new App(page);
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const seedStarted = Date.now();
  const bytes = await page.evaluate(seedLargeLibrary, library);
  const seeded = (Date.now() - seedStarted) / 1000;

  // Opening: from navigation to the open article's heading, with the read itself ("aa-load").
  const opened = Date.now();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: largeTitle(library.articles - 1) }).waitFor({ timeout: 600_000 });
  const open = Date.now() - opened;
  const load = await page.evaluate(() => performance.getEntriesByName('aa-load', 'measure').at(-1)?.duration);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);

  // One change at a time: a passage marked, saved before the next. Nothing polls the page
  // while the change is saved (Playwright's waits poll every frame, and that work would delay
  // the database's answer): a PerformanceObserver in the page says when the write ended.
  const writes = [];
  const diffs = [];
  const puts = [];
  for (let i = 0; i < changes; i += 1) {
    const words = ['The first', 'sentence', 'of a', 'large', 'article'];
    await app.select(words[i % words.length], { text: LARGE_FIRST_SENTENCE });
    const written = await nextSpan(page, 'aa-write');
    const { label } = KINDS[['claim', 'source', 'anonymous_attribution'][i % 3]];
    await app.toolbar().getByRole('button', { name: label, exact: true }).click();
    writes.push((await written()).duration);
    diffs.push(await page.evaluate(() => performance.getEntriesByName('aa-save', 'measure').at(-1).duration));
    // The panel follows once the save is done and the page idle: let it, before the next.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));
    // The baseline: one bare put of a small document, in the same page and database, once the
    // page is as idle as it was when the change was saved.
    puts.push(await page.evaluate(async (i) => {
      const db = new PouchDB('bench-baseline');
      const t = performance.now();
      await db.put({ _id: `bench-baseline-${i}`, type: 'baseline', v: 1, note: 'x'.repeat(120) });
      return performance.now() - t;
    }, i));
  }
  // Another tab of the same library: from the click on "Claim" here until the change is
  // taken in there ("aa-take-in": the changes feed's document applied to its library, which
  // the next frame paints); both clocks are the machine's (timeOrigin + now).
  const tabToTab = [];
  if (library.articles === 1) {
    const other = await context.newPage();
    await other.goto(url);
    await other.getByRole('heading', { level: 1, name: largeTitle(library.articles - 1) }).waitFor({ timeout: 600_000 });
    await other.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));
    // The user works in the tab in front. (A tab behind it gets one frame a second in
    // Chromium, so it would save only that late.)
    await page.bringToFront();
    for (let i = 0; i < changes; i += 1) {
      // Each a passage not marked yet as that kind: marking one again changes nothing.
      const passages = ['The first sentence', 'first sentence of', 'sentence of a', 'of a large', 'a large article'];
      await app.select(passages[i % passages.length], { text: LARGE_FIRST_SENTENCE });
      const kind = ['claim', 'source', 'anonymous_attribution'][Math.floor(i / passages.length) % 3];
      const takenIn = await nextSpan(other, 'aa-take-in', 10_000);
      const clicked = await page.evaluate(() => performance.timeOrigin + performance.now());
      await app.toolbar().getByRole('button', { name: KINDS[kind].label, exact: true }).click();
      tabToTab.push(((await takenIn()) ?? { end: NaN }).end - clicked);
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));
    }
  }
  await context.close();
  return { bytes, seeded, open, load, usage, writes, diffs, puts, tabToTab };
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const cases = [['10,000 annotations (one article of 500,000 characters)', { articles: 1, chars: 500_000, annotations: 10_000, noteChars: 60 }]];
  if (!small) cases.push(['about 200 MB (40 articles x 500,000 characters x 5,000 annotations)', { articles: 40, chars: 500_000, annotations: 5_000, noteChars: 900 }]);
  const results = [];
  for (const [name, library] of cases) {
    const r = await measure(browser, server.url, library);
    results.push(r);
    console.log(`\n## ${name}`);
    console.log(`- documents: ${(r.bytes / 1e6).toFixed(1)} MB of JSON (seeded in ${r.seeded.toFixed(0)} s); storage used ${(r.usage / 1e6).toFixed(1)} MB`);
    console.log(`- open: ${r.open} ms from reload to the heading; reading the database ("aa-load") ${fmt(r.load ?? NaN)} ms`);
    const saves = r.writes.map((w, i) => w + r.diffs[i]);
    console.log(`- save one change, in all: ${stat(saves)}, of which`);
    console.log(`  - working out what to write ("aa-save", once the page is idle after the change): ${stat(r.diffs)}`);
    console.log(`  - writing it ("aa-write", the database's bulkDocs until it answers): ${stat(r.writes)}`);
    console.log(`- baseline, one bare PouchDB put in the same page: ${stat(r.puts)}; save / put = ${(median(saves) / median(r.puts)).toFixed(2)}x`);
    if (r.tabToTab.length) console.log(`- another tab of the same library, from the click until it took the change in: ${stat(r.tabToTab.filter((t) => !Number.isNaN(t)))}, ${r.tabToTab.filter((t) => Number.isNaN(t)).length} of ${r.tabToTab.length} not within 10 s`);
  }
  if (results.length === 2) {
    const save = (r) => median(r.writes.map((w, i) => w + r.diffs[i]));
    console.log(`\nsave of one change, 200 MB library / 10,000 annotations: ${(save(results[1]) / save(results[0])).toFixed(2)}x`);
  }
} finally {
  await browser.close();
  await server.close();
}
