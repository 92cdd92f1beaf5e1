/* check_render.c — the reports of `vnplan check`: text like a compiler's
 * diagnostics (FILE:LINE: warning: message [rule], then the words), JSON
 * ({"file", "findings": [...]}, an array for several files), and one
 * self-contained HTML page.  The renderers only show what the rules
 * decided; the words of the report are translated like the messages. */
#include "check.h"
#include "html_entity.h"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>

static const char *severity_word(vnplan_severity s)
{
    static const char *const words[] = {
        [VNPLAN_SEVERITY_INFO] = N_("note"),
        [VNPLAN_SEVERITY_WARNING] = N_("warning"),
        [VNPLAN_SEVERITY_ERROR] = N_("error"),
    };
    return _(words[(unsigned)s < VN_COUNT(words) ? s : VNPLAN_SEVERITY_INFO]);
}

static const char *doc_file(const vnplan_doc *doc)
{
    const char *name = vnplan_doc_name(doc);
    if (!name || !strcmp(name, "-"))
        return "standard input";
    return name;
}

static vnplan_status done(FILE *out, vn_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "write error");
    return VNPLAN_OK;
}

/* ---- text ------------------------------------------------------------------------------ */

vnplan_status vn_check_render_text(const vnplan_check *const *cs, size_t n, unsigned flags, FILE *out,
                                   vn_error *err)
{
    bool color = (flags & VNPLAN_RENDER_COLOR) != 0;
    size_t totals[3] = {0, 0, 0}, files = 0;
    bool english = false;
    for (size_t k = 0; k < n; k++) {
        const vnplan_check *ck = cs[k];
        if (!ck)
            continue;
        files++;
        english = ck->english;
        vn_check_i18n_english(ck->english);
        const char *file = doc_file(ck->doc);
        for (size_t i = 0; i < ck->nfindings; i++) {
            const vn_check_finding *f = &ck->findings[i];
            totals[f->severity]++;
            const char *on = "", *off = "";
            if (color) {
                on = f->severity == VNPLAN_SEVERITY_ERROR     ? "\033[1;31m"
                     : f->severity == VNPLAN_SEVERITY_WARNING ? "\033[1;35m"
                                                               : "\033[1;36m";
                off = "\033[0m";
            }
            if (f->ospan.line)
                fprintf(out, "%s:%zu: %s%s:%s %s [%s]\n", file, f->ospan.line, on,
                        severity_word((vnplan_severity)f->severity), off, f->message, vn_check_rule_id(f->rule));
            else
                fprintf(out, "%s: %s%s:%s %s [%s]\n", file, on, severity_word((vnplan_severity)f->severity), off,
                        f->message, vn_check_rule_id(f->rule));
            if (f->evidence && *f->evidence)
                fprintf(out, "    %s\n", f->evidence);
        }
    }
    vn_check_i18n_english(english);
    /* the summary says which program wrote it: a report without findings
     * is this line alone, and a folder holding it is not taken for a plan */
    if (files)
        fputs("vnplan check: ", out);
    if (files)
        fprintf(out, _("%zu file(s) checked: %zu error(s), %zu warning(s), %zu note(s)\n"), files,
                totals[VNPLAN_SEVERITY_ERROR], totals[VNPLAN_SEVERITY_WARNING], totals[VNPLAN_SEVERITY_INFO]);
    vn_check_i18n_english(false);
    return done(out, err);
}

/* ---- JSON -------------------------------------------------------------------------------- */

/* A JSON string, written by the one JSON writer of the library (render.c)
 * through the report's sink k, and flushed: the rest of the report is
 * written to the same FILE directly. */
static void json_str(vn_sink *k, const char *s)
{
    vn_json_str_n(k, s ? s : "", s ? strlen(s) : 0);
    vn_sink_flush(k);
}

static void sink_drop(void *k)
{
    vn_buf_free(&((vn_sink *)k)->buf);
    free(k);
}

static void json_one(const vnplan_check *ck, vn_sink *k, const char *indent)
{
    FILE *out = k->f;
    fprintf(out, "%s{\"file\": ", indent);
    json_str(k, doc_file(ck->doc));
    fprintf(out, ", \"findings\": [");
    for (size_t i = 0; i < ck->nfindings; i++) {
        const vn_check_finding *f = &ck->findings[i];
        fprintf(out, "%s\n%s  {\"rule\": ", i ? "," : "", indent);
        json_str(k, vn_check_rule_id(f->rule));
        fprintf(out, ", \"severity\": \"%s\", \"line\": %zu, \"span\": {\"start\": %zu, \"end\": %zu, \"line\": %zu}, "
                     "\"message\": ",
                vnplan_severity_name((vnplan_severity)f->severity), f->ospan.line, f->ospan.start, f->ospan.end,
                f->ospan.line);
        json_str(k, f->message);
        fputs(", \"evidence\": ", out);
        json_str(k, f->evidence);
        fputc('}', out);
    }
    fprintf(out, "%s]}", ck->nfindings ? "\n" : "");
    if (ck->nfindings)
        fprintf(out, "%s", "");
}

vnplan_status vn_check_render_json(const vnplan_check *const *cs, size_t n, FILE *out, vn_error *err)
{
    /* the sink's buffer is handed to the caller's recovery point
     * (vnplan_check_render_many): on the heap, so that it can be freed there */
    vn_sink *k = vn_xcalloc(1, sizeof *k);
    k->f = out;
    vn_recover_own(k, sink_drop);
    size_t present = 0;
    for (size_t i = 0; i < n; i++)
        present += cs[i] != NULL;
    if (present == 1) {
        for (size_t i = 0; i < n; i++)
            if (cs[i])
                json_one(cs[i], k, "");
        fputc('\n', out);
    } else {
        fputs("[", out);
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            if (!cs[i])
                continue;
            fputs(first ? "\n" : ",\n", out);
            first = false;
            json_one(cs[i], k, "  ");
        }
        fputs("\n]\n", out);
    }
    vn_recover_own(NULL, NULL);
    sink_drop(k);
    return done(out, err);
}

/* ---- HTML --------------------------------------------------------------------------------- */

static void html_text(FILE *out, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        const char *e = vn_html_entity(*p);
        if (e)
            fputs(e, out);
        else
            fputc(*p, out);
    }
}

static const char html_css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}"
    "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;"
    "text-align:left}th{background:#f4f4f4}.error{color:#b00020;font-weight:bold}"
    ".warning{color:#8a4b00;font-weight:bold}.info{color:#035;font-weight:bold}"
    ".ev{color:#555;font-size:.92em}.rule{font-family:monospace}.none{color:#2a6a2a}";

vnplan_status vn_check_render_html(const vnplan_check *const *cs, size_t n, FILE *out, vn_error *err)
{
    bool english = false;
    for (size_t k = 0; k < n; k++)
        if (cs[k])
            english = cs[k]->english;
    vn_check_i18n_english(english);
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"vnplan " VNPLAN_VERSION "\">\n<title>", english ? "en" : "vi");
    html_text(out, _("Consistency check"));
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", html_css);
    html_text(out, _("Consistency check"));
    fputs("</h1>\n", out);
    for (size_t k = 0; k < n; k++) {
        const vnplan_check *ck = cs[k];
        if (!ck)
            continue;
        fputs("<h2>", out);
        html_text(out, doc_file(ck->doc));
        fputs("</h2>\n", out);
        if (ck->nfindings == 0) {
            fputs("<p class=\"none\">", out);
            html_text(out, _("No finding."));
            fputs("</p>\n", out);
            continue;
        }
        fprintf(out, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n", _("line"),
                _("severity"), _("finding"), _("rule"));
        for (size_t i = 0; i < ck->nfindings; i++) {
            const vn_check_finding *f = &ck->findings[i];
            const char *cls = vnplan_severity_name((vnplan_severity)f->severity);
            fprintf(out, "<tr><td>%zu</td><td class=\"%s\">", f->ospan.line, cls);
            html_text(out, severity_word((vnplan_severity)f->severity));
            fputs("</td><td>", out);
            html_text(out, f->message);
            if (f->evidence && *f->evidence) {
                fputs("<div class=\"ev\">", out);
                html_text(out, f->evidence);
                fputs("</div>", out);
            }
            /* the rule in words, its id (what --disable takes) beside it */
            fputs("</td><td>", out);
            const char *words = _(vn_check_rule_words(f->rule));
            if (strcmp(words, vn_check_rule_id(f->rule)) != 0) {
                html_text(out, words);
                fputc(' ', out);
            }
            fputs("<span class=\"rule\">", out);
            html_text(out, vn_check_rule_id(f->rule));
            fputs("</span></td></tr>\n", out);
        }
        fputs("</table>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    vn_check_i18n_english(false);
    return done(out, err);
}
