/* baseline.c — the baselines compiled into the library (the trees of
 * corpus/decisions, embedded by the Makefile as vn_embedded_baselines[]) and the
 * choice of the one a plan implements. */
#include "compare.h"
#include "i18n.h"

#include "xml_dl.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct bl_info {
    const vn_embedded *e;
    char *name;  /* "1002/QĐ-TTg" */
    char *title;
    char *key;   /* vn_number_key of name */
} bl_info;

/* The list is built once per process by whichever thread asks first
 * (under the lock), then only read; like the built-in grammar it is never
 * freed, and a build cut short by an allocation failure is tried again by
 * the next call (see grammar.c).  bl_infos and bl_count are written only
 * before bl_ready is set. */
static pthread_mutex_t bl_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool bl_ready;
static bl_info *bl_infos;
static size_t bl_count;

/* Whitespace runs collapsed to one space and trimmed, as the tree loader
 * reads attribute values; NULL for NULL or nothing left. */
static char *collapsed(const xmlChar *s)
{
    if (!s)
        return NULL;
    vn_buf b = {0};
    bool space = false;
    for (const char *p = (const char *)s; *p; p++) {
        if (vn_is_space(*p)) {
            space = b.len > 0;
            continue;
        }
        if (space)
            vn_buf_putc(&b, ' ');
        space = false;
        vn_buf_putc(&b, *p);
    }
    if (!b.len) {
        vn_buf_free(&b);
        return NULL;
    }
    vn_buf_cstr(&b);
    return b.data;
}

/* The name and title of a bundled tree: the attributes baseline= and title=
 * of <document>, or else the text of its <meta><number> and <meta><title>.
 * Read as a stream that stops as soon as both are known (the attributes come
 * first, a few hundred bytes into the file): parsing the whole tree to a DOM
 * cost 0.3 ms a baseline at every start of `vnplan diff`, for two strings.
 * A tree that is not XML or has no name gives NULL; the test suite loads
 * every bundled tree in full, so a bundled tree that does not load is a
 * build defect. */
static void bl_head(const vn_embedded *e, char **name, char **title)
{
    *name = *title = NULL;
    if (!vn_xml_use(NULL))
        return;
    xmlTextReaderPtr r = xmlReaderForMemory((const char *)e->data, (int)e->len, e->name, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r)
        return;
    /* where the reader is: 0 before <vnplan>, 1 in it, 2 in <document>, 3 in its <meta> */
    int at = 0;
    while ((!*name || !*title) && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        int depth = xmlTextReaderDepth(r);
        const char *el = (const char *)xmlTextReaderConstLocalName(r);
        if (depth < at)
            break; /* left <document> or its <meta> */
        if (depth != at || !el)
            continue;
        if (at == 0) {
            if (strcmp(el, "vnplan") != 0)
                break;
        } else if (at == 1) {
            if (strcmp(el, "document") != 0)
                continue; /* the first <document> is the tree */
            xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)"baseline");
            *name = collapsed(v);
            xmlFree(v);
            v = xmlTextReaderGetAttribute(r, (const xmlChar *)"title");
            *title = collapsed(v);
            xmlFree(v);
        } else if (at == 2) {
            if (strcmp(el, "meta") != 0)
                break; /* past the header */
        } else {
            char **field = strcmp(el, "number") == 0 ? name : strcmp(el, "title") == 0 ? title : NULL;
            if (field && !*field) {
                xmlChar *v = xmlTextReaderReadString(r);
                *field = collapsed(v);
                xmlFree(v);
            }
            continue;
        }
        if (xmlTextReaderIsEmptyElement(r))
            break;
        at++;
    }
    xmlFreeTextReader(r);
}

static void bl_build(void)
{
    bl_count = 0;
    bl_infos = vn_xcalloc(vn_embedded_baselines_count + 1, sizeof *bl_infos);
    vn_buf key = {0};
    for (size_t i = 0; i < vn_embedded_baselines_count; i++) {
        const vn_embedded *e = &vn_embedded_baselines[i];
        char *name, *title;
        const char *bn, *bt;
        if (i < vn_baked_baselines_count && vn_baked_head(&vn_baked_baselines[i], &bn, &bt)) {
            /* written at build time by bl_head itself (vn_baseline_bake):
             * no XML read at start */
            name = bn ? vn_xstrndup(bn, strlen(bn)) : NULL;
            title = bt ? vn_xstrndup(bt, strlen(bt)) : NULL;
        } else {
            bl_head(e, &name, &title);
        }
        if (name) {
            bl_info *b = &bl_infos[bl_count++];
            b->e = e;
            b->name = name;
            b->title = title;
            vn_number_key(name, &key);
            b->key = vn_xstrndup(key.data ? key.data : "", key.len);
        } else {
            free(title);
        }
    }
    vn_buf_free(&key);
}

/* false when memory ran out (the list then reads as empty). */
static bool bl_init(void)
{
    if (atomic_load_explicit(&bl_ready, memory_order_acquire))
        return true;
    vn_library_init();
    pthread_mutex_lock(&bl_lock);
    if (!atomic_load_explicit(&bl_ready, memory_order_relaxed)) {
        vn_recover rec;
        vn_recover_push(&rec);
        if (setjmp(rec.jb) == 0) {
            bl_build();
            vn_recover_pop(&rec);
            atomic_store_explicit(&bl_ready, true, memory_order_release);
        } else {
            bl_count = 0; /* what was built is left allocated */
        }
    }
    pthread_mutex_unlock(&bl_lock);
    return atomic_load_explicit(&bl_ready, memory_order_relaxed);
}

size_t vnplan_baseline_count(void) { return bl_init() ? bl_count : 0; }

const char *vnplan_baseline_name(size_t i) { return bl_init() && i < bl_count ? bl_infos[i].name : NULL; }

const char *vnplan_baseline_title(size_t i) { return bl_init() && i < bl_count ? bl_infos[i].title : NULL; }

/* The bundled baseline for a number: the whole key, or the bare number
 * ("1002") against the part of a key before its first '/'. */
static const bl_info *bl_find(const char *number)
{
    if (!bl_init())
        vn_oom(); /* the callers run under a recovery point */
    if (!number)
        return NULL;
    vn_buf key = {0};
    vn_number_key(number, &key);
    const bl_info *hit = NULL;
    bool bare = key.len > 0;
    for (size_t i = 0; i < key.len; i++)
        bare = bare && vn_is_digit(key.data[i]);
    for (size_t i = 0; i < bl_count && !hit && key.len; i++) {
        const char *k = bl_infos[i].key;
        if (strcmp(k, key.data) == 0)
            hit = &bl_infos[i];
        else if (bare && strncmp(k, key.data, key.len) == 0 && k[key.len] == '/')
            hit = &bl_infos[i];
    }
    vn_buf_free(&key);
    return hit;
}

static void bl_list(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < bl_count && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", bl_infos[i].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (!bl_count)
        snprintf(buf, len, "none");
}

static vnplan_status bl_load(const bl_info *b, const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                             size_t errlen)
{
    char name[300];
    snprintf(name, sizeof name, "%s (bundled baseline %s)", b->e->name, b->name);
    /* the built-in grammar: the tree as the build loaded it (load_baked.c);
     * a grammar of the caller's own reads the XML with it */
    size_t i = (size_t)(b->e - vn_embedded_baselines);
    if (!grammar)
        grammar = vnplan_grammar_default();
    if (grammar && vn_grammar_is_default(grammar) && i < vn_baked_baselines_count &&
        vn_load_baked(&vn_baked_baselines[i], name, grammar, out))
        return VNPLAN_OK;
    return vn_load_xml_bundled(b->e->data, b->e->len, name, grammar, out, err, errlen);
}

vnplan_status vn_baseline_bake(size_t i, vn_buf *out, vnplan_doc **keep, char *err, size_t errlen)
{
    if (keep)
        *keep = NULL;
    if (i >= vn_embedded_baselines_count)
        return VNPLAN_ERR_USAGE;
    char *name, *title;
    bl_head(&vn_embedded_baselines[i], &name, &title);
    vnplan_doc *doc = NULL;
    vnplan_status st = VNPLAN_OK;
    if (name) {
        bl_info b = {&vn_embedded_baselines[i], name, title, NULL};
        char full[300];
        snprintf(full, sizeof full, "%s (bundled baseline %s)", b.e->name, b.name);
        st = vn_load_xml_bundled(b.e->data, b.e->len, full, vnplan_grammar_default(), &doc, err, errlen);
    }
    if (st == VNPLAN_OK)
        vn_bake_doc(doc, name, title, out);
    if (keep && st == VNPLAN_OK)
        *keep = doc;
    else
        vnplan_doc_free(doc);
    free(name);
    free(title);
    return st;
}

static vnplan_status baseline_load(const char *number, const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                   size_t errlen)
{
    if (out)
        *out = NULL;
    if (!out) {
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_USAGE, "vnplan_baseline_load: no place for the result");
        return vn_error_give(&e, err, errlen);
    }
    const bl_info *b = bl_find(number);
    if (!b) {
        char list[200];
        bl_list(list, sizeof list);
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_NO_BASELINE, "no bundled baseline for %s (bundled: %s)",
                number && *number ? number : "\"\"", list);
        return vn_error_give(&e, err, errlen);
    }
    return bl_load(b, grammar, out, err, errlen);
}

static vnplan_status baseline_for(const vnplan_doc *plan, const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                                  size_t errlen)
{
    if (out)
        *out = NULL;
    if (!plan || !out) {
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_USAGE, "vnplan_baseline_for: a plan and a place for the result are needed");
        return vn_error_give(&e, err, errlen);
    }
    if (!bl_init())
        vn_oom();
    const vn_meta *m = &plan->meta;
    for (size_t i = 0; i < m->nimplements; i++) {
        const bl_info *b = bl_find(m->implements[i].number);
        if (b)
            return bl_load(b, grammar, out, err, errlen);
    }
    char list[200];
    bl_list(list, sizeof list);
    vn_error e;
    if (m->nimplements == 0) {
        vn_fail(&e, VNPLAN_ERR_NO_BASELINE,
                "the plan does not say which decision it implements; name its baseline with --base "
                "FILE|NUMBER (bundled: %s)",
                list);
        return vn_error_give(&e, err, errlen);
    }
    /* name the decision the plan implements (a decision before other documents) */
    const vn_ref *r = &m->implements[0];
    for (size_t i = 0; i < m->nimplements; i++)
        if (m->implements[i].kind && strcmp(m->implements[i].kind, "quyet_dinh") == 0) {
            r = &m->implements[i];
            break;
        }
    vn_fail(&e, VNPLAN_ERR_NO_BASELINE,
            "the plan implements %s, for which no baseline is bundled (bundled: %s); give that decision's "
            "text or tree with --base FILE (docs/baselines.md)",
            r->number ? r->number : N_("an unnamed document"), list);
    return vn_error_give(&e, err, errlen);
}

/* The entry points, under a recovery point (common.h). */
vnplan_status vnplan_baseline_load(const char *number, const vnplan_grammar *grammar, vnplan_doc **out,
                                   char *err, size_t errlen)
{
    VN_RETURN_RECOVERING(baseline_load(number, grammar, out, err, errlen), out, err, errlen);
}

vnplan_status vnplan_baseline_for(const vnplan_doc *plan, const vnplan_grammar *grammar, vnplan_doc **out,
                                  char *err, size_t errlen)
{
    VN_RETURN_RECOVERING(baseline_for(plan, grammar, out, err, errlen), out, err, errlen);
}
