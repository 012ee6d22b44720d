#!/usr/bin/env bash
# Builds the release app into dist/ and the mock API server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
cargo build --release --package mock-api
scripts/build-plugin.sh
