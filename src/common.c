/* common.c — buffers, arrays, the arena, error records. */
#define _DEFAULT_SOURCE /* madvise, where the system has it */
#include "common.h"
#include "appendf.h"
#include "grammar.h" /* vn_library_init */
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- allocation failure (common.h) ---------------------------------------- */

static _Thread_local vn_recover *recover_top;

void vn_recover_push(vn_recover *r)
{
    vn_library_init();
    /* libxml2's handlers are saved here by the first vn_xml_handlers_push
     * under this point, if any: most entry points never touch libxml2,
     * which may not even be loaded (xml_dl.h) */
    r->xml.saved = false;
    r->prev = recover_top;
    r->doc = NULL;
    r->mem = NULL;
    r->fd = -1;
    r->obj = NULL;
    r->drop = NULL;
    recover_top = r;
}

void vn_recover_pop(vn_recover *r) { recover_top = r->prev; }

vn_recover *vn_recover_current(void) { return recover_top; }

void vn_recover_own(void *obj, void (*drop)(void *obj))
{
    if (recover_top) {
        recover_top->obj = obj;
        recover_top->drop = drop;
    }
}

vnplan_status vn_recover_nomem(vn_recover *r, void *out, char *err, size_t errlen)
{
    vnplan_doc_free(r->doc);
    free(r->mem);
    if (r->fd >= 0)
        close(r->fd);
    if (r->drop && r->obj)
        r->drop(r->obj);
    r->obj = NULL;
    r->drop = NULL;
    r->doc = NULL;
    r->mem = NULL;
    r->fd = -1;
    if (out)
        *(void **)out = NULL;
    vn_error e;
    vn_fail(&e, VNPLAN_ERR_NOMEM, "out of memory");
    return vn_error_give(&e, err, errlen);
}

_Noreturn void vn_oom(void)
{
    vn_recover *r = recover_top;
    if (r) {
        recover_top = r->prev;
        vn_xml_handlers_pop(&r->xml);
        longjmp(r->jb, 1);
    }
    fputs("vnplan: out of memory\n", stderr);
    abort();
}

/* Off (-1) unless a test arms it; relaxed: only the countdown matters. */
static _Atomic long fail_countdown = -1;

long vn_fail_allocation(long n) { return atomic_exchange_explicit(&fail_countdown, n, memory_order_relaxed); }

static bool injected_failure(void)
{
    return atomic_load_explicit(&fail_countdown, memory_order_relaxed) >= 0 &&
           atomic_fetch_sub_explicit(&fail_countdown, 1, memory_order_relaxed) == 0;
}

void *vn_xmalloc(size_t n)
{
    void *p = injected_failure() ? NULL : malloc(n ? n : 1);
    if (!p)
        vn_oom();
    return p;
}

void *vn_xcalloc(size_t n, size_t size)
{
    void *p = injected_failure() ? NULL : calloc(n ? n : 1, size ? size : 1);
    if (!p)
        vn_oom();
    return p;
}

void *vn_xrealloc(void *p, size_t n)
{
    void *q = injected_failure() ? NULL : realloc(p, n ? n : 1);
    if (!q)
        vn_oom();
    return q;
}

char *vn_xstrndup(const char *s, size_t n)
{
    char *p = vn_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

vnplan_status vn_fail(vn_error *err, vnplan_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vn_vformat2(fmt, ap, err->msg, err->msg_vi, sizeof err->msg);
        va_end(ap);
        err->status = st;
    }
    return st;
}

/* "a: b" in dst[VN_ERROR_MAX], cut where it does not fit. */
static void join_colon(char *dst, const char *a, const char *b)
{
    size_t n = 0;
    for (const char *parts[3] = {a, ": ", b}, **p = parts; p < parts + 3; p++)
        for (const char *c = *p; *c && n + 1 < VN_ERROR_MAX; c++)
            dst[n++] = *c;
    dst[n] = '\0';
}

vnplan_status vn_fail_nested(vn_error *err, vnplan_status st, const char *prefix, const vn_error *inner)
{
    if (err) {
        char en[VN_ERROR_MAX], vi[VN_ERROR_MAX]; /* inner may be err itself */
        join_colon(en, prefix, inner->msg);
        join_colon(vi, vn_tr(VN_LANG_VI, prefix), inner->msg_vi[0] ? inner->msg_vi : inner->msg);
        memcpy(err->msg, en, sizeof en);
        memcpy(err->msg_vi, vi, sizeof vi);
        err->status = st;
    }
    return st;
}

/* The last error an entry point gave on this thread, in both languages:
 * errno's way, so that the err buffers of the API stay as they are. */
static _Thread_local vn_error last_error;

vnplan_status vn_error_give(const vn_error *e, char *err, size_t errlen)
{
    if (e->status == VNPLAN_OK) {
        if (err && errlen)
            snprintf(err, errlen, "%s", vnplan_strerror(e->status));
        return e->status;
    }
    if (e != &last_error) {
        last_error.status = e->status;
        if (e->msg[0]) {
            memcpy(last_error.msg, e->msg, sizeof last_error.msg);
            memcpy(last_error.msg_vi, e->msg_vi[0] ? e->msg_vi : e->msg, sizeof last_error.msg_vi);
        } else {
            snprintf(last_error.msg, sizeof last_error.msg, "%s", vnplan_strerror(e->status));
            snprintf(last_error.msg_vi, sizeof last_error.msg_vi, "%s",
                     vn_tr(VN_LANG_VI, vnplan_strerror(e->status)));
        }
    }
    if (err && errlen)
        snprintf(err, errlen, "%s", last_error.msg);
    return e->status;
}

const vn_error *vn_last_error_record(void) { return &last_error; }

const char *vnplan_last_error(vnplan_lang lang)
{
    if (!last_error.msg[0])
        return "";
    return lang == VNPLAN_LANG_EN ? last_error.msg : last_error.msg_vi;
}

#define HUGE_PAGE ((size_t)2 << 20)

void *vn_alloc_big(size_t size)
{
#ifdef MADV_HUGEPAGE
    if (size >= 4 * HUGE_PAGE) {
        /* C11's aligned_alloc, not posix_memalign: the buffer may be realloc'd */
        size_t rounded = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        void *p = aligned_alloc(HUGE_PAGE, rounded);
        if (p) {
            madvise(p, rounded, MADV_HUGEPAGE);
            return p;
        }
    }
#endif
    return vn_xmalloc(size);
}

void *vn_grow(void *ptr, size_t *cap, size_t len, size_t need, size_t elem)
{
    if (len + need <= *cap)
        return ptr;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < len + need) {
        if (ncap > SIZE_MAX / 2)
            vn_oom();
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        vn_oom();
    ptr = ptr ? vn_xrealloc(ptr, ncap * elem) : vn_alloc_big(ncap * elem);
    *cap = ncap;
    return ptr;
}

void vn_buf_reserve(vn_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap)
        b->data = vn_grow(b->data, &b->cap, b->len, extra + 1, 1);
}

void vn_buf_put(vn_buf *b, const void *p, size_t n)
{
    vn_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
}

void vn_buf_putc(vn_buf *b, char c)
{
    vn_buf_reserve(b, 1);
    b->data[b->len++] = c;
}

void vn_buf_puts(vn_buf *b, const char *s) { vn_buf_put(b, s, strlen(s)); }

VN_APPENDF_DEFINE(vn_buf_printf, vn_buf, vn_buf_reserve, data)

void vn_buf_clear(vn_buf *b) { b->len = 0; }

void vn_buf_free(vn_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *vn_buf_cstr(vn_buf *b)
{
    vn_buf_reserve(b, 0);
    b->data[b->len] = '\0';
    return b->data;
}

/* ---- arena ---------------------------------------------------------------- */

struct vn_arena_block {
    vn_arena_block *next;
    max_align_t align_[]; /* payload follows, suitably aligned */
};

#define VN_ARENA_BLOCK (64 * 1024)

/* Makes room for n bytes in the current block, or starts a new one. */
static void arena_room(vn_arena *a, size_t n)
{
    if (a->head && a->used + n <= a->size)
        return;
    size_t size = n > VN_ARENA_BLOCK ? n : VN_ARENA_BLOCK;
    vn_arena_block *blk = vn_xmalloc(sizeof *blk + size);
    blk->next = a->head;
    a->head = blk;
    a->used = 0;
    a->size = size;
}

void *vn_arena_alloc(vn_arena *a, size_t n)
{
    const size_t al = _Alignof(max_align_t);
    /* strings are packed without alignment (vn_arena_strndup): align here */
    a->used = (a->used + al - 1) & ~(al - 1);
    if (a->used > a->size)
        a->used = a->size;
    arena_room(a, n);
    void *p = (char *)a->head->align_ + a->used;
    a->used += n;
    return p;
}

/* Strings need no alignment: packed byte to byte, a target's short strings
 * ("50", "%", "pct", "t123") cost their length, not 16 bytes each. */
char *vn_arena_strndup(vn_arena *a, const char *s, size_t n)
{
    arena_room(a, n + 1);
    char *p = (char *)a->head->align_ + a->used;
    a->used += n + 1;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- interned strings ------------------------------------------------------ */

typedef struct vn_intern_slot {
    const char *s;
    uint32_t len, hash;
} vn_intern_slot;

static uint32_t intern_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void intern_put(vn_intern_slot *slots, size_t cap, vn_intern_slot e)
{
    size_t i = e.hash & (cap - 1);
    while (slots[i].s)
        i = (i + 1) & (cap - 1);
    slots[i] = e;
}

const char *vn_intern(vn_strset *in, vn_arena *arena, const char *s, size_t n)
{
    if (n > VN_INTERN_MAX_LEN)
        return vn_arena_strndup(arena, s, n);
    uint32_t h = intern_hash(s, n);
    if (in->cap) {
        for (size_t i = h & (in->cap - 1); in->slots[i].s; i = (i + 1) & (in->cap - 1)) {
            const vn_intern_slot *e = &in->slots[i];
            if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0)
                return e->s;
        }
    }
    const char *copy = vn_arena_strndup(arena, s, n);
    if (2 * (in->n + 1) > in->cap) {
        /* a full table stops growing: the strings are then copied as they
         * come, and the table's own memory stays bounded */
        if (in->cap >= VN_INTERN_MAX_SLOTS)
            return copy;
        size_t ncap = in->cap ? 2 * in->cap : 256;
        vn_intern_slot *slots = vn_xcalloc(ncap, sizeof *slots);
        for (size_t i = 0; i < in->cap; i++)
            if (in->slots[i].s)
                intern_put(slots, ncap, in->slots[i]);
        free(in->slots);
        in->slots = slots;
        in->cap = ncap;
    }
    intern_put(in->slots, in->cap, (vn_intern_slot){copy, (uint32_t)n, h});
    in->n++;
    return copy;
}

void vn_intern_free(vn_strset *in)
{
    free(in->slots);
    in->slots = NULL;
    in->n = in->cap = 0;
}

void vn_arena_free(vn_arena *a)
{
    vn_arena_block *b = a->head;
    while (b) {
        vn_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = a->size = 0;
}

bool vn_mem_contains(const void *p, size_t n, const char *needle)
{
    const unsigned char *u = p;
    size_t len = strlen(needle);
    for (size_t i = 0; i + len <= n; i++)
        if (u[i] == (unsigned char)needle[0] && memcmp(u + i, needle, len) == 0)
            return true;
    return false;
}
