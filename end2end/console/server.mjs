// What the OpenShift console is to a dynamic plugin, reduced to what a plugin can observe: it
// serves its page (for every console path), PatternFly and React, the plugin's files under
// /api/plugins/<name>/ with their MIME types, and proxies /api/kubernetes/ to the cluster (the
// mock), refusing changes whose X-CSRFToken header does not match the csrf-token cookie.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
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

function sendFile(res, file) {
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': MIME_TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

function cookie(req, name) {
  const pair = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === name);
  return pair ? decodeURIComponent(pair[1] ?? '') : undefined;
}

/**
 * Starts the console on a free port. `pluginDir` holds the built plugin (dist-plugin/),
 * `apiUrl` is the cluster. Every change that reached the cluster is in `mutations` as
 * "METHOD path token".
 */
export async function startConsole({ pluginDir, apiUrl }) {
  const mutations = [];
  const api = new URL(apiUrl);
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
      const upstream = http.request({
        host: api.hostname, port: api.port, method: req.method, path: req.url,
        headers: { ...req.headers, host: api.host },
      }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      res.on('close', () => upstream.destroy());
      return;
    }
    if (url.pathname.startsWith('/api/plugins/windows-vms/')) {
      const name = path.basename(url.pathname);
      sendFile(res, name && path.join(pluginDir, name));
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
    sendFile(res, path.join(here, 'console.html'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    mutations,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
