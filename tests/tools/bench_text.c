/* bench_text — throughput of the first two stages alone (read + normalize).
 *
 *   bench_text [--mb N] [--runs R] [--kind utf8|crlf|nfd|utf16le|cp1258] [FILE...]
 *
 * Builds an input of at least N MB (default 100) by repeating the files
 * (default: the corpus plans), in the chosen form, then times vn_read_decode
 * and vn_text_init on it R times (default 5) and prints the median and the
 * best in MB/s of input, in CPU time.  The copy vn_text_init takes ownership of is made outside the
 * timing. */
#include "text.h"
#include "utf8.h"
#include "testutil.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <utf8proc.h>

/* CPU time of the process (user + system, page faults included): on a
 * shared machine wall time mostly measures the neighbours. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static bool convert(const vn_buf *in, vn_buf *out, const char *charset)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1)
        return false;
    vn_buf_reserve(out, in->len * 2 + 16);
    char *ip = in->data, *op = out->data;
    size_t il = in->len, ol = out->cap - 1;
    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) { /* a character it lacks: skip it */
            size_t k = 0;
            vn_utf8_next(ip, il, &k);
            ip += k;
            il -= k;
        }
    }
    out->len = (size_t)(op - out->data);
    iconv_close(cd);
    return true;
}

static bool make_kind(const char *kind, const vn_buf *plain, vn_buf *out)
{
    if (strcmp(kind, "utf8") == 0) {
        vn_buf_put(out, plain->data, plain->len);
    } else if (strcmp(kind, "crlf") == 0) {
        for (size_t i = 0; i < plain->len; i++) {
            if (plain->data[i] == '\n')
                vn_buf_putc(out, '\r');
            vn_buf_putc(out, plain->data[i]);
        }
    } else if (strcmp(kind, "nfd") == 0) {
        utf8proc_uint8_t *d = NULL;
        utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)plain->data, (utf8proc_ssize_t)plain->len, &d,
                                          UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
        if (n < 0)
            return false;
        vn_buf_put(out, d, (size_t)n);
        free(d);
    } else if (strcmp(kind, "utf16le") == 0) {
        vn_buf body = {0};
        if (!convert(plain, &body, "UTF-16LE"))
            return false;
        vn_buf_put(out, "\xFF\xFE", 2);
        vn_buf_put(out, body.data, body.len);
        vn_buf_free(&body);
    } else if (strcmp(kind, "cp1258") == 0) {
        return convert(plain, out, "CP1258");
    } else {
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    double mb = 100;
    int runs = 5;
    const char *kind = "utf8";
    vn_buf one = {0};
    int files = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
            mb = atof(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
            kind = argv[++i];
        else if (tu_append_file(&one, argv[i]))
            files++;
        else {
            fprintf(stderr, "bench_text: cannot read %s\n", argv[i]);
            return 2;
        }
    }
    if (files == 0) {
        const char *corpus[] = {"corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
                                "corpus/plans/lang-son-1002-pdf-double-spaced.txt",
                                "corpus/plans/lang-son-2711-word-paragraphs.txt"};
        for (int i = 0; i < 3; i++)
            files += tu_append_file(&one, corpus[i]);
    }
    if (files == 0 || one.len == 0 || runs < 1) {
        fputs("usage: bench_text [--mb N] [--runs R] [--kind utf8|crlf|nfd|utf16le|cp1258] [FILE...]\n", stderr);
        return 2;
    }
    vn_buf plain = {0}, input = {0};
    while ((double)plain.len < mb * 1e6)
        vn_buf_put(&plain, one.data, one.len);
    if (!make_kind(kind, &plain, &input)) {
        fprintf(stderr, "bench_text: cannot make kind %s\n", kind);
        return 2;
    }
    vn_buf_free(&plain);
    double *t_read = calloc((size_t)runs, sizeof *t_read), *t_all = calloc((size_t)runs, sizeof *t_all);
    size_t out_len = 0, nruns = 0;
    for (int r = 0; r < runs; r++) {
        vn_decoded d;
        vn_error err;
        double t0 = now();
        if (vn_read_decode((const unsigned char *)input.data, input.len, &d, &err) != VNPLAN_OK) {
            fprintf(stderr, "bench_text: %s\n", err.msg);
            return 1;
        }
        t_read[r] = now() - t0;
        vn_decoded_free(&d);
        unsigned char *copy = malloc(input.len);
        memcpy(copy, input.data, input.len);
        vn_text t;
        t0 = now();
        if (vn_text_init(&t, copy, input.len, &err) != VNPLAN_OK) {
            fprintf(stderr, "bench_text: %s\n", err.msg);
            return 1;
        }
        t_all[r] = now() - t0;
        out_len = t.len;
        nruns = t.nruns;
        vn_text_free(&t);
    }
    qsort(t_read, (size_t)runs, sizeof *t_read, cmp_double);
    qsort(t_all, (size_t)runs, sizeof *t_all, cmp_double);
    double size = (double)input.len / 1e6;
    printf("input %.1f MB (%s), normalized %.1f MB, %zu map runs (%.1f KB)\n", size, kind, (double)out_len / 1e6,
           nruns, (double)(nruns * sizeof(vn_offrun)) / 1e3);
    printf("read:             %7.0f MB/s median, %7.0f best of %d\n", size / t_read[runs / 2], size / t_read[0], runs);
    printf("read + normalize: %7.0f MB/s median, %7.0f best of %d\n", size / t_all[runs / 2], size / t_all[0], runs);
    free(t_read);
    free(t_all);
    vn_buf_free(&input);
    vn_buf_free(&one);
    return 0;
}
