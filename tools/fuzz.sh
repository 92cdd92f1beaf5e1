#!/bin/sh
# fuzz.sh — `make fuzz`: builds the fuzz target (FUZZ_TARGET: fuzz_parse, the
# default, fuzz_read_html or fuzz_read_md) with libFuzzer, AddressSanitizer
# and UBSan (clang), seeds it with the corpus and the spec examples, and runs
# it for FUZZ_SECONDS (default 120).  Crashes land in build/fuzz/; replay one
# with `build/fuzz/fuzz_parse FILE`, and keep it as a regression by copying it
# to tests/fuzz/regressions/ (the test suite replays that directory).
set -eu
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-120}
target=${FUZZ_TARGET:-fuzz_parse}
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
mkdir -p build/fuzz/seeds
clang $flags -fsanitize=fuzzer -Iinclude tests/fuzz/$target.c build/fuzz-lib/libvnplan.a \
    $(pkg-config --libs libxml-2.0 libpcre2-8 libutf8proc md4c) -lm -o build/fuzz/$target
# seeds: the corpus and fixture plans (as plain parses), the baselines, the regressions
for f in corpus/plans/*.txt tests/fixtures/plans/*.txt corpus/decisions/*.xml tests/fuzz/regressions/*; do
    [ -f "$f" ] || continue
    case $f in *.xml) printf '\004' ;; *) printf '\000' ;; esac > "build/fuzz/seeds/$(basename "$f")"
    head -c 20000 "$f" >> "build/fuzz/seeds/$(basename "$f")"
done
if [ "$target" != fuzz_parse ]; then
    # the readers' seeds: the documents of their format
    ext=${target#fuzz_read_}
    rm -rf build/fuzz/seeds-$ext
    mkdir -p build/fuzz/seeds-$ext
    for f in tests/fixtures/plans/*.$ext tests/fixtures/formats/*.$ext; do
        [ -f "$f" ] || continue
        { printf '\000'; head -c 20000 "$f"; } > "build/fuzz/seeds-$ext/$(basename "$f")"
    done
    exec build/fuzz/$target -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -artifact_prefix=build/fuzz/ build/fuzz/seeds-$ext
fi
build/fuzz/fuzz_parse -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix=build/fuzz/ build/fuzz/seeds
