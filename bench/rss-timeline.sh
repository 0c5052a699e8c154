#!/usr/bin/env bash
# Memory over a run's lifetime: runs a command and prints, every 5 s, the seconds since its start,
# its resident memory (MiB, VmRSS of /proc/<pid>/status) and its thread count (a readiness probe's
# thread shows as one more). Linux only.
#
#   bash bench/rss-timeline.sh node dist/bench/sim-once.js bench/scenarios/campaign-256kib-100gw.json 1000000
#
# The command's own output goes to standard error; the samples to standard output, tab-separated.
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: bash bench/rss-timeline.sh <command> [args...]" >&2; exit 2; }
"$@" >&2 &
pid=$!
start=$(date +%s)
printf 'seconds\trssMiB\tthreads\n'
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null)
  threads=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
  [ -n "$rss" ] && printf '%d\t%s\t%d\n' "$(( $(date +%s) - start ))" "$rss" "$threads"
  sleep 5
done
wait "$pid"
