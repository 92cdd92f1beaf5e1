/* read_docx.c — TEMPORARY placeholder: the docx reader is being written. */
#include "source.h"

vnplan_status vn_read_docx(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    (void)p;
    (void)n;
    (void)out;
    return vn_fail(err, VNPLAN_ERR_BINARY, "reading docx files is not built yet");
}
