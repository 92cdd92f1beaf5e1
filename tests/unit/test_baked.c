/* test_baked.c — the bundled baselines are read at start as the build
 * loaded them (load_baked.c, written by tools/bake.c), not from their XML.
 * Each baked tree must be the very tree the XML gives with the built-in
 * grammar: both are written out again by vn_bake_doc and compared byte for
 * byte (every array and every string; a string pointer that the bake lists
 * of load_baked.c miss differs there too, as a raw address), and rendered
 * as XML and JSON.  A grammar of the caller's own still reads the XML.
 * Each baked tree comes with the comparison cache the build made for it
 * (compare_baked.c), which must be the one a comparison makes from the
 * XML: both are written out by vn_cp_bake_cache and compared as text. */
#include "compare_private.h"
#include "grammar.h"
#include "tap.h"
#include "vnplan.h"

#include <stdio.h>
#include <stdlib.h>

static char *render(const vnplan_doc *doc, vnplan_format f, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    if (!out)
        return NULL;
    char err[256];
    vnplan_status st = vnplan_render(doc, f, 0, out, err, sizeof err);
    fclose(out);
    if (st != VNPLAN_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void same_render(const vnplan_doc *a, const vnplan_doc *b, vnplan_format f, const char *what)
{
    size_t la = 0, lb = 0;
    char *ra = render(a, f, &la), *rb = render(b, f, &lb);
    ok(ra && rb && la == lb && memcmp(ra, rb, la) == 0, "%s: the baked tree renders as the XML's (%zu, %zu bytes)",
       what, la, lb);
    free(ra);
    free(rb);
}

int main(void)
{
    const vnplan_grammar *g = vnplan_grammar_default();
    ok(g != NULL, "the built-in grammar loads");
    ok(vn_baked_baselines_count == vn_embedded_baselines_count && vn_embedded_baselines_count >= 2,
       "one baked tree per bundled baseline (%zu, %zu)", vn_baked_baselines_count, vn_embedded_baselines_count);
    size_t n = vnplan_baseline_count();
    ok(n == vn_embedded_baselines_count, "every bundled baseline is listed (%zu)", n);
    for (size_t i = 0; i < vn_embedded_baselines_count && i < vn_baked_baselines_count; i++) {
        const vn_embedded *e = &vn_embedded_baselines[i];
        const char *name, *title;
        bool read = vn_baked_head(&vn_baked_baselines[i], &name, &title);
        ok(read && name,
           "%s: the baked tree is one this build reads, named %s", e->name, name ? name : "(none)");
        if (!name)
            continue;
        ok(i < n && strcmp(vnplan_baseline_name(i), name) == 0, "%s is listed as %s", e->name, name);
        char err[512] = "";
        vnplan_doc *xml = NULL, *baked = NULL;
        vnplan_status sx = vn_load_xml_bundled(e->data, e->len, "x", g, &xml, err, sizeof err);
        ok(sx == VNPLAN_OK, "%s loads from its XML (%s)", e->name, err);
        ok(vn_load_baked(&vn_baked_baselines[i], "x", g, &baked), "%s: the baked tree is read", e->name);
        if (!xml || !baked) {
            vnplan_doc_free(xml);
            vnplan_doc_free(baked);
            continue;
        }
        vn_buf bx = {0}, bb = {0};
        vn_bake_doc(xml, name, title, &bx);
        vn_bake_doc(baked, name, title, &bb);
        size_t at = 0;
        while (at < bx.len && at < bb.len && bx.data[at] == bb.data[at])
            at++;
        ok(bx.len == bb.len && at == bx.len, "%s: the baked tree is the XML's, field by field (first difference at "
           "byte %zu of %zu)", e->name, at, bx.len);
        ok(bx.len == vn_baked_baselines[i].len && memcmp(bx.data, vn_baked_baselines[i].data, bx.len) == 0,
           "%s: the library's baked tree is current", e->name);
        same_render(xml, baked, VNPLAN_FORMAT_XML, e->name);
        same_render(xml, baked, VNPLAN_FORMAT_JSON, e->name);
        /* the library's entry point gives the baked tree */
        vnplan_doc *viaapi = NULL;
        ok(vnplan_baseline_load(name, g, &viaapi, err, sizeof err) == VNPLAN_OK, "%s loads by name (%s)", name, err);
        if (viaapi)
            same_render(xml, viaapi, VNPLAN_FORMAT_XML, name);
        vnplan_doc_free(viaapi);
        const vn_cmp_cache *kb = atomic_load(&baked->cmp_cache);
        ok(kb && kb->baked && kb->B.doc == baked, "%s: the baked tree has its baked comparison cache",
           e->name);
        vn_cmp_cache *owned = NULL;
        const vn_cmp_cache *kx = vn_cp_cache_for(xml, g, &owned);
        ok(kx && !kx->baked && !owned, "%s: a comparison makes the cache of the XML's tree", e->name);
        char *tb = NULL, *tx = NULL;
        size_t lb = 0, lx = 0;
        FILE *fb = open_memstream(&tb, &lb), *fx = open_memstream(&tx, &lx);
        if (!fb || !fx)
            return 2;
        bool wb = kb && vn_cp_bake_cache(fb, kb, i), wx = kx && vn_cp_bake_cache(fx, kx, i);
        fclose(fb);
        fclose(fx);
        at = 0;
        while (at < lb && at < lx && tb[at] == tx[at])
            at++;
        ok(wb && wx && lb == lx && at == lb,
           "%s: the baked comparison cache is the one made from the XML, field by field (first difference at "
           "byte "
           "%zu of %zu)",
           e->name, at, lx);
        free(tb);
        free(tx);
        vn_buf_free(&bx);
        vn_buf_free(&bb);
        vnplan_doc_free(xml);
        vnplan_doc_free(baked);
    }
    /* a cache made for another tree is not given to this one */
    if (vn_embedded_baselines_count >= 2) {
        const vn_embedded *e = &vn_embedded_baselines[1];
        char err[512] = "";
        vnplan_doc *other = NULL;
        if (vn_load_xml_bundled(e->data, e->len, "x", g, &other, err, sizeof err) == VNPLAN_OK) {
            vn_cmp_cache_baked(other, 0);
            ok(atomic_load(&other->cmp_cache) == NULL, "%s is not given the baked cache of %s", e->name,
               vn_embedded_baselines[0].name);
        }
        vnplan_doc_free(other);
    }
    /* a blob of another layout is refused, not read */
    if (vn_baked_baselines_count) {
        const vn_embedded *b = &vn_baked_baselines[0];
        unsigned char *copy = malloc(b->len);
        if (!copy)
            return 2;
        memcpy(copy, b->data, b->len);
        copy[8] ^= 1; /* the first size the reader checks */
        vn_embedded bad = {b->name, copy, b->len};
        vnplan_doc *d = NULL;
        const char *nm, *tt;
        ok(!vn_baked_head(&bad, &nm, &tt) && !vn_load_baked(&bad, "x", g, &d) && !d,
           "a baked tree of another layout is refused");
        memcpy(copy, b->data, b->len);
        vn_embedded cut = {b->name, copy, b->len / 2};
        ok(!vn_load_baked(&cut, "x", g, &d) && !d, "a cut baked tree is refused");
        free(copy);
    }
    return done();
}
