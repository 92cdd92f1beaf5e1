/* cmd_parse.c — `vnplan parse` and `vnplan targets`: parse each input and
 * write its tree (or its targets) in one stream. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double stats_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* parse --stats: where the time went, stage by stage, and the parse alone */
static void print_stats(const char *file, const vnplan_doc *doc, double render_seconds)
{
    double total = 0;
    fprintf(stderr, "%s:\n", file);
    for (size_t i = 0; i < vnplan_doc_stage_count(); i++) {
        double s;
        const char *name = vnplan_doc_stage(doc, i, &s);
        total += s;
        fprintf(stderr, "  %-16s %8.3f s\n", name, s);
    }
    fprintf(stderr, "  %-16s %8.3f s\n  %-16s %8.3f s\n", "parse (all)", total, "render", render_seconds);
}

static int run(int argc, char **argv, const char *cmd, const char *const *formats, vnplan_format dflt,
               unsigned base_flags)
{
    char none[128];
    snprintf(none, sizeof none, cli_tr("%s: no input files (see 'vnplan help %s')"), cmd, cmd);
    cli_command c;
    if (!cli_command_options(&c, argc, argv, cmd, formats, false, none) || !cli_command_inputs(&c))
        return EXIT_TROUBLE;
    const cli_opts *o = &c.o;
    vnplan_format fmt = cli_format(o->format, dflt);
    unsigned flags = base_flags;
    if (o->no_targets)
        flags |= VNPLAN_RENDER_NO_TARGETS;
    /* the output is opened with the first plan that parses: when none
     * does, nothing is written (an existing -o file stays as it was) */
    FILE *out = NULL;
    vnplan_renderer *r = NULL;
    bool output_ok = true;
    size_t written = 0;
    char err[512];
    for (size_t i = 0; i < c.files.n && output_ok; i++) {
        vnplan_doc *doc = cli_parse_input(o, c.files.v[i], c.g);
        if (!doc) {
            c.failures++;
            continue;
        }
        if (!out) {
            out = cli_open_output(o);
            if (out && fmt == VNPLAN_FORMAT_TEXT && cli_use_color(o, out))
                flags |= VNPLAN_RENDER_COLOR;
            /* one input: rendered as one document (vnplan_render), so that
             * JSON streams instead of holding the document in memory until it
             * knows no second one follows (16 bytes a byte of a huge plan) */
            r = out && c.files.n > 1 ? vnplan_renderer_new(fmt, flags, out) : NULL;
            output_ok = out && (r || c.files.n == 1);
            if (!output_ok) {
                if (out)
                    cli_output_error(o, "cannot start the output (out of memory)");
                vnplan_doc_free(doc);
                break;
            }
        }
        double t0 = stats_now();
        vnplan_status st = r ? vnplan_renderer_add(r, doc, err, sizeof err)
                             : vnplan_render(doc, fmt, flags, out, err, sizeof err);
        if (st != VNPLAN_OK) {
            cli_output_error(o, err);
            output_ok = false;
        } else {
            written++;
        }
        if (o->stats)
            print_stats(c.files.v[i], doc, stats_now() - t0);
        vnplan_doc_free(doc);
    }
    if (r && vnplan_renderer_finish(r, err, sizeof err) != VNPLAN_OK && output_ok) {
        cli_output_error(o, err);
        output_ok = false;
    }
    if (out && output_ok && written) {
        if (!cli_close_output(o, out))
            output_ok = false;
    } else if (out) {
        cli_discard_output(out);
    }
    bool trouble = c.failures || !output_ok;
    cli_command_free(&c);
    return trouble ? EXIT_TROUBLE : EXIT_SAME;
}

int cmd_parse(int argc, char **argv)
{
    static const char *const formats[] = {"xml", "json", "text", NULL};
    return run(argc, argv, "parse", formats, VNPLAN_FORMAT_XML, 0);
}

int cmd_targets(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "tsv", "xml", NULL};
    return run(argc, argv, "targets", formats, VNPLAN_FORMAT_TEXT, VNPLAN_RENDER_TARGETS_ONLY);
}
