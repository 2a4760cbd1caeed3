// Performance at scale (issues 7 and 21): the release build in headless Chromium on a typical
// news article (1,000 words, 30 annotations) and on 10,000- and 100,000-word articles with 100,
// 1,000 and 10,000 annotations, against two baselines measured in the same run: the floor (a
// hand-written page that paints the same ranges with the CSS Custom Highlight API and does
// nothing else) and a peer (@recogito/text-annotator from npm, in a page that reads the same
// text and annotations from IndexedDB). Each opens from navigation on a first visit (nothing
// cached) and a repeat visit (the same browser context again); for ours, the wasm, JS and CSS
// fetched before the first paint are counted. How to run it and read it: bench/README.md.
//
//   node bench/scale.mjs [runs=5] [--quick | --limits | --typical] [--dist DIR]
//
// --typical measures only the typical news article, with the floor and the peer, and without
// the database benchmark after it; --dist measures another build (another commit's dist/).
// The cases up to 10,000 words and 1,000 annotations run at least 25 times (SMALL_CASE_RUNS);
// every ratio to the floor and the peer is printed with its 95% interval from a paired
// bootstrap over the runs.
// The library is stored as a returning user's is: an earlier version's localStorage value that
// one visit of the app moved into its database. Unless --quick, the database benchmark follows
// (saving one change with 10,000 annotations and with a library of about 200 MB).
//
// --quick measures only the 100,000-word article with 10,000 annotations, without the peer.
// --limits measures an article at the app's limits (src/model/limits.rs): 1,000,000
// characters with 20,000 annotations once one is added, against the floor, without the peer.

import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { FIRST_PAINT_KEY, LIBRARY_KEY, distOf, launchBrowser, startServer } from '../tests/e2e/harness.mjs';
import { HASH } from '../scripts/post-build.mjs';
import { article, annotations, library } from './peers/corpus.mjs';
import { buildRecogito, recogitoAddOne, recogitoOpen } from './peers/recogito.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const limits = args.includes('--limits');
const typical = args.includes('--typical');
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const DIST = distOf(args);
const FLOOR_URL = 'http://floor.bench/';
// No service worker: its install downloads the app a second time while the figures are taken.
const VIEWPORT = { viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' };
const OUR_HIGHLIGHTS = ['aa-claim', 'aa-source', 'aa-anonymous'];

// ---- figures ----------------------------------------------------------------------------------

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** "median (min-max)" of a list of ms. */
const stat = (xs) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
const ratio = (ours, base) => `${(median(ours) / median(base)).toFixed(2)}x`;

/**
 * The 95% interval of the ratio of medians `ours` / `base`, by a paired bootstrap over the runs
 * (run i of both measured one after the other, so a slow spell of the machine stays paired):
 * how far the machine's noise alone could move the figure `ratio` prints.
 */
function interval(ours, base) {
  // mulberry32, seeded: the same runs print the same interval. Not the corpus's generator
  // (peers/corpus.mjs), an LCG whose low bits repeat in short cycles: 100,000 picks among 25
  // runs gave each 3,668-4,447 times by it, 3,910-4,103 by this one.
  let seed = 2026;
  const next = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
  const ratios = [];
  for (let draw = 0; draw < 2000; draw += 1) {
    const picked = ours.map(() => next(ours.length));
    ratios.push(median(picked.map((i) => ours[i])) / median(picked.map((i) => base[i])));
  }
  ratios.sort((a, b) => a - b);
  return `${ratios[Math.floor(ratios.length * 0.025)].toFixed(2)}-${ratios[Math.ceil(ratios.length * 0.975) - 1].toFixed(2)}`;
}
/** A ratio of medians with its interval. */
const ratioWithin = (ours, base) => `${ratio(ours, base)} (95% interval ${interval(ours, base)})`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Runs `measure` `count` times and collects each named figure it returns into a list. */
async function repeat(count, measure) {
  const all = {};
  for (let run = 0; run < count; run += 1) {
    for (const [name, value] of Object.entries(await measure())) (all[name] ??= []).push(value);
  }
  return all;
}

// ---- pages ------------------------------------------------------------------------------------

/**
 * Installed before the page's own scripts: polls from the first script on until the page has
 * registered the app's highlights (the app's own, or those of the article painted before the app
 * loaded, public/first-paint.js), then stamps the frame after. In the same task as the stamp,
 * before anything can replace what was painted, it notes what was registered (as offsets into
 * the text of #article-text) and which stretches of that text were on screen, for
 * `verifyPainted`: the check is untimed, but of what the stamped frame showed.
 */
function paintWatch(names) {
  addEventListener('TrunkApplicationStarted', (e) => { window.__memory = e.detail.wasm.memory; });
  // No other tab writes in the benchmark: a `storage` event here is the seeding's, come late.
  window.__storageEvents = 0;
  addEventListener('storage', () => { window.__storageEvents += 1; });
  const kindOf = { 'aa-claim': 'claim', 'aa-source': 'source', 'aa-anonymous': 'anonymous_attribution' };
  const note = () => {
    const root = document.getElementById('article-text');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const starts = new Map();
    const visible = [];
    let at = 0;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const length = [...node.data].length;
      starts.set(node, at);
      const range = new Range();
      range.selectNodeContents(node);
      if ([...range.getClientRects()].some((r) => r.width > 0 && r.bottom >= 0 && r.top <= innerHeight)) visible.push([at, at + length]);
      at += length;
    }
    const offset = (node, unit) => starts.get(node) + [...node.data.slice(0, unit)].length;
    const registered = [];
    for (const name of names) {
      for (const r of CSS.highlights.get(name) ?? []) {
        registered.push(`${kindOf[name]}:${offset(r.startContainer, r.startOffset)}:${offset(r.endContainer, r.endOffset)}`);
      }
    }
    return { registered, visible, firstPaint: document.querySelector('.first-paint') !== null };
  };
  // When the app itself is in the page (after the first paint, or as the first paint).
  new MutationObserver((changes, observer) => {
    if (changes.some((c) => [...c.addedNodes].some((n) => n.classList?.contains('app') && !n.classList.contains('first-paint')))) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  const check = () => {
    // The app registers its highlights, empty or not, in the same task as their ranges.
    if (names.every((name) => globalThis.CSS?.highlights?.has(name))) {
      requestAnimationFrame(() => {
        setTimeout(() => {
          window.__painted = performance.now();
          window.__paintCheck = note();
        }, 0);
      });
    } else {
      setTimeout(check, 1);
    }
  };
  check();
}

/**
 * Throws unless the highlights registered when the page was stamped painted include every
 * annotation with a part in a stretch of text then on screen, each at its exact place, and
 * resolves to how many were in view and how many registered, and whether the article painted
 * before the app loaded was what showed.
 */
async function verifyPainted(page, stored) {
  const check = await page.evaluate(() => window.__paintCheck);
  const registered = new Set(check.registered);
  // The library the page was given, not what storage holds now: a page that lost it fails.
  const list = JSON.parse(stored).articles[0].annotations;
  let inView = 0;
  const missing = [];
  for (const a of list) {
    if (!check.visible.some(([lo, hi]) => a.start < hi && a.end > lo)) continue;
    inView += 1;
    if (!registered.has(`${a.kind}:${a.start}:${a.end}`)) missing.push(a.id);
  }
  if (missing.length) throw new Error(`ours: ${missing.length} annotations in view were not painted, e.g. ${missing.slice(0, 5)}`);
  return { inView, registered: registered.size, firstPaint: check.firstPaint };
}

/**
 * The floor page: reads the same documents the app keeps (one IndexedDB record each, as
 * PouchDB keeps them) with one request, lays out the text and paints the annotations' ranges.
 */
const FLOOR_PAGE = `<!doctype html><meta charset="utf-8"><title>Floor</title>
<style>
#text { white-space: pre-wrap; max-width: 44rem; margin: 2rem auto; font: 17px/1.6 Georgia, serif }
::highlight(floor-claim) { background: #dbeafe } ::highlight(floor-source) { background: #dcfce7 }
::highlight(floor-anonymous_attribution) { background: #ffedd5 }
</style>
<div id="text"></div>
<script>
  const started = performance.now();
  indexedDB.open('floor').onsuccess = (event) => {
    event.target.result.transaction('docs').objectStore('docs').getAll().onsuccess = (read) => {
      window.__read = performance.now() - started;
      paint(read.target.result);
    };
  };
  function paint(docs) {
    const text = docs.find((d) => d.type === 'text').text;
    const annotations = docs.filter((d) => d.type === 'annotation');
    const root = document.getElementById('text');
    root.textContent = text;
    const node = root.firstChild;
    // Code points to UTF-16 offsets, as the app does.
    const units = [0];
    for (const c of text) units.push(units[units.length - 1] + c.length);
    const byKind = {};
    for (const a of annotations) {
      const range = new Range();
      range.setStart(node, units[a.start]);
      range.setEnd(node, units[a.end]);
      (byKind[a.kind] ??= []).push(range);
    }
    window.__highlights = {};
    for (const [kind, ranges] of Object.entries(byKind)) {
      const highlight = new Highlight(...ranges);
      window.__highlights[kind] = highlight;
      CSS.highlights.set('floor-' + kind, highlight);
    }
    window.__units = units;
    requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
  }
</script>`;

/**
 * Runs `work` in a blank page of `origin`, which `page` then leaves: the measured page starts
 * with nothing of the seeding in its heap. (A page of its own would not do: its writes may not
 * have reached another renderer when the measured page reads storage.)
 */
async function inBlankPage(page, origin, work, arg) {
  const blank = `${origin}__seed`;
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto(blank);
  const result = await page.evaluate(work, arg);
  // Writes are announced to the origin's other documents through the browser process; an
  // announcement still on its way would reach the measured page as another tab's change. The
  // seeding page only leaves once it has gone round.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 250)));
  await page.unroute(blank);
  return result;
}

/**
 * Ours: the library of an earlier version in localStorage, and one visit of the app, which
 * moves it into its database, as a returning user's would be. Returns the documents it wrote.
 */
async function seedOurs(page, url, stored) {
  await inBlankPage(page, url, ([key, value]) => localStorage.setItem(key, value), [LIBRARY_KEY, stored]);
  await page.goto(url);
  await page.waitForFunction((key) => localStorage.getItem(key) === null, LIBRARY_KEY, { timeout: 180_000 });
  // A returning user's last visit ended with the article shown, and its first paint kept.
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, FIRST_PAINT_KEY, { timeout: 180_000 });
  const docs = await page.evaluate(async () => {
    const { rows } = await new PouchDB('article-annotator').allDocs({ include_docs: true });
    return rows.map((row) => row.doc);
  });
  await inBlankPage(page, url, () => {});
  return docs;
}

/** The floor: the app's documents, one IndexedDB record each, in the floor's origin. */
async function seedFloor(page, docs) {
  await inBlankPage(page, FLOOR_URL, (docs) => new Promise((resolve, reject) => {
    const opening = indexedDB.open('floor');
    opening.onupgradeneeded = () => opening.result.createObjectStore('docs', { keyPath: '_id' });
    opening.onsuccess = () => {
      const transaction = opening.result.transaction('docs', 'readwrite');
      for (const doc of docs) transaction.objectStore('docs').put(doc);
      transaction.oncomplete = () => { opening.result.close(); resolve(); };
      transaction.onerror = () => reject(transaction.error);
    };
  }), docs);
}

/**
 * A fresh context on the app or the floor page, with the library stored. The app's documents
 * (its first visit's) are returned for the floor to read the same.
 */
async function open(browser, server, stored, which, docs) {
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = which === 'floor' ? FLOOR_URL : server.url;
  if (which === 'floor') {
    await context.route(FLOOR_URL, (route) => route.fulfill({ contentType: 'text/html', body: FLOOR_PAGE }));
    await seedFloor(page, docs);
  } else {
    docs = await seedOurs(page, server.url, stored);
  }
  /** One visit in a new page (a new tab) of the context; the page before it is closed first. */
  const visit = async (before) => {
    await before.close();
    const visited = await context.newPage();
    visited.on('pageerror', (e) => errors.push(e.message));
    if (which === 'ours') await visited.addInitScript(paintWatch, OUR_HIGHLIGHTS);
    await visited.goto(url);
    await visited.waitForFunction(() => window.__painted !== undefined, null, { timeout: 180_000 });
    if (errors.length) throw new Error(`${which}: ${errors.join('; ')}`);
    if (which === 'ours') {
      await verifyPainted(visited, stored);
      // What follows measures the app, not the article painted before it.
      await visited.waitForFunction(() => window.__ready !== undefined && !document.querySelector('.first-paint'), null, { timeout: 180_000 });
    }
    return visited;
  };
  // A first visit (the seeding's visit of the app forgotten: nothing in the browser's caches),
  // then a repeat visit (the app's files in the HTTP and code caches; no service worker here).
  await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
  const first = await visit(page);
  const [painted, ready] = await first.evaluate(() => [window.__painted, window.__ready]);
  const fetched = await first.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.responseEnd <= window.__painted).map((e) => new URL(e.name).pathname));
  const again = await visit(first);
  const cdp = await context.newCDPSession(again);
  const [repeat, repeatReady] = await again.evaluate(() => [window.__painted, window.__ready]);
  return { context, page: again, cdp, docs, painted, ready, repeat, repeatReady, fetched };
}

/**
 * Raw, gzip and brotli bytes of the app's files (`paths`, as fetched) that are wasm, JS or CSS,
 * and of the page itself, which holds the first paint's script and the main stylesheet.
 */
async function bytesOf(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const path of new Set(['/index.html', ...paths])) {
    if (!/\.(wasm|js|css|html)$/.test(path)) continue;
    const size = await fileSize(path.replace(/^\//, ''));
    for (const k of Object.keys(total)) total[k] += size[k];
  }
  return total;
}

const fileSizes = new Map();
/** The raw, gzip -9 and brotli 11 sizes of one file of dist/, computed once. */
async function fileSize(name) {
  if (!fileSizes.has(name)) {
    const body = await readFile(DIST + name);
    const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    fileSizes.set(name, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli });
  }
  return fileSizes.get(name);
}

/** JS heap after a full collection, the wasm memory (ours only) and the DOM's node count. */
async function memory({ page, cdp }) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name).value;
  const wasm = await page.evaluate(() => window.__memory?.buffer.byteLength ?? 0);
  if (await page.evaluate(() => window.__storageEvents ?? 0)) throw new Error('ours: the seeding reached the page as a storage event');
  return { heap: metric('JSHeapUsedSize'), wasm, nodes: metric('Nodes') };
}

/** The last measure of a User Timing span the app records ("aa-load", "aa-save", ...). */
async function span(page, name) {
  return page.evaluate((name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? NaN, name);
}

/** Trace events that run script; the rest of a task is style, layout, paint and waiting. */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'RunMicrotasks', 'TimerFire', 'EventDispatch', 'v8.callFunction']);

/** The total length of a set of [start, end) intervals, overlaps counted once. */
function covered(intervals) {
  let total = 0;
  let reach = -Infinity;
  for (const [start, end] of intervals.sort((a, b) => a[0] - b[0])) {
    if (end > reach) {
      total += end - Math.max(start, reach);
      reach = end;
    }
  }
  return total;
}

/**
 * Runs `action` on the element `target` in the page and times it, from a trace of the browser:
 * `painted` is the time until the end of the first paint after the action, `script` the main
 * thread's time in script until then (wasm included); then `settled` is the time until the
 * frame after the app's idle-time work (the panel following the change) and `idle` the script
 * time after the paint (that work and the save).
 */
async function timed(target, action) {
  const page = target.page();
  const browser = page.context().browser();
  // Found before the trace starts: finding an element by role walks the whole page.
  const element = await target.elementHandle();
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  const settled = await element.evaluate(async (element, action) => {
    const run = new Function('element', `(${action})(element)`);
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const started = performance.now();
    console.timeStamp('bench:start');
    run(element);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await frame();
    // The app's idle work (the panel following the change) was asked for before this.
    await new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 0)));
    await frame();
    return performance.now() - started;
  }, action.toString());
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const startedAt = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'bench:start').ts;
  // The page's main thread: the renderer main thread that ran the most script.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const key = (e) => `${e.pid}:${e.tid}`;
  const calls = (m) => events.filter((e) => key(e) === key(m) && SCRIPT_EVENTS.has(e.name)).length;
  const main = mains.sort((a, b) => calls(b) - calls(a))[0];
  const onMain = events.filter((e) => e.ph === 'X' && key(e) === key(main));
  const paint = onMain.filter((e) => e.name === 'Paint' && e.ts > startedAt).sort((a, b) => a.ts - b.ts)[0];
  const paintedAt = paint.ts + paint.dur;
  const scriptEvents = onMain.filter((e) => SCRIPT_EVENTS.has(e.name) && e.ts + e.dur > startedAt);
  const before = scriptEvents.filter((e) => e.ts < paintedAt).map((e) => [Math.max(e.ts, startedAt), Math.min(e.ts + e.dur, paintedAt)]);
  const after = scriptEvents.filter((e) => e.ts >= paintedAt).map((e) => [e.ts, e.ts + e.dur]);
  return { script: covered(before) / 1000, painted: (paintedAt - startedAt) / 1000, settled, idle: covered(after) / 1000 };
}

/** Ours: add, change, delete and undo one annotation with the library present. */
async function ourEdits(page) {
  // Select the first words of the second paragraph, as a user dragging over them would.
  await page.evaluate(() => {
    const para = document.querySelectorAll('#article-text .para')[1].firstChild;
    getSelection().setBaseAndExtent(para, 0, para, 40);
  });
  const click = (element) => element.click();
  const add = await timed(page.getByRole('button', { name: 'Claim', exact: true }), click);
  const change = await timed(page.getByRole('combobox', { name: 'Kind' }), (element) => {
    element.value = 'source';
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const remove = await timed(page.getByRole('button', { name: 'Delete annotation' }), click);
  const undo = await timed(page.getByRole('complementary').getByRole('button', { name: 'Undo', exact: true }), click);
  // The save after those changes: working out what to write, and the database's write.
  await page.waitForFunction(() => performance.getEntriesByName('aa-write', 'measure').length > 0, null, { timeout: 10_000 });
  return { add, change, remove, undo, save: (await span(page, 'aa-save')) + (await span(page, 'aa-write')) };
}

/** The floor: add one range to the painted highlight. */
async function floorAdd(page) {
  return timed(page.locator('#text'), (element) => {
    const range = new Range();
    range.setStart(element.firstChild, 0);
    range.setEnd(element.firstChild, 30);
    window.__highlights.claim.add(range);
  });
}

/** Ours: export the whole library as JSON, then import that file back, timed by the app. */
async function ourExportImport(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export library', exact: true }).click();
  const file = await download;
  const buffer = await readFile(await file.path());
  const exported = await span(page, 'aa-export');
  // The highest the wasm memory went, the export included (it never shrinks).
  const wasmExported = await page.evaluate(() => window.__memory?.buffer.byteLength ?? 0);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer });
  await page.waitForFunction(() => performance.getEntriesByName('aa-import', 'measure').length > 0, null, { timeout: 60_000 })
    .catch(async (e) => { throw new Error(`${e.message}; the page says: ${await page.getByRole('status').allTextContents()}`); });
  // And the highest it went with the import, which holds the file, its reading and the library
  // it makes beside the one in use.
  const wasmImported = await page.evaluate(() => window.__memory?.buffer.byteLength ?? 0);
  return { exported, wasmExported, imported: await span(page, 'aa-import'), wasmImported, size: buffer.length };
}

async function sizes() {
  const files = (await readdir(DIST)).filter((f) => /\.(wasm|js|css)$/.test(f) || f === 'index.html');
  const rows = [];
  for (const name of files.sort()) rows.push({ name: name.replace(new RegExp(HASH), ''), ...(await fileSize(name)) });
  return rows;
}

// Served as a static host would serve it: hashed files kept, index.html checked each time.
const server = await startServer({ cache: true, root: DIST });
const browser = await launchBrowser();
// At the limits: the most words whose text stays within 1,000,000 characters, and one
// annotation short of 20,000, so that the add it measures is the last one allowed.
const LIMITS_CASE = [174_000, 19_999];
const TYPICAL_CASE = [1_000, 30];
// The cases the floor paints in about 100 ms (the typical article, and 10,000 words with up to
// 1,000 annotations) are measured at least this many times: the machine's noise is tens of ms,
// as large as in the big cases, and ours is close to the floor (the typical article's medians
// of 15 runs gave 1.03x-1.54x the floor for one build), so 5 runs cannot tell whether ours is
// within 1.5x of it.
const SMALL_CASE_RUNS = 25;
const cases = limits
  ? [LIMITS_CASE]
  : quick
    ? [[100_000, 10_000]]
    : typical
      ? [TYPICAL_CASE]
      : [TYPICAL_CASE, [10_000, 100], [10_000, 1_000], [10_000, 10_000], [100_000, 100], [100_000, 1_000], [100_000, 10_000]];
const peer = !quick && !limits;
try {
  if (peer) await buildRecogito();
  const chromium = browser.version();
  const smallCaseRuns = Math.max(runs, SMALL_CASE_RUNS);
  console.log(`Chromium ${chromium}; ${runs} runs each (${smallCaseRuns} of the cases up to 10,000 words and 1,000 annotations); times in ms as median (min-max); ratios of medians.`);
  for (const [words, n] of cases) {
    const text = article(words);
    const list = annotations(text, n);
    const stored = library(text, list);
    console.log(`\n## ${words.toLocaleString('en')} words (${[...text].length.toLocaleString('en')} characters), ${n.toLocaleString('en')} annotations; stored library ${(stored.length / 1e6).toFixed(2)} M characters`);
    const full = limits || (n === 10_000 && words === 100_000);
    if (limits && [...text].length > 1_000_000) throw new Error('the limits case must stay within 1,000,000 characters');
    const small = words <= 10_000 && n <= 1_000;
    const figures = await repeat(small ? smallCaseRuns : runs, async () => {
      const out = {};
      const ours = await open(browser, server, stored, 'ours');
      out.oursOpen = ours.painted;
      out.oursRepeat = ours.repeat;
      out.oursReady = ours.ready;
      out.oursRepeatReady = ours.repeatReady;
      const before = await bytesOf(ours.fetched);
      Object.assign(out, { firstRaw: before.raw, firstGzip: before.gzip, firstBrotli: before.brotli });
      out.load = await span(ours.page, 'aa-load');
      if (full) {
        const m = await memory(ours);
        Object.assign(out, { heap: m.heap, wasm: m.wasm, nodes: m.nodes });
        out.usage = await ours.page.evaluate(async () => (await navigator.storage.estimate()).usage);
        const edits = await ourEdits(ours.page);
        for (const name of ['add', 'change', 'remove', 'undo']) {
          for (const [figure, value] of Object.entries(edits[name])) out[`${name}.${figure}`] = value;
        }
        out.save = edits.save;
        // Wasm memory never shrinks, so this is the highest it went through the edits and saves.
        const after = await memory(ours);
        Object.assign(out, { heapEdited: after.heap, wasmEdited: after.wasm });
        Object.assign(out, await ourExportImport(ours.page));
      }
      await ours.context.close();

      const floor = await open(browser, server, stored, 'floor', ours.docs);
      out.floorOpen = floor.painted;
      out.floorRepeat = floor.repeat;
      out.floorRead = await floor.page.evaluate(() => window.__read);
      if (full) {
        const m = await memory(floor);
        Object.assign(out, { floorHeap: m.heap, floorNodes: m.nodes });
        const added = await floorAdd(floor.page);
        Object.assign(out, { 'floorAdd.script': added.script, 'floorAdd.painted': added.painted });
      }
      await floor.context.close();

      if (peer) {
        const recogito = await recogitoOpen(browser, text, list);
        out.recogitoOpen = recogito.first;
        out.recogitoRepeat = recogito.repeat;
        if (full) out.recogitoAdd = await recogitoAddOne(browser, text, list, { verify: false });
      }
      return out;
    });
    const f = figures;
    for (const [visit, key] of [['first visit', 'Open'], ['repeat visit', 'Repeat']]) {
      const g = (who) => f[`${who}${key}`];
      console.log(`- open to painted, ${visit}: ours ${stat(g('ours'))}; floor ${stat(g('floor'))} -> ${ratioWithin(g('ours'), g('floor'))} the floor` +
        (peer ? `; @recogito/text-annotator ${stat(g('recogito'))} -> ${ratioWithin(g('ours'), g('recogito'))} the peer` : ''));
    }
    console.log(`- open to the app itself in the page (after the article painted before it): first visit ${stat(f.oursReady)}, repeat visit ${stat(f.oursRepeatReady)}`);
    console.log(`- the page, wasm, JS and CSS fetched before the first paint: ${median(f.firstRaw)} raw, ${median(f.firstGzip)} gzip, ${median(f.firstBrotli)} brotli`);
    console.log(`- reading the stored library: ours (the database opened and read, "aa-load") ${stat(f.load)}; floor (one IndexedDB getAll of the same documents) ${stat(f.floorRead)}`);
    if (full) {
      for (const name of ['add', 'change', 'remove', 'undo']) {
        const g = (figure) => f[`${name}.${figure}`];
        console.log(`- ${name === 'remove' ? 'delete' : name} one: script ${stat(g('script'))}, painted ${stat(g('painted'))} -> ${ratio(g('painted'), f['floorAdd.painted'])} the floor's add; ` +
          `then the save and the panel: done ${stat(g('settled'))}, script ${stat(g('idle'))}`);
      }
      console.log(`- floor, add one range: script ${stat(f['floorAdd.script'])}, painted ${stat(f['floorAdd.painted'])}` +
        (peer ? `; @recogito/text-annotator add one ${stat(f.recogitoAdd)}` : ''));
      console.log(`- save of the four edits (once the page is idle after the last; "aa-save" + "aa-write"): ${stat(f.save)}`);
      console.log(`- memory after loading: ours JS heap ${mb(median(f.heap))} + wasm ${mb(median(f.wasm))} = ${mb(median(f.heap) + median(f.wasm))}; ` +
        `floor JS heap ${mb(median(f.floorHeap))} -> ${((median(f.heap) + median(f.wasm)) / median(f.floorHeap)).toFixed(2)}x; ` +
        `DOM nodes ours ${median(f.nodes)}, floor ${median(f.floorNodes)}`);
      console.log(`- memory after the four edits and their saves: ours JS heap ${mb(median(f.heapEdited))} + wasm ${mb(median(f.wasmEdited))} = ` +
        `${mb(median(f.heapEdited) + median(f.wasmEdited))} -> ${((median(f.heapEdited) + median(f.wasmEdited)) / median(f.floorHeap)).toFixed(2)}x the floor's after loading`);
      console.log(`- storage: the browser counts ${mb(median(f.usage))} for the database (the old localStorage value was ${(stored.length / 1e6).toFixed(2)} M characters); the export spells out quotes and context: ${mb(median(f.size))}`);
      console.log(`- export the library as JSON: ${stat(f.exported)} (${mb(median(f.size))} file), wasm memory then ${mb(median(f.wasmExported))}; import it back: ${stat(f.imported)}, wasm memory then ${mb(median(f.wasmImported))}`);
    }
  }
  if (!quick && !typical) {
    // Saving one change with 10,000 annotations and with a library of about 200 MB: the
    // database benchmark, in its own browser (bench/database.mjs).
    await browser.close();
    console.log('\n## Saving one change (node bench/database.mjs)');
    execFileSync(process.execPath, [fileURLToPath(new URL('./database.mjs', import.meta.url)), String(Math.max(runs, 5))], { stdio: 'inherit' });
  }
  console.log('\n## Size of the built app (bytes)');
  let total = { raw: 0, gzip: 0, brotli: 0 };
  for (const row of await sizes()) {
    console.log(`- ${row.name}: ${row.raw} raw, ${row.gzip} gzip, ${row.brotli} brotli`);
    for (const k of Object.keys(total)) total[k] += row[k];
  }
  console.log(`- total: ${total.raw} raw, ${total.gzip} gzip, ${total.brotli} brotli`);
} finally {
  await browser.close();
  await server.close();
}
