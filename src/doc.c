/* doc.c — the document model's helpers: adding nodes, rendering spans as a
 * reader sees them, mapping spans back to the original file, enum names. */
#include "doc.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[VN_KIND__COUNT] = {
    "document", "part", "section", "heading", "item", "paragraph", "field", "footnote",
};

static const char *const label_names[VN_LABEL__COUNT] = {
    NULL,        "muc_dich", "muc_tieu", "nhiem_vu", "kinh_phi", "to_chuc_thuc_hien",
    "preamble",  "closing",  "footnotes", "annex",   "other",
};

static const char *const field_names[VN_FIELD__COUNT] = {
    NULL,    "issuer",  "motto",    "number",     "place_date", "doc_type", "title",
    "authority", "basis", "opening", "recipients", "signature",  "signer",   "separator",
};

static const char *const style_names[VN_STYLE__COUNT] = {
    NULL,    "phan",  "chuong",      "muc",  "dieu",  "roman",  "upper_alpha", "arabic",
    "arabic_paren", "decimal", "alpha", "lower_roman", "dash", "plus", "bullet", "circle", "caps",
    "enact",
};

static const char *const cmp_names[VN_CMP__COUNT] = {"=", ">=", ">", "<=", "<", "~"};

const char *vn_kind_name(vn_kind k) { return (unsigned)k < VN_KIND__COUNT ? kind_names[k] : NULL; }
const char *vn_label_name(vn_label l) { return (unsigned)l < VN_LABEL__COUNT ? label_names[l] : NULL; }
const char *vn_field_name(vn_field f) { return (unsigned)f < VN_FIELD__COUNT ? field_names[f] : NULL; }
const char *vn_style_name(vn_style s) { return (unsigned)s < VN_STYLE__COUNT ? style_names[s] : NULL; }
const char *vn_cmp_name(vn_cmp c) { return (unsigned)c < VN_CMP__COUNT ? cmp_names[c] : NULL; }

vn_label vn_label_from_name(const char *s)
{
    for (int i = 1; i < VN_LABEL__COUNT; i++)
        if (strcmp(s, label_names[i]) == 0)
            return (vn_label)i;
    return VN_LABEL_NONE;
}

int vn_cmp_from_name(const char *s)
{
    for (int i = 0; i < VN_CMP__COUNT; i++)
        if (strcmp(s, cmp_names[i]) == 0)
            return i;
    return -1;
}

int32_t vn_node_add(vnplan_doc *doc, int32_t parent, vn_kind kind)
{
    vn_node *n = &VN_PUSH_ZERO(doc->nodes, doc->nnodes, doc->capnodes);
    int32_t id = (int32_t)(doc->nnodes - 1);
    n->kind = (uint8_t)kind;
    n->parent = parent;
    n->first_child = n->last_child = n->next = -1;
    if (parent >= 0) {
        vn_node *p = &doc->nodes[parent];
        n->depth = (uint16_t)(p->depth + 1);
        if (p->last_child >= 0)
            doc->nodes[p->last_child].next = id;
        else
            p->first_child = id;
        p->last_child = id;
    }
    return id;
}

void vn_doc_warn(vnplan_doc *doc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char **slot = &VN_PUSH(doc->warnings, doc->nwarnings, doc->capwarnings);
    *slot = vn_xstrndup(msg, strlen(msg));
}

size_t vn_line_of(const vnplan_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->nplines;
    /* last line whose start <= off; blank lines have start == end at their position */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->plines[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The top bit of each byte of x that is zero, and no other bit. */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    return ~(((x & low7) + low7) | x | low7);
}

bool vn_nothing_to_collapse(const char *s, size_t a, size_t b)
{
    /* eight bytes at a time, and the eight after each by one, for a tab or
     * a space before a space: every span of every page is asked this */
    const uint64_t tabs = 0x0909090909090909ull, spaces = 0x2020202020202020ull;
    size_t i = a;
    for (; i + 9 <= b; i += 8) {
        uint64_t w, next;
        memcpy(&w, s + i, 8);
        memcpy(&next, s + i + 1, 8);
        if (zero_bytes(w ^ tabs) | (zero_bytes(w ^ spaces) & zero_bytes(next ^ spaces)))
            return false;
    }
    for (; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' && (c == '\t' || (c == ' ' && i + 1 < b && s[i + 1] == ' ')))
            return false;
    }
    return true;
}

void vn_put_collapsed(vn_buf *out, const char *s, size_t a, size_t b)
{
    if (vn_nothing_to_collapse(s, a, b)) { /* copied whole */
        vn_buf_put(out, s + a, b - a);
        return;
    }
    size_t i = a;
    while (i < b) {
        size_t j = i;
        while (j < b && !vn_is_hspace(s[j]))
            j++;
        vn_buf_put(out, s + i, j - i);
        if (j < b) {
            while (j < b && vn_is_hspace(s[j]))
                j++;
            if (j < b)
                vn_buf_putc(out, ' ');
        }
        i = j;
    }
}

const vn_pline *vn_span_next_piece(const vnplan_doc *doc, vn_span span, size_t *k, size_t *a, size_t *b)
{
    const char *s = doc->text.s;
    size_t k0 = vn_line_of(doc, span.start);
    const vn_pline *from = &doc->plines[k0 < doc->nplines ? k0 : 0];
    for (; *k < doc->nplines; ++*k) {
        const vn_pline *pl = &doc->plines[*k];
        if (pl->start >= span.end && pl->start != span.start)
            return NULL;
        if (vn_pline_hidden(pl, from))
            continue;
        size_t x = pl->start > span.start ? pl->start : span.start;
        size_t y = pl->end < span.end ? pl->end : span.end;
        while (x < y && vn_is_hspace(s[x]))
            x++;
        while (y > x && vn_is_hspace(s[y - 1]))
            y--;
        if (x < y) {
            ++*k;
            *a = x;
            *b = y;
            return pl;
        }
    }
    return NULL;
}

void vn_render_span(const vnplan_doc *doc, vn_span span, vn_buf *out)
{
    if (span.end <= span.start)
        return;
    const char *s = doc->text.s;
    if (doc->nplines == 0) {
        vn_put_collapsed(out, s, span.start, span.end);
        return;
    }
    vn_render_span_from(doc, span, vn_line_of(doc, span.start), out);
}

void vn_render_span_from(const vnplan_doc *doc, vn_span span, size_t k, vn_buf *out)
{
    bool first = true;
    size_t a, b;
    const vn_pline *pl;
    while ((pl = vn_span_next_piece(doc, span, &k, &a, &b))) {
        if (!first)
            vn_span_join_piece(out, pl, a);
        vn_put_collapsed(out, doc->text.s, a, b);
        first = false;
    }
}

int vn_span_join_piece(vn_buf *out, const vn_pline *pl, size_t a)
{
    if (!((pl->flags & VN_PL_JOIN_NOSPACE) && a == pl->start)) {
        vn_buf_putc(out, ' ');
        return 1;
    }
    if ((pl->flags & VN_PL_DEHYPHEN) && a == pl->start && out->len && out->data[out->len - 1] == '-') {
        out->len--;
        return -1;
    }
    return 0;
}

uint32_t vn_pline_indent(const vnplan_doc *doc, size_t k)
{
    uint32_t cols = 0;
    for (size_t i = doc->plines[k].start; i > 0 && cols < 4096; i--) {
        char ch = doc->text.s[i - 1];
        if (ch == ' ')
            cols++;
        else if (ch == '\t')
            cols += 4;
        else
            break;
    }
    return cols;
}

bool vn_node_text_next(const vnplan_doc *doc, const vn_node *n, int32_t *it, vn_span *sp)
{
    if (*it == VN_TEXT_FIRST) {
        *sp = n->text;
        *it = (n->flags & VN_NODE_JOINED) && n->value < doc->npieces ? doc->pieces[n->value].next : -1;
        return true;
    }
    if (*it < 0 || (size_t)*it >= doc->npieces)
        return false;
    *sp = doc->pieces[*it].span;
    *it = doc->pieces[*it].next;
    return true;
}

void vn_render_node_text(const vnplan_doc *doc, const vn_node *n, vn_buf *out)
{
    int32_t it = VN_TEXT_FIRST;
    vn_span sp;
    bool first = true;
    while (vn_node_text_next(doc, n, &it, &sp)) {
        size_t before = out->len;
        if (!first)
            vn_buf_putc(out, ' ');
        size_t mark = out->len;
        vn_render_span(doc, sp, out);
        if (out->len == mark)
            out->len = before; /* nothing rendered: no space either */
        else
            first = false;
    }
}

vnplan_span vn_span_to_orig(const vnplan_doc *doc, vn_span s)
{
    vnplan_span o;
    o.start = vn_text_orig_offset(&doc->text, s.start);
    o.end = vn_text_orig_offset(&doc->text, s.end);
    if (o.end < o.start)
        o.end = o.start;
    o.line = vn_line_of(doc, s.start) + 1;
    o.end_line = vn_line_of(doc, s.end > s.start ? s.end - 1 : s.start) + 1;
    return o;
}

vnplan_span vn_node_ospan(const vnplan_doc *doc, size_t node)
{
    if (doc->node_ospans) {
        const vn_ospan *x = &doc->node_ospans[node];
        vnplan_span o = {x->start, x->end, x->line, x->end_line};
        return o;
    }
    const vn_node *n = &doc->nodes[node];
    return vn_span_to_orig(doc, vn_span_make(n->sub_start, n->sub_end));
}

vn_span vn_node_own_span(const vnplan_doc *doc, size_t node)
{
    const vn_node *n = &doc->nodes[node];
    if (n->kind == VN_KIND_DOCUMENT || n->kind == VN_KIND_PART)
        return vn_span_make(n->sub_start, n->sub_start);
    if (n->kind == VN_KIND_FIELD || (n->parent >= 0 && doc->nodes[n->parent].kind == VN_KIND_FIELD)) {
        /* pieces of a line: their own text, marker and title */
        uint32_t a = n->text.start, b = n->text.end;
        if (n->title.end > n->title.start) {
            a = n->title.start < a ? n->title.start : a;
            b = n->title.end > b ? n->title.end : b;
        }
        if (n->marker.end > n->marker.start && n->marker.start < a)
            a = n->marker.start;
        int32_t it = VN_TEXT_FIRST;
        vn_span sp;
        while (vn_node_text_next(doc, n, &it, &sp))
            if (sp.end > b)
                b = sp.end;
        /* the bars of a table drawn with them are the cell's: "|Số: 385  |" */
        const char *s = doc->text.s;
        for (;;) {
            uint32_t k = a;
            while (k > 0 && vn_is_hspace(s[k - 1]))
                k--;
            if (k == 0 || s[k - 1] != '|')
                break;
            a = k - 1;
        }
        for (;;) {
            uint32_t k = b;
            while (k < doc->text.len && vn_is_hspace(s[k]))
                k++;
            if (k >= doc->text.len || s[k] != '|')
                break;
            b = k + 1;
        }
        /* page furniture at the ends of the node's lines is the node's too */
        if (n->line_last < doc->nplines && (doc->plines[n->line_last].flags & VN_PL_FURNITURE) &&
            doc->plines[n->line_last].end > b)
            b = doc->plines[n->line_last].end;
        if (n->line_first < doc->nplines && (doc->plines[n->line_first].flags & VN_PL_FURNITURE) &&
            doc->plines[n->line_first].start < a)
            a = doc->plines[n->line_first].start;
        return vn_span_make(a, b);
    }
    if (n->line_first >= doc->nplines || n->line_last >= doc->nplines) {
        /* a tree built without lines (by hand, or loaded): the title and text */
        uint32_t a = n->title.end > n->title.start ? n->title.start : n->text.start;
        return vn_span_make(a, n->text.end > a ? n->text.end : (n->title.end > a ? n->title.end : a));
    }
    return vn_span_make(doc->plines[n->line_first].start, doc->plines[n->line_last].end);
}

void vn_render_number(const vnplan_doc *doc, size_t node, vn_buf *out)
{
    const vn_node *n = &doc->nodes[node];
    if (!(n->flags & VN_NODE_SUPERSCRIPT)) {
        vn_render_span(doc, n->number, out);
        return;
    }
    const char *s = doc->text.s;
    for (size_t i = n->number.start; i < n->number.end;) {
        int32_t cp = vn_utf8_next(s, n->number.end, &i);
        if (cp == 0xB9)
            vn_buf_putc(out, '1');
        else if (cp == 0xB2 || cp == 0xB3)
            vn_buf_putc(out, (char)('0' + cp - 0xB0));
        else if (cp >= 0x2070 && cp <= 0x2079)
            vn_buf_putc(out, (char)('0' + cp - 0x2070));
    }
}

/* ---- a target's parts (doc.h) ------------------------------------------------------- */

/* Past this many slots, a new combination is kept without being looked up
 * again: a hostile document of distinct parts costs 4 bytes a target more,
 * never a table without bound. */
#define PART_SLOTS_MAX ((size_t)1 << 16)

const char *const *vn_target_parts(const vnplan_doc *doc, const vn_target *t)
{
    static const vn_part_set none = {{NULL}};
    return t->parts && t->parts < doc->npart_sets ? doc->part_sets[t->parts].v : none.v;
}

static uint64_t part_set_hash(const char *const v[VN_PART__COUNT])
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (int p = 0; p < VN_PART__COUNT; p++) {
        for (const char *c = v[p]; c && *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ull;
        h = (h ^ (v[p] ? 0x1f : 0x2e)) * 1099511628211ull; /* NULL is not "" */
    }
    return h;
}

static bool part_set_equal(const vn_part_set *a, const char *const v[VN_PART__COUNT])
{
    for (int p = 0; p < VN_PART__COUNT; p++)
        if ((a->v[p] == NULL) != (v[p] == NULL) || (v[p] && a->v[p] != v[p] && strcmp(a->v[p], v[p]) != 0))
            return false;
    return true;
}

/* Makes the table twice as large (or its first 64 slots) and puts the kept
 * combinations back in. */
static void part_slots_grow(vnplan_doc *doc)
{
    size_t n = doc->npart_slots ? doc->npart_slots * 2 : 64;
    uint32_t *slots = vn_xcalloc(n, sizeof *slots);
    for (size_t k = 1; k < doc->npart_sets; k++) {
        size_t at = (size_t)part_set_hash(doc->part_sets[k].v) & (n - 1);
        while (slots[at])
            at = (at + 1) & (n - 1);
        slots[at] = (uint32_t)k;
    }
    free(doc->part_slots);
    doc->part_slots = slots;
    doc->npart_slots = n;
}

void vn_target_set_parts(vnplan_doc *doc, vn_target *t, const char *const v[VN_PART__COUNT])
{
    bool any = false;
    for (int p = 0; p < VN_PART__COUNT; p++)
        any = any || v[p];
    t->parts = 0;
    if (!any)
        return;
    if (doc->npart_sets == 0)
        memset(&VN_PUSH(doc->part_sets, doc->npart_sets, doc->cappart_sets), 0, sizeof(vn_part_set));
    if (doc->npart_sets * 2 >= doc->npart_slots && doc->npart_slots < PART_SLOTS_MAX)
        part_slots_grow(doc);
    size_t mask = doc->npart_slots - 1, at = (size_t)part_set_hash(v) & mask;
    bool full = doc->npart_sets * 2 >= doc->npart_slots;
    for (; doc->part_slots[at]; at = (at + 1) & mask)
        if (part_set_equal(&doc->part_sets[doc->part_slots[at]], v)) {
            t->parts = doc->part_slots[at];
            return;
        }
    if (doc->npart_sets >= UINT32_MAX)
        vn_oom(); /* cannot happen: a document has fewer targets */
    uint32_t k = (uint32_t)doc->npart_sets;
    vn_part_set *set = &VN_PUSH(doc->part_sets, doc->npart_sets, doc->cappart_sets);
    memcpy(set->v, v, sizeof set->v);
    if (!full)
        doc->part_slots[at] = k;
    t->parts = k;
}
