#!/usr/bin/env bash
# The benchmarks on ../shared/data, each next to its peer in one run: models (default), ablations, labeling, replays, scale, shared.
# models, replays and shared need Debian's python3-sklearn (apt-get install -y python3-sklearn). Results go to stdout.
#   benchmarks/run.sh                      # models: Konomi's families vs scikit-learn, a Markdown table
#   benchmarks/run.sh ablations            # each ngram feature option alone vs scikit-learn, one Markdown table
#   benchmarks/run.sh replays --sample 2   # any benchmark with its options (--help lists them)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 0 || $1 == -* ]] && set -- models "$@"
dotnet run -c Release --project benchmarks/Konomi.Benchmarks -- "$@"
