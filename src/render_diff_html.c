/* render_diff_html.c — the diff report as one self-contained HTML page.
 *
 * Everything is inline (CSS, a few lines of JavaScript, no fonts, images or
 * links to the network; a Content-Security-Policy says so to the browser),
 * so the page can be mailed or archived as it is.  For a reviewer:
 *
 *   - a summary at the top (counts by status), filters by status, and for
 *     several plans a matrix: a row per baseline target, a column per plan;
 *   - the targets table: the baseline's sentence and the plan's side by side,
 *     the value, comparator words and unit marked, strongly where they
 *     changed; what changed and in which direction; confidence; an
 *     "unverified" badge where the baseline figure is not confirmed;
 *   - what the plan added; qualitative objectives; task groups; duties;
 *     funding;
 *   - both documents side by side, each target's sentence highlighted with
 *     an anchor, so every finding links to the words it rests on;
 *   - print-friendly: filters hidden, every row shown, panes unrolled.
 *
 * Written with libxml2's xmlTextWriter, which escapes text and attributes;
 * elements are always closed in full (<div></div>, never <div/>) so that an
 * HTML parser reads the page as written. */
#include "compare.h"
#include "render.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/xmlwriter.h>

/* Nesting deeper than this is drawn flat: the page stays readable and the
 * browser's layout bounded for a hostile document. */
#define HTML_NEST_CAP 12

typedef struct hw {
    xmlTextWriterPtr w;
    FILE *f;
    vn_buf out;
    bool failed;
    int errnum;
    bool bad;
    vn_buf tmp, clean;
    size_t report; /* index of the report being written: id prefix d<k> */
    /* comparator words of the grammars in use (a baseline and a plan may
     * have been read with different ones) */
    const vnplan_grammar *wg[4];
    vn_hl_words words[4];
    size_t nwords;
} hw;

static const vn_hl_words *h_words(hw *h, const vnplan_grammar *g)
{
    for (size_t i = 0; i < h->nwords; i++)
        if (h->wg[i] == g)
            return &h->words[i];
    if (h->nwords == 4)
        return NULL;
    h->wg[h->nwords] = g;
    vn_hl_words_init(&h->words[h->nwords], g);
    return &h->words[h->nwords++];
}

static int h_io_write(void *ctx, const char *buf, int len)
{
    hw *h = ctx;
    if (h->failed || len <= 0)
        return len;
    vn_buf_put(&h->out, buf, (size_t)len);
    if (h->out.len >= 64 * 1024) {
        if (fwrite(h->out.data, 1, h->out.len, h->f) != h->out.len) {
            h->failed = true;
            h->errnum = errno ? errno : EIO;
        }
        h->out.len = 0;
    }
    return len;
}

static int h_io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static void h_chk(hw *h, int rc)
{
    if (rc < 0)
        h->bad = true;
}

static void h_open(hw *h, const char *el) { h_chk(h, xmlTextWriterStartElement(h->w, BAD_CAST el)); }
static void h_close(hw *h) { h_chk(h, xmlTextWriterFullEndElement(h->w)); }
static void h_void_close(hw *h) { h_chk(h, xmlTextWriterEndElement(h->w)); }

/* Text as valid UTF-8 without control characters. */
static const char *h_cleaned(hw *h, const char *s, size_t n)
{
    vn_sink tmp = {0};
    tmp.hold = true;
    tmp.buf = h->clean;
    tmp.buf.len = 0;
    vn_put_clean(&tmp, s ? s : "", s ? n : 0);
    h->clean = tmp.buf;
    return vn_buf_cstr(&h->clean);
}

static void h_attr(hw *h, const char *name, const char *v)
{
    if (!v)
        return;
    h_chk(h, xmlTextWriterWriteAttribute(h->w, BAD_CAST name, BAD_CAST h_cleaned(h, v, strlen(v))));
}

static void h_attrf(hw *h, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void h_attrf(hw *h, const char *name, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    h_attr(h, name, buf);
}

static void h_text_n(hw *h, const char *s, size_t n)
{
    if (!s || !n)
        return;
    h_chk(h, xmlTextWriterWriteString(h->w, BAD_CAST h_cleaned(h, s, n)));
}

static void h_text(hw *h, const char *s)
{
    if (s)
        h_text_n(h, s, strlen(s));
}

static void h_el(hw *h, const char *el, const char *cls, const char *text)
{
    h_open(h, el);
    h_attr(h, "class", cls);
    h_text(h, text);
    h_close(h);
}

static void h_buf(hw *h, vn_buf *b) { h_text_n(h, b->data, b->len); }

/* ---- the page's style and script ------------------------------------------------------ */

static const char h_css[] =
    ":root{--ink:#1d2330;--mute:#5b6475;--line:#d9dee7;--bg:#f6f7fb;--card:#fff;"
    "--adopted:#1a7f37;--adopted-bg:#dafbe1;--changed:#9a6700;--changed-bg:#fff3c4;"
    "--missing:#c62828;--missing-bg:#ffe0e0;--added:#0b61a4;--added-bg:#dcefff;"
    "--unv:#8250df;--unv-bg:#f1e8ff}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;"
    "color:var(--ink);background:var(--bg)}"
    "header.top{background:#1f2a44;color:#fff;padding:18px 28px 14px}"
    "header.top h1{margin:0 0 4px;font-size:21px;font-weight:600}"
    "header.top p{margin:0;color:#c9d2e6;font-size:13px}"
    "nav.filters{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);"
    "padding:8px 28px;display:flex;gap:6px;flex-wrap:wrap;align-items:center}"
    "nav.filters span{color:var(--mute);font-size:13px;margin-right:4px}"
    "nav.filters button{font:inherit;font-size:13px;border:1px solid var(--line);background:#fff;border-radius:14px;"
    "padding:2px 12px;cursor:pointer}"
    "nav.filters button[aria-pressed=true]{background:#1f2a44;color:#fff;border-color:#1f2a44}"
    "nav.filters a{margin-left:auto;font-size:13px}"
    "main{padding:8px 28px 40px;max-width:1500px}"
    "section.report,section.matrix{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "padding:6px 22px 20px;margin:18px 0}"
    "h2{font-size:19px;margin:14px 0 6px}h3{font-size:16px;margin:22px 0 8px;border-bottom:1px solid var(--line);"
    "padding-bottom:4px}h4{margin:6px 0;font-size:14px;color:var(--mute);text-transform:uppercase;letter-spacing:.04em}"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0 12px;font-size:14px}"
    "dl.meta dt{color:var(--mute)}dl.meta dd{margin:0}"
    ".cards{display:flex;gap:10px;flex-wrap:wrap;margin:10px 0}"
    ".card{border-radius:8px;padding:8px 14px;min-width:104px;border:1px solid var(--line)}"
    ".card b{display:block;font-size:24px;line-height:1.1}.card span{font-size:12px;color:var(--mute)}"
    ".card.adopted{background:var(--adopted-bg)}.card.changed{background:var(--changed-bg)}"
    ".card.missing{background:var(--missing-bg)}.card.added{background:var(--added-bg)}"
    ".card.unverified{background:var(--unv-bg)}"
    "p.note{font-size:13px;color:var(--mute);margin:6px 0}"
    "table{border-collapse:collapse;width:100%;font-size:14px}"
    "th{text-align:left;font-weight:600;color:var(--mute);font-size:12px;text-transform:uppercase;"
    "letter-spacing:.03em;border-bottom:2px solid var(--line);padding:6px 8px}"
    "td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}"
    "tr:target td{background:#fffbe6}"
    "td.id code{font-size:13px;white-space:nowrap}td.id .ph{color:var(--mute);font-size:12px}"
    "td.sent{max-width:440px}td.sent .ln{font-size:12px;color:var(--mute);display:block}"
    "td.conf{white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;"
    "white-space:nowrap;margin:1px 2px 1px 0}"
    ".badge.adopted,.badge.matched,.badge.covered,.badge.assigned{background:var(--adopted-bg);color:var(--adopted)}"
    ".badge.changed{background:var(--changed-bg);color:var(--changed)}"
    ".badge.missing,.badge.not-covered,.badge.not-assigned{background:var(--missing-bg);color:var(--missing)}"
    ".badge.added,.badge.plan-only,.badge.local{background:var(--added-bg);color:var(--added)}"
    ".badge.unverified{background:var(--unv-bg);color:var(--unv)}"
    ".badge.lead{background:#eef1f6;color:var(--ink)}"
    "mark{background:none;color:inherit;border-radius:3px;padding:0 1px}"
    "mark.w{border-bottom:2px solid #9aa5b8}"
    "mark.w.chg{background:var(--changed-bg);border-bottom:2px solid var(--changed);font-weight:600}"
    "td.chg ul{margin:0;padding-left:16px}"
    ".dir{font-size:12px;font-weight:600;border-radius:8px;padding:0 6px;margin-left:4px}"
    ".dir.stricter{background:#dafbe1;color:#1a7f37}.dir.looser{background:#ffe0e0;color:#c62828}"
    ".dir.localized{background:#dcefff;color:#0b61a4}.dir.different{background:#eef1f6;color:#5b6475}"
    ".also{font-size:12px;color:var(--mute);margin-top:4px}"
    "a{color:#0b61a4;text-decoration:none}a:hover{text-decoration:underline}"
    ".sbs{display:grid;grid-template-columns:1fr 1fr;gap:16px}"
    ".pane{border:1px solid var(--line);border-radius:6px;padding:8px 12px;max-height:80vh;overflow:auto;"
    "font-size:14px;background:#fcfcfd}"
    ".pane .n{margin:2px 0}.pane .n .n{padding-left:16px}"
    ".pane .hd{font-weight:600}.pane .mk{color:var(--mute);margin-right:4px}"
    ".pane details{margin:4px 0 8px;color:var(--mute)}"
    ".pane mark.tgt{border-radius:3px;padding:1px 2px}"
    ".pane mark.tgt.adopted{background:var(--adopted-bg)}.pane mark.tgt.changed{background:var(--changed-bg)}"
    ".pane mark.tgt.added{background:var(--added-bg)}.pane mark.tgt.missing{background:var(--missing-bg)}"
    ".pane mark.tgt.qual{background:#eef1f6}"
    ".anchor:target+mark{outline:3px solid #f5a623;outline-offset:1px}"
    ".pane .back{font-size:11px;vertical-align:super;margin-left:2px}"
    "table.mx td,table.mx th{text-align:center}table.mx td:first-child,table.mx th:first-child{text-align:left}"
    "footer{color:var(--mute);font-size:12px;padding:0 28px 30px}"
    "body[data-filter=adopted] tr.f:not(.adopted),body[data-filter=changed] tr.f:not(.changed),"
    "body[data-filter=missing] tr.f:not(.missing),body[data-filter=added] tr.f:not(.added),"
    "body[data-filter=unverified] tr.f:not(.unv){display:none}"
    "@media (max-width:900px){.sbs{grid-template-columns:1fr}}"
    "@media print{body{background:#fff;font-size:11pt}nav.filters{display:none}"
    "header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 8px}"
    "header.top p{color:#333}main{padding:0}section.report,section.matrix{border:none;padding:0;"
    "break-before:page}"
    "tr.f{display:table-row!important}tr{break-inside:avoid}.pane{max-height:none;overflow:visible}"
    ".sbs{grid-template-columns:1fr 1fr}a{color:inherit}}";

static const char h_js[] =
    "(function(){var b=document.body,bs=document.querySelectorAll('nav.filters button');"
    "function set(f){if(f==='all'){b.removeAttribute('data-filter')}else{b.setAttribute('data-filter',f)}"
    "for(var i=0;i<bs.length;i++){bs[i].setAttribute('aria-pressed',bs[i].getAttribute('data-f')===f?'true':'false')}}"
    "for(var i=0;i<bs.length;i++){bs[i].addEventListener('click',function(e){"
    "set(e.currentTarget.getAttribute('data-f'))})}"
    "set('all');document.documentElement.className='js'})();";

/* ---- pieces ------------------------------------------------------------------------------- */

static const char *st_class(const char *st)
{
    /* "not covered" → "not-covered" */
    static _Thread_local char buf[32]; /* one per thread: renderers run in parallel */
    size_t n = 0;
    for (const char *p = st; *p && n + 1 < sizeof buf; p++)
        buf[n++] = *p == ' ' || *p == '_' ? '-' : *p;
    buf[n] = '\0';
    return buf;
}

static void h_badge(hw *h, const char *st, const char *title)
{
    h_open(h, "span");
    vn_buf_clear(&h->tmp);
    vn_buf_puts(&h->tmp, "badge ");
    vn_buf_puts(&h->tmp, st_class(st));
    h_attr(h, "class", vn_buf_cstr(&h->tmp));
    h_attr(h, "title", title);
    h_text(h, st);
    h_close(h);
}

static const char *st_gloss(const char *st)
{
    if (!strcmp(st, "adopted"))
        return "giữ nguyên chỉ tiêu của văn bản gốc";
    if (!strcmp(st, "changed"))
        return "có điều chỉnh so với văn bản gốc";
    if (!strcmp(st, "missing"))
        return "kế hoạch không nêu chỉ tiêu này";
    if (!strcmp(st, "added"))
        return "chỉ tiêu địa phương bổ sung";
    return NULL;
}

/* A target's sentence with its value, comparator words and unit marked;
 * `changed` bits say which of them changed (strong marks). */
static void h_sentence(hw *h, const vnplan_doc *doc, const vn_target *t, unsigned changed)
{
    const char *s = t->text ? t->text : t->indicator;
    if (!s)
        return;
    vn_hl hl[6];
    size_t nh = t->text ? vn_diff_highlights(h_words(h, doc->grammar), t, hl, 6) : 0;
    /* in order, without overlaps */
    for (size_t i = 1; i < nh; i++)
        for (size_t k = i; k > 0 && hl[k].a < hl[k - 1].a; k--) {
            vn_hl x = hl[k];
            hl[k] = hl[k - 1];
            hl[k - 1] = x;
        }
    size_t pos = 0, len = strlen(s);
    for (size_t i = 0; i < nh; i++) {
        if (hl[i].a < pos || hl[i].b > len)
            continue;
        h_text_n(h, s + pos, hl[i].a - pos);
        h_open(h, "mark");
        unsigned bit = hl[i].kind == VN_HL_VALUE ? 1u : hl[i].kind == VN_HL_CMP ? 2u : 4u;
        h_attr(h, "class", changed & bit ? "w chg" : "w");
        h_attr(h, "title", hl[i].kind == VN_HL_VALUE ? "value" : hl[i].kind == VN_HL_CMP ? "comparator" : "unit");
        h_text_n(h, s + hl[i].a, hl[i].b - hl[i].a);
        h_close(h);
        pos = hl[i].b;
    }
    h_text_n(h, s + pos, len - pos);
}

static void h_line_link(hw *h, const vnplan_doc *doc, size_t t, char side)
{
    size_t line = vn_diff_target_line(doc, t);
    h_open(h, "a");
    h_attr(h, "class", "ln");
    h_attrf(h, "href", "#d%zu-%c-%zu", h->report, side, t + 1);
    if (line)
        h_attrf(h, "title", "line %zu of %s", line, doc->name ? doc->name : "");
    char buf[48];
    if (line)
        snprintf(buf, sizeof buf, "line %zu ↓", line);
    else
        snprintf(buf, sizeof buf, "in the text ↓");
    h_text(h, buf);
    h_close(h);
}

static unsigned changed_bits(const vn_finding *f)
{
    unsigned bits = 0;
    for (size_t k = 0; k < f->nchanges; k++) {
        if (f->changes[k].what == VN_CHG_VALUE)
            bits |= 1;
        else if (f->changes[k].what == VN_CHG_COMPARATOR)
            bits |= 2;
        else if (f->changes[k].what == VN_CHG_UNIT)
            bits |= 4;
    }
    return bits;
}

static void h_conf(hw *h, double c)
{
    char num[16];
    snprintf(num, sizeof num, "%.2f", c);
    h_open(h, "td");
    h_attr(h, "class", "conf");
    h_attr(h, "title", "confidence of the finding, 0 to 1");
    h_text(h, num);
    h_close(h);
}

/* ---- sections of a report ---------------------------------------------------------------------- */

static void h_cards(hw *h, const vnplan_diff *d)
{
    vn_dsum s;
    vn_diff_summary(d, &s);
    const struct {
        const char *cls, *label;
        size_t n;
    } cards[] = {
        {"adopted", "adopted", s.adopted},  {"changed", "changed", s.changed},
        {"missing", "missing", s.missing},  {"added", "added by the plan", s.added},
        {"unverified", "unverified", s.unverified},
    };
    h_open(h, "div");
    h_attr(h, "class", "cards");
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
        char num[24];
        vn_fmt_u64(cards[i].n, num);
        h_open(h, "div");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "card ");
        vn_buf_puts(&h->tmp, cards[i].cls);
        h_attr(h, "class", vn_buf_cstr(&h->tmp));
        h_el(h, "b", NULL, num);
        h_el(h, "span", NULL, cards[i].label);
        h_close(h);
    }
    h_close(h);
    if (s.unverified) {
        h_open(h, "p");
        h_attr(h, "class", "note");
        h_text(h, "“unverified”: the finding rests on a baseline figure that public summaries of the decision do "
                  "not confirm (confidence likely or inferred). Check it against the official text; "
                  "docs/baselines.md says how to use that text as the baseline.");
        h_close(h);
    }
}

static void h_meta(hw *h, const vnplan_diff *d)
{
    h_open(h, "dl");
    h_attr(h, "class", "meta");
    h_el(h, "dt", NULL, "Plan");
    h_open(h, "dd");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_long(d->plan, &h->tmp);
    h_buf(h, &h->tmp);
    h_close(h);
    h_el(h, "dt", NULL, "File");
    h_el(h, "dd", NULL, d->plan->name);
    if (d->plan->meta.nimplements) {
        h_el(h, "dt", NULL, "Implements");
        h_open(h, "dd");
        for (size_t i = 0; i < d->plan->meta.nimplements; i++) {
            if (i)
                h_text(h, ", ");
            h_text(h, d->plan->meta.implements[i].number);
        }
        h_close(h);
    }
    h_el(h, "dt", NULL, "Baseline");
    h_open(h, "dd");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_long(d->base, &h->tmp);
    h_buf(h, &h->tmp);
    if (d->base->baseline) {
        h_text(h, " ");
        h_badge(h, "bundled", "compiled into vnplan from public summaries of the decision");
    } else {
        h_text(h, " (");
        h_text(h, d->base->name);
        h_text(h, ")");
    }
    h_close(h);
    h_close(h);
}

static void h_findings(hw *h, const vnplan_diff *d)
{
    h_el(h, "h3", NULL, "Targets of the baseline");
    if (!d->nfindings) {
        h_el(h, "p", "note", "The baseline states no quantified target.");
        return;
    }
    h_open(h, "table");
    h_attr(h, "class", "findings");
    h_open(h, "thead");
    h_open(h, "tr");
    static const char *const cols[] = {"Target", "Status", "Baseline says", "Plan says", "What changed", "Conf."};
    for (size_t i = 0; i < 6; i++)
        h_el(h, "th", NULL, cols[i]);
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    char ph[8];
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const vn_target *b = &d->base->targets[f->base];
        const char *st = vn_fstatus_name((vn_fstatus)f->status);
        h_open(h, "tr");
        h_attrf(h, "id", "d%zu-f-%zu", h->report, i);
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "f ");
        vn_buf_puts(&h->tmp, st);
        if (f->unverified)
            vn_buf_puts(&h->tmp, " unv");
        h_attr(h, "class", vn_buf_cstr(&h->tmp));
        h_attr(h, "data-base-id", b->id);
        h_attr(h, "data-status", st);
        /* id and phase */
        h_open(h, "td");
        h_attr(h, "class", "id");
        h_el(h, "code", NULL, b->id);
        h_el(h, "div", "ph", vn_diff_phase(b->phase, ph));
        h_close(h);
        /* status */
        h_open(h, "td");
        h_badge(h, st, st_gloss(st));
        if (f->unverified) {
            vn_buf_clear(&h->tmp);
            vn_buf_puts(&h->tmp, "baseline figure ");
            vn_buf_puts(&h->tmp, b->confidence ? b->confidence : "not confirmed");
            vn_buf_puts(&h->tmp, ", not confirmed by two summaries");
            h_badge(h, "unverified", vn_buf_cstr(&h->tmp));
        }
        h_close(h);
        /* baseline */
        unsigned bits = changed_bits(f);
        h_open(h, "td");
        h_attr(h, "class", "sent");
        h_line_link(h, d->base, (size_t)f->base, 'b');
        h_sentence(h, d->base, b, bits);
        h_close(h);
        /* plan */
        h_open(h, "td");
        h_attr(h, "class", "sent");
        if (f->plan >= 0) {
            const vn_target *t = &d->plan->targets[f->plan];
            h_line_link(h, d->plan, (size_t)f->plan, 'p');
            h_sentence(h, d->plan, t, bits);
            if (f->ndup) {
                h_open(h, "div");
                h_attr(h, "class", "also");
                h_text(h, "Restated: ");
                for (uint32_t k = 0; k < f->ndup; k++) {
                    if (k)
                        h_text(h, ", ");
                    h_line_link(h, d->plan, d->dups[f->dup_first + k], 'p');
                }
                h_close(h);
            }
        } else {
            h_el(h, "em", NULL, "— not in the plan —");
        }
        h_close(h);
        /* changes */
        h_open(h, "td");
        h_attr(h, "class", "chg");
        if (f->nchanges) {
            h_open(h, "ul");
            for (size_t k = 0; k < f->nchanges; k++) {
                const vn_change *c = &f->changes[k];
                h_open(h, "li");
                vn_buf_clear(&h->tmp);
                vn_buf_puts(&h->tmp, vn_chg_name((vn_chg_what)c->what));
                vn_buf_putc(&h->tmp, ' ');
                vn_buf tmp2 = {0};
                vn_diff_change_text(d, f, c, &tmp2);
                /* the values part: after the first word */
                const char *sp = tmp2.data ? strchr(tmp2.data, ' ') : NULL;
                const char *paren = tmp2.data ? strstr(tmp2.data, " (") : NULL;
                h_el(h, "b", NULL, vn_chg_name((vn_chg_what)c->what));
                if (sp) {
                    size_t end = paren && paren > sp ? (size_t)(paren - tmp2.data) : tmp2.len;
                    h_text_n(h, sp, end - (size_t)(sp - tmp2.data));
                }
                vn_buf_free(&tmp2);
                const char *dir = vn_dir_name((vn_dir)c->dir);
                if (dir) {
                    vn_buf_clear(&h->tmp);
                    vn_buf_puts(&h->tmp, "dir ");
                    vn_buf_puts(&h->tmp, dir);
                    h_el(h, "span", vn_buf_cstr(&h->tmp), dir);
                }
                h_close(h);
            }
            h_close(h);
        }
        h_close(h);
        h_conf(h, f->confidence);
        h_close(h);
    }
    h_close(h);
    h_close(h);
}

static void h_added(hw *h, const vnplan_diff *d)
{
    h_el(h, "h3", NULL, "Added by the plan");
    if (!d->nadded) {
        h_el(h, "p", "note", "Every quantified target of the plan matches one of the baseline.");
        return;
    }
    h_open(h, "table");
    h_open(h, "thead");
    h_open(h, "tr");
    static const char *const cols[] = {"Target", "Status", "Plan says", "Value", "Conf."};
    for (size_t i = 0; i < 5; i++)
        h_el(h, "th", NULL, cols[i]);
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    char ph[8], idb[24];
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        const vn_target *t = &d->plan->targets[a->plan];
        h_open(h, "tr");
        h_attr(h, "class", "f added");
        h_attrf(h, "id", "d%zu-a-%zu", h->report, i);
        h_open(h, "td");
        h_attr(h, "class", "id");
        h_el(h, "code", NULL, vn_render_target_id(d->plan, (size_t)a->plan, idb));
        h_el(h, "div", "ph", vn_diff_phase(t->phase, ph));
        h_close(h);
        h_open(h, "td");
        h_badge(h, "added", st_gloss("added"));
        h_close(h);
        h_open(h, "td");
        h_attr(h, "class", "sent");
        h_line_link(h, d->plan, (size_t)a->plan, 'p');
        h_sentence(h, d->plan, t, 0);
        if (a->ndup) {
            h_open(h, "div");
            h_attr(h, "class", "also");
            h_text(h, "Restated: ");
            for (uint32_t k = 0; k < a->ndup; k++) {
                if (k)
                    h_text(h, ", ");
                h_line_link(h, d->plan, d->dups[a->dup_first + k], 'p');
            }
            h_close(h);
        }
        h_close(h);
        vn_buf_clear(&h->tmp);
        vn_diff_target_value(t, &h->tmp);
        h_open(h, "td");
        h_buf(h, &h->tmp);
        h_close(h);
        h_conf(h, a->confidence);
        h_close(h);
    }
    h_close(h);
    h_close(h);
}

static void h_quals(hw *h, const vnplan_diff *d)
{
    h_el(h, "h3", NULL, "Qualitative objectives");
    if (!d->nquals) {
        h_el(h, "p", "note", "Neither document states a qualitative objective.");
        return;
    }
    h_open(h, "table");
    h_open(h, "thead");
    h_open(h, "tr");
    static const char *const cols[] = {"Phase", "Status", "Baseline says", "Plan says", "Similarity"};
    for (size_t i = 0; i < 5; i++)
        h_el(h, "th", NULL, cols[i]);
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    char ph[8];
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        const char *st = q->base >= 0 && q->plan >= 0 ? "matched" : q->base >= 0 ? "missing" : "added";
        const vn_target *t = q->base >= 0 ? &d->base->targets[q->base] : &d->plan->targets[q->plan];
        h_open(h, "tr");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "f q ");
        vn_buf_puts(&h->tmp, !strcmp(st, "matched") ? "adopted" : st);
        h_attr(h, "class", vn_buf_cstr(&h->tmp));
        h_el(h, "td", "id", vn_diff_phase(t->phase, ph));
        h_open(h, "td");
        h_badge(h, st, NULL);
        if (q->unverified)
            h_badge(h, "unverified", "the baseline's wording is a rendering of public summaries");
        h_close(h);
        h_open(h, "td");
        h_attr(h, "class", "sent");
        if (q->base >= 0) {
            h_line_link(h, d->base, (size_t)q->base, 'b');
            h_sentence(h, d->base, &d->base->targets[q->base], 0);
        }
        h_close(h);
        h_open(h, "td");
        h_attr(h, "class", "sent");
        if (q->plan >= 0) {
            h_line_link(h, d->plan, (size_t)q->plan, 'p');
            h_sentence(h, d->plan, &d->plan->targets[q->plan], 0);
        } else {
            h_el(h, "em", NULL, "— nothing similar in the plan —");
        }
        h_close(h);
        h_conf(h, q->similarity);
        h_close(h);
    }
    h_close(h);
    h_close(h);
}

static void h_node_link(hw *h, const vnplan_doc *doc, int32_t node, char side)
{
    vn_buf_clear(&h->tmp);
    vn_diff_node_heading(doc, node, &h->tmp);
    h_open(h, "a");
    h_attrf(h, "href", "#d%zu-%cn-%d", h->report, side, node);
    h_buf(h, &h->tmp);
    h_close(h);
}

static void h_groups(hw *h, const vnplan_diff *d)
{
    h_el(h, "h3", NULL, "Task groups (nhiệm vụ và giải pháp)");
    if (!d->base_has_groups)
        h_el(h, "p", "note", "The baseline lists no task groups (their titles and contents are not known).");
    if (!d->ngroups)
        return;
    h_open(h, "table");
    h_open(h, "thead");
    h_open(h, "tr");
    static const char *const cols[] = {"Status", "Baseline group", "Plan group", "Similarity"};
    for (size_t i = 0; i < 4; i++)
        h_el(h, "th", NULL, cols[i]);
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        const char *st = g->base >= 0 ? (g->plan >= 0 ? "covered" : "not covered") : "plan only";
        h_open(h, "tr");
        h_attr(h, "class", g->base >= 0 ? (g->plan >= 0 ? "f g adopted" : "f g missing") : "f g added");
        h_open(h, "td");
        h_badge(h, st, NULL);
        if (g->unconfirmed)
            h_badge(h, "unverified", "the title of this group is not confirmed");
        h_close(h);
        h_open(h, "td");
        if (g->base >= 0)
            h_node_link(h, d->base, g->base, 'b');
        h_close(h);
        h_open(h, "td");
        if (g->plan >= 0)
            h_node_link(h, d->plan, g->plan, 'p');
        h_close(h);
        h_conf(h, g->similarity);
        h_close(h);
    }
    h_close(h);
    h_close(h);
}

static void h_body_cell(hw *h, const vnplan_doc *doc, const vn_body *b, char side)
{
    h_open(h, "td");
    if (b) {
        h_open(h, "a");
        h_attrf(h, "href", "#d%zu-%cn-%d", h->report, side, b->node);
        h_text(h, b->name);
        h_close(h);
        if (b->lead)
            h_badge(h, "lead", "chủ trì");
    }
    (void)doc;
    h_close(h);
}

static void h_duties(hw *h, const vnplan_diff *d)
{
    h_el(h, "h3", NULL, "Duties (tổ chức thực hiện)");
    if (!d->nbase_bodies)
        h_el(h, "p", "note", "The baseline names no bodies with duties.");
    if (!d->nbase_bodies && !d->nplan_bodies)
        return;
    h_open(h, "table");
    h_open(h, "thead");
    h_open(h, "tr");
    static const char *const cols[] = {"Status", "National body (baseline)", "Body in the plan"};
    for (size_t i = 0; i < 3; i++)
        h_el(h, "th", NULL, cols[i]);
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        const vn_body *p = b->counterpart >= 0 ? &d->plan_bodies[b->counterpart] : NULL;
        h_open(h, "tr");
        h_attr(h, "class", p ? "f adopted" : "f missing");
        h_open(h, "td");
        h_badge(h, p ? "assigned" : "not assigned", NULL);
        h_close(h);
        h_body_cell(h, d->base, b, 'b');
        h_body_cell(h, d->plan, p, 'p');
        h_close(h);
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        const vn_body *b = p->counterpart >= 0 ? &d->base_bodies[p->counterpart] : NULL;
        h_open(h, "tr");
        h_attr(h, "class", "f added");
        h_open(h, "td");
        h_badge(h, b ? "assigned" : "local", b ? "another local body for the same national body"
                                                 : "a local body with no national counterpart in the baseline");
        h_close(h);
        h_body_cell(h, d->base, b, 'b');
        h_body_cell(h, d->plan, p, 'p');
        h_close(h);
    }
    h_close(h);
    h_close(h);
}

static void h_funding(hw *h, const vnplan_diff *d)
{
    h_el(h, "h3", NULL, "Funding (kinh phí)");
    h_open(h, "dl");
    h_attr(h, "class", "meta");
    h_el(h, "dt", NULL, "Baseline");
    h_open(h, "dd");
    if (d->base_kinh_phi >= 0) {
        h_node_link(h, d->base, d->base_kinh_phi, 'b');
        vn_buf_clear(&h->tmp);
        vn_render_span(d->base, d->base->nodes[d->base_kinh_phi].text, &h->tmp);
        if (h->tmp.len) {
            h_text(h, ": ");
            h_buf(h, &h->tmp);
        }
        if (d->base_kinh_phi_unconfirmed)
            h_badge(h, "unverified", "the amount in the baseline is a draft figure, not confirmed");
    } else {
        h_text(h, "no funding section");
    }
    h_close(h);
    h_el(h, "dt", NULL, "Plan");
    h_open(h, "dd");
    if (d->plan_kinh_phi >= 0)
        h_node_link(h, d->plan, d->plan_kinh_phi, 'p');
    else
        h_badge(h, "missing", "the plan has no funding section");
    h_close(h);
    h_close(h);
}

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
    h_open(h, "span");
    h_attr(h, "class", "anchor");
    h_attrf(h, "id", "d%zu-%c-%zu", h->report, side, t + 1);
    h_close(h);
}

static void h_backlink(hw *h, const vnplan_doc *doc, size_t t, const tstat *st)
{
    char idb[24];
    if (st[t].finding < 0 && st[t].added < 0)
        return;
    h_open(h, "a");
    h_attr(h, "class", "back");
    if (st[t].finding >= 0)
        h_attrf(h, "href", "#d%zu-f-%d", h->report, st[t].finding);
    else
        h_attrf(h, "href", "#d%zu-a-%d", h->report, st[t].added);
    h_attr(h, "title", "to the finding");
    h_text(h, vn_render_target_id(doc, t, idb));
    h_close(h);
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
        h_open(h, "mark");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "tgt ");
        vn_buf_puts(&h->tmp, st[tl[0]].cls ? st[tl[0]].cls : "qual");
        h_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_buf_clear(&h->tmp);
        vn_render_span(doc, tx, &h->tmp);
        h_buf(h, &h->tmp);
        h_close(h);
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
            h_text(h, " ");
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
            h_open(h, "mark");
            vn_buf tmpc = {0};
            vn_buf_puts(&tmpc, "tgt ");
            vn_buf_puts(&tmpc, cls);
            h_attr(h, "class", vn_buf_cstr(&tmpc));
            vn_buf_free(&tmpc);
            vn_buf_clear(&h->tmp);
            vn_render_span(doc, vn_span_make(a, e), &h->tmp);
            h_buf(h, &h->tmp);
            h_close(h);
        } else {
            h_buf(h, &h->tmp);
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
    h_open(h, "span");
    h_attr(h, "class", "mk");
    h_buf(h, &h->tmp);
    h_close(h);
}

static void h_pane(hw *h, const vnplan_diff *d, bool base)
{
    const vnplan_doc *doc = base ? d->base : d->plan;
    char side = base ? 'b' : 'p';
    tstat *st = vn_xcalloc(doc->ntargets + 1, sizeof *st);
    target_states(d, base, st);
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

    h_open(h, "div");
    h_attr(h, "class", base ? "pane base" : "pane plan");
    h_el(h, "h4", NULL, base ? "Baseline" : "Plan");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_short(doc, &h->tmp);
    h_el(h, "div", "ph", vn_buf_cstr(&h->tmp));

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
            h_open(h, "details");
            h_el(h, "summary", NULL,
                 n->label == VN_LABEL_PREAMBLE ? "Header" : n->label == VN_LABEL_CLOSING ? "Closing" : "Footnotes");
            L->opened = 2;
        } else if (n->kind != VN_KIND_DOCUMENT && open_divs < HTML_NEST_CAP) {
            h_open(h, "div");
            h_attr(h, "class", "n");
            h_attrf(h, "id", "d%zu-%cn-%d", h->report, side, k);
            L->opened = 1;
            open_divs++;
        } else if (n->kind != VN_KIND_DOCUMENT) {
            h_open(h, "div");
            h_attrf(h, "id", "d%zu-%cn-%d", h->report, side, k);
            L->opened = 3; /* a flat block: deeper than the cap */
        }
        if (n->kind != VN_KIND_DOCUMENT && n->kind != VN_KIND_PART) {
            bool has_marker = n->marker.end > n->marker.start, has_title = n->title.end > n->title.start;
            if (has_title) {
                h_open(h, "div");
                h_attr(h, "class", "hd");
                if (has_marker)
                    h_marker(h, doc, n);
                vn_buf_clear(&h->tmp);
                vn_render_span(doc, n->title, &h->tmp);
                h_buf(h, &h->tmp);
                h_close(h);
            }
            uint32_t nt = first[k + 1] - first[k];
            if (n->text.end > n->text.start || nt || (has_marker && !has_title)) {
                h_open(h, "div");
                h_attr(h, "class", "tx");
                if (has_marker && !has_title) /* an item: "- text" on one line */
                    h_marker(h, doc, n);
                h_node_text(h, doc, (size_t)k, list + first[k], nt, st, side);
                h_close(h);
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
                h_close(h);
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
            h_close(h);
    }
    free(stack);
    h_close(h);
    free(first);
    free(list);
    free(st);
}

/* ---- the page ---------------------------------------------------------------------------------- */

static void h_report(hw *h, const vnplan_diff *d, size_t k, size_t total)
{
    h->report = k;
    h_open(h, "section");
    h_attr(h, "class", "report");
    h_attrf(h, "id", "d%zu", k);
    vn_buf_clear(&h->tmp);
    vn_diff_doc_short(d->plan, &h->tmp);
    const char *dec = vn_diff_base_decision(d->base);
    vn_buf_puts(&h->tmp, "  —  against ");
    if (dec)
        vn_buf_puts(&h->tmp, dec);
    else
        vn_diff_doc_short(d->base, &h->tmp);
    h_el(h, "h2", NULL, vn_buf_cstr(&h->tmp));
    (void)total;
    h_meta(h, d);
    h_cards(h, d);
    h_findings(h, d);
    h_added(h, d);
    h_quals(h, d);
    h_groups(h, d);
    h_duties(h, d);
    h_funding(h, d);
    h_el(h, "h3", NULL, "The two documents side by side");
    h_el(h, "p", "note",
         "Highlighted: the sentences the findings rest on (green adopted, amber changed, blue added). "
         "The links in the tables lead here; the small links here lead back.");
    h_open(h, "div");
    h_attr(h, "class", "sbs");
    h_pane(h, d, true);
    h_pane(h, d, false);
    h_close(h);
    h_close(h);
}

/* The plans that could not be compared: rows of the summary across plans. */
static void h_failed(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    h_open(h, "table");
    h_attr(h, "class", "mx failed");
    h_open(h, "thead");
    h_open(h, "tr");
    h_el(h, "th", NULL, "Plan not compared");
    h_el(h, "th", NULL, "Why");
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    for (size_t k = 0; k < n; k++) {
        const char *name = vn_diff_failed_name(diffs, failed, k);
        if (!name)
            continue;
        h_open(h, "tr");
        h_el(h, "td", NULL, name);
        h_el(h, "td", NULL, vn_diff_failed_reason(failed, k));
        h_close(h);
    }
    h_close(h);
    h_close(h);
}

static void h_matrix(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    h_open(h, "section");
    h_attr(h, "class", "matrix");
    h_attr(h, "id", "summary");
    h_el(h, "h2", NULL, "Summary across plans");
    h_el(h, "p", "note", "A row per target of the baseline, a column per plan. Each cell links to the finding.");
    h_open(h, "table");
    h_attr(h, "class", "mx");
    h_open(h, "thead");
    h_open(h, "tr");
    h_el(h, "th", NULL, "Baseline target");
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        h_open(h, "th");
        h_open(h, "a");
        h_attrf(h, "href", "#d%zu", k);
        h_attr(h, "title", diffs[k]->plan->name);
        vn_buf_clear(&h->tmp);
        vn_diff_doc_short(diffs[k]->plan, &h->tmp);
        h_buf(h, &h->tmp);
        h_close(h);
        h_close(h);
    }
    h_close(h);
    h_close(h);
    h_open(h, "tbody");
    for (size_t r = 0; r < nr; r++) {
        h_open(h, "tr");
        h_open(h, "td");
        h_el(h, "code", NULL, ids[r]);
        h_close(h);
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            size_t fi = 0;
            const char *st = vn_diff_status_of(diffs[k], ids[r], &fi);
            h_open(h, "td");
            if (st) {
                h_open(h, "a");
                h_attrf(h, "href", "#d%zu-f-%zu", k, fi);
                h_badge(h, st, st_gloss(st));
                h_close(h);
                if (diffs[k]->findings[fi].unverified)
                    h_badge(h, "unverified", NULL);
            } else {
                h_text(h, "·");
            }
            h_close(h);
        }
        h_close(h);
    }
    h_open(h, "tr");
    h_el(h, "td", NULL, "added by the plan");
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(diffs[k]->nadded, num);
        h_el(h, "td", NULL, num);
    }
    h_close(h);
    h_close(h);
    h_close(h);
    if (vn_diff_failed_count(diffs, n, failed))
        h_failed(h, diffs, n, failed);
    h_close(h);
    free(ids);
}

vnplan_status vn_render_diff_html(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err)
{
    (void)flags;
    hw h;
    memset(&h, 0, sizeof h);
    h.f = out;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(h_io_write, h_io_close, &h, NULL);
    if (!ob)
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "cannot create the HTML writer");
    h.w = xmlNewTextWriter(ob);
    if (!h.w) {
        xmlOutputBufferClose(ob);
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "cannot create the HTML writer");
    }
    xmlTextWriterSetIndent(h.w, 0);
    size_t count = 0;
    const vnplan_diff *first = NULL;
    for (size_t k = 0; k < n; k++)
        if (diffs[k]) {
            count++;
            if (!first)
                first = diffs[k];
        }

    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST "<!DOCTYPE html>\n"));
    h_open(&h, "html");
    h_attr(&h, "lang", "vi");
    h_open(&h, "head");
    h_open(&h, "meta");
    h_attr(&h, "charset", "utf-8");
    h_void_close(&h);
    h_open(&h, "meta");
    h_attr(&h, "name", "viewport");
    h_attr(&h, "content", "width=device-width, initial-scale=1");
    h_void_close(&h);
    /* nothing from the network, ever */
    h_open(&h, "meta");
    h_attr(&h, "http-equiv", "Content-Security-Policy");
    h_attr(&h, "content",
           "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:");
    h_void_close(&h);
    h_open(&h, "link");
    h_attr(&h, "rel", "icon");
    h_attr(&h, "href", "data:,");
    h_void_close(&h);
    h_open(&h, "meta");
    h_attr(&h, "name", "generator");
    h_attr(&h, "content", "vnplan " VNPLAN_VERSION);
    h_void_close(&h);
    vn_buf_clear(&h.tmp);
    vn_buf_puts(&h.tmp, "vnplan diff");
    if (count == 1) {
        vn_buf_puts(&h.tmp, ": ");
        vn_diff_doc_short(first->plan, &h.tmp);
        const char *dec = vn_diff_base_decision(first->base);
        if (dec) {
            vn_buf_puts(&h.tmp, " vs ");
            vn_buf_puts(&h.tmp, dec);
        }
    } else {
        char num[24];
        vn_fmt_u64(count, num);
        vn_buf_puts(&h.tmp, ": ");
        vn_buf_puts(&h.tmp, num);
        vn_buf_puts(&h.tmp, " plans");
    }
    h_el(&h, "title", NULL, vn_buf_cstr(&h.tmp));
    h_open(&h, "style");
    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST h_css));
    h_close(&h);
    h_close(&h); /* head */

    h_open(&h, "body");
    h_open(&h, "header");
    h_attr(&h, "class", "top");
    h_el(&h, "h1", NULL, count == 1 ? "Plan against the decision it implements" : "Plans against their baselines");
    h_el(&h, "p", NULL,
         "Which targets of the baseline each plan adopted, changed (and how), left out, and which it added; "
         "its qualitative objectives, task groups and duties. Made by vnplan " VNPLAN_VERSION ".");
    h_close(&h);
    h_open(&h, "nav");
    h_attr(&h, "class", "filters");
    h_el(&h, "span", NULL, "Show:");
    static const char *const filters[][2] = {{"all", "All"},         {"changed", "Changed"},
                                             {"missing", "Missing"}, {"adopted", "Adopted"},
                                             {"added", "Added"},     {"unverified", "Unverified"}};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
        h_open(&h, "button");
        h_attr(&h, "type", "button");
        h_attr(&h, "data-f", filters[i][0]);
        h_attr(&h, "aria-pressed", i == 0 ? "true" : "false");
        h_text(&h, filters[i][1]);
        h_close(&h);
    }
    if (count > 1 || vn_diff_failed_count(diffs, n, failed)) {
        h_open(&h, "a");
        h_attr(&h, "href", "#summary");
        h_text(&h, "Summary across plans");
        h_close(&h);
    }
    h_close(&h);
    h_open(&h, "main");
    size_t nfailed = vn_diff_failed_count(diffs, n, failed);
    if (count > 1 || (count && nfailed)) {
        h_matrix(&h, diffs, n, failed);
    } else if (nfailed) {
        h_open(&h, "section");
        h_attr(&h, "class", "matrix");
        h_attr(&h, "id", "summary");
        h_el(&h, "h2", NULL, "Summary across plans");
        h_failed(&h, diffs, n, failed);
        h_close(&h);
    }
    for (size_t k = 0; k < n; k++)
        if (diffs[k])
            h_report(&h, diffs[k], k, count);
    if (!count)
        h_el(&h, "p", "note", "No plan could be compared.");
    h_close(&h);
    h_open(&h, "footer");
    h_text(&h, "Statuses: adopted — same value, comparator and phase; changed — value, comparator, phase or unit "
               "differs (stricter, looser, or a localized share of a national amount); missing — nothing in the "
               "plan matches; added — a plan target matching nothing in the baseline. See docs/diff.md.");
    h_close(&h);
    h_open(&h, "script");
    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST h_js));
    h_close(&h);
    h_close(&h); /* body */
    h_close(&h); /* html */
    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST "\n"));
    xmlTextWriterFlush(h.w);
    xmlFreeTextWriter(h.w);
    if (!h.failed && h.out.len && fwrite(h.out.data, 1, h.out.len, out) != h.out.len) {
        h.failed = true;
        h.errnum = errno ? errno : EIO;
    }
    vn_buf_free(&h.out);
    vn_buf_free(&h.tmp);
    vn_buf_free(&h.clean);
    for (size_t i = 0; i < h.nwords; i++)
        vn_hl_words_free(&h.words[i]);
    if (h.failed)
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "write error: %s", strerror(h.errnum));
    if (h.bad)
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "the HTML writer failed");
    return VNPLAN_OK;
}
