/* read_pdf.c — TEMPORARY placeholder: the pdf reader is being written. */
#include "source.h"

vnplan_status vn_read_pdf(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    (void)p;
    (void)n;
    (void)out;
    return vn_fail(err, VNPLAN_ERR_BINARY, "reading pdf files is not built yet");
}
