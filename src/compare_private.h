/* compare_private.h — what the files of the compare stage share: the compiled
 * rules of compare.txt, the comparison context (a vocabulary and the rules
 * in its ids), feature sets, a document's side of the comparison, and the
 * functions one file calls in another.
 *
 * The stage is cut by what each part decides:
 *   compare_rules.c     grammars/compare.txt compiled, and its tuning numbers
 *   compare_features.c  a text as weighted syllables and pairs of syllables
 *   compare_assign.c    the global pairing (Hungarian algorithm)
 *   compare_score.c     how well a baseline target and a plan target agree
 *   compare_groups.c    qualitative objectives, task groups and bodies
 *   compare_cache.c     what a comparison reads of the baseline alone, read once per baseline
 *   compare.c           the diff itself: vnplan_compare and its accessors
 * Nothing here is part of the library's interface. */
#ifndef VN_COMPARE_PRIVATE_H
#define VN_COMPARE_PRIVATE_H

#include "compare.h"
#include "targets_parts.h"
#include "match.h"
#include "text.h"
#include "utf8.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

/* [implied]: a unit class and the words it implies */
typedef struct cr_implied {
    const char *cls, *phrase;
} cr_implied;

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
    cr_implied *implied;
    size_t nimplied;
    const char **absolute;
    size_t nabsolute;
    bool ceiling[VN_CMP__COUNT];
    cr_param *params;
    size_t nparams;
    vn_arena arena;
};

/* The tuning numbers, compare.txt's [param] rows, as X(name, default): the
 * default applies when compare.txt leaves one out (a user's override file
 * need not list them all; vn_cp_cx_params_load). */
#define CX_PARAMS(X)                                                                                         \
    X(threshold, 0.30) X(certain, 0.75) X(phase_other, 0.70) X(phase_unknown, 0.85)                          \
    X(parent_one_sided, 0.80) X(parent_weight, 0.40) X(value_same, 1.0) X(value_other, 0.88)                 \
    X(section_other, 0.95) X(exclusive_factor, 0.35) X(bigram_weight, 0.8) X(idf_floor, 0.3)                 \
    X(localized_ratio, 0.2) X(duplicate, 0.55) X(qualitative_threshold, 0.22) X(group_threshold, 0.20)       \
    X(body_threshold, 0.6) X(position_decay, 8) X(child_weight, 0.5) X(series, 0.45) X(idf_pseudo, 50)       \
    X(unique_class_bonus, 0.4) X(unique_class_min, 0.1) X(parts_agree, 0.2)

typedef struct cx_params {
#define CX_PARAM_FIELD(name, dflt) double name;
    CX_PARAMS(CX_PARAM_FIELD)
#undef CX_PARAM_FIELD
} cx_params;

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
    const uint8_t *first; /* first[id]: some phrase starts with word id (ids below nfirst) */
    size_t nfirst;
} cx_plist;

typedef struct cx {
    const vn_compare_rules *rules;
    const vnplan_grammar *grammar; /* for the parts of indicators (indicators.txt) */
    cx_params p;
    /* vocabulary: open addressing, string -> id */
    char **words;
    uint32_t *wlen;
    size_t nwords, capwords;
    uint32_t *slots; /* id + 1, 0 empty */
    size_t nslots;
    /* words as the text wrote them -> their ids (vn_cp_cx_syllables): a
     * word met again is not folded again.  Each comparison's own, never
     * copied from the baseline's cache (vn_cp_cx_from_cache). */
    const char **raw;
    uint32_t *rawlen, *rawid;
    size_t nraw, capraw;
    uint32_t *rawslots; /* index + 1, 0 empty */
    size_t nrawslots;
    vn_arena arena;
    /* rules in ids; phrase lists sorted by first syllable, longest first */
    cx_plist synonyms, stop, unconfirmed, body_synonyms, body_level, body_strip, lead;
    cx_phrase *exclusive_items; /* every phrase of every group */
    size_t *exclusive_group;    /* its group */
    size_t nexclusive_items;
    /* document frequencies of features */
    uint64_t *dfkeys;
    uint32_t *dfvals;
    uint32_t *dfseen; /* per slot: the last document (ndocs + 1) that counted it (vn_cp_df_add_syllables) */
    size_t ndfslots, ndf;
    size_t ndocs; /* 0: every feature weighs 1 */
    /* scratch */
    vn_buf fold, tmp;
    u32v a, b;
} cx;

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
typedef struct side {
    const vnplan_doc *doc;
    fset *ind;        /* per target: indicator (quantified) or whole text (qualitative) */
    int32_t *dup_of;  /* the target this one restates, or -1 */
    int32_t *first_part, *next_part; /* its "trong đó" parts, a list through next_part */
    uint32_t *ser_off, *ser;          /* its series: ser[ser_off[t] .. ser_off[t + 1]) */
    uint32_t *class_count;            /* per target: kept quantified targets of its unit class */
    uint8_t *past;                    /* a figure of a year before the document's: a report, not a target */
    /* per target: what it measures (targets_parts.h), VN_PART__COUNT words:
     * the document's own part set, or one read here when it records none */
    const char *const **parts;
    /* plan side, per target: bit 1 << part set when its level is one the
     * baseline names nowhere, so that it may stand for a target of another
     * level (vn_cp_mark_foreign); NULL: none */
    uint8_t *foreign;
    /* per target: which of the rules' exclusive items its indicator names
     * (bit k: exclusive_items[k]); NULL when there are more than 64 items */
    uint64_t *excl;
} side;

/* The ids of a baseline's own words in a comparison's vocabulary: ids below
 * n0 (the rules' words and the baseline targets') are the same in both; the
 * baseline's word n0 + k has the id map[k]. */
typedef struct cx_tr {
    uint32_t n0;
    uint32_t *map;
} cx_tr;

/* A baseline's task groups (compare_groups.c): features in its own ids, not
 * weighed. */
typedef struct cp_groups {
    u32v nodes;
    fset *title, *all;
    bool *unconfirmed;
} cp_groups;

/* What a comparison reads of the baseline alone, worked out once per
 * baseline and grammar (compare_cache.c) and kept with the baseline
 * document: the vocabulary and the compiled phrase lists after the
 * baseline's targets, its targets' features, the document frequencies of
 * its nodes, its task groups and its bodies.  Read-only once made. */
struct vn_cmp_cache {
    const vnplan_grammar *grammar;
    cx rec;                  /* the context it was read with (owns the words) */
    char **words0;           /* the vocabulary after the baseline's targets */
    uint32_t *wlen0, *slots0;
    size_t nwords0, nslots0;
    side B;                  /* ind (positions, not weights), parts, past, first_part, next_part */
    uint64_t *dfkeys;        /* features of the baseline's nodes and targets, */
    uint32_t *dfcounts;      /* and how many of them hold each */
    size_t ndf, dfdocs;
    size_t nnew_nodes, nnew; /* the baseline's own words: rec.words[nwords0 ..): of its nodes, then of its groups */
    cp_groups groups;
    vn_body *bodies;
    size_t nbodies;
    int32_t kinh_phi;
    bool kinh_phi_unconfirmed;
    bool baked; /* its arrays are vn_baked_caches' read-only data: only the struct is freed */
    vn_arena arena;
};
typedef struct vn_cmp_cache vn_cmp_cache;

/* The caches of the bundled baselines as the build made them, one per entry
 * of vn_embedded_baselines (compare_baked.c; tools/bake.c writes them into
 * build/gen/baked_baselines.c).  A cache whose sizes differ from this
 * build's, or that was made for a tree of another name or shape, is not
 * used; `cache` NULL: none could be written. */
typedef struct vn_baked_cache {
    size_t sizes[7];  /* VN_CACHE_BAKED_SIZES, as the writer saw them */
    const char *name; /* the baseline's vn_embedded_baselines name */
    size_t ntargets, nnodes;
    const vn_cmp_cache *cache; /* grammar, rules and document unset */
} vn_baked_cache;
#define VN_CACHE_BAKED_SIZES                                                                                 \
    {                                                                                                        \
        sizeof(vn_cmp_cache), sizeof(cx), sizeof(side), sizeof(fset), sizeof(cx_phrase), sizeof(cx_plist),   \
            sizeof(vn_body)                                                                                  \
    }
extern const vn_baked_cache vn_baked_caches[];
extern const size_t vn_baked_caches_count;
/* Writes k, the cache of bundled baseline `base`, as C data named vn_bcBASE
 * (a static vn_cmp_cache); false when some number cannot be written so. */
bool vn_cp_bake_cache(FILE *out, const vn_cmp_cache *k, size_t base);

/* The syllables of a document's nodes as vn_cp_learn_nodes read them: a
 * task group's subtree is read from them (compare_groups.c) rather than
 * folded again.  Node k's are syl.v[start[k] .. start[k] + len[k]); len[k]
 * is NODE_UNREAD for a node learn_nodes passes over. */
#define NODE_UNREAD UINT32_MAX
typedef struct cp_node_syl {
    uint32_t *start, *len;
    u32v syl;
} cp_node_syl;

/* A pair of a row and a column and its score (compare_assign.c). */
typedef struct cp_pair {
    double s;
    uint32_t i, j;
} cp_pair;

/* The scores of the pairs of quantified targets that are not 0 (most pairs
 * of a large baseline and a large plan share no word and score 0): row i's
 * entries are rp[i] .. rp[i + 1] of col (increasing), raw and full; column
 * j's are at[cp[j] .. cp[j + 1]] (indices into those, increasing rows). */
typedef struct cp_sparse {
    size_t *rp, *cp;
    uint32_t *col, *at;
    double *raw, *full;
    size_t nnz;
} cp_sparse;

/* ---- called from another file of the compare stage -------------------- */

/* compare_rules.c */
void vn_cp_cx_params_load(const vn_compare_rules *r, cx_params *p);

/* compare_features.c */
void vn_cp_u32_push(u32v *v, uint32_t x);
uint32_t vn_cp_cx_word(cx *c, const char *s, size_t n);
void vn_cp_df_add_key(cx *c, uint64_t key, uint32_t count);
uint32_t vn_cp_tr_id(const cx_tr *t, uint32_t x);
uint64_t vn_cp_tr_key(const cx_tr *t, uint64_t key);
void vn_cp_fset_translate(const cx_tr *t, const fset *lf, fset *f, vn_arena *arena);
void vn_cp_sort_pairs(uint64_t (*v)[2], size_t n);
void vn_cp_cx_syllables(cx *c, const char *s, size_t n, u32v *out);
const cx_phrase *vn_cp_cx_match_at(const cx_plist *l, const uint32_t *s, size_t n, size_t i);
void vn_cp_cx_rewrite(const cx_plist *l, const u32v *in, u32v *out);
void vn_cp_cx_init(cx *c, const vnplan_grammar *g);
void vn_cp_cx_free(cx *c);
void vn_cp_fset_make(cx *c, const char *s, size_t n, const char *extra, fset *f, vn_arena *arena);
void vn_cp_fset_from_raw(cx *c, const u32v *raw, fset *f, vn_arena *arena);
void vn_cp_df_add(cx *c, const fset *f);
void vn_cp_df_add_syllables(cx *c, const u32v *syl);
void vn_cp_fset_weigh(const cx *c, fset *f, bool positional);
double vn_cp_fset_cosine(const fset *a, const fset *b);
double vn_cp_fset_coverage(const fset *a, const fset *b);
bool vn_cp_fset_exclusive(const cx *c, const fset *a, const fset *b);
/* The exclusive items each target of S names (S->excl), for
 * vn_cp_side_exclusive's test; nothing when there are more than 64 items. */
void vn_cp_side_excl_items(const cx *c, side *S, size_t ntargets);
/* vn_cp_fset_exclusive of target i of A and target j of B, from their
 * items when both sides know them. */
bool vn_cp_side_exclusive(const cx *c, const side *A, size_t i, const side *B, size_t j);

/* compare_assign.c */
void vn_assign_pairs(const cp_pair *pp, size_t np, size_t n, size_t m, double threshold, int32_t *row_col);

/* compare_score.c */
bool vn_cp_fields_disjoint(const cx *c, const side *B, size_t i, const side *P, size_t j);
void vn_cp_mark_foreign(const cx *c, const side *B, side *P);
bool vn_cp_str_eq(const char *a, const char *b);
bool vn_cp_values_equal(double a, double b);
vn_dir vn_cp_value_direction(const vn_compare_rules *r, const cx_params *p, const vn_target *b, const vn_target *t);
vn_dir vn_cp_comparator_direction(const vn_compare_rules *r, int bc, int pc);
bool vn_cp_cx_unconfirmed(cx *c, const char *s, size_t n);
void vn_cp_cx_body_key(cx *c, const char *name, size_t n, vn_buf *out);
void vn_cp_node_words(const vnplan_doc *doc, size_t k, vn_buf *out);
size_t vn_cp_subtree(const vnplan_doc *doc, size_t top, u32v *out);
void vn_cp_subtree_words(const vnplan_doc *doc, size_t top, vn_buf *out);
int32_t vn_cp_find_section(const vnplan_doc *doc, vn_label label);
void vn_cp_section_children(const vnplan_doc *doc, int32_t sec, u32v *out);
bool vn_cp_unverified(const vn_target *t);
bool vn_cp_live(const side *S, size_t i);
void vn_cp_count_classes(side *S);
double vn_cp_phase_factor(const cx *c, uint16_t a, uint16_t b);
void vn_cp_find_series(const cx *c, side *S);
double vn_cp_pair_raw(const cx *c, const side *B, size_t i, const side *P, size_t j);
/* The entry of the pair (i, j) in sp, SIZE_MAX when the pair scores 0. */
size_t vn_cp_sparse_find(const cp_sparse *sp, size_t i, size_t j);
double vn_cp_sparse_raw(const cp_sparse *sp, size_t i, size_t j);
double vn_cp_pair_score(const cx *c, const side *B, size_t i, const side *P, size_t j, double raw,
                        const cp_sparse *sp);
void vn_cp_find_duplicates(const cx *c, side *S);
double vn_cp_match_confidence(const cx_params *p, double s, double rival);
double vn_cp_none_confidence(const cx_params *p, double best);

/* compare_groups.c */
void vn_cp_compare_qualitative(cx *c, vnplan_diff *d, side *B, side *P);
void vn_cp_groups_prepare(cx *c, const vnplan_doc *base, cp_groups *g, vn_arena *ar);
void vn_cp_compare_groups(cx *c, vnplan_diff *d, const cp_groups *bgs, const cx_tr *tr, const vnplan_doc *plan,
                          const cp_node_syl *memo);
const char *vn_cp_body_unit(const cx *c, const char *key);
void vn_cp_collect_bodies(cx *c, const vnplan_doc *doc, vn_arena *ar, vn_body **out, size_t *nout);
void vn_cp_compare_bodies(cx *c, vnplan_diff *d, const vn_body *base, size_t nbase);

/* compare.c */
void vn_cp_feature_targets(cx *c, side *S, vn_arena *ar);
void vn_cp_learn_nodes(cx *c, const vnplan_doc *doc, cp_node_syl *memo);

/* compare_cache.c */
const vn_cmp_cache *vn_cp_cache_for(const vnplan_doc *base, const vnplan_grammar *g, vn_cmp_cache **owned);
void vn_cp_cx_from_cache(cx *c, const vn_cmp_cache *k);

#endif
