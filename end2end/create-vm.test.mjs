// The create wizard, step by step: the Windows notice, the Add NIC and Add disk banners, the
// guest tools CD-ROM in Advanced, the YAML in Review, what the mock stored, and the ways it
// can go wrong (bad input, a name clash, a refusal against its step, a reload mid-way).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();
const VMS = '/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines';

async function openWizard(namespace = 'windows-dev') {
  const { page } = suite.session;
  await page.goto(`${suite.mock.url}/ns/${namespace}/vms/~new`);
  await page.getByRole('heading', { name: 'Create virtual machine' }).waitFor();
  return page;
}

const next = (page) => page.getByTestId('wizard-next').click();

/** Boots from an install ISO at `url` instead of the cluster's image. */
async function chooseIsoUrl(page, url) {
  await page.getByLabel('Boot source').selectOption('iso-url');
  await page.getByLabel('ISO URL').fill(url);
}
const stepTitle = (page, title) => page.getByRole('heading', { name: title, level: 2 }).waitFor();

/** Fills General with a valid Windows 11 VM and moves to Networking. */
async function fillGeneral(page, name) {
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await chooseIsoUrl(page, 'https://example.com/Win11_24H2.iso');
  await next(page);
  await stepTitle(page, 'Networking');
}

async function goToReview(page) {
  await page.getByRole('button', { name: 'Review and create' }).click();
  await stepTitle(page, 'Review and create');
}

describe('create VM wizard', () => {
  test('cluster reads that fail for other reasons than absence are said, and Try again reads again', async () => {
    await suite.fault({ method: 'GET', path: '/virtualmachineclusterinstancetypes', status: 401, times: 1 });
    await suite.fault({ method: 'GET', path: '/virtualmachineclusterpreferences', status: 504 });
    const page = await openWizard();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Some of what the cluster offers could not be read/);
    assert.match(text, /cluster instancetypes: /);
    assert.match(text, /cluster preferences: /);
    assert.equal(await page.locator('#vm-size option', { hasText: 'u1.large' }).count(), 0, 'not passed off as none installed, but none to offer yet');
    await suite.mock.clearFaults();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.locator('#vm-size option', { hasText: 'u1.large' }).waitFor({ state: 'attached' });
  });

  test('a Windows 11 VM through every step: notice, banners, CD-ROM, YAML, and what was stored', async () => {
    const page = await openWizard();
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(new URL(r.url()).search); });

    // General: Windows 11 by default, with the notice saying where the CD-ROM will be.
    assert.equal(await page.getByLabel('Operating system').inputValue(), 'windows.11');
    const notice = page.getByTestId('windows-guest-tools-notice');
    assert.match(await notice.innerText(), /Windows guest tools will be mounted as a CD-ROM/);
    assert.match(await notice.innerText(), /Advanced > Virtual hardware/);
    // The cluster's instancetypes are offered; u1.large fits Windows 11.
    await page.getByLabel('Size').selectOption({ value: 'u1.large' });
    await screenshot(page, 'create-vm-general');
    await fillGeneral(page, 'win11-wizard');

    // Networking: one NIC on the pod network, e1000e; Add NIC explains the drivers.
    const nics = page.getByRole('table', { name: 'Network interfaces' });
    assert.match(await nics.innerText(), /default\s+e1000e\s+Pod network/);
    await page.getByRole('button', { name: 'Add network interface' }).click();
    const nicDialog = page.getByRole('dialog', { name: 'Add network interface' });
    const nicBanner = nicDialog.getByTestId('nic-driver-banner');
    assert.match(await nicBanner.innerText(), /no VirtIO network driver until the guest tools are installed/);
    assert.equal(await nicDialog.getByLabel('Model').inputValue(), 'e1000e');
    assert.equal(await nicDialog.getByLabel('Network').inputValue(), 'lab-bridge', 'the pod network is taken');
    await nicDialog.getByLabel('Model').selectOption('virtio');
    assert.match(await nicBanner.innerText(), /will not work until the guest tools are installed/);
    await screenshot(page, 'create-vm-add-nic');
    await nicDialog.getByLabel('Model').selectOption('e1000e');
    await nicDialog.getByRole('button', { name: 'Add' }).click();
    await nicDialog.waitFor({ state: 'detached' });
    assert.match(await nics.innerText(), /nic-2\s+e1000e\s+lab-bridge/);
    await next(page);
    await stepTitle(page, 'Storage');

    // Storage: the root disk on SATA; Add disk explains why, and warns when VirtIO is chosen.
    const disks = page.getByRole('table', { name: 'Disks' });
    assert.match(await disks.innerText(), /rootdisk/);
    assert.equal(await page.getByLabel('Interface of rootdisk').inputValue(), 'sata');
    await page.getByRole('button', { name: 'Add disk' }).click();
    const diskDialog = page.getByRole('dialog', { name: 'Add disk' });
    const diskBanner = diskDialog.getByTestId('disk-driver-banner');
    assert.match(await diskBanner.innerText(), /Windows setup cannot see a VirtIO or VirtIO-SCSI disk/);
    assert.equal(await diskDialog.getByLabel('Interface').inputValue(), 'sata');
    await diskDialog.getByLabel('Name').fill('rootdisk');
    await diskDialog.getByRole('button', { name: 'Add' }).click();
    assert.equal(await diskDialog.getByTestId('disk-problem').innerText(), 'Another disk is already named rootdisk.');
    await diskDialog.getByLabel('Name').fill('data');
    await diskDialog.getByLabel('Size (GiB)').fill('20');
    await diskDialog.getByLabel('Interface').selectOption('scsi');
    assert.match(await diskBanner.innerText(), /Windows will not see this disk until the guest tools are installed/);
    await screenshot(page, 'create-vm-add-disk');
    await diskDialog.getByRole('button', { name: 'Add' }).click();
    await diskDialog.waitFor({ state: 'detached' });
    assert.match(await disks.innerText(), /data\s+Blank\s+20 GiB\s+VirtIO-SCSI/);
    await next(page);
    await stepTitle(page, 'Advanced');

    // Advanced: the guest tools CD-ROM first, marked, with the cluster's image; Windows 11 firmware.
    const cdroms = page.getByTestId('advanced-cdroms');
    const tools = cdroms.getByTestId('guest-tools-cdrom');
    assert.match(await tools.innerText(), /CD-ROM windows-drivers-disk\s+Windows guest tools/);
    assert.match(await tools.innerText(), /virtio-win ConfigMap/);
    assert.ok((await cdroms.innerText()).indexOf('windows-drivers-disk') < (await cdroms.innerText()).indexOf('installcdrom'));
    assert.equal(await page.getByLabel('Boot mode').inputValue(), 'uefi');
    assert.ok(await page.getByLabel(/Secure Boot/).isChecked());
    assert.ok(await page.getByLabel(/Persistent TPM/).isChecked());
    await screenshot(page, 'create-vm-advanced');
    await next(page);
    await stepTitle(page, 'Review and create');

    // Review: the summary and the YAML that is sent.
    assert.match(await page.getByTestId('review-summary').innerText(), /Size\s+u1\.large/);
    const manifest = await page.getByTestId('manifest').innerText();
    assert.match(manifest, /^apiVersion: kubevirt\.io\/v1\nkind: VirtualMachine\n/);
    assert.match(manifest, /- name: windows-drivers-disk\n\s+cdrom:\n\s+bus: sata\n\s+readonly: true/);
    assert.match(manifest, /instancetype:\n\s+kind: VirtualMachineClusterInstancetype\n\s+name: u1\.large/);
    await screenshot(page, 'create-vm-review');
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/ns\/windows-dev\/vms\/win11-wizard\?created=1$/);
    const created = page.getByTestId('created-notice');
    await created.waitFor();
    assert.match(await created.innerText(), /Install Windows from the install CD-ROM/);
    assert.match(await created.innerText(), /Run the guest tools installer/);
    assert.deepEqual(posts, ['?dryRun=All', '']);

    const vm = await (await suite.mock.api(`${VMS}/win11-wizard`)).json();
    const spec = vm.spec.template.spec;
    assert.equal(vm.spec.runStrategy, 'Always');
    assert.deepEqual(vm.spec.instancetype, { kind: 'VirtualMachineClusterInstancetype', name: 'u1.large' });
    assert.equal(vm.spec.preference.name, 'windows.11');
    assert.deepEqual(spec.domain.devices.disks.map((d) => [d.name, (d.disk ?? d.cdrom).bus]),
      [['rootdisk', 'sata'], ['installcdrom', 'sata'], ['data', 'scsi'], ['windows-drivers-disk', 'sata']]);
    assert.deepEqual(spec.domain.devices.interfaces.map((i) => [i.name, i.model]), [['default', 'e1000e'], ['nic-2', 'e1000e']]);
    assert.deepEqual(spec.networks[1], { name: 'nic-2', multus: { networkName: 'lab-bridge' } });
    const toolsVolume = spec.volumes.find((v) => v.name === 'windows-drivers-disk');
    const configMap = await (await suite.mock.api('/api/v1/namespaces/openshift-cnv/configmaps/virtio-win')).json();
    assert.equal(toolsVolume.containerDisk.image, configMap.data['virtio-win-image']);
    assert.equal(spec.domain.devices.tpm.persistent, true);
    assert.equal(spec.domain.firmware.bootloader.efi.secureBoot, true);
  });

  test('booting from an installed image takes the OS and size the image suggests', async () => {
    const page = await openWizard();
    await page.getByRole('textbox', { name: 'Name' }).fill('win2k22-golden');
    await page.getByLabel('Boot source').selectOption('data-source');
    await page.getByLabel('DataSource').selectOption('kubevirt-os-images/windows-2k22');
    assert.equal(await page.getByLabel('Operating system').inputValue(), 'windows.2k22');
    assert.equal(await page.getByLabel('Size').inputValue(), 'u1.large');
    await goToReview(page);
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win2k22-golden\?created=1$/);
    const vm = await (await suite.mock.api(`${VMS}/win2k22-golden`)).json();
    assert.deepEqual(vm.spec.dataVolumeTemplates[0].spec.sourceRef, { kind: 'DataSource', namespace: 'kubevirt-os-images', name: 'windows-2k22' });
    assert.deepEqual(vm.spec.template.spec.domain.devices.disks.map((d) => d.name), ['rootdisk', 'windows-drivers-disk']);
    assert.equal(vm.spec.preference.name, 'windows.2k22');
  });

  test('bad input is explained in place, blocks Next, and keeps what was typed', async () => {
    const page = await openWizard();
    await page.getByRole('textbox', { name: 'Name' }).fill('My_VM');
    assert.match(await page.getByTestId('vm-name-error').innerText(), /lowercase/, 'checked as you type');
    await page.getByLabel('Size').selectOption('custom');
    await page.getByLabel('Boot source').selectOption('iso-url');
    await page.getByLabel('Memory (GiB)').fill('2');
    // Jumping ahead from the step list is held up: the step list marks General.
    await page.getByRole('button', { name: 'Storage', exact: true }).click();
    await page.getByRole('button', { name: /General \(has problems\)/ }).waitFor();
    await stepTitle(page, 'General');
    await next(page);
    await stepTitle(page, 'General');
    assert.equal(await page.getByTestId('vm-memory-error').innerText(), 'Windows 11 needs at least 4 GiB of memory.');
    assert.equal(await page.getByTestId('vm-boot-source-error').innerText(), 'Enter the URL of the install ISO.');
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), 'My_VM');
    await page.getByLabel('Size').selectOption({ value: 'u1.small' });
    assert.equal(await page.getByTestId('vm-size-error').innerText(), 'Windows 11 needs at least 2 vCPUs.');
    await screenshot(page, 'create-vm-errors');
    const list = await (await suite.mock.api(VMS)).json();
    assert.equal(list.items.length, 4, 'nothing was created');
  });

  test('every step and both modals are labelled, and the steps work from the keyboard', async () => {
    const page = await openWizard();
    const serious = async () => (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    // From the keyboard alone: type the name, move to the ISO URL, press Next.
    await page.getByLabel('Boot source').selectOption('iso-url');
    await page.getByRole('textbox', { name: 'Name' }).focus();
    await page.keyboard.type('win11-keys');
    await page.getByLabel('ISO URL').focus();
    await page.keyboard.type('https://example.com/w.iso');
    await page.getByTestId('wizard-next').focus();
    await page.keyboard.press('Enter');
    await stepTitle(page, 'Networking');
    for (const [step, modal] of [['Networking', 'Add network interface'], ['Storage', 'Add disk'], ['Advanced'], ['Review and create']]) {
      await page.getByRole('button', { name: step, exact: true }).click();
      await stepTitle(page, step);
      assert.deepEqual(await serious(), [], step);
      if (modal) {
        await page.getByRole('button', { name: modal }).click();
        const dialog = page.getByRole('dialog', { name: modal });
        assert.deepEqual(await serious(), [], modal);
        assert.equal(await dialog.getByLabel('Name').evaluate((el) => el === document.activeElement), true, 'focus starts in the form');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), modal, 'focus is back on the opener');
      }
    }
  });

  test('on a narrow screen the step list folds behind a toggle naming the step', async () => {
    const { page } = suite.session;
    await page.setViewportSize({ width: 390, height: 844 });
    await openWizard();
    const steps = page.getByRole('navigation', { name: 'Steps' });
    assert.equal(await steps.isVisible(), false, 'the step list does not cover the form');
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-narrow');
    await chooseIsoUrl(page, 'https://example.com/w.iso');
    const toggle = page.getByRole('button', { name: /1 General/ });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await steps.getByRole('button', { name: 'Networking' }).click();
    await page.getByRole('button', { name: /2 Networking/ }).waitFor();
    await steps.waitFor({ state: 'hidden' });
    await screenshot(page, 'create-vm-narrow');
  });

  test('a reload in the middle keeps the draft and the step', async () => {
    const page = await openWizard();
    await fillGeneral(page, 'win11-kept');
    await page.getByRole('button', { name: 'Add network interface' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add' }).click();
    await page.reload();
    await stepTitle(page, 'Networking');
    assert.match(await page.getByRole('table', { name: 'Network interfaces' }).innerText(), /nic-2/);
    await page.getByTestId('draft-restored').waitFor();
    await page.getByRole('button', { name: 'General' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), 'win11-kept');
    assert.equal(await page.getByLabel('ISO URL').inputValue(), 'https://example.com/Win11_24H2.iso');
    await page.getByRole('button', { name: 'Start over' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), '');
  });

  test('a name already taken is shown against General, and renaming creates the VM', async () => {
    const page = await openWizard('finance-apps');
    await page.getByLabel('Operating system').selectOption({ label: 'Windows Server 2022' });
    await page.getByRole('textbox', { name: 'Name' }).fill('win2k22-sql');
    await chooseIsoUrl(page, 'https://example.com/server.iso');
    await goToReview(page);
    suite.expectHttpError(/^409 POST .*\/namespaces\/finance-apps\/virtualmachines\?dryRun=All$/);
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    const problems = page.getByTestId('server-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /A virtual machine named win2k22-sql already exists in namespace finance-apps/);
    assert.match(await page.getByRole('button', { name: /General \(has problems\)/ }).innerText(), /General/);
    await page.getByRole('button', { name: /General/ }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('win2k22-sql-2');
    assert.equal(await page.getByLabel('ISO URL').inputValue(), 'https://example.com/server.iso');
    await goToReview(page);
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win2k22-sql-2\?created=1$/);
  });

  test('a refusal from the server is shown against the step that owns the field', async () => {
    const page = await openWizard();
    await fillGeneral(page, 'win11-refused');
    await goToReview(page);
    await suite.fault({
      method: 'POST', path: '/namespaces/windows-dev/virtualmachines?dryRun=All', status: 422,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422,
        message: 'admission webhook "virtualmachine-validator.kubevirt.io" denied the request',
        details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.template.spec.domain.devices.interfaces[0].model',
          message: 'interface default uses model e1000e which is not supported on this cluster' }] } },
    });
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.getByRole('button', { name: /Networking \(has problems\)/ }).waitFor();
    await screenshot(page, 'create-vm-refused');
    await page.getByRole('button', { name: /Networking/ }).click();
    assert.match(await page.getByTestId('server-problems').innerText(), /interfaces\[0\]\.model: interface default uses model e1000e/);
    assert.equal((await suite.mock.api(`${VMS}/win11-refused`)).status, 404);
  });

  test('a create whose answer was lost is not made twice', async () => {
    const page = await openWizard();
    await fillGeneral(page, 'win11-once');
    await goToReview(page);
    // The VM is created, but the answer is lost on the way back.
    await suite.fault({ method: 'POST', path: '/namespaces/windows-dev/virtualmachines$', status: 503, after: true, times: 1 });
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win11-once\?created=1$/);
    const list = await (await suite.mock.api(VMS)).json();
    assert.equal(list.items.filter((vm) => vm.metadata.name === 'win11-once').length, 1);
  });

  test('a server that refuses the dry run shows why and creates nothing', async () => {
    const page = await openWizard();
    await fillGeneral(page, 'win11-denied');
    await goToReview(page);
    await suite.fault({ method: 'POST', path: '/namespaces/windows-dev/virtualmachines?dryRun=All', status: 403 });
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.getByText('You may not create virtual machines in namespace windows-dev.').waitFor();
    assert.equal((await suite.mock.api(`${VMS}/win11-denied`)).status, 404);
  });

  test('a server error is shown in place, nothing is created, and a retry then works', async () => {
    const page = await openWizard();
    await fillGeneral(page, 'win11-retry');
    await goToReview(page);
    await suite.fault({ method: 'POST', path: '/namespaces/windows-dev/virtualmachines?dryRun=All', status: 503, times: 1 });
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    const problems = page.getByTestId('server-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /503/);
    assert.equal((await suite.mock.api(`${VMS}/win11-retry`)).status, 404);
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win11-retry\?created=1$/);
  });

  test('changes carry the console\'s CSRF token; reads do not', async () => {
    const { page, context } = suite.session;
    await context.addCookies([{ name: 'csrf-token', value: 'token-from-console', url: suite.mock.url }]);
    const tokens = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/kubernetes/')) tokens.push(`${r.method()} ${r.headers()['x-csrftoken'] ?? '-'}`);
    });
    await openWizard();
    await fillGeneral(page, 'win11-csrf');
    await goToReview(page);
    // A double click makes one VM: one dry run, one create.
    await page.getByRole('button', { name: 'Create virtual machine' }).dblclick();
    await page.waitForURL(/\/vms\/win11-csrf\?created=1$/);
    assert.deepEqual(tokens.filter((t) => t.startsWith('POST')), ['POST token-from-console', 'POST token-from-console']);
    assert.ok(tokens.filter((t) => t.startsWith('GET')).every((t) => t === 'GET -'), tokens.join(', '));
  });
});
