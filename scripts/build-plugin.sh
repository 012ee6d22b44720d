#!/usr/bin/env bash
# Builds the OpenShift console plugin into dist-plugin/: the library bound by wasm-bindgen
# (it exports `mount` and mounts nothing by itself), optimised by wasm-opt, beside the entry
# script, the exposed page module, the manifest and our prefixed stylesheet, and a gzipped twin
# of each script, stylesheet and the WebAssembly.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
out=dist-plugin
cargo build --release --lib --target wasm32-unknown-unknown
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name windows_vms \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/windows_vms.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  -o "$out/windows_vms_bg.wasm" "$out/windows_vms_bg.wasm"
cp console-plugin/plugin-manifest.json console-plugin/plugin-entry.js console-plugin/windows-vms-page.js "$out/"
cat style/app.css style/console.css > "$out/windows-vms.css"
# The plugin's server (console-plugin/nginx.conf) sends these gzipped twins as they are.
gzip -9 -k -n "$out"/*.js "$out"/*.wasm "$out"/*.css
echo "console plugin built in $out/"
