/* lines_footnotes.c — footnotes printed at a page's foot, in text extracted
 * from a PDF whose pages carry no page number.
 *
 * pdftotext prints the footnote area of a page where it stands: after the
 * page's last line of text and before the form feed, so that a paragraph
 * running over the page break is cut by it:
 *
 *     ... kinh tế biển và logistics;
 *
 *     Kế hoạch số 245/KH-UBND ngày 12/8/2025 của Ủy ban nhân dân thành
 *     phố Hải Phòng triển khai thực hiện Quyết định số 1002/QĐ-TTg ...
 *     1
 *
 *     ^Ltừng bước hình thành đội ngũ nhân tài, ...
 *
 * The raised number of the footnote comes after its text, alone on its line,
 * where a page number would stand; what tells it from one is the mark the
 * text carries for it, glued to a word ("thành phố1").  The footnote's text
 * is the lines above that number up to the first that starts with a capital
 * (a new sentence, not a wrapped line); several footnotes of one page are
 * read upwards in turn.
 *
 * pdftotext -layout prints the raised number on a line of its own ABOVE the
 * footnote's text (its baseline is higher), after a blank line:
 *
 *     ... Ủy ban nhân dân thành phố ban hành Kế hoạch ... như sau:
 *
 *     1
 *      Quyết định số 1002/QĐ-TTg ngày 24/5/2025 của Thủ tướng Chính phủ ...
 *     duyệt Đề án ...
 *     ^LNăm       Năm
 *
 * and the mark in the text may follow a digit ("đến năm 20451").  Read from
 * the page's end upwards: a bare number, the lines under it starting with a
 * capital, several such footnotes one above the other, the topmost after a
 * blank line.
 *
 * A Word original prints its footnotes under a short rule of underscores,
 * each after its number; the superscript lost, pdftotext prints the number
 * glued to the text, at the page's end (under it the page number, if the
 * pages are numbered at their foot):
 *
 *     ... theo định hướng của Tỉnh ủy1; gắn đào tạo với nhu cầu của doanh nghiệp
 *
 *     ____________________
 *     1 Nghị quyết số 12-NQ/TU ngày 28/8/2025 của Ban Chấp hành Đảng bộ tỉnh ...
 *     công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh ... đến năm 2030.
 *     ^L                  2
 *     trong Khu kinh tế Dung Quất ...
 *
 * The rule is a line of its own, each "N Capital ..." with the lines under it
 * a footnote, when the page's text above holds the mark of the first.
 *
 * Those lines are kept out of the paragraph (VN_PL_FOOTNOTE: page furniture
 * to the paragraph, which goes on after the break) and become logical lines
 * of their own, which frame.c files as footnotes. */
#include "stages.h"
#include "lines_private.h"
#include "source.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FOOTNOTE_MAX_LINES 8 /* lines of one footnote's text */
#define FOOTNOTE_MAX_NUMBER 99

/* "1", "12": the footnote number alone on its line; 0 for any other line. */
static unsigned bare_number(const char *s, size_t n)
{
    if (n == 0 || n > 2)
        return 0;
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!vn_is_digit(s[i]))
            return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    return v <= FOOTNOTE_MAX_NUMBER ? v : 0;
}

/* Whether text [from, end) holds the mark of footnote `num` glued to a word:
 * a letter (or a closing bracket or quote) then the digits, then no digit. */
static bool has_glued_mark(const char *s, size_t from, size_t end, unsigned num)
{
    char d[4];
    int dn = snprintf(d, sizeof d, "%u", num);
    for (size_t i = from > 0 ? from : 1; i + (size_t)dn <= end; i++) {
        if (memcmp(s + i, d, (size_t)dn) != 0 || (i + (size_t)dn < end && vn_is_digit(s[i + (size_t)dn])))
            continue;
        size_t k = i;
        int32_t cp = vn_utf8_prev(s, &k);
        if (vn_cp_is_letter(cp) || cp == ')' || cp == 0x201D || cp == '"')
            return true;
    }
    return false;
}

static bool starts_capital(const vnplan_doc *doc, const vn_pline *pl)
{
    const char *s = doc->text.s + pl->start;
    size_t n = pl->end - pl->start, i = 0;
    while (i < n && s[i] == ' ')
        i++;
    return i < n && vn_cp_is_upper(vn_utf8_next(s, n, &i));
}

/* The line starts a page: a form feed before its text (normalize.c made it
 * a space; the original text has it). */
bool vn_lines_opens_page(const vnplan_doc *doc, const vn_pline *pl)
{
    const unsigned char *o = (const unsigned char *)doc->text.orig;
    for (size_t i = pl->start; i > 0 && doc->text.s[i - 1] == ' '; i--) {
        size_t at = vn_text_orig_offset(&doc->text, i - 1);
        if (o && at < doc->text.orig_len && o[at] == '\f')
            return true;
    }
    return false;
}

/* The footnotes at the foot of the page of lines [start, end).  A mark is
 * looked for on that page only (a footnote is printed on its mark's page),
 * so that a long file is read once, not once per page. */
static void page_foot(vnplan_doc *doc, size_t start, size_t end, vn_footnote_block **blocks, size_t *n,
                      size_t *cap)
{
    const char *s = doc->text.s;
    size_t q = end;
    for (;;) {
        while (q > start && (doc->plines[q - 1].flags & VN_PL_BLANK))
            q--;
        if (q < start + 2)
            return;
        const vn_pline *num = &doc->plines[q - 1];
        unsigned v = bare_number(s + num->start, num->end - num->start);
        /* a number the format itself prints as page furniture (a PDF's
         * footer) is the page's, not a footnote's */
        bool footer = q - 1 < doc->nsrc && (doc->src[q - 1].flags & VN_SRC_FURNITURE);
        if (!v || footer || vn_lines_opens_page(doc, num) ||
            !has_glued_mark(s, doc->plines[start].start, num->start, v))
            return;
        /* its text: the lines above, up to the first starting with a capital */
        size_t first = q - 1, k = q - 1;
        while (k > start && q - 1 - k < FOOTNOTE_MAX_LINES) {
            const vn_pline *pl = &doc->plines[k - 1];
            if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE | VN_PL_TABLE))
                break;
            k--;
            if (starts_capital(doc, pl)) {
                first = k;
                break;
            }
            if (vn_lines_opens_page(doc, pl))
                break;
        }
        if (first == q - 1 || vn_lines_opens_page(doc, &doc->plines[first]))
            return;
        vn_footnote_block *b = &VN_PUSH(*blocks, *n, *cap);
        b->first = (uint32_t)first;
        b->last = (uint32_t)(q - 1);
        for (size_t j = first; j < q; j++)
            doc->plines[j].flags |= VN_PL_FOOTNOTE | VN_PL_FURNITURE;
        q = first;
    }
}

/* Whether text [from, end) holds the mark of footnote `num` right after a
 * letter or a digit ("thành phố2", "năm 20451"): the weaker sign, taken only
 * with the layout of a footnote area under it (number_above_foot). */
static bool has_mark_after_digit(const char *s, size_t from, size_t end, unsigned num)
{
    char d[4];
    int dn = snprintf(d, sizeof d, "%u", num);
    for (size_t i = from > 0 ? from : 1; i + (size_t)dn <= end; i++)
        if (memcmp(s + i, d, (size_t)dn) == 0 && (i + (size_t)dn >= end || !vn_is_digit(s[i + (size_t)dn])) &&
            vn_is_digit(s[i - 1]) && i >= 4 && vn_is_digit(s[i - 2]) && vn_is_digit(s[i - 3]) &&
            vn_is_digit(s[i - 4]) && (i < 5 || !vn_is_digit(s[i - 5])))
            return true; /* a year and its mark: five digits where a year stands */
    return has_glued_mark(s, from, end, num);
}

/* The footnotes of the page [start, end) printed number first (pdftotext
 * -layout, above).  Nothing is marked unless the whole foot reads so. */
static void number_above_foot(vnplan_doc *doc, size_t start, size_t end, vn_footnote_block **blocks, size_t *n,
                              size_t *cap)
{
    const char *s = doc->text.s;
    size_t q = end, found = *n;
    while (q > start && (doc->plines[q - 1].flags & VN_PL_BLANK))
        q--;
    for (;;) {
        /* the nearest bare number above q, its text the lines under it */
        size_t k = q;
        while (k > start && q - k < FOOTNOTE_MAX_LINES) {
            const vn_pline *pl = &doc->plines[k - 1];
            if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE | VN_PL_TABLE) || vn_lines_opens_page(doc, pl))
                break;
            if (bare_number(s + pl->start, pl->end - pl->start))
                break;
            k--;
        }
        if (k <= start || k == q)
            break;
        const vn_pline *num = &doc->plines[k - 1];
        unsigned v = bare_number(s + num->start, num->end - num->start);
        if (!v || vn_lines_opens_page(doc, num) || !starts_capital(doc, &doc->plines[k]) ||
            !has_mark_after_digit(s, doc->plines[start].start, num->start, v))
            break;
        vn_footnote_block *b = &VN_PUSH(*blocks, *n, *cap);
        b->first = (uint32_t)(k - 1);
        b->last = (uint32_t)(q - 1);
        q = k - 1;
        if (q > start && (doc->plines[q - 1].flags & VN_PL_BLANK)) {
            /* the topmost, after a blank line: the foot is read */
            for (size_t i = found; i < *n; i++)
                for (uint32_t j = (*blocks)[i].first; j <= (*blocks)[i].last; j++)
                    doc->plines[j].flags |= VN_PL_FOOTNOTE | VN_PL_FURNITURE;
            return;
        }
    }
    *n = found; /* not a footnote area */
}

/* "1 Nghị quyết ...": the number of a footnote whose mark lost its
 * superscript, a space, then a capital; 0 for any other line. */
static unsigned plain_footnote_number(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && vn_is_digit(s[i]))
        i++;
    if (i == 0 || i >= n || s[i] != ' ')
        return 0;
    size_t k = i + 1;
    if (k >= n || !vn_cp_is_upper(vn_utf8_next(s, n, &k)))
        return 0;
    return bare_number(s, i);
}

static bool is_underscore_rule(const char *s, size_t n) { return vn_count_alone(s, n, '_') >= 5; }

/* The footnotes of the page [start, end) under a rule of underscores
 * (above).  Nothing is marked unless the whole foot reads so. */
static void rule_foot(vnplan_doc *doc, size_t start, size_t end, vn_footnote_block **blocks, size_t *n,
                      size_t *cap)
{
    const char *s = doc->text.s;
    size_t q = end;
    while (q > start && (doc->plines[q - 1].flags & VN_PL_BLANK))
        q--;
    /* a page number at the foot, under the footnotes */
    if (q > start && bare_number(s + doc->plines[q - 1].start, doc->plines[q - 1].end - doc->plines[q - 1].start))
        q--;
    while (q > start && (doc->plines[q - 1].flags & VN_PL_BLANK))
        q--;
    size_t rule = q;
    while (rule > start && q - rule <= FOOTNOTE_MAX_LINES) {
        const vn_pline *pl = &doc->plines[rule - 1];
        if (pl->flags & (VN_PL_BLANK | VN_PL_FURNITURE | VN_PL_TABLE))
            return;
        if (is_underscore_rule(s + pl->start, pl->end - pl->start))
            break;
        rule--;
    }
    /* the rule stands apart from the text above it, a footnote right under it */
    if (rule <= start + 1 || rule >= q || !(doc->plines[rule - 2].flags & VN_PL_BLANK) ||
        !is_underscore_rule(s + doc->plines[rule - 1].start, doc->plines[rule - 1].end - doc->plines[rule - 1].start))
        return;
    const vn_pline *top = &doc->plines[rule];
    unsigned v = plain_footnote_number(s + top->start, top->end - top->start);
    if (!v || !has_glued_mark(s, doc->plines[start].start, doc->plines[rule - 1].start, v))
        return;
    vn_footnote_block *b = &VN_PUSH(*blocks, *n, *cap);
    b->first = b->last = (uint32_t)(rule - 1);
    for (size_t k = rule; k < q;) {
        size_t e = k + 1;
        while (e < q && plain_footnote_number(s + doc->plines[e].start, doc->plines[e].end - doc->plines[e].start) !=
                            v + 1)
            e++;
        b = &VN_PUSH(*blocks, *n, *cap);
        b->first = (uint32_t)k;
        b->last = (uint32_t)(e - 1);
        v++;
        k = e;
    }
    for (size_t k = rule - 1; k < q; k++)
        doc->plines[k].flags |= VN_PL_FOOTNOTE | VN_PL_FURNITURE;
}

/* The number alone on the last line of the page ending before `end`, or 0. */
static unsigned foot_number(const vnplan_doc *doc, size_t start, size_t end)
{
    size_t q = end;
    while (q > start && (doc->plines[q - 1].flags & VN_PL_BLANK))
        q--;
    if (q <= start)
        return 0;
    const vn_pline *pl = &doc->plines[q - 1];
    return bare_number(doc->text.s + pl->start, pl->end - pl->start);
}

/* Whether the pages are numbered at their foot: two pages or more, all but
 * one, end with the number that counts them (from the first page's on).  Then a lone
 * number is a page number, whatever the text ("khí thải CO2" is no mark). */
static bool numbered_pages(const vnplan_doc *doc)
{
    size_t pages = 0, counted = 0, start = 0;
    long first = -1;
    for (size_t k = 1; k <= doc->nplines; k++)
        if (k == doc->nplines || vn_lines_opens_page(doc, &doc->plines[k])) {
            unsigned v = foot_number(doc, start, k);
            if (first < 0 && v)
                first = (long)v - (long)pages;
            if (v && first >= 0 && (long)v == first + (long)pages)
                counted++;
            pages++;
            start = k;
        }
    return counted >= 2 && counted + 1 >= pages;
}

size_t vn_lines_find_page_footnotes(vnplan_doc *doc, vn_footnote_block **blocks)
{
    size_t n = 0, cap = 0;
    *blocks = NULL;
    /* where the pages are numbered at their foot, the lone number last on a
     * page is its number, and the footnotes are read above it; a rule of
     * underscores over "1 ..." is a footnote area whatever the pages' numbers */
    bool numbered = numbered_pages(doc);
    size_t start = 0;
    for (size_t k = 1; k <= doc->nplines; k++)
        if (k == doc->nplines || vn_lines_opens_page(doc, &doc->plines[k])) {
            size_t before = n, foot = k;
            if (numbered) {
                while (foot > start && (doc->plines[foot - 1].flags & VN_PL_BLANK))
                    foot--;
                if (foot > start && bare_number(doc->text.s + doc->plines[foot - 1].start,
                                                doc->plines[foot - 1].end - doc->plines[foot - 1].start))
                    foot--;
            }
            if (k < doc->nplines) /* a paragraph goes on only past a page break */
                rule_foot(doc, start, k, blocks, &n, &cap);
            if (n == before)
                page_foot(doc, start, foot, blocks, &n, &cap);
            if (n == before)
                number_above_foot(doc, start, foot, blocks, &n, &cap);
            start = k;
        }
    /* the blocks are read upwards within a page; the lines' order is theirs */
    return n;
}

static int cmp_lline(const void *a, const void *b)
{
    const vn_lline *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

void vn_lines_add_footnote_lines(vnplan_doc *doc, const vn_footnote_block *blocks, size_t n)
{
    /* a logical line that ends inside a footnote (nothing of it after the
     * page break) ends before it */
    for (size_t i = 0; i < n; i++) {
        /* the last logical line that starts before the footnote (they are in order) */
        size_t lo = 0, hi = doc->nllines;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (doc->llines[mid].first < blocks[i].first)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0)
            continue;
        vn_lline *ll = &doc->llines[lo - 1];
        if (ll->last >= blocks[i].first && ll->last <= blocks[i].last) {
            uint32_t k = blocks[i].first;
            while (k > ll->head && (doc->plines[k - 1].flags & VN_PL_BLANK))
                k--;
            ll->last = k > ll->head ? k - 1 : ll->head;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const vn_footnote_block *b = &blocks[i];
        for (uint32_t k = b->first; k <= b->last; k++)
            doc->plines[k].flags &= (uint16_t)~VN_PL_FURNITURE;
        vn_lline *ll = &VN_PUSH_ZERO(doc->llines, doc->nllines, doc->capllines);
        ll->first = ll->head = b->first;
        ll->last = b->last;
        const vn_pline *pl = &doc->plines[b->first];
        ll->cls = vn_classify_line(doc->grammar, doc->text.s + pl->start, pl->end - pl->start, NULL);
        ll->region = VN_REGION_FOOTNOTE;
    }
    if (n)
        qsort(doc->llines, doc->nllines, sizeof *doc->llines, cmp_lline);
}
