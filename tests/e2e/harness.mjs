// Shared harness of the end-to-end tests: a static server for dist/, one Chromium per test
// file, a fresh browser context per test, console-error collection and a small page object.
//
// Run with: node --test --test-concurrency=1 tests/e2e/

import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Where the release build lives. */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** The localStorage key of the library. */
export const LIBRARY_KEY = 'article-annotator/library';

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
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves dist/ on 127.0.0.1 at a random port; unknown paths get index.html. */
export async function startServer() {
  if (!existsSync(DIST + 'index.html')) {
    throw new Error(`${DIST}index.html is missing: run trunk build --release first.`);
  }
  const server = http.createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const relative = normalize(pathname).replace(/^[/\\]+/, '');
      let file = DIST + relative;
      // Anything outside dist/, a directory, or a missing file: the app's page.
      if (relative === '' || relative.startsWith('..') || relative.split(sep).includes('..') || !existsSync(file)) {
        file = DIST + 'index.html';
      }
      let body;
      try {
        body = await readFile(file);
      } catch {
        file = DIST + 'index.html';
        body = await readFile(file);
      }
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
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
export async function waitFor(fn, { timeout = 5000, interval = 50 } = {}) {
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

/** Goes to the app and waits until it has rendered (its level-1 heading and "New article"). */
export async function openApp(page) {
  assert.ok(serverUrl, 'openApp needs the server that useApp() starts');
  await page.goto(serverUrl);
  await waitUntilRendered(page);
}

async function waitUntilRendered(page) {
  await expectVisible(page.getByRole('heading', { level: 1 }), 15000);
  await expectVisible(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New article' }));
}

/**
 * Registers the hooks of a test file: one server and one browser for the file, one context per
 * test (closed after it). Returns `{ open }`: `await open(options)` gives a fresh `App` whose
 * page is not yet navigated; call `app.load()`.
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
    async open({ viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
      const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      return new App(page);
    },
  };
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

  /** Goes to the app and waits until it has rendered. */
  async load() {
    await openApp(this.page);
  }

  /** Reloads the page and waits until the app has rendered again. */
  async reload() {
    await this.page.reload();
    await waitUntilRendered(this.page);
  }

  /** Fails if the page logged an error or threw. Call at the end of each test. */
  assertNoErrors() {
    assert.deepEqual(this.errors, [], 'the page logged errors');
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

  // ---- Reading state ----

  /** The article text as shown: the container's text content. */
  async text() {
    return this.articleText().textContent();
  }

  /** The raw stored library value, or null. */
  storedRaw() {
    return this.page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY);
  }

  /** The stored library, parsed. */
  async stored() {
    const raw = await this.storedRaw();
    assert.ok(raw, 'a library is stored');
    return JSON.parse(raw);
  }

  /** Every localStorage entry, as an object. */
  storageEntries() {
    return this.page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
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
