/* compare.c — STUB (being written). */
#include "stages.h"
#include "grammar.h"

vnplan_status vn_compare_rules_init(vnplan_grammar *g, vn_error *err) { (void)g; (void)err; return VNPLAN_OK; }
void vn_compare_rules_free(struct vn_compare_rules *r) { (void)r; }
