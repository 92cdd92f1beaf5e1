/* test_pdf_missing.c — poppler-glib is loaded by the first PDF, not linked
 * (src/pdf_poppler.h): on a system without it a PDF is refused with a message
 * that names the library and how to install it, and everything else works.
 *
 * The loader is compiled into this program with the name of a library that
 * does not exist; the linker then takes this vn_poppler, not the archive's,
 * for read_pdf.c, so the library's PDF reader meets a missing poppler-glib. */
#define VN_POPPLER_SONAME "libvnplan-test-no-such-poppler.so.0"
#include "../../src/pdf_poppler.c"
#include "tap.h"
#include "testutil.h"

#include <stdlib.h>

static void refused(const char *path)
{
    size_t n = 0;
    char *b = tu_read_file(path, &n);
    if (!ok(b != NULL, "%s is there", path))
        return;
    for (int round = 0; round < 2; round++) {
        vnplan_doc *doc = NULL;
        char err[256] = "";
        vnplan_status st = vnplan_parse_bytes(b, n, "plan.pdf", NULL, &doc, err, sizeof err);
        is_long(st, VNPLAN_ERR_BINARY, round ? "a second PDF: refused the same way" : "the PDF is refused");
        ok(doc == NULL, "no document");
        ok(strstr(err, "poppler-glib") && strstr(err, "libpoppler-glib") && strstr(err, VN_POPPLER_SONAME),
           "the message names the library, the package and why it failed (%s)", err);
        vnplan_doc_free(doc);
    }
    free(b);
}

/* The rest of the library does not need poppler. */
static void text_still_read(const char *path)
{
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_parse_file(path, NULL, &doc, err, sizeof err);
    if (is_long(st, VNPLAN_OK, "a text plan is read"))
        is_str(vnplan_meta_number(doc), "141/KH-UBND", "its number");
    vnplan_doc_free(doc);
}

int main(void)
{
    char root[16];
    tu_find_root("tests/fixtures/pdf/plan.pdf", root, sizeof root);
    char pdf[256], txt[256];
    snprintf(pdf, sizeof pdf, "%stests/fixtures/pdf/plan.pdf", root);
    snprintf(txt, sizeof txt, "%scorpus/plans/ninh-binh-141-KH-UBND-1002.txt", root);
    refused(pdf);
    text_still_read(txt);
    return done();
}
