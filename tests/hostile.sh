#!/bin/sh
# hostile.sh VNPLAN — feeds every hostile file of tests/fixtures/hostile/ to
# `VNPLAN parse`, `VNPLAN targets` and `VNPLAN diff` and checks, for each, that
# vnplan refuses it cleanly:
#
#   - exit status 2 (not 0, not a crash, not killed by the time limit);
#   - nothing on standard output (no partial result);
#   - a first line on standard error "vnplan: FILE: REASON" with a reason of
#     some words;
#   - no sanitizer report, and nothing of /etc/passwd anywhere (XXE);
#   - within HOSTILE_TIMEOUT seconds (default 60, ASan builds included), and,
#     for a build without ASan, within HOSTILE_MEM_KB of address space
#     (default 1 GiB: a zip bomb must not be inflated into memory).
#
# A file's name starts with the format it pretends to be (docx-, odt-, pdf-,
# html-, md-); its checks run when that format is in VNPLAN_FORMATS_READY
# (tests/run.sh sets it from FORMATS_READY), because until its reader exists
# vnplan refuses the whole format anyway.  legacy- files (.doc, .rtf) are
# checked with docx: their message must then name the conversion that works
# (soffice --convert-to docx).  Prints TAP lines ("ok N - ...").
cd "$(dirname "$0")/.." || exit 2
vnplan=${1:-build/vnplan}
# a way of making a format (typed.docx, pandoc.html) is read by that format's reader
formats=""
for f in ${VNPLAN_FORMATS_READY-}; do
    formats="$formats ${f##*.}"
done
limit_s=${HOSTILE_TIMEOUT:-60}
mem_kb=${HOSTILE_MEM_KB:-1048576}
dir=tests/fixtures/hostile
n=0
failed=0

if [ ! -x "$vnplan" ]; then
    echo "not ok 1 - $vnplan is not built"
    exit 1
fi
if [ -z "$(echo $formats)" ]; then
    echo "ok 1 - # SKIP no format is ready (VNPLAN_FORMATS_READY is empty)"
    echo "1..1"
    exit 0
fi
# ASan reserves terabytes of address space: no memory limit under it.
asan=0
grep -q __asan_init "$vnplan" 2>/dev/null && asan=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

report() { # report OK DESCRIPTION [DETAIL]
    n=$((n + 1))
    if [ "$1" -eq 1 ]; then
        echo "ok $n - $2"
    else
        failed=$((failed + 1))
        echo "not ok $n - $2"
        [ -n "${3:-}" ] && printf '%s\n' "$3" | head -8 | sed 's/^/#   /'
    fi
}

checked=0
for f in "$dir"/*; do
    [ -f "$f" ] || continue
    name=${f##*/}
    fmt=${name%%-*}
    ready=$fmt
    [ "$fmt" = legacy ] && ready=docx
    case " $formats " in
    *" $ready "*) ;;
    *) continue ;;
    esac
    checked=$((checked + 1))
    # Markdown is text: a file that shows nothing of Markdown but ten thousand
    # '>' is read as text (harmless); read as Markdown it must be refused
    from=""
    [ "$fmt" = md ] && from="--from md"
    for cmd in parse targets diff; do
        what="vnplan $cmd $from $f"
        if [ "$asan" -eq 1 ]; then
            timeout "$limit_s" "$vnplan" "$cmd" $from "$f" >"$tmp/out" 2>"$tmp/err"
        else
            (ulimit -v "$mem_kb" && exec timeout "$limit_s" "$vnplan" "$cmd" $from "$f") >"$tmp/out" 2>"$tmp/err"
        fi
        rc=$?
        err=$(head -c 2000 "$tmp/err")
        if [ "$rc" -eq 124 ]; then
            report 0 "$what: finishes within ${limit_s}s" "$err"
            continue
        fi
        report "$([ "$rc" -eq 2 ] && echo 1 || echo 0)" "$what: exit status 2 (got $rc)" "$err"
        report "$([ ! -s "$tmp/out" ] && echo 1 || echo 0)" "$what: nothing on standard output" \
            "$(head -c 600 "$tmp/out")"
        first=$(head -n 1 "$tmp/err")
        reason=${first#"vnplan: $f: "}
        ok=0
        if [ "$reason" != "$first" ] && [ "$(printf '%s' "$reason" | wc -w)" -ge 3 ]; then ok=1; fi
        report $ok "$what: says 'vnplan: FILE: reason'" "$err"
        ok=1
        grep -q -e 'AddressSanitizer' -e 'runtime error:' -e 'LeakSanitizer' "$tmp/err" && ok=0
        report $ok "$what: no sanitizer report" "$err"
        ok=1
        grep -q -e 'root:x:0:0' -e 'root:\*:0:0' -e '/bin/bash' "$tmp/out" "$tmp/err" && ok=0
        report $ok "$what: nothing of /etc/passwd read" "$err"
        if [ "$fmt" = legacy ]; then
            ok=0
            grep -q 'convert-to docx' "$tmp/err" && ok=1
            report $ok "$what: names the conversion that works (soffice --convert-to docx)" "$err"
        fi
    done
done
report "$([ "$checked" -gt 0 ] && echo 1 || echo 0)" "$dir holds hostile files for the formats checked"
echo "1..$n"
[ "$failed" -eq 0 ]
