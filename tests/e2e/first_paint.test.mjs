// The open article painted before the app has loaded (issue 21: public/first-paint.js, from the
// copy the app keeps, src/model/first_paint.rs): a returning user sees the article, its
// highlights and the panel's list while the app's wasm is still on its way, and the app then
// takes the page over in place. The app's wasm is held back in these tests to look at the page
// in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIRST_PAINT_KEY, expectHidden, expectVisible, screenshot, useApp, waitFor, waitUntilRendered } from './harness.mjs';

const apps = useApp();
const APP_WASM = /\/article-annotator-[0-9a-f]+_bg\.wasm$/;

/** Holds the app's wasm back until the returned function is called. */
async function holdTheApp(page) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(APP_WASM, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The copy the app keeps, once it holds `marks` highlights. */
async function keptCopy(app, marks) {
  return waitFor(async () => {
    const copy = JSON.parse(await app.page.evaluate((key) => localStorage.getItem(key), FIRST_PAINT_KEY));
    assert.equal(copy?.marks.length, marks);
    return copy;
  });
}

/** The passages each highlight of the page paints, by highlight name. */
function paintedPassages(page) {
  return page.evaluate(() =>
    Object.fromEntries(['aa-claim', 'aa-source', 'aa-anonymous'].map((name) => [name, [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString())])),
  );
}

test('a returning user sees the article, its highlights and its list before the app has loaded, and the app takes over in place', async () => {
  const app = await apps.open();
  await app.load();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('The Wall Street Journal', 'source');
  await keptCopy(app, 2);
  const text = await app.text();

  const release = await holdTheApp(app.page);
  await app.page.reload();
  const painted = app.page.locator('.first-paint');
  await expectVisible(painted);
  assert.equal(await app.page.locator('#article-text').textContent(), text, 'the whole sample article, as the app lays it out');
  assert.deepEqual(await paintedPassages(app.page), {
    'aa-claim': [],
    'aa-source': ['The Wall Street Journal'],
    'aa-anonymous': ['a U.S. official said'],
  });
  assert.deepEqual(await painted.locator('.entry-quote').allTextContents(), ['a U.S. official said', 'The Wall Street Journal']);
  assert.deepEqual(await painted.locator('.kind-counts dd').allTextContents(), ['0', '1', '1']);
  // Inert and hidden from assistive technology: nothing to press before the app is there.
  assert.equal(await app.page.getByRole('button', { name: 'New article' }).count(), 0);
  assert.equal(await app.page.evaluate(() => document.querySelector('.first-paint').inert), true);
  const before = await app.page.locator('#article-text .para').nth(4).boundingBox();
  await screenshot(app.page, 'first-paint-before-app', { fullPage: false });

  release();
  await waitUntilRendered(app.page);
  await expectHidden(painted);
  assert.equal(await app.page.locator('.first-paint').count(), 0);
  // The app's text lies where the painted one lay: the page does not jump when it takes over.
  const after = await app.page.locator('#article-text .para').nth(4).boundingBox();
  assert.deepEqual(after, before);
  await waitFor(async () => assert.deepEqual((await paintedPassages(app.page))['aa-anonymous'], ['a U.S. official said']));
  app.assertNoErrors();
});

test('only the article this browser opens is painted first, and a damaged copy paints nothing and is written anew', async () => {
  const app = await apps.open();
  await app.load();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  const copy = await keptCopy(app, 1);

  // Another tab opened another article since: this copy is not of it.
  await app.page.evaluate(([key, value]) => localStorage.setItem(key, value), [FIRST_PAINT_KEY, JSON.stringify({ ...copy, article: 'another' })]);
  let release = await holdTheApp(app.page);
  await app.page.reload();
  await app.page.waitForLoadState('domcontentloaded');
  assert.equal(await app.page.locator('.first-paint').count(), 0);
  release();
  await waitUntilRendered(app.page);
  await app.page.unrouteAll();

  for (const damaged of ['{"v":1,"article":', JSON.stringify({ ...copy, marks: 'not a list' }), JSON.stringify({ ...copy, v: 99 })]) {
    await app.page.evaluate(([key, value]) => localStorage.setItem(key, value), [FIRST_PAINT_KEY, damaged]);
    release = await holdTheApp(app.page);
    await app.page.reload();
    await app.page.waitForLoadState('domcontentloaded');
    assert.equal(await app.page.locator('.first-paint').count(), 0, damaged);
    release();
    await waitUntilRendered(app.page);
    await app.page.unrouteAll();
    // The app keeps a good copy again once it has shown the article.
    assert.equal((await keptCopy(app, 1)).article, copy.article);
  }
  assert.deepEqual((await app.storedAnnotations()).map((a) => a.kind), ['anonymous_attribution']);
  app.assertNoErrors();
});

test('a title, text and note that look like markup are painted first as text', async () => {
  const app = await apps.open();
  await app.load();
  const text = 'Officials said <img src=x onerror="window.__ran = 1"> was seen.\n\nA second paragraph, in עברית and 😀.';
  await app.newArticle(text, { title: '<b onmouseover="window.__ran = 2">Markup</b>' });
  await app.mark('<img src=x onerror="window.__ran = 1">', 'claim', { text });
  // The annotation just made is the current one, with its note's editor open.
  await app.noteField().fill('<script>window.__ran = 3</script>');
  await waitFor(async () => assert.equal((await app.storedAnnotations())[0].note, '<script>window.__ran = 3</script>'));
  await waitFor(async () => {
    const copy = await keptCopy(app, 1);
    assert.equal(copy.entries[0].extra[0][1], '<script>window.__ran = 3</script>');
  });

  const release = await holdTheApp(app.page);
  await app.page.reload();
  const painted = app.page.locator('.first-paint');
  await expectVisible(painted);
  assert.equal(await painted.locator('img, b, script').count(), 0);
  assert.equal(await painted.locator('h1').textContent(), '<b onmouseover="window.__ran = 2">Markup</b>');
  assert.equal(await app.page.locator('#article-text').textContent(), text);
  assert.equal(await painted.locator('.entry-note').textContent(), '<script>window.__ran = 3</script>');
  assert.deepEqual((await paintedPassages(app.page))['aa-claim'], ['<img src=x onerror="window.__ran = 1">']);
  release();
  await waitUntilRendered(app.page);
  assert.equal(await app.page.evaluate(() => window.__ran), undefined);
  app.assertNoErrors();
});

test('the painted text starts where the stored one does when it is long', async () => {
  const app = await apps.open();
  await app.load();
  const paragraph = (n) => `Paragraph ${n} says what a U.S. official said about it, and more besides.`;
  const text = Array.from({ length: 400 }, (_, n) => paragraph(n)).join('\n\n');
  await app.newArticle(text, { title: 'Long' });
  await app.mark('Paragraph 2 says', 'claim', { text });
  const copy = await keptCopy(app, 1);
  assert.ok(copy.head.length < text.length && text.startsWith(copy.head), 'the first screens, cut after a paragraph');

  const release = await holdTheApp(app.page);
  await app.page.reload();
  await expectVisible(app.page.locator('.first-paint'));
  assert.equal(await app.page.locator('#article-text').textContent(), copy.head);
  assert.equal(await app.page.locator('.first-paint .panel-summary').textContent(), '1 in text order');
  release();
  await waitUntilRendered(app.page);
  assert.equal(await app.page.locator('#article-text').textContent(), text);
  app.assertNoErrors();
});

test('a highlight that ends or starts in the blank line between two paragraphs is painted first at its exact place', async () => {
  const app = await apps.open();
  await app.load();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  const copy = await keptCopy(app, 1);
  // As an import may place them: one ending in the blank line after a paragraph, one starting
  // in the blank line before the next.
  const gap = copy.head.indexOf('\n\n', 200);
  const endsInGap = [gap - 12, gap + 1];
  const startsInGap = [gap + 1, gap + 14];
  const marks = [['source', ...endsInGap], ['anonymous', ...startsInGap]];
  await app.page.evaluate(([key, value]) => localStorage.setItem(key, value), [FIRST_PAINT_KEY, JSON.stringify({ ...copy, marks })]);

  const release = await holdTheApp(app.page);
  await app.page.reload();
  await expectVisible(app.page.locator('.first-paint'));
  const painted = await paintedPassages(app.page);
  assert.deepEqual(painted['aa-source'], [copy.head.slice(...endsInGap)]);
  assert.deepEqual(painted['aa-anonymous'], [copy.head.slice(...startsInGap)]);
  release();
  await waitUntilRendered(app.page);
  app.assertNoErrors();
});
