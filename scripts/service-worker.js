// The service worker's code. scripts/post-build.mjs writes dist/sw.js: two constants, VERSION
// and FILES (every file of the build but sw.js itself, with its integrity hash), then this file.
// It lets the app open with no network once it has been visited, and takes a new deployment
// whole or not at all: one cache per version, filled completely before the worker installs.

const PREFIX = 'article-annotator-shell-';
const CACHE = PREFIX + VERSION;
/** The app's page, cached under the scope's root (some hosts redirect /index.html to /). */
const INDEX = new URL('./', self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `integrity` makes a file that is not the one this version was built with (a host
      // still serving an older file, or its fallback page for a missing one) fail the whole
      // install; `no-cache` makes the HTTP cache check with the server first.
      const requests = FILES.map(([path, integrity]) => new Request(path, { cache: 'no-cache', integrity }));
      try {
        await cache.addAll(requests);
      } catch (error) {
        await caches.delete(CACHE);
        throw error;
      }
    })(),
  );
  // No skipWaiting here: a page keeps the version it started with until the user reloads it
  // (the page posts 'skip-waiting' when they choose to).
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      // The first visit's page is controlled at once, so that it too works offline from now on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Other origins (a sync server) and anything but GET go to the network untouched.
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // One response per file and version: a host's `Vary` has nothing to choose between.
      const match = (what, options) => cache.match(what, { ignoreVary: true, ...options });
      // A page of the app at any address (or with a query) is the app's page.
      const cached =
        request.mode === 'navigate'
          ? ((await match(request, { ignoreSearch: true })) ?? (await match(INDEX)))
          : await match(request);
      return cached ?? fetch(request);
    })(),
  );
});
