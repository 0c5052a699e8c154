#!/usr/bin/env bash
# Regression check: runs every baseline scenario in bench/baselines/<name>/ and compares the result
# with the committed summary (summary.json for a single run, summary.csv for a sweep) through
# `fuota-sim compare`. Exit 1 when any metric moved; 2 when a run or a compare could not be done.
#
#   bash bench/baselines/check.sh            # check (CI runs this after the tests)
#   bash bench/baselines/check.sh --update   # accept the current results as the new baselines
#
# Needs the build (npm run build).
set -uo pipefail
cd "$(dirname "$0")/../.."
update=()
[ "${1:-}" = "--update" ] && update=(--update)
cli=(node dist/src/cli/main.js)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for dir in bench/baselines/*/; do
  name=$(basename "$dir")
  out="$work/$name"
  if grep -q '"sweep"' "$dir/scenario.json"; then
    "${cli[@]}" sweep "$dir/scenario.json" --out "$out" --workers 2 --quiet --no-plots >/dev/null
  else
    "${cli[@]}" run "$dir/scenario.json" --out "$out" --quiet >/dev/null
  fi
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "baseline $name: the run failed (exit $rc)" >&2
    status=2
    continue
  fi
  echo "baseline $name:"
  "${cli[@]}" compare "$dir" "$out" --changes-only "${update[@]}"
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$status" -ne 2 ]; then status=$rc; fi
done
if [ "$status" -eq 1 ]; then
  echo "baselines: results changed; if the change is intended, run: bash bench/baselines/check.sh --update" >&2
elif [ "$status" -ne 0 ]; then
  echo "baselines: a baseline run or compare failed (see above)" >&2
fi
exit "$status"
