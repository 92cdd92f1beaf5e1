/* test_targets_gold.c — the targets of the corpus plans against the hand-made
 * gold files (tests/gold/targets-*.tsv, copies of ../shared/gold, made by
 * reading the documents, never by running the program).
 *
 * Through the public API only: each plan is parsed with vnplan_parse_file.
 * A gold row is found when a quantified target's sentence (white space
 * collapsed) contains the row's key phrase and has the row's value; each
 * target answers at most one row.  Then value, comparator, unit class, phase,
 * section and parent must agree, and every quantified target reported in
 * muc_tieu must answer some row.  Failures print a diff: "-" for the gold,
 * "+" for what the program found.
 *
 * Then each plan is sent again the ways users send it (CRLF, a blank line
 * after every line, a byte-order mark, decomposed Unicode, UTF-16) and must
 * meet its gold just the same: one check per variant. */
#include "gold_tsv.h"
#include "plan_source.h"
#include "testutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <utf8proc.h>

static const struct {
    const char *plan, *gold;
} cases[] = {
    {"corpus/plans/lang-son-1002-pdf-double-spaced.txt",
     "tests/gold/targets-lang-son-1002-pdf-double-spaced.tsv"},
    {"corpus/plans/lang-son-2711-word-paragraphs.txt",
     "tests/gold/targets-lang-son-2711-word-paragraphs.tsv"},
    {"corpus/plans/ninh-binh-141-KH-UBND-1002.txt", "tests/gold/targets-ninh-binh-141-KH-UBND-1002.tsv"},
};

static char root[256] = "";

/* Tests run from the repository root; a run from a build directory below it
 * finds the root by looking upwards. */
static void find_root(void) { tu_find_root("tests/gold", root, sizeof root); }

static char *path_of(const char *rel, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", root, rel);
    return buf;
}

static void print_got(const vnplan_doc *d, size_t t)
{
    size_t p = vnplan_target_parent(d, t);
    diag("  + %-4s %-5s %-17s %-2s %-8g %-9s parent %-4s | %s", vnplan_target_id(d, t),
         or_dash(vnplan_target_phase(d, t)), or_dash(vnplan_target_section(d, t)),
         or_dash(vnplan_target_comparator(d, t)), vnplan_target_value(d, t),
         or_dash(vnplan_target_unit_class(d, t)), p == VNPLAN_NONE ? "-" : vnplan_target_id(d, p),
         vnplan_target_text(d, t));
}

static void print_want(const gold_row *r, const char *parent_id)
{
    diag("  - %-4s %-5s %-17s %-2s %-8g %-9s parent %-4s | key: %s", r->tid, r->phase, r->section,
         r->cmp, r->value, r->unit_class, parent_id, r->key);
}

static size_t row_of(const gold *g, const char *tid)
{
    for (size_t k = 0; k < g->n; k++)
        if (strcmp(g->rows[k].tid, tid) == 0)
            return k;
    return (size_t)-1;
}

/* Checks a parsed plan against its gold.  With verbose, one test line per
 * row and per extra target; otherwise the failures are only counted (and
 * shown), for the caller's single check.  Returns the number of failures. */
static size_t check_doc(const vnplan_doc *d, const char *label, const gold *g, bool verbose)
{
    size_t nt = vnplan_target_count(d);
    char **text = calloc(nt ? nt : 1, sizeof *text);
    int *used = calloc(nt ? nt : 1, sizeof *used);
    size_t *match = malloc((g->n ? g->n : 1) * sizeof *match);
    for (size_t t = 0; t < nt; t++)
        text[t] = tu_collapse(or_dash(vnplan_target_text(d, t)));

    /* find every row: key phrase in the sentence, same value */
    for (size_t k = 0; k < g->n; k++) {
        match[k] = VNPLAN_NONE;
        for (size_t t = 0; t < nt; t++) {
            if (used[t] || !quantified(d, t) || !strstr(text[t], g->rows[k].key) ||
                fabs(vnplan_target_value(d, t) - g->rows[k].value) > 1e-6)
                continue;
            match[k] = t;
            used[t] = 1;
            break;
        }
    }

    size_t found = 0, right = 0, extra = 0, failures = 0;
    for (size_t k = 0; k < g->n; k++) {
        const gold_row *r = &g->rows[k];
        size_t t = match[k];
        size_t want_parent = VNPLAN_NONE;
        const char *parent_id = "-";
        if (strcmp(r->parent, "-") != 0) {
            size_t pr = row_of(g, r->parent);
            want_parent = pr == (size_t)-1 ? (size_t)-2 : match[pr];
            parent_id = r->parent;
        }
        if (t == VNPLAN_NONE) {
            failures++;
            if (verbose)
                ok(0, "%s %s (%s %g %s): found", label, r->tid, r->cmp, r->value, r->unit_class);
            diag("%s: missing from the program's targets:", label);
            print_want(r, parent_id);
            continue;
        }
        found++;
        const char *phase = vnplan_target_phase(d, t);
        int good = strcmp(or_dash(vnplan_target_comparator(d, t)), r->cmp) == 0 &&
                   strcmp(or_dash(vnplan_target_unit_class(d, t)), r->unit_class) == 0 &&
                   strcmp(or_dash(phase), r->phase) == 0 &&
                   strcmp(or_dash(vnplan_target_section(d, t)), r->section) == 0 &&
                   vnplan_target_parent(d, t) == want_parent;
        right += good;
        failures += !good;
        if (verbose)
            ok(good, "%s %s (%s %g %s): value, comparator, unit class, phase, section, parent", label,
               r->tid, r->cmp, r->value, r->unit_class);
        if (!good) {
            diag("%s: gold (-) and program (+) differ:", label);
            print_want(r, parent_id);
            print_got(d, t);
        }
    }
    for (size_t t = 0; t < nt; t++) {
        const char *section = vnplan_target_section(d, t);
        if (used[t] || !quantified(d, t) || !section || strcmp(section, "muc_tieu") != 0)
            continue;
        extra++;
        failures++;
        if (verbose)
            ok(0, "%s %s: quantified target in muc_tieu that the gold lacks", label, vnplan_target_id(d, t));
        diag("%s: not in the gold:", label);
        print_got(d, t);
    }
    if (verbose) {
        ok(extra == 0, "%s: nothing quantified in muc_tieu beyond the gold", label);
        diag("%s: %zu gold rows, %zu found (%zu right in every field), %zu missed, %zu extra in muc_tieu",
             label, g->n, found, right, g->n - found, extra);
    }
    for (size_t t = 0; t < nt; t++)
        free(text[t]);
    free(text);
    free(used);
    free(match);
    return failures;
}

/* ---- variants of a plan, made in memory ------------------------------------------------ */

enum { V_CRLF, V_BLANK_AFTER, V_BOM, V_NFD, V_UTF16LE, V__COUNT };

static const char *const variant_names[V__COUNT] = {
    "CRLF line ends", "a blank line after every line", "UTF-8 with BOM", "decomposed Unicode (NFD)",
    "UTF-16LE with BOM",
};

typedef struct bytes {
    char *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put_utf16le(bytes *b, int32_t cp)
{
    unsigned char u[4];
    if (cp >= 0x10000) {
        int32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
        u[0] = (unsigned char)hi, u[1] = (unsigned char)(hi >> 8), u[2] = (unsigned char)lo,
        u[3] = (unsigned char)(lo >> 8);
        put(b, u, 4);
    } else {
        u[0] = (unsigned char)cp, u[1] = (unsigned char)(cp >> 8);
        put(b, u, 2);
    }
}

static void make_variant(int kind, const char *in, size_t n, bytes *out)
{
    out->n = 0;
    if (kind == V_NFD) {
        utf8proc_uint8_t *d = NULL;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n, &d,
                                          UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
        if (m >= 0)
            put(out, d, (size_t)m);
        free(d);
        return;
    }
    if (kind == V_BOM)
        put(out, "\xEF\xBB\xBF", 3);
    if (kind == V_UTF16LE) {
        put(out, "\xFF\xFE", 2);
        for (utf8proc_ssize_t i = 0; i < (utf8proc_ssize_t)n;) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)n - i, &cp);
            if (k <= 0) {
                cp = 0xFFFD;
                k = 1;
            }
            put_utf16le(out, cp);
            i += k;
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '\n' && kind == V_CRLF)
            put(out, "\r\n", 2);
        else if (in[i] == '\n' && kind == V_BLANK_AFTER)
            put(out, "\n\n", 2);
        else
            put(out, in + i, 1);
    }
}

static bool slurp(const char *path, bytes *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(out, chunk, n);
    fclose(f);
    return true;
}

static void check_plan(const char *plan_rel, const char *gold_rel)
{
    char plan_path[1024], gold_path[512];
    if (!plan_source(root, plan_rel, plan_path, sizeof plan_path))
        return; /* not made in the format under test (plan_source.h) */
    if (test_format())
        plan_rel = plan_path; /* name the file that is read in every check */
    path_of(gold_rel, gold_path, sizeof gold_path);
    gold g;
    if (!ok(load_gold(gold_path, &g), "%s: gold file readable and well formed", gold_rel)) {
        free_gold(&g);
        return;
    }
    vnplan_doc *d = NULL;
    char err[256] = "";
    if (!ok(vnplan_parse_file(plan_path, NULL, &d, err, sizeof err) == VNPLAN_OK, "%s parses", plan_path)) {
        diag("%s", err);
        free_gold(&g);
        return;
    }
    check_doc(d, plan_rel, &g, true);
    vnplan_doc_free(d);

    bytes original = {0}, variant = {0};
    /* the byte-level variants (encodings, line ends) are of the text only */
    if (!test_format() && slurp(plan_path, &original)) {
        for (int kind = 0; kind < V__COUNT; kind++) {
            make_variant(kind, original.p, original.n, &variant);
            char label[1200];
            snprintf(label, sizeof label, "%s as %s", plan_rel, variant_names[kind]);
            vnplan_doc *v = NULL;
            if (vnplan_parse_bytes(variant.p, variant.n, label, NULL, &v, err, sizeof err) != VNPLAN_OK) {
                ok(0, "%s parses", label);
                diag("%s", err);
                continue;
            }
            ok(check_doc(v, label, &g, false) == 0, "%s: the same targets as the gold", label);
            vnplan_doc_free(v);
        }
    }
    free(original.p);
    free(variant.p);
    free_gold(&g);
}

int main(void)
{
    find_root();
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check_plan(cases[k].plan, cases[k].gold);
    return done();
}
