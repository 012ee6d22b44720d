// The VM page: what it tells about a running Windows VM, its CD-ROMs (the guest tools marked),
// disks and NICs, and a pending restart.
import assert from 'node:assert/strict';
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
});
