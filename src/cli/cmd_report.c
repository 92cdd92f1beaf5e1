/* cmd_report.c — `vnplan report DIR...`: the documents.jsonl of one or more
 * batch runs (shards) read back (report_row.c), the plans sorted by file and
 * grouped per decision, the similar pairs found from the fingerprints;
 * then the tables and the dashboard (report_csv.c, report_html.c).
 *
 * Everything depends on the lines alone, and plans are ordered by their
 * file, so shards merged give the same outputs as one run over all files. */
#include "cli.h"
#include "report.h"
#include "free_all.h"
#include "hash.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* In one LSH band of the fingerprint: plans that agree on both of its
 * slots are candidates; 32 bands of 2 slots find a pair that shares half
 * of its sentences with probability 1 - (3/4)^32 > 0.9999. */
#define REPORT_BAND_ROWS 2
/* Plans in one bucket are paired with this many followers only, so that a
 * thousand copies of one template do not make a million candidates. */
#define REPORT_BUCKET_WINDOW 16
/* Each plan keeps its most similar partners only: a thousand copies of one
 * template give a few thousand rows, not half a million, and memory stays
 * a few numbers a plan. */
#define REPORT_PARTNERS 5

static const char help_report[] = N_(
    "usage: vnplan report [--out DIR] DIR|FILE...\n"
    "\n"
    "Reads the documents.jsonl of one or more 'vnplan batch' runs (a folder, or\n"
    "the file itself: shards of one input are merged) and writes into --out DIR\n"
    "(default: the first DIR):\n"
    "  matrix.csv      one row per plan: file, locality, level, number, date, the\n"
    "                  decision it implements, then per target of the decision its\n"
    "                  status, the plan's comparator, figure and range's upper end,\n"
    "                  and the scope notes (UTF-8 with BOM);\n"
    "                  one table per decision: matrix-DECISION.csv for each,\n"
    "                  matrix.csv the decision with the most plans\n"
    "  matrix.xlsx     the same tables, one sheet per decision\n"
    "  summary.csv     per target: plans that adopted, changed (stricter, looser,\n"
    "                  localized) or left it out; per plan: its completeness\n"
    "  similarity.csv  pairs of plans that share at least half of their sentences\n"
    "                  (each plan with its 5 most similar)\n"
    "  index.html      a dashboard of all of it\n"
    "Files that could not be read are listed in every one of them.\n"
    "\n"
    "  --out DIR   where to write\n"
    "  -q          no notes\n"
    "\n"
    "Exit status: 0 all plans compared, 1 some files had failed, 2 trouble.\n");

const char *rp_status_label(int status)
{
    static const char *const labels[] = {
        [RP_ADOPTED] = N_("adopted"),
        [RP_CHANGED] = N_("changed"),
        [RP_MISSING] = N_("not in the plan"),
    };
    return status >= 0 && (size_t)status < sizeof labels / sizeof labels[0] ? _(labels[status]) : "";
}

const char *rp_cmp_label(const char *cmp)
{
    static const struct {
        const char *cmp, *label;
    } words[] = {{"=", N_("equal to")},      {">=", N_("at least")},   {">", N_("more than")},
                 {"<=", N_("at most")},      {"<", N_("less than")},   {"~", N_("about")}};
    for (size_t i = 0; cmp && i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(cmp, words[i].cmp))
            return _(words[i].label);
    return "";
}

const char *rp_level_label(const char *level)
{
    /* the slugs of grammars/meta.txt [level] and [own_level], and "quoc_gia" */
    static const struct {
        const char *slug, *label;
    } levels[] = {{"tinh", N_("province")},      {"thanh_pho", N_("city")},      {"dac_khu", N_("special zone")},
                  {"thi_xa", N_("town")},         {"thi_tran", N_("township")},   {"huyen", N_("district")},
                  {"quan", N_("urban district")}, {"xa", N_("commune")},          {"phuong", N_("ward")},
                  {"quoc_gia", N_("national")},   {"dai_hoc_quoc_gia", N_("national university")}};
    for (size_t i = 0; level && i < sizeof levels / sizeof levels[0]; i++)
        if (!strcmp(level, levels[i].slug))
            return _(levels[i].label);
    return level;
}

double rp_completeness(const rp_data *d, const rp_plan *p)
{
    const rp_decision *dec = &d->decs[p->dec];
    if (!dec->ntargets)
        return 0;
    size_t met = 0;
    for (size_t i = 0; i < dec->ntargets; i++)
        met += p->cells[i].status == RP_ADOPTED || p->cells[i].status == RP_CHANGED;
    return (double)met / (double)dec->ntargets;
}

/* ---- reading ---- */

static char *slug_of(const char *name)
{
    batch_str s = {0};
    bs_puts(&s, "");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (p[0] == 0xC4 && (p[1] == 0x90 || p[1] == 0x91)) {
            bs_puts(&s, p[1] == 0x90 ? "D" : "d");
            p++;
        } else if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            bs_put(&s, (const char *)p, 1);
        } else if (*p < 0x80 || (*p & 0xC0) == 0xC0) {
            if (s.len && s.s[s.len - 1] != '-')
                bs_puts(&s, "-");
        }
    }
    return bs_take(&s);
}

/* The decision of that name; the first plan met that implements it gives
 * its targets, in that plan's order. */
static size_t decision_of(rp_data *d, const char *name, batch_report_row *row)
{
    for (size_t i = 0; i < d->ndecs; i++)
        if (!strcmp(d->decs[i].name, name))
            return i;
    d->decs = realloc(d->decs, (d->ndecs + 1) * sizeof *d->decs);
    if (!d->decs) {
        fputs("vnplan: out of memory\n", stderr);
        exit(EXIT_TROUBLE);
    }
    rp_decision *dec = &d->decs[d->ndecs];
    memset(dec, 0, sizeof *dec);
    dec->name = rp_strdup(name);
    dec->slug = slug_of(name);
    dec->ntargets = row->nfindings;
    dec->ids = rp_calloc(dec->ntargets, sizeof *dec->ids);
    dec->names = rp_calloc(dec->ntargets, sizeof *dec->names);
    for (size_t i = 0; i < dec->ntargets; i++) {
        dec->ids[i] = rp_strdup(row->ids[i] ? row->ids[i] : "?");
        dec->names[i] = row->names[i];
        row->names[i] = NULL;
    }
    return d->ndecs++;
}

/* The row's cells put in its decision's order of targets: one per target,
 * RP_NONE for a target the line has no finding of. */
static void place_cells(rp_plan *p, const rp_decision *dec, batch_report_row *row)
{
    /* most lines name the decision's targets in its order, one finding
     * each: their cells are the plan's as they are (an allocation fewer
     * on the thread that writes, which every worker waits for) */
    bool same = row->nfindings == dec->ntargets;
    for (size_t k = 0; same && k < row->nfindings; k++)
        same = row->ids[k] && !strcmp(dec->ids[k], row->ids[k]);
    if (same) {
        p->cells = row->p.cells;
        row->p.cells = NULL;
        return;
    }
    rp_cell *cells = rp_calloc(dec->ntargets, sizeof *cells);
    for (size_t i = 0; i < dec->ntargets; i++) {
        cells[i].status = RP_NONE;
        cells[i].value = NAN;
        cells[i].value_max = NAN;
    }
    for (size_t k = 0; k < row->nfindings; k++) {
        const char *id = row->ids[k];
        rp_cell *from = &row->p.cells[k];
        size_t i = k < dec->ntargets && id && !strcmp(dec->ids[k], id) ? k : dec->ntargets;
        for (size_t j = 0; i == dec->ntargets && id && j < dec->ntargets; j++)
            if (!strcmp(dec->ids[j], id))
                i = j;
        if (i == dec->ntargets)
            continue;
        /* a second finding of one target: its figures, both one's changes */
        rp_cell *c = &cells[i];
        unsigned dirs = c->dirs | from->dirs;
        free(c->scope);
        *c = *from;
        c->dirs = dirs;
        from->scope = NULL;
    }
    for (size_t k = 0; k < row->nfindings; k++)
        free(row->p.cells[k].scope);
    free(row->p.cells);
    row->p.cells = NULL;
    p->cells = cells;
}

typedef struct rp_reader {
    rp_data *d;
    size_t cap;
    batch_report_parser *parser; /* made for the first line read */
} rp_reader;

static void reader_free(rp_reader *r)
{
    batch_report_parser_free(r->parser);
    r->parser = NULL;
}

/* The row joins the plans read (taking it); false after a message when it
 * is no line of documents.jsonl. */
static bool ingest(rp_reader *r, const char *src, size_t lineno, batch_report_row *row)
{
    if (row->bad) {
        cli_error(src, "line %zu: not a line of documents.jsonl (%s)", lineno, row->bad);
        batch_report_row_free(row);
        return false;
    }
    if (r->d->nplans == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->d->plans = realloc(r->d->plans, r->cap * sizeof *r->d->plans);
        if (!r->d->plans) {
            fputs("vnplan: out of memory\n", stderr);
            exit(EXIT_TROUBLE);
        }
    }
    rp_plan *p = &r->d->plans[r->d->nplans];
    *p = row->p;
    p->cells = NULL;
    if (!p->error) {
        p->dec = decision_of(r->d, p->decision, row);
        place_cells(p, &r->d->decs[p->dec], row);
    }
    /* the plan's strings are the plans' now */
    memset(&row->p, 0, sizeof row->p);
    batch_report_row_free(row);
    r->d->nplans++;
    return true;
}

static bool read_line(rp_reader *r, const char *src, size_t lineno, const char *line)
{
    if (!r->parser)
        r->parser = batch_report_parser_new();
    return ingest(r, src, lineno, batch_report_parse(r->parser, line));
}

static bool read_jsonl(rp_reader *r, const char *input)
{
    struct stat sb;
    batch_str path = {0};
    if (stat(input, &sb) == 0 && S_ISDIR(sb.st_mode))
        bs_printf(&path, "%s/documents.jsonl", input);
    else
        bs_puts(&path, input);
    FILE *f = fopen(path.s, "r");
    if (!f) {
        cli_error(path.s, "%s", vnplan_errno_text(errno));
        free(path.s);
        return false;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    bool ok = true;
    while (ok && (got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (got <= 1)
            continue;
        ok = read_line(r, path.s, lineno, line);
    }
    if (ok && ferror(f)) {
        cli_error(path.s, "read error");
        ok = false;
    }
    free(line);
    fclose(f);
    free(path.s);
    return ok;
}

static int cmp_plan_index(const void *a, const void *b, void *arg)
{
    const rp_plan *plans = arg;
    return strcmp(plans[*(const size_t *)a].file, plans[*(const size_t *)b].file);
}

/* qsort_r is a GNU extension; a plain sort by file with the plans' indices
 * carried along keeps the findings in step. */
static rp_plan *sort_plans;
static int cmp_idx(const void *a, const void *b) { return cmp_plan_index(a, b, sort_plans); }

static int cmp_dec(const void *a, const void *b)
{
    return strcmp(((const rp_decision *)a)->name, ((const rp_decision *)b)->name);
}

/* Sorts the plans by file and the decisions by name, and lists each
 * decision's plans in file order. */
static void organise(rp_data *d)
{
    size_t n = d->nplans;
    size_t *idx = rp_calloc(n, sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sort_plans = d->plans;
    qsort(idx, n, sizeof *idx, cmp_idx);
    rp_plan *sorted = rp_calloc(n, sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = d->plans[idx[i]];
    free(d->plans);
    d->plans = sorted;
    free(idx);
    /* the decisions by name; each plan's index follows its decision */
    for (size_t k = 0; k < d->ndecs; k++)
        d->decs[k].nplans = k; /* the index before sorting, for a moment */
    if (d->ndecs > 1) /* none: decs is NULL, which qsort may not be given */
        qsort(d->decs, d->ndecs, sizeof *d->decs, cmp_dec);
    size_t *where = rp_calloc(d->ndecs, sizeof *where);
    for (size_t k = 0; k < d->ndecs; k++) {
        where[d->decs[k].nplans] = k;
        d->decs[k].nplans = 0;
        d->decs[k].plans = rp_calloc(n, sizeof *d->decs[k].plans);
    }
    for (size_t i = 0; i < n; i++) {
        rp_plan *p = &d->plans[i];
        if (p->error) {
            d->nfailed++;
            continue;
        }
        p->dec = where[p->dec];
        rp_decision *dec = &d->decs[p->dec];
        dec->plans[dec->nplans++] = i;
    }
    free(where);
}

/* ---- similar plans ---- */

static int cmp_pair_ab(const void *a, const void *b)
{
    const rp_pair *x = a, *y = b;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

static int cmp_pair_share(const void *a, const void *b)
{
    const rp_pair *x = a, *y = b;
    if (x->share != y->share)
        return x->share > y->share ? -1 : 1;
    return cmp_pair_ab(a, b);
}

static double share(const rp_plan *a, const rp_plan *b)
{
    size_t eq = 0;
    for (size_t i = 0; i < BATCH_MINHASH_SLOTS; i++)
        eq += a->sig[i] == b->sig[i];
    return (double)eq / BATCH_MINHASH_SLOTS;
}

/* Keeps the pair in the plan's list of best partners: higher share first,
 * then the partner's index, so that the outcome does not depend on the
 * order in which the pairs are met. */
static void keep_partner(rp_pair *best, size_t *nbest, size_t partner, double s)
{
    for (size_t i = 0; i < *nbest; i++)
        if (best[i].b == partner)
            return;
    size_t pos = *nbest;
    while (pos > 0 && (best[pos - 1].share < s || (best[pos - 1].share == s && best[pos - 1].b > partner)))
        pos--;
    if (pos >= REPORT_PARTNERS)
        return;
    size_t last = *nbest < REPORT_PARTNERS ? *nbest : REPORT_PARTNERS - 1;
    memmove(&best[pos + 1], &best[pos], (last - pos) * sizeof *best);
    best[pos].b = partner;
    best[pos].share = s;
    if (*nbest < REPORT_PARTNERS)
        (*nbest)++;
}

static void find_pairs(rp_data *d)
{
    size_t n = d->nplans, bands = BATCH_MINHASH_SLOTS / REPORT_BAND_ROWS;
    vn_hashed *e = rp_calloc(n, sizeof *e); /* a band's key of each plan, the plan */
    rp_pair *best = rp_calloc(n * REPORT_PARTNERS, sizeof *best);
    size_t *nbest = rp_calloc(n, sizeof *nbest);
    for (size_t band = 0; band < bands; band++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (d->plans[i].error || !d->plans[i].sentences)
                continue;
            uint64_t k = 1469598103934665603ull ^ band;
            for (size_t r = 0; r < REPORT_BAND_ROWS; r++)
                k = (k ^ d->plans[i].sig[band * REPORT_BAND_ROWS + r]) * 1099511628211ull;
            e[m].hash = k;
            e[m].item = i;
            m++;
        }
        qsort(e, m, sizeof *e, vn_hashed_cmp);
        for (size_t i = 0; i < m; i++) {
            for (size_t j = i + 1; j < m && j <= i + REPORT_BUCKET_WINDOW && e[j].hash == e[i].hash; j++) {
                size_t a = e[i].item, b = e[j].item;
                double sh = share(&d->plans[a], &d->plans[b]);
                if (sh < REPORT_SIMILARITY_MIN)
                    continue;
                keep_partner(&best[a * REPORT_PARTNERS], &nbest[a], b, sh);
                keep_partner(&best[b * REPORT_PARTNERS], &nbest[b], a, sh);
            }
        }
    }
    free(e);
    /* the pairs of every plan's list, each once (a < b) */
    rp_pair *pairs = rp_calloc(n * REPORT_PARTNERS, sizeof *pairs);
    size_t np = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t k = 0; k < nbest[a]; k++) {
            size_t b = best[a * REPORT_PARTNERS + k].b;
            pairs[np].a = a < b ? a : b;
            pairs[np].b = a < b ? b : a;
            pairs[np].share = best[a * REPORT_PARTNERS + k].share;
            np++;
        }
    free(best);
    free(nbest);
    if (np)
        qsort(pairs, np, sizeof *pairs, cmp_pair_ab);
    size_t kept = 0;
    for (size_t i = 0; i < np; i++)
        if (!kept || pairs[i].a != pairs[kept - 1].a || pairs[i].b != pairs[kept - 1].b)
            pairs[kept++] = pairs[i];
    if (kept)
        qsort(pairs, kept, sizeof *pairs, cmp_pair_share);
    d->pairs = pairs;
    d->npairs = kept;
}

static void free_data(rp_data *d)
{
    for (size_t i = 0; i < d->nplans; i++) {
        rp_plan *p = &d->plans[i];
        rp_free_plan(p, p->cells ? d->decs[p->dec].ntargets : 0);
    }
    free(d->plans);
    for (size_t k = 0; k < d->ndecs; k++) {
        rp_decision *dec = &d->decs[k];
        for (size_t i = 0; i < dec->ntargets; i++) {
            free(dec->ids[i]);
            free(dec->names[i]);
        }
        VN_FREE_ALL(dec->ids, dec->names, dec->plans, dec->name, dec->slug);
    }
    free(d->decs);
    free(d->pairs);
}

typedef struct xlsx_job {
    const rp_data *d;
    const char *dir;
    bool ok;
} xlsx_job;

static void *xlsx_thread(void *arg)
{
    xlsx_job *j = arg;
    j->ok = rp_write_xlsx(j->d, j->dir);
    return NULL;
}

/* The tables and the dashboard of the plans read.  With threads > 1 the
 * spreadsheet (its compression the largest part of the report) is written
 * on a thread of its own beside the other outputs: the report comes after
 * every plan is read, when nothing else is left to run in parallel, and
 * was a tenth of a batch's time on one processor only. */
static int report_write(rp_data *d, const char *out_dir, bool quiet, unsigned threads)
{
    bool ok = true;
    organise(d);
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        cli_error(out_dir, "cannot make the output folder: %s", vnplan_errno_text(errno));
        ok = false;
    }
    /* the workbook (the longest of the outputs) is written beside the
     * rest, from before the similar pairs are found: it reads no pair, and
     * find_pairs writes only d->pairs and d->npairs */
    xlsx_job job = {d, out_dir, false};
    pthread_t xlsx;
    bool beside = ok && threads > 1 && pthread_create(&xlsx, NULL, xlsx_thread, &job) == 0;
    find_pairs(d);
    ok = ok && rp_write_matrix_csv(d, out_dir);
    ok = ok && rp_write_summary_csv(d, out_dir);
    ok = ok && rp_write_similarity_csv(d, out_dir);
    if (!beside)
        ok = ok && rp_write_xlsx(d, out_dir);
    ok = ok && rp_write_html(d, out_dir);
    if (beside) {
        pthread_join(xlsx, NULL);
        ok = ok && job.ok;
    }
    if (ok && !quiet)
        cli_note("report: %zu plan(s) of %zu decision(s), %zu file(s) failed or skipped, %zu similar pair(s): %s",
                 d->nplans - d->nfailed, d->ndecs, d->nfailed, d->npairs, out_dir);
    size_t failed = d->nfailed;
    free_data(d);
    return !ok ? EXIT_TROUBLE : failed ? EXIT_DIFFERENT : EXIT_SAME;
}

int batch_report(const char *const *inputs, size_t n, const char *out_dir, bool quiet, unsigned threads)
{
    rp_data d = {0};
    rp_reader r = {.d = &d};
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = read_jsonl(&r, inputs[i]);
    reader_free(&r);
    /* a shard may be empty (more shards than files), but not all of them:
     * tables of no plan would pass for a result */
    if (ok && !d.nplans) {
        cli_error(NULL, "report: the documents.jsonl read hold no plan (empty files?)");
        ok = false;
    }
    if (!ok) {
        free_data(&d);
        return EXIT_TROUBLE;
    }
    return report_write(&d, out_dir, quiet, threads);
}

struct batch_report_feed {
    rp_data d;
    rp_reader r;
    char *src;
    size_t lineno;
    bool ok;
};

batch_report_feed *batch_report_feed_new(const char *src)
{
    batch_report_feed *f = rp_calloc(1, sizeof *f);
    f->r.d = &f->d;
    f->src = rp_strdup(src);
    f->ok = true;
    return f;
}

void batch_report_feed_line(batch_report_feed *f, const char *line, size_t len)
{
    f->lineno++;
    if (f->ok && len > 1) /* as read_jsonl passes over an empty line */
        f->ok = read_line(&f->r, f->src, f->lineno, line);
}

void batch_report_feed_row(batch_report_feed *f, batch_report_row *row)
{
    f->lineno++;
    if (f->ok)
        f->ok = ingest(&f->r, f->src, f->lineno, row);
    else
        batch_report_row_free(row);
}

int batch_report_feed_finish(batch_report_feed *f, const char *out_dir, bool quiet, unsigned threads)
{
    int rc;
    reader_free(&f->r);
    if (!out_dir || !f->ok) {
        free_data(&f->d);
        rc = EXIT_TROUBLE;
    } else {
        rc = report_write(&f->d, out_dir, quiet, threads);
    }
    free(f->src);
    free(f);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    const char *out = NULL;
    bool quiet = false;
    const char **inputs = rp_calloc((size_t)argc + 1, sizeof *inputs);
    size_t n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(cli_tr(help_report), stdout);
            free(inputs);
            return EXIT_SAME;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = true;
        } else if (!strcmp(a, "--out") || !strcmp(a, "-o")) {
            if (i + 1 >= argc) {
                cli_error(NULL, "report: option '%s' needs a value", a);
                free(inputs);
                return EXIT_TROUBLE;
            }
            out = argv[++i];
        } else if (!strncmp(a, "--out=", 6)) {
            out = a + 6;
        } else if (a[0] == '-' && a[1]) {
            cli_error(NULL, "report: unknown option '%s' (see 'vnplan help report')", a);
            free(inputs);
            return EXIT_TROUBLE;
        } else {
            inputs[n++] = a;
        }
    }
    if (!n) {
        cli_error(NULL, "report: no batch output to read (see 'vnplan help report')");
        free(inputs);
        return EXIT_TROUBLE;
    }
    struct stat sb;
    if (!out && (stat(inputs[0], &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        cli_error(NULL, "report: %s is no folder: say where to write with --out DIR", inputs[0]);
        free(inputs);
        return EXIT_TROUBLE;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int rc = batch_report(inputs, n, out ? out : inputs[0], quiet, cores > 1 ? 2 : 1);
    free(inputs);
    return rc;
}
