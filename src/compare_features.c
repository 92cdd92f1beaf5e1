/* compare_features.c — a text as what the comparison weighs.
 *
 * Every text is folded, cut into syllables, read through the synonyms of
 * compare.txt, stripped of its stop words, and turned into a set of
 * syllables and pairs of neighbouring syllables (an fset).  Each feature is
 * weighted by how rare it is among the nodes of both documents (an inverse
 * document frequency), so "trí tuệ nhân tạo" counts more than "đào tạo";
 * two sets score their weighted cosine or coverage. */
#include "compare_private.h"
#include "hash.h"

#include <utf8proc.h>

/* ---- the comparison context: a vocabulary and the rules in its ids ------------------ */

/* The vocabulary and the words as written (raw_word) are both tables of
 * words found by open addressing: slots hold a word's index + 1, 0 empty. */
static uint32_t *slots_rebuilt(const char *const *w, const uint32_t *len, size_t n, size_t ns)
{
    uint32_t *slots = vn_xcalloc(ns, sizeof *slots);
    for (size_t x = 0; x < n; x++) {
        size_t k = (size_t)vn_hash_bytes(w[x], len[x]) & (ns - 1);
        while (slots[k])
            k = (k + 1) & (ns - 1);
        slots[k] = (uint32_t)x + 1;
    }
    return slots;
}

/* The slot of s[0..n): the one holding it, or the empty one it would take. */
static size_t slot_of(const uint32_t *slots, size_t ns, const char *const *w, const uint32_t *len, const char *s,
                      size_t n)
{
    size_t k = (size_t)vn_hash_bytes(s, n) & (ns - 1);
    while (slots[k]) {
        uint32_t x = slots[k] - 1;
        if (len[x] == n && memcmp(w[x], s, n) == 0)
            return k;
        k = (k + 1) & (ns - 1);
    }
    return k;
}

uint32_t vn_cp_cx_word(cx *c, const char *s, size_t n)
{
    if ((c->nwords + 1) * 2 > c->nslots) {
        size_t ns = c->nslots ? c->nslots * 2 : 1024;
        free(c->slots);
        c->slots = slots_rebuilt((const char *const *)c->words, c->wlen, c->nwords, ns);
        c->nslots = ns;
    }
    size_t k = slot_of(c->slots, c->nslots, (const char *const *)c->words, c->wlen, s, n);
    if (c->slots[k])
        return c->slots[k] - 1;
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

void vn_cp_u32_push(u32v *v, uint32_t x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->v = vn_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = x;
}

/* Cuts s[0..n) into words (letters, digits and '&') and appends the id
 * word_id gives each to out.  At a combining mark, when stop_at_mark, it
 * appends nothing and returns false. */
static bool cut_words(cx *c, const char *s, size_t n, uint32_t (*word_id)(cx *, const char *, size_t),
                      bool stop_at_mark, u32v *out)
{
    size_t n0 = out->n, i = 0, start = 0;
    bool in_word = false;
    while (i < n) {
        size_t a = i;
        unsigned char ch = (unsigned char)s[i];
        bool word;
        if (ch < 0x80) { /* most of a text: decoded and classified inline */
            i++;
            word = (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch == '&';
        } else {
            int32_t cp = vn_utf8_next(s, n, &i);
            if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1EA0 && cp <= 0x1EF9)) {
                word = true; /* the letters of Vietnamese text, without a table look-up */
            } else {
                utf8proc_category_t cat = utf8proc_category(cp);
                if (stop_at_mark &&
                    (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_MC)) {
                    out->n = n0;
                    return false;
                }
                word = vn_cp_is_alnum(cp);
            }
        }
        if (word && !in_word)
            start = a;
        if (!word && in_word)
            vn_cp_u32_push(out, word_id(c, s + start, a - start));
        in_word = word;
    }
    if (in_word)
        vn_cp_u32_push(out, word_id(c, s + start, n - start));
    return true;
}

/* The id of the word s[0..n) as the text wrote it: remembered, or folded
 * now (and remembered). */
static uint32_t raw_word(cx *c, const char *s, size_t n)
{
    if ((c->nraw + 1) * 2 > c->nrawslots) {
        size_t ns = c->nrawslots ? c->nrawslots * 2 : 1024;
        free(c->rawslots);
        c->rawslots = slots_rebuilt(c->raw, c->rawlen, c->nraw, ns);
        c->nrawslots = ns;
    }
    size_t k = slot_of(c->rawslots, c->nrawslots, c->raw, c->rawlen, s, n);
    if (c->rawslots[k])
        return c->rawid[c->rawslots[k] - 1];
    vn_buf_clear(&c->fold);
    vn_fold(s, n, VN_FOLD_KEY, &c->fold, NULL);
    uint32_t id = vn_cp_cx_word(c, c->fold.data, c->fold.len);
    if (c->nraw == c->capraw) {
        c->capraw = c->capraw ? c->capraw * 2 : 256;
        c->raw = vn_xrealloc(c->raw, c->capraw * sizeof *c->raw);
        c->rawlen = vn_xrealloc(c->rawlen, c->capraw * sizeof *c->rawlen);
        c->rawid = vn_xrealloc(c->rawid, c->capraw * sizeof *c->rawid);
    }
    c->raw[c->nraw] = vn_arena_strndup(&c->arena, s, n);
    c->rawlen[c->nraw] = (uint32_t)n;
    c->rawid[c->nraw] = id;
    c->rawslots[k] = (uint32_t)++c->nraw;
    return id;
}

/* Syllable ids of a text (folded, punctuation dropped), appended to out.
 *
 * Folding was a fifth of a comparison, and a plan says the same words
 * again and again: the text is cut into words as written, and each word is
 * folded the first time only (raw_word).  This gives the ids the whole
 * text folded gives, and in the same order: a word
 * (letters and digits) folds into letters and digits, a character between
 * words into one between words, and folding never looks past a letter's
 * word — except for a combining mark, which folding joins to the letter
 * before it but which is no letter here; a text with one is folded whole. */
void vn_cp_cx_syllables(cx *c, const char *s, size_t n, u32v *out)
{
    if (cut_words(c, s, n, raw_word, true, out))
        return;
    vn_buf_clear(&c->fold);
    vn_fold(s, n, VN_FOLD_KEY, &c->fold, NULL);
    cut_words(c, c->fold.data ? c->fold.data : "", c->fold.len, vn_cp_cx_word, false, out);
}

static void cx_ids(cx *c, const char *spaced, uint32_t **ids, size_t *n)
{
    u32v v = {0};
    vn_cp_cx_syllables(c, spaced, strlen(spaced), &v);
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
    /* every text's every syllable is looked up in the lists: most start no
     * phrase, and a table says so without a search */
    uint8_t *first = vn_arena_alloc(&c->arena, c->nwords + 1);
    memset(first, 0, c->nwords + 1);
    for (size_t i = 0; i < out->n; i++)
        first[out->v[i].from[0]] = 1;
    out->first = first;
    out->nfirst = c->nwords;
}

/* The longest phrase of the list that starts at s[i], or NULL. */
const cx_phrase *vn_cp_cx_match_at(const cx_plist *l, const uint32_t *s, size_t n, size_t i)
{
    if (l->first && (s[i] >= l->nfirst || !l->first[s[i]]))
        return NULL;
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
void vn_cp_cx_rewrite(const cx_plist *l, const u32v *in, u32v *out)
{
    out->n = 0;
    size_t i = 0;
    while (i < in->n) {
        const cx_phrase *p = l->n ? vn_cp_cx_match_at(l, in->v, in->n, i) : NULL;
        if (!p) {
            vn_cp_u32_push(out, in->v[i++]);
            continue;
        }
        for (size_t k = 0; k < p->nto; k++)
            vn_cp_u32_push(out, p->to[k]);
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

void vn_cp_cx_init(cx *c, const vnplan_grammar *g)
{
    memset(c, 0, sizeof *c);
    c->rules = g ? g->compare : NULL;
    c->grammar = g;
    vn_cp_cx_params_load(c->rules, &c->p);
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
            vn_cp_cx_syllables(c, r->exclusive[i].v[k], strlen(r->exclusive[i].v[k]), &raw);
            vn_cp_cx_rewrite(&c->synonyms, &raw, &syn);
            vn_cp_cx_rewrite(&c->stop, &syn, &clean);
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

void vn_cp_cx_free(cx *c)
{
    VN_FREE_ALL(c->raw, c->rawlen, c->rawid, c->rawslots, c->words, c->wlen, c->slots, c->dfkeys, c->dfvals, c->dfseen,
                c->a.v, c->b.v);
    vn_arena_free(&c->arena);
    vn_buf_free(&c->fold);
    vn_buf_free(&c->tmp);
}

/* ---- feature sets -------------------------------------------------------------------- */
static uint64_t key_uni(uint32_t a) { return a; }
static uint64_t key_bi(uint32_t a, uint32_t b) { return BIGRAM_BIT | ((uint64_t)a << 31) | b; }

/* Pairs (key, position) in increasing order of key, then position.  Every
 * text of both documents is sorted so (a third of the comparison's time
 * through qsort's indirect calls): a quicksort with the comparison inline,
 * insertion sort for short runs, and heapsort when the partitions go bad, so
 * that no input makes it quadratic.  The pairs are distinct, so the order
 * is the same as any other sort's. */
typedef uint64_t kp_pair[2];

static inline bool kp_less(const uint64_t *x, const uint64_t *y)
{
    return x[0] < y[0] || (x[0] == y[0] && x[1] < y[1]);
}

static inline void kp_swap(kp_pair *v, size_t i, size_t j)
{
    uint64_t a = v[i][0], b = v[i][1];
    v[i][0] = v[j][0];
    v[i][1] = v[j][1];
    v[j][0] = a;
    v[j][1] = b;
}

static void kp_sift(kp_pair *v, size_t root, size_t n)
{
    for (;;) {
        size_t c = 2 * root + 1;
        if (c >= n)
            return;
        if (c + 1 < n && kp_less(v[c], v[c + 1]))
            c++;
        if (!kp_less(v[root], v[c]))
            return;
        kp_swap(v, root, c);
        root = c;
    }
}

static void kp_heapsort(kp_pair *v, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        kp_sift(v, i, n);
    for (size_t end = n; end-- > 1;) {
        kp_swap(v, 0, end);
        kp_sift(v, 0, end);
    }
}

static void kp_sort_depth(kp_pair *v, size_t n, unsigned depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            kp_heapsort(v, n);
            return;
        }
        /* median of three to v[0], then a Hoare partition around it */
        size_t mid = n / 2;
        if (kp_less(v[mid], v[0]))
            kp_swap(v, mid, 0);
        if (kp_less(v[n - 1], v[0]))
            kp_swap(v, n - 1, 0);
        if (kp_less(v[n - 1], v[mid]))
            kp_swap(v, n - 1, mid);
        kp_swap(v, 0, mid);
        uint64_t p0 = v[0][0], p1 = v[0][1];
        const uint64_t piv[2] = {p0, p1};
        size_t i = 0, j = n;
        for (;;) {
            do
                i++;
            while (i < n && kp_less(v[i], piv));
            do
                j--;
            while (kp_less(piv, v[j]));
            if (i >= j)
                break;
            kp_swap(v, i, j);
        }
        kp_swap(v, 0, j);
        /* the smaller side by recursion, the larger by the loop */
        if (j < n - j - 1) {
            kp_sort_depth(v, j, depth);
            v += j + 1;
            n -= j + 1;
        } else {
            kp_sort_depth(v + j + 1, n - j - 1, depth);
            n = j;
        }
    }
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && kp_less(v[k], v[k - 1]); k--)
            kp_swap(v, k, k - 1);
}

static void kp_sort(kp_pair *v, size_t n);
void vn_cp_sort_pairs(uint64_t (*v)[2], size_t n) { kp_sort(v, n); }

static void kp_sort(kp_pair *v, size_t n)
{
    unsigned depth = 0;
    for (size_t m = n; m > 1; m >>= 1)
        depth += 2;
    kp_sort_depth(v, n, depth);
}

static void fset_build(cx *c, const u32v *cleaned, const char *extra, fset *f, vn_arena *arena);

/* The cleaned syllables of a text: synonyms, then stop words. */
static void cx_clean(cx *c, const char *s, size_t n, u32v *out)
{
    c->a.n = 0;
    vn_cp_cx_syllables(c, s, n, &c->a);
    vn_cp_cx_rewrite(&c->synonyms, &c->a, &c->b);
    vn_cp_cx_rewrite(&c->stop, &c->b, out);
}

/* `extra`, when not NULL, is one more feature that no text can spell,
 * weighed like a word at the head of the phrase. */
void vn_cp_fset_make(cx *c, const char *s, size_t n, const char *extra, fset *f, vn_arena *arena)
{
    u32v syl = {0};
    cx_clean(c, s, n, &syl);
    fset_build(c, &syl, extra, f, arena);
    free(syl.v);
}

/* The feature set of a text given as its syllables (vn_cp_cx_syllables). */
void vn_cp_fset_from_raw(cx *c, const u32v *raw, fset *f, vn_arena *arena)
{
    u32v syl = {0};
    vn_cp_cx_rewrite(&c->synonyms, raw, &c->b);
    vn_cp_cx_rewrite(&c->stop, &c->b, &syl);
    fset_build(c, &syl, NULL, f, arena);
    free(syl.v);
}

/* The feature set of cleaned syllables. */
static void fset_build(cx *c, const u32v *cleaned, const char *extra, fset *f, vn_arena *arena)
{
    const u32v syl = *cleaned;
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
        kp[k][0] = key_uni(vn_cp_cx_word(c, extra, strlen(extra)));
        kp[k++][1] = 0;
    }
    kp_sort(kp, k);
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
}

static size_t df_slot(const cx *c, uint64_t key)
{
    size_t k = (size_t)vn_hash_mix64(key) & (c->ndfslots - 1);
    while (c->dfvals[k] && c->dfkeys[k] != key)
        k = (k + 1) & (c->ndfslots - 1);
    return k;
}

/* Room in the frequency table for `more` new features. */
static void df_reserve(cx *c, size_t more)
{
    if ((c->ndf + more + 1) * 2 > c->ndfslots) {
        size_t ns = c->ndfslots ? c->ndfslots : 1024;
        while ((c->ndf + more + 1) * 2 > ns)
            ns *= 2;
        uint64_t *ok = c->dfkeys;
        uint32_t *ov = c->dfvals, *oseen = c->dfseen;
        size_t on = c->ndfslots;
        c->dfkeys = vn_xcalloc(ns, sizeof *c->dfkeys);
        c->dfvals = vn_xcalloc(ns, sizeof *c->dfvals);
        c->dfseen = vn_xcalloc(ns, sizeof *c->dfseen);
        c->ndfslots = ns;
        for (size_t i = 0; i < on; i++)
            if (ov[i]) {
                size_t k = df_slot(c, ok[i]);
                c->dfkeys[k] = ok[i];
                c->dfvals[k] = ov[i];
                c->dfseen[k] = oseen[i];
            }
        free(ok);
        free(ov);
        free(oseen);
    }
}

void vn_cp_df_add(cx *c, const fset *f)
{
    df_reserve(c, f->n);
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

/* A feature of the document being counted (number doc), once however
 * often it holds it. */
static void df_count(cx *c, uint64_t key, uint32_t doc)
{
    size_t k = df_slot(c, key);
    if (c->dfseen[k] == doc)
        return;
    c->dfseen[k] = doc;
    if (!c->dfvals[k]) {
        c->dfkeys[k] = key;
        c->ndf++;
    }
    c->dfvals[k]++;
}

/* vn_cp_df_add of the feature set of cleaned syllables, without making the
 * set: the frequencies need only which features each node holds, and
 * building, sorting and dropping a set for each node of the plan was a
 * sixth of the comparison (1.2 million instructions of `vnplan diff` of a
 * 20 KB plan).  The features are those fset_build makes (each syllable and
 * each pair of neighbours); the slots they take in the table may differ,
 * which nothing reads. */
void vn_cp_df_add_syllables(cx *c, const u32v *syl)
{
    df_reserve(c, 2 * syl->n);
    uint32_t doc = (uint32_t)c->ndocs + 1;
    for (size_t i = 0; i < syl->n; i++) {
        df_count(c, key_uni(syl->v[i]), doc);
        if (i + 1 < syl->n)
            df_count(c, key_bi(syl->v[i], syl->v[i + 1]), doc);
    }
    c->ndocs++;
}

/* `count` documents more that hold the feature `key` (the documents
 * themselves are counted in c->ndocs by the caller). */
void vn_cp_df_add_key(cx *c, uint64_t key, uint32_t count)
{
    df_reserve(c, 1);
    size_t k = df_slot(c, key);
    if (!c->dfvals[k]) {
        c->dfkeys[k] = key;
        c->ndf++;
    }
    c->dfvals[k] += count;
}

/* Weights of a feature set: inverse document frequency, pairs of
 * syllables counted at bigram_weight, and, for `positional` sets (the
 * indicators of quantified targets, which are noun phrases), less for words
 * further from the head of the phrase. */
void vn_cp_fset_weigh(const cx *c, fset *f, bool positional)
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

/* Over the features a and b share (both sets sorted by key): the sum of
 * the products of their weights (*dot) and of a's weights squared (*in). */
static void shared_weights(const fset *a, const fset *b, double *dot, double *in)
{
    *dot = *in = 0;
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->keys[i] == b->keys[j]) {
            *dot += (double)a->w[i] * b->w[j];
            *in += (double)a->w[i] * a->w[i];
            i++, j++;
        } else if (a->keys[i] < b->keys[j]) {
            i++;
        } else {
            j++;
        }
    }
}

double vn_cp_fset_cosine(const fset *a, const fset *b)
{
    if (a->norm2 <= 0 || b->norm2 <= 0)
        return 0;
    double dot, in;
    shared_weights(a, b, &dot, &in);
    double s = dot / sqrt(a->norm2 * b->norm2);
    return s > 1 ? 1 : s < 0 ? 0 : s;
}

/* How much of a's weight b holds: the share of a baseline group's words a
 * plan group also uses (asymmetric: a long plan group is not penalized for
 * saying more). */
double vn_cp_fset_coverage(const fset *a, const fset *b)
{
    if (a->norm2 <= 0)
        return 0;
    double dot, in;
    shared_weights(a, b, &dot, &in);
    double s = in / a->norm2;
    return s > 1 ? 1 : s;
}

/* Whether a names a topic of an [exclusive] group that b does not, and b one
 * that a does not. */
bool vn_cp_fset_exclusive(const cx *c, const fset *a, const fset *b)
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

void vn_cp_side_excl_items(const cx *c, side *S, size_t ntargets)
{
    if (c->nexclusive_items > 64)
        return;
    S->excl = vn_xcalloc(ntargets + 1, sizeof *S->excl);
    for (size_t t = 0; t < ntargets; t++)
        for (size_t k = 0; k < c->nexclusive_items; k++) {
            const cx_phrase *p = &c->exclusive_items[k];
            if (cx_contains(S->ind[t].syl, S->ind[t].nsyl, p->from, p->nfrom))
                S->excl[t] |= (uint64_t)1 << k;
        }
}

/* As vn_cp_fset_exclusive, the items of each text found once per target
 * rather than at each of the pairs it is weighed in (a plan's targets
 * against every candidate of the baseline, and within a side for series). */
bool vn_cp_side_exclusive(const cx *c, const side *A, size_t i, const side *B, size_t j)
{
    if (!A->excl || !B->excl)
        return vn_cp_fset_exclusive(c, &A->ind[i], &B->ind[j]);
    uint64_t only_a = A->excl[i] & ~B->excl[j], only_b = B->excl[j] & ~A->excl[i];
    if (!only_a || !only_b)
        return false;
    for (size_t x = 0; x < 64; x++) {
        if (!(only_a >> x & 1))
            continue;
        for (size_t y = 0; y < 64; y++)
            if ((only_b >> y & 1) && c->exclusive_group[y] == c->exclusive_group[x])
                return true;
    }
    return false;
}

/* ---- a baseline's features in ids of its own ----------------------------------------------
 * What a comparison reads of the baseline alone is worked out once per
 * baseline (compare_cache.c) with a vocabulary that has seen only the
 * baseline.  A comparison then gives each word of it the id the word gets
 * when the whole comparison runs in order (the map of a cx_tr) and reads
 * the features through the map: the same ids, so the same sums in the same
 * order as when every text is folded again. */
uint32_t vn_cp_tr_id(const cx_tr *t, uint32_t x) { return x < t->n0 ? x : t->map[x - t->n0]; }

uint64_t vn_cp_tr_key(const cx_tr *t, uint64_t key)
{
    if (!(key & BIGRAM_BIT))
        return vn_cp_tr_id(t, (uint32_t)key);
    /* ids stay below 2^31 (a vocabulary of words of documents held in memory) */
    uint32_t a = (uint32_t)((key & ~BIGRAM_BIT) >> 31), b = (uint32_t)(key & 0x7fffffffu);
    return key_bi(vn_cp_tr_id(t, a), vn_cp_tr_id(t, b));
}

/* The feature set `lf` (made in the baseline's own ids, not weighed) in the
 * comparison's ids: keys mapped and sorted again, first positions kept. */
void vn_cp_fset_translate(const cx_tr *t, const fset *lf, fset *f, vn_arena *arena)
{
    uint64_t(*kp)[2] = vn_xmalloc((lf->n + 1) * sizeof *kp);
    for (uint32_t i = 0; i < lf->n; i++) {
        kp[i][0] = vn_cp_tr_key(t, lf->keys[i]);
        kp[i][1] = i;
    }
    kp_sort(kp, lf->n);
    f->n = lf->n;
    f->keys = vn_arena_alloc(arena, (f->n ? f->n : 1) * sizeof *f->keys);
    f->w = vn_arena_alloc(arena, (f->n ? f->n : 1) * sizeof *f->w);
    for (uint32_t i = 0; i < f->n; i++) {
        f->keys[i] = kp[i][0];
        f->w[i] = lf->w[kp[i][1]];
    }
    f->nsyl = lf->nsyl;
    f->syl = vn_arena_alloc(arena, (f->nsyl ? f->nsyl : 1) * sizeof *f->syl);
    for (uint32_t i = 0; i < f->nsyl; i++)
        f->syl[i] = vn_cp_tr_id(t, lf->syl[i]);
    f->norm2 = 0;
    free(kp);
}
