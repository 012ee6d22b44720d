// What the OpenShift console is to a dynamic plugin, reduced to what a plugin can observe: it
// serves its page (for every console path), PatternFly and React, the plugin's files under
// /api/plugins/<name>/ with their MIME types (or, as the console does, proxies them to the
// plugin's own server), and proxies /api/kubernetes/ to the cluster (the mock), refusing changes
// whose X-CSRFToken header does not match the csrf-token cookie, and WebSocket upgrades (the VM
// consoles) from any origin but its own.
//
// Two shells: `console.html` loads the plugin by hand, step by step; `sdk-console.html` loads it
// with the OpenShift dynamic plugin SDK's PluginStore, the loader the console itself runs
// (sdk-console.mjs, bundled with React on first use).
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const modules = path.join(root, 'node_modules');
/** The MIME types the plugin's server (console-plugin/nginx.conf) sends. */
export const MIME_TYPES = {
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
  '.css': 'text/css', '.html': 'text/html', '.woff2': 'font/woff2', '.svg': 'image/svg+xml',
};
const STATIC = {
  '/static/react.js': path.join(modules, 'react/umd/react.production.min.js'),
  '/static/react-dom.js': path.join(modules, 'react-dom/umd/react-dom.production.min.js'),
  '/static/patternfly.css': path.join(modules, '@patternfly/patternfly/patternfly.css'),
};

function sendFile(res, file, headers = {}) {
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
  createReadStream(file).pipe(res);
}

let sdkBundle;
/** sdk-console.mjs with the SDK, React and ReactDOM, as one module for the browser. */
function sdkConsoleScript() {
  sdkBundle ??= import('esbuild').then(({ build }) => build({
    entryPoints: [path.join(here, 'sdk-console.mjs')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })).then((result) => result.outputFiles[0].contents);
  return sdkBundle;
}

/**
 * Passes a request on to `upstream` (an origin; `ca` the certificate to trust there) and its
 * answer back; `withoutCookies` keeps the user's cookies from it.
 */
function proxy(req, res, upstream, route, { ca, withoutCookies = false } = {}) {
  const target = new URL(route, upstream);
  const client = target.protocol === 'https:' ? https : http;
  const headers = { ...req.headers, host: target.host };
  if (withoutCookies) delete headers.cookie;
  const request = client.request(target, { method: req.method, ca, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  request.on('error', () => res.destroy());
  req.pipe(request);
  res.on('close', () => request.destroy());
}

/** Relays a WebSocket upgrade to the cluster as the console's backend does: without the
 * browser's cookies, from the cluster's own origin, bytes copied both ways once it agrees. */
function relayUpgrade(req, socket, head, base, route) {
  const target = new URL(route, base);
  const headers = { ...req.headers, host: target.host, origin: `${target.protocol}//${target.host}` };
  delete headers.cookie;
  const request = http.request(target, { method: 'GET', headers });
  request.on('upgrade', (answer, upstream, upstreamHead) => {
    const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upstreamHead.length) socket.write(upstreamHead);
    if (head.length) upstream.write(head);
    upstream.pipe(socket).pipe(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  // Refused before the upgrade: the cluster's answer goes back as it is.
  request.on('response', (answer) => {
    const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    answer.pipe(socket);
  });
  request.on('error', () => socket.destroy());
  request.end();
}

function cookie(req, name) {
  const pair = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === name);
  return pair ? decodeURIComponent(pair[1] ?? '') : undefined;
}

/**
 * Starts the console on a free port. `pluginDir` holds the built plugin (dist-plugin/), or
 * `pluginUrl` is the plugin's server (`pluginCa` its certificate), reached as the console
 * reaches a ConsolePlugin's Service; `apiUrl` is the cluster. `shell: 'sdk'` serves the shell
 * that loads plugins with the SDK, under `contentSecurityPolicy` if given. Every change that
 * reached the cluster is in `mutations` as "METHOD path token".
 */
export async function startConsole({ pluginDir, pluginUrl, pluginCa, apiUrl, shell = 'stand-in', contentSecurityPolicy }) {
  const mutations = [];
  const page = path.join(here, shell === 'sdk' ? 'sdk-console.html' : 'console.html');
  const pageHeaders = contentSecurityPolicy ? { 'content-security-policy': contentSecurityPolicy } : {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://console');
    if (url.pathname.startsWith('/api/kubernetes/')) {
      const change = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
      const token = req.headers['x-csrftoken'];
      if (change && (!token || token !== cookie(req, 'csrf-token'))) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('CSRF token mismatch');
        return;
      }
      if (change) mutations.push(`${req.method} ${url.pathname} ${token}`);
      proxy(req, res, apiUrl, req.url);
      return;
    }
    if (url.pathname.startsWith('/api/plugins/windows-vms/')) {
      const file = url.pathname.slice('/api/plugins/windows-vms/'.length);
      if (pluginUrl) {
        proxy(req, res, pluginUrl, `/${file}${url.search}`, { ca: pluginCa, withoutCookies: true });
      } else {
        sendFile(res, file && path.join(pluginDir, path.basename(file)));
      }
      return;
    }
    if (url.pathname === '/static/sdk-console.js') {
      sdkConsoleScript().then(
        (script) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(script),
        (err) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err)),
      );
      return;
    }
    if (url.pathname.startsWith('/static/assets/')) {
      sendFile(res, path.join(modules, '@patternfly/patternfly', url.pathname.slice('/static/'.length)));
      return;
    }
    if (STATIC[url.pathname]) {
      sendFile(res, STATIC[url.pathname]);
      return;
    }
    // Every other path is a console page: the console's own shell renders it.
    sendFile(res, page, pageHeaders);
  });
  // WebSockets under /api/kubernetes/ (the VM consoles) are relayed to the cluster. An upgrade
  // is a GET, so no CSRF token applies; what protects it is the Origin, which must be the
  // console's own (the session cookie would go along with a cross-site upgrade otherwise).
  const upgrades = [];
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://console');
    const own = `http://${req.headers.host}`;
    if (!url.pathname.startsWith('/api/kubernetes/') || req.headers.origin !== own) {
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\nwebsocket origin not allowed');
      return;
    }
    upgrades.push(url.pathname);
    relayUpgrade(req, socket, head, apiUrl, req.url.slice('/api/kubernetes'.length));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    mutations,
    upgrades,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
