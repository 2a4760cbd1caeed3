// Web-page leftovers in the sample: preview, remove, undo, keep.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAMPLE_TEXT,
  SAMPLE_TITLE,
  expectCount,
  expectHidden,
  expectVisible,
  screenshot,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

const REGION_NAME = 'This text has 4 parts that look like web-page leftovers';

test('preview strikes the 4 leftovers through in the text; pressing again ends the preview', async () => {
  const app = await apps.open();
  await app.load();
  const region = app.leftoversRegion();
  await expectVisible(region);
  await expectVisible(region.getByRole('heading', { level: 2, name: REGION_NAME }));
  await expectCount(app.articleText().getByRole('deletion'), 0);

  const preview = region.getByRole('button', { name: 'Preview leftovers' });
  await waitFor(async () => assert.equal(await preview.getAttribute('aria-pressed'), 'false'));
  await preview.click();
  await expectVisible(region.getByRole('button', { name: 'Preview leftovers', pressed: true }));

  const boxes = region.getByRole('checkbox');
  await expectCount(boxes, 4);
  for (let i = 0; i < 4; i += 1) assert.ok(await boxes.nth(i).isChecked(), `leftover ${i + 1} is checked`);

  const struck = await app.articleText().getByRole('deletion').allTextContents();
  assert.deepEqual(struck.slice(0, 4), ['Skip to main content', 'Share', '------', 'CTVNews.ca Top Stories']);
  // The "Top Stories" block runs to the end of the text, across paragraphs.
  assert.equal(struck.at(-1), 'Local Spotlight');
  assert.ok(struck.some((t) => t.startsWith('History in Halifax')));
  assert.ok(!struck.some((t) => t.includes('WASHINGTON') || t.includes('Associated Press')));
  // The preview does not change the text.
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
  await screenshot(app.page, 'leftovers-preview');

  // Unchecking a leftover un-strikes it.
  await boxes.nth(1).uncheck();
  await waitFor(async () =>
    assert.ok(!(await app.articleText().getByRole('deletion').allTextContents()).includes('Share')),
  );
  await boxes.nth(1).check();

  await preview.click();
  await expectVisible(region.getByRole('button', { name: 'Preview leftovers', pressed: false }));
  await expectCount(region.getByRole('checkbox'), 0);
  await expectCount(app.articleText().getByRole('deletion'), 0);
  app.assertNoErrors();
});

test('remove takes the leftovers out of the text, and Undo puts them back exactly', async () => {
  const app = await apps.open();
  await app.load();
  const region = app.leftoversRegion();
  await region.getByRole('button', { name: 'Remove leftovers' }).click();

  await app.expectStatus('Removed 4 web-page leftovers.');
  await expectHidden(region);
  const cleaned = await app.text();
  for (const gone of ['Skip to main content', 'Share', 'Top Stories', '------', 'Halifax', 'Local Spotlight']) {
    assert.ok(!cleaned.includes(gone), `"${gone}" is removed`);
  }
  assert.ok(cleaned.includes('WASHINGTON -'));
  assert.ok(cleaned.startsWith(`${SAMPLE_TITLE}\n\nWASHINGTON -\n\nThe U.S. government`), cleaned.slice(0, 200));
  assert.ok(cleaned.endsWith('Associated Press writer Jon Gambrell in Jerusalem contributed to this report.'));
  await app.expectHeading(SAMPLE_TITLE);
  await waitFor(async () => {
    const [article] = (await app.stored()).articles;
    assert.equal(article.text, cleaned);
    assert.equal(article.leftovers_reviewed, true);
  });

  await expectVisible(app.status().getByRole('button', { name: 'Dismiss' }));
  await app.status().getByRole('button', { name: 'Undo' }).click();
  await app.expectStatus('The leftovers are back in the text.');
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
  await expectVisible(app.leftoversRegion().getByRole('heading', { name: REGION_NAME }));
  await waitFor(async () => {
    const [article] = (await app.stored()).articles;
    assert.equal(article.text, SAMPLE_TEXT);
    assert.equal(article.leftovers_reviewed, false);
  });

  await app.status().getByRole('button', { name: 'Dismiss' }).click();
  await expectCount(app.status().getByRole('paragraph'), 0);
  app.assertNoErrors();
});

test('removing only the checked leftovers', async () => {
  const app = await apps.open();
  await app.load();
  const region = app.leftoversRegion();
  await region.getByRole('button', { name: 'Preview leftovers' }).click();
  await region.getByRole('checkbox').nth(3).uncheck();
  await region.getByRole('button', { name: 'Remove leftovers' }).click();
  await app.expectStatus('Removed 3 web-page leftovers.');
  const text = await app.text();
  assert.ok(!text.includes('Skip to main content') && !text.includes('------'));
  assert.ok(text.endsWith('CTVNews.ca Top Stories\n\nHistory in Halifax is slowly being wiped off the map: study\n\n' +
    "Saint Mary's University archeologist Jonathan Fowler is sounding an alarm with a new study. According to Fowler, " +
    'the centuries-old architecture that adds to Halifax’s heritage and historic vibe is slowly being wiped away as the city grows.\n\n' +
    'Local Spotlight'));
  await expectCount(app.articleText().getByRole('deletion'), 0);
  app.assertNoErrors();
});

test('"Keep them" hides the offer for good, the text unchanged', async () => {
  const app = await apps.open();
  await app.load();
  await app.leftoversRegion().getByRole('button', { name: 'Keep them' }).click();
  await expectHidden(app.leftoversRegion());
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
  await waitFor(async () => assert.equal((await app.stored()).articles[0].leftovers_reviewed, true));

  await app.reload();
  await app.expectHeading(SAMPLE_TITLE);
  await expectCount(app.leftoversRegion(), 0);
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
  app.assertNoErrors();
});
