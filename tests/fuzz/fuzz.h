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

/* Every diff report format, of one diff and of a run of several (with a
 * plan that failed: NULL), the summary across plans included. */
static inline void vn_fuzz_all_diff_reports(const vnplan_diff *d, unsigned flags)
{
    static const vnplan_format formats[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_CSV,
                                            VNPLAN_FORMAT_HTML};
    const vnplan_diff *many[3] = {d, NULL, d};
    static const char *const names[3] = {NULL, "failed.txt", NULL};
    static const char *const reasons[3] = {NULL, "a reason \"quoted\", <b>&</b>", NULL};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        vn_fuzz_render_diffs(&d, 1, formats[k], flags);
        vn_fuzz_render_diffs(many, 3, formats[k], flags);
        /* with the plan that failed named: a row of the summary */
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f) {
            char err[256];
            vnplan_diff_render_report(many, names, reasons, 3, formats[k], flags, f, err, sizeof err);
            fclose(f);
        }
        free(buf);
    }
}

#ifdef VN_FUZZ_REPLAY
#define VN_FUZZ_ENTRY(fn)
#else
#define VN_FUZZ_ENTRY(fn)                                                                                     \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                             \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fn(data, size); }
#endif

#endif
