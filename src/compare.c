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
 * of body names under the level-free keys of compare.txt.
 *
 * This file holds the diff itself (steps 4 and 6, vnplan_compare and the
 * accessors of its result); the steps before it live in compare_rules.c,
 * compare_features.c (1, 2), compare_score.c (3, 4), compare_assign.c (5)
 * and compare_groups.c; compare_private.h joins them. */
#include "compare_private.h"

/* ---- the diff ----------------------------------------------------------------------------------- */

static void diff_changes(const cx *c, vn_finding *f, const vn_target *b, const vn_target *t)
{
    f->nchanges = 0;
    if (!vn_cp_values_equal(b->value, t->value)) {
        f->changes[f->nchanges].what = VN_CHG_VALUE;
        f->changes[f->nchanges++].dir = (uint8_t)vn_cp_value_direction(c->rules, &c->p, b, t);
    }
    if (b->cmp != t->cmp) {
        f->changes[f->nchanges].what = VN_CHG_COMPARATOR;
        f->changes[f->nchanges++].dir = (uint8_t)vn_cp_comparator_direction(c->rules, b->cmp, t->cmp);
    }
    if (b->phase != t->phase && b->phase != VN_PHASE_NONE && t->phase != VN_PHASE_NONE) {
        vn_dir d = VN_DIR_DIFFERENT;
        if (b->phase > VN_PHASE_GENERAL && t->phase > VN_PHASE_GENERAL)
            d = t->phase < b->phase ? VN_DIR_STRICTER : VN_DIR_LOOSER;
        f->changes[f->nchanges].what = VN_CHG_PHASE;
        f->changes[f->nchanges++].dir = (uint8_t)d;
    }
    if (!vn_cp_str_eq(b->unit_class, t->unit_class) && !(b->unit_class == NULL && t->unit_class == NULL)) {
        f->changes[f->nchanges].what = VN_CHG_UNIT;
        f->changes[f->nchanges++].dir = VN_DIR_DIFFERENT;
    }
    f->status = f->nchanges ? VN_FS_CHANGED : VN_FS_ADOPTED;
}

/* The restatements of each kept plan target, in plan order: built once, so
 * that listing them for every finding and every added target costs their
 * number, not a pass over the whole plan each time (m added targets made
 * that m²). */
typedef struct dup_index {
    uint32_t *start; /* restatements of k: of[start[k] .. start[k + 1]] */
    uint32_t *of;
} dup_index;

static void dup_index_build(dup_index *x, const side *P)
{
    size_t m = P->doc->ntargets;
    x->start = vn_xcalloc(m + 2, sizeof *x->start);
    x->of = vn_xmalloc((m + 1) * sizeof *x->of);
    for (size_t j = 0; j < m; j++)
        if (P->dup_of[j] >= 0)
            x->start[P->dup_of[j] + 2]++;
    for (size_t k = 2; k < m + 2; k++)
        x->start[k] += x->start[k - 1];
    /* start[k + 1] runs as the fill position of k; it ends at k's end */
    for (size_t j = 0; j < m; j++)
        if (P->dup_of[j] >= 0)
            x->of[x->start[P->dup_of[j] + 1]++] = (uint32_t)j;
}

static void dup_index_free(dup_index *x)
{
    free(x->start);
    free(x->of);
}

static uint32_t push_dups(vnplan_diff *d, const dup_index *x, int32_t kept, int32_t except)
{
    uint32_t first = (uint32_t)d->ndups;
    if (kept < 0)
        return first;
    for (uint32_t q = x->start[kept]; q < x->start[kept + 1]; q++) {
        uint32_t j = x->of[q];
        if ((int32_t)j == except)
            continue;
        if (d->ndups == d->capdups) {
            d->capdups = d->capdups ? d->capdups * 2 : 16;
            d->dups = vn_xrealloc(d->dups, d->capdups * sizeof *d->dups);
        }
        d->dups[d->ndups++] = j;
    }
    return first;
}

/* Quantified targets. */
/* The parts of what each target measures: as the tree records them, else
 * (a tree loaded from XML without them, a bundled baseline) read from its
 * indicator; a "trong đó" part takes from its target what it does not name. */
static void feature_parts(const cx *c, side *S, vn_arena *ar)
{
    static const char *const none[VN_PART__COUNT] = {NULL};
    const vnplan_doc *doc = S->doc;
    /* a pointer a target: the document's sets are shared, not copied (a
     * dense line of a million targets names a few hundred) */
    S->parts = vn_xcalloc(doc->ntargets + 1, sizeof *S->parts);
    bool recorded = false;
    for (size_t i = 0; i < doc->ntargets && !recorded; i++)
        recorded = doc->targets[i].parts != 0;
    for (size_t i = 0; i < doc->ntargets; i++) {
        const vn_target *t = &doc->targets[i];
        S->parts[i] = recorded ? vn_target_parts(doc, t) : none;
        if (recorded)
            continue;
        const char *s = t->indicator && *t->indicator ? t->indicator : t->text;
        if (!s)
            continue;
        const char *read[VN_PART__COUNT] = {NULL};
        vn_parts_read(c->grammar, s, strlen(s), t->unit, t->unit_class, ar, read);
        bool any = false;
        for (int p = 0; p < VN_PART__COUNT; p++)
            any = any || read[p];
        if (!any)
            continue; /* none: shared */
        const char **v = vn_arena_alloc(ar, sizeof read);
        memcpy(v, read, sizeof read);
        S->parts[i] = v;
    }
    for (size_t i = 0; i < doc->ntargets; i++) {
        int32_t up = doc->targets[i].parent;
        if (up < 0 || (size_t)up >= i)
            continue;
        const char *const *mine = S->parts[i], *const *theirs = S->parts[up];
        bool more = false;
        for (int p = 0; p < VN_PART__COUNT; p++)
            more = more || (!mine[p] && theirs[p]);
        if (!more)
            continue;
        const char **v = vn_arena_alloc(ar, VN_PART__COUNT * sizeof *v);
        for (int p = 0; p < VN_PART__COUNT; p++)
            v[p] = mine[p] ? mine[p] : theirs[p];
        S->parts[i] = v;
    }
}

/* What the plan target counts otherwise than the baseline target: who is
 * counted, the levels, the fields.  The finding keeps the status its value,
 * comparator, phase and unit give; the notes say what else differs. */
static void finding_scope(const cx *c, vnplan_diff *d, vn_finding *f, const side *B, size_t i,
                          const side *P, size_t j)
{
    static const int parts[] = {VN_PART_POPULATION, VN_PART_LEVEL, VN_PART_FIELD};
    f->nscope = 0;
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        int p = parts[k];
        const char *b = B->parts[i][p], *t = P->parts[j][p];
        vn_part_relation r = vn_parts_relation(c->grammar, p, b, t);
        if (r == VN_PART_SAME)
            continue;
        struct vn_scope *s = &f->scope[f->nscope++];
        s->part = (uint8_t)p;
        s->relation = (uint8_t)r;
        s->base = b ? vn_arena_strndup(&d->arena, b, strlen(b)) : NULL;
        s->plan = vn_arena_strndup(&d->arena, t, strlen(t));
    }
}

/* ---- the pairs that can score ----------------------------------------------------------------
 * A pair scores nothing unless some member of the baseline target's series
 * shares a feature (a syllable or a pair of syllables) with some member of
 * the plan target's series: the cosine of two sets without a common key is
 * 0, and so is the pair's raw score (vn_cp_pair_raw).  So the pairs worth
 * scoring are found from an index of the plan's features, and the scores
 * of all other pairs, 0, are never stored: a large baseline against a large
 * plan costs what their shared words cost, not rows x columns. */

/* Plan targets by feature: the keys of every plan target's set with the
 * target, sorted by key. */
typedef struct feature_index {
    uint64_t (*kt)[2];
    size_t n;
    uint32_t *rstart, *rof; /* plan targets whose series holds target t: rof[rstart[t] .. rstart[t + 1]) */
} feature_index;

static void index_plan(feature_index *x, const side *P)
{
    size_t m = P->doc->ntargets, total = 0;
    for (size_t t = 0; t < m; t++)
        total += P->ind[t].n;
    x->kt = vn_xmalloc((total + 1) * sizeof *x->kt);
    x->n = 0;
    for (size_t t = 0; t < m; t++)
        for (uint32_t k = 0; k < P->ind[t].n; k++) {
            x->kt[x->n][0] = P->ind[t].keys[k];
            x->kt[x->n++][1] = t;
        }
    vn_cp_sort_pairs(x->kt, x->n);
    /* series reversed: t belongs to the series of j */
    x->rstart = vn_xcalloc(m + 2, sizeof *x->rstart);
    for (size_t j = 0; j < m; j++)
        for (uint32_t a = P->ser_off[j]; a < P->ser_off[j + 1]; a++)
            x->rstart[P->ser[a] + 2]++;
    for (size_t t = 2; t < m + 2; t++)
        x->rstart[t] += x->rstart[t - 1];
    x->rof = vn_xmalloc((P->ser_off[m] + 1) * sizeof *x->rof);
    for (size_t j = 0; j < m; j++)
        for (uint32_t a = P->ser_off[j]; a < P->ser_off[j + 1]; a++)
            x->rof[x->rstart[P->ser[a] + 1]++] = (uint32_t)j;
}

static void index_free(feature_index *x)
{
    free(x->kt);
    free(x->rstart);
    free(x->rof);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The live plan targets that may score with baseline target i, in
 * increasing order, into out; mark[] holds i + 1 for those already met. */
static void candidates(const feature_index *x, const side *B, size_t i, const side *P, uint32_t *mark, u32v *out)
{
    out->n = 0;
    for (uint32_t a = B->ser_off[i]; a < B->ser_off[i + 1]; a++) {
        const fset *f = &B->ind[B->ser[a]];
        for (uint32_t k = 0; k < f->n; k++) {
            size_t lo = 0, hi = x->n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (x->kt[mid][0] < f->keys[k])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < x->n && x->kt[lo][0] == f->keys[k]; lo++) {
                uint32_t t = (uint32_t)x->kt[lo][1];
                for (uint32_t r = x->rstart[t]; r < x->rstart[t + 1]; r++) {
                    uint32_t j = x->rof[r];
                    if (mark[j] == i + 1 || !vn_cp_live(P, j))
                        continue;
                    mark[j] = (uint32_t)i + 1;
                    vn_cp_u32_push(out, j);
                }
            }
        }
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, cmp_u32);
}

/* The raw and full scores of every pair that scores, row by row and
 * column by column; false when they are more than VN_COMPARE_MAX_PAIRS. */
static bool score_pairs(const cx *c, const side *B, const side *P, cp_sparse *sp)
{
    size_t n = B->doc->ntargets, m = P->doc->ntargets;
    feature_index x;
    index_plan(&x, P);
    uint32_t *mark = vn_xcalloc(m + 1, sizeof *mark);
    u32v cand = {0};
    size_t cap = 0;
    sp->rp = vn_xcalloc(n + 2, sizeof *sp->rp);
    sp->nnz = 0;
    bool fits = true;
    for (size_t i = 0; i < n && fits; i++) {
        sp->rp[i] = sp->nnz;
        if (!vn_cp_live(B, i))
            continue;
        candidates(&x, B, i, P, mark, &cand);
        for (size_t q = 0; q < cand.n; q++) {
            double r = vn_cp_pair_raw(c, B, i, P, cand.v[q]);
            if (r <= 0)
                continue;
            if (sp->nnz >= VN_COMPARE_MAX_PAIRS) {
                fits = false;
                break;
            }
            if (sp->nnz == cap) {
                cap = cap ? cap * 2 : 256;
                sp->col = vn_xrealloc(sp->col, cap * sizeof *sp->col);
                sp->raw = vn_xrealloc(sp->raw, cap * sizeof *sp->raw);
            }
            sp->col[sp->nnz] = cand.v[q];
            sp->raw[sp->nnz++] = r;
        }
    }
    sp->rp[n] = sp->nnz;
    free(cand.v);
    free(mark);
    index_free(&x);
    if (!fits)
        return false;
    sp->full = vn_xmalloc((sp->nnz + 1) * sizeof *sp->full);
    for (size_t i = 0; i < n; i++)
        for (size_t e = sp->rp[i]; e < sp->rp[i + 1]; e++)
            sp->full[e] = vn_cp_pair_score(c, B, i, P, sp->col[e], sp->raw[e], sp);
    /* by column: a counting sort keeps the rows in order */
    sp->cp = vn_xcalloc(m + 2, sizeof *sp->cp);
    sp->at = vn_xmalloc((sp->nnz + 1) * sizeof *sp->at);
    for (size_t e = 0; e < sp->nnz; e++)
        sp->cp[sp->col[e] + 2]++;
    for (size_t j = 2; j < m + 2; j++)
        sp->cp[j] += sp->cp[j - 1];
    for (size_t i = 0; i < n; i++)
        for (size_t e = sp->rp[i]; e < sp->rp[i + 1]; e++)
            sp->at[sp->cp[sp->col[e] + 1]++] = (uint32_t)e;
    return true;
}

static void sparse_free(cp_sparse *sp) { VN_FREE_ALL(sp->rp, sp->cp, sp->col, sp->at, sp->raw, sp->full); }

/* The row of entry e (a column's entries know only their index). */
static size_t row_of(const cp_sparse *sp, size_t n, size_t e)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the last row whose start is <= e */
        size_t mid = lo + (hi - lo) / 2;
        if (sp->rp[mid + 1] <= e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static double full_at(const cp_sparse *sp, size_t i, size_t j)
{
    size_t e = vn_cp_sparse_find(sp, i, j);
    return e != SIZE_MAX ? sp->full[e] : 0;
}

static vnplan_status compare_targets(cx *c, vnplan_diff *d, side *B, side *P, vn_error *err)
{
    size_t n = B->doc->ntargets, m = P->doc->ntargets;
    cp_sparse sp = {0};
    vn_cp_mark_foreign(c, B, P);
    if (!score_pairs(c, B, P, &sp)) {
        sparse_free(&sp);
        free(P->foreign);
        P->foreign = NULL;
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE,
                       "too many targets to compare (%zu in the baseline, %zu in the plan: more than %zu pairs "
                       "share words)",
                       n, m, (size_t)VN_COMPARE_MAX_PAIRS);
    }

    /* the assignment among kept targets: the pairs at or above the
     * threshold, in order of row then column */
    size_t *rows = vn_xmalloc((n + 1) * sizeof *rows), *cols = vn_xmalloc((m + 1) * sizeof *cols);
    int32_t *colpos = vn_xmalloc((m + 1) * sizeof *colpos);
    size_t nr = 0, nc = 0;
    for (size_t i = 0; i < n; i++)
        if (vn_cp_live(B, i) && B->dup_of[i] < 0)
            rows[nr++] = i;
    for (size_t j = 0; j < m; j++) {
        colpos[j] = -1;
        if (vn_cp_live(P, j) && P->dup_of[j] < 0) {
            colpos[j] = (int32_t)nc;
            cols[nc++] = j;
        }
    }
    cp_pair *pairs = NULL;
    size_t npairs = 0, cappairs = 0;
    for (size_t a = 0; a < nr; a++)
        for (size_t e = sp.rp[rows[a]]; e < sp.rp[rows[a] + 1]; e++)
            if (colpos[sp.col[e]] >= 0 && sp.full[e] >= c->p.threshold) {
                cp_pair *q = &VN_PUSH(pairs, npairs, cappairs);
                q->s = sp.full[e];
                q->i = (uint32_t)a;
                q->j = (uint32_t)colpos[sp.col[e]];
            }
    int32_t *rc = vn_xmalloc((nr + 1) * sizeof *rc);
    vn_assign_pairs(pairs, npairs, nr, nc, c->p.threshold, rc);
    free(pairs);
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

    /* findings, one per quantified baseline target, in baseline order; a
     * pair not among the scored ones scores 0, which no maximum below takes */
    dup_index dups;
    dup_index_build(&dups, P);
    d->findings = vn_xcalloc(n + 1, sizeof *d->findings);
    for (size_t i = 0; i < n; i++) {
        const vn_target *b = &B->doc->targets[i];
        if (!vn_cp_live(B, i))
            continue;
        vn_finding *f = &d->findings[d->nfindings++];
        f->base = (int32_t)i;
        f->unverified = vn_cp_unverified(b);
        int32_t kept = B->dup_of[i] >= 0 ? B->dup_of[i] : (int32_t)i;
        f->restated_base = B->dup_of[i] >= 0;
        int32_t j = match[kept];
        if (j >= 0 && f->restated_base) {
            /* a restated baseline target rests on the plan's restatement
             * that fits it best (itself, when a document is compared with itself) */
            int32_t best = j;
            double bs = full_at(&sp, i, (size_t)j);
            for (size_t e = sp.rp[i]; e < sp.rp[i + 1]; e++)
                if (P->dup_of[sp.col[e]] == j && sp.full[e] > bs) {
                    bs = sp.full[e];
                    best = (int32_t)sp.col[e];
                }
            j = best;
        }
        if (j < 0) {
            double best = 0;
            for (size_t e = sp.rp[i]; e < sp.rp[i + 1]; e++)
                if (sp.full[e] > best)
                    best = sp.full[e];
            f->plan = -1;
            f->status = VN_FS_MISSING;
            f->score = best;
            f->confidence = vn_cp_none_confidence(&c->p, best);
            f->dup_first = 0;
            f->ndup = 0;
            continue;
        }
        f->plan = j;
        f->score = full_at(&sp, i, (size_t)j);
        double rival = 0;
        for (size_t e = sp.rp[i]; e < sp.rp[i + 1]; e++) {
            int32_t q = (int32_t)sp.col[e];
            if (q != j && P->dup_of[q] != j && (P->dup_of[j] < 0 || q != P->dup_of[j]) && sp.full[e] > rival)
                rival = sp.full[e];
        }
        for (size_t x = sp.cp[j]; x < sp.cp[(size_t)j + 1]; x++) {
            size_t e = sp.at[x], r = row_of(&sp, n, e);
            if (r != i && B->dup_of[r] != kept && (int32_t)r != kept && sp.full[e] > rival)
                rival = sp.full[e];
        }
        f->confidence = vn_cp_match_confidence(&c->p, f->score, rival);
        diff_changes(c, f, b, &P->doc->targets[j]);
        finding_scope(c, d, f, B, i, P, (size_t)j);
        int32_t pk = P->dup_of[j] >= 0 ? P->dup_of[j] : j;
        f->dup_first = push_dups(d, &dups, pk, j);
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
        if (!vn_cp_live(P, j) || P->dup_of[j] >= 0 || used[j] || taken[j] >= 0)
            continue;
        vn_added *a = &d->added[d->nadded++];
        a->plan = (int32_t)j;
        double best = 0;
        for (size_t x = sp.cp[j]; x < sp.cp[j + 1]; x++)
            if (sp.full[sp.at[x]] > best)
                best = sp.full[sp.at[x]];
        a->confidence = vn_cp_none_confidence(&c->p, best);
        a->dup_first = push_dups(d, &dups, (int32_t)j, -1);
        a->ndup = (uint32_t)(d->ndups - a->dup_first);
    }
    free(used);
    dup_index_free(&dups);
    sparse_free(&sp);
    free(P->foreign);
    P->foreign = NULL;
    VN_FREE_ALL(rows, cols, colpos, rc, match, taken);
    return VNPLAN_OK;
}

/* "phối hợp với các cơ sở đào tạo trong tỉnh hỗ trợ [150] người của phường tốt
 * nghiệp các chương trình đào tạo về công nghệ thông tin": a count's
 * indicator opens with how the plan acts; what it counts is the counted noun
 * and the words after it.  Words weigh less the further they stand from the
 * head (position_decay), so the noun and its qualifiers go first, the acting
 * words after them.  Into out; false when the indicator is not so (no
 * counted noun in words, or fewer than ACTING_WORDS words before it: a verb
 * alone, "Thu hút [03] chuyên gia", "Đào tạo [200] kỹ sư", is part of what
 * is measured and stays its head). */
enum { ACTING_WORDS = 5 };
static bool counted_noun_first(const vn_target *t, const char *ind, vn_buf *out)
{
    if (t->qualitative || !t->unit || !t->unit[0] || !t->unit_class ||
        (strcmp(t->unit_class, "count") != 0 && strcmp(t->unit_class, "per_year") != 0))
        return false;
    size_t un = strcspn(t->unit, "/");
    while (un && t->unit[un - 1] == ' ')
        un--;
    if (un == 0)
        return false;
    size_t words = 1;
    for (const char *at = strstr(ind, " "); at; at = strstr(at + 1, " ")) {
        const char *w = at + 1;
        words += *w != ' ';
        if (strncmp(w, t->unit, un) != 0 || (w[un] != ' ' && w[un] != '\0'))
            continue;
        if (words - 1 < ACTING_WORDS)
            return false;
        vn_buf_clear(out);
        vn_buf_puts(out, w);
        vn_buf_putc(out, ' ');
        vn_buf_put(out, ind, (size_t)(at - ind));
        return true;
    }
    return false;
}

/* The words a target's unit class implies (compare.txt [implied]) when the
 * target names who is counted but no measure: "Phấn đấu 35% học sinh ...
 * theo học các ngành STEM" states a tỷ lệ as "Tỷ lệ học sinh ... đạt 35%"
 * does, and the head word of an indicator is the one that weighs most. */
static const char *implied_words(const cx *c, const vn_target *t, const char *const *parts)
{
    if (!t->unit_class || t->qualitative || parts[VN_PART_MEASURE] || !parts[VN_PART_POPULATION])
        return NULL;
    for (size_t k = 0; k < c->rules->nimplied; k++)
        if (strcmp(c->rules->implied[k].cls, t->unit_class) == 0)
            return c->rules->implied[k].phrase;
    return NULL;
}

/* Each target's features (its indicator; the whole text of a qualitative
 * objective), its "trong đó" parts, whether it reports the past, and what
 * it measures. */
void vn_cp_feature_targets(cx *c, side *S, vn_arena *ar)
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
    feature_parts(c, S, ar);
    vn_buf text = {0};
    for (size_t i = 0; i < doc->ntargets; i++) {
        const vn_target *t = &doc->targets[i];
        const char *s = t->qualitative ? (t->text ? t->text : t->indicator) : (t->indicator ? t->indicator : t->text);
        if (!s)
            s = "";
        /* a "trong đó" part's percentage is a share of its whole, not a rate of its own */
        const char *implied = t->parent >= 0 ? NULL : implied_words(c, t, S->parts[i]);
        if (implied) {
            vn_buf_clear(&text);
            vn_buf_puts(&text, implied);
            vn_buf_putc(&text, ' ');
            vn_buf_puts(&text, s);
            vn_cp_fset_make(c, text.data, text.len, NULL, &S->ind[i], ar);
        } else if (counted_noun_first(t, s, &text)) {
            vn_cp_fset_make(c, text.data, text.len, NULL, &S->ind[i], ar);
        } else {
            vn_cp_fset_make(c, s, strlen(s), NULL, &S->ind[i], ar);
        }
    }
    vn_buf_free(&text);
}

/* Document frequencies: the nodes of one document, each a document of the
 * count.  The frequencies are learned over the nodes of both documents and
 * the targets' indicators (a hand-written baseline may state an indicator
 * nowhere else): the baseline's nodes and targets first (compare_cache.c
 * keeps their counts), then the plan's. */
void vn_cp_learn_nodes(cx *c, const vnplan_doc *doc, cp_node_syl *memo)
{
    vn_buf text = {0};
    u32v raw = {0}, syl = {0};
    if (memo) {
        memo->start = vn_xcalloc(doc->nnodes + 1, sizeof *memo->start);
        memo->len = vn_xmalloc((doc->nnodes + 1) * sizeof *memo->len);
        for (size_t i = 0; i < doc->nnodes; i++)
            memo->len[i] = NODE_UNREAD;
    }
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        if (n->kind == VN_KIND_DOCUMENT || n->kind == VN_KIND_PART || n->kind == VN_KIND_FIELD)
            continue;
        vn_cp_node_words(doc, i, &text);
        raw.n = 0;
        if (text.len)
            vn_cp_cx_syllables(c, text.data, text.len, &raw);
        if (memo) {
            memo->start[i] = (uint32_t)memo->syl.n;
            memo->len[i] = (uint32_t)raw.n;
            for (size_t k = 0; k < raw.n; k++)
                vn_cp_u32_push(&memo->syl, raw.v[k]);
        }
        if (!text.len)
            continue;
        /* the features vn_cp_fset_from_raw would make of them, counted */
        vn_cp_cx_rewrite(&c->synonyms, &raw, &c->b);
        vn_cp_cx_rewrite(&c->stop, &c->b, &syl);
        vn_cp_df_add_syllables(c, &syl);
    }
    free(raw.v);
    free(syl.v);
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

static void diff_drop(void *d) { vnplan_diff_free(d); }

static vnplan_status compare_docs(const vnplan_doc *base, const vnplan_doc *plan, const vnplan_grammar *grammar,
                                  vnplan_diff **out, char *err, size_t errlen)
{
    vn_error e = {0};
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
    /* the baseline's side as every comparison with it begins (compare_cache.c) */
    vn_cmp_cache *owned = NULL;
    const vn_cmp_cache *k = vn_cp_cache_for(base, grammar, &owned);
    cx c;
    vn_cp_cx_from_cache(&c, k);
    vnplan_diff *d = vn_xcalloc(1, sizeof *d);
    vn_recover_own(d, diff_drop); /* the temporaries below are not: see "Memory" in vnplan.h */
    d->base = base;
    d->plan = plan;
    d->threshold = c.p.threshold;
    vn_arena ar = {0};
    side B = {0}, P = {0};
    B.doc = base;
    P.doc = plan;
    /* the baseline targets' features are weighed below: a copy of the
     * positions the weights replace */
    B.ind = vn_xcalloc(base->ntargets + 1, sizeof *B.ind);
    for (size_t i = 0; i < base->ntargets; i++) {
        const fset *f = &k->B.ind[i];
        B.ind[i] = *f;
        B.ind[i].w = vn_arena_alloc(&ar, (f->n ? f->n : 1) * sizeof *f->w);
        memcpy(B.ind[i].w, f->w, f->n * sizeof *f->w);
    }
    B.dup_of = vn_xcalloc(base->ntargets + 1, sizeof *B.dup_of);
    B.first_part = k->B.first_part;
    B.next_part = k->B.next_part;
    B.past = k->B.past;
    B.parts = k->B.parts;
    vn_cp_feature_targets(&c, &P, &ar);
    /* the baseline's own words take the ids they would take when its nodes
     * are read now, in the order they first appear there */
    cx_tr tr = {(uint32_t)k->nwords0, vn_xmalloc((k->nnew + 1) * sizeof *tr.map)};
    for (size_t x = 0; x < k->nnew_nodes; x++)
        tr.map[x] = vn_cp_cx_word(&c, k->rec.words[k->nwords0 + x], k->rec.wlen[k->nwords0 + x]);
    for (size_t x = 0; x < k->ndf; x++)
        vn_cp_df_add_key(&c, vn_cp_tr_key(&tr, k->dfkeys[x]), k->dfcounts[x]);
    c.ndocs += k->dfdocs;
    cp_node_syl memo = {0};
    vn_cp_learn_nodes(&c, plan, &memo);
    for (size_t j = 0; j < plan->ntargets; j++)
        vn_cp_df_add(&c, &P.ind[j]);
    for (size_t i = 0; i < base->ntargets; i++)
        vn_cp_fset_weigh(&c, &B.ind[i], !base->targets[i].qualitative);
    for (size_t j = 0; j < plan->ntargets; j++)
        vn_cp_fset_weigh(&c, &P.ind[j], !plan->targets[j].qualitative);
    B.excl = k->B.excl; /* the baseline's, found once (compare_cache.c) */
    vn_cp_side_excl_items(&c, &P, plan->ntargets);
    vn_cp_find_duplicates(&c, &B);
    vn_cp_find_duplicates(&c, &P);
    vn_cp_find_series(&c, &B);
    vn_cp_find_series(&c, &P);
    vn_cp_count_classes(&B);
    vn_cp_count_classes(&P);
    vnplan_status st = compare_targets(&c, d, &B, &P, &e);
    if (st == VNPLAN_OK) {
        vn_cp_compare_qualitative(&c, d, &B, &P);
        /* the words of the baseline's groups come next, in their order */
        for (size_t x = k->nnew_nodes; x < k->nnew; x++)
            tr.map[x] = vn_cp_cx_word(&c, k->rec.words[k->nwords0 + x], k->rec.wlen[k->nwords0 + x]);
        vn_cp_compare_groups(&c, d, &k->groups, &tr, plan, &memo);
        vn_cp_compare_bodies(&c, d, k->bodies, k->nbodies);
        d->base_kinh_phi = k->kinh_phi;
        d->plan_kinh_phi = vn_cp_find_section(plan, VN_LABEL_KINH_PHI);
        d->base_kinh_phi_unconfirmed = k->kinh_phi_unconfirmed;
    }
    VN_FREE_ALL(tr.map, memo.start, memo.len, memo.syl.v, B.ind, P.excl, B.dup_of, B.ser_off, B.ser,
                B.class_count, P.parts, P.class_count, P.past, P.ser_off, P.ser, P.ind, P.dup_of, P.first_part,
                P.next_part);
    vn_arena_free(&ar);
    vn_cp_cx_free(&c);
    vn_cmp_cache_free(owned);
    vn_recover_own(NULL, NULL);
    if (st != VNPLAN_OK) {
        vnplan_diff_free(d);
        goto fail;
    }
    *out = d;
    return VNPLAN_OK;
fail:
    return vn_error_give(&e, err, errlen);
}

/* The entry point, under a recovery point (common.h). */
vnplan_status vnplan_compare(const vnplan_doc *base, const vnplan_doc *plan, const vnplan_grammar *grammar,
                             vnplan_diff **out, char *err, size_t errlen)
{
    VN_RETURN_RECOVERING(compare_docs(base, plan, grammar, out, err, errlen), out, err, errlen);
}

void vnplan_diff_free(vnplan_diff *d)
{
    if (!d)
        return;
    VN_FREE_ALL(d->findings, d->added, d->dups, d->quals, d->groups, d->base_bodies, d->plan_bodies);
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
size_t vnplan_diff_finding_scope_count(const vnplan_diff *d, size_t i)
{
    return d && i < d->nfindings ? F(d, i)->nscope : 0;
}
int vnplan_diff_finding_scope(const vnplan_diff *d, size_t i, size_t k, const char **part, const char **base,
                              const char **plan, const char **relation)
{
    if (!d || i >= d->nfindings || k >= F(d, i)->nscope)
        return 0;
    const struct vn_scope *s = &F(d, i)->scope[k];
    if (part)
        *part = vn_part_name(s->part);
    if (base)
        *base = s->base;
    if (plan)
        *plan = s->plan;
    if (relation)
        *relation = vn_part_relation_name((vn_part_relation)s->relation);
    return 1;
}
size_t vnplan_diff_added_count(const vnplan_diff *d) { return d ? d->nadded : 0; }
size_t vnplan_diff_added_target(const vnplan_diff *d, size_t i)
{
    return d && i < d->nadded ? (size_t)d->added[i].plan : VNPLAN_NONE;
}
