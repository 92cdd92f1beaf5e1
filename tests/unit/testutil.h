/* testutil.h — what the test programs share besides tap.h: finding the
 * repository root, reading a file whole, and listing the files of a fixture
 * directory.  Header-only, like tap.h; every function is static inline, so a
 * program that uses only some of them compiles without warnings. */
#ifndef VN_TESTUTIL_H
#define VN_TESTUTIL_H

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Tests run from the repository root; a run from a build directory below it
 * finds the root by looking upwards for `probe` (a file or directory every
 * checkout has, such as "tests/gold").  Writes the prefix that leads to the
 * root ("", "../", ...) to root[0..size); "" when none is found. */
static inline void tu_find_root(const char *probe, char *root, size_t size)
{
    static const char *const up[] = {"", "../", "../../", "../../../"};
    snprintf(root, size, "%s", "");
    for (size_t k = 0; k < sizeof up / sizeof up[0]; k++) {
        char path[512];
        struct stat st;
        snprintf(path, sizeof path, "%s%s", up[k], probe);
        if (stat(path, &st) == 0) {
            snprintf(root, size, "%s", up[k]);
            return;
        }
    }
}

/* The whole file, NUL-terminated (malloc'd), its length in *len when len is
 * given; NULL when it cannot be read. */
static inline char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *b = malloc(cap);
    while (b && (got = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) {
            char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (!b || failed) {
        free(b);
        return NULL;
    }
    b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

/* tu_read_file of dir/name (dir ends with '/'). */
static inline char *tu_read_in(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s", dir, name);
    return tu_read_file(path, len);
}

/* tu_read_file, but "" (malloc'd) for a file that cannot be read: for
 * outputs a test compares whether or not the program wrote them. */
static inline char *tu_read_text(const char *path, size_t *len)
{
    char *s = tu_read_file(path, len);
    if (s)
        return s;
    if (len)
        *len = 0;
    return calloc(1, 1);
}

#ifdef VNPLAN_H
/* The document as XML (malloc'd), whatever vnplan_render says; NULL only
 * when no memory stream opens.  For comparing two documents' trees. */
static inline char *tu_render_xml(const vnplan_doc *doc)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    vnplan_render(doc, VNPLAN_FORMAT_XML, 0, f, err, sizeof err);
    fclose(f);
    return buf;
}
#endif

#ifdef VN_COMMON_H
#include <utf8proc.h>

/* Appends the whole file to out (a program that includes the library's
 * internal headers); false when it cannot be read. */
static inline bool tu_append_file(vn_buf *out, const char *path)
{
    size_t n;
    char *d = tu_read_file(path, &n);
    if (d)
        vn_buf_put(out, d, n);
    free(d);
    return d != NULL;
}

/* A character the coverage checks pass over (test_fixtures, test_variants):
 * white space, a byte order mark, a control or format character. */
static inline bool tu_blank_cp(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xFEFF)
        return true;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF;
}
#endif

/* Pseudo-random numbers for the tests that make broken inputs: xorshift
 * (Marsaglia), from a state each program seeds, so that a run repeats the
 * one before it. */
static inline uint32_t tu_xorshift32(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}
static inline uint32_t tu_xorshift64(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 11);
}

/* s with its white space runs made one space and its ends trimmed (malloc'd;
 * exits with 2 when memory runs out). */
static inline char *tu_collapse(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    if (!out)
        exit(2);
    size_t n = 0;
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = *p;
    }
    out[n] = '\0';
    return out;
}

static inline int tu_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files in dir that start with prefix and end with suffix
 * ("" for any; names starting with '.' are left out), without prefix and
 * suffix when strip, sorted, in *names (malloc'd, as each name is; free with
 * tu_free_names).  Returns how many; 0 when dir cannot be opened. */
static inline size_t tu_list_dir(const char *dir, const char *prefix, const char *suffix, bool strip,
                                 char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0, cap = 0, pl = strlen(prefix), sl = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= pl + sl || strncmp(e->d_name, prefix, pl) != 0 ||
            strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        if (n == cap) {
            char **nv = realloc(*names, (cap = cap ? 2 * cap : 64) * sizeof *nv);
            if (!nv)
                break;
            *names = nv;
        }
        size_t from = strip ? pl : 0, keep = strip ? len - pl - sl : len;
        (*names)[n] = malloc(keep + 1);
        if (!(*names)[n])
            break;
        memcpy((*names)[n], e->d_name + from, keep);
        (*names)[n++][keep] = '\0';
    }
    closedir(d);
    if (n)
        qsort(*names, n, sizeof **names, tu_cmp_names);
    return n;
}

static inline void tu_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

#endif
