/* appendf.h — formatted output appended to a growing string, written once
 * for the library's vn_buf (common.h) and the program's batch_str
 * (src/cli/batch.h).  The two differ only in how they grow, that is in what
 * running out of memory does (the library jumps back to its entry point,
 * the program ends with a message), so each passes its own `reserve`.
 * Header-only: the program uses the library's public symbols only. */
#ifndef VN_APPENDF_H
#define VN_APPENDF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Makes room in `str` for `more` bytes and a NUL after its length. */
typedef void (*vn_reserve_fn)(void *str, size_t more);

/* Appends fmt's output (ap left unread) to the string whose bytes and
 * length are *data and *len, growing it first with reserve(str, ...). */
static inline void vn_vappendf(void *str, vn_reserve_fn reserve, char **data, size_t *len, const char *fmt,
                               va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 0)))
#endif
    ;

static inline void vn_vappendf(void *str, vn_reserve_fn reserve, char **data, size_t *len, const char *fmt,
                               va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    reserve(str, (size_t)n);
    va_copy(aq, ap);
    vsnprintf(*data + *len, (size_t)n + 1, fmt, aq);
    va_end(aq);
    *len += (size_t)n;
}

/* Defines `void fn(type *str, const char *fmt, ...)`: printf appended to
 * str, whose bytes are str->bytes and length str->len, grown by
 * grow(str, more).  Declare fn in a header with the format attribute. */
#define VN_APPENDF_DEFINE(fn, type, grow, bytes)                                                             \
    static void fn##_reserve(void *str, size_t more) { grow((type *)str, more); }                            \
    void fn(type *str, const char *fmt, ...)                                                                 \
    {                                                                                                        \
        va_list ap;                                                                                          \
        va_start(ap, fmt);                                                                                   \
        vn_vappendf(str, fn##_reserve, &str->bytes, &str->len, fmt, ap);                                     \
        va_end(ap);                                                                                          \
    }

#endif
