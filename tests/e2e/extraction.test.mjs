// Real news pages in: a saved page keeps its article and nothing else, with its byline, outlet,
// date and address filled in; what was left out is listed beside the text and can be put back
// (with undo); a web page pasted from the clipboard is read the same way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectHidden, expectText, expectVisible, useApp, waitFor } from './harness.mjs';

const apps = useApp();
const CONFORMANCE = fileURLToPath(new URL('../../../shared/tools/w3c_conformance.py', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../docs/export.schema.json', import.meta.url));

function saved(text, name) {
  const file = join(mkdtempSync(join(tmpdir(), 'extraction-')), name);
  writeFileSync(file, text);
  return file;
}

const STORY = [
  'The city council voted 7 to 2 on Tuesday to close the Main Street library at the end of the year, citing a budget shortfall of more than a million dollars.',
  '“We had no other choice,” said a council official, who spoke on condition of anonymity because the vote had not been announced.',
  'Dozens of residents spoke against the closure during a three-hour public hearing, and a petition to keep the branch open has gathered four thousand signatures.',
  'The council will hear an appeal next month, the mayor’s office said in a statement.',
];

/** A saved news page: a section menu, a byline and date, the story, a share row, related
 * stories, comments with "Reply", a footer, and a script that must never run. */
const NEWS_PAGE = `<!doctype html><html lang="en"><head><title>Council votes to close library | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council votes to close library","author":{"@type":"Person","name":"Jane Reporter"},"datePublished":"2024-03-05T09:30:00Z","dateModified":"2024-03-06T08:00:00Z"}</script>
<link rel="canonical" href="https://example.com/news/library">
<script>window.__pwned = 1</script></head><body>
<header><ul class="menu"><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/trending">Trending</a></li></ul></header>
<main><article><h1>Council votes to close library</h1><p class="byline">By Jane Reporter</p>
${STORY.map((p) => `<p>${p}</p>`).join('\n')}
<div class="share-row"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div></article>
<aside class="related-stories"><h2>Related stories</h2><ul><li><a href="/a">Mayor opens new bridge across the river</a></li><li><a href="/b">School budget cut by a tenth this year</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Great news, finally!</p><a href="#">Reply</a></div></section></main>
<footer><p>© 2024 The Daily Example. All rights reserved.</p></footer></body></html>`;

/** Opens "New article" and pastes, into its empty text area, a clipboard holding `html` and,
 * beside it, `plain` as a browser puts them there. */
async function pasteIntoNewArticle(app, html, plain) {
  const dialog = await app.openNewArticle();
  const textArea = dialog.getByRole('textbox', { name: 'Article text' });
  await textArea.focus();
  await app.page.evaluate(async ([html, plain]) => {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([plain], { type: 'text/plain' }),
      }),
    ]);
  }, [html, plain]);
  await app.page.keyboard.press('Control+V');
  return { dialog, textArea };
}

function htmlFile(name, content) {
  return { name, mimeType: 'text/html', buffer: Buffer.from(content, 'utf8') };
}

test('a saved news page keeps its article, fills in its details, and lists what it left out', async () => {
  const app = await apps.open();
  const fetched = [];
  app.page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await app.load();
  // The app's worker (the second wasm module, in a Web Worker) is not part of opening the app.
  const reader = (path) => /^\/worker[._]/.test(path);
  assert.deepEqual(fetched.filter(reader), []);
  const dialog = await app.chooseFile(htmlFile('council.html', NEWS_PAGE));
  await expectHidden(dialog);
  await app.expectHeading('Council votes to close library');
  await waitFor(async () => assert.equal(await app.text(), STORY.join('\n\n')));
  assert.deepEqual([...new Set(fetched.filter(reader))].sort(), ['/worker.js', '/worker_bg.wasm', '/worker_loader.js']);
  await expectText(app.metaLine(), /^By Jane Reporter · The Daily Example · https:\/\/example\.com\/news\/library · Published .*2024/);

  const stored = (await app.stored()).articles.at(-1);
  assert.equal(stored.byline, 'Jane Reporter');
  assert.equal(stored.site_name, 'The Daily Example');
  assert.equal(stored.published, '2024-03-05');
  assert.equal(stored.modified, '2024-03-06');
  assert.equal(stored.source_url, 'https://example.com/news/library');
  assert.equal(stored.language, 'en');
  await waitFor(async () => assert.equal(await app.page.evaluate(() => window.__pwned), undefined));

  // Nothing is dropped unseen: the menu, share row, related stories and comments are listed.
  const leftOut = app.reader().getByRole('group').filter({ hasText: 'Left out of the web page' });
  await app.reader().getByText(/^Left out of the web page: \d+ parts$/).click();
  for (const part of ['Home', 'Share on Facebook', 'Mayor opens new bridge across the river', 'Great news, finally!']) {
    await expectVisible(leftOut.getByText(part, { exact: false }).first());
  }

  // Putting the comments back adds them after the story; undo takes them out again.
  await leftOut.getByRole('button', { name: /^Put back comments/ }).first().click();
  await app.expectStatus(/^Put the comments back into the text\./);
  await waitFor(async () => assert.ok((await app.text()).endsWith('Great news, finally!\n\nReply'), await app.text()));
  await waitFor(async () => assert.ok((await app.stored()).articles.at(-1).text.includes('Great news, finally!')));
  await app.status().getByRole('button', { name: 'Undo' }).click();
  await waitFor(async () => assert.equal(await app.text(), STORY.join('\n\n')));

  await app.reload();
  await app.expectHeading('Council votes to close library');
  await waitFor(async () => assert.equal(await app.text(), STORY.join('\n\n')));

  // The page's details travel in the exports: W3C (conformant), our JSON (its schema).
  await app.mark('The city council voted 7 to 2 on Tuesday', 'claim', { text: STORY.join('\n\n') });
  const w3c = JSON.parse((await app.exportAs('Export W3C Web Annotation')).text);
  const source = w3c.first.items[0].target.source;
  assert.deepEqual(source, {
    id: 'https://example.com/news/library',
    type: 'Text',
    language: 'en',
    creator: { type: 'Person', name: 'Jane Reporter' },
  });
  const report = execFileSync('python3', [CONFORMANCE, saved(JSON.stringify(w3c), 'w3c.jsonld')], { encoding: 'utf8' });
  assert.match(report.trim().split('\n').at(-1), /^1 passed, 0 failed$/);
  const json = (await app.exportAs('Export JSON')).text;
  const check = 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))';
  execFileSync('python3', ['-c', check, SCHEMA, saved(json, 'export.json')], { encoding: 'utf8' });
  const exported = JSON.parse(json).articles.find((a) => a.title === 'Council votes to close library');
  assert.equal(exported.byline, 'Jane Reporter');
  assert.equal(exported.site_name, 'The Daily Example');
  assert.equal(exported.modified, '2024-03-06');
  app.assertNoErrors();
});

test('a web page pasted from the clipboard becomes its article with its details', async () => {
  const app = await apps.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await app.load();
  const dialog = await app.openNewArticle();
  const textArea = dialog.getByRole('textbox', { name: 'Article text' });
  await textArea.focus();
  // What a browser puts on the clipboard when a reader copies a whole page: its HTML and,
  // beside it, the plain text of everything selected.
  await app.page.evaluate(async (html) => {
    const plain = 'Home News Trending Council votes to close library ' + html.length;
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([plain], { type: 'text/plain' }),
      }),
    ]);
  }, NEWS_PAGE);
  await app.page.keyboard.press('Control+V');
  await waitFor(async () => assert.equal(await textArea.inputValue(), STORY.join('\n\n')));
  await waitFor(async () =>
    assert.equal(await dialog.getByRole('textbox', { name: 'Title (optional)' }).inputValue(), 'Council votes to close library'),
  );
  await waitFor(async () =>
    assert.equal(await dialog.getByRole('textbox', { name: 'Source URL (optional)' }).inputValue(), 'https://example.com/news/library'),
  );
  await expectText(
    dialog.getByRole('status').filter({ hasText: 'pasted web page' }),
    /^Read the article from the pasted web page; \d+ parts of the page/,
  );
  await dialog.getByRole('button', { name: 'Create article' }).click();
  await expectHidden(dialog);
  await app.expectHeading('Council votes to close library');
  await waitFor(async () => assert.equal(await app.text(), STORY.join('\n\n')));
  const stored = (await app.stored()).articles.at(-1);
  assert.equal(stored.byline, 'Jane Reporter');
  assert.equal(stored.published, '2024-03-05');
  assert.ok(stored.removed_parts.some((p) => p.text.includes('Great news, finally!')));

  // Pasted into text already typed, the page goes in as plain text and replaces nothing.
  const again = await app.openNewArticle();
  const area = again.getByRole('textbox', { name: 'Article text' });
  await area.fill('My own notes. ');
  await area.press('End');
  await app.page.keyboard.press('Control+V');
  await waitFor(async () => assert.match(await area.inputValue(), /^My own notes\. Home News Trending Council votes/));
  app.assertNoErrors();
});

test('a page nested deeper than a browser builds opens up to there, and the page says so', async () => {
  const app = await apps.open();
  await app.load();
  const deep = `<title>Deep page</title><p>${STORY[0]}</p>${'<div>'.repeat(100000)}hidden below`;
  const dialog = await app.chooseFile(htmlFile('deep.html', deep));
  await expectHidden(dialog, 20000);
  await app.expectStatus(/^Added “Deep page” to the library, but only its first part: “deep\.html” nests elements more than 512 deep/);
  await waitFor(async () => assert.equal(await app.text(), STORY[0]));
  app.assertNoErrors();
});

test('when the worker cannot be loaded the page says so, nothing is added, and a later try works', async () => {
  const app = await apps.open();
  await app.load();
  const before = await app.stored();
  // The worker's module out of reach, as when offline before it was ever fetched.
  await app.page.route(/\/worker[._][^/]*$/, (route) => route.abort('internetdisconnected'));
  const dialog = await app.chooseFile(htmlFile('council.html', NEWS_PAGE));
  await expectText(
    dialog.getByRole('alert'),
    /^“council\.html” was not opened\. The web page could not be read: the part of the app that does it .+\. Check the connection and try again\.$/,
  );
  assert.deepEqual(await app.stored(), before, 'nothing changed');
  // Back in reach: the same file opens, the worker started again.
  await app.page.unroute(/\/worker[._][^/]*$/);
  const [chooser] = await Promise.all([
    app.page.waitForEvent('filechooser'),
    dialog.getByRole('button', { name: 'Open file…' }).click(),
  ]);
  await chooser.setFiles(htmlFile('council.html', NEWS_PAGE));
  await expectHidden(dialog);
  await app.expectHeading('Council votes to close library');
  await waitFor(async () => assert.equal(await app.text(), STORY.join('\n\n')));
});

test('a web page pasted while the worker cannot be loaded goes in as its plain text, and the page says why', async () => {
  const app = await apps.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await app.load();
  await app.page.route(/\/worker[._][^/]*$/, (route) => route.abort('internetdisconnected'));
  const { dialog, textArea } = await pasteIntoNewArticle(app, NEWS_PAGE, 'Council votes to close library. The city council voted 7 to 2.');
  await waitFor(async () => assert.equal(await textArea.inputValue(), 'Council votes to close library. The city council voted 7 to 2.'));
  await expectText(
    dialog.getByRole('status').filter({ hasText: 'part of the app' }),
    /^The web page could not be read: the part of the app that does it .+\. Check the connection and try again\. Its plain text was pasted instead\.$/,
  );
});

test('a web page still being read when the dialog is closed does not turn up in the next one', async () => {
  const app = await apps.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await app.load();
  // The worker's module arrives late, as on a slow connection.
  let arrive;
  const arrived = new Promise((resolve) => { arrive = resolve; });
  await app.page.route(/\/worker[._][^/]*$/, async (route) => {
    await arrived;
    await route.continue();
  });
  const { dialog } = await pasteIntoNewArticle(app, NEWS_PAGE, 'Council votes to close library.');
  await expectText(dialog.getByRole('status').filter({ hasText: 'Reading' }), 'Reading the pasted web page…');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(dialog);
  const loaded = app.page.waitForResponse(/\/worker_bg\.wasm$/);
  arrive();
  // The worker starts and answers (reading this page takes it milliseconds once started);
  // then "New article" opens empty.
  await loaded;
  await app.page.waitForTimeout(1500);
  const again = await app.openNewArticle();
  assert.equal(await again.getByRole('textbox', { name: 'Article text' }).inputValue(), '');
  assert.equal(await again.getByRole('textbox', { name: 'Title (optional)' }).inputValue(), '');
});
