/* compare_cache.c — what a comparison reads of the baseline alone, read once
 * per baseline.
 *
 * `vnplan batch` compares thousands of plans with one decision; folding
 * and cutting the decision's text into syllables again for each plan was
 * most of the comparison's time.  The first comparison with a baseline
 * reads, in the order vnplan_compare reads them, the baseline's targets,
 * the words of its nodes (their document frequencies), its task groups and
 * its bodies, with a vocabulary that has seen nothing else, and keeps the
 * result with the baseline document (doc->cmp_cache).
 *
 * The results must not depend on the cache: the ids of words order the
 * features of a set, and so the order in which a cosine sums its terms.  A
 * comparison therefore starts from a copy of the vocabulary as it stood
 * after the baseline's targets (the first thing a comparison reads), and
 * gives the baseline's later words their ids where vnplan_compare read them
 * before: its nodes' words right after the plan's targets, its groups'
 * words right after the qualitative objectives (cx_tr, compare_private.h).
 * The bodies' keys and the funding section's note are words, not ids.
 *
 * Only comparisons under the built-in grammar keep the cache (it is never
 * freed, so the cache cannot outlive it); another grammar gets a cache made
 * for the one comparison and freed after it. */
#include "compare_private.h"

static vn_cmp_cache *cache_build(const vnplan_doc *base, const vnplan_grammar *g)
{
    vn_cmp_cache *k = vn_xcalloc(1, sizeof *k);
    k->grammar = g;
    cx *c = &k->rec;
    vn_cp_cx_init(c, g);
    k->B.doc = base;
    vn_cp_feature_targets(c, &k->B, &k->arena);
    vn_cp_side_excl_items(c, &k->B, base->ntargets);
    /* the vocabulary every comparison with this baseline starts from */
    k->nwords0 = c->nwords;
    k->nslots0 = c->nslots;
    k->words0 = vn_xmalloc((k->nwords0 + 1) * sizeof *k->words0);
    k->wlen0 = vn_xmalloc((k->nwords0 + 1) * sizeof *k->wlen0);
    k->slots0 = vn_xcalloc(k->nslots0 + 1, sizeof *k->slots0);
    if (k->nwords0) {
        memcpy(k->words0, c->words, k->nwords0 * sizeof *k->words0);
        memcpy(k->wlen0, c->wlen, k->nwords0 * sizeof *k->wlen0);
    }
    if (k->nslots0)
        memcpy(k->slots0, c->slots, k->nslots0 * sizeof *k->slots0);
    /* document frequencies of the baseline's nodes and targets */
    vn_cp_learn_nodes(c, base, NULL);
    for (size_t i = 0; i < base->ntargets; i++)
        vn_cp_df_add(c, &k->B.ind[i]);
    k->dfkeys = vn_xmalloc((c->ndf + 1) * sizeof *k->dfkeys);
    k->dfcounts = vn_xmalloc((c->ndf + 1) * sizeof *k->dfcounts);
    for (size_t s = 0; s < c->ndfslots; s++)
        if (c->dfvals[s]) {
            k->dfkeys[k->ndf] = c->dfkeys[s];
            k->dfcounts[k->ndf++] = c->dfvals[s];
        }
    k->dfdocs = c->ndocs;
    k->nnew_nodes = c->nwords - k->nwords0;
    vn_cp_groups_prepare(c, base, &k->groups, &k->arena);
    k->nnew = c->nwords - k->nwords0;
    /* bodies and the funding section: words, read once */
    vn_cp_collect_bodies(c, base, &k->arena, &k->bodies, &k->nbodies);
    k->kinh_phi = vn_cp_find_section(base, VN_LABEL_KINH_PHI);
    if (k->kinh_phi >= 0) {
        vn_buf t = {0};
        vn_cp_subtree_words(base, (size_t)k->kinh_phi, &t);
        k->kinh_phi_unconfirmed = vn_cp_cx_unconfirmed(c, t.data ? t.data : "", t.len);
        vn_buf_free(&t);
    }
    return k;
}

void vn_cmp_cache_free(struct vn_cmp_cache *k)
{
    if (!k)
        return;
    if (k->baked) {
        free(k);
        return;
    }
    vn_cp_cx_free(&k->rec);
    VN_FREE_ALL(k->words0, k->wlen0, k->slots0, k->B.ind, k->B.excl, k->B.dup_of, k->B.first_part,
                k->B.next_part, k->B.past, k->B.parts, k->dfkeys, k->dfcounts, k->groups.nodes.v, k->bodies);
    vn_arena_free(&k->arena);
    free(k);
}

/* The cache of `base` under grammar g: the one kept with the document, made
 * now by whichever thread comes first (a thread that loses the race frees
 * its own); for another grammar, one made for this comparison alone, which
 * *owned receives and the caller frees. */
const vn_cmp_cache *vn_cp_cache_for(const vnplan_doc *base, const vnplan_grammar *g, vn_cmp_cache **owned)
{
    *owned = NULL;
    /* the document is the caller's, read-only but for this slot */
    _Atomic(vn_cmp_cache *) *slot = &((vnplan_doc *)base)->cmp_cache;
    vn_cmp_cache *k = atomic_load_explicit(slot, memory_order_acquire);
    if (k && k->grammar == g)
        return k;
    vn_cmp_cache *fresh = cache_build(base, g);
    if (!k && g == vnplan_grammar_default()) {
        vn_cmp_cache *expected = NULL;
        if (atomic_compare_exchange_strong_explicit(slot, &expected, fresh, memory_order_acq_rel,
                                                    memory_order_acquire))
            return fresh;
        if (expected->grammar == g) {
            vn_cmp_cache_free(fresh);
            return expected;
        }
    }
    *owned = fresh;
    return fresh;
}

/* A comparison's context as it stands after the baseline's targets: the
 * rules' phrase lists shared with the cache, the vocabulary copied (it
 * grows with the plan's words), no frequencies yet. */
void vn_cp_cx_from_cache(cx *c, const vn_cmp_cache *k)
{
    *c = k->rec;
    c->nwords = c->capwords = k->nwords0;
    c->words = vn_xmalloc((k->nwords0 + 1) * sizeof *c->words);
    c->wlen = vn_xmalloc((k->nwords0 + 1) * sizeof *c->wlen);
    c->slots = vn_xmalloc((k->nslots0 + 1) * sizeof *c->slots);
    c->nslots = k->nslots0;
    if (k->nwords0) {
        memcpy(c->words, k->words0, k->nwords0 * sizeof *c->words);
        memcpy(c->wlen, k->wlen0, k->nwords0 * sizeof *c->wlen);
    }
    if (k->nslots0)
        memcpy(c->slots, k->slots0, k->nslots0 * sizeof *c->slots);
    memset(&c->arena, 0, sizeof c->arena);
    c->raw = NULL;
    c->rawlen = c->rawid = c->rawslots = NULL;
    c->nraw = c->capraw = c->nrawslots = 0;
    c->dfkeys = NULL;
    c->dfvals = NULL;
    c->dfseen = NULL;
    c->ndfslots = c->ndf = c->ndocs = 0;
    memset(&c->fold, 0, sizeof c->fold);
    memset(&c->tmp, 0, sizeof c->tmp);
    memset(&c->a, 0, sizeof c->a);
    memset(&c->b, 0, sizeof c->b);
}
