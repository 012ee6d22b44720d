#!/usr/bin/env bash
# Regenerates mock-api/data/ (KubeVirt's validation schema, the cluster instancetypes and
# preferences) from KubeVirt's swagger.json and a rendered common-instancetypes release:
#   scripts/derive-kubevirt-data.sh SWAGGER_JSON INSTANCETYPES_DIR KUBEVIRT_VERSION INSTANCETYPES_VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
# The derived files are bundled into the binary, so it builds with placeholders the first time.
for file in kubevirt-schema.json common-instancetypes.json; do
  [[ -f mock-api/data/$file ]] || echo '{"definitions": {}, "objects": []}' > "mock-api/data/$file"
done
cargo run --quiet --release --package mock-api --bin derive-kubevirt-data -- "$@"
