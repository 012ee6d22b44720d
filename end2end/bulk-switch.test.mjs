// Switching many Windows VMs at once from the list: every shown row checked, one dialog that
// says per VM what changes or why it is skipped, each VM patched on its own with its result,
// a VM changed meanwhile left alone, and Retry for a refusal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { useSuite } from './support/suite.mjs';
import { VmListPage } from './support/vm-list-page.mjs';

const suite = useSuite({ mockArgs: ['--guest-tools-install-ms', '300'] });
const vmsPath = '/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines';
const CLONES = Array.from({ length: 13 }, (_, i) => `bulk-${String(i + 1).padStart(2, '0')}`);

/** A running Windows Server VM on SATA and e1000e, with the guest tools CD it installs from. */
function windowsVm(name) {
  return {
    apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name },
    spec: {
      runStrategy: 'Always', preference: { kind: 'VirtualMachineClusterPreference', name: 'windows.2k22' },
      template: { spec: {
        domain: { devices: {
          disks: [{ name: 'rootdisk', bootOrder: 1, disk: { bus: 'sata' } }, { name: 'windows-drivers-disk', cdrom: { bus: 'sata' } }],
          interfaces: [{ name: 'default', masquerade: {}, model: 'e1000e' }],
        }, resources: { requests: { memory: '4Gi' } } },
        networks: [{ name: 'default', pod: {} }],
        volumes: [
          { name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/windows-server:2022' } },
          { name: 'windows-drivers-disk', containerDisk: { image: 'quay.io/kubevirt/virtio-container-disk:v1.6.0' } },
        ],
      } },
    },
  };
}

const post = (path, body) => suite.mock.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const patch = (path, ops) => suite.mock.api(path, { method: 'PATCH', headers: { 'Content-Type': 'application/json-patch+json' }, body: JSON.stringify(ops) });
const rootBus = (vm) => vm.spec.template.spec.domain.devices.disks[0].disk.bus;

describe('bulk switch', () => {
  test('twenty mixed VMs: who switches, who is skipped and why, one changed meanwhile, one retried', async () => {
    for (const name of CLONES) assert.equal((await post(vmsPath, windowsVm(name))).status, 201);
    await eventually(async () => {
      const vmis = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachineinstances')).json();
      const agents = vmis.items.filter((vmi) => vmi.status?.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True'));
      return CLONES.every((name) => agents.some((vmi) => vmi.metadata.name === name));
    }, { timeout: 30_000, message: 'the clones installed their guest tools' });

    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/vms');
    await page.getByRole('checkbox', { name: 'Select all 20 shown' }).check();
    const bar = page.getByTestId('bulk-bar');
    assert.match(await bar.innerText(), /20 selected/);
    await bar.getByRole('button', { name: 'Switch interfaces…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch interfaces' });
    const summary = dialog.getByTestId('bulk-summary');
    await summary.getByText('15 will switch to VirtIO, 5 skipped.').waitFor({ timeout: 15_000 });
    const row = (key) => dialog.locator(`[data-testid="bulk-row"][data-vm="${key}"]`);
    assert.match(await row('finance-apps/bulk-01').innerText(), /rootdisk: SATA → VirtIO, default: e1000e → VirtIO/);
    assert.match(await row('windows-dev/fedora-tools').innerText(), /Skipped: not Windows/);
    assert.match(await row('finance-apps/win2k22-web').innerText(), /Skipped: its guest agent is not connected/);
    assert.match(await row('windows-dev/win10-legacy').innerText(), /Skipped: its guest agent is not connected/);
    await dialog.getByLabel('Disks on SATA move to').selectOption('scsi');
    assert.match(await row('finance-apps/bulk-01').innerText(), /rootdisk: SATA → VirtIO-SCSI/);
    await screenshot(page, 'bulk-switch-plan');

    // Meanwhile someone moves bulk-07 by hand, and the API is briefly unavailable for bulk-05.
    const moved = await patch(`${vmsPath}/bulk-07`, [{ op: 'replace', path: '/spec/template/spec/domain/devices/disks/0/disk/bus', value: 'virtio' }]);
    assert.equal(moved.status, 200);
    suite.expectHttpError(/^422 PATCH .*\/virtualmachines\/bulk-07$/);
    await suite.fault({ method: 'PATCH', path: '/virtualmachines/bulk-05', status: 503, times: 1 });
    await dialog.getByRole('button', { name: 'Save for the next restart' }).click();
    const results = dialog.getByTestId('bulk-result');
    await eventually(async () => (await results.allInnerTexts()).filter((t) => t.trim()).length === 15,
      { timeout: 15_000, message: 'every VM to switch has its result' });
    assert.match(await row('finance-apps/bulk-07').innerText(), /Not applied: the VM changed since it was read/);
    assert.match(await row('finance-apps/bulk-05').innerText(), /Not applied: .*503|Not applied: .*unavailable/i);
    assert.match(await row('finance-apps/bulk-01').innerText(), /Done/);
    assert.equal(await row('windows-dev/fedora-tools').getByTestId('bulk-result').innerText(), '', 'skipped VMs are not touched');
    await screenshot(page, 'bulk-switch-results');

    await dialog.getByRole('button', { name: 'Retry refused' }).click();
    await row('finance-apps/bulk-05').getByText('Done').waitFor();
    for (const name of CLONES) {
      const vm = await (await suite.mock.api(`${vmsPath}/${name}`)).json();
      if (name === 'bulk-07') {
        assert.equal(rootBus(vm), 'virtio', 'left as the other change made it');
        assert.equal(vm.metadata.annotations?.['vm.windows-vms.io/previous-interfaces'], undefined, 'nothing applied');
      } else {
        assert.equal(rootBus(vm), 'scsi', name);
        assert.equal(vm.spec.template.spec.domain.devices.interfaces[0].model, 'virtio', name);
      }
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('restart the checked VMs: those that run restart, and the refusal is named', async () => {
    const { page } = suite.session;
    await new VmListPage(page, suite.mock.url).open('/vms');
    await page.getByRole('checkbox', { name: 'Select win2k22-sql' }).check();
    await page.getByRole('checkbox', { name: 'Select win10-legacy' }).check();
    const bar = page.getByTestId('bulk-bar');
    assert.match(await bar.innerText(), /2 selected/);
    suite.expectHttpError(/^409 PUT .*\/win10-legacy\/restart$/);
    await bar.getByRole('button', { name: 'Restart', exact: true }).click();
    const result = page.getByTestId('bulk-action-result');
    await result.waitFor();
    assert.match(await result.innerText(), /Restart: 1 of 2 done\. Refused: windows-dev\/win10-legacy: /);
    await eventually(async () => {
      const vm = await (await suite.mock.api(`${vmsPath}/win2k22-sql`)).json();
      return vm.status.printableStatus === 'Stopping' || vm.status.printableStatus === 'Starting';
    }, { timeout: 10_000, message: 'win2k22-sql restarts' });
  });
});
