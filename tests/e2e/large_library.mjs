// A large library written straight into the app's database, and a wait for the app's User
// Timing spans that does not poll the page: shared by tests/e2e/database.test.mjs and
// bench/database.mjs.

/** The first sentence of every large article: a passage to mark. */
export const LARGE_FIRST_SENTENCE = 'The first sentence of a large article.';

/** The title of the `n`-th large article (from 0); the last one is opened first. */
export const largeTitle = (n) => `Large ${n}`;

/**
 * Runs in the page: writes `articles` articles of about `chars` characters with `annotations`
 * annotations each (a note of `noteChars` code points on every one) into the app's database as
 * the app's documents (src/model/documents.rs), generated in the page so that 200 MB never
 * crosses the protocol. Deterministic. Returns the documents' JSON size in bytes.
 */
export function seedLargeLibrary({ articles, chars, annotations, noteChars }) {
  return (async () => {
    let state = 11;
    const next = (n) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % n;
    };
    const words = ['minister', 'budget', 'Kraków', 'said', 'report', 'Ayşe', 'harbour', 'محمد', 'tariff', 'council', 'the', 'of', 'and', 'contract', 'flood', 'repairs', '🙂'];
    const sentence = () => Array.from({ length: 8 + next(12) }, () => words[next(words.length)]).join(' ') + '.';
    const db = new PouchDB('article-annotator');
    let bytes = 0;
    for (let a = 0; a < articles; a += 1) {
      const id = `large-${a}`;
      const paragraphs = ['The first sentence of a large article.'];
      let length = paragraphs[0].length;
      while (length < chars) {
        const paragraph = Array.from({ length: 5 }, sentence).join(' ');
        paragraphs.push(paragraph);
        length += paragraph.length + 2;
      }
      const text = paragraphs.join('\n\n');
      const docs = [
        { _id: `a/${id}/article`, type: 'article', v: 1, article: id, n: a + 1, title: `Large ${a}`, added: '2026-12-03T00:00:00.000Z', leftovers_reviewed: true },
        { _id: `a/${id}/text`, type: 'text', v: 1, article: id, text, removed_parts: [] },
      ];
      const codePoints = [...text].length;
      for (let i = 0; i < annotations; i += 1) {
        const start = 50 + next(codePoints - 300);
        // Cut at a code point: half an emoji is what no Rust string holds (such a document is
        // left unread, and the page says so).
        const note = [...Array.from({ length: Math.ceil(noteChars / 60) }, sentence).join(' ')].slice(0, noteChars).join('');
        docs.push({
          _id: `a/${id}/annotation/p${i}`, type: 'annotation', v: 1, article: id, n: i,
          id: `p${i}`, kind: ['claim', 'source', 'anonymous_attribution'][i % 3], start, end: start + 10 + next(100),
          note, created: '2026-12-03T00:00:00.000Z', modified: '2026-12-03T00:00:00.000Z',
        });
      }
      for (let i = 0; i < docs.length; i += 2000) {
        const batch = docs.slice(i, i + 2000);
        bytes += batch.reduce((n, d) => n + JSON.stringify(d).length, 0);
        await db.bulkDocs(batch);
      }
    }
    // Opened first, as a user would after opening it last.
    localStorage.setItem('article-annotator/open', JSON.stringify(`large-${articles - 1}`));
    return bytes;
  })();
}

/**
 * Starts listening in `page` for the next User Timing measure `name` the app records; returns a
 * function that waits for it: `{ end, duration }` (`end` in the machine's ms, timeOrigin + now),
 * or null after `timeout` ms. Nothing polls the page meanwhile: Playwright's waits poll every
 * frame, and on two cores that work delays what is measured.
 */
export async function nextSpan(page, name, timeout = 60_000) {
  await page.evaluate(([name, timeout]) => {
    window.nextSpans ??= {};
    window.nextSpans[name] = new Promise((resolve) => {
      const observer = new PerformanceObserver((list) => {
        const entry = list.getEntries().find((e) => e.name === name);
        if (entry) {
          observer.disconnect();
          resolve({ end: performance.timeOrigin + entry.startTime + entry.duration, duration: entry.duration });
        }
      });
      observer.observe({ type: 'measure' });
      setTimeout(() => resolve(null), timeout);
    });
  }, [name, timeout]);
  return () => page.evaluate((name) => window.nextSpans[name], name);
}
