/* command.c — how the commands that read plans (parse, targets, diff,
 * check) start and end: their options, the inputs with folders walked, the
 * grammar, the -o check, the --base document, and freeing all of it. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool cli_command_options(cli_command *c, int argc, char **argv, const char *cmd, const char *const *formats,
                         bool takes_lang, const char *none)
{
    memset(c, 0, sizeof *c);
    bool ok = cli_parse_opts(argc, argv, cmd, formats, &c->o);
    if (ok && takes_lang && c->o.lang && strcmp(c->o.lang, "vi") && strcmp(c->o.lang, "en")) {
        cli_error(NULL, "%s: --lang takes vi or en, not '%s'", cmd, c->o.lang);
        ok = false;
    }
    if (ok && c->o.ninputs == 0) {
        cli_error(NULL, "%s", none);
        ok = false;
    }
    if (!ok)
        cli_command_free(c);
    return ok;
}

bool cli_command_inputs(cli_command *c)
{
    cli_expand_inputs(&c->o, &c->files, &c->failures);
    c->g = cli_grammar(&c->o, &c->owned);
    struct stat sb;
    const char *base_file = c->o.base && stat(c->o.base, &sb) == 0 ? c->o.base : NULL;
    if (!c->g || !cli_check_output(&c->o, &c->files, base_file)) {
        cli_command_free(c);
        return false;
    }
    return true;
}

bool cli_command_base(cli_command *c)
{
    const char *base = c->o.base;
    if (!base)
        return true;
    struct stat sb;
    char err[512];
    if (stat(base, &sb) == 0 && S_ISDIR(sb.st_mode))
        cli_error(NULL, "--base %s: is a directory; --base takes one file or the number of a bundled decision", base);
    else if (stat(base, &sb) == 0)
        c->given = cli_load_document(&c->o, base, c->g);
    else if (vnplan_baseline_load(base, c->g, &c->given, err, sizeof err) != VNPLAN_OK)
        cli_error(NULL, "--base %s: no such file, and %s", base, err);
    if (!c->given) {
        cli_command_free(c);
        return false;
    }
    return true;
}

void cli_command_free(cli_command *c)
{
    vnplan_doc_free(c->given);
    cli_files_free(&c->files);
    free(c->o.inputs);
    vnplan_grammar_free(c->owned);
    memset(c, 0, sizeof *c);
}
