/* xml_dl.c — libxml2's table, filled on first use (xml_dl.h says why). */
#include "common.h"
#include "xml_dl.h"

#include <stdatomic.h>

/* The soname of the libxml2 the build compiled against (Makefile,
 * XML_SONAME): the same major version as the headers. */
#ifndef VN_XML_SONAME
#define VN_XML_SONAME "libxml2.so.2"
#endif

vn_xml_api vn_libxml;
static const char *const xml_names[] = {VN_XML_FUNCS(VN_DL_NAME)};
VN_DL_CHECK(vn_libxml, xml_names);

/* libxml2 2.9 initialises itself lazily without a lock: done here, once,
 * under vn_dl_use's lock, before any thread parses XML. */
static void xml_loaded(void *api)
{
    (void)api;
    xmlInitParser();
}

static vn_dl_lib xml_lib = VN_DL_LIB_LAZY(VN_XML_SONAME, vn_libxml, xml_names, xml_loaded);
/* set once the table is ready: later calls skip vn_dl_use's lock */
static atomic_bool xml_ready;

bool vn_xml_use(vn_error *err)
{
    if (atomic_load_explicit(&xml_ready, memory_order_acquire))
        return true;
    bool nomem;
    if (vn_dl_use_why(&xml_lib, &nomem)) {
        atomic_store_explicit(&xml_ready, true, memory_order_release);
        return true;
    }
    if (nomem)
        vn_oom(); /* libxml2 and ICU could not be mapped: out of memory, as it is */
    if (err)
        vn_fail(err, VNPLAN_ERR_IO,
                "reading or writing XML, HTML, Markdown, DOCX or ODT needs the libxml2 library, which cannot be "
                "loaded (%s); on Debian: apt-get install libxml2",
                xml_lib.why);
    return false;
}
