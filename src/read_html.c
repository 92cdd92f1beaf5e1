/* read_html.c — an HTML page into source lines (source.h, markup.h).
 *
 * The pages met are saved from government portals and legal databases
 * (content in a div, header and closing in borderless tables, <p> with <b>,
 * text-align:center in style attributes, often windows-1258 or UTF-8 named
 * by a <meta>), and the output of converters (LibreOffice's HTML export,
 * pandoc -t html).  libxml2's HTML parser reads them into a tree: it
 * applies the page's charset, decodes entities, repairs tag soup, and never
 * loads anything (no network, no DTD, no external entity: HTML has none to
 * expand).  The tree is then walked WITHOUT recursion, with an explicit stack
 * of frames; a page nested deeper than VN_XML_MAX_DEPTH is refused.
 *
 * What is read: the text of block elements (p, div, h1-h6, li, td ...) as
 * paragraphs, <br> as a manual line break, ol/ul items with the number or
 * bullet a browser draws for them (ol start and type, li value; "-" for a
 * bullet), tables as layout or data tables, footnotes (pandoc's
 * section.footnotes, LibreOffice's sdfootnote divs) after the body, bold,
 * italic and centring, capitals set by CSS (text_caps: in a style
 * attribute, or by the page's stylesheet for an element or a class).  Left out: head, script, style, template, noscript,
 * nav, forms' controls, embedded objects, hidden elements, LibreOffice's
 * page header and footer divs, pandoc's title block (document metadata, not
 * body), a site's banner, footer, menus and side columns (header and footer
 * outside any article, main or section; aside; ARIA roles navigation,
 * banner, contentinfo, complementary, search), images, comments. */
#include "read_html.h"
#include "docread.h"
#include "utf8.h"

#include "xml_dl.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

/* What leaving an element does. */
enum { K_INLINE, K_BLOCK, K_LIST, K_ITEM, K_TABLE, K_ROW, K_CELL, K_FOOTNOTE, K_NOTE_LIST, K_NOTE_ITEM };

typedef struct frame {
    xmlNode *node;
    uint8_t kind;
    bool bold, italic, pre, sup, heading, centre;
    bool caps; /* its text shown in capitals (text_caps) */
    /* K_LIST, K_NOTE_LIST: the next item's number, +1 or -1, its type */
    long next;
    int step;
    char type; /* '1', 'I', 'i', 'A', 'a'; '-' a bullet; 0 no label */
    bool ordered, started, has_start;
    uint8_t quotes; /* blockquotes around it: an indented paragraph (vn_markup_indent) */
} frame;

#define GRID_MAX_COLS 64   /* columns of a data table whose row spans are followed */
#define GRID_MAX_TABLES 8  /* data tables open inside one another whose spans are followed */

/* The columns of a data table still covered by a cell of a row above
 * (rowspan): HTML leaves them out of the rows below, Word's and
 * LibreOffice's text keep them as empty cells, and so does this reader, so
 * that a value stays under its header ("Năm 2030" in the second row of a
 * header whose first three cells span both rows). */
typedef struct grid {
    uint16_t covered[GRID_MAX_COLS]; /* rows below the current one still covered */
    size_t col;                      /* the current row's next column */
    uint16_t pending;                /* columns the last cell merged beyond its own (colspan - 1) */
} grid;

#define CSS_MAX_RULES 256 /* selectors of a page's stylesheets that set capitals, kept */

/* A selector of the page's stylesheet (an element, a class, or both) and
 * whether its rule sets capitals (text_caps). */
typedef struct css_rule {
    char tag[16], cls[64]; /* "": any */
    bool caps;
} css_rule;

#define MULTILEVEL_MAX_LEVELS 16 /* levels of a multi-level list whose counters are kept */
#define LIST_KINDS 6             /* the types a nest's outermost list may have: 1 I i A a, bullets */

typedef struct walker {
    vn_markup *m;
    frame *stack;
    size_t depth, cap;
    xmlNode **later; /* footnote containers, read after the body */
    size_t nlater, caplater;
    vn_error *err;
    bool failed;
    /* LibreOffice writes each run of a Word multi-level list as its own
     * nest of <ol> (an <ol> right inside an <ol> is a deeper level), and
     * does not always say where a run's numbering resumes: on such a page
     * ordered lists number as Word does, a counter per level that goes on
     * from run to run and restarts below an item of a higher level. */
    bool multilevel;
    /* Counters per list, told apart by the type of a nest's outermost list
     * (LibreOffice writes no list's name: the outline's runs open with
     * <ol type="I">, a single-level "Điều %1." or "%1)" list with <ol>):
     * another list's runs between two runs of the outline ("Mục 1." items
     * between its sections) neither reset nor take its counters. */
    long level_count[LIST_KINDS][MULTILEVEL_MAX_LEVELS];
    char level_type[LIST_KINDS][MULTILEVEL_MAX_LEVELS]; /* another type at a level is another list */
    grid grids[GRID_MAX_TABLES];
    size_t ngrids; /* tables open, those beyond GRID_MAX_TABLES counted only */
    css_rule rules[CSS_MAX_RULES];
    size_t nrules;
} walker;


/* ---- attributes and styles ------------------------------------------------------ */

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

static bool name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (name_is(n, *names))
            return true;
    return false;
}

/* Whether the space-separated class list holds this class. */
static bool has_class(const xmlNode *n, const char *cls)
{
    const char *c = attr(n, "class");
    size_t len = strlen(cls);
    while (c && *c) {
        while (*c == ' ' || *c == '\t')
            c++;
        size_t w = strcspn(c, " \t");
        if (w == len && strncasecmp(c, cls, len) == 0)
            return true;
        c += w;
    }
    return false;
}

/* The value of one property of CSS declarations ("text-align: center;
 * margin: 0") into out, lower-cased and trimmed; false when absent. */
static bool decl_prop(const char *s, const char *prop, char *out, size_t cap)
{
    size_t plen = strlen(prop);
    bool found = false;
    while (s && *s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ';')
            s++;
        size_t decl = strcspn(s, ";");
        const char *colon = memchr(s, ':', decl);
        if (colon) {
            size_t klen = (size_t)(colon - s);
            while (klen && vn_is_space((unsigned char)s[klen - 1]))
                klen--;
            if (klen == plen && strncasecmp(s, prop, plen) == 0) {
                const char *v = colon + 1, *e = s + decl;
                while (v < e && vn_is_space((unsigned char)*v))
                    v++;
                while (e > v && vn_is_space((unsigned char)e[-1]))
                    e--;
                size_t k = 0;
                for (; v < e && k + 1 < cap; v++)
                    out[k++] = (char)(*v >= 'A' && *v <= 'Z' ? *v | 0x20 : *v);
                out[k] = '\0';
                found = true; /* the last declaration wins, as in CSS */
            }
        }
        s += decl;
    }
    return found;
}

/* The value of one property of an element's style attribute (decl_prop). */
static bool style_prop(const xmlNode *n, const char *prop, char *out, size_t cap)
{
    return decl_prop(attr(n, "style"), prop, out, cap);
}

/* A visible border in a style attribute: any border* declaration drawing a line. */
static bool style_border(const xmlNode *n)
{
    const char *s = attr(n, "style");
    while (s && *s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ';')
            s++;
        size_t decl = strcspn(s, ";");
        if (decl > 6 && strncasecmp(s, "border", 6) == 0) {
            const char *colon = memchr(s, ':', decl);
            static const char *const lines[] = {"solid", "dashed", "dotted", "double", "groove", "ridge",
                                                "inset", "outset"};
            if (colon)
                for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
                    size_t len = strlen(lines[k]);
                    for (const char *v = colon + 1; v + len <= s + decl; v++)
                        if (strncasecmp(v, lines[k], len) == 0)
                            return true;
                }
        }
        s += decl;
    }
    return false;
}

static long attr_long(const xmlNode *n, const char *name, long dflt)
{
    const char *v = attr(n, name);
    if (!v)
        return dflt;
    char *end;
    long x = strtol(v, &end, 10);
    if (end == v || x < -1000000 || x > 1000000)
        return dflt;
    return x;
}

/* The innermost table's grid, when it is a data table whose spans are followed. */
static grid *data_grid(walker *w)
{
    if (w->ngrids == 0 || w->ngrids > GRID_MAX_TABLES || !w->m->ntables ||
        w->m->table[w->m->ntables - 1].layout || w->m->table[w->m->ntables - 1].flat)
        return NULL;
    return &w->grids[w->ngrids - 1];
}

/* A cell begins: the columns covered from above before it become empty
 * cells, then it covers its own columns for rowspan - 1 rows. */
static void grid_cell(walker *w, const xmlNode *n)
{
    grid *g = data_grid(w);
    if (!g)
        return;
    /* the columns a cell before it merged (colspan) are empty cells, as
     * covered cells are: this cell stays under its own header ("Năm 2035"
     * after a cell spanning "2027" and "2030"); at a row's end they are
     * left out, as Word leaves a merged last cell */
    for (; g->pending; g->pending--) {
        vn_markup_cell_begin(w->m);
        vn_markup_cell_end(w->m);
    }
    while (g->col < GRID_MAX_COLS && g->covered[g->col]) {
        g->covered[g->col++]--;
        vn_markup_cell_begin(w->m);
        vn_markup_cell_end(w->m);
    }
    long cs = attr_long(n, "colspan", 1), rs = attr_long(n, "rowspan", 1);
    cs = cs < 1 ? 1 : cs;
    rs = rs < 1 ? 1 : rs > UINT16_MAX ? UINT16_MAX : rs;
    for (long k = 0; k < cs && g->col < GRID_MAX_COLS; k++)
        g->covered[g->col++] = (uint16_t)(rs - 1);
    g->pending = (uint16_t)(cs > GRID_MAX_COLS ? GRID_MAX_COLS - 1 : cs - 1);
}

/* A row ends: the covered columns after its last cell count it too. */
static void grid_row_end(walker *w)
{
    grid *g = data_grid(w);
    if (!g)
        return;
    for (; g->col < GRID_MAX_COLS; g->col++)
        if (g->covered[g->col])
            g->covered[g->col]--;
    g->col = 0;
    g->pending = 0;
}

/* ---- what an element is ------------------------------------------------------------ */

static const char *const skipped[] = {"head", "script", "style", "template", "noscript", "nav", "title",
                                      "iframe", "object", "embed", "svg", "canvas", "select", "textarea",
                                      "button", "audio", "video", "map", "img", "input", NULL};
static const char *const blocks[] = {"p", "div", "address", "article", "aside", "blockquote", "body",
                                     "center", "dd", "details", "dialog", "dl", "dt", "fieldset",
                                     "figcaption", "figure", "footer", "form", "header", "hgroup", "hr",
                                     "main", "section", "summary", "caption", "html", "pre", "legend",
                                     "h1", "h2", "h3", "h4", "h5", "h6", NULL};
static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};

static bool is_skipped(const xmlNode *n)
{
    if (name_in(n, skipped) || attr(n, "hidden"))
        return true;
    char v[32];
    if (style_prop(n, "display", v, sizeof v) && strcmp(v, "none") == 0)
        return true;
    /* LibreOffice's page header and footer; pandoc's title block (metadata) */
    const char *title = attr(n, "title");
    if (name_is(n, "div") && title && (strcasecmp(title, "header") == 0 || strcasecmp(title, "footer") == 0))
        return true;
    const char *id = attr(n, "id");
    if (name_is(n, "header") && id && strcmp(id, "title-block-header") == 0)
        return true;
    /* a portal's own parts around the document: its banner, menus, search,
     * footer and side columns, as HTML5 and ARIA name them — a <header> or
     * <footer> outside any article, main or section is the site's */
    const char *role = attr(n, "role");
    static const char *const chrome_roles[] = {"navigation", "banner", "contentinfo", "complementary", "search"};
    for (size_t k = 0; role && k < sizeof chrome_roles / sizeof chrome_roles[0]; k++)
        if (strcasecmp(role, chrome_roles[k]) == 0)
            return true;
    if (name_is(n, "aside"))
        return true;
    if (name_is(n, "header") || name_is(n, "footer")) {
        for (const xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
            if (name_is(a, "article") || name_is(a, "main") || name_is(a, "section"))
                return false;
        return true;
    }
    return false;
}

/* LibreOffice's <div id="sdfootnote3"> (or sdendnote3): the note's number, else 0. */
static unsigned libreoffice_note(const xmlNode *n)
{
    const char *id = attr(n, "id");
    if (!name_is(n, "div") || !id)
        return 0;
    const char *d = strncmp(id, "sdfootnote", 10) == 0 ? id + 10 : strncmp(id, "sdendnote", 9) == 0 ? id + 9 : NULL;
    if (!d || !vn_is_digit((unsigned char)*d))
        return 0;
    unsigned long v = strtoul(d, NULL, 10);
    return v > 0 && v < 1000000 ? (unsigned)v : 0;
}

/* pandoc's footnotes section, LibreOffice's footnote and endnote divs. */
static bool is_footnotes(const xmlNode *n)
{
    const char *id = attr(n, "id");
    const char *role = attr(n, "role");
    if (libreoffice_note(n))
        return true;
    return (name_is(n, "section") || name_is(n, "div") || name_is(n, "aside")) &&
           (has_class(n, "footnotes") || (role && strcmp(role, "doc-endnotes") == 0) ||
            (id && strcmp(id, "footnotes") == 0));
}

/* A footnote's way back to its mark: not text. */
static bool is_backlink(const xmlNode *n)
{
    const char *role = attr(n, "role");
    return name_is(n, "a") && (has_class(n, "footnote-back") || has_class(n, "sdfootnotesym") ||
                               has_class(n, "sdendnotesym") || (role && strcmp(role, "doc-backlink") == 0));
}

static char list_type(const xmlNode *n, bool ordered)
{
    char v[40];
    if (style_prop(n, "list-style-type", v, sizeof v) || style_prop(n, "list-style", v, sizeof v)) {
        if (strstr(v, "none"))
            return 0;
        if (strstr(v, "upper-roman"))
            return 'I';
        if (strstr(v, "lower-roman"))
            return 'i';
        if (strstr(v, "upper-alpha") || strstr(v, "upper-latin"))
            return 'A';
        if (strstr(v, "lower-alpha") || strstr(v, "lower-latin"))
            return 'a';
        if (strstr(v, "decimal"))
            return '1';
    }
    if (!ordered)
        return '-';
    const char *t = attr(n, "type");
    if (t && (t[0] == 'I' || t[0] == 'i' || t[0] == 'A' || t[0] == 'a' || t[0] == '1') && !t[1])
        return t[0];
    return '1';
}

/* ---- tables: layout or data ------------------------------------------------------------ */

/* The node after n inside root in document order, n's children first when
 * descend (and it has any); NULL past root's last node.  No stack: a
 * hostile page may nest deep. */
static const xmlNode *next_within(const xmlNode *n, const xmlNode *root, bool descend)
{
    if (descend && n->children)
        return n->children;
    while (n != root && !n->next)
        n = n->parent;
    return n != root ? n->next : NULL;
}

/* A layout table — the header's issuer | motto, the closing's recipients |
 * signature — has at most two columns, no header cells and no drawn
 * borders; anything else holds data.  Nested tables are judged on their own. */
static bool is_layout_table(const xmlNode *table)
{
    long border = attr_long(table, "border", 0);
    if (border > 0 || style_border(table))
        return false;
    size_t cols = 0, cells = 0, bordered = 0;
    const xmlNode *n = table->children;
    while (n) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) {
            if (name_is(n, "th") || name_is(n, "thead"))
                return false;
            if (name_is(n, "tr")) {
                size_t row = 0;
                for (const xmlNode *c = n->children; c; c = c->next)
                    if (name_is(c, "td")) {
                        row++; /* cells, not grid columns: a merged cell is one */
                        cells++;
                        bordered += style_border(c);
                    } else if (name_is(c, "th")) {
                        return false;
                    }
                if (row > cols)
                    cols = row;
            } else if (!name_is(n, "table")) {
                descend = n->children != NULL;
            }
        }
        n = next_within(n, table, descend);
    }
    return cols <= 2 && bordered * 2 < cells + (cells == 0);
}

/* ---- the walk ----------------------------------------------------------------------------- */

static void flush(walker *w)
{
    const frame *f = &w->stack[w->depth - 1];
    vn_markup_flag(w->m, (f->centre ? VN_SRC_CENTRED : 0) | (f->heading ? VN_SRC_HEADING : 0));
    vn_markup_end(w->m);
}

static const frame *nearest_list(const walker *w, uint16_t *level)
{
    const frame *found = NULL;
    *level = 0;
    for (size_t i = w->depth; i-- > 0;) {
        const frame *f = &w->stack[i];
        if (f->kind == K_LIST || f->kind == K_NOTE_LIST) {
            if (!found)
                found = f;
            else
                (*level)++;
        }
    }
    return found;
}

/* The run of a multi-level list an item is in: the frame of the outermost
 * list of the nest of lists inside lists or their items (LibreOffice's
 * <ol type="I"><ol><ol><ol type="a">, <ol><li>..<ol>) around the list at
 * stack index `at`, its kind
 * (the index of its type) and the item's level, counted in ordered lists
 * from that one. */
static size_t list_kind(char type)
{
    static const char types[] = "1IiAa";
    const char *k = type ? strchr(types, type) : NULL;
    return k ? (size_t)(k - types) : LIST_KINDS - 1;
}

static void list_run(const walker *w, size_t at, size_t *kind, size_t *level)
{
    size_t root = at;
    for (size_t i = at; i-- > 0 && (w->stack[i].kind == K_LIST || w->stack[i].kind == K_ITEM);)
        if (w->stack[i].kind == K_LIST)
            root = i;
    *kind = list_kind(w->stack[root].type);
    *level = 0;
    for (size_t i = root; i < at; i++)
        *level += w->stack[i].kind == K_LIST && w->stack[i].ordered;
}

/* A decimal level under a decimal level of the same multi-level list is
 * numbered "1.1." in Word's lists (and in every plan that nests them), which
 * LibreOffice's HTML writes as a plain "1.": the number is built again from
 * the counters of the decimal levels above it. */
static void hierarchical_label(const walker *w, size_t kind, size_t L, char *label, size_t cap)
{
    if (L < 1 || L >= MULTILEVEL_MAX_LEVELS)
        return;
    size_t top = L;
    while (top > 0 && w->level_type[kind][top - 1] == '1' && w->level_count[kind][top - 1] > 0)
        top--;
    if (top == L)
        return;
    size_t len = 0;
    for (size_t k = top; k <= L && len + 12 < cap; k++)
        len += (size_t)snprintf(label + len, cap - len, "%ld.", w->level_count[kind][k]);
}

static void enter_item(walker *w, frame *f)
{
    uint16_t level;
    frame *list = (frame *)nearest_list(w, &level);
    if (list && list->kind == K_NOTE_LIST) {
        f->kind = K_NOTE_ITEM;
        long v = attr_long(f->node, "value", list->next);
        list->next = v + 1;
        vn_markup_footnote_begin(w->m, v > 0 ? (unsigned)v : 0);
        return;
    }
    char label[VN_MARKUP_MAX_LABEL];
    char type = list ? list->type : '-';
    if (type == '-' || !list) {
        /* a bullet list inside a bullet list: "+", the second level of
         * every plan's bullets ("-" then "+") */
        size_t bullets = 0;
        for (size_t i = 0; i < w->depth; i++)
            bullets += w->stack[i].kind == K_LIST && w->stack[i].type == '-';
        vn_markup_label(w->m, bullets >= 2 ? "+" : "-", level);
    } else if (type) {
        long v = attr_long(f->node, "value", list->next);
        size_t kind = 0, L = MULTILEVEL_MAX_LEVELS;
        if (w->multilevel && list->ordered && list->step > 0) {
            list_run(w, (size_t)(list - w->stack), &kind, &L);
            if (L < MULTILEVEL_MAX_LEVELS) {
                if (w->level_type[kind][L] != type)
                    w->level_count[kind][L] = 0;
                w->level_type[kind][L] = type;
                if (!attr(f->node, "value") && (list->started || !list->has_start))
                    v = w->level_count[kind][L] + 1;
                w->level_count[kind][L] = v;
                for (size_t k = L + 1; k < MULTILEVEL_MAX_LEVELS; k++)
                    w->level_count[kind][k] = 0;
            }
        }
        list->started = true;
        list->next = v + list->step;
        vn_markup_number(label, sizeof label, v, type, '.');
        if (L < MULTILEVEL_MAX_LEVELS && type == '1')
            hierarchical_label(w, kind, L, label, sizeof label);
        vn_markup_label(w->m, label, level);
    }
}

/* Whether the walk is inside a footnote (or pandoc's list of them) already. */
static bool in_note(const walker *w)
{
    for (size_t i = 0; i + 1 < w->depth; i++)
        if (w->stack[i].kind == K_FOOTNOTE || w->stack[i].kind == K_NOTE_ITEM || w->stack[i].kind == K_NOTE_LIST)
            return true;
    return false;
}

/* Sets up a frame for element n under parent p and does what entering it does. */
/* Text set in capitals by CSS (text-transform: uppercase; font-variant:
 * small-caps, capitals small for its lower-case letters, read as capitals
 * all the same) is shown and printed in capitals whatever case it was typed
 * in, as LibreOffice's and Word's HTML export write a heading whose style
 * sets them: "Mục tiêu" so styled is MỤC TIÊU. */
static int decl_caps(const char *decls)
{
    char v[40];
    int caps = -1;
    bool small = false;
    if (decl_prop(decls, "font-variant", v, sizeof v) || decl_prop(decls, "font-variant-caps", v, sizeof v))
        caps = small = strstr(v, "small-caps") != NULL;
    if (decl_prop(decls, "text-transform", v, sizeof v) && !small)
        caps = strcmp(v, "uppercase") == 0;
    return caps;
}

/* Whether an element's text is in capitals: as its parent's, unless the
 * page's stylesheet says otherwise for its element or class (LibreOffice
 * writes "h1 { text-transform: uppercase }" for a heading style that sets
 * them; a class, more specific, after an element), or its style attribute. */
static void text_caps(const walker *w, const xmlNode *n, bool *caps)
{
    for (int with_class = 0; with_class < 2; with_class++)
        for (size_t i = 0; i < w->nrules; i++) {
            const css_rule *r = &w->rules[i];
            if ((r->cls[0] != '\0') == with_class && (!r->tag[0] || name_is(n, r->tag)) &&
                (!r->cls[0] || has_class(n, r->cls)))
                *caps = r->caps;
        }
    int c = decl_caps(attr(n, "style"));
    if (c >= 0)
        *caps = c;
}

/* One selector of a rule setting capitals or not ("h1", ".Tieude",
 * "p.MsoTitle"); any other (descendants, pseudo-classes, ...) is left out. */
static bool css_name_char(int c)
{
    return vn_is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '-' || c == '_';
}

static void sheet_selector(walker *w, const char *s, size_t n, bool caps)
{
    while (n && vn_is_space((unsigned char)*s))
        s++, n--;
    while (n && vn_is_space((unsigned char)s[n - 1]))
        n--;
    size_t t = 0;
    while (t < n && css_name_char((unsigned char)s[t]) && s[t] != '-' && s[t] != '_')
        t++;
    size_t c = t < n && s[t] == '.' ? t + 1 : t;
    size_t e = c;
    while (e < n && css_name_char((unsigned char)s[e]))
        e++;
    if (e != n || (c > t && e == c) || n == 0 || t >= sizeof w->rules[0].tag ||
        e - c >= sizeof w->rules[0].cls || w->nrules >= CSS_MAX_RULES)
        return;
    css_rule *r = &w->rules[w->nrules++];
    memcpy(r->tag, s, t);
    r->tag[t] = '\0';
    memcpy(r->cls, s + c, e - c);
    r->cls[e - c] = '\0';
    r->caps = caps;
}

/* The rules of a page's stylesheet (<style>, its comments and the HTML
 * comment Word wraps it in taken out) that set capitals or undo them. */
static void read_sheet(walker *w, const char *css)
{
    vn_buf b = {0};
    for (const char *s = css; *s;) {
        if (s[0] == '/' && s[1] == '*') {
            const char *e = strstr(s + 2, "*/");
            s = e ? e + 2 : s + strlen(s);
        } else if (strncmp(s, "<!--", 4) == 0 || strncmp(s, "-->", 3) == 0)
            s += s[0] == '<' ? 4 : 3;
        else
            vn_buf_putc(&b, *s++);
    }
    const char *s = vn_buf_cstr(&b);
    for (const char *open; (open = strchr(s, '{')) != NULL;) {
        const char *sel = s;
        while (vn_is_space((unsigned char)*sel))
            sel++;
        int depth = 0; /* an at-rule's block (@media) may hold rules: skipped whole */
        const char *close = open;
        for (; *close; close++)
            if (*close == '{')
                depth++;
            else if (*close == '}' && (--depth == 0 || *sel != '@'))
                break;
        vn_buf decls = {0};
        vn_buf_put(&decls, open + 1, (size_t)(close - open - (*close ? 1 : 0)));
        int caps = *sel == '@' ? -1 : decl_caps(vn_buf_cstr(&decls));
        vn_buf_free(&decls);
        for (const char *p = sel; caps >= 0 && p < open;) {
            size_t k = strcspn(p, ",{");
            sheet_selector(w, p, k < (size_t)(open - p) ? k : (size_t)(open - p), caps);
            p += k + 1;
        }
        if (!*close)
            break;
        s = close + 1;
    }
    vn_buf_free(&b);
}

/* The page's stylesheets, in order. */
static void read_sheets(walker *w, xmlNode *root)
{
    for (const xmlNode *n = root->children; n; n = next_within(n, root, n->type == XML_ELEMENT_NODE))
        if (name_is(n, "style"))
            for (const xmlNode *t = n->children; t; t = t->next)
                if (t->content && (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE))
                    read_sheet(w, (const char *)t->content);
}

static void enter(walker *w, xmlNode *n, const frame *p, bool in_notes)
{
    frame *f = &w->stack[w->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->bold = p->bold;
    f->italic = p->italic;
    f->pre = p->pre;
    f->sup = p->sup;
    f->heading = p->heading;
    f->centre = p->centre;
    f->caps = p->caps;
    f->quotes = p->quotes;
    f->kind = K_INLINE;
    if (name_is(n, "blockquote") && f->quotes < UINT8_MAX)
        f->quotes++;

    if (name_is(n, "b") || name_is(n, "strong") || name_is(n, "th") || name_in(n, headings))
        f->bold = true;
    if (name_is(n, "i") || name_is(n, "em") || name_is(n, "cite") || name_is(n, "var") || name_is(n, "dfn"))
        f->italic = true;
    if (name_is(n, "sup"))
        f->sup = true;
    if (name_is(n, "pre"))
        f->pre = true;
    char v[40];
    if (style_prop(n, "font-weight", v, sizeof v))
        f->bold = strcmp(v, "bold") == 0 || strcmp(v, "bolder") == 0 || (v[0] >= '6' && v[0] <= '9' && v[1]);
    if (style_prop(n, "font-style", v, sizeof v))
        f->italic = strcmp(v, "italic") == 0 || strcmp(v, "oblique") == 0;
    if (style_prop(n, "vertical-align", v, sizeof v) && strcmp(v, "super") == 0)
        f->sup = true;
    text_caps(w, n, &f->caps);

    bool block = name_in(n, blocks) || name_is(n, "li") || name_is(n, "ol") || name_is(n, "ul") ||
                 name_is(n, "menu") || name_is(n, "table") || name_is(n, "tr") || name_is(n, "td") ||
                 name_is(n, "th");
    if (block) {
        /* the text before this block belongs to the block around it */
        w->depth--;
        flush(w);
        w->depth++;
        f->kind = K_BLOCK;
        if (!name_is(n, "table")) {
            const char *al = attr(n, "align");
            if (style_prop(n, "text-align", v, sizeof v))
                f->centre = strcmp(v, "center") == 0 || strcmp(v, "-webkit-center") == 0;
            else if (al)
                f->centre = strcasecmp(al, "center") == 0 || strcasecmp(al, "middle") == 0;
            if (name_is(n, "center"))
                f->centre = true;
        }
        if (name_in(n, headings))
            f->heading = true;
    }

    if (name_is(n, "br")) {
        vn_markup_break(w->m);
    } else if (name_is(n, "ol") || name_is(n, "ul") || name_is(n, "menu")) {
        bool ordered = name_is(n, "ol");
        /* pandoc's list of the notes; a list inside a note is a list */
        f->kind = in_notes && ordered && !in_note(w) ? K_NOTE_LIST : K_LIST;
        f->type = list_type(n, ordered);
        f->step = attr(n, "reversed") ? -1 : 1;
        long count = 0;
        if (f->step < 0)
            for (const xmlNode *c = n->children; c; c = c->next)
                count += name_is(c, "li");
        f->next = attr_long(n, "start", f->step < 0 ? count : 1);
        f->ordered = ordered;
        f->has_start = attr(n, "start") != NULL;
    } else if (name_is(n, "li")) {
        f->kind = K_ITEM;
        enter_item(w, f);
    } else if (name_is(n, "table")) {
        f->kind = K_TABLE;
        vn_markup_table_begin(w->m, is_layout_table(n));
        if (w->ngrids++ < GRID_MAX_TABLES)
            memset(&w->grids[w->ngrids - 1], 0, sizeof w->grids[0]);
    } else if (name_is(n, "thead") || name_is(n, "tbody") || name_is(n, "tfoot")) {
        grid *g = data_grid(w); /* a row span ends with its row group */
        if (g)
            memset(g, 0, sizeof *g);
    } else if (name_is(n, "tr")) {
        f->kind = K_ROW;
        vn_markup_row_begin(w->m);
        grid *g = data_grid(w);
        if (g)
            g->col = 0, g->pending = 0;
    } else if (name_is(n, "td") || name_is(n, "th")) {
        f->kind = K_CELL;
        grid_cell(w, n);
        vn_markup_cell_begin(w->m);
    } else if (in_notes && libreoffice_note(n) && !in_note(w)) {
        /* LibreOffice: <div id="sdfootnote3"> holds footnote 3 */
        f->kind = K_FOOTNOTE;
        vn_markup_footnote_begin(w->m, libreoffice_note(n));
    }
}

static void leave(walker *w)
{
    frame *f = &w->stack[w->depth - 1];
    switch (f->kind) {
    case K_INLINE: break;
    case K_TABLE:
        flush(w);
        vn_markup_table_end(w->m);
        w->ngrids--;
        break;
    case K_ROW:
        flush(w);
        grid_row_end(w);
        vn_markup_row_end(w->m);
        break;
    case K_CELL: flush(w); vn_markup_cell_end(w->m); break;
    case K_FOOTNOTE:
    case K_NOTE_ITEM: flush(w); vn_markup_footnote_end(w->m); break;
    case K_ITEM:
        flush(w);
        w->m->label_len = 0; /* an item without text leaves no label behind */
        break;
    default: flush(w); break;
    }
    w->depth--;
}

static bool all_digits(const char *s)
{
    bool any = false;
    for (; *s; s++) {
        if (vn_is_digit((unsigned char)*s))
            any = true;
        else if (!vn_is_space((unsigned char)*s))
            return false;
    }
    return any;
}

static void text(walker *w, const xmlNode *n)
{
    const frame *f = &w->stack[w->depth - 1];
    const char *s = (const char *)n->content;
    if (!s)
        return;
    if (f->quotes)
        vn_markup_indent(w->m, (int16_t)(f->quotes * VN_MARKUP_QUOTE_INDENT));
    vn_buf up = {0};
    if (f->caps) {
        vn_doc_put_upper(&up, s, strlen(s));
        s = vn_buf_cstr(&up);
    }
    if (f->sup && all_digits(s))
        vn_markup_superscript(w->m, s, strlen(s));
    else if (f->pre)
        vn_markup_text_pre(w->m, s, strlen(s));
    else
        vn_markup_text(w->m, s, strlen(s), f->bold, f->italic);
    vn_buf_free(&up);
}

/* Walks the children of root (the page), or root alone with what it holds
 * (a footnote container read after the body: in_notes). */
static void walk(walker *w, xmlNode *root, bool in_notes)
{
    w->depth = 1; /* stack[0] is the page: nothing bold, nothing centred */
    memset(&w->stack[0], 0, sizeof w->stack[0]);
    w->stack[0].node = in_notes ? root->parent : root;
    xmlNode *n = in_notes ? root : root->children;
    while (!w->failed) {
        if (n) {
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                text(w, n);
            } else if (n->type == XML_ELEMENT_NODE && (is_footnotes(n) || !is_skipped(n)) && !is_backlink(n)) {
                if (!in_notes && is_footnotes(n)) {
                    VN_PUSH(w->later, w->nlater, w->caplater) = n;
                } else if (w->depth >= VN_XML_MAX_DEPTH) {
                    w->failed = true;
                    vn_fail(w->err, VNPLAN_ERR_TOO_LARGE, "HTML elements nested deeper than %d",
                            VN_XML_MAX_DEPTH);
                    break;
                } else {
                    enter(w, n, &w->stack[w->depth - 1], in_notes);
                    if (n->children) {
                        n = n->children;
                        continue;
                    }
                    leave(w);
                }
            }
            if (in_notes && w->depth == 1)
                break;
            n = n->next;
            continue;
        }
        /* no more siblings: leave the parent */
        if (w->depth <= 1)
            break;
        xmlNode *up = w->stack[w->depth - 1].node;
        leave(w);
        if (in_notes && w->depth == 1)
            break;
        n = up->next;
    }
    if (!w->failed) {
        while (w->depth > 1)
            leave(w);
        flush(w);
    }
    w->depth = 1;
}

/* Whether some list is right inside a list (see walker.multilevel). */
static bool has_multilevel_lists(const xmlNode *root)
{
    for (const xmlNode *n = root->children; n; n = next_within(n, root, n->type == XML_ELEMENT_NODE)) {
        if ((name_is(n, "ol") || name_is(n, "ul")) && n->parent &&
            (name_is(n->parent, "ol") || name_is(n->parent, "ul")))
            return true;
    }
    return false;
}

/* Parses p[0..n) (in encoding, or as the page says when NULL) and walks it. */
static vnplan_status read_into(vn_markup *m, const char *p, size_t n, const char *encoding, vn_error *err)
{
    if (n > INT_MAX)
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "an HTML page larger than 2 GB");
    if (!vn_xml_use(err))
        return err->status;
    /* the library must never print: errors go nowhere, here and globally
     * (some of libxml2's messages bypass the context) */
    vn_xml_handlers handlers;
    vn_xml_handlers_push(&handlers, NULL, NULL);
    vnplan_status st = VNPLAN_OK;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    htmlDocPtr doc = NULL;
    if (!ctxt)
        vn_oom(); /* libxml2 fails here only when malloc does */
    ctxt->sax->serror = vn_xml_drop_error;
    ctxt->sax->warning = NULL;
    ctxt->sax->error = NULL;
    doc = htmlCtxtReadMemory(ctxt, p, (int)n, NULL, encoding,
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!doc) {
        st = vn_fail(err, VNPLAN_ERR_BINARY, "not readable as HTML");
        goto done;
    }
    walker w;
    memset(&w, 0, sizeof w);
    w.m = m;
    w.err = err;
    w.cap = VN_XML_MAX_DEPTH + 2;
    w.stack = vn_xcalloc(w.cap, sizeof *w.stack);
    w.multilevel = has_multilevel_lists((xmlNode *)doc);
    read_sheets(&w, (xmlNode *)doc);
    walk(&w, (xmlNode *)doc, false);
    for (size_t i = 0; i < w.nlater && !w.failed; i++)
        walk(&w, w.later[i], true);
    if (w.failed)
        st = w.err->status;
    free(w.stack);
    free(w.later);
done:
    if (doc)
        xmlFreeDoc(doc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    vn_xml_handlers_pop(&handlers);
    return st;
}

#define CHARSET_SNIFF_BYTES 4096 /* where a page names its charset (HTML says 1024) */

/* The encoding to read a page in when it names none: UTF-8 when its bytes
 * are UTF-8, else windows-1258, what a Vietnamese browser assumes; NULL
 * when the page says (a <meta> charset, an XML declaration, a BOM) and
 * libxml2 is to follow it. */
static const char *page_encoding(const unsigned char *p, size_t n)
{
    if ((n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) ||
        (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
        return NULL;
    size_t look = n < CHARSET_SNIFF_BYTES ? n : CHARSET_SNIFF_BYTES;
    for (size_t i = 0; i + 7 <= look; i++) /* each word compared only where it fits */
        if (strncasecmp((const char *)p + i, "charset", 7) == 0 ||
            (i + 8 <= look && strncasecmp((const char *)p + i, "encoding", 8) == 0))
            return NULL;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = i;
        if (vn_utf8_next((const char *)p, n, &k) == 0xFFFD && !(k - i == 3 && p[i] == 0xEF))
            return "windows-1258";
        i = k;
    }
    return "UTF-8";
}

vnplan_status vn_html_fragment(vn_markup *m, const char *p, size_t n, vn_error *err)
{
    return read_into(m, p, n, "UTF-8", err);
}

/* A DOCTYPE with an internal subset ("<!DOCTYPE html [<!ENTITY ...]>") is
 * where external entities and billion laughs live; no web page needs one.
 * libxml2's HTML parser would ignore it, but such a file is hostile, not a
 * plan: refused, so that no reader of it is ever fooled. */
#define DOCTYPE_SNIFF_BYTES 4096
static bool has_internal_subset(const unsigned char *p, size_t n)
{
    size_t look = n < DOCTYPE_SNIFF_BYTES ? n : DOCTYPE_SNIFF_BYTES;
    for (size_t i = 0; i + 9 <= look; i++) {
        if (p[i] != '<' || p[i + 1] != '!' || strncasecmp((const char *)p + i + 2, "DOCTYPE", 7) != 0)
            continue;
        for (size_t j = i + 9; j < look && p[j] != '>'; j++)
            if (p[j] == '[')
                return true;
        return false;
    }
    return false;
}

vnplan_status vn_read_html(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    if (has_internal_subset(p, n))
        return vn_fail(err, VNPLAN_ERR_BINARY,
                       "HTML file: its DOCTYPE declares entities or a DTD of its own, which no web page needs: "
                       "refused");
    vn_markup m;
    vn_markup_init(&m, out);
    vnplan_status st = read_into(&m, (const char *)p, n, page_encoding(p, n), err);
    vn_markup_free(&m);
    return st;
}
