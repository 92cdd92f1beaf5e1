#!/bin/sh
# bench-batch.sh BUILD [N] — `make bench`: vnplan batch over N (default 10000)
# plan-like documents (tools/bench-batch-gen.sh), with -j1 and -j2, whole
# process (the report at the end included), against `cat` of the same files
# in the same run: documents/s, MB/s, peak memory (/usr/bin/time -v).
# Goals (issue 13): 10.000 documents in under 10 s with -j2, peak memory
# under 200 MB, -j2 at least 1.8x as fast as -j1.  Status 1 when a goal is
# not met.
set -eu
build=${1:-build}
count=${2:-${BATCH_DOCS:-10000}}
case $build in /*) ;; *) build=$PWD/$build ;; esac
vn=$build/vnplan
dir=$build/bench/batch-$count
if [ ! -d "$dir" ]; then
    echo "generating $count documents in $dir ..."
    "$(dirname "$0")/bench-batch-gen.sh" "$dir" "$count"
fi
docs=$(find "$dir" -type f | wc -l)
bytes=$(find "$dir" -type f -exec cat {} + | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "(wall time counts waiting for a processor: compare CPU with wall on a loaded machine)"
echo "input: $docs documents, $mb MB ($(nproc) processors; load $(cut -d' ' -f1-3 /proc/loadavg))"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure NAME CMD...: wall seconds (date), CPU seconds (user + system) and
# peak memory (/usr/bin/time -v) of the whole process; sets $el and $rss
measure() {
    name=$1
    shift
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || true
    end=$(date +%s.%N)
    el=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$tmp/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time")
    awk -v n="$name" -v e="$el" -v c="$cpu" -v d="$docs" -v m="$mb" -v r="$rss" \
        'BEGIN { printf "%-18s %8.2f s wall %8.2f s CPU %8.0f docs/s %8.1f MB/s %5d MB peak\n", n, e, c, d / e, m / e, r }'
}
measure "cat" find "$dir" -type f -exec cat {} +
t_cat=$el
measure "vnplan batch -j1" "$vn" batch -q -j1 --out "$tmp/o1" "$dir"
t1=$el
r1=$rss
# -j1's output stays until the end: on ext4 without a journal (this
# machine's disk) a file made within minutes of 10.000 deletions costs a
# scan of the recently freed inodes (recently_deleted), and removing o1
# here made the -j2 run pay 3 s of system time for the bench's own cleanup
measure "vnplan batch -j2" "$vn" batch -q -j2 --out "$tmp/o2" "$dir"
t2=$el
r2=$rss
failed=$(grep -c '"error"' "$tmp/o2/documents.jsonl" || true)
echo "($failed of $docs documents failed; cat took $t_cat s)"
status=0
goal() { # goal OK TEXT
    if [ "$1" = 1 ]; then echo "goal met:     $2"; else echo "goal NOT met: $2"; status=1; fi
}
goal "$(awk -v t="$t2" -v d="$docs" 'BEGIN { print (t * 10000 / d < 10) }')" "10.000 documents in < 10 s with -j2 ($t2 s for $docs)"
goal "$(awk -v a="$r1" -v b="$r2" 'BEGIN { print (a < 200 && b < 200) }')" "peak memory < 200 MB ($r1 MB -j1, $r2 MB -j2)"
goal "$(awk -v a="$t1" -v b="$t2" 'BEGIN { print (a / b >= 1.8) }')" "-j2 >= 1.8x -j1 ($(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", a / b }')x)"
exit $status
