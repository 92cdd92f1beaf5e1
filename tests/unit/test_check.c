/* test_check.c — `vnplan check`, rule by rule, on plans it has not been
 * tuned on: tests/fixtures/check/NAME.txt is a plan written by hand,
 * NAME.expect the findings a reader expects, written by reading the plan
 * (one "RULE SEVERITY LINE" row each; '#' lines say why; "@enable RULE",
 * "@disable RULE" and "@base NUMBER|none" set the run's options).  Most
 * plans come in pairs: the consistent plan, and the same plan with the
 * inconsistencies put in by hand.
 *
 * Then: the corpus plans and the parse fixtures as they are (and in every
 * format of tests/fixtures/formats, and formats-pending) give no error-severity finding (tests/fixtures/README.md lists the real ones, if
 * any); the library API (unknown rules, --disable, languages, reports). */
#include "tap.h"

#include "vnplan.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>

static char root[256] = "";

static void find_root(void)
{
    static const char *const up[] = {"", "../", "../../", "../../../"};
    for (size_t k = 0; k < sizeof up / sizeof up[0]; k++) {
        char probe[300];
        snprintf(probe, sizeof probe, "%stests/fixtures/check", up[k]);
        DIR *d = opendir(probe);
        if (d) {
            closedir(d);
            snprintf(root, sizeof root, "%s", up[k]);
            return;
        }
    }
}

#define MAX_ROWS 256
#define ROW_LEN 128

typedef struct rows {
    char v[MAX_ROWS][ROW_LEN];
    size_t n;
} rows;

static int cmp_row(const void *a, const void *b) { return strcmp(a, b); }

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static bool has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = '\0';
}

/* Checks one plan against its .expect file. */
static void check_fixture(const char *dir, const char *name)
{
    char path[1024], plan[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(plan, sizeof plan, "%s/%.*s.txt", dir, (int)(strlen(name) - strlen(".expect")), name);
    FILE *f = fopen(path, "r");
    if (!ok(f != NULL, "%s: readable", name))
        return;
    rows want = {.n = 0};
    char line[512], enable[512] = "", disable[512] = "", base[512] = "";
    while (fgets(line, sizeof line, f)) {
        trim(line);
        if (!line[0] || line[0] == '#')
            continue;
        if (!strncmp(line, "@enable ", 8)) {
            snprintf(enable, sizeof enable, "%s", line + 8);
        } else if (!strncmp(line, "@disable ", 9)) {
            snprintf(disable, sizeof disable, "%s", line + 9);
        } else if (!strncmp(line, "@base ", 6)) {
            snprintf(base, sizeof base, "%s", line + 6);
        } else if (want.n < MAX_ROWS) {
            size_t len = strlen(line) < ROW_LEN - 1 ? strlen(line) : ROW_LEN - 1;
            memcpy(want.v[want.n], line, len);
            want.v[want.n++][len] = '\0';
        }
    }
    fclose(f);
    char err[512];
    vnplan_doc *doc = NULL, *b = NULL;
    if (!ok(vnplan_parse_file(plan, NULL, &doc, err, sizeof err) == VNPLAN_OK, "%s: parses", plan))
        return;
    if (base[0] && strcmp(base, "none") != 0 &&
        !ok(vnplan_baseline_load(base, NULL, &b, err, sizeof err) == VNPLAN_OK, "%s: baseline %s", name, base)) {
        vnplan_doc_free(doc);
        return;
    }
    vnplan_check *ck = NULL;
    if (!ok(vnplan_check_run(doc, b, enable[0] ? enable : NULL, disable[0] ? disable : NULL, VNPLAN_CHECK_ENGLISH,
                             &ck, err, sizeof err) == VNPLAN_OK,
            "%s: checks", plan)) {
        vnplan_doc_free(doc);
        vnplan_doc_free(b);
        return;
    }
    rows got = {.n = 0};
    for (size_t i = 0; i < vnplan_check_finding_count(ck) && got.n < MAX_ROWS; i++)
        snprintf(got.v[got.n++], ROW_LEN, "%s %s %zu", vnplan_check_finding_rule(ck, i),
                 vnplan_severity_name(vnplan_check_finding_severity(ck, i)), vnplan_check_finding_span(ck, i).line);
    qsort(want.v, want.n, ROW_LEN, cmp_row);
    qsort(got.v, got.n, ROW_LEN, cmp_row);
    bool same = want.n == got.n;
    for (size_t i = 0; same && i < want.n; i++)
        same = !strcmp(want.v[i], got.v[i]);
    if (!ok(same, "%s: the findings expected, no other", name)) {
        for (size_t i = 0; i < want.n; i++)
            printf("#   want: %s\n", want.v[i]);
        for (size_t i = 0; i < got.n; i++)
            printf("#   got:  %s\n", got.v[i]);
        for (size_t i = 0; i < vnplan_check_finding_count(ck); i++)
            printf("#   %zu: %s [%s]\n", vnplan_check_finding_span(ck, i).line, vnplan_check_finding_message(ck, i),
                   vnplan_check_finding_rule(ck, i));
    }
    vnplan_check_free(ck);
    vnplan_doc_free(doc);
    vnplan_doc_free(b);
}

static void fixtures(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%stests/fixtures/check", root);
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, by_name);
    size_t checked = 0;
    for (int i = 0; i < n; i++) {
        if (has_suffix(list[i]->d_name, ".expect")) {
            check_fixture(dir, list[i]->d_name);
            checked++;
        }
        free(list[i]);
    }
    free(list);
    ok(checked >= 20, "%zu check fixtures were run", checked);
}

/* The documents as they are: no error-severity finding. */
static void no_false_errors(const char *sub)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s%s", root, sub);
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, by_name);
    size_t files = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (strcmp(name, "README.md") == 0) { /* a folder's notes, no plan */
            free(list[i]);
            continue;
        }
        if (has_suffix(name, ".txt") || has_suffix(name, ".docx") || has_suffix(name, ".odt") ||
            has_suffix(name, ".pdf") || has_suffix(name, ".html") || has_suffix(name, ".md")) {
            char path[1024], err[512];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            vnplan_doc *doc = NULL;
            vnplan_check *ck = NULL;
            if (vnplan_parse_file(path, NULL, &doc, err, sizeof err) == VNPLAN_OK &&
                vnplan_check_run(doc, NULL, NULL, NULL, VNPLAN_CHECK_ENGLISH, &ck, err, sizeof err) == VNPLAN_OK) {
                size_t errors = vnplan_check_count(ck, VNPLAN_SEVERITY_ERROR);
                if (!ok(errors == 0, "%s: no error finding", path))
                    for (size_t k = 0; k < vnplan_check_finding_count(ck); k++)
                        printf("#   %s:%zu: %s [%s]\n", name, vnplan_check_finding_span(ck, k).line,
                               vnplan_check_finding_message(ck, k), vnplan_check_finding_rule(ck, k));
                files++;
            } else {
                ok(0, "%s: parses and checks (%s)", path, err);
            }
            vnplan_check_free(ck);
            vnplan_doc_free(doc);
        }
        free(list[i]);
    }
    free(list);
    ok(files > 0, "%s: %zu documents checked", sub, files);
}

static vnplan_doc *parse_text(const char *text)
{
    char err[256];
    vnplan_doc *doc = NULL;
    vnplan_parse_bytes(text, strlen(text), "spec.txt", NULL, &doc, err, sizeof err);
    return doc;
}

static const char skipped[] = "KẾ HOẠCH\n"
                              "Thực hiện Kế hoạch số 12/KH-UBND ngày 3/3/2025 của Ủy ban nhân dân tỉnh\n"
                              "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm thực hiện hiệu quả.\n"
                              "II. MỤC TIÊU\n- Tỷ lệ người dân có tài khoản số đạt 80%.\n"
                              "IV. NHIỆM VỤ\n- Tuyên truyền.\n";

static void api(void)
{
    vnplan_doc *doc = parse_text(skipped);
    if (!ok(doc != NULL, "api: a small plan parses"))
        return;
    char err[256];
    vnplan_check *ck = NULL;
    ok(vnplan_check_run(doc, NULL, NULL, "numbering,no-such-rule", 0, &ck, err, sizeof err) == VNPLAN_ERR_USAGE &&
           ck == NULL && strstr(err, "no-such-rule") != NULL,
       "api: an unknown rule is refused, naming it");
    ok(vnplan_check_run(doc, NULL, NULL, NULL, VNPLAN_CHECK_ENGLISH, &ck, err, sizeof err) == VNPLAN_OK,
       "api: runs");
    bool skip = false, missing = false;
    for (size_t i = 0; i < vnplan_check_finding_count(ck); i++) {
        const char *r = vnplan_check_finding_rule(ck, i);
        skip = skip || (!strcmp(r, "numbering") && vnplan_check_finding_span(ck, i).line == 7 &&
                        strstr(vnplan_check_finding_message(ck, i), "IV comes after II"));
        missing = missing || !strcmp(r, "missing-section");
    }
    ok(skip, "api: II then IV is a skip, in English");
    ok(missing, "api: Kinh phí and Tổ chức thực hiện are missing");
    vnplan_check_free(ck);
    ok(vnplan_check_run(doc, NULL, NULL, "numbering,missing-section", 0, &ck, err, sizeof err) == VNPLAN_OK &&
           vnplan_check_finding_count(ck) == 0,
       "api: --disable turns the rules off");
    vnplan_check_free(ck);
    ok(vnplan_check_run(doc, NULL, NULL, "missing-section", 0, &ck, err, sizeof err) == VNPLAN_OK &&
           vnplan_check_finding_count(ck) == 1 &&
           strstr(vnplan_check_finding_message(ck, 0), "đánh số") != NULL,
       "api: messages are Vietnamese by default");
    FILE *tmp = tmpfile();
    ok(tmp && vnplan_check_render(ck, VNPLAN_FORMAT_JSON, 0, tmp, err, sizeof err) == VNPLAN_OK,
       "api: renders JSON");
    if (tmp) {
        char buf[4096] = "";
        rewind(tmp);
        size_t n = fread(buf, 1, sizeof buf - 1, tmp);
        buf[n] = '\0';
        ok(strstr(buf, "\"file\": \"spec.txt\"") && strstr(buf, "\"rule\": \"numbering\"") &&
               strstr(buf, "\"span\": {\"start\": ") && strstr(buf, "\"evidence\": \"IV.\""),
           "api: JSON has file, rule, span and evidence");
        fclose(tmp);
    }
    ok(vnplan_check_render(ck, VNPLAN_FORMAT_CSV, 0, stdout, err, sizeof err) == VNPLAN_ERR_USAGE,
       "api: CSV is not a check format");
    vnplan_check_free(ck);
    bool off_by_default = false;
    for (size_t i = 0; i < vnplan_check_rule_count(); i++)
        off_by_default = off_by_default ||
                         (!strcmp(vnplan_check_rule_name(i), "unassigned-task") && !vnplan_check_rule_default(i));
    ok(off_by_default, "api: unassigned-task is off by default");
    vnplan_doc_free(doc);
}

/* A plan written as a vnplan XML tree and read back is checked alike, with
 * the lines of the file it was parsed from. */
static void xml_roundtrip(const char *name)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%stests/fixtures/check/%s", root, name);
    vnplan_doc *doc = NULL, *back = NULL;
    if (!ok(vnplan_parse_file(path, NULL, &doc, err, sizeof err) == VNPLAN_OK, "xml: %s parses", name))
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bool written = f && vnplan_render(doc, VNPLAN_FORMAT_XML, 0, f, err, sizeof err) == VNPLAN_OK;
    if (f)
        fclose(f);
    if (ok(written && vnplan_load_xml(buf, len, "tree.xml", NULL, &back, err, sizeof err) == VNPLAN_OK,
           "xml: %s written and read back", name)) {
        vnplan_check *a = NULL, *b = NULL;
        vnplan_check_run(doc, NULL, NULL, NULL, 0, &a, err, sizeof err);
        vnplan_check_run(back, NULL, NULL, NULL, 0, &b, err, sizeof err);
        bool same = a && b && vnplan_check_finding_count(a) == vnplan_check_finding_count(b) &&
                    vnplan_check_finding_count(a) > 0;
        for (size_t i = 0; same && i < vnplan_check_finding_count(a); i++)
            same = !strcmp(vnplan_check_finding_rule(a, i), vnplan_check_finding_rule(b, i)) &&
                   vnplan_check_finding_span(a, i).line == vnplan_check_finding_span(b, i).line &&
                   !strcmp(vnplan_check_finding_message(a, i), vnplan_check_finding_message(b, i));
        ok(same, "xml: %s gives the same findings, lines and messages from its tree", name);
        vnplan_check_free(a);
        vnplan_check_free(b);
    }
    free(buf);
    vnplan_doc_free(back);
    vnplan_doc_free(doc);
}

int main(void)
{
    find_root();
    fixtures();
    no_false_errors("corpus/plans");
    no_false_errors("tests/fixtures/plans");
    no_false_errors("tests/fixtures/formats"); /* the same plans as Word, ODT, PDF, HTML, Markdown */
    no_false_errors("tests/fixtures/formats-pending"); /* those the gold tests skip: no false error either */
    api();
    xml_roundtrip("lao-cai-1002-word-bad.txt");
    xml_roundtrip("can-tho-1002-web-slash-citation-bad.txt");
    return done();
}
