/* pdf_poppler.c — opens poppler-glib on the first PDF (pdf_poppler.h says
 * why it is not linked) and fills the table of the functions read_pdf.c
 * calls.  Once per process, under vn_dl_use's lock: the table is then only read,
 * from any thread.  The library stays loaded until the process ends (its
 * GLib types cannot be unloaded).
 *
 * The soname is the one of the poppler-glib the build compiled against (the
 * Makefile reads it from the library pkg-config names and passes it as
 * VN_POPPLER_SONAME), so that the header checked at build time and the
 * library loaded at run time are the same major version. */
#include "pdf_poppler.h"

#include <pthread.h>

#ifndef VN_POPPLER_SONAME
#define VN_POPPLER_SONAME "libpoppler-glib.so.8"
#endif

static void ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)msg, (void)data;
}

/* A PDF of one empty page, read once when poppler is loaded (see below). */
static const char one_empty_page[] = "%PDF-1.4\n"
                                     "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                                     "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                                     "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>\nendobj\n"
                                     "4 0 obj\n<< /Length 0 >>\nstream\n\nendstream\nendobj\n"
                                     "xref\n0 5\n"
                                     "0000000000 65535 f \n"
                                     "0000000009 00000 n \n"
                                     "0000000058 00000 n \n"
                                     "0000000115 00000 n \n"
                                     "0000000200 00000 n \n"
                                     "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n249\n%%EOF\n";

static void poppler_loaded(void *api)
{
    const vn_poppler_api *P = api;
    /* The library never prints: poppler's complaints about a damaged file go
     * to GLib's log under the "Poppler" domain, silenced here, once. */
    P->g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                         ignore_log, NULL);
    /* Poppler makes its shared sRGB colour profile (a static std::shared_ptr
     * in GfxState.cc) at the first page it draws, without a lock: two
     * threads drawing their first pages at once both made it and one freed
     * the other's (ThreadSanitizer saw it in `vnplan batch -j2`; read_pdf.c
     * also reads a PDF's pages on two threads).  One empty page read here,
     * under vn_dl_use's lock, makes it before any thread reads a PDF; later
     * pages only copy it. */
    GBytes *bytes = P->g_bytes_new_static(one_empty_page, sizeof one_empty_page - 1);
    PopplerDocument *doc = P->poppler_document_new_from_bytes(bytes, NULL, NULL);
    PopplerPage *pg = doc ? P->poppler_document_get_page(doc, 0) : NULL;
    if (pg) {
        P->g_free(P->poppler_page_get_text(pg));
        P->g_object_unref(pg);
    }
    if (doc)
        P->g_object_unref(doc);
    P->g_bytes_unref(bytes);
}

/* why loading failed is kept for every later PDF */
VN_DL_DEFINE(vn_poppler_api, poppler_api, VN_POPPLER_FUNCS, poppler_lib, VN_POPPLER_SONAME, poppler_loaded);

const vn_poppler_api *vn_poppler(vn_error *err)
{
    if (vn_dl_use(&poppler_lib))
        return &poppler_api;
    vn_fail(err, VNPLAN_ERR_BINARY,
            "reading a PDF needs the poppler-glib library, which cannot be loaded (%s); "
            "on Debian: apt-get install libpoppler-glib8",
            poppler_lib.why);
    return NULL;
}
