/* test_check_cli.c — `vnplan check` as a user runs it: exit statuses (0 no
 * error finding, 1 some, 2 trouble), the compiler-style text, JSON and HTML
 * reports, --disable, --enable, --lang en, --base, folders, and the help.
 * The program is $VNPLAN_BUILD/vnplan (tests/run.sh sets it; the default is
 * build/).  The runner and the JSON checker are those of test_diff_cli.c. */
#include "tap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256] = "";
static char prog[2048];
static char tmpdir[256];

static void find_root(void)
{
    static const char *const up[] = {"", "../", "../../", "../../../"};
    for (size_t k = 0; k < sizeof up / sizeof up[0]; k++) {
        char probe[300];
        snprintf(probe, sizeof probe, "%stests/gold", up[k]);
        FILE *f = fopen(probe, "r");
        if (f) {
            fclose(f);
            snprintf(root, sizeof root, "%s", up[k]);
            return;
        }
    }
}

typedef struct run {
    int status;
    char *out, *err;
    size_t outlen;
} run;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    if (f) {
        size_t got;
        while ((got = fread(b + n, 1, cap - n - 1, f)) > 0) {
            n += got;
            if (n + 1 == cap)
                b = realloc(b, cap *= 2);
        }
        fclose(f);
    }
    b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

/* Runs "vnplan ARGS" from the repository root, with standard output and
 * error in files. */
static run vn(const char *args)
{
    run r;
    char cmd[4096], o[300], e[300];
    snprintf(o, sizeof o, "%s/out", tmpdir);
    snprintf(e, sizeof e, "%s/err", tmpdir);
    snprintf(cmd, sizeof cmd, "cd '%s.' && '%s' %s >'%s' 2>'%s'", root, prog, args, o, e);
    int rc = system(cmd);
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = slurp(o, &r.outlen);
    size_t el = 0;
    r.err = slurp(e, &el);
    while (el && (r.err[el - 1] == '\n' || r.err[el - 1] == '\r'))
        r.err[--el] = '\0';
    return r;
}

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
}


/* ---- a small JSON checker: well-formedness only --------------------------------------- */

static const char *js_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    return p;
}

static const char *js_value(const char *p, int depth);

static const char *js_string(const char *p)
{
    if (*p != '"')
        return NULL;
    for (p++; *p && *p != '"'; p++) {
        if ((unsigned char)*p < 0x20)
            return NULL;
        if (*p == '\\') {
            p++;
            if (*p == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (!strchr("0123456789abcdefABCDEF", p[k]) || !p[k])
                        return NULL;
                p += 4;
            } else if (!strchr("\"\\/bfnrt", *p) || !*p) {
                return NULL;
            }
        }
    }
    return *p == '"' ? p + 1 : NULL;
}

static const char *js_value(const char *p, int depth)
{
    if (depth > 64)
        return NULL;
    p = js_ws(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        bool obj = *p == '{';
        p = js_ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            if (obj) {
                p = js_string(js_ws(p));
                if (!p)
                    return NULL;
                p = js_ws(p);
                if (*p++ != ':')
                    return NULL;
            }
            p = js_value(p, depth + 1);
            if (!p)
                return NULL;
            p = js_ws(p);
            if (*p == ',') {
                p++;
                continue;
            }
            return *p == close ? p + 1 : NULL;
        }
    }
    if (*p == '"')
        return js_string(p);
    if (!strncmp(p, "true", 4))
        return p + 4;
    if (!strncmp(p, "false", 5))
        return p + 5;
    if (!strncmp(p, "null", 4))
        return p + 4;
    const char *s = p;
    if (*p == '-')
        p++;
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
        p++;
    return p > s ? p : NULL;
}

static bool json_ok(const char *s)
{
    const char *p = js_value(s, 0);
    return p && *js_ws(p) == '\0';
}

#define CHECKDIR "tests/fixtures/check"
#define BAD CHECKDIR "/lao-cai-1002-word-bad.txt"
#define OK CHECKDIR "/lao-cai-1002-word-ok.txt"
#define WARN_ONLY CHECKDIR "/ha-nam-1002-pdf-wrapped-ok.txt"

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

int main(void)
{
    find_root();
    const char *b = getenv("VNPLAN_BUILD");
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    snprintf(prog, sizeof prog, "%s/%s%s/vnplan", cwd, root, b && *b ? b : "build");
    if (b && b[0] == '/')
        snprintf(prog, sizeof prog, "%s/vnplan", b);
    if (!ok(access(prog, X_OK) == 0, "the program %s exists", prog))
        return done();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/vnplan-check-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        ok(0, "a temporary directory");
        return done();
    }

    run r = vn("check " BAD);
    is_long(r.status, 1, "check of a plan with error findings: exit 1");
    ok(strstr(r.out, BAD ":13: lỗi: ") && strstr(r.out, "[admin-level]") && strstr(r.out, "\n    UBND") == NULL,
       "text: FILE:LINE: lỗi: message [rule], in Vietnamese by default");
    ok(strstr(r.out, ":24: cảnh báo: ") && strstr(r.out, "[phase-regression]"), "text: warnings say cảnh báo");
    ok(strstr(r.out, "\n    Ủy ban nhân dân các huyện") != NULL, "text: the words a finding rests on, indented");
    ok(strstr(r.out, "Đã kiểm tra 1 tệp: 3 lỗi, 4 cảnh báo, 0 ghi chú") != NULL, "text: a summary line");
    run_free(&r);

    r = vn("check --lang en " BAD);
    ok(strstr(r.out, BAD ":13: error: the plan (dated 12/8/2025) gives work to a level of government") != NULL,
       "--lang en: English messages");
    run_free(&r);

    r = vn("check " OK);
    is_long(r.status, 0, "check of a consistent plan: exit 0");
    run_free(&r);
    r = vn("check --enable all " WARN_ONLY);
    is_long(r.status, 0, "warnings and notes alone: exit 0");
    run_free(&r);

    r = vn("check --disable admin-level,part-exceeds-total,restated-differently " BAD);
    is_long(r.status, 0, "--disable: the rules that gave errors are off, exit 0");
    ok(!strstr(r.out, "[admin-level]") && strstr(r.out, "[phase-regression]"), "--disable: the others still run");
    run_free(&r);

    r = vn("check --disable no-such-rule " OK);
    is_long(r.status, 2, "--disable with an unknown rule: exit 2");
    ok(strstr(r.err, "no-such-rule") != NULL, "... naming it");
    run_free(&r);
    r = vn("check --lang fr " OK);
    is_long(r.status, 2, "--lang fr: exit 2");
    run_free(&r);
    r = vn("check " CHECKDIR "/no-such-file.txt");
    is_long(r.status, 2, "a missing file: exit 2");
    run_free(&r);
    r = vn("check");
    is_long(r.status, 2, "no file: exit 2");
    run_free(&r);

    r = vn("check --format json " BAD);
    ok(json_ok(r.out), "json: well formed");
    ok(strstr(r.out, "{\"file\": \"" BAD "\", \"findings\": [") && count(r.out, "\"rule\": ") == 7 &&
           strstr(r.out, "\"severity\": \"error\", \"line\": 13, \"span\": {\"start\": ") &&
           strstr(r.out, "\"evidence\": \"Ủy ban nhân dân các huyện\""),
       "json: file, findings with rule, severity, line, span, message, evidence");
    run_free(&r);

    r = vn("check --format json " CHECKDIR);
    is_long(r.status, 1, "a folder: exit 1 when any plan has an error finding");
    ok(json_ok(r.out) && r.out[0] == '[' && count(r.out, "{\"file\": ") >= 20, "json of a folder: an array, a report per plan");
    run_free(&r);

    r = vn("check --format html " BAD);
    ok(strncmp(r.out, "<!DOCTYPE html>", 15) == 0 && strstr(r.out, "</html>") && count(r.out, "<tr><td>") == 7,
       "html: one page, a row per finding");
    run_free(&r);

    r = vn("check --base 2711 --lang en " CHECKDIR "/xa-hoa-binh-2711-ocr-bad.txt");
    ok(r.status == 1 && count(r.out, "[citation]") == 2, "--base NUMBER: the citations are judged against it");
    run_free(&r);
    r = vn("check --base corpus/decisions/2711-QD-TTg.xml --lang en " CHECKDIR "/xa-hoa-binh-2711-ocr-bad.txt");
    ok(r.status == 1 && count(r.out, "[citation]") == 2, "--base FILE (a tree): the same");
    run_free(&r);
    r = vn("check --base 9999 " OK);
    is_long(r.status, 2, "--base with no such file or bundled decision: exit 2");
    run_free(&r);

    r = vn("help check");
    ok(r.status == 0 && strstr(r.out, "usage: vnplan check") && strstr(r.out, "unassigned-task"),
       "vnplan help check lists the rules");
    run_free(&r);

    char args[600];
    snprintf(args, sizeof args, "rm -rf '%s'", tmpdir);
    if (system(args) != 0)
        diag("could not remove %s", tmpdir);
    return done();
}
