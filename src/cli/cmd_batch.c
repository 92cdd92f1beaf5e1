/* cmd_batch.c — `vnplan batch`: thousands of plans through N worker
 * threads, each compared with the decision it implements, written as
 * documents.jsonl in input order; then `vnplan report` on it.
 *
 *   vnplan batch [--base B] [-j N] [--out DIR] [--files-from FILE|-] [--shard K/N] PATH...
 *
 * Workers take the next file from a shared counter and hand their line to a
 * reorder window of a fixed number of slots: a worker that runs too far
 * ahead of the writer waits, so that memory stays bounded whatever the
 * number of files, and the output is the same bytes for any -j. */
#include "batch.h"
#include "cli.h"

#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* glibc gives memory back to the system when the free top of a heap
 * passes this (128 KB by default), and every document's parse then
 * faulted the same pages in again: 53,000 page faults on 2,000 documents
 * (-j2), 7,600 with this; the peak is the same, as the window bounds what
 * the threads hold. */
#define BATCH_MALLOC_TRIM_THRESHOLD (64 * 1024 * 1024)
/* Lines kept waiting for the writer, per worker thread. */
#define BATCH_WINDOW_PER_THREAD 8
#define BATCH_MAX_THREADS 256
/* The progress bar is redrawn at most this often (seconds). */
#define BATCH_PROGRESS_INTERVAL 0.2

static const char help_batch[] = N_(
    "usage: vnplan batch [--base B] [-j N] [--out DIR] [--files-from FILE|-] [--shard K/N] PATH...\n"
    "\n"
    "Reads every plan under the PATHs (folders recursively; .txt .docx .odt .pdf\n"
    ".html .md), compares each with the decision its own metadata names (or\n"
    "--base), and writes one JSON line per document, in input order: metadata,\n"
    "targets, findings, added targets and a sentence fingerprint, or the error\n"
    "of a file that could not be read.  With --out DIR: DIR/documents.jsonl, a\n"
    "diff page per plan in DIR/plans/, and the tables and dashboard of\n"
    "'vnplan report' (matrix.csv, matrix.xlsx, summary.csv, similarity.csv,\n"
    "index.html).\n"
    "\n"
    "  --base B          every plan against B: a file (tree, text) or the number of\n"
    "                    a bundled decision\n"
    "  -j N              N threads in all, each reading, comparing and writing\n"
    "                    (default: the processors; -j1 runs in one thread)\n"
    "  --out DIR         write into DIR (created); without it the lines go to\n"
    "                    standard output\n"
    "  --files-from F    read the paths from F, one a line (- for standard input)\n"
    "  --shard K/N       only every N-th file of the sorted paths, from the K-th\n"
    "                    (1 <= K <= N): N shards partition the input\n"
    "  --from F          read every input as F: txt, docx, odt, pdf, html or md\n"
    "  --grammars DIR    read grammar files from DIR\n"
    "  -q, --quiet       no progress bar, no notes\n"
    "\n"
    "A progress bar is drawn on standard error when it is a terminal.\n"
    "Exit status: 0 every file compared, 1 some files failed (listed in every\n"
    "output), 2 the run could not proceed.\n");

typedef struct batch_opts {
    const char *base, *out, *files_from, *from, *grammars;
    unsigned threads, shard_k, shard_n;
    bool quiet;
    char **paths;
    size_t npaths;
} batch_opts;

static bool parse_uint(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > 1000000)
        return false;
    *out = (unsigned)v;
    return true;
}

static bool parse_batch_opts(int argc, char **argv, batch_opts *o)
{
    memset(o, 0, sizeof *o);
    o->paths = calloc((size_t)argc + 1, sizeof *o->paths);
    if (!o->paths)
        return false;
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        cli_arg kind = cli_arg_kind(a, &only_files, help_batch);
        if (kind == CLI_ARG_FILE)
            o->paths[o->npaths++] = argv[i];
        if (kind != CLI_ARG_OPTION)
            continue;
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o->quiet = true;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t nl = eq ? (size_t)(eq - a) : strlen(a);
        const char *val = eq ? eq + 1 : NULL;
        if (!val && !strncmp(a, "-j", 2) && a[2]) {
            nl = 2;
            val = a + 2;
        }
        if (!val) {
            if (i + 1 >= argc) {
                cli_error(NULL, "batch: option '%s' needs a value", a);
                return false;
            }
            val = argv[++i];
        }
#define IS(opt) (nl == strlen(opt) && !strncmp(a, opt, nl))
        if (IS("--base"))
            o->base = val;
        else if (IS("--out") || IS("-o"))
            o->out = val;
        else if (IS("--files-from"))
            o->files_from = val;
        else if (IS("--from"))
            o->from = val;
        else if (IS("--grammars"))
            o->grammars = val;
        else if (IS("-j") || IS("--jobs")) {
            if (!parse_uint(val, &o->threads) || o->threads > BATCH_MAX_THREADS) {
                cli_error(NULL, "batch: -j takes a number of threads from 1 to %d, not '%s'", BATCH_MAX_THREADS,
                          val);
                return false;
            }
        } else if (IS("--shard")) {
            const char *slash = strchr(val, '/');
            char k[32];
            size_t kl = slash ? (size_t)(slash - val) : 0;
            if (!slash || kl >= sizeof k) {
                cli_error(NULL, "batch: --shard takes K/N (1 <= K <= N), not '%s'", val);
                return false;
            }
            memcpy(k, val, kl);
            k[kl] = '\0';
            if (!parse_uint(k, &o->shard_k) || !parse_uint(slash + 1, &o->shard_n) || o->shard_k > o->shard_n) {
                cli_error(NULL, "batch: --shard takes K/N (1 <= K <= N), not '%s'", val);
                return false;
            }
        } else {
            cli_error(NULL, "batch: unknown option '%s' (see 'vnplan help batch')", a);
            return false;
        }
#undef IS
    }
    if (o->from && (vnplan_input_from_name(o->from) < 0 || !strcmp(o->from, "auto"))) {
        cli_error(NULL, "batch: --from takes txt, docx, odt, pdf, html or md, not '%s'", o->from);
        return false;
    }
    if (!o->npaths && !o->files_from) {
        cli_error(NULL, "batch: no plans (see 'vnplan help batch')");
        return false;
    }
    return true;
}

/* The files the folder walk left out, after the plans: a line each, as for
 * a file that failed ({"file", "error", "error_vi"}), so that every output
 * lists them; a shard writes its share of them, as of the plans.  Returns
 * how many it wrote, or -1 on a write error. */
static long write_skipped(const cli_files *files, const batch_opts *o, FILE *out, batch_report_feed *feed)
{
    long written = 0;
    batch_str line = {0};
    for (size_t i = 0; i < files->nskipped; i++) {
        if (o->shard_n && i % o->shard_n != o->shard_k - 1)
            continue;
        const cli_skip *s = &files->skipped[i];
        batch_error_line(&line, s->path, cli_skip_reason(s, VNPLAN_LANG_EN), cli_skip_reason(s, VNPLAN_LANG_VI));
        if (fwrite(line.s, 1, line.len, out) != line.len) {
            free(line.s);
            return -1;
        }
        if (feed)
            batch_report_feed_line(feed, line.s, line.len);
        written++;
    }
    free(line.s);
    return written;
}

/* --files-from: the paths of a list, one a line (empty lines skipped). */
static bool read_list(const char *name, char ***paths, size_t *n)
{
    FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
    if (!f) {
        cli_error(name, "--files-from: %s", vnplan_errno_text(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0, vcap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (!got)
            continue;
        if (*n == vcap) {
            vcap = vcap ? vcap * 2 : 64;
            char **v = realloc(*paths, vcap * sizeof *v);
            if (!v) {
                cli_error(NULL, "out of memory");
                exit(EXIT_TROUBLE);
            }
            *paths = v;
        }
        (*paths)[(*n)++] = strdup(line);
    }
    free(line);
    bool ok = !ferror(f);
    if (f != stdin)
        fclose(f);
    if (!ok)
        cli_error(name, "--files-from: read error");
    return ok;
}

static int cmp_path(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* ---- the workers and the reorder window ---- */

/* -j N is N threads in all, and each does every kind of work: a worker
 * takes the next file, reads and compares it, puts its line in the reorder
 * window, and when the line the output waits for is there and nobody is
 * writing, writes the lines that are ready in input order (and hands them
 * to the report) before it takes its next file.  No thread only writes:
 * with a writer thread of its own, -j1 used 1.2 processors and -j2 three
 * threads on two, and the writer's share could never run in parallel.
 * The calling thread is one of the N, so -j1 starts no thread at all. */
typedef struct batch_run {
    const batch_ctx *ctx;
    char **files;
    size_t nfiles;
    pthread_mutex_t lock;
    pthread_cond_t room;      /* the output moved on (workers wait) */
    size_t next_file;         /* the next file a worker takes */
    size_t next_write;        /* the next line written */
    size_t window;
    batch_str *slots;         /* line of file i in slots[i % window] */
    batch_report_row **rows;  /* and what the report reads of it */
    bool *filled;
    bool *failed;
    bool writing;             /* a worker is writing the ready lines */
    /* the output's side: only the worker that is writing touches these */
    FILE *out;
    batch_report_feed *feed;
    bool out_ok, bar;
    long nfailed;
    double start, last;
} batch_run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(size_t done, size_t total, double start, bool final)
{
    double el = now() - start;
    double rate = el > 0 ? (double)done / el : 0;
    double left = rate > 0 ? (double)(total - done) / rate : 0;
    int width = 30, fill = total ? (int)((double)width * (double)done / (double)total) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu  %.0f/s  %s %d:%02d ", fill, "##############################",
            width - fill, "", done, total, rate, final ? cli_tr("took") : cli_tr("left"), (int)(final ? el : left) / 60,
            (int)(final ? el : left) % 60);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Writes the lines that are ready from next_write on; called and returns
 * with the lock held, which it lets go while it writes.  A slot stays this
 * thread's until next_write moves past it: no worker fills it before. */
static void write_ready(batch_run *r)
{
    r->writing = true;
    for (;;) {
        size_t i = r->next_write, s = i % r->window;
        if (i >= r->nfiles || !r->filled[s])
            break;
        pthread_mutex_unlock(&r->lock);
        if (r->out_ok && fwrite(r->slots[s].s, 1, r->slots[s].len, r->out) != r->slots[s].len)
            r->out_ok = false;
        if (r->out_ok && r->feed)
            batch_report_feed_row(r->feed, r->rows[s]);
        else
            batch_report_row_free(r->rows[s]);
        r->rows[s] = NULL;
        r->nfailed += r->failed[s];
        if (r->bar && (now() - r->last >= BATCH_PROGRESS_INTERVAL || i + 1 == r->nfiles)) {
            r->last = now();
            progress(i + 1, r->nfiles, r->start, i + 1 == r->nfiles);
        }
        pthread_mutex_lock(&r->lock);
        r->filled[s] = false;
        r->next_write++;
        pthread_cond_broadcast(&r->room);
    }
    r->writing = false;
}

static void *worker(void *arg)
{
    batch_run *r = arg;
    batch_str line = {0};
    /* a failed file's line (rare) is read back as vnplan report reads it */
    batch_report_parser *parser = NULL;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t i = r->next_file;
        if (i >= r->nfiles) {
            pthread_mutex_unlock(&r->lock);
            break;
        }
        r->next_file++;
        pthread_mutex_unlock(&r->lock);

        /* the report's row of the plan, made here in parallel rather than
         * by the one that writes the lines */
        batch_report_row *row = NULL;
        bool ok = batch_record(r->ctx, r->files[i], &line, r->feed ? &row : NULL);
        if (r->feed && !row) {
            if (!parser)
                parser = batch_report_parser_new();
            row = batch_report_parse(parser, line.s);
        }

        pthread_mutex_lock(&r->lock);
        /* a worker too far ahead of the output waits: memory stays a
         * window of lines whatever the number of files */
        while (i >= r->next_write + r->window)
            pthread_cond_wait(&r->room, &r->lock);
        size_t s = i % r->window;
        /* the slot takes this line's buffer; this thread takes the old one */
        batch_str old = r->slots[s];
        r->slots[s] = line;
        line = old;
        r->rows[s] = row;
        r->filled[s] = true;
        r->failed[s] = !ok;
        if (!r->writing)
            write_ready(r);
        pthread_mutex_unlock(&r->lock);
    }
    free(line.s);
    batch_report_parser_free(parser);
    return NULL;
}

/* Runs the workers (this thread the first of them) until every line is
 * written in input order and handed to the report (feed, when there is
 * one); returns the number of files that failed, or -1 when the output
 * failed. */
static long run_workers(batch_run *r, unsigned threads, FILE *out, batch_report_feed *feed, bool bar)
{
    pthread_t *tid = calloc(threads, sizeof *tid);
    if (!tid)
        return -1;
    r->out = out;
    r->feed = feed;
    r->out_ok = true;
    r->bar = bar;
    r->start = now();
    unsigned started = 0;
    for (; started + 1 < threads; started++)
        if (pthread_create(&tid[started], NULL, worker, r) != 0)
            break;
    /* a thread that could not start leaves its share to the others */
    worker(r);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
    return r->out_ok ? r->nfailed : -1;
}

static bool make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            return true;
        errno = ENOTDIR;
    }
    cli_error(path, "cannot make the output folder: %s", vnplan_errno_text(errno));
    return false;
}

int cmd_batch(int argc, char **argv)
{
    batch_opts o;
    if (!parse_batch_opts(argc, argv, &o)) {
        free(o.paths);
        return EXIT_TROUBLE;
    }
    char **listed = NULL;
    size_t nlisted = 0;
    if (o.files_from && !read_list(o.files_from, &listed, &nlisted)) {
        free(o.paths);
        return EXIT_TROUBLE;
    }
    /* the inputs: the paths given, then the listed ones; folders expanded */
    cli_opts co;
    memset(&co, 0, sizeof co);
    co.quiet = o.quiet;
    co.inputs = calloc(o.npaths + nlisted + 1, sizeof *co.inputs);
    if (!co.inputs) {
        cli_error(NULL, "out of memory");
        return EXIT_TROUBLE;
    }
    for (size_t i = 0; i < o.npaths; i++)
        co.inputs[co.ninputs++] = o.paths[i];
    for (size_t i = 0; i < nlisted; i++)
        co.inputs[co.ninputs++] = listed[i];
    cli_files files = {0};
    int walk_failures = 0;
    cli_expand_inputs(&co, &files, &walk_failures);
    /* standard input is the list of --files-from -, never a plan here */
    size_t keep = 0;
    for (size_t i = 0; i < files.n; i++) {
        if (!strcmp(files.v[i], "-")) {
            cli_error(NULL, "batch: reads no plan from standard input (give files, or --files-from -)");
            free(files.v[i]);
            walk_failures++;
            continue;
        }
        files.v[keep++] = files.v[i];
    }
    files.n = keep;
    if (o.shard_n) {
        qsort(files.v, files.n, sizeof *files.v, cmp_path);
        keep = 0;
        for (size_t i = 0; i < files.n; i++) {
            if (i % o.shard_n == o.shard_k - 1)
                files.v[keep++] = files.v[i];
            else
                free(files.v[i]);
        }
        files.n = keep;
    }

    int rc = EXIT_TROUBLE;
    vnplan_grammar *owned = NULL;
    cli_opts go = co;
    go.grammars = o.grammars;
    const vnplan_grammar *g = cli_grammar(&go, &owned);
    vnplan_doc *given = NULL;
    batch_bases bases = {.lock = PTHREAD_MUTEX_INITIALIZER};
    FILE *out = NULL;
    char *jsonl = NULL;
    batch_report_feed *feed = NULL;
    if (!g)
        goto done;
    if (o.base) {
        struct stat sb;
        char err[512];
        cli_opts bo = go;
        bo.from = NULL;
        if (stat(o.base, &sb) == 0)
            given = cli_load_document(&bo, o.base, g);
        else if (vnplan_baseline_load(o.base, g, &given, err, sizeof err) != VNPLAN_OK)
            cli_error(NULL, "--base %s: %s", o.base, err);
        if (!given)
            goto done;
    }
    if (o.out) {
        batch_str p = {0};
        bs_printf(&p, "%s/plans", o.out);
        bool ok = make_dir(o.out) && make_dir(p.s);
        /* the plans' pages share one stylesheet (VNPLAN_RENDER_SHARED_CSS) */
        if (ok) {
            bs_puts(&p, "/vnplan.css");
            const char *css = vnplan_diff_html_css();
            ok = batch_write_file(p.s, css, strlen(css));
            if (!ok)
                cli_error(p.s, "%s", vnplan_errno_text(errno));
        }
        free(p.s);
        if (!ok)
            goto done;
        batch_str j = {0};
        bs_printf(&j, "%s/documents.jsonl", o.out);
        jsonl = j.s;
        cli_opts oo = co;
        oo.output = jsonl;
        if (!cli_check_output(&oo, &files, o.base))
            goto done;
        out = cli_open_output(&oo);
        if (!out)
            goto done;
    } else {
        out = stdout;
    }

#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, BATCH_MALLOC_TRIM_THRESHOLD);
#endif
    unsigned threads = o.threads;
    if (!threads) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? (unsigned)(cores < BATCH_MAX_THREADS ? cores : BATCH_MAX_THREADS) : 1;
    }
    batch_ctx ctx = {
        .grammar = g,
        .from = o.from ? (vnplan_input)vnplan_input_from_name(o.from) : VNPLAN_INPUT_AUTO,
        .given = given,
        .given_name = given ? (vnplan_meta_number(given) ? vnplan_meta_number(given) : o.base) : NULL,
        .out_dir = o.out,
        .bases = &bases,
    };
    batch_run r = {.ctx = &ctx, .files = files.v, .nfiles = files.n};
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.room, NULL);
    r.window = (size_t)threads * BATCH_WINDOW_PER_THREAD;
    r.slots = calloc(r.window, sizeof *r.slots);
    r.filled = calloc(r.window, sizeof *r.filled);
    r.failed = calloc(r.window, sizeof *r.failed);
    r.rows = calloc(r.window, sizeof *r.rows);
    if (!r.slots || !r.filled || !r.failed || !r.rows) {
        cli_error(NULL, "out of memory");
        exit(EXIT_TROUBLE);
    }
    long failed = 0;
    bool bar = !o.quiet && isatty(STDERR_FILENO);
    /* the report reads the lines as they are written (documents.jsonl as
     * `vnplan report` would read it back) */
    feed = o.out ? batch_report_feed_new(jsonl) : NULL;
    long f = files.n ? run_workers(&r, threads, out, feed, bar) : 0;
    long skipped_written = 0;
    if (f >= 0) {
        skipped_written = write_skipped(&files, &o, out, feed);
        f = skipped_written < 0 ? -1 : f + skipped_written;
    }
    for (size_t i = 0; i < r.window; i++)
        free(r.slots[i].s);
    free(r.slots);
    free(r.rows);
    free(r.filled);
    free(r.failed);
    pthread_mutex_destroy(&r.lock);
    pthread_cond_destroy(&r.room);
    bool ok = f >= 0;
    failed += f > 0 ? f : 0;
    cli_opts oo = co;
    oo.output = jsonl;
    if (out != stdout) {
        FILE *o2 = out;
        out = NULL;
        if (!ok) {
            cli_output_error(&oo, "write error");
            cli_discard_output(o2);
        } else if (!cli_close_output(&oo, o2)) {
            ok = false;
        }
    } else if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(NULL, "standard output: write error");
        ok = false;
    }
    out = NULL;
    if (!ok)
        goto done;
    if (failed && !o.quiet)
        cli_note("batch: %ld of %zu file(s) could not be compared or were skipped (listed in the outputs)", failed,
                 files.n + skipped_written);
    rc = failed || walk_failures ? EXIT_DIFFERENT : EXIT_SAME;
    if (feed) {
        int rr = batch_report_feed_finish(feed, o.out, o.quiet, threads);
        feed = NULL;
        if (rr == EXIT_TROUBLE)
            rc = EXIT_TROUBLE;
    }
done:
    if (feed)
        batch_report_feed_finish(feed, NULL, true, 1);
    if (out && out != stdout)
        cli_discard_output(out);
    free(jsonl);
    for (size_t i = 0; i < bases.n; i++) {
        free(bases.keys[i]);
        free(bases.errs[i]);
        free(bases.errs_vi[i]);
        vnplan_doc_free(bases.docs[i]);
    }
    free(bases.keys);
    free(bases.docs);
    free(bases.errs);
    for (size_t i = 0; i < bases.npages; i++)
        free(bases.pages[i]);
    free(bases.pages);
    free(bases.errs_vi);
    vnplan_doc_free(given);
    vnplan_grammar_free(owned);
    cli_files_free(&files);
    for (size_t i = 0; i < nlisted; i++)
        free(listed[i]);
    free(listed);
    free(co.inputs);
    free(o.paths);
    return rc;
}
