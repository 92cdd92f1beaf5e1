/* report_row.c — what the report keeps of one plan (a row): read from a line
 * of documents.jsonl (json-c), or made straight from a comparison by the
 * batch worker that made it.
 *
 * `vnplan report` reads lines that come from anywhere (another machine's
 * shard, a hand edit); `vnplan batch` used to write its lines and read them
 * back the same way, and that reading was a tenth of a batch's time.  Its
 * workers now make the row from the comparison they hold (batch_report_row_of)
 * with the same rules as the line's reading (one function sets a cell for
 * both), and tests/sh/test_batch.sh checks that shards merged by
 * `vnplan report` from their lines equal one batch run made this way. */
#include "cli.h"
#include "dl.h"
#include "report.h"
#include "free_all.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* json-c is loaded by the first line read (batch_report_parse), not linked
 * (src/dl.h): mapping it cost every start of vnplan 0.13 million
 * instructions and 28 page faults (about 0.1 ms), for the two commands that
 * read documents.jsonl (and `vnplan batch` reads only the lines of files
 * that failed).  Every call goes through the table jc, checked against
 * <json-c/json.h>. */
#ifndef VN_JSONC_SONAME
#define VN_JSONC_SONAME "libjson-c.so.5"
#endif

#define JSONC_FUNCS(X)                                                                                      \
    X(json_object_array_get_idx) X(json_object_array_length) X(json_object_get_double) X(json_object_get_string) \
        X(json_object_is_type) X(json_object_object_get_ex) X(json_object_put) X(json_tokener_error_desc)      \
            X(json_tokener_free) X(json_tokener_get_error) X(json_tokener_new) X(json_tokener_parse_ex)         \
                X(json_tokener_reset)

typedef struct jsonc_api {
    JSONC_FUNCS(VN_DL_FIELD)
} jsonc_api;

VN_DL_DEFINE(jsonc_api, jc, JSONC_FUNCS, jc_lib, VN_JSONC_SONAME, NULL);

struct batch_report_parser {
    /* one tokener for every line (reset before each): a new one a line,
     * as json_tokener_parse_verbose makes, cost a large calloc each */
    json_tokener *tok;
};

static void out_of_memory(void)
{
    fputs("vnplan: out of memory\n", stderr);
    exit(EXIT_TROUBLE);
}

char *rp_strdup(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        out_of_memory();
    return d;
}

void *rp_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        out_of_memory();
    return p;
}

void rp_free_plan(rp_plan *p, size_t ncells)
{
    VN_FREE_ALL(p->file, p->locality, p->level, p->number, p->date, p->decision, p->page, p->error);
    for (size_t t = 0; p->cells && t < ncells; t++)
        free(p->cells[t].scope);
    free(p->cells);
}

void batch_report_row_free(batch_report_row *row)
{
    if (!row)
        return;
    for (size_t k = 0; k < row->nfindings; k++) {
        free(row->ids[k]);
        free(row->names[k]);
    }
    free(row->ids);
    free(row->names);
    rp_free_plan(&row->p, row->nfindings);
    free(row);
}

batch_report_parser *batch_report_parser_new(void) { return rp_calloc(1, sizeof(batch_report_parser)); }

void batch_report_parser_free(batch_report_parser *ps)
{
    if (ps && ps->tok)
        jc.json_tokener_free(ps->tok);
    free(ps);
}

/* ---- one finding, from either source ---- */

/* A number as a line gives it back: JSON has no NaN or infinity (null),
 * and json-c reads "-0" as the integer 0. */
static double as_read(double v) { return isnan(v) || isinf(v) ? NAN : v == 0 ? 0 : v; }

static void row_alloc(batch_report_row *row, size_t n)
{
    row->nfindings = n;
    row->p.cells = rp_calloc(n, sizeof *row->p.cells);
    row->ids = rp_calloc(n, sizeof *row->ids);
    row->names = rp_calloc(n, sizeof *row->names);
}

/* Finding k of the row: its baseline target (id, name, phase), status,
 * the plan's figures and comparator; the scope words are the row's now. */
static rp_cell *row_set(batch_report_row *row, size_t k, const char *id, const char *name, const char *phase,
                        const char *status, double value, double value_max, const char *cmp, char *scope)
{
    row->ids[k] = rp_strdup(id);
    /* a decision names a measure once per phase: the phase tells them apart */
    batch_str label = {0};
    bs_puts(&label, name ? name : id ? id : "?");
    if (phase && strcmp(phase, "general") != 0)
        bs_printf(&label, " (%s)", phase);
    row->names[k] = bs_take(&label);
    rp_cell *c = &row->p.cells[k];
    c->status = !status                       ? RP_NONE
                : !strcmp(status, "adopted") ? RP_ADOPTED
                : !strcmp(status, "changed") ? RP_CHANGED
                                             : RP_MISSING;
    c->value = value;
    c->value_max = value_max > value ? value_max : NAN;
    snprintf(c->cmp, sizeof c->cmp, "%s", cmp ? cmp : "");
    c->scope = scope;
    return c;
}

static unsigned direction_bit(const char *dir)
{
    return !dir                          ? 0
           : !strcmp(dir, "stricter")   ? RP_STRICTER
           : !strcmp(dir, "looser")     ? RP_LOOSER
           : !strcmp(dir, "localized")  ? RP_LOCALIZED
                                        : RP_DIFFERENT;
}

/* One scope note in the reports' words (vnplan_scope_text) after the
 * others, "; " between them. */
static void scope_add(batch_str *s, const char *part, const char *base, const char *plan, const char *relation)
{
    char words[512];
    if (!vnplan_scope_text(VNPLAN_LANG_VI, part, base, plan, relation, words, sizeof words))
        return;
    if (s->len)
        bs_puts(s, "; ");
    bs_puts(s, words);
}

/* ---- from a line of documents.jsonl ---- */

static const char *jstr(json_object *o, const char *key)
{
    json_object *v;
    if (!o || !jc.json_object_object_get_ex(o, key, &v) || !jc.json_object_is_type(v, json_type_string))
        return NULL;
    return jc.json_object_get_string(v);
}

static double jnum(json_object *o, const char *key)
{
    json_object *v;
    if (!o || !jc.json_object_object_get_ex(o, key, &v) ||
        !(jc.json_object_is_type(v, json_type_double) || jc.json_object_is_type(v, json_type_int)))
        return NAN;
    return jc.json_object_get_double(v);
}

static json_object *jget(json_object *o, const char *key)
{
    json_object *v;
    return o && jc.json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* The member key of o when it is an array, else NULL: json-c's array
 * functions assert their argument's type, and a line may come from anywhere
 * (another machine's shard, a hand edit). */
static json_object *jarr(json_object *o, const char *key)
{
    json_object *v = jget(o, key);
    return v && jc.json_object_is_type(v, json_type_array) ? v : NULL;
}

/* A finding's scope notes in words; NULL when it has none. */
static char *scope_words(json_object *notes)
{
    batch_str s = {0};
    for (size_t k = 0; notes && k < jc.json_object_array_length(notes); k++) {
        json_object *o = jc.json_object_array_get_idx(notes, k);
        scope_add(&s, jstr(o, "part"), jstr(o, "base"), jstr(o, "plan"), jstr(o, "relation"));
    }
    return bs_take(&s);
}

/* The findings of a line as cells, in its order, with their targets' ids
 * and names. */
static void row_findings(batch_report_row *row, json_object *findings)
{
    row_alloc(row, jc.json_object_array_length(findings));
    for (size_t k = 0; k < row->nfindings; k++) {
        json_object *f = jc.json_object_array_get_idx(findings, k);
        rp_cell *c = row_set(row, k, jstr(f, "base_id"), jstr(f, "base_name"), jstr(f, "base_phase"),
                             jstr(f, "status"), jnum(f, "value"), jnum(f, "value_max"), jstr(f, "comparator"),
                             scope_words(jarr(f, "scope")));
        json_object *ch = jarr(f, "changes");
        for (size_t j = 0; ch && j < jc.json_object_array_length(ch); j++)
            c->dirs |= direction_bit(jstr(jc.json_object_array_get_idx(ch, j), "direction"));
    }
}

batch_report_row *batch_report_parse(batch_report_parser *ps, const char *line)
{
    if (!ps->tok && !vn_dl_use(&jc_lib)) {
        cli_error(NULL,
                  "reading documents.jsonl needs the json-c library, which cannot be loaded (%s); "
                  "on Debian: apt-get install libjson-c5",
                  jc_lib.why);
        exit(EXIT_TROUBLE);
    }
    if (!ps->tok && !(ps->tok = jc.json_tokener_new()))
        out_of_memory();
    batch_report_row *row = rp_calloc(1, sizeof *row);
    jc.json_tokener_reset(ps->tok);
    json_object *o = jc.json_tokener_parse_ex(ps->tok, line, -1);
    enum json_tokener_error jerr = jc.json_tokener_get_error(ps->tok);
    if (jerr != json_tokener_success) {
        jc.json_object_put(o);
        o = NULL;
    }
    if (!o || !jc.json_object_is_type(o, json_type_object) || !jstr(o, "file")) {
        row->bad = o ? "no \"file\"" : jc.json_tokener_error_desc(jerr);
        jc.json_object_put(o);
        return row;
    }
    rp_plan *p = &row->p;
    p->file = rp_strdup(jstr(o, "file"));
    /* the reports are Vietnamese: the reason as batch said it in Vietnamese,
     * else (a line of another program) its English, through the catalog */
    const char *why = jstr(o, "error_vi");
    if (!why && jstr(o, "error"))
        why = _(jstr(o, "error"));
    p->error = rp_strdup(why);
    if (!p->error && !jarr(o, "findings"))
        p->error = rp_strdup(_("no findings in the line"));
    json_object *m = jget(o, "meta");
    p->locality = rp_strdup(jstr(m, "locality"));
    p->level = rp_strdup(jstr(m, "level"));
    p->number = rp_strdup(jstr(m, "number"));
    p->date = rp_strdup(jstr(m, "date"));
    p->decision = rp_strdup(jstr(o, "decision"));
    p->page = rp_strdup(jstr(o, "page"));
    double sentences = jnum(o, "sentences"); /* NAN when missing: not counted */
    p->sentences = sentences >= 1 && sentences < 1e12 ? (size_t)sentences : 0;
    json_object *sig = jarr(o, "minhash");
    for (size_t i = 0; i < BATCH_MINHASH_SLOTS; i++) {
        json_object *v = sig ? jc.json_object_array_get_idx(sig, i) : NULL;
        const char *sv = v ? jc.json_object_get_string(v) : NULL;
        p->sig[i] = sv ? strtoull(sv, NULL, 16) : 0;
    }
    if (!p->decision && !p->error)
        p->error = rp_strdup(_("no decision in the line"));
    /* the cells now: a line's JSON is freed before the next is read, so
     * memory holds a few numbers per plan, not its findings */
    if (!p->error)
        row_findings(row, jarr(o, "findings"));
    jc.json_object_put(o);
    return row;
}

/* ---- straight from the comparison ---- */

batch_report_row *batch_report_row_of(const char *file, const vnplan_diff *diff, const char *decision,
                                      const char *page, size_t sentences, const uint64_t sig[BATCH_MINHASH_SLOTS])
{
    const vnplan_doc *base = vnplan_diff_base(diff), *plan = vnplan_diff_plan(diff);
    batch_report_row *row = rp_calloc(1, sizeof *row);
    rp_plan *p = &row->p;
    p->file = rp_strdup(file);
    p->locality = rp_strdup(vnplan_meta_locality(plan));
    p->level = rp_strdup(vnplan_meta_level(plan));
    p->number = rp_strdup(vnplan_meta_number(plan));
    p->date = rp_strdup(vnplan_meta_date(plan));
    p->decision = rp_strdup(decision);
    p->page = rp_strdup(page);
    p->sentences = sentences;
    for (size_t i = 0; i < BATCH_MINHASH_SLOTS; i++)
        p->sig[i] = sentences ? sig[i] : 0;
    if (!p->decision) {
        p->error = rp_strdup(_("no decision in the line"));
        return row;
    }
    row_alloc(row, vnplan_diff_finding_count(diff));
    batch_str list[2] = {{0}, {0}};
    for (size_t k = 0; k < row->nfindings; k++) {
        size_t bt = vnplan_diff_finding_base_target(diff, k), pt = vnplan_diff_finding_plan_target(diff, k);
        batch_str scope = {0};
        for (size_t j = 0; j < vnplan_diff_finding_scope_count(diff, k); j++) {
            const char *part = NULL, *sb = NULL, *sp = NULL, *rel = NULL;
            vnplan_diff_finding_scope(diff, k, j, &part, &sb, &sp, &rel);
            scope_add(&scope, part, batch_list_words(&list[0], sb), batch_list_words(&list[1], sp), rel);
        }
        bool none = pt == VNPLAN_NONE;
        rp_cell *c = row_set(row, k, vnplan_diff_finding_base_id(diff, k), vnplan_target_name(base, bt),
                             vnplan_target_phase(base, bt), vnplan_diff_finding_status(diff, k),
                             none ? NAN : as_read(vnplan_target_value(plan, pt)),
                             none ? NAN : as_read(vnplan_target_value_max(plan, pt)),
                             none ? NULL : vnplan_target_comparator(plan, pt), bs_take(&scope));
        for (size_t j = 0; j < vnplan_diff_finding_change_count(diff, k); j++)
            c->dirs |= direction_bit(vnplan_diff_finding_direction(diff, k, j));
    }
    free(list[0].s);
    free(list[1].s);
    return row;
}
