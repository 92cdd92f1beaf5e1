/* render_diff_html.h — what the files of the HTML report share: the
 * writer's state and its element and text helpers (render_diff_html_writer.c),
 * used by the report (render_diff_html.c), the documents shown side by side
 * (render_diff_html_docs.c) and the summary across plans
 * (render_diff_html_summary.c). */
#ifndef VN_RENDER_DIFF_HTML_H
#define VN_RENDER_DIFF_HTML_H

#include "compare.h"
#include "render.h"
#include "i18n.h"

/* Nesting deeper than this is drawn flat: the page stays readable and the
 * browser's layout bounded for a hostile document. */
#define HTML_NEST_CAP 12

/* Elements open at once, at most: the page's frame and HTML_NEST_CAP
 * levels of a document leave room to spare. */
#define HTML_STACK_MAX 64

typedef struct hw {
    FILE *f;
    vn_buf out; /* written to f in chunks of VN_SINK_CHUNK */
    bool failed;
    int errnum;
    bool bad;
    const char *stack[HTML_STACK_MAX]; /* the open elements' names (string literals) */
    size_t depth;
    bool in_tag; /* the last start tag is open: attributes may follow */
    vn_buf tmp;
    size_t report; /* index of the report being written: id prefix d<k> */
    vn_lang lang;  /* the language of every word the page adds to the documents' */
    char base_href[32]; /* VNPLAN_RENDER_SHARED_BASE: the page of the baseline's text, else "" */
    bool alone;         /* that page itself: no findings to colour or link back to */
} hw;

/* href to an anchor of a document's pane: "#d0-b-3" (side 'b', kind "",
 * n 3; "#d0-pn-7": side 'p', kind "n"), or, the baseline's text being on a
 * page of its own, "base-….html#d0-b-3". */
void vn_html_doc_href(hw *h, char side, const char *kind, long n);
/* name="[page#]d<report>-<kind>-<n>" (page NULL: an id; kind NULL: "d<report>") */
void vn_html_anchor(hw *h, const char *name, const char *page, size_t report, const char *kind, long n);

/* msgid in the page's language. */
static inline const char *HT(const hw *h, const char *msgid) { return vn_tr(h->lang, msgid); }

/* ---- called from the other file of the HTML report ---------------------------- */

/* render_diff_html_writer.c; el is a string literal (the writer keeps the pointer) */
void vn_html_open(hw *h, const char *el);
void vn_html_close(hw *h);
void vn_html_attr(hw *h, const char *name, const char *v);
void vn_html_text(hw *h, const char *s);
void vn_html_el(hw *h, const char *el, const char *cls, const char *text);
void vn_html_buf(hw *h, vn_buf *b);
void vn_html_text_n(hw *h, const char *s, size_t n);
/* markup written as it is (the DOCTYPE, the style, the script) */
void vn_html_raw(hw *h, const char *s);
/* an element of the page's head with no content: one or two attributes (a2 NULL: one) */
void vn_html_head_el(hw *h, const char *el, const char *a1, const char *v1, const char *a2, const char *v2);
/* what is buffered, to the file */
void vn_html_flush(hw *h);

void vn_html_badge(hw *h, const char *st, const char *title);
const char *vn_html_gloss(const hw *h, const char *st);

/* render_diff_html_docs.c */
void vn_html_pane(hw *h, const vnplan_diff *d, bool base);
/* In place of the baseline's pane when it has a page of its own. */
void vn_html_base_stub(hw *h, const vnplan_diff *d);

/* render_diff_html_summary.c: the table of contents, the summary across
 * plans and the files that could not be compared */
void vn_html_toc(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed);
void vn_html_matrix(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed);
void vn_html_failed(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed);

#endif
