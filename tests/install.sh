#!/bin/sh
# install.sh — `make install` into a scratch DESTDIR, then the example of
# include/vnplan.h compiled through the installed pkg-config file, with gcc
# and with clang, against the shared library and against the static one, and
# run.  Speaks the tests' protocol ("ok N - ..."); tests/run.sh runs it as
# BUILD/tests/test_install (the Makefile copies it there for the main build).
#
# The static link: with both libraries installed, -lvnplan picks the shared
# one, so the archive is named as -l:libvnplan.a in place of -lvnplan; the
# rest of the line is what `pkg-config --static --libs vnplan` gives.
for up in . "$(dirname "$0")/.." "$(dirname "$0")/../.."; do
    if [ -f "$up/include/vnplan.h" ]; then
        cd "$up" || exit 2
        break
    fi
done
build=${VNPLAN_BUILD:-build}
n=0
failed=0
ok() { # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
diag() { sed 's/^/#   /'; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vnplan-install.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
lib=$dest/usr/lib
plan=corpus/plans/ninh-binh-141-KH-UBND-1002.txt
version=$(sed -n 's/^#define VNPLAN_VERSION "\(.*\)"/\1/p' include/vnplan.h)

# A make started from a test must not join the jobserver of the make running
# the suite; and it must use the compiler that built $build (the first word
# of $build/cflags), or it would rebuild the libraries with another.
buildcc=$(awk '{print $1; exit}' "$build/cflags" 2>/dev/null)
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s BUILD="$build" CC="${buildcc:-cc}" "$@"; }
mk install DESTDIR="$dest" PREFIX=/usr >"$tmp/install.log" 2>&1
rc=$?
ok $rc "make install DESTDIR=... PREFIX=/usr"
[ $rc -eq 0 ] || diag <"$tmp/install.log"

[ -f "$lib/libvnplan.a" ]; ok $? "the static library is installed"
[ -f "$lib/libvnplan.so.$version" ] && [ "$(readlink "$lib/libvnplan.so.0")" = "libvnplan.so.$version" ] &&
    [ "$(readlink "$lib/libvnplan.so")" = "libvnplan.so.0" ]
ok $? "the shared library is installed as libvnplan.so.$version, with the .so.0 and .so links"
[ -f "$dest/usr/include/vnplan.h" ] && [ -f "$lib/pkgconfig/vnplan.pc" ]
ok $? "the header and the pkg-config file are installed"
[ -f "$dest/usr/share/man/man1/vnplan.1" ] && [ -f "$dest/usr/share/man/vi/man1/vnplan.1" ]
ok $? "the manual page is installed in English and in Vietnamese (share/man/vi/man1)"

soname=$(readelf -d "$lib/libvnplan.so.$version" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
[ "$soname" = libvnplan.so.0 ]; ok $? "soname libvnplan.so.0 (got '$soname')"
nm -D --defined-only "$lib/libvnplan.so.$version" | awk '{print $3}' | sort >"$tmp/exported"
grep -v '^vnplan_' "$tmp/exported" >"$tmp/stray"
[ -s "$tmp/exported" ] && [ ! -s "$tmp/stray" ]
ok $? "the shared library exports only vnplan_* symbols ($(wc -l <"$tmp/exported") of them)"
[ -s "$tmp/stray" ] && head -20 "$tmp/stray" | diag
# every function the header declares is exported, and nothing else is
sed -n 's/^VNPLAN_API .*[ *]\(vnplan_[a-z0-9_]*\)(.*/\1/p' include/vnplan.h | sort >"$tmp/declared"
cmp -s "$tmp/declared" "$tmp/exported"
ok $? "the exported symbols are exactly the functions vnplan.h declares with VNPLAN_API"
cmp -s "$tmp/declared" "$tmp/exported" || diff "$tmp/declared" "$tmp/exported" | head -20 | diag

# Libraries loaded only when a file needs them (dlopen; the Makefile's
# DLOPEN_PKGS) are not linked: starting the program must not load them.
readelf -d "$lib/libvnplan.so.$version" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$tmp/needed"
! grep -q 'poppler' "$tmp/needed"
ok $? "the shared library does not link poppler-glib (needs: $(tr '\n' ' ' <"$tmp/needed"))"

# a function declared without VNPLAN_API would be hidden from users of the shared library
grep -nE '^[a-z][a-z_ ]*[ *]vnplan_[a-z0-9_]*\(' include/vnplan.h >"$tmp/unmarked"
[ ! -s "$tmp/unmarked" ]
ok $? "every function vnplan.h declares carries VNPLAN_API"
[ -s "$tmp/unmarked" ] && diag <"$tmp/unmarked"

# the header's example, exactly as the header shows it
awk '/^ \*     #include <vnplan.h>/{on=1} on && /^ \*\//{exit}
     on{if ($0 == " *") print ""; else {sub(/^ \*     /, ""); print}}' include/vnplan.h >"$tmp/example.c"
grep -q 'int main' "$tmp/example.c"; ok $? "the example is found in include/vnplan.h"

pc() { PKG_CONFIG_PATH="$lib/pkgconfig" pkg-config --define-variable=prefix="$dest/usr" "$@"; }
cflags=$(pc --cflags vnplan)
shared_libs=$(pc --libs vnplan)
static_libs=$(pc --static --libs vnplan | sed 's/-lvnplan\( \|$\)/-l:libvnplan.a\1/')
ok $? "pkg-config gives the link lines (shared: $shared_libs)"

# The reference: the same file through the command line.
"$build/vnplan" parse --format xml "$plan" >"$tmp/want.xml" 2>"$tmp/want.err"
ok $? "vnplan parse $plan"

for cc in gcc clang; do
    if ! command -v $cc >/dev/null 2>&1; then
        ok 1 "$cc is installed (tools/deps.sh test installs it)"
        continue
    fi
    # shared
    $cc -std=c11 -Wall -Wextra -Werror -o "$tmp/ex-shared-$cc" "$tmp/example.c" $cflags $shared_libs \
        >"$tmp/cc.log" 2>&1
    rc=$?
    ok $rc "$cc: the example compiles and links against libvnplan.so"
    [ $rc -eq 0 ] || diag <"$tmp/cc.log"
    ldd "$tmp/ex-shared-$cc" 2>/dev/null | grep -q 'libvnplan\.so\.0'
    ok $? "$cc: the program needs libvnplan.so.0"
    LD_LIBRARY_PATH=$lib "$tmp/ex-shared-$cc" "$plan" >"$tmp/got.xml" 2>"$tmp/got.err"
    ok $? "$cc: the shared-linked example runs"
    cmp -s "$tmp/got.xml" "$tmp/want.xml"
    ok $? "$cc: its output is the tree vnplan parse writes"
    # static
    $cc -std=c11 -Wall -Wextra -Werror -o "$tmp/ex-static-$cc" "$tmp/example.c" $cflags $static_libs \
        >"$tmp/cc.log" 2>&1
    rc=$?
    ok $rc "$cc: the example compiles and links against libvnplan.a (pkg-config --static)"
    [ $rc -eq 0 ] || diag <"$tmp/cc.log"
    ! ldd "$tmp/ex-static-$cc" 2>/dev/null | grep -q libvnplan
    ok $? "$cc: the static-linked program does not need libvnplan.so"
    ! ldd "$tmp/ex-static-$cc" 2>/dev/null | grep -q poppler
    ok $? "$cc: nor does it load poppler-glib at start"
    "$tmp/ex-static-$cc" "$plan" >"$tmp/got.xml" 2>"$tmp/got.err"
    ok $? "$cc: the static-linked example runs"
    cmp -s "$tmp/got.xml" "$tmp/want.xml"
    ok $? "$cc: its output is the tree vnplan parse writes"
done

"$tmp/ex-static-gcc" "$tmp/no-such-file.txt" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q '^example: .' "$tmp/err"
ok $? "the example reports a file it cannot read and exits 1"

mk uninstall DESTDIR="$dest" PREFIX=/usr >"$tmp/install.log" 2>&1
left=$(find "$dest" \( -type f -o -type l \) | head -5)
[ -z "$left" ]; ok $? "make uninstall removes every installed file${left:+ (left: $left)}"

echo "1..$n"
[ $failed -eq 0 ]
