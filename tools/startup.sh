#!/bin/sh
# startup.sh [BUILD] [RUNS] — what starting vnplan costs (part of `make bench`).
#
#   - the wall time of `vnplan parse` and `vnplan diff --base 1002` on a
#     one-line file, and of `vnplan diff` on a 20 KB plan of the corpus (its
#     baseline found from its text), each side by side with `cat` of the same
#     file, RUNS times each (default 100), in interleaved rounds so that a
#     change of load hits every command alike;
#   - the time the library takes, in a fresh process, to have the built-in
#     grammar, the list of bundled baselines and baseline 1002 ready
#     (BUILD/tests/bench_ready, built by `make tests`; skipped without it).
#
# Minimum and medians in milliseconds: the minimum is the cost on an idle
# machine; the medians show how much a busy one adds.  With valgrind
# installed, the instructions of `vnplan diff` of the 20 KB plan, of `cat`
# and of bench_ready follow (callgrind), which a busy machine does not
# change: the numbers to compare two builds by when the wall times are
# noise.  Goals (issue 13):
# built-in grammars and baselines ready in <= 3 ms; `vnplan diff` of the
# 20 KB plan within 3 ms of `cat` of the same file.  Exit status 1 when a
# goal is missed.
set -eu
build=${1:-build}
runs=${2:-100}
plan=corpus/plans/lang-son-1002-pdf-double-spaced.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnplan-startup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf 'Kế hoạch thực hiện Quyết định số 1002/QĐ-TTg\n' >"$tmp/one-line.txt"

# walltimes CMD...: one wall time per run, in microseconds; prints "MIN MEDIAN" in ms
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

# ready: the "ready" field of bench_ready, RUNS times; "MIN MEDIAN"
ready() {
    i=0
    : >"$tmp/r"
    while [ $i -lt "$runs" ]; do
        "$build/tests/bench_ready" >>"$tmp/r"
        i=$((i + 1))
    done
    sed -n 's/.* ready \([0-9.]*\)$/\1/p' "$tmp/r" | sort -n |
        awk '{a[NR] = $1} END {printf "%.2f %.2f\n", a[1], a[int((NR + 1) / 2)]}'
}

: >"$tmp/all"
for round in 1 2 3; do
    echo "cat1 $(walltimes cat "$tmp/one-line.txt")" >>"$tmp/all"
    echo "parse1 $(walltimes "$build/vnplan" parse "$tmp/one-line.txt")" >>"$tmp/all"
    echo "diff1 $(walltimes "$build/vnplan" diff --base 1002 "$tmp/one-line.txt")" >>"$tmp/all"
    echo "cat20 $(walltimes cat "$plan")" >>"$tmp/all"
    echo "diff20 $(walltimes "$build/vnplan" diff "$plan")" >>"$tmp/all"
    [ -x "$build/tests/bench_ready" ] && echo "ready $(ready)" >>"$tmp/all"
done
size=$(($(wc -c <"$plan") / 1024))
awk -v plan="$(basename "$plan")" -v kb="$size" '
    { if (!($1 in min) || $2 < min[$1]) min[$1] = $2; med[$1] = med[$1] " " $3 }
    END {
        printf "%-52s %8s %s\n", "", "min ms", "medians";
        printf "%-52s %8.2f %s\n", "cat one-line.txt", min["cat1"], med["cat1"];
        printf "%-52s %8.2f %s\n", "vnplan parse one-line.txt", min["parse1"], med["parse1"];
        printf "%-52s %8.2f %s\n", "vnplan diff --base 1002 one-line.txt", min["diff1"], med["diff1"];
        printf "%-52s %8.2f %s\n", "cat " plan " (" kb " KB)", min["cat20"], med["cat20"];
        printf "%-52s %8.2f %s\n", "vnplan diff " plan, min["diff20"], med["diff20"];
        if ("ready" in min)
            printf "%-52s %8.2f %s\n", "grammar + baselines ready (in the library)", min["ready"], med["ready"];
        printf "start-up over cat (min): parse %.2f ms, diff %.2f ms (one-line file)\n",
            min["parse1"] - min["cat1"], min["diff1"] - min["cat1"];
        over = min["diff20"] - min["cat20"];
        printf "goal: diff of the %d KB plan within 3 ms of cat: %.2f ms over   %s\n", kb, over,
            over <= 3 ? "met" : "MISSED";
        if ("ready" in min)
            printf "goal: built-in grammars and baselines ready in <= 3 ms: %.2f ms   %s\n", min["ready"],
                min["ready"] <= 3 ? "met" : "MISSED";
        else
            printf "goal: grammars and baselines ready: not measured (make tests builds bench_ready)\n";
    }' "$tmp/all" | tee "$tmp/report"
# instrs CMD...: the instructions callgrind counts for one run, in millions
instrs() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d , | awk '{printf "%.2f", $1 / 1e6}'
}
if command -v valgrind >/dev/null 2>&1; then
    printf 'instructions (callgrind, millions): vnplan diff %s, cat %s' \
        "$(instrs "$build/vnplan" diff "$plan")" "$(instrs cat "$plan")"
    [ -x "$build/tests/bench_ready" ] && printf ', ready %s' "$(instrs "$build/tests/bench_ready")"
    echo
fi
! grep -q MISSED "$tmp/report"
