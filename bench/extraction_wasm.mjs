// Times the article extractor in the release wasm in headless Chromium, on every page of a
// folder (bench/extraction unpacks the benchmark's 181 pages there):
//
//   node bench/extraction_wasm.mjs PAGES_DIR
//
// Builds bench/extraction_wasm.rs as Trunk builds the app (cargo release for wasm32,
// wasm-bindgen --target web, wasm-opt -Oz), serves it with the pages on 127.0.0.1, and prints
// the median, 95th percentile and slowest time per page and the time on the largest page,
// each the median of 5 runs after a warm-up run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const pagesDir = process.argv[2];
if (!pagesDir) {
  console.error('usage: node bench/extraction_wasm.mjs PAGES_DIR');
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const wasmOptFeatures = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--example', 'extraction_wasm']);
const out = mkdtempSync(join(tmpdir(), 'aa-extraction-'));
run('wasm-bindgen', ['--target', 'web', '--out-dir', out, join(target, 'wasm32-unknown-unknown/release/examples/extraction_wasm.wasm')]);
run('wasm-opt', ['-Oz', ...wasmOptFeatures, join(out, 'extraction_wasm_bg.wasm'), '-o', join(out, 'extraction_wasm_bg.wasm')]);

const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
const largest = pages.reduce((a, b) => (statSync(join(pagesDir, a)).size >= statSync(join(pagesDir, b)).size ? a : b));
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.startsWith('/pages/') ? join(pagesDir, path.slice(7)) : path === '/' ? null : join(out, path.slice(1));
  if (file === null) {
    res.writeHead(200, { 'content-type': types['.html'] });
    res.end('<!doctype html><title>extraction</title>');
    return;
  }
  try {
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const times = await page.evaluate(async (names) => {
    const wasm = await import('/extraction_wasm.js');
    await wasm.default();
    const result = {};
    for (const name of names) {
      const html = new TextDecoder().decode(await (await fetch(`/pages/${name}`)).arrayBuffer());
      wasm.extract_body_length(html);
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        wasm.extract_body_length(html);
        runs.push(performance.now() - start);
      }
      runs.sort((a, b) => a - b);
      result[name] = runs[2];
    }
    return result;
  }, pages);
  const sorted = Object.values(times).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  const wasmBytes = statSync(join(out, 'extraction_wasm_bg.wasm')).size;
  console.log(
    `release wasm in headless Chromium (extractor alone, ${wasmBytes} bytes), ${sorted.length} pages: ` +
      `median ${at(0.5).toFixed(1)} ms, 95th percentile ${at(0.95).toFixed(1)} ms, slowest ${sorted.at(-1).toFixed(1)} ms; ` +
      `largest page (${statSync(join(pagesDir, largest)).size} bytes, ${largest.slice(0, 12)}) ${times[largest].toFixed(1)} ms`,
  );
} finally {
  await browser.close();
  server.close();
}
