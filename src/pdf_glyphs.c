/* pdf_glyphs.c — what a glyph's font says, settled before the layout (see pdf_layout.h).
 *
 * A Type 3 font that has no name (the library calls it "Default") draws its glyphs from
 * procedures: its box is the font's matrix applied to its bounding box, not the ascent and
 * descent of a text font, so it is taller than its neighbours' (18.7 pt against 13.3 for one
 * 12 pt line), and its missing name says nothing about bold.  PDF writers use such a font
 * for the glyphs a text font lacks, emboldened when the text is bold ("ụ" in "Mục đích",
 * set in a bold serif).  Left as it is, the letter makes its line look taller, so that the
 * line's digits look small and raised (footnote marks: "¹. Mục đích") and the line is not
 * all bold.  Such a glyph takes the height and the bold and italic of the text glyph it
 * stands among on its line: the one before it, or else the one after. */
#include "pdf_layout.h"
#include "pdf_page.h"

#include "utf8.h"

#include <utf8proc.h>

#include <math.h>
#include <string.h>

static bool is_gap(uint32_t cp)
{
    return cp == ' ' || cp == '\n' || cp == '\r' || cp == '\t' || cp == 0xA0 || cp < 0x20;
}

/* How far along the line the text glyph of reference is looked for. */
#define NEIGHBOUR_GLYPHS 24

/* t, a glyph of a named font, on g's line: g's middle lies between t's top and foot, and
 * t is no taller than g (g's box holds its own ascent and descent and more). */
static bool same_line(const vn_pdf_glyph *g, const vn_pdf_glyph *t)
{
    float mid = (g->y0 + g->y1) / 2;
    return !is_gap(t->cp) && !(t->font & VN_PDF_UNNAMED) && t->y1 > t->y0 && mid >= t->y0 && mid <= t->y1 &&
           t->y1 - t->y0 <= g->y1 - g->y0;
}

void vn_pdf_settle_unnamed(vn_pdf_glyph *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(g[i].font & VN_PDF_UNNAMED))
            continue;
        const vn_pdf_glyph *ref = NULL;
        for (size_t k = 1; k <= NEIGHBOUR_GLYPHS && k <= i && !ref; k++)
            if (same_line(&g[i], &g[i - k]))
                ref = &g[i - k];
        for (size_t k = 1; k <= NEIGHBOUR_GLYPHS && i + k < n && !ref; k++)
            if (same_line(&g[i], &g[i + k]))
                ref = &g[i + k];
        if (ref && isfinite(g[i].y0) && isfinite(g[i].y1)) {
            g[i].y0 = ref->y0, g[i].y1 = ref->y1;
            g[i].font = ref->font;
        }
    }
    for (size_t i = 0; i < n; i++)
        g[i].font &= (uint8_t)~VN_PDF_UNNAMED;
}

/* Vietnamese typed as "Unicode tổ hợp" (a keyboard's setting, and text converted from the
 * 8-bit encodings) writes each tone as a combining mark after its vowel: "QUẢNG" is
 * Q U A U+0309 N G.  Where the font has a glyph for the pair, the library gives the glyph's
 * box to its two characters, a half each, in order; where it has none, the mark is a glyph
 * of its own drawn after its vowel: both read right.  But a mark the library cannot set on
 * its vowel's line (raised above a capital, or set back over its vowel) comes apart from
 * its vowel: ahead of it, a line break between them ("̉UY BAN", "QỦANG" for "QUẢNG", "S̉ơ"
 * for "Sở"), or with the words of the line after it when the library cuts the line there.
 * Such a mark is drawn in its vowel's own box.  It goes after the glyph whose box is its
 * box: the glyph after it (past breaks) when the mark stands off that glyph's line, or when
 * a break parts them and what comes before the mark is no vowel (a tone is only ever a
 * vowel's); else, when the mark stands off the line of the glyphs around it, the glyph of
 * the page whose box is its box.  It takes that glyph's line; breaks between them go. */
#define MARK_REACH 3 /* glyphs looked at on each side of a mark */
#define NO_BASE SIZE_MAX

static bool is_break(uint32_t cp) { return cp == '\n' || cp == '\r'; }

static bool finite_box(const vn_pdf_glyph *g)
{
    return isfinite(g->x0) && isfinite(g->x1) && isfinite(g->y0) && isfinite(g->y1);
}

/* m is drawn in t's box: a glyph of text as wide, at the same place, off its line by less
 * than half a line. */
static bool drawn_in(const vn_pdf_glyph *t, const vn_pdf_glyph *m)
{
    float h = t->y1 - t->y0, slack = 0.05f * h;
    return !is_gap(t->cp) && !vn_cp_is_mark((int32_t)t->cp) && h > 0 && finite_box(t) &&
           fabsf(t->x0 - m->x0) <= slack && fabsf(t->x1 - m->x1) <= slack && fabsf(t->y0 - m->y0) < h / 2 &&
           fabsf(t->y1 - m->y1) < h / 2;
}

/* m stands off the line of t by more than the slack of one line's boxes. */
static bool raised_off(const vn_pdf_glyph *t, const vn_pdf_glyph *m)
{
    return !(fabsf(t->y0 - m->y0) <= 0.05f * (t->y1 - t->y0));
}

/* A vowel of the alphabet, with its hat or horn (â, ơ, ư ...) or not. */
static bool is_vowel(uint32_t cp)
{
    utf8proc_int32_t d[4];
    utf8proc_ssize_t n =
        cp <= 0x10FFFF ? utf8proc_decompose_char((utf8proc_int32_t)cp, d, 4, UTF8PROC_DECOMPOSE, NULL) : 0;
    return n > 0 && d[0] < 0x80 && strchr("aeiouyAEIOUY", (int)d[0]) != NULL;
}

/* Whether the letter before glyph i (marks skipped) is a vowel. */
static bool vowel_before(const vn_pdf_glyph *g, size_t i)
{
    while (i > 0 && vn_cp_is_mark((int32_t)g[i - 1].cp))
        i--;
    return i > 0 && is_vowel(g[i - 1].cp);
}

/* The glyph after the mark at i, past breaks, that bears it; NO_BASE when none. */
static size_t base_after(const vn_pdf_glyph *g, size_t n, size_t i)
{
    bool parted = false;
    for (size_t k = i + 1; k < n && k <= i + MARK_REACH; k++) {
        if (is_break(g[k].cp)) {
            parted = true;
            continue;
        }
        bool bears = drawn_in(&g[k], &g[i]) && (raised_off(&g[k], &g[i]) || (parted && !vowel_before(g, i)));
        return bears ? k : NO_BASE;
    }
    return NO_BASE;
}

/* The mark at i stands off the line of the glyphs of text around it. */
static bool off_its_line(const vn_pdf_glyph *g, size_t n, size_t i)
{
    size_t k = i;
    while (k > 0 && i - k < MARK_REACH && (is_gap(g[k - 1].cp) || vn_cp_is_mark((int32_t)g[k - 1].cp)))
        k--;
    if (k > 0 && !is_gap(g[k - 1].cp) && !raised_off(&g[k - 1], &g[i]))
        return false;
    k = i + 1;
    while (k < n && k - i <= MARK_REACH && (is_gap(g[k].cp) || vn_cp_is_mark((int32_t)g[k].cp)))
        k++;
    return !(k < n && !is_gap(g[k].cp) && !raised_off(&g[k], &g[i]));
}

typedef struct mark_move {
    size_t base, mark;
} mark_move;

static int cmp_move(const void *a, const void *b)
{
    const mark_move *p = a, *q = b;
    if (p->base != q->base)
        return p->base < q->base ? -1 : 1;
    return p->mark < q->mark ? -1 : p->mark > q->mark;
}

/* The glyph of the page whose box the mark m is drawn in, the nearest in height: looked up
 * among the glyphs sorted by their left edge (by_x, nx of them); NO_BASE when none. */
static size_t base_on_page(const vn_pdf_glyph *g, const sort_key *by_x, size_t nx, const vn_pdf_glyph *m)
{
    float slack = 0.05f * (m->y1 - m->y0);
    size_t lo = 0, hi = nx;
    while (lo < hi) { /* the first at m->x0 - slack or right of it */
        size_t mid = lo + (hi - lo) / 2;
        if (by_x[mid].a < m->x0 - slack)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t best = NO_BASE;
    for (size_t k = lo; k < nx && by_x[k].a <= m->x0 + slack; k++) {
        const vn_pdf_glyph *t = &g[by_x[k].i];
        if (drawn_in(t, m) && raised_off(t, m) &&
            (best == NO_BASE || fabsf(t->y0 - m->y0) < fabsf(g[best].y0 - m->y0)))
            best = by_x[k].i;
    }
    return best;
}

size_t vn_pdf_settle_marks(vn_pdf_glyph *g, size_t n)
{
    mark_move *moves = NULL;
    size_t nmoves = 0, cap = 0, nx = 0;
    sort_key *by_x = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!vn_cp_is_mark((int32_t)g[i].cp) || !finite_box(&g[i]) || !(g[i].y1 > g[i].y0))
            continue;
        size_t base = base_after(g, n, i);
        if (base == NO_BASE && off_its_line(g, n, i)) {
            if (!by_x) { /* the page's glyphs of text by their left edge, once */
                by_x = vn_xmalloc(n * sizeof *by_x);
                for (size_t k = 0; k < n; k++)
                    if (!is_gap(g[k].cp) && !vn_cp_is_mark((int32_t)g[k].cp) && finite_box(&g[k]))
                        by_x[nx].a = g[k].x0, by_x[nx].b = 0, by_x[nx].i = (uint32_t)k, nx++;
                qsort(by_x, nx, sizeof *by_x, vn_pdf_cmp_key);
            }
            base = base_on_page(g, by_x, nx, &g[i]);
        }
        if (base != NO_BASE) {
            moves = vn_grow(moves, &cap, nmoves, 1, sizeof *moves);
            moves[nmoves++] = (mark_move){base, i};
        }
    }
    free(by_x);
    if (!nmoves)
        return n;
    /* the page again, each moved mark after its glyph, on its line; the breaks that parted
       a mark from the glyph after it go */
    qsort(moves, nmoves, sizeof *moves, cmp_move);
    vn_pdf_glyph *src = vn_xmalloc(n * sizeof *src);
    memcpy(src, g, n * sizeof *src);
    uint8_t *moved = vn_xcalloc(n, 1);
    for (size_t k = 0; k < nmoves; k++) {
        size_t j = moves[k].mark + 1;
        moved[moves[k].mark] = 1;
        while (j < moves[k].base && is_break(src[j].cp))
            j++;
        for (size_t b = moves[k].mark + 1; j == moves[k].base && b < j; b++)
            moved[b] = 1; /* only breaks parted it from its glyph */
    }
    size_t w = 0, next = 0;
    for (size_t i = 0; i < n; i++) {
        if (!moved[i])
            g[w++] = src[i];
        for (; next < nmoves && moves[next].base == i; next++) {
            vn_pdf_glyph m = src[moves[next].mark];
            m.y0 = src[i].y0, m.y1 = src[i].y1, m.font = src[i].font;
            g[w++] = m;
        }
    }
    free(moved);
    free(src);
    free(moves);
    return w;
}
