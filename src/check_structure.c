/* check_structure.c — rules on the plan's skeleton: numbering that skips or
 * repeats, canonical sections missing or empty, task groups nobody is
 * responsible for.
 *
 * Numbering is judged among siblings only: a list that starts again at 1
 * under a new heading is what clerks do, never a finding.  tree.c nests a
 * marker that skips or repeats only when its line clearly reads as a heading
 * (otherwise it stays text), so what is judged here is what the document's
 * structure really holds. */
#include "check.h"
#include "compare.h"

#include <stdlib.h>

/* Styles whose markers count (list items - + • do not). */
static bool counted_style(uint8_t st)
{
    switch (st) {
    case VN_STYLE_PHAN:
    case VN_STYLE_CHUONG:
    case VN_STYLE_MUC:
    case VN_STYLE_DIEU:
    case VN_STYLE_ROMAN:
    case VN_STYLE_UPPER_ALPHA:
    case VN_STYLE_ARABIC:
    case VN_STYLE_ARABIC_PAREN:
    case VN_STYLE_DECIMAL:
    case VN_STYLE_ALPHA:
    case VN_STYLE_LOWER_ROMAN:
        return true;
    default:
        return false;
    }
}

#define ALPHA_D 4 /* d; đ is 5, e is 6 */

static void node_number(const vnplan_doc *doc, size_t node, vn_buf *out)
{
    vn_buf_clear(out);
    vn_render_number(doc, node, out);
    vn_buf_cstr(out);
}

/* The marker span of a node, or its title when it has none. */
static vn_span marker_span(const vnplan_doc *doc, size_t node)
{
    const vn_node *n = &doc->nodes[node];
    if (n->marker.end > n->marker.start)
        return n->marker;
    return vn_node_own_span(doc, node);
}

static void check_numbering(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    vn_buf a = {0}, b = {0};
    for (size_t p = 0; p < doc->nnodes; p++) {
        /* the last counted sibling of each style under p */
        int32_t last[VN_STYLE__COUNT];
        for (int s = 0; s < VN_STYLE__COUNT; s++)
            last[s] = -1;
        for (int32_t k = doc->nodes[p].first_child; k >= 0; k = doc->nodes[k].next) {
            const vn_node *n = &doc->nodes[k];
            if (n->kind != VN_KIND_SECTION || !counted_style(n->style) || n->value == 0)
                continue;
            int32_t prev = last[n->style];
            last[n->style] = k;
            node_number(doc, (size_t)k, &a);
            if (prev < 0) {
                /* an excerpt may start anywhere; a body that opens at 2 has lost its 1 */
                if (n->value == 2) {
                    vn_check_add(c, VN_RULE_NUMBERING, VNPLAN_SEVERITY_WARNING, marker_span(doc, (size_t)k), NULL,
                                 _("numbering starts at %s: the first marker of this list is missing"), a.data);
                }
                continue;
            }
            uint32_t pv = doc->nodes[prev].value;
            node_number(doc, (size_t)prev, &b);
            if (n->value == pv) {
                vn_check_add(c, VN_RULE_NUMBERING, VNPLAN_SEVERITY_WARNING, marker_span(doc, (size_t)k), NULL,
                             _("numbering repeats: %s comes again after %s"), a.data, b.data);
            } else if (n->value > pv + 1) {
                /* d → e without đ is a common habit, not a gap a reader notices */
                if (n->style == VN_STYLE_ALPHA && pv == ALPHA_D && n->value == ALPHA_D + 2)
                    continue;
                vn_check_add(c, VN_RULE_NUMBERING, VNPLAN_SEVERITY_WARNING, marker_span(doc, (size_t)k), NULL,
                             _("numbering skips: %s comes after %s"), a.data, b.data);
            } else if (n->value < pv && n->value != 1) {
                vn_check_add(c, VN_RULE_NUMBERING, VNPLAN_SEVERITY_WARNING, marker_span(doc, (size_t)k), NULL,
                             _("numbering goes back: %s comes after %s"), a.data, b.data);
            }
        }
    }
    vn_buf_free(&a);
    vn_buf_free(&b);
}

/* ---- canonical sections ---------------------------------------------------------------- */

/* The sections every plan has, in their order, with their names in the messages. */
static const struct {
    vn_label label;
    const char *title;
} required[] = {
    {VN_LABEL_MUC_DICH, N_("Purpose and requirements (Mục đích, yêu cầu)")},
    {VN_LABEL_MUC_TIEU, N_("Objectives (Mục tiêu)")},
    {VN_LABEL_NHIEM_VU, N_("Tasks and solutions (Nhiệm vụ và giải pháp)")},
    {VN_LABEL_KINH_PHI, N_("Funding (Kinh phí)")},
    {VN_LABEL_TO_CHUC_THUC_HIEN, N_("Implementation (Tổ chức thực hiện)")},
};

/* A plan (not a decision, not a report): the canonical skeleton applies. */
static bool is_plan(const vnplan_doc *doc)
{
    return doc->meta.type && !strcmp(doc->meta.type, "ke_hoach");
}

static bool has_content(const vnplan_doc *doc, size_t node)
{
    const vn_node *n = &doc->nodes[node];
    return n->first_child >= 0 || n->text.end > n->text.start;
}

static void check_sections(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    if (!is_plan(doc))
        return;
    int32_t found[VN_LABEL__COUNT];
    bool named[VN_LABEL__COUNT] = {false};
    for (int l = 0; l < VN_LABEL__COUNT; l++)
        found[l] = -1;
    size_t body_sections = 0;
    vn_buf title = {0}, key = {0};
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        if (n->kind != VN_KIND_SECTION && n->kind != VN_KIND_HEADING)
            continue;
        body_sections++;
        if (n->label < VN_LABEL__COUNT && found[n->label] < 0)
            found[n->label] = (int32_t)i;
        /* a section heading that names several sections at once holds them
         * all ("I. MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU"); headings below the
         * sections ("6. Huy động ... các nguồn lực") name tasks, not sections */
        if (n->title.end <= n->title.start || n->label == VN_LABEL_NONE)
            continue;
        vn_buf_clear(&title);
        vn_render_span(doc, n->title, &title);
        vn_fold_key(title.data ? title.data : "", title.len, &key);
        const vn_phrases *sw = &c->rules->section_words;
        for (size_t k = 0; k < sw->n; k++) {
            vn_phrases one = {&sw->v[k], 1, 1};
            if (vn_phrases_find(&one, key.data ? key.data : "", key.len, NULL, NULL) >= 0) {
                vn_label l = vn_label_from_name(sw->v[k].value);
                if (l != VN_LABEL_NONE)
                    named[l] = true;
            }
        }
    }
    vn_buf_free(&title);
    vn_buf_free(&key);
    if (body_sections == 0)
        return; /* no body at all: parse has already said so */
    for (size_t r = 0; r < VN_COUNT(required); r++) {
        vn_label l = required[r].label;
        if (found[l] >= 0) {
            if (!has_content(doc, (size_t)found[l]))
                vn_check_add(c, VN_RULE_EMPTY_SECTION, VNPLAN_SEVERITY_WARNING,
                             vn_node_own_span(doc, (size_t)found[l]), NULL, _("the section %s has no content"),
                             _(required[r].title));
            continue;
        }
        if (named[l])
            continue;
        /* point where it would be: the first canonical section that should follow it */
        int32_t at = -1;
        for (size_t q = r + 1; q < VN_COUNT(required) && at < 0; q++)
            at = found[required[q].label];
        for (size_t q = r; q-- > 0 && at < 0;)
            at = found[required[q].label];
        vn_span sp = at >= 0 ? vn_node_own_span(doc, (size_t)at) : vn_span_make(0, 0);
        vn_check_add(c, VN_RULE_MISSING_SECTION, VNPLAN_SEVERITY_WARNING, sp, "",
                     _("the plan has no section %s"), _(required[r].title));
    }
}

/* ---- task groups and who carries them out -------------------------------------------- */

/* Syllables of folded text, as [start, end) pairs in out (pairs of size_t). */
static size_t syllables(const char *s, size_t n, size_t *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == ';' || s[i] == '.' || s[i] == ':' ||
                         s[i] == '(' || s[i] == ')' || s[i] == '"' || s[i] == '-'))
            i++;
        size_t a = i;
        while (i < n && !(s[i] == ' ' || s[i] == ',' || s[i] == ';' || s[i] == '.' || s[i] == ':' ||
                          s[i] == '(' || s[i] == ')' || s[i] == '"' || s[i] == '-'))
            i++;
        if (i > a) {
            out[2 * k] = a;
            out[2 * k + 1] = i;
            k++;
        }
    }
    return k;
}

#define GROUP_TITLE_MAX_SYLLABLES 64
#define GROUP_COVERED_SHARE 0.5 /* share of a title's word pairs the duties must name */

/* Whether the duties (folded) name enough of the title's word pairs. */
static bool duties_name(const char *duties, size_t dn, const char *title, size_t tn)
{
    size_t syl[2 * GROUP_TITLE_MAX_SYLLABLES];
    size_t k = syllables(title, tn, syl, GROUP_TITLE_MAX_SYLLABLES);
    if (k < 2)
        return true; /* nothing to judge by */
    size_t pairs = 0, named = 0;
    vn_buf pair = {0};
    for (size_t i = 0; i + 1 < k; i++) {
        vn_buf_clear(&pair);
        vn_buf_put(&pair, title + syl[2 * i], syl[2 * i + 1] - syl[2 * i]);
        vn_buf_putc(&pair, ' ');
        vn_buf_put(&pair, title + syl[2 * i + 2], syl[2 * i + 3] - syl[2 * i + 2]);
        pairs++;
        /* memmem is not C11: a plain search */
        for (size_t a = 0; a + pair.len <= dn; a++)
            if (memcmp(duties + a, pair.data, pair.len) == 0) {
                named++;
                break;
            }
    }
    vn_buf_free(&pair);
    return pairs == 0 || (double)named / (double)pairs >= GROUP_COVERED_SHARE;
}

/* All the text of a subtree, rendered, folded. */
static void subtree_key(const vnplan_doc *doc, size_t node, vn_buf *out)
{
    vn_buf raw = {0};
    const vn_node *n = &doc->nodes[node];
    vn_render_span(doc, vn_span_make(n->sub_start, n->sub_end), &raw);
    vn_fold_key(raw.data ? raw.data : "", raw.len, out);
    vn_buf_free(&raw);
}

static void check_groups(vn_check_ctx *c)
{
    const vnplan_doc *doc = c->doc;
    const struct vn_check_rules *r = c->rules;
    if (!is_plan(doc))
        return;
    int32_t nv = -1, tc = -1;
    for (size_t i = 0; i < doc->nnodes; i++) {
        if (doc->nodes[i].label == VN_LABEL_NHIEM_VU && nv < 0)
            nv = (int32_t)i;
        if (doc->nodes[i].label == VN_LABEL_TO_CHUC_THUC_HIEN && tc < 0)
            tc = (int32_t)i;
    }
    if (nv < 0 || tc < 0)
        return;
    vn_buf duties = {0}, title = {0}, key = {0}, own = {0};
    subtree_key(doc, (size_t)tc, &duties);
    for (int32_t g = doc->nodes[nv].first_child; g >= 0; g = doc->nodes[g].next) {
        const vn_node *n = &doc->nodes[g];
        if ((n->kind != VN_KIND_SECTION && n->kind != VN_KIND_HEADING) || n->title.end <= n->title.start)
            continue;
        vn_buf_clear(&title);
        vn_render_span(doc, n->title, &title);
        vn_fold_key(title.data ? title.data : "", title.len, &key);
        if (vn_phrases_whole(&r->not_task_group, key.data, key.len) >= 0)
            continue;
        subtree_key(doc, (size_t)g, &own);
        if (vn_phrases_find(&r->responsible, own.data ? own.data : "", own.len, NULL, NULL) >= 0)
            continue;
        if (duties_name(duties.data ? duties.data : "", duties.len, key.data, key.len))
            continue;
        vn_buf name = {0};
        vn_check_node_name(doc, (size_t)g, &name);
        vn_check_add(c, VN_RULE_UNASSIGNED_TASK, VNPLAN_SEVERITY_INFO, n->title, NULL,
                     _("no body in Tổ chức thực hiện is given the task group \"%s\""), vn_buf_cstr(&name));
        vn_buf_free(&name);
    }
    vn_buf_free(&duties);
    vn_buf_free(&title);
    vn_buf_free(&key);
    vn_buf_free(&own);
}

void vn_check_structure(vn_check_ctx *c)
{
    check_numbering(c);
    check_sections(c);
    check_groups(c);
}
