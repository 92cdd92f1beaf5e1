/* test_diff_scope.c — what a plan counts otherwise than the decision: the
 * scope notes of findings (docs/diff.md "Scope notes"), through the public
 * accessors and the reports, on the hand-written fixture of a commune plan
 * (tests/fixtures/plans/xa-dong-lam-1002-word-field-targets.txt) and of a
 * Sở's plan that writes fields and levels otherwise
 * (tinh-dong-thap-1002-so-khcn-word-indicator-parts.txt), and of a commune's
 * plan stating a part on its own (xa-hong-vu-tay-…).  The expected
 * notes were written by reading the plans against 1002/QĐ-TTg. */
#include "tap.h"
#include "testutil.h"
#include "vnplan.h"

#include <stdlib.h>
#include <string.h>

static char root[512];

static size_t finding_of(const vnplan_diff *d, const char *base_id)
{
    for (size_t i = 0; i < vnplan_diff_finding_count(d); i++)
        if (!strcmp(vnplan_diff_finding_base_id(d, i), base_id))
            return i;
    return VNPLAN_NONE;
}

/* The note of finding i on `part`, as "base → plan (relation)", or "none". */
static void note(const vnplan_diff *d, size_t i, const char *part, char *out, size_t len)
{
    snprintf(out, len, "none");
    for (size_t k = 0; k < vnplan_diff_finding_scope_count(d, i); k++) {
        const char *p = NULL, *b = NULL, *pl = NULL, *r = NULL;
        if (vnplan_diff_finding_scope(d, i, k, &p, &b, &pl, &r) && !strcmp(p, part))
            snprintf(out, len, "%s → %s (%s)", b ? b : "-", pl, r);
    }
}

static char *render(const vnplan_diff *d, vnplan_format fmt)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (vnplan_diff_render(d, fmt, 0, f, err, sizeof err) != VNPLAN_OK)
        diag("render: %s", err);
    fclose(f);
    return buf;
}

/* The Sở KH&CN Đồng Tháp plan: fields and levels in other words. */
static void other_words(void)
{
    char path[1024], err[512], got[256];
    snprintf(path, sizeof path, "%stests/fixtures/plans/tinh-dong-thap-1002-so-khcn-word-indicator-parts.txt", root);
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!ok(vnplan_parse_file(path, NULL, &plan, err, sizeof err) == VNPLAN_OK &&
                vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
            "the Sở's plan compares (%s)", err)) {
        vnplan_doc_free(plan);
        vnplan_doc_free(base);
        return;
    }
    /* "Phấn đấu 35% học sinh tốt nghiệp THPT ...": a rate without the word
     * "tỷ lệ" ([implied] in compare.txt) */
    size_t f = finding_of(d, "stem_share_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_share_2030: \"35% học sinh ...\" is a tỷ lệ, adopted");
    note(d, f, "population", got, sizeof got);
    is_str(got, "người học → học sinh (narrower)", "stem_share_2030: pupils, among learners");

    /* "đại học, thạc sĩ và tiến sĩ" against "cử nhân, kỹ sư, thạc sĩ": the
     * levels overlap, so "tiến sĩ" does not make them exclusive */
    f = finding_of(d, "stem_prog_ai_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_prog_ai_2030: 100% adopted for other levels");
    note(d, f, "level", got, sizeof got);
    is_str(got, "cử nhân|kỹ sư|thạc sĩ → trình độ đại học|thạc sĩ|tiến sĩ (wider)",
           "stem_prog_ai_2030: trình độ đại học holds cử nhân and kỹ sư");

    /* a part naming "công nghệ thông tin - truyền thông, vi mạch bán dẫn và
     * AI" where the decision's names "công nghệ số" */
    f = finding_of(d, "stem_digital_2030");
    is_str(vnplan_diff_finding_status(d, f), "changed", "stem_digital_2030: 20% for 18%, changed");
    note(d, f, "field", got, sizeof got);
    is_str(got, "công nghệ số → công nghệ thông tin và truyền thông|bán dẫn|trí tuệ nhân tạo (narrower)",
           "stem_digital_2030: ICT, semiconductors and AI are digital technology fields");

    /* "trình độ đại học và sau đại học" for the decision's "kỹ sư, thạc sĩ" */
    f = finding_of(d, "stem_engmaster_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_engmaster_2030: 10% adopted");
    note(d, f, "level", got, sizeof got);
    is_str(got, "kỹ sư|thạc sĩ → trình độ đại học|sau đại học (wider)", "stem_engmaster_2030: the levels that hold them");
    is_str(vnplan_diff_finding_status(d, finding_of(d, "stem_phd_2030")), "missing",
           "stem_phd_2030: the PhD share is not stated");

    /* the AI graduates as "AI", the biology ones as "công nghệ sinh học, y sinh" */
    size_t ai = finding_of(d, "ai_grads_2030"), bio = finding_of(d, "bio_grads_2030");
    ok(vnplan_diff_finding_plan_target(d, ai) != VNPLAN_NONE &&
           vnplan_diff_finding_plan_target(d, bio) != VNPLAN_NONE &&
           vnplan_diff_finding_plan_target(d, ai) != vnplan_diff_finding_plan_target(d, bio),
       "Đồng Tháp: the AI and the biology targets rest on two plan targets");
    is_long((long)vnplan_diff_finding_scope_count(d, ai), 0, "ai_grads_2030: \"AI\" is trí tuệ nhân tạo, no scope note");

    /* "trong đó 02 nhóm thuộc lĩnh vực nông nghiệp công nghệ cao và năng
     * lượng tái tạo là thế mạnh của tỉnh": the decision's part over the
     * strategic technologies, kept for the province's own sectors */
    f = finding_of(d, "strong_groups_strat_2030");
    is_str(vnplan_diff_finding_status(d, f), "changed", "strong_groups_strat_2030: 02 groups for 20, changed (not missing)");
    size_t t = vnplan_diff_finding_plan_target(d, f);
    ok(t != VNPLAN_NONE && vnplan_target_value(plan, t) == 2 && !strcmp(vnplan_target_unit_class(plan, t), "count"),
       "strong_groups_strat_2030: on the \"trong đó 02 nhóm\" part");
    note(d, f, "field", got, sizeof got);
    is_str(got, "công nghệ chiến lược → nông nghiệp|năng lượng|ngành ưu tiên của địa phương (other)",
           "strong_groups_strat_2030: the province's sectors, another field");
    /* "ở trình độ cao đẳng, đại học": both levels */
    note(d, finding_of(d, "stem_share_2030"), "level", got, sizeof got);
    is_str(got, "- → THPT|cao đẳng|trình độ đại học (narrower)", "stem_share_2030: \"cao đẳng, đại học\" are two levels");
    /* "100% chương trình đào tạo ... của các cơ sở giáo dục đại học": the
     * institutions are where the programmes are, not who is counted */
    note(d, finding_of(d, "stem_prog_ai_2030"), "population", got, sizeof got);
    is_str(got, "none", "stem_prog_ai_2030: no population read from \"của các cơ sở giáo dục đại học\"");
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

/* A province's plan written as plans write (not a copy of any): the
 * decision's strong research groups kept at the same value, their
 * strategic-technology part moved onto the province's own sectors; a 2035
 * whole over those sectors; levels as a list with a bare "đại học"; the
 * training institutions as the place, not as who is counted. */
static const char own_sectors_plan[] =
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH LÂM VIÊN\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 88/KH-UBND\tLâm Viên, ngày 15 tháng 8 năm 2025\n\n"
    "KẾ HOẠCH\n"
    "Thực hiện Đề án đào tạo nguồn nhân lực phục vụ phát triển công nghệ cao trên địa bàn tỉnh\n\n"
    "Thực hiện Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng Chính phủ phê duyệt Đề án đào tạo "
    "nguồn nhân lực phục vụ phát triển công nghệ cao giai đoạn 2025 - 2035 và định hướng đến năm 2045, Ủy "
    "ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Cụ thể hóa các mục tiêu của Đề án phù hợp với các ngành, lĩnh vực ưu tiên của tỉnh.\n"
    "II. MỤC TIÊU\n"
    "1. Mục tiêu cụ thể đến năm 2030\n"
    "- Tỷ lệ người học theo học các ngành STEM ở các trình độ trung cấp, cao đẳng, đại học tại các cơ sở "
    "đào tạo trên địa bàn tỉnh đạt 35%.\n"
    "- 100% chương trình đào tạo cử nhân, kỹ sư, thạc sĩ khối ngành STEM của các cơ sở giáo dục đại học "
    "trên địa bàn tỉnh tích hợp kiến thức, kỹ năng phân tích dữ liệu và trí tuệ nhân tạo.\n"
    "- Có ít nhất 30 nhóm nghiên cứu mạnh được công nhận, trong đó 20 nhóm thuộc các ngành, lĩnh vực ưu "
    "tiên của tỉnh: nông nghiệp công nghệ cao, du lịch, năng lượng tái tạo.\n"
    "2. Định hướng đến năm 2035\n"
    "- Hình thành ít nhất 50 nhóm nghiên cứu mạnh được công nhận trong các lĩnh vực nông nghiệp công nghệ "
    "cao, du lịch.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Sở Khoa học và Công nghệ chủ trì, theo dõi, tổng hợp kết quả thực hiện Kế hoạch.\n\n"
    "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n"
    "- Như trên;\tKT. CHỦ TỊCH\n"
    "- Lưu: VT.\tPHÓ CHỦ TỊCH\n"
    "\tNguyễn Văn A\n";

static void own_sectors(void)
{
    char err[512], got[256];
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!ok(vnplan_parse_bytes(own_sectors_plan, sizeof own_sectors_plan - 1, "own-sectors.txt", NULL, &plan, err,
                               sizeof err) == VNPLAN_OK &&
                vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
            "the plan over its own sectors compares (%s)", err)) {
        vnplan_doc_free(plan);
        vnplan_doc_free(base);
        return;
    }
    /* "trong đó 20 nhóm thuộc các ngành, lĩnh vực ưu tiên của tỉnh: ..."
     * for "trong đó 20 nhóm thuộc lĩnh vực công nghệ chiến lược": the same
     * value, comparator and phase, so adopted, and the field is another */
    size_t f = finding_of(d, "strong_groups_strat_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "strong_groups_strat_2030: 20 groups of the province's sectors, adopted");
    note(d, f, "field", got, sizeof got);
    is_str(got, "công nghệ chiến lược → ngành ưu tiên của địa phương|nông nghiệp|năng lượng (other)",
           "strong_groups_strat_2030: the province's own sectors for the strategic technologies");
    ok(vnplan_diff_finding_confidence(d, f) < 0.5, "strong_groups_strat_2030: the fields differ, low confidence (%.2f)",
       vnplan_diff_finding_confidence(d, f));
    is_str(vnplan_diff_finding_status(d, finding_of(d, "strong_groups_2030")), "adopted", "strong_groups_2030: 30 groups adopted");
    /* a whole over the province's sectors is the decision's whole, not its
     * strategic-technology part */
    f = finding_of(d, "strong_groups_2035");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "strong_groups_2035: 50 groups in the province's sectors, adopted");
    note(d, f, "field", got, sizeof got);
    is_str(got, "- → nông nghiệp (narrower)", "strong_groups_2035: the sectors narrow it");
    is_str(vnplan_diff_finding_status(d, finding_of(d, "strong_groups_strat_2035")), "missing",
           "strong_groups_strat_2035: no part stated, missing");

    /* "ở các trình độ trung cấp, cao đẳng, đại học tại các cơ sở đào tạo":
     * three levels; the institutions are where, not who */
    f = finding_of(d, "stem_share_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_share_2030: 35% adopted");
    note(d, f, "level", got, sizeof got);
    is_str(got, "- → trung cấp|cao đẳng|trình độ đại học (narrower)", "stem_share_2030: \"đại học\" in the list is a level");
    note(d, f, "population", got, sizeof got);
    is_str(got, "none", "stem_share_2030: the learners counted, not the institutions");
    f = finding_of(d, "stem_prog_ai_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_prog_ai_2030: 100% adopted");
    is_long((long)vnplan_diff_finding_scope_count(d, f), 0,
            "stem_prog_ai_2030: \"của các cơ sở giáo dục đại học\" counts nobody else: no scope note");
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
}

/* The three plans of issue 14's third batch (tests/fixtures/README.md): a
 * Sở's plan for pupils, a college's plan at "trình độ cao đẳng".  Notes
 * written by reading them against 1002/QĐ-TTg. */
static void college_and_pupils(void)
{
    static const struct {
        const char *doc, *id, *part, *want, *what;
    } cases[] = {
        {"tp-ha-noi-1002-so-gddt-pdftotext-layout-year-table-quoted-decision", "stem_share_2030", "population",
         "người học → học sinh (narrower)", "Hà Nội: the 35% of pupils leaving THPT, among learners"},
        {"tp-ha-noi-1002-so-gddt-pdftotext-layout-year-table-quoted-decision", "stem_share_2030", "field", "none",
         "Hà Nội: the same field (STEM)"},
        {"truong-cd-cong-nghe-bien-1002-pdftotext-raw-blank-number-cao-dang-scope", "stem_prog_ai_2030", "level",
         "cử nhân|kỹ sư|thạc sĩ → cao đẳng (other)", "the college: its own programmes, at another level"},
        {"truong-cd-cong-nghe-bien-1002-pdftotext-raw-blank-number-cao-dang-scope", "stem_share_2030", "level",
         "- → cao đẳng (narrower)", "the college: one level where the decision counts every level"},
        {"truong-cd-cong-nghe-bien-1002-pdftotext-raw-blank-number-cao-dang-scope", "stem_digital_2030", "field",
         "none", "the college: \"công nghệ số (công nghệ thông tin, điện tử - viễn thông, tự động hóa)\" is công nghệ số"},
        /* session 15: a Sở's plan for its vocational schools, a ward's plan */
        {"tinh-lai-chau-1002-so-gddt-pdftotext-layout-acting-director-closing-page-break", "stem_prog_ai_2030", "level",
         "cử nhân|kỹ sư|thạc sĩ → trung cấp|cao đẳng (other)", "Lai Châu: its vocational schools' programmes, other levels"},
        {"tinh-lai-chau-1002-so-gddt-pdftotext-layout-acting-director-closing-page-break", "stem_share_2030", "population",
         "người học → học sinh (narrower)", "Lai Châu: the 35% of the province's THPT graduates"},
        {"phuong-hoa-gianh-dong-1002-pdftotext-raw-province-above-blank-day-tl-signer", "stem_share_2030", "population",
         "người học → học sinh (narrower)", "Hòa Gianh Đông: the 30% of the ward's THPT graduates"},
        {"phuong-hoa-gianh-dong-1002-pdftotext-raw-province-above-blank-day-tl-signer", "bio_grads_2035", "field", "none",
         "Hòa Gianh Đông: \"sinh học, công nghệ sinh học\" is the decision's field, never the AI target's"},
        /* session 16: a province's plan with its own fields beside the decision's */
        {"tinh-quang-ngai-1002-pdftotext-layout-glued-rule-spliced-footnote", "strong_groups_2030", "field",
         "- → khoa học cơ bản|bán dẫn (narrower)", "Quảng Ngãi: its 02 groups in two fields, the decision's in any"},
        {"tinh-quang-ngai-1002-pdftotext-layout-glued-rule-spliced-footnote", "ai_grads_2030", "field", "none",
         "Quảng Ngãi: the AI graduates, never the semiconductor or the biology ones of the same head words"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char path[1024], err[512] = "", got[256];
        snprintf(path, sizeof path, "%stests/fixtures/plans/%s.txt", root, cases[c].doc);
        vnplan_doc *plan = NULL, *base = NULL;
        vnplan_diff *d = NULL;
        if (!ok(vnplan_parse_file(path, NULL, &plan, err, sizeof err) == VNPLAN_OK &&
                    vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                    vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
                "%s compares (%s)", cases[c].doc, err)) {
            vnplan_doc_free(plan), vnplan_doc_free(base);
            continue;
        }
        size_t f = finding_of(d, cases[c].id);
        note(d, f, cases[c].part, got, sizeof got);
        char what[512];
        snprintf(what, sizeof what, "%s: %s", cases[c].id, cases[c].what);
        is_str(got, cases[c].want, what);
        vnplan_diff_free(d), vnplan_doc_free(base), vnplan_doc_free(plan);
    }
}

/* Xã Hồng Vũ Tây (xa-hong-vu-tay-1002-word-phase-rows-table-blank-number.txt):
 * its table whose rows are the phases keeps the programmes target for
 * "trung cấp, cao đẳng" and counts the commune's workers among ICT
 * graduates; the decision's digital part it states in a sentence of its
 * own, its whole's words and the part's field, so it is adopted — and the
 * same sentence with the whole's field ("các ngành STEM") states no part. */
static void part_in_own_sentence(void)
{
    char path[1024], err[512], got[256];
    snprintf(path, sizeof path,
             "%stests/fixtures/plans/xa-hong-vu-tay-1002-word-phase-rows-table-blank-number.txt", root);
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!ok(vnplan_parse_file(path, NULL, &plan, err, sizeof err) == VNPLAN_OK &&
                vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
            "the commune's plan compares (%s)", err)) {
        vnplan_doc_free(plan);
        vnplan_doc_free(base);
        return;
    }
    size_t f = finding_of(d, "stem_digital_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted",
           "stem_digital_2030: the part stated on its own is adopted");
    f = finding_of(d, "stem_digital_2035");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_digital_2035: so is 2035's");
    f = finding_of(d, "stem_prog_ai_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted",
           "stem_prog_ai_2030: 100% of other levels' programmes");
    note(d, f, "level", got, sizeof got);
    is_str(got, "cử nhân|kỹ sư|thạc sĩ → trung cấp|cao đẳng (other)", "stem_prog_ai_2030: other levels");
    f = finding_of(d, "ict_grads_2030");
    is_str(vnplan_diff_finding_status(d, f), "changed", "ict_grads_2030: the commune's own number, changed");
    note(d, f, "population", got, sizeof got);
    is_str(got, "- → lao động (narrower)", "ict_grads_2030: the commune's workers");
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);

    /* the control: the whole's field, not the part's */
    FILE *in = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0;
    if (in) {
        text = malloc(1 << 16);
        len = text ? fread(text, 1, (1 << 16) - 1, in) : 0;
        fclose(in);
    }
    static const char digital[] = "các ngành liên quan tới công nghệ số không thấp hơn";
    static const char stem[] = "các ngành STEM không thấp hơn";
    char *at = text ? (text[len] = '\0', strstr(text, digital)) : NULL;
    if (!ok(at != NULL, "the plan states the digital share")) {
        free(text);
        return;
    }
    memmove(at + strlen(stem), at + strlen(digital), len - (size_t)(at - text) - strlen(digital) + 1);
    memcpy(at, stem, strlen(stem));
    len -= strlen(digital) - strlen(stem);
    if (ok(vnplan_parse_bytes(text, len, "control.txt", NULL, &plan, err, sizeof err) == VNPLAN_OK &&
               vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
               vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK,
           "the control compares (%s)", err)) {
        f = finding_of(d, "stem_digital_2030");
        is_str(vnplan_diff_finding_status(d, f), "missing", "control: 18% of STEM pupils is no digital part");
        vnplan_diff_free(d);
    }
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
    free(text);
}

int main(void)
{
    tu_find_root("tests/fixtures/plans", root, sizeof root);
    char path[1024], err[512], got[256];
    snprintf(path, sizeof path, "%stests/fixtures/plans/xa-dong-lam-1002-word-field-targets.txt", root);
    vnplan_doc *plan = NULL, *base = NULL;
    vnplan_diff *d = NULL;
    if (!ok(vnplan_parse_file(path, NULL, &plan, err, sizeof err) == VNPLAN_OK, "the commune plan parses"))
        return done();
    if (!ok(vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK, "its baseline is bundled") ||
        !ok(vnplan_compare(base, plan, NULL, &d, err, sizeof err) == VNPLAN_OK, "it compares")) {
        vnplan_doc_free(plan);
        vnplan_doc_free(base);
        return done();
    }

    /* 35% restated for "học sinh tốt nghiệp trung học phổ thông (THPT)":
     * adopted, counting fewer people at one level */
    size_t f = finding_of(d, "stem_share_2030");
    is_str(vnplan_diff_finding_status(d, f), "adopted", "stem_share_2030: the 35% is adopted");
    note(d, f, "population", got, sizeof got);
    is_str(got, "người học → học sinh (narrower)", "stem_share_2030: pupils, among learners");
    note(d, f, "level", got, sizeof got);
    is_str(got, "- → THPT (narrower)", "stem_share_2030: one level where the decision names every level");
    note(d, f, "field", got, sizeof got);
    is_str(got, "none", "stem_share_2030: the same field (STEM)");

    /* the programmes target kept for "cao đẳng, trung cấp" */
    f = finding_of(d, "stem_prog_ai_2030");
    is_str(vnplan_diff_finding_status(d, f), "changed", "stem_prog_ai_2030: changed (70% for 100%)");
    note(d, f, "level", got, sizeof got);
    is_str(got, "cử nhân|kỹ sư|thạc sĩ → cao đẳng|trung cấp (other)", "stem_prog_ai_2030: other levels");

    /* the same head words, the same value and unit, different fields */
    size_t ai = finding_of(d, "ai_grads_2030"), bio = finding_of(d, "bio_grads_2030");
    ok(vnplan_diff_finding_plan_target(d, ai) != VNPLAN_NONE &&
           vnplan_diff_finding_plan_target(d, bio) != VNPLAN_NONE &&
           vnplan_diff_finding_plan_target(d, ai) != vnplan_diff_finding_plan_target(d, bio),
       "the AI and the biology targets rest on two plan targets");
    is_long((long)vnplan_diff_finding_restatement_count(d, ai), 0, "the biology target is no restatement of the AI one");
    is_long((long)vnplan_diff_finding_scope_count(d, ai), 0, "ai_grads_2030: no scope note");
    is_long((long)vnplan_diff_finding_scope_count(d, bio), 0, "bio_grads_2030: no scope note");
    ok(!vnplan_diff_finding_scope(d, ai, 0, NULL, NULL, NULL, NULL), "a note that is not there: 0");

    char *json = render(d, VNPLAN_FORMAT_JSON);
    ok(json && strstr(json, "\"scope\": [{\"part\": \"level\", \"base\": \"cử nhân, kỹ sư, thạc sĩ\", "
                            "\"plan\": \"cao đẳng, trung cấp\", \"relation\": \"other\"}]"),
       "JSON: the finding's scope array");
    char *text = render(d, VNPLAN_FORMAT_TEXT);
    ok(text && (strstr(text, "scope: level cử nhân, kỹ sư, thạc sĩ → cao đẳng, trung cấp (other)") ||
                strstr(text, "phạm vi: trình độ cử nhân, kỹ sư, thạc sĩ → cao đẳng, trung cấp (khác)")),
       "text: the scope line");
    char *page = render(d, VNPLAN_FORMAT_HTML);
    ok(page && strstr(page, "<p class=\"scope\">phạm vi: trình độ cử nhân, kỹ sư, thạc sĩ → cao đẳng, trung cấp (khác)"),
       "HTML: the scope note under the finding's changes");
    free(page);
    free(json);
    free(text);
    vnplan_diff_free(d);
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
    other_words();
    college_and_pupils();
    own_sectors();
    part_in_own_sentence();
    return done();
}
