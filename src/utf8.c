/* utf8.c — character classes; ASCII answers without a table look-up. */
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

/* Vietnamese letters with diacritics live in U+00C0–U+01B0 and
 * U+1EA0–U+1EF9; most of the text is there or in ASCII, so those ranges are
 * answered without a table look-up.  In Latin Extended Additional and most
 * of Latin Extended-A, capitals and small letters alternate. */
static int vn_case_fast(int32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return 1;
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
        return -1;
    if (cp >= 0x1EA0 && cp <= 0x1EF9)
        return (cp & 1) ? -1 : 1;
    if (cp == 0x0110 || cp == 0x0102 || cp == 0x0128 || cp == 0x0168 || cp == 0x01A0 || cp == 0x01AF)
        return 1; /* Đ Ă Ĩ Ũ Ơ Ư */
    if (cp == 0x0111 || cp == 0x0103 || cp == 0x0129 || cp == 0x0169 || cp == 0x01A1 || cp == 0x01B0)
        return -1; /* đ ă ĩ ũ ơ ư */
    return 0;
}

bool vn_cp_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (vn_case_fast(cp))
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool vn_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    int f = vn_case_fast(cp);
    if (f)
        return f > 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

bool vn_cp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    int f = vn_case_fast(cp);
    if (f)
        return f < 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool vn_cp_is_alnum(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (vn_case_fast(cp))
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_ND;
}

bool vn_cp_is_mark(int32_t cp)
{
    if (cp < 0x300)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

size_t vn_utf8_count(const char *s, size_t n)
{
    /* Every byte but a continuation byte (10xxxxxx) starts a character.
     * Eight bytes at a time: a byte is a continuation byte when its top bit
     * is set and the next bit is clear. */
    const unsigned char *u = (const unsigned char *)s;
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        uint64_t c = ((w & ~(w << 1)) & 0x8080808080808080ull) >> 7;
        cont += (size_t)((c * 0x0101010101010101ull) >> 56); /* sum of the eight 0/1 bytes */
    }
    for (; i < n; i++)
        cont += (u[i] & 0xC0) == 0x80;
    return n - cont;
}
