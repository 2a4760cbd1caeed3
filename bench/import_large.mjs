// How long importing a 10 MB export takes in headless Chromium against the release build, and
// how long the page is frozen meanwhile (the longest main-thread task, from the Long Tasks API).
// Run `trunk build --release` first, then:
//
//   node bench/import_large.mjs [megabytes=10] [runs=3]
//
// The baseline, in the same page and run, is the browser's own JSON.parse of the same file:
// no importer that parses on the main thread can take less.

import { largeExport, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const megabytes = Number(process.argv[2] ?? 10);
const runs = Number(process.argv[3] ?? 3);
const file = largeExport(megabytes);
const server = await startServer();
const browser = await launchBrowser();
try {
  const totals = [];
  const longest = [];
  const parses = [];
  for (let run = 0; run < runs; run += 1) {
    // No service worker: its install downloads the app a second time while this is timed.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
        .observe({ type: 'longtask', buffered: true });
    });
    // The file is made in the page beforehand and handed to the app's file input as a user's
    // choice would be, so that the test driver's own file transfer is not timed.
    await page.route('**/large.json', (route) => route.fulfill({ body: file, contentType: 'application/json' }));
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
    const result = await page.evaluate(async () => {
      const blob = await (await fetch('/large.json')).blob();
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'large.json', { type: 'application/json' }));
      const input = document.querySelector('input[type=file]');
      input.files = transfer.files;
      await new Promise((resolve) => setTimeout(resolve, 100));
      window.__longTasks.length = 0;
      const started = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const message = await new Promise((resolve) => {
        const check = () => {
          const text = document.querySelector('[role=status] p')?.textContent ?? '';
          if (/Imported “large|not imported/.test(text)) resolve(text);
          else setTimeout(check, 5);
        };
        check();
      });
      const elapsed = performance.now() - started;
      // Let a save that follows the message finish, and count it as part of the import.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { message, elapsed, longest: Math.max(0, ...window.__longTasks) };
    });
    totals.push(result.elapsed);
    longest.push(result.longest);
    if (run === 0) console.log(`message: ${result.message.slice(0, 160)}`);
    parses.push(await page.evaluate((text) => {
      const t0 = performance.now();
      JSON.parse(text);
      return performance.now() - t0;
    }, file));
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const spread = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
  console.log(`Importing ${(file.length / 1e6).toFixed(1)} MB (${runs} runs, median ms, min-max):`);
  console.log(`  file chosen -> message shown: ${median(totals).toFixed(0)} (${spread(totals)})`);
  console.log(`  longest main-thread task: ${median(longest).toFixed(0)} (${spread(longest)})`);
  console.log(`  baseline, JSON.parse of the same file: ${median(parses).toFixed(0)} (${spread(parses)}); ` +
    `import is ${(median(totals) / median(parses)).toFixed(1)}x, longest task ${(median(longest) / median(parses)).toFixed(1)}x`);
} finally {
  await browser.close();
  await server.close();
}
