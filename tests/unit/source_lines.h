/* source_lines.h — the source lines a reader made, as one string a test can
 * compare with what it expects (test_read_html.c, test_read_md.c).
 *
 * One line per source line: the flags that are set, as letters in a fixed
 * order, a '|', then the line's text (a data table's TAB shown as "\t"):
 *   P paragraph start   L numbering label   B bold   C centred   H heading
 *   c layout cell       R data table row    F footnote
 * and a left indent the reader gave, in points, as ">N" after them,
 * e.g. "PL|1. Mục đích", "Pc|ỦY BAN NHÂN DÂN", "PR|TT\tChỉ tiêu", "|hai"
 * (a manual line break).  A line flagged L must begin with exactly
 * label_len bytes of label and a space: checked here for every line. */
#ifndef VN_TEST_SOURCE_LINES_H
#define VN_TEST_SOURCE_LINES_H

#include "source.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>

static int label_mismatches;

static char *render_lines(const vn_source *s)
{
    vn_buf out = {0};
    static const struct {
        uint32_t flag;
        char letter;
    } letters[] = {{VN_SRC_PARA, 'P'},      {VN_SRC_LABEL, 'L'}, {VN_SRC_BOLD, 'B'},
                   {VN_SRC_CENTRED, 'C'},   {VN_SRC_HEADING, 'H'}, {VN_SRC_CELL, 'c'},
                   {VN_SRC_TABLE_ROW, 'R'}, {VN_SRC_FOOTNOTE, 'F'}};
    for (size_t i = 0; i < s->nlines; i++) {
        const vn_srcline *l = &s->lines[i];
        size_t a = l->start, z = i + 1 < s->nlines ? s->lines[i + 1].start - 1 : s->text.len;
        for (size_t k = 0; k < sizeof letters / sizeof letters[0]; k++)
            if (l->flags & letters[k].flag)
                vn_buf_putc(&out, letters[k].letter);
        if (l->indent > 0) {
            char in[16];
            snprintf(in, sizeof in, ">%d", l->indent);
            vn_buf_puts(&out, in);
        }
        vn_buf_putc(&out, '|');
        for (size_t k = a; k < z; k++) {
            if (s->text.data[k] == '\t')
                vn_buf_puts(&out, "\\t");
            else
                vn_buf_putc(&out, s->text.data[k]);
        }
        vn_buf_putc(&out, '\n');
        if ((l->flags & VN_SRC_LABEL) &&
            (l->label_len == 0 || a + l->label_len >= z || s->text.data[a + l->label_len] != ' '))
            label_mismatches++;
    }
    vn_buf_putc(&out, '\0');
    return out.data;
}

/* Reads `input` as format `in` and compares the lines with `want`. */
static void check_lines(const char *name, vnplan_input in, const char *input, size_t len, const char *want)
{
    vn_source s;
    vn_error e = {0};
    vnplan_status st = vn_source_read((const unsigned char *)input, len, in, &s, &e);
    if (!ok(st == VNPLAN_OK, "%s: read", name)) {
        diag("  %s", e.msg);
        return;
    }
    int before = label_mismatches;
    char *got = render_lines(&s);
    is_str(got, want, name);
    ok(label_mismatches == before, "%s: every label is label_len bytes and a space", name);
    free(got);
    vn_source_free(&s);
}

/* Reads `input` and expects it refused with status `want`. */
static void check_refused(const char *name, vnplan_input in, const char *input, size_t len, vnplan_status want)
{
    vn_source s;
    vn_error e = {0};
    vnplan_status st = vn_source_read((const unsigned char *)input, len, in, &s, &e);
    if (!ok(st == want, "%s: refused with status %d", name, (int)want))
        diag("  got status %d (%s)", (int)st, e.msg);
    else
        ok(e.msg[0] != '\0', "%s: with a message (%s)", name, e.msg);
    if (st == VNPLAN_OK)
        vn_source_free(&s);
}

#endif
