// Measures the mock API server seeded with 10,000 VMs: listing them all as JSON, a watch fan-out
// to 20 clients while 1,000 VMs change, and its resident memory. Prints numbers; asserts nothing.
// Run: node end2end/benchmarks/mock.bench.mjs [vms] (after cargo build --release -p mock-api)
import { readFileSync } from 'node:fs';
import { startMock } from '../support/mock.mjs';

const vmCount = Number(process.argv[2] ?? 10_000);
const watchers = 20;
const updates = 1_000;
const collection = '/apis/kubevirt.io/v1/namespaces/scale-test/virtualmachines';
const rssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return (Number(line.split(/\s+/)[1]) / 1024).toFixed(1);
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const mock = await startMock({ args: ['--empty', '--scale-vms', String(vmCount)] });
try {
  console.log(`mock-api with ${vmCount} VMs: resident memory after seeding ${rssMiB(mock.pid)} MiB`);
  const listTimes = [];
  let resourceVersion = '';
  for (let round = 0; round < 5; round += 1) {
    const t0 = performance.now();
    const list = await (await mock.api(collection)).json();
    listTimes.push(performance.now() - t0);
    resourceVersion = list.metadata.resourceVersion;
    if (list.items.length !== vmCount) throw new Error(`listed ${list.items.length}`);
  }
  console.log(`list all (JSON, ${vmCount} VMs): median ${median(listTimes).toFixed(0)} ms of 5`);

  // 20 watches from the list's version, each counting the events it receives.
  const received = Array(watchers).fill(0);
  let lastArrival = 0;
  const streams = await Promise.all(Array.from({ length: watchers }, async (_, i) => {
    const response = await mock.api(`${collection}?watch=true&resourceVersion=${resourceVersion}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received[i] += decoder.decode(value).split('\n').filter((l) => l.includes('"MODIFIED"')).length;
        lastArrival = performance.now();
      }
    })().catch(() => {});
    return reader;
  }));
  const t0 = performance.now();
  for (let i = 0; i < updates; i += 1) {
    const name = `vm-${String(i % vmCount).padStart(5, '0')}`;
    const response = await mock.api(`${collection}/${name}`, {
      method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { bench: String(i) } } }),
    });
    if (response.status !== 200) throw new Error(`patch answered ${response.status}`);
  }
  const written = performance.now() - t0;
  const deadline = Date.now() + 60_000;
  while (received.some((n) => n < updates) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  console.log(`watch fan-out: ${updates} updates written in ${written.toFixed(0)} ms; all ${watchers} watchers had every event `
    + `${(lastArrival - t0).toFixed(0)} ms after the first write (min received ${Math.min(...received)})`);
  console.log(`resident memory after the updates, with ${watchers} watches open: ${rssMiB(mock.pid)} MiB`);
  await Promise.all(streams.map((reader) => reader.cancel().catch(() => {})));
} finally {
  await mock.stop();
}
