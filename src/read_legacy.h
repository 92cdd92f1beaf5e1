/* read_legacy.h — Vietnam's legacy 8-bit encodings (read_legacy.c): the
 * byte tables of TCVN3, VNI, VISCII and Windows-1258, how a plain-text file
 * is told to be in one of them, and the decoding, for read.c; and the text
 * of a DOCX or ODT typed in a legacy font, for their readers. */
#ifndef VN_READ_LEGACY_H
#define VN_READ_LEGACY_H

#include "text.h"

typedef struct vn_byte_table vn_byte_table;

/* The legacy encoding that reads most like Vietnamese on a sample of p, its
 * table in *table (free it), or false when none does. */
bool vn_legacy_pick(const unsigned char *p, size_t n, vn_encoding *enc, vn_byte_table **table);

/* Decodes p with t into out (started here), the offset map into d. */
void vn_legacy_decode(const vn_byte_table *t, const unsigned char *p, size_t n, vn_decoded *d, vn_buf *out);

/* Puts back the capitals TCVN3 could not write, line by line (read_legacy.c
 * says how they are recognised).  The length of s is unchanged. */
void vn_tcvn3_restore_capitals(char *s, size_t len);

/* ---- text typed in a legacy font (DOCX, ODT) ----
 * Word and LibreOffice keep such text as the Windows-1252 reading of the
 * font's byte codes ("Sè" for Số in .VnTime); the font's name says which
 * encoding the codes are in. */
typedef enum {
    VN_FONT_UNICODE = 0, /* any font not in the table: its text is what it says */
    VN_FONT_TCVN3,       /* .VnTime, .VnArial ... */
    VN_FONT_TCVN3_CAPS,  /* .VnTimeH, .VnArialH ...: the same codes drawn as capitals */
    VN_FONT_VNI          /* VNI-Times, VNI-Helve ... */
} vn_font_kind;

/* The kind of a font by its name (n bytes). */
vn_font_kind vn_legacy_font(const char *name, size_t n);

/* A reader's tables, made on first use; zero-initialised; free with
 * vn_legacy_fonts_free. */
typedef struct vn_legacy_fonts {
    vn_byte_table *table[3]; /* Windows-1252 (to get the bytes back), TCVN3, VNI */
    bool tried[3];
} vn_legacy_fonts;

/* Appends to out the text s[0..n) of a run in a font of that kind, decoded;
 * before[0..nbefore) is the paragraph's text so far, from which TCVN3's
 * capitals are put back as in a plain-text line.  False, and out untouched,
 * for a Unicode font or text that the font's codes cannot have made (a
 * character outside Windows-1252: the run was retyped in Unicode). */
bool vn_legacy_fonts_decode(vn_legacy_fonts *f, vn_font_kind kind, const char *before, size_t nbefore,
                            const char *s, size_t n, vn_buf *out);
void vn_legacy_fonts_free(vn_legacy_fonts *f);

/* A PDF's font name: a subset's tag ("ABCDEF+") and a style (",Bold",
 * "-Bold") left out, the TCVN3 family's dot put back where a writer dropped
 * it ("VnTimeH"). */
vn_font_kind vn_legacy_pdf_font(const char *name);

/* PDF glyphs one by one: whether cp is a byte of the legacy fonts
 * (Windows-1252), and what a glyph of a font of that kind stands for.
 * vn_legacy_fonts_glyph returns 1 with *out, or 2 when the byte is a tone
 * mark that composes with *letter (the glyph before, now rewritten), or 0
 * when cp is no byte. */
bool vn_legacy_fonts_is_byte(vn_legacy_fonts *f, int32_t cp);
int vn_legacy_fonts_glyph(vn_legacy_fonts *f, vn_font_kind kind, int32_t cp, int32_t *letter, int32_t *out);

/* From read.c, shared with the legacy decoder: a run of the offset map, and
 * an empty output buffer with room for cap bytes and a NUL. */
void vn_read_push_run(vn_decoded *d, size_t norm, size_t nlen, size_t orig, size_t olen, unsigned step);
void vn_read_start_output(vn_buf *out, size_t cap);

#endif
