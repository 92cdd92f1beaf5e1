/* test_diff_gold.c — vnplan diff against the hand-made gold files.
 *
 * tests/gold/diff-<plan>.tsv gives, for every target of the baseline, the
 * status a reviewer expects (and a second acceptable one), and the plan
 * target it rests on, by the tid of tests/gold/targets-<plan>.tsv.  The
 * 1002 files are copies of ../shared/gold/diff-000.tsv and diff-003.tsv; the
 * 2711 file was written by hand from reading the plan and the facts sheet.
 * Every tests/fixtures/gold/diff-<doc>.tsv is checked the same way against
 * tests/fixtures/plans/<doc>.txt, its tids those of
 * tests/fixtures/gold/targets-<doc>.tsv; each was written by hand from
 * reading the fixture plan and the baseline of the decision it implements
 * (../shared/gold/baseline-1002.tsv, or the target ids of
 * corpus/decisions/2711-QD-TTg.xml for a 2711 plan): the baseline is the
 * bundled one the plan's metadata name, as `vnplan diff PLAN` chooses it.
 * None of them was made by running the program.
 *
 * Through the public API: each plan is parsed with vnplan_parse_file, its
 * baseline chosen by vnplan_baseline_for, and compared.  A tid is mapped to
 * the plan target whose sentence (white space collapsed) contains the
 * targets gold's key phrase and whose value is the gold value, a target that
 * also agrees in comparator, unit class, phase and section first (as
 * test_fixture_targets.c does: one table row holds a 2030 and a 2035 target
 * with the same words and, sometimes, the same value).  For each
 * row: the status is the gold status or its also_ok, and a finding that
 * rests on a plan target rests on the gold tid's target.  Failures print a
 * diff: "-" the gold row, "+" what the program found. */
#include "plan_source.h"
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>

static char root[256] = "";

static void find_root(void) { tu_find_root("tests/gold", root, sizeof root); }

static const char *path_of(const char *rel, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", root, rel);
    return buf;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

/* Rows of a TSV file without comments; fields split at TABs. */
typedef struct row {
    char *f[8];
    int nf;
} row;

static size_t read_tsv(const char *path, row **out)
{
    FILE *f = fopen(path, "r");
    *out = NULL;
    if (!f)
        return 0;
    size_t n = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = realloc(*out, cap * sizeof **out);
        }
        row *r = &(*out)[n++];
        memset(r, 0, sizeof *r);
        char *p = line;
        while (p && r->nf < 8) {
            char *tab = strchr(p, '\t');
            if (tab)
                *tab = '\0';
            r->f[r->nf++] = dup_str(p);
            p = tab ? tab + 1 : NULL;
        }
    }
    fclose(f);
    return n;
}

static void free_rows(row *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < r[i].nf; k++)
            free(r[i].f[k]);
    free(r);
}

typedef struct tmap {
    char tid[16];
    size_t target; /* VNPLAN_NONE: not found */
} tmap;

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

/* The fields of a targets gold row other than value, key and parent. */
static bool fields_agree(const vnplan_doc *plan, size_t t, const row *r)
{
    return !strcmp(or_dash(vnplan_target_phase(plan, t)), r->f[1]) &&
           !strcmp(or_dash(vnplan_target_section(plan, t)), r->f[2]) &&
           !strcmp(or_dash(vnplan_target_comparator(plan, t)), r->f[3]) &&
           !strcmp(or_dash(vnplan_target_unit_class(plan, t)), r->f[5]);
}

/* tid -> plan target: the key phrase in the sentence, the value equal; first
 * among the targets that agree in the other fields, then among all; each
 * target answers one tid. */
static size_t map_tids(const vnplan_doc *plan, const char *targets_gold, tmap **out)
{
    row *rows;
    size_t n = read_tsv(targets_gold, &rows);
    size_t nt = vnplan_target_count(plan);
    *out = calloc(n + 1, sizeof **out);
    char *used = calloc(nt + 1, 1);
    char **sent = calloc(nt + 1, sizeof *sent);
    for (size_t t = 0; t < nt; t++) {
        const char *text = vnplan_target_text(plan, t);
        sent[t] = text ? tu_collapse(text) : NULL;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf((*out)[i].tid, sizeof (*out)[i].tid, "%s", rows[i].f[0]);
        (*out)[i].target = VNPLAN_NONE;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            tmap *m = &(*out)[i];
            if (m->target != VNPLAN_NONE || rows[i].nf < 8)
                continue;
            double value = strtod(rows[i].f[4], NULL);
            char *key = tu_collapse(rows[i].f[7]);
            for (size_t t = 0; t < nt && m->target == VNPLAN_NONE; t++) {
                if (used[t] || !sent[t] || strcmp(vnplan_target_kind(plan, t), "quantified") != 0 ||
                    fabs(vnplan_target_value(plan, t) - value) > 1e-9)
                    continue;
                if (pass == 0 && !fields_agree(plan, t, &rows[i]))
                    continue;
                if (strstr(sent[t], key)) {
                    m->target = t;
                    used[t] = 1;
                }
            }
            free(key);
        }
    for (size_t t = 0; t < nt; t++)
        free(sent[t]);
    free(sent);
    free(used);
    free_rows(rows, n);
    return n;
}

static const char *tid_of(const tmap *m, size_t n, size_t target)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].target == target && target != VNPLAN_NONE)
            return m[i].tid;
    return NULL;
}

static size_t target_of(const tmap *m, size_t n, const char *tid)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i].tid, tid))
            return m[i].target;
    return VNPLAN_NONE;
}

static bool has_tid(const tmap *m, size_t n, const char *tid)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i].tid, tid))
            return true;
    return false;
}

typedef struct gold_case {
    const char *plan, *diff_gold, *targets_gold;
} gold_case;

static const gold_case cases[] = {
    {"corpus/plans/lang-son-1002-pdf-double-spaced.txt", "tests/gold/diff-lang-son-1002-pdf-double-spaced.tsv",
     "tests/gold/targets-lang-son-1002-pdf-double-spaced.tsv"},
    {"corpus/plans/ninh-binh-141-KH-UBND-1002.txt", "tests/gold/diff-ninh-binh-141-KH-UBND-1002.tsv",
     "tests/gold/targets-ninh-binh-141-KH-UBND-1002.tsv"},
    {"corpus/plans/lang-son-2711-word-paragraphs.txt", "tests/gold/diff-lang-son-2711-word-paragraphs.tsv",
     "tests/gold/targets-lang-son-2711-word-paragraphs.tsv"},
};

/* The finding of a baseline id, or VNPLAN_NONE. */
static size_t finding_of(const vnplan_diff *d, const char *id)
{
    for (size_t i = 0; i < vnplan_diff_finding_count(d); i++)
        if (!strcmp(vnplan_diff_finding_base_id(d, i), id))
            return i;
    return VNPLAN_NONE;
}

static void run_case(const gold_case *c)
{
    char p1[1024], p2[512], p3[512], err[512];
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!plan_source(root, c->plan, p1, sizeof p1))
        return; /* not made in the format under test (plan_source.h) */
    const char *name = test_format() ? p1 : c->plan;
    if (!ok(vnplan_parse_file(p1, NULL, &plan, err, sizeof err) == VNPLAN_OK,
            "%s: parses", name)) {
        diag("%s", err);
        return;
    }
    if (!ok(vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK, "%s: has a bundled baseline",
            name)) {
        diag("%s", err);
        vnplan_doc_free(plan);
        return;
    }
    if (!ok(vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK, "%s: compares", name)) {
        diag("%s", err);
        vnplan_doc_free(base);
        vnplan_doc_free(plan);
        return;
    }
    tmap *m;
    size_t nm = map_tids(plan, path_of(c->targets_gold, p3, sizeof p3), &m);
    for (size_t i = 0; i < nm; i++)
        if (m[i].target == VNPLAN_NONE)
            diag("%s: tid %s of %s not found in the parsed plan (a parser matter)", name, m[i].tid,
                 c->targets_gold);
    row *g;
    size_t ng = read_tsv(path_of(c->diff_gold, p2, sizeof p2), &g);
    ok(ng > 0, "%s: %s has rows", name, c->diff_gold);
    is_long((long)vnplan_diff_finding_count(d), (long)ng, "one finding per baseline target, one gold row each");
    size_t right = 0;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].nf < 4) {
            ok(0, "%s: gold row %zu has 4 fields", c->diff_gold, i + 1);
            continue;
        }
        const char *id = g[i].f[0], *want = g[i].f[1], *tid = g[i].f[2], *also = g[i].f[3];
        if (strcmp(tid, "-") && !has_tid(m, nm, tid)) {
            ok(0, "%s: gold row %s names %s, which %s does not have", c->diff_gold, id, tid, c->targets_gold);
            continue;
        }
        size_t fi = finding_of(d, id);
        const char *got = fi == VNPLAN_NONE ? "(no finding)" : vnplan_diff_finding_status(d, fi);
        size_t pt = fi == VNPLAN_NONE ? VNPLAN_NONE : vnplan_diff_finding_plan_target(d, fi);
        const char *got_tid = tid_of(m, nm, pt);
        bool status_ok = !strcmp(got, want) || (strcmp(also, "-") && !strcmp(got, also));
        bool target_ok;
        if (pt == VNPLAN_NONE)
            target_ok = !strcmp(got, "missing");
        else if (!strcmp(tid, "-"))
            target_ok = false; /* the gold has no target for it: only "missing" is right */
        else
            target_ok = target_of(m, nm, tid) == pt;
        bool good = status_ok && target_ok;
        right += good;
        if (!ok(good, "%s: %s is %s%s%s on %s", name, id, want, strcmp(also, "-") ? " or " : "",
                strcmp(also, "-") ? also : "", tid)) {
            diag("- %s\t%s\t%s\t%s", id, want, tid, also);
            char pid[32] = "-";
            if (pt != VNPLAN_NONE)
                snprintf(pid, sizeof pid, "%s (%s)", got_tid ? got_tid : "?", vnplan_target_id(plan, pt));
            diag("+ %s\t%s\t%s\tconfidence %.2f", id, got, pid,
                 fi == VNPLAN_NONE ? 0.0 : vnplan_diff_finding_confidence(d, fi));
            if (pt != VNPLAN_NONE)
                diag("  plan sentence: %s", vnplan_target_text(plan, pt));
            size_t want_t = strcmp(tid, "-") ? target_of(m, nm, tid) : VNPLAN_NONE;
            if (want_t != VNPLAN_NONE && want_t != pt)
                diag("  gold's sentence (%s): %s", tid, vnplan_target_text(plan, want_t));
        }
    }
    diag("%s: %zu of %zu gold rows right", name, right, ng);
    free_rows(g, ng);
    free(m);
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

/* In the Lạng Sơn plan the 100% of "tổ chức thực hiện" (L19) restates the
 * 2035 objective (L14): one target, not two, and never a second "added". */
static void restated_target(void)
{
    char p1[1024], p3[512], err[512];
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!plan_source(root, cases[0].plan, p1, sizeof p1))
        return;
    if (vnplan_parse_file(p1, NULL, &plan, err, sizeof err) != VNPLAN_OK ||
        vnplan_baseline_for(plan, NULL, &base, err, sizeof err) != VNPLAN_OK ||
        vnplan_compare(base, plan, NULL, &d, err, sizeof err) != VNPLAN_OK) {
        ok(0, "restated target: the Lạng Sơn plan compares (%s)", err);
        vnplan_doc_free(base);
        vnplan_doc_free(plan);
        return;
    }
    tmap *m;
    size_t nm = map_tids(plan, path_of(cases[0].targets_gold, p3, sizeof p3), &m);
    size_t l14 = target_of(m, nm, "L14"), l19 = target_of(m, nm, "L19");
    if (ok(l14 != VNPLAN_NONE && l19 != VNPLAN_NONE, "restated target: L14 and L19 are in the parsed plan")) {
        bool l19_added = false, l14_added = false;
        for (size_t i = 0; i < vnplan_diff_added_count(d); i++) {
            l19_added |= vnplan_diff_added_target(d, i) == l19;
            l14_added |= vnplan_diff_added_target(d, i) == l14;
        }
        ok(!l19_added, "restated target: L19 (tổ chức thực hiện) is not added a second time");
        ok(l14_added, "restated target: L14 (2035, no such national target) is added");
        bool l19_match = false;
        for (size_t i = 0; i < vnplan_diff_finding_count(d); i++)
            l19_match |= vnplan_diff_finding_plan_target(d, i) == l19;
        ok(!l19_match, "restated target: L19 is no finding's match of its own");
    }
    free(m);
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

#define FIXTURE_GOLD "tests/fixtures/gold/"
#define FIXTURE_PLANS "tests/fixtures/plans/"

/* Every tests/fixtures/gold/diff-<doc>.tsv against tests/fixtures/plans/<doc>.txt (or .md ...)
 * with the tids of tests/fixtures/gold/targets-<doc>.tsv, in name order. */
static void fixture_cases(void)
{
    char dir[512];
    char **docs;
    size_t n = tu_list_dir(path_of(FIXTURE_GOLD, dir, sizeof dir), "diff-", ".tsv", true, &docs);
    ok(n > 0, "%s holds diff gold files", FIXTURE_GOLD);
    for (size_t i = 0; i < n; i++) {
        char plan[512], diff[512], targets[512], probe[1024];
        /* the document in whichever format it comes */
        static const char *const exts[] = {".txt", ".md", ".html", ".htm", ".docx", ".odt", ".pdf"};
        for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
            snprintf(plan, sizeof plan, FIXTURE_PLANS "%s%s", docs[i], exts[k]);
            FILE *pf = fopen(path_of(plan, probe, sizeof probe), "rb");
            if (pf) {
                fclose(pf);
                break;
            }
            snprintf(plan, sizeof plan, FIXTURE_PLANS "%s.txt", docs[i]);
        }
        snprintf(diff, sizeof diff, FIXTURE_GOLD "diff-%s.tsv", docs[i]);
        snprintf(targets, sizeof targets, FIXTURE_GOLD "targets-%s.tsv", docs[i]);
        FILE *f = fopen(path_of(targets, probe, sizeof probe), "r");
        if (!ok(f != NULL, "%s has its targets gold %s", diff, targets)) {
            free(docs[i]);
            continue;
        }
        fclose(f);
        const gold_case c = {plan, diff, targets};
        run_case(&c);
        free(docs[i]);
    }
    free(docs);
}

int main(void)
{
    find_root();
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        run_case(&cases[k]);
    fixture_cases();
    restated_target();
    return done();
}
