// What a first visit downloads: the page, its script, its one stylesheet and the wasm, held to
// a size budget (the build is deterministic, so its size is a test, not a benchmark), and sent
// over the wire as the brotli the build made.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { appReady } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';

/**
 * The most a first visit may download, brotli, in bytes: the page, script, stylesheet and wasm.
 * Lower it when the build shrinks; raising it is a decision, not a fix. Raised from 620,000 for
 * snapshots before a switch, Restore snapshot and restarts that wait for sign-out (36 KB), and
 * the bulk switch (17 KB): what most visits never use belongs in a module loaded on demand.
 */
const FIRST_LOAD_BUDGET = 672_000;

const suite = useSuite();
const dist = new URL('../dist/', import.meta.url);

/** The files index.html makes the browser fetch before the app runs. */
function firstLoadFiles() {
  const html = readFileSync(new URL('index.html', dist), 'utf8');
  const script = html.match(/import init, \* as bindings from '\/([^']+\.js)'/)?.[1];
  const wasm = html.match(/module_or_path: '\/([^']+\.wasm)'/)?.[1];
  const styles = [...html.matchAll(/<link rel="stylesheet" href="\/([^"]+\.css)"/g)].map((m) => m[1]);
  assert.ok(script && wasm, 'index.html loads the app');
  return { script, wasm, styles, all: ['index.html', script, wasm, ...styles] };
}

const brotliSize = (file) => readFileSync(new URL(`${file}.br`, dist)).length;

describe('first load', () => {
  test('fits the size budget as brotli, with one stylesheet', () => {
    const files = firstLoadFiles();
    assert.equal(files.styles.length, 1, 'one stylesheet');
    const sizes = Object.fromEntries(files.all.map((file) => [file, brotliSize(file)]));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`first load, brotli: ${JSON.stringify(sizes)}, total ${total} bytes`);
    assert.ok(total <= FIRST_LOAD_BUDGET, `first load is ${total} bytes of brotli, over the budget of ${FIRST_LOAD_BUDGET}`);
  });

  test('goes over the wire as that brotli, the fonts asked for with the page', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms`);
    await appReady(page);
    await page.getByRole('link', { name: 'win11-dev-01' }).waitFor();
    const entries = await page.evaluate(() => [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((e) => ({ name: new URL(e.name).pathname, body: e.encodedBodySize, initiator: e.initiatorType, start: e.startTime })));
    const files = firstLoadFiles();
    const wire = (file) => entries.find((e) => e.name === `/${file}` || (file === 'index.html' && e.initiator === 'navigation'));
    let sent = 0;
    let brotli = 0;
    for (const file of files.all) {
      const entry = wire(file);
      assert.ok(entry, `the browser fetched ${file}`);
      sent += entry.body;
      brotli += brotliSize(file);
    }
    assert.ok(sent <= brotli * 1.05, `${sent} bytes on the wire for ${brotli} bytes of brotli`);
    // The fonts are preloaded by the page itself, not discovered once the stylesheet applies.
    for (const font of ['RedHatTextVF.woff2', 'RedHatDisplayVF.woff2']) {
      const entry = entries.find((e) => e.name.endsWith(`/${font}`));
      assert.equal(entry?.initiator, 'link', `${font} is preloaded`);
    }
  });
});
