#!/bin/sh
# bench-growth.sh BUILD — part of `make bench`: inputs made to hit the paths
# that once grew faster than their input, each timed at n, 2n and 4n.
# Doubling the input should a little more than double the time (a ratio of
# about 2 per step); a ratio near 4 is a quadratic path.
#
#   chain    an XML baseline whose targets form one chain of parents
#            (the cycle check walked the chain from every target; the
#            restatement search compared each target with its whole group of
#            one class and value up to 512 of them, x3 a doubling at 32k-64k)
#   targets  a plan with many distinct targets compared with the decision
#            it implements (the restatement search, the listing of
#            restatements and the assignment in compare)
#   pairs    a plan of N targets against a baseline of N targets, each
#            target measuring a thing of its own (the pairs of targets
#            were all scored, and refused beyond 8M pairs: only the pairs
#            that share words are now)
#   docx, docx-table, docx-runs, odt, html, html-deep, html-table, md,
#   md-table  each reader on many paragraphs, rows, runs, list items and
#            nested lists (tools/bench-growth-gen.py; needs python3)
#   pdf      the docx plan printed to PDF by LibreOffice (when soffice is
#            installed; the conversion takes a minute, kept in BUILD/bench/)
#   pdf-line a page of one line of N words (each word was weighed against
#            every word of its line: 7 s at 40,000)
#   oneline  a plan of one line of N MB: peak memory against its size
#
# The inputs are generated here (awk, python3, soffice), into BUILD/bench/.
set -eu
build=${1:-build}
vnplan=$build/vnplan
dir=$build/bench
mkdir -p "$dir"

# CPU seconds (user + system) of a command, its output discarded (its exit
# status in $dir/rc, its messages in $dir/err): on a shared machine wall
# time mostly measures the neighbours
timed() {
    ( rc=0; "$@" >/dev/null 2>"$dir/err" || rc=$?; echo $rc > "$dir/rc"; times ) | tail -n 1 | awk '
        function sec(s,   m) { m = s; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", s); sub(/s$/, "", s); return m * 60 + s }
        { printf "%.3f", sec($1) + sec($2) }'
}

# chain N: targets t1..tN, each the parent of the next
gen_chain() {
    awk -v n="$1" 'BEGIN {
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        print "<vnplan version=\"1\"><document source=\"chain.txt\">"
        print "<meta><number>1002/QĐ-TTg</number></meta>"
        for (i = 1; i <= n; i++) {
            p = i > 1 ? sprintf(" parent=\"t%d\"", i - 1) : ""
            printf "<target id=\"t%d\" value=\"%d\" unit=\"%%\"%s><indicator>chỉ tiêu %d</indicator>" \
                   "<sentence>Chỉ tiêu %d đạt %d%%.</sentence></target>\n", i, i % 100, p, i, i, i % 100
        }
        print "</document></vnplan>"
    }'
}

# targets N: a plan whose objectives hold N distinct quantified targets
gen_targets() {
    awk -v n="$1" 'BEGIN {
        print "ỦY BAN NHÂN DÂN"
        print "TỈNH THỬ NGHIỆM"
        print "Số: 1/KH-UBND"
        print "KẾ HOẠCH"
        print "Triển khai thực hiện Quyết định số 1002/QĐ-TTg"
        print "I. MỤC TIÊU"
        for (i = 1; i <= n; i++)
            printf "- Đến năm 2030, có ít nhất %d trường học loại %d đạt chuẩn số %d.\n", i, i, i
        print "II. NHIỆM VỤ"
        print "1. Tổ chức thực hiện."
    }'
}

# pairs N SEED: a plan whose N targets each measure a thing of its own (two
# made-up syllables from the target's number), values varied by SEED
gen_pairs_seed() {
    awk -v n="$1" -v seed="$2" '
    function syl(k,   s, c) {
        s = ""; c = "bcdghklmnpqrstvx"
        do { s = s substr(c, k % 16 + 1, 1) "a"; k = int(k / 16) } while (k > 0)
        return s
    }
    BEGIN {
        print "ỦY BAN NHÂN DÂN"
        print "TỈNH THỬ NGHIỆM"
        print "Số: " seed "/KH-UBND"
        print "KẾ HOẠCH"
        print "Triển khai thực hiện Quyết định số 1002/QĐ-TTg"
        print "I. MỤC TIÊU"
        for (i = 1; i <= n; i++)
            printf "- Đến năm 2030, có ít nhất %d %s %s.\n", (i * seed) % 9973 + 1, syl(i), syl(i + 7 * n)
        print "II. NHIỆM VỤ"
        print "1. Tổ chức thực hiện."
    }'
}
gen_pairs() { gen_pairs_seed "$1" 5; }

# prints "name n: T s" for n, 2n, 4n and the ratio of each step; the file
# is $dir/NAME-N.EXT (EXT from the variable ext, default txt)
growth() {
    name=$1 n=$2 gen=$3
    shift 3
    prev=""
    for k in 1 2 4; do
        m=$((n * k))
        f="$dir/$name-$m.${ext:-txt}"
        [ -s "$f" ] || $gen "$m" > "$f" || { rm -f "$f"; echo "  $name $m: not made"; continue; }
        t=$(timed "$@" "$f")
        if [ "$(cat "$dir/rc")" -gt 1 ]; then
            echo "  $name $m: refused: $(tail -n 1 "$dir/err")"
            prev=""
            continue
        fi
        if [ -n "$prev" ]; then
            r=$(echo "$t $prev" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }')
            echo "  $name $m: $t s  (x$r)"
        else
            echo "  $name $m: $t s"
        fi
        prev=$t
    done
}

chain_diff() { "$vnplan" diff --format json -o /dev/null --base "$1" corpus/plans/ninh-binh-141-KH-UBND-1002.txt; }
bundled_diff() { "$vnplan" diff --format json -o /dev/null "$1"; }
# the baseline: the same kind of plan, other values, as large as the plan
pairs_diff() {
    base="$1.base"
    [ -s "$base" ] || gen_pairs_seed "$(grep -c '^- ' "$1")" 3 > "$base"
    "$vnplan" diff --format json -o /dev/null --base "$base" "$1"
}
# a structured format read by its own reader (--from), parsed and rendered
parse_from() { "$vnplan" parse --from "$from" --format xml -o /dev/null "$1"; }

echo "growth (doubling the input should about double the time):"
growth chain "${CHAIN_N:-16000}" gen_chain chain_diff
growth targets "${TARGETS_N:-16000}" gen_targets bundled_diff
growth pairs "${PAIRS_N:-8000}" gen_pairs pairs_diff

# every reader, on the shapes a long document takes in its format
formats_n=${FORMATS_N:-16000}
if command -v python3 >/dev/null 2>&1; then
    for kind in docx docx-table docx-runs odt html html-deep html-table md md-table; do
        from=${kind%%-*} ext=${kind%%-*}
        gen_kind() { python3 tools/bench-growth-gen.py "$kind" "$1"; }
        growth "$kind" "$formats_n" gen_kind parse_from
    done
else
    echo "  docx, odt, html, md: skipped (no python3)"
fi
# PDF: LibreOffice prints the docx plan (a quarter of the size: a page of
# layout per 40 items makes the conversion the slow part)
gen_pdf() {
    python3 tools/bench-growth-gen.py docx "$1" > "$dir/pdf-src-$1.docx" &&
        soffice --headless --convert-to pdf --outdir "$dir" "$dir/pdf-src-$1.docx" >/dev/null 2>&1 &&
        cat "$dir/pdf-src-$1.pdf" && rm -f "$dir/pdf-src-$1.docx" "$dir/pdf-src-$1.pdf"
}
if command -v soffice >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    from=pdf ext=pdf
    growth pdf $((formats_n / 4)) gen_pdf parse_from
else
    echo "  pdf: skipped (no soffice)"
fi
from=pdf ext=pdf
gen_kind() { python3 tools/bench-growth-gen.py pdf-line "$1"; }
command -v python3 >/dev/null 2>&1 && growth pdf-line "${PDF_LINE_N:-4000}" gen_kind parse_from
ext=txt

# one line of N MB: peak memory against the input.  What a document costs
# (README, "Memory"): its text once (a clean UTF-8 file is used where it was
# read; a decoded or normalized one replaces the file's bytes), about 130
# bytes a target, and a fixed working set of some 15-30 MB (the grammars, the
# scanner's tokens of a 1 MB chunk of text).  So a line without figures
# costs little more than itself, and the line of figures below — a target
# every 52 bytes, the densest a sentence of real words gets — about 4x.
mb=${ONELINE_MB:-200}
# one_line FILE SENTENCE: FILE, unless made before, as one line of $mb MB of SENTENCE again and again
one_line() {
    [ -s "$1" ] && return
    awk -v mb="$mb" -v s="$2" 'BEGIN {
        n = int(mb * 1024 * 1024 / length(s))
        for (i = 0; i < n; i++) printf "%s", s
        printf "\n"
    }' > "$1"
}
f="$dir/oneline-${mb}mb.txt"
one_line "$f" "Đến năm 2030 có 50% số trường học đạt chuẩn và 100% cán bộ được bồi dưỡng; "
plain="$dir/oneline-plain-${mb}mb.txt"
one_line "$plain" "Tăng cường công tác tuyên truyền và nâng cao nhận thức của cán bộ về chuyển đổi số; "
echo "one line of $mb MB without figures (goal: peak <= 2x):"
"$build/tests/bench_run" 1 "$plain" 0 2 -- "$vnplan" parse --format xml -o /dev/null "$plain" || true
echo "one line of $mb MB, two targets a sentence (goal: peak <= 5x: the text, 128 bytes a target):"
"$build/tests/bench_run" 1 "$f" 0 5 -- "$vnplan" parse --format xml -o /dev/null "$f" || true
