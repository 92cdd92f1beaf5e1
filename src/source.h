/* source.h — the read stage for every format: a file becomes SOURCE LINES.
 *
 * Plain text is read by read.c + normalize.c as it always was.  A structured
 * file (DOCX, ODT, PDF, HTML, Markdown) is read by a reader of its own
 * (read_docx.c, read_odt.c, read_pdf.c, read_html.c, read_md.c) into a
 * vn_source: UTF-8 text with one line per source line, and beside each line
 * what the format knows about it — a numbering label the format computed
 * (Word's automatic numbering IS a marker), a table cell, bold, centred, a
 * footnote, page furniture — and where it came from (page or paragraph).
 *
 * The text is then normalized and goes through the same later stages as a
 * plain-text file; lines.c reads the flags where the format gives them (a
 * paragraph of its own is never joined to the line before).  Spans of such a
 * document are offsets into this text; vnplan_node_location() says where in
 * the original file a node starts ("trang 3", "đoạn 41").
 *
 * How a reader lays out the text (so that every later stage reads it as it
 * reads a plain-text export of the same document):
 *   - one paragraph per line; a manual line break inside a paragraph starts a
 *     new line WITHOUT VN_SRC_PARA (it may be joined back); a format that
 *     gives visual lines (PDF) flags VN_SRC_CONT where the page shows that a
 *     line goes on from the one before;
 *   - a computed numbering label, then one space, then the paragraph's text
 *     ("I. MỤC ĐÍCH", "a) ...", "- ..."); label_len covers the label;
 *   - a layout table (the header's issuer | motto, the closing's recipients |
 *     signature: borderless, two columns): each cell's paragraphs as lines of
 *     their own, cell after cell, row by row — never interleaved;
 *   - text boxes and frames (DOCX, ODT): their paragraphs at their anchor,
 *     before the text of the paragraph they are anchored in, box after box
 *     as a layout table's cells come (docs/format.md);
 *   - a data table (targets, annex tasks): one line per row, cells joined by
 *     TAB (a cell's own paragraphs joined by a space), as Word's plain-text
 *     export writes it;
 *   - footnotes: their text after the body, each line starting with its mark
 *     as a superscript digit ("¹ ...") and flagged VN_SRC_FOOTNOTE; the mark in
 *     the body is written as the same superscript digit;
 *   - page headers and footers, page numbers: left out (DOCX, ODT), or kept
 *     as lines flagged VN_SRC_FURNITURE (PDF) so that no text is lost. */
#ifndef VN_SOURCE_H
#define VN_SOURCE_H

#include "common.h"

enum {
    VN_SRC_PARA = 1u << 0,      /* starts a paragraph: never a continuation of the line before */
    VN_SRC_LABEL = 1u << 1,     /* begins with a numbering label the format computed (label_len bytes) */
    VN_SRC_BOLD = 1u << 2,      /* all its text is bold */
    VN_SRC_CENTRED = 1u << 3,   /* centred */
    VN_SRC_HEADING = 1u << 4,   /* marked as a heading by the format (h1-h6, #, a Heading style) */
    VN_SRC_CELL = 1u << 5,      /* a paragraph of a layout table's cell */
    VN_SRC_TABLE_ROW = 1u << 6, /* a data table's row, cells joined by TAB */
    VN_SRC_FOOTNOTE = 1u << 7,  /* footnote text */
    VN_SRC_FURNITURE = 1u << 8, /* running header or footer, page number */
    VN_SRC_ITALIC = 1u << 9,    /* all its text is italic */
    VN_SRC_CONT = 1u << 10      /* certainly goes on from the line before (a PDF's justified line
                                   filled to the margin): never a paragraph of its own */
};

/* Where a line came from in the original file. */
enum { VN_LOC_LINE = 0, VN_LOC_PAGE, VN_LOC_PARAGRAPH };

typedef struct vn_srcline {
    uint32_t start;     /* offset of the line in the source text */
    uint32_t flags;     /* VN_SRC_* */
    uint32_t label_len; /* VN_SRC_LABEL: bytes of the label, without the space after it */
    uint32_t loc;       /* 1-based page (PDF) or paragraph (others) */
    uint32_t loc_char;  /* characters before this line's start within that page or paragraph */
    uint16_t table;     /* 1-based table of the file, 0 outside tables */
    uint16_t row, cell; /* 1-based row and cell within it */
    int16_t indent;     /* left indent in points, -1 when unknown */
    uint16_t level;     /* list level (0-based) the format gives, or 0 */
} vn_srcline;

typedef struct vn_source {
    vn_buf text;        /* UTF-8, lines separated by '\n' */
    vn_srcline *lines;
    size_t nlines, caplines;
    uint8_t loc_unit;   /* VN_LOC_PAGE or VN_LOC_PARAGRAPH */
    vnplan_input input; /* the format read */
} vn_source;

/* Starts a new line with these flags at location loc (1-based); its text is
 * then appended with vn_source_put.  Returns the line, to set more fields
 * (valid until the next vn_source_line call). */
vn_srcline *vn_source_line(vn_source *s, uint32_t flags, uint32_t loc, uint32_t loc_char);
/* Appends text to the current line; line breaks, TABs (outside data table
 * rows) and control characters become spaces. */
void vn_source_put(vn_source *s, const char *p, size_t n);
/* Appends text to the current line as is (a data table's TAB between cells). */
void vn_source_put_raw(vn_source *s, const char *p, size_t n);
void vn_source_free(vn_source *s);

/* ---- limits every reader enforces, each named so it can be argued about ---- */

#define VN_ZIP_MAX_ENTRIES 10000                  /* members of a DOCX/ODT archive */
#define VN_ZIP_MAX_MEMBER ((size_t)256 << 20)     /* inflated size of one member */
#define VN_ZIP_MAX_TOTAL ((size_t)512 << 20)      /* inflated size of all members read */
#define VN_ZIP_MAX_RATIO 200                      /* inflated / compressed size of a member */
#define VN_XML_MAX_DEPTH 256                      /* element nesting in any XML or HTML */
#define VN_PDF_MAX_PAGES 5000                     /* pages of a PDF */
#define VN_SOURCE_MAX_TEXT ((size_t)1 << 30)      /* text a reader may produce */

/* ---- detection and the readers ---------------------------------------------- */

/* The format of a file from its content: magic bytes, zip members, markup.
 * Text (any encoding) when nothing else fits. */
vnplan_input vn_detect_input(const unsigned char *p, size_t n);

/* Reads bytes of a structured format into source lines.  Fails with
 * VNPLAN_ERR_BINARY (a broken or encrypted file, a scan without a text
 * layer), _TOO_LARGE (a limit above), _EMPTY (no text), with a message. */
vnplan_status vn_source_read(const unsigned char *p, size_t n, vnplan_input in, vn_source *out,
                             vn_error *err);

vnplan_status vn_read_docx(const unsigned char *p, size_t n, vn_source *out, vn_error *err);
vnplan_status vn_read_odt(const unsigned char *p, size_t n, vn_source *out, vn_error *err);
vnplan_status vn_read_pdf(const unsigned char *p, size_t n, vn_source *out, vn_error *err);
vnplan_status vn_read_html(const unsigned char *p, size_t n, vn_source *out, vn_error *err);
vnplan_status vn_read_md(const unsigned char *p, size_t n, vn_source *out, vn_error *err);

#endif
