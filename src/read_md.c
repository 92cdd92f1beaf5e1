/* read_md.c — a Markdown file into source lines (source.h, markup.h).
 *
 * Markdown reaches vnplan from converters (docling, marker, pandoc -t gfm)
 * run over a plan's .docx.  md4c parses it (CommonMark with GitHub's pipe
 * tables, MD_DIALECT_GITHUB) and calls back for every block, span and piece
 * of text; md4c keeps its own containers in arrays, not on the C stack, and
 * the blocks open here are counted so that a file nested deeper than
 * MD_MAX_DEPTH (lists in quotes in lists ...) is refused, not walked.
 *
 * What is read, as a reader of the rendered page sees it: headings ("## I.
 * MỤC TIÊU" is the paragraph "I. MỤC TIÊU", flagged a heading), paragraphs
 * without their emphasis marks (bold is flagged when the whole paragraph is
 * bold), backslash escapes resolved ("1\." is "1.", "\-" is "-"), list
 * items with the number or bullet the list gives them, pipe tables as
 * layout tables (two columns: the header, the closing) or data tables,
 * code spans and blocks as text, raw HTML blocks through the HTML reader
 * (pandoc writes a table whose cells hold several paragraphs as HTML).
 * HTML comments are not text, except a converter's picture placeholder
 * "<!-- image -->" (docling), which stands where the page shows a picture —
 * the rules under the header, the signature and seal — and is kept as a
 * line of its own, as "[pic]" is in a text export.  Images are left out.
 *
 * md4c has no footnotes: definitions "[^1]: ..." (and the indented lines
 * that continue them) are taken out of the text before md4c reads it, and
 * each reference "[^1]" in the rest becomes the footnote's number as a
 * superscript digit; the footnotes are then read, each through md4c on its
 * own, after the body, numbered in the order they are first referenced. */
#include "read_html.h"
#include "read_md_tables.h"
#include "utf8.h"

#include "xml_dl.h"
#include "dl.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#define MD_MAX_DEPTH VN_XML_MAX_DEPTH /* blocks open inside one another */
#define MD_MAX_LABEL 64               /* bytes of a footnote label */
#define MD_MAX_FOOTNOTES 10000        /* definitions taken out; later ones stay text */
#define MD_NOTE_SLOTS 32768           /* the labels' hash table: a power of two, > 2 x MD_MAX_FOOTNOTES */

typedef struct md_list {
    bool ordered;
    long next;
    char delim; /* '.' or ')'; a bullet list's mark */
} md_list;

typedef struct md_reader {
    vn_markup m;
    md_list lists[MD_MAX_DEPTH + 1];
    size_t nlists;
    size_t depth;
    int bold, italic, image;
    int sup;    /* <sup> open: digits are a superscript (a footnote mark, m²) */
    int quotes; /* block quotes open: an indented paragraph (vn_markup_indent) */
    bool in_code, in_html;
    /* a paragraph whose first text opens a grid table ("+----+----+", pandoc
     * -t markdown's table of multi-paragraph cells, which Markdown itself
     * does not know): its lines are kept as lines, so that the text stages
     * read its rows and bars as they read pandoc's plain text */
    bool para_first, grid;
    const char *doc, *doc_end; /* the Markdown md4c reads */
    const char *seen;          /* the end of the last text md4c gave from the document */
    const char *scan;          /* where the last search for a rule line stopped */
    vn_buf html;
    vn_error *err;
    vnplan_status failed;
} md_reader;

/* ---- footnotes, outside md4c ---------------------------------------------------- */

typedef struct md_note {
    const char *label;
    size_t label_len;
    vn_buf text;     /* its Markdown, continuation lines unindented */
    unsigned number; /* 0 until referenced */
} md_note;

typedef struct md_notes {
    md_note *v;
    size_t n, cap;
    unsigned numbered;
    uint32_t *slots; /* index + 1 of the note whose label hashes there, 0 empty */
} md_notes;

static size_t line_end(const char *p, size_t n, size_t i)
{
    const char *nl = memchr(p + i, '\n', n - i);
    return nl ? (size_t)(nl - p) : n;
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!vn_is_space((unsigned char)s[i]))
            return false;
    return true;
}

/* "[^label]:" at a line's start (up to three spaces): the label's bounds and
 * where the text after the colon starts. */
static bool note_definition(const char *s, size_t n, size_t *ls, size_t *le, size_t *text)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i + 4 > n || s[i] != '[' || s[i + 1] != '^')
        return false;
    size_t j = i + 2;
    while (j < n && s[j] != ']' && !vn_is_space((unsigned char)s[j]) && j - i - 2 < MD_MAX_LABEL)
        j++;
    if (j == i + 2 || j + 1 >= n || s[j] != ']' || s[j + 1] != ':')
        return false;
    *ls = i + 2;
    *le = j;
    *text = j + 2;
    return true;
}

/* A fence line: three or more ` or ~ after up to three spaces. */
static bool fence_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    size_t k = i;
    while (k < n && s[k] == s[i] && (s[i] == '`' || s[i] == '~'))
        k++;
    return k - i >= 3;
}

static size_t label_slot(const md_notes *notes, const char *label, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)label[i]) * 16777619u;
    size_t k = h & (MD_NOTE_SLOTS - 1);
    while (notes->slots[k]) {
        const md_note *o = &notes->v[notes->slots[k] - 1];
        if (o->label_len == len && memcmp(o->label, label, len) == 0)
            break;
        k = (k + 1) & (MD_NOTE_SLOTS - 1);
    }
    return k;
}

static md_note *find_note(md_notes *notes, const char *label, size_t len)
{
    if (!notes->slots)
        return NULL;
    size_t k = label_slot(notes, label, len);
    return notes->slots[k] ? &notes->v[notes->slots[k] - 1] : NULL;
}

/* A new footnote, or NULL past MD_MAX_FOOTNOTES. */
static md_note *add_note(md_notes *notes, const char *label, size_t len)
{
    if (notes->n >= MD_MAX_FOOTNOTES)
        return NULL;
    if (!notes->slots)
        notes->slots = vn_xcalloc(MD_NOTE_SLOTS, sizeof *notes->slots);
    size_t k = label_slot(notes, label, len);
    md_note *note = &VN_PUSH_ZERO(notes->v, notes->n, notes->cap);
    note->label = label;
    note->label_len = len;
    notes->slots[k] = (uint32_t)notes->n;
    return note;
}

/* Copies a line, each "[^label]" of a defined footnote replaced by its
 * number as superscript digits (numbered at its first reference). */
static void put_with_refs(vn_buf *out, const char *s, size_t n, md_notes *notes)
{
    static const char *const sup[10] = {"\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3", "\xE2\x81\xB4",
                                        "\xE2\x81\xB5", "\xE2\x81\xB6", "\xE2\x81\xB7", "\xE2\x81\xB8",
                                        "\xE2\x81\xB9"};
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '[' && s[j] != '`')
            j++;
        vn_buf_put(out, s + i, j - i);
        if (j >= n)
            break;
        if (s[j] == '`') {
            /* a code span is copied as it is, up to the run of backticks that closes it */
            size_t run = 0;
            while (j + run < n && s[j + run] == '`')
                run++;
            size_t k = j + run, end = j + run; /* no closing run: the backticks alone */
            bool closed = false;
            while (k < n && !closed) {
                size_t r = 0;
                while (k + r < n && s[k + r] == '`')
                    r++;
                if (r == run) {
                    end = k + r;
                    closed = true;
                }
                k += r ? r : 1;
            }
            vn_buf_put(out, s + j, end - j);
            i = end;
            continue;
        }
        size_t k = j + 2;
        while (k < n && s[k] != ']' && !vn_is_space((unsigned char)s[k]) && k - j - 2 < MD_MAX_LABEL)
            k++;
        md_note *note = NULL;
        if (j + 2 < n && s[j + 1] == '^' && k < n && s[k] == ']' && k > j + 2 && (j == 0 || s[j - 1] != '\\'))
            note = find_note(notes, s + j + 2, k - j - 2);
        if (!note) {
            vn_buf_putc(out, '[');
            i = j + 1;
            continue;
        }
        if (!note->number)
            note->number = ++notes->numbered;
        char digits[16];
        int len = snprintf(digits, sizeof digits, "%u", note->number);
        for (int d = 0; d < len; d++)
            vn_buf_puts(out, sup[digits[d] - '0']);
        i = k + 1;
    }
}

/* Splits the file into the body (definitions taken out, references
 * replaced) and the footnotes.  A definition goes on over the lines right
 * after it (lazy continuation) and, past a blank line, over lines indented
 * by four spaces or a TAB. */
static void split_notes(const char *p, size_t n, vn_buf *body, md_notes *notes)
{
    bool fenced = false, after_blank = false;
    md_note *cur = NULL;
    vn_buf kept = {0}; /* the lines that are not footnotes, before references are replaced */
    for (size_t i = 0; i < n;) {
        size_t e = line_end(p, n, i);
        const char *s = p + i;
        size_t len = e - i;
        size_t ls, le, t;
        bool indented = len && (s[0] == '\t' || (len >= 4 && memcmp(s, "    ", 4) == 0));
        if (!cur && fence_line(s, len))
            fenced = !fenced;
        md_note *def = NULL;
        bool is_def = !fenced && note_definition(s, len, &ls, &le, &t);
        if (is_def) {
            def = find_note(notes, s + ls, le - ls);
            if (def)
                vn_buf_putc(&def->text, '\n'); /* a second definition of a label: its text follows */
            else
                def = add_note(notes, s + ls, le - ls);
            if (!def)
                cur = NULL; /* past the limit: the definition stays text */
        }
        if (def) {
            cur = def;
            vn_buf_put(&cur->text, s + t, len - t);
            vn_buf_putc(&cur->text, '\n');
            after_blank = false;
        } else if (cur && blank_line(s, len)) {
            vn_buf_putc(&cur->text, '\n');
            after_blank = true;
        } else if (cur && (indented || !after_blank)) {
            size_t skip = !indented ? 0 : s[0] == '\t' ? 1 : 4;
            vn_buf_put(&cur->text, s + skip, len - skip);
            vn_buf_putc(&cur->text, '\n');
            after_blank = false;
        } else {
            if (cur)
                vn_buf_putc(&kept, '\n'); /* the blank line that ended the footnote */
            cur = NULL;
            vn_buf_put(&kept, s, len);
            vn_buf_putc(&kept, '\n');
        }
        i = e + 1;
    }
    /* references in the body, then inside footnotes; footnotes never referenced last */
    fenced = false;
    for (size_t i = 0; i < kept.len;) {
        size_t e = line_end(kept.data, kept.len, i);
        if (fence_line(kept.data + i, e - i))
            fenced = !fenced;
        if (fenced || !notes->n)
            vn_buf_put(body, kept.data + i, e - i);
        else
            put_with_refs(body, kept.data + i, e - i, notes);
        vn_buf_putc(body, '\n');
        i = e + 1;
    }
    vn_buf_free(&kept);
    for (size_t k = 0; k < notes->n; k++) {
        vn_buf refd = {0};
        put_with_refs(&refd, notes->v[k].text.data ? notes->v[k].text.data : "", notes->v[k].text.len, notes);
        vn_buf_free(&notes->v[k].text);
        notes->v[k].text = refd;
    }
    for (size_t k = 0; k < notes->n; k++)
        if (!notes->v[k].number)
            notes->v[k].number = ++notes->numbered;
}

/* ---- md4c callbacks --------------------------------------------------------------- */

/* The first error stops md4c and is the one said. */
static int fail(md_reader *r, const vn_error *e)
{
    if (!r->failed) {
        if (r->err)
            *r->err = *e;
        r->failed = e->status;
    }
    return 1; /* md4c stops */
}

static void picture(md_reader *r)
{
    vn_markup_end(&r->m);
    vn_markup_text(&r->m, "<!-- image -->", 14, false, false);
    vn_markup_end(&r->m);
}

/* The comments of a run of raw HTML: a picture placeholder is a line; the
 * rest of the markup, a line break aside, is not text. */
static bool only_comments(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && vn_is_space((unsigned char)s[i]))
            i++;
        if (i >= n)
            return true;
        if (n - i < 4 || memcmp(s + i, "<!--", 4) != 0)
            return false;
        const char *end = NULL;
        for (size_t k = i + 4; k + 3 <= n && !end; k++)
            if (memcmp(s + k, "-->", 3) == 0)
                end = s + k;
        if (!end)
            return false;
        i = (size_t)(end - s) + 3;
    }
    return true;
}

static void comments(md_reader *r, const char *s, size_t n)
{
    size_t i = 0;
    while (i + 4 <= n) {
        const char *open = NULL;
        for (size_t k = i; k + 4 <= n && !open; k++)
            if (memcmp(s + k, "<!--", 4) == 0)
                open = s + k;
        if (!open)
            break;
        size_t a = (size_t)(open - s) + 4, b = a;
        while (b + 3 <= n && memcmp(s + b, "-->", 3) != 0)
            b++;
        size_t x = a, y = b < n ? b : n;
        while (x < y && vn_is_space((unsigned char)s[x]))
            x++;
        while (y > x && vn_is_space((unsigned char)s[y - 1]))
            y--;
        if (y - x == 5 && strncasecmp(s + x, "image", 5) == 0)
            picture(r);
        i = b + 3;
    }
}

/* Whether the tag s[0..n) is <name ...> (close: </name>). */
static bool is_tag(const char *s, size_t n, const char *name, bool close)
{
    size_t i = close ? 2 : 1, len = strlen(name);
    if (n < i + len + 1 || s[0] != '<' || (close && s[1] != '/') || strncasecmp(s + i, name, len) != 0)
        return false;
    char c = s[i + len];
    return c == '>' || c == '/' || vn_is_space((unsigned char)c);
}

/* A tag of inline raw HTML: <br> breaks the line, <sup> raises the digits
 * it holds (pandoc writes a superscript run so: a footnote's custom mark,
 * m²); the rest is markup. */
static void inline_html(md_reader *r, const char *s, size_t n)
{
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        comments(r, s, n);
        return;
    }
    if (is_tag(s, n, "sup", false) && s[n - 2] != '/') {
        r->sup++;
        return;
    }
    if (is_tag(s, n, "sup", true)) {
        if (r->sup > 0)
            r->sup--;
        return;
    }
    if (n >= 3 && strncasecmp(s, "<br", 3) == 0 && (n == 3 || !((s[3] | 0x20) >= 'a' && (s[3] | 0x20) <= 'z')))
        vn_markup_break(&r->m);
}

static void entity(md_reader *r, const char *s, size_t n)
{
    int32_t cp = -1;
    char name[40];
    if (n >= 4 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        long v = 0;
        for (size_t i = hex ? 3 : 2; i + 1 < n && v <= 0x10FFFF; i++)
            v = v * (hex ? 16 : 10) + (vn_is_digit((unsigned char)s[i]) ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
        cp = v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) ? (int32_t)v : 0xFFFD;
    } else if (n >= 3 && n - 2 < sizeof name) {
        memcpy(name, s + 1, n - 2);
        name[n - 2] = '\0';
        /* libxml2's table of HTML entities: loaded by the first named
         * entity (xml_dl.h); without it the entity stays as written */
        const htmlEntityDesc *d = vn_xml_use(NULL) ? htmlEntityLookup((const xmlChar *)name) : NULL;
        if (d)
            cp = (int32_t)d->value;
    }
    if (cp < 0) {
        vn_markup_text(&r->m, s, n, r->bold > 0, r->italic > 0);
        return;
    }
    char out[4];
    int len = vn_utf8_encode(cp, out);
    vn_markup_text(&r->m, out, (size_t)len, r->bold > 0, r->italic > 0);
}

/* Where s[0..n) is a thematic break: its bounds. */
static bool rule_run(const char *s, size_t n, size_t i, size_t *from, size_t *to)
{
    if (i >= n || (s[i] != '-' && s[i] != '*' && s[i] != '_'))
        return false;
    char c = s[i];
    size_t marks = 0, e = i;
    for (size_t k = i; k < n; k++) {
        if (s[k] == c) {
            marks++;
            e = k + 1;
        } else if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r') {
            return false;
        }
    }
    *from = i;
    *to = e;
    return marks >= 3;
}

/* Where the line s[0..n) holds a thematic break once the marks of the
 * containers it is in are taken off: quotes' '>', list items' "1." "-"
 * ("1. ***" is an item holding a break; "- - -" is a break itself). */
static bool thematic_break(const char *s, size_t n, size_t *from, size_t *to)
{
    size_t i = 0;
    for (;;) {
        while (i < n && (s[i] == '>' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (rule_run(s, n, i, from, to))
            return true;
        size_t k = i;
        while (k < n && k - i < 9 && vn_is_digit((unsigned char)s[k]))
            k++;
        if (k > i && k < n && (s[k] == '.' || s[k] == ')'))
            k++;
        else if (k == i && i < n && (s[i] == '-' || s[i] == '+' || s[i] == '*'))
            k++;
        else
            return false;
        if (k >= n || (s[k] != ' ' && s[k] != '\t'))
            return false;
        i = k;
    }
}

/* The rule line of a thematic break: the first line after the last text
 * read that holds one (md4c gives text as pointers into the document, the
 * break as an event without its characters); "----------" when none is
 * found.  The search goes on from where the last one stopped, so that a
 * file of many breaks is read in linear time. */
static void rule_line(md_reader *r)
{
    const char *p = r->doc;
    if (p && r->seen && r->seen > r->doc && r->seen <= r->doc_end) {
        /* past the rest of the line the last text was on */
        const char *nl = memchr(r->seen, '\n', (size_t)(r->doc_end - r->seen));
        p = nl ? nl + 1 : r->doc_end;
    }
    if (r->scan && r->scan > p)
        p = r->scan;
    while (p && p < r->doc_end) {
        const char *e = memchr(p, '\n', (size_t)(r->doc_end - p));
        size_t len = e ? (size_t)(e - p) : (size_t)(r->doc_end - p), a, b;
        if (thematic_break(p, len, &a, &b)) {
            vn_markup_text(&r->m, p + a, b - a, false, false);
            r->scan = p + len;
            return;
        }
        p += len + (e != NULL);
    }
    r->scan = p;
    vn_markup_text(&r->m, "----------", 10, false, false);
}

/* The blocks of a table, its rows and its cells: vn_markup's table calls
 * handle them, and they end no paragraph here. */
static bool table_part(MD_BLOCKTYPE type)
{
    return type == MD_BLOCK_TABLE || type == MD_BLOCK_TR || type == MD_BLOCK_TH || type == MD_BLOCK_TD;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    md_reader *r = user;
    if (type == MD_BLOCK_DOC)
        return 0;
    if (++r->depth > MD_MAX_DEPTH) {
        vn_error e;
        vn_fail(&e, VNPLAN_ERR_TOO_LARGE, "Markdown blocks (lists, quotes) nested deeper than %d", MD_MAX_DEPTH);
        return fail(r, &e);
    }
    /* a block ends the paragraph before it, but for a list item, whose label
     * waits for the item's text */
    if (type != MD_BLOCK_LI && !table_part(type))
        vn_markup_end(&r->m);
    if (type == MD_BLOCK_P)
        r->para_first = true, r->grid = false;
    switch (type) {
    case MD_BLOCK_HR:
        /* a thematic break is the rule a plan draws under its header: a
         * converter writes the typed rule line ("-----------") as it is,
         * and Markdown reads it as a break; the line is kept as written */
        rule_line(r);
        vn_markup_end(&r->m);
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: {
        md_list *l = &r->lists[r->nlists++];
        l->ordered = type == MD_BLOCK_OL;
        l->next = l->ordered ? (long)((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
        l->delim = l->ordered ? ((MD_BLOCK_OL_DETAIL *)detail)->mark_delimiter : ((MD_BLOCK_UL_DETAIL *)detail)->mark;
        break;
    }
    case MD_BLOCK_LI: {
        md_list *l = r->nlists ? &r->lists[r->nlists - 1] : NULL;
        uint16_t level = r->nlists ? (uint16_t)(r->nlists - 1) : 0;
        if (l && l->ordered) {
            char label[VN_MARKUP_MAX_LABEL];
            vn_markup_number(label, sizeof label, l->next++, '1', l->delim);
            vn_markup_label(&r->m, label, level);
        } else {
            /* "+" when typed so, or for a bullet list inside a bullet list:
             * the second level of every plan's bullets ("-" then "+") */
            size_t bullets = 0;
            for (size_t i = 0; i < r->nlists; i++)
                bullets += !r->lists[i].ordered;
            vn_markup_label(&r->m, (l && l->delim == '+') || bullets >= 2 ? "+" : "-", level);
        }
        break;
    }
    case MD_BLOCK_TABLE:
        vn_markup_table_begin(&r->m, ((MD_BLOCK_TABLE_DETAIL *)detail)->col_count <= 2);
        vn_markup_table_joined(&r->m);
        break;
    case MD_BLOCK_TR: vn_markup_row_begin(&r->m); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: vn_markup_cell_begin(&r->m); break;
    case MD_BLOCK_CODE: r->in_code = true; break;
    case MD_BLOCK_QUOTE: r->quotes++; break;
    case MD_BLOCK_HTML:
        r->in_html = true;
        vn_buf_clear(&r->html);
        break;
    default: break;
    }
    return 0;
}

/* A block of raw HTML, gathered by on_text, read now that it is whole. */
static int leave_html(md_reader *r)
{
    r->in_html = false;
    const char *s = r->html.data ? r->html.data : "";
    if (only_comments(s, r->html.len)) {
        comments(r, s, r->html.len);
        return 0;
    }
    vn_error e = {0};
    return vn_html_fragment(&r->m, s, r->html.len, &e) == VNPLAN_OK ? 0 : fail(r, &e);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    (void)detail;
    md_reader *r = user;
    if (type == MD_BLOCK_DOC)
        return 0;
    r->depth--;
    if (type == MD_BLOCK_HTML)
        return leave_html(r);
    if (type == MD_BLOCK_H)
        vn_markup_flag(&r->m, VN_SRC_HEADING); /* the paragraph it ends is a heading */
    if (!table_part(type))
        vn_markup_end(&r->m);
    switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: r->nlists--; break;
    case MD_BLOCK_LI: r->m.label_len = 0; break; /* an item without text leaves no label behind */
    case MD_BLOCK_TABLE: vn_markup_table_end(&r->m); break;
    case MD_BLOCK_TR: vn_markup_row_end(&r->m); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: vn_markup_cell_end(&r->m); break;
    case MD_BLOCK_CODE: r->in_code = false; break;
    case MD_BLOCK_QUOTE: r->quotes--; break;
    default: break;
    }
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)detail;
    md_reader *r = user;
    if (type == MD_SPAN_STRONG)
        r->bold++;
    else if (type == MD_SPAN_EM)
        r->italic++;
    else if (type == MD_SPAN_IMG)
        r->image++;
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)detail;
    md_reader *r = user;
    if (type == MD_SPAN_STRONG)
        r->bold--;
    else if (type == MD_SPAN_EM)
        r->italic--;
    else if (type == MD_SPAN_IMG)
        r->image--;
    return 0;
}

static bool all_digits(const char *s, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (vn_is_digit((unsigned char)s[i]))
            any = true;
        else if (!vn_is_space((unsigned char)s[i]))
            return false;
    }
    return any;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *user)
{
    md_reader *r = user;
    if (r->in_html) {
        vn_buf_put(&r->html, s, n);
        return 0;
    }
    if (s >= r->doc && s + n <= r->doc_end)
        r->seen = s + n;
    if (r->image)
        return 0; /* an image's description is not the page's text */
    if (r->quotes > 0)
        vn_markup_indent(&r->m, (int16_t)(r->quotes < 100 ? r->quotes * VN_MARKUP_QUOTE_INDENT : 3600));
    if (r->para_first) {
        r->para_first = false;
        r->grid = type == MD_TEXT_NORMAL && n >= 2 && s[0] == '+' && s[1] == '-';
    }
    switch (type) {
    case MD_TEXT_NULLCHAR: vn_markup_text(&r->m, "\xEF\xBF\xBD", 3, r->bold > 0, r->italic > 0); break;
    case MD_TEXT_BR: vn_markup_break(&r->m); break;
    case MD_TEXT_SOFTBR:
        if (r->grid)
            vn_markup_break(&r->m);
        else
            vn_markup_text(&r->m, " ", 1, false, false);
        break;
    case MD_TEXT_ENTITY: entity(r, s, n); break;
    case MD_TEXT_HTML: inline_html(r, s, n); break;
    case MD_TEXT_CODE:
        if (r->in_code)
            vn_markup_text_pre(&r->m, s, n);
        else
            vn_markup_text(&r->m, s, n, r->bold > 0, r->italic > 0);
        break;
    default:
        if (r->sup > 0 && all_digits(s, n))
            vn_markup_superscript(&r->m, s, n);
        else
            vn_markup_text(&r->m, s, n, r->bold > 0, r->italic > 0);
        break;
    }
    return 0;
}

/* md4c is loaded by the first Markdown file (dl.h), not linked: a start
 * that reads no Markdown does not map it (the Makefile's VN_MD4C_SONAME). */
#ifndef VN_MD4C_SONAME
#define VN_MD4C_SONAME "libmd4c.so.0"
#endif
typedef struct md4c_api {
    VN_DL_FIELD(md_parse)
} md4c_api;
static md4c_api md4c;
static const char *const md4c_names[] = {VN_DL_NAME(md_parse)};
VN_DL_CHECK(md4c, md4c_names);
static vn_dl_lib md4c_lib = VN_DL_LIB(VN_MD4C_SONAME, md4c, md4c_names, NULL);

static vnplan_status parse_md(md_reader *r, const char *s, size_t n)
{
    MD_PARSER parser;
    memset(&parser, 0, sizeof parser);
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = on_text;
    r->depth = r->nlists = 0;
    r->bold = r->italic = r->image = r->quotes = r->sup = 0;
    r->in_code = r->in_html = false;
    r->doc = s;
    r->doc_end = s + n;
    r->seen = r->scan = NULL;
    int rc = md4c.md_parse(s, (MD_SIZE)n, &parser, r);
    if (r->failed)
        return r->failed;
    if (rc != 0)
        return vn_fail(r->err, VNPLAN_ERR_BINARY, "not readable as Markdown");
    vn_markup_end(&r->m);
    return VNPLAN_OK;
}

vnplan_status vn_read_md(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    if (n > UINT32_MAX / 2)
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "a Markdown file larger than 2 GB");
    bool nomem;
    if (!vn_dl_use_why(&md4c_lib, &nomem)) {
        if (nomem)
            vn_oom(); /* could not be mapped: out of memory, as it is */
        return vn_fail(err, VNPLAN_ERR_IO,
                       "reading Markdown needs the md4c library, which cannot be loaded (%s); "
                       "on Debian: apt-get install libmd4c0",
                       md4c_lib.why);
    }
    size_t skip = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a BOM is not text */
    md_reader *r = vn_xcalloc(1, sizeof *r);
    vn_markup_init(&r->m, out);
    r->err = err;
    md_notes notes = {0};
    vn_buf body = {0};
    split_notes((const char *)p + skip, n - skip, &body, &notes);
    /* pandoc's simple and multiline tables, which Markdown does not know, as pipe tables */
    vn_buf tables = {0};
    vn_md_pandoc_tables(body.data ? body.data : "", body.len, &tables);
    vn_buf_free(&body);
    body = tables;
    vnplan_status st = parse_md(r, body.data ? body.data : "", body.len);
    /* the footnotes in the order of their numbers (1 .. n, each once) */
    size_t *order = vn_xcalloc(notes.n + 1, sizeof *order);
    for (size_t i = 0; i < notes.n; i++)
        order[notes.v[i].number - 1] = i;
    for (size_t k = 0; st == VNPLAN_OK && k < notes.n; k++) {
        const md_note *note = &notes.v[order[k]];
        vn_markup_footnote_begin(&r->m, note->number);
        st = parse_md(r, note->text.data ? note->text.data : "", note->text.len);
        vn_markup_footnote_end(&r->m);
    }
    free(order);
    for (size_t i = 0; i < notes.n; i++)
        vn_buf_free(&notes.v[i].text);
    free(notes.v);
    free(notes.slots);
    vn_buf_free(&body);
    vn_buf_free(&r->html);
    vn_markup_free(&r->m);
    free(r);
    return st;
}
