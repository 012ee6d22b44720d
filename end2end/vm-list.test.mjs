// The VM list against the seeded mock: what a user sees, how namespaces filter it, and how
// API failures are shown.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { appReady, launchBrowser, openPage, screenshot } from './support/browser.mjs';
import { startMock } from './support/mock.mjs';
import { VmListPage } from './support/vm-list-page.mjs';

let mock;
let browser;
let session;

before(async () => {
  mock = await startMock();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await mock?.stop();
});
beforeEach(async () => {
  await mock.reset();
  session = await openPage(browser);
});
afterEach(async () => {
  await session.context.close();
  assert.deepEqual(session.errors, [], 'the browser console logged errors');
  const unexpected = session.httpErrors.filter((e) => !session.expectedHttpErrors?.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], 'requests failed that no fault asked for');
});

/** Makes the mock fail matching requests, and tells the checks above that they will fail. */
async function fault(spec) {
  await mock.fault(spec);
  if (spec.status) {
    session.expectedHttpErrors = [...(session.expectedHttpErrors ?? []), new RegExp(`^${spec.status} .*${escape(spec.path)}`)];
  }
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('VM list', () => {
  test('shows every seeded VM with its status and operating system', async () => {
    const list = new VmListPage(session.page, mock.url);
    await list.open();
    assert.deepEqual(await list.names(), [
      'win2k19-erp', 'win2k22-sql', 'win2k22-web', 'fedora-tools', 'win10-legacy', 'win11-dev-01', 'win2k25-build',
    ]);
    assert.equal(await list.cell('win2k22-sql', 'Status'), 'Running');
    assert.equal(await list.cell('win2k22-sql', 'Operating system'), 'Windows Server 2022');
    assert.equal(await list.cell('win2k22-sql', 'Namespace'), 'finance-apps');
    assert.equal(await list.cell('win10-legacy', 'Status'), 'Stopped');
    assert.equal(await list.cell('win10-legacy', 'Operating system'), 'Windows 10');
    assert.equal(await list.cell('win2k19-erp', 'Status'), 'ErrorUnschedulable');
    assert.equal(await list.cell('win2k25-build', 'Status'), 'Provisioning');
    assert.equal(await list.cell('fedora-tools', 'Operating system'), 'Fedora');
    assert.equal(await list.cell('win2k22-sql', 'Created'), '1 month ago');
    assert.equal(await list.cell('win2k25-build', 'Created'), '4 minutes ago');
    await screenshot(session.page, 'vm-list-all-namespaces');
  });

  test('a VM created through the API appears with what the server stored', async () => {
    const created = await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine',
        metadata: { name: 'win2k16-archive' },
        spec: { runStrategy: 'Halted', preference: { name: 'windows.2k16' }, template: { spec: { domain: { devices: {} } } } },
      }),
    });
    assert.equal(created.status, 201);
    const list = new VmListPage(session.page, mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal(await list.cell('win2k16-archive', 'Status'), 'Stopped');
    assert.equal(await list.cell('win2k16-archive', 'Operating system'), 'Windows Server 2016');
    assert.equal(await list.cell('win2k16-archive', 'Created'), 'just now');
  });

  test('choosing a namespace shows only its VMs and puts it in the address', async () => {
    const list = new VmListPage(session.page, mock.url);
    await list.open();
    await list.chooseNamespace('finance-apps');
    await session.page.waitForURL(/\/ns\/finance-apps\/vms$/);
    await list.waitForRows(3);
    assert.deepEqual(await list.names(), ['win2k19-erp', 'win2k22-sql', 'win2k22-web']);
    assert.equal(await list.hasColumn('Namespace'), false, 'one namespace needs no namespace column');
    await screenshot(session.page, 'vm-list-finance-apps');

    await list.chooseNamespace('All namespaces');
    await session.page.waitForURL(/\/vms$/);
    await list.waitForRows(7);
    assert.equal(await list.hasColumn('Namespace'), true);
  });

  test('a namespace without VMs says so and offers to create one', async () => {
    const list = new VmListPage(session.page, mock.url);
    await session.page.goto(`${mock.url}/ns/default/vms`);
    const empty = session.page.getByTestId('empty-state');
    await empty.waitFor();
    assert.match(await empty.innerText(), /No virtual machines/);
    assert.match(await empty.innerText(), /no virtual machines in namespace default/);
    const create = empty.getByRole('link', { name: 'Create virtual machine' });
    assert.equal(await create.getAttribute('href'), '/ns/default/vms/~new');
    assert.equal(await list.namespaceSelection(), 'default');
    await screenshot(session.page, 'vm-list-empty');
  });

  test('while the list loads, placeholders are shown', async () => {
    await fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines', delayMs: 1500, times: 1 });
    const list = new VmListPage(session.page, mock.url);
    await session.page.goto(`${mock.url}/ns/windows-dev/vms`);
    await session.page.getByRole('status').filter({ hasText: 'Loading virtual machines' }).waitFor();
    await screenshot(session.page, 'vm-list-loading');
    await list.waitForRows(4);
  });

  test('a 403 says the user may not list VMs in that namespace, and retry works once allowed', async () => {
    await fault({ method: 'GET', path: '/namespaces/finance-apps/virtualmachines', status: 403, times: 1 });
    await session.page.goto(`${mock.url}/ns/finance-apps/vms`);
    const alert = session.page.getByTestId('error-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Could not load virtual machines/);
    assert.match(text, /You may not list virtual machines in namespace finance-apps/);
    await screenshot(session.page, 'vm-list-forbidden');

    await alert.getByRole('button', { name: 'Try again' }).click();
    await new VmListPage(session.page, mock.url).waitForRows(3);
  });

  test('a server that fails once is retried without troubling the user', async () => {
    await fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines', status: 503, times: 1 });
    const list = new VmListPage(session.page, mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal((await list.names()).length, 4);
  });

  test('a server that keeps failing shows its error in plain words', async () => {
    await fault({ method: 'GET', path: '/virtualmachines', status: 500, body: 'etcdserver: request timed out', times: 3 });
    await session.page.goto(`${mock.url}/vms`);
    const alert = session.page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /The API server failed while handling the request\. Etcdserver: request timed out\./);
  });

  test('leaving a namespace before its list arrives cancels that request', async () => {
    await fault({ method: 'GET', path: '/namespaces/finance-apps/virtualmachines', delayMs: 4000, times: 1 });
    const aborted = [];
    session.page.on('requestfailed', (request) => {
      if (request.url().includes('/namespaces/finance-apps/virtualmachines')) aborted.push(request.failure()?.errorText);
    });
    const list = new VmListPage(session.page, mock.url);
    await session.page.goto(`${mock.url}/ns/finance-apps/vms`);
    await session.page.getByRole('status').filter({ hasText: 'Loading virtual machines' }).waitFor();
    await list.chooseNamespace('windows-dev');
    await list.waitForRows(4);
    assert.deepEqual(aborted, ['net::ERR_ABORTED']);
    await session.page.waitForTimeout(300);
    assert.deepEqual(await list.names(), ['fedora-tools', 'win10-legacy', 'win11-dev-01', 'win2k25-build']);
  });

  test('a user who may not list namespaces still sees the current one', async () => {
    await fault({ method: 'GET', path: '/api/v1/namespaces?', status: 403 });
    const list = new VmListPage(session.page, mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal(await list.namespaceSelection(), 'windows-dev');
    await session.page.getByText('You may not list namespaces').waitFor();
  });

  test('the name links to the VM page, which reads the VM from the API', async () => {
    const list = new VmListPage(session.page, mock.url);
    await list.open();
    await session.page.getByRole('link', { name: 'win2k22-sql' }).click();
    await session.page.waitForURL(/\/ns\/finance-apps\/vms\/win2k22-sql$/);
    await session.page.getByRole('heading', { name: 'win2k22-sql', level: 1 }).waitFor();
    const overview = await session.page.getByTestId('vm-overview').innerText();
    assert.match(overview, /Operating system\s+Windows Server 2022/);
    assert.match(overview, /Run strategy\s+Always/);
    await screenshot(session.page, 'vm-details');
  });
});
