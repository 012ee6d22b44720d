#!/usr/bin/env bash
# Regenerates mock-api/data/ (KubeVirt's validation schema, the cluster instancetypes and
# preferences) from KubeVirt's swagger.json and a rendered common-instancetypes release:
#   scripts/derive-kubevirt-data.sh SWAGGER_JSON INSTANCETYPES_DIR KUBEVIRT_VERSION INSTANCETYPES_VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release --package mock-api --bin derive-kubevirt-data -- "$@"
