/* cmd_check.c — `vnplan check`: a plan's consistency with itself and with
 * the decision it implements.
 *
 *   vnplan check FILE|DIR... [--format text|json|html] [--base FILE|NUMBER]
 *                [--disable RULE,...] [--enable RULE,...] [--lang vi|en] [-o OUT]
 *
 * Without --base each plan is checked against the bundled baseline of the
 * decision it says it implements, when there is one (otherwise against
 * itself only).  Exit status: 0 no error finding, 1 some error finding, 2
 * trouble (a file that cannot be read, an unknown rule or language, output
 * that cannot be written) — the other files are still reported. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Reads and checks the command's i-th file into *doc and *ck; false, after a
 * message, when it cannot be read or checked. */
static bool check_file(cli_command *c, size_t i, unsigned flags, vnplan_doc **doc, vnplan_check **ck)
{
    const char *path = c->files.v[i];
    char err[512];
    *doc = cli_load_document(&c->o, path, c->g);
    if (!*doc)
        return false;
    if (vnplan_check_run(*doc, c->given, c->o.enable, c->o.disable, flags, ck, err, sizeof err) !=
        VNPLAN_OK) {
        cli_error(cli_shown_path(path), "%s", err);
        return false;
    }
    return true;
}

int cmd_check(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "html", NULL};
    cli_command c;
    if (!cli_command_options(&c, argc, argv, "check", formats, true,
                             cli_tr("check: no plan to check (see 'vnplan help check')")))
        return EXIT_TROUBLE;
    unsigned flags = c.o.lang && !strcmp(c.o.lang, "en") ? VNPLAN_CHECK_ENGLISH : 0;
    char err[512];
    /* the rule lists are checked once, before any file is read */
    {
        vnplan_doc *probe = NULL;
        vnplan_check *ck = NULL;
        if (vnplan_parse_bytes("KẾ HOẠCH\n", 10, "-", NULL, &probe, err, sizeof err) == VNPLAN_OK &&
            vnplan_check_run(probe, NULL, c.o.enable, c.o.disable, flags, &ck, err, sizeof err) != VNPLAN_OK) {
            cli_error(NULL, "check: %s", err);
            vnplan_doc_free(probe);
            cli_command_free(&c);
            return EXIT_TROUBLE;
        }
        vnplan_check_free(ck);
        vnplan_doc_free(probe);
    }
    if (!cli_command_inputs(&c) || !cli_command_base(&c))
        return EXIT_TROUBLE;
    const cli_opts *o = &c.o;
    size_t n = c.files.n;
    vnplan_doc **docs = cli_xcalloc_list(n, sizeof *docs);
    vnplan_check **checks = cli_xcalloc_list(n, sizeof *checks);
    size_t checked = 0;
    bool errors = false;
    for (size_t i = 0; i < n; i++) {
        if (!check_file(&c, i, flags, &docs[i], &checks[i])) {
            c.failures++;
            continue;
        }
        checked++;
        errors = errors || vnplan_check_count(checks[i], VNPLAN_SEVERITY_ERROR) > 0;
    }
    FILE *out = checked ? cli_open_output(o) : NULL;
    bool output_ok = !checked || out;
    if (out) {
        vnplan_format fmt = cli_format(o->format, VNPLAN_FORMAT_TEXT);
        unsigned rflags = fmt == VNPLAN_FORMAT_TEXT && cli_use_color(o, out) ? VNPLAN_RENDER_COLOR : 0;
        vnplan_status st = vnplan_check_render_many((const vnplan_check *const *)checks, n, fmt, rflags, out, err,
                                                    sizeof err);
        output_ok = cli_finish_output(o, out, st, err);
    }
    for (size_t i = 0; i < n; i++) {
        vnplan_check_free(checks[i]);
        vnplan_doc_free(docs[i]);
    }
    free(checks);
    free(docs);
    bool trouble = c.failures || !output_ok;
    cli_command_free(&c);
    if (trouble)
        return EXIT_TROUBLE;
    return errors ? EXIT_DIFFERENT : EXIT_SAME;
}
