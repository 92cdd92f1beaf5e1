/* utf8.h — decoding one code point at a time, and the few character classes
 * the line classifier needs before any heavier machinery runs. */
#ifndef VN_UTF8_H
#define VN_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

/* Decodes the code point at s[*i] (i < n) and advances *i.  Invalid or
 * truncated sequences yield U+FFFD and advance by one byte, so a caller can
 * never loop forever on bad input. */
static inline int32_t vn_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    unsigned c = u[k];
    if (c < 0x80) {
        *i = k + 1;
        return (int32_t)c;
    }
    int len;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        *i = k + 1;
        return 0xFFFD;
    }
    if (k + (size_t)len > n) {
        *i = k + 1;
        return 0xFFFD;
    }
    for (int j = 1; j < len; j++) {
        unsigned cc = u[k + (size_t)j];
        if ((cc & 0xC0) != 0x80) {
            *i = k + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (int32_t)(cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = k + 1;
        return 0xFFFD;
    }
    *i = k + (size_t)len;
    return cp;
}

/* Decodes the code point that ends just before s[*i] and moves *i back. */
static inline int32_t vn_utf8_prev(const char *s, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    if (k == 0)
        return -1;
    size_t start = k - 1;
    int back = 0;
    while (start > 0 && (u[start] & 0xC0) == 0x80 && back < 3) {
        start--;
        back++;
    }
    size_t j = start;
    int32_t cp = vn_utf8_next(s, k, &j);
    if (j != k) { /* not a clean sequence: step one byte */
        *i = k - 1;
        return 0xFFFD;
    }
    *i = start;
    return cp;
}

/* Appends the UTF-8 encoding of cp to out (which must hold 4 bytes);
 * returns the number of bytes written. */
static inline int vn_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Bytes of the dash at s[i] — '-' (1), or U+2010–U+2015 ‐ ‑ ‒ – — ― and
 * U+2212 − (3) — or 0.  The text keeps dashes as written; whoever looks for
 * a dash looks for all of them. */
static inline size_t vn_dash_len(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i < n && u[i] == '-')
        return 1;
    if (i + 2 < n && u[i] == 0xE2 &&
        ((u[i + 1] == 0x80 && u[i + 2] >= 0x90 && u[i + 2] <= 0x95) || (u[i + 1] == 0x88 && u[i + 2] == 0x92)))
        return 3;
    return 0;
}

/* Eight bytes at p are printable ASCII (0x20–0x7E): the common case that
 * byte scanners skip in one step. */
static inline bool vn_printable8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    uint64_t del = w ^ (ones * 0x7F); /* a zero byte where w has DEL */
    /* no top bit set, no byte below 0x20, no DEL */
    return ((w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high) == 0;
}

/* Character classes backed by utf8proc (utf8.c). */
bool vn_cp_is_letter(int32_t cp);
bool vn_cp_is_upper(int32_t cp);
bool vn_cp_is_lower(int32_t cp);
bool vn_cp_is_alnum(int32_t cp);
/* A combining mark (Mn, Me: a tone or a vowel's hat written after its letter). */
bool vn_cp_is_mark(int32_t cp);

/* Number of code points in s[0..n). */
size_t vn_utf8_count(const char *s, size_t n);

#endif
