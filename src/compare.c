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
    const vnplan_doc *doc = S->doc;
    S->parts = vn_xcalloc(doc->ntargets + 1, sizeof *S->parts);
    bool recorded = false;
    for (size_t i = 0; i < doc->ntargets && !recorded; i++)
        for (int p = 0; p < VN_PART__COUNT; p++)
            recorded = recorded || doc->targets[i].parts[p];
    for (size_t i = 0; i < doc->ntargets; i++) {
        const vn_target *t = &doc->targets[i];
        if (recorded) {
            memcpy(S->parts[i], t->parts, sizeof S->parts[i]);
            continue;
        }
        const char *s = t->indicator && *t->indicator ? t->indicator : t->text;
        if (s)
            vn_parts_read(c->grammar, s, strlen(s), ar, S->parts[i]);
    }
    for (size_t i = 0; i < doc->ntargets; i++) {
        int32_t up = doc->targets[i].parent;
        if (up < 0 || (size_t)up >= i)
            continue;
        for (int p = 0; p < VN_PART__COUNT; p++)
            if (!S->parts[i][p])
                S->parts[i][p] = S->parts[up][p];
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

static vnplan_status compare_targets(cx *c, vnplan_diff *d, side *B, side *P, vn_error *err)
{
    size_t n = B->doc->ntargets, m = P->doc->ntargets;
    if (n && m && n > VN_COMPARE_MAX_PAIRS / m)
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE,
                       "too many targets to compare (%zu in the baseline, %zu in the plan; the limit is %zu pairs)", n,
                       m, (size_t)VN_COMPARE_MAX_PAIRS);
    double *raw = vn_xcalloc(n * m + 1, sizeof *raw);
    for (size_t i = 0; i < n; i++)
        if (vn_cp_live(B, i))
            for (size_t j = 0; j < m; j++)
                if (vn_cp_live(P, j))
                    raw[i * m + j] = vn_cp_pair_raw(c, B, i, P, j);
    double *full = vn_xcalloc(n * m + 1, sizeof *full);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            full[i * m + j] = vn_cp_pair_score(c, B, i, P, j, raw, m);

    /* the assignment among kept targets */
    size_t *rows = vn_xmalloc((n + 1) * sizeof *rows), *cols = vn_xmalloc((m + 1) * sizeof *cols);
    size_t nr = 0, nc = 0;
    for (size_t i = 0; i < n; i++)
        if (vn_cp_live(B, i) && B->dup_of[i] < 0)
            rows[nr++] = i;
    for (size_t j = 0; j < m; j++)
        if (vn_cp_live(P, j) && P->dup_of[j] < 0)
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
            f->confidence = vn_cp_none_confidence(&c->p, best);
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
        for (size_t i = 0; i < n; i++)
            if (full[i * m + j] > best)
                best = full[i * m + j];
        a->confidence = vn_cp_none_confidence(&c->p, best);
        a->dup_first = push_dups(d, &dups, (int32_t)j, -1);
        a->ndup = (uint32_t)(d->ndups - a->dup_first);
    }
    free(used);
    dup_index_free(&dups);
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
        vn_cp_fset_make(c, s, strlen(s), NULL, &S->ind[i], ar);
    }
    feature_parts(c, S, ar);
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
            vn_cp_node_words(doc, i, &text);
            if (!text.len)
                continue;
            fset f;
            vn_cp_fset_make(c, text.data, text.len, NULL, &f, &ar);
            vn_cp_df_add(c, &f);
            vn_arena_free(&ar);
        }
        for (size_t i = 0; i < doc->ntargets; i++)
            vn_cp_df_add(c, &sides[k]->ind[i]);
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
    cx c;
    vn_cp_cx_init(&c, grammar);
    vnplan_diff *d = vn_xcalloc(1, sizeof *d);
    d->base = base;
    d->plan = plan;
    d->threshold = c.p.threshold;
    vn_arena ar = {0};
    side B = {base, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
         P = {plan, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    feature_targets(&c, &B, &ar);
    feature_targets(&c, &P, &ar);
    const vnplan_doc *docs[2] = {base, plan};
    const side *sides[2] = {&B, &P};
    learn_frequencies(&c, docs, sides);
    for (size_t i = 0; i < base->ntargets; i++)
        vn_cp_fset_weigh(&c, &B.ind[i], !base->targets[i].qualitative);
    for (size_t j = 0; j < plan->ntargets; j++)
        vn_cp_fset_weigh(&c, &P.ind[j], !plan->targets[j].qualitative);
    vn_cp_find_duplicates(&c, &B);
    vn_cp_find_duplicates(&c, &P);
    vn_cp_find_series(&c, &B);
    vn_cp_find_series(&c, &P);
    vn_cp_count_classes(&B);
    vn_cp_count_classes(&P);
    vnplan_status st = compare_targets(&c, d, &B, &P, &e);
    if (st == VNPLAN_OK) {
        vn_cp_compare_qualitative(&c, d, &B, &P);
        vn_cp_compare_groups(&c, d, base, plan);
        vn_cp_compare_bodies(&c, d);
        d->base_kinh_phi = vn_cp_find_section(base, VN_LABEL_KINH_PHI);
        d->plan_kinh_phi = vn_cp_find_section(plan, VN_LABEL_KINH_PHI);
        if (d->base_kinh_phi >= 0) {
            vn_buf t = {0};
            vn_cp_subtree_words(base, (size_t)d->base_kinh_phi, &t);
            d->base_kinh_phi_unconfirmed = vn_cp_cx_unconfirmed(&c, t.data ? t.data : "", t.len);
            vn_buf_free(&t);
        }
    }
    free(B.parts);
    free(P.parts);
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
    vn_cp_cx_free(&c);
    if (st != VNPLAN_OK) {
        vnplan_diff_free(d);
        goto fail;
    }
    *out = d;
    return VNPLAN_OK;
fail:
    return vn_error_give(&e, err, errlen);
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
