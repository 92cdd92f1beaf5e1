/* render_diff_text.c — the diff report for a terminal, the helpers the diff
 * reports share, and the dispatcher of vnplan_diff_render(_many).
 *
 *     vnplan diff: plan.txt
 *       plan:      Kế hoạch, Ủy ban nhân dân tỉnh Lạng Sơn (implements 1002/QĐ-TTg)
 *       baseline:  1002/QĐ-TTg — Quyết định 1002/QĐ-TTg phê duyệt Đề án ...
 *       27 baseline targets: 6 adopted, 5 changed, 16 missing; 7 added by the plan
 *
 *     TARGETS
 *       adopted  stem_share_2030       = 35 %  (2030)
 *                plan, line 85: Tỷ lệ học sinh tốt nghiệp ...
 *       changed  ict_grads_2030        = 80.000 người/năm  (2030)
 *                value 80.000 → 250 (localized); comparator = → ≥ (stricter)
 *     ...
 *
 * Colour (ANSI) only with VNPLAN_RENDER_COLOR, which the CLI sets when
 * standard output is a terminal.  Several plans end with a summary: a row
 * per baseline target, a column per plan. */
#include "compare.h"
#include "match.h"
#include "render.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- shared helpers ----------------------------------------------------------------- */

void vn_diff_summary(const vnplan_diff *d, vn_dsum *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        if (f->status == VN_FS_ADOPTED)
            s->adopted++;
        else if (f->status == VN_FS_CHANGED)
            s->changed++;
        else
            s->missing++;
        if (f->unverified)
            s->unverified++;
    }
    s->added = d->nadded;
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        if (q->base >= 0 && q->plan >= 0)
            s->qual_matched++;
        else if (q->base >= 0)
            s->qual_missing++;
        else
            s->qual_added++;
    }
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        if (g->base >= 0 && g->plan >= 0)
            s->groups_covered++;
        else if (g->base >= 0)
            s->groups_missing++;
        else
            s->groups_plan_only++;
    }
}

const char *vn_diff_cmp_symbol(int cmp)
{
    switch (cmp) {
    case VN_CMP_EQ: return "=";
    case VN_CMP_GE: return "≥";
    case VN_CMP_GT: return ">";
    case VN_CMP_LE: return "≤";
    case VN_CMP_LT: return "<";
    case VN_CMP_APPROX: return "≈";
    default: return "?";
    }
}

static void put_value(const vn_target *t, vn_buf *out)
{
    if (t->value_text && *t->value_text) {
        vn_buf_puts(out, t->value_text);
    } else {
        char num[40];
        vn_fmt_double(t->value, num);
        vn_buf_puts(out, num);
    }
}

void vn_diff_target_value(const vn_target *t, vn_buf *out)
{
    if (t->qualitative) {
        vn_buf_puts(out, "qualitative");
        return;
    }
    vn_buf_puts(out, vn_diff_cmp_symbol(t->cmp));
    vn_buf_putc(out, ' ');
    put_value(t, out);
    if (t->value_max > t->value) {
        char num[40];
        vn_fmt_double(t->value_max, num);
        vn_buf_puts(out, " - ");
        vn_buf_puts(out, num);
    }
    if (t->unit && *t->unit) {
        if (strcmp(t->unit, "%") != 0)
            vn_buf_putc(out, ' ');
        vn_buf_puts(out, t->unit);
    }
}

const char *vn_diff_phase(uint16_t phase, char *buf)
{
    const char *p = vn_render_phase(phase, buf);
    return p ? p : "";
}

const char *vn_diff_base_decision(const vnplan_doc *base)
{
    if (base->baseline)
        return base->baseline;
    if (base->meta.type && strcmp(base->meta.type, "quyet_dinh") == 0)
        return base->meta.number;
    return NULL;
}

static const char *base_name_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void vn_diff_doc_short(const vnplan_doc *doc, vn_buf *out)
{
    const char *dec = vn_diff_base_decision(doc);
    if (doc->baseline && dec) {
        vn_buf_puts(out, dec);
        return;
    }
    if (doc->meta.locality) {
        vn_buf_puts(out, doc->meta.locality);
        if (doc->meta.number) {
            vn_buf_putc(out, ' ');
            vn_buf_puts(out, doc->meta.number);
        }
        return;
    }
    if (doc->meta.number) {
        vn_buf_puts(out, doc->meta.number);
        return;
    }
    vn_buf_puts(out, base_name_of(doc->name ? doc->name : "-"));
}

static const char *type_words(const char *type)
{
    if (!type)
        return NULL;
    if (!strcmp(type, "ke_hoach"))
        return "Kế hoạch";
    if (!strcmp(type, "quyet_dinh"))
        return "Quyết định";
    if (!strcmp(type, "nghi_quyet"))
        return "Nghị quyết";
    if (!strcmp(type, "chi_thi"))
        return "Chỉ thị";
    if (!strcmp(type, "cong_van"))
        return "Công văn";
    return type;
}

void vn_diff_doc_long(const vnplan_doc *doc, vn_buf *out)
{
    if (doc->base_title) {
        vn_buf_puts(out, doc->base_title);
        return;
    }
    const char *tw = type_words(doc->meta.type);
    size_t start = out->len;
    if (tw)
        vn_buf_puts(out, tw);
    if (doc->meta.number) {
        vn_buf_puts(out, out->len > start ? " số " : "Số ");
        vn_buf_puts(out, doc->meta.number);
    }
    if (doc->meta.issuer) {
        if (out->len > start)
            vn_buf_puts(out, ", ");
        vn_buf_puts(out, doc->meta.issuer);
    } else if (doc->meta.locality) {
        if (out->len > start)
            vn_buf_puts(out, ", ");
        vn_buf_puts(out, doc->meta.locality);
    }
    if (doc->meta.date) {
        vn_buf_puts(out, out->len > start ? ", " : "");
        vn_buf_puts(out, doc->meta.date);
    }
    if (out->len == start)
        vn_buf_puts(out, doc->meta.title ? doc->meta.title : base_name_of(doc->name ? doc->name : "-"));
}

void vn_diff_node_heading(const vnplan_doc *doc, int32_t node, vn_buf *out)
{
    if (node < 0 || (size_t)node >= doc->nnodes)
        return;
    const vn_node *n = &doc->nodes[node];
    size_t start = out->len;
    if (n->marker.end > n->marker.start) {
        vn_render_span(doc, n->marker, out);
        vn_buf_putc(out, ' ');
    }
    if (n->title.end > n->title.start) {
        vn_render_span(doc, n->title, out);
    } else {
        size_t before = out->len;
        vn_render_node_text(doc, n, out);
        if (out->len - before > 160) { /* the start of a long text, cut at a character */
            size_t cut = before + 150;
            while (cut > before && ((unsigned char)out->data[cut] & 0xC0) == 0x80)
                cut--;
            out->len = cut;
            vn_buf_puts(out, "…");
        }
    }
    if (out->len == start)
        vn_buf_puts(out, "(untitled)");
    vn_buf_cstr(out);
}

size_t vn_diff_target_line(const vnplan_doc *doc, size_t t)
{
    if (t >= doc->ntargets)
        return 0;
    if (doc->from_xml)
        return doc->target_ospans ? doc->target_ospans[t].line : 0;
    return vn_line_of(doc, doc->targets[t].span.start) + 1;
}

static void change_values(const vnplan_diff *d, const vn_finding *f, const vn_change *c, vn_buf *out)
{
    const vn_target *b = &d->base->targets[f->base], *t = &d->plan->targets[f->plan];
    char p1[8], p2[8];
    switch ((vn_chg_what)c->what) {
    case VN_CHG_VALUE:
        put_value(b, out);
        vn_buf_puts(out, " → ");
        put_value(t, out);
        break;
    case VN_CHG_COMPARATOR:
        vn_buf_puts(out, vn_diff_cmp_symbol(b->cmp));
        vn_buf_puts(out, " → ");
        vn_buf_puts(out, vn_diff_cmp_symbol(t->cmp));
        break;
    case VN_CHG_PHASE:
        vn_buf_puts(out, vn_diff_phase(b->phase, p1));
        vn_buf_puts(out, " → ");
        vn_buf_puts(out, vn_diff_phase(t->phase, p2));
        break;
    case VN_CHG_UNIT:
        vn_buf_puts(out, b->unit_class ? b->unit_class : "?");
        vn_buf_puts(out, " → ");
        vn_buf_puts(out, t->unit_class ? t->unit_class : "?");
        break;
    default:
        break;
    }
}

void vn_diff_change_text(const vnplan_diff *d, const vn_finding *f, const vn_change *c, vn_buf *out)
{
    vn_buf_puts(out, vn_chg_name((vn_chg_what)c->what));
    vn_buf_putc(out, ' ');
    change_values(d, f, c, out);
    const char *dir = vn_dir_name((vn_dir)c->dir);
    if (dir) {
        vn_buf_puts(out, " (");
        vn_buf_puts(out, dir);
        vn_buf_putc(out, ')');
    }
}

/* ---- highlights -------------------------------------------------------------------------- */

static bool is_num_char(char c) { return vn_is_digit(c) || c == '.' || c == ','; }

static void hl_push(vn_hl *out, size_t *n, size_t max, size_t a, size_t b, int kind)
{
    if (*n < max && b > a) {
        out[*n].a = a;
        out[*n].b = b;
        out[*n].kind = kind;
        (*n)++;
    }
}

void vn_hl_words_init(vn_hl_words *w, const vnplan_grammar *g)
{
    memset(w, 0, sizeof *w);
    vn_error e;
    if (!g)
        return;
    if (vn_phrases_load(&w->before, g, "comparators.txt", "before", false, &e) != VNPLAN_OK ||
        vn_phrases_load(&w->after, g, "comparators.txt", "after", false, &e) != VNPLAN_OK) {
        vn_phrases_free(&w->before);
        vn_phrases_free(&w->after);
        memset(w, 0, sizeof *w);
        return;
    }
    w->ok = true;
}

void vn_hl_words_free(vn_hl_words *w)
{
    if (w->ok) {
        vn_phrases_free(&w->before);
        vn_phrases_free(&w->after);
    }
    memset(w, 0, sizeof *w);
}

/* The longest plain phrase that the folded text f[0..n) ends with, at a word
 * boundary; its folded length, or 0. */
static size_t ends_with_phrase(const vn_phrases *p, const char *f, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; i < p->n; i++) {
        const vn_phrase *e = &p->v[i];
        if (e->re || !e->len || e->len > n || e->len <= best)
            continue;
        if (memcmp(f + n - e->len, e->text, e->len) != 0)
            continue;
        if (n > e->len && !vn_is_space(f[n - e->len - 1]) && f[n - e->len - 1] != ',' && f[n - e->len - 1] != '(')
            continue;
        best = e->len;
    }
    return best;
}

static size_t starts_with_phrase(const vn_phrases *p, const char *f, size_t n)
{
    size_t best = 0;
    for (size_t i = 0; i < p->n; i++) {
        const vn_phrase *e = &p->v[i];
        if (e->re || !e->len || e->len > n || e->len <= best)
            continue;
        if (memcmp(f, e->text, e->len) != 0)
            continue;
        if (e->len < n && !vn_is_space(f[e->len]) && f[e->len] != ',' && f[e->len] != '.' && f[e->len] != ';')
            continue;
        best = e->len;
    }
    return best;
}

size_t vn_diff_highlights(const vn_hl_words *w, const vn_target *t, vn_hl *out, size_t max)
{
    size_t n = 0;
    const char *s = t->text;
    if (!s || t->qualitative || !t->value_text || !*t->value_text)
        return 0;
    size_t len = strlen(s), vl = strlen(t->value_text);
    /* the value: the occurrence nearest to where the sentence's span puts it */
    size_t rel = t->value_span.end > t->value_span.start && t->value_span.start >= t->span.start
                     ? t->value_span.start - t->span.start
                     : 0;
    size_t best = SIZE_MAX, best_d = SIZE_MAX;
    for (const char *p = s; (p = strstr(p, t->value_text)) != NULL; p++) {
        size_t a = (size_t)(p - s), b = a + vl;
        if ((a > 0 && is_num_char(s[a - 1]) && vn_is_digit(s[a - 1])) || (b < len && vn_is_digit(s[b])) ||
            (b + 1 < len && (s[b] == '.' || s[b] == ',') && vn_is_digit(s[b + 1])))
            continue;
        size_t d = a > rel ? a - rel : rel - a;
        if (d < best_d) {
            best_d = d;
            best = a;
        }
    }
    if (best == SIZE_MAX)
        return 0;
    size_t va = best, vb = best + vl;
    hl_push(out, &n, max, va, vb, VN_HL_VALUE);
    /* the unit, as written, right after the value */
    size_t ua = vb;
    while (ua < len && s[ua] == ' ')
        ua++;
    size_t ue = vb;
    if (t->unit && *t->unit && strncmp(s + ua, t->unit, strlen(t->unit)) == 0) {
        ue = ua + strlen(t->unit);
        hl_push(out, &n, max, ua, ue, VN_HL_UNIT);
    }
    if (!w || !w->ok)
        return n;
    /* comparator words before the value: the nearest phrase, then one more */
    vn_buf f = {0};
    vn_u32s map = {0};
    vn_fold(s, va, VN_FOLD_KEY, &f, &map);
    size_t fend = f.len;
    size_t cmp_a = SIZE_MAX, cmp_b = 0;
    for (int round = 0; round < 2; round++) {
        while (fend > 0 && vn_is_space(f.data[fend - 1]))
            fend--;
        size_t pl = ends_with_phrase(&w->before, f.data ? f.data : "", fend);
        if (!pl)
            break;
        size_t a = map.v[fend - pl], b = fend < map.len ? map.v[fend] : va;
        if (b > va)
            b = va;
        if (cmp_a == SIZE_MAX) {
            cmp_a = a;
            cmp_b = b;
        } else {
            cmp_a = a;
        }
        fend -= pl;
    }
    if (cmp_a != SIZE_MAX)
        hl_push(out, &n, max, cmp_a, cmp_b, VN_HL_CMP);
    /* comparator words after the unit: "trở lên" */
    vn_buf_clear(&f);
    map.len = 0;
    size_t aa = ue;
    while (aa < len && s[aa] == ' ')
        aa++;
    vn_fold(s + aa, len - aa, VN_FOLD_KEY, &f, &map);
    size_t al = f.len ? starts_with_phrase(&w->after, f.data, f.len) : 0;
    if (al)
        hl_push(out, &n, max, aa, aa + (al < map.len ? map.v[al] : len - aa), VN_HL_CMP);
    vn_buf_free(&f);
    free(map.v);
    return n;
}

/* ---- matrices ------------------------------------------------------------------------------ */

size_t vn_diff_matrix_rows(const vnplan_diff *const *diffs, size_t n, const char ***ids)
{
    size_t nr = 0, cap = 0;
    const char **v = NULL;
    for (size_t k = 0; k < n; k++) {
        const vnplan_diff *d = diffs[k];
        if (!d)
            continue;
        for (size_t i = 0; i < d->nfindings; i++) {
            const char *id = d->base->targets[d->findings[i].base].id;
            if (!id)
                continue;
            bool seen = false;
            for (size_t r = 0; r < nr && !seen; r++)
                seen = strcmp(v[r], id) == 0;
            if (!seen)
                VN_PUSH(v, nr, cap) = id;
        }
    }
    *ids = v;
    return nr;
}

const char *vn_diff_status_of(const vnplan_diff *d, const char *id, size_t *finding)
{
    for (size_t i = 0; d && i < d->nfindings; i++) {
        const char *x = d->base->targets[d->findings[i].base].id;
        if (x && strcmp(x, id) == 0) {
            if (finding)
                *finding = i;
            return vn_fstatus_name((vn_fstatus)d->findings[i].status);
        }
    }
    return NULL;
}

/* ---- the terminal report ---------------------------------------------------------------------- */

#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_BLUE "\033[34m"
#define C_MAGENTA "\033[35m"
#define C_CYAN "\033[36m"
#define C_RESET "\033[0m"

typedef struct tx {
    vn_sink o;
    bool color;
    vn_buf tmp;
} tx;

static void tx_c(tx *x, const char *c)
{
    if (x->color)
        vn_sink_puts(&x->o, c);
}

static void tx_s(tx *x, const char *s)
{
    if (s)
        vn_put_clean(&x->o, s, strlen(s));
}

static void tx_buf(tx *x, vn_buf *b)
{
    if (b->len)
        vn_put_clean(&x->o, b->data, b->len);
}

static const char *status_color(const char *st)
{
    if (!strcmp(st, "adopted"))
        return C_GREEN;
    if (!strcmp(st, "changed"))
        return C_YELLOW;
    if (!strcmp(st, "missing"))
        return C_RED;
    return C_CYAN;
}

/* Pads a column to `width`; a value as wide or wider still gets one space. */
static void tx_pad(tx *x, size_t used, size_t width)
{
    if (used >= width)
        vn_sink_putc(&x->o, ' ');
    for (size_t i = used; i < width; i++)
        vn_sink_putc(&x->o, ' ');
}

static void tx_status(tx *x, const char *st)
{
    tx_c(x, status_color(st));
    tx_s(x, st);
    tx_c(x, C_RESET);
    tx_pad(x, strlen(st), 9);
}

static void tx_target_line(tx *x, const vnplan_doc *doc, size_t t, const char *lead)
{
    const vn_target *tg = &doc->targets[t];
    size_t line = vn_diff_target_line(doc, t);
    vn_sink_puts(&x->o, "           ");
    tx_c(x, C_DIM);
    tx_s(x, lead);
    if (line) {
        char num[24];
        vn_fmt_u64(line, num);
        vn_sink_puts(&x->o, ", line ");
        vn_sink_puts(&x->o, num);
    }
    vn_sink_puts(&x->o, ": ");
    tx_c(x, C_RESET);
    tx_s(x, tg->text ? tg->text : tg->indicator);
    vn_sink_putc(&x->o, '\n');
}

static void tx_heading(tx *x, const char *h)
{
    vn_sink_putc(&x->o, '\n');
    tx_c(x, C_BOLD);
    tx_s(x, h);
    tx_c(x, C_RESET);
    vn_sink_putc(&x->o, '\n');
}

static void tx_target_brief(tx *x, const vn_target *t)
{
    char ph[8];
    vn_buf_clear(&x->tmp);
    vn_diff_target_value(t, &x->tmp);
    tx_buf(x, &x->tmp);
    const char *p = vn_diff_phase(t->phase, ph);
    if (*p) {
        vn_sink_puts(&x->o, "  (");
        vn_sink_puts(&x->o, p);
        vn_sink_putc(&x->o, ')');
    }
}

static void tx_one(tx *x, const vnplan_diff *d)
{
    vn_dsum s;
    vn_diff_summary(d, &s);
    char num[24];
    tx_c(x, C_BOLD);
    vn_sink_puts(&x->o, "vnplan diff: ");
    tx_s(x, d->plan->name && strcmp(d->plan->name, "-") ? d->plan->name : "standard input");
    tx_c(x, C_RESET);
    vn_sink_putc(&x->o, '\n');
    vn_sink_puts(&x->o, "  plan:      ");
    vn_buf_clear(&x->tmp);
    vn_diff_doc_long(d->plan, &x->tmp);
    tx_buf(x, &x->tmp);
    if (d->plan->meta.nimplements) {
        vn_sink_puts(&x->o, " (implements ");
        tx_s(x, d->plan->meta.implements[0].number);
        vn_sink_putc(&x->o, ')');
    }
    vn_sink_puts(&x->o, "\n  baseline:  ");
    const char *dec = vn_diff_base_decision(d->base);
    if (dec) {
        tx_s(x, dec);
        vn_sink_puts(&x->o, " — ");
    }
    vn_buf_clear(&x->tmp);
    vn_diff_doc_long(d->base, &x->tmp);
    tx_buf(x, &x->tmp);
    if (d->base->baseline) {
        vn_sink_puts(&x->o, " [bundled]");
    } else {
        vn_sink_puts(&x->o, " [");
        tx_s(x, d->base->name);
        vn_sink_putc(&x->o, ']');
    }
    vn_sink_puts(&x->o, "\n  ");
    vn_fmt_u64(d->nfindings, num);
    vn_sink_puts(&x->o, num);
    vn_sink_puts(&x->o, " baseline targets: ");
    static const char *const labels[] = {"adopted", "changed", "missing"};
    size_t counts[] = {s.adopted, s.changed, s.missing};
    for (int k = 0; k < 3; k++) {
        vn_fmt_u64(counts[k], num);
        if (k)
            vn_sink_puts(&x->o, ", ");
        tx_c(x, status_color(labels[k]));
        vn_sink_puts(&x->o, num);
        vn_sink_putc(&x->o, ' ');
        vn_sink_puts(&x->o, labels[k]);
        tx_c(x, C_RESET);
    }
    vn_fmt_u64(s.added, num);
    vn_sink_puts(&x->o, "; ");
    tx_c(x, C_CYAN);
    vn_sink_puts(&x->o, num);
    vn_sink_puts(&x->o, " added");
    tx_c(x, C_RESET);
    vn_sink_puts(&x->o, " by the plan");
    if (s.unverified) {
        vn_fmt_u64(s.unverified, num);
        vn_sink_puts(&x->o, "; ");
        tx_c(x, C_MAGENTA);
        vn_sink_puts(&x->o, num);
        vn_sink_puts(&x->o, " unverified");
        tx_c(x, C_RESET);
        vn_sink_puts(&x->o, " (resting on baseline figures that are not confirmed)");
    }
    vn_sink_putc(&x->o, '\n');

    tx_heading(x, "TARGETS");
    if (!d->nfindings)
        vn_sink_puts(&x->o, "  (the baseline states no quantified target)\n");
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const vn_target *b = &d->base->targets[f->base];
        const char *st = vn_fstatus_name((vn_fstatus)f->status);
        vn_sink_puts(&x->o, "  ");
        tx_status(x, st);
        tx_c(x, C_BOLD);
        tx_s(x, b->id ? b->id : "?");
        tx_c(x, C_RESET);
        tx_pad(x, b->id ? vn_utf8_count(b->id, strlen(b->id)) : 1, 27);
        tx_target_brief(x, b);
        if (f->unverified) {
            tx_c(x, C_MAGENTA);
            vn_sink_puts(&x->o, "  [unverified: ");
            tx_s(x, b->confidence);
            vn_sink_putc(&x->o, ']');
            tx_c(x, C_RESET);
        }
        vn_sink_puts(&x->o, "  ");
        tx_c(x, C_DIM);
        vn_sink_puts(&x->o, "confidence ");
        snprintf(num, sizeof num, "%.2f", f->confidence);
        vn_sink_puts(&x->o, num);
        tx_c(x, C_RESET);
        vn_sink_putc(&x->o, '\n');
        if (f->nchanges) {
            vn_sink_puts(&x->o, "           ");
            for (size_t k = 0; k < f->nchanges; k++) {
                if (k)
                    vn_sink_puts(&x->o, "; ");
                vn_buf_clear(&x->tmp);
                vn_diff_change_text(d, f, &f->changes[k], &x->tmp);
                tx_c(x, C_YELLOW);
                tx_buf(x, &x->tmp);
                tx_c(x, C_RESET);
            }
            vn_sink_putc(&x->o, '\n');
        }
        if (f->plan >= 0) {
            tx_target_line(x, d->plan, (size_t)f->plan, "plan");
            for (uint32_t k = 0; k < f->ndup; k++)
                tx_target_line(x, d->plan, d->dups[f->dup_first + k], "  restated");
        } else if (b->indicator) {
            vn_sink_puts(&x->o, "           ");
            tx_c(x, C_DIM);
            vn_sink_puts(&x->o, "baseline: ");
            tx_c(x, C_RESET);
            tx_s(x, b->text ? b->text : b->indicator);
            vn_sink_putc(&x->o, '\n');
        }
    }

    tx_heading(x, "ADDED BY THE PLAN");
    if (!d->nadded)
        vn_sink_puts(&x->o, "  (none)\n");
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        const vn_target *t = &d->plan->targets[a->plan];
        vn_sink_puts(&x->o, "  ");
        tx_status(x, "added");
        char idb[24];
        const char *id = vn_render_target_id(d->plan, (size_t)a->plan, idb);
        tx_s(x, id);
        tx_pad(x, strlen(id), 27);
        tx_target_brief(x, t);
        vn_sink_putc(&x->o, '\n');
        tx_target_line(x, d->plan, (size_t)a->plan, "plan");
        for (uint32_t k = 0; k < a->ndup; k++)
            tx_target_line(x, d->plan, d->dups[a->dup_first + k], "  restated");
    }

    tx_heading(x, "QUALITATIVE OBJECTIVES");
    if (!d->nquals)
        vn_sink_puts(&x->o, "  (none on either side)\n");
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        const char *st = q->base >= 0 && q->plan >= 0 ? "matched" : q->base >= 0 ? "missing" : "added";
        vn_sink_puts(&x->o, "  ");
        tx_c(x, status_color(!strcmp(st, "matched") ? "adopted" : st));
        tx_s(x, st);
        tx_c(x, C_RESET);
        tx_pad(x, strlen(st), 9);
        const vn_target *t = q->base >= 0 ? &d->base->targets[q->base] : &d->plan->targets[q->plan];
        char ph[8];
        const char *p = vn_diff_phase(t->phase, ph);
        if (q->base >= 0) {
            tx_s(x, t->id);
            vn_sink_puts(&x->o, " ");
        }
        if (*p) {
            tx_c(x, C_DIM);
            vn_sink_putc(&x->o, '(');
            vn_sink_puts(&x->o, p);
            vn_sink_puts(&x->o, ") ");
            tx_c(x, C_RESET);
        }
        if (q->unverified) {
            tx_c(x, C_MAGENTA);
            vn_sink_puts(&x->o, "[unverified wording] ");
            tx_c(x, C_RESET);
        }
        tx_s(x, t->text ? t->text : t->indicator);
        vn_sink_putc(&x->o, '\n');
        if (q->base >= 0 && q->plan >= 0) {
            snprintf(num, sizeof num, "%.2f", q->similarity);
            tx_target_line(x, d->plan, (size_t)q->plan, "plan");
            vn_sink_puts(&x->o, "           ");
            tx_c(x, C_DIM);
            vn_sink_puts(&x->o, "similarity ");
            vn_sink_puts(&x->o, num);
            tx_c(x, C_RESET);
            vn_sink_putc(&x->o, '\n');
        }
    }

    tx_heading(x, "TASK GROUPS (NHIỆM VỤ VÀ GIẢI PHÁP)");
    if (!d->base_has_groups)
        vn_sink_puts(&x->o, "  (the baseline lists no task groups)\n");
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        const char *st = g->base >= 0 ? (g->plan >= 0 ? "covered" : "not covered") : "plan only";
        vn_sink_puts(&x->o, "  ");
        tx_c(x, g->base >= 0 ? (g->plan >= 0 ? C_GREEN : C_RED) : C_CYAN);
        tx_s(x, st);
        tx_c(x, C_RESET);
        tx_pad(x, strlen(st), 13);
        vn_buf_clear(&x->tmp);
        if (g->base >= 0)
            vn_diff_node_heading(d->base, g->base, &x->tmp);
        else
            vn_diff_node_heading(d->plan, g->plan, &x->tmp);
        tx_buf(x, &x->tmp);
        if (g->unconfirmed) {
            tx_c(x, C_MAGENTA);
            vn_sink_puts(&x->o, "  [title not confirmed]");
            tx_c(x, C_RESET);
        }
        vn_sink_putc(&x->o, '\n');
        if (g->base >= 0 && g->plan >= 0) {
            vn_sink_puts(&x->o, "               ");
            tx_c(x, C_DIM);
            vn_sink_puts(&x->o, "plan: ");
            tx_c(x, C_RESET);
            vn_buf_clear(&x->tmp);
            vn_diff_node_heading(d->plan, g->plan, &x->tmp);
            tx_buf(x, &x->tmp);
            snprintf(num, sizeof num, "%.2f", g->similarity);
            tx_c(x, C_DIM);
            vn_sink_puts(&x->o, "  (similarity ");
            vn_sink_puts(&x->o, num);
            vn_sink_putc(&x->o, ')');
            tx_c(x, C_RESET);
            vn_sink_putc(&x->o, '\n');
        }
    }

    tx_heading(x, "DUTIES (TỔ CHỨC THỰC HIỆN)");
    if (!d->nbase_bodies)
        vn_sink_puts(&x->o, "  (the baseline names no bodies)\n");
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        const char *st = b->counterpart >= 0 ? "assigned" : "not assigned";
        vn_sink_puts(&x->o, "  ");
        tx_c(x, b->counterpart >= 0 ? C_GREEN : C_RED);
        tx_s(x, st);
        tx_c(x, C_RESET);
        tx_pad(x, strlen(st), 13);
        tx_s(x, b->name);
        if (b->lead)
            vn_sink_puts(&x->o, " (lead)");
        if (b->counterpart >= 0) {
            const vn_body *p = &d->plan_bodies[b->counterpart];
            tx_c(x, C_DIM);
            vn_sink_puts(&x->o, "  ← ");
            tx_c(x, C_RESET);
            tx_s(x, p->name);
            if (p->lead)
                vn_sink_puts(&x->o, " (lead)");
        }
        vn_sink_putc(&x->o, '\n');
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        const char *st = p->counterpart >= 0 ? "also" : "local";
        vn_sink_puts(&x->o, "  ");
        tx_c(x, C_CYAN);
        tx_s(x, st);
        tx_c(x, C_RESET);
        tx_pad(x, strlen(st), 13);
        tx_s(x, p->name);
        if (p->lead)
            vn_sink_puts(&x->o, " (lead)");
        if (p->counterpart >= 0) {
            tx_c(x, C_DIM);
            vn_sink_puts(&x->o, "  → ");
            tx_c(x, C_RESET);
            tx_s(x, d->base_bodies[p->counterpart].name);
        }
        vn_sink_putc(&x->o, '\n');
    }

    tx_heading(x, "FUNDING (KINH PHÍ)");
    vn_sink_puts(&x->o, "  baseline: ");
    if (d->base_kinh_phi >= 0) {
        vn_buf_clear(&x->tmp);
        vn_render_span(d->base, d->base->nodes[d->base_kinh_phi].text, &x->tmp);
        tx_buf(x, &x->tmp);
        if (d->base_kinh_phi_unconfirmed) {
            tx_c(x, C_MAGENTA);
            vn_sink_puts(&x->o, " [amount not confirmed]");
            tx_c(x, C_RESET);
        }
    } else {
        vn_sink_puts(&x->o, "(no funding section)");
    }
    vn_sink_puts(&x->o, "\n  plan:     ");
    if (d->plan_kinh_phi >= 0) {
        vn_buf_clear(&x->tmp);
        vn_diff_node_heading(d->plan, d->plan_kinh_phi, &x->tmp);
        tx_buf(x, &x->tmp);
        /* what the plan puts into figures: its amounts, totals first; without
         * any, its first words on funding */
        size_t amounts = 0;
        for (size_t t = 0; t < d->plan->ntargets; t++)
            amounts += !d->plan->targets[t].qualitative && d->plan->targets[t].section == VN_LABEL_KINH_PHI &&
                       d->plan->targets[t].unit_class && strcmp(d->plan->targets[t].unit_class, "money") == 0;
        /* the subtree follows its root in the node array (parents before children) */
        uint16_t top = d->plan->nodes[d->plan_kinh_phi].depth;
        for (size_t c = (size_t)d->plan_kinh_phi + 1;
             !amounts && c < d->plan->nnodes && d->plan->nodes[c].depth > top; c++) {
            const vn_node *cn = &d->plan->nodes[c];
            if (cn->text.end <= cn->text.start)
                continue;
            vn_buf_clear(&x->tmp);
            vn_render_span(d->plan, cn->text, &x->tmp);
            if (x->tmp.len > 240) { /* the start of a long paragraph, cut at a character */
                size_t cut = 230;
                while (cut > 0 && ((unsigned char)x->tmp.data[cut] & 0xC0) == 0x80)
                    cut--;
                x->tmp.len = cut;
                vn_buf_puts(&x->tmp, "…");
            }
            vn_sink_puts(&x->o, "\n            ");
            tx_buf(x, &x->tmp);
            break;
        }
        for (size_t t = 0; t < d->plan->ntargets; t++) {
            const vn_target *tg = &d->plan->targets[t];
            if (tg->qualitative || tg->section != VN_LABEL_KINH_PHI || !tg->unit_class ||
                strcmp(tg->unit_class, "money") != 0)
                continue;
            vn_sink_puts(&x->o, tg->parent >= 0 ? "\n              part   " : "\n            amount   ");
            vn_buf_clear(&x->tmp);
            vn_diff_target_value(tg, &x->tmp);
            char ph[8];
            const char *phase = vn_diff_phase(tg->phase, ph);
            if (*phase) {
                vn_buf_puts(&x->tmp, " (");
                vn_buf_puts(&x->tmp, phase);
                vn_buf_putc(&x->tmp, ')');
            }
            if (tg->indicator && *tg->indicator) {
                vn_buf_puts(&x->tmp, "  ");
                vn_buf_puts(&x->tmp, tg->indicator);
            }
            tx_buf(x, &x->tmp);
        }
    } else {
        tx_c(x, C_RED);
        vn_sink_puts(&x->o, "(no funding section)");
        tx_c(x, C_RESET);
    }
    vn_sink_putc(&x->o, '\n');
}

static void tx_matrix(tx *x, const vnplan_diff *const *diffs, size_t n)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    tx_heading(x, "SUMMARY ACROSS PLANS");
    vn_sink_puts(&x->o, "  plans:\n");
    size_t col = 0;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(++col, num);
        vn_sink_puts(&x->o, "    [");
        vn_sink_puts(&x->o, num);
        vn_sink_puts(&x->o, "] ");
        vn_buf_clear(&x->tmp);
        vn_diff_doc_short(diffs[k]->plan, &x->tmp);
        tx_buf(x, &x->tmp);
        vn_sink_puts(&x->o, "  (");
        tx_s(x, diffs[k]->plan->name);
        vn_sink_puts(&x->o, ")\n");
    }
    vn_sink_puts(&x->o, "  ");
    tx_pad(x, 0, 27);
    col = 0;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        snprintf(num, sizeof num, "[%zu]", ++col);
        vn_sink_puts(&x->o, num);
        tx_pad(x, strlen(num), 9);
    }
    vn_sink_putc(&x->o, '\n');
    for (size_t r = 0; r < nr; r++) {
        vn_sink_puts(&x->o, "  ");
        tx_s(x, ids[r]);
        tx_pad(x, vn_utf8_count(ids[r], strlen(ids[r])), 27);
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            const char *st = vn_diff_status_of(diffs[k], ids[r], NULL);
            if (!st) {
                vn_sink_puts(&x->o, "·");
                tx_pad(x, 1, 9);
            } else {
                tx_status(x, st);
            }
        }
        vn_sink_putc(&x->o, '\n');
    }
    vn_sink_puts(&x->o, "  added");
    tx_pad(x, 5, 27);
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(diffs[k]->nadded, num);
        vn_sink_puts(&x->o, num);
        tx_pad(x, strlen(num), 9);
    }
    vn_sink_putc(&x->o, '\n');
    free(ids);
}

/* Plans that share a baseline form one summary: the first diff of each
 * baseline opens a group. */
static bool same_baseline(const vnplan_diff *a, const vnplan_diff *b)
{
    if (a->base == b->base)
        return true;
    const char *x = vn_diff_base_decision(a->base), *y = vn_diff_base_decision(b->base);
    if (x && y)
        return strcmp(x, y) == 0;
    return a->base->name && b->base->name && strcmp(a->base->name, b->base->name) == 0;
}

static vnplan_status sink_done(vn_sink *o, vn_error *err)
{
    vn_sink_flush(o);
    vn_buf_free(&o->buf);
    if (o->failed)
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "write error: %s", strerror(o->errnum ? o->errnum : EIO));
    return VNPLAN_OK;
}

vnplan_status vn_render_diff_text(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err)
{
    tx x;
    memset(&x, 0, sizeof x);
    x.o.f = out;
    x.color = (flags & VNPLAN_RENDER_COLOR) != 0;
    size_t shown = 0;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        if (shown++)
            vn_sink_puts(&x.o, "\n\n");
        tx_one(&x, diffs[k]);
    }
    size_t nfailed = vn_diff_failed_count(diffs, n, failed);
    if (shown > 1 || (shown && nfailed)) {
        const vnplan_diff **group = vn_xcalloc(n, sizeof *group);
        bool *done = vn_xcalloc(n, sizeof *done);
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k] || done[k])
                continue;
            size_t g = 0;
            for (size_t j = k; j < n; j++)
                if (diffs[j] && !done[j] && same_baseline(diffs[k], diffs[j])) {
                    group[g++] = diffs[j];
                    done[j] = true;
                }
            vn_sink_puts(&x.o, "\n");
            if (g > 0)
                tx_matrix(&x, group, g);
        }
        free(group);
        free(done);
    }
    if (nfailed) {
        /* the plans that could not be compared are part of the summary too */
        vn_sink_puts(&x.o, shown ? "\n" : "");
        if (!shown)
            tx_heading(&x, "SUMMARY ACROSS PLANS");
        vn_sink_puts(&x.o, "  failed (not compared):\n");
        for (size_t k = 0; k < n; k++) {
            const char *name = vn_diff_failed_name(diffs, failed, k);
            if (!name)
                continue;
            vn_sink_puts(&x.o, "    ");
            tx_s(&x, name);
            vn_sink_puts(&x.o, ": ");
            tx_s(&x, vn_diff_failed_reason(failed, k));
            vn_sink_putc(&x.o, '\n');
        }
    }
    vn_buf_free(&x.tmp);
    return sink_done(&x.o, err);
}

/* ---- the dispatcher ------------------------------------------------------------------------------ */

const char *vn_diff_failed_name(const vnplan_diff *const *diffs, const vn_diff_failed *f, size_t k)
{
    return !diffs[k] && f && f->name ? f->name[k] : NULL;
}

const char *vn_diff_failed_reason(const vn_diff_failed *f, size_t k)
{
    return f && f->reason && f->reason[k] ? f->reason[k] : "could not be compared";
}

size_t vn_diff_failed_count(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *f)
{
    size_t c = 0;
    for (size_t k = 0; k < n; k++)
        c += vn_diff_failed_name(diffs, f, k) != NULL;
    return c;
}

vnplan_status vnplan_diff_render_report(const vnplan_diff *const *diffs, const char *const *names,
                                        const char *const *reasons, size_t n, vnplan_format format, unsigned flags,
                                        FILE *out, char *err, size_t errlen)
{
    vn_error e = {VNPLAN_OK, ""};
    vnplan_status st;
    vn_diff_failed failed = {names, reasons};
    if (!out || (!diffs && n)) {
        st = vn_fail(&e, VNPLAN_ERR_USAGE, "vnplan_diff_render: no output or no diffs");
    } else {
        switch (format) {
        case VNPLAN_FORMAT_TEXT: st = vn_render_diff_text(diffs, n, &failed, flags, out, &e); break;
        case VNPLAN_FORMAT_JSON: st = vn_render_diff_json(diffs, n, &failed, flags, out, &e); break;
        case VNPLAN_FORMAT_CSV: st = vn_render_diff_csv(diffs, n, &failed, flags, out, &e); break;
        case VNPLAN_FORMAT_HTML: st = vn_render_diff_html(diffs, n, &failed, flags, out, &e); break;
        default:
            st = vn_fail(&e, VNPLAN_ERR_USAGE, "a diff is written as text, json, csv or html");
            break;
        }
    }
    if (st != VNPLAN_OK && err && errlen)
        snprintf(err, errlen, "%s", e.msg[0] ? e.msg : vnplan_strerror(st));
    return st;
}

vnplan_status vnplan_diff_render_many(const vnplan_diff *const *diffs, size_t n, vnplan_format format,
                                      unsigned flags, FILE *out, char *err, size_t errlen)
{
    return vnplan_diff_render_report(diffs, NULL, NULL, n, format, flags, out, err, errlen);
}

vnplan_status vnplan_diff_render(const vnplan_diff *diff, vnplan_format format, unsigned flags, FILE *out,
                                 char *err, size_t errlen)
{
    const vnplan_diff *one[1] = {diff};
    return vnplan_diff_render_many(one, 1, format, flags, out, err, errlen);
}
