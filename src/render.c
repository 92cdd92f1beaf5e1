/* render.c — what every renderer shares (render.h): the output sink, the
 * renderer object and the entry points every format goes through
 * (vnplan_render, vnplan_renderer_*), the non-recursive tree walk, spans
 * rendered and mapped back to the file, number formatting, and the one JSON
 * string writer both JSON outputs use.  The formats themselves live in
 * render_xml.c, render_json.c, render_text.c and render_tsv.c. */
#include "render.h"
#include "xml_errors.h"
#include "i18n.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

void vn_sink_write_through(vn_sink *s, const char *p, size_t n)
{
    vn_sink_flush(s);
    if (n && !s->failed && s->f && fwrite(p, 1, n, s->f) != n) {
        s->failed = true;
        s->errnum = errno ? errno : EIO;
    }
}

vnplan_status vn_output_failed(vn_error *e, int errnum)
{
    return vn_fail(e, VNPLAN_ERR_OUTPUT, "write error: %s", vnplan_errno_text(errnum ? errnum : EIO));
}

vnplan_status vn_sink_finish(vn_sink *s, vn_error *err)
{
    vn_sink_flush(s);
    vn_buf_free(&s->buf);
    return s->failed ? vn_output_failed(err, s->errnum) : VNPLAN_OK;
}

vnplan_status vn_render_sink_status(vnplan_renderer *r)
{
    if (r->err.status != VNPLAN_OK)
        return r->err.status;
    if (r->sink.failed)
        return vn_output_failed(&r->err, r->sink.errnum);
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
    w->oh = (vn_ohint){0, 0};
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
    h->run = vn_offruns_find(t->runs, t->nruns, off);
    return vn_offrun_map(&t->runs[h->run], t->s, off);
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

/* vn_render_span (doc.c), with two shortcuts: the first line is found from
 * the hint (the renderer walks the tree in order) instead of searched, and a
 * span inside one line that needs no collapsing is returned where it stands.
 * The result is the same byte for byte (test_render checks it against
 * vn_render_span on every node of the corpus). */
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
            vn_nothing_to_collapse(t, s.start, s.end)) {
            *len = n;
            return p;
        }
    }
    vn_render_span_from(doc, s, k, out);
    *len = out->len;
    return vn_buf_cstr(out);
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

/* The renderer keeps every buffer it writes with, so that an allocation
 * failure (common.h) leaves nothing behind: the call fails with
 * VNPLAN_ERR_NOMEM, the renderer refuses more documents, and
 * vnplan_renderer_finish frees it. */
static vnplan_renderer *renderer_new(vnplan_format format, unsigned flags, FILE *out)
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

vnplan_renderer *vnplan_renderer_new(vnplan_format format, unsigned flags, FILE *out)
{
    vn_recover rec;
    vn_recover_push(&rec);
    if (setjmp(rec.jb))
        return NULL; /* only the renderer itself was allocated, and it failed */
    vnplan_renderer *r = renderer_new(format, flags, out);
    vn_recover_pop(&rec);
    return r;
}

/* Runs step(r, doc) under a recovery point; false (r->err: out of memory)
 * when memory ran out. */
static bool renderer_step(vnplan_renderer *r, const vnplan_doc *doc,
                          void (*step)(vnplan_renderer *r, const vnplan_doc *doc))
{
    vn_recover rec;
    vn_recover_push(&rec);
    if (setjmp(rec.jb)) {
        vn_fail(&r->err, VNPLAN_ERR_NOMEM, "out of memory");
        return false;
    }
    step(r, doc);
    vn_recover_pop(&rec);
    return true;
}

static void renderer_begin(vnplan_renderer *r)
{
    if (r->begun || r->err.status != VNPLAN_OK)
        return;
    r->begun = true;
    r->fn->begin(r);
}

static void renderer_add(vnplan_renderer *r, const vnplan_doc *doc)
{
    renderer_begin(r);
    if (r->err.status == VNPLAN_OK) {
        r->fn->doc(r, doc);
        r->ndocs++;
    }
}

static void renderer_end(vnplan_renderer *r, const vnplan_doc *unused)
{
    (void)unused;
    renderer_begin(r);
    if (r->err.status == VNPLAN_OK)
        r->fn->end(r);
}

static vnplan_status no_renderer(char *err, size_t errlen)
{
    vn_error e;
    vn_fail(&e, VNPLAN_ERR_USAGE, "no renderer");
    return vn_error_give(&e, err, errlen);
}

vnplan_status vnplan_renderer_add(vnplan_renderer *r, const vnplan_doc *doc, char *err, size_t errlen)
{
    if (!r)
        return no_renderer(err, errlen);
    if (r->err.status == VNPLAN_OK && !doc)
        vn_fail(&r->err, VNPLAN_ERR_USAGE, "no document to render");
    if (r->err.status == VNPLAN_OK)
        renderer_step(r, doc, renderer_add);
    if (r->err.status != VNPLAN_OK)
        return vn_error_give(&r->err, err, errlen);
    return VNPLAN_OK;
}

vnplan_status vnplan_renderer_finish(vnplan_renderer *r, char *err, size_t errlen)
{
    if (!r)
        return no_renderer(err, errlen);
    if (r->err.status == VNPLAN_OK)
        renderer_step(r, NULL, renderer_end);
    if (r->err.status == VNPLAN_OK && r->out) {
        if (fflush(r->out) != 0 || ferror(r->out))
            vn_output_failed(&r->err, errno);
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
        return vn_error_give(&e, err, errlen);
    return VNPLAN_OK;
}

/* One document, under a recovery point (common.h): running out of memory
 * while rendering it returns VNPLAN_ERR_NOMEM instead of aborting.  The
 * renderer half built then stays allocated (its output is incomplete: the
 * caller discards it), and libxml2's handlers, which the XML writer swaps
 * around its calls, are put back as they were. */
vnplan_status vnplan_render(const vnplan_doc *doc, vnplan_format format, unsigned flags, FILE *out,
                            char *err, size_t errlen)
{
    /* each call below is its own recovery point: a failed allocation frees
     * what it built, gives the caller's libxml2 handlers back and says so */
    vnplan_renderer *r = vnplan_renderer_new(format, flags, out);
    if (!r) {
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_NOMEM, "out of memory");
        return vn_error_give(&e, err, errlen);
    }
    r->single = true;
    vnplan_status st = vnplan_renderer_add(r, doc, err, errlen);
    vnplan_status st2 = vnplan_renderer_finish(r, st == VNPLAN_OK ? err : NULL, errlen);
    return st != VNPLAN_OK ? st : st2;
}

/* ======================================================================
 * JSON strings (render_json.c and render_diff_json.c)
 * ====================================================================== */

/* A character a JSON string holds as it is: not a control, '"' or '\\', nor
 * U+2028 and U+2029 (valid JSON, but line ends to JavaScript before ES2019). */
static bool json_as_is(uint32_t cp)
{
    return cp >= 0x20 && cp != '"' && cp != '\\' && cp != 0x2028 && cp != 0x2029;
}

void vn_json_str_n(vn_sink *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    vn_sink_putc(o, '"');
    size_t i = 0, run = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t len = vn_utf8_valid_at(u, n, i, &cp);
        if (len && json_as_is(cp)) {
            i += len;
            continue;
        }
        char esc[8];
        const char *rep = esc;
        size_t replen = 2;
        /* a byte that begins no character is written as U+FFFD (a well-formed
         * U+FFFD is written as it is, above) */
        switch (len ? cp : 0xFFFD) {
        case '"': rep = "\\\""; break;
        case '\\': rep = "\\\\"; break;
        case '\n': rep = "\\n"; break;
        case '\t': rep = "\\t"; break;
        case '\r': rep = "\\r"; break;
        case '\b': rep = "\\b"; break;
        case '\f': rep = "\\f"; break;
        case 0x2028: rep = "\\u2028", replen = 6; break;
        case 0x2029: rep = "\\u2029", replen = 6; break;
        case 0xFFFD: rep = "\\ufffd", replen = 6; break;
        default:
            esc[0] = '\\', esc[1] = 'u', esc[2] = '0', esc[3] = '0';
            esc[4] = hex[cp >> 4], esc[5] = hex[cp & 15];
            replen = 6;
            break;
        }
        vn_sink_put(o, s + run, i - run);
        vn_sink_put(o, rep, replen);
        i += len ? len : 1;
        run = i;
    }
    vn_sink_put(o, s + run, n - run);
    vn_sink_putc(o, '"');
}

void vn_json_str(vn_sink *o, const char *s)
{
    if (s)
        vn_json_str_n(o, s, strlen(s));
    else
        vn_sink_put(o, "null", 4);
}

void vn_json_key(vn_sink *o, const char *key, bool comma)
{
    if (comma)
        vn_sink_put(o, ", ", 2);
    vn_sink_putc(o, '"');
    vn_sink_puts(o, key);
    vn_sink_put(o, "\": ", 3);
}

void vn_json_kv(vn_sink *o, const char *key, const char *v, bool comma)
{
    vn_json_key(o, key, comma);
    vn_json_str(o, v && *v ? v : NULL);
}

void vn_json_ku(vn_sink *o, const char *key, uint64_t v, bool comma)
{
    char buf[24];
    size_t n = vn_fmt_u64(v, buf);
    vn_json_key(o, key, comma);
    vn_sink_put(o, buf, n);
}

void vn_json_span(vn_sink *o, vnplan_span sp)
{
    if (sp.line == 0 && sp.end == 0) {
        vn_sink_put(o, "null", 4);
        return;
    }
    vn_sink_putc(o, '{');
    vn_json_ku(o, "start", sp.start, false);
    vn_json_ku(o, "end", sp.end, true);
    vn_json_ku(o, "line", sp.line, true);
    vn_json_ku(o, "end_line", sp.end_line, true);
    vn_sink_putc(o, '}');
}
