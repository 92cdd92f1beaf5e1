/* test_check_cli.c — `vnplan check` as a user runs it: exit statuses (0 no
 * error finding, 1 some, 2 trouble), the compiler-style text, JSON and HTML
 * reports, --disable, --enable, --lang en, --base, folders, and the help.
 * The program is $VNPLAN_BUILD/vnplan (tests/run.sh sets it; the default is
 * build/).  The runner and the JSON checker: cli_run.h. */
#include "cli_run.h"

#include <stdbool.h>
#include <stdlib.h>

static cli_env env;

static run vn(const char *args) { return cli_run(&env, args); }

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
    if (!cli_env_init(&env, "/tmp/vnplan-check-XXXXXX"))
        return done();

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

    cli_env_done(&env);
    return done();
}
