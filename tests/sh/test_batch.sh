#!/bin/sh
# test_batch.sh — `vnplan batch` and `vnplan report` on a folder of plans in
# every format read, with broken files among them: results for the good ones,
# the bad ones listed in every output, status 1; the same bytes for -j1 and
# -j2; two shards run under GNU parallel and merged by `vnplan report` equal
# one run; the spreadsheet opens and its figures are numbers; one plan's row
# of matrix.csv as a reader of the plan expects it (the values written from
# tests/fixtures/plans/bo-cong-thuong-1002-soffice-heading-variants.txt and
# tests/fixtures/gold/diff-bo-cong-thuong-1002-soffice-heading-variants.tsv).
# Run by tests/run.sh with VNPLAN_BUILD set; prints TAP.
cd "$(dirname "$0")/../.." || exit 2
vn=${VNPLAN_BUILD:-build}/vnplan
case $vn in /*) ;; *) vn=$PWD/$vn ;; esac
root=$PWD
t=$(mktemp -d)
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT
n=0
failed=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
# the outputs are reproducible: the spreadsheet's creation time
SOURCE_DATE_EPOCH=1750000000
export SOURCE_DATE_EPOCH

# ---- the folder -------------------------------------------------------------------------
in=$t/in
mkdir -p "$in/docs" "$in/text"
fx=$root/tests/fixtures/formats/huyen-hoang-hoa-1002-antiword
for ext in docx odt pdf html md; do cp "$fx.$ext" "$in/docs/hoang-hoa.$ext"; done
cp "$root/tests/fixtures/plans/bo-cong-thuong-1002-soffice-heading-variants.txt" "$in/text/bct.txt"
cp "$root/corpus/plans/ninh-binh-141-KH-UBND-1002.txt" "$in/text/ninh-binh.txt"
cp "$root/corpus/plans/lang-son-2711-word-paragraphs.txt" "$in/text/lang-son-2711.txt" # another decision
good=8
# broken files
head -c 4096 /dev/urandom >"$in/binary.txt"
printf '\000\001\002' >>"$in/binary.txt"
: >"$in/empty.txt"
printf 'K\xe1\xba\xbf ho\xff\xfe\xfd\xc3 ch \xc0\xc1 s\xf8\xf9\n' >"$in/bad-utf8.txt"
head -c 1500 "$fx.docx" >"$in/truncated.docx"
bad="binary.txt empty.txt bad-utf8.txt truncated.docx"
nbad=4
if [ "$(id -u)" != 0 ]; then
    cp "$root/corpus/plans/ninh-binh-141-KH-UBND-1002.txt" "$in/unreadable.txt"
    chmod 000 "$in/unreadable.txt"
    bad="$bad unreadable.txt"
    nbad=5
else
    echo "# running as root: a chmod 000 file is readable, not tested"
fi

run() { # run DIR ARGS...: vnplan in $t, status in $rc
    rc=0
    (cd "$t" && timeout 120 "$vn" "$@" >"$t/stdout" 2>"$t/stderr") || rc=$?
}

run batch -q -j2 --out o2 in
ok $([ $rc = 1 ]; echo $?) "broken files among the plans: status 1 (got $rc)"
ok $([ "$(grep -c '"findings"' "$t/o2/documents.jsonl")" = $good ]; echo $?) "documents.jsonl: a line with findings for each of the $good good plans"
ok $([ "$(grep -c '"error"' "$t/o2/documents.jsonl")" = $nbad ]; echo $?) "documents.jsonl: an error line for each of the $nbad broken files"
for f in $bad; do
    miss=0
    for out in documents.jsonl matrix.csv summary.csv similarity.csv index.html; do
        grep -q "in/$f" "$t/o2/$out" || { miss=1; echo "# $f not in $out"; }
    done
    (cd "$t" && unzip -p o2/matrix.xlsx xl/sharedStrings.xml) | grep -q "in/$f" || { miss=1; echo "# $f not in matrix.xlsx"; }
    ok $miss "$f: listed with its reason in every output"
done
ok $(grep -q '"file": "in/empty.txt", "error": "[^"]' "$t/o2/documents.jsonl"; echo $?) "... each with a reason"
for f in matrix.csv summary.csv similarity.csv; do
    ok $([ "$(head -c 3 "$t/o2/$f" | od -An -tx1 | tr -d ' ')" = efbbbf ]; echo $?) "$f begins with a UTF-8 BOM"
done
ok $([ "$(ls "$t/o2/plans" | grep -c '^[0-9a-f]*\.html$')" = $good ]; echo $?) "a diff page for each good plan in plans/"
ok $(grep -q 'href="plans/[0-9a-f]*\.html"' "$t/o2/index.html"; echo $?) "index.html links to the plans' pages"
ok $(grep -q '<script>' "$t/o2/index.html" && ! grep -q '<script src\|<link ' "$t/o2/index.html"; echo $?) "index.html is self-contained"

# ---- one table per decision ---------------------------------------------------------------
ok $(grep -q 'lang-son-2711' "$t/o2/matrix-2711-QD-TTg.csv" && ! grep -q 'lang-son-2711' "$t/o2/matrix-1002-QD-TTg.csv"; echo $?) "the 2711 plan is in the 2711 table only"
ok $(grep -q 'in/text/bct.txt' "$t/o2/matrix.csv" && ! grep -q 'lang-son-2711.txt,' "$t/o2/matrix.csv"; echo $?) "matrix.csv: the table of the decision with the most plans (1002)"
run batch -q -j2 --base 1002 in/text
ok $([ $rc = 1 ] && grep -q '"file": "in/text/lang-son-2711.txt", "error"' "$t/stdout"; echo $?) "--base 1002: the plan of 2711 is a failure with its reason (status $rc)"

# ---- the same bytes for any -j ------------------------------------------------------------
run batch -q -j1 --out o1 in
ok $(diff -r "$t/o1" "$t/o2" >/dev/null; echo $?) "-j1 and -j2: byte-identical outputs"
# and without SOURCE_DATE_EPOCH, two runs at least a second apart: no clock in any output
# (matrix.xlsx held its creation time)
(
    unset SOURCE_DATE_EPOCH
    run batch -q -j1 --out e1 in
    sleep 1
    run batch -q -j2 --out e2 in
)
differ=$(diff -rq "$t/e1" "$t/e2" 2>&1)
ok $([ -z "$differ" ] && [ -s "$t/e1/matrix.xlsx" ]; echo $?) "without SOURCE_DATE_EPOCH, runs a second apart (-j1, -j2): byte-identical outputs${differ:+ ($differ)}"

# ---- shards under GNU parallel, merged ------------------------------------------------------
if command -v parallel >/dev/null 2>&1; then
    (cd "$t" && parallel --will-cite "$vn" batch -q -j1 --shard {}/2 --out s{} in ::: 1 2) >/dev/null 2>&1
    a=$(grep -c '' "$t/s1/documents.jsonl")
    b=$(grep -c '' "$t/s2/documents.jsonl")
    ok $([ $((a + b)) = $((good + nbad)) ] && [ "$a" -gt 0 ] && [ "$b" -gt 0 ]; echo $?) "two shards partition the files ($a + $b)"
    ok $(cat "$t/s1/documents.jsonl" "$t/s2/documents.jsonl" | sort | cmp -s - "$(sort "$t/o2/documents.jsonl" >"$t/all.sorted"; echo "$t/all.sorted")"; echo $?) "... their lines are the single run's lines"
    run report -q --out merged s1 s2
    same=0
    for f in matrix.csv matrix-1002-QD-TTg.csv matrix-2711-QD-TTg.csv summary.csv similarity.csv index.html matrix.xlsx; do
        cmp -s "$t/merged/$f" "$t/o2/$f" || { same=1; echo "# $f differs"; }
    done
    ok $same "vnplan report s1 s2: the same outputs as one run (status $rc)"
else
    ok 1 "GNU parallel is not installed (tools/deps.sh test)"
fi

# ---- the spreadsheet -----------------------------------------------------------------------
ok $( (cd "$t" && unzip -tq o2/matrix.xlsx) >/dev/null; echo $?) "matrix.xlsx is a sound zip archive"
sheets=$(cd "$t" && unzip -l o2/matrix.xlsx | grep -c 'xl/worksheets/sheet[0-9]*\.xml')
ok $([ "$sheets" = 3 ]; echo $?) "one sheet per decision and one of failed files ($sheets)"
sheet1=$(cd "$t" && unzip -p o2/matrix.xlsx xl/worksheets/sheet1.xml)
# a number cell has no t="s" (shared string): <c r="J2" s="N"><v>45</v></c>
ok $(printf '%s' "$sheet1" | grep -q '<c r="[A-Z]*[0-9]*"\( s="[0-9]*"\)\?><v>45</v></c>'; echo $?) "the plans' figures are number cells (45)"
ok $(printf '%s' "$sheet1" | grep -q '<pane [^>]*state="frozen"' && printf '%s' "$sheet1" | grep -q '<autoFilter '; echo $?) "frozen header and filters"

# ---- one row read by hand -------------------------------------------------------------------
# field NAME FILE: the cell of column NAME in the row of FILE in matrix.csv
# (a CSV reader in POSIX awk: quoted cells, "" inside them)
field() {
    sed '1s/^\xEF\xBB\xBF//' "${matrix:-$t/o2/matrix.csv}" | awk -v want="$1" -v file="$2" '
    function split_csv(line, out,    i, c, cell, q, k) {
        k = 0; cell = ""; q = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (q) {
                if (c == "\"" && substr(line, i + 1, 1) == "\"") { cell = cell "\""; i++ }
                else if (c == "\"") q = 0
                else cell = cell c
            } else if (c == "\"") q = 1
            else if (c == ",") { out[++k] = cell; cell = "" }
            else if (c != "\r") cell = cell c
        }
        out[++k] = cell
        return k
    }
    NR == 1 { nh = split_csv($0, head); next }
    { split_csv($0, row); if (row[1] == file) for (i = 1; i <= nh; i++) if (head[i] == want) print row[i] }'
}
expect() { # expect COLUMN VALUE
    got=$(field "$1" in/text/bct.txt)
    ok $([ "$got" = "$2" ]; echo $?) "Bộ Công Thương 6218/KH-BCT: $1 = '$2' (got '$got')"
}
expect "số hiệu" "6218/KH-BCT"
expect "ngày ban hành" "2025-09-05"
ok $(grep -q '<td data-v="2025-09-05">ngày 5 tháng 9 năm 2025</td>' "$t/o2/index.html"; echo $?) \
    "index.html: the date in words for a reader, sorted by its ISO form (matrix.csv keeps ISO)"
expect "quyết định được triển khai" "1002/QĐ-TTg"
# "Tỷ lệ người học ... STEM tại các cơ sở đào tạo thuộc Bộ đạt 45%" against = 35: changed, stricter
expect "Tỷ lệ người học các ngành STEM (2030): tình trạng" "thay đổi (cao hơn)"
expect "Tỷ lệ người học các ngành STEM (2030): mức so sánh" "bằng"
expect "Tỷ lệ người học các ngành STEM (2030): giá trị" "45"
# "+ Các ngành khoa học cơ bản đạt tối thiểu 2,5%": adopted
expect "Trong đó: ngành khoa học cơ bản (2030): tình trạng" "giữ nguyên"
expect "Trong đó: ngành khoa học cơ bản (2030): mức so sánh" "ít nhất"
expect "Trong đó: ngành khoa học cơ bản (2030): giá trị" "2.5"
# "khoảng 6.000 người/năm" against 80.000: a localized figure, "~"
ict=$(field "Tốt nghiệp công nghệ thông tin và truyền thông (2030): tình trạng" in/text/bct.txt)
ok $(case $ict in "thay đổi ("*"quy về địa phương"*) echo 0 ;; *) echo 1 ;; esac) "ICT graduates: changed, a localized figure (got '$ict')"
expect "Tốt nghiệp công nghệ thông tin và truyền thông (2030): mức so sánh" "khoảng"
expect "Tốt nghiệp công nghệ thông tin và truyền thông (2030): giá trị" "6000"
# "tối thiểu 300 kỹ sư, thạc sĩ tài năng" against 5.000 người/năm
expect "Đào tạo kỹ sư, thạc sĩ tài năng (2030): mức so sánh" "ít nhất"
expect "Đào tạo kỹ sư, thạc sĩ tài năng (2030): giá trị" "300"
# "trong đó 06 nhóm thuộc lĩnh vực công nghệ chiến lược" against 20: changed
expect "Trong đó: thuộc lĩnh vực công nghệ chiến lược (2030): giá trị" "6"
# no biology figure, no AI graduates by degree: left out, no value
expect "Tốt nghiệp sinh học, công nghệ sinh học, y sinh (2030): tình trạng" "không có trong kế hoạch"
expect "Tốt nghiệp sinh học, công nghệ sinh học, y sinh (2030): giá trị" ""
expect "Đào tạo tiến sĩ tài năng (2030): tình trạng" "không có trong kế hoạch"

# ---- a range and scope notes: tests/fixtures/plans/tinh-tay-ninh-1002-word-target-phrasings.txt ----
mkdir -p "$t/tn"
cp "$root/tests/fixtures/plans/tinh-tay-ninh-1002-word-target-phrasings.txt" "$t/tn/tay-ninh.txt"
run batch -q --out otn tn
matrix=$t/otn/matrix.csv
expect_tn() { # expect_tn COLUMN VALUE
    got=$(field "$1" tn/tay-ninh.txt)
    ok $([ "$got" = "$2" ]; echo $?) "Tây Ninh: $1 = '$2' (got '$got')"
}
# line 26: "... khối STEM ... đạt từ 30% đến 35%": a range, its ends in two number columns
expect_tn "Tỷ lệ người học các ngành STEM (2030): giá trị" "30"
expect_tn "Tỷ lệ người học các ngành STEM (2030): giá trị tối đa" "35"
expect_tn "Tỷ lệ người học các ngành STEM (2030): phạm vi áp dụng khác" ""
# line 24 "100% cơ sở giáo dục nghề nghiệp" is no range: no upper end
expect_tn "Trong đó: ngành khoa học cơ bản (2030): giá trị tối đa" ""
# line 43: "100% chương trình đào tạo trình độ cao đẳng các ngành kỹ thuật, công nghệ ... trí tuệ
# nhân tạo" against the decision's programmes of cử nhân, kỹ sư, thạc sĩ in STEM
expect_tn "Chương trình STEM tích hợp phân tích dữ liệu và TTNT (2030): phạm vi áp dụng khác" \
    "trình độ cử nhân, kỹ sư, thạc sĩ → cao đẳng (khác); ngành, lĩnh vực STEM, dữ liệu, trí tuệ nhân tạo → kỹ thuật và công nghệ, dữ liệu, trí tuệ nhân tạo (hẹp hơn)"
ok $(grep -q '"scope": \[{"part": "level", "base": "cử nhân, kỹ sư, thạc sĩ", "plan": "cao đẳng", "relation": "other"}' "$t/otn/documents.jsonl"; echo $?) \
    "documents.jsonl: the scope notes of a finding, as the JSON report gives them"
sheet=$(cd "$t" && unzip -p otn/matrix.xlsx xl/sharedStrings.xml)
ok $(printf '%s' "$sheet" | grep -q 'giá trị tối đa' && printf '%s' "$sheet" | grep -q 'cao đẳng (khác)'; echo $?) \
    "matrix.xlsx: the value_max and scope columns too"
unset matrix

# ---- the plans' pages: one shared stylesheet, no character references for Vietnamese letters ----
page=$(ls "$t"/o2/plans/[0-9a-f]*.html | head -1)
ok $([ -s "$t/o2/plans/vnplan.css" ] && grep -q '@media print' "$t/o2/plans/vnplan.css" &&
     grep -q '<link rel="stylesheet" href="vnplan.css"/>' "$page" && ! grep -q '@media print' "$page" &&
     grep -q '@page' "$page"; echo $?) "plans/*.html link plans/vnplan.css; each keeps only its running header for print"
ok $(! grep -q '&#x[0-9A-F]*;' "$t"/o2/plans/*.html; echo $?) "plans/*.html: attributes in UTF-8, not character references"
# the decisions' texts: a page each, written once, that the plans' pages link into
nbase=$(ls "$t"/o2/plans/base-*.html 2>/dev/null | wc -l)
ok $([ "$nbase" = 2 ]; echo $?) "plans/base-*.html: one page of text per decision (1002, 2711: $nbase)"
bct=$(grep -l 'in/text/bct.txt' "$t"/o2/plans/[0-9a-f]*.html | head -1)
b1002=$(grep -l '1002/QĐ-TTg' "$t"/o2/plans/base-*.html | head -1)
ok $([ -n "$bct" ] && [ -n "$b1002" ] && grep -q "href=\"$(basename "$b1002")#d0-b-1\"" "$bct" &&
     grep -q 'id="d0-b-1"' "$b1002" && ! grep -q 'id="d0-bn-' "$bct" && grep -q 'id="d0-pn-' "$bct"; echo $?) \
    "a plan's page: the decision's sentences link into the decision's page; only the plan's text is in it"
missing=$(python3 - "$t/o2/plans" <<'PY'
import glob, os, re, sys
d = sys.argv[1]
ids = {os.path.basename(b): set(re.findall(r'id="([^"]+)"', open(b, encoding="utf-8").read()))
       for b in glob.glob(d + "/base-*.html")}
bad = 0
for p in glob.glob(d + "/[0-9a-f]*.html"):
    s = open(p, encoding="utf-8").read()
    own = set(re.findall(r'id="([^"]+)"', s))
    bad += sum(a not in ids.get(f, ()) for f, a in re.findall(r'href="(base-[^"#]*)#([^"]+)"', s))
    bad += sum(a not in own for a in re.findall(r'href="#([^"]+)"', s) if a != "summary")
print(bad)
PY
)
ok $([ "$missing" = 0 ]; echo $?) "every link of the plans' pages reaches its anchor ($missing broken)"

# ---- what the folder walk leaves out: in every output, with its reason -------------------------
mkdir -p "$t/sk/sub"
cp "$root/corpus/plans/ninh-binh-141-KH-UBND-1002.txt" "$t/sk/ninh-binh.txt"
printf 'x' >"$t/sk/sub/old.doc"
ln -s "$t/nowhere" "$t/sk/dangling.txt"
fifo=false
mkfifo "$t/sk/pipe.txt" 2>/dev/null && fifo=true
run batch -q --out osk sk
ok $([ $rc = 1 ]; echo $?) "skipped files among the plans: status 1 (got $rc)"
ok $(grep -q '^{"file": "sk/sub/old.doc", "error": "an old Word document (.doc), not read: save it as .docx", "error_vi": "văn bản Word định dạng cũ (.doc), không đọc được: hãy lưu lại dưới dạng .docx"}$' "$t/osk/documents.jsonl" &&
     grep -q '^{"file": "sk/dangling.txt", "error": "No such file or directory", "error_vi": "không có tệp hoặc thư mục này"}$' "$t/osk/documents.jsonl"; echo $?) \
    "documents.jsonl: a .doc and a dangling link, each a line with its reason in English and Vietnamese"
if $fifo; then
    ok $(grep -q '"file": "sk/pipe.txt", "error": "not a regular file (a FIFO); skipped"' "$t/osk/documents.jsonl"; echo $?) \
        "documents.jsonl: a FIFO, never opened, a line of its own"
fi
for out in index.html summary.csv matrix.csv; do
    ok $(grep -q 'sk/sub/old.doc' "$t/osk/$out" && grep -q 'hãy lưu lại dưới dạng .docx' "$t/osk/$out" &&
         ! grep -q 'not read: save it' "$t/osk/$out"; echo $?) "$out: the skipped .doc listed, its reason in Vietnamese"
done
ok $( (cd "$t" && unzip -p osk/matrix.xlsx xl/sharedStrings.xml) | grep -q 'sk/sub/old.doc'; echo $?) \
    "matrix.xlsx: the skipped .doc on the sheet of failed files"
rm -f "$t/sk/pipe.txt"

# ---- similarity ------------------------------------------------------------------------------
ok $(grep -q '^in/docs/hoang-hoa.docx,in/docs/hoang-hoa.html,' "$t/o2/similarity.csv"; echo $?) "similarity.csv: the docx and the html of one plan are a pair"
ok $(! grep -q 'bct.txt,in/text/ninh-binh.txt' "$t/o2/similarity.csv"; echo $?) "... two plans of different authors are not"

# ---- usage ---------------------------------------------------------------------------------
run batch --shard 3/2 in
ok $([ $rc = 2 ]; echo $?) "--shard 3/2: refused (status 2)"
run batch -j 0 in
ok $([ $rc = 2 ]; echo $?) "-j 0: refused (status 2)"
run report nothing-here
ok $([ $rc = 2 ]; echo $?) "report of a missing folder: status 2"
mkdir -p "$t/cut"
head -c 700 "$t/o2/documents.jsonl" >"$t/cut/documents.jsonl"
run report --out cutout cut
ok $([ $rc = 2 ] && grep -q 'documents.jsonl: line [0-9]*: not a line' "$t/stderr"; echo $?) "report of a cut documents.jsonl: status 2, the line named"
: >"$t/empty.jsonl"
run report --out er empty.jsonl
ok $([ $rc = 2 ] && grep -q 'hold no plan' "$t/stderr" && [ ! -e "$t/er/matrix.csv" ]; echo $?) "report of an empty documents.jsonl: status 2, no tables of no plan"
printf '%s\n' in/text/bct.txt in/text/ninh-binh.txt >"$t/list"
run batch -q --files-from list
ok $([ $rc = 0 ] && [ "$(grep -c '"findings"' "$t/stdout")" = 2 ]; echo $?) "--files-from: the listed plans, on standard output (status $rc)"

# ---- the progress bar: on a terminal only ----------------------------------------------------
run batch -j1 --out op in/text
ok $(! grep -q "$(printf '\r')" "$t/stderr"; echo $?) "standard error no terminal: no progress bar"
if command -v script >/dev/null 2>&1; then
    (cd "$t" && timeout 60 script -qec "'$vn' batch -j1 --out op in/text" /dev/null) >"$t/tty" 2>&1
    ok $(grep -q '3/3 .*/s' "$t/tty"; echo $?) "on a terminal: a progress bar with done/total and the rate"
fi

echo "1..$n"
[ $failed = 0 ]
