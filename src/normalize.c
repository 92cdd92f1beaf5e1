/* normalize.c — STUB (being replaced): CRLF → LF only, identity map. */
#include "text.h"
#include "utf8.h"
#include <stdlib.h>
#include <utf8proc.h>

const char *vn_encoding_name(vn_encoding e)
{
    static const char *const names[] = {"utf-8", "utf-8-bom", "utf-16le", "utf-16be",
                                        "windows-1258", "tcvn3", "viscii", "vni"};
    return (unsigned)e < sizeof names / sizeof names[0] ? names[e] : "unknown";
}

vnplan_status vn_text_init(vn_text *t, unsigned char *bytes, size_t n, vn_error *err)
{
    memset(t, 0, sizeof *t);
    t->orig = bytes;
    t->orig_len = n;
    vn_decoded d;
    vnplan_status st = vn_read_decode(bytes, n, &d, err);
    if (st != VNPLAN_OK)
        return st;
    t->s = vn_xmalloc(d.len + 1);
    size_t j = 0;
    for (size_t i = 0; i < d.len; i++) {
        if (d.s[i] == '\r') {
            t->s[j++] = '\n';
            if (i + 1 < d.len && d.s[i + 1] == '\n')
                i++;
        } else
            t->s[j++] = d.s[i];
    }
    t->s[j] = '\0';
    t->len = j;
    t->enc = d.enc;
    bool blank = true;
    for (size_t i = 0; i < j; i++)
        if (!vn_is_space(t->s[i]))
            blank = false;
    vn_decoded_free(&d);
    if (blank)
        return vn_fail(err, VNPLAN_ERR_EMPTY, "empty file");
    return VNPLAN_OK;
}

void vn_text_free(vn_text *t)
{
    free(t->orig);
    free(t->s);
    free(t->runs);
    memset(t, 0, sizeof *t);
}

size_t vn_text_orig_offset(const vn_text *t, size_t off) { (void)t; return off; }

void vn_fold(const char *s, size_t n, unsigned flags, vn_buf *out, vn_u32s *map)
{
    size_t i = 0;
    while (i < n) {
        size_t a = i;
        int32_t cp = vn_utf8_next(s, n, &i);
        if (flags & VN_FOLD_CASE)
            cp = utf8proc_tolower(cp);
        char tmp[4];
        int k = vn_utf8_encode(cp, tmp);
        vn_buf_put(out, tmp, (size_t)k);
        if (map)
            for (int q = 0; q < k; q++)
                *(uint32_t *)&VN_PUSH(map->v, map->len, map->cap) = (uint32_t)a;
    }
    if (map)
        VN_PUSH(map->v, map->len, map->cap) = (uint32_t)n;
}
