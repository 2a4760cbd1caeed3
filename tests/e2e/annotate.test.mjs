// Annotating the sample article: marking by mouse and by keyboard, overlaps, notes and kinds,
// deleting, undo and redo, reloads, two tabs, a full storage, stepping and filtering.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  App,
  SAMPLE_TEXT,
  SAMPLE_TITLE,
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
    await waitFor(async () => assert.equal(await app.currentEntry(), name));
    await waitFor(async () => assert.equal(await activePassage(app), passage));
  });
}

/**
 * Where the caret is painted, or null: the start of the caret highlight (the character after
 * the caret), or, before a line break, the end of the character it is painted after.
 */
async function caretAt(app) {
  const { 'aa-caret': caret, 'aa-caret-after': after } = await app.highlights(['aa-caret', 'aa-caret-after']);
  assert.ok(caret.length + after.length <= 1, 'at most one caret');
  return caret.length ? caret[0].start : after.length ? after[0].end : null;
}

/** Presses `key` until the caret is at `target` (or past it, which fails); at most `max` times. */
async function pressUntilCaret(app, key, target, max = 60) {
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
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: 'a U.S. official said', ...spanOf('a U.S. official said') }));
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
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 1, Source: 1, 'Anonymous attribution': 1 }));
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
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
  await waitFor(async () => assert.equal(await app.articleText().locator('*:not(span.para)').count(), 0, 'no elements but paragraphs'));

  // Marking the same passage with the same kind again (dragged right to left) is refused.
  await app.dragSelect('killed 95 people', { backward: true });
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: 'killed 95 people', ...spanOf('killed 95 people') }));
  await app.toolbar().getByRole('button', { name: 'Claim', exact: true }).click();
  await app.expectStatus('That passage is already marked as claim.');
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 3));
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
  await waitFor(async () => assert.equal(await caretAt(app), null, 'no caret is painted over a selection'));
  await page.keyboard.press('3');
  await expectVisible(app.entry("Anonymous attribution: Iran's mission to the United Nations"));
  await expectHidden(app.toolbar());
  await expectCurrent(
    app,
    "Anonymous attribution: Iran's mission to the United Nations",
    "Iran's mission to the United Nations",
  );
  await waitFor(async () => assert.ok(await isFocused(text), 'the article text still has the focus'));
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
  // The sentence's closing period is punctuation, not part of the claim: it is trimmed.
  const claimed = firstSentence.slice(0, -1);
  await expectVisible(app.entry(`Claim: ${claimed}`));

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
    `Claim: ${claimed}`,
    'Source: The Wall Street Journal',
  ]);
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 1, Source: 1, 'Anonymous attribution': 1 }));
  await expectPainted(app, {
    claim: [claimed],
    source: ['The Wall Street Journal'],
    anonymous_attribution: ["Iran's mission to the United Nations"],
  });
  assert.deepEqual(
    (await app.storedAnnotations()).map(({ kind, start, end }) => ({ kind, start, end })),
    [
      { kind: 'anonymous_attribution', ...mission },
      { kind: 'claim', start: sentence.start, end: sentence.end - 1 },
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
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
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
  await waitFor(async () => assert.equal(await app.selection(), null));
  await waitFor(async () => assert.equal(await caretAt(app), words.end), { timeout: 2000 });

  await page.keyboard.press('Shift+Control+ArrowRight');
  const more = spanOf(' main');
  await waitFor(async () => assert.deepEqual(await app.selection(), { text: ' main', ...more }));
  await page.keyboard.press('1');
  await expectVisible(app.entry('Claim: main'));
  await waitFor(async () => assert.ok(await isFocused(app.articleText())));
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
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 2, Source: 1, 'Anonymous attribution': 1 }));
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
  await waitFor(async () => assert.deepEqual(await items.allTextContents(), [
    'Anonymous attribution: “a U.S. official said”',
    'Claim: “U.S. official said Thursday”',
  ]));
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
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
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
  await waitFor(async () => assert.equal(await undo.isEnabled(), true));
  await waitFor(async () => assert.equal(await redo.isEnabled(), false));

  // Opening an entry makes it current and shows its editor.
  const entry = app.entry('Claim: killed 95 people');
  await waitFor(async () => assert.equal(await entry.getAttribute('aria-description'), 'No note'));
  await entry.click();
  await expectCurrent(app, 'Claim: killed 95 people', 'killed 95 people');
  const note = app.noteField();
  const kind = app.kindField();
  await expectVisible(note);
  await waitFor(async () => assert.equal(await kind.inputValue(), 'claim'));
  await note.click();
  const typed = 'Toll per Iranian officials; check later reports.';
  await page.keyboard.type(typed);
  await waitFor(async () => assert.equal(await entry.getAttribute('aria-description'), `Note: ${typed}`));
  await waitFor(async () =>
    assert.equal((await app.storedAnnotations()).find((a) => a.kind === 'claim').note, typed),
  );
  // The tooltip over the passage shows the note.
  const over = await app.pointAt(spanOf('killed 95 people').start + 3);
  await page.mouse.move(over.x, over.y);
  await waitFor(async () =>
    assert.deepEqual(await app.tooltip().getByRole('listitem').allTextContents(), [`Claim ${typed}`]),
  );
  await page.mouse.move(5, 5);
  await expectHidden(app.tooltip());

  // The kind, from the editor's combobox: the entry and the highlight follow.
  await kind.selectOption({ label: 'Source' });
  const asSource = app.entry('Source: killed 95 people');
  await expectVisible(asSource);
  await expectPainted(app, { source: ['killed 95 people'], anonymous_attribution: ['a U.S. official said'] });
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 0, Source: 1, 'Anonymous attribution': 1 }));
  await waitFor(async () => assert.equal(await asSource.getAttribute('aria-description'), `Note: ${typed}`));
  const id = (await app.storedAnnotations())[0].id;

  // Ctrl+Z (out of the form fields) takes back the kind, then the whole note at once.
  await app.articleText().focus();
  await page.keyboard.press('Control+z');
  await expectVisible(app.entry('Claim: killed 95 people'));
  await expectPainted(app, { claim: ['killed 95 people'], anonymous_attribution: ['a U.S. official said'] });
  await waitFor(async () => assert.equal(await app.entry('Claim: killed 95 people').getAttribute('aria-description'), `Note: ${typed}`));
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
  await waitFor(async () => assert.equal(await redo.isEnabled(), true));

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

/** Marks the three passages of the issue; returns the stored annotations, in creation order. */
async function markThree(app) {
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('The Wall Street Journal', 'source');
  await app.mark('killed 95 people', 'claim');
  await app.page.keyboard.press('Escape');
  await expectCurrent(app, null, null);
  return app.storedAnnotations();
}

test('deleting an annotation, by its button or the Delete key, and taking it back', async () => {
  const app = await openSample();
  const page = app.page;
  const original = await markThree(app);
  const all = [
    'Claim: killed 95 people',
    'Anonymous attribution: a U.S. official said',
    'Source: The Wall Street Journal',
  ];
  await expectEntries(app, all);
  const storedNow = () => app.storedAnnotations();

  // The editor's button.
  await app.entry('Claim: killed 95 people').click();
  await app.panel().getByRole('button', { name: 'Delete annotation', exact: true }).click();
  await app.expectStatus('Deleted claim “killed 95 people”.');
  await expectEntries(app, all.slice(1));
  await expectPainted(app, {
    source: ['The Wall Street Journal'],
    anonymous_attribution: ['a U.S. official said'],
  });
  await expectCurrent(app, null, null);
  await waitFor(async () => assert.deepEqual(await storedNow(), original.slice(0, 2)));
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 0, Source: 1, 'Anonymous attribution': 1 }));

  // The deleted entry's button is gone, so the focus went to the text, where Ctrl+Z puts it
  // back as it was (same id, place, fields).
  await expectVisible(app.status().getByRole('button', { name: 'Dismiss' }));
  await waitFor(async () => assert.ok(await isFocused(app.articleText()), 'the text has the focus'));
  await page.keyboard.press('Control+z');
  await expectEntries(app, all);
  await waitFor(async () => assert.deepEqual(await storedNow(), original));
  await expectPainted(app, {
    claim: ['killed 95 people'],
    source: ['The Wall Street Journal'],
    anonymous_attribution: ['a U.S. official said'],
  });
  await expectHidden(app.status().getByRole('button', { name: 'Undo', exact: true }));

  // A click in the headline puts the caret there; with no current annotation, j goes to the
  // first after the caret; Delete deletes it; the panel's Undo restores it.
  const top = await app.pointAt(spanOf('U.S. warned Iran').start + 2);
  await page.mouse.click(top.x, top.y);
  await waitFor(async () => assert.ok(await isFocused(app.articleText())));
  const headline = spanOf('U.S. warned Iran').start;
  await waitFor(async () => assert.ok(Math.abs((await caretAt(app)) - (headline + 2)) <= 1, 'the caret is where I clicked'));
  await page.keyboard.press('Escape');
  await expectCurrent(app, null, null);
  await page.keyboard.press('j');
  await expectCurrent(app, 'Claim: killed 95 people', 'killed 95 people');
  await page.keyboard.press('Delete');
  await app.expectStatus('Deleted claim “killed 95 people”.');
  await expectEntries(app, all.slice(1));
  await waitFor(async () => assert.deepEqual(await storedNow(), original.slice(0, 2)));
  await app.panelButton('Undo').click();
  await expectEntries(app, all);
  await waitFor(async () => assert.deepEqual(await storedNow(), original));

  // Backspace too, on another one; then Ctrl+Z, Ctrl+Shift+Z and Ctrl+Z again.
  await page.keyboard.press('Escape');
  await app.entry('Source: The Wall Street Journal').click();
  await expectCurrent(app, 'Source: The Wall Street Journal', 'The Wall Street Journal');
  await app.articleText().focus();
  await page.keyboard.press('Backspace');
  await app.expectStatus('Deleted source “The Wall Street Journal”.');
  await expectEntries(app, all.slice(0, 2));
  await waitFor(async () => assert.deepEqual(await storedNow(), [original[0], original[2]]));
  await page.keyboard.press('Control+z');
  await expectEntries(app, all);
  await waitFor(async () => assert.deepEqual(await storedNow(), original));
  await page.keyboard.press('Control+Shift+Z');
  await expectEntries(app, all.slice(0, 2));
  await waitFor(async () => assert.deepEqual(await storedNow(), [original[0], original[2]]));
  await waitFor(async () => assert.equal(await app.panelButton('Redo').isEnabled(), false));
  await page.keyboard.press('Control+z');
  await expectEntries(app, all);
  await waitFor(async () => assert.deepEqual(await storedNow(), original));

  // Undo all the way back to nothing, then redo everything: the same three, same ids.
  for (let i = 0; i < 3; i += 1) await app.panelButton('Undo').click();
  await expectCount(app.entryButtons(), 0);
  await waitFor(async () => assert.equal(await app.panelButton('Undo').isEnabled(), false));
  await waitFor(async () => assert.deepEqual(await storedNow(), []));
  await expectPainted(app, {});
  for (let i = 0; i < 3; i += 1) await app.panelButton('Redo').click();
  await expectEntries(app, all);
  await waitFor(async () => assert.deepEqual(await storedNow(), original));
  app.assertNoErrors();
});

test('a reload restores the same annotations: ids, order, kinds, notes, offsets', async () => {
  const app = await openSample();
  await markThree(app);
  const notes = {
    'Claim: killed 95 people': 'Death toll; later reports say 95.',
    'Anonymous attribution: a U.S. official said': 'Unnamed: "not authorized to comment".',
    'Source: The Wall Street Journal': 'First to report — “WSJ”, 😀 emoji and ünïcödé.',
  };
  for (const [name, note] of Object.entries(notes)) {
    await app.entry(name).click();
    await app.noteField().fill(note);
    await waitFor(async () => assert.equal(await app.entry(name).getAttribute('aria-description'), `Note: ${note}`));
  }
  await app.articleText().focus();
  await app.page.keyboard.press('Escape');
  await expectCurrent(app, null, null);
  const before = await waitFor(async () => {
    const stored = await app.storedAnnotations();
    assert.deepEqual(stored.map((a) => a.note).sort(), Object.values(notes).sort());
    return stored;
  });
  assert.equal(before.length, 3);

  await app.reload();
  await expectEntries(app, Object.keys(notes));
  for (const [name, note] of Object.entries(notes)) {
    await waitFor(async () => assert.equal(await app.entry(name).getAttribute('aria-description'), `Note: ${note}`));
  }
  await waitFor(async () => assert.deepEqual(await app.storedAnnotations(), before));
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 1, Source: 1, 'Anonymous attribution': 1 }));
  await expectPainted(app, {
    claim: ['killed 95 people'],
    source: ['The Wall Street Journal'],
    anonymous_attribution: ['a U.S. official said'],
  });
  await waitFor(async () => assert.equal(await app.text(), SAMPLE_TEXT));
  // A fresh session has no history to undo.
  await waitFor(async () => assert.equal(await app.panelButton('Undo').isEnabled(), false));
  app.assertNoErrors();
});

test('two tabs: what one marks, the other shows at once, and nothing is lost', async () => {
  const one = await openSample();
  await waitFor(async () => assert.equal((await one.stored()).articles.length, 1));
  const page2 = await one.page.context().newPage();
  page2.setDefaultTimeout(8000);
  const two = new App(page2);
  await two.load();
  await expectHidden(two.leftoversRegion());
  await waitFor(async () => assert.equal(await two.text(), SAMPLE_TEXT));

  const a = await one.mark('a U.S. official said', 'anonymous_attribution');
  await expectEntries(two, ['Anonymous attribution: a U.S. official said']);
  await expectPainted(two, { anonymous_attribution: ['a U.S. official said'] });
  await waitFor(async () => assert.deepEqual(await two.counts(), { Claim: 0, Source: 0, 'Anonymous attribution': 1 }));

  const b = await two.mark('killed 95 people', 'claim');
  const both = ['Claim: killed 95 people', 'Anonymous attribution: a U.S. official said'];
  await expectEntries(one, both);
  await expectPainted(one, { claim: ['killed 95 people'], anonymous_attribution: ['a U.S. official said'] });
  await expectEntries(two, both);
  await expectPainted(two, { claim: ['killed 95 people'], anonymous_attribution: ['a U.S. official said'] });
  await waitFor(async () => assert.deepEqual(await one.storedAnnotations(), [a, b]));

  // A note typed in one tab shows in the other.
  await one.entry('Claim: killed 95 people').click();
  await one.noteField().fill('Typed in the first tab.');
  await waitFor(async () =>
    assert.equal(
      await two.entry('Claim: killed 95 people').getAttribute('aria-description'),
      'Note: Typed in the first tab.',
    ),
  );

  // Undo in one tab takes back its own change only: the other tab's annotation stays.
  await one.articleText().focus();
  await one.page.keyboard.press('Control+z'); // the note
  await one.page.keyboard.press('Control+z'); // the marking of "a U.S. official said"
  await expectEntries(one, ['Claim: killed 95 people']);
  await expectEntries(two, ['Claim: killed 95 people']);
  await waitFor(async () => assert.deepEqual(await two.storedAnnotations(), [b]));

  // Both tabs read the same thing after a reload.
  await two.reload();
  await expectEntries(two, ['Claim: killed 95 people']);
  await waitFor(async () => assert.equal(await two.entry('Claim: killed 95 people').getAttribute('aria-description'), 'No note'));
  one.assertNoErrors();
  two.assertNoErrors();
});

test('j and k step through the annotations in text order; Show and Search narrow the list', async () => {
  const app = await openSample();
  const page = app.page;
  // Marked out of text order.
  await app.mark('The Wall Street Journal', 'source');
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('killed 95 people', 'claim');
  await app.mark('U.S. official said Thursday', 'claim');
  await app.entry('Source: The Wall Street Journal').click();
  await app.noteField().fill('Named outlet, credited with the scoop.');
  const K = ['Claim: killed 95 people', 'killed 95 people'];
  const A = ['Anonymous attribution: a U.S. official said', 'a U.S. official said'];
  const U = ['Claim: U.S. official said Thursday', 'U.S. official said Thursday'];
  const W = ['Source: The Wall Street Journal', 'The Wall Street Journal'];
  await expectEntries(app, [K[0], A[0], U[0], W[0]]);

  // From the current one (W, the last in text order): k goes back, j forward; both stop at the ends.
  await app.articleText().focus();
  await expectCurrent(app, ...W);
  await page.keyboard.press('j');
  await expectCurrent(app, ...W);
  for (const expected of [U, A, K, K]) {
    await page.keyboard.press('k');
    await expectCurrent(app, ...expected);
  }
  for (const expected of [A, U, W]) {
    await page.keyboard.press('j');
    await expectCurrent(app, ...expected);
  }
  // Escape clears the current one; j from a caret at the start of the text goes to the first.
  await page.keyboard.press('Escape');
  await expectCurrent(app, null, null);
  const start = await app.pointAt(0);
  await page.mouse.click(start.x, start.y);
  // (The click's caret lands by the first letter; j acts on it once it shows.)
  await waitFor(async () => assert.ok((await caretAt(app)) <= 1, 'the click put the caret at the start'));
  await page.keyboard.press('j');
  await expectCurrent(app, ...K);
  // o opens the current one's note.
  await page.keyboard.press('o');
  await waitFor(async () => assert.ok(await isFocused(app.noteField()), 'o focuses the note'));
  // In a form field, j and k are typed, not commands.
  await page.keyboard.type('jk');
  await waitFor(async () => assert.equal(await app.entry(K[0]).getAttribute('aria-description'), 'Note: jk'));
  await expectCurrent(app, ...K);

  // The Show filter.
  const show = app.panel().getByRole('combobox', { name: 'Show' });
  const summary = app.panel().getByText(/ (in text order|shown)$/);
  await expectText(summary, '4 in text order');
  await show.selectOption({ label: 'Claim' });
  await expectEntries(app, [K[0], U[0]]);
  await expectText(summary, '2 of 4 shown');
  await show.selectOption({ label: 'Anonymous attribution' });
  await expectEntries(app, [A[0]]);
  await expectText(summary, '1 of 4 shown');
  await show.selectOption({ label: 'Source' });
  await expectEntries(app, [W[0]]);
  // The filter narrows the list only: highlights and counts stay.
  await expectPainted(app, {
    claim: ['killed 95 people', 'U.S. official said Thursday'],
    source: ['The Wall Street Journal'],
    anonymous_attribution: ['a U.S. official said'],
  });
  await waitFor(async () => assert.deepEqual(await app.counts(), { Claim: 2, Source: 1, 'Anonymous attribution': 1 }));
  await show.selectOption({ label: 'All kinds' });
  await expectEntries(app, [K[0], A[0], U[0], W[0]]);
  await expectText(summary, '4 in text order');

  // Search: quotes and notes, without regard to case; with the filter, both apply.
  const search = app.panel().getByRole('searchbox', { name: 'Search annotations' });
  await search.fill('OFFICIAL');
  await expectEntries(app, [A[0], U[0]]);
  await expectText(summary, '2 of 4 shown');
  await search.fill('scoop');
  await expectEntries(app, [W[0]]);
  await expectText(summary, '1 of 4 shown');
  await search.fill('official');
  await show.selectOption({ label: 'Claim' });
  await expectEntries(app, [U[0]]);
  await search.fill('nothing like this');
  await expectEntries(app, []);
  await expectText(summary, '0 of 4 shown');
  await search.fill('');
  await show.selectOption({ label: 'All kinds' });
  await expectEntries(app, [K[0], A[0], U[0], W[0]]);
  app.assertNoErrors();
});

test('screenshots: annotated sample in light and dark at 1280 px, and the selection toolbar', async () => {
  const app = await openSample();
  const page = app.page;
  await app.mark('killed 95 people', 'claim');
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.mark('U.S. official said Thursday', 'claim');
  await app.mark('"duty to warn"', 'claim');
  await app.mark("Iran's mission to the United Nations", 'anonymous_attribution');
  await app.mark('insisted on anonymity', 'source');
  await app.entry('Anonymous attribution: a U.S. official said').click();
  await app.noteField().fill('Unnamed official; not authorized to comment.');
  await waitFor(async () =>
    assert.equal(
      await app.entry('Anonymous attribution: a U.S. official said').getAttribute('aria-description'),
      'Note: Unnamed official; not authorized to comment.',
    ),
  );
  // Out of the field, no selection, no toolbar, no tooltip; the annotated paragraphs in view.
  await page.getByRole('heading', { level: 1 }).click();
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.mouse.move(5, 5);
  await expectHidden(app.toolbar());
  await expectHidden(app.tooltip());
  await page.evaluate(() => window.scrollTo(0, 0));
  await app.reveal(spanOf('The U.S. government privately warned Iran'));
  const rects = await app.articleText().evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(rects < 900, 'the text is in view');
  await screenshot(page, 'annotated-light-1280', { fullPage: false });

  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitFor(async () =>
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), light),
  );
  await expectHidden(app.toolbar());
  await screenshot(page, 'annotated-dark-1280', { fullPage: false });

  await page.emulateMedia({ colorScheme: 'light' });
  await app.dragSelect('The Islamic State group claimed responsibility for the Jan. 3 attack on Kerman');
  await expectVisible(app.toolbar());
  await page.mouse.move(5, 5);
  await screenshot(page, 'selection-toolbar', { fullPage: false });
  app.assertNoErrors();
});

test('offsets are code points: an article with emoji and astral letters, and two tabs on different articles', async () => {
  const one = await openSample();
  const page2 = await one.page.context().newPage();
  page2.setDefaultTimeout(8000);
  const two = new App(page2);
  await two.load();
  const text = '😀 Emoji 𝒳 first. Then a claim here, 👍🏽 and “more” 😀 said.';
  await two.newArticle(text, { title: 'Emoji' });
  await two.expectHeading('Emoji');

  // The caret steps over a whole emoji at a time.
  await two.articleText().focus();
  await waitFor(async () => {
    const { 'aa-caret': caret } = await two.highlights(['aa-caret']);
    assert.deepEqual(caret, [{ text: '😀', start: 0, end: 1 }]);
  });
  await two.page.keyboard.press('ArrowRight');
  await waitFor(async () => assert.equal(await caretAt(two), 1));

  const claim = spanOf('a claim here', { text });
  await two.select(claim);
  await two.page.keyboard.press('1');
  const later = spanOf('“more” 😀 said', { text });
  await two.select(later);
  await two.toolbar().getByRole('button', { name: 'Source', exact: true }).click();
  await expectEntries(two, ['Claim: a claim here', 'Source: “more” 😀 said']);
  await waitFor(async () =>
    assert.deepEqual(
      (await two.storedAnnotations()).map(({ kind, start, end }) => ({ kind, start, end })),
      [
        { kind: 'claim', start: 22, end: 34 },
        { kind: 'source', start: 43, end: 56 },
      ],
    ),
  );
  assert.deepEqual([claim, later], [{ start: 22, end: 34 }, { start: 43, end: 56 }]);
  await expectPainted(two, { claim: ['a claim here'], source: ['“more” 😀 said'] });

  // The first tab keeps its own article open, and marks on it; the second keeps its own.
  await one.expectHeading(SAMPLE_TITLE);
  await one.mark('killed 95 people', 'claim');
  await expectEntries(one, ['Claim: killed 95 people']);
  await two.expectHeading('Emoji');
  await expectEntries(two, ['Claim: a claim here', 'Source: “more” 😀 said']);
  await waitFor(async () => {
    const library = await one.stored();
    assert.deepEqual(
      library.articles.map((a) => [a.title, a.annotations.length]),
      [
        [SAMPLE_TITLE, 1],
        ['Emoji', 2],
      ],
    );
  });
  // (The library keeps one "open article": a reload opens the one last opened in either tab.)
  await two.reload();
  if ((await two.heading().textContent()) !== 'Emoji') {
    await two.openLibrary();
    await two.libraryItem('Emoji').getByRole('button', { name: 'Open' }).click();
    await expectHidden(two.libraryDialog());
    await two.expectHeading('Emoji');
  }
  await expectEntries(two, ['Claim: a claim here', 'Source: “more” 😀 said']);
  await expectPainted(two, { claim: ['a claim here'], source: ['“more” 😀 said'] });
  one.assertNoErrors();
  two.assertNoErrors();
});
