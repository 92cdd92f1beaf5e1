/* read_odt.c — TEMPORARY placeholder: the odt reader is being written. */
#include "source.h"

vnplan_status vn_read_odt(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    (void)p;
    (void)n;
    (void)out;
    return vn_fail(err, VNPLAN_ERR_BINARY, "reading odt files is not built yet");
}
