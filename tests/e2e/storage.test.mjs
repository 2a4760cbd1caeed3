// Stored values the app cannot read: never lost, never written over, and the user is told.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  LIBRARY_KEY,
  SAMPLE_TITLE,
  expectHidden,
  expectText,
  expectVisible,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

/** Opens the app once, then replaces the stored library with `raw` and reloads. */
async function startWithStored(raw) {
  const app = await apps.open();
  await app.load();
  await app.page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY_KEY, raw]);
  await app.reload();
  return app;
}

/** Clicks "Export library" in the storage warning and returns the parsed file. */
async function exportFromBanner(app) {
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.storageAlert().getByRole('button', { name: 'Export library' }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

/** The keys under which unreadable values were kept aside, with their values. */
async function keptAside(app) {
  const entries = await app.storageEntries();
  return Object.entries(entries).filter(([key]) => key.startsWith(`${LIBRARY_KEY}.unreadable-`));
}

test('a corrupt stored library is kept aside unchanged, the sample opens, and saving works again', async () => {
  const raw = '{"broken 😀 مرحبا';
  const app = await startWithStored(raw);

  const alert = app.storageAlert();
  await expectVisible(alert);
  await expectText(alert.getByRole('paragraph'), /^Your saved library could not be read: it is not valid JSON/);
  await app.expectHeading(SAMPLE_TITLE);

  const aside = await keptAside(app);
  assert.equal(aside.length, 1, 'one copy kept aside');
  const [[key, value]] = aside;
  assert.equal(value, raw, 'the unreadable value is kept byte for byte');
  await waitFor(async () => assert.ok((await alert.textContent()).includes(`“${key}”`), 'the alert names the key it was kept under'));
  await expectVisible(alert.getByRole('button', { name: 'Download unreadable data' }));

  // The main key holds a valid library again.
  await waitFor(async () => {
    const stored = await app.stored();
    assert.equal(stored.format, 'article-annotator/library');
    assert.equal(stored.version, 5);
    assert.deepEqual(
      stored.articles.map((a) => a.title),
      [SAMPLE_TITLE],
    );
  });

  // Later changes are saved as usual, and the copy aside is left alone.
  await app.newArticle('After the repair\n\nText.');
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 2));
  await waitFor(async () => assert.deepEqual(await keptAside(app), aside));

  await alert.getByRole('button', { name: 'Hide warning' }).click();
  await expectHidden(alert);

  // A reload reads the repaired library without any warning.
  await app.reload();
  await app.expectHeading('After the repair');
  await expectHidden(app.storageAlert());
  await waitFor(async () => assert.deepEqual(await keptAside(app), aside));
  app.assertNoErrors();
});

test('the unreadable value can be downloaded as it was', async () => {
  const raw = '{"format":"article-annotator/library","version":1,"articles":[{"id":3}]}';
  const app = await startWithStored(raw);
  const alert = app.storageAlert();
  await expectText(alert.getByRole('paragraph'), /^Your saved library could not be read: it is not a library in a form this app knows/);

  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download unreadable data' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'unreadable-library.json');
  await waitFor(async () => assert.equal(await download.failure(), null, 'the download completed'));
  await waitFor(async () => assert.equal(await readFile(await download.path(), 'utf8'), raw));
  app.assertNoErrors();
});

test('a library written by a newer version is kept aside, with a warning that says so', async () => {
  const raw = JSON.stringify({
    format: 'article-annotator/library',
    version: 99,
    current: 'x',
    articles: [{ id: 'x', title: 'From the future', text: 'Future text', added: '2031-01-01T00:00:00Z' }],
  });
  const app = await startWithStored(raw);

  const alert = app.storageAlert();
  await expectText(alert.getByRole('paragraph'), /newer version/);
  await waitFor(async () => assert.match(await alert.textContent(), /format version 99/));
  await app.expectHeading(SAMPLE_TITLE);

  const aside = await keptAside(app);
  assert.equal(aside.length, 1);
  assert.equal(aside[0][1], raw);
  await waitFor(async () => assert.equal(await app.page.getByText('From the future').count(), 0));
  app.assertNoErrors();
});

test('a save that fails (storage full) is reported and leaves the saved library intact', async () => {
  const app = await apps.open();
  await app.load();
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 1));
  const before = await app.storedRaw();
  await app.refuseStorageWrites();

  await app.newArticle('Not saved for lack of room\n\nText.');
  await app.expectHeading('Not saved for lack of room');
  const alert = app.storageAlert();
  await expectText(
    alert.getByRole('paragraph'),
    "Your last change could not be saved: the browser's storage for this page is full. It is still on screen, and what was saved before is intact. Export the library to keep a copy.",
  );
  await waitFor(async () => assert.equal(await alert.getByRole('button', { name: 'Download unreadable data' }).count(), 0));
  await waitFor(async () => assert.equal(await app.storedRaw(), before));

  // What is only in memory can be exported from the warning.
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((a) => a.title).sort(), ['Not saved for lack of room', SAMPLE_TITLE].sort());
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  app.assertNoErrors();
});

test('a corrupt library that cannot be copied aside is left in place, and what is in memory can be exported', async () => {
  const raw = '{"format":"article-annotator/library","version":4,"articles":[{"id":"a","tit';
  const app = await apps.open();
  await app.load();
  await app.page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY_KEY, raw]);
  // Storage is full from now on: not even the copy aside fits.
  await app.refuseStorageWrites();
  await app.reload();
  await expectText(
    app.storageAlert().getByRole('paragraph'),
    /It was left in place and will not be written over; changes you make now are not saved\. The app opened the sample article instead\.$/,
  );
  await app.newArticle('Only on screen\n\nText.');
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((a) => a.title).sort(), ['Only on screen', SAMPLE_TITLE].sort());
  await waitFor(async () => assert.equal(await app.page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY), raw, 'the stored value is untouched'));
  await waitFor(async () => assert.deepEqual(await keptAside(app), []));
  app.assertNoErrors();
});

test('a truncated stored library is kept aside whole and the page says it cannot be read', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('Cut short\n\nA library whose value was cut off mid-write.');
  const whole = await app.storedRaw();
  const truncated = whole.slice(0, Math.floor(whole.length * 0.6));
  await app.page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY_KEY, truncated]);
  await app.reload();
  await expectText(app.storageAlert().getByRole('paragraph'), /^Your saved library could not be read: it is not valid JSON/);
  const aside = await keptAside(app);
  assert.deepEqual(aside.map(([, value]) => value), [truncated], 'the truncated value is kept byte for byte');
  app.assertNoErrors();
});

test('without usable storage the sample opens with a warning that nothing is kept', async () => {
  const app = await apps.open();
  await app.blockStorage();
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);
  await expectText(app.storageAlert().getByRole('paragraph'), /^This browser does not let the page use its storage/);
  // The app still works, in memory, and offers to export it.
  await app.newArticle('Kept in memory only\n\nText.');
  await app.expectHeading('Kept in memory only');
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((a) => a.title).sort(), ['Kept in memory only', SAMPLE_TITLE].sort());
  app.assertNoErrors();
});

test('when storage is refused, what another page of the site stored before is left as it was', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('Stored before\n\nText.');
  const before = await app.storedRaw();
  await app.blockStorage();
  await app.reload();
  await expectText(app.storageAlert().getByRole('paragraph'), /^This browser does not let the page use its storage/);
  await app.newArticle('Not stored\n\nText.');
  await app.page.evaluate(() => dispatchEvent(new Event('pagehide')));
  // A page of the same site without the block reads the stored library.
  const other = await app.page.context().newPage();
  await other.goto(app.page.url());
  await waitFor(async () => assert.equal(await other.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY), before));
  app.assertNoErrors();
});
