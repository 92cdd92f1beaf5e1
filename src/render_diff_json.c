/* render_diff_json.c — the diff report as JSON (docs/diff.md).  The field
 * names of the top level and of a finding are fixed by issue 4 and relied on
 * by other programs:
 *
 *   {"base": {...}, "plan": {...}, "summary": {...},
 *    "findings": [{"base_id", "status", "changes": [...], "confidence",
 *                  "unverified", "base": target, "plan": target or null,
 *                  "restated": [target]}],
 *    "added": [target],
 *    "qualitative": [...], "task_groups": [...], "duties": {...}, "funding": {...}}
 *
 * A target is the object of docs/format.md ({"id", "kind", "indicator",
 * "value", ...}).  Several diffs give an array of such objects. */
#include "compare.h"
#include "render.h"
#include "targets_parts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct js {
    vn_sink o;
    vn_buf tmp;
} js;

static void j_kd(js *j, const char *k, double v, bool comma)
{
    char num[40];
    vn_json_key(&j->o, k, comma);
    /* two decimals are what a score means; never NaN in JSON */
    if (!isfinite(v))
        vn_sink_puts(&j->o, "null");
    else {
        snprintf(num, sizeof num, "%.2f", v);
        vn_sink_puts(&j->o, num);
    }
}

static void j_kb(js *j, const char *k, bool v, bool comma)
{
    vn_json_key(&j->o, k, comma);
    vn_sink_puts(&j->o, v ? "true" : "false");
}

static void j_target(js *j, const vnplan_doc *doc, int32_t t)
{
    if (t < 0 || (size_t)t >= doc->ntargets) {
        vn_sink_puts(&j->o, "null");
        return;
    }
    const vn_target *tg = &doc->targets[t];
    char idb[24], pb[24], ph[8], num[40];
    vn_sink_putc(&j->o, '{');
    vn_json_kv(&j->o, "id", vn_render_target_id(doc, (size_t)t, idb), false);
    vn_json_kv(&j->o, "kind", tg->qualitative ? "qualitative" : "quantified", true);
    vn_json_kv(&j->o, "indicator", tg->indicator, true);
    vn_json_key(&j->o, "value", true);
    if (!tg->qualitative && vn_fmt_double(tg->value, num))
        vn_sink_puts(&j->o, num);
    else
        vn_sink_puts(&j->o, "null");
    vn_json_kv(&j->o, "value_text", tg->qualitative ? NULL : tg->value_text, true);
    vn_json_kv(&j->o, "unit", tg->unit, true);
    vn_json_kv(&j->o, "unit_class", tg->unit_class, true);
    vn_json_kv(&j->o, "comparator", tg->qualitative ? NULL : vn_cmp_name((vn_cmp)tg->cmp), true);
    vn_json_kv(&j->o, "phase", vn_render_phase(tg->phase, ph), true);
    vn_json_kv(&j->o, "section", vn_label_name((vn_label)tg->section), true);
    vn_json_kv(&j->o, "parent",
         tg->parent >= 0 && (size_t)tg->parent < doc->ntargets ? vn_render_target_id(doc, (size_t)tg->parent, pb)
                                                                : NULL,
         true);
    vn_json_kv(&j->o, "confidence", tg->confidence, true);
    vn_json_kv(&j->o, "text", tg->text, true);
    vnplan_span sp = vnplan_target_span(doc, (size_t)t);
    vn_json_key(&j->o, "span", true);
    vn_json_span(&j->o, sp);
    vn_sink_putc(&j->o, '}');
}

/* ,"base": target, "plan": target — the two sides of a finding. */
static void j_pair(js *j, const vnplan_diff *d, int32_t base, int32_t plan)
{
    vn_sink_puts(&j->o, ",\n     \"base\": ");
    j_target(j, d->base, base);
    vn_sink_puts(&j->o, ",\n     \"plan\": ");
    j_target(j, d->plan, plan);
}

static void j_doc(js *j, const vnplan_doc *doc, bool is_base)
{
    const vn_meta *m = &doc->meta;
    vn_sink_putc(&j->o, '{');
    vn_json_kv(&j->o, "source", doc->from_xml && doc->source ? doc->source : doc->name, false);
    if (is_base) {
        vn_json_kv(&j->o, "decision", vn_diff_base_decision(doc), true);
        j_kb(j, "bundled", doc->baseline != NULL, true);
    }
    vn_buf_clear(&j->tmp);
    vn_diff_doc_long(doc, VN_LANG_EN, &j->tmp); /* the ISO date: for programs */
    vn_json_kv(&j->o, "title", vn_buf_cstr(&j->tmp), true);
    vn_json_kv(&j->o, "type", m->type, true);
    vn_json_kv(&j->o, "number", m->number, true);
    vn_json_kv(&j->o, "date", m->date, true);
    vn_json_kv(&j->o, "issuer", m->issuer, true);
    vn_json_kv(&j->o, "locality", m->locality, true);
    vn_json_key(&j->o, "implements", true);
    vn_sink_putc(&j->o, '[');
    for (size_t i = 0; i < m->nimplements; i++) {
        if (i)
            vn_sink_puts(&j->o, ", ");
        vn_json_str(&j->o, m->implements[i].number);
    }
    vn_sink_putc(&j->o, ']');
    vn_sink_putc(&j->o, '}');
}

static void j_node(js *j, const vnplan_doc *doc, int32_t node)
{
    if (node < 0) {
        vn_sink_puts(&j->o, "null");
        return;
    }
    vn_sink_putc(&j->o, '{');
    vn_buf_clear(&j->tmp);
    vn_render_number(doc, (size_t)node, &j->tmp);
    vn_json_kv(&j->o, "number", vn_buf_cstr(&j->tmp), false);
    vn_buf_clear(&j->tmp);
    vn_render_span(doc, doc->nodes[node].title, &j->tmp);
    if (!j->tmp.len)
        vn_diff_node_heading(doc, node, &j->tmp);
    vn_json_kv(&j->o, "title", vn_buf_cstr(&j->tmp), true);
    vnplan_span sp = vnplan_node_span(doc, (size_t)node);
    vn_json_ku(&j->o, "line", sp.line, true);
    vn_sink_putc(&j->o, '}');
}

static void j_body(js *j, const vn_body *b, const vn_body *other, const char *other_key)
{
    vn_sink_putc(&j->o, '{');
    vn_json_kv(&j->o, "body", b->name, false);
    j_kb(j, "lead", b->lead, true);
    vn_json_kv(&j->o, other_key, b->counterpart >= 0 ? other[b->counterpart].name : NULL, true);
    vn_sink_putc(&j->o, '}');
}

static void j_one(js *j, const vnplan_diff *d)
{
    vn_sink *o = &j->o;
    vn_dsum s;
    vn_diff_summary(d, &s);
    vn_sink_puts(o, "{\n  ");
    vn_json_key(&j->o, "base", false);
    j_doc(j, d->base, true);
    vn_sink_puts(o, ",\n  ");
    vn_json_key(&j->o, "plan", false);
    j_doc(j, d->plan, false);
    vn_sink_puts(o, ",\n  ");
    vn_json_key(&j->o, "summary", false);
    vn_sink_putc(o, '{');
    vn_json_ku(&j->o, "targets", d->nfindings, false);
    vn_json_ku(&j->o, "adopted", s.adopted, true);
    vn_json_ku(&j->o, "changed", s.changed, true);
    vn_json_ku(&j->o, "missing", s.missing, true);
    vn_json_ku(&j->o, "added", s.added, true);
    vn_json_ku(&j->o, "unverified", s.unverified, true);
    j_kb(j, "differences", vnplan_diff_has_differences(d) != 0, true);
    vn_sink_putc(o, '}');

    vn_sink_puts(o, ",\n  \"findings\": [");
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        vn_sink_puts(o, i ? ",\n    {" : "\n    {");
        vn_json_kv(&j->o, "base_id", d->base->targets[f->base].id, false);
        vn_json_kv(&j->o, "status", vn_fstatus_name((vn_fstatus)f->status), true);
        vn_json_key(&j->o, "changes", true);
        vn_sink_putc(o, '[');
        for (size_t k = 0; k < f->nchanges; k++) {
            const vn_change *c = &f->changes[k];
            const vn_target *b = &d->base->targets[f->base], *t = &d->plan->targets[f->plan];
            if (k)
                vn_sink_puts(o, ", ");
            vn_sink_putc(o, '{');
            vn_json_kv(&j->o, "what", vn_chg_name((vn_chg_what)c->what), false);
            vn_json_kv(&j->o, "direction", vn_dir_name((vn_dir)c->dir), true);
            char p1[8], p2[8], n1[40], n2[40];
            const char *bv = NULL, *pv = NULL;
            switch ((vn_chg_what)c->what) {
            case VN_CHG_VALUE:
                vn_fmt_double(b->value, n1);
                vn_fmt_double(t->value, n2);
                bv = n1, pv = n2;
                break;
            case VN_CHG_COMPARATOR:
                bv = vn_cmp_name((vn_cmp)b->cmp), pv = vn_cmp_name((vn_cmp)t->cmp);
                break;
            case VN_CHG_PHASE:
                bv = vn_render_phase(b->phase, p1), pv = vn_render_phase(t->phase, p2);
                break;
            case VN_CHG_UNIT:
                bv = b->unit_class, pv = t->unit_class;
                break;
            default:
                break;
            }
            vn_json_kv(&j->o, "base", bv, true);
            vn_json_kv(&j->o, "plan", pv, true);
            vn_sink_putc(o, '}');
        }
        vn_sink_putc(o, ']');
        j_kd(j, "confidence", f->confidence, true);
        j_kb(j, "unverified", f->unverified, true);
        if (f->nscope) { /* what the plan counts otherwise (compare.c finding_scope) */
            vn_json_key(&j->o, "scope", true);
            vn_sink_putc(o, '[');
            vn_buf w = {0};
            for (size_t k = 0; k < f->nscope; k++) {
                const struct vn_scope *sc = &f->scope[k];
                vn_sink_puts(o, k ? ", {" : "{");
                vn_json_kv(&j->o, "part", vn_part_name(sc->part), false);
                vn_scope_words(sc->base, &w);
                vn_json_kv(&j->o, "base", sc->base ? w.data : NULL, true);
                vn_scope_words(sc->plan, &w);
                vn_json_kv(&j->o, "plan", w.data, true);
                vn_json_kv(&j->o, "relation", vn_part_relation_name((vn_part_relation)sc->relation), true);
                vn_sink_putc(o, '}');
            }
            vn_buf_free(&w);
            vn_sink_putc(o, ']');
        }
        j_pair(j, d, f->base, f->plan);
        vn_sink_puts(o, ",\n     \"restated\": [");
        for (uint32_t k = 0; k < f->ndup; k++) {
            if (k)
                vn_sink_puts(o, ", ");
            j_target(j, d->plan, (int32_t)d->dups[f->dup_first + k]);
        }
        vn_sink_puts(o, "]}");
    }
    vn_sink_puts(o, d->nfindings ? "\n  ],\n  \"added\": [" : "],\n  \"added\": [");
    for (size_t i = 0; i < d->nadded; i++) {
        vn_sink_puts(o, i ? ",\n    " : "\n    ");
        j_target(j, d->plan, d->added[i].plan);
    }
    vn_sink_puts(o, d->nadded ? "\n  ],\n  \"added_restated\": [" : "],\n  \"added_restated\": [");
    bool first = true;
    for (size_t i = 0; i < d->nadded; i++)
        for (uint32_t k = 0; k < d->added[i].ndup; k++) {
            vn_sink_puts(o, first ? "\n    {" : ",\n    {");
            first = false;
            char idb[24];
            vn_json_kv(&j->o, "of", vn_render_target_id(d->plan, (size_t)d->added[i].plan, idb), false);
            vn_sink_puts(o, ", \"target\": ");
            j_target(j, d->plan, (int32_t)d->dups[d->added[i].dup_first + k]);
            vn_sink_putc(o, '}');
        }
    vn_sink_puts(o, first ? "],\n  \"qualitative\": [" : "\n  ],\n  \"qualitative\": [");
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        vn_sink_puts(o, i ? ",\n    {" : "\n    {");
        vn_json_kv(&j->o, "status", vn_diff_qual_status(q), false);
        j_kd(j, "similarity", q->similarity, true);
        j_kb(j, "unverified", q->unverified, true);
        j_pair(j, d, q->base, q->plan);
        vn_sink_putc(o, '}');
    }
    vn_sink_puts(o, d->nquals ? "\n  ],\n  \"task_groups\": [" : "],\n  \"task_groups\": [");
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        vn_sink_puts(o, i ? ",\n    {" : "\n    {");
        vn_json_kv(&j->o, "status", g->base >= 0 ? (g->plan >= 0 ? "covered" : "not_covered") : "plan_only", false);
        j_kd(j, "similarity", g->similarity, true);
        j_kb(j, "unconfirmed", g->unconfirmed, true);
        vn_json_key(&j->o, "base", true);
        j_node(j, d->base, g->base);
        vn_json_key(&j->o, "plan", true);
        j_node(j, d->plan, g->plan);
        vn_sink_putc(o, '}');
    }
    vn_sink_puts(o, d->ngroups ? "\n  ],\n  \"duties\": {\"base\": [" : "],\n  \"duties\": {\"base\": [");
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        vn_sink_puts(o, i ? ",\n    " : "\n    ");
        j_body(j, &d->base_bodies[i], d->plan_bodies, "plan_body");
    }
    vn_sink_puts(o, "],\n    \"plan\": [");
    for (size_t i = 0; i < d->nplan_bodies; i++) {
        vn_sink_puts(o, i ? ",\n    " : "\n    ");
        j_body(j, &d->plan_bodies[i], d->base_bodies, "national_body");
    }
    vn_sink_puts(o, "]},\n  \"funding\": {");
    j_kb(j, "base_section", d->base_kinh_phi >= 0, false);
    j_kb(j, "base_amount_unconfirmed", d->base_kinh_phi_unconfirmed, true);
    j_kb(j, "plan_section", d->plan_kinh_phi >= 0, true);
    vn_sink_puts(o, "}\n}");
}

/* The summary across plans: a row per baseline target (by id, with its
 * name and how many plans adopted, changed or left it out, and each plan's
 * status and figure), the targets each plan added, and the files that could
 * not be compared. */
static void j_summary(js *j, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    vn_sink_puts(&j->o, "{\n    \"plans\": [");
    bool first = true;
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        vn_dsum s;
        vn_diff_summary(diffs[k], &s);
        vn_sink_puts(&j->o, first ? "\n      {" : ",\n      {");
        first = false;
        vn_json_kv(&j->o, "source", diffs[k]->plan->name, false);
        vn_json_ku(&j->o, "adopted", s.adopted, true);
        vn_json_ku(&j->o, "changed", s.changed, true);
        vn_json_ku(&j->o, "missing", s.missing, true);
        vn_json_ku(&j->o, "added", s.added, true);
        vn_json_ku(&j->o, "unverified", s.unverified, true);
        vn_sink_putc(&j->o, '}');
    }
    vn_sink_puts(&j->o, "\n    ],\n    \"targets\": [");
    for (size_t r = 0; r < nr; r++) {
        size_t cnt[3] = {0, 0, 0};
        vn_sink_puts(&j->o, r ? ",\n      {" : "\n      {");
        vn_json_kv(&j->o, "base_id", ids[r], false);
        vn_buf_clear(&j->tmp);
        for (size_t k = 0; k < n && !j->tmp.len; k++) {
            size_t fi;
            if (diffs[k] && vn_diff_status_of(diffs[k], ids[r], &fi))
                vn_diff_target_name(diffs[k]->base, (size_t)diffs[k]->findings[fi].base, &j->tmp);
        }
        vn_json_kv(&j->o, "name", vn_buf_cstr(&j->tmp), true);
        vn_json_key(&j->o, "plans", true);
        vn_sink_putc(&j->o, '[');
        bool f1 = true;
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            size_t fi = 0;
            const char *st = vn_diff_status_of(diffs[k], ids[r], &fi);
            vn_sink_puts(&j->o, f1 ? "{" : ", {");
            f1 = false;
            vn_json_kv(&j->o, "source", diffs[k]->plan->name, false);
            vn_json_kv(&j->o, "status", st, true);
            vn_json_key(&j->o, "plan", true);
            const vn_finding *f = st ? &diffs[k]->findings[fi] : NULL;
            j_target(j, diffs[k]->plan, f ? f->plan : -1);
            vn_sink_putc(&j->o, '}');
            if (st && !strcmp(st, "adopted"))
                cnt[0]++;
            else if (st && !strcmp(st, "changed"))
                cnt[1]++;
            else if (st)
                cnt[2]++;
        }
        vn_sink_putc(&j->o, ']');
        vn_json_ku(&j->o, "adopted", cnt[0], true);
        vn_json_ku(&j->o, "changed", cnt[1], true);
        vn_json_ku(&j->o, "missing", cnt[2], true);
        vn_sink_putc(&j->o, '}');
    }
    vn_sink_puts(&j->o, "\n    ],\n    \"failed\": [");
    first = true;
    for (size_t k = 0; k < n; k++) {
        const char *name = vn_diff_failed_name(diffs, failed, k);
        if (!name)
            continue;
        vn_sink_puts(&j->o, first ? "\n      {" : ",\n      {");
        first = false;
        vn_json_kv(&j->o, "source", name, false);
        vn_json_kv(&j->o, "reason", vn_diff_failed_reason(VN_LANG_EN, failed, k), true);
        vn_sink_putc(&j->o, '}');
    }
    vn_sink_puts(&j->o, first ? "]\n  }" : "\n    ]\n  }");
    free(ids);
}

/* One plan: its report object (or, when it failed, {"plan": {"source"},
 * "failed": reason}).  Several: {"reports": [...], "summary": {...}}. */
vnplan_status vn_render_diff_json(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err)
{
    (void)flags;
    js j;
    memset(&j, 0, sizeof j);
    j.o.f = out;
    size_t nfailed = vn_diff_failed_count(diffs, n, failed), count = nfailed;
    for (size_t k = 0; k < n; k++)
        count += diffs[k] != NULL;
    if (count == 1) {
        for (size_t k = 0; k < n; k++) {
            const char *name = vn_diff_failed_name(diffs, failed, k);
            if (diffs[k]) {
                j_one(&j, diffs[k]);
            } else if (name) {
                vn_sink_puts(&j.o, "{\n  \"plan\": {\"source\": ");
                vn_json_str(&j.o, name);
                vn_sink_puts(&j.o, "},\n  \"failed\": ");
                vn_json_str(&j.o, vn_diff_failed_reason(VN_LANG_EN, failed, k));
                vn_sink_puts(&j.o, "\n}");
            }
        }
        vn_sink_puts(&j.o, "\n");
    } else {
        vn_sink_puts(&j.o, "{\n\"reports\": [\n");
        size_t shown = 0;
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            if (shown++)
                vn_sink_puts(&j.o, ",\n");
            j_one(&j, diffs[k]);
        }
        vn_sink_puts(&j.o, "\n],\n\"summary\": ");
        j_summary(&j, diffs, n, failed);
        vn_sink_puts(&j.o, "\n}\n");
    }
    vn_buf_free(&j.tmp);
    return vn_sink_finish(&j.o, err);
}
