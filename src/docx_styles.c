/* docx_styles.c — a DOCX's word/styles.xml (docx_styles.h). */
#include "docx_styles.h"
#include "read_legacy.h"
#include "source.h"
#include "xmlread.h"

#include <stdlib.h>

#define STYLE_MAX_HOPS 16 /* w:basedOn chain followed this far (chains may loop) */
#define MAX_STYLES 20000  /* w:style elements of one file */

/* A border that draws nothing. */
bool vn_docx_border_none(const char *v) { return !v[0] || strcmp(v, "nil") == 0 || strcmp(v, "none") == 0; }

/* Styles are sorted by id once read and found by bisection, so that a
 * paragraph's lookups cost no time proportional to a hostile file's
 * thousands of styles. */
const vn_docx_style *vn_docx_style_find(const vn_docx_styles *s, const char *id)
{
    if (!id[0])
        return NULL;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->v[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && strcmp(s->v[lo].id, id) == 0 ? &s->v[lo] : NULL;
}

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const vn_docx_style *)a)->id, ((const vn_docx_style *)b)->id);
}

/* A property of a style, looked up along its w:basedOn chain. */
#define STYLE_LOOKUP(NAME, FIELD, UNSET)                                                                     \
    int vn_docx_style_##NAME(const vn_docx_styles *s, const char *id)                                        \
    {                                                                                                        \
        const vn_docx_style *st = vn_docx_style_find(s, id);                                                 \
        for (int hop = 0; st && hop < STYLE_MAX_HOPS; hop++, st = vn_docx_style_find(s, st->based_on))       \
            if (st->FIELD != (UNSET))                                                                        \
                return st->FIELD;                                                                            \
        return (UNSET);                                                                                      \
    }
STYLE_LOOKUP(bold, bold, TRI_UNSET)
STYLE_LOOKUP(italic, italic, TRI_UNSET)
STYLE_LOOKUP(caps, caps, TRI_UNSET)
STYLE_LOOKUP(centred, centred, TRI_UNSET)
STYLE_LOOKUP(borders, borders, TRI_UNSET)
STYLE_LOOKUP(num_id, num_id, -1)
STYLE_LOOKUP(ilvl, ilvl, -1)
STYLE_LOOKUP(outline, outline, -1)
STYLE_LOOKUP(font, font, -1)

/* The vn_font_kind of a w:rFonts, or -1 when it names no font for the
 * characters a legacy font types (ASCII and the high half of Windows-1252).
 * A theme font is a Unicode one: legacy fonts were never themes. */
int8_t vn_docx_rfonts_kind(const vn_xml *x)
{
    char v[VN_DOCX_ID_MAX];
    if (vn_xml_attr(x, "asciiTheme", NULL, v, sizeof v) || vn_xml_attr(x, "hAnsiTheme", NULL, v, sizeof v))
        return VN_FONT_UNICODE;
    if (vn_xml_attr(x, "ascii", NULL, v, sizeof v) || vn_xml_attr(x, "hAnsi", NULL, v, sizeof v))
        return (int8_t)vn_legacy_font(v, strlen(v));
    return -1;
}

/* w:caps and w:smallCaps: both print the text in capitals (small ones for
 * its lower-case letters, which a reader reads as capitals all the same).
 * Word sets one or the other; a w:smallCaps switched off leaves a w:caps
 * alone.  Whether NAME was one of them. */
bool vn_docx_caps(int8_t *caps, const vn_xml *x, const char *name)
{
    if (strcmp(name, "caps") == 0)
        *caps = vn_docx_on(x) ? TRI_ON : TRI_OFF;
    else if (strcmp(name, "smallCaps") == 0) {
        if (vn_docx_on(x))
            *caps = TRI_ON;
        else if (*caps == TRI_UNSET)
            *caps = TRI_OFF;
    } else
        return false;
    return true;
}

vnplan_status vn_docx_styles_read(vn_docx_styles *s, const vn_buf *xml, vn_numbering *nb, vn_error *err)
{
    vn_xml x;
    vnplan_status st = vn_xml_open(&x, xml->data, xml->len, "DOCX", "word/styles.xml", err);
    if (st != VNPLAN_OK)
        return st;
    vn_docx_style *cur = NULL;
    int style_depth = -1;
    bool in_rpr = false, in_ppr = false, in_borders = false, in_defaults = false;
    int rc;
    char v[VN_DOCX_ID_MAX];
    while ((rc = vn_xml_next(&x, err)) == 1) {
        int type = vn_xml_type(&x);
        const char *name = vn_xml_name(&x);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (vn_xml_depth(&x) == style_depth)
                cur = NULL, style_depth = -1;
            else if (strcmp(name, "rPr") == 0)
                in_rpr = false;
            else if (strcmp(name, "pPr") == 0)
                in_ppr = false;
            else if (strcmp(name, "tblBorders") == 0)
                in_borders = false;
            else if (strcmp(name, "docDefaults") == 0)
                in_defaults = false;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT || !vn_docx_ns(vn_xml_ns(&x)))
            continue;
        bool empty = vn_xml_empty(&x);
        if (strcmp(name, "style") == 0) {
            if (s->n >= MAX_STYLES) {
                vn_xml_close(&x);
                return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "DOCX file: more than %d styles", MAX_STYLES);
            }
            cur = &VN_PUSH_ZERO(s->v, s->n, s->cap);
            cur->bold = cur->italic = cur->centred = cur->borders = cur->caps = TRI_UNSET;
            cur->num_id = cur->ilvl = cur->outline = -1;
            cur->font = -1;
            vn_xml_attr(&x, "styleId", NULL, cur->id, sizeof cur->id);
            vn_xml_attr(&x, "type", NULL, v, sizeof v);
            cur->type = strcmp(v, "character") == 0   ? ST_CHARACTER
                        : strcmp(v, "table") == 0     ? ST_TABLE
                        : strcmp(v, "numbering") == 0 ? ST_NUMBERING
                                                      : ST_PARAGRAPH;
            cur->is_default = vn_xml_attr(&x, "default", NULL, v, sizeof v) && (v[0] == '1' || v[0] == 't');
            style_depth = empty ? -1 : vn_xml_depth(&x);
            in_rpr = in_ppr = in_borders = false;
            if (empty)
                cur = NULL;
            continue;
        }
        if (strcmp(name, "docDefaults") == 0)
            in_defaults = !empty;
        else if (in_defaults && !cur && strcmp(name, "rFonts") == 0 && vn_docx_rfonts_kind(&x) >= 0)
            s->default_font = vn_docx_rfonts_kind(&x);
        if (!cur)
            continue;
        if (strcmp(name, "rPr") == 0)
            in_rpr = !empty;
        else if (strcmp(name, "pPr") == 0)
            in_ppr = !empty;
        else if (strcmp(name, "tblBorders") == 0) {
            in_borders = !empty;
            if (cur->borders == TRI_UNSET)
                cur->borders = TRI_OFF;
        } else if (strcmp(name, "basedOn") == 0)
            vn_xml_attr(&x, "val", NULL, cur->based_on, sizeof cur->based_on);
        else if (strcmp(name, "name") == 0) {
            /* Word's built-in "heading 1".."heading 9" */
            if (vn_xml_attr(&x, "val", NULL, v, sizeof v) && strncmp(v, "heading ", 8) == 0 && v[8] >= '1' &&
                v[8] <= '9' && cur->outline < 0)
                cur->outline = v[8] - '1';
            cur->note_mark = strcmp(v, "footnote reference") == 0 || strcmp(v, "endnote reference") == 0;
        } else if (in_borders) {
            vn_xml_attr(&x, "val", NULL, v, sizeof v);
            if (!vn_docx_border_none(v))
                cur->borders = TRI_ON;
        } else if (in_rpr && strcmp(name, "b") == 0)
            cur->bold = vn_docx_on(&x) ? TRI_ON : TRI_OFF;
        else if (in_rpr && strcmp(name, "i") == 0)
            cur->italic = vn_docx_on(&x) ? TRI_ON : TRI_OFF;
        else if (in_rpr && strcmp(name, "rFonts") == 0)
            cur->font = vn_docx_rfonts_kind(&x);
        else if (in_ppr && strcmp(name, "jc") == 0) {
            vn_xml_attr(&x, "val", NULL, v, sizeof v);
            cur->centred = strcmp(v, "center") == 0 ? TRI_ON : TRI_OFF;
        } else if (in_ppr && strcmp(name, "outlineLvl") == 0) {
            int lvl = vn_docx_int(&x, "val", 9);
            cur->outline = lvl >= 0 && lvl < 9 ? lvl : -1;
        } else if (in_ppr && strcmp(name, "numId") == 0)
            cur->num_id = vn_docx_int(&x, "val", 0);
        else if (in_ppr && strcmp(name, "ilvl") == 0)
            cur->ilvl = vn_docx_int(&x, "val", 0);
        else if (in_rpr)
            vn_docx_caps(&cur->caps, &x, name); /* (last: it takes any other name and does nothing) */
    }
    vn_xml_close(&x);
    if (rc < 0)
        return err->status;
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, cmp_style);
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].type == ST_PARAGRAPH && s->v[i].is_default && !s->default_para)
            s->default_para = &s->v[i];
        if (s->v[i].type == ST_NUMBERING && s->v[i].num_id > 0)
            vn_numbering_link_style(nb, s->v[i].id, s->v[i].num_id);
    }
    return VNPLAN_OK;
}
