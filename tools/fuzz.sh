#!/bin/sh
# fuzz.sh — `make fuzz`: builds the fuzz targets with libFuzzer, AddressSanitizer
# and UBSan (clang), seeds them with the corpus and the spec examples (and the
# DOCX/ODT readers' targets with tests/fixtures/formats/), and runs each for
# FUZZ_SECONDS (default 120); FUZZ_TARGETS names the targets to run (default:
# fuzz_parse fuzz_read_docx fuzz_read_odt).  Crashes land in build/fuzz/; replay
# one with `build/fuzz/TARGET FILE`, and keep it as a regression by copying it
# to tests/fuzz/regressions/ (the test suite replays that directory).
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-120}
if ! command -v clang >/dev/null 2>&1 || ! echo 'int LLVMFuzzerTestOneInput(const char*d,unsigned long n){return 0;}' |
        clang -x c -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
    echo "fuzz: clang with libFuzzer is needed (Debian: clang, libclang-rt-14-dev)" >&2
    tools/deps.sh build
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >&2
fi
flags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
# the library is instrumented for coverage too, or the fuzzer is blind to it
libflags="$flags -fsanitize=fuzzer-no-link"
make --no-print-directory BUILD=build/fuzz-lib CC=clang CFLAGS="$libflags" build/fuzz-lib/libvnplan.a
mkdir -p build/fuzz/seeds build/fuzz/seeds-docx build/fuzz/seeds-odt
for t in fuzz_parse fuzz_read_docx fuzz_read_odt; do
    clang $flags -fsanitize=fuzzer -Iinclude tests/fuzz/$t.c build/fuzz-lib/libvnplan.a \
        $(pkg-config --libs libxml-2.0 libpcre2-8 libutf8proc libzip) -lm -o build/fuzz/$t
done
# the readers' seeds: the fixtures' documents, after the option byte
for f in tests/fixtures/formats/*.docx tests/fixtures/formats/*.odt; do
    [ -f "$f" ] || continue
    dir=build/fuzz/seeds-${f##*.}
    printf '\000' > "$dir/$(basename "$f")"
    cat "$f" >> "$dir/$(basename "$f")"
done
# seeds: the corpus and fixture plans (as plain parses), the baselines, the regressions
for f in corpus/plans/*.txt tests/fixtures/plans/*.txt corpus/decisions/*.xml tests/fuzz/regressions/*; do
    [ -f "$f" ] || continue
    case $f in *.xml) printf '\004' ;; *) printf '\000' ;; esac > "build/fuzz/seeds/$(basename "$f")"
    head -c 20000 "$f" >> "build/fuzz/seeds/$(basename "$f")"
done
for t in ${FUZZ_TARGETS:-fuzz_parse fuzz_read_docx fuzz_read_odt}; do
    case $t in
    fuzz_read_docx) seeds=build/fuzz/seeds-docx max_len=262144 ;;
    fuzz_read_odt) seeds=build/fuzz/seeds-odt max_len=262144 ;;
    *) seeds=build/fuzz/seeds max_len=65536 ;;
    esac
    build/fuzz/$t -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2560 \
        -artifact_prefix=build/fuzz/ "$seeds"
done
