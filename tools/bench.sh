#!/bin/sh
# bench.sh BUILD — `make bench`: parse → XML throughput (whole process, median
# of five runs) and peak memory on a plan of at least 100 MB built from the
# corpus, against the goals: >= 100 MB/s, peak memory <= 3x the input.
# Then the time of each pipeline stage on one run (vnplan parse --stats).
set -eu
build=${1:-build}
input=$build/bench/plan-100mb.txt
mkdir -p "$build/bench"
if [ ! -s "$input" ]; then
    echo "building $input from the corpus ..."
    "$(dirname "$0")/bench-input.sh" "$input" 100
fi
echo "vnplan parse --format xml: $input"
status=0
"$build/tests/bench_run" 5 "$input" 100 3 -- "$build/vnplan" parse --format xml -o /dev/null "$input" || status=$?
echo "stages (one run):"
"$build/vnplan" parse --stats --format xml -o /dev/null "$input"
exit $status
