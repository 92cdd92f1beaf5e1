/* lines_stacked.c — tables whose cells were printed one under another.
 *
 * A table of a .docx saved as text by LibreOffice (`soffice --convert-to
 * txt`) or read out of a PDF by plain `pdftotext` loses its rows: every cell
 * is a paragraph of its own, in reading order, row after row.
 *
 *     TT                 1                     1.1
 *     Chỉ tiêu           Tỷ lệ người học …     Trong đó: …
 *     Đơn vị tính        %                     %
 *     Năm 2030           35                    ≥ 15
 *     Năm 2035           40                    ≥ 20
 *
 * LibreOffice writes one line per cell, an empty cell as an empty line;
 * pdftotext writes each cell as a block of lines (a long cell wrapped) with
 * a blank line after it, and an empty cell not at all.
 *
 * The header is what tells such a table: a cell that heads the row numbers
 * ("TT", "STT": lines.txt [table_number_head]), then short cells without a
 * digit but a year's ("Năm 2030"; a table of tasks names none), then the
 * first row's number ("1") or a group row's letter ("A", "I").  Each row is as many cells as the header, from its number
 * (or from a part's "Trong đó: …" when the row has no number: lines.txt
 * [table_part_row]); the table ends at the first cell that starts no row.
 * A row's lines become one logical line (VN_PL_TABLE, the first one
 * VN_PL_TABLE_ROW, the header's VN_PL_TABLE_HEAD), and the first line of
 * every cell is marked VN_PL_STACKED, an empty line too when it is an empty
 * cell, so that targets_tables.c reads the cells back. */
#include "stages.h"
#include "lines_private.h"
#include "match.h"

#include <string.h>

#define STACKED_MAX_COLS 12
#define STACKED_HEAD_CELL_MAX 32 /* characters of a header cell ("Đơn vị tính", "Năm 2030") */

/* One cell: physical lines first..last (blank lines inside none of them, but
 * an empty cell of a one-line-a-cell table is its blank line). */
typedef struct stacked_cell {
    uint32_t first, last;
    bool empty;
} stacked_cell;

static bool is_year_at(const char *s, size_t i, size_t n)
{
    return i + 4 <= n && (s[i] == '1' || s[i] == '2') && vn_is_digit(s[i + 1]) && vn_is_digit(s[i + 2]) &&
           vn_is_digit(s[i + 3]) && (i + 4 == n || !vn_is_digit(s[i + 4])) && (i == 0 || !vn_is_digit(s[i - 1]));
}

/* A header cell: short, on one line, its only digits a year's; *year when it
 * names one. */
static bool head_cell(const char *s, size_t n, size_t chars, bool *year)
{
    *year = false;
    if (n == 0 || chars > STACKED_HEAD_CELL_MAX || s[n - 1] == ':' || s[n - 1] == '.' || s[n - 1] == ';')
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!vn_is_digit(s[i]))
            continue;
        if (!is_year_at(s, i, n))
            return false;
        *year = true;
        i += 3;
    }
    return true;
}

/* A row's number: "1", "01", "1.1", "2.", "1.1.2"; at most three digits a
 * part ("2026" is a year of the header). */
static bool row_number(const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n == 0 || n > 8 || !vn_is_digit(s[0]))
        return false;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (!vn_is_digit(s[i]) && !(s[i] == '.' && i + 1 < n && vn_is_digit(s[i + 1])))
            return false;
        run = vn_is_digit(s[i]) ? run + 1 : 0;
        if (run > 3)
            return false;
    }
    return true;
}

/* A group row's letter: "A", "B", "I", "II", "IV" (capitals, at most four,
 * a "." after them or none): the row names a group of the rows under it
 * ("A | Các chỉ tiêu tính bằng tỷ lệ (%)"). */
static bool group_letter(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n == 0 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z' || (n > 1 && s[i] != 'I' && s[i] != 'V' && s[i] != 'X'))
            return false;
    return true;
}

/* The parts of a row number ("1.2" → 1, 2), at most 4; how many. */
static size_t number_parts(const char *s, size_t n, unsigned v[4])
{
    size_t np = 0;
    unsigned cur = 0;
    bool in = false;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && vn_is_digit(s[i])) {
            cur = cur * 10 + (unsigned)(s[i] - '0');
            in = true;
            if (cur > 9999)
                return 0;
        } else if (in) {
            if (np == 4)
                return 0;
            v[np++] = cur;
            cur = 0;
            in = false;
        }
    }
    return np;
}

/* Whether row number b may follow row number a: the next at a's depth
 * ("1" → "2", "1.1" → "1.2"), a's first part ("1" → "1.1"), or the next at
 * a shallower depth ("1.2" → "2").  A value cell ("35") after a row's first
 * cells is none of these. */
static bool next_number(const char *a, size_t an, const char *b, size_t bn)
{
    unsigned x[4], y[4];
    size_t nx = number_parts(a, an, x), ny = number_parts(b, bn, y);
    if (nx == 0 || ny == 0)
        return false;
    if (ny == nx + 1)
        return memcmp(x, y, nx * sizeof *x) == 0 && y[nx] == 1;
    if (ny > nx)
        return false;
    return memcmp(x, y, (ny - 1) * sizeof *x) == 0 && y[ny - 1] == x[ny - 1] + 1;
}

static const char *line_s(const vnplan_doc *doc, uint32_t k) { return doc->text.s + doc->plines[k].start; }
static size_t line_n(const vnplan_doc *doc, uint32_t k) { return doc->plines[k].end - doc->plines[k].start; }

/* The text of line k without the spaces around it. */
static const char *trimmed(const vnplan_doc *doc, uint32_t k, size_t *n)
{
    const char *s = line_s(doc, k);
    size_t len = line_n(doc, k);
    while (len && (*s == ' ' || *s == '\t' || *s == '\f'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *n = len;
    return s;
}

/* Line i is page furniture: a page number or running line near a page
 * break.  The furniture test takes every number alone on its line for a
 * page number, and every such cell ("1", "35") of a table printed cell by
 * cell is one; away from a form feed it is a cell. */
static bool page_furniture(const vnplan_doc *doc, uint32_t i)
{
    if (!(doc->plines[i].flags & VN_PL_FURNITURE))
        return false;
    for (uint32_t j = i > 0 ? i - 1 : 0; j <= i + 2 && j < doc->nplines; j++)
        if (vn_lines_opens_page(doc, &doc->plines[j]))
            return true;
    return false;
}

/* The next cell from line *k: one line a cell (a blank line an empty cell),
 * or with blank_sep a block of lines up to a blank line.  Page furniture is
 * passed over.  false at the end of the text. */
static bool next_cell(const vnplan_doc *doc, uint32_t *k, bool blank_sep, stacked_cell *c)
{
    uint32_t i = *k;
    while (i < doc->nplines &&
           (page_furniture(doc, i) || (blank_sep && (doc->plines[i].flags & VN_PL_BLANK))))
        i++;
    if (i >= doc->nplines)
        return false;
    const vn_pline *pl = &doc->plines[i];
    if (pl->flags & (VN_PL_TABLE | VN_PL_TAB_ROW | VN_PL_FOOTNOTE))
        return false; /* another kind of table, or a note, is no cell of this one */
    /* a new page: pdftotext may print its lines in another order (a
     * heading's wrapped word before the heading); the table ends, and a row
     * it cut short is left unread */
    if (vn_lines_opens_page(doc, pl))
        return false;
    c->first = c->last = i;
    c->empty = (pl->flags & VN_PL_BLANK) != 0;
    i++;
    if (blank_sep)
        while (i < doc->nplines && !(doc->plines[i].flags & VN_PL_BLANK) &&
               !(doc->plines[i].flags & (VN_PL_TABLE | VN_PL_TAB_ROW | VN_PL_FOOTNOTE))) {
            if (!page_furniture(doc, i))
                c->last = i;
            i++;
        }
    *k = i;
    return true;
}

static bool cell_is_number(const vnplan_doc *doc, const stacked_cell *c)
{
    size_t n;
    const char *s = trimmed(doc, c->first, &n);
    return !c->empty && c->first == c->last && row_number(s, n);
}

static bool cell_is_group(const vnplan_doc *doc, const stacked_cell *c)
{
    size_t n;
    const char *s = trimmed(doc, c->first, &n);
    return !c->empty && c->first == c->last && group_letter(s, n);
}

static bool cell_is_part(const vnplan_doc *doc, const stacked_cell *c)
{
    size_t n;
    const char *s = trimmed(doc, c->first, &n);
    return !c->empty && vn_lines_table_part_row(doc->grammar, s, n);
}

/* Whether cell d is a row number that may follow the row numbered by cell a. */
static bool follows(const vnplan_doc *doc, const stacked_cell *a, const stacked_cell *d)
{
    if (!cell_is_number(doc, d))
        return false;
    size_t an, dn;
    const char *as = trimmed(doc, a->first, &an), *ds = trimmed(doc, d->first, &dn);
    return next_number(as, an, ds, dn);
}

/* Whether the cell from line `at` reads as a row's indicator: words, not a
 * number, a value or a numbered heading ("III. NHIỆM VỤ" after the table). */
static bool indicator_after(const vnplan_doc *doc, uint32_t at, bool blank_sep)
{
    stacked_cell d;
    if (!next_cell(doc, &at, blank_sep, &d) || d.empty)
        return false;
    size_t n;
    const char *s = trimmed(doc, d.first, &n);
    if (n == 0 || vn_is_digit(s[0]))
        return false;
    vn_class cls = vn_classify_line(doc->grammar, s, n, NULL);
    return cls.style == VN_STYLE_NONE;
}

/* Marks the lines of cells v[0..n) as one row (or the header). */
static void mark_row(vnplan_doc *doc, const stacked_cell *v, size_t n, bool head)
{
    for (size_t i = 0; i < n; i++) {
        for (uint32_t k = v[i].first; k <= v[i].last; k++) {
            vn_pline *pl = &doc->plines[k];
            if (page_furniture(doc, k) || (pl->flags & VN_PL_BLANK))
                continue;
            pl->flags = (uint16_t)((pl->flags & ~VN_PL_FURNITURE) | VN_PL_TABLE); /* a cell, not a page number */
        }
        doc->plines[v[i].first].flags |= VN_PL_STACKED;
    }
    /* a row's first cell is never an empty line: lines.c starts a logical line at content */
    size_t f = 0;
    while (f < n && v[f].empty)
        f++;
    if (f < n)
        doc->plines[v[f].first].flags |= VN_PL_TABLE_ROW | (head ? VN_PL_TABLE_HEAD : 0);
}

/* The table whose header starts at line k, if one does: its lines marked.
 * Returns the line after it, or k when there is none. */
static uint32_t stacked_table(vnplan_doc *doc, uint32_t k)
{
    uint32_t after = k + 1;
    while (after < doc->nplines && (doc->plines[after].flags & VN_PL_FURNITURE))
        after++;
    bool blank_sep = after < doc->nplines && (doc->plines[after].flags & VN_PL_BLANK);
    stacked_cell head[STACKED_MAX_COLS + 1];
    size_t nh = 0, years = 0;
    uint32_t at = k;
    stacked_cell c;
    /* the header: its cells up to the first row's number.  A header over
     * two rows, as Word merges it ("TT | Chỉ tiêu | Đơn vị tính | Mục tiêu"
     * over "| | | Năm 2027 | Năm 2030"), shows its second row from the
     * first empty cell (one line a cell only): the columns are that row's */
    size_t second = 0; /* where the second row starts; 0: one row */
    for (;;) {
        if (!next_cell(doc, &at, blank_sep, &c) || c.first != c.last || (c.empty && (nh == 0 || blank_sep)))
            return k;
        if (nh > 0 && (cell_is_number(doc, &c) || cell_is_group(doc, &c)))
            break;
        if (nh == STACKED_MAX_COLS)
            return k;
        if (c.empty) {
            if (!second)
                second = nh;
            head[nh++] = c;
            continue;
        }
        size_t n;
        const char *s = trimmed(doc, c.first, &n);
        bool year;
        if (!head_cell(s, n, doc->plines[c.first].chars, &year))
            return k;
        years += year;
        head[nh++] = c;
    }
    size_t fn, cols = nh - second;
    const char *first_no = trimmed(doc, c.first, &fn);
    if (cols < 3 || (second && (years == 0 || second + 1 > cols)) ||
        !(cell_is_group(doc, &c) || first_no[0] == '1' || (first_no[0] == '0' && fn > 1 && first_no[1] == '1')))
        return k;
    /* the rows, each marked once it is read: as many cells as the header */
    bool any = false;
    uint32_t end = k;
    stacked_cell first = c, number = c; /* the last row's number */
    for (;;) {
        size_t want;
        bool group = cell_is_group(doc, &first);
        if (group || cell_is_number(doc, &first)) {
            want = cols;
        } else if (cell_is_part(doc, &first)) {
            want = cols - 1; /* a part's row without its number */
        } else if (!blank_sep && first.empty) {
            /* one line a cell: a part's row whose number cell is empty */
            stacked_cell d;
            uint32_t peek = at;
            if (!next_cell(doc, &peek, blank_sep, &d) || !cell_is_part(doc, &d))
                break;
            want = cols;
        } else {
            break;
        }
        if (cell_is_number(doc, &first))
            number = first;
        stacked_cell row[STACKED_MAX_COLS];
        size_t nc = 0;
        row[nc++] = first;
        while (nc < want) {
            stacked_cell d;
            uint32_t was = at;
            if (!next_cell(doc, &at, blank_sep, &d))
                break;
            /* pdftotext leaves an empty cell out: the next row's number, or
             * a part's words, after two cells starts the next row.  A
             * number that could be either ("3 … Nhóm 2 4": the next row, or
             * the value of 2035?) starts a row when an indicator follows it */
            /* a group row's title may span the other cells (merged: one
             * line for them all): the next number ends it */
            if (nc >= 2 && ((group && (cell_is_number(doc, &d) || cell_is_group(doc, &d))) ||
                            (blank_sep && (cell_is_part(doc, &d) || cell_is_group(doc, &d) ||
                                           (follows(doc, &number, &d) &&
                                            (nc + 1 < want || indicator_after(doc, at, blank_sep))))))) {
                at = was;
                break;
            }
            row[nc++] = d;
        }
        if (nc < 2)
            break;
        if (!any && second) {
            mark_row(doc, head, second, true); /* two rows, two lines of the tree */
            mark_row(doc, head + second, nh - second, true);
        } else if (!any) {
            mark_row(doc, head, nh, true);
        }
        any = true;
        mark_row(doc, row, nc, false);
        end = row[nc - 1].last + 1;
        if (!next_cell(doc, &at, blank_sep, &first))
            break;
    }
    return any ? end : k;
}

void vn_lines_mark_stacked_tables(vnplan_doc *doc)
{
    for (uint32_t k = 0; k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (!vn_pline_is_content(pl) || (pl->flags & (VN_PL_TABLE | VN_PL_TAB_ROW | VN_PL_FOOTNOTE)))
            continue;
        size_t n;
        const char *s = trimmed(doc, k, &n);
        if (!vn_lines_table_number_head(doc->grammar, s, n))
            continue;
        uint32_t next = stacked_table(doc, k);
        if (next > k + 1)
            k = next - 1;
    }
}
