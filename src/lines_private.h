/* lines_private.h — what the files of the lines stage share (lines.c,
 * lines_footnotes.c, lines_tables.c, lines_stacked.c, lines_stamps.c). */
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

/* Marks the lines of the tables pandoc prints in plain text (lines_tables.c):
 * VN_PL_TABLE, a row's first line VN_PL_TABLE_ROW, the header's
 * VN_PL_TABLE_HEAD, the borders page furniture. */
void vn_lines_mark_pandoc_tables(vnplan_doc *doc);

/* Marks the lines of the tables whose cells were printed one under another
 * (lines_stacked.c): a row's lines VN_PL_TABLE, its first VN_PL_TABLE_ROW,
 * the first line of each cell VN_PL_STACKED. */
void vn_lines_mark_stacked_tables(vnplan_doc *doc);

/* Whether s[0..n) heads a table's row numbers ("TT", "STT"), or starts a
 * row of a part that has no number ("Trong đó: …"): lines.txt
 * [table_number_head], [table_part_row]. */
bool vn_lines_table_number_head(const vnplan_grammar *g, const char *s, size_t n);
bool vn_lines_table_part_row(const vnplan_grammar *g, const char *s, size_t n);

/* A line of a digital signature's stamp: "Ký bởi: …" (its signer), "Email:
 * …", "Thời gian ký: …" (its fields): lines.txt [stamp_signer],
 * [stamp_field], a key before a colon in the line's first STAMP_KEY_MAX
 * bytes; or its heading, a short line of its own ("Signature Not
 * Verified"): [stamp_heading]. */
enum { VN_STAMP_NONE, VN_STAMP_SIGNER, VN_STAMP_FIELD, VN_STAMP_HEADING };
#define STAMP_KEY_MAX 40
int vn_lines_stamp_key(const vnplan_grammar *g, const char *s, size_t n);

/* Marks a digital signature's stamp printed on a page as page furniture
 * (lines_stamps.c). */
void vn_lines_mark_stamps(vnplan_doc *doc);

/* Whether line pl opens a page: a form feed before its first character in
 * the original text (lines_footnotes.c). */
bool vn_lines_opens_page(const vnplan_doc *doc, const vn_pline *pl);

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
