// The attribution assistant on the sample article: suggest, accept two, reject one, reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectHidden, expectText, expectVisible, screenshot, useApp, waitFor } from './harness.mjs';

const apps = useApp();

const region = (app) => app.page.getByRole('region', { name: 'Suggestions' });
/** The suggestion being looked at: "n of N · Kind" and its quote. */
const shown = async (app) => (await region(app).locator('.suggestion q').textContent());

/** Steps with "Next" until the suggestion shown is `quote`. */
async function goTo(app, quote) {
  for (let i = 0; i < 30; i += 1) {
    if ((await shown(app)) === quote) return;
    await region(app).getByRole('button', { name: 'Next' }).click();
  }
  assert.fail(`no suggestion “${quote}”`);
}

test('suggest on the sample, accept two, reject one, reload', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark('The Wall Street Journal', 'source');
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await expectVisible(region(app));
  const total = Number((await region(app).getByRole('heading').textContent()).match(/\((\d+)\)/)[1]);
  assert.ok(total >= 4, `${total} suggestions`);
  // What is already marked is not suggested again.
  const all = [];
  for (let i = 0; i < total; i += 1) {
    all.push([await region(app).locator('.suggestion .entry-kind').textContent(), await shown(app)]);
    await region(app).getByRole('button', { name: 'Next' }).click();
  }
  assert.ok(!all.some(([, q]) => q === 'The Wall Street Journal'), JSON.stringify(all));
  assert.ok(all.some(([k, q]) => k.endsWith('Anonymous attribution') && q === 'a U.S. official said'), JSON.stringify(all));
  assert.ok(all.some(([k, q]) => k.endsWith('Source') && q === 'Iranian state media'), JSON.stringify(all));
  // Suggestions are painted dashed, apart from annotations.
  await waitFor(async () => assert.equal(await app.page.evaluate(() => CSS.highlights.get('aa-suggest-anonymous')?.size > 0), true));

  // Accept one with the button, one with the key A; reject one with the key R.
  await goTo(app, 'a U.S. official said');
  await expectVisible(region(app).getByText('Reason for anonymity given: “not authorized”.'));
  await screenshot(app.page, 'suggestions', { fullPage: false });
  await region(app).getByRole('button', { name: 'Accept', exact: true }).click();
  await goTo(app, 'Iranian state media');
  await region(app).getByRole('button', { name: 'Next' }).focus();
  await app.page.keyboard.press('p');
  await app.page.keyboard.press('n');
  await expectText(region(app).locator('.suggestion q'), 'Iranian state media');
  await app.page.keyboard.press('a');
  await goTo(app, 'The Islamic State group');
  await app.page.keyboard.press('r');
  await expectText(region(app).getByRole('heading'), `Suggestions (${total - 3})`);

  // The list follows once the page is idle and the change is saved.
  await waitFor(async () => {
    const names = await app.entryNames();
    assert.ok(names.includes('Anonymous attribution: a U.S. official said'), names.join('\n'));
    assert.ok(names.includes('Source: Iranian state media'), names.join('\n'));
  });

  await app.reload();
  await expectHidden(region(app));
  await waitFor(async () => {
    const after = await app.entryNames();
    assert.ok(after.includes('Anonymous attribution: a U.S. official said'));
    assert.ok(after.includes('Source: Iranian state media'));
    assert.ok(!after.some((n) => n.includes('The Islamic State group')), 'the rejected one is gone');
  });
  const stored = (await app.stored()).articles[0];
  assert.equal(stored.suggested.length, 2, 'the accepted ones remember they were suggested');
  app.assertNoErrors();
});

test('accept all is one undo step, and gives way to what was marked by hand meanwhile', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  const total = Number((await region(app).getByRole('heading').textContent()).match(/\((\d+)\)/)[1]);
  // Marked by hand meanwhile: that suggestion gives way, and nothing is marked twice.
  await app.mark('Iranian state media', 'source');
  await region(app).getByRole('button', { name: 'Accept all' }).click();
  await expectHidden(region(app));
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, total));
  await waitFor(async () => assert.equal((await app.entryNames()).filter((n) => n.includes('Iranian state media')).length, 1));
  await app.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 1));
  app.assertNoErrors();
});

test('on reporting it was not written against, each suggestion says which rule decided', async () => {
  const app = await apps.open();
  await app.load();
  // Made up to show each class of issue 18: a title before a name, a pronoun, a source the
  // text says is not named, an unnamed one, wire-style '' quotes, and the noun "States".
  const text = [
    'Tariffs rose in the United States and in several states of the union.',
    "Finance Minister Ola Berg said the budget would balance. He said the deficit would fall.",
    'The rules changed, a press officer said, speaking on condition of anonymity in line with ministry rules.',
    "''We were never asked,'' one caller said.",
  ].join('\n\n');
  await app.newArticle(text, { title: 'Budget' });
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await expectVisible(region(app));
  const total = Number((await region(app).getByRole('heading').textContent()).match(/\((\d+)\)/)[1]);
  const all = [];
  for (let i = 0; i < total; i += 1) {
    const entry = region(app).locator('.suggestion');
    all.push([await entry.locator('.entry-kind').textContent(), await shown(app), await entry.locator('.hint').textContent()]);
    await region(app).getByRole('button', { name: 'Next' }).click();
  }
  const find = (quote) => all.find(([, q]) => q === quote) ?? assert.fail(`no “${quote}” in ${JSON.stringify(all)}`);
  assert.match(find('Finance Minister Ola Berg')[2], /^Named: a person or an organisation by name\./);
  const he = find('He');
  assert.match(he[0], /Source$/);
  assert.match(he[2], /Refers to “Finance Minister Ola Berg”/);
  const officer = all.find(([, q]) => q.startsWith('a press officer')) ?? assert.fail(JSON.stringify(all));
  assert.match(officer[0], /Anonymous attribution$/);
  assert.match(officer[2], /^Anonymous: the text says this source is not named\. Reason for anonymity given: “condition of anonymity”/);
  assert.match(find('one caller said')[2], /^Anonymous: one or some of a group/);
  assert.ok(!all.some(([, q]) => /States|states/.test(q)), JSON.stringify(all));
  assert.equal(total, 4, JSON.stringify(all));
  app.assertNoErrors();
});

test('the assistant runs in the app worker: when that cannot be loaded the page says so, and a later try works', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  const before = await app.stored();
  await app.page.route(/\/worker[._][^/]*$/, (route) => route.abort('internetdisconnected'));
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await app.expectStatus(/^Sources could not be suggested: the part of the app that does it .+\. Check the connection and try again\.$/);
  await expectHidden(region(app));
  assert.deepEqual(await app.stored(), before, 'nothing changed');
  await app.page.unroute(/\/worker[._][^/]*$/);
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await expectVisible(region(app));
  await goTo(app, 'a U.S. official said');
});
