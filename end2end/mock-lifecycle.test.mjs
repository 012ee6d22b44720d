// The mock's VM lifecycle through KubeVirt's subresources, as the app and kubectl will use it:
// start, stop and restart answer 202 and the VM and its instance move through their states.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { startMock } from './support/mock.mjs';

let mock;
const vmPath = (ns, name) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}`;
const vmiPath = (ns, name) => `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}`;
const actionPath = (ns, name, action) => `/api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}/${action}`;

async function getJson(path) {
  const response = await mock.api(path);
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

const statusOf = async (ns, name) => (await getJson(vmPath(ns, name))).body?.status?.printableStatus;

describe('mock VM lifecycle', () => {
  before(async () => { mock = await startMock({ args: ['--guest-tools-install-ms', '2000'] }); });
  after(async () => { await mock?.stop(); });
  beforeEach(async () => { await mock.reset(); });

  test('stop halts a running VM and removes its instance', async () => {
    const response = await mock.api(actionPath('finance-apps', 'win2k22-sql', 'stop'), { method: 'PUT' });
    assert.equal(response.status, 202);
    assert.equal(await response.text(), '');
    assert.equal((await getJson(vmPath('finance-apps', 'win2k22-sql'))).body.spec.runStrategy, 'Halted');
    await eventually(async () => (await statusOf('finance-apps', 'win2k22-sql')) === 'Stopped');
    assert.equal((await getJson(vmiPath('finance-apps', 'win2k22-sql'))).status, 404);
  });

  test('start boots a stopped VM through Starting to Running with an address', async () => {
    assert.equal((await mock.api(actionPath('windows-dev', 'win10-legacy', 'start'), { method: 'PUT' })).status, 202);
    assert.equal(await statusOf('windows-dev', 'win10-legacy'), 'Starting');
    await eventually(async () => (await statusOf('windows-dev', 'win10-legacy')) === 'Running');
    const vmi = (await getJson(vmiPath('windows-dev', 'win10-legacy'))).body;
    assert.equal(vmi.status.phase, 'Running');
    assert.match(vmi.status.interfaces[0].ipAddress, /^10\.128\.3\.\d+$/);
    assert.equal(vmi.metadata.ownerReferences[0].name, 'win10-legacy');
  });

  test('restart replaces the instance, and the agent of a VM with the guest tools reconnects', async () => {
    const before = (await getJson(vmiPath('finance-apps', 'win2k22-sql'))).body.metadata.uid;
    assert.equal((await mock.api(actionPath('finance-apps', 'win2k22-sql', 'restart'), { method: 'PUT' })).status, 202);
    const vmi = await eventually(async () => {
      const { body } = await getJson(vmiPath('finance-apps', 'win2k22-sql'));
      const fresh = body && body.metadata.uid !== before;
      return fresh && body.status.conditions?.some((c) => c.type === 'AgentConnected') && body;
    });
    assert.equal(vmi.status.guestOSInfo.id, 'mswindows');
  });

  test('conflicts and unknown VMs answer as KubeVirt does', async () => {
    const running = await mock.api(actionPath('finance-apps', 'win2k22-sql', 'start'), { method: 'PUT' });
    assert.equal(running.status, 409);
    const status = await running.json();
    assert.equal(status.reason, 'Conflict');
    assert.equal(status.message, 'Operation cannot be fulfilled on virtualmachine.kubevirt.io "win2k22-sql": VM is already running');
    const halted = await mock.api(actionPath('windows-dev', 'win10-legacy', 'restart'), { method: 'PUT' });
    assert.match((await halted.json()).message, /RunStategy Halted does not support manual restart requests/);
    assert.equal((await mock.api(actionPath('windows-dev', 'nope', 'start'), { method: 'PUT' })).status, 404);
  });

  test('a watch from the list\'s resourceVersion streams the changes an action makes, then closes on time', async () => {
    const list = (await getJson('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines')).body;
    const rv = list.metadata.resourceVersion;
    const response = await mock.api(`/api/kubernetes/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines?watch=true&resourceVersion=${rv}&timeoutSeconds=4`);
    assert.equal(response.status, 200);
    await mock.api(actionPath('finance-apps', 'win2k22-sql', 'stop'), { method: 'PUT' });
    const text = await response.text(); // ends when the server closes the watch after 4 s
    const events = text.trim().split('\n').map((line) => JSON.parse(line));
    const statuses = events.filter((e) => e.type === 'MODIFIED').map((e) => e.object.status?.printableStatus);
    assert.ok(statuses.includes('Stopping') && statuses.at(-1) === 'Stopped', statuses.join(', '));
    assert.ok(events.every((e) => e.object.metadata.name === 'win2k22-sql'), 'only the changed VM');
    assert.ok(events.every((e) => Number(e.object.metadata.resourceVersion) > Number(rv)));
  });

  test('a watch without a resourceVersion starts with every object as ADDED', async () => {
    const response = await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines?watch=1&timeoutSeconds=1');
    const events = (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), [
      'ADDED fedora-tools', 'ADDED win10-legacy', 'ADDED win11-dev-01', 'ADDED win2k25-build',
    ]);
  });

  test('deleting a VM takes its instance with it', async () => {
    const response = await mock.api(vmPath('finance-apps', 'win2k22-web'), { method: 'DELETE' });
    assert.equal(response.status, 200);
    assert.equal((await getJson(vmPath('finance-apps', 'win2k22-web'))).status, 404);
    assert.equal((await getJson(vmiPath('finance-apps', 'win2k22-web'))).status, 404);
  });

  test('a template change on a running VM needs a restart, and the restart applies it', async () => {
    const path = vmPath('finance-apps', 'win2k22-sql');
    const patched = await mock.api(path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([
        { op: 'test', path: '/spec/template/spec/domain/devices/interfaces/0/model', value: 'e1000e' },
        { op: 'replace', path: '/spec/template/spec/domain/devices/interfaces/0/model', value: 'virtio' },
      ]),
    });
    assert.equal(patched.status, 200);
    const vm = await patched.json();
    assert.equal(vm.metadata.generation, 2);
    const condition = await eventually(async () => (await getJson(path)).body.status.conditions.find((c) => c.type === 'RestartRequired'));
    assert.equal(condition.message, 'a non-live-updatable field was changed in the template spec');
    assert.equal((await mock.api(actionPath('finance-apps', 'win2k22-sql', 'restart'), { method: 'PUT' })).status, 202);
    await eventually(async () => {
      const { body } = await getJson(path);
      return body.status.printableStatus === 'Running' && !body.status.conditions.some((c) => c.type === 'RestartRequired');
    });
    const vmi = (await getJson(vmiPath('finance-apps', 'win2k22-sql'))).body;
    assert.equal(vmi.spec.domain.devices.interfaces[0].model, 'virtio');
  });

  test('a stale PUT is refused with 409, a stale JSON patch test with 422, strategic merge with 415', async () => {
    const path = vmPath('windows-dev', 'win10-legacy');
    const vm = (await getJson(path)).body;
    const put = (object) => mock.api(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(object) });
    const fresh = await put({ ...vm, metadata: { ...vm.metadata, labels: { tier: 'gold' } } });
    assert.equal(fresh.status, 200);
    const stale = await put(vm);
    assert.equal(stale.status, 409);
    const conflict = await stale.json();
    assert.equal(conflict.reason, 'Conflict');
    assert.match(conflict.message, /the object has been modified; please apply your changes to the latest version/);
    const failedTest = await mock.api(path, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'test', path: '/metadata/labels/tier', value: 'silver' }]),
    });
    assert.equal(failedTest.status, 422);
    assert.equal((await failedTest.json()).details.causes[0].message, 'testing value /metadata/labels/tier failed: test failed');
    const strategic = await mock.api(path, {
      method: 'PATCH', headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: '{}',
    });
    assert.equal(strategic.status, 415);
    assert.equal((await getJson(path)).body.metadata.labels.tier, 'gold');
  });

  test('a Windows VM booted with the guest tools CD gets its agent only once the tools are installed', async () => {
    assert.equal((await mock.api(actionPath('windows-dev', 'win10-legacy', 'start'), { method: 'PUT' })).status, 202);
    const agentOf = async () => {
      const { body } = await getJson(vmiPath('windows-dev', 'win10-legacy'));
      return body?.status?.phase === 'Running' && { connected: body.status.conditions.some((c) => c.type === 'AgentConnected'), body };
    };
    const running = await eventually(agentOf);
    assert.equal(running.connected, false, 'the agent waits for the guest tools');
    assert.deepEqual(running.body.status.guestOSInfo, {});
    const installed = await eventually(async () => { const a = await agentOf(); return a?.connected && a.body; });
    assert.equal(installed.status.guestOSInfo.prettyName, 'Windows 10 Enterprise');
  });

  test('dropping all watches breaks them off mid-stream', async () => {
    const response = await mock.api('/apis/kubevirt.io/v1/virtualmachines?watch=true&allowWatchBookmarks=true');
    const reader = response.body.getReader();
    await reader.read();
    await mock.dropWatches();
    const outcome = await (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return 'ended cleanly';
      }
    })().catch(() => 'broken off');
    assert.equal(outcome, 'broken off');
  });

  test('a denied verb gets RBAC\'s 403 and access reviews agree; an unreadable body gets 415', async () => {
    await mock.deny({ verb: 'create', resource: 'cronjobs', namespace: 'finance-apps' });
    const denied = await mock.api('/apis/batch/v1/namespaces/finance-apps/cronjobs', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { schedule: '* * * * *', jobTemplate: { spec: {} } } }),
    });
    assert.equal(denied.status, 403);
    assert.equal((await denied.json()).message,
      'cronjobs.batch is forbidden: User "developer" cannot create resource "cronjobs" in API group "batch" in the namespace "finance-apps"');
    const review = async (namespace) => (await (await mock.api('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'create', group: 'batch', resource: 'cronjobs', namespace } } }),
    })).json()).status.allowed;
    assert.equal(await review('finance-apps'), false);
    assert.equal(await review('windows-dev'), true);
    await mock.allowAll();
    assert.equal(await review('finance-apps'), true);
    const unreadable = await mock.api('/apis/batch/v1/namespaces/finance-apps/cronjobs', {
      method: 'POST', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: 'k8s\u0000',
    });
    assert.equal(unreadable.status, 415, 'once allowed, a body the server cannot read is refused as a cluster refuses it');
  });

  test('a watch over a WebSocket, as the console opens it, streams the same events (plain or base64)', async () => {
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${mock.url}/config.json`);
      const received = await page.evaluate(async () => {
        const open = (protocols) => new Promise((resolve, reject) => {
          const url = `ws://${location.host}/api/kubernetes/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines?watch=true`;
          const socket = new WebSocket(url, protocols);
          const events = [];
          socket.onmessage = (m) => {
            events.push(JSON.parse(socket.protocol ? atob(m.data) : m.data));
            if (events.length === 4) { socket.close(); resolve({ protocol: socket.protocol, events }); }
          };
          socket.onerror = () => reject(new Error('websocket failed'));
        });
        return [await open([]), await open(['base64.binary.k8s.io'])];
      });
      for (const { events } of received) {
        assert.deepEqual(events.map((e) => e.type), ['ADDED', 'ADDED', 'ADDED', 'ADDED']);
        assert.deepEqual(events.map((e) => e.object.metadata.name).sort(), ['fedora-tools', 'win10-legacy', 'win11-dev-01', 'win2k25-build']);
      }
      assert.equal(received[0].protocol, '');
      assert.equal(received[1].protocol, 'base64.binary.k8s.io');
    } finally {
      await browser.close();
    }
  });

  test('a VM with DataVolume templates provisions first: its DataVolumes import, then it starts', async () => {
    const vm = {
      apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'imported' },
      spec: {
        runStrategy: 'Always',
        dataVolumeTemplates: [{ metadata: { name: 'imported-root' }, spec: { source: { http: { url: 'https://example.com/disk.qcow2' } }, storage: { resources: { requests: { storage: '30Gi' } } } } }],
        template: { spec: { domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } }, volumes: [{ name: 'root', dataVolume: { name: 'imported-root' } }] } },
      },
    };
    const created = await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(vm),
    });
    assert.equal(created.status, 201);
    assert.equal(await statusOf('windows-dev', 'imported'), 'Provisioning');
    const dvPath = '/apis/cdi.kubevirt.io/v1beta1/namespaces/windows-dev/datavolumes/imported-root';
    const importing = await eventually(async () => {
      const { body } = await getJson(dvPath);
      return body?.status?.phase === 'ImportInProgress' && body;
    });
    assert.match(importing.status.progress, /^\d+\.\d\d%$/);
    assert.equal(importing.metadata.ownerReferences[0].kind, 'VirtualMachine');
    await eventually(async () => (await statusOf('windows-dev', 'imported')) === 'Running', { timeout: 15_000 });
    assert.equal((await getJson(dvPath)).body.status.progress, '100.0%');
    await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines/imported', { method: 'DELETE' });
    assert.equal((await getJson(dvPath)).status, 404, 'the DataVolume goes with its VM');
  });

  test('guestosinfo answers as KubeVirt does: the report with the agent, a plain-text 500 without', async () => {
    const info = (ns, name) => mock.api(`/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}/guestosinfo`);
    const sql = await info('finance-apps', 'win2k22-sql');
    assert.equal(sql.status, 200);
    assert.equal((await sql.json()).os.prettyName, 'Windows Server 2022 Datacenter');
    const web = await info('finance-apps', 'win2k22-web');
    assert.equal(web.status, 500);
    assert.equal(await web.text(), 'Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "win2k22-web": VMI does not have guest agent connected');
    const stopped = await info('windows-dev', 'win10-legacy');
    assert.equal(await stopped.text(), 'Operation cannot be fulfilled on virtualmachineinstance.kubevirt.io "win10-legacy": VMI is not running');
  });

  test('bad input gets the Status a cluster gives, and the server keeps serving', async () => {
    const post = (body, type = 'application/json', path = '/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines') =>
      mock.api(path, { method: 'POST', headers: { 'Content-Type': type }, body });
    const malformed = await post('{"apiVersion": ');
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).kind, 'Status');
    assert.equal((await post('kind: [unclosed', 'application/yaml')).status, 400, 'malformed YAML');
    const yaml = await post(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: from-yaml', 'data:', '  a: b', ''].join('\n'),
      'application/yaml', '/api/v1/namespaces/windows-dev/configmaps');
    assert.equal(yaml.status, 201, 'YAML is read as a cluster reads it');
    assert.equal((await post('name=x', 'text/plain')).status, 415);
    const oversized = await post(JSON.stringify({ data: 'x'.repeat(9 * 1024 * 1024) }));
    assert.equal(oversized.status, 413);
    const badName = await post(JSON.stringify({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'Bad_Name' },
      spec: { runStrategy: 'Halted', template: {} } }));
    assert.equal(badName.status, 422);
    assert.equal((await badName.json()).details.causes[0].field, 'metadata.name');
    const unknown = await mock.api('/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachinewidgets');
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).reason, 'NotFound');
    assert.equal((await mock.api('/version')).status, 200, 'still serving');
  });

  test('a CronJob fires on the mock\'s clock unless suspended, and its Job is owned by it', async () => {
    const path = '/apis/batch/v1/namespaces/windows-dev/cronjobs';
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
      spec: { schedule: '*/5 * * * *', timeZone: 'Europe/Berlin', suspend: true,
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } };
    const create = (object) => mock.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(object) });
    assert.equal((await create(cronJob)).status, 201);
    // The same schedule, not suspended and made after it: when this one has fired, the controller
    // has looked at both at a time when the suspended one was due too.
    assert.equal((await create({ ...cronJob, metadata: { name: 'witness' }, spec: { ...cronJob.spec, suspend: false } })).status, 201);
    const jobsOf = async (owner) => (await getJson('/apis/batch/v1/namespaces/windows-dev/jobs')).body.items
      .filter((j) => j.metadata.ownerReferences?.[0]?.name === owner);
    await mock.advanceClock(600);
    await eventually(async () => (await jobsOf('witness')).length > 0, { message: 'the CronJob that is not suspended did not fire' });
    assert.deepEqual(await jobsOf('nightly'), [], 'a suspended CronJob does not fire');
    await mock.api(`${path}/nightly`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { suspend: false } }) });
    await mock.advanceClock(600);
    const [job] = await eventually(async () => { const items = await jobsOf('nightly'); return items.length > 0 && items; });
    assert.equal(job.metadata.ownerReferences[0].name, 'nightly');
    assert.ok((await getJson(`${path}/nightly`)).body.status.lastScheduleTime);
  });
});
