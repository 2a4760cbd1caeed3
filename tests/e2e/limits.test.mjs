// The annotation limit (src/model/limits.rs): an article with 20,000 annotations takes no
// more, says why, and keeps working (deleting one makes room again).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { expectVisible, useApp, waitFor } from './harness.mjs';
import { annotations, article, library } from '../../bench/peers/corpus.mjs';

const apps = useApp();
const TEXT = article(3_000);
const FULL = library(TEXT, annotations(TEXT, 20_000));

test('an article at 20,000 annotations refuses one more with a message; after a deletion it takes one', async () => {
  const app = await apps.open();
  await app.seedLibrary(FULL);
  // Moving 28,000 documents into the database takes seconds (bench/README.md#database).
  await app.load(undefined, 120_000);
  const before = await app.storedAnnotations();
  assert.equal(before.length, 20_000);

  const passage = 'A long report on the cost';
  await app.select(passage, { text: TEXT });
  await app.toolbar().getByRole('button', { name: 'Claim', exact: true }).click();
  await app.expectStatus('An article can have at most 20,000 annotations, and this one has reached that. Delete some, or split the article.');
  // (Not deepEqual: a failure would print 20,000 annotations.)
  await waitFor(async () => assert.ok(isDeepStrictEqual(await app.storedAnnotations(), before), 'the stored annotations are unchanged'));

  // Room again after a deletion.
  await app.entryButtons().first().click();
  await app.panel().getByRole('button', { name: 'Delete annotation' }).click();
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 19_999));
  await app.mark(passage, 'claim', { text: TEXT });
  await expectVisible(app.entry(`Claim: ${passage}`));
  await waitFor(async () => assert.equal((await app.storedAnnotations()).length, 20_000));
  app.assertNoErrors();
});
