/* bench_ready — how long the library takes, in a fresh process, to have
 * its built-in data ready: the default grammar (vnplan_grammar_default),
 * the list of bundled baselines (vnplan_baseline_count) and one bundled
 * baseline loaded (vnplan_baseline_load, 1002 by default), as `vnplan diff`
 * needs them.  One line of wall times in milliseconds:
 *
 *   bench_ready [NUMBER]
 *   grammar 1.52 list 0.09 baseline 0.93 ready 2.54
 *
 * One process measures one start (the data is built once per process);
 * tools/startup.sh runs it many times and keeps the minimum.  Exit status 2
 * when something could not be loaded. */
#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"

#include <stdio.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    const char *number = argc > 1 ? argv[1] : "1002";
    char err[512];
    double t0 = now_ms();
    const vnplan_grammar *g = vnplan_grammar_default();
    double t1 = now_ms();
    size_t n = vnplan_baseline_count();
    double t2 = now_ms();
    vnplan_doc *base = NULL;
    vnplan_status st = g ? vnplan_baseline_load(number, g, &base, err, sizeof err) : VNPLAN_ERR_GRAMMAR;
    double t3 = now_ms();
    if (!g || n == 0 || st != VNPLAN_OK) {
        fprintf(stderr, "bench_ready: %s\n", !g ? "no default grammar" : n == 0 ? "no bundled baselines" : err);
        return 2;
    }
    printf("grammar %.3f list %.3f baseline %.3f ready %.3f\n", t1 - t0, t2 - t1, t3 - t2, t3 - t0);
    vnplan_doc_free(base);
    return 0;
}
