/* check_targets.c — rules on the plan's quantified targets: a "trong đó"
 * part above its total, a later phase below an earlier one, the same target
 * stated twice with different values, a target year outside the period.
 *
 * Two targets are "the same indicator" when their indicator wording is
 * nearly the same (compare.c's similarity, synonyms and stop words applied)
 * and they measure in the same unit class; only then is a difference in
 * value a finding.  A looser match would compare different things (the
 * share of trained workers with the share trained in high technology), and
 * a reviewer stops reading a tool that cries wolf. */
#include "check.h"
#include "compare_private.h" /* the features vn_text_similarity rests on */
#include "render.h"
#include "targets.h"
#include "targets_parts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SAME_INDICATOR 0.8   /* similarity from which two indicators are one (0.75-0.79 on the
                                fixtures: "lao động qua đào tạo" against "... có bằng cấp") */
#define VALUE_EPSILON 1e-9
#define APPROX_ROOM 0.05 /* "khoảng": parts may pass the total by this share */
#define MAX_TARGET_PAIRS ((size_t)4 * 1000 * 1000) /* pairs compared; beyond, the pair rules stop */

static bool quantified(const vn_target *t) { return !t->qualitative && t->unit_class; }

/* Classes where two values in different units of the same class are not
 * comparable as written (tỷ đồng / triệu đồng; người / lượt). */
static bool unit_must_match(const char *cls)
{
    return !strcmp(cls, "money") || !strcmp(cls, "measure") || !strcmp(cls, "count") ||
           !strcmp(cls, "per_year") || !strcmp(cls, "duration");
}

static bool same_unit(const vn_target *a, const vn_target *b)
{
    if (!a->unit_class || !b->unit_class || strcmp(a->unit_class, b->unit_class))
        return false;
    if (!unit_must_match(a->unit_class))
        return true;
    vn_buf x = {0}, y = {0};
    vn_fold_key(a->unit ? a->unit : "", a->unit ? strlen(a->unit) : 0, &x);
    vn_fold_key(b->unit ? b->unit : "", b->unit ? strlen(b->unit) : 0, &y);
    bool same = x.len == y.len && (x.len == 0 || !memcmp(x.data, y.data, x.len));
    vn_buf_free(&x);
    vn_buf_free(&y);
    return same;
}

/* Levels, not amounts: a later phase of a level should not fall below an
 * earlier one.  Counts and money of a phase are often the phase's own
 * amount (trained in 2031-2035), which may well be smaller. */
static bool level_class(const char *cls)
{
    return !strcmp(cls, "pct") || !strcmp(cls, "pct_grdp") || !strcmp(cls, "pct_budget") ||
           !strcmp(cls, "per_10k") || !strcmp(cls, "per_100") || !strcmp(cls, "per_1000");
}

static bool is_year(uint16_t phase) { return phase >= 1900 && phase <= 2200; }

static double upper(const vn_target *t) { return t->value_max > t->value ? t->value_max : t->value; }

static void value_text(const vnplan_check *ck, const vn_target *t, vn_buf *out)
{
    vn_buf_clear(out);
    vn_buf_puts(out, vn_diff_cmp_symbol(t->cmp));
    vn_buf_putc(out, ' ');
    if (t->value_text)
        vn_buf_puts(out, t->value_text);
    else
        vn_check_number(ck, t->value, out);
    if (t->unit && *t->unit) {
        if (strcmp(t->unit, "%") != 0)
            vn_buf_putc(out, ' ');
        vn_buf_puts(out, t->unit);
    }
    vn_buf_cstr(out);
}

/* ---- part-exceeds-total ----------------------------------------------------------------- */

/* Whether the parts of a percentage are the rates of subgroups rather than
 * shares of the whole: "tối thiểu 50%, trong đó: cấp huyện 60%; cấp xã 40%"
 * — the same rate measured in each subgroup, so each part lies near the
 * total, some above it and some below.  Shares of the whole ("35%, trong đó
 * 2,5% khoa học cơ bản và 18% công nghệ số") are far below it; a share
 * above the total is an error even when the other shares are small. */
#define SUBGROUP_BAND_LOW 0.6  /* every part between 0.6 and 1.67 times the total */
#define SUBGROUP_BAND_HIGH 1.67

/* The "trong đó" parts of each target, in order: first[t], then next[...]
 * (-1 ends), so that every part is visited once however many there are. */
typedef struct parts_index {
    int32_t *first, *next;
} parts_index;

static void parts_index_build(const vnplan_doc *doc, parts_index *px)
{
    size_t n = doc->ntargets ? doc->ntargets : 1;
    px->first = vn_xmalloc(n * sizeof *px->first);
    px->next = vn_xmalloc(n * sizeof *px->next);
    for (size_t i = 0; i < doc->ntargets; i++)
        px->first[i] = px->next[i] = -1;
    for (size_t i = doc->ntargets; i-- > 0;) {
        int32_t p = doc->targets[i].parent;
        if (p >= 0 && (size_t)p < doc->ntargets) {
            px->next[i] = px->first[p];
            px->first[p] = (int32_t)i;
        }
    }
}

static void parts_index_free(parts_index *px)
{
    free(px->first);
    free(px->next);
}

static bool breakdown_by_subgroup(const vnplan_doc *doc, const parts_index *px, size_t parent)
{
    const vn_target *p = &doc->targets[parent];
    if (strcmp(p->unit_class, "pct") != 0 || p->value <= 0)
        return false;
    size_t parts = 0;
    bool below = false;
    for (int32_t i = px->first[parent]; i >= 0; i = px->next[i]) {
        const vn_target *t = &doc->targets[i];
        if (!quantified(t) || strcmp(t->unit_class, "pct") != 0)
            continue;
        double ratio = t->value / p->value;
        if (ratio < SUBGROUP_BAND_LOW || ratio > SUBGROUP_BAND_HIGH)
            return false;
        below = below || t->value < p->value - VALUE_EPSILON;
        parts++;
    }
    return parts >= 2 && below;
}

static bool additive_class(const char *cls)
{
    return !strcmp(cls, "count") || !strcmp(cls, "per_year") || !strcmp(cls, "money");
}

static void check_parts(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    vn_buf a = {0}, b = {0};
    parts_index px;
    parts_index_build(doc, &px);
    for (size_t i = 0; i < doc->ntargets; i++) {
        const vn_target *t = &doc->targets[i];
        if (!quantified(t) || t->parent < 0 || (size_t)t->parent >= doc->ntargets)
            continue;
        const vn_target *p = &doc->targets[t->parent];
        if (!quantified(p) || !same_unit(t, p))
            continue;
        if (is_year(t->phase) && is_year(p->phase) && t->phase != p->phase)
            continue;
        /* a ceiling on the part under a floor on the total says nothing against it */
        bool part_ceiling = t->cmp == VN_CMP_LE || t->cmp == VN_CMP_LT;
        if (!part_ceiling && t->value > upper(p) + VALUE_EPSILON && !breakdown_by_subgroup(doc, &px, (size_t)t->parent)) {
            value_text(c->out, t, &a);
            value_text(c->out, p, &b);
            vn_check_add(c, VN_RULE_PART_EXCEEDS_TOTAL, VNPLAN_SEVERITY_ERROR, t->value_span, t->text,
                         _("the part (%s) is larger than its total (%s)"), a.data, b.data);
        }
    }
    /* parts that together exceed their total: amounts only (shares may be
     * rates of subgroups), where the total is a fixed amount or a ceiling
     * and every part a firm amount; parts may still overlap (women, ethnic
     * minorities), so this is a warning */
    for (size_t pi = 0; pi < doc->ntargets; pi++) {
        const vn_target *p = &doc->targets[pi];
        if (!quantified(p) || !additive_class(p->unit_class) ||
            !(p->cmp == VN_CMP_EQ || p->cmp == VN_CMP_LE || p->cmp == VN_CMP_LT || p->cmp == VN_CMP_APPROX))
            continue;
        /* "khoảng 120 tỷ đồng" leaves some room */
        double bound = upper(p) * (p->cmp == VN_CMP_APPROX ? 1 + APPROX_ROOM : 1);
        double sum = 0;
        size_t nparts = 0;
        bool any_single_over = false;
        int32_t last = -1;
        for (int32_t i = px.first[pi]; i >= 0; i = px.next[i]) {
            const vn_target *t = &doc->targets[i];
            if (!quantified(t) || !same_unit(t, p))
                continue;
            if (is_year(t->phase) && is_year(p->phase) && t->phase != p->phase)
                continue;
            if (t->cmp == VN_CMP_LE || t->cmp == VN_CMP_LT)
                continue;
            any_single_over = any_single_over || t->value > upper(p) + VALUE_EPSILON;
            sum += t->value;
            nparts++;
            last = i;
        }
        if (nparts >= 2 && !any_single_over && sum > bound + VALUE_EPSILON) {
            vn_buf_clear(&a);
            vn_check_number(c->out, sum, &a);
            value_text(c->out, p, &b);
            vn_span sp = vn_span_make(p->span.start, doc->targets[last].span.end);
            vn_check_add(c, VN_RULE_PART_EXCEEDS_TOTAL, VNPLAN_SEVERITY_WARNING, sp, p->text,
                         _("the parts add up to %s, more than their total (%s)"), vn_buf_cstr(&a), b.data);
        }
    }
    parts_index_free(&px);
    vn_buf_free(&a);
    vn_buf_free(&b);
}

/* ---- pairs of targets: the same indicator ---------------------------------------------- */

#define SCAN_HITS_MAX 32

/* Whether s[a, b) names what is measured (indicators.txt [measure]: "tỷ lệ",
 * "số người tốt nghiệp" ...). */
static bool names_measure(const vnplan_doc *doc, const char *s, size_t a, size_t b, vn_arena *arena)
{
    const char *parts[VN_PART__COUNT];
    vn_parts_read(doc->grammar, s + a, b - a, NULL, NULL, arena, parts);
    return parts[VN_PART_MEASURE] != NULL;
}

/* What a target measures, without a clause the sentence adds after a comma
 * ("đạt 70%, gắn đào tạo nghề với nhu cầu của doanh nghiệp"): the
 * indicator pieces before the value and the counted noun, and the words
 * right after the unit only when no comma comes first.  Nor the clauses
 * before it that say who acts, when only the words after their last comma
 * name what is measured ("Phòng Văn hóa - Xã hội: chủ trì, theo dõi, hướng
 * dẫn thực hiện Kế hoạch, bảo đảm đến năm 2035 tỷ lệ học sinh ... đạt 45%"). */
static const char *core_indicator(const vnplan_doc *doc, const vn_target *t, vn_arena *arena)
{
    if (!t->text || !t->indicator)
        return t->indicator;
    const char *s = t->text;
    size_t n = strlen(s);
    vn_scan_hit hits[SCAN_HITS_MAX];
    vn_scan_ctx ctx = {t->phase};
    size_t nh = vn_targets_scan(doc->grammar, s, n, &ctx, hits, SCAN_HITS_MAX);
    if (nh > SCAN_HITS_MAX)
        nh = SCAN_HITS_MAX;
    for (size_t k = 0; k < nh; k++) {
        const vn_scan_hit *h = &hits[k];
        if (fabs(h->value - t->value) > VALUE_EPSILON || h->cmp != t->cmp)
            continue;
        vn_scan_hit core = *h;
        vn_scan_range after = h->indicator[VN_SCAN_IND_AFTER];
        size_t from = h->unit.end > h->number.end ? h->unit.end : h->number.end;
        if (after.end > after.start && after.start >= from && memchr(s + from, ',', after.start - from))
            core.indicator[VN_SCAN_IND_AFTER].end = core.indicator[VN_SCAN_IND_AFTER].start;
        vn_scan_range before = h->indicator[VN_SCAN_IND_BEFORE];
        size_t comma = before.end;
        while (comma > before.start && s[comma - 1] != ',')
            comma--;
        if (comma > before.start && !names_measure(doc, s, before.start, comma - 1, arena) &&
            names_measure(doc, s, comma, before.end, arena)) {
            while (comma < before.end && s[comma] == ' ')
                comma++;
            core.indicator[VN_SCAN_IND_BEFORE].start = (uint32_t)comma;
        }
        vn_buf b = {0};
        vn_scan_indicator(s, &core, &b);
        const char *out = b.len ? vn_arena_strndup(arena, b.data, b.len) : t->indicator;
        vn_buf_free(&b);
        return out;
    }
    return t->indicator;
}

/* The indicators of a document's targets as compare.c reads them: syllables
 * with synonyms applied and stop words dropped, weighed alike. */
typedef struct indicators {
    cx c;
    fset *f;  /* per target; n == 0 when it has none */
    vn_arena arena;
} indicators;

static void indicators_init(indicators *ix, const vnplan_doc *doc, const char *const *core)
{
    vn_cp_cx_init(&ix->c, doc->grammar);
    memset(&ix->arena, 0, sizeof ix->arena);
    ix->f = vn_xcalloc(doc->ntargets ? doc->ntargets : 1, sizeof *ix->f);
    for (size_t i = 0; i < doc->ntargets; i++) {
        if (!core[i] || !*core[i])
            continue;
        vn_cp_fset_make(&ix->c, core[i], strlen(core[i]), NULL, &ix->f[i], &ix->arena);
        vn_cp_fset_weigh(&ix->c, &ix->f[i], false);
    }
}

static void indicators_free(indicators *ix)
{
    free(ix->f);
    vn_arena_free(&ix->arena);
    vn_cp_cx_free(&ix->c);
}

/* Whether syllable `id` is a word of [generic] (says nothing about which
 * group is measured: "xã", "duy trì"). */
static bool generic_word(const vn_check_ctx *c, const indicators *ix, uint32_t id)
{
    const char *w = ix->c.words[id];
    size_t wl = ix->c.wlen[id];
    const vn_phrases *g = &c->rules->generic;
    for (size_t k = 0; k < g->n; k++) {
        const char *p = g->v[k].text;
        size_t pl = g->v[k].len, i = 0;
        while (i < pl) {
            size_t j = i;
            while (j < pl && p[j] != ' ')
                j++;
            if (j - i == wl && !memcmp(p + i, w, wl))
                return true;
            i = j + 1;
        }
    }
    return false;
}

/* Whether each side names a group the other does not ("THCS" / "THPT",
 * "đại học" / "cao đẳng", "nâng cao" / "kiểu mẫu"): then they measure two
 * groups, however alike the rest.  A restatement adds words on one side
 * only ("trên địa bàn tỉnh", "ban hành chính sách"). */
static bool each_side_distinct(const vn_check_ctx *c, const indicators *ix, const fset *a, const fset *b)
{
    bool only_a = false, only_b = false;
    uint32_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        uint64_t ka = i < a->n ? a->keys[i] : UINT64_MAX, kb = j < b->n ? b->keys[j] : UINT64_MAX;
        if (ka == kb) {
            i++, j++;
            continue;
        }
        if (ka < kb) {
            if (!(ka & BIGRAM_BIT) && !generic_word(c, ix, (uint32_t)ka))
                only_a = true;
            i++;
        } else {
            if (!(kb & BIGRAM_BIT) && !generic_word(c, ix, (uint32_t)kb))
                only_b = true;
            j++;
        }
    }
    return only_a && only_b;
}

/* Similarity of two targets' indicators, or 0 when they cannot be the same
 * indicator (another unit, a part against a total, two groups). */
static double same_indicator(const vn_check_ctx *c, const indicators *ix, size_t i, size_t j)
{
    const vnplan_doc *doc = c->doc;
    const vn_target *a = &doc->targets[i], *b = &doc->targets[j];
    if (!quantified(a) || !quantified(b) || !same_unit(a, b))
        return 0;
    if (a->parent == (int32_t)j || b->parent == (int32_t)i)
        return 0;
    if ((a->parent < 0) != (b->parent < 0))
        return 0;
    const fset *fa = &ix->f[i], *fb = &ix->f[j];
    if (fa->n == 0 || fb->n == 0)
        return 0;
    double s = vn_cp_fset_cosine(fa, fb);
    if (s < SAME_INDICATOR || each_side_distinct(c, ix, fa, fb))
        return 0;
    /* parts are the same only under the same total (or one stated alike) */
    if (a->parent >= 0 && a->parent != b->parent) {
        const fset *pa = &ix->f[a->parent], *pb = &ix->f[b->parent];
        if (pa->n == 0 || pb->n == 0 || vn_cp_fset_cosine(pa, pb) < SAME_INDICATOR ||
            each_side_distinct(c, ix, pa, pb))
            return 0;
    }
    return s;
}

static bool decreasing(const vn_check_ctx *c, const vn_target *t)
{
    if (t->cmp == VN_CMP_LE || t->cmp == VN_CMP_LT)
        return true;
    vn_buf k = {0};
    vn_fold_key(t->indicator ? t->indicator : "", t->indicator ? strlen(t->indicator) : 0, &k);
    bool d = vn_phrases_find(&c->rules->decrease, k.data ? k.data : "", k.len, NULL, NULL) >= 0;
    vn_buf_free(&k);
    return d;
}

static size_t target_line(const vnplan_doc *doc, const vn_target *t)
{
    return vn_check_ospan(doc, t->span).line;
}

static void check_pairs(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    size_t n = doc->ntargets;
    if (n * n > MAX_TARGET_PAIRS)
        return;
    vn_buf a = {0}, b = {0};
    vn_arena arena = {0};
    const char **core = vn_xcalloc(n ? n : 1, sizeof *core);
    for (size_t i = 0; i < n; i++)
        core[i] = quantified(&doc->targets[i]) ? core_indicator(doc, &doc->targets[i], &arena) : NULL;
    indicators ix;
    indicators_init(&ix, doc, core);
    for (size_t j = 0; j < n; j++) {
        const vn_target *tj = &doc->targets[j];
        if (!quantified(tj))
            continue;
        /* the earlier phase's target most like this one, and a restatement
         * of it before it in the same phase */
        int32_t prev_phase = -1, restated = -1;
        double best_prev = 0, best_same = 0;
        bool agrees = false;
        for (size_t i = 0; i < n; i++) {
            if (i == j)
                continue;
            const vn_target *ti = &doc->targets[i];
            if (!quantified(ti))
                continue;
            bool earlier_phase = is_year(ti->phase) && is_year(tj->phase) && ti->phase < tj->phase;
            /* a target without a phase (in Nhiệm vụ, say) may restate any phase's */
            bool same_phase = (ti->phase == tj->phase || !is_year(ti->phase) || !is_year(tj->phase)) &&
                              ti->node != tj->node;
            if (!earlier_phase && !same_phase)
                continue;
            double s = same_indicator(c, &ix, i, j);
            if (s <= 0)
                continue;
            if (earlier_phase) {
                /* the nearest earlier phase first, then the closest wording */
                if (prev_phase < 0 || ti->phase > doc->targets[prev_phase].phase ||
                    (ti->phase == doc->targets[prev_phase].phase && s > best_prev)) {
                    prev_phase = (int32_t)i;
                    best_prev = s;
                }
            } else if (same_phase) {
                if (fabs(ti->value - tj->value) <= VALUE_EPSILON && ti->cmp == tj->cmp)
                    agrees = true; /* stated alike somewhere: the others are other phases */
                if (s > best_same) {
                    restated = (int32_t)i;
                    best_same = s;
                }
            }
        }
        if (prev_phase >= 0 && level_class(tj->unit_class)) {
            const vn_target *ti = &doc->targets[prev_phase];
            bool down = decreasing(c, ti) || decreasing(c, tj);
            bool regress = down ? tj->value > upper(ti) + VALUE_EPSILON : upper(tj) < ti->value - VALUE_EPSILON;
            if (regress) {
                value_text(c->out, tj, &a);
                value_text(c->out, ti, &b);
                if (down)
                    vn_check_add(c, VN_RULE_PHASE_REGRESSION, VNPLAN_SEVERITY_WARNING, tj->value_span, tj->text,
                                 _("the %u target (%s) is higher than the %u target (%s, line %zu) of an indicator meant to go down"),
                                 (unsigned)tj->phase, a.data, (unsigned)ti->phase, b.data, target_line(doc, ti));
                else
                    vn_check_add(c, VN_RULE_PHASE_REGRESSION, VNPLAN_SEVERITY_WARNING, tj->value_span, tj->text,
                                 _("the %u target (%s) is lower than the %u target (%s, line %zu)"),
                                 (unsigned)tj->phase, a.data, (unsigned)ti->phase, b.data, target_line(doc, ti));
            }
        }
        /* each pair is reported once, at the later of the two */
        if (restated >= 0 && (size_t)restated < j && !agrees) {
            const vn_target *ti = &doc->targets[restated];
            bool value_differs = fabs(ti->value - tj->value) > VALUE_EPSILON ||
                                 fabs(ti->value_max - tj->value_max) > VALUE_EPSILON;
            bool cmp_differs = ti->cmp != tj->cmp && ti->cmp != VN_CMP_APPROX && tj->cmp != VN_CMP_APPROX;
            if (value_differs || cmp_differs) {
                value_text(c->out, tj, &a);
                value_text(c->out, ti, &b);
                /* two figures with no phase at all may be of two years: a warning */
                bool phased = is_year(ti->phase) || is_year(tj->phase);
                vn_check_add(c, VN_RULE_RESTATED_DIFFERENTLY,
                             value_differs && phased ? VNPLAN_SEVERITY_ERROR : VNPLAN_SEVERITY_WARNING, tj->value_span,
                             tj->text, _("this target (%s) is stated as %s at line %zu"), a.data, b.data,
                             target_line(doc, ti));
            }
        }
    }
    indicators_free(&ix);
    free(core);
    vn_arena_free(&arena);
    vn_buf_free(&a);
    vn_buf_free(&b);
}

/* ---- period ------------------------------------------------------------------------------ */

/* The years of a title's period: [*lo, *hi]; false when it names none.  A
 * range ("giai đoạn 2025 - 2035") gives the start; a period named by its
 * end alone ("đến năm 2030") starts when the document is issued (`date`),
 * or anywhere when that is unknown (*lo = 0). */
static bool title_period(const vn_check_ctx *c, const char *title, const char *date, unsigned *lo, unsigned *hi)
{
    if (!title)
        return false;
    vn_buf k = {0};
    vn_fold_key(title, strlen(title), &k);
    const vn_phrases *p = &c->rules->period;
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    bool any = false, start = false;
    unsigned first = 0, last = 0;
    for (size_t r = 0; r < p->n; r++) {
        size_t from = 0;
        int rc;
        while (from < k.len &&
               (rc = vn_regex_match(p->v[r].re, (PCRE2_SPTR)k.data, k.len, from, PCRE2_NO_UTF_CHECK, md, NULL)) > 1) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            for (int g = 1; g < rc; g++) {
                if (ov[2 * g] == PCRE2_UNSET)
                    continue;
                unsigned y = (unsigned)atoi(k.data + ov[2 * g]);
                if (y < 1900 || y > 2200)
                    continue;
                if (g == 1 && rc > 2 && (!start || y < first)) {
                    first = y;
                    start = true;
                }
                if (!any || y > last)
                    last = y;
                any = true;
            }
            from = ov[1] > from ? ov[1] : from + 1;
        }
    }
    pcre2_match_data_free(md);
    vn_buf_free(&k);
    if (!any)
        return false;
    unsigned issued = date ? (unsigned)atoi(date) : 0;
    if (!start)
        first = issued >= 1900 && issued <= last ? issued : 0;
    *lo = first;
    *hi = last;
    return true;
}

/* Whether a target looks beyond the period on purpose: its sentence or a
 * heading above it is a vision ("Tầm nhìn đến năm 2045"). */
static bool in_vision(const vn_check_ctx *c, const vn_target *t)
{
    const vnplan_doc *doc = c->doc;
    vn_buf k = {0}, raw = {0};
    bool yes = false;
    vn_fold_key(t->text ? t->text : "", t->text ? strlen(t->text) : 0, &k);
    yes = vn_phrases_find(&c->rules->vision, k.data ? k.data : "", k.len, NULL, NULL) >= 0;
    for (int32_t n = t->node; n >= 0 && !yes; n = doc->nodes[n].parent) {
        const vn_node *nd = &doc->nodes[n];
        if (nd->title.end <= nd->title.start)
            continue;
        vn_buf_clear(&raw);
        vn_render_span(doc, nd->title, &raw);
        vn_fold_key(raw.data ? raw.data : "", raw.len, &k);
        yes = vn_phrases_find(&c->rules->vision, k.data ? k.data : "", k.len, NULL, NULL) >= 0;
    }
    vn_buf_free(&k);
    vn_buf_free(&raw);
    return yes;
}

static void check_period(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    unsigned plo = 0, phi = 0, dlo = 0, dhi = 0;
    bool own = title_period(c, doc->meta.title, doc->meta.date, &plo, &phi);
    const char *btitle = NULL, *bdate = NULL;
    if (c->base) {
        btitle = c->base->meta.title ? c->base->meta.title : c->base->base_title;
        bdate = c->base->meta.date;
    }
    bool dec = title_period(c, btitle, bdate, &dlo, &dhi);
    if (!own && !dec)
        return;
    bool reported[256] = {false}; /* one finding per year (years 1900 + k) */
    for (size_t i = 0; i < doc->ntargets; i++) {
        const vn_target *t = &doc->targets[i];
        if (!is_year(t->phase))
            continue;
        unsigned y = t->phase;
        bool out_own = own && (y < plo || y > phi);
        bool out_dec = dec && (y < dlo || y > dhi);
        if (!out_own && !out_dec)
            continue;
        if (y - 1900 < sizeof reported && reported[y - 1900])
            continue;
        if (in_vision(c, t))
            continue;
        if (y - 1900 < sizeof reported)
            reported[y - 1900] = true;
        vn_span sp = t->span;
        if (out_own)
            vn_check_add(c, VN_RULE_PERIOD, VNPLAN_SEVERITY_WARNING, sp, t->text,
                         _("a target for %u, outside the plan's own period (%u - %u)"), y, plo, phi);
        else
            vn_check_add(c, VN_RULE_PERIOD, VNPLAN_SEVERITY_WARNING, sp, t->text,
                         _("a target for %u, outside the period of the decision it implements (%u - %u)"), y, dlo,
                         dhi);
    }
}

void vn_check_targets(vn_check_ctx *c)
{
    check_parts(c);
    check_pairs(c);
    check_period(c);
}
