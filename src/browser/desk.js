// A desk: one CouchDB database shared by the checkers of a desk, reached through the app's own
// origin (a reverse proxy path, README: Desks), so that the Content-Security-Policy keeps
// `connect-src 'self'` and CouchDB's session cookie is first-party. Signing in is CouchDB's
// `_session` (a cookie; the password is sent once and kept nowhere). Syncing is PouchDB's
// replication, live and retrying: everything of the desk comes in, and only the articles shared
// with it go out. src/browser/desk.rs is the typed side.

async function json(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

/** What a failed request says, as `{ status, reason }` (status 0: the server was not reached). */
function failure(status, body) {
  return { status, reason: body?.reason ?? body?.error ?? '' };
}

/** Signs in; resolves to the user's name, or rejects with `{ status, reason }`. */
export async function signIn(server, name, password) {
  let response;
  try {
    response = await fetch(`${server}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
      credentials: 'same-origin',
    });
  } catch {
    throw failure(0);
  }
  const body = await json(response);
  if (!response.ok) throw failure(response.status, body);
  return body.name ?? name;
}

/** The name the session cookie signs in, or null when signed out (or the server is not reached). */
export async function sessionName(server) {
  try {
    const response = await fetch(`${server}/_session`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return null;
    return (await json(response)).userCtx?.name ?? null;
  } catch {
    return null;
  }
}

/** Ends the session (the cookie is cleared). */
export async function signOut(server) {
  try {
    await fetch(`${server}/_session`, { method: 'DELETE', credentials: 'same-origin' });
  } catch {
    // Signed out here anyway: the replication stops and nothing is kept.
  }
}

/** Resolves if the signed-in user may read the desk; rejects with `{ status, reason }`. */
export async function checkDesk(server, desk) {
  let response;
  try {
    response = await fetch(`${server}/${encodeURIComponent(desk)}/`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    throw failure(0);
  }
  if (!response.ok) throw failure(response.status, await json(response));
}

/** The article a document id belongs to (ids are `a/<article, URI-encoded>/…`), or null. */
function articleOf(id) {
  if (!id.startsWith('a/')) return null;
  const end = id.indexOf('/', 2);
  return decodeURIComponent(end < 0 ? id.slice(2) : id.slice(2, end));
}

/**
 * Starts the live two-way sync of `local` (a PouchDB) with the desk. `shared` is a Set of
 * article ids that go out; `report(state, waiting)` is told the state ("active", "synced",
 * "offline", "unreachable", "signed-out", "failed") and how many local changes wait to be sent;
 * `arrived(ids)` is told the articles that documents came in for. Returns the sync's handle.
 */
export function startSync(local, server, desk, shared, report, arrived) {
  const remote = new PouchDB(`${server}/${encodeURIComponent(desk)}`, { skip_setup: true });
  const goesOut = (doc) => shared.has(articleOf(doc._id));
  // The last local sequence known to be sent: what comes after it and goes out is waiting,
  // but for what came in from the desk itself. Kept across visits, so that a page opened
  // offline counts right.
  const sentKey = `article-annotator/desk-sent/${desk}`;
  const stored = localStorage.getItem(sentKey);
  let sentUpTo = stored === null ? null : Number(stored);
  const cameIn = new Map();
  const sent = (seq) => {
    sentUpTo = seq;
    try {
      localStorage.setItem(sentKey, String(seq));
    } catch {
      // A full storage: the count is a hint, and the next visit counts from the sync.
    }
  };
  let state = 'active';
  const tell = async () => {
    // Offline is offline, whatever a replication that has not failed yet says.
    const shown = navigator.onLine ? state : 'offline';
    let waiting = 0;
    if (sentUpTo !== null && shown !== 'synced') {
      const since = await local.changes({ since: sentUpTo, filter: goesOut, return_docs: true });
      waiting = since.results.filter((change) => cameIn.get(change.id) !== change.changes[0]?.rev).length;
    }
    report(shown, waiting);
  };
  const handle = { remote, sync: null, mine: null, stopped: false };
  const begin = () => {
    const sync = local.sync(remote, { live: true, retry: true, push: { filter: goesOut }, back_off_function: (delay) => Math.min(delay ? delay * 2 : 1000, 10_000) });
    handle.sync = sync;
    sync.on('change', (info) => {
      if (handle.sync !== sync) return; // a sync started again since
      if (info.direction === 'pull') {
        for (const doc of info.change.docs) cameIn.set(doc._id, doc._rev);
        const ids = new Set(info.change.docs.map((doc) => articleOf(doc._id)).filter((id) => id !== null));
        if (ids.size > 0) arrived([...ids]);
      } else {
        sent(info.change.last_seq);
      }
    });
    sync.on('active', () => {
      if (handle.sync !== sync) return; // a sync started again since
      state = 'active';
      tell();
    });
    sync.on('paused', async (error) => {
      if (handle.sync !== sync) return; // a sync started again since
      if (error) {
        state = navigator.onLine ? 'unreachable' : 'offline';
      } else if (navigator.onLine) {
        state = 'synced';
        sent((await local.info()).update_seq);
        cameIn.clear();
      }
      tell();
    });
    // A request that failed and will be tried again (the server is down, say). PouchDB says
    // "paused" for it only when the replication was active, so each direction is heard.
    for (const direction of [sync.push, sync.pull]) {
      direction.on('requestError', () => {
        if (handle.sync !== sync) return;
        state = 'unreachable';
        tell();
      });
    }
    sync.on('denied', () => {
      if (handle.sync !== sync) return; // a sync started again since
      state = 'failed';
      tell();
    });
    sync.on('error', (error) => {
      if (handle.sync !== sync) return; // a sync started again since
      const name = (error?.name ?? '').toLowerCase();
      state = name === 'unauthorized' || name === 'forbidden' || error?.status === 401 ? 'signed-out' : 'failed';
      tell();
    });
  };
  begin();
  // A request under way when the network goes may hang rather than fail: the browser's word
  // is taken at once, and the sync starts again when the network is back.
  const offline = () => tell();
  const online = () => {
    if (handle.stopped) return;
    handle.sync.cancel();
    state = 'active';
    tell();
    begin();
  };
  addEventListener('offline', offline);
  addEventListener('online', online);
  handle.forget = () => {
    removeEventListener('offline', offline);
    removeEventListener('online', online);
  };
  // Work done here while the desk cannot be reached counts as waiting.
  handle.mine = local.changes({ since: 'now', live: true }).on('change', () => {
    if (state !== 'synced' && state !== 'active') tell();
  });
  return handle;
}

/** Sends an article shared after the sync started (its documents are older than the sync's checkpoint). */
export async function sendArticle(handle, local, prefix) {
  const ids = (await local.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` })).rows.map((row) => row.id);
  if (ids.length > 0) await local.replicate.to(handle.remote, { doc_ids: ids });
}

/** Stops the sync. */
export function stopSync(handle) {
  handle.stopped = true;
  handle.sync.cancel();
  handle.mine.cancel();
  handle.forget();
}
