// Moving in from other tools: a Hypothesis export, a brat pair and a Label Studio export are
// imported through "Import", each after its labels are mapped to kinds in a dialog; a broken
// file of each is refused with a message naming the problem, and nothing changes. The
// fixtures follow each tool's documented format:
// - Hypothesis: the client's export file (https://web.hypothes.is/help/exporting-annotations/)
//   with the annotation fields of https://h.readthedocs.io/en/latest/api-reference/
// - brat: standoff format, https://brat.nlplab.org/standoff.html
// - Label Studio: the JSON export of text tasks, https://labelstud.io/guide/task_format
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expectHidden, expectText, expectVisible, useApp, waitFor } from './harness.mjs';

const apps = useApp();
const fixture = (name) => readFileSync(new URL(`../fixtures/tools/${name}`, import.meta.url));

/** Clicks "Import" and gives the file chooser these files (`{ name, buffer }` each). */
async function importFiles(app, files) {
  const [chooser] = await Promise.all([
    app.page.waitForEvent('filechooser'),
    app.page.getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles(files.map(({ name, buffer }) => ({ name, mimeType: 'application/octet-stream', buffer })));
}

/** The mapping dialog, once shown. */
async function mappingDialog(app) {
  const dialog = app.page.getByRole('dialog', { name: 'Map labels to kinds' });
  await expectVisible(dialog);
  return dialog;
}

/** Opens an article from the library dialog. */
async function openFromLibrary(app, title) {
  await app.openLibrary();
  await app.libraryItem(title).getByRole('button', { name: 'Open' }).click();
  await expectHidden(app.libraryDialog());
  await app.expectHeading(title);
}

async function sampleOpen() {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  return app;
}

test('a Hypothesis export goes on the open article after its tags are mapped', async () => {
  const app = await sampleOpen();
  await importFiles(app, [{ name: 'hypothesis.json', buffer: fixture('hypothesis-export.json') }]);
  const dialog = await mappingDialog(app);
  // Obvious names come mapped; the others are skipped until chosen.
  assert.equal(await dialog.getByRole('combobox', { name: 'anonymous (1)' }).inputValue(), 'anonymous_attribution');
  assert.equal(await dialog.getByRole('combobox', { name: 'Claim (1)' }).inputValue(), 'claim');
  assert.equal(await dialog.getByRole('combobox', { name: 'to check (1)' }).inputValue(), 'skip');
  for (const [width, colorScheme] of [[1280, 'light'], [1280, 'dark'], [768, 'light'], [768, 'dark']]) {
    await app.page.setViewportSize({ width, height: 900 });
    await app.page.emulateMedia({ colorScheme });
    await app.page.screenshot({ path: new URL(`./screenshots/map-labels-${colorScheme}-${width}.png`, import.meta.url).pathname });
  }
  // Nothing is imported before Import.
  assert.deepEqual((await app.storedAnnotations()).length, 0);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expectHidden(dialog);
  await expectText(
    app.status().getByRole('paragraph'),
    'Imported “hypothesis.json” from Hypothesis: 2 annotations placed. 1 page notes or replies mark no passage and were left out.',
  );
  await waitFor(async () => {
    const passages = await app.highlightedPassages();
    assert.deepEqual(passages.anonymous_attribution, ['a U.S. official']);
    assert.deepEqual(passages.claim, ['bombings in Kerman earlier this month that killed 95 people']);
  });
  const stored = await waitFor(async () => {
    const found = (await app.storedAnnotations()).find((a) => a.kind === 'anonymous_attribution');
    assert.ok(found);
    return found;
  });
  assert.equal(stored.note, 'Which official? Unnamed.');
  assert.equal(stored.author, 'ana');
  app.assertNoErrors();
});

test('a brat pair becomes a new article, with a label skipped by choice, its note and its relation', async () => {
  const app = await sampleOpen();
  await importFiles(app, [
    { name: 'harbour.ann', buffer: fixture('harbour.ann') },
    { name: 'harbour.txt', buffer: fixture('harbour.txt') },
  ]);
  const dialog = await mappingDialog(app);
  await expectVisible(dialog.getByText('“harbour.ann” (brat) uses these labels.', { exact: false }));
  assert.equal(await dialog.getByRole('combobox', { name: 'Cue (1)' }).inputValue(), 'source');
  await dialog.getByRole('combobox', { name: 'Cue (1)' }).selectOption({ label: 'Skip' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expectHidden(dialog);
  await expectText(
    app.status().getByRole('paragraph'),
    'Imported “harbour.ann” from brat: 1 new article and 3 annotations. 1 with a skipped label left out. Open it from the library.',
  );
  await openFromLibrary(app, 'harbour');
  await waitFor(async () => {
    const passages = await app.highlightedPassages();
    assert.deepEqual(passages.claim, ['The talks failed on Tuesday']);
    assert.deepEqual(passages.anonymous_attribution, ['a senior port official']);
    assert.deepEqual(passages.source, ['Tomás Ferreira']);
  });
  await app.entry('Claim: The talks failed on Tuesday').click();
  await waitFor(async () => assert.equal(await app.noteField().inputValue(), 'Check with the port authority'));

  // The choice is remembered: the next file comes with "Cue" skipped.
  await importFiles(app, [
    { name: 'harbour.txt', buffer: fixture('harbour.txt') },
    { name: 'harbour.ann', buffer: fixture('harbour.ann') },
  ]);
  const again = await mappingDialog(app);
  assert.equal(await again.getByRole('combobox', { name: 'Cue (1)' }).inputValue(), 'skip');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(again);
  app.assertNoErrors();
});

test('a Label Studio export becomes a new article with its relation as a link', async () => {
  const app = await sampleOpen();
  await importFiles(app, [{ name: 'tasks.json', buffer: fixture('label-studio.json') }]);
  const dialog = await mappingDialog(app);
  assert.equal(await dialog.getByRole('combobox', { name: 'Anonymous source (1)' }).inputValue(), 'anonymous_attribution');
  assert.equal(await dialog.getByRole('combobox', { name: 'Sentiment-ish (1)' }).inputValue(), 'skip');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expectText(
    app.status().getByRole('paragraph'),
    'Imported “tasks.json” from Label Studio: 1 new article and 3 annotations. 1 with a skipped label left out. Open it from the library.',
  );
  await openFromLibrary(app, 'Task 41');
  await waitFor(async () => {
    const passages = await app.highlightedPassages();
    assert.deepEqual(passages.claim, ['Councils cut water use by a fifth']);
    assert.deepEqual(passages.source, ['the ministry']);
    assert.deepEqual(passages.anonymous_attribution, ['A spokesperson']);
  });
  const library = await app.stored();
  const article = library.articles.find((a) => a.title === 'Task 41');
  assert.equal(article.links.length, 1, 'the relation from the claim to its source');
  app.assertNoErrors();
});

test('a broken file of each tool is refused with what is wrong, and nothing changes', async () => {
  const app = await sampleOpen();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  const before = await app.storedRaw();
  const cases = [
    [[{ name: 'broken-hypothesis.json', buffer: Buffer.from('{"export_date": "2026-12-05", "annotations": [{"target": [{"selector": [{"type": "TextQuoteSelector"}]}]}]}') }],
      'Annotation 1 has a TextQuoteSelector with no "exact".'],
    [[{ name: 'broken.ann', buffer: Buffer.from('T1\tClaim 0 999\tx\n') }, { name: 'broken.txt', buffer: Buffer.from('Short text.') }],
      'Line 1 of the .ann file: 0-999 is not a span of the text (11 characters).'],
    [[{ name: 'broken-tasks.json', buffer: Buffer.from('[{"data": {"image": 3}}]') }], 'Task 1 has no text in its "data".'],
    [[{ name: 'broken.jsonl', buffer: Buffer.from('{"text": "a"}\nnot json\n') }], 'Line 2 is not JSON'],
    [[{ name: 'alone.ann', buffer: fixture('harbour.ann') }], 'choose it together with its .txt file'],
  ];
  for (const [files, expected] of cases) {
    await importFiles(app, files);
    const message = app.status().getByRole('paragraph');
    await waitFor(async () => {
      const text = await message.textContent();
      assert.ok(text.includes(expected), `${files[0].name}: ${text}`);
      assert.ok(text.startsWith(`“${files[0].name}”`), text);
    });
    assert.equal(await app.page.getByRole('dialog', { name: 'Map labels to kinds' }).isVisible(), false);
    await waitFor(async () => assert.equal(await app.storedRaw(), before, `${files[0].name}: the library is unchanged`));
  }
  app.assertNoErrors();
});

test('the open article exported as doccano JSONL comes back through Import the same', async () => {
  const app = await sampleOpen();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('killed 95 people', 'claim');
  const { name, text } = await app.exportAs('Export doccano JSONL');
  assert.match(name, /\.doccano\.jsonl$/);
  const [line, ...rest] = text.trim().split('\n');
  assert.equal(rest.length, 0, 'one article, one line');
  const exported = JSON.parse(line);
  const stored = await app.storedAnnotations();
  const labels = { claim: 'Claim', source: 'Source', anonymous_attribution: 'Anonymous_attribution' };
  assert.deepEqual(
    exported.label,
    [...stored].sort((a, b) => a.start - b.start).map((a) => [a.start, a.end, labels[a.kind]]),
  );
  await importFiles(app, [{ name, buffer: Buffer.from(text) }]);
  const dialog = await mappingDialog(app);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expectText(
    app.status().getByRole('paragraph'),
    `Imported “${name}” from doccano: 1 new article and 2 annotations. Open it from the library.`,
  );
  // The export's title is the sample's: the new copy is the library's second.
  await app.openLibrary();
  await app.libraryDialog().getByRole('button', { name: 'Open' }).last().click();
  await expectHidden(app.libraryDialog());
  await waitFor(async () => {
    const passages = await app.highlightedPassages();
    assert.deepEqual(passages.anonymous_attribution, ['a U.S. official said']);
    assert.deepEqual(passages.claim, ['killed 95 people']);
  });
  app.assertNoErrors();
});

/** The files of a zip, read by Python's zipfile (another implementation than the one that wrote
 * it): name -> text. */
function unzip(path) {
  const script = 'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n'
    + 'print(json.dumps({n: z.read(n).decode("utf-8") for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

test('the open article and the library go out as brat standoff in a zip, with links as relations', async () => {
  const app = await sampleOpen();
  await app.mark('The Wall Street Journal', 'source');
  await app.mark('was first to report that the U.S. had provided the warning to Iran', 'claim');
  const list = app.page.getByRole('region', { name: 'Current annotation' }).getByRole('combobox', { name: 'Link a source' });
  await list.focus();
  await list.selectOption({ label: 'Source: “The Wall Street Journal”' });
  await app.page.keyboard.press('Enter');
  await expectVisible(app.page.getByRole('button', { name: 'Unlink “The Wall Street Journal”' }));
  const { name, path } = await app.exportAs('Export brat standoff (zip)');
  assert.match(name, /\.brat\.zip$/);
  const files = unzip(path);
  const folder = name.replace(/\.brat\.zip$/, '');
  assert.deepEqual(Object.keys(files).sort(), [`${folder}/001-${folder}.ann`, `${folder}/001-${folder}.txt`, `${folder}/annotation.conf`]);
  assert.equal(files[`${folder}/001-${folder}.txt`], await app.text());
  const ann = files[`${folder}/001-${folder}.ann`];
  assert.match(ann, /^T1\tSource \d+ \d+\tThe Wall Street Journal\nT2\tClaim \d+ \d+\twas first to report/);
  assert.match(ann, /\nR1\tRests_on Arg1:T2 Arg2:T1\n$/);
  assert.match(files[`${folder}/annotation.conf`], /\[relations\]\nRests_on\tArg1:Claim, Arg2:Source\|Anonymous_attribution/);
  // The pair comes back through Import with its link.
  await importFiles(app, [
    { name: 'back.ann', buffer: Buffer.from(ann) },
    { name: 'back.txt', buffer: Buffer.from(files[`${folder}/001-${folder}.txt`]) },
  ]);
  await (await mappingDialog(app)).getByRole('button', { name: 'Import', exact: true }).click();
  await expectText(
    app.status().getByRole('paragraph'),
    'Imported “back.ann” from brat: 1 new article and 2 annotations. Open it from the library.',
  );

  // The library: both articles, each in its pair, and as doccano JSONL one line each. The
  // menu names which exports take the open article and which the library.
  await app.page.getByRole('button', { name: 'Export', exact: true }).click();
  const wholeLibrary = app.page.getByRole('group', { name: 'Exports' }).getByRole('group', { name: 'The whole library' });
  await expectVisible(wholeLibrary.getByRole('button', { name: 'Export library as brat standoff (zip)' }));
  await expectVisible(
    app.page.getByRole('group', { name: 'The open article' }).getByRole('button', { name: 'Export brat standoff (zip)' }),
  );
  await app.page.keyboard.press('Escape');
  await expectHidden(wholeLibrary);
  const library = unzip((await app.exportAs('Export library as brat standoff (zip)')).path);
  const pairs = Object.keys(library).filter((n) => n.endsWith('.ann')).sort();
  assert.deepEqual(pairs.map((n) => n.replace(/^article-annotator-library\/(\d+)-.*/, '$1')), ['001', '002']);
  const doccano = await app.exportAs('Export library as doccano JSONL');
  assert.equal(doccano.name, 'article-annotator-library.doccano.jsonl');
  const lines = doccano.text.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 2);
  for (const line of lines) assert.deepEqual(line.label.map((l) => l[2]), ['Source', 'Claim']);
  app.assertNoErrors();
});
