/* render_xml.c — the XML output (docs/format.md, validated by docs/vnplan.rng)
 * and the render entry points every format goes through (vnplan_render,
 * vnplan_renderer_*), with the helpers the renderers share (render.h).
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

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

/* ======================================================================
 * Shared helpers (render.h)
 * ====================================================================== */

void vn_sink_flush(vn_sink *s)
{
    if (s->buf.len && !s->failed && s->f) {
        if (fwrite(s->buf.data, 1, s->buf.len, s->f) != s->buf.len) {
            s->failed = true;
            s->errnum = errno ? errno : EIO;
        }
    }
    s->buf.len = 0;
}

static vnplan_status output_failed(vn_error *e, int errnum)
{
    return vn_fail(e, VNPLAN_ERR_OUTPUT, "write error: %s", strerror(errnum ? errnum : EIO));
}

vnplan_status vn_render_sink_status(vnplan_renderer *r)
{
    if (r->err.status != VNPLAN_OK)
        return r->err.status;
    if (r->sink.failed)
        return output_failed(&r->err, r->sink.errnum);
    return VNPLAN_OK;
}

void vn_render_index_targets(vnplan_renderer *r, const vnplan_doc *doc)
{
    size_t nn = doc->nnodes;
    size_t nt = (r->flags & VNPLAN_RENDER_NO_TARGETS) ? 0 : doc->ntargets;
    r->tfirst = vn_grow(r->tfirst, &r->captfirst, 0, nn + 2, sizeof *r->tfirst);
    memset(r->tfirst, 0, (nn + 2) * sizeof *r->tfirst);
    r->tlist = vn_grow(r->tlist, &r->captlist, 0, nt + 1, sizeof *r->tlist);
    /* a counting sort that keeps document order within a node */
    for (size_t t = 0; t < nt; t++)
        if (vn_render_target_placed(doc, t))
            r->tfirst[(size_t)doc->targets[t].node + 2]++;
    for (size_t k = 2; k < nn + 2; k++)
        r->tfirst[k] += r->tfirst[k - 1];
    for (size_t t = 0; t < nt; t++)
        if (vn_render_target_placed(doc, t))
            r->tlist[r->tfirst[(size_t)doc->targets[t].node + 1]++] = (uint32_t)t;
}

void vn_walk_init(vn_walk *w, vnplan_renderer *r, const vnplan_doc *doc)
{
    w->r = r;
    w->doc = doc;
    w->depth = 0;
    w->visits = 0;
    w->exited = -1;
    w->started = false;
}

static void walk_push(vn_walk *w, int32_t node)
{
    vnplan_renderer *r = w->r;
    r->stack = vn_grow(r->stack, &r->capstack, w->depth, 1, sizeof *r->stack);
    r->stack[w->depth].node = node;
    r->stack[w->depth].user = 0;
    w->depth++;
    w->visits++;
}

int vn_walk_next(vn_walk *w, size_t *node, size_t *level)
{
    const vnplan_doc *d = w->doc;
    if (!w->started) {
        w->started = true;
        if (d->nnodes == 0 || !d->nodes)
            return VN_WALK_DONE;
        walk_push(w, 0);
        w->exited = -1;
        *node = 0;
        *level = 0;
        return VN_WALK_ENTER;
    }
    if (w->depth == 0)
        return VN_WALK_DONE;
    int32_t next = w->exited < 0 ? d->nodes[w->r->stack[w->depth - 1].node].first_child
                                 : d->nodes[w->exited].next;
    if (next >= 0 && (size_t)next < d->nnodes && w->visits < d->nnodes) {
        walk_push(w, next);
        w->exited = -1;
        *node = (size_t)next;
        *level = w->depth - 1;
        return VN_WALK_ENTER;
    }
    w->depth--;
    w->exited = w->r->stack[w->depth].node;
    *node = (size_t)w->exited;
    *level = w->depth;
    return VN_WALK_EXIT;
}

size_t vn_render_line_of(const vnplan_doc *doc, size_t off, size_t hint)
{
    const vn_pline *pl = doc->plines;
    size_t n = doc->nplines;
    if (hint < n && pl[hint].start <= off) {
        for (int step = 0; step < 16; step++) {
            if (hint + 1 >= n || pl[hint + 1].start > off)
                return hint;
            hint++;
        }
    }
    return vn_line_of(doc, off);
}

/* vn_text_orig_offset, starting from run h->run. */
static size_t orig_offset(const vn_text *t, size_t off, vn_ohint *h)
{
    if (off > t->len)
        off = t->len;
    if (!t->nruns)
        return off < t->orig_len ? off : t->orig_len;
    size_t k = h->run;
    if (k < t->nruns && t->runs[k].norm <= off) {
        for (int step = 0; step < 16; step++) {
            if (k + 1 >= t->nruns || t->runs[k + 1].norm > off) {
                h->run = k;
                return vn_offrun_map(&t->runs[k], t->s, off);
            }
            k++;
        }
    }
    size_t lo = 0, hi = t->nruns;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->runs[mid].norm <= off)
            lo = mid;
        else
            hi = mid;
    }
    h->run = lo;
    return vn_offrun_map(&t->runs[lo], t->s, off);
}

vnplan_span vn_render_ospan(const vnplan_doc *doc, vn_span s, vn_ohint *h)
{
    vnplan_span o;
    o.start = orig_offset(&doc->text, s.start, h);
    vn_ohint eh = *h; /* the end is searched from the start, the hint stays at the start */
    o.end = orig_offset(&doc->text, s.end, &eh);
    if (o.end < o.start)
        o.end = o.start;
    size_t k = vn_render_line_of(doc, s.start, h->line);
    h->line = k;
    o.line = k + 1;
    o.end_line = s.end > s.start ? vn_render_line_of(doc, s.end - 1, k) + 1 : o.line;
    return o;
}

vnplan_span vn_render_node_ospan(const vnplan_doc *doc, size_t node, vn_ohint *h)
{
    if (doc->node_ospans)
        return vn_node_ospan(doc, node);
    const vn_node *n = &doc->nodes[node];
    return vn_render_ospan(doc, vn_span_make(n->sub_start, n->sub_end), h);
}

vnplan_span vn_render_target_ospan(const vnplan_doc *doc, size_t t, vn_ohint *h)
{
    if (doc->target_ospans) {
        const vn_ospan *o = &doc->target_ospans[t];
        vnplan_span s = {o->start, o->end, o->line, o->end_line};
        return s;
    }
    vn_span sp = doc->targets[t].span;
    if (sp.end < sp.start || sp.end > doc->text.len) {
        vnplan_span z = {0, 0, 0, 0};
        return z;
    }
    return vn_render_ospan(doc, sp, h);
}

/* True when s[a..b) has no tab and no two spaces in a row: collapsing it
 * changes nothing. */
static bool nothing_to_collapse(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' && (c == '\t' || (c == ' ' && i + 1 < b && s[i + 1] == ' ')))
            return false;
    }
    return true;
}

/* vn_render_span's loop (doc.c), with two shortcuts: a span inside one line
 * that needs no collapsing is returned where it stands, and each line piece
 * that needs none is copied whole instead of word by word.  The result is
 * the same byte for byte (test_render checks it against vn_render_span on
 * every node of the corpus). */
const char *vn_render_text(vnplan_renderer *r, const vnplan_doc *doc, vn_span s, uint32_t hint,
                           size_t *len)
{
    *len = 0;
    if (!doc->text.s || s.start >= s.end || s.start >= doc->text.len)
        return "";
    if (s.end > doc->text.len)
        s.end = (uint32_t)doc->text.len;
    const char *t = doc->text.s;
    vn_buf *out = &r->scratch;
    vn_buf_clear(out);
    if (!doc->nplines) {
        vn_render_span(doc, s, out);
        *len = out->len;
        return vn_buf_cstr(out);
    }
    size_t k = vn_render_line_of(doc, s.start, hint);
    {
        const vn_pline *pl = &doc->plines[k];
        size_t n = s.end - s.start;
        const char *p = t + s.start;
        if (pl->start <= s.start && s.end <= pl->end && !(pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE)) &&
            p[0] != ' ' && p[0] != '\t' && p[n - 1] != ' ' && p[n - 1] != '\t' &&
            nothing_to_collapse(t, s.start, s.end)) {
            *len = n;
            return p;
        }
    }
    bool first = true;
    for (; k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->start >= s.end && pl->start != s.start)
            break;
        if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
            continue;
        size_t a = pl->start > s.start ? pl->start : s.start;
        size_t b = pl->end < s.end ? pl->end : s.end;
        while (a < b && vn_is_hspace(t[a]))
            a++;
        while (b > a && vn_is_hspace(t[b - 1]))
            b--;
        if (a >= b)
            continue;
        if (!first && !((pl->flags & VN_PL_JOIN_NOSPACE) && a == pl->start))
            vn_buf_putc(out, ' ');
        else if (!first && (pl->flags & VN_PL_DEHYPHEN) && a == pl->start && out->len &&
                 out->data[out->len - 1] == '-')
            out->len--; /* as vn_render_span */
        first = false;
        if (nothing_to_collapse(t, a, b)) {
            vn_buf_put(out, t + a, b - a);
            continue;
        }
        for (size_t i = a; i < b;) { /* runs of white space become one space */
            size_t j = i;
            while (j < b && !vn_is_hspace(t[j]))
                j++;
            vn_buf_put(out, t + i, j - i);
            if (j < b) {
                while (j < b && vn_is_hspace(t[j]))
                    j++;
                if (j < b)
                    vn_buf_putc(out, ' ');
            }
            i = j;
        }
    }
    *len = out->len;
    return vn_buf_cstr(out);
}

const char *vn_render_target_id(const vnplan_doc *doc, size_t t, char *buf)
{
    const char *id = doc->targets[t].id;
    if (id && *id)
        return id;
    buf[0] = 't';
    vn_fmt_u64((uint64_t)t + 1, buf + 1);
    return buf;
}

const char *vn_render_phase(uint16_t phase, char *buf)
{
    if (phase == VN_PHASE_NONE)
        return NULL;
    if (phase == VN_PHASE_GENERAL)
        return "general";
    vn_fmt_u64(phase, buf);
    return buf;
}

const char *vn_render_node_label(const vn_node *n)
{
    if (n->kind == VN_KIND_FIELD)
        return vn_field_name((vn_field)n->field);
    return vn_label_name((vn_label)n->label);
}

size_t vn_fmt_u64(uint64_t v, char *buf)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    char tmp[24];
    size_t i = sizeof tmp;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        tmp[--i] = pairs[d + 1];
        tmp[--i] = pairs[d];
    }
    if (v >= 10) {
        tmp[--i] = pairs[v * 2 + 1];
        tmp[--i] = pairs[v * 2];
    } else {
        tmp[--i] = (char)('0' + v);
    }
    size_t n = sizeof tmp - i;
    memcpy(buf, tmp + i, n);
    buf[n] = '\0';
    return n;
}

/* The printf family follows LC_NUMERIC; a host that called setlocale() for
 * Vietnamese would get "2,5".  Numbers with up to 15 significant digits are
 * printed by hand; anything else goes through %g under the C locale. */
size_t vn_fmt_double(double v, char *buf)
{
    static const double p10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    buf[0] = '\0';
    if (!isfinite(v))
        return 0;
    double a = fabs(v);
    for (size_t k = 0; k < sizeof p10 / sizeof p10[0]; k++) {
        double scaled = a * p10[k];
        if (scaled >= 9007199254740992.0) /* 2^53: no longer exact */
            break;
        double m = floor(scaled + 0.5);
        if (m / p10[k] != a)
            continue;
        uint64_t mi = (uint64_t)m;
        while (k > 0 && mi % 10 == 0) {
            mi /= 10;
            k--;
        }
        char digits[24];
        size_t nd = vn_fmt_u64(mi, digits);
        size_t o = 0;
        if (v < 0 && mi != 0)
            buf[o++] = '-';
        if (nd <= k) { /* 0.0…0ddd */
            buf[o++] = '0';
            buf[o++] = '.';
            for (size_t z = nd; z < k; z++)
                buf[o++] = '0';
            memcpy(buf + o, digits, nd);
            o += nd;
        } else {
            memcpy(buf + o, digits, nd - k);
            o += nd - k;
            if (k) {
                buf[o++] = '.';
                memcpy(buf + o, digits + nd - k, k);
                o += k;
            }
        }
        buf[o] = '\0';
        return o;
    }
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    int n = 0;
    for (int prec = 1; prec <= 17; prec++) {
        n = snprintf(buf, 40, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return n > 0 ? (size_t)n : 0;
}

void vn_put_clean(vn_sink *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = c >= 0x80 ? vn_utf8_valid_at(u, n, i, &cp) : 0;
        if (len) {
            i += len;
            continue;
        }
        vn_sink_put(out, s + run, i - run);
        if (c == '\t' || c == '\n' || c == '\r')
            vn_sink_putc(out, ' ');
        else
            vn_sink_put(out, VN_REPLACEMENT, 3);
        run = ++i;
    }
    vn_sink_put(out, s + run, n - run);
}

/* ======================================================================
 * Entry points
 * ====================================================================== */

static vnplan_status give_error(const vn_error *e, char *err, size_t errlen)
{
    if (err && errlen)
        snprintf(err, errlen, "%s", e->msg[0] ? e->msg : vnplan_strerror(e->status));
    return e->status;
}

vnplan_renderer *vnplan_renderer_new(vnplan_format format, unsigned flags, FILE *out)
{
    vnplan_renderer *r = vn_xcalloc(1, sizeof *r);
    r->format = format;
    r->flags = flags;
    r->out = out;
    r->sink.f = out;
    switch (format) {
    case VNPLAN_FORMAT_XML: r->fn = &vn_render_xml_funcs; break;
    case VNPLAN_FORMAT_JSON: r->fn = &vn_render_json_funcs; break;
    case VNPLAN_FORMAT_TEXT: r->fn = &vn_render_text_funcs; break;
    case VNPLAN_FORMAT_TSV:
    case VNPLAN_FORMAT_CSV:
        if (flags & VNPLAN_RENDER_TARGETS_ONLY)
            r->fn = &vn_render_tsv_funcs;
        else
            vn_fail(&r->err, VNPLAN_ERR_USAGE,
                    "TSV and CSV output is for targets only; the tree is written as xml, json or text");
        break;
    case VNPLAN_FORMAT_HTML:
        vn_fail(&r->err, VNPLAN_ERR_USAGE, "HTML output is for comparison reports, not for trees");
        break;
    default: vn_fail(&r->err, VNPLAN_ERR_USAGE, "unknown output format %d", (int)format); break;
    }
    if (!out && r->err.status == VNPLAN_OK)
        vn_fail(&r->err, VNPLAN_ERR_USAGE, "no output stream");
    return r;
}

static void renderer_begin(vnplan_renderer *r)
{
    if (r->begun || r->err.status != VNPLAN_OK)
        return;
    r->begun = true;
    r->fn->begin(r);
}

vnplan_status vnplan_renderer_add(vnplan_renderer *r, const vnplan_doc *doc, char *err, size_t errlen)
{
    if (!r) {
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_USAGE, "no renderer");
        return give_error(&e, err, errlen);
    }
    if (r->err.status == VNPLAN_OK && !doc)
        vn_fail(&r->err, VNPLAN_ERR_USAGE, "no document to render");
    renderer_begin(r);
    if (r->err.status == VNPLAN_OK) {
        r->fn->doc(r, doc);
        r->ndocs++;
    }
    if (r->err.status != VNPLAN_OK)
        return give_error(&r->err, err, errlen);
    return VNPLAN_OK;
}

vnplan_status vnplan_renderer_finish(vnplan_renderer *r, char *err, size_t errlen)
{
    if (!r) {
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_USAGE, "no renderer");
        return give_error(&e, err, errlen);
    }
    renderer_begin(r);
    if (r->err.status == VNPLAN_OK)
        r->fn->end(r);
    if (r->err.status == VNPLAN_OK && r->out) {
        if (fflush(r->out) != 0 || ferror(r->out))
            output_failed(&r->err, errno);
    }
    if (r->fn && r->fn->free)
        r->fn->free(r);
    vn_error e = r->err;
    vn_buf_free(&r->sink.buf);
    vn_buf_free(&r->scratch);
    vn_buf_free(&r->esc);
    free(r->tfirst);
    free(r->tlist);
    free(r->stack);
    free(r);
    if (e.status != VNPLAN_OK)
        return give_error(&e, err, errlen);
    return VNPLAN_OK;
}

vnplan_status vnplan_render(const vnplan_doc *doc, vnplan_format format, unsigned flags, FILE *out,
                            char *err, size_t errlen)
{
    vnplan_renderer *r = vnplan_renderer_new(format, flags, out);
    r->single = true;
    vnplan_status st = vnplan_renderer_add(r, doc, err, errlen);
    vnplan_status st2 = vnplan_renderer_finish(r, st == VNPLAN_OK ? err : NULL, errlen);
    return st != VNPLAN_OK ? st : st2;
}

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
    if (!x->libxml_msg[0] && e && e->message) {
        snprintf(x->libxml_msg, sizeof x->libxml_msg, "%s", e->message);
        size_t n = strlen(x->libxml_msg);
        while (n && x->libxml_msg[n - 1] == '\n')
            x->libxml_msg[--n] = '\0';
    }
}

static void xml_on_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* libxml2 reports errors through thread-local handlers; while we write, they
 * are ours (the library never prints), and the caller's come back after. */
typedef struct xml_handlers {
    xmlStructuredErrorFunc serror;
    void *sctx;
    xmlGenericErrorFunc gerror;
    void *gctx;
} xml_handlers;

static void xml_handlers_push(xml_state *x, xml_handlers *h)
{
    h->serror = xmlStructuredError;
    h->sctx = xmlStructuredErrorContext;
    h->gerror = xmlGenericError;
    h->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(x, xml_on_error);
    xmlSetGenericErrorFunc(x, xml_on_generic);
}

static void xml_handlers_pop(const xml_handlers *h)
{
    xmlSetStructuredErrorFunc(h->sctx, h->serror);
    xmlSetGenericErrorFunc(h->gctx, h->gerror);
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
        size_t skip = 1;
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
        i += skip;
        run = i;
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

const char *vn_render_node_text_of(vnplan_renderer *r, const vnplan_doc *doc, const vn_node *n, size_t *len)
{
    if (!(n->flags & VN_NODE_JOINED))
        return vn_render_text(r, doc, n->text, n->line_first, len);
    vn_buf_clear(&r->scratch);
    vn_render_node_text(doc, n, &r->scratch);
    *len = r->scratch.len;
    return vn_buf_cstr(&r->scratch);
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
    vnplan_span sp = vn_render_target_ospan(doc, t, h);
    if (sp.line != 0 || sp.end != 0) {
        xa_u(x, "start", sp.start);
        xa_u(x, "end", sp.end);
        xa_u(x, "line", sp.line);
        xa_u(x, "end-line", sp.end_line);
    }
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
    vn_ohint oh = {0, 0};
    int ev;
    char buf[8];
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
        xa(r, x, "phase", vn_render_phase(n->phase, buf));
        vnplan_span sp = vn_render_node_ospan(doc, node, &oh);
        if (sp.line != 0 || sp.end != 0) {
            xa_u(x, "start", sp.start);
            xa_u(x, "end", sp.end);
            xa_u(x, "line", sp.line);
            xa_u(x, "end-line", sp.end_line);
        }
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
        xleaf_escaped(b, xl + 1, "text", s, len);
        if (b->len) {
            xraw(x, b->data, b->len);
            r->stack[level].user = 1;
        }
        for (uint32_t k = r->tfirst[node]; k < r->tfirst[node + 1]; k++) {
            xml_target(r, x, doc, r->tlist[k], xl + 1, &oh);
            r->stack[level].user = 1;
        }
    }
}

static vnplan_status xml_status(vnplan_renderer *r, xml_state *x)
{
    if (r->err.status != VNPLAN_OK)
        return r->err.status;
    if (x->failed)
        return output_failed(&r->err, x->errnum);
    if (x->bad)
        return vn_fail(&r->err, VNPLAN_ERR_OUTPUT, "XML writer: %s",
                       x->libxml_msg[0] ? x->libxml_msg : "internal error");
    return VNPLAN_OK;
}

static vnplan_status xml_begin(vnplan_renderer *r)
{
    xml_state *x = vn_xcalloc(1, sizeof *x);
    r->state = x;
    x->f = r->out;
    xml_handlers h;
    xml_handlers_push(x, &h);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(xml_io_write, xml_io_close, x, NULL);
    if (ob)
        x->w = xmlNewTextWriter(ob);
    if (!x->w) {
        if (ob)
            xmlOutputBufferClose(ob);
        xml_handlers_pop(&h);
        return vn_fail(&r->err, VNPLAN_ERR_OUTPUT, "cannot create the XML writer");
    }
    xchk(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
    xchk(x, xmlTextWriterStartElement(x->w, (const xmlChar *)"vnplan"));
    xattr(r, x, "version", "1");
    xml_handlers_pop(&h);
    return xml_status(r, x);
}

static vnplan_status xml_doc(vnplan_renderer *r, const vnplan_doc *doc)
{
    xml_state *x = r->state;
    xml_handlers h;
    xml_handlers_push(x, &h);
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
    xml_handlers_pop(&h);
    return xml_status(r, x);
}

static vnplan_status xml_end(vnplan_renderer *r)
{
    xml_state *x = r->state;
    xml_handlers h;
    xml_handlers_push(x, &h);
    if (r->ndocs)
        xindent(x, 0);
    xchk(x, xmlTextWriterEndDocument(x->w)); /* ends with a newline */
    xchk(x, xmlTextWriterFlush(x->w));
    xml_out_flush(x);
    xml_handlers_pop(&h);
    return xml_status(r, x);
}

static void xml_free(vnplan_renderer *r)
{
    xml_state *x = r->state;
    if (!x)
        return;
    if (x->w) {
        xml_handlers h;
        xml_handlers_push(x, &h);
        xmlFreeTextWriter(x->w);
        xml_handlers_pop(&h);
    }
    vn_buf_free(&x->attrs);
    vn_buf_free(&x->out);
    free(x);
    r->state = NULL;
}

const vn_rfuncs vn_render_xml_funcs = {xml_begin, xml_doc, xml_end, xml_free};
