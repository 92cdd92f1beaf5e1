/* dumpsource.c — a developer's view of the read stage: the source lines a
 * structured reader (PDF, DOCX, ODT, HTML, Markdown) made of a file, with
 * their flags as letters (tests/unit/source_lines.h) and their page or
 * paragraph.  Used while working on a reader. */
#include "source.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dumpsource FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    vn_buf in = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        vn_buf_put(&in, chunk, n);
    fclose(f);
    vn_source s;
    vn_error e = {0};
    vnplan_input fmt = vn_detect_input((const unsigned char *)in.data, in.len);
    if (vn_source_read((const unsigned char *)in.data, in.len, fmt, &s, &e) != VNPLAN_OK) {
        fprintf(stderr, "dumpsource: %s: %s\n", argv[1], e.msg);
        return 2;
    }
    static const struct {
        uint32_t flag;
        char letter;
    } letters[] = {{VN_SRC_PARA, 'P'},      {VN_SRC_LABEL, 'L'},    {VN_SRC_BOLD, 'B'},
                   {VN_SRC_CENTRED, 'C'},   {VN_SRC_HEADING, 'H'},  {VN_SRC_CELL, 'c'},
                   {VN_SRC_TABLE_ROW, 'R'}, {VN_SRC_FOOTNOTE, 'F'}, {VN_SRC_FURNITURE, 'f'},
                   {VN_SRC_CONT, '+'}};
    for (size_t i = 0; i < s.nlines; i++) {
        const vn_srcline *l = &s.lines[i];
        size_t a = l->start, z = i + 1 < s.nlines ? s.lines[i + 1].start - 1 : s.text.len;
        printf("%3u ", l->loc);
        for (size_t k = 0; k < sizeof letters / sizeof letters[0]; k++)
            if (l->flags & letters[k].flag)
                putchar(letters[k].letter);
        if (l->table)
            printf(" t%u.%u.%u", l->table, l->row, l->cell);
        printf("|");
        for (size_t k = a; k < z; k++)
            fputs(s.text.data[k] == '\t' ? "\\t" : (char[]){s.text.data[k], 0}, stdout);
        putchar('\n');
    }
    vn_source_free(&s);
    free(in.data);
    return 0;
}
