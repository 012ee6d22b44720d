// The driver warning in the VM list: which Windows VMs get it, what its popover says, and that
// it works from the keyboard.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';
import { VmListPage } from './support/vm-list-page.mjs';

// Guest tools install quickly here, so a test can watch a VM go from hint to warning.
const suite = useSuite({ mockArgs: ['--guest-tools-install-ms', '2500'] });

describe('driver hints in the VM list', () => {
  test('only running Windows VMs on SATA/e1000e get a hint, a warning once the agent is in', async () => {
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open();
    const hints = await suite.session.page.locator('.wvm-popover-trigger').evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(hints, [
      'win11-dev-01: switch to VirtIO for better performance',
      'win2k22-sql: switch to VirtIO for better performance',
      'win2k22-web: the guest tools are not installed yet',
    ]);
    assert.equal(await list.cell('win2k22-sql', 'IP address'), '10.128.2.25');
    assert.equal(await list.cell('win10-legacy', 'IP address'), '—');
  });

  test('the popover explains why, offers Switch interface, and is usable by keyboard', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    const trigger = page.getByRole('button', { name: 'win2k22-sql: switch to VirtIO for better performance' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const popover = page.getByRole('dialog', { name: 'Switch to VirtIO for better performance' });
    await popover.waitFor();
    assert.equal(await trigger.getAttribute('aria-expanded'), 'true');
    const text = await popover.innerText();
    assert.match(text, /guest tools are installed/);
    assert.match(text, /rootdisk still uses SATA/);
    assert.match(text, /network card default an emulated Intel model/);
    assert.match(text, /takes effect when the VM restarts/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Close');
    assert.equal(await popover.getByRole('button', { name: 'Switch interface' }).isVisible(), true);
    await screenshot(page, 'vm-list-driver-warning');
    const axe = await new AxeBuilder({ page }).include('.wvm-popover').analyze();
    assert.deepEqual(axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);

    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), await trigger.getAttribute('aria-label'));

    await trigger.click();
    await popover.getByRole('button', { name: 'Switch interface' }).click();
    await popover.waitFor({ state: 'detached' });
    const dialog = page.getByRole('dialog', { name: 'Switch interface' });
    assert.match(await dialog.innerText(), /win2k22-sql in namespace finance-apps/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('an open popover stays open while other VMs change', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    await page.getByRole('button', { name: 'win2k22-sql: switch to VirtIO for better performance' }).click();
    const popover = page.getByRole('dialog', { name: 'Switch to VirtIO for better performance' });
    await popover.waitFor();
    await suite.mock.api('/apis/subresources.kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-web/stop', { method: 'PUT' });
    await list.waitForStatus('finance-apps', 'win2k22-web', 'Stopped', 10_000);
    assert.equal(await popover.isVisible(), true);
  });

  test('a VM without the guest agent is told to install the guest tools', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    await page.getByRole('button', { name: 'win2k22-web: the guest tools are not installed yet' }).click();
    const popover = page.getByRole('dialog', { name: 'Guest tools not installed yet' });
    const text = await popover.innerText();
    assert.match(text, /Its disk rootdisk still uses SATA and its network card default an emulated Intel model\./);
    assert.match(text, /run the installer on the CD-ROM windows-drivers-disk/);
  });

  test('the hint names the devices the VM really has, and says when the guest tools CD-ROM is gone', async () => {
    const { page } = suite.session;
    const spec = '/spec/template/spec';
    // A VirtIO disk, still an e1000e NIC, and the guest tools CD-ROM ejected.
    const changed = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-web', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([
        { op: 'replace', path: `${spec}/domain/devices/disks/0/disk/bus`, value: 'virtio' },
        { op: 'test', path: `${spec}/domain/devices/disks/1/name`, value: 'windows-drivers-disk' },
        { op: 'remove', path: `${spec}/domain/devices/disks/1` },
        { op: 'test', path: `${spec}/volumes/1/name`, value: 'windows-drivers-disk' },
        { op: 'remove', path: `${spec}/volumes/1` },
      ]),
    });
    assert.equal(changed.status, 200);
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    await page.getByRole('button', { name: 'win2k22-web: the guest tools are not installed yet' }).click();
    const popover = page.getByRole('dialog', { name: 'Guest tools not installed yet' });
    const text = await popover.innerText();
    assert.match(text, /Its network card default still uses an emulated Intel model\./);
    assert.doesNotMatch(text, /SATA|windows-drivers-disk/);
    assert.match(text, /guest tools CD-ROM is not attached/);
    await popover.getByRole('link', { name: 'Add the guest tools CD-ROM' }).click();
    await page.waitForURL(/\/ns\/finance-apps\/vms\/win2k22-web$/);
    await page.getByRole('heading', { name: 'win2k22-web', level: 1 }).waitFor();
  });

  test('"Don\'t suggest again" hides the hint on the VM itself, and its page brings it back', async () => {
    const { page } = suite.session;
    const path = '/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-dev-01';
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    const trigger = page.getByRole('button', { name: 'win11-dev-01: switch to VirtIO for better performance' });
    await trigger.click();
    await page.getByRole('dialog').getByRole('button', { name: "Don't suggest again" }).click();
    await trigger.waitFor({ state: 'detached' });
    const annotations = async () => (await (await suite.mock.api(path)).json()).metadata.annotations;
    assert.equal((await annotations())['vm.windows-vms.io/virtio-suggestion'], 'off');
    assert.equal((await annotations()).description, 'Developer desktop for the .NET team', 'the other annotations stay');

    // Stored on the VM: a fresh browser agrees, and the VM page turns it back on.
    assert.deepEqual(suite.session.errors, []);
    await suite.session.context.close();
    await suite.reopen();
    const fresh = suite.session.page;
    await fresh.goto(`${suite.mock.url}/ns/windows-dev/vms/win11-dev-01`);
    const off = fresh.getByTestId('suggestion-off');
    await off.waitFor();
    assert.equal(await fresh.getByRole('button', { name: /win11-dev-01: switch to VirtIO/ }).count(), 0);
    await off.getByRole('button', { name: 'Suggest again' }).click();
    await fresh.getByRole('button', { name: 'win11-dev-01: switch to VirtIO for better performance' }).waitFor();
    await off.waitFor({ state: 'detached' });
    assert.equal((await annotations())['vm.windows-vms.io/virtio-suggestion'], undefined);
  });

  test('when instances cannot be read, the list still shows, without hints', async () => {
    await suite.fault({ method: 'GET', path: '/virtualmachineinstances', status: 403 });
    const list = new VmListPage(suite.session.page, suite.mock.url);
    await list.open();
    await list.waitForRows(7);
    assert.equal(await suite.session.page.locator('.wvm-popover-trigger').count(), 0);
  });

  test('a Windows VM started with the guest tools CD gets the warning only once the tools are installed', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/windows-dev/vms');
    assert.equal(await page.locator('tr[data-vm="windows-dev/win10-legacy"] .wvm-popover-trigger').count(), 0, 'a stopped VM has no hint');
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'win10-legacy: the guest tools are not installed yet' }).waitFor({ timeout: 10_000 });
    assert.equal(await list.cell('win10-legacy', 'Status').then((s) => s.includes('Running')), true);
    await page.getByRole('button', { name: 'win10-legacy: switch to VirtIO for better performance' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByRole('button', { name: 'win10-legacy: the guest tools are not installed yet' }).count(), 0);
  });

  test('a VM switched to VirtIO shows its pending restart instead, and nothing once restarted', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    const devices = '/spec/template/spec/domain/devices';
    const switched = await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-sql', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([
        { op: 'replace', path: `${devices}/disks/0/disk/bus`, value: 'virtio' },
        { op: 'replace', path: `${devices}/interfaces/0/model`, value: 'virtio' },
      ]),
    });
    assert.equal(switched.status, 200);
    const pending = page.getByRole('button', { name: 'win2k22-sql: restart pending to switch to VirtIO' });
    await pending.waitFor();
    assert.equal(await page.getByRole('button', { name: 'win2k22-sql: switch to VirtIO for better performance' }).count(), 0);
    await pending.click();
    assert.match(await page.getByRole('dialog', { name: 'Restart pending' }).innerText(), /takes effect the next time the VM restarts/);
    await page.keyboard.press('Escape');
    await suite.mock.api('/apis/subresources.kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-sql/restart', { method: 'PUT' });
    await pending.waitFor({ state: 'detached', timeout: 10_000 });
    await list.waitForStatus('finance-apps', 'win2k22-sql', 'Running', 10_000);
    assert.equal(await page.locator('tr[data-vm="finance-apps/win2k22-sql"] .wvm-popover-trigger').count(), 0);
  });
});
