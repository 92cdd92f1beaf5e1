/* render_diff_html_docs.c — the HTML report's last part: both documents side
 * by side, their nodes as written, each target's sentence marked and given an
 * anchor, so that every finding of the tables above links to the words it
 * rests on, and each marked sentence links back to its finding. */
#include "render_diff_html.h"

/* ---- the documents side by side ---------------------------------------------------------------- */

typedef struct tstat {
    const char *cls;   /* adopted, changed, added, missing, qual */
    int32_t finding;   /* the finding row it belongs to, or -1 */
    int32_t added;     /* the added row, or -1 */
} tstat;

static void target_states(const vnplan_diff *d, bool base, tstat *st)
{
    const vnplan_doc *doc = base ? d->base : d->plan;
    for (size_t t = 0; t < doc->ntargets; t++) {
        st[t].cls = doc->targets[t].qualitative ? "qual" : NULL;
        st[t].finding = st[t].added = -1;
    }
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const char *cls = vn_fstatus_name((vn_fstatus)f->status);
        if (base) {
            st[f->base].cls = cls;
            st[f->base].finding = (int32_t)i;
        } else if (f->plan >= 0) {
            st[f->plan].cls = cls;
            st[f->plan].finding = (int32_t)i;
            for (uint32_t k = 0; k < f->ndup; k++)
                if (st[d->dups[f->dup_first + k]].finding < 0) {
                    st[d->dups[f->dup_first + k]].cls = cls;
                    st[d->dups[f->dup_first + k]].finding = (int32_t)i;
                }
        }
    }
    if (!base)
        for (size_t i = 0; i < d->nadded; i++) {
            const vn_added *a = &d->added[i];
            st[a->plan].cls = "added";
            st[a->plan].added = (int32_t)i;
            for (uint32_t k = 0; k < a->ndup; k++) {
                st[d->dups[a->dup_first + k]].cls = "added";
                st[d->dups[a->dup_first + k]].added = (int32_t)i;
            }
        }
}

static void h_anchor(hw *h, char side, size_t t)
{
    vn_html_open(h, "span");
    vn_html_attr(h, "class", "anchor");
    vn_html_anchor(h, "id", NULL, h->report, (char[]){side, 0}, (long)t + 1);
    vn_html_close(h);
}

static void h_backlink(hw *h, const vnplan_doc *doc, size_t t, const tstat *st)
{
    char idb[24];
    if (st[t].finding < 0 && st[t].added < 0)
        return;
    vn_html_open(h, "a");
    vn_html_attr(h, "class", "back");
    if (st[t].finding >= 0)
        vn_html_anchor(h, "href", "", h->report, "f", st[t].finding);
    else
        vn_html_anchor(h, "href", "", h->report, "a", st[t].added);
    vn_html_attr(h, "title", HT(h, N_("to the finding")));
    vn_html_attr(h, "data-target-id", vn_render_target_id(doc, t, idb));
    /* the row's number in its table (STT): "↑7", "↑+2" for a target the plan added */
    char num[32];
    if (st[t].finding >= 0)
        snprintf(num, sizeof num, "↑%d", st[t].finding + 1);
    else
        snprintf(num, sizeof num, "↑+%d", st[t].added + 1);
    vn_html_text(h, num);
    vn_html_close(h);
}

/* A node's own text with the sentences of its targets highlighted.  Parsed
 * documents: the target spans inside the text; a tree read from XML keeps
 * each sentence apart, so there the node's whole text is the highlight. */
static void h_node_text(hw *h, const vnplan_doc *doc, size_t k, const uint32_t *tl, size_t nt, const tstat *st,
                        char side)
{
    const vn_node *n = &doc->nodes[k];
    vn_span tx = n->text;
    const char *s = doc->text.s;
    /* the targets whose sentence lies (partly) in the text */
    size_t inside = 0;
    for (size_t i = 0; i < nt; i++) {
        vn_span sp = doc->targets[tl[i]].span;
        if (sp.start < tx.end && sp.end > tx.start)
            inside++;
    }
    if (nt && inside < nt) {
        /* the whole text is the sentence */
        for (size_t i = 0; i < nt; i++)
            h_anchor(h, side, tl[i]);
        if (tx.end <= tx.start) { /* a heading's objective: its title says it */
            for (size_t i = 0; i < nt; i++)
                h_backlink(h, doc, tl[i], st);
            return;
        }
        vn_html_open(h, "mark");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "tgt ");
        vn_buf_puts(&h->tmp, st[tl[0]].cls ? st[tl[0]].cls : "qual");
        vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_buf_clear(&h->tmp);
        vn_render_span(doc, tx, &h->tmp);
        vn_html_buf(h, &h->tmp);
        vn_html_close(h);
        for (size_t i = 0; i < nt; i++)
            h_backlink(h, doc, tl[i], st);
        return;
    }
    /* boundaries: text start/end and every target start/end inside */
    size_t nb = 0;
    uint32_t *bounds = vn_xmalloc((2 * nt + 2) * sizeof *bounds);
    bounds[nb++] = tx.start;
    bounds[nb++] = tx.end;
    for (size_t i = 0; i < nt; i++) {
        vn_span sp = doc->targets[tl[i]].span;
        bounds[nb++] = sp.start > tx.start ? sp.start : tx.start;
        bounds[nb++] = sp.end < tx.end ? sp.end : tx.end;
    }
    for (size_t i = 1; i < nb; i++)
        for (size_t j = i; j > 0 && bounds[j] < bounds[j - 1]; j--) {
            uint32_t x = bounds[j];
            bounds[j] = bounds[j - 1];
            bounds[j - 1] = x;
        }
    bool wrote = false;
    for (size_t b = 0; b + 1 < nb; b++) {
        uint32_t a = bounds[b], e = bounds[b + 1];
        /* anchors of targets that start here */
        for (size_t i = 0; i < nt; i++) {
            vn_span sp = doc->targets[tl[i]].span;
            uint32_t start = sp.start > tx.start ? sp.start : tx.start;
            if (start == a && (b == 0 || bounds[b - 1] != a))
                h_anchor(h, side, tl[i]);
        }
        if (e <= a)
            continue;
        vn_buf_clear(&h->tmp);
        vn_render_span(doc, vn_span_make(a, e), &h->tmp);
        if (!h->tmp.len)
            continue;
        if (wrote && a > 0 && (vn_is_space(s[a - 1]) || vn_is_space(s[a])))
            vn_html_text(h, " ");
        const char *cls = NULL;
        for (size_t i = 0; i < nt; i++) {
            vn_span sp = doc->targets[tl[i]].span;
            if (sp.start <= a && sp.end >= e && st[tl[i]].cls) {
                const char *c = st[tl[i]].cls;
                /* the strongest status colours the words */
                if (!cls || !strcmp(c, "changed") || (!strcmp(c, "added") && strcmp(cls, "changed")))
                    cls = c;
            }
        }
        if (cls) {
            vn_html_open(h, "mark");
            vn_buf tmpc = {0};
            vn_buf_puts(&tmpc, "tgt ");
            vn_buf_puts(&tmpc, cls);
            vn_html_attr(h, "class", vn_buf_cstr(&tmpc));
            vn_buf_free(&tmpc);
            vn_buf_clear(&h->tmp);
            vn_render_span(doc, vn_span_make(a, e), &h->tmp);
            vn_html_buf(h, &h->tmp);
            vn_html_close(h);
        } else {
            vn_html_buf(h, &h->tmp);
        }
        wrote = true;
    }
    free(bounds);
    for (size_t i = 0; i < nt; i++)
        h_backlink(h, doc, tl[i], st);
}

static void h_marker(hw *h, const vnplan_doc *doc, const vn_node *n)
{
    vn_buf_clear(&h->tmp);
    vn_render_span(doc, n->marker, &h->tmp);
    vn_html_open(h, "span");
    vn_html_attr(h, "class", "mk");
    vn_html_buf(h, &h->tmp);
    vn_html_close(h);
}

void vn_html_base_stub(hw *h, const vnplan_diff *d)
{
    vn_html_open(h, "div");
    vn_html_attr(h, "class", "pane base");
    vn_html_el(h, "h4", NULL, HT(h, N_("Baseline")));
    vn_buf_clear(&h->tmp);
    vn_diff_doc_short(d->base, &h->tmp);
    vn_html_el(h, "div", "ph", vn_buf_cstr(&h->tmp));
    vn_html_open(h, "p");
    vn_html_text(h, HT(h, N_("Its text, shared by the pages of all plans, is on a page of its own:")));
    vn_html_text(h, " ");
    vn_html_open(h, "a");
    vn_html_attr(h, "href", h->base_href);
    vn_html_text(h, HT(h, N_("the text of the baseline")));
    vn_html_close(h);
    vn_html_text(h, ".");
    vn_html_close(h);
    vn_html_close(h);
}

void vn_html_pane(hw *h, const vnplan_diff *d, bool base)
{
    const vnplan_doc *doc = base ? d->base : d->plan;
    char side = base ? 'b' : 'p';
    tstat *st = vn_xcalloc(doc->ntargets + 1, sizeof *st);
    target_states(d, base, st);
    for (size_t t = 0; h->alone && t < doc->ntargets; t++) {
        /* the baseline's own page serves every plan: no plan's colours, no links back */
        st[t].cls = doc->targets[t].qualitative ? "qual" : NULL;
        st[t].finding = st[t].added = -1;
    }
    /* the targets of each node */
    uint32_t *first = vn_xcalloc(doc->nnodes + 2, sizeof *first);
    uint32_t *list = vn_xmalloc((doc->ntargets + 1) * sizeof *list);
    for (size_t t = 0; t < doc->ntargets; t++) {
        int32_t k = doc->targets[t].node;
        if (k >= 0 && (size_t)k < doc->nnodes)
            first[k + 1]++;
    }
    for (size_t k = 0; k < doc->nnodes; k++)
        first[k + 1] += first[k];
    uint32_t *fill = vn_xmalloc((doc->nnodes + 1) * sizeof *fill);
    memcpy(fill, first, (doc->nnodes + 1) * sizeof *fill);
    for (size_t t = 0; t < doc->ntargets; t++) {
        int32_t k = doc->targets[t].node;
        if (k >= 0 && (size_t)k < doc->nnodes)
            list[fill[k]++] = (uint32_t)t;
    }
    free(fill);

    vn_html_open(h, "div");
    vn_html_attr(h, "class", base ? "pane base" : "pane plan");
    vn_html_el(h, "h4", NULL, base ? HT(h, N_("Baseline")) : HT(h, N_("Plan")));
    vn_buf_clear(&h->tmp);
    vn_diff_doc_short(doc, &h->tmp);
    vn_html_el(h, "div", "ph", vn_buf_cstr(&h->tmp));

    /* depth first, explicit stack; what each level opened */
    typedef struct lvl {
        int32_t node;
        uint8_t opened; /* 0 nothing, 1 div, 2 details */
    } lvl;
    lvl *stack = NULL;
    size_t depth = 0, cap = 0, visits = 0, open_divs = 0;
    int32_t k = doc->nnodes ? 0 : -1;
    while (k >= 0 && (size_t)k < doc->nnodes && visits++ < doc->nnodes) {
        const vn_node *n = &doc->nodes[k];
        lvl *L = &VN_PUSH(stack, depth, cap);
        L->node = k;
        L->opened = 0;
        if (n->kind == VN_KIND_PART && (n->label == VN_LABEL_PREAMBLE || n->label == VN_LABEL_CLOSING ||
                                         n->label == VN_LABEL_FOOTNOTES)) {
            vn_html_open(h, "details");
            vn_html_el(h, "summary", NULL,
                       HT(h, n->label == VN_LABEL_PREAMBLE   ? N_("Header")
                             : n->label == VN_LABEL_CLOSING ? N_("Closing")
                                                            : N_("Footnotes")));
            L->opened = 2;
        } else if (n->kind != VN_KIND_DOCUMENT && open_divs < HTML_NEST_CAP) {
            vn_html_open(h, "div");
            vn_html_attr(h, "class", "n");
            vn_html_anchor(h, "id", NULL, h->report, (char[]){side, 'n', 0}, (long)k);
            L->opened = 1;
            open_divs++;
        } else if (n->kind != VN_KIND_DOCUMENT) {
            vn_html_open(h, "div");
            vn_html_anchor(h, "id", NULL, h->report, (char[]){side, 'n', 0}, (long)k);
            L->opened = 3; /* a flat block: deeper than the cap */
        }
        if (n->kind != VN_KIND_DOCUMENT && n->kind != VN_KIND_PART) {
            bool has_marker = n->marker.end > n->marker.start, has_title = n->title.end > n->title.start;
            if (has_title) {
                vn_html_open(h, "div");
                vn_html_attr(h, "class", "hd");
                if (has_marker)
                    h_marker(h, doc, n);
                vn_buf_clear(&h->tmp);
                vn_render_span(doc, n->title, &h->tmp);
                vn_html_buf(h, &h->tmp);
                vn_html_close(h);
            }
            uint32_t nt = first[k + 1] - first[k];
            if (n->text.end > n->text.start || nt || (has_marker && !has_title)) {
                vn_html_open(h, "div");
                vn_html_attr(h, "class", "tx");
                if (has_marker && !has_title) /* an item: "- text" on one line */
                    h_marker(h, doc, n);
                h_node_text(h, doc, (size_t)k, list + first[k], nt, st, side);
                vn_html_close(h);
            }
        } else if (n->kind == VN_KIND_DOCUMENT) {
            /* targets outside any node of a tree of targets alone */
        }
        int32_t c = n->first_child;
        if (c >= 0 && (size_t)c < doc->nnodes) {
            k = c;
            continue;
        }
        /* leave finished levels */
        int32_t next = -1;
        while (depth > 0) {
            lvl top = stack[--depth];
            if (top.opened == 1)
                open_divs--;
            if (top.opened)
                vn_html_close(h);
            next = doc->nodes[top.node].next;
            if (next >= 0 && (size_t)next < doc->nnodes)
                break;
            next = -1;
        }
        k = next;
    }
    while (depth > 0) {
        lvl top = stack[--depth];
        if (top.opened)
            vn_html_close(h);
    }
    free(stack);
    vn_html_close(h);
    free(first);
    free(list);
    free(st);
}
