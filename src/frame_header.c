/* frame_header.c — header lines an extraction or a converter joined: the
 * document type and its title on one line ("KẾ HOẠCH Triển khai thực hiện
 * ...", a heading and the paragraph under it made one), with the words of
 * grammars/frame.txt [doc_type]. */
#include "stages.h"
#include "grammar.h"
#include "utf8.h"
#include "frame_private.h"

#include <string.h>

enum { TYPE_WORDS_MAX = 4 /* "CHƯƠNG TRÌNH HÀNH ĐỘNG" */ };

/* s[0..n) holds a small letter. */
static bool lower_in(const char *s, size_t n)
{
    for (size_t i = 0; i < n;)
        if (vn_cp_is_lower(vn_utf8_next(s, n, &i)))
            return true;
    return false;
}

size_t vn_frame_type_then_title(const vnplan_grammar *g, const char *s, size_t n)
{
    if (!g->frame)
        return 0;
    vn_buf key = {0};
    size_t best = 0, i = 0;
    for (int words = 0; words < TYPE_WORDS_MAX && i < n; words++) {
        while (i < n && vn_is_hspace(s[i]))
            i++;
        size_t w = i;
        while (w < n && !vn_is_hspace(s[w]))
            w++;
        /* the type is written in capitals: a word with a small letter is the title's */
        if (w == i || lower_in(s + i, w - i))
            break;
        i = w;
        vn_fold_key(s, i, &key);
        if (vn_phrases_whole(&g->frame->doc_type, key.data ? key.data : "", key.len) >= 0)
            best = i;
    }
    vn_buf_free(&key);
    if (!best)
        return 0;
    size_t t = best;
    while (t < n && vn_is_hspace(s[t]))
        t++;
    size_t w = t;
    while (w < n && !vn_is_hspace(s[w]))
        w++;
    /* the title goes on in small letters ("Triển khai", "thực hiện"); a title
     * in capitals after the type ("KẾ HOẠCH TRIỂN KHAI ...") is a heading of
     * its own that is no type line */
    return w > t && lower_in(s + t, w - t) ? t : 0;
}
