// The plugin's server (console-plugin/nginx.conf, run by nginx as the image runs it) as the
// console's proxy and a browser meet it: each file with its MIME type, compressed, with the
// security headers on every answer (errors too), no version in `Server`, and a health check.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { pluginServerMissing, startPluginServer } from './console/plugin-server.mjs';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist-plugin');
const skip = (!existsSync(pluginDir) && 'dist-plugin/ is not built (scripts/build-plugin.sh)') || pluginServerMissing();
const FILES = {
  '/plugin-manifest.json': 'application/json',
  '/plugin-entry.js': 'text/javascript',
  '/windows-vms-page.js': 'text/javascript',
  '/windows_vms.js': 'text/javascript',
  '/windows_vms_bg.wasm': 'application/wasm',
  '/windows-vms.css': 'text/css',
};
/** What the plugin's code needs when a file of it is opened by itself, and nothing more. */
const POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};
let server;

function policy(header) {
  return Object.fromEntries(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('the plugin\'s nginx', { skip }, () => {
  before(async () => { server = await startPluginServer({ pluginDir }); });
  after(async () => { await server?.stop(); });

  test('every answer, a missing file\'s too, carries the security headers and no nginx version', async () => {
    for (const route of [...Object.keys(FILES), '/healthz', '/no-such-file.js']) {
      const { headers } = await server.get(route);
      assert.equal(headers['x-content-type-options'], 'nosniff', route);
      assert.equal(headers['referrer-policy'], 'no-referrer', route);
      assert.deepEqual(policy(headers['content-security-policy']), POLICY, route);
      assert.equal(headers.server, 'nginx', `${route}: the Server header names no version`);
    }
    assert.equal((await server.get('/no-such-file.js')).status, 404);
    const health = await server.get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.body.toString(), 'ok\n');
  });

  test('each file comes with its MIME type', async () => {
    for (const [route, type] of Object.entries(FILES)) {
      const { status, headers } = await server.get(route);
      assert.equal(status, 200, route);
      assert.equal(headers['content-type'], type, route);
    }
  });

  test('the WebAssembly, scripts and stylesheet go gzipped, as their precompressed twins', async () => {
    for (const route of Object.keys(FILES).filter((r) => !r.endsWith('.json'))) {
      const file = readFileSync(path.join(pluginDir, route));
      const zipped = await server.get(route, { 'accept-encoding': 'gzip' });
      assert.equal(zipped.headers['content-encoding'], 'gzip', route);
      assert.match(zipped.headers.vary ?? '', /Accept-Encoding/, `${route}: caches keep both forms apart`);
      assert.deepEqual(gunzipSync(zipped.body), file, `${route} unzips to the file`);
      assert.deepEqual(zipped.body, readFileSync(path.join(pluginDir, `${route}.gz`)), `${route} is sent as its .gz twin`);
      const plain = await server.get(route);
      assert.equal(plain.headers['content-encoding'], undefined, `${route} to a client that takes no gzip`);
      assert.deepEqual(plain.body, file);
    }
    const wasm = readFileSync(path.join(pluginDir, 'windows_vms_bg.wasm'));
    const zippedWasm = await server.get('/windows_vms_bg.wasm', { 'accept-encoding': 'gzip, deflate, br' });
    assert.ok(zippedWasm.body.length < wasm.length / 2, `the WebAssembly shrinks: ${zippedWasm.body.length} of ${wasm.length} bytes`);
  });

  test('a file without a twin is gzipped on the way', async () => {
    const manifest = readFileSync(path.join(pluginDir, 'plugin-manifest.json'));
    const zipped = await server.get('/plugin-manifest.json', { 'accept-encoding': 'gzip' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body)), JSON.parse(manifest));
  });

  test('the manifest is never cached, and every other file is revalidated before use', async () => {
    assert.equal((await server.get('/plugin-manifest.json')).headers['cache-control'], 'no-store');
    for (const route of Object.keys(FILES).filter((r) => !r.endsWith('.json'))) {
      const { headers } = await server.get(route);
      assert.equal(headers['cache-control'], 'no-cache', route);
      const again = await server.get(route, { 'if-none-match': headers.etag });
      assert.equal(again.status, 304, `${route}: an unchanged file is not sent again`);
    }
  });
});
