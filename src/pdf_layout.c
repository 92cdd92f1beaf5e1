/* pdf_layout.c — the reading order and the structure a PDF page shows
 * (see pdf_layout.h).
 *
 * A page is read in four steps:
 *   1. characters into words (the library's spaces separate them), and words
 *      into lines: two words share a line when their boxes overlap by half the
 *      smaller height, so that a raised footnote mark stays on its line;
 *   2. each line into segments: a gap wider than WIDE_GAP_EM line heights is
 *      no space of justified text but the gutter between two columns;
 *   3. lines into blocks: consecutive lines of three segments or more are a
 *      data table (written as pdftotext -layout would, for lines.c's table
 *      reader); lines of two segments whose gutters line up, with the lines of
 *      one side only between and under them, are a two-column layout (the
 *      header's issuer | motto and number | place-date, the closing's
 *      recipients | signature): the left column's lines, then the right's;
 *      smaller lines at the foot that begin with a raised number are footnotes;
 *   4. what each line looks like: centred, bold, its indent, its place at the
 *      top or the foot of the page.
 * When every page is in, lines that repeat at the top or foot of pages, and
 * page numbers, become furniture, and a paragraph start is flagged only where
 * the page makes it certain (a wider gap, a first-line indent, a sentence that
 * ends a line the next word would have fitted on, a change of alignment).
 * Columns and tables are pdf_columns.c's; furniture and paragraphs,
 * pdf_document.c's. */
#include "pdf_page.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>

void vn_pdf_layout_init(vn_pdf_layout *L) { memset(L, 0, sizeof *L); }

void vn_pdf_layout_free(vn_pdf_layout *L)
{
    vn_buf_free(&L->text);
    free(L->lines);
    free(L->held);
    memset(L, 0, sizeof *L);
}

/* ---- glyphs, words, lines ----------------------------------------------------------- */

static bool is_gap_cp(uint32_t cp) { return cp == ' ' || cp == '\n' || cp == '\r' || cp == '\t' || cp == 0xA0; }
static float gh(const vn_pdf_glyph *g) { return g->y1 - g->y0; }
static bool usable(const vn_pdf_glyph *g)
{
    return isfinite(g->x0) && isfinite(g->x1) && isfinite(g->y0) && isfinite(g->y1) && g->x1 >= g->x0 &&
           g->y1 > g->y0 && fabsf(g->x0) < 1e6f && fabsf(g->y0) < 1e6f && g->y1 - g->y0 < 1e4f;
}

static float mode_of(const float *v, size_t n, float fallback);

/* Monospaced text (a plain-text file printed by LibreOffice) whose
 * letter came from a fallback font that the library gave a box two cells
 * wide, the space after it swallowed ("Đề|án" one word): on a page whose
 * glyphs are nearly all one width (mono, MONO_SHARE of them), the last glyph
 * of word w is such a letter when it is MONO_WIDE cells wide at least and
 * the next glyph starts where its box ends.  A tone written as a combining
 * mark ("Unicode tổ hợp") and drawn as a glyph of its own, with no advance,
 * swallows the space likewise: the library gives it the cell after its
 * letter, which was the space's when the next glyph starts where it ends. */
#define MONO_WIDE 1.7f
#define MONO_SHARE 0.8
static bool swallows_space(const page_ctx *P, const word *w, float mono)
{
    uint32_t last = w->g1 - 1;
    if (mono <= 0 || w->g1 - w->g0 < 2 || last + 1 >= P->ng)
        return false;
    const vn_pdf_glyph *g = &P->g[last], *nx = &P->g[last + 1], *pv = &P->g[last - 1];
    bool wide = g->x1 - g->x0 >= MONO_WIDE * mono && vn_cp_is_letter((int32_t)g->cp);
    bool mark = vn_cp_is_mark((int32_t)g->cp) && g->x1 - g->x0 >= 0.9f * mono && fabsf(g->x0 - pv->x1) < 0.1f * mono;
    return (wide || mark) && !is_gap_cp(nx->cp) && fabsf(nx->x0 - g->x1) < 0.1f * mono;
}

/* The one width of a monospaced page's glyphs, 0 when it has none (a letter
 * and its mark, which share one glyph's box, not counted). */
static float mono_width(const page_ctx *P, size_t n)
{
    float *v = vn_xmalloc((n ? n : 1) * sizeof *v);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_gap_cp(P->g[i].cp) && P->g[i].cp >= 0x20 && usable(&P->g[i]) &&
            !vn_cp_is_mark((int32_t)P->g[i].cp) && !(i + 1 < n && vn_cp_is_mark((int32_t)P->g[i + 1].cp)))
            v[m++] = P->g[i].x1 - P->g[i].x0;
    float w = mode_of(v, m, 0);
    size_t same = 0;
    for (size_t i = 0; i < m; i++)
        same += fabsf(v[i] - w) <= 0.125f;
    free(v);
    return m >= 20 && (double)same >= MONO_SHARE * (double)m ? w : 0;
}

static void build_words(page_ctx *P, size_t n)
{
    float mono = mono_width(P, n);
    word cur;
    bool open = false;
    size_t cap = 0;
    for (size_t i = 0; i <= n; i++) {
        const vn_pdf_glyph *g = i < n ? &P->g[i] : NULL;
        bool sep = !g || is_gap_cp(g->cp) || g->cp < 0x20 || !usable(g);
        if (open && !sep) {
            float cy = (g->y0 + g->y1) / 2, h = cur.y1 - cur.y0;
            /* the library's word went backwards, to another line, or on
             * after a gap (it may run the cells of a table together) */
            if (g->x0 < cur.x1 - h || g->x0 - cur.x1 > WORD_GAP_EM * h || cy < cur.y0 || cy > cur.y1)
                sep = true, i--;
        }
        if (sep) {
            if (open)
                P->w = vn_grow(P->w, &cap, P->nw, 1, sizeof *P->w), P->w[P->nw++] = cur;
            open = false;
            continue;
        }
        if (!open) {
            cur.x0 = g->x0, cur.x1 = g->x1, cur.y0 = g->y0, cur.y1 = g->y1;
            cur.g0 = (uint32_t)i;
            cur.space_after = false;
            open = true;
        } else {
            cur.x0 = fminf(cur.x0, g->x0), cur.x1 = fmaxf(cur.x1, g->x1);
            cur.y0 = fminf(cur.y0, g->y0), cur.y1 = fmaxf(cur.y1, g->y1);
        }
        cur.g1 = (uint32_t)i + 1;
        if (swallows_space(P, &cur, mono)) {
            /* the word ends with this letter: the space is in its box */
            cur.space_after = true;
            P->w = vn_grow(P->w, &cap, P->nw, 1, sizeof *P->w), P->w[P->nw++] = cur;
            open = false;
        }
    }
}

int vn_pdf_cmp_key(const void *x, const void *y)
{
    const sort_key *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

/* The most common of n values, in quarter points. */
static float mode_of(const float *v, size_t n, float fallback)
{
    if (!n)
        return fallback;
    sort_key *k = vn_xmalloc(n * sizeof *k);
    for (size_t i = 0; i < n; i++)
        k[i].a = roundf(v[i] * 4), k[i].b = 0, k[i].i = 0;
    qsort(k, n, sizeof *k, vn_pdf_cmp_key);
    float best = k[0].a;
    size_t run = 0, best_run = 0;
    for (size_t i = 0; i < n; i++) {
        run = i && k[i].a == k[i - 1].a ? run + 1 : 1;
        if (run > best_run)
            best_run = run, best = k[i].a;
    }
    free(k);
    return best / 4;
}

/* The body's size: the commonest height of a letter on the page. */
static float body_height(const page_ctx *P)
{
    float *h = vn_xmalloc((P->nw ? P->nw : 1) * sizeof *h);
    size_t n = 0;
    for (size_t i = 0; i < P->nw; i++) {
        const word *w = &P->w[i];
        h[n++] = w->y1 - w->y0;
    }
    float H = mode_of(h, n, 12);
    free(h);
    return H > 0 ? H : 12;
}

/* Whether w stands under or over a word already on the line (the words
 * k[w0..i) in order of height): two words sharing an x range are stacked,
 * never side by side.  A table row whose cells are centred vertically puts
 * a one-line cell ("1", "9", "Ít nhất") half a line off the lines of a
 * wrapped cell beside it, so that it overlaps two of them in height and
 * would chain them into one line, their words interleaved ("Nhântriển
 * cônglực"); the words of each stay on lines of their own.  Measured
 * against the words of the line nearest in height (compared_from). */
/* Where the words a new word k[i] is weighed against start, of its line's
 * k[w0..i): all of them on a line of text, which holds a few dozen; the
 * LINE_WORDS_COMPARED nearest in height on a line no page prints, thousands of
 * words long, which would cost a time quadratic in its words (a hostile
 * file). */
static size_t compared_from(size_t w0, size_t i)
{
    return i - w0 > LINE_WORDS_COMPARED ? i - LINE_WORDS_COMPARED : w0;
}

static bool stacked_on_line(const page_ctx *P, const sort_key *k, size_t w0, size_t i, const word *w)
{
    for (size_t j = compared_from(w0, i); j < i; j++) {
        const word *o = &P->w[k[j].i];
        float ov = fminf(w->x1, o->x1) - fmaxf(w->x0, o->x0);
        /* a word printed twice at one place (bold faked by overprinting)
         * is no stacked word: its centre is the other's */
        float dy = fabsf((w->y0 + w->y1) - (o->y0 + o->y1)) / 2;
        if (ov > STACK_OVERLAP * fminf(w->x1 - w->x0, o->x1 - o->x0) &&
            dy > STACK_SHIFT * fminf(w->y1 - w->y0, o->y1 - o->y0))
            return true;
    }
    return false;
}

/* Whether w stands half a line off a word of the line as tall as it (the
 * words k[w0..i)): type of one size on one line shares its foot, so such a
 * word is a line of a cell centred beside a wrapped one ("Người/1" between
 * "Nhân lực nghiên cứu khoa học," and "phát triển công nghệ, …"), which the
 * overlap of their boxes would chain into one line where the type's boxes are
 * tall for its spacing (LibreOffice's, 18 pt boxes 16 pt apart).  A raised
 * mark, smaller, shares no foot and stays on its line. */
static bool offset_on_line(const page_ctx *P, const sort_key *k, size_t w0, size_t i, const word *w)
{
    float hw = w->y1 - w->y0;
    for (size_t j = compared_from(w0, i); j < i; j++) {
        const word *o = &P->w[k[j].i];
        float ho = o->y1 - o->y0;
        if (fabsf(hw - ho) <= SAME_SIZE * fmaxf(hw, ho) && fabsf(w->y1 - o->y1) > LINE_SHIFT * fminf(hw, ho))
            return true;
    }
    return false;
}

static void build_lines(page_ctx *P)
{
    size_t nw = P->nw, cap = 0;
    sort_key *k = vn_xmalloc((nw ? nw : 1) * sizeof *k);
    for (size_t i = 0; i < nw; i++)
        k[i].a = (P->w[i].y0 + P->w[i].y1) / 2, k[i].b = P->w[i].x0, k[i].i = (uint32_t)i;
    qsort(k, nw, sizeof *k, vn_pdf_cmp_key);
    P->order = vn_xmalloc((nw ? nw : 1) * sizeof *P->order);
    /* the highest foot of the words of the line being built: a word whose
     * top is below it lies under a word of the line, on a line of its own,
     * though it overlaps the line's box — two lines of small type beside one
     * taller line that straddles both (the closing's recipients in 11 pt
     * beside "PHÓ CHỦ TỊCH" in 14 pt) would otherwise be one line, their
     * letters interleaved */
    float high_foot = 0;
    for (size_t i = 0; i < nw; i++) {
        const word *w = &P->w[k[i].i];
        pline *cur = P->nl ? &P->l[P->nl - 1] : NULL;
        bool join = false;
        if (cur) {
            float ov = fminf(w->y1, cur->y1) - fmaxf(w->y0, cur->y0);
            join = ov >= LINE_OVERLAP * fminf(w->y1 - w->y0, cur->y1 - cur->y0) && w->y0 < high_foot &&
                   !stacked_on_line(P, k, cur->w0, i, w) && !offset_on_line(P, k, cur->w0, i, w);
        }
        if (!join) {
            P->l = vn_grow(P->l, &cap, P->nl, 1, sizeof *P->l);
            cur = &P->l[P->nl++];
            memset(cur, 0, sizeof *cur);
            cur->x0 = w->x0, cur->x1 = w->x1, cur->y0 = w->y0, cur->y1 = w->y1;
            cur->w0 = (uint32_t)i;
            high_foot = w->y1;
        } else {
            cur->x0 = fminf(cur->x0, w->x0), cur->x1 = fmaxf(cur->x1, w->x1);
            cur->y0 = fminf(cur->y0, w->y0), cur->y1 = fmaxf(cur->y1, w->y1);
            high_foot = fminf(high_foot, w->y1);
        }
        cur->w1 = (uint32_t)i + 1;
        P->order[i] = k[i].i;
    }
    /* each line left to right; its height and baseline from its tallest words */
    for (size_t li = 0; li < P->nl; li++) {
        pline *l = &P->l[li];
        size_t n = l->w1 - l->w0;
        for (size_t j = 0; j < n; j++) {
            const word *w = &P->w[P->order[l->w0 + j]];
            k[j].a = w->x0, k[j].b = w->y0, k[j].i = P->order[l->w0 + j];
        }
        qsort(k, n, sizeof *k, vn_pdf_cmp_key);
        for (size_t j = 0; j < n; j++)
            P->order[l->w0 + j] = k[j].i;
        float h = 0, base = -1e9f;
        for (size_t j = l->w0; j < l->w1; j++)
            h = fmaxf(h, P->w[P->order[j]].y1 - P->w[P->order[j]].y0);
        for (size_t j = l->w0; j < l->w1; j++) {
            const word *w = &P->w[P->order[j]];
            if (w->y1 - w->y0 >= SUPER_SIZE * h)
                base = fmaxf(base, w->y1);
        }
        l->h = h > 0 ? h : 1;
        l->base = base;
    }
    free(k);
}

static void build_segments(page_ctx *P)
{
    size_t cap = 0;
    for (size_t li = 0; li < P->nl; li++) {
        pline *l = &P->l[li];
        l->s0 = (uint32_t)P->ns;
        float right = -1e9f;
        for (uint32_t j = l->w0; j < l->w1; j++) {
            const word *w = &P->w[P->order[j]];
            if (j == l->w0 || w->x0 - right > WIDE_GAP_EM * l->h) {
                P->s = vn_grow(P->s, &cap, P->ns, 1, sizeof *P->s);
                seg *s = &P->s[P->ns++];
                s->w0 = j, s->x0 = w->x0, s->x1 = w->x1;
            }
            seg *s = &P->s[P->ns - 1];
            s->w1 = j + 1;
            s->x1 = fmaxf(s->x1, w->x1);
            s->h = fmaxf(j == s->w0 ? 0 : s->h, w->y1 - w->y0);
            right = fmaxf(right, w->x1);
        }
        l->ns = (uint32_t)(P->ns - l->s0);
    }
}

/* Two cells of a table row centred in their height, each in its column, put
 * their lines half a line apart: the issuer's "BỘ CÔNG THƯƠNG" between the
 * motto's two lines, each line alone on its height.  Two lines of one
 * segment each, closer than lines of text are (a step under SIDE_STEP of
 * the page's line spacing, or of their height) and parted by a gutter
 * (NARROW_GAP_EM: the padding of two cells, one filled), are one line of
 * two segments, as the cells of a row set at one height are. */
#define TABLE_NEAR 3 /* lines looked at above and below for a data table's */
static void merge_side_by_side(page_ctx *P)
{
    /* the spacing of the page's lines, as measure_page takes it */
    float *d = vn_xmalloc((P->nl ? P->nl : 1) * sizeof *d);
    size_t nd = 0;
    for (size_t i = 1; i < P->nl; i++) {
        float step = P->l[i].base - P->l[i - 1].base;
        if (fabsf(P->l[i].h - P->l[i - 1].h) < 0.1f * P->l[i].h && step >= SIDE_STEP * P->l[i].h &&
            step < 3 * P->l[i].h)
            d[nd++] = step;
    }
    float pitch = mode_of(d, nd, 0);
    free(d);
    /* columns whose first lines stand at one height (a line of two
     * segments above, no paragraph's gap between) are set from the top, each
     * at its own spacing, as LibreOffice sets a header's cells: lines that
     * drift apart there ("… VIỆT" / "NAM" beside "XÃ VÂN PHÚ TÂY") are not
     * centred cells */
    bool top_set = false;
    for (size_t i = 0; i + 1 < P->nl; i++) {
        pline *a = &P->l[i], *b = &P->l[i + 1];
        float h = fminf(a->h, b->h);
        if (i > 0 && a->base - P->l[i - 1].base > PARA_PITCH * fmaxf(h, pitch))
            top_set = false;
        top_set = top_set || a->ns >= 2;
        if (top_set || a->ns != 1 || b->ns != 1 || b->base - a->base >= SIDE_STEP * fmaxf(h, pitch) ||
            fabsf(a->h - b->h) > SAME_SIZE * h)
            continue;
        /* not among a data table's lines, whose centred cells do the same
         * but which the table's reader takes by its columns */
        bool table = false;
        for (size_t k = i > TABLE_NEAR ? i - TABLE_NEAR : 0; k < P->nl && k <= i + 1 + TABLE_NEAR && !table;
             k++)
            table = P->l[k].ns >= 3;
        if (table)
            continue;
        seg *sa = &P->s[a->s0], *sb = &P->s[b->s0];
        bool a_left = sa->x1 < sb->x0;
        float gap = a_left ? sb->x0 - sa->x1 : sa->x0 - sb->x1;
        if (gap <= NARROW_GAP_EM * h)
            continue;
        if (!a_left) {
            /* the right column's line came first: its words and segment go
             * after the left one's */
            uint32_t na = a->w1 - a->w0, nb = b->w1 - b->w0;
            uint32_t *tmp = vn_xmalloc((na + nb) * sizeof *tmp);
            memcpy(tmp, &P->order[b->w0], nb * sizeof *tmp);
            memcpy(tmp + nb, &P->order[a->w0], na * sizeof *tmp);
            memcpy(&P->order[a->w0], tmp, (na + nb) * sizeof *tmp);
            free(tmp);
            seg left = *sb, right = *sa;
            left.w0 = a->w0, left.w1 = a->w0 + nb;
            right.w0 = a->w0 + nb, right.w1 = a->w0 + nb + na;
            *sa = left, *sb = right;
        }
        a->w1 = b->w1;
        a->ns = 2;
        a->x0 = fminf(a->x0, b->x0), a->x1 = fmaxf(a->x1, b->x1);
        a->y0 = fminf(a->y0, b->y0), a->y1 = fmaxf(a->y1, b->y1);
        /* its baseline stays the upper line's: the steps to the lines
         * under it are those of the upper cell's paragraphs */
        a->h = fmaxf(a->h, b->h);
        memmove(b, b + 1, (P->nl - i - 2) * sizeof *b);
        P->nl--;
    }
}

/* ---- text of a line ----------------------------------------------------------------- */

static bool is_digit_cp(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* A digit set small and raised: a footnote mark. */
bool vn_pdf_glyph_super(const pline *l, const vn_pdf_glyph *g)
{
    return is_digit_cp(g->cp) && gh(g) < SUPER_SIZE * l->h && g->y1 < l->base - SUPER_RAISE * l->h;
}

static uint32_t superscript(uint32_t d)
{
    static const uint32_t sup[10] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
    return sup[d - '0'];
}

static void put_cp(vn_buf *b, uint32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    char u[4];
    int n = vn_utf8_encode((int32_t)cp, u);
    vn_buf_put(b, u, (size_t)(n > 0 ? n : 0));
}

static bool word_all_digits(const page_ctx *P, const word *w)
{
    for (uint32_t i = w->g0; i < w->g1; i++)
        if (!is_digit_cp(P->g[i].cp))
            return false;
    return true;
}

static void render_at(const page_ctx *P, const pline *l, uint32_t w0, uint32_t w1, bool mark, float cw, vn_buf *b,
                      rendered *r);

static bool is_roman_cp(uint32_t cp) { return cp == 'I' || cp == 'V' || cp == 'X' || cp == 'L' || cp == 'C'; }

#define MARKER_MAX_CPS 12 /* the longest glued marker looked at, with the two letters after it */

/* A list number glued to its text at the start of a line ("1.1.Mục đích",
 * "III-NHIỆM VỤ", "a)Các chỉ tiêu"): Word and LibreOffice print a number
 * whose TAB found no room right against the text, where the text file of the
 * same plan has a space.  cp[0..n): the line's first characters (those with
 * no space between them).  Returns the characters of the marker, 0 when they
 * are none:
 *   - a number (1 / 1.1 / 2.3.1) then "." or ")" then a capital, or "/"
 *     then a capital and a small letter ("1/Mục", not "12/KH-UBND");
 *   - a Roman number then "." ")" "/" or "-" then a capital ("III/NHIỆM"),
 *     or any letter when the marker is bold ("IV-kinh phí", a heading);
 *   - a small letter then "." or ")" then a capital ("a)Các");
 *   - a capital ("A.", "B.") the same, only when bold: in running text
 *     "H.Chí" is an initial. */
static size_t glued_marker(const uint32_t *cp, size_t n, bool bold)
{
    size_t i = 0;
    if (n && is_digit_cp(cp[0])) {
        for (;;) {
            size_t d = i;
            while (i < n && is_digit_cp(cp[i]))
                i++;
            if (i - d > 2 || i >= n)
                return 0;
            if (cp[i] == '.' && i + 1 < n && is_digit_cp(cp[i + 1])) {
                i++;
                continue;
            }
            break;
        }
        if (i + 2 >= n || !vn_cp_is_upper((int32_t)cp[i + 1]))
            return 0;
        if (cp[i] == '/' ? !vn_cp_is_lower((int32_t)cp[i + 2]) : cp[i] != '.' && cp[i] != ')')
            return 0;
        return i + 1;
    }
    if (n && is_roman_cp(cp[0])) {
        while (i < n && is_roman_cp(cp[i]) && i < 5)
            i++;
        if (i + 2 >= n || (cp[i] != '.' && cp[i] != ')' && cp[i] != '/' && cp[i] != '-'))
            return 0;
        if (vn_cp_is_upper((int32_t)cp[i + 1]) || (bold && vn_cp_is_letter((int32_t)cp[i + 1])))
            return i + 1;
        return 0;
    }
    if (n > 3 && vn_cp_is_letter((int32_t)cp[0]) && (vn_cp_is_lower((int32_t)cp[0]) || bold) &&
        (cp[1] == '.' || cp[1] == ')') && vn_cp_is_upper((int32_t)cp[2]))
        return 2;
    return 0;
}

static bool words_glued(const page_ctx *P, const pline *l, const word *pw, const word *w);

/* The glyph of words [w0, w1) of a line before which a glued marker ends
 * (a space is written there), or UINT32_MAX. */
static uint32_t glued_marker_end(const page_ctx *P, const pline *l, uint32_t w0, uint32_t w1)
{
    uint32_t cp[MARKER_MAX_CPS], at[MARKER_MAX_CPS];
    size_t n = 0;
    bool bold = true;
    for (uint32_t j = w0; j < w1 && n < MARKER_MAX_CPS; j++) {
        const word *w = &P->w[P->order[j]];
        if (j > w0 && !words_glued(P, l, &P->w[P->order[j - 1]], w))
            break;
        for (uint32_t i = w->g0; i < w->g1 && n < MARKER_MAX_CPS; i++) {
            const vn_pdf_glyph *g = &P->g[i];
            if (!usable(g) || is_gap_cp(g->cp) || g->cp < 0x20)
                continue;
            cp[n] = g->cp, at[n] = i, n++;
            bold = bold && (g->font & VN_PDF_BOLD);
        }
    }
    size_t m = glued_marker(cp, n, bold);
    return m ? at[m] : UINT32_MAX;
}

/* Writes words [w0, w1) of a line, a space between words; a raised digit is
 * written as a superscript, glued to the word before it.  mark: the line
 * opens a footnote, whose leading number is its mark even when not raised. */
void vn_pdf_render(const page_ctx *P, const pline *l, uint32_t w0, uint32_t w1, bool mark, vn_buf *b,
                   rendered *r)
{
    render_at(P, l, w0, w1, mark, 0, b, r);
}

/* Two words of a line written with no space between them: a raised mark
 * after its word; or no gap at all, one word the library cut where the font
 * changed (a letter taken from a fallback font: "s" + "ố"). */
static bool words_glued(const page_ctx *P, const pline *l, const word *pw, const word *w)
{
    const vn_pdf_glyph *first = &P->g[w->g0];
    if (pw->space_after)
        return false;
    return (vn_pdf_glyph_super(l, first) && w->x0 - pw->x1 < 0.3f * l->h) || w->x0 - pw->x1 < GLUE_EM * l->h;
}

/* As vn_pdf_render, but with cw > 0 each word stands at the column its left edge is
 * at, in characters of width cw from the left margin: the line as
 * pdftotext -layout prints it, whose lengths lines.c measures. */
static void render_at(const page_ctx *P, const pline *l, uint32_t w0, uint32_t w1, bool mark, float cw, vn_buf *b,
                      rendered *r)
{
    r->font_and = 0xFF;
    r->tab = false;
    r->first_w = w1 > w0 ? P->w[P->order[w0]].x1 - P->w[P->order[w0]].x0 : 0;
    r->chars = 0;
    bool in_mark = mark;
    uint32_t split = mark ? UINT32_MAX : glued_marker_end(P, l, w0, w1);
    for (uint32_t j = w0; j < w1; j++) {
        const word *w = &P->w[P->order[j]];
        const vn_pdf_glyph *first = &P->g[w->g0];
        size_t spaces = 0;
        if (j > w0) {
            const word *pw = &P->w[P->order[j - 1]];
            bool glued = words_glued(P, l, pw, w) && w->g0 != split;
            /* a footnote's mark stands apart from its text */
            bool after_mark = mark && j == w0 + 1 && word_all_digits(P, pw);
            spaces = !glued || after_mark;
        }
        /* a bullet whose symbol font was lost ("o", "Ø", "§", "ü"), alone
         * at the line's start and set apart by its TAB: the TAB is written,
         * as Word's text export writes it (blocks.c reads such a bullet) */
        if (j == w0 + 1 && !mark && spaces) {
            const word *pw = &P->w[P->order[w0]];
            uint32_t c = P->g[pw->g0].cp;
            if (pw->g1 - pw->g0 == 1 && (c == 'o' || c == 0xD8 || c == 0xA7 || c == 0xFC) &&
                w->x0 - pw->x1 > BULLET_TAB_EM * l->h) {
                vn_buf_putc(b, '\t');
                r->chars++;
                r->tab = true;
                spaces = 0;
            }
        }
        if (cw > 0 && (j == w0 || spaces)) {
            float c = (w->x0 - P->left) / cw;
            size_t col = c > 0 && c < 1000 ? (size_t)lroundf(c) : 0;
            if (col > r->chars + spaces)
                spaces = col - r->chars;
            /* a space of justified text stays narrower than a column gap */
            if (j > w0 && spaces > JUSTIFIED_SPACES &&
                w->x0 - P->w[P->order[j - 1]].x1 <= WIDE_GAP_EM * l->h)
                spaces = JUSTIFIED_SPACES;
        }
        for (size_t k = 0; k < spaces; k++)
            vn_buf_putc(b, ' ');
        r->chars += spaces;
        if (in_mark && !word_all_digits(P, w) && !vn_pdf_glyph_super(l, first))
            in_mark = false;
        for (uint32_t i = w->g0; i < w->g1; i++) {
            const vn_pdf_glyph *g = &P->g[i];
            if (i == split && i != w->g0) {
                vn_buf_putc(b, ' ');
                r->chars++;
            }
            if (!usable(g) || is_gap_cp(g->cp) || g->cp < 0x20)
                continue;
            bool sup = is_digit_cp(g->cp) && (vn_pdf_glyph_super(l, g) || in_mark);
            if (in_mark && !sup) {
                /* "¹Kế hoạch": the mark, then its text */
                vn_buf_putc(b, ' ');
                r->chars++;
                in_mark = false;
            }
            put_cp(b, sup ? superscript(g->cp) : g->cp);
            r->chars++;
            r->font_and &= g->font;
        }
        if (in_mark && j == w0)
            in_mark = false; /* the mark was this first word */
    }
}

/* A page number: "2", "- 2 -", "Trang 2", "2/15". */
bool vn_pdf_is_page_number(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    while (i < n && (s[i] == ' ' || s[i] == '-'))
        i++;
    if (n - i >= 5 && (memcmp(s + i, "Trang", 5) == 0 || memcmp(s + i, "trang", 5) == 0))
        i += 5;
    while (i < n && s[i] == ' ')
        i++;
    while (i < n && vn_is_digit(s[i]))
        i++, digits++;
    if (i < n && s[i] == '/') {
        i++;
        while (i < n && vn_is_digit(s[i]))
            i++;
    }
    while (i < n && (s[i] == ' ' || s[i] == '-'))
        i++;
    return digits >= 1 && digits <= 4 && i == n;
}

/* Line l is a page number ("3", "- 3 -", "3/12"): a digit at least; a rule
 * at the page's foot ("-------", a closing's last) is text. */
static bool line_is_number(const page_ctx *P, const pline *l)
{
    bool digit = false;
    for (uint32_t j = l->w0; j < l->w1; j++) {
        const word *w = &P->w[P->order[j]];
        for (uint32_t i = w->g0; i < w->g1; i++) {
            uint32_t cp = P->g[i].cp;
            digit = digit || is_digit_cp(cp);
            if (!is_digit_cp(cp) && cp != '-' && cp != '/' && cp != 0x2013 && !is_gap_cp(cp))
                return false;
        }
    }
    return digit;
}

/* Whether only the page's foot stands from line k on: lines standing apart
 * from the one above, a page number — at most `most` of them. */
static bool foot_only(const page_ctx *P, size_t k, size_t foot, size_t most)
{
    size_t from = k;
    while (k < foot && (line_is_number(P, &P->l[k]) || P->l[k].base - P->l[k - 1].base > PARA_PITCH * P->pitch))
        k++;
    return k >= foot && k - from <= most;
}

/* The line opens a footnote: a number first, raised or standing apart. */
static bool starts_mark(const page_ctx *P, const pline *l)
{
    const word *w = &P->w[P->order[l->w0]];
    const vn_pdf_glyph *g = &P->g[w->g0];
    if (!is_digit_cp(g->cp))
        return false;
    return vn_pdf_glyph_super(l, g) || (word_all_digits(P, w) && l->w1 - l->w0 > 1 && w->g1 - w->g0 <= 3);
}

#define FOOT_APART_EM 1.8f  /* notes in body type stand this many line heights under the text */
#define FOOT_BLOCK_EM 1.5f  /* and their lines no further apart than this */

static bool is_letter_cp(uint32_t cp) { return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp >= 0xC0; }

/* Some word of lines [0, upto) ends with the digits of word num glued
 * after a letter (before a closing punctuation at most): a note's mark set
 * on the baseline, as its note's number ("HĐND1" for the note "1 …"). */
static bool mark_in_body(const page_ctx *P, size_t upto, const word *num)
{
    uint32_t nd = num->g1 - num->g0;
    for (size_t k = 0; k < upto; k++)
        for (uint32_t j = P->l[k].w0; j < P->l[k].w1; j++) {
            const word *w = &P->w[P->order[j]];
            uint32_t end = w->g1;
            while (end > w->g0 && (P->g[end - 1].cp == ',' || P->g[end - 1].cp == '.' || P->g[end - 1].cp == ';' ||
                                   P->g[end - 1].cp == ':' || P->g[end - 1].cp == ')'))
                end--;
            if (end - w->g0 <= nd || !is_letter_cp(P->g[end - nd - 1].cp))
                continue;
            bool same = true;
            for (uint32_t t = 0; t < nd && same; t++)
                same = P->g[end - nd + t].cp == P->g[num->g0 + t].cp;
            if (same)
                return true;
        }
    return false;
}

/* The first footnote line at the foot of the page (nl when there is none):
 * lines smaller than the body, below it, the first opening with a mark.
 * *end: where the footnotes stop (a page number may stand under them).
 * A line with two cells' gaps or more is a table's row, never a note: a
 * targets table set in smaller type that ends a page has rows opening with
 * their number ("1   Tỷ lệ ...   %   35   40", a full cell's words close
 * to the next cell's), and the notes, if any, are below its last row. */
static size_t find_footnotes(const page_ctx *P, size_t *end)
{
    /* the page number under the notes; not a line of numbers a cell's gap
     * apart (the last pieces of numbers wrapped in narrow columns, "0    0"
     * under "2.00" and "2.50") */
    size_t e = P->nl;
    while (e > 0 && line_is_number(P, &P->l[e - 1]) && vn_pdf_table_gaps(P, &P->l[e - 1]) == 0)
        e--;
    *end = e;
    size_t start = e;
    for (size_t i = e;
         i > 0 && P->l[i - 1].h < FOOT_SIZE * P->H && vn_pdf_table_gaps(P, &P->l[i - 1]) < TABLE_ROW_GAPS;
         i--)
        if (starts_mark(P, &P->l[i - 1]))
            start = i - 1;
    /* notes set in the body's type, their marks on the baseline (AbiWord
     * applies neither the note's style nor the mark's): the last block of
     * lines, standing under the text by more than a paragraph's gap (a page
     * the text fills leaves two line heights), opening with a number that a
     * word of the text above ends with ("… HĐND1 ngày …" / "1 Nghị quyết …") */
    if (start == e && e > 1) {
        size_t s = e - 1;
        while (s > 0 && P->l[s].base - P->l[s - 1].base <= FOOT_BLOCK_EM * P->l[s].h &&
               vn_pdf_table_gaps(P, &P->l[s]) < TABLE_ROW_GAPS)
            s--;
        const pline *f = &P->l[s];
        const word *num = &P->w[P->order[f->w0]];
        if (s > 0 && f->base - P->l[s - 1].base > FOOT_APART_EM * f->h && starts_mark(P, f) &&
            !vn_pdf_glyph_super(f, &P->g[num->g0]) && vn_pdf_table_gaps(P, f) < TABLE_ROW_GAPS &&
            mark_in_body(P, s, num))
            start = s;
    }
    return start == 0 ? e : start; /* a page all in small type has no body to be under */
}

#define SPACES_MAX 256 /* spaces of a line measured */

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

/* The middle width of the spaces between words [w0, w1) of a line (the
 * library gives each space a box: in justified text, stretched), 0 when it
 * has fewer than two. */
static float space_width(const page_ctx *P, const pline *l, uint32_t w0, uint32_t w1)
{
    float v[SPACES_MAX];
    size_t n = 0;
    for (uint32_t j = w0; j + 1 < w1 && n < SPACES_MAX; j++) {
        const word *w = &P->w[P->order[j]];
        if (w->g1 >= P->ng)
            continue;
        const vn_pdf_glyph *g = &P->g[w->g1];
        float cy = (g->y0 + g->y1) / 2;
        /* not the library's zero-width space where the font changes */
        if (g->cp == ' ' && usable(g) && cy > l->y0 && cy < l->y1 && g->x1 - g->x0 < l->h &&
            g->x1 - g->x0 >= GLUE_EM * l->h)
            v[n++] = g->x1 - g->x0;
    }
    if (n < 2)
        return 0;
    qsort(v, n, sizeof *v, cmp_float);
    return v[n / 2];
}

/* ---- blocks ---------------------------------------------------------------------------- */

vn_pdf_line *vn_pdf_add_line(vn_pdf_layout *L, const page_ctx *P, uint32_t page, const pline *l, uint8_t kind,
                             uint32_t w0, uint32_t w1, bool mark)
{
    vn_pdf_line *o = &VN_PUSH(L->lines, L->nlines, L->caplines);
    memset(o, 0, sizeof *o);
    o->off = (uint32_t)L->text.len;
    rendered r;
    render_at(P, l, w0, w1, mark, kind == K_BODY ? P->cw : 0, &L->text, &r);
    o->len = (uint32_t)(L->text.len - o->off);
    o->page = page;
    o->kind = kind;
    o->x0 = P->w[P->order[w0]].x0;
    o->x1 = o->x0;
    for (uint32_t j = w0; j < w1; j++)
        o->x1 = fmaxf(o->x1, P->w[P->order[j]].x1);
    o->top = l->y0, o->bottom = l->base, o->h = l->h;
    o->left = P->left, o->right = P->right, o->pitch = P->pitch, o->body_h = P->H;
    o->first_w = r.first_w;
    o->tab = r.tab;
    o->first_font = P->g[P->w[P->order[w0]].g0].font;
    o->last_font = P->g[P->w[P->order[w1 - 1]].g1 - 1].font;
    o->text_x = w1 > w0 + 1 ? P->w[P->order[w0 + 1]].x0 : o->x0;
    o->space_w = space_width(P, l, w0, w1);
    if (r.chars && (r.font_and & VN_PDF_BOLD))
        o->flags |= VN_SRC_BOLD;
    if (r.chars && (r.font_and & VN_PDF_ITALIC))
        o->flags |= VN_SRC_ITALIC;
    if (kind == K_FOOT)
        o->flags |= VN_SRC_FOOTNOTE | (mark ? VN_SRC_PARA : 0);
    float mid = (P->left + P->right) / 2, cx = (o->x0 + o->x1) / 2;
    /* a short line under another that starts where it does is no centred one */
    const vn_pdf_line *above = L->nlines >= 2 ? &L->lines[L->nlines - 2] : NULL;
    bool aligned = above && above->page == page && above->kind == K_BODY && !(above->flags & VN_SRC_CENTRED) &&
                   fabsf(above->x0 - o->x0) < 0.25f * l->h;
    /* nor one that starts where other lines of the page start (the last line
     * of an item indented under its dash) */
    size_t same_x0 = 0;
    for (size_t i = 0; i < P->nl && !aligned; i++)
        same_x0 += fabsf(P->l[i].x0 - o->x0) < ALIGN_PT;
    aligned = aligned || same_x0 >= 3;
    if (kind == K_BODY && o->x0 > P->left + OFF_MARGIN_EM * l->h && o->x1 < P->right - OFF_MARGIN_EM * l->h &&
        fabsf(cx - mid) <= CENTRE_TOL_EM * l->h && !aligned)
        o->flags |= VN_SRC_CENTRED;
    return o;
}

/* Line i is one of the first lines of the page, set in smaller type than the
 * text under them: a running header that wraps (mark_edges says why). */
static bool in_small_top(const page_ctx *P, size_t i, size_t limit)
{
    for (size_t r = i + 1; r <= EDGE_LINES && r < limit; r++) {
        float under = P->l[r].h;
        bool small = true;
        for (size_t t = 0; t < r && small; t++)
            small = P->l[t].h < SMALL_TYPE_SHARE * under;
        if (small)
            return true;
    }
    return false;
}

/* The page's margins and usual baseline distance, from its body lines. */
static void measure_page(vn_pdf_layout *L, page_ctx *P, size_t foot)
{
    float left = 1e9f, right = -1e9f;
    float *d = vn_xmalloc((P->nl ? P->nl : 1) * sizeof *d);
    size_t nd = 0, measured = 0;
    for (size_t i = 0; i < foot; i++) {
        const pline *l = &P->l[i];
        /* the running header and the page number, standing apart at the
         * page's edges, may reach past the text's margins: a page that is
         * all table would be measured by them */
        bool edge = foot > 2 && ((i == 0 && P->l[1].base - l->base > EDGE_APART_EM * l->h) ||
                                 (i + 1 == foot && l->base - P->l[i - 1].base > EDGE_APART_EM * l->h) ||
                                 in_small_top(P, i, foot));
        if (!edge)
            right = fmaxf(right, l->x1), measured++;
        /* a step shorter than the type's height is no spacing of lines of
         * text, which would overlap, but cells centred beside each other
         * in a table's row, half a line apart */
        if (i && fabsf(l->h - P->l[i - 1].h) < 0.1f * l->h && l->base - P->l[i - 1].base < 3 * l->h &&
            l->base - P->l[i - 1].base >= SIDE_STEP * l->h)
            d[nd++] = l->base - P->l[i - 1].base;
    }
    /* the left margin is where full lines start: a heading may stand out
     * into the margin, a page number or a title stand in from it */
    for (size_t i = 0; i < foot; i++)
        if (P->l[i].x1 >= right - P->H && P->l[i].x1 <= right)
            left = fminf(left, P->l[i].x0);
    /* a page of one or two lines (a paragraph's end and a heading the
     * page break left alone) shows no margins: its longest line would pass
     * for a full one; the page before's hold */
    if (measured < 3 && L->right > L->left)
        left = 1e9f, right = -1e9f;
    /* nor does a page of short lines only (a closing alone on the last
     * page: recipients, the signature), its text starting where the page
     * before's does but ending well before its right margin */
    if (L->right > L->left && left < right && fabsf(left - L->left) <= P->H &&
        right < L->right - WIDER_PAGE_EM * P->H)
        right = L->right;
    P->left = left < right ? left : L->left;
    P->right = left < right ? right : L->right;
    float pitch = nd >= 3 ? mode_of(d, nd, 0) : 0;
    /* a layout that sets its lines at whole points (AbiWord's) */
    P->grid = nd >= 3;
    for (size_t k = 0; k < nd && P->grid; k++)
        P->grid = fabsf(d[k] - roundf(d[k])) < GRID_SLACK_PT;
    free(d);
    /* a page whose lines are all paragraphs of one line (a closing's
     * recipients, each a paragraph of its own) shows the paragraphs'
     * spacing, not the lines': the page before's, closer, holds */
    bool same_type = L->pitch_h > 0 && fabsf(P->H - L->pitch_h) <= SAME_SIZE * P->H;
    if (pitch <= 0 || (same_type && L->pitch > 0 && pitch > PARA_PITCH * L->pitch))
        pitch = L->pitch > 0 ? L->pitch : 1.2f * P->H;
    P->pitch = L->pitch = pitch;
    L->pitch_h = P->H;
    double width = 0, glyphs = 0;
    for (size_t i = 0; i < P->nw; i++)
        width += P->w[i].x1 - P->w[i].x0, glyphs += P->w[i].g1 - P->w[i].g0;
    P->cw = glyphs > 0 && width > 0 ? (float)(width / glyphs) : 0.5f * P->H;
    if (left < right)
        L->left = left, L->right = right;
}

/* Text s, a page number, is the number n ("4", "- 4 -", "Trang 4", "4/15"):
 * its first digits. */
static bool own_number(const char *s, size_t len, uint32_t n)
{
    uint32_t v = 0;
    size_t digits = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9') {
            if (++digits > 6)
                return false;
            v = v * 10 + (uint32_t)(s[i] - '0');
        } else if (digits) {
            break;
        }
    return digits > 0 && v == n;
}

/* The lines at the top and at the foot of the page that stand apart from
 * the text (further than a paragraph's gap): they may be furniture. */
static void mark_edges(vn_pdf_layout *L, size_t first, float pitch)
{
    size_t idx[EDGE_LINES * 2 + 2], n = 0, body = 0;
    for (size_t k = first; k < L->nlines; k++)
        body += L->lines[k].kind != K_FOOT;
    size_t seen = 0;
    for (size_t k = first; k < L->nlines; k++) {
        if (L->lines[k].kind == K_FOOT)
            continue;
        if ((seen <= EDGE_LINES || seen + EDGE_LINES + 1 >= body) && n < sizeof idx / sizeof idx[0])
            idx[n++] = k;
        seen++;
    }
    float apart = PARA_PITCH * pitch;
    for (size_t t = 0; t < EDGE_LINES && t + 1 < n; t++) {
        vn_pdf_line *o = &L->lines[idx[t]], *next = &L->lines[idx[t + 1]];
        if (o->kind == K_BODY && next->bottom - o->bottom > apart)
            o->edge = EDGE_TOP;
    }
    /* A running header long enough to wrap ("BỘ ... TRƯỜNG ĐẠI HỌC ... - Số" /
     * "412/KH-ĐHKTCN") stands no further from the text than a line does: its
     * smaller type sets it apart. */
    for (size_t r = 1; r <= EDGE_LINES && r < n; r++) {
        const vn_pdf_line *under = &L->lines[idx[r]];
        bool small = true;
        for (size_t t = 0; t < r && small; t++)
            small = L->lines[idx[t]].kind == K_BODY && L->lines[idx[t]].h < SMALL_TYPE_SHARE * under->h;
        if (small) {
            for (size_t t = 0; t < r; t++)
                L->lines[idx[t]].edge = EDGE_TOP;
            break;
        }
    }
    /* a page number stands apart by more than a line's spacing, or, the
     * page's own number, by a line's: text spaced 1.5 lines that fills its
     * page comes closer to the foot than a paragraph's gap (Nghị định
     * 30/2020's spacing).  That line is the closest step between two lines
     * of the page above it, no shorter than the type: on a page of one-line
     * paragraphs (a closing's recipients) the commonest step, `pitch`, is
     * the paragraphs' spacing, longer than the lines' in a wrapped
     * paragraph or a table's cell above the number */
    float line = pitch;
    for (size_t k = first, prev = SIZE_MAX; n > 0 && k < idx[n - 1]; k++) {
        const vn_pdf_line *o = &L->lines[k];
        if (o->kind == K_FOOT)
            continue;
        float step = prev == SIZE_MAX ? 0 : o->bottom - L->lines[prev].bottom;
        if (step >= o->body_h && step < line)
            line = step;
        prev = k;
    }
    for (size_t t = n; t > 1 && n - t < EDGE_LINES; t--) {
        vn_pdf_line *o = &L->lines[idx[t - 1]], *prev = &L->lines[idx[t - 2]];
        float step = o->bottom - prev->bottom;
        const char *text = L->text.data + o->off;
        bool number = t == n && vn_pdf_is_page_number(text, o->len);
        if (o->kind == K_BODY &&
            (step > apart || (number && (step > pitch || (step > 0.8f * line && own_number(text, o->len, o->page))))))
            o->edge = EDGE_BOTTOM;
    }
}

void vn_pdf_layout_page(vn_pdf_layout *L, uint32_t page, const vn_pdf_glyph *g, size_t n)
{
    page_ctx P;
    memset(&P, 0, sizeof P);
    P.g = g;
    P.ng = n;
    L->pages = page > L->pages ? page : L->pages;
    build_words(&P, n);
    if (!P.nw) {
        free(P.w);
        return;
    }
    P.H = body_height(&P);
    build_lines(&P);
    build_segments(&P);
    merge_side_by_side(&P);
    size_t foot_end, foot = find_footnotes(&P, &foot_end);
    float prev_left = L->left, prev_right = L->right;
    measure_page(L, &P, foot);
    vn_pdf_split_narrow_rows(&P, foot);
    size_t first_body = L->nlines;
    bool after_block = false;
    /* a two-column layout the page before ended in, and where this page's
     * columns last ended */
    float carry_lo = L->gutter_lo, carry_hi = L->gutter_hi;
    /* not onto a page whose text is wider (a landscape annex after the
     * closing): its columns are no continuation of that page's.  A page
     * holding only the closing's rest measures narrower, and goes on */
    if (prev_right > prev_left && (P.right - P.left) - (prev_right - prev_left) > WIDER_PAGE_EM * P.H)
        carry_lo = carry_hi = 0;
    size_t columns_end = 0, table_end = 0, carry_nb = L->table_nb, last_table_nb = 0;
    bool after_table = L->table_nb != 0;
    L->gutter_lo = L->gutter_hi = 0;
    L->table_nb = 0;
    bool top_block = true;
    /* the end of a row held at this page's foot (vn_pdf_hold_row) */
    size_t hold_end = 0;
    for (size_t i = 0; i < P.nl; i++) {
        pline *l = &P.l[i];
        if (hold_end && i == hold_end)
            L->held_end = L->nlines;
        if (i >= foot && i < foot_end) {
            vn_pdf_add_line(L, &P, page, l, K_FOOT, l->w0, l->w1, starts_mark(&P, l));
            continue;
        }
        size_t limit = i < foot ? foot : P.nl;
        /* a table goes on under the running header, which stands apart: the
         * page's first lines, up to the first gap under them (a row's rest
         * right under that gap is the table's, however far the next row
         * stands in cells spaced 1.5 lines with 6 pt around each paragraph) */
        top_block = top_block && (i == 0 || l->base - P.l[i - 1].base <= PARA_PITCH * P.pitch);
        bool apart = i + 1 < limit && ((top_block && P.l[i + 1].base - l->base > PARA_PITCH * P.pitch) ||
                                       in_small_top(&P, i, limit));
        if (carry_nb && !apart) {
            size_t end = vn_pdf_table_continue(&P, i, limit, L->table_bounds, carry_nb);
            /* a table whose page held only its header row: its columns were
             * taken from the header's centred words; the rows under it, on
             * this page, show them better.  As many columns over more lines
             * is the same table, continued. */
            float fresh[TABLE_MAX_BOUNDS];
            size_t fresh_nb = 0;
            size_t fresh_end = L->table_rows <= 1 ? vn_pdf_table_rows_below(&P, i, limit, fresh, &fresh_nb) : 0;
            if (fresh_end > end && fresh_nb == carry_nb) {
                memcpy(L->table_bounds, fresh, fresh_nb * sizeof *fresh);
                end = fresh_end;
            }
            carry_hi = carry_lo = 0;
            if (end) {
                vn_pdf_emit_table(L, &P, page, i, end, L->table_bounds, carry_nb, true, false);
                last_table_nb = carry_nb;
                i = end - 1;
                table_end = end;
                after_block = true;
                carry_nb = 0;
                continue;
            }
        }
        if (!apart)
            carry_nb = 0;
        /* the layout goes on likewise — from a first line standing apart
         * too when it holds both columns, its right one starting where the
         * layout's did (the signer's name beside a recipient), which no
         * running header does */
        bool both_sides = carry_hi > carry_lo && l->ns == 2 && P.s[l->s0].x1 <= carry_hi &&
                          fabsf(P.s[l->s0 + 1].x0 - carry_hi) <= ALIGN_PT;
        if (carry_hi > carry_lo && (!apart || both_sides)) {
            size_t end = vn_pdf_column_continue(&P, i, limit, carry_lo, carry_hi);
            carry_hi = carry_lo = 0;
            /* a row held at the foot of the page before goes on beside the
             * rest of its right column (the signer's name): the page break
             * cut the closing's row, and the row is read as cells */
            bool held = L->nheld && !hold_end;
            if (end && held && !vn_pdf_right_column_in(&P, i, end))
                end = 0;
            if (end && held)
                first_body = (size_t)((long)first_body + vn_pdf_take_held(L));
            if (end) {
                P.carried = L->cell_table == L->tables;
                vn_pdf_emit_columns(L, &P, page, i, end);
                P.carried = false;
                i = end - 1;
                columns_end = end;
                after_block = true;
                continue;
            }
        }
        float bounds[TABLE_MAX_BOUNDS];
        size_t nb, tend = vn_pdf_table_region(&P, i, limit, bounds, &nb);
        if (tend) {
            vn_pdf_emit_table(L, &P, page, i, tend, bounds, nb, false,
                              after_table && !table_end && !columns_end && L->nlines - first_body <= EDGE_LINES);
            last_table_nb = nb;
            i = tend - 1;
            table_end = tend;
            columns_end = 0;
            after_block = true;
            continue;
        }
        if (l->ns >= 3) {
            L->tables++;
            size_t j = i;
            float prev_base = l->base;
            while (j < limit) {
                const pline *t = &P.l[j];
                if (j > i && (t->base - prev_base > 1.6f * P.pitch || t->ns < 1 ||
                              (t->ns == 1 && t->x0 <= P.left + OFF_MARGIN_EM * t->h)))
                    break;
                vn_pdf_add_table_line(L, &P, page, t, j == i);
                prev_base = t->base;
                j++;
            }
            i = j - 1;
            after_block = true;
            continue;
        }
        size_t end = l->ns == 2   ? vn_pdf_column_region(&P, i, limit)
                     : l->ns == 1 ? vn_pdf_column_lead(&P, i, limit)
                                  : 0;
        if (!apart && !hold_end)
            L->nheld = 0;
        /* one line of two columns at the page's foot, under it at most lines
         * of one column: the first row of a closing the page break may have
         * cut, held until the next page shows it */
        if (!end && l->ns == 2) {
            size_t row_end = vn_pdf_column_first_row(&P, i, limit);
            if (row_end && foot_only(&P, row_end, limit, EDGE_LINES)) {
                vn_pdf_hold_row(L, &P, page, i, row_end);
                hold_end = row_end;
            }
        }
        if (end) {
            vn_pdf_emit_columns(L, &P, page, i, end);
            i = end - 1;
            columns_end = end;
            table_end = 0;
            after_block = true;
            continue;
        }
        /* a rule too long for the line goes on on the next, under it
         * ("------- -------" whose second run wrapped): one line, as typed */
        vn_pdf_line *prev = L->nlines > first_body ? &L->lines[L->nlines - 1] : NULL;
        if (prev && prev->kind == K_BODY && prev->off + prev->len == L->text.len &&
            l->base - prev->bottom <= PARA_PITCH * P.pitch && l->x0 < prev->x1 && l->x1 > prev->x0 &&
            vn_pdf_rule_text(L->text.data + prev->off, prev->len)) {
            size_t mark = L->text.len;
            rendered r;
            /* a text table's border cut before a corner ("+-----" /
             * "+------+") goes on with no space: none is typed before one;
             * nor does a rule broken at the right margin, too long for the
             * line ("------- ------" / "--------") */
            if (P.g[P.w[P.order[l->w0]].g0].cp != '+' && prev->x1 < P.right - 0.5f * l->h)
                vn_buf_putc(&L->text, ' ');
            vn_pdf_render(&P, l, l->w0, l->w1, false, &L->text, &r);
            if (vn_pdf_rule_text(L->text.data + mark, L->text.len - mark)) {
                prev->len = (uint32_t)(L->text.len - prev->off);
                prev->x0 = fminf(prev->x0, l->x0), prev->x1 = fmaxf(prev->x1, l->x1);
                prev->bottom = l->base;
                continue;
            }
            L->text.len = mark;
        }
        vn_pdf_line *o = vn_pdf_add_line(L, &P, page, l, K_BODY, l->w0, l->w1, false);
        o->starts_block = after_block;
        after_block = false;
    }
    if (hold_end >= P.nl)
        L->held_end = L->nlines;
    mark_edges(L, first_body, P.pitch);
    /* the page ended in a two-column layout or a data table (under it, at
     * most the page's foot: lines standing apart, a page number) */
    size_t block_end = columns_end > table_end ? columns_end : table_end;
    if (block_end && foot_only(&P, block_end, foot, SIZE_MAX)) {
        if (columns_end > table_end)
            L->gutter_lo = P.gutter_lo, L->gutter_hi = P.gutter_hi;
        else
            L->table_nb = last_table_nb;
    }
    if (hold_end)
        L->gutter_lo = L->held_lo, L->gutter_hi = L->held_hi;
    else
        L->nheld = 0;
    /* an unstretched space: the narrowest spacing of a line in the body's
     * type (the last line of a paragraph, a heading) */
    float natural = 0;
    for (size_t k = first_body; k < L->nlines; k++) {
        const vn_pdf_line *o = &L->lines[k];
        if (o->space_w > 0 && fabsf(o->h - P.H) <= SAME_SIZE * P.H && (natural == 0 || o->space_w < natural))
            natural = o->space_w;
    }
    /* a line whose spaces are stretched was justified between the margins of
     * its block: a paragraph indented on both sides (LaTeX's quote, an
     * indented block) has its middle on the page's, and is no centred line */
    for (size_t k = first_body; k < L->nlines; k++) {
        vn_pdf_line *o = &L->lines[k];
        o->natural_w = natural;
        if ((o->flags & VN_SRC_CENTRED) && natural > 0 && o->space_w > STRETCHED * natural)
            o->flags &= ~(uint32_t)VN_SRC_CENTRED;
    }
    free(P.w);
    free(P.order);
    free(P.l);
    free(P.s);
}

