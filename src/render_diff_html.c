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
 * HTML parser reads the page as written.  The documents side by side are
 * written by render_diff_html_docs.c. */
#include "compare.h"
#include "render.h"
#include "render_diff_html.h"
#include "xml_errors.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/xmlwriter.h>


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

void vn_html_open(hw *h, const char *el) { h_chk(h, xmlTextWriterStartElement(h->w, BAD_CAST el)); }
void vn_html_close(hw *h) { h_chk(h, xmlTextWriterFullEndElement(h->w)); }
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

void vn_html_attr(hw *h, const char *name, const char *v)
{
    if (!v)
        return;
    h_chk(h, xmlTextWriterWriteAttribute(h->w, BAD_CAST name, BAD_CAST h_cleaned(h, v, strlen(v))));
}

void vn_html_attrf(hw *h, const char *name, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    vn_html_attr(h, name, buf);
}

static void h_text_n(hw *h, const char *s, size_t n)
{
    if (!s || !n)
        return;
    h_chk(h, xmlTextWriterWriteString(h->w, BAD_CAST h_cleaned(h, s, n)));
}

void vn_html_text(hw *h, const char *s)
{
    if (s)
        h_text_n(h, s, strlen(s));
}

void vn_html_el(hw *h, const char *el, const char *cls, const char *text)
{
    vn_html_open(h, el);
    vn_html_attr(h, "class", cls);
    vn_html_text(h, text);
    vn_html_close(h);
}

void vn_html_buf(hw *h, vn_buf *b) { h_text_n(h, b->data, b->len); }

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
    vn_html_open(h, "span");
    vn_buf_clear(&h->tmp);
    vn_buf_puts(&h->tmp, "badge ");
    vn_buf_puts(&h->tmp, st_class(st));
    vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
    vn_html_attr(h, "title", title);
    vn_html_text(h, st);
    vn_html_close(h);
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
    size_t nh = t->text ? vn_diff_highlights(doc, t, hl, 6) : 0;
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
        vn_html_open(h, "mark");
        unsigned bit = hl[i].kind == VN_HL_VALUE ? 1u : hl[i].kind == VN_HL_CMP ? 2u : 4u;
        vn_html_attr(h, "class", changed & bit ? "w chg" : "w");
        vn_html_attr(h, "title", hl[i].kind == VN_HL_VALUE ? "value" : hl[i].kind == VN_HL_CMP ? "comparator" : "unit");
        h_text_n(h, s + hl[i].a, hl[i].b - hl[i].a);
        vn_html_close(h);
        pos = hl[i].b;
    }
    h_text_n(h, s + pos, len - pos);
}

static void h_line_link(hw *h, const vnplan_doc *doc, size_t t, char side)
{
    size_t line = vn_diff_target_line(doc, t);
    vn_html_open(h, "a");
    vn_html_attr(h, "class", "ln");
    vn_html_attrf(h, "href", "#d%zu-%c-%zu", h->report, side, t + 1);
    if (line)
        vn_html_attrf(h, "title", "line %zu of %s", line, doc->name ? doc->name : "");
    char buf[48];
    if (line)
        snprintf(buf, sizeof buf, "line %zu ↓", line);
    else
        snprintf(buf, sizeof buf, "in the text ↓");
    vn_html_text(h, buf);
    vn_html_close(h);
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
    vn_html_open(h, "td");
    vn_html_attr(h, "class", "conf");
    vn_html_attr(h, "title", "confidence of the finding, 0 to 1");
    vn_html_text(h, num);
    vn_html_close(h);
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
    vn_html_open(h, "div");
    vn_html_attr(h, "class", "cards");
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
        char num[24];
        vn_fmt_u64(cards[i].n, num);
        vn_html_open(h, "div");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "card ");
        vn_buf_puts(&h->tmp, cards[i].cls);
        vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_html_el(h, "b", NULL, num);
        vn_html_el(h, "span", NULL, cards[i].label);
        vn_html_close(h);
    }
    vn_html_close(h);
    if (s.unverified) {
        vn_html_open(h, "p");
        vn_html_attr(h, "class", "note");
        vn_html_text(h, "“unverified”: the finding rests on a baseline figure that public summaries of the decision do "
                  "not confirm (confidence likely or inferred). Check it against the official text; "
                  "docs/baselines.md says how to use that text as the baseline.");
        vn_html_close(h);
    }
}

static void h_meta(hw *h, const vnplan_diff *d)
{
    vn_html_open(h, "dl");
    vn_html_attr(h, "class", "meta");
    vn_html_el(h, "dt", NULL, "Plan");
    vn_html_open(h, "dd");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_long(d->plan, &h->tmp);
    vn_html_buf(h, &h->tmp);
    vn_html_close(h);
    vn_html_el(h, "dt", NULL, "File");
    vn_html_el(h, "dd", NULL, d->plan->name);
    if (d->plan->meta.nimplements) {
        vn_html_el(h, "dt", NULL, "Implements");
        vn_html_open(h, "dd");
        for (size_t i = 0; i < d->plan->meta.nimplements; i++) {
            if (i)
                vn_html_text(h, ", ");
            vn_html_text(h, d->plan->meta.implements[i].number);
        }
        vn_html_close(h);
    }
    vn_html_el(h, "dt", NULL, "Baseline");
    vn_html_open(h, "dd");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_long(d->base, &h->tmp);
    vn_html_buf(h, &h->tmp);
    if (d->base->baseline) {
        vn_html_text(h, " ");
        h_badge(h, "bundled", "compiled into vnplan from public summaries of the decision");
    } else {
        vn_html_text(h, " (");
        vn_html_text(h, d->base->name);
        vn_html_text(h, ")");
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_findings(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, "Targets of the baseline");
    if (!d->nfindings) {
        vn_html_el(h, "p", "note", "The baseline states no quantified target.");
        return;
    }
    vn_html_open(h, "table");
    vn_html_attr(h, "class", "findings");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    static const char *const cols[] = {"Target", "Status", "Baseline says", "Plan says", "What changed", "Conf."};
    for (size_t i = 0; i < 6; i++)
        vn_html_el(h, "th", NULL, cols[i]);
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    char ph[8];
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const vn_target *b = &d->base->targets[f->base];
        const char *st = vn_fstatus_name((vn_fstatus)f->status);
        vn_html_open(h, "tr");
        vn_html_attrf(h, "id", "d%zu-f-%zu", h->report, i);
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "f ");
        vn_buf_puts(&h->tmp, st);
        if (f->unverified)
            vn_buf_puts(&h->tmp, " unv");
        vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_html_attr(h, "data-base-id", b->id);
        vn_html_attr(h, "data-status", st);
        /* id and phase */
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "id");
        vn_html_el(h, "code", NULL, b->id);
        vn_html_el(h, "div", "ph", vn_diff_phase(b->phase, ph));
        vn_html_close(h);
        /* status */
        vn_html_open(h, "td");
        h_badge(h, st, st_gloss(st));
        if (f->unverified) {
            vn_buf_clear(&h->tmp);
            vn_buf_puts(&h->tmp, "baseline figure ");
            vn_buf_puts(&h->tmp, b->confidence ? b->confidence : "not confirmed");
            vn_buf_puts(&h->tmp, ", not confirmed by two summaries");
            h_badge(h, "unverified", vn_buf_cstr(&h->tmp));
        }
        vn_html_close(h);
        /* baseline */
        unsigned bits = changed_bits(f);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        h_line_link(h, d->base, (size_t)f->base, 'b');
        h_sentence(h, d->base, b, bits);
        vn_html_close(h);
        /* plan */
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        if (f->plan >= 0) {
            const vn_target *t = &d->plan->targets[f->plan];
            h_line_link(h, d->plan, (size_t)f->plan, 'p');
            h_sentence(h, d->plan, t, bits);
            if (f->ndup) {
                vn_html_open(h, "div");
                vn_html_attr(h, "class", "also");
                vn_html_text(h, "Restated: ");
                for (uint32_t k = 0; k < f->ndup; k++) {
                    if (k)
                        vn_html_text(h, ", ");
                    h_line_link(h, d->plan, d->dups[f->dup_first + k], 'p');
                }
                vn_html_close(h);
            }
        } else {
            vn_html_el(h, "em", NULL, "— not in the plan —");
        }
        vn_html_close(h);
        /* changes */
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "chg");
        if (f->nchanges) {
            vn_html_open(h, "ul");
            for (size_t k = 0; k < f->nchanges; k++) {
                const vn_change *c = &f->changes[k];
                vn_html_open(h, "li");
                vn_buf_clear(&h->tmp);
                vn_buf_puts(&h->tmp, vn_chg_name((vn_chg_what)c->what));
                vn_buf_putc(&h->tmp, ' ');
                vn_buf tmp2 = {0};
                vn_diff_change_text(VN_LANG_EN, d, f, c, &tmp2);
                vn_buf_cstr(&tmp2); /* searched with strchr/strstr below */
                /* the values part: after the first word */
                const char *sp = tmp2.data ? strchr(tmp2.data, ' ') : NULL;
                const char *paren = tmp2.data ? strstr(tmp2.data, " (") : NULL;
                vn_html_el(h, "b", NULL, vn_chg_name((vn_chg_what)c->what));
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
                    vn_html_el(h, "span", vn_buf_cstr(&h->tmp), dir);
                }
                vn_html_close(h);
            }
            vn_html_close(h);
        }
        vn_html_close(h);
        h_conf(h, f->confidence);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_added(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, "Added by the plan");
    if (!d->nadded) {
        vn_html_el(h, "p", "note", "Every quantified target of the plan matches one of the baseline.");
        return;
    }
    vn_html_open(h, "table");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    static const char *const cols[] = {"Target", "Status", "Plan says", "Value", "Conf."};
    for (size_t i = 0; i < 5; i++)
        vn_html_el(h, "th", NULL, cols[i]);
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    char ph[8], idb[24];
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        const vn_target *t = &d->plan->targets[a->plan];
        vn_html_open(h, "tr");
        vn_html_attr(h, "class", "f added");
        vn_html_attrf(h, "id", "d%zu-a-%zu", h->report, i);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "id");
        vn_html_el(h, "code", NULL, vn_render_target_id(d->plan, (size_t)a->plan, idb));
        vn_html_el(h, "div", "ph", vn_diff_phase(t->phase, ph));
        vn_html_close(h);
        vn_html_open(h, "td");
        h_badge(h, "added", st_gloss("added"));
        vn_html_close(h);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        h_line_link(h, d->plan, (size_t)a->plan, 'p');
        h_sentence(h, d->plan, t, 0);
        if (a->ndup) {
            vn_html_open(h, "div");
            vn_html_attr(h, "class", "also");
            vn_html_text(h, "Restated: ");
            for (uint32_t k = 0; k < a->ndup; k++) {
                if (k)
                    vn_html_text(h, ", ");
                h_line_link(h, d->plan, d->dups[a->dup_first + k], 'p');
            }
            vn_html_close(h);
        }
        vn_html_close(h);
        vn_buf_clear(&h->tmp);
        vn_diff_target_value(t, &h->tmp);
        vn_html_open(h, "td");
        vn_html_buf(h, &h->tmp);
        vn_html_close(h);
        h_conf(h, a->confidence);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_quals(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, "Qualitative objectives");
    if (!d->nquals) {
        vn_html_el(h, "p", "note", "Neither document states a qualitative objective.");
        return;
    }
    vn_html_open(h, "table");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    static const char *const cols[] = {"Phase", "Status", "Baseline says", "Plan says", "Similarity"};
    for (size_t i = 0; i < 5; i++)
        vn_html_el(h, "th", NULL, cols[i]);
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    char ph[8];
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        const char *st = q->base >= 0 && q->plan >= 0 ? "matched" : q->base >= 0 ? "missing" : "added";
        const vn_target *t = q->base >= 0 ? &d->base->targets[q->base] : &d->plan->targets[q->plan];
        vn_html_open(h, "tr");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "f q ");
        vn_buf_puts(&h->tmp, !strcmp(st, "matched") ? "adopted" : st);
        vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_html_el(h, "td", "id", vn_diff_phase(t->phase, ph));
        vn_html_open(h, "td");
        h_badge(h, st, NULL);
        if (q->unverified)
            h_badge(h, "unverified", "the baseline's wording is a rendering of public summaries");
        vn_html_close(h);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        if (q->base >= 0) {
            h_line_link(h, d->base, (size_t)q->base, 'b');
            h_sentence(h, d->base, &d->base->targets[q->base], 0);
        }
        vn_html_close(h);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        if (q->plan >= 0) {
            h_line_link(h, d->plan, (size_t)q->plan, 'p');
            h_sentence(h, d->plan, &d->plan->targets[q->plan], 0);
        } else {
            vn_html_el(h, "em", NULL, "— nothing similar in the plan —");
        }
        vn_html_close(h);
        h_conf(h, q->similarity);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_node_link(hw *h, const vnplan_doc *doc, int32_t node, char side)
{
    vn_buf_clear(&h->tmp);
    vn_diff_node_heading(doc, node, &h->tmp);
    vn_html_open(h, "a");
    vn_html_attrf(h, "href", "#d%zu-%cn-%d", h->report, side, node);
    vn_html_buf(h, &h->tmp);
    vn_html_close(h);
}

static void h_groups(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, "Task groups (nhiệm vụ và giải pháp)");
    if (!d->base_has_groups)
        vn_html_el(h, "p", "note", "The baseline lists no task groups (their titles and contents are not known).");
    if (!d->ngroups)
        return;
    vn_html_open(h, "table");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    static const char *const cols[] = {"Status", "Baseline group", "Plan group", "Similarity"};
    for (size_t i = 0; i < 4; i++)
        vn_html_el(h, "th", NULL, cols[i]);
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        const char *st = g->base >= 0 ? (g->plan >= 0 ? "covered" : "not covered") : "plan only";
        vn_html_open(h, "tr");
        vn_html_attr(h, "class", g->base >= 0 ? (g->plan >= 0 ? "f g adopted" : "f g missing") : "f g added");
        vn_html_open(h, "td");
        h_badge(h, st, NULL);
        if (g->unconfirmed)
            h_badge(h, "unverified", "the title of this group is not confirmed");
        vn_html_close(h);
        vn_html_open(h, "td");
        if (g->base >= 0)
            h_node_link(h, d->base, g->base, 'b');
        vn_html_close(h);
        vn_html_open(h, "td");
        if (g->plan >= 0)
            h_node_link(h, d->plan, g->plan, 'p');
        vn_html_close(h);
        h_conf(h, g->similarity);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_body_cell(hw *h, const vnplan_doc *doc, const vn_body *b, char side)
{
    vn_html_open(h, "td");
    if (b) {
        vn_html_open(h, "a");
        vn_html_attrf(h, "href", "#d%zu-%cn-%d", h->report, side, b->node);
        vn_html_text(h, b->name);
        vn_html_close(h);
        if (b->lead)
            h_badge(h, "lead", "chủ trì");
    }
    (void)doc;
    vn_html_close(h);
}

static void h_duties(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, "Duties (tổ chức thực hiện)");
    if (!d->nbase_bodies)
        vn_html_el(h, "p", "note", "The baseline names no bodies with duties.");
    if (!d->nbase_bodies && !d->nplan_bodies)
        return;
    vn_html_open(h, "table");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    static const char *const cols[] = {"Status", "National body (baseline)", "Body in the plan"};
    for (size_t i = 0; i < 3; i++)
        vn_html_el(h, "th", NULL, cols[i]);
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        const vn_body *p = b->counterpart >= 0 ? &d->plan_bodies[b->counterpart] : NULL;
        vn_html_open(h, "tr");
        vn_html_attr(h, "class", p ? "f adopted" : "f missing");
        vn_html_open(h, "td");
        h_badge(h, p ? "assigned" : "not assigned", NULL);
        vn_html_close(h);
        h_body_cell(h, d->base, b, 'b');
        h_body_cell(h, d->plan, p, 'p');
        vn_html_close(h);
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        const vn_body *b = p->counterpart >= 0 ? &d->base_bodies[p->counterpart] : NULL;
        vn_html_open(h, "tr");
        vn_html_attr(h, "class", "f added");
        vn_html_open(h, "td");
        h_badge(h, b ? "assigned" : "local", b ? "another local body for the same national body"
                                                 : "a local body with no national counterpart in the baseline");
        vn_html_close(h);
        h_body_cell(h, d->base, b, 'b');
        h_body_cell(h, d->plan, p, 'p');
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_funding(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, "Funding (kinh phí)");
    vn_html_open(h, "dl");
    vn_html_attr(h, "class", "meta");
    vn_html_el(h, "dt", NULL, "Baseline");
    vn_html_open(h, "dd");
    if (d->base_kinh_phi >= 0) {
        h_node_link(h, d->base, d->base_kinh_phi, 'b');
        vn_buf_clear(&h->tmp);
        vn_render_span(d->base, d->base->nodes[d->base_kinh_phi].text, &h->tmp);
        if (h->tmp.len) {
            vn_html_text(h, ": ");
            vn_html_buf(h, &h->tmp);
        }
        if (d->base_kinh_phi_unconfirmed)
            h_badge(h, "unverified", "the amount in the baseline is a draft figure, not confirmed");
    } else {
        vn_html_text(h, "no funding section");
    }
    vn_html_close(h);
    vn_html_el(h, "dt", NULL, "Plan");
    vn_html_open(h, "dd");
    if (d->plan_kinh_phi >= 0)
        h_node_link(h, d->plan, d->plan_kinh_phi, 'p');
    else
        h_badge(h, "missing", "the plan has no funding section");
    vn_html_close(h);
    vn_html_close(h);
}

/* ---- the page ---------------------------------------------------------------------------------- */

static void h_report(hw *h, const vnplan_diff *d, size_t k, size_t total)
{
    h->report = k;
    vn_html_open(h, "section");
    vn_html_attr(h, "class", "report");
    vn_html_attrf(h, "id", "d%zu", k);
    vn_buf_clear(&h->tmp);
    vn_diff_doc_short(d->plan, &h->tmp);
    const char *dec = vn_diff_base_decision(d->base);
    vn_buf_puts(&h->tmp, "  —  against ");
    if (dec)
        vn_buf_puts(&h->tmp, dec);
    else
        vn_diff_doc_short(d->base, &h->tmp);
    vn_html_el(h, "h2", NULL, vn_buf_cstr(&h->tmp));
    (void)total;
    h_meta(h, d);
    h_cards(h, d);
    h_findings(h, d);
    h_added(h, d);
    h_quals(h, d);
    h_groups(h, d);
    h_duties(h, d);
    h_funding(h, d);
    vn_html_el(h, "h3", NULL, "The two documents side by side");
    vn_html_el(h, "p", "note",
         "Highlighted: the sentences the findings rest on (green adopted, amber changed, blue added). "
         "The links in the tables lead here; the small links here lead back.");
    vn_html_open(h, "div");
    vn_html_attr(h, "class", "sbs");
    vn_html_pane(h, d, true);
    vn_html_pane(h, d, false);
    vn_html_close(h);
    vn_html_close(h);
}

/* The plans that could not be compared: rows of the summary across plans. */
static void h_failed(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    vn_html_open(h, "table");
    vn_html_attr(h, "class", "mx failed");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    vn_html_el(h, "th", NULL, "Plan not compared");
    vn_html_el(h, "th", NULL, "Why");
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    for (size_t k = 0; k < n; k++) {
        const char *name = vn_diff_failed_name(diffs, failed, k);
        if (!name)
            continue;
        vn_html_open(h, "tr");
        vn_html_el(h, "td", NULL, name);
        vn_html_el(h, "td", NULL, vn_diff_failed_reason(failed, k));
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
}

static void h_matrix(hw *h, const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed)
{
    const char **ids = NULL;
    size_t nr = vn_diff_matrix_rows(diffs, n, &ids);
    vn_html_open(h, "section");
    vn_html_attr(h, "class", "matrix");
    vn_html_attr(h, "id", "summary");
    vn_html_el(h, "h2", NULL, "Summary across plans");
    vn_html_el(h, "p", "note", "A row per target of the baseline, a column per plan. Each cell links to the finding.");
    vn_html_open(h, "table");
    vn_html_attr(h, "class", "mx");
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    vn_html_el(h, "th", NULL, "Baseline target");
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        vn_html_open(h, "th");
        vn_html_open(h, "a");
        vn_html_attrf(h, "href", "#d%zu", k);
        vn_html_attr(h, "title", diffs[k]->plan->name);
        vn_buf_clear(&h->tmp);
        vn_diff_doc_short(diffs[k]->plan, &h->tmp);
        vn_html_buf(h, &h->tmp);
        vn_html_close(h);
        vn_html_close(h);
    }
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
    for (size_t r = 0; r < nr; r++) {
        vn_html_open(h, "tr");
        vn_html_open(h, "td");
        vn_html_el(h, "code", NULL, ids[r]);
        vn_html_close(h);
        for (size_t k = 0; k < n; k++) {
            if (!diffs[k])
                continue;
            size_t fi = 0;
            const char *st = vn_diff_status_of(diffs[k], ids[r], &fi);
            vn_html_open(h, "td");
            if (st) {
                vn_html_open(h, "a");
                vn_html_attrf(h, "href", "#d%zu-f-%zu", k, fi);
                h_badge(h, st, st_gloss(st));
                vn_html_close(h);
                if (diffs[k]->findings[fi].unverified)
                    h_badge(h, "unverified", NULL);
            } else {
                vn_html_text(h, "·");
            }
            vn_html_close(h);
        }
        vn_html_close(h);
    }
    vn_html_open(h, "tr");
    vn_html_el(h, "td", NULL, "added by the plan");
    for (size_t k = 0; k < n; k++) {
        if (!diffs[k])
            continue;
        char num[24];
        vn_fmt_u64(diffs[k]->nadded, num);
        vn_html_el(h, "td", NULL, num);
    }
    vn_html_close(h);
    vn_html_close(h);
    vn_html_close(h);
    if (vn_diff_failed_count(diffs, n, failed))
        h_failed(h, diffs, n, failed);
    vn_html_close(h);
    free(ids);
}

vnplan_status vn_render_diff_html(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err)
{
    (void)flags;
    hw h;
    memset(&h, 0, sizeof h);
    h.f = out;
    vn_xml_handlers handlers; /* the writer's complaints set h.bad, they are not printed */
    vn_xml_handlers_push(&handlers, NULL, NULL);
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(h_io_write, h_io_close, &h, NULL);
    if (!ob) {
        vn_xml_handlers_pop(&handlers);
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "cannot create the HTML writer");
    }
    h.w = xmlNewTextWriter(ob);
    if (!h.w) {
        xmlOutputBufferClose(ob);
        vn_xml_handlers_pop(&handlers);
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
    vn_html_open(&h, "html");
    vn_html_attr(&h, "lang", "vi");
    vn_html_open(&h, "head");
    vn_html_open(&h, "meta");
    vn_html_attr(&h, "charset", "utf-8");
    h_void_close(&h);
    vn_html_open(&h, "meta");
    vn_html_attr(&h, "name", "viewport");
    vn_html_attr(&h, "content", "width=device-width, initial-scale=1");
    h_void_close(&h);
    /* nothing from the network, ever */
    vn_html_open(&h, "meta");
    vn_html_attr(&h, "http-equiv", "Content-Security-Policy");
    vn_html_attr(&h, "content",
           "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:");
    h_void_close(&h);
    vn_html_open(&h, "link");
    vn_html_attr(&h, "rel", "icon");
    vn_html_attr(&h, "href", "data:,");
    h_void_close(&h);
    vn_html_open(&h, "meta");
    vn_html_attr(&h, "name", "generator");
    vn_html_attr(&h, "content", "vnplan " VNPLAN_VERSION);
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
    vn_html_el(&h, "title", NULL, vn_buf_cstr(&h.tmp));
    vn_html_open(&h, "style");
    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST h_css));
    vn_html_close(&h);
    vn_html_close(&h); /* head */

    vn_html_open(&h, "body");
    vn_html_open(&h, "header");
    vn_html_attr(&h, "class", "top");
    vn_html_el(&h, "h1", NULL, count == 1 ? "Plan against the decision it implements" : "Plans against their baselines");
    vn_html_el(&h, "p", NULL,
         "Which targets of the baseline each plan adopted, changed (and how), left out, and which it added; "
         "its qualitative objectives, task groups and duties. Made by vnplan " VNPLAN_VERSION ".");
    vn_html_close(&h);
    vn_html_open(&h, "nav");
    vn_html_attr(&h, "class", "filters");
    vn_html_el(&h, "span", NULL, "Show:");
    static const char *const filters[][2] = {{"all", "All"},         {"changed", "Changed"},
                                             {"missing", "Missing"}, {"adopted", "Adopted"},
                                             {"added", "Added"},     {"unverified", "Unverified"}};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
        vn_html_open(&h, "button");
        vn_html_attr(&h, "type", "button");
        vn_html_attr(&h, "data-f", filters[i][0]);
        vn_html_attr(&h, "aria-pressed", i == 0 ? "true" : "false");
        vn_html_text(&h, filters[i][1]);
        vn_html_close(&h);
    }
    if (count > 1 || vn_diff_failed_count(diffs, n, failed)) {
        vn_html_open(&h, "a");
        vn_html_attr(&h, "href", "#summary");
        vn_html_text(&h, "Summary across plans");
        vn_html_close(&h);
    }
    vn_html_close(&h);
    vn_html_open(&h, "main");
    size_t nfailed = vn_diff_failed_count(diffs, n, failed);
    if (count > 1 || (count && nfailed)) {
        h_matrix(&h, diffs, n, failed);
    } else if (nfailed) {
        vn_html_open(&h, "section");
        vn_html_attr(&h, "class", "matrix");
        vn_html_attr(&h, "id", "summary");
        vn_html_el(&h, "h2", NULL, "Summary across plans");
        h_failed(&h, diffs, n, failed);
        vn_html_close(&h);
    }
    for (size_t k = 0; k < n; k++)
        if (diffs[k])
            h_report(&h, diffs[k], k, count);
    if (!count)
        vn_html_el(&h, "p", "note", "No plan could be compared.");
    vn_html_close(&h);
    vn_html_open(&h, "footer");
    vn_html_text(&h, "Statuses: adopted — same value, comparator and phase; changed — value, comparator, phase or unit "
               "differs (stricter, looser, or a localized share of a national amount); missing — nothing in the "
               "plan matches; added — a plan target matching nothing in the baseline. See docs/diff.md.");
    vn_html_close(&h);
    vn_html_open(&h, "script");
    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST h_js));
    vn_html_close(&h);
    vn_html_close(&h); /* body */
    vn_html_close(&h); /* html */
    h_chk(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST "\n"));
    xmlTextWriterFlush(h.w);
    xmlFreeTextWriter(h.w);
    vn_xml_handlers_pop(&handlers);
    if (!h.failed && h.out.len && fwrite(h.out.data, 1, h.out.len, out) != h.out.len) {
        h.failed = true;
        h.errnum = errno ? errno : EIO;
    }
    vn_buf_free(&h.out);
    vn_buf_free(&h.tmp);
    vn_buf_free(&h.clean);
    if (h.failed)
        return vn_output_failed(err, h.errnum);
    if (h.bad)
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "the HTML writer failed");
    return VNPLAN_OK;
}
