/* blocks.c — STUB (being written). */
#include "doc.h"
vn_class vn_classify_line(const char *s, size_t n, const vn_class *prev)
{
    vn_class c;
    memset(&c, 0, sizeof c);
    (void)s; (void)n; (void)prev;
    return c;
}
