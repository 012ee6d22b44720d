// The wizard's defaults, as a new user meets them in the demo: a Windows 11 VM from the
// cluster's ready image in three clicks from All namespaces, defaults that follow the OS until
// the user chooses, and a namespace where the user may create VMs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appReady, screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite({ mockArgs: ['--speed', '20'] });

/** The wizard's choices as the form shows them. */
async function choices(page) {
  return page.evaluate(() => {
    const value = (id) => document.getElementById(id)?.value ?? null;
    const volume = document.getElementById('vm-boot-volume');
    return {
      namespace: value('vm-namespace'),
      os: value('vm-os'),
      boot: value('vm-boot-kind'),
      volume: volume?.value ?? null,
      volumeLabel: volume?.selectedOptions[0]?.textContent ?? null,
      size: value('vm-size'),
    };
  });
}

/** Waits until the form shows `expected` (a subset of `choices`), and returns all of them. */
async function shows(page, expected) {
  let last;
  await eventually(async () => {
    last = await choices(page);
    return Object.entries(expected).every(([key, value]) => last[key] === value);
  }, { message: `the wizard shows ${JSON.stringify(expected)}` }).catch((err) => {
    throw new Error(`${err.message}; it shows ${JSON.stringify(last)}`);
  });
  return last;
}

describe('create wizard defaults', () => {
  test('from All namespaces, a running Windows 11 VM in three clicks: Create, Skip to review, Create', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/vms`);
    await appReady(page);
    await page.getByRole('link', { name: 'win11-dev-01' }).waitFor();
    let clicks = 0;
    const click = async (target) => { clicks += 1; await target.click(); };

    await click(page.getByRole('link', { name: 'Create virtual machine' }));
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-quick');
    const shown = await shows(page, {
      namespace: 'default', os: 'windows.11', boot: 'data-source', volume: 'kubevirt-os-images/windows-11', size: 'u1.large',
    });
    assert.equal(shown.volumeLabel, 'kubevirt-os-images/windows-11 (64 GiB, ready)', 'the image is shown with its size and readiness');
    await screenshot(page, 'create-vm-defaults');

    await click(page.getByRole('button', { name: 'Skip to review' }));
    await page.getByRole('heading', { name: 'Review and create', level: 2 }).waitFor();
    assert.match(await page.getByTestId('review-summary').innerText(),
      /Boot source\s+DataSource kubevirt-os-images\/windows-11 \(64 GiB, ready\)/);
    const steps = page.getByRole('navigation', { name: 'Steps' });
    for (const step of ['General', 'Networking', 'Storage', 'Advanced']) {
      await steps.getByRole('button', { name: `${step} (complete)` }).waitFor();
    }
    await screenshot(page, 'create-vm-quick-review');
    await click(page.getByRole('button', { name: 'Create virtual machine' }));
    await page.waitForURL(/\/ns\/default\/vms\/win11-quick\?created=1$/);
    assert.equal(clicks, 3);

    const path = '/apis/kubevirt.io/v1/namespaces/default/virtualmachines/win11-quick';
    const vm = await (await suite.mock.api(path)).json();
    const template = vm.spec.dataVolumeTemplates[0].spec;
    assert.deepEqual(template.sourceRef, { kind: 'DataSource', namespace: 'kubevirt-os-images', name: 'windows-11' });
    assert.equal(template.storage.resources.requests.storage, '64Gi', 'the root disk holds the image');
    assert.equal(vm.spec.instancetype.name, 'u1.large');
    assert.equal(vm.spec.preference.name, 'windows.11');
    assert.ok(vm.spec.template.spec.domain.devices.disks.some((d) => d.name === 'windows-drivers-disk'), 'the guest tools CD-ROM');
    await eventually(async () => (await (await suite.mock.api(path)).json()).status?.printableStatus === 'Running',
      { timeout: 30_000, message: 'the VM runs' });
  });

  test('the boot image and size follow the OS until the user chooses them', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/~new`);
    await shows(page, { boot: 'data-source', volume: 'kubevirt-os-images/windows-11', size: 'u1.large' });
    await page.getByLabel('Operating system').selectOption({ label: 'Fedora' });
    await shows(page, { volume: 'kubevirt-os-images/fedora', size: 'u1.medium' });
    await page.getByLabel('Operating system').selectOption({ label: 'Windows Server 2022' });
    await shows(page, { volume: 'kubevirt-os-images/windows-2k22', size: 'u1.large' });

    // Chosen by the user: an ISO and a bigger size stay whatever the OS.
    await page.getByLabel('Size').selectOption('u1.xlarge');
    await page.getByLabel('Boot source').selectOption('iso-url');
    await page.getByLabel('ISO URL').fill('https://example.com/server.iso');
    await page.getByLabel('Operating system').selectOption({ label: 'Windows Server 2025' });
    await shows(page, { os: 'windows.2k25', boot: 'iso-url', size: 'u1.xlarge' });
    assert.equal(await page.getByLabel('ISO URL').inputValue(), 'https://example.com/server.iso');
  });

  test('the remembered namespace is used only where the user may create VMs', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/vms`);
    await appReady(page);
    // Working in finance-apps is remembered.
    await page.getByRole('combobox', { name: 'Namespace' }).selectOption('finance-apps');
    await page.waitForURL(/\/ns\/finance-apps\/vms$/);
    await page.goto(`${suite.mock.url}/vms/~new`);
    await shows(page, { namespace: 'finance-apps' });

    // Without rights there (nor in `default`, the first of the rest), the next namespace where
    // the user has them.
    for (const namespace of ['finance-apps', 'default']) {
      await suite.mock.deny({ verb: 'create', resource: 'virtualmachines', namespace });
    }
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${suite.mock.url}/vms/~new`);
    await shows(page, { namespace: 'windows-dev' });
  });
});
