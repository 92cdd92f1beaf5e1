/* report_csv.c — the tables of `vnplan report`: matrix.csv (and one
 * matrix-DECISION.csv per decision), summary.csv, similarity.csv, all UTF-8
 * with a BOM so that Excel and LibreOffice open them as UTF-8, one table a
 * file; and matrix.xlsx (libxlsxwriter), one sheet per decision. */
#include "cli.h"
#include "dl.h"
#include "report.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define BOM "\xEF\xBB\xBF"
/* Sheet names: Excel's limit. */
#define XLSX_SHEET_NAME_MAX 31
/* The spreadsheet's creation time without SOURCE_DATE_EPOCH:
 * 1980-01-01T00:00:00Z, the time libxlsxwriter gives the archive's entries. */
#define XLSX_FIXED_CREATED ((time_t)315532800)

/* A text cell: quoted when it needs to be; a leading = + - @ is put behind
 * an apostrophe so that a spreadsheet never runs it as a formula. */
static void csv_text(batch_str *b, const char *s)
{
    if (!s)
        s = "";
    bool formula = *s == '=' || *s == '+' || *s == '-' || *s == '@';
    bool quote = formula || strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        bs_puts(b, s);
        return;
    }
    bs_puts(b, formula ? "\"'" : "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            bs_puts(b, "\"\"");
        else
            bs_put(b, p, 1);
    }
    bs_puts(b, "\"");
}

static void csv_num(batch_str *b, double v)
{
    if (!isnan(v))
        bs_json_num(b, v);
}

static bool write_out(const char *dir, const char *name, const batch_str *b)
{
    batch_str path = {0};
    bs_printf(&path, "%s/%s", dir, name);
    bool ok = batch_write_file(path.s, b->s ? b->s : "", b->len);
    if (!ok)
        cli_error(path.s, "%s", vnplan_errno_text(errno));
    free(path.s);
    return ok;
}

/* "thay đổi (cao hơn)": the status and the directions of its changes. */
static void status_text(const rp_cell *c, char *buf, size_t len)
{
    static const struct {
        unsigned bit;
        const char *label;
    } dirs[] = {{RP_STRICTER, N_("stricter")},
                {RP_LOOSER, N_("looser")},
                {RP_LOCALIZED, N_("localized figure")},
                {RP_DIFFERENT, N_("different")}};
    /* the words joined without snprintf: a cell of every plan and target */
    const char *words[2 * (sizeof dirs / sizeof dirs[0]) + 2];
    size_t n = 0;
    words[n++] = rp_status_label(c->status);
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (c->dirs & dirs[i].bit) {
            words[n] = n == 1 ? " (" : ", ";
            words[n + 1] = _(dirs[i].label);
            n += 2;
        }
    if (n > 1)
        words[n++] = ")";
    size_t used = 0;
    for (size_t i = 0; i < n && len; i++) {
        size_t w = strlen(words[i]);
        if (w > len - 1 - used)
            w = len - 1 - used;
        memcpy(buf + used, words[i], w);
        used += w;
    }
    if (len)
        buf[used] = '\0';
}

static const char *const plan_columns[] = {N_("file"),   N_("locality"), N_("level"),
                                           N_("number"), N_("date"),     N_("implemented decision"),
                                           N_("error")};
#define PLAN_COLUMNS (sizeof plan_columns / sizeof plan_columns[0])

/* Per baseline target: its status, then the plan's comparator, figure and
 * the upper end of a range (numbers as numbers), then what the plan counts
 * otherwise than the decision (scope notes). */
static const char *const cell_columns[] = {N_("status of the target"), N_("comparator"), N_("value"),
                                           N_("value_max"), N_("scope")};
#define CELL_COLUMNS (sizeof cell_columns / sizeof cell_columns[0])

static void matrix_table(const rp_data *d, const rp_decision *dec, batch_str *b)
{
    bs_puts(b, BOM);
    for (size_t i = 0; i < PLAN_COLUMNS; i++) {
        if (i)
            bs_puts(b, ",");
        csv_text(b, _(plan_columns[i]));
    }
    for (size_t t = 0; dec && t < dec->ntargets; t++) {
        for (size_t k = 0; k < CELL_COLUMNS; k++) {
            batch_str h = {0};
            bs_printf(&h, "%s: %s", dec->names[t], _(cell_columns[k]));
            bs_puts(b, ",");
            csv_text(b, h.s);
            free(h.s);
        }
    }
    bs_puts(b, "\r\n");
    for (size_t k = 0; dec && k < dec->nplans; k++) {
        const rp_plan *p = &d->plans[dec->plans[k]];
        const char *cols[] = {p->file, p->locality, rp_level_label(p->level), p->number, p->date, p->decision, ""};
        for (size_t i = 0; i < PLAN_COLUMNS; i++) {
            if (i)
                bs_puts(b, ",");
            csv_text(b, cols[i]);
        }
        for (size_t t = 0; t < dec->ntargets; t++) {
            char st[160];
            status_text(&p->cells[t], st, sizeof st);
            bs_puts(b, ",");
            csv_text(b, st);
            bs_puts(b, ",");
            csv_text(b, rp_cmp_label(p->cells[t].cmp));
            bs_puts(b, ",");
            csv_num(b, p->cells[t].value);
            bs_puts(b, ",");
            csv_num(b, p->cells[t].value_max);
            bs_puts(b, ",");
            csv_text(b, p->cells[t].scope ? p->cells[t].scope : "");
        }
        bs_puts(b, "\r\n");
    }
    /* the files that failed: their own rows, the error said, the rest empty */
    for (size_t i = 0; i < d->nplans; i++) {
        const rp_plan *p = &d->plans[i];
        if (!p->error)
            continue;
        csv_text(b, p->file);
        bs_puts(b, ",,,,,,");
        csv_text(b, p->error);
        for (size_t t = 0; dec && t < dec->ntargets; t++)
            for (size_t k = 0; k < CELL_COLUMNS; k++)
                bs_puts(b, ",");
        bs_puts(b, "\r\n");
    }
}

/* The decision with the most plans (the first by name among equals). */
static const rp_decision *main_decision(const rp_data *d)
{
    const rp_decision *best = NULL;
    for (size_t k = 0; k < d->ndecs; k++)
        if (!best || d->decs[k].nplans > best->nplans)
            best = &d->decs[k];
    return best;
}

/* A decision's table written into dir/name as it is made: a matrix of
 * 10,000 plans is 12 MB, and was held whole, twice for the main one. */
static bool write_matrix(const rp_data *d, const rp_decision *dec, const char *dir, const char *name)
{
    batch_str path = {0};
    bs_printf(&path, "%s/%s", dir, name);
    batch_file bf;
    bool ok = batch_file_open(&bf, path.s);
    if (ok) {
        batch_str b = {.spill = bf.f};
        matrix_table(d, dec, &b);
        bs_spill(&b);
        free(b.s);
        ok = batch_file_close(&bf, path.s, true);
    }
    if (!ok)
        cli_error(path.s, "%s", vnplan_errno_text(errno));
    free(path.s);
    return ok;
}

bool rp_write_matrix_csv(const rp_data *d, const char *dir)
{
    bool ok = write_matrix(d, main_decision(d), dir, "matrix.csv");
    for (size_t k = 0; ok && k < d->ndecs; k++) {
        batch_str name = {0};
        bs_printf(&name, "matrix-%s.csv", d->decs[k].slug);
        ok = write_matrix(d, &d->decs[k], dir, name.s);
        free(name.s);
    }
    return ok;
}

/* A row of n cells of text (a table's head). */
/* Cells of text, separated by commas (the row goes on). */
static void csv_cells(batch_str *b, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            bs_puts(b, ",");
        csv_text(b, cells[i]);
    }
}

static void csv_row(batch_str *b, const char *const *cells, size_t n)
{
    csv_cells(b, cells, n);
    bs_puts(b, "\r\n");
}

/* A cell counted in a row of the summary: its status, and for a changed
 * target the directions of its changes. */
static void tally(const rp_cell *c, size_t n[3], size_t dirs[4])
{
    if (c->status != RP_NONE)
        n[c->status]++;
    for (unsigned bit = 0; bit < 4; bit++)
        dirs[bit] += c->status == RP_CHANGED && (c->dirs & (1u << bit));
}

/* One table: a row per target of each decision, a row per plan, a row per
 * failed file; the kind of row in the first column. */
bool rp_write_summary_csv(const rp_data *d, const char *dir)
{
    batch_str b = {0};
    bs_puts(&b, BOM);
    const char *head[] = {_("row"),     _("implemented decision"), _("target"),  _("name or file"),
                          _("plans"),   _("adopted"),              _("changed"), _("stricter"),
                          _("looser"),  _("localized figure"),     _("not in the plan"),
                          _("adopted or changed (%)"),             _("error")};
    csv_row(&b, head, sizeof head / sizeof head[0]);
    for (size_t k = 0; k < d->ndecs; k++) {
        const rp_decision *dec = &d->decs[k];
        for (size_t t = 0; t < dec->ntargets; t++) {
            size_t n[3] = {0}, dirs[4] = {0};
            for (size_t j = 0; j < dec->nplans; j++)
                tally(&d->plans[dec->plans[j]].cells[t], n, dirs);
            const char *cells[] = {_("target"), dec->name, dec->ids[t], dec->names[t]};
            csv_cells(&b, cells, 4);
            bs_printf(&b, ",%zu,%zu,%zu,%zu,%zu,%zu,%zu,", dec->nplans, n[RP_ADOPTED], n[RP_CHANGED], dirs[0],
                      dirs[1], dirs[2], n[RP_MISSING]);
            csv_num(&b, dec->nplans ? round(1000.0 * (double)(n[RP_ADOPTED] + n[RP_CHANGED]) /
                                            (double)dec->nplans) / 10
                                    : NAN);
            bs_puts(&b, ",\r\n");
        }
    }
    for (size_t i = 0; i < d->nplans; i++) {
        const rp_plan *p = &d->plans[i];
        if (p->error)
            continue;
        const rp_decision *dec = &d->decs[p->dec];
        size_t n[3] = {0}, dirs[4] = {0};
        for (size_t t = 0; t < dec->ntargets; t++)
            tally(&p->cells[t], n, dirs);
        const char *cells[] = {_("plan"), dec->name, p->locality, p->file};
        csv_cells(&b, cells, 4);
        bs_printf(&b, ",%zu,%zu,%zu,%zu,%zu,%zu,%zu,", dec->ntargets, n[RP_ADOPTED], n[RP_CHANGED], dirs[0],
                  dirs[1], dirs[2], n[RP_MISSING]);
        csv_num(&b, round(1000.0 * rp_completeness(d, p)) / 10);
        bs_puts(&b, ",\r\n");
    }
    for (size_t i = 0; i < d->nplans; i++) {
        const rp_plan *p = &d->plans[i];
        if (!p->error)
            continue;
        const char *row[sizeof head / sizeof head[0]] = {[0] = _("error"), [3] = p->file, [12] = p->error};
        csv_row(&b, row, sizeof row / sizeof row[0]);
    }
    bool ok = write_out(dir, "summary.csv", &b);
    free(b.s);
    return ok;
}

bool rp_write_similarity_csv(const rp_data *d, const char *dir)
{
    batch_str b = {0};
    bs_puts(&b, BOM);
    const char *head[] = {_("plan A"),     _("plan B"), _("locality A"), _("locality B"),
                          _("shared sentences (%)"), _("error")};
    csv_row(&b, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < d->npairs; i++) {
        const rp_plan *a = &d->plans[d->pairs[i].a], *p = &d->plans[d->pairs[i].b];
        const char *cells[] = {a->file, p->file, a->locality, p->locality};
        csv_cells(&b, cells, 4);
        bs_puts(&b, ",");
        csv_num(&b, round(1000.0 * d->pairs[i].share) / 10);
        bs_puts(&b, ",\r\n");
    }
    for (size_t i = 0; i < d->nplans; i++) {
        const rp_plan *p = &d->plans[i];
        if (!p->error)
            continue;
        const char *row[sizeof head / sizeof head[0]] = {[0] = p->file, [5] = p->error};
        csv_row(&b, row, sizeof row / sizeof row[0]);
    }
    bool ok = write_out(dir, "similarity.csv", &b);
    free(b.s);
    return ok;
}

/* ---- matrix.xlsx ---- */

/* libxlsxwriter is loaded by the first matrix.xlsx, not linked (src/dl.h):
 * with libminizip and libcrypto it cost every start of vnplan about a
 * millisecond, for the one command that writes a spreadsheet.  Every call
 * goes through the table xl, checked against <xlsxwriter.h>. */
#ifndef VN_XLSXWRITER_SONAME
#define VN_XLSXWRITER_SONAME "libxlsxwriter.so.4"
#endif

#define XLSX_FUNCS(X)                                                                                        \
    X(workbook_new)                                                                                          \
    X(workbook_set_properties)                                                                               \
    X(workbook_add_format)                                                                                   \
    X(workbook_add_worksheet)                                                                                \
    X(workbook_close)                                                                                        \
    X(format_set_bold)                                                                                       \
    X(format_set_text_wrap)                                                                                  \
    X(format_set_bg_color)                                                                                   \
    X(format_set_num_format)                                                                                 \
    X(worksheet_write_string)                                                                                \
    X(worksheet_write_number)                                                                                \
    X(worksheet_set_column)                                                                                  \
    X(worksheet_freeze_panes)                                                                                \
    X(worksheet_autofilter)                                                                                  \
    X(lxw_strerror)

typedef struct xlsx_api {
    XLSX_FUNCS(VN_DL_FIELD)
} xlsx_api;

VN_DL_DEFINE(xlsx_api, xl, XLSX_FUNCS, xl_lib, VN_XLSXWRITER_SONAME, NULL);

typedef struct xlsx_formats {
    lxw_format *head, *status[3], *num;
} xlsx_formats;

static void sheet_name(const char *name, char *out, size_t len)
{
    size_t k = 0, chars = 0;
    for (const char *p = name; *p && k + 4 < len; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80 && ++chars > XLSX_SHEET_NAME_MAX)
            break;
        out[k++] = strchr("/\\?*[]:", c) ? '-' : (char)c;
    }
    out[k] = '\0';
}

static void decision_sheet(lxw_worksheet *ws, const rp_data *d, const rp_decision *dec, const xlsx_formats *f)
{
    lxw_col_t col = 0;
    for (size_t i = 0; i < PLAN_COLUMNS; i++)
        xl.worksheet_write_string(ws, 0, col++, _(plan_columns[i]), f->head);
    for (size_t t = 0; t < dec->ntargets; t++) {
        for (size_t k = 0; k < CELL_COLUMNS; k++) {
            batch_str h = {0};
            bs_printf(&h, "%s: %s", dec->names[t], _(cell_columns[k]));
            xl.worksheet_write_string(ws, 0, col++, h.s, f->head);
            free(h.s);
        }
    }
    for (size_t k = 0; k < dec->nplans; k++) {
        const rp_plan *p = &d->plans[dec->plans[k]];
        lxw_row_t row = (lxw_row_t)k + 1;
        const char *cols[] = {p->file,   p->locality, rp_level_label(p->level), p->number,
                              p->date,   p->decision, NULL};
        for (size_t i = 0; i < PLAN_COLUMNS; i++)
            if (cols[i])
                xl.worksheet_write_string(ws, row, (lxw_col_t)i, cols[i], NULL);
        col = PLAN_COLUMNS;
        for (size_t t = 0; t < dec->ntargets; t++) {
            const rp_cell *c = &p->cells[t];
            char st[160];
            status_text(c, st, sizeof st);
            xl.worksheet_write_string(ws, row, col, st, c->status >= 0 ? f->status[c->status] : NULL);
            if (c->cmp[0])
                xl.worksheet_write_string(ws, row, col + 1, rp_cmp_label(c->cmp), NULL);
            if (!isnan(c->value))
                xl.worksheet_write_number(ws, row, col + 2, c->value, f->num);
            if (!isnan(c->value_max))
                xl.worksheet_write_number(ws, row, col + 3, c->value_max, f->num);
            if (c->scope)
                xl.worksheet_write_string(ws, row, col + 4, c->scope, NULL);
            col += CELL_COLUMNS;
        }
    }
    xl.worksheet_set_column(ws, 0, 0, 40, NULL);
    xl.worksheet_set_column(ws, 1, (lxw_col_t)PLAN_COLUMNS - 1, 14, NULL);
    xl.worksheet_set_column(ws, (lxw_col_t)PLAN_COLUMNS, (lxw_col_t)(PLAN_COLUMNS + CELL_COLUMNS * dec->ntargets), 16, NULL);
    xl.worksheet_freeze_panes(ws, 1, 1);
    xl.worksheet_autofilter(ws, 0, 0, (lxw_row_t)dec->nplans, (lxw_col_t)(PLAN_COLUMNS + CELL_COLUMNS * dec->ntargets - 1));
}

bool rp_write_xlsx(const rp_data *d, const char *dir)
{
    batch_str path = {0}, tmp = {0};
    bs_printf(&path, "%s/matrix.xlsx", dir);
    bs_printf(&tmp, "%s/.matrix.xlsx.%ld.tmp", dir, (long)getpid());
    if (!vn_dl_use(&xl_lib)) {
        cli_error(path.s,
                  "writing a spreadsheet needs the libxlsxwriter library, which cannot be loaded (%s); "
                  "on Debian: apt-get install libxlsxwriter4",
                  xl_lib.why);
        free(path.s);
        free(tmp.s);
        return false;
    }
    lxw_workbook *wb = xl.workbook_new(tmp.s);
    if (!wb) {
        cli_error(path.s, "cannot create it");
        free(path.s);
        free(tmp.s);
        return false;
    }
    /* the same inputs give the same bytes whenever the program runs: the
     * creation time is SOURCE_DATE_EPOCH when set (the reproducible-builds
     * convention), else a fixed one, never the clock.  libxlsxwriter writes
     * the current time for 0, so 0 (or no usable number) is the fixed time */
    lxw_doc_properties props = {0};
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *epoch_end = NULL;
    long long secs = epoch ? strtoll(epoch, &epoch_end, 10) : 0;
    props.created = epoch && epoch_end != epoch && !*epoch_end && secs > 0 ? (time_t)secs : XLSX_FIXED_CREATED;
    props.title = (char *)_("Plans compared with the decisions they implement");
    xl.workbook_set_properties(wb, &props);
    xlsx_formats f;
    f.head = xl.workbook_add_format(wb);
    xl.format_set_bold(f.head);
    xl.format_set_text_wrap(f.head);
    xl.format_set_bg_color(f.head, 0xDDDDDD);
    static const lxw_color_t colours[3] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE}; /* adopted, changed, missing */
    for (int s = 0; s < 3; s++) {
        f.status[s] = xl.workbook_add_format(wb);
        xl.format_set_bg_color(f.status[s], colours[s]);
    }
    f.num = xl.workbook_add_format(wb);
    xl.format_set_num_format(f.num, "#,##0.###");
    for (size_t k = 0; k < d->ndecs; k++) {
        char name[4 * XLSX_SHEET_NAME_MAX + 8];
        sheet_name(d->decs[k].name, name, sizeof name);
        lxw_worksheet *ws = xl.workbook_add_worksheet(wb, name);
        if (!ws)
            ws = xl.workbook_add_worksheet(wb, NULL);
        decision_sheet(ws, d, &d->decs[k], &f);
    }
    if (d->nfailed || !d->ndecs) {
        lxw_worksheet *ws = xl.workbook_add_worksheet(wb, _("Failed files"));
        xl.worksheet_write_string(ws, 0, 0, _("file"), f.head);
        xl.worksheet_write_string(ws, 0, 1, _("error"), f.head);
        lxw_row_t row = 1;
        for (size_t i = 0; i < d->nplans; i++) {
            if (!d->plans[i].error)
                continue;
            xl.worksheet_write_string(ws, row, 0, d->plans[i].file, NULL);
            xl.worksheet_write_string(ws, row, 1, d->plans[i].error, NULL);
            row++;
        }
        xl.worksheet_set_column(ws, 0, 1, 60, NULL);
        xl.worksheet_freeze_panes(ws, 1, 0);
    }
    lxw_error e = xl.workbook_close(wb);
    bool ok = e == LXW_NO_ERROR && rename(tmp.s, path.s) == 0;
    if (!ok) {
        cli_error(path.s, "%s", e != LXW_NO_ERROR ? xl.lxw_strerror(e) : vnplan_errno_text(errno));
        unlink(tmp.s);
    }
    free(path.s);
    free(tmp.s);
    return ok;
}
