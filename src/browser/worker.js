// The app's side of its worker: the second wasm module (src/bin/worker.rs), which does the
// heavy, occasional work (reading web pages, suggesting sources) in a Web Worker. It is started
// on the first such task, not before, so neither its download nor its work is part of opening
// the app. Requests and answers are JSON strings (src/model/work.rs); the worker answers them
// one at a time, in order.

// Trunk names a worker's files after its binary and does not hash them.
const LOADER = 'worker_loader.js';

let running;

function start() {
  // A module worker: Trunk's loader imports the module and starts it.
  const worker = new Worker(new URL(LOADER, document.baseURI), { type: 'module' });
  const started = { worker, waiting: [] };
  started.ready = new Promise((resolve, reject) => {
    started.refuse = reject;
    worker.addEventListener('message', (event) => {
      if (event.data === 'ready') {
        resolve();
        return;
      }
      started.waiting.shift()?.resolve(event.data);
    });
  });
  // Never rejected unhandled: each request also learns of a failure through its own promise.
  started.ready.catch(() => {});
  const fail = (why) => {
    if (running === started) running = undefined;
    worker.terminate();
    started.refuse(new Error(why));
    for (const request of started.waiting.splice(0)) request.reject(new Error(why));
  };
  // The module could not be fetched or compiled (offline before it was ever cached), or it
  // stopped on an error: the requests waiting fail, and the next request starts it again.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(event.message ? `stopped (${event.message})` : 'could not be loaded');
  });
  worker.addEventListener('messageerror', () => fail('sent an answer that could not be read'));
  return started;
}

/** Sends one request (JSON text) to the worker; resolves to its answer (JSON text). */
export function askWorker(request) {
  running ??= start();
  const current = running;
  return new Promise((resolve, reject) => {
    current.waiting.push({ resolve, reject });
    current.ready.then(() => current.worker.postMessage(request), () => {});
  });
}
