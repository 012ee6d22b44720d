// Standalone through the real `kubectl proxy`: the built app and the API from one origin
// (--www=<dist> --www-prefix=/ --api-prefix=/k8s/, config.json with apiBase /k8s), in front of
// the mock. The list, a deep link to a VM's page (`/?to=…`, as kubectl proxy has no fallback to
// index.html) and the create wizard are driven through it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { writeKubeconfig } from './support/kubeconfig.mjs';
import { startMock } from './support/mock.mjs';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let mock;
let proxy;
let proxyUrl;
let browser;
let session;

/** Starts `kubectl proxy` on a free port serving `www`; resolves with its address. */
function startProxy(kubeconfig, www) {
  proxy = spawn(kubectlPath, ['proxy', '--port=0', '--address=127.0.0.1', `--www=${www}`, '--www-prefix=/', '--api-prefix=/k8s/'],
    { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kubectl proxy did not start within 10 s')), 10_000);
    proxy.stdout.on('data', (chunk) => {
      const match = /Starting to serve on ([\d.]+:\d+)/.exec(String(chunk));
      if (match) { clearTimeout(timer); resolve(`http://${match[1]}`); }
    });
    proxy.once('exit', (code) => reject(new Error(`kubectl proxy exited with ${code}`)));
  });
}

describe('standalone through kubectl proxy', { skip: !existsSync(kubectlPath) && `no kubectl at ${kubectlPath}` }, () => {
  before(async () => {
    mock = await startMock();
    const www = mkdtempSync(path.join(os.tmpdir(), 'windows-vms-www-'));
    cpSync(dist, www, { recursive: true });
    writeFileSync(path.join(www, 'config.json'), JSON.stringify({ apiBase: '/k8s' }));
    proxyUrl = await startProxy(writeKubeconfig(mock.url), www);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    proxy?.kill();
    await mock?.stop();
  });
  beforeEach(async () => {
    await mock.reset();
    session = await openPage(browser);
  });
  afterEach(async () => {
    await session.context.close();
    assert.deepEqual(session.errors, [], 'the browser console logged errors');
    assert.deepEqual(session.httpErrors, [], 'requests failed');
  });

  test('the list loads through the proxy, from the API under /k8s', async () => {
    const { page } = session;
    const apiCalls = [];
    page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.includes('/apis/')) apiCalls.push(p); });
    await page.goto(`${proxyUrl}/`);
    await page.getByRole('link', { name: 'win2k22-sql' }).waitFor();
    assert.ok(apiCalls.length > 0 && apiCalls.every((p) => p.startsWith('/k8s/apis/')), apiCalls.join(', '));
    await screenshot(page, 'kubectl-proxy-list');
  });

  test('a deep link opens a VM\'s page though the proxy serves only the root', async () => {
    const { page } = session;
    await page.goto(`${proxyUrl}/?to=${encodeURIComponent('/ns/finance-apps/vms/win2k22-sql')}`);
    await page.getByRole('heading', { name: 'win2k22-sql', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/ns/finance-apps/vms/win2k22-sql');
    assert.match(await page.getByTestId('cdroms').innerText(), /windows-drivers-disk/);
  });

  test('the VNC and serial consoles connect through the proxy', async () => {
    const { page } = session;
    await page.goto(`${proxyUrl}/?to=${encodeURIComponent('/ns/windows-dev/vms/win11-dev-01?tab=console')}`);
    const status = page.getByTestId('console-status');
    await status.filter({ hasText: /^Connected/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId('console-screen').focus();
    await page.keyboard.type('via proxy');
    await eventually(async () => /via proxy/.test((await (await mock.api('/mock/console/windows-dev/win11-dev-01/keys')).json()).text));
    await page.getByRole('button', { name: 'Serial console' }).click();
    await status.filter({ hasText: /^Connected/ }).waitFor({ timeout: 15_000 });
    await page.getByTestId('serial-screen').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('serial-screen').getByText('SAC>').first().waitFor();
  });

  test('the create wizard creates a VM through the proxy', async () => {
    const { page } = session;
    await page.goto(`${proxyUrl}/?to=${encodeURIComponent('/ns/windows-dev/vms/~new')}`);
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-via-proxy');
    await page.getByLabel('Boot source').selectOption('iso-url');
    await page.getByLabel('ISO URL').fill('https://example.com/w.iso');
    await page.getByRole('button', { name: 'Review and create' }).click();
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/ns\/windows-dev\/vms\/win11-via-proxy\?created=1$/);
    await page.getByTestId('created-notice').waitFor();
    const vm = await (await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-via-proxy')).json();
    assert.equal(vm.spec.template.spec.domain.devices.disks[0].disk.bus, 'sata');
  });
});
