// Desks (issue 20): two checkers in two browser contexts share an article through a CouchDB
// protocol server (scripts/desk-server: pouchdb-server in memory), reached through the app's
// own origin as README's reverse proxy puts it. Also: a non-member and a wrong password.

import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { App, expectCount, expectHidden, expectText, expectVisible, launchBrowser, startServer, waitFor, waitUntilRendered } from './harness.mjs';

const PASSWORD = 'correct-horse';
const CONFORMANCE = fileURLToPath(new URL('../../../shared/tools/w3c_conformance.py', import.meta.url));
let desk;
let server;
let browser;
const contexts = [];

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let deskPort;

/** Starts scripts/desk-server on `port` (with `flags`) and waits until it is ready; returns it. */
async function spawnDesk(port, flags = []) {
  const started = spawn(fileURLToPath(new URL('../../scripts/desk-server', import.meta.url)), ['--port', String(port), ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let said = '';
    started.stdout.on('data', (chunk) => {
      said += chunk;
      if (said.includes('ready')) resolve();
    });
    started.on('exit', (code) => reject(new Error(`scripts/desk-server stopped (${code}): ${said}`)));
  });
  return started;
}

/** Starts the tests' desk server on `deskPort`. */
async function startDesk() {
  desk = await spawnDesk(deskPort);
}

/** Stops the desk server and waits until it has gone. */
async function stopDesk() {
  const gone = new Promise((resolve) => desk.once('exit', resolve));
  desk.kill('SIGTERM');
  await gone;
}

before(async () => {
  deskPort = await freePort();
  await startDesk();
  server = await startServer({ desk: `http://127.0.0.1:${deskPort}` });
  browser = await launchBrowser();
});
afterEach(async () => {
  while (contexts.length) await contexts.pop().close();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await stopDesk();
});

/** A checker: a fresh browser context with the app open (served by `app`). */
async function checker(app = server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(app.url);
  await waitUntilRendered(page);
  return new App(page);
}

/** Fills and sends the "Connect to a desk" dialog; returns the dialog. */
async function connect(app, user, password = PASSWORD) {
  await app.page.getByRole('button', { name: 'Connect to a desk' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Desk' });
  await expectVisible(dialog);
  await dialog.getByRole('textbox', { name: 'Desk' }).fill('newsdesk');
  await dialog.getByRole('textbox', { name: 'User name' }).fill(user);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  return dialog;
}

const deskState = (app) => app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^newsdesk: / });

/** Takes `app`'s browser off the network and waits until its desk button says so. */
async function goOffline(app) {
  await app.page.context().setOffline(true);
  await expectText(deskState(app), /^newsdesk: Offline/, { timeout: 20_000 });
}

/** Opens the desk's article `title` from the library of `app`. */
async function openShared(app, title) {
  await app.openLibrary();
  await expectVisible(app.libraryItem(title), 20_000);
  await app.libraryItem(title).getByRole('button', { name: 'Open' }).click();
  await app.expectHeading(title);
}

/**
 * Alice and Bob on the desk: Alice adds `text` (its first line the title), shares it and marks
 * `claim` in it (if given); Bob opens it and sees what she marked.
 */
async function aliceSharesWithBob(text, claim) {
  const alice = await checker();
  const bob = await checker();
  const title = text.split('\n')[0];
  await connect(alice, 'alice');
  await alice.newArticle(text);
  await alice.expectHeading(title);
  await alice.page.getByRole('button', { name: 'Share with desk' }).click();
  if (claim) await alice.mark(claim, 'claim', { text });
  await connect(bob, 'bob');
  await openShared(bob, title);
  const expected = claim ? [`Claim: ${claim}`] : [];
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), expected), { timeout: 10_000 });
  return { alice, bob };
}

test('two checkers: a shared article reaches the other, and what one marks the other sees', { timeout: 120_000 }, async () => {
  const alice = await checker();
  const bob = await checker();
  await connect(alice, 'alice');
  await expectText(deskState(alice), 'newsdesk: Synced', { timeout: 20_000 });
  await alice.newArticle('Desk story\n\nThe mayor said the bridge would reopen in May, officials said.');
  await alice.expectHeading('Desk story');
  await alice.page.getByRole('button', { name: 'Share with desk' }).click();
  await expectVisible(alice.page.getByText('Shared with newsdesk', { exact: true }));

  await connect(bob, 'bob');
  await expectText(deskState(bob), 'newsdesk: Synced', { timeout: 20_000 });
  await bob.openLibrary();
  await expectVisible(bob.libraryItem('Desk story'), 20_000);
  await expectVisible(bob.libraryItem('Desk story').getByText(/ · shared with newsdesk$/));
  await bob.libraryItem('Desk story').getByRole('button', { name: 'Open' }).click();
  await bob.expectHeading('Desk story');
  await expectVisible(bob.page.getByText('Shared with newsdesk', { exact: true }));

  const text = 'Desk story\n\nThe mayor said the bridge would reopen in May, officials said.';
  await alice.mark('the bridge would reopen in May', 'claim', { text });
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), ['Claim: the bridge would reopen in May']), { timeout: 10_000 });
  await bob.mark('officials said', 'anonymous_attribution', { text });
  await waitFor(
    async () => assert.deepEqual(await alice.entryNames(), ['Claim: the bridge would reopen in May', 'Anonymous attribution: officials said']),
    { timeout: 10_000 },
  );
  // No password anywhere in the page's storage.
  for (const app of [alice, bob]) {
    const stored = await app.page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes(PASSWORD), 'the password is not kept');
  }
  alice.assertNoErrors({ allow: /404/ });
  bob.assertNoErrors({ allow: /404/ });
});

test('a colleague\'s export of a shared article imported by one checker, written by the database worker, reaches the other', { timeout: 150_000 }, async () => {
  const sentences = Array.from({ length: 300 }, (_, i) => `Report ${i}: the mayor said the bridge cost ${i + 10} million.`);
  const text = `Bridge costs\n\n${sentences.join(' ')}`;
  const { alice, bob } = await aliceSharesWithBob(text);
  // Their copy of the article, with 300 claims: an import of that many is written off the
  // page's thread, and the desk's replication must still hear of it.
  const exported = JSON.parse((await alice.exportAs('Export JSON')).text);
  const article = exported.articles[0];
  const chars = Array.from(article.text);
  let from = 0;
  article.annotations = sentences.map((sentence, i) => {
    const claim = `the bridge cost ${i + 10} million`;
    const start = chars.join('').indexOf(sentence, from) + sentence.indexOf(claim);
    from = start;
    return { id: `their-${i}`, kind: 'claim', start, end: start + claim.length, note: '', created: '2026-12-05T00:00:00.000Z', modified: '2026-12-05T00:00:00.000Z' };
  });
  const [chooser] = await Promise.all([
    alice.page.waitForEvent('filechooser'),
    alice.page.getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles({ name: 'theirs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await expectText(alice.status().getByRole('paragraph'), /^Imported “theirs.json”: 0 new articles and 300 annotations\./, { timeout: 20_000 });
  await waitFor(async () => assert.equal((await bob.counts()).Claim, 300), { timeout: 30_000 });
  alice.assertNoErrors({ allow: /404/ });
  bob.assertNoErrors({ allow: /404/ });
});

test('someone who is not a member is told so and gets nothing of the desk', async () => {
  const mallory = await checker();
  const dialog = await connect(mallory, 'mallory');
  await expectText(dialog.getByRole('alert'), 'You are not a member of this desk.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectHidden(dialog);
  await expectVisible(mallory.page.getByRole('button', { name: 'Connect to a desk' }));
  assert.equal(await mallory.page.evaluate(() => localStorage.getItem('article-annotator/desk')), null);
  // Signed out again: the session that proved not to be a member's is not kept.
  const session = await mallory.page.evaluate(async () => (await (await fetch('/couchdb/_session')).json()).userCtx.name);
  assert.equal(session, null);
  await mallory.openLibrary();
  assert.deepEqual(await mallory.libraryTitles(), [await mallory.heading().textContent()]);
});

test('a wrong password is told so, and nothing is kept', async () => {
  const bob = await checker();
  const dialog = await connect(bob, 'bob', 'wrong horse');
  await expectText(dialog.getByRole('alert'), 'The user name or password is wrong.');
  assert.equal(await bob.page.evaluate(() => localStorage.getItem('article-annotator/desk')), null);
});

test('offline work is kept and sent on reconnection; the state says how many changes wait', { timeout: 120_000 }, async () => {
  const text = 'Offline story\n\nThe council said taxes would fall next year, a source said.';
  const { alice, bob } = await aliceSharesWithBob(text);

  await goOffline(bob);
  await bob.mark('taxes would fall next year', 'claim', { text });
  await expectText(deskState(bob), 'newsdesk: Offline: 1 change waiting', { timeout: 20_000 });
  await alice.mark('a source said', 'anonymous_attribution', { text });
  // Bob's work is stored with him while he is away; Alice's does not reach him.
  await waitFor(async () => assert.equal((await bob.storedAnnotations()).length, 1));
  await expectText(deskState(bob), 'newsdesk: Offline: 1 change waiting');
  assert.deepEqual(await bob.entryNames(), ['Claim: taxes would fall next year']);
  assert.deepEqual(await alice.entryNames(), ['Anonymous attribution: a source said']);

  await bob.page.context().setOffline(false);
  const both = ['Claim: taxes would fall next year', 'Anonymous attribution: a source said'];
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), both), { timeout: 30_000 });
  await waitFor(async () => assert.deepEqual(await alice.entryNames(), both), { timeout: 30_000 });
  await expectText(deskState(bob), 'newsdesk: Synced', { timeout: 30_000 });
});

test('the server stops mid-sync and comes back: the state says so, and after signing in again nothing is lost or doubled', { timeout: 180_000 }, async () => {
  const text = 'Restart story\n\nThe port said exports rose by a third, two traders said.';
  const { alice, bob } = await aliceSharesWithBob(text, 'exports rose by a third');

  // The server goes away (in memory: it comes back empty, with new session keys).
  await stopDesk();
  await alice.mark('two traders said', 'anonymous_attribution', { text });
  await expectText(deskState(alice), /^newsdesk: Cannot reach the desk: retrying/, { timeout: 30_000 });
  await startDesk();
  // Its sessions are gone with it: each checker is asked to sign in again.
  for (const [app, user] of [[alice, 'alice'], [bob, 'bob']]) {
    await expectText(deskState(app), 'newsdesk: Signed out', { timeout: 30_000 });
    await deskState(app).click();
    const dialog = app.page.getByRole('dialog', { name: 'Desk' });
    // Only the password is asked again: the rest is remembered.
    assert.equal(await dialog.getByRole('textbox', { name: 'User name' }).inputValue(), user);
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Connect again' }).click();
    await expectHidden(dialog);
  }
  const both = ['Claim: exports rose by a third', 'Anonymous attribution: two traders said'];
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), both), { timeout: 30_000 });
  await expectText(deskState(alice), 'newsdesk: Synced', { timeout: 30_000 });
  await expectText(deskState(bob), 'newsdesk: Synced', { timeout: 30_000 });
  for (const app of [alice, bob]) {
    await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 2));
    await app.openLibrary();
    assert.equal((await app.libraryTitles()).filter((t) => t === 'Restart story').length, 1, 'the article once');
    await app.closeLibrary();
  }
});

test('who did what: each entry names its checker and the panel shows one checker\'s work', { timeout: 120_000 }, async () => {
  const text = 'Authors story\n\nThe minister said prices would halve, aides said.';
  const { alice, bob } = await aliceSharesWithBob(text, 'prices would halve');
  await bob.mark('aides said', 'anonymous_attribution', { text });

  const claim = 'Claim: prices would halve';
  const aides = 'Anonymous attribution: aides said';
  for (const app of [alice, bob]) {
    await waitFor(async () => assert.deepEqual(await app.entryNames(), [claim, aides]), { timeout: 10_000 });
    await expectVisible(app.entryItem(claim).getByText('by alice', { exact: true }));
    await expectVisible(app.entryItem(aides).getByText('by bob', { exact: true }));
  }
  // Alice changes Bob's note: both names stay on it.
  await alice.entry(aides).click();
  await alice.noteField().fill('Which aides?');
  // The editor says who made it and who changed it, and when.
  await expectVisible(alice.panel().getByText(/^Made by bob, .+ · changed by alice, .+$/));
  await waitFor(async () => assert.equal((await bob.storedAnnotations()).find((a) => a.kind === 'anonymous_attribution')?.note, 'Which aides?'), { timeout: 10_000 });
  await expectVisible(bob.entryItem(aides).getByText('by bob, changed by alice', { exact: true }));

  // One checker's work: Bob's is the attribution he made; Alice's, both.
  const by = bob.panel().getByRole('combobox', { name: 'By' });
  await by.selectOption('bob');
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), [aides]));
  await by.selectOption('alice');
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), [claim, aides]));
  await by.selectOption('Everyone');
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), [claim, aides]));

  // The stored documents and the W3C export carry the names, and the export stays conformant.
  const stored = await bob.storedAnnotations();
  assert.deepEqual(stored.map((a) => [a.author, a.edited_by ?? '']), [['alice', ''], ['bob', 'alice']]);
  const { text: w3c } = await bob.exportAs('Export W3C Web Annotation');
  const items = JSON.parse(w3c).first.items;
  assert.deepEqual(items.map((item) => item.creator?.nickname), ['alice', 'bob']);
  const file = join(mkdtempSync(join(tmpdir(), 'desk-')), 'w3c.jsonld');
  writeFileSync(file, w3c);
  const report = execFileSync('python3', [CONFORMANCE, file], { encoding: 'utf8' });
  assert.match(report.trim().split('\n').at(-1), /^2 passed, 0 failed$/);
});

test('a note changed by two checkers while apart keeps both until one is chosen, and the choice can be undone', { timeout: 150_000 }, async () => {
  const text = 'Conflict story\n\nThe port said exports doubled, a trader said.';
  const claim = 'Claim: exports doubled';
  const { alice, bob } = await aliceSharesWithBob(text, 'exports doubled');

  // Bob goes away, marks a passage and changes the note; meanwhile Alice changes the same note.
  await goOffline(bob);
  await bob.mark('a trader said', 'anonymous_attribution', { text });
  await bob.entry(claim).click();
  await bob.noteField().fill('Bob: the customs figures say +40%');
  await expectText(deskState(bob), 'newsdesk: Offline: 2 changes waiting', { timeout: 20_000 });
  // Alice's claim is still the current one since she marked it.
  await waitFor(async () => assert.equal(await alice.currentEntry(), claim));
  await alice.noteField().fill('Alice: the port retracted this');
  await expectText(deskState(alice), 'newsdesk: Synced', { timeout: 20_000 });

  // Back together: both see that the note was changed by both, with both texts.
  await bob.page.context().setOffline(false);
  const who = /^Changed by (alice and by bob|bob and by alice)$/;
  const trader = 'Anonymous attribution: a trader said';
  for (const app of [alice, bob]) {
    await expectVisible(app.entryItem(claim).getByText(who), 30_000);
    await waitFor(async () => assert.deepEqual(await app.entryNames(), [claim, trader]), { timeout: 30_000 });
  }
  // A reload keeps the choice waiting: the versions are in the database, not in the page.
  await alice.page.reload();
  await waitUntilRendered(alice.page);
  await alice.expectHeading('Conflict story');
  await expectVisible(alice.entryItem(claim).getByText(who), 30_000);
  const versions = bob.panel().getByRole('region', { name: 'Conflicting versions of the annotation' });
  await expectVisible(versions);
  await expectVisible(versions.getByText('Claim: Bob: the customs figures say +40%', { exact: true }));
  await expectVisible(versions.getByText('Claim: Alice: the port retracted this', { exact: true }));
  // The note shows the version CouchDB picked (the same for both); Bob keeps the other one.
  const shown = await bob.noteField().inputValue();
  const [keep, kept] = shown.startsWith('Bob')
    ? ["Keep alice's version", 'Alice: the port retracted this']
    : ["Keep bob's version", 'Bob: the customs figures say +40%'];
  await versions.getByRole('button', { name: keep }).click();
  await expectHidden(versions, 20_000);
  await waitFor(async () => assert.equal(await bob.noteField().inputValue(), kept));
  for (const app of [alice, bob]) {
    await expectHidden(app.entryItem(claim).getByText(who), 30_000);
    await waitFor(async () => assert.equal((await app.storedAnnotations()).find((a) => a.kind === 'claim').note, kept), { timeout: 30_000 });
  }
  // The choice is an ordinary change: undone, the note is what it was, for both.
  await bob.panelButton('Undo').click();
  await waitFor(async () => assert.equal(await bob.noteField().inputValue(), shown));
  await waitFor(async () => assert.equal((await alice.storedAnnotations()).find((a) => a.kind === 'claim').note, shown), { timeout: 30_000 });
  await expectHidden(alice.entryItem(claim).getByText(who));
  // The version set aside is never taken for a deletion still to choose (each write above
  // brought the document's leaves through the changes feed again).
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const app of [alice, bob]) {
    await expectCount(app.entryItem(claim).getByText(/^Changed /), 0);
    await expectCount(app.panel().getByRole('region', { name: /^Conflicting versions/ }), 0);
  }
  alice.assertNoErrors({ allow: /404|ERR_INTERNET_DISCONNECTED/ });
});

test('a deletion against an edit made apart is shown the same way, and keeping the deletion deletes it for both', { timeout: 150_000 }, async () => {
  const text = 'Deletion story\n\nThe club said attendance tripled, a steward said.';
  const claim = 'Claim: attendance tripled';
  const { alice, bob } = await aliceSharesWithBob(text, 'attendance tripled');

  // Bob, away, deletes the claim; Alice changes its note.
  await goOffline(bob);
  await bob.entry(claim).click();
  await bob.panel().getByRole('button', { name: 'Delete annotation' }).click();
  await waitFor(async () => assert.deepEqual(await bob.entryNames(), []));
  await waitFor(async () => assert.equal(await alice.currentEntry(), claim));
  await alice.noteField().fill('Alice: the turnstile count says +20%');
  await expectText(deskState(alice), 'newsdesk: Synced', { timeout: 20_000 });

  // Together again: the edit is shown (nothing is lost), with who deleted it.
  await bob.page.context().setOffline(false);
  const who = 'Changed by alice and deleted by bob';
  for (const app of [alice, bob]) {
    await expectVisible(app.entryItem(claim).getByText(who, { exact: true }), 30_000);
  }
  await bob.entry(claim).click();
  const versions = bob.panel().getByRole('region', { name: 'Conflicting versions of the annotation' });
  await expectVisible(versions.getByText('Claim: Alice: the turnstile count says +20%', { exact: true }));
  await expectVisible(versions.getByText('(deleted)', { exact: true }));
  await versions.getByRole('button', { name: "Keep bob's version" }).click();
  for (const app of [alice, bob]) {
    await waitFor(async () => assert.deepEqual(await app.entryNames(), []), { timeout: 30_000 });
    await waitFor(async () => assert.deepEqual(await app.storedAnnotations(), []), { timeout: 30_000 });
  }
});

test('a session that lapses is said, work goes on locally, and signing in again sends it', { timeout: 120_000 }, async () => {
  // A desk whose sessions last 3 seconds (CouchDB's default is 10 minutes).
  const port = await freePort();
  const shortDesk = await spawnDesk(port, ['--session-timeout', '3']);
  const app = await startServer({ desk: `http://127.0.0.1:${port}` });
  try {
    const alice = await checker(app);
    const text = 'Session story\n\nThe school said fees would rise, parents said.';
    await connect(alice, 'alice');
    await alice.newArticle(text);
    await alice.expectHeading('Session story');
    await alice.page.getByRole('button', { name: 'Share with desk' }).click();
    await expectText(deskState(alice), 'newsdesk: Synced', { timeout: 20_000 });
    // Idle past the session's end, then work: the desk refuses it, and the page says so.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await alice.mark('fees would rise', 'claim', { text });
    await expectText(deskState(alice), 'newsdesk: Signed out', { timeout: 30_000 });
    // Signed out, the work goes on and is kept.
    await alice.mark('parents said', 'anonymous_attribution', { text });
    await waitFor(async () => assert.equal((await alice.storedAnnotations()).length, 2));
    await deskState(alice).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Desk' });
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Connect again' }).click();
    await expectHidden(dialog);
    await expectText(deskState(alice), 'newsdesk: Synced', { timeout: 20_000 });
    // Both marks reached the desk: a colleague who joins now gets them.
    const bob = await checker(app);
    await connect(bob, 'bob');
    await openShared(bob, 'Session story');
    await waitFor(async () => assert.deepEqual(await bob.entryNames(), ['Claim: fees would rise', 'Anonymous attribution: parents said']), { timeout: 20_000 });
  } finally {
    // Its pages first: their live requests would keep the server from closing.
    while (contexts.length) await contexts.pop().close();
    await app.close();
    const gone = new Promise((resolve) => shortDesk.once('exit', resolve));
    shortDesk.kill('SIGTERM');
    await gone;
  }
});
