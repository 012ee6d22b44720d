// The real kubectl against the mock: what a cluster user would type must work here too.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { firstLine } from './support/eventually.mjs';
import { writeKubeconfig } from './support/kubeconfig.mjs';
import { startMock } from './support/mock.mjs';

const run = promisify(execFile);
const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
let mock;

/** Runs kubectl with a kubeconfig that points at the mock, as a cluster user would have. */
async function kubectl(...args) {
  return run(kubectlPath, args, { env: { ...process.env, KUBECONFIG: kubeconfig } }).catch((err) => err);
}

let kubeconfig;

describe('kubectl against the mock', { skip: !existsSync(kubectlPath) && `no kubectl at ${kubectlPath}` }, () => {
  before(async () => { mock = await startMock(); kubeconfig = writeKubeconfig(mock.url); });
  after(async () => { await mock?.stop(); });

  test('get vm -A lists the seeded VMs by namespace', async () => {
    const { stdout } = await kubectl('get', 'vm', '-A', '--no-headers');
    const rows = stdout.trim().split('\n').map((line) => line.split(/\s+/).slice(0, 2).join('/'));
    assert.deepEqual(rows, [
      'finance-apps/win2k19-erp', 'finance-apps/win2k22-sql', 'finance-apps/win2k22-web',
      'windows-dev/fedora-tools', 'windows-dev/win10-legacy', 'windows-dev/win11-dev-01', 'windows-dev/win2k25-build',
    ]);
  });

  test('get prints KubeVirt\'s columns from the server\'s Table', async () => {
    const { stdout } = await kubectl('get', 'vm', '-n', 'finance-apps');
    const lines = stdout.trim().split('\n').map((line) => line.trim().split(/\s+/));
    assert.deepEqual(lines[0], ['NAME', 'AGE', 'STATUS', 'READY']);
    assert.deepEqual(lines.find((l) => l[0] === 'win2k19-erp'), ['win2k19-erp', '2d', 'ErrorUnschedulable', 'False']);
    const vmis = (await kubectl('get', 'vmi', '-n', 'finance-apps')).stdout;
    assert.match(vmis, /^NAME\s+AGE\s+PHASE\s+IP\s+NODENAME\s+READY/);
    assert.match(vmis, /win2k22-sql\s+45d\s+Running\s+10\.128\.2\.25\s+worker-1\s+True/);
  });

  test('get -w follows a VM as it starts', async () => {
    const child = spawn(kubectlPath, ['get', 'vm', 'win10-legacy', '-n', 'windows-dev', '-w', '--request-timeout=4s'],
      { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise((resolve) => child.once('close', resolve));
    // kubectl prints the list before it watches from the list's resourceVersion, so once the
    // header is out every later change reaches the watch.
    assert.match(await firstLine(child), /^NAME\s+AGE\s+STATUS\s+READY/);
    await mock.api('/apis/subresources.kubevirt.io/v1/namespaces/windows-dev/virtualmachines/win10-legacy/start', { method: 'PUT' });
    await exited;
    const statuses = stdout.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/)[2]);
    assert.deepEqual([...new Set(statuses)], ['Stopped', 'Starting', 'Running'], stderr);
  });

  test('get of one VM returns the stored object, and a missing one says NotFound', async () => {
    const yaml = (await kubectl('get', 'vm', 'win2k22-sql', '-n', 'finance-apps', '-o', 'yaml')).stdout;
    assert.match(yaml, /^apiVersion: kubevirt.io\/v1\nkind: VirtualMachine\n/);
    assert.match(yaml, /\n  name: win2k22-sql\n/);
    assert.match(yaml, /\n {10}- bootOrder: 1\n {12}disk:\n {14}bus: sata\n/);
    const { stdout } = await kubectl('get', 'vm', 'win2k22-sql', '-n', 'finance-apps', '-o', 'jsonpath={.spec.template.spec.domain.devices.interfaces[0].model}');
    assert.equal(stdout, 'e1000e');
    const missing = await kubectl('get', 'vm', 'nope', '-n', 'finance-apps');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Error from server \(NotFound\): virtualmachines.kubevirt.io "nope" not found/);
  });

  test('patch --type merge changes the VM; the default strategic patch is refused as on a cluster', async () => {
    const patched = await kubectl('patch', 'vm', 'win10-legacy', '-n', 'windows-dev', '--type', 'merge',
      '-p', '{"metadata":{"labels":{"team":"qa"}}}');
    assert.match(patched.stdout, /virtualmachine.kubevirt.io\/win10-legacy patched/);
    const { stdout } = await kubectl('get', 'vm', 'win10-legacy', '-n', 'windows-dev', '-o', 'jsonpath={.metadata.labels.team}/{.metadata.labels.app}');
    assert.equal(stdout, 'qa/win10-legacy');
    const strategic = await kubectl('patch', 'vm', 'win10-legacy', '-n', 'windows-dev', '-p', '{"metadata":{"labels":{"team":"dev"}}}');
    assert.equal(strategic.code, 1);
    assert.match(strategic.stderr, /application\/strategic-merge-patch\+json is not supported/);
  });

  test('a json patch whose test fails changes nothing', async () => {
    const failed = await kubectl('patch', 'vm', 'win2k22-sql', '-n', 'finance-apps', '--type', 'json', '-p',
      '[{"op":"test","path":"/spec/template/spec/domain/devices/interfaces/0/model","value":"virtio"},{"op":"replace","path":"/spec/runStrategy","value":"Halted"}]');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /testing value \/spec\/template\/spec\/domain\/devices\/interfaces\/0\/model failed: test failed/);
    const { stdout } = await kubectl('get', 'vm', 'win2k22-sql', '-n', 'finance-apps', '-o', 'jsonpath={.spec.runStrategy}');
    assert.equal(stdout, 'Always');
  });

  const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'manifests');

  test('apply -f creates every example manifest, and a second apply changes nothing', async () => {
    for (const file of readdirSync(examples).filter((f) => f.endsWith('.yaml'))) {
      const created = await kubectl('apply', '-f', path.join(examples, file));
      assert.equal(created.code, undefined, `${file}: ${created.stderr}`);
      assert.match(created.stdout, / created\n$/, file);
    }
    const again = await kubectl('apply', '-f', path.join(examples, 'vm-fedora.yaml'));
    assert.match(again.stdout, /virtualmachine.kubevirt.io\/vm-fedora unchanged/);
    const { stdout } = await kubectl('get', 'vmpref', 'windows', '-o', 'jsonpath={.spec.devices.preferredDiskBus}');
    assert.equal(stdout, 'sata');
  });

  test('apply of an invalid VM fails with the 422 message and stores nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'invalid-vm-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, [
      'apiVersion: kubevirt.io/v1', 'kind: VirtualMachine', 'metadata:', '  name: bad-vm', 'spec:',
      '  runStrategy: Halted', '  template:', '    spec:', '      domain:', '        devices:', '          disks:',
      '          - name: root', '            disk:', '              bus: 7',
      '      volumes:', '      - name: root', '        containerDisk:', '          image: quay.io/containerdisks/fedora:40', '',
    ].join('\n'));
    const failed = await kubectl('apply', '-f', file);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /VirtualMachine.*bad-vm.*is invalid: spec\.template\.spec\.domain\.devices\.disks\[0\]\.disk\.bus: Invalid value: 7/);
    assert.equal((await kubectl('get', 'vm', 'bad-vm')).code, 1, 'nothing stored');
    writeFileSync(file, readFileSync(file, 'utf8').replace('bus: 7', 'buss: sata'));
    const unknown = await kubectl('apply', '-f', file);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /strict decoding error: unknown field "spec\.template\.spec\.domain\.devices\.disks\[0\]\.disk\.buss"/);
    const lenient = await kubectl('apply', '--validate=false', '-f', file);
    assert.match(lenient.stdout, /virtualmachine.kubevirt.io\/bad-vm created/, 'without strict validation a cluster accepts it');
    // KubeVirt's webhook: a disk without its volume.
    writeFileSync(file, readFileSync(file, 'utf8').replace('bad-vm', 'no-volume').replace('buss: sata', 'bus: sata').replace('      - name: root\n', '      - name: other\n'));
    const webhook = await kubectl('apply', '-f', file);
    assert.equal(webhook.code, 1);
    assert.match(webhook.stderr, /The VirtualMachine "no-volume" is invalid: \n\* spec\.template\.spec\.domain\.devices\.disks\[0\]\.name: spec\.template\.spec\.domain\.devices\.disks\[0\]\.Name 'other' not found\./);
  });

  test('the cluster has what common-instancetypes, CDI and OpenShift Virtualization put there', async () => {
    const preference = await kubectl('get', 'vmcpref', 'windows.11', '-o', 'jsonpath={.spec.devices.preferredDiskBus}/{.spec.devices.preferredInterfaceModel}');
    assert.equal(preference.stdout, 'sata/e1000e');
    const instancetypes = (await kubectl('get', 'vmcf', '--no-headers')).stdout.trim().split('\n');
    assert.ok(instancetypes.length > 50 && instancetypes.some((l) => l.startsWith('u1.large ')), `${instancetypes.length} instancetypes`);
    const image = await kubectl('get', 'configmap', 'virtio-win', '-n', 'openshift-cnv', '-o', 'jsonpath={.data.virtio-win-image}');
    assert.equal(image.stdout, 'quay.io/kubevirt/virtio-container-disk:v1.6.0');
    const sources = await kubectl('get', 'das', '-n', 'kubevirt-os-images', '-o', 'name');
    assert.match(sources.stdout, /datasource.cdi.kubevirt.io\/windows-2k22/);
    const claim = await kubectl('get', 'pvc', 'windows-2k22-image', '-n', 'kubevirt-os-images', '-o', 'jsonpath={.status.phase}');
    assert.equal(claim.stdout, 'Bound');
  });

  test('a snapshot made as the scheduled restart\'s Job makes it is waited for with kubectl wait, and listed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'snapshot-'));
    const file = path.join(dir, 'snapshot.json');
    writeFileSync(file, JSON.stringify({ apiVersion: 'snapshot.kubevirt.io/v1beta1', kind: 'VirtualMachineSnapshot',
      metadata: { name: 'sql-before', namespace: 'finance-apps' },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'win2k22-sql' } } }));
    const created = await kubectl('create', '-f', file);
    assert.equal(created.code, undefined, created.stderr);
    const waited = await kubectl('wait', '-n', 'finance-apps', 'virtualmachinesnapshot/sql-before',
      '--for=jsonpath={.status.readyToUse}=true', '--timeout=30s');
    assert.equal(waited.code, undefined, waited.stderr);
    assert.match(waited.stdout, /virtualmachinesnapshot.snapshot.kubevirt.io\/sql-before condition met/);
    const listed = (await kubectl('get', 'vmsnapshot', '-n', 'finance-apps')).stdout;
    assert.match(listed, /^NAME\s+AGE\s+SOURCEKIND\s+SOURCENAME\s+PHASE\s+READYTOUSE\s+CREATIONTIME\s+ERROR/);
    assert.match(listed, /sql-before\s+\S+\s+VirtualMachine\s+win2k22-sql\s+Succeeded\s+true/);
    const restore = path.join(dir, 'restore.json');
    writeFileSync(restore, JSON.stringify({ apiVersion: 'snapshot.kubevirt.io/v1beta1', kind: 'VirtualMachineRestore',
      metadata: { name: 'sql-back', namespace: 'finance-apps' },
      spec: { target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'win2k22-sql' }, virtualMachineSnapshotName: 'sql-before' } }));
    const refused = await kubectl('create', '-f', restore);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /VirtualMachineRestore "sql-back" is invalid: spec.target: VirtualMachine "win2k22-sql" is not stopped/);
  });

  test('delete removes a VM and its instance; a created VM carries KubeVirt\'s defaults', async () => {
    const deleted = await kubectl('delete', 'vm', 'win2k22-web', '-n', 'finance-apps');
    assert.match(deleted.stdout, /virtualmachine.kubevirt.io "win2k22-web" deleted/);
    assert.equal((await kubectl('get', 'vmi', 'win2k22-web', '-n', 'finance-apps')).code, 1, 'its instance is gone too');
    const created = await kubectl('apply', '-f', path.join(examples, 'vm-fedora.yaml'));
    assert.equal(created.code, undefined, created.stderr);
    const { stdout } = await kubectl('get', 'vm', 'vm-fedora', '-o', 'jsonpath={.spec.template.spec.architecture}/{.spec.template.spec.domain.machine.type}');
    assert.equal(stdout, 'amd64/q35');
  });
});
