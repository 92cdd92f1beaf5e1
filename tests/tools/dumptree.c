/* dumptree.c — a developer's view of the parse: every node with its kind,
 * label, style, number, phase, lines, title and text.  Not a user format
 * (that is `vnplan parse --format text`); used while writing golden files. */
#include "doc.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    bool lines = argc > 2 && !strcmp(argv[1], "--lines");
    if (lines) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: dumptree [--lines] FILE\n");
        return 2;
    }
    vnplan_doc *doc;
    char err[256];
    if (vnplan_parse_file(argv[1], NULL, &doc, err, sizeof err) != VNPLAN_OK) {
        fprintf(stderr, "dumptree: %s: %s\n", argv[1], err);
        return 2;
    }
    vn_buf b = {0};
    for (size_t i = 0; lines && i < doc->nllines; i++) {
        const vn_lline *ll = &doc->llines[i];
        vn_buf_clear(&b);
        vn_render_span(doc, vn_span_make(doc->plines[ll->head].start, doc->plines[ll->last].end), &b);
        printf("%u-%u r%u %s%s[%u] %.*s\n", ll->first + 1, ll->last + 1, ll->region,
               ll->cls.style ? vn_style_name(ll->cls.style) : "-", ll->cls.alt_style ? "/alt" : "",
               ll->cls.value, b.len > 90 ? 90 : (int)b.len, b.data);
    }
    if (lines)
        return 0;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        printf("%*s%s", n->depth * 2, "", vn_kind_name(n->kind));
        if (n->kind == VN_KIND_FIELD)
            printf(" <%s>", vn_field_name(n->field));
        if (n->label)
            printf(" {%s}", vn_label_name(n->label));
        if (n->style)
            printf(" %s", vn_style_name(n->style));
        vn_buf_clear(&b);
        vn_render_number(doc, i, &b);
        if (b.len)
            printf(" #%s", vn_buf_cstr(&b));
        if (n->phase)
            printf(" phase=%u", n->phase);
        vnplan_span sp = vn_node_ospan(doc, i);
        printf(" L%zu-%zu", sp.line, sp.end_line);
        vn_buf_clear(&b);
        vn_render_span(doc, n->title, &b);
        if (b.len)
            printf(" T[%s]", vn_buf_cstr(&b));
        vn_buf_clear(&b);
        vn_render_node_text(doc, n, &b);
        if (b.len)
            printf(" X[%.*s%s]", b.len > 100 ? 100 : (int)b.len, b.data, b.len > 100 ? "…" : "");
        putchar('\n');
    }
    for (size_t i = 0; i < doc->nwarnings; i++)
        printf("warning: %s\n", doc->warnings[i]);
    vn_buf_free(&b);
    vnplan_doc_free(doc);
    return 0;
}
