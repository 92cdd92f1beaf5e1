#!/bin/sh
# bench.sh BUILD — `make bench`: parse → XML throughput (whole process, median
# of five runs) and peak memory on a plan of at least 100 MB built from the
# corpus, against the goals: >= 100 MB/s, peak memory <= 3x the input.
# Then the time of each pipeline stage on one run (vnplan parse --stats).
# Then PDF -> tree -> XML read directly, against `pdftotext -layout` alone and
# `pdftotext -layout | vnplan parse` on the same PDF in the same run (MB/s of
# the PDF, whole process, median of five); goal: the direct read no slower
# than pdftotext -layout alone.  Needs pdftotext and qpdf (skipped without).
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

# ---- PDF ----------------------------------------------------------------------------
pdf=$build/bench/plans.pdf
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v qpdf >/dev/null 2>&1; then
    echo "PDF: skipped (pdftotext and qpdf are needed: apt-get install poppler-utils qpdf)"
    exit $status
fi
mkdir -p "$build/bench"
if [ ! -s "$pdf" ]; then
    # the fixture plan printed by LibreOffice, $PDF_COPIES times: a document
    # of some hundred pages, each copy with its own fonts as in separate
    # files (copies under other names, or qpdf would share one copy's objects)
    set --
    i=0
    while [ $i -lt "${PDF_COPIES:-150}" ]; do
        cp tests/fixtures/pdf/plan.pdf "$build/bench/copy$i.pdf"
        set -- "$@" "$build/bench/copy$i.pdf"
        i=$((i + 1))
    done
    qpdf --empty --pages "$@" -- "$pdf"
    rm -f "$@"
fi
mbps() { sed -n 's/^throughput \([0-9.]*\) MB\/s.*/\1/p'; }
echo "PDF: $pdf ($(qpdf --show-npages "$pdf") pages)"
echo "  vnplan parse --format xml (direct):"
direct=$("$build/tests/bench_run" 5 "$pdf" 0 1000 -- "$build/vnplan" parse --format xml -o /dev/null "$pdf" | tee /dev/stderr | mbps)
echo "  pdftotext -layout alone:"
alone=$("$build/tests/bench_run" 5 "$pdf" 0 1000 -- "$(command -v pdftotext)" -layout "$pdf" /dev/null | tee /dev/stderr | mbps)
echo "  pdftotext -layout | vnplan parse --format xml:"
piped=$("$build/tests/bench_run" 5 "$pdf" 0 1000 -- /bin/sh -c "pdftotext -layout '$pdf' - | '$build/vnplan' parse --format xml -o /dev/null -" | tee /dev/stderr | mbps)
verdict=$(awk -v d="$direct" -v a="$alone" -v p="$piped" 'BEGIN {
    printf "direct %.2f MB/s = %.2f x pdftotext -layout alone (%.2f MB/s), %.2f x the pipe (%.2f MB/s)   goal >= 1 x: %s",
        d, d / a, a, d / p, p, (d >= a ? "met" : "MISSED") }')
echo "PDF: $verdict"
case $verdict in *MISSED*) status=1 ;; esac
exit $status
