/* docread.c — see docread.h. */
#include "docread.h"
#include "xmlread.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

/* A paragraph's text keeps its TABs, as Word's plain-text export does
 * (lines.c reads a TAB-separated line as it reads that export's); every
 * other control character becomes a space. */
static void put_keeping_tabs(vn_source *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *tab = memchr(s + i, '\t', n - i);
        size_t j = tab ? (size_t)(tab - s) : n;
        vn_source_put(out, s + i, j - i);
        if (tab)
            vn_source_put_raw(out, "\t", 1);
        i = j + 1;
    }
}

void vn_doc_write_para(vn_source *out, const char *s, size_t n, uint32_t flags, uint32_t label_len, uint32_t loc,
                       uint16_t table, uint16_t row, uint16_t cell, int indent, int level)
{
    uint32_t chars = 0;
    bool first = true;
    size_t i = 0;
    do {
        const char *nl = n > i ? memchr(s + i, '\n', n - i) : NULL;
        size_t j = nl ? (size_t)(nl - s) : n;
        uint32_t f = first ? flags : flags & ~(uint32_t)(VN_SRC_PARA | VN_SRC_LABEL);
        vn_srcline *l = vn_source_line(out, f, loc, chars);
        l->label_len = first ? label_len : 0;
        l->table = table;
        l->row = row;
        l->cell = cell;
        l->indent = (int16_t)(indent < INT16_MAX ? indent : INT16_MAX);
        l->level = (uint16_t)(level > 0 && level < UINT16_MAX ? level : 0);
        put_keeping_tabs(out, s + i, j - i);
        chars += (uint32_t)vn_utf8_count(s + i, j - i) + 1;
        first = false;
        i = j + 1;
    } while (i <= n);
}

void vn_doc_put_superscript(vn_buf *b, uint32_t n)
{
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    char digits[12];
    int len = snprintf(digits, sizeof digits, "%u", n);
    for (int i = 0; i < len; i++)
        vn_buf_puts(b, sup[digits[i] - '0']);
}

void vn_doc_put_upper(vn_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        char u[4];
        int len = vn_utf8_encode(utf8proc_toupper(vn_utf8_next(s, n, &i)), u);
        vn_buf_put(b, u, (size_t)(len > 0 ? len : 0));
    }
}

void vn_doc_write_note(vn_source *out, const char *mark, const char *text, size_t n, uint32_t para)
{
    vn_buf line = {0};
    vn_buf_puts(&line, mark);
    vn_buf_putc(&line, ' ');
    size_t skip = 0;
    while (skip < n && vn_is_space((unsigned char)text[skip]))
        skip++;
    vn_buf_put(&line, text + skip, n - skip);
    size_t s = 0;
    uint32_t chars = 0;
    for (size_t k = 0; k <= line.len; k++) {
        if (k < line.len && line.data[k] != '\n')
            continue;
        vn_source_line(out, VN_SRC_PARA | VN_SRC_FOOTNOTE, para, chars);
        vn_source_put(out, line.data + s, k - s);
        chars += (uint32_t)vn_utf8_count(line.data + s, k - s) + 1;
        s = k + 1;
    }
    vn_buf_free(&line);
}

bool vn_doc_bullet_label(const char *label, size_t n)
{
    size_t i = 0;
    int32_t cp = vn_utf8_next(label, n, &i);
    return !vn_cp_is_alnum(cp);
}

void vn_table_add(vn_table *t, uint32_t row, uint32_t cell, uint32_t flags, uint32_t loc, const char *label,
                  size_t label_len, const char *text, size_t len)
{
    size_t off = t->text.len;
    if (label_len) {
        vn_buf_put(&t->text, label, label_len);
        if (len)
            vn_buf_putc(&t->text, ' ');
    }
    vn_buf_put(&t->text, text, len);
    vn_cell_para *cp = &VN_PUSH(t->paras, t->n, t->cap);
    cp->row = row ? row : 1;
    cp->cell = cell ? cell : 1;
    cp->flags = flags;
    cp->label_len = (uint32_t)label_len;
    cp->loc = loc;
    cp->off = off;
    cp->len = t->text.len - off;
    if (cp->cell > t->max_cells)
        t->max_cells = cp->cell;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* The closing's recipients or signature: "Nơi nhận:", "TM. ỦY BAN ...". */
static bool closing_words(const char *s, size_t n)
{
    while (n && vn_is_space((unsigned char)*s))
        s++, n--;
    static const char *const words[] = {"Nơi nhận", "NƠI NHẬN", "TM.", "KT.", "TL.", "TUQ."};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (starts_with(s, n, words[i]))
            return true;
    return false;
}

/* A table that only lays text out side by side (the header's issuer and
 * motto, the closing's recipients and signature) rather than holding data:
 * few columns, and holding the closing's words, or (two columns at most)
 * coming before the body's first heading or drawn without borders.  A
 * single column is a frame around text. */
static bool is_layout(const vn_table *t, bool seen_heading)
{
    if (t->max_cells <= 1)
        return true;
    if (t->max_cells > VN_LAYOUT_MAX_COLUMNS)
        return false;
    for (size_t i = 0; i < t->n; i++)
        if (closing_words(t->text.data + t->paras[i].off, t->paras[i].len))
            return true;
    return t->max_cells <= 2 && (!seen_heading || !t->bordered);
}

void vn_table_write(vn_table *t, vn_source *out, uint16_t number, bool seen_heading)
{
    if (is_layout(t, seen_heading)) {
        for (size_t i = 0; i < t->n; i++) {
            const vn_cell_para *cp = &t->paras[i];
            vn_doc_write_para(out, t->text.data + cp->off, cp->len, cp->flags | VN_SRC_CELL, cp->label_len,
                              cp->loc, number, (uint16_t)cp->row, (uint16_t)cp->cell, -1, 0);
        }
    } else {
        /* one line a row: TAB between cells (an empty cell keeps its TAB), a
         * space between a cell's paragraphs, line breaks as spaces */
        for (size_t i = 0; i < t->n;) {
            const vn_cell_para *first = &t->paras[i];
            vn_srcline *l = vn_source_line(out, VN_SRC_PARA | VN_SRC_TABLE_ROW, first->loc, 0);
            l->table = number;
            l->row = (uint16_t)first->row;
            uint32_t cell = 1;
            size_t k = i;
            for (; k < t->n && t->paras[k].row == first->row; k++) {
                const vn_cell_para *cp = &t->paras[k];
                if (k > i && cp->cell == cell)
                    vn_source_put(out, " ", 1);
                for (; cell < cp->cell; cell++)
                    vn_source_put_raw(out, "\t", 1);
                vn_source_put(out, t->text.data + cp->off, cp->len);
            }
            i = k;
        }
    }
    t->n = 0;
    t->max_cells = 0;
    t->bordered = false;
    vn_buf_clear(&t->text);
}

void vn_table_free(vn_table *t)
{
    vn_buf_free(&t->text);
    free(t->paras);
    memset(t, 0, sizeof *t);
}

void vn_table_write_open(vn_table *t, int *depth, vn_source *out, uint16_t *tables, bool seen_heading)
{
    if (*depth > 0) {
        *depth = 0;
        vn_table_write(t, out, ++*tables, seen_heading);
    }
}

vnplan_status vn_doc_walk(const vn_doc_walker *w, void *reader, const char *xml, size_t n, const char *part,
                          vn_error *err)
{
    vn_xml x;
    vnplan_status st = vn_xml_open(&x, xml, n, w->format, part, err);
    if (st != VNPLAN_OK)
        return st;
    int rc;
    while ((rc = vn_xml_next(&x, err)) == 1) {
        w->node(reader, &x);
        if (w->largest(reader) > VN_SOURCE_MAX_TEXT) {
            vn_xml_close(&x);
            return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "%s file: more than %zu MB of text", w->format,
                           VN_SOURCE_MAX_TEXT >> 20);
        }
    }
    vn_xml_close(&x);
    if (rc < 0)
        return err->status;
    w->end(reader);
    return VNPLAN_OK;
}

vnplan_status vn_doc_read_package(const vn_doc_package *pk, void *reader, const unsigned char *p, size_t n,
                                  vn_error *err)
{
    vn_zip *z = NULL;
    vnplan_status st = vn_zip_open(p, n, pk->format, &z, err);
    if (st != VNPLAN_OK)
        return st;
    vn_buf part = {0};
    st = pk->parts(reader, z, &part, err);
    if (st == VNPLAN_OK)
        pk->finish(reader);
    vn_buf_free(&part);
    vn_zip_close(z);
    pk->free(reader);
    return st;
}
