// Paints the open article before the app has loaded: its first screens with their highlights,
// and the first entries of the panel's list, from the copy the app keeps for this
// (src/model/first_paint.rs) under FIRST_PAINT_KEY. The build puts it into index.html with the
// main stylesheet (scripts/post-build.mjs), so it runs while the page is parsed, with nothing
// to fetch; boot.js fetches the app only after this paint, and the app removes it when it
// mounts (src/main.rs). Everything stored is data: it
// reaches the page as text nodes, never as markup. The copy is inert and hidden from assistive
// technology: the app that replaces it within a moment is the one to use.
(() => {
  const FIRST_PAINT_KEY = 'article-annotator/first-paint';
  const OPEN_KEY = 'article-annotator/open';
  const VERSION = 1;

  let paint;
  try {
    paint = JSON.parse(localStorage.getItem(FIRST_PAINT_KEY));
    // Painted only while it is the article this browser opens, and in a form known here.
    if (!paint || paint.v !== VERSION || paint.article !== JSON.parse(localStorage.getItem(OPEN_KEY))) return;
    if (!(typeof paint.head === 'string' && Array.isArray(paint.marks) && Array.isArray(paint.entries))) return;
  } catch {
    // No storage, or a value that is not ours: the app paints on its own.
    return;
  }

  const element = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children.map((child) => (typeof child === 'string' ? document.createTextNode(child) : child)));
    return node;
  };
  const button = (label, attributes = {}) => element('button', { type: 'button', ...attributes }, label);

  try {
    const app = element('div', { class: 'app first-paint', 'aria-hidden': 'true', inert: '' });
    const nav = element(
      'nav',
      { class: 'app-actions' },
      button('New article'),
      element('button', { type: 'button' }, 'Library', element('span', { class: 'badge' }, String(paint.articles))),
      button('Import'),
      element('div', { class: 'export-menu' }, button('Export')),
      button('Connect to a desk', { class: 'desk-button' }),
    );
    app.append(element('header', { class: 'app-bar' }, element('span', { class: 'brand' }, 'Article Annotator'), nav));

    // The reader: title, the line under it, and the text's paragraphs as the app lays them out
    // (a span each, the blank lines between them the text's own "\n\n").
    const meta = element('p', { class: 'article-meta' });
    paint.meta.forEach((part, i) => {
      if (i > 0) meta.append(element('span', {}, ' · '));
      meta.append(element('span', {}, String(part)));
    });
    const title = element('h1', paint.title_in_text ? { class: 'visually-hidden' } : {}, String(paint.title));
    const header = element('header', { class: 'article-header' }, title, meta, button('Edit details'));
    const text = element('div', { class: 'article-text', id: 'article-text', dir: 'auto' });
    const starts = [];
    let at = 0;
    // Every text node with where it starts, the blank lines' too: a highlight may end or start
    // inside one, and is then painted there, as the app paints it.
    paint.head.split('\n\n').forEach((paragraph, i) => {
      if (i > 0) {
        const gap = document.createTextNode('\n\n');
        text.append(gap);
        starts.push([at, gap]);
        at += 2;
      }
      const node = document.createTextNode(paragraph);
      text.append(element('span', { class: 'para' }, node));
      starts.push([at, node]);
      at += paragraph.length;
    });
    const annotated = element(
      'div',
      { class: paint.title_in_text ? 'annotated opens-with-title' : 'annotated' },
      element('div', { class: 'annotator' }, text),
    );
    const reader = element('main', { class: 'reader-column' }, element('article', { class: 'reader' }, header, annotated));

    // The panel: counts, and the first entries of the list.
    const kinds = [
      ['claim', 'Claim'],
      ['source', 'Source'],
      ['anonymous', 'Anonymous attribution'],
    ];
    const counts = element('dl', { class: 'kind-counts' });
    kinds.forEach(([slug, label], i) => {
      counts.append(element('div', { class: `kind-${slug}` }, element('dt', {}, label), element('dd', {}, String(paint.counts[i] ?? 0))));
    });
    const total = paint.counts.reduce((sum, n) => sum + n, 0);
    const panel = element(
      'aside',
      { class: 'panel' },
      element('div', { class: 'panel-head' }, element('h2', {}, 'Annotations'), element('div', { class: 'panel-history' }, button('Undo', { disabled: '' }), button('Redo', { disabled: '' }))),
      counts,
      element('div', { class: 'suggest-tools' }, button('Suggest sources')),
      element(
        'div',
        { class: 'panel-tools' },
        // Every option, as the app's: the longest one sets the list's width.
        element('label', {}, 'Show', element('select', {}, ...['All kinds', ...kinds.map(([, label]) => label)].map((label) => element('option', {}, label)))),
        element('input', { type: 'search', placeholder: 'Search quotes and notes' }),
      ),
    );
    if (total === 0) {
      panel.append(element('p', { class: 'panel-empty' }, 'Nothing is marked yet. Select a passage in the text, then choose Claim, Source or Anonymous attribution (or press 1, 2 or 3).'));
    } else {
      panel.append(element('p', { class: 'panel-summary' }, `${total} in text order`));
      const list = element('ol', { class: 'entries' });
      for (const entry of paint.entries) {
        const item = element('li', { class: `entry kind-${entry.kind}` });
        item.append(element('button', { type: 'button', class: 'entry-main' }, element('span', { class: 'entry-kind' }, String(entry.label)), ' ', element('q', { class: 'entry-quote' }, String(entry.quote))));
        if (entry.extra.length) {
          item.append(element('div', { class: 'entry-extra' }, ...entry.extra.map(([name, shown]) => element('span', { class: String(name) }, String(shown)))));
        }
        list.append(item);
      }
      panel.append(list);
    }
    app.append(element('div', { class: 'workspace' }, reader, panel));
    document.body.append(app);
    document.title = `${paint.title} — Article Annotator`;

    // The highlights, under the app's own names: the app's replace them when it mounts.
    if (globalThis.CSS?.highlights && globalThis.Highlight) {
      const position = (unit) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid][0] <= unit) lo = mid;
          else hi = mid - 1;
        }
        const [start, node] = starts[lo];
        return [node, Math.min(Math.max(unit - start, 0), node.length)];
      };
      const byKind = { claim: [], source: [], anonymous: [] };
      for (const [kind, start, end] of paint.marks) {
        if (!(kind in byKind) || !(start < end) || end > at) continue;
        const range = new Range();
        range.setStart(...position(start));
        range.setEnd(...position(end));
        byKind[kind].push(range);
      }
      for (const [kind, ranges] of Object.entries(byKind)) CSS.highlights.set(`aa-${kind}`, new Highlight(...ranges));
    }
  } catch (error) {
    // Half a paint is worse than none: the app paints on its own.
    document.querySelector('.first-paint')?.remove();
    console.warn('The article could not be painted before the app loaded:', error);
  }
})();
