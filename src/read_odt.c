/* read_odt.c — an OpenDocument text (ODT) as source lines (source.h).
 *
 * What is read: content.xml, its text:h and text:p in order (those of
 * tables, lists and sections too), with what their styles say (bold,
 * centring, capitals: text_caps) from content.xml's automatic styles and
 * styles.xml's common ones; the numbering of text:list computed from its text:list-style
 * (number formats 1 I i A a, prefix and suffix, display-levels, start-value,
 * continue-numbering and continue-list, list headers without a number,
 * bullets); notes (text:note) after the body, each referred to by a
 * superscript mark where it stood.  Tracked changes are read as accepted:
 * the text:tracked-changes region (where deleted text is kept) is left out.
 *
 * The paragraphs of text frames (draw:text-box) and of shapes are read at
 * their anchor, before the text of the paragraph they are anchored in (see
 * "frames and text boxes" below).
 *
 * Left out: page headers and footers (styles.xml's master pages), pictures,
 * objects and every shape's alt text, annotations, a table of contents
 * (its entries would be the headings twice), a placeholder's prompt.
 * Tables are laid out as docread.c decides, as for DOCX. */
#include "docread.h"
#include "docx_numbering.h"
#include "read_legacy.h"
#include "source.h"
#include "unzip.h"
#include "utf8.h"
#include "xmlread.h"

#include <stdio.h>
#include <stdlib.h>

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_LOEXT "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
#define NS_XML "http://www.w3.org/XML/1998/namespace"
#define NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_DR3D "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"

#define NAME_MAX_BYTES 64
#define ODT_LEVELS 10          /* list levels 1..10 */
#define ODT_MAX_STYLES 50000   /* styles of both parts */
#define ODT_MAX_LISTS 10000    /* outermost lists whose numbering is followed */
#define LIST_MAX_NESTING 32    /* lists inside lists tracked this deep (deeper: the deepest level) */
#define SPAN_MAX_NESTING 32    /* spans inside spans tracked this deep */
#define SPACES_MAX 1000        /* text:s text:c= honoured up to this many */
#define STYLE_MAX_HOPS 16      /* parent-style-name chain followed this far */
#define OUTLINE_STYLE "#outline" /* the outline style's name here ('#' is in no style name) */
#define DEFAULT_STYLE "#default" /* the paragraphs' style:default-style */
#define ODT_MAX_FONT_FACES 256 /* style:font-face declarations kept (real files have a few dozen) */
#define SHAPE_MAX_NESTING 8    /* frames and shapes in text boxes read this deep; deeper left out */

enum { TRI_UNSET = -1, TRI_OFF = 0, TRI_ON = 1 };
enum { LV_NONE, LV_NUMBER, LV_BULLET };

typedef struct list_level {
    uint8_t kind;
    char format[8];               /* style:num-format: 1 I i A a, "" none */
    char prefix[16], suffix[16];
    char lo_format[48];           /* loext:num-list-format ("%2%.%3%."), when given */
    char bullet[8];
    int display, start;
} list_level;

typedef struct ostyle {
    char name[NAME_MAX_BYTES], parent[NAME_MAX_BYTES], list_style[NAME_MAX_BYTES];
    bool is_list;                 /* a text:list-style (levels below), else a style:style */
    int8_t bold, italic, centred, bordered, caps; /* TRI_*; caps: its text shown in capitals */
    int8_t font;                  /* vn_font_kind of its text, TRI_UNSET when it names none */
    list_level *levels;           /* ODT_LEVELS of them, for a list style */
} ostyle;

typedef struct chain {
    char style[NAME_MAX_BYTES];
    int counter[ODT_LEVELS];
    bool counted[ODT_LEVELS];
} chain;

/* An outermost list read so far: its xml:id and style, and the chain it counts in. */
typedef struct list_id {
    char id[NAME_MAX_BYTES], style[NAME_MAX_BYTES];
    size_t chain;
} list_id;

/* The paragraph being read and the list it stands in: set aside while the
 * paragraphs (and lists) of a text box anchored in it are read. */
typedef struct para_state {
    /* lists: the chain of the outermost list, the open items */
    int list_depth;
    size_t cur_chain;
    char list_style[NAME_MAX_BYTES];
    int item_depth;                    /* list items open */
    bool item_first_pending[LIST_MAX_NESTING + 1];
    bool item_header[LIST_MAX_NESTING + 1];
    int item_start[LIST_MAX_NESTING + 1]; /* text:start-value, or -1 */

    /* the paragraph */
    bool in_para;
    int para_nesting;                  /* paragraphs inside this one (notes, malformed nesting) */
    vn_buf ptext;
    char pstyle[NAME_MAX_BYTES];
    bool is_heading, any_text, all_bold, all_italic;
    int span_depth;
    int8_t span_bold[SPAN_MAX_NESTING], span_italic[SPAN_MAX_NESTING], span_font[SPAN_MAX_NESTING];
    int8_t span_caps[SPAN_MAX_NESTING];
    char label[VN_NUM_LABEL_MAX];
    size_t label_len;
    int level;
    size_t first_note; /* the notes it refers to are the notes from this one on (a text box's among them) */
} para_state;

typedef struct od {
    vn_source *out;
    vn_error *err;
    ostyle *st;
    size_t nst, capst;
    bool sorted;
    bool in_auto_styles_of_styles_xml;
    ostyle *cur_style;
    /* office:font-face-decls: a style names a font by its declaration */
    struct font_face {
        char name[NAME_MAX_BYTES];
        int8_t kind; /* vn_font_kind of its family */
    } *faces;
    size_t nfaces, capfaces;
    vn_legacy_fonts fonts; /* tables for text typed in a legacy font */

    /* lists: the chain of the outermost list, the open items */
    chain *chains;
    size_t nchains, capchains;
    list_id *ids;
    size_t nids, capids;
    size_t outline_chain;              /* headings numbered by the outline style count here */
    bool have_outline_chain;
    para_state p;                      /* the paragraph being read, the list it stands in */

    /* notes */
    int note_depth;                    /* inside text:note-body */
    vn_buf notes;                      /* the notes' text, each note's paragraphs separated by '\n' */
    size_t *note_off;                  /* where each note starts in notes */
    uint32_t *note_para;               /* the body's paragraph that refers to it: the note's location
                                          (0 until that paragraph ends) */
    size_t nnotes, capnotes, capnote_para;

    uint32_t body_paras;
    bool seen_heading;
    int tbl_depth;
    uint32_t row, cell;
    vn_table tbl;
    uint16_t tables;

    /* frames and shapes being read, innermost last: outside their text (a
     * frame's draw:text-box, a shape's own paragraphs) nothing is read;
     * inside it, the paragraphs are read as the body's, the paragraph they
     * are anchored in set aside meanwhile */
    int nshapes;
    struct {
        int depth, box_depth; /* of the frame or shape, and of the element holding its text */
        bool in_box;          /* its text is being read */
        para_state anchor;    /* in_box: the paragraph it is anchored in */
    } shape[SHAPE_MAX_NESTING];
} od;

/* ---- styles ---------------------------------------------------------------------- */

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const ostyle *)a)->name, ((const ostyle *)b)->name);
}

/* Styles are sorted by name once the body starts, and looked up by
 * bisection: a hostile file's thousands of styles cost no quadratic time. */
static void sort_styles(od *d)
{
    if (d->sorted)
        return;
    if (d->nst)
        qsort(d->st, d->nst, sizeof *d->st, cmp_style);
    d->sorted = true;
}

static const ostyle *find_style(const od *d, const char *name, bool list)
{
    if (!name[0] || !d->sorted)
        return NULL;
    size_t lo = 0, hi = d->nst;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->st[mid].name, name);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* among equal names, the one of the wanted kind */
    for (size_t i = lo; i < d->nst && strcmp(d->st[i].name, name) == 0; i++)
        if (d->st[i].is_list == list)
            return &d->st[i];
    return NULL;
}

#define OSTYLE_LOOKUP(NAME, FIELD)                                                                        \
    static int NAME(const od *d, const char *name)                                                        \
    {                                                                                                     \
        const ostyle *s = find_style(d, name, false);                                                     \
        for (int hop = 0; s && hop < STYLE_MAX_HOPS; hop++, s = find_style(d, s->parent, false))          \
            if (s->FIELD != TRI_UNSET)                                                                    \
                return s->FIELD;                                                                          \
        return TRI_UNSET;                                                                                 \
    }
OSTYLE_LOOKUP(style_bold, bold)
OSTYLE_LOOKUP(style_italic, italic)
OSTYLE_LOOKUP(style_centred, centred)
OSTYLE_LOOKUP(style_font, font)
OSTYLE_LOOKUP(style_caps, caps)

static const char *style_list(const od *d, const char *name)
{
    const ostyle *s = find_style(d, name, false);
    for (int hop = 0; s && hop < STYLE_MAX_HOPS; hop++, s = find_style(d, s->parent, false))
        if (s->list_style[0])
            return s->list_style;
    return "";
}

static bool attr(const vn_xml *x, const char *local, const char *ns, char *buf, size_t size)
{
    return vn_xml_attr(x, local, ns, buf, size);
}

static int attr_int(const vn_xml *x, const char *local, const char *ns, int dflt)
{
    char v[32];
    if (!attr(x, local, ns, v, sizeof v))
        return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    return end == v ? dflt : n < -1000000 ? -1000000 : n > 1000000 ? 1000000 : (int)n;
}

/* A style:font-face: its name, and the kind of its family. */
static void read_font_face(od *d, const vn_xml *x)
{
    char family[NAME_MAX_BYTES];
    if (d->nfaces >= ODT_MAX_FONT_FACES)
        return;
    struct font_face *f = &VN_PUSH_ZERO(d->faces, d->nfaces, d->capfaces);
    attr(x, "name", NS_STYLE, f->name, sizeof f->name);
    if (!attr(x, "font-family", NS_SVG, family, sizeof family))
        snprintf(family, sizeof family, "%s", f->name);
    f->kind = (int8_t)vn_legacy_font(family, strlen(family));
}

/* The vn_font_kind of a style:text-properties, TRI_UNSET when it names no
 * font: style:font-name through its declaration (or, undeclared, the name
 * itself), or fo:font-family. */
static int8_t text_font(const od *d, const vn_xml *x)
{
    char v[NAME_MAX_BYTES];
    if (attr(x, "font-name", NS_STYLE, v, sizeof v)) {
        for (size_t i = d->nfaces; i-- > 0;)
            if (strcmp(d->faces[i].name, v) == 0)
                return d->faces[i].kind;
        return (int8_t)vn_legacy_font(v, strlen(v));
    }
    if (attr(x, "font-family", NS_FO, v, sizeof v))
        return (int8_t)vn_legacy_font(v, strlen(v));
    return TRI_UNSET;
}

/* Text set in capitals by a style:text-properties (fo:text-transform
 * "uppercase", or fo:font-variant "small-caps": capitals small for its
 * lower-case letters, read as capitals all the same) is shown and printed
 * in capitals whatever case it was typed in, as LibreOffice's heading
 * styles may set it: "Mục tiêu" typed in such a heading is MỤC TIÊU. */
static void text_caps(int8_t *caps, const vn_xml *x)
{
    char v[NAME_MAX_BYTES];
    if (attr(x, "font-variant", NS_FO, v, sizeof v))
        *caps = strcmp(v, "small-caps") == 0 ? TRI_ON : TRI_OFF;
    if (attr(x, "text-transform", NS_FO, v, sizeof v) && *caps != TRI_ON)
        *caps = strcmp(v, "uppercase") == 0 ? TRI_ON : TRI_OFF;
}

/* A style element (style:style, text:list-style and its levels, the
 * properties).  True when the element was one. */
static bool read_style_element(od *d, vn_xml *x, const char *ns, const char *name)
{
    char v[64];
    bool is_text = strcmp(ns, NS_TEXT) == 0, is_style = strcmp(ns, NS_STYLE) == 0;
    if (is_style && strcmp(name, "font-face") == 0) {
        read_font_face(d, x);
        return true;
    }
    /* the paragraphs' defaults, as a style that every chain ends in (style_font) */
    bool paragraph_defaults = is_style && strcmp(name, "default-style") == 0 &&
                              attr(x, "family", NS_STYLE, v, sizeof v) && strcmp(v, "paragraph") == 0;
    if ((is_style && strcmp(name, "style") == 0) || paragraph_defaults ||
        (is_text && (strcmp(name, "list-style") == 0 || strcmp(name, "outline-style") == 0))) {
        if (d->nst >= ODT_MAX_STYLES) {
            d->cur_style = NULL;
            return true;
        }
        ostyle *s = &VN_PUSH_ZERO(d->st, d->nst, d->capst);
        s->bold = s->italic = s->centred = s->bordered = s->caps = s->font = TRI_UNSET;
        attr(x, "name", NS_STYLE, s->name, sizeof s->name);
        if (paragraph_defaults)
            snprintf(s->name, sizeof s->name, "%s", DEFAULT_STYLE);
        else if (is_style) {
            attr(x, "parent-style-name", NS_STYLE, s->parent, sizeof s->parent);
            attr(x, "list-style-name", NS_STYLE, s->list_style, sizeof s->list_style);
        } else {
            s->is_list = true;
            if (strcmp(name, "outline-style") == 0)
                snprintf(s->name, sizeof s->name, "%s", OUTLINE_STYLE);
            s->levels = vn_xcalloc(ODT_LEVELS, sizeof *s->levels);
        }
        d->sorted = false;
        d->cur_style = vn_xml_empty(x) ? NULL : s;
        return true;
    }
    ostyle *s = d->cur_style;
    if (!s)
        return false;
    if (s->is_list && is_text &&
        (strcmp(name, "list-level-style-number") == 0 || strcmp(name, "outline-level-style") == 0 ||
         strcmp(name, "list-level-style-bullet") == 0 || strcmp(name, "list-level-style-image") == 0)) {
        int lv = attr_int(x, "level", NS_TEXT, 1) - 1;
        if (lv < 0 || lv >= ODT_LEVELS)
            return true;
        list_level *l = &s->levels[lv];
        memset(l, 0, sizeof *l);
        l->display = 1;
        l->start = 1;
        attr(x, "num-prefix", NS_STYLE, l->prefix, sizeof l->prefix);
        attr(x, "num-suffix", NS_STYLE, l->suffix, sizeof l->suffix);
        if (strcmp(name, "list-level-style-bullet") == 0 || strcmp(name, "list-level-style-image") == 0) {
            l->kind = LV_BULLET;
            if (!attr(x, "bullet-char", NS_TEXT, l->bullet, sizeof l->bullet))
                snprintf(l->bullet, sizeof l->bullet, "•");
        } else {
            l->kind = LV_NUMBER;
            attr(x, "num-format", NS_STYLE, l->format, sizeof l->format);
            attr(x, "num-list-format", NS_LOEXT, l->lo_format, sizeof l->lo_format);
            l->display = attr_int(x, "display-levels", NS_TEXT, 1);
            l->start = attr_int(x, "start-value", NS_TEXT, 1);
        }
        return true;
    }
    if (!s->is_list && is_style) {
        if (strcmp(name, "paragraph-properties") == 0 && attr(x, "text-align", NS_FO, v, sizeof v))
            s->centred = strcmp(v, "center") == 0 ? TRI_ON : TRI_OFF;
        else if (strcmp(name, "text-properties") == 0) {
            if (attr(x, "font-weight", NS_FO, v, sizeof v))
                s->bold = strcmp(v, "bold") == 0 || atoi(v) >= 600 ? TRI_ON : TRI_OFF;
            if (attr(x, "font-style", NS_FO, v, sizeof v))
                s->italic = strcmp(v, "italic") == 0 || strcmp(v, "oblique") == 0 ? TRI_ON : TRI_OFF;
            s->font = text_font(d, x);
            text_caps(&s->caps, x);
        } else if (strcmp(name, "table-cell-properties") == 0) {
            static const char *const sides[] = {"border", "border-top", "border-bottom", "border-left", "border-right"};
            for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++)
                if (attr(x, sides[i], NS_FO, v, sizeof v)) {
                    bool none = strcmp(v, "none") == 0 || strncmp(v, "0pt", 3) == 0 || strncmp(v, "0in", 3) == 0;
                    if (!none)
                        s->bordered = TRI_ON;
                    else if (s->bordered == TRI_UNSET)
                        s->bordered = TRI_OFF;
                }
        }
        return true;
    }
    return false;
}

/* ---- lists --------------------------------------------------------------------------- */

static size_t new_chain(od *d, const char *style)
{
    chain *c = &VN_PUSH_ZERO(d->chains, d->nchains, d->capchains);
    snprintf(c->style, sizeof c->style, "%s", style);
    return d->nchains - 1;
}

/* An outermost text:list starts: the chain of lists whose numbering it continues. */
static void list_begin(od *d, vn_xml *x)
{
    char id[NAME_MAX_BYTES], cont[NAME_MAX_BYTES], v[16];
    attr(x, "style-name", NS_TEXT, d->p.list_style, sizeof d->p.list_style);
    attr(x, "id", NS_XML, id, sizeof id);
    size_t c = (size_t)-1;
    if (attr(x, "continue-list", NS_TEXT, cont, sizeof cont)) {
        for (size_t i = d->nids; i-- > 0;)
            if (strcmp(d->ids[i].id, cont) == 0) {
                c = d->ids[i].chain;
                break;
            }
        /* LibreOffice names lists it wrote without an xml:id: the one meant
         * is the latest list that has none */
        for (size_t i = d->nids; c == (size_t)-1 && i-- > 0;)
            if (!d->ids[i].id[0])
                c = d->ids[i].chain;
    } else if (attr(x, "continue-numbering", NS_TEXT, v, sizeof v) && strcmp(v, "true") == 0) {
        /* the last list of the same list style goes on */
        for (size_t i = d->nids; i-- > 0;)
            if (strcmp(d->ids[i].style, d->p.list_style) == 0) {
                c = d->ids[i].chain;
                break;
            }
    }
    if (c == (size_t)-1) {
        if (d->nchains >= ODT_MAX_LISTS)
            c = d->nchains - 1; /* past the limit, lists share the last numbering */
        else
            c = new_chain(d, d->p.list_style);
    }
    d->p.cur_chain = c;
    if (d->nids < ODT_MAX_LISTS) {
        list_id *li = &VN_PUSH(d->ids, d->nids, d->capids);
        snprintf(li->id, sizeof li->id, "%s", id);
        snprintf(li->style, sizeof li->style, "%s", d->p.list_style);
        li->chain = c;
    }
}

static void append_number(const list_level *l, int value, char *buf, size_t size, size_t *len)
{
    static const struct {
        const char *odf, *word;
    } fmts[] = {{"1", "decimal"}, {"I", "upperRoman"}, {"i", "lowerRoman"}, {"A", "upperLetter"}, {"a", "lowerLetter"}};
    if (!l->format[0] || *len + 1 >= size)
        return;
    const char *word = "decimal";
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        if (strcmp(l->format, fmts[i].odf) == 0)
            word = fmts[i].word;
    *len += vn_numbering_format(word, value, buf + *len, size - *len);
}

static void append_str(const char *s, char *buf, size_t size, size_t *len)
{
    size_t n = strlen(s);
    if (*len + n + 1 > size)
        n = size - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

/* Counts a numbered paragraph at level lv of chain ci, numbered by list
 * style ls, and writes its label. */
static void number_paragraph(od *d, const ostyle *ls, size_t ci, int lv, int start_value)
{
    d->p.label_len = 0;
    d->p.label[0] = '\0';
    if (ci >= d->nchains || lv < 0)
        return; /* an item outside any list (malformed): no number */
    chain *c = &d->chains[ci];
    if (lv >= ODT_LEVELS)
        lv = ODT_LEVELS - 1;
    const list_level *l = ls ? &ls->levels[lv] : NULL;
    if (start_value >= 0)
        c->counter[lv] = start_value;
    else if (c->counted[lv])
        c->counter[lv]++;
    else
        c->counter[lv] = l ? l->start : 1;
    c->counted[lv] = true;
    for (int k = lv + 1; k < ODT_LEVELS; k++)
        c->counted[k] = false;
    d->p.label_len = 0;
    d->p.label[0] = '\0';
    d->p.level = lv;
    if (!l || l->kind == LV_NONE)
        return;
    size_t len = 0;
    char *buf = d->p.label;
    size_t size = sizeof d->p.label;
    buf[0] = '\0';
    if (l->kind == LV_BULLET) {
        /* the bullet alone: LibreOffice copies Word's lvlText ("-") into
         * the suffix of a bullet level, where it shows nothing */
        append_str(l->bullet, buf, size, &len);
    } else if (l->lo_format[0]) {
        /* LibreOffice's own format string: %N% is level N's number */
        for (const char *t = l->lo_format; *t && len + 1 < size; t++) {
            if (t[0] == '%' && t[1] >= '1' && t[1] <= '9' && t[2] == '%') {
                int k = t[1] - '1';
                const list_level *r = &ls->levels[k];
                append_number(r, c->counted[k] ? c->counter[k] : r->start, buf, size, &len);
                t += 2;
            } else if (t[0] == '%' && t[1] == '1' && t[2] == '0' && t[3] == '%') {
                const list_level *r = &ls->levels[9];
                append_number(r, c->counted[9] ? c->counter[9] : r->start, buf, size, &len);
                t += 3;
            } else {
                buf[len++] = *t;
                buf[len] = '\0';
            }
        }
    } else if (l->format[0] || l->prefix[0] || l->suffix[0]) {
        append_str(l->prefix, buf, size, &len);
        int first = lv - (l->display > 1 ? l->display : 1) + 1;
        for (int k = first < 0 ? 0 : first; k <= lv; k++) {
            const list_level *r = &ls->levels[k];
            if (k > first && k > 0)
                append_str(".", buf, size, &len);
            append_number(r, c->counted[k] ? c->counter[k] : r->start, buf, size, &len);
        }
        append_str(l->suffix, buf, size, &len);
    }
    while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
        buf[--len] = '\0';
    d->p.label_len = len;
}

/* ---- paragraphs ------------------------------------------------------------------------ */

static void put_text(od *d, const char *s, size_t n)
{
    if (d->note_depth > 0) {
        vn_buf_put(&d->notes, s, n);
        return;
    }
    if (!d->p.in_para || n == 0)
        return;
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = vn_is_space((unsigned char)s[i]);
    if (!blank) {
        int b = TRI_UNSET, it = TRI_UNSET;
        for (int k = (d->p.span_depth < SPAN_MAX_NESTING ? d->p.span_depth : SPAN_MAX_NESTING); k-- > 0;) {
            if (b == TRI_UNSET)
                b = d->p.span_bold[k];
            if (it == TRI_UNSET)
                it = d->p.span_italic[k];
        }
        if (b == TRI_UNSET)
            b = style_bold(d, d->p.pstyle);
        if (it == TRI_UNSET)
            it = style_italic(d, d->p.pstyle);
        d->p.any_text = true;
        d->p.all_bold &= b == TRI_ON;
        d->p.all_italic &= it == TRI_ON;
    }
    vn_buf_put(&d->p.ptext, s, n);
}

/* Text as ODF reads it: a run of white space is one space (text:s
 * writes the spaces that count). */
static void put_xml_text(od *d, const char *s)
{
    while (*s) {
        size_t n = 0;
        while (s[n] && !vn_is_space((unsigned char)s[n]))
            n++;
        put_text(d, s, n);
        s += n;
        if (*s) {
            put_text(d, " ", 1);
            while (vn_is_space((unsigned char)*s))
                s++;
        }
    }
}

/* The vn_font_kind of the text being read: its innermost span's that names
 * a font, else its paragraph style's, else the paragraphs' default. */
static vn_font_kind text_font_kind(const od *d)
{
    for (int k = (d->p.span_depth < SPAN_MAX_NESTING ? d->p.span_depth : SPAN_MAX_NESTING); k-- > 0;)
        if (d->p.span_font[k] != TRI_UNSET)
            return (vn_font_kind)d->p.span_font[k];
    int f = style_font(d, d->p.pstyle);
    if (f == TRI_UNSET)
        f = style_font(d, DEFAULT_STYLE);
    return f == TRI_UNSET ? VN_FONT_UNICODE : (vn_font_kind)f;
}

/* Is the text being read set in capitals: by its innermost span that says,
 * else by its paragraph's style (text_caps)? */
static bool text_caps_on(const od *d)
{
    for (int k = (d->p.span_depth < SPAN_MAX_NESTING ? d->p.span_depth : SPAN_MAX_NESTING); k-- > 0;)
        if (d->p.span_caps[k] != TRI_UNSET)
            return d->p.span_caps[k] == TRI_ON;
    return style_caps(d, d->p.pstyle) == TRI_ON;
}

/* A text node: typed in a legacy font, decoded first (read_legacy.c), the
 * paragraph so far telling TCVN3's capitals. */
static void put_run_text(od *d, const char *s)
{
    vn_buf dec = {0};
    bool in_note = d->note_depth > 0;
    const vn_buf *before = in_note ? &d->notes : &d->p.ptext;
    if (vn_legacy_fonts_decode(&d->fonts, text_font_kind(d), before->data, before->len, s, strlen(s), &dec))
        s = vn_buf_cstr(&dec);
    vn_buf up = {0};
    if (text_caps_on(d)) {
        vn_doc_put_upper(&up, s, strlen(s));
        s = vn_buf_cstr(&up);
    }
    put_xml_text(d, s);
    vn_buf_free(&up);
    vn_buf_free(&dec);
}

static void para_begin(od *d, vn_xml *x, bool heading)
{
    d->p.in_para = true;
    d->p.para_nesting = 0;
    vn_buf_clear(&d->p.ptext);
    attr(x, "style-name", NS_TEXT, d->p.pstyle, sizeof d->p.pstyle);
    d->p.is_heading = heading;
    d->p.any_text = false;
    d->p.all_bold = d->p.all_italic = true;
    d->p.span_depth = 0;
    d->p.label_len = 0;
    d->p.level = 0;
    d->p.first_note = d->nnotes;
    /* the first paragraph of a list item carries the item's number */
    if (d->p.item_depth > 0) {
        int k = d->p.item_depth < LIST_MAX_NESTING ? d->p.item_depth : LIST_MAX_NESTING;
        char h[8];
        bool header = attr(x, "is-list-header", NS_TEXT, h, sizeof h) && strcmp(h, "true") == 0;
        if (d->p.item_first_pending[k] && !d->p.item_header[k] && !header) {
            const char *ls = d->p.list_style[0] ? d->p.list_style : style_list(d, d->p.pstyle);
            int start = d->p.item_start[k];
            char v[8];
            /* LibreOffice writes a restart on the paragraph itself */
            if (start < 0 && attr(x, "restart-numbering", NS_TEXT, v, sizeof v) && strcmp(v, "true") == 0)
                start = attr_int(x, "start-value", NS_TEXT, 1);
            number_paragraph(d, find_style(d, ls, true), d->p.cur_chain, d->p.list_depth - 1, start);
        }
        d->p.item_first_pending[k] = false;
    }
    if (heading) {
        char v[8];
        if (d->p.item_depth == 0 && !(attr(x, "is-list-header", NS_TEXT, v, sizeof v) && strcmp(v, "true") == 0)) {
            /* a heading outside lists: the outline numbering, if it numbers */
            int lv = attr_int(x, "outline-level", NS_TEXT, 1) - 1;
            const ostyle *outline = find_style(d, OUTLINE_STYLE, true);
            if (outline && lv >= 0 && lv < ODT_LEVELS && outline->levels[lv].kind != LV_NONE &&
                (outline->levels[lv].format[0] || outline->levels[lv].prefix[0] || outline->levels[lv].suffix[0])) {
                if (!d->have_outline_chain) {
                    d->outline_chain = new_chain(d, OUTLINE_STYLE);
                    d->have_outline_chain = true;
                }
                number_paragraph(d, outline, d->outline_chain, lv, -1);
            }
        }
    }
}

static void para_end(od *d)
{
    d->p.in_para = false;
    uint32_t flags = VN_SRC_PARA;
    if (d->p.any_text && d->p.all_bold)
        flags |= VN_SRC_BOLD;
    if (d->p.any_text && d->p.all_italic)
        flags |= VN_SRC_ITALIC;
    if (style_centred(d, d->p.pstyle) == TRI_ON)
        flags |= VN_SRC_CENTRED;
    if (d->p.is_heading)
        flags |= VN_SRC_HEADING;
    if (d->p.label_len)
        flags |= VN_SRC_LABEL;
    d->body_paras++;
    /* its notes are located here; those of a text box anchored in it were
     * located at the box's paragraphs, which ended before it */
    for (size_t i = d->p.first_note; i < d->nnotes; i++)
        if (!d->note_para[i])
            d->note_para[i] = d->body_paras;
    if (d->tbl_depth > 0) {
        vn_table_add(&d->tbl, d->row, d->cell, flags, d->body_paras, d->p.label, d->p.label_len, d->p.ptext.data,
                     d->p.ptext.len);
        return;
    }
    if ((d->p.label_len && !vn_doc_bullet_label(d->p.label, d->p.label_len)) || d->p.is_heading)
        d->seen_heading = true;
    vn_buf line = {0};
    if (d->p.label_len) {
        vn_buf_put(&line, d->p.label, d->p.label_len);
        if (d->p.ptext.len)
            vn_buf_putc(&line, ' ');
    }
    vn_buf_put(&line, d->p.ptext.data, d->p.ptext.len);
    vn_doc_write_para(d->out, line.data ? line.data : "", line.len, flags, (uint32_t)d->p.label_len, d->body_paras,
                      0, 0, 0, -1, d->p.label_len ? d->p.level : 0);
    vn_buf_free(&line);
}

/* ---- the walk ------------------------------------------------------------------------------ */

/* Elements whose subtree is no text of the plan.  A table of contents
 * (text:table-of-content, its title and entries) repeats the headings; a
 * text:placeholder shows the prompt of a field still to be filled in. */
static bool skipped(const char *ns, const char *name)
{
    if (strcmp(ns, NS_SVG) == 0)
        return strcmp(name, "title") == 0 || strcmp(name, "desc") == 0; /* a shape's alt text */
    if (strcmp(ns, NS_TEXT) == 0)
        return strcmp(name, "tracked-changes") == 0 || strcmp(name, "note-citation") == 0 ||
               strcmp(name, "sequence-decls") == 0 || strcmp(name, "table-of-content") == 0 ||
               strcmp(name, "placeholder") == 0 ||
               strcmp(name, "variable-decls") == 0 || strcmp(name, "user-field-decls") == 0;
    if (strcmp(ns, NS_OFFICE) == 0)
        return strcmp(name, "annotation") == 0 || strcmp(name, "forms") == 0 || strcmp(name, "scripts") == 0;
    return strcmp(ns, NS_DR3D) == 0; /* 3D scenes: no text (draw:* is read by shape_start) */
}

/* ---- frames and text boxes -----------------------------------------------------------------
 * A draw:frame holding a draw:text-box (LibreOffice's text frames), and a
 * shape holding paragraphs of its own (a Word text box as LibreOffice
 * imports it: draw:custom-shape), anchored in a paragraph (or at the page,
 * between the body's paragraphs).  Their paragraphs are read as the body's,
 * in the document's order at their anchor: before the text of the paragraph
 * they are anchored in, which is set aside meanwhile and goes on after them,
 * each box whole, box after box.  Left out: a frame's picture or object, a
 * shape's geometry, their alt text (svg:title, svg:desc). */

/* Elements that group shapes or frame one: only their text box is text. */
static bool shape_container(const char *name)
{
    return strcmp(name, "frame") == 0 || strcmp(name, "g") == 0 || strcmp(name, "a") == 0;
}

/* Shapes whose own paragraphs are their text. */
static bool shape_with_text(const char *name)
{
    static const char *const names[] = {"custom-shape", "rect",     "ellipse", "circle",   "polygon",
                                        "regular-polygon", "polyline", "path", "caption", "line",
                                        "connector", "measure"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool in_shape_chrome(const od *d)
{
    return d->nshapes > 0 && !d->shape[d->nshapes - 1].in_box;
}

/* The text of the innermost shape starts at an element of this depth: the
 * paragraph it is anchored in is set aside, the box's paragraphs (and lists)
 * start afresh. */
static void box_begin(od *d, int depth)
{
    d->shape[d->nshapes - 1].anchor = d->p;
    d->shape[d->nshapes - 1].box_depth = depth;
    d->shape[d->nshapes - 1].in_box = true;
    memset(&d->p, 0, sizeof d->p);
}

static void para_end(od *d);

/* The box's text ends: the anchor paragraph goes on where it stopped. */
static void box_end(od *d)
{
    if (d->p.in_para)
        para_end(d); /* a paragraph the box left open (a file cut short) */
    vn_buf_free(&d->p.ptext);
    d->p = d->shape[d->nshapes - 1].anchor;
    d->shape[d->nshapes - 1].in_box = false;
}

/* A drawing element starts (draw:*): a frame's text box, a frame or a
 * group (read for their text boxes), a shape (read for its paragraphs);
 * every other drawing element (a picture, an object, a shape's geometry, a
 * text box outside a frame) is skipped whole. */
static void shape_start(od *d, vn_xml *x, const char *name, bool empty)
{
    if (in_shape_chrome(d) && strcmp(name, "text-box") == 0) {
        if (!empty)
            box_begin(d, vn_xml_depth(x));
        return;
    }
    if (!shape_container(name) && !shape_with_text(name)) {
        vn_xml_skip(x);
        return;
    }
    if (empty)
        return;
    if (d->nshapes >= SHAPE_MAX_NESTING) {
        vn_xml_skip(x); /* bounded state for a hostile file's nesting */
        return;
    }
    d->shape[d->nshapes].in_box = false;
    d->shape[d->nshapes++].depth = vn_xml_depth(x);
    if (shape_with_text(name))
        box_begin(d, vn_xml_depth(x));
}

/* An element ends inside a frame or shape: true when it was the frame's or
 * the shape's own (or any element of its chrome, which is not read). */
static bool shape_end(od *d, int depth)
{
    if (d->nshapes == 0)
        return false;
    int top = d->nshapes - 1;
    if (d->shape[top].in_box && depth == d->shape[top].box_depth)
        box_end(d);
    else if (d->shape[top].in_box)
        return false;
    if (depth == d->shape[top].depth)
        d->nshapes--;
    return true;
}

/* The end of a part inside frames (a file cut short): each box's paragraph
 * is written, then the paragraph it was anchored in goes on. */
static void shapes_close(od *d)
{
    for (; d->nshapes > 0; d->nshapes--)
        if (d->shape[d->nshapes - 1].in_box)
            box_end(d);
}

static void on_start(od *d, vn_xml *x, const char *ns, const char *name, bool empty)
{
    if (strcmp(ns, NS_DRAW) == 0) {
        shape_start(d, x, name, empty);
        return;
    }
    if (in_shape_chrome(d))
        return; /* a frame's or a group's own elements: no text of the document */
    if (skipped(ns, name)) {
        vn_xml_skip(x);
        return;
    }
    if (strcmp(ns, NS_OFFICE) == 0 && strcmp(name, "body") == 0) {
        sort_styles(d);
        return;
    }
    if (read_style_element(d, x, ns, name))
        return;
    bool text = strcmp(ns, NS_TEXT) == 0;
    if (text && (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)) {
        if (d->note_depth > 0) {
            if (d->nnotes && d->notes.len > d->note_off[d->nnotes - 1])
                vn_buf_putc(&d->notes, '\n');
        } else if (d->p.in_para) {
            d->p.para_nesting++;
        } else {
            para_begin(d, x, name[0] == 'h');
            if (empty)
                para_end(d);
        }
        return;
    }
    if (text && strcmp(name, "span") == 0 && d->p.in_para && !empty) {
        char sn[NAME_MAX_BYTES];
        attr(x, "style-name", NS_TEXT, sn, sizeof sn);
        if (d->p.span_depth < SPAN_MAX_NESTING) {
            d->p.span_bold[d->p.span_depth] = (int8_t)style_bold(d, sn);
            d->p.span_font[d->p.span_depth] = (int8_t)style_font(d, sn);
            d->p.span_italic[d->p.span_depth] = (int8_t)style_italic(d, sn);
            d->p.span_caps[d->p.span_depth] = (int8_t)style_caps(d, sn);
        }
        d->p.span_depth++;
        return;
    }
    if (text && strcmp(name, "s") == 0) {
        int c = attr_int(x, "c", NS_TEXT, 1);
        for (int i = 0; i < c && i < SPACES_MAX; i++)
            put_text(d, " ", 1);
    } else if (text && strcmp(name, "tab") == 0)
        put_text(d, "\t", 1);
    else if (text && strcmp(name, "line-break") == 0)
        put_text(d, d->note_depth > 0 ? " " : "\n", 1);
    else if (text && strcmp(name, "note") == 0 && !empty) {
        if (d->note_depth == 0 && d->p.in_para) {
            size_t *off = &VN_PUSH(d->note_off, d->nnotes, d->capnotes);
            *off = d->notes.len;
            size_t np = d->nnotes - 1;
            VN_PUSH(d->note_para, np, d->capnote_para) = 0;
            vn_buf mark = {0};
            vn_doc_put_superscript(&mark, (uint32_t)d->nnotes);
            put_text(d, mark.data, mark.len);
            vn_buf_free(&mark);
        }
    } else if (text && strcmp(name, "note-body") == 0 && !empty)
        d->note_depth++;
    else if (text && strcmp(name, "list") == 0 && !empty) {
        /* an item whose first child is a list has no number of its own */
        if (d->p.item_depth > 0)
            d->p.item_first_pending[d->p.item_depth < LIST_MAX_NESTING ? d->p.item_depth : LIST_MAX_NESTING] = false;
        if (d->p.list_depth++ == 0)
            list_begin(d, x);
    } else if (text && (strcmp(name, "list-item") == 0 || strcmp(name, "list-header") == 0) && !empty) {
        d->p.item_depth++;
        int k = d->p.item_depth < LIST_MAX_NESTING ? d->p.item_depth : LIST_MAX_NESTING;
        d->p.item_first_pending[k] = true;
        d->p.item_header[k] = name[5] == 'h';
        d->p.item_start[k] = attr_int(x, "start-value", NS_TEXT, -1);
    } else if (strcmp(ns, NS_TABLE) == 0) {
        if (strcmp(name, "table") == 0 && !empty) {
            if (d->tbl_depth++ == 0)
                d->row = d->cell = 0;
        } else if (d->tbl_depth == 1 && strcmp(name, "table-row") == 0) {
            d->row++;
            d->cell = 0;
        } else if (d->tbl_depth == 1 && (strcmp(name, "table-cell") == 0 || strcmp(name, "covered-table-cell") == 0)) {
            d->cell++;
            char sn[NAME_MAX_BYTES];
            if (attr(x, "style-name", NS_TABLE, sn, sizeof sn)) {
                const ostyle *s = find_style(d, sn, false);
                if (s && s->bordered == TRI_ON)
                    d->tbl.bordered = true;
            }
        }
    }
}

static void on_end(od *d, const char *ns, const char *name, int depth)
{
    if (shape_end(d, depth))
        return;
    bool text = strcmp(ns, NS_TEXT) == 0;
    if (text && (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)) {
        if (d->note_depth > 0)
            return;
        if (d->p.in_para && d->p.para_nesting > 0)
            d->p.para_nesting--;
        else if (d->p.in_para)
            para_end(d);
    } else if (text && strcmp(name, "span") == 0 && d->p.in_para && d->p.span_depth > 0)
        d->p.span_depth--;
    else if (text && strcmp(name, "note-body") == 0 && d->note_depth > 0)
        d->note_depth--;
    else if (text && strcmp(name, "list") == 0 && d->p.list_depth > 0) {
        if (--d->p.list_depth == 0)
            d->p.list_style[0] = '\0';
    } else if (text && (strcmp(name, "list-item") == 0 || strcmp(name, "list-header") == 0) && d->p.item_depth > 0)
        d->p.item_depth--;
    else if (strcmp(ns, NS_TABLE) == 0 && strcmp(name, "table") == 0 && d->tbl_depth > 0) {
        if (--d->tbl_depth == 0)
            vn_table_write(&d->tbl, d->out, ++d->tables, d->seen_heading);
    } else if (strcmp(ns, NS_STYLE) == 0 && (strcmp(name, "style") == 0 || strcmp(name, "default-style") == 0))
        d->cur_style = NULL;
    else if (text && (strcmp(name, "list-style") == 0 || strcmp(name, "outline-style") == 0))
        d->cur_style = NULL;
}

/* A node of styles.xml (vn_doc_walk): its automatic styles and master pages
 * serve headers and footers. */
static void style_node(void *reader, vn_xml *x)
{
    od *d = reader;
    int type = vn_xml_type(x);
    if (type == XML_READER_TYPE_ELEMENT) {
        const char *ns = vn_xml_ns(x), *name = vn_xml_name(x);
        if (strcmp(ns, NS_OFFICE) == 0 &&
            (strcmp(name, "automatic-styles") == 0 || strcmp(name, "master-styles") == 0)) {
            vn_xml_skip(x);
            return;
        }
        read_style_element(d, x, ns, name);
        if (vn_xml_empty(x))
            on_end(d, ns, name, vn_xml_depth(x));
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
        on_end(d, vn_xml_ns(x), vn_xml_name(x), vn_xml_depth(x));
    }
}

/* A node of content.xml (vn_doc_walk). */
static void content_node(void *reader, vn_xml *x)
{
    od *d = reader;
    int type = vn_xml_type(x);
    if (type == XML_READER_TYPE_ELEMENT) {
        const char *ns = vn_xml_ns(x), *name = vn_xml_name(x);
        bool empty = vn_xml_empty(x);
        on_start(d, x, ns, name, empty);
        if (empty && x->skip_depth < 0)
            on_end(d, ns, name, vn_xml_depth(x));
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
        on_end(d, vn_xml_ns(x), vn_xml_name(x), vn_xml_depth(x));
    } else if ((d->p.in_para || d->note_depth > 0) && !in_shape_chrome(d) && vn_xml_is_text(type)) {
        put_run_text(d, vn_xml_value(x));
    }
}

static size_t walk_largest(const void *reader)
{
    const od *d = reader;
    const size_t lens[] = {d->out->text.len, d->p.ptext.len, d->tbl.text.len, d->notes.len};
    size_t most = 0;
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        most = lens[i] > most ? lens[i] : most;
    return most;
}

static void walk_end(void *reader)
{
    od *d = reader;
    shapes_close(d);
    if (d->p.in_para)
        para_end(d);
    vn_table_write_open(&d->tbl, &d->tbl_depth, d->out, &d->tables, d->seen_heading);
}

static vnplan_status walk(od *d, const vn_buf *xml, const char *part, bool styles_only)
{
    static const vn_doc_walker styles = {"ODT", style_node, walk_largest, walk_end},
                               content = {"ODT", content_node, walk_largest, walk_end};
    return vn_doc_walk(styles_only ? &styles : &content, d, xml->data, xml->len, part, d->err);
}

/* The notes, after the body, in the order of their marks. */
static void write_notes(void *reader)
{
    od *d = reader;
    for (size_t i = 0; i < d->nnotes; i++) {
        size_t off = d->note_off[i], end = i + 1 < d->nnotes ? d->note_off[i + 1] : d->notes.len;
        /* a note inside a note was written into the outer one's text: keep it there */
        vn_buf mark = {0};
        vn_doc_put_superscript(&mark, (uint32_t)(i + 1));
        vn_doc_write_note(d->out, vn_buf_cstr(&mark), d->notes.data + off, end - off, d->note_para[i]);
        vn_buf_free(&mark);
    }
}

static void od_free(void *reader)
{
    od *d = reader;
    for (size_t i = 0; i < d->nst; i++)
        free(d->st[i].levels);
    free(d->st);
    free(d->chains);
    free(d->ids);
    free(d->faces);
    vn_legacy_fonts_free(&d->fonts);
    vn_buf_free(&d->p.ptext);
    for (int i = 0; i < d->nshapes; i++)
        if (d->shape[i].in_box)
            vn_buf_free(&d->shape[i].anchor.ptext);
    vn_buf_free(&d->notes);
    free(d->note_off);
    free(d->note_para);
    vn_table_free(&d->tbl);
}

/* The styles (the named ones a paragraph of the content refers to), then
 * the content. */
static vnplan_status read_parts(void *reader, vn_zip *z, vn_buf *part, vn_error *err)
{
    od *d = reader;
    bool found = false;
    vnplan_status st = vn_zip_read(z, "styles.xml", part, &found, err);
    if (st == VNPLAN_OK && found)
        st = walk(d, part, "styles.xml", true);
    if (st == VNPLAN_OK) {
        st = vn_zip_read(z, "content.xml", part, &found, err);
        if (st == VNPLAN_OK && !found)
            st = vn_fail(err, VNPLAN_ERR_BINARY,
                         "ODT file: no content.xml in the archive (not an OpenDocument text, or a damaged one)");
    }
    if (st == VNPLAN_OK) {
        d->cur_style = NULL;
        st = walk(d, part, "content.xml", false);
    }
    return st;
}

vnplan_status vn_read_odt(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    static const vn_doc_package odt = {"ODT", read_parts, write_notes, od_free};
    od d = {.out = out, .err = err};
    return vn_doc_read_package(&odt, &d, p, n, err);
}
