/* lines.c — STUB (being written). */
#include "stages.h"
void vn_lines_build(vnplan_doc *doc) { (void)doc; }
