/* targets_parts.h — the parts of what a target measures (grammars/indicators.txt):
 * what is measured, who is counted, the training level, the field, the place.
 * Read from a target's indicator, inherited by a "trong đó" part from the
 * target it belongs to, and compared by the comparison (compare_score.c). */
#ifndef VN_TARGETS_PARTS_H
#define VN_TARGETS_PARTS_H

#include "doc.h"
#include "grammar.h"

struct vn_parts_rules;

vnplan_status vn_parts_rules_init(const vnplan_grammar *g, struct vn_parts_rules **out,
                                  vn_error *err);
void vn_parts_rules_free(struct vn_parts_rules *r);

/* Reads the parts of s[0..n) into out[VN_PART__COUNT] (arena strings, or
 * NULL for a part not named).  unit and unit_class (or NULL) are what the
 * target's number counts: a count of people or things other than a body
 * makes a body before the measured words the actor, read as the place. */
void vn_parts_read(const vnplan_grammar *g, const char *s, size_t n, const char *unit, const char *unit_class,
                   vn_arena *arena, const char *out[VN_PART__COUNT]);

/* Fills the parts of every target of doc that has none yet, from its
 * indicator (else its sentence); a part a "trong đó" target does not name
 * is its parent's.  The names found are interned through strs (or copied,
 * when it is NULL). */
void vn_targets_parts(vnplan_doc *doc, vn_strset *strs);

/* How a plan's part relates to the decision's. */
typedef enum {
    VN_PART_SAME,    /* the same words, or one side names none */
    VN_PART_NARROWER,/* the plan counts a part of what the decision counts */
    VN_PART_WIDER,   /* the plan counts more */
    VN_PART_OTHER    /* something else */
} vn_part_relation;

vn_part_relation vn_parts_relation(const vnplan_grammar *g, int part, const char *base,
                                   const char *plan);

/* True when both name the part and no name of one lies within a name of the
 * other, either way: "kỹ sư, thạc sĩ" and "tiến sĩ" share nothing, where
 * "cử nhân, kỹ sư, thạc sĩ" and "trình độ đại học, thạc sĩ, tiến sĩ" are
 * other levels that still overlap. */
bool vn_parts_disjoint(const vnplan_grammar *g, int part, const char *a, const char *b);

/* True when `name` (a population as the parts give it) is a body of
 * indicators.txt [body]: schools, training institutions, firms are counted
 * as bodies, not as people. */
bool vn_parts_is_body(const vnplan_grammar *g, const char *name);

/* True when every name of `names` stands for a list each government draws
 * up for itself (indicators.txt [own list]: "công nghệ chiến lược"): a plan
 * that names its own sectors there keeps the target, with a scope note. */
bool vn_parts_own_list(const vnplan_grammar *g, int part, const char *names);

/* A part's words as a reader sees them: "cao đẳng, trung cấp" (replaces
 * out's content; empty for NULL). */
void vn_scope_words(const char *part, vn_buf *out);

/* "measure", "population", "level", "field", "place". */
const char *vn_part_name(int part);
/* "narrower", "wider", "other" ("same" for VN_PART_SAME). */
const char *vn_part_relation_name(vn_part_relation r);

#endif
