#!/usr/bin/env bash
# Builds the release app into dist/, the mock API server, and the console plugin into
# dist-plugin/ (left out with --no-plugin, as the demo needs only the first two).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
node scripts/compress-dist.mjs dist
cargo build --release --package mock-api
if [[ "${1:-}" != "--no-plugin" ]]; then
  scripts/build-plugin.sh
fi
