/* cli_run.h — running the program as a user does, for the tests of its
 * commands (test_diff_cli, test_check_cli): finding it ($VNPLAN_BUILD, else
 * build/), a temporary directory, a run with its exit status and outputs,
 * and a JSON well-formedness check of what it wrote.  Header-only, like
 * testutil.h. */
#ifndef VN_CLI_RUN_H
#define VN_CLI_RUN_H

#include "tap.h"
#include "testutil.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct cli_env {
    char root[256];    /* the prefix that leads to the repository root (tu_find_root) */
    char prog[2048];   /* the program, an absolute path: commands run from the root */
    char tmpdir[256];  /* where a run's outputs go */
} cli_env;

typedef struct run {
    int status;
    char *out, *err; /* err without its last line break */
    size_t outlen;
} run;

/* Finds the root and the program, and makes a temporary directory from
 * tmp_template ("/tmp/vnplan-cli-XXXXXX"); false after a failed check. */
static inline bool cli_env_init(cli_env *env, const char *tmp_template)
{
    tu_find_root("tests/gold", env->root, sizeof env->root);
    const char *b = getenv("VNPLAN_BUILD");
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    snprintf(env->prog, sizeof env->prog, "%s/%s%s/vnplan", cwd, env->root, b && *b ? b : "build");
    if (b && b[0] == '/')
        snprintf(env->prog, sizeof env->prog, "%s/vnplan", b);
    if (!ok(access(env->prog, X_OK) == 0, "the program %s exists", env->prog))
        return false;
    snprintf(env->tmpdir, sizeof env->tmpdir, "%s", tmp_template);
    if (!mkdtemp(env->tmpdir)) {
        ok(0, "a temporary directory");
        return false;
    }
    return true;
}

/* Removes the temporary directory and what the runs left in it. */
static inline void cli_env_done(const cli_env *env)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", env->tmpdir);
    if (system(cmd) != 0)
        diag("could not remove %s", env->tmpdir);
}

/* Runs "vnplan ARGS" from the repository root, with standard output and
 * error in files. */
static inline run cli_run(const cli_env *env, const char *args)
{
    run r;
    char cmd[4096], o[300], e[300];
    snprintf(o, sizeof o, "%s/out", env->tmpdir);
    snprintf(e, sizeof e, "%s/err", env->tmpdir);
    snprintf(cmd, sizeof cmd, "cd '%s.' && '%s' %s >'%s' 2>'%s'", env->root, env->prog, args, o, e);
    int rc = system(cmd);
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = tu_read_text(o, &r.outlen);
    size_t el = 0;
    r.err = tu_read_text(e, &el);
    while (el && (r.err[el - 1] == '\n' || r.err[el - 1] == '\r'))
        r.err[--el] = '\0';
    return r;
}

static inline void run_free(run *r)
{
    free(r->out);
    free(r->err);
}

/* A small JSON checker: well-formedness only. */

static inline const char *js_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    return p;
}

static inline const char *js_value(const char *p, int depth);

static inline const char *js_string(const char *p)
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

static inline const char *js_value(const char *p, int depth)
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

static inline bool json_ok(const char *s)
{
    const char *p = js_value(s, 0);
    return p && *js_ws(p) == '\0';
}

#endif
