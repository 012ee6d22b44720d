// Adding, removing and changing a VM's devices from its page: the Add disk / NIC / CD-ROM
// dialogs (with the Windows driver banners), the row actions, what the API then holds, the
// pending restart, and a change refused because the VM changed meanwhile.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();

const vmPath = (namespace, name) => `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines/${name}`;

async function open(namespace, name) {
  const { page } = suite.session;
  await page.goto(`${suite.mock.url}/ns/${namespace}/vms/${name}`);
  await page.getByTestId('vm-overview').waitFor();
  return page;
}

async function readVm(namespace, name) {
  return (await suite.mock.api(vmPath(namespace, name))).json();
}

describe('VM devices', () => {
  test('a disk added to a running Windows VM starts on SATA, says why, and waits for the restart', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Add disk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add disk' });
    const banner = dialog.getByTestId('disk-driver-banner');
    assert.match(await banner.innerText(), /Windows setup cannot see a VirtIO or VirtIO-SCSI disk/);
    assert.equal(await dialog.getByLabel('Interface').inputValue(), 'sata');
    assert.equal(await dialog.getByLabel('Name').inputValue(), 'disk-1');
    assert.match(await dialog.getByTestId('device-dialog-note').innerText(), /applies at its next restart/);
    await dialog.getByLabel('Name').fill('rootdisk');
    await dialog.getByRole('button', { name: 'Add' }).click();
    assert.equal(await dialog.getByTestId('disk-problem').innerText(), 'Another disk is already named rootdisk.');
    await dialog.getByLabel('Name').fill('data');
    await dialog.getByLabel('Size (GiB)').fill('20');
    await screenshot(page, 'vm-devices-add-disk');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('table', { name: 'Disks' }).locator('tr[data-device="data"]');
    assert.equal(await row.locator('td[data-label="Interface"]').innerText(), 'SATA');
    await page.getByTestId('restart-required').waitFor();
    const vm = await readVm('windows-dev', 'win11-dev-01');
    const spec = vm.spec.template.spec;
    assert.deepEqual(spec.domain.devices.disks.at(-1), { name: 'data', disk: { bus: 'sata' } });
    assert.deepEqual(spec.volumes.at(-1), { name: 'data', dataVolume: { name: 'win11-dev-01-data' } });
    const template = vm.spec.dataVolumeTemplates.at(-1);
    assert.equal(template.metadata.name, 'win11-dev-01-data');
    assert.deepEqual(template.spec.source, { blank: {} });
    assert.equal(template.spec.storage.resources.requests.storage, '20Gi');
    assert.equal(vm.status.conditions.find((c) => c.type === 'RestartRequired')?.status, 'True');
    // As KubeVirt does for a new template, the DataVolume is made at once and CDI fills it.
    const dv = await eventually(async () => {
      const answer = await suite.mock.api('/apis/cdi.kubevirt.io/v1beta1/namespaces/windows-dev/datavolumes/win11-dev-01-data');
      const body = answer.ok ? await answer.json() : null;
      return body?.status?.phase === 'Succeeded' && body;
    });
    assert.equal(dv.metadata.ownerReferences[0].name, 'win11-dev-01');
    assert.deepEqual(dv.spec.source, { blank: {} });
  });

  test('a network interface and a CD-ROM are added with their banners', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    await page.getByRole('tab', { name: 'Network interfaces' }).click();
    await page.getByRole('button', { name: 'Add network interface' }).click();
    const nicDialog = page.getByRole('dialog', { name: 'Add network interface' });
    assert.match(await nicDialog.getByTestId('nic-driver-banner').innerText(), /no VirtIO network driver until the guest tools are installed/);
    assert.equal(await nicDialog.getByLabel('Model').inputValue(), 'e1000e');
    await eventually(async () => (await nicDialog.getByLabel('Network').locator('option[value="lab-bridge"]').count()) === 1);
    await nicDialog.getByLabel('Network').selectOption('lab-bridge');
    await nicDialog.getByRole('button', { name: 'Add' }).click();
    await nicDialog.waitFor({ state: 'detached' });
    const nicRow = page.getByRole('table', { name: 'Network interfaces' }).locator('tr[data-device="nic-2"]');
    assert.equal(await nicRow.locator('td[data-label="Network"]').innerText(), 'lab-bridge');

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Add CD-ROM' }).click();
    const cdDialog = page.getByRole('dialog', { name: 'Add CD-ROM' });
    assert.match(await cdDialog.getByTestId('cdrom-driver-banner').innerText(), /Windows reads SATA CD-ROMs without extra drivers/);
    assert.equal(await cdDialog.getByLabel('Name').inputValue(), 'cdrom-1', 'the guest tools CD-ROM keeps its name');
    await cdDialog.getByLabel('Source').selectOption('url');
    await cdDialog.getByLabel('ISO URL').fill('https://example.com/sql-server.iso');
    await screenshot(page, 'vm-devices-add-cdrom');
    await cdDialog.getByRole('button', { name: 'Add' }).click();
    await cdDialog.waitFor({ state: 'detached' });
    await page.getByTestId('cdroms').getByText('cdrom-1', { exact: true }).waitFor();

    const vm = await readVm('windows-dev', 'win11-dev-01');
    const spec = vm.spec.template.spec;
    assert.deepEqual(spec.domain.devices.interfaces.at(-1), { name: 'nic-2', bridge: {}, model: 'e1000e' });
    assert.deepEqual(spec.networks.at(-1), { name: 'nic-2', multus: { networkName: 'lab-bridge' } });
    assert.deepEqual(spec.domain.devices.disks.at(-1), { name: 'cdrom-1', cdrom: { bus: 'sata', readonly: true } });
    assert.deepEqual(vm.spec.dataVolumeTemplates.at(-1).spec.source, { http: { url: 'https://example.com/sql-server.iso' } });
    await page.getByTestId('restart-required').waitFor();
  });

  test('removing a device takes its volume or network with it', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    const before = await readVm('windows-dev', 'win11-dev-01');
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Remove windows-drivers-disk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove windows-drivers-disk?' });
    assert.match(await dialog.innerText(), /applies at its next restart/);
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Disks' }).locator('tr[data-device="windows-drivers-disk"]').waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Network interfaces' }).click();
    await page.getByRole('button', { name: 'Remove default' }).click();
    const nicDialog = page.getByRole('dialog', { name: 'Remove default?' });
    await nicDialog.getByRole('button', { name: 'Remove' }).click();
    await nicDialog.waitFor({ state: 'detached' });

    const vm = await readVm('windows-dev', 'win11-dev-01');
    const spec = vm.spec.template.spec;
    const names = (items) => items.map((i) => i.name);
    assert.deepEqual(names(spec.domain.devices.disks), names(before.spec.template.spec.domain.devices.disks).filter((n) => n !== 'windows-drivers-disk'));
    assert.deepEqual(names(spec.volumes), names(before.spec.template.spec.volumes).filter((n) => n !== 'windows-drivers-disk'));
    assert.deepEqual(spec.domain.devices.interfaces, []);
    assert.deepEqual(spec.networks, []);
    assert.deepEqual(vm.spec.dataVolumeTemplates, before.spec.dataVolumeTemplates, 'the root disk is untouched');
  });

  test("a disk's interface and a NIC's model are changed from their rows", async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Change interface of rootdisk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change interface' });
    assert.equal(await dialog.getByLabel('Interface').inputValue(), 'sata');
    await dialog.getByLabel('Interface').selectOption('virtio');
    // The agent is connected, so the guest tools are in: no warning, no confirmation.
    assert.match(await dialog.getByTestId('guest-tools-installed').innerText(), /Windows has the VirtIO drivers/);
    assert.equal(await dialog.getByTestId('disk-driver-banner').count(), 0);
    assert.equal(await dialog.getByLabel(/switch the boot disk anyway/).count(), 0);
    await screenshot(page, 'vm-devices-change-interface');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const rootdisk = page.getByRole('table', { name: 'Disks' }).locator('tr[data-device="rootdisk"]');
    await eventually(async () => (await rootdisk.locator('td[data-label="Interface"]').innerText()) === 'VirtIO');

    await page.getByRole('tab', { name: 'Network interfaces' }).click();
    await page.getByRole('button', { name: 'Change interface of default' }).click();
    const nicDialog = page.getByRole('dialog', { name: 'Change interface' });
    await nicDialog.getByLabel('Model').selectOption('virtio');
    await nicDialog.getByRole('button', { name: 'Save' }).click();
    await nicDialog.waitFor({ state: 'detached' });

    const vm = await readVm('finance-apps', 'win2k22-sql');
    const devices = vm.spec.template.spec.domain.devices;
    assert.equal(devices.disks.find((d) => d.name === 'rootdisk').disk.bus, 'virtio');
    assert.equal(devices.interfaces.find((i) => i.name === 'default').model, 'virtio');
    const previous = JSON.parse(vm.metadata.annotations['vm.windows-vms.io/previous-interfaces']);
    assert.deepEqual(previous.nics, { default: 'e1000e' }, 'recorded as Switch interface records it');
    await page.getByTestId('restart-required').waitFor();
  });

  test("without the guest agent, moving the boot disk off SATA from its row needs a confirmation", async () => {
    const page = await open('finance-apps', 'win2k22-web');
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Change interface of rootdisk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change interface' });
    await dialog.getByLabel('Interface').selectOption('virtio');
    assert.match(await dialog.getByTestId('disk-driver-banner').innerText(), /Windows will not see this disk until the guest tools are installed/);
    assert.equal(await dialog.getByTestId('guest-tools-installed').count(), 0);
    await dialog.getByRole('button', { name: 'Save' }).click();
    assert.match(await dialog.getByTestId('confirm-boot-disk').innerText(), /INACCESSIBLE_BOOT_DEVICE/);
    await screenshot(page, 'vm-devices-change-boot-disk');
    let vm = await readVm('finance-apps', 'win2k22-web');
    assert.equal(vm.spec.template.spec.domain.devices.disks.find((d) => d.name === 'rootdisk').disk.bus, 'sata', 'nothing saved unconfirmed');
    await dialog.getByLabel(/switch the boot disk anyway/).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    vm = await readVm('finance-apps', 'win2k22-web');
    assert.equal(vm.spec.template.spec.domain.devices.disks.find((d) => d.name === 'rootdisk').disk.bus, 'virtio');
  });

  test('an add refused because the VM changed meanwhile says so, keeps what was typed and adds once on retry', async () => {
    const page = await open('windows-dev', 'win11-dev-01');
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Add disk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add disk' });
    await dialog.getByLabel('Name').fill('logs');
    // While the user fills the form, someone else reorders the VM's volumes.
    const path = vmPath('windows-dev', 'win11-dev-01');
    const vm = await readVm('windows-dev', 'win11-dev-01');
    const volumes = [...vm.spec.template.spec.volumes].reverse();
    const patched = await suite.mock.api(path, {
      method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { template: { spec: { volumes } } } }),
    });
    assert.equal(patched.status, 200);
    suite.expectHttpError(/^422 PATCH .*\/virtualmachines\/win11-dev-01/);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('was changed by someone else meanwhile, so nothing was changed').waitFor();
    assert.equal(await dialog.getByLabel('Name').inputValue(), 'logs', 'what was typed stays');
    const refused = await readVm('windows-dev', 'win11-dev-01');
    assert.equal(refused.spec.template.spec.domain.devices.disks.some((d) => d.name === 'logs'), false);

    // The dialog read the VM again, so trying again adds the disk to the VM as it is now.
    await eventually(async () => {
      if (await dialog.count() > 0) await dialog.getByRole('button', { name: 'Add' }).click();
      await dialog.waitFor({ state: 'detached', timeout: 1000 });
      return true;
    });
    const after = await readVm('windows-dev', 'win11-dev-01');
    const spec = after.spec.template.spec;
    assert.equal(spec.domain.devices.disks.filter((d) => d.name === 'logs').length, 1);
    assert.equal(spec.volumes.filter((v) => v.name === 'logs').length, 1);
    assert.deepEqual(spec.volumes.slice(0, volumes.length), volumes, 'the other change is kept');
  });

  test('a row change refused because the device changed meanwhile says so and changes nothing', async () => {
    const page = await open('finance-apps', 'win2k22-sql');
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Change interface of rootdisk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change interface' });
    await dialog.getByLabel('Interface').selectOption('virtio');
    // Meanwhile someone else moves the disk to VirtIO-SCSI.
    const path = vmPath('finance-apps', 'win2k22-sql');
    const vm = await readVm('finance-apps', 'win2k22-sql');
    const disks = vm.spec.template.spec.domain.devices.disks.map((d) => (d.name === 'rootdisk' ? { ...d, disk: { bus: 'scsi' } } : d));
    const patched = await suite.mock.api(path, {
      method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { template: { spec: { domain: { devices: { disks } } } } } }),
    });
    assert.equal(patched.status, 200);
    suite.expectHttpError(/^422 PATCH .*\/virtualmachines\/win2k22-sql/);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('was changed by someone else meanwhile, so nothing was changed').waitFor();
    assert.equal(await dialog.getByLabel('Interface').inputValue(), 'virtio', 'the choice stays');
    const after = await readVm('finance-apps', 'win2k22-sql');
    assert.equal(after.spec.template.spec.domain.devices.disks.find((d) => d.name === 'rootdisk').disk.bus, 'scsi');
    assert.equal(after.metadata.annotations?.['vm.windows-vms.io/previous-interfaces'], undefined);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('a Linux VM gets devices without the Windows banners', async () => {
    const page = await open('windows-dev', 'fedora-tools');
    await page.getByRole('button', { name: 'Add CD-ROM' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add CD-ROM' });
    assert.equal(await dialog.getByTestId('cdrom-driver-banner').count(), 0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Disks' }).click();
    await page.getByRole('button', { name: 'Add disk' }).click();
    const disk = page.getByRole('dialog', { name: 'Add disk' });
    assert.equal(await disk.getByTestId('disk-driver-banner').count(), 0);
    assert.equal(await disk.getByLabel('Interface').inputValue(), 'virtio');
  });
});
