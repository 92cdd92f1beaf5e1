/* pdf_columns.c — the blocks of a page that are laid out in columns: the
 * two-column layouts of the header and the closing (written cell by cell,
 * the left column first), and data tables (written as pdftotext -layout
 * writes them).  See pdf_layout.c for how a page is read. */
#include "pdf_page.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CELL_FILL 0.95f /* a word this share of its column's width fills it */

/* A data table: written as pdftotext -layout writes one, each cell at the
 * column its left edge is at, so that lines.c reads its rows and cells. */
void vn_pdf_add_table_line(vn_pdf_layout *L, const page_ctx *P, uint32_t page, const pline *l, bool first)
{
    vn_pdf_line *o = &VN_PUSH(L->lines, L->nlines, L->caplines);
    memset(o, 0, sizeof *o);
    o->off = (uint32_t)L->text.len;
    size_t pos = 0;
    float cw = TABLE_CHAR_EM * P->H;
    for (uint32_t s = l->s0; s < l->s0 + l->ns; s++) {
        const seg *sg = &P->s[s];
        float c = (sg->x0 - P->left) / cw;
        size_t col = c > 0 && c < 1000 ? (size_t)c : 0;
        size_t pad = s == l->s0 ? col : (col > pos + 3 ? col - pos : 3);
        for (size_t i = 0; i < pad; i++)
            vn_buf_putc(&L->text, ' ');
        rendered r;
        vn_pdf_render(P, l, sg->w0, sg->w1, false, &L->text, &r);
        pos += pad + r.chars;
    }
    o->len = (uint32_t)(L->text.len - o->off);
    o->page = page, o->kind = K_TABLE, o->starts_block = first;
    o->x0 = l->x0, o->x1 = l->x1, o->top = l->y0, o->bottom = l->base, o->h = l->h;
    o->left = P->left, o->right = P->right, o->pitch = P->pitch;
    o->table = (uint16_t)(L->tables > UINT16_MAX ? UINT16_MAX : L->tables);
}

static float seg_cx(const seg *s) { return (s->x0 + s->x1) / 2; }

/* The segment of line l on side `side` (0 left, 1 right) of a column layout. */
const seg *vn_pdf_side_seg(const page_ctx *P, const pline *l, int side)
{
    if (l->ns == 2)
        return &P->s[l->s0 + (uint32_t)side];
    return l->side == side ? &P->s[l->s0] : NULL;
}

/* Whether segment s lines up with a line already in its column: the same
 * centre (a centred column) or the same left edge. */
static bool lines_up(const page_ctx *P, size_t from, size_t to, int side, const seg *s, float h)
{
    /* a column whose lines start at one place (recipients) is left-aligned:
     * only that place counts, a centre matching by chance does not */
    const seg *first = NULL;
    size_t same_start = 0, members = 0;
    for (size_t i = from; i < to; i++) {
        const seg *m = vn_pdf_side_seg(P, &P->l[i], side);
        if (!m)
            continue;
        if (!first)
            first = m;
        members++;
        same_start += fabsf(m->x0 - first->x0) <= 2 * ALIGN_PT;
    }
    bool left_aligned = members >= 3 && same_start * 4 >= members * 3;
    if (left_aligned)
        return fabsf(first->x0 - s->x0) <= 2 * ALIGN_PT;
    for (size_t i = from; i < to; i++) {
        const seg *m = vn_pdf_side_seg(P, &P->l[i], side);
        /* in the column's type too: a heading in larger type under the
         * recipients ("PHỤ LỤC") is none of them */
        if (m && fabsf(m->h - s->h) <= SAME_SIZE * s->h &&
            (fabsf(seg_cx(m) - seg_cx(s)) <= COLUMN_ALIGN_EM * h || fabsf(m->x0 - s->x0) <= COLUMN_ALIGN_EM * h))
            return true;
    }
    return false;
}

/* A heading's number set apart from its title by a TAB ("I.<TAB>MỤC
 * ĐÍCH", "1.<TAB>Mục đích", "1.1.<TAB>…"): the line's left segment is one
 * short word, a number (Arabic, Roman, or a letter) ending in "." or ")".
 * Word prints consecutive headings so, their titles at the same tab stop:
 * the gap persists over several lines as a gutter does, but what stands
 * left of it is a list number, narrower than any column's text. */
#define TAB_MARKER_EM 3.0f /* at most this many line heights wide */
#define TAB_MARKER_CPS 8   /* "1.1.1.1." */

static bool tab_marker_line(const page_ctx *P, const pline *l)
{
    if (l->ns != 2)
        return false;
    const seg *s = &P->s[l->s0];
    if (s->w1 != s->w0 + 1 || s->x1 - s->x0 > TAB_MARKER_EM * l->h)
        return false;
    const word *w = &P->w[P->order[s->w0]];
    uint32_t n = 0, last = 0, digits = 0, romans = 0, letters = 0;
    for (uint32_t i = w->g0; i < w->g1; i++) {
        uint32_t c = P->g[i].cp;
        if (c == ' ' || c == 0xA0 || c == '\t')
            continue;
        if (++n > TAB_MARKER_CPS)
            return false;
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == 'I' || c == 'V' || c == 'X' || c == 'L')
            romans++;
        else if (vn_cp_is_lower((int32_t)c))
            letters++;
        else if (c != '.' && c != ')')
            return false;
        last = c;
    }
    /* one kind of number: "1.2." or "IV." or "a)" */
    bool one_kind = (digits > 0) + (romans > 0) + (letters > 0) == 1 && letters <= 1;
    return one_kind && (last == '.' || last == ')');
}

/* Splits line l into two segments before its word that starts at x, the
 * left edge every line of a layout's right column starts at, when a gap
 * wider than a space stands before it: the signer's name beside a
 * recipient's line long enough to close the gutter up ("- Các trường học
 * trên địa bàn" | "Lê Thị Thu Hà").  Returns whether it did. */
#define COLUMN_SPLIT_EM 0.4f /* wider than a space of justified text beside it (0.2-0.3) */

static bool split_at_column(page_ctx *P, pline *l, float x)
{
    if (l->ns != 1 || l->w1 - l->w0 < 2)
        return false;
    uint32_t at = 0;
    for (uint32_t j = l->w0 + 1; j < l->w1 && !at; j++) {
        const word *a = &P->w[P->order[j - 1]], *b = &P->w[P->order[j]];
        if (fabsf(b->x0 - x) <= ALIGN_PT && b->x0 - a->x1 >= COLUMN_SPLIT_EM * l->h)
            at = j;
    }
    if (!at)
        return false;
    size_t cap = P->ns;
    P->s = vn_grow(P->s, &cap, P->ns, 2, sizeof *P->s);
    seg *a = &P->s[P->ns], *b = a + 1;
    a->w0 = l->w0, a->w1 = at, b->w0 = at, b->w1 = l->w1;
    a->x0 = P->w[P->order[l->w0]].x0, b->x0 = P->w[P->order[at]].x0;
    a->x1 = a->x0, b->x1 = b->x0, a->h = b->h = 0;
    for (uint32_t j = l->w0; j < l->w1; j++) {
        const word *w = &P->w[P->order[j]];
        seg *t = j < at ? a : b;
        t->x1 = fmaxf(t->x1, w->x1), t->h = fmaxf(t->h, w->y1 - w->y0);
    }
    l->s0 = (uint32_t)P->ns;
    l->ns = 2;
    P->ns += 2;
    return true;
}

/* The widest step between two lines of one column, side `side`, in lines
 * [from, to), each from its own baseline: the spacing of that cell's
 * paragraphs (each recipient a paragraph of its own). */
static float column_step(const page_ctx *P, size_t from, size_t to, int side)
{
    float widest = 0, last = NAN;
    for (size_t k = from; k < to; k++) {
        const seg *s = vn_pdf_side_seg(P, &P->l[k], side);
        if (!s)
            continue;
        float base = vn_pdf_seg_base(P, s, P->l[k].h);
        if (!isnan(last))
            widest = fmaxf(widest, base - last);
        last = base;
    }
    return widest;
}

/* The lines a two-column layout starting at line i (two segments) would
 * take, [i, end), and how many of them have two segments. */
static size_t column_extent(page_ctx *P, size_t i, size_t foot, size_t *gapped_out)
{
    pline *first = &P->l[i];
    float lo = P->s[first->s0].x1, hi = P->s[first->s0 + 1].x0;
    size_t last_gapped = i, gapped = 1, j;
    float prev_base = first->base;
    /* where the right column's lines start, while they all start at one place */
    float right_x = P->s[first->s0 + 1].x0;
    bool right_aligned = true;
    for (j = i + 1; j < foot; j++) {
        pline *l = &P->l[j];
        if (l->base - prev_base > COLUMN_GAP_PITCHES * P->pitch)
            break;
        if (tab_marker_line(P, l))
            break;
        if (l->ns == 1 && right_aligned && P->s[l->s0].x0 < lo && P->s[l->s0].x1 > hi)
            (void)split_at_column(P, l, right_x);
        if (l->ns == 2) {
            if (fabsf(P->s[l->s0 + 1].x0 - right_x) > ALIGN_PT)
                right_aligned = false;
            float nlo = fmaxf(lo, P->s[l->s0].x1), nhi = fminf(hi, P->s[l->s0 + 1].x0);
            if (nhi < nlo)
                break;
            lo = nlo, hi = nhi, last_gapped = j, gapped++;
        } else if (l->ns == 1) {
            const seg *s = &P->s[l->s0];
            bool left = s->x1 <= hi, right = s->x0 >= lo;
            if (left && right)
                left = seg_cx(s) < (lo + hi) / 2, right = !left;
            if (!left && !right)
                break;
            if (right && fabsf(s->x0 - right_x) > ALIGN_PT)
                right_aligned = false;
            l->side = right;
        } else {
            break;
        }
        prev_base = l->base;
    }
    /* one-sided lines under the last two-column line belong to the layout
     * only if they line up with their column (the signer's name under the
     * signature; not the title that follows a header) */
    P->gutter = (lo + hi) / 2;
    P->gutter_lo = lo, P->gutter_hi = hi;
    size_t end = last_gapped + 1;
    /* ... and stand no further below than a line's spacing — or than the
     * layout's own lines do from each other, when its cells are paragraphs
     * apart (each recipient a paragraph of its own) */
    float trail = COLUMN_TRAIL_PITCHES * P->pitch, step = 1e9f;
    for (size_t k = i + 1; k <= last_gapped; k++)
        step = fminf(step, P->l[k].base - P->l[k - 1].base);
    if (last_gapped > i)
        trail = fmaxf(trail, step + ALIGN_PT);
    /* a column's own paragraphs stand as far apart under the layout as in
     * it: a cell centred in its row beside a taller one (the signature
     * beside the recipients) leaves the taller's last lines alone under it */
    while (end < j &&
           P->l[end].base - P->l[end - 1].base <=
               fmaxf(trail, column_step(P, i, end, (int)P->l[end].side) + ALIGN_PT) &&
           lines_up(P, i, end, P->l[end].side, &P->s[P->l[end].s0], P->l[end].h))
        end++;
    *gapped_out = gapped;
    return end;
}

/* A two-column layout starting at line i (two segments): the lines it
 * takes, [i, end).  0 when there is none. */
#define LAYOUT_SIDE_LINES 2 /* lines of each column alone under a layout's one line of both */
size_t vn_pdf_column_region(page_ctx *P, size_t i, size_t foot)
{
    if (tab_marker_line(P, &P->l[i]))
        return 0;
    size_t gapped, end = column_extent(P, i, foot, &gapped);
    /* one line with a wide gap is a heading with a TAB ("III.<TAB>NHIỆM
     * VỤ"), or justified words far apart: a layout has two rows at least —
     * or, its cells set from the top each at its own spacing (paragraphs
     * spaced before and after, as Nghị định 30/2020 asks), one line of both
     * columns ("Nơi nhận: | TM. ỦY BAN NHÂN DÂN") over lines of each column
     * alone, two at least of each, every one lined up with its column, the
     * right one's centred on its first line (the recipients 30 pt apart
     * beside "CHỦ TỊCH" and the signer's name, which meet none of them at one
     * height).  A right column whose lines start where its first starts, at
     * one spacing with the left one's (a header typed as text, "CỘNG HÒA …
     * VIỆT" / "NAM" beside "XÃ VÂN PHÚ TÂY"), is left to the text's rules. */
    if (gapped == 1) {
        const seg *right = &P->s[P->l[i].s0 + 1];
        size_t sides[2] = {0, 0};
        bool centred = true;
        for (size_t k = i + 1; k < end; k++) {
            const pline *l = &P->l[k];
            sides[l->side]++;
            if (l->side == 1)
                centred = centred && fabsf(seg_cx(&P->s[l->s0]) - seg_cx(right)) <= COLUMN_ALIGN_EM * l->h;
        }
        if (centred && sides[0] >= LAYOUT_SIDE_LINES && sides[1] >= LAYOUT_SIDE_LINES)
            return end;
    }
    return gapped >= 2 ? end : 0;
}

/* A layout of one line of two segments from line i, under it only lines of
 * one column that line up with it ("Nơi nhận: | TM. ỦY BAN NHÂN DÂN" over
 * "CHỦ TỊCH"): the lines it takes, [i, end), 0 when line i starts no such
 * layout.  At a page's foot it may be the first row of the closing, which
 * the page break cut: the next page shows whether it goes on. */
size_t vn_pdf_column_first_row(page_ctx *P, size_t i, size_t foot)
{
    if (tab_marker_line(P, &P->l[i]))
        return 0;
    size_t gapped, end = column_extent(P, i, foot, &gapped);
    return gapped == 1 ? end : 0;
}

/* Lines of one column alone above a two-column layout, from line i:
 * a cell centred in its row beside a taller one ("KT. GIÁM ĐỐC" / "PHÓ GIÁM
 * ĐỐC" / the name beside six recipients) leaves the taller cell's first lines
 * with nothing beside them.  They start where the layout's left column
 * starts, end before its right column does, and follow one another no further apart
 * than the layout's lines (text above the table, at its own margin, does
 * not start there) — or, all of them, where its right column starts.  The layout with them, [i, end); 0 when line i is no such
 * line. */

size_t vn_pdf_column_lead(page_ctx *P, size_t i, size_t foot)
{
    size_t j = i;
    while (j < foot && j < i + LEAD_LINES && P->l[j].ns == 1)
        j++;
    if (j == i || j >= foot || P->l[j].ns != 2 || j + 1 >= foot)
        return 0;
    /* a data table's rows under a paragraph are no layout (the page reads
     * them as a table from line j) */
    float bounds[TABLE_MAX_BOUNDS];
    size_t nb;
    if (vn_pdf_table_region(P, j, foot, bounds, &nb))
        return 0;
    size_t end = vn_pdf_column_region(P, j, foot);
    if (!end)
        return 0;
    const seg *left = &P->s[P->l[j].s0], *right = left + 1;
    float step = P->l[j + 1].base - P->l[j].base;
    /* all of one side: the left column's, or the right column's when a
     * narrower page wraps the motto over more lines than the issuer has
     * ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" over "VIỆT NAM" beside the issuer's two
     * centred lines): they start where the right column starts, right of
     * the gutter */
    int side = fabsf(P->s[P->l[i].s0].x0 - left->x0) <= ALIGN_PT ? 0 : 1;
    /* lines of the right column may stand a line's spacing of the page
     * apart, the left cell's centred lines beside the layout's first being
     * closer; lines of the left column start at the margin, where a
     * paragraph's last line above the closing may stand as close */
    if (side == 1)
        step = fmaxf(step, P->pitch);
    /* or as far as that column's own paragraphs stand in the layout (the
     * recipients above the signature centred beside them) */
    step = fmaxf(step, column_step(P, j, end, side));
    for (size_t k = i; k < j; k++) {
        const seg *s = &P->s[P->l[k].s0];
        /* a right column set centred (the signature, in a cell centred in
         * its height: "TM. ỦY BAN NHÂN DÂN" a line above "Nơi nhận:")
         * shares its centre with the layout's first line there — words, not
         * a rule (a text table's border over the whole row), in the
         * layout's type (a running header in smaller type at the top of the
         * page may share that centre by chance) */
        bool centred = fabsf(seg_cx(s) - seg_cx(right)) <= ALIGN_PT && !vn_pdf_seg_is_rule(P, s) &&
                       fabsf(P->l[k].h - P->l[j].h) <= SAME_SIZE * P->l[j].h;
        /* a line of the right column in smaller type than that column's
         * first line in the layout is no line of it: a running header at
         * the page's top may start where the motto starts by chance */
        bool in_column = side == 0 ? fabsf(s->x0 - left->x0) <= ALIGN_PT && s->x1 <= P->gutter_hi
                                   : (fabsf(s->x0 - right->x0) <= ALIGN_PT || centred) &&
                                         s->x0 >= P->gutter_lo && s->h > (1 - SAME_SIZE) * right->h;
        if (!in_column || P->l[k + 1].base - P->l[k].base > step + ALIGN_PT)
            return 0;
    }
    for (size_t k = i; k < j; k++)
        P->l[k].side = side;
    return end;
}

/* '+': the corners of a text table's border ("+-----+-----+") */
static bool is_rule_cp(uint32_t c)
{
    return c == '-' || c == '_' || c == '=' || c == '+' || c == 0x2013 || c == 0x2014;
}

/* Text of rule characters only ("-------", "___"). */
bool vn_pdf_rule_text(const char *t, size_t n)
{
    size_t rules = 0;
    for (size_t i = 0; i < n;) {
        int32_t c = vn_utf8_next(t, n, &i);
        if (c != ' ' && !is_rule_cp((uint32_t)c))
            return false;
        rules += c != ' ';
    }
    return rules >= 2;
}

bool vn_pdf_seg_is_rule(const page_ctx *P, const seg *s)
{
    size_t rules = 0;
    for (uint32_t j = s->w0; j < s->w1; j++) {
        const word *w = &P->w[P->order[j]];
        for (uint32_t g = w->g0; g < w->g1; g++) {
            if (!is_rule_cp(P->g[g].cp))
                return false;
            rules++;
        }
    }
    return rules >= 2;
}

/* A two-column layout the page before ended in (the closing's recipients
 * and signature over a page break) goes on from line i, the first of this
 * page's text: the lines that keep to its columns — one side's, or both
 * parted across its gutter [lo, hi] — at a line's distance from each other,
 * [i, end); 0 when line i does not. */
size_t vn_pdf_column_continue(page_ctx *P, size_t i, size_t limit, float lo, float hi)
{
    size_t j;
    float prev_base = 0;
    for (j = i; j < limit; j++) {
        pline *l = &P->l[j];
        if (j > i && l->base - prev_base > COLUMN_GAP_PITCHES * P->pitch)
            break;
        if (tab_marker_line(P, l))
            break;
        /* a recipient long enough to close the gutter up beside the
         * signer's name, as on the page before (see column_extent) */
        if (l->ns == 1 && P->s[l->s0].x0 < lo && P->s[l->s0].x1 > hi)
            (void)split_at_column(P, l, hi);
        if (l->ns == 2) {
            if (P->s[l->s0].x1 > hi || P->s[l->s0 + 1].x0 < lo)
                break;
        } else if (l->ns == 1) {
            const seg *s = &P->s[l->s0];
            bool left = s->x1 <= hi, right = s->x0 >= lo;
            if (left == right)
                break; /* across the gutter, or inside it (a page number) */
            l->side = right;
        } else {
            break;
        }
        prev_base = l->base;
    }
    if (j == i)
        return 0;
    P->gutter = (lo + hi) / 2;
    P->gutter_lo = lo, P->gutter_hi = hi;
    return j;
}

/* The baseline of segment s of a line of height h: the foot of its tallest
 * words (a line of two segments may hold two cells' lines set half a line
 * apart, see merge_side_by_side). */
float vn_pdf_seg_base(const page_ctx *P, const seg *s, float h)
{
    float base = -1e9f;
    for (uint32_t j = s->w0; j < s->w1; j++) {
        const word *w = &P->w[P->order[j]];
        if (w->y1 - w->y0 >= SUPER_SIZE * h)
            base = fmaxf(base, w->y1);
    }
    return base > -1e9f ? base : P->w[P->order[s->w0]].y1;
}

/* A line all in capitals that ends with a short word of capitals and a
 * period ("TM. ỦY BAN NHÂN DÂN KT."): in a paragraph of capitals such a word
 * is an abbreviation opening the words after it (a signature's "KT.",
 * "TM.", "TL."), no sentence's end; whether the line wrapped there is then
 * a matter of width, as for any line. */
#define ABBREV_LETTERS 4

static bool ends_in_abbreviation(const char *t, size_t n)
{
    size_t i = 0, last_word = 0, letters = 0;
    int32_t c = 0;
    while (i < n) {
        c = vn_utf8_next(t, n, &i);
        if (vn_cp_is_lower(c))
            return false;
        if (c == ' ')
            last_word = i, letters = 0;
        else if (vn_cp_is_upper(c))
            letters++;
        else if (!(c == '.' && i == n))
            letters = ABBREV_LETTERS + 1; /* not a word of letters alone */
    }
    return c == '.' && last_word > 0 && letters >= 1 && letters <= ABBREV_LETTERS;
}

/* Every glyph of segment s is bold. */
static bool seg_all_bold(const page_ctx *P, const seg *s)
{
    for (uint32_t j = s->w0; j < s->w1; j++)
        for (uint32_t g = P->w[P->order[j]].g0; g < P->w[P->order[j]].g1; g++)
            if (!(P->g[g].font & VN_PDF_BOLD))
                return false;
    return true;
}

/* The marks a recipient's line opens with: "-", "+", "–", "•", "*". */
static bool opens_item(uint32_t c) { return c == '-' || c == '+' || c == 0x2013 || c == 0x2022 || c == '*'; }

/* A cell's line went on to the next because its next word did not fit in
 * the column; a line opening an item ("- Như trên;") starts anew, and so
 * does one further below than the lines' spacing (base: its baseline), a
 * paragraph's gap between ("CỘNG HÒA … VIỆT NAM" over "Độc lập - Tự do -
 * Hạnh phúc" set as two paragraphs of the cell). */
static bool wrapped_in_cell(const vn_pdf_layout *L, const vn_pdf_line *prev, const page_ctx *P, const seg *s,
                            float width, float h, float base, bool items)
{
    if (P->pitch > 0 && base - prev->bottom > PARA_PITCH * P->pitch + 1)
        return false;
    const word *w = &P->w[P->order[s->w0]];
    uint32_t c = P->g[w->g0].cp;
    /* a rule goes on only as a rule too long for the cell: a rule under
     * the issuer is no part of the number under it */
    bool prev_rule = vn_pdf_rule_text(L->text.data + prev->off, prev->len), rule = vn_pdf_seg_is_rule(P, s);
    if (prev_rule || rule)
        return prev_rule && rule && (prev->x1 - prev->x0) + 0.25f * h + (w->x1 - w->x0) > width + 0.1f * h;
    if (opens_item(c))
        return false;
    /* a paragraph keeps its type across a wrap: a line all in bold under
     * one in regular type, or the other way round, is a paragraph of its own
     * (a Sở in bold under its UBND in a narrow issuer's cell) */
    if (seg_all_bold(P, s) != ((prev->flags & VN_SRC_BOLD) != 0))
        return false;
    const char *t = L->text.data + prev->off;
    if (prev->len && (t[prev->len - 1] == '-' ||
                      (vn_pdf_ends_sentence(t, prev->len) && !ends_in_abbreviation(t, prev->len))))
        return false;
    /* a recipient's words going on: "- Thủ tướng Chính phủ (để" / "b/c);";
     * in a column of items each opened by its mark, a line with none after
     * an item that ended no sentence is that item's too, whatever its first
     * letter ("- Chủ tịch, các Phó Chủ tịch" / "UBND tỉnh;": a cell narrower
     * than margin to gutter shows, its text wrapped well before the gutter) */
    if (vn_cp_is_lower((int32_t)c) || items)
        return true;
    return (prev->x1 - prev->x0) + 0.25f * h + (w->x1 - w->x0) > width + 0.1f * h;
}

/* A cell's line that ends with a slash after a letter or digit, wrapped
 * there, goes on with no space into the next when that opens with one too,
 * as lines.c joins such lines of text: "(để b/" + "c);", "số 1002/" +
 * "QĐ-TTg" — a line breaks after a slash, where no space was typed. */
static bool slash_wrap(const vn_pdf_layout *L, const vn_pdf_line *prev, const page_ctx *P, const seg *s)
{
    const char *t = L->text.data + prev->off;
    size_t k = prev->len;
    if (k < 2 || t[k - 1] != '/')
        return false;
    k--;
    int32_t before = vn_utf8_prev(t, &k);
    uint32_t first = P->g[P->w[P->order[s->w0]].g0].cp;
    return vn_cp_is_alnum(before) && vn_cp_is_alnum((int32_t)first);
}

/* A row of a two-column layout whose gutter is narrower than WIDE_GAP_EM
 * (a motto that fills its cell beside a short issuer): next to a row of two
 * segments, a line whose words part where that row's gutter is, by
 * NARROW_GAP_EM at least, is split there too. */
void vn_pdf_split_narrow_rows(page_ctx *P, size_t foot)
{
    size_t cap = P->ns;
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t i = 0; i < foot; i++) {
            pline *l = &P->l[i];
            if (l->ns != 1 || l->w1 - l->w0 < 2)
                continue;
            for (int d = -1; d <= 1; d += 2) {
                if ((d < 0 && i == 0) || (d > 0 && i + 1 >= foot))
                    continue;
                const pline *n = &P->l[(size_t)((long)i + d)];
                if (n->ns != 2 || fabsf(n->base - l->base) > COLUMN_GAP_PITCHES * P->pitch)
                    continue;
                float lo = P->s[n->s0].x1, hi = P->s[n->s0 + 1].x0;
                uint32_t at = 0;
                for (uint32_t j = l->w0 + 1; j < l->w1 && !at; j++) {
                    const word *a = &P->w[P->order[j - 1]], *b = &P->w[P->order[j]];
                    if (b->x0 - a->x1 >= NARROW_GAP_EM * l->h && a->x1 <= hi && b->x0 >= lo)
                        at = j;
                }
                if (!at)
                    continue;
                P->s = vn_grow(P->s, &cap, P->ns, 2, sizeof *P->s);
                seg *a = &P->s[P->ns], *b = a + 1;
                a->w0 = l->w0, a->w1 = at, b->w0 = at, b->w1 = l->w1;
                a->x0 = P->w[P->order[l->w0]].x0, a->x1 = P->w[P->order[at - 1]].x1;
                b->x0 = P->w[P->order[at]].x0, b->x1 = l->x1;
                a->h = b->h = 0;
                for (uint32_t j = l->w0; j < l->w1; j++) {
                    const word *w = &P->w[P->order[j]];
                    if (j < at)
                        a->x1 = fmaxf(a->x1, w->x1), a->h = fmaxf(a->h, w->y1 - w->y0);
                    else
                        b->h = fmaxf(b->h, w->y1 - w->y0);
                }
                l->s0 = (uint32_t)P->ns;
                l->ns = 2;
                P->ns += 2;
                changed = true;
                break;
            }
        }
    }
}

/* The carried line (a cell's last line on the page before) goes on with
 * segment s of line l, after a space or none; built apart, as the text
 * buffer may move as it grows. */
static void carried_goes_on(vn_pdf_layout *L, const page_ctx *P, const pline *l, const seg *s, size_t carried,
                            bool space)
{
    const vn_pdf_line *o = &L->lines[carried];
    vn_buf b = {0};
    vn_buf_put(&b, L->text.data + o->off, o->len);
    if (space)
        vn_buf_putc(&b, ' ');
    rendered r;
    vn_pdf_render(P, l, s->w0, s->w1, false, &b, &r);
    L->lines[carried].off = (uint32_t)L->text.len;
    L->lines[carried].len = (uint32_t)b.len;
    vn_buf_put(&L->text, b.data, b.len);
    free(b.data);
}

/* A text table's border ("+-----+-----+") cut at the cell's edge and by the
 * page break: the cell's last line on the page before, one word of rules
 * (carried), and this piece, one word of rules opening with a corner, are
 * one border, joined with no space.  Returns whether s went so. */
static bool border_goes_on(vn_pdf_layout *L, const page_ctx *P, const pline *l, const seg *s, size_t carried)
{
    const vn_pdf_line *o = &L->lines[carried];
    const char *t = L->text.data + o->off;
    if (s->w1 - s->w0 != 1 || P->g[P->w[P->order[s->w0]].g0].cp != '+' || !vn_pdf_seg_is_rule(P, s) ||
        !vn_pdf_rule_text(t, o->len) || memchr(t, ' ', o->len))
        return false;
    carried_goes_on(L, P, l, s, carried, false);
    return true;
}

/* A recipient wrapped in its cell and cut there by the page break ("• Chủ
 * tịch, các PCT UBND" the cell's last line at the page's foot, "phường;"
 * opening the cell's rest under the next page's running header): the cell's
 * last line on the page before (carried) opened an item with its mark and
 * ended neither a sentence nor an item (no ";" "." "," after it), and this
 * piece, the first of the cell going on, opens with no mark and keeps its
 * type — the item's words going on, joined with a space.  Returns whether s
 * went so. */
static bool item_goes_on(vn_pdf_layout *L, const page_ctx *P, const pline *l, const seg *s, size_t carried)
{
    const vn_pdf_line *o = &L->lines[carried];
    const char *t = L->text.data + o->off;
    size_t k = 0;
    while (k < o->len && t[k] == ' ')
        k++;
    if (k >= o->len || !opens_item((uint32_t)vn_utf8_next(t, o->len, &k)) || k >= o->len || t[k] != ' ')
        return false;
    if (opens_item(P->g[P->w[P->order[s->w0]].g0].cp) || t[o->len - 1] == ',' || t[o->len - 1] == '-' ||
        vn_pdf_ends_sentence(t, o->len) || vn_pdf_seg_is_rule(P, s))
        return false;
    if (seg_all_bold(P, s) != ((o->flags & VN_SRC_BOLD) != 0))
        return false;
    carried_goes_on(L, P, l, s, carried, true);
    return true;
}

static void emit_row(vn_pdf_layout *L, page_ctx *P, uint32_t page, size_t i, size_t end, uint16_t row)
{
    for (int side = 0; side < 2; side++) {
        float left = 1e9f, right = -1e9f;
        for (size_t k = i; k < end; k++) {
            const seg *s = vn_pdf_side_seg(P, &P->l[k], side);
            if (s)
                left = fminf(left, s->x0), right = fmaxf(right, s->x1);
        }
        /* the cell: from the margin to the gutter, or from the gutter on;
         * a column whose lines all start at one place (a motto set flush
         * left in its cell, "CỘNG HÒA ... VIỆT" / "NAM"; an issuer set so in
         * a table indented by its cells' padding, "PHƯỜNG TAM" / "PHƯỚC
         * ĐÔNG") starts there, its cell's padding the only space before it */
        size_t members = 0, at_left = 0;
        for (size_t k = i; k < end; k++) {
            const seg *s = vn_pdf_side_seg(P, &P->l[k], side);
            if (s)
                members++, at_left += fabsf(s->x0 - left) <= ALIGN_PT;
        }
        bool flush = members >= 2 && at_left == members;
        /* a column of items, two at least opening with their mark (a rule,
         * "-------" under the signer's name, is none) */
        size_t marked = 0;
        for (size_t k = i; k < end; k++) {
            const seg *s = vn_pdf_side_seg(P, &P->l[k], side);
            marked += s && opens_item(P->g[P->w[P->order[s->w0]].g0].cp) && !vn_pdf_seg_is_rule(P, s);
        }
        bool items = marked >= 2;
        float start = side == 1 ? (flush ? left : P->gutter) : flush ? left : fminf(left, P->left);
        float cell = side == 0 ? P->gutter - start : fmaxf(right, P->right) - start;
        bool first = true, last_alone = false;
        size_t last = 0;
        /* the widest piece of a rule cut at the cell's edge: the width of
         * the cell's text, narrower than margin to gutter says (a centred
         * cell whose border was kept as text, "+-----+" cut in pieces) */
        float filled = 0;
        /* ... known before the lines above it are judged: a text border
         * cut so under the signature ("+------" over "+------+") measures
         * the cell "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" wrapped in */
        for (size_t k = i, prev = SIZE_MAX; k < end; k++) {
            const seg *s = vn_pdf_side_seg(P, &P->l[k], side);
            if (!s)
                continue;
            const seg *a = prev == SIZE_MAX ? NULL : vn_pdf_side_seg(P, &P->l[prev], side);
            if (a && a->w1 - a->w0 == 1 && s->w1 - s->w0 == 1 && P->g[P->w[P->order[s->w0]].g0].cp == '+' &&
                vn_pdf_seg_is_rule(P, a) && vn_pdf_seg_is_rule(P, s))
                filled = fmaxf(filled, fmaxf(a->x1 - a->x0, s->x1 - s->x0));
            prev = k;
        }
        for (size_t k = i; k < end; k++) {
            const pline *l = &P->l[k];
            const seg *s = vn_pdf_side_seg(P, l, side);
            if (!s)
                continue;
            /* a line of rules as wide as the column was cut where the
             * column ended (its last rule, too long for the cell, broken
             * there: "------- ------" / "---------"), and goes on with no
             * space */
            if (first && P->carried && row == 1 &&
                (border_goes_on(L, P, l, s, L->cell_last[side]) || item_goes_on(L, P, l, s, L->cell_last[side])))
                continue;
            const vn_pdf_line *pl = first ? NULL : &L->lines[last];
            bool cut = pl && pl->x1 - pl->x0 >= CELL_FILL * (right - left) &&
                       vn_pdf_rule_text(L->text.data + pl->off, pl->len) && vn_pdf_seg_is_rule(P, s);
            /* a text table's border ("+-----+------+", pandoc's grid
             * tables kept as text) wrapped in a cell too narrow for it:
             * its next piece starts at a corner, which no one types after
             * a space */
            cut =
                cut || (pl && last_alone && s->w1 - s->w0 == 1 && P->g[P->w[P->order[s->w0]].g0].cp == '+' &&
                        vn_pdf_rule_text(L->text.data + pl->off, pl->len) && vn_pdf_seg_is_rule(P, s) &&
                        wrapped_in_cell(L, pl, P, s, cell, l->h, vn_pdf_seg_base(P, s, l->h), false));
            if (cut || (!first && wrapped_in_cell(L, pl, P, s, filled > 0 ? fminf(cell, filled) : cell, l->h,
                                                  vn_pdf_seg_base(P, s, l->h), items))) {
                /* the cell's paragraph wrapped here ("... VIỆT" / "NAM"): one line */
                vn_pdf_line *o = &L->lines[last];
                if (cut)
                    filled = fmaxf(filled, fmaxf(o->x1 - o->x0, s->x1 - s->x0));
                else if (!slash_wrap(L, o, P, s))
                    vn_buf_putc(&L->text, ' ');
                last_alone = s->w1 - s->w0 == 1;
                rendered r;
                vn_pdf_render(P, l, s->w0, s->w1, false, &L->text, &r);
                o->len = (uint32_t)(L->text.len - o->off);
                o->x1 = s->x1; /* the next wrap is measured on this line */
                o->x0 = s->x0;
                o->bottom = vn_pdf_seg_base(P, s, l->h);
                if (!(r.font_and & VN_PDF_BOLD))
                    o->flags &= ~(uint32_t)VN_SRC_BOLD;
                continue;
            }
            last = L->nlines;
            last_alone = s->w1 - s->w0 == 1;
            vn_pdf_line *o = vn_pdf_add_line(L, P, page, l, K_CELL, s->w0, s->w1, false);
            o->bottom = vn_pdf_seg_base(P, s, l->h);
            o->flags |= VN_SRC_CELL;
            o->starts_block = first;
            o->left = left, o->right = right;
            o->table = (uint16_t)(L->tables > UINT16_MAX ? UINT16_MAX : L->tables);
            o->row = row, o->cell = (uint16_t)(side + 1);
            first = false;
        }
        if (!first) {
            L->cell_last[side] = last;
            L->cell_table = L->tables;
        }
    }
}

void vn_pdf_emit_columns(vn_pdf_layout *L, page_ctx *P, uint32_t page, size_t i, size_t end)
{
    /* row by row: the header's issuer | motto, then number | place and date */
    L->tables++;
    size_t from = i;
    uint16_t row = 1;
    for (size_t k = i + 1; k < end; k++)
        if (vn_pdf_starts_row(P, i, from, k, end, row)) {
            emit_row(L, P, page, from, k, row++);
            from = k;
        }
    emit_row(L, P, page, from, end, row);
}

/* Lines [i, end) at the page's foot, a layout's first row alone (see
 * vn_pdf_column_first_row), laid out as cells and held in L until the next
 * page shows whether the row goes on; the page writes them as text
 * meanwhile. */
void vn_pdf_hold_row(vn_pdf_layout *L, page_ctx *P, uint32_t page, size_t i, size_t end)
{
    size_t at = L->nlines;
    vn_pdf_emit_columns(L, P, page, i, end);
    L->nheld = L->nlines - at;
    free(L->held);
    L->held = vn_xmalloc(L->nheld * sizeof *L->held);
    memcpy(L->held, &L->lines[at], L->nheld * sizeof *L->held);
    L->nlines = at;
    L->held_at = at;
    L->held_lo = P->gutter_lo, L->held_hi = P->gutter_hi;
}

/* Whether the lines [i, end) going on in a layout's columns hold a line of
 * its right column: the rest of the signature, the signer's name. */
bool vn_pdf_right_column_in(const page_ctx *P, size_t i, size_t end)
{
    for (size_t k = i; k < end; k++)
        if (P->l[k].ns == 2 || P->l[k].side == 1)
            return true;
    return false;
}

/* The held row goes on on this page: its cells take the place of the lines
 * that wrote it as text.  Returns by how many lines the lines after those
 * moved. */
long vn_pdf_take_held(vn_pdf_layout *L)
{
    size_t k = L->held_end - L->held_at, m = L->nheld;
    if (m > k)
        L->lines = vn_grow(L->lines, &L->caplines, L->nlines, m - k, sizeof *L->lines);
    memmove(&L->lines[L->held_at + m], &L->lines[L->held_end], (L->nlines - L->held_end) * sizeof *L->lines);
    memcpy(&L->lines[L->held_at], L->held, m * sizeof *L->lines);
    L->nlines = L->nlines - k + m;
    L->nheld = 0;
    return (long)m - (long)k;
}
