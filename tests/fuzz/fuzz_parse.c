/* fuzz_parse.c — the fuzz target: any bytes through the whole pipeline.
 *
 * The first input byte chooses what is exercised, the rest is the document:
 *   bits 0-1  output format of the tree: XML, JSON, text outline, targets TSV
 *   bit 2     read the bytes as a vnplan XML tree (vnplan_load_xml) instead
 *   bit 3     compare the document with itself and render the diff as JSON
 *   bit 4     check it (every rule, vnplan check) and render the findings
 * Built with libFuzzer by tools/fuzz.sh (`make fuzz`); a crash file is
 * replayed by passing it as an argument to build/fuzz/fuzz_parse.  The test
 * suite replays tests/fuzz/regressions/ through the same function
 * (tests/unit/test_fuzz_replay.c). */
#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int vn_fuzz_one(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render_to_memory(const vnplan_doc *doc, vnplan_format fmt, unsigned flags)
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

int vn_fuzz_one(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opts = data[0];
    data++;
    size--;
    vnplan_doc *doc = NULL;
    char err[256];
    vnplan_status st = (opts & 4) ? vnplan_load_xml(data, size, "fuzz", NULL, &doc, err, sizeof err)
                                  : vnplan_parse_bytes(data, size, "fuzz", NULL, &doc, err, sizeof err);
    if (st != VNPLAN_OK)
        return 0;
    static const vnplan_format formats[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT,
                                            VNPLAN_FORMAT_TSV};
    unsigned which = opts & 3;
    render_to_memory(doc, formats[which], which == 3 ? VNPLAN_RENDER_TARGETS_ONLY : 0);
    if (opts & 8) {
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
    if (opts & 16) {
        vnplan_check *ck = NULL;
        if (vnplan_check_run(doc, NULL, "all", NULL, (opts & 32) ? VNPLAN_CHECK_ENGLISH : 0, &ck, err,
                             sizeof err) == VNPLAN_OK) {
            static const vnplan_format cfmt[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_HTML};
            char *buf = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&buf, &len);
            if (f) {
                vnplan_check_render(ck, cfmt[which % 3], 0, f, err, sizeof err);
                fclose(f);
            }
            free(buf);
            vnplan_check_free(ck);
        }
    }
    vnplan_doc_free(doc);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return vn_fuzz_one(data, size); }
