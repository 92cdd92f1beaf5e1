/* fuzz_load_xml.c — any bytes as a vnplan XML tree (vnplan_load_xml, what
 * `diff --base FILE.xml` reads), and what was loaded rendered in every
 * format.  Seeds: the bundled decisions and the XML trees of the corpus
 * plans, whole (tools/fuzz.sh). */
#include "fuzz.h"

int vn_fuzz_load_xml(const uint8_t *data, size_t size);

int vn_fuzz_load_xml(const uint8_t *data, size_t size)
{
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_load_xml(data, size, "fuzz.xml", NULL, &doc, err, sizeof err) != VNPLAN_OK)
        return 0;
    vn_fuzz_render(doc, VNPLAN_FORMAT_XML, 0);
    vn_fuzz_render(doc, VNPLAN_FORMAT_JSON, 0);
    vn_fuzz_render(doc, VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_COLOR);
    vn_fuzz_render(doc, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY);
    vnplan_doc_free(doc);
    return 0;
}

VN_FUZZ_ENTRY(vn_fuzz_load_xml)
