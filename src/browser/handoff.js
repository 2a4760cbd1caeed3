// A page sent to the app: by the browser extension (extension/), or by the bookmarklet where
// extensions are not allowed. The extension opens the app with
// `#from-extension=TOKEN&extension=ORIGIN`; the app loads that extension's handoff.html in a
// hidden frame and takes one message: from that frame, from that extension's origin, with that
// token. A message from anywhere else (a page that opened the app, another frame) is ignored.
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

/** A field of a message as a string: a sender may put anything there. */
const text = (value) => (typeof value === 'string' ? value : '');

/** Takes the hand-over's marks out of the address: a reload does not ask again. */
const forgetAddress = () => history.replaceState(null, '', location.pathname + location.search);

export function receiveFromExtension(onPage) {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('from-extension');
  const extension = params.get('extension');
  if (!token || !extension || !EXTENSION_ORIGIN.test(extension)) return false;
  forgetAddress();
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
    onPage(text(data.html), text(data.url), text(data.title), text(data.selection));
  };
  window.addEventListener('message', listener);
  document.body.append(frame);
  return true;
}

// The bookmarklet opens the app with `#from-bookmarklet` from the page being read; the app tells
// that page it is ready and takes one message from it. Any page could do the same, so the page
// arrives with its origin, and the app adds it only when the user, shown that origin, asks.
export function receiveFromBookmarklet(onPage) {
  const opener = window.opener;
  if (location.hash !== '#from-bookmarklet' || !opener) return false;
  forgetAddress();
  const listener = (event) => {
    const data = event.data;
    if (event.source !== opener || data?.type !== 'article-annotator/page') return;
    window.removeEventListener('message', listener);
    onPage(text(data.html), text(data.url), text(data.title), text(data.selection), event.origin);
  };
  window.addEventListener('message', listener);
  opener.postMessage('article-annotator/ready', '*');
  return true;
}

/** The bookmarklet for this app's address: a `javascript:` address for a bookmark. */
export function bookmarklet(address) {
  const code = `(()=>{const a=${JSON.stringify(address)},o=new URL(a).origin,w=open(a+'#from-bookmarklet');` +
    `if(!w){alert('Allow pop-ups here to send this page to Article Annotator.');return}` +
    `const p={type:'article-annotator/page',html:document.documentElement.outerHTML,url:location.href,` +
    `title:document.title,selection:String(getSelection()).trim()};` +
    `const l=e=>{if(e.source===w&&e.origin===o&&e.data==='article-annotator/ready'){removeEventListener('message',l);w.postMessage(p,o)}};` +
    `addEventListener('message',l)})()`;
  return `javascript:${encodeURIComponent(code)}`;
}
