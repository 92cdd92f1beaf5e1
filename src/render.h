/* render.h — what the renderers share (render.c).  One source file per output
 * format (render_xml.c, render_json.c, render_text.c, render_tsv.c); this
 * header holds the renderer object, the output sink of the hand-written
 * formats, the non-recursive tree walk, small formatting helpers and the JSON
 * string writer.  Renderers read a document and never change it. */
#ifndef VN_RENDER_H
#define VN_RENDER_H

#include "compare.h"
#include "doc.h"
#include "i18n.h"

#include <stdio.h>

/* ---- output sink (JSON, text, TSV/CSV) -------------------------------------------
 * Output is collected in a buffer and written in large chunks.  `hold` keeps
 * everything in the buffer until released: JSON holds its first document
 * until it knows whether a second one follows (an object or an array).  After
 * a failed write the sink discards everything and remembers errno. */
typedef struct vn_sink {
    FILE *f;
    vn_buf buf;
    bool hold;
    bool failed;
    int errnum;
} vn_sink;

#define VN_SINK_CHUNK ((size_t)64 * 1024)

void vn_sink_flush(vn_sink *s);
/* Flushes and releases the sink; VNPLAN_ERR_OUTPUT (with the reason) when a
 * write failed. */
vnplan_status vn_sink_finish(vn_sink *s, vn_error *err);
/* Records a failed write (errno value, 0 when unknown) in e; returns its status. */
vnplan_status vn_output_failed(vn_error *e, int errnum);

/* Writes p[0..n) after what the sink holds, without copying it. */
void vn_sink_write_through(vn_sink *s, const char *p, size_t n);
static inline void vn_sink_put(vn_sink *s, const char *p, size_t n)
{
    if (n >= VN_SINK_CHUNK && !s->hold) {
        vn_sink_write_through(s, p, n); /* a text of megabytes is not copied once more */
        return;
    }
    vn_buf_put(&s->buf, p, n);
    if (!s->hold && s->buf.len >= VN_SINK_CHUNK)
        vn_sink_flush(s);
}
static inline void vn_sink_putc(vn_sink *s, char c)
{
    vn_buf_putc(&s->buf, c);
    if (!s->hold && s->buf.len >= VN_SINK_CHUNK)
        vn_sink_flush(s);
}
static inline void vn_sink_puts(vn_sink *s, const char *p) { vn_sink_put(s, p, strlen(p)); }

/* ---- the renderer ------------------------------------------------------------------ */

/* A level of the tree walk: the node, and a word the format may use (the XML
 * writer remembers whether the element got content). */
typedef struct vn_wentry {
    int32_t node;
    uint32_t user;
} vn_wentry;

typedef struct vn_rfuncs {
    vnplan_status (*begin)(vnplan_renderer *r);
    vnplan_status (*doc)(vnplan_renderer *r, const vnplan_doc *doc);
    vnplan_status (*end)(vnplan_renderer *r);
    void (*free)(vnplan_renderer *r); /* releases format state; may be NULL */
} vn_rfuncs;

struct vnplan_renderer {
    vnplan_format format;
    unsigned flags;
    FILE *out;
    const vn_rfuncs *fn;
    bool begun;
    bool single;        /* vnplan_render: exactly one document will come */
    size_t ndocs;
    vn_error err;       /* the first failure; sticky */
    vn_sink sink;
    vn_buf scratch;     /* the one buffer spans are rendered into */
    vn_buf esc;         /* an escaped or cleaned copy of one string */
    /* targets of node k: tlist[tfirst[k] .. tfirst[k + 1]) */
    uint32_t *tfirst;
    size_t captfirst;
    uint32_t *tlist;
    size_t captlist;
    /* the walk's stack */
    vn_wentry *stack;
    size_t capstack;
    void *state; /* format state (the XML writer) */
};

extern const vn_rfuncs vn_render_xml_funcs;
extern const vn_rfuncs vn_render_json_funcs;
extern const vn_rfuncs vn_render_text_funcs;
extern const vn_rfuncs vn_render_tsv_funcs; /* TSV and CSV */

/* Records an output error from the sink (if any) in r->err; returns the status. */
vnplan_status vn_render_sink_status(vnplan_renderer *r);

/* Builds r->tfirst / r->tlist for a document: which targets sit in which node
 * (none with VNPLAN_RENDER_NO_TARGETS).  A target whose node is out of range
 * (a tree of targets alone) is in no node's list: the formats write such
 * targets after the tree. */
void vn_render_index_targets(vnplan_renderer *r, const vnplan_doc *doc);

static inline bool vn_render_target_placed(const vnplan_doc *doc, size_t t)
{
    int32_t k = doc->targets[t].node;
    return k >= 0 && (size_t)k < doc->nnodes;
}

static inline size_t vn_render_ntargets_of(const vnplan_renderer *r, size_t node)
{
    return r->tfirst[node + 1] - r->tfirst[node];
}

/* A walk visits spans in document order, so the line and the offset-map run
 * of the last span it found in the original file are where the search for
 * the next one starts (vn_render_ospan).  Zero before a walk: vn_walk_init
 * does it for a walk of the tree. */
typedef struct vn_ohint {
    size_t line, run;
} vn_ohint;

/* ---- the walk ----------------------------------------------------------------------
 * Depth first, enter and exit events, an explicit stack: a document with any
 * depth of nesting renders in constant C stack.  Links out of range end a
 * list, and no more than nnodes nodes are entered, so even a damaged tree
 * (a cycle) cannot make a walk loop. */
enum { VN_WALK_DONE = 0, VN_WALK_ENTER, VN_WALK_EXIT };

typedef struct vn_walk {
    vnplan_renderer *r;
    const vnplan_doc *doc;
    size_t depth;  /* entries on the stack */
    size_t visits; /* nodes entered so far */
    int32_t exited; /* the node whose exit was the last event, or -1 */
    bool started;
    vn_ohint oh; /* where the spans of the nodes visited so far were found */
} vn_walk;

void vn_walk_init(vn_walk *w, vnplan_renderer *r, const vnplan_doc *doc);
/* Next event; *node is the node, *level its depth (root 0).  On ENTER the
 * node's entry is the top of r->stack (r->stack[*level]). */
int vn_walk_next(vn_walk *w, size_t *node, size_t *level);

/* ---- strings and numbers ------------------------------------------------------------ */

/* A span as a reader sees it (vn_render_span): either a pointer straight
 * into the document's text, when the span is one clean line (the common
 * case: no copy), or r->scratch.  Not NUL-terminated; *len is its length
 * (0: nothing).  `hint` is a physical line index where the span probably
 * starts (a node's line_first), or UINT32_MAX. */
const char *vn_render_text(vnplan_renderer *r, const vnplan_doc *doc, vn_span s, uint32_t hint,
                           size_t *len);

/* A node's own text (vn_render_node_text) the same way: vn_render_text of
 * its text span, or, for a field joined from several column pieces, the
 * pieces joined in r->scratch. */
const char *vn_render_node_text_of(vnplan_renderer *r, const vnplan_doc *doc, const vn_node *n, size_t *len);

/* vn_line_of, faster when `hint` is at or a few lines before the answer. */
size_t vn_render_line_of(const vnplan_doc *doc, size_t off, size_t hint);

/* Spans in the original file (vn_span_to_orig, vn_node_ospan,
 * vnplan_target_span), with the walk's help (vn_ohint, above). */

vnplan_span vn_render_ospan(const vnplan_doc *doc, vn_span s, vn_ohint *h);
vnplan_span vn_render_node_ospan(const vnplan_doc *doc, size_t node, vn_ohint *h);
/* All zero when the target's span is unknown or out of range. */
vnplan_span vn_render_target_ospan(const vnplan_doc *doc, size_t t, vn_ohint *h);

/* A target's id, or "t<k+1>" when it has none; buf holds at least 24 bytes. */
const char *vn_render_target_id(const vnplan_doc *doc, size_t t, char *buf);

/* The document's name for people: the file it was parsed from, or for a
 * loaded tree its `source` attribute, else the file it was loaded from.
 * (XML and JSON write the attribute as it is, for the round trip.) */
static inline const char *vn_render_source(const vnplan_doc *doc)
{
    const char *s = doc->from_xml && doc->source ? doc->source : doc->name;
    return s && *s ? s : "-";
}

/* "general", an end year, or NULL; buf holds at least 8 bytes. */
const char *vn_render_phase(uint16_t phase, char *buf);

/* The label attribute of a node: the field name for fields, else the
 * canonical label; NULL when none. */
const char *vn_render_node_label(const vn_node *n);

/* A decimal number with '.' whatever the locale, the shortest text that
 * reads back to the same double; "" for NaN and infinities.  buf holds 40
 * bytes; returns the length. */
size_t vn_fmt_double(double v, char *buf);
/* Unsigned decimal; buf holds 24 bytes; returns the length. */
size_t vn_fmt_u64(uint64_t v, char *buf);

/* Length of the valid UTF-8 sequence at s[i] (n bytes available), or 0 when
 * the bytes there are not one; *cp gets the code point. */
static inline size_t vn_utf8_valid_at(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned c = s[i];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > n)
        return 0;
    for (size_t k = 1; k < len; k++) {
        unsigned cc = s[i + k];
        if ((cc & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (cc & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* ---- JSON ------------------------------------------------------------------------- */

/* Writes s[0..n) as a JSON string.  Quotes, backslashes and control
 * characters are escaped; U+2028 and U+2029 too (valid JSON, but not valid
 * JavaScript before ES2019); invalid UTF-8 becomes U+FFFD, so the output is
 * always valid JSON in valid UTF-8. */
void vn_json_str_n(vn_sink *o, const char *s, size_t n);
/* A string, or null for NULL. */
void vn_json_str(vn_sink *o, const char *s);
/* `"key": ` (after ", " when comma). */
void vn_json_key(vn_sink *o, const char *key, bool comma);
/* "key": value as a string, null for NULL and for "". */
void vn_json_kv(vn_sink *o, const char *key, const char *v, bool comma);
/* "key": an unsigned number. */
void vn_json_ku(vn_sink *o, const char *key, uint64_t v, bool comma);
/* A span as a JSON value: {"start", "end", "line", "end_line"}, or null for
 * a span that points nowhere (line 0 and end 0). */
void vn_json_span(vn_sink *o, vnplan_span sp);

#define VN_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Copies s[0..n) to out as valid UTF-8 without control characters: invalid
 * bytes and C0 controls become U+FFFD, except that TAB, LF and CR become a
 * space.  For the plain-text formats. */
void vn_put_clean(vn_sink *out, const char *s, size_t n);

/* ---- diff reports (render_diff_*.c) ------------------------------------------------------
 * What every report shares lives in render_diff.c, with the dispatcher of
 * vnplan_diff_render / vnplan_diff_render_many. */

typedef struct vn_dsum {
    size_t adopted, changed, missing, added, unverified;
    size_t qual_matched, qual_missing, qual_added;
    size_t groups_covered, groups_missing, groups_plan_only;
} vn_dsum;

void vn_diff_summary(const vnplan_diff *d, vn_dsum *s);

/* The status of a qualitative objective ("matched", "missing", "added")
 * and of a task group ("covered", "not covered", "plan only"): whether both
 * documents hold it, the baseline only, or the plan only. */
const char *vn_diff_qual_status(const vn_qual *q);
const char *vn_diff_group_status(const vn_group *g);

/* The words of the reports, in one place (render_diff.c): a status,
 * change or direction name ("adopted", "value", "stricter" ...) as a reader
 * of lang reads it; a name it does not know, as it is. */
const char *vn_diff_word(vn_lang lang, const char *name);
/* A finding's confidence in words: high, medium, or low (read it). */
#define VN_CONFIDENCE_HIGH 0.85
#define VN_CONFIDENCE_MEDIUM 0.6
const char *vn_diff_confidence_words(vn_lang lang, double confidence);
/* A scope note in words: "trình độ cử nhân, kỹ sư, thạc sĩ → cao đẳng, trung cấp (khác)". */
void vn_diff_scope_text(vn_lang lang, const struct vn_scope *sc, vn_buf *out);
/* What a target measures, named for a reader: a baseline's name, or a
 * plan target's indicator cut at a word (at most VN_NAME_MAX bytes). */
#define VN_NAME_MAX 90
void vn_diff_target_name(const vnplan_doc *doc, size_t t, vn_buf *out);

/* "≥", "≈" ... for a comparator. */
const char *vn_diff_cmp_symbol(int cmp);
/* "≥ 2,5 %", "= 80.000 người/năm": comparator, value as written, unit. */
void vn_diff_target_value(const vn_target *t, vn_buf *out);
/* "2030", "general", or "" (buf holds 8 bytes). */
const char *vn_diff_phase(uint16_t phase, char *buf);
/* A short name of a document for headings and matrix columns: a plan's
 * locality and number, a baseline's decision, else the file's base name. */
void vn_diff_doc_short(const vnplan_doc *doc, vn_buf *out);
/* A longer description: a baseline's title, a plan's type, number, issuer. */
void vn_diff_doc_long(const vnplan_doc *doc, vn_lang lang, vn_buf *out);
/* A date as a reader writes it: Vietnamese "ngày 6 tháng 12 năm 2026";
 * in English (and for machines) the ISO date as it is.  A date that is not
 * YYYY-MM-DD is written as it is. */
void vn_date_words(vn_lang lang, const char *iso, vn_buf *out);
/* The decision a baseline stands for, or NULL. */
const char *vn_diff_base_decision(const vnplan_doc *base);
/* A node's marker and title (or the start of its text), rendered. */
void vn_diff_node_heading(const vnplan_doc *doc, int32_t node, vn_buf *out);
/* The 1-based line of the original file where a target's sentence starts
 * (0 for a tree read from XML without spans). */
size_t vn_diff_target_line(const vnplan_doc *doc, size_t t);
/* A change described for people: "value 80.000 → 250 (localized)". */
/* Where target t (or a node) stands, as a reader finds it: "dòng 85"
 * ("line 85"), "trang 3" for a PDF, "đoạn 12" for a DOCX/ODT.  False, and
 * nothing written, when it is not known. */
bool vn_diff_target_where(vn_lang lang, const vnplan_doc *doc, size_t t, vn_buf *out);
bool vn_diff_node_where(vn_lang lang, const vnplan_doc *doc, size_t node, vn_buf *out);
void vn_diff_change_text(vn_lang lang, const vnplan_diff *d, const vn_finding *f, const vn_change *c, vn_buf *out);

/* Words of a target's sentence (t->text) to highlight: its value, its
 * comparator words and its unit, where the targets stage (or the loader)
 * found them (value_span, cmp_span, unit_span), in that order; a part whose
 * span is empty or does not fall in t->text is left out.  Offsets into
 * t->text; returns how many. */
enum { VN_HL_VALUE, VN_HL_CMP, VN_HL_UNIT };
typedef struct vn_hl {
    size_t a, b;
    int kind;
} vn_hl;
size_t vn_diff_highlights(const vnplan_doc *doc, const vn_target *t, vn_hl *out, size_t max);

/* Baseline ids of several diffs that share a baseline, in order of first
 * appearance: the rows of the summary across plans.  Returns how many;
 * *ids is malloc'd (strings belong to the baselines). */
size_t vn_diff_matrix_rows(const vnplan_diff *const *diffs, size_t n, const char ***ids);
/* The status of baseline id `id` in a diff: "adopted", "changed", "missing",
 * or NULL when the diff's baseline has no such target; *finding gets its index. */
const char *vn_diff_status_of(const vnplan_diff *d, const char *id, size_t *finding);

/* The plans of a report that could not be compared: for each k with
 * diffs[k] == NULL, name[k] (the file) and reason[k] (the message); either
 * array may be NULL.  They are rows of the summary across plans. */
typedef struct vn_diff_failed {
    const char *const *name;
    const char *const *reason;
} vn_diff_failed;

/* The name of plan k when it failed and has a name, else NULL. */
const char *vn_diff_failed_name(const vnplan_diff *const *diffs, const vn_diff_failed *f, size_t k);
/* The caller's reason, or "could not be compared" in lang. */
const char *vn_diff_failed_reason(vn_lang lang, const vn_diff_failed *f, size_t k);
size_t vn_diff_failed_count(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *f);

vnplan_status vn_render_diff_text(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err);
vnplan_status vn_render_diff_json(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err);
vnplan_status vn_render_diff_csv(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                 unsigned flags, FILE *out, vn_error *err);
/* Internal flag of vn_render_diff_html: the page of the baseline's text
 * alone (vnplan_diff_render_base). */
#define VN_RENDER_BASE_PAGE (1u << 15)
/* "base-XXXXXXXXXXXXXXXX.html" for a baseline, in out[32]. */
void vn_diff_base_page_name(const vnplan_doc *base, char out[32]);
vnplan_status vn_render_diff_html(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err);

#endif
