// The plugin's own server as the image runs it: nginx with console-plugin/nginx.conf, changed only
// where a test machine differs from the pod (a free loopback port, a throwaway certificate in place
// of the service-serving one, dist-plugin/ as its root, a fresh folder in place of /tmp).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const nginxConf = path.resolve(here, '..', '..', 'console-plugin', 'nginx.conf');

/** Why the plugin's server cannot run here, or undefined when it can. */
export function pluginServerMissing() {
  if (spawnSync('nginx', ['-v']).error) return 'nginx is not installed (scripts/setup.sh --browser installs it)';
  if (spawnSync('openssl', ['version']).error) return 'openssl is not installed';
  return undefined;
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The configuration the image runs, placed on this machine. */
function localConfig(dir, port, pluginDir) {
  const conf = readFileSync(nginxConf, 'utf8');
  const replace = (text, from, to) => {
    if (!text.includes(from)) throw new Error(`nginx.conf no longer has "${from}"`);
    return text.replaceAll(from, to);
  };
  let local = replace(conf, '/tmp/', `${dir}/tmp-`);
  local = replace(local, 'listen 9443 ssl;', `listen 127.0.0.1:${port} ssl;`);
  local = replace(local, 'listen [::]:9443 ssl;', '');
  local = replace(local, '/var/serving-cert/', `${dir}/cert-`);
  return replace(local, 'root /usr/share/nginx/html;', `root ${pluginDir};`);
}

/**
 * Starts nginx serving `pluginDir` over TLS on a free port. `get(path, headers)` asks it over
 * HTTPS and resolves with `{ status, headers, body }` (the body as sent, not decompressed); `ca`
 * is the certificate to trust.
 */
export async function startPluginServer({ pluginDir }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plugin-server-'));
  // Started as root, nginx answers from workers running as nobody, who must reach its folders.
  chmodSync(dir, 0o755);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', `${dir}/cert-tls.key`, '-out', `${dir}/cert-tls.crt`,
  ], { stdio: 'ignore' });
  const ca = readFileSync(`${dir}/cert-tls.crt`);
  const port = await freePort();
  writeFileSync(`${dir}/nginx.conf`, localConfig(dir, port, pluginDir));
  // Its error and access logs go to /dev/stdout, which nginx opens: a file here, as in a pod,
  // since node's pipes are sockets, which cannot be opened so.
  const logFile = `${dir}/nginx.log`;
  const logFd = openSync(logFile, 'a');
  const child = spawn('nginx', ['-p', dir, '-c', `${dir}/nginx.conf`, '-e', 'stderr', '-g', 'daemon off;'], {
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const log = () => readFileSync(logFile, 'utf8').slice(-8000);
  const url = `https://127.0.0.1:${port}`;

  const get = (route, headers = {}) => new Promise((resolve, reject) => {
    const request = https.get(`${url}${route}`, { ca, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    try {
      if ((await get('/healthz')).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    ca,
    get,
    stop: () => new Promise((resolve) => {
      const done = () => { rmSync(dir, { recursive: true, force: true }); resolve(); };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGQUIT');
    }),
  };
}
