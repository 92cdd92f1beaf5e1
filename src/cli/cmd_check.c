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
#include <sys/stat.h>

static vnplan_format check_format(const char *name)
{
    if (!name || !strcmp(name, "text"))
        return VNPLAN_FORMAT_TEXT;
    if (!strcmp(name, "json"))
        return VNPLAN_FORMAT_JSON;
    return VNPLAN_FORMAT_HTML;
}

int cmd_check(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "html", NULL};
    cli_opts o;
    if (!cli_parse_opts(argc, argv, "check", formats, &o)) {
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    if (o.lang && strcmp(o.lang, "vi") && strcmp(o.lang, "en")) {
        cli_error(NULL, "check: --lang takes vi or en, not '%s'", o.lang);
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    if (o.ninputs == 0) {
        cli_error(NULL, "check: no plan to check (see 'vnplan help check')");
        free(o.inputs);
        return EXIT_TROUBLE;
    }
    unsigned flags = o.lang && !strcmp(o.lang, "en") ? VNPLAN_CHECK_ENGLISH : 0;
    char err[512];
    /* the rule lists are checked once, before any file is read */
    {
        vnplan_doc *probe = NULL;
        vnplan_check *ck = NULL;
        if (vnplan_parse_bytes("KẾ HOẠCH\n", 10, "-", NULL, &probe, err, sizeof err) == VNPLAN_OK &&
            vnplan_check_run(probe, NULL, o.enable, o.disable, flags, &ck, err, sizeof err) != VNPLAN_OK) {
            cli_error(NULL, "check: %s", err);
            vnplan_doc_free(probe);
            free(o.inputs);
            return EXIT_TROUBLE;
        }
        vnplan_check_free(ck);
        vnplan_doc_free(probe);
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
    struct stat base_sb;
    bool base_exists = o.base && stat(o.base, &base_sb) == 0;
    if (!cli_check_output(&o, &files, base_exists ? o.base : NULL)) {
        cli_files_free(&files);
        free(o.inputs);
        vnplan_grammar_free(owned);
        return EXIT_TROUBLE;
    }
    vnplan_doc *given = NULL;
    if (o.base) {
        if (base_exists && S_ISDIR(base_sb.st_mode))
            cli_error(NULL, "--base %s: is a directory; --base takes one file or the number of a bundled decision",
                      o.base);
        else if (base_exists)
            given = cli_load_document(&o, o.base, g);
        else if (vnplan_baseline_load(o.base, g, &given, err, sizeof err) != VNPLAN_OK)
            cli_error(NULL, "--base %s: no such file, and %s", o.base, err);
        if (!given) {
            cli_files_free(&files);
            free(o.inputs);
            vnplan_grammar_free(owned);
            return EXIT_TROUBLE;
        }
    }
    size_t n = files.n;
    vnplan_doc **docs = calloc(n + 1, sizeof *docs);
    vnplan_check **checks = calloc(n + 1, sizeof *checks);
    if (!docs || !checks) {
        cli_error(NULL, "out of memory");
        exit(EXIT_TROUBLE);
    }
    size_t checked = 0;
    bool errors = false;
    for (size_t i = 0; i < n; i++) {
        const char *path = files.v[i];
        docs[i] = cli_load_document(&o, path, g);
        if (!docs[i]) {
            failures++;
            continue;
        }
        if (vnplan_check_run(docs[i], given, o.enable, o.disable, flags, &checks[i], err, sizeof err) != VNPLAN_OK) {
            cli_error(strcmp(path, "-") ? path : cli_tr("standard input"), "%s", err);
            failures++;
            continue;
        }
        checked++;
        errors = errors || vnplan_check_count(checks[i], VNPLAN_SEVERITY_ERROR) > 0;
    }
    bool output_ok = true;
    if (checked) {
        FILE *out = cli_open_output(&o);
        if (!out) {
            output_ok = false;
        } else {
            vnplan_format fmt = check_format(o.format);
            unsigned rflags = fmt == VNPLAN_FORMAT_TEXT && cli_use_color(&o, out) ? VNPLAN_RENDER_COLOR : 0;
            if (vnplan_check_render_many((const vnplan_check *const *)checks, n, fmt, rflags, out, err,
                                         sizeof err) != VNPLAN_OK) {
                cli_output_error(&o, err);
                output_ok = false;
            }
            if (!output_ok)
                cli_discard_output(out);
            else if (!cli_close_output(&o, out))
                output_ok = false;
        }
    }
    for (size_t i = 0; i < n; i++) {
        vnplan_check_free(checks[i]);
        vnplan_doc_free(docs[i]);
    }
    free(checks);
    free(docs);
    vnplan_doc_free(given);
    cli_files_free(&files);
    free(o.inputs);
    vnplan_grammar_free(owned);
    if (failures || !output_ok)
        return EXIT_TROUBLE;
    return errors ? EXIT_DIFFERENT : EXIT_SAME;
}
