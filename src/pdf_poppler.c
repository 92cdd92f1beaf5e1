/* pdf_poppler.c — opens poppler-glib on the first PDF (pdf_poppler.h says
 * why it is not linked) and fills the table of the functions read_pdf.c
 * calls.  Once per process, under pthread_once: the table is then only read,
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

static pthread_once_t poppler_once = PTHREAD_ONCE_INIT;
static vn_poppler_api poppler_api;
static const char *const poppler_names[] = {VN_POPPLER_FUNCS(VN_DL_NAME)};
_Static_assert(sizeof poppler_api == sizeof poppler_names / sizeof poppler_names[0] * sizeof(vn_dl_fn),
               "vn_poppler_api holds exactly the function pointers VN_POPPLER_FUNCS names");
static bool poppler_ok;
static char poppler_why[160]; /* why loading failed, for every later PDF */

static void ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)msg, (void)data;
}

static void poppler_load(void)
{
    if (!vn_dl_load(VN_POPPLER_SONAME, poppler_names, sizeof poppler_names / sizeof poppler_names[0],
                    &poppler_api, poppler_why, sizeof poppler_why))
        return;
    /* The library never prints: poppler's complaints about a damaged file go
     * to GLib's log under the "Poppler" domain, silenced here, once. */
    poppler_api.g_log_set_handler("Poppler",
                                  (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                                  ignore_log, NULL);
    poppler_ok = true;
}

const vn_poppler_api *vn_poppler(vn_error *err)
{
    pthread_once(&poppler_once, poppler_load);
    if (poppler_ok)
        return &poppler_api;
    vn_fail(err, VNPLAN_ERR_BINARY,
            "reading a PDF needs the poppler-glib library, which cannot be loaded (%s); "
            "on Debian: apt-get install libpoppler-glib8",
            poppler_why);
    return NULL;
}
