/* fuzz_render.c — every renderer of a document over a parsed plan: the
 * tree in XML, JSON and the text outline (with and without targets, in
 * colour), the targets alone in text, JSON, TSV and XML, the stream of
 * several documents (vnplan_renderer_*), and the consistency check with
 * its text, JSON and HTML reports.
 *
 * The first byte: bit 0 reports in English; bits 1-2 which renderers: the
 * tree (XML, JSON, outline; with and without targets), the targets alone
 * (text, JSON, TSV, XML), the stream of two documents, the check reports.
 * One group per input keeps each run short.  The rest is the plan.  Seeds:
 * the corpus and fixture plans, whole, under each group (tools/fuzz.sh). */
#include "fuzz.h"

int vn_fuzz_render_all(const uint8_t *data, size_t size);

static void render_stream(const vnplan_doc *doc, vnplan_format fmt, unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    char err[256];
    vnplan_renderer *r = vnplan_renderer_new(fmt, flags, f);
    if (r) {
        vnplan_renderer_add(r, doc, err, sizeof err);
        vnplan_renderer_add(r, doc, err, sizeof err);
        vnplan_renderer_finish(r, err, sizeof err);
    }
    fclose(f);
    free(buf);
}

static void render_check(const vnplan_doc *doc, unsigned english)
{
    vnplan_check *ck = NULL;
    char err[256];
    if (vnplan_check_run(doc, NULL, "all", NULL, english ? VNPLAN_CHECK_ENGLISH : 0, &ck, err, sizeof err) !=
        VNPLAN_OK)
        return;
    static const vnplan_format formats[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_HTML};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (!f)
            continue;
        vnplan_check_render(ck, formats[k], k == 0 ? VNPLAN_RENDER_COLOR : 0, f, err, sizeof err);
        fclose(f);
        free(buf);
    }
    vnplan_check_free(ck);
}

int vn_fuzz_render_all(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned english = data[0] & 1 ? VNPLAN_RENDER_ENGLISH : 0;
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes(data + 1, size - 1, "fuzz", NULL, &doc, err, sizeof err) != VNPLAN_OK)
        return 0;
    static const vnplan_format tree[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT};
    static const vnplan_format targets[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TSV,
                                            VNPLAN_FORMAT_XML};
    switch ((data[0] >> 1) & 3) {
    case 0:
        for (size_t k = 0; k < sizeof tree / sizeof tree[0]; k++) {
            vn_fuzz_render(doc, tree[k], english);
            vn_fuzz_render(doc, tree[k], english | VNPLAN_RENDER_NO_TARGETS | VNPLAN_RENDER_COLOR);
        }
        break;
    case 1:
        for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++)
            vn_fuzz_render(doc, targets[k], english | VNPLAN_RENDER_TARGETS_ONLY);
        break;
    case 2:
        render_stream(doc, VNPLAN_FORMAT_XML, english);
        render_stream(doc, VNPLAN_FORMAT_JSON, english);
        render_stream(doc, VNPLAN_FORMAT_TSV, english | VNPLAN_RENDER_TARGETS_ONLY);
        break;
    default:
        render_check(doc, english);
        break;
    }
    vnplan_doc_free(doc);
    return 0;
}

VN_FUZZ_ENTRY(vn_fuzz_render_all)
