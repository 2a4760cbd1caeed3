// The library in the browser's database: moving in a library that an earlier version kept in
// localStorage, values that cannot be read, a full storage, and a database that cannot be used.
// Nothing stored is ever lost or written over, and the user is told.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import {
  LIBRARY_KEY,
  SAMPLE_TITLE,
  expectHidden,
  expectText,
  expectVisible,
  incompressibleText,
  appUrl,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();
const FIXTURES = new URL('../fixtures/stored/', import.meta.url);
const BACKUP_KEY = `${LIBRARY_KEY}.before-database`;

/** Opens the app once, then puts `raw` where earlier versions kept the library, and reloads. */
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

/** The stored annotations of each article, by title, as `{ title: [{ id, kind, start, end, note }] }`. */
async function storedByTitle(app) {
  const library = await app.stored();
  return Object.fromEntries(
    library.articles.map((a) => [a.title, a.annotations.map(({ id, kind, start, end, note }) => ({ id, kind, start, end, note: note ?? '' }))]),
  );
}

for (const name of (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort()) {
  test(`a library an earlier version stored (${name}) moves into the database whole, and its backup is offered`, async () => {
    const raw = await readFile(new URL(name, FIXTURES), 'utf8');
    const old = JSON.parse(raw);
    const app = await apps.open();
    await app.seedLibrary(raw);
    await app.load();
    const annotations = old.articles.reduce((n, a) => n + (a.annotations?.length ?? 0), 0);
    await app.expectStatus(
      `Your library (${old.articles.length} articles, ${annotations} annotations) moved into this browser's database. A backup of it as it was is kept: Library, “Export the backup”.`,
    );
    const expected = Object.fromEntries(
      old.articles.map((a) => [a.title, (a.annotations ?? []).map(({ id, kind, start, end, note }) => ({ id, kind, start, end, note: note ?? '' }))]),
    );
    await waitFor(async () => assert.deepEqual(await storedByTitle(app), expected));
    // The old value is kept aside as it was, and no longer where the old version kept it.
    const entries = await app.storageEntries();
    assert.equal(entries[BACKUP_KEY], raw);
    assert.equal(entries[LIBRARY_KEY], undefined);

    // A reload reads the database and does not move anything in again.
    await app.reload();
    await waitFor(async () => assert.deepEqual(await storedByTitle(app), expected));
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Library' });
    await expectVisible(dialog.getByRole('heading', { name: 'Storage' }));
    await expectText(dialog.getByText(/^The library takes [0-9.]+ MB of this browser's storage/), /MB/);
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export the backup' }).click(),
    ]);
    const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(backup.articles.map((a) => a.title), old.articles.map((a) => a.title));
    app.assertNoErrors();
  });
}

test('two tabs starting at once move an old library in once', async () => {
  const raw = await readFile(new URL('v5.json', FIXTURES), 'utf8');
  const one = await apps.open();
  const context = one.page.context();
  // Seeded once for the whole context, before either tab's app starts.
  await context.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem('test-seeded')) {
        localStorage.setItem(key, value);
        localStorage.setItem('test-seeded', '1');
      }
    },
    [LIBRARY_KEY, raw],
  );
  const two = new (Object.getPrototypeOf(one).constructor)(await context.newPage());
  await Promise.all([one.load(), two.load()]);
  const moved = /moved into this browser's database/;
  const told = async (app) => moved.test((await app.status().textContent()) ?? '');
  await waitFor(async () => assert.equal((await told(one)) + (await told(two)), 1, 'one tab moved it in and said so'));
  const titles = JSON.parse(raw).articles.map((a) => a.title);
  await waitFor(async () => assert.deepEqual((await one.stored()).articles.map((a) => a.title), titles));
  one.assertNoErrors();
  two.assertNoErrors();
});

test('a corrupt stored library is kept aside unchanged, the database is left alone, and saving works', async () => {
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

  // Later changes are saved as usual, and the copy aside is left alone.
  await app.newArticle('After the repair\n\nText.');
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 2));
  await waitFor(async () => assert.deepEqual(await keptAside(app), aside));

  // A reload reads the database without any warning.
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
  assert.deepEqual(aside.map(([, value]) => value), [raw]);
  await waitFor(async () => assert.equal(await app.page.getByText('From the future').count(), 0));
  app.assertNoErrors();
});

test('a full storage (a storage bucket with a small quota): reported, nothing stored is lost, and it saves again once there is room', async () => {
  const app = await apps.open();
  await app.useSmallStorage();
  await app.load();
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 1));
  const before = await app.storedRaw();
  assert.ok((await app.fillStorage()) > 1, 'the storage was filled');

  await app.newArticle(`Too much for the room left\n\n${incompressibleText(4_000)}`);
  await app.expectHeading('Too much for the room left');
  const alert = app.storageAlert();
  await expectText(
    alert.getByRole('paragraph'),
    /^Your last change could not be saved: the browser's storage for this page is full\. It is still on screen, and what was saved before is intact/,
  );
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((a) => a.title).sort(), ['Too much for the room left', SAMPLE_TITLE].sort());

  // Room again (the storage is read once there is room: opening a database writes to it).
  await app.freeStorage();
  await waitFor(async () => assert.equal(await app.storedRaw(), before, 'nothing stored changed'));
  // The next change saves what is in memory, the failed change included.
  await app.newArticle('Room again\n\nText.');
  await waitFor(async () =>
    assert.deepEqual((await app.stored()).articles.map((a) => a.title), [SAMPLE_TITLE, 'Too much for the room left', 'Room again']),
  );
  await expectHidden(alert);
});

test('without a usable database the sample opens with a warning that nothing is kept, and it can be exported', async () => {
  const app = await apps.open();
  await app.page.addInitScript(() => {
    Object.defineProperty(navigator, 'storageBuckets', { value: undefined });
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);
  await expectText(app.storageAlert().getByRole('paragraph'), /^This browser's database cannot be used/);
  await app.newArticle('Kept in memory only\n\nText.');
  await app.expectHeading('Kept in memory only');
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((a) => a.title).sort(), ['Kept in memory only', SAMPLE_TITLE].sort());
});

test('a database deleted under the open app: the library on screen is stored again whole, and the page says so', async () => {
  const app = await apps.open();
  await app.load();
  const a = await app.mark('a U.S. official said', 'anonymous_attribution');
  const b = await app.mark('killed 95 people', 'claim');
  await waitFor(async () => assert.deepEqual(await app.storedAnnotations(), [a, b]));

  // As clearing the site's data in the browser's settings does (the app pointed `indexedDB` at
  // its storage bucket, where the database is).
  await app.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const deleting = indexedDB.deleteDatabase('_pouch_article-annotator');
        deleting.onsuccess = resolve;
        deleting.onerror = () => reject(deleting.error);
      }),
  );
  await app.expectStatus(/^This browser's storage for the app was emptied while the page was open/);
  await waitFor(async () => assert.deepEqual(await app.storedAnnotations(), [a, b]));
  assert.deepEqual((await app.stored()).articles.map((article) => article.title), [SAMPLE_TITLE]);

  await app.reload();
  await waitFor(async () =>
    assert.deepEqual(await app.entryNames(), ['Claim: killed 95 people', 'Anonymous attribution: a U.S. official said']),
  );
  await expectHidden(app.storageAlert());
  app.assertNoErrors();
});

test('a newer version opening the database in another tab: this tab says to reload, and can export', async () => {
  const app = await apps.open();
  await app.load();
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 1));
  await app.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open('_pouch_article-annotator', 1000);
        opening.onsuccess = () => resolve(opening.result.close());
        opening.onerror = () => reject(opening.error);
      }),
  );
  const alert = app.storageAlert();
  await expectText(alert.getByRole('paragraph'), /^A newer version of Article Annotator was opened in another tab/);
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((article) => article.title), [SAMPLE_TITLE]);
});

test('a tab of an older version holding the database open: the page says so, works in memory, and can export', { timeout: 120_000 }, async () => {
  const app = await apps.open();
  // The older tab: the database at an earlier version, held open and never let go.
  const older = await app.page.context().newPage();
  await older.goto(`${appUrl()}manifest.webmanifest`);
  await older.evaluate(async () => {
    const bucket = await navigator.storageBuckets.open('library', { persisted: true });
    await new Promise((resolve, reject) => {
      const opening = bucket.indexedDB.open('_pouch_article-annotator', 1);
      opening.onsuccess = () => resolve((window.held = opening.result));
      opening.onerror = () => reject(opening.error);
    });
  });
  await app.load(undefined, 30_000);
  await app.expectHeading(SAMPLE_TITLE);
  const alert = app.storageAlert();
  await expectText(alert.getByRole('paragraph'), /another tab with an older version of this app may be holding it/, { timeout: 30_000 });
  await app.newArticle('Kept in memory meanwhile\n\nText.');
  await app.expectHeading('Kept in memory meanwhile');
  const exported = await exportFromBanner(app);
  assert.deepEqual(exported.articles.map((article) => article.title).sort(), ['Kept in memory meanwhile', SAMPLE_TITLE].sort());
});

test('a change made just before the page goes is kept: what is not yet written waits in localStorage for the next start', async () => {
  const app = await apps.open();
  // The page is busy: its idle time (when it saves) comes a while after each change.
  await app.page.addInitScript(() => {
    window.requestIdleCallback = (work) => setTimeout(() => work({ didTimeout: false, timeRemaining: () => 10 }), 300);
  });
  await app.load();
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 1));
  // Marked and left at once: the page goes before its database write could finish.
  await app.select('killed 95 people');
  await app.toolbar().getByRole('button', { name: 'Claim', exact: true }).click();
  await app.page.reload();
  await waitFor(async () => assert.deepEqual(await app.entryNames(), ['Claim: killed 95 people']));
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 1));
  await waitFor(async () => assert.equal(await app.page.evaluate(() => localStorage.getItem('article-annotator/unsaved')), null));
  await app.reload();
  await waitFor(async () => assert.deepEqual(await app.entryNames(), ['Claim: killed 95 people']));
  app.assertNoErrors();
});
