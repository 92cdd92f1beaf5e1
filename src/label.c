/* label.c — canonical labels for the top-level sections, and the objective
 * phase of every node.
 *
 * A top-level section is a heading directly under the body, or under a
 * container that names no section itself (QUYẾT ĐỊNH:, Điều 1, Phần I of a
 * decision): the label comes from the first row of grammars/sections.txt
 * its title starts with, "other" when none does.  Phases come from
 * grammars/phases.txt: a heading inside the objectives that names a phase
 * gives it to everything under it; a short line such as "- Đến năm 2030:"
 * gives it to itself, its children and the siblings that follow it. */
#include "stages.h"
#include "grammar.h"
#include "label.h"
#include "match.h"

#include <stdlib.h>

struct vn_label_rules {
    vn_phrases sections;
    vn_phrases lead_in;
    vn_phrases group;
    vn_phrases phases;
};

#define PHASE_LINE_MAX_WORDS 12 /* "- Giai đoạn 2030 - 2035:" sets a phase; a sentence does not */
#define WHOLE_TITLE_MAX_WORDS 8
#define TITLE_MAX_BYTES (WHOLE_TITLE_MAX_WORDS * 24) /* longer cannot be eight words */

vnplan_status vn_label_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_label_rules *r = vn_xcalloc(1, sizeof *r);
    g->label = r;
    vnplan_status st = vn_phrases_load(&r->sections, g, "sections.txt", "", true, err);
    if (st)
        return st;
    for (size_t i = 0; i < r->sections.n; i++)
        if (vn_label_from_name(r->sections.v[i].value) == VN_LABEL_NONE)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "sections.txt:%u: unknown label \"%s\"",
                           r->sections.v[i].line, r->sections.v[i].value);
    st = vn_phrases_load(&r->lead_in, g, "sections.txt", "lead_in", false, err);
    if (st)
        return st;
    st = vn_phrases_load(&r->group, g, "sections.txt", "group", false, err);
    if (st)
        return st;
    st = vn_phrases_load(&r->phases, g, "phases.txt", "", true, err);
    if (st)
        return st;
    for (size_t i = 0; i < r->phases.n; i++) {
        const vn_phrase *p = &r->phases.v[i];
        bool ok = strcmp(p->value, "general") == 0 ||
                  (p->value[0] == '$' && p->value[1] >= '1' && p->value[1] <= '9' && !p->value[2]);
        if (!ok || !p->re)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR,
                           "phases.txt:%u: expected general or $N, then a /pattern/", p->line);
    }
    return VNPLAN_OK;
}

void vn_label_rules_free(struct vn_label_rules *r)
{
    if (!r)
        return;
    vn_phrases_free(&r->sections);
    vn_phrases_free(&r->lead_in);
    vn_phrases_free(&r->group);
    vn_phrases_free(&r->phases);
    free(r);
}

static size_t words(const char *s, size_t n)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

vn_label vn_section_label_of(const vnplan_grammar *g, const char *key, size_t n, bool whole)
{
    if (!key || !n)
        return VN_LABEL_NONE;
    if (whole && words(key, n) > WHOLE_TITLE_MAX_WORDS)
        return VN_LABEL_NONE;
    int i = vn_phrases_prefix(&g->label->sections, key, n, NULL);
    return i < 0 ? VN_LABEL_NONE : vn_label_from_name(g->label->sections.v[i].value);
}

bool vn_is_lead_in(const vnplan_grammar *g, const char *key, size_t n)
{
    return n && vn_phrases_find(&g->label->lead_in, key, n, NULL, NULL) >= 0;
}

bool vn_opens_group(const vnplan_grammar *g, const char *key, size_t n)
{
    return n && vn_phrases_prefix(&g->label->group, key, n, NULL) >= 0;
}

uint16_t vn_phase_of(const vnplan_grammar *g, const char *key, size_t n)
{
    const struct vn_label_rules *r = g->label;
    pcre2_match_data *md = vn_match_data();
    for (size_t i = 0; i < r->phases.n; i++) {
        const vn_phrase *p = &r->phases.v[i];
        int rc = vn_regex_match(p->re, (PCRE2_SPTR)key, n, 0, PCRE2_NO_UTF_CHECK, md, NULL);
        if (rc < 0)
            continue;
        if (p->value[0] != '$')
            return VN_PHASE_GENERAL;
        int group = p->value[1] - '0';
        if (group >= rc)
            continue;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        unsigned year = 0;
        for (PCRE2_SIZE k = ov[2 * group]; k < ov[2 * group + 1]; k++)
            if (key[k] >= '0' && key[k] <= '9')
                year = year * 10 + (unsigned)(key[k] - '0');
        if (year >= 1900 && year <= 2200)
            return (uint16_t)year;
    }
    return VN_PHASE_NONE;
}

/* Folded key of a node's title (or, without a title, its text). */
static void node_key(const vnplan_doc *doc, const vn_node *n, vn_buf *tmp, vn_buf *key)
{
    vn_buf_clear(tmp);
    vn_render_span(doc, n->title.end > n->title.start ? n->title : n->text, tmp);
    vn_fold_key(tmp->data ? tmp->data : "", tmp->len, key);
}

static bool is_container_style(uint8_t style)
{
    return style == VN_STYLE_ENACT || style == VN_STYLE_DIEU || style == VN_STYLE_PHAN ||
           style == VN_STYLE_CHUONG || style == VN_STYLE_MUC;
}

static bool is_heading(const vn_node *n) { return n->kind == VN_KIND_SECTION || n->kind == VN_KIND_HEADING; }

/* Whether a part's own headings name the sections of a plan: two of them
 * name different sections, or they name one section other than the part's
 * own.  "Phần thứ hai. MỤC TIÊU" over "1. Mục tiêu chung" and "2. Mục tiêu
 * cụ thể" is the objectives section itself, not a container of sections. */
static bool names_sections_below(const vnplan_doc *doc, int32_t id, vn_label own, vn_buf *tmp, vn_buf *key)
{
    size_t named = 0;
    vn_label first = VN_LABEL_NONE;
    for (int32_t c = doc->nodes[id].first_child; c >= 0; c = doc->nodes[c].next) {
        const vn_node *ch = &doc->nodes[c];
        if (!is_heading(ch))
            continue;
        node_key(doc, ch, tmp, key);
        vn_label lab = vn_section_label_of(doc->grammar, key->data, key->len, false);
        if (lab == VN_LABEL_NONE)
            continue;
        if (named++ == 0)
            first = lab;
        else if (lab != first)
            return true;
    }
    return named >= 2 && first != own;
}

/* Labels top-level sections; descends through containers that name none. */
static void label_sections(vnplan_doc *doc, vn_buf *tmp, vn_buf *key)
{
    int32_t *queue = vn_xmalloc(sizeof(int32_t) * doc->nnodes);
    size_t qn = 0;
    for (int32_t c = doc->nodes[0].first_child; c >= 0; c = doc->nodes[c].next)
        if (doc->nodes[c].kind != VN_KIND_PART)
            queue[qn++] = c;
    for (size_t qi = 0; qi < qn; qi++) {
        int32_t id = queue[qi];
        vn_node *n = &doc->nodes[id];
        if (!is_heading(n))
            continue;
        node_key(doc, n, tmp, key);
        vn_label lab = vn_section_label_of(doc->grammar, key->data, key->len, false);
        /* a part (Phần II. NỘI DUNG KẾ HOẠCH) whose own headings name the
         * sections is a container, whatever its title says */
        if (lab && is_container_style(n->style) && names_sections_below(doc, id, lab, tmp, key))
            lab = VN_LABEL_NONE;
        n = &doc->nodes[id];
        n->label = (uint8_t)(lab ? lab : VN_LABEL_OTHER);
        if (!lab && is_container_style(n->style))
            for (int32_t c = n->first_child; c >= 0; c = doc->nodes[c].next)
                queue[qn++] = c;
    }
    free(queue);
}

/* The label a sub-heading takes inside a section labelled `above`, or
 * VN_LABEL_NONE to inherit it.  Plans fold parts into one another ("I. MỤC
 * ĐÍCH, YÊU CẦU" with "3. Mục tiêu"; "II. NỘI DUNG" with "1. Mục tiêu",
 * "2. Nhiệm vụ, giải pháp"; "IV. TỔ CHỨC THỰC HIỆN" with "1. Kinh phí").
 * The objectives and the tasks are recognized by a short title starting with
 * their name; funding and who-does-what only by a title that is nothing else
 * ("Kinh phí thực hiện"), since tasks often begin "Phân công ..." or mention
 * funding. */
static vn_label sub_heading_label(const vnplan_doc *doc, vn_label above, const vn_buf *key)
{
    const char *k = key->data ? key->data : "";
    vn_label lab = vn_section_label_of(doc->grammar, k, key->len, true);
    if (lab == VN_LABEL_MUC_TIEU &&
        (above == VN_LABEL_MUC_DICH || above == VN_LABEL_NHIEM_VU || above == VN_LABEL_OTHER))
        return lab;
    if (lab == VN_LABEL_NHIEM_VU && (above == VN_LABEL_MUC_DICH || above == VN_LABEL_MUC_TIEU))
        return lab;
    size_t kn = key->len;
    while (kn && (k[kn - 1] == ':' || k[kn - 1] == '.' || k[kn - 1] == ' '))
        kn--; /* "Kinh phí thực hiện:" */
    int i = vn_phrases_whole(&doc->grammar->label->sections, k, kn);
    lab = i < 0 ? VN_LABEL_NONE : vn_label_from_name(doc->grammar->label->sections.v[i].value);
    if ((lab == VN_LABEL_KINH_PHI || lab == VN_LABEL_TO_CHUC_THUC_HIEN) && lab != above &&
        above != VN_LABEL_NONE)
        return lab;
    return VN_LABEL_NONE;
}

/* The sub-headings of a labelled section that name another part of the plan
 * (sub_heading_label) take that part's label; their children inherit it.
 * Only the headings right under a labelled section are asked: that is where
 * plans put such parts, and it keeps the pass to a few titles. */
static void label_subsections(vnplan_doc *doc, vn_buf *tmp, vn_buf *key)
{
    /* the label of each node's nearest labelled ancestor-or-self, in one pass */
    uint8_t *section = vn_xcalloc(doc->nnodes, 1);
    for (size_t i = 1; i < doc->nnodes; i++) {
        vn_node *n = &doc->nodes[i];
        uint8_t above = section[n->parent];
        const vn_node *p = &doc->nodes[n->parent];
        if (is_heading(n) && !n->label && n->parent > 0 && p->label != VN_LABEL_NONE &&
            p->kind != VN_KIND_PART && n->title.end > n->title.start &&
            n->title.end - n->title.start <= TITLE_MAX_BYTES) {
            node_key(doc, n, tmp, key);
            n->label = (uint8_t)sub_heading_label(doc, (vn_label)above, key);
        }
        section[i] = n->label ? n->label : above;
    }
    free(section);
}

static size_t key_words(const vn_buf *key) { return words(key->data ? key->data : "", key->len); }

static void assign_phases(vnplan_doc *doc, vn_buf *tmp, vn_buf *key)
{
    /* phase set by a short phase line, for the siblings that follow it */
    uint16_t *run = vn_xcalloc(doc->nnodes, sizeof *run);
    /* the label of each node's section: its own, or its nearest labelled
     * ancestor's (parents come before children in the array) */
    uint8_t *section = vn_xcalloc(doc->nnodes, 1);
    for (size_t i = 1; i < doc->nnodes; i++) {
        vn_node *n = &doc->nodes[i];
        vn_node *p = &doc->nodes[n->parent];
        section[i] = n->label ? n->label : section[n->parent];
        uint16_t inherited = run[n->parent] ? run[n->parent] : p->phase;
        n->phase = inherited;
        if (section[i] != VN_LABEL_MUC_TIEU || n->kind == VN_KIND_PART || n->kind == VN_KIND_FIELD)
            continue;
        if (is_heading(n)) {
            node_key(doc, n, tmp, key);
            uint16_t ph = vn_phase_of(doc->grammar, key->data ? key->data : "", key->len);
            if (ph)
                n->phase = ph;
        } else if (n->kind == VN_KIND_ITEM || n->kind == VN_KIND_PARAGRAPH) {
            /* "- Đến năm 2030:" — a short line ending with a colon */
            vn_buf_clear(tmp);
            vn_render_span(doc, n->text, tmp);
            if (tmp->len && tmp->data[tmp->len - 1] == ':') {
                vn_fold_key(tmp->data, tmp->len, key);
                if (key_words(key) <= PHASE_LINE_MAX_WORDS) {
                    uint16_t ph = vn_phase_of(doc->grammar, key->data ? key->data : "", key->len);
                    if (ph) {
                        n->phase = ph;
                        run[n->parent] = ph;
                    }
                }
            }
        }
    }
    free(run);
    free(section);
}

void vn_label_apply(vnplan_doc *doc)
{
    vn_buf tmp = {0}, key = {0};
    label_sections(doc, &tmp, &key);
    label_subsections(doc, &tmp, &key);
    assign_phases(doc, &tmp, &key);
    vn_buf_free(&tmp);
    vn_buf_free(&key);
}
