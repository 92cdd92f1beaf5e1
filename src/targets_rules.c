/* targets_rules.c — the words the targets stage reads by, compiled.
 *
 * grammars/comparators.txt, units.txt and targets.txt are loaded into phrase
 * sets (struct vn_target_rules): token patterns with holes for a value or a
 * year, indexed by the hash of their first and last token so that a match
 * forward or backward from a token is a bucket look-up, not a scan of the
 * list.  No word of these files is written in C. */
#include "targets_private.h"
#include "targets_parts.h"

/* ---- phrase sets -------------------------------------------------------------------------- */

uint32_t vn_tg_hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

/* Numbers and holes share one bucket: their match is decided by value. */
static uint32_t ptok_hash(const ptok *p)
{
    if (p->hole || p->type == TK_NUM)
        return vn_tg_hash_bytes("\x01", 1);
    return vn_tg_hash_bytes(p->key, p->klen);
}

bool vn_tg_ptok_matches(const scanner *sc, const ptok *p, const tok *t)
{
    if (p->hole == HOLE_VALUE)
        return t->type == TK_NUM && t->shape != NS_BAD;
    if (p->hole == HOLE_YEAR)
        return vn_tg_tok_is_year(t);
    if (p->type != t->type)
        return false;
    if (p->type == TK_NUM)
        return t->shape != NS_BAD && t->num == p->num;
    return p->klen == t->klen && memcmp(p->key, sc->keys.data + t->key, p->klen) == 0;
}

static bool phrase_matches_at(const scanner *sc, const phrase *ph, size_t start)
{
    for (size_t k = 0; k < ph->n; k++)
        if (!vn_tg_ptok_matches(sc, &ph->t[k], &sc->toks[start + k]))
            return false;
    return true;
}

/* The longest phrase of the set that starts at token i and ends before end. */
const phrase *vn_tg_match_forward(const scanner *sc, const phrase_set *set, size_t i, size_t end,
                                   size_t *len)
{
    if (i >= end || set->nbuckets == 0)
        return NULL;
    const phrase *best = NULL;
    uint32_t h = sc->toks[i].hash & (uint32_t)(set->nbuckets - 1);
    for (int32_t k = set->by_first[h]; k >= 0; k = set->v[k].next_first) {
        const phrase *ph = &set->v[k];
        if (ph->n > end - i || (best && ph->n <= best->n))
            continue;
        if (phrase_matches_at(sc, ph, i))
            best = ph;
    }
    if (best && len)
        *len = best->n;
    return best;
}

/* The longest phrase of the set that ends at token j (inclusive) and starts
 * at or after lo. */
const phrase *vn_tg_match_backward(const scanner *sc, const phrase_set *set, size_t j, size_t lo,
                                    size_t *len)
{
    if (j >= sc->ntoks || j < lo || set->nbuckets == 0)
        return NULL;
    const phrase *best = NULL;
    uint32_t h = sc->toks[j].hash & (uint32_t)(set->nbuckets - 1);
    for (int32_t k = set->by_last[h]; k >= 0; k = set->v[k].next_last) {
        const phrase *ph = &set->v[k];
        if (ph->n > j + 1 - lo || (best && ph->n <= best->n))
            continue;
        if (phrase_matches_at(sc, ph, j + 1 - ph->n))
            best = ph;
    }
    if (best && len)
        *len = best->n;
    return best;
}

/* A pattern with a '*' hole that fits around token i, within [lo, hi). */
bool vn_tg_pattern_around(const scanner *sc, const phrase_set *set, size_t i, size_t lo, size_t hi)
{
    for (size_t k = 0; k < set->n; k++) {
        const phrase *ph = &set->v[k];
        if (ph->hole_at < 0 || (size_t)ph->hole_at > i - lo)
            continue;
        size_t start = i - (size_t)ph->hole_at;
        if (start + ph->n > hi)
            continue;
        if (phrase_matches_at(sc, ph, start))
            return true;
    }
    return false;
}

static void set_index(phrase_set *set)
{
    size_t nb = 16;
    while (nb < set->n * 2)
        nb *= 2;
    set->nbuckets = nb;
    set->by_first = vn_xmalloc(nb * sizeof *set->by_first);
    set->by_last = vn_xmalloc(nb * sizeof *set->by_last);
    for (size_t b = 0; b < nb; b++)
        set->by_first[b] = set->by_last[b] = -1;
    /* chains are built back to front so that they list phrases in file order */
    for (size_t k = set->n; k-- > 0;) {
        phrase *ph = &set->v[k];
        uint32_t hf = ptok_hash(&ph->t[0]) & (uint32_t)(nb - 1);
        uint32_t hl = ptok_hash(&ph->t[ph->n - 1]) & (uint32_t)(nb - 1);
        ph->next_first = set->by_first[hf];
        set->by_first[hf] = (int32_t)k;
        ph->next_last = set->by_last[hl];
        set->by_last[hl] = (int32_t)k;
    }
}

static void set_free(phrase_set *set)
{
    free(set->v);
    free(set->by_first);
    free(set->by_last);
    memset(set, 0, sizeof *set);
}

/* ---- loading the grammar files ------------------------------------------------------------- */

enum { NEED_NOTHING, NEED_VALUE_HOLE, NEED_YEAR_HOLE, NEED_ONE_TOKEN };

/* Tokenizes and folds one grammar phrase into the rules' arena. */
static vnplan_status add_phrase(struct vn_target_rules *r, scanner *sc, phrase_set *set,
                                const char *file, const vn_grow_row *row, int need,
                                phrase **out, vn_error *err)
{
    const char *text = row->f[0];
    vn_tg_tokenize(sc, text, strlen(text));
    vn_tg_ensure_keys(sc, 0, sc->ntoks);
    if (sc->ntoks == 0)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: empty phrase", file, row->line);
    if (sc->ntoks > MAX_PHRASE_TOKENS)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: phrase longer than %d words", file,
                       row->line, MAX_PHRASE_TOKENS);
    if (need == NEED_ONE_TOKEN && sc->ntoks != 1)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: one word expected", file, row->line);
    ptok *pt = vn_arena_alloc(&r->arena, sizeof *pt * sc->ntoks);
    int holes = 0, hole_at = -1;
    for (size_t k = 0; k < sc->ntoks; k++) {
        const tok *t = &sc->toks[k];
        pt[k].type = t->type;
        pt[k].num = t->num;
        pt[k].hole = HOLE_NONE;
        pt[k].klen = t->klen;
        pt[k].key = t->type == TK_NUM ? "" : vn_arena_strndup(&r->arena, sc->keys.data + t->key, t->klen);
        if (t->type == TK_NUM && t->shape == NS_BAD)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: unreadable number", file, row->line);
        bool value_hole = need == NEED_VALUE_HOLE && vn_tg_tok_is(sc, k, "*");
        bool year_hole = need == NEED_YEAR_HOLE && vn_tg_tok_is(sc, k, "@");
        if (value_hole || year_hole) {
            pt[k].hole = value_hole ? HOLE_VALUE : HOLE_YEAR;
            holes++;
            hole_at = (int)k;
        }
    }
    if (need == NEED_VALUE_HOLE && holes != 1)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: a pattern needs exactly one '*'", file,
                       row->line);
    if (need == NEED_YEAR_HOLE && holes == 0)
        return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: a pattern needs a '@' for the year", file,
                       row->line);
    phrase *ph = &VN_PUSH_ZERO(set->v, set->n, set->cap);
    ph->t = pt;
    ph->n = (uint16_t)sc->ntoks;
    ph->hole_at = (int16_t)hole_at;
    ph->cmp = -1;
    if (out)
        *out = ph;
    return VNPLAN_OK;
}

/* What the second field of a row means for a block. */
enum { FIELD_NONE, FIELD_CMP, FIELD_CLASS };

static vnplan_status load_block(struct vn_target_rules *r, scanner *sc, const vnplan_grammar *g,
                                phrase_set *set, const char *file, const char *block, int field,
                                int need, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, file);
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, block, &i)) != NULL) {
        if (row->nf == 0)
            continue;
        if (field != FIELD_NONE && (row->nf < 2 || row->f[1][0] == '\0'))
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: PHRASE<TAB>%s expected", file,
                           row->line, field == FIELD_CMP ? "COMPARATOR" : "CLASS");
        phrase *ph = NULL;
        vnplan_status st = add_phrase(r, sc, set, file, row, need, &ph, err);
        if (st != VNPLAN_OK)
            return st;
        if (field == FIELD_CMP) {
            int c = vn_cmp_from_name(row->f[1]);
            if (c < 0)
                return vn_fail(err, VNPLAN_ERR_GRAMMAR,
                               "%s:%u: unknown comparator \"%s\" (=, >=, >, <=, <, ~)", file,
                               row->line, row->f[1]);
            ph->cmp = (int8_t)c;
        } else if (field == FIELD_CLASS) {
            ph->cls = vn_arena_strndup(&r->arena, row->f[1], strlen(row->f[1]));
            if (row->nf >= 3 && strcmp(row->f[2], "lead") == 0)
                ph->needs_lead = true;
            else if (row->nf >= 3 && row->f[2][0] != '\0')
                return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: third field must be \"lead\" or empty",
                               file, row->line);
        }
    }
    set_index(set);
    return VNPLAN_OK;
}

static vnplan_status load_regexes(struct vn_target_rules *r, const vnplan_grammar *g, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, "targets.txt");
    size_t i = 0, cap = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, "not_value_re", &i)) != NULL) {
        if (row->nf == 0 || row->f[0][0] == '\0')
            continue;
        vn_regex *re = vn_grammar_regex(row->f[0], "targets.txt", row->line, err);
        if (!re)
            return VNPLAN_ERR_GRAMMAR;
        VN_PUSH(r->not_value_re, r->nnot_value_re, cap) = re;
    }
    return VNPLAN_OK;
}

void vn_tg_scanner_init(scanner *sc, const struct vn_target_rules *r)
{
    memset(sc, 0, sizeof *sc);
    sc->r = r;
}

void vn_tg_scanner_free(scanner *sc)
{
    free(sc->fc.slots);
    vn_buf_free(&sc->fc.bytes);
    free(sc->toks);
    vn_buf_free(&sc->keys);
    free(sc->blocked);
    free(sc->cands);
    free(sc->phases);
    if (sc->md)
        pcre2_match_data_free(sc->md);
    memset(sc, 0, sizeof *sc);
}

struct block_spec {
    size_t offset; /* of the phrase_set in vn_target_rules */
    const char *file, *block;
    int field, need;
};

#define RULE(member) offsetof(struct vn_target_rules, member)

static const struct block_spec block_specs[] = {
    {RULE(before), "comparators.txt", "before", FIELD_CMP, NEED_NOTHING},
    {RULE(after), "comparators.txt", "after", FIELD_CMP, NEED_NOTHING},
    {RULE(from), "comparators.txt", "from", FIELD_NONE, NEED_NOTHING},
    {RULE(change), "comparators.txt", "change", FIELD_NONE, NEED_NOTHING},
    {RULE(range), "comparators.txt", "range", FIELD_NONE, NEED_NOTHING},
    {RULE(coordinator), "comparators.txt", "coordinator", FIELD_NONE, NEED_NOTHING},
    {RULE(unit), "units.txt", "unit", FIELD_CLASS, NEED_NOTHING},
    {RULE(counted), "units.txt", "counted", FIELD_NONE, NEED_NOTHING},
    {RULE(rate), "units.txt", "rate", FIELD_CLASS, NEED_NOTHING},
    {RULE(rate_before), "units.txt", "rate_before", FIELD_CLASS, NEED_NOTHING},
    {RULE(share_of), "units.txt", "share_of", FIELD_CLASS, NEED_NOTHING},
    {RULE(multiple), "units.txt", "multiple", FIELD_CLASS, NEED_VALUE_HOLE},
    {RULE(scale), "units.txt", "scale", FIELD_CLASS, NEED_NOTHING},
    {RULE(fraction_words), "units.txt", "fraction_words", FIELD_CLASS, NEED_NOTHING},
    {RULE(not_value), "targets.txt", "not_value", FIELD_NONE, NEED_VALUE_HOLE},
    {RULE(phase), "targets.txt", "phase", FIELD_NONE, NEED_YEAR_HOLE},
    {RULE(not_phase), "targets.txt", "not_phase", FIELD_NONE, NEED_YEAR_HOLE},
    {RULE(citation), "targets.txt", "citation", FIELD_NONE, NEED_NOTHING},
    {RULE(sub_part), "targets.txt", "sub_part", FIELD_NONE, NEED_NOTHING},
    {RULE(ind_lead), "targets.txt", "indicator_lead", FIELD_NONE, NEED_NOTHING},
    {RULE(phase_heading), "targets.txt", "phase_heading", FIELD_NONE, NEED_ONE_TOKEN},
    {RULE(abbrev), "targets.txt", "abbrev", FIELD_NONE, NEED_ONE_TOKEN},
    {RULE(quoting), "targets.txt", "quoting", FIELD_NONE, NEED_NOTHING},
};

_Static_assert(sizeof block_specs / sizeof block_specs[0] == VN_TG_BAKED_SETS, "one baked set per block");

phrase_set *vn_tg_rules_set(struct vn_target_rules *r, size_t k)
{
    return (phrase_set *)((char *)r + block_specs[k].offset);
}

const char *const vn_tg_baked_files[VN_TG_BAKED_FILES] = {"comparators.txt", "units.txt", "targets.txt"};

/* The baked phrase sets, vocabulary and letters (vn_baked_targets) for g,
 * when they were made from g's very rows of those files by a build that laid
 * the structs out alike; false (r untouched) otherwise. */
static bool rules_from_baked(struct vn_target_rules *r, const vnplan_grammar *g)
{
    const vn_baked_target_rules *b = &vn_baked_targets;
    static const size_t sizes[] = VN_TG_BAKED_SIZES;
    if (memcmp(b->sizes, sizes, sizeof sizes) != 0)
        return false;
    for (size_t f = 0; f < VN_TG_BAKED_FILES; f++)
        if (!b->rows[f] || vn_grammar_table(g, vn_tg_baked_files[f])->rows != b->rows[f])
            return false;
    for (size_t k = 0; k < VN_TG_BAKED_SETS; k++)
        *vn_tg_rules_set(r, k) = b->sets[k];
    /* read-only: matching reads them, nothing writes them (r->baked) */
    r->vocab = (vocab_entry *)b->vocab;
    r->keys = (vocab_entry *)b->keys;
    r->nvocab = b->nvocab;
    r->vocab_text = b->vocab_text;
    memcpy(r->base_latin, b->base_latin, sizeof r->base_latin);
    memcpy(r->base_extended, b->base_extended, sizeof r->base_extended);
    memcpy(r->lower_latin, b->lower_latin, sizeof r->lower_latin);
    memcpy(r->lower_extended, b->lower_extended, sizeof r->lower_extended);
    r->baked = true;
    return true;
}

static void vocab_add(struct vn_target_rules *r, const char *key, size_t n)
{
    char sk[FOLD_CACHE_WORD];
    size_t m = vn_tg_skeleton(r, key, n, sk, sizeof sk);
    if (m == SIZE_MAX)
        return; /* longer than any word cheap_key looks at: those are folded anyway */
    vn_tg_vocab_insert(r->vocab, r->nvocab, &r->vocab_buf, sk, m);
    vn_tg_vocab_insert(r->keys, r->nvocab, &r->vocab_buf, key, n);
}

static void build_vocabulary(struct vn_target_rules *r)
{
    size_t words = 0;
    for (size_t k = 0; k < sizeof block_specs / sizeof block_specs[0]; k++) {
        const phrase_set *set = (const phrase_set *)((const char *)r + block_specs[k].offset);
        for (size_t p = 0; p < set->n; p++)
            words += set->v[p].n;
    }
    size_t slots = 64;
    while (slots < 2 * words + 2)
        slots *= 2;
    r->nvocab = slots;
    r->vocab = vn_xcalloc(slots, sizeof *r->vocab);
    r->keys = vn_xcalloc(slots, sizeof *r->keys);
    for (size_t k = 0; k < sizeof block_specs / sizeof block_specs[0]; k++) {
        const phrase_set *set = (const phrase_set *)((const char *)r + block_specs[k].offset);
        for (size_t p = 0; p < set->n; p++)
            for (size_t t = 0; t < set->v[p].n; t++)
                if (set->v[p].t[t].type == TK_WORD)
                    vocab_add(r, set->v[p].t[t].key, set->v[p].t[t].klen);
    }
    r->vocab_text = r->vocab_buf.data; /* now that it no longer moves */
}

/* Whether the unit class cls is one of list[0..n). */
bool vn_tg_class_is(const char *const *list, size_t n, const char *cls)
{
    for (size_t i = 0; cls && i < n; i++)
        if (strcmp(list[i], cls) == 0)
            return true;
    return false;
}

/* units.txt [number_words], folded as the scanner folds words, so that a
 * token's key is compared as it is. */
static void load_number_words(struct vn_target_rules *r, const vnplan_grammar *g)
{
    const vn_gtable *t = vn_grammar_table(g, "units.txt");
    vn_buf key = {0};
    size_t i = 0, cap = 0;
    for (const vn_grow_row *row; (row = vn_grammar_next(t, "number_words", &i)) != NULL;) {
        if (row->nf < 1 || !row->f[0][0])
            continue;
        key.len = 0;
        vn_grammar_fold(row, 0, &key);
        if (r->nnumber_words == cap) {
            cap = cap ? 2 * cap : 32;
            r->number_words = vn_xrealloc(r->number_words, cap * sizeof *r->number_words);
        }
        r->number_words[r->nnumber_words++] = vn_arena_strndup(&r->arena, key.data, key.len);
    }
    vn_buf_free(&key);
}

vnplan_status vn_target_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_target_rules *r = vn_xcalloc(1, sizeof *r);
    bool baked = rules_from_baked(r, g);
    if (!baked)
        vn_tg_build_base_letters(r);
    scanner sc;
    vn_tg_scanner_init(&sc, r);
    vnplan_status st = VNPLAN_OK;
    for (size_t k = 0; !baked && k < VN_TG_BAKED_SETS && st == VNPLAN_OK; k++) {
        const struct block_spec *b = &block_specs[k];
        st = load_block(r, &sc, g, vn_tg_rules_set(r, k), b->file, b->block, b->field, b->need, err);
    }
    if (st == VNPLAN_OK)
        st = load_regexes(r, g, err);
    if (st == VNPLAN_OK)
        st = vn_phrases_load(&r->situation, g, "targets.txt", "situation_heading", false, err);
    if (st == VNPLAN_OK)
        st = vn_phrases_load(&r->current, g, "targets.txt", "current_column", false, err);
    if (st == VNPLAN_OK) {
        vn_grammar_words(g, "units.txt", "class_rate", &r->class_rate, &r->nclass_rate);
        vn_grammar_words(g, "units.txt", "class_not_additive", &r->class_not_additive, &r->nclass_not_additive);
        vn_grammar_words(g, "units.txt", "class_share", &r->class_share, &r->nclass_share);
        vn_grammar_words(g, "units.txt", "class_scaled", &r->class_scaled, &r->nclass_scaled);
        load_number_words(r, g);
        if (!baked)
            build_vocabulary(r);
        st = vn_parts_rules_init(g, &r->parts, err);
    }
    vn_tg_scanner_free(&sc);
    if (st != VNPLAN_OK) {
        vn_target_rules_free(r);
        return st;
    }
    g->targets = r;
    return VNPLAN_OK;
}

void vn_target_rules_free(struct vn_target_rules *r)
{
    if (!r)
        return;
    for (size_t k = 0; !r->baked && k < VN_TG_BAKED_SETS; k++)
        set_free(vn_tg_rules_set(r, k));
    if (r->baked)
        r->vocab = r->keys = NULL;
    vn_buf_free(&r->vocab_buf);
    for (size_t k = 0; k < r->nnot_value_re; k++)
        vn_regex_free(r->not_value_re[k]);
    vn_phrases_free(&r->situation);
    vn_phrases_free(&r->current);
    vn_parts_rules_free(r->parts);
    VN_FREE_ALL(r->class_rate, r->class_not_additive, r->class_share, r->class_scaled, r->number_words, r->not_value_re,
                r->vocab, r->keys);
    vn_arena_free(&r->arena);
    free(r);
}
