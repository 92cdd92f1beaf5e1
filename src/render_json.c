/* render_json.c — the JSON output: the same content as the XML (docs/format.md),
 * streamed through the renderer's sink.
 *
 * One document is an object, several are an array of them.  The renderer only
 * learns that a second document follows when it is added, so the first one
 * is held in the sink's buffer until then (vnplan_render, which knows there is
 * one, streams it).  The targets alone (VNPLAN_RENDER_TARGETS_ONLY) are one
 * flat array however many documents there are, each target naming its
 * source. */
#include "render.h"
#include "targets_parts.h"

#include <stdlib.h>

#define JSON_INDENT_CAP 40

typedef struct json_state {
    size_t emitted; /* targets written so far (VNPLAN_RENDER_TARGETS_ONLY) */
} json_state;

/* ---- strings -------------------------------------------------------------------- */

static void json_kv_n(vn_sink *o, const char *key, const char *v, size_t n)
{
    vn_json_key(o, key, true);
    if (n)
        vn_json_str_n(o, v, n);
    else
        vn_sink_put(o, "null", 4);
}

static void json_indent(vn_sink *o, size_t level)
{
    static const char spaces[] = "                                                                                ";
    if (level > JSON_INDENT_CAP)
        level = JSON_INDENT_CAP;
    vn_sink_put(o, spaces, 2 * level);
}

static void json_span(vn_sink *o, vnplan_span sp)
{
    vn_sink_put(o, ", \"span\": ", 10);
    vn_json_span(o, sp);
}

/* ---- targets ------------------------------------------------------------------------ */

/* "parts": what the target measures (grammars/indicators.txt); measure and
 * population are one word each, the others lists. */
static void json_parts(vn_sink *o, const vnplan_doc *doc, const vn_target *tg)
{
    const char *const *parts = vn_target_parts(doc, tg);
    static const bool is_list[VN_PART__COUNT] = {false, false, true, true, true};
    bool any = false;
    for (int p = 0; p < VN_PART__COUNT; p++)
        any = any || parts[p];
    if (!any) /* a target none of whose words indicators.txt knows, or a hand-built tree */
        return;
    vn_sink_put(o, ", \"parts\": {", 12);
    for (int p = 0; p < VN_PART__COUNT; p++) {
        const char *v = parts[p];
        if (!is_list[p]) {
            vn_json_kv(o, vn_part_name(p), v, p > 0);
            continue;
        }
        vn_json_key(o, vn_part_name(p), p > 0);
        vn_sink_putc(o, '[');
        for (const char *a = v; a && *a;) {
            const char *e = strchr(a, VN_PART_SEP);
            size_t n = e ? (size_t)(e - a) : strlen(a);
            if (a != v)
                vn_sink_put(o, ", ", 2);
            vn_json_str_n(o, a, n);
            a += n + (e ? 1 : 0);
        }
        vn_sink_putc(o, ']');
    }
    vn_sink_putc(o, '}');
}

static void json_target(vn_sink *o, const vnplan_doc *doc, size_t t, bool with_source, vn_ohint *h)
{
    const vn_target *tg = &doc->targets[t];
    char idbuf[24], pbuf[24], phbuf[8], num[40];
    vn_sink_putc(o, '{');
    if (with_source) {
        vn_json_kv(o, "source", vn_render_source(doc), false);
        vn_json_kv(o, "id", vn_render_target_id(doc, t, idbuf), true);
    } else {
        vn_json_kv(o, "id", vn_render_target_id(doc, t, idbuf), false);
    }
    vn_json_kv(o, "kind", tg->qualitative ? "qualitative" : "quantified", true);
    vn_json_kv(o, "indicator", tg->indicator, true);
    json_parts(o, doc, tg);
    vn_sink_put(o, ", \"value\": ", 11);
    size_t n = tg->qualitative ? 0 : vn_fmt_double(tg->value, num);
    if (n)
        vn_sink_put(o, num, n);
    else
        vn_sink_put(o, "null", 4);
    vn_json_kv(o, "value_text", tg->qualitative ? NULL : tg->value_text, true);
    /* a range ("từ 30% đến 35%", "200 - 250 người"): its high end */
    if (!tg->qualitative && tg->value_max > tg->value && (n = vn_fmt_double(tg->value_max, num)) > 0) {
        vn_sink_put(o, ", \"value_max\": ", 15);
        vn_sink_put(o, num, n);
    }
    vn_json_kv(o, "unit", tg->unit, true);
    vn_json_kv(o, "unit_class", tg->unit_class, true);
    vn_json_kv(o, "comparator", tg->qualitative ? NULL : vn_cmp_name((vn_cmp)tg->cmp), true);
    vn_json_kv(o, "phase", vn_render_phase(tg->phase, phbuf), true);
    vn_json_kv(o, "section", vn_label_name((vn_label)tg->section), true);
    vn_json_kv(o, "parent",
            tg->parent >= 0 && (size_t)tg->parent < doc->ntargets
                ? vn_render_target_id(doc, (size_t)tg->parent, pbuf)
                : NULL,
            true);
    vn_json_kv(o, "confidence", tg->confidence, true);
    if (tg->name)
        vn_json_kv(o, "name", tg->name, true);
    vn_json_kv(o, "text", tg->text, true);
    json_span(o, vn_render_target_ospan(doc, t, h));
    vn_sink_putc(o, '}');
}

/* ---- a document ---------------------------------------------------------------------- */

static void json_meta(vn_sink *o, const vnplan_doc *doc, size_t lv)
{
    const vn_meta *m = &doc->meta;
    const char *const fields[][2] = {
        {"type", m->type},     {"number", m->number}, {"date", m->date},
        {"place", m->place},   {"issuer", m->issuer}, {"locality", m->locality},
        {"level", m->level},   {"title", m->title},
    };
    vn_sink_put(o, "{\n", 2);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        json_indent(o, lv + 1);
        vn_json_kv(o, fields[i][0], fields[i][1], false);
        vn_sink_put(o, ",\n", 2);
    }
    json_indent(o, lv + 1);
    vn_sink_puts(o, "\"implements\": [");
    size_t nimp = m->implements ? m->nimplements : 0;
    for (size_t i = 0; i < nimp; i++) {
        const vn_ref *ref = &m->implements[i];
        vn_sink_put(o, i ? ",\n" : "\n", i ? 2 : 1);
        json_indent(o, lv + 2);
        vn_sink_putc(o, '{');
        vn_json_kv(o, "number", ref->number, false);
        vn_json_kv(o, "date", ref->date, true);
        vn_json_kv(o, "kind", ref->kind, true);
        vn_sink_putc(o, '}');
    }
    if (nimp) {
        vn_sink_putc(o, '\n');
        json_indent(o, lv + 1);
    }
    vn_sink_put(o, "],\n", 3);
    json_indent(o, lv + 1);
    vn_sink_puts(o, "\"signer\": {");
    vn_json_kv(o, "name", m->signer_name, false);
    vn_json_kv(o, "capacity", m->signer_capacity, true);
    vn_sink_put(o, "}\n", 2);
    json_indent(o, lv);
    vn_sink_putc(o, '}');
}

static void json_tree(vnplan_renderer *r, const vnplan_doc *doc, size_t lv)
{
    vn_sink *o = &r->sink;
    if (doc->nnodes == 0 || !doc->nodes) {
        vn_sink_put(o, "null", 4);
        return;
    }
    vn_walk w;
    vn_walk_init(&w, r, doc);
    size_t node, level;
    int ev;
    while ((ev = vn_walk_next(&w, &node, &level)) != VN_WALK_DONE) {
        if (ev == VN_WALK_EXIT) {
            if (r->stack[level].user) {
                vn_sink_putc(o, '\n');
                json_indent(o, lv + level);
            }
            vn_sink_put(o, "]}", 2);
            continue;
        }
        if (level > 0) {
            vn_wentry *parent = &r->stack[level - 1];
            vn_sink_put(o, parent->user ? ",\n" : "\n", parent->user ? 2 : 1);
            parent->user = 1;
            json_indent(o, lv + level);
        }
        const vn_node *n = &doc->nodes[node];
        const char *kind = vn_kind_name((vn_kind)n->kind);
        vn_sink_putc(o, '{');
        vn_json_kv(o, "kind", kind ? kind : "paragraph", false);
        vn_json_kv(o, "label", vn_render_node_label(n), true);
        vn_json_kv(o, "style", vn_style_name((vn_style)n->style), true);
        size_t len;
        const char *s = vn_render_text(r, doc, n->marker, n->line_first, &len);
        json_kv_n(o, "marker", s, len);
        s = vn_render_text(r, doc, n->number, n->line_first, &len);
        json_kv_n(o, "number", s, len);
        s = vn_render_text(r, doc, n->title, n->line_first, &len);
        json_kv_n(o, "title", s, len);
        s = vn_render_node_text_of(r, doc, n, &len);
        json_kv_n(o, "text", s, len);
        char phase[8];
        vn_json_kv(o, "phase", vn_render_phase(n->phase, phase), true);
        json_span(o, vn_render_node_ospan(doc, node, &w.oh));
        if (vn_render_ntargets_of(r, node)) {
            vn_sink_put(o, ", \"targets\": [", 14);
            for (uint32_t k = r->tfirst[node]; k < r->tfirst[node + 1]; k++) {
                if (k > r->tfirst[node])
                    vn_sink_put(o, ", ", 2);
                json_target(o, doc, r->tlist[k], false, &w.oh);
            }
            vn_sink_putc(o, ']');
        }
        vn_sink_put(o, ", \"children\": [", 15);
    }
}

static void json_document(vnplan_renderer *r, const vnplan_doc *doc, size_t lv)
{
    vn_sink *o = &r->sink;
    vn_sink_put(o, "{\n", 2);
    json_indent(o, lv + 1);
    if (doc->from_xml) {
        vn_json_kv(o, "source", doc->source, false);
        vn_sink_put(o, ",\n", 2);
        json_indent(o, lv + 1);
        vn_json_kv(o, "encoding", doc->source_encoding, false);
    } else {
        vn_json_kv(o, "source", doc->name, false);
        vn_sink_put(o, ",\n", 2);
        json_indent(o, lv + 1);
        vn_json_kv(o, "encoding", vnplan_doc_encoding(doc), false);
    }
    vn_sink_put(o, ",\n", 2);
    json_indent(o, lv + 1);
    vn_json_kv(o, "baseline", doc->baseline, false);
    vn_sink_put(o, ",\n", 2);
    json_indent(o, lv + 1);
    vn_json_kv(o, "title", doc->base_title, false);
    vn_sink_put(o, ",\n", 2);
    json_indent(o, lv + 1);
    vn_sink_put(o, "\"meta\": ", 8);
    json_meta(o, doc, lv + 1);
    vn_sink_put(o, ",\n", 2);
    json_indent(o, lv + 1);
    vn_sink_puts(o, "\"warnings\": [");
    for (size_t i = 0; i < doc->nwarnings; i++) {
        vn_sink_put(o, i ? ",\n" : "\n", i ? 2 : 1);
        json_indent(o, lv + 2);
        vn_json_str(o, doc->warnings[i]);
    }
    if (doc->nwarnings) {
        vn_sink_putc(o, '\n');
        json_indent(o, lv + 1);
    }
    vn_sink_put(o, "],\n", 3);
    json_indent(o, lv + 1);
    vn_sink_put(o, "\"tree\": ", 8);
    vn_render_index_targets(r, doc);
    json_tree(r, doc, lv + 1);
    if (!(r->flags & VNPLAN_RENDER_NO_TARGETS)) {
        vn_sink_put(o, ",\n", 2);
        json_indent(o, lv + 1);
        vn_sink_puts(o, "\"targets\": [");
        vn_ohint oh = {0, 0};
        for (size_t t = 0; t < doc->ntargets; t++) {
            vn_sink_put(o, t ? ",\n" : "\n", t ? 2 : 1);
            json_indent(o, lv + 2);
            json_target(o, doc, t, false, &oh);
        }
        if (doc->ntargets) {
            vn_sink_putc(o, '\n');
            json_indent(o, lv + 1);
        }
        vn_sink_putc(o, ']');
    }
    vn_sink_putc(o, '\n');
    json_indent(o, lv);
    vn_sink_putc(o, '}');
}

/* ---- the stream ------------------------------------------------------------------------ */

static vnplan_status json_begin(vnplan_renderer *r)
{
    r->state = vn_xcalloc(1, sizeof(json_state));
    if (r->flags & VNPLAN_RENDER_TARGETS_ONLY)
        vn_sink_putc(&r->sink, '[');
    return vn_render_sink_status(r);
}

static vnplan_status json_doc(vnplan_renderer *r, const vnplan_doc *doc)
{
    vn_sink *o = &r->sink;
    json_state *js = r->state;
    if (r->flags & VNPLAN_RENDER_TARGETS_ONLY) {
        vn_ohint oh = {0, 0};
        for (size_t t = 0; t < doc->ntargets; t++) {
            vn_sink_put(o, js->emitted ? ",\n  " : "\n  ", js->emitted ? 4 : 3);
            json_target(o, doc, t, true, &oh);
            js->emitted++;
        }
        return vn_render_sink_status(r);
    }
    if (r->ndocs == 0) {
        /* hold the first document until we know whether it is alone */
        o->hold = !r->single;
        json_document(r, doc, 0);
    } else {
        if (r->ndocs == 1) {
            /* a second document: the first one becomes an array's element */
            vn_buf arr = {0};
            vn_buf_reserve(&arr, o->buf.len + 2); /* the one allocation: failing, it leaves the sink whole */
            vn_buf_put(&arr, "[\n", 2);
            vn_buf_put(&arr, o->buf.data, o->buf.len);
            vn_buf_free(&o->buf);
            o->buf = arr;
            o->hold = false;
        }
        vn_sink_put(o, ",\n", 2);
        json_document(r, doc, 0);
    }
    return vn_render_sink_status(r);
}

static vnplan_status json_end(vnplan_renderer *r)
{
    vn_sink *o = &r->sink;
    json_state *js = r->state;
    o->hold = false;
    if (r->flags & VNPLAN_RENDER_TARGETS_ONLY)
        vn_sink_puts(o, js->emitted ? "\n]\n" : "]\n");
    else if (r->ndocs == 0)
        vn_sink_put(o, "[]\n", 3);
    else if (r->ndocs == 1)
        vn_sink_putc(o, '\n');
    else
        vn_sink_put(o, "\n]\n", 3);
    vn_sink_flush(o);
    return vn_render_sink_status(r);
}

static void json_free(vnplan_renderer *r)
{
    free(r->state);
    r->state = NULL;
}

const vn_rfuncs vn_render_json_funcs = {json_begin, json_doc, json_end, json_free};
