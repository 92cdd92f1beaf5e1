#!/bin/sh
# test_man.sh — the manual page in Vietnamese (man/vi/vnplan.1) keeps in step
# with the English one (man/vnplan.1): both name the same commands, options
# and check rules, and the check rules are those `vnplan help check` lists;
# both render without a warning when groff is installed.  Prints TAP.
cd "$(dirname "$0")/../.." || exit 2
vn=${VNPLAN_BUILD:-build}/vnplan
n=0
failed=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# words - the options (\-\-name, \-x) and the bold words (.B name) of a page
options() { grep -o '\\-\\-[a-z\\-]*\|^\.B[IR]* \\-[a-zA-Z]\b' "$1" | sed 's/\\//g; s/^\.B[IR]* //' | sort -u; }
bold() { sed -n 's/^\.B \([a-z][a-z\\-]*\)$/\1/p' "$1" | sed 's/\\//g' | sort -u; }
for page in man/vnplan.1 man/vi/vnplan.1; do [ -f "$page" ] || echo "not ok - $page missing"; done
options man/vnplan.1 >"$t/en.opt"
options man/vi/vnplan.1 >"$t/vi.opt"
diff "$t/en.opt" "$t/vi.opt" >"$t/d" 2>&1
ok $? "both pages name the same options ($(wc -l <"$t/en.opt") of them)$(sed 's/^/ /' "$t/d" | tr '\n' ' ')"
bold man/vnplan.1 >"$t/en.b"
bold man/vi/vnplan.1 >"$t/vi.b"
diff "$t/en.b" "$t/vi.b" >"$t/d" 2>&1
ok $? "both pages name the same commands and rules in bold ($(wc -l <"$t/en.b") words)$(sed 's/^/ /' "$t/d" | tr '\n' ' ')"
# the rules `vnplan help check` lists are the rules both pages describe
"$vn" help check | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' | sort -u >"$t/rules"
missing=$(while read -r r; do grep -qx "$r" "$t/en.b" && grep -qx "$r" "$t/vi.b" || printf ' %s' "$r"; done <"$t/rules")
ok $([ -s "$t/rules" ] && [ -z "$missing" ]; echo $?) "every rule of 'vnplan help check' is in both pages$missing"
if command -v groff >/dev/null 2>&1; then
    for page in man/vnplan.1 man/vi/vnplan.1; do
        groff -man -Tutf8 -ww -K utf8 "$page" >/dev/null 2>"$t/warn"
        ok $([ ! -s "$t/warn" ]; echo $?) "$page renders without a warning$(head -3 "$t/warn" | tr '\n' ' ')"
    done
else
    echo "ok $((n + 1)) # skip groff is not installed"
    n=$((n + 1))
fi
echo "1..$n"
[ $failed -eq 0 ]
