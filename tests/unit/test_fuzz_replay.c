/* test_fuzz_replay.c — the fuzz harnesses (tests/fuzz/fuzz_*.c) run over
 * every input kept in tests/fuzz/regressions/NAME/ (NAME: parse, load_xml,
 * diff, render — the harness that found it), and the parse harness over a
 * few thousand inputs made here deterministically: the corpus plans cut,
 * spliced and with bytes flipped, under every option byte.  Under the
 * sanitizer build of `make check` a memory error or undefined behaviour
 * aborts this test.  Replaying no regression at all is a failure: a
 * missing or misnamed folder would otherwise pass silently. */
#define VN_FUZZ_REPLAY
#include "../fuzz/fuzz_parse.c"
#include "../fuzz/fuzz_load_xml.c"
#include "../fuzz/fuzz_diff.c"
#include "../fuzz/fuzz_render.c"
#include "tap.h"
#include "testutil.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

static uint32_t rng_state = 2463534242u;
static uint32_t rng(void) { return tu_xorshift32(&rng_state); }

static const struct {
    const char *name;
    int (*run)(const uint8_t *, size_t);
} harnesses[] = {{"parse", vn_fuzz_parse},
                 {"load_xml", vn_fuzz_load_xml},
                 {"diff", vn_fuzz_diff},
                 {"render", vn_fuzz_render_all}};

/* Replays tests/fuzz/regressions/NAME/ through its harness; how many. */
static size_t replay(const char *name, int (*run)(const uint8_t *, size_t))
{
    char dir[256];
    snprintf(dir, sizeof dir, "tests/fuzz/regressions/%s", name);
    size_t replayed = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        size_t n = 0;
        unsigned char *b = (unsigned char *)tu_read_file(path, &n);
        if (!ok(b != NULL, "%s readable", path))
            continue;
        run(b, n);
        free(b);
        replayed++;
    }
    closedir(d);
    return replayed;
}

int main(void)
{
    size_t replayed = 0;
    for (size_t h = 0; h < sizeof harnesses / sizeof harnesses[0]; h++) {
        size_t k = replay(harnesses[h].name, harnesses[h].run);
        diag("replayed %zu inputs through the %s harness", k, harnesses[h].name);
        replayed += k;
    }
    ok(replayed > 0, "replayed %zu regression inputs (tests/fuzz/regressions/*/)", replayed);

    static const char *const seeds[] = {"corpus/plans/lang-son-1002-pdf-double-spaced.txt",
                                        "corpus/plans/lang-son-2711-word-paragraphs.txt",
                                        "corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
                                        "corpus/decisions/1002-QD-TTg.xml",
                                        /* layouts the corpus lacks: a table laid out with
                                         * spaces, bars, two documents in one file */
                                        "tests/fixtures/plans/tinh-thai-nguyen-1002-pdftotext-layout-table-page-break.txt",
                                        "tests/fixtures/plans/huyen-hoang-hoa-1002-antiword.txt",
                                        "tests/fixtures/plans/tinh-an-giang-1002-decision-with-attached-plan-annex-table.txt"};
    size_t runs = 0;
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        size_t n = 0;
        unsigned char *b = (unsigned char *)tu_read_file(seeds[s], &n);
        if (!ok(b != NULL, "seed %s readable", seeds[s]))
            continue;
        unsigned char *m = malloc(n + 2);
        for (int round = 0; round < 150; round++) {
            /* option byte, then a window of the seed with some bytes changed */
            size_t start = n ? rng() % n : 0, len = n ? 1 + rng() % (n - start) : 0;
            m[0] = (unsigned char)(strstr(seeds[s], ".xml") ? 4 | (rng() & 0x3B) : rng() & 0x3B);
            memcpy(m + 1, b + start, len);
            int flips = (int)(rng() % 8);
            for (int k = 0; k < flips && len; k++)
                m[1 + rng() % len] = (unsigned char)rng();
            vn_fuzz_parse(m, len + 1);
            runs++;
        }
        /* the whole seed under every option */
        for (unsigned opt = 0; opt < 64; opt++) {
            m[0] = (unsigned char)opt;
            memcpy(m + 1, b, n);
            vn_fuzz_parse(m, n + 1);
            runs++;
        }
        free(m);
        free(b);
    }
    ok(runs > 500, "ran %zu generated inputs through the whole pipeline without a fault", runs);
    return done();
}
