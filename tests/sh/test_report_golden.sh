#!/bin/sh
# test_report_golden.sh — the reports a Vietnamese reviewer reads.  Run by
# tests/run.sh with VNPLAN_BUILD set; prints TAP.
#
#   - tests/golden/reports/PLAN.LANG.FORMAT.expect: the fragments, written by
#     hand from the plan, the decision and the gold alignment, that the
#     report must hold in this order (tests/golden/reports/README.md);
#   - a Vietnamese report (text, HTML, CSV) holds no English word outside
#     the documents' own text: every ASCII word of three letters or more
#     that is a word of the English messages (po/vnplan.pot) or of a list of
#     common English words, and is not a word of the plan, of the decision's
#     file or of their file names, is reported (tests/sh/report_words.py);
#     the same check on the English report must find English (it can fail).
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
if ! command -v python3 >/dev/null 2>&1; then
    ok 1 "python3 is installed (tools/deps.sh test)"
    exit 1
fi

for e in tests/golden/reports/*.expect; do
    b=$(basename "$e" .expect)
    plan=${b%%.*}
    rest=${b#*.}
    lang=${rest%%.*}
    fmt=${rest#*.}
    "$vn" diff --lang "$lang" --format "$fmt" "corpus/plans/$plan.txt" >"$t/out" 2>"$t/err"
    out=$(python3 tests/sh/report_words.py expect "$t/out" "$fmt" "$e")
    ok $([ "$out" = ok ]; echo $?) "$plan, $lang, $fmt: the report holds the golden fragments in order"
    [ "$out" = ok ] || echo "$out" | sed 's/^/# /'
done

base=corpus/decisions/1002-QD-TTg.xml
for plan in lang-son-1002-pdf-double-spaced ninh-binh-141-KH-UBND-1002; do
    for fmt in text html csv; do
        "$vn" diff --format "$fmt" "corpus/plans/$plan.txt" >"$t/vi.$fmt" 2>"$t/err"
        found=$(python3 tests/sh/report_words.py english "$t/vi.$fmt" "$fmt" po/vnplan.pot "corpus/plans/$plan.txt" $base)
        ok $([ "$found" = none ]; echo $?) "$plan, $fmt in Vietnamese: no English word outside the documents' text ($found)"
    done
    "$vn" diff --lang en --format html "corpus/plans/$plan.txt" >"$t/en.html" 2>"$t/err"
    found=$(python3 tests/sh/report_words.py english "$t/en.html" html po/vnplan.pot "corpus/plans/$plan.txt" $base)
    ok $([ "$found" != none ]; echo $?) "$plan: the same check finds the English of the English report ($(echo "$found" | cut -c1-60) ...)"
done
# several plans: the summary across plans, the contents and a file that failed
mkdir -p "$t/kehoach"
cp corpus/plans/lang-son-1002-pdf-double-spaced.txt corpus/plans/ninh-binh-141-KH-UBND-1002.txt "$t/kehoach/"
printf '\n\n' >"$t/kehoach/trống.txt"
printf '\211PNG\r\n\032\nxxxxxxxx' >"$t/kehoach/ảnh.txt"
printf 'x' >"$t/kehoach/cũ.doc"
mkfifo "$t/kehoach/ống.txt" 2>/dev/null
# damaged files whose libraries (poppler, libxml2) explain in English: their words must not show
printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog' >"$t/kehoach/cắt.pdf"
python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
    z.writestr("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Kế hoạch")
' "$t/kehoach/hỏng.docx"
# the reasons of the files that failed or were left out are the program's words, in Vietnamese
# too: only the documents' own text may hold English (stderr, in English here, is no excuse)
for fmt in text html csv; do
    "$vn" diff --format "$fmt" "$t/kehoach" >"$t/kehoach.$fmt" 2>"$t/err"
    found=$(python3 tests/sh/report_words.py english "$t/kehoach.$fmt" "$fmt" po/vnplan.pot \
        corpus/plans/lang-son-1002-pdf-double-spaced.txt corpus/plans/ninh-binh-141-KH-UBND-1002.txt $base)
    ok $([ "$found" = none ]; echo $?) "plans, an empty file, an image, a .doc, a FIFO, a cut PDF and DOCX: $fmt in Vietnamese, no English word ($found)"
done
ok $(grep -q 'trống.txt: chỉ có khoảng trắng' "$t/kehoach.text" && grep -q 'cũ.doc: văn bản Word định dạng cũ' "$t/kehoach.text" &&
     grep -q 'ảnh.txt: ảnh PNG, không phải văn bản' "$t/kehoach.text" &&
     grep -q 'cắt.pdf: tệp PDF bị hỏng hoặc không đầy đủ, không đọc được' "$t/kehoach.text" &&
     grep -q 'hỏng.docx: tệp DOCX: word/document.xml không' "$t/kehoach.text"
     echo $?) "the text report: each file not compared, with its reason in Vietnamese"
# the check report: a rule in words, its id (what --disable takes) only beside them
pl=tests/fixtures/plans/xa-pho-thanh-nam-1002-clerk-typed-irregular-markers.txt
"$vn" check --format html "$pl" >"$t/check.html" 2>"$t/err"
ok $(grep -q '<td>đánh số <span class="rule">numbering</span>' "$t/check.html"; echo $?) \
    "check, HTML: the skipped marker of line 47 (4 after 2) under the rule's Vietnamese name"
found=$(python3 tests/sh/report_words.py english "$t/check.html" html po/vnplan.pot "$pl" $base)
ok $([ "$found" = numbering ]; echo $?) "check, HTML in Vietnamese: no English word but the rule's id ($found)"
# where a sentence stands: a page of a PDF, a paragraph of a DOCX
"$vn" diff --format html tests/fixtures/formats/huyen-hoang-hoa-1002-antiword.pdf >"$t/pdf.html" 2>"$t/err"
ok $(grep -q 'class="ln" href="#d0-p-[0-9]*"[^>]*>trang [0-9][0-9]* ↓' "$t/pdf.html"; echo $?) \
    "a plan read from PDF: its sentences are found by page (trang N)"
"$vn" diff --format text tests/fixtures/formats/huyen-hoang-hoa-1002-antiword.pdf >"$t/pdf.txt" 2>"$t/err"
ok $(grep -q '^ *kế hoạch, trang [0-9][0-9]*: ' "$t/pdf.txt"; echo $?) "... and in the text report"
"$vn" diff --format csv tests/fixtures/formats/huyen-hoang-hoa-1002-antiword.docx >"$t/docx.csv" 2>"$t/err"
ok $(grep -q ',đoạn [0-9][0-9]*,[0-9]' "$t/docx.csv"; echo $?) "a plan read from DOCX: its sentences are found by paragraph (đoạn N)"
echo "1..$n"
