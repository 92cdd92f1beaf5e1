/* test_fixtures.c — nothing the user sent is silently dropped, on the
 * fixture documents.
 *
 * tests/fixtures/plans/ holds plans and decisions laid out as real inputs
 * arrive (pdftotext with and without -layout, Word exports, web copies,
 * UTF-16, Windows-1258, TCVN3).  Their trees are checked against golden
 * files by test_golden and their targets by test_fixture_targets; this test
 * checks the promise of the design that every non-blank character of the
 * input lies in the own span of some node (headers in columns, page
 * numbers, footnote rules, table rows, trailing TABs included), and that
 * every node's span lies inside the file.  Failures name the file, the
 * byte, the line and the characters around the first one missed. */
#include "doc.h"
#include "text.h"
#include "utf8.h"
#include "tap.h"
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>
#include <utf8proc.h>

#define PLAN_DIR "tests/fixtures/plans/"

/* 1-based line of byte `at`: line ends before it (LF, CR LF or a lone CR),
 * reading characters `width` bytes wide (2 for UTF-16LE). */
static size_t line_of(const unsigned char *b, size_t at, int width)
{
    size_t line = 1, w = (size_t)width;
    for (size_t i = 0; i + w <= at; i += w) {
        unsigned c = w == 2 ? (unsigned)(b[i] | b[i + 1] << 8) : b[i];
        unsigned next = 0;
        if (i + 2 * w <= at + w)
            next = w == 2 ? (unsigned)(b[i + 2] | b[i + 3] << 8) : b[i + 1];
        if (c == '\n' || (c == '\r' && next != '\n'))
            line++;
    }
    return line;
}

static void check_doc(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, PLAN_DIR "%s", name);
    vn_buf bytes = {0};
    if (!ok(tu_append_file(&bytes, path), "%s: readable", path))
        return;
    vnplan_doc *doc = NULL;
    char err[256] = "";
    if (!ok(vnplan_parse_file(path, NULL, &doc, err, sizeof err) == VNPLAN_OK && doc, "%s: parses", path)) {
        diag("  %s", err);
        vn_buf_free(&bytes);
        return;
    }
    const unsigned char *b = (const unsigned char *)bytes.data;
    size_t n = bytes.len;
    /* a structured format's spans are offsets into the text read from it */
    if (vnplan_doc_input(doc) != VNPLAN_INPUT_TEXT) {
        b = doc->text.orig;
        n = doc->text.orig_len;
    }
    const char *enc = vnplan_doc_encoding(doc);
    int utf16 = enc && strcmp(enc, "utf-16le") == 0 ? 1 : enc && strcmp(enc, "utf-16be") == 0 ? 2 : 0;
    bool utf8 = !utf16 && enc && strncmp(enc, "utf-8", 5) == 0;
    if (vnplan_doc_input(doc) != VNPLAN_INPUT_TEXT) {
        utf16 = 0;
        utf8 = true;
    }

    unsigned char *covered = calloc(n + 1, 1);
    if (!covered)
        exit(2);
    size_t outside = 0;
    for (size_t i = 0; i < doc->nnodes; i++) {
        vnplan_span sp = vn_span_to_orig(doc, vn_node_own_span(doc, i));
        if (sp.end > n || sp.start > sp.end) {
            if (!outside++)
                diag("  node %zu: own span %zu-%zu outside the file (%zu bytes)", i, sp.start, sp.end, n);
            continue;
        }
        for (size_t k = sp.start; k < sp.end; k++)
            covered[k] = 1;
    }
    ok(outside == 0, "%s: every node's span lies inside the file", name);

    size_t missed = 0, first = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        int32_t cp;
        if (utf16) {
            if (i + 1 >= n)
                break;
            cp = utf16 == 1 ? (b[i] | b[i + 1] << 8) : (b[i] << 8 | b[i + 1]);
            i += 2;
        } else if (!utf8) {
            cp = b[i] < 0x80 ? b[i] : 0x100; /* a letter of the legacy code page */
            i++;
        } else {
            cp = vn_utf8_next((const char *)b, n, &i);
        }
        if (tu_blank_cp(cp))
            continue;
        if (!covered[start] && !missed++)
            first = start;
    }
    if (!ok(missed == 0, "%s (%s): every non-blank character lies in some node's own span", name,
            enc ? enc : "?")) {
        size_t from = first > 24 ? first - 24 : 0, to = first + 40 < n ? first + 40 : n;
        char shown[200];
        size_t k = 0;
        for (size_t j = from; j < to && k + 1 < sizeof shown; j++)
            shown[k++] = b[j] == '\n' || b[j] == '\r' || b[j] == '\t' || b[j] == '\f' ? ' ' : (char)b[j];
        shown[k] = '\0';
        diag("  %zu characters outside every node; the first at byte %zu, line %zu: ...%s...", missed, first,
             line_of(b, first, utf16 ? 2 : 1), utf16 ? "(UTF-16 bytes)" : shown);
    }
    free(covered);
    vnplan_doc_free(doc);
    vn_buf_free(&bytes);
}

int main(void)
{
    DIR *d = opendir(PLAN_DIR);
    char **names = NULL;
    size_t count = 0, cap = 0;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            const char *dot = strrchr(e->d_name, '.');
            if (e->d_name[0] == '.' || l < 5 || !dot ||
                (strcmp(dot, ".txt") && strcmp(dot, ".md") && strcmp(dot, ".html") && strcmp(dot, ".htm") &&
                 strcmp(dot, ".docx") && strcmp(dot, ".odt") && strcmp(dot, ".pdf")))
                continue;
            if (count == cap) {
                cap = cap ? 2 * cap : 16;
                names = realloc(names, cap * sizeof *names);
                if (!names)
                    exit(2);
            }
            names[count] = strdup(e->d_name);
            if (!names[count])
                exit(2);
            count++;
        }
        closedir(d);
    }
    ok(count > 0, "%s holds fixture documents", PLAN_DIR);
    for (size_t k = 0; k < count; k++) {
        check_doc(names[k]);
        free(names[k]);
    }
    free(names);
    return done();
}
