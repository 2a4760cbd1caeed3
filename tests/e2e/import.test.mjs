// Import: a round trip through the real download and upload into an empty browser profile,
// importing twice, W3C files, and broken files that change nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { App, SAMPLE_TITLE, expectHidden, expectText, expectVisible, largeExport, useApp, waitFor } from './harness.mjs';

const apps = useApp();

/** Clicks "Import" and gives the file chooser a file. */
async function importFile(app, name, content) {
  const [chooser] = await Promise.all([
    app.page.waitForEvent('filechooser'),
    app.page.getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

/** Downloads an export through the Export menu and returns its text. */
async function exported(app, name) {
  await app.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.getByRole('group', { name: 'Exports' }).getByRole('button', { name, exact: true }).click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

async function annotated() {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('killed 95 people', 'claim');
  await app.mark('The Wall Street Journal', 'source');
  await app.entry('Claim: killed 95 people').click();
  await app.noteField().fill('Later reports: at least 95. 😀 مرحبا');
  await waitFor(async () => assert.ok((await app.storedAnnotations()).some((a) => a.note.startsWith('Later'))));
  return app;
}

test('export then import into an empty profile gives back the same library; twice adds nothing', async () => {
  const source = await annotated();
  const file = await exported(source, 'Export library');
  const original = (await source.stored()).articles;

  // A new, empty browser profile.
  const context = await source.page.context().browser().newContext({ viewport: { width: 1280, height: 900 } });
  const app = new App(await context.newPage());
  await app.load();
  await importFile(app, 'library.annotations.json', file);
  await expectText(app.status().getByRole('paragraph'), 'Imported “library.annotations.json”: 1 new article and 3 annotations.');
  const imported = (await app.stored()).articles.find((a) => a.title === SAMPLE_TITLE && a.annotations.length > 0);
  const before = original.find((a) => a.id === imported.id);
  assert.ok(before, 'the same article id');
  for (const field of ['id', 'title', 'text', 'source_url', 'published', 'added', 'annotations']) {
    assert.deepEqual(imported[field], before[field], field);
  }

  await importFile(app, 'library.annotations.json', file);
  await expectText(
    app.status().getByRole('paragraph'),
    'Imported “library.annotations.json”: 0 new articles and 0 annotations. 3 annotations were already here.',
  );
  const again = (await app.stored()).articles.find((a) => a.id === imported.id);
  assert.equal(again.annotations.length, 3);
  app.assertNoErrors();
  source.assertNoErrors();
  await context.close();
});

test('a W3C Web Annotation file imports into the open article', async () => {
  const source = await annotated();
  const w3c = await exported(source, 'Export W3C Web Annotation');
  const context = await source.page.context().browser().newContext({ viewport: { width: 1280, height: 900 } });
  const app = new App(await context.newPage());
  await app.load();
  await importFile(app, 'sample.w3c.jsonld', w3c);
  await expectText(app.status().getByRole('paragraph'), 'Imported “sample.w3c.jsonld”: 0 new articles and 3 annotations.');
  // The list follows once the page is idle and the import is saved.
  await waitFor(async () =>
    assert.deepEqual(await app.entryNames(), [
      'Claim: killed 95 people',
      'Anonymous attribution: a U.S. official said',
      'Source: The Wall Street Journal',
    ]),
  );
  app.assertNoErrors();
  await context.close();
});

test('broken import files are refused with a message naming the problem, and nothing changes', async () => {
  const app = await annotated();
  const good = await exported(app, 'Export JSON');
  const before = await app.storedRaw();
  const file = JSON.parse(good);
  const withAnnotation = (change) => {
    const copy = structuredClone(file);
    change(copy.articles[0].annotations[1]);
    return JSON.stringify(copy);
  };
  const cases = [
    ['not JSON', '{"format": "article-annotator/export", ', 'is not valid JSON'],
    ['wrong shape', '{"format": "article-annotator/export", "version": 1, "articles": 3}', 'The file has no "articles" list.'],
    ['other JSON', '{"hello": "world"}', 'neither an Article Annotator export nor W3C Web Annotation JSON'],
    ['outside the text', withAnnotation((a) => { a.end = 999999; }), '(id “'],
    ['wrong quote', withAnnotation((a) => { a.quote.exact = 'nothing like it'; }), 'field "quote" (“nothing like it”) does not match the text'],
    ['bad kind', withAnnotation((a) => { a.kind = 'rumour'; }), 'field "kind" is “rumour”'],
    ['deeply nested', '['.repeat(50000), 'is not valid JSON'],
  ];
  for (const [label, content, expected] of cases) {
    await importFile(app, `${label}.json`, content);
    const message = app.status().getByRole('paragraph');
    await waitFor(async () => {
      const text = await message.textContent();
      assert.ok(text.startsWith(`“${label}.json” was not imported, and nothing changed.`), text);
      assert.ok(text.includes(expected), `${label}: ${text}`);
    });
    await waitFor(async () => assert.equal(await app.storedRaw(), before, `${label}: the stored library is unchanged`));
  }
  app.assertNoErrors();
});

test('annotations made on another version of the text are placed again, and an orphan is placed by hand', async () => {
  const source = await annotated();
  const file = JSON.parse(await exported(source, 'Export JSON'));
  const article = file.articles[0];
  const points = (s) => Array.from(s).length;
  const sha256 = async (s) => (await import('node:crypto')).createHash('sha256').update(s, 'utf8').digest('hex');

  // Another profile, whose copy of the sample article has no annotations yet.
  const context = await source.page.context().browser().newContext({ viewport: { width: 1280, height: 900 } });
  const app = new App(await context.newPage());
  await app.load();
  await app.keepLeftovers();
  const mine = (await app.stored()).articles[0];
  assert.equal(mine.text, article.text);

  // A colleague's file made on an earlier version: a sentence more at the top (with a source
  // marked on it), and a typo in the newspaper's name, since corrected.
  const intro = 'A spokesman declined to comment on the report.\n\n';
  const older = structuredClone(file);
  const old = older.articles[0];
  old.id = mine.id;
  old.text = intro + article.text.replace('The Wall Street Journal', 'The Wall Street Jornal');
  old.text_sha256 = await sha256(old.text);
  for (const a of old.annotations) {
    delete a.quote;
    a.start += points(intro);
    a.end += points(intro);
    if (a.kind === 'source') a.end -= 1;
  }
  old.annotations.push({ id: 'n-spokesman', kind: 'source', start: 2, end: 11, note: 'Ask again on Monday.', created: '', modified: '' });
  await importFile(app, 'older.json', JSON.stringify(older));
  await expectText(
    app.status().getByRole('paragraph'),
    'Imported “older.json”: 0 new articles and 3 annotations. The text had changed: 3 annotations placed again by their quotes. 1 annotation could not be placed safely; see Orphans in the panel.',
  );
  await waitFor(async () => assert.deepEqual((await app.entryNames()).sort(), [
    'Anonymous attribution: a U.S. official said',
    'Claim: killed 95 people',
    'Source: The Wall Street Journal',
  ]));
  const orphan = app.page.getByRole('group', { name: 'spokesman' });
  await expectVisible(orphan);
  await waitFor(async () => assert.match(await orphan.textContent(), /Ask again on Monday\./));
  await app.page.screenshot({ path: 'tests/e2e/screenshots/orphans.png' });

  // Discarded, then brought back by the notice's Undo.
  await orphan.getByRole('button', { name: 'Discard' }).click();
  await expectText(app.status().getByRole('paragraph'), 'Discarded the orphan “spokesman”.');
  await expectHidden(orphan);
  await app.status().getByRole('button', { name: 'Undo' }).click();
  await expectVisible(orphan);

  // Placed by hand on a passage of this version: an ordinary annotation, kept on reload.
  await app.select("Iran's mission to the United Nations");
  await orphan.getByRole('button', { name: 'Place at selection' }).click();
  await expectVisible(app.entry("Source: Iran's mission to the United Nations"));
  await expectHidden(app.page.getByRole('heading', { name: /^Orphans/ }));
  // Undo puts it back among the orphans, note and all; redo places it again.
  await app.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectVisible(orphan);
  await expectHidden(app.entry("Source: Iran's mission to the United Nations"));
  await app.page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expectVisible(app.entry("Source: Iran's mission to the United Nations"));
  await expectHidden(orphan);
  await waitFor(async () => assert.ok((await app.storedAnnotations()).some((a) => a.id === 'n-spokesman' && a.note === 'Ask again on Monday.')));
  await app.page.reload();
  await expectVisible(app.entry("Source: Iran's mission to the United Nations"));
  await waitFor(async () => assert.deepEqual((await app.stored()).articles[0].orphans ?? [], [], 'no orphans left'));
  app.assertNoErrors();
  source.assertNoErrors();
  await context.close();
});

test('a 10 MB export imports whole and is stored, written by the database worker (or by the page where the worker cannot load); storage too small for it is said, and what was stored stays', async () => {
  const file = largeExport(10);
  const { articles } = JSON.parse(file);
  const annotations = articles.reduce((n, a) => n + a.annotations.length, 0);
  const said = `Imported “large.json”: ${articles.length} new articles and ${annotations} annotations.`;

  const app = await apps.open();
  // Handing 10 MB to the file chooser takes seconds on a busy machine.
  app.page.setDefaultTimeout(30_000);
  const fetched = [];
  app.page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await app.load();
  // Another tab of the app is told of a write the worker made, as of the page's own writes.
  const other = new App(await app.page.context().newPage());
  other.page.setDefaultTimeout(30_000);
  await other.load();
  await importFile(app, 'large.json', file);
  await expectText(app.status().getByRole('paragraph'), said, { timeout: 20000 });
  await expectText(app.page.getByRole('button', { name: /^Library/ }), `Library${articles.length + 1}`);
  await waitFor(async () => assert.equal((await app.stored()).articles.length, articles.length + 1), { timeout: 20000 });
  // The import's 16,000 documents were written off the page's thread.
  assert.ok(fetched.includes('/database-worker.js'), `the database worker was started: ${fetched.join(' ')}`);
  await expectText(other.page.getByRole('button', { name: /^Library/ }), `Library${articles.length + 1}`, {
    timeout: 20000,
  });
  // This tab's changes feed, started again past the worker's write, still hears the other tab,
  // and the other tab hears this one.
  await other.mark('a U.S. official said', 'anonymous_attribution', { saved: false });
  await expectVisible(app.entry('Anonymous attribution: a U.S. official said'), 20000);
  await app.mark('killed 95 people', 'claim', { saved: false });
  await expectVisible(other.entry('Claim: killed 95 people'), 20000);
  app.assertNoErrors();
  other.assertNoErrors();

  // Where the worker cannot be loaded (offline before it was ever kept), the page writes.
  const without = await apps.open();
  without.page.setDefaultTimeout(30_000);
  await without.page.route('**/database-worker.js', (route) => route.abort());
  await without.load();
  await importFile(without, 'large.json', file);
  await expectText(without.status().getByRole('paragraph'), said, { timeout: 20000 });
  await waitFor(async () => assert.equal((await without.stored()).articles.length, articles.length + 1), {
    timeout: 20000,
  });
  without.assertNoErrors();

  // The app keeps its database in a storage bucket; this one gets a quota of 2 MB.
  const small = await apps.open();
  small.page.setDefaultTimeout(30_000);
  await small.page.addInitScript(() => {
    const open = navigator.storageBuckets.open.bind(navigator.storageBuckets);
    navigator.storageBuckets.open = (name, options) => open(name, { ...options, quota: 2_000_000 });
  });
  await small.load();
  await waitFor(async () => assert.equal((await small.stored()).articles.length, 1));
  const before = await small.storedRaw();
  await importFile(small, 'large.json', file);
  await expectText(small.status().getByRole('paragraph'), said, { timeout: 20000 });
  await expectText(small.page.getByRole('alert').first(), /the browser's storage for this page is full/, { timeout: 20000 });
  await waitFor(async () => assert.equal(await small.storedRaw(), before));
});
