// Offline use, updates and installing: the service worker (dist/sw.js, written by
// scripts/post-build.mjs) keeps the app for use with no network after one visit, a new
// deployment is offered by a notice and taken whole on Reload, and the manifest and its icons
// are served. Also what the build writes beside them: the precache list, _headers, .br and .gz.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HASHED, walk, writeServiceWorker } from '../../scripts/post-build.mjs';
import {
  SAMPLE_TITLE,
  expectHidden,
  expectVisible,
  screenshot,
  startServer,
  useApp,
  waitFor,
  waitUntilRendered,
} from './harness.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const CACHE_PREFIX = 'article-annotator-shell-';

const apps = useApp();

/** Serves `root` (a directory path ending in a separator) until the file's tests are done. */
async function serve(root) {
  const server = await startServer({ root });
  after(() => server.close());
  return server;
}

/** Waits until the service worker is active and controls the page. */
async function expectControlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await waitFor(async () =>
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the worker controls the page'),
  );
}

/** The names of the page origin's caches. */
function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

/** A copy of dist/ in a temporary directory, served: a site that can be deployed to. */
async function site() {
  const root = `${await mkdtemp(join(tmpdir(), 'aa-deployment-'))}/`;
  after(() => rm(root, { recursive: true, force: true }));
  await cp(DIST, root, { recursive: true });
  return { root, server: await serve(root) };
}

/** Deploys the next version to `root`, as the build writes it: boot.js changed, sw.js anew. */
function deployNext(root) {
  appendFileSync(join(root, 'boot.js'), '\n// The next deployment.\n');
  return writeServiceWorker(root).version;
}

/** The notice of a new version. */
function updateNotice(page) {
  return page.getByRole('status').filter({ hasText: 'A new version is ready.' });
}

/** The VERSION and FILES that the build wrote into sw.js in `root`. */
function precache(root) {
  const source = readFileSync(join(root, 'sw.js'), 'utf8');
  return {
    version: source.match(/^const VERSION = '([0-9a-f]+)';$/m)[1],
    files: JSON.parse(source.match(/^const FILES = (.*);$/m)[1]),
  };
}

test('the build precaches every file it writes but sw.js, _headers and the compressed copies', async () => {
  const { version, files } = precache(DIST);
  const paths = files.map(([url]) => url);
  const expected = walk(DIST)
    .filter((p) => p !== 'sw.js' && p !== '_headers' && !/\.(br|gz)$/.test(p))
    .map((p) => (p === 'index.html' ? './' : p));
  assert.deepEqual(paths, expected);
  for (const name of ['manifest.webmanifest', 'boot.js', 'favicon.svg', 'icons/icon-512.png']) {
    assert.ok(paths.includes(name), `${name} is precached`);
  }
  assert.ok(paths.some((p) => p.endsWith('_bg.wasm')), 'the wasm is precached');
  for (const [, integrity] of files) assert.match(integrity, /^sha256-[A-Za-z0-9+/]{43}=$/);

  // The version is a hash of the files: the same files give the same sw.js, a change another.
  const copy = `${await mkdtemp(join(tmpdir(), 'aa-build-'))}/`;
  try {
    await cp(DIST, copy, { recursive: true });
    assert.equal(writeServiceWorker(copy).version, version);
    assert.equal(readFileSync(join(copy, 'sw.js'), 'utf8'), readFileSync(join(DIST, 'sw.js'), 'utf8'));
    await appendFile(join(copy, 'favicon.svg'), '\n');
    assert.notEqual(writeServiceWorker(copy).version, version);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
});

test('the build writes _headers and a .br and .gz of each text and wasm file', () => {
  const headers = readFileSync(join(DIST, '_headers'), 'utf8');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/content="(default-src[^"]*)"/)[1];
  assert.ok(headers.includes(`Content-Security-Policy: ${policy}; frame-ancestors 'none'\n`), 'the page CSP, as a header');
  assert.match(headers, /^ {2}X-Content-Type-Options: nosniff$/m);
  assert.match(headers, /^ {2}Referrer-Policy: no-referrer$/m);
  /** The Cache-Control lines of the rule for `path` (exactly one each). */
  const cacheControl = (path) => {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return [...headers.matchAll(new RegExp(`^${escaped}\\n {2}Cache-Control: (.*)$`, 'gm'))].map((m) => m[1]);
  };
  for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
    assert.deepEqual(cacheControl(path), ['no-cache'], path);
  }
  const hashed = walk(DIST).filter((p) => HASHED.test(p) && /\.(js|wasm|css)$/.test(p));
  assert.ok(hashed.length >= 3, 'the hashed wasm, JS and CSS');
  for (const path of hashed) {
    assert.deepEqual(cacheControl(`/${path}`), ['public, max-age=31536000, immutable'], path);
  }
  assert.doesNotMatch(headers, /^\/\*\n(?: {2}.*\n)*? {2}Cache-Control/m, 'no wildcard rule sets Cache-Control');

  for (const path of walk(DIST).filter((p) => /\.(html|js|css|wasm|svg|webmanifest)$/.test(p))) {
    const original = readFileSync(join(DIST, path));
    assert.deepEqual(brotliDecompressSync(readFileSync(join(DIST, `${path}.br`))), original, `${path}.br`);
    assert.deepEqual(gunzipSync(readFileSync(join(DIST, `${path}.gz`))), original, `${path}.gz`);
  }
  assert.ok(!existsSync(join(DIST, 'icons/icon-512.png.br')), 'images are not compressed again');
});

test('after one visit the app opens with no network, with the sample article and its annotation', async () => {
  const server = await serve(DIST);
  const app = await apps.open({ serviceWorkers: 'allow' });
  await app.load(server.url);
  await expectControlled(app.page);
  await app.keepLeftovers();
  await app.mark('killed 95 people', 'claim');

  await app.page.context().setOffline(true);
  const asked = server.requests.length;
  await app.reload();
  await app.expectHeading(SAMPLE_TITLE);
  await expectVisible(app.entry('Claim: killed 95 people'));
  assert.deepEqual(server.requests.slice(asked), [], 'nothing reached the server');
  app.assertNoErrors();
});

test('a new deployment shows “A new version is ready.”, and Reload takes the page to it', async () => {
  const { root, server } = await site();
  const app = await apps.open({ serviceWorkers: 'allow' });
  const { page } = app;
  // Counts the documents this tab loads, to see that Reload reloads once.
  await page.addInitScript(() => sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads')) + 1)));
  await app.load(server.url);
  await expectControlled(page);
  const first = precache(root).version;
  assert.deepEqual(await cacheNames(page), [CACHE_PREFIX + first]);

  const version = deployNext(root);
  assert.notEqual(version, first);

  // The reload is still served by the old worker, which stays in charge; the new one waits.
  await app.reload();
  const notice = updateNotice(page);
  await expectVisible(notice);
  const reload = notice.getByRole('button', { name: 'Reload', exact: true });
  await expectVisible(reload);
  assert.equal(await page.evaluate(() => fetch('boot.js').then((r) => r.text())), readFileSync(join(DIST, 'boot.js'), 'utf8'));

  for (const width of [1280, 768]) {
    for (const colorScheme of ['light', 'dark']) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await screenshot(page, `update-notice-${colorScheme}-${width}`, { fullPage: false });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });

  const loaded = page.waitForEvent('load');
  await reload.click();
  await loaded;
  await waitUntilRendered(page);
  await expectControlled(page);
  await waitFor(async () => assert.deepEqual(await cacheNames(page), [CACHE_PREFIX + version]));
  assert.match(await page.evaluate(() => fetch('boot.js').then((r) => r.text())), /\/\/ The next deployment\.\n$/);
  await expectHidden(notice);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('loads')), '3', 'visit, reload, Reload');
  app.assertNoErrors();
});

test('a page left open learns of a new deployment when it is looked at again', async () => {
  const { root, server } = await site();
  const app = await apps.open({ serviceWorkers: 'allow' });
  await app.load(server.url);
  await expectControlled(app.page);
  const version = deployNext(root);
  // What the browser sends when the user comes back to the tab (a headless tab never leaves).
  await app.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expectVisible(updateNotice(app.page));
  await waitFor(async () => assert.ok((await cacheNames(app.page)).includes(CACHE_PREFIX + version), 'the new version is cached'));

  // Dismissed, it stays away; this page still runs the version it started with.
  await updateNotice(app.page).getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expectHidden(updateNotice(app.page));
  assert.equal(await app.page.evaluate(() => fetch('boot.js').then((r) => r.text())), readFileSync(join(DIST, 'boot.js'), 'utf8'));
  app.assertNoErrors();
});

test('the manifest is served, parses, its icons load, and the app is installable', async () => {
  const app = await apps.open({ serviceWorkers: 'allow' });
  await app.load();
  const { page } = app;
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, page.url()).href;
  const response = await page.request.get(manifestUrl);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/manifest+json');

  // As Chromium reads it: no parse errors, and the fields an installable app needs.
  const cdp = await page.context().newCDPSession(page);
  const { url, errors, data } = await cdp.send('Page.getAppManifest');
  assert.equal(url, manifestUrl);
  assert.deepEqual(errors, []);
  const manifest = JSON.parse(data);
  assert.equal(manifest.name, 'Article Annotator');
  assert.equal(manifest.short_name, 'Annotator');
  assert.equal(manifest.display, 'standalone');
  assert.equal(new URL(manifest.start_url, manifestUrl).href, new URL('./', manifestUrl).href);
  assert.equal(new URL(manifest.scope, manifestUrl).href, new URL('./', manifestUrl).href);
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  assert.match(manifest.background_color, /^#[0-9a-f]{6}$/);

  const icons = manifest.icons.map((icon) => ({ ...icon, src: new URL(icon.src, manifestUrl).href }));
  const declared = icons.map(({ sizes, type, purpose }) => `${sizes} ${type} ${purpose}`).sort();
  assert.deepEqual(declared, [
    '192x192 image/png any',
    '512x512 image/png any',
    '512x512 image/png maskable',
    'any image/svg+xml any',
  ]);
  for (const icon of icons) {
    // Loaded as the page loads images (under its Content-Security-Policy), at the size declared.
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, icon.src);
    if (icon.sizes !== 'any') assert.equal(size, icon.sizes, icon.src);
  }

  // Chromium's own check, once the worker controls the page. A Playwright context is off the
  // record, which alone would stop a user from installing.
  await expectControlled(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  app.assertNoErrors();
});
