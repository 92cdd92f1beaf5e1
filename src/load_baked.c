/* load_baked.c — the bundled baselines as the build left them: trees already
 * loaded, written out as their arrays and strings (vn_bake_doc, run by
 * tools/bake.c at build time) and read back with a few copies (vn_load_baked).
 *
 * Loading baseline 1002 from its XML at every start of `vnplan diff` cost
 * 6.8 million instructions (libxml2's parse, then the targets' sentences
 * scanned again for their comparators and units): more than the grammar,
 * a third of what starting cost (issue 13).  The loaded tree depends only on
 * the XML and the built-in grammar, both fixed at build time; a caller with
 * a grammar of its own still gets the XML loaded with it (baseline.c).
 *
 * The blob is read by the build that wrote it (same compiler, same headers):
 * the structs go in as their bytes, with every string pointer replaced by
 * an offset into the blob's string table (0 for NULL), and the strings of a
 * loaded tree then point into the blob itself, which lives as long as the
 * library.  The sizes of the structs are checked on reading; a blob that
 * does not fit is refused and the caller loads the XML.  A pointer field
 * added to one of these structs must be added to the lists below:
 * test_baked compares every baked tree with its XML, field by field. */
#include "grammar.h"
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>

#define BK_MAGIC "VNPLANB1"

#define BK_TARGET_STRS(X) X(id) X(value_text) X(unit) X(unit_class) X(indicator) X(text) X(confidence) X(name)
#define BK_META_STRS(X)                                                                                      \
    X(type) X(number) X(date) X(place) X(issuer) X(locality) X(level) X(signer_name) X(signer_capacity) X(title)
#define BK_REF_STRS(X) X(number) X(key) X(date) X(kind)
#define BK_DOC_STRS(X) X(base_title) X(source) X(source_encoding) X(baseline)

/* the sizes the reader checks: a blob of another layout is not read */
#define BK_SIZES(X)                                                                                          \
    X(sizeof(vn_pline)) X(sizeof(vn_node)) X(sizeof(vn_ospan)) X(sizeof(vn_target)) X(sizeof(vn_part_set))   \
        X(sizeof(vn_ref)) X(sizeof(void *))

/* ---- writing (at build time) ---- */

typedef struct bk_writer {
    vn_buf out, strs;
} bk_writer;

static void put_u64(vn_buf *b, uint64_t v) { vn_buf_put(b, &v, sizeof v); }

static uint64_t str_off(bk_writer *w, const char *s)
{
    if (!s)
        return 0;
    uint64_t off = w->strs.len + 1;
    vn_buf_put(&w->strs, s, strlen(s) + 1);
    return off;
}

static void put_str(bk_writer *w, const char *s) { put_u64(&w->out, str_off(w, s)); }

/* a string pointer in a struct about to be written: its offset instead */
static const char *as_off(bk_writer *w, const char *s) { return (const char *)(uintptr_t)str_off(w, s); }

static void put_array(vn_buf *b, const void *p, size_t n, size_t size)
{
    put_u64(b, n);
    if (n)
        vn_buf_put(b, p, n * size);
}

void vn_bake_doc(const vnplan_doc *doc, const char *name, const char *title, vn_buf *out)
{
    bk_writer w = {{0}, {0}};
    vn_buf_put(&w.out, BK_MAGIC, 8);
#define PUT_SIZE(s) put_u64(&w.out, s);
    BK_SIZES(PUT_SIZE)
#undef PUT_SIZE
    put_str(&w, name);
    put_str(&w, title);
    put_u64(&w.out, doc != NULL);
    if (doc) {
        put_array(&w.out, doc->text.s, doc->text.len, 1);
        put_array(&w.out, doc->plines, doc->nplines, sizeof *doc->plines);
        put_array(&w.out, doc->nodes, doc->nnodes, sizeof *doc->nodes);
        put_array(&w.out, doc->node_ospans, doc->node_ospans ? doc->nnodes : 0, sizeof(vn_ospan));
        put_u64(&w.out, doc->ntargets);
        for (size_t i = 0; i < doc->ntargets; i++) {
            vn_target x = doc->targets[i];
#define OFF(f) x.f = as_off(&w, x.f);
            BK_TARGET_STRS(OFF)
            vn_buf_put(&w.out, &x, sizeof x);
        }
        put_array(&w.out, doc->target_ospans, doc->target_ospans ? doc->ntargets : 0, sizeof(vn_ospan));
        put_u64(&w.out, doc->npart_sets);
        for (size_t i = 0; i < doc->npart_sets; i++) {
            vn_part_set p = doc->part_sets[i];
            for (int k = 0; k < VN_PART__COUNT; k++)
                p.v[k] = as_off(&w, p.v[k]);
            vn_buf_put(&w.out, &p, sizeof p);
        }
        put_array(&w.out, doc->part_slots, doc->npart_slots, sizeof *doc->part_slots);
#define PUT_META(f) put_str(&w, doc->meta.f);
        BK_META_STRS(PUT_META)
        put_u64(&w.out, doc->meta.nimplements);
        for (size_t i = 0; i < doc->meta.nimplements; i++) {
            vn_ref x = doc->meta.implements[i];
            BK_REF_STRS(OFF)
            vn_buf_put(&w.out, &x, sizeof x);
        }
#undef OFF
        put_u64(&w.out, doc->nwarnings);
        for (size_t i = 0; i < doc->nwarnings; i++)
            put_str(&w, doc->warnings[i]);
#define PUT_DOC(f) put_str(&w, doc->f);
        BK_DOC_STRS(PUT_DOC)
        put_u64(&w.out, doc->from_xml);
    }
    /* the string table last; its length at the very end */
    vn_buf_put(&w.out, w.strs.data, w.strs.len);
    put_u64(&w.out, w.strs.len);
    vn_buf_free(&w.strs);
    *out = w.out;
}

/* ---- reading ---- */

typedef struct bk_reader {
    const unsigned char *p, *end;
    const char *strs; /* the string table */
    size_t nstrs;
    bool bad;
} bk_reader;

static const void *take(bk_reader *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return NULL;
    }
    const void *at = r->p;
    r->p += n;
    return at;
}

static uint64_t get_u64(bk_reader *r)
{
    uint64_t v = 0;
    const void *at = take(r, sizeof v);
    if (at)
        memcpy(&v, at, sizeof v);
    return v;
}

/* the string at offset `off` (as written by str_off) */
static const char *str_at(bk_reader *r, uintptr_t off)
{
    if (!off)
        return NULL;
    if (off > r->nstrs) {
        r->bad = true;
        return NULL;
    }
    return r->strs + off - 1;
}

static const char *get_str(bk_reader *r) { return str_at(r, (uintptr_t)get_u64(r)); }

/* n (read first) elements of `size` bytes, copied to a new array of
 * n + 1 (an empty array is still an allocation, as the XML loader's are);
 * *n_out gets n */
static void *get_array(bk_reader *r, size_t size, size_t *n_out)
{
    uint64_t n = get_u64(r);
    const void *at = n < SIZE_MAX / size - 1 ? take(r, n * size) : (r->bad = true, NULL);
    if (!at) {
        *n_out = 0;
        return NULL;
    }
    void *a = vn_xmalloc((n + 1) * size);
    memcpy(a, at, n * size);
    memset((char *)a + n * size, 0, size);
    *n_out = n;
    return a;
}

static bool head(bk_reader *r, const vn_embedded *e, const char **name, const char **title)
{
    r->p = e->data;
    r->end = e->data + e->len;
    r->bad = false;
    uint64_t nstrs = 0;
    if (e->len < 16 || memcmp(e->data, BK_MAGIC, 8) != 0)
        return false;
    memcpy(&nstrs, e->data + e->len - 8, 8);
    if (nstrs > e->len - 16)
        return false;
    r->end = e->data + e->len - 8 - nstrs;
    r->strs = (const char *)r->end;
    r->nstrs = nstrs;
    take(r, 8);
#define CHECK_SIZE(s) if (get_u64(r) != (s)) r->bad = true;
    BK_SIZES(CHECK_SIZE)
#undef CHECK_SIZE
    *name = get_str(r);
    *title = get_str(r);
    return !r->bad;
}

bool vn_baked_head(const vn_embedded *e, const char **name, const char **title)
{
    bk_reader r;
    *name = *title = NULL;
    return head(&r, e, name, title);
}

bool vn_load_baked(const vn_embedded *e, const char *name, const vnplan_grammar *grammar, vnplan_doc **out)
{
    bk_reader r0, *r = &r0;
    const char *bl_name, *bl_title;
    *out = NULL;
    if (!head(r, e, &bl_name, &bl_title) || get_u64(r) != 1)
        return false;
    vnplan_doc *doc = vn_xcalloc(1, sizeof *doc);
    vn_recover *rc = vn_recover_current();
    if (rc)
        rc->doc = doc; /* an allocation failure frees what was built */
    doc->grammar = grammar;
    doc->name = vn_xstrndup(name, strlen(name));
    size_t n;
    doc->text.s = get_array(r, 1, &n);
    doc->text.len = doc->text.orig_len = n;
    doc->plines = get_array(r, sizeof *doc->plines, &doc->nplines);
    doc->capplines = doc->nplines;
    doc->nodes = get_array(r, sizeof *doc->nodes, &doc->nnodes);
    doc->capnodes = doc->nnodes;
    doc->node_ospans = get_array(r, sizeof(vn_ospan), &n);
    doc->targets = get_array(r, sizeof *doc->targets, &doc->ntargets);
    doc->captargets = doc->ntargets;
#define FIX(f) x->f = str_at(r, (uintptr_t)x->f);
    for (size_t i = 0; i < doc->ntargets; i++) {
        vn_target *x = &doc->targets[i];
        BK_TARGET_STRS(FIX)
    }
    doc->target_ospans = get_array(r, sizeof(vn_ospan), &n);
    doc->part_sets = get_array(r, sizeof *doc->part_sets, &doc->npart_sets);
    doc->cappart_sets = doc->npart_sets;
    for (size_t i = 0; i < doc->npart_sets; i++)
        for (int k = 0; k < VN_PART__COUNT; k++)
            doc->part_sets[i].v[k] = str_at(r, (uintptr_t)doc->part_sets[i].v[k]);
    doc->part_slots = get_array(r, sizeof *doc->part_slots, &doc->npart_slots);
#define GET_META(f) doc->meta.f = get_str(r);
    BK_META_STRS(GET_META)
    doc->meta.implements = get_array(r, sizeof *doc->meta.implements, &doc->meta.nimplements);
    for (size_t i = 0; i < doc->meta.nimplements; i++) {
        vn_ref *x = &doc->meta.implements[i];
        BK_REF_STRS(FIX)
    }
#undef FIX
    size_t nw = (size_t)get_u64(r);
    if (nw > (size_t)(r->end - r->p) / 8)
        r->bad = true;
    for (size_t i = 0; i < nw && !r->bad; i++) {
        const char *w = get_str(r);
        VN_PUSH(doc->warnings, doc->nwarnings, doc->capwarnings) = vn_xstrndup(w ? w : "", w ? strlen(w) : 0);
    }
#define GET_DOC(f) doc->f = get_str(r);
    BK_DOC_STRS(GET_DOC)
    doc->from_xml = get_u64(r) != 0;
    if (!doc->text.s || !doc->node_ospans || !doc->target_ospans)
        r->bad = true;
    /* its comparison cache, made by the build as well (compare_baked.c) */
    for (size_t i = 0; i < vn_baked_baselines_count && !r->bad && r->p == r->end; i++)
        if (e == &vn_baked_baselines[i])
            vn_cmp_cache_baked(doc, i);
    if (rc)
        rc->doc = NULL;
    if (r->bad || r->p != r->end) {
        vnplan_doc_free(doc);
        return false;
    }
    *out = doc;
    return true;
}
