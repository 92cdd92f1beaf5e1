/* test_render.c — the renderers (XML, JSON, text, TSV/CSV) and reading XML
 * back, on documents built here by hand.
 *
 *   - exact outputs, written by hand in tests/spec/render.txt;
 *   - every XML output validates against docs/vnplan.rng, every JSON output
 *     is valid JSON (an iterative checker below), every TSV row has its
 *     columns, every output is valid UTF-8;
 *   - XML → vnplan_load_xml → XML gives the same bytes (and the same JSON
 *     and text);
 *   - odd documents: invalid UTF-8 and control characters in every kind of
 *     string, NULL strings, an empty tree, ten thousand levels of nesting,
 *     damaged links, a failing output stream, wrong arguments. */
/* libxml2 called directly (linked through TEST_LIBS), not through the
 * library's table (src/xml_dl.h) */
#define VN_XML_LINKED
#include "doc.h"
#include "render.h"

#include "schema_valid.h"
#include "tap.h"
#include "testutil.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define SPEC_FILE "tests/spec/render.txt"

/* ---- small helpers ---------------------------------------------------------- */

/* A memory FILE and what was written to it. */
typedef struct memout {
    FILE *f;
    char *buf;
    size_t len;
} memout;

static void mo_open(memout *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    if (!m->f) {
        perror("open_memstream");
        exit(2);
    }
}

static char *mo_close(memout *m, size_t *len)
{
    fclose(m->f);
    if (len)
        *len = m->len;
    return m->buf;
}

static char *render(const vnplan_doc *doc, vnplan_format fmt, unsigned flags, vnplan_status *st)
{
    memout m;
    mo_open(&m);
    char err[256] = "";
    vnplan_status s = vnplan_render(doc, fmt, flags, m.f, err, sizeof err);
    if (st)
        *st = s;
    else if (s != VNPLAN_OK)
        diag("render failed: %s", err);
    return mo_close(&m, NULL);
}

/* Valid UTF-8 throughout, and no NUL inside. */
static int utf8_ok(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!len || (c == 0) || i + len > n)
            return 0;
        uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < len; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* ---- an iterative JSON checker (RFC 8259) ------------------------------------------ */

static const char *json_string(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    (*i)++; /* the quote */
    size_t start = *i;
    while (*i < n) {
        unsigned c = u[*i];
        if (c == '"') {
            if (!utf8_ok(s + start, *i - start))
                return "invalid UTF-8 in a string";
            (*i)++;
            return NULL;
        }
        if (c < 0x20)
            return "raw control character in a string";
        if (c == '\\') {
            (*i)++;
            if (*i >= n)
                return "truncated escape";
            c = u[*i];
            if (c == 'u') {
                for (int k = 1; k <= 4; k++) {
                    char h = *i + (size_t)k < n ? s[*i + (size_t)k] : 0;
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                        return "bad \\u escape";
                }
                *i += 5;
                continue;
            }
            if (!strchr("\"\\/bfnrt", (int)c) || c == 0)
                return "bad escape";
        }
        (*i)++;
    }
    return "unterminated string";
}

static const char *json_number(const char *s, size_t n, size_t *i)
{
    size_t k = *i;
    if (k < n && s[k] == '-')
        k++;
    if (k >= n || !vn_is_digit(s[k]))
        return "bad number";
    if (s[k] == '0')
        k++;
    else
        while (k < n && vn_is_digit(s[k]))
            k++;
    if (k < n && s[k] == '.') {
        k++;
        if (k >= n || !vn_is_digit(s[k]))
            return "bad fraction";
        while (k < n && vn_is_digit(s[k]))
            k++;
    }
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k >= n || !vn_is_digit(s[k]))
            return "bad exponent";
        while (k < n && vn_is_digit(s[k]))
            k++;
    }
    *i = k;
    return NULL;
}

/* NULL when s[0..n) is one JSON value (and white space); else what is wrong,
 * with *at the offset. */
static const char *json_check(const char *s, size_t n, size_t *at)
{
    enum { VALUE, AFTER, KEY, COLON } state = VALUE;
    char *stack = NULL;
    size_t depth = 0, cap = 0, i = 0;
    const char *bad = NULL;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (state == AFTER && depth == 0) {
            if (i != n)
                bad = "text after the value";
            break;
        }
        if (i >= n) {
            bad = "truncated";
            break;
        }
        char c = s[i];
        if (state == VALUE) {
            if (c == '{' || c == '[') {
                if (depth == cap) {
                    cap = cap ? 2 * cap : 64;
                    stack = realloc(stack, cap);
                }
                stack[depth++] = c;
                i++;
                while (i < n && (s[i] == ' ' || s[i] == '\n'))
                    i++;
                if (i < n && s[i] == (c == '{' ? '}' : ']')) {
                    depth--;
                    i++;
                    state = AFTER;
                } else {
                    state = c == '{' ? KEY : VALUE;
                }
            } else if (c == '"') {
                if ((bad = json_string(s, n, &i)))
                    break;
                state = AFTER;
            } else if (!strncmp(s + i, "true", 4) || !strncmp(s + i, "null", 4)) {
                i += 4;
                state = AFTER;
            } else if (!strncmp(s + i, "false", 5)) {
                i += 5;
                state = AFTER;
            } else {
                if ((bad = json_number(s, n, &i)))
                    break;
                state = AFTER;
            }
        } else if (state == KEY) {
            if (c != '"') {
                bad = "expected a key";
                break;
            }
            if ((bad = json_string(s, n, &i)))
                break;
            state = COLON;
        } else if (state == COLON) {
            if (c != ':') {
                bad = "expected ':'";
                break;
            }
            i++;
            state = VALUE;
        } else { /* AFTER, inside a container */
            char top = stack[depth - 1];
            if (c == ',') {
                i++;
                state = top == '{' ? KEY : VALUE;
            } else if ((c == '}' && top == '{') || (c == ']' && top == '[')) {
                depth--;
                i++;
            } else {
                bad = "expected ',' or a closing bracket";
                break;
            }
        }
    }
    free(stack);
    if (at)
        *at = i;
    return bad;
}

static int json_valid(const char *s, size_t n, const char *what)
{
    size_t at;
    const char *bad = json_check(s, n, &at);
    if (!ok(bad == NULL, "%s: valid JSON", what))
        diag("%s at byte %zu: %.40s", bad, at, s + (at > 20 ? at - 20 : 0));
    return bad == NULL;
}

/* ---- schema validation --------------------------------------------------------------- */

static void schema_load(void)
{
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlSetStructuredErrorFunc(NULL, keep_error);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(SCHEMA_FILE);
    schema = pc ? xmlRelaxNGParse(pc) : NULL;
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    ok(schema != NULL, "%s compiles", SCHEMA_FILE);
    if (!schema)
        diag("%s", first_error);
}

/* 1 when s is well-formed XML that the schema accepts (schema_valid.h). */
static int xml_valid(const char *s, size_t n, const char *what)
{
    return schema_valid(s, n, what, XML_PARSE_NOWARNING | XML_PARSE_HUGE);
}

/* ---- the spec file ------------------------------------------------------------------------ */

static char *spec;

/* The expected output named `name`, malloc'd; "\e" becomes ESC when
 * `escapes`. */
static char *expected(const char *name, int escapes)
{
    char head[128];
    snprintf(head, sizeof head, "~~~ %s\n", name);
    const char *p = spec;
    while (p && (p = strstr(p, head)) && !(p == spec || p[-1] == '\n'))
        p++;
    if (!p) {
        diag("no block \"%s\" in %s", name, SPEC_FILE);
        return NULL;
    }
    p += strlen(head);
    const char *end = strstr(p, "\n~~~\n");
    if (!end && strncmp(p, "~~~\n", 4) == 0)
        end = p - 1;
    if (!end)
        return NULL;
    size_t n = p <= end ? (size_t)(end - p) + 1 : 0;
    if (strncmp(p, "~~~\n", 4) == 0)
        n = 0;
    char *s = malloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (escapes && p[i] == '\\' && i + 1 < n && p[i + 1] == 'e') {
            s[o++] = '\033';
            i++;
        } else {
            s[o++] = p[i];
        }
    }
    s[o] = '\0';
    return s;
}

/* Compares with a block of the spec file; on a difference shows the first
 * differing line. */
static int is_output(const char *got, const char *name)
{
    char *want = expected(name, strstr(name, "color") != NULL);
    int same = want && got && strcmp(got, want) == 0;
    if (!ok(same, "%s: output as in %s", name, SPEC_FILE) && want && got) {
        size_t i = 0, line = 1, bol = 0;
        while (got[i] && got[i] == want[i]) {
            if (got[i] == '\n') {
                line++;
                bol = i + 1;
            }
            i++;
        }
        const char *g = got + bol, *w = want + bol;
        diag("first difference on line %zu:", line);
        diag("  got:  %.*s", (int)(strchr(g, '\n') ? strchr(g, '\n') - g : (int)strlen(g)), g);
        diag("  want: %.*s", (int)(strchr(w, '\n') ? strchr(w, '\n') - w : (int)strlen(w)), w);
    }
    free(want);
    return same;
}

/* ---- documents built by hand ------------------------------------------------------------- */

/* A document over `text` (NUL-terminated; the original file is the same
 * bytes), physical lines trimmed of surrounding white space as read.c and
 * lines.c make them. */
static vnplan_doc *doc_new(const char *name, const char *text, size_t n)
{
    vnplan_doc *d = vn_xcalloc(1, sizeof *d);
    d->name = vn_xstrndup(name, strlen(name));
    d->text.s = vn_xmalloc(n + 1);
    memcpy(d->text.s, text, n);
    d->text.s[n] = '\0';
    d->text.len = n;
    d->text.orig = vn_xmalloc(n + 1);
    memcpy(d->text.orig, text, n);
    d->text.orig_len = n;
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && text[i] != '\n')
            continue;
        if (i == n && a == n && n > 0)
            break;
        size_t s = a, e = i;
        while (s < e && vn_is_hspace(text[s]))
            s++;
        while (e > s && vn_is_hspace(text[e - 1]))
            e--;
        vn_pline *p = &VN_PUSH(d->plines, d->nplines, d->capplines);
        memset(p, 0, sizeof *p);
        p->start = (uint32_t)s;
        p->end = (uint32_t)e;
        if (s == e) {
            p->start = p->end = (uint32_t)a;
            p->flags = VN_PL_BLANK;
        }
        a = i + 1;
    }
    return d;
}

static size_t cursor;

/* The span of the next occurrence of s in the text (from the cursor). */
static vn_span find(vnplan_doc *d, const char *s)
{
    if (!s)
        return vn_span_make(cursor, cursor);
    const char *p = strstr(d->text.s + cursor, s);
    if (!p) {
        diag("test bug: \"%s\" not in the text", s);
        exit(2);
    }
    size_t a = (size_t)(p - d->text.s);
    cursor = a + strlen(s);
    return vn_span_make(a, cursor);
}

static int32_t add(vnplan_doc *d, int32_t parent, vn_kind kind, vn_style style, const char *marker,
                   const char *title, const char *text)
{
    int32_t id = vn_node_add(d, parent, kind);
    vn_span m = find(d, marker);
    vn_node *n = &d->nodes[id];
    n->style = (uint8_t)style;
    n->marker = marker ? m : vn_span_make(0, 0);
    if (marker) { /* the number: the marker without its punctuation */
        size_t a = m.start, b = m.end;
        while (b > a && (d->text.s[b - 1] == '.' || d->text.s[b - 1] == ')'))
            b--;
        if (b > a && d->text.s[a] != '-')
            n->number = vn_span_make(a, b);
    }
    n->title = title ? find(d, title) : vn_span_make(0, 0);
    n->text = text ? find(d, text) : vn_span_make(0, 0);
    return id;
}

/* sub_start/sub_end and line_first/line_last from the nodes' own spans, as
 * tree.c leaves them. */
static void finish_tree(vnplan_doc *d)
{
    for (size_t i = d->nnodes; i-- > 0;) {
        vn_node *n = &d->nodes[i];
        vn_span own[4] = {n->marker, n->number, n->title, n->text};
        bool any = n->sub_end > n->sub_start;
        for (int k = 0; k < 4; k++) {
            if (own[k].end <= own[k].start)
                continue;
            if (!any || own[k].start < n->sub_start)
                n->sub_start = own[k].start;
            if (!any || own[k].end > n->sub_end)
                n->sub_end = own[k].end;
            any = true;
        }
        n->line_first = (uint32_t)vn_line_of(d, n->sub_start);
        n->line_last = (uint32_t)vn_line_of(d, n->sub_end ? n->sub_end - 1 : 0);
        if (n->parent >= 0 && any) {
            vn_node *p = &d->nodes[n->parent];
            bool pany = p->sub_end > p->sub_start;
            if (!pany || n->sub_start < p->sub_start)
                p->sub_start = n->sub_start;
            if (!pany || n->sub_end > p->sub_end)
                p->sub_end = n->sub_end;
        }
    }
}

static const char plan_text[] = "ỦY BAN NHÂN DÂN\n"
                                "TỈNH NINH BÌNH\n"
                                "Số: 141/KH-UBND\n"
                                "I. MỤC ĐÍCH\n"
                                "1. Mục đích\n"
                                "- Triển khai & \"đúng\"  <hạn>\n"
                                "\thiệu quả.\n"
                                "II. MỤC TIÊU\n"
                                "2. Đến năm 2030\n"
                                "- Tỷ lệ đạt trên 80%, trong đó ít nhất 2,5% có chứng chỉ.\n";

static vn_ref plan_refs[1];

static vnplan_doc *build_plan(void)
{
    vnplan_doc *d = doc_new("plan.txt", plan_text, sizeof plan_text - 1);
    cursor = 0;
    int32_t root = add(d, -1, VN_KIND_DOCUMENT, VN_STYLE_NONE, NULL, NULL, NULL);
    int32_t pre = add(d, root, VN_KIND_PART, VN_STYLE_NONE, NULL, NULL, NULL);
    d->nodes[pre].label = VN_LABEL_PREAMBLE;
    int32_t f = add(d, pre, VN_KIND_FIELD, VN_STYLE_NONE, NULL, NULL, "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH");
    d->nodes[f].field = VN_FIELD_ISSUER;
    f = add(d, pre, VN_KIND_FIELD, VN_STYLE_NONE, NULL, NULL, "Số: 141/KH-UBND");
    d->nodes[f].field = VN_FIELD_NUMBER;
    int32_t s1 = add(d, root, VN_KIND_SECTION, VN_STYLE_ROMAN, "I.", "MỤC ĐÍCH", NULL);
    d->nodes[s1].label = VN_LABEL_MUC_DICH;
    int32_t s11 = add(d, s1, VN_KIND_SECTION, VN_STYLE_ARABIC, "1.", "Mục đích", NULL);
    add(d, s11, VN_KIND_ITEM, VN_STYLE_DASH, "-", NULL, "Triển khai & \"đúng\"  <hạn>\n\thiệu quả.");
    int32_t s2 = add(d, root, VN_KIND_SECTION, VN_STYLE_ROMAN, "II.", "MỤC TIÊU", NULL);
    d->nodes[s2].label = VN_LABEL_MUC_TIEU;
    int32_t s22 = add(d, s2, VN_KIND_SECTION, VN_STYLE_ARABIC, "2.", "Đến năm 2030", NULL);
    d->nodes[s22].phase = 2030;
    int32_t it = add(d, s22, VN_KIND_ITEM, VN_STYLE_DASH, "-", NULL,
                     "Tỷ lệ đạt trên 80%, trong đó ít nhất 2,5% có chứng chỉ.");
    d->nodes[it].phase = 2030;
    finish_tree(d);

    vn_meta *m = &d->meta;
    m->type = "ke_hoach";
    m->number = "141/KH-UBND";
    m->date = "2025-06-20";
    m->issuer = "Ủy ban nhân dân tỉnh Ninh Bình";
    m->locality = "Ninh Bình";
    m->level = "tinh";
    m->signer_name = "Trần Thanh Nhàn";
    m->signer_capacity = "KT. CHỦ TỊCH";
    m->implements = vn_xmalloc(sizeof *m->implements);
    plan_refs[0] = (vn_ref){"1002/QĐ-TTg", "1002/QĐ-TTG", "2025-05-24", "quyet_dinh", {0, 0}};
    m->implements[0] = plan_refs[0];
    m->nimplements = 1;
    vn_doc_warn(d, "line 9: a numbering gap was bridged");

    const char *sentence = "Tỷ lệ đạt trên 80%, trong đó ít nhất 2,5% có chứng chỉ.";
    vn_target *t = &VN_PUSH(d->targets, d->ntargets, d->captargets);
    memset(t, 0, sizeof *t);
    *t = (vn_target){.id = "t1", .cmp = VN_CMP_GT, .section = VN_LABEL_MUC_TIEU, .phase = 2030, .value = 80,
                     .value_text = "80", .unit = "%", .unit_class = "pct", .indicator = "Tỷ lệ", .text = sentence,
                     .parent = -1, .node = it, .span = d->nodes[it].text};
    t = &VN_PUSH(d->targets, d->ntargets, d->captargets);
    *t = (vn_target){.id = "t2", .cmp = VN_CMP_GE, .section = VN_LABEL_MUC_TIEU, .phase = 2030, .value = 2.5,
                     .value_text = "2,5", .unit = "%", .unit_class = "pct", .indicator = "có chứng chỉ",
                     .text = sentence, .parent = 0, .node = it, .span = d->nodes[it].text};
    return d;
}

static vnplan_doc *build_empty(void) { return doc_new("empty.txt", "", 0); }

/* ---- checks ----------------------------------------------------------------------------------- */

static void test_exact(void)
{
    vnplan_doc *plan = build_plan(), *empty = build_empty();
    static const struct {
        const char *name;
        int doc; /* 0 plan, 1 empty */
        vnplan_format fmt;
        unsigned flags;
    } cases[] = {
        {"plan xml", 0, VNPLAN_FORMAT_XML, 0},
        {"plan xml no-targets", 0, VNPLAN_FORMAT_XML, VNPLAN_RENDER_NO_TARGETS},
        {"plan json", 0, VNPLAN_FORMAT_JSON, 0},
        {"plan text", 0, VNPLAN_FORMAT_TEXT, 0},
        {"plan text color", 0, VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_COLOR},
        {"plan targets tsv", 0, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY},
        {"plan targets csv", 0, VNPLAN_FORMAT_CSV, VNPLAN_RENDER_TARGETS_ONLY},
        {"plan targets text", 0, VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_TARGETS_ONLY},
        {"plan targets json", 0, VNPLAN_FORMAT_JSON, VNPLAN_RENDER_TARGETS_ONLY},
        {"plan targets xml", 0, VNPLAN_FORMAT_XML, VNPLAN_RENDER_TARGETS_ONLY},
        {"empty xml", 1, VNPLAN_FORMAT_XML, 0},
        {"empty json", 1, VNPLAN_FORMAT_JSON, 0},
        {"empty text", 1, VNPLAN_FORMAT_TEXT, 0},
        {"empty targets tsv", 1, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY},
        {"empty targets json", 1, VNPLAN_FORMAT_JSON, VNPLAN_RENDER_TARGETS_ONLY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vnplan_status st;
        char *out = render(cases[i].doc ? empty : plan, cases[i].fmt, cases[i].flags, &st);
        ok(st == VNPLAN_OK, "%s: renders", cases[i].name);
        is_output(out, cases[i].name);
        size_t n = strlen(out);
        ok(utf8_ok(out, n), "%s: valid UTF-8", cases[i].name);
        if (cases[i].fmt == VNPLAN_FORMAT_XML)
            xml_valid(out, n, cases[i].name);
        if (cases[i].fmt == VNPLAN_FORMAT_JSON)
            json_valid(out, n, cases[i].name);
        free(out);
    }
    vnplan_doc_free(plan);
    vnplan_doc_free(empty);
}

/* Several documents (or none) through one renderer. */
static char *render_many(vnplan_doc **docs, size_t n, vnplan_format fmt, unsigned flags, vnplan_status *st)
{
    memout m;
    mo_open(&m);
    char err[256];
    vnplan_renderer *r = vnplan_renderer_new(fmt, flags, m.f);
    *st = VNPLAN_OK;
    for (size_t i = 0; i < n && *st == VNPLAN_OK; i++)
        *st = vnplan_renderer_add(r, docs[i], err, sizeof err);
    vnplan_status s2 = vnplan_renderer_finish(r, err, sizeof err);
    if (*st == VNPLAN_OK)
        *st = s2;
    return mo_close(&m, NULL);
}

static void test_many(void)
{
    vnplan_doc *docs[2] = {build_plan(), build_empty()};
    vnplan_status st;
    char *out;

    out = render_many(docs, 0, VNPLAN_FORMAT_XML, 0, &st);
    ok(st == VNPLAN_OK, "no document: XML renders");
    is_output(out, "none xml");
    xml_valid(out, strlen(out), "none xml");
    free(out);
    out = render_many(docs, 0, VNPLAN_FORMAT_JSON, 0, &st);
    is_output(out, "none json");
    free(out);
    out = render_many(docs, 0, VNPLAN_FORMAT_TEXT, 0, &st);
    is_output(out, "none text");
    free(out);

    /* JSON: two documents are an array of the two objects, each as alone */
    out = render_many(docs, 2, VNPLAN_FORMAT_JSON, VNPLAN_RENDER_NO_TARGETS, &st);
    ok(st == VNPLAN_OK, "two documents: JSON renders");
    json_valid(out, strlen(out), "two documents JSON");
    char *head = expected("two json-head", 0);
    ok(head && strncmp(out, head, strlen(head)) == 0, "two documents: JSON is an array");
    free(head);
    char *one = render(docs[1], VNPLAN_FORMAT_JSON, VNPLAN_RENDER_NO_TARGETS, NULL);
    one[strlen(one) - 1] = '\0'; /* without its final newline */
    size_t lo = strlen(out), l1 = strlen(one);
    ok(lo > l1 + 3 && strncmp(out + lo - l1 - 3, one, l1) == 0 && strcmp(out + lo - 3, "\n]\n") == 0,
       "two documents: the second element is the document as rendered alone");
    free(one);
    free(out);

    out = render_many(docs, 2, VNPLAN_FORMAT_XML, 0, &st);
    ok(st == VNPLAN_OK, "two documents: XML renders");
    xml_valid(out, strlen(out), "two documents XML");
    size_t ndoc = 0;
    for (const char *p = out; (p = strstr(p, "<document ")); p++)
        ndoc++;
    is_long((long)ndoc, 2, "two documents: two <document> under one <vnplan>");
    free(out);

    out = render_many(docs, 2, VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_NO_TARGETS, &st);
    is_output(out, "two text");
    free(out);
    out = render_many(docs, 2, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY, &st);
    is_output(out, "two targets tsv");
    free(out);
    out = render_many(docs, 2, VNPLAN_FORMAT_JSON, VNPLAN_RENDER_TARGETS_ONLY, &st);
    json_valid(out, strlen(out), "two documents targets JSON");
    ok(out[0] == '[' && strstr(out, "\"source\": \"plan.txt\", \"id\": \"t2\""),
       "two documents: targets JSON is one flat array naming sources");
    free(out);

    vnplan_doc_free(docs[0]);
    vnplan_doc_free(docs[1]);
}

/* XML → load → XML, JSON and text give the same bytes. */
static void test_roundtrip(void)
{
    vnplan_doc *plan = build_plan();
    char *xml = render(plan, VNPLAN_FORMAT_XML, 0, NULL);
    char *json = render(plan, VNPLAN_FORMAT_JSON, 0, NULL);
    char *text = render(plan, VNPLAN_FORMAT_TEXT, 0, NULL);
    char *tsv = render(plan, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY, NULL);
    vnplan_doc *back = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_load_xml(xml, strlen(xml), "plan.xml", NULL, &back, err, sizeof err);
    if (!ok(st == VNPLAN_OK && back, "plan: the XML loads back"))
        diag("%s", err);
    if (back) {
        char *x2 = render(back, VNPLAN_FORMAT_XML, 0, NULL);
        is_str(x2, xml, "plan: XML → load → XML is the same");
        char *j2 = render(back, VNPLAN_FORMAT_JSON, 0, NULL);
        is_str(j2, json, "plan: XML → load → JSON is the JSON of the original");
        char *t2 = render(back, VNPLAN_FORMAT_TEXT, 0, NULL);
        is_str(t2, text, "plan: XML → load → text is the text of the original");
        char *v2 = render(back, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY, NULL);
        is_str(v2, tsv, "plan: XML → load → TSV targets are the same");
        free(x2);
        free(j2);
        free(t2);
        free(v2);

        /* the public accessors see the same document */
        is_str(vnplan_doc_name(back), "plan.xml", "loaded: name is the name given");
        is_str(vnplan_doc_encoding(back), "xml", "loaded: encoding is xml");
        is_long((long)vnplan_node_count(back), 10, "loaded: 10 nodes");
        char buf[128];
        vnplan_node_title(back, 4, buf, sizeof buf);
        is_str(buf, "MỤC ĐÍCH", "loaded: node 4 title");
        vnplan_node_number(back, 7, buf, sizeof buf);
        is_str(buf, "II", "loaded: node 7 number");
        vnplan_node_text(back, 6, buf, sizeof buf);
        is_str(buf, "Triển khai & \"đúng\" <hạn> hiệu quả.", "loaded: node 6 text");
        is_str(vnplan_node_label(back, 2), "issuer", "loaded: field label");
        is_str(vnplan_node_phase(back, 8), "2030", "loaded: phase");
        vnplan_span sp = vnplan_node_span(back, 6);
        ok(sp.start == 88 && sp.end == 137 && sp.line == 6 && sp.end_line == 7, "loaded: node span from the attributes");
        is_long((long)vnplan_target_count(back), 2, "loaded: 2 targets");
        is_num(vnplan_target_value(back, 1), 2.5, "loaded: target value");
        is_long((long)vnplan_target_parent(back, 1), 0, "loaded: parent resolved by id");
        is_long((long)vnplan_target_node(back, 1), 9, "loaded: target in its node");
        is_str(vnplan_target_comparator(back, 0), ">", "loaded: comparator");
        is_str(vnplan_target_unit_class(back, 0), "pct", "loaded: unit class");
        is_str(vnplan_target_section(back, 0), "muc_tieu", "loaded: section");
        is_str(vnplan_target_phase(back, 0), "2030", "loaded: target phase");
        sp = vnplan_target_span(back, 0);
        ok(sp.start == 176 && sp.line == 10, "loaded: target span from the attributes");
        is_str(vnplan_meta_implements_number(back, 0), "1002/QĐ-TTg", "loaded: implements");
        is_str(back->meta.implements[0].key, "1002/QĐ-TTG", "loaded: implements key upper case");
        is_str(vnplan_meta_signer_capacity(back), "KT. CHỦ TỊCH",
               "loaded: signer");
        is_long((long)vnplan_doc_warning_count(back), 1, "loaded: the warning");
        const vn_target *t = &back->targets[1];
        ok(t->value_span.end > t->value_span.start &&
               strncmp(back->text.s + t->value_span.start, "2,5", 3) == 0,
           "loaded: value span points at the number in the sentence");
        ok(t->cmp_span.end - t->cmp_span.start == strlen("ít nhất") &&
               strncmp(back->text.s + t->cmp_span.start, "ít nhất", strlen("ít nhất")) == 0,
           "loaded: comparator span, read again from the sentence");
        ok(t->unit_span.end == t->unit_span.start + 1 && back->text.s[t->unit_span.start] == '%',
           "loaded: unit span");
        vnplan_doc_free(back);
    }
    free(xml);
    free(json);
    free(text);
    free(tsv);
    vnplan_doc_free(plan);
}

/* Invalid UTF-8, control characters and NULLs everywhere a string goes. */
static void test_odd_strings(void)
{
    static const char text[] = "I. T\xC3\x1F\x01tle \xFF\xFE end\n"
                               "- item with \x7F and \xED\xA0\x80 surrogate and \xEF\xBF\xBE and tab\there\n";
    vnplan_doc *d = doc_new("o\xFF" "dd\x01.txt", text, sizeof text - 1);
    cursor = 0;
    int32_t root = add(d, -1, VN_KIND_DOCUMENT, VN_STYLE_NONE, NULL, NULL, NULL);
    int32_t s = add(d, root, VN_KIND_SECTION, VN_STYLE_ROMAN, "I.", "T\xC3\x1F\x01tle \xFF\xFE end", NULL);
    d->nodes[s].label = VN_LABEL_OTHER;
    int32_t it = add(d, s, VN_KIND_ITEM, VN_STYLE_DASH, "-", NULL,
                     "item with \x7F and \xED\xA0\x80 surrogate and \xEF\xBF\xBE and tab\there");
    finish_tree(d);
    d->meta.issuer = "bad \xC0\xAF \"quoted\" \\ back\nslash\r\x02";
    d->meta.number = "";
    d->meta.implements = vn_xcalloc(2, sizeof *d->meta.implements);
    d->meta.implements[0].number = NULL; /* a damaged reference */
    d->meta.implements[1].number = "12/\xF5x";
    d->meta.nimplements = 2;
    d->meta.signer_name = "\xE2\x80\xA8line sep\xE2\x80\xA9";
    vn_target *t = &VN_PUSH(d->targets, d->ntargets, d->captargets);
    memset(t, 0, sizeof *t);
    t->id = NULL; /* no id: rendered as t1 */
    t->value = NAN;
    t->parent = 7; /* out of range */
    t->node = it;
    t->unit = "%\t\n";
    t->indicator = "ind\x80icator";
    t->text = NULL;
    t->span = vn_span_make(5, 3); /* reversed */
    t = &VN_PUSH(d->targets, d->ntargets, d->captargets);
    memset(t, 0, sizeof *t);
    t->id = "t,2\"";
    t->value = 1e300;
    t->parent = 0;
    t->node = 99; /* no such node: written after the tree */
    t->qualitative = 0;
    t->text = "a, \"quoted\" sentence";
    t->confidence = "likely";
    t->span = vn_span_make(0, 10000); /* beyond the text */

    static const struct {
        vnplan_format fmt;
        unsigned flags;
        const char *name;
    } f[] = {
        {VNPLAN_FORMAT_XML, 0, "odd xml"},
        {VNPLAN_FORMAT_XML, VNPLAN_RENDER_TARGETS_ONLY, "odd targets xml"},
        {VNPLAN_FORMAT_JSON, 0, "odd json"},
        {VNPLAN_FORMAT_JSON, VNPLAN_RENDER_TARGETS_ONLY, "odd targets json"},
        {VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_COLOR, "odd text"},
        {VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_TARGETS_ONLY, "odd targets text"},
        {VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY, "odd targets tsv"},
        {VNPLAN_FORMAT_CSV, VNPLAN_RENDER_TARGETS_ONLY, "odd targets csv"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        vnplan_status st;
        char *out = render(d, f[i].fmt, f[i].flags, &st);
        size_t n = strlen(out);
        ok(st == VNPLAN_OK, "%s: renders", f[i].name);
        ok(utf8_ok(out, n), "%s: valid UTF-8", f[i].name);
        if (f[i].fmt == VNPLAN_FORMAT_XML) {
            if (xml_valid(out, n, f[i].name)) {
                vnplan_doc *back = NULL;
                char err[256];
                vnplan_status ls = vnplan_load_xml(out, n, "odd.xml", NULL, &back, err, sizeof err);
                if (!ok(ls == VNPLAN_OK, "%s: loads back", f[i].name))
                    diag("%s", err);
                if (back) {
                    /* reading collapses white space in strings (a tab and a
                     * newline in the unit here), so the second output is
                     * the fixed point: reading it back changes nothing */
                    char *again = render(back, f[i].fmt, f[i].flags, NULL);
                    vnplan_doc_free(back);
                    back = NULL;
                    ok(strstr(again, "unit=\"%\"") != NULL, "%s: white space in strings collapsed on reading",
                       f[i].name);
                    if (vnplan_load_xml(again, strlen(again), "odd2.xml", NULL, &back, err, sizeof err) == VNPLAN_OK) {
                        char *third = render(back, f[i].fmt, f[i].flags, NULL);
                        is_str(third, again, "odd: XML → load → XML → load → XML is a fixed point");
                        free(third);
                        vnplan_doc_free(back);
                    } else {
                        ok(0, "odd: the XML of a loaded tree loads (%s)", err);
                    }
                    free(again);
                }
            }
        }
        if (f[i].fmt == VNPLAN_FORMAT_JSON)
            json_valid(out, n, f[i].name);
        if (f[i].fmt == VNPLAN_FORMAT_TSV) {
            int rows_ok = 1;
            for (const char *p = out; *p;) {
                const char *e = strchr(p, '\n');
                size_t tabs = 0;
                for (const char *q = p; q < e; q++)
                    tabs += *q == '\t';
                rows_ok &= tabs == 12;
                p = e + 1;
            }
            ok(rows_ok, "%s: every row has 13 columns", f[i].name);
        }
        if (f[i].fmt == VNPLAN_FORMAT_JSON && !(f[i].flags & VNPLAN_RENDER_TARGETS_ONLY)) {
            ok(strstr(out, "\"issuer\": \"bad \\ufffd\\ufffd \\\"quoted\\\" \\\\ back\\nslash\\r\\u0002\"") != NULL,
               "odd json: escapes quotes, backslash, controls; replaces invalid bytes");
            ok(strstr(out, "\"\\u2028line sep\\u2029\"") != NULL, "odd json: U+2028/U+2029 escaped");
            ok(strstr(out, "\"value\": null") != NULL, "odd json: NaN is null");
            ok(strstr(out, "\"value\": 1e+300") != NULL, "odd json: 1e300 as a JSON number");
        }
        if (f[i].fmt == VNPLAN_FORMAT_XML && !(f[i].flags & VNPLAN_RENDER_TARGETS_ONLY)) {
            ok(strstr(out, "<title>T\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDtle \xEF\xBF\xBD\xEF\xBF\xBD end</title>") !=
                   NULL,
               "odd xml: invalid bytes and controls in a title become U+FFFD");
            ok(strstr(out, "<issuer>bad \xEF\xBF\xBD\xEF\xBF\xBD \"quoted\" \\ back\nslash&#13;\xEF\xBF\xBD</issuer>") !=
                   NULL,
               "odd xml: element text keeps quotes and newlines, escapes CR");
            ok(strstr(out, "unit=\"%&#9;&#10;\"") != NULL, "odd xml: tab and newline in attributes escaped");
            ok(strstr(out, "id=\"t1\"") && strstr(out, "parent=\"t1\""), "odd xml: a target without id is t1");
        }
        free(out);
    }
    vnplan_doc_free(d);
}

/* A tree ten thousand levels deep: no recursion anywhere, output linear. */
static void test_deep(void)
{
    enum { DEPTH = 10000 };
    vn_buf b = {0};
    for (int i = 0; i < DEPTH; i++)
        vn_buf_puts(&b, "- x\n");
    vnplan_doc *d = doc_new("deep.txt", b.data, b.len);
    int32_t parent = vn_node_add(d, -1, VN_KIND_DOCUMENT);
    for (int i = 0; i < DEPTH; i++) {
        int32_t id = vn_node_add(d, parent, VN_KIND_ITEM);
        d->nodes[id].style = VN_STYLE_DASH;
        d->nodes[id].marker = vn_span_make((size_t)i * 4, (size_t)i * 4 + 1);
        d->nodes[id].text = vn_span_make((size_t)i * 4 + 2, (size_t)i * 4 + 3);
        d->nodes[id].line_first = d->nodes[id].line_last = (uint32_t)i;
        parent = id;
    }
    finish_tree(d);
    vn_buf_free(&b);
    vnplan_format fmts[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT};
    const char *names[] = {"xml", "json", "text"};
    for (int i = 0; i < 3; i++) {
        vnplan_status st;
        char *out = render(d, fmts[i], 0, &st);
        size_t n = strlen(out);
        ok(st == VNPLAN_OK, "deep %s: renders", names[i]);
        ok(n < (size_t)DEPTH * 400, "deep %s: output grows linearly (%zu bytes)", names[i], n);
        if (fmts[i] == VNPLAN_FORMAT_JSON)
            json_valid(out, n, "deep json");
        if (fmts[i] == VNPLAN_FORMAT_XML) {
            xmlDocPtr x = xmlReadMemory(out, (int)n, "deep.xml", NULL, XML_PARSE_HUGE | XML_PARSE_NOERROR);
            ok(x != NULL, "deep xml: well-formed");
            xmlFreeDoc(x);
            vnplan_doc *back = NULL;
            char err[256] = "";
            vnplan_status ls = vnplan_load_xml(out, n, "deep.xml", NULL, &back, err, sizeof err);
            ok(ls == VNPLAN_ERR_XML && back == NULL && strstr(err, "deep.xml:"),
               "deep xml: loading refuses the depth with a message (%s)", err);
        }
        free(out);
    }
    vnplan_doc_free(d);

    /* and one shallow enough to read back: 200 levels */
    vn_buf_free(&b);
    for (int i = 0; i < 200; i++)
        vn_buf_puts(&b, "- x\n");
    d = doc_new("deep200.txt", b.data, b.len);
    parent = vn_node_add(d, -1, VN_KIND_DOCUMENT);
    for (int i = 0; i < 200; i++) {
        int32_t id = vn_node_add(d, parent, VN_KIND_ITEM);
        d->nodes[id].marker = vn_span_make((size_t)i * 4, (size_t)i * 4 + 1);
        d->nodes[id].text = vn_span_make((size_t)i * 4 + 2, (size_t)i * 4 + 3);
        parent = id;
    }
    finish_tree(d);
    vn_buf_free(&b);
    char *xml = render(d, VNPLAN_FORMAT_XML, 0, NULL);
    xml_valid(xml, strlen(xml), "200 levels");
    vnplan_doc *back = NULL;
    char err[256] = "";
    if (!ok(vnplan_load_xml(xml, strlen(xml), "d.xml", NULL, &back, err, sizeof err) == VNPLAN_OK,
            "200 levels: loads back"))
        diag("%s", err);
    if (back) {
        char *again = render(back, VNPLAN_FORMAT_XML, 0, NULL);
        is_str(again, xml, "200 levels: XML → load → XML is the same");
        free(again);
        vnplan_doc_free(back);
    }
    free(xml);
    vnplan_doc_free(d);
}

/* Links out of range and a cycle: the walk stops, the output is whole. */
static void test_damaged(void)
{
    vnplan_doc *d = build_plan();
    d->nodes[5].first_child = 500; /* out of range: 1. has no child now */
    d->nodes[8].next = 7;          /* 2. → its own parent: a cycle */
    d->nodes[9].first_child = 0;   /* the item → the root */
    for (int f = 0; f <= 2; f++) {
        vnplan_status st;
        char *out = render(d, (vnplan_format)f, 0, &st);
        ok(st == VNPLAN_OK, "damaged tree: format %d renders", f);
        if (f == VNPLAN_FORMAT_XML) {
            xmlDocPtr x = xmlReadMemory(out, (int)strlen(out), "damaged.xml", NULL, XML_PARSE_NOERROR);
            ok(x != NULL, "damaged tree: XML well-formed");
            xmlFreeDoc(x);
        }
        if (f == VNPLAN_FORMAT_JSON)
            json_valid(out, strlen(out), "damaged tree JSON");
        free(out);
    }
    vnplan_doc_free(d);
}

/* Numbers: shortest text that reads back, decimal point whatever the locale. */
static void test_numbers(void)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {80, "80"},        {2.5, "2.5"},       {0.1, "0.1"},       {-3, "-3"},
        {80000, "80000"},  {0.05, "0.05"},     {1e-7, "0.0000001"},    {123456789012.0, "123456789012"},
        {1.0 / 3, "0.3333333333333333"},        {0, "0"},           {1e300, "1e+300"},
    };
    const char *loc = setlocale(LC_NUMERIC, "de_DE.UTF-8");
    if (!loc)
        loc = setlocale(LC_NUMERIC, "vi_VN.UTF-8");
    diag("numbers under LC_NUMERIC=%s", loc ? loc : "C (no comma locale installed)");
    vnplan_doc *d = build_plan();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        d->targets[0].value = cases[i].v;
        char *xml = render(d, VNPLAN_FORMAT_XML, VNPLAN_RENDER_TARGETS_ONLY, NULL);
        char want[64];
        snprintf(want, sizeof want, "value=\"%s\"", cases[i].text);
        if (!ok(strstr(xml, want) != NULL, "value %s written as %s", cases[i].text, want))
            diag("%.300s", strstr(xml, "<target"));
        vnplan_doc *back = NULL;
        char err[256];
        if (vnplan_load_xml(xml, strlen(xml), "n.xml", NULL, &back, err, sizeof err) == VNPLAN_OK) {
            ok(back->targets[0].value == cases[i].v, "value %s reads back exactly", cases[i].text);
            vnplan_doc_free(back);
        } else {
            ok(0, "value %s loads: %s", cases[i].text, err);
        }
        free(xml);
    }
    setlocale(LC_NUMERIC, "C");
    vnplan_doc_free(d);
}

static void test_errors(void)
{
    vnplan_doc *d = build_plan();
    char err[256];
    vnplan_status st;
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        vnplan_format fm[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT};
        for (int i = 0; i < 3; i++) {
            err[0] = '\0';
            st = vnplan_render(d, fm[i], 0, full, err, sizeof err);
            ok(st == VNPLAN_ERR_OUTPUT && strstr(err, "write error"), "/dev/full: format %d: output error (%s)",
               (int)fm[i], err);
            clearerr(full);
        }
        err[0] = '\0';
        st = vnplan_render(d, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY, full, err, sizeof err);
        ok(st == VNPLAN_ERR_OUTPUT, "/dev/full: TSV: output error (%s)", err);
        fclose(full);
    } else {
        diag("no /dev/full here");
    }
    st = vnplan_render(d, VNPLAN_FORMAT_TSV, 0, stdout, err, sizeof err);
    ok(st == VNPLAN_ERR_USAGE, "TSV without TARGETS_ONLY: usage error (%s)", err);
    st = vnplan_render(d, VNPLAN_FORMAT_HTML, 0, stdout, err, sizeof err);
    ok(st == VNPLAN_ERR_USAGE, "HTML tree: usage error (%s)", err);
    st = vnplan_render(d, (vnplan_format)42, 0, stdout, err, sizeof err);
    ok(st == VNPLAN_ERR_USAGE, "unknown format: usage error");
    st = vnplan_render(d, VNPLAN_FORMAT_XML, 0, NULL, err, sizeof err);
    ok(st == VNPLAN_ERR_USAGE, "no stream: usage error");
    st = vnplan_render(NULL, VNPLAN_FORMAT_XML, 0, stdout, err, sizeof err);
    ok(st == VNPLAN_ERR_USAGE, "no document: usage error");
    ok(vnplan_renderer_add(NULL, d, err, sizeof err) == VNPLAN_ERR_USAGE, "add to no renderer: usage error");
    ok(vnplan_renderer_finish(NULL, NULL, 0) == VNPLAN_ERR_USAGE, "finish no renderer: usage error");
    vnplan_doc_free(d);
}

/* A larger document: every node kind, many targets; validates, round-trips. */
static void test_large(void)
{
    vn_buf b = {0};
    for (int i = 0; i < 3000; i++)
        vn_buf_printf(&b, "%d. Mục tiêu %d đến năm 2030\n- Tỷ lệ đạt %d,5%% & <x>\n", i + 1, i, i);
    vnplan_doc *d = doc_new("large.txt", b.data, b.len);
    vn_buf_free(&b);
    int32_t root = vn_node_add(d, -1, VN_KIND_DOCUMENT);
    int32_t body = vn_node_add(d, root, VN_KIND_HEADING);
    d->nodes[body].label = VN_LABEL_MUC_TIEU;
    cursor = 0;
    for (int i = 0; i < 3000; i++) {
        char m[16];
        snprintf(m, sizeof m, "%d.", i + 1);
        int32_t s = add(d, body, (vn_kind)(VN_KIND_SECTION + i % 2 * 3), VN_STYLE_ARABIC, m, "Mục tiêu", NULL);
        d->nodes[s].phase = (uint16_t)(i % 3 ? 2030 : VN_PHASE_GENERAL);
        if (d->nodes[s].kind == VN_KIND_PARAGRAPH)
            d->nodes[s].style = 0;
        int32_t it = add(d, s, VN_KIND_ITEM, VN_STYLE_DASH, "-", NULL, "Tỷ lệ");
        vn_target *t = &VN_PUSH(d->targets, d->ntargets, d->captargets);
        memset(t, 0, sizeof *t);
        char id[24];
        snprintf(id, sizeof id, "t%d", i + 1);
        t->id = vn_arena_strndup(&d->arena, id, strlen(id));
        t->value = i + 0.5;
        t->cmp = (uint8_t)(i % VN_CMP__COUNT);
        t->qualitative = i % 7 == 0;
        t->parent = i > 0 && i % 5 == 0 ? i - 1 : -1;
        t->node = it;
        t->section = VN_LABEL_MUC_TIEU;
        t->span = d->nodes[it].text;
    }
    finish_tree(d);
    char *xml = render(d, VNPLAN_FORMAT_XML, 0, NULL);
    xml_valid(xml, strlen(xml), "large xml");
    vnplan_doc *back = NULL;
    char err[256] = "";
    if (!ok(vnplan_load_xml(xml, strlen(xml), "large.xml", NULL, &back, err, sizeof err) == VNPLAN_OK,
            "large: loads back"))
        diag("%s", err);
    if (back) {
        char *again = render(back, VNPLAN_FORMAT_XML, 0, NULL);
        ok(again && strcmp(again, xml) == 0, "large: XML → load → XML is the same");
        free(again);
        vnplan_doc_free(back);
    }
    char *json = render(d, VNPLAN_FORMAT_JSON, 0, NULL);
    json_valid(json, strlen(json), "large json");
    free(json);
    free(xml);
    vnplan_doc_free(d);
}

/* The renderers' span rendering (vn_render_text, with its shortcuts) gives
 * what vn_render_span gives: on every span of a small text with every kind
 * of line, and on every node of the corpus plans. */
static void test_span_rendering(void)
{
    static const char text[] = "  a  b\t c  \n-d\n\n   PAGE 3\ne f\n\tg\th  \n";
    vnplan_doc *d = doc_new("spans.txt", text, sizeof text - 1);
    d->plines[1].flags |= VN_PL_JOIN_NOSPACE;
    d->plines[3].flags |= VN_PL_FURNITURE;
    d->plines[4].flags |= VN_PL_CONT;
    vnplan_renderer *r = vnplan_renderer_new(VNPLAN_FORMAT_TEXT, 0, stdout);
    size_t n = sizeof text - 1, bad = 0, total = 0;
    vn_buf want = {0};
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b <= n; b++)
            for (uint32_t hint = 0; hint < 3; hint++) {
                vn_buf_clear(&want);
                vn_render_span(d, vn_span_make(a, b), &want);
                size_t len;
                const char *got = vn_render_text(r, d, vn_span_make(a, b), hint, &len);
                total++;
                if (len != want.len || (len && memcmp(got, want.data, len) != 0)) {
                    if (bad++ < 3)
                        diag("span %zu..%zu: got \"%.*s\", want \"%.*s\"", a, b, (int)len, got, (int)want.len,
                             want.data ? want.data : "");
                }
            }
    ok(bad == 0, "vn_render_text = vn_render_span on all %zu spans of a small text", total);
    vnplan_doc_free(d);

    static const char *const plans[] = {"corpus/plans/lang-son-1002-pdf-double-spaced.txt",
                                        "corpus/plans/lang-son-2711-word-paragraphs.txt",
                                        "corpus/plans/ninh-binh-141-KH-UBND-1002.txt"};
    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        char err[256];
        vnplan_doc *p = NULL;
        if (vnplan_parse_file(plans[i], NULL, &p, err, sizeof err) != VNPLAN_OK) {
            ok(0, "%s parses: %s", plans[i], err);
            continue;
        }
        bad = total = 0;
        for (size_t k = 0; k < p->nnodes; k++) {
            const vn_node *nd = &p->nodes[k];
            vn_span sp[5] = {nd->marker, nd->number, nd->title, nd->text, vn_span_make(nd->sub_start, nd->sub_end)};
            for (int j = 0; j < 5; j++) {
                vn_buf_clear(&want);
                vn_render_span(p, sp[j], &want);
                size_t len;
                const char *got = vn_render_text(r, p, sp[j], nd->line_first, &len);
                total++;
                if (len != want.len || (len && memcmp(got, want.data, len) != 0))
                    bad++;
            }
        }
        ok(bad == 0 && total > 100, "%s: vn_render_text = vn_render_span on %zu node spans", plans[i], total);
        vnplan_doc_free(p);
    }
    vn_buf_free(&want);
    vnplan_renderer_finish(r, NULL, 0);
}

/* Every name the document model can give (kinds, labels, fields, styles,
 * comparators, phases) is one the schema accepts: a new enum value in doc.c
 * without its line in docs/vnplan.rng fails here, not in a user's file. */
static void test_schema_covers_model(void)
{
    vn_buf b = {0};
    vn_buf_puts(&b, "<vnplan version=\"1\"><document><node kind=\"document\">");
    size_t n = 0;
    for (int k = 0; k < VN_KIND__COUNT; k++) {
        if (k == VN_KIND_DOCUMENT || k == VN_KIND_FIELD)
            continue;
        for (int l = 0; l < VN_LABEL__COUNT; l++, n++)
            vn_buf_printf(&b, "<node kind=\"%s\"%s%s%s/>", vn_kind_name((vn_kind)k), l ? " label=\"" : "",
                          l ? vn_label_name((vn_label)l) : "", l ? "\"" : "");
    }
    for (int f = 1; f < VN_FIELD__COUNT; f++, n++)
        vn_buf_printf(&b, "<node kind=\"field\" label=\"%s\"/>", vn_field_name((vn_field)f));
    for (int st = 1; st < VN_STYLE__COUNT; st++, n++)
        vn_buf_printf(&b, "<node kind=\"item\" style=\"%s\" phase=\"%s\"/>", vn_style_name((vn_style)st),
                      st % 2 ? "general" : "2035");
    vn_buf_puts(&b, "</node>");
    for (int c = 0; c < VN_CMP__COUNT; c++, n++) {
        vn_buf_printf(&b, "<target id=\"c%d\" comparator=\"", c);
        for (const char *p = vn_cmp_name((vn_cmp)c); *p; p++) {
            if (*p == '<')
                vn_buf_puts(&b, "&lt;");
            else
                vn_buf_putc(&b, *p);
        }
        vn_buf_puts(&b, "\" value=\"1\"/>");
    }
    vn_buf_puts(&b, "</document></vnplan>");
    char what[64];
    snprintf(what, sizeof what, "every model name (%zu of them)", n);
    xml_valid(b.data, b.len, what);
    vn_buf_free(&b);
}

/* meta.txt [number_type]: a header without a type line takes its type from
 * the letters of its number; letters no row names give none. */
static void test_type_from_number(void)
{
    static const char *const numbers[] = {"15/TB-UBND", "15/KH-UBND", "15/XYZ-UBND"};
    static const char *const types[] = {"thong_bao", "ke_hoach", NULL};
    for (size_t k = 0; k < 3; k++) {
        char text[512], err[256];
        snprintf(text, sizeof text,
                 "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\n\nSố: %s\n\nVề việc tổ chức ngày hội chuyển đổi số\n\n"
                 "I. MỤC ĐÍCH\n1. Tuyên truyền rộng rãi.\n2. Nâng cao nhận thức.\n",
                 numbers[k]);
        vnplan_doc *doc = NULL;
        if (!ok(vnplan_parse_bytes(text, strlen(text), "type.txt", NULL, &doc, err, sizeof err) == VNPLAN_OK,
                "number %s: parsed", numbers[k]))
            continue;
        char what[128];
        snprintf(what, sizeof what, "number %s: read from the header", numbers[k]);
        is_str(vnplan_meta_number(doc), numbers[k], what);
        snprintf(what, sizeof what, "number %s: the type its letters give", numbers[k]);
        if (types[k])
            is_str(vnplan_meta_type(doc), types[k], what);
        else
            ok(vnplan_meta_type(doc) == NULL, "number %s: letters no [number_type] row names give no type",
               numbers[k]);
        vnplan_doc_free(doc);
    }
}

int main(void)
{
    spec = tu_read_file(SPEC_FILE, NULL);
    if (!ok(spec != NULL, "%s readable", SPEC_FILE))
        return done();
    schema_load();
    test_schema_covers_model();
    test_span_rendering();
    test_exact();
    test_many();
    test_roundtrip();
    test_odd_strings();
    test_deep();
    test_damaged();
    test_numbers();
    test_errors();
    test_large();
    test_type_from_number();
    free(spec);
    xmlRelaxNGFree(schema);
    return done();
}
