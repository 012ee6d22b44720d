#!/usr/bin/env bash
# Runs every test: lints, native unit tests (app and mock), wasm component tests in headless
# Chromium, and the browser end-to-end tests against the mock serving the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "formatting and lints"
cargo fmt --all --check
leptosfmt --check --quiet src tests
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests --quiet -- -D warnings

step "native unit tests"
cargo test --workspace

step "wasm component tests (headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test components

step "release build"
scripts/build.sh

step "browser end-to-end tests (Playwright + Chromium)"
node --test --test-concurrency=2 end2end/
