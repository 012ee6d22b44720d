// The VM consoles in the browser against the mock's simulated guests: the VNC screen on the
// Console tab, keys and pasted text arriving as the guest's layout types them, installing the
// guest tools by clicking in the guest's screen, reconnecting after a restart, the serial
// console, the Overview's preview, the list's "Open console" and the console's own window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { eventually } from './support/eventually.mjs';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';
import { VmListPage } from './support/vm-list-page.mjs';

// Guest tools install quickly here, so a test can watch the list's hint change.
const suite = useSuite({ mockArgs: ['--guest-tools-install-ms', '2000'] });

/** Waits until `check` stops throwing. */
function until(check, options) {
  return eventually(async () => { await check(); return true; }, options);
}

/** Opens a VM's page on its Console tab and waits until the screen is connected. */
async function openConsole(page, namespace, name) {
  await page.goto(`${suite.mock.url}/ns/${namespace}/vms/${name}`);
  await page.getByRole('tab', { name: 'Console' }).click();
  await waitConnected(page);
}

async function waitConnected(page) {
  await page.getByTestId('console-status').filter({ hasText: /^Connected/ }).waitFor({ timeout: 15_000 });
}

/** What the guest received on its VNC console: key events and the text they typed. */
async function guestInput(namespace, name) {
  const response = await suite.mock.api(`/mock/console/${namespace}/${name}/keys`);
  assert.equal(response.status, 200);
  return response.json();
}

/** The colour of one guest pixel as the canvas shows it. */
async function pixel(page, x, y) {
  return page.getByTestId('console-screen').evaluate(
    (canvas, [px, py]) => Array.from(canvas.getContext('2d').getImageData(px, py, 1, 1).data),
    [x, y],
  );
}

/** Clicks the guest's screen at a guest pixel, whatever the canvas is scaled to. */
async function clickGuest(page, x, y) {
  const canvas = page.getByTestId('console-screen');
  const box = await canvas.boundingBox();
  const size = await canvas.evaluate((c) => [c.width, c.height]);
  await page.mouse.click(box.x + (x + 0.5) * box.width / size[0], box.y + (y + 0.5) * box.height / size[1]);
}

/** Drops the browser's own log lines about console WebSockets refused on purpose. */
function forgetRefusedUpgrades(errors) {
  const refused = /^WebSocket connection to '.*\/vnc\?preserveSession=true' failed/;
  errors.splice(0, errors.length, ...errors.filter((e) => !refused.test(e)));
}

async function setGuestLayout(namespace, name, layout) {
  const response = await suite.mock.api(`/mock/console/${namespace}/${name}/layout`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layout }),
  });
  assert.ok(response.ok, await response.text());
}

async function paste(page, text) {
  await page.getByRole('button', { name: 'Paste text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text' });
  await dialog.getByLabel('Text to type').fill(text);
  await dialog.getByRole('button', { name: 'Type into the VM' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('VNC console', () => {
  test('shows the running guest\'s screen, sized and labelled, and axe finds nothing serious', async () => {
    const { page } = suite.session;
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    await until(async () => assert.equal(await page.getByTestId('console-size').innerText(), '1280x800'));
    // The simulated desktop is Windows blue, not the black of an empty canvas.
    await until(async () => {
      const [r, g, b] = await pixel(page, 640, 700);
      assert.ok(b > 80 && r < 60, `desktop pixel ${[r, g, b]}`);
    });
    const screen = page.getByRole('application', { name: /Screen of virtual machine win11-dev-01/ });
    assert.match(await screen.getAttribute('aria-label'), /Shift\+Esc/);
    const axe = await new AxeBuilder({ page }).include('[role=tabpanel]:not([hidden])').analyze();
    assert.deepEqual(axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);
    await screenshot(page, 'console-vnc');
  });

  test('keys typed on the focused screen reach the guest; Shift+Esc gives the keyboard back', async () => {
    const { page } = suite.session;
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    const screen = page.getByTestId('console-screen');
    await screen.focus();
    assert.match(await page.locator('#wvm-console-hint').innerText(), /Press Shift\+Esc to leave/);
    // Tab goes to the guest, not to the next control.
    await page.keyboard.type('hi there');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'console-screen');
    await until(async () => assert.match((await guestInput('windows-dev', 'win11-dev-01')).text, /hi there/));
    await page.keyboard.press('Shift+Escape');
    assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'console-screen');
    // Every key that went down came up again: nothing stays stuck in the guest.
    const { keys } = await guestInput('windows-dev', 'win11-dev-01');
    const held = new Map();
    for (const k of keys) held.set(k.scancode, k.down);
    assert.deepEqual([...held.entries()].filter(([, down]) => down), []);
    // The guest draws what it received.
    await screenshot(page, 'console-typed');
  });

  test('Send key sends Ctrl+Alt+Del as scancodes, pressed in order and released in reverse', async () => {
    const { page } = suite.session;
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    await page.getByRole('button', { name: 'Send key' }).click();
    await page.getByRole('menuitem', { name: 'Ctrl+Alt+Del' }).click();
    await until(async () => {
      const { keys } = await guestInput('windows-dev', 'win11-dev-01');
      assert.deepEqual(keys.map((k) => [k.scancode, k.down]), [
        [0x1d, true], [0x38, true], [0xd3, true], [0xd3, false], [0x38, false], [0x1d, false],
      ]);
    });
  });

  test('Paste types text for the guest\'s layout, US and German alike, and warns of what it cannot type', async () => {
    const { page } = suite.session;
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    await paste(page, 'user@example.com');
    await until(async () => assert.match((await guestInput('windows-dev', 'win11-dev-01')).text, /user@example\.com/));

    await setGuestLayout('windows-dev', 'win11-dev-01', 'de');
    await page.getByTestId('console-layout').selectOption({ label: 'German' });
    await paste(page, 'Grüße zu@');
    await until(async () => assert.match((await guestInput('windows-dev', 'win11-dev-01')).text, /Grüße zu@/));

    // Characters the layout has no key for are named before anything is sent.
    await page.getByRole('button', { name: 'Paste text' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paste text' });
    await dialog.getByLabel('Text to type').fill('¥100');
    assert.match(await dialog.getByTestId('paste-untypable').innerText(), /German layout cannot type.*¥/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The choice is remembered in this browser.
    await page.reload();
    await page.getByRole('tab', { name: 'Console' }).click();
    await waitConnected(page);
    assert.equal(await page.getByTestId('console-layout').inputValue(), 'de');
  });

  test('a German guest types z where a German keyboard has it, from the physical key', async () => {
    const { page } = suite.session;
    await setGuestLayout('windows-dev', 'win11-dev-01', 'de');
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    await page.getByTestId('console-screen').focus();
    // The key a US keyboard labels Y sits where QWERTZ has Z.
    await page.keyboard.press('KeyY');
    await until(async () => assert.match((await guestInput('windows-dev', 'win11-dev-01')).text, /z$/));
  });

  test('clicking Install in the guest\'s screen installs the guest tools, and the list\'s hint changes', async () => {
    const { page } = suite.session;
    const list = new VmListPage(page, suite.mock.url);
    await list.open('/ns/finance-apps/vms');
    await page.getByRole('button', { name: 'win2k22-web: the guest tools are not installed yet' }).waitFor();
    await page.getByRole('button', { name: 'Actions for win2k22-web' }).click();
    await page.getByRole('menuitem', { name: 'Open console' }).click();
    await page.waitForURL(/\/ns\/finance-apps\/vms\/win2k22-web\?tab=console$/);
    await waitConnected(page);
    // The installer's button, as the guest draws it: 320x56 at (480, 360).
    await until(async () => {
      const [r, g] = await pixel(page, 482, 362);
      assert.ok(g > 100 && r < 100, 'the Install button is on screen');
    });
    await screenshot(page, 'console-guest-tools-offered');
    await clickGuest(page, 640, 388);
    await list.open('/ns/finance-apps/vms');
    await page.getByRole('button', { name: 'win2k22-web: switch to VirtIO for better performance' })
      .waitFor({ timeout: 15_000 });
  });

  test('a restart drops the connection and the console comes back by itself', async () => {
    const { page } = suite.session;
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    await page.getByRole('button', { name: 'Actions for win11-dev-01' }).click();
    await page.getByRole('menuitem', { name: 'Restart' }).click();
    await page.getByTestId('console-status').filter({ hasText: /^Connected/ }).waitFor({ state: 'detached', timeout: 15_000 });
    await waitConnected(page);
    await until(async () => assert.equal(await page.getByTestId('console-size').innerText(), '1280x800'), { timeout: 20_000 });
  });

  test('a stopped VM offers Start, and its console opens once it runs', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win10-legacy?tab=console`);
    const empty = page.getByTestId('empty-state');
    await empty.getByText('The virtual machine is stopped').waitFor();
    await empty.getByRole('button', { name: 'Start' }).click();
    await waitConnected(page);
  });

  test('the Overview shows a live preview that opens the console', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win11-dev-01`);
    const preview = page.getByRole('img', { name: 'Live picture of the screen of win11-dev-01' });
    await until(async () => {
      const [r, , b] = await preview.evaluate((c) => Array.from(c.getContext('2d').getImageData(640, 700, 1, 1).data));
      assert.ok(b > 80 && r < 60);
    });
    await page.getByRole('button', { name: 'Open console' }).click();
    await waitConnected(page);
    assert.equal(await page.getByRole('tab', { name: 'Console' }).getAttribute('aria-selected'), 'true');
  });

  test('the console opens in a window of its own, without the app around it', async () => {
    const { page } = suite.session;
    await openConsole(page, 'windows-dev', 'win11-dev-01');
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Open in new window' }).click(),
    ]);
    await popup.waitForURL(/\/ns\/windows-dev\/vms\/win11-dev-01\/console\?type=vnc$/);
    await waitConnected(popup);
    assert.equal(await popup.getByRole('heading', { name: 'win11-dev-01 console' }).isVisible(), true);
    assert.equal(await popup.getByRole('navigation', { name: 'Global' }).isVisible(), false);
    // The new window took the console over; the first one says so and, trying again, only asks
    // KubeVirt for the screen if no one else has it, so the two windows do not fight over it.
    suite.expectHttpError(/^(400|500) GET .*\/vnc\?preserveSession=true$/);
    await page.getByTestId('console-status').filter({ hasText: /another window/ }).waitFor({ timeout: 15_000 });
    await screenshot(popup, 'console-window');
    await screenshot(page, 'console-taken-over');
    // Once the other window closes, the first gets the screen back by itself.
    await popup.close();
    await waitConnected(page);
    // The refused tries are what the browser reports of a WebSocket refused at its upgrade.
    forgetRefusedUpgrades(suite.session.errors);
  });
});

describe('serial console', () => {
  test('a Windows guest\'s SAC answers a command typed into the terminal', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win11-dev-01?tab=console`);
    await page.getByRole('button', { name: 'Serial console' }).click();
    await waitConnected(page);
    const terminal = page.getByRole('log', { name: 'Serial console of virtual machine win11-dev-01' });
    await terminal.click();
    await page.keyboard.press('Enter');
    await terminal.getByText('SAC>').first().waitFor();
    await page.keyboard.type('help');
    await page.keyboard.press('Enter');
    await until(async () => assert.match(await terminal.innerText(), /help[\s\S]*SAC>/));
    const axe = await new AxeBuilder({ page }).include('[role=tabpanel]:not([hidden])').analyze();
    assert.deepEqual(axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);
    await screenshot(page, 'console-serial');
  });

  test('a Linux guest asks for a login over the serial console', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/fedora-tools?tab=console`);
    await page.getByRole('button', { name: 'Serial console' }).click();
    await waitConnected(page);
    const terminal = page.getByTestId('serial-screen');
    await terminal.click();
    await page.keyboard.press('Enter');
    await until(async () => assert.match(await terminal.innerText(), /login:/));
  });
});
