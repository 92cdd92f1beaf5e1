#!/bin/sh
# deps.sh — installs the Debian packages vnplan needs, when they are missing.
#
#   tools/deps.sh build   the compiler, make, pkg-config, gettext and the libraries
#   tools/deps.sh test    what the test suite adds: Chromium for the HTML report tests (and
#                         poppler-utils, python3 and LibreOffice Calc to read the printed
#                         report and the CSV back),
#                         clang for the install test and, with libFuzzer, the fuzz harnesses
#
# Nothing happens when everything is found.  Otherwise it says what is missing
# and installs it with apt-get (through sudo when not root).
set -eu
mode=${1:-build}
missing=""
add() { missing="$missing $1"; }

command -v cc >/dev/null 2>&1 || add gcc
command -v make >/dev/null 2>&1 || add make
command -v msgfmt >/dev/null 2>&1 || add gettext
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists libxml-2.0 || add libxml2-dev
    pkg-config --exists libpcre2-8 || add libpcre2-dev
    pkg-config --exists libutf8proc || add libutf8proc-dev
    pkg-config --exists libzip || add libzip-dev
    pkg-config --exists poppler-glib || add libpoppler-glib-dev
    pkg-config --exists md4c || add libmd4c-dev
    pkg-config --exists json-c || add libjson-c-dev           # vnplan report reads documents.jsonl
    pkg-config --exists xlsxwriter || add libxlsxwriter-dev   # vnplan report writes matrix.xlsx
else
    add "pkg-config libxml2-dev libpcre2-dev libutf8proc-dev libzip-dev libpoppler-glib-dev libmd4c-dev"
    add "libjson-c-dev libxlsxwriter-dev"
fi
if [ "$mode" = test ]; then
    command -v chromium >/dev/null 2>&1 || add chromium
    # tests/sh/test_report_print.sh: the printed report read back, the CSV opened in Calc
    command -v pdftotext >/dev/null 2>&1 || add poppler-utils
    command -v python3 >/dev/null 2>&1 || add python3
    dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 ||
        add libreoffice-calc-nogui
    command -v iconv >/dev/null 2>&1 || add libc-bin
    command -v parallel >/dev/null 2>&1 || add parallel # tests/sh/test_batch.sh runs shards under GNU parallel
    command -v unzip >/dev/null 2>&1 || add unzip       # and opens the spreadsheet
    command -v clang >/dev/null 2>&1 || add clang # tests/install.sh builds the header's example with it
    # the fuzz harnesses of `make check`: clang's libFuzzer runtime
    ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || add libclang-rt-14-dev
fi

[ -z "$missing" ] && exit 0

echo "vnplan: installing missing dependencies:$missing" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "vnplan: apt-get not found; install these packages (or their equivalents) by hand:$missing" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=sudo
    else
        echo "vnplan: not root and no sudo; install as root:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
