// Measures the VM list in real Chromium against the mock seeded with 1,000 and 10,000 VMs, and
// prints the rows of the list's performance table: first rows after navigation (warm cache),
// the whole list in, wasm memory, one watch event to its row (p95), the longest task during a
// burst of 1,000 watch events, one filter keystroke to rows; then Lighthouse on the list page.
// Prints numbers; asserts nothing. Run: node end2end/benchmarks/vm-list.bench.mjs [counts…]
// (LIGHTHOUSE=0 leaves Lighthouse out.)
import { launchBrowser } from '../support/browser.mjs';
import { startMock } from '../support/mock.mjs';
import { runLighthouse } from './lighthouse.mjs';

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = counts.length ? counts : [1000, 10000];
const rounds = 3;
/** Watch events timed one by one in each round. */
const singleEvents = 40;
/** VMs changed at once in the burst (all of them when fewer are seeded). */
const burstSize = 1000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * p) - 1)];
const ms = (value) => `${value.toFixed(value < 20 ? 1 : 0)} ms`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const namespace = 'scale-test';
const vmsPath = `/api/kubernetes/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines`;
// The mock seeds VM i with preference i % 5, which the list shows as this OS.
const seededOs = ['Windows Server 2022', 'Windows 11', 'Fedora', 'Windows Server 2019', 'Windows 10'];
const seededPreference = ['windows.2k22', 'windows.11', 'fedora', 'windows.2k19', 'windows.10'];
const changedPreference = 'windows.2k25';
const changedOs = 'Windows Server 2025';
const vmName = (index) => `vm-${String(index).padStart(5, '0')}`;

/** The merge patch that flips VM `index` to the changed preference, or back. */
const preferencePatch = (index, changed) => ({
  spec: { preference: { name: changed ? changedPreference : seededPreference[index % 5] } },
});

async function measureRound(browser, mock, count) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // Warm the cache: the app's wasm, js and css come from it on the measured load.
    const warm = await context.newPage();
    await warm.goto(`${mock.url}/ns/${namespace}/vms`);
    await warm.waitForSelector('tr[data-testid="vm-row"]', { timeout: 120_000 });
    await warm.close();

    const page = await context.newPage();
    await page.addInitScript(() => {
      // Resolves with the times from `t0` to when `shown()` holds in the DOM and to the frame
      // after that.
      window.untilShown = (shown, t0) => new Promise((resolve) => {
        let dom = 0;
        const check = () => {
          if (dom || !shown()) return;
          dom = performance.now() - t0;
          observer.disconnect();
          requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        check();
      });
      addEventListener('TrunkApplicationStarted', (event) => { window.benchWasm = event.detail.wasm; });
      window.benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${mock.url}/ns/${namespace}/vms`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('tr[data-testid="vm-row"]'), null, { polling: 'raf', timeout: 120_000 });
    const firstRows = await page.evaluate(() => performance.now());
    await page.waitForFunction((n) => document.querySelector('table[aria-label="Virtual machines"]')
      ?.getAttribute('aria-rowcount') === String(n + 1), count, { polling: 'raf', timeout: 120_000 });
    const wholeList = await page.evaluate(() => performance.now());
    const wasmMemory = () => page.evaluate(() => window.benchWasm?.memory?.buffer.byteLength ?? 0);
    let wasm = await wasmMemory();

    // Single watch events: one VM's preference changes through the API; timed from the request
    // to its row showing the new OS in the DOM (a MutationObserver sees it at once), and to the
    // next frame after that, when it is painted. The VMs changed are among the first rows,
    // which are drawn.
    const events = await page.evaluate(async ({ path, total, patches }) => {
      const times = [];
      for (const { name, body, os } of patches.slice(0, total)) {
        const cell = () => document.querySelector(`tr[data-vm="scale-test/${name}"] td[data-label="Operating system"]`)?.textContent ?? '';
        await new Promise((resolve) => setTimeout(resolve, 20));
        const t0 = performance.now();
        const answer = fetch(`${path}/${name}`, {
          method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify(body),
        });
        times.push(await untilShown(() => cell() === os, t0));
        const response = await answer;
        if (!response.ok) throw new Error(`PATCH ${name} answered ${response.status}`);
      }
      return times;
    }, {
      path: vmsPath,
      total: singleEvents,
      patches: Array.from({ length: singleEvents }, (_, k) => {
        const index = k % 10;
        const changed = Math.floor(k / 10) % 2 === 0;
        return { name: vmName(index), body: preferencePatch(index, changed), os: changed ? changedOs : seededOs[index % 5] };
      }),
    });
    // After 40 events each of the ten VMs is back to its seeded preference.

    // A burst: many VMs change at once, each change one watch event; the page's longest task
    // while they arrive is what counts.
    const burst = Math.min(burstSize, count);
    const burstStart = await page.evaluate(() => { window.benchLongTasks = []; return performance.now(); });
    const inFlight = new Set();
    for (let index = 0; index < burst; index += 1) {
      const request = mock.api(`${vmsPath}/${vmName(index)}`, {
        method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify(preferencePatch(index, true)),
      }).then(async (response) => {
        if (!response.ok) throw new Error(`PATCH answered ${response.status}`);
        await response.arrayBuffer();
      });
      inFlight.add(request);
      request.finally(() => inFlight.delete(request));
      if (inFlight.size >= 64) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    // Every change was sent; wait until the drawn rows show theirs and the page is quiet again.
    await page.waitForFunction((os) => {
      const cells = [...document.querySelectorAll('tr[data-testid="vm-row"] td[data-label="Operating system"]')];
      return cells.length > 0 && cells.every((cell) => cell.textContent === os);
    }, changedOs, { polling: 'raf', timeout: 60_000 });
    const burstSettled = await page.evaluate(() => performance.now());
    await page.waitForTimeout(1000);
    const tasks = await page.evaluate((start) => window.benchLongTasks.filter((t) => t.start + t.duration >= start), burstStart);
    wasm = Math.max(wasm, await wasmMemory());

    // One keystroke that narrows the list from ten VMs to one.
    const filter = page.getByRole('searchbox', { name: 'Filter by name' });
    await filter.fill('vm-0099');
    await page.waitForFunction(() => document.querySelector('table[aria-label="Virtual machines"]')?.getAttribute('aria-rowcount') === '11');
    const keystroke = await page.evaluate(() => {
      const input = document.querySelector('input[aria-label="Filter by name"]');
      const t0 = performance.now();
      input.value = 'vm-00995';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return untilShown(() => document.querySelector('table[aria-label="Virtual machines"]')?.getAttribute('aria-rowcount') === '2', t0);
    });
    wasm = Math.max(wasm, await wasmMemory());
    return {
      firstRows,
      wholeList,
      wasm,
      events,
      longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks.length,
      burstTime: burstSettled - burstStart,
      keystroke,
    };
  } finally {
    await context.close();
  }
}

async function measure(browser, count) {
  const mock = await startMock({ args: ['--empty', '--scale-vms', String(count)] });
  const results = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      results.push(await measureRound(browser, mock, count));
      await mock.reset();
    }
  } finally {
    await mock.stop();
  }
  return results;
}

function report(count, results) {
  const of = (key) => results.map((r) => r[key]);
  const burst = Math.min(burstSize, count);
  const events = results.flatMap((r) => r.events.map((e) => e.dom));
  const eventFrames = results.flatMap((r) => r.events.map((e) => e.frame));
  const keystrokes = results.map((r) => r.keystroke);
  const n = count.toLocaleString('en');
  console.log(`${n} VMs`);
  console.log(`  first rows after navigation (warm cache)  ${ms(median(of('firstRows')))}`);
  console.log(`  whole list in                             ${ms(median(of('wholeList')))}`);
  console.log(`  wasm memory (largest)                     ${mib(Math.max(...of('wasm')))}`);
  console.log(`  one watch event to its row, p95 (median)  ${ms(percentile(events, 0.95))} (${ms(median(events))}) over ${events.length} events; to the next frame ${ms(percentile(eventFrames, 0.95))} (${ms(median(eventFrames))})`);
  console.log(`  ${burst}-event burst: longest task            ${ms(Math.max(...of('longestTask')))} (tasks over 50 ms: ${Math.max(...of('longTasks'))}, all rows settled in ${ms(median(of('burstTime')))})`);
  console.log(`  filter keystroke to rows                  ${ms(median(keystrokes.map((k) => k.dom)))}; to the next frame ${ms(median(keystrokes.map((k) => k.frame)))}`);
}

const browser = await launchBrowser();
try {
  console.log(`VM list benchmark: ${rounds} rounds per size (medians; p95 over all events; longest task and memory the largest), headless Chromium, 1280×800`);
  for (const count of sizes) {
    report(count, await measure(browser, count));
  }
} finally {
  await browser.close();
}

if (process.env.LIGHTHOUSE !== '0') {
  const count = 1000;
  const mock = await startMock({ args: ['--empty', '--scale-vms', String(count)] });
  try {
    const lh = await runLighthouse(`${mock.url}/ns/${namespace}/vms`);
    console.log(`Lighthouse ${lh.version}, list page with ${count.toLocaleString('en')} VMs, desktop preset: performance ${lh.score}, `
      + `LCP ${ms(lh.lcp)}, TBT ${ms(lh.tbt)}, CLS ${lh.cls.toFixed(3)}`);
  } finally {
    await mock.stop();
  }
}
