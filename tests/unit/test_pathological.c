/* test_pathological.c — inputs built to make a parser slow or deep: each
 * must be parsed and rendered (XML, JSON, text, TSV) within a time limit,
 * with nothing recursive enough to overflow the stack.  The limits are
 * generous (sanitizer builds are slow); they catch hangs and quadratic
 * behaviour, not speed, which `make bench` measures. */
#define _POSIX_C_SOURCE 200809L
#include "vnplan.h"
#include "tap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LIMIT_SECONDS 20.0

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = (t->n + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
}
static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void render_all(const vnplan_doc *doc)
{
    static const vnplan_format formats[] = {VNPLAN_FORMAT_XML, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_TEXT};
    char err[256];
    for (size_t i = 0; i < 3; i++) {
        FILE *f = fopen("/dev/null", "w");
        vnplan_render(doc, formats[i], 0, f, err, sizeof err);
        fclose(f);
    }
    FILE *f = fopen("/dev/null", "w");
    vnplan_render(doc, VNPLAN_FORMAT_TSV, VNPLAN_RENDER_TARGETS_ONLY, f, err, sizeof err);
    fclose(f);
}

static void check(const char *what, text *t, bool expect_ok)
{
    double t0 = seconds();
    vnplan_doc *doc = NULL;
    char err[256];
    vnplan_status st = vnplan_parse_bytes(t->s ? t->s : "", t->n, what, NULL, &doc, err, sizeof err);
    if (st == VNPLAN_OK)
        render_all(doc);
    double took = seconds() - t0;
    ok((st == VNPLAN_OK) == expect_ok, "%s: %s", what, expect_ok ? "parses" : "is refused");
    ok(took < LIMIT_SECONDS, "%s: done in %.2f s (limit %.0f s)", what, took, LIMIT_SECONDS);
    vnplan_doc_free(doc);
    free(t->s);
    memset(t, 0, sizeof *t);
}

/* A plan of n targets, each measuring a thing of its own: two made-up
 * syllables from the target's number ("ca daba"); values vary with seed. */
static void distinct_targets(text *t, int n, int seed)
{
    char line[160];
    snprintf(line, sizeof line,
             "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\nSố: %d/KH-UBND\nKẾ HOẠCH\n"
             "Triển khai thực hiện Quyết định số 1002/QĐ-TTg\nI. MỤC TIÊU\n",
             seed);
    puts_(t, line);
    for (int i = 1; i <= n; i++) {
        char w[2][40];
        for (int k = 0; k < 2; k++) {
            int v = k ? i + 7 * n : i, len = 0;
            do {
                w[k][len++] = "bcdghklmnpqrstvx"[v % 16];
                w[k][len++] = 'a';
                v /= 16;
            } while (v > 0);
            w[k][len] = '\0';
        }
        snprintf(line, sizeof line, "- Đến năm 2030, có ít nhất %d %s %s.\n", (i * seed) % 9973 + 1, w[0], w[1]);
        puts_(t, line);
    }
    puts_(t, "II. NHIỆM VỤ\n1. Tổ chức thực hiện.\n");
}

/* A baseline and a plan of 10 000 targets each: 100 million pairs, which
 * were all scored once (and refused beyond 8 million); only the pairs that
 * share words are now, and a target that finds a counterpart finds the
 * right one. */
static void large_against_large(void)
{
    enum { N = 10000 };
    text a = {0}, b = {0};
    distinct_targets(&a, N, 3);
    distinct_targets(&b, N, 5);
    char err[256];
    vnplan_doc *base = NULL, *plan = NULL;
    vnplan_diff *diff = NULL;
    double t0 = seconds();
    bool parsed = vnplan_parse_bytes(a.s, a.n, "base", NULL, &base, err, sizeof err) == VNPLAN_OK &&
                  vnplan_parse_bytes(b.s, b.n, "plan", NULL, &plan, err, sizeof err) == VNPLAN_OK;
    bool compared = parsed && vnplan_compare(base, plan, NULL, &diff, err, sizeof err) == VNPLAN_OK;
    double took = seconds() - t0;
    if (!ok(compared, "a baseline and a plan of %d targets each are compared", N))
        diag("%s", err);
    ok(took < LIMIT_SECONDS, "%d x %d targets: done in %.2f s (limit %.0f s)", N, N, took, LIMIT_SECONDS);
    size_t found = 0, same_words = 0;
    for (size_t i = 0; diff && i < vnplan_diff_finding_count(diff); i++) {
        size_t bt = vnplan_diff_finding_base_target(diff, i), pt = vnplan_diff_finding_plan_target(diff, i);
        if (pt == VNPLAN_NONE)
            continue;
        found++;
        const char *x = vnplan_target_indicator(base, bt), *y = vnplan_target_indicator(plan, pt);
        same_words += x && y && strcmp(x, y) == 0;
    }
    ok(found >= N * 95 / 100, "nearly every baseline target finds a plan target (%zu of %d)", found, N);
    is_long((long)same_words, (long)found, "each the one that measures the same made-up thing");
    vnplan_diff_free(diff);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
    free(a.s);
    free(b.s);
}

int main(void)
{
    text t = {0};

    /* 20 000 levels: "1." and "a)" alternating, each restart nesting deeper */
    puts_(&t, "I. MỤC TIÊU\n");
    for (int i = 0; i < 10000; i++)
        puts_(&t, "1. Mục con\na) Điểm con\n- Gạch đầu dòng\n+ Cộng\n");
    check("20 000 alternating markers", &t, true);

    /* one line of 1.5 MB and 100 000 figures, no line break, no full stop */
    for (int i = 0; i < 100000; i++)
        puts_(&t, "Tỷ lệ đạt 35%, ");
    check("one 1.5 MB line of figures", &t, true);

    /* a million blank lines and one word */
    for (int i = 0; i < 1000000; i++)
        puts_(&t, "\n");
    puts_(&t, "Mục tiêu\n");
    check("a million blank lines", &t, true);

    /* 200 000 list items */
    puts_(&t, "I. NHIỆM VỤ\n");
    for (int i = 0; i < 200000; i++)
        puts_(&t, "- Tăng cường 100% công tác;\n");
    check("200 000 items", &t, true);

    /* combining marks piled on one letter (the worst case for NFC) */
    puts_(&t, "a");
    for (int i = 0; i < 100000; i++)
        puts_(&t, "\xCC\x81");
    puts_(&t, "\n");
    check("100 000 combining marks on one letter", &t, true);

    /* a line of a million digits, and numbers everywhere */
    for (int i = 0; i < 1000000; i++)
        puts_(&t, "9");
    puts_(&t, "\n");
    for (int i = 0; i < 50000; i++)
        puts_(&t, "đạt 1.000.000,5% ít nhất 03 người/năm khoảng 2,5 tỷ đồng; ");
    check("a million digits and 50 000 figures", &t, true);

    /* every marker the same number */
    puts_(&t, "I. MỤC ĐÍCH\n");
    for (int i = 0; i < 100000; i++)
        puts_(&t, "1. Một\n");
    check("100 000 times \"1.\"", &t, true);

    /* the header's fields repeated without end */
    for (int i = 0; i < 50000; i++)
        puts_(&t, "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/KH-UBND\tHà Nội, ngày 1 tháng 1 năm 2025\n");
    check("50 000 header lines", &t, true);

    /* a closing that never ends */
    puts_(&t, "I. MỤC ĐÍCH\nNơi nhận:\n");
    for (int i = 0; i < 100000; i++)
        puts_(&t, "- Như trên;\tKT. CHỦ TỊCH\n");
    check("100 000 closing lines", &t, true);

    /* binary noise is refused quickly */
    for (int i = 0; i < 1000000; i++) {
        char c = (char)((unsigned)i * 7919u % 256u);
        put(&t, &c, 1);
    }
    check("a megabyte of noise", &t, false);

    large_against_large();
    return done();
}
