// The draggable ends of the current annotation follow its passage when the page's layout moves
// the text without a scroll: on a narrow screen a notice takes its place in the page, above the
// text, and going away moves the text up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectHidden, expectVisible, spanOf, useApp, waitFor } from './harness.mjs';

const apps = useApp();

/** The on-screen box of the character at code-point offset `at` of the article text. */
function characterBox(app, at) {
  return app.articleText().evaluate((container, at) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = [...node.data].length;
      if (at < seen + length) {
        const offset = [...node.data].slice(0, at - seen).join('').length;
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        const b = range.getBoundingClientRect();
        return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      }
      seen += length;
    }
    return null;
  }, at);
}

test('on a narrow screen, the ends of the current annotation stay on it when a notice above the text goes', async () => {
  const app = await apps.open({ viewport: { width: 768, height: 900 } });
  await app.load();
  await app.keepLeftovers();
  await app.mark('killed 95 people', 'claim');
  await app.mark('a U.S. official said', 'anonymous_attribution');
  // Deleting one says so in a notice, which on a narrow screen stands above the text.
  if ((await app.currentEntry()) !== 'Anonymous attribution: a U.S. official said') {
    await app.entry('Anonymous attribution: a U.S. official said').click();
  }
  await app.panel().getByRole('button', { name: 'Delete annotation', exact: true }).click();
  const dismiss = app.status().getByRole('button', { name: 'Dismiss' });
  await expectVisible(dismiss);
  await app.entry('Claim: killed 95 people').click();
  const handle = app.page.getByRole('button', { name: 'End of the current annotation' });
  await expectVisible(handle);

  const last = spanOf('killed 95 people').end - 1;
  const onTheEnd = async () => {
    const [h, c] = [await handle.boundingBox(), await characterBox(app, last)];
    const [x, y] = [h.x + h.width / 2, h.y + h.height / 2];
    assert.ok(Math.abs(x - c.right) <= 4 && Math.abs(y - c.bottom) <= 4, `handle at ${x},${y}; passage ends at ${c.right},${c.bottom}`);
  };
  // At the top of the page (further down, the browser's scroll anchoring keeps the text still).
  await app.page.evaluate(() => scrollTo(0, 0));
  await waitFor(onTheEnd);
  const before = await characterBox(app, last);
  await dismiss.click();
  await expectHidden(dismiss);
  // The text moved up, and the handle with it.
  await waitFor(async () => assert.ok((await characterBox(app, last)).top < before.top - 10, 'the text moved'));
  await waitFor(onTheEnd);
  app.assertNoErrors();
});
