/* docread.h — what the DOCX and ODT readers share: writing a paragraph as
 * source lines, holding a table until it is read whole, deciding whether it
 * lays text out or holds data, and writing it as source.h says. */
#ifndef VN_DOCREAD_H
#define VN_DOCREAD_H

#include "source.h"
#include "unzip.h"

#define VN_LAYOUT_MAX_COLUMNS 3 /* a layout table has at most this many cells a row */

/* One paragraph's text (label, space, text) as lines: a '\n' (a manual line
 * break) starts a line that is no paragraph of its own. */
void vn_doc_write_para(vn_source *out, const char *s, size_t n, uint32_t flags, uint32_t label_len, uint32_t loc,
                       uint16_t table, uint16_t row, uint16_t cell, int indent, int level);

/* A note's mark, written as superscript digits ("¹", "¹²"). */
void vn_doc_put_superscript(vn_buf *b, uint32_t n);

/* s[0..n) in capitals, as a style that sets them (DOCX w:caps, ODF and
 * CSS text-transform: uppercase, small capitals) shows and prints it. */
void vn_doc_put_upper(vn_buf *b, const char *s, size_t n);

/* A note, after the body: its mark (a C string), a space, and its text
 * (text[0..n) without the spaces that open it), each of its paragraphs
 * ('\n' between them) a line of its own, located at the body's paragraph
 * `para` that refers to it. */
void vn_doc_write_note(vn_source *out, const char *mark, const char *text, size_t n, uint32_t para);

/* True when a computed label is a bullet ("-", "•"), not a number. */
bool vn_doc_bullet_label(const char *label, size_t n);

/* A finished paragraph of a table, kept until the table is decided. */
typedef struct vn_cell_para {
    uint32_t row, cell, flags, label_len, loc;
    size_t off, len; /* its text (label, space, text; '\n' at manual breaks) in the table's buffer */
} vn_cell_para;

typedef struct vn_table {
    vn_buf text;
    vn_cell_para *paras;
    size_t n, cap;
    uint32_t max_cells; /* cells of the widest row */
    bool bordered;      /* a border is drawn somewhere */
} vn_table;

void vn_table_add(vn_table *t, uint32_t row, uint32_t cell, uint32_t flags, uint32_t loc, const char *label,
                  size_t label_len, const char *text, size_t len);
/* Writes the table (numbered `number` in the file) as layout or data and
 * empties it.  seen_heading: a numbered or heading paragraph of the body
 * came before it. */
void vn_table_write(vn_table *t, vn_source *out, uint16_t number, bool seen_heading);
void vn_table_free(vn_table *t);

/* The end of a part that leaves a table open (*depth > 0, a file cut short):
 * the table is written as if closed, numbered ++*tables. */
void vn_table_write_open(vn_table *t, int *depth, vn_source *out, uint16_t *tables, bool seen_heading);

/* How a reader walks one XML part of its package (vn_doc_walk): `node` is
 * called at each node the reader stands on (it may skip a subtree); after
 * each, `largest` gives the largest text the reader is building, which must
 * stay within VN_SOURCE_MAX_TEXT; `end`, once the part was read whole,
 * writes what it left open (a paragraph, a table: a file cut short). */
struct vn_xml; /* xmlread.h */

typedef struct vn_doc_walker {
    const char *format; /* "DOCX", for messages */
    void (*node)(void *reader, struct vn_xml *x);
    size_t (*largest)(const void *reader);
    void (*end)(void *reader);
} vn_doc_walker;

/* Reads `part` (xml[0..n)) from start to end; VNPLAN_ERR_TOO_LARGE ("DOCX
 * file: more than 64 MB of text") past the limit, the XML reader's error
 * when it is not well formed or breaks its rules (xmlread.h). */
vnplan_status vn_doc_walk(const vn_doc_walker *w, void *reader, const char *xml, size_t n, const char *part,
                          vn_error *err);

/* How a reader reads its package (vn_doc_read_package): `parts` reads the
 * parts it needs, in order, each with vn_zip_read into `part` (one buffer
 * for them all), and walks them; `finish` writes what the reader held back
 * (the notes, after the body) once every part was read; `free` releases the
 * reader's state, whatever happened. */
typedef struct vn_doc_package {
    const char *format; /* "DOCX", for messages */
    vnplan_status (*parts)(void *reader, vn_zip *z, vn_buf *part, vn_error *err);
    void (*finish)(void *reader);
    void (*free)(void *reader);
} vn_doc_package;

/* Opens the archive p[0..n) and has the reader (its state zeroed, its output
 * set) read it as pk says. */
vnplan_status vn_doc_read_package(const vn_doc_package *pk, void *reader, const unsigned char *p, size_t n,
                                  vn_error *err);

#endif
