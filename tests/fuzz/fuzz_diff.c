/* fuzz_diff.c — a plan compared with a baseline, both from untrusted bytes,
 * and the diff rendered in every report format (text, JSON, CSV, the HTML
 * page; one plan and several with the summary across plans).
 *
 * The first byte chooses:
 *   bit 0     the baseline is a vnplan XML tree (vnplan_load_xml) rather than
 *             a text to parse (a commune's plan against its province's)
 *   bit 1     reports in English
 *   bit 2     colour in the text report
 *   bits 3-4  the report format: text, JSON, CSV, HTML
 *   bits 5-6  one report, several with a plan that failed, the same with the
 *             failed plan named in the summary (vn_fuzz_diff_report)
 * The rest is BASELINE, the separator line "\n@@@@\n", then PLAN.  Without
 * the separator the whole is the plan, compared with the bundled baseline
 * of what it says it implements (or of 1002/QĐ-TTg).  Seeds: each corpus
 * and fixture plan against its bundled decision's XML tree, and alone
 * (tools/fuzz.sh). */
#include "fuzz.h"

int vn_fuzz_diff(const uint8_t *data, size_t size);

static const char separator[] = "\n@@@@\n";

static const uint8_t *find_separator(const uint8_t *d, size_t n)
{
    size_t k = sizeof separator - 1;
    for (size_t i = 0; i + k <= n; i++)
        if (d[i] == '\n' && memcmp(d + i, separator, k) == 0)
            return d + i;
    return NULL;
}

int vn_fuzz_diff(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opts = data[0];
    data++;
    size--;
    char err[256];
    const uint8_t *sep = find_separator(data, size);
    const uint8_t *plan_bytes = sep ? sep + sizeof separator - 1 : data;
    size_t plan_len = sep ? size - (size_t)(plan_bytes - data) : size;
    vnplan_doc *plan = NULL, *base = NULL;
    if (vnplan_parse_bytes(plan_bytes, plan_len, "plan", NULL, &plan, err, sizeof err) != VNPLAN_OK)
        return 0;
    vnplan_status st;
    if (sep && (opts & 1))
        st = vnplan_load_xml(data, (size_t)(sep - data), "base.xml", NULL, &base, err, sizeof err);
    else if (sep)
        st = vnplan_parse_bytes(data, (size_t)(sep - data), "base", NULL, &base, err, sizeof err);
    else if ((st = vnplan_baseline_for(plan, NULL, &base, err, sizeof err)) != VNPLAN_OK)
        st = vnplan_baseline_load("1002", NULL, &base, err, sizeof err);
    if (st == VNPLAN_OK) {
        vnplan_diff *diff = NULL;
        if (vnplan_compare(base, plan, NULL, &diff, err, sizeof err) == VNPLAN_OK) {
            unsigned flags = ((opts & 2) ? VNPLAN_RENDER_ENGLISH : 0) | ((opts & 4) ? VNPLAN_RENDER_COLOR : 0);
            vn_fuzz_diff_report(diff, (opts >> 3) & 3, (opts >> 5) & 3, flags);
            vnplan_diff_free(diff);
        }
    }
    vnplan_doc_free(base);
    vnplan_doc_free(plan);
    return 0;
}

VN_FUZZ_ENTRY(vn_fuzz_diff)
