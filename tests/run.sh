#!/bin/sh
# run.sh BUILD_DIR... — runs every test binary of each build (and every
# shell test, tests/sh/test_*.sh, with VNPLAN_BUILD naming the build), counts the
# "ok" / "not ok" lines, and ends with "N passed, N failed".
#
# A binary that crashes, times out, or exits non-zero without reporting a
# failure counts as one failure of its own; a build with no test binaries is
# a failure too.  Set VERBOSE=1 to see every line, TEST_JOBS=N to run N
# programs at once (default: one per core).
#
# Formats other than plain text: the gold tests (FORMAT_TESTS) run again for
# every format of FORMATS_READY, reading tests/fixtures/formats/<doc>.<format>
# instead of each plan's text (tests/unit/plan_source.h), and tests/hostile.sh
# feeds that format's hostile files to the build's vnplan.  A format is added
# to FORMATS_READY when its reader is merged; formats made only for some
# documents are named with their way of making (pandoc.docx, soffice-txt.docx,
# pandoc.html).  VNPLAN_FORMATS_READY in the environment replaces the list.
# A file of a ready format that fails for a reason its README gives waits in
# tests/fixtures/formats-pending/ (html: LibreOffice's export lost the words
# of eight documents' numbering, which the golden trees check; chromium.pdf:
# four of Chromium's PDFs the PDF reader does not read right yet).
# chromium.pdf is Chromium's print of pandoc.html (mkchromium.sh): a second
# PDF producer, so that the PDF reader's rules are not LibreOffice's alone;
# centred.pdf, typed.pdf and spaced.pdf are LibreOffice's PDFs of the .docx
# with every table cell centred in its height, as Word users set their tables,
# of the .typed.docx, the markers typed as clerks type them, and of it spaced
# as Nghị định 30/2020 asks, 6 pt around each paragraph, lines 1.5 apart;
# stamped.pdf is LibreOffice's PDF of the .docx signed as the portals publish
# plans, a digital signature's stamp in page 1's top margin and another
# between the signer's capacity and name (mksoffice-pdf.sh).
# abiword.pdf and abiword.docx are AbiWord's print and export of typed.docx
# (mkabiword.sh): a third PDF producer (lines at whole points, Cairo) and a
# fourth .docx writer (a note's typed mark as plain text); some of the PDFs
# wait in formats-pending/ (a note's mark printed twice, tables AbiWord
# draws narrower than their words, a header row cut by the page break ...).
# weasyprint.pdf is WeasyPrint's rendering of pandoc.html (mkweasyprint.sh), a
# fourth PDF producer with its own layout engine; more than half of its files
# wait in formats-pending/ (a table row WeasyPrint breaks across pages, ...).
# latex.pdf is pandoc's PDF of typed.docx through LaTeX (mklatex.sh), the PDF
# a pandoc user gets: TeX's justification with margin kerning, lists hung,
# tables as longtable; some wait in formats-pending/ (the header's two rows
# set with no space between, data tables, ...).
FORMATS_READY="docx typed.docx soffice-txt.docx odt pdf md html pandoc.html chromium.pdf centred.pdf typed.pdf spaced.pdf stamped.pdf abiword.pdf abiword.docx weasyprint.pdf latex.pdf"
# Every reader refuses its hostile files, whatever its gold tests say.
HOSTILE_FORMATS="docx odt pdf html md"
FORMAT_TESTS="test_golden test_targets_gold test_fixture_targets test_diff_gold"
cd "$(dirname "$0")/.." || exit 2
# The program's own messages follow the locale: the suite checks them in
# English unless a test sets the locale itself (tests/sh/test_cli_lang.sh).
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
formats=${VNPLAN_FORMATS_READY-$FORMATS_READY}
pass=0
fail=0
timeout_s=${TEST_TIMEOUT:-300}
# Test programs run TEST_JOBS at a time (by default, and in make check, one
# per core); each writes to its own temporary files, and their reports are
# printed in the order the programs are listed, whatever order they end in.
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
case $jobs in '' | *[!0-9]* | 0) jobs=1 ;; esac
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
njobs=0

# quote WORD — WORD as one shell word
quote() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# job NAME COMMAND... — lists one test program to run; its output goes to
# $work/N.out and its exit status to $work/N.rc.
job() {
    njobs=$((njobs + 1))
    printf '%s\n' "$1" >"$work/$njobs.name"
    shift
    cmd=""
    for w in "$@"; do cmd="$cmd $(quote "$w")"; done
    printf '%s >%s 2>&1; echo $? >%s\n' "$cmd" "$(quote "$work/$njobs.out")" \
        "$(quote "$work/$njobs.rc")" >"$work/$njobs.sh"
}

# report N — counts the "ok" / "not ok" lines of job N and prints its summary.
report() {
    name=$(cat "$work/$1.name")
    out=$(cat "$work/$1.out" 2>/dev/null)
    rc=$(cat "$work/$1.rc" 2>/dev/null)
    rc=${rc:-1}
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        fail=$((fail + 1))
        echo "not ok - $name exited with status $rc without reporting a failure"
        printf '%s\n' "$out" | tail -20 | sed 's/^/#   /'
    elif [ "$f" -gt 0 ] || [ -n "${VERBOSE:-}" ]; then
        echo "== $name"
        if [ -n "${VERBOSE:-}" ]; then
            printf '%s\n' "$out"
        else
            printf '%s\n' "$out" | grep -A12 '^not ok ' | grep -v '^ok '
        fi
    fi
    [ -z "${VERBOSE:-}" ] && [ "$f" -eq 0 ] && [ "$rc" -eq 0 ] && echo "ok   $name ($p checks)"
}

for build in "$@"; do
    bins=$(ls "$build"/tests/test_* 2>/dev/null)
    # shell tests (tests/sh/test_*.sh) run against each build's program; the
    # ThreadSanitizer build (the thread test only) runs the threaded batch alone
    sh_tests=$(ls tests/sh/test_*.sh 2>/dev/null)
    [ -x "$build/tests/test_threads" ] && [ ! -x "$build/tests/test_golden" ] && sh_tests=tests/sh/test_batch_threads.sh
    [ -n "$bins" ] && [ -x "$build/vnplan" ] && bins="$bins $sh_tests"
    if [ -z "$bins" ]; then
        echo "not ok - $build: no test binaries were built"
        fail=$((fail + 1))
        continue
    fi
    for t in $bins; do
        job "$build/${t##*/}" env VNPLAN_BUILD="$build" timeout "$timeout_s" "$t"
    done
    for fmt in $formats; do
        for t in $FORMAT_TESTS; do
            [ -x "$build/tests/$t" ] || continue # the TSan build has the thread test only
            job "$build/$t [$fmt]" env VNPLAN_BUILD="$build" VNPLAN_TEST_FORMAT="$fmt" \
                timeout "$timeout_s" "$build/tests/$t"
        done
    done
    # (not under ThreadSanitizer: the hostile files run under a memory
    # limit, in which its shadow memory cannot be mapped)
    if [ -n "$HOSTILE_FORMATS" ] && [ -x "$build/vnplan" ] && [ -x "$build/tests/test_golden" ]; then
        job "$build/hostile.sh [$HOSTILE_FORMATS]" env VNPLAN_FORMATS_READY="$HOSTILE_FORMATS" \
            timeout "$timeout_s" tests/hostile.sh "$build/vnplan"
    fi
done

i=1
while [ "$i" -le "$njobs" ]; do
    echo "$work/$i.sh"
    i=$((i + 1))
done | xargs -P "$jobs" -n 1 sh
i=1
while [ "$i" -le "$njobs" ]; do
    report "$i"
    i=$((i + 1))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
