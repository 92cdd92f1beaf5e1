/* targets_private.h — what the files of the targets stage share: tokens, the
 * compiled grammar (struct vn_target_rules), the scanner's work space, the
 * tree walker's state, and the functions one file calls in another.
 *
 * The stage is cut by what each part decides:
 *   targets_lex.c         tokens: numbers as written, words, their folded keys
 *   targets_rules.c       the phrase sets of comparators.txt, units.txt and
 *                         targets.txt, compiled and matched
 *   targets_scan.c        sentences, clauses and the values in them
 *   targets_indicators.c  what a value measures, and the phases a sentence states
 *   targets_tables.c      tables of targets
 *   targets.c             the tree: vn_targets_extract turns hits into records
 * Nothing here is part of the library's interface. */
#ifndef VN_TARGETS_PRIVATE_H
#define VN_TARGETS_PRIVATE_H

#include "targets.h"
#include "match.h"
#include "grammar.h"
#include "stages.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

/* ---- limits ------------------------------------------------------------------------ */

enum {
    MAX_PHRASE_TOKENS = 16,   /* longer grammar phrases are refused at load time */
    CITATION_LOOKBACK = 15,   /* tokens before a phase phrase searched for "Đề án ..." */
    MAX_PHASES_PER_SENTENCE = 32, /* keeps phase look-up linear on hostile input */
    MAX_NUMBER_DIGITS = 18,   /* beyond this a digit string is no quantity */
    FOLD_CACHE_MAX = 1 << 15, /* distinct words remembered per document */
    FOLD_CACHE_WORD = 64      /* longer words are folded every time */
};

/* ---- tokens --------------------------------------------------------------------------- */

enum { TK_WORD, TK_NUM, TK_PUNCT };

/* How a number is written, which decides how it is read. */
enum {
    NS_INT,        /* 35, 03, 2030 */
    NS_THOUSANDS,  /* 80.000, 1.000.000 (or 1,000,000) */
    NS_DECIMAL,    /* 2,5 — the Vietnamese decimal comma; 1.234,5 */
    NS_DOT_DECIMAL,/* 1.5, 4.0 — an English decimal point (one dot, not three digits) */
    NS_BAD         /* 1.2.3 and other section or version numbers */
};

typedef struct tok {
    uint32_t a, b;     /* bytes of the scanned text */
    uint32_t key, klen;/* folded key in scanner.keys (words, punctuation) */
    uint32_t hash;     /* of the key, for the phrase index */
    double num;        /* numbers: the value */
    uint8_t type;      /* TK_* */
    uint8_t glued;     /* no white space before it */
    uint8_t shape;     /* numbers: NS_* */
    uint8_t ndigits;   /* numbers: digits written (capped) */
    uint8_t lead_zero; /* numbers: written with a leading 0 */
    uint8_t paren;     /* depth of ( [ around it (capped) */
    uint8_t upper;     /* a word that starts with a capital letter */
    uint8_t keyed;     /* key and hash are set (words are folded on demand) */
    uint8_t frac;      /* numbers: a fraction "1/3", "2/3" (num is its percent) */
} tok;

/* ---- compiled grammar ----------------------------------------------------------------- */

/* '*' and '@' in patterns ('#' would start a comment line of the grammar file) */
enum { HOLE_NONE, HOLE_VALUE, HOLE_YEAR };

typedef struct ptok {
    const char *key;
    uint32_t klen;
    double num;
    uint8_t type;
    uint8_t hole;
} ptok;

typedef struct phrase {
    const ptok *t;
    uint16_t n;
    int16_t hole_at;   /* index of the (last) hole, or -1 */
    int8_t cmp;        /* comparators: vn_cmp */
    bool needs_lead;   /* units: a target only after comparator words ("đạt 75 tuổi") */
    const char *cls;   /* units: the unit class */
    int32_t next_first, next_last; /* hash chains */
} phrase;

typedef struct phrase_set {
    phrase *v;
    size_t n, cap;
    int32_t *by_first, *by_last; /* bucket heads, indexed by a token key's hash */
    size_t nbuckets;
} phrase_set;

struct vn_target_rules {
    phrase_set before, after, from, change, range, coordinator; /* comparators.txt */
    phrase_set unit, counted, rate, rate_before, share_of, multiple, scale, fraction_words; /* units.txt */
    phrase_set not_value, phase, not_phase, citation, sub_part, ind_lead, phase_heading,
        abbrev, quoting;                                        /* targets.txt */
    vn_regex **not_value_re;
    size_t nnot_value_re;
    struct vn_parts_rules *parts; /* indicators.txt, see targets_parts.h */
    vn_phrases situation; /* targets.txt [situation_heading]: headings of facts, not targets */
    vn_phrases current;   /* targets.txt [current_column]: a table's column or row of facts */
    /* units.txt [class_rate], [class_not_additive], [class_share]: what a
     * unit class is (its names; the strings belong to the grammar) */
    const char **class_rate, **class_not_additive, **class_share, **class_scaled;
    size_t nclass_rate, nclass_not_additive, nclass_share, nclass_scaled;
    /* units.txt [number_words], folded (in arena): "02 (hai) nhóm" */
    const char **number_words;
    size_t nnumber_words;
    /* the skeletons of every grammar word (see vn_tg_skeleton()), and their
     * keys; their bytes in vocab_text (vocab_buf's, or the baked pool) */
    struct vocab_entry *vocab, *keys;
    size_t nvocab;
    const char *vocab_text;
    vn_buf vocab_buf;
    char base_latin[0x250 - 0xC0], base_extended[0x100]; /* base letters, 0 if none */
    int32_t lower_latin[0x250 - 0xC0], lower_extended[0x100]; /* lower case of the same blocks */
    bool baked; /* the phrase sets and the vocabulary are vn_baked_targets' (read-only, not freed) */
    vn_arena arena;
};

/* A word at vocab_text + off: an offset, not a pointer, so that the baked
 * tables hold no pointer for the loader to relocate at every start (two
 * tables of 4,096 slots: 48 pages written before main). */
typedef struct vocab_entry {
    uint32_t hash, len; /* len 0: an empty slot */
    uint32_t off;
} vocab_entry;

/* The built-in grammar's phrase sets, vocabulary and letter tables as
 * vn_target_rules_init makes them, compiled at build time (tools/bake.c,
 * `bake grammar`, into build/gen/baked_grammar.c): tokenizing and folding
 * the ~600 phrases of comparators.txt, units.txt and targets.txt was
 * 2.5 million instructions, a tenth of `vnplan diff` of a 20 KB plan
 * (issue 13).  They are used only for a grammar whose rows of those files
 * are the baked rows they were made from (`rows`: the built-in grammar,
 * never one loaded with --grammars) and whose structs have the sizes the
 * build wrote them with; otherwise the rules are compiled as before.
 * test_grammar_embedded compares them with rules compiled from the files. */
enum { VN_TG_BAKED_FILES = 3, VN_TG_BAKED_SETS = 23 };
extern const char *const vn_tg_baked_files[VN_TG_BAKED_FILES]; /* comparators.txt, units.txt, targets.txt */
typedef struct vn_baked_target_rules {
    size_t sizes[5];                            /* VN_TG_BAKED_SIZES, as the writer saw them */
    const vn_grow_row *rows[VN_TG_BAKED_FILES]; /* of vn_tg_baked_files, in vn_baked_grammar */
    phrase_set sets[VN_TG_BAKED_SETS];          /* in the order of targets_rules.c's block_specs */
    const vocab_entry *vocab, *keys;
    size_t nvocab;
    const char *vocab_text;
    char base_latin[0x250 - 0xC0], base_extended[0x100];
    int32_t lower_latin[0x250 - 0xC0], lower_extended[0x100];
} vn_baked_target_rules;
#define VN_TG_BAKED_SIZES                                                                                    \
    {                                                                                                        \
        sizeof(ptok), sizeof(phrase), sizeof(phrase_set), sizeof(vocab_entry),                               \
            sizeof(struct vn_target_rules)                                                                   \
    }
extern const vn_baked_target_rules vn_baked_targets;
/* targets_rules.c: the phrase sets of r, in the order the baked ones are written */
phrase_set *vn_tg_rules_set(struct vn_target_rules *r, size_t k);

/* The class of a bare count.  Compared by address (c->cls == CLASS_COUNT), so
 * there is one copy of it, in targets_scan.c. */
extern const char CLASS_COUNT[];

/* ---- the scanner: reusable work space ---------------------------------------------------- */

typedef struct cand {
    uint32_t num;          /* token of the number */
    uint32_t lead;         /* first token of the comparator words before it (== num if none) */
    uint32_t unit_a, unit_b;
    uint32_t noun_a, noun_b; /* the counted noun, for counts */
    uint32_t end;          /* token after the unit and any comparator after it */
    uint32_t after_a, after_b; /* a comparator phrase right after the unit ("trở lên"), if any */
    uint32_t max_tok;      /* a range's upper number, or UINT32_MAX */
    uint32_t clause_a, clause_b, sent_a, sent_b;
    uint32_t ind_a[VN_SCAN_IND__COUNT], ind_b[VN_SCAN_IND__COUNT];
    uint32_t seg_before_a, seg_before_b, seg_after_a, seg_after_b; /* before trimming */
    double value, value_max;
    const char *cls;
    int8_t cmp;            /* -1 until decided */
    bool has_lead, from, change, after_cmp, in_paren, dropped, sub;
    int32_t parent;
    uint16_t phase;
} cand;

typedef struct phase_hit {
    uint32_t a, b, year_tok;
    uint16_t year;
    bool in_paren;
} phase_hit;

/* Folding a word (tone placement, case) costs far more than looking it up,
 * and a document uses a few thousand distinct syllables: each is folded
 * once.  Raw bytes and keys live in `bytes`; slots index entries. */
typedef struct fold_entry {
    uint32_t hash, raw, rawlen, key, keylen;
} fold_entry;

typedef struct fold_cache {
    fold_entry *slots; /* open addressing; rawlen 0 = empty */
    size_t nslots, used;
    vn_buf bytes;
} fold_cache;

typedef struct scanner {
    const struct vn_target_rules *r;
    fold_cache fc;
    const char *s;
    size_t n;
    tok *toks;
    size_t ntoks, captoks;
    vn_buf keys;
    uint8_t *blocked; /* per token: inside a [not_value_re] match */
    size_t capblocked;
    bool blocked_ready; /* the patterns have been run over this text */
    cand *cands;
    size_t ncands, capcands;
    phase_hit *phases;
    size_t nphases, capphases;
    int32_t list_parent; /* the target a "trong đó:" list of this sentence belongs to, or -1 */
    int32_t soft_parent; /* the target a "trong đó" (no colon) of an earlier clause opened, or -1 */
    double soft_sum;     /* ... the values of its parts so far */
    pcre2_match_data *md;
} scanner;

#define TABLE_MAX_CELLS 12
#define TABLE_GROUP_UNIT_MAX 48 /* bytes of a unit named in parentheses: "(người/năm)", "(tỷ đồng)" */

typedef struct table_cell {
    uint32_t start, end; /* normalized offsets, trimmed (a cell read from several lines: the first
                            piece's start to the last's end) */
    const char *text;    /* a cell read from several lines: its pieces joined; else NULL */
    uint32_t len;
} table_cell;

typedef struct table_head {
    int32_t parent;          /* the node whose children the rows are, or -1 */
    size_t ncells;
    uint16_t phase[TABLE_MAX_CELLS]; /* per column; VN_PHASE_NONE for text columns */
    int unit_col;            /* -1 when no column names the unit */
    /* a table laid out with spaces (VN_PL_TABLE): the header's segments */
    size_t nsegs;
    vn_segment segs[TABLE_MAX_CELLS];
    bool bordered; /* segs are the columns of pandoc's border: lines are cut at them */
    int32_t last_main[TABLE_MAX_CELLS]; /* per column: the last row's target that is no part */
    /* the unit a group row names for the rows under it ("A | Các chỉ tiêu
     * tính bằng tỷ lệ (%)"), when no column names one; group_unit_len 0: none */
    char group_unit[TABLE_GROUP_UNIT_MAX];
    size_t group_unit_len;
    /* the unit a year column's header cell names ("Năm 2030 (%)"); col_unit_len[i] 0: none */
    char col_unit[TABLE_MAX_CELLS][TABLE_GROUP_UNIT_MAX];
    uint8_t col_unit_len[TABLE_MAX_CELLS];
    /* per column: its header names what was done or is estimated
     * ("Hiện trạng năm 2024", "Ước thực hiện năm 2025"), no target */
    bool current[TABLE_MAX_CELLS];
    /* a table turned round: its rows are the phases, its header's cells the
     * indicators (targets_tables.c, read_phase_row); head_node is that header */
    bool by_rows;
    int32_t head_node;
    /* a pandoc grid table: rows of "| … | … |" lines between "+---+" borders
     * (targets_grid.c); head_node is then its line last read */
    bool grid;
} table_head;

typedef struct extractor {
    vnplan_doc *doc;
    scanner sc;
    vn_buf text, tmp;
    vn_u32s map;
    int32_t *section;     /* per node: canonical label of its top-level section */
    int32_t *open_parent; /* per node: the target its sub-items' targets belong to, or -1 */
    table_head table;     /* the last header row of a table of targets */
    vn_buf cells;         /* the text of a laid-out row's cells, read from its lines */
    uint8_t *situation;   /* per node: under a heading that reports facts ("Đánh giá thực trạng") */
    uint8_t *list_clause; /* per node: its latest part ended a clause, so a paragraph may follow */
    int32_t *list_open;   /* per node: the target its next list items belong to, because a
                             paragraph among its children ended "..., trong đó:" — or -1 */
    int32_t last_main;    /* the last target that is no part of another */
    vn_strset strs;       /* the targets' strings, each distinct one kept once */
} extractor;

/* ---- called from another file of the targets stage -------------------- */

/* targets_lex.c */
int32_t vn_tg_cp_at(const char *s, size_t n, size_t i, size_t *next);
void vn_tg_build_base_letters(struct vn_target_rules *r);
size_t vn_tg_skeleton(const struct vn_target_rules *r, const char *w, size_t n, char *out, size_t cap);
void vn_tg_vocab_insert(vocab_entry *set, size_t nslots, vn_buf *text, const char *s, size_t n);
bool vn_tg_cheap_key(const struct vn_target_rules *r, const char *w, size_t n, vn_buf *out);
void vn_tg_tokenize(scanner *sc, const char *s, size_t n);
void vn_tg_ensure_keys(scanner *sc, size_t a, size_t b);
bool vn_tg_tok_is(const scanner *sc, size_t i, const char *key);
bool vn_tg_tok_is_year(const tok *t);

/* targets_rules.c */
bool vn_tg_class_is(const char *const *list, size_t n, const char *cls);
uint32_t vn_tg_hash_bytes(const char *p, size_t n);
bool vn_tg_ptok_matches(const scanner *sc, const ptok *p, const tok *t);
const phrase *vn_tg_match_forward(const scanner *sc, const phrase_set *set, size_t i, size_t end,
                                   size_t *len);
const phrase *vn_tg_match_backward(const scanner *sc, const phrase_set *set, size_t j, size_t lo,
                                    size_t *len);
bool vn_tg_pattern_around(const scanner *sc, const phrase_set *set, size_t i, size_t lo, size_t hi);
void vn_tg_scanner_init(scanner *sc, const struct vn_target_rules *r);
void vn_tg_scanner_free(scanner *sc);

/* targets_scan.c */
size_t vn_tg_find_sub_marker(const scanner *sc, size_t a, size_t b, size_t *len);
bool vn_tg_may_hold_value(const char *s, size_t n);
/* targets_lex.c: s may hold a fraction in words ("một nửa", units.txt [fraction_words]) */
bool vn_tg_may_hold_fraction_words(const scanner *sc, const char *s, size_t n);

/* A fraction written with a slash at s[a] ("1/3 số xã", "2/3 số trường"):
 * its end, and its value as a percent in *pct; 0 when s[a] starts none.
 * Never a date ("1/3/2025"), a reference ("1/QĐ"), a range of years. */
size_t vn_tg_fraction_at(const char *s, size_t n, size_t a, double *pct);

/* The class of a fraction's value: a share, as a percent is. */
extern const char CLASS_FRACTION[];
void vn_tg_fill_hit(const scanner *sc, const cand *c, uint16_t default_phase, vn_scan_hit *h);
size_t vn_tg_scan_into(scanner *sc, const char *s, size_t n, const vn_scan_ctx *ctx,
                        vn_scan_hit *out, size_t max);
bool vn_tg_is_phase_heading(scanner *sc, const char *s, size_t n);
bool vn_tg_opens_parts(scanner *sc, const char *s, size_t n);

/* targets_indicators.c */
size_t vn_tg_first_split(const scanner *sc, size_t a, size_t b, size_t *len);
void vn_tg_build_indicators(const scanner *sc, cand *v, size_t nv);
void vn_tg_apply_leading_rates(const scanner *sc, cand *v, size_t nv);
void vn_tg_apply_share_context(const scanner *sc, cand *v, size_t nv);
void vn_tg_find_phases(scanner *sc, size_t sa, size_t sb);
uint16_t vn_tg_stated_phase(const scanner *sc, const cand *c);

/* targets_tables.c */
bool vn_tg_visit_table_row(extractor *ex, int32_t n, size_t *found);
bool vn_tg_read_table_head(const vnplan_doc *doc, const table_cell *cells, size_t n, table_head *h);
size_t vn_tg_read_table_row_text(extractor *ex, int32_t n, const table_cell *cells, size_t nc);

/* targets_grid.c */
bool vn_tg_visit_grid_row(extractor *ex, int32_t n, size_t *found);

/* targets.c */
vn_target *vn_tg_new_target(vnplan_doc *doc, int32_t node, int32_t section);

#endif
