// Reads the current documents of a PouchDB database straight from its IndexedDB stores, a page
// at a time. PouchDB's own allDocs decodes every document's revision tree and asks IndexedDB
// for each document on its own: 1.3 s for the 10,000 documents of an article with 10,000
// annotations, against 0.23-0.35 s here (bench/README.md).
//
// This reads the layout of PouchDB 9's IndexedDB adapter (adapter version 5): the
// "by-sequence" store holds each stored revision of each document, named by "_doc_id_rev"
// ("<id>::<rev>"), and the "document-store" each document's winning revision. The app compacts
// as it writes, so a document usually has one stored revision, and then it is the current one
// (unless it is a deletion); only a document with more (a conflict, or revisions not yet
// compacted) is looked up in the "document-store". With any other layout `openStores` answers
// null, and the caller reads through allDocs (src/browser/database.rs).

const DOC_STORE = 'document-store';
const BY_SEQ_STORE = 'by-sequence';
const ADAPTER_VERSION = 5;

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The stores of PouchDB database `name`, or null where their layout is not the one known. */
export async function openStores(name) {
  let created = false;
  const opening = indexedDB.open(`_pouch_${name}`);
  opening.onupgradeneeded = () => {
    // No such database: opening it made it. Leave it to PouchDB.
    created = true;
    opening.transaction.abort();
  };
  let db;
  try {
    db = await done(opening);
  } catch {
    return null;
  }
  // Never the reason a deletion or an upgrade waits.
  db.onversionchange = () => db.close();
  const names = db.objectStoreNames;
  if (created || db.version !== ADAPTER_VERSION || !names.contains(DOC_STORE) || !names.contains(BY_SEQ_STORE)) {
    db.close();
    return null;
  }
  return { db, after: 0, revisions: new Map(), ready: null };
}

/** Splits "<id>::<rev>". */
function idAndRev(name) {
  const split = name.lastIndexOf('::');
  return [name.slice(0, split), name.slice(split + 2)];
}

function asDoc(id, rev, value) {
  const { _doc_id_rev: _, ...body } = value;
  return { _id: id, _rev: rev, ...body };
}

/**
 * The next page of at most `count` current documents as one JSON array (each with `_id` and
 * `_rev`; empty while stored revisions are still being read), or null after the last.
 */
export async function nextPage(stores, count) {
  if (stores.ready) return readyPage(stores, count);
  const store = stores.db.transaction([BY_SEQ_STORE], 'readonly').objectStore(BY_SEQ_STORE);
  const range = IDBKeyRange.lowerBound(stores.after, true);
  const [keys, values] = await Promise.all([done(store.getAllKeys(range, count)), done(store.getAll(range, count))]);
  if (keys.length === 0) {
    await findCurrent(stores);
    return readyPage(stores, count);
  }
  stores.after = keys[keys.length - 1];
  // Each document's stored revisions, until the end shows whether it has one or more.
  for (const value of values) {
    const name = value._doc_id_rev;
    if (typeof name !== 'string') throw new Error('the database holds a revision without a name');
    const [id] = idAndRev(name);
    const seen = stores.revisions.get(id);
    if (seen === undefined) stores.revisions.set(id, value);
    else if (Array.isArray(seen)) seen.push(value);
    else stores.revisions.set(id, [seen, value]);
  }
  return '[]';
}

/** Picks each document's current revision, once every stored revision was seen. */
async function findCurrent(stores) {
  const docs = [];
  const several = [];
  for (const [id, seen] of stores.revisions) {
    if (Array.isArray(seen)) several.push([id, seen]);
    else if (!seen._deleted) docs.push(asDoc(id, idAndRev(seen._doc_id_rev)[1], seen));
  }
  if (several.length > 0) {
    const metadata = stores.db.transaction([DOC_STORE], 'readonly').objectStore(DOC_STORE);
    const winners = await Promise.all(several.map(([id]) => done(metadata.get(id))));
    several.forEach(([id, seen], i) => {
      const winner = winners[i];
      if (!winner || winner.deletedOrLocal === '1') return;
      const current = seen.find((value) => value._doc_id_rev === `${id}::${winner.winningRev}`);
      if (!current) throw new Error(`the current revision of ${id} is missing`);
      docs.push(asDoc(id, winner.winningRev, current));
    });
  }
  stores.db.close();
  stores.revisions = null;
  stores.ready = docs;
}

/** The next `count` documents found, or null after the last. */
function readyPage(stores, count) {
  if (stores.ready.length === 0) return null;
  return JSON.stringify(stores.ready.splice(0, count));
}

/**
 * Calls `changed(true)` once if PouchDB database `name` is deleted (its site's storage cleared,
 * say), and `changed(false)` if another tab opens it at a newer version. The connection held to
 * hear it is closed then, as PouchDB closes its own, so that it never blocks either.
 */
export function watchDatabase(name, changed) {
  const opening = indexedDB.open(`_pouch_${name}`);
  // Not there (deleted meanwhile): nothing to watch, and nothing is made.
  opening.onupgradeneeded = () => opening.transaction.abort();
  opening.onerror = () => {};
  opening.onsuccess = () => {
    const db = opening.result;
    db.onversionchange = (event) => {
      db.close();
      changed(event.newVersion === null);
    };
  };
}
