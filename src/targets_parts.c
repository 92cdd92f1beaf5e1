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
    uint32_t head; /* its first bytes, up to 4 (head_of) */
    const char *name; /* as the grammar writes it */
} part_phrase;

typedef struct part_within {
    int part;
    const char *narrower, *wider;
} part_within;

struct vn_parts_rules {
    part_phrase *ph[VN_PART__COUNT];
    size_t nph[VN_PART__COUNT], capph[VN_PART__COUNT];
    /* the phrases of part p by their first byte b, in their order:
     * by_byte[p][by_start[p][b] .. by_start[p][b + 1]) (read_part) */
    uint32_t *by_byte[VN_PART__COUNT];
    uint32_t by_start[VN_PART__COUNT][257];
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

/* The first bytes of s[0..n), up to 4, as one number: a phrase whose head
 * differs from the text's there is not compared further. */
static uint32_t head_of(const char *s, size_t n)
{
    uint32_t h = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        h |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return h;
}

/* A counting sort of part p's phrases by their first byte, each byte's in
 * the order of the list. */
static void index_by_byte(struct vn_parts_rules *r, int p)
{
    uint32_t *start = r->by_start[p];
    memset(start, 0, sizeof r->by_start[p]);
    for (size_t i = 0; i < r->nph[p]; i++)
        start[(unsigned char)r->ph[p][i].key[0] + 1]++;
    for (int b = 1; b <= 256; b++)
        start[b] += start[b - 1];
    uint32_t fill[256];
    memcpy(fill, start, sizeof fill);
    r->by_byte[p] = vn_xmalloc((r->nph[p] + 1) * sizeof *r->by_byte[p]);
    for (size_t i = 0; i < r->nph[p]; i++)
        r->by_byte[p][fill[(unsigned char)r->ph[p][i].key[0]]++] = (uint32_t)i;
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
                vn_fold_key_row(row, f, &key);
                if (key.len == 0)
                    continue;
                part_phrase *e = &VN_PUSH(r->ph[p], r->nph[p], r->capph[p]);
                e->key = vn_arena_strndup(&r->arena, key.data, key.len);
                e->len = key.len;
                e->head = head_of(key.data, key.len);
                e->name = name;
            }
        }
        if (r->nph[p])
            qsort(r->ph[p], r->nph[p], sizeof *r->ph[p], by_length_desc);
        index_by_byte(r, p);
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
    for (int p = 0; p < VN_PART__COUNT; p++) {
        free(r->ph[p]);
        free(r->by_byte[p]);
    }
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

/* A phrase found where it stands as words: phrase i of the part at byte at. */
typedef struct part_place {
    uint32_t i, at;
} part_place;

static int by_phrase_then_place(const void *a, const void *b)
{
    const part_place *x = a, *y = b;
    if (x->i != y->i)
        return (x->i > y->i) - (x->i < y->i);
    return (x->at > y->at) - (x->at < y->at);
}

/* Every place in k[0..n) where a phrase of part p stands as words (not
 * inside a longer word), in the order of the phrases, then of the places:
 * the order in which a search of the text for each phrase in turn would
 * meet them.  Only the starts of words are tried, each against the phrases
 * that begin with its byte (a search of the whole text for each of the
 * part's phrases was a third of what loading a baseline cost). */
static part_place *phrase_places(const struct vn_parts_rules *r, int p, const char *k, size_t n,
                                 const uint32_t *starts, size_t nstarts, size_t text, size_t *count)
{
    part_place *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t w = 0; w < nstarts; w++) {
        size_t a = starts[w];
        unsigned char c = (unsigned char)k[a];
        uint32_t h4 = head_of(k + a, text - a);
        for (uint32_t q = r->by_start[p][c]; q < r->by_start[p][c + 1]; q++) {
            uint32_t i = r->by_byte[p][q];
            const part_phrase *ph = &r->ph[p][i];
            size_t b = a + ph->len;
            uint32_t mask = ph->len >= 4 ? 0xFFFFFFFFu : (1u << (8 * ph->len)) - 1;
            if (b > text || (h4 & mask) != ph->head || memcmp(k + a, ph->key, ph->len) != 0 ||
                (b < n && word_byte((unsigned char)k[b])))
                continue;
            part_place *e = &VN_PUSH(v, nv, cap);
            e->i = i;
            e->at = (uint32_t)a;
        }
    }
    if (nv > 1)
        qsort(v, nv, sizeof *v, by_phrase_then_place);
    *count = nv;
    return v;
}

/* The names of one part found in folded text k[0..n), joined, or NULL. */
static const char *read_part(const struct vn_parts_rules *r, int p, const char *k, size_t n,
                             const uint32_t *starts, size_t nstarts, size_t text, unsigned char *covered,
                             vn_arena *arena, vn_strset *strs)
{
    part_hit hits[MAX_PART_NAMES];
    size_t nhits = 0, nplaces = 0;
    memset(covered, 0, n);
    part_place *places = phrase_places(r, p, k, n, starts, nstarts, text, &nplaces);
    for (size_t x = 0; x < nplaces && nhits < MAX_PART_NAMES; x++) {
        const part_phrase *ph = &r->ph[p][places[x].i];
        size_t a = places[x].at;
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
    free(places);
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
        /* where a phrase may begin: the start of the text and each byte
         * after one that is not part of a word; a search stops at a NUL */
        size_t text = strnlen(key.data, key.len), nstarts = 0;
        uint32_t *starts = vn_xmalloc((text + 1) * sizeof *starts);
        for (size_t a = 0; a < text; a++)
            if (a == 0 || !word_byte((unsigned char)key.data[a - 1]))
                starts[nstarts++] = (uint32_t)a;
        for (int p = 0; p < VN_PART__COUNT; p++)
            out[p] = read_part(g->targets->parts, p, key.data, key.len, starts, nstarts, text, covered, arena,
                               strs);
        free(starts);
        free(covered);
    }
    vn_buf_free(&key);
}

void vn_parts_read(const vnplan_grammar *g, const char *s, size_t n, vn_arena *arena,
                   const char *out[VN_PART__COUNT])
{
    parts_read(g, s, n, arena, NULL, out);
}

void vn_targets_parts(vnplan_doc *doc, vn_strset *strs)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *t = &doc->targets[i];
        if (t->parts)
            continue;
        const char *s = t->indicator && *t->indicator ? t->indicator : t->text;
        const char *v[VN_PART__COUNT] = {NULL};
        if (s) {
            parts_read(doc->grammar, s, strlen(s), &doc->arena, strs, v);
            vn_target_set_parts(doc, t, v);
        }
    }
    /* a "trong đó" part counts the same people as the target it belongs to
     * unless it says otherwise; parents come before their parts */
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *t = &doc->targets[i];
        if (t->parent < 0 || (size_t)t->parent >= i)
            continue;
        const char *v[VN_PART__COUNT];
        memcpy(v, vn_target_parts(doc, t), sizeof v);
        const char *const *up = vn_target_parts(doc, &doc->targets[t->parent]);
        bool more = false;
        for (int p = 0; p < VN_PART__COUNT; p++)
            if (!v[p] && up[p]) {
                v[p] = up[p];
                more = true;
            }
        if (more)
            vn_target_set_parts(doc, t, v);
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
        /* the first letter before the length: most rules name other words */
        if (w->part != p || (alen && w->narrower[0] != a[0]) || strlen(w->narrower) != alen ||
            memcmp(w->narrower, a, alen) != 0)
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

bool vn_parts_disjoint(const vnplan_grammar *g, int part, const char *a, const char *b)
{
    if (!a || !b || !*a || !*b || part < 0 || part >= VN_PART__COUNT)
        return false;
    const struct vn_parts_rules *r = g && g->targets ? g->targets->parts : NULL;
    for (const char *x = a; *x;) {
        const char *xe = strchr(x, VN_PART_SEP);
        size_t xl = xe ? (size_t)(xe - x) : strlen(x);
        for (const char *y = b; *y;) {
            const char *ye = strchr(y, VN_PART_SEP);
            size_t yl = ye ? (size_t)(ye - y) : strlen(y);
            if (xl == yl && memcmp(x, y, xl) == 0)
                return false;
            if (r && (within(r, part, x, xl, y, yl, 0) || within(r, part, y, yl, x, xl, 0)))
                return false;
            y += yl + (ye ? 1 : 0);
        }
        x += xl + (xe ? 1 : 0);
    }
    return true;
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
