/* frame.c — STUB (being written). */
#include "stages.h"
void vn_frame_mark(vnplan_doc *doc) { (void)doc; }
