/* targets.h — the sentence-level target reader behind vn_targets_extract,
 * exposed so that it can be tested on plain strings.
 *
 * vn_targets_scan reads a piece of text (a node's own text, wrapped lines
 * already joined) and reports every quantified target in it: the number,
 * its unit and unit class, the comparator, the indicator, the "trong đó"
 * parent and a phase the sentence states.  All the words it relies on come
 * from grammars/comparators.txt, units.txt and targets.txt. */
#ifndef VN_TARGETS_H
#define VN_TARGETS_H

#include "doc.h"

/* A byte range [start, end) of the scanned text. */
typedef struct vn_scan_range {
    uint32_t start, end;
} vn_scan_range;

/* hit.parent when a "trong đó" part opens the text: it belongs to the last
 * target before this text (the previous item's, usually). */
#define VN_SCAN_PARENT_BEFORE (-2)

/* Pieces of the indicator, in reading order: what precedes the comparator,
 * the counted noun (for counts: "Thu hút" + "chuyên gia" + "trình độ ..."),
 * and the words after the unit.  Empty pieces have start == end. */
enum { VN_SCAN_IND_BEFORE, VN_SCAN_IND_NOUN, VN_SCAN_IND_AFTER, VN_SCAN_IND__COUNT };

typedef struct vn_scan_hit {
    double value;           /* "2,5" → 2.5, "80.000" → 80000, "03" → 3 */
    double value_max;       /* upper end of a range ("từ 10 đến 15%" → 15); 0 otherwise */
    uint8_t cmp;            /* vn_cmp */
    uint16_t phase;         /* a phase the sentence states, else the context's phase */
    int32_t parent;         /* index of the hit this "trong đó" part belongs to,
                               VN_SCAN_PARENT_BEFORE, or -1 */
    const char *unit_class; /* pct, per_year, per_10k, count ... (owned by the grammar) */
    vn_scan_range sentence; /* the sentence the value sits in */
    vn_scan_range number;   /* the number as written ("80.000") */
    vn_scan_range unit;     /* the unit as written ("người/01 vạn dân") */
    vn_scan_range cmp_words; /* the comparator words the comparator was read from, as written:
                                a phrase after the unit ("trở lên"), else those before the
                                value ("ít nhất"); empty when it has none of its own */
    vn_scan_range indicator[VN_SCAN_IND__COUNT];
} vn_scan_hit;

typedef struct vn_scan_ctx {
    uint16_t phase; /* phase of the section the text sits in (VN_PHASE_NONE if none) */
} vn_scan_ctx;

/* Finds the quantified targets of s[0..n).  Fills out[0..max) in text order
 * and returns how many there are (which may exceed max: call again with a
 * larger array).  ctx may be NULL.  Never fails: text with no target gives 0. */
size_t vn_targets_scan(const vnplan_grammar *g, const char *s, size_t n, const vn_scan_ctx *ctx,
                       vn_scan_hit *out, size_t max);

/* The indicator of a hit as one string: its pieces joined by single spaces.
 * Appends to out. */
void vn_scan_indicator(const char *s, const vn_scan_hit *hit, vn_buf *out);

/* True when s[0..n) names a phase and nothing else ("Mục tiêu cụ thể đến năm
 * 2030", "MỤC TIÊU", "Định hướng đến năm 2045"): such a heading is not an
 * objective of its own. */
bool vn_targets_is_phase_heading(const vnplan_grammar *g, const char *s, size_t n);

/* True when s[0..n) ends by opening parts ("..., trong đó:"): the targets of
 * the items below it belong to its target. */
bool vn_targets_opens_parts(const vnplan_grammar *g, const char *s, size_t n);

#endif
