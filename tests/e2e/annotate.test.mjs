// Annotating the sample article: marking by mouse and by keyboard, overlaps, notes and kinds,
// deleting, undo and redo, reloads, two tabs, a full storage, stepping and filtering.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  App,
  KINDS,
  LIBRARY_KEY,
  SAMPLE_TEXT,
  expectCount,
  expectHidden,
  expectText,
  expectVisible,
  isFocused,
  screenshot,
  spanOf,
  useApp,
  waitFor,
} from './harness.mjs';

const apps = useApp();

/** Opens the sample article, with the leftovers offer out of the way. */
async function openSample(options) {
  const app = await apps.open(options);
  await app.load();
  await app.keepLeftovers();
  return app;
}

/** Waits until the panel lists exactly `names`, top to bottom. */
async function expectEntries(app, names) {
  await waitFor(async () => assert.deepEqual(await app.entryNames(), names));
}

/** Waits until the painted passages per kind are exactly `expected` (each list in text order). */
async function expectPainted(app, { claim = [], source = [], anonymous_attribution = [] }) {
  await waitFor(async () =>
    assert.deepEqual(await app.highlightedPassages(), { claim, source, anonymous_attribution }),
  );
}

/** The passage the 'aa-active' highlight paints, or null. */
async function activePassage(app) {
  const { 'aa-active': active } = await app.highlights(['aa-active']);
  assert.ok(active.length <= 1, 'at most one current annotation is painted');
  return active.length ? active[0].text : null;
}

/** Waits until the current annotation is `name` in the panel and `passage` in the text (or none). */
async function expectCurrent(app, name, passage) {
  await waitFor(async () => {
    assert.equal(await app.currentEntry(), name);
    assert.equal(await activePassage(app), passage);
  });
}

/** The start of the caret highlight (a one-character range) in the text, or null. */
async function caretAt(app) {
  const { 'aa-caret': caret } = await app.highlights(['aa-caret']);
  assert.ok(caret.length <= 1, 'at most one caret');
  return caret.length ? caret[0].start : null;
}

/**
 * Presses `key` until the caret is at `target` (or past it, which fails); at most `max` times.
 * If no caret is painted at first (right after a selection was marked or cleared, see the test
 * "after marking …"), the first press is made without looking.
 */
async function pressUntilCaret(app, key, target, max = 60) {
  if ((await caretAt(app)) === null) await app.page.keyboard.press(key);
  for (let i = 0; i < max; i += 1) {
    const at = await waitFor(async () => {
      const c = await caretAt(app);
      assert.notEqual(c, null, 'the caret shows');
      return c;
    });
    if (at === target) return i;
    assert.ok(at < target, `the caret jumped over ${target} to ${at} (${JSON.stringify(SAMPLE_TEXT.slice(at, at + 20))})`);
    await app.page.keyboard.press(key);
  }
  assert.fail(`${key} never brought the caret to ${target}`);
}

test('marking by mouse: drag over a passage, then the toolbar or a key', async () => {
  const app = await openSample();
  await expectVisible(app.panel().getByText(/^Nothing is marked yet/));

  await app.dragSelect('a U.S. official said');
  assert.deepEqual(await app.selection(), { text: 'a U.S. official said', ...spanOf('a U.S. official said') });
  const toolbar = app.toolbar();
  for (const name of ['Claim', 'Source', 'Anonymous attribution']) {
    await expectVisible(toolbar.getByRole('button', { name, exact: true }));
  }
  await toolbar.getByRole('button', { name: 'Anonymous attribution', exact: true }).click();
  await expectVisible(app.entry('Anonymous attribution: a U.S. official said'));
  await expectHidden(toolbar);
  // The new annotation is the current one.
  await expectCurrent(app, 'Anonymous attribution: a U.S. official said', 'a U.S. official said');

  await app.dragSelect('The Wall Street Journal');
  await app.page.keyboard.press('2');
  await expectVisible(app.entry('Source: The Wall Street Journal'));
  await expectHidden(toolbar);

  await app.dragSelect('killed 95 people');
  await toolbar.getByRole('button', { name: 'Claim', exact: true }).click();
  await expectVisible(app.entry('Claim: killed 95 people'));

  await expectEntries(app, [
    'Claim: killed 95 people',
    'Anonymous attribution: a U.S. official said',
    'Source: The Wall Street Journal',
  ]);
  assert.deepEqual(await app.counts(), { Claim: 1, Source: 1, 'Anonymous attribution': 1 });
  await expectText(app.panel().getByText(/in text order$/), '3 in text order');
  await expectPainted(app, {
    claim: ['killed 95 people'],
    source: ['The Wall Street Journal'],
    anonymous_attribution: ['a U.S. official said'],
  });
  await expectCurrent(app, 'Claim: killed 95 people', 'killed 95 people');

  // Stored with code-point offsets of exactly those passages.
  const stored = await app.storedAnnotations();
  assert.deepEqual(
    stored.map(({ kind, start, end, note }) => ({ kind, start, end, note })),
    [
      { kind: 'anonymous_attribution', ...spanOf('a U.S. official said'), note: '' },
      { kind: 'source', ...spanOf('The Wall Street Journal'), note: '' },
      { kind: 'claim', ...spanOf('killed 95 people'), note: '' },
    ],
  );
  assert.equal(new Set(stored.map((a) => a.id)).size, 3, 'each annotation has its own id');
  // Painting added nothing to the text.
  assert.equal(await app.text(), SAMPLE_TEXT);
  assert.equal(await app.articleText().locator('*:not(span.para)').count(), 0, 'no elements but paragraphs');

  // Marking the same passage with the same kind again is refused.
  await app.dragSelect('killed 95 people');
  await app.toolbar().getByRole('button', { name: 'Claim', exact: true }).click();
  await app.expectStatus('That passage is already marked as claim.');
  assert.equal((await app.storedAnnotations()).length, 3);
  await expectEntries(app, [
    'Claim: killed 95 people',
    'Anonymous attribution: a U.S. official said',
    'Source: The Wall Street Journal',
  ]);
  app.assertNoErrors();
});

test('marking by keyboard only: caret by word and sentence, Shift to select, 1/2/3 to mark', async () => {
  const app = await openSample();
  const page = app.page;
  const text = app.articleText();
  await text.focus();
  await waitFor(async () => assert.ok(await isFocused(text)));
  // The caret starts at the beginning of the text.
  await waitFor(async () => assert.equal(await caretAt(app), 0));
  await page.keyboard.press('ArrowRight');
  await waitFor(async () => assert.equal(await caretAt(app), 1));
  await page.keyboard.press('ArrowLeft');
  await waitFor(async () => assert.equal(await caretAt(app), 0));

  // "Iran's mission to the United Nations": sentence steps down to the end of the paragraph
  // before it, word steps to the end of "Iran's" and back to its start, then six words.
  const mission = spanOf("Iran's mission to the United Nations");
  const paragraph = spanOf('Iranian state media did not acknowledge');
  await pressUntilCaret(app, 'ArrowDown', paragraph.start - 2);
  await pressUntilCaret(app, 'Control+ArrowRight', mission.start + "Iran's".length);
  await page.keyboard.press('Control+ArrowLeft');
  await waitFor(async () => assert.equal(await caretAt(app), mission.start));
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('Shift+Control+ArrowRight');
  await waitFor(async () =>
    assert.deepEqual(await app.selection(), { text: "Iran's mission to the United Nations", ...mission }),
  );
  await expectVisible(app.toolbar());
  assert.equal(await caretAt(app), null, 'no caret is painted over a selection');
  await page.keyboard.press('3');
  await expectVisible(app.entry("Anonymous attribution: Iran's mission to the United Nations"));
  await expectHidden(app.toolbar());
  await expectCurrent(
    app,
    "Anonymous attribution: Iran's mission to the United Nations",
    "Iran's mission to the United Nations",
  );
  assert.ok(await isFocused(text), 'the article text still has the focus');
  // (That the caret shows again at once, where the selection ended, is the next test's.)

  // Shift+ArrowDown selects up to the end of the sentence: from the start of a paragraph, its
  // first sentence ("U.S." inside it does not end it).
  const firstSentence =
    "In the time since, Iran has been trying to blame the U.S. and Israel for the attack amid Israel's war on Hamas in the Gaza Strip.";
  const sentence = spanOf(firstSentence);
  await pressUntilCaret(app, 'ArrowDown', sentence.start - 2);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitFor(async () => assert.equal(await caretAt(app), sentence.start));
  await page.keyboard.press('Shift+ArrowDown');
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: firstSentence, ...sentence }));
  await page.keyboard.press('1');
  await expectVisible(app.entry(`Claim: ${firstSentence}`));

  // Whitespace at the ends of a selection is trimmed: from the end of the paragraph before
  // "The Wall Street Journal", four words take in the blank line; one more character, a space.
  const journal = spanOf('The Wall Street Journal');
  await pressUntilCaret(app, 'ArrowDown', journal.start - 2);
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await waitFor(async () =>
    assert.deepEqual(await app.selection(), {
      text: '\n\nThe Wall Street Journal ',
      start: journal.start - 2,
      end: journal.end + 1,
    }),
  );
  await expectVisible(app.toolbar());
  await page.keyboard.press('2');
  await expectVisible(app.entry('Source: The Wall Street Journal'));

  await expectEntries(app, [
    "Anonymous attribution: Iran's mission to the United Nations",
    `Claim: ${firstSentence}`,
    'Source: The Wall Street Journal',
  ]);
  assert.deepEqual(await app.counts(), { Claim: 1, Source: 1, 'Anonymous attribution': 1 });
  await expectPainted(app, {
    claim: [firstSentence],
    source: ['The Wall Street Journal'],
    anonymous_attribution: ["Iran's mission to the United Nations"],
  });
  assert.deepEqual(
    (await app.storedAnnotations()).map(({ kind, start, end }) => ({ kind, start, end })),
    [
      { kind: 'anonymous_attribution', ...mission },
      { kind: 'claim', ...sentence },
      { kind: 'source', ...journal },
    ],
  );

  // Backwards too: Shift+Control+ArrowLeft from the end of a word selects it, and the kind
  // keys still work; the selection's anchor is where the caret was.
  const jerusalem = spanOf('Jerusalem');
  await pressUntilCaret(app, 'Control+ArrowRight', jerusalem.end);
  await page.keyboard.press('Shift+Control+ArrowLeft');
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: 'Jerusalem', ...jerusalem }));
  await page.keyboard.press('1');
  await expectVisible(app.entry('Claim: Jerusalem'));
  assert.equal(await app.text(), SAMPLE_TEXT);
  app.assertNoErrors();
});

test('after marking or clearing a keyboard selection, the caret shows where the selection ended', async () => {
  const app = await openSample();
  const page = app.page;
  await app.articleText().focus();
  await waitFor(async () => assert.equal(await caretAt(app), 0));
  const words = spanOf('Skip to');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: 'Skip to', ...words }));
  // Escape clears the selection; the text still has the focus, so the caret is painted again,
  // at the selection's focus end, where the next arrow key moves from.
  await page.keyboard.press('Escape');
  await expectHidden(app.toolbar());
  assert.equal(await app.selection(), null);
  await waitFor(async () => assert.equal(await caretAt(app), words.end), { timeout: 2000 });

  await page.keyboard.press('Shift+Control+ArrowRight');
  const more = spanOf(' main');
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: ' main', ...more }));
  await page.keyboard.press('1');
  await expectVisible(app.entry('Claim: main'));
  assert.ok(await isFocused(app.articleText()));
  await waitFor(async () => assert.equal(await caretAt(app), more.end), { timeout: 2000 });
  app.assertNoErrors();
});

test('overlapping annotations: both painted and listed; a click on both offers a choice; hover names both', async () => {
  const app = await openSample();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('U.S. official said Thursday', 'claim');
  // The same passage may carry two kinds; only the same kind twice is refused.
  await app.mark('killed 95 people', 'claim');
  await app.mark('killed 95 people', 'source', { key: true });

  await expectEntries(app, [
    'Claim: killed 95 people',
    'Source: killed 95 people',
    'Anonymous attribution: a U.S. official said',
    'Claim: U.S. official said Thursday',
  ]);
  assert.deepEqual(await app.counts(), { Claim: 2, Source: 1, 'Anonymous attribution': 1 });
  await expectPainted(app, {
    claim: ['killed 95 people', 'U.S. official said Thursday'],
    source: ['killed 95 people'],
    anonymous_attribution: ['a U.S. official said'],
  });

  // Clear the current annotation, then click the "o" of "official": both cover it.
  await app.page.keyboard.press('Escape');
  await expectCurrent(app, null, null);
  const official = spanOf('official said Thursday').start;
  const point = await app.pointAt(official);
  await app.page.mouse.click(point.x, point.y);
  const menu = app.chooser();
  await expectVisible(menu);
  const items = menu.getByRole('menuitem');
  assert.deepEqual(await items.allTextContents(), [
    'Anonymous attribution: “a U.S. official said”',
    'Claim: “U.S. official said Thursday”',
  ]);
  // The first choice has the focus; Escape closes the menu and changes nothing.
  await waitFor(async () => assert.ok(await isFocused(items.first()), 'the first choice has the focus'));
  await app.page.keyboard.press('Escape');
  await expectHidden(menu);
  await expectCurrent(app, null, null);

  await app.page.mouse.click(point.x, point.y);
  await expectVisible(menu);
  await menu.getByRole('menuitem', { name: 'Claim: “U.S. official said Thursday”', exact: true }).click();
  await expectHidden(menu);
  await expectCurrent(app, 'Claim: U.S. official said Thursday', 'U.S. official said Thursday');

  // A spot under one annotation only makes it current at once.
  const thursday = await app.pointAt(spanOf('Thursday').start + 2);
  await app.page.mouse.move(thursday.x, thursday.y);
  await app.page.mouse.click(thursday.x, thursday.y);
  await expectCurrent(app, 'Claim: U.S. official said Thursday', 'U.S. official said Thursday');
  const a = await app.pointAt(spanOf('a U.S. official said').start);
  await app.page.mouse.click(a.x, a.y);
  await expectCurrent(app, 'Anonymous attribution: a U.S. official said', 'a U.S. official said');
  await expectHidden(menu);

  // Hovering names each kind under the pointer, with its note.
  await app.page.mouse.move(point.x, point.y);
  const tooltip = app.tooltip();
  await expectVisible(tooltip);
  await waitFor(async () =>
    assert.deepEqual(await tooltip.getByRole('listitem').allTextContents(), [
      'Anonymous attribution No note',
      'Claim No note',
    ]),
  );
  await app.page.mouse.move(thursday.x, thursday.y);
  await waitFor(async () => assert.deepEqual(await tooltip.getByRole('listitem').allTextContents(), ['Claim No note']));
  // Off the highlights, no tooltip.
  const plain = await app.pointAt(spanOf('The official, who was not authorized').start + 5);
  await app.page.mouse.move(plain.x, plain.y);
  await expectHidden(tooltip);
  assert.equal(await app.text(), SAMPLE_TEXT);
  app.assertNoErrors();
});

test('a note and a kind are edited in the panel; undo takes back the whole note in one step', async () => {
  const app = await openSample();
  const page = app.page;
  await app.mark('killed 95 people', 'claim');
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await page.keyboard.press('Escape');
  await expectCurrent(app, null, null);
  const undo = app.panelButton('Undo');
  const redo = app.panelButton('Redo');
  assert.equal(await undo.isEnabled(), true);
  assert.equal(await redo.isEnabled(), false);

  // Opening an entry makes it current and shows its editor.
  const entry = app.entry('Claim: killed 95 people');
  assert.equal(await entry.getAttribute('aria-description'), 'No note');
  await entry.click();
  await expectCurrent(app, 'Claim: killed 95 people', 'killed 95 people');
  const note = app.noteField();
  const kind = app.kindField();
  await expectVisible(note);
  assert.equal(await kind.inputValue(), 'claim');
  await note.click();
  const typed = 'Toll per Iranian officials; check later reports.';
  await page.keyboard.type(typed);
  await waitFor(async () => assert.equal(await entry.getAttribute('aria-description'), `Note: ${typed}`));
  await waitFor(async () =>
    assert.equal((await app.storedAnnotations()).find((a) => a.kind === 'claim').note, typed),
  );

  // The kind, from the editor's combobox: the entry and the highlight follow.
  await kind.selectOption({ label: 'Source' });
  const asSource = app.entry('Source: killed 95 people');
  await expectVisible(asSource);
  await expectPainted(app, { source: ['killed 95 people'], anonymous_attribution: ['a U.S. official said'] });
  assert.deepEqual(await app.counts(), { Claim: 0, Source: 1, 'Anonymous attribution': 1 });
  assert.equal(await asSource.getAttribute('aria-description'), `Note: ${typed}`);
  const id = (await app.storedAnnotations())[0].id;

  // Ctrl+Z (out of the form fields) takes back the kind, then the whole note at once.
  await app.articleText().focus();
  await page.keyboard.press('Control+z');
  await expectVisible(app.entry('Claim: killed 95 people'));
  await expectPainted(app, { claim: ['killed 95 people'], anonymous_attribution: ['a U.S. official said'] });
  assert.equal(await app.entry('Claim: killed 95 people').getAttribute('aria-description'), `Note: ${typed}`);
  await page.keyboard.press('Control+z');
  await waitFor(async () =>
    assert.equal(await app.entry('Claim: killed 95 people').getAttribute('aria-description'), 'No note'),
  );
  await waitFor(async () => {
    const [first] = await app.storedAnnotations();
    assert.equal(first.id, id);
    assert.equal(first.note, '');
    assert.equal(first.kind, 'claim');
  });
  assert.equal(await redo.isEnabled(), true);

  // Redo brings the note back whole, then the kind.
  await page.keyboard.press('Control+Shift+Z');
  await waitFor(async () =>
    assert.equal(await app.entry('Claim: killed 95 people').getAttribute('aria-description'), `Note: ${typed}`),
  );
  await page.keyboard.press('Control+y');
  await expectVisible(app.entry('Source: killed 95 people'));
  await waitFor(async () => assert.equal(await redo.isEnabled(), false));
  await waitFor(async () => {
    const [first] = await app.storedAnnotations();
    assert.deepEqual({ id: first.id, kind: first.kind, note: first.note }, { id, kind: 'source', note: typed });
  });

  // The number keys change the current annotation's kind when nothing is selected.
  await expectCurrent(app, 'Source: killed 95 people', 'killed 95 people');
  await page.keyboard.press('3');
  await expectVisible(app.entry('Anonymous attribution: killed 95 people'));
  await page.keyboard.press('Control+z');
  await expectVisible(app.entry('Source: killed 95 people'));

  // Enter opens the current annotation's note; a second visit is a step of its own.
  await app.articleText().focus();
  await page.keyboard.press('Enter');
  await waitFor(async () => assert.ok(await isFocused(app.noteField()), 'Enter focuses the note'));
  await page.keyboard.press('End');
  await page.keyboard.type(' Second visit.');
  await waitFor(async () =>
    assert.equal((await app.storedAnnotations())[0].note, `${typed} Second visit.`),
  );
  await app.articleText().focus();
  await page.keyboard.press('Control+z');
  await waitFor(async () => assert.equal((await app.storedAnnotations())[0].note, typed));
  await expectVisible(app.entry('Source: killed 95 people'));
  app.assertNoErrors();
});
