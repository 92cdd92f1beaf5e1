/* render_tsv.c — the targets as a table (vnplan targets --format tsv|csv):
 * one header row, then one row per target of every document, columns
 *
 *     id section phase comparator value unit unit_class parent indicator text
 *     line confidence source
 *
 * TSV fields never contain a TAB or a line break (they become spaces); CSV
 * follows RFC 4180 (fields with a comma, quote or line break are quoted,
 * quotes doubled).  Both are valid UTF-8 whatever the document holds. */
#include "render.h"

static const char *const columns[] = {
    "id",     "section", "phase",     "comparator", "value",      "unit",   "unit_class",
    "parent", "indicator", "text",    "line",       "confidence", "source",
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

static bool is_csv(const vnplan_renderer *r) { return r->format == VNPLAN_FORMAT_CSV; }

static void csv_field(vn_sink *o, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        vn_put_clean(o, s, n);
        return;
    }
    vn_sink_putc(o, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            vn_put_clean(o, s + run, i + 1 - run);
            vn_sink_putc(o, '"');
            run = i + 1;
        }
    }
    vn_put_clean(o, s + run, n - run);
    vn_sink_putc(o, '"');
}

static void field(vnplan_renderer *r, size_t col, const char *s)
{
    vn_sink *o = &r->sink;
    if (col)
        vn_sink_putc(o, is_csv(r) ? ',' : '\t');
    if (!s || !*s)
        return;
    if (is_csv(r))
        csv_field(o, s, strlen(s));
    else
        vn_put_clean(o, s, strlen(s));
}

static vnplan_status tsv_begin(vnplan_renderer *r)
{
    for (size_t c = 0; c < NCOLUMNS; c++)
        field(r, c, columns[c]);
    vn_sink_putc(&r->sink, '\n');
    return vn_render_sink_status(r);
}

static vnplan_status tsv_doc(vnplan_renderer *r, const vnplan_doc *doc)
{
    const char *source = vn_render_source(doc);
    for (size_t t = 0; t < doc->ntargets; t++) {
        const vn_target *tg = &doc->targets[t];
        char idbuf[24], pbuf[24], phbuf[8], num[40], lb[24];
        vnplan_span sp = vnplan_target_span(doc, t);
        if (sp.line)
            vn_fmt_u64(sp.line, lb);
        else
            lb[0] = '\0';
        if (tg->qualitative || !vn_fmt_double(tg->value, num))
            num[0] = '\0';
        size_t c = 0;
        field(r, c++, vn_render_target_id(doc, t, idbuf));
        field(r, c++, vn_label_name((vn_label)tg->section));
        field(r, c++, vn_render_phase(tg->phase, phbuf));
        field(r, c++, tg->qualitative ? NULL : vn_cmp_name((vn_cmp)tg->cmp));
        field(r, c++, num);
        field(r, c++, tg->unit);
        field(r, c++, tg->unit_class);
        field(r, c++, tg->parent >= 0 && (size_t)tg->parent < doc->ntargets
                          ? vn_render_target_id(doc, (size_t)tg->parent, pbuf)
                          : NULL);
        field(r, c++, tg->indicator);
        field(r, c++, tg->text);
        field(r, c++, lb);
        field(r, c++, tg->confidence);
        field(r, c++, source);
        vn_sink_putc(&r->sink, '\n');
    }
    return vn_render_sink_status(r);
}

static vnplan_status tsv_end(vnplan_renderer *r)
{
    vn_sink_flush(&r->sink);
    return vn_render_sink_status(r);
}

const vn_rfuncs vn_render_tsv_funcs = {tsv_begin, tsv_doc, tsv_end, NULL};
