/* render_diff.c — what every diff report shares (render.h): the summary
 * counts, a target's value and a document's names as people read them, a
 * change described in words, the words of a sentence to highlight, the rows
 * of the summary across plans, and the dispatcher of vnplan_diff_render(_many).
 * The reports themselves are render_diff_text.c, render_diff_json.c,
 * render_diff_csv.c and render_diff_html.c. */
#include "compare.h"
#include "match.h"
#include "render.h"
#include "targets_parts.h"
#include "i18n.h"
#include "utf8.h"
#include "hash.h"

#include <utf8proc.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- shared helpers ----------------------------------------------------------------- */

/* Which documents hold a pair of the comparison: 0 both, 1 the baseline
 * only, 2 the plan only. */
static int pair_sides(int32_t base, int32_t plan) { return base >= 0 ? (plan >= 0 ? 0 : 1) : 2; }

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
    size_t *quals[] = {&s->qual_matched, &s->qual_missing, &s->qual_added};
    for (size_t i = 0; i < d->nquals; i++)
        (*quals[pair_sides(d->quals[i].base, d->quals[i].plan)])++;
    size_t *groups[] = {&s->groups_covered, &s->groups_missing, &s->groups_plan_only};
    for (size_t i = 0; i < d->ngroups; i++)
        (*groups[pair_sides(d->groups[i].base, d->groups[i].plan)])++;
}

const char *vn_diff_qual_status(const vn_qual *q)
{
    static const char *const words[] = {"matched", "missing", "added"};
    return words[pair_sides(q->base, q->plan)];
}

const char *vn_diff_group_status(const vn_group *g)
{
    static const char *const words[] = {"covered", "not covered", "plan only"};
    return words[pair_sides(g->base, g->plan)];
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

void vn_date_words(vn_lang lang, const char *iso, vn_buf *out)
{
    int y = 0, m = 0, d = 0, used = 0;
    if (lang == VN_LANG_VI && iso && sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && !iso[used] &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        /* TRANSLATORS: a date in words, day, month, year */
        vn_buf_printf(out, vn_tr(lang, N_("%d %d %d (day month year)")), d, m, y);
        return;
    }
    vn_buf_puts(out, iso ? iso : "");
}

int vnplan_date_text(vnplan_lang lang, const char *iso, char *buf, size_t len)
{
    if (!buf || !len)
        return 0;
    vn_buf b = {0};
    vn_date_words(lang == VNPLAN_LANG_EN ? VN_LANG_EN : VN_LANG_VI, iso, &b);
    snprintf(buf, len, "%s", vn_buf_cstr(&b));
    vn_buf_free(&b);
    return (int)strlen(buf);
}

void vn_diff_doc_long(const vnplan_doc *doc, vn_lang lang, vn_buf *out)
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
        vn_date_words(lang, doc->meta.date, out);
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

/* A target's unit as written; where the other's is written alike but counts
 * over another period ("1.000 lượt" against "Hằng năm … 3 đến 5 lượt"),
 * the rate's year is said after it ("lượt → lượt/năm"), else the change
 * would read "lượt → lượt". */
static void unit_as_meant(const vn_target *t, const vn_target *other, vn_buf *out)
{
    vn_buf_puts(out, t->unit ? t->unit : t->unit_class ? t->unit_class : "?");
    if (t->unit && other->unit && strcmp(t->unit, other->unit) == 0 && !strchr(t->unit, '/') && t->unit_class &&
        strcmp(t->unit_class, "per_year") == 0)
        vn_buf_puts(out, "/năm");
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
    case VN_CHG_UNIT: /* the units as written ("người/năm → lần"); their classes are the JSON's */
        unit_as_meant(b, t, out);
        vn_buf_puts(out, " → ");
        unit_as_meant(t, b, out);
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

/* Most machine names are their own English words (msgids) ... */
static const char *const diff_words[] = {
    N_("adopted"),   N_("changed"),    N_("matched"),      N_("covered"),      N_("not covered"),
    N_("plan only"), N_("assigned"),   N_("not assigned"), N_("also"),         N_("local"),
    N_("value"),     N_("comparator"), N_("phase"),        N_("unit"),         N_("stricter"),
    N_("looser"),    N_("different"),  N_("general"),      N_("confirmed"),    N_("likely"),
    N_("inferred"),  N_("unverified"), N_("lead"),         N_("not compared"),
};
/* ... and these few are shown in other words. */
static const struct {
    const char *name, *msgid;
} diff_renamed[] = {
    {"missing", N_("not in the plan")},
    {"added", N_("added by the plan")},
    {"localized", N_("localized figure")},
    {"bundled", N_("bundled with vnplan")},
};

const char *vn_diff_word(vn_lang lang, const char *name)
{
    if (!name)
        return "";
    /* the first letters compared before the words: a page asks this for
     * every badge and cell, some two million string comparisons in a batch
     * of 500 plans */
    for (size_t i = 0; i < VN_COUNT(diff_renamed); i++)
        if (diff_renamed[i].name[0] == name[0] && !strcmp(diff_renamed[i].name, name))
            return vn_tr(lang, diff_renamed[i].msgid);
    for (size_t i = 0; i < VN_COUNT(diff_words); i++)
        if (diff_words[i][0] == name[0] && !strcmp(diff_words[i], name))
            return vn_tr(lang, diff_words[i]);
    return name;
}

void vn_diff_scope_text(vn_lang lang, const struct vn_scope *sc, vn_buf *out)
{
    static const char *const part_words[VN_PART__COUNT] = {
        N_("what is measured"), N_("who is counted"), N_("training level"), N_("field"), N_("place")};
    static const char *const relation_words[] = {N_("same"), N_("narrower"), N_("wider"), N_("other")};
    vn_buf w = {0};
    vn_buf_puts(out, vn_tr(lang, part_words[sc->part < VN_PART__COUNT ? sc->part : 0]));
    vn_buf_putc(out, ' ');
    vn_scope_words(sc->base, &w);
    vn_buf_puts(out, sc->base && w.data ? w.data : vn_tr(lang, N_("(any)")));
    vn_buf_puts(out, " → ");
    vn_buf_clear(&w);
    vn_scope_words(sc->plan, &w);
    vn_buf_puts(out, w.data ? w.data : "");
    vn_buf_puts(out, " (");
    vn_buf_puts(out, vn_tr(lang, relation_words[sc->relation <= VN_PART_OTHER ? sc->relation : VN_PART_OTHER]));
    vn_buf_putc(out, ')');
    vn_buf_free(&w);
}

int vnplan_scope_text(vnplan_lang lang, const char *part, const char *base, const char *plan, const char *relation,
                      char *buf, size_t len)
{
    if (!buf || !len)
        return 0;
    buf[0] = '\0';
    struct vn_scope sc = {0};
    sc.part = VN_PART__COUNT;
    for (int k = 0; k < VN_PART__COUNT && part; k++)
        if (!strcmp(vn_part_name(k), part))
            sc.part = (uint8_t)k;
    if (sc.part == VN_PART__COUNT)
        return 0;
    sc.relation = VN_PART_OTHER;
    for (int r = VN_PART_SAME; r <= VN_PART_OTHER && relation; r++)
        if (!strcmp(vn_part_relation_name((vn_part_relation)r), relation))
            sc.relation = (uint8_t)r;
    sc.base = base && *base ? base : NULL;
    sc.plan = plan ? plan : "";
    vn_buf out = {0};
    vn_diff_scope_text(lang == VNPLAN_LANG_EN ? VN_LANG_EN : VN_LANG_VI, &sc, &out);
    snprintf(buf, len, "%s", vn_buf_cstr(&out));
    vn_buf_free(&out);
    return 1;
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

/* "line 85", "page 3" (a PDF) or "paragraph 12" (a DOCX/ODT) in lang. */
static void put_where(vn_lang lang, vnplan_location loc, vn_buf *out)
{
    const char *unit = loc.unit == VNPLAN_LOCATION_PAGE        ? vn_tr(lang, N_("page"))
                       : loc.unit == VNPLAN_LOCATION_PARAGRAPH ? vn_tr(lang, N_("paragraph"))
                                                               : vn_tr(lang, N_("line"));
    vn_buf_printf(out, "%s %zu", unit, loc.number);
}

bool vn_diff_target_where(vn_lang lang, const vnplan_doc *doc, size_t t, vn_buf *out)
{
    size_t line = vn_diff_target_line(doc, t);
    if (!line)
        return false;
    vnplan_location loc = doc->from_xml ? (vnplan_location){VNPLAN_LOCATION_LINE, line, 0}
                                        : vnplan_target_location(doc, t);
    if (!loc.number)
        loc = (vnplan_location){VNPLAN_LOCATION_LINE, line, 0};
    put_where(lang, loc, out);
    return true;
}

bool vn_diff_node_where(vn_lang lang, const vnplan_doc *doc, size_t node, vn_buf *out)
{
    vnplan_location loc = vnplan_node_location(doc, node);
    if (!loc.number)
        return false;
    put_where(lang, loc, out);
    return true;
}

/* ---- highlights -------------------------------------------------------------------------- */

static void hl_push(vn_hl *out, size_t *n, size_t max, size_t a, size_t b, int kind)
{
    if (*n < max && b > a) {
        out[*n].a = a;
        out[*n].b = b;
        out[*n].kind = kind;
        (*n)++;
    }
}

static bool is_ascii_alnum(char c) { return vn_is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

/* Where the part x of target t's sentence stands in t->text.  The sentence
 * rendered up to x is as long as x's offset, but for the white space the
 * rendering trims at its end.  Where t->text is not the sentence as it
 * stands (a table row, its cells joined with " | "), the part's text is the
 * whole-word occurrence nearest to that offset.  False when x is empty, lies
 * outside the sentence, or its text is not in t->text. */
static bool part_in_text(const vnplan_doc *doc, const vn_target *t, vn_span x, vn_buf *tmp, size_t *a, size_t *b)
{
    if (x.end <= x.start || x.start < t->span.start || x.end > t->span.end)
        return false;
    const char *s = t->text;
    size_t len = strlen(s);
    vn_buf_clear(tmp);
    vn_render_span(doc, vn_span_make(t->span.start, x.start), tmp);
    size_t off = tmp->len;
    while (off < len && s[off] == ' ')
        off++;
    vn_buf_clear(tmp);
    vn_render_span(doc, x, tmp);
    const char *p = vn_buf_cstr(tmp);
    size_t pl = tmp->len;
    if (!pl)
        return false;
    size_t best = SIZE_MAX, best_d = SIZE_MAX;
    if (off + pl <= len && memcmp(s + off, p, pl) == 0) {
        best = off;
    } else {
        for (const char *q = s; (q = strstr(q, p)) != NULL; q++) {
            size_t qa = (size_t)(q - s), qb = qa + pl;
            if ((qa > 0 && is_ascii_alnum(s[qa - 1]) && is_ascii_alnum(p[0])) ||
                (qb < len && is_ascii_alnum(s[qb]) && is_ascii_alnum(p[pl - 1])))
                continue;
            size_t d = qa > off ? qa - off : off - qa;
            if (d < best_d) {
                best_d = d;
                best = qa;
            }
        }
    }
    if (best == SIZE_MAX)
        return false;
    *a = best;
    *b = best + pl;
    return true;
}

size_t vn_diff_highlights(const vnplan_doc *doc, const vn_target *t, vn_hl *out, size_t max)
{
    if (!t->text || t->qualitative)
        return 0;
    const vn_span parts[] = {t->value_span, t->cmp_span, t->unit_span};
    const int kinds[] = {VN_HL_VALUE, VN_HL_CMP, VN_HL_UNIT};
    vn_buf tmp = {0};
    size_t n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t a, b;
        if (!part_in_text(doc, t, parts[i], &tmp, &a, &b))
            continue;
        /* a table cell read from several lines has only the cell's span:
         * the number as written within it ("≥ 2,5") */
        size_t vl = kinds[i] == VN_HL_VALUE && t->value_text ? strlen(t->value_text) : 0;
        if (vl && b - a > vl) {
            for (size_t k = a; k + vl <= b; k++)
                if (memcmp(t->text + k, t->value_text, vl) == 0 && (k == a || t->text[k - 1] == ' ')) {
                    a = k;
                    b = k + vl;
                    break;
                }
        }
        hl_push(out, &n, max, a, b, kinds[i]);
    }
    vn_buf_free(&tmp);
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

const char *vn_diff_failed_name(const vnplan_diff *const *diffs, const vn_diff_failed *f, size_t k)
{
    return !diffs[k] && f && f->name ? f->name[k] : NULL;
}

const char *vn_diff_failed_reason(vn_lang lang, const vn_diff_failed *f, size_t k)
{
    return f && f->reason && f->reason[k] ? f->reason[k] : vn_tr(lang, N_("could not be compared"));
}

size_t vn_diff_failed_count(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *f)
{
    size_t c = 0;
    for (size_t k = 0; k < n; k++)
        c += vn_diff_failed_name(diffs, f, k) != NULL;
    return c;
}

void vn_diff_base_page_name(const vnplan_doc *base, char out[32])
{
    /* FNV-1a of what tells baselines apart: the decision, else the file, and the targets */
    const char *key = vn_diff_base_decision(base);
    if (!key)
        key = base->name ? base->name : "";
    uint64_t hsh = vn_hash_bytes(key, strlen(key));
    hsh = (hsh ^ (uint64_t)base->ntargets) * 1099511628211ull; /* one more FNV-1a step */
    snprintf(out, 32, "base-%016llx.html", (unsigned long long)hsh);
}

int vnplan_diff_base_page(const vnplan_diff *diff, char *buf, size_t len)
{
    if (!diff || !buf || !len)
        return 0;
    char name[32];
    vn_diff_base_page_name(diff->base, name);
    snprintf(buf, len, "%s", name);
    return (int)strlen(buf);
}

vnplan_status vnplan_diff_render_base(const vnplan_diff *diff, unsigned flags, FILE *out, char *err, size_t errlen)
{
    vn_error e = {0};
    vnplan_status st = !diff || !out ? vn_fail(&e, VNPLAN_ERR_USAGE, "vnplan_diff_render: no output or no diffs")
                                     : vn_render_diff_html(&diff, 1, NULL,
                                                           (flags & ~VNPLAN_RENDER_SHARED_BASE) | VN_RENDER_BASE_PAGE,
                                                           out, &e);
    if (st != VNPLAN_OK) {
        e.status = st;
        vn_error_give(&e, err, errlen);
    }
    return st;
}

static vnplan_status render_report(const vnplan_diff *const *diffs, const char *const *names,
                                   const char *const *reasons, size_t n, vnplan_format format, unsigned flags,
                                   FILE *out, char *err, size_t errlen)
{
    vn_error e = {0};
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
    if (st != VNPLAN_OK) {
        e.status = st;
        vn_error_give(&e, err, errlen);
    }
    return st;
}

/* The entry point, under a recovery point (common.h): what a report had
 * written before memory ran out stays written. */
vnplan_status vnplan_diff_render_report(const vnplan_diff *const *diffs, const char *const *names,
                                        const char *const *reasons, size_t n, vnplan_format format, unsigned flags,
                                        FILE *out, char *err, size_t errlen)
{
    VN_RETURN_RECOVERING(render_report(diffs, names, reasons, n, format, flags, out, err, errlen), NULL, err,
                         errlen);
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
