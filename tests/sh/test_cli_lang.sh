#!/bin/sh
# test_cli_lang.sh — the program's own messages speak the user's language
# (the locale, as gettext reads it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG),
# while reports follow --lang.  Run by tests/run.sh with VNPLAN_BUILD set;
# prints TAP.
cd "$(dirname "$0")/../.." || exit 2
vn=${VNPLAN_BUILD:-build}/vnplan
case $vn in /*) ;; *) vn=$PWD/$vn ;; esac
n=0
failed=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" diff --lang xx x 2>"$t/err"
rc=$?
ok $([ $rc = 2 ] && grep -q "vnplan: diff: --lang nhận vi hoặc en, không phải 'xx'" "$t/err"; echo $?) \
    "LANG=vi_VN: a usage error in Vietnamese (status $rc)"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$vn" diff --lang xx x 2>"$t/err"
ok $(grep -q "vnplan: diff: --lang takes vi or en, not 'xx'" "$t/err"; echo $?) "LANG=C: the same in English"
env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=vi "$vn" parse /dev/null 2>"$t/err"
ok $(grep -q "không phải tệp thông thường (một thiết bị)" "$t/err"; echo $?) \
    "LANGUAGE=vi before LANG: a device refused in Vietnamese, its kind too"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" diff --lang en \
    corpus/plans/ninh-binh-141-KH-UBND-1002.txt >"$t/out" 2>/dev/null
ok $(grep -q "^COMPARISON: " "$t/out"; echo $?) "a Vietnamese locale, --lang en: the report in English"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$vn" diff \
    corpus/plans/ninh-binh-141-KH-UBND-1002.txt >"$t/out" 2>/dev/null
ok $(grep -q "^KẾT QUẢ ĐỐI CHIẾU: " "$t/out"; echo $?) "an English locale, no --lang: the report in Vietnamese"

# the library's reasons follow the language too: in the messages by the
# locale, in a report (of a folder) by --lang, whatever the locale
mkdir "$t/plans"
cp corpus/plans/ninh-binh-141-KH-UBND-1002.txt "$t/plans/"
: >"$t/plans/empty.txt"
printf '\211PNG\r\n\032\nxxxxxxxx' >"$t/plans/scan.txt"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" diff "$t/plans" >"$t/out" 2>"$t/err"
ok $(grep -q "empty.txt: tệp rỗng$" "$t/err" && grep -q "scan.txt: ảnh PNG, không phải văn bản: hãy nhận dạng chữ (OCR) trước" "$t/err"; echo $?) \
    "LANG=vi_VN: the library's reasons (empty file, an image) in Vietnamese on stderr"
ok $(grep -q "empty.txt: tệp rỗng$" "$t/out" && ! grep -q "empty file\|PNG image" "$t/out"; echo $?) \
    "LANG=vi_VN: the failed files of the report in Vietnamese"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$vn" diff "$t/plans" >"$t/out" 2>"$t/err"
ok $(grep -q "empty.txt: empty file$" "$t/err" && grep -q "scan.txt: a PNG image, not text" "$t/err"; echo $?) \
    "LANG=C: the same reasons in English on stderr"
ok $(grep -q "empty.txt: tệp rỗng$" "$t/out" && ! grep -q "empty file\|PNG image" "$t/out"; echo $?) \
    "LANG=C, no --lang: the report's failed files still in Vietnamese"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" diff --lang en "$t/plans" >"$t/out" 2>/dev/null
ok $(grep -q "empty.txt: empty file$" "$t/out"; echo $?) "a Vietnamese locale, --lang en: the failed files in English"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$vn" parse "$t/missing.txt" 2>"$t/err"
ok $(grep -q "missing.txt: No such file or directory" "$t/err"; echo $?) "LANG=C: a missing file in English"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" parse "$t/missing.txt" 2>"$t/err"
ok $(grep -q "missing.txt: không có tệp hoặc thư mục này" "$t/err"; echo $?) "LANG=vi_VN: a missing file in Vietnamese (not strerror's English)"
# the help of every command follows the locale too: usage and options in
# Vietnamese for a Vietnamese locale (the option names stay as typed)
for cmd in "" parse targets diff check batch report baselines; do
    env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" help $cmd >"$t/out" 2>&1
    ok $(head -1 "$t/out" | grep -q "^cách dùng: vnplan ${cmd:-LỆNH}" && ! grep -q "^usage\|Exit status\|write to OUT" "$t/out"; echo $?) \
        "LANG=vi_VN: 'vnplan help ${cmd:-}' in Vietnamese"
    env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$vn" help $cmd >"$t/out" 2>&1
    ok $(head -1 "$t/out" | grep -q "^usage: vnplan ${cmd:-COMMAND}"; echo $?) "LANG=C: 'vnplan help ${cmd:-}' in English"
done
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" diff --help >"$t/out" 2>&1
ok $(grep -q "^  --lang L       vi (mặc định) hoặc en: ngôn ngữ của báo cáo" "$t/out"; echo $?) "LANG=vi_VN: 'vnplan diff --help' in Vietnamese"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$vn" batch --help >"$t/out" 2>&1
ok $(grep -q "^Mã thoát: 0 mọi tệp được đối chiếu" "$t/out"; echo $?) "LANG=vi_VN: 'vnplan batch --help' in Vietnamese"
echo "1..$n"
[ $failed -eq 0 ]
