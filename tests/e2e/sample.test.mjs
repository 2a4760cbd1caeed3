// First visit: the sample article, themes, narrow layout, and keyboard-only use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAMPLE_TEXT,
  SAMPLE_TEXT_RAW,
  SAMPLE_TITLE,
  expectHidden,
  expectText,
  expectVisible,
  isFocused,
  screenshot,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

test('first visit opens the sample article with all of its text, in order', async () => {
  const app = await apps.open();
  await app.load();

  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => assert.match(await app.page.title(), new RegExp(SAMPLE_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))));

  const shown = await app.text();
  let from = 0;
  for (const line of SAMPLE_TEXT_RAW.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = shown.indexOf(line, from);
    assert.ok(at >= 0, `line not found (in order) in the article text: ${JSON.stringify(line)}`);
    from = at + line.length;
  }
  // The container holds exactly the article text: paragraphs separated by a blank line.
  assert.equal(shown, SAMPLE_TEXT);

  await waitFor(async () => assert.equal(await app.metaLine().textContent(), 'No source URL · Publication date unknown · 397 words'));
  await expectVisible(app.reader().getByRole('button', { name: 'Edit details' }));
  await expectVisible(app.panel());

  // The first visit is saved at once.
  await waitFor(async () => {
    const stored = await app.stored();
    assert.equal(stored.articles.length, 1);
    assert.equal(stored.articles[0].text, SAMPLE_TEXT);
    assert.equal(stored.articles[0].title, SAMPLE_TITLE);
    assert.equal(stored.current, stored.articles[0].id);
  });
  app.assertNoErrors();
});

test('reader in light and dark themes at 1280 px, and at 768 px', async () => {
  const app = await apps.open();
  await app.load();
  await app.expectHeading(SAMPLE_TITLE);

  // Wide: the annotations panel is beside the article.
  const wideArticle = await app.articleText().boundingBox();
  const widePanel = await app.panel().boundingBox();
  assert.ok(widePanel.x >= wideArticle.x + wideArticle.width, 'the panel is to the right of the text at 1280 px');
  await screenshot(app.page, 'reader-light-1280');
  const lightBackground = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await app.page.emulateMedia({ colorScheme: 'dark' });
  await waitFor(async () =>
    assert.notEqual(await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor), lightBackground),
  );
  await screenshot(app.page, 'reader-dark-1280');

  await app.page.emulateMedia({ colorScheme: 'light' });
  await app.page.setViewportSize({ width: 768, height: 1000 });
  await waitFor(async () => {
    const article = await app.reader().boundingBox();
    const panel = await app.panel().boundingBox();
    assert.ok(panel.y >= article.y + article.height - 1, 'the panel is under the article at 768 px');
  });
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 768 px`);
  await screenshot(app.page, 'reader-light-768');
  app.assertNoErrors();
});

/** Presses Tab until `target` has the focus; fails after `max` presses. */
async function tabTo(page, target, max = 25) {
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  await waitFor(async () => assert.ok(await isFocused(target), `Tab never reached ${target}`));
}

test('keyboard only: skip link first, then a new article from the dialog', async () => {
  const app = await apps.open();
  await app.load();
  const page = app.page;

  await page.keyboard.press('Tab');
  assert.ok(
    await isFocused(page.getByRole('link', { name: 'Skip to the article' })),
    'the first focusable element is the skip link',
  );

  await tabTo(page, app.newArticleButton());
  await page.keyboard.press('Enter');
  const dialog = app.newArticleDialog();
  await expectVisible(dialog);
  await waitFor(async () =>
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moved into the dialog'),
  );

  const textArea = dialog.getByRole('textbox', { name: 'Article text' });
  await tabTo(page, textArea);
  await page.keyboard.type('Typed with the keyboard only');
  await page.keyboard.press('Enter');
  await page.keyboard.type('A second paragraph line.');
  await tabTo(page, dialog.getByRole('button', { name: 'Create article' }));
  await page.keyboard.press('Enter');

  await expectHidden(dialog);
  await app.expectHeading('Typed with the keyboard only');
  await expectText(app.articleText(), 'Typed with the keyboard only\nA second paragraph line.');

  // Escape closes the dialog, and focus returns to the button that opened it.
  await tabTo(page, app.newArticleButton());
  await page.keyboard.press('Enter');
  await expectVisible(dialog);
  await page.keyboard.press('Escape');
  await expectHidden(dialog);
  await waitFor(async () => assert.ok(await isFocused(app.newArticleButton()), 'focus is back on "New article"'));

  // The skip link moves focus to the article text.
  await page.getByRole('link', { name: 'Skip to the article' }).focus();
  await page.keyboard.press('Enter');
  await waitFor(async () => assert.ok(await isFocused(app.articleText()), 'the skip link focuses the article text'));
  app.assertNoErrors();
});
