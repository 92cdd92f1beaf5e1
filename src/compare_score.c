/* compare_score.c — how well a baseline target and a plan target agree.
 *
 * A pair scores the weighted cosine of their indicators, times factors for
 * the unit class (incompatible classes never align), the phase, the "trong
 * đó" structure, the value, the section, a series of figures, and topics
 * that exclude one another.  A plan target that restates another is set
 * aside as its duplicate.  Also here: the directions of a changed value or
 * comparator, and the text and document helpers the scores rest on. */
#include "compare_private.h"

/* ---- names -------------------------------------------------------------------------- */

const char *vn_fstatus_name(vn_fstatus s)
{
    static const char *const names[] = {"adopted", "changed", "missing"};
    return (unsigned)s < 3 ? names[s] : "?";
}

const char *vn_chg_name(vn_chg_what w)
{
    static const char *const names[] = {"value", "comparator", "phase", "unit"};
    return (unsigned)w < VN_CHG__COUNT ? names[w] : "?";
}

const char *vn_dir_name(vn_dir d)
{
    static const char *const names[] = {NULL, "stricter", "looser", "localized", "different"};
    return (unsigned)d < 5 ? names[d] : NULL;
}

/* ---- units, values, comparators --------------------------------------------------------- */

bool vn_cp_str_eq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static double unit_compat_rules(const vn_compare_rules *r, const char *a, const char *b)
{
    if (!a || !b)
        return !a && !b ? 1.0 : 0.0;
    if (strcmp(a, b) == 0)
        return 1.0;
    for (size_t i = 0; r && i < r->ncompat; i++)
        if ((vn_cp_str_eq(r->compat[i].a, a) && vn_cp_str_eq(r->compat[i].b, b)) ||
            (vn_cp_str_eq(r->compat[i].a, b) && vn_cp_str_eq(r->compat[i].b, a)))
            return r->compat[i].factor;
    return 0.0;
}

double vn_unit_compat(const vnplan_grammar *g, const char *a, const char *b)
{
    return unit_compat_rules(g ? g->compare : NULL, a, b);
}

bool vn_cp_values_equal(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-9 * (scale > 1 ? scale : 1);
}

static bool is_absolute(const vn_compare_rules *r, const char *cls)
{
    for (size_t i = 0; cls && r && i < r->nabsolute; i++)
        if (strcmp(r->absolute[i], cls) == 0)
            return true;
    return false;
}

static bool is_ceiling(const vn_compare_rules *r, int c)
{
    return r && c >= 0 && c < VN_CMP__COUNT && r->ceiling[c];
}

vn_dir vn_cp_value_direction(const vn_compare_rules *r, const cx_params *p, const vn_target *b, const vn_target *t)
{
    if (vn_cp_values_equal(b->value, t->value) || isnan(b->value) || isnan(t->value))
        return VN_DIR_NONE;
    /* figures of two classes compare only as two absolute amounts (a
     * number against a number a year); a multiple of a base year ("gấp 2
     * lần") is neither more nor less than 80.000 người/năm */
    if (!vn_cp_str_eq(b->unit_class, t->unit_class) && !(is_absolute(r, b->unit_class) && is_absolute(r, t->unit_class)))
        return VN_DIR_DIFFERENT;
    if (is_absolute(r, b->unit_class) && b->value > 0 && t->value >= 0 && t->value <= b->value * p->localized_ratio)
        return VN_DIR_LOCALIZED;
    bool up = t->value > b->value;
    if (is_ceiling(r, b->cmp))
        return up ? VN_DIR_LOOSER : VN_DIR_STRICTER;
    return up ? VN_DIR_STRICTER : VN_DIR_LOOSER;
}

vn_dir vn_value_direction(const vnplan_grammar *g, const vn_target *base, const vn_target *plan)
{
    cx_params p;
    const vn_compare_rules *r = g ? g->compare : NULL;
    vn_cp_cx_params_load(r, &p);
    return vn_cp_value_direction(r, &p, base, plan);
}

/* How much a comparator asks, on its side: floors ~ < = < >= < >, ceilings
 * ~ < = < <= < <.  "khoảng" asks least, a strict bound most. */
static int cmp_rank(const vn_compare_rules *r, int c)
{
    switch (c) {
    case VN_CMP_APPROX: return 0;
    case VN_CMP_EQ: return 1;
    default: break;
    }
    (void)r;
    return c == VN_CMP_GT || c == VN_CMP_LT ? 3 : 2;
}

vn_dir vn_cp_comparator_direction(const vn_compare_rules *r, int bc, int pc)
{
    if (bc == pc)
        return VN_DIR_NONE;
    bool bceil = is_ceiling(r, bc), pceil = is_ceiling(r, pc);
    bool pfloor = pc == VN_CMP_GE || pc == VN_CMP_GT;
    /* a target that is no ceiling ("=", "~" too) asks for at least its
     * figure, as vn_cp_value_direction reads it: "đạt 35%" -> "dưới 35%"
     * turns it into a ceiling */
    if ((bceil && pfloor) || (!bceil && pceil))
        return VN_DIR_DIFFERENT;
    int rb = cmp_rank(r, bc), rp = cmp_rank(r, pc);
    if (rp == rb)
        return VN_DIR_DIFFERENT;
    return rp > rb ? VN_DIR_STRICTER : VN_DIR_LOOSER;
}

vn_dir vn_comparator_direction(const vnplan_grammar *g, int base_cmp, int plan_cmp)
{
    return vn_cp_comparator_direction(g ? g->compare : NULL, base_cmp, plan_cmp);
}

/* ---- text helpers ---------------------------------------------------------------------------- */

double vn_text_similarity(const vnplan_grammar *g, const char *a, const char *b)
{
    cx c;
    vn_cp_cx_init(&c, g ? g : vnplan_grammar_default());
    vn_arena ar = {0};
    fset fa, fb;
    vn_cp_fset_make(&c, a ? a : "", a ? strlen(a) : 0, NULL, &fa, &ar);
    vn_cp_fset_make(&c, b ? b : "", b ? strlen(b) : 0, NULL, &fb, &ar);
    vn_cp_fset_weigh(&c, &fa, false);
    vn_cp_fset_weigh(&c, &fb, false);
    double s = vn_cp_fset_cosine(&fa, &fb);
    vn_arena_free(&ar);
    vn_cp_cx_free(&c);
    return s;
}

bool vn_cp_cx_unconfirmed(cx *c, const char *s, size_t n)
{
    if (!c->unconfirmed.n || !n)
        return false;
    u32v v = {0};
    vn_cp_cx_syllables(c, s, n, &v);
    bool hit = false;
    for (size_t i = 0; i < v.n && !hit; i++)
        hit = vn_cp_cx_match_at(&c->unconfirmed, v.v, v.n, i) != NULL;
    free(v.v);
    return hit;
}

bool vn_says_unconfirmed(const vnplan_grammar *g, const char *text)
{
    cx c;
    vn_cp_cx_init(&c, g ? g : vnplan_grammar_default());
    bool r = text && vn_cp_cx_unconfirmed(&c, text, strlen(text));
    vn_cp_cx_free(&c);
    return r;
}

/* The level-free key of a body's name. */
void vn_cp_cx_body_key(cx *c, const char *name, size_t n, vn_buf *out)
{
    u32v raw = {0}, syn = {0}, strip = {0};
    vn_cp_cx_syllables(c, name, n, &raw);
    vn_cp_cx_rewrite(&c->body_synonyms, &raw, &syn);
    vn_cp_cx_rewrite(&c->body_strip, &syn, &strip);
    size_t start = 0;
    const cx_phrase *lv = strip.n && c->body_level.n ? vn_cp_cx_match_at(&c->body_level, strip.v, strip.n, 0) : NULL;
    if (lv && lv->nfrom < strip.n)
        start = lv->nfrom;
    for (size_t i = start; i < strip.n; i++) {
        if (i > start)
            vn_buf_putc(out, ' ');
        vn_buf_put(out, c->words[strip.v[i]], c->wlen[strip.v[i]]);
    }
    vn_buf_cstr(out);
    free(raw.v);
    free(syn.v);
    free(strip.v);
}

void vn_body_key(const vnplan_grammar *g, const char *name, vn_buf *out)
{
    cx c;
    vn_cp_cx_init(&c, g ? g : vnplan_grammar_default());
    vn_cp_cx_body_key(&c, name ? name : "", name ? strlen(name) : 0, out);
    vn_cp_cx_free(&c);
}

/* ---- documents -------------------------------------------------------------------------------- */

/* A node's own words: title and text, rendered. */
void vn_cp_node_words(const vnplan_doc *doc, size_t k, vn_buf *out)
{
    const vn_node *n = &doc->nodes[k];
    vn_buf_clear(out);
    if (n->title.end > n->title.start)
        vn_render_span(doc, n->title, out);
    if (n->text.end > n->text.start) {
        if (out->len)
            vn_buf_putc(out, ' ');
        vn_render_node_text(doc, n, out);
    }
}

/* Every node of the subtree of `top` in document order, without
 * recursion; a damaged tree (a cycle) cannot loop: at most nnodes visits. */
size_t vn_cp_subtree(const vnplan_doc *doc, size_t top, u32v *out)
{
    out->n = 0;
    if (top >= doc->nnodes)
        return 0;
    vn_cp_u32_push(out, (uint32_t)top);
    size_t visits = 1;
    int32_t k = doc->nodes[top].first_child;
    int32_t *stack = NULL;
    size_t depth = 0, cap = 0;
    while (k >= 0 && (size_t)k < doc->nnodes && visits < doc->nnodes) {
        vn_cp_u32_push(out, (uint32_t)k);
        visits++;
        int32_t c = doc->nodes[k].first_child;
        if (c >= 0 && (size_t)c < doc->nnodes) {
            VN_PUSH(stack, depth, cap) = k;
            k = c;
            continue;
        }
        int32_t nx = doc->nodes[k].next;
        while (nx < 0 && depth > 0)
            nx = doc->nodes[stack[--depth]].next;
        k = nx;
    }
    free(stack);
    return out->n;
}

void vn_cp_subtree_words(const vnplan_doc *doc, size_t top, vn_buf *out)
{
    u32v nodes = {0};
    vn_buf one = {0};
    vn_buf_clear(out);
    vn_cp_subtree(doc, top, &nodes);
    for (size_t i = 0; i < nodes.n; i++) {
        vn_cp_node_words(doc, nodes.v[i], &one);
        if (!one.len)
            continue;
        if (out->len)
            vn_buf_putc(out, ' ');
        vn_buf_put(out, one.data, one.len);
    }
    vn_buf_cstr(out);
    vn_buf_free(&one);
    free(nodes.v);
}

/* The first node labelled `label` (top-level sections come first in
 * document order). */
int32_t vn_cp_find_section(const vnplan_doc *doc, vn_label label)
{
    for (size_t k = 0; k < doc->nnodes; k++)
        if (doc->nodes[k].label == label && doc->nodes[k].kind != VN_KIND_FIELD)
            return (int32_t)k;
    return -1;
}

/* Children that name a group or a body: numbered sections and headings;
 * when there are none, items. */
void vn_cp_section_children(const vnplan_doc *doc, int32_t sec, u32v *out)
{
    out->n = 0;
    if (sec < 0)
        return;
    size_t guard = 0;
    for (int32_t k = doc->nodes[sec].first_child; k >= 0 && (size_t)k < doc->nnodes && guard < doc->nnodes;
         k = doc->nodes[k].next, guard++) {
        const vn_node *n = &doc->nodes[k];
        if ((n->kind == VN_KIND_SECTION || n->kind == VN_KIND_HEADING) && n->title.end > n->title.start)
            vn_cp_u32_push(out, (uint32_t)k);
    }
    if (out->n)
        return;
    guard = 0;
    for (int32_t k = doc->nodes[sec].first_child; k >= 0 && (size_t)k < doc->nnodes && guard < doc->nnodes;
         k = doc->nodes[k].next, guard++)
        if (doc->nodes[k].kind == VN_KIND_ITEM || doc->nodes[k].kind == VN_KIND_SECTION)
            vn_cp_u32_push(out, (uint32_t)k);
}

bool vn_cp_unverified(const vn_target *t)
{
    return t->confidence && strcmp(t->confidence, "confirmed") != 0;
}

/* ---- scoring ----------------------------------------------------------------------------------- */

/* A quantified target that takes part in the comparison. */
bool vn_cp_live(const side *S, size_t i)
{
    return !S->doc->targets[i].qualitative && !S->past[i];
}

/* How many kept quantified targets of the document share each target's
 * unit class (restatements not counted). */
void vn_cp_count_classes(side *S)
{
    const vnplan_doc *d = S->doc;
    size_t n = d->ntargets;
    S->class_count = vn_xcalloc(n + 1, sizeof *S->class_count);
    /* classes are few: a small table of (name, count) */
    const char *names[64];
    uint32_t counts[64];
    size_t nn = 0;
    for (size_t i = 0; i < n; i++) {
        const vn_target *t = &d->targets[i];
        if (!vn_cp_live(S, i) || S->dup_of[i] >= 0)
            continue;
        const char *cl = t->unit_class ? t->unit_class : "";
        size_t k = 0;
        while (k < nn && strcmp(names[k], cl) != 0)
            k++;
        if (k == nn && nn < 64) {
            names[nn] = cl;
            counts[nn++] = 0;
        }
        if (k < nn)
            counts[k]++;
    }
    for (size_t i = 0; i < n; i++) {
        const char *cl = d->targets[i].unit_class ? d->targets[i].unit_class : "";
        for (size_t k = 0; k < nn; k++)
            if (!strcmp(names[k], cl))
                S->class_count[i] = counts[k];
    }
}

double vn_cp_phase_factor(const cx *c, uint16_t a, uint16_t b)
{
    if (a == b)
        return 1.0;
    if (a == VN_PHASE_NONE || b == VN_PHASE_NONE)
        return c->p.phase_unknown;
    return c->p.phase_other;
}

/* The score of a pair without the parent factor. */
/* The series of each target: the targets of the same document that state
 * the same indicator for another phase (same unit class, both phases
 * stated and different, similar words, no exclusive topics).  A decision
 * often words one indicator differently from phase to phase ("thu hút người
 * có trình độ tiến sĩ ... đang làm việc ở nước ngoài" for 2030, "thu hút tiến
 * sĩ ... từ nước ngoài" for 2035); the words of the whole series then speak
 * for each member, and the phase tells the members apart. */
#define VN_SERIES_MAX_TARGETS 2000

void vn_cp_find_series(const cx *c, side *S)
{
    const vnplan_doc *d = S->doc;
    size_t n = d->ntargets;
    S->ser_off = vn_xcalloc(n + 2, sizeof *S->ser_off);
    u32v all = {0};
    for (size_t i = 0; i < n; i++) {
        S->ser_off[i] = (uint32_t)all.n;
        vn_cp_u32_push(&all, (uint32_t)i);
        const vn_target *a = &d->targets[i];
        if (n > VN_SERIES_MAX_TARGETS || !vn_cp_live(S, i) || a->phase <= VN_PHASE_GENERAL)
            continue;
        for (size_t k = 0; k < n; k++) {
            const vn_target *b = &d->targets[k];
            if (k == i || !vn_cp_live(S, k) || b->phase <= VN_PHASE_GENERAL || b->phase == a->phase)
                continue;
            if (!vn_cp_str_eq(a->unit_class, b->unit_class) || (a->parent >= 0) != (b->parent >= 0))
                continue;
            if (vn_cp_fset_cosine(&S->ind[i], &S->ind[k]) >= c->p.series &&
                !vn_cp_side_exclusive(c, S, i, S, k) && !vn_cp_side_exclusive(c, S, k, S, i))
                vn_cp_u32_push(&all, (uint32_t)k);
        }
    }
    S->ser_off[n] = (uint32_t)all.n;
    S->ser = all.v ? all.v : vn_xcalloc(1, sizeof *S->ser);
}

/* The similarity of two targets' words: the best over their series. */
static double series_similarity(const side *B, size_t i, const side *P, size_t j)
{
    double best = 0;
    for (uint32_t a = B->ser_off[i]; a < B->ser_off[i + 1]; a++)
        for (uint32_t b = P->ser_off[j]; b < P->ser_off[j + 1]; b++) {
            double s = vn_cp_fset_cosine(&B->ind[B->ser[a]], &P->ind[P->ser[b]]);
            if (s > best)
                best = s;
        }
    return best;
}

/* Whether another member of target x's series states a phase nearer to
 * `phase` than x does: then that member answers for it.  A plan giving an
 * indicator for 2027 and 2030 answers a 2035 target with its 2030 figure (if
 * at all), never with the 2027 step; a decision giving 2030 and 2035 figures
 * meets a plan's lone 2030 figure with its 2030 one. */
static bool nearer_in_series(const side *S, size_t x, uint16_t phase)
{
    const vnplan_doc *d = S->doc;
    uint16_t own = d->targets[x].phase;
    if (own <= VN_PHASE_GENERAL || phase <= VN_PHASE_GENERAL || own == phase)
        return false;
    unsigned dist = own > phase ? own - phase : phase - own;
    for (uint32_t a = S->ser_off[x]; a < S->ser_off[x + 1]; a++) {
        uint16_t p = d->targets[S->ser[a]].phase;
        if (S->ser[a] != x && p > VN_PHASE_GENERAL && (unsigned)(p > phase ? p - phase : phase - p) < dist)
            return true;
    }
    return false;
}

/* Two targets whose fields neither hold the other ("trí tuệ nhân tạo" and
 * "sinh học") measure different things, however alike their words. */
bool vn_cp_fields_disjoint(const cx *c, const side *B, size_t i, const side *P, size_t j)
{
    const char *fb = B->parts ? B->parts[i][VN_PART_FIELD] : NULL;
    const char *fp = P->parts ? P->parts[j][VN_PART_FIELD] : NULL;
    if (!fb || !fp)
        return false;
    return vn_parts_relation(c->grammar, VN_PART_FIELD, fb, fp) == VN_PART_OTHER;
}

/* Two targets that count bodies on one side and people on the other ("Tỷ
 * lệ trường trung học phổ thông có phòng học STEM", "30% doanh nghiệp ..."
 * against "tỷ lệ người học ...") measure different things. */
static bool populations_apart(const cx *c, const side *B, size_t i, const side *P, size_t j)
{
    const char *pb = B->parts ? B->parts[i][VN_PART_POPULATION] : NULL;
    const char *pp = P->parts ? P->parts[j][VN_PART_POPULATION] : NULL;
    return pb && pp && vn_parts_is_body(c->grammar, pb) != vn_parts_is_body(c->grammar, pp);
}

/* The most distinct words of one part a baseline is looked at for: a real
 * decision names a dozen fields and levels; past this many (a hostile
 * document) no plan part is taken for foreign, as before the rule. */
#define VN_MAX_BASE_PARTS 256

/* Whether some plan targets name, for `part`, only words that no target of
 * the baseline names, holds or is held by: levels the decision has no
 * target for (cao đẳng, trung cấp).  Sets bit 1 << part of P->foreign. */
static void mark_foreign(const cx *c, const side *B, side *P, int part)
{
    const char *names[VN_MAX_BASE_PARTS];
    size_t nn = 0;
    for (size_t i = 0; i < B->doc->ntargets; i++) {
        const char *f = B->parts ? B->parts[i][part] : NULL;
        if (!f)
            continue;
        size_t k = 0;
        while (k < nn && strcmp(names[k], f) != 0)
            k++;
        if (k < nn)
            continue;
        if (nn == VN_MAX_BASE_PARTS)
            return;
        names[nn++] = f;
    }
    for (size_t j = 0; j < P->doc->ntargets; j++) {
        const char *f = P->parts ? P->parts[j][part] : NULL;
        bool foreign = f != NULL;
        for (size_t k = 0; k < nn && foreign; k++)
            foreign = vn_parts_disjoint(c->grammar, part, names[k], f);
        if (foreign)
            P->foreign[j] |= (uint8_t)(1u << part);
    }
}

/* A level the baseline names belongs to the baseline's targets that name
 * it: "tiến sĩ" beside "kỹ sư, thạc sĩ" is another indicator.  One it
 * names nowhere ("cao đẳng, trung cấp") is the plan's own way of keeping a
 * decision target (a scope note says so). */
void vn_cp_mark_foreign(const cx *c, const side *B, side *P)
{
    P->foreign = vn_xcalloc(P->doc->ntargets + 1, 1);
    mark_foreign(c, B, P, VN_PART_LEVEL);
}

static bool foreign(const side *P, size_t j, int part)
{
    return P->foreign && (P->foreign[j] >> part & 1u);
}

/* Whether baseline part a names a field (a level) of its own, not its
 * whole's, that the plan's `words` are, or lie within. */
static bool part_holds(const cx *c, const side *B, size_t a, int part, const char *whole, const char *words)
{
    const char *own = B->parts[a][part];
    if (!own || (whole && !strcmp(own, whole)))
        return false;
    vn_part_relation r = vn_parts_relation(c->grammar, part, own, words);
    return r == VN_PART_SAME || r == VN_PART_NARROWER;
}

/* Whether plan target j, not a part, states a "trong đó" part of baseline
 * target i in a sentence of its own: it names the field or the level that
 * sets the part apart from its whole (the same, or one within it), narrower
 * than the whole's.  "Tỷ lệ người học theo học các ngành khoa học cơ bản đạt
 * tối thiểu 2,5%" is the decision's "trong đó ít nhất 2,5% thuộc các ngành
 * khoa học cơ bản", and "Tỷ lệ người học các ngành STEM trình độ kỹ sư, thạc
 * sĩ đạt ít nhất 10%" its engineers' and masters' part, not its share of
 * learners in STEM narrowed.  With a >= 0, whether j so states part a of
 * its whole i; with a = -1, any part of whole i. */
static bool states_part_alone(const cx *c, const side *B, size_t i, int32_t a, const side *P, size_t j)
{
    static const int kinds[] = {VN_PART_FIELD, VN_PART_LEVEL};
    if (!B->parts || !P->parts || P->doc->targets[j].parent >= 0 || B->first_part[i] < 0)
        return false;
    for (size_t k = 0; k < VN_COUNT(kinds); k++) {
        const char *words = P->parts[j][kinds[k]], *whole = B->parts[i][kinds[k]];
        if (!words || vn_parts_relation(c->grammar, kinds[k], whole, words) != VN_PART_NARROWER)
            continue;
        if (a >= 0 && part_holds(c, B, (size_t)a, kinds[k], whole, words))
            return true;
        size_t guard = 0;
        for (int32_t x = B->first_part[i]; a < 0 && x >= 0 && guard++ < B->doc->ntargets; x = B->next_part[x])
            if (part_holds(c, B, (size_t)x, kinds[k], whole, words))
                return true;
    }
    return false;
}

double vn_cp_pair_raw(const cx *c, const side *B, size_t i, const side *P, size_t j)
{
    const vn_target *b = &B->doc->targets[i], *t = &P->doc->targets[j];
    /* a decision's field that stands for a list each government draws up
     * ("công nghệ chiến lược") is the one a plan fills with its own sectors:
     * other words there keep the target, with a scope note, where the plan
     * keeps its place too ("trong đó 02 nhóm thuộc lĩnh vực ... là thế mạnh
     * của tỉnh" for "trong đó 20 nhóm thuộc lĩnh vực công nghệ chiến
     * lược"); a whole over the province's sectors is its whole's */
    bool own_list = B->parts && (b->parent >= 0) == (t->parent >= 0) &&
                    vn_parts_own_list(c->grammar, VN_PART_FIELD, B->parts[i][VN_PART_FIELD]);
    if ((!own_list && vn_cp_fields_disjoint(c, B, i, P, j)) || populations_apart(c, B, i, P, j))
        return 0;
    if (nearer_in_series(P, j, b->phase) || nearer_in_series(B, i, t->phase))
        return 0;
    double uf = unit_compat_rules(c->rules, b->unit_class, t->unit_class);
    if (uf <= 0)
        return 0;
    /* "1.000 lượt" and "Hằng năm ... từ 3 đến 5 lượt": classes apart only
     * by the period the sentence gives, the unit one word: the same thing
     * counted, as two counts of it are */
    if (uf < 1 && b->unit && t->unit && vn_cp_str_eq(b->unit, t->unit))
        uf = 1;
    double sim = series_similarity(B, i, P, j);
    if (sim <= 0)
        return 0;
    /* the only target of a unit class on each side ("người/1 vạn dân"): the
     * class itself says they measure the same thing, once the words agree a little */
    if (uf >= 1 && B->class_count[i] == 1 && P->class_count[j] == 1 && sim >= c->p.unique_class_min)
        sim += (1 - sim) * c->p.unique_class_bonus;
    /* two "trong đó" parts say little more than their field or level: one
     * both name and that agrees (the same, or one within the other: "công
     * nghệ thông tin - truyền thông, vi mạch bán dẫn và AI" among "các ngành
     * liên quan tới công nghệ số", "đại học và sau đại học" holding "kỹ sư,
     * thạc sĩ") speaks for the pair where its few words, written otherwise,
     * do not; whether their wholes are one target is the parent factor's.
     * A plan's own sectors where the decision names a list each government
     * draws up ("nông nghiệp công nghệ cao, năng lượng tái tạo" for "công
     * nghệ chiến lược") take its place as well as its members would */
    static const int agreeing[] = {VN_PART_FIELD, VN_PART_LEVEL};
    bool parts_both = b->parent >= 0 && t->parent >= 0;
    for (size_t k = 0; k < VN_COUNT(agreeing) && parts_both && B->parts && P->parts; k++) {
        const char *pb = B->parts[i][agreeing[k]], *pp = P->parts[j][agreeing[k]];
        if (pb && pp &&
            ((agreeing[k] == VN_PART_FIELD && own_list) ||
             vn_parts_relation(c->grammar, agreeing[k], pb, pp) != VN_PART_OTHER))
            sim += (1 - sim) * c->p.parts_agree;
    }
    /* a part the plan states in a sentence of its own, its whole's words
     * and its field ("Tỷ lệ học sinh … theo học các ngành liên quan tới
     * công nghệ số không thấp hơn 18%" for "trong đó ít nhất 18% thuộc các
     * ngành liên quan tới công nghệ số"): the field, the same or within the
     * part's, speaks for the pair as it does between two parts; a wider
     * field ("STEM") is the whole's */
    if (b->parent >= 0 && t->parent < 0 && B->parts && P->parts && B->parts[i][VN_PART_FIELD] &&
        P->parts[j][VN_PART_FIELD]) {
        vn_part_relation r = vn_parts_relation(c->grammar, VN_PART_FIELD, B->parts[i][VN_PART_FIELD],
                                               P->parts[j][VN_PART_FIELD]);
        if (r == VN_PART_SAME || r == VN_PART_NARROWER)
            sim += (1 - sim) * c->p.parts_agree;
    }
    double s = sim * uf * vn_cp_phase_factor(c, b->phase, t->phase);
    s *= vn_cp_values_equal(b->value, t->value) ? c->p.value_same : c->p.value_other;
    if (t->section != VN_LABEL_MUC_TIEU && t->section != b->section)
        s *= c->p.section_other;
    if (vn_cp_side_exclusive(c, B, i, P, j))
        s *= c->p.exclusive_factor;
    /* a part stated in a sentence of its own is the part's, not the whole's */
    if (b->parent < 0 && states_part_alone(c, B, i, -1, P, j))
        s *= c->p.exclusive_factor;
    /* levels with nothing in common ("kỹ sư, thạc sĩ" and "tiến sĩ", which
     * the baseline counts in a target of its own) are exclusive topics;
     * levels that overlap, hold one another (grammars/indicators.txt
     * [within]) or that the baseline names nowhere are a scope note */
    if (B->parts && P->parts && !foreign(P, j, VN_PART_LEVEL) &&
        vn_parts_disjoint(c->grammar, VN_PART_LEVEL, B->parts[i][VN_PART_LEVEL], P->parts[j][VN_PART_LEVEL]))
        s *= c->p.exclusive_factor;
    return s > 1 ? 1 : s;
}

size_t vn_cp_sparse_find(const cp_sparse *sp, size_t i, size_t j)
{
    size_t lo = sp->rp[i], hi = sp->rp[i + 1];
    while (lo < hi) { /* row i's columns are increasing */
        size_t mid = lo + (hi - lo) / 2;
        if (sp->col[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sp->rp[i + 1] && sp->col[lo] == j ? lo : SIZE_MAX;
}

/* The raw score of the pair (i, j), 0 when the pair is not among those
 * that score. */
double vn_cp_sparse_raw(const cp_sparse *sp, size_t i, size_t j)
{
    size_t e = vn_cp_sparse_find(sp, i, j);
    return e != SIZE_MAX ? sp->raw[e] : 0;
}

/* How well the "trong đó" parts of two targets match: for each part of the
 * baseline target, its best match among the parts of the plan target,
 * averaged.  Parts that agree make it likelier that their wholes are one
 * target ("đạt 35%, trong đó 2,5% ... và 18% ..."). */
static double parts_support(const side *B, size_t i, const side *P, size_t j, const cp_sparse *sp)
{
    double sum = 0;
    size_t count = 0, guard = 0;
    for (int32_t a = B->first_part[i]; a >= 0 && guard++ < B->doc->ntargets; a = B->next_part[a]) {
        double best = 0;
        size_t guard2 = 0;
        for (int32_t b = P->first_part[j]; b >= 0 && guard2++ < P->doc->ntargets; b = P->next_part[b])
            if (vn_cp_sparse_raw(sp, (size_t)a, (size_t)b) > best)
                best = vn_cp_sparse_raw(sp, (size_t)a, (size_t)b);
        sum += best;
        count++;
    }
    return count ? sum / (double)count : 0;
}

double vn_cp_pair_score(const cx *c, const side *B, size_t i, const side *P, size_t j, double raw,
                        const cp_sparse *sp)
{
    double s = raw;
    if (s <= 0)
        return 0;
    if (B->first_part[i] >= 0 && P->first_part[j] >= 0)
        s *= 1 + c->p.child_weight * parts_support(B, i, P, j, sp);
    int32_t pb = B->doc->targets[i].parent, pp = P->doc->targets[j].parent;
    bool hb = pb >= 0 && (size_t)pb < B->doc->ntargets, hp = pp >= 0 && (size_t)pp < P->doc->ntargets;
    /* a part the plan states in a sentence of its own (its field sets it
     * apart from its whole) is no part against a whole */
    if (hb != hp && !(hb && states_part_alone(c, B, (size_t)pb, (int32_t)i, P, j))) {
        s *= c->p.parent_one_sided;
    } else if (hb && hp) {
        double ps = vn_cp_sparse_raw(sp, (size_t)pb, (size_t)pp) / c->p.certain;
        if (ps > 1)
            ps = 1;
        s *= 1 - c->p.parent_weight + c->p.parent_weight * ps;
    }
    return s > 1 ? 1 : s;
}

/* Restatements are looked for among targets of one unit class and value;
 * in a hostile document where thousands share them, each is compared with
 * this many of its neighbours on each side at most.  Small, because the
 * work per target grows with the group until the group is twice this
 * size: with 256, a baseline of 64.000 targets in 100 groups still cost
 * 3x per doubling of its size (tools/bench-growth.sh, case chain).  The
 * plans and decisions of the corpus and fixtures share a class and value
 * among 4 targets at most, so none of theirs is windowed. */
#define VN_DUP_WINDOW 32

typedef struct dup_key {
    const char *cls;
    double value;
    uint32_t index;
} dup_key;

static int cmp_dup_key(const void *a, const void *b)
{
    const dup_key *x = a, *y = b;
    int c = strcmp(x->cls, y->cls);
    if (c)
        return c;
    if (!vn_cp_values_equal(x->value, y->value)) {
        if (isnan(x->value) != isnan(y->value))
            return isnan(x->value) ? 1 : -1;
        return x->value < y->value ? -1 : 1;
    }
    return x->index < y->index ? -1 : 1;
}

/* Plan targets that restate another of the same document: same unit class
 * and value, compatible comparator and phase, a similar indicator; a part
 * restates a part only when their wholes are one target.  The one kept is
 * the one in the objectives section, else the one with a phase, else the
 * first stated. */
void vn_cp_find_duplicates(const cx *c, side *S)
{
    const vnplan_doc *d = S->doc;
    size_t n = d->ntargets;
    for (size_t i = 0; i < n; i++)
        S->dup_of[i] = -1;
    dup_key *keys = vn_xmalloc((n + 1) * sizeof *keys);
    size_t nq = 0;
    for (size_t i = 0; i < n; i++)
        if (vn_cp_live(S, i)) {
            keys[nq].cls = d->targets[i].unit_class ? d->targets[i].unit_class : "";
            keys[nq].value = d->targets[i].value;
            keys[nq++].index = (uint32_t)i;
        }
    qsort(keys, nq, sizeof *keys, cmp_dup_key);
    uint32_t *order = vn_xmalloc((nq + 1) * sizeof *order);
    for (size_t k = 0; k < nq; k++)
        order[k] = keys[k].index;
    free(keys);
    /* position of each target in `order`, and the extent of its group */
    size_t *pos = vn_xmalloc((n + 1) * sizeof *pos), *gstart = vn_xmalloc((nq + 1) * sizeof *gstart),
           *gend = vn_xmalloc((nq + 1) * sizeof *gend);
    for (size_t a = 0; a < nq;) {
        size_t e = a + 1;
        const vn_target *x = &d->targets[order[a]];
        while (e < nq && vn_cp_str_eq(d->targets[order[e]].unit_class ? d->targets[order[e]].unit_class : "",
                                x->unit_class ? x->unit_class : "") &&
               vn_cp_values_equal(d->targets[order[e]].value, x->value))
            e++;
        for (size_t k = a; k < e; k++) {
            pos[order[k]] = k;
            gstart[k] = a;
            gend[k] = e;
        }
        a = e;
    }
    for (size_t j = 0; j < n; j++) {
        const vn_target *t = &d->targets[j];
        if (!vn_cp_live(S, j))
            continue;
        size_t pj = pos[j];
        size_t lo = gstart[pj], hi = gend[pj];
        if (pj > lo + VN_DUP_WINDOW)
            lo = pj - VN_DUP_WINDOW;
        if (hi > pj + VN_DUP_WINDOW + 1)
            hi = pj + VN_DUP_WINDOW + 1;
        int32_t best = -1;
        double best_s = 0;
        for (size_t q = lo; q < hi; q++) {
            size_t i = order[q];
            const vn_target *u = &d->targets[i];
            if (i == j || S->dup_of[i] >= 0)
                continue;
            if (u->phase != t->phase && u->phase != VN_PHASE_NONE && t->phase != VN_PHASE_NONE)
                continue;
            if ((u->parent >= 0) != (t->parent >= 0))
                continue;
            if (vn_cp_fields_disjoint(c, S, i, S, j))
                continue;
            if (u->parent >= 0 && (size_t)u->parent < n && (size_t)t->parent < n) {
                int32_t ru = S->dup_of[u->parent] >= 0 ? S->dup_of[u->parent] : u->parent;
                int32_t rt = S->dup_of[t->parent] >= 0 ? S->dup_of[t->parent] : t->parent;
                if (ru != rt)
                    continue;
            }
            bool u_first = (u->section == VN_LABEL_MUC_TIEU) != (t->section == VN_LABEL_MUC_TIEU)
                               ? u->section == VN_LABEL_MUC_TIEU
                               : (u->phase != VN_PHASE_NONE) != (t->phase != VN_PHASE_NONE) ? u->phase != VN_PHASE_NONE
                                                                                          : i < j;
            if (!u_first)
                continue;
            double sc = vn_cp_fset_cosine(&S->ind[i], &S->ind[j]);
            if (sc >= c->p.duplicate && sc > best_s) {
                best_s = sc;
                best = (int32_t)i;
            }
        }
        S->dup_of[j] = best;
    }
    /* chains end at a kept target */
    for (size_t j = 0; j < n; j++) {
        int32_t k = S->dup_of[j];
        size_t steps = 0;
        while (k >= 0 && S->dup_of[k] >= 0 && steps++ < n)
            k = S->dup_of[k];
        S->dup_of[j] = k == (int32_t)j ? -1 : k;
    }
    free(order);
    free(pos);
    free(gstart);
    free(gend);
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

double vn_cp_match_confidence(const cx_params *p, double s, double rival)
{
    double c = 0.5 + 0.5 * clamp01((s - p->threshold) / (p->certain - p->threshold));
    double margin = s - rival;
    if (rival > 0 && margin < 0.1)
        c -= 0.25 * (1 - clamp01(margin / 0.1));
    return clamp01(c);
}

double vn_cp_none_confidence(const cx_params *p, double best)
{
    return clamp01(0.5 + 0.5 * clamp01((p->threshold - best) / p->threshold));
}
