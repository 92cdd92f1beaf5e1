/* lines_private.h — what the files of the lines stage share (lines.c,
 * lines_footnotes.c, lines_tables.c). */
#ifndef VN_LINES_PRIVATE_H
#define VN_LINES_PRIVATE_H

#include "doc.h"

static inline bool vn_pline_is_content(const vn_pline *pl)
{
    return !(pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE));
}

/* Marks the lines of the tables laid out with spaces (pdftotext -layout) and
 * of those exported with TABs (lines_tables.c). */
void vn_lines_mark_layout_tables(vnplan_doc *doc);
void vn_lines_mark_tab_tables(vnplan_doc *doc);
/* Tables printed a cell a line (soffice --convert-to txt of a Word table). */
void vn_lines_mark_cell_tables(vnplan_doc *doc);

/* Marks the lines of the tables pandoc prints in plain text (lines_tables.c):
 * VN_PL_TABLE, a row's first line VN_PL_TABLE_ROW, the header's
 * VN_PL_TABLE_HEAD, the borders page furniture. */
void vn_lines_mark_pandoc_tables(vnplan_doc *doc);

/* A footnote printed at a page's foot: its physical lines, the text first
 * and its number last. */
typedef struct vn_footnote_block {
    uint32_t first, last;
} vn_footnote_block;

/* Finds the footnotes printed inside paragraphs at page feet (see
 * lines_footnotes.c) and marks their lines VN_PL_FOOTNOTE, and page
 * furniture while logical lines are built, so the paragraph they cut goes
 * on over them.  *blocks is malloc'd (free it); returns how many. */
size_t vn_lines_find_page_footnotes(vnplan_doc *doc, vn_footnote_block **blocks);

/* After the logical lines are built: each footnote becomes a logical line
 * of its own in the footnotes region, in document order. */
void vn_lines_add_footnote_lines(vnplan_doc *doc, const vn_footnote_block *blocks, size_t n);

#endif
