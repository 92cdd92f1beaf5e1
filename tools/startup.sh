#!/bin/sh
# startup.sh [BUILD] [RUNS] — what starting vnplan costs: the wall time of
# `vnplan parse` and `vnplan diff --base 1002` on a one-line file, side by
# side with `cat` of the same file, RUNS times each (default 100), as the
# minimum and the median in milliseconds.  The minimum is the cost on an idle
# machine; the median shows how much a busy one adds.
set -eu
build=${1:-build}
runs=${2:-100}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnplan-startup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf 'Kế hoạch thực hiện Quyết định số 1002/QĐ-TTg\n' >"$tmp/one-line.txt"

# walltimes CMD...: one wall time per run, in microseconds, into $tmp/t
walltimes() {
    : >"$tmp/t"
    i=0
    while [ $i -lt "$runs" ]; do
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s%N)
        echo $(((e - s) / 1000)) >>"$tmp/t"
        i=$((i + 1))
    done
    sort -n "$tmp/t" | awk '{a[NR] = $1} END {printf "%.2f %.2f\n", a[1] / 1000, a[int((NR + 1) / 2)] / 1000}'
}

# interleaved rounds, so that a change of load hits every command alike
: >"$tmp/all"
for round in 1 2 3; do
    echo "cat $(walltimes cat "$tmp/one-line.txt")" >>"$tmp/all"
    echo "parse $(walltimes "$build/vnplan" parse "$tmp/one-line.txt")" >>"$tmp/all"
    echo "diff $(walltimes "$build/vnplan" diff --base 1002 "$tmp/one-line.txt")" >>"$tmp/all"
done
awk '{ if (!($1 in min) || $2 < min[$1]) min[$1] = $2; med[$1] = med[$1] " " $3 }
     END {
        printf "%-34s %8s %8s\n", "", "min ms", "medians";
        printf "%-34s %8.2f %s\n", "cat one-line.txt", min["cat"], med["cat"];
        printf "%-34s %8.2f %s\n", "vnplan parse one-line.txt", min["parse"], med["parse"];
        printf "%-34s %8.2f %s\n", "vnplan diff --base 1002 one-line.txt", min["diff"], med["diff"];
        printf "start-up over cat (min): parse %.2f ms, diff %.2f ms\n", min["parse"] - min["cat"], min["diff"] - min["cat"] }' "$tmp/all"
