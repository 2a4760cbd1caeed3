// Renders the app's PNG icons (public/icons/) from public/favicon.svg in headless Chromium.
// Run after changing the favicon, and commit the PNGs: `node scripts/icons.mjs`.
//
// icon-192.png and icon-512.png are the favicon as it is. icon-maskable-512.png is for
// launchers that cut icons to their own shape: the favicon's background fills the whole square
// and its drawing is shrunk to 80%, inside the central circle that every shape keeps.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const favicon = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const out = (name) => fileURLToPath(new URL(`../public/icons/${name}`, import.meta.url));

/** The favicon with its rounded background square made full-bleed and its drawing shrunk. */
function maskable(svg) {
  const [rect] = svg.match(/<rect\b[^>]*\/>/) ?? [];
  const fill = rect?.match(/fill="([^"]+)"/)?.[1];
  if (!fill) throw new Error('public/favicon.svg no longer starts with a filled <rect>: update scripts/icons.mjs');
  const drawing = svg.slice(svg.indexOf(rect) + rect.length, svg.lastIndexOf('</svg>'));
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<rect width="32" height="32" fill="${fill}"/>` +
    `<g transform="translate(3.2 3.2) scale(0.8)">${drawing}</g></svg>`
  );
}

const icons = [
  { name: 'icon-192.png', size: 192, svg: favicon },
  { name: 'icon-512.png', size: 512, svg: favicon },
  { name: 'icon-maskable-512.png', size: 512, svg: maskable(favicon) },
];

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { name, size, svg } of icons) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html, body { margin: 0; background: transparent; } img { display: block; }</style>` +
        `<img src="${src}" width="${size}" height="${size}" alt="">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    // omitBackground keeps the favicon's rounded corners transparent.
    await page.screenshot({ path: out(name), omitBackground: true });
    console.log(`public/icons/${name}: ${size}x${size}`);
  }
} finally {
  await browser.close();
}
