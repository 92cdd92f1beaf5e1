/* read_html.c — TEMPORARY placeholder: the html reader is being written. */
#include "source.h"

vnplan_status vn_read_html(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    (void)p;
    (void)n;
    (void)out;
    return vn_fail(err, VNPLAN_ERR_BINARY, "reading html files is not built yet");
}
