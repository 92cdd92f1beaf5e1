/* pdf_rows.c — where a two-column layout's rows start (the header's issuer |
 * motto, then number | place and date; the closing read as one row): from
 * the heights its cells' lines start at, the steps between them, and the
 * middles cells centred in their height share.  pdf_columns.c finds the
 * layouts and writes their cells; see pdf_layout.c for how a page is read. */
#include "pdf_page.h"
#include "utf8.h"

#include <math.h>

/* The top and foot of segment s: those of most of its glyphs.  A letter
 * from a fallback font (one the text's font lacks: "ồ" in DejaVu Sans among
 * Liberation Serif) has its own font's ascent and descent, a box up to a
 * point taller, and would set two cells that start at one height apart. */
static void seg_extent(const page_ctx *P, const seg *s, float *top, float *bottom)
{
    uint32_t best = 0;
    *top = 1e9f, *bottom = -1e9f;
    for (uint32_t j = s->w0; j < s->w1; j++) {
        const word *w = &P->w[P->order[j]];
        for (uint32_t g = w->g0; g < w->g1; g++) {
            uint32_t same = 0;
            for (uint32_t k = w->g0; k < w->g1 && same <= best; k++)
                same += fabsf(P->g[k].y0 - P->g[g].y0) < 0.05f && fabsf(P->g[k].y1 - P->g[g].y1) < 0.05f;
            if (same > best)
                best = same, *top = P->g[g].y0, *bottom = P->g[g].y1;
        }
    }
    if (!best)
        for (uint32_t j = s->w0; j < s->w1; j++)
            *top = fminf(*top, P->w[P->order[j]].y0), *bottom = fmaxf(*bottom, P->w[P->order[j]].y1);
}

/* Whether segment s overlaps in height some line of column `side` in
 * [from, to). */
static bool beside_any(const page_ctx *P, size_t from, size_t to, int side, const seg *s)
{
    float t, b;
    seg_extent(P, s, &t, &b);
    for (size_t j = from; j < to; j++) {
        const seg *o = vn_pdf_side_seg(P, &P->l[j], side);
        float u, v;
        if (!o)
            continue;
        seg_extent(P, o, &u, &v);
        if (fminf(b, v) - fmaxf(t, u) > LINE_OVERLAP * 0.5f * fminf(b - t, v - u))
            return true;
    }
    return false;
}

/* Columns set alike also go apart where one of them has a line beside
 * nothing in the other (a motto's second line beside a one-line issuer,
 * the issuer's column left blank there): then the layout's last line, of
 * both columns, each starting a paragraph ("Số: …" | "Hà Nội, ngày …", at
 * most one line of one column under it), is a row of its own.  Only the
 * last line: in the closing, the signer's name beside a recipient after
 * the space left for the signature is no row. */
static bool apart_by_gap(const page_ctx *P, size_t first, size_t k, size_t end)
{
    if (k + 2 < end)
        return false;
    for (int side = 0; side < 2; side++) {
        const seg *s = &P->s[P->l[k].s0 + (uint32_t)side];
        if (vn_cp_is_lower((int32_t)P->g[P->w[P->order[s->w0]].g0].cp))
            return false;
    }
    for (size_t j = first + 1; j < k; j++) {
        const pline *a = &P->l[j];
        if (a->ns == 1 && !beside_any(P, first, end, !a->side, &P->s[a->s0]))
            return true;
    }
    /* or every line is one of both columns, and the last one steps down
     * from the line above further than any line above did, by a row's
     * padding (ROW_PAD_EM): the cells' paragraphs above are one row's
     * ("ỦY BAN NHÂN DÂN" / "HUYỆN …" beside the motto and its slogan, a
     * paragraph's gap apart), the last line the next row's */
    float step = 0;
    for (size_t j = first + 1; j < k; j++) {
        if (P->l[j].ns != 2 || P->l[j - 1].ns != 2)
            return false;
        step = fmaxf(step, P->l[j].base - P->l[j - 1].base);
    }
    return step > 0 && P->l[k - 1].ns == 2 && P->l[k].base - P->l[k - 1].base > step + ROW_PAD_EM * P->l[k].h;
}

/* The left cell's text of line k goes on from the left column's line above
 * it: that line ends with a hyphen after a letter ("• Các trường THPT, TT
 * GDNN-" / "GDTX;"), or this one opens in lower case.  Such a line goes on
 * with its cell though the right column's next line beside it (the signer's
 * name, centred low in its cell) starts at its height. */
static bool goes_on_left(const page_ctx *P, size_t first, size_t k)
{
    const seg *s = &P->s[P->l[k].s0];
    if (vn_cp_is_lower((int32_t)P->g[P->w[P->order[s->w0]].g0].cp))
        return true;
    for (size_t j = k; j-- > first;) {
        const pline *a = &P->l[j];
        const seg *up = vn_pdf_side_seg(P, a, 0);
        if (!up)
            continue;
        const word *w = &P->w[P->order[up->w1 - 1]];
        uint32_t last = P->g[w->g1 - 1].cp;
        return last == '-' && w->g1 - w->g0 >= 2 && vn_cp_is_letter((int32_t)P->g[w->g1 - 2].cp);
    }
    return false;
}

/* The top of column `side`'s first line in [from, to) and the foot of its
 * last (each segment's own, not its line's: a line may hold two cells' lines
 * half a line apart); false when the column has no line there. */
static bool column_span(const page_ctx *P, size_t from, size_t to, int side, float *top, float *bottom)
{
    bool any = false;
    for (size_t j = from; j < to; j++) {
        const seg *s = vn_pdf_side_seg(P, &P->l[j], side);
        float t, b;
        if (!s)
            continue;
        seg_extent(P, s, &t, &b);
        *top = any ? fminf(*top, t) : t, *bottom = any ? fmaxf(*bottom, b) : b;
        any = true;
    }
    return any;
}

/* Lines [from, to) as one row of cells centred in their height: both
 * columns have lines there, and their middles meet (within ALIGN_PT), the
 * shorter cell standing lower by half what it lacks.  *tops_apart says
 * whether the two cells' first lines stand at two heights, further apart
 * than a row's padding: two fonts' glyph boxes set cells that start
 * together 0.65 pt apart ("BỘ GIÁO DỤC …" beside "CỘNG HÒA …"). */
static bool centred_together(const page_ctx *P, size_t from, size_t to, bool *tops_apart)
{
    float t0, b0, t1, b1;
    if (!column_span(P, from, to, 0, &t0, &b0) || !column_span(P, from, to, 1, &t1, &b1))
        return false;
    if (tops_apart)
        *tops_apart = fabsf(t0 - t1) > ROW_PAD_EM * P->l[from].h;
    return fabsf((t0 + b0) - (t1 + b1)) / 2 <= ALIGN_PT;
}

/* Lines [first, end) are one row of centred cells: the columns start at two
 * heights and centre on one middle ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" over the
 * issuer's first line, "tháng 7" under "Số: …", six lines beside six).  Its
 * cells' lines meet at one height by chance where their steps do (an
 * issuer's lines 18 pt apart, wrapped, beside a motto's paragraphs 30 pt
 * apart: "TRỊ" beside "VIỆT NAM") and prove no row there. */
static bool one_centred_row(const page_ctx *P, size_t first, size_t end)
{
    bool apart = false;
    return centred_together(P, first, end, &apart) && apart;
}

/* Line k parts the layout [first, end) into two rows of centred cells:
 * each part's columns centre on a middle of their own, and the whole's do
 * not (issuer | motto, their lines side by side, then "Số: …" centred
 * beside the two lines of "Lai Châu, ngày … năm" / "2025").  Columns set
 * alike centre on one middle whatever their rows: then this proves
 * nothing. */
static bool rows_centred_apart(const page_ctx *P, size_t first, size_t k, size_t end)
{
    return centred_together(P, first, k, NULL) && centred_together(P, k, end, NULL) &&
           !centred_together(P, first, end, NULL);
}

/* Line k's two cells' lines each go on from their own column's line right
 * above: two type sizes (glyph boxes of heights further apart than
 * ROW_ALIGN_PT), each its column's line above's, whose foot its top touches
 * (within ROW_ALIGN_PT), no padding between, as one paragraph's lines do.
 * An issuer in 13 pt beside a motto in 12 pt, each wrapped and centred in
 * one row, steps its lines 17.1 and 15.9 pt: their second lines' tops meet
 * by chance ("SUỐI HÒA THỊNH" beside "Độc lập - Tự do - Hạnh phúc"), which
 * proves no row.  A row's cells in one size start under the row above
 * touching it in both columns ("Số: …" | "Cẩm Lệ, ngày …" under a line of
 * two rules): that one size proves nothing, and the row stands. */
static bool cells_go_on(const page_ctx *P, size_t first, size_t k)
{
    float h[2];
    for (int side = 0; side < 2; side++) {
        const seg *up = NULL;
        for (size_t j = k; j-- > first && !up;)
            up = vn_pdf_side_seg(P, &P->l[j], side);
        if (!up)
            return false;
        float t, b, u, v;
        seg_extent(P, up, &t, &b);
        seg_extent(P, &P->s[P->l[k].s0 + (uint32_t)side], &u, &v);
        h[side] = v - u;
        if (fabsf(u - b) > ROW_ALIGN_PT || fabsf((v - u) - (b - t)) > ROW_ALIGN_PT)
            return false;
    }
    return fabsf(h[0] - h[1]) > ROW_ALIGN_PT;
}

/* The two rules of line r stand each under its column's text: no column's
 * line above is a rule too.  A text table's border kept as text and cut at
 * the cell's edge ("+------------------------------------" over
 * "---------+", pandoc's grid tables in a header's cell) goes on over its
 * pieces: its last piece beside the motto's rule ends no row. */
static bool rules_under_text(const page_ctx *P, size_t first, size_t r)
{
    for (int side = 0; side < 2; side++)
        for (size_t j = r; j-- > first;) {
            const seg *s = vn_pdf_side_seg(P, &P->l[j], side);
            if (!s)
                continue;
            if (vn_pdf_seg_is_rule(P, s))
                return false;
            break;
        }
    return true;
}

/* Line k starts a new row of the two-column table that starts at line
 * `first`, whose current row starts at `from`: the two cells of a
 * row start at one height, under everything in the row above.  Lines side by
 * side at one height prove nothing when the two columns are set alike (every
 * line pair lines up); the proof is that the columns went apart above (a
 * motto in other type than the issuer) and meet again here. */
static bool starts_row(const page_ctx *P, size_t first, size_t from, size_t k, size_t end)
{
    const pline *l = &P->l[k];
    /* a line of one column right under a line of two rules: the rules
     * ended the row, and the cells of the next are centred at two heights
     * (the two lines of "Thái Nguyên, ngày …" with "Số: …" between) */
    const pline *over = &P->l[k - 1];
    if (l->ns == 1 && over->ns == 2 && vn_pdf_seg_is_rule(P, &P->s[over->s0]) &&
        vn_pdf_seg_is_rule(P, &P->s[over->s0 + 1]) && !vn_pdf_seg_is_rule(P, &P->s[l->s0]) &&
        l->y0 >= over->y1 - ROW_ALIGN_PT)
        return true;
    if (l->ns != 2 || goes_on_left(P, first, k))
        return false;
    /* a row started above holds a line of each column before the next
     * starts: under a row of centred cells whose left cell's first line
     * opens it alone ("———" over "____" beside the place and date centred
     * on them), the cells' lines meeting at one height prove no row */
    if (from > first) {
        bool sides[2] = {false, false};
        for (size_t j = from; j < k; j++)
            for (int side = 0; side < 2; side++)
                sides[side] = sides[side] || vn_pdf_side_seg(P, &P->l[j], side);
        if (!sides[0] || !sides[1])
            return false;
    }
    float t0, b0, t1, b1;
    seg_extent(P, &P->s[l->s0], &t0, &b0);
    seg_extent(P, &P->s[l->s0 + 1], &t1, &b1);
    const pline *up = &P->l[k - 1];
    bool under_rules = up->ns == 2 && vn_pdf_seg_is_rule(P, &P->s[up->s0]) &&
                       vn_pdf_seg_is_rule(P, &P->s[up->s0 + 1]) && rules_under_text(P, first, k - 1);
    /* ... or of two, its cells' tops apart */
    if ((fabsf(t0 - t1) > ROW_ALIGN_PT && !under_rules) || cells_go_on(P, first, k))
        return false;
    bool apart = false;
    for (size_t j = first; j < k; j++) {
        const pline *a = &P->l[j];
        for (uint32_t s = a->s0; s < a->s0 + a->ns && j >= from; s++) {
            float t, b;
            seg_extent(P, &P->s[s], &t, &b);
            if (b > fminf(t0, t1) + ROW_ALIGN_PT)
                return false; /* beside a line of the row above */
        }
        if (a->ns == 2) {
            float u0, v0, u1, v1;
            seg_extent(P, &P->s[a->s0], &u0, &v0);
            seg_extent(P, &P->s[a->s0 + 1], &u1, &v1);
            apart = apart || fabsf(u0 - u1) > ROW_ALIGN_PT;
        }
    }
    apart = apart && !one_centred_row(P, first, end);
    /* a line of two rules, one under each column's text ("-------" under
     * the issuer, "--------------" under the motto), ends its row: the line
     * under it starts the next.  Set as a row of its own, it stands further
     * below the line above than the rows' lines stand apart (the cells'
     * padding), and starts a row itself. */
    bool rules = under_rules;
    if (!rules && k > first + 1 && vn_pdf_seg_is_rule(P, &P->s[l->s0]) &&
        vn_pdf_seg_is_rule(P, &P->s[l->s0 + 1])) {
        float step = 0;
        for (size_t j = first + 1; j < k; j++)
            step = fmaxf(step, P->l[j].base - P->l[j - 1].base);
        rules = l->base - up->base > step + ROW_PAD_EM * l->h;
    }
    return apart || apart_by_gap(P, first, k, end) || rules;
}

/* Line k, of one column only, starts a row of its own in a table already
 * seen to be read row by row: it is the layout's last line, right under a
 * line of both columns that started a row, and under every line of the
 * other column — the other cell of its row is empty ("[pic]" under the
 * number, beside nothing under the place and date).  A rule goes on with
 * the cell above it, and a line under a line of one column only may be the
 * same cell's next paragraph: neither proves a row. */
static bool starts_lone_row(const page_ctx *P, size_t from, size_t k, size_t end)
{
    const pline *l = &P->l[k];
    if (l->ns != 1 || k + 1 != end || k != from + 1 || P->l[from].ns != 2 ||
        vn_pdf_seg_is_rule(P, &P->s[l->s0]))
        return false;
    float top, bottom, t, b;
    seg_extent(P, &P->s[l->s0], &top, &bottom);
    seg_extent(P, vn_pdf_side_seg(P, &P->l[from], !l->side), &t, &b);
    return b <= top + ROW_ALIGN_PT;
}

/* Less than a blank line may part two rows of centred cells: then each
 * column's first line of the new row, from line k on ("Thanh Hóa, ngày …"
 * and, centred lower beside its two lines, "Số: …"), stands further below
 * that column's line above than any line of either column above stands
 * below the one before it, by a row's padding — a cell's paragraphs ("VIỆT
 * NAM" over "Độc lập …") step less —, and than a blank line would when no
 * such paragraph's gap stands above.  The signer's name under the signature's
 * space has no line of the other column after it and proves no row. */
static bool apart_in_columns(const page_ctx *P, size_t first, size_t k, size_t end)
{
    float widest = 0, last[2] = {NAN, NAN}, below[2] = {NAN, NAN};
    for (size_t j = first; j < end; j++)
        for (int side = 0; side < 2; side++) {
            const seg *s = vn_pdf_side_seg(P, &P->l[j], side);
            if (!s)
                continue;
            /* each cell's line from its own baseline: a line of two
             * segments may hold two cells' lines half a line apart */
            float base = vn_pdf_seg_base(P, s, P->l[j].h);
            if (j < k) {
                if (!isnan(last[side]))
                    widest = fmaxf(widest, base - last[side]);
                last[side] = base;
            } else if (isnan(below[side])) {
                below[side] = base - last[side];
            }
        }
    /* the cells' paragraph gap, when one stands above, is the measure;
     * else nothing shows how far a cell's next paragraph would stand, and
     * only a blank line's distance proves a row, or the cells above and
     * under k each centred on a middle of their own (a cell's paragraph
     * 30 pt under its line, a row 34.5 pt: Chromium's and WeasyPrint's
     * header of two rows whose first has no paragraph gap) */
    float want = widest + ROW_PAD_EM * P->l[k].h;
    if (widest <= PARA_PITCH * P->pitch && !rows_centred_apart(P, first, k, end))
        want = fmaxf(want, ROW_GAP_PITCHES * P->pitch);
    /* NAN compares false: a column with no line above or under gives none */
    return widest > 0 && below[0] > want && below[1] > want;
}

/* Line k starts a row because it stands further below the line above than
 * any line of the layout above stands below the one before it, by a row's
 * padding (ROW_PAD_EM), and further than a blank line would set it
 * (ROW_GAP_PITCHES: not a cell's next paragraph), and under every line of
 * the current row: cells centred in their rows put a row's lines at any
 * height, its first line in either column ("Nghệ An, ngày …" above "Số: …"
 * beside it). */
static bool starts_row_by_step(const page_ctx *P, size_t first, size_t from, size_t k, size_t end)
{
    if (k < first + 2)
        return false;
    float step = 0;
    for (size_t j = first + 1; j < k; j++)
        step = fmaxf(step, P->l[j].base - P->l[j - 1].base);
    /* measured column by column when the columns show it: a line of two
     * cells' lines half a line apart has the lower one's baseline, and the
     * steps between the layout's lines say little */
    const pline *l = &P->l[k];
    if (!apart_in_columns(P, first, k, end) &&
        l->base - P->l[k - 1].base <= fmaxf(step + ROW_PAD_EM * l->h, ROW_GAP_PITCHES * P->pitch))
        return false;
    for (size_t j = from; j < k; j++)
        if (P->l[j].y1 > l->y0 + ROW_ALIGN_PT)
            return false;
    return true;
}

/* Line k starts a row of centred cells: the current row's lines, [from,
 * k), centre on a middle of their own in both columns, the lines from k on
 * on another, the whole's columns not, and k stands under every line of the
 * current row.  A header whose issuer and motto each wrap in two lines, then
 * "Số: …" centred beside the two lines of "Lai Châu, ngày … năm" / "2025"
 * (the place's first line a line under the motto, the number a half line
 * lower), shows its second row so and by nothing else: its cells' lines
 * touch the lines above, a blank line nowhere between. */
static bool starts_centred_row(const page_ctx *P, size_t from, size_t k, size_t end)
{
    /* cells set from the top start at one height, and a row of them, its
     * cells of one height, centres on one middle whatever its rows (a
     * closing's first three lines beside the capacity's three): the current
     * row's columns start at two heights, centred or in two sizes */
    float t0, b0, t1, b1;
    if (!column_span(P, from, k, 0, &t0, &b0) || !column_span(P, from, k, 1, &t1, &b1) ||
        fabsf(t0 - t1) <= ROW_ALIGN_PT || !rows_centred_apart(P, from, k, end))
        return false;
    /* a row's cells open with their words' first letters: a column going
     * on in lower case goes on its cell (a recipient wrapped, "- Ban Chỉ
     * đạo … phát" / "triển KHCN …") */
    for (int side = 0; side < 2; side++)
        for (size_t j = k; j < end; j++) {
            const seg *s = vn_pdf_side_seg(P, &P->l[j], side);
            if (!s)
                continue;
            if (vn_cp_is_lower((int32_t)P->g[P->w[P->order[s->w0]].g0].cp))
                return false;
            break;
        }
    for (size_t j = from; j < k; j++)
        if (P->l[j].y1 > P->l[k].y0 + ROW_ALIGN_PT)
            return false;
    return true;
}

/* Line k starts a new row of the layout [first, end), whose current row
 * starts at `from` and is row `row`: by the rules above, each an argument
 * about how a row of cells stands on the page. */
bool vn_pdf_starts_row(const page_ctx *P, size_t first, size_t from, size_t k, size_t end, uint16_t row)
{
    return starts_row(P, first, from, k, end) || starts_row_by_step(P, first, from, k, end) ||
           starts_centred_row(P, from, k, end) || (row > 1 && starts_lone_row(P, from, k, end));
}
