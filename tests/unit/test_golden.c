/* test_golden.c — the parse of each corpus plan, and of each fixture
 * document, against its golden tree.
 *
 * tests/golden/<plan>.tree is written by hand from reading the plan (see the
 * comments at the top of each file); so is tests/fixtures/golden/<doc>.tree
 * for every document of tests/fixtures/plans/ — plans and decisions laid
 * out as real inputs arrive (pdftotext with and without -layout, Word
 * exports, other numbering ladders, other encodings).  A fixture whose
 * name ends in an encoding or line-end suffix (-utf16le, -windows1258 ...)
 * is a variant of the document without it and shares its golden tree.
 * This test renders the parsed document into the same skeleton, through
 * the public API only, and compares:
 *
 *   meta.KEY<TAB>VALUE      type, number, date, issuer, locality, level,
 *                           one implements line per document ("NUMBER
 *                           DATE"), signer.name, signer.capacity; "-" when
 *                           the document states nothing.  The issuer is the
 *                           issuing body as the header writes it, its lines
 *                           (a parent body over a department) joined by one
 *                           space; with no header, the body acting in the
 *                           opening.  The capacity is the signing lines
 *                           joined with ", " ("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH").
 *                           Both are checked because a wrong issuer or
 *                           capacity changes no other line of the skeleton
 *   tree
 *   <indent>KIND[ {LABEL}][ STYLE][ #NUMBER][ @PHASE] | TITLE | TEXT6
 *
 * (the head alone when a node has neither title nor text; TEXT6 = the first
 * six words of the node's own text).  The two sequences are aligned (longest
 * common subsequence) so that one missing or extra node shows as one
 * difference instead of shifting every later line: each golden line is one
 * check, passing when it is matched in order; unmatched output lines, the
 * node count and the walk's reach are checks of their own.  A golden file
 * that is missing or has no tree fails, and so does a fixture golden tree
 * that no document uses. */
#include "vnplan.h"

#include "plan_source.h"
#include "tap.h"
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GOLDEN_DIR "tests/golden/"
#define PLAN_DIR "corpus/plans/"
#define FIX_PLAN_DIR "tests/fixtures/plans/"
#define FIX_GOLDEN_DIR "tests/fixtures/golden/"

static const char *const plans[] = {
    "lang-son-1002-pdf-double-spaced",
    "lang-son-2711-word-paragraphs",
    "ninh-binh-141-KH-UBND-1002",
};

/* ---- a list of lines ------------------------------------------------------ */

/* A footnote's mark read from a DOCX, ODT, PDF, HTML or Markdown file is the
 * superscript it is there ("325/KH-UBND¹"); the text the golden tree was
 * written from was extracted by a tool that made it a plain digit
 * ("325/KH-UBND1").  And a quote typed straight is typeset curly by TeX,
 * which has no straight quotes in its text fonts: ' becomes ’ ("Ea H’Leo")
 * and " becomes ” (latex.pdf).  When a format variant is compared with the
 * text's golden tree, its superscript digits are read as digits and its
 * curly quotes as straight ones: the places where the two may differ and
 * both be right. */
static void fold_superscript_line(char *s)
{
    static const struct {
        const char *sup;
        char digit;
    } map[] = {{"\xC2\xB9", '1'}, {"\xC2\xB2", '2'}, {"\xC2\xB3", '3'}, {"\xE2\x81\xB0", '0'},
               {"\xE2\x81\xB4", '4'}, {"\xE2\x81\xB5", '5'}, {"\xE2\x81\xB6", '6'},
               {"\xE2\x81\xB7", '7'}, {"\xE2\x81\xB8", '8'}, {"\xE2\x81\xB9", '9'},
               {"\xE2\x80\x98", '\''}, {"\xE2\x80\x99", '\''}, {"\xE2\x80\x9C", '"'},
               {"\xE2\x80\x9D", '"'}};
    char *w = s;
    for (const char *r = s; *r;) {
        size_t k = 0;
        while (k < sizeof map / sizeof map[0] && strncmp(r, map[k].sup, strlen(map[k].sup)) != 0)
            k++;
        if (k < sizeof map / sizeof map[0]) {
            *w++ = map[k].digit;
            r += strlen(map[k].sup);
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

typedef struct {
    char **s;
    size_t *lineno; /* golden: line in the file; output: 1-based position */
    size_t n, cap;
} lines_t;

static void lines_push(lines_t *l, char *s, size_t lineno)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->s = realloc(l->s, l->cap * sizeof *l->s);
        l->lineno = realloc(l->lineno, l->cap * sizeof *l->lineno);
        if (!l->s || !l->lineno) {
            fprintf(stderr, "test_golden: out of memory\n");
            exit(2);
        }
    }
    l->s[l->n] = s;
    l->lineno[l->n] = lineno;
    l->n++;
}

static void lines_free(lines_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    free(l->s);
    free(l->lineno);
    memset(l, 0, sizeof *l);
}

/* ---- a growing string ----------------------------------------------------- */

typedef struct {
    char *p;
    size_t n, cap;
} str_t;

static void str_add(str_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            fprintf(stderr, "test_golden: out of memory\n");
            exit(2);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void str_cat(str_t *b, const char *s) { str_add(b, s, strlen(s)); }

static char *str_take(str_t *b)
{
    if (!b->p)
        str_add(b, "", 0);
    char *p = b->p;
    memset(b, 0, sizeof *b);
    return p;
}

/* ---- reading the golden file ---------------------------------------------- */

/* Returns 0 when the file cannot be read.  Comment lines ("#") and blank
 * lines are skipped; everything else is kept with its line number. */
static int read_golden(const char *path, lines_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        lines_push(out, strdup(line), lineno);
    }
    free(line);
    fclose(f);
    return 1;
}

/* ---- rendering the parsed document as the skeleton ------------------------- */

typedef size_t (*text_fn)(const vnplan_doc *, size_t, char *, size_t);

static char *node_string(const vnplan_doc *doc, size_t node, text_fn fn)
{
    char small[256];
    size_t n = fn(doc, node, small, sizeof small);
    if (n == 0)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        exit(2);
    if (n < sizeof small)
        memcpy(p, small, n + 1);
    else
        fn(doc, node, p, n + 1);
    return p;
}

/* The first six runs of non-space characters, joined with one space. */
static void add_six_words(str_t *b, const char *s)
{
    int words = 0;
    const char *p = s;
    while (*p && words < 6) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        if (words)
            str_add(b, " ", 1);
        str_add(b, w, (size_t)(p - w));
        words++;
    }
}

static void meta_line(lines_t *out, const char *key, const char *value)
{
    str_t b = {0};
    str_cat(&b, key);
    str_add(&b, "\t", 1);
    str_cat(&b, value && *value ? value : "-");
    lines_push(out, str_take(&b), out->n + 1);
}

static void node_line(lines_t *out, const vnplan_doc *doc, size_t node, size_t depth)
{
    str_t b = {0};
    for (size_t i = 0; i < depth; i++)
        str_add(&b, "  ", 2);
    const char *kind = vnplan_node_kind(doc, node);
    str_cat(&b, kind ? kind : "(null)");
    const char *label = vnplan_node_label(doc, node);
    if (label) {
        str_cat(&b, " {");
        str_cat(&b, label);
        str_cat(&b, "}");
    }
    const char *style = vnplan_node_style(doc, node);
    if (style) {
        str_cat(&b, " ");
        str_cat(&b, style);
    }
    char *number = node_string(doc, node, vnplan_node_number);
    if (number) {
        str_cat(&b, " #");
        str_cat(&b, number);
    }
    const char *phase = vnplan_node_phase(doc, node);
    if (phase) {
        str_cat(&b, " @");
        str_cat(&b, phase);
    }
    char *title = node_string(doc, node, vnplan_node_title);
    char *text = node_string(doc, node, vnplan_node_text);
    str_t six = {0};
    if (text)
        add_six_words(&six, text);
    if ((title && *title) || six.n) {
        str_cat(&b, " |");
        if (title && *title) {
            str_cat(&b, " ");
            str_cat(&b, title);
        }
        str_cat(&b, " |");
        if (six.n) {
            str_cat(&b, " ");
            str_cat(&b, six.p);
        }
    }
    free(six.p);
    free(number);
    free(title);
    free(text);
    lines_push(out, str_take(&b), out->n + 1);
}

/* Meta lines, "tree", then every node in document order (iterative
 * preorder).  Returns the number of nodes the walk reached. */
static size_t render_skeleton(const vnplan_doc *doc, lines_t *out)
{
    meta_line(out, "meta.type", vnplan_meta_type(doc));
    meta_line(out, "meta.number", vnplan_meta_number(doc));
    meta_line(out, "meta.date", vnplan_meta_date(doc));
    meta_line(out, "meta.issuer", vnplan_meta_issuer(doc));
    meta_line(out, "meta.locality", vnplan_meta_locality(doc));
    meta_line(out, "meta.level", vnplan_meta_level(doc));
    size_t nimpl = vnplan_meta_implements_count(doc);
    for (size_t i = 0; i < nimpl; i++) {
        const char *num = vnplan_meta_implements_number(doc, i);
        const char *date = vnplan_meta_implements_date(doc, i);
        str_t v = {0};
        str_cat(&v, num && *num ? num : "-");
        str_cat(&v, " ");
        str_cat(&v, date && *date ? date : "-");
        meta_line(out, "meta.implements", v.p);
        free(v.p);
    }
    meta_line(out, "meta.signer.name", vnplan_meta_signer_name(doc));
    meta_line(out, "meta.signer.capacity", vnplan_meta_signer_capacity(doc));
    lines_push(out, strdup("tree"), out->n + 1);

    size_t count = vnplan_node_count(doc);
    if (count == 0)
        return 0;
    size_t node = 0, depth = 0, visited = 0;
    for (;;) {
        if (visited > count) /* a cycle in the links: stop, the count check fails */
            break;
        node_line(out, doc, node, depth);
        visited++;
        size_t child = vnplan_node_first_child(doc, node);
        if (child != VNPLAN_NONE) {
            node = child;
            depth++;
            continue;
        }
        while (node != 0 && vnplan_node_next_sibling(doc, node) == VNPLAN_NONE) {
            node = vnplan_node_parent(doc, node);
            depth--;
            if (node == VNPLAN_NONE)
                return visited;
        }
        if (node == 0)
            break;
        node = vnplan_node_next_sibling(doc, node);
    }
    return visited;
}

/* ---- comparing ------------------------------------------------------------------ */

/* match[i] = index in `got` that golden line i is aligned with, or -1. */
static void fold_superscripts(lines_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        fold_superscript_line(l->s[i]);
}

static void align(const lines_t *want, const lines_t *got, long *match_w, long *match_g)
{
    size_t n = want->n, m = got->n;
    unsigned *t = calloc((n + 1) * (m + 1), sizeof *t);
    if (!t)
        exit(2);
#define T(i, j) t[(size_t)(i) * (m + 1) + (size_t)(j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            T(i, j) = strcmp(want->s[i], got->s[j]) == 0
                          ? T(i + 1, j + 1) + 1
                          : (T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
    for (size_t i = 0; i < n; i++)
        match_w[i] = -1;
    for (size_t j = 0; j < m; j++)
        match_g[j] = -1;
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (strcmp(want->s[i], got->s[j]) == 0) {
            match_w[i] = (long)j;
            match_g[j] = (long)i;
            i++, j++;
        } else if (T(i + 1, j) >= T(i, j + 1)) {
            i++;
        } else {
            j++;
        }
    }
#undef T
    free(t);
}

static size_t count_nodes(const lines_t *l)
{
    size_t n = 0;
    int in_tree = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (in_tree)
            n++;
        else if (strcmp(l->s[i], "tree") == 0)
            in_tree = 1;
    }
    return n;
}

static int has_tree(const lines_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->s[i], "tree") == 0)
            return i + 1 < l->n; /* and at least one node after it */
    return 0;
}

static void check_plan(const char *name, const char *txt_path, const char *gpath)
{
    char ppath[1024];
    if (!plan_source("", txt_path, ppath, sizeof ppath))
        return; /* not made in the format under test (plan_source.h) */

    lines_t want = {0};
    if (!read_golden(gpath, &want)) {
        ok(0, "%s: golden file exists", gpath);
        return;
    }
    if (!ok(has_tree(&want), "%s: golden file has meta lines and a tree", gpath)) {
        lines_free(&want);
        return;
    }

    vnplan_doc *doc = NULL;
    char err[512] = "";
    vnplan_status st = vnplan_parse_file(ppath, NULL, &doc, err, sizeof err);
    if (!ok(st == VNPLAN_OK && doc, "%s: parses", ppath)) {
        diag("  %s", err);
        lines_free(&want);
        return;
    }

    lines_t got = {0};
    size_t reached = render_skeleton(doc, &got);
    if (test_format()) { /* both: a golden tree may hold curly quotes the text had */
        fold_superscripts(&got);
        fold_superscripts(&want);
    }
    size_t nnodes = vnplan_node_count(doc);

    long *mw = calloc(want.n ? want.n : 1, sizeof *mw);
    long *mg = calloc(got.n ? got.n : 1, sizeof *mg);
    if (!mw || !mg)
        exit(2);
    align(&want, &got, mw, mg);

    /* one check per golden line */
    size_t failed = 0;
    for (size_t i = 0; i < want.n; i++) {
        if (ok(mw[i] >= 0, "%s:%zu %s", name, want.lineno[i], want.s[i]))
            continue;
        failed++;
        /* the output lines in the same gap of the alignment */
        long lo = 0, hi = (long)got.n;
        for (size_t k = i; k-- > 0;)
            if (mw[k] >= 0) {
                lo = mw[k] + 1;
                break;
            }
        for (size_t k = i + 1; k < want.n; k++)
            if (mw[k] >= 0) {
                hi = mw[k];
                break;
            }
        diag("  expected (%s line %zu): %s", gpath, want.lineno[i], want.s[i]);
        if (lo >= hi)
            diag("  got: nothing at output line %ld (the node is missing)", lo + 1);
        for (long j = lo; j < hi && j < lo + 3; j++)
            diag("  got      (output line %ld): %s", j + 1, got.s[j]);
        if (hi - lo > 3)
            diag("  ... and %ld more output lines in this gap", hi - lo - 3);
    }

    /* output lines the golden does not have */
    size_t extra = 0;
    for (size_t j = 0; j < got.n; j++)
        if (mg[j] < 0)
            extra++;
    if (!ok(extra == 0, "%s: no output line missing from the golden file", name)) {
        for (size_t j = 0, shown = 0; j < got.n && shown < 40; j++)
            if (mg[j] < 0) {
                diag("  unexpected (output line %zu): %s", j + 1, got.s[j]);
                shown++;
            }
    }

    char what[600];
    snprintf(what, sizeof what, "%s: node count matches the golden tree", name);
    is_long((long)nnodes, (long)count_nodes(&want), what);
    snprintf(what, sizeof what, "%s: the walk from the root reaches every node", name);
    is_long((long)reached, (long)nnodes, what);

    if (failed || extra) {
        diag("%s: %zu golden lines unmatched, %zu output lines unexpected; diff (- golden, + output):",
             name, failed, extra);
        size_t i = 0, j = 0, shown = 0;
        while ((i < want.n || j < got.n) && shown < 200) {
            if (i < want.n && mw[i] < 0) {
                diag("  -%4zu %s", want.lineno[i], want.s[i]);
                i++, shown++;
            } else if (j < got.n && mg[j] < 0) {
                diag("  +%4zu %s", j + 1, got.s[j]);
                j++, shown++;
            } else {
                i++, j++;
            }
        }
    }

    free(mw);
    free(mg);
    lines_free(&got);
    lines_free(&want);
    vnplan_doc_free(doc);
}

/* ---- the fixture documents ------------------------------------------------ */

/* variant_suffixes: plan_source.h */

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The golden file of fixture `base` (file name without its extension), stripping
 * variant suffixes until one exists; the name of the tree in `golden`. */
static int fixture_golden(const char *base, char *gpath, size_t len, char *golden, size_t glen)
{
    return variant_gold(base, FIX_GOLDEN_DIR, ".tree", file_exists, gpath, len, golden, glen);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in `dir` ending in `ext`, without it. */
static size_t list_dir(const char *dir, const char *ext, char ***out)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 0;
    char **v = NULL;
    if (d) {
        struct dirent *e;
        size_t el = strlen(ext);
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l <= el || strcmp(e->d_name + l - el, ext) != 0 || e->d_name[0] == '.')
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                v = realloc(v, cap * sizeof *v);
                if (!v)
                    exit(2);
            }
            v[n] = strndup(e->d_name, l - el);
            if (!v[n])
                exit(2);
            n++;
        }
        closedir(d);
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return n;
}

/* The formats a fixture document may come in: its file name without one of
 * these is the name of its golden tree. */
static const char *const doc_exts[] = {".txt", ".md", ".html", ".htm", ".docx", ".odt", ".pdf"};

/* Sorted file names in `dir` ending in one of doc_exts, with it. */
static size_t list_docs(const char *dir, char ***out)
{
    size_t n = 0;
    char **v = NULL;
    for (size_t k = 0; k < sizeof doc_exts / sizeof doc_exts[0]; k++) {
        char **some = NULL;
        size_t m = list_dir(dir, doc_exts[k], &some);
        v = realloc(v, (n + m + 1) * sizeof *v);
        if (!v)
            exit(2);
        for (size_t i = 0; i < m; i++) {
            size_t len = strlen(some[i]) + strlen(doc_exts[k]) + 1;
            v[n] = malloc(len);
            if (!v[n])
                exit(2);
            snprintf(v[n++], len, "%s%s", some[i], doc_exts[k]);
            free(some[i]);
        }
        free(some);
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return n;
}

static void check_fixtures(void)
{
    char **docs = NULL, **trees = NULL;
    size_t ndocs = list_docs(FIX_PLAN_DIR, &docs);
    size_t ntrees = list_dir(FIX_GOLDEN_DIR, ".tree", &trees);
    int *used = calloc(ntrees ? ntrees : 1, sizeof *used);
    if (!used)
        exit(2);
    ok(ndocs > 0, "%s holds fixture documents", FIX_PLAN_DIR);
    for (size_t i = 0; i < ndocs; i++) {
        char ppath[512], gpath[512], golden[256], base[256];
        snprintf(ppath, sizeof ppath, FIX_PLAN_DIR "%s", docs[i]);
        snprintf(base, sizeof base, "%s", docs[i]);
        *strrchr(base, '.') = '\0';
        if (!ok(fixture_golden(base, gpath, sizeof gpath, golden, sizeof golden),
                "%s has a golden tree", ppath)) {
            diag("  expected %s (or the golden tree of the document it is a variant of)", gpath);
            continue;
        }
        for (size_t k = 0; k < ntrees; k++)
            if (strcmp(trees[k], golden) == 0)
                used[k] = 1;
        if (strcmp(golden, base) != 0)
            diag("%s: a variant of %s, checked against %s", docs[i], golden, gpath);
        check_plan(base, ppath, gpath);
    }
    for (size_t k = 0; k < ntrees; k++)
        ok(used[k], "%s%s.tree belongs to a document of %s", FIX_GOLDEN_DIR, trees[k], FIX_PLAN_DIR);
    for (size_t i = 0; i < ndocs; i++)
        free(docs[i]);
    for (size_t k = 0; k < ntrees; k++)
        free(trees[k]);
    free(docs);
    free(trees);
    free(used);
}

int main(void)
{
    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        char gpath[512], ppath[512];
        snprintf(gpath, sizeof gpath, GOLDEN_DIR "%s.tree", plans[i]);
        snprintf(ppath, sizeof ppath, PLAN_DIR "%s.txt", plans[i]);
        check_plan(plans[i], ppath, gpath);
    }
    check_fixtures();
    return done();
}
