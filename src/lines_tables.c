/* lines_tables.c — tables in plain text: laid out with spaces (pdftotext
 * -layout), exported from Word with TABs, printed by pandoc (`pandoc -t
 * plain` of a .docx).  Their lines are marked so that a row is one logical
 * line and borders and repeated headers are page furniture; targets_tables.c
 * reads the rows' cells. */
#include "stages.h"
#include "lines_private.h"

#include "match.h"
#include "utf8.h"

#include <string.h>

static bool is_content(const vn_pline *pl) { return vn_pline_is_content(pl); }

/* ---- tables laid out with spaces ----------------------------------------------------
 * pdftotext -layout prints a table cell by cell along each line, the cells
 * apart by runs of spaces, a long cell wrapped onto the lines below in its
 * own column:
 *
 *     TT            Chỉ tiêu            Đơn vị tính   Năm 2030   Năm 2035
 *      1    Tỷ lệ người học theo học các       %          33         38
 *           ngành STEM ở các trình độ
 *
 * A header row names a year in some cell and holds no other digit; the rows
 * under it are the lines whose segments line up with its columns (or with
 * the columns the first row set).  A row is the line with a first cell and
 * the lines under it without one; a repeat of the header after a page break
 * is page furniture.  The table ends at the first line that does not line
 * up ("3. Định hướng ...", a paragraph); a header no row follows was none. */

#define TABLE_MAX_COLS 12
#define TABLE_SLACK 3          /* columns a cell may stand off its header's */
#define TABLE_HEAD_CELL_MAX 32 /* characters of a header cell ("Đơn vị tính", "Năm 2030") */

typedef struct table_cols {
    size_t n;
    vn_segment head[TABLE_MAX_COLS];
    const char *head_s; /* the header line, to know its repeats */
    size_t head_n;
    uint32_t anchor[TABLE_MAX_COLS * 2]; /* columns where the first row's cells start */
    size_t nanchors;
} table_cols;

static bool has_year(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i + 4 <= b; i++)
        if ((s[i] == '1' || s[i] == '2') && vn_is_digit(s[i + 1]) && vn_is_digit(s[i + 2]) &&
            vn_is_digit(s[i + 3]) && (i + 4 == b || !vn_is_digit(s[i + 4])) && (i == a || !vn_is_digit(s[i - 1])))
            return true;
    return false;
}

static bool has_digit(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (vn_is_digit(s[i]))
            return true;
    return false;
}

static bool table_header(const char *s, const vn_segment *g, size_t ng)
{
    if (ng < 3)
        return false;
    size_t years = 0;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].end_col - g[i].col > TABLE_HEAD_CELL_MAX || s[g[i].end - 1] == '.' || s[g[i].end - 1] == ';')
            return false; /* words of a sentence spread by justification, not a header */
        if (has_year(s, g[i].start, g[i].end))
            years++;
        else if (has_digit(s, g[i].start, g[i].end))
            return false;
    }
    return years >= 1;
}

static int table_column(const table_cols *t, const vn_segment *g)
{
    return vn_segment_column(t->head, t->n, g, TABLE_SLACK);
}

/* A segment over two header columns or more: a line of text, not a cell. */
static bool spans_columns(const table_cols *t, const vn_segment *g)
{
    size_t over = 0;
    for (size_t c = 0; c < t->n; c++)
        over += g->col < t->head[c].end_col && g->end_col > t->head[c].col;
    return over >= 2;
}

static bool at_anchor(const table_cols *t, uint32_t col)
{
    for (size_t i = 0; i < t->nanchors; i++)
        if (col + 1 >= t->anchor[i] && col <= t->anchor[i] + 1)
            return true;
    return false;
}

/* Whether a line lines up with the table: the first row has cells side by
 * side, each overlapping a column; after it, each segment starts where a
 * cell of the first row did, or lies within a column (a short value cell). */
static bool lines_up(const table_cols *t, const vn_segment *g, size_t ng)
{
    if (t->nanchors == 0 && ng < 2)
        return false;
    for (size_t i = 0; i < ng; i++) {
        if (spans_columns(t, &g[i]))
            return false;
        if (t->nanchors && at_anchor(t, g[i].col))
            continue;
        int c = vn_segment_column_in_line(t->head, t->n, g, ng, i, TABLE_SLACK);
        if (c < 0)
            return false;
        /* within its column; in a row of cells, a centred cell wider than
         * its header cell may stand out of it up to its neighbours' header
         * cells (a lone segment is a wrapped cell, or the text after the
         * table: it keeps to its column) */
        bool wide = ng >= 2;
        if (t->nanchors && ((g[i].col + TABLE_SLACK < t->head[c].col &&
                             (!wide || c == 0 || g[i].col < t->head[c - 1].end_col)) ||
                            (g[i].end_col > t->head[c].end_col + TABLE_SLACK &&
                             (!wide || (size_t)c + 1 == t->n || g[i].end_col > t->head[c + 1].col))))
            return false;
    }
    return ng > 0;
}

/* The segment stands in the first column: the line starts a row. */
static bool first_cell(const table_cols *t, const vn_segment *g)
{
    if (t->nanchors)
        return g->col + 1 >= t->anchor[0] && g->col <= t->anchor[0] + 1;
    return table_column(t, g) == 0;
}

/* A row with no number of its own ("Trong đó: thuộc các ngành khoa học cơ
 * bản   ≥ 2,5   ≥ 3" under row 1, its TT cell empty) starts no first cell,
 * but it puts a number again in a column where its row already has one,
 * which a wrapped cell never does (a wrapped value cell adds its number to
 * the words above it: "Tối thiểu" / "50").  The line's first segment is
 * its text, not a value. */
static bool numbers_again(const table_cols *t, const char *s, const vn_segment *g, size_t ng,
                          const bool *numbered)
{
    for (size_t i = 1; i < ng; i++) {
        int c = vn_segment_column_in_line(t->head, t->n, g, ng, i, TABLE_SLACK);
        if (c > 0 && numbered[c] && has_digit(s, g[i].start, g[i].end))
            return true;
    }
    return false;
}

static void note_numbers(const table_cols *t, const char *s, const vn_segment *g, size_t ng, bool *numbered)
{
    for (size_t i = 1; i < ng; i++) {
        int c = vn_segment_column_in_line(t->head, t->n, g, ng, i, TABLE_SLACK);
        if (c > 0 && has_digit(s, g[i].start, g[i].end))
            numbered[c] = true;
    }
}

/* The same words with any spaces between: a header row repeated on the next
 * page is laid out again, its columns a little apart from the first's
 * ("Năm 2030     Năm 2035" / "Năm 2030    Năm 2035"). */
static bool same_words(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        bool sa = false, sb = false;
        while (i < an && (a[i] == ' ' || a[i] == '\f'))
            i++, sa = true;
        while (j < bn && (b[j] == ' ' || b[j] == '\f'))
            j++, sb = true;
        if (i == an || j == bn)
            return i == an && j == bn;
        if ((sa != sb && i > 0 && j > 0) || a[i] != b[j])
            return false;
        i++, j++;
    }
}

/* The table ends; a header no row followed was none. */
static void end_table(vnplan_doc *doc, const table_cols *t, size_t head)
{
    if (t->nanchors != 0)
        return;
    doc->plines[head].flags &= (uint16_t)~(VN_PL_TABLE | VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW);
    if (head > 0 && (doc->plines[head - 1].flags & VN_PL_TABLE_HEAD)) /* its first line (head_line_above) */
        doc->plines[head - 1].flags &= (uint16_t)~(VN_PL_TABLE | VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW);
}

static size_t count_tabs(const char *s, size_t n)
{
    size_t tabs = 0;
    for (const char *p = s; (p = memchr(p, '\t', (size_t)(s + n - p))) != NULL; p++)
        tabs++;
    return tabs;
}

/* Rows of a table exported from Word with TABs: lines of three cells or more
 * next to another such line.  "1.1<TAB>Trong đó: ..." numbers a row. */
void vn_lines_mark_tab_tables(vnplan_doc *doc)
{
    size_t prev = SIZE_MAX; /* the previous content line, if it had 3 cells or more */
    for (size_t k = 0; k < doc->nplines; k++) {
        vn_pline *pl = &doc->plines[k];
        if (!is_content(pl))
            continue;
        bool row = memchr(doc->text.s + pl->start, '\t', pl->end - pl->start) &&
                   count_tabs(doc->text.s + pl->start, pl->end - pl->start) >= 2;
        if (row && prev != SIZE_MAX) {
            doc->plines[prev].flags |= VN_PL_TAB_ROW;
            pl->flags |= VN_PL_TAB_ROW;
        }
        prev = row ? k : SIZE_MAX;
    }
}

/* A header whose cells wrapped ("Năm" / "2030", "Đơn vị" / "tính"): the
 * line right above the one naming the years holds only short words without
 * a digit, each inside one of its columns.  It is the header's first line:
 * the header row starts there (targets_tables.c reads its cells column by
 * column). */
static void head_line_above(vnplan_doc *doc, size_t k, const table_cols *t)
{
    const char *s = doc->text.s;
    if (k == 0)
        return;
    vn_pline *above = &doc->plines[k - 1];
    if (!is_content(above) || (above->flags & VN_PL_TABLE))
        return;
    vn_segment g[TABLE_MAX_COLS];
    size_t ng = vn_line_segments(s + above->start, above->end - above->start, vn_pline_indent(doc, k - 1), g,
                                 TABLE_MAX_COLS);
    if (ng == 0)
        return;
    for (size_t i = 0; i < ng; i++) {
        g[i].start += above->start, g[i].end += above->start;
        int c = table_column(t, &g[i]);
        if (c < 0 || spans_columns(t, &g[i]) || has_digit(s, g[i].start, g[i].end) ||
            g[i].end_col - g[i].col > TABLE_HEAD_CELL_MAX || g[i].col + TABLE_SLACK < t->head[c].col ||
            g[i].end_col > t->head[c].end_col + TABLE_SLACK)
            return;
    }
    above->flags |= VN_PL_TABLE | VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW;
    doc->plines[k].flags &= (uint16_t)~(VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW);
}

/* A table broken by a page's foot: what stands under its last row on the
 * page (a footnote, a page number) lines up with nothing, and the next page
 * starts with the header again.  The line where the header comes back, or 0
 * when it does not within a page foot's lines. */
#define TABLE_FOOT_MAX_LINES 12
static size_t header_again(const vnplan_doc *doc, size_t k, const table_cols *t)
{
    if (!t->nanchors)
        return 0;
    for (size_t q = k + 1; q < doc->nplines && q <= k + TABLE_FOOT_MAX_LINES; q++) {
        const vn_pline *pl = &doc->plines[q];
        if (is_content(pl) && same_words(doc->text.s + pl->start, pl->end - pl->start, t->head_s, t->head_n))
            return q;
    }
    return 0;
}

/* A header whose cells wrapped, each year over its unit, the years set
 * closer than a column gap ("Năm 2030 Năm 2035" over "(%)      (%)"): line
 * k holds the header's other cells and no digit, some of them a unit in
 * parentheses; the line right above holds only years, as many as those
 * units, and nothing left of the first unit. */
static bool units_under_years(const vnplan_doc *doc, size_t k, const vn_segment *g, size_t ng)
{
    const char *s = doc->text.s;
    if (ng < 3 || k == 0)
        return false;
    size_t units = 0;
    uint32_t first_unit = UINT32_MAX;
    for (size_t i = 0; i < ng; i++) {
        if (has_digit(s, g[i].start, g[i].end))
            return false;
        if (g[i].end - g[i].start >= 3 && s[g[i].start] == '(' && s[g[i].end - 1] == ')') {
            units++;
            if (first_unit == UINT32_MAX)
                first_unit = g[i].col;
        }
    }
    const vn_pline *above = &doc->plines[k - 1];
    if (!units || !is_content(above) || (above->flags & VN_PL_TABLE) ||
        vn_pline_indent(doc, k - 1) + TABLE_SLACK < first_unit)
        return false;
    size_t years = 0;
    for (uint32_t i = above->start; i < above->end;) {
        if (!vn_is_digit(s[i])) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < above->end && vn_is_digit(s[j]))
            j++;
        if (j - i != 4 || !has_year(s, i, j))
            return false;
        years++;
        i = j;
    }
    return years == units;
}

/* A header whose year cells wrapped under the rest of it: "Năm" / "2026"
 * in each year column, the other cells ("STT", "Chỉ tiêu", "Đơn vị tính")
 * on one line between them, as pdftotext -layout prints a header whose
 * cells are centred vertically:
 *
 *                                          Năm      Năm      Năm
 *     STT        Chỉ tiêu    Đơn vị tính
 *                                          2026     2028     2030
 *
 * Line k holds the other cells (two or more, no digit) and the line right
 * under it only years, each right of those cells.  The header's columns
 * are line k's cells and the years' (into g, ng updated); the years' line
 * goes with the header. */
static bool years_below(const vnplan_doc *doc, size_t k, vn_segment *g, size_t *ng)
{
    const char *s = doc->text.s;
    if (*ng < 2 || k + 1 >= doc->nplines)
        return false;
    for (size_t i = 0; i < *ng; i++)
        if (has_digit(s, g[i].start, g[i].end) || g[i].end_col - g[i].col > TABLE_HEAD_CELL_MAX ||
            s[g[i].end - 1] == '.' || s[g[i].end - 1] == ';')
            return false;
    const vn_pline *below = &doc->plines[k + 1];
    if (!is_content(below) || (below->flags & VN_PL_TABLE))
        return false;
    vn_segment y[TABLE_MAX_COLS];
    size_t ny = vn_line_segments(s + below->start, below->end - below->start, vn_pline_indent(doc, k + 1), y,
                                 TABLE_MAX_COLS);
    if (ny == 0 || *ng + ny > TABLE_MAX_COLS)
        return false;
    for (size_t i = 0; i < ny; i++) {
        y[i].start += below->start, y[i].end += below->start;
        if (y[i].end - y[i].start != 4 || !has_year(s, y[i].start, y[i].end) || y[i].col < g[*ng - 1].end_col)
            return false;
    }
    memcpy(g + *ng, y, ny * sizeof *y);
    *ng += ny;
    return true;
}

/* A Roman-numbered heading in capitals ("III. NHIỆM VỤ VÀ GIẢI PHÁP"): the
 * plan's outline goes on, though the heading stands in a cell's column
 * (indented as the table's text cells are, after the page break that
 * ended the table); never a wrapped cell's line. */
static bool outline_heading(const vnplan_doc *doc, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\f'))
        s++, n--;
    vn_class c = vn_classify_line(doc->grammar, s, n, NULL);
    return c.style == VN_STYLE_ROMAN && c.all_caps;
}

/* Line k, which lines.c took for a page number (a number alone on its
 * line), is a value cell's number wrapped under its qualifier ("Ít nhất" /
 * "250", "Tối thiểu" / "50") in a table being read: it stands in a year's
 * column, right under a line of the table, and the table goes on after it
 * on the same page — a page number ends its page (the next line starts
 * with a form feed) or starts it. */
static bool wrapped_value_number(const vnplan_doc *doc, size_t k, const table_cols *t)
{
    const char *s = doc->text.s;
    const vn_pline *pl = &doc->plines[k];
    if (!(pl->flags & VN_PL_FURNITURE) || (pl->flags & VN_PL_BLANK) || k == 0 || k + 1 >= doc->nplines ||
        !t->nanchors || s[pl->start] == '\f' || !has_digit(s, pl->start, pl->end))
        return false;
    for (uint32_t i = pl->start; i < pl->end; i++)
        if (!vn_is_digit(s[i]) && s[i] != '.' && s[i] != ',')
            return false;
    if (!(doc->plines[k - 1].flags & VN_PL_TABLE))
        return false;
    const vn_pline *next = &doc->plines[k + 1];
    if (!is_content(next) || s[next->start] == '\f')
        return false;
    vn_segment one = {pl->start, pl->end, vn_pline_indent(doc, k), 0};
    one.end_col = one.col + pl->chars;
    int c = table_column(t, &one);
    return c > 0 && has_year(s, t->head[c].start, t->head[c].end);
}

/* ---- rows whose cells are centred vertically ------------------------------------------
 * Word and LibreOffice often centre a table's cells in their rows: a row's
 * number and its one-line cells then stand beside the MIDDLE of its wrapped
 * indicator, the indicator's first lines (and a two-line cell's first,
 * "Người/1", "Ít nhất") above the line that starts with the number:
 *
 *           Nhân lực nghiên cứu khoa học, phát
 *                                                 Người/1
 *      1    triển công nghệ, đổi mới sáng tạo toàn              9     12
 *                                                 vạn dân
 *           thời gian
 *           Tỷ lệ người học các ngành khoa học
 *      2    cơ bản, kỹ thuật và công nghệ              %       30     35
 *
 * Such a table shows itself by its first line under the header: a cell's
 * line with no number.  Its rows then start above their number: the first
 * row at that line, each next one at the first line, since the row above's
 * number, whose text starts with a capital letter — a cell's first words
 * ("Tỷ lệ", "Ít nhất"), where the lines of a wrapped cell go on in lower
 * case ("thời gian", "vạn dân") — or at its number when no line does. */

/* The line's text (after its indent) starts with a capital letter. */
static bool starts_capital(const vnplan_doc *doc, size_t k)
{
    const vn_pline *pl = &doc->plines[k];
    const char *s = doc->text.s + pl->start;
    size_t n = pl->end - pl->start, i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\f'))
        i++;
    return i < n && vn_cp_is_upper(vn_utf8_next(s, n, &i));
}

/* A first cell came at line k of a centred table whose previous row's
 * number was at line `from` - 1: the line where its row starts. */
static size_t centred_row_start(const vnplan_doc *doc, size_t from, size_t k)
{
    for (size_t q = from; q < k; q++)
        if ((doc->plines[q].flags & VN_PL_TABLE) && !(doc->plines[q].flags & VN_PL_FURNITURE) &&
            is_content(&doc->plines[q]) && starts_capital(doc, q))
            return q;
    return k;
}

void vn_lines_mark_layout_tables(vnplan_doc *doc)
{
    const char *s = doc->text.s;
    table_cols t;
    memset(&t, 0, sizeof t);
    bool in = false;
    size_t head = 0;
    vn_segment g[TABLE_MAX_COLS];
    bool numbered[TABLE_MAX_COLS]; /* the columns the current row holds a number in */
    memset(numbered, 0, sizeof numbered);
    /* a table whose cells are centred vertically (its first line under the
     * header is no row's number): its first row already started above its
     * number; the lines from gap_from on follow the last number */
    bool centred = false, first_open = false;
    size_t gap_from = 0;
    for (size_t k = 0; k < doc->nplines; k++) {
        vn_pline *pl = &doc->plines[k];
        if (in && wrapped_value_number(doc, k, &t)) {
            pl->flags = (uint16_t)((pl->flags & ~VN_PL_FURNITURE) | VN_PL_TABLE);
            continue;
        }
        if (!is_content(pl) || (pl->flags & VN_PL_TABLE))
            continue;
        size_t n = pl->end - pl->start;
        /* cheap filter: a table line has a wide gap; one with TABs is a
         * table exported from Word, whose cells the TABs already separate */
        bool gap = false, tab = memchr(s + pl->start, '\t', n) != NULL;
        for (size_t i = 0, run = 0; i < n && !gap && !tab; i++) {
            run = s[pl->start + i] == ' ' ? run + 1 : 0;
            gap = run >= 3;
        }
        if (tab || (!gap && !in)) {
            if (in)
                end_table(doc, &t, head);
            in = false;
            continue;
        }
        if (!gap && vn_is_rule_line(s + pl->start, n)) {
            /* a border under the header or the rows (pandoc's simple and
             * grid tables: "----- ------ ----"): drawn, not written */
            pl->flags |= VN_PL_FURNITURE;
            continue;
        }
        if (!gap) {
            /* one segment: a wrapped cell, or the end of the table */
            vn_segment one = {pl->start, pl->end, vn_pline_indent(doc, k), 0};
            one.end_col = one.col + pl->chars;
            if (lines_up(&t, &one, 1) && !first_cell(&t, &one) && !outline_heading(doc, s + pl->start, n)) {
                pl->flags |= VN_PL_TABLE;
                continue;
            }
            if (in && !t.nanchors && !spans_columns(&t, &one) && table_column(&t, &one) > 0 &&
                !outline_heading(doc, s + pl->start, n)) {
                /* a cell's line before the first row's number: the cells
                 * are centred, and the first row starts here */
                pl->flags |= VN_PL_TABLE;
                if (!centred)
                    pl->flags |= VN_PL_TABLE_ROW;
                centred = first_open = true;
                continue;
            }
            size_t again = in ? header_again(doc, k, &t) : 0;
            if (again) {
                k = again - 1; /* the page's foot is left to lines_footnotes.c */
                continue;
            }
            end_table(doc, &t, head);
            in = false;
            continue;
        }
        size_t ng = vn_line_segments(s + pl->start, n, vn_pline_indent(doc, k), g, TABLE_MAX_COLS);
        if (in && t.n >= 2) {
            ng = vn_split_row_number(s + pl->start, g, ng, TABLE_MAX_COLS, t.head[1].col, TABLE_SLACK);
            ng = vn_split_value_pairs(s + pl->start, g, ng, TABLE_MAX_COLS, t.head, t.n, TABLE_SLACK);
            ng = vn_split_unit_symbol(s + pl->start, g, ng, TABLE_MAX_COLS, t.head, t.n, TABLE_SLACK);
        }
        for (size_t i = 0; i < ng; i++)
            g[i].start += pl->start, g[i].end += pl->start;
        if (in) {
            /* the header again after a page break */
            const char *h = s + pl->start;
            while (n && (*h == '\f' || *h == ' '))
                h++, n--;
            if (t.nanchors && same_words(h, n, t.head_s, t.head_n)) {
                pl->flags |= VN_PL_FURNITURE;
                continue;
            }
            if (lines_up(&t, g, ng)) {
                pl->flags |= VN_PL_TABLE;
                bool first = first_cell(&t, &g[0]);
                if (!first && !t.nanchors) {
                    /* cells of the first row above its number */
                    if (!centred)
                        pl->flags |= VN_PL_TABLE_ROW;
                    centred = first_open = true;
                    continue;
                }
                bool starts = first || (t.nanchors && numbers_again(&t, s, g, ng, numbered));
                if (starts) {
                    if (!centred)
                        pl->flags |= VN_PL_TABLE_ROW;
                    else if (!first_open)
                        doc->plines[centred_row_start(doc, gap_from, k)].flags |= VN_PL_TABLE_ROW;
                    first_open = false;
                    gap_from = k + 1;
                    memset(numbered, 0, sizeof numbered);
                }
                note_numbers(&t, s, g, ng, numbered);
                if (t.nanchors == 0)
                    for (size_t i = 0; i < ng && t.nanchors < TABLE_MAX_COLS * 2; i++)
                        t.anchor[t.nanchors++] = g[i].col;
                continue;
            }
            size_t again = header_again(doc, k, &t);
            if (again) {
                k = again - 1;
                continue;
            }
            end_table(doc, &t, head);
            in = false;
        }
        bool years_above = !table_header(s, g, ng) && units_under_years(doc, k, g, ng);
        bool years_under = !years_above && !table_header(s, g, ng) && years_below(doc, k, g, &ng);
        if (years_above || years_under || table_header(s, g, ng)) {
            in = true;
            centred = first_open = false;
            memset(numbered, 0, sizeof numbered);
            head = k;
            t.n = ng;
            memcpy(t.head, g, ng * sizeof *g);
            t.head_s = s + g[0].start;
            t.head_n = g[ng - 1].end - g[0].start;
            t.nanchors = 0;
            pl->flags |= VN_PL_TABLE | VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW;
            if (years_above) {
                /* the years' line is the header's first */
                doc->plines[k - 1].flags |= VN_PL_TABLE | VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW;
                pl->flags &= (uint16_t)~(VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW);
            } else {
                if (years_under)
                    doc->plines[k + 1].flags |= VN_PL_TABLE;
                head_line_above(doc, k, &t);
            }
        }
    }
    if (in)
        end_table(doc, &t, head);
}

#define PANDOC_TABLE_MAX_COLS 12

/* ---- tables pandoc prints in plain text ---------------------------------------------
 * pandoc -t plain draws a table of long cells between two borders of dashes,
 * one run per column; the header row comes first, a blank line follows it
 * and every row, and each cell is wrapped inside its column:
 *
 *   ---- ---------------------- ----------- ------ ------
 *   TT   Chỉ tiêu               Đơn vị tính Năm    Năm
 *                                           2027   2030
 *
 *   1    Tỷ lệ trường tiểu học, %           80     100
 *        trung học cơ sở ...
 *   ---- ---------------------- ----------- ------ ------
 *
 * The borders are drawn; a row is its lines up to the blank line (the first
 * is the header), whatever its first cell holds.  targets_tables.c cuts the
 * lines at the border's columns, since two cells may stand one space apart. */
#define BORDERED_MAX_LINES 400

/* The rows of a simple table, from line j (the first under its rule): one
 * line a row, up to a blank line or a closing border, which is furniture.
 * Returns the line that ended them. */
static size_t simple_rows(vnplan_doc *doc, size_t j)
{
    const char *s = doc->text.s;
    for (; j < doc->nplines && vn_pline_is_content(&doc->plines[j]) &&
           !vn_is_rule_line(s + doc->plines[j].start, doc->plines[j].end - doc->plines[j].start);
         j++)
        doc->plines[j].flags |= VN_PL_TABLE | VN_PL_TABLE_ROW;
    if (j < doc->nplines && vn_pline_is_content(&doc->plines[j]))
        doc->plines[j].flags |= VN_PL_FURNITURE;
    return j;
}

#define MULTILINE_HEAD_LINES 3 /* lines of a marked header row over its column rule */

/* pandoc prints a multiline table whose first row is a header (Word's
 * "repeat as header row") between borders of ONE run of dashes, with the
 * column rule under the header's lines:
 *
 *   -----------------------------------------------------
 *   TT    Chỉ tiêu                  Đơn vị tính Năm 2030
 *   ----- ------------------------- ----------- ---------
 *   1     Tỷ lệ người học theo học  %           35
 *         các ngành STEM
 *
 *   2     ...
 *   -----------------------------------------------------
 *
 * For the column rule at line k: the first of the header's lines when a
 * rule line stands right above them (returned + 0), or 0. */
static size_t multiline_top(const vnplan_doc *doc, size_t k)
{
    const char *s = doc->text.s;
    size_t j = k;
    while (j > 0 && k - j < MULTILINE_HEAD_LINES && vn_pline_is_content(&doc->plines[j - 1]) &&
           !(doc->plines[j - 1].flags & VN_PL_TABLE) &&
           !vn_is_rule_line(s + doc->plines[j - 1].start, doc->plines[j - 1].end - doc->plines[j - 1].start))
        j--;
    if (j == k || j == 0)
        return 0;
    const vn_pline *above = &doc->plines[j - 1];
    if (!vn_pline_is_content(above) || !vn_is_rule_line(s + above->start, above->end - above->start))
        return 0;
    /* the border is one run: a table's own column rule has several */
    vn_segment one[2];
    if (vn_border_columns(s + above->start, above->end - above->start, vn_pline_indent(doc, j - 1), one, 2) > 1)
        return 0;
    return j;
}

/* The rows of such a table from line j: each starts after a blank line (the
 * first right under the rule), up to the closing border, furniture.
 * Returns the closing border's line (or where the rows stopped). */
static size_t multiline_rows(vnplan_doc *doc, size_t j)
{
    const char *s = doc->text.s;
    bool row_start = true;
    for (size_t first = j; j < doc->nplines && j < first + BORDERED_MAX_LINES; j++) {
        vn_pline *q = &doc->plines[j];
        if (q->flags & VN_PL_BLANK) {
            row_start = true;
            continue;
        }
        if (!vn_pline_is_content(q))
            continue;
        if (vn_is_rule_line(s + q->start, q->end - q->start)) {
            q->flags |= VN_PL_FURNITURE;
            return j;
        }
        q->flags |= VN_PL_TABLE | (row_start ? VN_PL_TABLE_ROW : 0);
        row_start = false;
    }
    return j;
}

void vn_lines_mark_pandoc_tables(vnplan_doc *doc)
{
    const char *s = doc->text.s;
    vn_segment cols[PANDOC_TABLE_MAX_COLS];
    for (size_t k = 0; k < doc->nplines; k++) {
        vn_pline *pl = &doc->plines[k];
        size_t nc = vn_pline_is_content(pl)
                        ? vn_border_columns(s + pl->start, pl->end - pl->start, vn_pline_indent(doc, k), cols,
                                            PANDOC_TABLE_MAX_COLS)
                        : 0;
        if (nc == 0)
            continue;
        size_t top = k > 0 ? multiline_top(doc, k) : 0;
        if (top) {
            /* a multiline table whose header row is marked: a border of one
             * run above the header's lines, the column rule under them,
             * rows apart by blank lines up to a border of one run */
            doc->plines[top - 1].flags |= VN_PL_FURNITURE;
            for (size_t j = top; j < k; j++)
                doc->plines[j].flags |= VN_PL_TABLE | (j == top ? VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW : 0);
            pl->flags |= VN_PL_FURNITURE;
            k = multiline_rows(doc, k + 1);
            continue;
        }
        if (k > 0 && vn_pline_is_content(&doc->plines[k - 1]) && !(doc->plines[k - 1].flags & VN_PL_TABLE) &&
            vn_pline_indent(doc, k - 1) + 1 >= cols[0].col &&
            vn_pline_indent(doc, k - 1) <= cols[0].col + 1) {
            /* a simple table with no border above: the rule under its header,
             * then a row per line up to a blank line (or a closing border) */
            doc->plines[k - 1].flags |= VN_PL_TABLE | VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW;
            pl->flags |= VN_PL_FURNITURE;
            k = simple_rows(doc, k + 1);
            continue;
        }
        /* the closing border, before any line that runs past the columns */
        size_t end = k + 1;
        bool closed = false;
        for (; end < doc->nplines && end < k + BORDERED_MAX_LINES; end++) {
            const vn_pline *q = &doc->plines[end];
            if (!vn_pline_is_content(q))
                continue;
            if (vn_is_rule_line(s + q->start, q->end - q->start)) {
                closed = true;
                break;
            }
            if (vn_pline_indent(doc, end) < cols[0].col ||
                vn_pline_indent(doc, end) + q->chars > cols[nc - 1].end_col + 2)
                break;
        }
        if (!closed || end == k + 1)
            continue;
        pl->flags |= VN_PL_FURNITURE;
        doc->plines[end].flags |= VN_PL_FURNITURE;
        /* a simple table: a rule right under the header's lines, then one
         * line per row (up to the closing border) */
        size_t under = k + 1;
        while (under < end && vn_pline_is_content(&doc->plines[under]))
            under++;
        bool simple = under == end;
        if (simple) {
            for (size_t j = k + 1; j < under; j++)
                doc->plines[j].flags |= VN_PL_TABLE | (j == k + 1 ? VN_PL_TABLE_HEAD | VN_PL_TABLE_ROW : 0);
            doc->plines[under].flags |= VN_PL_FURNITURE;
            k = simple_rows(doc, under + 1);
            continue;
        }
        bool row_start = true, head = true;
        for (size_t j = k + 1; j < end; j++) {
            vn_pline *q = &doc->plines[j];
            if (q->flags & VN_PL_BLANK)
                row_start = true;
            if (!vn_pline_is_content(q))
                continue;
            q->flags |= VN_PL_TABLE;
            if (row_start)
                q->flags |= VN_PL_TABLE_ROW | (head ? VN_PL_TABLE_HEAD : 0);
            row_start = head = false;
        }
        k = end;
    }
}
