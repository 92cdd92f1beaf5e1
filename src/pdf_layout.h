/* pdf_layout.h — from the glyphs of PDF pages to source lines (source.h).
 *
 * read_pdf.c asks the PDF library for each page's characters with their boxes
 * and fonts; this module reads the page as a person does: characters into
 * words, words into lines by their height on the page, lines into blocks
 * (the header's and the closing's two columns, a data table, the body, the
 * footnotes at the foot), and says what the layout shows about each line —
 * a paragraph that certainly starts, a centred or bold line, a running header
 * or a page number.  It knows nothing of the library, so that the rules can
 * be tested on glyphs made by hand. */
#ifndef VN_PDF_LAYOUT_H
#define VN_PDF_LAYOUT_H

#include "source.h"

/* VN_PDF_UNNAMED: a font with no name (a Type 3 font's procedures): what its glyph's box
 * and bold are is settled by vn_pdf_settle_unnamed, which clears the bit. */
enum { VN_PDF_BOLD = 1u << 0, VN_PDF_ITALIC = 1u << 1, VN_PDF_UNNAMED = 1u << 2 };

/* One character as the library gives it, in the library's order.  A space or
 * a line break (' ', '\n') separates words; its box is not used.  Boxes are in
 * points, y growing downwards from the top of the page. */
typedef struct vn_pdf_glyph {
    float x0, y0, x1, y1;
    uint32_t cp;
    uint8_t font; /* VN_PDF_BOLD | VN_PDF_ITALIC (| VN_PDF_UNNAMED until settled) */
} vn_pdf_glyph;

typedef struct vn_pdf_line vn_pdf_line; /* pdf_layout.c */

#define VN_PDF_TABLE_MAX_BOUNDS 15 /* column boundaries of a data table (16 columns) */

/* The lines of the pages read so far; furniture and paragraphs are decided
 * when every page is in (a running header is one that repeats). */
typedef struct vn_pdf_layout {
    vn_buf text;
    vn_pdf_line *lines;
    size_t nlines, caplines;
    uint32_t pages;
    uint32_t tables;    /* layout and data tables numbered so far */
    float pitch;        /* the usual distance between baselines, carried from page to page */
    float pitch_h;      /* the height of the body type of the page it was measured on */
    float left, right;  /* the text's margins, carried likewise */
    float gutter_lo, gutter_hi; /* a two-column layout the last page ended in (the closing going
                                   on over the page break): its gutter, hi > lo; else 0 */
    size_t cell_last[2]; /* the last line of each column of the last layout written ... */
    uint32_t cell_table; /* ... which is layout or table number cell_table (0: none yet) */
    float table_bounds[VN_PDF_TABLE_MAX_BOUNDS]; /* the columns of the data table the last page
                                                    ended in (table_nb of them; 0: none) */
    size_t table_nb;
    uint16_t table_rows; /* rows of the last data table so far */
    size_t table_last;   /* the line of its last row, which the next page's first may go on */
    size_t table_first;  /* the line of its first row: its header, which Word repeats on the next page */
    /* A layout's first row alone at the foot of the page before (the closing's row cut by the
     * page break): its lines as cells, held until the next page shows the row going on; in the
     * meantime lines [held_at, held_end) hold it as text. */
    vn_pdf_line *held;
    size_t nheld, held_at, held_end;
    float held_lo, held_hi; /* its gutter */
} vn_pdf_layout;

/* Gives a glyph of a font with no name the height, bold and italic of the text glyph beside
 * it on its line (pdf_glyphs.c); run on a page's glyphs before vn_pdf_layout_page. */
void vn_pdf_settle_unnamed(vn_pdf_glyph *g, size_t n);
/* Puts each combining mark right after the letter it is drawn over, in that letter's box, and
 * drops the line breaks the library put between them (pdf_glyphs.c); returns the glyphs left.
 * Run on a page's glyphs before vn_pdf_layout_page. */
size_t vn_pdf_settle_marks(vn_pdf_glyph *g, size_t n);

void vn_pdf_layout_init(vn_pdf_layout *L);
/* Lays out one page (1-based number `page`) of n glyphs. */
void vn_pdf_layout_page(vn_pdf_layout *L, uint32_t page, const vn_pdf_glyph *g, size_t n);
/* Decides furniture and paragraphs and writes the source lines: the body of
 * every page in order, then the footnotes. */
void vn_pdf_layout_finish(vn_pdf_layout *L, vn_source *out);
void vn_pdf_layout_free(vn_pdf_layout *L);

#endif
