#!/usr/bin/env bash
# Builds everything and starts the demo: the mock API server, seeded with a demo cluster,
# serving the app at http://127.0.0.1:8080. Extra arguments go to the server (--host, --port).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh --no-plugin
echo "Windows VMs demo: http://127.0.0.1:8080 (Ctrl+C stops it)"
exec target/release/mock-api --dist dist "$@"
