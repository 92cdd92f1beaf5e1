/* label.c — STUB (being written). */
#include "stages.h"
#include "grammar.h"

vnplan_status vn_label_rules_init(vnplan_grammar *g, vn_error *err) { (void)g; (void)err; return VNPLAN_OK; }
void vn_label_rules_free(struct vn_label_rules *r) { (void)r; }
void vn_label_apply(vnplan_doc *doc) { (void)doc; }
