/* i18n.c — message look-up in the embedded catalogs (see i18n.h).
 *
 * A GNU .mo file: a header (magic 0x950412de in the file's byte order,
 * revision, N, the offsets of the tables of original and translated
 * strings), then the two tables of (length, offset) pairs, the originals
 * sorted by strcmp.  Entries with plural forms have "singular\0plural" as
 * their original and the forms, NUL-separated, as their translation. */
#include "i18n.h"
#include "grammar.h"

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

static const char *mo_find(const mo_view *m, const char *msgid)
{
    uint32_t lo = 0, hi = m->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, l;
        const char *o = mo_string(m, m->orig_tab, mid, &l);
        if (!o)
            return NULL;
        int c = strcmp(msgid, o); /* a plural entry compares by its singular */
        if (c == 0) {
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

const char *vn_tr(vn_lang lang, const char *msgid)
{
    const vn_embedded *c = catalog(lang);
    mo_view m;
    if (!c || !mo_open(c->data, c->len, &m))
        return msgid;
    const char *t = mo_find(&m, msgid);
    return t ? t : msgid;
}

const char *vn_trn(vn_lang lang, const char *singular, const char *plural, unsigned long n)
{
    const vn_embedded *c = catalog(lang);
    mo_view m;
    if (!c || !mo_open(c->data, c->len, &m))
        return n == 1 ? singular : plural;
    const char *t = mo_find(&m, singular);
    return t ? t : (n == 1 ? singular : plural); /* Vietnamese: one form, the first */
}

const char *vnplan_translate(vnplan_lang lang, const char *msgid)
{
    return vn_tr(lang == VNPLAN_LANG_EN ? VN_LANG_EN : VN_LANG_VI, msgid);
}
