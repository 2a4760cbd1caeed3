// Printing gives the whole session, as the Markdown report does: the article with its
// highlights, then who checked it, the summary, each passage by paragraph and sentence, what
// each claim rests on, its verdict, evidence and reasoning; and no control at all. The report
// is made only while the page is printed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_TEXT, expectCount, expectHidden, expectText, expectVisible, useApp, waitFor } from './harness.mjs';

const apps = useApp();

const CLAIM = 'killed at least 95 people';
const SOURCE = 'The Wall Street Journal';
const EVIDENCE_URL = 'https://www.example.org/kerman-toll';
const EVIDENCE_LABEL = 'Health ministry: the toll';
const REASONING = 'The ministry revised the toll to 95 two days later.';
const NOTE = 'Toll <b>revised</b> later';

/** The paragraph of the sample holding `passage`, counted from 1 as the report counts. */
const paragraphOf = (passage) => SAMPLE_TEXT.slice(0, SAMPLE_TEXT.indexOf(passage)).split('\n\n').length;

/** The current annotation's editor. */
const editor = (app) => app.page.getByRole('region', { name: 'Current annotation' });
/** The printed report, also while it is not shown (on screen it is made only by printing). */
const report = (app, { includeHidden = false } = {}) =>
  app.page.getByRole('region', { name: 'Report', exact: true, includeHidden });

/** The printed report's entry of the passage `quote`. */
const entry = (app, quote) =>
  report(app)
    .getByRole('listitem')
    .filter({ has: app.page.getByRole('blockquote').filter({ hasText: quote }) });

test('the printed page gives the report of the session and shows no control', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();

  // Who checks.
  await app.reader().getByRole('button', { name: 'Edit details' }).click();
  const form = app.page.getByRole('form', { name: 'Article details' });
  await form.getByRole('textbox', { name: 'Checked by' }).fill('Ana Souza');
  await form.getByRole('textbox', { name: 'Organization' }).fill('Desk Check');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expectHidden(form);

  // A source, and a claim resting on it with a note, a verdict, evidence and reasoning.
  await app.mark(SOURCE, 'source');
  await app.mark(CLAIM, 'claim');
  await expectVisible(editor(app));
  await app.noteField().fill(NOTE);
  await editor(app).getByRole('combobox', { name: 'Link a source' }).selectOption({ label: `Source: “${SOURCE}”` });
  await editor(app).getByRole('button', { name: 'Link', exact: true }).click();
  await expectVisible(editor(app).getByRole('button', { name: `Unlink “${SOURCE}”` }));
  await editor(app).getByRole('combobox', { name: 'Rating' }).selectOption('Mostly true');
  await editor(app).getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Checked' });
  await editor(app).getByRole('textbox', { name: 'Evidence URL' }).fill(EVIDENCE_URL);
  await editor(app).getByRole('textbox', { name: 'Evidence label' }).fill(EVIDENCE_LABEL);
  await editor(app).getByRole('button', { name: 'Add evidence' }).click();
  await expectVisible(editor(app).getByRole('link', { name: EVIDENCE_LABEL }));
  await editor(app).getByRole('textbox', { name: 'Reasoning' }).fill(REASONING);
  await waitFor(async () => {
    const article = (await app.stored()).articles[0];
    assert.equal(article.session.checker, 'Ana Souza');
    assert.equal(article.verdicts[0]?.reasoning, REASONING);
    assert.equal(article.annotations.find((a) => a.kind === 'claim')?.note, NOTE);
  });

  // While annotating, the report is not even made.
  await expectCount(report(app, { includeHidden: true }), 0);

  await app.page.emulateMedia({ media: 'print' });
  const printed = report(app);
  await expectVisible(printed);
  // The article text stays, with its highlights.
  await expectVisible(app.articleText());
  await waitFor(async () => assert.equal(await app.page.evaluate(() => CSS.highlights.get('aa-claim')?.size), 1));
  // Who checked, and the summary.
  await expectVisible(printed.getByText('Checked by: Ana Souza, Desk Check', { exact: true }));
  await expectVisible(printed.getByText('Claims with no source: 0', { exact: true }));
  await expectVisible(printed.getByText('Verdicts: Mostly true: 1', { exact: true }));
  // The claim: its place as a reader finds it, its note as text, its source, verdict, evidence
  // (a link that opens nothing of ours) and reasoning.
  const claims = printed.getByRole('heading', { name: 'Claim (1)', exact: true });
  await expectVisible(claims);
  const claim = entry(app, CLAIM);
  await expectText(claim.getByRole('blockquote'), CLAIM);
  await expectText(
    claim.getByRole('paragraph'),
    `Paragraph ${paragraphOf(CLAIM)}, sentence 2. Note: ${NOTE}`,
  );
  await expectVisible(claim.getByText(`Rests on: Source “${SOURCE}”`, { exact: true }));
  await expectVisible(claim.getByText('Verdict: Mostly true (Checked)', { exact: true }));
  const evidence = claim.getByRole('link', { name: EVIDENCE_LABEL, exact: true });
  await expectVisible(evidence);
  await waitFor(async () => assert.equal(await evidence.getAttribute('href'), EVIDENCE_URL));
  await waitFor(async () => assert.equal(await evidence.getAttribute('rel'), 'noopener noreferrer'));
  await expectVisible(claim.getByText(`Reasoning: ${REASONING}`, { exact: true }));
  // The source, and the claim it backs.
  const source = entry(app, SOURCE);
  await expectText(source.getByRole('paragraph'), `Paragraph ${paragraphOf(SOURCE)}.`);
  await expectVisible(source.getByText(`Backs: Claim “${CLAIM}”`, { exact: true }));

  // No control is printed: no button, field or list to choose from.
  for (const name of ['Suggest sources', 'Export', 'New article', 'Library', 'Edit details', 'Done']) {
    await expectHidden(app.page.getByRole('button', { name, exact: true }));
  }
  await expectCount(app.page.getByRole('button'), 0);
  await expectCount(app.page.getByRole('textbox'), 0);
  await expectCount(app.page.getByRole('combobox'), 0);
  await expectCount(app.page.getByRole('navigation'), 0);

  // Back on screen, the report is gone and the controls are back.
  await app.page.emulateMedia({ media: 'screen' });
  await expectCount(report(app, { includeHidden: true }), 0);
  await expectVisible(app.page.getByRole('button', { name: 'Export', exact: true }));

  // Printing from the browser: made on beforeprint (hidden on screen), dropped on afterprint.
  await app.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expectCount(report(app, { includeHidden: true }), 1);
  await expectHidden(report(app, { includeHidden: true }));
  await app.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expectCount(report(app, { includeHidden: true }), 0);
  app.assertNoErrors();
});
