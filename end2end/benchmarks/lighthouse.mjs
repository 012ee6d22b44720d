// Runs Lighthouse (desktop preset, performance only) on a page with Debian's Chromium. Lighthouse
// is no dependency of the project: the first run installs the pinned version into a cache
// directory under node_modules, later runs reuse it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const version = '12.2.3';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = path.join(root, 'node_modules', '.cache', `lighthouse-${version}`);
const cli = path.join(cacheDir, 'node_modules', 'lighthouse', 'cli', 'index.js');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function ensureInstalled() {
  if (existsSync(cli)) return;
  mkdirSync(cacheDir, { recursive: true });
  console.log(`installing lighthouse@${version} into ${path.relative(root, cacheDir)}…`);
  await run('npm', ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--loglevel=error', `lighthouse@${version}`]);
}

/** Lighthouse's performance score (0–100), LCP and TBT (ms) and CLS for `url`. */
export async function runLighthouse(url) {
  await ensureInstalled();
  const { stdout } = await run(process.execPath, [
    cli, url,
    '--preset=desktop',
    '--only-categories=performance',
    '--output=json', '--output-path=stdout', '--quiet',
    '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking',
  ], { env: { ...process.env, CHROME_PATH: chromium }, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(stdout);
  const audit = (id) => report.audits[id]?.numericValue ?? NaN;
  return {
    version: report.lighthouseVersion,
    score: Math.round((report.categories.performance.score ?? 0) * 100),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
  };
}
