#!/bin/sh
# fuzz.sh — the libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang,
# AddressSanitizer and UBSan, the library instrumented for coverage.
#
#   tools/fuzz.sh          `make fuzz`: each harness for FUZZ_SECONDS (default
#                          120) seconds, one after the other; FUZZ_HARNESSES
#                          (default: all) names the ones to run, so that two
#                          runs with different lists use two processors
#   tools/fuzz.sh check    `make check`: the kept regressions replayed through
#                          each harness, then each harness over its seeds and
#                          FUZZ_CHECK_RUNS (default 200) mutations of them,
#                          from a fixed random seed: the same inputs on every
#                          machine, so that a check passes or fails for the
#                          code, not for the luck of the draw (finding new
#                          faults is `make fuzz`'s work); skipped with a note
#                          when clang with libFuzzer is missing
#
# Harnesses: parse (any bytes through the pipeline, every reader), load_xml
# (vnplan_load_xml), diff (a plan against a parsed or loaded baseline, every
# report format), render (every renderer and the check reports), and one per
# reader of a structured format (read_docx, read_odt, read_pdf, read_html,
# read_md: the format forced, so every input reaches its layers), and report
# (documents.jsonl read by `vnplan report`: the program's report, not the
# library's).  Each is
# seeded with WHOLE files: the corpus and fixture plans, the bundled
# decisions, and tests/fuzz/regressions/NAME/.  A crash is kept in
# build/fuzz/crashes/NAME/; replay it with build/fuzz-lib/fuzz/fuzz_NAME FILE,
# fix it, and keep it as a regression: copy it to tests/fuzz/regressions/NAME/
# (the test suite replays that folder under ASan + UBSan).
set -eu
cd "$(dirname "$0")/.."
mode=${1:-fuzz}
all_harnesses="parse load_xml diff render read_docx read_odt read_pdf read_html read_md report"
harnesses=${FUZZ_HARNESSES:-$all_harnesses}
for h in $harnesses; do
    case " $all_harnesses " in
    *" $h "*) ;;
    *) echo "fuzz: no harness \"$h\" (there are: $all_harnesses)" >&2; exit 2 ;;
    esac
done
build=build/fuzz-lib
out=build/fuzz
mkdir -p "$out"

# run_harness NAME — one harness over its seeds (check: a fixed draw) or for
# FUZZ_SECONDS; its report line(s) go to $out/result-NAME, and a fault makes
# $out/result-NAME.fault.
run_harness() {
    h=$1
    r=$out/result-$h
    rm -f "$r" "$r.fault"
    mkdir -p "$out/corpus/$h" "$out/crashes/$h"
    # the seeds' own sizes bound the input length (no cut at 20,000 bytes)
    maxlen=$(ls -l "$out/seeds/$h" | awk 'NR > 1 && $5 > m { m = $5 } END { print (m > 65536 ? m : 65536) }')
    if [ -n "$runs" ]; then
        # a fixed draw: the seeds alone (not what earlier runs kept), a fixed
        # random seed, a count of runs instead of a time; the time limit only
        # guards against a machine far slower than expected
        nseeds=$(ls "$out/seeds/$h" | wc -l)
        corpus=$(mktemp -d)
        set -- -seed=1 -runs=$((nseeds + runs)) -max_total_time=300 "$corpus"
        what="$((nseeds + runs)) inputs ($nseeds seeds, $runs mutations, fixed draw)"
    else
        secs=${FUZZ_SECONDS:-120}
        corpus=""
        set -- -max_total_time="$secs" "$out/corpus/$h"
        what="inputs in $secs s"
    fi
    if "$build/fuzz/fuzz_$h" "$@" -max_len="$maxlen" -timeout=20 -rss_limit_mb=3072 \
        -print_final_stats=1 -artifact_prefix="$out/crashes/$h/" "$out/seeds/$h" \
        >"$out/fuzz-$h.log" 2>&1; then
        n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz-$h.log")
        if [ -n "$runs" ]; then
            echo "ok   fuzz $h: $what, no fault" >"$r"
        else
            echo "ok   fuzz $h: ${n:-?} $what, no fault" >"$r"
        fi
    else
        echo "not ok fuzz $h: a fault (log: $out/fuzz-$h.log; input in $out/crashes/$h/)" >"$r"
        grep -m3 -E 'ERROR|runtime error|SUMMARY' "$out/fuzz-$h.log" | sed 's/^/#   /' >>"$r"
        : >"$r.fault"
    fi
    [ -z "$corpus" ] || rm -rf "$corpus"
}

# run-one NAME: one harness's fixed draw, for check (below), once the
# harnesses are built and seeded
if [ "$mode" = run-one ]; then
    runs=${FUZZ_CHECK_RUNS:-200}
    LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    export LSAN_OPTIONS
    run_harness "$2"
    exit 0
fi

have_libfuzzer() {
    command -v clang >/dev/null 2>&1 &&
        echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
            clang -x c -fsanitize=fuzzer - -o /dev/null 2>/dev/null
}

if ! have_libfuzzer; then
    if [ "$mode" = check ]; then
        echo "ok   fuzz: skipped (clang with libFuzzer not found; tools/deps.sh test installs it)"
        exit 0
    fi
    echo "fuzz: clang with libFuzzer is needed (Debian: clang, libclang-rt-14-dev)" >&2
    tools/deps.sh build
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >&2
fi

# the library is instrumented for coverage too, or the fuzzer is blind to it
flags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
bins=""
for h in $harnesses; do bins="$bins $build/fuzz/fuzz_$h"; done
make --no-print-directory -j2 BUILD=$build CC=clang CFLAGS="$flags -fsanitize=fuzzer-no-link" \
    LDFLAGS="-fsanitize=address,undefined" $bins >"$out/build.log" 2>&1 || {
    tail -30 "$out/build.log" >&2
    echo "not ok fuzz: the harnesses do not build (log: $out/build.log)"
    exit 1
}

# seeds, whole files, each after the option byte its harness reads first
seed() { # seed HARNESS NAME OPTION-BYTE-OCTAL FILE...
    case " $harnesses " in *" $1 "*) ;; *) return 0 ;; esac
    d=$out/seeds/$1
    f=$d/$2
    printf "\\$3" > "$f"
    shift 3
    cat "$@" >> "$f"
}
# only the seeds of the harnesses run here: another run may be using the others
for h in $harnesses; do rm -rf "$out/seeds/$h" && mkdir -p "$out/seeds/$h"; done
plans=$(ls corpus/plans/*.txt tests/fixtures/plans/*.txt 2>/dev/null)
for p in $plans; do
    b=$(basename "$p")
    seed parse "$b" 000 "$p"
    seed parse "$b.all" 013 "$p"
    for g in 0 2 4 6; do seed render "$b.$g" 00$g "$p"; done
    # each plan alone, in each report format (bits 3-4) and variant (bits 5-6)
    seed diff "$b" 000 "$p"
    seed diff "$b.html" 030 "$p"
    seed diff "$b.csv-many" 060 "$p"
    seed diff "$b.json-report" 110 "$p"
done
# the files of the other formats (those the gold tests skip too), read as
# what they are (bits 4-6 of the option byte: the input format) and as detected
# (the PDFs of one producer and setting only, <doc>.pdf: those of the others,
# <doc>.chromium.pdf, <doc>.spaced.pdf ..., seed read_pdf, below, which
# reaches the same layers; through parse they would double check's time)
for f in tests/fixtures/formats/* tests/fixtures/formats-pending/*; do
    b=$(basename "$f")
    case "$b" in *.*.pdf) continue ;; esac
    case "$f" in
    *.docx) opt=040 ;; *.odt) opt=060 ;; *.pdf) opt=100 ;; *.html) opt=120 ;; *.md) opt=140 ;; *) continue ;;
    esac
    seed parse "$b" "$opt" "$f"
    seed parse "$b.auto" 000 "$f"
done
# the readers' own harnesses (tests/fuzz/fuzz_read_*.c): the files of their format, whole
# (and the text-box fixtures: shapes, mc:AlternateContent, frames; the legacy-font ones: .VnTime,
# VNI-Times; a PDF whose tones are glyphs of their own, given apart from their letters)
for f in tests/fixtures/formats/* tests/fixtures/formats-pending/* tests/fixtures/textbox/* tests/fixtures/legacy/* tests/fixtures/pdf/tohop.pdf; do
    case "$f" in
    *.docx) h=read_docx ;; *.odt) h=read_odt ;; *.pdf) h=read_pdf ;; *.html | *.htm) h=read_html ;; *.md) h=read_md ;;
    *) continue ;;
    esac
    seed $h "$(basename "$f")" 000 "$f"
done
for f in tests/fixtures/plans/*.md; do
    [ -f "$f" ] && seed read_md "$(basename "$f")" 000 "$f"
done
sep=$(mktemp)
trap 'rm -f "$sep"' EXIT
printf '\n@@@@\n' > "$sep"
for x in corpus/decisions/*.xml; do
    b=$(basename "$x")
    seed parse "$b" 004 "$x"
    case " $harnesses " in *" load_xml "*) cp "$x" "$out/seeds/load_xml/$b" ;; esac
    for p in corpus/plans/*.txt; do
        seed diff "$b-$(basename "$p")" 001 "$x" "$sep" "$p"
    done
done
# report: the lines of a documents.jsonl that vnplan batch writes of the
# corpus and fixture plans (those that fail too), a line a seed, and the
# first three lines together (plans of several decisions)
case " $harnesses " in
*" report "*)
    make --no-print-directory -j2 build/vnplan >>"$out/build.log" 2>&1
    rm -rf "$out/batch"
    build/vnplan batch -q -j2 --out "$out/batch" corpus/plans tests/fixtures/plans >/dev/null 2>&1 || true
    if [ ! -s "$out/batch/documents.jsonl" ]; then
        echo "not ok fuzz report: vnplan batch wrote no documents.jsonl to seed it (log: $out/build.log)"
        exit 1
    fi
    split -l 1 -a 3 "$out/batch/documents.jsonl" "$out/seeds/report/line-"
    head -n 3 "$out/batch/documents.jsonl" > "$out/seeds/report/three-lines"
    ;;
esac
for h in $harnesses; do
    [ -d "tests/fuzz/regressions/$h" ] || continue
    for r in tests/fuzz/regressions/"$h"/*; do
        [ -f "$r" ] && cp "$r" "$out/seeds/$h/regression-$(basename "$r")"
    done
done

# poppler's process-wide caches are not vnplan's leaks (tests/fuzz/lsan.supp)
LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

status=0
if [ "$mode" = check ]; then
    # the regressions, replayed by the clang build (its UBSan sees more than gcc's)
    for h in $harnesses; do
        files=$(ls tests/fuzz/regressions/"$h"/* 2>/dev/null || true)
        [ -n "$files" ] || continue
        # shellcheck disable=SC2086
        if "$build/fuzz/fuzz_$h" $files >"$out/replay-$h.log" 2>&1; then
            echo "ok   fuzz $h: $(echo "$files" | wc -l) regressions replayed (clang, ASan + UBSan)"
        else
            echo "not ok fuzz $h: a regression faults again (log: $out/replay-$h.log)"
            grep -m3 -E 'ERROR|runtime error' "$out/replay-$h.log" | sed 's/^/#   /'
            status=1
        fi
    done
    runs=${FUZZ_CHECK_RUNS:-200}
else
    runs=""
fi
# make fuzz runs the harnesses one after the other (FUZZ_HARNESSES splits
# them between processors); make check's fixed draws run FUZZ_JOBS at once
# (default: one per core), each by this script again (run-one), and report
# in the listed order
if [ -n "$runs" ]; then
    printf '%s\n' $harnesses | FUZZ_CHECK_RUNS=$runs xargs -P "${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}" \
        -n 1 sh "$PWD/tools/fuzz.sh" run-one
else
    for h in $harnesses; do run_harness "$h"; done
fi
for h in $harnesses; do
    cat "$out/result-$h"
    [ ! -e "$out/result-$h.fault" ] || status=1
done
exit $status
