/* render_diff.c — what every diff report shares (render.h): the summary
 * counts, a target's value and a document's names as people read them, a
 * change described in words, the words of a sentence to highlight, the rows
 * of the summary across plans, and the dispatcher of vnplan_diff_render(_many).
 * The reports themselves are render_diff_text.c, render_diff_json.c,
 * render_diff_csv.c and render_diff_html.c. */
#include "compare.h"
#include "match.h"
#include "render.h"
#include "i18n.h"
#include "utf8.h"

#include <utf8proc.h>

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

void vn_diff_change_text(vn_lang lang, const vnplan_diff *d, const vn_finding *f, const vn_change *c,
                         vn_buf *out)
{
    vn_buf_puts(out, vn_diff_word(lang, vn_chg_name((vn_chg_what)c->what)));
    vn_buf_putc(out, ' ');
    change_values(d, f, c, out);
    const char *dir = vn_dir_name((vn_dir)c->dir);
    if (dir) {
        vn_buf_puts(out, " (");
        vn_buf_puts(out, vn_diff_word(lang, dir));
        vn_buf_putc(out, ')');
    }
}

/* ---- the words of the reports ------------------------------------------------------------
 * One place for the statuses, changes and directions as a reader sees
 * them: the machine names (JSON, CSV ids) stay English; each report shows
 * vn_diff_word of them.  The Vietnamese is that of a reviewer's reply. */

static const struct {
    const char *name, *msgid;
} diff_words[] = {
    {"adopted", N_("adopted")},
    {"changed", N_("changed")},
    {"missing", N_("not in the plan")},
    {"added", N_("added by the plan")},
    {"matched", N_("matched")},
    {"covered", N_("covered")},
    {"not covered", N_("not covered")},
    {"plan only", N_("plan only")},
    {"assigned", N_("assigned")},
    {"not assigned", N_("not assigned")},
    {"also", N_("also")},
    {"local", N_("local")},
    {"value", N_("value")},
    {"comparator", N_("comparator")},
    {"phase", N_("phase")},
    {"unit", N_("unit")},
    {"stricter", N_("stricter")},
    {"looser", N_("looser")},
    {"localized", N_("localized figure")},
    {"different", N_("different")},
    {"general", N_("general")},
    {"confirmed", N_("confirmed")},
    {"likely", N_("likely")},
    {"inferred", N_("inferred")},
};

const char *vn_diff_word(vn_lang lang, const char *name)
{
    if (!name)
        return "";
    for (size_t i = 0; i < sizeof diff_words / sizeof diff_words[0]; i++)
        if (!strcmp(diff_words[i].name, name))
            return vn_tr(lang, diff_words[i].msgid);
    return name;
}

const char *vn_diff_confidence_words(vn_lang lang, double confidence)
{
    if (confidence >= VN_CONFIDENCE_HIGH)
        return vn_tr(lang, N_("high confidence"));
    if (confidence >= VN_CONFIDENCE_MEDIUM)
        return vn_tr(lang, N_("medium confidence"));
    return vn_tr(lang, N_("low confidence: check by reading"));
}

void vn_diff_target_name(const vnplan_doc *doc, size_t t, vn_buf *out)
{
    const vn_target *tg = &doc->targets[t];
    if (tg->name && *tg->name) {
        vn_buf_puts(out, tg->name);
        return;
    }
    /* a plan's target: what it measures, cut to a name's length */
    const char *s = tg->indicator && *tg->indicator ? tg->indicator : tg->text ? tg->text : "";
    size_t n = strlen(s), cut = n;
    if (n > VN_NAME_MAX) {
        cut = VN_NAME_MAX;
        while (cut > 0 && s[cut] != ' ')
            cut--;
        if (cut == 0)
            cut = VN_NAME_MAX;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    size_t start = out->len;
    vn_buf_put(out, s, cut);
    /* a name starts with a capital, as in the decision */
    if (out->len > start) {
        size_t i = start;
        int32_t cp = vn_utf8_next(out->data, out->len, &i);
        int32_t up = utf8proc_toupper(cp);
        char enc[4];
        if (up != cp && (size_t)vn_utf8_encode(up, enc) == i - start)
            memcpy(out->data + start, enc, i - start);
    }
    if (cut < n)
        vn_buf_puts(out, "…");
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

/* ---- the dispatcher ------------------------------------------------------------------------------ */

vnplan_status vnplan_diff_render_many(const vnplan_diff *const *diffs, size_t n, vnplan_format format,
                                      unsigned flags, FILE *out, char *err, size_t errlen)
{
    vn_error e = {VNPLAN_OK, ""};
    vnplan_status st;
    if (!out || (!diffs && n)) {
        st = vn_fail(&e, VNPLAN_ERR_USAGE, "vnplan_diff_render: no output or no diffs");
    } else {
        switch (format) {
        case VNPLAN_FORMAT_TEXT: st = vn_render_diff_text(diffs, n, flags, out, &e); break;
        case VNPLAN_FORMAT_JSON: st = vn_render_diff_json(diffs, n, flags, out, &e); break;
        case VNPLAN_FORMAT_CSV: st = vn_render_diff_csv(diffs, n, flags, out, &e); break;
        case VNPLAN_FORMAT_HTML: st = vn_render_diff_html(diffs, n, flags, out, &e); break;
        default:
            st = vn_fail(&e, VNPLAN_ERR_USAGE, "a diff is written as text, json, csv or html");
            break;
        }
    }
    if (st != VNPLAN_OK) {
        e.status = st;
        vn_error_give(&e, err, errlen);
    }
    return st;
}

vnplan_status vnplan_diff_render(const vnplan_diff *diff, vnplan_format format, unsigned flags, FILE *out,
                                 char *err, size_t errlen)
{
    const vnplan_diff *one[1] = {diff};
    return vnplan_diff_render_many(one, 1, format, flags, out, err, errlen);
}
