/* targets_parts.c — the parts of what a target measures, read with the words
 * of grammars/indicators.txt: what is measured, who is counted, the training
 * level, the field and the place.  Two targets with the same head words
 * ("Số người tốt nghiệp các chương trình đào tạo chuyên sâu về ...") are
 * different indicators when their fields differ; the comparison needs the
 * parts to tell them apart and to say how a plan changed what it counts. */
#include "targets_parts.h"
#include "targets_private.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>

enum {
    MAX_PART_NAMES = 16,   /* names kept per part of one target */
    MAX_PART_TEXT = 4096,  /* bytes of an indicator read for its parts */
    MAX_WITHIN_HOPS = 4    /* [within] chains followed (trí tuệ nhân tạo → công nghệ số → STEM) */
};

static const char *const part_blocks[VN_PART__COUNT] = {"measure", "population", "level",
                                                        "field", "place"};
/* Parts that keep only their first word: a target measures one thing of one group. */
static const bool part_single[VN_PART__COUNT] = {true, true, false, false, false};

typedef struct part_phrase {
    const char *key; /* folded */
    size_t len;
    const char *name; /* as the grammar writes it */
} part_phrase;

typedef struct part_within {
    int part;
    const char *narrower, *wider;
} part_within;

struct vn_parts_rules {
    part_phrase *ph[VN_PART__COUNT];
    size_t nph[VN_PART__COUNT], capph[VN_PART__COUNT];
    part_within *within;
    size_t nwithin, capwithin;
    vn_arena arena;
};

static int by_length_desc(const void *a, const void *b)
{
    const part_phrase *x = a, *y = b;
    return (x->len < y->len) - (x->len > y->len);
}

static int part_index(const char *name)
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        if (strcmp(part_blocks[p], name) == 0)
            return p;
    return -1;
}

vnplan_status vn_parts_rules_init(const vnplan_grammar *g, struct vn_parts_rules **out,
                                  vn_error *err)
{
    static const char file[] = "indicators.txt";
    struct vn_parts_rules *r = vn_xcalloc(1, sizeof *r);
    const vn_gtable *t = vn_grammar_table(g, file);
    vn_buf key = {0};
    for (int p = 0; p < VN_PART__COUNT; p++) {
        size_t i = 0;
        const vn_grow_row *row;
        while ((row = vn_grammar_next(t, part_blocks[p], &i)) != NULL) {
            const char *name = vn_arena_strndup(&r->arena, row->f[0], strlen(row->f[0]));
            for (uint16_t f = 0; f < row->nf; f++) {
                vn_fold_key(row->f[f], strlen(row->f[f]), &key);
                if (key.len == 0)
                    continue;
                part_phrase *e = &VN_PUSH(r->ph[p], r->nph[p], r->capph[p]);
                e->key = vn_arena_strndup(&r->arena, key.data, key.len);
                e->len = key.len;
                e->name = name;
            }
        }
        if (r->nph[p])
            qsort(r->ph[p], r->nph[p], sizeof *r->ph[p], by_length_desc);
    }
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, "within", &i)) != NULL) {
        int p = row->nf == 3 ? part_index(row->f[0]) : -1;
        if (p < 0) {
            vn_buf_free(&key);
            vn_parts_rules_free(r);
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: expected PART<TAB>NARROWER<TAB>WIDER",
                           file, row->line);
        }
        part_within *w = &VN_PUSH(r->within, r->nwithin, r->capwithin);
        w->part = p;
        w->narrower = vn_arena_strndup(&r->arena, row->f[1], strlen(row->f[1]));
        w->wider = vn_arena_strndup(&r->arena, row->f[2], strlen(row->f[2]));
    }
    vn_buf_free(&key);
    *out = r;
    return VNPLAN_OK;
}

void vn_parts_rules_free(struct vn_parts_rules *r)
{
    if (!r)
        return;
    for (int p = 0; p < VN_PART__COUNT; p++)
        free(r->ph[p]);
    free(r->within);
    vn_arena_free(&r->arena);
    free(r);
}

/* A byte of folded text that may sit inside a word: letters and digits
 * (every byte of a multi-byte letter). */
static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

typedef struct part_hit {
    size_t at;
    const char *name;
} part_hit;

static int by_position(const void *a, const void *b)
{
    const part_hit *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

/* The pairs of bytes that begin a word of the key, as bits: a hit must
 * begin a word, so a phrase whose first two bytes begin none has none, and
 * strstr over the key for each of the grammar's phrases was most of the
 * work.  A pair's bit may be shared with others: the test lets through
 * more phrases than can match, never fewer. */
#define PART_START_BITS 1024
typedef struct part_starts {
    uint64_t bits[PART_START_BITS / 64];
} part_starts;

static unsigned start_bit(unsigned char c0, unsigned char c1) { return ((unsigned)c0 * 31u + c1) % PART_START_BITS; }

static void starts_of(const char *k, size_t n, part_starts *st)
{
    memset(st, 0, sizeof *st);
    for (size_t a = 0; a + 1 < n; a++)
        if (a == 0 || !word_byte((unsigned char)k[a - 1])) {
            unsigned b = start_bit((unsigned char)k[a], (unsigned char)k[a + 1]);
            st->bits[b / 64] |= (uint64_t)1 << (b % 64);
        }
}

static bool may_start(const part_starts *st, const part_phrase *ph)
{
    if (ph->len < 2)
        return true;
    unsigned b = start_bit((unsigned char)ph->key[0], (unsigned char)ph->key[1]);
    return st->bits[b / 64] >> (b % 64) & 1;
}

/* The names of one part found in folded text k[0..n), joined, or NULL. */
static const char *read_part(const struct vn_parts_rules *r, int p, const char *k, size_t n,
                             const part_starts *starts, unsigned char *covered, vn_arena *arena, vn_strset *strs)
{
    part_hit hits[MAX_PART_NAMES];
    size_t nhits = 0;
    memset(covered, 0, n);
    for (size_t i = 0; i < r->nph[p] && nhits < MAX_PART_NAMES; i++) {
        const part_phrase *ph = &r->ph[p][i];
        if (!may_start(starts, ph))
            continue;
        const char *from = k;
        const char *at;
        while (nhits < MAX_PART_NAMES && (at = strstr(from, ph->key)) != NULL) {
            size_t a = (size_t)(at - k), b = a + ph->len;
            from = at + 1;
            if ((a > 0 && word_byte((unsigned char)k[a - 1])) || (b < n && word_byte((unsigned char)k[b])))
                continue;
            if (memchr(covered + a, 1, ph->len))
                continue;
            memset(covered + a, 1, ph->len);
            bool seen = false;
            for (size_t h = 0; h < nhits; h++)
                if (hits[h].name == ph->name) {
                    seen = true;
                    if (a < hits[h].at)
                        hits[h].at = a;
                }
            if (!seen)
                hits[nhits++] = (part_hit){a, ph->name};
        }
    }
    if (nhits == 0)
        return NULL;
    qsort(hits, nhits, sizeof hits[0], by_position);
    if (part_single[p])
        nhits = 1;
    vn_buf out = {0};
    for (size_t h = 0; h < nhits; h++) {
        if (h)
            vn_buf_putc(&out, VN_PART_SEP);
        vn_buf_puts(&out, hits[h].name);
    }
    const char *s = strs ? vn_intern(strs, arena, out.data, out.len) : vn_arena_strndup(arena, out.data, out.len);
    vn_buf_free(&out);
    return s;
}

static void parts_read(const vnplan_grammar *g, const char *s, size_t n, vn_arena *arena, vn_strset *strs,
                       const char *out[VN_PART__COUNT])
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        out[p] = NULL;
    if (!g || !g->targets || !g->targets->parts || !s)
        return;
    if (n > MAX_PART_TEXT)
        n = MAX_PART_TEXT;
    vn_buf key = {0};
    vn_fold_key(s, n, &key);
    if (key.len) {
        unsigned char *covered = vn_xmalloc(key.len);
        part_starts starts;
        starts_of(key.data, key.len, &starts);
        for (int p = 0; p < VN_PART__COUNT; p++)
            out[p] = read_part(g->targets->parts, p, key.data, key.len, &starts, covered, arena, strs);
        free(covered);
    }
    vn_buf_free(&key);
}

void vn_parts_read(const vnplan_grammar *g, const char *s, size_t n, vn_arena *arena,
                   const char *out[VN_PART__COUNT])
{
    parts_read(g, s, n, arena, NULL, out);
}

static bool has_parts(const vn_target *t)
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        if (t->parts[p])
            return true;
    return false;
}

void vn_targets_parts(vnplan_doc *doc, vn_strset *strs)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *t = &doc->targets[i];
        if (has_parts(t))
            continue;
        const char *s = t->indicator && *t->indicator ? t->indicator : t->text;
        if (s)
            parts_read(doc->grammar, s, strlen(s), &doc->arena, strs, t->parts);
    }
    /* a "trong đó" part counts the same people as the target it belongs to
     * unless it says otherwise; parents come before their parts */
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *t = &doc->targets[i];
        if (t->parent < 0 || (size_t)t->parent >= i)
            continue;
        const vn_target *up = &doc->targets[t->parent];
        for (int p = 0; p < VN_PART__COUNT; p++)
            if (!t->parts[p])
                t->parts[p] = up->parts[p];
    }
}

/* ---- relations ----------------------------------------------------------------------- */

static bool within(const struct vn_parts_rules *r, int p, const char *a, size_t alen,
                   const char *b, size_t blen, int hops)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return true;
    if (hops >= MAX_WITHIN_HOPS)
        return false;
    for (size_t i = 0; i < r->nwithin; i++) {
        const part_within *w = &r->within[i];
        if (w->part != p || strlen(w->narrower) != alen || memcmp(w->narrower, a, alen) != 0)
            continue;
        if (within(r, p, w->wider, strlen(w->wider), b, blen, hops + 1))
            return true;
    }
    return false;
}

/* True when every name of xs lies within some name of ys. */
static bool all_within(const struct vn_parts_rules *r, int p, const char *xs, const char *ys)
{
    for (const char *x = xs; *x;) {
        const char *xe = strchr(x, VN_PART_SEP);
        size_t xl = xe ? (size_t)(xe - x) : strlen(x);
        bool found = false;
        for (const char *y = ys; *y && !found;) {
            const char *ye = strchr(y, VN_PART_SEP);
            size_t yl = ye ? (size_t)(ye - y) : strlen(y);
            found = within(r, p, x, xl, y, yl, 0);
            y += yl + (ye ? 1 : 0);
        }
        if (!found)
            return false;
        x += xl + (xe ? 1 : 0);
    }
    return true;
}

vn_part_relation vn_parts_relation(const vnplan_grammar *g, int part, const char *base,
                                   const char *plan)
{
    if (!plan || part < 0 || part >= VN_PART__COUNT)
        return VN_PART_SAME; /* a plan that does not repeat the words keeps them */
    if (!base)
        return VN_PART_NARROWER; /* the decision counts every level, field ... */
    if (strcmp(base, plan) == 0 || !g || !g->targets || !g->targets->parts)
        return strcmp(base, plan) == 0 ? VN_PART_SAME : VN_PART_OTHER;
    const struct vn_parts_rules *r = g->targets->parts;
    bool narrower = all_within(r, part, plan, base), wider = all_within(r, part, base, plan);
    if (narrower && wider)
        return VN_PART_SAME;
    return narrower ? VN_PART_NARROWER : wider ? VN_PART_WIDER : VN_PART_OTHER;
}

void vn_scope_words(const char *part, vn_buf *out)
{
    vn_buf_clear(out);
    for (const char *c = part; c && *c; c++) {
        if (*c == VN_PART_SEP)
            vn_buf_puts(out, ", ");
        else
            vn_buf_putc(out, *c);
    }
    vn_buf_cstr(out);
}

const char *vn_part_name(int part)
{
    return part >= 0 && part < VN_PART__COUNT ? part_blocks[part] : "";
}

const char *vn_part_relation_name(vn_part_relation r)
{
    switch (r) {
    case VN_PART_NARROWER: return "narrower";
    case VN_PART_WIDER: return "wider";
    case VN_PART_OTHER: return "other";
    default: return "same";
    }
}
