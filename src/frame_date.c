/* frame_date.c — the pieces of a header's place-and-date line that an
 * extraction set apart ("Khánh Hòa, ngày 12 tháng 9 năm" / "2025", "Hòa
 * Gianh Đông, ngày" / "năm 2025" / "tháng 7"), with the words of
 * grammars/frame.txt [blank_field_start]. */
#include "stages.h"
#include "grammar.h"
#include "frame_private.h"

#include <string.h>

/* The next word of t[*i..tn), past the spaces before it; its length. */
static size_t next_word(const char *t, size_t tn, size_t *i)
{
    while (*i < tn && vn_is_hspace(t[*i]))
        (*i)++;
    size_t w = *i;
    while (w < tn && !vn_is_hspace(t[w]))
        w++;
    return w - *i;
}

/* "Khánh Hòa, ngày 12 tháng 9 năm" / "2025", "Hòa Gianh Đông, ngày" / "năm
 * 2025" / "tháng 7": a place and date broken in a narrow header cell (its
 * pieces paragraphs of their own in the cell, or lines of their own in a PDF,
 * out of order where the gap of a blank day cut the line).  Right after the
 * place and date, the year alone after its "năm", or a piece that holds only
 * words of frame.txt [blank_field_start] ("tháng", "năm") each with its
 * number, goes on with it. */
bool vn_frame_place_date_part(const vnplan_doc *doc, size_t first_piece, const char *t, size_t tn)
{
    const struct vn_frame_rules *r = doc->grammar->frame;
    const char *s = doc->text.s;
    if (doc->npieces <= first_piece || doc->pieces[doc->npieces - 1].field != VN_FIELD_PLACE_DATE)
        return false;
    while (tn && (t[tn - 1] == '.' || t[tn - 1] == ' '))
        tn--;
    size_t pairs = 0, i = 0, n;
    while ((n = next_word(t, tn, &i)) > 0) {
        bool word = false;
        for (size_t k = 0; k < r->nblank_start && !word; k++)
            word = strlen(r->blank_start[k]) == n && memcmp(t + i, r->blank_start[k], n) == 0;
        i += n;
        size_t d = next_word(t, tn, &i), digits = 0;
        while (digits < d && vn_is_digit(t[i + digits]))
            digits++;
        if (!word || d == 0 || digits != d || d > 4)
            break;
        i += d;
        pairs++;
    }
    if (pairs && n == 0)
        return true;
    if (tn != 4 || !vn_is_digit(t[0]) || !vn_is_digit(t[1]) || !vn_is_digit(t[2]) || !vn_is_digit(t[3]))
        return false;
    vn_span prev = doc->pieces[doc->npieces - 1].span;
    static const char nam[] = "năm";
    size_t nl = sizeof nam - 1;
    while (prev.end > prev.start && vn_is_hspace(s[prev.end - 1]))
        prev.end--;
    return prev.end - prev.start > nl && memcmp(s + prev.end - nl, nam, nl) == 0 &&
           vn_is_hspace(s[prev.end - nl - 1]);
}
