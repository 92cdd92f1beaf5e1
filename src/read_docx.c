/* read_docx.c — a Word file (DOCX, OOXML) as source lines (source.h).
 *
 * What is read: word/document.xml, the body's paragraphs in order (those of
 * tables and content controls too); word/styles.xml for what a paragraph
 * inherits from its style (numbering, bold, centring, heading level:
 * docx_styles.c); word/numbering.xml for the labels Word computes
 * (docx_numbering.c); word/footnotes.xml and word/endnotes.xml for the
 * notes the body refers to.  Tracked changes are read as accepted:
 * insertions kept, deletions and moved-away text dropped, a paragraph whose
 * mark is deleted (or hidden) joined to the next (see carry_text).  A field
 * shows its result, never its code; text set in capitals by w:caps or
 * w:smallCaps is read in capitals (run_caps).
 *
 * Text boxes (w:txbxContent of a DrawingML or VML shape) are read at their
 * anchor, before the text of the paragraph they are anchored in; of Word's
 * mc:AlternateContent the first mc:Choice, else the mc:Fallback (see "text
 * boxes" below, docs/format.md).
 *
 * Left out: page headers and footers (header*.xml, footer*.xml: running
 * furniture), comments, hidden text, drawings without text and every
 * shape's alt text, the old text of formatting changes.
 *
 * Tables: a layout table (the header's issuer | motto, the closing's
 * recipients | signature) gives each cell's paragraphs as lines of their
 * own, cell after cell; any other table one line per row, cells joined by
 * TAB, as Word's plain-text export writes it.  Which is which is decided
 * once the table has been read whole (see is_layout_table). */
#include "docread.h"
#include "docx_numbering.h"
#include "docx_styles.h"
#include "read_legacy.h"
#include "source.h"
#include "unzip.h"
#include "utf8.h"
#include "xmlread.h"

#include <stdio.h>
#include <stdlib.h>

#define FIELD_MAX_NESTING 16   /* fields inside fields tracked this deep */
#define MAX_NOTES 100000       /* footnotes and endnotes of one file */
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define SHAPE_MAX_NESTING 8    /* text boxes inside text boxes read this deep; deeper ones are left out */
#define ALT_MAX_NESTING 16     /* mc:AlternateContent inside one another followed this deep; deeper left out */

typedef struct note {
    int id;
    bool endnote;
    size_t off, len; /* its paragraphs in notes_text, separated by '\n' */
} note;

#define NOTE_MARK_MAX 32 /* bytes of a note's mark */

typedef struct note_ref {
    char mark[NOTE_MARK_MAX]; /* superscript digits: the note's number, or the mark its author typed */
    size_t note;              /* index into notes */
    uint32_t para;            /* the body's paragraph that refers to it: the note's location (0 until it ends) */
    uint8_t typed;            /* bytes of the mark typed as plain text at the note's start, left out */
} note_ref;

enum { VN_DOCX_MAX_SPAN = 64 /* columns a merged cell may cover (Word's grid has at most 63) */ };

/* The paragraph being read, with its run and its open fields: set aside
 * while the paragraphs of a text box anchored in it are read. */
typedef struct para_state {
    bool in_para, in_ppr, in_rpr, in_t;
    bool in_mark;   /* the paragraph mark's own run properties (w:pPr/w:rPr) */
    bool mark_gone; /* its mark is a tracked deletion, a move away or hidden: it joins the next paragraph */
    bool in_toc;    /* a paragraph of a table of contents: not written */
    bool in_instr;  /* a field's code (w:instrText) is being read */
    bool fld_named; /* the innermost field's code has given its first word */
    int para_depth;
    vn_buf ptext;
    char pstyle[VN_DOCX_ID_MAX];
    int p_num_id, p_ilvl, p_outline;
    int8_t p_centred;
    int indent;
    bool any_text, all_bold, all_italic;
    /* the run being read */
    char rstyle[VN_DOCX_ID_MAX];
    int8_t r_bold, r_italic, r_caps;
    int8_t r_font; /* vn_font_kind of its w:rFonts, -1 unset */
    bool r_hidden;
    bool custom_mark; /* the run's text is the mark of the note just referred to (w:customMarkFollows) */
    char typed_mark[4]; /* a note's mark typed after an automatic reference: left out of the next text */
    /* fields: for each open field, whether its code (not its result) is being read */
    int fld_depth;
    bool fld_code[FIELD_MAX_NESTING];
    size_t first_ref; /* the notes it refers to are refs[first_ref..] (a text box's among them) */
} para_state;

typedef struct dx {
    vn_source *out;
    uint32_t span_extra; /* columns the current cell covers beyond its own (w:gridSpan - 1) */
    vn_docx_styles st;
    vn_numbering *nb;
    vn_error *err;
    vn_legacy_fonts fonts; /* tables for text typed in a legacy font */

    para_state p; /* the paragraph being read */

    uint32_t body_paras; /* paragraphs of the body so far: a paragraph's location */
    /* the text of paragraphs whose mark was deleted, waiting for the paragraph
     * it joins (in the cell it was read in: carry_tbl, carry_row, carry_cell) */
    vn_buf carry;
    int carry_tbl;
    uint32_t carry_row, carry_cell;
    size_t carry_ref; /* the first note referred to in the carried text */
    bool seen_heading;   /* a numbered or heading paragraph has been written outside tables */

    /* content controls (w:sdt): what the w:sdtPr being read (at sdtpr_depth)
     * says; the w:sdtContent of the outermost one that shows its placeholder
     * or is a table of contents (at hide_depth, 0: none) */
    int sdtpr_depth, hide_depth;
    bool sdt_placeholder, sdt_toc, hide_toc;
    int toc_fields; /* fields open since a TOC field began (0: none): its result is no text of the plan */

    /* tables: only the outermost is laid out; nested tables' text joins its cell */
    int tbl_depth;
    uint32_t row, cell;
    bool tbl_borders_set, in_tblpr, in_tblborders;
    char tbl_style[VN_DOCX_ID_MAX];
    vn_table tbl;
    uint16_t tables;

    /* text boxes: the w:drawing and w:pict being read, innermost last.
     * Outside their w:txbxContent (the shape's geometry, its alt text) no
     * element is read; inside it, the box's paragraphs are read as the
     * body's, the paragraph they are anchored in set aside meanwhile. */
    int nshapes;
    struct {
        int depth, box_depth; /* of the shape's element and of its w:txbxContent */
        bool in_box;          /* its w:txbxContent is being read */
        para_state anchor;    /* in_box: the paragraph the box is anchored in */
    } shape[SHAPE_MAX_NESTING];
    /* markup compatibility: for each open mc:AlternateContent, whether one
     * of its branches was read (the others say the same thing again) */
    int nalts;
    bool alt_taken[ALT_MAX_NESTING];

    /* notes: while reading footnotes.xml / endnotes.xml, the note being read */
    bool reading_notes, note_endnote, in_note, note_skip;
    int note_id;
    size_t note_start;
    vn_buf notes_text;
    note *notes;
    size_t nnotes, capnotes;
    note_ref *refs;
    size_t nrefs, caprefs;
    uint32_t auto_notes; /* notes numbered by Word so far */
} dx;

/* ---- text of a paragraph ---------------------------------------------------------- */

static const char *para_style(const dx *d)
{
    return d->p.pstyle[0] ? d->p.pstyle : d->st.default_para ? d->st.default_para->id : "";
}

static bool text_visible(const dx *d)
{
    if (d->p.r_hidden || d->hide_depth)
        return false;
    for (int i = 0; i < d->p.fld_depth && i < FIELD_MAX_NESTING; i++)
        if (d->p.fld_code[i])
            return false;
    return true;
}

static void para_text(dx *d, const char *s, size_t n)
{
    if (!d->p.in_para || !text_visible(d) || n == 0)
        return;
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = vn_is_space((unsigned char)s[i]);
    if (!blank) {
        int8_t b = d->p.r_bold != TRI_UNSET ? d->p.r_bold : (int8_t)vn_docx_style_bold(&d->st, d->p.rstyle);
        if (b == TRI_UNSET)
            b = (int8_t)vn_docx_style_bold(&d->st, para_style(d));
        int8_t it = d->p.r_italic != TRI_UNSET ? d->p.r_italic
                                               : (int8_t)vn_docx_style_italic(&d->st, d->p.rstyle);
        if (it == TRI_UNSET)
            it = (int8_t)vn_docx_style_italic(&d->st, para_style(d));
        d->p.any_text = true;
        d->p.all_bold &= b == TRI_ON;
        d->p.all_italic &= it == TRI_ON;
    }
    vn_buf_put(&d->p.ptext, s, n);
}

static void para_cp(dx *d, int32_t cp)
{
    char u[4];
    int len = vn_utf8_encode(cp, u);
    para_text(d, u, (size_t)(len > 0 ? len : 0));
}

/* A run's own properties, cleared where it starts and ends. */
static void run_reset(dx *d)
{
    d->p.rstyle[0] = '\0';
    d->p.r_bold = d->p.r_italic = d->p.r_caps = TRI_UNSET;
    d->p.r_font = -1;
    d->p.r_hidden = false;
    d->p.custom_mark = false;
}

static void para_begin(dx *d)
{
    d->p.in_para = true;
    vn_buf_clear(&d->p.ptext);
    d->p.pstyle[0] = '\0';
    d->p.p_num_id = d->p.p_ilvl = d->p.p_outline = -1;
    d->p.p_centred = TRI_UNSET;
    d->p.indent = -1;
    d->p.any_text = false;
    d->p.all_bold = d->p.all_italic = true;
    d->p.fld_depth = 0;
    d->p.r_font = -1;
    d->p.typed_mark[0] = '\0';
    d->p.first_ref = d->nrefs;
    d->p.in_mark = d->p.mark_gone = false;
    d->p.in_toc = d->toc_fields > 0 || (d->hide_depth && d->hide_toc);
}

/* ---- writing lines ------------------------------------------------------------------ */

/* Tracked changes are read as accepted.  A paragraph whose mark was deleted
 * (w:del or w:moveFrom in w:pPr/w:rPr) is one with the next once the change
 * is accepted: its text waits to open the next paragraph, whose mark (style,
 * numbering) the joined paragraph keeps, and it is neither written nor
 * numbered itself.  A paragraph deleted or moved away whole thus leaves
 * nothing: no empty list item, no number taken from the list it was in.
 * A hidden mark (w:vanish in w:pPr/w:rPr) is read the same way: Word shows
 * (and prints) the paragraph run on into the next, as one. */
static void carry_text(dx *d)
{
    if (!d->carry.len)
        d->carry_ref = d->p.first_ref;
    vn_buf_put(&d->carry, d->p.ptext.data, d->p.ptext.len);
    d->carry_tbl = d->tbl_depth;
    d->carry_row = d->row;
    d->carry_cell = d->cell;
}

/* The paragraph that follows a deleted mark starts with the carried text. */
static void carry_join(dx *d)
{
    if (!d->carry.len)
        return;
    vn_buf_put(&d->carry, d->p.ptext.data, d->p.ptext.len);
    vn_buf t = d->p.ptext;
    d->p.ptext = d->carry;
    d->carry = t;
    vn_buf_clear(&d->carry);
    if (d->carry_ref < d->p.first_ref)
        d->p.first_ref = d->carry_ref;
}

/* No paragraph follows in the same cell (a table, a row or a cell starts or
 * ends, the body ends): the carried text is a paragraph of its own, where it
 * was read, rather than lost or joined across a cell. */
static void carry_flush(dx *d)
{
    if (!d->carry.len)
        return;
    d->body_paras++;
    if (d->carry_tbl > 0)
        vn_table_add(&d->tbl, d->carry_row, d->carry_cell, VN_SRC_PARA, d->body_paras, "", 0, d->carry.data,
                     d->carry.len);
    else
        vn_doc_write_para(d->out, d->carry.data, d->carry.len, VN_SRC_PARA, 0, d->body_paras, 0, 0, 0, -1, 0);
    vn_buf_clear(&d->carry);
}

/* A heading (an outline level of its own or its style's) in a TOC field's
 * result is none of its entries, whose styles have none: the field's end
 * was lost (a damaged or hand-made file), and the table of contents ends
 * there rather than take the rest of the document with it. */
static bool toc_over(dx *d)
{
    int outline = d->p.p_outline >= 0 ? d->p.p_outline : vn_docx_style_outline(&d->st, para_style(d));
    if (d->toc_fields == 0 || (d->hide_depth && d->hide_toc) || outline < 0 || outline >= 9)
        return false;
    d->toc_fields = 0;
    return true;
}

/* A paragraph ends: its label is counted (in document order, tables
 * included), and it is written, added to its table cell, or to its note. */
static void para_end(dx *d)
{
    d->p.in_para = false;
    if (d->p.in_toc && !d->reading_notes && !toc_over(d))
        return;
    if (d->p.mark_gone && !d->reading_notes) {
        carry_text(d);
        return;
    }
    if (!d->reading_notes)
        carry_join(d);
    if (d->reading_notes) {
        if (d->in_note && !d->note_skip) {
            if (d->notes_text.len > d->note_start)
                vn_buf_putc(&d->notes_text, '\n');
            /* breaks inside a note's paragraph are spaces */
            for (size_t i = 0; i < d->p.ptext.len; i++)
                vn_buf_putc(&d->notes_text, d->p.ptext.data[i] == '\n' ? ' ' : d->p.ptext.data[i]);
        }
        return;
    }
    const char *ps = para_style(d);
    int num_id = d->p.p_num_id >= 0 ? d->p.p_num_id : vn_docx_style_num_id(&d->st, ps);
    int ilvl = d->p.p_ilvl;
    if (ilvl < 0 && d->p.p_num_id < 0 && num_id > 0)
        ilvl = vn_docx_style_ilvl(&d->st, ps) >= 0 ? vn_docx_style_ilvl(&d->st, ps)
                                            : vn_numbering_style_level(d->nb, num_id, ps);
    if (ilvl < 0)
        ilvl = vn_docx_style_ilvl(&d->st, ps) >= 0 ? vn_docx_style_ilvl(&d->st, ps) : 0;
    char label[VN_NUM_LABEL_MAX];
    size_t label_len = num_id > 0 ? vn_numbering_next(d->nb, num_id, ilvl, label, sizeof label) : 0;
    uint32_t flags = VN_SRC_PARA;
    if (d->p.any_text && d->p.all_bold)
        flags |= VN_SRC_BOLD;
    if (d->p.any_text && d->p.all_italic)
        flags |= VN_SRC_ITALIC;
    int8_t c = d->p.p_centred != TRI_UNSET ? d->p.p_centred : (int8_t)vn_docx_style_centred(&d->st, ps);
    if (c == TRI_ON)
        flags |= VN_SRC_CENTRED;
    int outline = d->p.p_outline >= 0 ? d->p.p_outline : vn_docx_style_outline(&d->st, ps);
    if (outline >= 0 && outline < 9)
        flags |= VN_SRC_HEADING;
    if (label_len)
        flags |= VN_SRC_LABEL;
    d->body_paras++;
    /* its notes are located here; those of a text box anchored in it were
     * located at the box's paragraphs, which ended before it */
    for (size_t i = d->p.first_ref; i < d->nrefs; i++)
        if (!d->refs[i].para)
            d->refs[i].para = d->body_paras;

    if (d->tbl_depth > 0) {
        vn_table_add(&d->tbl, d->row, d->cell, flags, d->body_paras, label, label_len, d->p.ptext.data,
                     d->p.ptext.len);
        return;
    }
    if ((label_len && !vn_doc_bullet_label(label, label_len)) || (flags & VN_SRC_HEADING))
        d->seen_heading = true;
    vn_buf line = {0};
    if (label_len) {
        vn_buf_put(&line, label, label_len);
        if (d->p.ptext.len)
            vn_buf_putc(&line, ' ');
    }
    vn_buf_put(&line, d->p.ptext.data, d->p.ptext.len);
    vn_doc_write_para(d->out, line.data ? line.data : "", line.len, flags, (uint32_t)label_len, d->body_paras, 0, 0, 0,
               d->p.indent, num_id > 0 ? ilvl : 0);
    vn_buf_free(&line);
}

/* Text formatted in capitals (w:caps, w:smallCaps: the run's own, its
 * character style's, its paragraph style's) is shown and printed in
 * capitals, whatever case it was typed in: Word's heading styles often set it, so that "Mục tiêu" typed
 * in Heading 1 is the heading MỤC TIÊU on the page and in the PDF. */
static bool run_caps(const dx *d)
{
    int8_t c = d->p.r_caps != TRI_UNSET ? d->p.r_caps : (int8_t)vn_docx_style_caps(&d->st, d->p.rstyle);
    if (c == TRI_UNSET)
        c = (int8_t)vn_docx_style_caps(&d->st, para_style(d));
    return c == TRI_ON;
}

/* The text of a w:t.  A note's mark typed by its author (after a
 * w:customMarkFollows reference) is written as superscript digits and kept
 * for the note; in the note itself, the mark typed in the note-reference
 * style is left out (the note's line starts with the mark anyway). */
static void run_text(dx *d, const char *s)
{
    size_t n = strlen(s);
    const vn_docx_style *rs = vn_docx_style_find(&d->st, d->p.rstyle);
    if (d->reading_notes && rs && rs->note_mark)
        return;
    if (d->p.typed_mark[0] && !d->reading_notes) {
        size_t k = strlen(d->p.typed_mark);
        if (n > k && strncmp(s, d->p.typed_mark, k) == 0 && !vn_is_digit((unsigned char)s[k]))
            s += k, n -= k;
        d->p.typed_mark[0] = '\0';
    }
    if (d->p.custom_mark && !d->reading_notes && d->nrefs) {
        vn_buf mark = {0};
        for (size_t i = 0; i < n; i++) {
            if (vn_is_digit((unsigned char)s[i]))
                vn_doc_put_superscript(&mark, (uint32_t)(s[i] - '0'));
            else if (!vn_is_space((unsigned char)s[i]))
                vn_buf_putc(&mark, s[i]);
        }
        note_ref *r = &d->refs[d->nrefs - 1];
        size_t have = strlen(r->mark);
        if (mark.len && have + mark.len < sizeof r->mark)
            memcpy(r->mark + have, vn_buf_cstr(&mark), mark.len + 1);
        if (mark.len)
            para_text(d, mark.data, mark.len);
        vn_buf_free(&mark);
        return;
    }
    if (run_caps(d)) {
        vn_buf up = {0};
        vn_doc_put_upper(&up, s, n);
        para_text(d, up.data, up.len);
        vn_buf_free(&up);
        return;
    }
    para_text(d, s, n);
}

/* The vn_font_kind of the run: its own w:rFonts, else its character
 * style's, its paragraph style's, the document's default. */
static vn_font_kind run_font(const dx *d)
{
    int f = d->p.r_font >= 0 ? d->p.r_font : vn_docx_style_font(&d->st, d->p.rstyle);
    if (f < 0)
        f = vn_docx_style_font(&d->st, para_style(d));
    return (vn_font_kind)(f >= 0 ? f : d->st.default_font);
}

/* The text of a w:t in the run's font: typed in a legacy font, decoded
 * first (read_legacy.c), the paragraph so far telling TCVN3's capitals. */
static void run_font_text(dx *d, const char *s)
{
    vn_buf dec = {0};
    if (vn_legacy_fonts_decode(&d->fonts, run_font(d), d->p.ptext.data, d->p.ptext.len, s, strlen(s), &dec))
        s = vn_buf_cstr(&dec);
    run_text(d, s);
    vn_buf_free(&dec);
}

/* Notes are sorted by kind and id once read, and found by bisection. */
static int cmp_note(const void *a, const void *b)
{
    const note *x = a, *y = b;
    if (x->endnote != y->endnote)
        return x->endnote - y->endnote;
    return (x->id > y->id) - (x->id < y->id);
}

/* ---- the walk -------------------------------------------------------------------------- */

/* Elements whose whole subtree is no text of the document as shown. */
static bool skipped(const char *name)
{
    static const char *const names[] = {
        "del",        "moveFrom",     "delText",   "delInstrText", "pPrChange",  "rPrChange",
        "sectPr",     "tblPrChange",  "trPrChange", "tcPrChange", "tblGridChange", "numberingChange",
        "object",     "tabs",         "sdtEndPr",   "rt",           "customXmlPr", "footnotePr",
        "endnotePr",  "comments",     "framePr",
        "txbxContent"}; /* a text box's content outside any shape (malformed) */
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* ---- text boxes --------------------------------------------------------------------------
 * A text box is a shape (w:drawing's wps:wsp, or VML's w:pict/v:shape) whose
 * w:txbxContent holds paragraphs, anchored in a run of a paragraph.  Its
 * paragraphs are read as the body's, in the document's order at their
 * anchor: before the text of the paragraph they are anchored in (which is
 * set aside meanwhile, and goes on after them), each box whole, box after
 * box.  Nothing else of a shape is text: its alt text (wp:docPr's descr and
 * title, v:shape's alt) and its geometry are left out, and so is a drawing
 * that has no text box (a picture, a chart). */

/* Inside a shape but outside its text box: nothing there is read. */
static bool in_shape_chrome(const dx *d)
{
    return d->nshapes > 0 && !d->shape[d->nshapes - 1].in_box;
}

/* A w:drawing or w:pict starts (not empty).  One in hidden text or in a
 * field's code is not shown; shapes nested deeper than the limit are left
 * out, so that a hostile file's nesting costs bounded state. */
static void shape_begin(dx *d, vn_xml *x)
{
    if (d->nshapes >= SHAPE_MAX_NESTING || !text_visible(d)) {
        vn_xml_skip(x);
        return;
    }
    d->shape[d->nshapes].in_box = false;
    d->shape[d->nshapes++].depth = vn_xml_depth(x);
}

/* The shape's w:txbxContent starts: the paragraph the box is anchored in is
 * set aside, and the box's paragraphs start afresh. */
static void box_begin(dx *d, int depth)
{
    carry_join(d); /* text waiting for the anchor paragraph is the anchor's, not the box's */
    d->shape[d->nshapes - 1].anchor = d->p;
    d->shape[d->nshapes - 1].box_depth = depth;
    d->shape[d->nshapes - 1].in_box = true;
    memset(&d->p, 0, sizeof d->p);
}

/* The box's content ends: the anchor paragraph goes on where it stopped. */
static void box_end(dx *d)
{
    if (d->p.in_para)
        para_end(d); /* a paragraph the box left open (a file cut short) */
    vn_buf_free(&d->p.ptext);
    d->p = d->shape[d->nshapes - 1].anchor;
    d->shape[d->nshapes - 1].in_box = false;
}

/* The end of a part inside shapes (a file cut short): each box's paragraph
 * is written, then the paragraph it was anchored in goes on. */
static void shapes_close(dx *d)
{
    for (; d->nshapes > 0; d->nshapes--)
        if (d->shape[d->nshapes - 1].in_box)
            box_end(d);
    d->nalts = 0;
}

/* Markup compatibility (mc:AlternateContent): Word writes a text box twice,
 * as DrawingML (mc:Choice Requires="wps") and as VML for older readers
 * (mc:Fallback), with the same text.  The first branch is read, the
 * Fallback only when no Choice came before it; the others are skipped. */
static void alt_start(dx *d, vn_xml *x, const char *name, bool empty)
{
    if (strcmp(name, "AlternateContent") == 0) {
        if (empty)
            return;
        if (d->nalts >= ALT_MAX_NESTING)
            vn_xml_skip(x);
        else
            d->alt_taken[d->nalts++] = false;
    } else if (strcmp(name, "Choice") == 0 || strcmp(name, "Fallback") == 0) {
        if (d->nalts == 0 || d->alt_taken[d->nalts - 1])
            vn_xml_skip(x); /* a branch already read, or one outside any choice */
        else
            d->alt_taken[d->nalts - 1] = true;
    }
}

/* ---- content controls and tables of contents ------------------------------------------
 * A content control (w:sdt) that shows its placeholder (w:showingPlcHdr)
 * shows the prompt of an empty field ("Nhấp vào đây để nhập văn bản."),
 * no text of the document: it is left out.  A table of contents repeats
 * the headings with their pages; read, its entries would be headings of
 * the plan twice over.  Its paragraphs are left out, whether it is a TOC
 * field's result (Word's and LibreOffice's) or the content control Word
 * wraps it in (w:docPartGallery "Table of Contents", its title with it). */

/* Elements of w:sdtPr and where a w:sdtContent starts; whether NAME was one. */
static bool sdt_start(dx *d, vn_xml *x, const char *name, bool empty)
{
    char v[VN_DOCX_ID_MAX];
    if (d->sdtpr_depth) {
        if (strcmp(name, "showingPlcHdr") == 0)
            d->sdt_placeholder = vn_docx_on(x);
        else if (strcmp(name, "docPartGallery") == 0 && vn_xml_attr(x, "val", NULL, v, sizeof v))
            d->sdt_toc = strstr(v, "Table of Contents") != NULL;
        return true;
    }
    if (strcmp(name, "sdtPr") == 0) {
        d->sdt_placeholder = d->sdt_toc = false;
        d->sdtpr_depth = empty ? 0 : vn_xml_depth(x);
        return true;
    }
    if (strcmp(name, "sdtContent") == 0) {
        if (!empty && !d->hide_depth && (d->sdt_placeholder || d->sdt_toc)) {
            d->hide_depth = vn_xml_depth(x);
            d->hide_toc = d->sdt_toc;
            d->p.in_toc |= d->p.in_para && d->hide_toc;
        }
        d->sdt_placeholder = d->sdt_toc = false;
    }
    return false;
}

/* A piece of a field's code: the first word of a field inside no table of
 * contents says whether it is one. */
static void instr_text(dx *d, const char *s)
{
    while (vn_is_space((unsigned char)*s))
        s++;
    if (!*s || d->p.fld_named || d->p.fld_depth <= 0)
        return;
    d->p.fld_named = true;
    if (!d->toc_fields && strncmp(s, "TOC", 3) == 0 && (!s[3] || vn_is_space((unsigned char)s[3]))) {
        d->toc_fields = 1;
        d->p.in_toc = true;
    }
}

static void on_start(dx *d, vn_xml *x, const char *name, bool empty)
{
    char v[VN_DOCX_ID_MAX];
    if (in_shape_chrome(d)) {
        if (strcmp(name, "txbxContent") == 0 && !empty)
            box_begin(d, vn_xml_depth(x));
        return;
    }
    if (strcmp(name, "drawing") == 0 || strcmp(name, "pict") == 0) {
        if (!empty)
            shape_begin(d, x);
        return;
    }
    if (sdt_start(d, x, name, empty))
        return;
    if (d->p.in_para && d->p.in_mark && (strcmp(name, "del") == 0 || strcmp(name, "moveFrom") == 0))
        d->p.mark_gone = true; /* (and skipped below) */
    if (skipped(name)) {
        vn_xml_skip(x);
        return;
    }
    if (d->p.in_para) {
        if (d->p.in_ppr) {
            if (strcmp(name, "rPr") == 0)
                d->p.in_mark = !empty; /* the paragraph mark's formatting: its tracked changes and w:vanish */
            else if (d->p.in_mark && strcmp(name, "vanish") == 0)
                d->p.mark_gone |= vn_docx_on(x); /* hidden: Word shows the paragraph joined to the next */
            else if (strcmp(name, "pStyle") == 0)
                vn_xml_attr(x, "val", NULL, d->p.pstyle, sizeof d->p.pstyle);
            else if (strcmp(name, "numId") == 0)
                d->p.p_num_id = vn_docx_int(x, "val", 0);
            else if (strcmp(name, "ilvl") == 0)
                d->p.p_ilvl = vn_docx_int(x, "val", 0);
            else if (strcmp(name, "jc") == 0) {
                vn_xml_attr(x, "val", NULL, v, sizeof v);
                d->p.p_centred = strcmp(v, "center") == 0 ? TRI_ON : TRI_OFF;
            } else if (strcmp(name, "outlineLvl") == 0)
                d->p.p_outline = vn_docx_int(x, "val", 9);
            else if (strcmp(name, "ind") == 0) {
                int left = vn_docx_int(x, "left", INT32_MIN);
                if (left == INT32_MIN)
                    left = vn_docx_int(x, "start", INT32_MIN);
                if (left != INT32_MIN)
                    d->p.indent = left > 0 ? left / 20 : 0; /* twips to points */
            }
            return;
        }
        if (d->p.in_rpr) {
            if (vn_docx_caps(&d->p.r_caps, x, name))
                return;
            if (strcmp(name, "b") == 0)
                d->p.r_bold = vn_docx_on(x) ? TRI_ON : TRI_OFF;
            else if (strcmp(name, "i") == 0)
                d->p.r_italic = vn_docx_on(x) ? TRI_ON : TRI_OFF;
            else if (strcmp(name, "rStyle") == 0)
                vn_xml_attr(x, "val", NULL, d->p.rstyle, sizeof d->p.rstyle);
            else if (strcmp(name, "rFonts") == 0)
                d->p.r_font = vn_docx_rfonts_kind(x);
            else if (strcmp(name, "vanish") == 0)
                d->p.r_hidden = vn_docx_on(x);
            return;
        }
        if (strcmp(name, "pPr") == 0)
            d->p.in_ppr = !empty;
        else if (strcmp(name, "rPr") == 0)
            d->p.in_rpr = !empty;
        else if (strcmp(name, "r") == 0)
            run_reset(d);
        else if (strcmp(name, "t") == 0)
            d->p.in_t = !empty;
        else if (strcmp(name, "instrText") == 0)
            d->p.in_instr = !empty;
        else if (strcmp(name, "tab") == 0)
            para_text(d, "\t", 1);
        else if (strcmp(name, "ptab") == 0)
            para_text(d, " ", 1);
        else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
            vn_xml_attr(x, "type", NULL, v, sizeof v);
            if (strcmp(v, "page") != 0 && strcmp(v, "column") != 0 && text_visible(d))
                vn_buf_putc(&d->p.ptext, '\n');
        } else if (strcmp(name, "noBreakHyphen") == 0)
            para_text(d, "-", 1);
        else if (strcmp(name, "softHyphen") == 0 && (run_font(d) == VN_FONT_TCVN3 ||
                                                     run_font(d) == VN_FONT_TCVN3_CAPS))
            run_font_text(d, "\xC2\xAD"); /* TCVN3's ư is 0xAD, which LibreOffice writes as an optional hyphen */
        else if (strcmp(name, "sym") == 0) {
            char font[32];
            vn_xml_attr(x, "char", NULL, v, sizeof v);
            vn_xml_attr(x, "font", NULL, font, sizeof font);
            long cp = strtol(v, NULL, 16);
            if (cp > 0 && cp < 0x100 && (strstr(font, "Symbol") || strstr(font, "Wingdings")))
                cp += 0xF000;
            if (cp >= 0x20 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
                para_cp(d, (int32_t)cp);
        } else if (strcmp(name, "fldChar") == 0) {
            vn_xml_attr(x, "fldCharType", NULL, v, sizeof v);
            if (strcmp(v, "begin") == 0) {
                if (d->p.fld_depth < FIELD_MAX_NESTING)
                    d->p.fld_code[d->p.fld_depth] = true;
                d->p.fld_depth++;
                d->p.fld_named = false;
                d->toc_fields += d->toc_fields > 0 && d->toc_fields < INT32_MAX;
            } else if (strcmp(v, "separate") == 0 && d->p.fld_depth > 0 && d->p.fld_depth <= FIELD_MAX_NESTING)
                d->p.fld_code[d->p.fld_depth - 1] = false;
            else if (strcmp(v, "end") == 0) {
                d->p.fld_depth -= d->p.fld_depth > 0;
                d->toc_fields -= d->toc_fields > 0; /* (a field may end in a later paragraph than it began) */
            }
        } else if ((strcmp(name, "footnoteReference") == 0 || strcmp(name, "endnoteReference") == 0) &&
                   !d->reading_notes && text_visible(d)) {
            int id = vn_docx_int(x, "id", -1);
            bool endnote = name[0] == 'e';
            note key = {id, endnote, 0, 0};
            const note *found = d->nnotes ? bsearch(&key, d->notes, d->nnotes, sizeof *d->notes, cmp_note) : NULL;
            if (found) {
                note_ref *r = &VN_PUSH_ZERO(d->refs, d->nrefs, d->caprefs);
                r->note = (size_t)(found - d->notes);
                char v2[8];
                if (vn_xml_attr(x, "customMarkFollows", NULL, v2, sizeof v2) && (v2[0] == '1' || v2[0] == 't')) {
                    d->p.custom_mark = true; /* the author typed the mark: it is the run's text */
                } else {
                    /* a writer that lost w:customMarkFollows (AbiWord) keeps
                     * the author's typed mark as plain text, after the
                     * automatic mark in the body and at the start of the note
                     * ("¹1 ngày", "1 Kế hoạch …"): digits opening the note and
                     * glued to the reference are that mark, written once */
                    uint32_t num = ++d->auto_notes;
                    const char *t = d->notes_text.data ? d->notes_text.data + found->off : "";
                    size_t k = 0;
                    while (k < found->len && k < sizeof d->p.typed_mark - 1 && vn_is_digit((unsigned char)t[k]))
                        k++;
                    if (k > 0 && k < found->len && t[k] == ' ') {
                        memcpy(d->p.typed_mark, t, k);
                        d->p.typed_mark[k] = '\0';
                        num = (uint32_t)atoi(d->p.typed_mark);
                        r->typed = (uint8_t)(k + 1);
                    }
                    vn_buf mark = {0};
                    vn_doc_put_superscript(&mark, num);
                    snprintf(r->mark, sizeof r->mark, "%s", vn_buf_cstr(&mark));
                    para_text(d, mark.data, mark.len);
                    vn_buf_free(&mark);
                }
            }
        } else if (strcmp(name, "p") == 0) {
            d->p.para_depth++; /* a paragraph inside a paragraph (malformed): its text joins */
        }
        return;
    }
    if (strcmp(name, "p") == 0) {
        para_begin(d);
        d->p.para_depth = 0;
        if (empty) {
            para_end(d);
        }
        return;
    }
    if (strcmp(name, "tbl") == 0 || strcmp(name, "tr") == 0 || strcmp(name, "tc") == 0)
        carry_flush(d);
    if (strcmp(name, "tbl") == 0 && !empty) {
        if (d->tbl_depth++ == 0) {
            d->row = d->cell = 0;
            d->tbl_borders_set = d->tbl.bordered = false;
            d->tbl_style[0] = '\0';
            d->in_tblpr = d->in_tblborders = false;
        }
    } else if (d->tbl_depth == 1) {
        if (strcmp(name, "tr") == 0) {
            d->row++;
            d->cell = d->span_extra = 0;
        } else if (strcmp(name, "tc") == 0) {
            /* a cell after one merged across columns (w:gridSpan) is numbered
             * by the grid, as ODT numbers its covered cells: a value under
             * "Năm 2035" stays in its column after a "2027 - 2030" cell */
            d->cell += 1 + d->span_extra;
            d->span_extra = 0;
        } else if (strcmp(name, "gridBefore") == 0) {
            /* a row that starts right of the grid's first column (Word
             * writes it when a row's first cells are deleted or merged
             * away): its first cell is numbered by the grid, columns
             * skipped empty, so that its values stay under their years */
            long skip = vn_docx_int(x, "val", 0);
            d->cell = skip > 0 && skip <= VN_DOCX_MAX_SPAN ? (uint32_t)skip : 0;
        } else if (strcmp(name, "gridSpan") == 0) {
            long span = vn_docx_int(x, "val", 1);
            d->span_extra = span > 1 && span <= VN_DOCX_MAX_SPAN ? (uint32_t)(span - 1) : 0;
        } else if (strcmp(name, "tblPr") == 0)
            d->in_tblpr = !empty;
        else if (d->in_tblpr && strcmp(name, "tblStyle") == 0)
            vn_xml_attr(x, "val", NULL, d->tbl_style, sizeof d->tbl_style);
        else if (d->in_tblpr && strcmp(name, "tblBorders") == 0) {
            d->tbl_borders_set = true;
            d->in_tblborders = !empty;
        } else if (d->in_tblborders) {
            vn_xml_attr(x, "val", NULL, v, sizeof v);
            if (!vn_docx_border_none(v))
                d->tbl.bordered = true;
        }
    } else if (d->reading_notes && (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0)) {
        d->in_note = !empty;
        d->note_endnote = name[0] == 'e';
        d->note_id = vn_docx_int(x, "id", -1);
        vn_xml_attr(x, "type", NULL, v, sizeof v);
        d->note_skip = v[0] && strcmp(v, "normal") != 0; /* separators */
        d->note_start = d->notes_text.len;
    }
}

static void on_end(dx *d, const char *name, int depth)
{
    if (d->sdtpr_depth) {
        if (depth == d->sdtpr_depth)
            d->sdtpr_depth = 0;
        return;
    }
    if (depth == d->hide_depth)
        d->hide_depth = 0;
    if (d->nshapes > 0) {
        if (in_shape_chrome(d)) {
            if (depth == d->shape[d->nshapes - 1].depth)
                d->nshapes--; /* the shape's end */
            return;
        }
        if (strcmp(name, "txbxContent") == 0 && depth == d->shape[d->nshapes - 1].box_depth) {
            box_end(d);
            return;
        }
    }
    if (d->p.in_para) {
        if (strcmp(name, "p") == 0) {
            if (d->p.para_depth > 0)
                d->p.para_depth--;
            else
                para_end(d);
        } else if (strcmp(name, "pPr") == 0)
            d->p.in_ppr = false;
        else if (strcmp(name, "rPr") == 0)
            d->p.in_rpr = d->p.in_mark = false;
        else if (strcmp(name, "t") == 0)
            d->p.in_t = false;
        else if (strcmp(name, "instrText") == 0)
            d->p.in_instr = false;
        else if (strcmp(name, "r") == 0)
            run_reset(d);
        return;
    }
    if (strcmp(name, "tbl") == 0 && d->tbl_depth > 0) {
        carry_flush(d);
        if (--d->tbl_depth == 0) {
            if (!d->tbl_borders_set) {
                /* no borders of its own: its style's, and no style draws none */
                int b = vn_docx_style_borders(&d->st, d->tbl_style);
                d->tbl.bordered = b == TRI_ON;
            }
            vn_table_write(&d->tbl, d->out, ++d->tables, d->seen_heading);
        }
    } else if (d->tbl_depth == 1 && strcmp(name, "tblPr") == 0)
        d->in_tblpr = false;
    else if (d->tbl_depth == 1 && strcmp(name, "tblBorders") == 0)
        d->in_tblborders = false;
    else if (d->reading_notes && d->in_note && (strcmp(name, "footnote") == 0 || strcmp(name, "endnote") == 0)) {
        d->in_note = false;
        if (!d->note_skip && d->nnotes < MAX_NOTES) {
            note *n = &VN_PUSH(d->notes, d->nnotes, d->capnotes);
            n->id = d->note_id;
            n->endnote = d->note_endnote;
            n->off = d->note_start;
            n->len = d->notes_text.len - d->note_start;
        }
    }
}

/* One node of a part (vn_doc_walk). */
static void walk_node(void *reader, vn_xml *x)
{
    dx *d = reader;
    int type = vn_xml_type(x);
    if (type == XML_READER_TYPE_ELEMENT) {
        const char *ns = vn_xml_ns(x);
        if (!vn_docx_ns(ns)) {
            if (strcmp(ns, NS_MC) == 0)
                alt_start(d, x, vn_xml_name(x), vn_xml_empty(x));
            return;
        }
        const char *name = vn_xml_name(x);
        bool empty = vn_xml_empty(x);
        on_start(d, x, name, empty);
        if (empty && x->skip_depth < 0)
            on_end(d, name, vn_xml_depth(x));
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
        const char *ns = vn_xml_ns(x);
        if (vn_docx_ns(ns))
            on_end(d, vn_xml_name(x), vn_xml_depth(x));
        else if (strcmp(ns, NS_MC) == 0 && strcmp(vn_xml_name(x), "AlternateContent") == 0 && d->nalts > 0)
            d->nalts--;
    } else if (d->p.in_t && !in_shape_chrome(d) && vn_xml_is_text(type)) {
        run_font_text(d, vn_xml_value(x));
    } else if (d->p.in_instr && !in_shape_chrome(d) && vn_xml_is_text(type)) {
        instr_text(d, vn_xml_value(x));
    }
}

static size_t walk_largest(const void *reader)
{
    const dx *d = reader;
    size_t n = d->out->text.len > d->p.ptext.len ? d->out->text.len : d->p.ptext.len;
    return n > d->tbl.text.len ? n : d->tbl.text.len;
}

static void walk_end(void *reader)
{
    dx *d = reader;
    shapes_close(d);
    if (d->p.in_para)
        para_end(d);
    carry_flush(d);
    vn_table_write_open(&d->tbl, &d->tbl_depth, d->out, &d->tables, d->seen_heading);
}

/* Reads one part: the body of document.xml, or the notes of footnotes.xml. */
static vnplan_status walk(dx *d, const vn_buf *xml, const char *part)
{
    static const vn_doc_walker walker = {"DOCX", walk_node, walk_largest, walk_end};
    return vn_doc_walk(&walker, d, xml->data, xml->len, part, d->err);
}

/* The notes the body referred to, after the body, in the order of their marks. */
static void write_notes(void *reader)
{
    dx *d = reader;
    for (size_t i = 0; i < d->nrefs; i++) {
        const note *n = &d->notes[d->refs[i].note];
        /* (the space Word puts after the note's own mark is left out) */
        size_t skip = d->refs[i].typed;
        vn_doc_write_note(d->out, d->refs[i].mark, d->notes_text.data + n->off + skip, n->len - skip,
                          d->refs[i].para);
    }
}

static void dx_free(void *reader)
{
    dx *d = reader;
    free(d->st.v);
    vn_numbering_free(d->nb);
    vn_buf_free(&d->p.ptext);
    vn_buf_free(&d->carry);
    for (int i = 0; i < d->nshapes; i++)
        if (d->shape[i].in_box)
            vn_buf_free(&d->shape[i].anchor.ptext);
    vn_table_free(&d->tbl);
    vn_buf_free(&d->notes_text);
    free(d->notes);
    free(d->refs);
    vn_legacy_fonts_free(&d->fonts);
}

/* The parts, in the order each needs the one before: the numbering and the
 * styles a paragraph refers to, the notes the body refers to, the body. */
static vnplan_status read_parts(void *reader, vn_zip *z, vn_buf *part, vn_error *err)
{
    dx *d = reader;
    bool found = false;
    vnplan_status st = vn_zip_read(z, "word/numbering.xml", part, &found, err);
    if (st == VNPLAN_OK && found)
        st = vn_numbering_parse(part->data, part->len, &d->nb, err);
    if (st == VNPLAN_OK)
        st = vn_zip_read(z, "word/styles.xml", part, &found, err);
    if (st == VNPLAN_OK && found)
        st = vn_docx_styles_read(&d->st, part, d->nb, err);
    d->reading_notes = true;
    static const char *const note_parts[] = {"word/footnotes.xml", "word/endnotes.xml"};
    for (size_t i = 0; i < 2 && st == VNPLAN_OK; i++) {
        st = vn_zip_read(z, note_parts[i], part, &found, err);
        if (st == VNPLAN_OK && found)
            st = walk(d, part, note_parts[i]);
    }
    d->reading_notes = false;
    if (d->nnotes)
        qsort(d->notes, d->nnotes, sizeof *d->notes, cmp_note);
    if (st == VNPLAN_OK) {
        st = vn_zip_read(z, "word/document.xml", part, &found, err);
        if (st == VNPLAN_OK && !found)
            st = vn_fail(err, VNPLAN_ERR_BINARY,
                         "DOCX file: no word/document.xml in the archive (not a Word document, or a damaged one)");
    }
    if (st == VNPLAN_OK)
        st = walk(d, part, "word/document.xml");
    return st;
}

vnplan_status vn_read_docx(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    static const vn_doc_package docx = {"DOCX", read_parts, write_notes, dx_free};
    dx d = {.out = out, .err = err};
    return vn_doc_read_package(&docx, &d, p, n, err);
}
