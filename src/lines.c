/* lines.c — from physical lines to the logical lines a reader sees.
 *
 * Text extracted from PDF is hard-wrapped (sometimes with a blank line after
 * every line), breaks words and references across lines ("1002/QĐ-" then
 * "TTg"), starts page continuations with a space, and carries page numbers;
 * text from Word has one paragraph per line.  For each line the question is
 * the same: does it continue the line before it?  The answer comes from the
 * line's own start (a marker that fits the numbering so far, a lower-case
 * letter, a capital), from how the previous line ends (a sentence end, a
 * colon, a broken hyphen) and from the document's layout, measured once:
 * the wrap width, and whether blank lines carry meaning at all. */
#include "stages.h"
#include "lines_private.h"
#include "source.h"
#include "grammar.h"
#include "match.h"
#include "utf8.h"
#include "hash.h"

#include <stdlib.h>

/* Layout facts measured over the whole document. */
typedef struct layout {
    bool hard_wrapped;   /* lines end where the page ended, not where paragraphs end */
    uint32_t base_gap;   /* the usual number of blank lines between lines (1 when a
                            blank line follows every line): only more means something */
    uint32_t width;      /* typical length of a full line, in characters */
    uint32_t max_width;  /* the longest lines (98th percentile), in characters */
} layout;

/* What the numbering looked like so far, to tell "2. Yêu cầu" (a marker)
 * from a wrapped line that happens to start with "2.". */
typedef struct seq_memory {
    uint32_t last[VN_STYLE__COUNT];
    uint32_t last_decimal[8];
} seq_memory;

struct vn_lines_rules {
    vn_phrases capitalized;
    vn_phrases paragraph_start;
    vn_phrases number_before;
    vn_phrases continues_after;
    vn_phrases table_number_head;
    vn_phrases table_part_row;
    vn_phrases name_follows;
    vn_phrases stamp_signer;
    vn_phrases stamp_field;
    vn_phrases stamp_heading;
};

static const vn_phrase_block lines_blocks[] = {
    VN_PHRASE_BLOCK(struct vn_lines_rules, capitalized, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, paragraph_start, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, number_before, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, continues_after, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, table_number_head, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, table_part_row, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, name_follows, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, stamp_signer, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, stamp_field, false),
    VN_PHRASE_BLOCK(struct vn_lines_rules, stamp_heading, false),
};

vnplan_status vn_lines_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_lines_rules *r = g->lines = vn_xcalloc(1, sizeof *g->lines);
    return vn_phrases_load_blocks(r, g, "lines.txt", lines_blocks, VN_COUNT(lines_blocks), err);
}

/* Whether folded s[0..n) is, whole or at its start, a phrase of list. */
static bool listed(const vn_phrases *list, const char *s, size_t n, bool whole)
{
    vn_buf key = {0};
    vn_fold_key(s, n, &key);
    size_t len;
    const char *k = key.data ? key.data : "";
    bool yes = whole ? vn_phrases_whole(list, k, key.len) >= 0 : vn_phrases_prefix(list, k, key.len, &len) >= 0;
    vn_buf_free(&key);
    return yes;
}

bool vn_lines_table_number_head(const vnplan_grammar *g, const char *s, size_t n)
{
    return g && g->lines && n > 0 && n <= 32 && listed(&g->lines->table_number_head, s, n, true);
}

bool vn_lines_table_part_row(const vnplan_grammar *g, const char *s, size_t n)
{
    return g && g->lines && n > 0 && listed(&g->lines->table_part_row, s, n, false);
}

int vn_lines_stamp_key(const vnplan_grammar *g, const char *s, size_t n)
{
    if (!g || !g->lines)
        return VN_STAMP_NONE;
    const char *colon = memchr(s, ':', n < STAMP_KEY_MAX ? n : STAMP_KEY_MAX);
    size_t k = colon ? (size_t)(colon - s) : 0;
    if (k && listed(&g->lines->stamp_signer, s, k, true))
        return VN_STAMP_SIGNER;
    if (k && listed(&g->lines->stamp_field, s, k, true))
        return VN_STAMP_FIELD;
    /* Adobe's "Digitally signed by …" has no colon: the line's first
     * STAMP_KEY_MAX bytes, cut before a character */
    size_t head = n < STAMP_KEY_MAX ? n : STAMP_KEY_MAX;
    while (head < n && head > 0 && ((unsigned char)s[head] & 0xC0) == 0x80)
        head--;
    if (listed(&g->lines->stamp_signer, s, head, false))
        return VN_STAMP_SIGNER;
    return n <= STAMP_KEY_MAX && listed(&g->lines->stamp_heading, s, n, true) ? VN_STAMP_HEADING : VN_STAMP_NONE;
}

void vn_lines_rules_free(struct vn_lines_rules *r)
{
    if (!r)
        return;
    vn_phrases_free_blocks(r, lines_blocks, VN_COUNT(lines_blocks));
    free(r);
}

#define FULL_LINE_SHARE 0.75  /* a line this close to the wrap width was wrapped */
#define WRAP_WIDTH_MAX 160    /* wider "lines" are paragraphs, not wrapped lines */
#define HEADING_MAX_WORDS 24  /* a numbered line longer than this reads as a sentence */
#define COLUMN_GAP_SPACES 4   /* this many spaces inside a line separate columns */

/* ---- physical lines ------------------------------------------------------------ */

/* The line ends a sentence: . ; : ! ? before any closing brackets and quotes. */
static bool ends_sentence(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ')' || s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ']'))
        n--;
    if (n == 0)
        return false;
    char c = s[n - 1];
    return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

static void split_physical(vnplan_doc *doc)
{
    const char *s = doc->text.s;
    size_t n = doc->text.len, lines = 1;
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))) != NULL; p++)
        lines++;
    /* one allocation of the right size: no copying as the array grows */
    doc->plines = vn_grow(doc->plines, &doc->capplines, 0, lines, sizeof *doc->plines);
    size_t i = 0;
    while (i <= n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) : n;
        vn_pline *pl = &VN_PUSH(doc->plines, doc->nplines, doc->capplines);
        size_t a = i, b = j;
        while (a < b && vn_is_hspace(s[a]))
            a++;
        while (b > a && vn_is_space(s[b - 1]))
            b--;
        pl->start = (uint32_t)a;
        pl->end = (uint32_t)b;
        size_t chars = vn_utf8_count(s + a, b - a);
        pl->chars = (uint16_t)(chars > UINT16_MAX ? UINT16_MAX : chars);
        pl->flags = a == b ? VN_PL_BLANK : 0;
        if (ends_sentence(s + a, b - a))
            pl->flags |= VN_PL_TERMINAL;
        if (j >= n)
            break;
        i = j + 1;
    }
}

/* A page's number: one to three digits from *i on (moved past them). */
static bool page_digits(const char *s, size_t n, size_t *i)
{
    size_t d = *i;
    while (*i < n && vn_is_digit(s[*i]))
        ++*i;
    return *i > d && *i - d <= 3;
}

/* A page number: "2", "- 2 -", "Trang 2", "2/15". */
static bool is_page_number(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (vn_dash_len(s, n, i) || vn_is_hspace(s[i])))
        i += vn_dash_len(s, n, i) ? vn_dash_len(s, n, i) : 1;
    if (n - i >= 5 && (strncmp(s + i, "Trang", 5) == 0 || strncmp(s + i, "trang", 5) == 0 ||
                       strncmp(s + i, "Page", 4) == 0 || strncmp(s + i, "page", 4) == 0)) {
        i += s[i] == 'T' || s[i] == 't' ? 5 : 4;
        while (i < n && vn_is_hspace(s[i]))
            i++;
    }
    if (!page_digits(s, n, &i))
        return false;
    if (i < n && s[i] == '/') { /* "3/12" */
        i++;
        if (!page_digits(s, n, &i))
            return false;
    }
    while (i < n && (vn_dash_len(s, n, i) || vn_is_hspace(s[i])))
        i += vn_dash_len(s, n, i) ? vn_dash_len(s, n, i) : 1;
    return i == n;
}

/* A running header or footer: a line printed on every page ("UBND TỈNH GIA
 * LAI - KH số 214/KH-UBND"), found next to a page number or a form feed,
 * the same text at least twice. */
#define RUNNING_MIN_CHARS 8

/* The line's text without a leading form feed. */
static void page_text(const vnplan_doc *doc, const vn_pline *pl, const char **s, size_t *n)
{
    *s = doc->text.s + pl->start;
    *n = pl->end - pl->start;
    while (*n && (**s == '\f' || **s == ' '))
        (*s)++, (*n)--;
}

static void mark_running_lines(vnplan_doc *doc)
{
    vn_hashed *v = NULL; /* the hash of a line's text, the line */
    size_t nv = 0, cap = 0;
    size_t prev = SIZE_MAX; /* the previous non-blank line */
    for (size_t k = 0; k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->flags & VN_PL_BLANK)
            continue;
        if (!(pl->flags & VN_PL_FURNITURE)) {
            size_t next = k + 1;
            while (next < doc->nplines && (doc->plines[next].flags & VN_PL_BLANK))
                next++;
            bool by_page = doc->text.s[pl->start] == '\f' ||
                           (prev != SIZE_MAX && (doc->plines[prev].flags & VN_PL_FURNITURE)) ||
                           (next < doc->nplines && (doc->plines[next].flags & VN_PL_FURNITURE));
            const char *s;
            size_t n;
            page_text(doc, pl, &s, &n);
            if (by_page && pl->chars >= RUNNING_MIN_CHARS) {
                vn_hashed *r = &VN_PUSH(v, nv, cap);
                r->hash = vn_hash_bytes(s, n);
                r->item = k;
            }
        }
        prev = k;
    }
    if (nv > 1)
        qsort(v, nv, sizeof *v, vn_hashed_cmp);
    for (size_t i = 0; i < nv;) {
        size_t j = i + 1;
        while (j < nv && v[j].hash == v[i].hash)
            j++;
        if (j - i >= 2) {
            /* the same text (checked, not only the hash) at two page breaks or more */
            const char *a, *b;
            size_t an, bn;
            page_text(doc, &doc->plines[v[i].item], &a, &an);
            size_t same = 1;
            for (size_t k = i + 1; k < j; k++) {
                page_text(doc, &doc->plines[v[k].item], &b, &bn);
                same += an == bn && memcmp(a, b, an) == 0;
            }
            if (same >= 2)
                for (size_t k = i; k < j; k++) {
                    page_text(doc, &doc->plines[v[k].item], &b, &bn);
                    if (an == bn && memcmp(a, b, an) == 0)
                        doc->plines[v[k].item].flags |= VN_PL_FURNITURE;
                }
        }
        i = j;
    }
    free(v);
}

/* "|        |        |": a line of a grid table (pandoc -t plain of a table
 * whose cells hold several paragraphs) between two paragraphs of its cells.
 * Its bars are drawn, nothing is written: it must neither end a cell's text
 * (the issuer "ỦY BAN NHÂN DÂN" / "XÃ ..." stays one field) nor be a line. */
static bool is_empty_grid_row(const char *s, size_t n) { return vn_count_alone(s, n, '|') >= 2; }

static void mark_furniture(vnplan_doc *doc)
{
    bool any = false;
    for (size_t k = 0; k < doc->nplines; k++) {
        vn_pline *pl = &doc->plines[k];
        if (!(pl->flags & VN_PL_BLANK) && is_empty_grid_row(doc->text.s + pl->start, pl->end - pl->start)) {
            pl->flags |= VN_PL_FURNITURE;
            continue;
        }
        if (!(pl->flags & VN_PL_BLANK) && is_page_number(doc->text.s + pl->start, pl->end - pl->start)) {
            pl->flags |= VN_PL_FURNITURE;
            any = true;
        }
    }
    if (any || memchr(doc->text.s, '\f', doc->text.len))
        mark_running_lines(doc);
}

static bool lone_bullet(const char *s, size_t n)
{
    size_t i = 0;
    int32_t cp = vn_utf8_next(s, n, &i);
    return i == n && (cp == 0x2022 || cp == 0x25AA || cp == 0x25E6 || cp == 0xF0B7 || cp == 0xB7);
}

static bool is_content(const vn_pline *pl) { return !(pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE)); }

/* A list marker alone on its line ("a)", "2."): plain pdftotext prints a
 * justified paragraph of a Word list so, the marker, a blank line, then the
 * text.  Not "Phần I" or "Điều 5", whose titles tree.c takes from the next
 * line, nor a Roman numeral. */
static bool lone_list_marker(const char *s, size_t n, const vn_class *c)
{
    if (c->style != VN_STYLE_ARABIC && c->style != VN_STYLE_ARABIC_PAREN && c->style != VN_STYLE_DECIMAL &&
        c->style != VN_STYLE_ALPHA && c->style != VN_STYLE_LOWER_ROMAN)
        return false;
    while (n && (*s == ' ' || *s == '\f'))
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    return n > 0 && n <= 6 && !memchr(s, ' ', n);
}


/* The length below which `share` of the lines fall, from a histogram
 * (lines longer than LENGTH_BUCKETS count in the last bucket). */
#define LENGTH_BUCKETS 1024
static uint32_t percentile(const size_t *hist, size_t count, size_t share_percent)
{
    size_t want = (count * share_percent) / 100, seen = 0;
    for (uint32_t len = 0; len < LENGTH_BUCKETS; len++) {
        seen += hist[len];
        if (seen > want)
            return len;
    }
    return LENGTH_BUCKETS - 1;
}

static layout measure_layout(const vnplan_doc *doc)
{
    layout lay = {false, 0, 0, 0};
    size_t count = 0;
    size_t *hist = vn_xcalloc(LENGTH_BUCKETS, sizeof *hist);
    size_t gaps[4] = {0, 0, 0, 0}, gap = 0;
    bool seen = false;
    for (size_t k = 0; k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->flags & VN_PL_BLANK) {
            gap++;
            continue;
        }
        if (!is_content(pl))
            continue;
        hist[pl->chars < LENGTH_BUCKETS ? pl->chars : LENGTH_BUCKETS - 1]++;
        count++;
        if (seen)
            gaps[gap < 3 ? gap : 3]++;
        seen = true;
        gap = 0;
    }
    for (uint32_t g = 1; g < 4; g++)
        if (gaps[g] > gaps[lay.base_gap])
            lay.base_gap = g;
    if (count >= 4) {
        uint32_t w = percentile(hist, count, 90);
        lay.width = w;
        lay.max_width = percentile(hist, count, 98);
        if (w >= 30 && w <= WRAP_WIDTH_MAX) {
            /* wrapped: many lines reach the width without ending a sentence */
            size_t full_open = 0;
            for (size_t k = 0; k < doc->nplines; k++) {
                const vn_pline *pl = &doc->plines[k];
                if (is_content(pl) && pl->chars >= w * FULL_LINE_SHARE && !(pl->flags & VN_PL_TERMINAL))
                    full_open++;
            }
            lay.hard_wrapped = full_open * 5 >= count;
        }
    }
    free(hist);
    return lay;
}

/* ---- continuation decisions ----------------------------------------------------- */

static bool is_numbered(uint8_t style)
{
    return style >= VN_STYLE_PHAN && style <= VN_STYLE_LOWER_ROMAN;
}

static bool is_bullet(uint8_t style)
{
    return style == VN_STYLE_DASH || style == VN_STYLE_PLUS || style == VN_STYLE_BULLET || style == VN_STYLE_CIRCLE;
}

static bool is_strong(const vn_class *c)
{
    switch (c->style) {
    case VN_STYLE_PHAN:
    case VN_STYLE_CHUONG:
    case VN_STYLE_DIEU:
    case VN_STYLE_ENACT:
    case VN_STYLE_ROMAN:
        return true;
    case VN_STYLE_MUC:
    case VN_STYLE_UPPER_ALPHA:
        return c->all_caps;
    default:
        return false;
    }
}

static bool fits_value(uint32_t last, uint32_t value)
{
    if (value == 1)
        return true;              /* a list may (re)start anywhere */
    if (last == 0)
        return false;             /* "3." with no "1." or "2." before is text */
    return value == last + 1 || value == last + 2 || value == last;
}

static bool plausible(const seq_memory *m, const vn_class *c, uint8_t *style, uint32_t *value)
{
    if (is_bullet(c->style) || c->style == VN_STYLE_ENACT) {
        *style = c->style;
        *value = c->value;
        return true;
    }
    if (!is_numbered(c->style))
        return false;
    if (c->style == VN_STYLE_DECIMAL) {
        uint8_t d = c->depth < 8 ? c->depth : 7;
        *style = c->style;
        *value = c->value;
        return fits_value(m->last_decimal[d], c->value);
    }
    if (fits_value(m->last[c->style], c->value)) {
        *style = c->style;
        *value = c->value;
        return true;
    }
    if (c->alt_style && fits_value(m->last[c->alt_style], c->alt_value)) {
        *style = c->alt_style;
        *value = c->alt_value;
        return true;
    }
    return false;
}

static void remember(seq_memory *m, const vn_class *c, uint8_t style, uint32_t value)
{
    if (style == VN_STYLE_DECIMAL)
        m->last_decimal[c->depth < 8 ? c->depth : 7] = value;
    else if (style < VN_STYLE__COUNT)
        m->last[style] = value;
}

/* Superscript digits open a footnote: "¹ Nghị quyết số 42/2025/NQ-HĐND ...". */
static bool starts_footnote(const char *s, size_t n)
{
    size_t i = 0;
    int32_t cp = vn_utf8_next(s, n, &i);
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079);
}

typedef struct line_view {
    const char *s;
    size_t n;
    uint32_t chars;
    const vn_class *c;
    bool separator; /* vn_is_separator_line */
} line_view;

enum verdict { JOIN, JOIN_NOSPACE, JOIN_DEHYPHEN, BREAK };

static size_t words(const line_view *v)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < v->n; i++) {
        bool sp = vn_is_hspace(v->s[i]);
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static char last_char(const line_view *v) { return v->n ? v->s[v->n - 1] : 0; }

/* A rule under a title, a footnote separator, a picture left by a converter:
 * a line of its own. */
static bool is_rule(const line_view *v) { return v->separator; }

static bool is_year_at(const char *s, size_t n, size_t i)
{
    return i + 4 <= n && (s[i] == '1' || s[i] == '2') && vn_is_digit(s[i + 1]) && vn_is_digit(s[i + 2]) &&
           vn_is_digit(s[i + 3]) && (i + 4 == n || !vn_is_digit(s[i + 4]));
}

static bool starts_with_year(const char *s, size_t n) { return is_year_at(s, n, 0); }

static bool ends_with_year(const line_view *v)
{
    return v->n >= 4 && is_year_at(v->s, v->n, v->n - 4) && (v->n == 4 || !vn_is_digit(v->s[v->n - 5]));
}

/* The line's last word is in the list (folded). */
static bool ends_with_listed(const vn_phrases *list, const line_view *v)
{
    size_t a = v->n;
    while (a > 0 && !vn_is_hspace(v->s[a - 1]))
        a--;
    if (a == v->n)
        return false;
    vn_buf key = {0};
    vn_fold_key(v->s + a, v->n - a, &key);
    bool yes = vn_phrases_whole(list, key.data ? key.data : "", key.len) >= 0;
    vn_buf_free(&key);
    return yes;
}

/* A TAB, or a run of spaces too wide for justified text, inside the line. */
static bool has_column_gap(const line_view *v)
{
    if (vn_is_table_row(v->s, v->n))
        return true;
    size_t run = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (v->s[i] == '\t')
            return true;
        run = v->s[i] == ' ' ? run + 1 : 0;
        if (run >= COLUMN_GAP_SPACES)
            return true;
    }
    return false;
}



static uint32_t first_word_chars(const line_view *v)
{
    size_t i = 0;
    while (i < v->n && !vn_is_hspace(v->s[i]))
        i++;
    return (uint32_t)vn_utf8_count(v->s, i);
}

/* A capital at the start of a wrapped line, in the middle of a sentence, is
 * a name: an acronym (UBND, THPT), a word the grammar lists (Ủy ban, Sở,
 * Quyết định ...), or two capitalised words in a row (Lạng Sơn). */
static bool starts_with(const vn_phrases *list, const line_view *C)
{
    /* the first three words, folded */
    size_t end = 0, words_seen = 0;
    while (end < C->n && words_seen < 3) {
        while (end < C->n && !vn_is_hspace(C->s[end]))
            end++;
        words_seen++;
        while (words_seen < 3 && end < C->n && vn_is_hspace(C->s[end]))
            end++;
    }
    vn_buf key = {0};
    vn_fold_key(C->s, end, &key);
    bool listed = vn_phrases_prefix(list, key.data ? key.data : "", key.len, NULL) >= 0;
    vn_buf_free(&key);
    return listed;
}

/* The line's last word is capitalized: a capital, then small letters ("Sở",
 * not the "cơ sở" of a school, nor a heading's "BAN" in capitals). */
static bool ends_capitalized(const line_view *v)
{
    size_t a = v->n;
    while (a > 0 && !vn_is_hspace(v->s[a - 1]))
        a--;
    size_t i = a;
    if (a == v->n || !vn_cp_is_upper(vn_utf8_next(v->s, v->n, &i)))
        return false;
    while (i < v->n)
        if (vn_cp_is_lower(vn_utf8_next(v->s, v->n, &i)))
            return true;
    return false;
}

/* The line starts with a capital letter. */
static bool starts_capital(const line_view *v)
{
    size_t i = 0;
    return v->n > 0 && vn_cp_is_upper(vn_utf8_next(v->s, v->n, &i));
}

static bool may_continue(const struct vn_lines_rules *rules, const line_view *C)
{
    size_t i = 0, n = C->n;
    const char *s = C->s;
    if (i < n && vn_is_digit(s[i]))
        return true;

    size_t w1 = 0;
    while (w1 < n && !vn_is_hspace(s[w1]))
        w1++;
    size_t letters = 0, lower = 0;
    for (size_t k = 0; k < w1;) {
        int32_t cp = vn_utf8_next(s, w1, &k);
        if (vn_cp_is_letter(cp)) {
            letters++;
            lower += vn_cp_is_lower(cp);
        }
    }
    if (letters >= 2 && lower == 0)
        return true;
    size_t w2 = w1;
    while (w2 < n && vn_is_hspace(s[w2]))
        w2++;
    if (w2 < n) {
        size_t k = w2;
        if (vn_cp_is_upper(vn_utf8_next(s, n, &k)))
            return true;
    }
    return starts_with(&rules->capitalized, C);
}

static enum verdict decide_layout(const struct vn_lines_rules *rules, const layout *lay, seq_memory *mem,
                                  const line_view *P, const line_view *C, size_t gap, bool in_heading,
                                  bool in_footnote);

static enum verdict decide(const struct vn_lines_rules *rules, const layout *lay, seq_memory *mem,
                           const line_view *P, const line_view *C, size_t gap, bool in_heading,
                           bool in_footnote)
{
    enum verdict v = decide_layout(rules, lay, mem, P, C, gap, in_heading, in_footnote);
    /* "phối hợp với" + "Tổ công nghệ số ...": no sentence ends on such a word
     * (asked only of a break, the rarer verdict: it folds a word) */
    if (v == BREAK && !C->c->style && !P->c->ends_terminal && !starts_footnote(C->s, C->n) &&
        !is_rule(C) && !is_rule(P) && !has_column_gap(P) && !has_column_gap(C) &&
        ends_with_listed(&rules->continues_after, P))
        return JOIN;
    /* "Nơi nhận: UBND tỉnh (b/c); Sở" + "Nội vụ; …": the head of a body's
     * name in capitals ends the line, its name starts the next (a run-on
     * list wrapped in a narrow cell); a heading may end on the body itself
     * ("3. Văn phòng Sở", "… trực thuộc Sở") */
    if (v == BREAK && !in_heading && !C->c->style && !P->c->ends_terminal && !is_rule(C) && !has_column_gap(P) &&
        !has_column_gap(C) && ends_capitalized(P) && starts_capital(C) && ends_with_listed(&rules->name_follows, P))
        return JOIN;
    return v;
}

/* "chất lư-" + "ợng": a syllable broken by hyphenation (a PDF viewer's
 * copy) — small letters on both sides that make one Vietnamese syllable —
 * not a reference ("1002/QĐ-" + "TTg") or a compound ("kinh tế-" + "xã"). */
#define SYLLABLE_MAX 8
static bool hyphenated_syllable(const line_view *P, const line_view *C)
{
    int32_t cp[2 * SYLLABLE_MAX];
    size_t n = 0, end = P->n - 1; /* before the hyphen */
    size_t a = end;
    while (a > 0 && !vn_is_hspace(P->s[a - 1]))
        a--;
    for (size_t i = a; i < end;) {
        int32_t c = vn_utf8_next(P->s, end, &i);
        if (!vn_cp_is_lower(c) || n >= SYLLABLE_MAX)
            return false;
        cp[n++] = c;
    }
    size_t head = n;
    for (size_t i = 0; i < C->n;) {
        int32_t c = vn_utf8_next(C->s, C->n, &i);
        if (!vn_cp_is_letter(c))
            break;
        if (!vn_cp_is_lower(c) || n >= 2 * SYLLABLE_MAX)
            return false;
        cp[n++] = c;
    }
    return head > 0 && n > head && vn_is_vn_syllable(cp, n);
}

static enum verdict decide_layout(const struct vn_lines_rules *rules, const layout *lay, seq_memory *mem,
                                  const line_view *P, const line_view *C, size_t gap, bool in_heading,
                                  bool in_footnote)
{
    const vn_class *cp = P->c, *cc = C->c;
    bool full = lay->hard_wrapped && P->chars >= lay->width * FULL_LINE_SHARE;
    bool paragraph_gap = gap > lay->base_gap;

    /* a rule glued to the line under it ("---------Thực hiện …") still
     * closes the block above it */
    if (starts_footnote(C->s, C->n) || is_rule(C) || is_rule(P) || vn_glued_rule_end(C->s, C->n))
        return BREAK;
    /* "giai đoạn 2025" + "- 2035; ...": a range of years going on, not an item */
    if (cc->style == VN_STYLE_DASH && !cp->ends_terminal && ends_with_year(P) &&
        starts_with_year(C->s + cc->content_off, C->n - cc->content_off))
        return JOIN;

    uint8_t style;
    uint32_t value;
    if (cc->style && plausible(mem, cc, &style, &value)) {
        bool brk;
        if (is_strong(cc))
            brk = true;
        else if (is_bullet(style))
            /* "- xã hội" after a line with no sentence end is a wrapped
             * "kinh tế - xã hội", not an item: items start with a capital */
            brk = cp->ends_terminal || !cc->lower_start || paragraph_gap;
        else
            brk = cp->ends_terminal || !full || cc->upper_start || paragraph_gap;
        if (brk) {
            remember(mem, cc, style, value);
            return BREAK;
        }
        /* in wrapped text, however short the line before (the last of a
         * page, or of a wrap before a long word) */
        if (is_bullet(style) && lay->hard_wrapped)
            return JOIN;
    }
    if (cp->ends_hyphen) {
        size_t i = 0;
        int32_t first = vn_utf8_next(C->s, C->n, &i);
        if (vn_cp_is_alnum(first))
            return hyphenated_syllable(P, C) ? JOIN_DEHYPHEN : JOIN_NOSPACE;
    }
    /* a slash ends the line, what it joins starts the next: a unit
     * ("2.500 người/" + "năm"), a number ("Quyết định số 1002/" +
     * "QĐ-TTg"), a date ("ngày 24/" + "5/2025") */
    if (!cc->style && P->n >= 2 && P->s[P->n - 1] == '/') {
        size_t k = P->n - 1, i = 0;
        int32_t before = vn_utf8_prev(P->s, &k), first = vn_utf8_next(C->s, C->n, &i);
        if (vn_cp_is_alnum(before) && vn_cp_is_alnum(first))
            return JOIN_NOSPACE;
    }
    if (cc->lower_start && !cc->style)
        return JOIN;
    /* a row of a table laid out in columns (a two-column header or closing) */
    if (has_column_gap(P) || has_column_gap(C))
        return BREAK;
    /* "theo Kế hoạch số" + "3/KH-UBND ...": a number that the line announced */
    if (vn_is_digit(C->s[0]) && !cp->ends_terminal && ends_with_listed(&rules->number_before, P))
        return JOIN;
    if (cc->lower_start && cc->style && !cc->upper_start)
        return JOIN; /* an implausible marker such as "v." inside a sentence */
    if (paragraph_gap)
        return BREAK;
    /* from a title in capitals to ordinary text: the title ended */
    if (cp->all_caps && !cc->all_caps && cc->upper_start && words(P) >= 2)
        return BREAK;
    /* from ordinary text to a line of capitals (not an acronym or two): a heading */
    if (!cp->all_caps && cc->all_caps && words(C) >= 4 && !cc->ends_terminal)
        return BREAK;
    if (cp->all_caps && cc->all_caps)
        return full && !cp->ends_terminal ? JOIN : BREAK;
    if (!lay->hard_wrapped)
        return BREAK;
    /* A capital after a line that does not end a sentence: a name that goes
     * on (Ủy ban, Lạng Sơn, Robotics) — or a new paragraph after a heading or
     * a title that carries no punctuation.  Inside a paragraph the name is
     * the likelier; after a heading, only a recognisable name continues it. */
    char last = last_char(P);
    bool wrapped = P->chars + 1 + first_word_chars(C) > lay->max_width; /* the next word did not fit */
    if (!cp->ends_terminal && last != ',') {
        if (!full || starts_with(&rules->paragraph_start, C))
            return BREAK;
        if (in_heading)
            return may_continue(rules, C) ? JOIN : BREAK;
        return JOIN;
    }
    /* after a comma or a semicolon a capital is a name, or a careless capital
     * in a line that was wrapped; anything else starts anew */
    if (last == ',' || last == ';')
        return full && !starts_with(&rules->paragraph_start, C) && (may_continue(rules, C) || wrapped)
                   ? JOIN
                   : BREAK;
    /* A sentence ended at the end of a line.  If the next word could not have
     * fitted on this line, the line ended because the page did: the paragraph
     * goes on.  (Exact for text wrapped by character count; text from PDF,
     * set in proportional type, mostly fails this test and gets a break.) */
    if (last == '.' && wrapped && !in_footnote)
        return JOIN;
    return BREAK;
}

/* ---- building -------------------------------------------------------------------- */

#define PAGE_GAPS_MIN 6 /* gaps a page needs to set its own line spacing */

/* The usual number of blank lines between the lines of the page starting at
 * physical line k, up to the next page furniture (a page number, a running
 * header): pdftotext spaces each page on its own, so a document may be
 * double-spaced on some pages only.  A page with too few lines keeps the
 * document's spacing. */
static uint32_t page_base_gap(const vnplan_doc *doc, size_t k, uint32_t whole)
{
    size_t gaps[4] = {0, 0, 0, 0}, gap = 0, measured = 0;
    bool seen = false, bounded = k > 0; /* a page only between page furniture */
    for (size_t j = k; j < doc->nplines; j++) {
        const vn_pline *pl = &doc->plines[j];
        if (pl->flags & VN_PL_FURNITURE) {
            bounded = true;
            break;
        }
        if (pl->flags & VN_PL_BLANK) {
            gap++;
            continue;
        }
        if (!is_content(pl))
            continue;
        if (seen) {
            gaps[gap < 3 ? gap : 3]++;
            measured++;
        }
        seen = true;
        gap = 0;
    }
    if (!bounded || measured < PAGE_GAPS_MIN)
        return whole;
    /* a page is spaced out only when (nearly) every line is: lines that
     * follow each other with no blank say the blanks end paragraphs */
    if (gaps[0] * 10 > measured)
        return 0;
    uint32_t best = 1;
    for (uint32_t g = 2; g < 4; g++)
        if (gaps[g] > gaps[best])
            best = g;
    return best;
}

/* A structured format says itself which lines are page furniture. */
static void mark_source_furniture(vnplan_doc *doc)
{
    for (size_t k = 0; k < doc->nsrc && k < doc->nplines; k++)
        if ((doc->src[k].flags & VN_SRC_FURNITURE) && !(doc->plines[k].flags & VN_PL_BLANK))
            doc->plines[k].flags |= VN_PL_FURNITURE;
}

/* A structured format's paragraph: a line of its own, whatever its words. */
static bool source_paragraph(const vnplan_doc *doc, size_t k)
{
    return k < doc->nsrc && (doc->src[k].flags & VN_SRC_PARA);
}

/* A structured format's line that goes on from the one before, whatever its
 * words ("kinh tế" + "- Xã hội", "Kế hoạch này." + "Tổng hợp ..."). */
static bool source_continues(const vnplan_doc *doc, size_t k)
{
    return k < doc->nsrc && (doc->src[k].flags & VN_SRC_CONT);
}

void vn_lines_build(vnplan_doc *doc)
{
    split_physical(doc);
    mark_furniture(doc);
    mark_source_furniture(doc);
    vn_lines_mark_stamps(doc);
    vn_lines_mark_pandoc_tables(doc);
    vn_lines_mark_layout_tables(doc);
    vn_lines_mark_tab_tables(doc);
    vn_lines_mark_stacked_tables(doc);
    vn_footnote_block *footnotes = NULL;
    size_t nfootnotes = vn_lines_find_page_footnotes(doc, &footnotes);
    layout lay = measure_layout(doc);
    /* most lines are logical lines of their own: size the array once */
    doc->llines = vn_grow(doc->llines, &doc->capllines, 0, doc->nplines / 2 + 16, sizeof *doc->llines);

    /* Lines are classified as they come: only this line's class and the
     * previous content line's are needed (a class per line for a 100 MB
     * input would be as large as the input). */
    vn_class cur_cls, prev_cls;
    bool have_prev = false, prev_joined = false;
    seq_memory mem;
    memset(&mem, 0, sizeof mem);
    vn_lline *cur = NULL;
    size_t last_content = (size_t)-1, gap = 0, cur_words = 0;
    const uint32_t whole_gap = lay.base_gap;
    for (size_t k = 0; k < doc->nplines; k++) {
        vn_pline *pl = &doc->plines[k];
        if (k == 0 || (pl->flags & VN_PL_FURNITURE))
            lay.base_gap = page_base_gap(doc, k + (k > 0), whole_gap);
        if (pl->flags & VN_PL_BLANK) {
            gap++;
            continue;
        }
        if (pl->flags & VN_PL_FURNITURE) {
            /* a page break is transparent: the blanks around it say nothing */
            gap = 0;
            if (cur)
                cur->last = (uint32_t)k;
            continue;
        }
        const char *cs = doc->text.s + pl->start;
        size_t cn = pl->end - pl->start;
        /* a marker is read against the line before it, or against the item
         * that line went on (a bullet's wrapped text, then "o Chính sách":
         * Word's second-level bullet, its symbol lost) */
        const vn_class *before = !have_prev ? NULL : prev_joined && cur ? &cur->cls : &prev_cls;
        cur_cls = vn_classify_line(doc->grammar, cs, cn, before);
        line_view C = {cs, cn, pl->chars, &cur_cls, vn_is_separator_line(doc->grammar, cs, cn)};
        enum verdict v = BREAK;
        if (pl->flags & VN_PL_TABLE) {
            /* a table laid out with spaces: a row's lines are one logical line */
            v = cur && !(pl->flags & VN_PL_TABLE_ROW) && (doc->plines[last_content].flags & VN_PL_TABLE) ? JOIN
                                                                                                      : BREAK;
        } else if (cur && last_content != (size_t)-1 && (doc->plines[last_content].flags & VN_PL_TABLE)) {
            v = BREAK; /* the table ended */
        } else if (source_paragraph(doc, k)) {
            uint8_t st;
            uint32_t val;
            if (cur_cls.style && plausible(&mem, &cur_cls, &st, &val))
                remember(&mem, &cur_cls, st, val);
        } else if (cur && last_content != (size_t)-1) {
            const vn_pline *pp = &doc->plines[last_content];
            const char *ps = doc->text.s + pp->start;
            size_t pn = pp->end - pp->start;
            line_view P = {ps, pn, pp->chars, &prev_cls, vn_is_separator_line(doc->grammar, ps, pn)};
            /* a numbered line that has run past a heading's length is a sentence */
            bool in_heading = ((cur->cls.style && !is_bullet(cur->cls.style)) || cur->cls.all_caps) &&
                              cur_words <= HEADING_MAX_WORDS;
            const vn_pline *hp = &doc->plines[cur->head];
            bool in_footnote = starts_footnote(doc->text.s + hp->start, hp->end - hp->start);
            v = decide(doc->grammar->lines, &lay, &mem, &P, &C, gap, in_heading, in_footnote);
            /* "KẾ HOẠCH" alone on its line, then the title in small letters
             * ("thực hiện Nghị quyết số 57-NQ/TW ..."), as party committees
             * write it: the type line is never the start of a sentence */
            if (v != BREAK && prev_cls.all_caps && !prev_cls.style &&
                vn_frame_is_doc_type_line(doc->grammar, P.s, P.n))
                v = BREAK;
            /* nor the end of one: the header's last field, left-aligned
             * with no blank line after it (a pandoc .docx printed to PDF:
             * "Số: 09/KH-UBND Tam Phước Đông, ngày … năm 2026" / "KẾ
             * HOẠCH"), does not go on into the type line */
            if (v != BREAK && cur_cls.all_caps && !cur_cls.style && vn_frame_is_doc_type_line(doc->grammar, C.s, C.n))
                v = BREAK;
            if (v == BREAK && source_continues(doc, k))
                v = JOIN;
            /* a PDF's bullet glyph alone on its line: it opens an item whose text is the next line */
            if (lone_bullet(C.s, C.n))
                v = BREAK;
            else if (lone_bullet(P.s, P.n))
                v = JOIN;
            /* so is a list marker alone on its line, whatever blank lines follow it */
            else if (!cur_cls.style && lone_list_marker(P.s, P.n, &prev_cls) && cur->head == last_content)
                v = JOIN;
        } else if (cur_cls.style) {
            uint8_t st;
            uint32_t val;
            if (plausible(&mem, &cur_cls, &st, &val))
                remember(&mem, &cur_cls, st, val);
        }
        if (v == BREAK)
            cur_words = 0;
        /* only a heading's length matters (see in_heading) */
        if (cur_words <= HEADING_MAX_WORDS &&
            ((v == BREAK && ((cur_cls.style && !is_bullet(cur_cls.style)) || cur_cls.all_caps)) ||
             (v != BREAK && cur && ((cur->cls.style && !is_bullet(cur->cls.style)) || cur->cls.all_caps)))) {
            line_view cv = {C.s, C.n, 0, NULL, false};
            cur_words += words(&cv);
        }
        if (v == BREAK) {
            vn_lline *ll = &VN_PUSH_ZERO(doc->llines, doc->nllines, doc->capllines);
            ll->first = (uint32_t)k;
            ll->head = (uint32_t)k;
            ll->last = (uint32_t)k;
            ll->cls = cur_cls;
            if (pl->flags & (VN_PL_TABLE | VN_PL_TAB_ROW)) {
                /* a row's first cell ("1.1", "2") numbers the row, not a heading */
                ll->cls.style = ll->cls.alt_style = VN_STYLE_NONE;
                ll->cls.content_off = 0;
            }
            cur = ll;
        } else {
            pl->flags |= VN_PL_CONT;
            if (v == JOIN_NOSPACE || v == JOIN_DEHYPHEN)
                pl->flags |= VN_PL_JOIN_NOSPACE;
            if (v == JOIN_DEHYPHEN)
                pl->flags |= VN_PL_DEHYPHEN;
            cur->last = (uint32_t)k;
        }
        prev_cls = cur_cls;
        prev_joined = v != BREAK;
        have_prev = true;
        last_content = k;
        gap = 0;
    }
    vn_lines_add_footnote_lines(doc, footnotes, nfootnotes);
    free(footnotes);
    if (doc->nllines) {
        /* page furniture before the first line of text belongs to it */
        for (size_t k = 0; k < doc->llines[0].head; k++)
            if (doc->plines[k].flags & VN_PL_FURNITURE) {
                doc->llines[0].first = (uint32_t)k;
                break;
            }
    }
}
