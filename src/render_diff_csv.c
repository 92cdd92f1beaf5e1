/* render_diff_csv.c — the diff report as CSV for a spreadsheet (RFC 4180:
 * fields with a comma, quote or line break are quoted, quotes doubled; LF
 * line ends; UTF-8 with a byte-order mark, which spreadsheets need to read
 * the file as UTF-8; valid UTF-8 whatever the documents hold).
 *
 * ONE table, a row per finding of every plan (docs/diff.md lists the
 * columns).  The header row is in the report's language (Vietnamese, or the
 * column ids with VNPLAN_RENDER_ENGLISH); the columns are the same either
 * way.  Numbers stand alone in their cells (value, value_max, confidence,
 * line: a plain number with a dot, so that a spreadsheet types them as
 * numbers); the unit and the comparator have their own columns.  A
 * comparator is a symbol (≥ ≤ > < ≈), but equality is written as a word
 * (bằng / equal): a cell that starts with "=" is a formula to a
 * spreadsheet.  Any other cell that starts with = + - @ is quoted and
 * prefixed with ' for the same reason.  The status is both the machine id
 * (status) and its words (status_text).
 *
 * `part` is target (quantified targets: adopted, changed, missing, added),
 * restated (a plan target restating the one above it), qualitative
 * (matched, missing, added), task_group (covered, not_covered, plan_only),
 * duty (assigned, not_assigned, local) or failed (a file that could not be
 * compared; its reason in `changes`).  `scope`, the last column, says what a
 * plan target counts otherwise than the baseline's (who, which level, which
 * field) while its status rests on value, comparator, phase and unit.  The summary across plans is not in
 * this file: it is in the text, HTML and JSON reports. */
#include "compare.h"
#include "render.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct cv {
    vn_sink o;
    vn_buf tmp, clean;
    bool first;     /* no comma before the first field of a row */
    size_t nfields; /* written in this row: c_end fills the rest with empty cells */
    vn_lang lang;
} cv;

#define CSV_COLS 25

static void c_field_n(cv *c, const char *s, size_t n)
{
    if (!c->first)
        vn_sink_putc(&c->o, ',');
    c->first = false;
    c->nfields++;
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

/* Ends a row; the columns it did not fill are empty (most rows have no
 * scope, the last column). */
static void c_end(cv *c)
{
    while (c->nfields < CSV_COLS)
        c_field(c, "");
    vn_sink_putc(&c->o, '\n');
    c->first = true;
    c->nfields = 0;
}

static void c_num(cv *c, double v)
{
    char num[32];
    snprintf(num, sizeof num, "%.2f", v);
    c_field(c, num);
}

/* A figure as the shortest number that reads back the same ("80000", "2.5"). */
static void c_value(cv *c, double v)
{
    char num[40];
    if (vn_fmt_double(v, num))
        c_field(c, num);
    else
        c_field(c, "");
}

static const char *cmp_cell(const cv *c, const vn_target *t)
{
    if (t->qualitative)
        return "";
    if (t->cmp == VN_CMP_EQ)
        return vn_tr(c->lang, N_("equal"));
    const char *s = vn_diff_cmp_symbol(t->cmp);
    return strcmp(s, "?") ? s : "";
}

#define TARGET_COLS 9 /* id, comparator, value, value_max, unit, phase, location, line, sentence */
#define BASE_COLS 7   /* comparator, value, value_max, unit, phase, name, sentence */

static void c_blank(cv *c, int n)
{
    for (int k = 0; k < n; k++)
        c_field(c, "");
}

/* What both sides of a row say of a target's figure: comparator, value,
 * upper value, unit, phase. */
static void c_figure_cols(cv *c, const vn_target *tg)
{
    char ph[8];
    c_field(c, cmp_cell(c, tg));
    if (tg->qualitative) {
        c_blank(c, 3);
    } else {
        c_value(c, tg->value);
        if (tg->value_max > tg->value)
            c_value(c, tg->value_max);
        else
            c_field(c, "");
        c_field(c, tg->unit);
    }
    c_field(c, vn_diff_phase(tg->phase, ph));
}

/* The baseline's side of a row. */
static void c_base_cols(cv *c, const vnplan_doc *doc, int32_t t)
{
    if (t < 0 || (size_t)t >= doc->ntargets) {
        c_blank(c, BASE_COLS);
        return;
    }
    const vn_target *tg = &doc->targets[t];
    c_figure_cols(c, tg);
    vn_buf_clear(&c->tmp);
    vn_diff_target_name(doc, (size_t)t, &c->tmp);
    c_field_n(c, c->tmp.data, c->tmp.len);
    c_field(c, tg->text ? tg->text : tg->indicator);
}

/* The plan's side of a row. */
static void c_target_cols(cv *c, const vnplan_doc *doc, int32_t t)
{
    if (t < 0 || (size_t)t >= doc->ntargets) {
        c_blank(c, TARGET_COLS);
        return;
    }
    const vn_target *tg = &doc->targets[t];
    char idb[24];
    c_field(c, vn_render_target_id(doc, (size_t)t, idb));
    c_figure_cols(c, tg);
    vn_buf_clear(&c->tmp);
    vn_diff_target_where(c->lang, doc, (size_t)t, &c->tmp);
    c_field_n(c, c->tmp.data, c->tmp.len);
    size_t line = vn_diff_target_line(doc, (size_t)t);
    if (line)
        c_value(c, (double)line);
    else
        c_field(c, "");
    c_field(c, tg->text ? tg->text : tg->indicator);
}

/* plan, part, base_id, status, status_text: the first columns of a row. */
static void c_head(cv *c, const char *plan, const char *part, const char *base_id, const char *status,
                   const char *status_word)
{
    c_field(c, plan);
    c_field(c, part);
    c_field(c, base_id);
    c_field(c, status);
    c_field(c, vn_diff_word(c->lang, status_word ? status_word : status));
}

/* A duty row: the baseline body as base_name, the plan's in plan_sentence,
 * who leads in `changes`. */
static void c_duty(cv *c, const vnplan_diff *d, const char *status, const char *word, const vn_body *b,
                   const vn_body *p)
{
    c_head(c, d->plan->name, "duty", "", status, word);
    const char *lead = b && b->lead && p && p->lead ? N_("lead on both sides")
                       : b && b->lead                 ? N_("the baseline's lead body")
                       : p && p->lead                 ? N_("the plan's lead body")
                                                      : NULL;
    c_field(c, lead ? vn_tr(c->lang, lead) : "");
    c_blank(c, 2); /* confidence, unverified */
    c_blank(c, BASE_COLS - 2);
    c_field(c, b ? b->name : "");
    c_field(c, "");
    c_blank(c, TARGET_COLS - 3); /* plan id, comparator, value, value_max, unit, phase */
    vn_buf_clear(&c->tmp);
    if (p)
        vn_diff_node_where(c->lang, d->plan, (size_t)p->node, &c->tmp);
    c_field_n(c, c->tmp.data, c->tmp.len);
    vnplan_span sp = p ? vnplan_node_span(d->plan, (size_t)p->node) : (vnplan_span){0};
    if (sp.line)
        c_value(c, (double)sp.line);
    else
        c_field(c, "");
    c_field(c, p ? p->name : "");
    c_end(c);
}

static void c_changes(cv *c, const vnplan_diff *d, const vn_finding *f)
{
    vn_buf_clear(&c->tmp);
    for (size_t k = 0; k < f->nchanges; k++) {
        if (k)
            vn_buf_puts(&c->tmp, "; ");
        vn_diff_change_text(c->lang, d, f, &f->changes[k], &c->tmp);
    }
    c_field_n(c, c->tmp.data, c->tmp.len);
}

/* What the plan counts otherwise than the baseline, "; " between notes:
 * "trình độ cử nhân, kỹ sư → cao đẳng (khác)". */
static void c_scope(cv *c, const vn_finding *f)
{
    vn_buf_clear(&c->tmp);
    for (size_t k = 0; k < f->nscope; k++) {
        if (k)
            vn_buf_puts(&c->tmp, "; ");
        vn_diff_scope_text(c->lang, &f->scope[k], &c->tmp);
    }
    c_field_n(c, c->tmp.data, c->tmp.len);
}

static const char *unv(const cv *c, bool u) { return u ? vn_diff_word(c->lang, "unverified") : ""; }

static void c_one(cv *c, const vnplan_diff *d)
{
    const char *plan = d->plan->name;
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const char *st = vn_fstatus_name((vn_fstatus)f->status);
        c_head(c, plan, "target", d->base->targets[f->base].id, st, NULL);
        c_changes(c, d, f);
        c_num(c, f->confidence);
        c_field(c, unv(c, f->unverified));
        c_base_cols(c, d->base, f->base);
        c_target_cols(c, d->plan, f->plan);
        c_scope(c, f);
        c_end(c);
        for (uint32_t k = 0; k < f->ndup; k++) {
            c_head(c, plan, "restated", d->base->targets[f->base].id, st, NULL);
            c_blank(c, 3);
            c_base_cols(c, d->base, -1);
            c_target_cols(c, d->plan, (int32_t)d->dups[f->dup_first + k]);
            c_end(c);
        }
    }
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        for (uint32_t k = 0; k <= a->ndup; k++) {
            c_head(c, plan, k ? "restated" : "target", "", "added", NULL);
            c_field(c, "");
            c_num(c, a->confidence);
            c_field(c, "");
            c_base_cols(c, d->base, -1);
            c_target_cols(c, d->plan, k ? (int32_t)d->dups[a->dup_first + k - 1] : a->plan);
            c_end(c);
        }
    }
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        const char *st = vn_diff_qual_status(q);
        c_head(c, plan, "qualitative", q->base >= 0 ? d->base->targets[q->base].id : "", st, NULL);
        c_field(c, "");
        c_num(c, q->similarity);
        c_field(c, unv(c, q->unverified));
        c_base_cols(c, d->base, q->base);
        c_target_cols(c, d->plan, q->plan);
        c_end(c);
    }
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        vn_buf_clear(&c->tmp);
        if (g->base >= 0)
            vn_render_number(d->base, (size_t)g->base, &c->tmp);
        char num[24];
        snprintf(num, sizeof num, "%s", vn_buf_cstr(&c->tmp));
        const char *st = g->base >= 0 ? (g->plan >= 0 ? "covered" : "not_covered") : "plan_only";
        const char *word = vn_diff_group_status(g);
        c_head(c, plan, "task_group", num, st, word);
        c_field(c, g->unconfirmed ? vn_tr(c->lang, N_("title not confirmed")) : "");
        c_num(c, g->similarity);
        c_field(c, unv(c, g->unconfirmed));
        c_blank(c, BASE_COLS - 2);
        vn_buf_clear(&c->tmp);
        if (g->base >= 0)
            vn_diff_node_heading(d->base, g->base, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len); /* base_name */
        c_field(c, "");
        vn_buf_clear(&c->tmp);
        if (g->plan >= 0)
            vn_render_number(d->plan, (size_t)g->plan, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len); /* plan_id: the group's number */
        c_blank(c, TARGET_COLS - 4);
        vn_buf_clear(&c->tmp);
        if (g->plan >= 0)
            vn_diff_node_where(c->lang, d->plan, (size_t)g->plan, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len);
        vnplan_span sp = g->plan >= 0 ? vnplan_node_span(d->plan, (size_t)g->plan) : (vnplan_span){0};
        if (sp.line)
            c_value(c, (double)sp.line);
        else
            c_field(c, "");
        vn_buf_clear(&c->tmp);
        if (g->plan >= 0)
            vn_diff_node_heading(d->plan, g->plan, &c->tmp);
        c_field_n(c, c->tmp.data, c->tmp.len);
        c_end(c);
    }
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        const vn_body *p = b->counterpart >= 0 ? &d->plan_bodies[b->counterpart] : NULL;
        c_duty(c, d, p ? "assigned" : "not_assigned", p ? "assigned" : "not assigned", b, p);
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        const vn_body *b = p->counterpart >= 0 ? &d->base_bodies[p->counterpart] : NULL;
        c_duty(c, d, p->counterpart >= 0 ? "assigned" : "local", p->counterpart >= 0 ? "also" : "local", b, p);
    }
}

/* The columns: ids (the header with VNPLAN_RENDER_ENGLISH) and the
 * Vietnamese header. */
static const char *const csv_cols[] = {
    N_("plan"),          N_("part"),           N_("base_id"),         N_("status"),         N_("status_text"),
    N_("changes"),       N_("confidence"),     N_("unverified"), N_("base_comparator"), N_("base_value"),
    N_("base_value_max"), N_("base_unit"),     N_("base_phase"),      N_("base_name"),       N_("base_sentence"),
    N_("plan_id"),       N_("plan_comparator"), N_("plan_value"),     N_("plan_value_max"),  N_("plan_unit"),
    N_("plan_phase"),    N_("plan_location"),  N_("plan_line"),       N_("plan_sentence"),     N_("scope"),
};
_Static_assert(sizeof csv_cols / sizeof csv_cols[0] == CSV_COLS, "CSV_COLS counts the columns");

vnplan_status vn_render_diff_csv(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                 unsigned flags, FILE *out, vn_error *err)
{
    cv c;
    memset(&c, 0, sizeof c);
    c.o.f = out;
    c.first = true;
    c.lang = vn_lang_of(flags);
    vn_sink_puts(&c.o, "\xEF\xBB\xBF"); /* the byte-order mark: spreadsheets read the file as UTF-8 */
    for (size_t i = 0; i < sizeof csv_cols / sizeof csv_cols[0]; i++)
        c_field(&c, vn_tr(c.lang, csv_cols[i]));
    c_end(&c);
    for (size_t k = 0; k < n; k++)
        if (diffs[k])
            c_one(&c, diffs[k]);
    /* the files that could not be compared: a row each, the reason in `changes` */
    for (size_t k = 0; k < n; k++) {
        const char *name = vn_diff_failed_name(diffs, failed, k);
        if (!name)
            continue;
        c_head(&c, name, "failed", "", "failed", "not compared");
        c_field(&c, failed && failed->reason && failed->reason[k] ? failed->reason[k]
                                                                   : vn_tr(c.lang, N_("could not be compared")));
        c_blank(&c, (int)(sizeof csv_cols / sizeof csv_cols[0]) - 6);
        c_end(&c);
    }
    vn_buf_free(&c.tmp);
    vn_buf_free(&c.clean);
    return vn_sink_finish(&c.o, err);
}
