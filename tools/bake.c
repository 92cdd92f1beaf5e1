/* bake.c — writes what the library would otherwise work out at every start.
 *
 *   bake baselines OUT.c
 *   bake grammar OUT.c
 *
 * Linked with every object of the library but the two this writes.
 * `baselines`: each tree of vn_embedded_baselines is loaded from its XML
 * with the built-in grammar, as vnplan_baseline_load did at every start,
 * and written by vn_bake_doc (src/load_baked.c); OUT.c defines
 * `vn_baked_baselines` (one entry per bundled tree, in the same order) and
 * `vn_baked_baselines_count`.  `grammar`: the rows the library's own parse
 * makes of each built-in grammar file, as C data (`vn_baked_grammar`, in
 * the order of vn_embedded_grammars; grammar.c, load_baked_tables). */
#include "grammar.h"
#include "targets_private.h"
#include "compare_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the library's own tables, while they are being made: empty */
const vn_embedded vn_baked_baselines[1] = {{0, 0, 0}};
const size_t vn_baked_baselines_count = 0;
const vn_baked_table vn_baked_grammar[1] = {{0, 0, 0}};
const size_t vn_baked_grammar_count = 0;
const vn_baked_target_rules vn_baked_targets;
const vn_baked_pattern vn_baked_patterns[1] = {{0, 0}};
const size_t vn_baked_patterns_count = 0;
const vn_baked_cache vn_baked_caches[1];
const size_t vn_baked_caches_count = 0;

/* The target rules' phrase sets, vocabulary and letter tables as g's
 * vn_target_rules_init made them (targets_private.h, vn_baked_targets),
 * tied to the baked rows of the files they come from (vn_bg_I, I the
 * file's index in vn_embedded_grammars). */
static int bake_targets(FILE *out, const vnplan_grammar *g)
{
    struct vn_target_rules *r = g->targets;
    size_t file_at[VN_TG_BAKED_FILES];
    for (size_t f = 0; f < VN_TG_BAKED_FILES; f++) {
        file_at[f] = SIZE_MAX;
        for (size_t i = 0; i < vn_embedded_grammars_count; i++)
            if (strcmp(vn_embedded_grammars[i].name, vn_tg_baked_files[f]) == 0)
                file_at[f] = i;
        if (file_at[f] == SIZE_MAX) {
            fprintf(stderr, "bake: no grammar file %s\n", vn_tg_baked_files[f]);
            return 1;
        }
    }
    for (size_t k = 0; k < VN_TG_BAKED_SETS; k++) {
        const phrase_set *set = vn_tg_rules_set(r, k);
        fprintf(out, "static const ptok vn_bt_%zu_t[] = {\n", k);
        for (size_t p = 0; p < set->n; p++)
            for (size_t t = 0; t < set->v[p].n; t++) {
                const ptok *pt = &set->v[p].t[t];
                fprintf(out, "    {");
                vn_put_c_literal(out, pt->key);
                fprintf(out, ", %lu, %a, %u, %u},\n", (unsigned long)pt->klen, pt->num, (unsigned)pt->type,
                        (unsigned)pt->hole);
            }
        fprintf(out, "    {0}};\nstatic const phrase vn_bt_%zu_p[] = {\n", k);
        size_t at = 0;
        for (size_t p = 0; p < set->n; p++) {
            const phrase *ph = &set->v[p];
            fprintf(out, "    {vn_bt_%zu_t + %zu, %u, %d, %d, %d, ", k, at, (unsigned)ph->n, ph->hole_at,
                    ph->cmp, ph->needs_lead);
            if (ph->cls)
                vn_put_c_literal(out, ph->cls);
            else
                fprintf(out, "0");
            fprintf(out, ", %ld, %ld},\n", (long)ph->next_first, (long)ph->next_last);
            at += ph->n;
        }
        fprintf(out, "    {0}};\n");
        for (int last = 0; last < 2; last++) {
            fprintf(out, "static const int32_t vn_bt_%zu_%s[] = {", k, last ? "l" : "f");
            for (size_t b = 0; b < set->nbuckets; b++)
                fprintf(out, "%s%ld,", b % 24 == 0 ? "\n" : "",
                        (long)(last ? set->by_last : set->by_first)[b]);
            fprintf(out, "0};\n");
        }
    }
    for (int keys = 0; keys < 2; keys++) {
        const vocab_entry *v = keys ? r->keys : r->vocab;
        fprintf(out, "static const vocab_entry vn_bt_%s[%zu] = {\n", keys ? "keys" : "vocab", r->nvocab);
        for (size_t i = 0; i < r->nvocab; i++)
            if (v[i].len)
                fprintf(out, "    [%zu] = {%luu, %lu, %lu},\n", i, (unsigned long)v[i].hash, (unsigned long)v[i].len,
                        (unsigned long)v[i].off);
        fprintf(out, "};\n");
    }
    /* the words' bytes, one after the other as the offsets say */
    vn_buf text = {0};
    vn_buf_put(&text, r->vocab_text ? r->vocab_text : "", r->vocab_buf.len);
    fprintf(out, "static const char vn_bt_vocab_text[] = ");
    vn_put_c_literal(out, vn_buf_cstr(&text));
    fprintf(out, ";\n");
    vn_buf_free(&text);
    fprintf(out, "\nconst vn_baked_target_rules vn_baked_targets = {\n    VN_TG_BAKED_SIZES,\n    {");
    for (size_t f = 0; f < VN_TG_BAKED_FILES; f++)
        fprintf(out, "vn_bg_%zu, ", file_at[f]);
    fprintf(out, "},\n    {\n");
    /* const data behind the phrase_set's pointers: nothing writes through them (r->baked) */
    for (size_t k = 0; k < VN_TG_BAKED_SETS; k++) {
        const phrase_set *set = vn_tg_rules_set(r, k);
        fprintf(
            out,
            "        {(phrase *)vn_bt_%zu_p, %zu, 0, (int32_t *)vn_bt_%zu_f, (int32_t *)vn_bt_%zu_l, %zu},\n",
            k, set->n, k, k, set->nbuckets);
    }
    fprintf(out, "    },\n    vn_bt_vocab, vn_bt_keys, %zu, vn_bt_vocab_text,\n", r->nvocab);
    const char *const cnames[] = {"base_latin", "base_extended"};
    const char *const carrays[] = {r->base_latin, r->base_extended};
    const size_t clens[] = {sizeof r->base_latin, sizeof r->base_extended};
    for (int a = 0; a < 2; a++) {
        fprintf(out, "    /* %s */ {", cnames[a]);
        for (size_t i = 0; i < clens[a]; i++)
            fprintf(out, "%s%d,", i % 24 == 0 ? "\n" : "", carrays[a][i]);
        fprintf(out, "},\n");
    }
    const char *const inames[] = {"lower_latin", "lower_extended"};
    const int32_t *const iarrays[] = {r->lower_latin, r->lower_extended};
    const size_t ilens[] = {VN_COUNT(r->lower_latin), VN_COUNT(r->lower_extended)};
    for (int a = 0; a < 2; a++) {
        fprintf(out, "    /* %s */ {", inames[a]);
        for (size_t i = 0; i < ilens[a]; i++)
            fprintf(out, "%s%ld,", i % 16 == 0 ? "\n" : "", (long)iarrays[a][i]);
        fprintf(out, "},\n");
    }
    fprintf(out, "};\n");
    return 0;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every pattern of the built-in grammar and of its check rules, compiled and
 * serialized (grammar.h, vn_baked_patterns), sorted for bsearch. */
static int bake_patterns(FILE *out, const vnplan_grammar *g)
{
    vn_error err = {0};
    if (!vn_grammar_check_rules(g, &err)) {
        fprintf(stderr, "bake: the check rules do not compile: %s\n", err.msg);
        return 1;
    }
    size_t n = 0;
    const char *const *made = vn_grammar_default_patterns(&n);
    const char **v = calloc(n + 1, sizeof *v);
    if (!v)
        return 1;
    if (n)
        memcpy(v, made, n * sizeof *v);
    qsort(v, n, sizeof *v, by_string);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || strcmp(v[m - 1], v[i]) != 0)
            v[m++] = v[i];
    vn_buf code = {0};
    for (size_t i = 0; i < m; i++) {
        vn_buf_clear(&code);
        if (!vn_regex_serialize(v[i], &code)) {
            fprintf(stderr, "bake: a pattern does not compile: %s\n", v[i]);
            free(v);
            vn_buf_free(&code);
            return 1;
        }
        fprintf(out, "static const unsigned char vn_bp_%zu[] = {", i);
        for (size_t k = 0; k < code.len; k++)
            fprintf(out, "%s%u,", k % 24 == 0 ? "\n" : "", (unsigned char)code.data[k]);
        fprintf(out, "0};\n");
    }
    fprintf(out, "\nconst vn_baked_pattern vn_baked_patterns[] = {\n");
    for (size_t i = 0; i < m; i++) {
        fprintf(out, "    {");
        vn_put_c_literal(out, v[i]);
        fprintf(out, ", vn_bp_%zu},\n", i);
    }
    fprintf(out, "%s};\nconst size_t vn_baked_patterns_count = %zu;\n", m ? "" : "    {0, 0}\n", m);
    free(v);
    vn_buf_free(&code);
    return 0;
}

static int bake_grammar(FILE *out)
{
    const vnplan_grammar *g = vnplan_grammar_default();
    if (!g) {
        fprintf(stderr, "bake: the built-in grammar does not load\n");
        return 1;
    }
    vn_buf fold = {0};
    for (size_t i = 0; i < vn_embedded_grammars_count; i++) {
        const vn_gtable *t = vn_grammar_table(g, vn_embedded_grammars[i].name);
        /* one string per block, shared by its rows (vn_grammar_next
         * compares the blocks of neighbouring rows by pointer) */
        size_t nblocks = 0;
        const char *last = NULL;
        for (size_t r = 0; r < t->nrows; r++) {
            const vn_grow_row *row = &t->rows[r];
            if (row->block != last) {
                fprintf(out, "static const char vn_bg_%zu_b%zu[] = ", i, nblocks++);
                vn_put_c_literal(out, row->block);
                fprintf(out, ";\n");
                last = row->block;
            }
            fprintf(out, "static const char *vn_bg_%zu_f%zu[] = {", i, r);
            for (size_t k = 0; k < row->nf; k++) {
                vn_put_c_literal(out, row->f[k]);
                fputc(',', out);
            }
            fprintf(out, "%s};\n", row->nf ? "" : "0");
            /* each field folded as vn_grammar_fold would fold it now; NULL
             * for the nineteen in twenty that fold to themselves (a pointer
             * fewer for the loader to relocate at every start) */
            fprintf(out, "static const char *const vn_bg_%zu_k%zu[] = {", i, r);
            for (size_t k = 0; k < row->nf; k++) {
                vn_buf_clear(&fold);
                vn_grammar_fold(row, k, &fold);
                vn_buf_cstr(&fold);
                vn_put_c_literal(out, strcmp(fold.data, row->f[k]) == 0 ? NULL : fold.data);
                fputc(',', out);
            }
            fprintf(out, "%s};\n", row->nf ? "" : "0");
        }
        fprintf(out, "static const vn_grow_row vn_bg_%zu[] = {\n", i);
        nblocks = 0;
        last = NULL;
        for (size_t r = 0; r < t->nrows; r++) {
            const vn_grow_row *row = &t->rows[r];
            if (row->block != last) {
                nblocks++;
                last = row->block;
            }
            fprintf(out, "    {vn_bg_%zu_f%zu, %u, %lu, vn_bg_%zu_b%zu, vn_bg_%zu_k%zu},\n", i, r,
                    (unsigned)row->nf, (unsigned long)row->line, i, nblocks - 1, i, r);
        }
        if (!t->nrows)
            fprintf(out, "    {0, 0, 0, 0, 0}\n");
        fprintf(out, "};\n");
    }
    vn_buf_free(&fold);
    fprintf(out, "\nconst vn_baked_table vn_baked_grammar[] = {\n");
    for (size_t i = 0; i < vn_embedded_grammars_count; i++) {
        const vn_gtable *t = vn_grammar_table(g, vn_embedded_grammars[i].name);
        fprintf(out, "    {\"%s\", vn_bg_%zu, %zu},\n", vn_embedded_grammars[i].name, i, t->nrows);
    }
    if (!vn_embedded_grammars_count)
        fprintf(out, "    {0, 0, 0}\n");
    fprintf(out, "};\nconst size_t vn_baked_grammar_count = %zu;\n\n", vn_embedded_grammars_count);
    int status = bake_targets(out, g);
    return status ? status : bake_patterns(out, g);
}

/* The comparison cache of each baseline (docs[i], loaded from its XML), as
 * compare_cache.c makes it with the built-in grammar (compare_baked.c). */
static int bake_caches(FILE *out, vnplan_doc **docs)
{
    const vnplan_grammar *g = vnplan_grammar_default();
    bool *ok = calloc(vn_embedded_baselines_count + 1, sizeof *ok);
    if (!g || !ok) {
        free(ok);
        return 1;
    }
    for (size_t i = 0; i < vn_embedded_baselines_count; i++) {
        vn_cmp_cache *owned = NULL;
        const vn_cmp_cache *k = docs[i] ? vn_cp_cache_for(docs[i], g, &owned) : NULL;
        /* a cache with a number C cannot write is left to the first comparison */
        ok[i] = k && !owned && vn_cp_bake_cache(out, k, i);
        vn_cmp_cache_free(owned);
    }
    fprintf(out, "\nconst vn_baked_cache vn_baked_caches[] = {\n");
    for (size_t i = 0; i < vn_embedded_baselines_count; i++) {
        fprintf(out, "    {VN_CACHE_BAKED_SIZES, \"%s\", %zu, %zu, ", vn_embedded_baselines[i].name,
                docs[i] ? docs[i]->ntargets : 0, docs[i] ? docs[i]->nnodes : 0);
        if (ok[i])
            fprintf(out, "&vn_bc%zu},\n", i);
        else
            fprintf(out, "0},\n");
    }
    if (vn_embedded_baselines_count == 0)
        fprintf(out, "    {{0}, 0, 0, 0, 0}\n");
    fprintf(out, "};\nconst size_t vn_baked_caches_count = %zu;\n", vn_embedded_baselines_count);
    free(ok);
    return 0;
}

/* The baselines' XML, parsed and baked into the records load_baked.c reads,
 * and their comparison caches. */
static int bake_baselines(FILE *out)
{
    int status = 0;
    vnplan_doc **docs = calloc(vn_embedded_baselines_count + 1, sizeof *docs);
    if (!docs)
        return 1;
    for (size_t i = 0; i < vn_embedded_baselines_count && !status; i++) {
        vn_buf b = {0};
        char err[512];
        if (vn_baseline_bake(i, &b, &docs[i], err, sizeof err) != VNPLAN_OK) {
            fprintf(stderr, "bake: %s: %s\n", vn_embedded_baselines[i].name, err);
            status = 1;
        } else {
            fprintf(out, "static const unsigned char vn_baked_%zu[] = {", i);
            for (size_t k = 0; k < b.len; k++)
                fprintf(out, "%s%u,", k % 24 == 0 ? "\n" : "", (unsigned char)b.data[k]);
            fprintf(out, "0};\n");
        }
        vn_buf_free(&b);
    }
    fprintf(out, "\nconst vn_embedded vn_baked_baselines[] = {\n");
    for (size_t i = 0; i < vn_embedded_baselines_count; i++)
        fprintf(out, "    {\"%s\", vn_baked_%zu, sizeof vn_baked_%zu - 1},\n", vn_embedded_baselines[i].name, i, i);
    if (vn_embedded_baselines_count == 0)
        fprintf(out, "    {0, 0, 0}\n");
    fprintf(out, "};\nconst size_t vn_baked_baselines_count = %zu;\n", vn_embedded_baselines_count);
    if (!status)
        status = bake_caches(out, docs);
    for (size_t i = 0; i < vn_embedded_baselines_count; i++)
        vnplan_doc_free(docs[i]);
    free(docs);
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "baselines") != 0 && strcmp(argv[1], "grammar") != 0)) {
        fprintf(stderr, "usage: bake baselines|grammar OUT.c\n");
        return 2;
    }
    const char *path = argv[2];
    FILE *out = fopen(path, "w");
    if (!out) {
        perror(path);
        return 1;
    }
    fprintf(out, "/* generated by tools/bake.c: do not edit */\n#include \"grammar.h\"\n#include \"%s\"\n\n",
            strcmp(argv[1], "grammar") == 0 ? "targets_private.h" : "compare_private.h");
    int status = strcmp(argv[1], "grammar") == 0 ? bake_grammar(out) : bake_baselines(out);
    if (fclose(out) != 0) {
        perror(path);
        status = 1;
    }
    if (status)
        remove(path); /* a half-written file would pass for a finished one in make's eyes */
    return status;
}
