// Opening files: HTML (its article only, nothing run), Markdown dropped on the page, plain text,
// and refused file types.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAMPLE_TITLE,
  expectCount,
  expectHidden,
  expectText,
  expectVisible,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

const HOSTILE_PAGE = `<!doctype html><html><head><title>Page title - Site</title><script>window.__pwned=1</script><style>body{display:none}</style></head><body><nav>Home News</nav><h1>City council approves budget</h1><p>The council voted 7-2 on Tuesday, a spokesperson said.</p><p onclick="window.__pwned=1">Second &amp; final paragraph.</p><img src=x onerror="window.__pwned=1"><footer>Copyright</footer><script>window.__pwned=2</script></body></html>`;

function file(name, mimeType, content) {
  return { name, mimeType, buffer: Buffer.from(content, 'utf8') };
}

/** The number of articles, as the library dialog and the stored value tell it. */
async function articleCount(app) {
  const stored = await app.stored();
  await app.openLibrary();
  const shown = await app.libraryDialog().getByRole('listitem').count();
  await app.closeLibrary();
  assert.equal(shown, stored.articles.length, 'the library lists what is stored');
  return shown;
}

test('an HTML file keeps its article, with the headline as its title, and nothing in it runs', async () => {
  const app = await apps.open();
  await app.load();
  const requests = [];
  app.page.on('request', (r) => requests.push(r.url()));

  const dialog = await app.chooseFile(file('council.html', 'text/html', HOSTILE_PAGE));
  await expectHidden(dialog);

  await app.expectHeading('City council approves budget');
  await app.expectStatus('Added “City council approves budget” to the library.');
  assert.equal(
    await app.text(),
    'The council voted 7-2 on Tuesday, a spokesperson said.\n\nSecond & final paragraph.',
  );
  const text = await app.text();
  for (const dropped of ['Home', 'News', 'Copyright', 'Page title', 'window.__pwned', 'display:none']) {
    assert.ok(!text.includes(dropped), `"${dropped}" should not be in the text`);
  }
  await waitFor(async () => assert.equal(await app.page.evaluate(() => window.__pwned), undefined));
  await waitFor(async () => assert.equal(await app.articleText().getByRole('img').count(), 0));
  // The page's <img src=x> was never fetched.
  assert.deepEqual(
    requests.filter((u) => /\/x$/.test(u)),
    [],
  );
  await waitFor(async () => assert.ok(await app.articleText().isVisible(), 'the page style did not leak into the app'));

  const stored = await app.stored();
  assert.deepEqual(
    stored.articles.map((a) => a.title),
    [SAMPLE_TITLE, 'City council approves budget'],
  );
  app.assertNoErrors();
});

test('an HTML file without <h1> takes its title from <title>', async () => {
  const app = await apps.open();
  await app.load();
  await app.chooseFile(
    file('page.htm', 'text/html', '<html><head><title>Only a  title</title></head><body><p>Body text.</p></body></html>'),
  );
  await app.expectHeading('Only a title');
  await waitFor(async () => assert.equal(await app.text(), 'Body text.'));
  app.assertNoErrors();
});

test('a Markdown file dropped on the page opens with its markup stripped', async () => {
  const app = await apps.open();
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);

  await app.dropFile({
    name: 'story.md',
    mimeType: 'text/markdown',
    content: [
      'Some intro before the heading',
      '',
      '# The **big** story',
      '',
      'A [link](https://example.com/a) and ![a picture](pic.png)an image, __strongly__ put.',
      '',
      '## Part two',
      '',
      'More text.',
    ].join('\n'),
  });

  await app.expectHeading('The big story');
  assert.equal(
    await app.text(),
    'Some intro before the heading\n\nThe big story\n\nA link and an image, strongly put.\n\nPart two\n\nMore text.',
  );
  await app.expectStatus('Added “The big story” to the library.');
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 2));
  app.assertNoErrors();
});

test('Markdown emphasis with single asterisks is stripped too', async () => {
  const app = await apps.open();
  await app.load();
  await app.dropFile({
    name: 'emphasis.md',
    mimeType: 'text/markdown',
    content: '# An *important* story\n\nIt was *very* clear.',
  });
  await app.expectHeading('An important story');
  await waitFor(async () => assert.equal(await app.text(), 'An important story\n\nIt was very clear.'));
  app.assertNoErrors();
});

test('a text file opens through the file chooser; BOM and CRLF are normalized', async () => {
  const app = await apps.open();
  await app.load();
  const dialog = await app.chooseFile(
    file('notes.txt', 'text/plain', '\uFEFFPlain text title   \r\n\r\n\r\n\r\nFirst paragraph.\r\nSame paragraph.\r\n'),
  );
  await expectHidden(dialog);
  await app.expectHeading('Plain text title');
  await waitFor(async () => assert.equal(await app.text(), 'Plain text title\n\nFirst paragraph.\nSame paragraph.'));

  await app.reload();
  await app.expectHeading('Plain text title');
  app.assertNoErrors();
});

test('a PDF is refused with a message naming it, and nothing is added', async () => {
  const app = await apps.open();
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);
  const before = await app.storedRaw();
  await waitFor(async () => assert.equal(await articleCount(app), 1));

  const dialog = await app.chooseFile(file('report.pdf', 'application/pdf', '%PDF-1.4 not really'));
  await expectText(
    dialog.getByRole('alert'),
    '“report.pdf” cannot be opened: choose a text (.txt), Markdown (.md) or web page (.html) file.',
  );
  await expectVisible(dialog);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(dialog);

  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  await waitFor(async () => assert.equal(await articleCount(app), 1));

  // Dropped, the same file is refused in the status notice.
  await app.dropFile({ name: 'report.pdf', mimeType: 'application/pdf', content: '%PDF-1.4' });
  await app.expectStatus(
    '“report.pdf” cannot be opened: choose a text (.txt), Markdown (.md) or web page (.html) file.',
  );
  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  app.assertNoErrors();
});

test('an HTML file with no visible text is refused', async () => {
  const app = await apps.open();
  await app.load();
  const before = await app.storedRaw();
  const dialog = await app.chooseFile(
    file('empty.html', 'text/html', '<html><head><title>T</title><script>x()</script></head><body><nav>Menu</nav></body></html>'),
  );
  await expectText(dialog.getByRole('alert'), /^“empty\.html” cannot be opened\. There is no text to annotate in it\.$/);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  await expectCount(app.newArticleDialog(), 1);
  app.assertNoErrors();
});

test('an HTML file loses hidden elements, forms, asides and comments; entities and <br> are kept', async () => {
  const app = await apps.open();
  await app.load();
  await app.chooseFile(
    file(
      'hidden.html',
      'text/html',
      `<body><h1>Headline</h1><div hidden><p>gone1</p></div><p style="display: none">gone2</p>` +
        `<p>Kept <span aria-hidden="true">gone3</span>text&rsquo;s &#8220;quote&#8221;&nbsp;here.</p>` +
        `<form><label>Email</label><input name=e><button>Go</button></form><aside>gone4</aside>` +
        `<!-- <p>gone5</p> --><p>Line one<br>line two</p><div role="navigation">gone6</div>` +
        `<template><p>gone7</p></template><noscript>gone8</noscript></body>`,
    ),
  );
  await app.expectHeading('Headline');
  await waitFor(async () => assert.equal(await app.text(), 'Kept text’s “quote” here.\n\nLine one\nline two'));
  app.assertNoErrors();
});

test('a line break inside the <h1> separates the words of the title', async () => {
  const app = await apps.open();
  await app.load();
  await app.chooseFile(file('br.html', 'text/html', '<h1>City council<br>approves budget</h1><p>Body.</p>'));
  await waitFor(async () => assert.equal(await app.text(), 'Body.'));
  await app.expectHeading('City council approves budget');
  app.assertNoErrors();
});
