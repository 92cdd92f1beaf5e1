/* stages.h — the pipeline, one function per stage, in the order they run.
 * Each stage reads what the stages before it left in the document and adds
 * its own part; none reaches back to change an earlier stage's result. */
#ifndef VN_STAGES_H
#define VN_STAGES_H

#include "doc.h"

/* read + normalize: text.h (vn_text_init) */

/* lines.c: physical lines, then logical lines (hard wraps joined, hyphen
 * breaks repaired, page furniture marked), each classified by blocks.c. */
void vn_lines_build(vnplan_doc *doc);

/* frame.c: which logical lines are preamble, body, closing, footnotes or
 * annex, and the header and closing fields among them. */
void vn_frame_mark(vnplan_doc *doc);
/* s[0..n) is a document type line alone ("KẾ HOẠCH", frame.txt [doc_type]). */
bool vn_frame_is_doc_type_line(const vnplan_grammar *g, const char *s, size_t n);
/* The signer's capacity from its lines (s[0..n), one line a '\n'), as ", "-
 * separated signing lines; a capacity wrapped inside a phrase ("... KT. CHỦ" /
 * "TỊCH PHÓ CHỦ TỊCH") is joined and cut at its phrases.  Into out. */
void vn_frame_signing_lines(const vnplan_grammar *g, const char *s, size_t n, vn_buf *out);
/* Where the name on a signer's line s[0..n) ends: before a copy's note after
 * it ("Nguyễn Văn Hải (đã ký)", a note of frame.txt [signature]), else n. */
size_t vn_frame_signer_name_end(const vnplan_grammar *g, const char *s, size_t n);

/* tree.c: nodes from logical lines; levels inferred from the order markers
 * appear, numbering checked for sequence. */
void vn_tree_build(vnplan_doc *doc);

/* label.c: canonical section labels and objective phases. */
void vn_label_apply(vnplan_doc *doc);

/* meta.c: type, number, date, issuer, locality, signer, implemented documents. */
void vn_meta_extract(vnplan_doc *doc);
/* Where the name starts on a signer's line s[0..n): after the academic titles
 * and ranks before it (meta.txt [signer_title]: "PGS.TS.", "Đại tá"). */
size_t vn_meta_signer_titles(const vnplan_grammar *g, const char *s, size_t n);

/* targets.c: quantified (and qualitative) targets. */
void vn_targets_extract(vnplan_doc *doc);

#endif
