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

static void poppler_loaded(void *api)
{
    /* The library never prints: poppler's complaints about a damaged file go
     * to GLib's log under the "Poppler" domain, silenced here, once. */
    ((vn_poppler_api *)api)
        ->g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                            ignore_log, NULL);
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
