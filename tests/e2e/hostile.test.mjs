// Hostile input (issue 8): every payload that a paste or a file could carry, through every way
// in (the pasted text, titles, notes, evidence, web addresses, opened files, imported files).
// Each payload sets `window.__pwned` if it ever runs. After each step the page must show it as
// text, report no Content-Security-Policy violation (nothing even tried to load or run), hold no
// element that a payload could have made, and still work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SAMPLE_TITLE, expectHidden, expectText, expectVisible, normalizeText, screenshot, useApp, waitFor } from './harness.mjs';

const apps = useApp();

// An override left open would reverse the app's own words after the title ("… to the
// library."): one-line forms such as titles drop bidi controls.
const TITLE = '<img src=x onerror="window.__pwned = \'title\'">Council <b>budget</b> \u202Eevil';
const TITLE_SHOWN = '<img src=x onerror="window.__pwned = \'title\'">Council <b>budget</b> evil';
const PAYLOADS = [
  'Opening line of a hostile article, with a <script>window.__pwned = "script"</script> tag.',
  'An image: <img src=x onerror="window.__pwned = \'img\'"> and an iframe <iframe src="javascript:window.__pwned=\'iframe\'"></iframe>.',
  'SVG: <svg onload="window.__pwned = \'svg\'"><script>window.__pwned = "svg-script"</script></svg> end.',
  'A link: <a href="javascript:window.__pwned = \'href\'">click me</a> and <object data="x.swf"></object>.',
  'Entities: &lt;script&gt;window.__pwned = "entity"&lt;/script&gt; &#60;img src=x onerror=window.__pwned=1&#62; &amp;amp;',
  'Bidi: \u202Egnp.exe\u202C, an isolate \u2066مرحبا\u2069, a mark \u200F, and emoji 😀👩🏽‍💻.',
];
const TEXT = PAYLOADS.join('\n\n');
const NOTE = '<img src=x onerror="window.__pwned = \'note\'"> \u202Eevil\u202C & <script>window.__pwned="note"</script>';
/** The note as the panel's list shows it, on one line (the editor keeps every character). */
const NOTE_SHOWN = NOTE.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');

/** The list shows the note as text, and the editor holds it exactly. */
async function expectNote(app) {
  await expectVisible(app.panel().getByText(NOTE_SHOWN, { exact: true }));
  await waitFor(async () => assert.equal(await app.noteField().inputValue(), NOTE));
}

/** Opens the app with watchers for payloads that run and for anything the CSP refused. */
async function openWatched() {
  const app = await apps.open();
  await app.page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`),
    );
  });
  await app.load();
  return app;
}

/** The page's one inline script, put in by the build (scripts/post-build.mjs) and allowed by its hash. */
const FIRST_PAINT_SCRIPT = readFileSync(new URL('../../public/first-paint.js', import.meta.url), 'utf8');

/** Nothing ran, nothing was refused by the CSP, and no element a payload could make exists. */
async function assertNothingRan(app, when) {
  const found = await app.page.evaluate((own) => ({
    pwned: window.__pwned,
    violations: window.__violations,
    elements: [...document.querySelectorAll('img, svg, iframe, object, embed, script:not([src])')]
      .filter((e) => e.textContent !== own)
      .map((e) => e.outerHTML),
    javascriptLinks: [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => !/^(https?|blob):/.test(h)),
  }), FIRST_PAINT_SCRIPT);
  assert.equal(found.pwned, undefined, `${when}: a payload ran`);
  assert.deepEqual(found.violations, [], `${when}: the Content-Security-Policy refused something`);
  assert.deepEqual(found.elements, [], `${when}: an element from a payload is in the page`);
  assert.deepEqual(found.javascriptLinks, [], `${when}: a link that is not http(s) is in the page`);
}

/** The app still works: marking a passage of the open article adds and saves it. */
async function assertStillWorks(app, passage, text) {
  const before = (await app.storedAnnotations()).length;
  await app.mark(passage, 'claim', { text });
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, before + 1));
}

/** The current annotation's editor. */
const editor = (app) => app.page.getByRole('region', { name: 'Current annotation' });

/**
 * Drops a file made in the page (so that megabytes need not cross from Node) on the article.
 * `what` names how it is made from `arg`; the makers live in the page function because the
 * page's Content-Security-Policy rightly refuses to compile code sent as text.
 */
async function dropMadeFile(app, name, what, arg) {
  const dataTransfer = await app.page.evaluateHandle(
    ([name, what, arg]) => {
      const encode = (s) => [...new TextEncoder().encode(s)];
      const makers = {
        // Strings as UTF-8, numbers as raw bytes.
        bytes: (parts) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? encode(p) : [p]))),
        words: (n) => 'Word '.repeat(n),
        zeros: (n) => new Uint8Array(n),
        markupJson: (n) =>
          JSON.stringify(Array.from({ length: n }, (_, i) => ({ i, html: '<script>window.__pwned = "json"</script><img src=x onerror=window.__pwned=1>' }))),
        nestedExport: (n) => `{"format": "article-annotator/export", "version": 4, "articles": ${'['.repeat(n)}${']'.repeat(n)}}`,
      };
      const dt = new DataTransfer();
      dt.items.add(new File([makers[what](arg)], name));
      return dt;
    },
    [name, what, arg],
  );
  await app.dropTransfer(dataTransfer);
}

test('markup, scripts, SVG, entities and bidi controls in a paste, a title, a note and evidence stay text', async () => {
  const app = await openWatched();
  await app.newArticle(TEXT, { title: TITLE });
  await app.expectHeading(TITLE_SHOWN);
  await app.expectStatus(`Added “${TITLE_SHOWN}” to the library.`);
  await waitFor(async () => assert.equal(await app.text(), normalizeText(TEXT), 'the article text keeps every character'));
  await waitFor(async () => assert.equal(await app.page.title(), `${TITLE_SHOWN} — Article Annotator`, 'the title is text in the tab too'));
  await expectVisible(app.articleText().getByText('<svg onload=', { exact: false }));
  await assertNothingRan(app, 'after the paste');

  // A note and evidence full of markup, on a claim.
  await app.mark('click me', 'claim', { text: TEXT });
  await app.noteField().fill(NOTE);
  await expectNote(app);
  for (const address of ['javascript:window.__pwned="evidence"', '  JavaScript:window.__pwned=1', 'data:text/html,<script>window.__pwned=1</script>', 'vbscript:msgbox']) {
    await editor(app).getByRole('textbox', { name: 'Evidence URL' }).fill(address);
    await editor(app).getByRole('button', { name: 'Add evidence' }).click();
    await expectText(editor(app).getByRole('alert'), 'Evidence must be a web address starting with http:// or https://.');
  }
  await editor(app).getByRole('textbox', { name: 'Evidence URL' }).fill('https://example.org/minutes?q=<script>');
  await editor(app).getByRole('textbox', { name: 'Evidence label' }).fill('<b onmouseover="window.__pwned=1">Minutes</b>');
  await editor(app).getByRole('button', { name: 'Add evidence' }).click();
  const evidence = editor(app).getByRole('link', { name: '<b onmouseover="window.__pwned=1">Minutes</b>' });
  await expectVisible(evidence);
  await waitFor(async () => assert.equal(await evidence.getAttribute('rel'), 'noopener noreferrer'));
  await evidence.hover();

  // A javascript: source URL is refused and the details keep what they had.
  const form = await app.editDetails({ url: 'javascript:window.__pwned="url"' });
  await expectVisible(form.getByText('A web address (source URL, fact-check URL) must start with http:// or https://.'));
  await form.getByRole('button', { name: 'Cancel' }).click();
  await assertNothingRan(app, 'after the note, the evidence and the source URL');
  await screenshot(app.page, 'hostile-paste');

  // Everything comes back as text after a reload, and the app still works.
  await app.reload();
  await app.expectHeading(TITLE_SHOWN);
  await app.entry('Claim: click me').click();
  await expectNote(app);
  await assertStillWorks(app, 'and emoji 😀', normalizeText(TEXT));
  await assertNothingRan(app, 'after a reload');
  app.assertNoErrors();
});

test('opened files: HTML with scripts and SVG, an SVG file, invalid UTF-8; nothing runs', async () => {
  const app = await openWatched();
  const html = `<!doctype html><html><head><title>x</title><script>window.__pwned = "head"</script>
    <meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1"><base href="javascript:/">
    <style>body{background:url("javascript:window.__pwned=1")}</style></head>
    <body onload="window.__pwned = 'body'"><h1>Harbour &amp; <i>ferry</i> report</h1>
    <p>The ferry &lt;script&gt; costs &#8364;4 &mdash; <img src=x onerror="window.__pwned='img'">said the mayor.</p>
    <svg><script>window.__pwned = "svg"</script><text>svg text</text></svg>
    <p><a href="javascript:window.__pwned='a'">Read more</a> \u202Eevil\u202C</p></body></html>`;
  await app.dropFile({ name: 'report.html', mimeType: 'text/html', content: html });
  await app.expectHeading('Harbour & ferry report');
  const text = await app.text();
  assert.ok(text.includes('The ferry <script> costs €4 — said the mayor.'), text);
  assert.ok(!text.includes('__pwned'), `no script text is kept: ${text}`);
  await assertNothingRan(app, 'after an HTML file');

  // An SVG file is not a text the app opens: refused, with a message naming it.
  await app.dropFile({ name: 'drawing.svg', mimeType: 'image/svg+xml', content: '<svg onload="window.__pwned=1"><script>window.__pwned=2</script></svg>' });
  await app.expectStatus('“drawing.svg” cannot be opened: choose a text (.txt), Markdown (.md) or web page (.html) file.');
  await app.expectHeading('Harbour & ferry report');

  // A text file with bytes that are not UTF-8 (Latin-1 é, then 0xff 0xfe) opens with them
  // shown as U+FFFD, and says so.
  await dropMadeFile(app, 'latin1.txt', 'bytes', ['Caf', 0xe9, ' au lait, ', 0xff, 0xfe, ' fin.']);
  await app.expectHeading('Caf\uFFFD au lait, \uFFFD\uFFFD fin.');
  await app.expectStatus('Added “Caf\uFFFD au lait, \uFFFD\uFFFD fin.” to the library. Part of “latin1.txt” is not UTF-8 text: 3 sequences of bytes could not be read and show as �.');
  await assertStillWorks(app, 'au lait', 'Caf\uFFFD au lait, \uFFFD\uFFFD fin.');

  // A JSON file with bytes that are not UTF-8 is refused whole.
  const before = await app.storedRaw();
  await dropMadeFile(app, 'broken.json', 'bytes', ['{"format": "article-annotator/export", "title": "', 0xc3, 0x28, '"}']);
  await app.expectStatus('“broken.json” was not imported, and nothing changed. It is not UTF-8 text: 1 sequence of bytes could not be read.');
  await waitFor(async () => assert.equal(await app.storedRaw(), before));
  await assertNothingRan(app, 'after the files');
  app.assertNoErrors();
});

test('an imported file carrying markup shows it as text; one with a javascript: evidence link is refused', async () => {
  const author = await openWatched();
  await author.newArticle(TEXT, { title: TITLE });
  await author.mark('click me', 'claim', { text: TEXT });
  await author.noteField().fill(NOTE);
  await editor(author).getByRole('combobox', { name: 'Rating' }).selectOption('False');
  await editor(author).getByRole('textbox', { name: 'Evidence URL' }).fill('https://example.org/<svg onload=alert(1)>');
  await editor(author).getByRole('textbox', { name: 'Evidence label' }).fill('<script>window.__pwned="label"</script>');
  await editor(author).getByRole('button', { name: 'Add evidence' }).click();
  await waitFor(async () => assert.ok((await author.stored()).articles.some((a) => a.verdicts?.[0]?.evidence?.length === 1)));
  await author.page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    author.page.waitForEvent('download'),
    author.page.getByRole('group', { name: 'Exports' }).getByRole('button', { name: 'Export JSON', exact: true }).click(),
  ]);
  const file = readFileSync(await download.path(), 'utf8');

  // A colleague imports it into an empty profile.
  const reader = await openWatched();
  const importFile = async (name, content) => {
    const [chooser] = await Promise.all([
      reader.page.waitForEvent('filechooser'),
      reader.page.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  };
  await importFile('hostile.json', file);
  await reader.expectStatus('Imported “hostile.json”: 1 new article and 1 annotation.');
  await reader.openLibrary();
  await reader.libraryItem(TITLE_SHOWN).getByRole('button', { name: 'Open' }).click();
  await reader.expectHeading(TITLE_SHOWN);
  await waitFor(async () => assert.equal(await reader.text(), normalizeText(TEXT)));
  await reader.entry('Claim: click me').click();
  await expectNote(reader);
  await expectVisible(editor(reader).getByRole('link', { name: '<script>window.__pwned="label"</script>' }));
  await assertNothingRan(reader, 'after the import');

  // The same file with its evidence pointing at javascript: is refused whole.
  const before = await reader.storedRaw();
  const evil = JSON.parse(file);
  evil.articles[0].id = 'another';
  evil.articles[0].annotations[0].verdict.evidence[0].url = 'javascript:window.__pwned="imported"';
  await importFile('evil.json', JSON.stringify(evil));
  await waitFor(async () => {
    const message = await reader.status().getByRole('paragraph').textContent();
    assert.ok(message.startsWith('“evil.json” was not imported, and nothing changed.'), message);
    assert.match(message, /http/);
  });
  await waitFor(async () => assert.equal(await reader.storedRaw(), before));
  await assertNothingRan(reader, 'after the refused import');
  author.assertNoErrors();
  reader.assertNoErrors();
});

test('5 MB of pasted text and files beyond the limits are refused with a message; a 10 MB and a deeply nested JSON change nothing', async () => {
  const app = await openWatched();
  await app.expectHeading(SAMPLE_TITLE);
  const before = await app.storedRaw();

  // 5 MB of text pasted: over the article limit, refused in the dialog, which keeps it.
  const dialog = await app.openNewArticle();
  const area = dialog.getByRole('textbox', { name: 'Article text' });
  await area.evaluate((el) => {
    el.value = 'The council said the bridge would cost 4 million. '.repeat(104_858).slice(0, 5 * 1024 * 1024);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await dialog.getByRole('button', { name: 'Create article' }).click();
  await expectText(
    dialog.getByText(/^It has /),
    'It has 5,242,880 characters, and Article Annotator opens articles of up to 1,000,000 characters (about 175,000 words). Split it into parts and open each as an article.',
  );
  await waitFor(async () => assert.equal(await area.evaluate((el) => el.value.length), 5 * 1024 * 1024, 'the paste is still there to cut down'));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(dialog);
  await waitFor(async () => assert.equal(await app.storedRaw(), before));

  // The same as a text file.
  await dropMadeFile(app, 'huge.txt', 'words', 1_100_000);
  await app.expectStatus(/^“huge\.txt” cannot be opened\. It has 5,499,999 characters, and Article Annotator opens articles of up to 1,000,000 characters/);

  // A file over 32 MB is refused before it is read.
  await dropMadeFile(app, 'enormous.json', 'zeros', 40 * 1024 * 1024);
  await app.expectStatus('“enormous.json” cannot be opened: it is 40.0 MB, and Article Annotator opens files of up to 32 MB.');

  // 10 MB of JSON that is no export, full of markup: refused, and the page stays responsive.
  await dropMadeFile(app, 'ten.json', 'markupJson', 105_000);
  await waitFor(async () => {
    const message = await app.status().getByRole('paragraph').textContent();
    assert.ok(message.startsWith('“ten.json” was not imported, and nothing changed.'), message);
  }, { timeout: 15000 });

  // JSON nested 100,000 deep, inside what looks like our export, as its first article (an
  // export is checked whole, then read an article and an annotation at a time).
  await dropMadeFile(app, 'nested.json', 'nestedExport', 100_000);
  await app.expectStatus('“nested.json” was not imported, and nothing changed. Article 1 is not a JSON object.');

  await waitFor(async () => assert.equal(await app.storedRaw(), before, 'the stored library is unchanged'));
  await app.keepLeftovers();
  await assertStillWorks(app, 'a U.S. official said');
  await assertNothingRan(app, 'after the large inputs');
  app.assertNoErrors();
});

test('the Content-Security-Policy refuses markup that an injection bug would let in, and the app itself trips none of it', async () => {
  const app = await openWatched();
  // Ordinary use: annotate, export, open the library, print.
  await app.keepLeftovers();
  await app.mark('a U.S. official said', 'anonymous_attribution');
  await app.page.getByRole('button', { name: 'Export', exact: true }).click();
  await Promise.all([
    app.page.waitForEvent('download'),
    app.page.getByRole('group', { name: 'Exports' }).getByRole('button', { name: 'Export W3C Web Annotation' }).click(),
  ]);
  await app.openLibrary();
  await app.closeLibrary();
  await assertNothingRan(app, 'in ordinary use');

  // What a bug that wrote markup into the page would let in: each is refused by the policy.
  const refused = await app.page.evaluate(async () => {
    document.body.insertAdjacentHTML('beforeend', '<img src="https://evil.example/pixel.png" onerror="window.__pwned = \'handler\'">');
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline"';
    document.body.append(script);
    const remote = document.createElement('script');
    remote.src = 'https://cdn.example.com/evil.js';
    document.body.append(remote);
    document.body.insertAdjacentHTML('beforeend', '<a id="js" href="javascript:window.__pwned = \'href\'">x</a>');
    document.getElementById('js').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { pwned: window.__pwned, violations: window.__violations.map((v) => v.split(':')[0]).sort() };
  });
  assert.equal(refused.pwned, undefined, 'no injected script ran');
  for (const directive of ['script-src-attr', 'script-src-elem', 'img-src']) {
    assert.ok(refused.violations.includes(directive), `${directive} refused something: ${refused.violations}`);
  }
});
