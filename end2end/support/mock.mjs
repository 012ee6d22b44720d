// Starts the mock API server (serving the built app) on a free port for one test file.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.MOCK_API_BIN ?? path.join(root, 'target', 'release', 'mock-api');

/** Starts a seeded mock with its test controls; resolves once it listens. */
export async function startMock({ args = [] } = {}) {
  const child = spawn(binary, ['--port', '0', '--dist', path.join(root, 'dist'), '--test-controls', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('mock-api did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`mock-api exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const control = async (method, route, body) => {
    const response = await fetch(url + route, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return response;
  };
  return {
    url,
    pid: child.pid,
    /** Makes matching API requests fail (or slow down) as a real cluster might. */
    fault: (fault) => control('POST', '/mock/faults', fault),
    clearFaults: () => control('DELETE', '/mock/faults'),
    reset: () => control('POST', '/mock/reset'),
    /** Breaks off every open watch, as a dropped connection does. */
    dropWatches: () => control('POST', '/mock/watches/drop'),
    /** Forbids a verb on a resource (`{ verb, resource, namespace }`) until `allowAll`. */
    deny: (denial) => control('POST', '/mock/rbac/deny', denial),
    allowAll: () => control('DELETE', '/mock/rbac'),
    /** Who is signed in to a guest from now on (`[{ userName, domain }]`; empty signs all out). */
    signIn: (namespace, name, users) => control('PUT', `/mock/guest-users/${namespace}/${name}`, { users }),
    /** Moves the clock CronJobs run on forward. */
    advanceClock: (seconds) => control('POST', '/mock/clock', { advanceSeconds: seconds }),
    /** Reads the API directly, as kubectl would. */
    api: async (route, init) => fetch(url + route, init),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
