/* render_diff_html_summary.c — the parts of the HTML report that stand
 * above the plans' reports when there are several: a table of contents, the
 * summary across plans (a row per baseline target named by what it
 * measures, a column per plan, each cell the status and the plan's own
 * value), and the files that could not be compared. */
#include "compare.h"
#include "render.h"
#include "render_diff_html.h"

#include <stdio.h>
#include <stdlib.h>

/* <li><a href="#...">text</a></li> */
static void toc_entry(hw *h, const char *href, const char *text)
{
    vn_html_open(h, "li");
    vn_html_open(h, "a");
    vn_html_attr(h, "href", href);
    vn_html_text(h, text);
    vn_html_close(h);
    vn_html_close(h);
}

void vn_html_toc(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    vn_html_open(h, "nav");
    vn_html_attr(h, "class", "toc");
    vn_html_el(h, "h2", NULL, HT(h, N_("Contents")));
    vn_html_open(h, "ol");
    toc_entry(h, "#summary", HT(h, N_("Summary across plans")));
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        vn_dsum s;
        vn_diff_summary(diffs[k], &s);
        vn_html_open(h, "li");
        vn_html_open(h, "a");
        vn_html_anchor(h, "href", "", k, NULL, 0);
        vn_buf_clear(&h->tmp);
        vn_diff_doc_short(diffs[k]->plan, &h->tmp);
        vn_html_buf(h, &h->tmp);
        vn_html_close(h);
        vn_buf_clear(&h->tmp);
        vn_buf_printf(&h->tmp, " (%s) — %zu %s, %zu %s, %zu %s; %zu %s", diffs[k]->plan->name ? diffs[k]->plan->name : "",
                      s.adopted, vn_diff_word(h->lang, "adopted"), s.changed, vn_diff_word(h->lang, "changed"),
                      s.missing, vn_diff_word(h->lang, "missing"), s.added, vn_diff_word(h->lang, "added"));
        vn_html_el(h, "span", "counts", vn_buf_cstr(&h->tmp));
        vn_html_close(h);
    }
    if (vn_diff_failed_count(diffs, n, failed))
        toc_entry(h, "#failed", HT(h, N_("Files that could not be compared")));
    vn_html_close(h);
    vn_html_close(h);
}

/* The plans that could not be compared, with why. */
void vn_html_failed(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    vn_html_el(h, "h3", NULL, HT(h, N_("Files that could not be compared")));
    vn_html_open(h, "table");
    vn_html_attr(h, "class", "mx failed");
    vn_html_attr(h, "id", "failed");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    vn_html_el(h, "th", NULL, HT(h, N_("File")));
    vn_html_el(h, "th", NULL, HT(h, N_("Why")));
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    for (size_t k = 0; k < n; k++) {
        const char *name = vn_diff_failed_name(diffs, failed, k);
        if (!name)
            continue;
        vn_html_open(h, "tr");
        vn_html_el(h, "td", NULL, name);
        /* the reason is the reader's or the CLI's message, in its own words */
        const char *why = failed && failed->reason && failed->reason[k] ? failed->reason[k]
                                                                        : HT(h, N_("could not be compared"));
        vn_html_el(h, "td", NULL, why);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

/* The row's name: the first plan's finding on the target names it. */
static void row_name(hw *h, const vnplan_diff *const *diffs, size_t n, const char *id)
{
    vn_buf_clear(&h->tmp);
    for (size_t k = 0; k < n && !h->tmp.len; k++) {
        size_t fi;
        if (diffs[k] && vn_diff_status_of(diffs[k], id, &fi)) {
            const vn_finding *f = &diffs[k]->findings[fi];
            const vn_target *b = &diffs[k]->base->targets[f->base];
            char ph[8];
            vn_diff_target_name(diffs[k]->base, (size_t)f->base, &h->tmp);
            const char *p = vn_diff_phase(b->phase, ph);
            if (*p)
                vn_buf_printf(&h->tmp, " (%s)", vn_diff_word(h->lang, p));
            vn_buf_puts(&h->tmp, ": ");
            vn_diff_target_value(b, &h->tmp);
        }
    }
    if (!h->tmp.len)
        vn_buf_puts(&h->tmp, id);
}

void vn_html_matrix(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    vn_html_open(h, "section");
    vn_html_attr(h, "class", "matrix");
    vn_html_attr(h, "id", "summary");
    vn_html_el(h, "h2", NULL, HT(h, N_("Summary across plans")));
    vn_html_el(h, "p", "note",
               HT(h, N_("A row per target of the baseline, a column per plan: the status and the plan's own figure. "
                        "Each cell links to the finding.")));
    vn_html_open(h, "table");
    vn_html_attr(h, "class", "mx");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    vn_html_el(h, "th", NULL, HT(h, N_("Target of the baseline")));
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        vn_html_open(h, "th");
        vn_html_open(h, "a");
        vn_html_anchor(h, "href", "", k, NULL, 0);
        vn_html_attr(h, "title", diffs[k]->plan->name);
        vn_buf_clear(&h->tmp);
        vn_diff_doc_short(diffs[k]->plan, &h->tmp);
        vn_html_buf(h, &h->tmp);
        vn_html_close(h);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    for (size_t r = 0; r < nr; r++) {
        vn_html_open(h, "tr");
        vn_html_attr(h, "data-base-id", ids[r]);
        row_name(h, diffs, n, ids[r]);
        vn_html_el(h, "td", NULL, vn_buf_cstr(&h->tmp));
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            size_t fi = 0;
            const char *st = vn_diff_status_of(diffs[k], ids[r], &fi);
            vn_html_open(h, "td");
            if (st) {
                const vn_finding *f = &diffs[k]->findings[fi];
                vn_html_open(h, "a");
                vn_html_anchor(h, "href", "", k, "f", (long)fi);
                vn_html_badge(h, st, vn_html_gloss(h, st));
                vn_html_close(h);
                if (f->plan >= 0) {
                    vn_buf_clear(&h->tmp);
                    vn_diff_target_value(&diffs[k]->plan->targets[f->plan], &h->tmp);
                    vn_html_el(h, "div", "val", vn_buf_cstr(&h->tmp));
                }
                if (f->unverified)
                    vn_html_badge(h, "unverified", NULL);
            } else {
                vn_html_badge(h, "not compared", NULL);
            }
            vn_html_close(h);
        }
        vn_html_close(h);
    }
    vn_html_open(h, "tr");
    vn_html_el(h, "td", NULL, HT(h, N_("Targets added by the plan")));
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(diffs[k]->nadded, num);
        vn_html_el(h, "td", NULL, num);
    }
    vn_html_close(h);
    vn_html_close(h);
    vn_html_close(h);
    if (vn_diff_failed_count(diffs, n, failed))
        vn_html_failed(h, diffs, n, failed);
    vn_html_close(h);
    free(ids);
}
