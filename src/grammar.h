/* grammar.h — the data files in grammars/, loaded once into tables, and the
 * per-stage compiled forms built from them (pcre2 patterns, phrase lists).
 *
 * File format (every file): UTF-8 text, one entry per line, fields separated
 * by TAB, '#' starts a comment line, blank lines ignored.  A line "[name]"
 * starts a named block; rows before any block belong to block "".  What the
 * fields mean is documented at the top of each file and in docs/grammars.md. */
#ifndef VN_GRAMMAR_H
#define VN_GRAMMAR_H

#include "common.h"

#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct vn_grow_row {
    const char **f;  /* fields, NUL-terminated, normalized (NFC, unified dashes/quotes) */
    uint16_t nf;
    uint32_t line;   /* line in the file, for messages */
    const char *block;
    /* the built-in grammar's rows (tools/bake.c): each field already folded
     * as vn_fold(VN_FOLD_KEY) folds it, NULL for one that folds to itself;
     * the array NULL in the rows of a grammar loaded from files.  Read
     * through vn_grammar_fold. */
    const char *const *folded;
} vn_grow_row;

typedef struct vn_gtable {
    const char *file; /* "sections.txt" */
    vn_grow_row *rows;
    size_t nrows, caprows;
} vn_gtable;

/* The stages that compile a part of the grammar (built at load time), in
 * pipeline order.  X(name, field): the part g->field is a struct
 * vn_name_rules, built by vn_name_rules_init and freed by vn_name_rules_free,
 * both in the stage's own file (vn_frame_rules_init in frame.c).  The loader
 * runs them in this order (grammar.c); check, last, may wait for its first use. */
#define VN_GRAMMAR_STAGES(X)                                                                                 \
    X(lines, lines) X(marker, markers) X(frame, frame) X(label, label) X(meta, meta) X(target, targets)      \
    X(compare, compare) X(check, check)

#define VN_STAGE_RULES_DECLARE(name, field)                                                                  \
    struct vn_##name##_rules;                                                                                \
    vnplan_status vn_##name##_rules_init(vnplan_grammar *g, vn_error *err);                                  \
    void vn_##name##_rules_free(struct vn_##name##_rules *r);
VN_GRAMMAR_STAGES(VN_STAGE_RULES_DECLARE)
#undef VN_STAGE_RULES_DECLARE

struct vnplan_grammar {
    vn_gtable *tables;
    size_t ntables, captables;
    vn_arena arena;
#define VN_STAGE_RULES_FIELD(name, field) struct vn_##name##_rules *field;
    VN_GRAMMAR_STAGES(VN_STAGE_RULES_FIELD)
#undef VN_STAGE_RULES_FIELD
};

/* The table for a file, or an empty table when no such file exists. */
const vn_gtable *vn_grammar_table(const vnplan_grammar *g, const char *file);

/* Rows of one block ("[name]") of a file, via a callback-free iterator:
 * start with *i = 0; returns NULL when done. */
const vn_grow_row *vn_grammar_next(const vn_gtable *t, const char *block, size_t *i);

/* Appends field k of row, folded by vn_fold(VN_FOLD_KEY), to out: the
 * fold baked with the built-in grammar's rows, or folded now.  Folding the
 * grammar's phrases as each stage compiled them was 1.2 million
 * instructions at every start of `vnplan diff` (issue 13). */
void vn_grammar_fold(const vn_grow_row *row, size_t k, vn_buf *out);

/* The first fields of the rows of `block` in `file`, verbatim (spellings,
 * not folded; empty ones left out), appended to (*out)[0..*n): pointers
 * into the grammar, the array to free. */
void vn_grammar_words(const vnplan_grammar *g, const char *file, const char *block, const char ***out, size_t *n);

/* A grammar pattern.  Compiled when the grammar is built, but JIT-compiled
 * only once it has been matched VN_REGEX_JIT_AFTER times: pcre2's JIT takes
 * some 20 us a pattern, 1.3 ms for the built-in grammar — a third of what
 * starting vnplan cost — and pays only when a pattern runs hundreds of
 * times (on a 1 MB plan `vnplan check` is 20 % faster with it; a 20 KB plan
 * shows no difference, and now JIT-compiles none).  The JIT works on a copy of the pattern, published
 * atomically: other threads match the interpreted pattern meanwhile, and
 * the shared one is never changed under them (grammar.c).
 *
 * The patterns of the built-in grammar are not even compiled until their
 * first match (vn_regex_code): 46 patterns, 1 million instructions at every
 * start, and a run uses only some.  They are known to compile (the test
 * suite loads the same files with vnplan_grammar_load, which compiles each
 * at once, so that a grammar of the user's own shows its mistakes when
 * loaded). */
typedef struct vn_regex {
    const char *pattern;        /* compiled on first use when code is NULL; lives as long as the regex */
    const unsigned char *baked; /* the built-in grammar's: the pattern compiled at build time, or NULL */
    _Atomic(pcre2_code *) code; /* interpreted */
    _Atomic(pcre2_code *) jit;  /* the JIT-compiled copy, once made */
    _Atomic(unsigned) uses;     /* counts up to VN_REGEX_JIT_AFTER, then stops */
} vn_regex;

#define VN_REGEX_JIT_AFTER 256

/* Compiles a pattern for matching folded text (caseless, UTF, UCP); on error
 * fills err with "FILE:LINE: message". */
vn_regex *vn_grammar_regex(const char *pattern, const char *file, uint32_t line, vn_error *err);

/* The compiled pattern, compiled now if it was not (any thread; the first
 * to finish publishes it).  Allocation failure leaves by vn_oom. */
pcre2_code *vn_regex_code(vn_regex *re);

/* pcre2_match with the pattern's JIT copy when there is one; counts the use. */
int vn_regex_match(vn_regex *re, PCRE2_SPTR subject, PCRE2_SIZE length, PCRE2_SIZE start, uint32_t options,
                   pcre2_match_data *md, pcre2_match_context *mctx);

/* Frees both forms; NULL is fine. */
void vn_regex_free(vn_regex *re);

/* The built-in grammar's patterns compiled at build time (tools/bake.c,
 * `bake grammar`): pcre2_serialize_encode's bytes of each, sorted by
 * pattern.  vn_regex_code decodes them instead of compiling (16,000
 * instructions a pattern against 1,000: 0.7 million at every start of
 * `vnplan diff`, issue 13); bytes that this pcre2 does not read (another
 * version or build of it) are refused by pcre2_serialize_decode, and the
 * pattern is compiled as before. */
typedef struct vn_baked_pattern {
    const char *pattern;
    const unsigned char *code;
} vn_baked_pattern;
extern const vn_baked_pattern vn_baked_patterns[];
extern const size_t vn_baked_patterns_count;
/* For tools/bake.c: every pattern the built-in grammar has made so far
 * (its own and its check rules', once built), in the order made. */
const char *const *vn_grammar_default_patterns(size_t *n);
/* For tools/bake.c: pattern compiled as vn_regex_code compiles it and
 * serialized into out; false when it does not compile. */
bool vn_regex_serialize(const char *pattern, vn_buf *out);

/* Process-wide set-up (the per-thread match data's key), run once whichever
 * thread comes first. */
void vn_library_init(void);

/* This thread's match data for pcre2_match (compiled patterns are shared by
 * threads; match data is not).  Read the ovector before the next match on
 * the same thread. */
pcre2_match_data *vn_match_data(void);

/* A grammar's check rules: a loaded grammar's g->check; the built-in
 * grammar's, compiled by the first call (grammar.c).  NULL, with the reason
 * in err, when they cannot be compiled. */
const struct vn_check_rules *vn_grammar_check_rules(const vnplan_grammar *g, vn_error *err);

/* Files compiled into the binary (generated from grammars/ and
 * corpus/decisions/ by tools/embed.c at build time). */
typedef struct vn_embedded {
    const char *name;
    const unsigned char *data;
    size_t len;
} vn_embedded;

extern const vn_embedded vn_embedded_grammars[];
extern const size_t vn_embedded_grammars_count;
extern const vn_embedded vn_embedded_baselines[];
extern const size_t vn_embedded_baselines_count;
extern const vn_embedded vn_embedded_schema[];
extern const size_t vn_embedded_schema_count;
/* message catalogs compiled by msgfmt from po/LANG.po ("vi.mo") */
extern const vn_embedded vn_embedded_catalogs[];
extern const size_t vn_embedded_catalogs_count;

/* vnplan_load_xml for a tree compiled into the library, without the schema
 * check the test suite has already made (load_xml.c). */
vnplan_status vn_load_xml_bundled(const void *bytes, size_t len, const char *name, const vnplan_grammar *grammar,
                                  vnplan_doc **out, char *err, size_t errlen);

/* The built-in grammar files already split into rows, in the order of
 * vn_embedded_grammars (tools/bake.c writes them from the library's own
 * parse at build time): the built-in grammar points its tables at them. */
typedef struct vn_baked_table {
    const char *file;
    const vn_grow_row *rows;
    size_t nrows;
} vn_baked_table;
extern const vn_baked_table vn_baked_grammar[];
extern const size_t vn_baked_grammar_count;

/* The bundled baselines already loaded with the built-in grammar, one entry
 * per entry of vn_embedded_baselines, in its order (tools/bake.c writes
 * them at build time, load_baked.c reads them). */
extern const vn_embedded vn_baked_baselines[];
extern const size_t vn_baked_baselines_count;
/* Writes doc (may be NULL: a tree that has no name) with the name and title
 * of its entry in the list of baselines; *out is a new buffer. */
void vn_bake_doc(const vnplan_doc *doc, const char *name, const char *title, vn_buf *out);
/* The name and title written with a baked tree (NULL when none; pointers into
 * the blob); false when the blob is not one this build reads. */
bool vn_baked_head(const vn_embedded *e, const char **name, const char **title);
/* The baked tree, named `name`, for the built-in `grammar`; false (nothing
 * allocated) when the blob is not one this build reads.  Allocation failure
 * jumps to the innermost recovery point, which frees the tree begun. */
bool vn_load_baked(const vn_embedded *e, const char *name, const vnplan_grammar *grammar, vnplan_doc **out);
/* Whether g is the built-in grammar (vnplan_grammar_default), without building it. */
bool vn_grammar_is_default(const vnplan_grammar *g);
/* For tools/bake.c: bundled baseline i (of vn_embedded_baselines) loaded from
 * its XML with the built-in grammar and written by vn_bake_doc; the tree
 * itself into *keep (NULL: freed). */
vnplan_status vn_baseline_bake(size_t i, vn_buf *out, vnplan_doc **keep, char *err, size_t errlen);
/* For tools/bake.c: s as a C string literal (printable ASCII as it is, the
 * rest in octal); 0 for NULL. */
void vn_put_c_literal(FILE *out, const char *s);

#endif
