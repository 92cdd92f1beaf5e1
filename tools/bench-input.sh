#!/bin/sh
# bench-input.sh OUT SIZE_MB — builds one long plan from the corpus: the
# header of a plan, then the bodies of the corpus plans again and again,
# each under its own "Phần N." (so numbering restarts where a reader
# expects it), then a closing.  Used by `make bench`.
set -eu
out=$1
mb=${2:-100}
dir=$(dirname "$0")/../corpus/plans
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a body: from "I." to just before "Nơi nhận" (or the end)
for f in "$dir"/*.txt; do
    sed -n '/^ *I\. /,$p' "$f" | sed '/^ *Nơi nhận/,$d' >> "$tmp/bodies.txt"
done
sed -n '1,/^ *I\. /p' "$dir/ninh-binh-141-KH-UBND-1002.txt" | sed '$d' > "$out"
want=$((mb * 1024 * 1024))
n=1
while [ "$(stat -c %s "$out")" -lt "$want" ]; do
    printf 'PHẦN %d. NỘI DUNG THỨ %d\n' "$n" "$n" >> "$out"
    cat "$tmp/bodies.txt" >> "$out"
    n=$((n + 1))
done
sed -n '/^ *Nơi nhận/,$p' "$dir/lang-son-1002-pdf-double-spaced.txt" >> "$out"
