/* meta.c — the document's metadata, read from the fields frame.c named:
 * type, number, date and place, issuer, locality and level, signer, and the
 * documents it says it implements.  When the header lacks a field (a plan
 * exported without its letterhead), the opening and the body are asked. */
#include "stages.h"
#include "grammar.h"
#include "match.h"
#include "utf8.h"
#include "meta_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

#define B(field, with_value) VN_PHRASE_BLOCK(struct vn_meta_rules, field, with_value),
static const vn_phrase_block meta_blocks[] = {META_BLOCKS(B)};
#undef B

vnplan_status vn_meta_rules_init(vnplan_grammar *g, vn_error *err)
{
    struct vn_meta_rules *r = g->meta = vn_xcalloc(1, sizeof *r);
    vnplan_status st = vn_phrases_load_blocks(r, g, META_FILE, meta_blocks, VN_COUNT(meta_blocks), err);
    if (st != VNPLAN_OK)
        return st;
    vn_grammar_words(g, META_FILE, "place_spelling", &r->spelling, &r->nspelling);
    /* codes are spellings, kept verbatim (not folded) */
    const vn_gtable *t = vn_grammar_table(g, META_FILE);
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, "codes", &i)) != NULL) {
        vn_phrase *e = &VN_PUSH(r->codes.v, r->codes.n, r->codes.cap);
        memset(e, 0, sizeof *e);
        e->text = vn_xstrndup(row->f[0], strlen(row->f[0]));
        e->len = strlen(row->f[0]);
        e->line = row->line;
    }
    for (size_t k = 0; k < r->ref.n; k++)
        if (!r->ref.v[k].re)
            return vn_fail(err, VNPLAN_ERR_GRAMMAR, "meta.txt:%u: [ref] rows need a /pattern/",
                           r->ref.v[k].line);
    return VNPLAN_OK;
}

void vn_meta_rules_free(struct vn_meta_rules *r)
{
    if (!r)
        return;
    vn_phrases_free_blocks(r, meta_blocks, VN_COUNT(meta_blocks));
    vn_phrases_free(&r->codes);
    free(r->spelling);
    free(r);
}

/* ---- small text helpers ---------------------------------------------------------- */

const char *vn_meta_keep(vnplan_doc *doc, const char *s, size_t n)
{
    while (n && vn_is_space(*s))
        s++, n--;
    while (n && vn_is_space(s[n - 1]))
        n--;
    return n ? vn_arena_strndup(&doc->arena, s, n) : NULL;
}

/* The metadata describe the file's first document (a decision, say, before
 * the plan it issues): its fields are those before the second's lines. */
static bool in_first_document(const vnplan_doc *doc, const vn_node *n)
{
    return doc->ndocs < 2 || doc->doc_start[1] >= doc->nllines ||
           n->line_first < doc->llines[doc->doc_start[1]].first;
}

/* The next node of field f in the first document, from *i on; NULL after
 * the last. */
static const vn_node *next_field(const vnplan_doc *doc, vn_field f, size_t *i)
{
    for (; *i < doc->nnodes; ++*i) {
        const vn_node *n = &doc->nodes[*i];
        if (n->kind == VN_KIND_FIELD && n->field == f && in_first_document(doc, n)) {
            ++*i;
            return n;
        }
    }
    return NULL;
}

/* Text of every node with a given field, joined with a space (or sep). */
void vn_meta_field_text(const vnplan_doc *doc, vn_field f, const char *sep, vn_buf *out)
{
    vn_buf_clear(out);
    size_t i = 0;
    for (const vn_node *n; (n = next_field(doc, f, &i));) {
        /* "(Ban hành kèm theo Quyết định số ...)" names the decision, not this document */
        if (f == VN_FIELD_NUMBER && n->text.end > n->text.start && doc->text.s[n->text.start] == '(')
            continue;
        if (out->len)
            vn_buf_puts(out, sep);
        vn_render_span(doc, n->title, out);
        if (n->title.end > n->title.start && n->text.end > n->text.start)
            vn_buf_putc(out, ' ');
        vn_render_node_text(doc, n, out);
    }
    vn_buf_cstr(out);
}

/* The physical lines of the nodes with a field, each trimmed, joined by sep
 * (the signature block is read line by line). */
/* The lines of field f joined by sep; with skip_notes, a line all in
 * brackets is left out ("(Đã ký)", "(ký, đóng dấu)" in a signature block:
 * a note on the copy, not the signer's capacity). */
void vn_meta_field_lines(const vnplan_doc *doc, vn_field f, const char *sep, bool skip_notes, vn_buf *out)
{
    vn_buf_clear(out);
    size_t i = 0;
    for (const vn_node *n; (n = next_field(doc, f, &i));) {
        int32_t it = VN_TEXT_FIRST;
        vn_span sp;
        while (vn_node_text_next(doc, n, &it, &sp)) {
            for (uint32_t k = (uint32_t)vn_line_of(doc, sp.start); k < doc->nplines; k++) {
                const vn_pline *pl = &doc->plines[k];
                if (pl->start >= sp.end)
                    break;
                if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE))
                    continue;
                size_t a = pl->start > sp.start ? pl->start : sp.start;
                size_t b = pl->end < sp.end ? pl->end : sp.end;
                if (a >= b || vn_is_scan_noise_line(doc->grammar, doc->text.s + a, b - a))
                    continue; /* a stamp's trace is nobody's title */
                size_t ta = a, tb = b;
                while (ta < tb && vn_is_space(doc->text.s[ta]))
                    ta++;
                while (tb > ta && vn_is_space(doc->text.s[tb - 1]))
                    tb--;
                if (skip_notes && tb - ta >= 2 && doc->text.s[ta] == '(' && doc->text.s[tb - 1] == ')')
                    continue;
                if (skip_notes && tb - ta >= 2 && doc->text.s[tb - 1] == ')') {
                    /* the note closing a signing line ("CHỦ TỊCH (Đã ký)") */
                    size_t o = tb - 1;
                    while (o > ta && doc->text.s[o] != '(')
                        o--;
                    if (o > ta && doc->text.s[o] == '(') {
                        while (o > ta && vn_is_space(doc->text.s[o - 1]))
                            o--;
                        b = o;
                    }
                }
                if (out->len)
                    vn_buf_puts(out, sep);
                vn_render_span(doc, vn_span_make(a, b), out);
            }
        }
    }
    vn_buf_cstr(out);
}

static bool is_upper_word(const char *s, size_t n)
{
    bool letter = false;
    for (size_t i = 0; i < n;) {
        int32_t cp = vn_utf8_next(s, n, &i);
        if (vn_cp_is_lower(cp))
            return false;
        if (vn_cp_is_letter(cp))
            letter = true;
    }
    return letter;
}

/* "NINH BÌNH" → "Ninh Bình"; words already in mixed case stay as written. */
void vn_meta_title_case(const char *s, size_t n, vn_buf *out)
{
    bool start = true;
    bool caps = is_upper_word(s, n);
    for (size_t i = 0; i < n;) {
        int32_t cp = vn_utf8_next(s, n, &i);
        if (caps)
            cp = start ? cp : utf8proc_tolower(cp);
        else if (start)
            cp = utf8proc_toupper(cp);
        char tmp[4];
        vn_buf_put(out, tmp, (size_t)vn_utf8_encode(cp, tmp));
        /* "EA H'LEO" → "Ea H'Leo", "ĐẮK R'LẤP" → "Đắk R'Lấp": in the names of
         * the Central Highlands a letter after an apostrophe starts a syllable
         * (a name written in mixed case keeps its own spelling: "Cư M'gar") */
        start = cp == ' ' || cp == '-' || cp == '(' || (caps && (cp == '\'' || cp == 0x2019));
    }
}

/* A name title case cannot spell ("CƯ M'GAR" is "Cư M'gar", not "Cư M'Gar")
 * takes the spelling [place_spelling] gives it. */
void vn_meta_place_spelling(const struct vn_meta_rules *r, vn_buf *name)
{
    if (!r->nspelling || !name->len)
        return;
    vn_buf key = {0}, want = {0};
    vn_fold_key(name->data, name->len, &key);
    for (size_t i = 0; i < r->nspelling; i++) {
        vn_buf_clear(&want);
        vn_fold_key(r->spelling[i], strlen(r->spelling[i]), &want);
        if (want.len == key.len && memcmp(want.data, key.data, key.len) == 0) {
            vn_buf_clear(name);
            vn_buf_puts(name, r->spelling[i]);
            break;
        }
    }
    vn_buf_free(&key);
    vn_buf_free(&want);
}

/* ---- dates and references -------------------------------------------------------------- */

static bool iso_date(int d, int m, int y, char out[16])
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    /* YYYY-MM-DD, written by hand: the ranges are checked above */
    const int parts[3][2] = {{y, 4}, {m, 2}, {d, 2}};
    size_t k = 0;
    for (int p = 0; p < 3; p++) {
        if (p)
            out[k++] = '-';
        for (int w = parts[p][1], v = parts[p][0]; w-- > 0; v /= 10)
            out[k + (size_t)w] = (char)('0' + v % 10);
        k += (size_t)parts[p][1];
    }
    out[k] = '\0';
    return true;
}

static int group_int(const char *s, PCRE2_SIZE *ov, int g)
{
    int v = 0;
    for (PCRE2_SIZE k = ov[2 * g]; k < ov[2 * g + 1] && k - ov[2 * g] < 6; k++)
        if (s[k] >= '0' && s[k] <= '9')
            v = v * 10 + (s[k] - '0');
    return v;
}

/* First date any pattern of the list finds in s[0..n), as ISO. */
static bool find_date(const vn_phrases *pats, const char *s, size_t n, char out[16])
{
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    bool found = false;
    for (size_t i = 0; i < pats->n && !found; i++) {
        if (!pats->v[i].re)
            continue;
        if (vn_regex_match(pats->v[i].re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, md, NULL) >= 4) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            found = iso_date(group_int(s, ov, 1), group_int(s, ov, 2), group_int(s, ov, 3), out);
        }
    }
    pcre2_match_data_free(md);
    return found;
}

/* The usual spelling of a document number: QĐ-TTG → QĐ-TTg (codes from the
 * grammar); a group written in mixed case is kept as written. */
static void canonical_number(const struct vn_meta_rules *r, const char *s, size_t n, vn_buf *out, vn_buf *key)
{
    vn_buf_clear(out);
    vn_buf_clear(key);
    size_t i = 0;
    while (i < n) {
        if (vn_is_space(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != '/' && s[j] != '-' && !vn_is_space(s[j]))
            j++;
        const char *w = s + i;
        size_t wn = j - i;
        vn_buf up = {0};
        for (size_t k = 0; k < wn;) {
            int32_t cp = utf8proc_toupper(vn_utf8_next(w, wn, &k));
            char tmp[4];
            vn_buf_put(&up, tmp, (size_t)vn_utf8_encode(cp, tmp));
        }
        const char *spelling = NULL;
        for (size_t c = 0; c < r->codes.n && !spelling; c++) {
            vn_buf cu = {0};
            const vn_phrase *e = &r->codes.v[c];
            for (size_t k = 0; k < e->len;) {
                int32_t cp = utf8proc_toupper(vn_utf8_next(e->text, e->len, &k));
                char tmp[4];
                vn_buf_put(&cu, tmp, (size_t)vn_utf8_encode(cp, tmp));
            }
            if (cu.len == up.len && memcmp(cu.data, up.data, up.len) == 0)
                spelling = e->text;
            vn_buf_free(&cu);
        }
        if (spelling)
            vn_buf_puts(out, spelling);
        else if (is_upper_word(w, wn) || !wn)
            vn_buf_put(out, w, wn);
        else
            vn_buf_put(out, w, wn);
        vn_buf_put(key, up.data ? up.data : "", up.len);
        vn_buf_free(&up);
        if (j < n && (s[j] == '/' || s[j] == '-')) {
            vn_buf_putc(out, s[j]);
            vn_buf_putc(key, s[j]);
            j++;
        }
        i = j;
    }
    vn_buf_cstr(out);
    vn_buf_cstr(key);
}

static void add_ref(vnplan_doc *doc, const char *number, const char *key, const char *date, const char *kind,
                    vn_span span)
{
    vn_meta *m = &doc->meta;
    for (size_t i = 0; i < m->nimplements; i++)
        if (strcmp(m->implements[i].key, key) == 0) {
            if (!m->implements[i].date && date)
                m->implements[i].date = vn_arena_strndup(&doc->arena, date, strlen(date));
            return;
        }
    m->implements = vn_xrealloc(m->implements, sizeof *m->implements * (m->nimplements + 1));
    vn_ref *ref = &m->implements[m->nimplements++];
    ref->number = vn_arena_strndup(&doc->arena, number, strlen(number));
    ref->key = vn_arena_strndup(&doc->arena, key, strlen(key));
    ref->date = date ? vn_arena_strndup(&doc->arena, date, strlen(date)) : NULL;
    ref->kind = kind;
    ref->span = span;
}

/* References in one clause of text that says it implements something. */
/* Kinds of document a plan can be said to implement (not laws or decrees). */
static bool implementable(const char *kind)
{
    static const char *const kinds[] = {"quyet_dinh",   "nghi_quyet", "ke_hoach", "chi_thi",
                                        "chuong_trinh", "ket_luan",   "de_an"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kind && strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

/* A footnote mark glued to a reference: "42/2025/NQ-HĐND¹", or, when PDF
 * extraction lost the superscript, "325/KH-UBND1" (a known letter group
 * followed by digits).  Returns the end without it. */
static size_t strip_footnote_mark(const struct vn_meta_rules *r, const char *s, size_t a, size_t b)
{
    for (;;) {
        size_t k = b;
        int32_t cp = vn_utf8_prev(s, &k);
        if (k < a || !(cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || (cp >= 0x2070 && cp <= 0x2079)))
            break;
        b = k;
    }
    size_t d = b;
    while (d > a && vn_is_digit(s[d - 1]))
        d--;
    if (d == b || b - d > 2)
        return b;
    size_t g = d;
    while (g > a && s[g - 1] != '-' && s[g - 1] != '/')
        g--;
    if (g == d)
        return b;
    for (size_t c = 0; c < r->codes.n; c++) {
        const vn_phrase *e = &r->codes.v[c];
        if (e->len == d - g && memcmp(e->text, s + g, d - g) == 0)
            return d;
    }
    return b;
}

/* The letters at s[i] open a document code: a capital ("TTg", "UBND", "QĐ"). */
static bool code_follows(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return false;
    int32_t cp = vn_utf8_next(s, n, &i);
    return vn_cp_is_upper(cp);
}

static void refs_in(vnplan_doc *doc, const char *s, size_t n, size_t span_base, bool only_implementable)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    vn_buf num = {0}, key = {0}, unified = {0};
    size_t before = doc->meta.nimplements;
    for (size_t pi = 0; pi < r->ref.n; pi++) {
        size_t start = 0;
        while (start < n &&
               vn_regex_match(r->ref.v[pi].re, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, md, NULL) >= 2) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            size_t a = ov[2], b = ov[3], end = ov[1];
            /* a number broken at the end of a line ("1002/QĐ-" + "TTg",
             * "1002" + "/QĐ-TTg") goes on after the break; so does one typed
             * with a space at its slash or dash ("1002 /QĐ-TTg", "1002/QĐ- TTg")
             * when a code in capitals follows (never "12/QĐ- ngày") */
            size_t joint = b, c = b;
            while (c < n && vn_is_space(s[c]) && c - b < 16)
                c++;
            bool broken = c < n && c > b && b > a && (s[b - 1] == '-' || s[b - 1] == '/' || s[c] == '/') &&
                          !vn_is_space(s[c]) &&
                          (memchr(s + b, '\n', c - b) || code_follows(s, n, s[c] == '/' ? c + 1 : c));
            if (broken) {
                size_t d = c;
                while (d < n && !vn_is_space(s[d]) && s[d] != ',' && s[d] != ';' && s[d] != '(' &&
                       s[d] != ')')
                    d++;
                b = end = d;
            }
            start = end > start ? end : start + 1;
            while (b > a && (s[b - 1] == '.' || s[b - 1] == ':' || s[b - 1] == '-'))
                b--;
            size_t b_marked = b; /* the date follows the footnote mark, if any */
            b = strip_footnote_mark(r, s, broken ? c : a, b);
            if (only_implementable && !implementable(r->ref.v[pi].value))
                continue;
            /* the number with its dashes unified ("1002/QĐ–TTg" is 1002/QĐ-TTg),
             * without the line break it was broken at */
            vn_buf_clear(&unified);
            if (broken) {
                vn_fold(s + a, joint - a, 0, &unified, NULL);
                if (c < b)
                    vn_fold(s + c, b - c, 0, &unified, NULL);
            } else {
                vn_fold(s + a, b - a, 0, &unified, NULL);
            }
            bool shaped = false;
            for (size_t k = 0; k < r->number_shape.n && !shaped; k++) {
                pcre2_match_data *m2 = pcre2_match_data_create(2, NULL);
                shaped = vn_regex_match(r->number_shape.v[k].re, (PCRE2_SPTR)unified.data, unified.len, 0,
                                        PCRE2_NO_UTF_CHECK, m2, NULL) >= 0;
                pcre2_match_data_free(m2);
            }
            if (!shaped)
                continue;
            canonical_number(r, unified.data, unified.len, &num, &key);
            char date[16];
            size_t tail = n - b_marked < 60 ? n - b_marked : 60;
            bool dated = find_date(&r->ref_date, s + b_marked, tail, date);
            add_ref(doc, num.data, key.data, dated ? date : NULL, r->ref.v[pi].value,
                    vn_span_make(span_base + a, span_base + b));
        }
    }
    /* The patterns run kind by kind; the references are listed in the order
     * the text names them ("Kế hoạch số 98/KH-UBND ... thực hiện Quyết định
     * số 1002/QĐ-TTg": the plan first), as docs/format.md says. */
    vn_ref *v = doc->meta.implements;
    for (size_t i = before + 1; i < doc->meta.nimplements; i++)
        for (size_t j = i; j > before && v[j].span.start < v[j - 1].span.start; j--) {
            vn_ref t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    vn_buf_free(&num);
    vn_buf_free(&key);
    vn_buf_free(&unified);
    pcre2_match_data_free(md);
}

/* The title and opening name what the plan implements; a clause that starts
 * with "Căn cứ" cites a legal basis instead.  Clauses are split at ';'. */
/* Where a document says what it implements: its title and opening, and in
 * a decision, the first article ("Điều 1. Phê duyệt Đề án ... nhằm triển
 * khai thực hiện Quyết định số ..."). */
static bool says_what_it_implements(const vnplan_doc *doc, size_t i, bool *first_article_seen)
{
    const vn_node *n = &doc->nodes[i];
    if (n->kind == VN_KIND_FIELD)
        return n->field == VN_FIELD_TITLE || n->field == VN_FIELD_OPENING;
    if (n->style == VN_STYLE_DIEU && !*first_article_seen) {
        *first_article_seen = true;
        return true;
    }
    return false;
}

/* Calls fn on each clause (split at ';') of the opening and legal basis
 * fields, in document order: the clause is doc->text.s[base + a .. base + b),
 * base the start of its field's text. */
typedef void (*clause_fn)(vnplan_doc *doc, size_t base, size_t a, size_t b, void *ctx);

static void each_basis_clause(vnplan_doc *doc, clause_fn fn, void *ctx)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        if (n->kind != VN_KIND_FIELD || (n->field != VN_FIELD_OPENING && n->field != VN_FIELD_BASIS))
            continue;
        const char *s = doc->text.s + n->text.start;
        size_t len = n->text.end - n->text.start;
        for (size_t a = 0; a < len;) {
            size_t b = a;
            while (b < len && s[b] != ';')
                b++;
            fn(doc, n->text.start, a, b, ctx);
            a = b + 1;
        }
    }
}

typedef struct cited_clause {
    vn_buf *text, *fk; /* scratch */
} cited_clause;

/* A clause of a plan whose opening only cites: what it cites is implemented,
 * unless the clause names the issuer's charter. */
static void cited_clause_refs(vnplan_doc *doc, size_t base, size_t a, size_t b, void *ctx)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    cited_clause *cc = ctx;
    vn_buf_clear(cc->text);
    vn_render_span(doc, vn_span_make(base + a, base + b), cc->text);
    vn_fold_key(cc->text->data ? cc->text->data : "", cc->text->len, cc->fk);
    if (vn_phrases_find(&r->charter, cc->fk->data ? cc->fk->data : "", cc->fk->len, NULL, NULL) < 0)
        refs_in(doc, doc->text.s + base + a, b - a, base + a, true);
}

/* A basis clause that names a document the plan implements: what the clause
 * names after it is implemented through it. */
static void implemented_through(vnplan_doc *doc, size_t base, size_t a, size_t b, void *ctx)
{
    (void)ctx;
    const char *s = doc->text.s + base;
    size_t before = doc->meta.nimplements, known = b;
    for (size_t k = 0; k < before; k++) {
        const char *num = doc->meta.implements[k].number;
        size_t nl = num ? strlen(num) : 0;
        for (size_t at = a; nl && at + nl <= b && at < known; at++)
            if (memcmp(s + at, num, nl) == 0)
                known = at;
    }
    if (known < b)
        refs_in(doc, s + a, b - a, base + a, true);
    /* only what the clause names after the implemented document */
    for (size_t k = before; k < doc->meta.nimplements; k++)
        if (doc->meta.implements[k].span.start < base + known)
            doc->meta.nimplements = before;
}

static void find_implements(vnplan_doc *doc)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_buf text = {0}, fk = {0};
    bool first_article_seen = false;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        if (!says_what_it_implements(doc, i, &first_article_seen))
            continue;
        /* work on the raw span so reference spans stay exact */
        vn_span own =
            n->title.end > n->title.start
                ? vn_span_make(n->title.start, n->text.end > n->title.end ? n->text.end : n->title.end)
                : n->text;
        const char *s = doc->text.s + own.start;
        size_t len = own.end - own.start;
        bool implementing = n->kind == VN_KIND_FIELD && n->field == VN_FIELD_TITLE;
        size_t a = 0;
        while (a < len) {
            size_t b = a;
            while (b < len && s[b] != ';')
                b++;
            vn_buf_clear(&text);
            vn_render_span(doc, vn_span_make(own.start + a, own.start + b), &text);
            vn_fold_key(text.data ? text.data : "", text.len, &fk);
            const char *k = fk.data ? fk.data : "";
            if (vn_phrases_prefix(&r->basis, k, fk.len, NULL) >= 0 ||
                vn_phrases_prefix(&r->oversee, k, fk.len, NULL) >= 0)
                implementing = false;
            else if (vn_phrases_prefix(&r->implement, k, fk.len, NULL) >= 0 ||
                     vn_phrases_find(&r->implement, k, fk.len, NULL, NULL) >= 0)
                implementing = true;
            if (implementing)
                refs_in(doc, s + a, b - a, own.start + a, false);
            a = b + 1;
        }
    }
    /* A plan whose opening only cites ("Căn cứ Quyết định số 1002/QĐ-TTg ...,
     * Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện ...") implements the
     * decisions, plans and resolutions it cites there, except those that
     * only say who the issuer is ("... quy định chức năng, nhiệm vụ ..."). */
    if (doc->meta.nimplements == 0) {
        cited_clause cc = {&text, &fk};
        each_basis_clause(doc, cited_clause_refs, &cc);
    } else {
        /* "Căn cứ Kế hoạch số 164/KH-UBND ... triển khai thực hiện Quyết định số
         * 1002/QĐ-TTg ...": a basis clause that opens with a document the plan
         * implements says what that one implements — the plan implements it
         * through it (a commune's plan for its province's plan for a decision). */
        each_basis_clause(doc, implemented_through, NULL);
    }
    vn_buf_free(&text);
    vn_buf_free(&fk);
}

/* ---- the rest ------------------------------------------------------------------------------- */

static void find_number(vnplan_doc *doc, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_meta_field_text(doc, VN_FIELD_NUMBER, " ", tmp);
    if (!tmp->len)
        return;
    /* after "Số" and an optional colon */
    const char *s = tmp->data;
    size_t n = tmp->len, i = 0;
    while (i < n && s[i] != ':' && !vn_is_digit(s[i]) && s[i] != '/')
        i++;
    if (i < n && s[i] == ':')
        i++;
    while (i < n && vn_is_space(s[i]))
        i++;
    size_t j = i;
    while (j < n && !vn_is_space(s[j]))
        j++;
    /* "141 / KH-UBND" → "141/KH-UBND"; a blank number ("/KH-UBND") is no number */
    vn_buf compact = {0}, unified = {0};
    vn_fold(s + i, n - i, 0, &unified, NULL); /* dashes as '-' */
    for (size_t k = 0; k < unified.len; k++)
        if (!vn_is_space(unified.data[k]))
            vn_buf_putc(&compact, unified.data[k]);
    vn_buf_free(&unified);
    /* "Số: 123/KH-UBND." — the full stop a typist put after the field is not the number's */
    while (compact.len && (compact.data[compact.len - 1] == '.' || compact.data[compact.len - 1] == ',' ||
                           compact.data[compact.len - 1] == ';'))
        compact.len--;
    if (compact.len && vn_is_digit(compact.data[0])) {
        vn_buf num = {0}, key = {0};
        canonical_number(r, compact.data, compact.len, &num, &key);
        doc->meta.number = vn_meta_keep(doc, num.data, num.len);
        vn_buf_free(&num);
        vn_buf_free(&key);
    }
    vn_buf_free(&compact);
    (void)j;
}

/* "ngày   tháng 10 năm 2025": the day left blank, the month given — the
 * date is known to the month, written as ISO 8601 does (2025-10). */
static void find_month(vnplan_doc *doc, const vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    for (size_t i = 0; i < r->doc_month.n; i++) {
        if (!r->doc_month.v[i].re || vn_regex_match(r->doc_month.v[i].re, (PCRE2_SPTR)tmp->data, tmp->len, 0,
                                                    PCRE2_NO_UTF_CHECK, md, NULL) < 3)
            continue;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        int m = group_int(tmp->data, ov, 1), y = group_int(tmp->data, ov, 2);
        char full[16];
        if (iso_date(1, m, y, full)) {
            doc->meta.date = vn_arena_strndup(&doc->arena, full, 7);
            break;
        }
    }
    pcre2_match_data_free(md);
}

static void find_place_date(vnplan_doc *doc, vn_buf *tmp)
{
    const struct vn_meta_rules *r = doc->grammar->meta;
    vn_meta_field_text(doc, VN_FIELD_PLACE_DATE, " ", tmp);
    if (!tmp->len)
        return;
    char date[16];
    if (find_date(&r->doc_date, tmp->data, tmp->len, date))
        doc->meta.date = vn_arena_strndup(&doc->arena, date, 10);
    else
        find_month(doc, tmp);
    const char *comma = memchr(tmp->data, ',', tmp->len);
    if (comma)
        doc->meta.place = vn_meta_keep(doc, tmp->data, (size_t)(comma - tmp->data));
}

/* The longest letter group of meta.txt [number_type] that is looked for. */
#define NUMBER_CODE_MAX 32

static void find_type(vnplan_doc *doc, vn_buf *tmp)
{
    vn_meta_field_text(doc, VN_FIELD_DOC_TYPE, " ", tmp);
    if (tmp->len) {
        vn_buf key = {0};
        vn_fold_key(tmp->data, tmp->len, &key);
        /* the slug is the first row of frame.txt [doc_type] with this phrase */
        const vn_gtable *t = vn_grammar_table(doc->grammar, "frame.txt");
        size_t i = 0;
        const vn_grow_row *row;
        vn_buf pk = {0};
        while ((row = vn_grammar_next(t, "doc_type", &i)) != NULL) {
            if (row->nf < 2)
                continue;
            vn_fold_key_row(row, 1, &pk);
            if (pk.len == key.len && memcmp(pk.data, key.data, key.len) == 0) {
                doc->meta.type = row->f[0];
                break;
            }
        }
        vn_buf_free(&pk);
        vn_buf_free(&key);
    }
    if (doc->meta.type || !doc->meta.number)
        return;
    /* no type line: the number's letters say it (141/KH-UBND → KH →
     * ke_hoach), meta.txt [number_type] */
    const vn_gtable *t = vn_grammar_table(doc->grammar, META_FILE);
    size_t i = 0;
    const vn_grow_row *row;
    while ((row = vn_grammar_next(t, "number_type", &i)) != NULL) {
        char code[NUMBER_CODE_MAX + 3];
        if (row->nf < 2 || strlen(row->f[1]) > NUMBER_CODE_MAX)
            continue;
        snprintf(code, sizeof code, "/%s-", row->f[1]);
        if (strstr(doc->meta.number, code))
            doc->meta.type = row->f[0];
    }
}

/* "PGS.TS. Trần Quốc Hưng", "Đại tá Nguyễn Văn Hùng": the academic titles
 * and ranks before a name (meta.txt [signer_title]) are not the name;
 * returns where the name starts. */
size_t vn_meta_signer_titles(const vnplan_grammar *g, const char *s, size_t n)
{
    const struct vn_meta_rules *r = g->meta;
    size_t at = 0;
    while (n > 0 && at < n && vn_is_space(s[at]))
        at++;
    for (bool more = true; more && at < n;) {
        size_t len = 0;
        more = vn_phrases_prefix(&r->signer_title, s + at, n - at, &len) >= 0 && len > 0 && at + len < n;
        if (more)
            at += len;
    }
    return at;
}

static void find_signer(vnplan_doc *doc, vn_buf *tmp)
{
    vn_meta_field_text(doc, VN_FIELD_SIGNER, " ", tmp);
    if (tmp->len) {
        size_t at = vn_meta_signer_titles(doc->grammar, tmp->data, tmp->len);
        /* a copy's note after the name ("Nguyễn Văn Hải (đã ký)") is no part of it */
        size_t end = at + vn_frame_signer_name_end(doc->grammar, tmp->data + at, tmp->len - at);
        doc->meta.signer_name = vn_meta_keep(doc, tmp->data + at, end - at);
    }
    vn_meta_field_lines(doc, VN_FIELD_SIGNATURE, "\n", true, tmp);
    if (tmp->len) {
        vn_buf lines = {0};
        vn_frame_signing_lines(doc->grammar, tmp->data, tmp->len, &lines);
        doc->meta.signer_capacity = vn_meta_keep(doc, lines.data, lines.len);
        vn_buf_free(&lines);
    }
}

void vn_meta_extract(vnplan_doc *doc)
{
    vn_buf tmp = {0};
    find_number(doc, &tmp);
    find_place_date(doc, &tmp);
    find_type(doc, &tmp);
    vn_meta_find_issuer(doc, &tmp);
    find_signer(doc, &tmp);
    vn_meta_field_text(doc, VN_FIELD_TITLE, " ", &tmp);
    if (tmp.len)
        doc->meta.title = vn_meta_keep(doc, tmp.data, tmp.len);
    find_implements(doc);
    if (doc->nnodes <= 1 || doc->body_first >= doc->body_end)
        vn_doc_warn(doc, "no numbered body found: the text does not look like a plan or decision");
    vn_buf_free(&tmp);
}
