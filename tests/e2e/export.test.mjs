// Exports of the annotated sample article: our JSON, W3C Web Annotation (checked with the W3C
// conformance suite), CSV and the Markdown report, each through the real download.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_TEXT, SAMPLE_TITLE, expectHidden, expectVisible, useApp, waitFor } from './harness.mjs';

const apps = useApp();
const CONFORMANCE = fileURLToPath(new URL('../../../shared/tools/w3c_conformance.py', import.meta.url));
const SLUG = 'u-s-warned-iran-that-isis-k-was-preparing-attack';
const SCHEMA = fileURLToPath(new URL('../../docs/export.schema.json', import.meta.url));

/** Validates a file against the JSON Schema of our format with Python's jsonschema; throws if not valid. */
function validateAgainstSchema(text) {
  const file = join(mkdtempSync(join(tmpdir(), 'export-')), 'export.json');
  writeFileSync(file, text);
  const check =
    'import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))';
  execFileSync('python3', ['-c', check, SCHEMA, file], { encoding: 'utf8' });
}

/** The sample with a claim (with a note), a source and two overlapping anonymous attributions. */
async function annotatedSample() {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark('killed 95 people', 'claim');
  await app.mark('The Wall Street Journal', 'source');
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('The official, who was not authorized to comment', 'anonymous_attribution');
  await app.entry('Claim: killed 95 people').click();
  await app.noteField().fill('Later reports: "at least 95". <script>window.__pwned=1</script>');
  return app;
}


/** The code points of the sample between two offsets. */
const slice = (start, end) => [...SAMPLE_TEXT].slice(start, end).join('');

test('Export JSON holds the article, its hash and every annotation with quote and context', async () => {
  const app = await annotatedSample();
  const { name, text } = await app.exportAs('Export JSON');
  assert.equal(name, `${SLUG}.annotations.json`);
  validateAgainstSchema(text);
  const file = JSON.parse(text);
  assert.equal(file.format, 'article-annotator/export');
  assert.equal(file.version, 6);
  assert.match(file.exported, /^\d{4}-\d\d-\d\dT/);
  assert.equal(file.app.name, 'Article Annotator');
  assert.equal(file.articles.length, 1);
  const [article] = file.articles;
  assert.equal(article.title, SAMPLE_TITLE);
  assert.equal(article.text, SAMPLE_TEXT);
  assert.equal(article.text_sha256, createHash('sha256').update(SAMPLE_TEXT, 'utf8').digest('hex'));
  const stored = await app.storedAnnotations();
  assert.equal(article.annotations.length, stored.length);
  assert.deepEqual(article.annotations.map((a) => a.id), stored.map((a) => a.id), 'in the order they were made');
  for (const a of article.annotations) {
    const { quote, sources, text_version, ...fields } = a;
    assert.equal(text_version, 1, 'made on the first version');
    assert.deepEqual(fields, stored.find((s) => s.id === a.id), 'every stored field, unchanged');
    assert.deepEqual(sources, a.kind === 'claim' ? [] : undefined, 'claims list their sources (none yet)');
    assert.equal(quote.exact, slice(a.start, a.end));
    assert.equal(quote.prefix, slice(Math.max(0, a.start - 32), a.start));
    assert.equal(quote.suffix, slice(a.end, a.end + 32));
  }
  app.assertNoErrors();
});

test('the W3C export passes every MUST of the W3C Web Annotation conformance suite', async () => {
  const app = await annotatedSample();
  const { name, text } = await app.exportAs('Export W3C Web Annotation');
  assert.equal(name, `${SLUG}.w3c.jsonld`);
  const collection = JSON.parse(text);
  assert.equal(collection.type, 'AnnotationCollection');
  assert.equal(collection.total, 4);
  const claim = collection.first.items.find((a) => a.body[0].value === 'Claim');
  assert.deepEqual(claim.body[1], {
    type: 'TextualBody', purpose: 'commenting', format: 'text/plain',
    value: 'Later reports: "at least 95". <script>window.__pwned=1</script>',
  });
  const [quoteSelector, positionSelector] = claim.target.selector;
  assert.equal(quoteSelector.exact, 'killed 95 people');
  assert.equal(slice(positionSelector.start, positionSelector.end), 'killed 95 people');

  const file = join(mkdtempSync(join(tmpdir(), 'w3c-')), name);
  writeFileSync(file, text);
  // Exits non-zero (and so throws) if any annotation fails any MUST.
  const report = execFileSync('python3', [CONFORMANCE, file], { encoding: 'utf8' });
  assert.match(report.trim().split('\n').at(-1), /^4 passed, 0 failed$/);
  app.assertNoErrors();
});

test('CSV has a row per annotation and defuses formula cells; the report groups by kind', async () => {
  const app = await annotatedSample();
  await app.noteField().fill('=1+1 spreadsheet formula');
  const csv = await app.exportAs('Export CSV');
  assert.equal(csv.name, `${SLUG}.annotations.csv`);
  const lines = csv.text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'article_id,article_title,annotation_id,kind,start,end,quote,note,created,modified,sources,rating,status,evidence,reasoning');
  assert.equal(lines.length, 5);
  assert.ok(lines.some((l) => l.includes(",Claim,") && l.includes(",killed 95 people,'=1+1 spreadsheet formula,")));

  const report = await app.exportAs('Export Markdown report');
  assert.equal(report.name, `${SLUG}.report.md`);
  assert.ok(report.text.startsWith(`# ${SAMPLE_TITLE}\n`));
  assert.match(report.text, /## Claim \(1\)\n\n> killed 95 people\n/);
  assert.match(report.text, /## Anonymous attribution \(2\)/);
  app.assertNoErrors();
});

test('Export library holds every article; Escape closes the menu', async () => {
  const app = await annotatedSample();
  await app.newArticle('Second article\n\nBody text.');
  const { name, text } = await app.exportAs('Export library');
  assert.equal(name, 'article-annotator-library.annotations.json');
  validateAgainstSchema(text);
  const file = JSON.parse(text);
  assert.deepEqual(file.articles.map((a) => a.title).sort(), ['Second article', SAMPLE_TITLE].sort());

  await app.page.getByRole('button', { name: 'Export', exact: true }).click();
  await expectVisible(app.page.getByRole('group', { name: 'Exports' }));
  await app.page.keyboard.press('Escape');
  await expectHidden(app.page.getByRole('group', { name: 'Exports' }));
  await waitFor(async () => assert.equal(await app.page.evaluate(() => window.__pwned), undefined));
  app.assertNoErrors();
});
