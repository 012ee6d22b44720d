// The Switch interface dialog: from the driver warning to VirtIO, saved for the next restart or
// applied now, refused when the VM changed meanwhile, and careful with the boot disk.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { screenshot } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { useSuite } from './support/suite.mjs';
import { openSwitchDialog } from './support/switch-dialog.mjs';
import { VmListPage } from './support/vm-list-page.mjs';

// A zone east of UTC, so local time and UTC differ on screen.
const suite = useSuite({ page: { timezoneId: 'Europe/Berlin' } });
const sqlPath = '/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-sql';
const readVm = async (path = sqlPath) => (await suite.mock.api(path)).json();

/** Opens the dialog for a VM of finance-apps from the list's hint (or the row's menu). */
const openFromList = (vm = 'win2k22-sql', options = {}) => openSwitchDialog(suite, 'finance-apps', vm, options);

const chosen = (dialog, label) => dialog.getByRole('combobox', { name: label }).inputValue();

describe('switch interface', () => {
  test('VirtIO is preselected once the guest tools are in; Save applies it at the next restart', async () => {
    const { page, list, dialog } = await openFromList();
    assert.equal(await chosen(dialog, 'New interface of rootdisk'), 'virtio');
    assert.equal(await chosen(dialog, 'New model of default'), 'virtio');
    assert.equal(await dialog.getByRole('combobox', { name: 'New interface of windows-drivers-disk' }).count(), 0, 'CD-ROMs stay SATA');
    assert.match(await dialog.getByTestId('disk-bus-choice').innerText(), /VirtIO is the simplest and fastest for a disk of its own\. VirtIO-SCSI suits many disks/);
    assert.match(await dialog.innerText(), /The guest agent is connected, so the guest tools are installed/);
    await screenshot(page, 'switch-interface-dialog');
    // Tab and Shift+Tab go round the dialog's controls and never behind the backdrop.
    const focusInside = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"][aria-labelledby="wvm-switch-title"]'));
    for (const key of [...Array(8).fill('Tab'), ...Array(8).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      assert.equal(await focusInside(), true, `focus left the dialog after ${key}`);
    }
    const axe = await new AxeBuilder({ page }).include('.pf-v6-c-modal-box').analyze();
    assert.deepEqual(axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);
    const before = await readVm();

    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'win2k22-sql: restart pending to switch to VirtIO' }).waitFor();

    const after = await readVm();
    const devices = after.spec.template.spec.domain.devices;
    assert.equal(devices.disks[0].disk.bus, 'virtio');
    assert.deepEqual(devices.disks[1], before.spec.template.spec.domain.devices.disks[1]);
    assert.equal(devices.interfaces[0].model, 'virtio');
    assert.deepEqual(devices.interfaces[0].masquerade, {});
    const previous = JSON.parse(after.metadata.annotations['vm.windows-vms.io/previous-interfaces']);
    assert.deepEqual({ disks: previous.disks, nics: previous.nics }, { disks: { rootdisk: 'sata' }, nics: { default: 'e1000e' } });
    assert.ok(Math.abs(Date.parse(previous.switchedAt) - Date.now()) < 60_000, 'the switch time is recorded');
    assert.equal(after.metadata.annotations.description, before.metadata.annotations.description);
    assert.deepEqual(after.spec.dataVolumeTemplates, before.spec.dataVolumeTemplates);

    await page.goto(`${suite.mock.url}/ns/finance-apps/vms/win2k22-sql`);
    await page.getByTestId('restart-required').waitFor();
    await page.getByRole('button', { name: 'Actions for win2k22-sql' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Restart' }).click();
    await page.getByTestId('restart-required').waitFor({ state: 'detached', timeout: 10_000 });
    await list.open('/ns/finance-apps/vms');
    await list.waitForStatus('finance-apps', 'win2k22-sql', 'Running', 10_000);
    const vmi = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachineinstances/win2k22-sql')).json();
    assert.equal(vmi.spec.domain.devices.disks[0].disk.bus, 'virtio');
    assert.equal(await page.locator('tr[data-vm="finance-apps/win2k22-sql"] .wvm-popover-trigger').count(), 0, 'no warning once on VirtIO');
  });

  test('Save and restart now asks first, then the VM restarts on VirtIO', async () => {
    const { page, dialog } = await openFromList();
    await dialog.getByRole('button', { name: 'Save and restart now' }).click();
    assert.match(await dialog.getByTestId('switch-confirm-restart').innerText(), /The guest will be restarted/);
    await dialog.getByRole('button', { name: 'Save and restart' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(async () => {
      const vmi = await (await fetch('/api/kubernetes/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachineinstances/win2k22-sql')).json();
      return vmi.status?.phase === 'Running' && vmi.spec?.domain?.devices?.interfaces?.[0]?.model === 'virtio';
    }, null, { timeout: 10_000, polling: 250 });
  });

  test('with users signed in, restarting now names them and waits until the user confirms', async () => {
    await suite.mock.signIn('finance-apps', 'win2k22-sql', [{ userName: 'dba', domain: 'CORP' }, { userName: 'Administrator' }]);
    const { page, dialog } = await openFromList();
    await dialog.getByRole('button', { name: 'Save and restart now' }).click();
    const alert = dialog.getByTestId('signed-in-alert');
    await alert.waitFor();
    assert.match(await dialog.getByTestId('guest-uptime').innerText(), /^The guest has been running for \d+ (day|week|month)s?\.$/);
    assert.match(await alert.innerText(), /CORP\\dba, signed in just now/);
    assert.match(await alert.innerText(), /Administrator, signed in just now/);
    const restart = dialog.getByRole('button', { name: 'Save and restart', exact: true });
    assert.equal(await restart.isDisabled(), true, 'not before the user confirms');
    await screenshot(page, 'switch-signed-in-users');
    await dialog.getByRole('checkbox', { name: 'Sign out CORP\\dba and Administrator and restart' }).check();
    await restart.click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(async () => (await readVm()).spec.template.spec.domain.devices.disks[0].disk.bus === 'virtio');

    // Once everybody signed out, there is nothing to confirm.
    await suite.mock.signIn('windows-dev', 'win11-dev-01', []);
    await new VmListPage(page, suite.mock.url).open('/ns/windows-dev/vms');
    await page.getByRole('button', { name: 'win11-dev-01: switch to VirtIO for better performance' }).click();
    await page.getByRole('button', { name: 'Switch interface' }).click();
    const again = page.getByRole('dialog', { name: 'Switch interface' });
    await again.getByRole('button', { name: 'Save and restart now' }).click();
    await again.getByTestId('signed-in-users').getByText('Nobody is signed in to the guest.').waitFor();
    assert.equal(await again.getByRole('button', { name: 'Save and restart', exact: true }).isDisabled(), false);
  });

  test('Cancel changes nothing and sends nothing', async () => {
    const { page, dialog } = await openFromList();
    const writes = [];
    page.on('request', (r) => { if (r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`); });
    await dialog.getByRole('combobox', { name: 'New model of default' }).selectOption('e1000e');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(writes, []);
    assert.equal((await readVm()).spec.template.spec.domain.devices.disks[0].disk.bus, 'sata');
  });

  test('a VM changed by someone else meanwhile is not overwritten, and the user is told', async () => {
    const { page, dialog } = await openFromList();
    const changed = await suite.mock.api(sqlPath, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/spec/template/spec/domain/devices/disks/0/disk/bus', value: 'scsi' }]),
    });
    assert.equal(changed.status, 200);
    suite.expectHttpError(/^422 PATCH .*\/virtualmachines\/win2k22-sql/);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText('was changed by someone else meanwhile, so nothing was changed').waitFor();
    assert.equal(await chosen(dialog, 'New model of default'), 'virtio', 'the choices are kept');
    const vm = await readVm();
    assert.equal(vm.spec.template.spec.domain.devices.disks[0].disk.bus, 'scsi');
    assert.equal(vm.spec.template.spec.domain.devices.interfaces[0].model, 'e1000e');
    assert.equal(vm.metadata.annotations['vm.windows-vms.io/previous-interfaces'], undefined);
    await screenshot(page, 'switch-interface-conflict');
  });

  test('without the guest agent, nothing is preselected and moving the boot disk needs a confirmation', async () => {
    const { page, dialog } = await openFromList('win2k22-web', { fromMenu: true });
    assert.match(await dialog.getByTestId('switch-no-agent').innerText(), /INACCESSIBLE_BOOT_DEVICE/);
    assert.equal(await chosen(dialog, 'New interface of rootdisk'), 'sata');
    const save = dialog.getByRole('button', { name: 'Save', exact: true });
    assert.equal(await save.isDisabled(), true, 'nothing to save yet');
    await dialog.getByRole('combobox', { name: 'New interface of rootdisk' }).selectOption('virtio');
    const confirm = dialog.getByLabel('The VirtIO drivers are installed in Windows: switch the boot disk anyway');
    await confirm.waitFor();
    assert.equal(await save.isDisabled(), true, 'not without the confirmation');
    await confirm.check();
    assert.equal(await save.isDisabled(), false);
    await screenshot(page, 'switch-interface-no-agent');
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    const vm = await readVm('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-web');
    assert.equal(vm.spec.template.spec.domain.devices.disks[0].disk.bus, 'virtio');
    assert.equal(vm.spec.template.spec.domain.devices.interfaces[0].model, 'e1000e');
  });

  /** The browser's local date and time `minutes` from now, as the date and time inputs take them. */
  const localInputs = (page, minutes) => page.evaluate((m) => {
    const at = new Date(Date.now() + m * 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
      utc: `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC` };
  }, minutes);

  async function schedule(dialog, page, minutes, note = '') {
    await dialog.getByRole('button', { name: 'Save and schedule…' }).click();
    const when = await localInputs(page, minutes);
    await dialog.getByLabel('Date').fill(when.date);
    await dialog.getByLabel('Time').fill(when.time);
    if (note) await dialog.getByLabel('Note (optional)').fill(note);
    await dialog.getByText(`that is ${when.utc}`).waitFor();
    return when;
  }

  const cronJobPath = '/apis/batch/v1/namespaces/finance-apps/cronjobs/restart-win2k22-sql';

  test('Save and schedule: the restart happens at its time with the browser closed, then the schedule is gone', async () => {
    const { page, dialog } = await openFromList();
    const when = await schedule(dialog, page, 3, 'after the nightly backup');
    await screenshot(page, 'switch-interface-schedule');
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const badge = page.getByRole('img', { name: /^Restart scheduled for / });
    await badge.waitFor();
    assert.match(await badge.getAttribute('aria-label'), new RegExp(`${when.date} ${when.time} Europe/Berlin \\(${when.utc}\\)`));
    await screenshot(page, 'vm-list-scheduled-restart');

    const cronJob = await (await suite.mock.api(cronJobPath)).json();
    assert.equal(cronJob.metadata.labels['vm.windows-vms.io/name'], 'win2k22-sql');
    assert.equal(cronJob.metadata.labels['vm.windows-vms.io/action'], 'restart');
    assert.equal(cronJob.metadata.annotations['vm.windows-vms.io/created-by'], 'developer');
    assert.equal(cronJob.metadata.annotations['vm.windows-vms.io/note'], 'after the nightly backup');
    assert.equal(cronJob.spec.timeZone, 'Etc/UTC');
    for (const kind of ['serviceaccounts', 'roles', 'rolebindings']) {
      const group = kind === 'serviceaccounts' ? '/api/v1' : '/apis/rbac.authorization.k8s.io/v1';
      const object = await (await suite.mock.api(`${group}/namespaces/finance-apps/${kind}/restart-win2k22-sql`)).json();
      assert.equal(object.metadata.ownerReferences[0].uid, cronJob.metadata.uid, `${kind} owned by the CronJob`);
    }
    await page.getByRole('link', { name: 'win2k22-sql' }).click();
    const section = page.getByTestId('scheduled-actions');
    assert.match(await section.innerText(), /Apply the interface switch: restart at .*Scheduled by developer — after the nightly backup/s);
    await screenshot(page, 'vm-details-scheduled-restart');

    // The browser is closed; the cluster keeps the appointment.
    assert.deepEqual([...suite.session.errors, ...suite.session.httpErrors], []);
    await suite.session.context.close();
    await suite.mock.advanceClock(4 * 60);
    await eventually(async () => {
      const vmi = await (await suite.mock.api('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachineinstances/win2k22-sql')).json();
      const gone = (await suite.mock.api(cronJobPath)).status === 404;
      return gone && vmi.status?.phase === 'Running' && vmi.spec?.domain.devices.disks[0].disk.bus === 'virtio';
    }, { timeout: 15_000, message: 'the scheduled restart did not happen' });
    assert.equal((await suite.mock.api('/apis/rbac.authorization.k8s.io/v1/namespaces/finance-apps/roles/restart-win2k22-sql')).status, 404);
    await suite.reopen();
  });

  test('a scheduled restart whose Job fails stays, and the VM page says so', async () => {
    const { page, dialog } = await openFromList();
    await schedule(dialog, page, 3, 'will be late');
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // The cluster was down: the Job starts after the latest start its script accepts.
    const cronJob = await (await suite.mock.api(cronJobPath)).json();
    const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
    container.env.find((e) => e.name === 'LATEST_START').value = new Date(Date.now() - 60_000).toISOString();
    const replaced = await suite.mock.api(cronJobPath, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cronJob) });
    assert.equal(replaced.status, 200);
    await suite.mock.advanceClock(4 * 60);
    const badge = page.getByRole('img', { name: /^The restart scheduled for .* did not happen$/ });
    await badge.waitFor({ timeout: 15_000 });
    const jobs = await (await suite.mock.api('/apis/batch/v1/namespaces/finance-apps/jobs?labelSelector=vm.windows-vms.io/name%3Dwin2k22-sql')).json();
    assert.deepEqual(jobs.items.map((j) => j.status.conditions[0].type), ['Failed'], 'kubectl get jobs shows the failure');
    assert.equal((await suite.mock.api(cronJobPath)).status, 200, 'the schedule is kept');

    await page.getByRole('link', { name: 'win2k22-sql' }).click();
    const failed = page.getByTestId('scheduled-action-failed');
    await failed.waitFor();
    assert.match(await failed.innerText(), /kubectl logs -n finance-apps -l vm\.windows-vms\.io\/name=win2k22-sql/);
    await screenshot(page, 'vm-details-scheduled-restart-failed');
    await page.getByTestId('scheduled-actions').getByRole('button', { name: 'Cancel schedule' }).click();
    await page.getByTestId('scheduled-actions').waitFor({ state: 'detached' });
    assert.equal((await suite.mock.api(cronJobPath)).status, 404);
  });

  test('a CronJob of that name that is not this VM\'s schedule is left alone, and the user is told', async () => {
    const stranger = await suite.mock.api('/apis/batch/v1/namespaces/finance-apps/cronjobs', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'restart-win2k22-sql', labels: { team: 'dba' } },
        spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'registry.example.com/backup' }] } } } } } }),
    });
    assert.equal(stranger.status, 201);
    const { page, dialog } = await openFromList();
    await schedule(dialog, page, 3, '');
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /A CronJob named restart-win2k22-sql already exists in namespace finance-apps and is not this VM's scheduled restart/);
    const kept = await (await suite.mock.api(cronJobPath)).json();
    assert.deepEqual(kept.metadata.labels, { team: 'dba' }, 'the other CronJob is untouched');
    assert.equal(kept.spec.jobTemplate.spec.template.spec.containers[0].name, 'backup');
  });

  test('a time in the past is refused in place, and what was typed stays', async () => {
    const { page, dialog } = await openFromList();
    await dialog.getByRole('button', { name: 'Save and schedule…' }).click();
    const past = await localInputs(page, -30);
    await dialog.getByLabel('Date').fill(past.date);
    await dialog.getByLabel('Time').fill(past.time);
    assert.match(await dialog.getByTestId('schedule-problem').innerText(), /That time has passed/);
    assert.equal(await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).isDisabled(), true);
    assert.equal(await dialog.getByLabel('Time').inputValue(), past.time);
    await dialog.getByRole('button', { name: 'Back' }).click();
    assert.equal(await chosen(dialog, 'New model of default'), 'virtio', 'the choices survive going back');
  });

  test('scheduling again replaces the schedule instead of adding one, and Cancel on the VM page removes it', async () => {
    let { page, dialog } = await openFromList();
    await dialog.getByRole('combobox', { name: 'New interface of rootdisk' }).selectOption('sata');
    await schedule(dialog, page, 30);
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const first = await (await suite.mock.api(cronJobPath)).json();

    ({ page, dialog } = await openFromList('win2k22-sql', { fromMenu: true }));
    assert.equal(await chosen(dialog, 'New interface of rootdisk'), 'virtio');
    const later = await schedule(dialog, page, 90);
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const list = await (await suite.mock.api('/apis/batch/v1/namespaces/finance-apps/cronjobs')).json();
    assert.equal(list.items.length, 1, 'one schedule per VM');
    assert.equal(list.items[0].metadata.uid, first.metadata.uid);
    assert.notEqual(list.items[0].spec.schedule, first.spec.schedule);
    assert.match(list.items[0].metadata.annotations['vm.windows-vms.io/scheduled-for'], new RegExp(later.utc.slice(0, 10)));

    await page.goto(`${suite.mock.url}/ns/finance-apps/vms/win2k22-sql`);
    const section = page.getByTestId('scheduled-actions');
    await section.getByRole('button', { name: 'Cancel schedule' }).click();
    await section.waitFor({ state: 'detached' });
    assert.equal((await suite.mock.api(cronJobPath)).status, 404);
    assert.equal((await suite.mock.api('/api/v1/namespaces/finance-apps/serviceaccounts/restart-win2k22-sql')).status, 404);
    await page.getByTestId('restart-required').waitFor();
  });

  test('a user who may not create the schedule\'s Role is told why, and nothing half-made is left', async () => {
    const { page, dialog } = await openFromList();
    await suite.fault({ method: 'POST', path: '/roles', status: 403 });
    await schedule(dialog, page, 10);
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.getByText('You may not create Roles in namespace finance-apps').waitFor();
    assert.match(await dialog.innerText(), /Saved, but the restart could not be scheduled/);
    assert.equal((await suite.mock.api(cronJobPath)).status, 404, 'the CronJob was removed again');
    assert.equal((await readVm()).spec.template.spec.domain.devices.disks[0].disk.bus, 'virtio', 'the switch itself is saved');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('when the half-made schedule cannot be removed either, the user is told how to remove it', async () => {
    const { page, dialog } = await openFromList();
    await suite.fault({ method: 'POST', path: '/rolebindings', status: 403 });
    await suite.fault({ method: 'DELETE', path: '/cronjobs/restart-win2k22-sql', status: 500, times: 1 });
    await schedule(dialog, page, 10);
    await dialog.getByRole('button', { name: 'Save and schedule', exact: true }).click();
    await dialog.getByText('You may not create RoleBindings in namespace finance-apps').waitFor();
    assert.match(await dialog.innerText(),
      /The CronJob restart-win2k22-sql made a moment before could not be removed again .*kubectl delete cronjob restart-win2k22-sql -n finance-apps/s);
    assert.equal((await suite.mock.api(cronJobPath)).status, 200, 'it is indeed still there');
  });

  test('switching the boot disk without the guest tools: Windows fails to boot, and Revert interface brings it back', async () => {
    const { page } = suite.session;
    // The page worries after 3 s instead of 5 minutes.
    await page.route('**/config.json', (route) => route.fulfill({ json: { apiBase: '/api/kubernetes', agentTimeoutSeconds: 3 } }));
    const { dialog } = await openFromList('win2k22-web', { fromMenu: true });
    await dialog.getByRole('combobox', { name: 'New interface of rootdisk' }).selectOption('virtio');
    await dialog.getByLabel('The VirtIO drivers are installed in Windows: switch the boot disk anyway').check();
    await dialog.getByRole('button', { name: 'Save and restart now' }).click();
    await dialog.getByRole('button', { name: 'Save and restart' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.goto(`${suite.mock.url}/ns/finance-apps/vms/win2k22-web`);
    const alert = page.getByTestId('boot-failure');
    await alert.waitFor({ timeout: 15_000 });
    assert.match(await alert.innerText(), /INACCESSIBLE_BOOT_DEVICE/);
    // The page worries once the agent is late; the guest's blue screen is recorded when it shows,
    // which on a busy machine may come a moment later.
    await eventually(async () => {
      const events = await (await suite.mock.api('/api/v1/namespaces/finance-apps/events')).json();
      return events.items.some((e) => e.type === 'Warning' && e.involvedObject.name === 'win2k22-web' && /INACCESSIBLE_BOOT_DEVICE/.test(e.message));
    }, { message: 'the failed boot left a Warning Event' });
    await screenshot(page, 'vm-details-boot-failure');

    await alert.getByRole('button', { name: 'Revert interface' }).click();
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    const vm = await readVm('/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachines/win2k22-web');
    assert.equal(vm.spec.template.spec.domain.devices.disks[0].disk.bus, 'sata');
    assert.equal(vm.metadata.annotations['vm.windows-vms.io/previous-interfaces'], undefined);
    await page.waitForFunction(async () => {
      const vmi = await (await fetch('/api/kubernetes/apis/kubevirt.io/v1/namespaces/finance-apps/virtualmachineinstances/win2k22-web')).json();
      return vmi.status?.phase === 'Running' && vmi.spec.domain.devices.disks[0].disk.bus === 'sata';
    }, null, { timeout: 10_000, polling: 250 });
  });
});
