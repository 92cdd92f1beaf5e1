/* test_robust.c — the library facing hostile or broken input (issue "Never
 * lose a file, never hang, never read out of bounds"): each case a defect
 * that was found, checked so that it cannot come back.  Memory errors are
 * caught by the sanitizer build of `make check`; here each case must also
 * end with the right status and message. */
#include "vnplan.h"

#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vnplan version=\"1\">\n<document source=\"b.txt\">\n"
#define TAIL "</document>\n</vnplan>\n"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A target whose value-text does not occur in its sentence: the loader
 * looked for it with strstr in a buffer without a terminating NUL. */
static void value_text_not_in_sentence(void)
{
    static const char xml[] = HEAD "<target id=\"a\" value=\"5\" value-text=\"zzzzzzzz\">"
                                   "<sentence>abc</sentence></target>\n" TAIL;
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_load_xml(xml, strlen(xml), "t.xml", NULL, &doc, err, sizeof err);
    ok(st == VNPLAN_OK, "a target whose value-text is not in its sentence loads (%s)", err);
    if (doc)
        ok(vnplan_target_count(doc) == 1, "... with its one target");
    vnplan_doc_free(doc);
}

/* A value-text that occurs only after the end of the sentence's line must
 * not be found there. */
static void value_text_in_a_later_line(void)
{
    static const char xml[] = HEAD "<target id=\"a\" value=\"5\" value-text=\"42\"><sentence>abc</sentence></target>\n"
                                   "<target id=\"b\" value=\"42\" value-text=\"42\"><sentence>x 42</sentence></target>\n" TAIL;
    vnplan_doc *doc = NULL;
    char err[256] = "";
    ok(vnplan_load_xml(xml, strlen(xml), "t.xml", NULL, &doc, err, sizeof err) == VNPLAN_OK,
       "two targets, the value-text of the first only in the second's sentence (%s)", err);
    vnplan_doc_free(doc);
}

/* A device that never ends is refused at once, not read until the size
 * limit (it was read to 4 GiB before). */
static void endless_device(void)
{
    vnplan_doc *doc = NULL;
    char err[256] = "";
    double t0 = now();
    vnplan_status st = vnplan_parse_file("/dev/zero", NULL, &doc, err, sizeof err);
    double took = now() - t0;
    ok(st != VNPLAN_OK && doc == NULL, "/dev/zero is refused (%s)", err);
    ok(took < 5.0, "... without reading it to the size limit (%.2f s)", took);
    ok(strstr(err, "not a regular file") != NULL, "... saying it is not a regular file");
}

/* Grammar files present but empty replace the built-in ones wholesale: a
 * grammar without entries is an error, never silently no targets. */
static void empty_grammar_set(void)
{
    char dir[] = "/tmp/vnplan-grammars-XXXXXX";
    if (!ok(mkdtemp(dir) != NULL, "a temporary grammar folder"))
        return;
    static const char *const files[] = {"targets.txt", "units.txt", "comparators.txt"};
    char path[256];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "w");
        if (f)
            fclose(f);
    }
    vnplan_grammar *g = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_grammar_load(dir, &g, err, sizeof err);
    ok(st == VNPLAN_ERR_GRAMMAR && g == NULL, "a folder of empty grammar files is refused (%s)", err);
    ok(strstr(err, "no entries") != NULL, "... the message says the file has no entries");
    vnplan_grammar_free(g);
    /* comments only count as empty too */
    snprintf(path, sizeof path, "%s/%s", dir, files[0]);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("# nothing here\n\n", f);
        fclose(f);
    }
    for (size_t i = 1; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    g = NULL;
    st = vnplan_grammar_load(dir, &g, err, sizeof err);
    ok(st == VNPLAN_ERR_GRAMMAR && g == NULL, "a grammar file of comments only is refused (%s)", err);
    vnplan_grammar_free(g);
    snprintf(path, sizeof path, "%s/%s", dir, files[0]);
    unlink(path);
    rmdir(dir);
}

/* The three bytes the fuzzer found: a number, then a byte that is not
 * UTF-8 (clang's UBSan: "applying zero offset to null pointer"). */
static void number_then_bad_byte(void)
{
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_parse_bytes(" 2\xff", 3, "three.txt", NULL, &doc, err, sizeof err);
    ok(st == VNPLAN_OK || err[0], "\" 2\\xff\" ends with a result or a message (%s)", err);
    vnplan_doc_free(doc);
}

/* libxml2's advice to its own callers ("use XML_PARSE_HUGE option") is not
 * something a user of vnplan can act on: it stays out of the message. */
static void no_libxml_advice(void)
{
    size_t depth = 400;
    char *xml = malloc(depth * 16 + 200);
    size_t n = (size_t)sprintf(xml, "<vnplan version=\"1\"><document>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(xml + n, "<node>");
    vnplan_doc *doc = NULL;
    char err[256] = "";
    vnplan_status st = vnplan_load_xml(xml, n, "deep.xml", NULL, &doc, err, sizeof err);
    ok(st == VNPLAN_ERR_XML, "a tree nested %zu deep is refused (%s)", depth, err);
    ok(strstr(err, "XML_PARSE_HUGE") == NULL, "... without libxml2's advice to its callers");
    ok(strncmp(err, "deep.xml:", 9) == 0, "... naming the file once, first");
    vnplan_doc_free(doc);
    free(xml);
}

/* A document of one line of several megabytes is scanned for targets a
 * run of sentences at a time (its memory was 16 times its size): every
 * target is still found, none twice, none cut at a chunk's edge. */
static void one_huge_line(void)
{
    static const char sentence[] = "Đến năm 2030 có 50% số trường học đạt chuẩn và 100% cán bộ được bồi dưỡng; ";
    size_t reps = 40000, len = strlen(sentence), n = reps * len;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * len, sentence, len);
    text[n] = '\n';
    vnplan_doc *doc = NULL;
    char err[256] = "";
    if (!ok(vnplan_parse_bytes(text, n + 1, "line.txt", NULL, &doc, err, sizeof err) == VNPLAN_OK,
            "a plan of one line of %zu MB parses (%s)", n >> 20, err)) {
        free(text);
        return;
    }
    size_t count = vnplan_target_count(doc), wrong = 0;
    for (size_t t = 0; t < count; t++) {
        double want = t % 2 ? 100 : 50;
        vnplan_span sp = vnplan_target_span(doc, t);
        if (vnplan_target_value(doc, t) != want || sp.end <= sp.start || sp.end > n)
            wrong++;
    }
    is_long((long)count, (long)(2 * reps), "... every one of its targets found once");
    is_long((long)wrong, 0, "... each with its value, alternately 50 and 100, and a span inside the text");
    vnplan_doc_free(doc);
    free(text);
}

/* The words of markers are the grammar's (grammars/markers.txt): a folder
 * whose markers.txt calls an article "Article" makes "Article 1." one, and
 * "Điều 2." no longer; a row of the wrong shape is refused with its line. */
static void marker_words_from_grammar(void)
{
    char dir[] = "/tmp/vnplan-markers-XXXXXX", path[256], err[256] = "";
    if (!ok(mkdtemp(dir) != NULL, "a temporary grammar folder"))
        return;
    snprintf(path, sizeof path, "%s/markers.txt", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("[letters]\na\nb\n[keyword]\ndieu\tarticle\n[enact]\nquyết định\n", f);
        fclose(f);
    }
    vnplan_grammar *g = NULL;
    vnplan_status st = vnplan_grammar_load(dir, &g, err, sizeof err);
    if (ok(st == VNPLAN_OK, "a markers.txt of one keyword loads (%s)", err)) {
        static const char text[] = "QUYẾT ĐỊNH:\n\nArticle 1. Phạm vi\n\nNội dung một.\n\nĐiều 2. Đối tượng\n\nNội dung hai.\n";
        vnplan_doc *doc = NULL;
        char *xml = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&xml, &len);
        st = vnplan_parse_bytes(text, sizeof text - 1, "a.txt", g, &doc, err, sizeof err);
        if (st == VNPLAN_OK && out)
            vnplan_render(doc, VNPLAN_FORMAT_XML, 0, out, err, sizeof err);
        if (out)
            fclose(out);
        const char *dieu = xml ? strstr(xml, "style=\"dieu\"") : NULL;
        ok(dieu != NULL && strstr(dieu, "Article") != NULL && strstr(dieu, "Phạm vi") != NULL,
           "... and \"Article 1.\" opens an article");
        ok(dieu != NULL && strstr(dieu + 1, "style=\"dieu\"") == NULL, "... while \"Điều 2.\" no longer does");
        free(xml);
        vnplan_doc_free(doc);
        vnplan_grammar_free(g);
    }
    f = fopen(path, "w");
    if (f) {
        fputs("[keyword]\n# a style that is not one\nsection\tmục\n", f);
        fclose(f);
    }
    g = NULL;
    st = vnplan_grammar_load(dir, &g, err, sizeof err);
    ok(st == VNPLAN_ERR_GRAMMAR && g == NULL && strstr(err, "markers.txt:3:") != NULL,
       "a [keyword] row with an unknown style is refused at its line (%s)", err);
    vnplan_grammar_free(g);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    one_huge_line();
    no_libxml_advice();
    value_text_not_in_sentence();
    value_text_in_a_later_line();
    endless_device();
    empty_grammar_set();
    marker_words_from_grammar();
    number_then_bad_byte();
    return done();
}
