/* markup.h — what the HTML and Markdown readers share: building source lines
 * (source.h) out of a stream of block and inline events.
 *
 * Both formats describe the same things — paragraphs, manual line breaks,
 * bold and italic runs, list items whose number the format computes, tables,
 * footnotes — so one builder lays them out the way source.h asks: a
 * paragraph per line, its list label first, a layout table's cells as lines
 * of their own, a data table's row as one line with TAB between the cells,
 * footnotes flagged and opened by their superscript mark.  The readers only
 * walk their syntax tree and call these functions. */
#ifndef VN_MARKUP_H
#define VN_MARKUP_H

#include "source.h"

#define VN_MARKUP_MAX_LABEL 40 /* bytes of a computed list label ("MMMDCCCLXXXVIII.") */
#define VN_MARKUP_MAX_TABLES 64 /* tables open inside one another */

typedef struct vn_markup_table {
    bool layout;      /* cells' paragraphs are lines of their own */
    bool flat;        /* inside a data table's cell: its cells are text of that cell */
    bool joined;      /* each cell is one line: its paragraphs were joined with spaces */
    uint16_t id, row, cell;
} vn_markup_table;

typedef struct vn_markup {
    vn_source *src;
    uint32_t paragraphs;      /* paragraphs emitted so far: the next one's location - 1 */
    uint16_t tables;          /* tables met so far: the next one's number - 1 */
    /* the paragraph being built: text with '\n' at manual line breaks */
    vn_buf text;
    size_t chars, bold, italic; /* its non-space bytes, and how many of them are bold, italic */
    bool space;               /* collapsed white space is due before the next text */
    uint32_t flags;           /* VN_SRC_HEADING, _CENTRED ... of this paragraph */
    uint16_t level;           /* list level */
    int16_t indent;           /* left indent in points the page gives the block, -1 unknown */
    char label[VN_MARKUP_MAX_LABEL];
    size_t label_len;         /* a list item's label waiting for the item's first paragraph */
    /* footnotes */
    bool in_footnote;         /* every paragraph is footnote text */
    unsigned footnote_mark;   /* the mark the footnote's first paragraph opens with, 0 none */
    /* tables, innermost last */
    vn_markup_table table[VN_MARKUP_MAX_TABLES];
    size_t ntables;
    vn_buf row;               /* a data table's row being built */
    size_t row_cells;         /* cells of it begun */
    bool row_text;            /* some cell of it holds text */
    bool cell_text;           /* the current cell holds text */
} vn_markup;

void vn_markup_init(vn_markup *m, vn_source *src);
void vn_markup_free(vn_markup *m);

/* Inline text: white space collapses (HTML and Markdown both render it so). */
void vn_markup_text(vn_markup *m, const char *s, size_t n, bool bold, bool italic);
/* Text whose line ends are kept (<pre>, code blocks): each line a line. */
void vn_markup_text_pre(vn_markup *m, const char *s, size_t n);
/* A manual line break inside the paragraph. */
void vn_markup_break(vn_markup *m);
/* Digits as superscript digits ("1" -> "¹"): a footnote mark, m². */
void vn_markup_superscript(vn_markup *m, const char *s, size_t n);
/* Sets flags (VN_SRC_HEADING, VN_SRC_CENTRED) on the paragraph being built. */
void vn_markup_flag(vn_markup *m, uint32_t flags);
/* The left indent, in points, of the paragraph being built: a block quote.
 * pandoc reads a Word paragraph with a left indent and no numbering as a
 * block quote, so that is how an indented paragraph reaches HTML and
 * Markdown ("..., trong đó:" then its parts, set in). */
#define VN_MARKUP_QUOTE_INDENT 36 /* points a quote level sets in: Word's default tab stop, 0.5 in */
void vn_markup_indent(vn_markup *m, int16_t points);
/* The next paragraph starts a list item with this label ("1.", "a.", "-"). */
void vn_markup_label(vn_markup *m, const char *label, uint16_t level);
/* Ends the paragraph being built: emits it unless it holds no text. */
void vn_markup_end(vn_markup *m);

/* Tables: layout (issuer | motto, recipients | signature) or data (see
 * source.h).  A table opened inside a data table's cell is text of that cell. */
void vn_markup_table_begin(vn_markup *m, bool layout);
void vn_markup_row_begin(vn_markup *m);
void vn_markup_cell_begin(vn_markup *m);
void vn_markup_cell_end(vn_markup *m);
void vn_markup_row_end(vn_markup *m);
void vn_markup_table_end(vn_markup *m);
/* The innermost table's cells hold one line each (a Markdown pipe table):
 * a converter joined a Word cell's paragraphs with spaces, so in a layout
 * cell a dash after ":" or ";" ("Nơi nhận: - Bộ ...; - Lưu: VT.") starts
 * a paragraph again. */
void vn_markup_table_joined(vn_markup *m);

/* Footnote number mark: its paragraphs follow, flagged, the first opening
 * with the mark as superscript digits. */
void vn_markup_footnote_begin(vn_markup *m, unsigned mark);
void vn_markup_footnote_end(vn_markup *m);

/* List labels as a browser draws them: 1. / I. / i. / A. / a. ; n >= 1.
 * Writes at most VN_MARKUP_MAX_LABEL - 2 characters plus the suffix. */
size_t vn_markup_number(char *out, size_t cap, long n, char type, char suffix);

#endif
