#!/usr/bin/env bash
# The end-to-end suite on its own: starts RabbitMQ and the MongoDB-wire server unless --no-infra, then
# runs every scenario with each service as its own process. Prints one "e2e <scenario>: ..." line per
# scenario and "e2e-summary: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
[ "${1:-}" = "--no-infra" ] || source tests/infra.sh
set +e

out=".test-state/e2e"
rm -rf "$out" && mkdir -p "$out"
export KONOMI_E2E_REPORT="$PWD/$out/report.txt"
: > "$KONOMI_E2E_REPORT"

# Not in Konomi.slnx, so `dotnet test --solution` in test.sh does not run it a second time.
if ! dotnet build tests/Konomi.EndToEnd.Tests -c Release -nologo -v q "-clp:ErrorsOnly;NoSummary" > "$out/build.log" 2>&1; then
  cat "$out/build.log"
  echo "e2e-summary: 0 passed, 1 failed"
  exit 1
fi
dotnet test --project tests/Konomi.EndToEnd.Tests -c Release --no-build --filter-not-trait "Category=Benchmark" \
  --report-xunit-trx --results-directory "$out/results" > "$out/dotnet-test.log" 2>&1
# The runner's own account of failures (messages, stacks); service logs are in $out/<scenario>/.
grep -A40 -E '^failed ' "$out/dotnet-test.log" | head -400

cat "$KONOMI_E2E_REPORT"
python3 - "$out/results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = 0
for trx in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(trx).getroot()
    for result in root.findall(".//{*}UnitTestResult"):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome != "NotExecuted":
            failed += 1
            print(f"e2e failed: {result.get('testName')}")
if not passed and not failed:
    failed = 1
    print("e2e failed: no test results (see .test-state/e2e/dotnet-test.log)")
print(f"e2e-summary: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
