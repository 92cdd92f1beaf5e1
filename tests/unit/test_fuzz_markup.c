/* test_fuzz_markup.c — the fuzz targets of the HTML and Markdown readers
 * (tests/fuzz/fuzz_read_html.c, fuzz_read_md.c) run over their seeds and
 * over a few thousand inputs made here deterministically from them: cut at
 * every length step, spliced, with bytes flipped and with markup bytes
 * ('<', '>', '|', '*', '[', '\n') dropped in, under every option byte.
 * Under the sanitizer build of `make check` a memory error or undefined
 * behaviour aborts this test; a slow input shows as a slow test. */
#define VN_FUZZ_NO_ENTRY
#include "../fuzz/fuzz_read_html.c"
#include "../fuzz/fuzz_read_md.c"
#include "tap.h"
#include "testutil.h"

#include <dirent.h>
#include <string.h>

#define MUTANTS_PER_SEED 300 /* inputs made from each seed written here or of plans/ */
#define MUTANTS_PER_FORMAT_SEED 40 /* ... and from each converted document of formats/ (many, larger) */

static uint32_t rng_state = 2463534242u;
static uint32_t rng(void) { return tu_xorshift32(&rng_state); }

typedef int (*target_fn)(const uint8_t *, size_t);

/* The seed and its mutants through the target; returns how many were run. */
static size_t run_seed(target_fn target, const unsigned char *seed, size_t n, int mutants)
{
    static const char markup[] = "<>|*[]\n`#-\\";
    unsigned char *in = malloc(n + 2);
    size_t runs = 0;
    if (!in)
        exit(2);
    for (unsigned opts = 0; opts < 8; opts++) {
        in[0] = (unsigned char)opts;
        memcpy(in + 1, seed, n);
        target(in, n + 1);
        runs++;
    }
    for (int m = 0; m < mutants; m++) {
        size_t len = n;
        in[0] = (unsigned char)(rng() & 7);
        memcpy(in + 1, seed, n);
        switch (m % 4) {
        case 0: /* cut */
            len = n ? rng() % n : 0;
            break;
        case 1: /* splice: a later piece over an earlier one */
            if (n > 2) {
                size_t a = rng() % n, b = rng() % n, k = rng() % (n - (a > b ? a : b));
                memmove(in + 1 + a, seed + b, k);
            }
            break;
        case 2: /* bytes flipped */
            for (int k = 0; k < 8 && n; k++)
                in[1 + rng() % n] ^= (unsigned char)(1u << (rng() % 8));
            break;
        default: /* markup dropped in */
            for (int k = 0; k < 8 && n; k++)
                in[1 + rng() % n] = (unsigned char)markup[rng() % (sizeof markup - 1)];
            break;
        }
        target(in, len + 1);
        runs++;
    }
    free(in);
    return runs;
}

static size_t run_dir(const char *dir, const char *ext, target_fn target, int mutants)
{
    DIR *d = opendir(dir);
    size_t seeds = 0, runs = 0;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name), el = strlen(ext);
            if (l <= el || strcmp(e->d_name + l - el, ext) != 0)
                continue;
            size_t n = 0;
            unsigned char *b = (unsigned char *)tu_read_in(dir, e->d_name, &n);
            if (!b)
                continue;
            if (n > 20000)
                n = 20000; /* the head of a document: the mutants stay fast */
            runs += run_seed(target, b, n, mutants);
            seeds++;
            free(b);
        }
        closedir(d);
    }
    diag("%s*%s: %zu seeds, %zu inputs", dir, ext, seeds, runs);
    return seeds;
}

/* The inputs of a regressions folder, each given as it is (its first byte
 * is the harness's option byte, as libFuzzer found it). */
static size_t replay_raw(const char *dir, target_fn target)
{
    DIR *d = opendir(dir);
    size_t runs = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = 0;
        unsigned char *b = (unsigned char *)tu_read_in(dir, e->d_name, &n);
        if (!b)
            continue;
        target(b, n);
        runs++;
        free(b);
    }
    if (d)
        closedir(d);
    return runs;
}

/* Seeds written here: the constructs each reader handles, small. */
static const char *const html_seeds[] = {
    "<html><head><meta charset=\"windows-1258\"></head><body><table><tr><td><p align=\"center\">UBND<br>T\xCE"
    "NH</p></td><td><b>C\xD8NG</b></td></tr></table><ol type=\"I\"><li>A<ol><li>a<ul><li>x<ul><li>y</ul></ul>"
    "</ol></ol><ol><ol><li>b</ol></ol><table border=\"1\"><tr><th>TT</th><td><table><tr><td>z</td></tr></table>"
    "</td></tr></table><p>n<sup>1</sup></p><section class=\"footnotes\"><ol><li><p>f</p></li></ol></section>"
    "<div id=\"sdfootnote2\"><p><a class=\"sdfootnotesym\">2</a>g</p></div></body></html>",
    "<p style=\"text-align:center;font-weight:bold;display:block\">x</p><pre>a\n b</pre><li value=\"-5\">v",
};
static const char *const md_seeds[] = {
    "| A | B |\n|---|---|\n| **N\xC6\xA1i nh\xE1\xBA\xADn:** - a; - b. | **KT** <!-- image --> **T** |\n\n"
    "## I. M\n\n1\\. x[^1]\n\n- a\n  - b\n\n3) c\n\n| 1 | 2 | 3 |\n|---|---|---|\n| a | b | c |\n\n"
    "<table><tr><td><p>p</p></td></tr></table>\n\n[^1]: n\n    m\n",
    "> q\n> > r\n\n```\ncode [^1]\n```\n\n`[^1]` &amp; &#273; ![i](x.png) a  \nb <br> c\n\n[^1]: z\n",
};

int main(void)
{
    size_t seeds = 0;
    for (size_t i = 0; i < sizeof html_seeds / sizeof html_seeds[0]; i++, seeds++)
        run_seed(vn_fuzz_read_html, (const unsigned char *)html_seeds[i], strlen(html_seeds[i]), MUTANTS_PER_SEED);
    for (size_t i = 0; i < sizeof md_seeds / sizeof md_seeds[0]; i++, seeds++)
        run_seed(vn_fuzz_read_md, (const unsigned char *)md_seeds[i], strlen(md_seeds[i]), MUTANTS_PER_SEED);
    seeds += run_dir("tests/fixtures/plans/", ".md", vn_fuzz_read_md, MUTANTS_PER_SEED);
    seeds += run_dir("tests/fixtures/plans/", ".html", vn_fuzz_read_html, MUTANTS_PER_SEED);
    seeds += run_dir("tests/fixtures/formats/", ".md", vn_fuzz_read_md, MUTANTS_PER_FORMAT_SEED);
    seeds += run_dir("tests/fixtures/formats/", ".html", vn_fuzz_read_html, MUTANTS_PER_FORMAT_SEED);
    /* what libFuzzer once found, as it was found (tools/fuzz.sh keeps them) */
    size_t kept = replay_raw("tests/fuzz/regressions/read_md/", vn_fuzz_read_md) +
                  replay_raw("tests/fuzz/regressions/read_html/", vn_fuzz_read_html);
    ok(kept >= 2, "%zu kept regressions replayed as found, their option byte first", kept);
    ok(seeds >= 5, "the readers' fuzz targets ran over %zu seeds and their mutants without a fault", seeds);
    return done();
}
