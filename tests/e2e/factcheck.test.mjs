// Fact-checking on the sample article: a claim linked to the anonymous attribution it rests on,
// a verdict with evidence, the summary, the ClaimReview export, and all of it after a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectHidden, expectText, expectVisible, screenshot, spanOf, useApp, waitFor } from './harness.mjs';

const apps = useApp();
const CONFORMANCE = fileURLToPath(new URL('../../../shared/tools/w3c_conformance.py', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../docs/export.schema.json', import.meta.url));

/** Writes `text` to a temporary file and returns its path. */
function saved(text, name) {
  const file = join(mkdtempSync(join(tmpdir(), 'factcheck-')), name);
  writeFileSync(file, text);
  return file;
}

const CLAIM =
  "The U.S. government privately warned Iran that the Islamic State group's affiliate in Afghanistan was preparing to carry out a terrorist attack";
const OFFICIAL = 'a U.S. official said';


/** The current annotation's editor. */
const editor = (app) => app.page.getByRole('region', { name: 'Current annotation' });
/** A count of the summary, by the start of its name. */
const count = (app, name) => app.page.getByRole('button', { name: new RegExp(`^${name}: \\d`) });

test('link a claim to an anonymous attribution, judge it with evidence, summarize, export ClaimReview, reload', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();

  // Who checks, and the article's own details.
  await app.reader().getByRole('button', { name: 'Edit details' }).click();
  const form = app.page.getByRole('form', { name: 'Article details' });
  await form.getByRole('textbox', { name: 'Source URL' }).fill('https://www.ctvnews.ca/world/kerman-warning');
  await form.getByRole('textbox', { name: 'Publication date' }).fill('2024-01-04');
  await form.getByRole('textbox', { name: 'Checked by' }).fill('Ana Souza');
  await form.getByRole('textbox', { name: 'Organization' }).fill('Desk Check');
  await form.getByRole('textbox', { name: 'Checked on' }).fill('2026-11-25');
  await form.getByRole('textbox', { name: 'Fact-check URL' }).fill('https://desk.example/checks/kerman');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expectHidden(form);

  await app.mark(OFFICIAL, 'anonymous_attribution');
  await app.mark(CLAIM, 'claim');
  await expectVisible(editor(app));
  await expectText(count(app, 'Claims with no source'), 'Claims with no source: 1');

  // Linked by picking the attribution in the text.
  await editor(app).getByRole('button', { name: 'Pick in text' }).click();
  const point = await app.pointAt(spanOf(OFFICIAL).start + 4);
  await app.page.mouse.click(point.x, point.y);
  await expectVisible(editor(app).getByRole('button', { name: `Unlink “${OFFICIAL}”` }));
  await waitFor(async () => assert.equal(await editor(app).getByRole('button', { name: 'Pick in text' }).getAttribute('aria-pressed'), 'false'));

  // A verdict: rating, status, evidence (a bad address is refused), reasoning.
  await editor(app).getByRole('combobox', { name: 'Rating' }).selectOption('Mostly true');
  await editor(app).getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Checked' });
  await editor(app).getByRole('textbox', { name: 'Evidence URL' }).fill('javascript:alert(1)');
  await editor(app).getByRole('button', { name: 'Add evidence' }).click();
  await expectText(editor(app).getByRole('alert'), 'Evidence must be a web address starting with http:// or https://.');
  await editor(app).getByRole('textbox', { name: 'Evidence URL' }).fill('https://www.state.gov/duty-to-warn');
  await editor(app).getByRole('textbox', { name: 'Evidence label' }).fill('State Department: duty to warn');
  await editor(app).getByRole('button', { name: 'Add evidence' }).click();
  const evidence = editor(app).getByRole('link', { name: 'State Department: duty to warn' });
  await expectVisible(evidence);
  await waitFor(async () => assert.equal(await evidence.getAttribute('rel'), 'noopener noreferrer'));
  await waitFor(async () => assert.equal(await evidence.getAttribute('href'), 'https://www.state.gov/duty-to-warn'));
  await editor(app).getByRole('textbox', { name: 'Reasoning' }).fill('Two officials confirmed it on the record a week later.');
  // The verdict shows on the highlight (its rating's overline) and in the list.
  await waitFor(async () => assert.equal(await app.page.evaluate(() => CSS.highlights.get('aa-rating-1')?.size), 1));
  // README shows copies of this screenshot and the summary's, in docs/.
  await screenshot(app.page, 'claim-with-verdict', { fullPage: false });

  // The summary counts it as resting only on an anonymous attribution; that one gives a reason.
  await expectText(count(app, 'Claims resting only on anonymous attributions'), 'Claims resting only on anonymous attributions: 1');
  await expectText(count(app, 'Anonymous attributions with no reason for anonymity'), 'Anonymous attributions with no reason for anonymity: 0');
  await expectText(count(app, 'Checked claims'), 'Checked claims: 1 of 1');
  await expectText(count(app, 'Mostly true'), 'Mostly true: 1');
  await editor(app).getByRole('button', { name: 'Done' }).click();
  await count(app, 'Claims resting only on anonymous attributions').click();
  await waitFor(async () => assert.deepEqual(await app.entryNames(), [`Claim: ${CLAIM}`]));
  await screenshot(app.page, 'summary', { fullPage: false });
  await app.page.getByRole('button', { name: 'Show all' }).click();
  await waitFor(async () => assert.equal((await app.entryNames()).length, 2));

  // ClaimReview, every field the issue names.
  const { name, text } = await app.exportAs('Export ClaimReview');
  assert.match(name, /\.claimreview\.jsonld$/);
  const [review, ...others] = JSON.parse(text);
  assert.equal(others.length, 0);
  assert.equal(review['@context'], 'https://schema.org');
  assert.equal(review['@type'], 'ClaimReview');
  assert.equal(review.claimReviewed, CLAIM);
  assert.deepEqual(review.reviewRating, {
    '@type': 'Rating', alternateName: 'Mostly true', ratingValue: 4, bestRating: 5, worstRating: 1,
  });
  assert.equal(review.itemReviewed['@type'], 'Claim');
  assert.deepEqual(review.itemReviewed.author, { '@type': 'Person', name: 'a U.S. official', description: 'Anonymous source' });
  assert.equal(review.itemReviewed.appearance.url, 'https://www.ctvnews.ca/world/kerman-warning');
  assert.equal(review.itemReviewed.datePublished, '2024-01-04');
  assert.equal(review.author.name, 'Desk Check');
  assert.equal(review.author.employee.name, 'Ana Souza');
  assert.equal(review.datePublished, '2026-11-25');
  assert.equal(review.url, 'https://desk.example/checks/kerman');

  // The W3C export, with the link as a linking annotation and the verdict as assessing bodies,
  // passes every MUST of the conformance suite; our JSON carries them and fits its schema.
  const w3c = JSON.parse((await app.exportAs('Export W3C Web Annotation')).text);
  const link = w3c.first.items.find((i) => i.motivation === 'linking');
  assert.match(link.body, /^urn:article-annotator:annotation:/);
  const claim = w3c.first.items.find((i) => i.body?.[0]?.value === 'Claim');
  assert.deepEqual(claim.body.filter((b) => b.purpose === 'assessing').map((b) => b.value), [
    'Mostly true (Checked)', 'Two officials confirmed it on the record a week later.',
  ]);
  const report = execFileSync('python3', [CONFORMANCE, saved(JSON.stringify(w3c), 'w3c.jsonld')], { encoding: 'utf8' });
  assert.match(report.trim().split('\n').at(-1), /^3 passed, 0 failed$/);
  const json = (await app.exportAs('Export JSON')).text;
  const check = 'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))';
  execFileSync('python3', ['-c', check, SCHEMA, saved(json, 'export.json')], { encoding: 'utf8' });
  const exportedClaim = JSON.parse(json).articles[0].annotations.find((a) => a.kind === 'claim');
  assert.equal(exportedClaim.sources.length, 1);
  assert.equal(exportedClaim.verdict.evidence[0].url, 'https://www.state.gov/duty-to-warn');

  // The Markdown report says what the claim rests on and its verdict.
  const markdown = (await app.exportAs('Export Markdown report')).text;
  assert.match(markdown, /- Rests on: Anonymous attribution “a U\.S\. official said”\n- Verdict: Mostly true \(Checked\)\n/);
  assert.match(markdown, /- Claims resting only on anonymous attributions: 1\n/);
  assert.match(markdown, /- Checked by: Ana Souza, Desk Check\n/);
  // Printed, the page keeps the text and the summary and drops the controls.
  await app.page.emulateMedia({ media: 'print' });
  await expectHidden(app.page.getByRole('button', { name: 'Export', exact: true }));
  await expectVisible(
    app.page.getByRole('region', { name: 'Report', exact: true }).getByText('Claims resting only on anonymous attributions: 1', { exact: true }),
  );
  await app.page.emulateMedia({ media: 'screen' });

  // After a reload: the link from both sides, the verdict, the summary.
  await app.reload();
  await expectText(count(app, 'Claims resting only on anonymous attributions'), 'Claims resting only on anonymous attributions: 1');
  await app.entry(`Anonymous attribution: ${OFFICIAL}`).click();
  await expectVisible(editor(app).getByRole('region', { name: 'Claims it backs' }).getByRole('button', { name: /^Claim: “The U.S. government/ }));
  await app.entry(`Claim: ${CLAIM}`).click();
  await expectVisible(editor(app).getByRole('button', { name: `Unlink “${OFFICIAL}”` }));
  await waitFor(async () => assert.equal(await editor(app).getByRole('combobox', { name: 'Rating' }).inputValue(), 'Mostly true'));
  await waitFor(async () => assert.equal(await editor(app).getByRole('textbox', { name: 'Reasoning' }).inputValue(), 'Two officials confirmed it on the record a week later.'));
  await expectVisible(editor(app).getByRole('link', { name: 'State Department: duty to warn' }));

  // Deleting the attribution removes the link; undo brings both back.
  await app.entry(`Anonymous attribution: ${OFFICIAL}`).click();
  await editor(app).getByRole('button', { name: 'Delete annotation' }).click();
  await expectText(count(app, 'Claims with no source'), 'Claims with no source: 1');
  await app.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expectText(count(app, 'Claims resting only on anonymous attributions'), 'Claims resting only on anonymous attributions: 1');
  const stored = (await app.stored()).articles[0];
  assert.equal(stored.links.length, 1);
  assert.equal(stored.verdicts[0].rating, 'Mostly true');
  app.assertNoErrors();
});

test('a claim is linked from the keyboard through the list of sources', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark('The Wall Street Journal', 'source');
  await app.mark('was first to report that the U.S. had provided the warning to Iran', 'claim');
  const list = editor(app).getByRole('combobox', { name: 'Link a source' });
  await list.focus();
  await list.selectOption({ label: 'Source: “The Wall Street Journal”' });
  await app.page.keyboard.press('Enter');
  await expectVisible(editor(app).getByRole('button', { name: 'Unlink “The Wall Street Journal”' }));
  await expectText(count(app, 'Claims with no source'), 'Claims with no source: 0');
  // The link is one undo step.
  await app.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await expectText(count(app, 'Claims with no source'), 'Claims with no source: 1');
  app.assertNoErrors();
});

test('the rating scale is edited in the library and offered for verdicts', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark('killed 95 people', 'claim');
  await app.openLibrary();
  const dialog = app.page.getByRole('dialog', { name: 'Library' });
  await dialog.getByText('Rating scale', { exact: true }).click();
  const field = dialog.getByRole('textbox', { name: 'Ratings, best first, one per line' });
  await field.fill('Only one');
  await dialog.getByRole('button', { name: 'Save rating scale' }).click();
  await expectText(dialog.getByRole('alert').last(), 'A rating scale needs at least two ratings, each named once.');
  await field.fill('Correct\nMisleading\n\nFalse');
  await dialog.getByRole('button', { name: 'Save rating scale' }).click();
  await app.expectStatus('Saved the rating scale.');
  await app.closeLibrary();
  const rating = editor(app).getByRole('combobox', { name: 'Rating' });
  await waitFor(async () => assert.deepEqual(await rating.locator('option').allTextContents(), ['Not rated', 'Correct', 'Misleading', 'False']));
  await rating.selectOption('Misleading');
  await expectText(count(app, 'Misleading'), 'Misleading: 1');
  await waitFor(async () => assert.deepEqual((await app.stored()).ratings, ['Correct', 'Misleading', 'False']));
  app.assertNoErrors();
});
