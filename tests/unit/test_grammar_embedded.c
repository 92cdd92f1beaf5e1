/* test_grammar_embedded.c — the built-in grammar files are read as they are
 * (grammar.c, load_embedded: without decoding and normalizing them at every
 * start), which is right only if each is already what vn_text_init makes of
 * it: UTF-8 without a BOM, NFC, the dashes, quotes and spaces normalize.c
 * unifies already unified.  A file that fails here must be written in that
 * form (the message names the first byte that differs). */
#include "grammar.h"
#include "tap.h"
#include "targets_private.h"
#include "text.h"
#include "vnplan.h"

#include <stdlib.h>

int main(void)
{
    ok(vn_embedded_grammars_count >= 10, "the grammar files are built in (%zu)", vn_embedded_grammars_count);
    for (size_t i = 0; i < vn_embedded_grammars_count; i++) {
        const vn_embedded *e = &vn_embedded_grammars[i];
        unsigned char *copy = malloc(e->len ? e->len : 1);
        if (!copy)
            return 2;
        memcpy(copy, e->data, e->len);
        vn_text t;
        vn_error err = {0};
        if (!ok(vn_text_init(&t, copy, e->len, &err) == VNPLAN_OK, "%s is read (%s)", e->name, err.msg))
            continue; /* vn_text_init has freed the copy */
        size_t at = 0;
        while (at < t.len && at < e->len && t.s[at] == (char)e->data[at])
            at++;
        ok(t.len == e->len && at == e->len,
           "%s is already normalized: the built-in copy is read as it is (first difference at byte %zu of %zu)",
           e->name, at, e->len);
        vn_text_free(&t);
    }
    /* the built-in grammar compiles its patterns on first use (grammar.h,
     * vn_regex), where a bad one would read as running out of memory: the
     * same files loaded from grammars/ compile every pattern at once */
    vnplan_grammar *g = NULL;
    char err[512] = "";
    ok(vnplan_grammar_load("grammars", &g, err, sizeof err) == VNPLAN_OK,
       "every pattern of the grammar files compiles (%s)", err);
    /* the built-in grammar's tables are the rows baked at build time
     * (tools/bake.c): the same rows as the files give when parsed */
    const vnplan_grammar *def = vnplan_grammar_default();
    ok(def && vn_baked_grammar_count == vn_embedded_grammars_count, "one baked table per grammar file (%zu, %zu)",
       vn_baked_grammar_count, vn_embedded_grammars_count);
    for (size_t i = 0; g && def && i < vn_baked_grammar_count; i++) {
        const char *name = vn_baked_grammar[i].file;
        const vn_gtable *b = vn_grammar_table(def, name), *p = vn_grammar_table(g, name);
        size_t r = 0;
        while (r < b->nrows && r < p->nrows) {
            const vn_grow_row *x = &b->rows[r], *y = &p->rows[r];
            bool same = x->nf == y->nf && x->line == y->line && strcmp(x->block, y->block) == 0;
            for (size_t k = 0; same && k < x->nf; k++)
                same = strcmp(x->f[k], y->f[k]) == 0;
            /* neighbouring rows of one block share its string (vn_grammar_next) */
            if (same && r > 0 && strcmp(x->block, b->rows[r - 1].block) == 0)
                same = x->block == b->rows[r - 1].block;
            if (!same)
                break;
            r++;
        }
        ok(b->rows == vn_baked_grammar[i].rows && b->nrows == p->nrows && r == b->nrows,
           "%s: the built-in grammar reads the baked rows, the same as the file's (%zu of %zu rows alike)", name, r,
           p->nrows);
    }
    /* each baked row carries its fields folded (vn_grammar_fold): the
     * folds vn_fold gives now */
    size_t rows = 0, folded_alike = 0;
    vn_buf fold = {0};
    for (size_t i = 0; def && i < vn_baked_grammar_count; i++) {
        const vn_gtable *b = vn_grammar_table(def, vn_baked_grammar[i].file);
        for (size_t r = 0; r < b->nrows; r++) {
            const vn_grow_row *x = &b->rows[r];
            bool same = x->folded != NULL;
            for (size_t k = 0; same && k < x->nf; k++) {
                vn_buf_clear(&fold);
                vn_fold(x->f[k], strlen(x->f[k]), VN_FOLD_KEY, &fold, NULL);
                const char *baked = x->folded[k] ? x->folded[k] : x->f[k]; /* NULL: folds to itself */
                same = strlen(baked) == fold.len && memcmp(baked, fold.data, fold.len) == 0;
            }
            rows++;
            folded_alike += same;
        }
    }
    vn_buf_free(&fold);
    ok(rows > 0 && folded_alike == rows,
       "every baked row's fields are folded as vn_fold folds them (%zu of %zu rows)", folded_alike, rows);
    /* the built-in grammar's target rules are the ones baked at build
     * time (targets_private.h, vn_baked_targets): the same phrase sets,
     * vocabulary and letters as compiling the files gives */
    const struct vn_target_rules *bt = def ? def->targets : NULL, *ft = g ? g->targets : NULL;
    ok(bt && bt->baked && ft && !ft->baked,
       "the built-in grammar reads the baked target rules, a loaded one not");
    for (size_t k = 0; bt && ft && k < VN_TG_BAKED_SETS; k++) {
        const phrase_set *x = vn_tg_rules_set((struct vn_target_rules *)bt, k),
                         *y = vn_tg_rules_set((struct vn_target_rules *)ft, k);
        bool same = x->n == y->n && x->nbuckets == y->nbuckets &&
                    memcmp(x->by_first, y->by_first, x->nbuckets * sizeof *x->by_first) == 0 &&
                    memcmp(x->by_last, y->by_last, x->nbuckets * sizeof *x->by_last) == 0;
        for (size_t p = 0; same && p < x->n; p++) {
            const phrase *a = &x->v[p], *b = &y->v[p];
            same = a->n == b->n && a->hole_at == b->hole_at && a->cmp == b->cmp &&
                   a->needs_lead == b->needs_lead &&
                   (a->cls && b->cls ? strcmp(a->cls, b->cls) == 0 : a->cls == b->cls) &&
                   a->next_first == b->next_first && a->next_last == b->next_last;
            for (size_t t = 0; same && t < a->n; t++)
                same = a->t[t].klen == b->t[t].klen && memcmp(a->t[t].key, b->t[t].key, a->t[t].klen) == 0 &&
                       a->t[t].num == b->t[t].num && a->t[t].type == b->t[t].type &&
                       a->t[t].hole == b->t[t].hole;
        }
        ok(same, "baked phrase set %zu is the one compiled from the files (%zu phrases)", k, y->n);
    }
    bool vocab_same = bt && ft && bt->nvocab == ft->nvocab;
    for (size_t i = 0; vocab_same && i < bt->nvocab; i++)
        for (int keys = 0; vocab_same && keys < 2; keys++) {
            const vocab_entry *a = keys ? &bt->keys[i] : &bt->vocab[i],
                              *b = keys ? &ft->keys[i] : &ft->vocab[i];
            vocab_same = a->hash == b->hash && a->len == b->len &&
                         (!a->len || memcmp(bt->vocab_text + a->off, ft->vocab_text + b->off, a->len) == 0);
        }
    ok(vocab_same, "the baked vocabulary is the one compiled from the files");
    ok(bt && ft && memcmp(bt->base_latin, ft->base_latin, sizeof bt->base_latin) == 0 &&
           memcmp(bt->base_extended, ft->base_extended, sizeof bt->base_extended) == 0 &&
           memcmp(bt->lower_latin, ft->lower_latin, sizeof bt->lower_latin) == 0 &&
           memcmp(bt->lower_extended, ft->lower_extended, sizeof bt->lower_extended) == 0,
       "the baked letter tables are the ones utf8proc gives");
    /* the built-in grammar's patterns come compiled by the build
     * (vn_baked_patterns): each pattern the grammar and its check rules
     * make has its bytes, the bytes of compiling it now */
    vn_error cerr = {0};
    ok(def && vn_grammar_check_rules(def, &cerr) != NULL, "the built-in check rules compile (%s)", cerr.msg);
    size_t nmade = 0, found = 0, same_code = 0;
    const char *const *made = vn_grammar_default_patterns(&nmade);
    for (size_t i = 0; i < nmade; i++)
        for (size_t b = 0; b < vn_baked_patterns_count; b++)
            if (strcmp(vn_baked_patterns[b].pattern, made[i]) == 0) {
                found++;
                break;
            }
    vn_buf code = {0};
    for (size_t b = 0; b < vn_baked_patterns_count; b++) {
        vn_buf_clear(&code);
        same_code += vn_regex_serialize(vn_baked_patterns[b].pattern, &code) &&
                     memcmp(code.data, vn_baked_patterns[b].code, code.len) == 0;
        if (b > 0)
            ok(strcmp(vn_baked_patterns[b - 1].pattern, vn_baked_patterns[b].pattern) < 0,
               "baked pattern %zu sorts after the one before it (bsearch)", b);
    }
    vn_buf_free(&code);
    ok(nmade > 0 && found == nmade, "every pattern of the built-in grammar is baked (%zu of %zu)", found,
       nmade);
    ok(vn_baked_patterns_count > 0 && same_code == vn_baked_patterns_count,
       "each baked pattern is what compiling it now gives (%zu of %zu)", same_code, vn_baked_patterns_count);
    /* bytes this pcre2 does not read are refused: the pattern is compiled */
    static const unsigned char junk[64] = {1, 2, 3};
    vn_regex rx = {.pattern = "m\\S+c", .baked = junk};
    pcre2_code *c = vn_regex_code(&rx);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    ok(c && md && pcre2_match(c, (PCRE2_SPTR) "xx mộc yy", PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) == 1,
       "a pattern whose baked bytes do not decode is compiled and matches");
    pcre2_match_data_free(md);
    pcre2_code_free(c);
    vnplan_grammar_free(g);
    return done();
}
