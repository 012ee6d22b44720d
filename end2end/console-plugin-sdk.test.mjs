// The console plugin loaded by the loader the OpenShift console runs, @openshift/dynamic-plugin-sdk's
// PluginStore (end2end/console/sdk-console.mjs), from the plugin's own nginx (as the image runs
// it) behind the console's proxy, in a page whose Content-Security-Policy is the one that nginx
// declares for the plugin (plus the console shell's fonts and images): the SDK accepts the
// manifest, the entry script registers through its callback, the route's code reference
// resolves to the page, and the page draws the VM list, all within that policy.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { startMock } from './support/mock.mjs';
import { VmListPage } from './support/vm-list-page.mjs';
import { startConsole } from './console/server.mjs';
import { pluginServerMissing, startPluginServer } from './console/plugin-server.mjs';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist-plugin');
const skip = (!existsSync(pluginDir) && 'dist-plugin/ is not built (scripts/build-plugin.sh)') || pluginServerMissing();
/** What the console's own shell loads besides the plugin: PatternFly's fonts and images. */
const SHELL_NEEDS = "font-src 'self'; img-src 'self' data:";
let mock;
let pluginServer;
let consoleServer;
let browser;
let session;

describe('console plugin under the OpenShift dynamic plugin SDK', { skip }, () => {
  before(async () => {
    mock = await startMock();
    pluginServer = await startPluginServer({ pluginDir });
    const pluginPolicy = (await pluginServer.get('/plugin-entry.js')).headers['content-security-policy'];
    consoleServer = await startConsole({
      shell: 'sdk', pluginUrl: pluginServer.url, pluginCa: pluginServer.ca, apiUrl: mock.url,
      contentSecurityPolicy: `${pluginPolicy}; ${SHELL_NEEDS}`,
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await consoleServer?.stop();
    await pluginServer?.stop();
    await mock?.stop();
  });
  beforeEach(async () => {
    await mock.reset();
    consoleServer.mutations.length = 0;
    session = await openPage(browser);
    session.expectedErrors = [];
    await session.context.addCookies([{ name: 'csrf-token', value: 'console-csrf-1', url: consoleServer.url }]);
  });
  afterEach(async () => {
    await session.context.close();
    const unexpected = session.errors.filter((e) => !session.expectedErrors.some((re) => re.test(e)));
    assert.deepEqual(unexpected, [], 'the browser console logged errors');
    assert.deepEqual(session.httpErrors, [], 'requests failed');
  });

  async function openInConsole(pathAndQuery) {
    const { page } = session;
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${consoleServer.url}${pathAndQuery}`);
    await page.waitForFunction(() => window.__console?.status !== 'loading');
    const harness = await page.evaluate(() => ({ ...window.__console }));
    return { page, requests, harness };
  }

  test('the SDK loads the plugin, and its page draws the VM list', async () => {
    const { page, requests, harness } = await openInConsole('/windows-vms/ns/windows-dev/vms');
    assert.equal(harness.status, 'rendered');
    assert.match(harness.sdkVersion, /^9\./);
    assert.deepEqual(harness.plugins.map(({ name, status, enabled }) => ({ name, status, enabled })),
      [{ name: 'windows-vms', status: 'loaded', enabled: true }], 'the SDK loaded and enabled the plugin');
    assert.equal(harness.plugins[0].errorMessage, undefined);

    const list = new VmListPage(page, consoleServer.url);
    await list.table.getByRole('row').nth(1).waitFor();
    const names = await list.names();
    for (const name of ['win11-dev-01', 'win10-legacy', 'win2k25-build', 'fedora-tools']) {
      assert.ok(names.includes(name), `${name} is listed: ${names}`);
    }
    assert.ok(!names.includes('win2k22-sql'), 'only the namespace in the address');
    assert.equal(await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Windows VMs' }).getAttribute('href'),
      '/windows-vms/vms', 'the navigation item comes from the manifest');

    // A menu positions itself with a style attribute: the policy must allow that too.
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true }).waitFor();
    await page.keyboard.press('Escape');

    assert.ok(requests.some((p) => p === '/api/plugins/windows-vms/windows_vms_bg.wasm'), 'the WebAssembly came from the plugin server');
    assert.ok(requests.some((p) => p.startsWith('/api/kubernetes/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines')));
    assert.deepEqual(await page.evaluate(() => window.__console.violations), [], 'nothing broke the Content-Security-Policy');
    await screenshot(page, 'console-plugin-sdk-list');
  });

  test('a change made in the plugin reaches the cluster with the console\'s CSRF token', async () => {
    const { page } = await openInConsole('/windows-vms/ns/windows-dev/vms/win10-legacy');
    await page.getByRole('heading', { name: 'win10-legacy', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true }).click();
    await page.getByText('Starting').or(page.getByText('Running')).first().waitFor();
    assert.deepEqual(consoleServer.mutations,
      ['PUT /api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy/start console-csrf-1']);
  });

  test('a console older than the plugin\'s @console/pluginAPI range refuses it and says why', async () => {
    session.expectedErrors.push(/windows-vms has failed to load/);
    const { page, requests, harness } = await openInConsole('/windows-vms/ns/windows-dev/vms?console=4.18.0');
    assert.equal(harness.plugins[0].status, 'failed');
    assert.equal(harness.plugins[0].errorMessage, 'Failed to resolve dependencies of plugin windows-vms');
    assert.ok(!requests.some((p) => p.endsWith('/plugin-entry.js')), 'no script of the plugin ran');
    assert.equal(await page.getByTestId('windows-vms-root').count(), 0);
  });
});
