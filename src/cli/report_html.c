/* report_html.c — index.html of `vnplan report`: one self-contained page
 * (inline CSS and a little JS, nothing fetched): per decision a heat map of
 * plans x baseline targets (status colours, the plan's figure in each
 * cell, each row linked to the plan's own diff page), the adoption rate of
 * each target, the completeness of each plan, filters by locality and
 * level, sorting by any column; the pairs of similar plans; the files that
 * failed. */
#include "cli.h"
#include "html_entity.h"
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void html_text(batch_str *b, const char *s)
{
    if (!s)
        return;
    /* the text between the characters to escape a run at a time: a byte
     * at a time, the dashboard's cells were a sixth of the report's cost */
    for (;;) {
        size_t run = strcspn(s, "<>&\"");
        bs_put(b, s, run);
        if (!s[run])
            return;
        bs_puts(b, vn_html_entity(s[run]));
        s += run + 1;
    }
}

/* A figure as a reader writes it: 80000 as 80.000, 2.5 as 2,5. */
static void vn_number(batch_str *b, double v)
{
    if (isnan(v))
        return;
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", fabs(v));
    char *dot = strchr(buf, '.');
    char *end = buf + strlen(buf);
    while (end > dot + 1 && end[-1] == '0')
        end--;
    if (end == dot + 1)
        end = dot;
    if (v < 0)
        bs_puts(b, "-");
    size_t intlen = (size_t)(dot - buf);
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            bs_puts(b, ".");
        bs_put(b, buf + i, 1);
    }
    if (end > dot) {
        bs_puts(b, ",");
        bs_put(b, dot + 1, (size_t)(end - dot - 1));
    }
}

static const char *cmp_symbol(const char *cmp)
{
    static const char *const pairs[][2] = {{">=", "≥"}, {"<=", "≤"}, {">", "&gt;"}, {"<", "&lt;"}, {"~", "≈"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (!strcmp(cmp, pairs[i][0]))
            return pairs[i][1];
    return "";
}

static const char style[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}"
    "table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ccc;padding:2px 4px}"
    "th{background:#eee;position:sticky;top:0;cursor:pointer;vertical-align:bottom}"
    "th.t{writing-mode:vertical-rl;transform:rotate(180deg);max-height:14em;white-space:nowrap;"
    "overflow:hidden;text-overflow:ellipsis}"
    "td.a{background:#c6efce}td.c{background:#ffeb9c}td.m{background:#ffc7ce}td.n{text-align:right}"
    ".wrap{overflow:auto;max-height:80vh}.key span{padding:2px 8px;margin-right:6px}"
    ".filters{margin:.5em 0}.filters input,.filters select{margin-right:1em}"
    "tr.rate td{font-weight:bold;background:#f4f4f4}";

static const char script[] =
    "function vnFilter(id){var t=document.getElementById(id),f=t.dataset;"
    "var q=document.getElementById(id+'-q').value.toLowerCase(),"
    "l=document.getElementById(id+'-l').value;"
    "for(var r of t.tBodies[0].rows){var ok=(!q||r.dataset.loc.toLowerCase().indexOf(q)>=0)"
    "&&(!l||r.dataset.level==l);r.style.display=ok?'':'none';}}"
    "function vnSort(th){var t=th.closest('table'),b=t.tBodies[0],i=th.cellIndex,"
    "d=th.dataset.dir=th.dataset.dir=='1'?'-1':'1';"
    "var rows=Array.from(b.rows);rows.sort(function(x,y){"
    "var a=x.cells[i].dataset.v!==undefined?x.cells[i].dataset.v:x.cells[i].textContent,"
    "c=y.cells[i].dataset.v!==undefined?y.cells[i].dataset.v:y.cells[i].textContent;"
    "var na=parseFloat(a),nc=parseFloat(c);"
    "if(!isNaN(na)&&!isNaN(nc))return (na-nc)*d;return a.localeCompare(c,'vi')*d;});"
    "rows.forEach(function(r){b.appendChild(r);});}";

static void decision_section(batch_str *b, const rp_data *d, size_t k)
{
    const rp_decision *dec = &d->decs[k];
    char id[32];
    snprintf(id, sizeof id, "dec%zu", k);
    bs_puts(b, "<h2>");
    html_text(b, _("implemented decision"));
    bs_puts(b, ": ");
    html_text(b, dec->name);
    bs_printf(b, " — %zu ", dec->nplans);
    html_text(b, _("plans"));
    bs_puts(b, "</h2>\n<div class=\"filters\">");
    html_text(b, _("locality"));
    bs_printf(b, " <input id=\"%s-q\" oninput=\"vnFilter('%s')\"> ", id, id);
    html_text(b, _("level"));
    bs_printf(b, " <select id=\"%s-l\" onchange=\"vnFilter('%s')\"><option value=\"\">", id, id);
    html_text(b, _("all levels"));
    bs_puts(b, "</option>");
    /* the levels present, each once, in order of first appearance */
    for (size_t j = 0; j < dec->nplans; j++) {
        const char *lv = d->plans[dec->plans[j]].level;
        bool seen = !lv;
        for (size_t i = 0; !seen && i < j; i++) {
            const char *o = d->plans[dec->plans[i]].level;
            seen = o && !strcmp(o, lv);
        }
        if (seen)
            continue;
        bs_puts(b, "<option value=\"");
        html_text(b, lv);
        bs_puts(b, "\">");
        html_text(b, rp_level_label(lv));
        bs_puts(b, "</option>");
    }
    bs_puts(b, "</select></div>\n<div class=\"wrap\"><table id=\"");
    bs_puts(b, id);
    bs_puts(b, "\"><thead><tr>");
    const char *cols[] = {_("file"), _("locality"), _("level"), _("number"), _("date"), _("adopted or changed (%)")};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        bs_puts(b, "<th onclick=\"vnSort(this)\">");
        html_text(b, cols[i]);
        bs_puts(b, "</th>");
    }
    for (size_t t = 0; t < dec->ntargets; t++) {
        bs_puts(b, "<th class=\"t\" onclick=\"vnSort(this)\" title=\"");
        html_text(b, dec->names[t]);
        bs_puts(b, " (");
        html_text(b, dec->ids[t]);
        bs_puts(b, ")\">");
        html_text(b, dec->names[t]);
        bs_puts(b, "</th>");
    }
    bs_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t j = 0; j < dec->nplans; j++) {
        const rp_plan *p = &d->plans[dec->plans[j]];
        bs_puts(b, "<tr data-loc=\"");
        html_text(b, p->locality ? p->locality : "");
        bs_puts(b, "\" data-level=\"");
        html_text(b, p->level ? p->level : "");
        bs_puts(b, "\"><td>");
        if (p->page) {
            bs_puts(b, "<a href=\"");
            html_text(b, p->page);
            bs_puts(b, "\">");
        }
        html_text(b, p->file);
        bs_puts(b, p->page ? "</a></td><td>" : "</td><td>");
        html_text(b, p->locality);
        bs_puts(b, "</td><td>");
        html_text(b, rp_level_label(p->level));
        bs_puts(b, "</td><td>");
        html_text(b, p->number);
        /* the date in words, sorted by its ISO form */
        bs_puts(b, "</td><td data-v=\"");
        html_text(b, p->date);
        bs_puts(b, "\">");
        char date[64];
        vnplan_date_text(VNPLAN_LANG_VI, p->date, date, sizeof date);
        html_text(b, date);
        bs_puts(b, "</td><td class=\"n\">");
        vn_number(b, round(1000.0 * rp_completeness(d, p)) / 10);
        bs_puts(b, "</td>");
        for (size_t t = 0; t < dec->ntargets; t++) {
            const rp_cell *c = &p->cells[t];
            static const char *const cls[] = {"a", "c", "m"};
            bs_printf(b, "<td class=\"%s\" data-v=\"%d\" title=\"", c->status >= 0 ? cls[c->status] : "",
                      c->status);
            html_text(b, dec->names[t]);
            bs_puts(b, ": ");
            html_text(b, rp_status_label(c->status));
            bs_puts(b, "\">");
            if (c->status != RP_MISSING && !isnan(c->value)) {
                bs_puts(b, cmp_symbol(c->cmp));
                vn_number(b, c->value);
            }
            bs_puts(b, "</td>");
        }
        bs_puts(b, "</tr>\n");
    }
    bs_puts(b, "</tbody><tfoot><tr class=\"rate\"><td colspan=\"6\">");
    html_text(b, _("adopted or changed (%)"));
    bs_puts(b, "</td>");
    for (size_t t = 0; t < dec->ntargets; t++) {
        size_t met = 0;
        for (size_t j = 0; j < dec->nplans; j++) {
            int s = d->plans[dec->plans[j]].cells[t].status;
            met += s == RP_ADOPTED || s == RP_CHANGED;
        }
        bs_puts(b, "<td class=\"n\">");
        vn_number(b, dec->nplans ? round(100.0 * (double)met / (double)dec->nplans) : NAN);
        bs_puts(b, "</td>");
    }
    bs_puts(b, "</tr></tfoot></table></div>\n");
}

bool rp_write_html(const rp_data *d, const char *dir)
{
    batch_str path = {0};
    bs_printf(&path, "%s/index.html", dir);
    batch_file bf;
    if (!batch_file_open(&bf, path.s)) {
        cli_error(path.s, "%s", vnplan_errno_text(errno));
        free(path.s);
        return false;
    }
    /* written as it is made: the page of 10,000 plans is 34 MB */
    batch_str b = {.spill = bf.f};
    bs_puts(&b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                "<meta name=\"generator\" content=\"vnplan " VNPLAN_VERSION "\"><title>");
    html_text(&b, _("Plans compared with the decisions they implement"));
    bs_printf(&b, "</title><style>%s</style><script>%s</script></head><body>\n<h1>", style, script);
    html_text(&b, _("Plans compared with the decisions they implement"));
    bs_printf(&b, "</h1>\n<p>%zu ", d->nplans - d->nfailed);
    html_text(&b, _("plans"));
    bs_printf(&b, ", %zu ", d->nfailed);
    html_text(&b, _("failed files"));
    bs_puts(&b, ".</p>\n<p class=\"key\"><span style=\"background:#c6efce\">");
    html_text(&b, rp_status_label(RP_ADOPTED));
    bs_puts(&b, "</span><span style=\"background:#ffeb9c\">");
    html_text(&b, rp_status_label(RP_CHANGED));
    bs_puts(&b, "</span><span style=\"background:#ffc7ce\">");
    html_text(&b, rp_status_label(RP_MISSING));
    bs_puts(&b, "</span></p>\n");
    for (size_t k = 0; k < d->ndecs; k++)
        decision_section(&b, d, k);

    bs_puts(&b, "<h2>");
    html_text(&b, _("Plans written from the same text"));
    bs_puts(&b, "</h2>\n<table><thead><tr><th>");
    html_text(&b, _("plan A"));
    bs_puts(&b, "</th><th>");
    html_text(&b, _("plan B"));
    bs_puts(&b, "</th><th>");
    html_text(&b, _("shared sentences (%)"));
    bs_puts(&b, "</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < d->npairs && i < REPORT_SIMILARITY_SHOWN; i++) {
        const rp_plan *x = &d->plans[d->pairs[i].a], *y = &d->plans[d->pairs[i].b];
        bs_puts(&b, "<tr><td>");
        html_text(&b, x->file);
        bs_puts(&b, "</td><td>");
        html_text(&b, y->file);
        bs_puts(&b, "</td><td class=\"n\">");
        vn_number(&b, round(100.0 * d->pairs[i].share));
        bs_puts(&b, "</td></tr>\n");
    }
    bs_puts(&b, "</tbody></table>\n");
    if (d->npairs > REPORT_SIMILARITY_SHOWN)
        bs_printf(&b, "<p>… similarity.csv: %zu</p>\n", d->npairs);

    bs_puts(&b, "<h2 id=\"failed\">");
    html_text(&b, _("failed files"));
    bs_printf(&b, " (%zu)</h2>\n<table><thead><tr><th>", d->nfailed);
    html_text(&b, _("file"));
    bs_puts(&b, "</th><th>");
    html_text(&b, _("error"));
    bs_puts(&b, "</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < d->nplans; i++) {
        if (!d->plans[i].error)
            continue;
        bs_puts(&b, "<tr><td>");
        html_text(&b, d->plans[i].file);
        bs_puts(&b, "</td><td>");
        html_text(&b, d->plans[i].error);
        bs_puts(&b, "</td></tr>\n");
    }
    bs_puts(&b, "</tbody></table>\n</body></html>\n");
    bs_spill(&b);
    bool ok = batch_file_close(&bf, path.s, true);
    if (!ok)
        cli_error(path.s, "%s", vnplan_errno_text(errno));
    free(path.s);
    free(b.s);
    return ok;
}
