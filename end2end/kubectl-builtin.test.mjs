// The real kubectl's typed commands against the mock: they send the built-in kinds as
// Kubernetes protobuf and prefer protobuf answers, and must work as against a cluster.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { writeKubeconfig } from './support/kubeconfig.mjs';
import { startMock } from './support/mock.mjs';

const run = promisify(execFile);
const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const PROTOBUF = 'application/vnd.kubernetes.protobuf';
let mock;
let kubeconfig;

/** Runs kubectl with a kubeconfig that points at the mock; `code` is undefined on success. */
async function kubectl(...args) {
  return run(kubectlPath, args, { env: { ...process.env, KUBECONFIG: kubeconfig } }).catch((err) => err);
}

/**
 * Runs kubectl with `-v=8`, which logs each request's headers, and adds what its write request
 * (the one POST or PUT) sent and got back: `{ request, response, status }`, content types and
 * HTTP status.
 */
async function kubectlTraced(...args) {
  const result = await kubectl('-v=8', ...args);
  const lines = result.stderr.split('\n');
  const start = lines.findIndex((line) => /\] (POST|PUT) http/.test(line));
  assert.ok(start >= 0, `kubectl ${args.join(' ')} sent no write:\n${result.stderr}`);
  const rest = lines.slice(start);
  const answerAt = rest.findIndex((line) => line.includes('Response Status:'));
  const contentType = (part) => part.map((line) => /Content-Type: (\S+)/.exec(line)?.[1]).find(Boolean);
  const exchange = {
    request: contentType(rest.slice(0, answerAt)),
    response: contentType(rest.slice(answerAt)),
    status: Number(/Response Status: (\d+)/.exec(rest[answerAt])?.[1]),
  };
  return { ...result, exchange };
}

/** Reads an object from the API as JSON, as the app does. */
async function getJson(route) {
  const response = await mock.api(route);
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

const protobufBothWays = (status) => ({ request: PROTOBUF, response: PROTOBUF, status });

describe('kubectl\'s typed commands against the mock', { skip: !existsSync(kubectlPath) && `no kubectl at ${kubectlPath}` }, () => {
  before(async () => { mock = await startMock(); kubeconfig = writeKubeconfig(mock.url); });
  after(async () => { await mock?.stop(); });

  test('create namespace creates it over protobuf; a second create says AlreadyExists', async () => {
    const created = await kubectlTraced('create', 'namespace', 'demo');
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'namespace/demo created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/api/v1/namespaces/demo');
    assert.equal(body.kind, 'Namespace');
    assert.equal(body.metadata.name, 'demo');
    assert.match(body.metadata.uid, /^[0-9a-f-]{36}$/);
    const again = await kubectlTraced('create', 'namespace', 'demo');
    assert.equal(again.code, 1);
    assert.deepEqual(again.exchange, protobufBothWays(409), 'the error Status comes back in protobuf too');
    assert.match(again.stderr, /Error from server \(AlreadyExists\): namespaces "demo" already exists/);
  });

  test('create secret generic stores the values base64-encoded, as kubectl reads them back', async () => {
    const created = await kubectlTraced('create', 'secret', 'generic', 'db-creds', '-n', 'windows-dev',
      '--from-literal=username=admin', '--from-literal=password=p@ss w0rd!');
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'secret/db-creds created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/api/v1/namespaces/windows-dev/secrets/db-creds');
    assert.deepEqual(body.data, {
      username: Buffer.from('admin').toString('base64'),
      password: Buffer.from('p@ss w0rd!').toString('base64'),
    });
    const password = await kubectl('get', 'secret', 'db-creds', '-n', 'windows-dev', '-o', 'jsonpath={.data.password}');
    assert.equal(Buffer.from(password.stdout, 'base64').toString(), 'p@ss w0rd!');
  });

  test('create configmap stores literals and a multi-line file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'configmap-'));
    const script = path.join(dir, 'restart.sh');
    writeFileSync(script, '#!/bin/sh\nvirtctl restart "$VM"\n');
    const created = await kubectlTraced('create', 'configmap', 'restart-settings', '-n', 'windows-dev',
      '--from-literal=vm=win11-dev-01', `--from-file=${script}`);
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'configmap/restart-settings created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/api/v1/namespaces/windows-dev/configmaps/restart-settings');
    assert.deepEqual(body.data, { vm: 'win11-dev-01', 'restart.sh': '#!/bin/sh\nvirtctl restart "$VM"\n' });
  });

  test('create serviceaccount stores it in the namespace given', async () => {
    const created = await kubectlTraced('create', 'serviceaccount', 'vm-restarter', '-n', 'windows-dev');
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'serviceaccount/vm-restarter created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/api/v1/namespaces/windows-dev/serviceaccounts/vm-restarter');
    assert.equal(body.metadata.namespace, 'windows-dev');
    const listed = await kubectl('get', 'sa', '-n', 'windows-dev', '-o', 'name');
    assert.match(listed.stdout, /^serviceaccount\/vm-restarter$/m);
  });

  test('create role stores one rule per API group, with the core group as ""', async () => {
    const created = await kubectlTraced('create', 'role', 'vm-restarter', '-n', 'windows-dev', '--verb=get,patch',
      '--resource=virtualmachines.kubevirt.io,configmaps', '--resource-name=win11-dev-01');
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'role.rbac.authorization.k8s.io/vm-restarter created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/apis/rbac.authorization.k8s.io/v1/namespaces/windows-dev/roles/vm-restarter');
    assert.deepEqual(body.rules, [
      { verbs: ['get', 'patch'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['win11-dev-01'] },
      { verbs: ['get', 'patch'], apiGroups: ['kubevirt.io'], resources: ['virtualmachines'], resourceNames: ['win11-dev-01'] },
    ]);
  });

  test('create rolebinding binds a role to a service account and a user', async () => {
    const created = await kubectlTraced('create', 'rolebinding', 'vm-restarter', '-n', 'windows-dev', '--role=vm-restarter',
      '--serviceaccount=windows-dev:vm-restarter', '--user=alice');
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'rolebinding.rbac.authorization.k8s.io/vm-restarter created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/apis/rbac.authorization.k8s.io/v1/namespaces/windows-dev/rolebindings/vm-restarter');
    assert.deepEqual(body.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'vm-restarter' });
    assert.deepEqual(body.subjects, [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'ServiceAccount', name: 'vm-restarter', namespace: 'windows-dev' },
    ]);
  });

  test('create cronjob stores the schedule and the command in its job template', async () => {
    const created = await kubectlTraced('create', 'cronjob', 'weekly-restart', '-n', 'windows-dev',
      '--image=quay.io/openshift/origin-cli:4.19', '--schedule=0 3 * * 6', '--restart=Never',
      '--', 'oc', 'get', 'vm', 'win11-dev-01');
    assert.equal(created.code, undefined, created.stderr);
    assert.equal(created.stdout, 'cronjob.batch/weekly-restart created\n');
    assert.deepEqual(created.exchange, protobufBothWays(201));
    const { body } = await getJson('/apis/batch/v1/namespaces/windows-dev/cronjobs/weekly-restart');
    assert.equal(body.spec.schedule, '0 3 * * 6');
    const pod = body.spec.jobTemplate.spec.template.spec;
    assert.equal(pod.restartPolicy, 'Never');
    assert.deepEqual(pod.containers, [{
      name: 'weekly-restart', image: 'quay.io/openshift/origin-cli:4.19', command: ['oc', 'get', 'vm', 'win11-dev-01'], resources: {},
    }]);
    const schedule = await kubectl('get', 'cronjob', 'weekly-restart', '-n', 'windows-dev', '-o', 'jsonpath={.spec.schedule}');
    assert.equal(schedule.stdout, '0 3 * * 6');
  });

  test('auth can-i answers yes, and no once the verb is denied', async () => {
    const allowed = await kubectlTraced('auth', 'can-i', 'create', 'virtualmachines', '-n', 'finance-apps');
    assert.equal(allowed.code, undefined, allowed.stderr);
    assert.equal(allowed.stdout, 'yes\n');
    assert.deepEqual(allowed.exchange, protobufBothWays(201));
    await mock.deny({ verb: 'create', resource: 'virtualmachines', namespace: 'finance-apps' });
    try {
      const denied = await kubectl('auth', 'can-i', 'create', 'virtualmachines', '-n', 'finance-apps');
      assert.equal(denied.code, 1);
      assert.equal(denied.stdout, 'no - denied by a test\n', 'kubectl adds the reason the review gives');
      const elsewhere = await kubectl('auth', 'can-i', 'create', 'virtualmachines', '-n', 'windows-dev');
      assert.equal(elsewhere.stdout, 'yes\n', 'the denial holds in its namespace only');
    } finally {
      await mock.allowAll();
    }
    const nonResource = await kubectl('auth', 'can-i', 'get', '/healthz');
    assert.equal(nonResource.stdout, 'yes\n');
  });

  test('get events lists the events of a namespace', async () => {
    assert.equal((await kubectl('create', 'namespace', 'audit')).code, undefined);
    const event = (name, reason, message) => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name },
      involvedObject: { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', name: 'win11-dev-01', namespace: 'audit' },
      reason, message, type: 'Warning', source: { component: 'virt-handler' }, count: 1,
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    for (const e of [event('boot.1', 'GuestBootFailed', 'INACCESSIBLE_BOOT_DEVICE'), event('agent.1', 'AgentDisconnected', 'no agent')]) {
      const response = await mock.api('/api/v1/namespaces/audit/events', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(e),
      });
      assert.equal(response.status, 201);
    }
    const listed = await kubectl('get', 'events', '-n', 'audit', '--sort-by=.reason');
    assert.equal(listed.code, undefined, listed.stderr);
    const lines = listed.stdout.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
    // The age is counted from whole-second timestamps: a slow run may print 1s or 2s.
    for (const row of lines.slice(1)) assert.match(row[0], /^[0-9]s$/, `an age of seconds: ${row[0]}`);
    assert.deepEqual(lines.map(([, ...rest], i) => (i === 0 ? lines[0] : ['age', ...rest])), [
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      ['age', 'Warning', 'AgentDisconnected', 'virtualmachineinstance/win11-dev-01', 'no agent'],
      ['age', 'Warning', 'GuestBootFailed', 'virtualmachineinstance/win11-dev-01', 'INACCESSIBLE_BOOT_DEVICE'],
    ], 'the columns a cluster prints');
    const wide = await kubectl('get', 'events', '-n', 'audit', '-o', 'wide', '--no-headers');
    const names = wide.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/).at(-1)).sort();
    assert.deepEqual(names, ['agent.1', 'boot.1']);
    const columns = await kubectl('get', 'events', '-n', 'audit', '--sort-by=.reason', '--no-headers',
      '-o', 'custom-columns=REASON:.reason,OBJECT:.involvedObject.name,MESSAGE:.message');
    assert.deepEqual(columns.stdout.trim().split('\n').map((line) => line.split(/\s{2,}/)), [
      ['AgentDisconnected', 'win11-dev-01', 'no agent'],
      ['GuestBootFailed', 'win11-dev-01', 'INACCESSIBLE_BOOT_DEVICE'],
    ]);
    const empty = await kubectl('get', 'events', '-n', 'finance-apps');
    assert.equal(empty.code, undefined, empty.stderr);
  });

  test('delete removes objects of every built-in kind, then their namespace', async () => {
    const ns = ['-n', 'scratch'];
    const create = async (...args) => {
      const created = await kubectl('create', ...args, ...ns);
      assert.equal(created.code, undefined, created.stderr);
    };
    await create('namespace', 'scratch');
    await create('secret', 'generic', 'token', '--from-literal=t=1');
    await create('configmap', 'settings', '--from-literal=a=b');
    await create('serviceaccount', 'runner');
    await create('role', 'reader', '--verb=get', '--resource=configmaps');
    await create('rolebinding', 'reader', '--role=reader', '--serviceaccount=scratch:runner');
    await create('cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *');
    const deleted = await kubectl('delete', ...ns, 'secret/token', 'configmap/settings', 'serviceaccount/runner',
      'role/reader', 'rolebinding/reader', 'cronjob/tick');
    assert.equal(deleted.code, undefined, deleted.stderr);
    assert.deepEqual(deleted.stdout.trim().split('\n'), [
      'secret "token" deleted', 'configmap "settings" deleted', 'serviceaccount "runner" deleted',
      'role.rbac.authorization.k8s.io "reader" deleted', 'rolebinding.rbac.authorization.k8s.io "reader" deleted',
      'cronjob.batch "tick" deleted',
    ]);
    for (const route of ['/api/v1/namespaces/scratch/secrets/token', '/api/v1/namespaces/scratch/configmaps/settings',
      '/api/v1/namespaces/scratch/serviceaccounts/runner', '/apis/rbac.authorization.k8s.io/v1/namespaces/scratch/roles/reader',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/scratch/rolebindings/reader', '/apis/batch/v1/namespaces/scratch/cronjobs/tick']) {
      assert.equal((await getJson(route)).status, 404, route);
    }
    const namespace = await kubectl('delete', 'namespace', 'scratch');
    assert.equal(namespace.stdout, 'namespace "scratch" deleted\n');
    assert.equal((await getJson('/api/v1/namespaces/scratch')).status, 404);
    const missing = await kubectl('delete', 'configmap', 'settings', ...ns);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Error from server \(NotFound\): configmaps "settings" not found/);
  });

  test('a body in another format gets 415; JSON clients still get JSON', async () => {
    const post = (type, body, route = '/api/v1/namespaces/windows-dev/configmaps') =>
      mock.api(route, { method: 'POST', headers: { 'Content-Type': type }, body });
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'typed' } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '*/*']) {
      const refused = await post(type, json);
      assert.equal(refused.status, 415, type);
      assert.match((await refused.json()).message,
        /accepted media types include: application\/json, application\/yaml, application\/vnd\.kubernetes\.protobuf$/);
    }
    // A VirtualMachine in protobuf: a cluster reads custom resources as JSON or YAML only.
    const vm = Buffer.concat([Buffer.from('k8s\0'), Buffer.from([0x0a, 0x20, 0x0a, 0x0e]), Buffer.from('kubevirt.io/v1'),
      Buffer.from([0x12, 0x0e]), Buffer.from('VirtualMachine'), Buffer.from([0x12, 0x00])]);
    const custom = await post(PROTOBUF, vm, '/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines');
    assert.equal(custom.status, 415);
    assert.match((await custom.json()).message, /"VirtualMachine" of "kubevirt.io\/v1" is not one the mock reads/);
    const created = await post('application/json', json);
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('content-type'), 'application/json');
    const asProtobuf = await mock.api('/api/v1/namespaces/windows-dev/configmaps/typed', { headers: { Accept: `${PROTOBUF}, application/json` } });
    assert.equal(asProtobuf.headers.get('content-type'), PROTOBUF);
    assert.deepEqual([...new Uint8Array(await asProtobuf.arrayBuffer()).slice(0, 4)], [...Buffer.from('k8s\0')]);
  });
});
