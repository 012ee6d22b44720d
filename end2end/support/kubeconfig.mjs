// A kubeconfig that points at the mock, as a cluster user would have one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes a kubeconfig for `server` (user `developer`) into a fresh directory; returns its path. */
export function writeKubeconfig(server) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-'));
  const file = path.join(dir, 'config');
  writeFileSync(file, [
    'apiVersion: v1', 'kind: Config', 'clusters:', '- name: mock', '  cluster:', `    server: ${server}`,
    'users:', '- name: developer', '  user:', '    token: mock-token', 'contexts:', '- name: mock',
    '  context:', '    cluster: mock', '    user: developer', '    namespace: default', 'current-context: mock', '',
  ].join('\n'));
  return file;
}
