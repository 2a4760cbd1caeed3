// A page sent by the browser extension (extension/). The extension opens the app with
// `#from-extension=TOKEN&extension=ORIGIN`; the app loads that extension's handoff.html in a
// hidden frame and takes one message: from that frame, from that extension's origin, with that
// token. A message from anywhere else (a page that opened the app, another frame) is ignored.
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

export function receiveFromExtension(onPage) {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('from-extension');
  const extension = params.get('extension');
  if (!token || !extension || !EXTENSION_ORIGIN.test(extension)) return false;
  // The token is used once: a reload does not ask again.
  history.replaceState(null, '', location.pathname + location.search);
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'Hand-over from the browser extension';
  frame.src = `${extension}/handoff.html#${encodeURIComponent(token)}`;
  const listener = (event) => {
    const data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== extension) return;
    if (data?.type !== 'article-annotator/page' || data.token !== token) return;
    window.removeEventListener('message', listener);
    frame.remove();
    const text = (value) => (typeof value === 'string' ? value : '');
    onPage(text(data.html), text(data.url), text(data.title), text(data.selection));
  };
  window.addEventListener('message', listener);
  document.body.append(frame);
  return true;
}
