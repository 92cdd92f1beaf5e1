/* compare.c — the compare stage: a plan aligned with its baseline.
 *
 * A national decision and a local plan are different documents, so targets
 * are aligned by meaning, never by position (docs/diff.md):
 *
 *   1. every text is folded, cut into syllables, read through the synonyms of
 *      grammars/compare.txt, stripped of its stop words, and turned into a
 *      set of syllables and pairs of neighbouring syllables;
 *   2. each syllable and pair is weighted by how rare it is among the nodes of
 *      both documents (an inverse document frequency), so "trí tuệ nhân tạo"
 *      counts more than "đào tạo";
 *   3. a baseline target and a plan target score the weighted cosine of their
 *      indicators, times factors for the unit class (incompatible classes
 *      never align), the phase, the "trong đó" structure, the value, the
 *      section, and topics that exclude one another;
 *   4. a plan target that restates another (same value and class, similar
 *      indicator: the 100% of "tổ chức thực hiện" restating an objective) is
 *      set aside as a duplicate of it;
 *   5. baseline and plan targets are paired by one global assignment that
 *      maximizes the total score above the threshold (Hungarian algorithm):
 *      a strong pair is never lost to whoever came first;
 *   6. each pair is classified: adopted, or changed (value, comparator,
 *      phase, unit; each with a direction); unpaired baseline targets are
 *      missing, unpaired plan targets added.
 *
 * Qualitative objectives are paired the same way on their whole text; task
 * groups and duties are compared by similarity of titles and contents, and
 * of body names under the level-free keys of compare.txt. */
#include "compare.h"
#include "match.h"
#include "text.h"
#include "utf8.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- rules: compare.txt compiled ------------------------------------------------- */

typedef struct cr_phrase {
    const char *from; /* folded, syllables separated by one space */
    const char *to;   /* synonyms: the canonical form; NULL otherwise */
} cr_phrase;

typedef struct cr_list {
    cr_phrase *v;
    size_t n, cap;
} cr_list;

typedef struct cr_group {
    const char **v;
    size_t n;
} cr_group;

typedef struct cr_compat {
    const char *a, *b;
    double factor;
} cr_compat;

typedef struct cr_param {
    const char *name;
    double value;
} cr_param;

struct vn_compare_rules {
    cr_list synonyms, stop, unconfirmed, body_synonyms, body_level, body_strip, body_unit, lead;
    cr_group *exclusive;
    size_t nexclusive;
    cr_compat *compat;
    size_t ncompat;
    const char **absolute;
    size_t nabsolute;
    bool ceiling[VN_CMP__COUNT];
    cr_param *params;
    size_t nparams;
    vn_arena arena;
};

static const char CR_FILE[] = "compare.txt";

/* Folds a phrase and cuts it into syllables joined by single spaces: the
 * form every text is reduced to before comparing. */
static void cr_syllables(const char *s, size_t n, vn_buf *fold, vn_buf *out)
{
    vn_buf_clear(fold);
    vn_fold(s, n, VN_FOLD_KEY, fold, NULL);
    vn_buf_clear(out);
    size_t i = 0;
    const char *f = fold->data ? fold->data : "";
    bool in_word = false;
    while (i < fold->len) {
        size_t a = i;
        int32_t cp = vn_utf8_next(f, fold->len, &i);
        bool word = vn_cp_is_alnum(cp) || cp == '&';
        if (word) {
            if (!in_word && out->len)
                vn_buf_putc(out, ' ');
            vn_buf_put(out, f + a, i - a);
        }
        in_word = word;
    }
    vn_buf_cstr(out);
}

static const char *cr_intern(vn_compare_rules *r, const char *s, vn_buf *fold, vn_buf *tmp)
{
    cr_syllables(s, strlen(s), fold, tmp);
    return vn_arena_strndup(&r->arena, tmp->data ? tmp->data : "", tmp->len);
}

static vnplan_status cr_load_list(vn_compare_rules *r, const vnplan_grammar *g, const char *block, int fields,
                                  cr_list *out, vn_buf *fold, vn_buf *tmp, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, CR_FILE);
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, block, &i)) != NULL) {
        if (row->nf < (uint16_t)fields)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [%s] needs %s", CR_FILE, row->line, block,
                           fields == 2 ? "CANONICAL<TAB>VARIANT" : "a phrase");
        cr_phrase *p = &VN_PUSH(out->v, out->n, out->cap);
        if (fields == 2) {
            p->to = cr_intern(r, row->f[0], fold, tmp);
            p->from = cr_intern(r, row->f[1], fold, tmp);
        } else {
            p->from = cr_intern(r, row->f[0], fold, tmp);
            p->to = NULL;
        }
        if (!p->from[0])
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [%s]: a phrase without letters or digits", CR_FILE,
                           row->line, block);
    }
    return VNPLAN_OK;
}

static bool cr_number(const char *s, double *v)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s || *end || !isfinite(d))
        return false;
    *v = d;
    return true;
}

vnplan_status vn_compare_rules_init(vnplan_grammar *g, vn_error *err)
{
    vn_compare_rules *r = vn_xcalloc(1, sizeof *r);
    g->compare = r;
    vn_buf fold = {0}, tmp = {0};
    vnplan_status st = VNPLAN_OK;
    static const struct {
        const char *block;
        int fields;
        size_t off;
    } lists[] = {
        {"synonym", 2, offsetof(vn_compare_rules, synonyms)},
        {"stop", 1, offsetof(vn_compare_rules, stop)},
        {"unconfirmed", 1, offsetof(vn_compare_rules, unconfirmed)},
        {"body_synonym", 2, offsetof(vn_compare_rules, body_synonyms)},
        {"body_level", 1, offsetof(vn_compare_rules, body_level)},
        {"body_strip", 1, offsetof(vn_compare_rules, body_strip)},
        {"body_unit", 1, offsetof(vn_compare_rules, body_unit)},
        {"lead", 1, offsetof(vn_compare_rules, lead)},
    };
    for (size_t k = 0; k < sizeof lists / sizeof lists[0] && st == VNPLAN_OK; k++)
        st = cr_load_list(r, g, lists[k].block, lists[k].fields, (cr_list *)((char *)r + lists[k].off), &fold,
                          &tmp, err);
    const vn_gtable *t = vn_grammar_table(g, CR_FILE);
    const vn_grow_row *row;
    size_t i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "exclusive", &i)) != NULL) {
        if (row->nf < 2) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [exclusive] needs two or more phrases", CR_FILE, row->line);
            break;
        }
        r->exclusive = vn_xrealloc(r->exclusive, (r->nexclusive + 1) * sizeof *r->exclusive);
        cr_group *gr = &r->exclusive[r->nexclusive++];
        gr->n = row->nf;
        gr->v = vn_arena_alloc(&r->arena, row->nf * sizeof *gr->v);
        for (uint16_t k = 0; k < row->nf; k++)
            gr->v[k] = cr_intern(r, row->f[k], &fold, &tmp);
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "unit_compat", &i)) != NULL) {
        double f;
        if (row->nf < 3 || !cr_number(row->f[2], &f) || f < 0 || f > 1) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [unit_compat] needs CLASS<TAB>CLASS<TAB>FACTOR (0..1)",
                         CR_FILE, row->line);
            break;
        }
        r->compat = vn_xrealloc(r->compat, (r->ncompat + 1) * sizeof *r->compat);
        r->compat[r->ncompat].a = row->f[0];
        r->compat[r->ncompat].b = row->f[1];
        r->compat[r->ncompat].factor = f;
        r->ncompat++;
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "absolute", &i)) != NULL) {
        r->absolute = vn_xrealloc(r->absolute, (r->nabsolute + 1) * sizeof *r->absolute);
        r->absolute[r->nabsolute++] = row->f[0];
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "ceiling", &i)) != NULL) {
        int c = vn_cmp_from_name(row->f[0]);
        if (c < 0) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [ceiling]: \"%s\" is not a comparator", CR_FILE, row->line,
                         row->f[0]);
            break;
        }
        r->ceiling[c] = true;
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "param", &i)) != NULL) {
        double v;
        if (row->nf < 2 || !cr_number(row->f[1], &v)) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [param] needs NAME<TAB>NUMBER", CR_FILE, row->line);
            break;
        }
        r->params = vn_xrealloc(r->params, (r->nparams + 1) * sizeof *r->params);
        r->params[r->nparams].name = row->f[0];
        r->params[r->nparams].value = v;
        r->nparams++;
    }
    vn_buf_free(&fold);
    vn_buf_free(&tmp);
    return st;
}

static void cr_list_free(cr_list *l) { free(l->v); }

void vn_compare_rules_free(struct vn_compare_rules *r)
{
    if (!r)
        return;
    cr_list_free(&r->synonyms);
    cr_list_free(&r->stop);
    cr_list_free(&r->unconfirmed);
    cr_list_free(&r->body_synonyms);
    cr_list_free(&r->body_level);
    cr_list_free(&r->body_unit);
    cr_list_free(&r->body_strip);
    cr_list_free(&r->lead);
    free(r->exclusive);
    free(r->compat);
    free(r->absolute);
    free(r->params);
    vn_arena_free(&r->arena);
    free(r);
}

/* The tuning numbers; the defaults apply when compare.txt leaves one out
 * (a user's override file need not list them all). */
typedef struct cx_params {
    double threshold, certain, phase_other, phase_unknown, parent_one_sided, parent_weight, value_same,
        value_other, section_other, exclusive_factor, bigram_weight, idf_floor, localized_ratio, duplicate,
        qualitative_threshold, group_threshold, body_threshold, position_decay, child_weight, series,
        idf_pseudo, unique_class_bonus, unique_class_min;
} cx_params;

static double cr_param_get(const vn_compare_rules *r, const char *name, double def)
{
    for (size_t i = r ? r->nparams : 0; i-- > 0;)
        if (strcmp(r->params[i].name, name) == 0)
            return r->params[i].value;
    return def;
}

static void cx_params_load(const vn_compare_rules *r, cx_params *p)
{
    p->threshold = cr_param_get(r, "threshold", 0.30);
    p->certain = cr_param_get(r, "certain", 0.75);
    p->phase_other = cr_param_get(r, "phase_other", 0.70);
    p->phase_unknown = cr_param_get(r, "phase_unknown", 0.85);
    p->parent_one_sided = cr_param_get(r, "parent_one_sided", 0.80);
    p->parent_weight = cr_param_get(r, "parent_weight", 0.40);
    p->value_same = cr_param_get(r, "value_same", 1.0);
    p->value_other = cr_param_get(r, "value_other", 0.88);
    p->section_other = cr_param_get(r, "section_other", 0.95);
    p->exclusive_factor = cr_param_get(r, "exclusive_factor", 0.35);
    p->bigram_weight = cr_param_get(r, "bigram_weight", 0.8);
    p->idf_floor = cr_param_get(r, "idf_floor", 0.3);
    p->localized_ratio = cr_param_get(r, "localized_ratio", 0.2);
    p->duplicate = cr_param_get(r, "duplicate", 0.55);
    p->qualitative_threshold = cr_param_get(r, "qualitative_threshold", 0.22);
    p->group_threshold = cr_param_get(r, "group_threshold", 0.20);
    p->body_threshold = cr_param_get(r, "body_threshold", 0.6);
    p->position_decay = cr_param_get(r, "position_decay", 8);
    p->child_weight = cr_param_get(r, "child_weight", 0.5);
    p->series = cr_param_get(r, "series", 0.45);
    p->idf_pseudo = cr_param_get(r, "idf_pseudo", 50);
    p->unique_class_bonus = cr_param_get(r, "unique_class_bonus", 0.4);
    p->unique_class_min = cr_param_get(r, "unique_class_min", 0.1);
    if (!(p->certain > p->threshold))
        p->certain = p->threshold + 0.1;
}

/* ---- the comparison context: a vocabulary and the rules in its ids ------------------ */

typedef struct u32v {
    uint32_t *v;
    size_t n, cap;
} u32v;

typedef struct cx_phrase {
    uint32_t *from;
    size_t nfrom;
    uint32_t *to;
    size_t nto;
} cx_phrase;

typedef struct cx_plist {
    cx_phrase *v;
    size_t n;
} cx_plist;

typedef struct cx {
    const vn_compare_rules *rules;
    cx_params p;
    /* vocabulary: open addressing, string -> id */
    char **words;
    uint32_t *wlen;
    size_t nwords, capwords;
    uint32_t *slots; /* id + 1, 0 empty */
    size_t nslots;
    vn_arena arena;
    /* rules in ids; phrase lists sorted by first syllable, longest first */
    cx_plist synonyms, stop, unconfirmed, body_synonyms, body_level, body_strip, lead;
    cx_phrase *exclusive_items; /* every phrase of every group */
    size_t *exclusive_group;    /* its group */
    size_t nexclusive_items;
    /* document frequencies of features */
    uint64_t *dfkeys;
    uint32_t *dfvals;
    size_t ndfslots, ndf;
    size_t ndocs; /* 0: every feature weighs 1 */
    /* scratch */
    vn_buf fold, tmp;
    u32v a, b;
} cx;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static void cx_rehash(cx *c)
{
    size_t ns = c->nslots ? c->nslots * 2 : 1024;
    uint32_t *slots = vn_xcalloc(ns, sizeof *slots);
    for (size_t id = 0; id < c->nwords; id++) {
        size_t k = (size_t)hash_bytes(c->words[id], c->wlen[id]) & (ns - 1);
        while (slots[k])
            k = (k + 1) & (ns - 1);
        slots[k] = (uint32_t)id + 1;
    }
    free(c->slots);
    c->slots = slots;
    c->nslots = ns;
}

static uint32_t cx_word(cx *c, const char *s, size_t n)
{
    if ((c->nwords + 1) * 2 > c->nslots)
        cx_rehash(c);
    size_t k = (size_t)hash_bytes(s, n) & (c->nslots - 1);
    while (c->slots[k]) {
        uint32_t id = c->slots[k] - 1;
        if (c->wlen[id] == n && memcmp(c->words[id], s, n) == 0)
            return id;
        k = (k + 1) & (c->nslots - 1);
    }
    if (c->nwords == c->capwords) {
        c->capwords = c->capwords ? c->capwords * 2 : 256;
        c->words = vn_xrealloc(c->words, c->capwords * sizeof *c->words);
        c->wlen = vn_xrealloc(c->wlen, c->capwords * sizeof *c->wlen);
    }
    uint32_t id = (uint32_t)c->nwords++;
    c->words[id] = vn_arena_strndup(&c->arena, s, n);
    c->wlen[id] = (uint32_t)n;
    c->slots[k] = id + 1;
    return id;
}

static void u32_push(u32v *v, uint32_t x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->v = vn_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = x;
}

/* Syllable ids of a text (folded, punctuation dropped), appended to out. */
static void cx_syllables(cx *c, const char *s, size_t n, u32v *out)
{
    vn_buf_clear(&c->fold);
    vn_fold(s, n, VN_FOLD_KEY, &c->fold, NULL);
    const char *f = c->fold.data ? c->fold.data : "";
    size_t len = c->fold.len, i = 0, start = 0;
    bool in_word = false;
    while (i < len) {
        size_t a = i;
        int32_t cp = vn_utf8_next(f, len, &i);
        bool word = vn_cp_is_alnum(cp) || cp == '&';
        if (word && !in_word)
            start = a;
        if (!word && in_word)
            u32_push(out, cx_word(c, f + start, a - start));
        in_word = word;
    }
    if (in_word)
        u32_push(out, cx_word(c, f + start, len - start));
}

static void cx_ids(cx *c, const char *spaced, uint32_t **ids, size_t *n)
{
    u32v v = {0};
    cx_syllables(c, spaced, strlen(spaced), &v);
    *ids = vn_arena_alloc(&c->arena, (v.n ? v.n : 1) * sizeof **ids);
    if (v.n)
        memcpy(*ids, v.v, v.n * sizeof **ids);
    *n = v.n;
    free(v.v);
}

static int cx_phrase_cmp(const void *a, const void *b)
{
    const cx_phrase *x = a, *y = b;
    if (x->from[0] != y->from[0])
        return x->from[0] < y->from[0] ? -1 : 1;
    if (x->nfrom != y->nfrom)
        return x->nfrom > y->nfrom ? -1 : 1; /* longest first */
    return 0;
}

static void cx_plist_build(cx *c, const cr_list *l, cx_plist *out)
{
    out->v = vn_arena_alloc(&c->arena, (l->n ? l->n : 1) * sizeof *out->v);
    out->n = 0;
    for (size_t i = 0; i < l->n; i++) {
        cx_phrase *p = &out->v[out->n];
        cx_ids(c, l->v[i].from, &p->from, &p->nfrom);
        if (p->nfrom == 0)
            continue;
        if (l->v[i].to)
            cx_ids(c, l->v[i].to, &p->to, &p->nto);
        else
            p->to = NULL, p->nto = 0;
        out->n++;
    }
    qsort(out->v, out->n, sizeof *out->v, cx_phrase_cmp);
}

/* The longest phrase of the list that starts at s[i], or NULL. */
static const cx_phrase *cx_match_at(const cx_plist *l, const uint32_t *s, size_t n, size_t i)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) { /* first phrase whose first syllable >= s[i] */
        size_t mid = (lo + hi) / 2;
        if (l->v[mid].from[0] < s[i])
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < l->n && l->v[k].from[0] == s[i]; k++) {
        const cx_phrase *p = &l->v[k];
        if (p->nfrom <= n - i && memcmp(p->from, s + i, p->nfrom * sizeof *s) == 0)
            return p;
    }
    return NULL;
}

/* Rewrites in through a phrase list: a synonym list replaces each match by
 * its canonical form, a stop list drops it.  Writes to out. */
static void cx_rewrite(const cx_plist *l, const u32v *in, u32v *out)
{
    out->n = 0;
    size_t i = 0;
    while (i < in->n) {
        const cx_phrase *p = l->n ? cx_match_at(l, in->v, in->n, i) : NULL;
        if (!p) {
            u32_push(out, in->v[i++]);
            continue;
        }
        for (size_t k = 0; k < p->nto; k++)
            u32_push(out, p->to[k]);
        i += p->nfrom;
    }
}

static bool cx_contains(const uint32_t *s, size_t n, const uint32_t *p, size_t np)
{
    if (np == 0 || np > n)
        return false;
    for (size_t i = 0; i + np <= n; i++)
        if (s[i] == p[0] && memcmp(s + i, p, np * sizeof *p) == 0)
            return true;
    return false;
}

static void cx_init(cx *c, const vnplan_grammar *g)
{
    memset(c, 0, sizeof *c);
    c->rules = g ? g->compare : NULL;
    cx_params_load(c->rules, &c->p);
    if (!c->rules)
        return;
    const vn_compare_rules *r = c->rules;
    cx_plist_build(c, &r->synonyms, &c->synonyms);
    /* the stop list also drops the words that say "not confirmed" */
    cr_list stop = {0};
    for (size_t i = 0; i < r->stop.n; i++)
        VN_PUSH(stop.v, stop.n, stop.cap) = r->stop.v[i];
    for (size_t i = 0; i < r->unconfirmed.n; i++)
        VN_PUSH(stop.v, stop.n, stop.cap) = r->unconfirmed.v[i];
    cx_plist_build(c, &stop, &c->stop);
    free(stop.v);
    cx_plist_build(c, &r->unconfirmed, &c->unconfirmed);
    cx_plist_build(c, &r->body_synonyms, &c->body_synonyms);
    cx_plist_build(c, &r->body_level, &c->body_level);
    cx_plist_build(c, &r->body_strip, &c->body_strip);
    cx_plist_build(c, &r->lead, &c->lead);
    size_t total = 0;
    for (size_t i = 0; i < r->nexclusive; i++)
        total += r->exclusive[i].n;
    c->exclusive_items = vn_arena_alloc(&c->arena, (total ? total : 1) * sizeof *c->exclusive_items);
    c->exclusive_group = vn_arena_alloc(&c->arena, (total ? total : 1) * sizeof *c->exclusive_group);
    for (size_t i = 0; i < r->nexclusive; i++)
        for (size_t k = 0; k < r->exclusive[i].n; k++) {
            /* the phrase reads through the synonyms and stop words like any text */
            u32v raw = {0}, syn = {0}, clean = {0};
            cx_syllables(c, r->exclusive[i].v[k], strlen(r->exclusive[i].v[k]), &raw);
            cx_rewrite(&c->synonyms, &raw, &syn);
            cx_rewrite(&c->stop, &syn, &clean);
            if (clean.n) {
                cx_phrase *p = &c->exclusive_items[c->nexclusive_items];
                p->from = vn_arena_alloc(&c->arena, clean.n * sizeof *p->from);
                memcpy(p->from, clean.v, clean.n * sizeof *p->from);
                p->nfrom = clean.n;
                p->to = NULL;
                p->nto = 0;
                c->exclusive_group[c->nexclusive_items++] = i;
            }
            free(raw.v);
            free(syn.v);
            free(clean.v);
        }
}

static void cx_free(cx *c)
{
    free(c->words);
    free(c->wlen);
    free(c->slots);
    free(c->dfkeys);
    free(c->dfvals);
    vn_arena_free(&c->arena);
    vn_buf_free(&c->fold);
    vn_buf_free(&c->tmp);
    free(c->a.v);
    free(c->b.v);
}

/* ---- feature sets -------------------------------------------------------------------- */

/* A text as the set of its syllables and of its pairs of neighbouring
 * syllables, each with a weight; sorted keys. */
typedef struct fset {
    uint64_t *keys;
    float *w;       /* after fset_weigh; before it, the position of the first occurrence */
    uint32_t n;
    uint32_t nsyl;     /* the syllables after rewriting, kept for topic tests */
    uint32_t *syl;
    double norm2;
} fset;

#define BIGRAM_BIT (1ull << 63)

static uint64_t key_uni(uint32_t a) { return a; }
static uint64_t key_bi(uint32_t a, uint32_t b) { return BIGRAM_BIT | ((uint64_t)a << 31) | b; }

static int cmp_u64x2(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* The cleaned syllables of a text: synonyms, then stop words. */
static void cx_clean(cx *c, const char *s, size_t n, u32v *out)
{
    c->a.n = 0;
    cx_syllables(c, s, n, &c->a);
    cx_rewrite(&c->synonyms, &c->a, &c->b);
    cx_rewrite(&c->stop, &c->b, out);
}

/* `extra`, when not NULL, is one more feature that no text can spell,
 * weighed like a word at the head of the phrase. */
static void fset_make(cx *c, const char *s, size_t n, const char *extra, fset *f, vn_arena *arena)
{
    u32v syl = {0};
    cx_clean(c, s, n, &syl);
    size_t cap = syl.n * 2 + 2;
    /* key and position, sorted by key then position: the first occurrence counts */
    uint64_t(*kp)[2] = vn_xmalloc(cap * sizeof *kp);
    size_t k = 0;
    for (size_t i = 0; i < syl.n; i++) {
        kp[k][0] = key_uni(syl.v[i]);
        kp[k++][1] = i;
        if (i + 1 < syl.n) {
            kp[k][0] = key_bi(syl.v[i], syl.v[i + 1]);
            kp[k++][1] = i;
        }
    }
    if (extra) {
        kp[k][0] = key_uni(cx_word(c, extra, strlen(extra)));
        kp[k++][1] = 0;
    }
    qsort(kp, k, sizeof *kp, cmp_u64x2);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || kp[u - 1][0] != kp[i][0]) {
            kp[u][0] = kp[i][0];
            kp[u++][1] = kp[i][1];
        }
    f->n = (uint32_t)u;
    f->keys = vn_arena_alloc(arena, (u ? u : 1) * sizeof *f->keys);
    f->w = vn_arena_alloc(arena, (u ? u : 1) * sizeof *f->w);
    for (size_t i = 0; i < u; i++) {
        f->keys[i] = kp[i][0];
        f->w[i] = (float)kp[i][1];
    }
    f->nsyl = (uint32_t)syl.n;
    f->syl = vn_arena_alloc(arena, (syl.n ? syl.n : 1) * sizeof *f->syl);
    if (syl.n)
        memcpy(f->syl, syl.v, syl.n * sizeof *syl.v);
    f->norm2 = 0;
    free(kp);
    free(syl.v);
}

static size_t df_slot(const cx *c, uint64_t key)
{
    size_t k = (size_t)hash_u64(key) & (c->ndfslots - 1);
    while (c->dfvals[k] && c->dfkeys[k] != key)
        k = (k + 1) & (c->ndfslots - 1);
    return k;
}

static void df_add(cx *c, const fset *f)
{
    if ((c->ndf + f->n + 1) * 2 > c->ndfslots) {
        size_t ns = c->ndfslots ? c->ndfslots : 1024;
        while ((c->ndf + f->n + 1) * 2 > ns)
            ns *= 2;
        uint64_t *ok = c->dfkeys;
        uint32_t *ov = c->dfvals;
        size_t on = c->ndfslots;
        c->dfkeys = vn_xcalloc(ns, sizeof *c->dfkeys);
        c->dfvals = vn_xcalloc(ns, sizeof *c->dfvals);
        c->ndfslots = ns;
        for (size_t i = 0; i < on; i++)
            if (ov[i]) {
                size_t k = df_slot(c, ok[i]);
                c->dfkeys[k] = ok[i];
                c->dfvals[k] = ov[i];
            }
        free(ok);
        free(ov);
    }
    for (uint32_t i = 0; i < f->n; i++) {
        size_t k = df_slot(c, f->keys[i]);
        if (!c->dfvals[k]) {
            c->dfkeys[k] = f->keys[i];
            c->ndf++;
        }
        c->dfvals[k]++;
    }
    c->ndocs++;
}

/* Weights of a feature set: inverse document frequency, pairs of
 * syllables counted at bigram_weight, and, for `positional` sets (the
 * indicators of quantified targets, which are noun phrases), less for words
 * further from the head of the phrase. */
static void fset_weigh(const cx *c, fset *f, bool positional)
{
    double n2 = 0;
    for (uint32_t i = 0; i < f->n; i++) {
        double w = 1.0;
        if (c->ndocs) {
            size_t k = df_slot(c, f->keys[i]);
            double df = c->dfvals[k] ? c->dfvals[k] : 0;
            w = log(((double)c->ndocs + c->p.idf_pseudo + 1.0) / (df + 1.0)) + c->p.idf_floor;
            if (w < c->p.idf_floor)
                w = c->p.idf_floor;
        }
        if (f->keys[i] & BIGRAM_BIT)
            w *= c->p.bigram_weight;
        /* the head of a Vietnamese phrase comes first: later words qualify it */
        if (positional && c->p.position_decay > 0)
            w /= 1.0 + f->w[i] / c->p.position_decay;
        f->w[i] = (float)w;
        n2 += w * w;
    }
    f->norm2 = n2;
}

static double fset_cosine(const fset *a, const fset *b)
{
    if (a->norm2 <= 0 || b->norm2 <= 0)
        return 0;
    double dot = 0;
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->keys[i] == b->keys[j]) {
            dot += (double)a->w[i] * b->w[j];
            i++, j++;
        } else if (a->keys[i] < b->keys[j]) {
            i++;
        } else {
            j++;
        }
    }
    double s = dot / sqrt(a->norm2 * b->norm2);
    return s > 1 ? 1 : s < 0 ? 0 : s;
}

/* How much of a's weight b holds: the share of a baseline group's words a
 * plan group also uses (asymmetric: a long plan group is not penalized for
 * saying more). */
static double fset_coverage(const fset *a, const fset *b)
{
    if (a->norm2 <= 0)
        return 0;
    double in = 0;
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->keys[i] == b->keys[j]) {
            in += (double)a->w[i] * a->w[i];
            i++, j++;
        } else if (a->keys[i] < b->keys[j]) {
            i++;
        } else {
            j++;
        }
    }
    double s = in / a->norm2;
    return s > 1 ? 1 : s;
}

/* Whether a names a topic of an [exclusive] group that b does not, and b one
 * that a does not. */
static bool fset_exclusive(const cx *c, const fset *a, const fset *b)
{
    for (size_t i = 0; i < c->nexclusive_items; i++) {
        const cx_phrase *pi = &c->exclusive_items[i];
        if (!cx_contains(a->syl, a->nsyl, pi->from, pi->nfrom) || cx_contains(b->syl, b->nsyl, pi->from, pi->nfrom))
            continue;
        for (size_t j = 0; j < c->nexclusive_items; j++) {
            if (j == i || c->exclusive_group[j] != c->exclusive_group[i])
                continue;
            const cx_phrase *pj = &c->exclusive_items[j];
            if (cx_contains(b->syl, b->nsyl, pj->from, pj->nfrom) && !cx_contains(a->syl, a->nsyl, pj->from, pj->nfrom))
                return true;
        }
    }
    return false;
}

/* ---- the assignment ---------------------------------------------------------------------- */

/* Hungarian algorithm (shortest augmenting paths with potentials) on an
 * n x m cost matrix, n <= m, 1-based as in the classic formulation;
 * row_of_col[j] receives the row of column j (0: none). */
static void hungarian(const double *cost, size_t n, size_t m, size_t *row_of_col)
{
    double *u = vn_xcalloc(n + 1, sizeof *u), *v = vn_xcalloc(m + 1, sizeof *v);
    double *minv = vn_xmalloc((m + 1) * sizeof *minv);
    size_t *way = vn_xcalloc(m + 1, sizeof *way);
    bool *used = vn_xmalloc((m + 1) * sizeof *used);
    size_t *p = row_of_col;
    memset(p, 0, (m + 1) * sizeof *p);
    for (size_t i = 1; i <= n; i++) {
        p[0] = i;
        size_t j0 = 0;
        for (size_t j = 0; j <= m; j++) {
            minv[j] = DBL_MAX;
            used[j] = false;
        }
        do {
            used[j0] = true;
            size_t i0 = p[j0], j1 = 0;
            double delta = DBL_MAX;
            for (size_t j = 1; j <= m; j++) {
                if (used[j])
                    continue;
                double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            if (j1 == 0) /* cannot happen with n <= m; a guard against NaN */
                break;
            for (size_t j = 0; j <= m; j++) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    free(u);
    free(v);
    free(minv);
    free(way);
    free(used);
}

typedef struct pair_ {
    double s;
    uint32_t i, j;
} pair_;

static int cmp_pair_desc(const void *a, const void *b)
{
    const pair_ *x = a, *y = b;
    if (x->s != y->s)
        return x->s > y->s ? -1 : 1;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

static size_t uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

void vn_assign(const double *score, size_t n, size_t m, double threshold, int32_t *row_col)
{
    for (size_t i = 0; i < n; i++)
        row_col[i] = -1;
    if (n == 0 || m == 0)
        return;
    /* connected groups of candidate pairs: rows 0..n-1, columns n..n+m-1 */
    size_t *parent = vn_xmalloc((n + m) * sizeof *parent);
    for (size_t k = 0; k < n + m; k++)
        parent[k] = k;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            if (score[i * m + j] >= threshold) {
                size_t a = uf_find(parent, i), b = uf_find(parent, n + j);
                if (a != b)
                    parent[a] = b;
            }
    size_t *root = vn_xmalloc((n + m) * sizeof *root);
    for (size_t k = 0; k < n + m; k++)
        root[k] = uf_find(parent, k);
    bool *done = vn_xcalloc(n + m, sizeof *done);
    size_t *rows = vn_xmalloc(n * sizeof *rows), *cols = vn_xmalloc(m * sizeof *cols);
    for (size_t start = 0; start < n; start++) {
        size_t r = root[start];
        if (done[r])
            continue;
        done[r] = true;
        size_t nr = 0, nc = 0;
        for (size_t i = 0; i < n; i++)
            if (root[i] == r)
                rows[nr++] = i;
        for (size_t j = 0; j < m; j++)
            if (root[n + j] == r)
                cols[nc++] = j;
        if (nc == 0)
            continue;
        if (nr + nc > VN_ASSIGN_MAX_EXACT) {
            /* greedy, best pair first: bounded time for a hostile input */
            pair_ *pp = NULL;
            size_t np = 0, cap = 0;
            for (size_t a = 0; a < nr; a++)
                for (size_t b = 0; b < nc; b++) {
                    double s = score[rows[a] * m + cols[b]];
                    if (s >= threshold) {
                        pair_ *q = &VN_PUSH(pp, np, cap);
                        q->s = s;
                        q->i = (uint32_t)rows[a];
                        q->j = (uint32_t)cols[b];
                    }
                }
            qsort(pp, np, sizeof *pp, cmp_pair_desc);
            bool *col_used = vn_xcalloc(m, sizeof *col_used);
            for (size_t k = 0; k < np; k++)
                if (row_col[pp[k].i] < 0 && !col_used[pp[k].j]) {
                    row_col[pp[k].i] = (int32_t)pp[k].j;
                    col_used[pp[k].j] = true;
                }
            free(col_used);
            free(pp);
            continue;
        }
        /* minimize the cost -(score - threshold) over pairs above the
         * threshold; a pair below costs 0, like no pair at all */
        bool transpose = nr > nc;
        size_t a = transpose ? nc : nr, b = transpose ? nr : nc;
        double *cost = vn_xmalloc(a * b * sizeof *cost);
        for (size_t x = 0; x < a; x++)
            for (size_t y = 0; y < b; y++) {
                size_t i = transpose ? rows[y] : rows[x], j = transpose ? cols[x] : cols[y];
                double s = score[i * m + j];
                cost[x * b + y] = s >= threshold ? -(s - threshold) - 1e-9 : 0;
            }
        size_t *row_of_col = vn_xmalloc((b + 1) * sizeof *row_of_col);
        hungarian(cost, a, b, row_of_col);
        for (size_t y = 1; y <= b; y++) {
            size_t x = row_of_col[y];
            if (!x)
                continue;
            x--;
            size_t i = transpose ? rows[y - 1] : rows[x], j = transpose ? cols[x] : cols[y - 1];
            if (score[i * m + j] >= threshold)
                row_col[i] = (int32_t)j;
        }
        free(row_of_col);
        free(cost);
    }
    free(parent);
    free(root);
    free(done);
    free(rows);
    free(cols);
}

/* ---- names -------------------------------------------------------------------------- */

const char *vn_fstatus_name(vn_fstatus s)
{
    static const char *const names[] = {"adopted", "changed", "missing"};
    return (unsigned)s < 3 ? names[s] : "?";
}

const char *vn_chg_name(vn_chg_what w)
{
    static const char *const names[] = {"value", "comparator", "phase", "unit"};
    return (unsigned)w < VN_CHG__COUNT ? names[w] : "?";
}

const char *vn_dir_name(vn_dir d)
{
    static const char *const names[] = {NULL, "stricter", "looser", "localized", "different"};
    return (unsigned)d < 5 ? names[d] : NULL;
}

/* ---- units, values, comparators --------------------------------------------------------- */

static bool str_eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static double unit_compat_rules(const vn_compare_rules *r, const char *a, const char *b)
{
    if (!a || !b)
        return !a && !b ? 1.0 : 0.0;
    if (strcmp(a, b) == 0)
        return 1.0;
    for (size_t i = 0; r && i < r->ncompat; i++)
        if ((str_eq(r->compat[i].a, a) && str_eq(r->compat[i].b, b)) ||
            (str_eq(r->compat[i].a, b) && str_eq(r->compat[i].b, a)))
            return r->compat[i].factor;
    return 0.0;
}

double vn_unit_compat(const vnplan_grammar *g, const char *a, const char *b)
{
    return unit_compat_rules(g ? g->compare : NULL, a, b);
}

static bool values_equal(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-9 * (scale > 1 ? scale : 1);
}

static bool is_absolute(const vn_compare_rules *r, const char *cls)
{
    for (size_t i = 0; cls && r && i < r->nabsolute; i++)
        if (strcmp(r->absolute[i], cls) == 0)
            return true;
    return false;
}

static bool is_ceiling(const vn_compare_rules *r, int c)
{
    return r && c >= 0 && c < VN_CMP__COUNT && r->ceiling[c];
}

static vn_dir value_direction(const vn_compare_rules *r, const cx_params *p, const vn_target *b, const vn_target *t)
{
    if (values_equal(b->value, t->value) || isnan(b->value) || isnan(t->value))
        return VN_DIR_NONE;
    if (is_absolute(r, b->unit_class) && b->value > 0 && t->value >= 0 && t->value <= b->value * p->localized_ratio)
        return VN_DIR_LOCALIZED;
    bool up = t->value > b->value;
    if (is_ceiling(r, b->cmp))
        return up ? VN_DIR_LOOSER : VN_DIR_STRICTER;
    return up ? VN_DIR_STRICTER : VN_DIR_LOOSER;
}

vn_dir vn_value_direction(const vnplan_grammar *g, const vn_target *base, const vn_target *plan)
{
    cx_params p;
    const vn_compare_rules *r = g ? g->compare : NULL;
    cx_params_load(r, &p);
    return value_direction(r, &p, base, plan);
}

/* How much a comparator asks, on its side: floors ~ < = < >= < >, ceilings
 * ~ < = < <= < <.  "khoảng" asks least, a strict bound most. */
static int cmp_rank(const vn_compare_rules *r, int c)
{
    switch (c) {
    case VN_CMP_APPROX: return 0;
    case VN_CMP_EQ: return 1;
    default: break;
    }
    (void)r;
    return c == VN_CMP_GT || c == VN_CMP_LT ? 3 : 2;
}

static vn_dir comparator_direction(const vn_compare_rules *r, int bc, int pc)
{
    if (bc == pc)
        return VN_DIR_NONE;
    bool bceil = is_ceiling(r, bc), pceil = is_ceiling(r, pc);
    bool bfloor = bc == VN_CMP_GE || bc == VN_CMP_GT, pfloor = pc == VN_CMP_GE || pc == VN_CMP_GT;
    if ((bceil && pfloor) || (bfloor && pceil))
        return VN_DIR_DIFFERENT;
    int rb = cmp_rank(r, bc), rp = cmp_rank(r, pc);
    if (rp == rb)
        return VN_DIR_DIFFERENT;
    return rp > rb ? VN_DIR_STRICTER : VN_DIR_LOOSER;
}

vn_dir vn_comparator_direction(const vnplan_grammar *g, int base_cmp, int plan_cmp)
{
    return comparator_direction(g ? g->compare : NULL, base_cmp, plan_cmp);
}

/* ---- text helpers ---------------------------------------------------------------------------- */

double vn_text_similarity(const vnplan_grammar *g, const char *a, const char *b)
{
    cx c;
    cx_init(&c, g ? g : vnplan_grammar_default());
    vn_arena ar = {0};
    fset fa, fb;
    fset_make(&c, a ? a : "", a ? strlen(a) : 0, NULL, &fa, &ar);
    fset_make(&c, b ? b : "", b ? strlen(b) : 0, NULL, &fb, &ar);
    fset_weigh(&c, &fa, false);
    fset_weigh(&c, &fb, false);
    double s = fset_cosine(&fa, &fb);
    vn_arena_free(&ar);
    cx_free(&c);
    return s;
}

static bool cx_unconfirmed(cx *c, const char *s, size_t n)
{
    if (!c->unconfirmed.n || !n)
        return false;
    u32v v = {0};
    cx_syllables(c, s, n, &v);
    bool hit = false;
    for (size_t i = 0; i < v.n && !hit; i++)
        hit = cx_match_at(&c->unconfirmed, v.v, v.n, i) != NULL;
    free(v.v);
    return hit;
}

bool vn_says_unconfirmed(const vnplan_grammar *g, const char *text)
{
    cx c;
    cx_init(&c, g ? g : vnplan_grammar_default());
    bool r = text && cx_unconfirmed(&c, text, strlen(text));
    cx_free(&c);
    return r;
}

/* The level-free key of a body's name. */
static void cx_body_key(cx *c, const char *name, size_t n, vn_buf *out)
{
    u32v raw = {0}, syn = {0}, strip = {0};
    cx_syllables(c, name, n, &raw);
    cx_rewrite(&c->body_synonyms, &raw, &syn);
    cx_rewrite(&c->body_strip, &syn, &strip);
    size_t start = 0;
    const cx_phrase *lv = strip.n && c->body_level.n ? cx_match_at(&c->body_level, strip.v, strip.n, 0) : NULL;
    if (lv && lv->nfrom < strip.n)
        start = lv->nfrom;
    for (size_t i = start; i < strip.n; i++) {
        if (i > start)
            vn_buf_putc(out, ' ');
        vn_buf_put(out, c->words[strip.v[i]], c->wlen[strip.v[i]]);
    }
    vn_buf_cstr(out);
    free(raw.v);
    free(syn.v);
    free(strip.v);
}

void vn_body_key(const vnplan_grammar *g, const char *name, vn_buf *out)
{
    cx c;
    cx_init(&c, g ? g : vnplan_grammar_default());
    cx_body_key(&c, name ? name : "", name ? strlen(name) : 0, out);
    cx_free(&c);
}

/* ---- documents -------------------------------------------------------------------------------- */

/* A node's own words: title and text, rendered. */
static void node_words(const vnplan_doc *doc, size_t k, vn_buf *out)
{
    const vn_node *n = &doc->nodes[k];
    vn_buf_clear(out);
    if (n->title.end > n->title.start)
        vn_render_span(doc, n->title, out);
    if (n->text.end > n->text.start) {
        if (out->len)
            vn_buf_putc(out, ' ');
        vn_render_node_text(doc, n, out);
    }
}

/* Every node of the subtree of `top` in document order, without
 * recursion; a damaged tree (a cycle) cannot loop: at most nnodes visits. */
static size_t subtree(const vnplan_doc *doc, size_t top, u32v *out)
{
    out->n = 0;
    if (top >= doc->nnodes)
        return 0;
    u32_push(out, (uint32_t)top);
    size_t visits = 1;
    int32_t k = doc->nodes[top].first_child;
    int32_t *stack = NULL;
    size_t depth = 0, cap = 0;
    while (k >= 0 && (size_t)k < doc->nnodes && visits < doc->nnodes) {
        u32_push(out, (uint32_t)k);
        visits++;
        int32_t c = doc->nodes[k].first_child;
        if (c >= 0 && (size_t)c < doc->nnodes) {
            VN_PUSH(stack, depth, cap) = k;
            k = c;
            continue;
        }
        int32_t nx = doc->nodes[k].next;
        while (nx < 0 && depth > 0)
            nx = doc->nodes[stack[--depth]].next;
        k = nx;
    }
    free(stack);
    return out->n;
}

static void subtree_words(const vnplan_doc *doc, size_t top, vn_buf *out)
{
    u32v nodes = {0};
    vn_buf one = {0};
    vn_buf_clear(out);
    subtree(doc, top, &nodes);
    for (size_t i = 0; i < nodes.n; i++) {
        node_words(doc, nodes.v[i], &one);
        if (!one.len)
            continue;
        if (out->len)
            vn_buf_putc(out, ' ');
        vn_buf_put(out, one.data, one.len);
    }
    vn_buf_cstr(out);
    vn_buf_free(&one);
    free(nodes.v);
}

/* The first node labelled `label` (top-level sections come first in
 * document order). */
static int32_t find_section(const vnplan_doc *doc, vn_label label)
{
    for (size_t k = 0; k < doc->nnodes; k++)
        if (doc->nodes[k].label == label && doc->nodes[k].kind != VN_KIND_FIELD)
            return (int32_t)k;
    return -1;
}

/* Children that name a group or a body: numbered sections and headings;
 * when there are none, items. */
static void section_children(const vnplan_doc *doc, int32_t sec, u32v *out)
{
    out->n = 0;
    if (sec < 0)
        return;
    size_t guard = 0;
    for (int32_t k = doc->nodes[sec].first_child; k >= 0 && (size_t)k < doc->nnodes && guard < doc->nnodes;
         k = doc->nodes[k].next, guard++) {
        const vn_node *n = &doc->nodes[k];
        if ((n->kind == VN_KIND_SECTION || n->kind == VN_KIND_HEADING) && n->title.end > n->title.start)
            u32_push(out, (uint32_t)k);
    }
    if (out->n)
        return;
    guard = 0;
    for (int32_t k = doc->nodes[sec].first_child; k >= 0 && (size_t)k < doc->nnodes && guard < doc->nnodes;
         k = doc->nodes[k].next, guard++)
        if (doc->nodes[k].kind == VN_KIND_ITEM || doc->nodes[k].kind == VN_KIND_SECTION)
            u32_push(out, (uint32_t)k);
}


static bool unverified(const vn_target *t)
{
    return t->confidence && strcmp(t->confidence, "confirmed") != 0;
}

/* ---- scoring ----------------------------------------------------------------------------------- */

typedef struct side {
    const vnplan_doc *doc;
    fset *ind;        /* per target: indicator (quantified) or whole text (qualitative) */
    int32_t *dup_of;  /* the target this one restates, or -1 */
    int32_t *first_part, *next_part; /* its "trong đó" parts, a list through next_part */
    uint32_t *ser_off, *ser;          /* its series: ser[ser_off[t] .. ser_off[t + 1]) */
    uint32_t *class_count;            /* per target: kept quantified targets of its unit class */
    uint8_t *past;                    /* a figure of a year before the document's: a report, not a target */
} side;

/* A quantified target that takes part in the comparison. */
static bool live(const side *S, size_t i)
{
    return !S->doc->targets[i].qualitative && !S->past[i];
}

/* How many kept quantified targets of the document share each target's
 * unit class (restatements not counted). */
static void count_classes(side *S)
{
    const vnplan_doc *d = S->doc;
    size_t n = d->ntargets;
    S->class_count = vn_xcalloc(n + 1, sizeof *S->class_count);
    /* classes are few: a small table of (name, count) */
    const char *names[64];
    uint32_t counts[64];
    size_t nn = 0;
    for (size_t i = 0; i < n; i++) {
        const vn_target *t = &d->targets[i];
        if (!live(S, i) || S->dup_of[i] >= 0)
            continue;
        const char *cl = t->unit_class ? t->unit_class : "";
        size_t k = 0;
        while (k < nn && strcmp(names[k], cl) != 0)
            k++;
        if (k == nn && nn < 64) {
            names[nn] = cl;
            counts[nn++] = 0;
        }
        if (k < nn)
            counts[k]++;
    }
    for (size_t i = 0; i < n; i++) {
        const char *cl = d->targets[i].unit_class ? d->targets[i].unit_class : "";
        for (size_t k = 0; k < nn; k++)
            if (!strcmp(names[k], cl))
                S->class_count[i] = counts[k];
    }
}

static double phase_factor(const cx *c, uint16_t a, uint16_t b)
{
    if (a == b)
        return 1.0;
    if (a == VN_PHASE_NONE || b == VN_PHASE_NONE)
        return c->p.phase_unknown;
    return c->p.phase_other;
}

/* The score of a pair without the parent factor. */
/* The series of each target: the targets of the same document that state
 * the same indicator for another phase (same unit class, both phases
 * stated and different, similar words, no exclusive topics).  A decision
 * often words one indicator differently from phase to phase ("thu hút người
 * có trình độ tiến sĩ ... đang làm việc ở nước ngoài" for 2030, "thu hút tiến
 * sĩ ... từ nước ngoài" for 2035); the words of the whole series then speak
 * for each member, and the phase tells the members apart. */
#define VN_SERIES_MAX_TARGETS 2000

static void find_series(const cx *c, side *S)
{
    const vnplan_doc *d = S->doc;
    size_t n = d->ntargets;
    S->ser_off = vn_xcalloc(n + 2, sizeof *S->ser_off);
    u32v all = {0};
    for (size_t i = 0; i < n; i++) {
        S->ser_off[i] = (uint32_t)all.n;
        u32_push(&all, (uint32_t)i);
        const vn_target *a = &d->targets[i];
        if (n > VN_SERIES_MAX_TARGETS || !live(S, i) || a->phase <= VN_PHASE_GENERAL)
            continue;
        for (size_t k = 0; k < n; k++) {
            const vn_target *b = &d->targets[k];
            if (k == i || !live(S, k) || b->phase <= VN_PHASE_GENERAL || b->phase == a->phase)
                continue;
            if (!str_eq(a->unit_class, b->unit_class) || (a->parent >= 0) != (b->parent >= 0))
                continue;
            if (fset_cosine(&S->ind[i], &S->ind[k]) >= c->p.series && !fset_exclusive(c, &S->ind[i], &S->ind[k]) &&
                !fset_exclusive(c, &S->ind[k], &S->ind[i]))
                u32_push(&all, (uint32_t)k);
        }
    }
    S->ser_off[n] = (uint32_t)all.n;
    S->ser = all.v ? all.v : vn_xcalloc(1, sizeof *S->ser);
}

/* The similarity of two targets' words: the best over their series. */
static double series_similarity(const side *B, size_t i, const side *P, size_t j)
{
    double best = 0;
    for (uint32_t a = B->ser_off[i]; a < B->ser_off[i + 1]; a++)
        for (uint32_t b = P->ser_off[j]; b < P->ser_off[j + 1]; b++) {
            double s = fset_cosine(&B->ind[B->ser[a]], &P->ind[P->ser[b]]);
            if (s > best)
                best = s;
        }
    return best;
}

/* Whether another member of target x's series states a phase nearer to
 * `phase` than x does: then that member answers for it.  A plan giving an
 * indicator for 2027 and 2030 answers a 2035 target with its 2030 figure (if
 * at all), never with the 2027 step; a decision giving 2030 and 2035 figures
 * meets a plan's lone 2030 figure with its 2030 one. */
static bool nearer_in_series(const side *S, size_t x, uint16_t phase)
{
    const vnplan_doc *d = S->doc;
    uint16_t own = d->targets[x].phase;
    if (own <= VN_PHASE_GENERAL || phase <= VN_PHASE_GENERAL || own == phase)
        return false;
    unsigned dist = own > phase ? own - phase : phase - own;
    for (uint32_t a = S->ser_off[x]; a < S->ser_off[x + 1]; a++) {
        uint16_t p = d->targets[S->ser[a]].phase;
        if (S->ser[a] != x && p > VN_PHASE_GENERAL && (unsigned)(p > phase ? p - phase : phase - p) < dist)
            return true;
    }
    return false;
}

static double pair_raw(const cx *c, const side *B, size_t i, const side *P, size_t j)
{
    const vn_target *b = &B->doc->targets[i], *t = &P->doc->targets[j];
    if (nearer_in_series(P, j, b->phase) || nearer_in_series(B, i, t->phase))
        return 0;
    double uf = unit_compat_rules(c->rules, b->unit_class, t->unit_class);
    if (uf <= 0)
        return 0;
    double sim = series_similarity(B, i, P, j);
    if (sim <= 0)
        return 0;
    /* the only target of a unit class on each side ("người/1 vạn dân"): the
     * class itself says they measure the same thing, once the words agree a little */
    if (uf >= 1 && B->class_count[i] == 1 && P->class_count[j] == 1 && sim >= c->p.unique_class_min)
        sim += (1 - sim) * c->p.unique_class_bonus;
    double s = sim * uf * phase_factor(c, b->phase, t->phase);
    s *= values_equal(b->value, t->value) ? c->p.value_same : c->p.value_other;
    if (t->section != VN_LABEL_MUC_TIEU && t->section != b->section)
        s *= c->p.section_other;
    if (fset_exclusive(c, &B->ind[i], &P->ind[j]))
        s *= c->p.exclusive_factor;
    return s > 1 ? 1 : s;
}

/* How well the "trong đó" parts of two targets match: for each part of the
 * baseline target, its best match among the parts of the plan target,
 * averaged.  Parts that agree make it likelier that their wholes are one
 * target ("đạt 35%, trong đó 2,5% ... và 18% ..."). */
static double parts_support(const side *B, size_t i, const side *P, size_t j, const double *raw, size_t m)
{
    double sum = 0;
    size_t count = 0, guard = 0;
    for (int32_t a = B->first_part[i]; a >= 0 && guard++ < B->doc->ntargets; a = B->next_part[a]) {
        double best = 0;
        size_t guard2 = 0;
        for (int32_t b = P->first_part[j]; b >= 0 && guard2++ < P->doc->ntargets; b = P->next_part[b])
            if (raw[(size_t)a * m + (size_t)b] > best)
                best = raw[(size_t)a * m + (size_t)b];
        sum += best;
        count++;
    }
    return count ? sum / (double)count : 0;
}

static double pair_score(const cx *c, const side *B, size_t i, const side *P, size_t j, const double *raw, size_t m)
{
    double s = raw[i * m + j];
    if (s <= 0)
        return 0;
    if (B->first_part[i] >= 0 && P->first_part[j] >= 0)
        s *= 1 + c->p.child_weight * parts_support(B, i, P, j, raw, m);
    int32_t pb = B->doc->targets[i].parent, pp = P->doc->targets[j].parent;
    bool hb = pb >= 0 && (size_t)pb < B->doc->ntargets, hp = pp >= 0 && (size_t)pp < P->doc->ntargets;
    if (hb != hp) {
        s *= c->p.parent_one_sided;
    } else if (hb && hp) {
        double ps = raw[(size_t)pb * m + (size_t)pp] / c->p.certain;
        if (ps > 1)
            ps = 1;
        s *= 1 - c->p.parent_weight + c->p.parent_weight * ps;
    }
    return s > 1 ? 1 : s;
}

/* Restatements are looked for among targets of one unit class and value;
 * in a hostile document where thousands share them, each is compared with
 * this many of its neighbours at most (quadratic work bounded). */
#define VN_DUP_WINDOW 256

typedef struct dup_key {
    const char *cls;
    double value;
    uint32_t index;
} dup_key;

static int cmp_dup_key(const void *a, const void *b)
{
    const dup_key *x = a, *y = b;
    int c = strcmp(x->cls, y->cls);
    if (c)
        return c;
    if (!values_equal(x->value, y->value)) {
        if (isnan(x->value) != isnan(y->value))
            return isnan(x->value) ? 1 : -1;
        return x->value < y->value ? -1 : 1;
    }
    return x->index < y->index ? -1 : 1;
}

/* Plan targets that restate another of the same document: same unit class
 * and value, compatible comparator and phase, a similar indicator; a part
 * restates a part only when their wholes are one target.  The one kept is
 * the one in the objectives section, else the one with a phase, else the
 * first stated. */
static void find_duplicates(const cx *c, side *S)
{
    const vnplan_doc *d = S->doc;
    size_t n = d->ntargets;
    for (size_t i = 0; i < n; i++)
        S->dup_of[i] = -1;
    dup_key *keys = vn_xmalloc((n + 1) * sizeof *keys);
    size_t nq = 0;
    for (size_t i = 0; i < n; i++)
        if (live(S, i)) {
            keys[nq].cls = d->targets[i].unit_class ? d->targets[i].unit_class : "";
            keys[nq].value = d->targets[i].value;
            keys[nq++].index = (uint32_t)i;
        }
    qsort(keys, nq, sizeof *keys, cmp_dup_key);
    uint32_t *order = vn_xmalloc((nq + 1) * sizeof *order);
    for (size_t k = 0; k < nq; k++)
        order[k] = keys[k].index;
    free(keys);
    /* position of each target in `order`, and the extent of its group */
    size_t *pos = vn_xmalloc((n + 1) * sizeof *pos), *gstart = vn_xmalloc((nq + 1) * sizeof *gstart),
           *gend = vn_xmalloc((nq + 1) * sizeof *gend);
    for (size_t a = 0; a < nq;) {
        size_t e = a + 1;
        const vn_target *x = &d->targets[order[a]];
        while (e < nq && str_eq(d->targets[order[e]].unit_class ? d->targets[order[e]].unit_class : "",
                                x->unit_class ? x->unit_class : "") &&
               values_equal(d->targets[order[e]].value, x->value))
            e++;
        for (size_t k = a; k < e; k++) {
            pos[order[k]] = k;
            gstart[k] = a;
            gend[k] = e;
        }
        a = e;
    }
    for (size_t j = 0; j < n; j++) {
        const vn_target *t = &d->targets[j];
        if (!live(S, j))
            continue;
        size_t pj = pos[j];
        size_t lo = gstart[pj], hi = gend[pj];
        if (pj > lo + VN_DUP_WINDOW)
            lo = pj - VN_DUP_WINDOW;
        if (hi > pj + VN_DUP_WINDOW + 1)
            hi = pj + VN_DUP_WINDOW + 1;
        int32_t best = -1;
        double best_s = 0;
        for (size_t q = lo; q < hi; q++) {
            size_t i = order[q];
            const vn_target *u = &d->targets[i];
            if (i == j || S->dup_of[i] >= 0)
                continue;
            if (u->phase != t->phase && u->phase != VN_PHASE_NONE && t->phase != VN_PHASE_NONE)
                continue;
            if ((u->parent >= 0) != (t->parent >= 0))
                continue;
            if (u->parent >= 0 && (size_t)u->parent < n && (size_t)t->parent < n) {
                int32_t ru = S->dup_of[u->parent] >= 0 ? S->dup_of[u->parent] : u->parent;
                int32_t rt = S->dup_of[t->parent] >= 0 ? S->dup_of[t->parent] : t->parent;
                if (ru != rt)
                    continue;
            }
            bool u_first = (u->section == VN_LABEL_MUC_TIEU) != (t->section == VN_LABEL_MUC_TIEU)
                               ? u->section == VN_LABEL_MUC_TIEU
                               : (u->phase != VN_PHASE_NONE) != (t->phase != VN_PHASE_NONE) ? u->phase != VN_PHASE_NONE
                                                                                          : i < j;
            if (!u_first)
                continue;
            double sc = fset_cosine(&S->ind[i], &S->ind[j]);
            if (sc >= c->p.duplicate && sc > best_s) {
                best_s = sc;
                best = (int32_t)i;
            }
        }
        S->dup_of[j] = best;
    }
    /* chains end at a kept target */
    for (size_t j = 0; j < n; j++) {
        int32_t k = S->dup_of[j];
        size_t steps = 0;
        while (k >= 0 && S->dup_of[k] >= 0 && steps++ < n)
            k = S->dup_of[k];
        S->dup_of[j] = k == (int32_t)j ? -1 : k;
    }
    free(order);
    free(pos);
    free(gstart);
    free(gend);
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

static double match_confidence(const cx_params *p, double s, double rival)
{
    double c = 0.5 + 0.5 * clamp01((s - p->threshold) / (p->certain - p->threshold));
    double margin = s - rival;
    if (rival > 0 && margin < 0.1)
        c -= 0.25 * (1 - clamp01(margin / 0.1));
    return clamp01(c);
}

static double none_confidence(const cx_params *p, double best)
{
    return clamp01(0.5 + 0.5 * clamp01((p->threshold - best) / p->threshold));
}

/* ---- the diff ----------------------------------------------------------------------------------- */

static void diff_changes(const cx *c, vn_finding *f, const vn_target *b, const vn_target *t)
{
    f->nchanges = 0;
    if (!values_equal(b->value, t->value)) {
        f->changes[f->nchanges].what = VN_CHG_VALUE;
        f->changes[f->nchanges++].dir = (uint8_t)value_direction(c->rules, &c->p, b, t);
    }
    if (b->cmp != t->cmp) {
        f->changes[f->nchanges].what = VN_CHG_COMPARATOR;
        f->changes[f->nchanges++].dir = (uint8_t)comparator_direction(c->rules, b->cmp, t->cmp);
    }
    if (b->phase != t->phase && b->phase != VN_PHASE_NONE && t->phase != VN_PHASE_NONE) {
        vn_dir d = VN_DIR_DIFFERENT;
        if (b->phase > VN_PHASE_GENERAL && t->phase > VN_PHASE_GENERAL)
            d = t->phase < b->phase ? VN_DIR_STRICTER : VN_DIR_LOOSER;
        f->changes[f->nchanges].what = VN_CHG_PHASE;
        f->changes[f->nchanges++].dir = (uint8_t)d;
    }
    if (!str_eq(b->unit_class, t->unit_class) && !(b->unit_class == NULL && t->unit_class == NULL)) {
        f->changes[f->nchanges].what = VN_CHG_UNIT;
        f->changes[f->nchanges++].dir = VN_DIR_DIFFERENT;
    }
    f->status = f->nchanges ? VN_FS_CHANGED : VN_FS_ADOPTED;
}

static uint32_t push_dups(vnplan_diff *d, const side *P, int32_t kept, int32_t except)
{
    uint32_t first = (uint32_t)d->ndups;
    for (size_t j = 0; j < P->doc->ntargets; j++)
        if (P->dup_of[j] == kept && (int32_t)j != except) {
            if (d->ndups == d->capdups) {
                d->capdups = d->capdups ? d->capdups * 2 : 16;
                d->dups = vn_xrealloc(d->dups, d->capdups * sizeof *d->dups);
            }
            d->dups[d->ndups++] = (uint32_t)j;
        }
    return first;
}

/* Quantified targets. */
static vnplan_status compare_targets(cx *c, vnplan_diff *d, side *B, side *P, vn_error *err)
{
    size_t n = B->doc->ntargets, m = P->doc->ntargets;
    if (n && m && n > VN_COMPARE_MAX_PAIRS / m)
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE,
                       "too many targets to compare (%zu in the baseline, %zu in the plan; the limit is %zu pairs)", n,
                       m, (size_t)VN_COMPARE_MAX_PAIRS);
    double *raw = vn_xcalloc(n * m + 1, sizeof *raw);
    for (size_t i = 0; i < n; i++)
        if (live(B, i))
            for (size_t j = 0; j < m; j++)
                if (live(P, j))
                    raw[i * m + j] = pair_raw(c, B, i, P, j);
    double *full = vn_xcalloc(n * m + 1, sizeof *full);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            full[i * m + j] = pair_score(c, B, i, P, j, raw, m);

    /* the assignment among kept targets */
    size_t *rows = vn_xmalloc((n + 1) * sizeof *rows), *cols = vn_xmalloc((m + 1) * sizeof *cols);
    size_t nr = 0, nc = 0;
    for (size_t i = 0; i < n; i++)
        if (live(B, i) && B->dup_of[i] < 0)
            rows[nr++] = i;
    for (size_t j = 0; j < m; j++)
        if (live(P, j) && P->dup_of[j] < 0)
            cols[nc++] = j;
    double *sub = vn_xmalloc((nr * nc + 1) * sizeof *sub);
    for (size_t a = 0; a < nr; a++)
        for (size_t b = 0; b < nc; b++)
            sub[a * nc + b] = full[rows[a] * m + cols[b]];
    int32_t *rc = vn_xmalloc((nr + 1) * sizeof *rc);
    vn_assign(sub, nr, nc, c->p.threshold, rc);
    int32_t *match = vn_xmalloc((n + 1) * sizeof *match);  /* base -> plan */
    int32_t *taken = vn_xmalloc((m + 1) * sizeof *taken);  /* plan -> base */
    for (size_t i = 0; i < n; i++)
        match[i] = -1;
    for (size_t j = 0; j < m; j++)
        taken[j] = -1;
    for (size_t a = 0; a < nr; a++)
        if (rc[a] >= 0) {
            match[rows[a]] = (int32_t)cols[rc[a]];
            taken[cols[rc[a]]] = (int32_t)rows[a];
        }

    /* findings, one per quantified baseline target, in baseline order */
    d->findings = vn_xcalloc(n + 1, sizeof *d->findings);
    for (size_t i = 0; i < n; i++) {
        const vn_target *b = &B->doc->targets[i];
        if (!live(B, i))
            continue;
        vn_finding *f = &d->findings[d->nfindings++];
        f->base = (int32_t)i;
        f->unverified = unverified(b);
        int32_t kept = B->dup_of[i] >= 0 ? B->dup_of[i] : (int32_t)i;
        f->restated_base = B->dup_of[i] >= 0;
        int32_t j = match[kept];
        if (j >= 0 && f->restated_base) {
            /* a restated baseline target rests on the plan's restatement
             * that fits it best (itself, when a document is compared with itself) */
            int32_t best = j;
            double bs = full[i * m + (size_t)j];
            for (size_t q = 0; q < m; q++)
                if (P->dup_of[q] == j && full[i * m + q] > bs) {
                    bs = full[i * m + q];
                    best = (int32_t)q;
                }
            j = best;
        }
        if (j < 0) {
            double best = 0;
            for (size_t q = 0; q < m; q++)
                if (full[i * m + q] > best)
                    best = full[i * m + q];
            f->plan = -1;
            f->status = VN_FS_MISSING;
            f->score = best;
            f->confidence = none_confidence(&c->p, best);
            f->dup_first = 0;
            f->ndup = 0;
            continue;
        }
        f->plan = j;
        f->score = full[i * m + (size_t)j];
        double rival = 0;
        for (size_t q = 0; q < m; q++)
            if ((int32_t)q != j && P->dup_of[q] != j && (P->dup_of[j] < 0 || (int32_t)q != P->dup_of[j]) &&
                full[i * m + q] > rival)
                rival = full[i * m + q];
        for (size_t r = 0; r < n; r++)
            if (r != i && B->dup_of[r] != kept && (int32_t)r != kept && full[r * m + (size_t)j] > rival)
                rival = full[r * m + (size_t)j];
        f->confidence = match_confidence(&c->p, f->score, rival);
        diff_changes(c, f, b, &P->doc->targets[j]);
        int32_t pk = P->dup_of[j] >= 0 ? P->dup_of[j] : j;
        f->dup_first = push_dups(d, P, pk, j);
        f->ndup = (uint32_t)(d->ndups - f->dup_first);
        if (pk != j) { /* the kept plan target is a restatement of this one too */
            if (d->ndups == d->capdups) {
                d->capdups = d->capdups ? d->capdups * 2 : 16;
                d->dups = vn_xrealloc(d->dups, d->capdups * sizeof *d->dups);
            }
            d->dups[d->ndups++] = (uint32_t)pk;
            f->ndup++;
        }
    }
    /* a plan target used by a restated baseline target is not added */
    bool *used = vn_xcalloc(m + 1, sizeof *used);
    for (size_t k = 0; k < d->nfindings; k++)
        if (d->findings[k].plan >= 0) {
            int32_t j = d->findings[k].plan;
            used[j] = true;
            if (P->dup_of[j] >= 0)
                used[P->dup_of[j]] = true;
        }
    d->added = vn_xcalloc(m + 1, sizeof *d->added);
    for (size_t j = 0; j < m; j++) {
        if (!live(P, j) || P->dup_of[j] >= 0 || used[j] || taken[j] >= 0)
            continue;
        vn_added *a = &d->added[d->nadded++];
        a->plan = (int32_t)j;
        double best = 0;
        for (size_t i = 0; i < n; i++)
            if (full[i * m + j] > best)
                best = full[i * m + j];
        a->confidence = none_confidence(&c->p, best);
        a->dup_first = push_dups(d, P, (int32_t)j, -1);
        a->ndup = (uint32_t)(d->ndups - a->dup_first);
    }
    free(used);
    free(raw);
    free(full);
    free(rows);
    free(cols);
    free(sub);
    free(rc);
    free(match);
    free(taken);
    return VNPLAN_OK;
}

/* Qualitative objectives, paired on their whole text. */
static void compare_qualitative(cx *c, vnplan_diff *d, side *B, side *P)
{
    size_t n = B->doc->ntargets, m = P->doc->ntargets;
    size_t *rows = vn_xmalloc((n + 1) * sizeof *rows), *cols = vn_xmalloc((m + 1) * sizeof *cols);
    size_t nr = 0, nc = 0;
    for (size_t i = 0; i < n; i++)
        if (B->doc->targets[i].qualitative)
            rows[nr++] = i;
    for (size_t j = 0; j < m; j++)
        if (P->doc->targets[j].qualitative)
            cols[nc++] = j;
    if (nr && nc > VN_COMPARE_MAX_PAIRS / nr)
        nc = VN_COMPARE_MAX_PAIRS / nr; /* hostile input: the rest count as added */
    double *s = vn_xcalloc(nr * nc + 1, sizeof *s);
    for (size_t a = 0; a < nr; a++)
        for (size_t b = 0; b < nc; b++) {
            const vn_target *x = &B->doc->targets[rows[a]], *y = &P->doc->targets[cols[b]];
            s[a * nc + b] = fset_cosine(&B->ind[rows[a]], &P->ind[cols[b]]) * phase_factor(c, x->phase, y->phase);
        }
    int32_t *rc = vn_xmalloc((nr + 1) * sizeof *rc);
    vn_assign(s, nr, nc, c->p.qualitative_threshold, rc);
    bool *taken = vn_xcalloc(nc + 1, sizeof *taken);
    d->quals = vn_xcalloc(nr + P->doc->ntargets + 1, sizeof *d->quals);
    for (size_t a = 0; a < nr; a++) {
        vn_qual *q = &d->quals[d->nquals++];
        q->base = (int32_t)rows[a];
        q->unverified = unverified(&B->doc->targets[rows[a]]);
        if (rc[a] >= 0) {
            q->plan = (int32_t)cols[rc[a]];
            q->similarity = s[a * nc + (size_t)rc[a]];
            taken[rc[a]] = true;
        } else {
            q->plan = -1;
            double best = 0;
            for (size_t b = 0; b < nc; b++)
                if (s[a * nc + b] > best)
                    best = s[a * nc + b];
            q->similarity = best;
        }
    }
    for (size_t j = 0; j < m; j++) {
        if (!P->doc->targets[j].qualitative)
            continue;
        bool hit = false;
        for (size_t b = 0; b < nc && !hit; b++)
            hit = cols[b] == j && taken[b];
        if (hit)
            continue;
        vn_qual *q = &d->quals[d->nquals++];
        q->base = -1;
        q->plan = (int32_t)j;
        q->similarity = 0;
    }
    free(rows);
    free(cols);
    free(s);
    free(rc);
    free(taken);
}

/* Task groups of nhiệm vụ và giải pháp: each baseline group and the plan
 * group that covers it best (by title, or by title and content). */
static void compare_groups(cx *c, vnplan_diff *d, const vnplan_doc *base, const vnplan_doc *plan)
{
    u32v bg = {0}, pg = {0};
    section_children(base, find_section(base, VN_LABEL_NHIEM_VU), &bg);
    section_children(plan, find_section(plan, VN_LABEL_NHIEM_VU), &pg);
    d->base_has_groups = bg.n > 0;
    vn_arena ar = {0};
    vn_buf text = {0};
    fset *bt = vn_xcalloc(bg.n + 1, sizeof *bt), *ba = vn_xcalloc(bg.n + 1, sizeof *ba);
    fset *pt = vn_xcalloc(pg.n + 1, sizeof *pt), *pa = vn_xcalloc(pg.n + 1, sizeof *pa);
    bool *unconf = vn_xcalloc(bg.n + 1, sizeof *unconf);
    for (size_t i = 0; i < bg.n; i++) {
        const vn_node *nd = &base->nodes[bg.v[i]];
        vn_buf_clear(&text);
        vn_render_span(base, nd->title, &text);
        fset_make(c, text.data ? text.data : "", text.len, NULL, &bt[i], &ar);
        fset_weigh(c, &bt[i], false);
        node_words(base, bg.v[i], &text);
        unconf[i] = cx_unconfirmed(c, text.data ? text.data : "", text.len);
        subtree_words(base, bg.v[i], &text);
        fset_make(c, text.data ? text.data : "", text.len, NULL, &ba[i], &ar);
        fset_weigh(c, &ba[i], false);
    }
    for (size_t j = 0; j < pg.n; j++) {
        const vn_node *nd = &plan->nodes[pg.v[j]];
        vn_buf_clear(&text);
        vn_render_span(plan, nd->title, &text);
        fset_make(c, text.data ? text.data : "", text.len, NULL, &pt[j], &ar);
        fset_weigh(c, &pt[j], false);
        subtree_words(plan, pg.v[j], &text);
        fset_make(c, text.data ? text.data : "", text.len, NULL, &pa[j], &ar);
        fset_weigh(c, &pa[j], false);
    }
    double *s = vn_xcalloc(bg.n * pg.n + 1, sizeof *s);
    for (size_t i = 0; i < bg.n; i++)
        for (size_t j = 0; j < pg.n; j++) {
            double st = fset_cosine(&bt[i], &pt[j]);
            double sa = 0.5 * (fset_cosine(&ba[i], &pa[j]) + fset_coverage(&ba[i], &pa[j]));
            double sm = 0.5 * st + 0.5 * sa;
            s[i * pg.n + j] = st > sm ? st : sm;
        }
    d->groups = vn_xcalloc(bg.n + pg.n + 1, sizeof *d->groups);
    bool *covers = vn_xcalloc(pg.n + 1, sizeof *covers);
    for (size_t i = 0; i < bg.n; i++) {
        vn_group *g = &d->groups[d->ngroups++];
        g->base = (int32_t)bg.v[i];
        g->unconfirmed = unconf[i];
        g->plan = -1;
        g->similarity = 0;
        for (size_t j = 0; j < pg.n; j++)
            if (s[i * pg.n + j] > g->similarity) {
                g->similarity = s[i * pg.n + j];
                if (g->similarity >= c->p.group_threshold)
                    g->plan = (int32_t)pg.v[j];
            }
        if (g->plan >= 0)
            for (size_t j = 0; j < pg.n; j++)
                if ((int32_t)pg.v[j] == g->plan)
                    covers[j] = true;
    }
    for (size_t j = 0; j < pg.n; j++) {
        if (covers[j])
            continue;
        double best = 0;
        for (size_t i = 0; i < bg.n; i++)
            if (s[i * pg.n + j] > best)
                best = s[i * pg.n + j];
        if (best >= c->p.group_threshold && bg.n)
            continue; /* close to a baseline group that another plan group covers better */
        vn_group *g = &d->groups[d->ngroups++];
        g->base = -1;
        g->plan = (int32_t)pg.v[j];
        g->similarity = best;
    }
    free(s);
    free(covers);
    free(bt);
    free(ba);
    free(pt);
    free(pa);
    free(unconf);
    vn_buf_free(&text);
    vn_arena_free(&ar);
    free(bg.v);
    free(pg.v);
}

/* Whether a body's duty text starts with a [lead] phrase. */
static bool body_leads(cx *c, const vnplan_doc *doc, uint32_t node)
{
    vn_buf text = {0};
    u32v nodes = {0};
    subtree(doc, node, &nodes);
    bool lead = false;
    for (size_t k = 0; k < nodes.n && k < 3 && !lead; k++) {
        const vn_node *n = &doc->nodes[nodes.v[k]];
        vn_buf_clear(&text);
        vn_render_span(doc, n->text, &text);
        if (!text.len)
            continue;
        u32v syl = {0};
        cx_syllables(c, text.data, text.len, &syl);
        lead = syl.n && cx_match_at(&c->lead, syl.v, syl.n, 0) != NULL;
        free(syl.v);
    }
    vn_buf_free(&text);
    free(nodes.v);
    return lead;
}

static void collect_bodies(cx *c, const vnplan_doc *doc, vn_arena *ar, vn_body **out, size_t *nout)
{
    u32v ch = {0};
    section_children(doc, find_section(doc, VN_LABEL_TO_CHUC_THUC_HIEN), &ch);
    *out = vn_xcalloc(ch.n + 1, sizeof **out);
    *nout = 0;
    vn_buf name = {0}, key = {0};
    bool have_lead = false;
    for (size_t i = 0; i < ch.n; i++) {
        const vn_node *n = &doc->nodes[ch.v[i]];
        vn_buf_clear(&name);
        if (n->title.end > n->title.start) {
            vn_render_span(doc, n->title, &name);
        } else {
            /* an item "- Sở Tài chính: ...": the words before the colon */
            vn_render_span(doc, n->text, &name);
            char *colon = name.data ? memchr(name.data, ':', name.len) : NULL;
            if (!colon || colon - name.data > 120)
                continue;
            name.len = (size_t)(colon - name.data);
        }
        while (name.len && (name.data[name.len - 1] == ':' || name.data[name.len - 1] == '.' ||
                            vn_is_space(name.data[name.len - 1])))
            name.len--;
        if (!name.len || name.len > 200)
            continue;
        vn_buf_clear(&key);
        cx_body_key(c, name.data, name.len, &key);
        if (!key.len)
            continue;
        vn_body *b = &(*out)[(*nout)++];
        b->node = (int32_t)ch.v[i];
        b->name = vn_arena_strndup(ar, name.data, name.len);
        b->key = vn_arena_strndup(ar, key.data, key.len);
        b->counterpart = -1;
        b->lead = !have_lead && body_leads(c, doc, ch.v[i]);
        have_lead = have_lead || b->lead;
    }
    vn_buf_free(&name);
    vn_buf_free(&key);
    free(ch.v);
}

/* Whether key a holds key b as whole words. */
static bool key_holds(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (!nb || nb > na)
        return false;
    for (const char *p = a; (p = strstr(p, b)) != NULL; p++) {
        bool start = p == a || p[-1] == ' ';
        bool end = p[nb] == '\0' || p[nb] == ' ';
        if (start && end)
            return true;
    }
    return false;
}

/* The [body_unit] word a body's key starts with ("vụ", "cục": a unit inside a
 * ministry), or NULL. */
static const char *body_unit(const cx *c, const char *key)
{
    const cr_list *u = &c->rules->body_unit;
    for (size_t i = 0; i < u->n; i++) {
        size_t n = strlen(u->v[i].from);
        if (strncmp(key, u->v[i].from, n) == 0 && key[n] == ' ')
            return u->v[i].from;
    }
    return NULL;
}

static void compare_bodies(cx *c, vnplan_diff *d)
{
    collect_bodies(c, d->base, &d->arena, &d->base_bodies, &d->nbase_bodies);
    collect_bodies(c, d->plan, &d->arena, &d->plan_bodies, &d->nplan_bodies);
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        vn_body *p = &d->plan_bodies[j];
        int best = -1;
        size_t best_len = 0;
        bool best_exact = false;
        for (size_t i = 0; i < d->nbase_bodies; i++) {
            const vn_body *b = &d->base_bodies[i];
            bool exact = strcmp(p->key, b->key) == 0;
            /* "Vụ Khoa học và Công nghệ" (of the ministry that issues the
             * plan) is not the Ministry of Science and Technology */
            bool same_kind = body_unit(c, p->key) == body_unit(c, b->key);
            bool holds = exact || (same_kind && (key_holds(p->key, b->key) || key_holds(b->key, p->key)));
            if (!holds)
                continue;
            size_t len = strlen(b->key);
            if (best < 0 || (exact && !best_exact) || (exact == best_exact && len > best_len)) {
                best = (int)i;
                best_len = len;
                best_exact = exact;
            }
        }
        p->counterpart = best;
        if (best >= 0 && d->base_bodies[best].counterpart < 0)
            d->base_bodies[best].counterpart = (int32_t)j;
    }
}

static void feature_targets(cx *c, side *S, vn_arena *ar)
{
    const vnplan_doc *doc = S->doc;
    S->ind = vn_xcalloc(doc->ntargets + 1, sizeof *S->ind);
    S->dup_of = vn_xcalloc(doc->ntargets + 1, sizeof *S->dup_of);
    /* "Đến hết năm 2024, tỷ lệ ... đạt 63,5%" in a plan of 2025 reports the
     * past: such a figure is neither matched nor added */
    S->past = vn_xcalloc(doc->ntargets + 1, sizeof *S->past);
    unsigned year = 0;
    const char *date = doc->meta.date;
    for (int k = 0; date && k < 4 && vn_is_digit(date[k]); k++)
        year = year * 10 + (unsigned)(date[k] - '0');
    if (year >= 1900)
        for (size_t i = 0; i < doc->ntargets; i++) {
            const vn_target *t = &doc->targets[i];
            S->past[i] = !t->qualitative && t->phase > VN_PHASE_GENERAL && t->phase < year;
        }
    S->first_part = vn_xmalloc((doc->ntargets + 1) * sizeof *S->first_part);
    S->next_part = vn_xmalloc((doc->ntargets + 1) * sizeof *S->next_part);
    for (size_t i = 0; i < doc->ntargets; i++)
        S->first_part[i] = S->next_part[i] = -1;
    for (size_t i = doc->ntargets; i-- > 0;) {
        int32_t p = doc->targets[i].parent;
        if (p >= 0 && (size_t)p < doc->ntargets && (size_t)p != i && !doc->targets[i].qualitative) {
            S->next_part[i] = S->first_part[p];
            S->first_part[p] = (int32_t)i;
        }
    }
    for (size_t i = 0; i < doc->ntargets; i++) {
        const vn_target *t = &doc->targets[i];
        const char *s = t->qualitative ? (t->text ? t->text : t->indicator) : (t->indicator ? t->indicator : t->text);
        if (!s)
            s = "";
        fset_make(c, s, strlen(s), NULL, &S->ind[i], ar);
    }
}

/* Document frequencies over the nodes of both documents and the targets'
 * indicators (a hand-written baseline may state an indicator nowhere else). */
static void learn_frequencies(cx *c, const vnplan_doc *const *docs, const side *const *sides)
{
    vn_buf text = {0};
    vn_arena ar = {0};
    for (int k = 0; k < 2; k++) {
        const vnplan_doc *doc = docs[k];
        for (size_t i = 0; i < doc->nnodes; i++) {
            const vn_node *n = &doc->nodes[i];
            if (n->kind == VN_KIND_DOCUMENT || n->kind == VN_KIND_PART || n->kind == VN_KIND_FIELD)
                continue;
            node_words(doc, i, &text);
            if (!text.len)
                continue;
            fset f;
            fset_make(c, text.data, text.len, NULL, &f, &ar);
            df_add(c, &f);
            vn_arena_free(&ar);
        }
        for (size_t i = 0; i < doc->ntargets; i++)
            df_add(c, &sides[k]->ind[i]);
    }
    vn_buf_free(&text);
}

/* A document number's identity: upper case, no white space, Đ as D
 * (1002/QĐ-TTG = 1002/qd-ttg). */
void vn_number_key(const char *number, vn_buf *out)
{
    vn_buf_clear(out);
    if (!number)
        return;
    vn_buf tmp = {0};
    vn_fold(number, strlen(number), VN_FOLD_CASE | VN_FOLD_STRIP, &tmp, NULL);
    for (size_t i = 0; i < tmp.len; i++)
        if (!vn_is_space(tmp.data[i]))
            vn_buf_putc(out, tmp.data[i]);
    vn_buf_cstr(out);
    vn_buf_free(&tmp);
}

/* The decision a baseline stands for: its `baseline` attribute, or the
 * number of a decision. */
static const char *base_decision(const vnplan_doc *base)
{
    if (base->baseline)
        return base->baseline;
    if (base->meta.type && strcmp(base->meta.type, "quyet_dinh") == 0)
        return base->meta.number;
    return NULL;
}

static bool same_number(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    vn_buf k1 = {0}, k2 = {0};
    vn_number_key(a, &k1);
    vn_number_key(b, &k2);
    bool same = k1.len && k1.len == k2.len && memcmp(k1.data, k2.data, k1.len) == 0;
    vn_buf_free(&k1);
    vn_buf_free(&k2);
    return same;
}

static const char *first_decision(const vnplan_doc *d)
{
    for (size_t i = 0; i < d->meta.nimplements; i++)
        if (d->meta.implements[i].kind && strcmp(d->meta.implements[i].kind, "quyet_dinh") == 0)
            return d->meta.implements[i].number;
    return NULL;
}

/* Both documents name decisions they carry out, none in common, and the
 * plan does not name the baseline itself. */
static bool decisions_differ(const vnplan_doc *base, const vnplan_doc *plan)
{
    if (!first_decision(base) || !first_decision(plan))
        return false;
    for (size_t j = 0; j < plan->meta.nimplements; j++) {
        const vn_ref *r = &plan->meta.implements[j];
        if (same_number(r->number, base->meta.number))
            return false;
        for (size_t i = 0; i < base->meta.nimplements; i++)
            if (same_number(r->number, base->meta.implements[i].number))
                return false;
    }
    return true;
}

vnplan_status vnplan_compare(const vnplan_doc *base, const vnplan_doc *plan, const vnplan_grammar *grammar,
                             vnplan_diff **out, char *err, size_t errlen)
{
    vn_error e = {VNPLAN_OK, ""};
    if (out)
        *out = NULL;
    if (!base || !plan || !out) {
        vn_fail(&e, VNPLAN_ERR_USAGE, "vnplan_compare: a baseline, a plan and a place for the result are needed");
        goto fail;
    }
    if (!grammar)
        grammar = plan->grammar ? plan->grammar : vnplan_grammar_default();
    if (!grammar) {
        vn_fail(&e, VNPLAN_ERR_GRAMMAR, "the built-in grammars do not load");
        goto fail;
    }
    /* a plan compared with a decision it does not say it implements */
    const char *dec = base_decision(base);
    if (dec && plan->meta.nimplements > 0) {
        vn_buf k1 = {0}, k2 = {0};
        vn_number_key(dec, &k1);
        bool found = false;
        for (size_t i = 0; i < plan->meta.nimplements && !found; i++) {
            vn_number_key(plan->meta.implements[i].number, &k2);
            found = k1.len && k2.len == k1.len && memcmp(k1.data, k2.data, k1.len) == 0;
        }
        vn_buf_free(&k1);
        vn_buf_free(&k2);
        if (!found) {
            vn_fail(&e, VNPLAN_ERR_USAGE,
                    "the plan implements %s, not %s: compare it with the baseline of %s (--base %s)",
                    plan->meta.implements[0].number, dec, plan->meta.implements[0].number,
                    plan->meta.implements[0].number);
            goto fail;
        }
    }
    /* a plan compared with another plan: refused only when both name the
     * decisions they carry out and these differ, and the one does not
     * implement the other (a plan for 2711/QĐ-TTg against one for 1002) */
    if (!dec && decisions_differ(base, plan)) {
        vn_fail(&e, VNPLAN_ERR_USAGE,
                "the plan implements %s and the baseline implements %s: they carry out different "
                "decisions, and neither implements the other",
                first_decision(plan), first_decision(base));
        goto fail;
    }
    cx c;
    cx_init(&c, grammar);
    vnplan_diff *d = vn_xcalloc(1, sizeof *d);
    d->base = base;
    d->plan = plan;
    d->threshold = c.p.threshold;
    vn_arena ar = {0};
    side B = {base, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}, P = {plan, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    feature_targets(&c, &B, &ar);
    feature_targets(&c, &P, &ar);
    const vnplan_doc *docs[2] = {base, plan};
    const side *sides[2] = {&B, &P};
    learn_frequencies(&c, docs, sides);
    for (size_t i = 0; i < base->ntargets; i++)
        fset_weigh(&c, &B.ind[i], !base->targets[i].qualitative);
    for (size_t j = 0; j < plan->ntargets; j++)
        fset_weigh(&c, &P.ind[j], !plan->targets[j].qualitative);
    find_duplicates(&c, &B);
    find_duplicates(&c, &P);
    find_series(&c, &B);
    find_series(&c, &P);
    count_classes(&B);
    count_classes(&P);
    vnplan_status st = compare_targets(&c, d, &B, &P, &e);
    if (st == VNPLAN_OK) {
        compare_qualitative(&c, d, &B, &P);
        compare_groups(&c, d, base, plan);
        compare_bodies(&c, d);
        d->base_kinh_phi = find_section(base, VN_LABEL_KINH_PHI);
        d->plan_kinh_phi = find_section(plan, VN_LABEL_KINH_PHI);
        if (d->base_kinh_phi >= 0) {
            vn_buf t = {0};
            subtree_words(base, (size_t)d->base_kinh_phi, &t);
            d->base_kinh_phi_unconfirmed = cx_unconfirmed(&c, t.data ? t.data : "", t.len);
            vn_buf_free(&t);
        }
    }
    free(B.ind);
    free(B.dup_of);
    free(B.first_part);
    free(B.next_part);
    free(B.ser_off);
    free(B.ser);
    free(B.class_count);
    free(P.class_count);
    free(B.past);
    free(P.past);
    free(P.ser_off);
    free(P.ser);
    free(P.ind);
    free(P.dup_of);
    free(P.first_part);
    free(P.next_part);
    vn_arena_free(&ar);
    cx_free(&c);
    if (st != VNPLAN_OK) {
        vnplan_diff_free(d);
        goto fail;
    }
    *out = d;
    return VNPLAN_OK;
fail:
    if (err && errlen)
        snprintf(err, errlen, "%s", e.msg[0] ? e.msg : vnplan_strerror(e.status));
    return e.status;
}

void vnplan_diff_free(vnplan_diff *d)
{
    if (!d)
        return;
    free(d->findings);
    free(d->added);
    free(d->dups);
    free(d->quals);
    free(d->groups);
    free(d->base_bodies);
    free(d->plan_bodies);
    vn_arena_free(&d->arena);
    free(d);
}

/* ---- accessors --------------------------------------------------------------------------------- */

static size_t idx_of(int32_t i) { return i < 0 ? VNPLAN_NONE : (size_t)i; }

const vnplan_doc *vnplan_diff_base(const vnplan_diff *d) { return d ? d->base : NULL; }
const vnplan_doc *vnplan_diff_plan(const vnplan_diff *d) { return d ? d->plan : NULL; }

int vnplan_diff_has_differences(const vnplan_diff *d)
{
    if (!d)
        return 0;
    for (size_t i = 0; i < d->nfindings; i++)
        if (d->findings[i].status != VN_FS_ADOPTED)
            return 1;
    return 0;
}

size_t vnplan_diff_finding_count(const vnplan_diff *d) { return d ? d->nfindings : 0; }

#define F(d, i) (&(d)->findings[i])
const char *vnplan_diff_finding_base_id(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? d->base->targets[F(d, i)->base].id : NULL;
}
size_t vnplan_diff_finding_base_target(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? (size_t)F(d, i)->base : VNPLAN_NONE;
}
const char *vnplan_diff_finding_status(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? vn_fstatus_name((vn_fstatus)F(d, i)->status) : NULL;
}
size_t vnplan_diff_finding_plan_target(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? idx_of(F(d, i)->plan) : VNPLAN_NONE;
}
double vnplan_diff_finding_confidence(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? F(d, i)->confidence : NAN;
}
int vnplan_diff_finding_unverified(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? F(d, i)->unverified : 0;
}
size_t vnplan_diff_finding_change_count(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? F(d, i)->nchanges : 0;
}
const char *vnplan_diff_finding_change(const vnplan_diff *d, size_t i, size_t k)
{
    return d && i < d->nfindings && k < F(d, i)->nchanges ? vn_chg_name((vn_chg_what)F(d, i)->changes[k].what) : NULL;
}
const char *vnplan_diff_finding_direction(const vnplan_diff *d, size_t i, size_t k)
{
    return d && i < d->nfindings && k < F(d, i)->nchanges ? vn_dir_name((vn_dir)F(d, i)->changes[k].dir) : NULL;
}
size_t vnplan_diff_finding_restatement_count(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? F(d, i)->ndup : 0;
}
size_t vnplan_diff_finding_restatement(const vnplan_diff *d, size_t i, size_t k)
{
    return d && i < d->nfindings && k < F(d, i)->ndup ? d->dups[F(d, i)->dup_first + k] : VNPLAN_NONE;
}
size_t vnplan_diff_added_count(const vnplan_diff *d) { return d ? d->nadded : 0; }
size_t vnplan_diff_added_target(const vnplan_diff *d, size_t i)
{
    return d && i < d->nadded ? (size_t)d->added[i].plan : VNPLAN_NONE;
}
