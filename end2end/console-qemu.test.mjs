// The VNC console against a real VNC server: QEMU (no KVM, booting nothing) shows SeaBIOS, and
// the mock's `vnc` subresource bridges QEMU's socket as virt-handler does. The app's client must
// draw QEMU's own screen (its encodings, not the mock's) and send keys QEMU acts on. Skipped,
// saying so, where `qemu-system-x86_64` is missing (`scripts/setup.sh --browser` installs it).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventually } from './support/eventually.mjs';
import { screenshot } from './support/browser.mjs';
import { useSuite } from './support/suite.mjs';

const qemuBinary = 'qemu-system-x86_64';
const hasQemu = spawnSync(qemuBinary, ['--version']).status === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'windows-vms-qemu-'));
const socket = path.join(dir, 'vnc.sock');
let qemu;

// QEMU must listen before the mock starts, so the suite's mock comes after it.
if (hasQemu) {
  writeFileSync(path.join(dir, 'none'), '');
  qemu = spawn(qemuBinary, [
    '-accel', 'tcg', '-m', '64', '-nodefaults', '-vga', 'std', '-display', 'none', '-monitor', 'none',
    '-no-reboot', '-boot', 'menu=on,splash-time=60000', '-vnc', `unix:${socket}`,
  ], { stdio: 'ignore' });
}

const suite = useSuite({ mockArgs: hasQemu ? ['--vnc-socket', `windows-dev/win11-dev-01=${socket}`] : [] });

/** A digest of what the canvas shows, to see that the screen changed. */
function screenDigest(page) {
  return page.getByTestId('console-screen').evaluate((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) {
      hash = (hash * 31 + data[i] + data[i + 1] * 7 + data[i + 2] * 13) >>> 0;
      if (data[i] + data[i + 1] + data[i + 2] > 150) lit += 1;
    }
    return { hash, lit, width: canvas.width, height: canvas.height };
  });
}

describe('VNC console against QEMU', { skip: !hasQemu && `${qemuBinary} is not installed` }, () => {
  before(async () => {
    await eventually(() => existsSync(socket), { timeout: 20_000, message: 'QEMU never opened its VNC socket' });
  });
  after(() => {
    qemu?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('draws SeaBIOS through the bridge, and QEMU acts on a key sent from the page', async () => {
    const { page } = suite.session;
    await page.goto(`${suite.mock.url}/ns/windows-dev/vms/win11-dev-01?tab=console`);
    await page.getByTestId('console-status').filter({ hasText: /^Connected/ }).waitFor({ timeout: 20_000 });
    // QEMU's text mode, drawn: light text on black.
    const first = await eventually(async () => {
      const shown = await screenDigest(page);
      return shown.lit > 200 && shown;
    }, { timeout: 20_000, message: 'SeaBIOS never showed text' });
    assert.match(await page.getByTestId('console-size').innerText(), new RegExp(`^${first.width}x${first.height}$`));
    assert.ok(first.width >= 640 && first.height >= 400, `${first.width}x${first.height}`);
    await screenshot(page, 'console-qemu-seabios');
    // QEMU sent a compressed encoding, not megabytes of raw pixels.
    const bytes = await page.evaluate(() => performance.getEntriesByName('vnc-decode').reduce((n, e) => n + e.detail.bytes, 0));
    assert.ok(bytes < first.width * first.height, `${bytes} bytes for the first screens`);
    // Escape opens SeaBIOS's boot menu: the screen changes because QEMU got the key.
    await page.getByTestId('console-screen').focus();
    await page.keyboard.press('Escape');
    await eventually(async () => (await screenDigest(page)).hash !== first.hash,
      { timeout: 15_000, message: 'the screen did not change after Escape' });
    await screenshot(page, 'console-qemu-boot-menu');
  });
});
