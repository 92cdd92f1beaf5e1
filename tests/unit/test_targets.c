/* test_targets.c — the sentence-level target reader (vn_targets_scan) on
 * plain strings: every way a plan writes a number, a unit and a comparator,
 * the numbers that are never targets, indicators, "trong đó" parts, a
 * comparator distributed over "và", and phases stated in a sentence.
 *
 * The sentences are written for these tests in the way Vietnamese plans of
 * provinces, cities and communes state their targets; none is taken from the
 * corpus plans (those are checked by test_targets_gold.c). */
#include "tap.h"
#include "grammar.h"
#include "targets.h"

#include <stdlib.h>
#include <unistd.h>

#define MAX_HITS 32

/* What a hit should be.  Fields left at zero / NULL are not checked; phase
 * -1 means "no phase"; parent is "-" (none), "before" (the target before
 * the text) or the index of another hit as a string. */
typedef struct expect {
    double value;
    double max;          /* a range's upper end; 0: not checked */
    const char *cmp;
    const char *cls;
    const char *unit;
    const char *indicator;
    const char *parent;
    int phase;
} expect;

static size_t scan(const char *s, uint16_t phase, vn_scan_hit *hits)
{
    vn_scan_ctx ctx = {phase};
    return vn_targets_scan(NULL, s, strlen(s), &ctx, hits, MAX_HITS);
}

static void parent_name(const vn_scan_hit *h, char *buf, size_t len)
{
    if (h->parent == -1)
        snprintf(buf, len, "-");
    else if (h->parent == VN_SCAN_PARENT_BEFORE)
        snprintf(buf, len, "before");
    else
        snprintf(buf, len, "%d", (int)h->parent);
}

static int same_text(const char *s, vn_scan_range r, const char *want)
{
    size_t n = r.end - r.start;
    return strlen(want) == n && memcmp(s + r.start, want, n) == 0;
}

/* Checks hit k of s (scanned with section phase `phase`) in one test line. */
static void check_at(const char *what, const char *s, uint16_t phase, size_t k, expect e)
{
    vn_scan_hit hits[MAX_HITS];
    size_t n = scan(s, phase, hits);
    if (!ok(k < n, "%s: hit %zu found", what, k)) {
        diag("text: %s", s);
        diag("hits: %zu", n);
        return;
    }
    const vn_scan_hit *h = &hits[k];
    vn_buf ind = {0};
    vn_scan_indicator(s, h, &ind);
    const char *indicator = ind.data ? vn_buf_cstr(&ind) : "";
    char parent[16];
    parent_name(h, parent, sizeof parent);
    int good = fabs(h->value - e.value) < 1e-9;
    good &= e.max == 0 || fabs(h->value_max - e.max) < 1e-9;
    good &= !e.cmp || strcmp(vn_cmp_name((vn_cmp)h->cmp), e.cmp) == 0;
    good &= !e.cls || strcmp(h->unit_class, e.cls) == 0;
    good &= !e.unit || same_text(s, h->unit, e.unit);
    good &= !e.indicator || strcmp(indicator, e.indicator) == 0;
    good &= !e.parent || strcmp(parent, e.parent) == 0;
    good &= e.phase == 0 || (e.phase < 0 ? h->phase == VN_PHASE_NONE : h->phase == e.phase);
    if (!ok(good, "%s", what)) {
        diag("text:      %s", s);
        diag("got:       %s %g (max %g) unit \"%.*s\" %s, parent %s, phase %u", vn_cmp_name((vn_cmp)h->cmp),
             h->value, h->value_max, (int)(h->unit.end - h->unit.start), s + h->unit.start,
             h->unit_class, parent, (unsigned)h->phase);
        diag("indicator: %s", indicator);
        diag("want:      %s %g (max %g) unit \"%s\" %s, parent %s, phase %d", e.cmp ? e.cmp : "?",
             e.value, e.max, e.unit ? e.unit : "?", e.cls ? e.cls : "?", e.parent ? e.parent : "?",
             e.phase);
        if (e.indicator)
            diag("want ind:  %s", e.indicator);
    }
    vn_buf_free(&ind);
}

static void check(const char *what, const char *s, size_t k, expect e)
{
    check_at(what, s, VN_PHASE_NONE, k, e);
}

/* s holds exactly `want` targets. */
static void count(const char *what, const char *s, size_t want)
{
    vn_scan_hit hits[MAX_HITS];
    size_t n = scan(s, VN_PHASE_NONE, hits);
    if (!ok(n == want, "%s: %zu target(s)", what, want)) {
        diag("text: %s", s);
        for (size_t k = 0; k < n && k < MAX_HITS; k++)
            diag("hit %zu: %.*s", k, (int)(hits[k].number.end - hits[k].number.start),
                 s + hits[k].number.start);
    }
}

static void none(const char *what, const char *s) { count(what, s, 0); }

/* ---- numbers ----------------------------------------------------------------------------- */

static void test_numbers(void)
{
    check("decimal comma", "Chi cho nghiên cứu phát triển đạt 2,5% tổng chi ngân sách tỉnh.", 0,
          (expect){.value = 2.5, .cmp = "=", .cls = "pct_budget"});
    check("thousands dot", "Đào tạo 80.000 người/năm trong lĩnh vực công nghệ số.", 0,
          (expect){.value = 80000, .cls = "per_year", .unit = "người/năm"});
    check("thousands dots, millions", "Huy động 1.000.000 đồng mỗi hộ tham gia quỹ khuyến học.", 0,
          (expect){.value = 1000000, .cls = "money", .unit = "đồng"});
    check("thousands and decimal comma", "Tổng vốn đầu tư khoảng 1.234,5 tỷ đồng.", 0,
          (expect){.value = 1234.5, .cmp = "~", .cls = "money", .unit = "tỷ đồng"});
    check("leading zero", "Thành lập ít nhất 05 nhóm nghiên cứu mạnh tại Trường Đại học Tây Bắc.", 0,
          (expect){.value = 5, .cmp = ">=", .cls = "count", .unit = "nhóm nghiên cứu mạnh"});
    check("leading zeros 01", "Xây dựng 01 trung tâm đổi mới sáng tạo cấp tỉnh.", 0,
          (expect){.value = 1, .cls = "count", .unit = "trung tâm"});
    check("English decimal point read as decimal", "Tốc độ tăng năng suất lao động đạt 6.5%/năm.", 0,
          (expect){.value = 6.5, .cls = "pct"});
    check("English thousands commas", "Thu hút 1,000,000 lượt khách du lịch.", 0,
          (expect){.value = 1000000, .cls = "count", .unit = "lượt"});
    check("one English thousands comma: a decimal never ends in three zeros",
          "Hằng năm có 80,000 người tốt nghiệp các chương trình đào tạo công nghệ thông tin.", 0,
          (expect){.value = 80000, .cls = "per_year"});
    check("thousands set apart by a space", "Số người tốt nghiệp chuyên sâu về trí tuệ nhân tạo đạt 8 000 người/năm.", 0,
          (expect){.value = 8000, .cls = "per_year", .unit = "người/năm"});
    check("millions set apart by spaces", "Huy động 1 000 000 đồng mỗi hộ tham gia quỹ khuyến học.", 0,
          (expect){.value = 1000000, .cls = "money", .unit = "đồng"});
    check("two figures one space apart stay two (only 000 groups join)", "Có 12 300 người tham gia.", 0,
          (expect){.value = 300, .cls = "count", .unit = "người"});
    check("a decimal comma with three digits stays a decimal", "Tổng vốn khoảng 1,250 tỷ đồng.", 0,
          (expect){.value = 1.25, .cmp = "~", .cls = "money", .unit = "tỷ đồng"});
    check("percent with a space", "Tỷ lệ bao phủ bảo hiểm y tế đạt 95 % dân số.", 0,
          (expect){.value = 95, .cls = "pct"});
    check("≥ glued", "Có ≥1,5% GRDP chi cho khoa học, công nghệ và đổi mới sáng tạo.", 0,
          (expect){.value = 1.5, .cmp = ">=", .cls = "pct_grdp", .unit = "% GRDP"});
    check("≥ spaced", "Có ≥ 1,5% GRDP chi cho khoa học, công nghệ.", 0,
          (expect){.value = 1.5, .cmp = ">=", .cls = "pct_grdp"});
    check(">= typed", "Tỷ lệ người dân có danh tính số >= 90%.", 0, (expect){.value = 90, .cmp = ">="});
    check("≤", "Tỷ lệ nợ xấu ≤ 3%.", 0, (expect){.value = 3, .cmp = "<="});
    check("<= typed", "Tỷ lệ hồ sơ trễ hạn <= 2%.", 0, (expect){.value = 2, .cmp = "<="});
    check("> typed", "Tỷ lệ hài lòng > 85%.", 0, (expect){.value = 85, .cmp = ">"});
    check("< typed", "Tỷ lệ hộ nghèo < 1%.", 0, (expect){.value = 1, .cmp = "<"});
}

/* A share written as a fraction: a percent (rounded to 0.01), the fraction
 * kept as written in the value's span, the noun after it in the indicator. */
static void test_fractions(void)
{
    check("one third", "Phấn đấu 1/3 số xã trên địa bàn có mô hình giáo dục STEM.", 0,
          (expect){.value = 33.33, .cmp = "=", .cls = "pct", .indicator = "số xã trên địa bàn có mô hình giáo dục STEM"});
    check("two thirds with a comparator", "Có ít nhất 2/3 số trường trung học cơ sở tổ chức dạy học STEM.", 0,
          (expect){.value = 66.67, .cmp = ">=", .cls = "pct"});
    check("a whole", "Đến năm 2030, 12/12 xã có điểm tư vấn hướng nghiệp.", 0,
          (expect){.value = 100, .cls = "pct"});
    check("one half beside a percent", "Tối thiểu 1/2 số trường học và 80% giáo viên được bồi dưỡng.", 0,
          (expect){.value = 50, .cmp = ">=", .cls = "pct"});
    vn_scan_hit hits[MAX_HITS];
    const char *s = "Phấn đấu 3/4 số hợp tác xã ứng dụng công nghệ số.";
    size_t n = scan(s, VN_PHASE_NONE, hits);
    ok(n == 1 && same_text(s, hits[0].number, "3/4"), "a fraction's number span is the fraction as written");
    check("one half in words", "Một nửa số giáo viên được bồi dưỡng kỹ năng số.", 0,
          (expect){.value = 50, .cls = "pct", .indicator = "số giáo viên được bồi dưỡng kỹ năng số"});
    check("two thirds in words after a qualifier", "Có ít nhất hai phần ba số xã có điểm tư vấn hướng nghiệp.", 0,
          (expect){.value = 66.67, .cmp = ">=", .cls = "pct"});
    s = "Một phần tư số hợp tác xã ứng dụng công nghệ số.";
    n = scan(s, VN_PHASE_NONE, hits);
    ok(n == 1 && same_text(s, hits[0].number, "Một phần tư"), "a fraction in words keeps its words as the number");
    none("a part is no fraction", "Một phần công việc do xã thực hiện.");
    none("a day and a month", "Báo cáo trước ngày 1/3 hằng năm.");
    none("a date", "Ban hành ngày 1/3/2025 tại trụ sở.");
    none("a month and a year", "Hoàn thành trong tháng 6/2025 và quý 2/2026.");
    none("a number", "Theo Quyết định số 1/QĐ-UBND của Ủy ban nhân dân xã.");
    none("a clerk's date", "Họp vào 01/02 hằng năm.");
    none("a ratio over one", "Tỷ lệ 5/3 giữa hai nhóm.");
}

static void test_ranges(void)
{
    const char *s = "Tỷ lệ học sinh theo học các ngành STEM từ 10 đến 15% ở mỗi cấp học.";
    check("range từ ... đến ...: low end, >=", s, 0,
          (expect){.value = 10, .max = 15, .cmp = ">=", .cls = "pct", .unit = "%",
                   .indicator = "Tỷ lệ học sinh theo học các ngành STEM ở mỗi cấp học"});
    count("range is one target", s, 1);
    check("range with a dash", "Tăng trưởng kinh tế số đạt 10 - 15%/năm.", 0,
          (expect){.value = 10, .max = 15, .cmp = ">=", .cls = "pct"});
    check("range glued dash", "Tỷ lệ che phủ rừng đạt 65-66%.", 0,
          (expect){.value = 65, .max = 66, .cmp = ">="});
    check("range with both units", "Tỷ lệ lao động có việc làm từ 70% đến 75%.", 0,
          (expect){.value = 70, .max = 75, .cmp = ">="});
    count("range with both units is one target", "Tỷ lệ lao động có việc làm từ 70% đến 75%.", 1);
    check("approximate range", "Mỗi năm đào tạo khoảng 200 - 250 người/năm.", 0,
          (expect){.value = 200, .max = 250, .cmp = "~", .cls = "per_year"});
    check("khoảng before từ ... đến qualifies the range", "Thu hút khoảng từ 20 đến 30 người về làm việc.", 0,
          (expect){.value = 20, .max = 30, .cmp = "~", .cls = "count"});
    check("a count that is part of a yearly total is yearly",
          "Hằng năm đào tạo khoảng 2.000 lao động nông thôn, trong đó ít nhất 500 lao động nữ.", 1,
          (expect){.value = 500, .cmp = ">=", .cls = "per_year"});
    check("gấp N lần is a multiple", "Quy mô tuyển sinh tăng gấp 2 lần so với năm 2025.", 0,
          (expect){.value = 2, .cmp = "=", .cls = "ratio"});
    check("tăng N lần is a multiple", "Số doanh nghiệp công nghệ tăng 1,5 lần.", 0,
          (expect){.value = 1.5, .cmp = "=", .cls = "ratio"});
    check("N lần as occasions is a count", "Tổ chức ít nhất 3 lần hội thảo mỗi năm.", 0,
          (expect){.value = 3, .cmp = ">="});
    const char *change = "Nâng tỷ lệ lao động qua đào tạo từ 65% lên 75% vào năm 2030.";
    count("từ A lên B: only the level reached", change, 1);
    check("từ A lên B: B", change, 0,
          (expect){.value = 75, .cmp = "=", .indicator = "Nâng tỷ lệ lao động qua đào tạo",
                   .phase = 2030});
    check("giảm từ A xuống còn B", "Giảm tỷ lệ hộ nghèo đa chiều từ 12% xuống còn 5%.", 0,
          (expect){.value = 5, .cmp = "="});
    none("age range is no target", "Ưu tiên thanh niên từ 18 đến 35 tuổi.");
}

/* ---- units ----------------------------------------------------------------------------------- */

static void test_units(void)
{
    check("pct", "100% trường học kết nối Internet băng rộng.", 0,
          (expect){.value = 100, .cls = "pct", .unit = "%"});
    check("pct_grdp", "Kinh tế số chiếm khoảng 20% GRDP của tỉnh.", 0,
          (expect){.value = 20, .cmp = "~", .cls = "pct_grdp", .unit = "% GRDP"});
    check("pct_grdp from % GDP", "Đầu tư cho khoa học đạt 2% GDP.", 0, (expect){.value = 2, .cls = "pct_grdp"});
    check("pct_budget", "Bố trí tối thiểu 3% tổng chi ngân sách cho khoa học, công nghệ.", 0,
          (expect){.value = 3, .cmp = ">=", .cls = "pct_budget", .unit = "% tổng chi ngân sách",
                   .indicator = "Bố trí cho khoa học, công nghệ"});
    check("pct_budget, longer", "Chi cho chuyển đổi số đạt 1% tổng chi ngân sách địa phương.", 0,
          (expect){.value = 1, .cls = "pct_budget", .unit = "% tổng chi ngân sách địa phương"});
    check("a yearly rate in percent is pct", "Tốc độ tăng trưởng GRDP bình quân đạt 8%/năm.", 0,
          (expect){.value = 8, .cls = "pct", .unit = "%/năm", .indicator = "Tốc độ tăng trưởng GRDP bình quân"});
    check("a share named before the value: pct_grdp", "Tỷ trọng kinh tế số trong GRDP đạt 25%.", 0,
          (expect){.value = 25, .cls = "pct_grdp", .unit = "%"});
    check("a share of spending named before the value: pct_budget",
          "Tỷ lệ chi cho khoa học trong tổng chi ngân sách đạt tối thiểu 2%.", 0,
          (expect){.value = 2, .cls = "pct_budget", .unit = "%"});
    check("GRDP growth is not a share of GRDP", "Tăng trưởng GRDP đạt 8%.", 0,
          (expect){.value = 8, .cls = "pct", .unit = "%"});
    check("percent in words", "Tỷ lệ tiêm chủng đạt 98 phần trăm.", 0,
          (expect){.value = 98, .cls = "pct", .unit = "phần trăm"});
    /* official texts write a figure again in words, in parentheses, before
     * what it counts (units.txt [number_words]) */
    check("a figure repeated in words before its noun", "Thành lập ít nhất 02 (hai) nhóm nghiên cứu ứng dụng.", 0,
          (expect){.value = 2, .cmp = ">=", .cls = "count", .unit = "nhóm nghiên cứu"});
    check("a longer figure in words, a count a year",
          "Bình quân mỗi năm có 120 (một trăm hai mươi) sinh viên tốt nghiệp các ngành công nghệ thông tin.", 0,
          (expect){.value = 120, .cls = "per_year", .unit = "sinh viên"});
    check("the part after trong đó, written so too",
          "Thành lập ít nhất 02 (hai) nhóm nghiên cứu, trong đó 01 (một) nhóm về công nghệ số.", 1,
          (expect){.value = 1, .cls = "count", .parent = "0"});
    none("words in parentheses that are no number", "Tuyển sinh 120 (theo kế hoạch) sinh viên.");
    check("a rate that ends a remark in parentheses is the remark's",
          "Giai đoạn 2026 - 2030, hỗ trợ 150 người tốt nghiệp các chương trình đào tạo về công nghệ thông tin "
          "(bình quân 30 người mỗi năm).", 0,
          (expect){.value = 150, .cls = "count"});
    check("per_year a few words after the noun",
          "Đào tạo 500 tiến sĩ tài năng mỗi năm cho các ngành công nghệ chiến lược.", 0,
          (expect){.value = 500, .cls = "per_year", .unit = "tiến sĩ tài năng mỗi năm",
                   .indicator = "Đào tạo tiến sĩ tài năng mỗi năm cho các ngành công nghệ chiến lược"});
    check("per_year stated before the counts", "Hằng năm, đào tạo 200 kỹ sư và 50 thạc sĩ công nghệ số.", 1,
          (expect){.value = 50, .cls = "per_year", .unit = "thạc sĩ"});
    check("per_year stated before, first count", "Hằng năm, đào tạo 200 kỹ sư và 50 thạc sĩ công nghệ số.", 0,
          (expect){.value = 200, .cls = "per_year", .indicator = "đào tạo kỹ sư"});
    check("per_year stated at the end of the clause",
          "Có ít nhất 10 học sinh đạt giải cấp tỉnh tại các cuộc thi khoa học kỹ thuật, tin học trẻ mỗi năm.", 0,
          (expect){.value = 10, .cmp = ">=", .cls = "per_year"});
    check("per_year glued to the words after a noun taken after a qualifier",
          "Tổ chức tối thiểu 02 phiên giao dịch việc làm/năm.", 0,
          (expect){.value = 2, .cmp = ">=", .cls = "per_year"});
    check("a counted event is not a duration: ngày hội", "Mỗi năm tổ chức ít nhất 02 ngày hội tư vấn hướng nghiệp.", 0,
          (expect){.value = 2, .cmp = ">=", .cls = "per_year", .unit = "ngày hội"});
    check("a percentage stays a percentage after hằng năm", "Hằng năm, 100% cán bộ được bồi dưỡng.", 0,
          (expect){.value = 100, .cls = "pct"});
    check("frequency", "Tổ chức ít nhất 02 lần/năm diễn đàn kết nối doanh nghiệp.", 0,
          (expect){.value = 2, .cmp = ">=", .cls = "per_year", .unit = "lần/năm"});
    check("money per person", "GRDP bình quân đầu người đạt 120 triệu đồng/người.", 0,
          (expect){.value = 120, .cls = "money", .unit = "triệu đồng/người"});
    check("age with a comparator word", "Tuổi thọ trung bình của người dân đạt 75,5 tuổi.", 0,
          (expect){.value = 75.5, .cls = "age", .indicator = "Tuổi thọ trung bình của người dân"});
    none("age describing a group", "Phổ cập giáo dục mầm non cho trẻ em 5 tuổi.");
    check("duration with a comparator word", "Thời gian giải quyết hồ sơ không quá 10 ngày làm việc.", 0,
          (expect){.value = 10, .cmp = "<=", .cls = "duration", .unit = "ngày làm việc"});
    none("duration without a comparator word", "Hoàn thành trong 30 ngày kể từ ngày ký.");
    count("a number inside another value's words is a qualifier",
          "100% trẻ em 5 tuổi được học 2 buổi/ngày.", 1);
    count("a count before a qualified value is a qualifier",
          "Tỷ lệ học sinh học 2 buổi/ngày không dưới 95%.", 1);
    count("100% xã có 01 điểm: one target", "100% xã có 01 điểm bưu điện văn hóa.", 1);
    check("per_year người/năm", "Tuyển sinh đạt ít nhất 300 người/năm.", 0,
          (expect){.value = 300, .cmp = ">=", .cls = "per_year", .unit = "người/năm"});
    /* a unit opening with nghìn / ngàn / triệu multiplies a count (units.txt
     * [scale]): "80 nghìn người/năm" is the decision's 80.000, not 80, and
     * its unit is what follows the word (80000 "nghìn người/năm" would read
     * as 80 million); money keeps its figure and the word in its unit */
    check("scale nghìn người/năm", "Số người tốt nghiệp đạt 80 nghìn người/năm.", 0,
          (expect){.value = 80000, .cls = "per_year", .unit = "người/năm"});
    check("scale triệu lượt, decimal comma", "Thu hút khoảng 1,2 triệu lượt người tham gia.", 0,
          (expect){.value = 1200000, .cmp = "~", .cls = "count", .unit = "lượt"});
    check("scale: money keeps nghìn tỷ đồng", "Huy động 20 nghìn tỷ đồng cho đào tạo.", 0,
          (expect){.value = 20, .cls = "money", .unit = "nghìn tỷ đồng"});
    check("per_year lượt/năm", "Đón 5.000 lượt/năm khách quốc tế.", 0,
          (expect){.value = 5000, .cls = "per_year", .unit = "lượt/năm"});
    check("per_year spaced slash", "Đào tạo 150 sinh viên / năm.", 0,
          (expect){.value = 150, .cls = "per_year"});
    check("per_year mỗi năm", "Bồi dưỡng 200 giáo viên mỗi năm về kỹ năng số.", 0,
          (expect){.value = 200, .cls = "per_year", .unit = "giáo viên mỗi năm"});
    check("per_10k with 01 vạn dân", "Số nhân lực R&D đạt 10 người/01 vạn dân.", 0,
          (expect){.value = 10, .cls = "per_10k", .unit = "người/01 vạn dân"});
    check("per_10k with 1 vạn dân", "Đạt 12 người/1 vạn dân.", 0,
          (expect){.value = 12, .cls = "per_10k"});
    check("per_10k with 10.000 dân", "Số bác sĩ đạt 15 bác sĩ/10.000 dân.", 0,
          (expect){.value = 15, .cls = "per_10k", .unit = "bác sĩ/10.000 dân",
                   .indicator = "Số bác sĩ"});
    check("per_10k with trên 1 vạn dân", "Có 32 giường bệnh trên 1 vạn dân.", 0,
          (expect){.value = 32, .cls = "per_10k"});
    check("per_10k is a rate, not ten thousand", "Đạt 8 người/vạn dân.", 0,
          (expect){.value = 8, .cls = "per_10k"});
    const char *far = "Phấn đấu có 12 cán bộ nghiên cứu khoa học và phát triển công nghệ toàn thời gian trên 1 vạn dân.";
    check("per_10k many words after the noun", far, 0,
          (expect){.value = 12, .cmp = "=", .cls = "per_10k",
                   .indicator = "cán bộ nghiên cứu khoa học và phát triển công nghệ toàn thời gian"});
    count("the denominator of a rate is no target", far, 1);
    check("a rate's noun names the measure when nothing else does", "Đạt 15 bác sĩ/10.000 dân.", 0,
          (expect){.value = 15, .cls = "per_10k", .indicator = "bác sĩ"});
    check("a rate's qualifiers", "Có 3,5 dược sĩ đại học/10.000 dân.", 0,
          (expect){.value = 3.5, .cls = "per_10k", .unit = "dược sĩ đại học/10.000 dân",
                   .indicator = "dược sĩ đại học"});
    check("count people", "Thu hút 20 chuyên gia người Việt Nam ở nước ngoài.", 0,
          (expect){.value = 20, .cls = "count", .unit = "chuyên gia"});
    check("count teachers", "Bồi dưỡng 1.200 giáo viên tiểu học.", 0,
          (expect){.value = 1200, .cls = "count", .unit = "giáo viên"});
    check("count visits", "Tổ chức 50 lượt cán bộ đi học tập kinh nghiệm.", 0,
          (expect){.value = 50, .cls = "count", .unit = "lượt"});
    check("count programmes", "Xây dựng 04 chương trình đào tạo liên kết quốc tế.", 0,
          (expect){.value = 4, .cls = "count", .unit = "chương trình đào tạo"});
    check("count groups", "Hình thành 10 nhóm nghiên cứu mạnh.", 0,
          (expect){.value = 10, .cls = "count", .unit = "nhóm nghiên cứu mạnh"});
    check("count communes", "Có thêm 15 xã đạt chuẩn nông thôn mới nâng cao.", 0,
          (expect){.value = 15, .cls = "count", .unit = "xã"});
    check("count clubs", "Mỗi trường có ít nhất 01 câu lạc bộ khoa học hoạt động thường xuyên.", 0,
          (expect){.value = 1, .cmp = ">=", .cls = "count", .unit = "câu lạc bộ"});
    check("money tỷ đồng", "Tổng kinh phí thực hiện khoảng 350 tỷ đồng.", 0,
          (expect){.value = 350, .cmp = "~", .cls = "money", .unit = "tỷ đồng",
                   .indicator = "Tổng kinh phí thực hiện"});
    check("money triệu đồng", "Hỗ trợ 50 triệu đồng cho mỗi dự án khởi nghiệp.", 0,
          (expect){.value = 50, .cls = "money", .unit = "triệu đồng"});
    check("unknown counted noun after a qualifier", "Phấn đấu có ít nhất 3 hãng công nghệ đặt trụ sở.", 0,
          (expect){.value = 3, .cmp = ">=", .cls = "count", .unit = "hãng"});
    none("a bare number is no target", "Tỷ lệ này đạt 35 trong bảng xếp hạng.");
    none("an unknown noun without a qualifier is no target", "Thực hiện 3 đột phá chiến lược.");
}

/* ---- comparators ---------------------------------------------------------------------------- */

static void test_comparators(void)
{
    check("no qualifier", "Tỷ lệ trường đạt chuẩn quốc gia là 90%.", 0, (expect){.value = 90, .cmp = "="});
    check("đạt", "Tỷ lệ trường đạt chuẩn quốc gia đạt 90%.", 0, (expect){.value = 90, .cmp = "="});
    check("trên dưới is about, not below", "Tỷ lệ lao động qua đào tạo có chứng chỉ đạt trên dưới 45%.", 0,
          (expect){.value = 45, .cmp = "~"});
    check("phấn đấu đạt stays out of the indicator", "Tỷ lệ hộ gia đình sử dụng internet phấn đấu đạt 95%.", 0,
          (expect){.value = 95, .cmp = "=", .indicator = "Tỷ lệ hộ gia đình sử dụng internet"});
    check("phấn đấu before a qualifier", "Tỷ lệ xã có điểm truy cập số phấn đấu không dưới 80%.", 0,
          (expect){.value = 80, .cmp = ">=", .indicator = "Tỷ lệ xã có điểm truy cập số"});
    check("ít nhất", "Ít nhất 60% doanh nghiệp nhỏ và vừa sử dụng nền tảng số.", 0,
          (expect){.value = 60, .cmp = ">="});
    check("tối thiểu", "Tỷ lệ giảng viên có trình độ tiến sĩ đạt tối thiểu 35%.", 0,
          (expect){.value = 35, .cmp = ">="});
    check("bằng hoặc cao hơn is at least", "Tỷ lệ người học theo học các ngành STEM bằng hoặc cao hơn 35%.", 0,
          (expect){.value = 35, .cmp = ">="});
    check("bằng hoặc thấp hơn is at most", "Tỷ lệ người học bỏ học bằng hoặc thấp hơn 5%.", 0,
          (expect){.value = 5, .cmp = "<="});
    check("từ ... trở lên", "Số sản phẩm OCOP đạt từ 3 sao trở lên chiếm 40% tổng số sản phẩm.", 0,
          (expect){.value = 40, .cmp = "="});
    check("từ N người/01 vạn dân trở lên", "Nhân lực nghiên cứu đạt từ 15 người/01 vạn dân trở lên.", 0,
          (expect){.value = 15, .cmp = ">=", .cls = "per_10k", .unit = "người/01 vạn dân"});
    check("trở lên alone", "Có 50 doanh nghiệp công nghệ số trở lên.", 0,
          (expect){.value = 50, .cmp = ">=", .cls = "count", .unit = "doanh nghiệp"});
    check("không dưới", "Tỷ lệ học sinh học 2 buổi/ngày không dưới 95%.", 0,
          (expect){.value = 95, .cmp = ">="});
    check("trên", "Tỷ lệ người dân hài lòng đạt trên 90%.", 0, (expect){.value = 90, .cmp = ">"});
    check("hơn", "Hơn 70% hộ gia đình có kết nối cáp quang.", 0, (expect){.value = 70, .cmp = ">"});
    check("vượt", "Thu ngân sách vượt 10% dự toán.", 0, (expect){.value = 10, .cmp = ">"});
    check("không quá", "Tỷ lệ thất nghiệp khu vực thành thị không quá 3%.", 0,
          (expect){.value = 3, .cmp = "<=", .indicator = "Tỷ lệ thất nghiệp khu vực thành thị"});
    check("tối đa", "Tỷ lệ hồ sơ giải quyết quá hạn tối đa 1%.", 0, (expect){.value = 1, .cmp = "<="});
    check("dưới", "Tỷ lệ hộ nghèo của xã giảm xuống dưới 2%.", 0,
          (expect){.value = 2, .cmp = "<", .indicator = "Tỷ lệ hộ nghèo của xã"});
    check("khoảng", "Khoảng 85% cán bộ, công chức sử dụng thành thạo kỹ năng số.", 0,
          (expect){.value = 85, .cmp = "~"});
    check("gần", "Gần 100% hồ sơ được tiếp nhận trực tuyến.", 0, (expect){.value = 100, .cmp = "~"});
    check("hướng tới", "Số thuê bao băng rộng cố định hướng tới 40 thuê bao/100 dân.", 0,
          (expect){.value = 40, .cmp = "~"});
    check("phấn đấu ... khoảng", "Phấn đấu đạt khoảng 25% lao động có kỹ năng số cơ bản.", 0,
          (expect){.value = 25, .cmp = "~", .indicator = "lao động có kỹ năng số cơ bản"});
    check("xấp xỉ", "Tỷ lệ đô thị hóa xấp xỉ 50%.", 0, (expect){.value = 50, .cmp = "~"});
    check("chiếm tỷ trọng khoảng", "Kinh tế số chiếm tỷ trọng khoảng 20% GRDP của tỉnh.", 0,
          (expect){.value = 20, .cmp = "~", .cls = "pct_grdp", .indicator = "Kinh tế số của tỉnh"});
    check("nearest qualifier wins over đạt", "Tỷ lệ lao động qua đào tạo đạt tối thiểu 70%.", 0,
          (expect){.value = 70, .cmp = ">=", .indicator = "Tỷ lệ lao động qua đào tạo"});
    check("upper case qualifier", "KHOẢNG 30% DOANH NGHIỆP ứng dụng AI.", 0, (expect){.value = 30, .cmp = "~"});
}

static void test_distribution(void)
{
    const char *s = "Tỷ lệ sinh viên học các ngành kỹ thuật đạt 30%, trong đó ít nhất 5% thuộc ngành "
                    "vi mạch bán dẫn và 10% thuộc ngành trí tuệ nhân tạo.";
    check("ít nhất ... và: first", s, 1, (expect){.value = 5, .cmp = ">=", .parent = "0"});
    check("ít nhất ... và: second takes >=", s, 2,
          (expect){.value = 10, .cmp = ">=", .parent = "0",
                   .indicator = "thuộc ngành trí tuệ nhân tạo"});
    check("main keeps its own", s, 0, (expect){.value = 30, .cmp = "=", .parent = "-"});
    const char *m = "Tổng kinh phí khoảng 865,5 tỷ đồng, trong đó ngân sách nhà nước 540 tỷ đồng; "
                    "nguồn xã hội hóa 325,5 tỷ đồng.";
    check("trong đó without a colon: a later clause that fits the total is a part", m, 2,
          (expect){.value = 325.5, .parent = "0"});
    const char *o = "Tỷ lệ A đạt 35%, trong đó 2,5% thuộc khoa học cơ bản; tỷ lệ B đạt 90%.";
    check("... one that does not fit is not", o, 2, (expect){.value = 90, .parent = "-"});
    const char *t = "Bảo đảm tối thiểu 40% cán bộ nữ và 20% cán bộ người dân tộc thiểu số trong các cơ quan.";
    check("tối thiểu ... và ...", t, 1, (expect){.value = 20, .cmp = ">="});
    const char *u = "Khoảng 80% xã có điểm phục vụ bưu chính, 60% xã có thư viện.";
    check("khoảng distributes over a comma", u, 1, (expect){.value = 60, .cmp = "~"});
    const char *v = "Tỷ lệ A đạt tối thiểu 50%; tỷ lệ B 60%.";
    check("no distribution across ';'", v, 1, (expect){.value = 60, .cmp = "="});
    const char *w = "Tỷ lệ xã có trạm y tế đạt chuẩn trên 90%, tỷ lệ xã có bác sĩ đạt 100%.";
    check("a value with its own verb keeps it", w, 1,
          (expect){.value = 100, .cmp = "=", .indicator = "tỷ lệ xã có bác sĩ"});
}

/* ---- numbers that are never targets ------------------------------------------------------------ */

static void test_non_targets(void)
{
    none("decision number", "Thực hiện Quyết định số 1002/QĐ-TTg của Thủ tướng Chính phủ.");
    none("resolution number", "Theo Nghị quyết số 57-NQ/TW của Bộ Chính trị.");
    none("provincial resolution with year", "Theo Nghị quyết số 42/2025/NQ-HĐND của HĐND tỉnh.");
    none("plan number", "Kế hoạch số 141/KH-UBND ngày 20/6/2025 của UBND tỉnh.");
    none("date with slashes", "Ban hành ngày 24/5/2025.");
    none("date in words", "Hà Giang, ngày 20 tháng 6 năm 2025.");
    none("day and month", "Báo cáo trước ngày 10/12 hằng năm.");
    none("short date", "Gửi báo cáo về Sở Tài chính trước 15/12.");
    none("date with dashes", "Họp ngày 15-3-2025 tại trụ sở.");
    none("year", "Đến năm 2030 hoàn thành các mục tiêu.");
    none("period of years", "Đề án giai đoạn 2025 - 2035, định hướng đến năm 2045.");
    none("period glued", "Quy hoạch tỉnh thời kỳ 2021-2030.");
    none("school year", "Năm học 2025-2026 triển khai chương trình mới.");
    none("phone with dots", "Liên hệ điện thoại 0205.3812.345 để được hỗ trợ.");
    none("phone with spaces", "Đường dây nóng: 0912 345 678.");
    none("phone in parentheses", "Điện thoại: (0205) 3812 345.");
    none("law article and clause", "Theo quy định tại khoản 2 Điều 5 Luật Ngân sách nhà nước.");
    none("point and chapter", "Thực hiện theo điểm a khoản 3 Điều 12, Chương 2 của Nghị định.");
    none("ordinal", "Cách mạng công nghiệp lần thứ 4 và lần thứ tư.");
    none("industry 4.0", "Thích ứng với công nghiệp 4.0 và chuyển đổi số.");
    none("footnote mark", "Theo Nghị quyết số 42/2025/NQ-HĐND¹ của HĐND tỉnh.");
    none("bracketed footnote", "Theo báo cáo [3] của Sở.");
    none("enumeration in parentheses", "(1) Tăng cường công tác tuyên truyền.");
    none("section number", "Như mục 2.3.1 đã nêu.");
    none("age", "Cán bộ dưới 45 tuổi được ưu tiên.");
    none("two-level government", "Vận hành chính quyền địa phương 2 cấp.");
    none("time of day", "Họp lúc 14:30 tại hội trường.");
    none("digits glued to letters", "Phủ sóng 5G và 4G toàn tỉnh; hệ thống COVID-19.");
    none("Roman numerals", "Theo Mục II, Phần III của Kế hoạch.");
    none("a ratio", "Cơ cấu 70/30 giữa lý thuyết và thực hành.");
    none("duration", "Triển khai trong 5 năm.");
    none("grade", "Học sinh lớp 9 và lớp 12.");
    count("target beside a reference", "Thực hiện Quyết định số 1002/QĐ-TTg, đạt 35% vào năm 2030.", 1);
    count("target beside a date", "Đến ngày 31/12/2030, 100% hồ sơ được số hóa.", 1);
}

/* ---- indicators ------------------------------------------------------------------------------------- */

static void test_indicators(void)
{
    check("subject before the comparator",
          "Tỷ lệ học sinh tốt nghiệp THCS, THPT theo học các ngành STEM đạt 30%.", 0,
          (expect){.value = 30, .indicator = "Tỷ lệ học sinh tốt nghiệp THCS, THPT theo học các ngành STEM"});
    check("value first", "100% nhà giáo đạt chuẩn trình độ đào tạo.", 0,
          (expect){.value = 100, .indicator = "nhà giáo đạt chuẩn trình độ đào tạo"});
    check("verb, counted noun and qualifiers",
          "Thu hút ít nhất 05 chuyên gia trình độ tiến sĩ về làm việc tại tỉnh.", 0,
          (expect){.value = 5, .indicator = "Thu hút chuyên gia trình độ tiến sĩ về làm việc tại tỉnh"});
    check("noun not repeated", "Số doanh nghiệp đạt 1.500 doanh nghiệp.", 0,
          (expect){.value = 1500, .indicator = "Số doanh nghiệp"});
    check("qualifier after the value kept",
          "Tỷ lệ người học các ngành kỹ thuật đạt 35% ở mỗi trình độ đào tạo.", 0,
          (expect){.value = 35, .indicator = "Tỷ lệ người học các ngành kỹ thuật ở mỗi trình độ đào tạo"});
    check("label before a colon dropped",
          "Y tế: ít nhất 95% dân số tham gia bảo hiểm y tế.", 0,
          (expect){.value = 95, .indicator = "dân số tham gia bảo hiểm y tế"});
    check("subject after a colon",
          "Chuyển đổi số: phấn đấu đạt tỷ lệ dịch vụ công trực tuyến toàn trình 80%.", 0,
          (expect){.value = 80, .indicator = "tỷ lệ dịch vụ công trực tuyến toàn trình"});
    check("subject before a colon when nothing follows the value",
          "Tỷ lệ trẻ em đi học đúng độ tuổi: 99%.", 0,
          (expect){.value = 99, .indicator = "Tỷ lệ trẻ em đi học đúng độ tuổi"});
    check("stated phase not in the indicator",
          "Đến năm 2030, tỷ lệ xã đạt chuẩn nông thôn mới đạt 90%.", 0,
          (expect){.value = 90, .indicator = "tỷ lệ xã đạt chuẩn nông thôn mới", .phase = 2030});
    check("parentheses that belong to the indicator stay",
          "Tổng chi cho nghiên cứu và phát triển (R&D) đạt 1,5% GRDP.", 0,
          (expect){.value = 1.5, .indicator = "Tổng chi cho nghiên cứu và phát triển (R&D)"});
    check("remark in parentheses left out",
          "Tỷ lệ đô thị hóa đạt 45% (năm 2024 đạt 38%).", 0,
          (expect){.value = 45, .indicator = "Tỷ lệ đô thị hóa"});
    count("remark in parentheses is no target", "Tỷ lệ đô thị hóa đạt 45% (năm 2024 đạt 38%).", 1);
    check("value in parentheses when it is the only one",
          "Phấn đấu nâng tỷ lệ nhân lực R&D (hướng tới 9 người/1 vạn dân).", 0,
          (expect){.value = 9, .cmp = "~", .cls = "per_10k", .indicator = "nâng tỷ lệ nhân lực R&D"});
    check("trong đó part", "Tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.", 1,
          (expect){.value = 35, .parent = "0", .indicator = "bằng cấp, chứng chỉ"});
}

/* ---- trong đó ---------------------------------------------------------------------------------------- */

static void test_parts(void)
{
    const char *s = "Số người tốt nghiệp các chương trình đào tạo về công nghệ thông tin đạt 1.200 người/năm, "
                    "trong đó tối thiểu 15% được cấp bằng kỹ sư, thạc sĩ hoặc tiến sĩ.";
    check("main", s, 0, (expect){.value = 1200, .cls = "per_year", .parent = "-"});
    check("part", s, 1, (expect){.value = 15, .cmp = ">=", .parent = "0",
                                 .indicator = "được cấp bằng kỹ sư, thạc sĩ hoặc tiến sĩ"});
    check("part at the start of a text belongs to the target before",
          "Trong đó, ít nhất 30% là nữ.", 0, (expect){.value = 30, .parent = "before"});
    check("trong số đó", "Đào tạo 500 người; trong số đó 50% là người dân tộc thiểu số.", 1,
          (expect){.value = 50, .parent = "0"});
    const char *t = "Tỷ lệ A đạt 40%. Trong đó, nữ chiếm 45%.";
    check("part in the next sentence", t, 1, (expect){.value = 45, .parent = "0"});
    const char *u = "Có 30 nhóm nghiên cứu mạnh, trong đó 20 nhóm thuộc lĩnh vực công nghệ chiến lược; "
                    "100% nhóm có hợp tác quốc tế.";
    check("a clause after ';' is no part", u, 2, (expect){.value = 100, .parent = "-"});
    check("count part", u, 1, (expect){.value = 20, .cls = "count", .parent = "0"});
    const char *list = "Tổng vốn đầu tư khoảng 900 tỷ đồng, trong đó: vốn ngân sách trung ương 300 tỷ đồng; "
                       "vốn ngân sách tỉnh 400 tỷ đồng; vốn xã hội hóa 200 tỷ đồng.";
    check("trong đó: opens a list — first item", list, 1, (expect){.value = 300, .parent = "0"});
    check("trong đó: opens a list — after ';'", list, 2,
          (expect){.value = 400, .parent = "0", .indicator = "vốn ngân sách tỉnh"});
    check("trong đó: opens a list — last item", list, 3, (expect){.value = 200, .parent = "0"});
    const char *nolist = "Tổng vốn khoảng 900 tỷ đồng, trong đó vốn tỉnh 400 tỷ đồng; tỷ lệ giải ngân đạt 95%.";
    check("without a colon the part ends at ';'", nolist, 2, (expect){.value = 95, .parent = "-"});
    ok(vn_targets_opens_parts(NULL, "Tỷ lệ A đạt 40%, trong đó:", strlen("Tỷ lệ A đạt 40%, trong đó:")),
       "\"..., trong đó:\" opens parts");
    ok(!vn_targets_opens_parts(NULL, "Tỷ lệ A đạt 40%.", strlen("Tỷ lệ A đạt 40%.")),
       "a plain sentence opens no parts");
}

/* ---- phases ------------------------------------------------------------------------------------------ */

static void test_phases(void)
{
    check_at("section phase when none stated", "Tỷ lệ A đạt 40%.", 2030, 0, (expect){.value = 40, .phase = 2030});
    check("no phase at all", "Tỷ lệ A đạt 40%.", 0, (expect){.value = 40, .phase = -1});
    check_at("đến năm overrides the section", "Đến năm 2028, tỷ lệ A đạt 40%.", 2030, 0,
             (expect){.value = 40, .phase = 2028});
    check("giai đoạn 2030 - 2035 → 2035", "Giai đoạn 2030 - 2035, tỷ lệ A đạt 60%.", 0,
          (expect){.value = 60, .phase = 2035});
    check("a document kind the clause leaves at once cites nothing: its phase is the target's",
          "Phòng Văn hóa - Xã hội chủ trì, hướng dẫn thực hiện Kế hoạch, bảo đảm đến năm 2035 tỷ lệ học sinh theo "
          "học các ngành STEM đạt 45%.",
          0, (expect){.value = 45, .phase = 2035});
    check("a document kind left after a few plain words cites nothing: its phase is the target's",
          "Đảng ủy Ủy ban nhân dân xã lãnh đạo xây dựng kế hoạch thực hiện, bảo đảm đến năm 2030 có ít nhất 02 "
          "sinh viên theo học chương trình đào tạo tài năng.",
          0, (expect){.value = 2, .phase = 2030});
    check("a cited title whose own words hold a comma keeps its phase",
          "Thực hiện Đề án xây dựng xã hội học tập, phát triển nguồn nhân lực đến năm 2030, tỷ lệ A đạt 45%.",
          0, (expect){.value = 45, .phase = -1});
    check("a cited document's title keeps its phase", "Thực hiện Kế hoạch phát triển giáo dục đến năm 2030, tỷ lệ A đạt 45%.",
          0, (expect){.value = 45, .phase = -1});
    check("giai đoạn glued", "Tỷ lệ A đạt 60% giai đoạn 2026-2030.", 0, (expect){.value = 60, .phase = 2030});
    check("năm 2045", "Năm 2045, 100% lao động có kỹ năng số.", 0, (expect){.value = 100, .phase = 2045});
    const char *s = "Tỷ lệ A đạt 35% vào năm 2030 và 45% vào năm 2035.";
    check("phase per value: first", s, 0, (expect){.value = 35, .phase = 2030});
    check("phase per value: second", s, 1, (expect){.value = 45, .phase = 2035});
    const char *t = "Đến năm 2030: tỷ lệ A đạt 35%; tỷ lệ B đạt 20%.";
    check("phase of an earlier clause", t, 1, (expect){.value = 20, .phase = 2030});
    check_at("so với năm is a reference year", "Tăng 20% so với năm 2025.", 2030, 0,
             (expect){.value = 20, .phase = 2030});
    check_at("a cited document's period is no phase",
             "Theo Đề án đào tạo nhân lực giai đoạn 2025 - 2035, tỷ lệ A đạt 40%.", 2030, 0,
             (expect){.value = 40, .phase = 2030});
}

static void test_phase_headings(void)
{
    static const char *const phase_only[] = {
        "Mục tiêu cụ thể đến năm 2030", "MỤC TIÊU", "Mục tiêu chung", "Mục tiêu tổng quát",
        "Định hướng đến năm 2045", "Tầm nhìn đến năm 2045", "Mục tiêu giai đoạn 2030–2035",
        "Các chỉ tiêu chủ yếu:", "Mục tiêu cụ thể giai đoạn 2030 - 2035",
        "Phấn đấu đến năm 2030 đạt được các chỉ tiêu sau:", "Một số chỉ tiêu chính như sau:",
        "Đến cuối năm 2030:", "Giai đoạn II (2031 - 2035)", "Trước năm 2030",
    };
    for (size_t k = 0; k < sizeof phase_only / sizeof phase_only[0]; k++)
        ok(vn_targets_is_phase_heading(NULL, phase_only[k], strlen(phase_only[k])),
           "phase heading: %s", phase_only[k]);
    static const char *const objectives[] = {
        "Tăng nhanh quy mô đào tạo trình độ cao khối ngành STEM:",
        "Phát triển đội ngũ nhân lực chất lượng cao",
        "Mục tiêu phát triển kinh tế số",
    };
    for (size_t k = 0; k < sizeof objectives / sizeof objectives[0]; k++)
        ok(!vn_targets_is_phase_heading(NULL, objectives[k], strlen(objectives[k])),
           "objective heading: %s", objectives[k]);
}

/* ---- sentences, spans, robustness ------------------------------------------------------------------- */

static void test_spans(void)
{
    const char *s = "Mở đầu không có số. Tỷ lệ A đạt 35%. TP. Hà Nội có 20 trường đạt chuẩn.";
    vn_scan_hit h[MAX_HITS];
    size_t n = scan(s, 0, h);
    if (!ok(n == 2, "two sentences with targets"))
        return;
    ok(same_text(s, h[0].sentence, "Tỷ lệ A đạt 35%."), "sentence span of the first");
    ok(same_text(s, h[0].number, "35"), "number span");
    ok(same_text(s, h[1].sentence, "TP. Hà Nội có 20 trường đạt chuẩn."),
       "an abbreviation does not end a sentence");
    ok(same_text(s, h[1].unit, "trường"), "unit span");
    ok(same_text(s, h[0].cmp_words, "đạt"), "comparator words before the value");
    ok(h[1].cmp_words.end == h[1].cmp_words.start, "no comparator words: an empty span");
    size_t few = vn_targets_scan(NULL, s, strlen(s), NULL, h, 1);
    ok(few == 2, "the count is returned even when it exceeds max");

    const char *t = "Thu hút ít nhất 50 doanh nghiệp; đạt 30 chuyên gia trở lên; có 20 hợp tác xã số trở lên.";
    n = scan(t, 0, h);
    if (!ok(n == 3, "three clauses with targets"))
        return;
    ok(same_text(t, h[0].cmp_words, "ít nhất"), "comparator words: a phrase before the value");
    ok(same_text(t, h[1].cmp_words, "trở lên"), "comparator words: the phrase after the unit decides");
    ok(same_text(t, h[2].cmp_words, "trở lên"), "comparator words: after the unit's own qualifiers");
    ok(same_text(t, h[2].unit, "hợp tác xã"), "unit span of the last");
}

static void test_robustness(void)
{
    /* every byte value, short runs of digits and separators: nothing may crash */
    char buf[4096];
    unsigned seed = 12345;
    size_t total = 0;
    for (int round = 0; round < 300; round++) {
        size_t n = 0;
        while (n < sizeof buf - 1) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0xff;
            static const char *const bits[] = {"1", "0", ".", ",", "%", "/", "-", " ", "đạt ", "trên ",
                                               "người", "năm", "(", ")", "trong đó ", ";", "từ ", "đến "};
            if (r < 18 * 12) {
                const char *b = bits[r % 18];
                size_t l = strlen(b);
                if (n + l >= sizeof buf - 1)
                    break;
                memcpy(buf + n, b, l);
                n += l;
            } else
                buf[n++] = (char)r;
        }
        buf[n] = '\0';
        vn_scan_hit h[8];
        total += vn_targets_scan(NULL, buf, n, NULL, h, 8);
    }
    ok(1, "random text scanned without a crash (%zu hits)", total);
    /* a long run of numbers in one clause */
    vn_buf big = {0};
    for (int k = 0; k < 20000; k++)
        vn_buf_printf(&big, "đạt %d%% và ", k);
    vn_scan_hit h[4];
    size_t n = vn_targets_scan(NULL, big.data, big.len, NULL, h, 4);
    ok(n == 20000, "20 000 values in one clause");
    vn_buf_free(&big);
    ok(vn_targets_scan(NULL, "", 0, NULL, h, 4) == 0, "empty text");
    ok(vn_targets_scan(NULL, "35%", 3, NULL, h, 0) == 1, "max 0 still counts");
}

/* Words reach the phrase lists through vn_fold whatever their spelling:
 * a grammar word in old tone placement ("thuỷ") matches text in the new one
 * ("thủy") and in capitals.  Guards the shortcut that skips folding for
 * words no grammar word resembles. */
static void test_spelling_variants(void)
{
    char dir[] = "/tmp/vnplan-targets-XXXXXX";
    if (!ok(mkdtemp(dir) != NULL, "temporary grammar directory"))
        return;
    char path[128];
    snprintf(path, sizeof path, "%s/units.txt", dir);
    FILE *f = fopen(path, "w");
    if (!ok(f != NULL, "write an override units.txt"))
        return;
    fputs("[unit]\n%\tpct\n[counted]\ntàu thuỷ\n", f);
    fclose(f);
    vnplan_grammar *g = NULL;
    char err[256];
    if (ok(vnplan_grammar_load(dir, &g, err, sizeof err) == VNPLAN_OK, "override grammar loads")) {
        static const char *const texts[] = {"Đóng mới ít nhất 5 tàu thủy.", "ĐÓNG MỚI ÍT NHẤT 5 TÀU THUỶ.",
                                            "Đóng mới ít nhất 5 Tàu Thủy."};
        for (size_t k = 0; k < 3; k++) {
            vn_scan_hit h[4];
            size_t n = vn_targets_scan(g, texts[k], strlen(texts[k]), NULL, h, 4);
            ok(n == 1 && h[0].value == 5 && strcmp(h[0].unit_class, "count") == 0 && h[0].cmp == VN_CMP_GE,
               "spelling variant matches the grammar: %s", texts[k]);
        }
        vnplan_grammar_free(g);
    } else
        diag("%s", err);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    if (!vnplan_grammar_default()) {
        ok(0, "the built-in grammars load");
        return done();
    }
    test_numbers();
    test_fractions();
    test_ranges();
    test_units();
    test_comparators();
    test_distribution();
    test_non_targets();
    test_indicators();
    test_parts();
    test_phases();
    test_phase_headings();
    test_spans();
    test_robustness();
    test_spelling_variants();
    return done();
}
