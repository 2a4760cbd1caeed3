// The library: renaming, article details, deleting with undo, the empty library.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAMPLE_TITLE,
  expectCount,
  expectHidden,
  expectText,
  expectVisible,
  isFocused,
  screenshot,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

test('renaming an article in the library is kept after a reload', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('Second article\n\nIts body.');
  const dialog = await app.openLibrary();
  await expectCount(dialog.getByRole('listitem'), 2);
  await screenshot(app.page, 'library-dialog', { fullPage: false });

  await app.renameInLibrary(SAMPLE_TITLE, '  Kerman   warning  ');
  await expectVisible(app.libraryItem('Kerman warning'));
  await expectCount(app.libraryItem(SAMPLE_TITLE), 0);
  // The open article is still the second one; its heading did not change.
  await app.closeLibrary();
  await app.expectHeading('Second article');

  await app.openLibrary();
  await app.libraryItem('Kerman warning').getByRole('button', { name: 'Open' }).click();
  await expectHidden(app.libraryDialog());
  await app.expectHeading('Kerman warning');
  await waitFor(async () => assert.match(await app.page.title(), /^Kerman warning/));

  // Renaming the open article changes the heading and the tab title at once.
  await app.openLibrary();
  await app.renameInLibrary('Kerman warning', 'Kerman warning, renamed while open');
  await expectVisible(app.libraryItem('Kerman warning, renamed while open'));
  await app.closeLibrary();
  await app.expectHeading('Kerman warning, renamed while open');
  await waitFor(async () => assert.match(await app.page.title(), /^Kerman warning, renamed while open/));

  await app.reload();
  await app.expectHeading('Kerman warning, renamed while open');
  await app.openLibrary();
  await waitFor(async () => assert.deepEqual(await app.libraryTitles(), ['Second article', 'Kerman warning, renamed while open']));
  await expectVisible(app.libraryItem('Kerman warning, renamed while open').getByText(/ · open now$/));
  app.assertNoErrors();
});

test('an empty title is refused; Escape and Cancel leave the title as it was', async () => {
  const app = await apps.open();
  await app.load();
  const before = await app.storedRaw();
  const dialog = await app.openLibrary();

  await app.renameInLibrary(SAMPLE_TITLE, '   ');
  const item = dialog.getByRole('listitem');
  await expectText(item.getByRole('alert'), 'A title cannot be empty.');
  await waitFor(async () => assert.equal(await app.storedRaw(), before));

  // Escape cancels the rename but not the dialog.
  const input = dialog.getByRole('textbox', { name: 'New title' });
  await input.fill('Not saved');
  await input.press('Escape');
  await expectVisible(app.libraryItem(SAMPLE_TITLE));
  await expectVisible(dialog);
  await expectCount(dialog.getByRole('textbox', { name: 'New title' }), 0);

  // So does Cancel; the old error is not shown again.
  await app.libraryItem(SAMPLE_TITLE).getByRole('button', { name: 'Rename' }).click();
  await waitFor(async () => assert.ok(await isFocused(input), 'the title field has the focus'));
  await waitFor(async () => assert.equal(await input.inputValue(), SAMPLE_TITLE));
  await waitFor(async () => assert.equal(await item.getByRole('alert').count(), 0));
  await input.fill('Not saved either');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectVisible(app.libraryItem(SAMPLE_TITLE));

  await app.closeLibrary();
  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  app.assertNoErrors();
});

test('article details: a valid URL and date are saved and shown after a reload', async () => {
  const app = await apps.open();
  await app.load();
  const form = await app.editDetails({
    title: 'Edited title',
    url: 'https://www.ctvnews.ca/world/us-warned-iran-1.6738127',
    date: '2024-01-04',
  });
  await expectHidden(form);
  await app.expectStatus("Saved the article's details.");

  const check = async () => {
    await app.expectHeading('Edited title');
    const link = app.metaLine().getByRole('link', { name: 'https://www.ctvnews.ca/world/us-warned-iran-1.6738127' });
    await waitFor(async () => assert.equal(await link.getAttribute('href'), 'https://www.ctvnews.ca/world/us-warned-iran-1.6738127'));
    await waitFor(async () => assert.equal(await link.getAttribute('target'), '_blank'));
    await waitFor(async () => assert.equal(await link.getAttribute('rel'), 'noopener noreferrer'));
    await expectText(
      app.metaLine(),
      'https://www.ctvnews.ca/world/us-warned-iran-1.6738127 · Published 4 January 2024 · 397 words',
    );
  };
  await check();
  await app.reload();
  await check();

  const [article] = (await app.stored()).articles;
  assert.equal(article.source_url, 'https://www.ctvnews.ca/world/us-warned-iran-1.6738127');
  assert.equal(article.published, '2024-01-04');
  await app.openLibrary();
  await expectVisible(app.libraryItem('Edited title').getByText('Published 4 January 2024 · 0 annotations · open now'));
  app.assertNoErrors();
});

test('article details: an invalid URL is refused and nothing is saved', async () => {
  const app = await apps.open();
  await app.load();
  const before = await app.storedRaw();

  const form = await app.editDetails({ title: 'Should not be saved', url: 'javascript:alert(1)', date: '2024-01-04' });
  await expectText(form.getByRole('alert'), 'A web address (source URL, fact-check URL) must start with http:// or https://.');
  await expectVisible(form);
  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));

  await form.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(form);
  await app.expectHeading(SAMPLE_TITLE);
  await expectText(app.metaLine(), 'No source URL · Publication date unknown · 397 words');
  await waitFor(async () => assert.equal(await app.metaLine().getByRole('link').count(), 0));
  await waitFor(async () => assert.equal(await app.storedRaw(), before));

  // Reopened, the form shows the stored values again.
  await app.reader().getByRole('button', { name: 'Edit details' }).click();
  await waitFor(async () => assert.equal(await form.getByRole('textbox', { name: 'Title' }).inputValue(), SAMPLE_TITLE));
  await waitFor(async () => assert.equal(await form.getByRole('textbox', { name: 'Source URL' }).inputValue(), ''));
  await waitFor(async () => assert.equal(await form.getByRole('textbox', { name: 'Publication date' }).inputValue(), ''));
  app.assertNoErrors();
});

test('deleting the open article, then Undo, puts it back in place and reopens it', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('Middle article\n\nText.');
  await app.newArticle('Newest article\n\nText.');
  await app.openLibrary();
  await app.libraryItem('Middle article').getByRole('button', { name: 'Open' }).click();
  await app.expectHeading('Middle article');
  const before = await app.stored();

  await app.openLibrary();
  await app.libraryItem('Middle article').getByRole('button', { name: 'Delete' }).click();
  await expectCount(app.libraryItem('Middle article'), 0);
  await waitFor(async () => assert.deepEqual(await app.libraryTitles(), ['Newest article', SAMPLE_TITLE]));
  await app.expectStatus('Deleted “Middle article”.');
  await app.closeLibrary();
  // The reader moved to a neighbour.
  await app.expectHeading('Newest article');
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 2));

  await app.status().getByRole('button', { name: 'Undo' }).click();
  await app.expectStatus('Restored “Middle article”.');
  await app.expectHeading('Middle article');
  await waitFor(async () => assert.deepEqual(await app.stored(), before));

  await app.reload();
  await app.expectHeading('Middle article');
  await app.openLibrary();
  await waitFor(async () => assert.deepEqual(await app.libraryTitles(), ['Newest article', 'Middle article', SAMPLE_TITLE]));
  app.assertNoErrors();
});

test('the Undo offered after a delete can be used without leaving the Library dialog', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('To be deleted\n\nText.');
  await app.openLibrary();
  await app.libraryItem('To be deleted').getByRole('button', { name: 'Delete' }).click();
  await app.expectStatus('Deleted “To be deleted”.');

  // The deletion happened in the dialog, so its Undo must be reachable from there, and the
  // keyboard focus, whose button just disappeared, lands on it.
  const undo = app.libraryDialog().getByRole('button', { name: 'Undo' });
  await app.page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
  try {
    await undo.click({ timeout: 2000 });
  } catch (error) {
    assert.fail(
      'the "Undo" of the delete notice cannot be clicked while the Library dialog is open ' +
        `(the notice is behind the modal dialog, in inert content): ${error.message.split('\n')[0]}`,
    );
  }
  await expectVisible(app.libraryItem('To be deleted'));
  app.assertNoErrors();
});

test('a deleted article stays deleted after a reload', async () => {
  const app = await apps.open();
  await app.load();
  await app.newArticle('Short-lived article\n\nText.');
  await app.openLibrary();
  await app.libraryItem('Short-lived article').getByRole('button', { name: 'Delete' }).click();
  await expectCount(app.libraryDialog().getByRole('listitem'), 1);
  await app.closeLibrary();
  await app.expectHeading(SAMPLE_TITLE);

  await app.reload();
  await app.expectHeading(SAMPLE_TITLE);
  await app.openLibrary();
  await waitFor(async () => assert.deepEqual(await app.libraryTitles(), [SAMPLE_TITLE]));
  assert.deepEqual(
    (await app.stored()).articles.map((a) => a.title),
    [SAMPLE_TITLE],
  );
  app.assertNoErrors();
});

test('deleting the only article leaves an empty library that offers the sample again', async () => {
  const app = await apps.open();
  await app.load();
  const dialog = await app.openLibrary();
  await app.libraryItem(SAMPLE_TITLE).getByRole('button', { name: 'Delete' }).click();
  await expectCount(dialog.getByRole('listitem'), 0);
  await expectVisible(dialog.getByText('0 articles kept in this browser.'));
  await expectVisible(dialog.getByRole('button', { name: 'Open the sample article' }));
  await app.closeLibrary();

  await app.expectHeading('No article open');
  const empty = app.emptyState();
  await expectVisible(empty.getByRole('button', { name: 'New article' }));
  await expectCount(app.articleText(), 0);
  await waitFor(async () => {
    const stored = await app.stored();
    assert.deepEqual(stored.articles, []);
    assert.equal(stored.current, null);
  });

  // Still empty after a reload (an empty library is not a first visit).
  await app.reload();
  await app.expectHeading('No article open');

  await empty.getByRole('button', { name: 'Open the sample article' }).click();
  await app.expectHeading(SAMPLE_TITLE);
  await app.expectStatus(`Added “${SAMPLE_TITLE}” to the library.`);
  await waitFor(async () => assert.equal((await app.stored()).articles.length, 1));

  // The library dialog's own button does the same.
  await app.openLibrary();
  await app.libraryItem(SAMPLE_TITLE).getByRole('button', { name: 'Delete' }).click();
  await app.libraryDialog().getByRole('button', { name: 'Open the sample article' }).click();
  await expectHidden(app.libraryDialog());
  await app.expectHeading(SAMPLE_TITLE);

  // And the empty state's "New article" opens the dialog.
  await app.openLibrary();
  await app.libraryItem(SAMPLE_TITLE).getByRole('button', { name: 'Delete' }).click();
  await app.closeLibrary();
  await empty.getByRole('button', { name: 'New article' }).click();
  await expectVisible(app.newArticleDialog());
  app.assertNoErrors();
});

test('the tab title does not keep the title of a deleted article', async () => {
  const app = await apps.open();
  await app.load();
  await waitFor(async () => assert.match(await app.page.title(), /^U\.S\. warned Iran/));
  await app.openLibrary();
  await app.libraryItem(SAMPLE_TITLE).getByRole('button', { name: 'Delete' }).click();
  await app.closeLibrary();
  await app.expectHeading('No article open');
  await waitFor(async () => {
    const title = await app.page.title();
    assert.ok(!title.includes('U.S. warned Iran'), `the tab is still titled "${title}"`);
    assert.match(title, /Article Annotator/);
  });
  app.assertNoErrors();
});
