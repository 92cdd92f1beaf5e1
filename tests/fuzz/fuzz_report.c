/* fuzz_report.c — any bytes as a documents.jsonl read by `vnplan report`
 * (batch_report in src/cli/cmd_report.c): the lines of shards that may come
 * from another machine, read and written as the matrix, summary and
 * similarity CSVs, matrix.xlsx and the dashboard.  The program's objects
 * are linked but its main (src/cli/main.c; the Makefile's rule for this
 * harness).  Seeds: documents.jsonl of a batch run over the corpus plans
 * (tools/fuzz.sh). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz.h"

#include "cli/batch.h"

#include <ftw.h>
#include <stdbool.h>
#include <unistd.h>

int vn_fuzz_report(const uint8_t *data, size_t size);

static int remove_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb, (void)type, (void)ftw;
    remove(path);
    return 0;
}

static void remove_work_dir(void);

/* One folder for the whole run, under TMPDIR (/dev/shm when there is one:
 * each input writes five files); the input is its documents.jsonl and the
 * report goes to out/, emptied after each input. */
static const char *work_dir(void)
{
    static char dir[256];
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !*tmp)
            tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof dir, "%s/vnplan-fuzz-report-XXXXXX", tmp);
        if (!mkdtemp(dir)) {
            perror("fuzz_report: mkdtemp");
            abort();
        }
        atexit(remove_work_dir);
    }
    return dir;
}

static void remove_work_dir(void) { nftw(work_dir(), remove_one, 16, FTW_DEPTH | FTW_PHYS); }

int vn_fuzz_report(const uint8_t *data, size_t size)
{
    char input[300], out[300];
    snprintf(input, sizeof input, "%s/documents.jsonl", work_dir());
    snprintf(out, sizeof out, "%s/out", work_dir());
    FILE *f = fopen(input, "wb");
    if (!f)
        return 0;
    bool written = fwrite(data, 1, size, f) == size;
    if (fclose(f) != 0 || !written)
        return 0;
    const char *inputs[] = {input};
    batch_report(inputs, 1, out, true, 1);
    nftw(out, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

VN_FUZZ_ENTRY(vn_fuzz_report)
