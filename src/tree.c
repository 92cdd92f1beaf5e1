/* tree.c — nodes from logical lines.
 *
 * The body is nested with a stack of open levels, one per marker style in
 * the order the styles first appear (a document that puts "1." under "a)"
 * is nested that way).  A numbered line joins the tree only if it fits the
 * numbering: the next value of a style already open (I → II, 1 → 2,
 * a → b → c → d → đ), or the first value of a new one; a line that merely
 * starts with a number stays text.  List items (- + •) nest under whatever
 * is open; a paragraph never nests under a list item.
 *
 * The preamble, the closing, footnotes and annexes become parts of their
 * own, built from the pieces frame.c named. */
#include "stages.h"
#include "source.h"
#include "label.h"
#include "match.h"
#include "utf8.h"

#include <stdlib.h>

typedef struct level {
    int32_t node;
    uint8_t style;
    uint8_t depth;   /* DECIMAL: number of components */
    uint16_t indent; /* list items: columns before the marker */
    bool by_indent;  /* an item nested under one of its own style by indentation */
    uint32_t value;
} level;

typedef struct nest {
    level *v;
    size_t n, cap;
} nest;

#define COLON_TITLE_MAX_WORDS 24 /* "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức ...: ..." */
#define SENTENCE_TITLE_MAX_WORDS 5 /* "Mục đích." is a title; a longer sentence is text */

static bool is_bullet(uint8_t st)
{
    return st == VN_STYLE_DASH || st == VN_STYLE_PLUS || st == VN_STYLE_BULLET || st == VN_STYLE_CIRCLE;
}

static bool is_numbered(uint8_t st) { return st >= VN_STYLE_PHAN && st <= VN_STYLE_LOWER_ROMAN; }

static size_t count_words(const char *s, size_t a, size_t b)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = a; i < b; i++) {
        bool sp = vn_is_space(s[i]);
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static vn_span trim_span(const char *s, size_t a, size_t b)
{
    while (a < b && vn_is_space(s[a]))
        a++;
    while (b > a && vn_is_space(s[b - 1]))
        b--;
    return vn_span_make(a, b);
}

/* Title and text of a heading's content: "Sở Tài chính: Chủ trì ..." splits
 * at the colon; a long sentence is text, not a title. */
static void split_title(const char *s, vn_span content, vn_span *title, vn_span *text)
{
    size_t a = content.start, b = content.end;
    size_t e = b;
    while (e > a && vn_is_space(s[e - 1]))
        e--;
    /* a sentence: it ends with a full stop, or states a share and announces
     * its parts ("b. Tỷ lệ hồ sơ ... đạt tối thiểu 50%, trong đó:") */
    bool sentence = e > a && (s[e - 1] == '.' || (s[e - 1] == ':' && memchr(s + a, '%', e - a))) &&
                    count_words(s, a, e) > SENTENCE_TITLE_MAX_WORDS;
    for (size_t i = a; i < b && !(sentence && s[e - 1] == ':'); i++) {
        char c = s[i];
        if (c == '.' || c == ';')
            break;
        if (c == ':' && (i + 1 >= b || vn_is_space(s[i + 1]))) {
            if (count_words(s, a, i) > COLON_TITLE_MAX_WORDS)
                break;
            *title = trim_span(s, a, i);
            *text = trim_span(s, i + 1, b);
            return;
        }
    }
    if (sentence) {
        *title = vn_span_make(a, a);
        *text = trim_span(s, a, b);
        return;
    }
    if (e > a && s[e - 1] == ':')
        e--;
    *title = trim_span(s, a, e);
    *text = vn_span_make(b, b);
}

/* The last physical line of a logical line's words: a line at a page's foot
 * spans the page number and the next page's running header under it (and
 * the blank lines around them), which are none of its words ("... thị
 * trấn.", "Phấn đấu đến năm 2030:" at the foot). */
static uint32_t words_last(const vnplan_doc *doc, const vn_lline *ll)
{
    uint32_t last = ll->last;
    while (last > ll->head && (doc->plines[last].flags & (VN_PL_FURNITURE | VN_PL_BLANK)))
        last--;
    return last;
}

static void set_lines(vnplan_doc *doc, int32_t id, const vn_lline *ll)
{
    vn_node *n = &doc->nodes[id];
    n->line_first = ll->first;
    n->line_last = ll->last;
}

/* A node for a logical line with a marker. */
static int32_t add_marked(vnplan_doc *doc, int32_t parent, const vn_lline *ll, vn_kind kind,
                          uint8_t style, uint32_t value)
{
    const char *s = doc->text.s;
    const vn_pline *head = &doc->plines[ll->head];
    int32_t id = vn_node_add(doc, parent, kind);
    vn_node *n = &doc->nodes[id];
    n->style = style;
    n->value = value;
    set_lines(doc, id, ll);
    /* up to its last line of text (its title "... thị trấn.") */
    uint32_t last = words_last(doc, ll);
    vn_span content = vn_span_make(head->start + ll->cls.content_off, doc->plines[last].end);
    if (content.start > content.end)
        content.start = content.end;
    n->marker = trim_span(s, head->start, head->start + ll->cls.content_off);
    if (n->marker.end == n->marker.start && style == VN_STYLE_ENACT)
        n->marker = vn_span_make(head->start, head->start);
    n->number = vn_span_make(head->start + ll->cls.number_off,
                             head->start + ll->cls.number_off + ll->cls.number_len);
    if (kind == VN_KIND_ITEM) {
        n->title = vn_span_make(content.start, content.start);
        n->text = trim_span(s, content.start, content.end);
    } else if (style == VN_STYLE_ENACT || style == VN_STYLE_CAPS) {
        vn_span t = trim_span(s, head->start, content.end);
        n->marker = vn_span_make(t.start, t.start);
        size_t e = t.end;
        if (e > t.start && s[e - 1] == ':')
            e--;
        n->title = trim_span(s, t.start, e);
        n->text = vn_span_make(content.end, content.end);
    } else {
        split_title(s, content, &n->title, &n->text);
    }
    return id;
}

static int32_t add_paragraph(vnplan_doc *doc, int32_t parent, const vn_lline *ll, vn_kind kind)
{
    int32_t id = vn_node_add(doc, parent, kind);
    vn_node *n = &doc->nodes[id];
    set_lines(doc, id, ll);
    const char *s = doc->text.s;
    /* up to its last line of text, as a marked line's: "... tối thiểu 40%;"
     * at a page's foot ends a clause */
    n->text = trim_span(s, doc->plines[ll->head].start, doc->plines[words_last(doc, ll)].end);
    n->title = n->marker = n->number = vn_span_make(n->text.start, n->text.start);
    return id;
}

/* The number that marks [a, b) spell, in superscript or plain digits. */
static unsigned footnote_value(const char *s, size_t a, size_t b)
{
    unsigned v = 0;
    for (size_t i = a; i < b;) {
        int32_t cp = vn_utf8_next(s, b, &i);
        int d = cp >= '0' && cp <= '9' ? cp - '0' : cp == 0xB9 ? 1 : cp == 0xB2 ? 2 : cp == 0xB3 ? 3
              : cp >= 0x2070 && cp <= 0x2079 ? (int)(cp - 0x2070) : -1;
        if (d >= 0)
            v = v * 10 + (unsigned)d;
    }
    return v;
}

/* "¹ Nghị quyết số ...": the superscript is the footnote's marker and number. */
/* rule: the first line of the rule above this footnote, or UINT32_MAX */
static void add_footnote(vnplan_doc *doc, int32_t part, const vn_lline *ll, uint32_t rule)
{
    int32_t id = add_paragraph(doc, part, ll, VN_KIND_FOOTNOTE);
    vn_node *n = &doc->nodes[id];
    if (rule < n->line_first)
        n->line_first = rule; /* the rule is page furniture of the footnote area: its lines hold it */
    const char *s = doc->text.s;
    size_t i = n->text.start;
    bool superscript = false;
    while (i < n->text.end) {
        size_t k = i;
        int32_t cp = vn_utf8_next(s, n->text.end, &k);
        bool sup = cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079);
        if (!sup && !(cp >= '0' && cp <= '9'))
            break;
        superscript = superscript || sup;
        i = k;
    }
    n->marker = n->number = vn_span_make(n->text.start, i);
    if (superscript)
        n->flags |= VN_NODE_SUPERSCRIPT;
    /* "² 2 Theo tiêu chí ..." or "² ² Theo ...": the mark typed again after
     * the one Word or LibreOffice prints (a custom-mark footnote) is the same mark */
    size_t typed = i;
    while (typed < n->text.end && s[typed] == ' ')
        typed++;
    size_t d = typed;
    while (d < n->text.end) {
        size_t k = d;
        int32_t cp = vn_utf8_next(s, n->text.end, &k);
        if (!(cp >= '0' && cp <= '9') && !(cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079)))
            break;
        d = k;
    }
    if (superscript && d > typed && d < n->text.end && s[d] == ' ' &&
        footnote_value(s, n->text.start, i) == footnote_value(s, typed, d))
        i = d;
    n->text = trim_span(s, i, n->text.end);
    n->title = vn_span_make(n->text.start, n->text.start);
    /* pdftotext prints a raised footnote number after the footnote's text,
     * alone on the last line (lines_footnotes.c): the number is there */
    const vn_pline *last = &doc->plines[ll->last];
    if (i == n->marker.start && ll->last > ll->head && last->end - last->start <= 2 &&
        vn_is_digit(s[last->start]) && vn_is_digit(s[last->end - 1])) {
        n->marker = n->number = vn_span_make(last->start, last->end);
        n->text = trim_span(s, n->text.start, doc->plines[ll->last - 1].end);
    }
}

/* ---- nesting ----------------------------------------------------------------------- */

/* The level of an unnumbered heading announced by a colon: no marker style. */
#define LEVEL_ANNOUNCED ((uint8_t)VN_STYLE__COUNT)
#define ANNOUNCED_MAX_WORDS 8
#define GROUP_MAX_WORDS 30

/* "Mục tiêu cụ thể:", "Giai đoạn 2026 - 2030:": a short line that names a
 * part of the plan or a phase. */
static bool announces_part(const vnplan_doc *doc, const vn_lline *ll)
{
    const char *s = doc->text.s;
    vn_span sp = trim_span(s, doc->plines[ll->head].start, doc->plines[words_last(doc, ll)].end);
    if (sp.end > sp.start && s[sp.end - 1] == ':')
        sp.end--;
    if (sp.end <= sp.start || count_words(s, sp.start, sp.end) > ANNOUNCED_MAX_WORDS)
        return false;
    vn_buf tmp = {0}, key = {0};
    vn_render_span(doc, sp, &tmp);
    vn_fold_key(tmp.data ? tmp.data : "", tmp.len, &key);
    const char *k = key.data ? key.data : "";
    bool yes = (vn_section_label_of(doc->grammar, k, key.len, true) != VN_LABEL_NONE ||
                vn_phase_of(doc->grammar, k, key.len) != VN_PHASE_NONE) &&
               !vn_is_lead_in(doc->grammar, k, key.len);
    vn_buf_free(&tmp);
    vn_buf_free(&key);
    return yes;
}

/* "Nhóm nhiệm vụ 1: Tăng cường công tác tuyên truyền": a short unmarked
 * line that opens a numbered group of tasks. */
static bool opens_group(const vnplan_doc *doc, const vn_lline *ll)
{
    const char *s = doc->text.s;
    vn_span sp = trim_span(s, doc->plines[ll->head].start, doc->plines[words_last(doc, ll)].end);
    if (sp.end <= sp.start || count_words(s, sp.start, sp.end) > GROUP_MAX_WORDS)
        return false;
    vn_buf tmp = {0}, key = {0};
    vn_render_span(doc, sp, &tmp);
    vn_fold_key(tmp.data ? tmp.data : "", tmp.len, &key);
    bool yes = vn_opens_group(doc->grammar, key.data ? key.data : "", key.len);
    vn_buf_free(&tmp);
    vn_buf_free(&key);
    return yes;
}

/* Real documents nest a handful of levels; a hostile one could nest a new
 * level on every line and make every look-up of the stack linear.  Past
 * this depth a new item is still added, under the deepest open level, but
 * opens no level of its own. */
#define VN_MAX_NESTING 48

static void push(nest *st, int32_t node, uint8_t style, uint8_t depth, uint32_t value)
{
    if (st->n >= VN_MAX_NESTING)
        return;
    level *l = &VN_PUSH(st->v, st->n, st->cap);
    l->node = node;
    l->style = style;
    l->depth = depth;
    l->value = value;
    l->indent = 0;
    l->by_indent = false;
}

/* A list item whose marker a structured format computed (Word's numbering,
 * an HTML or Markdown list) has the list's level: that is its indentation,
 * four columns a level, and a deeper level nests whatever the words. */
static bool format_level(const vnplan_doc *doc, const vn_lline *ll)
{
    return ll->head < doc->nsrc && (doc->src[ll->head].flags & VN_SRC_LABEL);
}

#define POINTS_PER_COLUMN 6 /* a character of 12-13 pt type, for a format's indent in points */

static uint16_t line_indent(const vnplan_doc *doc, const vn_lline *ll)
{
    if (format_level(doc, ll))
        return (uint16_t)(doc->src[ll->head].level * 4);
    /* a typed marker in a paragraph the format indents (Word's left indent) */
    if (ll->head < doc->nsrc && doc->src[ll->head].indent > 0)
        return (uint16_t)(doc->src[ll->head].indent / POINTS_PER_COLUMN);
    return (uint16_t)vn_pline_indent(doc, ll->head);
}

static bool same_level(const level *l, uint8_t style, uint8_t depth)
{
    return l->style == style && (style != VN_STYLE_DECIMAL || l->depth == depth);
}

/* Where a numbered marker fits: returns the stack size to pop to before
 * pushing it (its parent is then the top), or 0 when it does not fit.
 *
 * `computed`: the format computed the number (a list's counter, not typed
 * text), so the line is certainly a list item and a repeated number is no
 * typist's slip.  When the words around a number are lost (an
 * HTML export writes "Mục %1." and "%1)" both as a plain <ol>, "1."),
 * two lists of one style follow each other: a 1 opens a list inside the
 * open item even right after another 1, and a later number goes on
 * whichever open list of its style it follows, the innermost first
 * ("1. Đến năm 2025", "1. Về chính quyền số", "2.", "3.", then "2. Định
 * hướng đến năm 2030" goes on the outer list).  A number that fits no open
 * list (a skip Word was told to make) is judged as typed text is, below. */
static size_t fit_numbered(const nest *st, uint8_t style, uint8_t depth, uint32_t value, bool strong_layout,
                           bool caps, bool computed)
{
    if (computed) {
        for (size_t k = st->n; k-- > 1;)
            if (same_level(&st->v[k], style, depth) && value == st->v[k].value + 1)
                return k;
        if (value == 1)
            return st->n;
    }
    /* a first Roman numeral with a title in capitals opens a section even
     * when the text starts at III. (an excerpt) */
    if (style == VN_STYLE_ROMAN && caps) {
        bool open = false;
        for (size_t k = 1; k < st->n; k++)
            open = open || st->v[k].style == VN_STYLE_ROMAN;
        if (!open)
            return st->n;
    }
    for (size_t k = st->n; k-- > 1;) {
        const level *l = &st->v[k];
        if (!same_level(l, style, depth))
            continue;
        if (value == l->value + 1)
            return k;
        /* a skipped or repeated number, or d → e without đ, where the line
         * clearly reads as a heading */
        if (strong_layout && (value == l->value + 2 || value == l->value))
            return k;
        if (value == 1)
            return st->n; /* a new list nested inside the open item */
        return 0;
    }
    return value == 1 ? st->n : 0;
}

/* "Phần I" / "Chương II" / "Điều 5" on a line of its own, with the title on
 * the next line ("NỘI DUNG KẾ HOẠCH"): that line is the title.  Returns the
 * index of the last logical line used. */
static uint32_t take_title_line(vnplan_doc *doc, int32_t id, uint32_t li, uint32_t to, vn_region region)
{
    vn_node *n = &doc->nodes[id];
    if (n->title.end > n->title.start || n->text.end > n->text.start)
        return li;
    uint32_t next = li + 1;
    while (next < to && doc->llines[next].region != region && doc->llines[next].region == VN_REGION_FOOTNOTE)
        next++;
    if (next >= to || doc->llines[next].region != region)
        return li;
    const vn_lline *nl = &doc->llines[next];
    const char *s = doc->text.s;
    vn_span sp = trim_span(s, doc->plines[nl->head].start, doc->plines[words_last(doc, nl)].end);
    bool titled = !nl->cls.style && sp.end > sp.start &&
                  (nl->cls.all_caps || (count_words(s, sp.start, sp.end) <= SENTENCE_TITLE_MAX_WORDS * 3 &&
                                         !nl->cls.ends_terminal));
    if (!titled)
        return li;
    if (sp.end > sp.start && s[sp.end - 1] == ':')
        sp.end--;
    n->title = sp;
    n->text = vn_span_make(sp.end, sp.end);
    n->line_last = nl->last;
    return next;
}

/* An unnumbered line in capitals whose words name a section: MỤC TIÊU. */
static bool is_section_heading(const vnplan_doc *doc, const vn_lline *ll)
{
    /* a heading at a page's foot: its words only */
    vn_span sp = vn_span_make(doc->plines[ll->head].start, doc->plines[words_last(doc, ll)].end);
    if (count_words(doc->text.s, sp.start, sp.end) > 12)
        return false;
    vn_buf tmp = {0}, key = {0};
    vn_render_span(doc, sp, &tmp);
    vn_fold_key(tmp.data ? tmp.data : "", tmp.len, &key);
    bool yes = vn_section_label_of(doc->grammar, key.data, key.len, true) != VN_LABEL_NONE;
    vn_buf_free(&tmp);
    vn_buf_free(&key);
    return yes;
}

static void build_body(vnplan_doc *doc, int32_t container, uint32_t from, uint32_t to, vn_region region)
{
    nest st = {0};
    push(&st, container, VN_STYLE_NONE, 0, 0);
    const char *s = doc->text.s;
    uint32_t last_line = from;
    for (uint32_t li = from; li < to; li++)
        if (doc->llines[li].region == region)
            last_line = li;
    for (uint32_t li = from; li < to; li++) {
        const vn_lline *ll = &doc->llines[li];
        if (ll->region != region)
            continue;
        const vn_class *c = &ll->cls;
        bool strong_layout = c->upper_start || c->all_caps;
        if (is_numbered(c->style)) {
            bool computed = format_level(doc, ll);
            size_t at = fit_numbered(&st, c->style, c->depth, c->value, strong_layout, c->all_caps, computed);
            uint8_t style = c->style;
            uint32_t value = c->value;
            if (!at && c->alt_style) {
                at = fit_numbered(&st, c->alt_style, 0, c->alt_value, strong_layout, c->all_caps, computed);
                style = c->alt_style;
                value = c->alt_value;
            }
            if (at) {
                st.n = at;
                int32_t id = add_marked(doc, st.v[st.n - 1].node, ll, VN_KIND_SECTION, style, value);
                push(&st, id, style, c->depth, value);
                li = take_title_line(doc, id, li, to, region);
                continue;
            }
        } else if (is_bullet(c->style)) {
            /* a sibling of the innermost open item of its style, unless
             * that one was indented deeper (a sub-list nested by
             * indentation is over) or announced sub-items with a colon and
             * this one is indented deeper ("..., trong đó:" then the parts,
             * indented, with the same dash: pandoc, Markdown-like text) */
            uint16_t indent = line_indent(doc, ll);
            size_t k = st.n;
            while (k-- > 1) {
                if (st.v[k].style != c->style)
                    continue;
                if (!st.v[k].by_indent || st.v[k].indent <= indent + 1)
                    break; /* else: a sub-list nested by indentation, which this item leaves */
            }
            bool nests = false, by_indent = false;
            if (k >= 1 && k < st.n && st.v[k].style == c->style) {
                const vn_node *open = &doc->nodes[st.v[k].node];
                nests = k == st.n - 1 && indent >= st.v[k].indent + 2 && open->text.end > open->text.start &&
                        (s[open->text.end - 1] == ':' || format_level(doc, ll));
                by_indent = nests || st.v[k].by_indent;
                st.n = nests ? st.n : k;
            }
            int32_t id = add_marked(doc, st.v[st.n - 1].node, ll, VN_KIND_ITEM, c->style, 0);
            push(&st, id, c->style, 0, 0);
            if (st.v[st.n - 1].node == id) {
                st.v[st.n - 1].indent = indent;
                st.v[st.n - 1].by_indent = by_indent;
            }
            continue;
        } else if (c->style == VN_STYLE_ENACT) {
            st.n = 1;
            int32_t id = add_marked(doc, container, ll, VN_KIND_HEADING, VN_STYLE_ENACT, 1);
            push(&st, id, VN_STYLE_ENACT, 0, 1);
            continue;
        }
        if (c->style == VN_STYLE_NONE && c->all_caps && is_section_heading(doc, ll)) {
            st.n = 1;
            int32_t id = add_marked(doc, container, ll, VN_KIND_HEADING, VN_STYLE_CAPS, 0);
            push(&st, id, VN_STYLE_CAPS, 0, 0);
            continue;
        }
        /* "Mục tiêu chung:", "Mục tiêu cụ thể:": a short line ending with a
         * colon that names a part of the plan or a phase announces what
         * follows — an unnumbered heading (the bold lost in plain text); the
         * next such line is its sibling */
        bool group = false;
        if (c->style == VN_STYLE_NONE &&
            ((c->ends_colon && announces_part(doc, ll)) ||
             (group = !c->ends_terminal && opens_group(doc, ll)))) {
            size_t k = st.n;
            while (k-- > 1 && st.v[k].style != LEVEL_ANNOUNCED)
                ;
            if (k >= 1 && k < st.n)
                st.n = k;
            while (st.n > 1 && is_bullet(st.v[st.n - 1].style))
                st.n--;
            int32_t id = add_marked(doc, st.v[st.n - 1].node, ll, VN_KIND_HEADING, VN_STYLE_NONE, 0);
            if (group) {
                /* the group's name and number are part of its title */
                vn_node *g = &doc->nodes[id];
                g->title = trim_span(s, doc->plines[ll->head].start, doc->plines[words_last(doc, ll)].end);
                g->text = vn_span_make(g->title.end, g->title.end);
            }
            push(&st, id, LEVEL_ANNOUNCED, 0, 0);
            continue;
        }
        /* a plain line: a paragraph, never inside a list item */
        while (st.n > 1 && is_bullet(st.v[st.n - 1].style))
            st.n--;
        /* the plan's last word ("... chỉ đạo./.") closes the list it follows,
         * and speaks for the section that holds the list */
        vn_span t = trim_span(s, doc->plines[ll->head].start, doc->plines[words_last(doc, ll)].end);
        if (li == last_line && t.end - t.start > 3 && memcmp(s + t.end - 3, "./.", 3) == 0 && st.n > 2)
            st.n--;
        add_paragraph(doc, st.v[st.n - 1].node, ll, VN_KIND_PARAGRAPH);
    }
    free(st.v);
}

/* ---- sub-headings whose numbers were lost ------------------------------------------ */

#define SUBHEADING_MAX_WORDS 16
#define SUBHEADING_MAX_BYTES 160

/* Whether a node's text stands on one printed line: a line at a page's foot
 * spans the page number and running header under it (the next page's text
 * starting a paragraph of its own), which are no lines of its text, so a
 * heading left alone at the foot is still one line. */
static bool on_one_line(const vnplan_doc *doc, const vn_node *n)
{
    if (n->line_first >= doc->nplines || n->line_last >= doc->nplines)
        return n->line_first == n->line_last;
    const vn_pline *first = &doc->plines[n->line_first];
    size_t shown = 0;
    for (uint32_t k = n->line_first; k <= n->line_last; k++)
        shown += !vn_pline_hidden(&doc->plines[k], first);
    return shown == 1;
}

/* A paragraph that reads as a sub-heading: short, on one line, starting with
 * a capital, no sentence or clause ending ("Mục đích", "Mục tiêu cụ thể đến
 * năm 2030", "Sở Giáo dục và Đào tạo"). */
static bool reads_as_subheading(const vnplan_doc *doc, const vn_node *n)
{
    if (n->kind != VN_KIND_PARAGRAPH || !on_one_line(doc, n))
        return false;
    const char *s = doc->text.s + n->text.start;
    size_t len = n->text.end - n->text.start;
    if (len == 0 || len > SUBHEADING_MAX_BYTES)
        return false;
    size_t i = 0;
    if (!vn_cp_is_upper(vn_utf8_next(s, len, &i)))
        return false;
    if (strchr(".;:,!?)", s[len - 1]))
        return false;
    size_t words = 1;
    for (size_t k = 0; k < len; k++)
        words += s[k] == ' ' && k + 1 < len && s[k + 1] != ' ';
    return words <= SUBHEADING_MAX_WORDS;
}

/* Word's automatic numbering lives outside the text, and converters such as
 * docx2txt drop it: "I. MỤC TIÊU" arrives as "MỤC TIÊU" (a capitals heading,
 * style caps) and "1. Mục tiêu chung" as a bare line.  Under an unnumbered
 * heading that holds only paragraphs and items, two or more bare lines that
 * read as sub-headings, each followed by text, are its sub-headings: each
 * becomes a heading holding what follows it up to the next one.  The plan's
 * last words ("... ./.") stay with the section. */
static void nest_unnumbered_subheadings(vnplan_doc *doc)
{
    int32_t *kids = NULL;
    size_t capkids = 0;
    bool moved = false;
    for (size_t h = 1; h < doc->nnodes; h++) {
        vn_node *H = &doc->nodes[h];
        if (H->kind != VN_KIND_HEADING || H->style != VN_STYLE_CAPS || H->first_child < 0)
            continue;
        /* the children, and whether each opens a sub-heading */
        size_t nk = 0, found = 0;
        bool flat = true;
        for (int32_t c = H->first_child; c >= 0 && flat; c = doc->nodes[c].next) {
            const vn_node *C = &doc->nodes[c];
            flat = C->kind == VN_KIND_PARAGRAPH || C->kind == VN_KIND_ITEM;
            kids = vn_grow(kids, &capkids, nk, 1, sizeof *kids);
            kids[nk++] = c;
            found += C->next >= 0 && C->first_child < 0 && reads_as_subheading(doc, C) &&
                     !reads_as_subheading(doc, &doc->nodes[C->next]);
        }
        if (!flat || found < 2)
            continue;
        /* relink: sub-headings and the text outside them under H, the rest
         * under the sub-heading before it */
        int32_t open = -1, last_top = -1;
        H->first_child = -1;
        for (size_t k = 0; k < nk; k++) {
            int32_t c = kids[k];
            vn_node *C = &doc->nodes[c];
            C->next = -1;
            bool opens = k + 1 < nk && C->first_child < 0 && reads_as_subheading(doc, C) &&
                         !reads_as_subheading(doc, &doc->nodes[kids[k + 1]]);
            bool closing = C->kind == VN_KIND_PARAGRAPH && C->text.end - C->text.start > 3 &&
                           memcmp(doc->text.s + C->text.end - 3, "./.", 3) == 0;
            if (opens) {
                C->kind = VN_KIND_HEADING;
                C->style = VN_STYLE_NONE;
                C->title = C->text;
                C->text = vn_span_make(C->text.end, C->text.end);
            }
            if (!opens && open >= 0 && !closing) {
                vn_node *O = &doc->nodes[open];
                if (O->first_child < 0)
                    O->first_child = c;
                else
                    doc->nodes[O->last_child].next = c;
                O->last_child = c;
                C->parent = open;
                moved = true;
                continue;
            }
            if (last_top < 0)
                H->first_child = c;
            else
                doc->nodes[last_top].next = c;
            last_top = c;
            H->last_child = c;
            open = opens ? c : -1;
        }
    }
    free(kids);
    /* moved subtrees are one level deeper; parents come before children */
    if (moved)
        for (size_t i = 1; i < doc->nnodes; i++)
            doc->nodes[i].depth = (uint16_t)(doc->nodes[doc->nodes[i].parent].depth + 1);
}

/* ---- parts from pieces -------------------------------------------------------------- */

static bool mergeable(vn_field f)
{
    /* a place and date too goes on: "..., ngày 12 tháng 9 năm" / "2025" (frame_date.c) */
    return f == VN_FIELD_ISSUER || f == VN_FIELD_MOTTO || f == VN_FIELD_TITLE || f == VN_FIELD_SIGNATURE ||
           f == VN_FIELD_AUTHORITY || f == VN_FIELD_PLACE_DATE;
}

static int32_t add_piece_node(vnplan_doc *doc, int32_t parent, const vn_piece *p, vn_kind kind)
{
    int32_t id = vn_node_add(doc, parent, kind);
    vn_node *n = &doc->nodes[id];
    n->field = p->field;
    const vn_lline *ll = &doc->llines[p->lline];
    n->line_first = ll->first;
    n->line_last = ll->last;
    n->text = p->span;
    n->title = n->marker = n->number = vn_span_make(p->span.start, p->span.start);
    return id;
}

typedef struct piece_state {
    int32_t recipients;               /* the "Nơi nhận:" node, or -1 */
    int32_t item, item_tail;          /* the latest recipient and its last piece, or -1 */
    int32_t last_of[VN_FIELD__COUNT]; /* the latest node of each field, or -1 */
    int32_t tail_of[VN_FIELD__COUNT]; /* ... and its last piece */
} piece_state;

static void build_piece(vnplan_doc *doc, int32_t part, vn_region region, size_t i, piece_state *ps);

/* Pieces of one region become nodes: what stands before the recipients (a
 * table's top border), the recipients with their items, then the rest.  In a
 * closing laid out in two columns the lines interleave, and nodes are kept
 * in tree order. */
static void build_pieces(vnplan_doc *doc, int32_t part, vn_region region, uint32_t from, uint32_t to)
{
    piece_state ps;
    ps.recipients = ps.item = ps.item_tail = -1;
    for (size_t f = 0; f < VN_FIELD__COUNT; f++)
        ps.last_of[f] = ps.tail_of[f] = -1;
    size_t first_recipient = doc->npieces;
    for (size_t i = 0; i < doc->npieces && first_recipient == doc->npieces; i++)
        if (doc->pieces[i].region == region && doc->pieces[i].field == VN_FIELD_RECIPIENTS &&
            doc->pieces[i].lline >= from && doc->pieces[i].lline < to)
            first_recipient = i;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < doc->npieces; i++) {
            const vn_piece *p = &doc->pieces[i];
            bool recipient = p->field == VN_FIELD_RECIPIENTS;
            int want = i < first_recipient ? 0 : recipient ? 1 : 2;
            if (p->region == region && want == pass && p->lline >= from && p->lline < to)
                build_piece(doc, part, region, i, &ps);
        }
}

/* In a header whose two columns were printed line by line and wrapped
 * differently, a line of the other column may stand alone between two lines
 * of a field: the motto's "NAM" between "ỦY BAN NHÂN DÂN" and "THÀNH PHỐ CẦN
 * THƠ", the issuer's second line between the motto's two — and, where a PDF
 * reader took the header table for two rows (the issuer's wrapped end and
 * the number beside the motto's second line), the number between the
 * motto's two lines too: a header has one motto. */
static bool header_columns_interleaved(const vnplan_doc *doc, vn_field f, uint32_t li)
{
    const vn_lline *ll = &doc->llines[li];
    if (ll->region != VN_REGION_PREAMBLE)
        return false;
    return (f == VN_FIELD_ISSUER && ll->field == VN_FIELD_MOTTO) ||
           (f == VN_FIELD_MOTTO && (ll->field == VN_FIELD_ISSUER || ll->field == VN_FIELD_NUMBER));
}

/* Whether piece i continues the field of the node its field last made: the
 * same field on the next logical line.  A field alone on its lines grows its
 * span; one that shares its lines with another column (a header or closing
 * laid out as a table) chains the piece (VN_NODE_JOINED). */
static bool continue_field(vnplan_doc *doc, int32_t part, vn_region region, size_t i, piece_state *ps)
{
    const vn_piece *p = &doc->pieces[i];
    if (!p->field || !mergeable((vn_field)p->field) || ps->last_of[p->field] < 0)
        return false;
    vn_node *n = &doc->nodes[ps->last_of[p->field]];
    vn_piece *tail = &doc->pieces[ps->tail_of[p->field]];
    if (n->parent != part || p->lline <= tail->lline)
        return false;
    for (uint32_t li = tail->lline + 1; li < p->lline; li++)
        if (doc->llines[li].region != VN_REGION_FOOTNOTE &&
            !(p->field == VN_FIELD_SIGNATURE && doc->llines[li].region == VN_REGION_CLOSING &&
              doc->llines[li].field == VN_FIELD_RECIPIENTS) &&
            !header_columns_interleaved(doc, (vn_field)p->field, li))
            return false; /* not the next line (a footnote between is no matter, nor, in a
                             closing whose two columns were printed line by line, recipients,
                             nor, in a header's, a line of the other column alone) */
    /* what lies between the two pieces: only spaces and line ends, or a
     * table's bars ("| Hòa Gianh Đông, ngày |" / "|   |   |" / "|   | năm
     * 2025 |": a cell's paragraphs in a grid table), which the text leaves out */
    bool blank_between = true;
    for (uint32_t k = tail->span.end; k < p->span.start && blank_between; k++)
        blank_between = vn_is_space(doc->text.s[k]);
    if (doc->nodes[part].last_child == ps->last_of[p->field] && i > 0 &&
        (size_t)ps->tail_of[p->field] == i - 1 && doc->pieces[i - 1].region == region &&
        !(n->flags & VN_NODE_JOINED) && blank_between) {
        /* consecutive pieces, nothing between them: one span */
        n->text.end = p->span.end;
    } else {
        if (!(n->flags & VN_NODE_JOINED)) {
            n->flags |= VN_NODE_JOINED;
            n->value = (uint32_t)ps->tail_of[p->field];
        }
        tail->next = (int32_t)i;
    }
    n->line_last = doc->llines[p->lline].last;
    ps->tail_of[p->field] = (int32_t)i;
    return true;
}

static void build_piece(vnplan_doc *doc, int32_t part, vn_region region, size_t i, piece_state *ps)
{
    const vn_piece *p = &doc->pieces[i];
    const char *s = doc->text.s;
    int32_t *recipients = &ps->recipients;
    if (continue_field(doc, part, region, i, ps))
        return;
    if (p->field == VN_FIELD_RECIPIENTS && p->item == VN_PIECE_ITEM_TAIL && ps->item >= 0) {
        /* a recipient's wrapped lines, printed beside the signature
         * (frame.c, closing_wrapped_cell): its text goes on there */
        vn_node *n = &doc->nodes[ps->item];
        if (!(n->flags & VN_NODE_JOINED)) {
            n->flags |= VN_NODE_JOINED;
            n->value = (uint32_t)ps->item_tail;
        }
        doc->pieces[ps->item_tail].next = (int32_t)i;
        ps->item_tail = (int32_t)i;
        return;
    }
    if (p->field == VN_FIELD_RECIPIENTS && p->item && *recipients >= 0) {
        const vn_lline *ll = &doc->llines[p->lline];
        int32_t id = vn_node_add(doc, *recipients, VN_KIND_ITEM);
        vn_node *n = &doc->nodes[id];
        n->line_first = ll->first;
        n->line_last = ll->last;
        vn_class c = vn_classify_line(doc->grammar, s + p->span.start, p->span.end - p->span.start, NULL);
        n->style = c.style;
        n->marker = trim_span(s, p->span.start, p->span.start + c.content_off);
        n->number = vn_span_make(p->span.start, p->span.start);
        n->title = vn_span_make(p->span.start + c.content_off, p->span.start + c.content_off);
        n->text = trim_span(s, p->span.start + c.content_off, p->span.end);
        ps->item = id;
        ps->item_tail = (int32_t)i;
        return;
    }
    int32_t id = add_piece_node(doc, part, p, p->field ? VN_KIND_FIELD : VN_KIND_PARAGRAPH);
    ps->last_of[p->field] = id;
    ps->tail_of[p->field] = (int32_t)i;
    if (p->field != VN_FIELD_RECIPIENTS)
        return;
    /* "Nơi nhận:" is the recipients' title */
    *recipients = id;
    vn_node *n = &doc->nodes[id];
    size_t colon = n->text.start;
    while (colon < n->text.end && s[colon] != ':')
        colon++;
    if (colon < n->text.end) {
        n->title = trim_span(s, n->text.start, colon);
        n->text = trim_span(s, colon + 1, n->text.end);
    } else {
        n->title = n->text;
        n->text = vn_span_make(n->text.end, n->text.end);
    }
}

static int32_t add_part(vnplan_doc *doc, vn_label label)
{
    int32_t id = vn_node_add(doc, 0, VN_KIND_PART);
    doc->nodes[id].label = (uint8_t)label;
    return id;
}

static bool has_region(const vnplan_doc *doc, vn_region r, uint32_t from, uint32_t to)
{
    for (size_t i = from; i < to && i < doc->nllines; i++)
        if (doc->llines[i].region == r)
            return true;
    return false;
}

/* Every node's span covers its own lines and all its children. */
static void finish_spans(vnplan_doc *doc)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        vn_node *n = &doc->nodes[i];
        bool own = n->kind != VN_KIND_DOCUMENT && n->kind != VN_KIND_PART;
        if (own && n->kind == VN_KIND_FIELD) {
            n->sub_start = n->text.start < n->title.start ? n->text.start : n->title.start;
            if (n->title.end > n->title.start && n->title.start < n->sub_start)
                n->sub_start = n->title.start;
            n->sub_end = n->text.end > n->title.end ? n->text.end : n->title.end;
            int32_t it = VN_TEXT_FIRST;
            vn_span sp;
            while (vn_node_text_next(doc, n, &it, &sp))
                if (sp.end > n->sub_end)
                    n->sub_end = sp.end;
            /* a field built from whole lines covers their furniture too */
            if (doc->plines[n->line_first].flags & VN_PL_FURNITURE)
                n->sub_start = doc->plines[n->line_first].start;
            if (doc->plines[n->line_last].flags & VN_PL_FURNITURE)
                n->sub_end = doc->plines[n->line_last].end;
        } else if (own) {
            n->sub_start = doc->plines[n->line_first].start;
            n->sub_end = doc->plines[n->line_last].end;
            if (n->kind == VN_KIND_ITEM && n->parent >= 0 && doc->nodes[n->parent].kind == VN_KIND_FIELD) {
                n->sub_start = n->marker.end > n->marker.start ? n->marker.start : n->text.start;
                n->sub_end = n->text.end;
                if (doc->plines[n->line_last].flags & VN_PL_FURNITURE)
                    n->sub_end = doc->plines[n->line_last].end;
            }
        } else {
            n->sub_start = UINT32_MAX;
            n->sub_end = 0;
        }
    }
    for (size_t i = doc->nnodes; i-- > 1;) {
        const vn_node *c = &doc->nodes[i];
        vn_node *p = &doc->nodes[c->parent];
        if (c->sub_start < p->sub_start)
            p->sub_start = c->sub_start;
        if (c->sub_end > p->sub_end)
            p->sub_end = c->sub_end;
    }
    for (size_t i = 0; i < doc->nnodes; i++)
        if (doc->nodes[i].sub_start == UINT32_MAX)
            doc->nodes[i].sub_start = doc->nodes[i].sub_end = 0;
}

void vn_tree_build(vnplan_doc *doc)
{
    /* about one node per logical line: one allocation, no copying */
    doc->nodes = vn_grow(doc->nodes, &doc->capnodes, 0, doc->nllines + doc->npieces + 8, sizeof *doc->nodes);
    vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    uint32_t n = (uint32_t)doc->nllines;
    size_t ndocs = doc->ndocs ? doc->ndocs : 1;
    /* each document of the file in turn: its preamble, body, closing, annexes */
    for (size_t d = 0; d < ndocs; d++) {
        uint32_t from = doc->ndocs ? doc->doc_start[d] : 0;
        uint32_t to = d + 1 < ndocs ? doc->doc_start[d + 1] : n;
        if (has_region(doc, VN_REGION_PREAMBLE, from, to))
            build_pieces(doc, add_part(doc, VN_LABEL_PREAMBLE), VN_REGION_PREAMBLE, from, to);
        build_body(doc, 0, from, to, VN_REGION_BODY);
        if (has_region(doc, VN_REGION_CLOSING, from, to))
            build_pieces(doc, add_part(doc, VN_LABEL_CLOSING), VN_REGION_CLOSING, from, to);
        if (has_region(doc, VN_REGION_ANNEX, from, to))
            build_body(doc, add_part(doc, VN_LABEL_ANNEX), from, to, VN_REGION_ANNEX);
    }
    nest_unnumbered_subheadings(doc);
    if (has_region(doc, VN_REGION_FOOTNOTE, 0, n)) {
        int32_t part = add_part(doc, VN_LABEL_FOOTNOTES);
        uint32_t rule = UINT32_MAX;
        for (size_t i = 0; i < doc->nllines; i++) {
            const vn_lline *ll = &doc->llines[i];
            if (ll->region != VN_REGION_FOOTNOTE)
                continue;
            if (ll->field == VN_FIELD_SEPARATOR) {
                rule = ll->first; /* the rule above the footnotes: no content of its own */
                continue;
            }
            add_footnote(doc, part, ll, rule);
            rule = UINT32_MAX;
        }
    }
    finish_spans(doc);
}
