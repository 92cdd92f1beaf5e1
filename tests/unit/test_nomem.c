/* test_nomem.c — allocation failure at every allocation of a call.
 *
 * vn_fail_allocation(n) (src/common.h) makes the n-th allocation of the
 * library from now fail as if malloc had returned NULL.  For each entry
 * point that include/vnplan.h says recovers (parse, tree loading, bundled
 * baselines, the built-in grammar, comparison, every renderer of trees and
 * of diffs, the check and its reports), a call is made with n = 0, 1, 2, ... until it no longer
 * reaches the failure: every one of those calls must return
 * VNPLAN_ERR_NOMEM with no result and "out of memory", never crash or
 * abort; and right after each, the same call without failure must give
 * exactly the output of an undisturbed run.
 *
 * Leaks: the header says that temporaries of a failed parse, load, baseline,
 * grammar, comparison, check or diff report may stay allocated, so those calls run
 * with leak detection paused (LeakSanitizer ignores what is allocated
 * meanwhile); a failed tree render or check report must free everything, and under ASan a
 * leak check at the end fails the test if one did not.  Without ASan the leak check is
 * skipped (said in a diagnostic). */
/* libxml2 called directly (linked through TEST_LIBS), not through the
 * library's table (src/xml_dl.h) */
#define VN_XML_LINKED
#include "tap.h"
#include "vnplan.h"
#include "common.h"
#include "testutil.h"

#include <libxml/xmlerror.h>
#include <stdlib.h>

/* The caller's libxml2 error handler: every call must leave it in place,
 * failed or not (vnplan.h, "Threads"). */
static void callers_handler(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* LeakSanitizer's interface: weak, so that a build without it links (the
 * functions are then NULL). */
extern void __lsan_disable(void) __attribute__((weak));
extern void __lsan_enable(void) __attribute__((weak));
extern int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

static void leaks_pause(void)
{
    if (__lsan_disable)
        __lsan_disable();
}

static void leaks_resume(void)
{
    if (__lsan_enable)
        __lsan_enable();
}

#define PLAN "corpus/plans/ninh-binh-141-KH-UBND-1002.txt"
#define SMALL_BYTES 4000 /* the head of the plan: header, title, objectives with targets */
#define MAX_STEPS 2000000L /* a call that still fails after this many allocations is a bug */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

/* One call of an entry point, returning its status and its result. */
typedef vnplan_status (*call_fn)(const void *arg, vnplan_doc **out, char *err, size_t errlen);

typedef struct bytes {
    const char *s;
    size_t len;
} bytes;

static vnplan_status call_parse(const void *arg, vnplan_doc **out, char *err, size_t errlen)
{
    const bytes *b = arg;
    return vnplan_parse_bytes(b->s, b->len, "small.txt", NULL, out, err, errlen);
}

static vnplan_status call_parse_file(const void *arg, vnplan_doc **out, char *err, size_t errlen)
{
    (void)arg;
    return vnplan_parse_file(PLAN, NULL, out, err, errlen);
}

static vnplan_status call_load_xml(const void *arg, vnplan_doc **out, char *err, size_t errlen)
{
    const bytes *b = arg;
    return vnplan_load_xml(b->s, b->len, "tree.xml", NULL, out, err, errlen);
}

static vnplan_status call_baseline(const void *arg, vnplan_doc **out, char *err, size_t errlen)
{
    return vnplan_baseline_for((const vnplan_doc *)arg, NULL, out, err, errlen);
}

/* Runs call with the n-th allocation failing, for n = 0, 1, ... (every
 * `stride`-th n when stride > 1), until a call succeeds.  Checks each
 * failure and that a clean call right after gives `want`. */
static void every_failure(const char *what, call_fn call, const void *arg, const char *want, long stride)
{
    long failures = 0, wrong = 0, unequal = 0, n;
    char first_wrong[400] = "";
    leaks_pause();
    for (n = 0; n < MAX_STEPS; n += stride) {
        vnplan_doc *doc = (vnplan_doc *)1; /* must be set to NULL */
        char err[256] = "";
        vn_fail_allocation(n);
        vnplan_status st = call(arg, &doc, err, sizeof err);
        long left = vn_fail_allocation(-1);
        if (st == VNPLAN_OK && left >= 0) {
            /* the failure was not reached: the call is complete */
            char *got = want ? tu_render_xml(doc) : NULL;
            if (want && (!got || strcmp(got, want) != 0))
                unequal++;
            free(got);
            vnplan_doc_free(doc);
            break;
        }
        failures++;
        if (st != VNPLAN_ERR_NOMEM || doc != NULL || strcmp(err, "out of memory") != 0) {
            if (!wrong++)
                snprintf(first_wrong, sizeof first_wrong, "n=%ld: status %d (%s), doc %s", n, (int)st, err,
                         doc ? "set" : "NULL");
            if (st == VNPLAN_OK)
                vnplan_doc_free(doc);
            continue;
        }
        /* and the next call, with memory, is whole */
        if (!want)
            continue;
        vnplan_doc *again = NULL;
        if (call(arg, &again, err, sizeof err) != VNPLAN_OK) {
            unequal++;
            continue;
        }
        char *got = tu_render_xml(again);
        if (!got || strcmp(got, want) != 0)
            unequal++;
        free(got);
        vnplan_doc_free(again);
    }
    leaks_resume();
    ok(n < MAX_STEPS && failures > 0, "%s: a call completes once the failure comes late enough (%ld failed calls)",
       what, failures);
    if (!ok(wrong == 0, "%s: every failed call returns VNPLAN_ERR_NOMEM, no result, \"out of memory\"", what))
        diag("%ld wrong; first: %s", wrong, first_wrong);
    if (!ok(unequal == 0, "%s: after each failure the same call gives the undisturbed output", what))
        diag("%ld differ", unequal);
}

/* ---- calls that write ------------------------------------------------------
 * Each runs one library call with the allocation at `fail_at` failing (-1:
 * none), returns its status, puts what the failure countdown had left in
 * *left, and what it wrote (or, for a comparison, the diff as text) in
 * *text. */
typedef vnplan_status (*write_fn)(const void *arg, long fail_at, long *left, char **text, char *err,
                                  size_t errlen);

/* a tree in one format */
typedef struct tree_call {
    const vnplan_doc *doc, *second; /* second: a stream of two documents */
    vnplan_format format;
    unsigned flags;
} tree_call;

static vnplan_status call_render(const void *arg, long fail_at, long *left, char **text, char *err, size_t errlen)
{
    const tree_call *c = arg;
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    if (!f)
        return VNPLAN_ERR_IO;
    vnplan_status st;
    vn_fail_allocation(fail_at);
    if (!c->second) {
        st = vnplan_render(c->doc, c->format, c->flags, f, err, errlen);
    } else {
        vnplan_renderer *r = vnplan_renderer_new(c->format, c->flags, f);
        st = r ? vnplan_renderer_add(r, c->doc, err, errlen) : VNPLAN_ERR_NOMEM;
        if (st == VNPLAN_OK)
            st = vnplan_renderer_add(r, c->second, err, errlen);
        vnplan_status st2 = vnplan_renderer_finish(r, st == VNPLAN_OK ? err : NULL, errlen);
        if (!r)
            snprintf(err, errlen, "out of memory");
        else if (st == VNPLAN_OK)
            st = st2;
    }
    *left = vn_fail_allocation(-1);
    fclose(f);
    return st;
}

/* a comparison, shown as its text report */
typedef struct compare_call {
    const vnplan_doc *base, *plan;
} compare_call;

static vnplan_status call_compare(const void *arg, long fail_at, long *left, char **text, char *err, size_t errlen)
{
    const compare_call *c = arg;
    vnplan_diff *d = (vnplan_diff *)1; /* must be set to NULL on failure */
    vn_fail_allocation(fail_at);
    vnplan_status st = vnplan_compare(c->base, c->plan, NULL, &d, err, errlen);
    *left = vn_fail_allocation(-1);
    if (st != VNPLAN_OK) {
        if (d != NULL)
            snprintf(err, errlen, "a failed comparison gave a diff");
        return st;
    }
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    if (f) {
        vnplan_diff_render(d, VNPLAN_FORMAT_JSON, 0, f, err, errlen);
        fclose(f);
    }
    vnplan_diff_free(d);
    return st;
}

/* a diff report in one format; `failed` adds a plan that could not be compared */
typedef struct diff_call {
    const vnplan_diff *diff;
    vnplan_format format;
    bool failed;
} diff_call;

static vnplan_status call_diff_render(const void *arg, long fail_at, long *left, char **text, char *err,
                                      size_t errlen)
{
    const diff_call *c = arg;
    const vnplan_diff *diffs[2] = {c->diff, NULL};
    const char *names[2] = {NULL, "khong-so-sanh.txt"}, *reasons[2] = {NULL, "no targets"};
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    if (!f)
        return VNPLAN_ERR_IO;
    vn_fail_allocation(fail_at);
    vnplan_status st = vnplan_diff_render_report(diffs, names, reasons, c->failed ? 2 : 1, c->format, 0, f, err,
                                                 errlen);
    *left = vn_fail_allocation(-1);
    fclose(f);
    return st;
}

/* a check of a plan, shown as its JSON report; base NULL: the bundled
 * baseline the plan implements, loaded by the check itself */
typedef struct check_call {
    const vnplan_doc *plan, *base;
} check_call;

static vnplan_status call_check(const void *arg, long fail_at, long *left, char **text, char *err, size_t errlen)
{
    const check_call *c = arg;
    vnplan_check *ck = (vnplan_check *)1; /* must be set to NULL on failure */
    vn_fail_allocation(fail_at);
    vnplan_status st = vnplan_check_run(c->plan, c->base, "all", NULL, 0, &ck, err, errlen);
    *left = vn_fail_allocation(-1);
    if (st != VNPLAN_OK) {
        if (ck != NULL)
            snprintf(err, errlen, "a failed check gave a result");
        return st;
    }
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    if (f) {
        vnplan_check_render(ck, VNPLAN_FORMAT_JSON, 0, f, err, errlen);
        fclose(f);
    }
    vnplan_check_free(ck);
    return st;
}

/* a check report in one format */
typedef struct check_render_call {
    const vnplan_check *check;
    vnplan_format format;
} check_render_call;

static vnplan_status call_check_render(const void *arg, long fail_at, long *left, char **text, char *err,
                                       size_t errlen)
{
    const check_render_call *c = arg;
    const vnplan_check *two[2] = {c->check, c->check};
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    if (!f)
        return VNPLAN_ERR_IO;
    vn_fail_allocation(fail_at);
    vnplan_status st = vnplan_check_render_many(two, 2, c->format, 0, f, err, errlen);
    *left = vn_fail_allocation(-1);
    fclose(f);
    return st;
}

/* Like every_failure, for a call that writes: each failed call returns
 * VNPLAN_ERR_NOMEM and "out of memory", and the call right after writes
 * exactly what an undisturbed call writes. */
static void every_failure_writing(const char *what, write_fn call, const void *arg, bool may_leak)
{
    long failures = 0, wrong = 0, unequal = 0, handlers = 0, n, left;
    char first_wrong[400] = "", err[256] = "", *want = NULL;
    if (may_leak)
        leaks_pause();
    if (!ok(call(arg, -1, &left, &want, err, sizeof err) == VNPLAN_OK && want && *want, "%s: an undisturbed call",
            what))
        diag("%s", err);
    for (n = 0; want && n < MAX_STEPS; n++) {
        char *text = NULL;
        err[0] = 0;
        vnplan_status st = call(arg, n, &left, &text, err, sizeof err);
        if (st == VNPLAN_OK && left >= 0) {
            /* the failure was not reached: the call is complete */
            if (!text || strcmp(text, want) != 0)
                unequal++;
            free(text);
            break;
        }
        free(text);
        failures++;
        handlers += xmlStructuredError != callers_handler;
        xmlSetStructuredErrorFunc(NULL, callers_handler);
        if (st != VNPLAN_ERR_NOMEM || strcmp(err, "out of memory") != 0) {
            if (!wrong++)
                snprintf(first_wrong, sizeof first_wrong, "n=%ld: status %d (%s)", n, (int)st, err);
            continue;
        }
        text = NULL;
        if (call(arg, -1, &left, &text, err, sizeof err) != VNPLAN_OK || !text || strcmp(text, want) != 0)
            unequal++;
        free(text);
    }
    if (may_leak)
        leaks_resume();
    free(want);
    ok(n < MAX_STEPS && failures > 0, "%s: a call completes once the failure comes late enough (%ld failed calls)",
       what, failures);
    if (!ok(wrong == 0, "%s: every failed call returns VNPLAN_ERR_NOMEM and \"out of memory\"", what))
        diag("%ld wrong; first: %s", wrong, first_wrong);
    if (!ok(unequal == 0, "%s: after each failure the same call writes the undisturbed output", what))
        diag("%ld differ", unequal);
    if (!ok(handlers == 0, "%s: each failed call leaves the caller's libxml2 error handler in place", what))
        diag("%ld replaced it", handlers);
}

int main(void)
{
    xmlSetStructuredErrorFunc(NULL, callers_handler);
    size_t len = 0;
    char *text = read_all(PLAN, &len);
    if (!ok(text && len > SMALL_BYTES, "read %s", PLAN))
        return done();
    size_t small = SMALL_BYTES;
    while (small > 0 && text[small - 1] != '\n')
        small--;
    bytes head = {text, small};

    /* First of all, before anything is built: the built-in grammar fails to
     * build (the parse then fails), then builds and the parse fails later.
     * Sampled (every 37th allocation): each failed build leaves its
     * half-built grammar behind, as the header says. */
    every_failure("vnplan_parse_bytes building the built-in grammar (every 37th)", call_parse, &head, NULL, 37);

    char err[256];
    vnplan_doc *doc = NULL;
    vn_fail_allocation(1000000000L);
    vnplan_status st0 = vnplan_parse_bytes(head.s, head.len, "small.txt", NULL, &doc, err, sizeof err);
    long used_first = 1000000000L - vn_fail_allocation(-1);
    ok(st0 == VNPLAN_OK, "the head of the plan parses");
    char *want_small = tu_render_xml(doc);
    vnplan_doc_free(doc);
    diag("a parse of the head makes %ld allocations", used_first);

    every_failure("vnplan_parse_bytes", call_parse, &head, want_small, 1);

    vnplan_doc *plan = NULL;
    ok(vnplan_parse_file(PLAN, NULL, &plan, err, sizeof err) == VNPLAN_OK, "the whole plan parses");
    char *want_plan = tu_render_xml(plan);
    every_failure("vnplan_parse_file", call_parse_file, NULL, want_plan, 1);

    /* a tree read back */
    bytes tree = {want_plan, strlen(want_plan)};
    vnplan_doc *loaded = NULL;
    ok(vnplan_load_xml(tree.s, tree.len, "tree.xml", NULL, &loaded, err, sizeof err) == VNPLAN_OK,
       "the plan's tree loads");
    char *want_tree = tu_render_xml(loaded);
    vnplan_doc_free(loaded);
    every_failure("vnplan_load_xml", call_load_xml, &tree, want_tree, 1);

    /* the bundled baseline the plan implements */
    vnplan_doc *base = NULL;
    ok(vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK, "the plan's baseline loads");
    char *want_base = tu_render_xml(base);
    vnplan_doc_free(base);
    every_failure("vnplan_baseline_for", call_baseline, plan, want_base, 1);

    /* a grammar loaded from a directory: every failure returns NOMEM */
    long gfail = 0, gwrong = 0, gn;
    leaks_pause();
    for (gn = 0; gn < MAX_STEPS; gn += 7) {
        vnplan_grammar *g = (vnplan_grammar *)1;
        vn_fail_allocation(gn);
        vnplan_status st = vnplan_grammar_load("grammars", &g, err, sizeof err);
        long left = vn_fail_allocation(-1);
        if (st == VNPLAN_OK && left >= 0) {
            vnplan_grammar_free(g);
            break;
        }
        gfail++;
        if (st != VNPLAN_ERR_NOMEM || g != NULL)
            gwrong++;
    }
    leaks_resume();
    ok(gn < MAX_STEPS && gfail > 0 && gwrong == 0,
       "vnplan_grammar_load (every 7th): each failure is VNPLAN_ERR_NOMEM with no grammar (%ld failed, %ld wrong)",
       gfail, gwrong);

    /* every tree format, and a stream of two documents (JSON turns its
     * first document into an array's element when the second comes) */
    static const struct {
        const char *name;
        vnplan_format format;
        unsigned flags;
    } formats[] = {
        {"xml", VNPLAN_FORMAT_XML, 0},
        {"json", VNPLAN_FORMAT_JSON, 0},
        {"text", VNPLAN_FORMAT_TEXT, 0},
        {"xml of targets", VNPLAN_FORMAT_XML, VNPLAN_RENDER_TARGETS_ONLY},
        {"json of targets", VNPLAN_FORMAT_JSON, VNPLAN_RENDER_TARGETS_ONLY},
        {"tsv of targets", VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY},
        {"csv of targets", VNPLAN_FORMAT_CSV, VNPLAN_RENDER_TARGETS_ONLY},
    };
    char what[128];
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        tree_call c = {plan, NULL, formats[i].format, formats[i].flags};
        snprintf(what, sizeof what, "vnplan_render, %s", formats[i].name);
        every_failure_writing(what, call_render, &c, false);
        c.second = plan;
        snprintf(what, sizeof what, "a renderer of two documents, %s", formats[i].name);
        every_failure_writing(what, call_render, &c, false);
    }

    /* the head of the plan against its baseline, then every diff report */
    vnplan_doc *head_doc = NULL, *head_base = NULL;
    ok(vnplan_parse_bytes(head.s, head.len, "small.txt", NULL, &head_doc, err, sizeof err) == VNPLAN_OK &&
           vnplan_baseline_for(plan, NULL, &head_base, err, sizeof err) == VNPLAN_OK,
       "the head of the plan and its baseline");
    compare_call cc = {head_base, head_doc};
    every_failure_writing("vnplan_compare", call_compare, &cc, true);

    vnplan_diff *diff = NULL;
    ok(vnplan_compare(head_base, head_doc, NULL, &diff, err, sizeof err) == VNPLAN_OK, "the head compares");
    static const struct {
        const char *name;
        vnplan_format format;
    } reports[] = {
        {"text", VNPLAN_FORMAT_TEXT},
        {"json", VNPLAN_FORMAT_JSON},
        {"csv", VNPLAN_FORMAT_CSV},
        {"html", VNPLAN_FORMAT_HTML},
    };
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        diff_call c = {diff, reports[i].format, false};
        snprintf(what, sizeof what, "vnplan_diff_render, %s", reports[i].name);
        every_failure_writing(what, call_diff_render, &c, true);
        c.failed = true;
        snprintf(what, sizeof what, "vnplan_diff_render_report with a plan not compared, %s", reports[i].name);
        every_failure_writing(what, call_diff_render, &c, true);
    }

    /* the check: against a baseline given, and against the bundled one it
     * loads itself (a baseline that runs out of memory fails the check,
     * never checks the plan without it); its temporaries may stay, as a
     * comparison's */
    check_call kc = {head_doc, head_base};
    every_failure_writing("vnplan_check_run, baseline given", call_check, &kc, true);
    kc.base = NULL;
    every_failure_writing("vnplan_check_run, bundled baseline", call_check, &kc, true);

    /* its reports: JSON allocates (and must free all on failure); text and
     * HTML write straight to the FILE and allocate nothing */
    vnplan_check *ck = NULL;
    ok(vnplan_check_run(head_doc, head_base, "all", NULL, 0, &ck, err, sizeof err) == VNPLAN_OK, "the head checks");
    check_render_call rc = {ck, VNPLAN_FORMAT_JSON};
    every_failure_writing("vnplan_check_render_many, json", call_check_render, &rc, false);
    static const vnplan_format unallocating[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_HTML};
    for (size_t i = 0; i < 2; i++) {
        rc.format = unallocating[i];
        char *t = NULL;
        long left = 0;
        vnplan_status st = call_check_render(&rc, 0, &left, &t, err, sizeof err);
        ok(st == VNPLAN_OK && left == 0 && t && *t, "vnplan_check_render_many, %s: no allocation at all",
           i ? "html" : "text");
        free(t);
    }
    vnplan_check_free(ck);
    vnplan_diff_free(diff);
    vnplan_doc_free(head_doc);
    vnplan_doc_free(head_base);

    if (__lsan_do_recoverable_leak_check)
        ok(__lsan_do_recoverable_leak_check() == 0, "no failed tree render left memory allocated (LeakSanitizer)");
    else
        diag("no LeakSanitizer in this build: leaks are checked by the ASan build");

    vnplan_doc_free(plan);
    free(want_small);
    free(want_plan);
    free(want_tree);
    free(want_base);
    free(text);
    return done();
}
