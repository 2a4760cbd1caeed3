// The page's side of the database worker (public/database-worker.js), which writes large
// batches of documents off the page's thread. Started on the first large write; a worker that
// cannot be loaded (offline before it was ever kept) or stops fails the writes waiting, and the
// caller writes on the page instead (src/browser/database.rs).

let running;
let lastId = 0;

function start() {
  const worker = new Worker(new URL('database-worker.js', document.baseURI));
  const started = { worker, waiting: new Map() };
  worker.addEventListener('message', ({ data }) => {
    const request = started.waiting.get(data.id);
    if (!request) return;
    started.waiting.delete(data.id);
    if (data.error) request.reject(data.error);
    else request.resolve({ results: data.results, seq: data.seq });
  });
  const fail = () => {
    if (running === started) running = undefined;
    worker.terminate();
    for (const request of started.waiting.values()) request.reject({ unavailable: true });
    started.waiting.clear();
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail();
  });
  worker.addEventListener('messageerror', fail);
  return started;
}

/**
 * Writes `docs` (a Uint8Array of a JSON array of documents, in UTF-8; its buffer is handed to the
 * worker, not copied) into PouchDB database `name` in one bulkDocs, in the worker. Resolves to
 * { results, seq }: bulkDocs's results as JSON text and the database's sequence number after the
 * write. Rejects with PouchDB's error ({ name, status, reason, message }), or with
 * { unavailable: true } if the worker could not run.
 */
export function writeInWorker(name, bucket, docs) {
  running ??= start();
  const current = running;
  lastId += 1;
  const id = lastId;
  const pouch = document.querySelector('script[type="text/x-load-after-first-paint"]')?.src;
  return new Promise((resolve, reject) => {
    current.waiting.set(id, { resolve, reject });
    current.worker.postMessage({ id, pouch, name, bucket, docs }, [docs.buffer]);
  }).then((written) => {
    tellOtherTabs(name);
    return written;
  });
}

/** Whether a rejection of `writeInWorker` means the worker could not run at all. */
export function workerUnavailable(error) {
  return Boolean(error?.unavailable);
}

/**
 * Wakes this tab's followers of database `name` (a desk's replication), as PouchDB does after a
 * write of its own: it hears other tabs' writes through `storage` events, which a tab does not
 * get of its own `localStorage` changes, so one is made for it.
 */
export function tellThisTab(name) {
  dispatchEvent(new StorageEvent('storage', { key: `_pouch_${name}` }));
}

// PouchDB tells the other tabs of a write through a `storage` event on a key named after the
// IndexedDB database; a worker has no localStorage, so the page does it for the worker.
function tellOtherTabs(name) {
  try {
    const key = `_pouch_${name}`;
    localStorage[key] = localStorage[key] === 'a' ? 'b' : 'a';
  } catch {
    // No localStorage (blocked): other tabs see the write when they next read.
  }
}
