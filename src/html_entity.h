/* html_entity.h — what HTML written by hand escapes: the four characters
 * that would end a text or an attribute value in double quotes, and their
 * entities.  Header-only: the library (check_render.c) and the program
 * (src/cli/report_html.c) both write HTML this way. */
#ifndef VN_HTML_ENTITY_H
#define VN_HTML_ENTITY_H

#include <stddef.h>

/* The entity that stands for c, or NULL when c stands for itself. */
static inline const char *vn_html_entity(char c)
{
    switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '"': return "&quot;";
    default: return NULL;
    }
}

#endif
