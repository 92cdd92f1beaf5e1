/* cli.c — the vnplan program: subcommand dispatch (cli_main), options,
 * inputs, messages.  Each subcommand lives in its own file (cmd_*.c);
 * main.c only calls cli_main, so that a fuzz harness (tests/fuzz/
 * fuzz_report.c) links the rest of the program with a main of its own. */
#include "batch.h"
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] = N_(
    "usage: vnplan COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Vietnamese administrative plans as normalized trees, their targets, and\n"
    "how a plan compares with the decision it implements.\n"
    "\n"
    "commands:\n"
    "  parse      the normalized tree of each file          (--format xml|json|text)\n"
    "  targets    the targets of each file                  (--format text|json|tsv|xml)\n"
    "  diff       a plan against the decision it implements (--format text|json|csv|html)\n"
    "  check      a plan's consistency with itself and its decision (--format text|json|html)\n"
    "  batch      thousands of plans on every core: documents.jsonl, tables, dashboard\n"
    "  report     the tables and dashboard of batch outputs (shards merged)\n"
    "  baselines  the decisions bundled as baselines\n"
    "  help CMD   the options of a command\n"
    "\n"
    "FILE may be a directory (its .txt .docx .odt .pdf .html .md files, recursively)\n"
    "or - for standard input.  The format is told from the content (--from F to force).\n"
    "Run 'vnplan help COMMAND' or see vnplan(1).\n");

static const char *const help_parse = N_(
    "usage: vnplan parse FILE... [--format xml|json|text] [-o OUT] [--grammars DIR] [--no-targets]\n"
    "\n"
    "Reads each plan (a text in UTF-8 with or without BOM, UTF-16, UTF-32,\n"
    "Windows-1258, TCVN3, VNI or VISCII, any line ends, NFC or NFD; or a .docx,\n"
    ".odt, .pdf, .html or .md file) and writes its normalized tree: preamble,\n"
    "numbered body with canonical section labels, closing, footnotes; metadata;\n"
    "and the targets inside the nodes where they occur.\n"
    "\n"
    "  --format F     xml (default), json, or text (an outline for reading)\n"
    "  -o OUT         write to OUT instead of standard output\n"
    "  --from F       read every input as F: txt, docx, odt, pdf, html or md\n"
    "                 (default: told from each file's content)\n"
    "  --grammars DIR read grammar files from DIR (files missing there: built-in)\n"
    "  --no-targets   leave the targets out\n"
    "  --stats        print the time each pipeline stage took, on standard error\n"
    "  --color WHEN   auto (default), always, never: colour in text output\n"
    "  -q, --quiet    no warnings\n"
    "\n"
    "Exit status: 0 success, 2 when any file could not be read or parsed.\n");

static const char *const help_targets = N_(
    "usage: vnplan targets FILE... [--format text|json|tsv|xml] [-o OUT] [--grammars DIR]\n"
    "\n"
    "Lists every target of each plan: indicator, comparator, value, unit and unit\n"
    "class, phase, parent (for \"trong đó\" parts), section, sentence and span.\n"
    "\n"
    "  --format F     text (default), json, tsv, or xml\n"
    "  -o OUT         write to OUT instead of standard output\n"
    "  --from F       read every input as F: txt, docx, odt, pdf, html or md\n"
    "                 (default: told from each file's content)\n"
    "  --grammars DIR read grammar files from DIR\n"
    "  -q, --quiet    no warnings\n"
    "\n"
    "Exit status: 0 success, 2 when any file could not be read or parsed.\n");

static const char *const help_diff = N_(
    "usage: vnplan diff [--base FILE|NUMBER | --base-dir DIR] PLAN|DIR... [--format text|json|csv|html] [-o OUT]\n"
    "\n"
    "Compares each plan with the decision it implements: which targets of the\n"
    "decision it adopted, changed (value, comparator, phase or unit; stricter,\n"
    "looser, or a localized share of a national figure), left out, and which it\n"
    "added; its qualitative objectives; which task groups it covers; which bodies\n"
    "it gives duties to.  Findings that rest on a baseline figure that is not\n"
    "confirmed say \"unverified\".  Several plans (or a directory) give one report\n"
    "per plan and, in text, csv and html, a summary across the plans.\n"
    "\n"
    "  --base B       the baseline: a tree in vnplan's XML format, a raw decision or\n"
    "                 plan text (parsed: a commune's plan against its province's), or\n"
    "                 the number of a bundled decision (1002/QĐ-TTg, or just 1002).\n"
    "                 Default: the decision each plan says it implements.  A bundled\n"
    "                 baseline is refused for a plan that implements another decision.\n"
    "  --base-dir DIR a folder of decisions and plans (any format): each plan is\n"
    "                 compared with the first document it says it implements that\n"
    "                 the folder holds (a commune's plan with its province's plan),\n"
    "                 else with the bundled decision\n"
    "  --format F     text (default), json, csv, or html (one self-contained page)\n"
    "  -o OUT         write to OUT instead of standard output\n"
    "  --from F       read every input as F: txt, docx, odt, pdf, html or md\n"
    "                 (default: told from each file's content)\n"
    "  --grammars DIR read grammar files from DIR\n"
    "  --lang L       vi (default) or en: the language of the report\n"
    "  --color WHEN   auto (default: when the output is a terminal), always, never\n"
    "  -q, --quiet    no warnings\n"
    "\n"
    "Exit status: 0 nothing changed or missing, 1 differences, 2 trouble (a plan\n"
    "that cannot be read, has no baseline, or implements another decision).\n"
    "See docs/diff.md and docs/baselines.md.\n");

static const char *const help_check = N_(
    "usage: vnplan check FILE|DIR... [--format text|json|html] [--base FILE|NUMBER]\n"
    "                    [--disable RULE,...] [--enable RULE,...] [--lang vi|en] [-o OUT]\n"
    "\n"
    "Checks each plan for consistency with itself and with the decision it\n"
    "implements, as a reviewer does before it is signed.  Every finding has a\n"
    "rule, a severity (error, warning, note), the line and the words it rests on:\n"
    "\n"
    "  numbering             a marker sequence that skips or repeats (I, II, IV)\n"
    "  part-exceeds-total    a \"trong đó\" part above its total\n"
    "  phase-regression      a later phase's target below an earlier one's\n"
    "  restated-differently  one target stated twice with different values\n"
    "  citation              the decision cited with another number, date or issuer\n"
    "  date-order            the plan dated before the decision it implements\n"
    "  missing-section       a canonical section absent (Kinh phí ...)\n"
    "  empty-section         a canonical section with no content\n"
    "  period                a target year outside the plan's or decision's period\n"
    "  admin-level           work given to a level that no longer exists (cấp huyện\n"
    "                        after 1 July 2025)\n"
    "  deadline              a deadline set before the plan's own date\n"
    "  unassigned-task       a task group no body in Tổ chức thực hiện is given\n"
    "                        (off by default)\n"
    "\n"
    "  --format F     text (default: FILE:LINE: severity: message [rule]), json, html\n"
    "  --base B       the decision to check citations and period against: a tree in\n"
    "                 vnplan's XML format, a text, or a bundled decision's number.\n"
    "                 Default: the bundled decision the plan says it implements\n"
    "  --disable L    turn off the rules of the comma-separated list L\n"
    "  --enable L     turn on rules that are off by default ('all' for every rule)\n"
    "  --lang L       vi (default) or en: the language of the messages\n"
    "  -o OUT         write to OUT instead of standard output\n"
    "  --grammars DIR read grammar files from DIR\n"
    "  --color WHEN   auto (default), always, never\n"
    "  -q, --quiet    no parser warnings\n"
    "\n"
    "Exit status: 0 no error finding, 1 some error finding, 2 trouble (a file that\n"
    "cannot be read, an unknown rule, output that cannot be written).\n"
    "See docs/check.md.\n");

static const char *const help_baselines = N_(
    "usage: vnplan baselines [-o OUT]\n"
    "\n"
    "Lists the decisions compiled into vnplan as baselines: the decision's number,\n"
    "how many quantified targets it carries, how many of them rest on figures that\n"
    "are not confirmed (likely or inferred), and its title.\n");

/* The last message said, without "vnplan: " and the file, in both
 * languages: a report names the plans that failed and why in its own
 * language, which need not be the locale's (cli_last_error). */
static _Thread_local char last_error[2][512]; /* batch workers say errors too */

const char *cli_last_error(vnplan_lang lang) { return last_error[lang == VNPLAN_LANG_EN]; }

/* The language of the program's own messages: the user's locale, as
 * gettext reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: the first set);
 * Vietnamese for vi*, English otherwise.  (Reports follow --lang.) */
vnplan_lang cli_lang(void)
{
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "vi", 2) == 0 ? VNPLAN_LANG_VI : VNPLAN_LANG_EN;
    }
    return VNPLAN_LANG_EN;
}

const char *cli_tr(const char *msgid) { return vnplan_translate(cli_lang(), msgid); }

void cli_error(const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vnplan_vformat(VNPLAN_LANG_VI, last_error[0], sizeof last_error[0], fmt, ap);
    va_end(ap);
    va_start(ap, fmt);
    vnplan_vformat(VNPLAN_LANG_EN, last_error[1], sizeof last_error[1], fmt, ap);
    va_end(ap);
    fputs("vnplan: ", stderr);
    if (file)
        fprintf(stderr, "%s: ", file);
    fputs(cli_last_error(cli_lang()), stderr);
    fputc('\n', stderr);
}

void cli_note(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vnplan_vformat(cli_lang(), msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "vnplan: %s\n", msg);
}

void cli_warn(const cli_opts *o, const char *file, const char *fmt, ...)
{
    if (o->quiet)
        return;
    va_list ap;
    fputs("vnplan: ", stderr);
    if (file)
        fprintf(stderr, "%s: ", file);
    fputs(vnplan_translate(cli_lang(), "warning: "), stderr);
    char msg[1024];
    va_start(ap, fmt);
    vnplan_vformat(cli_lang(), msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs(msg, stderr);
    fputc('\n', stderr);
}

/* The commands, with their help (NULL: the command prints its own when
 * given --help). */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *const *help;
} commands[] = {
    {"parse", cmd_parse, &help_parse}, {"targets", cmd_targets, &help_targets},
    {"diff", cmd_diff, &help_diff},    {"baselines", cmd_baselines, &help_baselines},
    {"check", cmd_check, &help_check}, {"batch", cmd_batch, NULL},
    {"report", cmd_report, NULL},
};

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return &commands[i];
    return NULL;
}

static const char *command_help(const char *cmd)
{
    const struct command *c = find_command(cmd);
    return c && c->help ? *c->help : usage_text;
}

cli_arg cli_arg_kind(const char *a, bool *only_files, const char *help)
{
    if (*only_files || a[0] != '-' || !strcmp(a, "-"))
        return CLI_ARG_FILE;
    if (!strcmp(a, "--")) {
        *only_files = true;
        return CLI_ARG_END_OPTIONS;
    }
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
        fputs(cli_tr(help), stdout);
        exit(EXIT_SAME);
    }
    return CLI_ARG_OPTION;
}

bool cli_parse_opts(int argc, char **argv, const char *cmd, const char *const *allowed, cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->inputs = calloc((size_t)argc + 1, sizeof *o->inputs);
    if (!o->inputs) {
        cli_error(NULL, "out of memory");
        return false;
    }
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        const char *inline_val = NULL;
        cli_arg kind = cli_arg_kind(a, &only_files, command_help(cmd));
        if (kind == CLI_ARG_FILE)
            o->inputs[o->ninputs++] = argv[i];
        if (kind != CLI_ARG_OPTION)
            continue;
        const char *eq = strchr(a, '=');
        size_t name_len = eq ? (size_t)(eq - a) : strlen(a);
        if (eq)
            inline_val = eq + 1;
#define IS(opt) (name_len == strlen(opt) && !strncmp(a, opt, name_len))
        if (IS("--format") || IS("-f"))
            slot = &o->format;
        else if (IS("-o") || IS("--output"))
            slot = &o->output;
        else if (IS("--grammars"))
            slot = &o->grammars;
        else if (IS("--base") && (!strcmp(cmd, "diff") || !strcmp(cmd, "check")))
            slot = &o->base;
        else if (IS("--base-dir") && !strcmp(cmd, "diff"))
            slot = &o->base_dir;
        else if (IS("--from"))
            slot = &o->from;
        else if (IS("--enable") && !strcmp(cmd, "check"))
            slot = &o->enable;
        else if (IS("--disable") && !strcmp(cmd, "check"))
            slot = &o->disable;
        else if (IS("--lang") && (!strcmp(cmd, "check") || !strcmp(cmd, "diff")))
            slot = &o->lang;
        else if (IS("--color") || IS("--colour"))
            slot = &o->color;
        else if (IS("--no-targets") && !strcmp(cmd, "parse") && !eq)
            o->no_targets = true;
        else if (IS("--stats") && !eq)
            o->stats = true;
        else if ((IS("-q") || IS("--quiet")) && !eq)
            o->quiet = true;
        else {
            cli_error(NULL, "%s: unknown option '%s' (see 'vnplan help %s')", cmd, a, cmd);
            return false;
        }
#undef IS
        if (slot) {
            if (inline_val)
                *slot = inline_val;
            else if (i + 1 < argc)
                *slot = argv[++i];
            else {
                cli_error(NULL, "%s: option '%s' needs a value", cmd, a);
                return false;
            }
        }
    }
    if (o->format) {
        bool ok = false;
        char list[128] = "";
        for (const char *const *f = allowed; *f; f++) {
            ok = ok || !strcmp(*f, o->format);
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", *f);
        }
        if (!ok) {
            cli_error(NULL, "%s: unknown format '%s' (allowed: %s)", cmd, o->format, list);
            return false;
        }
    }
    if (o->from && (vnplan_input_from_name(o->from) < 0 || !strcmp(o->from, "auto"))) {
        cli_error(NULL, "%s: --from takes txt, docx, odt, pdf, html or md, not '%s'", cmd, o->from);
        return false;
    }
    if (o->color && strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never")) {
        cli_error(NULL, "%s: --color takes auto, always or never, not '%s'", cmd, o->color);
        return false;
    }
    return true;
}

const vnplan_grammar *cli_grammar(const cli_opts *o, vnplan_grammar **owned)
{
    *owned = NULL;
    if (!o->grammars) {
        const vnplan_grammar *g = vnplan_grammar_default();
        if (!g)
            cli_error(NULL, "the built-in grammars failed to load (a build defect)");
        return g;
    }
    char err[512];
    if (vnplan_grammar_load(o->grammars, owned, err, sizeof err) != VNPLAN_OK) {
        cli_error(NULL, "--grammars: %s", err);
        return NULL;
    }
    return *owned;
}

char *cli_read_all(FILE *f, const char *name, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = cap < ((size_t)1 << 31) ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    bool bad = ferror(f) != 0;
    if (!buf || bad) {
        cli_error(name, bad ? "read error" : "too large or out of memory");
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

vnplan_doc *cli_parse_input(const cli_opts *o, const char *path, const vnplan_grammar *g)
{
    char err[512];
    vnplan_doc *doc = NULL;
    vnplan_status st;
    vnplan_input in = o->from ? (vnplan_input)vnplan_input_from_name(o->from) : VNPLAN_INPUT_AUTO;
    if (!strcmp(path, "-")) {
        size_t len = 0;
        char *buf = cli_read_all(stdin, cli_tr("standard input"), &len);
        if (!buf)
            return NULL;
        st = vnplan_parse_bytes_as(buf, len, "-", in, g, &doc, err, sizeof err);
        free(buf);
        path = cli_tr("standard input");
    } else {
        if (!cli_check_input(path))
            return NULL;
        st = vnplan_parse_file_as(path, in, g, &doc, err, sizeof err);
    }
    if (st != VNPLAN_OK) {
        cli_error(path, "%s", err);
        return NULL;
    }
    for (size_t i = 0; i < vnplan_doc_warning_count(doc); i++)
        cli_warn(o, path, "%s", vnplan_doc_warning(doc, i));
    return doc;
}

unsigned cli_lang_flags(const cli_opts *o)
{
    return o->lang && !strcmp(o->lang, "en") ? VNPLAN_RENDER_ENGLISH : 0;
}

vnplan_lang cli_report_lang(const cli_opts *o)
{
    return o->lang && !strcmp(o->lang, "en") ? VNPLAN_LANG_EN : VNPLAN_LANG_VI;
}

#define TEXT_WIDTH_DEFAULT 100

unsigned cli_text_width(FILE *out)
{
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return TEXT_WIDTH_DEFAULT;
}

bool cli_use_color(const cli_opts *o, FILE *out)
{
    if (o->color && !strcmp(o->color, "always"))
        return true;
    if (o->color && !strcmp(o->color, "never"))
        return false;
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return false;
    return isatty(fileno(out));
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(cli_tr(usage_text), stderr);
        return EXIT_TROUBLE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        fputs(cli_tr(usage_text), stdout);
        return EXIT_SAME;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("vnplan %s\n", VNPLAN_VERSION);
        return EXIT_SAME;
    }
    if (!strcmp(cmd, "help")) {
        const struct command *c = argc > 2 ? find_command(argv[2]) : NULL;
        if (argc > 2 && !c) {
            cli_error(NULL, "no command '%s' (commands: parse, targets, diff, check, batch, report, baselines)", argv[2]);
            return EXIT_TROUBLE;
        }
        if (c && !c->help) {
            char *args[] = {(char *)"--help", NULL};
            return c->run(1, args);
        }
        fputs(cli_tr(c ? *c->help : usage_text), stdout);
        return EXIT_SAME;
    }
    const struct command *c = find_command(cmd);
    if (c)
        return c->run(argc - 2, argv + 2);
    cli_error(NULL, "unknown command '%s' (commands: parse, targets, diff, check, batch, report, baselines; see 'vnplan --help')",
              cmd);
    return EXIT_TROUBLE;
}
