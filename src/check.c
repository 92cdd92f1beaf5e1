/* check.c — the check stage's core: the rules and whether each is on by
 * default, the findings, grammars/check.txt, and the public API
 * (vnplan_check_*).  The rules themselves are in check_structure.c,
 * check_targets.c and check_refs.c.
 *
 * A rule is on by default only when it was precise on the corpus and the
 * fixtures (every finding read and judged, docs/check.md); the others are
 * there for a reviewer to turn on with --enable. */
#include "check.h"
#include "i18n.h"
#include "compare.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct rule_info {
    const char *id;   /* what --enable and --disable take */
    const char *name; /* what a reader is told (a msgid) */
    bool on;          /* by default */
} rule_info;

static const rule_info rules[VN_RULE__COUNT] = {
    [VN_RULE_NUMBERING] = {"numbering", N_("numbering"), true},
    [VN_RULE_PART_EXCEEDS_TOTAL] = {"part-exceeds-total", N_("a part above its total"), true},
    [VN_RULE_PHASE_REGRESSION] = {"phase-regression", N_("a later phase below an earlier one"), true},
    [VN_RULE_RESTATED_DIFFERENTLY] = {"restated-differently", N_("a target stated twice differently"), true},
    [VN_RULE_CITATION] = {"citation", N_("citation of the decision"), true},
    [VN_RULE_DATE_ORDER] = {"date-order", N_("order of dates"), true},
    [VN_RULE_MISSING_SECTION] = {"missing-section", N_("a missing section"), true},
    [VN_RULE_EMPTY_SECTION] = {"empty-section", N_("an empty section"), true},
    [VN_RULE_PERIOD] = {"period", N_("period of the plan"), true},
    [VN_RULE_ADMIN_LEVEL] = {"admin-level", N_("administrative level"), true},
    [VN_RULE_UNASSIGNED_TASK] = {"unassigned-task", N_("a task nobody is given"), false}, /* cried wolf: docs/check.md */
    [VN_RULE_DEADLINE] = {"deadline", N_("deadline"), true},
};

const char *vn_check_rule_id(vn_rule r) { return (unsigned)r < VN_RULE__COUNT ? rules[r].id : NULL; }
const char *vn_check_rule_words(vn_rule r) { return (unsigned)r < VN_RULE__COUNT ? rules[r].name : NULL; }

size_t vnplan_check_rule_count(void) { return VN_RULE__COUNT; }
const char *vnplan_check_rule_name(size_t i) { return i < VN_RULE__COUNT ? rules[i].id : NULL; }
int vnplan_check_rule_default(size_t i) { return i < VN_RULE__COUNT && rules[i].on; }

const char *vnplan_severity_name(vnplan_severity s)
{
    switch (s) {
    case VNPLAN_SEVERITY_INFO:
        return "info";
    case VNPLAN_SEVERITY_WARNING:
        return "warning";
    case VNPLAN_SEVERITY_ERROR:
        return "error";
    }
    return NULL;
}

/* ---- grammars/check.txt ------------------------------------------------------------ */

/* The phrase blocks of check.txt, each loaded into the field of its name (check.h). */
#define B(field, with_value) VN_PHRASE_BLOCK(struct vn_check_rules, field, with_value)
static const vn_phrase_block check_blocks[] = {
    B(decrease, false), B(abolished_level, true), B(abolished_past, false), B(abolished_after, false),
    B(issuer, true), B(cite_date, false), B(period, false), B(responsible, false),
    B(not_task_group, false), B(vision, false), B(generic, false), B(deadline, false),
    B(section_words, true),
};
#undef B

vnplan_status vn_check_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_check_rules *r = vn_xcalloc(1, sizeof *r);
    g->check = r;
    vnplan_status st;
    if ((st = vn_phrases_load_blocks(r, g, "check.txt", check_blocks, VN_COUNT(check_blocks), err)))
        return st;
    for (size_t k = 0; k < r->abolished_level.n; k++)
        if (vn_check_iso_days(r->abolished_level.v[k].value) < 0)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "check.txt:%u: [abolished_level] rows are YYYY-MM-DD<TAB>PHRASE",
                           r->abolished_level.v[k].line);
    const vn_phrases *need_re[] = {&r->cite_date, &r->period, &r->deadline};
    for (size_t j = 0; j < 3; j++)
        for (size_t k = 0; k < need_re[j]->n; k++)
            if (!need_re[j]->v[k].re)
                return vn_fail(err, VNPLAN_ERR_GRAMMAR, "check.txt:%u: this block needs /patterns/",
                               need_re[j]->v[k].line);
    return VNPLAN_OK;
}

void vn_check_rules_free(struct vn_check_rules *r)
{
    if (!r)
        return;
    vn_phrases_free_blocks(r, check_blocks, VN_COUNT(check_blocks));
    free(r);
}

/* ---- helpers ------------------------------------------------------------------------ */

long vn_check_iso_days(const char *iso)
{
    int y = 0, m = 0, d = 1;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) < 2 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    /* days from a civil date (proleptic Gregorian), enough for ordering */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
}

void vn_check_number(const vnplan_check *ck, double v, vn_buf *out)
{
    char tmp[64];
    if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15)
        snprintf(tmp, sizeof tmp, "%.0f", v);
    else
        snprintf(tmp, sizeof tmp, "%.6g", v);
    char dot = ck->english ? '.' : ',', group = ck->english ? ',' : '.';
    const char *p = tmp;
    if (*p == '-')
        vn_buf_putc(out, *p++);
    size_t intlen = strcspn(p, ".");
    for (size_t i = 0; i < intlen; i++) {
        vn_buf_putc(out, p[i]);
        size_t left = intlen - i - 1;
        if (left && left % 3 == 0 && intlen > 3)
            vn_buf_putc(out, group);
    }
    if (p[intlen] == '.') {
        vn_buf_putc(out, dot);
        vn_buf_puts(out, p + intlen + 1);
    }
}

void vn_check_node_name(const vnplan_doc *doc, size_t node, vn_buf *out)
{
    const vn_node *n = &doc->nodes[node];
    if (n->number.end > n->number.start) {
        vn_render_number(doc, node, out);
        vn_buf_puts(out, ". ");
    }
    vn_buf tmp = {0};
    vn_render_span(doc, n->title.end > n->title.start ? n->title : n->text, &tmp);
    /* a heading's title is enough to name it: its first words */
    size_t cut = tmp.len, words = 0;
    for (size_t i = 0; i < tmp.len; i++)
        if (tmp.data[i] == ' ' && ++words == 12) {
            cut = i;
            break;
        }
    vn_buf_put(out, tmp.data, cut);
    if (cut < tmp.len)
        vn_buf_puts(out, " …");
    vn_buf_free(&tmp);
}

#define EVIDENCE_MAX_BYTES 400 /* the words a finding rests on, shown; longer is cut */

/* Where a span lies in the original file.  A tree read from XML has a
 * synthetic text: its targets and nodes carry the spans of the file it was
 * parsed from, so a finding takes the span of the tightest target, else of
 * the deepest node, that holds its words. */
vnplan_span vn_check_ospan(const vnplan_doc *doc, vn_span span)
{
    if (!doc->from_xml)
        return vn_span_to_orig(doc, span);
    if (doc->target_ospans) {
        int32_t best = -1;
        for (size_t t = 0; t < doc->ntargets; t++) {
            const vn_target *x = &doc->targets[t];
            if (x->span.start <= span.start && span.start < x->span.end &&
                (best < 0 || x->span.end - x->span.start <
                                 doc->targets[best].span.end - doc->targets[best].span.start))
                best = (int32_t)t;
        }
        if (best >= 0) {
            const vn_ospan *o = &doc->target_ospans[best];
            vnplan_span r = {o->start, o->end, o->line, o->end_line};
            return r;
        }
    }
    int32_t node = -1;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        if (n->sub_start <= span.start && span.start < n->sub_end &&
            (node < 0 || n->depth > doc->nodes[node].depth))
            node = (int32_t)i;
    }
    vnplan_span none = {0, 0, 0, 0};
    return node >= 0 ? vn_node_ospan(doc, (size_t)node) : none;
}

void vn_check_add(vn_check_ctx *c, vn_rule rule, vnplan_severity sev, vn_span span, const char *evidence,
                  const char *fmt, ...)
{
    vnplan_check *ck = c->out;
    if (!c->enabled[rule])
        return;
    vn_check_finding *f = &VN_PUSH_ZERO(ck->findings, ck->nfindings, ck->capfindings);
    f->rule = (uint8_t)rule;
    f->severity = (uint8_t)sev;
    f->span = span;
    f->ospan = vn_check_ospan(c->doc, span);
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    f->message = vn_arena_strndup(&ck->arena, msg, strlen(msg));
    vn_buf ev = {0};
    if (evidence)
        vn_buf_puts(&ev, evidence);
    else
        vn_render_span(c->doc, span, &ev);
    size_t cut = ev.len;
    if (cut > EVIDENCE_MAX_BYTES) {
        cut = EVIDENCE_MAX_BYTES;
        while (cut > 0 && ((unsigned char)ev.data[cut] & 0xC0) == 0x80)
            cut--;
    }
    f->evidence = vn_arena_strndup(&ck->arena, ev.data ? ev.data : "", cut);
    vn_buf_free(&ev);
}

/* ---- the run ------------------------------------------------------------------------- */

/* Applies a list "rule,rule" to the enabled set; "all" names every rule. */
static bool apply_list(const char *list, bool value, bool *enabled, vn_error *err, const char *what)
{
    if (!list)
        return true;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ", ");
        if (n) {
            bool found = false;
            if (n == 3 && !strncmp(p, "all", 3)) {
                for (int r = 0; r < VN_RULE__COUNT; r++)
                    enabled[r] = value;
                found = true;
            }
            for (int r = 0; r < VN_RULE__COUNT && !found; r++)
                if (strlen(rules[r].id) == n && !strncmp(rules[r].id, p, n)) {
                    enabled[r] = value;
                    found = true;
                }
            if (!found) {
                char names[512] = "";
                for (int r = 0; r < VN_RULE__COUNT; r++) {
                    size_t used = strlen(names);
                    snprintf(names + used, sizeof names - used, "%s%s", r ? ", " : "", rules[r].id);
                }
                vn_fail(err, VNPLAN_ERR_USAGE, "%s: no rule '%.*s' (rules: %s)", what, (int)n, p, names);
                return false;
            }
        }
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return true;
}

static int by_position(const void *a, const void *b)
{
    const vn_check_finding *x = a, *y = b;
    if (x->ospan.line != y->ospan.line)
        return x->ospan.line < y->ospan.line ? -1 : 1;
    if (x->ospan.start != y->ospan.start)
        return x->ospan.start < y->ospan.start ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static void check_drop(void *ck) { vnplan_check_free(ck); }

/* The run itself, under vnplan_check_run's recovery point: the result is
 * handed to it, and so is the baseline loaded here, so that running out of
 * memory frees both. */
static vnplan_status check_run(const vnplan_doc *plan, const vnplan_doc *base,
                               const struct vn_check_rules *words, const bool *enabled, unsigned flags,
                               vnplan_check **out)
{
    vn_check_ctx c;
    memset(&c, 0, sizeof c);
    memcpy(c.enabled, enabled, sizeof c.enabled);
    vnplan_check *ck = vn_xcalloc(1, sizeof *ck);
    vn_recover_own(ck, check_drop);
    ck->doc = plan;
    ck->english = (flags & VNPLAN_CHECK_ENGLISH) != 0;
    vn_check_i18n_english(ck->english);
    c.doc = plan;
    c.out = ck;
    c.rules = words;
    /* Without a baseline given, the bundled decision the plan implements
     * (if any): a plan of a decision that is not bundled is still checked
     * against itself.  A baseline that could not be loaded for want of
     * memory is not "none": the check fails rather than give a report
     * without the rules that need it. */
    vnplan_doc *own_base = NULL;
    if (!base) {
        char tmp[256];
        vnplan_status bst = vnplan_baseline_for(plan, plan->grammar, &own_base, tmp, sizeof tmp);
        if (bst == VNPLAN_ERR_NOMEM)
            vn_oom();
        if (bst == VNPLAN_OK)
            base = own_base;
    }
    vn_recover_current()->doc = own_base;
    c.base = base;
    vn_check_structure(&c);
    vn_check_targets(&c);
    vn_check_refs(&c);
    vn_recover_current()->doc = NULL;
    vnplan_doc_free(own_base);
    if (ck->nfindings > 1)
        qsort(ck->findings, ck->nfindings, sizeof *ck->findings, by_position);
    vn_check_i18n_english(false);
    vn_recover_own(NULL, NULL);
    *out = ck;
    return VNPLAN_OK;
}

vnplan_status vnplan_check_run(const vnplan_doc *plan, const vnplan_doc *base, const char *enable,
                               const char *disable, unsigned flags, vnplan_check **out, char *errbuf,
                               size_t errlen)
{
    vn_error err = {0};
    *out = NULL;
    if (!plan || !plan->grammar) {
        vn_fail(&err, VNPLAN_ERR_USAGE, "check: no document");
        return vn_error_give(&err, errbuf, errlen);
    }
    /* the built-in grammar compiles its check rules at the first check */
    const struct vn_check_rules *check_rules = vn_grammar_check_rules(plan->grammar, &err);
    if (!check_rules) {
        if (err.status == VNPLAN_OK)
            vn_fail(&err, VNPLAN_ERR_USAGE, "check: no document");
        return vn_error_give(&err, errbuf, errlen);
    }
    bool enabled[VN_RULE__COUNT];
    for (int r = 0; r < VN_RULE__COUNT; r++)
        enabled[r] = rules[r].on;
    if (!apply_list(enable, true, enabled, &err, "--enable") ||
        !apply_list(disable, false, enabled, &err, "--disable")) {
        return vn_error_give(&err, errbuf, errlen);
    }
    /* An allocation failure frees the result and the baseline loaded for
     * it (check_run hands them over) and puts the messages' language back;
     * the rules' temporary buffers may stay allocated, as for a comparison
     * (vnplan.h, "Memory"). */
    vn_recover rec;
    vn_recover_push(&rec);
    if (setjmp(rec.jb)) {
        vn_check_i18n_english(false);
        return vn_recover_nomem(&rec, out, errbuf, errlen);
    }
    vnplan_status st = check_run(plan, base, check_rules, enabled, flags, out);
    vn_recover_pop(&rec);
    return st;
}

void vnplan_check_free(vnplan_check *ck)
{
    if (!ck)
        return;
    free(ck->findings);
    vn_arena_free(&ck->arena);
    free(ck);
}

const vnplan_doc *vnplan_check_doc(const vnplan_check *ck) { return ck->doc; }
size_t vnplan_check_finding_count(const vnplan_check *ck) { return ck->nfindings; }

size_t vnplan_check_count(const vnplan_check *ck, vnplan_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < ck->nfindings; i++)
        n += ck->findings[i].severity == sev;
    return n;
}

const char *vnplan_check_finding_rule(const vnplan_check *ck, size_t i)
{
    return i < ck->nfindings ? rules[ck->findings[i].rule].id : NULL;
}

vnplan_severity vnplan_check_finding_severity(const vnplan_check *ck, size_t i)
{
    return i < ck->nfindings ? (vnplan_severity)ck->findings[i].severity : VNPLAN_SEVERITY_INFO;
}

vnplan_span vnplan_check_finding_span(const vnplan_check *ck, size_t i)
{
    vnplan_span none = {0, 0, 0, 0};
    return i < ck->nfindings ? ck->findings[i].ospan : none;
}

const char *vnplan_check_finding_message(const vnplan_check *ck, size_t i)
{
    return i < ck->nfindings ? ck->findings[i].message : NULL;
}

const char *vnplan_check_finding_evidence(const vnplan_check *ck, size_t i)
{
    return i < ck->nfindings ? ck->findings[i].evidence : NULL;
}

vnplan_status vnplan_check_render_many(const vnplan_check *const *cs, size_t n, vnplan_format format,
                                       unsigned flags, FILE *out, char *errbuf, size_t errlen)
{
    vn_error err = {0};
    /* Out of memory: what was written stays written (the report is then
     * incomplete), the renderer's buffer is freed, the language put back. */
    vn_recover rec;
    vn_recover_push(&rec);
    if (setjmp(rec.jb)) {
        vn_check_i18n_english(false);
        return vn_recover_nomem(&rec, NULL, errbuf, errlen);
    }
    vnplan_status st;
    switch (format) {
    case VNPLAN_FORMAT_TEXT:
        st = vn_check_render_text(cs, n, flags, out, &err);
        break;
    case VNPLAN_FORMAT_JSON:
        st = vn_check_render_json(cs, n, out, &err);
        break;
    case VNPLAN_FORMAT_HTML:
        st = vn_check_render_html(cs, n, out, &err);
        break;
    default:
        st = vn_fail(&err, VNPLAN_ERR_USAGE, "check reports are text, json or html");
        break;
    }
    vn_recover_pop(&rec);
    if (st != VNPLAN_OK)
        vn_error_give(&err, errbuf, errlen);
    return st;
}

vnplan_status vnplan_check_render(const vnplan_check *ck, vnplan_format format, unsigned flags, FILE *out,
                                  char *errbuf, size_t errlen)
{
    const vnplan_check *one[1] = {ck};
    return vnplan_check_render_many(one, 1, format, flags, out, errbuf, errlen);
}
