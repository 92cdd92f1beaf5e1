#!/bin/sh
# test_batch_threads.sh — `vnplan batch -j2 --out` over every plan the
# project has, in every format read (PDF through poppler, DOCX and ODT
# through libzip and libxml2, HTML, Markdown), twice.  Under the
# ThreadSanitizer build (tests/run.sh runs it for build/tsan, the only shell
# test there) a data race among the workers, the writer and the report's
# spreadsheet thread ends the program with status 66 and the race on
# standard error; in the other builds it checks that the run finishes and
# that -j2 gives the bytes -j1 gives on this larger set.
#
# Known reports that are not ours are suppressed (tests/tsan/suppressions.txt):
# glibc's own locks, which TSan does not see; G_SLICE=always-malloc keeps
# GLib's slice allocator (poppler-glib's lists), whose lock-free magazines
# TSan cannot follow, out of the way.
# Run by tests/run.sh with VNPLAN_BUILD set; prints TAP.
cd "$(dirname "$0")/../.." || exit 2
vn=${VNPLAN_BUILD:-build}/vnplan
case $vn in /*) ;; *) vn=$PWD/$vn ;; esac
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
n=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
G_SLICE=always-malloc
TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$PWD/tests/tsan/suppressions.txt ${TSAN_OPTIONS:-}"
SOURCE_DATE_EPOCH=1750000000
export G_SLICE TSAN_OPTIONS SOURCE_DATE_EPOCH
set -- corpus/plans tests/fixtures/plans tests/fixtures/formats
for j in 2 1; do
    "$vn" batch -q -j$j --out "$t/j$j" "$@" 2>"$t/err$j"
    rc=$?
    # 1: the plans of decisions with no bundled baseline are listed as failed
    [ $rc -le 1 ] && ! grep -q 'ThreadSanitizer' "$t/err$j"
    ok $? "batch -j$j over $(find "$@" -type f | wc -l) files finishes (status $rc) with no data race"
    [ $rc -le 1 ] || sed 's/^/#   /' "$t/err$j" | head -40
done
for f in documents.jsonl matrix.csv summary.csv similarity.csv index.html; do
    cmp -s "$t/j1/$f" "$t/j2/$f"
    ok $? "$f: the same bytes for -j1 and -j2"
done
echo "1..$n"
