// The draggable ends of the current annotation follow its passage when the page's layout moves
// the text without a scroll: the article's details form above the text closes and the text
// moves up. (Notices float over the page and move nothing since 2026-12-04; on a narrow screen
// one used to stand above the text, which is how this was found.)

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

test('on a narrow screen, the ends of the current annotation stay on it when the form above the text closes', async () => {
  const app = await apps.open({ viewport: { width: 768, height: 900 } });
  await app.load();
  await app.keepLeftovers();
  await app.mark('killed 95 people', 'claim');
  // The details form opens above the text.
  await app.reader().getByRole('button', { name: 'Edit details' }).click();
  const cancel = app.reader().getByRole('button', { name: 'Cancel' });
  await expectVisible(cancel);
  if ((await app.currentEntry()) !== 'Claim: killed 95 people') await app.entry('Claim: killed 95 people').click();
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
  await cancel.click();
  await expectHidden(cancel);
  // The text moved up, and the handle with it.
  await waitFor(async () => assert.ok((await characterBox(app, last)).top < before.top - 10, 'the text moved'));
  await waitFor(onTheEnd);
  app.assertNoErrors();
});
