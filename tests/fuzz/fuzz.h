/* fuzz.h — what the libFuzzer harnesses (tests/fuzz/fuzz_*.c) share.
 *
 * Each harness is one entry point of the library that takes untrusted
 * bytes; its function vn_fuzz_NAME(data, size) is what libFuzzer calls
 * (through LLVMFuzzerTestOneInput, left out when VN_FUZZ_REPLAY is defined)
 * and what tests/unit/test_fuzz_replay.c calls over the inputs kept in
 * tests/fuzz/regressions/NAME/.  tools/fuzz.sh builds and runs them. */
#ifndef VN_FUZZ_H
#define VN_FUZZ_H

#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Renders into memory (the bytes are thrown away: what is fuzzed is that
 * rendering never faults). */
static inline void vn_fuzz_render(const vnplan_doc *doc, vnplan_format fmt, unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    char err[256];
    vnplan_render(doc, fmt, flags, f, err, sizeof err);
    fclose(f);
    free(buf);
}

static inline void vn_fuzz_render_diffs(const vnplan_diff *const *diffs, size_t n, vnplan_format fmt,
                                        unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    char err[256];
    vnplan_diff_render_many(diffs, n, fmt, flags, f, err, sizeof err);
    fclose(f);
    free(buf);
}

/* One diff report, in the format `which` picks (text, JSON, CSV, the HTML
 * page), of the one diff (variant 0), of a run of several with a plan that
 * failed (NULL: variant 1), or of that run with the failed plan named, a row
 * of the summary across plans (variant 2).  One report per input keeps each
 * run short enough for the fuzzer to try many inputs. */
static inline void vn_fuzz_diff_report(const vnplan_diff *d, unsigned which, unsigned variant, unsigned flags)
{
    static const vnplan_format formats[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_CSV,
                                            VNPLAN_FORMAT_HTML};
    vnplan_format fmt = formats[which % 4];
    const vnplan_diff *many[3] = {d, NULL, d};
    static const char *const names[3] = {NULL, "failed.txt", NULL};
    static const char *const reasons[3] = {NULL, "a reason \"quoted\", <b>&</b>", NULL};
    if (variant % 3 == 0) {
        vn_fuzz_render_diffs(&d, 1, fmt, flags);
        return;
    }
    if (variant % 3 == 1) {
        vn_fuzz_render_diffs(many, 3, fmt, flags);
        return;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    char err[256];
    vnplan_diff_render_report(many, names, reasons, 3, fmt, flags, f, err, sizeof err);
    fclose(f);
    free(buf);
}

#ifdef VN_FUZZ_REPLAY
#define VN_FUZZ_ENTRY(fn)
#else
#define VN_FUZZ_ENTRY(fn)                                                                                     \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                             \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fn(data, size); }
#endif

#endif
