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
 * Written by the small writer of render_diff_html_writer.c, which escapes text and attributes;
 * elements are always closed in full (<div></div>, never <div/>) so that an
 * HTML parser reads the page as written.  The documents side by side are
 * written by render_diff_html_docs.c. */
#include "compare.h"
#include "render.h"
#include "render_diff_html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>


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
    ".toc ol{margin:4px 0 8px;padding-left:22px}.toc li{margin:2px 0}.toc .counts{color:var(--mute);font-size:13px}"
    "td .val{font-size:12px;white-space:nowrap}td .num{color:var(--mute);font-size:12px;margin-left:4px}"
    ".unv-why{font-size:12px;color:var(--unv);margin-top:2px}"
    "td.no{font-variant-numeric:tabular-nums;color:var(--mute)}"
    "table.findings{table-layout:fixed}table.findings th:nth-child(1){width:4%}table.findings th:nth-child(2){width:14%}"
    "table.findings th:nth-child(3){width:15%}table.findings th:nth-child(4),table.findings th:nth-child(5){width:21%}"
    "table.findings th:nth-child(6){width:13%}table.findings th:nth-child(7){width:12%}"
    "table.added{table-layout:fixed}table.added th:nth-child(1){width:4%}table.added th:nth-child(2){width:22%}"
    "table.added th:nth-child(3){width:12%}table.added th:nth-child(5){width:12%}td.conf{white-space:normal}"
    /* Print (A4): the summary table on a landscape page of its own, the
     * reports in portrait; a row (a finding) never cut across pages; the
     * banner shrinks to a title so that the first page holds the summary
     * too; the running header and the page numbers are the @page margin
     * boxes written after this sheet (they carry the report's words). */
    "@page{size:A4 portrait;margin:16mm 12mm 16mm 14mm}"
    "@page wide{size:A4 landscape;margin:14mm 12mm 14mm 12mm}"
    "@media print{body{background:#fff;font-size:9.5pt;line-height:1.35}nav.filters{display:none}"
    "header.top{background:#fff;color:#000;border-bottom:1.5pt solid #000;padding:0 0 4pt}"
    "header.top h1{font-size:14pt}header.top p{color:#333;font-size:9pt}main{padding:0;max-width:none}"
    "section.report,section.matrix{border:none;border-radius:0;padding:0;margin:8pt 0 0}"
    "section.report+section.report,section.matrix+section.report{break-before:page}"
    "section.matrix,nav.toc,body.many header.top{page:wide}"
    "h2,h3,h4{break-after:avoid}h3{margin:12pt 0 4pt}"
    "table{font-size:8.5pt}th{font-size:7.5pt}td{padding:3pt 4pt}thead{display:table-header-group}"
    "tr,tr.f,.card,dl.meta,p.note{break-inside:avoid}tr.f{display:table-row!important}"
    "td.sent{max-width:none}.pane{max-height:none;overflow:visible;font-size:8.5pt;border:none;padding:0}"
    ".pane .n{break-inside:auto}"
    ".cards{gap:6pt}.card{padding:3pt 8pt;min-width:0}.card b{font-size:14pt}"
    ".badge{border:0.5pt solid currentColor;white-space:normal}"
    "a{color:inherit}.pane .back,a.ln::after{display:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

const char *vnplan_diff_html_css(void) { return h_css; }

static const char h_js[] =
    "(function(){var b=document.body,bs=document.querySelectorAll('nav.filters button');"
    "function set(f){if(f==='all'){b.removeAttribute('data-filter')}else{b.setAttribute('data-filter',f)}"
    "for(var i=0;i<bs.length;i++){bs[i].setAttribute('aria-pressed',bs[i].getAttribute('data-f')===f?'true':'false')}}"
    "for(var i=0;i<bs.length;i++){bs[i].addEventListener('click',function(e){"
    "set(e.currentTarget.getAttribute('data-f'))})}"
    "set('all');document.documentElement.className='js'})();";

/* s as a CSS string: every character but letters, digits, spaces and
 * non-ASCII as a hex escape, so that nothing in a title can end the string
 * or the <style> element. */
static void css_string(vn_buf *out, const char *s)
{
    vn_buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80 || *p == ' ' || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
            vn_buf_putc(out, (char)*p);
        else if (*p >= 0x20)
            vn_buf_printf(out, "\\%x ", *p);
    }
    vn_buf_putc(out, '"');
}

/* The running header (the page's title) and "trang 3 / 12" at the foot of
 * every printed page: @page margin boxes (Chromium draws them since 131). */
static void h_page_boxes(hw *h, const char *title)
{
    vn_buf css = {0};
    vn_buf_puts(&css, "@page{@top-left{content:");
    css_string(&css, title);
    vn_buf_puts(&css, ";font:8pt sans-serif;color:#555}@bottom-right{content:");
    css_string(&css, HT(h, N_("page")));
    vn_buf_puts(&css, " \" \" counter(page) \" / \" counter(pages);font:8pt sans-serif;color:#555}}");
    vn_buf_puts(&css, "@page wide{@top-left{content:");
    css_string(&css, title);
    vn_buf_puts(&css, ";font:8pt sans-serif;color:#555}}");
    vn_html_raw(h, vn_buf_cstr(&css));
    vn_buf_free(&css);
}

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

/* A status by its machine name (the class) shown in the page's words. */
void vn_html_badge(hw *h, const char *st, const char *title)
{
    vn_html_open(h, "span");
    vn_buf_clear(&h->tmp);
    vn_buf_puts(&h->tmp, "badge ");
    vn_buf_puts(&h->tmp, st_class(st));
    vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
    vn_html_attr(h, "data-status", st);
    vn_html_attr(h, "title", title);
    vn_html_text(h, vn_diff_word(h->lang, st));
    vn_html_close(h);
}

#define h_badge vn_html_badge

const char *vn_html_gloss(const hw *h, const char *st)
{
    if (!strcmp(st, "adopted"))
        return HT(h, N_("the plan keeps the target of the baseline"));
    if (!strcmp(st, "changed"))
        return HT(h, N_("the plan states the target differently from the baseline"));
    if (!strcmp(st, "missing"))
        return HT(h, N_("the plan does not state this target"));
    if (!strcmp(st, "added"))
        return HT(h, N_("a target the plan adds of its own"));
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
        vn_html_text_n(h, s + pos, hl[i].a - pos);
        vn_html_open(h, "mark");
        unsigned bit = hl[i].kind == VN_HL_VALUE ? 1u : hl[i].kind == VN_HL_CMP ? 2u : 4u;
        vn_html_attr(h, "class", changed & bit ? "w chg" : "w");
        vn_html_attr(h, "title", vn_diff_word(h->lang, hl[i].kind == VN_HL_VALUE ? "value"
                                                      : hl[i].kind == VN_HL_CMP ? "comparator"
                                                                                : "unit"));
        vn_html_text_n(h, s + hl[i].a, hl[i].b - hl[i].a);
        vn_html_close(h);
        pos = hl[i].b;
    }
    vn_html_text_n(h, s + pos, len - pos);
}

/* "dòng 85 ↓" ("trang 3" in a PDF, "đoạn 12" in a DOCX): where the
 * sentence stands in its file, linking to it in the documents below. */
static void h_line_link(hw *h, const vnplan_doc *doc, size_t t, char side)
{
    vn_html_open(h, "a");
    vn_html_attr(h, "class", "ln");
    vn_html_doc_href(h, side, "", (long)t + 1);
    vn_buf_clear(&h->tmp);
    if (!vn_diff_target_where(h->lang, doc, t, &h->tmp))
        vn_buf_puts(&h->tmp, HT(h, N_("in the text")));
    vn_buf_puts(&h->tmp, " ↓");
    vn_html_buf(h, &h->tmp);
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

/* How sure the finding is, in words, with the score (0,86 in Vietnamese),
 * and why it is not verified when it is not (note). */
/* A cell of a row's status: its badge, then, when `unverified` says why,
 * an "unverified" badge with that title. */
static void h_status_cell(hw *h, const char *st, const char *unverified)
{
    vn_html_open(h, "td");
    h_badge(h, st, NULL);
    if (unverified)
        h_badge(h, "unverified", unverified);
    vn_html_close(h);
}

/* A target's sentence in a cell: a link to its line (side 'b' or 'p'),
 * then the sentence, `changed` its parts that changed. */
static void h_said(hw *h, const vnplan_doc *doc, size_t t, char side, unsigned changed)
{
    h_line_link(h, doc, t, side);
    h_sentence(h, doc, &doc->targets[t], changed);
}

/* The plan's other statements of a target (d->dups[first .. first + n)),
 * links to their lines. */
static void h_restated(hw *h, const vnplan_diff *d, uint32_t first, uint32_t n)
{
    if (!n)
        return;
    vn_html_open(h, "div");
    vn_html_attr(h, "class", "also");
    vn_html_text(h, HT(h, N_("Restated: ")));
    for (uint32_t k = 0; k < n; k++) {
        if (k)
            vn_html_text(h, ", ");
        h_line_link(h, d->plan, d->dups[first + k], 'p');
    }
    vn_html_close(h);
}

/* "— what —" where a cell has no sentence to show. */
static void h_nothing(hw *h, const char *what)
{
    vn_buf_clear(&h->tmp);
    vn_buf_printf(&h->tmp, "— %s —", what);
    vn_html_el(h, "em", NULL, vn_buf_cstr(&h->tmp));
}

static void h_conf(hw *h, double c, const char *note)
{
    char num[16];
    snprintf(num, sizeof num, "%.2f", c);
    vn_html_open(h, "td");
    vn_html_attr(h, "class", "conf");
    vn_html_attr(h, "data-confidence", num); /* the figure printed once, for both */
    if (h->lang == VN_LANG_VI)
        for (char *p = num; *p; p++)
            if (*p == '.')
                *p = ',';
    vn_html_text(h, vn_diff_confidence_words(h->lang, c));
    vn_html_el(h, "span", "num", num);
    if (note)
        vn_html_el(h, "div", "unv-why", note);
    vn_html_close(h);
}

/* A similarity of wording (task groups, qualitative objectives): a score only. */
static void h_sim(hw *h, double c)
{
    char num[16];
    snprintf(num, sizeof num, "%.2f", c);
    if (h->lang == VN_LANG_VI)
        for (char *p = num; *p; p++)
            if (*p == '.')
                *p = ',';
    vn_html_el(h, "td", "conf", num);
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
        {"adopted", vn_diff_word(h->lang, "adopted"), s.adopted},
        {"changed", vn_diff_word(h->lang, "changed"), s.changed},
        {"missing", vn_diff_word(h->lang, "missing"), s.missing},
        {"added", vn_diff_word(h->lang, "added"), s.added},
        {"unverified", vn_diff_word(h->lang, "unverified"), s.unverified},
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
    if (s.unverified)
        vn_html_el(h, "p", "note",
                   HT(h, N_("“Unverified”: the finding rests on a figure of the baseline that public summaries of the "
                            "decision do not confirm. Read that figure in the official text before relying on it; "
                            "the official text can also be given as the baseline (--base).")));
    vn_html_el(h, "p", "note",
               HT(h, N_("Confidence says how sure vnplan is that a plan target and a baseline target measure the same "
                        "thing (wording, unit, phase): high, medium, or low — a low one should be checked by reading.")));
}

static void h_meta(hw *h, const vnplan_diff *d)
{
    vn_html_open(h, "dl");
    vn_html_attr(h, "class", "meta");
    vn_html_el(h, "dt", NULL, HT(h, N_("Plan")));
    vn_html_open(h, "dd");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_long(d->plan, h->lang, &h->tmp);
    vn_html_buf(h, &h->tmp);
    vn_html_close(h);
    vn_html_el(h, "dt", NULL, HT(h, N_("File")));
    vn_html_el(h, "dd", NULL, d->plan->name);
    if (d->plan->meta.nimplements) {
        vn_html_el(h, "dt", NULL, HT(h, N_("Implements")));
        vn_html_open(h, "dd");
        for (size_t i = 0; i < d->plan->meta.nimplements; i++) {
            if (i)
                vn_html_text(h, ", ");
            vn_html_text(h, d->plan->meta.implements[i].number);
        }
        vn_html_close(h);
    }
    vn_html_el(h, "dt", NULL, HT(h, N_("Compared with")));
    vn_html_open(h, "dd");
    vn_buf_clear(&h->tmp);
    vn_diff_doc_long(d->base, h->lang, &h->tmp);
    vn_html_buf(h, &h->tmp);
    if (d->base->baseline) {
        vn_html_text(h, " ");
        h_badge(h, "bundled", HT(h, N_("compiled into vnplan from public summaries of the decision")));
    } else {
        vn_html_text(h, " (");
        vn_html_text(h, d->base->name);
        vn_html_text(h, ")");
    }
    vn_html_close(h);
    vn_html_close(h);
}

/* A target named by what it measures, its phase and its value as written
 * (≥ 35%): the first cell of a row; the id stays in the row's data-*. */
static void h_name_cell(hw *h, const vnplan_doc *doc, size_t t)
{
    const vn_target *tg = &doc->targets[t];
    char ph[8];
    vn_html_open(h, "td");
    vn_html_attr(h, "class", "id");
    vn_buf_clear(&h->tmp);
    vn_diff_target_name(doc, t, &h->tmp);
    vn_html_el(h, "b", NULL, vn_buf_cstr(&h->tmp));
    const char *p = vn_diff_phase(tg->phase, ph);
    vn_buf_clear(&h->tmp);
    if (*p)
        vn_buf_printf(&h->tmp, "%s ", vn_diff_word(h->lang, p));
    if (!tg->qualitative)
        vn_diff_target_value(tg, &h->tmp);
    vn_html_el(h, "div", "ph", vn_buf_cstr(&h->tmp));
    vn_html_close(h);
}

/* The row's number (số thứ tự), as the tables of official documents have:
 * a reviewer's reply cites "mục 7". */
static void h_number_cell(hw *h, size_t i)
{
    char num[24];
    vn_fmt_u64(i + 1, num);
    vn_html_el(h, "td", "no", num);
}

/* A table of a report's section: <table class="..."> with its head row,
 * open at its body. */
static void h_table(hw *h, const char *cls, const char *const *cols, size_t n)
{
    vn_html_open(h, "table");
    vn_html_attr(h, "class", cls);
    vn_html_open(h, "thead");
    vn_html_open(h, "tr");
    for (size_t i = 0; i < n; i++)
        vn_html_el(h, "th", NULL, HT(h, cols[i]));
    vn_html_close(h);
    vn_html_close(h);
    vn_html_open(h, "tbody");
}

/* A section of a report: its heading, `note` under it (when not NULL: what
 * the baseline or the plan lacks), and when `rows` its table (h_table),
 * open at its body for the caller's rows.  Returns rows. */
static bool h_section(hw *h, const char *title, const char *note, bool rows, const char *cls,
                      const char *const *cols, size_t n)
{
    vn_html_el(h, "h3", NULL, HT(h, title));
    if (note)
        vn_html_el(h, "p", "note", HT(h, note));
    if (rows)
        h_table(h, cls, cols, n);
    return rows;
}

/* The end of a section's table: its body, the table. */
static void h_table_end(hw *h)
{
    vn_html_close(h);
    vn_html_close(h);
}

static void h_findings(hw *h, const vnplan_diff *d)
{
    static const char *const cols[] = {N_("No."),           N_("Target"),       N_("Status"),    N_("The baseline says"),
                                       N_("The plan says"), N_("What changed"), N_("Confidence")};
    if (!h_section(h, N_("Targets of the baseline"),
                   d->nfindings ? NULL : N_("The baseline states no quantified target."), d->nfindings > 0,
                   "findings", cols, 7))
        return;
    for (size_t i = 0; i < d->nfindings; i++) {
        const vn_finding *f = &d->findings[i];
        const vn_target *b = &d->base->targets[f->base];
        const char *st = vn_fstatus_name((vn_fstatus)f->status);
        vn_html_open(h, "tr");
        vn_html_anchor(h, "id", NULL, h->report, "f", (long)i);
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "f ");
        vn_buf_puts(&h->tmp, st);
        if (f->unverified)
            vn_buf_puts(&h->tmp, " unv");
        vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_html_attr(h, "data-base-id", b->id);
        vn_html_attr(h, "data-status", st);
        char pid[24];
        if (f->plan >= 0)
            vn_html_attr(h, "data-plan-id", vn_render_target_id(d->plan, (size_t)f->plan, pid));
        h_number_cell(h, i);
        h_name_cell(h, d->base, (size_t)f->base);
        /* status */
        vn_html_open(h, "td");
        h_badge(h, st, vn_html_gloss(h, st));
        if (f->unverified) {
            vn_html_text(h, " ");
            h_badge(h, "unverified", NULL);
        }
        vn_html_close(h);
        /* baseline */
        unsigned bits = changed_bits(f);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        h_said(h, d->base, (size_t)f->base, 'b', bits);
        vn_html_close(h);
        /* plan */
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        if (f->plan >= 0) {
            h_said(h, d->plan, (size_t)f->plan, 'p', bits);
            h_restated(h, d, f->dup_first, f->ndup);
        } else {
            h_nothing(h, vn_diff_word(h->lang, "missing"));
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
                const char *what = vn_diff_word(h->lang, vn_chg_name((vn_chg_what)c->what));
                vn_buf tmp2 = {0};
                vn_diff_change_text(h->lang, d, f, c, &tmp2);
                vn_buf_cstr(&tmp2); /* searched with strstr below */
                /* the values part: after the name of what changed, before the direction */
                size_t wl = strlen(what);
                const char *vals = tmp2.data && tmp2.len > wl ? tmp2.data + wl : NULL;
                const char *paren = vals ? strstr(vals, " (") : NULL;
                vn_html_el(h, "b", NULL, what);
                if (vals) {
                    size_t end = paren ? (size_t)(paren - tmp2.data) : tmp2.len;
                    vn_html_text_n(h, vals, end - wl);
                }
                vn_buf_free(&tmp2);
                const char *dir = vn_dir_name((vn_dir)c->dir);
                if (dir) {
                    vn_buf_clear(&h->tmp);
                    vn_buf_puts(&h->tmp, "dir ");
                    vn_buf_puts(&h->tmp, dir);
                    vn_html_el(h, "span", vn_buf_cstr(&h->tmp), vn_diff_word(h->lang, dir));
                }
                vn_html_close(h);
            }
            vn_html_close(h);
        }
        /* what the plan counts otherwise: who, the levels, the fields */
        for (size_t k = 0; k < f->nscope; k++) {
            vn_buf_clear(&h->tmp);
            vn_buf_puts(&h->tmp, HT(h, N_("scope:")));
            vn_buf_putc(&h->tmp, ' ');
            vn_diff_scope_text(h->lang, &f->scope[k], &h->tmp);
            vn_html_el(h, "p", "scope", vn_buf_cstr(&h->tmp));
        }
        vn_html_close(h);
        vn_buf why = {0};
        if (f->unverified) {
            vn_buf_puts(&why, HT(h, N_("unverified: the baseline's figure is")));
            vn_buf_putc(&why, ' ');
            vn_buf_puts(&why, vn_diff_word(h->lang, b->confidence));
            vn_buf_puts(&why, HT(h, N_(", not confirmed")));
        }
        h_conf(h, f->confidence, f->unverified ? vn_buf_cstr(&why) : NULL);
        vn_buf_free(&why);
        vn_html_close(h);
    }
    h_table_end(h);
}

static void h_added(hw *h, const vnplan_diff *d)
{
    static const char *const cols[] = {N_("No."), N_("Target"), N_("Status"), N_("The plan says"), N_("Confidence")};
    if (!h_section(h, N_("Targets added by the plan"),
                   d->nadded ? NULL : N_("Every quantified target of the plan matches one of the baseline."),
                   d->nadded > 0, "added", cols, 5))
        return;
    char idb[24];
    for (size_t i = 0; i < d->nadded; i++) {
        const vn_added *a = &d->added[i];
        vn_html_open(h, "tr");
        vn_html_attr(h, "class", "f added");
        vn_html_anchor(h, "id", NULL, h->report, "a", (long)i);
        vn_html_attr(h, "data-plan-id", vn_render_target_id(d->plan, (size_t)a->plan, idb));
        h_number_cell(h, i);
        h_name_cell(h, d->plan, (size_t)a->plan);
        vn_html_open(h, "td");
        h_badge(h, "added", vn_html_gloss(h, "added"));
        vn_html_close(h);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        h_said(h, d->plan, (size_t)a->plan, 'p', 0);
        h_restated(h, d, a->dup_first, a->ndup);
        vn_html_close(h);
        h_conf(h, a->confidence, NULL);
        vn_html_close(h);
    }
    h_table_end(h);
}

static void h_quals(hw *h, const vnplan_diff *d)
{
    static const char *const cols[] = {N_("Phase"), N_("Status"), N_("The baseline says"), N_("The plan says"),
                                       N_("Similarity")};
    if (!h_section(h, N_("Qualitative objectives"),
                   d->nquals ? NULL : N_("Neither document states a qualitative objective."), d->nquals > 0, "quals",
                   cols, 5))
        return;
    char ph[8];
    for (size_t i = 0; i < d->nquals; i++) {
        const vn_qual *q = &d->quals[i];
        const char *st = vn_diff_qual_status(q);
        const vn_target *t = q->base >= 0 ? &d->base->targets[q->base] : &d->plan->targets[q->plan];
        vn_html_open(h, "tr");
        vn_buf_clear(&h->tmp);
        vn_buf_puts(&h->tmp, "f q ");
        vn_buf_puts(&h->tmp, !strcmp(st, "matched") ? "adopted" : st);
        vn_html_attr(h, "class", vn_buf_cstr(&h->tmp));
        vn_html_el(h, "td", "id", vn_diff_word(h->lang, vn_diff_phase(t->phase, ph)));
        h_status_cell(h, st,
                      q->unverified ? HT(h, N_("the baseline's wording is a rendering of public summaries")) : NULL);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        if (q->base >= 0)
            h_said(h, d->base, (size_t)q->base, 'b', 0);
        vn_html_close(h);
        vn_html_open(h, "td");
        vn_html_attr(h, "class", "sent");
        if (q->plan >= 0)
            h_said(h, d->plan, (size_t)q->plan, 'p', 0);
        else
            h_nothing(h, HT(h, N_("nothing similar in the plan")));
        vn_html_close(h);
        h_sim(h, q->similarity);
        vn_html_close(h);
    }
    h_table_end(h);
}

static void h_node_link(hw *h, const vnplan_doc *doc, int32_t node, char side)
{
    vn_buf_clear(&h->tmp);
    vn_diff_node_heading(doc, node, &h->tmp);
    vn_html_open(h, "a");
    vn_html_doc_href(h, side, "n", node);
    vn_html_buf(h, &h->tmp);
    vn_html_close(h);
}

static void h_groups(hw *h, const vnplan_diff *d)
{
    static const char *const cols[] = {N_("Status"), N_("Group of the baseline"), N_("Group of the plan"),
                                       N_("Similarity")};
    if (!h_section(h, N_("Task groups (nhiệm vụ và giải pháp)"),
                   d->base_has_groups
                       ? NULL
                       : N_("The baseline lists no task groups (their titles and contents are not known)."),
                   d->ngroups > 0, "groups", cols, 4))
        return;
    for (size_t i = 0; i < d->ngroups; i++) {
        const vn_group *g = &d->groups[i];
        const char *st = vn_diff_group_status(g);
        vn_html_open(h, "tr");
        vn_html_attr(h, "class", g->base >= 0 ? (g->plan >= 0 ? "f g adopted" : "f g missing") : "f g added");
        h_status_cell(h, st, g->unconfirmed ? HT(h, N_("title not confirmed")) : NULL);
        vn_html_open(h, "td");
        if (g->base >= 0)
            h_node_link(h, d->base, g->base, 'b');
        vn_html_close(h);
        vn_html_open(h, "td");
        if (g->plan >= 0)
            h_node_link(h, d->plan, g->plan, 'p');
        vn_html_close(h);
        h_sim(h, g->similarity);
        vn_html_close(h);
    }
    h_table_end(h);
}

static void h_body_cell(hw *h, const vnplan_doc *doc, const vn_body *b, char side)
{
    vn_html_open(h, "td");
    if (b) {
        vn_html_open(h, "a");
        vn_html_doc_href(h, side, "n", b->node);
        vn_html_text(h, b->name);
        vn_html_close(h);
        if (b->lead)
            h_badge(h, "lead", NULL);
    }
    (void)doc;
    vn_html_close(h);
}

/* A row of the duties: the badge (class `badge`, its title), the body the
 * baseline names (b), the plan's (p); either may be NULL. */
static void h_duty_row(hw *h, const vnplan_diff *d, const vn_body *b, const vn_body *p, const char *cls,
                       const char *badge, const char *badge_title)
{
    vn_html_open(h, "tr");
    vn_html_attr(h, "class", cls);
    vn_html_open(h, "td");
    h_badge(h, badge, badge_title);
    vn_html_close(h);
    h_body_cell(h, d->base, b, 'b');
    h_body_cell(h, d->plan, p, 'p');
    vn_html_close(h);
}

static void h_duties(hw *h, const vnplan_diff *d)
{
    static const char *const cols[] = {N_("Status"), N_("Body named by the baseline"), N_("Body in the plan")};
    if (!h_section(h, N_("Duties (tổ chức thực hiện)"),
                   d->nbase_bodies ? NULL : N_("The baseline names no bodies with duties."),
                   d->nbase_bodies || d->nplan_bodies, "duties", cols, 3))
        return;
    for (size_t i = 0; i < d->nbase_bodies; i++) {
        const vn_body *b = &d->base_bodies[i];
        const vn_body *p = b->counterpart >= 0 ? &d->plan_bodies[b->counterpart] : NULL;
        h_duty_row(h, d, b, p, p ? "f adopted" : "f missing", p ? "assigned" : "not assigned", NULL);
    }
    for (size_t j = 0; j < d->nplan_bodies; j++) {
        const vn_body *p = &d->plan_bodies[j];
        if (p->counterpart >= 0 && d->base_bodies[p->counterpart].counterpart == (int32_t)j)
            continue;
        const vn_body *b = p->counterpart >= 0 ? &d->base_bodies[p->counterpart] : NULL;
        h_duty_row(h, d, b, p, "f added", b ? "also" : "local",
                   b ? HT(h, N_("another local body for the same national body"))
                     : HT(h, N_("a local body with no national counterpart in the baseline")));
    }
    h_table_end(h);
}

static void h_funding(hw *h, const vnplan_diff *d)
{
    vn_html_el(h, "h3", NULL, HT(h, N_("Funding (kinh phí)")));
    vn_html_open(h, "dl");
    vn_html_attr(h, "class", "meta");
    vn_html_el(h, "dt", NULL, HT(h, N_("Baseline")));
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
            h_badge(h, "unverified", HT(h, N_("amount not confirmed")));
    } else {
        vn_html_text(h, HT(h, N_("(no funding section)")));
    }
    vn_html_close(h);
    vn_html_el(h, "dt", NULL, HT(h, N_("Plan")));
    vn_html_open(h, "dd");
    if (d->plan_kinh_phi >= 0)
        h_node_link(h, d->plan, d->plan_kinh_phi, 'p');
    else
        h_badge(h, "missing", HT(h, N_("(no funding section)")));
    vn_html_close(h);
    vn_html_close(h);
}

/* ---- the page ---------------------------------------------------------------------------------- */

static void h_report(hw *h, const vnplan_diff *d, size_t k, size_t total)
{
    h->report = k;
    vn_html_open(h, "section");
    vn_html_attr(h, "class", "report");
    vn_html_anchor(h, "id", NULL, k, NULL, 0);
    vn_buf_clear(&h->tmp);
    vn_diff_doc_short(d->plan, &h->tmp);
    const char *dec = vn_diff_base_decision(d->base);
    vn_buf_printf(&h->tmp, "  —  %s ", HT(h, N_("compared with")));
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
    vn_html_el(h, "h3", "docs", HT(h, N_("The two documents side by side")));
    vn_html_el(h, "p", "note",
               HT(h, N_("Highlighted: the sentences the findings rest on (green adopted, amber changed, blue "
                        "added). The links in the tables lead here; the small links here lead back.")));
    vn_html_open(h, "div");
    vn_html_attr(h, "class", "sbs");
    if (h->base_href[0])
        vn_html_base_stub(h, d);
    else
        vn_html_pane(h, d, true);
    vn_html_pane(h, d, false);
    vn_html_close(h);
    vn_html_close(h);
}

vnplan_status vn_render_diff_html(const vnplan_diff *const *diffs, size_t n, const vn_diff_failed *failed,
                                  unsigned flags, FILE *out, vn_error *err)
{
    hw h;
    memset(&h, 0, sizeof h);
    h.f = out;
    h.lang = vn_lang_of(flags);
    h.alone = flags & VN_RENDER_BASE_PAGE;
    size_t count = 0;
    const vnplan_diff *first = NULL;
    for (size_t k = 0; k < n; k++)
        if (diffs[k]) {
            count++;
            if (!first)
                first = diffs[k];
        }
    if (first && count == 1 && (flags & VNPLAN_RENDER_SHARED_BASE) && !h.alone)
        vn_diff_base_page_name(first->base, h.base_href);

    vn_html_raw(&h, "<!DOCTYPE html>\n");
    vn_html_open(&h, "html");
    vn_html_attr(&h, "lang", h.lang == VN_LANG_VI ? "vi" : "en");
    vn_html_open(&h, "head");
    vn_html_head_el(&h, "meta", "charset", "utf-8", NULL, NULL);
    vn_html_head_el(&h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    /* nothing from the network, ever */
    vn_html_head_el(&h, "meta", "http-equiv", "Content-Security-Policy", "content",
              flags & VNPLAN_RENDER_SHARED_CSS
                  ? "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'unsafe-inline'; "
                    "img-src data:"
                  : "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                    "img-src data:");
    /* one file for the thousands of pages of a batch: 7 KB less in each */
    if (flags & VNPLAN_RENDER_SHARED_CSS)
        vn_html_head_el(&h, "link", "rel", "stylesheet", "href", "vnplan.css");
    vn_html_head_el(&h, "link", "rel", "icon", "href", "data:,");
    vn_html_head_el(&h, "meta", "name", "generator", "content", "vnplan " VNPLAN_VERSION);
    /* the title is also the running header of the printed pages */
    vn_buf_clear(&h.tmp);
    if (h.alone) {
        vn_buf_puts(&h.tmp, HT(&h, N_("Baseline: ")));
        vn_diff_doc_short(first->base, &h.tmp);
    } else if (count == 1) {
        vn_buf_puts(&h.tmp, HT(&h, N_("Comparison: ")));
        vn_diff_doc_short(first->plan, &h.tmp);
        const char *dec = vn_diff_base_decision(first->base);
        if (dec) {
            vn_buf_printf(&h.tmp, " — %s ", HT(&h, N_("compared with")));
            vn_buf_puts(&h.tmp, dec);
        }
    } else {
        vn_buf_printf(&h.tmp, vn_trn(h.lang, "Comparison of %zu plan", "Comparison of %zu plans", count), count);
    }
    vn_html_el(&h, "title", NULL, vn_buf_cstr(&h.tmp));
    vn_html_open(&h, "style");
    if (!(flags & VNPLAN_RENDER_SHARED_CSS))
        vn_html_raw(&h, h_css);
    h_page_boxes(&h, vn_buf_cstr(&h.tmp));
    vn_html_close(&h);
    vn_html_close(&h); /* head */

    vn_html_open(&h, "body");
    if (count > 1)
        vn_html_attr(&h, "class", "many"); /* the banner on the summary's landscape page */
    vn_html_open(&h, "header");
    vn_html_attr(&h, "class", "top");
    vn_html_el(&h, "h1", NULL,
               h.alone      ? HT(&h, N_("The text of the baseline"))
               : count == 1 ? HT(&h, N_("Plan compared with the document it implements"))
                            : HT(&h, N_("Plans compared with the documents they implement")));
    if (h.alone) {
        /* the page the plans' pages link to: the baseline's text, nothing of a plan */
        vn_buf_clear(&h.tmp);
        vn_diff_doc_long(first->base, h.lang, &h.tmp);
        vn_html_el(&h, "p", NULL, vn_buf_cstr(&h.tmp));
        vn_html_close(&h); /* header */
        vn_html_open(&h, "main");
        vn_html_open(&h, "div");
        vn_html_attr(&h, "class", "sbs alone");
        vn_html_pane(&h, first, true);
        vn_html_close(&h);
        vn_html_close(&h); /* main */
        goto page_end;
    }
    vn_buf_clear(&h.tmp);
    vn_buf_puts(&h.tmp, HT(&h, N_("Which targets of the baseline each plan adopted, changed (and how), left out, "
                                  "and which it added; its qualitative objectives, task groups and duties. Made by")));
    vn_buf_puts(&h.tmp, " vnplan " VNPLAN_VERSION ".");
    vn_html_el(&h, "p", NULL, vn_buf_cstr(&h.tmp));
    vn_html_close(&h);
    vn_html_open(&h, "nav");
    vn_html_attr(&h, "class", "filters");
    vn_html_el(&h, "span", NULL, HT(&h, N_("Show:")));
    static const char *const filters[][2] = {{"all", N_("All")},         {"changed", N_("Changed")},
                                             {"missing", N_("Not in the plan")}, {"adopted", N_("Adopted")},
                                             {"added", N_("Added")},     {"unverified", N_("Unverified")}};
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
        vn_html_open(&h, "button");
        vn_html_attr(&h, "type", "button");
        vn_html_attr(&h, "data-f", filters[i][0]);
        vn_html_attr(&h, "aria-pressed", i == 0 ? "true" : "false");
        vn_html_text(&h, HT(&h, filters[i][1]));
        vn_html_close(&h);
    }
    size_t nfailed = vn_diff_failed_count(diffs, n, failed);
    if (count > 1 || nfailed) {
        vn_html_open(&h, "a");
        vn_html_attr(&h, "href", "#summary");
        vn_html_text(&h, HT(&h, N_("Summary across plans")));
        vn_html_close(&h);
    }
    vn_html_close(&h);
    vn_html_open(&h, "main");
    if (count > 1)
        vn_html_toc(&h, diffs, n, failed);
    if (count > 1 || (count && nfailed)) {
        vn_html_matrix(&h, diffs, n, failed);
    } else if (nfailed) {
        vn_html_open(&h, "section");
        vn_html_attr(&h, "class", "matrix");
        vn_html_attr(&h, "id", "summary");
        vn_html_el(&h, "h2", NULL, HT(&h, N_("Summary across plans")));
        vn_html_failed(&h, diffs, n, failed);
        vn_html_close(&h);
    }
    for (size_t k = 0; k < n; k++)
        if (diffs[k])
            h_report(&h, diffs[k], k, count);
    if (!count)
        vn_html_el(&h, "p", "note", HT(&h, N_("No plan could be compared.")));
    vn_html_close(&h);
    vn_html_open(&h, "footer");
    vn_html_text(&h, HT(&h, N_("Statuses: adopted — same value, comparator and phase; changed — value, comparator, "
                               "phase or unit differs (stricter, looser, or a local share of a national figure); not in "
                               "the plan — nothing in the plan matches; added — a target of the plan that matches "
                               "nothing in the baseline.")));
    vn_html_close(&h);
    vn_html_open(&h, "script");
    vn_html_raw(&h, h_js);
    vn_html_close(&h);
page_end:
    vn_html_close(&h); /* body */
    vn_html_close(&h); /* html */
    vn_html_raw(&h, "\n");
    if (h.depth)
        h.bad = true; /* an element left open */
    vn_html_flush(&h);
    vn_buf_free(&h.out);
    vn_buf_free(&h.tmp);
    if (h.failed)
        return vn_output_failed(err, h.errnum);
    if (h.bad)
        return vn_fail(err, VNPLAN_ERR_OUTPUT, "the HTML writer failed");
    return VNPLAN_OK;
}
