/* render_diff_csv.c — the diff report as CSV for a spreadsheet (RFC 4180:
 * fields with a comma, quote or line break are quoted, quotes doubled; LF
 * line ends; valid UTF-8 whatever the documents hold).
 *
 * One table, a row per finding of every plan:
 *
 *   plan,part,base_id,status,changes,confidence,unverified,base_comparator,
 *   base_value,base_phase,base_sentence,plan_id,plan_comparator,plan_value,
 *   plan_phase,plan_line,plan_sentence
 *
 * Comparators are words (equal, at least, more than, at most, less than,
 * about): a cell that starts with "=" is a formula to a spreadsheet.
 *
 * `part` is target (quantified targets: adopted, changed, missing, added),
 * restated (a plan target restating the one above it), qualitative
 * (matched, missing, added), task_group (covered, not_covered, plan_only)
 * or duty (assigned, not_assigned, local).  With several plans a second
 * table follows after an empty line: the summary, a row per baseline target
 * and a column per plan, each cell the status. */
#include "compare.h"
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct cv {
    vn_sink o;
    vn_buf tmp, clean;
    bool first; /* no comma before the first field of a row */
} cv;

static void c_field_n(cv *c, const char *s, size_t n)
{
    if (!c->first)
        vn_sink_putc(&c->o, ',');
    c->first = false;
    /* control characters and bad bytes cleaned first (vn_put_clean) */
    vn_sink tmp = {0};
    tmp.hold = true;
    vn_put_clean(&tmp, s ? s : "", s ? n : 0);
    const char *p = tmp.buf.data ? tmp.buf.data : "";
    size_t len = tmp.buf.len;
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r';
    /* a leading = + - @ would be read as a formula by spreadsheets */
    bool formula = len && (p[0] == '=' || p[0] == '+' || p[0] == '@');
    if (!quote && !formula) {
        vn_sink_put(&c->o, p, len);
    } else {
        vn_sink_putc(&c->o, '"');
        if (formula)
            vn_sink_putc(&c->o, '\'');
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '"')
                vn_sink_putc(&c->o, '"');
            vn_sink_putc(&c->o, p[i]);
        }
        vn_sink_putc(&c->o, '"');
    }
    vn_buf_free(&tmp.buf);
}

static void c_field(cv *c, const char *s) { c_field_n(c, s, s ? strlen(s) : 0); }

static void c_end(cv *c)
{
    vn_sink_putc(&c->o, '\n');
    c->first = true;
}

static void c_num(cv *c, double v)
{
    char num[32];
    snprintf(num, sizeof num, "%.2f", v);
    c_field(c, num);
}

/* Comparators in words: a cell starting with "=" is a formula to a spreadsheet. */
static const char *cmp_words(const vn_target *t)
{
    if (t->qualitative)
        return "";
    switch (t->cmp) {
    case VN_CMP_EQ: return "equal";
    case VN_CMP_GE: return "at least";
    case VN_CMP_GT: return "more than";
    case VN_CMP_LE: return "at most";
    case VN_CMP_LT: return "less than";
    case VN_CMP_APPROX: return "about";
    default: return "";
    }
}

static void c_target_cols(cv *c, const vnplan_doc *doc, int32_t t, bool with_id, bool with_line)
{
    if (t < 0 || (size_t)t >= doc->ntargets) {
        for (int k = 0; k < (with_id ? 1 : 0) + 4 + (with_line ? 1 : 0); k++)
            c_field(c, "");
        return;
    }
    const vn_target *tg = &doc->targets[t];
    char idb[24], ph[8];
    if (with_id)
        c_field(c, vn_render_target_id(doc, (size_t)t, idb));
    c_field(c, cmp_words(tg));
    vn_buf_clear(&c->tmp);
    if (!tg->qualitative) {
        vn_diff_target_value(tg, &c->tmp);
        /* without the comparator symbol, which has its own column */
        const char *sp = memchr(c->tmp.data, ' ', c->tmp.len);
        if (sp) {
            size_t skip = (size_t)(sp - c->tmp.data) + 1;
            memmove(c->tmp.data, c->tmp.data + skip, c->tmp.len - skip);
            c->tmp.len -= skip;
        }
    }
    c_field_n(c, c->tmp.data, c->tmp.len);
    c_field(c, vn_diff_phase(tg->phase, ph));
    if (with_line) {
        char num[24];
        size_t line = vn_diff_target_line(doc, (size_t)t);
        if (line)
            vn_fmt_u64(line, num);
        else
            num[0] = '\0';
        c_field(c, num);
    }
    c_field(c, tg->text ? tg->text : tg->indicator);
}

static void c_plan_name(cv *c, const vnplan_diff *d)
{
    c_field(c, d->plan->name);
}

/* A duty row: the baseline body in base_sentence, the plan's in
 * plan_sentence, who leads in `changes`. */
static void c_duty(cv *c, const vnplan_diff *d, const char *status, const vn_body *b, const vn_body *p)
{
    c_plan_name(c, d);
    c_field(c, "duty");
    c_field(c, "");
    c_field(c, status);
    const char *lead = b && b->lead && p && p->lead ? "lead on both sides"
                       : b && b->lead                 ? "baseline lead"
                       : p && p->lead                 ? "plan lead"
                                                      : "";
    c_field(c, lead);
    for (int k = 0; k < 5; k++) /* confidence, unverified, base_comparator, base_value, base_phase */
        c_field(c, "");
    c_field(c, b ? b->name : "");
    for (int k = 0; k < 4; k++) /* plan_id, plan_comparator, plan_value, plan_phase */
        c_field(c, "");
    char num[24] = "";
    if (p) {
        vnplan_span sp = vnplan_node_span(d->plan, (size_t)p->node);
        if (sp.line)
            vn_fmt_u64(sp.line, num);
    }
    c_field(c, num);
    c_field(c, p ? p->name : "");
    c_end(c);
}

static void c_one(cv *c, const vnplan_diff *d)
{
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        c_plan_name(c, d);
        c_field(c, "target");
        c_field(c, d->base->targets[f->base].id);
        c_field(c, vn_fstatus_name((vn_fstatus)f->status));
        vn_buf_clear(&c->tmp);
        for (size_t k = 0; k < f->nchanges; k++) {
            if (k)
                vn_buf_puts(&c->tmp, "; ");
            vn_diff_change_text(VN_LANG_EN, d, f, &f->changes[k], &c->tmp);
        }
        c_field_n(c, c->tmp.data, c->tmp.len);
        c_num(c, f->confidence);
        c_field(c, f->unverified ? "unverified" : "");
        c_target_cols(c, d->base, f->base, false, false);
        c_target_cols(c, d->plan, f->plan, true, true);
        c_end(c);
        for (uint32_t k = 0; k < f->ndup; k++) {
            c_plan_name(c, d);
            c_field(c, "restated");
            c_field(c, d->base->targets[f->base].id);
            c_field(c, vn_fstatus_name((vn_fstatus)f->status));
            c_field(c, "");
            c_field(c, "");
            c_field(c, "");
            c_target_cols(c, d->base, -1, false, false);
            c_target_cols(c, d->plan, (int32_t)d->dups[f->dup_first + k], true, true);
            c_end(c);
        }
    }
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        for (uint32_t k = 0; k <= a->ndup; k++) {
            c_plan_name(c, d);
            c_field(c, k ? "restated" : "target");
            c_field(c, "");
            c_field(c, "added");
            c_field(c, "");
            c_num(c, a->confidence);
            c_field(c, "");
            c_target_cols(c, d->base, -1, false, false);
            c_target_cols(c, d->plan, k ? (int32_t)d->dups[a->dup_first + k - 1] : a->plan, true, true);
            c_end(c);
        }
    }
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        c_plan_name(c, d);
        c_field(c, "qualitative");
        c_field(c, q->base >= 0 ? d->base->targets[q->base].id : "");
        c_field(c, q->base >= 0 && q->plan >= 0 ? "matched" : q->base >= 0 ? "missing" : "added");
        c_field(c, "");
        c_num(c, q->similarity);
        c_field(c, q->unverified ? "unverified" : "");
        c_target_cols(c, d->base, q->base, false, false);
        c_target_cols(c, d->plan, q->plan, true, true);
        c_end(c);
    }
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        c_plan_name(c, d);
        c_field(c, "task_group");
        vn_buf_clear(&c->tmp);
        if (g->base >= 0)
            vn_render_number(d->base, (size_t)g->base, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len);
        c_field(c, g->base >= 0 ? (g->plan >= 0 ? "covered" : "not_covered") : "plan_only");
        c_field(c, g->unconfirmed ? "title not confirmed" : "");
        c_num(c, g->similarity);
        c_field(c, g->unconfirmed ? "unverified" : "");
        c_field(c, "");
        c_field(c, "");
        c_field(c, "");
        vn_buf_clear(&c->tmp);
        if (g->base >= 0)
            vn_diff_node_heading(d->base, g->base, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len);
        vn_buf_clear(&c->tmp);
        if (g->plan >= 0)
            vn_render_number(d->plan, (size_t)g->plan, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len);
        c_field(c, "");
        c_field(c, "");
        c_field(c, "");
        char num[24] = "";
        if (g->plan >= 0) {
            vnplan_span sp = vnplan_node_span(d->plan, (size_t)g->plan);
            if (sp.line)
                vn_fmt_u64(sp.line, num);
        }
        c_field(c, num);
        vn_buf_clear(&c->tmp);
        if (g->plan >= 0)
            vn_diff_node_heading(d->plan, g->plan, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len);
        c_end(c);
    }
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        const vn_body *p = b->counterpart >= 0 ? &d->plan_bodies[b->counterpart] : NULL;
        c_duty(c, d, b->counterpart >= 0 ? "assigned" : "not_assigned", b, p);
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        const vn_body *b = p->counterpart >= 0 ? &d->base_bodies[p->counterpart] : NULL;
        c_duty(c, d, p->counterpart >= 0 ? "assigned" : "local", b, p);
    }
}

static void c_matrix(cv *c, const vnplan_diff *const *diffs, size_t n)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    c_field(c, "base_id");
    for (size_t k = 0; k < n; k++)
        if (diffs[k]) {
            vn_buf_clear(&c->tmp);
            vn_diff_doc_short(diffs[k]->plan, &c->tmp);
            vn_buf_puts(&c->tmp, " (");
            vn_buf_puts(&c->tmp, diffs[k]->plan->name);
            vn_buf_putc(&c->tmp, ')');
            c_field_n(c, c->tmp.data, c->tmp.len);
        }
    c_end(c);
    for (size_t r = 0; r < nr; r++) {
        c_field(c, ids[r]);
        for (size_t k = 0; k < n; k++)
            if (diffs[k]) {
                const char *st = vn_diff_status_of(diffs[k], ids[r], NULL);
                c_field(c, st ? st : "");
            }
        c_end(c);
    }
    c_field(c, "added");
    for (size_t k = 0; k < n; k++)
        if (diffs[k]) {
            char num[24];
            vn_fmt_u64(diffs[k]->nadded, num);
            c_field(c, num);
        }
    c_end(c);
    free(ids);
}

vnplan_status vn_render_diff_csv(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                 unsigned flags, FILE *out, vn_error *err)
{
    (void)flags;
    cv c;
    memset(&c, 0, sizeof c);
    c.o.f = out;
    c.first = true;
    static const char *const head[] = {"plan",        "part",        "base_id",  "status",     "changes",
                                       "confidence",  "unverified",  "base_comparator", "base_value",
                                       "base_phase",  "base_sentence", "plan_id", "plan_comparator", "plan_value",
                                       "plan_phase",  "plan_line",   "plan_sentence"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        c_field(&c, head[i]);
    c_end(&c);
    size_t count = 0;
    for (size_t k = 0; k < n; k++)
        if (diffs[k]) {
            c_one(&c, diffs[k]);
            count++;
        }
    size_t nfailed = vn_diff_failed_count(diffs, n, failed);
    if (count > 1 || (count && nfailed)) {
        vn_sink_putc(&c.o, '\n');
        c_matrix(&c, diffs, n);
    } else if (nfailed) {
        vn_sink_putc(&c.o, '\n');
    }
    /* the plans that could not be compared: "failed,FILE,reason" rows of the summary table */
    for (size_t k = 0; k < n; k++) {
        const char *name = vn_diff_failed_name(diffs, failed, k);
        if (!name)
            continue;
        c_field(&c, "failed");
        c_field(&c, name);
        c_field(&c, vn_diff_failed_reason(failed, k));
        c_end(&c);
    }
    vn_buf_free(&c.tmp);
    vn_buf_free(&c.clean);
    return vn_sink_finish(&c.o, err);
}
