/* test_threads.c — the library called from several threads at once.
 *
 * Every thread starts at the same moment (a barrier), so the first use of
 * the built-in grammar and of the bundled baselines happens in all of them
 * together: the one-time initialisation is raced on purpose.  Each thread
 * then parses the corpus plans, picks each plan's bundled baseline, compares,
 * and renders the tree and every diff report into memory.  After the
 * threads end, the main thread does the same work alone; every thread's
 * output must equal it byte for byte.  Then several threads read one and
 * the same document and diff at once (every accessor, every renderer), as
 * the header allows, and must all give what one thread gives.  Last,
 * several threads compare plans with one and the same baseline document
 * (what `vnplan batch` does): the first comparison keeps what it read of
 * the baseline with it, raced on purpose, and every report must equal the
 * one a baseline of its own gives.
 *
 * `make check` also builds this test with ThreadSanitizer (build/tsan), where
 * any unsynchronised access makes the binary fail. */
#include "tap.h"
#include "vnplan.h"

#include <pthread.h>
#include <stdlib.h>

#define NTHREADS 4
#define ROUNDS 2 /* each thread does its work twice: a second pass reuses what the first set up */

static const char *const plans[] = {
    "corpus/plans/lang-son-1002-pdf-double-spaced.txt",
    "corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
    "corpus/plans/lang-son-2711-word-paragraphs.txt",
};
#define NPLANS (sizeof plans / sizeof plans[0])

static const vnplan_format diff_formats[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_CSV,
                                             VNPLAN_FORMAT_HTML};
#define NDIFF (sizeof diff_formats / sizeof diff_formats[0])

/* What one plan gives: its tree as XML, its targets as TSV, and its diff
 * reports; or the first error. */
typedef struct result {
    char *tree, *targets, *diff[NDIFF], *check;
    char err[300];
} result;

typedef struct worker {
    pthread_barrier_t *start;
    size_t nbaselines;
    result res[NPLANS];
} worker;

/* Appends to r->err the first failure only. */
static void fail(result *r, const char *what, const char *err)
{
    if (!r->err[0])
        snprintf(r->err, sizeof r->err, "%s: %s", what, err);
}

static char *to_memory(result *r, const char *what, const vnplan_doc *doc, const vnplan_diff *diff,
                       vnplan_format fmt, unsigned flags)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        fail(r, what, "open_memstream failed");
        return NULL;
    }
    vnplan_status st = diff ? vnplan_diff_render(diff, fmt, flags, f, err, sizeof err)
                            : vnplan_render(doc, fmt, flags, f, err, sizeof err);
    fclose(f);
    if (st != VNPLAN_OK)
        fail(r, what, err);
    return buf;
}

static void run_plan(const char *path, result *r)
{
    char err[256];
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *diff = NULL;
    if (vnplan_parse_file(path, NULL, &plan, err, sizeof err) != VNPLAN_OK) {
        fail(r, "parse", err);
        return;
    }
    r->tree = to_memory(r, "render tree", plan, NULL, VNPLAN_FORMAT_XML, 0);
    r->targets = to_memory(r, "render targets", plan, NULL, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY);
    if (vnplan_baseline_for(plan, NULL, &base, err, sizeof err) != VNPLAN_OK)
        fail(r, "baseline", err);
    else if (vnplan_compare(base, plan, NULL, &diff, err, sizeof err) != VNPLAN_OK)
        fail(r, "compare", err);
    else
        for (size_t k = 0; k < NDIFF; k++)
            r->diff[k] = to_memory(r, "render diff", NULL, diff, diff_formats[k], 0);
    /* the built-in grammar's check rules are compiled by the first check
     * (grammar.c): raced too */
    vnplan_check *ck = NULL;
    if (base &&
        vnplan_check_run(plan, base, NULL, NULL, VNPLAN_CHECK_ENGLISH, &ck, err, sizeof err) != VNPLAN_OK) {
        fail(r, "check", err);
    } else if (ck) {
        size_t len = 0;
        FILE *f = open_memstream(&r->check, &len);
        if (!f || vnplan_check_render(ck, VNPLAN_FORMAT_JSON, 0, f, err, sizeof err) != VNPLAN_OK)
            fail(r, "render check", f ? err : "open_memstream failed");
        if (f)
            fclose(f);
    }
    vnplan_check_free(ck);
    vnplan_diff_free(diff);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

static void result_free(result *r)
{
    free(r->tree);
    free(r->targets);
    for (size_t k = 0; k < NDIFF; k++)
        free(r->diff[k]);
    free(r->check);
    memset(r, 0, sizeof *r);
}

static void *work(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start);
    /* the first calls of all threads meet here: the lazy set-up is raced */
    w->nbaselines = vnplan_baseline_count();
    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < NPLANS; i++) {
            result_free(&w->res[i]);
            run_plan(plans[i], &w->res[i]);
        }
    return NULL;
}

static int same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* ---- one document and one diff, read by every thread at once ---- */

typedef struct reader {
    pthread_barrier_t *start;
    const vnplan_doc *doc;
    const vnplan_diff *diff;
    result res;
    char *accessors; /* what the accessors say, one line each */
} reader;

static char *all_accessors(const vnplan_doc *d)
{
    char *buf = NULL, text[4096];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    for (size_t n = 0; n < vnplan_node_count(d); n++) {
        vnplan_node_text(d, n, text, sizeof text);
        const char *label = vnplan_node_label(d, n), *phase = vnplan_node_phase(d, n);
        fprintf(f, "%s %s %s %s\n", vnplan_node_kind(d, n), label ? label : "-", phase ? phase : "-", text);
    }
    for (size_t t = 0; t < vnplan_target_count(d); t++) {
        const char *phase = vnplan_target_phase(d, t), *cmp = vnplan_target_comparator(d, t);
        fprintf(f, "%s %s %s %g\n", vnplan_target_id(d, t), phase ? phase : "-", cmp ? cmp : "-",
                vnplan_target_value(d, t));
    }
    fclose(f);
    return buf;
}

static void read_shared(const vnplan_doc *doc, const vnplan_diff *diff, result *r, char **accessors)
{
    r->tree = to_memory(r, "render tree", doc, NULL, VNPLAN_FORMAT_XML, 0);
    r->targets = to_memory(r, "render targets", doc, NULL, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY);
    for (size_t k = 0; k < NDIFF; k++)
        r->diff[k] = to_memory(r, "render diff", NULL, diff, diff_formats[k], 0);
    *accessors = all_accessors(doc);
}

static void *read_work(void *arg)
{
    reader *w = arg;
    pthread_barrier_wait(w->start);
    read_shared(w->doc, w->diff, &w->res, &w->accessors);
    return NULL;
}

static void shared_reads(void)
{
    char err[256];
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *diff = NULL;
    if (!ok(vnplan_parse_file(plans[1], NULL, &plan, err, sizeof err) == VNPLAN_OK &&
                vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                vnplan_compare(base, plan, NULL, &diff, err, sizeof err) == VNPLAN_OK,
            "%s: parsed and compared for the shared reads", plans[1])) {
        diag("%s", err);
        vnplan_doc_free(base);
        vnplan_doc_free(plan);
        return;
    }
    static reader readers[NTHREADS];
    pthread_t tid[NTHREADS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, NTHREADS);
    int started = 0;
    for (int t = 0; t < NTHREADS; t++) {
        readers[t].start = &start;
        readers[t].doc = plan;
        readers[t].diff = diff;
        if (pthread_create(&tid[t], NULL, read_work, &readers[t]) == 0)
            started++;
    }
    if (!ok(started == NTHREADS, "%d threads read one document and one diff together", NTHREADS))
        return; /* the barrier would never open */
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(tid[t], NULL);
    pthread_barrier_destroy(&start);
    result ref;
    char *ref_accessors = NULL;
    memset(&ref, 0, sizeof ref);
    read_shared(plan, diff, &ref, &ref_accessors);
    for (int t = 0; t < NTHREADS; t++) {
        result *r = &readers[t].res;
        int all = !r->err[0] && same(r->tree, ref.tree) && same(r->targets, ref.targets);
        for (size_t k = 0; k < NDIFF; k++)
            all = all && same(r->diff[k], ref.diff[k]);
        ok(all, "thread %d: the shared document and diff render as one thread renders them", t);
        ok(same(readers[t].accessors, ref_accessors), "thread %d: every accessor says what it says to one thread",
           t);
        result_free(r);
        free(readers[t].accessors);
    }
    result_free(&ref);
    free(ref_accessors);
    vnplan_diff_free(diff);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

/* ---- many plans, one baseline ---- */

#define NSHARED 2 /* the plans of one decision (1002) among plans[] */

typedef struct sharer {
    pthread_barrier_t *start;
    const vnplan_doc *base;
    vnplan_doc *const *plan;
    char *json[ROUNDS][NSHARED], *html[ROUNDS][NSHARED];
    char err[300];
} sharer;

static char *compare_to_memory(const vnplan_doc *base, const vnplan_doc *plan, vnplan_format fmt, char *err,
                               size_t errlen)
{
    vnplan_diff *diff = NULL;
    if (vnplan_compare(base, plan, NULL, &diff, err, errlen) != VNPLAN_OK)
        return NULL;
    result r;
    memset(&r, 0, sizeof r);
    char *out = to_memory(&r, "render diff", NULL, diff, fmt, 0);
    if (r.err[0])
        snprintf(err, errlen, "%s", r.err);
    vnplan_diff_free(diff);
    return out;
}

static void *share_work(void *arg)
{
    sharer *w = arg;
    pthread_barrier_wait(w->start);
    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < NSHARED; i++) {
            w->json[round][i] = compare_to_memory(w->base, w->plan[i], VNPLAN_FORMAT_JSON, w->err, sizeof w->err);
            w->html[round][i] = compare_to_memory(w->base, w->plan[i], VNPLAN_FORMAT_HTML, w->err, sizeof w->err);
        }
    return NULL;
}

static void shared_baseline(void)
{
    char err[256];
    vnplan_doc *plan[NSHARED] = {NULL}, *base = NULL;
    char *ref_json[NSHARED] = {NULL}, *ref_html[NSHARED] = {NULL};
    int ready = 1;
    /* the reference: each plan with a baseline document of its own, read
     * for that comparison alone */
    for (size_t i = 0; i < NSHARED && ready; i++) {
        vnplan_doc *own = NULL;
        ready = vnplan_parse_file(plans[i], NULL, &plan[i], err, sizeof err) == VNPLAN_OK &&
                vnplan_baseline_for(plan[i], NULL, &own, err, sizeof err) == VNPLAN_OK;
        if (ready) {
            ref_json[i] = compare_to_memory(own, plan[i], VNPLAN_FORMAT_JSON, err, sizeof err);
            ref_html[i] = compare_to_memory(own, plan[i], VNPLAN_FORMAT_HTML, err, sizeof err);
            ready = ref_json[i] && ref_html[i];
        }
        vnplan_doc_free(own);
    }
    ready = ready && vnplan_baseline_for(plan[0], NULL, &base, err, sizeof err) == VNPLAN_OK;
    if (!ok(ready, "plans of one decision parsed and compared, each with a baseline of its own"))
        diag("%s", err);
    static sharer sharers[NTHREADS];
    pthread_t tid[NTHREADS];
    pthread_barrier_t start;
    int started = 0;
    if (ready) {
        pthread_barrier_init(&start, NULL, NTHREADS);
        for (int t = 0; t < NTHREADS; t++) {
            sharers[t].start = &start;
            sharers[t].base = base;
            sharers[t].plan = plan;
            if (pthread_create(&tid[t], NULL, share_work, &sharers[t]) == 0)
                started++;
        }
        ok(started == NTHREADS, "%d threads compare plans with one baseline document together", NTHREADS);
    }
    if (started == NTHREADS) {
        for (int t = 0; t < NTHREADS; t++)
            pthread_join(tid[t], NULL);
        pthread_barrier_destroy(&start);
        for (int t = 0; t < NTHREADS; t++) {
            sharer *w = &sharers[t];
            int all = !w->err[0];
            for (int round = 0; round < ROUNDS; round++)
                for (size_t i = 0; i < NSHARED; i++) {
                    all = all && same(w->json[round][i], ref_json[i]) && same(w->html[round][i], ref_html[i]);
                    free(w->json[round][i]);
                    free(w->html[round][i]);
                }
            if (!ok(all, "thread %d: every plan compared with the shared baseline, twice, reports as with a "
                         "baseline of its own", t))
                diag("%s", w->err);
        }
    }
    for (size_t i = 0; i < NSHARED; i++) {
        free(ref_json[i]);
        free(ref_html[i]);
        vnplan_doc_free(plan[i]);
    }
    vnplan_doc_free(base);
}

int main(void)
{
    static worker workers[NTHREADS];
    pthread_t tid[NTHREADS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, NTHREADS);
    int started = 0;
    for (int t = 0; t < NTHREADS; t++) {
        workers[t].start = &start;
        if (pthread_create(&tid[t], NULL, work, &workers[t]) == 0)
            started++;
    }
    ok(started == NTHREADS, "%d threads start together", NTHREADS);
    if (started != NTHREADS)
        return done(); /* the barrier would never open */
    for (int t = 0; t < NTHREADS; t++)
        pthread_join(tid[t], NULL);
    pthread_barrier_destroy(&start);

    /* the reference: the same work, alone */
    result ref[NPLANS];
    memset(ref, 0, sizeof ref);
    for (size_t i = 0; i < NPLANS; i++) {
        run_plan(plans[i], &ref[i]);
        ok(!ref[i].err[0] && ref[i].tree && ref[i].targets && ref[i].diff[NDIFF - 1] && ref[i].check,
           "%s: parsed, compared, checked and rendered by one thread%s%s", plans[i],
           ref[i].err[0] ? " - " : "", ref[i].err);
    }
    for (int t = 0; t < NTHREADS; t++) {
        is_long((long)workers[t].nbaselines, (long)vnplan_baseline_count(),
                "thread sees every bundled baseline");
        for (size_t i = 0; i < NPLANS; i++) {
            const result *r = &workers[t].res[i];
            if (!ok(!r->err[0], "thread %d, %s: no error", t, plans[i]))
                diag("%s", r->err);
            ok(same(r->tree, ref[i].tree), "thread %d, %s: the same tree as one thread alone", t, plans[i]);
            ok(same(r->targets, ref[i].targets), "thread %d, %s: the same targets", t, plans[i]);
            int all = 1;
            for (size_t k = 0; k < NDIFF; k++)
                all = all && same(r->diff[k], ref[i].diff[k]);
            ok(all, "thread %d, %s: the same diff reports (text, JSON, CSV, HTML)", t, plans[i]);
            ok(same(r->check, ref[i].check), "thread %d, %s: the same check report", t, plans[i]);
        }
    }
    for (int t = 0; t < NTHREADS; t++)
        for (size_t i = 0; i < NPLANS; i++)
            result_free(&workers[t].res[i]);
    for (size_t i = 0; i < NPLANS; i++)
        result_free(&ref[i]);
    shared_reads();
    shared_baseline();
    return done();
}
