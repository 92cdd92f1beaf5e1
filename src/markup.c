/* markup.c — source lines from block and inline events (see markup.h).
 *
 * The builder holds one paragraph at a time.  Its text is collapsed as a
 * browser collapses it (runs of white space are one space, none at the ends
 * of a line), a manual break is a '\n' that becomes a line of its own
 * without VN_SRC_PARA, and the paragraph is bold or italic only when every
 * visible character of it is (a bold name before a colon does not make a
 * heading).  Where the paragraph goes depends on the innermost open table:
 * none or a layout table — lines of their own; a data table — into the row
 * being built, which becomes one line when the row ends. */
#include "markup.h"

#include <stdio.h>
#include <stdlib.h>

void vn_markup_init(vn_markup *m, vn_source *src)
{
    memset(m, 0, sizeof *m);
    m->src = src;
    m->indent = -1;
}

void vn_markup_free(vn_markup *m)
{
    vn_buf_free(&m->text);
    vn_buf_free(&m->row);
}

/* Marks, in a paragraph's text, where a joined cell's next paragraph starts. */
#define PARAGRAPH_SPLIT '\x01'

static bool at_line_start(const vn_markup *m)
{
    return m->text.len == 0 || m->text.data[m->text.len - 1] == '\n';
}

/* White space, and control characters (which are no text, and one of which
 * marks paragraph splits here). */
static bool is_collapsible(unsigned char c) { return c <= ' ' || c == 0x7F; }

void vn_markup_text(vn_markup *m, const char *s, size_t n, bool bold, bool italic)
{
    size_t i = 0;
    while (i < n) {
        if (is_collapsible((unsigned char)s[i])) {
            m->space = true;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && !is_collapsible((unsigned char)s[j]))
            j++;
        if (m->space && !at_line_start(m))
            vn_buf_putc(&m->text, ' ');
        m->space = false;
        vn_buf_put(&m->text, s + i, j - i);
        m->chars += j - i;
        if (bold)
            m->bold += j - i;
        if (italic)
            m->italic += j - i;
        i = j;
    }
}

void vn_markup_break(vn_markup *m)
{
    m->space = false;
    if (!at_line_start(m))
        vn_buf_putc(&m->text, '\n');
}

void vn_markup_text_pre(vn_markup *m, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) : n;
        vn_markup_text(m, s + i, j - i, false, false);
        if (nl)
            vn_markup_break(m);
        i = nl ? j + 1 : n;
    }
}

static const char *const superscript_digits[10] = {"\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
                                                   "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
                                                   "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"};

/* Superscripts do not count in chars: a footnote mark in a bold heading
 * leaves it bold. */
void vn_markup_superscript(vn_markup *m, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (vn_is_digit((unsigned char)s[i]))
            vn_buf_puts(&m->text, superscript_digits[s[i] - '0']);
}

static void put_superscript_number(vn_buf *b, unsigned v)
{
    char digits[16];
    int len = snprintf(digits, sizeof digits, "%u", v);
    for (int i = 0; i < len; i++)
        vn_buf_puts(b, superscript_digits[digits[i] - '0']);
}

void vn_markup_flag(vn_markup *m, uint32_t flags) { m->flags |= flags; }

void vn_markup_indent(vn_markup *m, int16_t points) { m->indent = points; }

void vn_markup_label(vn_markup *m, const char *label, uint16_t level)
{
    vn_markup_end(m);
    size_t n = strlen(label);
    if (n >= sizeof m->label)
        n = sizeof m->label - 1;
    memcpy(m->label, label, n);
    m->label_len = n;
    m->level = level;
}

static vn_markup_table *top_table(vn_markup *m) { return m->ntables ? &m->table[m->ntables - 1] : NULL; }

/* Inside a data table (or a table flattened into its cell): text goes to the row. */
static bool into_row(vn_markup *m)
{
    const vn_markup_table *t = top_table(m);
    return t && !t->layout;
}

static void reset_paragraph(vn_markup *m)
{
    vn_buf_clear(&m->text);
    m->chars = m->bold = m->italic = 0;
    m->space = false;
    m->flags = 0;
    m->label_len = 0;
    m->level = 0;
    m->footnote_mark = 0;
    m->indent = -1;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

void vn_markup_end(vn_markup *m)
{
    /* a list item's label waits for the item's first paragraph with text */
    bool has_text = false;
    for (size_t i = 0; i < m->text.len && !has_text; i++)
        has_text = m->text.data[i] != '\n';
    if (!has_text) {
        vn_buf_clear(&m->text);
        m->chars = m->bold = m->italic = 0;
        m->space = false;
        m->flags = 0;
        m->indent = -1;
        return;
    }
    if (into_row(m)) {
        if (m->cell_text)
            vn_buf_putc(&m->row, ' ');
        if (m->label_len) {
            vn_buf_put(&m->row, m->label, m->label_len);
            vn_buf_putc(&m->row, ' ');
        }
        for (size_t i = 0; i < m->text.len; i++)
            vn_buf_putc(&m->row, m->text.data[i] == '\n' ? ' ' : m->text.data[i]);
        /* a break at the end leaves a space: trim it */
        while (m->row.len && m->row.data[m->row.len - 1] == ' ')
            m->row.len--;
        m->cell_text = m->row_text = true;
        reset_paragraph(m);
        return;
    }
    const vn_markup_table *t = top_table(m);
    if (t && t->layout && t->joined)
        for (size_t i = 1; i + 2 < m->text.len; i++)
            if (m->text.data[i] == ' ' && (m->text.data[i - 1] == ';' || m->text.data[i - 1] == ':') &&
                (m->text.data[i + 1] == '-' || m->text.data[i + 1] == '+') && m->text.data[i + 2] == ' ')
                m->text.data[i] = PARAGRAPH_SPLIT;
    uint32_t flags = m->flags;
    if (m->chars && m->bold == m->chars)
        flags |= VN_SRC_BOLD;
    if (m->chars && m->italic == m->chars)
        flags |= VN_SRC_ITALIC;
    if (m->in_footnote)
        flags |= VN_SRC_FOOTNOTE;
    if (t)
        flags |= VN_SRC_CELL;
    uint32_t loc = ++m->paragraphs;
    size_t before = 0;
    bool first = true;
    size_t i = 0;
    if (m->footnote_mark) {
        /* a Word footnote with a custom mark (w:customMarkFollows) has the
         * mark typed, raised, at the start of its text, where converters
         * keep it: it is the mark this line opens with, not a second one */
        vn_buf mark = {0};
        put_superscript_number(&mark, m->footnote_mark);
        if (m->text.len >= mark.len && memcmp(m->text.data, mark.data, mark.len) == 0) {
            i = mark.len;
            while (i < m->text.len && m->text.data[i] == ' ')
                i++;
            before = utf8_chars(m->text.data, i);
        }
        vn_buf_free(&mark);
    }
    while (i < m->text.len) {
        size_t j = i;
        while (j < m->text.len && m->text.data[j] != '\n' && m->text.data[j] != PARAGRAPH_SPLIT)
            j++;
        if (i > 0 && m->text.data[i - 1] == PARAGRAPH_SPLIT) {
            first = true;
            loc = ++m->paragraphs;
            before = 0;
            flags &= ~(uint32_t)(VN_SRC_BOLD | VN_SRC_ITALIC);
            m->label_len = 0;
            m->footnote_mark = 0;
        }
        if (j > i) {
            uint32_t lf = first ? flags | VN_SRC_PARA : flags & ~(uint32_t)VN_SRC_HEADING;
            bool label = first && m->label_len && !m->footnote_mark;
            vn_srcline *l = vn_source_line(m->src, label ? lf | VN_SRC_LABEL : lf, loc, (uint32_t)before);
            l->level = m->level;
            l->indent = m->indent;
            if (label)
                l->label_len = (uint32_t)m->label_len;
            if (t) {
                l->table = t->id;
                l->row = t->row;
                l->cell = t->cell;
            }
            if (first && m->footnote_mark) {
                put_superscript_number(&m->src->text, m->footnote_mark);
                vn_source_put(m->src, " ", 1);
            }
            if (first && m->label_len) {
                vn_source_put(m->src, m->label, m->label_len);
                vn_source_put(m->src, " ", 1);
            }
            vn_source_put(m->src, m->text.data + i, j - i);
            first = false;
        }
        before += utf8_chars(m->text.data + i, j - i) + 1;
        i = j + 1;
    }
    reset_paragraph(m);
}

/* ---- tables ------------------------------------------------------------------ */

/* A data table's row holds no cell and no text yet. */
static void row_clear(vn_markup *m)
{
    vn_buf_clear(&m->row);
    m->row_cells = 0;
    m->row_text = m->cell_text = false;
}

/* Tables, rows and cells are numbered in 16 bits (source.h): past the last
 * number, the last one stays. */
static uint16_t count_up(uint16_t *n)
{
    if (*n < UINT16_MAX)
        (*n)++;
    return *n;
}

/* Ends the text before a row or a cell and counts it in the table it begins
 * in (a new row numbers its cells from 1 again); returns that table, or NULL
 * when rows and cells are not counted (no table, or a table flattened into
 * the cell around it). */
static vn_markup_table *count_row_or_cell(vn_markup *m, bool cell)
{
    vn_markup_table *t = top_table(m);
    vn_markup_end(m);
    if (!t || t->flat)
        return NULL;
    if (cell) {
        count_up(&t->cell);
    } else {
        count_up(&t->row);
        t->cell = 0;
    }
    return t;
}

void vn_markup_table_begin(vn_markup *m, bool layout)
{
    vn_markup_end(m);
    if (m->ntables == VN_MARKUP_MAX_TABLES) {
        /* deeper tables are read as text of the innermost cell kept */
        m->table[m->ntables - 1].layout = false;
        m->table[m->ntables - 1].flat = true;
        return;
    }
    vn_markup_table *outer = top_table(m);
    vn_markup_table *t = &m->table[m->ntables++];
    memset(t, 0, sizeof *t);
    if (outer && !outer->layout) {
        t->flat = true; /* a table inside a data cell is text of that cell */
        t->id = outer->id;
        t->row = outer->row;
        t->cell = outer->cell;
        return;
    }
    t->layout = layout;
    t->id = count_up(&m->tables);
    if (!layout)
        row_clear(m);
}

void vn_markup_row_begin(vn_markup *m)
{
    vn_markup_table *t = count_row_or_cell(m, false);
    if (t && !t->layout)
        row_clear(m);
}

/* A data table's cells are kept in its row, tab after tab, until the row ends. */
void vn_markup_cell_begin(vn_markup *m)
{
    vn_markup_table *t = count_row_or_cell(m, true);
    if (t && !t->layout) {
        if (m->row_cells++)
            vn_buf_putc(&m->row, '\t');
        m->cell_text = false;
    }
}

void vn_markup_cell_end(vn_markup *m) { vn_markup_end(m); }

static void emit_row(vn_markup *m, const vn_markup_table *t)
{
    if (!m->row_text)
        return;
    vn_srcline *l = vn_source_line(m->src, VN_SRC_PARA | VN_SRC_TABLE_ROW, ++m->paragraphs, 0);
    l->table = t->id;
    l->row = t->row;
    for (size_t i = 0; i < m->row.len;) {
        const char *tab = memchr(m->row.data + i, '\t', m->row.len - i);
        size_t j = tab ? (size_t)(tab - m->row.data) : m->row.len;
        vn_source_put(m->src, m->row.data + i, j - i);
        if (tab)
            vn_source_put_raw(m->src, "\t", 1);
        i = j + 1;
    }
    row_clear(m);
}

void vn_markup_row_end(vn_markup *m)
{
    vn_markup_table *t = top_table(m);
    vn_markup_end(m);
    if (t && !t->layout && !t->flat)
        emit_row(m, t);
}

void vn_markup_table_joined(vn_markup *m)
{
    if (m->ntables)
        m->table[m->ntables - 1].joined = true;
}

void vn_markup_table_end(vn_markup *m)
{
    vn_markup_end(m);
    vn_markup_table *t = top_table(m);
    if (!t)
        return;
    if (!t->layout && !t->flat)
        emit_row(m, t); /* a row left open */
    m->ntables--;
}

/* ---- footnotes ---------------------------------------------------------------- */

void vn_markup_footnote_begin(vn_markup *m, unsigned mark)
{
    vn_markup_end(m);
    m->in_footnote = true;
    m->footnote_mark = mark;
}

void vn_markup_footnote_end(vn_markup *m)
{
    vn_markup_end(m);
    m->in_footnote = false;
    m->footnote_mark = 0;
}

/* ---- list numbers ---------------------------------------------------------------- */

size_t vn_markup_number(char *out, size_t cap, long n, char type, char suffix)
{
    char body[VN_MARKUP_MAX_LABEL];
    size_t len = 0;
    if ((type == 'I' || type == 'i') && n >= 1 && n <= 3999) {
        static const struct {
            int v;
            const char *s;
        } romans[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
                      {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
        long v = n;
        for (size_t k = 0; k < sizeof romans / sizeof romans[0]; k++)
            while (v >= romans[k].v && len + 2 < sizeof body) {
                for (const char *r = romans[k].s; *r; r++)
                    body[len++] = type == 'i' ? (char)(*r | 0x20) : *r;
                v -= romans[k].v;
            }
    } else if ((type == 'A' || type == 'a') && n >= 1) {
        /* bijective base 26: a .. z, aa .. az, ... */
        char rev[VN_MARKUP_MAX_LABEL];
        size_t r = 0;
        long v = n;
        while (v > 0 && r < sizeof rev) {
            v--;
            rev[r++] = (char)((type == 'a' ? 'a' : 'A') + v % 26);
            v /= 26;
        }
        while (r)
            body[len++] = rev[--r];
    } else {
        len = (size_t)snprintf(body, sizeof body, "%ld", n);
    }
    if (!cap)
        return 0;
    size_t w = 0;
    for (size_t k = 0; k < len && w + 2 < cap; k++)
        out[w++] = body[k];
    if (suffix && w + 1 < cap)
        out[w++] = suffix;
    out[w] = '\0';
    return w;
}
