/* read_md_tables.c — pandoc's own Markdown tables, read as the pipe tables
 * md4c knows, and its bracketed spans, read as their words.
 *
 * `pandoc -t markdown` writes a table as a *simple* table (a header line, a
 * line of dash runs under it, a row a line, a blank line after) or, when a
 * cell wraps, a *multiline* table (a border of dashes, the header's lines,
 * the dash runs, rows apart by blank lines, a border again):
 *
 *       ------------------------------------------------------
 *       **TT**   **Chỉ tiêu**                  **Đơn vị    **Năm
 *                                              tính**      2030**
 *       -------- ----------------------------- ----------- ---------
 *       1        Tỷ lệ người học theo học các  \%          35
 *                ngành STEM
 *
 *       ------------------------------------------------------
 *
 * Markdown knows neither: md4c reads the borders as thematic breaks and the
 * rows as paragraphs whose spaces it collapses, so that no column is left.
 * Before md4c reads the file, each such table is written again as a pipe
 * table: the dash runs give the columns (a cell is the text from its run's
 * start to the next run's), the lines of a row (of the header) are joined
 * cell by cell.  A table without a header (opened by dash runs) has its
 * first row stand for the header. */
#include "read_md_tables.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define MD_TABLE_MAX_COLS 16
#define MD_TABLE_MAX_LINES 4000 /* a table runs no further than this */

typedef struct md_line {
    const char *s;
    size_t n;
} md_line;

/* The lines of the Markdown and what a table's search asks of them, found
 * once: a search for a table's closing border is then a lookup, and a
 * file of many borders that close nothing costs linear time. */
typedef struct md_lines {
    md_line *v;
    size_t n;
    size_t *runs;   /* dash runs of each line (dash_runs), 0 for other lines */
    size_t *next1;  /* the first line at or after each that is a border (one run); n: none */
    size_t *next2;  /* ... that is a line of two runs or more; n: none */
    size_t *blanks; /* blank lines before each */
} md_lines;

static size_t line_end(const char *p, size_t n, size_t i)
{
    const char *e = memchr(p + i, '\n', n - i);
    return e ? (size_t)(e - p) : n;
}

static bool blank(md_line l)
{
    for (size_t i = 0; i < l.n; i++)
        if (l.s[i] != ' ' && l.s[i] != '\t' && l.s[i] != '\r')
            return false;
    return true;
}

/* The dash runs of a line made only of them (at most three spaces before the
 * first): their starts in characters into cols, how many (0: not such a
 * line).  A border is one run; the line under a header two or more. */
static size_t dash_runs(md_line l, size_t *cols)
{
    size_t i = 0, nc = 0;
    while (i < l.n && l.s[i] == ' ')
        i++;
    if (i > 3 || i == l.n || l.s[i] != '-')
        return 0;
    while (i < l.n) {
        if (l.s[i] == '-') {
            size_t a = i;
            while (i < l.n && l.s[i] == '-')
                i++;
            if (i - a < 2 || nc == MD_TABLE_MAX_COLS)
                return 0;
            cols[nc++] = a; /* ASCII up to here: bytes are characters */
        } else if (l.s[i] == ' ' || l.s[i] == '\r') {
            i++;
        } else {
            return 0;
        }
    }
    return nc;
}

/* Appends the text of line l in column c (characters [cols[c], cols[c+1]))
 * to cell, a space between pieces, '|' escaped. */
static void add_piece(vn_buf *cell, md_line l, const size_t *cols, size_t ncols, size_t c)
{
    size_t a = SIZE_MAX, b = l.n, ch = 0;
    for (size_t i = 0; i <= l.n; ch++) {
        if (ch == cols[c] && a == SIZE_MAX)
            a = i;
        if (c + 1 < ncols && ch == cols[c + 1]) {
            b = i;
            break;
        }
        if (i == l.n)
            break;
        i++;
        while (i < l.n && ((unsigned char)l.s[i] & 0xC0) == 0x80)
            i++;
    }
    if (c == 0)
        a = 0; /* text set before the first run belongs to it */
    if (a == SIZE_MAX || a >= b)
        return;
    while (a < b && (l.s[a] == ' ' || l.s[a] == '\r'))
        a++;
    while (b > a && (l.s[b - 1] == ' ' || l.s[b - 1] == '\r'))
        b--;
    if (a == b)
        return;
    if (cell->len)
        vn_buf_putc(cell, ' ');
    for (size_t i = a; i < b; i++) {
        if (l.s[i] == '|')
            vn_buf_putc(cell, '\\');
        vn_buf_putc(cell, l.s[i]);
    }
}

/* One row of the pipe table from lines v[0..n) of the Markdown. */
static void put_row(vn_buf *out, const md_line *v, size_t n, const size_t *cols, size_t ncols)
{
    vn_buf cell = {0};
    vn_buf_putc(out, '|');
    for (size_t c = 0; c < ncols; c++) {
        vn_buf_clear(&cell);
        for (size_t k = 0; k < n; k++)
            add_piece(&cell, v[k], cols, ncols, c);
        vn_buf_putc(out, ' ');
        vn_buf_put(out, cell.data ? cell.data : "", cell.len);
        vn_buf_puts(out, " |");
    }
    vn_buf_putc(out, '\n');
    vn_buf_free(&cell);
}

static void put_rule(vn_buf *out, size_t ncols)
{
    vn_buf_putc(out, '|');
    for (size_t c = 0; c < ncols; c++)
        vn_buf_puts(out, " --- |");
    vn_buf_putc(out, '\n');
}

/* The table whose first line is lines[i], written to out as a pipe table:
 * the index of the line after it, or i when none starts there. */
static size_t convert_table(const md_lines *L, size_t i, vn_buf *out)
{
    const md_line *lines = L->v;
    size_t nlines = L->n;
    size_t cols[MD_TABLE_MAX_COLS], ncols, first_cols[MD_TABLE_MAX_COLS];
    size_t top = L->runs[i];
    if (top)
        dash_runs(lines[i], first_cols);
    size_t end = nlines < i + MD_TABLE_MAX_LINES ? nlines : i + MD_TABLE_MAX_LINES;
    if (top == 1) {
        /* multiline: border, header lines, dash runs, rows, border */
        size_t j = i + 1;
        while (j < end && !blank(lines[j]) && L->runs[j] == 0)
            j++;
        if (j == end || blank(lines[j]))
            return i;
        ncols = dash_runs(lines[j], cols);
        if (ncols < 2)
            return i;
        size_t k = L->next1[j + 1];
        if (k >= end)
            return i;
        put_row(out, lines + i + 1, j - i - 1, cols, ncols);
        put_rule(out, ncols);
        for (size_t r = j + 1; r < k;) {
            while (r < k && blank(lines[r]))
                r++;
            size_t s = r;
            while (r < k && !blank(lines[r]))
                r++;
            if (r > s)
                put_row(out, lines + s, r - s, cols, ncols);
        }
        vn_buf_putc(out, '\n');
        return k + 1;
    }
    if (top >= 2 && i > 0 && !blank(lines[i - 1]))
        return i; /* a simple table's header is the line before: taken there */
    if (top >= 2) {
        /* a table without a header: opened and closed by dash runs, its
         * rows lines (simple) or blocks apart by blank lines (multiline);
         * its first row stands for the header */
        ncols = top;
        memcpy(cols, first_cols, top * sizeof *cols);
        size_t k = L->next2[i + 1], close_cols[MD_TABLE_MAX_COLS];
        /* pandoc closes it with the very border it opened it with: two
         * lines of rules apart in a text are no table */
        if (k >= end || k == i + 1 || dash_runs(lines[k], close_cols) != ncols ||
            memcmp(close_cols, cols, ncols * sizeof *cols) != 0)
            return i;
        bool blanks = L->blanks[k] > L->blanks[i + 1];
        size_t rows = 0;
        for (size_t r = i + 1; r < k;) {
            while (r < k && blank(lines[r]))
                r++;
            size_t s = r;
            while (r < k && !blank(lines[r]) && (blanks || r == s))
                r++;
            if (r == s)
                continue;
            put_row(out, lines + s, r - s, cols, ncols);
            if (rows++ == 0)
                put_rule(out, ncols);
        }
        vn_buf_putc(out, '\n');
        return k + 1;
    }
    /* simple: a header line and the dash runs under it */
    size_t head = SIZE_MAX, j = i;
    if (i + 1 < end && !blank(lines[i]) && L->runs[i + 1] >= 2 && (ncols = dash_runs(lines[i + 1], cols)) >= 2) {
        head = i;
        j = i + 1;
    } else {
        return i;
    }
    size_t k = j + 1;
    while (k < end && !blank(lines[k]) && L->runs[k] == 0)
        k++;
    if (k == j + 1)
        return i; /* no row */
    put_row(out, lines + head, 1, cols, ncols);
    put_rule(out, ncols);
    for (size_t r = j + 1; r < k; r++)
        put_row(out, lines + r, 1, cols, ncols);
    vn_buf_putc(out, '\n');
    return k < end && !blank(lines[k]) ? k + 1 : k; /* a closing line of dash runs is the table's */
}

/* pandoc's bracketed spans, "[Độc lập - Tự do - Hạnh phúc]{.underline}"
 * (Word's underline, small capitals ...), which Markdown does not know
 * either: the brackets and the attributes are taken off, the words stay.
 * A span may wrap over lines; it opens no further back than a blank line. */
#define SPAN_MAX_BYTES 2000
static void drop_spans(vn_buf *b)
{
    char *t = b->data;
    size_t n = b->len, w = 0;
    /* a '[' is looked for no further back than the last "]{" met: spans
     * do not nest across one, and so the search is linear in the text */
    size_t floor = 0;
    if (!t)
        return;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == ']' && i + 2 < n && t[i + 1] == '{' && (t[i + 2] == '.' || t[i + 2] == '#')) {
            size_t close = i + 2;
            while (close < n && close - i < 200 && t[close] != '}' && t[close] != '\n')
                close++;
            /* the '[' that opens it, among the bytes already written */
            size_t open = w;
            int depth = 0;
            bool found = false;
            while (open > floor && w - open < SPAN_MAX_BYTES) {
                open--;
                if (t[open] == '\n' && open > 0 && t[open - 1] == '\n')
                    break;
                if (t[open] == ']')
                    depth++;
                else if (t[open] == '[' && depth-- == 0) {
                    found = !(open > 0 && t[open - 1] == '!') && !(open > 0 && t[open - 1] == '\\');
                    break;
                }
            }
            if (close < n && t[close] == '}' && found) {
                memmove(t + open, t + open + 1, w - open - 1);
                w--;
                floor = w;
                i = close;
                continue;
            }
            floor = w + 1;
        }
        t[w++] = t[i];
    }
    b->len = w;
}

/* pandoc's smart punctuation: it writes an en dash as "--" and an em dash
 * as "---" ("giai đoạn 2030--2035", "kinh tế -- xã hội"), which Markdown
 * leaves as hyphens: a period "2030--2035" would be no period.  A run of
 * two or three hyphens between other characters of a line is the dash it
 * stands for; a line of dashes (a rule, a table's border) stays. */
static void put_line_dashes(vn_buf *out, md_line l)
{
    bool other = false;
    for (size_t i = 0; i < l.n && !other; i++)
        other = l.s[i] != '-' && l.s[i] != ' ' && l.s[i] != '\r' && l.s[i] != '+' && l.s[i] != '|' && l.s[i] != ':';
    bool code = false; /* inside a code span */
    for (size_t i = 0; i < l.n; i++) {
        size_t k = i;
        while (k < l.n && l.s[k] == '-')
            k++;
        if (k == i) {
            code ^= l.s[i] == '`';
            vn_buf_putc(out, l.s[i]);
            continue;
        }
        /* not in "<!--" / "-->", an escape, a table's bar or a code span */
        if (other && !code && (k - i == 2 || k - i == 3) && i > 0 && k < l.n && l.s[i - 1] != '\\' &&
            l.s[i - 1] != '|' && l.s[i - 1] != '!' && l.s[k] != '|' && l.s[k] != '>')
            vn_buf_puts(out, k - i == 2 ? "\xE2\x80\x93" : "\xE2\x80\x94");
        else
            vn_buf_put(out, l.s + i, k - i); /* a hyphen, or a run of another length, as written */
        i = k - 1;
    }
}

void vn_md_pandoc_tables(const char *p, size_t n, vn_buf *out)
{
    md_line *lines = NULL;
    size_t nl = 0, cap = 0;
    for (size_t i = 0; i < n;) {
        size_t e = line_end(p, n, i);
        VN_PUSH(lines, nl, cap) = (md_line){p + i, e - i};
        i = e + 1;
    }
    md_lines L = {lines, nl, vn_xcalloc(nl + 1, sizeof *L.runs), vn_xcalloc(nl + 2, sizeof *L.next1),
                  vn_xcalloc(nl + 2, sizeof *L.next2), vn_xcalloc(nl + 1, sizeof *L.blanks)};
    size_t cols[MD_TABLE_MAX_COLS];
    for (size_t i = 0; i < nl; i++) {
        L.runs[i] = dash_runs(lines[i], cols);
        L.blanks[i + 1] = L.blanks[i] + blank(lines[i]);
    }
    L.next1[nl] = L.next1[nl + 1] = L.next2[nl] = L.next2[nl + 1] = nl;
    for (size_t i = nl; i-- > 0;) {
        L.next1[i] = L.runs[i] == 1 ? i : L.next1[i + 1];
        L.next2[i] = L.runs[i] >= 2 ? i : L.next2[i + 1];
    }
    bool fenced = false;
    for (size_t i = 0; i < nl;) {
        md_line l = lines[i];
        size_t lead = 0;
        while (lead < l.n && lead < 4 && l.s[lead] == ' ')
            lead++;
        if (l.n >= lead + 3 && (memcmp(l.s + lead, "```", 3) == 0 || memcmp(l.s + lead, "~~~", 3) == 0))
            fenced = !fenced;
        size_t next = fenced ? i : convert_table(&L, i, out);
        if (next > i) {
            i = next;
            continue;
        }
        if (fenced)
            vn_buf_put(out, l.s, l.n);
        else
            put_line_dashes(out, l);
        vn_buf_putc(out, '\n');
        i++;
    }
    free(lines);
    free(L.runs);
    free(L.next1);
    free(L.next2);
    free(L.blanks);
    drop_spans(out);
}
