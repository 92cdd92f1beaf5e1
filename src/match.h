/* match.h — phrase lists from the grammar files, matched against folded
 * text (lower case, one tone placement, white space collapsed).
 *
 * A grammar row's phrase is plain words ("nơi nhận"), or a pcre2 pattern
 * written between slashes ("/^số\s*:?/").  Plain phrases match at word
 * boundaries; patterns match as written. */
#ifndef VN_MATCH_H
#define VN_MATCH_H

#include "grammar.h"

#include <stddef.h>

typedef struct vn_phrase {
    char *text;       /* folded phrase, or the pattern source */
    size_t len;
    vn_regex *re;     /* for /pattern/ rows */
    const char *value; /* the row's value field (a label, a slug), or NULL */
    uint32_t line;
} vn_phrase;

typedef struct vn_phrases {
    vn_phrase *v;
    size_t n, cap;
} vn_phrases;

/* Loads the rows of `block` in `file`.  With value_field >= 0 each row is
 * VALUE<TAB>PHRASE (value in field 0); otherwise PHRASE alone. */
vnplan_status vn_phrases_load(vn_phrases *p, const vnplan_grammar *g, const char *file,
                              const char *block, bool with_value, vn_error *err);
void vn_phrases_free(vn_phrases *p);

/* One block of a file a stage keeps as phrases, named like the vn_phrases
 * field of the stage's rules it is loaded into.  A stage lists its blocks
 * once, in a static table: vn_phrases_load_blocks loads them in order,
 * stopping at the first error, and vn_phrases_free_blocks frees the same
 * fields, so that a block added to the table is freed too. */
typedef struct vn_phrase_block {
    size_t offset; /* of the field in the stage's rules */
    const char *block;
    bool with_value;
} vn_phrase_block;
#define VN_PHRASE_BLOCK(rules_type, field, with_value)                                                       \
    {                                                                                                        \
        offsetof(rules_type, field), #field, with_value                                                      \
    }
/* A stage that lists its blocks as LIST(X), X(field, with_value) for each,
 * declares their fields with LIST(VN_PHRASES_FIELD), so that each block is
 * named once for both its field and its row of the table. */
#define VN_PHRASES_FIELD(field, with_value) vn_phrases field;
vnplan_status vn_phrases_load_blocks(void *rules, const vnplan_grammar *g, const char *file,
                                     const vn_phrase_block *blocks, size_t n, vn_error *err);
void vn_phrases_free_blocks(void *rules, const vn_phrase_block *blocks, size_t n);

/* Index of the first phrase that matches, or -1.
 *   prefix: at the start of the text, ending at a word boundary;
 *   whole:  the whole text (trailing ":.;," ignored);
 *   find:   anywhere, at word boundaries; *at and *len receive the match. */
int vn_phrases_prefix(const vn_phrases *p, const char *s, size_t n, size_t *len);
int vn_phrases_whole(const vn_phrases *p, const char *s, size_t n);
int vn_phrases_find(const vn_phrases *p, const char *s, size_t n, size_t *at, size_t *len);

/* The matching key of a piece of text: folded (VN_FOLD_KEY), white space
 * runs collapsed to one space, trimmed.  Replaces out's content. */
void vn_fold_key(const char *s, size_t n, vn_buf *out);
/* The same of field k of a grammar row, from its baked fold when it has one. */
void vn_fold_key_row(const vn_grow_row *row, size_t k, vn_buf *out);

#endif
