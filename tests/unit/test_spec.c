/* test_spec.c — runs the spec files in tests/spec/: readable examples of
 * input and the output it must give, compared byte for byte.
 *
 * A spec file starts with a line "mode: classify", "mode: lines" or
 * "mode: tree", then examples:
 *
 *     === what the example shows
 *     input lines ...
 *     ---
 *     expected output lines ...
 *
 * Lines starting with '#' outside examples are comments.  In input, "\t"
 * stands for a TAB, "\r" for a carriage return, "\s" for a space (to make
 * trailing spaces visible), "\f" for a form feed (a page break) and "\\" for
 * a backslash.
 *
 *   classify  each input line on its own: "STYLE[/ALT] VALUE #NUMBER | CONTENT"
 *             ("none | TEXT" for a line without a marker)
 *   lines     the logical lines of the input: "STYLE: TEXT" ("text: ..." when unmarked)
 *   tree      the tree: two spaces per depth, "KIND {LABEL} STYLE #NUMBER @PHASE | TITLE | TEXT"
 *             with empty parts left out (fields show their name as the label).
 *   meta      the metadata of the document: "FIELD: VALUE" for type, number, date,
 *             place, issuer, locality, level, signer, capacity, implements (fields
 *             with no value left out)
 *   indicators each input line an indicator on its own, read for its parts
 *             (grammars/indicators.txt): "measure: M; population: P; level: A, B;
 *             field: F; place: S" with the parts it does not name left out,
 *             "none" when it names none.  "INDICATOR | UNIT | CLASS" gives
 *             the unit its number is written with and the unit's class
 *             (count, per_year, pct ...), which say what the number counts.
 *   diff      the input a short plan, compared with the bundled baseline of
 *             Decision 1002/QĐ-TTg through the public API; the expected block
 *             names the baseline targets the example is about, one a line:
 *             "BASE_ID: STATUS[ CHANGE DIRECTION, ...][; plan: COMP VALUE
 *             CLASS PHASE][; scope PART: BASE -> PLAN (RELATION)]...", and the
 *             output gives the same for those ids (see tests/spec/diff.txt);
 *   targets   the quantified targets of a short plan, one a line:
 *             "tN [<tP] PHASE CMP VALUE[..MAX] [UNIT] (CLASS) [@SECTION] | INDICATOR"
 *             (<tP the target it is a part of, PHASE "-" when none, VALUE
 *             as %g, @SECTION only outside muc_tieu); nothing when the plan
 *             states no figure.  A first input line "format: md" (or html,
 *             txt) reads the input as that format instead of detecting it. */
#include "doc.h"
#include "grammar.h"
#include "targets_parts.h"
#include "tap.h"

#include <dirent.h>
#include <stdlib.h>

typedef enum {
    MODE_NONE,
    MODE_CLASSIFY,
    MODE_LINES,
    MODE_TREE,
    MODE_INDICATORS,
    MODE_META,
    MODE_DIFF,
    MODE_TARGETS
} spec_mode;

static void unescape(const char *s, size_t n, vn_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[i + 1];
            if (c == 't' || c == 's' || c == 'r' || c == 'f' || c == '\\') {
                vn_buf_putc(out, c == 't' ? '\t' : c == 's' ? ' ' : c == 'r' ? '\r' : c == 'f' ? '\f' : '\\');
                i++;
                continue;
            }
        }
        vn_buf_putc(out, s[i]);
    }
}

static void run_classify(const char *input, vn_buf *out)
{
    const char *p = input;
    vn_class prev;
    bool have_prev = false;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        vn_class c = vn_classify_line(vnplan_grammar_default(), p, n, have_prev ? &prev : NULL);
        if (c.style) {
            vn_buf_printf(out, "%s", vn_style_name(c.style));
            if (c.alt_style)
                vn_buf_printf(out, "/%s", vn_style_name(c.alt_style));
            vn_buf_printf(out, " %u #%.*s", c.value, (int)c.number_len, p + c.number_off);
        } else {
            vn_buf_puts(out, "none");
        }
        size_t a = c.content_off, b = n;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
            b--;
        vn_buf_printf(out, " | %.*s\n", (int)(b - a), p + a);
        prev = c;
        have_prev = true;
        p += n + (e ? 1 : 0);
    }
}

static vnplan_doc *parse(const char *input, vn_buf *out)
{
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes(input, strlen(input), "spec", NULL, &doc, err, sizeof err) != VNPLAN_OK) {
        vn_buf_printf(out, "error: %s\n", err);
        return NULL;
    }
    return doc;
}

/* s without its leading and trailing spaces, in place. */
static void trim(char *s)
{
    size_t a = 0, n = strlen(s);
    while (s[a] == ' ')
        a++;
    while (n > a && s[n - 1] == ' ')
        n--;
    memmove(s, s + a, n - a);
    s[n - a] = 0;
}

static void run_indicators(const char *input, vn_buf *out)
{
    const vnplan_grammar *g = vnplan_grammar_default();
    vn_arena arena = {0};
    for (const char *p = input; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *parts[VN_PART__COUNT];
        /* "INDICATOR | UNIT | CLASS" */
        char unit[128] = "", unit_class[32] = "";
        const char *bar = memchr(p, '|', n);
        size_t len = n;
        if (bar) {
            len = (size_t)(bar - p);
            while (len > 0 && p[len - 1] == ' ')
                len--;
            const char *u = bar + 1, *bar2 = memchr(u, '|', (size_t)(p + n - u));
            if (bar2) {
                snprintf(unit, sizeof unit, "%.*s", (int)(bar2 - u), u);
                snprintf(unit_class, sizeof unit_class, "%.*s", (int)(p + n - bar2 - 1), bar2 + 1);
            }
            trim(unit);
            trim(unit_class);
        }
        vn_parts_read(g, p, len, bar ? unit : NULL, bar ? unit_class : NULL, &arena, parts);
        size_t before = out->len;
        for (int k = 0; k < VN_PART__COUNT; k++) {
            if (!parts[k])
                continue;
            vn_buf_printf(out, "%s%s: ", out->len > before ? "; " : "", vn_part_name(k));
            for (const char *c = parts[k]; *c; c++) {
                if (*c == VN_PART_SEP)
                    vn_buf_puts(out, ", ");
                else
                    vn_buf_putc(out, *c);
            }
        }
        if (out->len == before)
            vn_buf_puts(out, "none");
        vn_buf_putc(out, '\n');
        p += n + (e ? 1 : 0);
    }
    vn_arena_free(&arena);
}

static void run_meta(const char *input, vn_buf *out)
{
    vnplan_doc *doc = parse(input, out);
    if (!doc)
        return;
    const vn_meta *m = &doc->meta;
    const char *const fields[][2] = {
        {"type", m->type},     {"number", m->number},     {"date", m->date},
        {"place", m->place},   {"issuer", m->issuer},     {"locality", m->locality},
        {"level", m->level},   {"signer", m->signer_name}, {"capacity", m->signer_capacity},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i][1] && *fields[i][1])
            vn_buf_printf(out, "%s: %s\n", fields[i][0], fields[i][1]);
    for (size_t i = 0; i < m->nimplements; i++)
        vn_buf_printf(out, "implements: %s\n", m->implements[i].number ? m->implements[i].number : "");
    vnplan_doc_free(doc);
}

/* The targets as one line each: enough to say a table's cell was read as
 * the reader would (its phase, comparator, value, unit and parent) without
 * the sentence or the span, which the gold files of the corpus check. */
static void run_targets(const char *input, vn_buf *out)
{
    vnplan_input as = VNPLAN_INPUT_AUTO;
    if (!strncmp(input, "format: ", 8)) {
        const char *e = strchr(input, '\n');
        char name[16];
        snprintf(name, sizeof name, "%.*s", (int)((e ? e : input + strlen(input)) - input - 8), input + 8);
        int f = vnplan_input_from_name(name);
        if (f >= 0)
            as = (vnplan_input)f;
        input = e ? e + 1 : input + strlen(input);
    }
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes_as(input, strlen(input), "spec", as, NULL, &doc, err, sizeof err) != VNPLAN_OK) {
        vn_buf_printf(out, "error: %s\n", err);
        return;
    }
    for (size_t t = 0; t < vnplan_target_count(doc); t++) {
        if (!vnplan_target_is_quantified(doc, t))
            continue;
        vn_buf_printf(out, "%s", vnplan_target_id(doc, t));
        size_t parent = vnplan_target_parent(doc, t);
        if (parent != VNPLAN_NONE)
            vn_buf_printf(out, " <%s", vnplan_target_id(doc, parent));
        const char *phase = vnplan_target_phase(doc, t);
        vn_buf_printf(out, " %s %s %g", phase ? phase : "-", vnplan_target_comparator(doc, t),
                      vnplan_target_value(doc, t));
        double max = vnplan_target_value_max(doc, t);
        if (max == max)
            vn_buf_printf(out, "..%g", max);
        const char *unit = vnplan_target_unit(doc, t);
        if (unit && *unit)
            vn_buf_printf(out, " %s", unit);
        vn_buf_printf(out, " (%s)", vnplan_target_unit_class(doc, t));
        const char *section = vnplan_target_section(doc, t);
        if (section && strcmp(section, "muc_tieu") != 0)
            vn_buf_printf(out, " @%s", section);
        vn_buf_printf(out, " | %s\n", vnplan_target_indicator(doc, t));
    }
    vnplan_doc_free(doc);
}

static void run_lines(const char *input, vn_buf *out)
{
    vnplan_doc *doc = parse(input, out);
    if (!doc)
        return;
    vn_buf t = {0};
    for (size_t i = 0; i < doc->nllines; i++) {
        const vn_lline *ll = &doc->llines[i];
        vn_buf_clear(&t);
        vn_render_span(doc, vn_span_make(doc->plines[ll->head].start, doc->plines[ll->last].end), &t);
        vn_buf_printf(out, "%s: %s\n", ll->cls.style ? vn_style_name(ll->cls.style) : "text", vn_buf_cstr(&t));
    }
    vn_buf_free(&t);
    vnplan_doc_free(doc);
}

static void run_tree(const char *input, vn_buf *out)
{
    vnplan_doc *doc = parse(input, out);
    if (!doc)
        return;
    vn_buf t = {0};
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        vn_buf_printf(out, "%*s%s", n->depth * 2, "", vn_kind_name(n->kind));
        if (n->kind == VN_KIND_FIELD)
            vn_buf_printf(out, " {%s}", vn_field_name(n->field));
        else if (n->label)
            vn_buf_printf(out, " {%s}", vn_label_name(n->label));
        if (n->style)
            vn_buf_printf(out, " %s", vn_style_name(n->style));
        vn_buf_clear(&t);
        vn_render_number(doc, i, &t);
        if (t.len)
            vn_buf_printf(out, " #%s", vn_buf_cstr(&t));
        if (n->phase == VN_PHASE_GENERAL)
            vn_buf_puts(out, " @general");
        else if (n->phase)
            vn_buf_printf(out, " @%u", n->phase);
        vn_buf_clear(&t);
        vn_render_span(doc, n->title, &t);
        bool title = t.len > 0;
        if (title)
            vn_buf_printf(out, " | %s", vn_buf_cstr(&t));
        vn_buf_clear(&t);
        vn_render_node_text(doc, n, &t);
        if (t.len)
            vn_buf_printf(out, " |%s %s", title ? "" : " |", vn_buf_cstr(&t));
        vn_buf_putc(out, '\n');
    }
    vn_buf_free(&t);
    vnplan_doc_free(doc);
}

/* ---- mode diff --------------------------------------------------------------
 * Only the public API: what a user of the library sees of a comparison. */

/* A value as the gold TSV files write it: a decimal point, no trailing zeros. */
static void put_value(vn_buf *out, double v)
{
    char b[64];
    snprintf(b, sizeof b, "%.6f", v);
    char *e = b + strlen(b);
    while (e > b && e[-1] == '0')
        *--e = 0;
    if (e > b && e[-1] == '.')
        *--e = 0;
    vn_buf_puts(out, b);
}

/* One finding's line: "id: status[ change direction, ...][; plan: ...][; scope ...]". */
static void diff_line(const vnplan_diff *d, size_t i, vn_buf *out)
{
    const vnplan_doc *plan = vnplan_diff_plan(d);
    vn_buf_printf(out, "%s: %s", vnplan_diff_finding_base_id(d, i), vnplan_diff_finding_status(d, i));
    size_t nc = vnplan_diff_finding_change_count(d, i);
    for (size_t k = 0; k < nc; k++) {
        const char *dir = vnplan_diff_finding_direction(d, i, k);
        vn_buf_printf(out, "%s%s%s%s", k ? ", " : " ", vnplan_diff_finding_change(d, i, k), dir ? " " : "",
                      dir ? dir : "");
    }
    size_t t = vnplan_diff_finding_plan_target(d, i);
    if (t != VNPLAN_NONE) {
        const char *phase = vnplan_target_phase(plan, t);
        vn_buf_printf(out, "; plan: %s ", vnplan_target_comparator(plan, t));
        put_value(out, vnplan_target_value(plan, t));
        double max = vnplan_target_value_max(plan, t);
        if (max == max && max != vnplan_target_value(plan, t)) {
            vn_buf_puts(out, "..");
            put_value(out, max);
        }
        vn_buf_printf(out, " %s %s", vnplan_target_unit_class(plan, t), phase ? phase : "-");
    }
    size_t ns = vnplan_diff_finding_scope_count(d, i);
    for (size_t k = 0; k < ns; k++) {
        const char *part = NULL, *base = NULL, *pl = NULL, *rel = NULL;
        vnplan_diff_finding_scope(d, i, k, &part, &base, &pl, &rel);
        vn_buf_printf(out, "; scope %s: %s -> %s (%s)", part ? part : "?", base ? base : "-", pl ? pl : "-",
                      rel ? rel : "?");
    }
    vn_buf_putc(out, '\n');
}

/* The expected block names the findings to show, in its order; "others:
 * missing" stands for every baseline target it does not name, and holds
 * when each of them is missing (else the lines of those that are not). */
static void run_diff(const char *input, const char *expect, vn_buf *out)
{
    vnplan_doc *plan = parse(input, out), *base = NULL;
    if (!plan)
        return;
    char err[256];
    vnplan_diff *d = NULL;
    if (vnplan_baseline_load("1002", NULL, &base, err, sizeof err) != VNPLAN_OK ||
        vnplan_compare(base, plan, NULL, &d, err, sizeof err) != VNPLAN_OK) {
        vn_buf_printf(out, "error: %s\n", err);
        vnplan_doc_free(base);
        vnplan_doc_free(plan);
        return;
    }
    size_t n = vnplan_diff_finding_count(d);
    bool *named = calloc(n ? n : 1, sizeof *named);
    for (const char *p = expect; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        for (size_t i = 0; colon && i < n; i++) {
            const char *id = vnplan_diff_finding_base_id(d, i);
            if (strlen(id) == (size_t)(colon - p) && !strncmp(id, p, (size_t)(colon - p)))
                named[i] = true;
        }
        p += len + (e ? 1 : 0);
    }
    for (const char *p = expect; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        size_t id_len = colon ? (size_t)(colon - p) : len;
        if (id_len == 6 && !strncmp(p, "others", 6)) {
            size_t before = out->len;
            for (size_t i = 0; i < n; i++)
                if (!named[i] && strcmp(vnplan_diff_finding_status(d, i), "missing") != 0)
                    diff_line(d, i, out);
            if (out->len == before)
                vn_buf_puts(out, "others: missing\n");
        } else if (len > 0) {
            size_t i = 0;
            while (i < n && !(strlen(vnplan_diff_finding_base_id(d, i)) == id_len &&
                              !strncmp(vnplan_diff_finding_base_id(d, i), p, id_len)))
                i++;
            if (i < n)
                diff_line(d, i, out);
            else
                vn_buf_printf(out, "%.*s: no such baseline target\n", (int)id_len, p);
        }
        p += len + (e ? 1 : 0);
    }
    free(named);
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        ok(0, "%s: readable", path);
        return 0;
    }
    vn_buf file = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        vn_buf_put(&file, chunk, n);
    fclose(f);
    vn_buf_cstr(&file);

    spec_mode mode = MODE_NONE;
    int examples = 0;
    const char *p = file.data;
    size_t lineno = 0;
    vn_buf name = {0}, input = {0}, expect = {0}, got = {0};
    int state = 0; /* 0 outside, 1 input, 2 expected */
    size_t example_line = 0;
    for (;;) {
        const char *e = p ? strchr(p, '\n') : NULL;
        bool at_end = !p || !*p;
        size_t len = at_end ? 0 : e ? (size_t)(e - p) : strlen(p);
        lineno++;
        bool starts_example = !at_end && len >= 4 && !strncmp(p, "=== ", 4);
        if ((at_end || starts_example) && state == 2) {
            vn_buf_clear(&got);
            vn_buf_cstr(&input);
            if (mode == MODE_CLASSIFY)
                run_classify(input.data, &got);
            else if (mode == MODE_LINES)
                run_lines(input.data, &got);
            else if (mode == MODE_INDICATORS)
                run_indicators(input.data, &got);
            else if (mode == MODE_META)
                run_meta(input.data, &got);
            else if (mode == MODE_DIFF)
                run_diff(input.data, vn_buf_cstr(&expect), &got);
            else if (mode == MODE_TARGETS)
                run_targets(input.data, &got);
            else
                run_tree(input.data, &got);
            /* trailing blank lines of the expected block do not count */
            while (expect.len >= 2 && expect.data[expect.len - 1] == '\n' && expect.data[expect.len - 2] == '\n')
                expect.len--;
            /* an example whose output is nothing leaves one blank line */
            if (expect.len == 1 && expect.data[0] == '\n')
                expect.len = 0;
            bool same = got.len == expect.len && memcmp(got.data, expect.data, got.len) == 0;
            if (!ok(same, "%s:%zu: %s", path, example_line, vn_buf_cstr(&name))) {
                printf("# expected:\n");
                for (const char *q = vn_buf_cstr(&expect); *q;) {
                    const char *qe = strchr(q, '\n');
                    printf("#   %.*s\n", (int)(qe ? qe - q : (long)strlen(q)), q);
                    q = qe ? qe + 1 : q + strlen(q);
                }
                printf("# got:\n");
                for (const char *q = vn_buf_cstr(&got); *q;) {
                    const char *qe = strchr(q, '\n');
                    printf("#   %.*s\n", (int)(qe ? qe - q : (long)strlen(q)), q);
                    q = qe ? qe + 1 : q + strlen(q);
                }
            }
            examples++;
            state = 0;
        }
        if (at_end)
            break;
        if (starts_example) {
            if (mode == MODE_NONE) {
                ok(0, "%s:%zu: an example before the \"mode:\" line", path, lineno);
                break;
            }
            vn_buf_clear(&name);
            vn_buf_put(&name, p + 4, len - 4);
            vn_buf_clear(&input);
            vn_buf_clear(&expect);
            state = 1;
            example_line = lineno;
        } else if (state == 1 && len == 3 && !strncmp(p, "---", 3)) {
            state = 2;
        } else if (state == 1) {
            unescape(p, len, &input);
            vn_buf_putc(&input, '\n');
        } else if (state == 2) {
            vn_buf_put(&expect, p, len);
            vn_buf_putc(&expect, '\n');
        } else if (len > 6 && !strncmp(p, "mode: ", 6)) {
            if (!strncmp(p + 6, "classify", len - 6))
                mode = MODE_CLASSIFY;
            else if (!strncmp(p + 6, "lines", len - 6))
                mode = MODE_LINES;
            else if (!strncmp(p + 6, "tree", len - 6))
                mode = MODE_TREE;
            else if (!strncmp(p + 6, "indicators", len - 6))
                mode = MODE_INDICATORS;
            else if (len - 6 == 4 && !strncmp(p + 6, "meta", 4))
                mode = MODE_META;
            else if (len - 6 == 4 && !strncmp(p + 6, "diff", 4))
                mode = MODE_DIFF;
            else if (len - 6 == 7 && !strncmp(p + 6, "targets", 7))
                mode = MODE_TARGETS;
        }
        p = e ? e + 1 : p + len;
    }
    if (state == 1)
        ok(0, "%s:%zu: example \"%s\" has no \"---\" line", path, example_line, vn_buf_cstr(&name));
    ok(examples > 0, "%s: has examples (%d)", path, examples);
    vn_buf_free(&name);
    vn_buf_free(&input);
    vn_buf_free(&expect);
    vn_buf_free(&got);
    vn_buf_free(&file);
    return examples;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    const char *dir = "tests/spec";
    DIR *d = opendir(dir);
    if (!ok(d != NULL, "%s exists", dir))
        return done();
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < 256) {
        size_t l = strlen(de->d_name);
        /* render*.txt files belong to the renderers' test */
        if (l > 4 && !strcmp(de->d_name + l - 4, ".txt") && strncmp(de->d_name, "render", 6) != 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        total += run_file(path);
        free(names[i]);
    }
    ok(total >= 20, "the spec files hold %d examples in all", total);
    return done();
}
