// Whatever the cluster or the user hands the app is shown as text: markup and `javascript:` URLs
// in annotations, a scheduled restart's note, the guest's OS name, an API error message, a typed
// name and an uploaded file's name and contents never run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSuite } from './support/suite.mjs';

const suite = useSuite();
/** Each part marks the page if it ever runs. */
const PAYLOAD = '<img src=x onerror="window.__pwned=\'img\'"><script>window.__pwned=\'script\'</script>'
  + '<a href="javascript:window.__pwned=\'link\'">javascript:window.__pwned=1</a>';
const VM_PATH = '/apis/kubevirt.io/v1/namespaces/windows-dev/virtualmachines';

/** Opens a page that records dialogs, so an `alert` from injected code is caught too. */
function watchForScripts(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  return dialogs;
}

/** Asserts that nothing injected ran or became live markup. */
async function assertInert(page, dialogs) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
    links: [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
  }));
  assert.deepEqual(found, { pwned: null, images: 0, scripts: 0, links: 0 });
  assert.deepEqual(dialogs, []);
}

async function api(path, method, body, contentType = 'application/merge-patch+json') {
  const response = await suite.mock.api(path, { method, headers: { 'Content-Type': contentType }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('markup from the cluster and the user is shown as text', () => {
  test('annotations, a schedule note, the guest OS name and an error message on the list and VM pages', async () => {
    const { page } = suite.session;
    const dialogs = watchForScripts(page);
    const annotated = await api(`${VM_PATH}/win11-dev-01`, 'PATCH', { metadata: { annotations: {
      description: PAYLOAD, 'vm.windows-vms.io/licensing': PAYLOAD, 'vm.kubevirt.io/os': PAYLOAD,
    } } });
    assert.equal(annotated.status, 200, JSON.stringify(annotated.body));
    // As a cluster does, the mock refuses markup in a label value.
    const labelled = await api(`${VM_PATH}/win11-dev-01`, 'PATCH', { metadata: { labels: { evil: PAYLOAD } } });
    assert.equal(labelled.status, 422, 'a label value may not hold markup');

    const vm = (await api(`${VM_PATH}/win11-dev-01`, 'GET')).body;
    const when = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const labels = { 'app.kubernetes.io/managed-by': 'windows-vms', 'vm.windows-vms.io/name': 'win11-dev-01', 'vm.windows-vms.io/action': 'restart' };
    const schedule = await api('/apis/batch/v1/namespaces/windows-dev/cronjobs', 'POST', {
      apiVersion: 'batch/v1', kind: 'CronJob',
      metadata: { name: 'restart-win11-dev-01', labels, ownerReferences: [{ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', name: 'win11-dev-01', uid: vm.metadata.uid }],
        annotations: { 'vm.windows-vms.io/scheduled-for': when, 'vm.windows-vms.io/reason': PAYLOAD, 'vm.windows-vms.io/note': PAYLOAD, 'vm.windows-vms.io/created-by': PAYLOAD } },
      spec: { schedule: '0 3 1 1 *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'restart', image: 'registry.example.com/cli' }] } } } } },
    }, 'application/json');
    assert.equal(schedule.status, 201, JSON.stringify(schedule.body));

    // The guest agent reports an OS name of the guest's choosing.
    await page.route(/\/virtualmachineinstances(\?|\/win11-dev-01)/, async (route) => {
      if (route.request().url().includes('watch=true')) return route.continue();
      const response = await route.fetch();
      const body = await response.json();
      for (const vmi of body.items ?? [body]) {
        vmi.status = { ...vmi.status, guestOSInfo: { ...vmi.status?.guestOSInfo, prettyName: PAYLOAD, name: PAYLOAD } };
      }
      await route.fulfill({ response, json: body });
    });

    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win11-dev-01`);
    const scheduled = page.getByTestId('scheduled-actions');
    await scheduled.waitFor();
    assert.ok((await scheduled.innerText()).includes(PAYLOAD), 'the note is shown as text');
    await page.getByTestId('vm-overview').getByText(PAYLOAD).first().waitFor();
    await assertInert(page, dialogs);

    // An error message the server words itself.
    await suite.fault({ method: 'PUT', path: '/win10-legacy/start', status: 500, times: 1,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: PAYLOAD, code: 500 } });
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms`);
    await page.getByRole('button', { name: 'Actions for win10-legacy' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true }).click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    assert.ok((await alert.innerText()).includes('<img src=x'), await alert.innerText());
    await assertInert(page, dialogs);
  });

  test('a typed name and an uploaded file\'s name and contents', async () => {
    const { page } = suite.session;
    const dialogs = watchForScripts(page);
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/~new`);
    await page.getByRole('textbox', { name: 'Name' }).fill(PAYLOAD);
    await page.getByRole('textbox', { name: 'Name' }).blur();
    await page.getByText(/lowercase|DNS|characters/).first().waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), PAYLOAD, 'what was typed is kept');
    await page.getByRole('textbox', { name: 'Name' }).fill('win11-xss');
    await page.getByLabel('Boot source').selectOption('iso-url');
    await page.getByLabel('ISO URL').fill('javascript:window.__pwned=1');
    await page.getByLabel('ISO URL').blur();
    await page.getByText('The URL must start with http:// or https://.').waitFor();
    await page.getByLabel('ISO URL').fill('https://example.com/Win11_24H2.iso');
    await page.getByRole('button', { name: 'Advanced', exact: true }).click();
    await page.getByRole('heading', { name: 'Advanced', level: 2 }).waitFor();
    await page.getByLabel('Upload answer files').check();
    const input = page.getByLabel('Answer file', { exact: true });
    await input.setInputFiles({ name: `${PAYLOAD}.xml`, mimeType: 'text/xml', buffer: Buffer.from('<unattend/>') });
    const error = page.getByTestId('sysprep-upload-error');
    await error.waitFor();
    assert.ok((await error.innerText()).includes('<img src=x'), await error.innerText());
    const escaped = PAYLOAD.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const xml = `<?xml version="1.0"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem"><!-- ${PAYLOAD.replaceAll('--', '')} --><Note>${escaped}</Note></settings></unattend>\n`;
    await input.setInputFiles({ name: 'unattend.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
    await page.getByTestId('sysprep-file').getByText('unattend.xml', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Review and create' }).click();
    const file = page.getByTestId('sysprep-file-masked');
    await file.waitFor();
    assert.ok((await file.innerText()).includes(escaped), 'the file is shown as it is');
    await assertInert(page, dialogs);
  });
});
