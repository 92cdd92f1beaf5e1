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

#include <math.h>

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
