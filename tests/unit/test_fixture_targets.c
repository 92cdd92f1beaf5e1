/* test_fixture_targets.c — the targets of every fixture document against its
 * hand-made gold file.
 *
 * tests/fixtures/plans/<doc>.txt are plans and decisions laid out as real
 * inputs arrive (pdftotext with and without -layout, Word exports, other
 * numbering ladders, other encodings); tests/fixtures/gold/targets-<doc>.tsv
 * lists, by hand from reading the document, every quantified target (the
 * columns of ../shared/gold/README.md: tid, phase, section, comparator,
 * value, unit_class, parent, key phrase).  A document whose name ends in an
 * encoding suffix (-utf16le, -windows1258 ...) is a variant of the document
 * without it and shares its gold file.
 *
 * Through the public API only.  A gold row is found when a quantified
 * target's sentence (white space collapsed) contains the row's key phrase
 * and has the row's value; each target answers at most one row, and a
 * target that agrees in every field is preferred.  Then value, comparator,
 * unit class, phase, section and parent must agree, and every quantified
 * target reported in muc_tieu must answer some row.  Every failure prints
 * what the gold says ("-") and what the program found ("+"), field by
 * field; a row that is not found lists the program's targets that come
 * closest (the same value, or a sentence holding the key). */
#include "gold_tsv.h"
#include "plan_source.h"
#include "testutil.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#define PLAN_DIR "tests/fixtures/plans/"
#define GOLD_DIR "tests/fixtures/gold/"

static char root[256] = "";

/* Tests run from the repository root; a run from a build directory below it
 * finds the root by looking upwards. */
static void find_root(void) { tu_find_root(PLAN_DIR, root, sizeof root); }

static void print_got(const vnplan_doc *d, size_t t)
{
    size_t p = vnplan_target_parent(d, t);
    vnplan_span sp = vnplan_target_span(d, t);
    diag("  + %-4s %-5s %-17s %-2s %-8g %-10s parent %-4s line %-4zu| %s", vnplan_target_id(d, t),
         or_dash(vnplan_target_phase(d, t)), or_dash(vnplan_target_section(d, t)),
         or_dash(vnplan_target_comparator(d, t)), vnplan_target_value(d, t),
         or_dash(vnplan_target_unit_class(d, t)), p == VNPLAN_NONE ? "-" : vnplan_target_id(d, p),
         sp.line, or_dash(vnplan_target_text(d, t)));
}

static void print_want(const char *gold_path, const gold_row *r, const char *parent_id)
{
    diag("  - %-4s %-5s %-17s %-2s %-8g %-10s parent %-4s (%s:%d) key: %s", r->tid, r->phase,
         r->section, r->cmp, r->value, r->unit_class, parent_id, gold_path, r->line, r->key);
}

static size_t row_of(const gold *g, const char *tid)
{
    for (size_t k = 0; k < g->n; k++)
        if (strcmp(g->rows[k].tid, tid) == 0)
            return k;
    return (size_t)-1;
}

/* Fields other than the parent: comparator, unit class, phase, section. */
static int fields_agree(const vnplan_doc *d, size_t t, const gold_row *r)
{
    return strcmp(or_dash(vnplan_target_comparator(d, t)), r->cmp) == 0 &&
           strcmp(or_dash(vnplan_target_unit_class(d, t)), r->unit_class) == 0 &&
           strcmp(or_dash(vnplan_target_phase(d, t)), r->phase) == 0 &&
           strcmp(or_dash(vnplan_target_section(d, t)), r->section) == 0;
}

/* One line per field that differs, so that the cause is read at a glance. */
static void print_field_diffs(const vnplan_doc *d, size_t t, const gold_row *r, size_t want_parent,
                              const char *parent_id)
{
    struct {
        const char *name, *want, *got;
    } f[] = {
        {"comparator", r->cmp, or_dash(vnplan_target_comparator(d, t))},
        {"unit class", r->unit_class, or_dash(vnplan_target_unit_class(d, t))},
        {"phase", r->phase, or_dash(vnplan_target_phase(d, t))},
        {"section", r->section, or_dash(vnplan_target_section(d, t))},
    };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        if (strcmp(f[k].want, f[k].got) != 0)
            diag("    %-10s expected %-10s got %s", f[k].name, f[k].want, f[k].got);
    size_t gp = vnplan_target_parent(d, t);
    if (gp != want_parent)
        diag("    %-10s expected %-10s got %s%s", "parent", parent_id,
             gp == VNPLAN_NONE ? "-" : vnplan_target_id(d, gp),
             want_parent == (size_t)-2 ? " (the gold parent row was not found)" : "");
}

static void check_doc(const char *plan_rel, const char *gold_rel)
{
    char plan_path[1024], gold_path[1024];
    if (!plan_source(root, plan_rel, plan_path, sizeof plan_path))
        return; /* not made in the format under test (plan_source.h) */
    if (test_format())
        plan_rel = plan_path; /* name the file that is read in every check */
    snprintf(gold_path, sizeof gold_path, "%s%s", root, gold_rel);
    gold g;
    if (!ok(load_gold(gold_path, &g), "%s: gold file readable and well formed", gold_rel)) {
        free_gold(&g);
        return;
    }
    vnplan_doc *d = NULL;
    char err[256] = "";
    if (!ok(vnplan_parse_file(plan_path, NULL, &d, err, sizeof err) == VNPLAN_OK && d, "%s parses",
            plan_path)) {
        diag("  %s", err);
        free_gold(&g);
        return;
    }
    size_t nt = vnplan_target_count(d);
    char **text = calloc(nt ? nt : 1, sizeof *text);
    int *used = calloc(nt ? nt : 1, sizeof *used);
    size_t *match = malloc((g.n ? g.n : 1) * sizeof *match);
    if (!text || !used || !match)
        exit(2);
    for (size_t t = 0; t < nt; t++)
        text[t] = tu_collapse(or_dash(vnplan_target_text(d, t)));

    /* find every row: key phrase in the sentence, same value; first among
     * the targets that agree in every other field, then among all */
    for (size_t k = 0; k < g.n; k++)
        match[k] = VNPLAN_NONE;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < g.n; k++) {
            if (match[k] != VNPLAN_NONE)
                continue;
            for (size_t t = 0; t < nt; t++) {
                if (used[t] || !quantified(d, t) || !strstr(text[t], g.rows[k].key) ||
                    fabs(vnplan_target_value(d, t) - g.rows[k].value) > 1e-6)
                    continue;
                if (pass == 0 && !fields_agree(d, t, &g.rows[k]))
                    continue;
                match[k] = t;
                used[t] = 1;
                break;
            }
        }

    size_t found = 0, right = 0, extra = 0;
    for (size_t k = 0; k < g.n; k++) {
        const gold_row *r = &g.rows[k];
        size_t t = match[k];
        size_t want_parent = VNPLAN_NONE;
        const char *parent_id = "-";
        if (strcmp(r->parent, "-") != 0) {
            size_t pr = row_of(&g, r->parent);
            want_parent = pr == (size_t)-1 || match[pr] == VNPLAN_NONE ? (size_t)-2 : match[pr];
            parent_id = r->parent;
        }
        if (t == VNPLAN_NONE) {
            ok(0, "%s %s (%s %g %s): found", plan_rel, r->tid, r->cmp, r->value, r->unit_class);
            diag("missing from the program's targets (- gold):");
            print_want(gold_rel, r, parent_id);
            int near = 0;
            for (size_t u = 0; u < nt; u++)
                if (quantified(d, u) && (strstr(text[u], r->key) ||
                                         fabs(vnplan_target_value(d, u) - r->value) < 1e-6)) {
                    if (!near++)
                        diag("  closest the program has (+: the same value, or a sentence holding the key):");
                    print_got(d, u);
                }
            if (!near)
                diag("  the program has no target with this value or with the key in its sentence");
            continue;
        }
        found++;
        int good = fields_agree(d, t, r) && vnplan_target_parent(d, t) == want_parent;
        right += good;
        if (!ok(good, "%s %s (%s %g %s): comparator, unit class, phase, section, parent", plan_rel, r->tid,
                r->cmp, r->value, r->unit_class)) {
            diag("gold (-) and program (+) differ:");
            print_want(gold_rel, r, parent_id);
            print_got(d, t);
            print_field_diffs(d, t, r, want_parent, parent_id);
        }
    }
    for (size_t t = 0; t < nt; t++) {
        const char *section = vnplan_target_section(d, t);
        if (used[t] || !quantified(d, t) || !section || strcmp(section, "muc_tieu") != 0)
            continue;
        extra++;
        ok(0, "%s %s (%s %g %s): quantified target in muc_tieu that the gold lacks", plan_rel,
           vnplan_target_id(d, t), or_dash(vnplan_target_comparator(d, t)), vnplan_target_value(d, t),
           or_dash(vnplan_target_unit_class(d, t)));
        diag("not in the gold (+ program):");
        print_got(d, t);
    }
    ok(extra == 0, "%s: nothing quantified in muc_tieu beyond the gold", plan_rel);
    diag("%s: %zu gold rows, %zu found (%zu right in every field), %zu missed, %zu extra in muc_tieu",
         plan_rel, g.n, found, right, g.n - found, extra);

    for (size_t t = 0; t < nt; t++)
        free(text[t]);
    free(text);
    free(used);
    free(match);
    vnplan_doc_free(d);
    free_gold(&g);
}

/* ---- the fixture documents and their gold files ----------------------------- */

/* variant_suffixes: plan_source.h */

static int file_exists(const char *rel)
{
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s%s", root, rel);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The gold file of document `base`, stripping variant suffixes until one
 * exists; the document the gold belongs to in `owner`. */
static int gold_of(const char *base, char *rel, size_t len, char *owner, size_t olen)
{
    return variant_gold(base, GOLD_DIR "targets-", ".tsv", file_exists, rel, len, owner, olen);
}

/* Sorted names in `dir` (relative to the root) that start with `prefix` and
 * end in `ext`, without either. */
static size_t list_dir(const char *dir, const char *prefix, const char *ext, char ***out)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s", root, dir);
    return tu_list_dir(path, prefix, ext, true, out);
}

/* The formats a fixture document may come in (test_golden.c lists the same). */
static const char *const doc_exts[] = {".txt", ".md", ".html", ".htm", ".docx", ".odt", ".pdf"};

int main(void)
{
    find_root();
    char **docs = NULL, **golds = NULL, **exts = NULL;
    size_t ndocs = 0;
    for (size_t k = 0; k < sizeof doc_exts / sizeof doc_exts[0]; k++) {
        char **some = NULL;
        size_t m = list_dir(PLAN_DIR, "", doc_exts[k], &some);
        docs = grow(docs, (ndocs + m + 1) * sizeof *docs);
        exts = grow(exts, (ndocs + m + 1) * sizeof *exts);
        for (size_t i = 0; i < m; i++) {
            exts[ndocs] = (char *)doc_exts[k];
            docs[ndocs++] = some[i];
        }
        free(some);
    }
    size_t ngolds = list_dir(GOLD_DIR, "targets-", ".tsv", &golds);
    int *used = calloc(ngolds ? ngolds : 1, sizeof *used);
    if (!used)
        exit(2);
    ok(ndocs > 0, "%s holds fixture documents", PLAN_DIR);
    for (size_t i = 0; i < ndocs; i++) {
        char plan_rel[512], gold_rel[512], owner[256];
        snprintf(plan_rel, sizeof plan_rel, PLAN_DIR "%s%s", docs[i], exts[i]);
        if (!ok(gold_of(docs[i], gold_rel, sizeof gold_rel, owner, sizeof owner), "%s has a targets gold file",
                plan_rel)) {
            diag("  expected %s (or the gold file of the document it is a variant of)", gold_rel);
            continue;
        }
        for (size_t k = 0; k < ngolds; k++)
            if (strcmp(golds[k], owner) == 0)
                used[k] = 1;
        if (strcmp(owner, docs[i]) != 0)
            diag("%s: a variant of %s, checked against %s", docs[i], owner, gold_rel);
        check_doc(plan_rel, gold_rel);
    }
    for (size_t k = 0; k < ngolds; k++)
        ok(used[k], "%stargets-%s.tsv belongs to a document of %s", GOLD_DIR, golds[k], PLAN_DIR);
    for (size_t i = 0; i < ndocs; i++)
        free(docs[i]);
    for (size_t k = 0; k < ngolds; k++)
        free(golds[k]);
    free(docs);
    free(exts);
    free(golds);
    free(used);
    return done();
}
