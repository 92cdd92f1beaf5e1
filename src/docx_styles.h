/* docx_styles.h — a DOCX's word/styles.xml: what a paragraph or a run
 * inherits from its style along the w:basedOn chain (bold, italic,
 * capitals, centring, borders, numbering, heading level, font), and the
 * document's defaults.  Read by read_docx.c before the body. */
#ifndef VN_DOCX_STYLES_H
#define VN_DOCX_STYLES_H

#include "common.h"
#include "docx_numbering.h"

#define VN_DOCX_ID_MAX 64 /* bytes of a style id (and of the short attribute values read with it) */

enum { TRI_UNSET = -1, TRI_OFF = 0, TRI_ON = 1 };
enum { ST_PARAGRAPH, ST_CHARACTER, ST_TABLE, ST_NUMBERING };

typedef struct vn_docx_style {
    char id[VN_DOCX_ID_MAX], based_on[VN_DOCX_ID_MAX];
    uint8_t type;
    int8_t bold, italic, centred, borders, caps; /* TRI_* */
    int num_id, ilvl;                            /* -1 unset; num_id 0: numbering switched off */
    int outline;                                 /* heading level 0-8, -1 none */
    bool is_default;
    bool note_mark; /* Word's "footnote reference" character style */
    int8_t font;    /* vn_font_kind of its w:rFonts, -1 unset */
} vn_docx_style;

typedef struct vn_docx_styles {
    vn_docx_style *v; /* sorted by id once read */
    size_t n, cap;
    const vn_docx_style *default_para; /* the default paragraph style, NULL none */
    int8_t default_font;               /* vn_font_kind of w:docDefaults */
} vn_docx_styles;

/* Reads word/styles.xml into s (zeroed by the caller), linking numbering
 * styles to their lists in nb (may be NULL). */
vnplan_status vn_docx_styles_read(vn_docx_styles *s, const vn_buf *xml, vn_numbering *nb, vn_error *err);
/* The style of that id, NULL none. */
const vn_docx_style *vn_docx_style_find(const vn_docx_styles *s, const char *id);

/* A property of a style, looked up along its w:basedOn chain: TRI_* or -1. */
int vn_docx_style_bold(const vn_docx_styles *s, const char *id);
int vn_docx_style_italic(const vn_docx_styles *s, const char *id);
int vn_docx_style_caps(const vn_docx_styles *s, const char *id);
int vn_docx_style_centred(const vn_docx_styles *s, const char *id);
int vn_docx_style_borders(const vn_docx_styles *s, const char *id);
int vn_docx_style_num_id(const vn_docx_styles *s, const char *id);
int vn_docx_style_ilvl(const vn_docx_styles *s, const char *id);
int vn_docx_style_outline(const vn_docx_styles *s, const char *id);
int vn_docx_style_font(const vn_docx_styles *s, const char *id);

/* What run properties and styles share: */
struct vn_xml;
/* Does a border value (w:val of w:top, w:insideV, ...) draw nothing? */
bool vn_docx_border_none(const char *v);
/* The vn_font_kind a w:rFonts names, or -1 (see docx_styles.c). */
int8_t vn_docx_rfonts_kind(const struct vn_xml *x);
/* w:caps and w:smallCaps (element NAME) into *caps; whether NAME was one. */
bool vn_docx_caps(int8_t *caps, const struct vn_xml *x, const char *name);

#endif
