// A panic in the wasm (issue 8): the page says so and offers an export of everything in memory
// and a reload; what was saved before the panic is intact, and nothing is saved after it. The
// panic comes from the app's hidden test trigger (`crash::TEST_PANIC_EVENT`), not from a bug.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SAMPLE_TITLE, expectText, expectVisible, incompressibleText, isFocused, screenshot, useApp, waitFor } from './harness.mjs';

const apps = useApp();

const panic = (app) => app.page.evaluate(() => dispatchEvent(new CustomEvent('article-annotator:test-panic')));
const crashDialog = (app) => app.page.getByRole('alertdialog', { name: 'Article Annotator stopped' });

/** Clicks the crash message's "Export library" and returns the parsed file. */
async function exportFromCrash(app) {
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    crashDialog(app).getByRole('link', { name: 'Export library' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'article-annotator-library.annotations.json');
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

/** The errors a panic logs, and only those: the panic message and the wasm trap. */
function assertOnlyThePanicWasLogged(app) {
  assert.ok(app.errors.some((e) => e.includes('a test asked the app to panic')), app.errors.join('\n'));
  assert.deepEqual(
    app.errors.filter(
      (e) =>
        !e.includes('a test asked the app to panic') &&
        !e.includes('unreachable') &&
        // What PouchDB logs when a full storage aborts a write (the storage-full test's).
        !e.includes('Database has a global failure QuotaExceededError'),
    ),
    [],
  );
}

test('a panic shows a message with an export and a reload; the saved library is intact and nothing is saved after', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  const before = await app.storedRaw();

  await panic(app);
  const dialog = crashDialog(app);
  await expectVisible(dialog);
  await expectText(
    dialog.getByRole('paragraph'),
    'Something went wrong inside the app, and it stopped so as not to damage your work. What was saved before is intact in this browser. Export the library to keep a copy of everything on screen, then reload the page.',
  );
  const exportLink = dialog.getByRole('link', { name: 'Export library' });
  await waitFor(async () => assert.ok(await isFocused(exportLink), 'the export has the focus'));
  // The app behind the message is inert: the keyboard moves between the message's links only.
  await waitFor(async () => assert.ok(await app.newArticleButton().evaluate((b) => b.closest('[inert]') !== null), 'the app is inert'));
  await app.page.keyboard.press('Tab');
  await waitFor(async () => assert.ok(await isFocused(dialog.getByRole('link', { name: 'Reload' })), 'Tab goes to Reload'));
  await screenshot(app.page, 'crash', { fullPage: false });

  const exported = await exportFromCrash(app);
  assert.equal(exported.format, 'article-annotator/export');
  const annotations = exported.articles.find((a) => a.title === SAMPLE_TITLE).annotations;
  assert.deepEqual(annotations.map((a) => [a.kind, a.quote.exact]), [['anonymous_attribution', 'a U.S. official said']]);

  // Leaving the page would save at once; after a panic it does not.
  await app.page.evaluate(() => dispatchEvent(new Event('pagehide')));
  await waitFor(async () => assert.equal(await app.storedRaw(), before, 'the stored library is unchanged'));

  await dialog.getByRole('link', { name: 'Reload' }).click();
  await app.expectHeading(SAMPLE_TITLE);
  await expectVisible(app.entry('Anonymous attribution: a U.S. official said'));
  await waitFor(async () => assert.equal(await crashDialog(app).count(), 0));
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  assertOnlyThePanicWasLogged(app);
});

test('after a panic, the export holds the change that storage could not keep', async () => {
  const app = await apps.open();
  await app.useSmallStorage();
  await app.load();
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 1));
  const before = await app.storedRaw();
  assert.ok((await app.fillStorage()) > 1, 'the storage was filled');
  await app.newArticle(`Only in memory\n\n${incompressibleText(4_000)}`);
  await expectVisible(app.storageAlert());

  await panic(app);
  await expectVisible(crashDialog(app));
  const exported = await exportFromCrash(app);
  assert.deepEqual(exported.articles.map((a) => a.title).sort(), ['Only in memory', SAMPLE_TITLE].sort());
  // With room made, what is stored is what was stored before.
  await app.freeStorage();
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  assertOnlyThePanicWasLogged(app);
});
