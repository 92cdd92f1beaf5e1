/* normalize_split.c — syllables a PDF's text split with a space.
 *
 * pdftotext (and a PDF viewer's copy) puts a space where the font set a
 * glyph apart from the one before it, which in a justified line of a
 * Vietnamese plan is often a vowel carrying its marks: "Thủ t ướng", "c ấp
 * b ằng k ỹ s ư", "tối thi ểu", "tri ển khai", "ngư ời".  Every later stage
 * reads words: "tối thi ểu" is no comparator and "đ ạt" no verb.  The
 * normalize stage drops such a space, as it drops a soft hyphen, and the
 * text reads as the document was written.
 *
 * A space is inside a syllable when the letters after it start with a vowel
 * that carries a mark (ư ơ ô â ă ê, or a tone) and the letters before it
 * cannot end a syllable there:
 *   - only consonants that open a syllable ("c", "tr", "ngh", "Th"), or the
 *     openings "gi" and "qu";
 *   - an opening and toneless vowels whose last vowel and the next one are
 *     one vowel of Vietnamese spelling (iê, yê, uô, ươ, uơ, uy, uê, oa, oă,
 *     oe, uâ: "thi ểu", "ngư ời", "ho ạt", "qu ốc"), the tone still to come.
 * Real words before a word that starts with such a vowel end otherwise: with
 * a consonant ("đáp ứng", "tương ứng"), a tone ("là ước") or a vowel that
 * makes no vowel with the next ("cho ở", "đi ấy"). */
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define LEFT_MAX_LETTERS 7
#define MAX_GAP_SPACES 3 /* spaces of one gap a split syllable may hold */

/* A letter's vowel: 0 for none, else its base ('a', 'e', 'i', 'o', 'u',
 * 'y', or 'A' ă, 'B' â, 'E' ê, 'O' ô, 'P' ơ, 'U' ư); *tone when it bears a
 * tone mark, *marked when a tone or a shape mark.  Upper case counts as
 * lower. */
static char vowel_of(int32_t cp, bool *tone, bool *marked)
{
    *tone = *marked = false;
    if (cp < 'A')
        return 0;
    utf8proc_int32_t d[4];
    int last;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, &last);
    if (n < 1 || n > 4)
        return 0;
    int32_t base = utf8proc_tolower(d[0]);
    bool circ = false, breve = false, horn = false;
    for (utf8proc_ssize_t k = 1; k < n; k++) {
        switch (d[k]) {
        case 0x0300: case 0x0301: case 0x0303: case 0x0309: case 0x0323:
            *tone = true;
            break;
        case 0x0302: circ = true; break;
        case 0x0306: breve = true; break;
        case 0x031B: horn = true; break;
        default: return 0;
        }
    }
    *marked = *tone || circ || breve || horn;
    switch (base) {
    case 'a': return breve ? 'A' : circ ? 'B' : 'a';
    case 'e': return circ ? 'E' : 'e';
    case 'o': return circ ? 'O' : horn ? 'P' : 'o';
    case 'u': return horn ? 'U' : 'u';
    case 'i': case 'y': return (char)base;
    default: return 0;
    }
}

static bool is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* What may stand before a word: nothing, white space, ASCII punctuation,
 * a no-break space, quotes and dashes, an ellipsis. */
static bool word_boundary(int32_t cp)
{
    if (cp == 0)
        return true;
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
    return cp == 0xA0 || (cp >= 0x2013 && cp <= 0x2014) || (cp >= 0x2018 && cp <= 0x201D) || cp == 0x2026 ||
           cp == 0xAB || cp == 0xBB;
}

/* Consonants that open a Vietnamese syllable, lower case. */
static bool opening(const char *s, size_t n)
{
    static const char *const openings[] = {"b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n",
                                           "ng", "ngh", "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x"};
    for (size_t i = 0; i < sizeof openings / sizeof openings[0]; i++)
        if (strlen(openings[i]) == n && memcmp(openings[i], s, n) == 0)
            return true;
    return false;
}

/* Whether vowels a then b are one vowel of Vietnamese spelling. */
static bool one_vowel(char a, char b)
{
    static const char pairs[][2] = {{'i', 'E'}, {'y', 'E'}, {'u', 'O'}, {'U', 'P'}, {'u', 'P'}, {'u', 'y'},
                                    {'u', 'E'}, {'o', 'a'}, {'o', 'A'}, {'o', 'e'}, {'u', 'B'}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (pairs[i][0] == a && pairs[i][1] == b)
            return true;
    return false;
}

static bool splits_syllable_by_parts(const char *s, size_t n, size_t a0, size_t i);

/* Whether the spaces s[a0..i] split a syllable: its two sides, by the rules
 * above, and the letters of both together one syllable of Vietnamese
 * spelling (vn_is_vn_syllable). */
static bool splits_syllable(const char *s, size_t n, size_t a0, size_t i)
{
    if (!splits_syllable_by_parts(s, n, a0, i))
        return false;
    int32_t cps[2 * LEFT_MAX_LETTERS + 2];
    size_t nc = 0, a = a0;
    while (a > 0) { /* the word before, backwards (splits_syllable_by_parts bounded it) */
        size_t b = a - 1;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        size_t k = b;
        int32_t cp = vn_utf8_next(s, n, &k);
        if (!is_letter(cp))
            break;
        a = b;
    }
    for (size_t k = a; k < a0 && nc < LEFT_MAX_LETTERS;)
        cps[nc++] = vn_utf8_next(s, n, &k);
    for (size_t k = i + 1; k < n && nc < sizeof cps / sizeof cps[0];) {
        int32_t cp = vn_utf8_next(s, n, &k);
        if (!is_letter(cp))
            break;
        cps[nc++] = cp;
    }
    return vn_is_vn_syllable(cps, nc);
}

static bool splits_syllable_by_parts(const char *s, size_t n, size_t a0, size_t i)
{
    /* after it: a vowel with a mark, in lower case */
    size_t j = i + 1;
    int32_t r = vn_utf8_next(s, n, &j);
    bool tone, marked;
    char rv = vowel_of(r, &tone, &marked);
    if (!rv || !marked || utf8proc_tolower(r) != r)
        return false;
    /* before it: the letters back to the word's start */
    int32_t cps[LEFT_MAX_LETTERS];
    size_t nl = 0, a = a0;
    int32_t before = 0; /* what stands before the letters; 0: the text's start */
    while (a > 0) {
        size_t b = a - 1;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        size_t k = b;
        int32_t cp = vn_utf8_next(s, n, &k);
        if (!is_letter(cp)) {
            before = cp;
            break;
        }
        if (nl == LEFT_MAX_LETTERS)
            return false;
        cps[nl++] = cp;
        a = b;
    }
    /* the letters are a word: white space or punctuation before them, not
     * an invisible mark or a combining one inside a word ("kiề\u200Bu ở") */
    if (nl == 0 || !word_boundary(before))
        return false;
    /* cps holds the word backwards; lower case but its first letter */
    char cons[8];
    size_t nc = 0, k = nl;
    for (size_t x = 0; x + 1 < nl; x++)
        if (utf8proc_tolower(cps[x]) != cps[x])
            return false;
    int32_t first = utf8proc_tolower(cps[nl - 1]);
    while (k > 0) {
        int32_t cp = k == nl ? first : cps[k - 1];
        bool t2, m2;
        if (vowel_of(cp, &t2, &m2))
            break;
        if (cp == 0x0111) { /* đ */
            if (nc + 2 > sizeof cons)
                return false;
            memcpy(cons + nc, "\xc4\x91", 2);
            nc += 2;
        } else if (cp < 0x80 && nc + 1 <= sizeof cons) {
            cons[nc++] = (char)cp;
        } else {
            return false;
        }
        k--;
    }
    if (k == 0) /* consonants only */
        return opening(cons, nc);
    if (nc > 0 && !opening(cons, nc))
        return false;
    /* then toneless vowels and nothing after them */
    char last = 0;
    size_t nv = 0;
    bool opener_vowel = nc == 1 && (cons[0] == 'g' || cons[0] == 'q');
    while (k > 0) {
        int32_t cp = k == nl ? first : cps[k - 1];
        bool t2, m2;
        char v = vowel_of(cp, &t2, &m2);
        if (!v || t2)
            return false;
        last = v;
        nv++;
        k--;
    }
    /* "gi" and "qu" open a syllable: "gi ữa", "qu ốc" */
    if (opener_vowel && nv == 1 && ((cons[0] == 'g' && last == 'i') || (cons[0] == 'q' && last == 'u')))
        return true;
    return nv <= 2 && one_vowel(last, rv);
}

size_t vn_split_syllable_spaces(const char *s, size_t n, size_t **out)
{
    size_t *v = NULL, nv = 0, cap = 0;
    for (const char *p = s; (p = memchr(p, ' ', (size_t)(s + n - p))) != NULL; p++) {
        size_t i = (size_t)(p - s);
        /* the next byte leads a letter outside ASCII: most spaces are passed here */
        if (i + 1 >= n || (unsigned char)s[i + 1] < 0xC3)
            continue;
        /* a justified line's gap may be two or three spaces wide */
        size_t a0 = i;
        while (a0 > 0 && s[a0 - 1] == ' ' && i - a0 < MAX_GAP_SPACES - 1)
            a0--;
        if (a0 == 0 || s[a0 - 1] == ' ')
            continue;
        if (splits_syllable(s, n, a0, i))
            for (size_t k = a0; k <= i; k++)
                VN_PUSH(v, nv, cap) = k;
    }
    *out = v;
    return nv;
}
