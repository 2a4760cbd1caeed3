// Pasting a new article: any script, HTML-looking text shown as text, titles, empty pastes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAMPLE_TITLE,
  expectCount,
  expectHidden,
  expectText,
  expectVisible,
  screenshot,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

const FIRST_LINE = 'Emoji 😀 and Arabic: مرحبا بالعالم';
const PASTED = [
  FIRST_LINE,
  '',
  'مرحبا بالعالم',
  '',
  'Markup stays text: <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1">',
  '<b>not bold</b> &amp; not an entity',
].join('\n');

test('a pasted article keeps emoji, Arabic and HTML-looking text as plain text, and survives a reload', async () => {
  const app = await apps.open();
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);

  const dialog = await app.openNewArticle();
  await dialog.getByRole('textbox', { name: 'Article text' }).fill(PASTED);
  await screenshot(app.page, 'new-article-dialog', { fullPage: false });
  await dialog.getByRole('button', { name: 'Create article' }).click();
  await expectHidden(dialog);

  await app.expectHeading(FIRST_LINE);
  await app.expectStatus(`Added “${FIRST_LINE}” to the library.`);
  await waitFor(async () => assert.equal(await app.text(), PASTED));
  await waitFor(async () => assert.match(await app.page.title(), /^Emoji 😀 and Arabic: مرحبا بالعالم/));

  // The markup is visible as text and nothing of it became an element or ran.
  await expectVisible(app.articleText().getByText('<script>window.__pwned=1</script>', { exact: false }));
  await expectVisible(app.articleText().getByText('<b>not bold</b> &amp; not an entity', { exact: false }));
  await waitFor(async () => assert.equal(await app.articleText().getByRole('img').count(), 0));
  const tags = await app.articleText().evaluate((el) => [...el.querySelectorAll('*')].map((e) => e.localName));
  assert.ok(
    tags.every((t) => t === 'span'),
    `only paragraph spans inside the text, got ${tags}`,
  );
  await waitFor(async () => assert.equal(await app.page.evaluate(() => window.__pwned), undefined));

  // Saved at once: a reload shows the same article, still open.
  await app.reload();
  await app.expectHeading(FIRST_LINE);
  await waitFor(async () => assert.equal(await app.text(), PASTED));
  await waitFor(async () => assert.equal(await app.page.evaluate(() => window.__pwned), undefined));

  await app.openLibrary();
  await expectCount(app.libraryDialog().getByRole('listitem'), 2);
  await expectVisible(app.libraryDialog().getByText('2 articles kept in this browser.'));
  await expectVisible(app.libraryItem(FIRST_LINE));
  await expectVisible(app.libraryItem(SAMPLE_TITLE));
  // Newest first; the open one says so.
  await waitFor(async () => assert.deepEqual(await app.libraryTitles(), [FIRST_LINE, SAMPLE_TITLE]));
  await expectVisible(app.libraryItem(FIRST_LINE).getByText(/^Added \d{1,2} [A-Z][a-z]+ \d{4} · 0 annotations · open now$/));
  await expectVisible(app.libraryItem(SAMPLE_TITLE).getByText(/^Added \d{1,2} [A-Z][a-z]+ \d{4} · 0 annotations$/));
  app.assertNoErrors();
});

test('an empty paste is refused with a message and changes nothing', async () => {
  const app = await apps.open();
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);
  const before = await app.storedRaw();

  const dialog = await app.openNewArticle();
  await dialog.getByRole('textbox', { name: 'Article text' }).fill('   \n\t\n  ');
  await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('A title alone is not enough');
  await dialog.getByRole('button', { name: 'Create article' }).click();
  await expectText(
    dialog.getByRole('alert'),
    "There is no text to annotate in it. Paste the article's text first.",
  );
  await expectVisible(dialog);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));

  // Cancel closes it and nothing was added; reopening starts from empty fields.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(dialog);
  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  await app.openNewArticle();
  await waitFor(async () => assert.equal(await dialog.getByRole('textbox', { name: 'Article text' }).inputValue(), ''));
  await waitFor(async () => assert.equal(await dialog.getByRole('textbox', { name: 'Title (optional)' }).inputValue(), ''));
  await waitFor(async () => assert.equal(await dialog.getByRole('alert').count(), 0, 'the old error is gone'));
  await app.page.keyboard.press('Escape');
  await expectHidden(dialog);

  await app.openLibrary();
  await expectCount(app.libraryDialog().getByRole('listitem'), 1);
  app.assertNoErrors();
});

test('the title field overrides the first line; whitespace in it is collapsed', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('First line of the text\n\nBody of the text.', { title: '  My   chosen\ttitle  ' });
  await app.expectHeading('My chosen title');
  await waitFor(async () => assert.equal(await app.text(), 'First line of the text\n\nBody of the text.'));
  const stored = await app.stored();
  assert.deepEqual(
    stored.articles.map((a) => a.title),
    [SAMPLE_TITLE, 'My chosen title'],
  );
  assert.equal(stored.current, stored.articles[1].id);
  app.assertNoErrors();
});

test('Escape closes the New article dialog without adding anything', async () => {
  const app = await apps.open();
  await app.load();
  const before = await app.storedRaw();
  const dialog = await app.openNewArticle();
  await dialog.getByRole('textbox', { name: 'Article text' }).fill('Something that will not be added');
  await app.page.keyboard.press('Escape');
  await expectHidden(dialog);
  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  app.assertNoErrors();
});
