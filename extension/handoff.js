// Loaded by the annotator in a hidden frame, with the page's token after '#': collects the page
// from the extension and posts it to the annotator's origin, and to nothing else.
const api = globalThis.browser ?? globalThis.chrome;
const token = location.hash.slice(1);
api.runtime.sendMessage({ type: 'handoff', token }).then((found) => {
  if (found && window.parent !== window) {
    window.parent.postMessage({ type: 'article-annotator/page', token, ...found.page }, found.origin);
  }
});
