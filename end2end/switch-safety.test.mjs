// Switching without fear: a snapshot before the switch and Restore snapshot when Windows does
// not come back, a cluster without snapshots said so, and a scheduled restart that waits until
// nobody is signed in, with what its Job did shown on the VM's page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { useSuite } from './support/suite.mjs';
import { openSwitchDialog } from './support/switch-dialog.mjs';

const suite = useSuite({ page: { timezoneId: 'Europe/Berlin' } });
const api = async (path) => (await suite.mock.api(path)).json();
const vmPath = (name) => `/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/${name}`;
const vmiPath = (name) => `/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachineinstances/${name}`;
const snapshotsPath = '/apis/snapshot.kubevirt.io/v1beta1/namespaces/finance-apps/virtualmachinesnapshots';
const bootBus = (object) => (object.spec.template?.spec ?? object.spec).domain.devices.disks[0].disk.bus;

const openDialog = (vm, options = {}) => openSwitchDialog(suite, 'finance-apps', vm, options);

describe('switching without fear', () => {
  test('a snapshot is taken before the switch, and Restore snapshot brings the VM back on its old interfaces', async () => {
    const { page } = suite.session;
    // The page worries after 3 s instead of 5 minutes.
    await page.route('**/config.json', (route) => route.fulfill({ json: { apiBase: '/api/kubernetes', agentTimeoutSeconds: 3 } }));
    const { dialog } = await openDialog('win2k22-web', { fromMenu: true });
    const snapshotFirst = dialog.getByRole('checkbox', { name: 'Take a snapshot first' });
    assert.equal(await snapshotFirst.isChecked(), false, 'nothing moves yet');
    await dialog.getByRole('combobox', { name: 'New interface of rootdisk' }).selectOption('virtio');
    assert.equal(await snapshotFirst.isChecked(), true, 'on by default once the boot disk moves');
    await dialog.getByLabel('The VirtIO drivers are installed in Windows: switch the boot disk anyway').check();
    await screenshot(page, 'switch-interface-snapshot-first');
    await dialog.getByRole('button', { name: 'Save and restart now' }).click();
    await dialog.getByRole('button', { name: 'Save and restart' }).click();
    await dialog.getByTestId('switch-snapshot-progress').waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), true, 'it stays open while the snapshot is taken, to say how it ends');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    const snapshots = (await api(snapshotsPath)).items.filter((s) => s.spec.source.name === 'win2k22-web');
    assert.equal(snapshots.length, 1, 'one snapshot, taken once');
    const [snapshot] = snapshots;
    assert.equal(snapshot.status.readyToUse, true, 'ready before the switch was saved');
    assert.match(snapshot.metadata.name, /^win2k22-web-before-switch-\d{8}-\d{6}$/);
    const switched = await api(vmPath('win2k22-web'));
    assert.equal(switched.metadata.annotations['vm.windows-vms.io/switch-snapshot'], snapshot.metadata.name);
    const content = await api(`/apis/snapshot.kubevirt.io/v1beta1/namespaces/finance-apps/virtualmachinesnapshotcontents/${snapshot.status.virtualMachineSnapshotContentName}`);
    assert.equal(bootBus(content.spec.source.virtualMachine), 'sata', 'the snapshot holds the VM as it was');

    await page.goto(`${suite.mock.url}/ns/finance-apps/vms/win2k22-web`);
    const alert = page.getByTestId('boot-failure');
    await alert.waitFor({ timeout: 15_000 });
    assert.match(await alert.innerText(), new RegExp(`Restoring the snapshot ${snapshot.metadata.name}, taken before the switch was applied`));
    const row = page.getByTestId('snapshots').getByTestId('snapshot-row');
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`${snapshot.metadata.name}\\s+just now\\s+\\d+ GiB\\s+Ready`));
    await screenshot(page, 'vm-details-boot-failure-snapshot');

    await alert.getByRole('button', { name: 'Restore snapshot' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore the snapshot?' });
    assert.match(await confirm.innerText(), /Anything written in the guest since the snapshot is lost/);
    await confirm.getByRole('button', { name: 'Stop, restore and start' }).click();
    const progress = page.getByTestId('restore-progress');
    await progress.waitFor();
    await page.getByTestId('restore-done').waitFor({ timeout: 20_000 });
    assert.equal(await progress.count(), 0, 'the progress gives way to the outcome');
    await screenshot(page, 'vm-details-snapshot-restored');

    const restores = (await api('/apis/snapshot.kubevirt.io/v1beta1/namespaces/finance-apps/virtualmachinerestores')).items;
    assert.equal(restores.length, 1, 'restored once');
    assert.equal(restores[0].status.complete, true);
    const restored = await api(vmPath('win2k22-web'));
    assert.equal(bootBus(restored), 'sata');
    assert.equal(restored.metadata.annotations['vm.windows-vms.io/previous-interfaces'], undefined, 'nothing left to revert');
    await eventually(async () => {
      const vmi = await api(vmiPath('win2k22-web'));
      return vmi.status?.phase === 'Running' && bootBus(vmi) === 'sata';
    }, { timeout: 15_000, message: 'the VM runs on its old interfaces' });
    await alert.waitFor({ state: 'detached', timeout: 10_000 });

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete the snapshot?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('snapshots').waitFor({ state: 'detached' });
    assert.equal((await suite.mock.api(`${snapshotsPath}/${snapshot.metadata.name}`)).status, 404);
  });

  test('where the cluster serves no snapshots the dialog says so, and the switch saves without one', async () => {
    await suite.fault({ path: '/apis/snapshot.kubevirt.io/v1beta1$', status: 404 });
    const { page, dialog } = await openDialog('win2k22-sql');
    assert.match(await dialog.getByTestId('switch-no-snapshots').innerText(), /does not serve VM snapshots .*Revert interface/s);
    assert.equal(await dialog.getByRole('checkbox', { name: 'Take a snapshot first' }).count(), 0);
    await screenshot(page, 'switch-interface-no-snapshots');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const vm = await api(vmPath('win2k22-sql'));
    assert.equal(bootBus(vm), 'virtio');
    assert.equal(vm.metadata.annotations['vm.windows-vms.io/switch-snapshot'], undefined);
    assert.deepEqual((await api(snapshotsPath)).items, []);
  });

  /** The browser's local date and time `minutes` from now, as the date and time inputs take them. */
  const localInputs = (page, minutes) => page.evaluate((m) => {
    const at = new Date(Date.now() + m * 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
  }, minutes);

  async function scheduleCarefully(vm) {
    const { page, dialog } = await openDialog(vm);
    await dialog.getByRole('button', { name: 'Save and schedule…' }).click();
    const when = await localInputs(page, 3);
    await dialog.getByLabel('Date').fill(when.date);
    await dialog.getByLabel('Time').fill(when.time);
    await dialog.getByRole('checkbox', { name: 'Only if nobody is signed in to the guest' }).check();
    await dialog.getByLabel('Ask again every').selectOption('10');
    await dialog.getByLabel('Give up after').selectOption('2');
    await screenshot(page, 'switch-interface-schedule-sign-out');
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    return page;
  }

  const cronJobPath = '/apis/batch/v1/namespaces/finance-apps/cronjobs/restart-win2k22-sql';

  test('a conditional schedule waits while users are signed in, and restarts once they sign out', async () => {
    await suite.mock.signIn('finance-apps', 'win2k22-sql', [{ userName: 'dba', domain: 'CORP' }]);
    const page = await scheduleCarefully('win2k22-sql');
    const cronJob = await api(cronJobPath);
    const env = Object.fromEntries(cronJob.spec.jobTemplate.spec.template.spec.containers[0].env.map((e) => [e.name, e.value]));
    assert.equal(env.RETRY_MINUTES, '10');
    assert.equal(Date.parse(env.DEADLINE) - Date.parse(cronJob.metadata.annotations['vm.windows-vms.io/scheduled-for']), 2 * 3600_000);
    assert.match(env.SNAPSHOT, /^win2k22-sql-before-switch-\d{8}-\d{6}$/, 'the Job takes the snapshot just before the restart');
    const role = await api('/apis/rbac.authorization.k8s.io/v1/namespaces/finance-apps/roles/restart-win2k22-sql');
    assert.ok(role.rules.some((r) => r.resources.includes('virtualmachineinstances/userlist') && r.resourceNames[0] === 'win2k22-sql'));
    assert.deepEqual((await api(snapshotsPath)).items, [], 'no snapshot before the time');

    await page.getByRole('link', { name: 'win2k22-sql' }).click();
    assert.match(await page.getByTestId('scheduled-action-sign-out').innerText(), /Only if nobody is signed in.*gives up at/);

    await suite.mock.advanceClock(4 * 60);
    const history = page.getByTestId('restart-history');
    await history.getByText('Waited for users to sign out').waitFor({ timeout: 15_000 });
    assert.match(await history.innerText(), /Not restarted yet: dba signed in\. Asking again at/);
    assert.match(await history.innerText(), /Job restart-win2k22-sql-\d+ is running/);
    await screenshot(page, 'vm-details-restart-waiting');
    assert.equal(bootBus(await api(vmiPath('win2k22-sql'))), 'sata', 'not restarted while dba works');

    await suite.mock.signIn('finance-apps', 'win2k22-sql', []);
    await suite.mock.advanceClock(11 * 60);
    await eventually(async () => {
      const vmi = await api(vmiPath('win2k22-sql'));
      const gone = (await suite.mock.api(cronJobPath)).status === 404;
      return gone && vmi.status?.phase === 'Running' && bootBus(vmi) === 'virtio';
    }, { timeout: 20_000, message: 'the restart happened once everybody signed out' });
    await history.getByText('Restarted', { exact: true }).waitFor({ timeout: 10_000 });
    assert.match(await history.innerText(), /Snapshot taken.*Took the snapshot win2k22-sql-before-switch-/s);
    const snapshots = (await api(snapshotsPath)).items;
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0].metadata.name, env.SNAPSHOT);
    assert.equal((await api(vmPath('win2k22-sql'))).metadata.annotations['vm.windows-vms.io/switch-snapshot'], env.SNAPSHOT);
    await screenshot(page, 'vm-details-restart-history');
  });

  test('a user who may not create Events gets a schedule whose Role does not grant them', async () => {
    await suite.mock.deny({ verb: 'create', resource: 'events', namespace: 'finance-apps' });
    await scheduleCarefully('win2k22-sql');
    const role = await api('/apis/rbac.authorization.k8s.io/v1/namespaces/finance-apps/roles/restart-win2k22-sql');
    assert.ok(!role.rules.some((r) => r.resources.includes('events')), 'Kubernetes would refuse a Role granting more than its maker has');
    assert.ok(role.rules.some((r) => r.resources.includes('virtualmachineinstances/userlist')));
  });

  test('a conditional schedule gives up at its deadline and leaves the VM running, saying why', async () => {
    await suite.mock.signIn('finance-apps', 'win2k22-sql', [{ userName: 'dba', domain: 'CORP' }]);
    const page = await scheduleCarefully('win2k22-sql');
    await page.getByRole('link', { name: 'win2k22-sql' }).click();
    await suite.mock.advanceClock(4 * 60);
    const history = page.getByTestId('restart-history');
    await history.getByText('Waited for users to sign out').waitFor({ timeout: 15_000 });
    for (let minutes = 0; minutes < 130; minutes += 10) {
      await suite.mock.advanceClock(10 * 60);
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await history.getByText('Gave up: users stayed signed in').waitFor({ timeout: 15_000 });
    assert.match(await history.innerText(), /Job restart-win2k22-sql-\d+ failed: .*dba still signed in at the deadline/);
    await page.getByTestId('scheduled-action-failed').waitFor();
    assert.equal(bootBus(await api(vmiPath('win2k22-sql'))), 'sata', 'never restarted');
    assert.deepEqual((await api(snapshotsPath)).items, [], 'no snapshot for a restart that did not happen');
  });
});
