// Prints the size of the release build in dist/: wasm, js and css, raw, gzip and brotli.
// Run after scripts/build.sh: `node scripts/bundle-size.mjs`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const kinds = { wasm: [0, 0, 0], js: [0, 0, 0], css: [0, 0, 0] };
for (const file of readdirSync(dist)) {
  const kind = path.extname(file).slice(1);
  if (!(kind in kinds)) continue;
  const bytes = readFileSync(path.join(dist, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  kinds[kind] = [kinds[kind][0] + bytes.length, kinds[kind][1] + gzip, kinds[kind][2] + brotli];
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
console.log('kind        raw       gzip     brotli');
let total = [0, 0, 0];
for (const [kind, sizes] of Object.entries(kinds)) {
  console.log(`${kind.padEnd(5)}${sizes.map(kib).join('')}`);
  total = total.map((t, i) => t + sizes[i]);
}
console.log(`total${total.map(kib).join('')}`);
