// The VM list against the seeded mock: what a user sees, how namespaces filter it, and how
// API failures are shown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';
import { VmListPage } from './support/vm-list-page.mjs';
import { eventually } from './support/eventually.mjs';

const suite = useSuite();

describe('VM list', () => {
  test('Export CSV saves the rows the filter shows, in their order', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/vms');
    await page.getByLabel('Filter by name').fill('win2k22');
    await page.getByTestId('row-count').getByText('2 of 7 virtual machines').waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    assert.equal(file.suggestedFilename(), 'virtual-machines.csv');
    const lines = readFileSync(await file.path(), 'utf8').split('\r\n');
    assert.equal(lines[0], 'Name,Namespace,Status,Operating system,IP address,Created,Still on SATA or e1000e');
    assert.match(lines[1], /^win2k22-sql,finance-apps,Running,Windows Server 2022,10\.128\.2\.25,\d{4}-\d\d-\d\dT[^,]+,yes$/);
    assert.match(lines[2], /^win2k22-web,finance-apps,Running,Windows Server 2022,[^,]*,[^,]+,$/);
    assert.deepEqual(lines.slice(3), [''], 'two rows, as shown');
  });

  test('shows every seeded VM with its status and operating system', async () => {
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open();
    assert.deepEqual(await list.names(), [
      'fedora-tools', 'win10-legacy', 'win11-dev-01', 'win2k19-erp', 'win2k22-sql', 'win2k22-web', 'win2k25-build',
    ]);
    assert.equal(await suite.session.page.getByTestId('row-count').innerText(), '7 virtual machines');
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
    await screenshot(suite.session.page, 'vm-list-all-namespaces');
  });

  test('filtering by name and status, and sorting by a column', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open();
    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('WIN2K');
    await list.waitForRows(4);
    assert.deepEqual(await list.names(), ['win2k19-erp', 'win2k22-sql', 'win2k22-web', 'win2k25-build']);
    await page.getByRole('combobox', { name: 'Filter by status' }).selectOption({ label: 'Running' });
    await list.waitForRows(2);
    assert.equal(await page.getByTestId('row-count').innerText(), '2 of 7 virtual machines');

    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('nothing-like-this');
    await page.getByRole('heading', { name: 'No virtual machines match' }).waitFor();
    await screenshot(page, 'vm-list-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await list.waitForRows(7);

    const created = page.getByRole('columnheader', { name: 'Created' });
    await created.getByRole('button').click();
    assert.equal(await created.getAttribute('aria-sort'), 'descending');
    assert.equal((await list.names())[0], 'win2k25-build', 'newest first');
    await created.getByRole('button').click();
    assert.equal(await created.getAttribute('aria-sort'), 'ascending');
    assert.equal((await list.names())[0], 'win10-legacy', 'oldest first');
    assert.equal(await page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort'), 'none');
    await screenshot(page, 'vm-list-sorted');
  });

  test('the list follows the cluster live: status changes, new and deleted VMs', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    const stop = await suite.mock.api('/apis/subresources.kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-sql/stop', { method: 'PUT' });
    assert.equal(stop.status, 202);
    await list.waitForStatus('finance-apps', 'win2k22-sql', 'Stopped');
    assert.equal(await list.cell('win2k22-sql', 'IP address'), '—', 'the stopped VM lost its instance and address');

    const created = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'win2k22-new' },
        spec: { runStrategy: 'Halted', preference: { name: 'windows.2k22' }, template: {} } }),
    });
    assert.equal(created.status, 201);
    await list.waitForRows(4);
    await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k19-erp', { method: 'DELETE' });
    await list.waitForRows(3);
    assert.deepEqual(await list.names(), ['win2k22-new', 'win2k22-sql', 'win2k22-web']);
  });

  test('a watch refused as too old, or dropped, is recovered without the user noticing', async () => {
    const { page } = suite.session;
    await suite.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines?watch=true', status: 410, times: 1 });
    await suite.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachineinstances?watch=true', status: 503, times: 1 });
    const lists = [];
    page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('/namespaces/windows-dev/virtualmachines') && !u.search.includes('watch')) lists.push(u.search); });
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    await suite.mock.api('/apis/subresources.kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy/start', { method: 'PUT' });
    await list.waitForStatus('windows-dev', 'win10-legacy', 'Running', 15_000);
    assert.ok(lists.length >= 2, `relisted after the 410: ${lists.join(' ')}`);
    assert.match(await list.cell('win10-legacy', 'IP address'), /^10\.128\.3\.\d+$/);
    // Every open watch breaks off at once; the list carries on.
    await suite.mock.dropWatches();
    await suite.mock.api('/apis/subresources.kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy/stop', { method: 'PUT' });
    await list.waitForStatus('windows-dev', 'win10-legacy', 'Stopped', 15_000);
  });

  test('row actions start and stop a VM through KubeVirt, and the list shows it happen', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    const menu = page.getByRole('menu');
    assert.equal(await menu.getByRole('menuitem', { name: 'Restart' }).isDisabled(), true, 'a stopped VM cannot restart');
    await screenshot(page, 'vm-list-row-actions');
    await menu.getByRole('menuitem', { name: 'Start', exact: true }).click();
    await list.waitForStatus('windows-dev', 'win10-legacy', 'Running', 10_000);
    const vm = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy')).json();
    assert.equal(vm.spec.runStrategy, 'Always');

    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Stop' }).click();
    await list.waitForStatus('windows-dev', 'win10-legacy', 'Stopped', 10_000);
  });

  test('delete asks first, and a refused action says why', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    await page.getByRole('button', { name: 'Actions for win2k19-erp' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete virtual machine win2k19-erp?' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.innerText), 'Cancel', 'focus starts on Cancel');
    await screenshot(page, 'vm-list-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k19-erp')).status, 200);

    await page.getByRole('button', { name: 'Actions for win2k19-erp' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await list.waitForRows(2);
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await suite.fault({ method: 'PUT', path: '/win2k22-sql/restart', status: 403 });
    await page.getByRole('button', { name: 'Actions for win2k22-sql' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Restart' }).click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not restart win2k22-sql/);
    assert.match(await alert.innerText(), /You may not restart virtual machines in namespace finance-apps\./);
  });

  test('when actions on two VMs overlap, a failure names the VM it happened to', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    // The first action is slow and fails; the second, asked for later, succeeds at once.
    await suite.fault({ method: 'PUT', path: '/win10-legacy/start', status: 500, delayMs: 1500 });
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Actions for fedora-tools' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Stop' }).click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not start win10-legacy/);
    assert.doesNotMatch(await alert.innerText(), /fedora-tools/);
  });

  test('a VM created through the API appears with what the server stored', async () => {
    const created = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine',
        metadata: { name: 'win2k16-archive' },
        spec: { runStrategy: 'Halted', preference: { name: 'windows.2k16' }, template: { spec: { domain: { devices: {} } } } },
      }),
    });
    assert.equal(created.status, 201);
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal(await list.cell('win2k16-archive', 'Status'), 'Stopped');
    assert.equal(await list.cell('win2k16-archive', 'Operating system'), 'Windows Server 2016');
    assert.equal(await list.cell('win2k16-archive', 'Created'), 'just now');
  });

  test('a namespace with more VMs than one page of the API lists them all, drawing only what is on screen', async () => {
    const names = Array.from({ length: 260 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
    for (const name of names) {
      const response = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name }, spec: { runStrategy: 'Halted', template: {} } }),
      });
      assert.equal(response.status, 201);
    }
    const pages = [];
    suite.session.page.on('request', (r) => { if (r.url().includes('/namespaces/default/virtualmachines')) pages.push(new URL(r.url()).search); });
    const watching = suite.session.page.waitForRequest((r) => r.url().includes('/namespaces/default/virtualmachines?watch=true'));
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open('/ns/default/vms');
    await suite.session.page.waitForFunction(() => document.querySelector('table[aria-label="Virtual machines"]')?.getAttribute('aria-rowcount') === '261');
    await watching;
    assert.deepEqual(pages.slice(0, 2), ['?limit=250', '?limit=250&continue=offset-250']);
    assert.match(pages[2] ?? '', /^\?watch=true&resourceVersion=\d+&allowWatchBookmarks=true/, 'then one watch from the list');
    const drawn = await list.names();
    assert.ok(drawn.length < 100, `only the rows near the screen are drawn, not ${drawn.length}`);
    assert.deepEqual(drawn, names.slice(0, drawn.length));
    await suite.session.page.mouse.move(600, 500);
    await suite.session.page.mouse.wheel(0, 100_000);
    const last = list.table.getByRole('link', { name: 'bulk-259', exact: true });
    await last.waitFor();
    assert.equal(await last.locator('xpath=ancestor::tr').getAttribute('aria-rowindex'), '261');
    assert.ok((await list.names()).length < 100);
  });

  test('choosing a namespace shows only its VMs and puts it in the address', async () => {
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open();
    await list.chooseNamespace('finance-apps');
    await suite.session.page.waitForURL(/\/ns\/finance-apps\/vms$/);
    await list.waitForRows(3);
    assert.deepEqual(await list.names(), ['win2k19-erp', 'win2k22-sql', 'win2k22-web']);
    assert.equal(await list.hasColumn('Namespace'), false, 'one namespace needs no namespace column');
    await screenshot(suite.session.page, 'vm-list-finance-apps');

    await list.chooseNamespace('All namespaces');
    await suite.session.page.waitForURL(/\/vms$/);
    await list.waitForRows(7);
    assert.equal(await list.hasColumn('Namespace'), true);
  });

  test('a namespace without VMs says so and offers to create one', async () => {
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await suite.session.page.goto(`${suite.mock.url}/ns/default/vms`);
    const empty = suite.session.page.getByTestId('empty-state');
    await empty.waitFor();
    assert.match(await empty.innerText(), /No virtual machines/);
    assert.match(await empty.innerText(), /no virtual machines in namespace default/);
    const create = empty.getByRole('link', { name: 'Create virtual machine' });
    assert.equal(await create.getAttribute('href'), '/ns/default/vms/~new');
    assert.equal(await list.namespaceSelection(), 'default');
    await screenshot(suite.session.page, 'vm-list-empty');
  });

  test('while the list loads, placeholders are shown', async () => {
    await suite.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines', delayMs: 1500, times: 1 });
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await suite.session.page.goto(`${suite.mock.url}/ns/windows-dev/vms`);
    await suite.session.page.getByRole('status').filter({ hasText: 'Loading virtual machines' }).waitFor();
    await screenshot(suite.session.page, 'vm-list-loading');
    await list.waitForRows(4);
  });

  test('a 403 says the user may not list VMs in that namespace, and retry works once allowed', async () => {
    // Forbidden until the test allows it: the list's own retries keep failing meanwhile.
    await suite.fault({ method: 'GET', path: '/namespaces/finance-apps/virtualmachines', status: 403, times: 1000 });
    await suite.session.page.goto(`${suite.mock.url}/ns/finance-apps/vms`);
    const alert = suite.session.page.getByTestId('error-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Could not load virtual machines/);
    assert.match(text, /You may not list virtual machines in namespace finance-apps/);
    await screenshot(suite.session.page, 'vm-list-forbidden');

    await suite.mock.clearFaults();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await new VmListPage(suite.session.page, suite.mock.url).waitForRows(3);
  });

  test('an expired session (401 with an empty body) asks the user to log in again', async () => {
    await suite.fault({ method: 'GET', path: '/virtualmachines', status: 401, body: '', times: 1 });
    await suite.session.page.goto(`${suite.mock.url}/vms`);
    const alert = suite.session.page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Your session has expired\. Log in again to continue\./);
  });

  test('a server that fails once is retried without troubling the user', async () => {
    await suite.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines', status: 503, times: 1 });
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal((await list.names()).length, 4);
  });

  test('a server that keeps failing shows its error in plain words', async () => {
    await suite.fault({ method: 'GET', path: '/virtualmachines', status: 500, body: 'etcdserver: request timed out', times: 3 });
    await suite.session.page.goto(`${suite.mock.url}/vms`);
    const alert = suite.session.page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /The API server failed while handling the request\. Etcdserver: request timed out\./);
  });

  test('a throttled server is asked again only after its Retry-After, and the list then loads', async () => {
    const { page } = suite.session;
    const asked = [];
    // When each request left the browser, by the browser's own clock: the time its events reach
    // the test depends on how busy the machine is.
    page.on('requestfinished', (r) => { if (new URL(r.url()).pathname.endsWith('/namespaces/windows-dev/virtualmachines') && r.method() === 'GET' && !r.url().includes('watch=')) asked.push(r.timing().startTime); });
    await suite.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines?limit', status: 429, times: 3 });
    const list = new VmListPage(page, suite.mock.url);
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms`);
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /busy and asked to wait 1 seconds/);
    await list.waitForRows(4);
    await eventually(() => asked.length === 4, { message: 'three refused, the fourth answered' });
    asked.sort((a, b) => a - b);
    const gaps = asked.slice(1).map((t, i) => t - asked[i]);
    assert.ok(gaps.every((gap) => gap >= 900), `waited as asked: ${gaps.join(', ')} ms`);
  });

  test('leaving a namespace before its list arrives cancels that request', async () => {
    const { page } = suite.session;
    await suite.fault({ method: 'GET', path: '/namespaces/finance-apps/virtualmachines', delayMs: 4000, times: 1 });
    const aborted = [];
    page.on('requestfailed', (request) => {
      if (request.url().includes('/namespaces/finance-apps/virtualmachines')) aborted.push(request.failure()?.errorText);
    });
    const cancelled = page.waitForEvent('requestfailed', (r) => r.url().includes('/namespaces/finance-apps/virtualmachines'));
    const list = new VmListPage(page, suite.mock.url);
    await page.goto(`${suite.mock.url}/ns/finance-apps/vms`);
    await page.getByRole('status').filter({ hasText: 'Loading virtual machines' }).waitFor();
    await list.chooseNamespace('windows-dev');
    await list.waitForRows(4);
    await cancelled;
    assert.deepEqual(aborted, ['net::ERR_ABORTED']);
    // The list keeps following windows-dev alone: a VM made there later shows up, with no
    // finance-apps VM next to it.
    const created = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'win11-later' }, spec: { runStrategy: 'Halted', template: {} } }),
    });
    assert.equal(created.status, 201);
    await list.waitForRows(5);
    assert.deepEqual(await list.names(), ['fedora-tools', 'win10-legacy', 'win11-dev-01', 'win11-later', 'win2k25-build']);
  });

  test('leaving the page before its list arrives cancels that request', async () => {
    await suite.fault({ method: 'GET', path: '/namespaces/windows-dev/virtualmachines', delayMs: 4000, times: 1 });
    const aborted = [];
    suite.session.page.on('requestfailed', (request) => {
      if (request.url().includes('/namespaces/windows-dev/virtualmachines')) aborted.push(request.failure()?.errorText);
    });
    const cancelled = suite.session.page.waitForEvent('requestfailed', (r) => r.url().includes('/namespaces/windows-dev/virtualmachines'));
    await suite.session.page.goto(`${suite.mock.url}/ns/windows-dev/vms`);
    await suite.session.page.getByRole('status').filter({ hasText: 'Loading virtual machines' }).waitFor();
    await suite.session.page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'Create' }).click();
    await suite.session.page.getByRole('heading', { name: 'Create virtual machine' }).waitFor();
    // The browser reports the request ended, long before the 4 s the mock holds its answer back.
    await cancelled;
    assert.deepEqual(aborted, ['net::ERR_ABORTED']);
  });

  test('a user who may not list namespaces still sees the current one', async () => {
    await suite.fault({ method: 'GET', path: '/api/v1/namespaces?', status: 403 });
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal(await list.namespaceSelection(), 'windows-dev');
    await suite.session.page.getByText('You may not list namespaces').waitFor();
  });

  test('the name links to the VM page, which reads the VM from the API', async () => {
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open();
    await suite.session.page.getByRole('link', { name: 'win2k22-sql' }).click();
    await suite.session.page.waitForURL(/\/ns\/finance-apps\/vms\/win2k22-sql$/);
    await suite.session.page.getByRole('heading', { name: 'win2k22-sql', level: 1 }).waitFor();
    const overview = await suite.session.page.getByTestId('vm-overview').innerText();
    assert.match(overview, /Operating system\s+Windows Server 2022/);
    assert.match(overview, /Run strategy\s+Always/);
    await screenshot(suite.session.page, 'vm-details');
  });
});
