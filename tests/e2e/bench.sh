#!/usr/bin/env bash
# The pipeline throughput benchmark (not in CI: minutes on 2 cores, most of it the MongoDB-wire test
# server's ~40 writes/s): KONOMI_BENCH_WORKS new works (default 500) through the separate processes,
# printing each stage's throughput from its own Prometheus counter.
set -uo pipefail
cd "$(dirname "$0")/../.."
source tests/infra.sh
set +e
out=".test-state/e2e-bench"
rm -rf "$out" && mkdir -p "$out"
export KONOMI_E2E_REPORT="$PWD/$out/report.txt"
: > "$KONOMI_E2E_REPORT"
dotnet build tests/Konomi.EndToEnd.Tests -c Release -nologo -v q "-clp:ErrorsOnly;NoSummary" || exit 1
dotnet test --project tests/Konomi.EndToEnd.Tests -c Release --no-build --filter-trait "Category=Benchmark" > "$out/dotnet-test.log" 2>&1
status=$?
cat "$KONOMI_E2E_REPORT"
[ $status -eq 0 ] || grep -A40 -E '^failed ' "$out/dotnet-test.log" | head -80
exit $status
