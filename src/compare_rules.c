/* compare_rules.c — the words and numbers the comparison reads by.
 *
 * grammars/compare.txt (or a user's override) is compiled into struct
 * vn_compare_rules: synonyms, stop words, words of unconfirmed figures, body
 * name keys, topics that exclude one another, unit class compatibility,
 * comparators that are ceilings, and the tuning numbers, whose defaults
 * apply when a file leaves one out.  No word of the comparison is written
 * in C. */
#include "compare_private.h"
#include "i18n.h"

/* ---- rules: compare.txt compiled ------------------------------------------------- */

static const char CR_FILE[] = "compare.txt";

/* Field k of a grammar row folded (vn_grammar_fold) and cut into syllables
 * joined by single spaces: the form every text is reduced to before
 * comparing. */
static void cr_syllables(const vn_grow_row *row, size_t k, vn_buf *fold, vn_buf *out)
{
    vn_buf_clear(fold);
    vn_grammar_fold(row, k, fold);
    vn_buf_clear(out);
    size_t i = 0;
    const char *f = fold->data ? fold->data : "";
    bool in_word = false;
    while (i < fold->len) {
        size_t a = i;
        int32_t cp = vn_utf8_next(f, fold->len, &i);
        bool word = vn_cp_is_alnum(cp) || cp == '&';
        if (word) {
            if (!in_word && out->len)
                vn_buf_putc(out, ' ');
            vn_buf_put(out, f + a, i - a);
        }
        in_word = word;
    }
    vn_buf_cstr(out);
}

/* Field k of row, folded and cut into syllables, kept in the rules' arena. */
static const char *cr_intern(vn_compare_rules *r, const vn_grow_row *row, size_t k, vn_buf *fold, vn_buf *tmp)
{
    cr_syllables(row, k, fold, tmp);
    return vn_arena_strndup(&r->arena, tmp->data ? tmp->data : "", tmp->len);
}

static vnplan_status cr_load_list(vn_compare_rules *r, const vnplan_grammar *g, const char *block, int fields,
                                  cr_list *out, vn_buf *fold, vn_buf *tmp, vn_error *err)
{
    const vn_gtable *t = vn_grammar_table(g, CR_FILE);
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, block, &i)) != NULL) {
        if (row->nf < (uint16_t)fields)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [%s] needs %s", CR_FILE, row->line, block,
                           fields == 2 ? "CANONICAL<TAB>VARIANT" : N_("a phrase"));
        cr_phrase *p = &VN_PUSH(out->v, out->n, out->cap);
        if (fields == 2) {
            p->to = cr_intern(r, row, 0, fold, tmp);
            p->from = cr_intern(r, row, 1, fold, tmp);
        } else {
            p->from = cr_intern(r, row, 0, fold, tmp);
            p->to = NULL;
        }
        if (!p->from[0])
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [%s]: a phrase without letters or digits", CR_FILE,
                           row->line, block);
    }
    return VNPLAN_OK;
}

static bool cr_number(const char *s, double *v)
{
    char *end;
    double d = strtod(s, &end);
    if (end == s || *end || !isfinite(d))
        return false;
    *v = d;
    return true;
}

/* The phrase lists of compare.txt, by block, loaded and freed in turn. */
static const struct {
    const char *block;
    int fields;
    size_t off;
} cr_lists[] = {
    {"synonym", 2, offsetof(vn_compare_rules, synonyms)},
    {"stop", 1, offsetof(vn_compare_rules, stop)},
    {"unconfirmed", 1, offsetof(vn_compare_rules, unconfirmed)},
    {"body_synonym", 2, offsetof(vn_compare_rules, body_synonyms)},
    {"body_level", 1, offsetof(vn_compare_rules, body_level)},
    {"body_strip", 1, offsetof(vn_compare_rules, body_strip)},
    {"body_unit", 1, offsetof(vn_compare_rules, body_unit)},
    {"lead", 1, offsetof(vn_compare_rules, lead)},
};

static cr_list *list_of(vn_compare_rules *r, size_t k) { return (cr_list *)((char *)r + cr_lists[k].off); }

vnplan_status vn_compare_rules_init(vnplan_grammar *g, vn_error *err)
{
    vn_compare_rules *r = vn_xcalloc(1, sizeof *r);
    g->compare = r;
    vn_buf fold = {0}, tmp = {0};
    vnplan_status st = VNPLAN_OK;
    for (size_t k = 0; k < VN_COUNT(cr_lists) && st == VNPLAN_OK; k++)
        st = cr_load_list(r, g, cr_lists[k].block, cr_lists[k].fields, list_of(r, k), &fold, &tmp, err);
    const vn_gtable *t = vn_grammar_table(g, CR_FILE);
    const vn_grow_row *row;
    size_t i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "exclusive", &i)) != NULL) {
        if (row->nf < 2) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [exclusive] needs two or more phrases", CR_FILE, row->line);
            break;
        }
        r->exclusive = vn_xrealloc(r->exclusive, (r->nexclusive + 1) * sizeof *r->exclusive);
        cr_group *gr = &r->exclusive[r->nexclusive++];
        gr->n = row->nf;
        gr->v = vn_arena_alloc(&r->arena, row->nf * sizeof *gr->v);
        for (uint16_t k = 0; k < row->nf; k++)
            gr->v[k] = cr_intern(r, row, k, &fold, &tmp);
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "unit_compat", &i)) != NULL) {
        double f;
        if (row->nf < 3 || !cr_number(row->f[2], &f) || f < 0 || f > 1) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [unit_compat] needs CLASS<TAB>CLASS<TAB>FACTOR (0..1)",
                         CR_FILE, row->line);
            break;
        }
        r->compat = vn_xrealloc(r->compat, (r->ncompat + 1) * sizeof *r->compat);
        r->compat[r->ncompat].a = row->f[0];
        r->compat[r->ncompat].b = row->f[1];
        r->compat[r->ncompat].factor = f;
        r->ncompat++;
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "implied", &i)) != NULL) {
        if (row->nf < 2) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [implied] needs CLASS<TAB>PHRASE", CR_FILE, row->line);
            break;
        }
        r->implied = vn_xrealloc(r->implied, (r->nimplied + 1) * sizeof *r->implied);
        r->implied[r->nimplied].cls = row->f[0];
        r->implied[r->nimplied].phrase = row->f[1];
        r->nimplied++;
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "absolute", &i)) != NULL) {
        r->absolute = vn_xrealloc(r->absolute, (r->nabsolute + 1) * sizeof *r->absolute);
        r->absolute[r->nabsolute++] = row->f[0];
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "ceiling", &i)) != NULL) {
        int c = vn_cmp_from_name(row->f[0]);
        if (c < 0) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [ceiling]: \"%s\" is not a comparator", CR_FILE, row->line,
                         row->f[0]);
            break;
        }
        r->ceiling[c] = true;
    }
    i = 0;
    while (st == VNPLAN_OK && (row = vn_grammar_next(t, "param", &i)) != NULL) {
        double v;
        if (row->nf < 2 || !cr_number(row->f[1], &v)) {
            st = vn_fail(err, VNPLAN_ERR_GRAMMAR, "%s:%u: [param] needs NAME<TAB>NUMBER", CR_FILE, row->line);
            break;
        }
        r->params = vn_xrealloc(r->params, (r->nparams + 1) * sizeof *r->params);
        r->params[r->nparams].name = row->f[0];
        r->params[r->nparams].value = v;
        r->nparams++;
    }
    vn_buf_free(&fold);
    vn_buf_free(&tmp);
    return st;
}

void vn_compare_rules_free(struct vn_compare_rules *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < VN_COUNT(cr_lists); k++)
        free(list_of(r, k)->v);
    VN_FREE_ALL(r->exclusive, r->compat, r->implied, r->absolute, r->params);
    vn_arena_free(&r->arena);
    free(r);
}

static double cr_param_get(const vn_compare_rules *r, const char *name, double def)
{
    for (size_t i = r ? r->nparams : 0; i-- > 0;)
        if (strcmp(r->params[i].name, name) == 0)
            return r->params[i].value;
    return def;
}

void vn_cp_cx_params_load(const vn_compare_rules *r, cx_params *p)
{
#define LOAD_PARAM(name, dflt) p->name = cr_param_get(r, #name, dflt);
    CX_PARAMS(LOAD_PARAM)
#undef LOAD_PARAM
    if (!(p->certain > p->threshold))
        p->certain = p->threshold + 0.1;
}
