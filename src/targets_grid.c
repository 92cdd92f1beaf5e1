/* targets_grid.c — targets in a pandoc grid table.
 *
 * `pandoc -t markdown` writes a table whose cells hold several paragraphs
 * as a grid table, which the Markdown reader keeps line by line (docs/format.md,
 * "Grid tables"), as does a text file that holds one:
 *
 *     +----+--------------------------+-------------+----------+
 *     | TT | Chỉ tiêu                 | Đơn vị tính | Năm 2030 |
 *     +====+==========================+=============+==========+
 *     | 1  | Tỷ lệ học sinh tham gia  | %           | Khoảng   |
 *     |    | hoạt động STEM           |             | 70       |
 *     +----+--------------------------+-------------+----------+
 *
 * Each line is a paragraph of its own.  A row is the "|" lines between two
 * borders, its cells the text between the bars, joined line by line; the
 * first row that reads as a header of years (vn_tg_read_table_head) opens
 * a table of targets, and each row after it is read as a TAB row is. */
#include "targets_private.h"

typedef enum { GRID_NONE, GRID_BORDER, GRID_ROW } grid_kind;

/* What node m is: a border ("+---+", "+===+"), a row's line ("| … |"), or
 * neither.  Its own text's span in *sp. */
static grid_kind grid_line(const vnplan_doc *doc, size_t m, vn_span *sp)
{
    if (m >= doc->nnodes || doc->nodes[m].kind != VN_KIND_PARAGRAPH)
        return GRID_NONE;
    *sp = vn_node_own_span(doc, m);
    const char *s = doc->text.s + sp->start;
    size_t n = sp->end - sp->start;
    while (n > 0 && vn_is_space(s[n - 1]))
        n--;
    if (n < 3)
        return GRID_NONE;
    if (s[0] == '|' && s[n - 1] == '|')
        return GRID_ROW;
    if (s[0] != '+' || s[n - 1] != '+')
        return GRID_NONE;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '+' && s[i] != '-' && s[i] != '=' && s[i] != ':')
            return GRID_NONE;
    return GRID_BORDER;
}

/* The cells of the row whose first line is node n: each line cut at its
 * bars, the pieces of a column joined by a space into ex->cells.  The
 * number of cells, or 0 when the lines do not have as many bars. */
static size_t grid_row_cells(extractor *ex, int32_t n, table_cell *cells)
{
    const vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    struct piece {
        uint32_t a, b;
    } pieces[TABLE_MAX_CELLS][8];
    size_t npieces[TABLE_MAX_CELLS] = {0}, ncols = 0;
    vn_span sp;
    for (size_t m = (size_t)n;
         grid_line(doc, m, &sp) == GRID_ROW && doc->nodes[m].parent == doc->nodes[n].parent; m++) {
        size_t col = 0;
        uint32_t a = sp.start + 1;
        for (uint32_t i = a; i < sp.end; i++) {
            if (s[i] != '|')
                continue;
            if (col >= TABLE_MAX_CELLS)
                return 0;
            uint32_t x = a, y = i;
            while (x < y && vn_is_space(s[x]))
                x++;
            while (y > x && vn_is_space(s[y - 1]))
                y--;
            if (y > x && npieces[col] < 8)
                pieces[col][npieces[col]++] = (struct piece){x, y};
            col++;
            a = i + 1;
        }
        if (ncols && col != ncols)
            return 0; /* a cell holding a bar, or a merged cell: which is which is not known */
        ncols = col;
    }
    vn_buf_clear(&ex->cells);
    size_t off[TABLE_MAX_CELLS];
    for (size_t c = 0; c < ncols; c++) {
        off[c] = ex->cells.len;
        cells[c] = (table_cell){0, 0, NULL, 0};
        for (size_t p = 0; p < npieces[c]; p++) {
            if (ex->cells.len > off[c])
                vn_buf_putc(&ex->cells, ' ');
            vn_buf_put(&ex->cells, s + pieces[c][p].a, pieces[c][p].b - pieces[c][p].a);
            if (p == 0)
                cells[c].start = pieces[c][p].a;
            cells[c].end = pieces[c][p].b;
        }
        cells[c].len = (uint32_t)(ex->cells.len - off[c]);
    }
    /* pointers only now: the buffer may have moved while it grew */
    for (size_t c = 0; c < ncols; c++)
        cells[c].text = ex->cells.data ? ex->cells.data + off[c] : "";
    return ncols;
}

bool vn_tg_visit_grid_row(extractor *ex, int32_t n, size_t *found)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    vn_span sp;
    grid_kind kind = grid_line(doc, (size_t)n, &sp);
    if (kind == GRID_NONE)
        return false;
    /* the table goes on while its lines follow each other: a grid after a
     * paragraph (a task table, the closing) is another table */
    bool in_grid = ex->table.grid && ex->table.parent == nd->parent && ex->table.head_node == n - 1;
    if (in_grid)
        ex->table.head_node = n;
    if (kind == GRID_BORDER)
        return in_grid; /* no words: never a target either way */
    vn_span above;
    bool first_line =
        n == 0 || doc->nodes[n - 1].parent != nd->parent || grid_line(doc, (size_t)n - 1, &above) != GRID_ROW;
    if (!first_line)
        return in_grid; /* read with the row's first line */
    table_cell cells[TABLE_MAX_CELLS];
    size_t nc = grid_row_cells(ex, n, cells);
    if (nc == 0)
        return in_grid;
    if (!in_grid) {
        table_head head;
        memset(&head, 0, sizeof head);
        if (!vn_tg_read_table_head(doc, cells, nc, &head))
            return false; /* a grid of other things: the closing's, a task table */
        head.parent = nd->parent;
        head.nsegs = 0;
        head.grid = true;
        head.head_node = n; /* here: the grid line last read */
        ex->table = head;
        return true;
    }
    *found = vn_tg_read_table_row_text(ex, n, cells, nc);
    return true;
}
