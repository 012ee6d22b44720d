// Answer files from the wizard: one generated with a product key goes into a Secret owned by
// the VM and attached as a sysprep CD-ROM (its secrets masked in the review); an uploaded one
// with credentials anywhere goes into a Secret too and never into web storage; a malformed
// upload is refused with its line; deleting the VM deletes the Secret.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();
const KEY = 'VK7JG-NPHTM-C97JM-9MPGT-3V66T';
const PASSWORD = 'Pa$$w0rd<&>';

const SECRETS = ['JoinPass-1', 'MachinePass-2', 'AutoPass-3', 'CmdPass-4', KEY];
/** An answer file with every kind of credential Windows setup takes, each somewhere else. */
const CREDENTIALS_XML = `<?xml version="1.0"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
  <settings pass="specialize">
    <component name="Microsoft-Windows-UnattendedJoin" processorArchitecture="amd64">
      <Identification>
        <Credentials><Domain>CORP</Domain><Password>JoinPass-1</Password><Username>joiner</Username></Credentials>
        <JoinDomain>corp.example.com</JoinDomain>
        <MachinePassword>MachinePass-2</MachinePassword>
      </Identification>
    </component>
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64">
      <ProductKey>${KEY}</ProductKey>
    </component>
  </settings>
  <settings pass="oobeSystem">
    <u:component xmlns:u="urn:schemas-microsoft-com:unattend" name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64">
      <u:AutoLogon><u:Enabled>true</u:Enabled><u:Password><u:Value>AutoPass-3</u:Value><u:PlainText>true</u:PlainText></u:Password><u:Username>admin</u:Username></u:AutoLogon>
      <u:FirstLogonCommands>
        <u:SynchronousCommand wcm:action="add"><u:CommandLine>net user backup CmdPass-4 /add</u:CommandLine><u:Order>1</u:Order></u:SynchronousCommand>
      </u:FirstLogonCommands>
    </u:component>
  </settings>
</unattend>
`;

/** Everything the page keeps in session and local storage, as one string. */
async function webStorage(page) {
  return page.evaluate(() => [sessionStorage, localStorage]
    .flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`)).join('\n'));
}

async function wizardAtAdvanced(name) {
  const { page } = suite.session;
  await page.goto(`${suite.mock.url}/ns/windows-dev/vms/~new`);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByLabel('Boot source').selectOption('iso-url');
  await page.getByLabel('ISO URL').fill('https://example.com/Win11_24H2.iso');
  await page.getByRole('button', { name: 'Advanced', exact: true }).click();
  await page.getByRole('heading', { name: 'Advanced', level: 2 }).waitFor();
  return page;
}

describe('sysprep answer files', () => {
  test('a generated answer file goes into a Secret owned by the VM, masked in the review', async () => {
    const page = await wizardAtAdvanced('win11-licensed');
    await page.getByLabel('Generate an answer file').check();
    await page.getByLabel('Product key').fill('not-a-key');
    await page.getByLabel('Administrator password').fill(PASSWORD);
    assert.match(await page.getByTestId('unattend-key-error').innerText(), /five groups of five/);
    await page.getByLabel('Product key').fill(KEY);
    await page.getByLabel('Time zone').selectOption('W. Europe Standard Time');
    await page.getByLabel('Enable Remote Desktop, with its firewall rule').check();
    assert.match(await page.getByTestId('sysprep-cdrom').innerText(), /CD-ROM sysprep\s+Answer files\s+autounattend\.xml in Secret win11-licensed-sysprep, SATA/);
    await screenshot(page, 'create-vm-sysprep');
    await page.getByRole('button', { name: 'Review and create' }).click();

    const summary = await page.getByTestId('review-summary').innerText();
    assert.match(summary, /Sysprep\s+autounattend\.xml in Secret win11-licensed-sysprep/);
    const shown = [await page.getByTestId('manifest').innerText(),
      await page.getByTestId('sysprep-manifest').innerText(),
      await page.getByTestId('sysprep-file-masked').innerText()].join('\n');
    assert.ok(!shown.includes(KEY) && !shown.includes('Pa$$w0rd'), 'no secret is shown');
    assert.match(shown, /<Key>\*{8}<\/Key>/);
    assert.match(shown, /<TimeZone>W\. Europe Standard Time<\/TimeZone>/);
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win11-licensed\?created=1$/);

    const vm = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-licensed')).json();
    const spec = vm.spec.template.spec;
    assert.deepEqual(spec.volumes.find((v) => v.name === 'sysprep'), { name: 'sysprep', sysprep: { secret: { name: 'win11-licensed-sysprep' } } });
    assert.deepEqual(spec.domain.devices.disks.find((d) => d.name === 'sysprep').cdrom, { bus: 'sata', readonly: true });
    assert.equal(vm.metadata.annotations['vm.windows-vms.io/licensing'], 'product-key');
    const secret = await (await suite.mock.api('/api/v1/namespaces/windows-dev/secrets/win11-licensed-sysprep')).json();
    assert.deepEqual(secret.metadata.ownerReferences.map((o) => [o.kind, o.name, o.uid]), [['VirtualMachine', 'win11-licensed', vm.metadata.uid]]);
    const xml = Buffer.from(secret.data['autounattend.xml'], 'base64').toString('utf8');
    assert.match(xml, new RegExp(`<Key>${KEY}</Key>`));
    assert.match(xml, /<Value>Pa\$\$w0rd&lt;&amp;&gt;<\/Value>/);
    assert.match(xml, /<Path>E:\\viostor\\w11\\amd64<\/Path>/);
    // Remote Desktop on, behind Network Level Authentication, with its firewall rule group.
    assert.match(xml, /<fDenyTSConnections>false<\/fDenyTSConnections>/);
    assert.match(xml, /<UserAuthentication>1<\/UserAuthentication>/);
    assert.match(xml, /<Group>@FirewallAPI\.dll,-28752<\/Group>/);

    // The VM's page lists the answer file with the CD-ROMs and, licensed, has no activation note.
    const cdroms = page.getByTestId('cdroms');
    await cdroms.getByText('Sysprep answer file, Secret win11-licensed-sysprep').waitFor();
    assert.equal(vm.metadata.annotations['vm.windows-vms.io/remote-desktop'], 'enabled');
    await page.getByTestId('remote-desktop').waitFor();
    assert.equal(await page.getByTestId('rdp-maybe-off').count(), 0, 'its answer file turned Remote Desktop on');
    assert.equal(await page.getByTestId('licensing-note').count(), 0);

    // Deleting the VM deletes its Secret.
    await page.getByRole('button', { name: 'Actions for win11-licensed' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete virtual machine win11-licensed?' }).getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => (await suite.mock.api('/api/v1/namespaces/windows-dev/secrets/win11-licensed-sysprep')).status === 404,
      { timeout: 5000, message: 'the Secret outlived its VM' });
  });

  test('a Remote Desktop Service made with the VM turns Remote Desktop on in its answer file', async () => {
    const page = await wizardAtAdvanced('win11-rdp');
    await page.getByLabel('Generate an answer file').check();
    await page.getByLabel('Administrator password').fill(PASSWORD);
    const remoteDesktop = page.getByLabel('Enable Remote Desktop, with its firewall rule');
    assert.equal(await remoteDesktop.isChecked(), false, 'off until there is a way to reach it');
    await page.getByRole('button', { name: 'Networking', exact: true }).click();
    const choice = page.getByTestId('rdp-service-choice');
    assert.equal(await choice.getByLabel('No Service').isChecked(), true);
    await choice.getByLabel('NodePort').check();
    await screenshot(page, 'create-vm-rdp-service');
    await page.getByRole('button', { name: 'Advanced', exact: true }).click();
    assert.equal(await remoteDesktop.isChecked(), true, 'on, now that a Service reaches it');
    await page.getByRole('button', { name: 'Review and create' }).click();
    assert.match(await page.getByTestId('review-summary').innerText(), /Remote Desktop\s+Service win11-rdp-rdp \(NodePort\) to port 3389/);
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win11-rdp\?created=1$/);

    const vm = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-rdp')).json();
    const service = await (await suite.mock.api('/api/v1/namespaces/windows-dev/services/win11-rdp-rdp')).json();
    assert.equal(service.spec.type, 'NodePort');
    assert.deepEqual(service.spec.ports.map((p) => p.port), [3389]);
    assert.deepEqual(service.metadata.ownerReferences.map((o) => o.uid), [vm.metadata.uid], 'it goes with the VM');
    const secret = await (await suite.mock.api('/api/v1/namespaces/windows-dev/secrets/win11-rdp-sysprep')).json();
    assert.match(Buffer.from(secret.data['autounattend.xml'], 'base64').toString('utf8'), /<fDenyTSConnections>false<\/fDenyTSConnections>/);
    const card = page.getByTestId('remote-desktop');
    await card.getByText('win11-rdp-rdp').first().waitFor();
    assert.equal(await page.getByTestId('rdp-maybe-off').count(), 0);
  });

  test('a Remote Desktop Service that cannot be made leaves the VM, and the page says so', async () => {
    const page = await wizardAtAdvanced('win11-no-rdp');
    await page.getByRole('button', { name: 'Networking', exact: true }).click();
    await page.getByTestId('rdp-service-choice').getByLabel('ClusterIP').check();
    await page.getByRole('button', { name: 'Review and create' }).click();
    await suite.fault({ method: 'POST', path: '/namespaces/windows-dev/services$', status: 403, times: 1 });
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win11-no-rdp\?created=1&rdp=failed$/);
    assert.match(await page.getByTestId('created-rdp-failed').innerText(), /could not be created\. Create it from the Remote desktop card/);
    assert.equal((await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-no-rdp')).status, 200);
  });

  test('answer files that cannot be stored leave no VM behind, and say so on Advanced', async () => {
    const page = await wizardAtAdvanced('win11-no-secret');
    await page.getByLabel('Generate an answer file').check();
    await page.getByLabel('Administrator password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Review and create' }).click();
    await suite.fault({ method: 'POST', path: '/namespaces/windows-dev/secrets$', status: 403, times: 1 });
    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.getByRole('button', { name: /Advanced \(has problems\)/ }).waitFor();
    assert.match(await page.getByTestId('server-problems').innerText(),
      /The answer files could not be stored, so no virtual machine was made\. You may not create the Secret/);
    assert.equal((await suite.mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win11-no-secret')).status, 404);
  });

  test('a malformed upload is refused with its line, and the rest of the wizard is kept', async () => {
    const page = await wizardAtAdvanced('win11-upload');
    await page.getByLabel('Upload answer files').check();
    const broken = '<?xml version="1.0"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n  <settings pass="windowsPE">\n  </setting>\n</unattend>\n';
    await page.getByLabel('Answer file', { exact: true }).setInputFiles({ name: 'autounattend.xml', mimeType: 'text/xml', buffer: Buffer.from(broken) });
    const error = page.getByTestId('sysprep-upload-error');
    await error.waitFor();
    assert.match(await error.innerText(), /autounattend\.xml was not added\. Line 4: /);
    await screenshot(page, 'create-vm-sysprep-upload-error');

    const good = '<?xml version="1.0"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n  <settings pass="oobeSystem"/>\n</unattend>\n';
    await page.getByLabel('Answer file', { exact: true }).setInputFiles({ name: 'unattend.xml', mimeType: 'text/xml', buffer: Buffer.from(good) });
    await page.getByTestId('sysprep-file').getByText('unattend.xml', { exact: true }).waitFor();
    assert.match(await page.getByTestId('sysprep-file').innerText(), /kept in a Secret/);
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /^General/ }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), 'win11-upload');
    assert.equal(await page.getByLabel('ISO URL').inputValue(), 'https://example.com/Win11_24H2.iso');
  });

  test('a reload keeps the answer-file settings but never stores the key or the password, and says so', async () => {
    const page = await wizardAtAdvanced('win11-reload');
    await page.getByLabel('Generate an answer file').check();
    await page.getByLabel('Product key').fill(KEY);
    await page.getByLabel('Administrator password').fill(PASSWORD);
    await page.getByLabel('Computer name').fill('RELOADED');
    const stored = await webStorage(page);
    assert.ok(stored.includes('RELOADED'), 'the draft is kept');
    assert.ok(!stored.includes(KEY) && !stored.includes('Pa$$w0rd'), 'no key or password in web storage');
    await page.reload();
    await page.getByRole('heading', { name: 'Advanced', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Computer name').inputValue(), 'RELOADED');
    assert.equal(await page.getByLabel('Product key').inputValue(), '');
    assert.equal(await page.getByLabel('Administrator password').inputValue(), '');
    assert.match(await page.getByTestId('secrets-asked-again').innerText(),
      /never kept in the browser, where other pages of this site could read them: enter them again/);
  });

  test('uploaded answer files with credentials of every kind go only into a Secret, masked on Review, never into web storage', async () => {
    const page = await wizardAtAdvanced('win11-creds');
    await page.getByLabel('Upload answer files').check();
    await page.getByLabel('Answer file', { exact: true }).setInputFiles({ name: 'unattend.xml', mimeType: 'text/xml', buffer: Buffer.from(CREDENTIALS_XML) });
    await page.getByTestId('sysprep-file').getByText('unattend.xml', { exact: true }).waitFor();
    assert.match(await page.getByTestId('sysprep-file').innerText(), /kept in a Secret/);
    await page.getByRole('button', { name: 'Review and create' }).click();
    const shown = [await page.getByTestId('review-summary').innerText(), await page.getByTestId('manifest').innerText(),
      await page.getByTestId('sysprep-manifest').innerText(), await page.getByTestId('sysprep-file-masked').innerText()].join('\n');
    for (const secret of SECRETS) assert.ok(!shown.includes(secret), `${secret} is shown on Review`);
    assert.match(shown, /<MachinePassword>\*{8}<\/MachinePassword>/);
    assert.match(shown, /<JoinDomain>corp\.example\.com<\/JoinDomain>/, 'what is not secret is shown');
    const stored = await webStorage(page);
    for (const secret of [...SECRETS, 'JoinDomain']) assert.ok(!stored.includes(secret), `${secret} is in web storage`);

    await page.getByRole('button', { name: 'Create virtual machine' }).click();
    await page.waitForURL(/\/vms\/win11-creds\?created=1$/);
    const secret = await (await suite.mock.api('/api/v1/namespaces/windows-dev/secrets/win11-creds-sysprep')).json();
    const xml = Buffer.from(secret.data['unattend.xml'], 'base64').toString('utf8');
    assert.equal(xml, CREDENTIALS_XML, 'the file is stored as uploaded');
    const configMaps = await (await suite.mock.api('/api/v1/namespaces/windows-dev/configmaps')).json();
    assert.deepEqual(configMaps.items.filter((c) => c.metadata.name.startsWith('win11-creds')), [], 'no ConfigMap holds it');
    assert.equal(await webStorage(page), 'windows-vms.last-namespace=windows-dev', 'nothing but where the VM went is left in web storage');
  });

  test('a Windows VM made without a key says how to activate it', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win11-dev-01`);
    const note = page.getByTestId('licensing-note');
    await note.waitFor();
    assert.match(await note.innerText(), /Settings > System > Activation/);
  });
});
