/* pdf_document.c — what is decided when every page of a PDF is in: running
 * headers and page numbers (furniture), where a paragraph certainly starts,
 * and the source lines written in order, the footnotes last. */
#include "pdf_page.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the document ----------------------------------------------------------------------- */

static const char *line_text(const vn_pdf_layout *L, const vn_pdf_line *o) { return L->text.data + o->off; }

/* The text of an edge line with its numbers blotted out: a running header
 * says "Trang 3" on page 3. */
static uint64_t edge_key(const vn_pdf_layout *L, const vn_pdf_line *o)
{
    const char *s = line_text(L, o);
    uint64_t h = 1469598103934665603ull ^ o->edge;
    for (size_t i = 0; i < o->len; i++) {
        unsigned char c = vn_is_digit(s[i]) ? '#' : (unsigned char)s[i];
        if (c == ' ')
            continue;
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

enum { YEAR_MIN = 1900, YEAR_MAX = 2100 /* a plan's years: a number of four digits outside them is none */ };

/* "II. MỤC TIÊU, CHỈ TIÊU ĐẾN NĂM" / "2030": a heading wrapped before its
 * year at the foot of a page leaves the year alone on the page's last line,
 * where a page number would stand.  A year right under a line of its page
 * that ends with "năm", at no more than a line's distance, goes on that line. */
static bool year_after_nam(const vn_pdf_layout *L, size_t i)
{
    const vn_pdf_line *o = &L->lines[i], *p = i > 0 ? &L->lines[i - 1] : NULL;
    const char *s = line_text(L, o);
    size_t a = 0, n = o->len;
    while (a < n && s[a] == ' ')
        a++;
    while (n > a && s[n - 1] == ' ')
        n--;
    if (!p || p->page != o->page || n - a != 4 || !(s[a] == '1' || s[a] == '2'))
        return false;
    int year = 0; /* the text runs on into the next line's: no atoi */
    for (size_t k = a; k < n; k++) {
        if (!vn_is_digit(s[k]))
            return false;
        year = year * 10 + (s[k] - '0');
    }
    if (year < YEAR_MIN || year > YEAR_MAX || o->top - p->bottom > p->pitch)
        return false;
    const char *t = line_text(L, p);
    size_t m = p->len;
    while (m > 0 && t[m - 1] == ' ')
        m--;
    static const char *const nam[] = {"năm", "NĂM", "Năm"};
    for (size_t k = 0; k < sizeof nam / sizeof nam[0]; k++) {
        size_t w = strlen(nam[k]);
        if (m >= w && memcmp(t + m - w, nam[k], w) == 0 && (m == w || t[m - w - 1] == ' '))
            return true;
    }
    return false;
}

static void mark_furniture(vn_pdf_layout *L)
{
    sort_key *k = vn_xmalloc((L->nlines ? L->nlines : 1) * sizeof *k);
    uint64_t *keys = vn_xmalloc((L->nlines ? L->nlines : 1) * sizeof *keys);
    size_t n = 0;
    for (size_t i = 0; i < L->nlines; i++) {
        vn_pdf_line *o = &L->lines[i];
        if (o->edge == EDGE_NONE)
            continue;
        if (vn_pdf_is_page_number(line_text(L, o), o->len) && !year_after_nam(L, i)) {
            o->flags |= VN_SRC_FURNITURE;
            continue;
        }
        if (vn_utf8_count(line_text(L, o), o->len) < 3)
            continue;
        keys[n] = edge_key(L, o);
        /* sorted by key, then page: a run of one key counts its pages */
        k[n].a = (float)(keys[n] >> 40), k[n].b = (float)o->page, k[n].i = (uint32_t)i;
        n++;
    }
    qsort(k, n, sizeof *k, vn_pdf_cmp_key);
    double need = L->pages * REPEAT_SHARE;
    if (need < 2)
        need = 2;
    for (size_t a = 0; a < n;) {
        size_t b = a, pages = 0;
        uint64_t key = edge_key(L, &L->lines[k[a].i]);
        uint32_t last_page = 0;
        while (b < n && k[b].a == k[a].a) {
            if (edge_key(L, &L->lines[k[b].i]) == key && L->lines[k[b].i].page != last_page)
                pages++, last_page = L->lines[k[b].i].page;
            b++;
        }
        if ((double)pages >= need)
            for (size_t c = a; c < b; c++)
                if (edge_key(L, &L->lines[k[c].i]) == key)
                    L->lines[k[c].i].flags |= VN_SRC_FURNITURE;
        a = b;
    }
    free(k);
    free(keys);
}

/* The line ends a sentence: . ; : ! ? before closing quotes and brackets. */
bool vn_pdf_ends_sentence(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0) {
        int32_t cp = vn_utf8_prev(s, &i);
        if (cp == ' ' || cp == ')' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == ']')
            continue;
        return cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x2026;
    }
    return false;
}

static bool skipped(const vn_pdf_line *o) { return o->kind == K_FOOT || (o->flags & VN_SRC_FURNITURE); }

/* Line text s opens with an item's marker: "1.", "1.2.", "a)", "II.", "-",
 * "+", "•" and a space. */
static bool opens_item(const char *s, size_t n)
{
    size_t i = 0, k;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        return i + 1 < n && s[i + 1] == ' ';
    if (n - i >= 4 && memcmp(s + i, "\xE2\x80\xA2", 3) == 0) /* • */
        return s[i + 3] == ' ';
    for (k = i; k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.'); k++)
        ;
    if (k == i)
        for (; k < n && k - i < 6 && (s[k] == 'I' || s[k] == 'V' || s[k] == 'X' || (s[k] >= 'a' && s[k] <= 'z'));
             k++)
            ;
    return k > i && k + 1 < n && (s[k] == '.' || s[k] == ')' || s[k - 1] == '.') &&
           (s[k] == ' ' || s[k + 1] == ' ');
}

/* What the page shows about line c against p, the line of text before it
 * (nx: the one after; either may be NULL): VN_SRC_PARA where a paragraph
 * certainly starts, VN_SRC_CONT where it certainly goes on, 0 when only the
 * words can tell (lines.c's rules for wrapped text). */
static uint32_t paragraph_flag(const vn_pdf_layout *L, const vn_pdf_line *p, const vn_pdf_line *c,
                               const vn_pdf_line *nx)
{
    if (!p || c->starts_block || p->kind != c->kind || p->table != c->table || p->cell != c->cell)
        return c->kind != K_TABLE || c->starts_block || !p ? VN_SRC_PARA : 0;
    if (c->kind == K_TABLE)
        return 0;
    bool same_page = p->page == c->page;
    /* a gap wider than the lines' spacing — that of their type: two lines
     * of a heading set larger than the body are further apart by as much
     * as their type is larger (a line height of 1.5: 27 pt for 18 pt type,
     * 18 pt for the body's 12 pt) */
    float pitch = c->pitch;
    if (c->body_h > 0 && fminf(p->h, c->h) > (1 + SAME_SIZE) * c->body_h &&
        fabsf(p->h - c->h) < SAME_SIZE * c->h)
        pitch *= fminf(p->h, c->h) / c->body_h;
    if (same_page && c->pitch > 0 && c->bottom - p->bottom > PARA_PITCH * pitch + 1)
        return VN_SRC_PARA;
    bool sentence = vn_pdf_ends_sentence(line_text(L, p), p->len);
    /* the next word would have fitted on the line before: it was ended */
    float space = 0.25f * p->h;
    bool ended = (p->flags & VN_SRC_CENTRED) ? (p->x1 - p->x0) + space + c->first_w < (p->right - p->left) - space
                                             : p->x1 + space + c->first_w < p->right - space;
    if (ended && (sentence || ((p->flags ^ c->flags) & VN_SRC_BOLD)))
        return VN_SRC_PARA;
    /* a sentence ended, and a line all in bold follows text in regular
     * type: a heading, however full the line before */
    if (sentence && (c->flags & VN_SRC_BOLD) && !(p->last_font & VN_PDF_BOLD))
        return VN_SRC_PARA;
    /* a first-line indent: further in than the line that follows, which
     * starts at the margin, after a sentence's end; a line that fills its
     * width, as the first line of a paragraph does */
    if (sentence && nx && nx->page == c->page && nx->kind == c->kind && !(c->flags & VN_SRC_CENTRED) &&
        c->x0 > nx->x0 + INDENT_EM * c->h && fabsf(nx->x0 - c->left) < 0.5f * c->h &&
        c->x1 >= c->right - FULL_EM * c->h)
        return VN_SRC_PARA;
    /* a paragraph indented from both margins (LaTeX's quote, a blockquote,
     * Word's indent on both sides): its full lines sit centred on the page,
     * and the next line starts where such a line starts — no centred title's
     * does.  A wide one that ends no sentence goes on there */
    if (c->kind == K_BODY && same_page && !sentence && (p->flags & VN_SRC_CENTRED) &&
        !(c->flags & VN_SRC_CENTRED) && fabsf(c->x0 - p->x0) <= ALIGN_PT &&
        2 * (p->x1 - p->x0) > p->right - p->left && !((p->last_font ^ c->first_font) & VN_PDF_BOLD) &&
        c->bottom - p->bottom <= PARA_PITCH * pitch + 1)
        return VN_SRC_CONT;
    /* centred lines after others, or the other way round (a wide line of a
     * centred title is centred too, if too wide to tell) */
    if (((p->flags ^ c->flags) & VN_SRC_CENTRED) &&
        fabsf((p->x0 + p->x1) / 2 - (c->x0 + c->x1) / 2) > CENTRE_TOL_EM * c->h)
        return VN_SRC_PARA;
    /* a justified line stretched to the right margin is no paragraph's last
     * line (nor is one that fills it and ends no sentence): the next one
     * goes on with it, in the same type, where the paragraph's lines start
     * (the margin, or under an item's text after its marker) */
    /* lines centred on one axis off the page's middle (a note set in a
     * column of its own, "(Ban hành kèm theo …" / "… An Giang)"), in one
     * type, one under the other: a paragraph wrapped in its narrow column,
     * unless a sentence ended or an item opens ("1. Mục đích" set in under
     * a short heading at the margin, their middles one by chance) */
    if (c->kind == K_BODY && same_page && !sentence && !((p->flags | c->flags) & VN_SRC_CENTRED) &&
        !opens_item(line_text(L, c), c->len) &&
        !((p->last_font ^ c->first_font) & VN_PDF_BOLD) && c->bottom - p->bottom <= PARA_PITCH * c->pitch &&
        fabsf((p->x0 + p->x1) / 2 - (c->x0 + c->x1) / 2) <= CENTRE_TOL_EM * c->h &&
        fabsf((c->x0 + c->x1) / 2 - (c->left + c->right) / 2) > OFF_AXIS_EM * c->h && c->x0 > p->x0 + ALIGN_PT &&
        p->x1 < p->right - INDENT_EM * p->h && c->x1 < c->right - INDENT_EM * c->h)
        return VN_SRC_CONT;
    /* ... but a line stretched to the margin that ends a sentence, before a
     * line that opens an item ("… sau tốt nghiệp." / "5. Ủy ban nhân dân
     * các xã, phường"), ended its paragraph: LibreOffice stretches a line
     * ended by a manual line break in justified text */
    bool stretched = p->space_w > 0 && p->natural_w > 0 && p->space_w > STRETCHED * p->natural_w &&
                     !(sentence && opens_item(line_text(L, c), c->len));
    if (c->kind == K_BODY && !((p->flags | c->flags) & VN_SRC_CENTRED) && !((p->last_font ^ c->first_font) & VN_PDF_BOLD) &&
        p->x1 >= p->right - FULL_EM * p->h && (stretched || !sentence) &&
        (c->x0 <= p->x0 + ALIGN_PT || fabsf(c->x0 - p->text_x) <= 2 * ALIGN_PT))
        return VN_SRC_CONT;
    /* text set ragged (not justified) wraps where the next word does not
     * fit: a line that ends no sentence, whose next line's first word would
     * not have fitted after it, goes on there — in the same type and size
     * (a heading in large bold type: "III. NHIỆM VỤ … VÀ GIẢI" / "PHÁP CHỦ
     * YẾU"), starting where it starts.  A colon ends no paragraph set all
     * in bold when bold goes on: an item set as a heading, its title, then
     * its text ("3. Phát huy vai trò …:" / "Hướng dẫn người dân …") */
    bool colon = p->len && line_text(L, p)[p->len - 1] == ':' && (p->flags & c->flags & VN_SRC_BOLD);
    if (c->kind == K_BODY && same_page && (!sentence || colon) && !((p->flags | c->flags) & VN_SRC_CENTRED) &&
        !((p->last_font ^ c->first_font) & VN_PDF_BOLD) && !((p->flags ^ c->flags) & VN_SRC_BOLD) &&
        fabsf(p->h - c->h) < SAME_SIZE * c->h && c->bottom - p->bottom <= PARA_PITCH * pitch + 1 &&
        p->x1 + NATURAL_SPACE_EM * p->h + c->first_w > p->right &&
        (fabsf(c->x0 - p->x0) <= ALIGN_PT || fabsf(c->x0 - p->text_x) <= 2 * ALIGN_PT))
        return VN_SRC_CONT;
    return 0;
}

/* ---- footnote marks ---------------------------------------------------------------------- */

#define MARK_MAX 1000 /* footnote numbers looked at */

/* The value of the superscript digit at s[*i] (advancing *i), -1 when none. */
static int sup_digit(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    int32_t cp = vn_utf8_next(s, n, &j);
    int d = cp == 0xB9                     ? 1
            : cp == 0xB2                   ? 2
            : cp == 0xB3                   ? 3
            : cp == 0x2070                 ? 0
            : cp >= 0x2074 && cp <= 0x2079 ? (int)(cp - 0x2070)
                                           : -1;
    if (d >= 0)
        *i = j;
    return d;
}

/* The footnote marks the body's text carries (runs of superscript digits). */
static void body_marks(const vn_pdf_layout *L, bool *seen)
{
    for (size_t i = 0; i < L->nlines; i++) {
        const vn_pdf_line *o = &L->lines[i];
        if (o->kind == K_FOOT)
            continue;
        const char *s = line_text(L, o);
        size_t k = 0;
        while (k < o->len) {
            int v = -1, d;
            while (k < o->len && (d = sup_digit(s, o->len, &k)) >= 0)
                v = v < 0 ? d : v < MARK_MAX ? v * 10 + d : v;
            if (v >= 0 && v < MARK_MAX)
                seen[v] = true;
            if (v < 0 && k < o->len)
                (void)vn_utf8_next(s, o->len, &k);
        }
    }
}

/* The bytes of a footnote's leading mark to leave out: a custom mark typed
 * after the automatic one ("²" + "2", printed "²²" — footnote 22 to a
 * reader) is the mark written twice; when the body carries the single
 * mark and not the doubled one, the note is the single mark's. */
static size_t doubled_mark(const char *s, size_t n, const bool *seen)
{
    size_t k = 0, half_at[8];
    int digits[8], nd = 0, d;
    while (nd < 8 && (d = sup_digit(s, n, &k)) >= 0) {
        digits[nd] = d;
        half_at[nd] = k;
        nd++;
    }
    if (nd < 2 || nd % 2 || (k < n && sup_digit(s, n, &(size_t){k}) >= 0))
        return 0;
    int half = 0, whole = 0;
    for (int j = 0; j < nd; j++) {
        if (j < nd / 2 && digits[j] != digits[j + nd / 2])
            return 0;
        if (j < nd / 2)
            half = half * 10 + digits[j];
        whole = whole < MARK_MAX ? whole * 10 + digits[j] : whole;
    }
    return half < MARK_MAX && seen[half] && (whole >= MARK_MAX || !seen[whole]) ? half_at[nd / 2 - 1] : 0;
}

/* ---- endnotes ----------------------------------------------------------------------- */

/* Line text s opens with a note's number: "1. ", then maybe the mark typed
 * again ("1. 1 Quyết định", "1.¹ Kế hoạch": the note's own mark, kept when
 * its list numbered it); its value, and in *skip the bytes of all that.
 * -1 when it does not. */
static int endnote_number(const char *s, size_t n, size_t *skip)
{
    size_t i = 0;
    int v = 0, digits = 0;
    while (i < n && s[i] == ' ')
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 3)
        v = v * 10 + (s[i++] - '0'), digits++;
    if (!digits || i >= n || s[i] != '.')
        return -1;
    i++;
    while (i < n && s[i] == ' ')
        i++;
    size_t j = i;
    int again = 0, d;
    if (j < n && s[j] >= '0' && s[j] <= '9') {
        while (j < n && s[j] >= '0' && s[j] <= '9' && again < MARK_MAX)
            again = again * 10 + (s[j++] - '0');
    } else {
        while ((d = sup_digit(s, n, &j)) >= 0 && again < MARK_MAX)
            again = again * 10 + d;
    }
    if (j > i && again == v && (j == n || s[j] == ' '))
        i = j;
    while (i < n && s[i] == ' ')
        i++;
    if (i >= n)
        return -1;
    *skip = i;
    return v;
}

/* The bytes of a back-link that ends a note ("↩︎", the arrow a reader
 * clicks to go back to the mark), with the spaces before it. */
static size_t backlink_len(const char *s, size_t n)
{
    size_t k = n;
    if (k >= 3 && !memcmp(s + k - 3, "\xEF\xB8\x8E", 3)) /* VARIATION SELECTOR-15 */
        k -= 3;
    if (k < 3 || memcmp(s + k - 3, "\xE2\x86\xA9", 3)) /* U+21A9 */
        return 0;
    k -= 3;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    return n - k;
}

/* Notes gathered at the end of the document (endnotes, set in the body's
 * type, as a list): from the last body line that opens with "1." down to
 * the end, every line that opens with a number opens the next note — 1, 2,
 * 3 … — and the body carries each one's raised mark.  They are footnotes,
 * each opened by its mark written raised ("¹ Nghị quyết …"), as a note at
 * a page's foot is. */
static void endnotes(vn_pdf_layout *L, const bool *seen)
{
    size_t s = L->nlines, skip;
    while (s-- > 0) {
        const vn_pdf_line *o = &L->lines[s];
        if (o->kind == K_BODY && !(o->flags & VN_SRC_FURNITURE) &&
            endnote_number(line_text(L, o), o->len, &skip) == 1)
            break;
    }
    if (s >= L->nlines || !seen[1])
        return;
    int next = 1;
    for (size_t k = s; k < L->nlines; k++) {
        const vn_pdf_line *o = &L->lines[k];
        if (o->flags & VN_SRC_FURNITURE)
            continue;
        if (o->kind != K_BODY || (o->flags & (VN_SRC_CENTRED | VN_SRC_BOLD)))
            return;
        int v = endnote_number(line_text(L, o), o->len, &skip);
        if (v == next) {
            if (v >= MARK_MAX || !seen[v])
                return;
            next++;
        }
    }
    next = 1;
    for (size_t k = s; k < L->nlines; k++) {
        vn_pdf_line *o = &L->lines[k];
        if (o->flags & VN_SRC_FURNITURE)
            continue;
        const char *t = line_text(L, o);
        size_t n = o->len - backlink_len(t, o->len), from = 0;
        int v = endnote_number(t, n, &skip);
        size_t off = L->text.len;
        if (v == next) {
            next++;
            from = skip;
            char u[4];
            for (int p = v >= 100 ? 100 : v >= 10 ? 10 : 1; p; p /= 10) {
                int d = v / p % 10;
                int m = vn_utf8_encode(d == 1 ? 0xB9 : d == 2 ? 0xB2 : d == 3 ? 0xB3 : 0x2070 + d, u);
                vn_buf_put(&L->text, u, (size_t)m);
            }
            vn_buf_putc(&L->text, ' ');
            o->flags |= VN_SRC_PARA;
        } else {
            while (from < n && t[from] == ' ')
                from++;
        }
        /* the text may move as it grows: the rest is copied out first */
        char *rest = vn_xmalloc(n - from + 1);
        memcpy(rest, L->text.data + o->off + from, n - from);
        vn_buf_put(&L->text, rest, n - from);
        free(rest);
        o->off = (uint32_t)off, o->len = (uint32_t)(L->text.len - off);
        o->kind = K_FOOT;
        o->flags |= VN_SRC_FOOTNOTE;
    }
}

/* A line in small type at a page's top that stands apart from the text
 * (EDGE_TOP) and above where the text starts on every other page is in the
 * margin: a running header, though printed once (Word's different first
 * page leaves page 1 without it, as Nghị định 30/2020 numbers pages from the
 * second, and a plan of two pages shows it once).  Where the text starts on
 * a page: its highest line in the body's type (a heading at a page's top
 * that stands apart is one), the small type of a stamp or of the header
 * itself aside; the line stands above the highest such start by half a
 * line's spacing. */
static void mark_top_margin(vn_pdf_layout *L)
{
    if (L->pages < 2)
        return;
    float *top = vn_xmalloc(L->pages * sizeof *top);
    for (uint32_t p = 0; p < L->pages; p++)
        top[p] = INFINITY;
    for (size_t i = 0; i < L->nlines; i++) {
        const vn_pdf_line *o = &L->lines[i];
        if (o->kind != K_FOOT && !(o->flags & VN_SRC_FURNITURE) && o->page >= 1 &&
            o->page <= L->pages && o->h >= SMALL_TYPE_SHARE * o->body_h)
            top[o->page - 1] = fminf(top[o->page - 1], o->top);
    }
    /* the highest start and the page of it, and the next highest: the
     * highest start of the other pages, for any page */
    uint32_t best = 0;
    for (uint32_t p = 1; p < L->pages; p++)
        if (top[p] < top[best])
            best = p;
    float second = INFINITY;
    for (uint32_t p = 0; p < L->pages; p++)
        if (p != best)
            second = fminf(second, top[p]);
    for (size_t i = 0; i < L->nlines; i++) {
        vn_pdf_line *o = &L->lines[i];
        if (o->edge != EDGE_TOP || (o->flags & VN_SRC_FURNITURE) || o->page < 1 || o->page > L->pages ||
            o->h >= SMALL_TYPE_SHARE * o->body_h)
            continue;
        float others = o->page - 1 == best ? second : top[best];
        if (isfinite(others) && o->bottom + TOP_MARGIN_PITCHES * o->pitch <= others)
            o->flags |= VN_SRC_FURNITURE;
    }
    free(top);
}

void vn_pdf_layout_finish(vn_pdf_layout *L, vn_source *out)
{
    mark_furniture(L);
    mark_top_margin(L);
    bool *seen = vn_xcalloc(MARK_MAX, sizeof *seen);
    body_marks(L, seen);
    endnotes(L, seen);
    /* characters before each line on its page, in the page's reading order */
    uint32_t page = 0, chars = 0;
    uint32_t *loc_char = vn_xmalloc((L->nlines ? L->nlines : 1) * sizeof *loc_char);
    for (size_t i = 0; i < L->nlines; i++) {
        const vn_pdf_line *o = &L->lines[i];
        if (o->page != page)
            page = o->page, chars = 0;
        loc_char[i] = chars;
        chars += (uint32_t)vn_utf8_count(line_text(L, o), o->len) + 1;
    }
    const vn_pdf_line *prev = NULL;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < L->nlines; i++) {
            vn_pdf_line *o = &L->lines[i];
            if ((o->kind == K_FOOT) != (pass == 1))
                continue;
            uint32_t flags = o->flags;
            if (pass == 0 && !skipped(o)) {
                const vn_pdf_line *nx = NULL;
                for (size_t j = i + 1; j < L->nlines && !nx; j++)
                    if (!skipped(&L->lines[j]))
                        nx = &L->lines[j];
                flags |= paragraph_flag(L, prev, o, nx);
                prev = o;
            }
            vn_srcline *sl = vn_source_line(out, flags, o->page, loc_char[i]);
            float indent = o->x0 - o->left;
            sl->indent = (int16_t)(indent < 0 ? 0 : indent > 10000 ? 10000 : indent);
            sl->table = o->kind == K_CELL || (o->flags & VN_SRC_TABLE_ROW) ? o->table : 0;
            sl->row = o->row, sl->cell = o->cell;
            /* a data table's row keeps the TABs between its cells */
            if ((o->flags & VN_SRC_TABLE_ROW) || o->tab)
                vn_source_put_raw(out, line_text(L, o), o->len);
            else {
                bool note = o->kind == K_FOOT && (o->flags & VN_SRC_PARA);
                size_t skip = note ? doubled_mark(line_text(L, o), o->len, seen) : 0;
                vn_source_put(out, line_text(L, o) + skip, o->len - skip);
            }
        }
    }
    free(seen);
    free(loc_char);
}
