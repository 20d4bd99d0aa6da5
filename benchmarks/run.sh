#!/usr/bin/env bash
# Model benchmarks: Konomi's families vs the scikit-learn peer on ../shared/data, same folds, one run.
# Needs Debian's python3-sklearn (apt-get install -y python3-sklearn). Prints a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project cli/Konomi.Cli -- bench models "$@"
