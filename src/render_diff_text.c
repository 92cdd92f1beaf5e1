/* render_diff_text.c — the diff report for a terminal (the helpers the diff
 * reports share, and the dispatcher, are in render_diff.c).
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
#include "targets_parts.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

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

#define WIDTH_DEFAULT 100 /* columns when the caller gives none (not a terminal) */
#define WIDTH_MIN 40
#define WIDTH_MAX 1000
#define STATUS_COL 26 /* the status column: the longest status and a space */
#define DETAIL_INDENT 6

typedef struct tx {
    vn_sink o;
    bool color;
    vn_lang lang;
    size_t width;
    size_t col; /* characters written on the current line (escapes not counted) */
    vn_buf tmp;
} tx;

static const char *T(const tx *x, const char *msgid) { return vn_tr(x->lang, msgid); }

static void tx_c(tx *x, const char *c)
{
    if (x->color)
        vn_sink_puts(&x->o, c);
}

static void tx_nl(tx *x)
{
    vn_sink_putc(&x->o, '\n');
    x->col = 0;
}

/* Writes s as it is (no wrapping), counting its characters. */
static void tx_raw(tx *x, const char *s, size_t n)
{
    vn_put_clean(&x->o, s, n);
    x->col += vn_utf8_count(s, n);
}

static void tx_s(tx *x, const char *s)
{
    if (s)
        tx_raw(x, s, strlen(s));
}

static void tx_buf(tx *x, vn_buf *b)
{
    if (b->len)
        tx_raw(x, b->data, b->len);
}

static void tx_spaces(tx *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        vn_sink_putc(&x->o, ' ');
    x->col += n;
}

/* Pads to column `to`; past it, one space. */
static void tx_to(tx *x, size_t to) { tx_spaces(x, x->col < to ? to - x->col : 1); }

/* Writes text word by word from the current column, wrapping at the width
 * with following lines indented by `indent` (a word longer than a line
 * goes on a line of its own). */
static void tx_wrap(tx *x, const char *s, size_t n, size_t indent)
{
    size_t i = 0;
    /* text that starts with a space is set off from what stands before it */
    bool first = !(n && vn_is_space(s[0]) && x->col > 0);
    while (i < n) {
        while (i < n && vn_is_space(s[i]))
            i++;
        size_t j = i;
        while (j < n && !vn_is_space(s[j]))
            j++;
        if (j == i)
            break;
        size_t w = vn_utf8_count(s + i, j - i);
        if (!first && x->col + 1 + w > x->width && x->col > indent) {
            tx_nl(x);
            tx_spaces(x, indent);
        } else if (!first) {
            tx_spaces(x, 1);
        }
        vn_put_clean(&x->o, s + i, j - i); /* tx_raw, with the width already counted */
        x->col += w;
        first = false;
        i = j;
    }
}

static void tx_wrap_s(tx *x, const char *s, size_t indent)
{
    if (s)
        tx_wrap(x, s, strlen(s), indent);
}

static const char *status_color(const char *st)
{
    if (!strcmp(st, "adopted") || !strcmp(st, "matched") || !strcmp(st, "covered") || !strcmp(st, "assigned"))
        return C_GREEN;
    if (!strcmp(st, "changed"))
        return C_YELLOW;
    if (!strcmp(st, "missing") || !strcmp(st, "not covered") || !strcmp(st, "not assigned"))
        return C_RED;
    return C_CYAN;
}

/* A status in its colour, then the column after it. */
/* An item of a section starts: indented, its status in its colour, up to
 * column `to`. */
static void tx_status(tx *x, const char *st, size_t to)
{
    tx_spaces(x, 2);
    tx_c(x, status_color(st));
    tx_s(x, vn_diff_word(x->lang, st));
    tx_c(x, C_RESET);
    tx_to(x, to);
}

/* " [what]" after the text in x->tmp: what is not confirmed. */
static void tmp_flag(tx *x, const char *what)
{
    vn_buf_puts(&x->tmp, " [");
    vn_buf_puts(&x->tmp, what);
    vn_buf_putc(&x->tmp, ']');
}

/* A body with duties in x->tmp: its name, "(lead)" when it leads. */
static void tmp_body(tx *x, const vn_body *b)
{
    vn_buf_puts(&x->tmp, b->name);
    if (b->lead)
        vn_buf_printf(&x->tmp, " (%s)", T(x, N_("lead")));
}

/* "  label:" and the spaces up to column `col`. */
static void tx_label(tx *x, const char *label, size_t col)
{
    tx_spaces(x, 2);
    tx_s(x, label);
    tx_s(x, ":");
    tx_to(x, col);
}

/* The text of an item (x->tmp), wrapped under column `col`, and its line's end. */
static void tx_item_text(tx *x, size_t col)
{
    tx_wrap(x, x->tmp.data, x->tmp.len, col);
    tx_nl(x);
}

/* A scope note: "scope: level cử nhân, kỹ sư, thạc sĩ → cao đẳng, trung cấp (other)". */
static void tx_scope_line(tx *x, const struct vn_scope *sc)
{
    tx_spaces(x, DETAIL_INDENT);
    tx_c(x, C_YELLOW);
    vn_buf_clear(&x->tmp);
    vn_buf_puts(&x->tmp, T(x, N_("scope:")));
    vn_buf_putc(&x->tmp, ' ');
    vn_diff_scope_text(x->lang, sc, &x->tmp);
    tx_wrap(x, x->tmp.data, x->tmp.len, DETAIL_INDENT);
    tx_c(x, C_RESET);
    tx_nl(x);
}

static void tx_target_line(tx *x, const vnplan_doc *doc, size_t t, const char *lead)
{
    const vn_target *tg = &doc->targets[t];
    tx_spaces(x, DETAIL_INDENT);
    tx_c(x, C_DIM);
    tx_s(x, lead);
    /* "dòng 85", or "trang 3" in a PDF, "đoạn 12" in a DOCX */
    vn_buf_clear(&x->tmp);
    if (vn_diff_target_where(x->lang, doc, t, &x->tmp)) {
        tx_s(x, ", ");
        tx_buf(x, &x->tmp);
    }
    tx_s(x, ": ");
    tx_c(x, C_RESET);
    tx_wrap_s(x, tg->text ? tg->text : tg->indicator, DETAIL_INDENT + 2);
    tx_nl(x);
}

static void tx_heading(tx *x, const char *h)
{
    tx_nl(x);
    tx_c(x, C_BOLD);
    tx_s(x, h);
    tx_c(x, C_RESET);
    tx_nl(x);
}

/* A line of its own in the dim colour, wrapped. */
static void tx_note(tx *x, size_t indent, const char *s)
{
    tx_spaces(x, indent);
    tx_c(x, C_DIM);
    tx_wrap_s(x, s, indent);
    tx_c(x, C_RESET);
    tx_nl(x);
}

/* "0,89" in Vietnamese, "0.89" in English. */
static void fmt_share(const tx *x, double v, char *buf, size_t len)
{
    snprintf(buf, len, "%.2f", v);
    if (x->lang == VN_LANG_VI)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
}

/* "similarity 0,85" (a decimal comma in Vietnamese), appended to x->tmp. */
static void tmp_similarity(tx *x, double v)
{
    char share[16];
    fmt_share(x, v, share, sizeof share);
    vn_buf_printf(&x->tmp, "%s %s", T(x, N_("similarity")), share);
}

/* A section's heading, with the note that says it lists nothing when empty. */
static void tx_section(tx *x, const char *heading, bool empty, const char *empty_note)
{
    tx_heading(x, heading);
    if (empty)
        tx_note(x, 2, empty_note);
}

/* "Tỷ lệ người học các ngành STEM (2030): = 35%", wrapped under the name. */
static void tx_target_head(tx *x, const vnplan_doc *doc, size_t t, size_t indent)
{
    const vn_target *tg = &doc->targets[t];
    char ph[8];
    vn_buf_clear(&x->tmp);
    vn_diff_target_name(doc, t, &x->tmp);
    const char *p = vn_diff_phase(tg->phase, ph);
    if (*p) {
        vn_buf_puts(&x->tmp, " (");
        vn_buf_puts(&x->tmp, vn_diff_word(x->lang, p));
        vn_buf_putc(&x->tmp, ')');
    }
    vn_buf_puts(&x->tmp, ":");
    tx_c(x, C_BOLD);
    tx_wrap(x, x->tmp.data, x->tmp.len, indent);
    tx_c(x, C_RESET);
    vn_buf_clear(&x->tmp);
    vn_diff_target_value(tg, &x->tmp);
    /* the value stays whole on its line */
    if (x->col + 1 + vn_utf8_count(x->tmp.data, x->tmp.len) > x->width) {
        tx_nl(x);
        tx_spaces(x, indent);
    } else {
        tx_spaces(x, 1);
    }
    tx_buf(x, &x->tmp);
    tx_nl(x);
}

/* A list of target names after a label, wrapped: the one-screen summary. */
static void tx_name_list(tx *x, const char *label, const vnplan_diff *d, int status)
{
    bool any = false;
    for (size_t i = 0; i < d->nfindings; i++)
        any = any || d->findings[i].status == status;
    if (!any)
        return;
    tx_spaces(x, 2);
    tx_c(x, status_color(vn_fstatus_name((vn_fstatus)status)));
    tx_s(x, label);
    tx_c(x, C_RESET);
    tx_s(x, ":");
    bool first = true;
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        if (f->status != status)
            continue;
        char ph[8];
        vn_buf_clear(&x->tmp);
        if (!first)
            vn_buf_puts(&x->tmp, "; ");
        vn_buf_putc(&x->tmp, ' ');
        vn_diff_target_name(d->base, (size_t)f->base, &x->tmp);
        const char *p = vn_diff_phase(d->base->targets[f->base].phase, ph);
        if (*p) {
            vn_buf_puts(&x->tmp, " (");
            vn_buf_puts(&x->tmp, vn_diff_word(x->lang, p));
            vn_buf_putc(&x->tmp, ')');
        }
        tx_wrap(x, x->tmp.data, x->tmp.len, 4);
        first = false;
    }
    tx_nl(x);
}

static void tx_summary(tx *x, const vnplan_diff *d, const vn_dsum *s)
{
    char num[24];
    tx_heading(x, T(x, N_("SUMMARY")));
    tx_spaces(x, 2);
    vn_buf_clear(&x->tmp);
    vn_buf_printf(&x->tmp, vn_trn(x->lang, "%zu target of the baseline:", "%zu targets of the baseline:", d->nfindings),
                  d->nfindings);
    tx_buf(x, &x->tmp);
    static const char *const names[] = {"adopted", "changed", "missing"};
    size_t counts[] = {s->adopted, s->changed, s->missing};
    for (int k = 0; k < 3; k++) {
        vn_fmt_u64(counts[k], num);
        tx_s(x, k ? ", " : " ");
        tx_c(x, status_color(names[k]));
        vn_buf_clear(&x->tmp);
        vn_buf_puts(&x->tmp, num);
        vn_buf_putc(&x->tmp, ' ');
        vn_buf_puts(&x->tmp, vn_diff_word(x->lang, names[k]));
        tx_wrap(x, x->tmp.data, x->tmp.len, 4);
        tx_c(x, C_RESET);
    }
    tx_s(x, ";");
    vn_buf_clear(&x->tmp);
    vn_buf_printf(&x->tmp, vn_trn(x->lang, " %zu target added by the plan", " %zu targets added by the plan", s->added),
                  s->added);
    tx_c(x, C_CYAN);
    tx_wrap(x, x->tmp.data, x->tmp.len, 4);
    tx_c(x, C_RESET);
    tx_nl(x);
    tx_name_list(x, T(x, N_("Changed")), d, VN_FS_CHANGED);
    tx_name_list(x, T(x, N_("Not in the plan")), d, VN_FS_MISSING);
    if (s->unverified) {
        vn_buf_clear(&x->tmp);
        vn_buf_printf(&x->tmp,
                      vn_trn(x->lang,
                             "%zu finding rests on a figure of the baseline that is not confirmed against the "
                             "official text (marked \"unverified\"): read it there before relying on it.",
                             "%zu findings rest on figures of the baseline that are not confirmed against the "
                             "official text (marked \"unverified\"): read them there before relying on them.",
                             s->unverified),
                      s->unverified);
        tx_spaces(x, 2);
        tx_c(x, C_MAGENTA);
        tx_wrap(x, x->tmp.data, x->tmp.len, 2);
        tx_c(x, C_RESET);
        tx_nl(x);
    }
    tx_note(x, 2,
            T(x, N_("Confidence says how sure vnplan is that a plan target and a baseline target measure the same "
                    "thing (wording, unit, phase): high, medium, or low — a low one should be checked by reading.")));
}

static void tx_one(tx *x, const vnplan_diff *d)
{
    vn_dsum s;
    vn_diff_summary(d, &s);
    tx_c(x, C_BOLD);
    tx_s(x, T(x, N_("COMPARISON: ")));
    tx_s(x, d->plan->name && strcmp(d->plan->name, "-") ? d->plan->name : T(x, N_("standard input")));
    tx_c(x, C_RESET);
    tx_nl(x);
    size_t label_col = 2 + vn_utf8_count(T(x, N_("Compared with:")), strlen(T(x, N_("Compared with:")))) + 1;
    size_t l2 = 2 + vn_utf8_count(T(x, N_("Plan:")), strlen(T(x, N_("Plan:")))) + 1;
    if (l2 > label_col)
        label_col = l2;
    tx_spaces(x, 2);
    tx_s(x, T(x, N_("Plan:")));
    tx_to(x, label_col);
    vn_buf_clear(&x->tmp);
    vn_diff_doc_long(d->plan, x->lang, &x->tmp);
    if (d->plan->meta.nimplements) {
        vn_buf_puts(&x->tmp, " (");
        vn_buf_puts(&x->tmp, T(x, N_("implements")));
        vn_buf_putc(&x->tmp, ' ');
        vn_buf_puts(&x->tmp, d->plan->meta.implements[0].number);
        vn_buf_putc(&x->tmp, ')');
    }
    tx_wrap(x, x->tmp.data, x->tmp.len, label_col);
    tx_nl(x);
    tx_spaces(x, 2);
    tx_s(x, T(x, N_("Compared with:")));
    tx_to(x, label_col);
    vn_buf_clear(&x->tmp);
    const char *dec = vn_diff_base_decision(d->base);
    if (dec) {
        vn_buf_puts(&x->tmp, dec);
        vn_buf_puts(&x->tmp, " — ");
    }
    vn_diff_doc_long(d->base, x->lang, &x->tmp);
    if (d->base->baseline) {
        vn_buf_puts(&x->tmp, " [");
        vn_buf_puts(&x->tmp, T(x, N_("bundled with vnplan")));
        vn_buf_putc(&x->tmp, ']');
    } else {
        vn_buf_puts(&x->tmp, " [");
        vn_buf_puts(&x->tmp, d->base->name);
        vn_buf_putc(&x->tmp, ']');
    }
    tx_wrap(x, x->tmp.data, x->tmp.len, label_col);
    tx_nl(x);
    tx_summary(x, d, &s);

    const size_t scol = 2 + STATUS_COL;
    tx_section(x, T(x, N_("TARGETS")), !d->nfindings, T(x, N_("(the baseline states no quantified target)")));
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const vn_target *b = &d->base->targets[f->base];
        tx_status(x, vn_fstatus_name((vn_fstatus)f->status), scol);
        tx_target_head(x, d->base, (size_t)f->base, scol);
        /* how sure, and whether the baseline's figure is confirmed */
        tx_spaces(x, DETAIL_INDENT);
        tx_c(x, C_DIM);
        char share[16];
        fmt_share(x, f->confidence, share, sizeof share);
        vn_buf_clear(&x->tmp);
        vn_buf_puts(&x->tmp, vn_diff_confidence_words(x->lang, f->confidence));
        vn_buf_printf(&x->tmp, " (%s)", share);
        tx_wrap(x, x->tmp.data, x->tmp.len, DETAIL_INDENT);
        tx_c(x, C_RESET);
        if (f->unverified) {
            tx_c(x, C_MAGENTA);
            vn_buf_clear(&x->tmp);
            vn_buf_puts(&x->tmp, "; ");
            vn_buf_puts(&x->tmp, T(x, N_("unverified: the baseline's figure is")));
            vn_buf_putc(&x->tmp, ' ');
            vn_buf_puts(&x->tmp, vn_diff_word(x->lang, b->confidence));
            vn_buf_puts(&x->tmp, T(x, N_(", not confirmed")));
            tx_wrap(x, x->tmp.data, x->tmp.len, DETAIL_INDENT);
            tx_c(x, C_RESET);
        }
        tx_nl(x);
        if (f->nchanges) {
            tx_spaces(x, DETAIL_INDENT);
            tx_c(x, C_YELLOW);
            vn_buf_clear(&x->tmp);
            for (size_t k = 0; k < f->nchanges; k++) {
                if (k)
                    vn_buf_puts(&x->tmp, "; ");
                vn_diff_change_text(x->lang, d, f, &f->changes[k], &x->tmp);
            }
            tx_wrap(x, x->tmp.data, x->tmp.len, DETAIL_INDENT);
            tx_c(x, C_RESET);
            tx_nl(x);
        }
        for (size_t k = 0; k < f->nscope; k++)
            tx_scope_line(x, &f->scope[k]);
        if (f->plan >= 0) {
            tx_target_line(x, d->plan, (size_t)f->plan, T(x, N_("plan")));
            for (uint32_t k = 0; k < f->ndup; k++)
                tx_target_line(x, d->plan, d->dups[f->dup_first + k], T(x, N_("  restated")));
        } else if (b->indicator) {
            tx_spaces(x, DETAIL_INDENT);
            tx_c(x, C_DIM);
            tx_s(x, T(x, N_("baseline")));
            tx_s(x, ": ");
            tx_c(x, C_RESET);
            tx_wrap_s(x, b->text ? b->text : b->indicator, DETAIL_INDENT + 2);
            tx_nl(x);
        }
    }

    tx_section(x, T(x, N_("ADDED BY THE PLAN")), !d->nadded, T(x, N_("(none)")));
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        tx_status(x, "added", scol);
        tx_target_head(x, d->plan, (size_t)a->plan, scol);
        tx_target_line(x, d->plan, (size_t)a->plan, T(x, N_("plan")));
        for (uint32_t k = 0; k < a->ndup; k++)
            tx_target_line(x, d->plan, d->dups[a->dup_first + k], T(x, N_("  restated")));
    }

    tx_section(x, T(x, N_("QUALITATIVE OBJECTIVES")), !d->nquals, T(x, N_("(none on either side)")));
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        tx_status(x, vn_diff_qual_status(q), scol);
        const vn_target *t = q->base >= 0 ? &d->base->targets[q->base] : &d->plan->targets[q->plan];
        char ph[8];
        const char *p = vn_diff_phase(t->phase, ph);
        vn_buf_clear(&x->tmp);
        if (*p) {
            vn_buf_putc(&x->tmp, '(');
            vn_buf_puts(&x->tmp, vn_diff_word(x->lang, p));
            vn_buf_puts(&x->tmp, ") ");
        }
        if (q->unverified) {
            vn_buf_putc(&x->tmp, '[');
            vn_buf_puts(&x->tmp, T(x, N_("wording not confirmed")));
            vn_buf_puts(&x->tmp, "] ");
        }
        vn_buf_puts(&x->tmp, t->text ? t->text : t->indicator);
        tx_item_text(x, scol);
        if (q->base >= 0 && q->plan >= 0) {
            tx_target_line(x, d->plan, (size_t)q->plan, T(x, N_("plan")));
            vn_buf_clear(&x->tmp);
            tmp_similarity(x, q->similarity);
            tx_note(x, DETAIL_INDENT, x->tmp.data);
        }
    }

    tx_section(x, T(x, N_("TASK GROUPS (NHIỆM VỤ VÀ GIẢI PHÁP)")), !d->base_has_groups,
               T(x, N_("(the baseline lists no task groups)")));
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        tx_status(x, vn_diff_group_status(g), scol);
        vn_buf_clear(&x->tmp);
        if (g->base >= 0)
            vn_diff_node_heading(d->base, g->base, &x->tmp);
        else
            vn_diff_node_heading(d->plan, g->plan, &x->tmp);
        if (g->unconfirmed)
            tmp_flag(x, T(x, N_("title not confirmed")));
        tx_item_text(x, scol);
        if (g->base >= 0 && g->plan >= 0) {
            vn_buf_clear(&x->tmp);
            vn_buf_puts(&x->tmp, T(x, N_("plan")));
            vn_buf_puts(&x->tmp, ": ");
            vn_diff_node_heading(d->plan, g->plan, &x->tmp);
            vn_buf_puts(&x->tmp, " (");
            tmp_similarity(x, g->similarity);
            vn_buf_putc(&x->tmp, ')');
            tx_note(x, DETAIL_INDENT, vn_buf_cstr(&x->tmp)); /* putc leaves no NUL */
        }
    }

    tx_section(x, T(x, N_("DUTIES (TỔ CHỨC THỰC HIỆN)")), !d->nbase_bodies,
               T(x, N_("(the baseline names no bodies)")));
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        tx_status(x, b->counterpart >= 0 ? "assigned" : "not assigned", scol);
        vn_buf_clear(&x->tmp);
        tmp_body(x, b);
        if (b->counterpart >= 0) {
            const vn_body *p = &d->plan_bodies[b->counterpart];
            vn_buf_puts(&x->tmp, " ← ");
            tmp_body(x, p);
        }
        tx_item_text(x, scol);
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        tx_status(x, p->counterpart >= 0 ? "also" : "local", scol);
        vn_buf_clear(&x->tmp);
        tmp_body(x, p);
        if (p->counterpart >= 0) {
            vn_buf_puts(&x->tmp, " → ");
            vn_buf_puts(&x->tmp, d->base_bodies[p->counterpart].name);
        }
        tx_item_text(x, scol);
    }

    tx_heading(x, T(x, N_("FUNDING (KINH PHÍ)")));
    size_t fcol = 2 + vn_utf8_count(T(x, N_("baseline")), strlen(T(x, N_("baseline")))) + 2;
    size_t f2 = 2 + vn_utf8_count(T(x, N_("plan")), strlen(T(x, N_("plan")))) + 2;
    if (f2 > fcol)
        fcol = f2;
    tx_label(x, T(x, N_("baseline")), fcol);
    if (d->base_kinh_phi >= 0) {
        vn_buf_clear(&x->tmp);
        vn_render_span(d->base, d->base->nodes[d->base_kinh_phi].text, &x->tmp);
        if (d->base_kinh_phi_unconfirmed)
            tmp_flag(x, T(x, N_("amount not confirmed")));
        tx_wrap(x, x->tmp.data, x->tmp.len, fcol);
    } else {
        tx_s(x, T(x, N_("(no funding section)")));
    }
    tx_nl(x);
    tx_label(x, T(x, N_("plan")), fcol);
    if (d->plan_kinh_phi >= 0) {
        vn_buf_clear(&x->tmp);
        vn_diff_node_heading(d->plan, d->plan_kinh_phi, &x->tmp);
        tx_wrap(x, x->tmp.data, x->tmp.len, fcol);
        tx_nl(x);
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
            tx_spaces(x, fcol);
            tx_wrap(x, x->tmp.data, x->tmp.len, fcol);
            tx_nl(x);
            break;
        }
        for (size_t t = 0; t < d->plan->ntargets; t++) {
            const vn_target *tg = &d->plan->targets[t];
            if (tg->qualitative || tg->section != VN_LABEL_KINH_PHI || !tg->unit_class ||
                strcmp(tg->unit_class, "money") != 0)
                continue;
            tx_spaces(x, fcol + (tg->parent >= 0 ? 2 : 0));
            vn_buf_clear(&x->tmp);
            vn_buf_puts(&x->tmp, tg->parent >= 0 ? T(x, N_("part:")) : T(x, N_("amount:")));
            vn_buf_putc(&x->tmp, ' ');
            vn_diff_target_value(tg, &x->tmp);
            char ph[8];
            const char *phase = vn_diff_phase(tg->phase, ph);
            if (*phase) {
                vn_buf_puts(&x->tmp, " (");
                vn_buf_puts(&x->tmp, vn_diff_word(x->lang, phase));
                vn_buf_putc(&x->tmp, ')');
            }
            if (tg->indicator && *tg->indicator) {
                vn_buf_puts(&x->tmp, "  ");
                vn_buf_puts(&x->tmp, tg->indicator);
            }
            tx_wrap(x, x->tmp.data, x->tmp.len, fcol + 4);
            tx_nl(x);
        }
    } else {
        tx_c(x, C_RED);
        tx_s(x, T(x, N_("(no funding section)")));
        tx_c(x, C_RESET);
        tx_nl(x);
    }
}

#define MATRIX_NAME_COL 44 /* the baseline target's name in the summary across plans */

static void tx_matrix(tx *x, const vnplan_diff *const *diffs, size_t n)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    tx_heading(x, T(x, N_("SUMMARY ACROSS PLANS")));
    tx_spaces(x, 2);
    tx_s(x, T(x, N_("plans:")));
    tx_nl(x);
    size_t col = 0;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(++col, num);
        tx_spaces(x, 4);
        tx_s(x, "[");
        tx_s(x, num);
        tx_s(x, "] ");
        vn_buf_clear(&x->tmp);
        vn_diff_doc_short(diffs[k]->plan, &x->tmp);
        vn_buf_puts(&x->tmp, "  (");
        vn_buf_puts(&x->tmp, diffs[k]->plan->name);
        vn_buf_putc(&x->tmp, ')');
        tx_wrap(x, x->tmp.data, x->tmp.len, 8);
        tx_nl(x);
    }
    tx_note(x, 2,
            T(x, N_("Each cell: the plan's value for the target, or = adopted, ~ changed, - not in the plan, "
                    ". not compared.")));
    /* columns narrow enough for the plans side by side: a value or a mark */
    size_t cw = 14;
    tx_spaces(x, 2);
    tx_to(x, 2 + MATRIX_NAME_COL);
    col = 0;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        snprintf(num, sizeof num, "[%zu]", ++col);
        size_t at = x->col;
        tx_s(x, num);
        tx_to(x, at + cw);
    }
    tx_nl(x);
    for (size_t r = 0; r < nr; r++) {
        tx_spaces(x, 2);
        /* the row's name: the first diff that has it names it */
        vn_buf_clear(&x->tmp);
        for (size_t k = 0; k < n && !x->tmp.len; k++) {
            size_t fi;
            if (diffs[k] && vn_diff_status_of(diffs[k], ids[r], &fi)) {
                const vn_finding *f = &diffs[k]->findings[fi];
                char ph[8];
                vn_diff_target_name(diffs[k]->base, (size_t)f->base, &x->tmp);
                const char *p = vn_diff_phase(diffs[k]->base->targets[f->base].phase, ph);
                if (*p)
                    vn_buf_printf(&x->tmp, " (%s)", vn_diff_word(x->lang, p));
            }
        }
        if (!x->tmp.len)
            vn_buf_puts(&x->tmp, ids[r]);
        size_t chars = vn_utf8_count(x->tmp.data, x->tmp.len);
        if (chars > MATRIX_NAME_COL - 2) { /* cut at a character */
            size_t keep = 0, seen = 0;
            while (keep < x->tmp.len && seen < MATRIX_NAME_COL - 3) {
                keep++;
                while (keep < x->tmp.len && ((unsigned char)x->tmp.data[keep] & 0xC0) == 0x80)
                    keep++;
                seen++;
            }
            x->tmp.len = keep;
            vn_buf_puts(&x->tmp, "…");
        }
        tx_buf(x, &x->tmp);
        tx_to(x, 2 + MATRIX_NAME_COL);
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            size_t fi = 0;
            const char *st = vn_diff_status_of(diffs[k], ids[r], &fi);
            size_t at = x->col;
            vn_buf_clear(&x->tmp);
            if (!st) {
                vn_buf_puts(&x->tmp, ".");
            } else if (!strcmp(st, "missing")) {
                vn_buf_puts(&x->tmp, "-");
            } else {
                const vn_finding *f = &diffs[k]->findings[fi];
                vn_buf_puts(&x->tmp, !strcmp(st, "adopted") ? "= " : "~ ");
                if (f->plan >= 0)
                    vn_diff_target_value(&diffs[k]->plan->targets[f->plan], &x->tmp);
            }
            tx_c(x, status_color(st ? st : "?"));
            tx_buf(x, &x->tmp);
            tx_c(x, C_RESET);
            tx_to(x, at + cw);
        }
        tx_nl(x);
    }
    tx_spaces(x, 2);
    tx_s(x, vn_diff_word(x->lang, "added"));
    tx_to(x, 2 + MATRIX_NAME_COL);
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(diffs[k]->nadded, num);
        size_t at = x->col;
        tx_s(x, num);
        tx_to(x, at + cw);
    }
    tx_nl(x);
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

vnplan_status vn_render_diff_text(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err)
{
    tx x;
    memset(&x, 0, sizeof x);
    x.o.f = out;
    x.color = (flags & VNPLAN_RENDER_COLOR) != 0;
    x.lang = vn_lang_of(flags);
    x.width = (flags >> 16) & 0xFFFF;
    if (!x.width)
        x.width = WIDTH_DEFAULT;
    x.width = x.width < WIDTH_MIN ? WIDTH_MIN : x.width > WIDTH_MAX ? WIDTH_MAX : x.width;
    size_t shown = 0;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        if (shown++) {
            tx_nl(&x);
            tx_nl(&x);
        }
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
            tx_nl(&x);
            if (g > 0)
                tx_matrix(&x, group, g);
        }
        free(group);
        free(done);
    }
    if (nfailed) {
        /* the plans that could not be compared are part of the summary too */
        if (shown)
            tx_nl(&x);
        else
            tx_heading(&x, T(&x, N_("SUMMARY ACROSS PLANS")));
        tx_spaces(&x, 2);
        tx_s(&x, T(&x, N_("not compared (the file could not be read or compared):")));
        tx_nl(&x);
        for (size_t k = 0; k < n; k++) {
            const char *name = vn_diff_failed_name(diffs, failed, k);
            if (!name)
                continue;
            tx_spaces(&x, 4);
            vn_buf_clear(&x.tmp);
            vn_buf_puts(&x.tmp, name);
            vn_buf_puts(&x.tmp, ": ");
            vn_buf_puts(&x.tmp, vn_diff_failed_reason(x.lang, failed, k));
            tx_wrap(&x, x.tmp.data, x.tmp.len, 6);
            tx_nl(&x);
        }
    }
    vn_buf_free(&x.tmp);
    return vn_sink_finish(&x.o, err);
}
