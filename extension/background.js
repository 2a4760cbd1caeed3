// Sends the current tab's page (or its selection) to Article Annotator. The annotator is opened
// in a new tab with a one-time token in its address; it loads this extension's handoff.html in
// a hidden frame, which asks here for the page under that token and posts it to the annotator's
// origin only. Nothing is kept: a page not collected within five minutes is dropped.
const api = globalThis.browser ?? globalThis.chrome;
const DEFAULT_ADDRESS = 'http://127.0.0.1:8080/';
const pending = new Map();

/** The annotator's address from the options, or the local `scripts/serve` one. */
async function annotatorAddress() {
  const { address } = await api.storage.local.get({ address: DEFAULT_ADDRESS });
  return address;
}

/** Runs in the page: its HTML, address, title and selected text. */
function readPage() {
  return {
    html: document.documentElement.outerHTML,
    url: location.href,
    title: document.title,
    selection: String(globalThis.getSelection?.() ?? '').trim(),
  };
}

async function sendTab(tab) {
  const [{ result: page }] = await api.scripting.executeScript({ target: { tabId: tab.id }, func: readPage });
  const address = new URL(await annotatorAddress());
  const token = crypto.randomUUID();
  pending.set(token, { page, origin: address.origin });
  setTimeout(() => pending.delete(token), 5 * 60 * 1000);
  const extension = api.runtime.getURL('').replace(/\/$/, '');
  address.hash = new URLSearchParams({ 'from-extension': token, extension }).toString();
  await api.tabs.create({ url: address.href, index: tab.index + 1 });
}
globalThis.sendTab = sendTab;

/**
 * Sends the tab's page; if it cannot be read (the browser's own pages, the extension stores,
 * pages the browser closes to extensions), says so on the toolbar button of that tab: a "!"
 * badge, and why in its tooltip.
 */
async function sendOrExplain(tab) {
  const title = api.runtime.getManifest().action?.default_title ?? 'Article Annotator';
  try {
    await sendTab(tab);
    await api.action.setBadgeText({ tabId: tab.id, text: '' });
    await api.action.setTitle({ tabId: tab.id, title });
  } catch (error) {
    console.error('Article Annotator: the page could not be sent.', error);
    await api.action.setBadgeText({ tabId: tab.id, text: '!' });
    await api.action.setTitle({
      tabId: tab.id,
      title: `${title}: this page could not be read (${error?.message ?? error}). The browser keeps some pages closed to extensions; save the page as a file and open it instead.`,
    });
  }
}
globalThis.sendOrExplain = sendOrExplain;

api.action.onClicked.addListener((tab) => {
  sendOrExplain(tab);
});

api.runtime.onMessage.addListener((message, sender, reply) => {
  // Only this extension's own hand-over page may collect a page, once.
  if (message?.type !== 'handoff' || sender.id !== api.runtime.id || !sender.url?.startsWith(api.runtime.getURL('handoff.html'))) {
    return false;
  }
  const found = pending.get(message.token) ?? null;
  pending.delete(message.token);
  reply(found);
  return false;
});
