/* test_api.c — the version and the enum accessors of vnplan.h, and the
 * bundled baselines (loaded without a schema check) against their files.
 *
 * Each enum accessor must name the same thing as its string accessor, on
 * every node, target and finding of the corpus plans compared with their
 * bundled baselines; out-of-range indexes give the NONE value.  The pairs
 * below are written from the header's comments, not taken from the
 * library. */
#include "tap.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include "vnplan.h"
#include "testutil.h"

#include <dirent.h>
#include <stdlib.h>

static const char *const plans[] = {
    "corpus/plans/lang-son-1002-pdf-double-spaced.txt",
    "corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
    "corpus/plans/lang-son-2711-word-paragraphs.txt",
};

typedef struct pair {
    int value;
    const char *name;
} pair;

static const pair kinds[] = {{VNPLAN_KIND_DOCUMENT, "document"}, {VNPLAN_KIND_PART, "part"},
                             {VNPLAN_KIND_SECTION, "section"},   {VNPLAN_KIND_HEADING, "heading"},
                             {VNPLAN_KIND_ITEM, "item"},         {VNPLAN_KIND_PARAGRAPH, "paragraph"},
                             {VNPLAN_KIND_FIELD, "field"},       {VNPLAN_KIND_FOOTNOTE, "footnote"}};
static const pair cmps[] = {{VNPLAN_CMP_EQ, "="}, {VNPLAN_CMP_GE, ">="}, {VNPLAN_CMP_GT, ">"},
                            {VNPLAN_CMP_LE, "<="}, {VNPLAN_CMP_LT, "<"}, {VNPLAN_CMP_APPROX, "~"}};
static const pair states[] = {{VNPLAN_FINDING_ADOPTED, "adopted"},
                              {VNPLAN_FINDING_CHANGED, "changed"},
                              {VNPLAN_FINDING_MISSING, "missing"}};
static const pair changes[] = {{VNPLAN_CHANGE_VALUE, "value"},
                               {VNPLAN_CHANGE_COMPARATOR, "comparator"},
                               {VNPLAN_CHANGE_PHASE, "phase"},
                               {VNPLAN_CHANGE_UNIT, "unit"}};
static const pair directions[] = {{VNPLAN_DIRECTION_STRICTER, "stricter"},
                                  {VNPLAN_DIRECTION_LOOSER, "looser"},
                                  {VNPLAN_DIRECTION_LOCALIZED, "localized"},
                                  {VNPLAN_DIRECTION_DIFFERENT, "different"}};
#define N(a) (sizeof(a) / sizeof(a)[0])

/* The name the table gives a value; NULL for the NONE value (-1). */
static const char *name_of(const pair *t, size_t n, int value)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].value == value)
            return t[i].name;
    return NULL;
}

static int same_name(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Counts of disagreements, and of values seen, over the whole corpus. */
static size_t bad_kind, bad_cmp, bad_quant, bad_state, bad_change, bad_dir;
static size_t nodes, targets, findings, nchanges;

static void check_doc(const vnplan_doc *d)
{
    for (size_t n = 0; n < vnplan_node_count(d); n++, nodes++)
        if (!same_name(name_of(kinds, N(kinds), vnplan_node_type(d, n)), vnplan_node_kind(d, n)))
            bad_kind++;
    for (size_t t = 0; t < vnplan_target_count(d); t++, targets++) {
        if (!same_name(name_of(cmps, N(cmps), vnplan_target_cmp(d, t)), vnplan_target_comparator(d, t)))
            bad_cmp++;
        const char *k = vnplan_target_kind(d, t);
        if (vnplan_target_is_quantified(d, t) != (k && strcmp(k, "quantified") == 0))
            bad_quant++;
    }
}

static void check_diff(const vnplan_diff *diff)
{
    for (size_t i = 0; i < vnplan_diff_finding_count(diff); i++, findings++) {
        if (!same_name(name_of(states, N(states), vnplan_diff_finding_state(diff, i)),
                       vnplan_diff_finding_status(diff, i)))
            bad_state++;
        for (size_t k = 0; k <= vnplan_diff_finding_change_count(diff, i); k++, nchanges++) {
            /* k == count: past the end, both must say none */
            if (!same_name(name_of(changes, N(changes), vnplan_diff_finding_change_type(diff, i, k)),
                           vnplan_diff_finding_change(diff, i, k)))
                bad_change++;
            if (!same_name(name_of(directions, N(directions), vnplan_diff_finding_direction_type(diff, i, k)),
                           vnplan_diff_finding_direction(diff, i, k)))
                bad_dir++;
        }
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 22);
    *len = buf ? fread(buf, 1, 1 << 22, f) : 0;
    fclose(f);
    return buf;
}

/* The bundled baselines are loaded without the schema check (src/load_xml.c,
 * vn_load_xml_bundled): each must be valid and give the very tree that
 * vnplan_load_xml, which validates, gives from its file in corpus/decisions. */
static void bundled_as_validated(void)
{
    DIR *d = opendir("corpus/decisions");
    if (!ok(d != NULL, "corpus/decisions is readable"))
        return;
    size_t files = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
            continue;
        files++;
        char path[512], err[256];
        snprintf(path, sizeof path, "corpus/decisions/%s", de->d_name);
        size_t len = 0;
        char *bytes = slurp(path, &len);
        vnplan_doc *checked = NULL, *bundled = NULL;
        if (!ok(bytes && vnplan_load_xml(bytes, len, path, NULL, &checked, err, sizeof err) == VNPLAN_OK,
                "%s is a valid tree", path)) {
            diag("%s", err);
            free(bytes);
            continue;
        }
        const char *number = vnplan_meta_number(checked);
        if (ok(number && vnplan_baseline_load(number, NULL, &bundled, err, sizeof err) == VNPLAN_OK,
               "%s is bundled as %s", path, number ? number : "(no number)")) {
            char *a = tu_render_xml(checked), *b = tu_render_xml(bundled);
            ok(a && b && strcmp(a, b) == 0, "bundled %s: the same tree as the validated file", number);
            free(a);
            free(b);
        } else {
            diag("%s", err);
        }
        vnplan_doc_free(bundled);
        vnplan_doc_free(checked);
        free(bytes);
    }
    closedir(d);
    is_long((long)files, (long)vnplan_baseline_count(), "every file of corpus/decisions is bundled");
}

/* A failure's message: English in the err buffer, both languages from
 * vnplan_last_error, arguments kept; per thread, untouched by success. */
static void messages_in_both_languages(void)
{
    char err[256];
    vnplan_doc *doc = NULL;
    is_long(vnplan_parse_bytes("", 0, "x.txt", NULL, &doc, err, sizeof err), VNPLAN_ERR_EMPTY, "an empty input fails");
    is_str(err, "empty file", "the err buffer holds the English message");
    is_str(vnplan_last_error(VNPLAN_LANG_EN), "empty file", "vnplan_last_error(EN) is the same");
    is_str(vnplan_last_error(VNPLAN_LANG_VI), "tệp rỗng", "vnplan_last_error(VI) says it in Vietnamese");
    static const char nuls[] = "ab\0\0\0\0cd\0\0\0\0";
    vnplan_parse_bytes(nuls, sizeof nuls - 1, "y.txt", NULL, &doc, err, sizeof err);
    is_str(vnplan_last_error(VNPLAN_LANG_VI), "dữ liệu nhị phân, không phải văn bản (8 byte NUL)",
           "a number in the message is kept in the translation");
    char buf[200];
    snprintf(buf, sizeof buf, "%s", "Kế hoạch số 1/KH-UBND\nvề việc thử\n");
    is_long(vnplan_parse_bytes(buf, strlen(buf), "z.txt", NULL, &doc, err, sizeof err), VNPLAN_OK, "a plan parses");
    vnplan_doc_free(doc);
    is_str(vnplan_last_error(VNPLAN_LANG_VI), "dữ liệu nhị phân, không phải văn bản (8 byte NUL)",
           "a success leaves the last error as it was");
}

/* A part of "…, trong đó:" ending its clause at a page's foot ("… 40%;",
 * the page number under it) still hands the list on: the next page's part
 * is the total's too.  The paragraph's text ends with its last line, not
 * with the page number its logical line spans. */
static void a_part_at_the_page_foot_keeps_the_list_open(void)
{
    static const char plan[] = "II. MỤC TIÊU\n1. Mục tiêu đến năm 2030\n"
                               "Tỷ lệ lao động qua đào tạo đạt 78%, trong đó:\n"
                               "Lao động có bằng cấp, chứng chỉ đạt tối thiểu 40%;\n2\n"
                               "\fLao động làm việc trong các khu công nghiệp đạt khoảng 60%.\n"
                               "Thu hút ít nhất 20 người có trình độ tiến sĩ về làm việc tại tỉnh.\n";
    char err[256];
    vnplan_doc *doc = NULL;
    if (!ok(vnplan_parse_bytes(plan, sizeof plan - 1, "parts.txt", NULL, &doc, err, sizeof err) == VNPLAN_OK,
            "a plan with a part at a page's foot parses"))
        return;
    if (ok(vnplan_target_count(doc) == 4, "four targets (%zu)", vnplan_target_count(doc))) {
        is_long((long)vnplan_target_parent(doc, 1), 0, "the part at the page's foot is the total's");
        is_long((long)vnplan_target_parent(doc, 2), 0, "the part on the next page is the total's too");
        ok(vnplan_target_parent(doc, 3) == VNPLAN_NONE, "the sentence after the parts is no part");
    }
    vnplan_doc_free(doc);
}

/* Another thread's failure leaves this thread's last error as it was. */
static void *fail_elsewhere(void *arg)
{
    char err[256];
    vnplan_doc *doc = NULL;
    vnplan_parse_bytes("   \n", 4, "w.txt", NULL, &doc, err, sizeof err);
    snprintf(arg, 256, "%s", vnplan_last_error(VNPLAN_LANG_VI));
    return NULL;
}

static void last_error_per_thread(void)
{
    char err[256], other[256] = "";
    vnplan_doc *doc = NULL;
    vnplan_parse_bytes("", 0, "x.txt", NULL, &doc, err, sizeof err);
    pthread_t th;
    if (!ok(pthread_create(&th, NULL, fail_elsewhere, other) == 0, "a second thread starts"))
        return;
    pthread_join(th, NULL);
    is_str(other, "chỉ có khoảng trắng", "the other thread has its own last error (only white space)");
    is_str(vnplan_last_error(VNPLAN_LANG_VI), "tệp rỗng", "... and this thread keeps its own (empty file)");
}

static int vformat(vnplan_lang lang, char *buf, size_t len, const char *fmt, ...) VNPLAN_PRINTF(4, 5);
static int vformat(vnplan_lang lang, char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vnplan_vformat(lang, buf, len, fmt, ap);
    va_end(ap);
    return n;
}

static void format_translates_arguments(void)
{
    char buf[200];
    vformat(VNPLAN_LANG_VI, buf, sizeof buf, "write error: %s", vnplan_errno_text(ENOSPC));
    is_str(buf, "lỗi khi ghi: thiết bị đã hết dung lượng", "vnplan_vformat: the format and an errno reason translated");
    vformat(VNPLAN_LANG_EN, buf, sizeof buf, "write error: %s", vnplan_errno_text(ENOSPC));
    is_str(buf, "write error: No space left on device", "... and in English as written");
    vformat(VNPLAN_LANG_VI, buf, sizeof buf, "%s:%u: [%s] needs %s", "x.txt", 7u, "blk", "a phrase");
    is_str(buf, "x.txt:7: [blk] cần một cụm từ", "numbers, names and a msgid argument in one message");
    vformat(VNPLAN_LANG_VI, buf, sizeof buf, "%s: no rule '%.*s' (rules: %s)", "--enable", 3, "abcdef", "a phrase");
    is_str(buf, "--enable: không có quy tắc 'abc' (các quy tắc: một cụm từ)", "%.*s keeps its precision and is not translated");
    vformat(VNPLAN_LANG_VI, buf, 12, "write error: %s", "x");
    is_long((long)strlen(buf), 11, "a small buffer is cut, NUL-terminated");
}

int main(void)
{
    messages_in_both_languages();
    format_translates_arguments();
    last_error_per_thread();
    a_part_at_the_page_foot_keeps_the_list_open();
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", VNPLAN_VERSION_MAJOR, VNPLAN_VERSION_MINOR, VNPLAN_VERSION_PATCH);
    is_str(VNPLAN_VERSION, v, "VNPLAN_VERSION is MAJOR.MINOR.PATCH of the numeric macros");
    is_str(vnplan_version(), VNPLAN_VERSION, "vnplan_version() is the version of this header");
    bundled_as_validated();

    for (size_t p = 0; p < N(plans); p++) {
        char err[256];
        vnplan_doc *plan = NULL, *base = NULL;
        vnplan_diff *diff = NULL;
        if (!ok(vnplan_parse_file(plans[p], NULL, &plan, err, sizeof err) == VNPLAN_OK, "parse %s", plans[p])) {
            diag("%s", err);
            continue;
        }
        check_doc(plan);
        if (ok(vnplan_baseline_for(plan, NULL, &base, err, sizeof err) == VNPLAN_OK &&
                   vnplan_compare(base, plan, NULL, &diff, err, sizeof err) == VNPLAN_OK,
               "compare %s with its baseline", plans[p])) {
            check_doc(base);
            check_diff(diff);
        } else {
            diag("%s", err);
        }
        size_t nn = vnplan_node_count(plan), nt = vnplan_target_count(plan);
        is_long(vnplan_node_type(plan, nn), VNPLAN_KIND_NONE, "a node past the end has no kind");
        is_long(vnplan_target_cmp(plan, nt), VNPLAN_CMP_NONE, "a target past the end has no comparator");
        is_long(vnplan_target_is_quantified(plan, nt), 0, "a target past the end is not quantified");
        if (diff) {
            size_t nf = vnplan_diff_finding_count(diff);
            is_long(vnplan_diff_finding_state(diff, nf), VNPLAN_FINDING_NONE, "a finding past the end has no state");
        }
        vnplan_diff_free(diff);
        vnplan_doc_free(base);
        vnplan_doc_free(plan);
    }
    diag("%zu nodes, %zu targets, %zu findings, %zu change slots", nodes, targets, findings, nchanges);
    ok(nodes > 100 && targets > 20 && findings > 20, "the corpus gives enough to check");
    is_long((long)bad_kind, 0, "vnplan_node_type names the kind vnplan_node_kind gives, on every node");
    is_long((long)bad_cmp, 0, "vnplan_target_cmp names the comparator vnplan_target_comparator gives");
    is_long((long)bad_quant, 0, "vnplan_target_is_quantified agrees with vnplan_target_kind");
    is_long((long)bad_state, 0, "vnplan_diff_finding_state names vnplan_diff_finding_status");
    is_long((long)bad_change, 0, "vnplan_diff_finding_change_type names vnplan_diff_finding_change");
    is_long((long)bad_dir, 0, "vnplan_diff_finding_direction_type names vnplan_diff_finding_direction");
    return done();
}
