/* render_text.c — the outline a person reads in a terminal (and the spec tests
 * compare byte for byte, so nothing here depends on the terminal: no
 * wrapping, no width).  The exact format is in docs/format.md:
 *
 *     # plan.txt
 *     # type: ke_hoach
 *     # number: 141/KH-UBND
 *
 *     [preamble]
 *       issuer: ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
 *     I. MỤC ĐÍCH, YÊU CẦU  {muc_dich}
 *       1. Mục đích
 *         - Triển khai nghiêm túc, đồng bộ, ...
 *
 * With VNPLAN_RENDER_COLOR headings are bold, annotations cyan, field names
 * dim and targets green (ANSI escapes). */
#include "render.h"

#define TEXT_INDENT_CAP 40

#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_CYAN "\033[36m"
#define C_GREEN "\033[32m"
#define C_RESET "\033[0m"

static void t_color(vnplan_renderer *r, const char *c)
{
    if (r->flags & VNPLAN_RENDER_COLOR)
        vn_sink_puts(&r->sink, c);
}

static void t_indent(vn_sink *o, size_t level)
{
    static const char spaces[] = "                                                                                ";
    if (level > TEXT_INDENT_CAP)
        level = TEXT_INDENT_CAP;
    vn_sink_put(o, spaces, 2 * level);
}

static void t_clean(vn_sink *o, const char *s)
{
    if (s)
        vn_put_clean(o, s, strlen(s));
}

static void t_header(vnplan_renderer *r, const char *key, const char *v)
{
    if (!v || !*v)
        return;
    vn_sink *o = &r->sink;
    t_color(r, C_DIM);
    vn_sink_put(o, "# ", 2);
    vn_sink_puts(o, key);
    vn_sink_put(o, ": ", 2);
    t_clean(o, v);
    t_color(r, C_RESET);
    vn_sink_putc(o, '\n');
}

/* "# key: main (extra)", dim: "?" for a missing main, no parentheses
 * without extra. */
static void t_header_pair(vnplan_renderer *r, const char *key, const char *main, const char *extra)
{
    vn_sink *o = &r->sink;
    t_color(r, C_DIM);
    vn_sink_puts(o, "# ");
    vn_sink_puts(o, key);
    vn_sink_puts(o, ": ");
    t_clean(o, main && *main ? main : "?");
    if (extra && *extra) {
        vn_sink_put(o, " (", 2);
        t_clean(o, extra);
        vn_sink_putc(o, ')');
    }
    t_color(r, C_RESET);
    vn_sink_putc(o, '\n');
}

static void t_meta(vnplan_renderer *r, const vnplan_doc *doc)
{
    vn_sink *o = &r->sink;
    const vn_meta *m = &doc->meta;
    t_color(r, C_DIM);
    vn_sink_put(o, "# ", 2);
    t_clean(o, vn_render_source(doc));
    t_color(r, C_RESET);
    vn_sink_putc(o, '\n');
    t_header(r, "baseline", doc->baseline);
    t_header(r, "baseline title", doc->base_title);
    t_header(r, "type", m->type);
    t_header(r, "number", m->number);
    t_header(r, "date", m->date);
    t_header(r, "place", m->place);
    t_header(r, "issuer", m->issuer);
    t_header(r, "locality", m->locality);
    t_header(r, "level", m->level);
    t_header(r, "title", m->title);
    for (size_t i = 0; m->implements && i < m->nimplements; i++)
        t_header_pair(r, "implements", m->implements[i].number, m->implements[i].date);
    if ((m->signer_name && *m->signer_name) || (m->signer_capacity && *m->signer_capacity))
        t_header_pair(r, "signer", m->signer_name, m->signer_capacity);
    for (size_t i = 0; i < doc->nwarnings; i++)
        t_header(r, "warning", doc->warnings[i]);
}

/* "t4: >= 2.5 %  {pct, 2030, of t1}  indicator" */
static void t_target_body(vnplan_renderer *r, const vnplan_doc *doc, size_t t, bool in_tree)
{
    vn_sink *o = &r->sink;
    const vn_target *tg = &doc->targets[t];
    char idbuf[24], pbuf[24], phbuf[8], num[40];
    t_clean(o, vn_render_target_id(doc, t, idbuf));
    if (in_tree)
        vn_sink_putc(o, ':');
    vn_sink_putc(o, ' ');
    if (tg->qualitative) {
        vn_sink_puts(o, "qualitative");
    } else {
        vn_sink_puts(o, vn_cmp_name((vn_cmp)tg->cmp) ? vn_cmp_name((vn_cmp)tg->cmp) : "=");
        vn_sink_putc(o, ' ');
        size_t n = vn_fmt_double(tg->value, num);
        if (n)
            vn_sink_put(o, num, n);
        else
            vn_sink_putc(o, '?');
    }
    if (tg->unit && *tg->unit) {
        vn_sink_putc(o, ' ');
        t_clean(o, tg->unit);
    }
    const char *parts[5];
    size_t np = 0;
    if (tg->unit_class && *tg->unit_class)
        parts[np++] = tg->unit_class;
    const char *ph = vn_render_phase(tg->phase, phbuf);
    if (ph)
        parts[np++] = ph;
    if (!in_tree && vn_label_name((vn_label)tg->section))
        parts[np++] = vn_label_name((vn_label)tg->section);
    if (tg->confidence && *tg->confidence)
        parts[np++] = tg->confidence;
    bool parent = tg->parent >= 0 && (size_t)tg->parent < doc->ntargets;
    if (np || parent) {
        vn_sink_put(o, "  {", 3);
        for (size_t i = 0; i < np; i++) {
            if (i)
                vn_sink_put(o, ", ", 2);
            t_clean(o, parts[i]);
        }
        if (parent) {
            vn_sink_puts(o, np ? ", of " : "of ");
            t_clean(o, vn_render_target_id(doc, (size_t)tg->parent, pbuf));
        }
        vn_sink_putc(o, '}');
    }
    if (!in_tree) {
        vnplan_span sp = vnplan_target_span(doc, t);
        if (sp.line) {
            char lb[24];
            vn_sink_puts(o, "  line ");
            vn_sink_put(o, lb, vn_fmt_u64(sp.line, lb));
        }
    }
    if (tg->indicator && *tg->indicator) {
        vn_sink_put(o, "  ", 2);
        t_clean(o, tg->indicator);
    }
}

static void t_tree(vnplan_renderer *r, const vnplan_doc *doc)
{
    vn_sink *o = &r->sink;
    vn_render_index_targets(r, doc);
    vn_walk w;
    vn_walk_init(&w, r, doc);
    size_t node, level;
    int ev;
    char buf[8];
    /* the document root is not a line of its own unless it says something */
    bool skip_root = doc->nnodes && doc->nodes[0].kind == VN_KIND_DOCUMENT &&
                     doc->nodes[0].title.end <= doc->nodes[0].title.start &&
                     doc->nodes[0].text.end <= doc->nodes[0].text.start;
    while ((ev = vn_walk_next(&w, &node, &level)) != VN_WALK_DONE) {
        if (ev == VN_WALK_EXIT)
            continue;
        const vn_node *n = &doc->nodes[node];
        size_t ind = skip_root ? (level ? level - 1 : 0) : level;
        uint16_t parent_phase = level ? doc->nodes[r->stack[level - 1].node].phase : VN_PHASE_NONE;
        if (!(skip_root && level == 0)) {
            size_t tlen, xlen, mlen;
            t_indent(o, ind);
            const char *label = vn_render_node_label(n);
            bool heading = n->kind == VN_KIND_SECTION || n->kind == VN_KIND_HEADING || n->kind == VN_KIND_PART;
            if (n->kind == VN_KIND_FIELD) {
                t_color(r, C_DIM);
                vn_sink_puts(o, label ? label : "field");
                vn_sink_putc(o, ':');
                t_color(r, C_RESET);
                const char *s = vn_render_text(r, doc, n->title, n->line_first, &tlen);
                if (tlen) {
                    vn_sink_putc(o, ' ');
                    vn_put_clean(o, s, tlen);
                }
                s = vn_render_node_text_of(r, doc, n, &xlen);
                if (xlen) {
                    vn_sink_putc(o, ' ');
                    vn_put_clean(o, s, xlen);
                }
                vn_sink_putc(o, '\n');
            } else {
                if (heading)
                    t_color(r, C_BOLD);
                bool any = false;
                if (n->kind == VN_KIND_PART) {
                    vn_sink_putc(o, '[');
                    vn_sink_puts(o, label ? label : "part");
                    vn_sink_putc(o, ']');
                    any = true;
                }
                const char *s = vn_render_text(r, doc, n->marker, n->line_first, &mlen);
                if (!mlen)
                    s = vn_render_text(r, doc, n->number, n->line_first, &mlen);
                if (mlen) {
                    if (any)
                        vn_sink_putc(o, ' ');
                    vn_put_clean(o, s, mlen);
                    any = true;
                }
                s = vn_render_text(r, doc, n->title, n->line_first, &tlen);
                bool has_title = tlen > 0;
                if (!has_title)
                    s = vn_render_node_text_of(r, doc, n, &tlen);
                if (tlen) {
                    if (any)
                        vn_sink_putc(o, ' ');
                    vn_put_clean(o, s, tlen);
                    any = true;
                }
                if (!any) {
                    vn_sink_putc(o, '(');
                    vn_sink_puts(o, vn_kind_name((vn_kind)n->kind) ? vn_kind_name((vn_kind)n->kind) : "node");
                    vn_sink_putc(o, ')');
                }
                if (heading)
                    t_color(r, C_RESET);
                const char *ann[2];
                size_t na = 0;
                if (n->kind != VN_KIND_PART && label)
                    ann[na++] = label;
                if (n->phase != parent_phase && n->phase != VN_PHASE_NONE)
                    ann[na++] = vn_render_phase(n->phase, buf);
                if (na) {
                    vn_sink_put(o, "  ", 2);
                    t_color(r, C_CYAN);
                    vn_sink_putc(o, '{');
                    for (size_t i = 0; i < na; i++) {
                        if (i)
                            vn_sink_put(o, ", ", 2);
                        vn_sink_puts(o, ann[i]);
                    }
                    vn_sink_putc(o, '}');
                    t_color(r, C_RESET);
                }
                vn_sink_putc(o, '\n');
                if (has_title) {
                    s = vn_render_node_text_of(r, doc, n, &xlen);
                    if (xlen) {
                        t_indent(o, ind + 1);
                        vn_put_clean(o, s, xlen);
                        vn_sink_putc(o, '\n');
                    }
                }
            }
        }
        for (uint32_t k = r->tfirst[node]; k < r->tfirst[node + 1]; k++) {
            t_indent(o, skip_root && level == 0 ? 0 : ind + 1);
            t_color(r, C_GREEN);
            vn_sink_put(o, "=> ", 3);
            t_target_body(r, doc, r->tlist[k], true);
            t_color(r, C_RESET);
            vn_sink_putc(o, '\n');
        }
    }
}

static vnplan_status text_begin(vnplan_renderer *r) { return vn_render_sink_status(r); }

static vnplan_status text_doc(vnplan_renderer *r, const vnplan_doc *doc)
{
    vn_sink *o = &r->sink;
    if (r->ndocs)
        vn_sink_putc(o, '\n');
    if (r->flags & VNPLAN_RENDER_TARGETS_ONLY) {
        char nb[24];
        t_color(r, C_DIM);
        vn_sink_put(o, "# ", 2);
        t_clean(o, vn_render_source(doc));
        vn_sink_put(o, ": ", 2);
        vn_sink_put(o, nb, vn_fmt_u64(doc->ntargets, nb));
        vn_sink_puts(o, doc->ntargets == 1 ? " target" : " targets");
        t_color(r, C_RESET);
        vn_sink_putc(o, '\n');
        for (size_t t = 0; t < doc->ntargets; t++) {
            t_target_body(r, doc, t, false);
            vn_sink_putc(o, '\n');
        }
        return vn_render_sink_status(r);
    }
    t_meta(r, doc);
    vn_sink_putc(o, '\n');
    t_tree(r, doc);
    for (size_t t = 0; !(r->flags & VNPLAN_RENDER_NO_TARGETS) && t < doc->ntargets; t++) {
        if (vn_render_target_placed(doc, t))
            continue;
        t_color(r, C_GREEN);
        vn_sink_put(o, "=> ", 3);
        t_target_body(r, doc, t, false);
        t_color(r, C_RESET);
        vn_sink_putc(o, '\n');
    }
    return vn_render_sink_status(r);
}

static vnplan_status text_end(vnplan_renderer *r)
{
    vn_sink_flush(&r->sink);
    return vn_render_sink_status(r);
}

const vn_rfuncs vn_render_text_funcs = {text_begin, text_doc, text_end, NULL};
