/* fuzz_read_html.c — the fuzz target of the html reader: any bytes read as
 * an HTML page (libxml2's HTML parser, the walk of read_html.c), then through the whole pipeline.
 *
 * The first input byte chooses what is exercised, the rest is the file:
 *   bits 0-1  output format of the tree: XML, JSON, text outline, targets TSV
 *   bit 2     compare the document with itself and render the diff as JSON
 * Built with libFuzzer by tools/fuzz.sh (FUZZ_TARGET=fuzz_read_html make fuzz),
 * seeded with the .html documents of tests/fixtures/; the test suite runs it
 * over those documents cut, spliced and with bytes flipped
 * (tests/unit/test_fuzz_readers.c). */
#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int vn_fuzz_read_html(const uint8_t *data, size_t size);

static void render_html_to_memory(const vnplan_doc *doc, vnplan_format fmt, unsigned flags)
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

int vn_fuzz_read_html(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opts = data[0];
    data++;
    size--;
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes_as(data, size, "fuzz.html", VNPLAN_INPUT_HTML, NULL, &doc, err, sizeof err) != VNPLAN_OK)
        return 0;
    static const vnplan_format formats[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT,
                                            VNPLAN_FORMAT_TSV};
    unsigned which = opts & 3;
    render_html_to_memory(doc, formats[which], which == 3 ? VNPLAN_RENDER_TARGETS_ONLY : 0);
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

#ifndef VN_FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return vn_fuzz_read_html(data, size); }
#endif
