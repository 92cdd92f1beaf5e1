/* test_diff_cli.c — `vnplan diff` and `vnplan baselines` as a user runs them:
 * exit statuses like diff(1) (0 nothing changed or missing, 1 differences,
 * 2 trouble), the messages on standard error, and the shape of each report
 * format.  The program is $VNPLAN_BUILD/vnplan (tests/run.sh sets it; the
 * default is build/). */
#include "cli_run.h"

#include <stdbool.h>
#include <stdlib.h>

static cli_env env;

static run vn(const char *args) { return cli_run(&env, args); }

/* Runs of white space (a wrapped report's line breaks and indents) as one space. */
static void squash_space(char *s)
{
    if (!s)
        return;
    char *w = s;
    for (const char *p = s; *p; p++) {
        bool sp = *p == ' ' || *p == '\n' || *p == '\t';
        if (!sp || w == s || w[-1] != ' ')
            *w++ = sp ? ' ' : *p;
    }
    *w = '\0';
}

#define LS1002 "corpus/plans/lang-son-1002-pdf-double-spaced.txt"
#define NB1002 "corpus/plans/ninh-binh-141-KH-UBND-1002.txt"
#define LS2711 "corpus/plans/lang-son-2711-word-paragraphs.txt"

/* CSV: every record of the first table has as many fields as the header. */
static bool csv_rectangular(const char *s, size_t *records, size_t *fields)
{
    size_t nf = 1, want = 0, recs = 0;
    bool quoted = false;
    for (const char *p = s; *p; p++) {
        if (quoted) {
            if (*p == '"' && p[1] == '"')
                p++;
            else if (*p == '"')
                quoted = false;
            continue;
        }
        if (*p == '"')
            quoted = true;
        else if (*p == ',')
            nf++;
        else if (*p == '\n') {
            if (p[1] == '\n' || !p[1]) { /* the end of the first table */
                recs++;
                if (want && nf != want)
                    return false;
                break;
            }
            if (!want)
                want = nf;
            else if (nf != want)
                return false;
            recs++;
            nf = 1;
        }
    }
    *records = recs;
    *fields = want;
    return !quoted;
}

/* True when a line of s holds both a and b, a before b. */
static bool line_with(const char *s, const char *a, const char *b)
{
    for (const char *p = s; (p = strstr(p, a)) != NULL; p++) {
        const char *eol = strchr(p, '\n');
        const char *q = strstr(p + strlen(a), b);
        if (q && (!eol || q < eol))
            return true;
    }
    return false;
}

static void write_file(const char *name, const char *text, char *path, size_t len)
{
    snprintf(path, len, "%s/%s", env.tmpdir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

int main(void)
{
    if (!cli_env_init(&env, "/tmp/vnplan-cli-XXXXXX"))
        return done();

    run r = vn("diff " LS1002);
    is_long(r.status, 1, "diff of the Lạng Sơn plan: exit 1 (differences)");
    ok(strstr(r.out, "Tốt nghiệp công nghệ thông tin và truyền thông (2030)") && strstr(r.out, "quy về địa phương") &&
           strstr(r.out, "1002/QĐ-TTg") && strstr(r.out, "không có trong kế hoạch") && !strstr(r.out, "ict_grads_2030"),
       "the text report, in Vietnamese by default, names targets by what they measure (not by id), "
       "directions and the decision");
    run_free(&r);
    r = vn("diff --lang en " LS1002);
    ok(strstr(r.out, "Tốt nghiệp công nghệ thông tin và truyền thông (2030)") && strstr(r.out, "localized figure") &&
           strstr(r.out, "not in the plan") && strstr(r.out, "TARGETS"),
       "--lang en: the same report in English");
    ok(!strstr(r.out, "\033["), "no colour when standard output is not a terminal");
    run_free(&r);

    /* a range keeps its high end in every format that carries targets */
    char range_path[512];
    write_file("range.txt",
               "KẾ HOẠCH\nThực hiện Quyết định số 1002/QĐ-TTg\nI. MỤC TIÊU\n"
               "Tỷ lệ lao động có việc làm từ 70% đến 75%.\n",
               range_path, sizeof range_path);
    char rargs[700];
    snprintf(rargs, sizeof rargs, "targets --format json '%s'", range_path);
    r = vn(rargs);
    ok(r.out && strstr(r.out, "\"value\": 70") && strstr(r.out, "\"value_max\": 75"),
       "targets JSON: a range has value 70 and value_max 75");
    run_free(&r);
    snprintf(rargs, sizeof rargs, "parse --format xml '%s'", range_path);
    r = vn(rargs);
    ok(r.out && strstr(r.out, "value=\"70\"") && strstr(r.out, "value-max=\"75\""),
       "parse XML: a range has value and value-max");
    run_free(&r);

    /* a ministry's own departments are not the ministries their names contain */
    r = vn("diff --lang en --format csv tests/fixtures/plans/bo-cong-thuong-1002-soffice-heading-variants.txt");
    ok(r.out && line_with(r.out, ",duty,,not_assigned,not assigned,", ",Bộ Khoa học và Công nghệ,") &&
           line_with(r.out, ",duty,,local,local,", ",Vụ Khoa học và Công nghệ"),
       "a ministry plan: its Vụ Khoa học và Công nghệ is its own unit, not Bộ Khoa học và Công nghệ");
    run_free(&r);

    r = vn("diff --color always " LS1002);
    ok(r.status == 1 && strstr(r.out, "\033["), "--color always colours");
    run_free(&r);

    r = vn("diff --base 1002/QĐ-TTg " LS2711);
    is_long(r.status, 2, "the 2711 plan against --base 1002: exit 2");
    ok(strstr(r.err, "implements 2711/QĐ-TTg, not 1002/QĐ-TTg") != NULL,
       "... saying it implements 2711, not 1002: %s", r.err);
    is_long((long)r.outlen, 0, "... and writing no report");
    run_free(&r);

    r = vn("diff --base " LS1002 " " LS2711);
    is_long(r.status, 2, "a plan for 2711 against a plan for 1002: exit 2");
    ok(strstr(r.err, "carry out different decisions") != NULL, "... saying why: %s", r.err);
    run_free(&r);

    r = vn("diff --base " NB1002 " " LS1002);
    is_long(r.status, 1, "two provinces' plans for 1002 compare: exit 1");
    run_free(&r);

    r = vn("diff --base corpus/decisions/1002-QD-TTg.xml " LS2711);
    is_long(r.status, 2, "the same refusal with the 1002 tree given as a file");
    run_free(&r);

    r = vn("diff " LS2711);
    ok(r.status == 1 && strstr(r.out, "2711/QĐ-TTg") &&
           strstr(r.out, "Nhân lực nghiên cứu, phát triển, đổi mới sáng tạo toàn thời gian"),
       "the 2711 plan without --base gets the 2711 baseline");
    run_free(&r);

    char p123[512], pnone[512];
    write_file("p123.txt",
               "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 12/KH-UBND\nKẾ HOẠCH\nTriển khai thực hiện Quyết định số "
               "123/QĐ-TTg ngày 01/02/2025 của Thủ tướng Chính phủ\nThực hiện Quyết định số 123/QĐ-TTg ngày "
               "01/02/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC TIÊU\n"
               "1. Mục tiêu cụ thể đến năm 2030\n- Tỷ lệ người học theo học các ngành STEM đạt 35%.\n",
               p123, sizeof p123);
    write_file("pnone.txt",
               "KẾ HOẠCH\nPhát triển nguồn nhân lực\nI. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2030\n"
               "- Tỷ lệ người học theo học các ngành STEM đạt 35%.\n",
               pnone, sizeof pnone);
    char args[1024];
    snprintf(args, sizeof args, "diff '%s'", p123);
    r = vn(args);
    ok(r.status == 2 && strstr(r.err, "123/QĐ-TTg") && r.outlen == 0,
       "a plan implementing an unbundled decision: exit 2, the decision named, no report (%s)", r.err);
    run_free(&r);
    snprintf(args, sizeof args, "diff '%s'", pnone);
    r = vn(args);
    ok(r.status == 2 && strstr(r.err, "does not say") && strstr(r.err, "--base"),
       "a plan naming no decision: exit 2, suggesting --base (%s)", r.err);
    run_free(&r);
    snprintf(args, sizeof args, "diff --base 1002 '%s'", pnone);
    r = vn(args);
    is_long(r.status, 1, "... and compared with --base 1002 (a bare number) it is reported");
    run_free(&r);

    /* self-comparison through the CLI: exit 0 */
    static const char *const selves[] = {LS1002, NB1002, LS2711, "corpus/decisions/1002-QD-TTg.xml",
                                         "corpus/decisions/2711-QD-TTg.xml"};
    for (size_t i = 0; i < sizeof selves / sizeof selves[0]; i++) {
        snprintf(args, sizeof args, "diff --base %s %s", selves[i], selves[i]);
        r = vn(args);
        is_long(r.status, 0, selves[i]);
        squash_space(r.out); /* the report is wrapped: words, not lines */
        ok(strstr(r.out, " 0 thay đổi, 0 không có trong kế hoạch; 0 chỉ tiêu") != NULL,
           "%s against itself: nothing changed, missing, added",
           selves[i]);
        run_free(&r);
    }

    r = vn("diff --base 9999/QĐ-TTg " LS1002);
    ok(r.status == 2 && strstr(r.err, "9999/QĐ-TTg") && strstr(r.err, "bundled"),
       "--base with an unknown number: exit 2 and the bundled list (%s)", r.err);
    run_free(&r);
    r = vn("diff corpus/plans/no-such-plan.txt");
    ok(r.status == 2 && strstr(r.err, "no-such-plan.txt"), "a missing plan: exit 2 naming it");
    run_free(&r);
    r = vn("diff " LS1002 " corpus/plans/no-such-plan.txt");
    ok(r.status == 2 && strstr(r.out, "Tốt nghiệp công nghệ thông tin và truyền thông"),
       "one missing plan among two: exit 2, the other reported");
    run_free(&r);
    r = vn("diff --format xml " LS1002);
    ok(r.status == 2 && strstr(r.err, "xml"), "an unknown report format: exit 2");
    run_free(&r);
    r = vn("diff");
    ok(r.status == 2, "no plan at all: exit 2");
    run_free(&r);

    /* formats */
    r = vn("diff --format json " LS1002);
    ok(r.status == 1 && json_ok(r.out), "--format json is well-formed JSON");
    static const char *const keys[] = {"\"base\": {", "\"plan\": {", "\"findings\": [", "\"base_id\": ",
                                       "\"status\": ",  "\"changes\": [", "\"confidence\": ", "\"unverified\": ",
                                       "\"added\": [",  "\"qualitative\": [", "\"task_groups\": [", "\"duties\": {"};
    bool all = true;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strstr(r.out, keys[i])) {
            diag("missing %s", keys[i]);
            all = false;
        }
    ok(all, "the JSON report has the field names others rely on");
    ok(strstr(r.out, "\"direction\": \"localized\"") != NULL, "a localized value in JSON");
    run_free(&r);
    r = vn("diff --format json " LS1002 " " NB1002);
    ok(r.status == 1 && json_ok(r.out) && js_ws(r.out)[0] == '{' && strstr(r.out, "\"reports\": [") &&
           strstr(r.out, "\"summary\": {") && strstr(r.out, "\"failed\": ["),
       "two plans in JSON: an object with the reports and the summary across them");
    run_free(&r);

    r = vn("diff --format csv " LS1002 " " NB1002);
    size_t recs = 0, fields = 0;
    ok(r.status == 1 && csv_rectangular(r.out, &recs, &fields) && fields == 25 && recs > 54,
       "--format csv: one table of 25 columns (%zu records of %zu fields)", recs, fields);
    static const char vi_head[] = "\xEF\xBB\xBFkế hoạch,phần,mã chỉ tiêu đối chiếu,tình trạng (mã),tình trạng,";
    ok(!strncmp(r.out, vi_head, sizeof vi_head - 1),
       "the CSV: a byte-order mark, then the header in Vietnamese");
    ok(!strstr(r.out, "\n\n"), "two plans in CSV: one table, no summary mixed into it");
    ok(line_with(r.out, ",target,ict_grads_2030,changed,thay đổi,", ",80000,,người/năm,"),
       "the CSV: a value as a number, its unit in a column of its own");
    run_free(&r);
    /* tinh-tay-ninh line 43: "100% chương trình đào tạo trình độ cao đẳng các ngành kỹ thuật,
     * công nghệ ..." against the decision's programmes of cử nhân, kỹ sư, thạc sĩ in STEM */
    r = vn("diff --format csv tests/fixtures/plans/tinh-tay-ninh-1002-word-target-phrasings.txt");
    ok(line_with(r.out, ",target,stem_prog_ai_2030,changed,",
                 ",\"trình độ cử nhân, kỹ sư, thạc sĩ → cao đẳng (khác); ngành, lĩnh vực STEM, dữ liệu, trí tuệ nhân "
                 "tạo → kỹ thuật và công nghệ, dữ liệu, trí tuệ nhân tạo (hẹp hơn)\"\n"),
       "the CSV: a finding's scope notes in the last column, in words");
    ok(line_with(r.out, ",target,stem_share_2030,changed,", ",30,35,%,"),
       "the CSV: a range's ends in value and value_max (\"từ 30%% đến 35%%\")");
    run_free(&r);
    r = vn("diff --lang en --format csv " LS1002);
    static const char en_head[] = "\xEF\xBB\xBFplan,part,base_id,status,status_text,changes,confidence,unverified,"
                                  "base_comparator,base_value,base_value_max,base_unit,";
    ok(!strncmp(r.out, en_head, sizeof en_head - 1),
       "the CSV in English: the column ids as the header");
    ok(line_with(r.out, ",target,stem_share_2030,adopted,adopted,", ",equal,35,,%,") && !strstr(r.out, ",=") &&
           !strstr(r.out, ",\"="),
       "the CSV: equality is a word, never a cell that starts with =");
    run_free(&r);

    r = vn("diff corpus/plans");
    if (!ok(r.status == 1 && strstr(r.out, "TỔNG HỢP CÁC KẾ HOẠCH") &&
                strstr(r.out, "Nhân lực nghiên cứu, phát triển, đổi mới") &&
                strstr(r.out, "ninh-binh"),
            "a directory: a report per plan, each against its own decision, and a summary"))
        diag("exit %d; stderr: %s", r.status, r.err);
    run_free(&r);

    char html[512];
    snprintf(html, sizeof html, "%s/r.html", env.tmpdir);
    snprintf(args, sizeof args, "diff --format html -o '%s' " LS1002 " " NB1002, html);
    r = vn(args);
    size_t hl = 0;
    char *page = tu_read_text(html, &hl);
    ok(r.status == 1 && r.outlen == 0 && hl > 1000 && !strncmp(page, "<!DOCTYPE html>", 15),
       "-o writes the HTML page to the file");
    ok(!strstr(page, "src=\"http") && !strstr(page, "href=\"http") && !strstr(page, "url(http") &&
           !strstr(page, "@import"),
       "the page loads nothing from the network");
    free(page);
    run_free(&r);

    /* --base-dir: a ward's plan that implements its province's plan 187/KH-UBND
     * of 30/6/2025 is compared with that plan, not with a 187/KH-UBND of another
     * date in the same folder, nor with the bundled decision */
#define WARD "tests/fixtures/plans/phuong-minh-khe-dong-1002-word-year-by-year-targets.txt"
    r = vn("diff --format json --base-dir tests/fixtures/base-dir " WARD);
    ok(r.status <= 1 && strstr(r.out, "\"base\": {\"source\": \"tests/fixtures/base-dir/tinh-quang-ninh-187-KH-UBND.txt\""),
       "--base-dir: the plan is compared with the provincial plan it implements");
    run_free(&r);
    r = vn("diff --format json --base-dir tests/fixtures/base-dir " LS2711);
    ok(r.status <= 1 && strstr(r.out, "\"decision\": \"2711/QĐ-TTg\""),
       "--base-dir: a plan that implements nothing in the folder falls back to its bundled decision");
    run_free(&r);
    r = vn("diff " WARD);
    ok(r.status <= 1 && strstr(r.err, "187/KH-UBND") && strstr(r.err, "--base-dir"),
       "a plan implementing another plan, compared with the decision: the reader is told how to compare with that plan");
    run_free(&r);
    r = vn("diff --base 1002 --base-dir tests/fixtures/base-dir " WARD);
    ok(r.status == 2 && strstr(r.err, "exclude"), "--base and --base-dir together are refused");
    run_free(&r);

    r = vn("baselines");
    ok(r.status == 0 && strstr(r.out, "1002/QĐ-TTg") && strstr(r.out, "2711/QĐ-TTg"), "baselines lists both");
    ok(strstr(r.out, "27") && strstr(r.out, " 8 ") && strstr(r.out, "Đề án đào tạo nguồn nhân lực"),
       "... with 27 targets, 8 unconfirmed, and the title of 1002");
    run_free(&r);
    r = vn("help diff");
    ok(r.status == 0 && strstr(r.out, "--base") && strstr(r.out, "Exit status"), "help diff tells the options");
    run_free(&r);

    cli_env_done(&env);
    return done();
}
