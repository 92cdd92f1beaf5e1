/* read.c — STUB (being replaced): accepts UTF-8 only. */
#include "text.h"
#include <stdlib.h>

vnplan_status vn_read_decode(const unsigned char *bytes, size_t n, vn_decoded *out, vn_error *err)
{
    memset(out, 0, sizeof *out);
    size_t skip = 0;
    if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        skip = 3;
    out->s = (char *)bytes + skip;
    out->len = n - skip;
    out->skip = skip;
    out->enc = skip ? VN_ENC_UTF8_BOM : VN_ENC_UTF8;
    (void)err;
    return VNPLAN_OK;
}

void vn_decoded_free(vn_decoded *d)
{
    if (d->owned)
        free(d->s);
    free(d->runs);
}
