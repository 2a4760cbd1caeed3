// A long list of annotations is drawn a page at a time; "Show more" draws the next page, and
// choosing an annotation beyond the drawn ones still brings its entry into view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_TEXT, expectText, expectVisible, useApp, waitFor } from './harness.mjs';

const apps = useApp();

/** The last annotation of the library made by `library`. */
let last;

/** The sample article with `n` one-word source annotations in text order. */
function library(n) {
  const chars = [...SAMPLE_TEXT];
  const annotations = [];
  for (let i = 0, at = 0; annotations.length < n && at < chars.length - 2; at += 1) {
    if (/\w/.test(chars[at]) && (at === 0 || !/\w/.test(chars[at - 1]))) {
      let end = at;
      while (end < chars.length && /\w/.test(chars[end])) end += 1;
      annotations.push({ id: `w${i}`, kind: 'source', start: at, end, note: '', created: '', modified: '' });
      i += 1;
    }
  }
  last = annotations[annotations.length - 1];
  const article = { id: 'long', title: 'Long list', text: SAMPLE_TEXT, added: '2026-11-25T00:00:00.000Z', leftovers_reviewed: true, annotations };
  return JSON.stringify({ format: 'article-annotator/library', version: 4, current: 'long', articles: [article] });
}

test('250 annotations: 200 drawn, "Show more" draws the rest, the current one is always drawn', async () => {
  const app = await apps.open();
  await app.seedLibrary(library(250));
  await app.load();
  const list = app.page.getByRole('list', { name: 'Annotations in text order' });
  await waitFor(async () => assert.equal(await list.getByRole('listitem').count(), 200));
  // Choosing the last annotation in the text draws its entry, current and in view.
  const point = await app.pointAt(last.start);
  await app.page.mouse.click(point.x, point.y);
  await waitFor(async () => assert.equal(await list.getByRole('listitem').count(), 250));
  await expectVisible(list.locator('[aria-current="true"]'));
  await app.reload();
  await waitFor(async () => assert.equal(await list.getByRole('listitem').count(), 200));
  const more = app.page.getByRole('button', { name: 'Show 50 more (50 not shown)' });
  await more.click();
  await waitFor(async () => assert.equal(await list.getByRole('listitem').count(), 250));
  await expectText(app.page.locator('.panel-summary'), '250 in text order');
  app.assertNoErrors();
});
