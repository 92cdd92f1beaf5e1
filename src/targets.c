/* targets.c — quantified and qualitative targets.
 *
 * Plans state targets in sentences: "Tỷ lệ học sinh ... đạt 35%, trong đó ít
 * nhất 2,5% thuộc ... và 18% thuộc ...".  The reader works on tokens (words,
 * numbers, punctuation, each with its byte span); words carry a folded key
 * (vn_fold) so that the phrase lists of grammars/comparators.txt, units.txt
 * and targets.txt match whatever the case and tone placement.  Only text
 * with a digit in it is tokenized at all, which keeps the stage cheap.
 *
 * For every number of a clause (a sentence cut at top-level ';') the reader
 * asks, in order: is it part of a reference, a date, a year, a phone number
 * or a phrase such as "lần thứ 4" (then it is no value); what unit follows it
 * (none: no target); which comparator words stand before it or after the
 * unit.  Then, over the clause: a starting level ("từ 30% lên 40%") and
 * remarks in parentheses are dropped, ranges are merged, a comparator
 * distributes over coordinated values, "trong đó" makes parts, the words
 * between values are shared out as indicators, and phases stated in the
 * sentence are attached.
 *
 * vn_targets_extract walks the tree without recursion and turns the hits of
 * each node's own text into vn_target records; items under Mục tiêu without
 * any number become qualitative targets.
 *
 * Speed: text without a digit is never rendered or tokenized; words are
 * folded only in sentences that hold a number, only when some grammar word
 * looks like them (same letters without diacritics), and each distinct word
 * once per document.
 *
 * This file holds the tree walk; the reader itself is in targets_lex.c
 * (tokens), targets_rules.c (the grammar's phrases), targets_scan.c (values
 * in clauses), targets_indicators.c (what they measure, phases) and
 * targets_tables.c (tables of targets); targets_private.h joins them. */
#include "targets_private.h"
#include "targets_parts.h"

/* ---- the tree ---------------------------------------------------------------------------------- */

static bool is_section_label(int label)
{
    return label >= VN_LABEL_MUC_DICH && label <= VN_LABEL_TO_CHUC_THUC_HIEN;
}

static bool is_skipped_subtree(const vn_node *nd)
{
    return nd->label == VN_LABEL_PREAMBLE || nd->label == VN_LABEL_CLOSING ||
           nd->label == VN_LABEL_FOOTNOTES || nd->kind == VN_KIND_FIELD ||
           nd->kind == VN_KIND_FOOTNOTE;
}

static void put_mapped(vn_buf *out, vn_u32s *map, const char *s, size_t a, size_t b)
{
    /* the output is never longer than the input: reserve once */
    vn_buf_reserve(out, b - a);
    map->v = vn_grow(map->v, &map->cap, map->len, b - a + 1, sizeof *map->v);
    size_t i = a;
    while (i < b) {
        size_t j = i;
        while (j < b && !vn_is_space((unsigned char)s[j]))
            j++;
        memcpy(out->data + out->len, s + i, j - i);
        out->len += j - i;
        for (size_t k = i; k < j; k++)
            map->v[map->len++] = (uint32_t)k;
        if (j < b) {
            size_t ws = j;
            while (j < b && vn_is_space((unsigned char)s[j]))
                j++;
            if (j < b) {
                out->data[out->len++] = ' ';
                map->v[map->len++] = (uint32_t)ws;
            }
        }
        i = j;
    }
}

/* vn_render_span (doc.c), plus a map from every rendered byte back to its
 * normalized offset so that targets get exact spans.  Keep the two in step. */
/* Text longer than this is scanned a run of sentences at a time: the
 * scanner's tokens and the offset map cost over a dozen bytes per byte of
 * text, so a document of one 200 MB line took gigabytes.  No paragraph of a
 * real plan comes near it. */
#define VN_TG_SCAN_CHUNK ((uint32_t)1 << 20)

/* The end of the next chunk of s[a, b): b when the rest fits, else the end
 * of a sentence (". ", "; " ...) in the second half of the chunk, else a
 * space there, else a character boundary. */
static uint32_t chunk_end(const char *s, uint32_t a, uint32_t b)
{
    if (b - a <= VN_TG_SCAN_CHUNK)
        return b;
    uint32_t lim = a + VN_TG_SCAN_CHUNK, lo = a + VN_TG_SCAN_CHUNK / 2;
    for (uint32_t k = lim; k > lo; k--)
        if (strchr(".;!?\n", s[k - 1]) && s[k - 1] != '\0' && (s[k] == ' ' || s[k] == '\n'))
            return k;
    for (uint32_t k = lim; k > lo; k--)
        if (s[k] == ' ')
            return k;
    uint32_t k = lim;
    while (k > lo && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

static void render_mapped(const vnplan_doc *doc, vn_span span, vn_buf *out, vn_u32s *map)
{
    if (span.end <= span.start)
        return;
    const char *s = doc->text.s;
    if (doc->nplines == 0) {
        put_mapped(out, map, s, span.start, span.end);
        return;
    }
    bool first = true;
    size_t k = vn_line_of(doc, span.start), a, b;
    const vn_pline *pl;
    while ((pl = vn_span_next_piece(doc, span, &k, &a, &b))) {
        int joined = first ? 0 : vn_span_join_piece(out, pl, a);
        if (joined > 0)
            VN_PUSH(map->v, map->len, map->cap) = (uint32_t)a;
        else if (joined < 0)
            map->len--;
        put_mapped(out, map, s, a, b);
        first = false;
    }
}

/* A title and a text joined by nothing but punctuation on one line, or by a
 * colon ("- Nhân lực KH&CN: phấn đấu đạt ..."), are read as one sentence. */
static bool title_runs_into_text(const vnplan_doc *doc, vn_span title, vn_span text)
{
    if (text.start < title.end || text.start - title.end > 64)
        return false;
    const char *s = doc->text.s;
    bool newline = false, colon = false;
    for (size_t i = title.end; i < text.start; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || vn_is_digit(c) || (unsigned)((c | 0x20) - 'a') < 26u)
            return false;
        newline |= c == '\n';
        colon |= c == ':';
    }
    size_t e = title.end;
    while (e > title.start && vn_is_space((unsigned char)s[e - 1]))
        e--;
    colon |= e > title.start && s[e - 1] == ':';
    return !newline || colon;
}

/* The node's own text as one or two pieces: title and text. */
static size_t node_pieces(const vnplan_doc *doc, const vn_node *nd, vn_span out[2])
{
    bool has_title = nd->title.end > nd->title.start, has_text = nd->text.end > nd->text.start;
    if (has_title && has_text && title_runs_into_text(doc, nd->title, nd->text)) {
        out[0] = vn_span_make(nd->title.start, nd->text.end);
        return 1;
    }
    size_t n = 0;
    if (has_title)
        out[n++] = nd->title;
    if (has_text)
        out[n++] = nd->text;
    return n;
}

static vn_span map_range(const vn_u32s *map, vn_scan_range r)
{
    if (map->len == 0)
        return vn_span_make(0, 0);
    size_t last = map->len - 1;
    size_t a = r.start < map->len ? r.start : last;
    if (r.end <= r.start)
        return vn_span_make(map->v[a], map->v[a]);
    size_t b = r.end - 1 < map->len ? r.end - 1 : last;
    return vn_span_make(map->v[a], map->v[b] + 1);
}

/* A target's strings are interned (common.h): a huge document repeats the
 * same units, numbers and indicators over and over. */
static const char *arena_range(extractor *ex, const char *s, vn_scan_range r)
{
    return vn_intern(&ex->strs, &ex->doc->arena, s + r.start, r.end > r.start ? r.end - r.start : 0);
}

vn_target *vn_tg_new_target(vnplan_doc *doc, int32_t node, int32_t section)
{
    vn_target *t = &VN_PUSH_ZERO(doc->targets, doc->ntargets, doc->captargets);
    char id[24];
    snprintf(id, sizeof id, "t%zu", doc->ntargets);
    t->id = vn_arena_strndup(&doc->arena, id, strlen(id));
    t->node = node;
    t->section = (uint8_t)section;
    t->parent = -1;
    return t;
}

/* A target's text is its sentence — but a "sentence" can be a whole page
 * when a plan lists figures separated only by commas, and every target would
 * carry (and every report repeat) all of it.  Past this length the text is
 * the clause around the value, and past it again a window around the value,
 * cut at spaces. */
#define TARGET_TEXT_MAX 600

static vn_scan_range target_context(const char *s, vn_scan_range sentence, vn_scan_range number)
{
    if (sentence.end - sentence.start <= TARGET_TEXT_MAX || number.start < sentence.start ||
        number.end > sentence.end)
        return sentence;
    /* the clause: look for its ends no further than the longest text kept */
    vn_scan_range r = sentence;
    uint32_t lo = number.start > sentence.start + TARGET_TEXT_MAX ? number.start - TARGET_TEXT_MAX : sentence.start;
    uint32_t hi = number.end + TARGET_TEXT_MAX < sentence.end ? number.end + TARGET_TEXT_MAX : sentence.end;
    r.start = lo;
    r.end = hi;
    for (uint32_t i = number.start; i > lo; i--)
        if (s[i - 1] == ';' || s[i - 1] == '.' || s[i - 1] == '\n') {
            r.start = i;
            break;
        }
    for (uint32_t i = number.end; i < hi; i++)
        if (s[i] == ';' || s[i] == '.' || s[i] == '\n') {
            r.end = i + 1;
            break;
        }
    if (r.end - r.start > TARGET_TEXT_MAX) {
        uint32_t half = TARGET_TEXT_MAX / 2;
        uint32_t a = number.start > r.start + half ? number.start - half : r.start;
        uint32_t b = number.end + half < r.end ? number.end + half : r.end;
        while (a > r.start && a < number.start && s[a - 1] != ' ')
            a++; /* forward to the next word start (never past the number) */
        while (b < r.end && b > number.end && s[b] != ' ')
            b--; /* back to the end of a word */
        /* never cut a UTF-8 sequence */
        while (a < number.start && ((unsigned char)s[a] & 0xC0) == 0x80)
            a++;
        while (b > number.end && b < r.end && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        r.start = a;
        r.end = b;
    }
    while (r.start < r.end && s[r.start] == ' ')
        r.start++;
    return r;
}

/* Records the hits of one piece of a node's text. */
/* A count of people over a stretch of time or of population. */
static size_t add_quantified(extractor *ex, int32_t n, int32_t inherited, int32_t *node_main)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    const char *s = ex->text.data;
    size_t base = doc->ntargets;
    int32_t section = ex->section[n];
    vn_scan_range last_sentence = {0, 0};
    const char *last_text = NULL;
    for (size_t k = 0; k < ex->sc.ncands; k++) {
        vn_scan_hit h;
        vn_tg_fill_hit(&ex->sc, &ex->sc.cands[k], nd->phase, &h);
        vn_target *t = vn_tg_new_target(doc, n, section);
        int32_t self = (int32_t)(doc->ntargets - 1);
        t->cmp = h.cmp;
        t->phase = h.phase;
        t->value = h.value;
        t->value_max = h.value_max;
        t->value_text = arena_range(ex, s, h.number);
        t->unit = arena_range(ex, s, h.unit);
        t->unit_class = vn_intern(&ex->strs, &doc->arena, h.unit_class, strlen(h.unit_class));
        vn_buf_clear(&ex->tmp);
        vn_scan_indicator(s, &h, &ex->tmp);
        t->indicator = vn_intern(&ex->strs, &doc->arena, ex->tmp.data ? ex->tmp.data : "", ex->tmp.len);
        /* the targets of one sentence share its text */
        vn_scan_range context = target_context(s, h.sentence, h.number);
        bool same_sentence =
            last_text && context.start == last_sentence.start && context.end == last_sentence.end;
        if (!same_sentence)
            last_text = arena_range(ex, s, context);
        last_sentence = context;
        t->text = last_text;
        /* "Năm 2026: tỷ lệ ... đạt 20%; năm 2027: đạt 25%": a clause that only
         * gives the next year's figure measures what the one before did (the
         * one before in the same sentence: equal texts of two sentences may
         * share one interned copy) */
        if (!*t->indicator && self > 0 && (size_t)self - 1 >= base && same_sentence) {
            const vn_target *prev = &doc->targets[self - 1];
            if (prev->unit_class && !strcmp(prev->unit_class, t->unit_class))
                t->indicator = prev->indicator;
        }
        t->span = map_range(&ex->map, context);
        t->value_span = map_range(&ex->map, h.number);
        if (h.cmp_words.end > h.cmp_words.start)
            t->cmp_span = map_range(&ex->map, h.cmp_words);
        if (h.unit.end > h.unit.start)
            t->unit_span = map_range(&ex->map, h.unit);
        if (h.parent >= 0)
            t->parent = (int32_t)base + h.parent;
        else if (h.parent == VN_SCAN_PARENT_BEFORE)
            t->parent = ex->last_main >= 0 && doc->targets[ex->last_main].section == section
                            ? ex->last_main
                            : -1;
        else
            t->parent = inherited;
        /* a part that states no phase has its total's ("Tổng kinh phí giai
         * đoạn 2025 - 2030 ..., trong đó:" then "- Ngân sách tỉnh: 62 tỷ đồng") */
        if (t->parent >= 0 && !ex->sc.cands[k].phase && (size_t)t->parent < doc->ntargets)
            t->phase = doc->targets[t->parent].phase;
        /* and a count that is part of a yearly total is yearly too ("Hằng năm
         * đào tạo khoảng 2.000 lao động, trong đó: + Ít nhất 500 lao động ...") */
        if (t->parent >= 0 && (size_t)t->parent < doc->ntargets && !strcmp(t->unit_class, CLASS_COUNT) &&
            vn_tg_class_is(ex->sc.r->class_rate, ex->sc.r->nclass_rate, doc->targets[t->parent].unit_class))
            t->unit_class = doc->targets[t->parent].unit_class;
        if (t->parent < 0) {
            ex->last_main = self;
            *node_main = self;
        }
    }
    return ex->sc.ncands;
}

static bool has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (vn_cp_is_letter(vn_utf8_next(s, n, &i)))
            return true;
    }
    return false;
}

/* An objective under Mục tiêu with no number: one qualitative target for the
 * node, unless it only names a phase ("Mục tiêu cụ thể đến năm 2030"). */
static void add_qualitative(extractor *ex, int32_t n)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    vn_span pieces[2];
    size_t np = 0;
    bool has_title = nd->title.end > nd->title.start, has_text = nd->text.end > nd->text.start;
    bool keep_title = false;
    if (has_title && !is_section_label(nd->label)) {
        vn_buf_clear(&ex->tmp);
        vn_render_span(doc, nd->title, &ex->tmp);
        keep_title = !vn_tg_is_phase_heading(&ex->sc, ex->tmp.data ? ex->tmp.data : "", ex->tmp.len);
    }
    if (keep_title)
        np = node_pieces(doc, nd, pieces);
    else if (has_text)
        pieces[np++] = nd->text;
    if (np == 0)
        return;
    vn_buf_clear(&ex->text);
    ex->map.len = 0;
    for (size_t k = 0; k < np; k++) {
        if (k > 0 && ex->text.len > 0) {
            vn_buf_putc(&ex->text, ' ');
            VN_PUSH(ex->map.v, ex->map.len, ex->map.cap) = pieces[k].start;
        }
        render_mapped(doc, pieces[k], &ex->text, &ex->map);
    }
    const char *s = ex->text.data ? ex->text.data : "";
    size_t len = ex->text.len;
    if (!has_letter(s, len) || vn_tg_is_phase_heading(&ex->sc, s, len))
        return;
    size_t ind_len = len;
    while (ind_len > 0 && (s[ind_len - 1] == ':' || s[ind_len - 1] == ';' || s[ind_len - 1] == ',' ||
                           s[ind_len - 1] == '.' || s[ind_len - 1] == ' '))
        ind_len--;
    vn_target *t = vn_tg_new_target(doc, n, ex->section[n]);
    t->qualitative = 1;
    t->cmp = VN_CMP_EQ;
    t->phase = nd->phase;
    t->text = vn_intern(&ex->strs, &doc->arena, s, len);
    t->indicator = ind_len == len ? t->text : vn_intern(&ex->strs, &doc->arena, s, ind_len);
    vn_scan_range whole = {0, (uint32_t)len};
    t->span = map_range(&ex->map, whole);
}

static bool ends_clause(const vnplan_doc *doc, const vn_node *nd)
{
    size_t e = nd->text.end;
    while (e > nd->text.start && vn_is_space(doc->text.s[e - 1]))
        e--;
    return e > nd->text.start && (doc->text.s[e - 1] == ';' || doc->text.s[e - 1] == ',');
}

static void visit(extractor *ex, int32_t n)
{
    vnplan_doc *doc = ex->doc;
    const vn_node *nd = &doc->nodes[n];
    int32_t parent = nd->parent;
    /* an annex counts as a section of its own: a table of targets there is the plan's */
    ex->section[n] = is_section_label(nd->label) || (nd->kind == VN_KIND_PART && nd->label == VN_LABEL_ANNEX)
                         ? nd->label
                     : parent >= 0 ? ex->section[parent]
                                   : VN_LABEL_OTHER;
    int32_t inherited = parent >= 0 ? ex->open_parent[parent] : -1;
    /* "Tổng kinh phí ... 486,75 tỷ đồng, trong đó:" as a paragraph, then the
     * parts beside it: list items, or paragraphs as long as the one before
     * ended a clause (";" or ","), not a sentence (Word's lost sub-item
     * markers) — they belong to the paragraph's total */
    bool is_item = nd->kind == VN_KIND_ITEM;
    bool part_paragraph = nd->kind == VN_KIND_PARAGRAPH && parent >= 0 && ex->list_open[parent] >= 0 &&
                          ex->list_clause[parent];
    if (parent >= 0 && inherited < 0 && (is_item || part_paragraph))
        inherited = ex->list_open[parent];
    if (parent >= 0 && !is_item && !part_paragraph)
        ex->list_open[parent] = -1;
    if (part_paragraph)
        ex->list_clause[parent] = ends_clause(doc, nd);
    ex->open_parent[n] = -1;
    ex->list_open[n] = -1;
    if (nd->kind == VN_KIND_DOCUMENT || nd->kind == VN_KIND_PART)
        return;
    /* "Phần I. ĐÁNH GIÁ THỰC TRẠNG", "1. Kết quả đạt được": figures of the
     * present, not commitments (never inside the objectives) */
    ex->situation[n] = parent >= 0 ? ex->situation[parent] : 0;
    if (!ex->situation[n] && ex->section[n] != VN_LABEL_MUC_TIEU &&
        (nd->kind == VN_KIND_SECTION || nd->kind == VN_KIND_HEADING) && nd->title.end > nd->title.start) {
        vn_buf_clear(&ex->tmp);
        vn_render_span(doc, nd->title, &ex->tmp);
        vn_buf key = {0};
        vn_fold_key(ex->tmp.data ? ex->tmp.data : "", ex->tmp.len, &key);
        ex->situation[n] = vn_phrases_prefix(&doc->grammar->targets->situation, key.data ? key.data : "",
                                             key.len, NULL) >= 0;
        vn_buf_free(&key);
    }
    if (ex->situation[n])
        return;
    size_t table_found = 0;
    if (vn_tg_visit_table_row(ex, n, &table_found)) {
        if (table_found == 0 && ex->section[n] == VN_LABEL_MUC_TIEU && ex->table.parent != nd->parent)
            add_qualitative(ex, n);
        return;
    }
    if (nd->kind != VN_KIND_ITEM && nd->kind != VN_KIND_PARAGRAPH)
        ex->table.parent = -1; /* a heading ends any table */
    vn_span pieces[2];
    size_t np = node_pieces(doc, nd, pieces);
    size_t found = 0, rendered = SIZE_MAX;
    int32_t node_main = -1;
    vn_scan_ctx ctx = {nd->phase};
    for (size_t k = 0; k < np; k++) {
        /* most text holds no digit at all, or only references and dates:
         * skip it before any rendering */
        if (!vn_tg_may_hold_value(doc->text.s + pieces[k].start, pieces[k].end - pieces[k].start) &&
            !vn_tg_may_hold_fraction_words(&ex->sc, doc->text.s + pieces[k].start, pieces[k].end - pieces[k].start))
            continue;
        /* A TAB outside a table of targets still parts cells (a task table
         * in an annex: "7 ⇥ Tổ chức diễn đàn ... ⇥ 2025 - 2026 ⇥ Chương
         * trình ..."): a number never takes its unit from the next cell. */
        for (uint32_t a = pieces[k].start; a < pieces[k].end;) {
            const char *tab = memchr(doc->text.s + a, '\t', pieces[k].end - a);
            uint32_t b = tab ? (uint32_t)(tab - doc->text.s) : pieces[k].end;
            vn_span cell = vn_span_make(a, b);
            a = b + 1;
            /* a huge cell (a document of one line) a chunk at a time */
            for (uint32_t ca = cell.start; ca < cell.end;) {
                uint32_t cb = chunk_end(doc->text.s, ca, cell.end);
                if (vn_tg_may_hold_value(doc->text.s + ca, cb - ca) ||
                    vn_tg_may_hold_fraction_words(&ex->sc, doc->text.s + ca, cb - ca)) {
                    vn_buf_clear(&ex->text);
                    ex->map.len = 0;
                    render_mapped(doc, vn_span_make(ca, cb), &ex->text, &ex->map);
                    rendered = tab || ca != pieces[k].start || cb != cell.end ? SIZE_MAX : k;
                    ex->sc.ncands = 0;
                    if (vn_tg_scan_into(&ex->sc, ex->text.data, ex->text.len, &ctx, NULL, 0) > 0)
                        found += add_quantified(ex, n, inherited, &node_main);
                }
                ca = cb;
            }
        }
    }
    if (found == 0 && ex->section[n] == VN_LABEL_MUC_TIEU)
        add_qualitative(ex, n);
    /* "..., trong đó:" hands its target to the sub-items below */
    if (node_main < 0)
        return;
    if (rendered != np - 1) {
        /* only its end can open parts (vn_tg_opens_parts) */
        vn_span last = pieces[np - 1];
        if (last.end - last.start > VN_TG_SCAN_CHUNK) {
            last.start = last.end - 4096; /* from a word start some way before the end */
            while (last.start < last.end && doc->text.s[last.start - 1] != ' ')
                last.start++;
        }
        vn_buf_clear(&ex->text);
        ex->map.len = 0;
        render_mapped(doc, last, &ex->text, &ex->map);
    }
    if (vn_tg_opens_parts(&ex->sc, ex->text.data ? ex->text.data : "", ex->text.len)) {
        ex->open_parent[n] = node_main;
        if (!is_item && parent >= 0) {
            ex->list_open[parent] = node_main;
            ex->list_clause[parent] = 1;
        }
    }
}

static bool valid_link(const vnplan_doc *doc, int32_t i)
{
    return i >= -1 && (i < 0 || (size_t)i < doc->nnodes);
}

void vn_targets_extract(vnplan_doc *doc)
{
    if (!doc || doc->nnodes == 0 || !doc->grammar || !doc->grammar->targets)
        return;
    extractor ex;
    memset(&ex, 0, sizeof ex);
    ex.doc = doc;
    vn_tg_scanner_init(&ex.sc, doc->grammar->targets);
    ex.section = vn_xmalloc(doc->nnodes * sizeof *ex.section);
    ex.situation = vn_xcalloc(doc->nnodes, 1);
    ex.open_parent = vn_xmalloc(doc->nnodes * sizeof *ex.open_parent);
    ex.table.parent = -1;
    ex.list_open = vn_xmalloc(doc->nnodes * sizeof *ex.list_open);
    ex.list_clause = vn_xcalloc(doc->nnodes, 1);
    for (size_t i = 0; i < doc->nnodes; i++)
        ex.list_open[i] = -1;
    ex.last_main = -1;
    /* Pre-order walk by links, no recursion: a hostile document may nest
     * thousands of levels.  The step budget stops a malformed (cyclic) tree. */
    size_t steps = 0, budget = 4 * doc->nnodes + 4;
    int32_t n = 0;
    while (n >= 0 && steps++ < budget) {
        const vn_node *nd = &doc->nodes[n];
        bool skip = is_skipped_subtree(nd);
        if (!skip)
            visit(&ex, n);
        if (!skip && nd->first_child >= 0 && valid_link(doc, nd->first_child)) {
            n = nd->first_child;
            continue;
        }
        while (n >= 0 && steps++ < budget &&
               (doc->nodes[n].next < 0 || !valid_link(doc, doc->nodes[n].next)))
            n = valid_link(doc, doc->nodes[n].parent) ? doc->nodes[n].parent : -1;
        if (n >= 0)
            n = doc->nodes[n].next;
    }
    vn_tg_scanner_free(&ex.sc);
    vn_buf_free(&ex.text);
    vn_buf_free(&ex.tmp);
    VN_FREE_ALL(ex.map.v, ex.section, ex.open_parent, ex.list_open, ex.list_clause);
    vn_buf_free(&ex.cells);
    free(ex.situation);
    vn_targets_parts(doc, &ex.strs);
    vn_intern_free(&ex.strs);
}
