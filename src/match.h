/* match.h — phrase lists from the grammar files, matched against folded
 * text (lower case, one tone placement, white space collapsed).
 *
 * A grammar row's phrase is plain words ("nơi nhận"), or a pcre2 pattern
 * written between slashes ("/^số\s*:?/").  Plain phrases match at word
 * boundaries; patterns match as written. */
#ifndef VN_MATCH_H
#define VN_MATCH_H

#include "grammar.h"

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

/* One block of a file a stage keeps as phrases: vn_phrases_load_blocks
 * loads a table of them in order, stopping at the first error. */
typedef struct vn_phrase_block {
    vn_phrases *into;
    const char *block;
    bool with_value;
} vn_phrase_block;
vnplan_status vn_phrases_load_blocks(const vnplan_grammar *g, const char *file, const vn_phrase_block *blocks,
                                     size_t n, vn_error *err);

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

#endif
