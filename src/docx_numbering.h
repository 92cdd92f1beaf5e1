/* docx_numbering.h — Word's automatic numbering, computed as Word shows it.
 *
 * A numbered paragraph in a DOCX holds no marker: it names a list (numId)
 * and a level (ilvl), and word/numbering.xml says how that level counts
 * (w:start, w:numFmt), when it starts again (after a higher level, or as
 * w:lvlRestart says; a w:num's lvlOverride/startOverride on its first use),
 * and how the label is written (w:lvlText with %1..%9, w:isLgl).  The
 * counters live with the abstract numbering, so that two w:num of one list
 * continue each other as they do in Word. */
#ifndef VN_DOCX_NUMBERING_H
#define VN_DOCX_NUMBERING_H

#include "common.h"

#define VN_NUM_LEVELS 9          /* w:ilvl 0..8 */
#define VN_NUM_LABEL_MAX 96      /* bytes of a computed label */
#define VN_NUM_MAX_LISTS 100000  /* abstractNum and num elements of one file */

typedef struct vn_numbering vn_numbering;

/* What every part of a DOCX is read with (docx_numbering.c): */
struct vn_xml;
/* Is ns WordprocessingML's namespace (transitional or strict)? */
bool vn_docx_ns(const char *ns);
/* A toggle: w:val="0"/"false"/"off" turns it off; present without w:val, on. */
bool vn_docx_on(const struct vn_xml *x);
/* An integer attribute, clamped to +-1,000,000; dflt when absent or no number. */
int vn_docx_int(const struct vn_xml *x, const char *local, int dflt);

/* Reads word/numbering.xml (n bytes).  Fails on XML that is not well
 * formed or breaks the safety rules (xmlread.h). */
vnplan_status vn_numbering_parse(const char *xml, size_t n, vn_numbering **out, vn_error *err);
/* A numbering style (styles.xml: w:style w:type="numbering" named style_id
 * with numId num_id): lists whose w:numStyleLink names it use the list that
 * style points to. */
void vn_numbering_link_style(vn_numbering *nb, const char *style_id, int num_id);
/* The level a paragraph style takes in list num_id when its numPr gives no
 * ilvl: the level whose w:pStyle is that style, else 0. */
int vn_numbering_style_level(const vn_numbering *nb, int num_id, const char *style_id);
/* Counts one paragraph of list num_id at level ilvl and writes its label
 * into buf (NUL-terminated); returns the label's length, 0 when the
 * paragraph shows none (numId 0, an unknown list, an empty lvlText). */
size_t vn_numbering_next(vn_numbering *nb, int num_id, int ilvl, char *buf, size_t size);
void vn_numbering_free(vn_numbering *nb);

/* The number n written in a w:numFmt ("upperRoman", "lowerLetter", ...);
 * formats without a rule of their own are written in decimal. */
size_t vn_numbering_format(const char *fmt, int n, char *buf, size_t size);

#endif
