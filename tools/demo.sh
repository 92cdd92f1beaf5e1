#!/bin/sh
# demo.sh VNPLAN — `make demo`: the main job on the bundled corpus.  Each
# plan is compared with the decision it says it implements (picked from its
# own metadata); the text report goes to the terminal, an HTML report for
# each plan and a summary across plans are written to build/demo/.
set -u
vnplan=${1:-build/vnplan}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/demo
mkdir -p "$out"
status=0
for plan in "$root"/corpus/plans/*.txt; do
    name=$(basename "$plan" .txt)
    echo "================================================================"
    echo "vnplan diff $(basename "$plan")"
    echo "================================================================"
    "$vnplan" diff "$plan"
    rc=$?
    [ "$rc" -ge 2 ] && status=2
    "$vnplan" diff --format html -o "$out/$name.html" "$plan" 2>/dev/null
done
echo
echo "All 1002/QĐ-TTg plans side by side:"
"$vnplan" diff --format html -o "$out/summary-1002.html" \
    "$root/corpus/plans/lang-son-1002-pdf-double-spaced.txt" \
    "$root/corpus/plans/ninh-binh-141-KH-UBND-1002.txt" 2>/dev/null
"$vnplan" diff --format csv -o "$out/summary-1002.csv" \
    "$root/corpus/plans/lang-son-1002-pdf-double-spaced.txt" \
    "$root/corpus/plans/ninh-binh-141-KH-UBND-1002.txt" 2>/dev/null
echo "  HTML reports: $out/*.html"
echo "  CSV summary:  $out/summary-1002.csv"
# vnplan diff exits 1 when a plan differs from its decision: that is the
# expected outcome of a demo, not a failure.  Only trouble (2) fails it.
exit $status
