/* tap.h — the test protocol every unit test binary speaks.
 *
 * Each check prints "ok N - what" or "not ok N - what (detail)"; done()
 * prints the plan "1..N" and returns the exit status.  A binary that ran no
 * check at all fails: a suite that silently executes nothing is a bug.
 * tests/run.sh counts the lines of every binary and prints the total. */
#ifndef VN_TAP_H
#define VN_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static inline int ok(int cond, const char *fmt, ...)
{
    va_list ap;
    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    return cond;
}

/* Strings: NULL is a value of its own ("(null)" in messages). */
static inline int is_str(const char *got, const char *want, const char *what)
{
    int same = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
    if (!ok(same, "%s", what))
        printf("#   got:  %s%s%s\n#   want: %s%s%s\n", got ? "\"" : "", got ? got : "(null)",
               got ? "\"" : "", want ? "\"" : "", want ? want : "(null)", want ? "\"" : "");
    return same;
}

static inline int is_long(long got, long want, const char *what)
{
    if (!ok(got == want, "%s", what))
        printf("#   got:  %ld\n#   want: %ld\n", got, want);
    return got == want;
}

static inline int is_num(double got, double want, const char *what)
{
    int same = fabs(got - want) < 1e-9 || (isnan(got) && isnan(want));
    if (!ok(same, "%s", what))
        printf("#   got:  %g\n#   want: %g\n", got, want);
    return same;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline void diag(const char *fmt, ...)
{
    va_list ap;
    fputs("# ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static inline int done(void)
{
    printf("1..%d\n", tap_count);
    if (tap_count == 0) {
        printf("not ok 1 - this test binary ran no checks\n");
        return 1;
    }
    return tap_failed ? 1 : 0;
}

#endif
