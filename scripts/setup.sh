#!/usr/bin/env bash
# Installs what building (and, with --browser, testing) needs. Idempotent: each tool is checked
# first, so a second run takes seconds. Nothing is downloaded outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

want_browser=false
[[ "${1:-}" == "--browser" ]] && want_browser=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than this toolchain; 0.21 is the line that builds here.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing Trunk 0.21"
  cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly. `--locked` fails for it (one of
# its locked dependencies is not in the registry), so it is installed without.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
if ! grep -q "^wasm_bindgen = \"$bindgen_version\"" Trunk.toml; then
  echo "Trunk.toml pins another wasm-bindgen than Cargo.lock ($bindgen_version): make them equal" >&2
  exit 1
fi

# leptosfmt formats the markup inside view! macros, which rustfmt leaves alone. 0.1.33 builds on
# this toolchain and reads Leptos 0.8's view! syntax; leptosfmt.toml holds its settings. Only the
# test command's lints need it, so the demo does not wait for it.
if $want_browser && ! leptosfmt --version 2>/dev/null | grep -qx 'leptosfmt 0\.1\.33'; then
  say "installing leptosfmt 0.1.33"
  cargo install leptosfmt --version 0.1.33 --locked
fi

# npm packages: PatternFly's CSS, wasm-opt (npm's binaryen; Debian's is too old and its output
# crashes at start), Playwright and axe for the browser tests.
if [[ ! -f node_modules/.installed || package-lock.json -nt node_modules/.installed ]]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
  touch node_modules/.installed
fi
opt_version=$(wasm-opt --version | grep -o 'version_[0-9]*')
if ! grep -q "^wasm_opt = \"$opt_version\"" Trunk.toml; then
  echo "Trunk.toml pins another wasm-opt than npm's binaryen ($opt_version): make them equal" >&2
  exit 1
fi

# nginx: the console plugin's server, which the plugin tests run with console-plugin/nginx.conf.
if $want_browser && ! { command -v chromium && command -v chromedriver && command -v nginx; } >/dev/null; then
  say "installing Debian's Chromium, ChromeDriver and nginx"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-liberation nginx-light >/dev/null
fi

# QEMU: a real VNC server (SeaBIOS's screen, no KVM needed) that the mock's vnc subresource
# bridges to in the console tests.
if $want_browser && ! command -v qemu-system-x86_64 >/dev/null; then
  say "installing QEMU"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends qemu-system-x86 >/dev/null
fi
