// The app shell: deep links, the not-found page, navigation, the run-time API base, and
// accessibility of every page.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { appReady, screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();

/** Serious and critical axe violations on the page, as "rule: target" lines. */
async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('app shell', () => {
  test('the app goes over the wire compressed, and hashed files are cached for good', async () => {
    const { page } = suite.session;
    const sent = new Map();
    page.on('response', async (r) => {
      const name = new URL(r.url()).pathname;
      if (/\.(wasm|js|css)$/.test(name)) sent.set(name, await r.allHeaders());
    });
    await page.goto(`${suite.mock.url}/vms`);
    await appReady(page);
    const wasm = [...sent.keys()].find((n) => n.endsWith('.wasm'));
    assert.ok(wasm, 'the browser loaded the wasm');
    for (const [name, headers] of sent) {
      assert.equal(headers['content-encoding'], 'br', `${name} is sent as brotli`);
      assert.match(headers['cache-control'], /max-age=31536000, immutable/, `${name} has a hashed name`);
    }
    // The brotli twin holds exactly the built file; a client that takes no encoding gets it plain.
    const built = readFileSync(new URL(`../dist${wasm}`, import.meta.url));
    const brotli = await fetch(`${suite.mock.url}${wasm}`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(brotli.headers.get('content-encoding'), 'br');
    // fetch decodes what it is sent: compare what came with the file on disk.
    assert.ok(Buffer.from(await brotli.arrayBuffer()).equals(built));
    const twin = readFileSync(new URL(`../dist${wasm}.br`, import.meta.url));
    assert.ok(brotliDecompressSync(twin).equals(built));
    assert.ok(twin.length < built.length / 2, `brotli ${twin.length} of ${built.length} bytes`);
    const plain = await fetch(`${suite.mock.url}${wasm}`, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.ok(Buffer.from(await plain.arrayBuffer()).equals(built));
    assert.ok(readdirSync(new URL('../dist', import.meta.url)).some((n) => n.endsWith('.css.gz')), 'gzip twins too');
  });

  test('an unknown deep link shows the not-found page with a way back', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await screenshot(page, 'not-found');
    await page.getByRole('link', { name: 'Go to virtual machines' }).click();
    await page.waitForURL(/\/vms$/);
    await page.getByRole('table', { name: 'Virtual machines' }).waitFor();
  });

  test('a deep link to a VM loads its page; a VM that does not exist says so', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win10-legacy`);
    await page.getByRole('heading', { name: 'win10-legacy', level: 1 }).waitFor();
    assert.match(await page.getByTestId('vm-overview').innerText(), /Status\s+Stopped/);

    suite.expectHttpError(/^404 GET \/api\/kubernetes\/apis\/kubevirt.io\/v1\/namespaces\/windows-dev\/virtualmachines\/gone$/);
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/gone`);
    await page.getByRole('heading', { name: 'Virtual machine not found' }).waitFor();
  });

  test('the navigation marks the current page and keeps the namespace', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/finance-apps/vms`);
    await appReady(page);
    const nav = page.getByRole('navigation', { name: 'Global' });
    const current = nav.locator('[aria-current="page"]');
    assert.equal(await current.innerText(), 'Virtual machines');
    assert.equal(await nav.getByRole('link', { name: 'Create' }).getAttribute('href'), '/ns/finance-apps/vms/~new');
  });

  test('namespaces are read once for the whole visit', async () => {
    const { page } = suite.session;
    let reads = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/api/v1/namespaces')) reads += 1; });
    await page.goto(`${suite.mock.url}/vms`);
    await page.getByRole('table', { name: 'Virtual machines' }).waitFor();
    await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Create virtual machine' }).waitFor();
    await page.getByLabel('Namespace *').selectOption('finance-apps');
    await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Virtual machines' }).click();
    await page.getByRole('table', { name: 'Virtual machines' }).waitFor();
    assert.equal(reads, 1);
  });

  test('the API is reached under the base path from config.json', async () => {
    const { page } = suite.session;
    const apiCalls = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.includes('/apis/') || pathname.includes('/api/v1')) apiCalls.push(pathname);
    });
    await page.route('**/config.json', (route) => route.fulfill({ json: { apiBase: '' } }));
    await page.goto(`${suite.mock.url}/vms`);
    await page.getByRole('table', { name: 'Virtual machines' }).waitFor();
    assert.ok(apiCalls.includes('/apis/kubevirt.io/v1/virtualmachines'), apiCalls.join(', '));
    assert.ok(apiCalls.every((p) => !p.startsWith('/api/kubernetes')), apiCalls.join(', '));
  });

  test('every page passes axe without serious or critical violations', async () => {
    const { page } = suite.session;
    for (const [route, ready] of [
      ['/vms', () => page.getByRole('table', { name: 'Virtual machines' }).waitFor()],
      ['/ns/default/vms', () => page.getByTestId('empty-state').waitFor()],
      ['/ns/finance-apps/vms/win2k19-erp', () => page.getByTestId('vm-overview').waitFor()],
      ['/nowhere', () => page.getByTestId('not-found').waitFor()],
      ['/ns/windows-dev/vms/~new', () => page.getByTestId('windows-guest-tools-notice').waitFor()],
    ]) {
      await page.goto(suite.mock.url + route);
      await ready();
      assert.deepEqual(await seriousViolations(page), [], `axe on ${route}`);
    }
  });

  test('on a phone the list stays readable', async () => {
    const { page } = suite.session;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${suite.mock.url}/ns/finance-apps/vms`);
    await page.getByRole('table', { name: 'Virtual machines' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    const table = await page.getByRole('table', { name: 'Virtual machines' }).boundingBox();
    assert.ok(table.x >= 0 && table.x + table.width <= 390, `the table spans ${table.x}..${table.x + table.width}px of 390`);
    assert.ok(table.width >= 300, `the table is squeezed to ${table.width}px`);
    const hamburger = page.getByRole('button', { name: 'Global navigation' });
    assert.equal(await hamburger.getAttribute('aria-expanded'), 'false');
    await screenshot(page, 'vm-list-phone');

    await hamburger.click();
    await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Virtual machines' }).waitFor();
    await screenshot(page, 'vm-list-phone-navigation');
    await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Virtual machines' }).click();
    assert.equal(await hamburger.getAttribute('aria-expanded'), 'false');
  });
});
