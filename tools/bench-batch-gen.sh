#!/bin/sh
# bench-batch-gen.sh OUTDIR [N] — N (default 10000) plan-like documents for the
# batch benchmark, made by varying the UTF-8 plans of the corpus and the
# fixtures that implement a bundled decision (1002, 2711): another
# locality's name, other figures, items dropped and neighbours swapped,
# lines re-wrapped at another width; one document in 50 is a .docx copied
# from tests/fixtures/formats/.  Deterministic (awk's srand(seed) per
# document); in folders of 1000.
set -eu
out=$1
count=${2:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
set --
for f in "$root"/corpus/plans/*.txt "$root"/tests/fixtures/plans/*.txt; do
    case $f in
    *-viscii* | *-windows1258* | *-tcvn3* | *-vni* | *-utf16le*) continue ;; # not UTF-8: left as they are
    *-1002-* | *-2711-*) set -- "$@" "$f" ;;
    esac
done
docx=$(ls "$root"/tests/fixtures/formats/*-1002-*.docx | grep -v typed)
awk -v out="$out" -v count="$count" -v docxlist="$docx" '
BEGIN {
    nloc = split("Hà Giang|Cao Bằng|Lào Cai|Sơn La|Tuyên Quang|Thái Nguyên|Phú Thọ|Bắc Ninh|Hưng Yên|Hải Phòng|Ninh Bình|Thanh Hóa|Nghệ An|Hà Tĩnh|Quảng Trị|Huế|Đà Nẵng|Quảng Ngãi|Gia Lai|Khánh Hòa|Lâm Đồng|Đắk Lắk|Đồng Nai|Tây Ninh|Vĩnh Long|Đồng Tháp|Cà Mau|An Giang|Cần Thơ|Lạng Sơn|Điện Biên|Lai Châu|Quảng Ninh|Hà Nội", loc, "|")
    ndocx = split(docxlist, docx, "\n")
}
FNR == 1 { nsrc++; src[nsrc] = "" }
{ src[nsrc] = src[nsrc] $0 "\n" }
function wrap(line, width,    res, cut) {
    res = ""
    while (length(line) > width) {
        cut = width
        while (cut > 1 && substr(line, cut, 1) != " ") cut--
        if (cut <= 1) break
        res = res substr(line, 1, cut - 1) "\n"
        line = substr(line, cut + 1)
    }
    return res line
}
function vary_numbers(line,    res, s, n) {
    res = ""
    while (match(line, /[0-9]+/)) {
        n = substr(line, RSTART, RLENGTH)
        s = (rand() < 0.3 && RLENGTH <= 3 && n + 0 > 0 && n + 0 < 100) ? n + int(rand() * 10) : n
        res = res substr(line, 1, RSTART - 1) s
        line = substr(line, RSTART + RLENGTH)
    }
    return res line
}
END {
    for (i = 1; i <= count; i++) {
        srand(i)
        dir = sprintf("%s/d%02d", out, int((i - 1) / 1000))
        if (i % 1000 == 1)
            system("mkdir -p \"" dir "\"")
        if (ndocx && i % 50 == 0) {
            system("cp \"" docx[1 + i / 50 % ndocx] "\" \"" sprintf("%s/plan%05d.docx", dir, i) "\"")
            continue
        }
        s = src[1 + (i % nsrc)]
        name = loc[1 + int(rand() * nloc)]
        for (k = 1; k <= nloc; k++)
            gsub(loc[k], name, s)
        n = split(s, lines, "\n")
        width = rand() < 0.3 ? 60 + int(rand() * 40) : 0
        file = sprintf("%s/plan%05d.txt", dir, i)
        printf "" > file
        for (k = 1; k <= n; k++) {
            l = lines[k]
            if (l ~ /^[-+] / && rand() < 0.05)
                continue # an item dropped
            if (l ~ /^[-+] / && k < n && lines[k + 1] ~ /^[-+] / && rand() < 0.05) {
                t = lines[k + 1]; lines[k + 1] = l; l = t # neighbours swapped
            }
            if (l ~ /%|người|năm/)
                l = vary_numbers(l)
            if (width && l !~ /^(Số|KẾ HOẠCH|[IVX]+\.|[0-9]+\.|[a-zđ]\))/)
                l = wrap(l, width)
            print l > file
        }
        close(file)
    }
}' "$@"
