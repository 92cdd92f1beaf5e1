/* tree.c — STUB (being written). */
#include "stages.h"
void vn_tree_build(vnplan_doc *doc) { vn_node_add(doc, -1, VN_KIND_DOCUMENT); }
