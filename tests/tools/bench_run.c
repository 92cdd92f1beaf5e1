/* bench_run.c — runs a command several times and reports the median wall
 * time as throughput over an input's size, and the peak resident memory
 * (the kernel's count for the child, from wait4) against that size.
 *
 *   bench_run RUNS INPUT MIN_MBPS MAX_MEM_RATIO -- COMMAND ARGS...
 *
 * Exit status 0 when both goals are met, 1 when either is missed, 2 when
 * the command could not run or failed. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 7 || strcmp(argv[5], "--") != 0) {
        fprintf(stderr, "usage: bench_run RUNS INPUT MIN_MBPS MAX_MEM_RATIO -- COMMAND ARGS...\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    const char *input = argv[2];
    double min_mbps = atof(argv[3]), max_ratio = atof(argv[4]);
    struct stat sb;
    if (runs < 1 || stat(input, &sb) != 0) {
        fprintf(stderr, "bench_run: %s: cannot stat\n", input);
        return 2;
    }
    double mb = (double)sb.st_size / (1024.0 * 1024.0);
    double *secs = calloc((size_t)runs, sizeof *secs);
    long peak_kb = 0;
    for (int r = 0; r < runs; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 2;
        }
        if (pid == 0) {
            execv(argv[6], argv + 6);
            perror(argv[6]);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0) {
            perror("wait4");
            return 2;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_run: the command failed (status %d)\n", status);
            return 2;
        }
        secs[r] = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (ru.ru_maxrss > peak_kb)
            peak_kb = ru.ru_maxrss;
        printf("  run %d: %.3f s, %.1f MB/s, peak %.0f MB\n", r + 1, secs[r], mb / secs[r],
               (double)ru.ru_maxrss / 1024.0);
        fflush(stdout);
    }
    qsort(secs, (size_t)runs, sizeof *secs, cmp_double);
    double median = secs[runs / 2];
    double mbps = mb / median;
    double ratio = ((double)peak_kb / 1024.0) / mb;
    int speed_ok = mbps >= min_mbps, mem_ok = ratio <= max_ratio;
    printf("input      %.1f MB\n", mb);
    printf("throughput %.1f MB/s (median of %d)   goal >= %.0f MB/s: %s\n", mbps, runs, min_mbps,
           speed_ok ? "met" : "MISSED");
    printf("peak RSS   %.0f MB = %.2f x input      goal <= %.1f x: %s\n", (double)peak_kb / 1024.0, ratio,
           max_ratio, mem_ok ? "met" : "MISSED");
    free(secs);
    return speed_ok && mem_ok ? 0 : 1;
}
