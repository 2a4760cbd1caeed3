// Shared harness of the end-to-end tests: a static server for dist/, one Chromium per test
// file, a fresh browser context per test, console-error collection and a small page object.
//
// Run with: node --test --test-concurrency=1 tests/e2e/

import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HASHED } from '../../scripts/post-build.mjs';

/** Where the release build lives. */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** The localStorage key of the library. */
export const LIBRARY_KEY = 'article-annotator/library';
/** Where the app keeps the copy of what the page shows first (public/first-paint.js). */
export const FIRST_PAINT_KEY = 'article-annotator/first-paint';

/** The sample article a new user sees first. */
export const SAMPLE_TITLE =
  'U.S. warned Iran that ISIS-K was preparing attack ahead of deadly Kerman blasts, official says';
export const SAMPLE_TEXT_RAW = await readFile(new URL('../../public/sample-article.txt', import.meta.url), 'utf8');

/**
 * The app's text normalization, as documented: line endings become "\n", a byte-order mark and
 * trailing whitespace on each line go, runs of blank lines become one blank line, ends trimmed.
 */
export function normalizeText(raw) {
  const lines = raw.replace(/^\uFEFF+/, '').replace(/\r\n?/g, '\n').split('\n');
  let out = '';
  let blank = 0;
  for (const original of lines) {
    const line = original.trimEnd();
    if (line === '') {
      blank += 1;
      continue;
    }
    if (out !== '') out += blank > 0 ? '\n\n' : '\n';
    blank = 0;
    out += line;
  }
  return out;
}

export const SAMPLE_TEXT = normalizeText(SAMPLE_TEXT_RAW);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves dist/ (or `root`, a directory path ending in a separator) on 127.0.0.1 at a random
 * port; unknown paths get index.html. `requests` lists the paths asked for, in order. Nothing
 * is cached unless `cache`: then files with a content hash in their name are kept for a year,
 * as docs/DEPLOY.md has a static host keep them, and the rest is checked again each time.
 */
export async function startServer({ root = DIST, desk, cache = false } = {}) {
  if (!existsSync(root + 'index.html')) {
    throw new Error(`${root}index.html is missing: run trunk build --release first.`);
  }
  const requests = [];
  const server = http.createServer(async (req, res) => {
    // A desk server behind the app's own origin, as README's reverse proxy puts it.
    if (desk && req.url.startsWith(DESK_PATH)) {
      proxy(req, res, desk);
      return;
    }
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      requests.push(pathname);
      const relative = normalize(pathname).replace(/^[/\\]+/, '');
      let file = root + relative;
      // Anything outside the root, a directory, or a missing file: the app's page.
      if (relative === '' || relative.startsWith('..') || relative.split(sep).includes('..') || !existsSync(file)) {
        file = root + 'index.html';
      }
      let body;
      try {
        body = await readFile(file);
      } catch {
        file = root + 'index.html';
        body = await readFile(file);
      }
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': !cache ? 'no-store' : HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** For the benchmarks: the build `--dist DIR` among `args` names (another commit's dist/), or dist/. */
export function distOf(args) {
  const at = args.indexOf('--dist');
  return at >= 0 ? `${args[at + 1].replace(/\/$/, '')}/` : DIST;
}

/**
 * For the benchmarks: resolves once the answers to the keys pressed so far are reported. A key's
 * Event Timing entry comes only when its answer is on screen: read too soon, a slow one is
 * missed rather than counted. A frame after the last key, and a little more.
 */
export function keyAnswersReported(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
}

/** Where the app reaches a desk server: a path of its own origin (README: Desks). */
export const DESK_PATH = '/couchdb/';

/** Passes a request on to `target` (`http://host:port`) without `DESK_PATH`, and its answer back. */
function proxy(req, res, target) {
  const url = new URL(target);
  const forwarded = http.request(
    { host: url.hostname, port: url.port, method: req.method, path: `/${req.url.slice(DESK_PATH.length)}`, headers: { ...req.headers, host: url.host } },
    (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"error":"bad_gateway","reason":"The desk server does not answer."}');
  });
  req.pipe(forwarded);
}

/**
 * Text that does not compress (IndexedDB compresses what repeats): `words` random words, for a
 * write that must not fit in a full storage.
 */
export function incompressibleText(words) {
  return Array.from({ length: words }, () => randomBytes(4).toString('hex')).join(' ');
}

/** Launches the system Chromium, headless. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Polls `fn` until it returns without throwing (it can use assert), then returns its result.
 * The last error is rethrown on timeout. Playwright-core has no `expect`; this stands in for it.
 */
export async function waitFor(fn, { timeout = 10000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** Waits until the locator's text content equals `expected` (or matches it, for a RegExp). */
export async function expectText(locator, expected, options) {
  return waitFor(async () => {
    const actual = await locator.textContent({ timeout: 1000 });
    if (expected instanceof RegExp) assert.match(actual, expected);
    else assert.equal(actual, expected);
  }, options);
}

/** Waits until the locator matches `count` elements. */
export async function expectCount(locator, count, options) {
  return waitFor(async () => assert.equal(await locator.count(), count), options);
}

/** Waits until the locator is visible. */
export async function expectVisible(locator, timeout = 5000) {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Waits until the locator is hidden or gone. */
export async function expectHidden(locator, timeout = 5000) {
  await locator.waitFor({ state: 'hidden', timeout });
}

/** Whether the locator's element has the keyboard focus. */
export function isFocused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

/**
 * Saves a screenshot as tests/e2e/screenshots/NAME.png: the whole page, or only the viewport
 * (better for modal dialogs, whose backdrop covers the viewport).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage, animations: 'disabled' });
}

/** The URL of this file's server, once `useApp`'s `before` hook has run. */
let serverUrl;

/** The URL of this file's server (see `useApp`). */
export const appUrl = () => serverUrl;

/**
 * Goes to the app (at `url`, the server of `useApp` unless told) and waits until it has rendered
 * (its level-1 heading and "New article").
 */
export async function openApp(page, url = serverUrl, timeout = 15000) {
  assert.ok(url, 'openApp needs the server that useApp() starts');
  await page.goto(url);
  await waitUntilRendered(page, timeout);
}

/** Waits until the app has rendered: its level-1 heading and "New article". */
export async function waitUntilRendered(page, timeout = 15000) {
  await expectVisible(page.getByRole('heading', { level: 1 }), timeout);
  await expectVisible(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New article' }));
}

/**
 * Registers the hooks of a test file: one server and one browser for the file, one context per
 * test (closed after it). Returns `{ open }`: `await open(options)` gives a fresh `App` whose
 * page is not yet navigated; call `app.load()`.
 *
 * Service workers are blocked unless a test asks for them (`serviceWorkers: 'allow'`): the
 * app's worker would answer requests from its cache, out of sight of `page.route`.
 */
export function useApp() {
  let server;
  let browser;
  const contexts = [];
  before(async () => {
    server = await startServer();
    serverUrl = server.url;
    browser = await launchBrowser();
  });
  afterEach(async () => {
    while (contexts.length) await contexts.pop().close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    async open({ viewport = { width: 1280, height: 900 }, colorScheme = 'light', permissions = [], serviceWorkers = 'block' } = {}) {
      const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true, permissions, serviceWorkers });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      return new App(page);
    },
  };
}

/** The annotation kinds: stored name, label in the app, highlight name, key. */
export const KINDS = {
  claim: { label: 'Claim', highlight: 'aa-claim', key: '1' },
  source: { label: 'Source', highlight: 'aa-source', key: '2' },
  anonymous_attribution: { label: 'Anonymous attribution', highlight: 'aa-anonymous', key: '3' },
};

/**
 * The code-point span `{ start, end }` (half-open, as stored) of the `occurrence`-th (from 0)
 * `passage` in `text` (the sample article's text unless told).
 */
export function spanOf(passage, { occurrence = 0, text = SAMPLE_TEXT } = {}) {
  let at = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    at = text.indexOf(passage, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(passage)} occurs fewer than ${occurrence + 1} times in the text`);
  }
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...passage].length };
}

/**
 * Runs in the page, on the article text container: maps code-point offsets of the text to DOM
 * positions and back, and reads or sets the selection and the highlights. Self-contained, as
 * Playwright sends its source to the page.
 */
function inArticleText(container, { op, start, end, names }) {
  const nodes = [];
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let at = 0, node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = [...node.data].length;
    nodes.push({ node, start: at, end: at + length });
    at += length;
  }
  /** The DOM position of a code-point offset; `isEnd` prefers the end of the previous node. */
  const position = (offset, isEnd) => {
    const n =
      nodes.find((t) => (isEnd ? t.start < offset && offset <= t.end : t.start <= offset && offset < t.end)) ??
      nodes[nodes.length - 1];
    return [n.node, [...n.node.data].slice(0, offset - n.start).join('').length];
  };
  /** The code-point offset of a DOM position in the container. */
  const offsetOf = (node, offset) => {
    const r = document.createRange();
    r.setStart(container, 0);
    r.setEnd(node, offset);
    return [...r.toString()].length;
  };
  const rangeOf = (from, to) => {
    const r = document.createRange();
    r.setStart(...position(from, false));
    r.setEnd(...position(to, true));
    return r;
  };
  const describe = (r) =>
    container.contains(r.startContainer)
      ? { text: r.toString(), start: offsetOf(r.startContainer, r.startOffset), end: offsetOf(r.endContainer, r.endOffset) }
      : { text: r.toString(), start: -1, end: -1 };
  switch (op) {
    case 'reveal': {
      // Scrolls the span to a third of the way down the viewport if it is not well in view.
      const rect = rangeOf(start, end).getBoundingClientRect();
      if (rect.top < 120 || rect.bottom > innerHeight - 120) window.scrollBy(0, rect.top - innerHeight / 3);
      return null;
    }
    case 'rects':
      return [...rangeOf(start, end).getClientRects()]
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom }));
    case 'select': {
      const [a, aOffset] = position(start, false);
      const [f, fOffset] = position(end, true);
      getSelection().setBaseAndExtent(a, aOffset, f, fOffset);
      return getSelection().toString();
    }
    case 'selection': {
      const s = getSelection();
      if (!s.rangeCount || s.isCollapsed) return null;
      return describe(s.getRangeAt(0));
    }
    case 'highlights':
      return Object.fromEntries(
        names.map((name) => {
          const h = CSS.highlights.get(name);
          const ranges = h ? [...h].map(describe) : [];
          return [name, ranges.sort((x, y) => x.start - y.start || x.end - y.end)];
        }),
      );
    default:
      throw new Error(`unknown op ${op}`);
  }
}

/** A page of the app, with the errors it logged and the actions the tests take. */
export class App {
  constructor(page) {
    this.page = page;
    /** Console errors and uncaught exceptions, as strings. */
    this.errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
  }

  /** Goes to the app (at `url`, the file's server unless told) and waits until it has rendered. */
  /** `timeout`: how long the first paint may take (a library moving in takes longer). */
  async load(url, timeout) {
    await openApp(this.page, url, timeout);
  }

  /**
   * Puts `raw` in localStorage as the stored library before the app first starts in this tab
   * (call before `load`); a reload keeps what the app saved since.
   */
  async seedLibrary(raw) {
    await this.page.addInitScript(
      ([key, value]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key, value);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [LIBRARY_KEY, raw],
    );
  }

  /** From now on, in this page and after reloads, every write to localStorage fails as a full storage does. */
  async refuseStorageWrites() {
    const refuse = () => {
      Storage.prototype.setItem = function setItem() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    };
    await this.page.addInitScript(refuse);
    await this.page.evaluate(refuse);
  }

  /**
   * Gives the app's storage bucket (where it keeps its database) a small quota; call before
   * `load`. Chromium's quota override does not make IndexedDB writes fail; a bucket's quota does.
   */
  async useSmallStorage(quota = 1_000_000) {
    await this.page.addInitScript((quota) => {
      const open = navigator.storageBuckets.open.bind(navigator.storageBuckets);
      navigator.storageBuckets.open = (name, options) => open(name, { ...options, quota });
    }, quota);
  }

  /**
   * Fills the small bucket (see `useSmallStorage`) until not one more small document fits, with
   * random text (IndexedDB compresses what repeats). Returns how many filler documents it wrote.
   */
  fillStorage() {
    // Raw IndexedDB, in the app's bucket (the app pointed `indexedDB` at it): a write that does
    // not fit aborts only its own transaction, so the filling goes on with smaller pieces.
    return this.page.evaluate(async () => {
      const random = (length) => {
        let text = '';
        for (let done = 0; done < length; done += 32_768) {
          const bytes = crypto.getRandomValues(new Uint8Array(Math.min(32_768, length - done) / 2));
          text += Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
        }
        return text;
      };
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('_pouch_filler', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('filler');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const put = (key, value) =>
        new Promise((resolve) => {
          const transaction = db.transaction('filler', 'readwrite');
          transaction.objectStore('filler').put(value, key);
          transaction.oncomplete = () => resolve(true);
          transaction.onabort = () => resolve(false);
          transaction.onerror = () => resolve(false);
        });
      let n = 0;
      for (let size = 262_144; size >= 256; size = Math.floor(size / 4)) {
        while (await put(n, random(size))) n += 1;
      }
      db.close();
      return n;
    });
  }

  /** Deletes what `fillStorage` wrote. */
  async freeStorage() {
    // Through IndexedDB itself (the app pointed `indexedDB` at its bucket): a PouchDB that
    // opens in a full storage fails its first write.
    await this.page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.deleteDatabase('_pouch_filler');
          request.onsuccess = resolve;
          request.onerror = () => reject(request.error);
        }),
    );
  }

  /** From the next load on, localStorage cannot be used at all, as in some private modes. */
  async blockStorage() {
    await this.page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
  }

  /** Reloads the page and waits until the app has rendered again. */
  async reload() {
    await this.page.reload();
    await waitUntilRendered(this.page);
  }

  /** Fails if the page logged an error or threw. Call at the end of each test. */
  /**
   * No console error and no uncaught exception; `allow` (a RegExp) lets through errors that
   * are expected, such as the 404 of a first replication's checkpoint lookup.
   */
  assertNoErrors({ allow } = {}) {
    assert.deepEqual(allow ? this.errors.filter((e) => !allow.test(e)) : this.errors, [], 'the page logged errors');
  }

  // ---- Locators ----

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }
  articleText() {
    return this.page.getByRole('document', { name: 'Article text' });
  }
  reader() {
    return this.page.getByRole('article');
  }
  /** The line under the heading: source URL, publication date, word count. */
  metaLine() {
    return this.reader().getByRole('paragraph').filter({ hasText: /\d+ words/ });
  }
  mainNav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }
  newArticleButton() {
    return this.mainNav().getByRole('button', { name: 'New article', exact: true });
  }
  libraryButton() {
    return this.mainNav().getByRole('button', { name: 'Library', exact: true });
  }
  panel() {
    return this.page.getByRole('complementary', { name: 'Annotations' });
  }
  /** The notice about the last action. */
  status() {
    return this.page.getByRole('status');
  }
  /** The storage warning. */
  storageAlert() {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('button', { name: 'Hide warning' }) });
  }
  newArticleDialog() {
    return this.page.getByRole('dialog', { name: 'New article' });
  }
  libraryDialog() {
    return this.page.getByRole('dialog', { name: 'Library' });
  }
  /** The row of an article in the (open) library dialog. */
  libraryItem(title) {
    return this.libraryDialog().getByRole('listitem', { name: title, exact: true });
  }
  leftoversRegion() {
    return this.page.getByRole('region', { name: /look like web-page leftovers/ });
  }
  emptyState() {
    return this.page.getByRole('region', { name: 'No article open' });
  }

  /** The toolbar shown by a selection in the article. */
  toolbar() {
    return this.page.getByRole('toolbar', { name: 'Mark the selection as' });
  }
  /** The panel's list of annotations. */
  entryList() {
    return this.panel().getByRole('list', { name: 'Annotations in text order' });
  }
  /** The button of a panel entry, by its exact name ("Claim: killed 95 people"). */
  entry(name) {
    return this.entryList().getByRole('button', { name, exact: true });
  }
  /** The list item of a panel entry (with its editor, when it is current), by the entry's name. */
  entryItem(name) {
    return this.entryList()
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }
  /** The editor of the current annotation's note, in the panel (there is one at most). */
  noteField() {
    return this.panel().getByRole('textbox', { name: 'Note', exact: true });
  }
  /** The editor of the current annotation's kind, in the panel. */
  kindField() {
    return this.panel().getByRole('combobox', { name: 'Kind', exact: true });
  }
  /** The main buttons of the panel's entries (not the editor's "Delete annotation"). */
  entryButtons() {
    return this.entryList().getByRole('button', { name: /^(Claim|Source|Anonymous attribution): / });
  }
  /** The panel's own Undo / Redo buttons (not the notice's). */
  panelButton(name) {
    return this.panel().getByRole('button', { name, exact: true });
  }
  /** The menu to choose one of several annotations under a click. */
  chooser() {
    return this.page.getByRole('menu', { name: 'Choose an annotation' });
  }
  tooltip() {
    return this.page.getByRole('tooltip');
  }

  // ---- Reading state ----

  /** The article text as shown: the container's text content. */
  async text() {
    return this.articleText().textContent();
  }

  /**
   * Every document of the library's database (PouchDB over IndexedDB), in id order, revisions
   * included: what is stored, to compare before and after. Read in an idle callback, after the
   * save the app makes in the task after a change's frame.
   */
  storedDocs() {
    return this.page.evaluate(
      () =>
        new Promise((resolve, reject) =>
          requestIdleCallback(
            () =>
              new PouchDB('article-annotator')
                .allDocs({ include_docs: true })
                .then((result) => resolve(result.rows.map((row) => row.doc)), reject),
            { timeout: 1000 },
          ),
        ),
    );
  }

  /** What is stored, as one string: equal strings, nothing stored changed. */
  async storedRaw() {
    const docs = await this.storedDocs();
    return docs.length ? JSON.stringify(docs) : null;
  }

  /**
   * The stored library, put together from its documents in the shape of our export: `{ current,
   * ratings, off_scale, articles: [{ id, title, text, …, annotations, links, verdicts }] }`.
   */
  async stored() {
    const docs = await this.storedDocs();
    assert.ok(docs.length, 'a library is stored');
    const current = await this.page.evaluate(() => JSON.parse(localStorage.getItem('article-annotator/open')));
    const fields = ({ _id, _rev, v, type, article, n, ...rest }) => rest;
    const byN = (a, b) => a.n - b.n;
    const of = (type, id) => docs.filter((d) => d.type === type && d.article === id).sort(byN).map(fields);
    const articles = docs
      .filter((d) => d.type === 'article')
      .sort(byN)
      .map((details) => {
        const text = docs.find((d) => d.type === 'text' && d.article === details.article);
        return {
          id: details.article,
          ...fields(details),
          text: text?.text,
          removed_parts: text?.removed_parts ?? [],
          annotations: of('annotation', details.article),
          links: of('link', details.article),
          verdicts: of('verdict', details.article),
        };
      });
    const scale = docs.find((d) => d.type === 'scale');
    return { current, articles, ratings: scale?.ratings, off_scale: scale?.off_scale };
  }

  /** The stored annotations of the open article (as stored: id, kind, start, end, note, …). */
  async storedAnnotations() {
    const library = await this.stored();
    // The article this page shows (another tab may have opened another since).
    const title = await this.heading().textContent();
    const article = library.articles.find((a) => a.title === title);
    assert.ok(article, 'the open article is stored');
    return article.annotations ?? [];
  }

  /** The names of the panel's entries, top to bottom. */
  entryNames() {
    return this.entryButtons().evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  }

  /** The name of the entry marked as current (aria-current), or null. */
  async currentEntry() {
    const current = await this.entryButtons().evaluateAll((buttons) =>
      buttons.filter((b) => b.getAttribute('aria-current') === 'true').map((b) => b.getAttribute('aria-label')),
    );
    assert.ok(current.length <= 1, `one current entry at most: ${current}`);
    return current[0] ?? null;
  }

  /** The counts by kind of the panel, as `{ Claim: n, Source: n, 'Anonymous attribution': n }`. */
  async counts() {
    const counts = {};
    for (const { label } of Object.values(KINDS)) {
      const term = this.panel().getByRole('term').filter({ hasText: new RegExp(`^${label}$`) });
      counts[label] = Number(await term.locator('xpath=following-sibling::*[1]').textContent());
    }
    return counts;
  }

  /**
   * The painted highlights, by name: `{ 'aa-claim': [{ text, start, end }], … }`, each list in
   * text order (offsets in code points; -1 for a range outside the article text).
   */
  highlights(names = ['aa-claim', 'aa-source', 'aa-anonymous', 'aa-active', 'aa-caret']) {
    return this.articleText().evaluate(inArticleText, { op: 'highlights', names });
  }

  /** The passages painted per kind: `{ claim: [text, …], source: […], anonymous_attribution: […] }`. */
  async highlightedPassages() {
    const painted = await this.highlights();
    return Object.fromEntries(
      Object.entries(KINDS).map(([kind, { highlight }]) => [kind, painted[highlight].map((r) => r.text)]),
    );
  }

  /** The page's selection, if it is not collapsed: `{ text, start, end }` in the article, or null. */
  selection() {
    return this.articleText().evaluate(inArticleText, { op: 'selection' });
  }

  /** Every localStorage entry, as an object. */
  storageEntries() {
    return this.page.evaluate(
      () => new Promise((resolve) => requestIdleCallback(() => resolve(Object.fromEntries(Object.entries(localStorage))), { timeout: 1000 })),
    );
  }

  /** Waits until the open article's heading is `title`. */
  async expectHeading(title) {
    await expectText(this.heading(), title);
  }

  /** Waits until the status region shows `message` (a string, exact, or a RegExp). */
  async expectStatus(message) {
    await expectText(this.status().getByRole('paragraph'), message);
  }

  // ---- Actions ----

  async openNewArticle() {
    await this.newArticleButton().click();
    const dialog = this.newArticleDialog();
    await expectVisible(dialog);
    return dialog;
  }

  /** Pastes a new article and creates it; waits until it is open. */
  async newArticle(text, { title } = {}) {
    const dialog = await this.openNewArticle();
    await dialog.getByRole('textbox', { name: 'Article text' }).fill(text);
    if (title !== undefined) await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill(title);
    await dialog.getByRole('button', { name: 'Create article' }).click();
    await expectHidden(dialog);
  }

  /** Opens a file through the "Open file…" button of the New article dialog. */
  async chooseFile(file) {
    const dialog = await this.openNewArticle();
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      dialog.getByRole('button', { name: 'Open file…' }).click(),
    ]);
    await chooser.setFiles(file);
    return dialog;
  }

  /**
   * Drops a file on the page, as a user dragging it from the desktop would: `dragover` then
   * `drop` on the article text (the events bubble to the app's root, which handles them).
   * `file` is `{ name, mimeType, content }` with string content.
   */
  async dropFile({ name, mimeType, content }, target = this.articleText()) {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, mimeType, content }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([content], name, { type: mimeType }));
        return dt;
      },
      { name, mimeType, content },
    );
    await this.dropTransfer(dataTransfer, target);
  }

  /** Drops a `DataTransfer` made in the page (a handle), as `dropFile` does, and disposes of it. */
  async dropTransfer(dataTransfer, target = this.articleText()) {
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
    await dataTransfer.dispose();
  }

  async openLibrary() {
    await this.libraryButton().click();
    const dialog = this.libraryDialog();
    await expectVisible(dialog);
    return dialog;
  }

  async closeLibrary() {
    await this.libraryDialog().getByRole('button', { name: 'Close' }).click();
    await expectHidden(this.libraryDialog());
  }

  /** The titles listed in the library dialog, top to bottom. */
  async libraryTitles() {
    return this.libraryDialog().getByRole('listitem').getByRole('heading', { level: 3 }).allTextContents();
  }

  /** Renames an article through the library dialog (left open). */
  async renameInLibrary(oldTitle, newTitle) {
    const item = this.libraryItem(oldTitle);
    await item.getByRole('button', { name: 'Rename' }).click();
    const input = this.libraryDialog().getByRole('textbox', { name: 'New title' });
    await input.fill(newTitle);
    await this.libraryDialog().getByRole('button', { name: 'Save title' }).click();
  }

  /** Hides the offer to remove web-page leftovers, if it shows. */
  async keepLeftovers() {
    const keep = this.leftoversRegion().getByRole('button', { name: 'Keep them' });
    if (await keep.count()) {
      await keep.click();
      await expectHidden(this.leftoversRegion());
    }
  }

  /** Scrolls the window so that a span of the text is well in view. */
  async reveal({ start, end }) {
    await this.articleText().evaluate(inArticleText, { op: 'reveal', start, end });
  }

  /**
   * Selects a passage of the text (a string, found in the sample text, or a span) the way a
   * script or an assistive tool does: by setting the page's selection. Waits for the toolbar.
   */
  async select(passage, { occurrence = 0, text } = {}) {
    const span = typeof passage === 'string' ? spanOf(passage, { occurrence, text }) : passage;
    await this.reveal(span);
    await this.articleText().evaluate(inArticleText, { op: 'select', ...span });
    await expectVisible(this.toolbar());
    return span;
  }

  /**
   * Selects a passage by dragging the mouse over it: presses the button on the left edge of
   * its first character and releases it on the right edge of its last (or the other way round,
   * `{ backward: true }`). Waits for the toolbar.
   */
  async dragSelect(passage, { occurrence = 0, text, backward = false } = {}) {
    const span = typeof passage === 'string' ? spanOf(passage, { occurrence, text }) : passage;
    await this.reveal(span);
    const rects = await this.articleText().evaluate(inArticleText, { op: 'rects', ...span });
    assert.ok(rects.length > 0, 'the passage is laid out');
    const first = rects[0];
    const last = rects[rects.length - 1];
    let from = { x: first.left + 1, y: (first.top + first.bottom) / 2 };
    let to = { x: last.right - 1, y: (last.top + last.bottom) / 2 };
    if (backward) [from, to] = [to, from];
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move(to.x, to.y, { steps: 8 });
    await mouse.up();
    await expectVisible(this.toolbar());
    return span;
  }

  /** The center of a character of the text (by code-point offset), in viewport pixels. */
  async pointAt(offset) {
    await this.reveal({ start: offset, end: offset + 1 });
    const [rect] = await this.articleText().evaluate(inArticleText, { op: 'rects', start: offset, end: offset + 1 });
    return { x: (rect.left + rect.right) / 2, y: (rect.top + rect.bottom) / 2 };
  }

  /**
   * Marks a passage (of `text`, the sample's unless told) as `kind` ("claim", "source",
   * "anonymous_attribution"): selects it, then
   * clicks the toolbar's button (or presses its key, `{ key: true }`). Waits for the panel entry
   * and returns the stored annotation (unless `{ saved: false }`: then returns its span).
   */
  async mark(passage, kind, { occurrence = 0, key = false, saved = true, text } = {}) {
    const span = await this.select(passage, { occurrence, text });
    const { label, key: digit } = KINDS[kind];
    if (key) await this.page.keyboard.press(digit);
    else await this.toolbar().getByRole('button', { name: label, exact: true }).click();
    const quote = typeof passage === 'string' ? passage : undefined;
    if (quote) await expectVisible(this.entry(`${label}: ${quote}`));
    await expectHidden(this.toolbar());
    if (!saved) return span;
    return waitFor(async () => {
      const found = (await this.storedAnnotations()).find(
        (a) => a.kind === kind && a.start === span.start && a.end === span.end,
      );
      assert.ok(found, `the ${kind} ${JSON.stringify(passage)} is stored`);
      return found;
    });
  }

  /** Chooses `name` in the Export menu; returns the download's file name, text and path. */
  async exportAs(name) {
    await this.page.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = this.page.getByRole('group', { name: 'Exports' });
    await expectVisible(menu);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      menu.getByRole('button', { name, exact: true }).click(),
    ]);
    await waitFor(async () => assert.equal(await download.failure(), null, 'the download completed'));
    await expectHidden(menu);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8'), path };
  }

  /** Opens "Edit details", fills the given fields and saves. Returns the form. */
  async editDetails({ title, url, date }) {
    await this.reader().getByRole('button', { name: 'Edit details' }).click();
    const form = this.page.getByRole('form', { name: 'Article details' });
    await expectVisible(form);
    if (title !== undefined) await form.getByRole('textbox', { name: 'Title' }).fill(title);
    if (url !== undefined) await form.getByRole('textbox', { name: 'Source URL' }).fill(url);
    if (date !== undefined) await form.getByRole('textbox', { name: 'Publication date' }).fill(date);
    await form.getByRole('button', { name: 'Save details' }).click();
    return form;
  }
}

/**
 * An export of about `megabytes` MB: articles of about 200 KB (the sample text repeated, with
 * emoji and Arabic), 500 annotations each with quote and context. Deterministic.
 */
export function largeExport(megabytes) {
  const kinds = ['claim', 'source', 'anonymous_attribution'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const articles = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1e6; i += 1) {
    const text = Array.from({ length: 70 }, (_, k) => `${SAMPLE_TEXT} (${i}.${k}) ☕ مرحبا`).join('\n\n');
    const chars = Array.from(text);
    const slice = (a, b) => chars.slice(Math.max(0, a), Math.min(chars.length, b)).join('');
    const annotations = Array.from({ length: 500 }, (_, j) => {
      const start = next() % (chars.length - 80);
      const end = start + 5 + (next() % 60);
      return {
        id: `big-${i}-${j}`, kind: kinds[j % 3], start, end,
        quote: { exact: slice(start, end), prefix: slice(start - 32, start), suffix: slice(end, end + 32) },
        note: j % 5 ? '' : `Note ${j}`, created: '2026-11-25T00:00:00.000Z', modified: '2026-11-25T00:00:00.000Z',
      };
    });
    const article = {
      id: `big-${i}`, title: `Large article ${i}`, source_url: '', published: '', added: '2026-11-25T00:00:00.000Z',
      text, text_sha256: createHash('sha256').update(text, 'utf8').digest('hex'), annotations,
    };
    size += JSON.stringify(article).length;
    articles.push(article);
  }
  return JSON.stringify({
    format: 'article-annotator/export', version: 2, exported: '2026-11-25T00:00:00.000Z',
    app: { name: 'Article Annotator', version: 'test' }, articles,
  });
}
