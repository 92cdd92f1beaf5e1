/* compare.h — the compare stage: a plan aligned with its baseline (the
 * decision it implements, or any other document), and the diff that the
 * report renderers (render_diff_*.c) read.  docs/diff.md describes the
 * alignment; grammars/compare.txt holds its words and numbers. */
#ifndef VN_COMPARE_H
#define VN_COMPARE_H

#include "doc.h"
#include "grammar.h"
#include "match.h"

/* ---- findings ------------------------------------------------------------------ */

typedef enum vn_fstatus { VN_FS_ADOPTED, VN_FS_CHANGED, VN_FS_MISSING } vn_fstatus;

typedef enum vn_chg_what { VN_CHG_VALUE, VN_CHG_COMPARATOR, VN_CHG_PHASE, VN_CHG_UNIT, VN_CHG__COUNT } vn_chg_what;

typedef enum vn_dir {
    VN_DIR_NONE,      /* no direction can be told */
    VN_DIR_STRICTER,  /* the plan asks more (a higher floor, an earlier phase, "ít nhất" for "đạt") */
    VN_DIR_LOOSER,    /* the plan asks less */
    VN_DIR_LOCALIZED, /* a local share of a national absolute amount */
    VN_DIR_DIFFERENT  /* not comparable in strictness (another unit class, a floor against a ceiling) */
} vn_dir;

const char *vn_fstatus_name(vn_fstatus s);
const char *vn_chg_name(vn_chg_what w);
const char *vn_dir_name(vn_dir d);

typedef struct vn_change {
    uint8_t what; /* vn_chg_what */
    uint8_t dir;  /* vn_dir */
} vn_change;

/* One finding per quantified baseline target. */
typedef struct vn_finding {
    int32_t base;       /* baseline target */
    int32_t plan;       /* plan target it rests on, or -1 (missing) */
    uint8_t status;     /* vn_fstatus */
    uint8_t nchanges;
    vn_change changes[VN_CHG__COUNT];
    bool unverified;    /* the baseline figure is likely / inferred, not confirmed */
    bool restated_base; /* the baseline target restates another baseline target */
    double score;       /* alignment score of the pair, or the best rejected one */
    double confidence;  /* in [0, 1] */
    uint32_t dup_first, ndup; /* plan targets restating `plan`: diff->dups[dup_first ..] */
    /* what the plan counts otherwise than the baseline (who, the levels,
     * the fields): one note per part that differs */
    uint8_t nscope;
    struct vn_scope {
        uint8_t part;     /* VN_PART_* */
        uint8_t relation; /* vn_part_relation */
        const char *base, *plan; /* the words of each side, joined by VN_PART_SEP; base may be NULL */
    } scope[VN_PART__COUNT];
} vn_finding;

/* A plan target that matches no baseline target. */
typedef struct vn_added {
    int32_t plan;
    double confidence;
    uint32_t dup_first, ndup;
} vn_added;

/* Qualitative objectives: each baseline one, and each plan one no baseline
 * objective matched. */
typedef struct vn_qual {
    int32_t base; /* -1 for a plan objective that matched nothing */
    int32_t plan; /* -1 when the plan has no similar objective */
    double similarity;
    bool unverified;
} vn_qual;

/* Task groups: the baseline's groups of nhiệm vụ và giải pháp, each with the
 * plan group that covers it best; plan groups that cover none follow with
 * base = -1. */
typedef struct vn_group {
    int32_t base;   /* baseline node, or -1 */
    int32_t plan;   /* plan node, or -1 */
    double similarity;
    bool unconfirmed; /* the baseline says its title or content is not confirmed */
} vn_group;

/* Duties: the bodies of each side's tổ chức thực hiện.  A plan body's
 * counterpart is the baseline body it stands for locally. */
typedef struct vn_body {
    int32_t node;        /* the heading (or item) naming the body */
    const char *name;    /* as written, rendered */
    const char *key;     /* folded, level-free key */
    int32_t counterpart; /* index into the other side's bodies, or -1 */
    bool lead;
} vn_body;

struct vnplan_diff {
    const vnplan_doc *base, *plan;
    vn_finding *findings;
    size_t nfindings;
    vn_added *added;
    size_t nadded;
    uint32_t *dups; /* plan target indices, see dup_first */
    size_t ndups, capdups;
    vn_qual *quals;
    size_t nquals;
    vn_group *groups;
    size_t ngroups;
    bool base_has_groups;
    vn_body *base_bodies, *plan_bodies;
    size_t nbase_bodies, nplan_bodies;
    int32_t base_kinh_phi, plan_kinh_phi; /* the funding sections, or -1 */
    bool base_kinh_phi_unconfirmed;
    double threshold;
    vn_arena arena;
};

/* ---- pieces, exposed for the unit tests ------------------------------------------- */

/* The optimal one-to-one assignment of rows to columns maximizing the sum of
 * score[i * m + j] - threshold over the pairs taken, among pairs whose score
 * is at least `threshold` (Hungarian algorithm, O((n+m)^3) per connected
 * group of candidate pairs).  row_col[i] receives the column of row i or -1.
 * Groups of more than VN_ASSIGN_MAX_EXACT rows and columns together are assigned
 * greedily (best pair first) instead: a bound on time for hostile input. */
#define VN_ASSIGN_MAX_EXACT 400

/* The most pairs of a baseline and a plan target that share words (and so
 * have a score to keep: compare.c scores only those) one comparison holds:
 * 8M pairs, about 24 bytes each.  Beyond it vnplan_compare fails with
 * VNPLAN_ERR_TOO_LARGE rather than exhaust memory.  Pairs that share no
 * word cost nothing: a baseline and a plan of 30.000 targets each, worded
 * each their own way, compare in a second. */
#define VN_COMPARE_MAX_PAIRS ((size_t)8 * 1024 * 1024)
void vn_assign(const double *score, size_t n, size_t m, double threshold, int32_t *row_col);

/* Compiled compare.txt (built by vn_compare_rules_init). */
typedef struct vn_compare_rules vn_compare_rules;

/* Similarity in [0, 1] of two texts under the rules' synonyms and stop words,
 * every word weighted 1 (no document frequencies): what the tests probe. */
double vn_text_similarity(const vnplan_grammar *g, const char *a, const char *b);

/* Unit-class compatibility: 1 for the same class, the [unit_compat] factor,
 * or 0 (never aligned).  NULL classes are compatible only with each other. */
double vn_unit_compat(const vnplan_grammar *g, const char *a, const char *b);

/* The direction of a value change and of a comparator change between a
 * baseline target and a plan target (vn_dir). */
vn_dir vn_value_direction(const vnplan_grammar *g, const vn_target *base, const vn_target *plan);
vn_dir vn_comparator_direction(const vnplan_grammar *g, int base_cmp, int plan_cmp);

/* A body's comparison key (folded, synonyms applied, level word and
 * locality dropped); appended to out. */
void vn_body_key(const vnplan_grammar *g, const char *name, vn_buf *out);

/* Whether a title or text says it is not confirmed ([unconfirmed]). */
bool vn_says_unconfirmed(const vnplan_grammar *g, const char *text);

/* A document number's identity key: case and diacritics folded, white space
 * dropped (1002/QĐ-TTG, 1002/qd-ttg → the same key).  Replaces out. */
void vn_number_key(const char *number, vn_buf *out);

#endif
