// The VM page: what it tells about a running Windows VM, its CD-ROMs (the guest tools marked),
// disks and NICs, and a pending restart.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();

async function open(namespace, name) {
  const { page } = suite.session;
  await page.goto(`${suite.mock.url}/ns/${namespace}/vms/${name}`);
  await page.getByTestId('vm-overview').waitFor();
  return page;
}

describe('VM details', () => {
  test('a running Windows VM shows what its guest agent reports and the driver warning', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    const overview = await page.getByTestId('vm-overview').innerText();
    assert.match(overview, /Operating system\s+Windows Server 2022 Datacenter/);
    assert.match(overview, /IP address\s+10\.128\.2\.25/);
    assert.match(overview, /Node\s+worker-1/);
    await page.getByRole('button', { name: 'win2k22-sql: switch to VirtIO for better performance' }).waitFor();
    const ready = page.getByRole('table', { name: 'Conditions' }).getByRole('row').filter({ hasText: 'Ready' });
    assert.equal(await ready.locator('td[data-label="Status"]').innerText(), 'True');
    await screenshot(page, 'vm-details-windows');
  });

  test('the CD-ROM(s) section lists the guest tools first and says what they are for', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    const cdroms = page.getByTestId('cdroms');
    const items = await cdroms.getByRole('listitem').allInnerTexts();
    assert.equal(items.length, 1);
    assert.match(items[0], /windows-drivers-disk/);
    assert.match(items[0], /Windows guest tools/);
    assert.match(items[0], /Container image quay\.io\/kubevirt\/virtio-container-disk/);
    assert.match(items[0], /VirtIO drivers and the guest agent/);
  });

  test('disks and network interfaces show their interface and model', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    await page.getByRole('tab', { name: 'Disks' }).click();
    const disks = page.getByRole('table', { name: 'Disks' });
    const rootdisk = disks.getByRole('row').filter({ hasText: 'rootdisk' });
    assert.equal(await rootdisk.locator('td[data-label="Interface"]').innerText(), 'SATA');
    assert.equal(await rootdisk.locator('td[data-label="Source"]').innerText(), 'DataVolume win2k22-sql-rootdisk');
    const drivers = disks.getByRole('row').filter({ hasText: 'windows-drivers-disk' });
    assert.equal(await drivers.locator('td[data-label="Type"]').innerText(), 'CD-ROM');
    await screenshot(page, 'vm-details-disks');
    await page.getByRole('tab', { name: 'Network interfaces' }).click();
    const nic = page.getByRole('table', { name: 'Network interfaces' }).getByRole('row').filter({ hasText: 'default' });
    assert.equal(await nic.locator('td[data-label="Model"]').innerText(), 'e1000e');
    assert.equal(await nic.locator('td[data-label="Network"]').innerText(), 'Pod network');
  });

  test('the page follows the VM live, and its actions work from the header', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    await page.getByRole('button', { name: 'Actions for win2k22-sql' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Restart' }).click();
    const overview = page.getByTestId('vm-overview');
    await page.waitForFunction(() => /IP address\s+10\.128\.3\.\d+/.test(document.querySelector('[data-testid="vm-overview"]')?.innerText ?? ''),
      null, { timeout: 10_000 });
    assert.match(await overview.innerText(), /Status\s+Running/);
  });

  test('a VM deleted while its page is open is shown as gone', async () => {
    const page = await open('windows-dev', 'win10-legacy');
    await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy', { method: 'DELETE' });
    await page.getByRole('heading', { name: 'Virtual machine not found' }).waitFor();
  });

  test('the YAML tab shows the object as stored, every field kept, and tabs work by keyboard', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    const overviewTab = page.getByRole('tab', { name: 'Overview' });
    assert.equal(await overviewTab.getAttribute('aria-selected'), 'true');
    await overviewTab.focus();
    // Left from the first tab wraps to the last, the Console, and on to YAML.
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getByRole('tab', { name: 'Console' }).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowLeft');
    const yamlTab = page.getByRole('tab', { name: 'YAML' });
    assert.equal(await yamlTab.getAttribute('aria-selected'), 'true');
    const yaml = await page.getByTestId('vm-yaml').innerText();
    assert.match(yaml, /^apiVersion: kubevirt\.io\/v1\nkind: VirtualMachine\nmetadata:\n  name: win2k22-sql\n/);
    assert.match(yaml, /\n  dataVolumeTemplates:\n  - metadata:\n      name: win2k22-sql-rootdisk\n/, 'fields the app does not read are kept');
    assert.match(yaml, /bus: sata/);
    assert.match(yaml, /resourceVersion: "\d+"/, 'numeric strings stay strings');
    await screenshot(page, 'vm-details-yaml');
    assert.equal(await page.getByTestId('vm-overview').isVisible(), false);
  });

  test('a Linux VM has no CD-ROM and no driver hint', async () => {
    const page = await open('windows-dev', 'fedora-tools');
    assert.match(await page.getByTestId('cdroms').innerText(), /This VM has no CD-ROM/);
    assert.equal(await page.locator('.wvm-popover-trigger').count(), 0);
  });

  test('ejecting the guest tools warns first, then the VM needs a restart and the CD-ROM is gone', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    await page.getByRole('button', { name: 'Eject windows-drivers-disk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Eject windows-drivers-disk?' });
    assert.match(await dialog.innerText(), /A running VM keeps it until it restarts/);
    assert.match(await dialog.getByTestId('eject-guest-tools-warning').innerText(), /holds the Windows guest tools/);
    await screenshot(page, 'vm-details-eject');
    await dialog.getByRole('button', { name: 'Eject' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('restart-required').waitFor();
    assert.match(await page.getByTestId('cdroms').innerText(), /This VM has no CD-ROM/);
    const vm = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-sql')).json();
    const spec = vm.spec.template.spec;
    assert.deepEqual(spec.domain.devices.disks.map((d) => d.name), ['rootdisk']);
    assert.deepEqual(spec.volumes.map((v) => v.name), ['rootdisk']);
    assert.equal(spec.domain.devices.interfaces[0].model, 'e1000e', 'nothing else changed');
    assert.equal(vm.spec.dataVolumeTemplates[0].metadata.name, 'win2k22-sql-rootdisk', 'fields the app does not read survive');
  });

  test('an eject refused because the VM changed meanwhile says so and changes nothing', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    await page.getByRole('button', { name: 'Eject windows-drivers-disk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Eject windows-drivers-disk?' });
    // While the user reads the dialog, someone else reorders the VM's volumes.
    const path = '/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-dev-01';
    const vm = await (await suite.mock.api(path)).json();
    const volumes = [...vm.spec.template.spec.volumes].reverse();
    const patched = await suite.mock.api(path, {
      method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { template: { spec: { volumes } } } }),
    });
    assert.equal(patched.status, 200);
    suite.expectHttpError(/^422 PATCH .*\/virtualmachines\/win11-dev-01/);
    await dialog.getByRole('button', { name: 'Eject' }).click();
    await dialog.getByText('was changed by someone else meanwhile, so nothing was changed').waitFor();
    const after = await (await suite.mock.api(path)).json();
    assert.equal(after.spec.template.spec.domain.devices.disks.length, vm.spec.template.spec.domain.devices.disks.length);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('the Disks and NICs tabs carry the same driver warning as the list', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    await page.getByRole('tab', { name: 'Disks' }).click();
    assert.match(await page.getByRole('tabpanel', { name: 'Disks' }).getByTestId('driver-warning').innerText(), /rootdisk still on SATA[\s\S]*2 to 6 times faster/);
    await page.getByRole('tab', { name: 'Network interfaces' }).click();
    assert.match(await page.getByRole('tabpanel', { name: 'Network interfaces' }).getByTestId('driver-warning').innerText(), /default still on an emulated e1000\/e1000e model/);
    const web = await open('finance-apps', 'win2k22-web');
    await web.getByRole('tab', { name: 'Disks' }).click();
    assert.equal(await web.getByTestId('driver-warning').count(), 0, 'no warning before the guest tools are installed');
  });

  test('remote desktop: create a NodePort Service, read its address, download the .rdp file', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    const card = page.getByTestId('remote-desktop');
    assert.match(await card.innerText(), /No Service exposes port 3389 of this VM yet/);
    assert.match(await card.getByTestId('rdp-maybe-off').innerText(), /Remote Desktop may still be off inside Windows/);
    await card.getByLabel('NodePort').check();
    await card.getByRole('button', { name: 'Create Service' }).click();
    const address = card.getByTestId('rdp-address');
    await address.waitFor();
    const service = await (await suite.mock.api('/api/v1/namespaces/finance-apps/services/win2k22-sql-rdp')).json();
    assert.equal(service.spec.type, 'NodePort');
    assert.deepEqual(service.spec.selector, { 'vm.kubevirt.io/name': 'win2k22-sql' });
    assert.equal(service.spec.ports[0].targetPort, 3389);
    assert.equal(service.metadata.ownerReferences[0].kind, 'VirtualMachine');
    assert.equal(await address.innerText(), `192.168.10.11:${service.spec.ports[0].nodePort}`);
    assert.match(await card.innerText(), /Service win2k22-sql-rdp \(NodePort\) exposes Remote Desktop from outside the cluster/);
    await screenshot(page, 'vm-details-remote-desktop');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download .rdp file' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'win2k22-sql.rdp');
    const contents = await readFile(await download.path(), 'utf8');
    assert.match(contents, new RegExp(`^full address:s:192\\.168\\.10\\.11:${service.spec.ports[0].nodePort}\r\n`));
    // Deleting the VM takes its Service with it.
    await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-sql', { method: 'DELETE' });
    assert.equal((await suite.mock.api('/api/v1/namespaces/finance-apps/services/win2k22-sql-rdp')).status, 404);
  });

  test('remote desktop: a 403 on creating the Service says who may not do what', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    await suite.fault({ method: 'POST', path: '/services', status: 403 });
    const card = page.getByTestId('remote-desktop');
    await card.getByRole('button', { name: 'Create Service' }).click();
    await card.getByText('You may not create Services in namespace windows-dev').waitFor();
    assert.equal(await card.getByLabel('ClusterIP').isChecked(), true, 'the choice is kept');
    assert.equal(await card.getByRole('button', { name: 'Create Service' }).isEnabled(), true);
  });

  test('a Linux VM has no remote desktop card', async () => {
    const page = await open('windows-dev', 'fedora-tools');
    assert.equal(await page.getByTestId('remote-desktop').count(), 0);
  });
});
