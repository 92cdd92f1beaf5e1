/* render_xml.c — the XML output (docs/format.md, validated by docs/vnplan.rng).
 * The entry points every format goes through, and the helpers the
 * renderers share, are in render.c.
 *
 * XML is streamed with libxml2's xmlTextWriter straight to the caller's
 * FILE*, never built as a DOM.  The writer opens and closes every element
 * (it keeps the nesting and chooses "/>" or a closing tag); what goes
 * inside is escaped here, into one reusable buffer, and handed over in
 * large pieces with xmlTextWriterWriteRawLen:
 *   - an element's attributes as one piece (xa_begin explains how);
 *   - the text-only leaves <title>, <text>, <indicator>, <sentence> as one
 *     piece per node, tags included;
 *   - a span of the document, when it needs neither collapsing nor escaping
 *     (most do not), straight from the document's text: no copy at all.
 * Per attribute and per leaf writer calls cost more than the whole parse on
 * a large plan (each is a few list operations and buffer appends inside
 * libxml2); this way a node costs four.  Escaping here also lets us repair
 * what the writer would reject or pass through into a broken document:
 * invalid UTF-8 and control characters become U+FFFD.  Indentation is ours
 * too, capped, so a hostile tree ten thousand levels deep does not make the
 * output quadratic. */
#include "render.h"
#include "i18n.h"
#include "targets_parts.h"
#include "xml_errors.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "xml_dl.h"

/* ======================================================================
 * XML
 * ====================================================================== */

#define XML_INDENT_CAP 40 /* deeper levels are written at this indentation */

typedef struct xml_state {
    xmlTextWriterPtr w;
    FILE *f;
    bool failed; /* a write to f failed: output is discarded from then on */
    int errnum;
    bool bad;    /* the writer reported an error */
    char libxml_msg[160];
    vn_buf attrs;      /* the attributes of one element, escaped (xa_*) */
    vn_buf out;        /* output collected for fwrite in large chunks */
    const char *first; /* the name of the first of them */
} xml_state;

#define XML_OUT_CHUNK ((size_t)128 * 1024)
/* A node's text longer than this is written without being copied first. */
#define XML_LEAF_DIRECT ((size_t)64 * 1024)

static void xml_out_flush(xml_state *x)
{
    if (x->out.len && !x->failed && fwrite(x->out.data, 1, x->out.len, x->f) != x->out.len) {
        x->failed = true;
        x->errnum = errno ? errno : EIO;
    }
    x->out.len = 0;
}

/* libxml2 hands its buffer over every 4000 bytes; collecting them into
 * large writes saves most of stdio's copying and system calls.  The
 * callback never reports failure to libxml2, which would print an I/O error
 * on stderr: the failure is kept and reported by the renderer. */
static int xml_io_write(void *ctx, const char *buf, int len)
{
    xml_state *x = ctx;
    if (x->failed || len <= 0)
        return len;
    vn_buf_put(&x->out, buf, (size_t)len);
    if (x->out.len >= XML_OUT_CHUNK)
        xml_out_flush(x);
    return len;
}

static int xml_io_close(void *ctx)
{
    (void)ctx; /* the FILE belongs to the caller */
    return 0;
}

static void xml_on_error(void *ctx, xmlErrorPtr e)
{
    xml_state *x = ctx;
    if (!x->libxml_msg[0] && e && e->message)
        vn_xml_one_line(x->libxml_msg, sizeof x->libxml_msg, e->message);
}

static inline void xchk(xml_state *x, int rc)
{
    if (rc < 0)
        x->bad = true;
}

static void xraw(xml_state *x, const char *s, size_t n)
{
    while (n > 0) {
        int k = n > (1u << 30) ? (1 << 30) : (int)n;
        xchk(x, xmlTextWriterWriteRawLen(x->w, (const xmlChar *)s, k));
        s += k;
        n -= (size_t)k;
    }
}

static void xindent(xml_state *x, size_t level)
{
    static const char spaces[] = "\n                                                                                ";
    if (level > XML_INDENT_CAP)
        level = XML_INDENT_CAP;
    xraw(x, spaces, 1 + 2 * level);
}

/* Escapes s[0..n) for XML into r->esc, or returns s itself when nothing
 * needs escaping (the common case: no copy).  In attributes quotes and the
 * white-space characters that attribute normalization would eat are
 * escaped too. */
/* Bit 1: an ASCII byte text content cannot hold as is (controls, & < >);
 * bit 2: one an attribute value cannot (controls, & < ", and the tab and
 * line feed that attribute-value normalization would turn into spaces);
 * bit 4: a tab, which rendering a span collapses; bit 8: a space (collapsed
 * when another follows). */
static const uint8_t xml_special[128] = {
    3, 3, 3, 3, 3, 3, 3, 3, 3, 6, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    8, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1, 0,
};

/* Whether u[0..n) can go into XML as it stands: ASCII other than the
 * special characters of `mask` (and with bit 4, no two spaces in a row), and
 * well-formed UTF-8 other than U+FFFE/U+FFFF (checked in full unless bit 4
 * says the text is a span of the document, which the read stage made valid).  This loop sees every byte of
 * the output.  Written with a branch per sequence: on Vietnamese text the
 * branches predict well, and it runs about four times faster than a
 * table-driven DFA, whose every step waits for the one before. */
static bool xml_clean(const unsigned char *u, size_t n, unsigned mask)
{
    size_t i = 0;
    if (mask & 4) {
        /* text straight from the document: valid UTF-8 already (the read
         * stage sees to it), so only ASCII specials, doubled spaces and the
         * two noncharacters XML refuses (EF BF BE / BF) need looking for */
        for (; i < n; i++) {
            unsigned c = u[i];
            if (c < 0x80) {
                unsigned k = xml_special[c];
                if ((k & mask) || ((k & 8) && i + 1 < n && u[i + 1] == ' '))
                    return false;
            } else if (c == 0xEF && i + 2 < n && u[i + 1] == 0xBF && u[i + 2] >= 0xBE) {
                return false;
            }
        }
        return true;
    }
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            unsigned k = xml_special[c];
            if (k & mask)
                return false;
            i++;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= n || (u[i + 1] & 0xC0) != 0x80)
                return false;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= n || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
                return false;
            if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] >= 0xA0) ||
                (c == 0xEF && u[i + 1] == 0xBF && u[i + 2] >= 0xBE))
                return false;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= n || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80 ||
                (u[i + 3] & 0xC0) != 0x80)
                return false;
            if ((c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] >= 0x90))
                return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

#define XML_TEXT 1u
#define XML_ATTR 2u
#define XML_SPAN (1u | 4u) /* text content straight from a span */

static const char *xml_escape(vnplan_renderer *r, const char *s, size_t n, bool attr, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    if (xml_clean(u, n, attr ? XML_ATTR : XML_TEXT)) {
        *outlen = n;
        return s;
    }
    size_t i = 0, run = 0;
    vn_buf *b = &r->esc;
    vn_buf_clear(b);
    vn_buf_reserve(b, n + n / 8 + 16);
    while (i < n) {
        unsigned c = u[i];
        const char *rep = NULL;
        if (c >= 0x80) {
            uint32_t cp;
            size_t len = vn_utf8_valid_at(u, n, i, &cp);
            if (len && cp != 0xFFFE && cp != 0xFFFF) {
                i += len;
                continue;
            }
            rep = VN_REPLACEMENT;
        } else if (c >= 0x20) {
            switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = attr ? NULL : "&gt;"; break;
            case '"': rep = attr ? "&quot;" : NULL; break;
            default: break;
            }
        } else if (c == '\n') {
            rep = attr ? "&#10;" : NULL;
        } else if (c == '\t') {
            rep = attr ? "&#9;" : NULL;
        } else if (c == '\r') {
            rep = "&#13;";
        } else {
            rep = VN_REPLACEMENT;
        }
        if (!rep) {
            i++;
            continue;
        }
        vn_buf_put(b, s + run, i - run);
        vn_buf_puts(b, rep);
        run = ++i;
    }
    vn_buf_put(b, s + run, n - run);
    *outlen = b->len;
    return b->data;
}

static void xattr_n(vnplan_renderer *r, xml_state *x, const char *name, const char *v, size_t n)
{
    size_t len;
    const char *e = xml_escape(r, v, n, true, &len);
    xchk(x, xmlTextWriterStartAttribute(x->w, (const xmlChar *)name));
    xraw(x, e, len);
    xchk(x, xmlTextWriterEndAttribute(x->w));
}

static void xattr(vnplan_renderer *r, xml_state *x, const char *name, const char *v)
{
    if (v && *v)
        xattr_n(r, x, name, v, strlen(v));
}

/* The attributes of a node or target go to the writer in one piece: the
 * first attribute is opened with xmlTextWriterStartAttribute, the escaped
 * text `v1" a2="v2" ... aN="vN` follows as its raw content, and
 * xmlTextWriterEndAttribute closes the last quote.  Three writer calls per
 * element instead of three per attribute. */
static void xa_begin(xml_state *x)
{
    vn_buf_clear(&x->attrs);
    x->first = NULL;
}

static void xa_name(xml_state *x, const char *name)
{
    if (!x->first) {
        x->first = name;
        return;
    }
    vn_buf_put(&x->attrs, "\" ", 2);
    vn_buf_puts(&x->attrs, name);
    vn_buf_put(&x->attrs, "=\"", 2);
}

static void xa_n(vnplan_renderer *r, xml_state *x, const char *name, const char *v, size_t n)
{
    size_t len;
    const char *e = xml_escape(r, v, n, true, &len);
    xa_name(x, name);
    vn_buf_put(&x->attrs, e, len);
}

static void xa(vnplan_renderer *r, xml_state *x, const char *name, const char *v)
{
    if (v && *v)
        xa_n(r, x, name, v, strlen(v));
}

static void xa_u(xml_state *x, const char *name, uint64_t v)
{
    xa_name(x, name);
    vn_buf_reserve(&x->attrs, 24);
    x->attrs.len += vn_fmt_u64(v, x->attrs.data + x->attrs.len);
}

/* start, end, line, end-line: a span in the original file, when known. */
static void xa_span(xml_state *x, vnplan_span sp)
{
    if (sp.line != 0 || sp.end != 0) {
        xa_u(x, "start", sp.start);
        xa_u(x, "end", sp.end);
        xa_u(x, "line", sp.line);
        xa_u(x, "end-line", sp.end_line);
    }
}

static void xa_end(xml_state *x)
{
    if (!x->first)
        return;
    xchk(x, xmlTextWriterStartAttribute(x->w, (const xmlChar *)x->first));
    xraw(x, x->attrs.data, x->attrs.len);
    xchk(x, xmlTextWriterEndAttribute(x->w));
}

static void xstart(xml_state *x, size_t level, const char *name)
{
    xindent(x, level);
    xchk(x, xmlTextWriterStartElement(x->w, (const xmlChar *)name));
}

static void xend(xml_state *x) { xchk(x, xmlTextWriterEndElement(x->w)); }

/* <name>text</name> on a line of its own; nothing for an empty string. */
static void xelem_n(vnplan_renderer *r, xml_state *x, size_t level, const char *name, const char *s,
                    size_t n)
{
    if (!s || n == 0)
        return;
    size_t len;
    xstart(x, level, name);
    const char *e = xml_escape(r, s, n, false, &len);
    xraw(x, e, len);
    xend(x);
}

static void xelem(vnplan_renderer *r, xml_state *x, size_t level, const char *name, const char *s)
{
    if (s)
        xelem_n(r, x, level, name, s, strlen(s));
}

/* Appends "\n<indent><name>e</name>" to b, e escaped already; nothing for
 * an empty e. */
static void xleaf_escaped(vn_buf *b, size_t level, const char *name, const char *e, size_t el)
{
    static const char spaces[] = "\n                                                                                ";
    if (el == 0)
        return;
    size_t nl = strlen(name);
    if (level > XML_INDENT_CAP)
        level = XML_INDENT_CAP;
    vn_buf_reserve(b, el + 2 * nl + 6 + 2 * level);
    char *o = b->data + b->len;
    memcpy(o, spaces, 1 + 2 * level);
    o += 1 + 2 * level;
    *o++ = '<';
    memcpy(o, name, nl);
    o += nl;
    *o++ = '>';
    memcpy(o, e, el);
    o += el;
    *o++ = '<';
    *o++ = '/';
    memcpy(o, name, nl);
    o += nl;
    *o++ = '>';
    b->len = (size_t)(o - b->data);
}

/* A span of the document as XML text content: rendered (vn_render_span) and
 * escaped.  The common case, a span inside one clean line with nothing to
 * collapse or escape, is checked in one pass over its bytes and written
 * from the document's text as it stands. */
static const char *xml_span_text(vnplan_renderer *r, const vnplan_doc *doc, vn_span s, uint32_t hint,
                                 size_t *len)
{
    *len = 0;
    if (!doc->text.s || s.start >= s.end || s.start >= doc->text.len)
        return "";
    if (s.end > doc->text.len)
        s.end = (uint32_t)doc->text.len;
    const char *p = doc->text.s + s.start;
    size_t n = s.end - s.start;
    if (doc->nplines && p[0] != ' ' && p[0] != '\t' && p[n - 1] != ' ' && p[n - 1] != '\t') {
        const vn_pline *pl = &doc->plines[vn_render_line_of(doc, s.start, hint)];
        if (pl->start <= s.start && s.end <= pl->end && !(pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE)) &&
            xml_clean((const unsigned char *)p, n, XML_SPAN)) {
            *len = n;
            return p;
        }
    }
    size_t rn;
    const char *t = vn_render_text(r, doc, s, hint, &rn);
    return xml_escape(r, t, rn, false, len);
}

static void xleaf(vnplan_renderer *r, vn_buf *b, size_t level, const char *name, const char *s, size_t n);

static void xml_target(vnplan_renderer *r, xml_state *x, const vnplan_doc *doc, size_t t, size_t level,
                       vn_ohint *h)
{
    const vn_target *tg = &doc->targets[t];
    char idbuf[24], pbuf[24], phbuf[8], num[40];
    xstart(x, level, "target");
    xa_begin(x);
    xa(r, x, "id", vn_render_target_id(doc, t, idbuf));
    xa(r, x, "name", tg->name);
    xa(r, x, "kind", tg->qualitative ? "qualitative" : "quantified");
    if (!tg->qualitative) {
        xa(r, x, "comparator", vn_cmp_name((vn_cmp)tg->cmp));
        if (vn_fmt_double(tg->value, num))
            xa(r, x, "value", num);
        xa(r, x, "value-text", tg->value_text);
        if (tg->value_max > tg->value && vn_fmt_double(tg->value_max, num))
            xa(r, x, "value-max", num); /* the high end of a range */
    }
    xa(r, x, "unit", tg->unit);
    xa(r, x, "unit-class", tg->unit_class);
    xa(r, x, "phase", vn_render_phase(tg->phase, phbuf));
    xa(r, x, "section", vn_label_name((vn_label)tg->section));
    if (tg->parent >= 0 && (size_t)tg->parent < doc->ntargets)
        xa(r, x, "parent", vn_render_target_id(doc, (size_t)tg->parent, pbuf));
    xa(r, x, "confidence", tg->confidence);
    /* what it measures (grammars/indicators.txt); lists joined by '|' */
    const char *const *parts = vn_target_parts(doc, tg);
    for (int p = 0; p < VN_PART__COUNT; p++)
        xa(r, x, vn_part_name(p), parts[p]);
    vnplan_span sp = vn_render_target_ospan(doc, t, h);
    xa_span(x, sp);
    xa_end(x);
    vn_buf *b = &x->attrs;
    vn_buf_clear(b);
    if (tg->indicator)
        xleaf(r, b, level + 1, "indicator", tg->indicator, strlen(tg->indicator));
    if (tg->text)
        xleaf(r, b, level + 1, "sentence", tg->text, strlen(tg->text));
    if (b->len) {
        xraw(x, b->data, b->len);
        xindent(x, level);
    }
    xend(x);
}

static void xml_meta(vnplan_renderer *r, xml_state *x, const vnplan_doc *doc)
{
    const vn_meta *m = &doc->meta;
    xstart(x, 2, "meta");
    bool any = false;
    const char *const fields[][2] = {
        {"type", m->type},         {"number", m->number},     {"date", m->date},
        {"place", m->place},       {"issuer", m->issuer},     {"locality", m->locality},
        {"level", m->level},       {"title", m->title},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i][1] && *fields[i][1]) {
            xelem(r, x, 3, fields[i][0], fields[i][1]);
            any = true;
        }
    }
    if (m->nimplements && m->implements) {
        xstart(x, 3, "implements");
        for (size_t i = 0; i < m->nimplements; i++) {
            const vn_ref *ref = &m->implements[i];
            xstart(x, 4, "ref");
            xattr(r, x, "number", ref->number && *ref->number ? ref->number : "?");
            xattr(r, x, "date", ref->date);
            xattr(r, x, "kind", ref->kind);
            xend(x);
        }
        xindent(x, 3);
        xend(x);
        any = true;
    }
    if ((m->signer_name && *m->signer_name) || (m->signer_capacity && *m->signer_capacity)) {
        xstart(x, 3, "signer");
        xattr(r, x, "name", m->signer_name);
        xattr(r, x, "capacity", m->signer_capacity);
        xend(x);
        any = true;
    }
    if (any)
        xindent(x, 2);
    xend(x);
}

/* Appends "\n<indent><name>escaped</name>" to b (nothing for an empty string). */
static void xleaf(vnplan_renderer *r, vn_buf *b, size_t level, const char *name, const char *s, size_t n)
{
    size_t el;
    const char *e = xml_escape(r, s, n, false, &el);
    xleaf_escaped(b, level, name, e, el);
}

static void xml_tree(vnplan_renderer *r, xml_state *x, const vnplan_doc *doc)
{
    vn_render_index_targets(r, doc);
    vn_walk w;
    vn_walk_init(&w, r, doc);
    size_t node, level;
    int ev;
    while ((ev = vn_walk_next(&w, &node, &level)) != VN_WALK_DONE) {
        size_t xl = level + 2;
        if (ev == VN_WALK_EXIT) {
            if (r->stack[level].user)
                xindent(x, xl);
            xend(x);
            continue;
        }
        if (level > 0)
            r->stack[level - 1].user = 1;
        const vn_node *n = &doc->nodes[node];
        xstart(x, xl, "node");
        xa_begin(x);
        xa(r, x, "kind", vn_kind_name((vn_kind)n->kind) ? vn_kind_name((vn_kind)n->kind) : "paragraph");
        xa(r, x, "label", vn_render_node_label(n));
        xa(r, x, "style", vn_style_name((vn_style)n->style));
        size_t len;
        const char *s = vn_render_text(r, doc, n->marker, n->line_first, &len);
        if (len)
            xa_n(r, x, "marker", s, len);
        s = vn_render_text(r, doc, n->number, n->line_first, &len);
        if (len)
            xa_n(r, x, "number", s, len);
        char phase[8];
        xa(r, x, "phase", vn_render_phase(n->phase, phase));
        vnplan_span sp = vn_render_node_ospan(doc, node, &w.oh);
        xa_span(x, sp);
        xa_end(x);
        /* <title> and <text>: leaf elements of escaped text, written as one
         * raw chunk (see xa_begin) */
        vn_buf *b = &x->attrs;
        vn_buf_clear(b);
        s = xml_span_text(r, doc, n->title, n->line_first, &len);
        xleaf_escaped(b, xl + 1, "title", s, len);
        if (n->flags & VN_NODE_JOINED) {
            size_t rn;
            const char *t = vn_render_node_text_of(r, doc, n, &rn);
            s = xml_escape(r, t, rn, false, &len);
        } else {
            s = xml_span_text(r, doc, n->text, n->line_first, &len);
        }
        if (len > XML_LEAF_DIRECT) {
            /* a text of megabytes (a document of one line) goes to the
             * writer where it stands, not through one more copy of it */
            vn_buf leaf = {0};
            xleaf_escaped(&leaf, xl + 1, "text", "", 1);
            size_t open = leaf.len - strlen("</text>") - 1;
            xraw(x, b->data, b->len);
            xraw(x, leaf.data, open);
            xraw(x, s, len);
            xraw(x, leaf.data + open + 1, leaf.len - open - 1);
            vn_buf_free(&leaf);
            vn_buf_clear(b);
            r->stack[level].user = 1;
        } else {
            xleaf_escaped(b, xl + 1, "text", s, len);
        }
        if (b->len) {
            xraw(x, b->data, b->len);
            r->stack[level].user = 1;
        }
        for (uint32_t k = r->tfirst[node]; k < r->tfirst[node + 1]; k++) {
            xml_target(r, x, doc, r->tlist[k], xl + 1, &w.oh);
            r->stack[level].user = 1;
        }
    }
}

static vnplan_status xml_status(vnplan_renderer *r, xml_state *x)
{
    if (r->err.status != VNPLAN_OK)
        return r->err.status;
    if (x->failed)
        return vn_output_failed(&r->err, x->errnum);
    if (x->bad)
        return vn_fail(&r->err, VNPLAN_ERR_OUTPUT, "XML writer: %s",
                       x->libxml_msg[0] ? x->libxml_msg : N_("internal error"));
    return VNPLAN_OK;
}

static vnplan_status xml_begin(vnplan_renderer *r)
{
    if (!vn_xml_use(&r->err))
        return r->err.status;
    xml_state *x = vn_xcalloc(1, sizeof *x);
    r->state = x;
    x->f = r->out;
    vn_xml_handlers h;
    vn_xml_handlers_push(&h, xml_on_error, x);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(xml_io_write, xml_io_close, x, NULL);
    if (ob)
        x->w = xmlNewTextWriter(ob);
    if (!x->w) {
        if (ob)
            xmlOutputBufferClose(ob);
        vn_xml_handlers_pop(&h);
        return vn_fail(&r->err, VNPLAN_ERR_OUTPUT, "cannot create the XML writer");
    }
    xchk(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
    xchk(x, xmlTextWriterStartElement(x->w, (const xmlChar *)"vnplan"));
    xattr(r, x, "version", "1");
    vn_xml_handlers_pop(&h);
    return xml_status(r, x);
}

static vnplan_status xml_doc(vnplan_renderer *r, const vnplan_doc *doc)
{
    xml_state *x = r->state;
    vn_xml_handlers h;
    vn_xml_handlers_push(&h, xml_on_error, x);
    xstart(x, 1, "document");
    if (doc->from_xml) {
        xattr(r, x, "source", doc->source);
        xattr(r, x, "encoding", doc->source_encoding);
    } else {
        xattr(r, x, "source", doc->name);
        xattr(r, x, "encoding", vnplan_doc_encoding(doc));
    }
    xattr(r, x, "baseline", doc->baseline);
    xattr(r, x, "title", doc->base_title);
    if (r->flags & VNPLAN_RENDER_TARGETS_ONLY) {
        vn_ohint oh = {0, 0};
        for (size_t t = 0; t < doc->ntargets; t++)
            xml_target(r, x, doc, t, 2, &oh);
        if (doc->ntargets)
            xindent(x, 1);
    } else {
        xml_meta(r, x, doc);
        for (size_t i = 0; i < doc->nwarnings; i++)
            xelem(r, x, 2, "warning", doc->warnings[i]);
        xml_tree(r, x, doc);
        vn_ohint oh = {0, 0};
        for (size_t t = 0; !(r->flags & VNPLAN_RENDER_NO_TARGETS) && t < doc->ntargets; t++)
            if (!vn_render_target_placed(doc, t))
                xml_target(r, x, doc, t, 2, &oh);
        xindent(x, 1);
    }
    xend(x);
    vn_xml_handlers_pop(&h);
    return xml_status(r, x);
}

static vnplan_status xml_end(vnplan_renderer *r)
{
    xml_state *x = r->state;
    vn_xml_handlers h;
    vn_xml_handlers_push(&h, xml_on_error, x);
    if (r->ndocs)
        xindent(x, 0);
    xchk(x, xmlTextWriterEndDocument(x->w)); /* ends with a newline */
    xchk(x, xmlTextWriterFlush(x->w));
    xml_out_flush(x);
    vn_xml_handlers_pop(&h);
    return xml_status(r, x);
}

static void xml_free(vnplan_renderer *r)
{
    xml_state *x = r->state;
    if (!x)
        return;
    if (x->w) {
        vn_xml_handlers h;
        vn_xml_handlers_push(&h, xml_on_error, x);
        xmlFreeTextWriter(x->w);
        vn_xml_handlers_pop(&h);
    }
    vn_buf_free(&x->attrs);
    vn_buf_free(&x->out);
    free(x);
    r->state = NULL;
}

const vn_rfuncs vn_render_xml_funcs = {xml_begin, xml_doc, xml_end, xml_free};
