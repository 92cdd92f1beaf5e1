/* api.c — the version, and the enum accessors of vnplan.h: each gives the
 * number of the string its string accessor gives, so the two can never
 * disagree (test_api checks every pair on the corpus). */
#include "common.h"

/* Index of s in names[0..n), or -1 (also for NULL). */
static int index_of(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

#define INDEX_OF(s, names) index_of((s), (names), (int)(sizeof(names) / sizeof(names)[0]))

const char *vnplan_version(void) { return VNPLAN_VERSION; }

vnplan_kind vnplan_node_type(const vnplan_doc *doc, size_t node)
{
    static const char *const names[] = {"document",  "part",  "section", "heading",
                                        "item",      "paragraph", "field", "footnote"};
    return (vnplan_kind)INDEX_OF(vnplan_node_kind(doc, node), names);
}

int vnplan_target_is_quantified(const vnplan_doc *doc, size_t t)
{
    const char *k = vnplan_target_kind(doc, t);
    return k && strcmp(k, "quantified") == 0;
}

vnplan_cmp vnplan_target_cmp(const vnplan_doc *doc, size_t t)
{
    static const char *const names[] = {"=", ">=", ">", "<=", "<", "~"};
    return (vnplan_cmp)INDEX_OF(vnplan_target_comparator(doc, t), names);
}

vnplan_finding vnplan_diff_finding_state(const vnplan_diff *diff, size_t i)
{
    static const char *const names[] = {"adopted", "changed", "missing"};
    return (vnplan_finding)INDEX_OF(vnplan_diff_finding_status(diff, i), names);
}

vnplan_change vnplan_diff_finding_change_type(const vnplan_diff *diff, size_t i, size_t k)
{
    static const char *const names[] = {"value", "comparator", "phase", "unit"};
    return (vnplan_change)INDEX_OF(vnplan_diff_finding_change(diff, i, k), names);
}

vnplan_direction vnplan_diff_finding_direction_type(const vnplan_diff *diff, size_t i, size_t k)
{
    static const char *const names[] = {"stricter", "looser", "localized", "different"};
    return (vnplan_direction)INDEX_OF(vnplan_diff_finding_direction(diff, i, k), names);
}
