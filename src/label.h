/* label.h — canonical section labels and objective phases (label.c). */
#ifndef VN_LABEL_H
#define VN_LABEL_H

#include "doc.h"

/* The canonical label a heading title names (its folded key, see
 * vn_fold_key), or VN_LABEL_NONE.  With `whole`, the title must be the
 * section name and little else (an unnumbered heading in capitals); without,
 * it must start with it. */
vn_label vn_section_label_of(const vnplan_grammar *g, const char *key, size_t n, bool whole);

/* The phase a heading title or a short phase line names ("Mục tiêu cụ thể
 * đến năm 2030" → 2030, "giai đoạn 2030 - 2035" → 2035, "Mục tiêu chung" →
 * VN_PHASE_GENERAL), or VN_PHASE_NONE. */
/* Whether a line (folded key, without its colon) ends like a sentence the
 * lines after it complete ("... gồm", "... như sau"): not a heading. */
bool vn_is_lead_in(const vnplan_grammar *g, const char *key, size_t n);

/* Whether an unmarked line opens a numbered group of tasks ("Nhóm nhiệm vụ
 * 1: ..."): a heading over the items after it. */
bool vn_opens_group(const vnplan_grammar *g, const char *key, size_t n);

uint16_t vn_phase_of(const vnplan_grammar *g, const char *key, size_t n);

#endif
