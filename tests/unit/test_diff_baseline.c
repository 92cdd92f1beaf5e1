/* test_diff_baseline.c — the bundled baselines, the choice of a plan's
 * baseline, the refusals, comparing a document with itself, small
 * hand-made comparisons that pin one rule each, and odd input.
 *
 * tests/gold/diff-baseline-1002.tsv is an unchanged copy of
 * ../shared/gold/baseline-1002.tsv (the targets of Decision 1002/QĐ-TTg as
 * the facts sheet gives them): the bundled tree must carry exactly those
 * targets, with their values, comparators, phases, unit classes, parents
 * and confidences. */
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

static char root[256] = "";

static void find_root(void) { tu_find_root("tests/gold", root, sizeof root); }

static const char *path_of(const char *rel, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", root, rel);
    return buf;
}

static const char *const plans[] = {
    "corpus/plans/lang-son-1002-pdf-double-spaced.txt",
    "corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
    "corpus/plans/lang-son-2711-word-paragraphs.txt",
};
static const char *const plan_decision[] = {"1002/QĐ-TTg", "1002/QĐ-TTg", "2711/QĐ-TTg"};

static vnplan_doc *parse(const char *rel)
{
    char p[512], err[512];
    vnplan_doc *d = NULL;
    if (vnplan_parse_file(path_of(rel, p, sizeof p), NULL, &d, err, sizeof err) != VNPLAN_OK)
        diag("%s: %s", rel, err);
    return d;
}

static vnplan_doc *parse_text(const char *text, const char *name)
{
    char err[512];
    vnplan_doc *d = NULL;
    if (vnplan_parse_bytes(text, strlen(text), name, NULL, &d, err, sizeof err) != VNPLAN_OK)
        diag("%s: %s", name, err);
    return d;
}

static vnplan_doc *load_xml_text(const char *xml, const char *name)
{
    char err[512];
    vnplan_doc *d = NULL;
    if (vnplan_load_xml(xml, strlen(xml), name, NULL, &d, err, sizeof err) != VNPLAN_OK)
        diag("%s: %s", name, err);
    return d;
}

static size_t target_by_id(const vnplan_doc *d, const char *id)
{
    for (size_t t = 0; t < vnplan_target_count(d); t++)
        if (vnplan_target_id(d, t) && !strcmp(vnplan_target_id(d, t), id))
            return t;
    return VNPLAN_NONE;
}

/* ---- the bundled baselines ------------------------------------------------------------ */

static void test_bundled(void)
{
    is_long((long)vnplan_baseline_count(), 2, "two baselines are bundled");
    bool has1002 = false, has2711 = false;
    for (size_t i = 0; i < vnplan_baseline_count(); i++) {
        has1002 |= !strcmp(vnplan_baseline_name(i), "1002/QĐ-TTg");
        has2711 |= !strcmp(vnplan_baseline_name(i), "2711/QĐ-TTg");
        ok(vnplan_baseline_title(i) && strlen(vnplan_baseline_title(i)) > 20, "%s has a title",
           vnplan_baseline_name(i));
        /* the list reads only the head of each tree (baseline.c): its name
         * and title are those of <document> in corpus/decisions */
        if (!strcmp(vnplan_baseline_name(i), "1002/QĐ-TTg"))
            is_str(vnplan_baseline_title(i),
                   "Quyết định 1002/QĐ-TTg phê duyệt Đề án đào tạo nguồn nhân lực phục vụ phát triển công nghệ "
                   "cao giai đoạn 2025 - 2035 và định hướng tới năm 2045",
                   "1002/QĐ-TTg: the title= of its <document>");
        vnplan_doc *full = NULL;
        char e[256];
        if (vnplan_baseline_load(vnplan_baseline_name(i), NULL, &full, e, sizeof e) == VNPLAN_OK)
            is_str(vnplan_meta_number(full), vnplan_baseline_name(i), "the listed name is the loaded tree's number");
        else
            ok(0, "%s loads (%s)", vnplan_baseline_name(i), e);
        vnplan_doc_free(full);
    }
    ok(has1002 && has2711, "the bundled ones are 1002/QĐ-TTg and 2711/QĐ-TTg");
    ok(vnplan_baseline_name(99) == NULL, "no name past the end");

    char err[512];
    static const char *const spellings[] = {"1002/QĐ-TTg", "1002/QĐ-TTG", "1002/qd-ttg", "1002"};
    for (size_t i = 0; i < 4; i++) {
        vnplan_doc *b = NULL;
        vnplan_status st = vnplan_baseline_load(spellings[i], NULL, &b, err, sizeof err);
        ok(st == VNPLAN_OK && b && !strcmp(vnplan_meta_number(b), "1002/QĐ-TTg"), "baseline_load(\"%s\") finds 1002",
           spellings[i]);
        vnplan_doc_free(b);
    }
    vnplan_doc *none = NULL;
    vnplan_status st = vnplan_baseline_load("999/QĐ-TTg", NULL, &none, err, sizeof err);
    ok(st == VNPLAN_ERR_NO_BASELINE && !none && strstr(err, "999/QĐ-TTg") && strstr(err, "1002/QĐ-TTg"),
       "an unknown number: VNPLAN_ERR_NO_BASELINE naming it and the bundled ones (%s)", err);

    /* the 1002 tree carries exactly the targets of the facts sheet */
    vnplan_doc *b = NULL;
    if (vnplan_baseline_load("1002/QĐ-TTg", NULL, &b, err, sizeof err) != VNPLAN_OK) {
        ok(0, "1002 loads (%s)", err);
        return;
    }
    char p[512];
    FILE *f = fopen(path_of("tests/gold/diff-baseline-1002.tsv", p, sizeof p), "r");
    ok(f != NULL, "tests/gold/diff-baseline-1002.tsv is readable");
    size_t rows = 0, quantified = 0;
    char line[2048];
    while (f && fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *fld[8] = {0};
        int nf = 0;
        for (char *s = strtok(line, "\t\n"); s && nf < 8; s = strtok(NULL, "\t\n"))
            fld[nf++] = s;
        if (nf < 7)
            continue;
        rows++;
        size_t t = target_by_id(b, fld[0]);
        if (!ok(t != VNPLAN_NONE, "1002: %s is in the tree", fld[0]))
            continue;
        const char *parent = vnplan_target_parent(b, t) == VNPLAN_NONE
                                 ? "-"
                                 : vnplan_target_id(b, vnplan_target_parent(b, t));
        bool same = !strcmp(vnplan_target_phase(b, t) ? vnplan_target_phase(b, t) : "", fld[1]) &&
                    !strcmp(vnplan_target_comparator(b, t), fld[2]) &&
                    fabs(vnplan_target_value(b, t) - strtod(fld[3], NULL)) < 1e-9 &&
                    !strcmp(vnplan_target_unit_class(b, t), fld[4]) && !strcmp(parent, fld[5]) &&
                    !strcmp(vnplan_target_confidence(b, t) ? vnplan_target_confidence(b, t) : "", fld[6]);
        if (!ok(same, "1002: %s has the facts sheet's phase, comparator, value, class, parent, confidence", fld[0]))
            diag("- %s %s %s %s %s %s\n# + %s %s %g %s %s %s", fld[1], fld[2], fld[3], fld[4], fld[5], fld[6],
                 vnplan_target_phase(b, t), vnplan_target_comparator(b, t), vnplan_target_value(b, t),
                 vnplan_target_unit_class(b, t), parent, vnplan_target_confidence(b, t));
    }
    if (f)
        fclose(f);
    for (size_t t = 0; t < vnplan_target_count(b); t++)
        quantified += !strcmp(vnplan_target_kind(b, t), "quantified");
    is_long((long)quantified, (long)rows, "1002: no quantified target beyond the facts sheet");
    ok(rows == 27, "1002: the facts sheet lists 27 targets (%zu read)", rows);
    /* the draft figures the sheet says to leave out */
    bool draft = false;
    for (size_t t = 0; t < vnplan_target_count(b); t++) {
        double v = vnplan_target_value(b, t);
        draft |= v == 20000 || v == 30000 || v == 200 || v == 16000;
    }
    ok(!draft, "1002: no draft figure (AI 20.000 / 30.000, 200 programmes, the funding) is a target");
    vnplan_doc_free(b);

    vnplan_doc *b2 = NULL;
    if (vnplan_baseline_load("2711", NULL, &b2, err, sizeof err) == VNPLAN_OK) {
        static const char *const ids[] = {"rd_staff_2030",        "sci_eng_share_2030",          "phd_students_2030",
                                          "talent_learners_2030", "hightech_intellectuals_2030", "women_minorities_2030",
                                          "overseas_2030"};
        bool all = vnplan_target_count(b2) == 7;
        for (size_t i = 0; i < 7; i++)
            all = all && target_by_id(b2, ids[i]) != VNPLAN_NONE;
        ok(all, "2711: the seven targets of its table and nothing else");
        size_t t = target_by_id(b2, "rd_staff_2030");
        ok(t != VNPLAN_NONE && !strcmp(vnplan_target_unit_class(b2, t), "per_10k") &&
               vnplan_target_value(b2, t) == 12,
           "2711: 12 người/1 vạn dân is a rate per 10 000");
        t = target_by_id(b2, "phd_students_2030");
        ok(t != VNPLAN_NONE && vnplan_target_parent(b2, t) == target_by_id(b2, "sci_eng_share_2030"),
           "2711: nghiên cứu sinh is a part of the 35%% share");
    } else {
        ok(0, "2711 loads (%s)", err);
    }
    vnplan_doc_free(b2);
}

/* ---- choosing and refusing ---------------------------------------------------------------- */

static void test_choice(void)
{
    char err[512];
    for (size_t i = 0; i < 3; i++) {
        vnplan_doc *p = parse(plans[i]), *b = NULL;
        if (!p) {
            ok(0, "%s parses", plans[i]);
            continue;
        }
        vnplan_status st = vnplan_baseline_for(p, NULL, &b, err, sizeof err);
        ok(st == VNPLAN_OK && b && !strcmp(vnplan_meta_number(b), plan_decision[i]), "%s gets the baseline of %s",
           plans[i], plan_decision[i]);
        vnplan_doc_free(b);
        vnplan_doc_free(p);
    }
    /* the 2711 plan against 1002 is refused, clearly */
    vnplan_doc *p = parse(plans[2]), *b = NULL;
    vnplan_diff *d = NULL;
    vnplan_baseline_load("1002/QĐ-TTg", NULL, &b, err, sizeof err);
    vnplan_status st = p && b ? vnplan_compare(b, p, NULL, &d, err, sizeof err) : VNPLAN_ERR_IO;
    ok(st == VNPLAN_ERR_USAGE && !d, "the 2711 plan against the 1002 baseline is refused (status %d)", st);
    ok(strstr(err, "2711/QĐ-TTg") && strstr(err, "1002/QĐ-TTg"), "the refusal names both decisions: %s", err);
    vnplan_doc_free(b);
    vnplan_doc_free(p);

    /* a decision with no bundled baseline */
    const char *unbundled = "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 12/KH-UBND\nKẾ HOẠCH\n"
                            "Triển khai thực hiện Quyết định số 123/QĐ-TTg ngày 01/02/2025 của Thủ tướng Chính phủ\n"
                            "Thực hiện Quyết định số 123/QĐ-TTg ngày 01/02/2025 của Thủ tướng Chính phủ, Ủy ban nhân "
                            "dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2030\n"
                            "- Tỷ lệ người học theo học các ngành STEM đạt 35%.\n";
    p = parse_text(unbundled, "unbundled.txt");
    b = NULL;
    st = p ? vnplan_baseline_for(p, NULL, &b, err, sizeof err) : VNPLAN_ERR_IO;
    ok(st == VNPLAN_ERR_NO_BASELINE && !b, "a plan implementing 123/QĐ-TTg: VNPLAN_ERR_NO_BASELINE");
    ok(strstr(err, "123/QĐ-TTg") != NULL, "the message names 123/QĐ-TTg: %s", err);
    vnplan_doc_free(p);

    const char *nameless = "KẾ HOẠCH\nPhát triển nguồn nhân lực\nI. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2030\n"
                           "- Tỷ lệ người học theo học các ngành STEM đạt 35%.\n";
    p = parse_text(nameless, "nameless.txt");
    st = p ? vnplan_baseline_for(p, NULL, &b, err, sizeof err) : VNPLAN_ERR_IO;
    ok(st == VNPLAN_ERR_NO_BASELINE && strstr(err, "does not say") && strstr(err, "--base"),
       "a plan naming no decision: a message saying so and suggesting --base (%s)", err);
    vnplan_doc_free(p);
}

/* ---- a document against itself ------------------------------------------------------------- */

static void check_self(const char *what, const vnplan_doc *a, const vnplan_doc *b)
{
    char err[512];
    vnplan_diff *d = NULL;
    if (!ok(vnplan_compare(a, b, NULL, &d, err, sizeof err) == VNPLAN_OK, "%s against itself compares", what)) {
        diag("%s", err);
        return;
    }
    size_t bad = 0, quantified = 0;
    for (size_t t = 0; t < vnplan_target_count(a); t++)
        quantified += !strcmp(vnplan_target_kind(a, t), "quantified");
    for (size_t i = 0; i < vnplan_diff_finding_count(d); i++) {
        bool good = !strcmp(vnplan_diff_finding_status(d, i), "adopted") &&
                    vnplan_diff_finding_plan_target(d, i) == vnplan_diff_finding_base_target(d, i);
        if (!good && bad++ < 5)
            diag("%s: %s is %s on %zu", what, vnplan_diff_finding_base_id(d, i), vnplan_diff_finding_status(d, i),
                 vnplan_diff_finding_plan_target(d, i));
    }
    ok(bad == 0 && vnplan_diff_finding_count(d) == quantified,
       "%s against itself: every target adopted, each resting on itself", what);
    is_long((long)vnplan_diff_added_count(d), 0, "nothing added");
    is_long(vnplan_diff_has_differences(d), 0, "no differences");
    vnplan_diff_free(d);
}

static void test_self(void)
{
    char err[512];
    for (size_t i = 0; i < vnplan_baseline_count(); i++) {
        vnplan_doc *a = NULL, *b = NULL;
        vnplan_baseline_load(vnplan_baseline_name(i), NULL, &a, err, sizeof err);
        vnplan_baseline_load(vnplan_baseline_name(i), NULL, &b, err, sizeof err);
        if (a && b)
            check_self(vnplan_baseline_name(i), a, b);
        else
            ok(0, "%s loads twice", vnplan_baseline_name(i));
        vnplan_doc_free(a);
        vnplan_doc_free(b);
    }
    for (size_t i = 0; i < 3; i++) {
        vnplan_doc *a = parse(plans[i]), *b = parse(plans[i]);
        if (a && b)
            check_self(plans[i], a, b);
        else
            ok(0, "%s parses twice", plans[i]);
        vnplan_doc_free(a);
        vnplan_doc_free(b);
    }
}

/* ---- one rule at a time, on hand-made trees --------------------------------------------------- */

#define XML_HEAD "<vnplan version=\"1\"><document><node kind=\"document\">"
#define XML_TAIL "</node></document></vnplan>"
#define T(id, cmp, val, cls, phase, ind) \
    "<target id=\"" id "\" comparator=\"" cmp "\" value=\"" val "\" value-text=\"" val "\" unit-class=\"" cls \
    "\" phase=\"" phase "\" section=\"muc_tieu\"><indicator>" ind "</indicator><sentence>" ind " " val         \
    "</sentence></target>"

static vnplan_diff *compare_xml(const char *bx, const char *px, vnplan_doc **b, vnplan_doc **p)
{
    char err[512];
    *b = load_xml_text(bx, "base.xml");
    *p = load_xml_text(px, "plan.xml");
    vnplan_diff *d = NULL;
    if (*b && *p && vnplan_compare(*b, *p, NULL, &d, err, sizeof err) != VNPLAN_OK)
        diag("compare: %s", err);
    return d;
}

static const char *status_of(const vnplan_diff *d, const char *id, const char **plan_id)
{
    for (size_t i = 0; d && i < vnplan_diff_finding_count(d); i++)
        if (!strcmp(vnplan_diff_finding_base_id(d, i), id)) {
            size_t t = vnplan_diff_finding_plan_target(d, i);
            *plan_id = t == VNPLAN_NONE ? "-" : vnplan_target_id(vnplan_diff_plan(d), t);
            return vnplan_diff_finding_status(d, i);
        }
    *plan_id = "?";
    return "?";
}

static void test_rules(void)
{
    vnplan_doc *b, *p;
    const char *pid;
    const char *st;
    /* the same phase is preferred over the same value */
    vnplan_diff *d = compare_xml(
        XML_HEAD "<node kind=\"item\">" T("prog_2030", "=", "100", "pct", "2030",
                                          "chương trình đào tạo khối ngành STEM tích hợp trí tuệ nhân tạo") "</node>" XML_TAIL,
        XML_HEAD "<node kind=\"item\">" T("a", "=", "100", "pct", "2035",
                                          "chương trình đào tạo khối ngành STEM tích hợp trí tuệ nhân tạo") "</node>"
                 "<node kind=\"item\">" T("b", "=", "80", "pct", "2030",
                                          "chương trình đào tạo khối ngành STEM tích hợp trí tuệ nhân tạo") "</node>" XML_TAIL,
        &b, &p);
    st = status_of(d, "prog_2030", &pid);
    ok(!strcmp(st, "changed") && !strcmp(pid, "b"), "rule: the same phase (80%% in 2030) before the same value (100%% in 2035): %s on %s", st, pid);
    ok(d && vnplan_diff_finding_change_count(d, 0) == 1 && !strcmp(vnplan_diff_finding_change(d, 0, 0), "value") &&
           !strcmp(vnplan_diff_finding_direction(d, 0, 0), "looser"),
       "rule: 100%% -> 80%% is a looser value");
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* only a different phase: matched, the phase reported as changed */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("x", "&gt;=", "3000", "count", "2035",
                                                      "thu hút tiến sĩ các ngành STEM từ nước ngoài") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("y", "&gt;=", "3000", "count", "2030",
                                                      "thu hút tiến sĩ các ngành STEM từ nước ngoài") "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "x", &pid);
    ok(!strcmp(st, "changed") && d && !strcmp(vnplan_diff_finding_change(d, 0, 0), "phase") &&
           !strcmp(vnplan_diff_finding_direction(d, 0, 0), "stricter"),
       "rule: a target brought forward (2035 -> 2030) is a stricter phase: %s", st);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* one indicator worded differently for each phase: the phase decides */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("abroad_2030", "&gt;=", "2000", "count", "2030",
                                                      "thu hút người có trình độ tiến sĩ các ngành STEM đang làm việc ở "
                                                      "nước ngoài làm giảng viên hoặc giảng dạy ít nhất một học kỳ")
                             T("abroad_2035", "&gt;=", "3000", "count", "2035",
                               "thu hút tiến sĩ các ngành STEM từ nước ngoài") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("p", "&gt;=", "10", "count", "2030",
                                                      "thu hút tiến sĩ các ngành STEM từ nước ngoài về giảng dạy") "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "abroad_2030", &pid);
    ok(!strcmp(st, "changed") && !strcmp(pid, "p"),
       "rule: a 2030 plan target worded like the decision's 2035 one is the 2030 target (%s on %s)", st, pid);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* the only rate per 10 000 inhabitants on each side, in other words */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("rd", "=", "12", "per_10k", "2030",
                                                      "nhân lực nghiên cứu khoa học, phát triển công nghệ, đổi mới "
                                                      "sáng tạo toàn thời gian")
                             T("share", "&gt;=", "35", "pct", "2030", "tỷ lệ người học các ngành kỹ thuật") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("p", "=", "14", "per_10k", "2030",
                                                      "người làm công tác nghiên cứu và phát triển") "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "rd", &pid);
    ok(!strcmp(st, "changed") && !strcmp(pid, "p"),
       "rule: the one rate per 10 000 people on each side, words agreeing a little, is one target (%s on %s)", st,
       pid);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* a figure of a year before the plan's own reports the past */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("phd", "&gt;=", "3000", "count", "2035",
                                                      "người có trình độ tiến sĩ") "</node>" XML_TAIL,
                    "<vnplan version=\"1\"><document><meta><date>2025-10-01</date></meta><node kind=\"document\">"
                    "<node kind=\"item\">" T("then", "=", "58", "count", "2024", "người có trình độ tiến sĩ")
                    "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "phd", &pid);
    ok(!strcmp(st, "missing") && d && vnplan_diff_added_count(d) == 0,
       "rule: \"đến hết năm 2024 ... 58 tiến sĩ\" in a plan of 2025 is neither a match nor added (%s)", st);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* incompatible unit classes never align, however similar the words */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("x", "=", "30", "pct", "2030", "nhóm nghiên cứu mạnh") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("y", "=", "30", "count", "2030", "nhóm nghiên cứu mạnh") "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "x", &pid);
    ok(!strcmp(st, "missing") && d && vnplan_diff_added_count(d) == 1,
       "rule: a share never matches a count (%s; %zu added)", st, d ? vnplan_diff_added_count(d) : 0);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* people per year against a number of people: matched at a discount, unit changed */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("x", "=", "500", "per_year", "2030", "đào tạo tiến sĩ tài năng") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("y", "=", "500", "count", "2030", "đào tạo tiến sĩ tài năng") "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "x", &pid);
    ok(!strcmp(st, "changed") && d && !strcmp(vnplan_diff_finding_change(d, 0, 0), "unit"),
       "rule: per_year against count aligns, the unit reported as changed (%s)", st);
    ok(d && vnplan_diff_finding_confidence(d, 0) < 1.0, "rule: ... with less confidence (%.2f)",
       d ? vnplan_diff_finding_confidence(d, 0) : -1);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* a restated target: one match, the restatement neither matched nor added */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("x", "=", "100", "pct", "2030",
                                                      "cơ sở giáo dục được kết nối Internet tốc độ cao") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"section\" label=\"muc_tieu\"><node kind=\"item\">"
                             T("a", "=", "100", "pct", "2030", "cơ sở giáo dục được kết nối Internet tốc độ cao")
                             "</node></node><node kind=\"section\" label=\"to_chuc_thuc_hien\"><node kind=\"item\">"
                             "<target id=\"b\" comparator=\"=\" value=\"100\" unit-class=\"pct\" section=\"to_chuc_thuc_hien\">"
                             "<indicator>các cơ sở giáo dục trên địa bàn được kết nối Internet tốc độ cao</indicator>"
                             "</target></node></node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "x", &pid);
    ok(!strcmp(st, "adopted") && !strcmp(pid, "a") && d && vnplan_diff_added_count(d) == 0 &&
           vnplan_diff_finding_restatement_count(d, 0) == 1,
       "rule: the objective restated in tổ chức thực hiện is one target (%s on %s, %zu added)", st, pid,
       d ? vnplan_diff_added_count(d) : 0);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* a "trong đó" part goes with a part of the aligned whole */
    d = compare_xml(
        XML_HEAD "<node kind=\"item\">" T("w30", "=", "35", "pct", "2030", "tỷ lệ người học theo học các ngành STEM")
        "<target id=\"p30\" comparator=\"&gt;=\" value=\"2.5\" unit-class=\"pct\" phase=\"2030\" parent=\"w30\">"
        "<indicator>thuộc các ngành khoa học cơ bản</indicator></target></node>" XML_TAIL,
        XML_HEAD "<node kind=\"item\">" T("lab", "=", "80", "pct", "2030", "tỷ lệ lao động qua đào tạo")
        "<target id=\"lab_part\" comparator=\"&gt;=\" value=\"2.5\" unit-class=\"pct\" phase=\"2030\" parent=\"lab\">"
        "<indicator>thuộc các ngành khoa học cơ bản</indicator></target></node>"
        "<node kind=\"item\">" T("stem", "=", "35", "pct", "2030", "tỷ lệ người học theo học các ngành STEM")
        "<target id=\"stem_part\" comparator=\"&gt;=\" value=\"2.5\" unit-class=\"pct\" phase=\"2030\" parent=\"stem\">"
        "<indicator>thuộc các ngành khoa học cơ bản</indicator></target></node>" XML_TAIL,
        &b, &p);
    st = status_of(d, "p30", &pid);
    ok(!strcmp(pid, "stem_part"), "rule: the part of the STEM share, not the same words under another whole (%s on %s)",
       st, pid);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* exclusive topics: AI graduates are not ICT graduates */
    d = compare_xml(XML_HEAD "<node kind=\"item\">" T("ict", "=", "80000", "per_year", "2030",
                                                      "số người tốt nghiệp các chương trình đào tạo về công nghệ thông tin") "</node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("ai", "=", "300", "per_year", "2030",
                                                      "số người tốt nghiệp các chương trình đào tạo về trí tuệ nhân tạo") "</node>" XML_TAIL,
                    &b, &p);
    st = status_of(d, "ict", &pid);
    ok(!strcmp(st, "missing"), "rule: AI graduates do not answer the ICT graduates target (%s on %s)", st, pid);
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);

    /* unverified follows the baseline's confidence */
    d = compare_xml(XML_HEAD "<node kind=\"item\"><target id=\"x\" comparator=\"=\" value=\"30\" unit-class=\"count\" "
                             "phase=\"2030\" confidence=\"likely\"><indicator>nhóm nghiên cứu mạnh được công nhận</indicator>"
                             "</target><target id=\"y\" comparator=\"=\" value=\"7\" unit-class=\"count\" phase=\"2030\" "
                             "confidence=\"confirmed\"><indicator>trường đại học đạt chuẩn</indicator></target></node>" XML_TAIL,
                    XML_HEAD "<node kind=\"item\">" T("a", "=", "2", "count", "2030", "nhóm nghiên cứu mạnh được công nhận")
                             "</node>" XML_TAIL,
                    &b, &p);
    ok(d && vnplan_diff_finding_unverified(d, 0) == 1 && vnplan_diff_finding_unverified(d, 1) == 0,
       "rule: a finding on a likely figure is unverified, one on a confirmed figure is not");
    ok(d && !strcmp(vnplan_diff_finding_status(d, 1), "missing"), "rule: ... also when it is missing");
    vnplan_diff_free(d), vnplan_doc_free(b), vnplan_doc_free(p);
}

/* ---- odd input ---------------------------------------------------------------------------------- */

static void test_odd(void)
{
    char err[512];
    vnplan_doc *base = NULL;
    vnplan_baseline_load("1002", NULL, &base, err, sizeof err);
    /* a plan without targets */
    vnplan_doc *p = parse_text("KẾ HOẠCH\nThực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025\nI. MỤC TIÊU\n", "empty.txt");
    vnplan_diff *d = NULL;
    if (base && p && vnplan_compare(base, p, NULL, &d, err, sizeof err) == VNPLAN_OK) {
        size_t missing = 0;
        for (size_t i = 0; i < vnplan_diff_finding_count(d); i++)
            missing += !strcmp(vnplan_diff_finding_status(d, i), "missing");
        ok(missing == 27 && vnplan_diff_added_count(d) == 0, "a plan without targets: all 27 missing, none added");
        FILE *null = fopen("/dev/null", "w");
        vnplan_format fm[] = {VNPLAN_FORMAT_TEXT, VNPLAN_FORMAT_JSON, VNPLAN_FORMAT_CSV, VNPLAN_FORMAT_HTML};
        bool rendered = null != NULL;
        for (size_t k = 0; k < 4 && null; k++)
            rendered = rendered && vnplan_diff_render(d, fm[k], 0, null, err, sizeof err) == VNPLAN_OK;
        ok(rendered, "... and its report renders in every format");
        if (null)
            fclose(null);
    } else {
        ok(0, "a plan without targets compares (%s)", err);
    }
    vnplan_diff_free(d);
    d = NULL;
    /* a baseline without targets: nothing to compare, the plan's targets added */
    vnplan_doc *nb = load_xml_text(XML_HEAD XML_TAIL, "empty.xml");
    vnplan_doc *pl = parse(plans[1]);
    if (nb && pl && vnplan_compare(nb, pl, NULL, &d, err, sizeof err) == VNPLAN_OK)
        ok(vnplan_diff_finding_count(d) == 0 && vnplan_diff_added_count(d) > 0 && !vnplan_diff_has_differences(d),
           "a baseline without targets: no finding, the plan's targets added");
    else
        ok(0, "a baseline without targets compares (%s)", err);
    vnplan_diff_free(d);
    d = NULL;
    /* huge numbers */
    vnplan_doc *h = parse_text("KẾ HOẠCH\nI. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2030\n- Số người tốt nghiệp các chương "
                               "trình đào tạo về công nghệ thông tin và truyền thông đạt "
                               "999999999999999999999999999999999999 người/năm.\n- Tỷ lệ người học theo học các ngành "
                               "STEM đạt 1e308%.\n",
                               "huge.txt");
    if (base && h && vnplan_compare(base, h, NULL, &d, err, sizeof err) == VNPLAN_OK) {
        FILE *null = fopen("/dev/null", "w");
        ok(null && vnplan_diff_render(d, VNPLAN_FORMAT_JSON, 0, null, err, sizeof err) == VNPLAN_OK,
           "huge numbers compare and render");
        if (null)
            fclose(null);
    } else {
        ok(0, "huge numbers compare (%s)", err);
    }
    vnplan_diff_free(d);
    d = NULL;
    /* deep nesting and many targets, within a time bound */
    size_t levels = 3000;
    size_t cap = levels * 80 + 1000;
    char *deep = malloc(cap);
    size_t n = (size_t)snprintf(deep, cap, "KẾ HOẠCH\nI. MỤC TIÊU\n");
    for (size_t i = 0; i < levels && n + 100 < cap; i++)
        n += (size_t)snprintf(deep + n, cap - n, "%zu. Tỷ lệ học sinh số %zu theo học ngành STEM đạt %zu%%\n",
                              i + 1, i, i % 100);
    vnplan_doc *dp = parse_text(deep, "deep.txt");
    free(deep);
    clock_t t0 = clock();
    if (dp && pl && vnplan_compare(dp, pl, NULL, &d, err, sizeof err) == VNPLAN_OK) {
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        ok(secs < 20, "3000 targets against a plan in %.2f s", secs);
        FILE *null = fopen("/dev/null", "w");
        ok(null && vnplan_diff_render(d, VNPLAN_FORMAT_HTML, 0, null, err, sizeof err) == VNPLAN_OK,
           "... and its HTML report renders");
        if (null)
            fclose(null);
    } else {
        ok(0, "3000 targets compare (%s)", err);
    }
    vnplan_diff_free(d);
    d = NULL;
    /* misuse */
    ok(vnplan_compare(NULL, pl, NULL, &d, err, sizeof err) == VNPLAN_ERR_USAGE && !d, "a NULL baseline is refused");
    ok(vnplan_diff_finding_count(NULL) == 0 && vnplan_diff_finding_status(NULL, 0) == NULL,
       "accessors on NULL answer nothing");
    vnplan_doc_free(dp);
    vnplan_doc_free(h);
    vnplan_doc_free(nb);
    vnplan_doc_free(pl);
    vnplan_doc_free(p);
    vnplan_doc_free(base);
}

/* A count whose indicator opens with how the plan acts ("phối hợp với các cơ
 * sở đào tạo trong tỉnh hỗ trợ [150] người ... tốt nghiệp ..."; "giới thiệu,
 * hỗ trợ để đến năm 2030 có [10] người học ... tốt nghiệp ...", in a task):
 * what it counts is the counted noun and its words, and it answers the
 * decision's graduates targets (docs/diff.md, "Words"). */
static void test_acting_words(void)
{
    static const char plan_text[] =
        "KẾ HOẠCH\n"
        "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng Chính phủ, Ủy ban nhân dân xã ban hành "
        "Kế hoạch như sau:\n"
        "I. MỤC TIÊU\n"
        "1. Mục tiêu đến năm 2030\n"
        "- Giai đoạn 2026 - 2030, phối hợp với các cơ sở đào tạo trong tỉnh hỗ trợ 150 người của xã tốt nghiệp "
        "các chương trình đào tạo về công nghệ thông tin và truyền thông.\n"
        "- 100% trường trung học cơ sở trên địa bàn xã có câu lạc bộ STEM.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "Vận động doanh nghiệp trao học bổng cho học sinh theo học các ngành STEM; giới thiệu, hỗ trợ để đến năm "
        "2030 có ít nhất 10 người học của xã tốt nghiệp các chương trình đào tạo chuyên sâu về trí tuệ nhân tạo.\n";
    char err[256] = "";
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!ok(vnplan_parse_bytes(plan_text, sizeof plan_text - 1, "acting.txt", NULL, &plan, err, sizeof err) ==
                    VNPLAN_OK &&
                vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
            "acting words: the plan compares (%s)", err)) {
        vnplan_doc_free(plan), vnplan_doc_free(base);
        return;
    }
    const char *pid;
    const char *st = status_of(d, "ict_grads_2030", &pid);
    ok(!strcmp(st, "changed") && !strcmp(pid, "t1"),
       "acting words: 150 people helped to graduate in ICT answer ict_grads_2030: %s on %s", st, pid);
    st = status_of(d, "ai_grads_2030", &pid);
    ok(!strcmp(st, "changed") && !strcmp(pid, "t3"),
       "acting words: 10 AI graduates stated in a task answer ai_grads_2030: %s on %s", st, pid);
    vnplan_diff_free(d), vnplan_doc_free(base), vnplan_doc_free(plan);
}

/* A yearly count in the unit the decision counts its total in ("Hằng năm ...
 * từ 3 đến 5 lượt" against "1.000 lượt"): the same visits, scaled. */
static void test_yearly_same_unit(void)
{
    static const char plan_text[] =
        "CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "Thực hiện Quyết định số 2711/QĐ-TTg ngày 12/12/2025 của Thủ tướng Chính phủ, Ban Chấp hành Đảng bộ xã "
        "ban hành Chương trình hành động như sau:\n"
        "I. MỤC TIÊU, CHỈ TIÊU ĐẾN NĂM 2030\n"
        "1. Hằng năm vận động từ 3 đến 5 lượt trí thức người Việt Nam ở nước ngoài, trí thức là người con của xã "
        "về tư vấn, hỗ trợ sản xuất cà phê, hồ tiêu theo hướng công nghệ cao.\n";
    char err[256] = "";
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!ok(vnplan_parse_bytes(plan_text, sizeof plan_text - 1, "yearly.txt", NULL, &plan, err, sizeof err) ==
                    VNPLAN_OK &&
                vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
            "yearly count: the plan compares (%s)", err)) {
        vnplan_doc_free(plan), vnplan_doc_free(base);
        return;
    }
    const char *pid;
    const char *st = status_of(d, "overseas_2030", &pid);
    ok(!strcmp(st, "changed") && !strcmp(pid, "t1"),
       "yearly count: 3 to 5 lượt a year answer overseas_2030 (1.000 lượt): %s on %s", st, pid);
    char *text = NULL;
    size_t tlen = 0;
    FILE *f = open_memstream(&text, &tlen);
    if (f) {
        vnplan_diff_render(d, VNPLAN_FORMAT_TEXT, 0, f, err, sizeof err);
        fclose(f);
    }
    /* "lượt → lượt" would say the units differ and show none */
    ok(text && strstr(text, "lượt → lượt/năm") && !strstr(text, "lượt → lượt "),
       "yearly count: the report says the plan's unit is a yearly one (lượt → lượt/năm)");
    free(text);
    vnplan_diff_free(d), vnplan_doc_free(base), vnplan_doc_free(plan);
}

int main(void)
{
    find_root();
    test_bundled();
    test_choice();
    test_self();
    test_rules();
    test_acting_words();
    test_yearly_same_unit();
    test_odd();
    return done();
}
