// The console plugin loaded the way the OpenShift console loads it (end2end/console/): it
// mounts, lists VMs through /api/kubernetes, sends X-CSRFToken on changes, links under its
// base path, and unmounts cleanly; with both entry callbacks.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { startMock } from './support/mock.mjs';
import { startConsole } from './console/server.mjs';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist-plugin');
let mock;
let consoleServer;
let browser;
let session;

describe('console dynamic plugin', { skip: !existsSync(pluginDir) && 'dist-plugin/ is not built (scripts/build-plugin.sh)' }, () => {
  before(async () => {
    mock = await startMock();
    consoleServer = await startConsole({ pluginDir, apiUrl: mock.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await consoleServer?.stop();
    await mock?.stop();
  });
  beforeEach(async () => {
    await mock.reset();
    consoleServer.mutations.length = 0;
    session = await openPage(browser);
    await session.context.addCookies([{ name: 'csrf-token', value: 'console-csrf-1', url: consoleServer.url }]);
  });
  afterEach(async () => {
    await session.context.close();
    assert.deepEqual(session.errors, [], 'the browser console logged errors');
    assert.deepEqual(session.httpErrors, [], 'requests failed');
  });

  /** The status a WebSocket upgrade from `origin` gets. */
  function upgradeStatus(url, origin) {
    return new Promise((resolve, reject) => {
      const request = http.request(url, { headers: {
        connection: 'Upgrade', upgrade: 'websocket', origin, 'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol': 'plain.kubevirt.io',
      } });
      request.on('upgrade', (answer, socket) => { socket.destroy(); resolve(answer.statusCode); });
      request.on('response', (answer) => { answer.resume(); resolve(answer.statusCode); });
      request.on('error', reject);
      request.end();
    });
  }

  async function openInConsole(pathAndQuery) {
    const { page } = session;
    const requests = [];
    const openWatches = new Set();
    page.on('request', (r) => {
      requests.push(new URL(r.url()).pathname);
      if (new URL(r.url()).searchParams.get('watch') === 'true') openWatches.add(r);
    });
    page.on('requestfinished', (r) => openWatches.delete(r));
    page.on('requestfailed', (r) => openWatches.delete(r));
    requests.openWatches = openWatches;
    await page.goto(`${consoleServer.url}${pathAndQuery}`);
    await page.waitForFunction(() => window.__console?.status !== 'loading');
    assert.equal(await page.evaluate(() => window.__console.status), 'rendered');
    return { page, requests };
  }

  for (const [callback, registeredAs] of [['current', 'windows-vms'], ['legacy', 'windows-vms@0.1.0']]) {
    test(`mounts through the ${callback} entry callback and lists VMs through the console's proxy`, async () => {
      const { page, requests } = await openInConsole(`/windows-vms/ns/windows-dev/vms?callback=${callback}`);
      assert.equal(await page.evaluate(() => window.__console.registeredAs), registeredAs);
      const root = page.getByTestId('windows-vms-root');
      await root.getByRole('link', { name: 'win11-dev-01' }).waitFor();
      assert.ok(requests.some((p) => p.startsWith('/api/kubernetes/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines')));
      assert.ok(!requests.some((p) => p === '/config.json'), 'the plugin takes its settings from mount, not config.json');
      assert.equal(await page.locator('.wvm-masthead').count(), 0, 'the console frames the page: no masthead of our own');
      assert.equal(await page.getByRole('link', { name: 'Windows VMs' }).getAttribute('href'), '/windows-vms/vms');
      if (callback === 'current') await screenshot(page, 'console-plugin-list');
    });
  }

  test('links stay under the base path, and changes carry the console\'s CSRF token', async () => {
    const { page } = await openInConsole('/windows-vms/ns/finance-apps/vms');
    await page.getByRole('link', { name: 'win2k22-sql' }).waitFor();
    await page.getByLabel('Namespace', { exact: true }).selectOption('windows-dev');
    await page.waitForURL(/\/windows-vms\/ns\/windows-dev\/vms$/);
    const link = page.getByRole('link', { name: 'win10-legacy' });
    assert.equal(await link.getAttribute('href'), '/windows-vms/ns/windows-dev/vms/win10-legacy');
    await link.click();
    await page.waitForURL(/\/windows-vms\/ns\/windows-dev\/vms\/win10-legacy$/);
    await page.getByRole('heading', { name: 'win10-legacy', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true }).click();
    await page.getByText('Starting').or(page.getByText('Running')).first().waitFor();
    assert.deepEqual(consoleServer.mutations,
      ['PUT /api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy/start console-csrf-1']);
    await screenshot(page, 'console-plugin-details');
  });

  test('the VNC console connects through the console\'s WebSocket relay, which refuses other origins', async () => {
    const { page } = await openInConsole('/windows-vms/ns/windows-dev/vms/win11-dev-01?tab=console');
    await page.getByTestId('console-status').filter({ hasText: /^Connected/ }).waitFor({ timeout: 15_000 });
    assert.deepEqual(consoleServer.upgrades,
      ['/api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/windows-dev/virtualmachineinstances/win11-dev-01/vnc']);
    await page.getByTestId('console-screen').focus();
    await page.keyboard.type('ok');
    await eventually(async () => /ok/.test((await (await mock.api('/mock/console/windows-dev/win11-dev-01/keys')).json()).text));
    // A page elsewhere cannot open the console with the user's session.
    const status = await upgradeStatus(`${consoleServer.url}${consoleServer.upgrades[0]}`, 'http://evil.example');
    assert.equal(status, 403);
  });

  test('the create wizard works inside the console', async () => {
    const { page } = await openInConsole('/windows-vms/ns/windows-dev/vms/~new');
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-in-console');
    await page.getByLabel('Boot source').selectOption('iso-url');
    await page.getByLabel('ISO URL').fill('https://example.com/w.iso');
    await page.getByRole('button', { name: 'Review and create' }).click();
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/windows-vms\/ns\/windows-dev\/vms\/win11-in-console\?created=1$/);
    assert.equal((await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-in-console')).status, 200);
  });

  test('unmounting removes the app and ends its requests', async () => {
    const { page, requests } = await openInConsole('/windows-vms/ns/windows-dev/vms');
    await page.getByRole('link', { name: 'win11-dev-01' }).waitFor();
    await eventually(() => requests.openWatches.size > 0, { message: 'the list does not watch its VMs' });
    const open = await page.evaluate(() => window.__console.unmount() ?? document.getElementById('content').childElementCount);
    assert.equal(open, 0, 'nothing of the app is left in the page');
    const before = requests.length;
    await eventually(() => requests.openWatches.size === 0, { message: 'a watch was left open' });
    await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy', {
      method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { touched: 'yes' } } }),
    });
    // An app left running would watch again once its reconnect delay passed. A second tab,
    // whose requests are not counted, shows that delay passing: its first watch, started after
    // the first tab's ended, fails, and it watches again only after the same delay.
    await mock.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines?watch=true', status: 500, times: 1 });
    const witness = await session.context.newPage();
    const vmWatches = [];
    witness.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/namespaces/windows-dev/virtualmachines') && url.searchParams.get('watch') === 'true') vmWatches.push(r);
    });
    await witness.goto(`${consoleServer.url}/windows-vms/ns/windows-dev/vms`);
    await witness.getByRole('link', { name: 'win11-dev-01' }).waitFor();
    await eventually(() => vmWatches.length >= 2, { message: 'the second tab did not watch again after its watch failed' });
    assert.equal((await vmWatches[0].response())?.status(), 500, 'the first watch of the second tab was the one that failed');
    await witness.close();
    assert.deepEqual(requests.slice(before), [], 'no request after unmount');
    assert.equal(requests.openWatches.size, 0, 'every watch was closed');
    assert.equal(await page.locator('.wvm-backdrop, .wvm-page, .wvm-embedded').count(), 0);
  });
});
