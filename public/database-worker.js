// The library's database in a Web Worker, for the large writes: an import, a long library moved
// in. IndexedDB copies (structured-clones) every document it stores on the thread that asks, and
// PouchDB asks for all of a batch in one go: 1.1 s of one task for a 10 MB import on the page's
// thread (bench/README.md), none here. The same PouchDB on the same database, one `bulkDocs`
// per batch as on the page, so a batch is still all or nothing (one IndexedDB transaction).
//
// A classic worker (PouchDB's build is a classic script). Messages from the app
// (src/browser/large_writes.js): { id, pouch, name, bucket, docs }, where `pouch` is PouchDB's
// script on this origin, `bucket` the storage bucket the page's database lives in (or null) and
// `docs` the documents as one JSON array in UTF-8 (a Uint8Array, its buffer transferred).
// Answers: { id, results, seq } (bulkDocs's results as JSON text, the database's sequence number
// after the write) or { id, error: { name, status, reason, message } }.

let database;

self.onmessage = async ({ data }) => {
  const { id, pouch, name, bucket, docs } = data;
  try {
    if (!self.PouchDB) {
      // Only PouchDB's own script, and only from this origin.
      const url = new URL(pouch, self.location.href);
      if (url.origin !== self.location.origin) throw new Error('PouchDB must come from this origin');
      importScripts(url.href);
    }
    database ??= await open(name, bucket);
    const results = await database.bulkDocs(JSON.parse(new TextDecoder().decode(docs)));
    // The database's sequence number after the write: the page's own changes feed starts again
    // after it rather than read these documents back (src/browser/changes_feed.rs).
    const { update_seq: seq } = await database.info();
    postMessage({ id, results: JSON.stringify(results), seq });
  } catch (error) {
    // PouchDB closes its IndexedDB connection when a transaction aborts (a full storage does
    // that) and that instance never works again: the next write opens the database anew.
    database = undefined;
    const { name: kind, status, reason, message } = error ?? {};
    postMessage({ id, error: { name: kind, status, reason: String(reason ?? ''), message: String(message ?? error) } });
  }
};

async function open(name, bucket) {
  // The page's database lives in a storage bucket where the browser has them: the same one.
  if (bucket) {
    const opened = await navigator.storageBuckets.open(bucket, { persisted: true });
    Object.defineProperty(self, 'indexedDB', { value: opened.indexedDB, configurable: true, writable: true });
  }
  return new PouchDB(name, { auto_compaction: true });
}
