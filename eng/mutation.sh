#!/usr/bin/env bash
# Mutation testing: Stryker.NET (pinned in .config/dotnet-tools.json) mutates a package's code and runs its tests
# against each mutant; a mutant no test notices ("survived") is a change the suite would let through.
#
#   eng/mutation.sh                 every area, one after the other (about 90 min on 2 cores, measured 2026-11-26: 20, 26, 40-50)
#   eng/mutation.sh core            one area: core (LimeCall.Sdk), aspnetcore, postgresql
#
# Reports (HTML and JSON) go outside the tree, to $LIMECALL_MUTATION_OUT (default: /tmp/limecall-mutation/<area>);
# the summary of what was run is written to tests/mutation-score.md. The postgresql area runs its tests against a
# real server, started by the tests themselves (tests/LimeCall.Sdk.TestKit), so this needs no set-up either.
# Not part of .ci/run: too slow for every change. See tests/mutation-score.md for the last result.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${LIMECALL_MUTATION_OUT:-${TMPDIR:-/tmp}/limecall-mutation}
areas=("$@")
if [ ${#areas[@]} -eq 0 ]; then
  areas=(core aspnetcore postgresql)
fi

declare -A tests=(
  [core]=LimeCall.Sdk.Tests
  [aspnetcore]=LimeCall.Sdk.AspNetCore.Tests
  [postgresql]=LimeCall.Sdk.PostgreSql.Tests
)

cd "$root"
dotnet tool restore >/dev/null
for area in "${areas[@]}"; do
  project=${tests[$area]:-}
  if [ -z "$project" ]; then
    echo "error: unknown area '$area' (core, aspnetcore, postgresql)" >&2
    exit 2
  fi

  echo "== $area: mutating, from tests/$project (eng/mutation/$area.json lists every test project used)" >&2
  rm -rf "${out:?}/$area"
  # A missing PostgreSQL server fails the tests instead of skipping them: a skipped test kills no mutant.
  (cd "tests/$project" && LIMECALL_TESTS_REQUIRE_SERVERS=1 dotnet stryker \
    --config-file "$root/eng/mutation/$area.json" --output "$out/$area" --skip-version-check)
  # What was measured, for the score file: the commit, and whether the tree had changes on top of it.
  git -C "$root" describe --always --dirty > "$out/$area/commit"
done

python3 "$root/eng/mutation/score.py" "$out" > "$root/tests/mutation-score.md"
echo "Scores: tests/mutation-score.md; reports: $out/<area>/reports/mutation-report.html" >&2
