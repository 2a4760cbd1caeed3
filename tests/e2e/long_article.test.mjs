// A long report: the text in the article container is exactly the article text, the highlights
// on screen are painted, the ones further down are painted as they scroll into view, marking
// works at the end of the text, and printing registers every highlight.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, waitFor } from './harness.mjs';
import { annotations, article, library } from '../../bench/peers/corpus.mjs';

const apps = useApp();
const TEXT = article(20_000);
const LIST = annotations(TEXT, 2_000);

/** The annotations of `list` painted now, as "kind:start:end" in code points. */
function paintedNow(app) {
  return app.page.evaluate(() => {
    const kinds = { 'aa-claim': 'claim', 'aa-source': 'source', 'aa-anonymous': 'anonymous_attribution' };
    const root = document.getElementById('article-text');
    const starts = new Map();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let at = 0;
    while (walker.nextNode()) {
      starts.set(walker.currentNode, at);
      at += [...walker.currentNode.data].length;
    }
    const offset = (node, unit) => starts.get(node) + [...node.data.slice(0, unit)].length;
    return Object.entries(kinds).flatMap(([name, kind]) =>
      [...(CSS.highlights.get(name) ?? [])].map((r) => `${kind}:${offset(r.startContainer, r.startOffset)}:${offset(r.endContainer, r.endOffset)}`));
  });
}

/** Whether the annotation is laid out inside the viewport. */
function inView(app, a) {
  return app.page.evaluate(([start, end]) => {
    const root = document.getElementById('article-text');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let at = 0;
    const range = new Range();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const chars = [...node.data];
      const unit = (char) => chars.slice(0, char - at).join('').length;
      if (start >= at && start <= at + chars.length) range.setStart(node, unit(start));
      if (end >= at && end <= at + chars.length) { range.setEnd(node, unit(end)); break; }
      at += chars.length;
    }
    return [...range.getClientRects()].some((r) => r.width > 0 && r.bottom >= 0 && r.top <= innerHeight);
  }, [a.start, a.end]);
}

const key = (a) => `${a.kind}:${a.start}:${a.end}`;

test('a 20,000-word article with 2,000 annotations: painted where it is read, all of it for print', async () => {
  const app = await apps.open();
  await app.seedLibrary(library(TEXT, LIST));
  await app.load();
  await waitFor(async () => assert.equal(await app.text(), TEXT));

  // At the top: what is on screen is painted; the end of the report is not registered yet.
  const last = LIST.reduce((a, b) => (b.start > a.start ? b : a));
  await waitFor(async () => assert.ok((await paintedNow(app)).length > 0));
  const top = new Set(await paintedNow(app));
  for (const a of LIST.slice(0, 300)) if (await inView(app, a)) assert.ok(top.has(key(a)), `${key(a)} is on screen and painted`);
  assert.ok(!top.has(key(last)), 'the last annotation, far below, waits until it is near');
  assert.ok(top.size < LIST.length / 2, `only the part near the screen is registered (${top.size})`);

  // Scrolled to the end: the last annotation is painted, and still exactly where it was.
  await app.page.keyboard.press('End');
  await app.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await waitFor(async () => assert.ok((await paintedNow(app)).includes(key(last))));
  await waitFor(async () => assert.ok(await inView(app, last)));

  // Printing paints every annotation, then returns to the part on screen.
  await app.page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await waitFor(async () => assert.equal(new Set(await paintedNow(app)).size, new Set(LIST.map(key)).size));
  await app.page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await waitFor(async () => assert.ok((await paintedNow(app)).length < LIST.length / 2));
  await waitFor(async () => assert.equal(await app.text(), TEXT));
});
