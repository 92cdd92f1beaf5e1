/* compare_baked.c — the comparison cache of each bundled baseline
 * (compare_cache.c) as the build made it.
 *
 * The cache depends only on the baseline's tree and the built-in grammar,
 * both fixed at build time, and making it was 3.6 million instructions of
 * every `vnplan diff` of a 20 KB plan: a sixth of the process (issue 13).
 * tools/bake.c makes it for each bundled baseline, loaded from its XML as
 * a start once loaded it, and writes it with vn_cp_bake_cache as C data
 * (build/gen/baked_baselines.c, after the baked trees); vn_load_baked
 * gives each baked tree its cache (vn_cmp_cache_baked), whose arrays and
 * strings are that read-only data.  A cache written by a build whose
 * structs differ, or for another tree, is refused, and the first
 * comparison makes one as before.  test_baked writes the baked cache and
 * one made now from the XML with vn_cp_bake_cache and compares the texts. */
#include "compare_private.h"
#include "grammar.h"

#include <inttypes.h>
#include <string.h>

/* ---- writing (at build time) ---- */

void vn_put_c_literal(FILE *out, const char *s)
{
    if (!s) {
        fputs("0", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '?')
            fprintf(out, "\\%c", *p);
        else if (*p >= 0x20 && *p < 0x7f)
            fputc(*p, out);
        else
            fprintf(out, "\\%03o", *p);
    }
    fputc('"', out);
}

typedef enum { BC_U8, BC_BOOL, BC_I32, BC_U32, BC_U64, BC_SIZE, BC_FLOAT } bc_kind;

typedef struct bc_writer {
    FILE *out;
    size_t base; /* the baseline's index: names are vn_bcBASE_N */
    unsigned next;
    bool bad; /* a number C cannot write (not finite) */
} bc_writer;

typedef char bc_name[48];

/* v[0..n) and a zero after it (the caches' arrays have one more element
 * than they use) as a static array; its name in `name`, "0" for NULL. */
static void bc_array(bc_writer *w, bc_kind kind, const void *v, size_t n, bc_name name)
{
    static const char *const types[] = {"uint8_t",  "bool",   "int32_t", "uint32_t",
                                        "uint64_t", "size_t", "float"};
    if (!v) {
        strcpy(name, "0");
        return;
    }
    snprintf(name, sizeof(bc_name), "vn_bc%zu_%u", w->base, w->next++);
    fprintf(w->out, "static const %s %s[] = {", types[kind], name);
    for (size_t i = 0; i < n; i++) {
        if (i % 16 == 0)
            fputc('\n', w->out);
        switch (kind) {
        case BC_U8: fprintf(w->out, "%u,", (unsigned)((const uint8_t *)v)[i]); break;
        case BC_BOOL: fprintf(w->out, "%d,", ((const bool *)v)[i] ? 1 : 0); break;
        case BC_I32: fprintf(w->out, "%" PRId32 ",", ((const int32_t *)v)[i]); break;
        case BC_U32: fprintf(w->out, "%" PRIu32 "u,", ((const uint32_t *)v)[i]); break;
        case BC_U64: fprintf(w->out, "%" PRIu64 "ull,", ((const uint64_t *)v)[i]); break;
        case BC_SIZE: fprintf(w->out, "%zu,", ((const size_t *)v)[i]); break;
        case BC_FLOAT: {
            float f = ((const float *)v)[i];
            w->bad |= !isfinite(f);
            fprintf(w->out, "%a,", isfinite(f) ? (double)f : 0.0);
            break;
        }
        }
    }
    fprintf(w->out, "0};\n");
}

/* strings v[0..n) (NULL allowed) and a NULL after them */
static void bc_strings(bc_writer *w, const char *const *v, size_t n, bc_name name)
{
    if (!v) {
        strcpy(name, "0");
        return;
    }
    snprintf(name, sizeof(bc_name), "vn_bc%zu_%u", w->base, w->next++);
    fprintf(w->out, "static const char *const %s[] = {", name);
    for (size_t i = 0; i < n; i++) {
        fputs("\n    ", w->out);
        vn_put_c_literal(w->out, v[i]);
        fputc(',', w->out);
    }
    fprintf(w->out, "0};\n");
}

static void bc_phrases(bc_writer *w, const cx_phrase *v, size_t n, bc_name name)
{
    if (!v) {
        strcpy(name, "0");
        return;
    }
    bc_name *from = vn_xcalloc(n + 1, sizeof *from), *to = vn_xcalloc(n + 1, sizeof *to);
    for (size_t i = 0; i < n; i++) {
        bc_array(w, BC_U32, v[i].from, v[i].nfrom, from[i]);
        bc_array(w, BC_U32, v[i].to, v[i].nto, to[i]);
    }
    snprintf(name, sizeof(bc_name), "vn_bc%zu_%u", w->base, w->next++);
    fprintf(w->out, "static const cx_phrase %s[] = {\n", name);
    for (size_t i = 0; i < n; i++)
        fprintf(w->out, "    {(uint32_t *)%s, %zu, (uint32_t *)%s, %zu},\n", from[i], v[i].nfrom, to[i],
                v[i].nto);
    fprintf(w->out, "    {0}};\n");
    free(from);
    free(to);
}

static void bc_fsets(bc_writer *w, const fset *v, size_t n, bc_name name)
{
    if (!v) {
        strcpy(name, "0");
        return;
    }
    bc_name *keys = vn_xcalloc(n + 1, sizeof *keys), *ws = vn_xcalloc(n + 1, sizeof *ws),
            *syl = vn_xcalloc(n + 1, sizeof *syl);
    for (size_t i = 0; i < n; i++) {
        bc_array(w, BC_U64, v[i].keys, v[i].n, keys[i]);
        bc_array(w, BC_FLOAT, v[i].w, v[i].n, ws[i]);
        bc_array(w, BC_U32, v[i].syl, v[i].nsyl, syl[i]);
    }
    snprintf(name, sizeof(bc_name), "vn_bc%zu_%u", w->base, w->next++);
    fprintf(w->out, "static const fset %s[] = {\n", name);
    for (size_t i = 0; i < n; i++) {
        w->bad |= !isfinite(v[i].norm2);
        fprintf(w->out,
                "    {(uint64_t *)%s, (float *)%s, %" PRIu32 "u, %" PRIu32 "u, (uint32_t *)%s, %a},\n",
                keys[i], ws[i], v[i].n, v[i].nsyl, syl[i], isfinite(v[i].norm2) ? v[i].norm2 : 0.0);
    }
    fprintf(w->out, "    {0}};\n");
    free(keys);
    free(ws);
    free(syl);
}

/* a phrase list as the initializer of a cx_plist, its arrays written before */
static void bc_plist(bc_writer *w, const cx_plist *l, char *init, size_t cap)
{
    bc_name v, first;
    bc_phrases(w, l->v, l->n, v);
    bc_array(w, BC_U8, l->first, l->nfirst, first);
    snprintf(init, cap, "{(cx_phrase *)%s, %zu, %s, %zu}", v, l->n, first, l->nfirst);
}

#define BC_PLISTS(X) X(synonyms) X(stop) X(unconfirmed) X(body_synonyms) X(body_level) X(body_strip) X(lead)

bool vn_cp_bake_cache(FILE *out, const vn_cmp_cache *k, size_t base)
{
    bc_writer w0 = {out, base, 0, false}, *w = &w0;
    const cx *c = &k->rec;
    const vnplan_doc *doc = k->B.doc;
    size_t nt = doc->ntargets;
    bc_name words, wlen, words0, wlen0, slots0, excl_items, excl_group;
    bc_strings(w, (const char *const *)c->words, c->nwords, words);
    bc_array(w, BC_U32, c->wlen, c->nwords, wlen);
    bc_strings(w, (const char *const *)k->words0, k->nwords0, words0);
    bc_array(w, BC_U32, k->wlen0, k->nwords0, wlen0);
    bc_array(w, BC_U32, k->slots0, k->nslots0, slots0);
#define PLIST_INIT(f) char f[160];
    BC_PLISTS(PLIST_INIT)
#undef PLIST_INIT
#define PLIST_WRITE(f) bc_plist(w, &c->f, f, sizeof f);
    BC_PLISTS(PLIST_WRITE)
#undef PLIST_WRITE
    bc_phrases(w, c->exclusive_items, c->nexclusive_items, excl_items);
    bc_array(w, BC_SIZE, c->exclusive_group, c->nexclusive_items, excl_group);
    /* the baseline's side */
    bc_name ind, first_part, next_part, past, parts, excl;
    bc_fsets(w, k->B.ind, nt, ind);
    bc_array(w, BC_I32, k->B.first_part, nt, first_part);
    bc_array(w, BC_I32, k->B.next_part, nt, next_part);
    bc_array(w, BC_U8, k->B.past, nt, past);
    bc_array(w, BC_U64, k->B.excl, nt, excl);
    strcpy(parts, "0");
    if (k->B.parts) {
        bc_name *each = vn_xcalloc(nt + 1, sizeof *each);
        for (size_t i = 0; i < nt; i++)
            bc_strings(w, k->B.parts[i], VN_PART__COUNT, each[i]);
        snprintf(parts, sizeof parts, "vn_bc%zu_%u", base, w->next++);
        fprintf(out, "static const char *const *const %s[] = {", parts);
        for (size_t i = 0; i < nt; i++)
            fprintf(out, "%s,", each[i]);
        fprintf(out, "0};\n");
        free(each);
    }
    bc_name dfkeys, dfcounts, gnodes, gtitle, gall, gunconfirmed, bodies;
    bc_array(w, BC_U64, k->dfkeys, k->ndf, dfkeys);
    bc_array(w, BC_U32, k->dfcounts, k->ndf, dfcounts);
    bc_array(w, BC_U32, k->groups.nodes.v, k->groups.nodes.n, gnodes);
    bc_fsets(w, k->groups.title, k->groups.nodes.n, gtitle);
    bc_fsets(w, k->groups.all, k->groups.nodes.n, gall);
    bc_array(w, BC_BOOL, k->groups.unconfirmed, k->groups.nodes.n, gunconfirmed);
    strcpy(bodies, "0");
    if (k->bodies) {
        snprintf(bodies, sizeof bodies, "vn_bc%zu_%u", base, w->next++);
        fprintf(out, "static const vn_body %s[] = {\n", bodies);
        for (size_t i = 0; i < k->nbodies; i++) {
            const vn_body *b = &k->bodies[i];
            fprintf(out, "    {%" PRId32 ", ", b->node);
            vn_put_c_literal(out, b->name);
            fputs(", ", out);
            vn_put_c_literal(out, b->key);
            fprintf(out, ", %" PRId32 ", %d},\n", b->counterpart, b->lead ? 1 : 0);
        }
        fprintf(out, "    {0}};\n");
    }
    /* the cache itself: what the document, the grammar and its rules give
     * is set when a baked tree is loaded (vn_cmp_cache_baked) */
    fprintf(out, "static const vn_cmp_cache vn_bc%zu = {\n    .rec = {.p = {", base);
#define PARAM(pname, dflt) fprintf(out, "%a, ", c->p.pname);
    CX_PARAMS(PARAM)
#undef PARAM
    fprintf(out, "},\n        .words = (char **)%s, .wlen = (uint32_t *)%s, .nwords = %zu,\n", words, wlen,
            c->nwords);
#define PLIST_FIELD(f) fprintf(out, "        ." #f " = %s,\n", f);
    BC_PLISTS(PLIST_FIELD)
#undef PLIST_FIELD
    fprintf(out,
            "        .exclusive_items = (cx_phrase *)%s, .exclusive_group = (size_t *)%s, .nexclusive_items "
            "= %zu},\n",
            excl_items, excl_group, c->nexclusive_items);
    fprintf(out, "    .words0 = (char **)%s, .wlen0 = (uint32_t *)%s, .slots0 = (uint32_t *)%s,\n", words0,
            wlen0, slots0);
    fprintf(out, "    .nwords0 = %zu, .nslots0 = %zu,\n", k->nwords0, k->nslots0);
    fprintf(out,
            "    .B = {.ind = (fset *)%s, .first_part = (int32_t *)%s, .next_part = (int32_t *)%s,\n"
            "          .past = (uint8_t *)%s, .parts = (const char *const **)%s, .excl = (uint64_t *)%s},\n",
            ind, first_part, next_part, past, parts, excl);
    fprintf(out, "    .dfkeys = (uint64_t *)%s, .dfcounts = (uint32_t *)%s, .ndf = %zu, .dfdocs = %zu,\n",
            dfkeys, dfcounts, k->ndf, k->dfdocs);
    fprintf(out, "    .nnew_nodes = %zu, .nnew = %zu,\n", k->nnew_nodes, k->nnew);
    fprintf(out,
            "    .groups = {.nodes = {(uint32_t *)%s, %zu, 0}, .title = (fset *)%s, .all = (fset *)%s,\n"
            "               .unconfirmed = (bool *)%s},\n",
            gnodes, k->groups.nodes.n, gtitle, gall, gunconfirmed);
    fprintf(out,
            "    .bodies = (vn_body *)%s, .nbodies = %zu, .kinh_phi = %" PRId32
            ", .kinh_phi_unconfirmed = %d,\n",
            bodies, k->nbodies, k->kinh_phi, k->kinh_phi_unconfirmed ? 1 : 0);
    fprintf(out, "    .baked = true};\n");
    return !w->bad;
}

/* ---- reading (at run time) ---- */

void vn_cmp_cache_baked(vnplan_doc *doc, size_t i)
{
    static const size_t sizes[] = VN_CACHE_BAKED_SIZES;
    if (i >= vn_baked_caches_count || i >= vn_embedded_baselines_count)
        return;
    const vn_baked_cache *b = &vn_baked_caches[i];
    if (!b->cache || memcmp(b->sizes, sizes, sizeof sizes) != 0 || !b->name ||
        strcmp(b->name, vn_embedded_baselines[i].name) != 0 || b->ntargets != doc->ntargets ||
        b->nnodes != doc->nnodes || !doc->grammar || !doc->grammar->compare)
        return; /* made by the first comparison, as for any tree */
    vn_cmp_cache *k = vn_xmalloc(sizeof *k);
    *k = *b->cache;
    k->grammar = doc->grammar;
    k->rec.grammar = doc->grammar;
    k->rec.rules = doc->grammar->compare;
    k->B.doc = doc;
    atomic_store_explicit(&doc->cmp_cache, k, memory_order_release);
}
