/* test_compare_pieces.c — the pieces of the compare stage, one at a time:
 * the global assignment (against brute force, and where first-come-first-
 * served would be wrong), text similarity under compare.txt, unit classes,
 * directions of changes, body names, "not confirmed" notes, decision
 * numbers.  Expected values come from the definitions in docs/diff.md. */
#include "tap.h"
#include "compare.h"
#include "compare_private.h"

#include <stdlib.h>

/* ---- the assignment --------------------------------------------------------------- */

static double utility(const double *s, size_t n, size_t m, double th, const int32_t *rc)
{
    double u = 0;
    for (size_t i = 0; i < n; i++)
        if (rc[i] >= 0)
            u += s[i * m + (size_t)rc[i]] - th;
    return u;
}

static bool valid_matching(const double *s, size_t n, size_t m, double th, const int32_t *rc)
{
    bool *used = calloc(m + 1, 1);
    bool good = true;
    for (size_t i = 0; i < n && good; i++) {
        if (rc[i] < 0)
            continue;
        if ((size_t)rc[i] >= m || used[rc[i]] || s[i * m + (size_t)rc[i]] < th)
            good = false;
        else
            used[rc[i]] = true;
    }
    free(used);
    return good;
}

/* The best utility by trying every matching (small matrices only). */
static double brute(const double *s, size_t n, size_t m, double th, size_t i, bool *used)
{
    if (i == n)
        return 0;
    double best = brute(s, n, m, th, i + 1, used); /* row i unmatched */
    for (size_t j = 0; j < m; j++)
        if (!used[j] && s[i * m + j] >= th) {
            used[j] = true;
            double u = s[i * m + j] - th + brute(s, n, m, th, i + 1, used);
            used[j] = false;
            if (u > best)
                best = u;
        }
    return best;
}

static unsigned rng = 12345;
static double rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return (double)((rng >> 8) & 0xffff) / 65535.0;
}

static void test_assign(void)
{
    int32_t rc[8];
    /* first come first served takes (0,0) = 0.9 and leaves row 1 with 0.1:
     * the global optimum pairs 0-1 and 1-0 */
    const double greedy_trap[] = {0.9, 0.8, 0.85, 0.1};
    vn_assign(greedy_trap, 2, 2, 0.3, rc);
    ok(rc[0] == 1 && rc[1] == 0, "assign: the global optimum, not best-pair-first (got %d %d)", rc[0], rc[1]);

    /* a strong pair is not broken up for two weak ones */
    const double strong[] = {0.9, 0.35, 0.35, 0.0};
    vn_assign(strong, 2, 2, 0.3, rc);
    ok(rc[0] == 0 && rc[1] == -1, "assign: one strong pair beats two barely above the threshold (got %d %d)",
       rc[0], rc[1]);

    const double below[] = {0.2, 0.1, 0.29, 0.0};
    vn_assign(below, 2, 2, 0.3, rc);
    ok(rc[0] == -1 && rc[1] == -1, "assign: nothing under the threshold is matched");

    /* more rows than columns, and the other way */
    const double tall[] = {0.5, 0.9, 0.6, 0.4, 0.7, 0.1};
    vn_assign(tall, 3, 2, 0.3, rc);
    ok(valid_matching(tall, 3, 2, 0.3, rc) && rc[0] == 1 && rc[2] == 0 && rc[1] == -1,
       "assign: 3 rows, 2 columns (got %d %d %d)", rc[0], rc[1], rc[2]);
    const double wide[] = {0.4, 0.9, 0.8, 0.95, 0.2, 0.1};
    vn_assign(wide, 2, 3, 0.3, rc);
    ok(valid_matching(wide, 2, 3, 0.3, rc) && rc[0] == 1 && rc[1] == 0, "assign: 2 rows, 3 columns (got %d %d)",
       rc[0], rc[1]);

    vn_assign(NULL, 0, 0, 0.3, rc);
    ok(1, "assign: empty matrices");

    /* random small matrices against brute force */
    int bad = 0;
    for (int trial = 0; trial < 400; trial++) {
        size_t n = 1 + (size_t)(rnd() * 5), m = 1 + (size_t)(rnd() * 6);
        double s[64];
        for (size_t k = 0; k < n * m; k++)
            s[k] = rnd() < 0.3 ? 0 : rnd();
        vn_assign(s, n, m, 0.3, rc);
        bool used[8] = {false};
        double want = brute(s, n, m, 0.3, 0, used);
        double got = utility(s, n, m, 0.3, rc);
        if (!valid_matching(s, n, m, 0.3, rc) || fabs(got - want) > 1e-6) {
            if (!bad)
                diag("trial %d (%zu x %zu): utility %.6f, brute force %.6f", trial, n, m, got, want);
            bad++;
        }
    }
    ok(bad == 0, "assign: 400 random matrices up to 5 x 6 reach the brute-force optimum (%d did not)", bad);

    /* a group too large for the exact method is still a valid matching */
    size_t N = VN_ASSIGN_MAX_EXACT / 2 + 10;
    double *big = malloc(N * N * sizeof *big);
    int32_t *brc = malloc(N * sizeof *brc);
    for (size_t k = 0; k < N * N; k++)
        big[k] = 0.31 + 0.5 * rnd();
    vn_assign(big, N, N, 0.3, brc);
    size_t matched = 0;
    for (size_t i = 0; i < N; i++)
        matched += brc[i] >= 0;
    ok(valid_matching(big, N, N, 0.3, brc) && matched == N,
       "assign: a %zu x %zu group (beyond the exact limit) gets a full valid matching", N, N);
    free(big);
    free(brc);
}

/* ---- similarity ------------------------------------------------------------------ */

static void test_similarity(void)
{
    const vnplan_grammar *g = vnplan_grammar_default();
    is_num(vn_text_similarity(g, "Tỷ lệ người học theo học các ngành STEM", "Tỷ lệ người học theo học các ngành STEM"),
           1.0, "similarity: a text with itself is 1");
    ok(vn_text_similarity(g, "tỉ lệ học sinh THPT", "tỷ lệ học sinh trung học phổ thông") > 0.99,
       "similarity: synonyms (tỉ lệ = tỷ lệ, THPT = trung học phổ thông) read as one");
    ok(vn_text_similarity(g, "hoà nhập", "hòa nhập") > 0.99, "similarity: old and new tone placement are one");
    ok(vn_text_similarity(g, "TỶ LỆ NGƯỜI HỌC", "tỷ lệ người học") > 0.99, "similarity: case does not count");
    ok(vn_text_similarity(g, "đạt ít nhất tỷ lệ người học", "tỷ lệ người học") > 0.99,
       "similarity: stop words (đạt, ít nhất) do not count");
    ok(vn_text_similarity(g, "công nghệ thông tin và truyền thông", "ICT") > 0.99,
       "similarity: an abbreviation from compare.txt");
    ok(vn_text_similarity(g, "nhóm nghiên cứu mạnh được công nhận", "học sinh tốt nghiệp trung học phổ thông") < 0.05,
       "similarity: unrelated indicators score near 0");
    double near = vn_text_similarity(g, "số người tốt nghiệp các chương trình đào tạo công nghệ thông tin",
                                     "số người tốt nghiệp các chương trình đào tạo về công nghệ thông tin và truyền thông");
    double far = vn_text_similarity(g, "số người tốt nghiệp các chương trình đào tạo công nghệ thông tin",
                                    "số người tốt nghiệp các chương trình đào tạo chuyên sâu về trí tuệ nhân tạo");
    ok(near > far, "similarity: the same field scores above another field sharing the frame (%.2f > %.2f)", near,
       far);
    ok(vn_text_similarity(g, "công nghệ số", "số") < 0.5,
       "similarity: syllables are whole words (công nghệ số is not just số)");
    is_num(vn_text_similarity(g, "", ""), 0.0, "similarity: empty texts score 0");
    is_num(vn_text_similarity(g, NULL, "x"), 0.0, "similarity: NULL scores 0");
    is_num(vn_text_similarity(g, "\xff\xfe bad bytes \xc3", "bad bytes"), vn_text_similarity(g, "bad bytes", "bad bytes"),
           "similarity: invalid UTF-8 does no harm");
}

/* ---- units and directions ----------------------------------------------------------- */

static vn_target tgt(int cmp, double value, const char *cls)
{
    vn_target t;
    memset(&t, 0, sizeof t);
    t.cmp = (uint8_t)cmp;
    t.value = value;
    t.unit_class = cls;
    t.parent = -1;
    return t;
}

static void test_units_directions(void)
{
    const vnplan_grammar *g = vnplan_grammar_default();
    is_num(vn_unit_compat(g, "pct", "pct"), 1.0, "units: pct with pct");
    ok(vn_unit_compat(g, "per_year", "count") > 0 && vn_unit_compat(g, "per_year", "count") < 1,
       "units: people per year with a number of people, at a discount");
    is_num(vn_unit_compat(g, "count", "per_year"), vn_unit_compat(g, "per_year", "count"),
           "units: the discount is symmetric");
    is_num(vn_unit_compat(g, "pct", "count"), 0.0, "units: a share never aligns with a count");
    is_num(vn_unit_compat(g, "pct", "per_10k"), 0.0, "units: a share never aligns with a rate per 10 000");
    is_num(vn_unit_compat(g, "pct_grdp", "pct"), 0.0, "units: % of GRDP is not a plain share");
    is_num(vn_unit_compat(g, NULL, NULL), 1.0, "units: two targets without a class");
    is_num(vn_unit_compat(g, NULL, "pct"), 0.0, "units: no class against a class");

    vn_target b, p;
    b = tgt(VN_CMP_GE, 35, "pct"), p = tgt(VN_CMP_GE, 40, "pct");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_STRICTER, "direction: 35% -> 40% under \"ít nhất\" is stricter");
    is_long(vn_value_direction(g, &p, &b), VN_DIR_LOOSER, "direction: 40% -> 35% under \"ít nhất\" is looser");
    b = tgt(VN_CMP_EQ, 100, "pct"), p = tgt(VN_CMP_EQ, 80, "pct");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOOSER, "direction: 100% -> 80% is looser");
    b = tgt(VN_CMP_LE, 5, "pct"), p = tgt(VN_CMP_LE, 3, "pct");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_STRICTER, "direction: a ceiling lowered (<= 5 -> <= 3) is stricter");
    b = tgt(VN_CMP_EQ, 80000, "per_year"), p = tgt(VN_CMP_GE, 250, "per_year");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOCALIZED,
            "direction: 80.000 người/năm nationally -> 250 người/năm locally is localized");
    b = tgt(VN_CMP_GE, 2000, "count"), p = tgt(VN_CMP_GE, 3, "count");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOCALIZED, "direction: 2.000 experts -> 03 is localized");
    b = tgt(VN_CMP_EQ, 5000, "per_year"), p = tgt(VN_CMP_EQ, 4500, "per_year");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOOSER,
            "direction: a count a little lower (5.000 -> 4.500) is looser, not localized");
    b = tgt(VN_CMP_EQ, 100, "pct"), p = tgt(VN_CMP_EQ, 10, "pct");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOOSER, "direction: a share is never localized");
    b = tgt(VN_CMP_EQ, 12, "per_10k"), p = tgt(VN_CMP_EQ, 1, "per_10k");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOOSER, "direction: a rate per 10 000 people is never localized");
    b = tgt(VN_CMP_EQ, 35, "pct"), p = tgt(VN_CMP_EQ, 35, "pct");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_NONE, "direction: the same value has none");
    b = tgt(VN_CMP_EQ, 1e300, "count"), p = tgt(VN_CMP_EQ, 1e-300, "count");
    is_long(vn_value_direction(g, &b, &p), VN_DIR_LOCALIZED, "direction: huge numbers do no harm");

    is_long(vn_comparator_direction(g, VN_CMP_EQ, VN_CMP_APPROX), VN_DIR_LOOSER,
            "comparator: \"=\" -> \"~\" (đạt -> khoảng) is looser");
    is_long(vn_comparator_direction(g, VN_CMP_EQ, VN_CMP_GE), VN_DIR_STRICTER,
            "comparator: \"=\" -> \">=\" (đạt -> ít nhất) is stricter");
    is_long(vn_comparator_direction(g, VN_CMP_GE, VN_CMP_GT), VN_DIR_STRICTER,
            "comparator: \">=\" -> \">\" (ít nhất -> trên) is stricter");
    is_long(vn_comparator_direction(g, VN_CMP_GE, VN_CMP_EQ), VN_DIR_LOOSER,
            "comparator: \">=\" -> \"=\" is looser");
    is_long(vn_comparator_direction(g, VN_CMP_GE, VN_CMP_LE), VN_DIR_DIFFERENT,
            "comparator: a floor turned into a ceiling is different");
    is_long(vn_comparator_direction(g, VN_CMP_EQ, VN_CMP_LT), VN_DIR_DIFFERENT,
            "comparator: \"=\" -> \"<\" (đạt -> dưới) turns the target into a ceiling: different");
    is_long(vn_comparator_direction(g, VN_CMP_APPROX, VN_CMP_LE), VN_DIR_DIFFERENT,
            "comparator: \"~\" -> \"<=\" (khoảng -> tối đa) is different");
    is_long(vn_comparator_direction(g, VN_CMP_LE, VN_CMP_LT), VN_DIR_STRICTER,
            "comparator: \"<=\" -> \"<\" is stricter");
    is_long(vn_comparator_direction(g, VN_CMP_GE, VN_CMP_GE), VN_DIR_NONE, "comparator: the same has none");
}

/* ---- names ---------------------------------------------------------------------------- */

static bool body_keys_equal(const char *a, const char *b, bool explain)
{
    vn_buf x = {0}, y = {0};
    vn_body_key(vnplan_grammar_default(), a, &x);
    vn_body_key(vnplan_grammar_default(), b, &y);
    bool same = x.len && x.len == y.len && !memcmp(x.data, y.data, x.len);
    if (!same && explain)
        diag("keys: \"%s\" / \"%s\"", x.data ? x.data : "", y.data ? y.data : "");
    vn_buf_free(&x);
    vn_buf_free(&y);
    return same;
}

static bool same_body(const char *a, const char *b) { return body_keys_equal(a, b, true); }

static void test_names(void)
{
    ok(same_body("Sở Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo"), "bodies: Sở X is Bộ X locally");
    ok(same_body("Phòng Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"), "bodies: Phòng X is Sở X a level down");
    ok(same_body("Sở GD&ĐT", "Bộ Giáo dục và Đào tạo"), "bodies: abbreviations");
    ok(same_body("Công an tỉnh", "Bộ Công an"), "bodies: Công an tỉnh is Bộ Công an locally");
    ok(same_body("Sở Ngoại vụ", "Bộ Ngoại giao"), "bodies: Sở Ngoại vụ is Bộ Ngoại giao locally");
    ok(same_body("UBND các xã, phường", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"),
       "bodies: the People's Committees of the level below");
    ok(!body_keys_equal("Sở Tài chính", "Bộ Nội vụ", false), "bodies: different bodies differ");
    ok(vn_says_unconfirmed(NULL, "Tên nhóm chưa được xác nhận. Nội dung: ..."),
       "unconfirmed: \"chưa được xác nhận\" says so");
    ok(!vn_says_unconfirmed(NULL, "Hợp tác quốc tế trong đào tạo"), "unconfirmed: a plain title does not");
    vn_buf a = {0}, b = {0}, c = {0};
    vn_number_key("1002/QĐ-TTG", &a);
    vn_number_key("1002 / qd-ttg", &b);
    vn_number_key("1003/QĐ-TTg", &c);
    ok(a.len && a.len == b.len && !memcmp(a.data, b.data, a.len), "numbers: 1002/QĐ-TTG = 1002 / qd-ttg");
    ok(!(a.len == c.len && !memcmp(a.data, c.data, a.len)), "numbers: 1002 is not 1003");
    vn_buf_free(&a);
    vn_buf_free(&b);
    vn_buf_free(&c);
}

/* ---- document frequencies ------------------------------------------------------------ */

/* The frequencies a node's features are counted with (vn_cp_learn_nodes,
 * vn_cp_df_add_syllables) are those of its feature set (vn_cp_fset_from_raw
 * and vn_cp_df_add): the same features, each counted once a node. */
static void test_df_counts(void)
{
    static const char *const texts[] = {
        "Đào tạo, bồi dưỡng 50.000 kỹ sư, cử nhân các ngành công nghệ số; đào tạo kỹ sư",
        "tỷ lệ tỷ lệ tỷ lệ học sinh học sinh",
        "",
        "Phấn đấu đến năm 2030, 100% các cơ sở giáo dục đại học đào tạo về công nghệ số",
        "a a a a",
    };
    const vnplan_grammar *g = vnplan_grammar_default();
    cx a, b;
    vn_cp_cx_init(&a, g);
    vn_cp_cx_init(&b, g);
    u32v raw = {0}, syl = {0};
    for (size_t t = 0; t < VN_COUNT(texts); t++) {
        raw.n = 0;
        vn_cp_cx_syllables(&a, texts[t], strlen(texts[t]), &raw);
        vn_arena ar = {0};
        fset f;
        vn_cp_fset_from_raw(&a, &raw, &f, &ar);
        vn_cp_df_add(&a, &f);
        vn_arena_free(&ar);
        raw.n = 0;
        vn_cp_cx_syllables(&b, texts[t], strlen(texts[t]), &raw);
        vn_cp_cx_rewrite(&b.synonyms, &raw, &b.b);
        vn_cp_cx_rewrite(&b.stop, &b.b, &syl);
        vn_cp_df_add_syllables(&b, &syl);
    }
    bool same = a.ndf == b.ndf && a.ndocs == b.ndocs && a.ndf > 0;
    for (size_t s = 0; same && s < a.ndfslots; s++) {
        if (!a.dfvals[s])
            continue;
        size_t k = 0;
        while (k < b.ndfslots && (!b.dfvals[k] || b.dfkeys[k] != a.dfkeys[s]))
            k++;
        same = k < b.ndfslots && b.dfvals[k] == a.dfvals[s];
    }
    ok(same, "counting a node's features without its set gives its set's frequencies (%zu features, %zu nodes)",
       a.ndf, a.ndocs);
    free(raw.v);
    free(syl.v);
    vn_cp_cx_free(&a);
    vn_cp_cx_free(&b);
}

int main(void)
{
    test_df_counts();
    test_assign();
    test_similarity();
    test_units_directions();
    test_names();
    return done();
}
