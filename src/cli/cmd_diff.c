/* cmd_diff.c — `vnplan diff` (a plan against the decision it implements) and
 * `vnplan baselines` (the decisions bundled as baselines).
 *
 *   vnplan diff [--base FILE|NUMBER] PLAN|DIR... [--format text|json|csv|html] [-o OUT]
 *
 * --base is a tree in vnplan's XML format, a raw decision or plan text
 * (parsed: a commune's plan against its province's), or the number of a
 * bundled decision.  Without it each plan is compared with the bundled
 * baseline of the decision its metadata says it implements.  One report per
 * plan; with several plans text, csv and html end with a summary across the
 * plans.  Exit status like diff(1): 0 nothing changed or missing, 1
 * differences, 2 trouble (a plan that cannot be read or compared, output
 * that cannot be written) — the other plans are still reported. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Reads a whole file; NULL after a message. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = cli_open_input(path);
    if (!f)
        return NULL;
    char *buf = cli_read_all(f, path, len);
    fclose(f);
    return buf;
}

/* A vnplan XML tree: the first thing after white space (and a BOM) is '<'. */
static bool looks_xml(const char *b, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF)
        i = 3;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
        i++;
    /* an HTML page is a document to parse, not a tree */
    return i < n && b[i] == '<' && vnplan_detect_input(b, n) != VNPLAN_INPUT_HTML;
}

/* A document given as a file: an XML tree is loaded, anything else parsed
 * (an HTML page opens with '<' too: it is parsed, as with --from). */
vnplan_doc *cli_load_document(const cli_opts *o, const char *path, const vnplan_grammar *g)
{
    if (!strcmp(path, "-"))
        return cli_parse_input(o, path, g);
    size_t len = 0;
    char *bytes = slurp(path, &len);
    if (!bytes)
        return NULL;
    if (o->from || !looks_xml(bytes, len) || vnplan_detect_input(bytes, len) != VNPLAN_INPUT_TEXT) {
        free(bytes);
        return cli_parse_input(o, path, g);
    }
    vnplan_doc *doc = NULL;
    char err[512];
    vnplan_status st = vnplan_load_xml(bytes, len, path, g, &doc, err, sizeof err);
    free(bytes);
    if (st != VNPLAN_OK) {
        /* the loader's message names the file (and the line) already */
        size_t n = strlen(path);
        bool named = !strncmp(err, path, n) && err[n] == ':';
        cli_error(named ? NULL : path, "%s", err);
        return NULL;
    }
    return doc;
}

/* Two document numbers are the same number whatever the case of their
 * letters ("11/KH-UBND", "11/kh-ubnd"; "QĐ" and "qđ"). */
static bool same_number(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    for (;;) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (!x || !y)
            return x == y;
        if (x == 0xC4 && y == 0xC4 && (a[1] & 0xFE) == (b[1] & 0xFE) && ((unsigned char)a[1] & 0xFE) == 0x90) {
            a += 2; /* Đ U+0110 / đ U+0111 */
            b += 2;
            continue;
        }
        if (x >= 'a' && x <= 'z')
            x = (unsigned char)(x - 32);
        if (y >= 'a' && y <= 'z')
            y = (unsigned char)(y - 32);
        if (x != y)
            return false;
        a++;
        b++;
    }
}

/* --base-dir DIR: the decisions and plans that plans may implement, known
 * by their number (and date).  Each plan is compared with the first
 * document it says it implements that the folder holds. */
typedef struct base_dir {
    vnplan_doc **docs;
    size_t n;
} base_dir;

static bool load_base_dir(const cli_opts *o, const char *dir, const vnplan_grammar *g, base_dir *out)
{
    cli_opts dopts = *o;
    char *inputs[1] = {(char *)dir};
    dopts.inputs = inputs;
    dopts.ninputs = 1;
    cli_files files = {0};
    int failures = 0;
    cli_expand_inputs(&dopts, &files, &failures);
    /* the output must not be one of these either (it is opened only after) */
    if (!cli_check_output(o, &files, NULL)) {
        cli_files_free(&files);
        return false;
    }
    out->docs = calloc(files.n + 1, sizeof *out->docs);
    if (!out->docs) {
        cli_files_free(&files);
        cli_error(NULL, "out of memory");
        return false;
    }
    for (size_t i = 0; i < files.n; i++) {
        vnplan_doc *d = cli_load_document(o, files.v[i], g);
        if (!d)
            continue; /* said why; the folder's other documents still serve */
        if (!vnplan_meta_number(d)) {
            cli_warn(o, files.v[i], "--base-dir: no number of its own: no plan can cite it");
            vnplan_doc_free(d);
            continue;
        }
        out->docs[out->n++] = d;
    }
    cli_files_free(&files);
    if (!out->n) {
        cli_error(dir, "--base-dir: no decision or plan with a number in this folder");
        return false;
    }
    return true;
}

static void free_base_dir(base_dir *d)
{
    for (size_t i = 0; i < d->n; i++)
        vnplan_doc_free(d->docs[i]);
    free(d->docs);
}

/* The first document the plan implements that the folder holds: the same
 * number, and the same date when both give one. */
static vnplan_doc *base_dir_for(const base_dir *d, const vnplan_doc *plan)
{
    for (size_t i = 0; i < vnplan_meta_implements_count(plan); i++) {
        const char *num = vnplan_meta_implements_number(plan, i);
        const char *date = vnplan_meta_implements_date(plan, i);
        for (size_t k = 0; k < d->n; k++) {
            const char *kd = vnplan_meta_date(d->docs[k]);
            if (same_number(vnplan_meta_number(d->docs[k]), num) && (!date || !kd || !strcmp(date, kd)))
                return d->docs[k];
        }
    }
    return NULL;
}

/* A plan that implements another plan (a commune's plan carrying out its
 * province's), compared with the decision above both: the reader is told
 * which plan it implements and how to compare with that one. */
static void note_implemented_plan(const cli_opts *o, const char *shown, const vnplan_doc *plan,
                                  const vnplan_doc *base)
{
    for (size_t i = 0; i < vnplan_meta_implements_count(plan); i++) {
        const char *kind = vnplan_meta_implements_kind(plan, i);
        const char *num = vnplan_meta_implements_number(plan, i);
        if (!kind || strcmp(kind, "ke_hoach") != 0 || same_number(num, vnplan_meta_number(base)))
            continue;
        cli_warn(o, shown,
                 "it implements the plan %s; it is compared here with %s. To compare it with %s itself, "
                 "give that plan's file with --base FILE, or a folder of plans with --base-dir DIR",
                 num, vnplan_meta_number(base) ? vnplan_meta_number(base) : "the baseline", num);
        return;
    }
}

/* Bundled baselines loaded for the plans, one per decision. */
typedef struct base_cache {
    vnplan_doc **docs;
    size_t n, cap;
} base_cache;

static vnplan_doc *cached_base(base_cache *c, vnplan_doc *doc)
{
    for (size_t i = 0; i < c->n; i++) {
        const char *a = vnplan_meta_number(c->docs[i]), *b = vnplan_meta_number(doc);
        if (a && b && !strcmp(a, b)) {
            vnplan_doc_free(doc);
            return c->docs[i];
        }
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4;
        vnplan_doc **nd = realloc(c->docs, c->cap * sizeof *nd);
        if (!nd) {
            cli_error(NULL, "out of memory");
            exit(EXIT_TROUBLE);
        }
        c->docs = nd;
    }
    c->docs[c->n++] = doc;
    return doc;
}

/* A plan not compared: counted, and listed in the report with the reason
 * cli_error just gave, in the report's language. */
static void plan_failed(cli_command *c, const char **names, char **reasons, size_t i, const char *path)
{
    c->failures++;
    names[i] = path;
    reasons[i] = strdup(cli_last_error(cli_report_lang(&c->o)));
}

int cmd_diff(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "csv", "html", NULL};
    cli_command c;
    if (!cli_command_options(&c, argc, argv, "diff", formats, true,
                             cli_tr("diff: no plan to compare (see 'vnplan help diff')")) ||
        !cli_command_inputs(&c) || !cli_command_base(&c))
        return EXIT_TROUBLE;
    const cli_opts *o = &c.o;
    char err[512];

    base_dir dir = {0};
    if (o->base_dir && (c.given || !load_base_dir(o, o->base_dir, c.g, &dir))) {
        if (c.given)
            cli_error(NULL, "diff: --base and --base-dir exclude each other");
        free_base_dir(&dir);
        cli_command_free(&c);
        return EXIT_TROUBLE;
    }

    size_t n = c.files.n;
    /* the plans, then the files the folder walk left out: no diff, a name and a reason */
    size_t nall = n + c.files.nskipped;
    vnplan_doc **plans = cli_xcalloc_list(nall, sizeof *plans);
    vnplan_diff **diffs = cli_xcalloc_list(nall, sizeof *diffs);
    /* the plans that fail, and why: rows of the summary across plans */
    const char **failed_names = cli_xcalloc_list(nall, sizeof *failed_names);
    char **failed_reasons = cli_xcalloc_list(nall, sizeof *failed_reasons);
    base_cache bases = {0};
    size_t compared = 0;
    bool differences = false;
    for (size_t i = 0; i < n; i++) {
        const char *path = c.files.v[i];
        plans[i] = cli_load_document(o, path, c.g);
        if (!plans[i]) {
            plan_failed(&c, failed_names, failed_reasons, i, path);
            continue;
        }
        const char *shown = cli_shown_path(path);
        vnplan_doc *base = c.given;
        if (!base && o->base_dir)
            base = base_dir_for(&dir, plans[i]);
        if (!base) {
            vnplan_doc *b = NULL;
            if (vnplan_baseline_for(plans[i], c.g, &b, err, sizeof err) != VNPLAN_OK) {
                cli_error(shown, "%s", err);
                plan_failed(&c, failed_names, failed_reasons, i, path);
                continue;
            }
            base = cached_base(&bases, b);
            note_implemented_plan(o, shown, plans[i], base);
        }
        if (vnplan_compare(base, plans[i], c.g, &diffs[i], err, sizeof err) != VNPLAN_OK) {
            cli_error(shown, "%s", err);
            plan_failed(&c, failed_names, failed_reasons, i, path);
            continue;
        }
        compared++;
        differences = differences || vnplan_diff_has_differences(diffs[i]);
    }

    for (size_t k = 0; k < c.files.nskipped; k++) {
        failed_names[n + k] = c.files.skipped[k].path;
        failed_reasons[n + k] = strdup(cli_skip_reason(&c.files.skipped[k], cli_report_lang(o)));
    }

    FILE *out = compared ? cli_open_output(o) : NULL;
    bool output_ok = !compared || out;
    if (out) {
        vnplan_format fmt = cli_format(o->format, VNPLAN_FORMAT_TEXT);
        unsigned flags = cli_lang_flags(o);
        if (fmt == VNPLAN_FORMAT_TEXT && cli_use_color(o, out))
            flags |= VNPLAN_RENDER_COLOR;
        if (fmt == VNPLAN_FORMAT_TEXT)
            flags |= VNPLAN_RENDER_WIDTH(cli_text_width(out));
        vnplan_status st = vnplan_diff_render_report((const vnplan_diff *const *)diffs, failed_names,
                                                     (const char *const *)failed_reasons, nall, fmt, flags, out, err,
                                                     sizeof err);
        output_ok = cli_finish_output(o, out, st, err);
    }

    for (size_t i = 0; i < nall; i++) {
        vnplan_diff_free(diffs[i]);
        vnplan_doc_free(plans[i]);
        free(failed_reasons[i]);
    }
    free(failed_reasons);
    free(failed_names);
    for (size_t i = 0; i < bases.n; i++)
        vnplan_doc_free(bases.docs[i]);
    free(bases.docs);
    free(diffs);
    free(plans);
    free_base_dir(&dir);
    bool trouble = c.failures || !output_ok;
    cli_command_free(&c);
    if (trouble)
        return EXIT_TROUBLE;
    return differences ? EXIT_DIFFERENT : EXIT_SAME;
}

int cmd_baselines(int argc, char **argv)
{
    static const char *const formats[] = {"text", NULL};
    cli_opts o;
    if (!cli_parse_opts(argc, argv, "baselines", formats, &o)) {
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    if (o.ninputs) {
        cli_error(NULL, "baselines: takes no files (see 'vnplan help baselines')");
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    vnplan_grammar *owned = NULL;
    const vnplan_grammar *g = cli_grammar(&o, &owned);
    FILE *out = g ? cli_open_output(&o) : NULL;
    if (!g || !out) {
        free(o.inputs);
        vnplan_grammar_free(owned);
        return EXIT_TROUBLE;
    }
    int rc = EXIT_SAME;
    fprintf(out, "%-14s %7s %11s  %s\n", "DECISION", "TARGETS", "UNCONFIRMED", "TITLE");
    for (size_t i = 0; i < vnplan_baseline_count(); i++) {
        const char *name = vnplan_baseline_name(i);
        vnplan_doc *doc = NULL;
        char err[512];
        if (vnplan_baseline_load(name, g, &doc, err, sizeof err) != VNPLAN_OK) {
            cli_error(name, "%s", err);
            rc = EXIT_TROUBLE;
            continue;
        }
        size_t targets = 0, unconfirmed = 0;
        for (size_t t = 0; t < vnplan_target_count(doc); t++) {
            if (strcmp(vnplan_target_kind(doc, t), "quantified") != 0)
                continue;
            targets++;
            const char *c = vnplan_target_confidence(doc, t);
            if (!c || strcmp(c, "confirmed") != 0)
                unconfirmed++;
        }
        /* the number column is padded by characters, not bytes (Đ is two) */
        size_t chars = 0;
        for (const char *p = name; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        fprintf(out, "%s%*s %7zu %11zu  %s\n", name, (int)(chars < 14 ? 14 - chars : 0), "", targets, unconfirmed,
                vnplan_baseline_title(i) ? vnplan_baseline_title(i) : "");
        vnplan_doc_free(doc);
    }
    if (!cli_close_output(&o, out))
        rc = EXIT_TROUBLE;
    free(o.inputs);
    vnplan_grammar_free(owned);
    return rc;
}
