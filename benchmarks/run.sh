#!/usr/bin/env bash
# Runs the benchmarks (all, or those matching a filter) and copies the markdown reports into
# benchmarks/results/, where they are committed.
#   benchmarks/run.sh                      # everything
#   benchmarks/run.sh '*SignatureVerification*'
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-*}"
# Only this run's reports are copied.
rm -rf benchmarks/BenchmarkDotNet.Artifacts/results
dotnet run -c Release --project benchmarks/LimeCall.Sdk.Benchmarks -- --filter "$filter" --artifacts benchmarks/BenchmarkDotNet.Artifacts
mkdir -p benchmarks/results
for report in benchmarks/BenchmarkDotNet.Artifacts/results/*-report-github.md; do
  name=$(basename "$report" -report-github.md)
  cp "$report" "benchmarks/results/${name##*.}.md"
done
ls -1 benchmarks/results
