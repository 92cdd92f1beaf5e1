/* pdf_page.h — what the parts of the PDF layout share (pdf_layout.c: words,
 * lines, text, the page; pdf_columns.c: two-column layouts, pdf_rows.c: their rows; pdf_table.c: data tables;
 * pdf_document.c: furniture, paragraphs, the source lines).  Internal to the
 * PDF reader; see pdf_layout.h for what it does. */
#ifndef VN_PDF_PAGE_H
#define VN_PDF_PAGE_H

#include "pdf_layout.h"

/* Measures, in line heights (em) or as ratios, each an argument about how
 * plans are typeset (Times New Roman 13-14 pt, justified, A4). */
#define WIDE_GAP_EM 1.6f      /* wider than any space of justified text */
#define NARROW_GAP_EM 0.8f    /* a gutter, where a neighbouring row has one */
#define WORD_GAP_EM 0.15f     /* a gap inside the library's word that parts it (a space is 0.19 line heights) */
#define NATURAL_SPACE_EM 0.19f /* a space between words, unstretched */
#define GLUE_EM 0.08f         /* words closer than this are one word (a space is 0.2 em or more) */
#define LINE_OVERLAP 0.5f     /* of the smaller height, for two boxes to share a line */
#define STACK_OVERLAP 0.3f    /* of the narrower width: two words this much one above the other are stacked */
#define STACK_SHIFT 0.25f     /* ... when their centres are this many heights apart (not one word printed twice) */
#define SUPER_SIZE 0.8f       /* a superscript is at most this share of the line's height */
#define LINE_SHIFT 0.3f       /* words of one size (SAME_SIZE) whose feet stand this many heights apart are on two lines */
#define SUPER_RAISE 0.12f     /* and its foot this far above the baseline */
#define FOOT_SIZE 0.92f       /* footnote text is smaller than the body's */
#define TABLE_ROW_GAPS 2      /* a line with this many cells' gaps or more is a data table's row */
#define PARA_PITCH 1.3f       /* a baseline distance this many times the usual starts a paragraph */
#define GRID_PT 1.0f          /* a layout that puts its lines at whole points rounds their spacing by this */
#define GRID_SLACK_PT 0.01f   /* a step this close to a whole number of points is one */
#define FULL_EM 0.2f          /* a justified line ends this close to the right margin: TeX's margin
                                  kerning lets a comma out and pulls a letter in by 0.14 em */
#define STRETCHED 1.05f       /* spaces this much wider than a natural one: a justified line */
#define INDENT_EM 1.5f        /* a first-line indent (1-1.27 cm) against a hanging one (a character) */
#define CENTRE_TOL_EM 0.5f    /* how far off the middle a centred line may be */
#define OFF_AXIS_EM 3.0f      /* a centre this far from the page's middle is a column's */
#define OFF_MARGIN_EM 1.5f    /* a line this far from both margins is not a full one */
#define COLUMN_GAP_PITCHES 3.0f /* the furthest a line of a column stands below the one above */
#define COLUMN_TRAIL_PITCHES 1.6f /* ... and a line under the last two-column one, closer */
#define SAME_SIZE 0.12f       /* two heights this close are one type size */
#define LINE_WORDS_COMPARED 256 /* a new word is weighed against at most this many of its line (a line holds dozens) */
#define SIDE_STEP 0.9f        /* lines closer than this many heights are no lines of text one under another */
#define LEAD_LINES 6          /* lines of one column alone above a two-column layout, at most */
#define COLUMN_ALIGN_EM 1.5f  /* a trailing line lines up with its column within this */
#define ALIGN_PT 1.0f          /* two lines start at the same place */
#define ROW_ALIGN_PT 0.5f      /* the two cells of a table row start at one height */
#define ROW_GAP_PITCHES 2.0f   /* a gap between two rows of centred cells, wider than a blank line's */
#define ROW_PAD_EM 0.2f        /* a table's cell padding, more than a paragraph's gap inside a cell */
#define EDGE_APART_EM 2.0f    /* a line at the page's top or foot this far from the next stands apart */
#define WIDER_PAGE_EM 3.0f    /* a text block this much wider than the page before's: another orientation */
#define TOP_MARGIN_PITCHES 0.5f /* a line this far above where every other page's text starts is in the top margin */
#define EDGE_LINES 2          /* lines at the top and at the foot of a page that may be furniture */
#define SMALL_TYPE_SHARE 0.85f /* a running header set this much smaller than the text under it stands apart */
#define REPEAT_SHARE 0.3      /* a running header repeats on this share of the pages (and on 2 at least) */
#define BULLET_TAB_EM 0.3f    /* the gap after a bullet that is a TAB, not a space (0.19) */
#define JUSTIFIED_SPACES 2     /* at most, between two words of a line laid out in columns */
#define TABLE_CHAR_EM 0.5f    /* the width of a character of a table laid out in spaces */

enum { K_BODY, K_CELL, K_TABLE, K_FOOT };
enum { EDGE_NONE, EDGE_TOP, EDGE_BOTTOM };

struct vn_pdf_line {
    uint32_t off, len, page, flags;
    float x0, x1, top, bottom, h;
    float left, right; /* the margins the line is measured against: the page's, or its column's */
    float pitch;       /* the usual baseline distance on its page */
    float body_h;      /* the height of its page's body type, whose lines are `pitch` apart */
    float first_w;     /* width of its first word */
    float text_x;      /* where its second word starts: an item's text after its marker */
    float space_w;     /* the middle width of the spaces between its words, 0 when none */
    float natural_w;   /* the narrowest spacing of a line of its page: an unstretched space */
    uint8_t kind, edge, starts_block;
    bool tab; /* holds a TAB after its bullet, to be kept */
    uint8_t first_font, last_font; /* the font bits of its first and last glyph */
    uint16_t table, row, cell;
};

typedef struct word {
    float x0, y0, x1, y1;
    uint32_t g0, g1; /* glyphs [g0, g1) */
    bool space_after; /* its last glyph's box holds the space after it */
} word;

typedef struct pline {
    float x0, y0, x1, y1, h, base;
    uint32_t w0, w1; /* words order[w0..w1), left to right */
    uint32_t s0, ns; /* segments */
    uint8_t kind, side, taken;
} pline;

typedef struct seg {
    uint32_t w0, w1;
    float x0, x1;
    float h; /* its tallest word */
} seg;

typedef struct page_ctx {
    const vn_pdf_glyph *g;
    size_t ng;
    word *w;
    uint32_t *order;
    pline *l;
    seg *s;
    size_t nw, nl, ns;
    float H, pitch, left, right;
    bool grid; /* every step between two lines of one size is a whole number of points */
    float cw; /* the average width of a character */
    float gutter; /* the middle of the gutter of the last two-column layout */
    float gutter_lo, gutter_hi; /* the gutter itself: the left column's right end, the right's left */
    bool carried; /* the layout being written goes on from the page before's last one */
} page_ctx;

/* Indices sorted by two keys, without a global for qsort's comparison. */
typedef struct sort_key {
    float a, b;
    uint32_t i;
} sort_key;

typedef struct rendered {
    uint8_t font_and; /* the font bits every glyph has */
    bool tab;         /* a TAB was written after a bullet (see render_at) */
    float first_w;    /* the first word's width */
    size_t chars;
} rendered;

int vn_pdf_cmp_key(const void *x, const void *y);
bool vn_pdf_glyph_super(const pline *l, const vn_pdf_glyph *g);
/* Writes words [w0, w1) of line l (see pdf_layout.c). */
void vn_pdf_render(const page_ctx *P, const pline *l, uint32_t w0, uint32_t w1, bool mark, vn_buf *b, rendered *r);
vn_pdf_line *vn_pdf_add_line(vn_pdf_layout *L, const page_ctx *P, uint32_t page, const pline *l, uint8_t kind,
                             uint32_t w0, uint32_t w1, bool mark);
bool vn_pdf_is_page_number(const char *s, size_t n);
bool vn_pdf_ends_sentence(const char *s, size_t n);
bool vn_pdf_rule_text(const char *s, size_t n);

void vn_pdf_add_table_line(vn_pdf_layout *L, const page_ctx *P, uint32_t page, const pline *l, bool first);
/* The segment of line l on side `side` (0 left, 1 right) of a column layout, NULL when none. */
const seg *vn_pdf_side_seg(const page_ctx *P, const pline *l, int side);
/* Segment s is a rule ("-------", a text border "+-----+"). */
bool vn_pdf_seg_is_rule(const page_ctx *P, const seg *s);
/* The baseline of segment s, whose line is h high (pdf_columns.c says which). */
float vn_pdf_seg_base(const page_ctx *P, const seg *s, float h);
/* Line k starts a new row of the two-column layout [first, end) (pdf_rows.c). */
bool vn_pdf_starts_row(const page_ctx *P, size_t first, size_t from, size_t k, size_t end, uint16_t row);
size_t vn_pdf_column_region(page_ctx *P, size_t i, size_t foot);
size_t vn_pdf_column_first_row(page_ctx *P, size_t i, size_t foot);
size_t vn_pdf_column_lead(page_ctx *P, size_t i, size_t foot);
size_t vn_pdf_column_continue(page_ctx *P, size_t i, size_t limit, float lo, float hi);
void vn_pdf_split_narrow_rows(page_ctx *P, size_t foot);
void vn_pdf_emit_columns(vn_pdf_layout *L, page_ctx *P, uint32_t page, size_t i, size_t end);
void vn_pdf_hold_row(vn_pdf_layout *L, page_ctx *P, uint32_t page, size_t i, size_t end);
bool vn_pdf_right_column_in(const page_ctx *P, size_t i, size_t end);
long vn_pdf_take_held(vn_pdf_layout *L);

#define TABLE_MAX_BOUNDS VN_PDF_TABLE_MAX_BOUNDS
size_t vn_pdf_table_gaps(const page_ctx *P, const pline *l);
size_t vn_pdf_table_region(const page_ctx *P, size_t i, size_t limit, float *bounds, size_t *nb);
size_t vn_pdf_table_continue(const page_ctx *P, size_t i, size_t limit, const float *bounds, size_t nb);
size_t vn_pdf_table_rows_below(const page_ctx *P, size_t i, size_t limit, float *bounds, size_t *nb);
/* continued: the table the page before ended in goes on in its columns;
 * after_table: else, the page before ended in a table and this is the
 * page's first block (it may open with that table's header repeated). */
void vn_pdf_emit_table(vn_pdf_layout *L, const page_ctx *P, uint32_t page, size_t i, size_t end,
                       const float *bounds, size_t nb, bool continued, bool after_table);

#endif
