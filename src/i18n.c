/* i18n.c — message look-up in the embedded catalogs (see i18n.h).
 *
 * A GNU .mo file: a header (magic 0x950412de in the file's byte order,
 * revision, N, the offsets of the tables of original and translated
 * strings), then the two tables of (length, offset) pairs, the originals
 * sorted by strcmp.  Entries with plural forms have "singular\0plural" as
 * their original and the forms, NUL-separated, as their translation. */
#include "i18n.h"
#include "grammar.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

typedef struct mo_view {
    const unsigned char *p;
    size_t len;
    bool swapped;
    uint32_t n, orig_tab, trans_tab;
} mo_view;

static uint32_t mo_u32(const mo_view *m, size_t off)
{
    const unsigned char *q = m->p + off;
    uint32_t v = (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
    if (m->swapped)
        v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
    return v;
}

/* Reads the header; false for anything that is not a well-formed catalog
 * (the embedded one is made by msgfmt at build time, but a damaged build
 * must give English, never a read out of bounds). */
static bool mo_open(const unsigned char *p, size_t len, mo_view *m)
{
    memset(m, 0, sizeof *m);
    if (!p || len < 28)
        return false;
    m->p = p;
    m->len = len;
    uint32_t magic = mo_u32(m, 0);
    if (magic == MO_MAGIC_SWAPPED)
        m->swapped = true;
    else if (magic != MO_MAGIC)
        return false;
    m->n = mo_u32(m, 8);
    m->orig_tab = mo_u32(m, 12);
    m->trans_tab = mo_u32(m, 16);
    return (uint64_t)m->orig_tab + (uint64_t)m->n * 8 <= len && (uint64_t)m->trans_tab + (uint64_t)m->n * 8 <= len;
}

/* String i of a table, or NULL when its bounds are wrong. */
static const char *mo_string(const mo_view *m, uint32_t tab, uint32_t i, uint32_t *slen)
{
    uint32_t l = mo_u32(m, (size_t)tab + (size_t)i * 8), off = mo_u32(m, (size_t)tab + (size_t)i * 8 + 4);
    if ((uint64_t)off + l >= m->len || m->p[off + l] != '\0')
        return NULL;
    *slen = l;
    return (const char *)m->p + off;
}

/* The translation of msgid, or NULL; *orig: the catalog's copy of msgid. */
static const char *mo_find(const mo_view *m, const char *msgid, const char **orig)
{
    uint32_t lo = 0, hi = m->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, l;
        const char *o = mo_string(m, m->orig_tab, mid, &l);
        if (!o)
            return NULL;
        int c = strcmp(msgid, o); /* a plural entry compares by its singular */
        if (c == 0) {
            *orig = o;
            const char *t = mo_string(m, m->trans_tab, mid, &l);
            return t && l ? t : NULL;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static const vn_embedded *catalog(vn_lang lang)
{
    if (lang != VN_LANG_VI)
        return NULL;
    for (size_t i = 0; i < vn_embedded_catalogs_count; i++)
        if (vn_embedded_catalogs[i].name && !strcmp(vn_embedded_catalogs[i].name, "vi.mo"))
            return &vn_embedded_catalogs[i];
    return NULL;
}

/* The translations found last, per thread, by where the msgid lies: the
 * reports ask for the same few dozen words thousands of times (a badge, a
 * column's name), and the search costs a dozen strcmp each.  A hit is
 * taken only when the msgid still reads as the original it was found for
 * (a caller's buffer may hold another word at the same address later). */
#define TR_CACHE_SLOTS 256
typedef struct tr_slot {
    const unsigned char *catalog;
    const char *msgid, *orig, *trans;
} tr_slot;
static _Thread_local tr_slot tr_cache[TR_CACHE_SLOTS];

static const char *mo_find_cached(const mo_view *m, const char *msgid)
{
    tr_slot *slot = &tr_cache[((uintptr_t)msgid >> 3 ^ (uintptr_t)msgid >> 11) % TR_CACHE_SLOTS];
    if (slot->msgid == msgid && slot->catalog == m->p && strcmp(msgid, slot->orig) == 0)
        return slot->trans;
    const char *orig = NULL, *t = mo_find(m, msgid, &orig);
    if (t)
        *slot = (tr_slot){m->p, msgid, orig, t};
    return t;
}

const char *vn_tr(vn_lang lang, const char *msgid)
{
    const vn_embedded *c = catalog(lang);
    mo_view m;
    if (!c || !mo_open(c->data, c->len, &m))
        return msgid;
    const char *t = mo_find_cached(&m, msgid);
    return t ? t : msgid;
}

const char *vn_trn(vn_lang lang, const char *singular, const char *plural, unsigned long n)
{
    const vn_embedded *c = catalog(lang);
    mo_view m;
    if (!c || !mo_open(c->data, c->len, &m))
        return n == 1 ? singular : plural;
    const char *orig;
    const char *t = mo_find(&m, singular, &orig);
    return t ? t : (n == 1 ? singular : plural); /* Vietnamese: one form, the first */
}

const char *vnplan_translate(vnplan_lang lang, const char *msgid)
{
    return vn_tr(lang == VNPLAN_LANG_EN ? VN_LANG_EN : VN_LANG_VI, msgid);
}

/* ---- messages with arguments (vn_fail, vnplan_vformat) ---------------------
 * The arguments of a message are read once, by the conversions of the
 * English msgid, then written by the conversions of the msgid or of its
 * translation: msgfmt --check-format has made sure both have the same ones,
 * and a translation whose conversions differ after all is not used. */

#define FMT_MAX_ARGS 16

typedef enum { ARG_INT, ARG_LONG, ARG_LLONG, ARG_SIZE, ARG_UINT, ARG_ULONG, ARG_ULLONG, ARG_DOUBLE, ARG_STR, ARG_PTR } arg_kind;

typedef struct fmt_arg {
    arg_kind kind;
    union {
        long long i;
        unsigned long long u;
        size_t z;
        double d;
        const char *s;
        const void *p;
    } v;
} fmt_arg;

/* One conversion of a format: its text [start, end), its arguments' kinds
 * (a '*' width or precision is an int before the value). */
typedef struct fmt_conv {
    const char *start, *end;
    int nstar;
    bool has_value, precision;
    arg_kind kind;
} fmt_conv;

/* The conversion that starts at p (a '%'); false for one this module does
 * not know (the format is then written as it is). */
static bool next_conv(const char *p, fmt_conv *c)
{
    memset(c, 0, sizeof *c);
    c->start = p++;
    while (*p && strchr("-+ #0", *p))
        p++;
    if (*p == '*')
        c->nstar++, p++;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        c->precision = true;
        p++;
        if (*p == '*')
            c->nstar++, p++;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    int l = 0, z = 0;
    while (*p == 'l' || *p == 'z' || *p == 'h') {
        l += *p == 'l';
        z += *p == 'z';
        p++;
    }
    char k = *p;
    if (!k)
        return false;
    c->end = p + 1;
    c->has_value = true;
    switch (k) {
    case '%': c->has_value = false; return c->nstar == 0;
    case 'd': case 'i': case 'c':
        c->kind = z ? ARG_SIZE : l >= 2 ? ARG_LLONG : l ? ARG_LONG : ARG_INT;
        return true;
    case 'u': case 'x': case 'X': case 'o':
        c->kind = z ? ARG_SIZE : l >= 2 ? ARG_ULLONG : l ? ARG_ULONG : ARG_UINT;
        return true;
    case 'f': case 'g': case 'e': case 'G': case 'E': c->kind = ARG_DOUBLE; return true;
    case 's': c->kind = ARG_STR; return !l;
    case 'p': c->kind = ARG_PTR; return true;
    default: return false;
    }
}

/* The conversions of fmt; -1 when one is unknown or there are too many. */
static int fmt_convs(const char *fmt, fmt_conv *convs, int max)
{
    int n = 0;
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
        if (n == max || !next_conv(p, &convs[n]))
            return -1;
        p = convs[n].end;
        if (convs[n].has_value || convs[n].nstar)
            n++;
    }
    return n;
}

static void append(char *buf, size_t len, size_t *at, const char *s, size_t n)
{
    if (*at + 1 >= len)
        return;
    size_t room = len - 1 - *at;
    if (n > room)
        n = room;
    memcpy(buf + *at, s, n);
    *at += n;
    buf[*at] = '\0';
}

/* A string argument in lang: a msgid's translation, or, for the English
 * message of this thread's last error (an err buffer passed on), that
 * error's own words in lang. */
static const char *tr_arg(vn_lang lang, const char *s)
{
    const vn_error *last = vn_last_error_record();
    if (lang == VN_LANG_VI && last->msg[0] && last->msg_vi[0] && strcmp(s, last->msg) == 0)
        return last->msg_vi;
    return vn_tr(lang, s);
}

/* Writes fmt with the arguments read; string arguments translated in lang. */
static void render(vn_lang lang, const char *fmt, const fmt_conv *convs, int nconv, const fmt_arg *args, char *buf,
                   size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    const char *p = fmt;
    int ai = 0;
    for (int ci = 0; ci <= nconv; ci++) {
        /* the literal text up to the next value conversion, "%%" included */
        const char *q = p;
        fmt_conv c;
        for (;;) {
            q = strchr(q, '%');
            if (!q || !next_conv(q, &c) || c.has_value || c.nstar)
                break;
            q = c.end;
        }
        if (!q || ci == nconv) {
            /* the tail, its "%%" written as "%" */
            for (const char *t = p; *t; t++) {
                append(buf, len, &at, t, 1);
                if (t[0] == '%' && t[1] == '%')
                    t++;
            }
            return;
        }
        for (const char *t = p; t < q; t++) {
            append(buf, len, &at, t, 1);
            if (t[0] == '%' && t[1] == '%')
                t++;
        }
        char spec[32], piece[VN_FORMAT_PIECE];
        size_t sl = (size_t)(c.end - c.start);
        if (sl >= sizeof spec)
            return;
        memcpy(spec, c.start, sl);
        spec[sl] = '\0';
        int star[2] = {0, 0};
        for (int k = 0; k < convs[ci].nstar; k++)
            star[k] = (int)args[ai++].v.i;
        const fmt_arg *a = &args[ai++];
        int n = 0;
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
#define PUT(val)                                                                             \
    (c.nstar == 2   ? snprintf(piece, sizeof piece, spec, star[0], star[1], val)             \
     : c.nstar == 1 ? snprintf(piece, sizeof piece, spec, star[0], val)                      \
                    : snprintf(piece, sizeof piece, spec, val))
        switch (a->kind) {
        case ARG_INT: n = PUT((int)a->v.i); break;
        case ARG_LONG: n = PUT((long)a->v.i); break;
        case ARG_LLONG: n = PUT(a->v.i); break;
        case ARG_SIZE: n = PUT(a->v.z); break;
        case ARG_UINT: n = PUT((unsigned)a->v.u); break;
        case ARG_ULONG: n = PUT((unsigned long)a->v.u); break;
        case ARG_ULLONG: n = PUT(a->v.u); break;
        case ARG_DOUBLE: n = PUT(a->v.d); break;
        case ARG_PTR: n = PUT(a->v.p); break;
        case ARG_STR: {
            const char *s = a->v.s ? a->v.s : "(null)";
            /* a whole string may be a msgid (a reason from a table); a
             * piece of one (%.*s) is the document's own text */
            if (!c.precision)
                s = tr_arg(lang, s);
            n = PUT(s);
            break;
        }
        }
#undef PUT
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
        if (n > 0)
            append(buf, len, &at, piece, (size_t)n < sizeof piece ? (size_t)n : sizeof piece - 1);
        p = c.end;
    }
}

/* The same conversions, in the same order, with the same kinds. */
static bool same_convs(const fmt_conv *a, int na, const fmt_conv *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++)
        if (a[i].nstar != b[i].nstar || a[i].kind != b[i].kind || a[i].has_value != b[i].has_value)
            return false;
    return true;
}

/* Reads the arguments of fmt's conversions; -1 when fmt has one this module
 * does not know. */
static int read_args(const char *fmt, va_list ap, fmt_conv *convs, fmt_arg *args)
{
    int nconv = fmt_convs(fmt, convs, FMT_MAX_ARGS);
    if (nconv < 0)
        return -1;
    int na = 0;
    for (int i = 0; i < nconv; i++) {
        if (na + convs[i].nstar + 1 > FMT_MAX_ARGS * 2)
            return -1;
        for (int k = 0; k < convs[i].nstar; k++) {
            args[na].kind = ARG_INT;
            args[na++].v.i = va_arg(ap, int);
        }
        fmt_arg *a = &args[na++];
        a->kind = convs[i].kind;
        switch (a->kind) {
        case ARG_INT: a->v.i = va_arg(ap, int); break;
        case ARG_LONG: a->v.i = va_arg(ap, long); break;
        case ARG_LLONG: a->v.i = va_arg(ap, long long); break;
        case ARG_SIZE: a->v.z = va_arg(ap, size_t); break;
        case ARG_UINT: a->v.u = va_arg(ap, unsigned); break;
        case ARG_ULONG: a->v.u = va_arg(ap, unsigned long); break;
        case ARG_ULLONG: a->v.u = va_arg(ap, unsigned long long); break;
        case ARG_DOUBLE: a->v.d = va_arg(ap, double); break;
        case ARG_STR: a->v.s = va_arg(ap, const char *); break;
        case ARG_PTR: a->v.p = va_arg(ap, const void *); break;
        }
    }
    return nconv;
}

static void format_in(vn_lang lang, const char *fmt, const fmt_conv *convs, int nconv, const fmt_arg *args,
                      char *buf, size_t len)
{
    const char *tfmt = vn_tr(lang, fmt);
    fmt_conv tconvs[FMT_MAX_ARGS];
    if (tfmt != fmt) {
        int tn = fmt_convs(tfmt, tconvs, FMT_MAX_ARGS);
        if (tn >= 0 && same_convs(convs, nconv, tconvs, tn)) {
            render(lang, tfmt, tconvs, tn, args, buf, len);
            return;
        }
    }
    render(lang, fmt, convs, nconv, args, buf, len);
}

/* fmt and ap's arguments in lang, into buf[0..len) (len > 0); ap itself is
 * left unread.  Returns the length written, as vsnprintf would. */
static int format_lang(vn_lang lang, char *buf, size_t len, const char *fmt, va_list ap) VNPLAN_PRINTF(4, 0);

static int format_lang(vn_lang lang, char *buf, size_t len, const char *fmt, va_list ap)
{
    fmt_conv convs[FMT_MAX_ARGS];
    fmt_arg args[FMT_MAX_ARGS * 2];
    va_list aq;
    va_copy(aq, ap);
    int nconv = read_args(fmt, aq, convs, args);
    va_end(aq);
    if (nconv < 0) { /* a format this module cannot take apart: English */
        va_copy(aq, ap);
        int n = vsnprintf(buf, len, fmt, aq);
        va_end(aq);
        return n;
    }
    format_in(lang, fmt, convs, nconv, args, buf, len);
    return (int)strlen(buf);
}

void vn_vformat2(const char *fmt, va_list ap, char *en, char *vi, size_t len)
{
    format_lang(VN_LANG_EN, en, len, fmt, ap);
    format_lang(VN_LANG_VI, vi, len, fmt, ap);
}

int vnplan_vformat(vnplan_lang lang, char *buf, size_t len, const char *fmt, va_list ap)
{
    if (!buf || !len)
        return 0;
    return format_lang(lang == VNPLAN_LANG_EN ? VN_LANG_EN : VN_LANG_VI, buf, len, fmt, ap);
}

const char *vnplan_errno_text(int errnum)
{
    switch (errnum) {
    case ENOENT: return N_("No such file or directory");
    case EACCES: return N_("Permission denied");
    case EPERM: return N_("Operation not permitted");
    case EISDIR: return N_("Is a directory");
    case ENOTDIR: return N_("Not a directory");
    case ELOOP: return N_("Too many levels of symbolic links");
    case ENAMETOOLONG: return N_("File name too long");
    case EIO: return N_("Input/output error");
    case ENOSPC: return N_("No space left on device");
    case EROFS: return N_("Read-only file system");
    case EMFILE: return N_("Too many open files");
    case ENOMEM: return N_("Cannot allocate memory");
    case EPIPE: return N_("Broken pipe");
    case EEXIST: return N_("File exists");
    case EFBIG: return N_("File too large");
    case EDQUOT: return N_("Disk quota exceeded");
    case ENXIO: return N_("No such device or address");
    case EAGAIN: return N_("Resource temporarily unavailable");
    default: return strerror(errnum);
    }
}
