/* compare_groups.c — what is compared besides quantified targets.
 *
 * Qualitative objectives are paired on their whole text; task groups and
 * duties by the similarity of their titles and contents; responsible bodies
 * by their names under the level-free keys of compare.txt. */
#include "compare_private.h"

void vn_cp_compare_qualitative(cx *c, vnplan_diff *d, side *B, side *P)
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
            s[a * nc + b] = vn_cp_fset_cosine(&B->ind[rows[a]], &P->ind[cols[b]]) * vn_cp_phase_factor(c, x->phase, y->phase);
        }
    int32_t *rc = vn_xmalloc((nr + 1) * sizeof *rc);
    vn_assign(s, nr, nc, c->p.qualitative_threshold, rc);
    bool *taken = vn_xcalloc(nc + 1, sizeof *taken);
    d->quals = vn_xcalloc(nr + P->doc->ntargets + 1, sizeof *d->quals);
    for (size_t a = 0; a < nr; a++) {
        vn_qual *q = &d->quals[d->nquals++];
        q->base = (int32_t)rows[a];
        q->unverified = vn_cp_unverified(&B->doc->targets[rows[a]]);
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
    VN_FREE_ALL(rows, cols, s, rc, taken);
}

/* The baseline's task groups, read once per baseline (compare_cache.c): each
 * group's node, the features of its title and of its whole subtree (not
 * weighed: the weights depend on the plan too), and whether it says it is
 * not confirmed. */
void vn_cp_groups_prepare(cx *c, const vnplan_doc *base, cp_groups *g, vn_arena *ar)
{
    vn_cp_section_children(base, vn_cp_find_section(base, VN_LABEL_NHIEM_VU), &g->nodes);
    size_t n = g->nodes.n;
    g->title = vn_arena_alloc(ar, (n + 1) * sizeof *g->title);
    g->all = vn_arena_alloc(ar, (n + 1) * sizeof *g->all);
    g->unconfirmed = vn_arena_alloc(ar, (n + 1) * sizeof *g->unconfirmed);
    vn_buf text = {0};
    for (size_t i = 0; i < n; i++) {
        const vn_node *nd = &base->nodes[g->nodes.v[i]];
        vn_buf_clear(&text);
        vn_render_span(base, nd->title, &text);
        vn_cp_fset_make(c, text.data ? text.data : "", text.len, NULL, &g->title[i], ar);
        vn_cp_node_words(base, g->nodes.v[i], &text);
        g->unconfirmed[i] = vn_cp_cx_unconfirmed(c, text.data ? text.data : "", text.len);
        vn_cp_subtree_words(base, g->nodes.v[i], &text);
        vn_cp_fset_make(c, text.data ? text.data : "", text.len, NULL, &g->all[i], ar);
    }
    vn_buf_free(&text);
}

/* Task groups of nhiệm vụ và giải pháp: each baseline group and the plan
 * group that covers it best (by title, or by title and content).  The
 * baseline's groups come read (vn_cp_groups_prepare) in its own ids: `tr`
 * maps them. */
/* The features of the words of a subtree (vn_cp_subtree_words): the
 * syllables of its nodes as learn_nodes read them, those of a node it
 * passed over read now.  Folding works word by word and the words of
 * two nodes are joined with a space, so these are the syllables of the
 * joined text; synonyms and stop words then apply across nodes as they do
 * to the joined text. */
static void subtree_features(cx *c, const vnplan_doc *doc, size_t top, const cp_node_syl *memo, fset *f,
                             vn_arena *ar)
{
    u32v nodes = {0}, raw = {0};
    vn_buf one = {0};
    vn_cp_subtree(doc, top, &nodes);
    for (size_t i = 0; i < nodes.n; i++) {
        uint32_t k = nodes.v[i];
        if (memo->len[k] != NODE_UNREAD) {
            for (uint32_t q = 0; q < memo->len[k]; q++)
                vn_cp_u32_push(&raw, memo->syl.v[memo->start[k] + q]);
            continue;
        }
        vn_cp_node_words(doc, k, &one);
        if (one.len)
            vn_cp_cx_syllables(c, one.data, one.len, &raw);
    }
    vn_cp_fset_from_raw(c, &raw, f, ar);
    vn_buf_free(&one);
    free(nodes.v);
    free(raw.v);
}

void vn_cp_compare_groups(cx *c, vnplan_diff *d, const cp_groups *bgs, const cx_tr *tr, const vnplan_doc *plan,
                          const cp_node_syl *memo)
{
    const u32v bg = bgs->nodes;
    u32v pg = {0};
    vn_cp_section_children(plan, vn_cp_find_section(plan, VN_LABEL_NHIEM_VU), &pg);
    d->base_has_groups = bg.n > 0;
    vn_arena ar = {0};
    vn_buf text = {0};
    fset *bt = vn_xcalloc(bg.n + 1, sizeof *bt), *ba = vn_xcalloc(bg.n + 1, sizeof *ba);
    fset *pt = vn_xcalloc(pg.n + 1, sizeof *pt), *pa = vn_xcalloc(pg.n + 1, sizeof *pa);
    const bool *unconf = bgs->unconfirmed;
    for (size_t i = 0; i < bg.n; i++) {
        vn_cp_fset_translate(tr, &bgs->title[i], &bt[i], &ar);
        vn_cp_fset_weigh(c, &bt[i], false);
        vn_cp_fset_translate(tr, &bgs->all[i], &ba[i], &ar);
        vn_cp_fset_weigh(c, &ba[i], false);
    }
    for (size_t j = 0; j < pg.n; j++) {
        const vn_node *nd = &plan->nodes[pg.v[j]];
        vn_buf_clear(&text);
        vn_render_span(plan, nd->title, &text);
        vn_cp_fset_make(c, text.data ? text.data : "", text.len, NULL, &pt[j], &ar);
        vn_cp_fset_weigh(c, &pt[j], false);
        subtree_features(c, plan, pg.v[j], memo, &pa[j], &ar);
        vn_cp_fset_weigh(c, &pa[j], false);
    }
    double *s = vn_xcalloc(bg.n * pg.n + 1, sizeof *s);
    for (size_t i = 0; i < bg.n; i++)
        for (size_t j = 0; j < pg.n; j++) {
            double st = vn_cp_fset_cosine(&bt[i], &pt[j]);
            double sa = 0.5 * (vn_cp_fset_cosine(&ba[i], &pa[j]) + vn_cp_fset_coverage(&ba[i], &pa[j]));
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
    VN_FREE_ALL(s, covers, bt, ba, pt, pa);
    vn_buf_free(&text);
    vn_arena_free(&ar);
    free(pg.v);
}

/* Whether a body's duty text starts with a [lead] phrase. */
static bool body_leads(cx *c, const vnplan_doc *doc, uint32_t node)
{
    vn_buf text = {0};
    u32v nodes = {0};
    vn_cp_subtree(doc, node, &nodes);
    bool lead = false;
    for (size_t k = 0; k < nodes.n && k < 3 && !lead; k++) {
        const vn_node *n = &doc->nodes[nodes.v[k]];
        vn_buf_clear(&text);
        vn_render_span(doc, n->text, &text);
        if (!text.len)
            continue;
        u32v syl = {0};
        vn_cp_cx_syllables(c, text.data, text.len, &syl);
        lead = syl.n && vn_cp_cx_match_at(&c->lead, syl.v, syl.n, 0) != NULL;
        free(syl.v);
    }
    vn_buf_free(&text);
    free(nodes.v);
    return lead;
}

void vn_cp_collect_bodies(cx *c, const vnplan_doc *doc, vn_arena *ar, vn_body **out, size_t *nout)
{
    u32v ch = {0};
    vn_cp_section_children(doc, vn_cp_find_section(doc, VN_LABEL_TO_CHUC_THUC_HIEN), &ch);
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
        vn_cp_cx_body_key(c, name.data, name.len, &key);
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
const char *vn_cp_body_unit(const cx *c, const char *key)
{
    const cr_list *u = &c->rules->body_unit;
    for (size_t i = 0; i < u->n; i++) {
        size_t n = strlen(u->v[i].from);
        if (strncmp(key, u->v[i].from, n) == 0 && key[n] == ' ')
            return u->v[i].from;
    }
    return NULL;
}

/* `base` and `nbase`: the baseline's bodies (vn_cp_collect_bodies, read once
 * per baseline), copied into the diff. */
void vn_cp_compare_bodies(cx *c, vnplan_diff *d, const vn_body *base, size_t nbase)
{
    d->base_bodies = vn_xcalloc(nbase + 1, sizeof *d->base_bodies);
    d->nbase_bodies = nbase;
    for (size_t i = 0; i < nbase; i++) {
        d->base_bodies[i] = base[i];
        d->base_bodies[i].name = vn_arena_strndup(&d->arena, base[i].name, strlen(base[i].name));
        d->base_bodies[i].key = vn_arena_strndup(&d->arena, base[i].key, strlen(base[i].key));
    }
    vn_cp_collect_bodies(c, d->plan, &d->arena, &d->plan_bodies, &d->nplan_bodies);
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
            bool same_kind = vn_cp_body_unit(c, p->key) == vn_cp_body_unit(c, b->key);
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
