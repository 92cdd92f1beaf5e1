#!/bin/sh
# test_report_print.sh — the HTML report printed to PDF by headless Chromium
# (what a reviewer does with "Print → Save as PDF"), and the CSV report opened
# by LibreOffice Calc.  Run by tests/run.sh with VNPLAN_BUILD set; prints TAP.
#
# Printed:
#   - A4 pages (portrait; the summary across plans on landscape pages);
#   - no finding cut across pages: every findings table has a number column
#     (STT) and repeats its header on each page, so on a page where the table
#     goes on, the first thing under the header must be a row's number — any
#     text of a row between the header and the first number is the rest of a
#     row begun on the page before (tests/sh/pdf_rows.py reads the words'
#     positions that pdftotext -bbox gives);
#   - every row number of every table found once (the check above did read
#     the rows);
#   - the first page holds more than the banner (the summary's counts);
#   - a running header and "trang N / M" on every page;
#   - a page count within a bound: 3 pages for the heading, the summary and
#     the short tables of a report, a page per 4 rows of the findings tables
#     (a row holds two sentences, ~20 lines at 8.5 pt), and a page per
#     3,000 characters of the plan's text (the documents side by side, each
#     in half a page's width), plus a landscape page per 12 rows of the
#     summary across plans.
# The CSV in LibreOffice: converted to .xlsx (soffice --headless
# --convert-to xlsx), its sheet's cells of the value, confidence and line
# columns are numbers (t="n" or no t), its text cells text, and the
# Vietnamese comes through.  Headless soffice does not look at the byte-order
# mark (its import dialog and Excel do): the filter options say UTF-8 (76).
cd "$(dirname "$0")/../.." || exit 2
vn=${VNPLAN_BUILD:-build}/vnplan
case $vn in /*) ;; *) vn=$PWD/$vn ;; esac
root=$PWD
ls_plan=$root/corpus/plans/lang-son-1002-pdf-double-spaced.txt
nb_plan=$root/corpus/plans/ninh-binh-141-KH-UBND-1002.txt
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
n=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
for tool in chromium pdftotext pdfinfo python3 soffice; do
    if ! command -v $tool >/dev/null 2>&1; then
        ok 1 "$tool is installed (tools/deps.sh test)"
        exit 1
    fi
done

# print NAME: $t/NAME.html → $t/NAME.pdf
print() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$t/profile-$1" \
        --no-pdf-header-footer --print-to-pdf="$t/$1.pdf" "file://$t/$1.html" >"$t/$1.log" 2>&1
}

"$vn" diff --format html "$ls_plan" >"$t/one.html"
"$vn" diff --format html "$ls_plan" "$nb_plan" >"$t/two.html"
"$vn" diff --format json "$ls_plan" "$nb_plan" >"$t/two.json"
for name in one two; do
    print $name
    ok $([ -s "$t/$name.pdf" ]; echo $?) "$name: Chromium prints the report to PDF"
done

# rows: the findings and added targets of each plan, as the JSON report counts them
rows_ls=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["reports"][0]; print(len(d["findings"])+len(d["added"]))' "$t/two.json")
rows_nb=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["reports"][1]; print(len(d["findings"])+len(d["added"]))' "$t/two.json")
mx_rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["summary"]["targets"]))' "$t/two.json")
chars_ls=$(wc -m <"$ls_plan")
chars_nb=$(wc -m <"$nb_plan")
bound_one=$((3 + (rows_ls + 3) / 4 + (chars_ls + 2999) / 3000))
bound_two=$((bound_one + 3 + (rows_nb + 3) / 4 + (chars_nb + 2999) / 3000 + (mx_rows + 11) / 12))

check() { # check NAME EXPECTED_ROWS BOUND
    out=$(python3 tests/sh/pdf_rows.py "$t/$1.pdf" "$t/$1.bbox" 2>&1)
    echo "$out" | sed 's/^/# /'
    split=$(echo "$out" | sed -n 's/^split rows: //p')
    found=$(echo "$out" | sed -n 's/^rows: //p')
    pages=$(echo "$out" | sed -n 's/^pages: //p')
    ok $([ "$split" = 0 ]; echo $?) "$1: no finding is cut across pages ($split cut)"
    ok $([ "$found" = "$2" ]; echo $?) "$1: every row of the findings tables is found once ($found of $2)"
    ok $([ -n "$pages" ] && [ "$pages" -le "$3" ]; echo $?) "$1: $pages pages, within the bound of $3"
    ok $(echo "$out" | grep -q '^sizes ok'; echo $?) "$1: A4 pages, the findings in portrait, the summary across plans in landscape"
    ok $(echo "$out" | grep -q '^headers ok'; echo $?) "$1: every page has the running header and its number"
}
check one "$rows_ls" "$bound_one"
check two "$((rows_ls + rows_nb))" "$bound_two"
pdftotext -f 1 -l 1 "$t/one.pdf" "$t/one-p1.txt"
ok $(grep -q 'giữ nguyên' "$t/one-p1.txt" && grep -q 'STT' "$t/one-p1.txt"; echo $?) \
    "one plan: the first page holds the counts and the start of the findings, not the banner alone"
pdftotext -f 1 -l 1 "$t/two.pdf" "$t/two-p1.txt"
ok $(grep -q 'Mục lục' "$t/two-p1.txt" && grep -q 'Tổng hợp các kế hoạch' "$t/two-p1.txt"; echo $?) \
    "two plans: the first page holds the contents and the summary across plans"

# ---- the CSV in LibreOffice Calc ----------------------------------------------------------
"$vn" diff --format csv "$ls_plan" "$nb_plan" >"$t/two.csv"
(cd "$t" && timeout 120 soffice --headless -env:UserInstallation="file://$t/lo" \
    --infilter="Text - txt - csv (StarCalc):44,34,76,1" --convert-to xlsx two.csv \
    >"$t/soffice.log" 2>&1)
ok $([ -s "$t/two.xlsx" ]; echo $?) "LibreOffice converts the CSV to xlsx"
out=$(python3 tests/sh/xlsx_cells.py "$t/two.xlsx" 2>&1)
echo "$out" | sed 's/^/# /'
ok $(echo "$out" | grep -q '^header ok'; echo $?) "the header row is read as Vietnamese text (UTF-8 with BOM)"
ok $(echo "$out" | grep -q '^numbers ok'; echo $?) "value, value_max, confidence and line cells are numbers"
ok $(echo "$out" | grep -q '^comparators ok'; echo $?) "comparators are text cells (≥, bằng), never formulas"
