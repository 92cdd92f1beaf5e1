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

/* A reader's harness: the first input byte chooses what is exercised, the
 * rest is the file, read as `input` (named `name`) and taken through the
 * whole pipeline:
 *   bits 0-1  output format of the tree: XML, JSON, text outline, targets TSV
 *   bit 2     compare the document with itself and render the diff as JSON */
static inline int vn_fuzz_read_as(const uint8_t *data, size_t size, const char *name, vnplan_input input)
{
    if (size < 1)
        return 0;
    unsigned opts = data[0];
    data++;
    size--;
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes_as(data, size, name, input, NULL, &doc, err, sizeof err) != VNPLAN_OK)
        return 0;
    static const vnplan_format formats[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT,
                                            VNPLAN_FORMAT_TSV};
    unsigned which = opts & 3;
    vn_fuzz_render(doc, formats[which], which == 3 ? VNPLAN_RENDER_TARGETS_ONLY : 0);
    for (size_t i = 0; i < vnplan_node_count(doc); i++)
        (void)vnplan_node_location(doc, i);
    if (opts & 4) {
        vnplan_diff *diff = NULL;
        if (vnplan_compare(doc, doc, NULL, &diff, err, sizeof err) == VNPLAN_OK) {
            char *buf = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&buf, &len);
            if (f) {
                vnplan_diff_render(diff, VNPLAN_FORMAT_JSON, 0, f, err, sizeof err);
                fclose(f);
            }
            free(buf);
            vnplan_diff_free(diff);
        }
    }
    vnplan_doc_free(doc);
    return 0;
}

#ifdef VN_FUZZ_REPLAY
#define VN_FUZZ_ENTRY(fn)
#else
#define VN_FUZZ_ENTRY(fn)                                                                                     \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                             \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fn(data, size); }
#endif

#endif
