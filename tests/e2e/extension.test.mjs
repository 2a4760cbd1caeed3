// The browser extension (extension/): Chromium with the unpacked extension sends a news page
// to the annotator, which shows what arrived and adds it only when asked; a page of another
// origin posting the same message adds nothing. And the bookmarklet, for browsers without the
// extension: the page arrives with its origin shown, and is added only when asked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { App, expectHidden, expectText, expectVisible, startServer, waitFor, waitUntilRendered } from './harness.mjs';

const EXTENSION = new URL('../../extension/', import.meta.url).pathname;
const STORY = await readFile(new URL('../fixtures/pages/harbour-story.html', import.meta.url), 'utf8');
const TITLE = 'Harbour dredging to resume next month, port says';
// The story as the outlet changed it after publication: a date corrected, the cost's sentence
// deleted, an update note added.
const CHANGED_STORY = STORY.replace('<p>Dredging of the inner harbour will resume on March 3 after', '<p>Update: the port corrected the start date.</p>\n        <p>Dredging of the inner harbour will resume on March 10 after')
  .replace(/<p>The authority said the work would cost[^]*?<\/p>/, '');
let story = STORY;

let annotator;
let news;
let context;
let extensionWorker;
let profile;

before(async () => {
  annotator = await startServer();
  // The news site: another origin than the annotator's.
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.url.startsWith('/story') ? story : '<!doctype html><title>News</title><p>Front page</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  news = { url: `http://localhost:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
  // A click on the toolbar button grants the extension the tab it was clicked in (activeTab);
  // a test cannot click the browser's toolbar, so its copy of the extension may read the news
  // site's pages outright.
  profile = await mkdtemp(join(tmpdir(), 'annotator-extension-'));
  const copy = join(profile, 'extension');
  await cp(EXTENSION, copy, { recursive: true });
  const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://localhost/*'];
  await writeFile(join(copy, 'manifest.json'), JSON.stringify(manifest));
  context = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', `--disable-extensions-except=${copy}`, `--load-extension=${copy}`],
  });
  extensionWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await extensionWorker.evaluate((address) => chrome.storage.local.set({ address }), annotator.url);
});

after(async () => {
  await context?.close();
  await annotator?.close();
  await news?.close();
  await rm(profile, { recursive: true, force: true });
});

/** Opens the story, sends it as the toolbar button does, and returns the annotator's tab. */
async function sendStory() {
  const page = await context.newPage();
  await page.goto(`${news.url}story.html`);
  const opened = context.waitForEvent('page');
  await extensionWorker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await globalThis.sendTab(tab);
  }, `${news.url}story.html`);
  const app = await opened;
  await waitUntilRendered(app);
  // The next send finds the story's tab by its address: this one goes.
  await page.close();
  return app;
}

test('the extension sends the page being read; the annotator shows it and adds it when asked', async () => {
  const app = await sendStory();
  const dialog = app.getByRole('dialog', { name: 'A page sent to the annotator' });
  await expectVisible(dialog, 15000);
  await expectText(dialog.getByRole('definition').first(), TITLE);
  await expectVisible(dialog.getByText('From the browser extension.'));
  await expectVisible(dialog.getByText(`${news.url}story.html`));
  await expectVisible(dialog.getByText('Dredging of the inner harbour will resume on March 3', { exact: false }));
  // The token is used once: the address no longer carries it.
  assert.equal(new URL(app.url()).hash, '');
  for (const [width, colorScheme] of [[1280, 'light'], [1280, 'dark'], [768, 'light'], [768, 'dark']]) {
    await app.setViewportSize({ width, height: 900 });
    await app.emulateMedia({ colorScheme });
    await app.screenshot({ path: new URL(`./screenshots/extension-dialog-${colorScheme}-${width}.png`, import.meta.url).pathname });
  }
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expectHidden(dialog);
  assert.equal(await app.getByRole('heading', { level: 1, name: TITLE }).count(), 0, 'discarded, not added');

  const again = await sendStory();
  const second = again.getByRole('dialog', { name: 'A page sent to the annotator' });
  await expectVisible(second, 15000);
  await second.getByRole('button', { name: 'Add to library' }).click();
  await expectHidden(second);
  await expectVisible(again.getByRole('heading', { level: 1, name: TITLE }));
  await expectVisible(again.getByRole('link', { name: `${news.url}story.html` }));
  const text = await again.locator('#article-text').textContent();
  assert.match(text, /A port official, who was not authorized to speak publicly, said/);
  assert.match(text, /take about six weeks\./);
  assert.doesNotMatch(text, /Subscribe for more local news|Home World Sport/);
  // Nothing of the page ran in the annotator.
  assert.equal(await again.evaluate(() => localStorage.getItem('ran')), null);
  await again.screenshot({ path: new URL('./screenshots/extension-added.png', import.meta.url).pathname });
});

test('the page sent again after the outlet changed it becomes version 2: what changed, annotations moved, an orphan', async () => {
  assert.notEqual(CHANGED_STORY, STORY);
  const page = await context.newPage();
  await page.goto(annotator.url);
  await waitUntilRendered(page);
  const reader = new App(page);
  await reader.expectHeading(TITLE);
  const text = await reader.text();
  await reader.mark('A port official', 'anonymous_attribution', { text });
  await reader.mark('will resume on March 3', 'claim', { text });
  await reader.mark('the work would cost 8.4 million euros', 'claim', { text });
  await page.close();

  story = CHANGED_STORY;
  const app = await sendStory();
  const dialog = app.getByRole('dialog', { name: 'A page sent to the annotator' });
  await expectVisible(dialog, 15000);
  await expectVisible(dialog.getByText(`This page is already in the library as “${TITLE}”.`, { exact: false }));
  await dialog.getByRole('button', { name: 'Add as a new version' }).click();
  await expectHidden(dialog);
  await expectVisible(app.getByText(`Added version 2 of “${TITLE}”: 2 annotations moved to the new text, 1 became an orphan`, { exact: false }));

  // One article, with two versions, showing the new text.
  const changed = new App(app);
  await changed.expectHeading(TITLE);
  assert.match(await changed.text(), /resume on March 10 after/);
  assert.doesNotMatch(await changed.text(), /8\.4 million euros/);
  const versions = app.getByRole('region', { name: 'Versions (2)' });
  await expectVisible(versions);
  await expectText(versions.getByRole('listitem').nth(0), /^Version 1 · captured/);
  await expectText(versions.getByRole('listitem').nth(1), /^Version 2 · captured .* · shown$/);
  await changed.openLibrary();
  assert.equal((await changed.libraryTitles()).filter((t) => t === TITLE).length, 1, 'one article, not two');
  await changed.closeLibrary();

  // What changed: the corrected date, the deleted sentence, the update, each marked.
  await versions.getByRole('button', { name: 'What changed' }).click();
  const diff = app.getByRole('region', { name: 'What changed from version 1 to version 2' });
  await expectVisible(diff);
  const corrected = diff.getByRole('listitem').filter({ hasText: 'Dredging of the inner harbour' });
  await expectText(corrected.locator('del'), '[deleted: 3]');
  await expectText(corrected.locator('ins'), '[inserted: 10]');
  await expectVisible(diff.locator('del', { hasText: 'would cost 8.4 million euros' }));
  await expectVisible(diff.locator('ins', { hasText: 'Update: the port corrected the start date.' }));
  await expectVisible(diff.getByText('paragraphs changed.', { exact: false }));

  // The annotations followed the text; the deleted sentence's claim is an orphan, shown from version 1.
  const passages = await waitFor(async () => {
    const found = await changed.highlightedPassages();
    assert.deepEqual(found.anonymous_attribution, ['A port official']);
    return found;
  });
  assert.deepEqual(passages.claim, ['will resume on March 10']);
  const orphans = app.getByRole('region', { name: 'Orphans (1)' });
  await expectVisible(orphans);
  await expectVisible(orphans.getByText('On version 1: its passage is not in this version.', { exact: false }));
  await expectVisible(orphans.getByText('the work would cost 8.4 million euros', { exact: true }));
  for (const [width, colorScheme] of [[1280, 'light'], [1280, 'dark'], [768, 'light'], [768, 'dark']]) {
    await app.setViewportSize({ width, height: 900 });
    await app.emulateMedia({ colorScheme });
    await diff.scrollIntoViewIfNeeded();
    await app.screenshot({ path: new URL(`./screenshots/versions-${colorScheme}-${width}.png`, import.meta.url).pathname });
  }
  // Kept: after a reload, the versions, the moved annotations and the orphan are all there.
  await changed.reload();
  await expectVisible(app.getByRole('region', { name: 'Versions (2)' }));
  await expectVisible(app.getByRole('region', { name: 'Orphans (1)' }));
  await waitFor(async () => assert.deepEqual((await changed.highlightedPassages()).claim, ['will resume on March 10']));
  story = STORY;
});

test('a page the extension cannot read is said on its button, and no annotator opens', async () => {
  // The test copy of the extension may read localhost only: 127.0.0.1 stands for a page the
  // browser keeps closed to extensions.
  const closed = `${news.url.replace('localhost', '127.0.0.1')}story.html`;
  const tabsBefore = await extensionWorker.evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.id));
  const page = await context.newPage();
  await page.goto(closed);
  const pagesBefore = context.pages().length;
  // Its address is hidden from the extension too: it is the tab that is new.
  const said = await extensionWorker.evaluate(async (before) => {
    const [tab] = (await chrome.tabs.query({})).filter((tab) => !before.includes(tab.id));
    await globalThis.sendOrExplain(tab);
    return { badge: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
  }, tabsBefore);
  assert.equal(said.badge, '!');
  assert.match(said.title, /^Send this page to Article Annotator: this page could not be read \(.+\)\. The browser keeps some pages closed to extensions/);
  assert.equal(context.pages().length, pagesBefore, 'no annotator tab opened');
  // A page it can read clears the badge.
  await page.goto(`${news.url}story.html`);
  const opened = context.waitForEvent('page');
  const cleared = await extensionWorker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await globalThis.sendOrExplain(tab);
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, `${news.url}story.html`);
  assert.equal(cleared, '');
  await (await opened).close();
  await page.close();
});

test('a page of another origin posting the hand-over message adds nothing', async () => {
  const opener = await context.newPage();
  await opener.goto(news.url);
  const opened = context.waitForEvent('page');
  // It opens the annotator as the extension would, with a token it chose, and posts the page.
  await opener.evaluate((url) => {
    globalThis.annotator = window.open(`${url}#from-extension=forged&extension=chrome-extension://abcdefghijklmnopabcdefghijklmnop`);
  }, annotator.url);
  const app = await opened;
  await waitUntilRendered(app);
  await opener.evaluate(() => {
    const message = { type: 'article-annotator/page', token: 'forged', html: '<h1>Forged</h1><p>Planted text.</p>', url: 'https://evil.example/', title: 'Forged', selection: '' };
    for (let i = 0; i < 20; i++) setTimeout(() => globalThis.annotator.postMessage(message, '*'), i * 100);
  });
  // Two seconds of messages: no dialog, no article.
  await app.waitForTimeout(2500);
  assert.equal(await app.getByRole('dialog', { name: 'A page sent to the annotator' }).isVisible(), false);
  await waitFor(async () => assert.equal(await app.getByText('Planted text.').count(), 0));
  assert.equal(await app.getByRole('heading', { level: 1, name: 'Forged' }).count(), 0);
});

test('the bookmarklet sends the page it is clicked on, shown with that page\'s origin', async () => {
  // The bookmarklet as the app offers it, for its own address.
  const app = await context.newPage();
  await app.goto(annotator.url);
  await waitUntilRendered(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New article' }).click();
  const code = app.getByRole('textbox', { name: 'Bookmarklet' });
  const href = await code.inputValue();
  assert.match(href, /^javascript:/);
  for (const [width, colorScheme] of [[1280, 'light'], [1280, 'dark'], [768, 'light'], [768, 'dark']]) {
    await app.setViewportSize({ width, height: 900 });
    await app.emulateMedia({ colorScheme });
    await app.screenshot({ path: new URL(`./screenshots/bookmarklet-link-${colorScheme}-${width}.png`, import.meta.url).pathname });
  }
  // A text to copy, not a link: the app's page holds no javascript: address.
  assert.equal(await app.locator('a[href^="javascript:"]').count(), 0);
  await app.close();

  const story = await context.newPage();
  await story.goto(`${news.url}story.html`);
  const opened = context.waitForEvent('page');
  await story.evaluate((code) => (0, eval)(code), decodeURIComponent(href.slice('javascript:'.length)));
  const sent = await opened;
  await waitUntilRendered(sent);
  const dialog = sent.getByRole('dialog', { name: 'A page sent to the annotator' });
  await expectVisible(dialog, 15000);
  await expectVisible(dialog.getByText(`From a bookmarklet, on a page of ${new URL(news.url).origin}.`, { exact: false }));
  await expectText(dialog.getByRole('definition').first(), TITLE);
  await sent.screenshot({ path: new URL('./screenshots/bookmarklet-dialog.png', import.meta.url).pathname });
  // The story is in the library already (the tests above added it): it comes as its own article.
  await dialog.getByRole('button', { name: 'Add as a separate article' }).click();
  await expectHidden(dialog);
  await expectVisible(sent.getByRole('heading', { level: 1, name: TITLE }));
  await expectVisible(sent.getByRole('link', { name: `${news.url}story.html` }));
  assert.equal(await sent.evaluate(() => localStorage.getItem('ran')), null);
});
