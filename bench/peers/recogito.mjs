// The peer of issue 7's benchmark: @recogito/text-annotator 4.1.1 painting the same article and
// annotations as our app and the floor, with its CSS Custom Highlight renderer, in headless
// Chromium. The library is bundled once with esbuild into one IIFE script (its CSS included).
// Opening (`recogitoOpen`) serves it as a page of its own origin would, from navigation, with
// the text and annotations read from IndexedDB; adding one (`recogitoAddOne`) runs it inline in
// a blank page, so that the figure is the library's work.
//
//   import { buildRecogito, recogitoOpen, recogitoAddOne } from './peers/recogito.mjs';
//
// How the library paints, which decides what "painted" means here: loading annotations revives
// a DOM Range for each one and puts its client rects in a spatial index (rbush); a listener on
// the ResizeObserver it attaches to the container then recomputes every rect once more; each
// redraw (debounced 10 ms, then a frame) registers one Highlight, named `_<id>`, for each
// annotation *that intersects the viewport* and emits the renderer's `onRedraw` event. So,
// unlike ours and the floor, CSS.highlights never holds all the annotations: the check that none
// was dropped is that all are in the store and the index, anchored to the right text, and that
// the highlights registered are exactly the ones an independent computation puts in the
// viewport. The timing ends at the frame after the last redraw the load causes, once the page
// has gone quiet (the first redraw is reported too; the two are a few ms apart).
//
// Loading: the documented `anno.setAnnotations(list)` does not work with this version and the
// @annotorious/core that npm resolves for it (3.8.8 and later): core now loads through
// `store.syncAnnotations`, which the text annotator's store does not wrap, so no Range is revived,
// nothing is indexed at load, and the later recalculation hands the renderer annotations without
// ranges (`new Highlight(undefined)` throws). Fixed upstream by recogito/text-annotator-js#276,
// not in 4.1.1. We call the text store's `bulkAddAnnotations(parsed, true, Origin.REMOTE)`
// instead, which is what `setAnnotations` called up to core 3.8.6: one change event, every
// range revived and indexed. (`setAnnotations(list, false)` also works, one event per
// annotation; it measured slower.)

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT_DIR = `${ROOT}target/bench-peers/`;
const OUT_JS = `${OUT_DIR}recogito-text-annotator.iife.js`;
const GLOBAL = 'RecogitoTextAnnotator';

/** How long a page may take to paint before the measurement gives up, in ms. */
const PAINT_TIMEOUT = 180_000;

// The CSS is imported as text and put in a <style> when the script runs: one file to inject, and
// the library's stylesheet applies as in an app that imports it.
const ENTRY = `
import css from '@recogito/text-annotator/text-annotator.css';
export * from '@recogito/text-annotator';
const style = document.createElement('style');
style.dataset.peer = 'recogito';
style.textContent = css;
document.head.append(style);
`;

/** The installed version of a package, from its package.json under node_modules. */
async function installed(name) {
  return JSON.parse(await readFile(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version;
}

/**
 * Bundles @recogito/text-annotator, its CSS and its dependencies into one IIFE script that sets
 * `globalThis.RecogitoTextAnnotator`, under target/bench-peers/. The first line of the output
 * records what it was built from, so a repeat call with the same packages only reads the file.
 * Resolves to { dir, js, global, versions }.
 */
export async function buildRecogito() {
  const versions = {
    recogito: await installed('@recogito/text-annotator'),
    core: await installed('@annotorious/core'),
    esbuild: await installed('esbuild'),
  };
  const key = createHash('sha256').update(JSON.stringify(versions) + ENTRY).digest('hex').slice(0, 16);
  const banner = `/* recogito-peer ${key} ${JSON.stringify(versions)} */`;
  const paths = { dir: OUT_DIR, js: OUT_JS, global: GLOBAL, versions };
  try {
    if ((await readFile(OUT_JS, 'utf8')).startsWith(banner)) return paths;
  } catch {
    // Not built yet.
  }
  // Imported here so that a repeat call does not load esbuild at all.
  const esbuild = await import('esbuild');
  await mkdir(OUT_DIR, { recursive: true });
  const result = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'recogito-peer-entry.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'browser',
    target: 'chrome120',
    // Minified as an app would ship it (the package's own dist is minified already).
    minify: true,
    loader: { '.css': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: banner },
    write: false,
    logLevel: 'warning',
  });
  await writeFile(OUT_JS, result.outputFiles[0].text);
  return paths;
}

/** The bundle's text, read once per process. */
let bundleText;
async function bundle() {
  bundleText ??= await readFile((await buildRecogito()).js, 'utf8');
  return bundleText;
}

/**
 * The page's helpers, installed as `globalThis.RecogitoPeer` with the library so that the timed
 * code only calls them. This function travels to the page as source text: it must not refer to
 * anything outside itself.
 */
function pageHelpers(PAINT_TIMEOUT) {
  const R = globalThis.RecogitoTextAnnotator;
  const COLORS = { claim: '#dbeafe', source: '#dcfce7', anonymous_attribution: '#ffedd5' };
  const SOURCE = 'urn:bench:article';
  // An exception in the renderer's callbacks would only leave highlights missing: fail fast.
  let pageError;
  addEventListener('error', (event) => { pageError ??= event.message; });

  /** Code points to UTF-16 offsets, as the floor (and the app) does. */
  function unitsOf(text) {
    const units = [0];
    for (const c of text) units.push(units[units.length - 1] + c.length);
    return units;
  }

  /** One of ours as a W3C Web Annotation: both text selectors, and its kind as a tag. */
  function toW3C(a, text, units) {
    const start = units[a.start];
    const end = units[a.end];
    return {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: a.id,
      body: [{ type: 'TextualBody', purpose: 'tagging', value: a.kind }],
      target: {
        source: SOURCE,
        selector: [
          { type: 'TextQuoteSelector', exact: text.slice(start, end) },
          { type: 'TextPositionSelector', start, end },
        ],
      },
      created: a.created,
      modified: a.modified,
    };
  }

  /** The highlight colour from the tag, opaque like the floor's. */
  function style(annotation) {
    const tag = annotation.bodies.find((b) => b.purpose === 'tagging')?.value;
    return { fill: COLORS[tag] ?? '#e5e7eb', fillOpacity: 1 };
  }

  /** A container with the text, and the annotator on it with the CSS highlight renderer. */
  function mount(text) {
    const root = document.createElement('div');
    root.style.whiteSpace = 'pre-wrap';
    root.textContent = text;
    document.body.append(root);
    const adapter = R.W3CTextFormat(SOURCE, root);
    const anno = R.createTextAnnotator(root, { renderer: 'CSS_HIGHLIGHTS', adapter, style });
    return { root, anno, adapter };
  }

  /** Loads W3C annotations in one store change (see the module comment for why not setAnnotations). */
  function load(anno, adapter, w3c) {
    const parsed = w3c.map((a) => {
      const { parsed, error } = adapter.parse(a);
      if (error) throw new Error(`Recogito rejected annotation ${a.id}: ${error.message}`);
      return parsed;
    });
    const unrevived = anno.state.store.bulkAddAnnotations(parsed, true, R.Origin.REMOTE);
    if (unrevived.length) throw new Error(`Recogito could not anchor ${unrevived.length} annotations, e.g. ${unrevived[0].id}`);
  }

  /** The ids the renderer has registered as highlights (it names them "_<id>"). */
  function registered() {
    return new Set([...CSS.highlights.keys()].filter((k) => k.startsWith('_')).map((k) => k.slice(1)));
  }

  /**
   * Watches the renderer from now on. `settled()` resolves once a redraw for which `ready()`
   * holds has happened and the page has then been quiet for `quiet` ms, with the times of the
   * frame after the first and after the last such redraw. Quiet means no redraw and no late
   * timer: a long task (the library recomputing every rect) delays the poll, and restarts the
   * wait, since a redraw follows it.
   */
  function watch(anno, ready, quiet = 250) {
    const painted = [];
    let pending = 0;
    let quietSince = performance.now();
    const off = anno.renderer.on('onRedraw', () => {
      quietSince = performance.now();
      if (painted.length === 0 && pending === 0 && !ready()) return;
      pending += 1;
      requestAnimationFrame(() => setTimeout(() => {
        painted.push(performance.now());
        pending -= 1;
        quietSince = performance.now();
      }, 0));
    });
    const settled = () => new Promise((resolve, reject) => {
      const began = performance.now();
      const TICK = 20;
      let last = began;
      const poll = () => {
        const now = performance.now();
        if (now - last > TICK + 50) quietSince = now;
        last = now;
        if (painted.length > 0 && pending === 0 && now - quietSince >= quiet) {
          off();
          resolve({ first: painted[0], last: painted[painted.length - 1], redraws: painted.length });
        } else if (pageError !== undefined) {
          off();
          reject(new Error(`Recogito: page error while painting: ${pageError}`));
        } else if (now - began > PAINT_TIMEOUT) {
          off();
          reject(new Error(`Recogito: no paint within ${PAINT_TIMEOUT} ms (${painted.length} redraws)`));
        } else {
          setTimeout(poll, TICK);
        }
      };
      setTimeout(poll, TICK);
    });
    return { settled };
  }

  /**
   * Throws unless every annotation of `list` is in the store, anchored to its text and in the
   * spatial index (the renderer only draws what the index returns), and the highlights
   * registered are exactly those whose own ranges, built as the floor builds them, show in the
   * viewport.
   */
  function verify(anno, root, text, units, list) {
    const store = anno.state.store;
    const node = root.firstChild;
    const problems = [];
    if (store.all().length !== list.length) problems.push(`the store holds ${store.all().length} of ${list.length}`);
    let misplaced = 0;
    let unindexed = 0;
    const inView = new Set();
    for (const a of list) {
      const range = store.getAnnotation(a.id)?.target.selector[0]?.range;
      if (!range || range.toString() !== text.slice(units[a.start], units[a.end])) misplaced += 1;
      if (store.getAnnotationRects(a.id).length === 0) unindexed += 1;
      const ours = new Range();
      ours.setStart(node, units[a.start]);
      ours.setEnd(node, units[a.end]);
      const box = ours.getBoundingClientRect();
      if (box.bottom < 0 || box.top > innerHeight) continue;
      const shows = [...ours.getClientRects()].some((r) => r.width > 0 && r.bottom >= 0 && r.top <= innerHeight && r.right >= 0 && r.left <= innerWidth);
      if (shows) inView.add(a.id);
    }
    if (misplaced) problems.push(`${misplaced} anchored to the wrong text`);
    if (unindexed) problems.push(`${unindexed} missing from the spatial index`);
    const drawn = registered();
    const missing = [...inView].filter((id) => !drawn.has(id));
    const extra = [...drawn].filter((id) => !inView.has(id));
    if (missing.length || extra.length) {
      problems.push(`${drawn.size} highlights registered, ${inView.size} annotations in the viewport: ` +
        `${missing.length} missing (${missing.slice(0, 5).join(' ')}), ${extra.length} extra (${extra.slice(0, 5).join(' ')})`);
    }
    if (document.querySelector('.r6o-span-highlight-layer')) problems.push('the SPANS renderer is in use, not CSS_HIGHLIGHTS');
    if (problems.length) throw new Error(`Recogito: ${problems.join('; ')}`);
    return { stored: list.length, inViewport: inView.size, highlights: drawn.size };
  }

  return { unitsOf, toW3C, mount, load, registered, watch, verify };
}

/**
 * A fresh context with a blank page that has the library and the helpers, and nothing else.
 * `check()` throws if the page raised an error: the renderer draws in callbacks, where an
 * exception would otherwise only leave highlights missing.
 */
async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('about:blank');
  await page.addScriptTag({ content: `${await bundle()}\nglobalThis.RecogitoPeer = (${pageHelpers})(${PAINT_TIMEOUT});` });
  const check = () => {
    if (errors.length) throw new Error(`Recogito page error: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
  };
  return { context, page, check };
}

/**
 * With `list` loaded and painted on `text`, the time to add one more annotation (a claim on
 * the first sentence of the first paragraph, so in the viewport) until the library has
 * registered its highlight and a frame has passed, in ms. With `{ detail: true }`, resolves
 * to { ms, lastRedrawMs, redraws, stored, inViewport, highlights } (the last three from the
 * untimed check).
 */
export async function recogitoAddOne(browser, text, list, { detail = false, verify = true } = {}) {
  const chars = [...text];
  const start = chars.indexOf('\n') + 2;
  const end = chars.indexOf('.', start) + 1;
  const extra = { id: 'peer-added', kind: 'claim', start, end, note: '', created: '2026-11-25T00:00:00.000Z', modified: '2026-11-25T00:00:00.000Z' };
  const { context, page, check } = await openPage(browser);
  try {
    const result = await page.evaluate(async ([text, list, extra, verify]) => {
      const h = globalThis.RecogitoPeer;
      const { root, anno, adapter } = h.mount(text);
      const units = h.unitsOf(text);
      const loaded = h.watch(anno, () => true);
      h.load(anno, adapter, list.map((a) => h.toW3C(a, text, units)));
      await loaded.settled();

      const started = performance.now();
      const watcher = h.watch(anno, () => CSS.highlights.has(`_${extra.id}`));
      // The public single-annotation call, through the W3C adapter as an app would use it.
      anno.addAnnotation(h.toW3C(extra, text, units));
      const { first, last, redraws } = await watcher.settled();
      const counts = verify ? h.verify(anno, root, text, units, [...list, extra]) : {};
      return { ms: first - started, lastRedrawMs: last - started, redraws, ...counts };
    }, [text, list, extra, verify]);
    check();
    return detail ? result : result.ms;
  } finally {
    await context.close();
  }
}

const PEER_ORIGIN = 'http://recogito.bench/';

/**
 * The page a Recogito app would be: from navigation, its script (the library and the helpers,
 * one file of its origin), then the text and the annotations read from IndexedDB (one record
 * each, as the floor and the app keep them), loaded and painted. `window.__painted` is the
 * frame after the last redraw, from navigation start, as ours and the floor's are.
 */
const PEER_PAGE = `<!doctype html><meta charset="utf-8"><title>Recogito</title>
<script src="peer.js"></script>
<script>
  indexedDB.open('peer').onsuccess = (event) => {
    event.target.result.transaction('docs').objectStore('docs').getAll().onsuccess = async (read) => {
      const docs = read.target.result;
      const h = globalThis.RecogitoPeer;
      const { anno, adapter } = h.mount(docs.find((d) => d.id === 'text').text);
      const watcher = h.watch(anno, () => true);
      h.load(anno, adapter, docs.filter((d) => d.id !== 'text'));
      window.__painted = (await watcher.settled()).last;
    };
  };
</script>`;

/**
 * Open to painted for a Recogito app on the same terms as ours: from navigation, reading `text`
 * and `list` from storage, in ms, on a first visit (a fresh context) and on a repeat visit (a
 * second page of the same context, the library's script in the browser's caches).
 */
export async function recogitoOpen(browser, text, list) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const script = `${await bundle()}\nglobalThis.RecogitoPeer = (${pageHelpers})(${PAINT_TIMEOUT});`;
  await context.route(`${PEER_ORIGIN}peer.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: script, headers: { 'cache-control': 'public, max-age=31536000, immutable' } }));
  await context.route(PEER_ORIGIN, (route) => route.fulfill({ contentType: 'text/html', body: PEER_PAGE }));
  await context.route(`${PEER_ORIGIN}__seed`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  try {
    const seeding = await context.newPage();
    await seeding.goto(`${PEER_ORIGIN}__seed`);
    await seeding.addScriptTag({ content: script });
    await seeding.evaluate(([text, list]) => new Promise((resolve, reject) => {
      const h = globalThis.RecogitoPeer;
      const units = h.unitsOf(text);
      const opening = indexedDB.open('peer');
      opening.onupgradeneeded = () => opening.result.createObjectStore('docs', { keyPath: 'id' });
      opening.onsuccess = () => {
        const transaction = opening.result.transaction('docs', 'readwrite');
        const store = transaction.objectStore('docs');
        store.put({ id: 'text', text });
        for (const a of list) store.put(h.toW3C(a, text, units));
        transaction.oncomplete = () => { opening.result.close(); resolve(); };
        transaction.onerror = () => reject(transaction.error);
      };
    }), [text, list]);
    await seeding.close();
    const visit = async () => {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(PEER_ORIGIN);
      await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: PAINT_TIMEOUT });
      if (errors.length) throw new Error(`Recogito page error: ${errors[0]}`);
      const painted = await page.evaluate(() => window.__painted);
      await page.close();
      return painted;
    };
    return { first: await visit(), repeat: await visit() };
  } finally {
    await context.close();
  }
}
