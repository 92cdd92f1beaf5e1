/* pdf_table.c — data tables (targets by year, annex task lists) read as rows
 * of cells: each row one source line, its cells joined by TAB
 * (VN_SRC_TABLE_ROW), as Word's plain-text export writes a table.
 *
 * A table printed without its rules still shows its columns: no text ever
 * stands in the padding between two cells, so the words of the lines that
 * have two gaps or more leave empty stripes across the whole table — the
 * column boundaries.  Rows: a row's lines follow each other at the line
 * spacing of its cells; the next row starts further down (the cells'
 * padding) — or, in a table whose rows are all one line, at each line that
 * starts with a row's number in the first column ("1", "II"; a header's
 * "TT" wrapped in a narrow column is no number).
 * A cell's lines are joined by a space; a number a narrow cell wrapped
 * ("202" / "6") is joined back without one. */
#include "pdf_page.h"
#include "text.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>

#define TABLE_GAP_EM 0.6f      /* between two cells: wider than the spaces of justified text */
#define TABLE_MIN_COLUMNAR 2   /* lines with two such gaps a table needs */
#define TABLE_LINE_PITCHES 2.5f /* the furthest a table's line stands under the one above */
#define TABLE_STRIPE_EM 0.3f   /* an empty stripe this wide parts two columns */
#define TABLE_ROW_EM 0.2f      /* a row's lines closer than the next row's first */
#define TABLE_MAX_FRAGMENTS 512 /* pieces of cells in one row */
#define TABLE_PAD_EM 0.15f     /* a column's boundary this far left of its text */
#define TABLE_RULE_PT 0.3f     /* a row's lines further apart than its cells' by more than this have the
                                  rule between two rows between them (0.5 pt in Word and LibreOffice,
                                  whose cells have no padding above and below) */
#define CENTRED_LINES 4        /* lines of other cells, centred in their row, between two lines of one cell */
#define COLUMN_FILL 0.85f      /* a word this share of its column's widest text fills the column */
#define TABLE_HEADER_LEAD 6    /* a header's lines above the table's first line of two gaps, at most */
#define HEADER_WRAP_PITCHES 1.5f /* a header cell's wrapped line under its first, at most */
#define GRID_STRIPE_EM 0.2f    /* the same on a page set at whole points, whose cells' padding is 2 pt */

/* The gaps between two cells in line l (wider than a space of justified text). */
size_t vn_pdf_table_gaps(const page_ctx *P, const pline *l)
{
    size_t n = 0;
    for (uint32_t j = l->w0 + 1; j < l->w1; j++)
        n += P->w[P->order[j]].x0 - P->w[P->order[j - 1]].x1 >= TABLE_GAP_EM * l->h;
    return n;
}

typedef struct span {
    float x0, x1;
    bool number; /* a row's number: "1", "12", "II", "1.2", or a letter of a wrapped "STT" */
} span;

#define ROW_NUMBER_MAX 4       /* characters of a row's number */
#define NUMBER_STRIPE_EM 0.1f  /* the empty stripe right of a column of row numbers (the rule between them) */

static bool is_row_number(const page_ctx *P, const word *w)
{
    if (w->g1 - w->g0 > ROW_NUMBER_MAX)
        return false;
    for (uint32_t g = w->g0; g < w->g1; g++) {
        uint32_t c = P->g[g].cp;
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.'))
            return false;
    }
    return true;
}

/* A column of row numbers too narrow for the gap of two cells (the STT
 * column, "S" / "T" / "T" in its header): right of the stripe x0 > reach,
 * where the lines part; left of it, only row numbers (words [0, k) of s);
 * two lines at least hold a word on each side. */
static bool number_column(const page_ctx *P, size_t i, size_t end, const span *s, size_t k, float reach)
{
    for (size_t j = 0; j < k; j++)
        if (!s[j].number)
            return false;
    size_t both = 0;
    for (size_t m = i; m < end; m++) {
        const pline *l = &P->l[m];
        for (uint32_t j = l->w0 + 1; j < l->w1; j++)
            if (P->w[P->order[j - 1]].x1 <= reach && P->w[P->order[j]].x0 >= s[k].x0) {
                both++;
                break;
            }
    }
    return both >= 2;
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Some line of [i, end) has a gap between cells across x. */
static bool parted_at(const page_ctx *P, size_t i, size_t end, float x)
{
    for (size_t k = i; k < end; k++) {
        const pline *l = &P->l[k];
        for (uint32_t j = l->w0 + 1; j < l->w1; j++) {
            const word *a = &P->w[P->order[j - 1]], *b = &P->w[P->order[j]];
            if (a->x1 < x && b->x0 > x && b->x0 - a->x1 >= TABLE_GAP_EM * l->h)
                return true;
        }
    }
    return false;
}

static size_t column_of(const float *bounds, size_t nb, float x)
{
    size_t c = 0;
    while (c < nb && x > bounds[c])
        c++;
    return c;
}

/* A word of line l lies across a column boundary: no cell of the table. */
static bool straddles(const page_ctx *P, const pline *l, const float *bounds, size_t nb)
{
    for (uint32_t j = l->w0; j < l->w1; j++) {
        const word *w = &P->w[P->order[j]];
        for (size_t b = 0; b < nb; b++)
            if (w->x0 < bounds[b] - ALIGN_PT && w->x1 > bounds[b] + ALIGN_PT)
                return true;
    }
    return false;
}

/* A line that keeps to the table's columns though it looked like text
 * from the margin before they were known: a line of a group row, its
 * cells merged but the first (a row's number in the first column, its
 * text from the second column's start on, "II" | "Đào tạo nhân lực",
 * parted by less than a cell's gap: the narrow number column's padding);
 * or a cell's wrapped line inside a column other than the first, where a
 * page whose margin is measured by indented lines puts it near the margin
 * ("học cơ bản, kỹ thuật và công nghệ" under "Tỷ lệ người học ..."). */
static bool group_row(const page_ctx *P, const pline *l, const float *bounds, size_t nb)
{
    if (nb == 0 || straddles(P, l, bounds, nb))
        return false;
    const word *a = &P->w[P->order[l->w0]];
    if (a->x0 >= bounds[0])
        return true;
    if (l->w1 < l->w0 + 2)
        return false;
    const word *b = &P->w[P->order[l->w0 + 1]];
    return is_row_number(P, a) && a->x1 <= bounds[0] && b->x0 >= bounds[0] && b->x0 <= bounds[0] + l->h;
}

/* Lines of a table's header, above its first numbered row: two rows each
 * wrapped in cells spaced 1.5 lines ("Đơn vị" / "tính" beside "Mục tiêu",
 * "Năm" / "2027" under it) are four, and where Word repeats the header on
 * the next page, a row with no number ("Trong đó: …") may come first. */
#define TABLE_HEADER_MAX 5

/* Line l starts with a row's number ("1", "12", "II"): a row of data. */
static bool numbered_line(const page_ctx *P, const pline *l)
{
    const word *w = &P->w[P->order[l->w0]];
    if (l->w1 <= l->w0 + 1 || !is_row_number(P, w))
        return false;
    /* a number, Arabic or Roman ("1", "II"): not a header's "TT", nor a
     * year of its columns ("2027  2030" under "Năm  Năm") */
    size_t digits = 0;
    for (uint32_t g = w->g0; g < w->g1; g++) {
        uint32_t c = P->g[g].cp;
        if (!((c >= '0' && c <= '9') || c == 'I' || c == 'V' || c == 'X' || c == '.'))
            return false;
        digits += c >= '0' && c <= '9';
    }
    return digits < 4;
}

/* The header of the table whose lines are [i, end): the lines above its
 * first numbered row, [i, *h); *h == i when it has none that is known. */
static size_t header_end(const page_ctx *P, size_t i, size_t end)
{
    size_t h = i;
    while (h < end && h < i + TABLE_HEADER_MAX && !numbered_line(P, &P->l[h]))
        h++;
    return h < end && numbered_line(P, &P->l[h]) ? h : i;
}

/* A word of a run of words (parted by less than a cell's gap) lies across
 * an empty stripe of the rows under it: a header's cell merged over
 * several columns ("Chỉ tiêu phấn đấu" over "Năm 2025 | Năm 2030 | Năm
 * 2035"). stripes: [lo, hi) pairs. */
static bool run_spans(float x0, float x1, const float *stripes, size_t ns)
{
    for (size_t k = 0; k < ns; k++)
        if (x0 < stripes[2 * k] - ALIGN_PT && x1 > stripes[2 * k + 1] + ALIGN_PT)
            return true;
    return false;
}

/* The empty stripes under the words of the lines of (from, end) with a
 * cell's gap — the rows under a header's line: [lo, hi) pairs into stripes
 * (TABLE_MAX_BOUNDS at most); tmp: room for `room` spans. */
static size_t stripes_below(const page_ctx *P, size_t from, size_t end, span *tmp, size_t room, float *stripes)
{
    size_t n = 0, ns = 0;
    for (size_t k = from + 1; k < end; k++)
        if (vn_pdf_table_gaps(P, &P->l[k]) >= 1)
            for (uint32_t j = P->l[k].w0; j < P->l[k].w1 && n < room; j++)
                tmp[n].x0 = P->w[P->order[j]].x0, tmp[n].x1 = P->w[P->order[j]].x1, n++;
    if (n == 0)
        return 0;
    qsort(tmp, n, sizeof *tmp, cmp_span);
    float reach = tmp[0].x1;
    for (size_t k = 1; k < n && ns < TABLE_MAX_BOUNDS; k++) {
        if (tmp[k].x0 - reach >= TABLE_STRIPE_EM * P->H)
            stripes[2 * ns] = reach, stripes[2 * ns + 1] = tmp[k].x0, ns++;
        reach = fmaxf(reach, tmp[k].x1);
    }
    return ns;
}

/* A header's cell centred alone on its line, between lines of other cells
 * and beside nothing ("Chỉ tiêu" half way between the "T" / "T" of a narrow
 * STT column, "Đơn" / "vị tính" and the phases): a line of one cell that
 * stands wholly inside an empty stripe of the lines of cells (s[0..n),
 * sorted) is a column of its own, and its words join them.  A header's cell
 * merged over several columns lies across their text, in no stripe.
 * Returns the new count; s has room for every word of lines [i, end). */
static size_t lone_cells(const page_ctx *P, size_t i, size_t end, span *s, size_t n)
{
    float stripes[2 * TABLE_MAX_BOUNDS];
    size_t ns = 0, n0 = n;
    float reach = s[0].x1;
    for (size_t k = 1; k < n0 && ns < TABLE_MAX_BOUNDS; k++) {
        if (s[k].x0 - reach >= TABLE_STRIPE_EM * P->H)
            stripes[2 * ns] = reach, stripes[2 * ns + 1] = s[k].x0, ns++;
        reach = fmaxf(reach, s[k].x1);
    }
    for (size_t k = i; k < end && ns; k++) {
        const pline *l = &P->l[k];
        if (vn_pdf_table_gaps(P, l) != 0)
            continue;
        bool inside = false;
        for (size_t t = 0; t < ns && !inside; t++)
            inside = l->x0 > stripes[2 * t] && l->x1 < stripes[2 * t + 1];
        for (uint32_t j = l->w0; inside && j < l->w1; j++)
            s[n].x0 = P->w[P->order[j]].x0, s[n].x1 = P->w[P->order[j]].x1, s[n].number = false, n++;
    }
    if (n > n0)
        qsort(s, n, sizeof *s, cmp_span);
    return n;
}

/* A data table starting at line i: the end of its lines, and the column
 * boundaries in bounds[] (*nb of them); 0 when the lines are no table. */
static size_t table_region(const page_ctx *P, size_t i, size_t limit, float *bounds, size_t *nb);

/* Line l is a piece of the header cell over the row numbers, wrapped in its
 * narrow column ("S" over "TT", "ST" over "T"): one short word of capitals. */
static bool number_head(const page_ctx *P, const pline *l)
{
    return l->w1 == l->w0 + 1 && is_row_number(P, &P->w[P->order[l->w0]]) &&
           P->g[P->w[P->order[l->w0]].g0].cp >= 'A' && P->g[P->w[P->order[l->w0]].g0].cp <= 'Z';
}

/* Line k holds one cell's words, short and set in from the margin, a line's
 * spacing at most above the next: maybe a line of a header's cell. */
static bool cell_line(const page_ctx *P, size_t k, size_t limit)
{
    const pline *l = &P->l[k];
    return k + 1 < limit && vn_pdf_table_gaps(P, l) == 0 &&
           (l->x0 > P->left + 2 * l->h || number_head(P, l)) && l->x1 - l->x0 < 0.3f * (P->right - P->left) &&
           P->l[k + 1].base - l->base <= 1.05f * P->pitch;
}

/* The header of the table whose first line of cells is k: some line of it,
 * above the first numbered row, stands closer under the line above than
 * lines of text do — cells centred at several heights ("2027  2030" under
 * "TT  Chỉ tiêu  Năm  Năm", the years of a cell "Năm" / "2027"). */
static bool centred_header(const page_ctx *P, size_t k, size_t end)
{
    for (size_t m = k + 1; m < end && m <= k + TABLE_HEADER_LEAD && !numbered_line(P, &P->l[m]); m++)
        if (P->l[m].base - P->l[m - 1].base < SIDE_STEP * P->pitch)
            return true;
    return false;
}

/* A header whose cells wrapped with the years at the top ("Năm 2030" /
 * "(%)", LibreOffice sets "TT" and "Chỉ tiêu" on the cells' last line), or
 * whose cells are centred in their height at several heights ("Năm" over
 * "TT  Chỉ tiêu" over "2030", a group row "A  Các chỉ tiêu …" under it):
 * lines of one gap, or of one cell standing closer above the next line than
 * lines of text do, at most TABLE_HEADER_LEAD of them, each right above the
 * next (HEADER_WRAP_PITCHES), up to the line of two gaps the table is seen
 * to start at; none lies across the table's columns, and a line of one cell
 * stands inside a column right of the first.  The table starts there. */
size_t vn_pdf_table_region(const page_ctx *P, size_t i, size_t limit, float *bounds, size_t *nb)
{
    size_t k = i;
    while (k < limit && k < i + TABLE_HEADER_LEAD && vn_pdf_table_gaps(P, &P->l[k]) < 2) {
        const pline *l = &P->l[k];
        size_t gaps = vn_pdf_table_gaps(P, l);
        bool close = k + 1 < limit && P->l[k + 1].base - l->base < SIDE_STEP * l->h;
        if ((gaps == 0 && !close && !cell_line(P, k, limit)) || k + 1 >= limit ||
            P->l[k + 1].base - l->base > HEADER_WRAP_PITCHES * P->pitch)
            break;
        k++;
    }
    if (k == i || k >= limit || vn_pdf_table_gaps(P, &P->l[k]) < 2)
        return table_region(P, i, limit, bounds, nb);
    size_t end = table_region(P, k, limit, bounds, nb);
    bool lead = end && *nb >= 2;
    bool centred = lead && centred_header(P, k, end);
    /* a line of one cell close above the next may lie across columns: a
     * header's cell merged over several ("Chỉ tiêu phấn đấu" over the
     * years), centred in its height.  A line of one cell a line's spacing
     * above the next leads only a header whose cells stand at several
     * heights ("Đơn vị" over "tính" beside "TT  Chỉ tiêu"): a title, or
     * "Đơn vị tính: %" set right, stands so above a header of one height. */
    for (size_t m = i; m < k && lead; m++) {
        const pline *l = &P->l[m];
        float step = P->l[m + 1].base - l->base;
        if (vn_pdf_table_gaps(P, l) > 0)
            lead = !straddles(P, l, bounds, *nb);
        else if (l->x1 <= bounds[0])
            lead = number_head(P, l) && step <= 1.05f * P->pitch;
        else
            lead = l->x0 > bounds[0] &&
                   (step < SIDE_STEP * l->h ||
                    (centred && (step < SIDE_STEP * P->pitch || !straddles(P, l, bounds, *nb))));
    }
    if (lead)
        return end;
    *nb = 0;
    return 0;
}

static size_t table_region(const page_ctx *P, size_t i, size_t limit, float *bounds, size_t *nb)
{
    *nb = 0;
    if (vn_pdf_table_gaps(P, &P->l[i]) < 2)
        return 0;
    size_t columnar = 1, end = i + 1, words = 0;
    float width = P->right - P->left;
    for (; end < limit; end++) {
        const pline *l = &P->l[end];
        if (l->base - P->l[end - 1].base > TABLE_LINE_PITCHES * P->pitch)
            break;
        size_t g = vn_pdf_table_gaps(P, l);
        /* a line of text from the margin, no cells in it: the table ended
         * (not a cell's line right of where the table's first line starts:
         * a page holding only indented list items measures its margin there;
         * nor a group row, looked at once the columns are known) */
        if (g == 0 && l->x0 <= P->left + 0.5f * l->h && l->x0 <= P->l[i].x0 + 0.5f * l->h &&
            l->x1 - l->x0 > 0.3f * width)
            break;
        columnar += g >= 2;
    }
    size_t scanned = end;
    if (columnar < TABLE_MIN_COLUMNAR)
        return 0;
    /* the columns: empty stripes under the words of the lines with cells
     * (room for every line's: lines of one cell may join them, below) */
    for (size_t k = i; k < end; k++)
        words += P->l[k].w1 - P->l[k].w0;
    span *s = vn_xmalloc((words ? words : 1) * sizeof *s);
    size_t n = 0;
    /* the empty stripes of the rows under the header: a header's cell
     * merged over several of their columns leaves none of its own */
    size_t h = header_end(P, i, end);
    span *tmp = h > i ? vn_xmalloc((words ? words : 1) * sizeof *tmp) : NULL;
    for (size_t k = i; k < end; k++) {
        const pline *l = &P->l[k];
        if (vn_pdf_table_gaps(P, l) < 2)
            continue;
        float stripes[2 * TABLE_MAX_BOUNDS];
        size_t nstripes = k < h ? stripes_below(P, k, end, tmp, words, stripes) : 0;
        for (uint32_t j = l->w0; j < l->w1;) {
            /* a run of words no cell's gap parts */
            uint32_t e = j + 1;
            while (e < l->w1 && P->w[P->order[e]].x0 - P->w[P->order[e - 1]].x1 < TABLE_GAP_EM * l->h)
                e++;
            bool merged = k < h && run_spans(P->w[P->order[j]].x0, P->w[P->order[e - 1]].x1, stripes, nstripes);
            for (; j < e; j++)
                if (!merged)
                    s[n].x0 = P->w[P->order[j]].x0, s[n].x1 = P->w[P->order[j]].x1,
                    s[n].number = is_row_number(P, &P->w[P->order[j]]), n++;
        }
    }
    free(tmp);
    if (n == 0) {
        free(s);
        return 0;
    }
    qsort(s, n, sizeof *s, cmp_span);
    n = lone_cells(P, i, end, s, n);
    float reach = s[0].x1;
    for (size_t k = 1; k < n && *nb < TABLE_MAX_BOUNDS; k++) {
        float mid = (reach + s[k].x0) / 2;
        /* a stripe between two columns, not the space between two words of
         * a short column: some line parts its cells there.  The boundary
         * is set at the right column's text (in its cell's padding), not in
         * the stripe's middle: a cell of the left column may hold a wider
         * text further down, on the next page too ("trình đào tạo các"
         * under "Rà soát, cập"), and its cell reaches that far. */
        if ((s[k].x0 - reach >= (P->grid ? GRID_STRIPE_EM : TABLE_STRIPE_EM) * P->H && parted_at(P, i, end, mid)) ||
            (*nb == 0 && s[k].x0 - reach >= NUMBER_STRIPE_EM * P->H && number_column(P, i, end, s, k, reach)))
            bounds[(*nb)++] = fmaxf(mid, s[k].x0 - TABLE_PAD_EM * P->H);
        reach = fmaxf(reach, s[k].x1);
    }
    free(s);
    if (*nb < 2)
        return 0;
    /* the table goes on over its group rows, which the scan above stopped at */
    while (scanned < limit && group_row(P, &P->l[scanned], bounds, *nb)) {
        end = scanned + 1;
        for (; end < limit; end++) {
            const pline *l = &P->l[end];
            if (l->base - P->l[end - 1].base > TABLE_LINE_PITCHES * P->pitch)
                break;
            if (vn_pdf_table_gaps(P, l) == 0 && l->x0 <= P->left + 0.5f * l->h &&
                l->x1 - l->x0 > 0.3f * width && !group_row(P, l, bounds, *nb))
                break;
        }
        scanned = end;
    }
    /* a line of text under the table, set in from the margin (a first-line
     * indent) but across the columns: the table ended above it */
    for (size_t k = h > i ? h : i + 1; k < end; k++)
        if (straddles(P, &P->l[k], bounds, *nb))
            return k;
    return end;
}

/* A data table the page before ended in goes on from line i, the first of
 * this page's text, in the same columns: its lines, [i, end), up to one
 * across them or a line of text from the margin; 0 when line i holds no two
 * cells. */
/* The rows of a table whose page before held only its header, from line i
 * on: their lines, [i, end), and their columns, as the rows show them (a
 * header's centred words set its columns off their cells' text).  The rows
 * may open with lines of one cell above the first line of cells — the first
 * lines of a row whose number and values are centred lower ("Tỷ lệ sinh
 * viên theo học các" over "1  ngành STEM …  %  ≥ 60") — each inside a column
 * right of the first.  0 when no table starts within those lines. */
size_t vn_pdf_table_rows_below(const page_ctx *P, size_t i, size_t limit, float *bounds, size_t *nb)
{
    size_t k = i;
    while (k < limit && k < i + TABLE_HEADER_LEAD && vn_pdf_table_gaps(P, &P->l[k]) < 2 &&
           P->l[k + 1 < limit ? k + 1 : k].base - P->l[k].base <= HEADER_WRAP_PITCHES * P->pitch)
        k++;
    size_t end = k < limit ? vn_pdf_table_region(P, k, limit, bounds, nb) : 0;
    for (size_t m = i; m < k && end; m++)
        if (vn_pdf_table_gaps(P, &P->l[m]) > 0 || P->l[m].x0 <= bounds[0] || straddles(P, &P->l[m], bounds, *nb))
            end = 0;
    if (!end)
        *nb = 0;
    return end;
}

size_t vn_pdf_table_continue(const page_ctx *P, size_t i, size_t limit, const float *bounds, size_t nb)
{
    const pline *first = &P->l[i];
    /* two cells at least; or one cell inside a column other than the
     * first, where body text never starts (the last words of a cell whose
     * row the page break split: "Các doanh" / "nghiệp") */
    size_t c0 = column_of(bounds, nb, P->w[P->order[first->w0]].x0);
    if (straddles(P, first, bounds, nb) ||
        (c0 == column_of(bounds, nb, P->w[P->order[first->w1 - 1]].x0) && c0 == 0))
        return 0;
    float width = P->right - P->left;
    size_t end = i + 1;
    for (; end < limit; end++) {
        const pline *l = &P->l[end];
        if (l->base - P->l[end - 1].base > TABLE_LINE_PITCHES * P->pitch || straddles(P, l, bounds, nb) ||
            (vn_pdf_table_gaps(P, l) == 0 && l->x0 <= P->left + 0.5f * l->h &&
             l->x0 <= first->x0 + 0.5f * l->h && l->x1 - l->x0 > 0.3f * width &&
             !group_row(P, l, bounds, nb)))
            break;
    }
    return end;
}


typedef struct fragment {
    uint32_t line, w0, w1, col;
} fragment;

static bool is_number_cp(uint32_t c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; }

/* The letters of word w from its start (forward) or its end (backward), at
 * most max, into cp; 0 when a character on the way is no letter. */
static size_t word_letters(const page_ctx *P, const word *w, bool from_end, int32_t *cp, size_t max)
{
    size_t n = 0;
    for (uint32_t k = 0; k < w->g1 - w->g0 && n < max; k++) {
        uint32_t c = P->g[from_end ? w->g1 - 1 - k : w->g0 + k].cp;
        if (!vn_cp_is_letter((int32_t)c))
            break;
        cp[n++] = (int32_t)c;
    }
    if (from_end)
        for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
            int32_t t = cp[a];
            cp[a] = cp[b - 1], cp[b - 1] = t;
        }
    return n;
}

#define SYLLABLE_MAX 8 /* letters of a Vietnamese syllable */

/* A cell's text went on to its next line in the middle of a word: the
 * column was too narrow for it.  a: the last word of the line above (on its
 * own on that line, and as wide as the column's widest text: the word was
 * cut where the column ended), b: the first of the line below.  A number
 * ("202" + "6", "1" + "." + "1"), a break after a slash ("Người/" + "năm"),
 * capitals of one short abbreviation ("T" + "T", "S" + "TT": a header's
 * "STT" in a column too narrow for it), or a syllable whose end alone is
 * none ("Trê" + "n 50": "Trên"). */
static bool cut_word(const page_ctx *P, const word *a, const word *b, bool fills)
{
    uint32_t last = P->g[a->g1 - 1].cp, first = P->g[b->g0].cp;
    if (last == '/' || (is_number_cp(last) && is_number_cp(first) && (fills || last != ',')))
        return true;
    int32_t x[2 * SYLLABLE_MAX], y[SYLLABLE_MAX];
    size_t nx = word_letters(P, a, true, x, SYLLABLE_MAX), ny = word_letters(P, b, false, y, SYLLABLE_MAX);
    if (nx != a->g1 - a->g0 || nx == 0 || ny == 0)
        return false;
    bool caps = true;
    for (size_t k = 0; k < nx; k++)
        caps = caps && vn_cp_is_upper(x[k]);
    for (size_t k = 0; k < ny; k++)
        caps = caps && vn_cp_is_upper(y[k]);
    if (caps)
        /* an abbreviation or a Roman number cut a letter at a time: "S" +
         * "T" + "T", "I" + "I"; two words in capitals ("CƠ" / "SỞ") stay apart */
        return nx + ny <= 4 && (nx == 1 || ny == 1) && ny == b->g1 - b->g0;
    /* the syllable's rest may go on with a unit's slash ("Ngư" / "ời/", "Ngườ"
     * / "i/năm") */
    bool whole = ny == b->g1 - b->g0 || (ny < b->g1 - b->g0 && P->g[b->g0 + ny].cp == '/');
    /* a rest that is a syllable too is one only when it opens with its
     * vowel ("Ngư" / "ời": no word of a cell starts so after an open
     * syllable cut at the column's edge) */
    if (!fills || !whole || (vn_is_vn_syllable(y, ny) && !vn_is_vn_syllable(y, 1)))
        return false;
    memcpy(x + nx, y, ny * sizeof *y);
    return vn_is_vn_syllable(x, nx + ny);
}

/* The cells of a row's text (TAB between them): the start and end of cell c. */
static bool row_cell(const char *s, size_t n, size_t c, size_t *a, size_t *z)
{
    size_t i = 0;
    for (; c > 0 && i < n; i++)
        if (s[i] == '\t')
            c--;
    if (c > 0)
        return false;
    *a = i;
    while (i < n && s[i] != '\t')
        i++;
    *z = i;
    return true;
}

/* A quarter or month written with a Roman number before its year
 * ("IV/2025", "II/2026"): capitals, but a number's, no sentence's start. */
static bool roman_date(const char *s, size_t a, size_t z)
{
    size_t i = a;
    while (i < z && s[i] && strchr("IVXL", s[i]))
        i++;
    return i > a && i + 1 < z && s[i] == '/' && vn_is_digit(s[i + 1]);
}

/* The row just written (line o) is the rest of the row the page before
 * ended in, split by the page break: its cells go on in the middle of a
 * sentence (a small letter in one at least, the rest of a number, a range
 * or a date in others: "2026 -" / "2027", "Quý" / "IV/2025").  A row of its
 * own starts with a capital in some cell, or with its number in the
 * first. */
static bool goes_on(const vn_pdf_layout *L, const vn_pdf_line *o, size_t ncols)
{
    const char *s = L->text.data + o->off;
    size_t filled = 0;
    for (size_t c = 0; c < ncols; c++) {
        size_t a = 0, z = 0;
        if (!row_cell(s, o->len, c, &a, &z))
            return false;
        if (a == z || (c > 0 && roman_date(s, a, z)))
            continue;
        int32_t cp = vn_utf8_next(s, z, &a);
        if (vn_cp_is_upper(cp) || (c == 0 && !vn_cp_is_lower(cp)))
            return false;
        filled += vn_cp_is_lower(cp);
    }
    return filled > 0;
}

/* Joins row line o into the row at line `into`, cell by cell (built apart:
 * the text buffer may move as it grows). */
static void join_rows(vn_pdf_layout *L, size_t into, const vn_pdf_line *o, size_t ncols)
{
    vn_pdf_line *t = &L->lines[into];
    const char *ts = L->text.data + t->off, *os = L->text.data + o->off;
    vn_buf b = {0};
    for (size_t c = 0; c < ncols; c++) {
        size_t a = 0, z = 0, x = 0, y = 0;
        if (c)
            vn_buf_putc(&b, '\t');
        bool old = row_cell(ts, t->len, c, &a, &z), add = row_cell(os, o->len, c, &x, &y);
        if (old)
            vn_buf_put(&b, ts + a, z - a);
        if (old && add && z > a && y > x)
            vn_buf_putc(&b, ' ');
        if (add)
            vn_buf_put(&b, os + x, y - x);
    }
    t->off = (uint32_t)L->text.len;
    vn_buf_put(&L->text, b.data, b.len);
    t->len = (uint32_t)b.len;
    free(b.data);
}

/* Writes one row: its fragments column by column.  widest[c]: the width of
 * the widest fragment of column c in the table. */
static void write_row(vn_pdf_layout *L, const page_ctx *P, uint32_t page, const fragment *f, size_t nf,
                      size_t ncols, uint16_t row, const float *widest)
{
    const pline *first = &P->l[f[0].line];
    vn_pdf_line *o = &VN_PUSH(L->lines, L->nlines, L->caplines);
    memset(o, 0, sizeof *o);
    o->off = (uint32_t)L->text.len;
    for (size_t c = 0; c < ncols; c++) {
        if (c)
            vn_buf_putc(&L->text, '\t');
        const fragment *prev = NULL;
        for (size_t k = 0; k < nf; k++) {
            if (f[k].col != c)
                continue;
            const pline *l = &P->l[f[k].line];
            if (prev) {
                const word *a = &P->w[P->order[prev->w1 - 1]], *b = &P->w[P->order[f[k].w0]];
                /* a word alone on its line that fills the column, or that
                 * the next line's first word would have carried past the
                 * column's widest text */
                bool fills = prev->w1 - prev->w0 == 1 && (a->x1 - a->x0 >= COLUMN_FILL * widest[c] ||
                                                          (a->x1 - a->x0) + (b->x1 - b->x0) > widest[c]);
                if (prev->line == f[k].line || !cut_word(P, a, b, fills))
                    vn_buf_putc(&L->text, ' ');
            }
            rendered r;
            vn_pdf_render(P, l, f[k].w0, f[k].w1, false, &L->text, &r);
            prev = &f[k];
        }
    }
    o->len = (uint32_t)(L->text.len - o->off);
    o->page = page, o->kind = K_TABLE, o->starts_block = true;
    o->flags = VN_SRC_TABLE_ROW;
    o->x0 = first->x0, o->x1 = first->x1, o->top = first->y0, o->bottom = first->base, o->h = first->h;
    o->left = P->left, o->right = P->right, o->pitch = P->pitch;
    o->table = (uint16_t)(L->tables > UINT16_MAX ? UINT16_MAX : L->tables);
    o->row = row;
    L->table_last = L->nlines - 1;
}

/* Writes a row; the first row of a table going on from the page before
 * may be the rest of that page's last row (goes_on), and is joined to it. */
static void write_row_or_join(vn_pdf_layout *L, const page_ctx *P, uint32_t page, const fragment *f, size_t nf,
                              size_t ncols, uint16_t *row, const float *widest, bool first_continued)
{
    size_t into = L->table_last;
    write_row(L, P, page, f, nf, ncols, (uint16_t)(*row + 1), widest);
    vn_pdf_line *o = &L->lines[L->nlines - 1];
    if (first_continued && into < L->nlines - 1 && L->lines[into].kind == K_TABLE && goes_on(L, o, ncols)) {
        join_rows(L, into, o, ncols);
        L->nlines--;
        L->table_last = into;
        return;
    }
    (*row)++;
}

/* A header row of a table whose header is one row's height in the PDF but
 * two in the document: a cell merged over several columns ("Mục tiêu" over
 * "Năm 2027 | Năm 2030"), centred with the others, has its own row's cells
 * under it.  Those cells (f[] after the merged one's line, in the columns
 * it spans) go to a second row, in lower[]; the rest stay in f[].  Returns
 * how many went, 0 when no cell of the row lies across columns. */
static size_t split_merged_header(const page_ctx *P, fragment *f, size_t *nf, fragment *lower, const float *bounds,
                                  size_t nb)
{
    for (size_t k = 0; k < *nf; k++) {
        float x0 = P->w[P->order[f[k].w0]].x0, x1 = P->w[P->order[f[k].w1 - 1]].x1;
        size_t last = column_of(bounds, nb, x1);
        if (last == f[k].col || x1 <= bounds[last - 1] + ALIGN_PT || x0 >= bounds[f[k].col] - ALIGN_PT)
            continue;
        size_t n = 0, kept = 0;
        for (size_t m = 0; m < *nf; m++) {
            if (f[m].line > f[k].line && f[m].col >= f[k].col && f[m].col <= last)
                lower[n++] = f[m];
            else
                f[kept++] = f[m];
        }
        if (n == 0 || kept == 0) {
            for (size_t m = 0; m < n; m++) /* nothing to split: as it was */
                f[kept++] = lower[m];
            return 0;
        }
        *nf = kept;
        return n;
    }
    return 0;
}

/* Writes a row; the header row of a new table (header), split in two when a
 * cell merged over columns heads cells of its own (split_merged_header). */
static void write_header_or_row(vn_pdf_layout *L, const page_ctx *P, uint32_t page, fragment *f, size_t nf,
                                size_t nb, uint16_t *row, const float *widest, bool first_continued, bool header,
                                const float *bounds)
{
    fragment *lower = header ? vn_xmalloc(nf * sizeof *lower) : NULL;
    size_t nl = header ? split_merged_header(P, f, &nf, lower, bounds, nb) : 0;
    write_row_or_join(L, P, page, f, nf, nb + 1, row, widest, first_continued);
    if (nl)
        write_row_or_join(L, P, page, lower, nl, nb + 1, row, widest, false);
    free(lower);
}

/* The rows a table on a new page opened with that repeat the first rows
 * of the table the page before ended in — Word's header rows repeated at
 * the top of each page, which the table holds once — are dropped, and the
 * rows after them go on with that table.  first: the new table's first
 * row in L->lines. */
static void drop_repeated_header(vn_pdf_layout *L, size_t first, uint16_t prev_table, uint16_t prev_rows,
                                 size_t prev_first)
{
    size_t m = 0;
    while (first + m < L->nlines && prev_first + m < first && m < prev_rows) {
        const vn_pdf_line *a = &L->lines[prev_first + m], *b = &L->lines[first + m];
        if (a->kind != K_TABLE || a->table != prev_table || a->len != b->len ||
            memcmp(L->text.data + a->off, L->text.data + b->off, a->len) != 0)
            break;
        m++;
    }
    if (m == 0 || first + m >= L->nlines)
        return;
    memmove(&L->lines[first], &L->lines[first + m], (L->nlines - first - m) * sizeof *L->lines);
    L->nlines -= m;
    uint16_t row = prev_rows;
    for (size_t k = first; k < L->nlines; k++) {
        L->lines[k].table = prev_table;
        L->lines[k].row = ++row;
    }
    L->tables--;
    L->table_rows = row;
    L->table_first = prev_first;
    L->table_last = L->nlines - 1;
}

/* Lines a and b have words in one column of the table. */
static bool share_column(const page_ctx *P, const pline *a, const pline *b, const float *bounds, size_t nb)
{
    for (uint32_t j = a->w0; j < a->w1; j++) {
        size_t c = column_of(bounds, nb, P->w[P->order[j]].x0);
        for (uint32_t t = b->w0; t < b->w1; t++)
            if (column_of(bounds, nb, P->w[P->order[t]].x0) == c)
                return true;
    }
    return false;
}

/* The spacing of a cell's lines in lines [from, end) of a table: the
 * closest two lines with text in one column, each line against the nearest
 * such line above it — two lines of one cell; 1e9 when there are none, and
 * *any the closest two lines of all.  Cells centred in their row put the
 * lines of a short cell between those of a tall one ("2" and "2.500" half
 * a line below "Số doanh nghiệp … đang" / "Doanh", above "hoạt động" /
 * "nghiệp"), closer than any cell's lines are.  The caller measures the
 * body under the header: a header's cells merged over rows and columns and
 * centred in their height ("Đơn vị" / "tính" beside "Mục tiêu" over "Năm"
 * / "2027") stand at heights of their own, closer than a cell's lines. */
static float cell_pitch(const page_ctx *P, size_t from, size_t end, const float *bounds, size_t nb, float *any)
{
    float pitch = 1e9f, closest = 1e9f;
    for (size_t k = from + 1; k < end; k++) {
        float d = P->l[k].base - P->l[k - 1].base;
        if (d > 0.5f * P->l[k].h)
            closest = fminf(closest, d);
        for (size_t j = k; j-- > from && k - j <= CENTRED_LINES;) {
            if (!share_column(P, &P->l[j], &P->l[k], bounds, nb))
                continue;
            d = P->l[k].base - P->l[j].base;
            if (d > 0.5f * P->l[k].h)
                pitch = fminf(pitch, d);
            break;
        }
    }
    if (any)
        *any = closest;
    return pitch;
}

/* here[c]: a word of line l starts in column c (c from 0 to nb). */
static void columns_holding(const page_ctx *P, const pline *l, const float *bounds, size_t nb, bool *here)
{
    for (size_t c = 0; c <= nb; c++)
        here[c] = false;
    for (uint32_t j = l->w0; j < l->w1; j++)
        here[column_of(bounds, nb, P->w[P->order[j]].x0)] = true;
}

void vn_pdf_emit_table(vn_pdf_layout *L, const page_ctx *P, uint32_t page, size_t i, size_t end,
                       const float *bounds, size_t nb, bool continued, bool after_table)
{
    uint16_t prev_table = (uint16_t)(L->tables > UINT16_MAX ? UINT16_MAX : L->tables), prev_rows = L->table_rows;
    size_t prev_first = L->table_first, first = L->nlines;
    if (!continued) {
        L->tables++;
        L->table_rows = 0;
        L->table_first = L->nlines;
    }
    memcpy(L->table_bounds, bounds, nb * sizeof *bounds);
    /* the spacing of a cell's lines, measured in the body under the
     * header, or in the whole table when the body alone shows none */
    size_t body = i;
    while (body < end && !numbered_line(P, &P->l[body]))
        body++;
    float pitch = body + 1 < end ? cell_pitch(P, body, end, bounds, nb, NULL) : 1e9f;
    if (pitch == 1e9f) {
        float any;
        pitch = cell_pitch(P, i, end, bounds, nb, &any);
        if (pitch == 1e9f)
            pitch = any;
    }
    /* a layout that sets its lines at whole points (AbiWord's, printed by
     * Cairo) spaces one cell's lines 17 or 18 pt apart as the rounding
     * falls: the closest two then say the spacing is a point less than
     * most lines keep, and every other line would start a row.  When every
     * step of the table is a whole number of points, a step up to a point
     * over the closest is still the cells' spacing. */
    bool grid = end - i > 2;
    for (size_t k = i + 1; k < end && grid; k++) {
        float d = P->l[k].base - P->l[k - 1].base;
        grid = fabsf(d - roundf(d)) < GRID_SLACK_PT;
    }
    float spacing = pitch; /* the closest: a cell's lines, where the layout rounds */
    if (grid)
        pitch += GRID_PT;
    /* rows told apart by their padding; when every line is a row of its
     * own at the same spacing, by the row's number in the first column */
    bool gaps = false, rules = false;
    size_t nbig = 0;
    for (size_t k = i + 1; k < end; k++) {
        /* (such a layout pads its cells by 2 or 3 pt, less than the padding
         * other tables show: its rows part as rules part them) */
        gaps = gaps || (!grid && P->l[k].base - P->l[k - 1].base > pitch + TABLE_ROW_EM * P->l[k].h);
        rules = rules || P->l[k].base - P->l[k - 1].base > pitch + TABLE_RULE_PT;
        nbig += P->l[k].base - P->l[k - 1].base > pitch + TABLE_RULE_PT;
    }
    /* rules or padding that part the rows show at every row; fewer such
     * steps than half the numbered rows are the rule under the header
     * (LaTeX's booktabs \midrule, the only rule inside a longtable) and a
     * line or two set a little apart by a glyph of another font: they say
     * nothing of the rows, which are told by their numbers, and by a cell
     * that starts again */
    size_t numbered_rows = 0;
    for (size_t k = i; k < end; k++)
        numbered_rows += numbered_line(P, &P->l[k]);
    bool sparse = nbig <= 1 || 2 * nbig < numbered_rows;
    if (sparse)
        gaps = rules = false;
    /* each column's widest text on one line */
    float widest[TABLE_MAX_BOUNDS + 1];
    for (size_t c = 0; c <= nb; c++)
        widest[c] = 0;
    for (size_t k = i; k < end; k++) {
        const pline *l = &P->l[k];
        float x0 = 0, x1 = 0;
        size_t col = (size_t)-1;
        for (uint32_t j = l->w0; j <= l->w1; j++) {
            size_t c = j < l->w1 ? column_of(bounds, nb, P->w[P->order[j]].x0) : (size_t)-1;
            if (c != col && col != (size_t)-1)
                widest[col] = fmaxf(widest[col], x1 - x0);
            if (j == l->w1)
                break;
            if (c != col)
                x0 = P->w[P->order[j]].x0, col = c;
            x1 = P->w[P->order[j]].x1;
        }
    }
    fragment *f = vn_xmalloc(TABLE_MAX_FRAGMENTS * sizeof *f);
    size_t nf = 0;
    uint16_t row = L->table_rows;
    bool row_has_first = false, joined_once = false;
    /* per column: 1 while its cell's lines go on, 2 once a line of the row
     * left it empty (a cell's lines follow one another, whatever its
     * alignment: text there again is the next row's) */
    uint8_t cell_state[TABLE_MAX_BOUNDS + 1] = {0};
    /* ... told only where the row's lines keep the cells' spacing, its
     * cells sharing their lines' heights (set at the top of their rows): in
     * cells centred in their height the lines of two cells interleave */
    bool on_grid = true, row_unnumbered = false;
    for (size_t k = i, part = 0; k < end; part = 0, k++) {
        const pline *l = &P->l[k];
        bool resumed = false;
        if (k > i)
            on_grid = on_grid && l->base - P->l[k - 1].base >= spacing - ROW_ALIGN_PT &&
                      l->base - P->l[k - 1].base <= pitch + TABLE_RULE_PT;
        if (sparse && on_grid && k > i) {
            bool here[TABLE_MAX_BOUNDS + 1];
            columns_holding(P, l, bounds, nb, here);
            for (size_t c = 0; c <= nb; c++)
                resumed = resumed || (here[c] && cell_state[c] == 2);
        }
        /* a line whose words sit at two heights, where the rules show the
         * rows: the upper words go on with their cells above, the lower
         * start a row under a rule that runs under some columns only (a
         * two-row header: "Đơn vị" / "tính" beside "Mục tiêu" / "Năm") */
        float low = l->base, high = l->base;
        for (uint32_t j = l->w0; j < l->w1; j++)
            high = fminf(high, P->w[P->order[j]].y1);
        bool two_heights = rules && !gaps && k > i && low - high > 2 * TABLE_RULE_PT + ROW_ALIGN_PT;
    again:;
        /* the words of this part: all, or those above or below the middle */
        float cut = (low + high) / 2;
        size_t c0 = column_of(bounds, nb, P->w[P->order[l->w0]].x0);
        uint32_t lead = P->g[P->w[P->order[l->w0]].g0].cp;
        bool numbered = (lead >= '0' && lead <= '9') || lead == 'I' || lead == 'V' || lead == 'X';
        /* a row's number stands beside its first line's text ("1.1" cut
         * in a narrow column goes on alone: "1." / "1") */
        bool beside = column_of(bounds, nb, P->w[P->order[l->w1 - 1]].x0) > 0;
        float step = (two_heights && part == 0 ? high : l->base) - P->l[k > i ? k - 1 : i].base;
        /* the rules between rows, where they show, say it better than a
         * number does: a row's number wrapped in a narrow column ("1" /
         * "0", "I" / "I") starts no row */
        bool new_row = k == i || (two_heights && part == 1) ||
                       (gaps    ? step > pitch + TABLE_ROW_EM * l->h
                        : rules ? step > pitch + TABLE_RULE_PT
                                : (c0 == 0 && (row_has_first || row_unnumbered) && numbered && beside) || resumed ||
                                      step > pitch + TABLE_RULE_PT);
        if (new_row && nf) {
            write_header_or_row(L, P, page, f, nf, nb, &row, widest, continued && !joined_once,
                                !continued && !joined_once && body > i, bounds);
            joined_once = true;
            nf = 0;
        }
        if (new_row) {
            row_has_first = false;
            /* a row that its cells starting again opened, with nothing in
             * the first column ("Trong đó: …"): the next numbered line is
             * the next row's */
            row_unnumbered = resumed && c0 > 0;
            on_grid = true;
            memset(cell_state, 0, sizeof cell_state);
        }
        if (sparse && part == 0) {
            bool here[TABLE_MAX_BOUNDS + 1];
            columns_holding(P, l, bounds, nb, here);
            for (size_t c = 0; c <= nb; c++)
                cell_state[c] = here[c] ? 1 : cell_state[c] ? 2 : 0;
        }
        /* a header's cell merged over several columns lies across their
         * boundaries: its words stay in the column it starts in */
        size_t run_col = (size_t)-1;
        for (uint32_t j = l->w0; j < l->w1; j++) {
            const word *w = &P->w[P->order[j]];
            if (two_heights && (w->y1 > cut) != (part == 1))
                continue;
            size_t c = column_of(bounds, nb, w->x0);
            bool across = false;
            for (size_t b = 0; b < nb; b++)
                across = across || (w->x0 < bounds[b] - ALIGN_PT && w->x1 > bounds[b] + ALIGN_PT);
            if (run_col != (size_t)-1 && j > l->w0 && w->x0 - P->w[P->order[j - 1]].x1 < TABLE_GAP_EM * l->h)
                c = run_col;
            else
                run_col = across ? c : (size_t)-1;
            if (nf && f[nf - 1].line == k && f[nf - 1].col == c && f[nf - 1].w1 == j) {
                f[nf - 1].w1 = j + 1;
                continue;
            }
            if (nf == TABLE_MAX_FRAGMENTS) {
                write_row(L, P, page, f, nf, nb + 1, ++row, widest);
                nf = 0;
            }
            f[nf].line = (uint32_t)k, f[nf].w0 = j, f[nf].w1 = j + 1, f[nf].col = (uint32_t)c;
            nf++;
            row_has_first = row_has_first || c == 0;
        }
        if (two_heights && part == 0) {
            part = 1;
            goto again;
        }
    }
    if (nf)
        write_header_or_row(L, P, page, f, nf, nb, &row, widest, continued && !joined_once,
                            !continued && !joined_once && body > i, bounds);
    L->table_rows = row;
    free(f);
    if (!continued && after_table && prev_rows > 0 && prev_first < first)
        drop_repeated_header(L, first, prev_table, prev_rows, prev_first);
}
