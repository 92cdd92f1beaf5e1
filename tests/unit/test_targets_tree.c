/* test_targets_tree.c — vn_targets_extract over trees built by hand, so that
 * the walk is tested apart from the parser: skipped parts, the section and
 * phase of each target, "trong đó" parts across items and sub-items,
 * qualitative objectives, ids in document order, spans, a 10 000-level deep
 * tree and a malformed (cyclic) one. */
#include "tap.h"
#include "grammar.h"
#include "stages.h"

#include <stdlib.h>

static vnplan_doc *new_doc(const char *text)
{
    vnplan_doc *doc = calloc(1, sizeof *doc);
    doc->grammar = vnplan_grammar_default();
    doc->text.s = vn_xstrndup(text, strlen(text));
    doc->text.len = strlen(text);
    return doc;
}

/* The span of the first occurrence of `what` in the document's text. */
static vn_span span_of(const vnplan_doc *doc, const char *what)
{
    const char *p = strstr(doc->text.s, what);
    if (!p) {
        fprintf(stderr, "test text lacks: %s\n", what);
        abort();
    }
    size_t a = (size_t)(p - doc->text.s);
    return vn_span_make(a, a + strlen(what));
}

static int32_t add(vnplan_doc *doc, int32_t parent, vn_kind kind, int label, uint16_t phase,
                   const char *title, const char *text)
{
    int32_t n = vn_node_add(doc, parent, kind);
    vn_node *nd = &doc->nodes[n];
    nd->label = (uint8_t)label;
    nd->phase = phase;
    if (title)
        nd->title = span_of(doc, title);
    if (text)
        nd->text = span_of(doc, text);
    return n;
}

static const char *span_text(const vnplan_doc *doc, vn_span s, char *buf, size_t len)
{
    size_t n = s.end > s.start ? s.end - s.start : 0;
    if (n >= len)
        n = len - 1;
    memcpy(buf, doc->text.s + s.start, n);
    buf[n] = '\0';
    return buf;
}

static const char PLAN[] =
    "KẾ HOẠCH\nThực hiện Quyết định số 25/QĐ-UBND, tỷ lệ đạt 99%.\n"
    "II. MỤC TIÊU\n"
    "1. Mục tiêu chung\n"
    "Phát triển kinh tế số của xã Tân Lập nhanh và bền vững.\n"
    "2. Mục tiêu cụ thể đến năm 2030\n"
    "a) Nâng cao chất lượng nguồn nhân lực:\n"
    "- Tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.\n"
    "- Trong đó, lao động nữ chiếm ít nhất 40%.\n"
    "- Số doanh nghiệp số đạt 500 doanh nghiệp, trong đó:\n"
    "+ ít nhất 20% doanh nghiệp có doanh thu xuất khẩu;\n"
    "+ 10% doanh nghiệp tham gia chuỗi cung ứng toàn cầu.\n"
    "- Xây dựng hệ sinh thái khởi nghiệp đổi mới sáng tạo.\n"
    "- Đến năm 2028, 100% thôn có điểm truy cập Internet công cộng.\n"
    "3. Giai đoạn 2030 - 2035\n"
    "- Nhân lực số: phấn đấu đạt 20 người/1 vạn dân\n"
    "III. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    "- Hỗ trợ 50% kinh phí đào tạo cho học viên.\n"
    "Nơi nhận: 100% các thôn;\n"
    "¹ Theo số liệu năm 2024, tỷ lệ này là 30%.\n";

typedef struct want {
    const char *kind, *section, *cmp, *unit_class, *parent, *phase;
    double value;
    int32_t node;
} want;

static void check_target(const vnplan_doc *doc, size_t t, want w)
{
    char phase[16] = "-";
    const vn_target *x = &doc->targets[t];
    if (x->phase == VN_PHASE_GENERAL)
        snprintf(phase, sizeof phase, "general");
    else if (x->phase)
        snprintf(phase, sizeof phase, "%u", (unsigned)x->phase);
    char parent[16] = "-";
    if (x->parent >= 0)
        snprintf(parent, sizeof parent, "%s", doc->targets[x->parent].id);
    const char *kind = x->qualitative ? "qualitative" : "quantified";
    int good = strcmp(kind, w.kind) == 0 && strcmp(vn_label_name((vn_label)x->section), w.section) == 0 &&
               strcmp(phase, w.phase) == 0 && strcmp(parent, w.parent) == 0 && x->node == w.node;
    if (!x->qualitative)
        good &= strcmp(vn_cmp_name((vn_cmp)x->cmp), w.cmp) == 0 && strcmp(x->unit_class, w.unit_class) == 0 &&
                fabs(x->value - w.value) < 1e-9;
    if (!ok(good, "%s: %s %s %s %g", x->id, kind, w.section, w.cmp ? w.cmp : "", w.value)) {
        diag("got:  %s %s phase %s %s %g %s parent %s node %d", kind,
             vn_label_name((vn_label)x->section), phase, vn_cmp_name((vn_cmp)x->cmp), x->value,
             x->unit_class ? x->unit_class : "-", parent, (int)x->node);
        diag("want: %s %s phase %s %s %g %s parent %s node %d", w.kind, w.section, w.phase,
             w.cmp ? w.cmp : "-", w.value, w.unit_class ? w.unit_class : "-", w.parent, (int)w.node);
        diag("text: %s", x->text);
    }
}

static void test_plan(void)
{
    vnplan_doc *doc = new_doc(PLAN);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t pre = add(doc, root, VN_KIND_PART, VN_LABEL_PREAMBLE, 0, NULL, NULL);
    add(doc, pre, VN_KIND_PARAGRAPH, 0, 0, NULL, "Thực hiện Quyết định số 25/QĐ-UBND, tỷ lệ đạt 99%.");
    int32_t mt = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 0, "MỤC TIÊU", NULL);
    int32_t general = add(doc, mt, VN_KIND_SECTION, 0, VN_PHASE_GENERAL, "Mục tiêu chung", NULL);
    int32_t n_general = add(doc, general, VN_KIND_PARAGRAPH, 0, VN_PHASE_GENERAL, NULL,
                            "Phát triển kinh tế số của xã Tân Lập nhanh và bền vững.");
    int32_t p2030 = add(doc, mt, VN_KIND_SECTION, 0, 2030, "Mục tiêu cụ thể đến năm 2030", NULL);
    int32_t a = add(doc, p2030, VN_KIND_SECTION, 0, 2030, "Nâng cao chất lượng nguồn nhân lực:", NULL);
    int32_t i75 = add(doc, a, VN_KIND_ITEM, 0, 2030, NULL,
                      "Tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.");
    int32_t i40 = add(doc, a, VN_KIND_ITEM, 0, 2030, NULL, "Trong đó, lao động nữ chiếm ít nhất 40%.");
    int32_t i500 = add(doc, a, VN_KIND_ITEM, 0, 2030, NULL, "Số doanh nghiệp số đạt 500 doanh nghiệp, trong đó:");
    int32_t i20 = add(doc, i500, VN_KIND_ITEM, 0, 2030, NULL, "ít nhất 20% doanh nghiệp có doanh thu xuất khẩu;");
    int32_t i10 = add(doc, i500, VN_KIND_ITEM, 0, 2030, NULL,
                      "10% doanh nghiệp tham gia chuỗi cung ứng toàn cầu.");
    int32_t iq = add(doc, a, VN_KIND_ITEM, 0, 2030, NULL, "Xây dựng hệ sinh thái khởi nghiệp đổi mới sáng tạo.");
    int32_t i100 = add(doc, a, VN_KIND_ITEM, 0, 2030, NULL,
                       "Đến năm 2028, 100% thôn có điểm truy cập Internet công cộng.");
    int32_t p2035 = add(doc, mt, VN_KIND_SECTION, 0, 2035, "Giai đoạn 2030 - 2035", NULL);
    int32_t i_r = add(doc, p2035, VN_KIND_ITEM, 0, 2035, "Nhân lực số", "phấn đấu đạt 20 người/1 vạn dân");
    int32_t nv = add(doc, root, VN_KIND_SECTION, VN_LABEL_NHIEM_VU, 0, "NHIỆM VỤ VÀ GIẢI PHÁP", NULL);
    int32_t i50 = add(doc, nv, VN_KIND_ITEM, 0, 0, NULL, "Hỗ trợ 50% kinh phí đào tạo cho học viên.");
    int32_t closing = add(doc, root, VN_KIND_PART, VN_LABEL_CLOSING, 0, NULL, NULL);
    add(doc, closing, VN_KIND_PARAGRAPH, 0, 0, NULL, "Nơi nhận: 100% các thôn;");
    int32_t notes = add(doc, root, VN_KIND_PART, VN_LABEL_FOOTNOTES, 0, NULL, NULL);
    add(doc, notes, VN_KIND_FOOTNOTE, 0, 0, NULL, "¹ Theo số liệu năm 2024, tỷ lệ này là 30%.");
    (void)general;

    vn_targets_extract(doc);
    want w[] = {
        {"qualitative", "muc_tieu", NULL, NULL, "-", "general", 0, n_general},
        {"qualitative", "muc_tieu", NULL, NULL, "-", "2030", 0, a},
        {"quantified", "muc_tieu", "=", "pct", "-", "2030", 75, i75},
        {"quantified", "muc_tieu", "=", "pct", "t3", "2030", 35, i75},
        {"quantified", "muc_tieu", ">=", "pct", "t3", "2030", 40, i40},
        {"quantified", "muc_tieu", "=", "count", "-", "2030", 500, i500},
        {"quantified", "muc_tieu", ">=", "pct", "t6", "2030", 20, i20},
        {"quantified", "muc_tieu", "=", "pct", "t6", "2030", 10, i10},
        {"qualitative", "muc_tieu", NULL, NULL, "-", "2030", 0, iq},
        {"quantified", "muc_tieu", "=", "pct", "-", "2028", 100, i100},
        {"quantified", "muc_tieu", "=", "per_10k", "-", "2035", 20, i_r},
        {"quantified", "nhiem_vu", "=", "pct", "-", "-", 50, i50},
    };
    size_t nw = sizeof w / sizeof w[0];
    is_long((long)doc->ntargets, (long)nw, "targets of the hand-built plan (preamble, closing, footnotes skipped)");
    for (size_t t = 0; t < doc->ntargets && t < nw; t++)
        check_target(doc, t, w[t]);
    for (size_t t = 0; t < doc->ntargets; t++) {
        char id[32];
        snprintf(id, sizeof id, "t%zu", t + 1);
        if (!ok(strcmp(doc->targets[t].id, id) == 0, "id %s in document order", id))
            break;
    }
    char buf[256];
    if (doc->ntargets > 3) {
        const vn_target *x = &doc->targets[2];
        is_str(span_text(doc, x->span, buf, sizeof buf),
               "Tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.",
               "sentence span maps back to the text");
        is_str(span_text(doc, doc->targets[3].value_span, buf, sizeof buf), "35", "value span of a part");
        is_str(span_text(doc, x->cmp_span, buf, sizeof buf), "đạt", "comparator span");
        is_str(span_text(doc, x->unit_span, buf, sizeof buf), "%", "unit span");
        is_str(span_text(doc, doc->targets[4].cmp_span, buf, sizeof buf), "chiếm ít nhất",
               "comparator span of a part: every comparator word before the value");
        ok(doc->targets[7].cmp_span.end == doc->targets[7].cmp_span.start,
           "a value without comparator words has an empty comparator span");
        is_str(x->text, "Tỷ lệ lao động qua đào tạo đạt 75%, trong đó có bằng cấp, chứng chỉ đạt 35%.",
               "sentence text");
        is_str(x->indicator, "Tỷ lệ lao động qua đào tạo", "indicator");
        is_str(x->value_text, "75", "value as written");
        is_str(x->unit, "%", "unit as written");
    }
    if (doc->ntargets > 10) {
        const vn_target *x = &doc->targets[10];
        is_str(x->text, "Nhân lực số: phấn đấu đạt 20 người/1 vạn dân",
               "a sentence runs from the title into the text");
        is_str(span_text(doc, x->unit_span, buf, sizeof buf), "người/1 vạn dân", "unit span in the text");
        is_str(x->indicator, "Nhân lực số", "a label is the indicator when nothing else names the measure");
        is_str(x->unit, "người/1 vạn dân", "rate unit as written");
        is_str(doc->targets[1].indicator, "Nâng cao chất lượng nguồn nhân lực",
               "an objective heading is a qualitative target");
    }
    vnplan_doc_free(doc);
}

/* Ten thousand nested items: the walk must not recurse. */
static void test_deep(void)
{
    enum { DEPTH = 10000 };
    static const char text[] = "NHIỆM VỤ\nmức\nTỷ lệ thôn có nhà văn hóa đạt 90%.\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t n = add(doc, root, VN_KIND_SECTION, VN_LABEL_NHIEM_VU, 0, "NHIỆM VỤ", NULL);
    for (int k = 0; k < DEPTH; k++)
        n = add(doc, n, VN_KIND_ITEM, 0, 0, NULL, "mức");
    add(doc, n, VN_KIND_ITEM, 0, 0, NULL, "Tỷ lệ thôn có nhà văn hóa đạt 90%.");
    vn_targets_extract(doc);
    ok(doc->ntargets == 1 && doc->targets[0].value == 90, "a target 10 000 levels deep is found");
    ok(doc->ntargets == 1 && doc->targets[0].section == VN_LABEL_NHIEM_VU,
       "its section is the top-level one");
    vnplan_doc_free(doc);
}

/* A malformed tree whose sibling links loop must still end. */
static void test_cycle(void)
{
    static const char text[] = "MỤC TIÊU\nĐạt 90%.\nĐạt 80%.\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 2030, "MỤC TIÊU", NULL);
    add(doc, s, VN_KIND_ITEM, 0, 2030, NULL, "Đạt 90%.");
    int32_t b = add(doc, s, VN_KIND_ITEM, 0, 2030, NULL, "Đạt 80%.");
    doc->nodes[b].next = doc->nodes[s].first_child; /* a loop */
    vn_targets_extract(doc);
    ok(doc->ntargets >= 2, "a cyclic tree ends the walk (%zu targets)", doc->ntargets);
    vnplan_doc_free(doc);
}

/* A row of a task table (TAB between cells, no year in its header) is not a
 * table of targets, but its cells stay apart: the row number is no count of
 * the task's first noun, nor the end of a period a count of the product. */
static void test_tab_cells(void)
{
    static const char text[] = "NHIỆM VỤ\n"
                               "7\tTổ chức diễn đàn kết nối doanh nghiệp\tSở Công Thương\t2025 - 2026\t"
                               "Chương trình đào tạo được cập nhật\n"
                               "8\tTổ chức ít nhất 02 diễn đàn mỗi năm\tSở Công Thương\tHằng năm\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_NHIEM_VU, 0, "NHIỆM VỤ", NULL);
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL,
        "7\tTổ chức diễn đàn kết nối doanh nghiệp\tSở Công Thương\t2025 - 2026\t"
        "Chương trình đào tạo được cập nhật");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "8\tTổ chức ít nhất 02 diễn đàn mỗi năm\tSở Công Thương\tHằng năm");
    vn_targets_extract(doc);
    ok(doc->ntargets == 1, "one target in two task rows (%zu)", doc->ntargets);
    ok(doc->ntargets >= 1 && doc->targets[0].value == 2, "the target of a cell is found in it");
    vnplan_doc_free(doc);
}

/* A header written over two rows, as Word merges it: the years under a cell
 * spanning them, the unit column named only in the row above (its cell in the
 * years' row merged, empty); a group row of two cells is a row, not an
 * objective. */
static void test_two_row_header(void)
{
    static const char text[] = "MỤC TIÊU\n"
                               "TT\tChỉ tiêu\tĐơn vị tính\tMục tiêu\n"
                               "\t\t\tNăm 2027\tNăm 2030\n"
                               "I\tNhân lực khoa học\n"
                               "1\tTỷ lệ người học các ngành kỹ thuật\t%\t≥ 30\t≥ 35\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 0, "MỤC TIÊU", NULL);
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "TT\tChỉ tiêu\tĐơn vị tính\tMục tiêu");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "Năm 2027\tNăm 2030");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "I\tNhân lực khoa học");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "1\tTỷ lệ người học các ngành kỹ thuật\t%\t≥ 30\t≥ 35");
    vn_targets_extract(doc);
    ok(doc->ntargets == 2, "two targets, no objective for the header or the group row (%zu)", doc->ntargets);
    if (doc->ntargets == 2) {
        ok(doc->targets[0].phase == 2027 && doc->targets[1].phase == 2030, "each value has its column's year");
        is_str(doc->targets[0].unit_class, "pct", "the unit comes from the column the row above names");
        ok(doc->targets[1].value == 35, "the value under Năm 2030 is 35");
    }
    vnplan_doc_free(doc);
}

/* A table with no unit column: a group row names the unit of the rows under
 * it in parentheses ("A | Các chỉ tiêu tính bằng tỷ lệ (%)"), up to the next
 * group row, whose words name none. */
static void test_group_row_units(void)
{
    static const char text[] = "MỤC TIÊU\n"
                               "TT\tChỉ tiêu\tNăm 2030\tNăm 2035\n"
                               "A\tCác chỉ tiêu tính bằng tỷ lệ (%)\n"
                               "1\tTỷ lệ người học theo học các ngành STEM\t35\t40\n"
                               "B\tCác chỉ tiêu tính bằng số người tốt nghiệp mỗi năm (người/năm)\n"
                               "2\tSố người tốt nghiệp chuyên sâu về trí tuệ nhân tạo\t250\t450\n"
                               "C\tCÁC CHỈ TIÊU KHÁC\n"
                               "3\tSố nhóm nghiên cứu mạnh\t5\t8\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 0, "MỤC TIÊU", NULL);
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "TT\tChỉ tiêu\tNăm 2030\tNăm 2035");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "A\tCác chỉ tiêu tính bằng tỷ lệ (%)");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "1\tTỷ lệ người học theo học các ngành STEM\t35\t40");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "B\tCác chỉ tiêu tính bằng số người tốt nghiệp mỗi năm (người/năm)");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "2\tSố người tốt nghiệp chuyên sâu về trí tuệ nhân tạo\t250\t450");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "C\tCÁC CHỈ TIÊU KHÁC");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "3\tSố nhóm nghiên cứu mạnh\t5\t8");
    vn_targets_extract(doc);
    ok(doc->ntargets >= 4, "rows 1 and 2 give a target per year (%zu)", doc->ntargets);
    if (doc->ntargets >= 4) {
        is_str(doc->targets[0].unit_class, "pct", "group A's (%) is row 1's unit");
        ok(doc->targets[1].phase == 2035 && doc->targets[1].value == 40, "row 1 under Năm 2035 is 40");
        is_str(doc->targets[2].unit_class, "per_year", "group B's (người/năm) is row 2's unit");
        ok(doc->targets[3].value == 450, "row 2 under Năm 2035 is 450");
    }
    for (size_t i = 4; i < doc->ntargets; i++)
        ok(doc->targets[i].unit_class == NULL || strcmp(doc->targets[i].unit_class, "per_year") != 0,
           "group C names no unit: row 3 does not keep B's (target %zu)", i);
    vnplan_doc_free(doc);
}

/* A table with no unit column whose year columns name their unit in the
 * header cell ("Năm 2030 (%)"); a unit column, when there is one, is still
 * the row's. */
static void test_header_cell_units(void)
{
    static const char text[] = "MỤC TIÊU\n"
                               "TT\tChỉ tiêu\tNăm 2030 (%)\tNăm 2035 (%)\n"
                               "1\tTỷ lệ học sinh theo học các ngành STEM\t35\t40\n"
                               "1.1\tTrong đó: theo học các ngành liên quan tới công nghệ số\t≥ 18\t≥ 20\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 0, "MỤC TIÊU", NULL);
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "TT\tChỉ tiêu\tNăm 2030 (%)\tNăm 2035 (%)");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "1\tTỷ lệ học sinh theo học các ngành STEM\t35\t40");
    add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "1.1\tTrong đó: theo học các ngành liên quan tới công nghệ số\t≥ 18\t≥ 20");
    vn_targets_extract(doc);
    ok(doc->ntargets == 4, "a target per year column of both rows (%zu)", doc->ntargets);
    if (doc->ntargets == 4) {
        is_str(doc->targets[0].unit_class, "pct", "the header cell's (%) is the unit");
        ok(doc->targets[1].phase == 2035 && doc->targets[1].value == 40, "Năm 2035 (%%) is the year 2035");
        ok(doc->targets[2].parent == 0 && doc->targets[2].value == 18, "row 1.1 is a part of row 1");
    }
    vnplan_doc_free(doc);
}

/* A table turned round: its rows the phases, its columns the indicators
 * (the unit in a header cell's parentheses, or in the value cells), one
 * column a "Trong đó" part of the one before; a row whose first cell names
 * no phase ends it. */
static void test_phase_rows(void)
{
    static const char head[] =
        "Mốc thời gian\tTỷ lệ học sinh theo học các ngành STEM\tTrong đó: các ngành "
        "liên quan tới công nghệ số\tSố lao động tốt nghiệp các chương trình đào tạo về "
        "công nghệ thông tin (người/năm)";
    static const char *const rows[] = {
        head,
        "Đến năm 2030\t35%\tKhông dưới 18%\tTừ 20 đến 30",
        "Giai đoạn 2031 - 2035\tTối thiểu 40%\t20%\tTối thiểu 40",
        "Ghi chú\tSố liệu năm 2024\t-\t12",
    };
    char text[1024] = "MỤC TIÊU\n";
    for (size_t i = 0; i < 4; i++) {
        strcat(text, rows[i]);
        strcat(text, "\n");
    }
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 0, "MỤC TIÊU", NULL);
    for (size_t i = 0; i < 4; i++)
        add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, rows[i]);
    vn_targets_extract(doc);
    size_t table = 0;
    for (size_t i = 0; i < doc->ntargets; i++)
        table += doc->targets[i].phase == 2030 || doc->targets[i].phase == 2035;
    ok(table == 6, "a target per value cell of the two phase rows (%zu of %zu)", table, doc->ntargets);
    if (doc->ntargets >= 6) {
        const vn_target *t = doc->targets;
        ok(t[0].phase == 2030 && t[0].value == 35, "row 2030, column 1: 35");
        is_str(t[0].unit_class, "pct", "its unit is the cell's per cent sign");
        ok(t[0].indicator && strncmp(t[0].indicator, "Tỷ lệ học sinh", strlen("Tỷ lệ học sinh")) == 0,
           "its indicator is the column's header cell");
        ok(t[1].parent == 0 && t[1].value == 18, "the Trong đó column is a part of the column before");
        ok(t[2].phase == 2030 && t[2].value == 20 && t[2].cmp == VN_CMP_GE, "Từ 20 đến 30: >= 20");
        is_str(t[2].unit_class, "per_year", "the header cell's (người/năm) is the unit");
        ok(t[2].indicator && !strchr(t[2].indicator, '('), "the indicator leaves the unit out");
        ok(t[3].phase == 2035 && t[3].value == 40 && t[3].cmp == VN_CMP_GE, "Giai đoạn 2031 - 2035 is 2035");
        ok(t[5].phase == 2035 && t[5].value == 40 && t[5].unit_class &&
               strcmp(t[5].unit_class, "per_year") == 0,
           "row 2035, column 3: 40 a year");
    }
    for (size_t i = 6; i < doc->ntargets; i++)
        ok(doc->targets[i].phase != 2030 && doc->targets[i].phase != 2035,
           "the row that names no phase is no row of the table (target %zu)", i);
    vnplan_doc_free(doc);
}

/* A header whose cells wrapped, each year over its unit ("Năm 2030" /
 * "(%)"): as a TAB row of years then a row of units, or, as a PDF's table
 * is read line by line, a paragraph of the years alone above the row that
 * holds TT, Chỉ tiêu and the units. */
static void test_units_under_years(void)
{
    static const char *const years_rows[] = {"\t\tNăm 2030\tNăm 2035", "Năm 2030 Năm 2035"};
    for (size_t v = 0; v < 2; v++) {
        char text[512];
        snprintf(text, sizeof text,
                 "MỤC TIÊU\n%s\nTT\tChỉ tiêu\t(%%)\t(%%)\n1\tTỷ lệ học sinh theo học các ngành STEM\t35\t40\n",
                 years_rows[v]);
        vnplan_doc *doc = new_doc(text);
        int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
        int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 0, "MỤC TIÊU", NULL);
        add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, v == 0 ? "Năm 2030\tNăm 2035" : years_rows[1]);
        add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "TT\tChỉ tiêu\t(%)\t(%)");
        add(doc, s, VN_KIND_PARAGRAPH, 0, 0, NULL, "1\tTỷ lệ học sinh theo học các ngành STEM\t35\t40");
        vn_targets_extract(doc);
        ok(doc->ntargets == 2, "%s: a target per year, none for the header's lines (%zu)",
           v == 0 ? "TAB rows" : "years apart", doc->ntargets);
        if (doc->ntargets == 2) {
            is_str(doc->targets[0].unit_class, "pct", "the unit under the year is the column's");
            ok(doc->targets[0].phase == 2030 && doc->targets[1].phase == 2035 && doc->targets[1].value == 40,
               "the years go to the columns in order");
        }
        vnplan_doc_free(doc);
    }
}

/* A table laid out with spaces whose centred value cells are wider than
 * their columns, printed one space apart ("Khoảng 50 Khoảng 100", "Tối thiểu
 * 02 Tối thiểu 04"): one segment over two year columns, cut at the space in
 * the gap between their header cells after a number; a cell of words (or a
 * number followed by words) is not cut. */
static void test_value_pairs_one_space_apart(void)
{
    static const char head_line[] = " TT   Chỉ tiêu      Đơn vị tính   Năm 2030      Năm 2035";
    vn_segment head[8];
    size_t nh = vn_line_segments(head_line, strlen(head_line), 0, head, 8);
    ok(nh == 5, "the header's five cells (%zu)", nh);
    static const struct {
        const char *line, *left, *right;
    } rows[] = {
        {"  3   Số người    Người/năm     Khoảng 50 Khoảng 100", "Khoảng 50", "Khoảng 100"},
        {"  4   Số nhóm     Nhóm          Tối thiểu 02 Tối thiểu 04", "Tối thiểu 02", "Tối thiểu 04"},
        {"  5   Tỷ lệ       %               Trên 35% Trên 40%", "Trên 35%", "Trên 40%"},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        vn_segment g[8];
        const char *l = rows[r].line;
        size_t ng = vn_line_segments(l, strlen(l), 0, g, 8);
        ng = vn_split_value_pairs(l, g, ng, 8, head, nh, 3);
        ok(ng == 5, "%s: five cells (%zu)", rows[r].left, ng);
        if (ng == 5) {
            ok(g[3].end - g[3].start == strlen(rows[r].left) &&
                   memcmp(l + g[3].start, rows[r].left, g[3].end - g[3].start) == 0,
               "the left value is its cell: %s", rows[r].left);
            ok(g[4].end - g[4].start == strlen(rows[r].right) &&
                   memcmp(l + g[4].start, rows[r].right, g[4].end - g[4].start) == 0,
               "the right value is its cell: %s", rows[r].right);
            ok(vn_segment_column(head, nh, &g[4], 3) == 4, "and lies in the last column");
        }
    }
    static const char words[] = "  6   Tỷ lệ       %             Theo lộ trình 2 của tỉnh";
    vn_segment g[8];
    size_t ng = vn_line_segments(words, strlen(words), 0, g, 8);
    is_long((long)vn_split_value_pairs(words, g, ng, 8, head, nh, 3), (long)ng,
            "words over two columns are not cut");
}

/* The same read through the whole pipeline, as pdftotext -layout prints a
 * LibreOffice table whose value cells are wider than their columns: every
 * row gives its two targets, and the Roman heading after the page break,
 * indented like the cells, is no part of the last row. */
static void test_layout_table_value_pairs_parsed(void)
{
    static const char text[] =
        "II. MỤC TIÊU\n"
        "2. Mục tiêu cụ thể\n"
        " TT                 Chỉ tiêu                 Đơn vị tính   Năm 2030      Năm 2035\n"
        "  2     Số người tốt nghiệp các chương     Người/năm         600          800\n"
        "        trình đào tạo về công nghệ số\n"
        "  3     Số người tốt nghiệp các chương     Người/năm     Khoảng 50 Khoảng 100\n"
        "        trình đào tạo về trí tuệ nhân tạo\n"
        "  4     Số nhóm nghiên cứu mạnh              Nhóm        Tối thiểu 02 Tối thiểu 04\n"
        "\f        III. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "        1. Tăng cường giáo dục STEM cho học sinh trên địa bàn tỉnh.\n";
    vnplan_doc *doc = NULL;
    char err[256];
    if (!ok(vnplan_parse_bytes(text, sizeof text - 1, "table.txt", NULL, &doc, err, sizeof err) == VNPLAN_OK,
            "parses"))
        return;
    static const struct {
        double value;
        uint16_t phase;
        const char *cmp;
    } rows[] = {{600, 2030, "="}, {800, 2035, "="}, {50, 2030, "~"},
                {100, 2035, "~"}, {2, 2030, ">="},  {4, 2035, ">="}};
    size_t found = 0;
    for (size_t w = 0; w < sizeof rows / sizeof rows[0]; w++)
        for (size_t t = 0; t < doc->ntargets; t++)
            if (doc->targets[t].value == rows[w].value && doc->targets[t].phase == rows[w].phase &&
                strcmp(vnplan_target_comparator(doc, t), rows[w].cmp) == 0) {
                found++;
                break;
            }
    is_long((long)found, 6, "each row's two values, in their years, with their comparators");
    for (size_t t = 0; t < doc->ntargets; t++)
        if (doc->targets[t].value == 4 && doc->targets[t].indicator)
            ok(!strstr(doc->targets[t].indicator, "NHIỆM VỤ"), "row 4's indicator is its own: %s",
               doc->targets[t].indicator);
    bool heading = false;
    for (size_t n = 0; n < doc->nnodes; n++)
        heading =
            heading || (doc->nodes[n].kind == VN_KIND_SECTION && doc->nodes[n].label == VN_LABEL_NHIEM_VU);
    ok(heading, "III. is a section of its own");
    vnplan_doc_free(doc);
}

/* Finds the target of value v in year phase with comparator cmp; its index or -1. */
static long find_target(const vnplan_doc *doc, double v, uint16_t phase, const char *cmp)
{
    for (size_t t = 0; t < doc->ntargets; t++)
        if (doc->targets[t].value == v && doc->targets[t].phase == phase &&
            strcmp(vnplan_target_comparator(doc, t), cmp) == 0)
            return (long)t;
    return -1;
}

/* A table whose cells were printed one under another: one line a cell, an
 * empty cell an empty line (soffice --convert-to txt of a .docx), and
 * blocks of lines a cell with a blank line after each, an empty cell left
 * out and two value cells run together (plain pdftotext), and a header over
 * two rows whose unit column is named in the first.  Every row gives
 * its values in its years with its unit; "1.1 Trong đó" is a part of row 1;
 * a row number's look-alike among the values ("35", "2") is a value; the
 * numbers alone on their lines are cells, not page numbers. */
static void test_stacked_cells(void)
{
    static const char one_line_a_cell[] =
        "KẾ HOẠCH\nII. MỤC TIÊU\n2. Mục tiêu cụ thể\nCác chỉ tiêu chủ yếu như sau:\n"
        "TT\nChỉ tiêu\nĐơn vị tính\nNăm 2030\nNăm 2035\n"
        "1\nTỷ lệ người học theo học các ngành STEM\n%\n35\n40\n"
        "1.1\nTrong đó: các ngành liên quan tới công nghệ số\n%\n≥ 15\n\n"
        "2\nSố nhóm nghiên cứu mạnh được công nhận\nNhóm\n\n2\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tăng cường giáo dục STEM cho học sinh.\n";
    static const char blocks[] =
        "KẾ HOẠCH\nII. MỤC TIÊU\n2. Mục tiêu cụ thể\nCác chỉ tiêu chủ yếu như sau:\n"
        "TT\n\nChỉ tiêu\n\nĐơn vị tính\n\nNăm 2030\n\nNăm 2035\n\n"
        "1\n\nTỷ lệ người học theo học các ngành STEM ở\nmỗi trình độ đào tạo\n\n%\n\n35\n\n40\n\n"
        "1.1\n\nTrong đó: các ngành liên quan tới công nghệ số\n\n%\n\n≥ 15\n\n≥ 20\n\n"
        "2\n\nSố người tốt nghiệp các chương trình đào tạo\nchuyên sâu về trí tuệ nhân tạo\n\nNgười/năm\n\n"
        "Khoảng 50 Khoảng 100\n\n"
        "3\n\nSố nhóm nghiên cứu mạnh được công nhận\n\nNhóm\n\n2\n\n4\n\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tăng cường giáo dục STEM cho học sinh.\n";
    static const char two_rows[] =
        "KẾ HOẠCH\nII. MỤC TIÊU\n"
        "TT\nChỉ tiêu\nĐơn vị tính\nMục tiêu\n\n\n\nNăm 2027\nNăm 2030\n"
        "I\nNhân lực khoa học, công nghệ\n"
        "1\nNhân lực nghiên cứu khoa học\nNgười/1 vạn dân\n9\n12\n"
        "2\nTỷ lệ nữ trong nhân lực nghiên cứu\n%\n30\n35\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tăng cường giáo dục STEM cho học sinh.\n";
    static const struct {
        const char *name, *text;
        size_t n;
        struct {
            double value;
            uint16_t phase;
            const char *cmp, *unit_class;
        } want[8];
    } cases[] = {
        {"one line a cell", one_line_a_cell, 4,
         {{35, 2030, "=", "pct"}, {40, 2035, "=", "pct"}, {15, 2030, ">=", "pct"}, {2, 2035, "=", "count"}}},
        {"blocks of lines", blocks, 8,
         {{35, 2030, "=", "pct"},
          {40, 2035, "=", "pct"},
          {15, 2030, ">=", "pct"},
          {20, 2035, ">=", "pct"},
          {50, 2030, "~", "per_year"},
          {100, 2035, "~", "per_year"},
          {2, 2030, "=", "count"},
          {4, 2035, "=", "count"}}},
        {"a header over two rows", two_rows, 4,
         {{9, 2027, "=", "per_10k"}, {12, 2030, "=", "per_10k"}, {30, 2027, "=", "pct"}, {35, 2030, "=", "pct"}}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        vnplan_doc *doc = NULL;
        char err[256];
        if (!ok(vnplan_parse_bytes(cases[c].text, strlen(cases[c].text), "t.txt", NULL, &doc, err, sizeof err) ==
                    VNPLAN_OK,
                "%s: parses", cases[c].name))
            continue;
        size_t quantified = 0;
        for (size_t t = 0; t < doc->ntargets; t++)
            quantified += !doc->targets[t].qualitative;
        ok(quantified == cases[c].n, "%s: one target per value cell (%zu)", cases[c].name, quantified);
        for (size_t w = 0; w < cases[c].n; w++) {
            long t = find_target(doc, cases[c].want[w].value, cases[c].want[w].phase, cases[c].want[w].cmp);
            if (ok(t >= 0, "%s: %s %g in %u", cases[c].name, cases[c].want[w].cmp, cases[c].want[w].value,
                   (unsigned)cases[c].want[w].phase))
                ok(strcmp(doc->targets[t].unit_class, cases[c].want[w].unit_class) == 0, "%s: %g's unit is %s (%s)",
                   cases[c].name, cases[c].want[w].value, cases[c].want[w].unit_class, doc->targets[t].unit_class);
        }
        long part = find_target(doc, 15, 2030, ">=");
        long whole = find_target(doc, 35, 2030, "=");
        if (cases[c].text != two_rows)
            ok(part >= 0 && whole >= 0 && doc->targets[part].parent == whole, "%s: row 1.1 is a part of row 1",
               cases[c].name);
        vnplan_doc_free(doc);
    }
}

/* A table whose cells are centred vertically, as pdftotext -layout prints
 * it: the header over three lines ("Năm" / the other cells / the year), each
 * row's number beside the middle of its wrapped indicator, "Ít nhất" /
 * "250" in two lines around a one-line row (tests/spec/lines.txt reads its
 * rows): every value cell is a target in its column's year, with its unit,
 * the "Trong đó" part under its row. */
static void test_layout_table_centred_rows(void)
{
    static const char text[] =
        "II. MỤC TIÊU\n"
        "2. Mục tiêu cụ thể\n"
        "                                                               Năm        Năm\n"
        "STT                      Chỉ tiêu              Đơn vị tính\n"
        "                                                               2026       2030\n"
        "      Nhân lực nghiên cứu khoa học, phát\n"
        "                                                 Người/1\n"
        "  1   triển công nghệ, đổi mới sáng tạo toàn                    9          12\n"
        "                                                 vạn dân\n"
        "      thời gian\n"
        "      Tỷ lệ người học các ngành khoa học\n"
        "  2   cơ bản, kỹ thuật và công nghệ                  %          ≥ 30      Trên 35\n"
        "                                                                          Ít nhất\n"
        " 2.1 Trong đó: nghiên cứu sinh                    Người          -\n"
        "                                                                            250\n"
        "      Lượt trí thức người Việt Nam ở nước\n"
        "  3   ngoài tham gia trao đổi, hợp tác               Lượt         10         40\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n";
    vnplan_doc *doc = NULL;
    char err[256];
    if (!ok(vnplan_parse_bytes(text, sizeof text - 1, "table.txt", NULL, &doc, err, sizeof err) == VNPLAN_OK,
            "parses"))
        return;
    static const struct {
        double value;
        uint16_t phase;
        const char *cmp;
        const char *indicator;
    } rows[] = {{9, 2026, "=", "Nhân lực nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo toàn thời gian"},
                {12, 2030, "=", "Nhân lực nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo toàn thời gian"},
                {30, 2026, ">=", "Tỷ lệ người học các ngành khoa học cơ bản, kỹ thuật và công nghệ"},
                {35, 2030, ">", "Tỷ lệ người học các ngành khoa học cơ bản, kỹ thuật và công nghệ"},
                {250, 2030, ">=", "Trong đó: nghiên cứu sinh"},
                {10, 2026, "=", "Lượt trí thức người Việt Nam ở nước ngoài tham gia trao đổi, hợp tác"},
                {40, 2030, "=", "Lượt trí thức người Việt Nam ở nước ngoài tham gia trao đổi, hợp tác"}};
    for (size_t w = 0; w < sizeof rows / sizeof rows[0]; w++) {
        bool seen = false;
        for (size_t t = 0; t < doc->ntargets && !seen; t++)
            seen = doc->targets[t].value == rows[w].value && doc->targets[t].phase == rows[w].phase &&
                   strcmp(vnplan_target_comparator(doc, t), rows[w].cmp) == 0 && doc->targets[t].indicator &&
                   strcmp(doc->targets[t].indicator, rows[w].indicator) == 0;
        ok(seen, "%s %g in %u: %s", rows[w].cmp, rows[w].value, rows[w].phase, rows[w].indicator);
    }
    vnplan_doc_free(doc);
}

/* A Word table as LibreOffice's text export prints it, a cell a line
 * (tests/spec/lines.txt reads its rows): each value cell a target of its
 * column's year, the "Trong đó" row (an empty first cell) a part of the row
 * above. */
static void test_cell_a_line_table(void)
{
    static const char text[] = "II. MỤC TIÊU\n2. Mục tiêu cụ thể\n"
                               "STT\nChỉ tiêu\nĐơn vị tính\nNăm 2026\nNăm 2030\n"
                               "1\nNhân lực nghiên cứu khoa học, phát triển công nghệ\nNgười/1 vạn dân\n9\n12\n"
                               "2\nTỷ lệ người học các ngành khoa học cơ bản, kỹ thuật và công nghệ\n%\n≥ 30\nTrên 35\n"
                               "\nTrong đó: nghiên cứu sinh\nNgười\n-\nÍt nhất 250\n"
                               "III. NHIỆM VỤ VÀ GIẢI PHÁP\n";
    vnplan_doc *doc = NULL;
    char err[256];
    if (!ok(vnplan_parse_bytes(text, sizeof text - 1, "cells.txt", NULL, &doc, err, sizeof err) == VNPLAN_OK,
            "parses"))
        return;
    static const struct {
        double value;
        uint16_t phase;
        const char *cmp;
        bool part;
    } rows[] = {{9, 2026, "=", false}, {12, 2030, "=", false}, {30, 2026, ">=", false},
                {35, 2030, ">", false}, {250, 2030, ">=", true}};
    for (size_t w = 0; w < sizeof rows / sizeof rows[0]; w++) {
        bool seen = false;
        for (size_t t = 0; t < doc->ntargets && !seen; t++)
            seen = doc->targets[t].value == rows[w].value && doc->targets[t].phase == rows[w].phase &&
                   strcmp(vnplan_target_comparator(doc, t), rows[w].cmp) == 0 &&
                   (doc->targets[t].parent >= 0) == rows[w].part;
        ok(seen, "%s %g in %u%s", rows[w].cmp, rows[w].value, rows[w].phase, rows[w].part ? ", a part" : "");
    }
    vnplan_doc_free(doc);
}

/* The parts of a yearly total, each an item of its own, are yearly too. */
static void test_yearly_parts(void)
{
    static const char text[] = "MỤC TIÊU\n"
                               "Hằng năm đào tạo nghề cho khoảng 2.000 lao động nông thôn, trong đó:\n"
                               "+ Ít nhất 500 lao động được đào tạo nghề công nghệ cao;\n";
    vnplan_doc *doc = new_doc(text);
    int32_t root = vn_node_add(doc, -1, VN_KIND_DOCUMENT);
    int32_t s = add(doc, root, VN_KIND_SECTION, VN_LABEL_MUC_TIEU, 2030, "MỤC TIÊU", NULL);
    int32_t p = add(doc, s, VN_KIND_PARAGRAPH, 0, 2030, NULL,
                    "Hằng năm đào tạo nghề cho khoảng 2.000 lao động nông thôn, trong đó:");
    add(doc, p, VN_KIND_ITEM, 0, 2030, NULL, "Ít nhất 500 lao động được đào tạo nghề công nghệ cao;");
    vn_targets_extract(doc);
    ok(doc->ntargets == 2, "a yearly total and its part (%zu)", doc->ntargets);
    if (doc->ntargets == 2) {
        is_str(doc->targets[0].unit_class, "per_year", "the total is yearly");
        ok(doc->targets[1].parent == 0, "the item is a part of the total");
        is_str(doc->targets[1].unit_class, "per_year", "the part is yearly too");
    }
    vnplan_doc_free(doc);
}

static void test_empty(void)
{
    vnplan_doc *doc = new_doc("x");
    vn_targets_extract(doc);
    ok(doc->ntargets == 0, "a document with no nodes has no targets");
    vnplan_doc_free(doc);
}

int main(void)
{
    if (!vnplan_grammar_default()) {
        ok(0, "the built-in grammars load");
        return done();
    }
    test_plan();
    test_deep();
    test_cycle();
    test_tab_cells();
    test_two_row_header();
    test_group_row_units();
    test_header_cell_units();
    test_units_under_years();
    test_phase_rows();
    test_value_pairs_one_space_apart();
    test_layout_table_value_pairs_parsed();
    test_stacked_cells();
    test_layout_table_centred_rows();
    test_cell_a_line_table();
    test_yearly_parts();
    test_empty();
    return done();
}
