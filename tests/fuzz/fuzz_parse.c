/* fuzz_parse.c — any bytes through the whole pipeline (vnplan_parse_bytes_as).
 *
 * The first input byte chooses what is exercised, the rest is the document:
 *   bits 0-1  output format of the tree: XML, JSON, text outline, targets TSV
 *   bit 2     read the bytes as a vnplan XML tree (vnplan_load_xml) instead
 *   bit 3     compare the document with itself and render the diff as JSON
 *   bits 4-6  the input format the bytes are read as (0 told from the
 *             content, then text, docx, odt, pdf, html, md)
 * Seeds: the corpus and fixture plans whole, the bundled decisions (see
 * tools/fuzz.sh). */
#include "fuzz.h"

int vn_fuzz_parse(const uint8_t *data, size_t size);

int vn_fuzz_parse(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opts = data[0];
    data++;
    size--;
    vnplan_doc *doc = NULL;
    char err[256];
    unsigned input = (opts >> 4) & 7;
    if (input > VNPLAN_INPUT_MD)
        input = VNPLAN_INPUT_AUTO;
    vnplan_status st = (opts & 4) ? vnplan_load_xml(data, size, "fuzz", NULL, &doc, err, sizeof err)
                                  : vnplan_parse_bytes_as(data, size, "fuzz", (vnplan_input)input, NULL, &doc, err,
                                                          sizeof err);
    if (st != VNPLAN_OK)
        return 0;
    static const vnplan_format formats[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT,
                                            VNPLAN_FORMAT_TSV};
    unsigned which = opts & 3;
    vn_fuzz_render(doc, formats[which], which == 3 ? VNPLAN_RENDER_TARGETS_ONLY : 0);
    if (opts & 8) {
        vnplan_diff *diff = NULL;
        if (vnplan_compare(doc, doc, NULL, &diff, err, sizeof err) == VNPLAN_OK) {
            vn_fuzz_render_diffs((const vnplan_diff *const *)&diff, 1, VNPLAN_FORMAT_JSON, 0);
            vnplan_diff_free(diff);
        }
    }
    vnplan_doc_free(doc);
    return 0;
}

VN_FUZZ_ENTRY(vn_fuzz_parse)
