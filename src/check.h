/* check.h — the check stage: a plan's consistency with itself and with the
 * decision it implements (numbering, parts and totals, phases, restated
 * targets, citations and dates, sections, period, administrative level,
 * deadlines, duties).
 *
 * check.c holds the rule registry, the findings and the public API; the
 * rules live in files by family (check_structure.c, check_targets.c,
 * check_refs.c); check_render.c writes the reports.  The words the rules
 * rest on are in grammars/check.txt; docs/check.md documents every rule. */
#ifndef VN_CHECK_H
#define VN_CHECK_H

#include "doc.h"
#include "grammar.h"
#include "match.h"
#include "check_i18n.h"

/* Rules, in report order.  Their ids (vn_check_rule_id) are the public names. */
typedef enum vn_rule {
    VN_RULE_NUMBERING,
    VN_RULE_PART_EXCEEDS_TOTAL,
    VN_RULE_PHASE_REGRESSION,
    VN_RULE_RESTATED_DIFFERENTLY,
    VN_RULE_CITATION,
    VN_RULE_DATE_ORDER,
    VN_RULE_MISSING_SECTION,
    VN_RULE_EMPTY_SECTION,
    VN_RULE_PERIOD,
    VN_RULE_ADMIN_LEVEL,
    VN_RULE_UNASSIGNED_TASK,
    VN_RULE_DEADLINE,
    VN_RULE__COUNT
} vn_rule;

const char *vn_check_rule_id(vn_rule r);
/* What the rule checks, in English (a msgid): the reports say it in their
 * language beside the id. */
const char *vn_check_rule_words(vn_rule r);

typedef struct vn_check_finding {
    uint8_t rule;     /* vn_rule */
    uint8_t severity; /* vnplan_severity */
    vn_span span;     /* normalized offsets of the words it rests on */
    vnplan_span ospan; /* the same in the original file */
    const char *message;  /* in the language of the run */
    const char *evidence; /* the words, rendered */
} vn_check_finding;

struct vnplan_check {
    const vnplan_doc *doc;
    vn_check_finding *findings;
    size_t nfindings, capfindings;
    bool english;
    vn_arena arena;
};

/* Compiled grammars/check.txt. */
struct vn_check_rules {
    vn_phrases decrease;        /* indicator words of a target meant to go down */
    vn_phrases abolished_level; /* DATE<TAB>phrase: a level that no longer exists from DATE */
    vn_phrases abolished_past;  /* words before such a level that name it as history */
    vn_phrases abolished_after; /* ... and after it */
    vn_phrases issuer;          /* CODE<TAB>phrase: who issues documents numbered .../CODE */
    vn_phrases cite_date;       /* the date after a reference: DAY MONTH YEAR */
    vn_phrases period;          /* years of a plan's own period in its title */
    vn_phrases responsible;     /* words that put a body in charge of a task */
    vn_phrases not_task_group;  /* headings under nhiệm vụ that are no task group */
    vn_phrases vision;          /* a phase that looks beyond the period (tầm nhìn, định hướng) */
    vn_phrases generic;         /* indicator words that name no group of their own */
    vn_phrases deadline;        /* a deadline: DAY MONTH YEAR, or YEAR */
    vn_phrases section_words;   /* LABEL<TAB>phrase: a heading that names a canonical section too */
};

/* What a rule family reads and where it writes. */
typedef struct vn_check_ctx {
    const vnplan_doc *doc;
    const vnplan_doc *base; /* the decision it implements, or NULL */
    const struct vn_check_rules *rules;
    vnplan_check *out;
    bool enabled[VN_RULE__COUNT];
} vn_check_ctx;

/* Adds a finding: `span` in normalized offsets of ctx->doc; `evidence` the
 * words it rests on, or NULL for the span's text; the message a printf
 * format that is already translated (pass _("...")). */
void vn_check_add(vn_check_ctx *c, vn_rule rule, vnplan_severity sev, vn_span span, const char *evidence,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Rule families. */
void vn_check_structure(vn_check_ctx *c); /* numbering, missing-section, empty-section, unassigned-task */
void vn_check_targets(vn_check_ctx *c);   /* part-exceeds-total, phase-regression, restated-differently, period */
void vn_check_refs(vn_check_ctx *c);      /* citation, date-order, admin-level, deadline */

/* Shared helpers. */
/* Where a normalized span lies in the original file (for a tree read from
 * XML: the span of the target or node that holds it). */
vnplan_span vn_check_ospan(const vnplan_doc *doc, vn_span span);
/* A node's heading as a reader names it: "III.1" style marker and title, rendered. */
void vn_check_node_name(const vnplan_doc *doc, size_t node, vn_buf *out);
/* Day count of an ISO date "YYYY-MM-DD" (or "YYYY-MM"), for ordering; -1 if not one. */
long vn_check_iso_days(const char *iso);
/* A value as a Vietnamese reader writes it: 2,5 and 80.000 (vi), 2.5 and 80,000 (en). */
void vn_check_number(const vnplan_check *ck, double v, vn_buf *out);

/* Reports (check_render.c). */
vnplan_status vn_check_render_text(const vnplan_check *const *cs, size_t n, unsigned flags, FILE *out,
                                   vn_error *err);
vnplan_status vn_check_render_json(const vnplan_check *const *cs, size_t n, FILE *out, vn_error *err);
vnplan_status vn_check_render_html(const vnplan_check *const *cs, size_t n, FILE *out, vn_error *err);

#endif
