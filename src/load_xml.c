/* load_xml.c — reads a tree in vnplan's own XML format (docs/format.md): the
 * output of `vnplan parse --format xml`, or a hand-written baseline.
 *
 * The bytes are parsed into a libxml2 DOM (trees read back are small:
 * baselines, test outputs), validated against the schema compiled into the
 * library (docs/vnplan.rng), and rebuilt as a vnplan_doc.  There is no source
 * text, so a synthetic one is made: every string a span must point at (a
 * node's marker, number, title and text, a target's sentence) becomes a line
 * of its own, white space collapsed, and the physical lines say so.  Spans
 * and vn_render_span then work unchanged, and the original file's spans come
 * from the start/end/line/end-line attributes (zero when a hand-written tree
 * leaves them out).  Writing the loaded tree gives the XML it was read from. */
#include "doc.h"
#include "i18n.h"
#include "grammar.h"
#include "targets.h"
#include "targets_parts.h"
#include "xml_errors.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "xml_dl.h"

#include <utf8proc.h>

#include "utf8.h"

/* ---- errors -------------------------------------------------------------------- */

/* The errors libxml2 reports while we parse and validate; its own handlers
 * are swapped for ours meanwhile (the library never prints). */
#define LD_MAX_ERRORS 8

/* The values a loaded target's sentence is read for (value_parts); a
 * sentence with more reads the first ones. */
#define LD_SCAN_HITS 64

typedef struct ld_errors {
    char msg[LD_MAX_ERRORS][200];          /* libxml2's words: which error tells most */
    const char *reason[LD_MAX_ERRORS];     /* what the user reads (vn_xml_error_reason) */
    char elem[LD_MAX_ERRORS][64];          /* the element it is about, or "" */
    int line[LD_MAX_ERRORS];
    int n;
    bool any;
} ld_errors;

static void ld_on_error(void *ctx, xmlErrorPtr e)
{
    ld_errors *E = ctx;
    if (!e || E->n >= LD_MAX_ERRORS)
        return;
    E->any = true;
    int line = e->line;
    if (line <= 0 && e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
        line = (int)xmlGetLineNo((xmlNodePtr)e->node);
    E->line[E->n] = line;
    vn_xml_one_line(E->msg[E->n], sizeof E->msg[E->n], e->message ? e->message : "error");
    E->reason[E->n] = vn_xml_error_reason(e);
    vn_xml_error_element(e, E->elem[E->n], sizeof E->elem[E->n]);
    E->n++;
}

/* A RELAX NG validator reports the alternatives it tried before the one
 * that says what is wrong ("Expecting an element target, got nothing"
 * before "Invalid attribute label for element node"): the most telling
 * message first. */
static int ld_best_error(const ld_errors *E)
{
    static const char *const telling[] = {"Invalid attribute", "Did not expect", "Extra element", "Expecting element",
                                          "failed to validate attributes", "Error validating"};
    for (size_t k = 0; k < sizeof telling / sizeof telling[0]; k++)
        for (int i = 0; i < E->n; i++)
            if (strstr(E->msg[i], telling[k]))
                return i;
    return 0;
}

/* ---- the loader's state ----------------------------------------------------------- */

typedef struct ld_target {
    const char *parent_id; /* resolved once every target is known */
    long line;             /* of the <target> element, for messages */
} ld_target;

typedef struct ld_id {
    const char *id;
    size_t index;
} ld_id;

typedef struct ld {
    vnplan_doc *doc;
    const char *name;
    vn_error err;
    vn_buf text;         /* the synthetic text */
    uint32_t last_end;   /* end of the last string added to it */
    bool any_string;
    vn_ospan *nos;       /* node spans in the original file, parallel to doc->nodes */
    size_t nnos, capnos;
    vn_ospan *tos;       /* same for targets */
    size_t ntos, captos;
    ld_target *tx;       /* more about targets, parallel to doc->targets */
    size_t ntx, captx;
    vn_buf tmp;
    locale_t cloc;       /* strtod with a decimal point whatever the locale */
} ld;

static bool ld_failed(const ld *L) { return L->err.status != VNPLAN_OK; }

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void ld_fail(ld *L, long line, const char *fmt, ...)
{
    if (ld_failed(L))
        return;
    vn_error inner = {0};
    va_list ap;
    va_start(ap, fmt);
    vn_vformat2(fmt, ap, inner.msg, inner.msg_vi, sizeof inner.msg);
    va_end(ap);
    char where[VN_ERROR_MAX];
    if (line > 0)
        snprintf(where, sizeof where, "%s:%ld", L->name, line);
    else
        snprintf(where, sizeof where, "%s", L->name);
    vn_fail_nested(&L->err, VNPLAN_ERR_XML, where, &inner);
}

static bool is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr first_elem(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_elem(c, name))
            return c;
    return NULL;
}

static xmlNodePtr next_elem(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->next; c; c = c->next)
        if (is_elem(c, name))
            return c;
    return NULL;
}

/* ---- strings ------------------------------------------------------------------------
 * Every string read is trimmed and its runs of XML white space collapsed to
 * one space: a hand-written tree may wrap and indent its text, and what
 * vnplan writes is collapsed already (vn_render_span). */

typedef struct collapser {
    vn_buf *out;
    bool pending; /* white space seen since the last character written */
    bool started;
} collapser;

static bool is_xml_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void collapse_feed(collapser *c, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (u[i]) {
        if (is_xml_space(u[i])) {
            c->pending = true;
            i++;
            continue;
        }
        size_t j = i;
        while (u[j] && !is_xml_space(u[j]))
            j++;
        if (c->pending && c->started)
            vn_buf_putc(c->out, ' ');
        vn_buf_put(c->out, s + i, j - i);
        c->pending = false;
        c->started = true;
        i = j;
    }
}

/* The text content of an element (text and CDATA children), collapsed,
 * appended to out. */
static void collapse_content(vn_buf *out, xmlNodePtr e)
{
    collapser c = {out, false, false};
    for (xmlNodePtr k = e->children; k; k = k->next)
        if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
            collapse_feed(&c, (const char *)k->content);
}

/* A string in the document's arena, collapsed; NULL when empty. */
static const char *arena_str(ld *L, const char *s)
{
    if (!s)
        return NULL;
    vn_buf_clear(&L->tmp);
    collapser c = {&L->tmp, false, false};
    collapse_feed(&c, s);
    if (!L->tmp.len)
        return NULL;
    return vn_arena_strndup(&L->doc->arena, L->tmp.data, L->tmp.len);
}

static const char *arena_content(ld *L, xmlNodePtr e)
{
    if (!e)
        return NULL;
    vn_buf_clear(&L->tmp);
    collapse_content(&L->tmp, e);
    if (!L->tmp.len)
        return NULL;
    return vn_arena_strndup(&L->doc->arena, L->tmp.data, L->tmp.len);
}

/* A string in the arena exactly as written (ids are compared exactly). */
static const char *arena_exact(ld *L, const char *s)
{
    return s && *s ? vn_arena_strndup(&L->doc->arena, s, strlen(s)) : NULL;
}

/* Adds a line to the synthetic text and returns its span (empty, and no
 * line, for an empty string). */
static vn_span line_end(ld *L, size_t start)
{
    vnplan_doc *doc = L->doc;
    size_t end = L->text.len;
    if (end == start)
        return vn_span_make(start, start);
    if (end > VN_MAX_INPUT - 2) {
        ld_fail(L, 0, "the tree holds more than 2 GiB of text");
        L->text.len = start;
        return vn_span_make(start, start);
    }
    vn_buf_putc(&L->text, '\n');
    vn_pline *pl = &VN_PUSH_ZERO(doc->plines, doc->nplines, doc->capplines);
    pl->start = (uint32_t)start;
    pl->end = (uint32_t)end;
    L->last_end = (uint32_t)end;
    L->any_string = true;
    return vn_span_make(start, end);
}

static vn_span line_str(ld *L, const char *s)
{
    size_t start = L->text.len;
    if (s) {
        collapser c = {&L->text, false, false};
        collapse_feed(&c, s);
    }
    return line_end(L, start);
}

static vn_span line_content(ld *L, xmlNodePtr e)
{
    size_t start = L->text.len;
    if (e)
        collapse_content(&L->text, e);
    return line_end(L, start);
}

/* ---- attribute values ----------------------------------------------------------------- */

/* The value of an attribute without allocating when it is one text node
 * (always, for what the parser builds from a plain value); `own` gets an
 * allocated copy otherwise, to be freed by the caller. */
static const char *attr_value(xmlAttrPtr a, xmlChar **own)
{
    *own = NULL;
    if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
        return a->children->content ? (const char *)a->children->content : "";
    *own = xmlNodeListGetString(a->doc, a->children, 1);
    return *own ? (const char *)*own : "";
}

static bool parse_u32(const char *s, uint32_t *out)
{
    while (is_xml_space((unsigned char)*s))
        s++;
    if (!vn_is_digit(*s))
        return false;
    uint64_t v = 0;
    for (; vn_is_digit(*s); s++) {
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > UINT32_MAX)
            return false;
    }
    while (is_xml_space((unsigned char)*s))
        s++;
    if (*s)
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool parse_phase(const char *s, uint16_t *out)
{
    uint32_t y;
    if (strcmp(s, "general") == 0) {
        *out = VN_PHASE_GENERAL;
        return true;
    }
    if (!parse_u32(s, &y) || y < 2 || y > 9999)
        return false;
    *out = (uint16_t)y;
    return true;
}

static bool parse_value(ld *L, const char *s, double *out)
{
    locale_t old = L->cloc ? uselocale(L->cloc) : (locale_t)0;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (L->cloc)
        uselocale(old);
    while (is_xml_space((unsigned char)*end))
        end++;
    if (end == s || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* Reads start, end, line and end-line into o; false (and a message) when
 * one does not fit. */
static bool span_attr(ld *L, const char *name, const char *v, vn_ospan *o, long line)
{
    uint32_t *slot = strcmp(name, "start") == 0      ? &o->start
                     : strcmp(name, "end") == 0      ? &o->end
                     : strcmp(name, "line") == 0     ? &o->line
                     : strcmp(name, "end-line") == 0 ? &o->end_line
                                                     : NULL;
    if (!slot)
        return false;
    if (!parse_u32(v, slot))
        ld_fail(L, line, "%s=\"%s\" is not a byte offset or line number vnplan can hold", name, v);
    return true;
}

static int name_index(const char *(*name_of)(int), int count, const char *s)
{
    for (int i = 0; i < count; i++) {
        const char *n = name_of(i);
        if (n && strcmp(n, s) == 0)
            return i;
    }
    return -1;
}

static const char *kind_name_i(int i) { return vn_kind_name((vn_kind)i); }
static const char *style_name_i(int i) { return vn_style_name((vn_style)i); }
static const char *field_name_i(int i) { return vn_field_name((vn_field)i); }
static const char *label_name_i(int i) { return vn_label_name((vn_label)i); }

/* ---- targets --------------------------------------------------------------------------- */

/* The comparator words and the unit of a loaded target, which the tree does
 * not carry: the targets stage's reading of its sentence (text[0..n), which
 * starts at t->span.start), for the value that stands where value_span says. */
static void value_parts(const vnplan_doc *doc, const char *text, size_t n, vn_target *t)
{
    vn_scan_hit hits[LD_SCAN_HITS];
    size_t found = vn_targets_scan(doc->grammar, text, n, NULL, hits, LD_SCAN_HITS);
    size_t at = t->value_span.start - t->span.start;
    for (size_t k = 0; k < found && k < LD_SCAN_HITS; k++) {
        const vn_scan_hit *h = &hits[k];
        if (h->number.start != at)
            continue;
        if (h->cmp_words.end > h->cmp_words.start)
            t->cmp_span = vn_span_make(t->span.start + h->cmp_words.start, t->span.start + h->cmp_words.end);
        if (h->unit.end > h->unit.start)
            t->unit_span = vn_span_make(t->span.start + h->unit.start, t->span.start + h->unit.end);
        break;
    }
}

/* The part (VN_PART_*) an attribute of <target> names, or -1. */
static int part_of(const char *attr)
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        if (strcmp(attr, vn_part_name(p)) == 0)
            return p;
    return -1;
}

/* The attributes of <target> kept as written, each in the field of its name. */
static const struct {
    const char *attr;
    size_t offset;
} target_texts[] = {
    {"value-text", offsetof(vn_target, value_text)},
    {"unit", offsetof(vn_target, unit)},
    {"unit-class", offsetof(vn_target, unit_class)},
    {"confidence", offsetof(vn_target, confidence)},
    {"name", offsetof(vn_target, name)},
};

/* The field of t that the attribute attr is kept in as written, or NULL. */
static const char **text_field(vn_target *t, const char *attr)
{
    for (size_t k = 0; k < VN_COUNT(target_texts); k++)
        if (strcmp(attr, target_texts[k].attr) == 0)
            return (const char **)((char *)t + target_texts[k].offset);
    return NULL;
}

static void load_target(ld *L, xmlNodePtr e, int32_t node)
{
    vnplan_doc *doc = L->doc;
    long line = xmlGetLineNo(e);
    vn_target *t = &VN_PUSH_ZERO(doc->targets, doc->ntargets, doc->captargets);
    t->parent = -1;
    t->node = node;
    t->value = NAN;
    vn_ospan *o = &VN_PUSH_ZERO(L->tos, L->ntos, L->captos);
    ld_target *x = &VN_PUSH(L->tx, L->ntx, L->captx);
    x->parent_id = NULL;
    x->line = line;
    const char *parts[VN_PART__COUNT] = {NULL};
    for (xmlAttrPtr a = e->properties; a && !ld_failed(L); a = a->next) {
        xmlChar *own;
        const char *n = (const char *)a->name, *v = attr_value(a, &own);
        const char **text = text_field(t, n);
        if (text) {
            *text = arena_str(L, v);
        } else if (strcmp(n, "id") == 0) {
            t->id = arena_exact(L, v);
        } else if (strcmp(n, "kind") == 0) {
            t->qualitative = strcmp(v, "qualitative") == 0;
        } else if (strcmp(n, "comparator") == 0) {
            int c = vn_cmp_from_name(v);
            if (c < 0)
                ld_fail(L, line, "unknown comparator \"%s\"", v);
            else
                t->cmp = (uint8_t)c;
        } else if (strcmp(n, "value") == 0) {
            if (!parse_value(L, v, &t->value))
                ld_fail(L, line, "value=\"%s\" is not a number", v);
        } else if (strcmp(n, "value-max") == 0) {
            if (!parse_value(L, v, &t->value_max))
                ld_fail(L, line, "value-max=\"%s\" is not a number", v);
        } else if (strcmp(n, "phase") == 0) {
            if (!parse_phase(v, &t->phase))
                ld_fail(L, line, "phase=\"%s\" is neither \"general\" nor a year", v);
        } else if (strcmp(n, "section") == 0) {
            t->section = (uint8_t)vn_label_from_name(v);
        } else if (strcmp(n, "parent") == 0) {
            x->parent_id = arena_exact(L, v);
        } else if (part_of(n) >= 0) {
            parts[part_of(n)] = arena_str(L, v);
        } else {
            span_attr(L, n, v, o, line);
        }
        xmlFree(own);
    }
    vn_target_set_parts(doc, t, parts);
    if (!t->id)
        ld_fail(L, line, "a target without an id");
    if (t->qualitative)
        t->value = NAN;
    t->indicator = arena_content(L, first_elem(e, "indicator"));
    xmlNodePtr sentence = first_elem(e, "sentence");
    t->text = arena_content(L, sentence);
    /* the sentence is a line of the synthetic text, so the target has a
     * span (and its number one inside it) like a parsed target */
    if (t->text) {
        vn_span sp = line_str(L, t->text);
        t = &doc->targets[doc->ntargets - 1];
        t->span = sp;
        if (t->value_text) {
            /* searched inside the sentence's line only: the text buffer
             * has no terminating NUL while it is being built */
            size_t vlen = strlen(t->value_text);
            for (size_t a = sp.start; vlen && a + vlen <= sp.end; a++)
                if (memcmp(L->text.data + a, t->value_text, vlen) == 0) {
                    t->value_span = vn_span_make(a, a + vlen);
                    value_parts(L->doc, L->text.data + sp.start, sp.end - sp.start, t);
                    break;
                }
        }
    } else if (node >= 0) {
        t->span = doc->nodes[node].text;
    }
}

static int cmp_ids(const void *a, const void *b)
{
    return strcmp(((const ld_id *)a)->id, ((const ld_id *)b)->id);
}

/* Resolves parent ids (sorted ids and a binary search: a parsed tree may
 * hold thousands of targets), refuses duplicate ids and cycles. */
static void resolve_targets(ld *L)
{
    vnplan_doc *doc = L->doc;
    size_t n = doc->ntargets;
    if (n == 0)
        return;
    ld_id *ids = vn_xmalloc(n * sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        ids[i].id = doc->targets[i].id ? doc->targets[i].id : "";
        ids[i].index = i;
    }
    qsort(ids, n, sizeof *ids, cmp_ids);
    for (size_t i = 1; i < n && !ld_failed(L); i++)
        if (strcmp(ids[i - 1].id, ids[i].id) == 0) {
            size_t later = ids[i].index > ids[i - 1].index ? ids[i].index : ids[i - 1].index;
            ld_fail(L, L->tx[later].line, "target id \"%s\" is used twice", ids[i].id);
        }
    for (size_t i = 0; i < n && !ld_failed(L); i++) {
        const char *pid = L->tx[i].parent_id;
        if (!pid)
            continue;
        ld_id key = {pid, 0};
        ld_id *hit = bsearch(&key, ids, n, sizeof *ids, cmp_ids);
        if (!hit)
            ld_fail(L, L->tx[i].line, "parent=\"%s\": no target has that id", pid);
        else if (hit->index == i)
            ld_fail(L, L->tx[i].line, "target \"%s\" is its own parent", pid);
        else
            doc->targets[i].parent = (int32_t)hit->index;
    }
    /* Cycles: each chain of parents is walked once.  A target is marked
     * while its chain is being walked and marked done after; reaching a
     * target marked in the same walk is a cycle, reaching a done one ends
     * the walk (a chain of n targets costs n steps, not n²). */
    enum { UNSEEN, ON_PATH, DONE };
    unsigned char *mark = vn_xcalloc(n, 1);
    for (size_t i = 0; i < n && !ld_failed(L); i++) {
        int32_t p = (int32_t)i;
        while (p >= 0 && mark[p] == UNSEEN) {
            mark[p] = ON_PATH;
            p = doc->targets[p].parent;
        }
        if (p >= 0 && mark[p] == ON_PATH)
            ld_fail(L, L->tx[i].line, "the parents of target \"%s\" form a cycle", doc->targets[i].id);
        for (int32_t q = (int32_t)i; q >= 0 && mark[q] == ON_PATH; q = doc->targets[q].parent)
            mark[q] = DONE;
    }
    free(mark);
    free(ids);
}

/* ---- nodes ----------------------------------------------------------------------------------- */

static int32_t enter_node(ld *L, xmlNodePtr e, int32_t parent)
{
    vnplan_doc *doc = L->doc;
    long line = xmlGetLineNo(e);
    const char *kind = NULL, *label = NULL, *style = NULL, *phase = NULL;
    xmlChar *own_kind = NULL, *own_label = NULL, *own_style = NULL, *own_phase = NULL;
    xmlAttrPtr marker = NULL, number = NULL;
    vn_ospan o = {0, 0, 0, 0};
    for (xmlAttrPtr a = e->properties; a; a = a->next) {
        const char *n = (const char *)a->name;
        xmlChar *own;
        if (strcmp(n, "kind") == 0) {
            kind = attr_value(a, &own_kind);
        } else if (strcmp(n, "label") == 0) {
            label = attr_value(a, &own_label);
        } else if (strcmp(n, "style") == 0) {
            style = attr_value(a, &own_style);
        } else if (strcmp(n, "phase") == 0) {
            phase = attr_value(a, &own_phase);
        } else if (strcmp(n, "marker") == 0) {
            marker = a;
        } else if (strcmp(n, "number") == 0) {
            number = a;
        } else {
            const char *v = attr_value(a, &own);
            span_attr(L, n, v, &o, line);
            xmlFree(own);
        }
    }
    int k = kind ? name_index(kind_name_i, VN_KIND__COUNT, kind) : -1;
    int32_t id = -1;
    if (k < 0) {
        ld_fail(L, line, "a node of unknown kind \"%s\"", kind ? kind : "");
        goto out;
    }
    id = vn_node_add(doc, parent, (vn_kind)k);
    vn_node *nd = &doc->nodes[id];
    if (label) {
        int f = k == VN_KIND_FIELD ? name_index(field_name_i, VN_FIELD__COUNT, label)
                                   : name_index(label_name_i, VN_LABEL__COUNT, label);
        if (f <= 0)
            ld_fail(L, line, "label=\"%s\" is not a %s", label, k == VN_KIND_FIELD ? "field name" : "section label");
        else if (k == VN_KIND_FIELD)
            nd->field = (uint8_t)f;
        else
            nd->label = (uint8_t)f;
    }
    if (style) {
        int s = name_index(style_name_i, VN_STYLE__COUNT, style);
        if (s <= 0)
            ld_fail(L, line, "style=\"%s\" is not a marker style", style);
        else
            nd->style = (uint8_t)s;
    }
    if (phase && !parse_phase(phase, &nd->phase))
        ld_fail(L, line, "phase=\"%s\" is neither \"general\" nor a year", phase);
    vn_ospan *slot = &VN_PUSH(L->nos, L->nnos, L->capnos);
    *slot = o;

    /* the node's strings, each a line of the synthetic text */
    size_t first_line = doc->nplines;
    nd->sub_start = (uint32_t)L->text.len;
    vn_span sp[4];
    xmlChar *own = NULL;
    sp[0] = marker ? line_str(L, attr_value(marker, &own)) : vn_span_make(L->text.len, L->text.len);
    xmlFree(own);
    own = NULL;
    sp[1] = number ? line_str(L, attr_value(number, &own)) : vn_span_make(L->text.len, L->text.len);
    xmlFree(own);
    sp[2] = line_content(L, first_elem(e, "title"));
    sp[3] = line_content(L, first_elem(e, "text"));
    nd = &doc->nodes[id];
    nd->marker = sp[0];
    nd->number = sp[1];
    nd->title = sp[2];
    nd->text = sp[3];
    if (doc->nplines > first_line) {
        nd->line_first = (uint32_t)first_line;
        nd->line_last = (uint32_t)(doc->nplines - 1);
    } else {
        nd->line_first = nd->line_last = (uint32_t)(doc->nplines ? doc->nplines - 1 : 0);
    }
    for (xmlNodePtr c = first_elem(e, "target"); c && !ld_failed(L); c = next_elem(c, "target"))
        load_target(L, c, id);
out:
    xmlFree(own_kind);
    xmlFree(own_label);
    xmlFree(own_style);
    xmlFree(own_phase);
    return id;
}

static void exit_node(ld *L, int32_t id)
{
    vn_node *nd = &L->doc->nodes[id];
    nd->sub_end = L->any_string && L->last_end >= nd->sub_start ? L->last_end : nd->sub_start;
}

/* Depth first over the DOM with an explicit stack (the parser limits
 * nesting anyway, but a walk never recurses). */
static void load_tree(ld *L, xmlNodePtr root)
{
    typedef struct frame {
        xmlNodePtr e;
        int32_t id;
    } frame;
    frame *st = NULL;
    size_t depth = 0, cap = 0;
    xmlNodePtr e = root;
    int32_t parent = -1;
    while (!ld_failed(L)) {
        int32_t id = enter_node(L, e, parent);
        if (ld_failed(L))
            break;
        frame *f = &VN_PUSH(st, depth, cap);
        f->e = e;
        f->id = id;
        xmlNodePtr c = first_elem(e, "node");
        if (c) {
            e = c;
            parent = id;
            continue;
        }
        xmlNodePtr sib = NULL;
        while (depth > 0) {
            frame top = st[--depth];
            exit_node(L, top.id);
            if (depth == 0)
                break;
            sib = next_elem(top.e, "node");
            if (sib)
                break;
        }
        if (!sib)
            break;
        e = sib;
        parent = st[depth - 1].id;
    }
    free(st);
}

/* ---- metadata ---------------------------------------------------------------------------------- */

/* The identity key of a document number: upper case, no white space
 * (1002/QĐ-TTg → 1002/QĐ-TTG), as meta.c makes it. */
static const char *ref_key(ld *L, const char *number)
{
    vn_buf *b = &L->tmp;
    vn_buf_clear(b);
    size_t n = strlen(number);
    for (size_t i = 0; i < n;) {
        int32_t cp = vn_utf8_next(number, n, &i);
        if (cp < 0x80 && vn_is_space(cp))
            continue;
        char tmp[4];
        vn_buf_put(b, tmp, (size_t)vn_utf8_encode(utf8proc_toupper(cp), tmp));
    }
    return vn_arena_strndup(&L->doc->arena, b->data ? b->data : "", b->len);
}

static void load_meta(ld *L, xmlNodePtr meta)
{
    vn_meta *m = &L->doc->meta;
    for (xmlNodePtr c = meta->children; c && !ld_failed(L); c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)c->name;
        const char **slot = strcmp(n, "type") == 0       ? &m->type
                            : strcmp(n, "number") == 0   ? &m->number
                            : strcmp(n, "date") == 0     ? &m->date
                            : strcmp(n, "place") == 0    ? &m->place
                            : strcmp(n, "issuer") == 0   ? &m->issuer
                            : strcmp(n, "locality") == 0 ? &m->locality
                            : strcmp(n, "level") == 0    ? &m->level
                            : strcmp(n, "title") == 0    ? &m->title
                                                         : NULL;
        if (slot) {
            *slot = arena_content(L, c);
        } else if (strcmp(n, "implements") == 0) {
            for (xmlNodePtr r = first_elem(c, "ref"); r; r = next_elem(r, "ref")) {
                const char *num = NULL, *date = NULL, *kind = NULL;
                for (xmlAttrPtr a = r->properties; a; a = a->next) {
                    xmlChar *own;
                    const char *v = attr_value(a, &own);
                    if (strcmp((const char *)a->name, "number") == 0)
                        num = arena_str(L, v);
                    else if (strcmp((const char *)a->name, "date") == 0)
                        date = arena_str(L, v);
                    else if (strcmp((const char *)a->name, "kind") == 0)
                        kind = arena_str(L, v);
                    xmlFree(own);
                }
                if (!num) {
                    ld_fail(L, xmlGetLineNo(r), "a <ref> without a number");
                    break;
                }
                m->implements = vn_xrealloc(m->implements, sizeof *m->implements * (m->nimplements + 1));
                vn_ref *ref = &m->implements[m->nimplements++];
                memset(ref, 0, sizeof *ref);
                ref->number = num;
                ref->key = ref_key(L, num);
                ref->date = date;
                ref->kind = kind;
            }
        } else if (strcmp(n, "signer") == 0) {
            for (xmlAttrPtr a = c->properties; a; a = a->next) {
                xmlChar *own;
                const char *v = attr_value(a, &own);
                if (strcmp((const char *)a->name, "name") == 0)
                    m->signer_name = arena_str(L, v);
                else if (strcmp((const char *)a->name, "capacity") == 0)
                    m->signer_capacity = arena_str(L, v);
                xmlFree(own);
            }
        }
    }
}

/* ---- the document -------------------------------------------------------------------------------- */

static void load_document(ld *L, xmlNodePtr d)
{
    vnplan_doc *doc = L->doc;
    for (xmlAttrPtr a = d->properties; a; a = a->next) {
        xmlChar *own;
        const char *v = attr_value(a, &own);
        const char *n = (const char *)a->name;
        if (strcmp(n, "source") == 0)
            doc->source = arena_str(L, v);
        else if (strcmp(n, "encoding") == 0)
            doc->source_encoding = arena_str(L, v);
        else if (strcmp(n, "baseline") == 0)
            doc->baseline = arena_str(L, v);
        else if (strcmp(n, "title") == 0)
            doc->base_title = arena_str(L, v);
        xmlFree(own);
    }
    for (xmlNodePtr c = d->children; c && !ld_failed(L); c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_elem(c, "meta")) {
            load_meta(L, c);
        } else if (is_elem(c, "warning")) {
            xmlChar *w = xmlNodeGetContent(c);
            vn_doc_warn(doc, "%s", w ? (const char *)w : "");
            xmlFree(w);
        } else if (is_elem(c, "node")) {
            load_tree(L, c);
        } else if (is_elem(c, "target")) {
            load_target(L, c, -1);
        }
    }
    resolve_targets(L);
}

/* Required attributes, checked before the schema: libxml2's validator
 * reports a missing one without a line number. */
static void check_required(ld *L, xmlNodePtr root)
{
    static const char *const required[][2] = {{"node", "kind"}, {"target", "id"}, {"ref", "number"}};
    xmlNodePtr e = root;
    while (e && !ld_failed(L)) {
        if (e->type == XML_ELEMENT_NODE)
            for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
                if (strcmp((const char *)e->name, required[i][0]) == 0 &&
                    !xmlHasProp(e, (const xmlChar *)required[i][1]))
                    ld_fail(L, xmlGetLineNo(e), "<%s> without the %s attribute", required[i][0], required[i][1]);
        /* next in document order, without recursion */
        if (e->type == XML_ELEMENT_NODE && e->children) {
            e = e->children;
            continue;
        }
        while (e && e != root && !e->next)
            e = e->parent;
        e = e && e != root ? e->next : NULL;
    }
}

/* The schema, compiled from the copy built into the library. */
static xmlRelaxNGPtr compile_schema(ld *L, ld_errors *E)
{
    const vn_embedded *sch = NULL;
    for (size_t i = 0; i < vn_embedded_schema_count; i++)
        if (vn_embedded_schema[i].name && strcmp(vn_embedded_schema[i].name, "vnplan.rng") == 0)
            sch = &vn_embedded_schema[i];
    if (!sch) {
        ld_fail(L, 0, "the library was built without its XML schema");
        return NULL;
    }
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt((const char *)sch->data, (int)sch->len);
    if (!pc) {
        ld_fail(L, 0, "cannot read the built-in XML schema");
        return NULL;
    }
    xmlRelaxNGSetParserStructuredErrors(pc, ld_on_error, E);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
    if (!schema)
        ld_fail(L, 0, "the built-in XML schema does not compile: %s", E->any ? E->msg[0] : "unknown error");
    return schema;
}

static vnplan_status load_xml(const void *bytes, size_t len, const char *name, const vnplan_grammar *grammar,
                              vnplan_doc **out, char *err, size_t errlen, bool validate);

/* The entry point, under a recovery point (common.h).  An allocation
 * failure inside leaves libxml2's objects of this call allocated; the
 * recovery gives the thread its own libxml2 error handlers back (ours point
 * into the frame that the jump abandoned). */
static vnplan_status guarded_load(const void *bytes, size_t len, const char *name, const vnplan_grammar *grammar,
                                  vnplan_doc **out, char *err, size_t errlen, bool validate)
{
    VN_RETURN_RECOVERING(load_xml(bytes, len, name, grammar, out, err, errlen, validate), out, err, errlen);
}

vnplan_status vnplan_load_xml(const void *bytes, size_t len, const char *name,
                              const vnplan_grammar *grammar, vnplan_doc **out, char *err,
                              size_t errlen)
{
    return guarded_load(bytes, len, name, grammar, out, err, errlen, true);
}

/* The trees built into the library are the files of corpus/decisions,
 * which the test suite validates against the schema (test_load_xml) and
 * checks to load the same through this path (test_api): compiling the
 * schema and validating them again would cost `vnplan diff` a millisecond
 * at every start. */
vnplan_status vn_load_xml_bundled(const void *bytes, size_t len, const char *name, const vnplan_grammar *grammar,
                                  vnplan_doc **out, char *err, size_t errlen)
{
    return guarded_load(bytes, len, name, grammar, out, err, errlen, false);
}

static vnplan_status load_xml(const void *bytes, size_t len, const char *name, const vnplan_grammar *grammar,
                              vnplan_doc **out, char *err, size_t errlen, bool validate)
{
    ld L0, *L = &L0;
    memset(L, 0, sizeof *L);
    L->name = name ? name : "-";
    if (out)
        *out = NULL;
    if (!out || (!bytes && len)) {
        vn_fail(&L->err, VNPLAN_ERR_USAGE, "vnplan_load_xml: no bytes or no place for the result");
        return vn_error_give(&L->err, err, errlen);
    }
    if (!grammar)
        grammar = vnplan_grammar_default();
    if (!grammar) {
        vn_fail(&L->err, VNPLAN_ERR_GRAMMAR, "%s: the built-in grammars do not load", L->name);
        return vn_error_give(&L->err, err, errlen);
    }
    if (len > VN_MAX_INPUT || len > INT_MAX) {
        vn_fail(&L->err, VNPLAN_ERR_TOO_LARGE, "%s: larger than the 2 GiB limit", L->name);
        return vn_error_give(&L->err, err, errlen);
    }
    size_t i = 0;
    while (i < len && vn_is_space(((const char *)bytes)[i]))
        i++;
    if (i == len) {
        vn_fail(&L->err, VNPLAN_ERR_EMPTY, "%s: empty file", L->name);
        return vn_error_give(&L->err, err, errlen);
    }

    if (!vn_xml_use(&L->err))
        return vn_error_give(&L->err, err, errlen);
    ld_errors E;
    memset(&E, 0, sizeof E);
    vn_xml_handlers h;
    vn_xml_handlers_push(&h, ld_on_error, &E);
    xmlDocPtr x = NULL;
    xmlRelaxNGPtr schema = NULL;
    xmlParserCtxtPtr pctx = xmlNewParserCtxt();
    if (!pctx) {
        ld_fail(L, 0, "cannot create an XML parser");
        goto done;
    }
    /* no network, no entity expansion beyond the predefined ones, errors
     * to us and not to stderr, line numbers past 65535; short text kept in
     * its node (COMPACT: fewer allocations, 5% of loading a baseline; the
     * tree is only read, never changed) */
    x = xmlCtxtReadMemory(pctx, bytes, (int)len, L->name, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                              XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
    if (!x || !pctx->wellFormed) {
        xmlErrorPtr pe = xmlCtxtGetLastError(pctx);
        const char *why = pe ? vn_xml_error_reason(pe) : E.any ? E.reason[0] : vn_xml_error_reason(NULL);
        int line = pe ? pe->line : E.line[0];
        ld_fail(L, line, "not well-formed XML: %s", why);
        goto done;
    }
    if (x->intSubset || x->extSubset) {
        ld_fail(L, 0, "a DOCTYPE is not allowed in a vnplan tree");
        goto done;
    }
    xmlNodePtr root = xmlDocGetRootElement(x);
    if (!root || !is_elem(root, "vnplan")) {
        ld_fail(L, root ? xmlGetLineNo(root) : 0, "not a vnplan tree: the root element is <%s>, not <vnplan>",
                root ? (const char *)root->name : "");
        goto done;
    }
    check_required(L, root);
    if (ld_failed(L))
        goto done;
    if (!validate)
        goto validated;
    schema = compile_schema(L, &E);
    if (!schema)
        goto done;
    memset(&E, 0, sizeof E);
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    if (!vc) {
        ld_fail(L, 0, "cannot create an XML validator");
        goto done;
    }
    xmlRelaxNGSetValidStructuredErrors(vc, ld_on_error, &E);
    int rc = xmlRelaxNGValidateDoc(vc, x);
    xmlRelaxNGFreeValidCtxt(vc);
    if (rc != 0) {
        int b = ld_best_error(&E), line = E.any ? E.line[b] : 0;
        for (int k = 0; k < E.n && line <= 0; k++)
            line = E.line[k];
        if (E.any && E.elem[b][0])
            ld_fail(L, line, "not a valid vnplan tree (docs/vnplan.rng): <%s>: %s", E.elem[b], E.reason[b]);
        else
            ld_fail(L, line, "not a valid vnplan tree (docs/vnplan.rng): %s",
                    E.any ? E.reason[b] : N_("an element the schema does not allow here"));
        goto done;
    }
validated:;
    size_t ndocs = 0;
    for (xmlNodePtr c = first_elem(root, "document"); c; c = next_elem(c, "document"))
        ndocs++;
    if (ndocs == 0) {
        ld_fail(L, xmlGetLineNo(root), "the tree holds no <document>");
        goto done;
    }
    if (ndocs > 1) {
        ld_fail(L, xmlGetLineNo(root), "the tree holds %zu documents; one is read at a time", ndocs);
        goto done;
    }

    L->doc = vn_xcalloc(1, sizeof *L->doc);
    vn_recover_current()->doc = L->doc;
    L->doc->name = vn_xstrndup(L->name, strlen(L->name));
    L->doc->grammar = grammar;
    L->doc->from_xml = true;
    L->cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    load_document(L, first_elem(root, "document"));

done:
    if (schema)
        xmlRelaxNGFree(schema);
    if (x)
        xmlFreeDoc(x);
    if (pctx)
        xmlFreeParserCtxt(pctx);
    vn_xml_handlers_pop(&h);
    if (L->cloc)
        freelocale(L->cloc);
    vn_buf_free(&L->tmp);
    free(L->tx);
    vnplan_doc *doc = L->doc;
    if (ld_failed(L)) {
        vn_buf_free(&L->text);
        free(L->nos);
        free(L->tos);
        vnplan_doc_free(doc);
        return vn_error_give(&L->err, err, errlen);
    }
    vn_buf_cstr(&L->text);
    doc->text.s = L->text.data;
    doc->text.len = L->text.len;
    doc->text.orig = NULL;
    doc->text.orig_len = L->text.len;
    doc->node_ospans = L->nos ? L->nos : vn_xcalloc(1, sizeof *L->nos);
    doc->target_ospans = L->tos ? L->tos : vn_xcalloc(1, sizeof *L->tos);
    *out = doc;
    return VNPLAN_OK;
}
