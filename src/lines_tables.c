/* lines_tables.c — tables pandoc prints in plain text (`pandoc -t plain`
 * of a .docx): their lines are marked so that a row is one logical line and
 * its borders are page furniture; targets_tables.c cuts the rows' lines at
 * the columns of the border. */
#include "stages.h"
#include "lines_private.h"

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
