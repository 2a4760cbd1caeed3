// Starts the app. Trunk's own loader is an inline script, which the page's
// Content-Security-Policy refuses (it allows no inline script at all); this file comes from
// the app's origin instead and reads the hashed file names that Trunk writes into its tag
// (`pattern_script` in Trunk.toml).
const tag = document.querySelector('script[data-wasm]');
// When the open article is painted already (first-paint.js), the app is fetched after that
// paint, so that the first paint waits for nothing but the page itself.
if (document.querySelector('.first-paint')) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const database = loadLater(document.querySelector('script[type="text/x-load-after-first-paint"]'));
const { default: init } = await import(tag.dataset.js);
await database;
const wasm = await init({ module_or_path: tag.dataset.wasm });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

// The service worker (sw.js, written by scripts/post-build.mjs) keeps this version of the app
// for offline use. It is registered only now, so that the first visit paints before it
// downloads the app a second time into its cache.
if ('serviceWorker' in navigator) {
  registerServiceWorker().catch((error) => console.warn('The app could not be kept for offline use:', error));
}

async function registerServiceWorker() {
  const { serviceWorker } = navigator;
  // updateViaCache 'none': update checks always ask the server for sw.js, never a cache.
  const registration = await serviceWorker.register(new URL('sw.js', import.meta.url), { updateViaCache: 'none' });
  // A new version installs beside the one that runs this page and then waits: it takes over
  // only when the user reloads through the notice, so that no page runs half old, half new.
  const offer = (worker) => {
    // With no controller this is the first install, which claims the page (nothing to offer).
    if (worker && serviceWorker.controller) showUpdateNotice(registration);
  };
  const follow = (worker) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer(worker);
    });
  };
  offer(registration.waiting);
  follow(registration.installing);
  registration.addEventListener('updatefound', () => follow(registration.installing));
  // A page left open for days asks again whenever it is looked at.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

/** The notice "A new version is ready.", with Reload (to the waiting version) and Dismiss. */
function showUpdateNotice(registration) {
  if (document.querySelector('.update-notice')) return;
  const notice = document.createElement('div');
  notice.className = 'update-notice';
  notice.setAttribute('role', 'status');
  document.body.append(notice);
  const message = document.createElement('p');
  message.append('A new version is ready.');
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'primary';
  reload.append('Reload');
  reload.addEventListener('click', () => {
    reload.disabled = true;
    // The worker waiting now (a later deployment may have replaced the one that showed the
    // notice); none if another tab has switched already, and then it controls this page too.
    const { waiting } = registration;
    if (!waiting) return location.reload();
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage('skip-waiting');
  });
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.append('Dismiss');
  dismiss.addEventListener('click', () => notice.remove());
  // Filled in once the empty live region is in the page, so that screen readers announce it.
  requestAnimationFrame(() => notice.append(message, reload, dismiss));
}

/** Runs a script that index.html names but leaves unloaded (PouchDB), with its integrity. */
function loadLater(named) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = named.src;
    if (named.integrity) script.integrity = named.integrity;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${named.src} could not be loaded`));
    document.head.append(script);
  });
}
