/* fuzz_read_docx.c — the fuzz target of the DOCX reader: any bytes read as
 * a DOCX (the format forced, so that every input reaches the zip and XML
 * layers), then the whole pipeline over what it gives.
 *
 * The first input byte chooses the output format of the tree (bits 0-1:
 * XML, JSON, text outline, targets TSV); the rest is the file.  Built with
 * libFuzzer by tools/fuzz.sh (`make fuzz`), seeded with the .docx files of
 * tests/fixtures/formats/; tests/unit/test_fuzz_readers.c replays it over
 * archives it makes and breaks. */
#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef VN_FUZZ_INPUT
#define VN_FUZZ_INPUT VNPLAN_INPUT_DOCX
#define VN_FUZZ_ONE vn_fuzz_docx_one
#endif

int VN_FUZZ_ONE(const uint8_t *data, size_t size);

int VN_FUZZ_ONE(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const vnplan_format formats[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT,
                                            VNPLAN_FORMAT_TSV};
    unsigned which = data[0] & 3;
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes_as(data + 1, size - 1, "fuzz", VN_FUZZ_INPUT, NULL, &doc, err, sizeof err) !=
        VNPLAN_OK)
        return 0;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
        vnplan_render(doc, formats[which], which == 3 ? VNPLAN_RENDER_TARGETS_ONLY : 0, f, err, sizeof err);
        fclose(f);
    }
    free(buf);
    vnplan_doc_free(doc);
    return 0;
}

#ifndef VN_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return VN_FUZZ_ONE(data, size); }
#endif
