/* frame.c — the document's frame: which logical lines are the preamble
 * (header, title, legal basis, opening), the body, the closing (recipients,
 * signature), footnotes and annexes; and, in the preamble and the closing,
 * what each piece of a line is (issuer, motto, number, place and date ...).
 *
 * The body starts at the first marker that opens a numbered sequence at the
 * top (I., Phần I, Chương I, Điều 1, QUYẾT ĐỊNH:, or a first heading whose
 * title is a known section name); the closing starts at "Nơi nhận:" or the
 * first signing line (TM., KT. ...) after the body.  Header tables exported
 * from Word or laid out by pdftotext put two columns on one line, separated
 * by a TAB or a run of spaces: each column is a piece of its own. */
#include "stages.h"
#include "grammar.h"
#include "label.h"
#include "match.h"
#include "utf8.h"
#include "frame_private.h"

#include <stdlib.h>

#define FRAME_FILE "frame.txt"

#define B(field, with_value) VN_PHRASE_BLOCK(struct vn_frame_rules, field, with_value),
static const vn_phrase_block frame_blocks[] = {FRAME_BLOCKS(B)};
#undef B

static void note_first_bytes(struct vn_frame_rules *r, const vn_phrases *p)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->v[i].re || p->v[i].len == 0)
            r->closing_any = true;
        else
            r->closing_first[(unsigned char)p->v[i].text[0]] = true;
    }
}

#define COLUMN_GAP 3 /* this many spaces in a header line separate two columns */
#define MAX_COLUMNS 8 /* of a header or a closing laid out side by side */
#define CLOSING_PREFIX_BYTES 48 /* enough for any opening phrase of a closing ("Nơi nhận") */

vnplan_status vn_frame_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_frame_rules *r = g->frame = vn_xcalloc(1, sizeof *r);
    vnplan_status st = vn_phrases_load_blocks(r, g, FRAME_FILE, frame_blocks, VN_COUNT(frame_blocks), err);
    if (st != VNPLAN_OK)
        return st;
    note_first_bytes(r, &r->recipients);
    note_first_bytes(r, &r->signature);
    vn_grammar_words(g, FRAME_FILE, "blank_field_end", &r->blank_end, &r->nblank_end);
    vn_grammar_words(g, FRAME_FILE, "blank_field_start", &r->blank_start, &r->nblank_start);
    return VNPLAN_OK;
}

void vn_frame_rules_free(struct vn_frame_rules *r)
{
    if (!r)
        return;
    vn_phrases_free_blocks(r, frame_blocks, VN_COUNT(frame_blocks));
    free(r->blank_end);
    free(r->blank_start);
    free(r);
}

/* The span of a logical line's text (from its head line to its last line). */
static vn_span lline_span(const vnplan_doc *doc, const vn_lline *ll)
{
    /* the text ends with the last line that is not page furniture */
    uint32_t last = ll->last;
    while (last > ll->head && (doc->plines[last].flags & (VN_PL_BLANK | VN_PL_FURNITURE)))
        last--;
    return vn_span_make(doc->plines[ll->head].start, doc->plines[last].end);
}

/* The logical line is one physical line of text (page furniture after it
 * aside): only then can its columns be told apart. */
static bool single_line(const vnplan_doc *doc, const vn_lline *ll)
{
    for (uint32_t k = ll->head + 1; k <= ll->last; k++)
        if (!(doc->plines[k].flags & (VN_PL_BLANK | VN_PL_FURNITURE)))
            return false;
    return true;
}

/* Folded key of a span, rendered as a reader sees it. */
static void key_of(const vnplan_doc *doc, vn_span sp, vn_buf *tmp, vn_buf *key)
{
    vn_buf_clear(tmp);
    vn_render_span(doc, sp, tmp);
    vn_fold_key(tmp->data ? tmp->data : "", tmp->len, key);
}


/* Does s[0..n) hold a code point for which `is` holds? */
static bool any_cp(const char *s, size_t n, bool (*is)(int32_t cp))
{
    for (size_t i = 0; i < n;)
        if (is(vn_utf8_next(s, n, &i)))
            return true;
    return false;
}

static bool has_lower(const char *s, size_t n) { return any_cp(s, n, vn_cp_is_lower); }
static bool has_letter(const char *s, size_t n) { return any_cp(s, n, vn_cp_is_letter); }

/* A field left blank is filled with spaces ("Số:      /KH-UBND", "ngày
 * tháng 10 năm 2025"), which looks like a column gap: a piece that ends on a
 * word announcing a number (frame.txt [blank_field_end]), or a piece that
 * starts with "/" or a word of [blank_field_start] ("tháng", "năm"), belongs
 * with its neighbour. */
static bool piece_announces(const struct vn_frame_rules *r, const char *s, vn_span p)
{
    size_t n = p.end - p.start;
    for (size_t i = 0; r && i < r->nblank_end; i++) {
        size_t w = strlen(r->blank_end[i]);
        if (n >= w && memcmp(s + p.end - w, r->blank_end[i], w) == 0 &&
            (n == w || vn_is_hspace(s[p.end - w - 1]) || s[p.end - w - 1] == ','))
            return true;
    }
    return false;
}

static bool piece_starts(const char *s, vn_span p, const char *word)
{
    size_t w = strlen(word);
    return p.end - p.start >= w && memcmp(s + p.start, word, w) == 0 &&
           (p.end - p.start == w || vn_is_hspace(s[p.start + w]));
}

static bool piece_continues(const struct vn_frame_rules *r, const char *s, vn_span p)
{
    if (p.end > p.start && s[p.start] == '/')
        return true;
    for (size_t i = 0; r && i < r->nblank_start; i++)
        if (piece_starts(s, p, r->blank_start[i]))
            return true;
    return false;
}

static size_t merge_blank_fields(const struct vn_frame_rules *r, const char *s, vn_span *cols, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        /* a bullet printed apart from its words by the list's indent
         * (" •   Bộ Giáo dục và Đào tạo;") is the start of the next piece;
         * a mark before a TAB is a cell of its own (the "*" under a party
         * committee's name) */
        if (out > 0 && vn_is_lone_bullet(s + cols[out - 1].start, cols[out - 1].end - cols[out - 1].start) &&
            !memchr(s + cols[out - 1].end, '\t', cols[i].start - cols[out - 1].end))
            cols[out - 1].end = cols[i].end;
        else if (out > 0 && (piece_announces(r, s, cols[out - 1]) || piece_continues(r, s, cols[i])))
            cols[out - 1].end = cols[i].end;
        else
            cols[out++] = cols[i];
    }
    return out;
}

/* Splits one physical line into column pieces at TABs or wide gaps, or at
 * the bars of a table drawn with them (antiword: "|Số: 385/KH-UBND  |Hoằng
 * Hóa, ngày ...|"); empty cells give no piece. */
static size_t split_columns(const struct vn_frame_rules *r, const char *s, vn_span line, vn_span *out,
                            size_t max)
{
    size_t n = 0, i = line.start;
    if (vn_is_table_row(s + line.start, line.end - line.start)) {
        while (i < line.end && n < max) {
            while (i < line.end && (vn_is_hspace(s[i]) || s[i] == '|'))
                i++;
            size_t a = i, b = i;
            while (i < line.end && s[i] != '|') {
                if (!vn_is_hspace(s[i]))
                    b = i + 1;
                i++;
            }
            if (b > a)
                out[n++] = vn_span_make(a, b);
        }
        return merge_blank_fields(r, s, out, n);
    }
    while (i < line.end && n < max) {
        while (i < line.end && vn_is_hspace(s[i]))
            i++;
        if (i >= line.end)
            break;
        size_t a = i, b = i;
        while (i < line.end) {
            if (s[i] == '\t')
                break;
            if (s[i] == ' ') {
                size_t k = i;
                while (k < line.end && s[k] == ' ')
                    k++;
                if (k - i >= COLUMN_GAP || (k < line.end && s[k] == '\t'))
                    break;
                i = k;
                continue;
            }
            i++;
            b = i;
        }
        out[n++] = vn_span_make(a, b);
    }
    return merge_blank_fields(r, s, out, n);
}

/* ---- header columns joined by one space ---------------------------------------------
 * OCR and some converters join the two columns of a header with a single
 * space: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 74/KH-UBND
 * Suối Hòa Thịnh, ngày 15 tháng 9 năm 2025".  The right column
 * starts with what only a right column holds: the motto, or a place and
 * date after a complete document number.  (A line of rules stays one
 * separator, whatever its columns.) */

static bool at_word_start(const char *s, size_t a, size_t i) { return i > a && vn_is_hspace(s[i - 1]); }

/* Where the motto starts inside [a, b) after other words, or 0. */
static size_t motto_inside(const struct vn_frame_rules *r, const char *s, size_t a, size_t b, vn_buf *fold,
                           vn_u32s *map)
{
    vn_buf_clear(fold);
    map->len = 0;
    vn_fold(s + a, b - a, VN_FOLD_KEY, fold, map);
    size_t at, len;
    if (vn_phrases_find(&r->motto, fold->data ? fold->data : "", fold->len, &at, &len) < 0 || at == 0)
        return 0;
    size_t i = a + map->v[at];
    return at_word_start(s, a, i) ? i : 0;
}

/* Where a place and date start after a whole number "Số: 74/KH-UBND", or 0.
 * The number ends at the first space after its issuing code (the part after
 * the slash); a blank left for the number ("Số:   /KH-UBND") is part of it. */
static size_t place_after_number(const struct vn_frame_rules *r, const char *s, size_t a, size_t b,
                                 vn_buf *fold)
{
    size_t i = a;
    while (i < b && s[i] != '/')
        i++;
    if (i >= b || i - a > 24)
        return 0;
    while (i < b && !vn_is_hspace(s[i]))
        i++;
    while (i < b && vn_is_hspace(s[i]))
        i++;
    if (i >= b)
        return 0;
    vn_fold_key(s + i, b - i, fold);
    return vn_phrases_prefix(&r->place_date, fold->data ? fold->data : "", fold->len, NULL) >= 0 ? i : 0;
}

static size_t split_joined_columns(const vnplan_doc *doc, vn_span *cols, size_t n, size_t max)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    const char *s = doc->text.s;
    vn_buf fold = {0};
    vn_u32s map = {0};
    for (size_t ci = 0; ci < n && n < max; ci++) {
        size_t a = cols[ci].start, b = cols[ci].end;
        size_t cut = motto_inside(r, s, a, b, &fold, &map);
        if (!cut) {
            vn_fold_key(s + a, b - a, &fold);
            if (b - a < 120 && vn_phrases_prefix(&r->number, fold.data ? fold.data : "", fold.len, NULL) >= 0)
                cut = place_after_number(r, s, a, b, &fold);
        }
        if (!cut)
            continue;
        size_t end = cut;
        while (end > a && vn_is_hspace(s[end - 1]))
            end--;
        memmove(&cols[ci + 2], &cols[ci + 1], (n - ci - 1) * sizeof *cols);
        cols[ci].end = end;
        cols[ci + 1] = vn_span_make(cut, b);
        n++;
    }
    vn_buf_free(&fold);
    free(map.v);
    return n;
}

/* A rule glued to the text under it by PDF extraction (vn_glued_rule_end):
 * the rule under the issuer or the motto ("------Số: 236/KH-UBND",
 * "-----Quảng Ngãi, ngày …"), or under the title ("---------Thực hiện …"),
 * is a separator of its own, as it is when it keeps its line. */
static size_t split_glued_rules(const vnplan_doc *doc, vn_span *cols, size_t n, size_t max)
{
    for (size_t ci = 0; ci < n && n < max; ci++) {
        size_t cut = vn_glued_rule_end(doc->text.s + cols[ci].start, cols[ci].end - cols[ci].start);
        if (!cut)
            continue;
        cut += cols[ci].start;
        size_t end = cut;
        while (end > cols[ci].start && vn_is_hspace(doc->text.s[end - 1]))
            end--;
        memmove(&cols[ci + 2], &cols[ci + 1], (n - ci - 1) * sizeof *cols);
        cols[ci + 1] = vn_span_make(cut, cols[ci].end);
        cols[ci].end = end;
        n++;
        ci++;
    }
    return n;
}

static void add_piece(vnplan_doc *doc, uint32_t lline, vn_span sp, vn_region region, vn_field field,
                      uint8_t item)
{
    vn_piece *p = &VN_PUSH(doc->pieces, doc->npieces, doc->cappieces);
    p->lline = lline;
    p->span = sp;
    p->region = (uint8_t)region;
    p->field = (uint8_t)field;
    p->item = item;
    p->next = -1;
}

/* ---- where the body starts --------------------------------------------------------- */

static bool opens_body(const vnplan_doc *doc, const vn_lline *ll, vn_buf *tmp, vn_buf *key)
{
    const vn_class *c = &ll->cls;
    switch (c->style) {
    case VN_STYLE_ENACT:
        return true;
    case VN_STYLE_PHAN:
    case VN_STYLE_CHUONG:
    case VN_STYLE_ROMAN:
        return c->value == 1;
    case VN_STYLE_DIEU:
        return c->value == 1;
    case VN_STYLE_UPPER_ALPHA:
    case VN_STYLE_ARABIC:
    case VN_STYLE_MUC:
        if (c->value != 1 && !(c->style == VN_STYLE_UPPER_ALPHA && c->alt_value == 1))
            return false;
        break;
    case VN_STYLE_NONE:
        if (!c->all_caps)
            return false;
        break;
    default:
        return false;
    }
    /* a first numbered or capitals heading opens the body when its title is
     * a section the grammar knows (MỤC ĐÍCH, YÊU CẦU / 1. MỤC TIÊU ...) */
    const vn_pline *pl = &doc->plines[ll->head];
    vn_span sp = vn_span_make(pl->start + c->content_off, doc->plines[ll->last].end);
    key_of(doc, sp, tmp, key);
    return vn_section_label_of(doc->grammar, key->data, key->len, c->style == VN_STYLE_NONE) != VN_LABEL_NONE;
}

/* ---- the preamble ------------------------------------------------------------------ */

enum pre_state { PRE_HEADER, PRE_TITLE, PRE_AFTER };

/* "*": the mark a party committee's header sets under its name where other
 * bodies draw a rule (too short for vn_is_rule_line, which a lone star in
 * the body must not satisfy); only in the header. */
static bool is_header_star(const char *t, size_t tn)
{
    size_t stars = 0;
    for (size_t i = 0; i < tn; i++) {
        if (t[i] == '*')
            stars++;
        else if (!vn_is_hspace(t[i]))
            return false;
    }
    return stars >= 1 && stars <= 3;
}

static vn_field preamble_field(const vnplan_grammar *g, enum pre_state *state, bool *saw_doc_type,
                               const char *t, size_t tn, const char *k, size_t kn)
{
    const struct vn_frame_rules *r = g->frame;
    bool caps = has_letter(t, tn) && !has_lower(t, tn);
    if (vn_is_separator_line(g, t, tn) || (*state == PRE_HEADER && is_header_star(t, tn)))
        return VN_FIELD_SEPARATOR;
    /* "DỰ THẢO", "KHẨN": a mark on the document, never the issuer's line */
    if (*state == PRE_HEADER && vn_phrases_whole(&r->marking, k, kn) >= 0)
        return VN_FIELD_NONE;
    if (vn_phrases_find(&r->motto, k, kn, NULL, NULL) >= 0)
        return VN_FIELD_MOTTO;
    if (tn < 80 && vn_phrases_prefix(&r->number, k, kn, NULL) >= 0)
        return VN_FIELD_NUMBER;
    /* "Số:" with its digits left blank and the document's code pushed to the
     * next line ("/KH-UBND"): the rest of the number, not an issuer */
    if (*state == PRE_HEADER && tn < 40 && t[0] == '/' && caps)
        return VN_FIELD_NUMBER;
    /* "(Ban hành kèm theo Quyết định số ...)": a plan issued by a decision is
     * known by the decision's number and date, written where "Số:" stands */
    if (*saw_doc_type && vn_phrases_prefix(&r->issued_with, k, kn, NULL) >= 0) {
        *state = PRE_AFTER;
        return VN_FIELD_NUMBER;
    }
    if (tn < 120 && vn_phrases_prefix(&r->place_date, k, kn, NULL) >= 0)
        return VN_FIELD_PLACE_DATE;
    if (*state == PRE_HEADER && !*saw_doc_type && vn_phrases_whole(&r->doc_type, k, kn) >= 0) {
        *saw_doc_type = true;
        *state = PRE_TITLE;
        return VN_FIELD_DOC_TYPE;
    }
    if (*state == PRE_HEADER)
        return caps ? VN_FIELD_ISSUER : VN_FIELD_NONE;
    if (*state == PRE_TITLE)
        return VN_FIELD_TITLE;
    *state = PRE_AFTER;
    /* "Căn cứ Quyết định số ..., Ủy ban nhân dân ban hành Kế hoạch ... như sau:"
     * cites and opens at once: it is the opening */
    size_t at, len;
    bool opens = vn_phrases_find(&r->opening, k, kn, &at, &len) >= 0 && at + len == kn && kn > 12;
    if (vn_phrases_prefix(&r->basis, k, kn, NULL) >= 0 && !opens)
        return VN_FIELD_BASIS;
    if (caps && vn_phrases_whole(&r->authority, k, kn) >= 0)
        return VN_FIELD_AUTHORITY;
    return VN_FIELD_OPENING;
}

enum { DOC_TYPE_LINE_MAX = 64 /* bytes: "CHƯƠNG TRÌNH HÀNH ĐỘNG" and its spaces */ };

bool vn_frame_is_doc_type_line(const vnplan_grammar *g, const char *s, size_t n)
{
    if (n > DOC_TYPE_LINE_MAX || !g->frame)
        return false;
    vn_buf key = {0};
    vn_fold_key(s, n, &key);
    bool yes = vn_phrases_whole(&g->frame->doc_type, key.data ? key.data : "", key.len) >= 0;
    vn_buf_free(&key);
    return yes;
}

/* The document type line ("KẾ HOẠCH") among the first lines, if any: what
 * stands before it is header, what follows it is title and opening. */
static bool has_doc_type(const vnplan_doc *doc, uint32_t from, uint32_t end, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    for (uint32_t li = from; li < end && li < from + 24; li++) {
        key_of(doc, lline_span(doc, &doc->llines[li]), tmp, key);
        if (vn_phrases_whole(&r->doc_type, key->data ? key->data : "", key->len) >= 0)
            return true;
        vn_span sp = lline_span(doc, &doc->llines[li]);
        if (vn_frame_type_then_title(doc->grammar, doc->text.s + sp.start, sp.end - sp.start))
            return true;
        /* a two-column line: the type may stand in one column */
        vn_span cols[MAX_COLUMNS];
        size_t nc =
            split_columns(doc->grammar->frame, doc->text.s, lline_span(doc, &doc->llines[li]), cols, MAX_COLUMNS);
        for (size_t ci = 0; nc > 1 && ci < nc; ci++) {
            key_of(doc, cols[ci], tmp, key);
            if (vn_phrases_whole(&r->doc_type, key->data ? key->data : "", key->len) >= 0)
                return true;
        }
    }
    return false;
}

/* How region_columns cuts a line: not at all, into columns, or into
 * columns with the pieces of one header field split apart joined again. */
enum cut { CUT_NONE, CUT_COLUMNS, CUT_HEADER };

/* Puts a logical line in `region` and cuts it into its columns (cols; a
 * line of its own only: a wrapped paragraph has none).  0 for a footnote,
 * which stays where it is. */
static size_t column_of(const char *s, size_t i, size_t *tabs);

/* A header row whose right cell wrapped ("Số: 88/KH-UBND   Phường Phú Lợi,"
 * / "      ngày 10 tháng 9 năm 2025", pdftotext -layout), joined into one
 * logical line at its open end: the first line's columns, the last running
 * on to the end when every line after it is one piece under it; or 0. */
static size_t wrapped_last_cell(const vnplan_doc *doc, const vn_lline *ll, vn_span *cols)
{
    const char *s = doc->text.s;
    const vn_pline *pl = &doc->plines[ll->head];
    size_t n = split_columns(doc->grammar->frame, s, vn_span_make(pl->start, pl->end), cols, MAX_COLUMNS);
    size_t tabs, from = n >= 2 ? column_of(s, cols[n - 1].start, &tabs) : 0;
    for (uint32_t k = ll->head + 1; n >= 2 && k <= ll->last; k++) {
        const vn_pline *q = &doc->plines[k];
        if (q->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
            continue;
        size_t i = q->start, q_tabs;
        while (i < q->end && vn_is_hspace(s[i]))
            i++;
        size_t at = column_of(s, i, &q_tabs);
        vn_span one[MAX_COLUMNS];
        if ((tabs ? q_tabs != tabs : q_tabs || at + 1 < from) ||
            split_columns(doc->grammar->frame, s, vn_span_make(i, q->end), one, MAX_COLUMNS) != 1)
            return 0;
    }
    if (n >= 2)
        cols[n - 1].end = lline_span(doc, ll).end;
    return n >= 2 ? n : 0;
}

static size_t region_columns(vnplan_doc *doc, vn_lline *ll, vn_region region, enum cut cut, vn_span *cols)
{
    if (ll->region == VN_REGION_FOOTNOTE)
        return 0;
    ll->region = (uint8_t)region;
    vn_span whole = lline_span(doc, ll);
    size_t wrapped;
    if (cut == CUT_HEADER && !single_line(doc, ll) && (wrapped = wrapped_last_cell(doc, ll, cols)))
        return wrapped;
    cols[0] = whole;
    if (cut == CUT_NONE || !single_line(doc, ll))
        return 1;
    size_t n = split_columns(doc->grammar->frame, doc->text.s, whole, cols, MAX_COLUMNS);
    return cut == CUT_HEADER ? split_joined_columns(doc, cols, n, MAX_COLUMNS) : n;
}

/* ---- a motto wrapped inside its column -------------------------------------------------
 * A header table's right column is narrow: Word, LibreOffice and pdftotext
 * -layout wrap the motto inside it ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM"),
 * and the two lines' pieces, neither a whole motto, were read as issuer.  A
 * piece and the piece under it on the next line (starting inside its extent,
 * as a wrapped line of a cell does, whether the cell is centred or not) whose
 * words joined hold a motto are the motto. */

/* The display column (characters from the line's start) of byte i, and how
 * many TABs stand before it: in a row exported with TABs the cell is told by
 * the TABs, in one laid out with spaces by the column. */
static size_t column_of(const char *s, size_t i, size_t *tabs)
{
    size_t a = i;
    while (a > 0 && s[a - 1] != '\n')
        a--;
    size_t col = 0;
    *tabs = 0;
    for (size_t k = a; k < i; k++) {
        col += ((unsigned char)s[k] & 0xC0) != 0x80;
        *tabs += s[k] == '\t';
    }
    return col;
}

/* Whether piece b, on the line after piece a, starts under a: in the same
 * TAB cell, or inside a's extent (a wrapped line of a centred cell is
 * shorter and starts further right). */
static bool piece_under(const char *s, const vn_piece *a, const vn_piece *b)
{
    size_t a_tabs, b_tabs;
    size_t a_from = column_of(s, a->span.start, &a_tabs);
    size_t b_from = column_of(s, b->span.start, &b_tabs);
    if (a_tabs || b_tabs)
        return a_tabs == b_tabs;
    size_t a_to = a_from + vn_utf8_count(s + a->span.start, a->span.end - a->span.start);
    return b_from + 1 >= a_from && b_from < a_to;
}

static void join_wrapped_motto(vnplan_doc *doc, size_t first_piece, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    const char *s = doc->text.s;
    vn_buf both = {0};
    for (size_t i = first_piece; i < doc->npieces; i++) {
        vn_piece *a = &doc->pieces[i];
        if (a->field != VN_FIELD_ISSUER && a->field != VN_FIELD_MOTTO)
            continue;
        for (size_t j = i + 1; j < doc->npieces && doc->pieces[j].lline <= a->lline + 1; j++) {
            vn_piece *b = &doc->pieces[j];
            /* the motto's tail in small letters ("lập - Tự do - Hạnh phúc") is no field yet */
            if (b->lline != a->lline + 1 || (b->field != VN_FIELD_ISSUER && b->field != VN_FIELD_NONE))
                continue;
            if (!piece_under(s, a, b))
                continue;
            key_of(doc, a->span, tmp, key);
            size_t a_len = key->len;
            vn_buf_clear(&both);
            vn_buf_put(&both, key->data ? key->data : "", key->len);
            vn_buf_putc(&both, ' ');
            key_of(doc, b->span, tmp, key);
            vn_buf_put(&both, key->data ? key->data : "", key->len);
            /* the motto runs from the first piece into the second, after any
             * whole motto line the first holds ("CỘNG HÒA … VIỆT NAM Độc" /
             * "lập - Tự do - Hạnh phúc", a grid table's cell wrapped) */
            size_t at = 0, len = 0, from = 0;
            bool across = false;
            while (!across && from < both.len &&
                   vn_phrases_find(&r->motto, both.data + from, both.len - from, &at, &len) >= 0) {
                at += from;
                across = at < a_len && at + len > a_len;
                if (at + len > a_len)
                    break;
                from = at + len;
            }
            if (!across)
                continue;
            a->field = b->field = VN_FIELD_MOTTO;
            if (doc->llines[b->lline].field == VN_FIELD_ISSUER)
                doc->llines[b->lline].field = VN_FIELD_MOTTO;
        }
    }
    vn_buf_free(&both);
}

static void mark_preamble(vnplan_doc *doc, uint32_t from, uint32_t end, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    const char *s = doc->text.s;
    /* without a document type line there is no title to wait for */
    enum pre_state state = has_doc_type(doc, from, end, tmp, key) ? PRE_HEADER : PRE_AFTER;
    bool saw_doc_type = false;
    size_t first_piece = doc->npieces;
    for (uint32_t li = from; li < end; li++) {
        vn_lline *ll = &doc->llines[li];
        vn_span cols[MAX_COLUMNS];
        size_t ncols = region_columns(doc, ll, VN_REGION_PREAMBLE, state == PRE_HEADER ? CUT_HEADER : CUT_NONE, cols);
        if (!ncols)
            continue;
        ncols = split_glued_rules(doc, cols, ncols, MAX_COLUMNS);
        size_t title_at;
        if (state == PRE_HEADER && !saw_doc_type && ncols == 1 && ncols < MAX_COLUMNS &&
            (title_at = vn_frame_type_then_title(doc->grammar, s + cols[0].start, cols[0].end - cols[0].start))) {
            /* the type and the title joined: two pieces, as on two lines */
            cols[1] = vn_span_make(cols[0].start + title_at, cols[0].end);
            cols[0].end = cols[0].start + title_at;
            while (cols[0].end > cols[0].start && vn_is_hspace(s[cols[0].end - 1]))
                cols[0].end--;
            ncols = 2;
        }
        vn_field last = VN_FIELD_NONE;
        bool title_caps = false;
        for (size_t ci = 0; ci < ncols; ci++) {
            vn_span sp = cols[ci];
            key_of(doc, sp, tmp, key);
            if (state == PRE_HEADER && vn_frame_place_date_part(doc, first_piece, s + sp.start, sp.end - sp.start))
                last = VN_FIELD_PLACE_DATE;
            else
                last = preamble_field(doc->grammar, &state, &saw_doc_type, s + sp.start, sp.end - sp.start,
                                      key->data ? key->data : "", key->len);
            if (last == VN_FIELD_TITLE)
                title_caps = !has_lower(s + sp.start, sp.end - sp.start);
            add_piece(doc, li, sp, VN_REGION_PREAMBLE, last, false);
        }
        ll->field = (uint8_t)last;
        /* A title in capitals may run over several lines (each a logical line
         * of its own in unwrapped text); any other title is one logical line. */
        if (last == VN_FIELD_TITLE) {
            bool more = false;
            if (title_caps && li + 1 < end) {
                vn_span nsp = lline_span(doc, &doc->llines[li + 1]);
                key_of(doc, nsp, tmp, key);
                more = has_letter(s + nsp.start, nsp.end - nsp.start) &&
                       !has_lower(s + nsp.start, nsp.end - nsp.start) &&
                       vn_phrases_whole(&r->authority, key->data ? key->data : "", key->len) < 0 &&
                       vn_phrases_find(&r->motto, key->data ? key->data : "", key->len, NULL, NULL) < 0;
            }
            state = more ? PRE_TITLE : PRE_AFTER;
        }
    }
    join_wrapped_motto(doc, first_piece, tmp, key);
}

/* ---- the closing -------------------------------------------------------------------- */

/* The signing line of a copy is in capitals but for the note after it
 * ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Đã ký)", its lines joined into one when
 * a PDF's centred column is read as a paragraph): the text s[sp] is in
 * capitals, a closing bracketed note that frame.txt [signature] names (đã
 * ký, ký tên, đóng dấu ...) left out.  key is used for the note's folding. */
static bool caps_but_note(const struct vn_frame_rules *r, const vnplan_doc *doc, vn_span sp, vn_buf *tmp,
                          vn_buf *key)
{
    const char *t = doc->text.s + sp.start;
    size_t tn = sp.end - sp.start;
    if (!has_letter(t, tn))
        return false;
    if (!has_lower(t, tn))
        return true;
    size_t end = tn;
    while (end > 0 && vn_is_hspace(t[end - 1]))
        end--;
    if (end == 0 || t[end - 1] != ')')
        return false;
    size_t open = end - 1;
    while (open > 0 && t[open] != '(')
        open--;
    if (t[open] != '(' || open == 0 || !has_letter(t, open) || has_lower(t, open))
        return false;
    key_of(doc, vn_span_make(sp.start + (uint32_t)open, sp.start + (uint32_t)end), tmp, key);
    return vn_phrases_prefix(&r->signature, key->data ? key->data : "", key->len, NULL) >= 0;
}

static bool is_closing_cue(const struct vn_frame_rules *r, const vnplan_doc *doc, const vn_lline *ll,
                           vn_buf *tmp, vn_buf *key)
{
    const vn_pline *pl = &doc->plines[ll->head];
    const char *t = doc->text.s + pl->start;
    size_t tn = pl->end - pl->start;
    /* cheap filter before folding: a closing line starts like a recipients or
     * signature phrase, or is in capitals (a signer's title) */
    unsigned char b = (unsigned char)t[0];
    unsigned char lb = b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
    bool two_columns = false;
    for (size_t i = 0, run = 0; i < tn && !two_columns; i++) {
        run = t[i] == ' ' ? run + 1 : 0;
        two_columns = t[i] == '\t' || run >= COLUMN_GAP;
    }
    if (!(r->closing_any || r->closing_first[lb] || ll->cls.all_caps || two_columns))
        return false;
    vn_span cols[MAX_COLUMNS];
    size_t ncols =
        split_columns(doc->grammar->frame, doc->text.s, vn_span_make(pl->start, pl->end), cols, MAX_COLUMNS);
    for (size_t ci = 0; ci < ncols; ci++) {
        size_t cn = cols[ci].end - cols[ci].start;
        bool caps = caps_but_note(r, doc, cols[ci], tmp, key);
        /* the phrases are short prefixes: fold the start of the column only,
         * unless a signer's title must match the whole column */
        vn_span head = cols[ci];
        if (!(caps && cn < 80) && head.end - head.start > CLOSING_PREFIX_BYTES) {
            head.end = head.start + CLOSING_PREFIX_BYTES;
            while (head.end > head.start && ((unsigned char)doc->text.s[head.end] & 0xC0) == 0x80)
                head.end--; /* not in the middle of a character */
        }
        key_of(doc, head, tmp, key);
        const char *k = key->data ? key->data : "";
        if (vn_phrases_prefix(&r->recipients, k, key->len, NULL) >= 0)
            return true;
        if (caps && cn < 80 &&
            (vn_phrases_prefix(&r->signature, k, key->len, NULL) >= 0 ||
             vn_phrases_whole(&r->capacity, k, key->len) >= 0))
            return true;
    }
    return false;
}

/* A closing laid out in two columns whose left cell wrapped, printed line by
 * line (pdftotext -layout): lines.c joins the wrapped line, which starts in
 * lower case, to the row above, so that the logical line holds
 *
 *     - Sở Giáo dục và Đào tạo, Sở Khoa học          PHÓ CHỦ TỊCH
 *       và Công nghệ thành phố;
 *
 *     •   Giám đốc, các Phó Giám
 *         đốc Sở;                  Tẩn Văn Kiên
 *
 * The head line is cut into its columns, and each line under it into the
 * piece inside the first column, the tail of the recipient (tails[k] set),
 * and what stands right of the recipient's text, the signature's column
 * (beside a wrapped line only when the head line held the recipient alone).
 * The count of pieces, or 0 when the logical line is not so. */
static size_t closing_wrapped_cell(const vnplan_doc *doc, const vn_lline *ll, vn_span *cols, bool *tails)
{
    const char *s = doc->text.s;
    const vn_pline *head = &doc->plines[ll->head];
    vn_span cut[MAX_COLUMNS]; /* cols is left alone unless the line is so */
    bool tail[MAX_COLUMNS] = {false};
    size_t n = split_columns(doc->grammar->frame, s, vn_span_make(head->start, head->end), cut, MAX_COLUMNS - 1);
    if (n == 0)
        return 0; /* a row of empty cells */
    vn_class c = vn_classify_line(doc->grammar, s + cut[0].start, cut[0].end - cut[0].start, NULL);
    if (c.style != VN_STYLE_DASH && c.style != VN_STYLE_PLUS && c.style != VN_STYLE_BULLET)
        return 0;
    bool alone = n == 1, beside = false;
    size_t tabs, right = alone ? column_of(s, cut[0].start, &tabs) +
                                     vn_utf8_count(s + cut[0].start, cut[0].end - cut[0].start)
                               : column_of(s, cut[1].start, &tabs);
    uint32_t first = UINT32_MAX;
    for (uint32_t k = ll->head + 1; k <= ll->last; k++) {
        const vn_pline *pl = &doc->plines[k];
        if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
            continue;
        if (!alone) { /* under a row cut in two: every line inside the first column, one piece */
            size_t at = column_of(s, pl->start, &tabs);
            if (tabs || at + vn_utf8_count(s + pl->start, pl->end - pl->start) > right)
                return 0;
            if (first == UINT32_MAX)
                first = k;
            continue;
        }
        vn_span piece[MAX_COLUMNS];
        size_t m = split_columns(doc->grammar->frame, s, vn_span_make(pl->start, pl->end), piece, MAX_COLUMNS);
        if (m == 0)
            continue;
        size_t at = column_of(s, piece[0].start, &tabs);
        if (tabs || at + vn_utf8_count(s + piece[0].start, piece[0].end - piece[0].start) > right)
            return 0; /* not inside the first column */
        if ((m > 1 && column_of(s, piece[1].start, &tabs) <= right) || n + m > MAX_COLUMNS)
            return 0;
        tail[n] = true;
        cut[n++] = piece[0];
        for (size_t j = 1; j < m; j++, beside = true)
            cut[n++] = piece[j];
    }
    if (!alone && first != UINT32_MAX) {
        tail[n] = true;
        cut[n++] = vn_span_make(doc->plines[first].start, lline_span(doc, ll).end);
    }
    if (n < 2 || (alone && !beside))
        return 0;
    memcpy(cols, cut, n * sizeof *cols);
    memcpy(tails, tail, n * sizeof *tails);
    return n;
}

/* "PHÓ CHỦ TỊCH Đinh Thị Thu Hà": a signer's capacity in capitals and the
 * name under it read as one line (a PDF reader that joined the two lines of
 * the signature's cell), or the whole signature so ("TM. ỦY BAN NHÂN DÂN KT.
 * CHỦ TỊCH PHÓ CHỦ TỊCH Giàng Thị Mai": a converter that made the cell's
 * paragraphs one).  Where the name starts, or 0. */
static size_t capacity_then_name(const vnplan_doc *doc, vn_span sp, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    const char *s = doc->text.s;
    if (memchr(s + sp.start, '\n', sp.end - sp.start))
        return 0; /* lines of their own: the closing's rules read them one by one */
    size_t i = sp.start;
    while (i < sp.end) {
        /* the next word */
        size_t w = i;
        while (w < sp.end && !vn_is_hspace(s[w]))
            w++;
        if (has_lower(s + i, w - i))
            break; /* the capitals end here */
        while (w < sp.end && vn_is_hspace(s[w]))
            w++;
        i = w;
        if (i >= sp.end)
            return 0;
        size_t end = i;
        while (end > sp.start && vn_is_hspace(s[end - 1]))
            end--;
        key_of(doc, vn_span_make(sp.start, end), tmp, key);
        if ((vn_phrases_whole(&r->capacity, key->data ? key->data : "", key->len) >= 0 ||
             vn_frame_signing_run_on(doc->grammar, s + sp.start, end - sp.start, tmp, key)) &&
            vn_frame_looks_like_name(s + i, sp.end - i) && vn_frame_every_word_lower(s + i, sp.end - i))
            return i;
    }
    return 0;
}

/* Where the first cell of a row drawn with bars ends (its second bar), or
 * 0 when the line is no such row. */
static size_t first_cell_end(const char *s, vn_span line)
{
    if (!vn_is_table_row(s + line.start, line.end - line.start))
        return 0;
    size_t i = line.start;
    while (i < line.end && s[i] != '|')
        i++;
    i++; /* past the first bar: the first cell */
    while (i < line.end && s[i] != '|')
        i++;
    return i;
}

/* A piece in the first cell of a row drawn with bars that continues the
 * recipient above it, wrapped inside its cell: "(b/c);" or words starting
 * with a small letter ("tỉnh (b/c);"), beside an empty cell or the
 * signature's lines. */
static bool recipient_wrapped_in_cell(const char *s, vn_span line, vn_span piece)
{
    size_t end = first_cell_end(s, line);
    if (!end || piece.start >= end || piece.end <= piece.start)
        return false;
    size_t i = piece.start;
    int32_t cp = vn_utf8_next(s, piece.end, &i);
    return cp == '(' || vn_cp_is_lower(cp);
}

static void mark_closing(vnplan_doc *doc, uint32_t from, uint32_t end, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    const char *s = doc->text.s;
    bool in_recipients = false, saw_signature = false;
    bool open_item = false; /* the last recipients piece ends with ",": its list goes on */
    size_t item_col = SIZE_MAX; /* the column of the last recipient's marker */
    for (uint32_t li = from; li < end; li++) {
        vn_lline *ll = &doc->llines[li];
        vn_span cols[MAX_COLUMNS];
        size_t ncols = region_columns(doc, ll, VN_REGION_CLOSING, CUT_COLUMNS, cols);
        if (!ncols)
            continue;
        bool tails[MAX_COLUMNS] = {false}; /* cols[ci]: a line of the first column's wrapped text */
        size_t wrapped = ncols == 1 ? closing_wrapped_cell(doc, ll, cols, tails) : 0;
        if (wrapped)
            ncols = wrapped;
        for (size_t ci = 0; ci < ncols; ci++) {
            vn_span sp = cols[ci];
            size_t tabs_at;
            if (tails[ci]) {
                add_piece(doc, li, sp, VN_REGION_CLOSING, VN_FIELD_RECIPIENTS, VN_PIECE_ITEM_TAIL);
                continue;
            }
            size_t name = capacity_then_name(doc, sp, tmp, key);
            if (name) {
                vn_span cap = vn_span_make(sp.start, name);
                while (cap.end > cap.start && vn_is_hspace(s[cap.end - 1]))
                    cap.end--;
                add_piece(doc, li, cap, VN_REGION_CLOSING, VN_FIELD_SIGNATURE, 0);
                add_piece(doc, li, vn_span_make(name, sp.end), VN_REGION_CLOSING, VN_FIELD_SIGNER, 0);
                saw_signature = true;
                continue;
            }
            const char *t = s + sp.start;
            size_t tn = sp.end - sp.start;
            bool caps = caps_but_note(r, doc, sp, tmp, key);
            key_of(doc, sp, tmp, key);
            const char *k = key->data ? key->data : "";
            vn_class c = vn_classify_line(doc->grammar, t, tn, NULL);
            vn_field f = VN_FIELD_NONE;
            bool item = false;
            if (vn_is_separator_line(doc->grammar, t, tn)) {
                f = VN_FIELD_SEPARATOR; /* the border of a closing laid out as a table */
            } else if (in_recipients && c.style == VN_STYLE_NONE &&
                       recipient_wrapped_in_cell(s, lline_span(doc, ll), sp)) {
                /* "| (b/c);   |   |", "| tỉnh (b/c);  | Giàng Thị Mai |": a
                 * recipient wrapped inside the first cell of a closing drawn
                 * with bars (pandoc's grid table) — its tail, never a mark of
                 * the stamp over the signature nor a recipient of its own */
                add_piece(doc, li, sp, VN_REGION_CLOSING, VN_FIELD_RECIPIENTS, VN_PIECE_ITEM_TAIL);
                continue;
            } else if (in_recipients && open_item && c.style == VN_STYLE_NONE && tn < 60 &&
                       vn_phrases_prefix(&r->signature, k, key->len, NULL) < 0 &&
                       vn_phrases_find(&r->capacity, k, key->len, NULL, NULL) < 0) {
                /* "Lưu: VT," / "VHXH.": the rest of a list a recipient
                 * wrapped, in capitals or not, never a signing line */
                add_piece(doc, li, sp, VN_REGION_CLOSING, VN_FIELD_RECIPIENTS, VN_PIECE_ITEM_TAIL);
                open_item = tn > 0 && t[tn - 1] == ',';
                continue;
            } else if (in_recipients && c.style == VN_STYLE_NONE && item_col != SIZE_MAX && tn > 0 &&
                       t[tn - 1] == ';' &&
                       (column_of(s, sp.start, &tabs_at) > item_col ||
                        sp.start < first_cell_end(s, lline_span(doc, ll))) &&
                       !tabs_at) {
                /* "•   Các trường THPT, TT" / "     GDNN-GDTX;": a recipient
                 * wrapped under its own text (lines.c joins such a line only
                 * when it starts in lower case), or under its bullet in the
                 * first cell of a grid table ("| • Giám đốc, các Phó Giám đốc
                 * |" / "| Sở; |"); a line that ends with ";" is a
                 * recipient's, never a signing line */
                add_piece(doc, li, sp, VN_REGION_CLOSING, VN_FIELD_RECIPIENTS, VN_PIECE_ITEM_TAIL);
                continue;
            } else if (vn_is_scan_noise_line(doc->grammar, t, tn)) {
                /* the stamp over the signature, read by OCR: part of the block */
                f = saw_signature ? VN_FIELD_SIGNATURE : VN_FIELD_NONE;
            } else if (vn_phrases_prefix(&r->recipients, k, key->len, NULL) >= 0) {
                f = VN_FIELD_RECIPIENTS;
                in_recipients = true;
            } else if (c.style == VN_STYLE_DASH || c.style == VN_STYLE_PLUS || c.style == VN_STYLE_BULLET) {
                f = VN_FIELD_RECIPIENTS;
                item = true;
            } else if ((caps && (vn_phrases_prefix(&r->signature, k, key->len, NULL) >= 0 ||
                                 vn_phrases_whole(&r->capacity, k, key->len) >= 0)) ||
                       /* the capacity wrapped in a narrow cell ("TM. ỦY BAN NHÂN DÂN
                        * KT. CHỦ" / "TỊCH PHÓ CHỦ TỊCH"): a line in capitals that
                        * holds a capacity goes on with the signature, never the
                        * signer's name */
                       (caps && saw_signature &&
                        vn_phrases_find(&r->capacity, k, key->len, NULL, NULL) >= 0) ||
                       (t[0] == '(' && vn_phrases_prefix(&r->signature, k, key->len, NULL) >= 0) ||
                       (!saw_signature && caps && tn < 60 && ncols == 1 && !in_recipients)) {
                f = VN_FIELD_SIGNATURE;
                saw_signature = true;
            } else if (saw_signature && vn_frame_signer_line(doc->grammar, t, tn)) {
                f = VN_FIELD_SIGNER;
            } else if (in_recipients && !caps && tn < 120) {
                /* a recipient written without a dash */
                f = VN_FIELD_RECIPIENTS;
                item = true;
            } else if (caps && saw_signature) {
                f = VN_FIELD_SIGNATURE;
            }
            add_piece(doc, li, sp, VN_REGION_CLOSING, f, item);
            if (item)
                item_col = column_of(s, sp.start, &tabs_at);
            /* a recipients line, or the lines of the list it runs on into */
            open_item = in_recipients && (f == VN_FIELD_RECIPIENTS || f == VN_FIELD_NONE) && tn > 0 &&
                        t[tn - 1] == ',';
        }
        ll->field = doc->pieces[doc->npieces - 1].field;
    }
}

/* ---- the whole frame ------------------------------------------------------------------ */

/* "__________": the rule a page puts above its footnotes. */
static bool is_footnote_rule(const char *s, size_t n) { return vn_count_alone(s, n, '_') >= 5; }

/* "1 Kế hoạch số 325/KH-UBND ...": one or two digits, a space, a capital. */
static bool starts_plain_footnote(const vnplan_doc *doc, const vn_lline *ll)
{
    const vn_pline *pl = &doc->plines[ll->head];
    const char *s = doc->text.s + pl->start;
    size_t n = pl->end - pl->start, i = 0;
    while (i < n && i < 3 && vn_is_digit(s[i]))
        i++;
    if (i == 0 || i > 2 || i >= n || s[i] != ' ' || ll->cls.style)
        return false;
    size_t k = i + 1;
    return k < n && vn_cp_is_upper(vn_utf8_next(s, n, &k));
}

static bool starts_superscript(const char *s, size_t n)
{
    size_t i = 0;
    int32_t cp = vn_utf8_next(s, n, &i);
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079);
}

/* Where the next document of the file starts after a closing that starts
 * at `closing`: its header's motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") or
 * type line ("KẾ HOẠCH"), with the issuer's lines in capitals above it; or
 * `end` when the file holds no more. */
static uint32_t next_document(const vnplan_doc *doc, uint32_t closing, uint32_t end, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    for (uint32_t li = closing + 1; li < end; li++) {
        const vn_lline *ll = &doc->llines[li];
        if (ll->region == VN_REGION_FOOTNOTE || ll->cls.style)
            continue;
        vn_span whole = lline_span(doc, ll);
        vn_span cols[MAX_COLUMNS];
        size_t nc = split_columns(doc->grammar->frame, doc->text.s, whole, cols, MAX_COLUMNS);
        bool header = false;
        for (size_t ci = 0; ci < nc && !header; ci++) {
            key_of(doc, cols[ci], tmp, key);
            const char *k = key->data ? key->data : "";
            header = vn_phrases_find(&r->motto, k, key->len, NULL, NULL) >= 0 ||
                     (ll->cls.all_caps && nc == 1 && vn_phrases_whole(&r->doc_type, k, key->len) >= 0);
        }
        if (!header)
            continue;
        /* the issuer's lines above: short lines in capitals that sign nothing */
        while (li > closing + 1) {
            const vn_lline *pl = &doc->llines[li - 1];
            vn_span sp = lline_span(doc, pl);
            if (!pl->cls.all_caps || sp.end - sp.start > 80)
                break;
            key_of(doc, sp, tmp, key);
            const char *k = key->data ? key->data : "";
            if (vn_phrases_prefix(&r->signature, k, key->len, NULL) >= 0 ||
                vn_phrases_whole(&r->capacity, k, key->len) >= 0)
                break;
            li--;
        }
        return li;
    }
    return end;
}

/* The regions of one document, lines [from, end) of the file; returns where
 * the next document starts (end if none). */
/* What may follow the word of an annex heading typed in lower case: nothing,
 * or its number ("01", "I", "số 2") and a colon — one or two short words. */
static bool annex_heading_rest(const char *k, size_t n)
{
    size_t words = 0, i = 0;
    while (i < n) {
        while (i < n && (k[i] == ' ' || k[i] == ':' || k[i] == '.'))
            i++;
        if (i >= n)
            break;
        size_t a = i;
        while (i < n && k[i] != ' ' && k[i] != ':' && k[i] != '.')
            i++;
        if (++words > 2 || i - a > 4)
            return false;
    }
    return true;
}

static uint32_t frame_document(vnplan_doc *doc, uint32_t from, uint32_t end, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = doc->grammar->frame;

    /* the body: from the first line that opens it */
    uint32_t body = end, opening_end = from;
    for (uint32_t li = from; li < end; li++) {
        const vn_lline *ll = &doc->llines[li];
        if (ll->region == VN_REGION_FOOTNOTE)
            continue;
        if (opens_body(doc, ll, tmp, key)) {
            body = li;
            break;
        }
        /* "... như sau:" ends the opening; if nothing marks the body, it starts here */
        if (opening_end == from && ll->cls.ends_colon && li < from + 40) {
            key_of(doc, lline_span(doc, ll), tmp, key);
            size_t at, len;
            if (key->len > 8 && vn_phrases_find(&r->opening, key->data, key->len, &at, &len) >= 0 &&
                at + len == key->len)
                opening_end = li + 1;
        }
    }
    if (body == end)
        body = opening_end;

    /* the closing: the first recipients or signing line after the body started */
    uint32_t closing = end;
    for (uint32_t li = body; li < end; li++) {
        const vn_lline *ll = &doc->llines[li];
        if (ll->region == VN_REGION_FOOTNOTE || ll->cls.style)
            continue;
        if (is_closing_cue(r, doc, ll, tmp, key)) {
            closing = li;
            break;
        }
    }
    uint32_t next = closing < end ? next_document(doc, closing, end, tmp, key) : end;

    /* annexes: a capitals line "PHỤ LỤC ..." after the closing (or the body);
     * after a closing, also the word alone on its line in any case ("Phụ
     * lục", "Phụ lục 01", "Phụ lục I:"), as Word's bold centred heading is
     * typed: a sentence of the body that starts "Phụ lục ..." goes on */
    uint32_t annex = next;
    for (uint32_t li = closing < next ? closing : body; li < next; li++) {
        const vn_lline *ll = &doc->llines[li];
        if (ll->region == VN_REGION_FOOTNOTE || ll->cls.style)
            continue;
        if (!ll->cls.all_caps && (closing >= next || !single_line(doc, ll)))
            continue;
        key_of(doc, lline_span(doc, ll), tmp, key);
        size_t len = 0;
        if (vn_phrases_prefix(&r->annex, key->data ? key->data : "", key->len, &len) >= 0 &&
            (ll->cls.all_caps || annex_heading_rest(key->data + len, key->len - len))) {
            annex = li;
            break;
        }
    }
    if (closing > annex)
        closing = annex;
    /* the top border of a closing laid out as a table (pandoc, antiword) */
    while (closing < annex && closing > body) {
        const vn_lline *ll = &doc->llines[closing - 1];
        vn_span sp = lline_span(doc, ll);
        if (ll->region == VN_REGION_FOOTNOTE || !single_line(doc, ll) ||
            !vn_is_separator_line(doc->grammar, doc->text.s + sp.start, sp.end - sp.start))
            break;
        closing--;
    }

    mark_preamble(doc, from, body, tmp, key);
    for (uint32_t li = body; li < closing; li++)
        if (doc->llines[li].region != VN_REGION_FOOTNOTE)
            doc->llines[li].region = VN_REGION_BODY;
    if (closing < annex)
        mark_closing(doc, closing, annex, tmp, key);
    for (uint32_t li = annex; li < next; li++)
        if (doc->llines[li].region != VN_REGION_FOOTNOTE)
            doc->llines[li].region = VN_REGION_ANNEX;
    if (from == 0) {
        doc->body_first = body;
        doc->body_end = closing;
    }
    return next;
}

void vn_frame_mark(vnplan_doc *doc)
{
    vn_buf tmp = {0}, key = {0};
    uint32_t n = (uint32_t)doc->nllines;

    /* footnotes wherever they stand (the bottom of a page): lines that start
     * with a superscript number; and, under a separator rule of underscores,
     * lines that start with a plain number (PDF extraction lost the
     * superscript) — the rule itself belongs to them */
    bool under_rule = false;
    for (uint32_t li = 0; li < n; li++) {
        vn_lline *ll = &doc->llines[li];
        const vn_pline *pl = &doc->plines[ll->head];
        const char *t = doc->text.s + pl->start;
        size_t tn = pl->end - pl->start;
        if (starts_superscript(t, tn)) {
            ll->region = VN_REGION_FOOTNOTE;
            continue;
        }
        if (is_footnote_rule(t, tn) && li + 1 < n &&
            starts_plain_footnote(doc, &doc->llines[li + 1])) {
            ll->region = VN_REGION_FOOTNOTE;
            ll->field = VN_FIELD_SEPARATOR;
            under_rule = true;
            continue;
        }
        if (under_rule && starts_plain_footnote(doc, ll)) {
            ll->region = VN_REGION_FOOTNOTE;
            continue;
        }
        under_rule = false;
    }

    /* one document after another; past VN_MAX_DOCUMENTS the last holds the rest */
    doc->ndocs = 0;
    for (uint32_t from = 0; from < n || doc->ndocs == 0;) {
        doc->doc_start[doc->ndocs++] = from;
        uint32_t next = frame_document(doc, from, n, &tmp, &key);
        if (next >= n || next <= from)
            break;
        if (doc->ndocs == VN_MAX_DOCUMENTS) {
            frame_document(doc, next, n, &tmp, &key); /* regions for the rest, as one */
            break;
        }
        from = next;
    }
    vn_buf_free(&tmp);
    vn_buf_free(&key);
}
