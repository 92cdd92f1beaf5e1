/* doc.h — the document model shared by the stages after normalize:
 * physical and logical lines, the line classification, tree nodes, metadata
 * and targets.  Nodes and targets live in flat arrays and refer to each other
 * by index; text stays in the normalized buffer and is referred to by span. */
#ifndef VN_DOC_H
#define VN_DOC_H

#include "common.h"
#include "text.h"

#include <stdatomic.h>

/* ---- lines -------------------------------------------------------------------- */

/* A physical line of the normalized text: [start, end) with surrounding white
 * space trimmed.  Index k is line k+1 of the original file. */
typedef struct vn_pline {
    uint32_t start, end;
    uint16_t flags; /* VN_PL_* */
    uint16_t chars; /* length in characters (capped at 65535) */
} vn_pline;

enum {
    VN_PL_BLANK = 1u << 0,        /* nothing but white space */
    VN_PL_FURNITURE = 1u << 1,    /* page number or running header: spanned, not rendered */
    VN_PL_JOIN_NOSPACE = 1u << 2, /* continues the previous physical line with no space
                                     (a reference or word broken after a hyphen) */
    VN_PL_CONT = 1u << 3,         /* continues the previous non-blank physical line */
    VN_PL_TERMINAL = 1u << 4,     /* ends with . ; : ! ? (after closing brackets and quotes) */
    VN_PL_TABLE = 1u << 5,        /* a line of a table laid out with spaces (lines.c) */
    VN_PL_TABLE_HEAD = 1u << 6,   /* ... its header row */
    VN_PL_TABLE_ROW = 1u << 7,    /* ... the first line of a row */
    VN_PL_TAB_ROW = 1u << 8,      /* a row of a table exported with TABs (its first cell is no marker) */
    VN_PL_DEHYPHEN = 1u << 9,     /* continues a word hyphenated at the end of the previous line
                                     ("chất lư-" / "ợng"): that hyphen is not shown */
    VN_PL_FOOTNOTE = 1u << 10,    /* a footnote printed at a page's foot inside a paragraph that
                                     goes on after the page break: the footnote's own text, not
                                     the paragraph's (lines.c) */
    VN_PL_STACKED = 1u << 11      /* the first line of a cell of a table printed one cell under
                                     another (lines_stacked.c); a blank line so marked is an
                                     empty cell */
};

/* Whether a physical line's text is left out of a span whose first line is
 * `first`: blank lines and page furniture always; a footnote's lines unless
 * the span is the footnote's own. */
static inline bool vn_pline_hidden(const vn_pline *pl, const vn_pline *first)
{
    return (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE)) ||
           ((pl->flags & VN_PL_FOOTNOTE) && !(first->flags & VN_PL_FOOTNOTE));
}

/* Columns of white space before physical line k's text (what split_physical
 * trimmed). */
uint32_t vn_pline_indent(const vnplan_doc *doc, size_t k);

/* ---- line classification (blocks.c) --------------------------------------------- */

typedef enum vn_style {
    VN_STYLE_NONE = 0,
    VN_STYLE_PHAN,        /* Phần I / PHẦN THỨ NHẤT */
    VN_STYLE_CHUONG,      /* Chương I */
    VN_STYLE_MUC,         /* Mục 1 (laws) */
    VN_STYLE_DIEU,        /* Điều 1. */
    VN_STYLE_ROMAN,       /* I. II. */
    VN_STYLE_UPPER_ALPHA, /* A. B. */
    VN_STYLE_ARABIC,      /* 1. 2. */
    VN_STYLE_ARABIC_PAREN,/* 1) 2) (1) */
    VN_STYLE_DECIMAL,     /* 1.1. 2.3.1 */
    VN_STYLE_ALPHA,       /* a) b) đ) */
    VN_STYLE_LOWER_ROMAN, /* i) ii) */
    VN_STYLE_DASH,        /* - – — */
    VN_STYLE_PLUS,        /* + */
    VN_STYLE_BULLET,      /* • ● ▪ ■ ➢ ► ❖ ✓ * */
    VN_STYLE_CIRCLE,      /* o ◦ ○: Word's second-level bullet */
    VN_STYLE_CAPS,        /* an unnumbered heading in capitals: MỤC TIÊU */
    VN_STYLE_ENACT,       /* QUYẾT ĐỊNH: — opens the articles of a decision */
    VN_STYLE__COUNT
} vn_style;

const char *vn_style_name(vn_style s);

/* What a line's start says, before any context beyond the previous line. */
typedef struct vn_class {
    uint8_t style;      /* vn_style; NONE for a plain line */
    uint8_t alt_style;  /* a second reading: "I." roman or upper alpha; "i)" */
    uint8_t depth;      /* DECIMAL: number of components (1.2.3 → 3) */
    uint8_t punct;      /* the character after the number: '.', ')', '/', '-', ':' or 0 */
    uint32_t value;     /* sequence value: I → 1, c → 3, đ → 5, 1.2 → 2 */
    uint32_t alt_value;
    uint32_t number_off, number_len; /* the number without punctuation, within the line */
    uint32_t content_off;            /* where the text after the marker starts */
    uint8_t upper_start; /* the content starts with an upper-case letter */
    uint8_t lower_start; /* the content starts with a lower-case letter */
    uint8_t all_caps;    /* the content has letters and none is lower case */
    uint8_t ends_terminal; /* ends with . ; : ! ? (after closing brackets/quotes) */
    uint8_t ends_colon;    /* ends with ':' */
    uint8_t ends_hyphen;   /* ends with a hyphen glued to the previous character */
} vn_class;

/* Pure: classifies the text of one physical or logical line, with the
 * marker words of g (grammars/markers.txt).  `prev` (may be NULL) is the
 * previous line's result; it only breaks ties. */
vn_class vn_classify_line(const vnplan_grammar *g, const char *s, size_t n, const vn_class *prev);

/* Pure, like the classifier: a line of three or more dashes, underscores,
 * stars, dots, = or ~ (a rule under a title, a table border, the separator
 * above footnotes); a line where a converter left a picture ("[pic]" from
 * antiword); a table row drawn with bars ("|ỦY BAN NHÂN DÂN  |CỘNG HÒA ...|"). */
bool vn_is_rule_line(const char *s, size_t n);
/* Pure: where the text starts after a rule of three or more dashes,
 * underscores or = that PDF extraction glued to the line under it
 * ("------Số: 236/KH-UBND", "---------Thực hiện …"), or 0 (no rule, or a
 * line that is all rule, "-----oOo-----"). */
size_t vn_glued_rule_end(const char *s, size_t n);
bool vn_is_picture_line(const vnplan_grammar *g, const char *s, size_t n);
/* A rule or a picture: a separator between fields, a line of its own. */
bool vn_is_separator_line(const vnplan_grammar *g, const char *s, size_t n);
/* What a stamp or a handwritten signature leaves in OCR text: a short line
 * of more marks than letters ("\ \", "'``Ổ'", "/ẦN ` .Ằ_`\"); not a rule. */
bool vn_is_scan_noise_line(const vnplan_grammar *g, const char *s, size_t n);
bool vn_is_table_row(const char *s, size_t n);
/* A list bullet standing alone ("•", "–", "-", "+"): what pdftotext -layout prints
 * before the wide indent of a list paragraph, apart from its words. */
bool vn_is_lone_bullet(const char *s, size_t n);

/* A line of a table laid out with spaces (pdftotext -layout) cut at runs of
 * three or more spaces (or a TAB): each segment's bytes [start, end) in s and
 * its character columns [col, end_col), counting `indent` columns before s.
 * A form feed counts no column.  Returns the number of segments (at most max). */
typedef struct vn_segment {
    uint32_t start, end;
    uint32_t col, end_col;
} vn_segment;
size_t vn_line_segments(const char *s, size_t n, uint32_t indent, vn_segment *out, size_t max);
/* A table row's number set one space before its text ("1.1 Trong đó: …" in
 * a narrow TT column): the first segment of g (offsets into s) cut after the
 * number (one or two spaces after it) when its text starts no further right
 * than `slack` columns past col1, where the table's second column starts.
 * Returns the new count (at most max). */
size_t vn_split_row_number(const char *s, vn_segment *g, size_t ng, size_t max, uint32_t col1, uint32_t slack);
/* Two value cells printed one space apart ("Khoảng 50 Khoảng 100", "Tối
 * thiểu 02 Tối thiểu 04": centred cells wider than their columns): a
 * segment of g lying over two neighbouring header columns is cut at the
 * single space nearest the gap between their header cells, where the left
 * part ends with its number (a digit or "%") and the right part holds one.
 * Returns the new count (at most max). */
size_t vn_split_value_pairs(const char *s, vn_segment *g, size_t ng, size_t max, const vn_segment *head,
                            size_t nhead, uint32_t slack);
/* A text cell printed one space before the unit cell beside it ("Tỷ lệ học
 * sinh tốt nghiệp trung %", the indicator reaching the unit's column): a
 * segment whose last word, one space apart, is a unit written with a symbol
 * ("%", "người/năm": a '%' or a '/', no digit, no parenthesis) and stands past the end of
 * the segment's own header cell, before the next one, is two segments. */
size_t vn_split_unit_symbol(const char *s, vn_segment *g, size_t ng, size_t max, const vn_segment *head,
                            size_t nhead, uint32_t slack);

/* The border pandoc prints around a table in plain text ("  ---- -------- ---
 * ------"): runs of dashes apart by single spaces, three runs or more.  Each
 * run is a column: out[] gets its bytes and character columns.  Returns the
 * number of columns, 0 for any other line. */
size_t vn_border_columns(const char *s, size_t n, uint32_t indent, vn_segment *out, size_t max);
/* Cuts one line of such a table at the columns a border gave: cell c is what
 * stands from column c's start up to column c+1's start, trimmed (an empty
 * cell has start == end).  Cells are written exactly as padded into their
 * columns, however few spaces part two of them ("Đơn vị tính Năm"). */
void vn_cut_columns(const char *s, size_t n, uint32_t indent, const vn_segment *cols, size_t ncols,
                    vn_segment *out);

/* The column of a header row (its segments) that segment g overlaps most,
 * each column widened by `slack` on both sides; -1 if it overlaps none. */
int vn_segment_column(const vn_segment *head, size_t nhead, const vn_segment *g, uint32_t slack);
/* The column of segment i of a table row's line g[0..ng): as
 * vn_segment_column, but a cell that overlaps no header cell and stands in
 * the gap left of header column c, past the end of c - 1's, belongs to c when
 * nothing else of the line does: a header centred over its column stands
 * right of the cells' text, left-aligned under it ("%" and "Trường" under
 * "Đơn vị tính"). */
int vn_segment_column_in_line(const vn_segment *head, size_t nhead, const vn_segment *g, size_t ng, size_t i,
                              uint32_t slack);

/* ---- logical lines (lines.c) ----------------------------------------------------- */

typedef enum vn_region {
    VN_REGION_BODY = 0,
    VN_REGION_PREAMBLE,
    VN_REGION_CLOSING,
    VN_REGION_FOOTNOTE,
    VN_REGION_ANNEX
} vn_region;

typedef struct vn_lline {
    uint32_t first, last; /* physical lines covered, inclusive (page furniture attached to a
                             logical line is covered too, and skipped when rendering) */
    uint32_t head;        /* the physical line where the text starts */
    vn_class cls;         /* classification of the head line, offsets relative to its start */
    uint8_t region;       /* vn_region, set by frame.c */
    uint8_t field;        /* vn_field for preamble and closing lines, set by frame.c */
} vn_lline;

/* ---- the frame (frame.c) ----------------------------------------------------------
 * Header and closing lines are named piece by piece: a line of a two-column
 * header ("ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA XÃ HỘI ...") holds two pieces. */
typedef struct vn_piece {
    uint32_t lline;  /* the logical line it belongs to */
    vn_span span;    /* normalized offsets */
    uint8_t region;  /* vn_region */
    uint8_t field;   /* vn_field, or VN_FIELD_NONE for a plain paragraph */
    uint8_t item;    /* vn_piece_item: a list item (closing: a recipient "- Như trên;") */
    int32_t next;    /* the piece that continues this one's field on the next line, or -1 */
} vn_piece;

/* What a piece is to a list (vn_piece.item). */
enum vn_piece_item {
    VN_PIECE_TEXT = 0,
    VN_PIECE_ITEM = 1,      /* opens an item */
    VN_PIECE_ITEM_TAIL = 2, /* the wrapped lines of the item before, under its cell */
};

/* ---- nodes (tree.c, label.c, meta.c) ---------------------------------------------- */

typedef enum vn_kind {
    VN_KIND_DOCUMENT,
    VN_KIND_PART,      /* preamble, closing, footnotes, annex: unnumbered containers */
    VN_KIND_SECTION,   /* a numbered heading: Điều 1, I., 1., 1.1., a) ... */
    VN_KIND_HEADING,   /* an unnumbered heading: MỤC TIÊU, QUYẾT ĐỊNH: */
    VN_KIND_ITEM,      /* a list item: - + • */
    VN_KIND_PARAGRAPH,
    VN_KIND_FIELD,     /* a header or closing field: issuer, number, date, signer ... */
    VN_KIND_FOOTNOTE,
    VN_KIND__COUNT
} vn_kind;

typedef enum vn_label {
    VN_LABEL_NONE = 0,
    VN_LABEL_MUC_DICH,
    VN_LABEL_MUC_TIEU,
    VN_LABEL_NHIEM_VU,
    VN_LABEL_KINH_PHI,
    VN_LABEL_TO_CHUC_THUC_HIEN,
    VN_LABEL_PREAMBLE,
    VN_LABEL_CLOSING,
    VN_LABEL_FOOTNOTES,
    VN_LABEL_ANNEX,
    VN_LABEL_OTHER,
    VN_LABEL__COUNT
} vn_label;

typedef enum vn_field {
    VN_FIELD_NONE = 0,
    VN_FIELD_ISSUER,     /* ỦY BAN NHÂN DÂN / TỈNH NINH BÌNH */
    VN_FIELD_MOTTO,      /* CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc */
    VN_FIELD_NUMBER,     /* Số: 141/KH-UBND */
    VN_FIELD_PLACE_DATE, /* Ninh Bình, ngày 20 tháng 6 năm 2025 */
    VN_FIELD_DOC_TYPE,   /* KẾ HOẠCH */
    VN_FIELD_TITLE,      /* the trích yếu */
    VN_FIELD_AUTHORITY,  /* THỦ TƯỚNG CHÍNH PHỦ (decisions: who decides) */
    VN_FIELD_BASIS,      /* Căn cứ ...; Theo đề nghị ... */
    VN_FIELD_OPENING,    /* the opening paragraph: Thực hiện ..., ... như sau: */
    VN_FIELD_RECIPIENTS, /* Nơi nhận: and its list */
    VN_FIELD_SIGNATURE,  /* TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH */
    VN_FIELD_SIGNER,     /* the name */
    VN_FIELD_SEPARATOR,  /* ------- under a header line */
    VN_FIELD__COUNT
} vn_field;

const char *vn_kind_name(vn_kind k);
const char *vn_label_name(vn_label l);
const char *vn_field_name(vn_field f);
vn_label vn_label_from_name(const char *s);

#define VN_PHASE_NONE 0
#define VN_PHASE_GENERAL 1 /* mục tiêu chung / tổng quát; otherwise the end year */

enum {
    VN_NODE_SUPERSCRIPT = 1u << 0, /* the number is written in superscript digits (a footnote) */
    /* a field whose lines share them with another column ("ỦY BAN NHÂN DÂN
     * <TAB> CỘNG HÒA ..." over "XÃ NGHI LỘC <TAB> Độc lập ..."): its text is
     * the piece `value` (the node's text span) and the pieces chained from it */
    VN_NODE_JOINED = 1u << 1
};

typedef struct vn_node {
    uint8_t kind, style, label, field;
    uint8_t flags;       /* VN_NODE_* */
    uint16_t phase;
    uint16_t depth;      /* distance from the root */
    uint32_t value;      /* sequence value of the marker; a VN_NODE_JOINED field's first piece */
    vn_span marker;      /* the marker as written, "II." */
    vn_span number;      /* "II" */
    vn_span title;       /* a heading's title; empty for items and paragraphs */
    vn_span text;        /* the node's own text after the title */
    uint32_t line_first, line_last; /* physical lines of the node's own text */
    int32_t parent, first_child, last_child, next;
    uint32_t sub_start, sub_end; /* normalized offsets covering the whole subtree */
} vn_node;

/* ---- metadata (meta.c) ---------------------------------------------------------------- */

typedef struct vn_ref {
    const char *number; /* canonical spelling: 1002/QĐ-TTg */
    const char *key;    /* upper-case key for identity: 1002/QĐ-TTG */
    const char *date;   /* ISO or NULL */
    const char *kind;   /* quyet_dinh, ke_hoach, nghi_quyet, ... or NULL */
    vn_span span;
} vn_ref;

typedef struct vn_meta {
    const char *type;     /* ke_hoach, quyet_dinh ... */
    const char *number;
    const char *date;
    const char *place;
    const char *issuer;
    const char *locality;
    const char *level;
    const char *signer_name;
    const char *signer_capacity;
    const char *title;    /* the trích yếu, rendered */
    vn_ref *implements;
    size_t nimplements;
} vn_meta;

/* ---- targets (targets*.c) ------------------------------------------------------------- */

typedef enum vn_cmp {
    VN_CMP_EQ,     /* đạt, no qualifier */
    VN_CMP_GE,     /* ít nhất, tối thiểu, từ ... trở lên, ≥, không dưới */
    VN_CMP_GT,     /* trên, hơn, vượt */
    VN_CMP_LE,     /* không quá, tối đa */
    VN_CMP_LT,     /* dưới */
    VN_CMP_APPROX, /* khoảng, gần, hướng tới */
    VN_CMP__COUNT
} vn_cmp;

const char *vn_cmp_name(vn_cmp c);
int vn_cmp_from_name(const char *s); /* -1 if unknown */

/* The parts of what a target measures (grammars/indicators.txt): each the
 * names of the words found, joined by VN_PART_SEP, or NULL when none. */
enum { VN_PART_MEASURE, VN_PART_POPULATION, VN_PART_LEVEL, VN_PART_FIELD, VN_PART_PLACE,
       VN_PART__COUNT };
#define VN_PART_SEP '|'

/* The parts of a target, kept once per distinct combination in the
 * document (vnplan_doc.part_sets): a document of a million targets names a
 * few hundred, and each target records a 4-byte index instead of five
 * pointers (a dense line of figures costs its targets' records above all). */
typedef struct vn_part_set {
    const char *v[VN_PART__COUNT];
} vn_part_set;

/* Fields ordered and packed so that the record is 128 bytes, not 168. */
typedef struct vn_target {
    const char *id;
    uint8_t qualitative : 1;
    uint8_t cmp : 7;
    uint8_t section;      /* vn_label of the top-level section */
    uint16_t phase;
    uint32_t parts;       /* what it measures, who is counted ...: index into
                             part_sets (vn_target_parts); 0 when none */
    double value;
    double value_max;       /* a range's upper end ("từ 10 đến 15%" → 15); 0 if not a range */
    const char *value_text; /* as written: "2,5", "80.000", "03" */
    const char *unit;       /* as written: "%", "người/năm", "người/01 vạn dân" */
    const char *unit_class; /* pct, per_year, per_10k, count, pct_grdp, pct_budget, money ... */
    const char *indicator;  /* what is measured, without comparator and value */
    const char *text;       /* the sentence or item, unwrapped */
    const char *confidence; /* baselines: confirmed / likely / inferred; NULL for plans */
    const char *name;       /* baselines: a short name of what it measures, for reports; or NULL */
    int32_t parent;         /* index of the target a "trong đó" part belongs to, or -1 */
    int32_t node;           /* node the sentence sits in */
    vn_span span;           /* the sentence */
    vn_span value_span;     /* the number */
    vn_span cmp_span;       /* its comparator words ("ít nhất", "trở lên"); empty when none */
    vn_span unit_span;      /* its unit as written; empty when none */
} vn_target;

/* ---- the document ---------------------------------------------------------------------- */

/* Explicit original-file spans, for documents loaded from XML (whose text
 * buffer is synthetic). */
typedef struct vn_ospan {
    uint32_t start, end, line, end_line;
} vn_ospan;

struct vnplan_doc {
    char *name;
    const vnplan_grammar *grammar;
    vn_text text;
    /* A document read from a structured format (source.h): what the format
     * said of each physical line (index k is physical line k); NULL for text. */
    struct vn_srcline *src;
    size_t nsrc;
    uint8_t input;    /* vnplan_input */
    uint8_t loc_unit; /* VN_LOC_* of src[].loc */

    vn_pline *plines;
    size_t nplines, capplines;
    vn_lline *llines;
    size_t nllines, capllines;

    vn_piece *pieces;
    size_t npieces, cappieces;
    uint32_t body_first, body_end; /* logical lines of the first document's body: [first, end) */
    /* A file may hold several documents (a decision, then the plan it
     * issues, with a header of its own): the logical line each starts at. */
#define VN_MAX_DOCUMENTS 16
    uint32_t doc_start[VN_MAX_DOCUMENTS];
    size_t ndocs;

    vn_node *nodes;
    size_t nnodes, capnodes;

    vn_target *targets;
    size_t ntargets, captargets;
    /* the targets' parts (vn_target_set_parts): [0] is none; part_slots
     * finds a combination already kept (open addressing, capped) */
    vn_part_set *part_sets;
    size_t npart_sets, cappart_sets;
    uint32_t *part_slots;
    size_t npart_slots;

    vn_meta meta;

    char **warnings;
    size_t nwarnings, capwarnings;

    vn_arena arena;

    /* seconds each pipeline stage took (vnplan parse --stats) */
    double stage_seconds[8];

    /* set only for trees loaded from XML */
    bool from_xml;
    vn_ospan *node_ospans;
    vn_ospan *target_ospans;
    const char *base_title; /* a baseline's human title */
    const char *source;          /* the tree's `source` attribute: the file it was parsed from */
    const char *source_encoding; /* the tree's `encoding` attribute */
    const char *baseline;        /* the `baseline` attribute: the decision a baseline stands for */

    /* What comparisons with this document as the baseline read of it alone,
     * made by the first one (compare_cache.c) and kept until the document
     * is freed: a batch compares thousands of plans with one decision. */
    _Atomic(struct vn_cmp_cache *) cmp_cache;
};

/* Frees what vn_cmp_cache holds (compare_cache.c); NULL is allowed. */
void vn_cmp_cache_free(struct vn_cmp_cache *k);
/* Gives doc, bundled baseline i as baked (load_baked.c), the comparison
 * cache the build made for it, when that cache fits (compare_baked.c). */
void vn_cmp_cache_baked(vnplan_doc *doc, size_t i);

/* Adds a node as the last child of `parent` (-1 for the root itself) and
 * returns its index.  The array may move: never keep vn_node pointers across
 * this call. */
int32_t vn_node_add(vnplan_doc *doc, int32_t parent, vn_kind kind);

void vn_doc_warn(vnplan_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Renders normalized text [start, end) as a reader sees it: physical lines
 * joined with one space (none after a hyphen break), furniture lines
 * skipped, runs of white space collapsed, ends trimmed.  Appends to out. */
void vn_render_span(const vnplan_doc *doc, vn_span span, vn_buf *out);
/* vn_render_span of a document with lines, from its physical line k (the
 * line of span.start, which a caller that keeps a hint finds faster). */
void vn_render_span_from(const vnplan_doc *doc, vn_span span, size_t k, vn_buf *out);
/* The pieces of a span as vn_render_span joins them: one a physical line it
 * crosses (blank lines, page furniture and footnotes
 * spliced into it left out: vn_pline_hidden), trimmed of spaces and
 * tabs, never empty.  Start with *k = vn_line_of(doc, span.start); each call
 * gives the next piece [*a, *b) and its line, NULL after the last. */
const vn_pline *vn_span_next_piece(const vnplan_doc *doc, vn_span span, size_t *k, size_t *a, size_t *b);
/* What goes between the text so far and the next piece, starting at a on
 * line pl: a space (returns 1), nothing where the line joins without one
 * (0), or, for "lư-" + "ợng", the hyphen that only broke the word taken
 * back (-1). */
int vn_span_join_piece(vn_buf *out, const vn_pline *pl, size_t a);
/* True when s[a..b) has no tab and no two spaces in a row: collapsing it
 * changes nothing. */
bool vn_nothing_to_collapse(const char *s, size_t a, size_t b);
/* Appends s[a..b) with runs of spaces and tabs as one space. */
void vn_put_collapsed(vn_buf *out, const char *s, size_t a, size_t b);

/* The spans of a node's own text in order: its text span, then the pieces
 * chained to a joined field.  Start with *it = VN_TEXT_FIRST; false at the end. */
#define VN_TEXT_FIRST (-2)
bool vn_node_text_next(const vnplan_doc *doc, const vn_node *n, int32_t *it, vn_span *sp);

/* A node's own text as a reader sees it (vn_render_span of each of its
 * spans, joined with a space).  Appends to out. */
void vn_render_node_text(const vnplan_doc *doc, const vn_node *n, vn_buf *out);

/* A node's number as shown: "II", "a", and "1" for a footnote's "¹". */
void vn_render_number(const vnplan_doc *doc, size_t node, vn_buf *out);

/* Physical line index containing normalized offset `off`. */
size_t vn_line_of(const vnplan_doc *doc, size_t off);

/* A node's own text (its lines, without its children), normalized offsets. */
vn_span vn_node_own_span(const vnplan_doc *doc, size_t node);

/* A target's parts (VN_PART_*, each NULL when not named); valid until the
 * next vn_target_set_parts on the document. */
const char *const *vn_target_parts(const vnplan_doc *doc, const vn_target *t);
/* Records v (strings that live as long as the document) as t's parts,
 * shared with the targets that name the same ones. */
void vn_target_set_parts(vnplan_doc *doc, vn_target *t, const char *const v[VN_PART__COUNT]);

/* Original-file span of a node's subtree / of a normalized span. */
vnplan_span vn_node_ospan(const vnplan_doc *doc, size_t node);
vnplan_span vn_span_to_orig(const vnplan_doc *doc, vn_span s);

#endif
