// Creating a VM from the form: Windows defaults, validation in place, the server's dry run,
// and what the mock stored.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();

async function openForm(namespace = 'windows-dev') {
  const { page } = suite.session;
  await page.goto(`${suite.mock.url}/ns/${namespace}/vms/~new`);
  await page.getByRole('heading', { name: 'Create virtual machine' }).waitFor();
  return page;
}

describe('create VM', () => {
  test('choosing Windows says the guest tools will be mounted as a CD-ROM', async () => {
    const page = await openForm();
    assert.equal(await page.getByLabel('Operating system').inputValue(), 'windows.11');
    const notice = page.getByTestId('windows-guest-tools-notice');
    assert.match(await notice.innerText(), /Windows guest tools will be mounted as a CD-ROM/);
    assert.match(await notice.innerText(), /SATA/);
    await page.getByText('Review the YAML that will be sent').click();
    const manifest = await page.getByTestId('manifest').innerText();
    assert.match(manifest, /^apiVersion: kubevirt\.io\/v1\nkind: VirtualMachine\n/);
    assert.match(manifest, /- name: windows-drivers-disk\n\s+cdrom:\n\s+bus: sata/);
    await screenshot(page, 'create-vm-windows');

    await page.getByLabel('Operating system').selectOption({ label: 'Fedora' });
    await notice.waitFor({ state: 'detached' });
    await page.getByLabel('Operating system').selectOption({ label: 'Windows Server 2022' });
    await notice.waitFor();
  });

  test('a bad name and a too-small Windows 11 are explained in place, and typing is kept', async () => {
    const page = await openForm();
    await page.getByRole('textbox', { name: 'Name' }).fill('My_VM');
    await page.getByLabel('Memory (GiB)').fill('2');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    assert.match(await page.getByTestId('vm-name-error').innerText(), /lowercase/);
    assert.equal(await page.getByTestId('vm-memory-error').innerText(), 'Windows 11 needs at least 4 GiB of memory.');
    assert.equal(await page.getByTestId('vm-boot-source-error').innerText(), 'Enter the URL of the install ISO.');
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), 'My_VM');
    await screenshot(page, 'create-vm-errors');
    const created = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines');
    assert.equal((await created.json()).items.length, 4, 'nothing was created');
  });

  test('a Windows VM is validated by a dry run, created once, and opens its page', async () => {
    const { page } = suite.session;
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(new URL(r.url()).search); });
    await openForm();
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-new');
    await page.getByLabel('ISO URL').fill('https://example.com/Win11_24H2.iso');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/ns\/windows-dev\/vms\/win11-new$/);
    await page.getByRole('heading', { name: 'win11-new', level: 1 }).waitFor();
    assert.deepEqual(posts, ['?dryRun=All', '']);

    const vm = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-new')).json();
    const devices = vm.spec.template.spec.domain.devices;
    assert.equal(devices.disks[0].disk.bus, 'sata');
    assert.equal(devices.interfaces[0].model, 'e1000e');
    assert.deepEqual(devices.disks.map((d) => d.name), ['rootdisk', 'installcdrom', 'windows-drivers-disk']);
    assert.equal(devices.tpm.persistent, true);
    assert.equal(vm.spec.dataVolumeTemplates[1].spec.source.http.url, 'https://example.com/Win11_24H2.iso');
    assert.match(await page.getByTestId('vm-overview').innerText(), /Operating system\s+Windows 11/);
  });

  test('changes carry the console\'s CSRF token; reads do not', async () => {
    const { page, context } = suite.session;
    await context.addCookies([{ name: 'csrf-token', value: 'token-from-console', url: suite.mock.url }]);
    const tokens = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/kubernetes/')) tokens.push(`${r.method()} ${r.headers()['x-csrftoken'] ?? '-'}`);
    });
    await openForm();
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-csrf');
    await page.getByLabel('ISO URL').fill('https://example.com/w.iso');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/vms\/win11-csrf$/);
    assert.deepEqual(tokens.filter((t) => t.startsWith('POST')), ['POST token-from-console', 'POST token-from-console']);
    assert.ok(tokens.filter((t) => t.startsWith('GET')).every((t) => t === 'GET -'), tokens.join(', '));
  });

  test('a name already taken is refused by the server and the form keeps everything', async () => {
    const page = await openForm('finance-apps');
    await page.getByLabel('Operating system').selectOption({ label: 'Windows Server 2022' });
    await page.getByRole('textbox', { name: 'Name' }).fill('win2k22-sql');
    await page.getByLabel('ISO URL').fill('https://example.com/server.iso');
    suite.expectHttpError(/^409 POST .*\/namespaces\/finance-apps\/virtualmachines\?dryRun=All$/);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /A virtual machine named win2k22-sql already exists in namespace finance-apps/);
    assert.equal(await page.getByLabel('ISO URL').inputValue(), 'https://example.com/server.iso');
    assert.equal(await page.getByLabel('Operating system').inputValue(), 'windows.2k22');
  });

  test('a server that refuses the dry run shows why and creates nothing', async () => {
    const page = await openForm();
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-denied');
    await page.getByLabel('ISO URL').fill('https://example.com/w.iso');
    await suite.fault({ method: 'POST', path: '/namespaces/windows-dev/virtualmachines?dryRun=All', status: 403 });
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByText('You may not create virtual machines in namespace windows-dev.').waitFor();
    const stored = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-denied');
    assert.equal(stored.status, 404);
  });
});
