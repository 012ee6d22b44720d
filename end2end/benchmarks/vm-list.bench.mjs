// Measures the VM list in real Chromium against the mock seeded with 1,000 and 10,000 VMs:
// first rows on screen, every VM counted, one filter keystroke, one watch event reaching the
// DOM, and memory.
// Prints numbers; asserts nothing. Run: node end2end/benchmarks/vm-list.bench.mjs [counts…]
import { launchBrowser } from '../support/browser.mjs';
import { startMock } from '../support/mock.mjs';

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = counts.length ? counts : [1000, 10000];
const rounds = 3;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function measure(browser, count) {
  const mock = await startMock({ args: ['--empty', '--scale-vms', String(count)] });
  const results = { firstRows: [], render: [], keystroke: [], event: [], heap: 0, wasm: 0 };
  try {
    for (let round = 0; round < rounds; round += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', (event) => { window.benchWasm = event.detail.wasm; });
      });
      await page.goto(`${mock.url}/ns/scale-test/vms`, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelector('tr[data-testid="vm-row"]'), null, { polling: 'raf', timeout: 120_000 });
      results.firstRows.push(await page.evaluate(() => performance.now()));
      await page.waitForFunction((n) => document.querySelector('table[aria-label="Virtual machines"]')
        ?.getAttribute('aria-rowcount') === String(n + 1), count, { polling: 'raf', timeout: 120_000 });
      results.render.push(await page.evaluate(() => performance.now()));

      // One keystroke that narrows the list to ten VMs.
      const filter = page.getByRole('searchbox', { name: 'Filter by name' });
      await filter.fill('vm-0099');
      await page.waitForFunction(() => document.querySelector('table[aria-label="Virtual machines"]')?.getAttribute('aria-rowcount') === '11');
      const keystroke = page.evaluate(() => new Promise((resolve) => {
        const input = document.querySelector('input[aria-label="Filter by name"]');
        const t0 = performance.now();
        input.value = 'vm-00995';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const poll = () => (document.querySelector('table[aria-label="Virtual machines"]')?.getAttribute('aria-rowcount') === '2'
          ? resolve(performance.now() - t0) : requestAnimationFrame(poll));
        poll();
      }));
      results.keystroke.push(await keystroke);

      // One watch event: a running VM is stopped; time from the request to its row saying so.
      results.event.push(await page.evaluate(async () => {
        const vm = 'vm-00995';
        const status = () => document.querySelector(`tr[data-vm="scale-test/${vm}"] td[data-label="Status"]`)?.textContent ?? '';
        const t0 = performance.now();
        const response = await fetch(`/api/kubernetes/apis/subresources.kubevirt.io/v1/namespaces/scale-test/virtualmachines/${vm}/stop`, { method: 'PUT' });
        if (response.status !== 202) throw new Error(`stop answered ${response.status}`);
        await new Promise((resolve) => {
          const poll = () => (status().includes('Stopping') ? resolve() : requestAnimationFrame(poll));
          poll();
        });
        return performance.now() - t0;
      }));
      const memory = await page.evaluate(() => ({ heap: performance.memory?.usedJSHeapSize ?? 0, wasm: window.benchWasm?.memory?.buffer.byteLength ?? 0 }));
      results.heap = Math.max(results.heap, memory.heap);
      results.wasm = Math.max(results.wasm, memory.wasm);
      await context.close();
      await mock.reset();
    }
  } finally {
    await mock.stop();
  }
  return results;
}

const browser = await launchBrowser();
try {
  console.log(`VM list benchmark, median of ${rounds} rounds, Chromium headless, 1280×800`);
  for (const count of sizes) {
    const r = await measure(browser, count);
    console.log(`${String(count).padStart(6)} VMs: first rows ${ms(median(r.firstRows))}, all counted ${ms(median(r.render))}, filter keystroke ${ms(median(r.keystroke))}, `
      + `watch event to DOM ${ms(median(r.event))}, JS heap ${mib(r.heap)}, wasm memory ${mib(r.wasm)}`);
  }
} finally {
  await browser.close();
}
