/* files.c — the files the vnplan program reads and writes, handled so that
 * no input and no earlier output is ever damaged and nothing hangs:
 *
 *   - inputs: only regular files are read as plans (and "-", standard
 *     input); a FIFO, a device or a socket is refused with a message, and
 *     looked at without blocking (a FIFO without a writer would block an
 *     open for reading forever).  Folders are walked with each folder and
 *     each file known by (device, inode), so every file is read once and
 *     symbolic links that loop end.  In a folder, files that vnplan itself
 *     wrote (a tree, a targets list, a diff report) are skipped with a note.
 *   - the output (-o): refused before anything is opened for writing when it
 *     is one of the inputs (by device and inode, whatever name it is given
 *     by); written to a temporary file beside it and renamed into place only
 *     when complete, so a run that fails or dies midway leaves the old file
 *     whole.  An output that is not a regular file (/dev/null, a terminal, a
 *     pipe) is written directly: there is nothing to rename over. */
#define _XOPEN_SOURCE 700 /* realpath, S_ISSOCK */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* How much of a file is read to tell whether vnplan wrote it: every
 * output names itself within its first lines (the HTML report's generator
 * tag comes after its style-free head, within the first kilobyte). */
#define OWN_OUTPUT_PROBE 4096

#ifndef N_
#define N_(s) s /* a msgid, said where it is used */
#endif

static void out_of_memory(void)
{
    cli_error(NULL, "out of memory");
    exit(EXIT_TROUBLE);
}

void *cli_xcalloc_list(size_t n, size_t size)
{
    void *p = calloc(n + 1, size);
    if (!p)
        out_of_memory();
    return p;
}

const char *cli_shown_path(const char *path) { return strcmp(path, "-") ? path : cli_tr("standard input"); }

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        out_of_memory();
    return d;
}

/* ---- files known by (device, inode) ------------------------------------------------------ */

/* An open-addressing hash set: a folder tree may hold many thousands of
 * files, and each is looked up once. */
static size_t seen_slot(const cli_seen *s, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)ino * 0xC2B2AE3D27D4EB4Fu);
    h ^= h >> 29;
    size_t i = (size_t)h & (s->cap - 1);
    while (s->used[i] && (s->dev[i] != dev || s->ino[i] != ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

bool cli_seen_has(const cli_seen *s, dev_t dev, ino_t ino)
{
    return s->cap && s->used[seen_slot(s, dev, ino)];
}

bool cli_seen_add(cli_seen *s, dev_t dev, ino_t ino)
{
    if ((s->n + 1) * 2 > s->cap) {
        cli_seen bigger = {0};
        bigger.cap = s->cap ? s->cap * 2 : 64;
        bigger.dev = calloc(bigger.cap, sizeof *bigger.dev);
        bigger.ino = calloc(bigger.cap, sizeof *bigger.ino);
        bigger.used = calloc(bigger.cap, 1);
        if (!bigger.dev || !bigger.ino || !bigger.used)
            out_of_memory();
        for (size_t i = 0; i < s->cap; i++)
            if (s->used[i]) {
                size_t j = seen_slot(&bigger, s->dev[i], s->ino[i]);
                bigger.used[j] = 1;
                bigger.dev[j] = s->dev[i];
                bigger.ino[j] = s->ino[i];
            }
        bigger.n = s->n;
        cli_seen_free(s);
        *s = bigger;
    }
    size_t i = seen_slot(s, dev, ino);
    if (s->used[i])
        return false;
    s->used[i] = 1;
    s->dev[i] = dev;
    s->ino[i] = ino;
    s->n++;
    return true;
}

void cli_seen_free(cli_seen *s)
{
    free(s->dev);
    free(s->ino);
    free(s->used);
    memset(s, 0, sizeof *s);
}

/* ---- inputs ------------------------------------------------------------------------------ */

/* What a special file is: a msgid, said in the message's language by
 * cli_error (vnplan_vformat translates such arguments). */
static const char *kind_of(mode_t m)
{
    if (S_ISFIFO(m))
        return N_("a FIFO");
    if (S_ISCHR(m) || S_ISBLK(m))
        return N_("a device");
    if (S_ISSOCK(m))
        return N_("a socket");
    if (S_ISDIR(m))
        return N_("a directory");
    return N_("a special file");
}

FILE *cli_open_input(const char *path)
{
    /* O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        cli_error(path, "%s", vnplan_errno_text(errno));
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        cli_error(path, "%s", vnplan_errno_text(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        cli_error(path, "not a regular file (%s); plans are read from files or from standard input (-)",
                  kind_of(sb.st_mode));
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        cli_error(path, "%s", vnplan_errno_text(errno));
        close(fd);
    }
    return f;
}

bool cli_check_input(const char *path)
{
    FILE *f = cli_open_input(path);
    if (f)
        fclose(f);
    return f != NULL;
}

/* The first line of a buffer, without the colour escapes a report written
 * with --color always starts with. */
static const char *skip_escapes(const char *s, const char *end)
{
    while (end - s >= 2 && s[0] == '\033' && s[1] == '[') {
        s += 2;
        while (s < end && *s != 'm')
            s++;
        if (s < end)
            s++;
    }
    return s;
}

static bool starts(const char *s, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

static bool contains(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; (size_t)(end - s) >= n; s++)
        if (memcmp(s, needle, n) == 0)
            return true;
    return false;
}

static bool has_plan_suffix(const char *name);

/* The line [s, eol) is what the printf format fmt prints, its %zu
 * conversions standing for runs of digits (no other conversion). */
static bool prints_as(const char *s, const char *eol, const char *fmt)
{
    while (*fmt && *fmt != '\n') {
        if (fmt[0] == '%' && fmt[1] == 'z' && fmt[2] == 'u') {
            if (s >= eol || *s < '0' || *s > '9')
                return false;
            while (s < eol && *s >= '0' && *s <= '9')
                s++;
            fmt += 3;
        } else if (s < eol && *s == *fmt) {
            s++;
            fmt++;
        } else {
            return false;
        }
    }
    return s == eol;
}

/* The last line of a check report in either language. */
static bool check_summary_line(const char *s, const char *eol)
{
    static const char *const msgid = "%zu file(s) checked: %zu error(s), %zu warning(s), %zu note(s)\n";
    return prints_as(s, eol, msgid) || prints_as(s, eol, vnplan_translate(VNPLAN_LANG_VI, msgid));
}

/* The diff report's CSV header in Vietnamese: its first three columns. */
static bool csv_header_vi(const char *s, const char *end)
{
    static const char *const cols[] = {"plan", "part", "base_id"};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        const char *w = vnplan_translate(VNPLAN_LANG_VI, cols[i]);
        if (!starts(s, end, w))
            return false;
        s += strlen(w);
        if (!starts(s, end, ","))
            return false;
        s++;
    }
    return true;
}

/* What vnplan wrote, told by how each output begins (docs/formats.md):
 * a tree in XML, JSON or as an outline; a list of targets as text, JSON,
 * TSV or XML; a diff report as text, JSON, CSV or HTML.  NULL when the
 * bytes are none of these. */
static const char *own_output_kind(const char *b, size_t n)
{
    const char *s = b, *end = b + n;
    if (starts(s, end, "\xEF\xBB\xBF"))
        s += 3;
    while (s < end && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
        s++;
    s = skip_escapes(s, end);
    if (starts(s, end, "<?xml") && contains(s, end, "<vnplan version="))
        return "a tree or targets in XML";
    if (starts(s, end, "<vnplan version="))
        return "a tree or targets in XML";
    if (starts(s, end, "<!DOCTYPE html") && contains(s, end, "<meta name=\"generator\" content=\"vnplan"))
        return "an HTML report";
    if ((*s == '{' || *s == '[') && s < end) {
        const char *p = s;
        while (p < end && (*p == '{' || *p == '[' || *p == ' ' || *p == '\n' || *p == '\r'))
            p++;
        if (starts(p, end, "\"source\":") || starts(p, end, "\"base\":") || starts(p, end, "\"file\":") ||
            starts(p, end, "\"plan\":") || starts(p, end, "\"reports\":"))
            return "JSON";
    }
    if (starts(s, end, "vnplan diff: ") || starts(s, end, "COMPARISON: ") ||
        starts(s, end, vnplan_translate(VNPLAN_LANG_VI, "COMPARISON: ")))
        return "a diff report";
    if (starts(s, end, "vnplan check: "))
        return "a check report";
    if (starts(s, end, "plan,part,base_id,status,") || csv_header_vi(s, end))
        return "a diff report in CSV";
    if (starts(s, end, "id\tsection\tphase\tcomparator\t"))
        return "targets in TSV";
    /* a check report: "NAME:LINE: message [rule]", NAME a plan's file,
     * or of a plan with no finding only its last line */
    const char *eol = memchr(s, '\n', (size_t)(end - s));
    if (eol && check_summary_line(s, eol))
        return "a check report";
    if (eol && eol > s && eol[-1] == ']') {
        for (const char *c = s; c + 2 < eol; c++) {
            if (*c != ':' || c[1] < '0' || c[1] > '9')
                continue;
            char name[512];
            size_t len = (size_t)(c - s);
            if (len < sizeof name) {
                memcpy(name, s, len);
                name[len] = '\0';
                if (has_plan_suffix(name))
                    return "a check report";
            }
            break;
        }
    }
    /* the outline and the targets list: "# NAME" or "# NAME: N targets",
     * where NAME is the file the plan came from */
    if (starts(s, end, "# ")) {
        eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol)
            return NULL;
        size_t len = (size_t)(eol - s - 2);
        char name[512];
        if (len >= sizeof name)
            return NULL;
        memcpy(name, s + 2, len);
        name[len] = '\0';
        if (len && name[len - 1] == '\r')
            name[--len] = '\0';
        char *colon = strstr(name, ": ");
        if (colon && strstr(colon, " target"))
            *colon = '\0';
        if (has_plan_suffix(name) || !strcmp(name, "-") || !strcmp(name, "standard input"))
            return "an outline or a targets list";
    }
    return NULL;
}

/* ---- folders ------------------------------------------------------------------------------ */

/* Files of document formats vnplan does not read: found in a folder, they
 * are listed as skipped (a plan left out is worth a word), with what to do.
 * Anything else that is no plan (a database, a note) is passed over. */
static const char *unsupported_format(const char *name)
{
    static const struct {
        const char *suffixes[6]; /* up to a NULL */
        const char *why;
    } kinds[] = {
        {{".doc"}, N_("an old Word document (.doc), not read: save it as .docx")},
        {{".rtf"}, N_("an RTF document, not read: save it as .docx")},
        {{".wpd"}, N_("a WordPerfect document, not read: save it as .docx")},
        {{".xls", ".xlsx", ".ods"}, N_("a spreadsheet, not a plan")},
        {{".ppt", ".pptx", ".odp"}, N_("a presentation, not a plan")},
        {{".jpg", ".jpeg", ".png", ".tif", ".tiff"},
         N_("an image, not text: run OCR first, e.g. tesseract FILE out -l vie")},
        {{".zip"}, N_("a zip archive: unpack it first")},
        {{".rar"}, N_("a RAR archive: unpack it first")},
        {{".7z"}, N_("a 7-Zip archive: unpack it first")},
    };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        for (const char *const *suffix = kinds[i].suffixes; *suffix; suffix++) {
            size_t k = strlen(*suffix);
            if (n > k && !strcasecmp(name + n - k, *suffix))
                return kinds[i].why;
        }
    return NULL;
}

/* A file of a folder left out, with the reason cli_error just gave (in
 * both languages): the reports list it with the files that failed. */
static void note_skipped(cli_files *f, const char *path)
{
    if (f->nskipped == f->skipcap) {
        f->skipcap = f->skipcap ? f->skipcap * 2 : 8;
        f->skipped = realloc(f->skipped, f->skipcap * sizeof *f->skipped);
        if (!f->skipped)
            out_of_memory();
    }
    cli_skip *s = &f->skipped[f->nskipped++];
    s->path = strdup(path);
    s->reason_en = strdup(cli_last_error(VNPLAN_LANG_EN));
    s->reason_vi = strdup(cli_last_error(VNPLAN_LANG_VI));
    if (!s->path || !s->reason_en || !s->reason_vi)
        out_of_memory();
}

const char *cli_skip_reason(const cli_skip *s, vnplan_lang lang)
{
    return lang == VNPLAN_LANG_EN ? s->reason_en : s->reason_vi;
}

static void push_file(cli_files *f, const char *path)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        char **v = realloc(f->v, cap * sizeof *v);
        if (!v)
            out_of_memory();
        f->v = v;
        f->cap = cap;
    }
    f->v[f->n++] = xstrdup(path);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files a folder is read for: every format vnplan reads.  (A file given
 * by name is read whatever its name: its content says what it is.) */
static bool has_plan_suffix(const char *name)
{
    static const char *const suffixes[] = {".txt", ".docx", ".odt", ".pdf", ".html", ".htm", ".md"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && !strcasecmp(name + n - k, suffixes[i]))
            return true;
    }
    return false;
}

/* A file found in a folder: a plan to read (true), or skipped — a special
 * file (with a message and a failure), vnplan's own output (with a note),
 * a file already read under another name (silently). */
static bool take_found_file(const cli_opts *o, cli_files *files, const char *path, const struct stat *sb,
                            int *failures)
{
    if (!S_ISREG(sb->st_mode)) {
        cli_error(path, "not a regular file (%s); skipped", kind_of(sb->st_mode));
        note_skipped(files, path);
        (*failures)++;
        return false;
    }
    if (!cli_seen_add(&files->seen, sb->st_dev, sb->st_ino))
        return false;
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd >= 0) {
        char probe[OWN_OUTPUT_PROBE];
        ssize_t got = read(fd, probe, sizeof probe);
        close(fd);
        const char *kind = got > 0 ? own_output_kind(probe, (size_t)got) : NULL;
        if (kind) {
            cli_warn(o, path, "skipped: an output of vnplan (%s), not a plan", kind);
            return false;
        }
    }
    return true;
}

/* Directories are walked with an explicit list, so a deep tree cannot
 * exhaust the stack; each is entered once, known by (device, inode), so
 * symbolic links that lead back up end the walk instead of looping. */
static void expand_dir(const cli_opts *o, const char *root, const struct stat *root_sb, cli_files *out,
                       int *failures)
{
    cli_files pending = {0};
    cli_seen dirs = {0};
    cli_seen_add(&dirs, root_sb->st_dev, root_sb->st_ino);
    push_file(&pending, root);
    size_t found_before = out->n;
    bool skipped_any = false;
    while (pending.n) {
        char *dir = pending.v[--pending.n];
        DIR *d = opendir(dir);
        if (!d) {
            cli_error(dir, "%s", vnplan_errno_text(errno));
            note_skipped(out, dir);
            (*failures)++;
            free(dir);
            continue;
        }
        cli_files here = {0}, subdirs = {0}, odd = {0};
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            size_t len = strlen(dir) + strlen(de->d_name) + 2;
            char *path = malloc(len);
            if (!path)
                out_of_memory();
            snprintf(path, len, "%s/%s", dir, de->d_name);
            struct stat sb;
            if (stat(path, &sb) != 0) {
                /* a dangling link, or a file gone meanwhile: only a plan's name is worth a word */
                if (has_plan_suffix(de->d_name)) {
                    cli_error(path, "%s", vnplan_errno_text(errno));
                    note_skipped(out, path);
                    (*failures)++;
                }
            } else if (S_ISDIR(sb.st_mode)) {
                if (cli_seen_add(&dirs, sb.st_dev, sb.st_ino))
                    push_file(&subdirs, path);
            } else if (has_plan_suffix(de->d_name)) {
                push_file(&here, path);
            } else if (unsupported_format(de->d_name)) {
                push_file(&odd, path);
            }
            free(path);
        }
        closedir(d);
        if (odd.n)
            qsort(odd.v, odd.n, sizeof *odd.v, cmp_str);
        for (size_t i = 0; i < odd.n; i++) {
            const char *base = strrchr(odd.v[i], '/');
            cli_error(odd.v[i], "%s", unsupported_format(base ? base + 1 : odd.v[i]));
            note_skipped(out, odd.v[i]);
            (*failures)++;
            skipped_any = true;
        }
        cli_files_free(&odd);
        if (here.n)
            qsort(here.v, here.n, sizeof *here.v, cmp_str);
        for (size_t i = 0; i < here.n; i++) {
            struct stat sb;
            if (stat(here.v[i], &sb) == 0 && take_found_file(o, out, here.v[i], &sb, failures))
                push_file(out, here.v[i]);
            else
                skipped_any = true;
        }
        /* subdirectories in reverse name order on the stack: visited in order */
        if (subdirs.n)
            qsort(subdirs.v, subdirs.n, sizeof *subdirs.v, cmp_str);
        for (size_t i = subdirs.n; i-- > 0;)
            push_file(&pending, subdirs.v[i]);
        cli_files_free(&here);
        cli_files_free(&subdirs);
        free(dir);
    }
    cli_files_free(&pending);
    cli_seen_free(&dirs);
    if (out->n == found_before && !skipped_any) {
        cli_error(root, "no plans in this directory (.txt, .docx, .odt, .pdf, .html, .md)");
        (*failures)++;
    }
}

void cli_expand_inputs(const cli_opts *o, cli_files *files, int *failures)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        const char *p = o->inputs[i];
        struct stat sb;
        if (strcmp(p, "-") != 0 && stat(p, &sb) == 0) {
            if (S_ISDIR(sb.st_mode)) {
                expand_dir(o, p, &sb, files, failures);
                continue;
            }
            /* a file given twice (or also found in a folder) is read once */
            if (!cli_seen_add(&files->seen, sb.st_dev, sb.st_ino))
                continue;
        }
        /* anything else is looked at when it is read: "-", a missing file
         * (its message then), a special file (refused then) */
        push_file(files, p);
    }
}

void cli_files_free(cli_files *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i]);
    free(f->v);
    for (size_t i = 0; i < f->nskipped; i++) {
        free(f->skipped[i].path);
        free(f->skipped[i].reason_en);
        free(f->skipped[i].reason_vi);
    }
    free(f->skipped);
    cli_seen_free(&f->seen);
    memset(f, 0, sizeof *f);
}

/* ---- the output ------------------------------------------------------------------------------ */

/* The one output of a run (-o), while it is being written. */
static struct {
    FILE *f;
    char *tmp;      /* the temporary file beside the target, or NULL when written directly */
    char *target;   /* where it is renamed to */
    bool reported;  /* a write error was already said */
} cur;

static const char *output_name(const cli_opts *o)
{
    return o->output && strcmp(o->output, "-") ? o->output : "standard output";
}

bool cli_check_output(const cli_opts *o, const cli_files *inputs, const char *also)
{
    if (!o->output || !strcmp(o->output, "-"))
        return true;
    struct stat sb;
    if (stat(o->output, &sb) != 0)
        return true; /* does not exist yet: cannot be an input */
    if (S_ISDIR(sb.st_mode)) {
        cli_error(o->output, "is a directory; -o takes a file");
        return false;
    }
    struct stat ab;
    if (cli_seen_has(&inputs->seen, sb.st_dev, sb.st_ino) ||
        (also && stat(also, &ab) == 0 && ab.st_dev == sb.st_dev && ab.st_ino == sb.st_ino)) {
        cli_error(o->output, "is one of the inputs; refusing to write over it (-o takes another file)");
        return false;
    }
    return true;
}

FILE *cli_open_output(const cli_opts *o)
{
    memset(&cur, 0, sizeof cur);
    if (!o->output || !strcmp(o->output, "-")) {
        cur.f = stdout;
        return stdout;
    }
    struct stat sb;
    bool exists = stat(o->output, &sb) == 0;
    if (exists && !S_ISREG(sb.st_mode)) {
        /* /dev/null, a terminal, a pipe: nothing to rename over */
        cur.f = fopen(o->output, "wb");
        if (!cur.f)
            cli_error(o->output, "%s", vnplan_errno_text(errno));
        return cur.f;
    }
    /* the real file behind a symbolic link is replaced, not the link */
    char *target = exists ? realpath(o->output, NULL) : NULL;
    cur.target = target ? target : xstrdup(o->output);
    const char *slash = strrchr(cur.target, '/');
    size_t dirlen = slash ? (size_t)(slash - cur.target) + 1 : 0;
    const char *base = cur.target + dirlen;
    size_t len = dirlen + strlen(base) + 32;
    cur.tmp = malloc(len);
    if (!cur.tmp)
        out_of_memory();
    /* hidden (a leading dot): a folder walk never takes it for a plan */
    snprintf(cur.tmp, len, "%.*s.%s.vnplan-XXXXXX", (int)dirlen, cur.target, base);
    int fd = mkstemp(cur.tmp);
    if (fd < 0) {
        cli_error(o->output, "cannot create a file beside it: %s", vnplan_errno_text(errno));
        free(cur.tmp);
        free(cur.target);
        memset(&cur, 0, sizeof cur);
        return NULL;
    }
    /* the permissions a new file would get, or the old file's */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? (sb.st_mode & 07777) : (0666 & ~mask));
    cur.f = fdopen(fd, "wb");
    if (!cur.f) {
        cli_error(o->output, "%s", vnplan_errno_text(errno));
        close(fd);
        unlink(cur.tmp);
        free(cur.tmp);
        free(cur.target);
        memset(&cur, 0, sizeof cur);
    }
    return cur.f;
}

void cli_output_error(const cli_opts *o, const char *msg)
{
    if (cur.reported)
        return;
    cur.reported = true;
    cli_error(output_name(o), "%s", msg);
}

static void forget_output(void)
{
    free(cur.tmp);
    free(cur.target);
    memset(&cur, 0, sizeof cur);
}

bool cli_close_output(const cli_opts *o, FILE *out)
{
    bool ok = fflush(out) == 0 && !ferror(out);
    int e = errno;
    if (out != stdout) {
        if (fclose(out) != 0 && ok) {
            ok = false;
            e = errno;
        }
    }
    if (!ok && !cur.reported) {
        cur.reported = true;
        cli_error(output_name(o), "write error: %s", vnplan_errno_text(e));
    }
    if (cur.tmp) {
        if (ok && rename(cur.tmp, cur.target) != 0) {
            cli_error(output_name(o), "cannot put the output in place: %s", vnplan_errno_text(errno));
            ok = false;
        }
        if (!ok)
            unlink(cur.tmp);
    }
    forget_output();
    return ok;
}

void cli_discard_output(FILE *out)
{
    if (out && out != stdout)
        fclose(out);
    if (cur.tmp)
        unlink(cur.tmp);
    forget_output();
}

bool cli_finish_output(const cli_opts *o, FILE *out, vnplan_status st, const char *err)
{
    if (st != VNPLAN_OK) {
        cli_output_error(o, err);
        cli_discard_output(out);
        return false;
    }
    return cli_close_output(o, out);
}

vnplan_format cli_format(const char *name, vnplan_format dflt)
{
    static const char *const names[] = {
        [VNPLAN_FORMAT_XML] = "xml", [VNPLAN_FORMAT_JSON] = "json", [VNPLAN_FORMAT_TEXT] = "text",
        [VNPLAN_FORMAT_TSV] = "tsv", [VNPLAN_FORMAT_CSV] = "csv",   [VNPLAN_FORMAT_HTML] = "html",
    };
    for (size_t f = 0; name && f < sizeof names / sizeof names[0]; f++)
        if (!strcmp(name, names[f]))
            return (vnplan_format)f;
    return dflt;
}
