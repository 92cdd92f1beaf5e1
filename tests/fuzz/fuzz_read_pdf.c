/* fuzz_read_pdf.c — the fuzz target of the PDF reader: any bytes read as a
 * PDF (vnplan_parse_bytes_as with VNPLAN_INPUT_PDF, so that poppler and
 * pdf_layout.c see them even without a "%PDF-" header), and the tree that
 * comes out rendered as XML.
 *
 * Build and run with libFuzzer (seeds: the PDFs of tests/fixtures/pdf):
 *   make BUILD=build/fuzz-lib CC=clang \
 *       CFLAGS="-O1 -g -fsanitize=address,undefined,fuzzer-no-link" build/fuzz-lib/libvnplan.a
 *   clang -O1 -g -fsanitize=address,undefined,fuzzer -Iinclude tests/fuzz/fuzz_read_pdf.c \
 *       build/fuzz-lib/libvnplan.a $(pkg-config --libs libxml-2.0 libpcre2-8 libutf8proc libzip md4c) \
 *       -lm -o build/fuzz/fuzz_read_pdf
 *   build/fuzz/fuzz_read_pdf -max_total_time=120 -timeout=10 CORPUS_DIR tests/fixtures/pdf
 * The test suite runs the same function over the fixture PDFs cut and with
 * bytes flipped (tests/unit/test_read_pdf.c defines VN_FUZZ_REPLAY and
 * includes this file). */
#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int vn_fuzz_read_pdf(const uint8_t *data, size_t size);

int vn_fuzz_read_pdf(const uint8_t *data, size_t size)
{
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes_as(data, size, "fuzz.pdf", VNPLAN_INPUT_PDF, NULL, &doc, err, sizeof err) !=
        VNPLAN_OK)
        return 0;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        vnplan_render(doc, VNPLAN_FORMAT_XML, 0, f, err, sizeof err);
        fclose(f);
    }
    free(buf);
    vnplan_doc_free(doc);
    return 0;
}

#ifndef VN_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return vn_fuzz_read_pdf(data, size); }
#endif
