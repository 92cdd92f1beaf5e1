/* plan_source.h — which file a gold test reads for a plan: its plain text,
 * or the same document in another format.
 *
 * tests/fixtures/formats/<doc>.<ext> holds every corpus plan and fixture
 * document made into .docx, .odt, .pdf, .html and .md by real tools
 * (tests/fixtures/README.md says how).  The gold tests — test_golden
 * (tree and metadata), test_targets_gold and test_fixture_targets (targets),
 * test_diff_gold (diff findings) — check the plain text; run with
 * VNPLAN_TEST_FORMAT=<ext> they check, against the very same gold files,
 * tests/fixtures/formats/<doc>.<ext> instead: a document read from any
 * format must give what its text gives.  tests/run.sh runs them so for every
 * format named in its FORMATS_READY list.  VNPLAN_TEST_FORMATS_DIR points the
 * tests at another folder (the harness itself is checked that way, with
 * plain-text copies).
 *
 * An <ext> holding a dot (pandoc.docx, soffice-txt.docx ...) names a way of
 * making the file that only some documents were given: a document without
 * that file is skipped.  For a plain format every document must have its
 * file (a missing one is a failure, reported by the caller's "parses"
 * check), unless it waits in tests/fixtures/formats-pending/.  Encoding variants (<doc>-utf16le ...) are the same document as
 * <doc>: no format file is made of them, and they are skipped.  Header-only,
 * like tap.h. */
#ifndef VN_TEST_PLAN_SOURCE_H
#define VN_TEST_PLAN_SOURCE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FORMATS_DIR "tests/fixtures/formats/"
#define PENDING_DIR "tests/fixtures/formats-pending/"

/* Suffixes of a variant: the same document in another encoding, with
 * other line ends, or saved as text by a converter ("-soffice-txt":
 * `soffice --convert-to txt` of the document x, which is itself a .docx).
 * "x-utf16le" shares the golden tree and gold files of "x". */
static const char *const variant_suffixes[] = {
    "-utf16le", "-utf16be", "-utf8bom", "-windows1258", "-tcvn3", "-vni", "-viscii", "-crlf", "-nfd", "-soffice-txt",
};
#define N_VARIANT_SUFFIXES (sizeof variant_suffixes / sizeof variant_suffixes[0])

/* The length of doc without the variant suffix it ends in, or 0 when it
 * ends in none. */
static inline size_t variant_base_len(const char *doc)
{
    size_t n = strlen(doc);
    for (size_t k = 0; k < N_VARIANT_SUFFIXES; k++) {
        size_t sl = strlen(variant_suffixes[k]);
        if (n > sl && strcmp(doc + n - sl, variant_suffixes[k]) == 0)
            return n - sl;
    }
    return 0;
}

static inline int is_variant_name(const char *doc) { return variant_base_len(doc) > 0; }

/* The gold file of document `base`, prefix NAME suffix, taking variant
 * suffixes off NAME until `exists` finds one: 1, the file in path and the
 * document it belongs to in owner; 0 and the file base's own would be. */
static inline int variant_gold(const char *base, const char *prefix, const char *suffix,
                               int (*exists)(const char *), char *path, size_t len, char *owner, size_t olen)
{
    char name[256];
    snprintf(name, sizeof name, "%s", base);
    for (;;) {
        snprintf(path, len, "%s%s%s", prefix, name, suffix);
        if (exists(path)) {
            snprintf(owner, olen, "%s", name);
            return 1;
        }
        size_t n = variant_base_len(name);
        if (!n) {
            snprintf(path, len, "%s%s%s", prefix, base, suffix);
            return 0;
        }
        name[n] = '\0';
    }
}

/* The format under test, or NULL for the plain text. */
static inline const char *test_format(void)
{
    const char *f = getenv("VNPLAN_TEST_FORMAT");
    return f && *f ? f : NULL;
}

/* The path to read for the plan whose text is `txt_rel` (relative to the
 * repository root, ending in ".txt"), with `root` prefixed as the caller's
 * other paths are.  Returns 0 when the plan is not checked in the format
 * under test (a variant, or an optional way the document was not made). */
static inline int plan_source(const char *root, const char *txt_rel, char *path, size_t len)
{
    const char *fmt = test_format();
    if (!fmt) {
        snprintf(path, len, "%s%s", root, txt_rel);
        return 1;
    }
    const char *base = strrchr(txt_rel, '/');
    base = base ? base + 1 : txt_rel;
    char doc[256];
    size_t n = strlen(base);
    if (n >= sizeof doc)
        return 0;
    memcpy(doc, base, n + 1);
    /* the formats are made from the plain-text documents; a fixture that is
     * itself in another format (a .md) is checked as it is */
    if (n <= 4 || strcmp(doc + n - 4, ".txt") != 0)
        return 0;
    doc[n - 4] = '\0';
    if (is_variant_name(doc))
        return 0;
    const char *dir = getenv("VNPLAN_TEST_FORMATS_DIR");
    if (dir && *dir) {
        size_t dl = strlen(dir);
        snprintf(path, len, "%s%s%s%s.%s", dir[0] == '/' ? "" : root, dir, dir[dl - 1] == '/' ? "" : "/",
                 doc, fmt);
    } else {
        snprintf(path, len, "%s" FORMATS_DIR "%s.%s", root, doc, fmt);
    }
    struct stat st;
    if (strchr(fmt, '.') && stat(path, &st) != 0)
        return 0;
    if (stat(path, &st) != 0) {
        /* a file the reader does not read right yet, or one that does not
         * hold what the gold checks (LibreOffice's HTML without the words of
         * Word's numbering), waits with what fails in it in
         * tests/fixtures/formats-pending/ (its README): skipped, not
         * missing; any other missing file stays a failure */
        char pending[1024];
        snprintf(pending, sizeof pending, "%s" PENDING_DIR "%s.%s", root, doc, fmt);
        if (stat(pending, &st) == 0)
            return 0;
    }
    return 1;
}

#endif
