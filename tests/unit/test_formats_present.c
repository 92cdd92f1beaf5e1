/* test_formats_present.c — tests/fixtures/formats/ holds every document in
 * every format, and nothing else.
 *
 * The gold tests check a format only once its reader is ready
 * (tests/run.sh FORMATS_READY, tests/unit/plan_source.h); this test runs
 * always, so that a plan or fixture added without running
 * tests/fixtures/tools/mkformats.sh, a file lost, or a file that is not what
 * its name says shows now and not when a reader lands.  For every corpus
 * plan and every fixture document (not the encoding variants): each format
 * file exists and starts as its format does (a zip holding the right first
 * entry, "%PDF-", an HTML document, Markdown text); every file of the folder
 * belongs to a document. */
#include "plan_source.h"
#include "tap.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define HEAD_BYTES 4096

/* The formats made for every document (tests/fixtures/tools/mkformats.sh; chromium.pdf:
 * mkchromium.sh, Chromium's print of the pandoc.html; centred.pdf, typed.pdf and
 * spaced.pdf: mksoffice-pdf.sh, LibreOffice's PDFs of the .docx with its table cells
 * centred in their height, of the .typed.docx, and of it spaced as Nghị định 30/2020
 * asks, and of the .docx with a digital signature's stamps (stamped.pdf);
 * abiword.pdf and abiword.docx: mkabiword.sh, AbiWord's print and export of
 * the typed.docx; weasyprint.pdf: mkweasyprint.sh, WeasyPrint's rendering of the
 * pandoc.html; latex.pdf: mklatex.sh, pandoc's PDF of the typed.docx through
 * LaTeX). */
static const char *const every_doc[] = {"docx",         "typed.docx",    "odt",        "pdf",
                                        "html",         "pandoc.html",   "md",         "chromium.pdf",
                                        "centred.pdf",  "typed.pdf",     "spaced.pdf", "stamped.pdf",
                                        "abiword.pdf",  "abiword.docx",  "weasyprint.pdf", "latex.pdf"};
/* Ways of making a format that only some documents were given. */
static const char *const some_docs[] = {"pandoc.docx", "soffice-txt.docx"};

static const char *const plan_dirs[] = {"corpus/plans/", "tests/fixtures/plans/"};

typedef struct {
    char **v;
    size_t n, cap;
} names;

static void push(names *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            exit(2);
    }
    l->v[l->n] = malloc(n + 1);
    if (!l->v[l->n])
        exit(2);
    memcpy(l->v[l->n], s, n);
    l->v[l->n][n] = '\0';
    l->n++;
}

static int has(const names *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

static void free_names(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static size_t head_of(const char *path, unsigned char *buf, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, len, f);
    fclose(f);
    return n;
}

static int contains_ci(const unsigned char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower(buf[i + j]) == needle[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* What a file of `fmt` starts with; a short reason when it does not. */
static const char *looks_wrong(const char *fmt, const unsigned char *b, size_t n)
{
    const char *ext = strrchr(fmt, '.');
    ext = ext ? ext + 1 : fmt;
    if (!strcmp(ext, "docx") || !strcmp(ext, "odt")) {
        if (n < 30 || memcmp(b, "PK\3\4", 4) != 0)
            return "not a zip archive";
        /* an .odt starts with its stored "mimetype" entry; a .docx holds a
         * [Content_Types].xml (pandoc and LibreOffice do not put it first) */
        if (!strcmp(ext, "odt") && (n < 38 || memcmp(b + 30, "mimetype", 8) != 0))
            return "an .odt whose first entry is not mimetype";
        return NULL;
    }
    if (!strcmp(ext, "pdf"))
        return n >= 5 && memcmp(b, "%PDF-", 5) == 0 ? NULL : "no %PDF- header";
    if (!strcmp(ext, "html"))
        return contains_ci(b, n, "<html") ? NULL : "no <html> in its first 4 kB";
    if (!strcmp(ext, "md")) {
        if (n == 0)
            return "empty";
        for (size_t i = 0; i < n; i++)
            if (b[i] == 0)
                return "holds a NUL byte";
        return NULL;
    }
    return "an unknown format";
}

/* The script of tests/fixtures/tools/ that makes a format. */
static const char *maker_of(const char *fmt)
{
    static const char *const makers[][2] = {
        {"chromium.pdf", "mkchromium.sh"},    {"centred.pdf", "mksoffice-pdf.sh"},
        {"typed.pdf", "mksoffice-pdf.sh"},    {"spaced.pdf", "mksoffice-pdf.sh"},
        {"stamped.pdf", "mksoffice-pdf.sh"},
        {"abiword.pdf", "mkabiword.sh"},      {"abiword.docx", "mkabiword.sh"},
        {"weasyprint.pdf", "mkweasyprint.sh"}, {"latex.pdf", "mklatex.sh"}};
    for (size_t i = 0; i < sizeof makers / sizeof makers[0]; i++)
        if (strcmp(fmt, makers[i][0]) == 0)
            return makers[i][1];
    return "mkformats.sh";
}

static void check_file(const char *doc, const char *fmt, int required)
{
    char path[1024];
    snprintf(path, sizeof path, FORMATS_DIR "%s.%s", doc, fmt);
    unsigned char head[HEAD_BYTES];
    FILE *f = fopen(path, "rb");
    if (!f) {
        /* one the reader does not read right yet waits in formats-pending/ (its README) */
        char pending[1024];
        snprintf(pending, sizeof pending, "tests/fixtures/formats-pending/%s.%s", doc, fmt);
        FILE *p = fopen(pending, "rb");
        if (p) {
            fclose(p);
            snprintf(path, sizeof path, "%s", pending);
            f = fopen(path, "rb");
        }
    }
    if (!f) {
        if (required) {
            ok(0, "%s exists", path);
            diag("  remake it: tests/fixtures/tools/%s %s", maker_of(fmt), doc);
        }
        return;
    }
    fclose(f);
    size_t n = head_of(path, head, sizeof head);
    const char *why = looks_wrong(fmt, head, n);
    if (!ok(why == NULL, "%s is a %s file", path, fmt))
        diag("  %s", why);
}

int main(void)
{
    names docs = {0}, files = {0};
    for (size_t d = 0; d < sizeof plan_dirs / sizeof plan_dirs[0]; d++) {
        DIR *dp = opendir(plan_dirs[d]);
        if (!dp)
            continue;
        struct dirent *e;
        while ((e = readdir(dp))) {
            size_t l = strlen(e->d_name);
            if (l <= 4 || strcmp(e->d_name + l - 4, ".txt") != 0 || e->d_name[0] == '.')
                continue;
            char doc[256];
            if (l - 4 >= sizeof doc)
                continue;
            memcpy(doc, e->d_name, l - 4);
            doc[l - 4] = '\0';
            if (!is_variant_name(doc))
                push(&docs, doc, l - 4);
        }
        closedir(dp);
    }
    ok(docs.n > 0, "there are plans to have formats of");
    for (size_t i = 0; i < docs.n; i++) {
        for (size_t k = 0; k < sizeof every_doc / sizeof every_doc[0]; k++)
            check_file(docs.v[i], every_doc[k], 1);
        for (size_t k = 0; k < sizeof some_docs / sizeof some_docs[0]; k++)
            check_file(docs.v[i], some_docs[k], 0);
    }

    /* every file of the folder is <doc>.<format> of a document */
    DIR *dp = opendir(FORMATS_DIR);
    size_t orphans = 0;
    if (dp) {
        struct dirent *e;
        while ((e = readdir(dp))) {
            if (e->d_name[0] == '.')
                continue;
            push(&files, e->d_name, strlen(e->d_name));
            const char *dot = strchr(e->d_name, '.');
            char doc[256];
            size_t dl = dot ? (size_t)(dot - e->d_name) : strlen(e->d_name);
            if (dl >= sizeof doc)
                dl = sizeof doc - 1;
            memcpy(doc, e->d_name, dl);
            doc[dl] = '\0';
            int known_fmt = 0;
            if (dot) {
                for (size_t k = 0; k < sizeof every_doc / sizeof every_doc[0]; k++)
                    known_fmt |= strcmp(dot + 1, every_doc[k]) == 0;
                for (size_t k = 0; k < sizeof some_docs / sizeof some_docs[0]; k++)
                    known_fmt |= strcmp(dot + 1, some_docs[k]) == 0;
            }
            if (!has(&docs, doc) || !known_fmt) {
                orphans++;
                diag("  %s%s: %s", FORMATS_DIR, e->d_name,
                     !has(&docs, doc) ? "no plan of that name" : "not a format the tests know");
            }
        }
        closedir(dp);
    }
    ok(files.n > 0, "%s exists and holds files", FORMATS_DIR);
    ok(orphans == 0, "every file of %s is a format of a plan (%zu are not)", FORMATS_DIR, orphans);
    free_names(&docs);
    free_names(&files);
    return done();
}
