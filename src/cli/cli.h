/* cli.h — what the subcommands of the vnplan program share: option
 * parsing, the list of input files (directories expanded), messages, exit
 * codes.  The library never prints; everything a user reads is said here. */
#ifndef VN_CLI_H
#define VN_CLI_H

#include "vnplan.h"

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* Exit codes, like diff(1): 0 all well (diff: nothing changed or missing),
 * 1 differences found (diff only), 2 trouble. */
enum { EXIT_SAME = 0, EXIT_DIFFERENT = 1, EXIT_TROUBLE = 2 };

/* A message for the catalog (xgettext's keyword), translated where it is
 * said (cli_tr): the help texts are static arrays. */
#ifndef N_
#define N_(s) s
#endif

typedef struct cli_opts {
    const char *format;   /* as given, or NULL for the command's default */
    const char *output;   /* -o FILE, or NULL for stdout */
    const char *grammars; /* --grammars DIR */
    const char *base;     /* diff --base FILE|NUMBER */
    const char *base_dir; /* diff --base-dir DIR: documents plans may implement */
    const char *color;    /* auto | always | never */
    const char *from;     /* --from txt|docx|odt|pdf|html|md: the input format, or NULL to detect */
    const char *enable;   /* check --enable RULE,... */
    const char *disable;  /* check --disable RULE,... */
    const char *lang;     /* check --lang vi|en */
    bool no_targets;
    bool stats;           /* parse --stats: time each stage, on stderr */
    bool quiet;           /* no warnings on stderr */
    char **inputs;
    size_t ninputs;
} cli_opts;

/* Files known by (device, inode): read once, whatever names they are
 * reached by (files.c). */
typedef struct cli_seen {
    dev_t *dev;
    ino_t *ino;
    unsigned char *used;
    size_t n, cap;
} cli_seen;

bool cli_seen_add(cli_seen *s, dev_t dev, ino_t ino); /* false when already there */
bool cli_seen_has(const cli_seen *s, dev_t dev, ino_t ino);
void cli_seen_free(cli_seen *s);

/* A file or folder a folder walk left out (a special file, an unreadable
 * folder, a document format vnplan does not read), with the reason said on
 * standard error in both languages: every report lists it with the files
 * that failed. */
typedef struct cli_skip {
    char *path, *reason_en, *reason_vi;
} cli_skip;
const char *cli_skip_reason(const cli_skip *s, vnplan_lang lang);

typedef struct cli_files {
    char **v;
    size_t n, cap;
    cli_seen seen; /* every file in v that exists */
    cli_skip *skipped;
    size_t nskipped, skipcap;
} cli_files;

/* The language of the program's own messages (the locale's: vi* is
 * Vietnamese, anything else English), and a message in it.  cli_error and
 * cli_warn translate their format themselves. */
vnplan_lang cli_lang(void);
const char *cli_tr(const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(1)))
#endif
    ;

/* Prints "vnplan: what" / "vnplan: FILE: what" on stderr, in the user's
 * language. */
void cli_error(const char *file, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Prints "vnplan: what" on stderr in the user's language: a report of
 * what a run did (not an error, not a warning). */
void cli_note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* The text of the last cli_error (without "vnplan: FILE: ") in lang.  A
 * message's string arguments that are msgids (vnplan_errno_text) or the
 * library's last error (an err buffer) are said in the message's language
 * (vnplan_vformat). */
const char *cli_last_error(vnplan_lang lang);
void cli_warn(const cli_opts *o, const char *file, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The output format named by --format (already checked against the
 * command's list by cli_parse_opts), or dflt without one. */
vnplan_format cli_format(const char *name, vnplan_format dflt);

/* The program: argv[1] names the command (vnplan --help lists them); the
 * exit status. */
int cli_main(int argc, char **argv);

/* What an argument is before any option name is read from it (cli_arg_kind). */
typedef enum { CLI_ARG_FILE, CLI_ARG_END_OPTIONS, CLI_ARG_OPTION } cli_arg;

/* A file is a word not starting with '-', "-" (standard input), or any word
 * after "--"; "--" itself ends the options (*only_files becomes true); the
 * rest are options, but -h and --help, which print `help` and exit: batch and
 * the other commands read their arguments alike up to the option's name. */
cli_arg cli_arg_kind(const char *a, bool *only_files, const char *help);

/* Parses argv after the subcommand; returns false (after a message) on a
 * usage error. `allowed` lists the formats the command accepts. */
bool cli_parse_opts(int argc, char **argv, const char *cmd, const char *const *allowed, cli_opts *o);

/* Expands inputs: a directory gives its plan files, recursively, in name
 * order, each file once (special files refused, vnplan's own outputs
 * skipped with a note); "-" is standard input. Unreadable paths get a
 * message and count in *failures; what a folder walk leaves out (special
 * files, unreadable folders, formats not read) is also kept in
 * files->skipped for the reports. (files.c) */
void cli_expand_inputs(const cli_opts *o, cli_files *files, int *failures);
void cli_files_free(cli_files *f);

/* A plan file opened for reading, refused (after a message) unless it is a
 * regular file; opening never blocks (a FIFO). */
FILE *cli_open_input(const char *path);
/* The same check alone: true when path is a regular file that opens. */
bool cli_check_input(const char *path);

/* Before anything is opened for writing: false (after a message) when -o
 * names one of the inputs or `also` (a --base file, or NULL), by device and
 * inode, or a directory. */
bool cli_check_output(const cli_opts *o, const cli_files *inputs, const char *also);
/* Opens -o OUT (or stdout): a temporary file beside OUT, renamed into place
 * by cli_close_output when all went well; NULL after a message. */
FILE *cli_open_output(const cli_opts *o);
/* Says an error of the output once (later ones are not repeated): a msgid,
 * or the err buffer of the library call that failed. */
void cli_output_error(const cli_opts *o, const char *msg);
/* Closes it and puts it in place, reporting a write error (once); returns
 * false on failure, and the old OUT is then untouched. */
bool cli_close_output(const cli_opts *o, FILE *out);
/* Closes it without putting it in place (nothing to report). */
void cli_discard_output(FILE *out);
/* The end of a report written whole in one call: when that call failed
 * (st), its message err is said and the output discarded; else the output
 * is closed and put in place.  false on any failure. */
bool cli_finish_output(const cli_opts *o, FILE *out, vnplan_status st, const char *err);

/* Loads --grammars DIR, or the built-in grammars; NULL after a message. */
const vnplan_grammar *cli_grammar(const cli_opts *o, vnplan_grammar **owned);

/* Parses one input ("-" reads standard input); NULL after a message. */
/* The whole of a stream (a file, standard input); NULL after a message
 * naming `name` when it cannot be read or does not fit in memory. */
char *cli_read_all(FILE *f, const char *name, size_t *len);

vnplan_doc *cli_parse_input(const cli_opts *o, const char *path, const vnplan_grammar *g);

bool cli_use_color(const cli_opts *o, FILE *out);

/* The render flags of --lang (reports in Vietnamese unless --lang en). */
unsigned cli_lang_flags(const cli_opts *o);
/* The language of the reports --lang asks for. */
vnplan_lang cli_report_lang(const cli_opts *o);
/* The width to wrap a text report to: the terminal's, or 100 columns when
 * the output is no terminal. */
unsigned cli_text_width(FILE *out);

int cmd_parse(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_baselines(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* What a command that reads plans holds from its start to its end
 * (command.c).  Each step returns false after a message, having freed it
 * all; cli_command_free frees it after the last. */
typedef struct cli_command {
    cli_opts o;
    cli_files files;
    int failures;          /* inputs that could not be read, so far */
    vnplan_grammar *owned; /* --grammars */
    const vnplan_grammar *g;
    vnplan_doc *given;     /* --base, once cli_command_base loaded it */
} cli_command;

/* The options of `cmd` (with takes_lang, --lang must be vi or en), and one
 * input or more: else the message `none` (translated by the caller). */
bool cli_command_options(cli_command *c, int argc, char **argv, const char *cmd, const char *const *formats,
                         bool takes_lang, const char *none);
/* The inputs, folders walked; the grammar; -o checked against the inputs
 * and a --base file. */
bool cli_command_inputs(cli_command *c);
/* --base, when given: a file (a vnplan tree loaded, anything else parsed)
 * or the number of a bundled decision. */
bool cli_command_base(cli_command *c);
void cli_command_free(cli_command *c);

/* A document given as a file: a vnplan XML tree is loaded, anything else
 * parsed; NULL after a message. */
vnplan_doc *cli_load_document(const cli_opts *o, const char *path, const vnplan_grammar *g);
/* A path as messages name it: "standard input" (in the user's language) for "-". */
const char *cli_shown_path(const char *path);
/* calloc of n + 1 zeroed elements (a list with room for its end); out of
 * memory, the program ends with a message. */
void *cli_xcalloc_list(size_t n, size_t size);

#endif
