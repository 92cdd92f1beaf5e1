/* frame_signing.c — the signer's capacity as signing lines ("TM. ỦY BAN
 * NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") from the signature's lines, with
 * the words of grammars/frame.txt ([signature], [capacity]). */
#include "stages.h"
#include "grammar.h"
#include "utf8.h"
#include "frame_private.h"

#include <string.h>

/* ---- the signing lines ------------------------------------------------------------------
 * A capacity wrapped in a narrow cell ("TM. ỦY BAN NHÂN DÂN KT. CHỦ" / "TỊCH
 * PHÓ CHỦ TỊCH") breaks its lines inside a phrase: such lines are joined and
 * cut again where a signing prefix (TM., KT. ...) or a whole capacity starts,
 * "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".  A converter that
 * joins a cell's paragraphs with spaces (docling's Markdown, a .docx whose
 * signing block is one paragraph) leaves them all on one line: every line is
 * cut the same way.  A line that holds one signing piece ("KT. GIÁM ĐỐC SỞ",
 * "PHÓ CHỦ TỊCH THƯỜNG TRỰC") is never cut: a capacity is cut from what
 * follows it only when a capacity or a prefix follows. */

enum { SIGNING_LINES_MAX = 16, SIGNING_WORDS_BACK = 3 /* words before a break looked at */ };

/* Some of the last words of a, with the start of b, open a capacity that
 * goes on past the line break. */
static bool capacity_crosses(const struct vn_frame_rules *r, const char *a, size_t an, const char *b,
                             size_t bn, vn_buf *tmp, vn_buf *key)
{
    size_t w = an;
    for (int k = 0; k < SIGNING_WORDS_BACK && w > 0; k++) {
        while (w > 0 && vn_is_hspace(a[w - 1]))
            w--;
        while (w > 0 && !vn_is_hspace(a[w - 1]))
            w--;
        vn_fold_key(a + w, an - w, key);
        size_t own = key->len, len;
        vn_buf_clear(tmp);
        vn_buf_put(tmp, a + w, an - w);
        vn_buf_putc(tmp, ' ');
        vn_buf_put(tmp, b, bn);
        vn_fold_key(tmp->data, tmp->len, key);
        if (vn_phrases_prefix(&r->capacity, key->data ? key->data : "", key->len, &len) >= 0 && len > own)
            return true;
    }
    return false;
}

/* The longest capacity written out in [capacity] ("chủ tịch", "phó chủ
 * tịch"; not a /pattern/ row, which may run to the line's end) that folded
 * text k starts with, ending at a word's end: its length, or 0. */
static size_t capacity_words(const struct vn_frame_rules *r, const char *k, size_t kn)
{
    size_t best = 0;
    for (size_t i = 0; i < r->capacity.n; i++) {
        const vn_phrase *e = &r->capacity.v[i];
        if (!e->re && e->len > best && e->len <= kn && memcmp(k, e->text, e->len) == 0 &&
            (e->len == kn || k[e->len] == ' '))
            best = e->len;
    }
    return best;
}

/* Text s[0..n) starts with a signing prefix or a capacity written out in
 * [capacity]. */
static bool starts_signing_piece(const struct vn_frame_rules *r, const char *s, size_t n, vn_buf *key)
{
    if (n == 0)
        return false;
    vn_fold_key(s, n, key);
    const char *k = key->data ? key->data : "";
    size_t plen;
    return capacity_words(r, k, key->len) > 0 ||
           (vn_phrases_prefix(&r->signature, k, key->len, &plen) >= 0 && plen < key->len);
}

/* After a prefix heading a body (s[at..n) = "ỦY BAN NHÂN DÂN CHỦ TỊCH"),
 * where a capacity written out in [capacity] starts and runs to the end of
 * the line, at a word after the first; n when there is none or a signing
 * prefix comes first. */
static size_t body_then_capacity(const struct vn_frame_rules *r, const char *s, size_t at, size_t n,
                                 vn_buf *key)
{
    size_t w = at;
    while (w < n && !vn_is_hspace(s[w]))
        w++;
    while (w < n) {
        while (w < n && vn_is_hspace(s[w]))
            w++;
        if (w >= n)
            break;
        vn_fold_key(s + w, n - w, key);
        const char *k = key->data ? key->data : "";
        size_t clen = capacity_words(r, k, key->len), plen;
        if (clen && clen == key->len)
            return w;
        if (vn_phrases_prefix(&r->signature, k, key->len, &plen) >= 0 && plen < key->len)
            return n; /* "... KT. CHỦ TỊCH": the prefix is cut where it starts */
        while (w < n && !vn_is_hspace(s[w]))
            w++;
    }
    return n;
}

/* The piece s[from..end) of a signing line, without the spaces before end,
 * and ", " after it. */
static void put_piece(vn_buf *out, const char *s, size_t from, size_t end)
{
    while (end > from && vn_is_hspace(s[end - 1]))
        end--;
    vn_buf_put(out, s + from, end - from);
    vn_buf_puts(out, ", ");
}

/* Writes line s[0..n) cut where a signing prefix starts after its first
 * word ("KT.", "TL."), after the capacity that follows such a prefix when a
 * capacity or a prefix follows it ("KT. CHỦ TỊCH" | "PHÓ CHỦ TỊCH"), and
 * before the capacity that ends a line after a prefix and its body ("TM.
 * ỦY BAN NHÂN DÂN" | "CHỦ TỊCH"), the pieces apart by ", ". */
static void cut_signing_line(const struct vn_frame_rules *r, const char *s, size_t n, vn_buf *key,
                             vn_buf *out)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if ((i > 0 && !vn_is_hspace(s[i - 1])) || vn_is_hspace(s[i]))
            continue;
        vn_fold_key(s + i, n - i, key);
        const char *k = key->data ? key->data : "";
        size_t plen;
        if (vn_phrases_prefix(&r->signature, k, key->len, &plen) < 0 || plen >= key->len)
            continue;
        if (i > from) { /* the piece before the prefix */
            put_piece(out, s, from, i);
            from = i;
        }
        /* the prefix's words in s: as many words as its folded form has */
        size_t words = 1;
        for (size_t q = 0; q < plen; q++)
            words += k[q] == ' ';
        size_t at = i;
        for (size_t w = 0; w < words && at < n; w++) {
            while (at < n && !vn_is_hspace(s[at]))
                at++;
            while (at < n && vn_is_hspace(s[at]))
                at++;
        }
        vn_fold_key(s + at, n - at, key);
        size_t clen = capacity_words(r, key->data ? key->data : "", key->len);
        if (!clen) {
            /* the prefix heads a body ("TM. ỦY BAN NHÂN DÂN"): the capacity
             * that ends the line after it ("CHỦ TỊCH") is a line of its own */
            size_t c = body_then_capacity(r, s, at, n, key);
            if (c < n) {
                put_piece(out, s, from, c);
                from = c;
                i = c;
            }
            continue;
        }
        if (clen >= key->len)
            continue;
        size_t cwords = 1, end = at;
        for (size_t q = 0; q < clen; q++)
            cwords += key->data[q] == ' ';
        for (size_t w = 0; w < cwords && end < n; w++) {
            while (end < n && !vn_is_hspace(s[end]))
                end++;
            if (w + 1 < cwords)
                while (end < n && vn_is_hspace(s[end]))
                    end++;
        }
        size_t next = end;
        while (next < n && vn_is_hspace(s[next]))
            next++;
        if (!starts_signing_piece(r, s + next, n - next, key))
            continue; /* "KT. GIÁM ĐỐC SỞ": what it heads, not another line */
        put_piece(out, s, from, end);
        end = next;
        from = end;
        i = end > 0 ? end - 1 : 0;
    }
    vn_buf_put(out, s + from, n - from);
}

void vn_frame_signing_lines(const vnplan_grammar *g, const char *s, size_t n, vn_buf *out)
{
    vn_buf_clear(out);
    const char *line[SIGNING_LINES_MAX];
    size_t len[SIGNING_LINES_MAX], nl = 0;
    for (size_t a = 0; a <= n && nl < SIGNING_LINES_MAX;) {
        const char *nlp = memchr(s + a, '\n', n - a);
        size_t b = nlp ? (size_t)(nlp - s) : n;
        line[nl] = s + a, len[nl++] = b - a;
        a = b + 1;
    }
    vn_buf tmp = {0}, key = {0}, joined = {0};
    for (size_t i = 0; i < nl; i++) {
        if (out->len)
            vn_buf_puts(out, ", ");
        if (!g->frame) {
            vn_buf_put(out, line[i], len[i]);
            continue;
        }
        if (i + 1 >= nl ||
            !capacity_crosses(g->frame, line[i], len[i], line[i + 1], len[i + 1], &tmp, &key)) {
            cut_signing_line(g->frame, line[i], len[i], &key, out);
            continue;
        }
        vn_buf_clear(&joined);
        vn_buf_put(&joined, line[i], len[i]);
        while (i + 1 < nl &&
               capacity_crosses(g->frame, joined.data, joined.len, line[i + 1], len[i + 1], &tmp, &key)) {
            vn_buf_putc(&joined, ' ');
            vn_buf_put(&joined, line[i + 1], len[i + 1]);
            i++;
        }
        cut_signing_line(g->frame, joined.data, joined.len, &key, out);
    }
    vn_buf_free(&tmp);
    vn_buf_free(&key);
    vn_buf_free(&joined);
}

bool vn_frame_signing_run_on(const vnplan_grammar *g, const char *t, size_t tn, vn_buf *tmp, vn_buf *key)
{
    const struct vn_frame_rules *r = g->frame;
    if (!r)
        return false;
    vn_fold_key(t, tn, key);
    if (vn_phrases_prefix(&r->signature, key->data ? key->data : "", key->len, NULL) < 0)
        return false;
    vn_frame_signing_lines(g, t, tn, tmp);
    size_t last = 0; /* the last signing line: after the last ", " */
    for (size_t i = 0; i + 1 < tmp->len; i++)
        if (tmp->data[i] == ',' && tmp->data[i + 1] == ' ')
            last = i + 2;
    if (last == 0)
        return false; /* one signing line: a whole capacity, or no signature */
    vn_fold_key(tmp->data + last, tmp->len - last, key);
    return vn_phrases_whole(&r->capacity, key->data ? key->data : "", key->len) >= 0;
}

/* ---- names ------------------------------------------------------------------------------ */

static bool any_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n;)
        if (vn_cp_is_lower(vn_utf8_next(s, n, &i)))
            return true;
    return false;
}

/* A personal name: two to six words, each starting with a capital, no
 * digits; an apostrophe inside a word is a letter's, as the names of the
 * Central Highlands write it ("H'Yim Kđoh", "K' Brèo"). */
bool vn_frame_looks_like_name(const char *s, size_t n)
{
    size_t words = 0, i = 0;
    while (i < n) {
        while (i < n && vn_is_hspace(s[i]))
            i++;
        if (i >= n)
            break;
        size_t k = i;
        int32_t cp = vn_utf8_next(s, n, &k);
        if (!vn_cp_is_upper(cp))
            return false;
        while (i < n && !vn_is_hspace(s[i])) {
            size_t q = i;
            int32_t c = vn_utf8_next(s, n, &q);
            if (!vn_cp_is_letter(c) && c != '.' && c != '-' && c != '\'' && c != 0x2019)
                return false;
            i = q;
        }
        words++;
    }
    return words >= 2 && words <= 6;
}

/* Every word holds a small letter: a name as it is written ("Đinh Thị Thu
 * Hà"), not a capacity's words or a title in capitals ("THƯỜNG TRỰC", "BS."). */
bool vn_frame_every_word_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        while (i < n && vn_is_hspace(s[i]))
            i++;
        size_t w = i;
        while (w < n && !vn_is_hspace(s[w]))
            w++;
        if (w > i && !any_lower(s + i, w - i))
            return false;
        i = w;
    }
    return true;
}

size_t vn_frame_signer_name_end(const vnplan_grammar *g, const char *s, size_t n)
{
    size_t end = n;
    while (end > 0 && vn_is_space(s[end - 1]))
        end--;
    if (end == 0 || s[end - 1] != ')')
        return n;
    size_t open = end - 1;
    while (open > 0 && s[open] != '(')
        open--;
    if (s[open] != '(' || open == 0)
        return n;
    vn_buf key = {0};
    vn_fold_key(s + open, end - open, &key);
    bool note = vn_phrases_prefix(&g->frame->signature, key.data ? key.data : "", key.len, NULL) >= 0;
    vn_buf_free(&key);
    if (!note)
        return n;
    while (open > 0 && vn_is_space(s[open - 1]))
        open--;
    return open;
}

/* A line of the signature's cell that gives the signer: a name, after the
 * titles and ranks written before it ("TS.", "Đại tá") and before a copy's
 * note after it ("(đã ký)"). */
bool vn_frame_signer_line(const vnplan_grammar *g, const char *s, size_t n)
{
    size_t at = vn_meta_signer_titles(g, s, n);
    return vn_frame_looks_like_name(s + at, vn_frame_signer_name_end(g, s + at, n - at));
}
