// The size floor: what parts of the app weigh on their own, built the way Trunk builds the app
// (cargo release for wasm32, wasm-bindgen --target web, wasm-opt -Oz), all in the same run.
//
//   node bench/floor.mjs
//
// Prints, for the app and for three cut-down builds of it (bench/floor/*.rs), the wasm and its
// JS glue, raw, gzip -9 and brotli 11, and each as a ratio to the app and to the 165 KB
// whole-app budget of issue 7. The app's own CSS and boot.js come on top of every row's JS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const budget = 165 * 1000;

// The features Trunk 0.21 enables when it runs wasm-opt.
const wasmOptFeatures = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];

const builds = [
  { name: 'the app', args: ['--bin', 'article-annotator'], wasm: 'article-annotator.wasm' },
  { name: 'core and a minimal Leptos page', args: ['--example', 'floor_core_and_leptos'], wasm: 'examples/floor_core_and_leptos.wasm' },
  { name: 'core only, no UI', args: ['--example', 'floor_core_only'], wasm: 'examples/floor_core_only.wasm' },
  { name: 'minimal Leptos page, no core', args: ['--example', 'floor_leptos_only'], wasm: 'examples/floor_leptos_only.wasm' },
];

function sizes(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const shared = ['style/main.css', 'public/boot.js'].map((file) => sizes(readFileSync(join(root, file))));
const work = mkdtempSync(join(tmpdir(), 'aa-floor-'));
const rows = [];
try {
  for (const build of builds) {
    run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', ...build.args]);
    const out = join(work, String(rows.length));
    run('wasm-bindgen', ['--target', 'web', '--out-dir', out, join(target, 'wasm32-unknown-unknown/release', build.wasm)]);
    const bindgen = readdirSync(out).find((file) => file.endsWith('_bg.wasm'));
    const optimized = join(out, 'optimized.wasm');
    run('wasm-opt', ['-Oz', ...wasmOptFeatures, join(out, bindgen), '-o', optimized]);
    const glue = readdirSync(out).find((file) => file.endsWith('.js'));
    rows.push({ name: build.name, wasm: sizes(readFileSync(optimized)), js: sizes(readFileSync(join(out, glue))) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const app = rows[0];
const sharedGzip = shared.reduce((sum, s) => sum + s.gzip, 0);
console.log(`Size floor, ${new Date().toISOString().slice(0, 10)} (gzip -9; CSS and boot.js: ${sharedGzip} gzip on top of each)`);
for (const row of rows) {
  const whole = row.wasm.gzip + row.js.gzip + sharedGzip;
  console.log(
    `- ${row.name}: wasm ${row.wasm.raw} raw, ${row.wasm.gzip} gzip, ${row.wasm.brotli} brotli; ` +
      `JS ${row.js.gzip} gzip; whole ${whole} gzip = ${(row.wasm.gzip / app.wasm.gzip).toFixed(2)}x the app's wasm, ` +
      `${(whole / budget).toFixed(2)}x the 165 KB budget`,
  );
}
