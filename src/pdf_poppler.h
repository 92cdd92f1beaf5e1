/* pdf_poppler.h — poppler-glib, loaded when the first PDF is read.
 *
 * poppler-glib brings some fifty shared libraries with it (poppler, cairo,
 * GLib, NSS, fontconfig ...): linked to the program, the dynamic loader
 * spent about 7 ms on them at every start, a PDF read or not — more than
 * parsing and comparing a 20 KB plan.  So the library is not linked: the
 * first PDF opens it (dl.h) and finds the few functions read_pdf.c calls.
 * The table's pointer types are those of the declarations of <poppler.h>,
 * which this header includes, so a poppler whose API differs from what the
 * code expects is a compile error, as it was when linking. */
#ifndef VN_PDF_POPPLER_H
#define VN_PDF_POPPLER_H

#include "common.h"
#include "dl.h"

#include <poppler.h>

#define VN_POPPLER_FUNCS(X)                                                                                  \
    X(poppler_document_new_from_bytes)                                                                       \
    X(poppler_document_get_n_pages)                                                                          \
    X(poppler_document_get_page)                                                                             \
    X(poppler_page_get_text)                                                                                 \
    X(poppler_page_get_size)                                                                                 \
    X(poppler_page_get_text_for_area)                                                                        \
    X(poppler_page_get_text_layout_for_area)                                                                 \
    X(poppler_page_get_text_attributes_for_area)                                                             \
    X(poppler_page_free_text_attributes)                                                                     \
    X(poppler_error_quark)                                                                                   \
    X(g_bytes_new_static)                                                                                    \
    X(g_bytes_unref)                                                                                         \
    X(g_error_free)                                                                                          \
    X(g_free)                                                                                                \
    X(g_object_unref)                                                                                        \
    X(g_log_set_handler)

typedef struct vn_poppler_api {
    VN_POPPLER_FUNCS(VN_DL_FIELD)
} vn_poppler_api;

/* The table, loaded once per process (any thread); NULL when poppler-glib
 * cannot be loaded, after a message in err (VNPLAN_ERR_BINARY: the PDF
 * cannot be read on this system) that names the library and how to install
 * it. */
const vn_poppler_api *vn_poppler(vn_error *err);

#endif
