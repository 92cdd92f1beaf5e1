/* read_html.h — the HTML walker, shared with the Markdown reader (a Markdown
 * file may hold raw HTML blocks: pandoc writes a table whose cells hold
 * several paragraphs as an HTML <table>). */
#ifndef VN_READ_HTML_H
#define VN_READ_HTML_H

#include "markup.h"

/* Reads a UTF-8 HTML fragment into the builder, after what it holds. */
vnplan_status vn_html_fragment(vn_markup *m, const char *p, size_t n, vn_error *err);

#endif
