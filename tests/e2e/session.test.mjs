// A checking session without friction (issue 16): each point a working fact-checker tripped
// over, driven as a user would, keyboard-only where the point is about the keyboard.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SAMPLE_TEXT, expectHidden, expectText, expectVisible, isFocused, screenshot, spanOf, useApp, waitFor } from './harness.mjs';

const apps = useApp();

const CLAIM =
  "The U.S. government privately warned Iran that the Islamic State group's affiliate in Afghanistan was preparing to carry out a terrorist attack";
const OFFICIAL = 'a U.S. official said';
const WSJ = 'The Wall Street Journal';

/** The current annotation's editor. */
const editor = (app) => app.page.getByRole('region', { name: 'Current annotation' });
const suggestions = (app) => app.page.getByRole('region', { name: 'Suggestions' });
const linkList = (app) => editor(app).getByRole('combobox', { name: 'Link a source' });

/** The stored links of the open article. */
async function storedLinks(app) {
  const library = await app.stored();
  return library.articles.find((a) => a.id === library.current).links ?? [];
}

/** Marks the anonymous attribution, the newspaper and the claim (by keys); the claim is current. */
async function markThree(app) {
  await app.mark(OFFICIAL, 'anonymous_attribution', { key: true });
  await app.mark(WSJ, 'source', { key: true });
  await app.mark(CLAIM, 'claim', { key: true });
  await expectVisible(editor(app));
}


/** Marks the anonymous attribution and the claim, and links them with the list and "Link". */
async function claimOnOfficial(app) {
  await app.mark(OFFICIAL, 'anonymous_attribution');
  await app.mark(CLAIM, 'claim');
  await linkList(app).selectOption({ label: `Anonymous attribution: “${OFFICIAL}”` });
  await editor(app).getByRole('button', { name: 'Link', exact: true }).click();
}

/** The viewport box of a locator. */
const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
});
const scrollY = (app) => app.page.evaluate(() => Math.round(scrollY));
const viewportHeight = (app) => app.page.evaluate(() => innerHeight);

test('1. moving through "Link a source" with the arrow keys links nothing; Enter links the one chosen', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await markThree(app);
  await linkList(app).focus();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  const chosen = await linkList(app).evaluate((s) => s.selectedOptions[0].textContent);
  assert.match(chosen, /^(Source|Anonymous attribution): /);
  // Nothing linked by moving: no Unlink button, nothing stored.
  await expectVisible(editor(app).getByText('No source yet: this claim rests on nothing in the text.'));
  await waitFor(async () => assert.deepEqual(await storedLinks(app), []));
  assert.equal(await editor(app).getByRole('button', { name: /^Unlink/ }).count(), 0);
  await app.page.keyboard.press('Enter');
  const quote = chosen.replace(/^[^:]+: “|”$/g, '');
  await expectVisible(editor(app).getByRole('button', { name: `Unlink “${quote}”` }));
  await waitFor(async () => assert.equal((await storedLinks(app)).length, 1));
  assert.equal(await editor(app).getByRole('button', { name: /^Unlink/ }).count(), 1);
  // The "Link" button does the same for the mouse.
  await linkList(app).selectOption({ index: 1 });
  await editor(app).getByRole('button', { name: 'Link', exact: true }).click();
  await waitFor(async () => assert.equal((await storedLinks(app)).length, 2));
  app.assertNoErrors();
});

test('2. evidence typed and not added is added by Done and by Enter; a bad address keeps the editor open', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark(CLAIM, 'claim', { key: true });
  const url = editor(app).getByRole('textbox', { name: 'Evidence URL' });
  const label = editor(app).getByRole('textbox', { name: 'Evidence label' });
  // Enter in the label field adds it.
  await url.fill('https://www.state.gov/duty-to-warn');
  await label.fill('State Department');
  await label.press('Enter');
  await expectVisible(editor(app).getByRole('link', { name: 'State Department' }));
  await waitFor(async () => assert.equal(await url.inputValue(), ''));
  // Typed, then "Done": added, not lost.
  await url.fill('https://example.org/hospital-count');
  await label.fill('Hospital count');
  await editor(app).getByRole('button', { name: 'Done' }).click();
  await expectHidden(editor(app));
  await waitFor(async () => {
    const library = await app.stored();
    const evidence = library.articles.find((a) => a.id === library.current).verdicts[0].evidence;
    assert.deepEqual(evidence.map((e) => e.label), ['State Department', 'Hospital count']);
  });
  // Not a web address: "Done" says so and the editor stays, with what was typed.
  await app.entry(`Claim: ${CLAIM}`).click();
  await url.fill('www.example.org');
  await editor(app).getByRole('button', { name: 'Done' }).click();
  await expectText(editor(app).getByRole('alert'), 'Evidence must be a web address starting with http:// or https://.');
  await waitFor(async () => assert.equal(await url.inputValue(), 'www.example.org'));
  app.assertNoErrors();
});

test('3. ClaimReview: Unverifiable has no rating value; an anonymous source is said to be one', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await claimOnOfficial(app);
  await editor(app).getByRole('combobox', { name: 'Rating' }).selectOption('Unverifiable');
  await editor(app).getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Checked' });
  await waitFor(async () => assert.equal((await storedLinks(app)).length, 1));
  const [review] = JSON.parse((await app.exportAs('Export ClaimReview')).text);
  // schema.org Rating: a rating off the truth scale gives its name only (alternateName).
  assert.equal(review.reviewRating.alternateName, 'Unverifiable');
  assert.equal(review.reviewRating.ratingValue, undefined);
  assert.equal(review.reviewRating.bestRating, undefined);
  const author = review.itemReviewed.author;
  assert.equal(author.name, 'a U.S. official');
  assert.match(JSON.stringify(author), /[Aa]nonymous/);
  // Any rating the desk marks as off the scale is given by name only; the others are numbered
  // among the ratings on the scale.
  const library = await app.openLibrary();
  await library.getByText('Rating scale', { exact: true }).click();
  const offScale = library.getByRole('group', { name: 'Off the truth scale' });
  await offScale.getByRole('checkbox', { name: 'Mostly false' }).check();
  await waitFor(async () => assert.deepEqual((await app.stored()).off_scale.sort(), ['Mostly false', 'Unverifiable']));
  await screenshot(app.page, 'rating-scale', { fullPage: false });
  await app.closeLibrary();
  await editor(app).getByRole('combobox', { name: 'Rating' }).selectOption('Mostly false');
  await waitFor(async () => {
    const [again] = JSON.parse((await app.exportAs('Export ClaimReview')).text);
    assert.deepEqual(again.reviewRating, { '@type': 'Rating', alternateName: 'Mostly false' });
  });
  await editor(app).getByRole('combobox', { name: 'Rating' }).selectOption('False');
  await waitFor(async () => {
    const [again] = JSON.parse((await app.exportAs('Export ClaimReview')).text);
    assert.deepEqual(again.reviewRating, { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 4, worstRating: 1 });
  });
  app.assertNoErrors();
});

test('4. at 768 px marking, editing, suggestions and picking happen over the text, which stays where it was', async () => {
  const app = await apps.open({ viewport: { width: 768, height: 1000 } });
  await app.load();
  await app.keepLeftovers();
  await app.mark(OFFICIAL, 'anonymous_attribution');
  await app.select(CLAIM);
  const before = await scrollY(app);
  await app.page.keyboard.press('1');
  await expectVisible(editor(app));
  // The editor is a sheet over the bottom of the window; the text did not scroll away.
  await waitFor(async () => {
    const sheet = await box(editor(app));
    assert.ok(sheet.bottom <= (await viewportHeight(app)) + 1 && sheet.top > 0, JSON.stringify(sheet));
    assert.ok(Math.abs((await scrollY(app)) - before) < 200, `scrolled from ${before} to ${await scrollY(app)}`);
  });
  await screenshot(app.page, 'narrow-editor', { fullPage: false });
  // Picking a source: the sheet steps aside, the bar says what is going on, the text stays.
  const picking = await scrollY(app);
  await editor(app).getByRole('button', { name: 'Pick in text' }).click();
  await expectVisible(app.page.getByRole('button', { name: 'Cancel picking' }));
  await expectHidden(editor(app));
  await waitFor(async () => assert.ok(Math.abs((await scrollY(app)) - picking) < 5));
  const point = await app.pointAt(spanOf(OFFICIAL).start + 4);
  await app.page.mouse.click(point.x, point.y);
  await expectVisible(editor(app).getByRole('button', { name: `Unlink “${OFFICIAL}”` }));
  await editor(app).getByRole('button', { name: 'Done' }).click();
  await expectHidden(editor(app));
  // Suggestions: a sheet too, Accept and Reject in sight.
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await expectVisible(suggestions(app));
  await waitFor(async () => {
    for (const name of ['Accept', 'Reject']) {
      const button = await box(suggestions(app).getByRole('button', { name, exact: true }));
      assert.ok(button.top >= 0 && button.bottom <= (await viewportHeight(app)), `${name}: ${JSON.stringify(button)}`);
    }
  });
  await screenshot(app.page, 'narrow-suggestions', { fullPage: false });
  app.assertNoErrors();
});

test('6. focus: the text after a deletion (Ctrl+Z undoes), the opener after Escape, the text after the last suggestion; the caret shows between paragraphs', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark(WSJ, 'source', { key: true });
  await app.page.keyboard.press('Delete');
  await expectHidden(app.entry(`Source: ${WSJ}`));
  await waitFor(async () => assert.ok(await isFocused(app.articleText()), 'the text has the focus'));
  await app.page.keyboard.press('Control+z');
  await expectVisible(app.entry(`Source: ${WSJ}`));

  // The Export menu, by keyboard: Escape gives the focus back to "Export".
  const exportButton = app.page.getByRole('button', { name: 'Export', exact: true });
  await exportButton.focus();
  await app.page.keyboard.press('Enter');
  await expectVisible(app.page.getByRole('group', { name: 'Exports' }));
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.press('Escape');
  await expectHidden(app.page.getByRole('group', { name: 'Exports' }));
  await waitFor(async () => assert.ok(await isFocused(exportButton), 'Export has the focus'));

  // The last suggestion rejected: the text takes the focus, not the page.
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await expectVisible(suggestions(app));
  await suggestions(app).getByRole('button', { name: 'Reject all' }).click();
  await expectHidden(suggestions(app));
  await waitFor(async () => assert.ok(await isFocused(app.articleText()), 'the text has the focus'));

  // The caret at the end of a paragraph is painted there, after its last character.
  await app.page.keyboard.press('Escape');
  await app.articleText().focus();
  await app.page.keyboard.press('ArrowDown');
  await waitFor(async () => {
    const painted = await app.highlights(['aa-caret', 'aa-caret-after']);
    assert.deepEqual(painted['aa-caret'], []);
    assert.equal(painted['aa-caret-after'].length, 1);
    const { end } = painted['aa-caret-after'][0];
    assert.equal([...SAMPLE_TEXT][end], '\n', 'painted before a line break');
  });
  app.assertNoErrors();
});

test('7. A / R / N / P work wherever the focus is in the article, and every shortcut is listed', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.page.getByRole('button', { name: 'Suggest sources' }).click();
  await expectVisible(suggestions(app));
  const heading = suggestions(app).getByRole('heading');
  const total = Number((await heading.textContent()).match(/\((\d+)\)/)[1]);
  await app.articleText().focus();
  await app.page.keyboard.press('n');
  await expectText(suggestions(app).locator('.entry-kind').first(), new RegExp(`^2 of ${total} `));
  await app.page.keyboard.press('p');
  await expectText(suggestions(app).locator('.entry-kind').first(), new RegExp(`^1 of ${total} `));
  await app.page.keyboard.press('r');
  await expectText(heading, `Suggestions (${total - 1})`);
  await app.page.keyboard.press('a');
  await expectText(heading, `Suggestions (${total - 2})`);
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 1));
  await app.page.getByText('Keyboard shortcuts').click();
  for (const keys of ['A, R, N, P', 'j / k', '[ and ], Shift+[ and Shift+]', 'Delete', 'Escape']) {
    await expectVisible(app.panel().getByRole('term').filter({ hasText: keys }).first());
  }
  app.assertNoErrors();
});

test('8. notices leave after a few seconds unless pointed at; errors stay; none covers the text', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await app.mark(WSJ, 'source');
  await editor(app).getByRole('button', { name: 'Delete annotation' }).click();
  const notice = app.status().getByRole('paragraph');
  await expectText(notice, `Deleted source “${WSJ}”.`);
  const text = await box(app.articleText());
  const toast = await box(app.status().locator('.toast'));
  const overlaps = toast.left < text.right && text.left < toast.right && toast.top < text.bottom && text.top < toast.bottom;
  assert.ok(!overlaps, `the notice ${JSON.stringify(toast)} is off the text ${JSON.stringify(text)}`);
  // Pointed at, it stays past its time; let go, it leaves.
  await app.status().locator('.toast').hover();
  await app.page.waitForTimeout(11000);
  await expectVisible(notice);
  await app.page.mouse.move(5, 5);
  await expectHidden(notice, 15000);
  // An error stays until dismissed.
  await app.mark(WSJ, 'source');
  await app.select(WSJ);
  await app.toolbar().getByRole('button', { name: 'Source', exact: true }).click();
  await expectText(notice, 'That passage is already marked as source.');
  await app.page.waitForTimeout(7000);
  await expectVisible(notice);
  await app.status().getByRole('button', { name: 'Dismiss' }).click();
  await expectHidden(notice);
  app.assertNoErrors();
});

test('9. CSV gives sources by their quotes, with evidence and reasoning', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  await claimOnOfficial(app);
  await editor(app).getByRole('textbox', { name: 'Evidence URL' }).fill('https://www.state.gov/duty-to-warn');
  await editor(app).getByRole('textbox', { name: 'Evidence label' }).fill('State Department');
  await editor(app).getByRole('button', { name: 'Add evidence' }).click();
  await editor(app).getByRole('textbox', { name: 'Reasoning' }).fill('Confirmed on the record later.');
  await waitFor(async () => assert.equal((await storedLinks(app)).length, 1));
  const csv = (await app.exportAs('Export CSV')).text;
  const [header, ...rows] = csv.split('\r\n');
  assert.match(header, /,evidence,/);
  assert.match(header, /,reasoning/);
  const claimRow = rows.find((r) => r.includes(',Claim,'));
  assert.ok(claimRow.includes(OFFICIAL), claimRow);
  assert.ok(!/,n-[a-z0-9-]+,.*,n-/.test(claimRow), 'no internal ids for sources');
  assert.ok(claimRow.includes('https://www.state.gov/duty-to-warn'), claimRow);
  // The Markdown report places passages as a reader would, not by character offsets.
  const markdown = (await app.exportAs('Export Markdown report')).text;
  assert.match(markdown, /\nParagraph \d+(, sentence \d+)?\./);
  assert.doesNotMatch(markdown, /Characters \d/);
  assert.ok(claimRow.includes('Confirmed on the record later.'), claimRow);
  app.assertNoErrors();
});

test('10. marking trims trailing punctuation; the ends move by keys, buttons and dragging, undoably', async () => {
  const app = await apps.open();
  await app.load();
  await app.keepLeftovers();
  const withComma = 'killed 95 people,';
  const span = spanOf(withComma);
  await app.select(withComma);
  await app.page.keyboard.press('1');
  const stored = async () => (await app.storedAnnotations()).map((a) => [a.start, a.end]);
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, span.end - 1]]));
  // Keys: ] grows the end, Shift+] (}) shrinks it; [ grows the start.
  await app.articleText().focus();
  await app.page.keyboard.press(']');
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, span.end]]));
  await app.page.keyboard.press('}');
  await app.page.keyboard.press('[');
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start - 1, span.end - 1]]));
  await app.page.keyboard.press('Control+z');
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, span.end - 1]]));
  // The editor's buttons.
  await editor(app).getByRole('button', { name: 'End earlier' }).click();
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, span.end - 2]]));
  await editor(app).getByRole('button', { name: 'End later' }).click();
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, span.end - 1]]));
  // Dragging the end's handle back to the end of "95".
  const handle = app.page.getByRole('button', { name: 'End of the current annotation' });
  await expectVisible(handle);
  const from = await box(handle);
  const target = spanOf('killed 95').end;
  const [rect] = await app.articleText().evaluate((container, { start }) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let at = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = [...node.data].length;
      if (start < at + length) {
        const r = document.createRange();
        r.setStart(node, start - at);
        r.setEnd(node, start - at + 1);
        const b = r.getBoundingClientRect();
        return [{ left: b.left, right: b.right, top: b.top, bottom: b.bottom }];
      }
      at += length;
    }
    return [];
  }, { start: target - 1 });
  await app.page.mouse.move(from.left + from.width / 2, from.top + from.height / 2);
  await app.page.mouse.down();
  const y = from.top + from.height / 2;
  await app.page.mouse.move((rect.left + from.left) / 2, y, { steps: 4 });
  await app.page.mouse.move(rect.right + 1, y, { steps: 4 });
  await app.page.mouse.up();
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, target]]));
  await app.page.keyboard.press('Control+z');
  await waitFor(async () => assert.deepEqual(await stored(), [[span.start, span.end - 1]]));
  app.assertNoErrors();
});

test('11. the smaller points: headline once, URL and date when creating, legend, picking bar, library progress', async () => {
  const app = await apps.open();
  await app.load();
  const dialog = await app.openNewArticle();
  await dialog.getByRole('textbox', { name: 'Article text' }).fill('Council approves water plan\n\nThe council voted 7-2 on Tuesday, the mayor said.');
  await dialog.getByRole('textbox', { name: 'Source URL (optional)' }).fill('https://news.example/water');
  await dialog.getByRole('textbox', { name: 'Publication date (optional)' }).fill('2024-01-04');
  await dialog.getByRole('button', { name: 'Create article' }).click();
  await expectHidden(dialog);
  await app.expectHeading('Council approves water plan');
  // The headline shows once: as the text's first paragraph; the heading stays for the outline.
  await waitFor(async () => assert.ok((await box(app.heading())).height <= 1, 'the heading is not shown twice'));
  await expectVisible(app.metaLine().filter({ hasText: 'Published 4 January 2024' }));
  await waitFor(async () => {
    const library = await app.stored();
    const article = library.articles.find((a) => a.id === library.current);
    assert.equal(article.source_url, 'https://news.example/water');
    assert.equal(article.published, '2024-01-04');
  });
  // The verdict colors have a legend, with every rating of the scale.
  await app.mark('The council voted 7-2 on Tuesday', 'claim', { text: 'Council approves water plan\n\nThe council voted 7-2 on Tuesday, the mayor said.' });
  const legend = app.panel().getByRole('list', { name: 'Ratings' });
  for (const rating of ['True', 'Mostly true', 'Half true', 'Mostly false', 'False', 'Unverifiable']) {
    await expectVisible(legend.getByText(`${rating}: 0`, { exact: true }));
  }
  // The summary offers a count to choose only where there is something to show or to check.
  const summary = app.panel().getByRole('group').filter({ hasText: 'Fact-check summary' });
  await waitFor(async () => {
    const names = await summary.getByRole('button').allTextContents();
    // Three checks, the checked claims, and the one rating given (Not rated): 13 before.
    assert.equal(names.length, 5, names.join(' / '));
  });
  // Picking is a mode that cannot be missed; Escape leaves it.
  await editor(app).getByRole('button', { name: 'Pick in text' }).click();
  await expectVisible(app.page.getByRole('status').filter({ hasText: 'Picking a source' }));
  await app.page.keyboard.press('Escape');
  await expectHidden(app.page.getByRole('button', { name: 'Cancel picking' }));
  await editor(app).getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Checked' });
  // The library: dates labelled and written one way, and each article's progress.
  await app.openLibrary();
  await expectVisible(
    app.libraryItem('Council approves water plan').getByText('Published 4 January 2024 · 1 annotation · 1 of 1 claim checked · open now'),
  );
  await screenshot(app.page, 'library-progress', { fullPage: false });
  app.assertNoErrors();
});

/** axe-core's violations on the page as it is now (axe is run through the DevTools protocol, which the page's policy does not govern). */
async function axeViolations(app) {
  const source = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  await app.page.evaluate(source);
  return app.page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('axe finds no violation with each new or changed part open, light and dark, 1280 and 768 px', async () => {
  for (const [width, colorScheme] of [[1280, 'light'], [768, 'dark']]) {
    const app = await apps.open({ viewport: { width, height: 900 }, colorScheme });
    await app.load();
    await app.keepLeftovers();
    const check = async (what) => assert.deepEqual(await axeViolations(app), [], `${what} at ${width} px, ${colorScheme}`);
    await app.openNewArticle();
    await check('the New article dialog');
    await app.newArticleDialog().getByRole('button', { name: 'Cancel' }).click();
    await app.mark(OFFICIAL, 'anonymous_attribution');
    await app.mark(CLAIM, 'claim');
    await check('the editor with its span buttons and handles');
    await editor(app).getByRole('button', { name: 'Pick in text' }).click();
    await expectVisible(app.page.getByRole('button', { name: 'Cancel picking' }));
    await check('picking a source');
    await app.page.getByRole('button', { name: 'Cancel picking' }).click();
    await app.page.getByRole('button', { name: 'Suggest sources' }).click();
    await expectVisible(suggestions(app));
    await check('the suggestions');
    await app.openLibrary();
    await check('the Library dialog');
    app.assertNoErrors();
  }
});
