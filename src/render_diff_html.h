/* render_diff_html.h — what the two files of the HTML report share: the
 * writer's state and its element and text helpers (render_diff_html.c), used
 * by the documents shown side by side (render_diff_html_docs.c). */
#ifndef VN_RENDER_DIFF_HTML_H
#define VN_RENDER_DIFF_HTML_H

#include "compare.h"
#include "render.h"

#include <libxml/xmlwriter.h>

/* Nesting deeper than this is drawn flat: the page stays readable and the
 * browser's layout bounded for a hostile document. */
#define HTML_NEST_CAP 12

typedef struct hw {
    xmlTextWriterPtr w;
    FILE *f;
    vn_buf out;
    bool failed;
    int errnum;
    bool bad;
    vn_buf tmp, clean;
    size_t report; /* index of the report being written: id prefix d<k> */
} hw;

/* ---- called from the other file of the HTML report ---------------------------- */

/* render_diff_html.c */
void vn_html_open(hw *h, const char *el);
void vn_html_close(hw *h);
void vn_html_attr(hw *h, const char *name, const char *v);
void vn_html_attrf(hw *h, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void vn_html_text(hw *h, const char *s);
void vn_html_el(hw *h, const char *el, const char *cls, const char *text);
void vn_html_buf(hw *h, vn_buf *b);

/* render_diff_html_docs.c */
void vn_html_pane(hw *h, const vnplan_diff *d, bool base);

#endif
