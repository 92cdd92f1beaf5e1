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

static vnplan_format diff_format(const char *name)
{
    if (!name || !strcmp(name, "text"))
        return VNPLAN_FORMAT_TEXT;
    if (!strcmp(name, "json"))
        return VNPLAN_FORMAT_JSON;
    if (!strcmp(name, "csv"))
        return VNPLAN_FORMAT_CSV;
    return VNPLAN_FORMAT_HTML;
}

/* Reads a whole file; NULL after a message. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error(path, "%s", strerror(errno));
        return NULL;
    }
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
    return i < n && b[i] == '<';
}

/* A document given as a file: an XML tree is loaded, anything else parsed
 * (an HTML page opens with '<' too: it is parsed, as with --from). */
static vnplan_doc *load_document(const cli_opts *o, const char *path, const vnplan_grammar *g)
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
        cli_error(path, "%s", err);
        return NULL;
    }
    return doc;
}

static bool is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && !S_ISDIR(sb.st_mode);
}

static void bundled_list(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < vnplan_baseline_count() && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", vnplan_baseline_name(i));
        if (w < 0)
            break;
        used += (size_t)w;
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

int cmd_diff(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "csv", "html", NULL};
    cli_opts o;
    if (!cli_parse_opts(argc, argv, "diff", formats, &o)) {
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    if (o.ninputs == 0) {
        cli_error(NULL, "diff: no plan to compare (see 'vnplan help diff')");
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    int failures = 0;
    cli_files files = {0};
    cli_expand_inputs(&o, &files, &failures);
    vnplan_grammar *owned = NULL;
    const vnplan_grammar *g = cli_grammar(&o, &owned);
    if (!g) {
        cli_files_free(&files);
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    char err[512];

    /* the baseline given with --base, if any */
    vnplan_doc *given = NULL;
    if (o.base) {
        if (is_file(o.base)) {
            given = load_document(&o, o.base, g);
        } else if (vnplan_baseline_load(o.base, g, &given, err, sizeof err) != VNPLAN_OK) {
            char list[256];
            bundled_list(list, sizeof list);
            cli_error(NULL, "--base %s: no such file, and no bundled baseline by that number (bundled: %s)",
                      o.base, list);
        }
        if (!given) {
            cli_files_free(&files);
            free(o.inputs);
            vnplan_grammar_free(owned);
            return EXIT_TROUBLE;
        }
    }

    size_t n = files.n;
    vnplan_doc **plans = calloc(n + 1, sizeof *plans);
    vnplan_diff **diffs = calloc(n + 1, sizeof *diffs);
    base_cache bases = {0};
    if (!plans || !diffs) {
        cli_error(NULL, "out of memory");
        exit(EXIT_TROUBLE);
    }
    size_t compared = 0;
    bool differences = false;
    for (size_t i = 0; i < n; i++) {
        const char *path = files.v[i];
        plans[i] = load_document(&o, path, g);
        if (!plans[i]) {
            failures++;
            continue;
        }
        const char *shown = strcmp(path, "-") ? path : "standard input";
        vnplan_doc *base = given;
        if (!base) {
            vnplan_doc *b = NULL;
            if (vnplan_baseline_for(plans[i], g, &b, err, sizeof err) != VNPLAN_OK) {
                cli_error(shown, "%s", err);
                failures++;
                continue;
            }
            base = cached_base(&bases, b);
        }
        if (vnplan_compare(base, plans[i], g, &diffs[i], err, sizeof err) != VNPLAN_OK) {
            cli_error(shown, "%s", err);
            failures++;
            continue;
        }
        compared++;
        differences = differences || vnplan_diff_has_differences(diffs[i]);
    }

    bool output_ok = true;
    if (compared) {
        FILE *out = cli_open_output(&o);
        if (!out) {
            output_ok = false;
        } else {
            vnplan_format fmt = diff_format(o.format);
            unsigned flags = 0;
            if (fmt == VNPLAN_FORMAT_TEXT && cli_use_color(&o, out))
                flags |= VNPLAN_RENDER_COLOR;
            if (vnplan_diff_render_many((const vnplan_diff *const *)diffs, n, fmt, flags, out, err, sizeof err) !=
                VNPLAN_OK) {
                cli_error(o.output ? o.output : "standard output", "%s", err);
                output_ok = false;
            }
            if (!cli_close_output(&o, out))
                output_ok = false;
        }
    }

    for (size_t i = 0; i < n; i++) {
        vnplan_diff_free(diffs[i]);
        vnplan_doc_free(plans[i]);
    }
    for (size_t i = 0; i < bases.n; i++)
        vnplan_doc_free(bases.docs[i]);
    free(bases.docs);
    free(diffs);
    free(plans);
    vnplan_doc_free(given);
    cli_files_free(&files);
    free(o.inputs);
    vnplan_grammar_free(owned);
    if (failures || !output_ok)
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
