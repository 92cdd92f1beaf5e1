/* common.h — small pieces every stage shares: spans, growable buffers, the
 * arena, and the internal error record.  Nothing here knows about plans. */
#ifndef VN_COMMON_H
#define VN_COMMON_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

#include "vnplan.h"
#include "free_all.h" /* VN_FREE_ALL */
#include "xml_errors.h"

/* A half-open byte range [start, end) into the normalized text buffer.
 * 32 bits are enough: inputs above VN_MAX_INPUT are refused at read time. */
typedef struct vn_span {
    uint32_t start, end;
} vn_span;

#define VN_MAX_INPUT ((size_t)1 << 31) /* 2 GiB: keeps every offset in uint32_t */

static inline vn_span vn_span_make(size_t a, size_t b)
{
    vn_span s = {(uint32_t)a, (uint32_t)b};
    return s;
}
static inline uint32_t vn_span_len(vn_span s) { return s.end - s.start; }

/* Error record filled by a failing stage; the CLI prints "vnplan: FILE: msg".
 * A message is said in both languages when it is made, since who reads it
 * (a log, a Vietnamese report, a JSON field) is known only later and its
 * arguments are gone by then. */
#define VN_ERROR_MAX 256
typedef struct vn_error {
    vnplan_status status;
    char msg[VN_ERROR_MAX];    /* English: the msgid's words (err buffers, JSON fields) */
    char msg_vi[VN_ERROR_MAX]; /* the same in Vietnamese */
} vn_error;

/* fmt is an English msgid of the catalog (xgettext keyword vn_fail:3):
 * formatted as it is and as its Vietnamese translation, with the same
 * arguments; a string argument that is itself a msgid (N_) is translated
 * too (i18n.c, vn_vformat). */
vnplan_status vn_fail(vn_error *err, vnplan_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* "PREFIX: INNER", INNER an error already said in both languages (a
 * grammar file's error inside the load of a folder); PREFIX a file name or
 * a msgid (N_). */
vnplan_status vn_fail_nested(vn_error *err, vnplan_status st, const char *prefix, const vn_error *inner);

/* This thread's last error given (vn_error_give). */
const vn_error *vn_last_error_record(void);

/* Copies the English message of e (or the status's own text) to
 * err[0..errlen), when err is given, and keeps e as this thread's last error
 * (vnplan_last_error); returns e's status.  How every entry point reports. */
vnplan_status vn_error_give(const vn_error *e, char *err, size_t errlen);

/* ---- growable byte buffer ---------------------------------------------- */

typedef struct vn_buf {
    char *data;
    size_t len, cap;
} vn_buf;

void vn_buf_reserve(vn_buf *b, size_t extra);
void vn_buf_put(vn_buf *b, const void *p, size_t n);
void vn_buf_putc(vn_buf *b, char c);
void vn_buf_puts(vn_buf *b, const char *s);
void vn_buf_printf(vn_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void vn_buf_clear(vn_buf *b);
void vn_buf_free(vn_buf *b);
/* NUL-terminates without counting the NUL in len. */
const char *vn_buf_cstr(vn_buf *b);

/* Does p[0..n) hold the bytes of needle (a C string) anywhere? */
bool vn_mem_contains(const void *p, size_t n, const char *needle);

/* ---- growable arrays ------------------------------------------------------
 * Arrays are plain (pointer, len, cap) triples; vn_grow makes room for `need`
 * more elements, doubling, and aborts on overflow or out-of-memory through
 * vn_oom (the library has no sensible partial result when malloc fails). */
void *vn_grow(void *ptr, size_t *cap, size_t len, size_t need, size_t elem);

/* malloc for big buffers and arrays (never NULL; free with free, may be
 * realloc'd): from 8 MB on, backed by huge pages where the system offers
 * them, since faulting in 4 KB pages is most of what writing 100 MB of fresh
 * memory costs.  vn_grow uses it for a big first allocation. */
void *vn_alloc_big(size_t size);

#define VN_PUSH(arr, len, cap) \
    (*((arr) = vn_grow((arr), &(cap), (len), 1, sizeof *(arr)), &(arr)[(len)++]))
/* VN_PUSH, the new element zeroed. */
#define VN_PUSH_ZERO(arr, len, cap)                                                                            \
    (*((arr) = vn_grow((arr), &(cap), (len), 1, sizeof *(arr)), memset(&(arr)[(len)], 0, sizeof *(arr)),    \
       &(arr)[(len)++]))
/* The number of elements of an array (an array, not a pointer to one). */
#define VN_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* ---- allocation failure ----------------------------------------------------
 * Every allocation of the library goes through vn_xmalloc and its kin; when
 * one fails they call vn_oom, which jumps back to the recovery point of the
 * public entry point running on this thread.  That entry point frees what
 * it registered (the document it was building, a buffer, a descriptor) and
 * returns VNPLAN_ERR_NOMEM.  Temporaries of the stages are not registered:
 * they stay allocated (include/vnplan.h says so).
 *
 *     vn_recover rec;
 *     vn_recover_push(&rec);
 *     if (setjmp(rec.jb))
 *         return vn_recover_nomem(&rec, out, err, errlen);  (vn_oom popped it)
 *     ... work, registering in rec what must be freed ...
 *     vn_recover_pop(&rec);
 *
 * which VN_RETURN_RECOVERING writes for an entry point that only wraps the
 * function doing its work.
 *
 * A failure also gives the thread back the libxml2 error handlers it had
 * before the first use of libxml2 under the point (a stage that replaced
 * them has no chance to; xml_errors.h).
 * With no recovery point (a caller outside the library, like the CLI),
 * vn_oom prints "out of memory" and aborts. */
typedef struct vn_recover {
    jmp_buf jb;
    struct vn_recover *prev;
    struct vnplan_doc *volatile doc; /* freed with vnplan_doc_free */
    void *volatile mem;              /* freed with free */
    volatile int fd;                 /* closed when >= 0 */
    void *volatile obj;              /* freed with drop (a diff being built) */
    void (*volatile drop)(void *obj);
    vn_xml_handlers xml;             /* the thread's libxml2 handlers, put back (if saved) */
} vn_recover;

void vn_recover_push(vn_recover *r);
void vn_recover_pop(vn_recover *r);
/* The innermost recovery point of this thread, or NULL. */
vn_recover *vn_recover_current(void);
/* Frees what r holds, fills err, sets *out to NULL; VNPLAN_ERR_NOMEM. */
vnplan_status vn_recover_nomem(vn_recover *r, void *out, char *err, size_t errlen);
/* Hands obj to the innermost recovery point, to be freed with drop when
 * memory runs out; vn_recover_own(NULL, NULL) takes it back. */
void vn_recover_own(void *obj, void (*drop)(void *obj));

/* `return call;` (an expression giving a vnplan_status), run under a
 * recovery point of its own: an allocation failure inside returns
 * VNPLAN_ERR_NOMEM through vn_recover_nomem(&rec, out, err, errlen). */
#define VN_RETURN_RECOVERING(call, out, err, errlen)                  \
    do {                                                              \
        vn_recover rec_;                                              \
        vn_recover_push(&rec_);                                       \
        if (setjmp(rec_.jb))                                          \
            return vn_recover_nomem(&rec_, (out), (err), (errlen));   \
        vnplan_status st_ = (call);                                   \
        vn_recover_pop(&rec_);                                        \
        return st_;                                                   \
    } while (0)

/* For the tests: make the n-th allocation from now (0 = the next) fail as if
 * malloc had returned NULL; -1 turns it off.  Process-wide.  Returns how
 * many allocations the previous setting had left (so a large n counts the
 * allocations of a call). */
long vn_fail_allocation(long n);

_Noreturn void vn_oom(void);
void *vn_xmalloc(size_t n);
void *vn_xcalloc(size_t n, size_t size);
void *vn_xrealloc(void *p, size_t n);
char *vn_xstrndup(const char *s, size_t n);

/* ---- arena ------------------------------------------------------------------
 * One arena per document: strings that must outlive a stage (folded keys,
 * rendered indicator phrases) are carved from it and freed in one call. */
typedef struct vn_arena_block vn_arena_block;
typedef struct vn_arena {
    vn_arena_block *head;
    size_t used, size;
} vn_arena;

void *vn_arena_alloc(vn_arena *a, size_t n);
char *vn_arena_strndup(vn_arena *a, const char *s, size_t n);

/* A set of strings copied once into an arena: equal strings interned through
 * the same set share one copy.  A document of a million targets repeats a few
 * units, classes, numbers and indicators; each is kept once.  Strings longer
 * than VN_INTERN_MAX_LEN are copied, and past VN_INTERN_MAX_SLOTS distinct
 * strings new ones are copied without being remembered, so the set itself
 * never costs more than 16 bytes a slot times the cap (1 MB).  Zero it to
 * start; the strings live as long as the arena. */
#define VN_INTERN_MAX_LEN 1024
#define VN_INTERN_MAX_SLOTS ((size_t)1 << 16)
typedef struct vn_intern_slot vn_intern_slot;
typedef struct vn_strset {
    vn_intern_slot *slots;
    size_t n, cap;
} vn_strset;
const char *vn_intern(vn_strset *in, vn_arena *arena, const char *s, size_t n);
void vn_intern_free(vn_strset *in);
void vn_arena_free(vn_arena *a);

/* ---- ASCII helpers (locale-independent) ---------------------------------- */
static inline bool vn_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool vn_is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline bool vn_is_hspace(int c) { return c == ' ' || c == '\t'; }

/* How many times c stands in s[0..n), a line of nothing else but spaces
 * and tabs; 0 when anything else is on it. */
static inline size_t vn_count_alone(const char *s, size_t n, char c)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == c)
            count++;
        else if (!vn_is_hspace(s[i]))
            return 0;
    }
    return count;
}

#endif
