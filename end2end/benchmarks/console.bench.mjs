// Measures the VNC console in real Chromium against the mock's simulated guest: decode and draw
// time of full-screen updates (1280x800, each new connection starts with one; the first in a
// page runs before the browser has optimised the code, so it is shown apart) and of partial
// ones (a typed character redraws one line), the bytes each took on the wire, and the app's
// download size. The times come from the console's own User Timing measures (`vnc-decode`,
// `vnc-draw`), which wrap exactly the work done for each update.
// Prints numbers; asserts nothing. Run: node end2end/benchmarks/console.bench.mjs [connections]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { launchBrowser } from '../support/browser.mjs';
import { startMock } from '../support/mock.mjs';

const connections = Number(process.argv[2]) || 10;
const typed = 'the quick brown fox jumps over the lazy dog';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const max = (values) => Math.max(...values);
const ms = (value) => `${value.toFixed(2)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The console's measures since `from` (a count of measures already read). */
async function measures(page, from) {
  return page.evaluate((skip) => {
    const decode = performance.getEntriesByName('vnc-decode').slice(skip);
    const draw = performance.getEntriesByName('vnc-draw').slice(skip);
    return decode.map((d, i) => ({ decode: d.duration, draw: draw[i]?.duration ?? 0, bytes: d.detail.bytes }));
  }, from);
}

async function waitConnected(page) {
  await page.getByTestId('console-status').filter({ hasText: /^Connected/ }).waitFor({ timeout: 20_000 });
}

const mock = await startMock();
const browser = await launchBrowser();
const cold = [];
const full = [];
const partial = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${mock.url}/ns/windows-dev/vms/win11-dev-01?tab=console`);
  await waitConnected(page);
  await page.waitForFunction(() => performance.getEntriesByName('vnc-decode').length > 0);
  cold.push((await measures(page, 0))[0]);
  for (let round = 0; round < connections; round += 1) {
    // Each new connection starts with the whole screen; switching to the serial console and
    // back opens one in the same page, with the code already warm.
    const before = (await measures(page, 0)).length;
    await page.getByRole('button', { name: 'Serial console' }).click();
    await waitConnected(page);
    await page.getByRole('button', { name: 'VNC console' }).click();
    await waitConnected(page);
    await page.waitForFunction((n) => performance.getEntriesByName('vnc-decode').length > n, before);
    full.push((await measures(page, before))[0]);
  }
  // Partial updates: each character typed redraws the guest's input line.
  const before = (await measures(page, 0)).length;
  await page.getByTestId('console-screen').focus();
  for (const key of typed) {
    await page.keyboard.type(key);
    await page.waitForTimeout(120);
  }
  await page.waitForTimeout(500);
  partial.push(...(await measures(page, before)));
  await context.close();
} finally {
  await browser.close();
  await mock.stop();
}

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const wasm = readdirSync(dist).filter((f) => f.endsWith('.wasm')).map((f) => path.join(dist, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0];
const wasmBrotli = brotliCompressSync(readFileSync(wasm)).length;

const row = (label, list) => {
  const cost = list.map((u) => u.decode + u.draw);
  console.log(`${label.padEnd(26)} ${String(list.length).padStart(4)}  decode ${ms(median(list.map((u) => u.decode)))}`
    + `  draw ${ms(median(list.map((u) => u.draw)))}  worst ${ms(max(cost))}`
    + `  wire ${kb(median(list.map((u) => u.bytes)))}  (${Math.floor(1000 / Math.max(median(cost), 0.01))} updates/s at this cost)`);
};
console.log(`VNC console, mock guest, Chromium (${connections} connections, ${typed.length} keys typed); medians:`);
row('full screen, first in page', cold);
row('full screen 1280x800', full);
row('partial (one typed line)', partial);
console.log(`app wasm: ${kb(statSync(wasm).size)} raw, ${kb(wasmBrotli)} brotli (${path.basename(wasm)})`);
