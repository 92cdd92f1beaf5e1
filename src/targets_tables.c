/* targets_tables.c — targets stated in tables rather than sentences.
 *
 * Each value cell of a row is read by the sentence scanner as "INDICATOR
 * đạt VALUE UNIT", so that units and comparators mean the same as in
 * sentences. */
#include "targets_private.h"

/* ---- tables of targets ------------------------------------------------------------------
 * Plans often list their figures in a table: a header row naming the phase
 * of each column ("Đến năm 2027", "Năm 2030"), then one row per indicator
 * with its unit and a value per phase.  Exported from Word the cells are
 * separated by TABs.  A header row is remembered for its parent node; each
 * row under it gives a target per value cell, read by the sentence scanner
 * from "INDICATOR đạt VALUE UNIT" so units and comparators mean the same
 * as in sentences. */

/* The text of a cell. */
static const char *cell_s(const char *s, const table_cell *c) { return c->text ? c->text : s + c->start; }
static size_t cell_n(const table_cell *c) { return c->text ? c->len : c->end - c->start; }

static size_t split_cells(const char *s, vn_span sp, table_cell *cells)
{
    size_t n = 0;
    uint32_t a = sp.start;
    for (uint32_t i = sp.start; i <= sp.end && n < TABLE_MAX_CELLS; i++) {
        if (i < sp.end && s[i] != '\t')
            continue;
        uint32_t x = a, y = i;
        while (x < y && vn_is_space(s[x]))
            x++;
        while (y > x && vn_is_space(s[y - 1]))
            y--;
        cells[n].start = x;
        cells[n].end = y;
        cells[n].text = NULL;
        cells[n].len = 0;
        n++;
        a = i + 1;
    }
    return n;
}

/* The phase a header cell names ("Đến năm 2027", "Năm 2030", "2030"). */
static uint16_t cell_phase(const char *text, const table_cell *c)
{
    const char *s = cell_s(text, c);
    size_t n = cell_n(c);
    uint16_t last = VN_PHASE_NONE; /* the last year of the cell: "2026-2030" ends in 2030 */
    for (size_t i = 0; i + 4 <= n; i++)
        if ((s[i] == '1' || s[i] == '2') && vn_is_digit(s[i + 1]) && vn_is_digit(s[i + 2]) &&
            vn_is_digit(s[i + 3]) && (i + 4 == n || !vn_is_digit(s[i + 4])) && (i == 0 || !vn_is_digit(s[i - 1])))
            last = (uint16_t)((s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0'));
    return last;
}

static bool cell_has_digit(const char *text, const table_cell *c)
{
    const char *s = cell_s(text, c);
    for (size_t i = 0; i < cell_n(c); i++)
        if (vn_is_digit(s[i]))
            return true;
    return false;
}

static bool cell_is_count(const char *text, const table_cell *c) /* "3", "1.2": the row number */
{
    const char *s = cell_s(text, c);
    size_t n = cell_n(c);
    if (n == 0 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!vn_is_digit(s[i]) && s[i] != '.')
            return false;
    return true;
}

/* "Đơn vị tính", "ĐVT", "Đơn vị"; not "Đơn vị chủ trì" (who does it) */
static bool cell_names_unit(const char *text, const table_cell *c)
{
    vn_buf key = {0};
    vn_fold_key(cell_s(text, c), cell_n(c), &key);
    bool unit = key.len && (strcmp(key.data, "đơn vị") == 0 || strncmp(key.data, "đơn vị tính", 13) == 0 ||
                            strncmp(key.data, "đơn vị đo", 11) == 0 || strcmp(key.data, "đvt") == 0);
    vn_buf_free(&key);
    return unit;
}

/* The words a cell's closing parentheses hold ("Năm 2030 (%)", "Các chỉ
 * tiêu tính bằng số người (người/năm)"): the unit the cell names for the
 * values under or after it.  Copied into out (cap bytes); its length, or 0. */
static size_t paren_unit(const char *t, size_t n, char *out, size_t cap)
{
    while (n > 0 && (t[n - 1] == ':' || t[n - 1] == ' '))
        n--;
    if (n < 3 || t[n - 1] != ')')
        return 0;
    size_t open = n - 1;
    while (open > 0 && t[open - 1] != '(')
        open--;
    size_t len = n - 1 - open;
    if (open == 0 || len == 0 || len >= cap)
        return 0;
    memcpy(out, t + open, len);
    return len;
}

/* The cell names what was done or is estimated ("Hiện trạng năm 2024",
 * "Ước thực hiện năm 2025", "Năm 2025 (hiện trạng)"): targets.txt
 * [current_column].  Its year is no phase, its figures no target. */
static bool cell_current(const vnplan_doc *doc, const table_cell *c)
{
    vn_buf key = {0};
    vn_fold_key(cell_s(doc->text.s, c), cell_n(c), &key);
    size_t at, len;
    bool current = key.len && vn_phrases_find(&doc->grammar->targets->current, key.data, key.len, &at, &len) >= 0;
    vn_buf_free(&key);
    return current;
}

/* The unit a year's header cell names in parentheses before or after its
 * year ("Tỷ lệ (%) năm 2027", "Năm 2030 (%)"): words without a figure. */
static size_t head_unit(const char *t, size_t n, char *out, size_t cap)
{
    size_t len = paren_unit(t, n, out, cap);
    if (len)
        return len;
    const char *open = memchr(t, '(', n);
    const char *close = open ? memchr(open, ')', n - (size_t)(open - t)) : NULL;
    if (!close || close - open < 2 || (size_t)(close - open - 1) >= cap)
        return 0;
    for (const char *c = open + 1; c < close; c++)
        if (vn_is_digit(*c))
            return 0;
    memcpy(out, open + 1, (size_t)(close - open - 1));
    return (size_t)(close - open - 1);
}

/* A header row: some cells name a year, the others hold no digit; a cell
 * of the current state names a year but heads no target. */
bool vn_tg_read_table_head(const vnplan_doc *doc, const table_cell *cells, size_t n, table_head *h)
{
    const char *s = doc->text.s;
    size_t phases = 0;
    h->ncells = n;
    h->unit_col = -1;
    h->group_unit_len = 0;
    for (size_t i = 0; i < n; i++) {
        h->phase[i] = cell_phase(s, &cells[i]);
        h->last_main[i] = -1;
        h->col_unit_len[i] = 0;
        h->current[i] = h->phase[i] && cell_current(doc, &cells[i]);
        if (h->current[i]) {
            h->phase[i] = VN_PHASE_NONE;
            continue;
        }
        if (h->phase[i])
            h->col_unit_len[i] = (uint8_t)head_unit(cell_s(s, &cells[i]), cell_n(&cells[i]), h->col_unit[i],
                                                    sizeof h->col_unit[i]);
        if (h->phase[i])
            phases++;
        else if (cell_has_digit(s, &cells[i]))
            return false;
        else if (h->unit_col < 0 && cell_names_unit(s, &cells[i]))
            h->unit_col = (int)i;
    }
    h->by_rows = false;
    h->grid = false;
    return phases >= 1 && n >= 3;
}

/* A header written over two rows, as Word merges it: the first names the
 * columns ("TT", "Chỉ tiêu", "Đơn vị tính", then one cell spanning the year
 * columns: "Mục tiêu"), the second holds the years under it, its cells under
 * the merged ones empty.  The years' row alone names no unit column: take it
 * from the row above, a row of TAB cells without a digit whose cells line up
 * with the second's up to the spanning one. */
static void read_head_above(const vnplan_doc *doc, int32_t n, table_head *h)
{
    const char *s = doc->text.s;
    if (h->unit_col >= 0 || n < 1)
        return;
    const vn_node *above = &doc->nodes[n - 1];
    if (above->kind != VN_KIND_PARAGRAPH || above->parent != doc->nodes[n].parent)
        return;
    vn_span sp = vn_node_own_span(doc, (size_t)(n - 1));
    if (!memchr(s + sp.start, '\t', sp.end - sp.start))
        return;
    table_cell cells[TABLE_MAX_CELLS];
    size_t nc = split_cells(s, sp, cells);
    for (size_t i = 0; i < nc; i++)
        if (cell_has_digit(s, &cells[i]))
            return;
    for (size_t i = 0; i < nc && i < h->ncells; i++)
        if (!h->phase[i] && cell_names_unit(s, &cells[i])) {
            h->unit_col = (int)i;
            return;
        }
}

/* The text starts with a [sub_part] phrase: "Trong đó: thuộc các ngành ...",
 * after a dash or a bullet if the cell was typed as a list's item
 * ("- Trong đó: ..."). */
static bool starts_part(scanner *sc, const char *s, size_t n)
{
    while (n > 0 && (*s == '-' || *s == '+' || *s == '*' || *s == ' '))
        s++, n--;
    vn_tg_tokenize(sc, s, n < 80 ? n : 80);
    size_t b = sc->ntoks < MAX_PHRASE_TOKENS ? sc->ntoks : MAX_PHRASE_TOKENS;
    vn_tg_ensure_keys(sc, 0, b);
    return b > 0 && vn_tg_match_forward(sc, &sc->r->sub_part, 0, b, NULL) != NULL;
}

/* The header's cells wrapped onto a second row, the years above and each
 * year's unit under it ("Năm 2030" / "(%)"), as a PDF's table is read line
 * by line: a row with no digit whose year columns hold only a unit in
 * parentheses.  Those units are the columns'. */
static bool read_header_units_row(const vnplan_doc *doc, table_head *h, const table_cell *cells, size_t ncells)
{
    const char *s = doc->text.s;
    size_t units = 0;
    for (size_t i = 0; i < ncells; i++) {
        if (cell_has_digit(s, &cells[i]))
            return false;
        const char *t = cell_s(s, &cells[i]);
        size_t n = cell_n(&cells[i]);
        units += i < h->ncells && h->phase[i] && n >= 3 && t[0] == '(' && t[n - 1] == ')';
    }
    if (!units)
        return false;
    for (size_t i = 0; i < ncells && i < h->ncells; i++)
        if (h->phase[i] && cell_n(&cells[i]) >= 3 && cell_s(s, &cells[i])[0] == '(')
            h->col_unit_len[i] = (uint8_t)paren_unit(cell_s(s, &cells[i]), cell_n(&cells[i]), h->col_unit[i],
                                                     sizeof h->col_unit[i]);
    return true;
}

/* A group row ("A | Các chỉ tiêu tính bằng tỷ lệ (%)", "II | NHÓM CHỈ TIÊU
 * SỐ LƯỢNG"): its number cell is letters (A, B, I, II), and no value column
 * holds a number.  Where the table has no unit column, the unit the group's
 * title names in its closing parentheses is the unit of the rows under it,
 * up to the next group row. */
static bool read_group_row(const vnplan_doc *doc, table_head *h, const table_cell *cells, size_t ncells, int ind)
{
    const char *s = doc->text.s;
    if (ncells == 0 || ind <= 0)
        return false;
    const char *num = cell_s(s, &cells[0]);
    size_t nn = cell_n(&cells[0]);
    if (nn == 0 || nn > 4)
        return false;
    for (size_t i = 0; i < nn; i++)
        if (num[i] < 'A' || num[i] > 'Z')
            return false;
    for (size_t i = 0; i < ncells && i < h->ncells; i++)
        if (h->phase[i] && cell_has_digit(s, &cells[i]))
            return false;
    h->group_unit_len = paren_unit(cell_s(s, &cells[ind]), cell_n(&cells[ind]), h->group_unit, sizeof h->group_unit);
    return true;
}

/* The target of one value cell, read by the sentence scanner from
 * "INDICATOR đạt VALUE UNIT" with the phase of its column (or row): its
 * index in doc->targets, or -1 when the cell states none.  unit: the unit
 * the table gives the cell (unit_cell: the cell it was read from, or NULL);
 * text: the row as a reader reads it; sentence: a scratch buffer. */
static int32_t cell_target(extractor *ex, int32_t n, const char *ind, size_t ind_len, const table_cell *cell,
                           const char *unit, size_t unit_len, const table_cell *unit_cell, uint16_t phase,
                           const char *text, size_t textlen, vn_buf *sentence)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    vn_buf_clear(sentence);
    vn_buf_put(sentence, ind, ind_len);
    size_t value_at = sentence->len + 5; /* after " đạt " */
    vn_buf_puts(sentence, " đạt ");
    /* a footnote's mark after the value ("35¹", "200²") is no part of it */
    const unsigned char *v = (const unsigned char *)cell_s(s, cell);
    size_t vn = cell_n(cell);
    for (;;) {
        if (vn >= 2 && v[vn - 2] == 0xC2 && (v[vn - 1] == 0xB9 || v[vn - 1] == 0xB2 || v[vn - 1] == 0xB3))
            vn -= 2; /* ¹ ² ³ */
        else if (vn >= 3 && v[vn - 3] == 0xE2 && v[vn - 2] == 0x81 &&
                 (v[vn - 1] == 0xB0 || (v[vn - 1] >= 0xB4 && v[vn - 1] <= 0xB9)))
            vn -= 3; /* ⁰ ⁴ … ⁹ */
        else
            break;
    }
    vn_buf_put(sentence, (const char *)v, vn);
    if (unit_len) {
        vn_buf_putc(sentence, ' ');
        vn_buf_put(sentence, unit, unit_len);
    }
    vn_scan_hit hit;
    vn_scan_ctx ctx = {phase};
    if (vn_targets_scan(doc->grammar, sentence->data, sentence->len, &ctx, &hit, 1) < 1 ||
        hit.number.start < value_at)
        return -1;
    vn_target *t = vn_tg_new_target(doc, n, ex->section[n]);
    t->cmp = hit.cmp;
    t->phase = phase;
    t->value = hit.value;
    t->value_max = hit.value_max;
    /* the number as written, without the cell's qualifier ("Tối thiểu 50") */
    t->value_text = vn_intern(&ex->strs, &doc->arena, sentence->data + hit.number.start,
                              hit.number.end - hit.number.start);
    t->unit =
        vn_intern(&ex->strs, &doc->arena, sentence->data + hit.unit.start, hit.unit.end - hit.unit.start);
    t->unit_class = vn_intern(&ex->strs, &doc->arena, hit.unit_class, strlen(hit.unit_class));
    t->indicator = vn_intern(&ex->strs, &doc->arena, ind, ind_len);
    t->text = vn_intern(&ex->strs, &doc->arena, text, textlen);
    t->span = vn_node_own_span(doc, (size_t)n);
    t->value_span = vn_span_make(cell->start, cell->end);
    /* the number and a qualifier inside the value cell ("Tối thiểu 50"),
     * and the unit's cell: spans of the document when the cell is one
     * piece of it */
    size_t cell_end = value_at + cell_n(cell);
    if (!cell->text && hit.number.end <= cell_end)
        t->value_span = vn_span_make(cell->start + (hit.number.start - value_at),
                                     cell->start + (hit.number.end - value_at));
    if (!cell->text && hit.cmp_words.start >= value_at && hit.cmp_words.end <= cell_end &&
        hit.cmp_words.end > hit.cmp_words.start)
        t->cmp_span = vn_span_make(cell->start + (hit.cmp_words.start - value_at),
                                   cell->start + (hit.cmp_words.end - value_at));
    if (unit_cell && !unit_cell->text)
        t->unit_span = vn_span_make(unit_cell->start, unit_cell->end);
    t->parent = -1;
    return (int32_t)(doc->ntargets - 1);
}

static size_t words_before_unit(const char *t, size_t n, char *unit, size_t cap, size_t *unit_len);

/* One row of a table under a known header: a target per value cell.  A row
 * whose indicator starts "Trong đó" holds parts of the row above it, column
 * by column.  text: the row as a reader reads it. */
static size_t read_table_row(extractor *ex, int32_t n, table_head *h, const table_cell *cells, size_t ncells,
                             const char *text, size_t textlen)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    /* the indicator: the longest cell without a phase that is not the unit,
     * nor a figure of the current state; one before the value columns if
     * any is (a note after them, "Ghi chú", is no indicator) */
    int ind = -1;
    size_t first_value = ncells;
    for (size_t i = 0; i < ncells && i < h->ncells && first_value == ncells; i++)
        if (h->phase[i] || h->current[i])
            first_value = i;
    for (int pass = 0; pass < 2 && ind < 0; pass++)
        for (size_t i = 0; i < (pass ? ncells : first_value) && i < h->ncells; i++) {
            if (h->phase[i] || h->current[i] || (int)i == h->unit_col || cell_is_count(s, &cells[i]) ||
                cell_n(&cells[i]) == 0)
                continue;
            if (ind < 0 || cell_n(&cells[i]) > cell_n(&cells[ind]))
                ind = (int)i;
        }
    if (ind < 0)
        return 0;
    if (read_header_units_row(doc, h, cells, ncells) || read_group_row(doc, h, cells, ncells, ind))
        return 0;
    const char *ind_s = cell_s(s, &cells[ind]);
    size_t ind_n = cell_n(&cells[ind]);
    bool part = starts_part(&ex->sc, ind_s, ind_n);
    /* no column names the unit: the indicator may, in closing parentheses
     * ("Tỷ lệ trường đạt chuẩn (%)"), and is read without them */
    char ind_unit[TABLE_GROUP_UNIT_MAX];
    size_t ind_unit_len = 0, ind_words = words_before_unit(ind_s, ind_n, ind_unit, sizeof ind_unit, &ind_unit_len);
    size_t found = 0;
    vn_buf sentence = {0};
    for (size_t i = 0; i < ncells && i < h->ncells; i++) {
        if (!h->phase[i] || !cell_has_digit(s, &cells[i]))
            continue;
        const table_cell *unit_cell = NULL;
        const char *unit = NULL;
        size_t unit_len = 0;
        if (h->unit_col >= 0 && (size_t)h->unit_col < ncells && cell_n(&cells[h->unit_col])) {
            unit_cell = &cells[h->unit_col];
            unit = cell_s(s, unit_cell), unit_len = cell_n(unit_cell);
        } else if (h->col_unit_len[i]) {
            /* "Năm 2030 (%)": the column's header names the unit */
            unit = h->col_unit[i], unit_len = h->col_unit_len[i];
        } else if (h->group_unit_len) {
            unit = h->group_unit, unit_len = h->group_unit_len;
        }
        int32_t self = cell_target(ex, n, ind_s, ind_n, &cells[i], unit, unit_len, unit_cell, h->phase[i], text,
                                   textlen, &sentence);
        if (self < 0 && unit_cell) {
            /* a unit cell that says what the figure is before its unit
             * ("Tỷ lệ %", "Tỷ lệ (%)"): the unit is its parentheses' or
             * its last word */
            char last[TABLE_GROUP_UNIT_MAX];
            size_t ll = paren_unit(unit, unit_len, last, sizeof last);
            if (!ll) {
                const char *sp = unit + unit_len;
                while (sp > unit && sp[-1] != ' ')
                    sp--;
                ll = (size_t)(unit + unit_len - sp);
                if (sp > unit && ll < sizeof last)
                    memcpy(last, sp, ll);
                else
                    ll = 0;
            }
            if (ll)
                self = cell_target(ex, n, ind_s, ind_n, &cells[i], last, ll, unit_cell, h->phase[i], text,
                                   textlen, &sentence);
        }
        if (self < 0 && !unit_len && ind_unit_len) /* a bare figure: the unit is the indicator's */
            self = cell_target(ex, n, ind_s, ind_words, &cells[i], ind_unit, ind_unit_len, NULL, h->phase[i], text,
                               textlen, &sentence);
        if (self < 0)
            continue;
        doc->targets[self].parent = part ? h->last_main[i] : -1;
        if (!part)
            h->last_main[i] = self;
        found++;
    }
    vn_buf_free(&sentence);
    return found;
}

/* The cells of a row of a table laid out with spaces: each segment of each
 * of the row's lines goes to the column of the segment of the row's first
 * line that starts where it does (a wrapped indicator starts under its
 * first line), else to the header column it overlaps most; the pieces of a
 * cell are joined with a space (ex->cells holds the texts). */
#define ROW_MAX_PIECES 64
static size_t layout_row_cells(extractor *ex, const vn_node *nd, const table_head *h, table_cell *cells)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    struct piece { int col; uint32_t a, b; } pieces[ROW_MAX_PIECES];
    size_t np = 0, nfirst = 0;
    vn_segment first[TABLE_MAX_CELLS];
    int first_col[TABLE_MAX_CELLS];
    bool first_line = true;
    for (uint32_t k = nd->line_first; k <= nd->line_last && k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE | VN_PL_FOOTNOTE))
            continue; /* a footnote at the page's foot under the row is none of its cells */
        vn_segment g[TABLE_MAX_CELLS];
        size_t ng;
        if (h->bordered) {
            vn_cut_columns(s + pl->start, pl->end - pl->start, vn_pline_indent(doc, k), h->segs, h->nsegs, g);
            for (size_t c = 0; c < h->nsegs && np < ROW_MAX_PIECES; c++)
                if (g[c].end > g[c].start) {
                    pieces[np].col = (int)c;
                    pieces[np].a = pl->start + g[c].start;
                    pieces[np].b = pl->start + g[c].end;
                    np++;
                }
            continue;
        }
        ng = vn_line_segments(s + pl->start, pl->end - pl->start, vn_pline_indent(doc, k), g, TABLE_MAX_CELLS);
        if (h->nsegs >= 2) {
            ng = vn_split_row_number(s + pl->start, g, ng, TABLE_MAX_CELLS, h->segs[1].col, 3);
            ng = vn_split_value_pairs(s + pl->start, g, ng, TABLE_MAX_CELLS, h->segs, h->nsegs, 3);
            ng = vn_split_unit_symbol(s + pl->start, g, ng, TABLE_MAX_CELLS, h->segs, h->nsegs, 3);
        }
        for (size_t i = 0; i < ng && np < ROW_MAX_PIECES; i++) {
            int col = -1;
            for (size_t f = 0; f < nfirst && col < 0; f++)
                if (g[i].col + 1 >= first[f].col && g[i].col <= first[f].col + 1)
                    col = first_col[f];
            if (col < 0)
                col = vn_segment_column_in_line(h->segs, h->nsegs, g, ng, i, 3);
            if (col < 0)
                continue;
            if (first_line && nfirst < TABLE_MAX_CELLS) {
                first[nfirst] = g[i];
                first_col[nfirst++] = col;
            }
            pieces[np].col = col;
            pieces[np].a = pl->start + g[i].start;
            pieces[np].b = pl->start + g[i].end;
            np++;
        }
        first_line = false;
    }
    vn_buf_clear(&ex->cells);
    size_t off[TABLE_MAX_CELLS];
    for (size_t col = 0; col < h->nsegs; col++) {
        off[col] = ex->cells.len;
        cells[col].start = cells[col].end = 0;
        for (size_t p = 0; p < np; p++) {
            if (pieces[p].col != (int)col)
                continue;
            if (ex->cells.len > off[col])
                vn_buf_putc(&ex->cells, ' ');
            vn_buf_put(&ex->cells, s + pieces[p].a, pieces[p].b - pieces[p].a);
            if (cells[col].end == 0)
                cells[col].start = pieces[p].a;
            cells[col].end = pieces[p].b;
        }
        cells[col].len = (uint32_t)(ex->cells.len - off[col]);
    }
    /* pointers only now: the buffer may have moved while it grew */
    for (size_t col = 0; col < h->nsegs; col++)
        cells[col].text = ex->cells.data ? ex->cells.data + off[col] : "";
    return h->nsegs;
}

/* pdftotext prints two value cells set close together as one ("Khoảng 50
 * Khoảng 100", "≥ 15 ≥ 20"): a row one cell short whose last cell holds
 * exactly two numbers, and no words but before each, is cut after the first
 * number (and its "%").  Returns the number of cells. */
static size_t split_value_pair(extractor *ex, table_cell *cells, size_t *off, size_t nc)
{
    size_t a = off[nc - 1], e = ex->cells.len, numbers = 0, cut = 0;
    const char *t = ex->cells.data;
    for (size_t i = a; i < e;) {
        if (!vn_is_digit(t[i])) {
            i++;
            continue;
        }
        while (i < e && (vn_is_digit(t[i]) || ((t[i] == '.' || t[i] == ',') && i + 1 < e && vn_is_digit(t[i + 1]))))
            i++;
        if (++numbers == 1) {
            cut = i;
            size_t j = i;
            while (j < e && t[j] == ' ')
                j++;
            if (j < e && t[j] == '%')
                cut = i = j + 1;
        }
    }
    if (numbers != 2 || cut == 0 || cut >= e || t[cut] != ' ')
        return nc;
    off[nc] = cut + 1;
    cells[nc] = (table_cell){cells[nc - 1].end, cells[nc - 1].end, NULL, 0};
    return nc + 1;
}

/* The cells of a row of a table printed one cell under another
 * (lines_stacked.c): each cell starts at a line marked VN_PL_STACKED (a
 * blank one is an empty cell, also just before or after the row's lines)
 * and goes on over the lines after it; a part's row one cell short of the
 * header's, with no number, gets an empty first cell.  ex->cells holds the
 * texts. */
static size_t stacked_row_cells(extractor *ex, const vn_node *nd, size_t want, table_cell *cells)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    size_t nc = 0, off[TABLE_MAX_CELLS];
    vn_buf_clear(&ex->cells);
    for (uint32_t k = nd->line_first; k <= nd->line_last && k < doc->nplines; k++) {
        const vn_pline *pl = &doc->plines[k];
        bool starts = (pl->flags & VN_PL_STACKED) != 0;
        if (!starts && (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE | VN_PL_FOOTNOTE)))
            continue;
        if (starts || nc == 0) {
            if (nc == TABLE_MAX_CELLS)
                break;
            off[nc] = ex->cells.len;
            cells[nc] = (table_cell){pl->start, pl->start, NULL, 0};
            nc++;
        }
        if (pl->flags & VN_PL_BLANK)
            continue;
        uint32_t a = pl->start, b = pl->end;
        while (a < b && (vn_is_space(s[a]) || s[a] == '\f'))
            a++;
        while (b > a && vn_is_space(s[b - 1]))
            b--;
        table_cell *c = &cells[nc - 1];
        if (ex->cells.len > off[nc - 1])
            vn_buf_putc(&ex->cells, ' ');
        else
            c->start = a;
        vn_buf_put(&ex->cells, s + a, b - a);
        c->end = b;
    }
    /* empty cells printed as empty lines after the row's last words */
    for (uint32_t k = nd->line_last + 1; nc < want && k < doc->nplines && (doc->plines[k].flags & VN_PL_BLANK) &&
                                         (doc->plines[k].flags & VN_PL_STACKED);
         k++) {
        off[nc] = ex->cells.len;
        cells[nc] = (table_cell){doc->plines[k].start, doc->plines[k].start, NULL, 0};
        nc++;
    }
    size_t shift = 0;
    if (nc + 1 == want && nc > 0 && !cell_is_count(s, &cells[0]))
        shift = 1; /* a part's row: its number cell is empty, or left out */
    else if (nc + 1 == want && nc >= 2 && nc < TABLE_MAX_CELLS)
        nc = split_value_pair(ex, cells, off, nc);
    if (nc + shift > TABLE_MAX_CELLS)
        shift = 0;
    for (size_t i = nc; i-- > 0;) {
        cells[i + shift] = cells[i];
        off[i + shift] = off[i];
    }
    nc += shift;
    for (size_t i = 0; i < shift; i++) {
        off[i] = ex->cells.len;
        cells[i] = (table_cell){cells[shift].start, cells[shift].start, NULL, 0};
    }
    for (size_t i = 0; i < nc; i++) {
        size_t end = i + 1 < nc ? off[i + 1] : ex->cells.len;
        if (end < off[i])
            end = off[i];
        cells[i].len = (uint32_t)(end - off[i]);
    }
    /* pointers only now: the buffer may have moved while it grew */
    for (size_t i = 0; i < nc; i++)
        cells[i].text = ex->cells.data ? ex->cells.data + off[i] : "";
    return nc;
}

/* The columns of a header laid out over several lines: every segment of
 * its lines, those that overlap merged into one column, left to right. */
static size_t head_columns(const vnplan_doc *doc, const vn_node *nd, vn_segment *out)
{
    size_t n = 0;
    for (uint32_t k = nd->line_first; k <= nd->line_last && k < doc->nplines; k++) {
        const vn_pline *q = &doc->plines[k];
        if (q->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
            continue;
        vn_segment g[TABLE_MAX_CELLS];
        size_t nq = vn_line_segments(doc->text.s + q->start, q->end - q->start, vn_pline_indent(doc, k), g,
                                     TABLE_MAX_CELLS);
        for (size_t i = 0; i < nq; i++) {
            size_t c = 0;
            while (c < n && !(g[i].col < out[c].end_col && g[i].end_col > out[c].col))
                c++;
            if (c < n) {
                out[c].col = out[c].col < g[i].col ? out[c].col : g[i].col;
                out[c].end_col = out[c].end_col > g[i].end_col ? out[c].end_col : g[i].end_col;
                continue;
            }
            if (n == TABLE_MAX_CELLS)
                return 0;
            size_t at = n++;
            while (at > 0 && out[at - 1].col > g[i].col) {
                out[at] = out[at - 1];
                at--;
            }
            out[at] = g[i];
            out[at].start += q->start, out[at].end += q->start;
        }
    }
    return n;
}

/* The border pandoc draws above a table (the furniture line of dash runs
 * just before line k, blank lines between), or, in a simple table with none
 * above, under its header (right after line `last`): its columns, or 0. */
static size_t border_above(const vnplan_doc *doc, uint32_t k, uint32_t last, vn_segment *cols)
{
    for (uint32_t u = last; u <= last + 1 && u < doc->nplines; u++) {
        const vn_pline *under = &doc->plines[u];
        size_t n = (under->flags & VN_PL_FURNITURE) && u > k
                       ? vn_border_columns(doc->text.s + under->start, under->end - under->start,
                                           vn_pline_indent(doc, u), cols, TABLE_MAX_CELLS)
                       : 0;
        if (n)
            return n;
    }
    while (k > 0) {
        const vn_pline *pl = &doc->plines[--k];
        if (pl->flags & VN_PL_BLANK)
            continue;
        if (!(pl->flags & VN_PL_FURNITURE))
            return 0;
        return vn_border_columns(doc->text.s + pl->start, pl->end - pl->start, vn_pline_indent(doc, k), cols,
                                 TABLE_MAX_CELLS);
    }
    return 0;
}

/* A row under the current header, its targets' text being the row as a
 * reader reads it: its cells, apart. */
size_t vn_tg_read_table_row_text(extractor *ex, int32_t n, const table_cell *cells, size_t nc)
{
    const char *s = ex->doc->text.s;
    vn_buf row = {0};
    for (size_t c = 0; c < nc; c++) {
        if (!cell_n(&cells[c]))
            continue;
        if (row.len)
            vn_buf_puts(&row, " | ");
        vn_buf_put(&row, cell_s(s, &cells[c]), cell_n(&cells[c]));
    }
    size_t found = read_table_row(ex, n, &ex->table, cells, nc, row.data ? row.data : "", row.len);
    vn_buf_free(&row);
    return found;
}

/* Node n is the first row of a header written over two rows: the next node,
 * a sibling, is a row of TAB cells naming years (read_head_above). */
static bool heads_years_below(const vnplan_doc *doc, int32_t n)
{
    const char *s = doc->text.s;
    if ((size_t)n + 1 >= doc->nnodes)
        return false;
    const vn_node *below = &doc->nodes[n + 1];
    if (below->kind != VN_KIND_PARAGRAPH || below->parent != doc->nodes[n].parent)
        return false;
    vn_span sp = vn_node_own_span(doc, (size_t)(n + 1));
    while (sp.start > 0 && (s[sp.start - 1] == '\t' || s[sp.start - 1] == ' '))
        sp.start--;
    if (!memchr(s + sp.start, '\t', sp.end - sp.start))
        return false;
    table_cell cells[TABLE_MAX_CELLS];
    size_t nc = split_cells(s, sp, cells);
    table_head h;
    return nc >= 3 && vn_tg_read_table_head(doc, cells, nc, &h);
}

/* The years of a short paragraph that holds nothing else ("Năm 2030 Năm
 * 2035"), in order, or 0 when it holds other figures. */
#define YEARS_LINE_MAX 96 /* bytes */
static size_t years_only(const char *s, vn_span sp, uint16_t *years, size_t max)
{
    size_t n = 0;
    if (sp.end - sp.start > YEARS_LINE_MAX)
        return 0;
    for (uint32_t i = sp.start; i < sp.end;) {
        if (!vn_is_digit(s[i])) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < sp.end && vn_is_digit(s[j]))
            j++;
        table_cell c = {i, j, NULL, 0};
        uint16_t y = cell_phase(s, &c);
        if (!y || j - i != 4 || n >= max)
            return 0;
        years[n++] = y;
        i = j;
    }
    return n;
}

/* A header of cells nc, its years (as many as its cells of a unit in
 * parentheses) given to those cells' columns in order. */
static void head_from_years(const vnplan_doc *doc, table_head *h, const table_cell *cells, size_t nc,
                            const uint16_t *years)
{
    const char *s = doc->text.s;
    memset(h, 0, sizeof *h);
    h->ncells = nc;
    h->unit_col = -1;
    for (size_t i = 0, y = 0; i < nc; i++) {
        h->last_main[i] = -1;
        const char *t = cell_s(s, &cells[i]);
        size_t m = cell_n(&cells[i]);
        if (m >= 3 && t[0] == '(' && t[m - 1] == ')') {
            h->phase[i] = years[y++];
            h->col_unit_len[i] = (uint8_t)paren_unit(t, m, h->col_unit[i], sizeof h->col_unit[i]);
        }
    }
}

/* The cells of a unit in parentheses among nc, or 0 when a cell holds a digit. */
static size_t unit_cells(const vnplan_doc *doc, const table_cell *cells, size_t nc)
{
    const char *s = doc->text.s;
    size_t units = 0;
    for (size_t i = 0; i < nc; i++) {
        if (cell_has_digit(s, &cells[i]))
            return 0;
        const char *t = cell_s(s, &cells[i]);
        size_t m = cell_n(&cells[i]);
        units += m >= 3 && t[0] == '(' && t[m - 1] == ')';
    }
    return units;
}

/* A header whose year cells were printed a line above the rest of it, each
 * year's unit under it ("Năm 2030" / "(%)"), as a PDF's table is read line
 * by line: the paragraph before (a sibling) holds only the years, the row
 * node n holds no digit, and as many of its cells as there are years are a
 * unit in parentheses.  The header, its years given to those cells' columns
 * in order.  years_node: the paragraph of the years. */
static bool head_years_above(const vnplan_doc *doc, int32_t n, const table_cell *cells, size_t nc, table_head *h)
{
    const char *s = doc->text.s;
    if (n < 1 || nc < 3 || nc > TABLE_MAX_CELLS)
        return false;
    const vn_node *above = &doc->nodes[n - 1];
    if (above->kind != VN_KIND_PARAGRAPH || above->parent != doc->nodes[n].parent)
        return false;
    uint16_t years[TABLE_MAX_CELLS];
    size_t ny = years_only(s, vn_node_own_span(doc, (size_t)(n - 1)), years, TABLE_MAX_CELLS);
    if (!ny || ny != unit_cells(doc, cells, nc))
        return false;
    head_from_years(doc, h, cells, nc, years);
    return true;
}

/* Node n is that paragraph of years, right above such a header row. */
static bool years_over_head(const vnplan_doc *doc, int32_t n)
{
    const char *s = doc->text.s;
    if ((size_t)n + 1 >= doc->nnodes || doc->nodes[n].kind != VN_KIND_PARAGRAPH)
        return false;
    const vn_node *below = &doc->nodes[n + 1];
    if (below->kind != VN_KIND_PARAGRAPH || below->parent != doc->nodes[n].parent)
        return false;
    vn_span sp = vn_node_own_span(doc, (size_t)(n + 1));
    if (!memchr(s + sp.start, '\t', sp.end - sp.start))
        return false;
    table_cell cells[TABLE_MAX_CELLS];
    size_t nc = split_cells(s, sp, cells);
    table_head h;
    return head_years_above(doc, n + 1, cells, nc, &h);
}

/* The header row nd of a table laid out with spaces, cut at the columns
 * segs[0..ns) (bordered: pandoc's border, at which lines are cut), made the
 * table the rows under it are read with; false when it is no header. */
static bool head_of_columns(extractor *ex, const vn_node *nd, const vn_segment *segs, size_t ns, bool bordered,
                            table_cell *cells)
{
    table_head head;
    memset(&head, 0, sizeof head);
    head.bordered = bordered;
    head.nsegs = ns;
    memcpy(head.segs, segs, ns * sizeof *segs);
    size_t nc = layout_row_cells(ex, nd, &head, cells);
    if (!vn_tg_read_table_head(ex->doc, cells, nc, &head))
        return false;
    head.parent = nd->parent;
    ex->table = head;
    return true;
}

/* ---- tables turned round ------------------------------------------------
 * A commune's plan may set its few targets in a table whose ROWS are the
 * phases and whose columns the indicators: a header row naming them
 * ("Mốc thời gian | Tỷ lệ học sinh … | Số lao động … (người/năm)"), then a
 * row per phase ("Đến năm 2030 | 35% | Từ 20 đến 30").  Each value cell is
 * read as "HEADER CELL đạt VALUE UNIT", the phase its row's, the unit the
 * one the header cell names in its closing parentheses. */

/* The phase a row's first cell names and nothing else ("Đến năm 2030",
 * "Giai đoạn 2031 - 2035", "Năm 2035"): a short cell whose only figures are
 * years; VN_PHASE_NONE otherwise. */
#define PHASE_CELL_MAX 48 /* bytes */
static uint16_t row_phase(const char *s, const table_cell *c)
{
    uint16_t years[4];
    if (c->text || cell_n(c) > PHASE_CELL_MAX || !years_only(s, vn_span_make(c->start, c->end), years, 4))
        return VN_PHASE_NONE;
    return cell_phase(s, c);
}

/* The length of a header cell's words before its closing parentheses, the
 * unit they name copied into unit (*unit_len; 0: none). */
static size_t words_before_unit(const char *t, size_t n, char *unit, size_t cap, size_t *unit_len)
{
    *unit_len = paren_unit(t, n, unit, cap);
    if (!*unit_len)
        return n;
    size_t open = n;
    while (open > 0 && t[open - 1] != '(')
        open--;
    open = open ? open - 1 : 0;
    while (open > 0 && vn_is_space(t[open - 1]))
        open--;
    return open;
}

/* The cells of the TAB row that is node m, counted from the line's start
 * (a first cell left empty starts the line with a TAB); 0 when m is no
 * such row. */
static size_t tab_row_cells(const vnplan_doc *doc, size_t m, table_cell *cells)
{
    const char *s = doc->text.s;
    if (m >= doc->nnodes || doc->nodes[m].kind != VN_KIND_PARAGRAPH)
        return 0;
    vn_span sp = vn_node_own_span(doc, m);
    while (sp.start > 0 && (s[sp.start - 1] == '\t' || s[sp.start - 1] == ' '))
        sp.start--;
    if (!memchr(s + sp.start, '\t', sp.end - sp.start))
        return 0;
    return split_cells(s, sp, cells);
}

/* Node n, a TAB row of nc cells, heads a table whose rows are the phases:
 * its indicator cells name no figure (their unit in parentheses may), and
 * the next row, a sibling of as many cells, opens with a phase and holds a
 * value. */
static bool heads_phase_rows(const vnplan_doc *doc, int32_t n, const table_cell *cells, size_t nc)
{
    const char *s = doc->text.s;
    if (nc < 3 || (size_t)n + 1 >= doc->nnodes || doc->nodes[n + 1].parent != doc->nodes[n].parent)
        return false;
    for (size_t i = 0; i < nc; i++) {
        char unit[TABLE_GROUP_UNIT_MAX];
        size_t ul;
        table_cell words = cells[i];
        words.end = words.start + (uint32_t)words_before_unit(cell_s(s, &cells[i]), cell_n(&cells[i]), unit,
                                                              sizeof unit, &ul);
        if ((i > 0 && cell_n(&cells[i]) == 0) || cell_has_digit(s, &words))
            return false;
    }
    table_cell below[TABLE_MAX_CELLS];
    if (tab_row_cells(doc, (size_t)n + 1, below) != nc || !row_phase(s, &below[0]))
        return false;
    for (size_t i = 1; i < nc; i++)
        if (cell_has_digit(s, &below[i]))
            return true;
    return false;
}

/* A row of such a table: a target per value cell, the indicator its
 * column's header cell.  A column whose header starts "Trong đó" holds
 * parts of the row's last column that does not. */
static size_t read_phase_row(extractor *ex, int32_t n, const table_cell *cells, size_t nc)
{
    vnplan_doc *doc = ex->doc;
    const char *s = doc->text.s;
    table_cell head[TABLE_MAX_CELLS];
    size_t nh = tab_row_cells(doc, (size_t)ex->table.head_node, head);
    uint16_t phase = row_phase(s, &cells[0]);
    if (cell_current(doc, &cells[0]))
        return 0; /* "Năm 2025 (hiện trạng)": the figures the phases start from */
    size_t found = 0;
    int32_t main = -1;
    vn_buf sentence = {0}, row = {0};
    for (size_t j = 1; j < nc && j < nh; j++) {
        if (!cell_has_digit(s, &cells[j]))
            continue;
        char unit[TABLE_GROUP_UNIT_MAX];
        size_t unit_len;
        const char *ind = cell_s(s, &head[j]);
        size_t ind_len = words_before_unit(ind, cell_n(&head[j]), unit, sizeof unit, &unit_len);
        /* the target as a reader reads it: the row's phase, the column's header, the value */
        vn_buf_clear(&row);
        vn_buf_put(&row, cell_s(s, &cells[0]), cell_n(&cells[0]));
        vn_buf_puts(&row, " | ");
        vn_buf_put(&row, ind, cell_n(&head[j]));
        vn_buf_puts(&row, " | ");
        vn_buf_put(&row, cell_s(s, &cells[j]), cell_n(&cells[j]));
        bool part = starts_part(&ex->sc, ind, ind_len);
        int32_t self = cell_target(ex, n, ind, ind_len, &cells[j], unit, unit_len, NULL, phase, row.data,
                                   row.len, &sentence);
        if (self < 0)
            continue;
        doc->targets[self].parent = part ? main : -1;
        if (!part)
            main = self;
        found++;
    }
    vn_buf_free(&sentence);
    vn_buf_free(&row);
    return found;
}

/* Returns true when node n is a row of a table (handled here, not as a sentence). */
bool vn_tg_visit_table_row(extractor *ex, int32_t n, size_t *found)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    if (nd->kind != VN_KIND_PARAGRAPH)
        return false;
    if (vn_tg_visit_grid_row(ex, n, found))
        return true;
    table_cell cells[TABLE_MAX_CELLS];
    size_t nc;
    bool laid_out = nd->line_first < doc->nplines && (doc->plines[nd->line_first].flags & VN_PL_TABLE);
    vn_span own = vn_node_own_span(doc, (size_t)n);
    if (laid_out && (doc->plines[nd->line_first].flags & VN_PL_STACKED)) {
        if (doc->plines[nd->line_first].flags & VN_PL_TABLE_HEAD) {
            table_head head;
            nc = stacked_row_cells(ex, nd, 0, cells);
            /* a header's second row ("Năm 2027", "Năm 2030" under "Mục
             * tiêu"): its empty cells under the first row's are the blank
             * lines before it */
            size_t lead = 0;
            for (uint32_t k = nd->line_first; k > 0 && (doc->plines[k - 1].flags & VN_PL_BLANK) &&
                                              (doc->plines[k - 1].flags & VN_PL_STACKED) && nc + lead < TABLE_MAX_CELLS;
                 k--)
                lead++;
            memmove(cells + lead, cells, nc * sizeof *cells);
            for (size_t i = 0; i < lead; i++)
                cells[i] = (table_cell){cells[lead].start, cells[lead].start, "", 0};
            nc += lead;
            if (!vn_tg_read_table_head(doc, cells, nc, &head))
                return false;
            if (lead && head.unit_col < 0 && n > 0 && doc->nodes[n - 1].line_first < doc->nplines &&
                (doc->plines[doc->nodes[n - 1].line_first].flags & VN_PL_STACKED)) {
                /* the unit column is named in the first row ("Đơn vị tính") */
                size_t np = stacked_row_cells(ex, &doc->nodes[n - 1], 0, cells);
                for (size_t i = 0; i < np && i < lead && head.unit_col < 0; i++)
                    if (cell_names_unit(doc->text.s, &cells[i]))
                        head.unit_col = (int)i;
            }
            head.parent = nd->parent;
            head.bordered = false;
            head.nsegs = 0;
            ex->table = head;
            return true;
        }
        if (ex->table.parent != nd->parent || ex->table.ncells == 0 || ex->table.nsegs != 0)
            return false;
        nc = stacked_row_cells(ex, nd, ex->table.ncells, cells);
        if (nc >= 2 && nc < ex->table.ncells && read_group_row(doc, &ex->table, cells, nc, 1))
            return true; /* a group row whose empty cells pdftotext left out */
        if (nc != ex->table.ncells)
            return true; /* cells left out by the converter: which is which is not known */
        *found = vn_tg_read_table_row_text(ex, n, cells, nc);
        return true;
    }
    if (laid_out) {
        const vn_pline *pl = &doc->plines[nd->line_first];
        if (pl->flags & VN_PL_TABLE_HEAD) {
            table_head head;
            vn_segment cols[TABLE_MAX_CELLS];
            size_t nb = border_above(doc, nd->line_first, nd->line_last, cols);
            if (nb) /* pandoc's table: the header's cells may wrap ("Năm" / "2027") */
                return head_of_columns(ex, nd, cols, nb, true, cells);
            /* a header over two lines ("Năm" / "2030", lines.c head_line_above):
             * its columns are those of the line with the most cells, each
             * cell its words on both lines */
            uint32_t widest = nd->line_first;
            size_t ng = 0;
            vn_segment g[TABLE_MAX_CELLS];
            for (uint32_t k = nd->line_first; k <= nd->line_last && k < doc->nplines; k++) {
                const vn_pline *q = &doc->plines[k];
                if (q->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
                    continue;
                size_t nq = vn_line_segments(doc->text.s + q->start, q->end - q->start, vn_pline_indent(doc, k), g,
                                             TABLE_MAX_CELLS);
                if (nq > ng)
                    ng = nq, widest = k;
            }
            pl = &doc->plines[widest];
            ng = vn_line_segments(doc->text.s + pl->start, pl->end - pl->start, vn_pline_indent(doc, widest), g,
                                  TABLE_MAX_CELLS);
            vn_segment all[TABLE_MAX_CELLS];
            size_t nall = head_columns(doc, nd, all);
            if (nall > ng && nall >= 3) /* a header over three lines ("Năm" / "STT  Chỉ tiêu" / "2026"):
                                            no line holds every column, their union does */
                return head_of_columns(ex, nd, all, nall, false, cells);
            if (ng < 3)
                return false;
            uint16_t years[TABLE_MAX_CELLS];
            size_t ny = 0;
            if (widest != nd->line_first) {
                /* years set closer than a column gap over their units
                 * ("Năm 2030 Năm 2035" over "(%)  (%)"): given in order */
                for (size_t i = 0; i < ng; i++) {
                    cells[i].start = pl->start + g[i].start;
                    cells[i].end = pl->start + g[i].end;
                    cells[i].text = NULL;
                    cells[i].len = 0;
                }
                const vn_pline *first = &doc->plines[nd->line_first];
                ny = years_only(doc->text.s, vn_span_make(first->start, first->end), years, TABLE_MAX_CELLS);
                if (!ny || ny != unit_cells(doc, cells, ng))
                    ny = 0;
            }
            if (ny) {
                head_from_years(doc, &head, cells, ng, years);
                nc = ng;
            } else if (widest != nd->line_first) {
                memset(&head, 0, sizeof head);
                head.nsegs = ng;
                memcpy(head.segs, g, ng * sizeof *g);
                nc = layout_row_cells(ex, nd, &head, cells);
            } else {
                for (size_t i = 0; i < ng; i++) {
                    cells[i].start = pl->start + g[i].start;
                    cells[i].end = pl->start + g[i].end;
                    cells[i].text = NULL;
                    cells[i].len = 0;
                }
                nc = ng;
            }
            if (!ny && !vn_tg_read_table_head(doc, cells, nc, &head))
                return false;
            head.parent = nd->parent;
            head.bordered = false;
            head.nsegs = ng;
            memcpy(head.segs, g, ng * sizeof *g);
            ex->table = head;
            return true;
        }
        if (ex->table.parent != nd->parent || ex->table.nsegs == 0)
            return false;
        nc = layout_row_cells(ex, nd, &ex->table, cells);
        *found = vn_tg_read_table_row_text(ex, n, cells, nc);
        return true;
    }
    /* a row at a page's foot: the page number and running header after it
     * are no part of its last cell */
    for (uint32_t k = nd->line_last; k > nd->line_first && k < doc->nplines &&
                                     (doc->plines[k].flags & (VN_PL_BLANK | VN_PL_FURNITURE));
         k--)
        if (doc->plines[k - 1].end < own.end)
            own.end = doc->plines[k - 1].end;
    if (!memchr(doc->text.s + own.start, '\t', own.end - own.start))
        return years_over_head(doc, n); /* the header's years, printed apart: no sentence */
    /* a row whose first cell is empty starts with a TAB, which the line's
     * own span leaves out: the cells count from the line's start */
    while (own.start > 0 && (doc->text.s[own.start - 1] == '\t' || doc->text.s[own.start - 1] == ' '))
        own.start--;
    nc = split_cells(doc->text.s, own, cells);
    bool under_head =
        ex->table.parent == nd->parent && ex->table.ncells > 0 && ex->table.nsegs == 0 && !ex->table.grid;
    if (under_head && ex->table.by_rows) {
        if (nc == ex->table.ncells && row_phase(doc->text.s, &cells[0])) {
            *found = read_phase_row(ex, n, cells, nc);
            return true;
        }
        ex->table.parent = -1; /* the table turned round ends at a row that names no phase */
        under_head = false;
    }
    /* a group row ("I<TAB>NHÓM CHỈ TIÊU …", its title spanning the other
     * columns) has two cells: a row of the table, not a sentence */
    if (nc < 3 && !(under_head && nc == 2))
        return false;
    table_head head;
    if (nc >= 3 && vn_tg_read_table_head(doc, cells, nc, &head)) {
        read_head_above(doc, n, &head);
        head.parent = nd->parent;
        head.nsegs = 0;
        ex->table = head;
        return true;
    }
    if (head_years_above(doc, n, cells, nc, &head)) {
        head.parent = nd->parent;
        ex->table = head;
        return true;
    }
    if (heads_years_below(doc, n)) {
        /* the first row of a header written over two rows: a table starts
         * here, its columns known at the next row */
        memset(&ex->table, 0, sizeof ex->table);
        ex->table.parent = nd->parent;
        return true;
    }
    if (heads_phase_rows(doc, n, cells, nc)) {
        memset(&ex->table, 0, sizeof ex->table);
        ex->table.parent = nd->parent;
        ex->table.ncells = nc;
        ex->table.unit_col = -1;
        ex->table.by_rows = true;
        ex->table.head_node = n;
        return true;
    }
    if (!under_head)
        return false;
    *found = vn_tg_read_table_row_text(ex, n, cells, nc);
    return true;
}

/* The node's text ends a clause (";" or ","), not a sentence. */
