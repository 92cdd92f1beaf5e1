/* fold.c — the folded keys used for matching, and what a Vietnamese syllable is.
 *
 * vn_fold maps the spellings of a word to one key: as its flags ask, case
 * and tone placement ("hoà" and "hòa") do not matter, nor NFC or NFD, nor
 * which dash or quote was typed.  A tone mark moves only within a word that parses as a Vietnamese
 * syllable (onset, vowel, coda; vn_is_vn_syllable), so a foreign word or an
 * abbreviation keeps its letters.  Split from normalize.c, which produces
 * the text these keys are read from. */
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <utf8proc.h>

/* ---- Vietnamese letters and syllables -----------------------------------------------------
 * A letter is an ASCII base with at most one modifier (the circumflex of â ê
 * ô, the breve of ă, the horn of ơ ư, the stroke of đ) and one tone mark. */

enum { MOD_NONE, MOD_CIRC, MOD_BREVE, MOD_HORN, MOD_STROKE };
enum { TONE_NONE, TONE_GRAVE, TONE_ACUTE, TONE_HOOK, TONE_TILDE, TONE_DOT };

typedef struct vn_letter {
    char base; /* lower-case ASCII */
    uint8_t mod, tone;
    bool upper;
} vn_letter;

static int tone_of_mark(int32_t m)
{
    switch (m) {
    case 0x300: return TONE_GRAVE;
    case 0x301: return TONE_ACUTE;
    case 0x309: return TONE_HOOK;
    case 0x303: return TONE_TILDE;
    case 0x323: return TONE_DOT;
    default: return TONE_NONE;
    }
}

static int32_t mark_of_tone(int tone)
{
    static const int32_t marks[] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
    return marks[tone];
}

static int mod_of_mark(int32_t m)
{
    switch (m) {
    case 0x302: return MOD_CIRC;
    case 0x306: return MOD_BREVE;
    case 0x31B: return MOD_HORN;
    default: return MOD_NONE;
    }
}

/* Adds cp to the letters of a word: a letter opens a new entry, a combining
 * mark amends the last one.  False for anything a Vietnamese word cannot
 * hold (and for a word longer than max letters). */
static bool add_letter(vn_letter *l, size_t *n, size_t max, int32_t cp)
{
    bool ascii_letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (ascii_letter || cp == 0x110 || cp == 0x111) {
        if (*n == max)
            return false;
        vn_letter *x = &l[(*n)++];
        x->upper = cp == 0x110 || (cp >= 'A' && cp <= 'Z');
        x->base = ascii_letter ? (char)(cp | 0x20) : 'd';
        x->mod = ascii_letter ? MOD_NONE : MOD_STROKE;
        x->tone = TONE_NONE;
        return true;
    }
    int tone = tone_of_mark(cp), mod = mod_of_mark(cp);
    if (tone || mod) {
        if (*n == 0)
            return false;
        vn_letter *x = &l[*n - 1];
        if ((tone && x->tone) || (mod && x->mod))
            return false;
        if (tone)
            x->tone = (uint8_t)tone;
        else
            x->mod = (uint8_t)mod;
        return true;
    }
    if (cp < 0xC0 || cp > 0x1EFF)
        return false;
    int32_t parts[4];
    int boundclass = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE, &boundclass);
    if (k < 2 || k > 3 || parts[0] >= 0x80)
        return false;
    for (utf8proc_ssize_t q = 0; q < k; q++)
        if (!add_letter(l, n, max, parts[q]))
            return false;
    return true;
}

/* The letters as code points: base, modifier and tone composed. */
static size_t letter_cps(const vn_letter *x, bool upper, bool keep_marks, int32_t out[4])
{
    int32_t base = upper ? x->base - 0x20 : x->base;
    if (x->mod == MOD_STROKE) {
        out[0] = keep_marks ? (upper ? 0x110 : 0x111) : base;
        return 1;
    }
    size_t k = 0;
    out[k++] = base;
    if (!keep_marks)
        return k;
    /* in canonical order: horn (216), dot below (220), then the marks above */
    if (x->mod == MOD_HORN)
        out[k++] = 0x31B;
    if (x->tone == TONE_DOT)
        out[k++] = 0x323;
    if (x->mod == MOD_CIRC)
        out[k++] = 0x302;
    else if (x->mod == MOD_BREVE)
        out[k++] = 0x306;
    if (x->tone && x->tone != TONE_DOT)
        out[k++] = mark_of_tone(x->tone);
    if (k > 1)
        k = (size_t)utf8proc_normalize_utf32(out, (utf8proc_ssize_t)k, UTF8PROC_COMPOSE);
    return k;
}

static bool is_vowel(const vn_letter *x)
{
    return x->base == 'a' || x->base == 'e' || x->base == 'i' || x->base == 'o' || x->base == 'u' ||
           x->base == 'y';
}

/* The vowels, without tone, as small codes; 0 for a modifier the vowel
 * cannot take (a circumflex on i). */
enum { V_NONE, V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y };

static unsigned vowel_code(const vn_letter *x)
{
    switch (x->base) {
    case 'a': return x->mod == MOD_NONE ? V_A : x->mod == MOD_BREVE ? V_AW : x->mod == MOD_CIRC ? V_AA : V_NONE;
    case 'e': return x->mod == MOD_NONE ? V_E : x->mod == MOD_CIRC ? V_EE : V_NONE;
    case 'o': return x->mod == MOD_NONE ? V_O : x->mod == MOD_CIRC ? V_OO : x->mod == MOD_HORN ? V_OW : V_NONE;
    case 'u': return x->mod == MOD_NONE ? V_U : x->mod == MOD_HORN ? V_UW : V_NONE;
    case 'i': return x->mod == MOD_NONE ? V_I : V_NONE;
    case 'y': return x->mod == MOD_NONE ? V_Y : V_NONE;
    default: return V_NONE;
    }
}

/* Vowel clusters of Vietnamese, as codes of up to three vowels (the first
 * in the low bits): those ending in a semivowel take no final consonant
 * (OPEN), a few cannot end a syllable without one (CLOSED). */
enum { EITHER, OPEN, CLOSED };
#define SHIFT2 (1 << 4)
#define SHIFT3 (1 << 8)
static const struct {
    uint16_t vowels;
    uint8_t final;
} vowel_clusters[] = {
    {V_A, EITHER}, {V_AW, CLOSED}, {V_AA, CLOSED}, {V_E, EITHER}, {V_EE, EITHER}, {V_I, EITHER},
    {V_O, EITHER}, {V_OO, EITHER}, {V_OW, EITHER}, {V_U, EITHER}, {V_UW, EITHER}, {V_Y, EITHER},
    {V_A + V_I * SHIFT2, OPEN},   /* ai */  {V_A + V_O * SHIFT2, OPEN},     /* ao */
    {V_A + V_U * SHIFT2, OPEN},   /* au */  {V_A + V_Y * SHIFT2, OPEN},     /* ay */
    {V_AA + V_U * SHIFT2, OPEN},  /* âu */  {V_AA + V_Y * SHIFT2, OPEN},    /* ây */
    {V_E + V_O * SHIFT2, OPEN},   /* eo */  {V_EE + V_U * SHIFT2, OPEN},    /* êu */
    {V_I + V_A * SHIFT2, OPEN},   /* ia */  {V_I + V_EE * SHIFT2, CLOSED},  /* iê */
    {V_I + V_U * SHIFT2, OPEN},   /* iu */  {V_O + V_A * SHIFT2, EITHER},   /* oa */
    {V_O + V_AW * SHIFT2, CLOSED},/* oă */  {V_O + V_E * SHIFT2, EITHER},   /* oe */
    {V_O + V_I * SHIFT2, OPEN},   /* oi */  {V_O + V_O * SHIFT2, CLOSED},   /* oo */
    {V_OO + V_I * SHIFT2, OPEN},  /* ôi */  {V_OW + V_I * SHIFT2, OPEN},    /* ơi */
    {V_U + V_A * SHIFT2, OPEN},   /* ua */  {V_U + V_AA * SHIFT2, CLOSED},  /* uâ */
    {V_U + V_EE * SHIFT2, EITHER},/* uê */  {V_U + V_I * SHIFT2, OPEN},     /* ui */
    {V_U + V_OO * SHIFT2, CLOSED},/* uô */  {V_U + V_OW * SHIFT2, OPEN},    /* uơ */
    {V_U + V_Y * SHIFT2, EITHER}, /* uy */  {V_UW + V_A * SHIFT2, OPEN},    /* ưa */
    {V_UW + V_I * SHIFT2, OPEN},  /* ưi */  {V_UW + V_OW * SHIFT2, CLOSED}, /* ươ */
    {V_UW + V_U * SHIFT2, OPEN},  /* ưu */  {V_Y + V_EE * SHIFT2, CLOSED},  /* yê */
    {V_I + V_EE * SHIFT2 + V_U * SHIFT3, OPEN},  /* iêu */
    {V_O + V_A * SHIFT2 + V_I * SHIFT3, OPEN},   /* oai */
    {V_O + V_A * SHIFT2 + V_O * SHIFT3, OPEN},   /* oao */
    {V_O + V_A * SHIFT2 + V_Y * SHIFT3, OPEN},   /* oay */
    {V_O + V_E * SHIFT2 + V_O * SHIFT3, OPEN},   /* oeo */
    {V_U + V_AA * SHIFT2 + V_Y * SHIFT3, OPEN},  /* uây */
    {V_U + V_OO * SHIFT2 + V_I * SHIFT3, OPEN},  /* uôi */
    {V_U + V_Y * SHIFT2 + V_A * SHIFT3, OPEN},   /* uya */
    {V_U + V_Y * SHIFT2 + V_EE * SHIFT3, CLOSED},/* uyê */
    {V_U + V_Y * SHIFT2 + V_U * SHIFT3, OPEN},   /* uyu */
    {V_UW + V_OW * SHIFT2 + V_I * SHIFT3, OPEN}, /* ươi */
    {V_UW + V_OW * SHIFT2 + V_U * SHIFT3, OPEN}, /* ươu */
    {V_Y + V_EE * SHIFT2 + V_U * SHIFT3, OPEN},  /* yêu */
};
#undef SHIFT2
#undef SHIFT3

typedef struct syllable {
    size_t nucleus, coda; /* onset [0, nucleus), vowels [nucleus, coda), final [coda, n) */
    size_t tone_at;       /* the letter carrying the tone, or SIZE_MAX */
} syllable;

static bool plain_consonant(const vn_letter *x)
{
    return x->mod == MOD_NONE && x->tone == TONE_NONE && !is_vowel(x);
}

/* The base letter of l[k] if it is a plain consonant, else 0. */
static char consonant_at(const vn_letter *l, size_t n, size_t k)
{
    return k < n && plain_consonant(&l[k]) ? l[k].base : 0;
}

/* The onset's length: b c d đ g h k l m n p r s t v x, ch gh kh ng nh ph
 * th tr, ngh; and the two spellings in which a vowel letter belongs to the
 * consonant: "qu" (quý, quà) and "gi" before another vowel (già, giữ; but
 * gì, gìn).  That vowel letter may carry a misplaced tone (qúa, gìa).
 * SIZE_MAX for a consonant Vietnamese does not begin with (f j w z, q
 * without u). */
static size_t onset_length(const vn_letter *l, size_t n)
{
    if (l[0].mod == MOD_STROKE)
        return l[0].tone == TONE_NONE ? 1 : SIZE_MAX;
    char c0 = consonant_at(l, n, 0), c1 = consonant_at(l, n, 1);
    switch (c0) {
    case 0:
        return 0; /* starts with a vowel */
    case 'q':
        return n > 1 && l[1].base == 'u' && l[1].mod == MOD_NONE ? 2 : SIZE_MAX;
    case 'g':
        if (n > 2 && l[1].base == 'i' && l[1].mod == MOD_NONE && is_vowel(&l[2]))
            return 2;
        return c1 == 'h' ? 2 : 1;
    case 'n':
        if (c1 == 'g')
            return consonant_at(l, n, 2) == 'h' ? 3 : 2;
        return c1 == 'h' ? 2 : 1;
    case 'c': case 'k': case 'p':
        return c1 == 'h' ? 2 : 1;
    case 't':
        return c1 == 'h' || c1 == 'r' ? 2 : 1;
    case 'b': case 'd': case 'h': case 'l': case 'm': case 'r': case 's': case 'v': case 'x':
        return 1;
    default:
        return SIZE_MAX;
    }
}

/* True when l[j..n) is a final consonant: c ch m n ng nh p t. */
static bool is_coda(const vn_letter *l, size_t j, size_t n)
{
    char c0 = consonant_at(l, n, j), c1 = consonant_at(l, n, j + 1);
    if (n - j == 1)
        return c0 == 'c' || c0 == 'm' || c0 == 'n' || c0 == 'p' || c0 == 't';
    if (n - j == 2)
        return (c0 == 'c' && c1 == 'h') || (c0 == 'n' && (c1 == 'g' || c1 == 'h'));
    return false;
}

/* Spelling rules of the onset before a front vowel (e ê i y): k, gh, ngh
 * there and only there; c, g, ng never (but gi, and g in gì). */
static bool onset_fits_vowel(const vn_letter *l, size_t onset, const vn_letter *vowel)
{
    bool front = vowel->base == 'e' || vowel->base == 'i' || vowel->base == 'y';
    char first = l[0].base, last = onset ? l[onset - 1].base : 0;
    if (onset == 0 || l[0].mod == MOD_STROKE)
        return true;
    if ((first == 'k' && onset == 1) || (first == 'g' && last == 'h') || (onset == 3 && first == 'n'))
        return front; /* k, gh, ngh */
    if ((first == 'c' && onset == 1) || (first == 'n' && onset == 2 && last == 'g'))
        return !front; /* c, ng */
    if (first == 'g' && onset == 1)
        return vowel->base != 'e';
    return true;
}

static bool parse_syllable(const vn_letter *l, size_t n, syllable *s)
{
    if (n == 0 || n > 7)
        return false;
    s->tone_at = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        if (!l[k].tone)
            continue;
        if (s->tone_at != SIZE_MAX)
            return false;
        s->tone_at = k;
    }
    size_t i = onset_length(l, n);
    if (i == SIZE_MAX || i >= n || !onset_fits_vowel(l, i, &l[i]))
        return false;
    size_t j = i;
    unsigned vowels = 0;
    while (j < n && is_vowel(&l[j]) && j - i < 3) {
        unsigned v = vowel_code(&l[j]);
        if (v == V_NONE)
            return false;
        vowels |= v << (4 * (j - i));
        j++;
    }
    if (j == i)
        return false;
    int final = -1;
    for (size_t q = 0; q < sizeof vowel_clusters / sizeof vowel_clusters[0] && final < 0; q++)
        if (vowel_clusters[q].vowels == vowels)
            final = vowel_clusters[q].final;
    if (final < 0 || (final == OPEN && j < n) || (final == CLOSED && j == n))
        return false;
    if (j < n && !is_coda(l, j, n))
        return false;
    /* a syllable closed by a stop (c ch p t) has the rising or the heavy tone */
    char last = l[n - 1].base;
    if (j < n && (last == 'c' || last == 'p' || last == 't' || (last == 'h' && l[n - 2].base == 'c')) &&
        s->tone_at != SIZE_MAX && l[s->tone_at].tone != TONE_ACUTE && l[s->tone_at].tone != TONE_DOT)
        return false;
    if (s->tone_at != SIZE_MAX && s->tone_at >= j)
        return false;
    if (s->tone_at != SIZE_MAX && s->tone_at < i && !(i == 2 && s->tone_at == 1))
        return false;
    s->nucleus = i;
    s->coda = j;
    return true;
}

/* Where the traditional rule puts the tone: on the vowel with a diacritic of
 * its own (the last one: ươ → ơ); else, before a final consonant, on the last
 * vowel (hoàng); else on the first of two vowels (hòa, khỏe, thủy, mùa) or
 * the middle of three (ngoài, khuỷu).  The newer rule differs only for oa,
 * oe, uy without a final (hoà, khoẻ, thuỷ). */
static size_t canonical_tone_place(const vn_letter *l, size_t n, const syllable *s)
{
    for (size_t k = s->coda; k-- > s->nucleus;)
        if (l[k].mod != MOD_NONE)
            return k;
    if (s->coda < n)
        return s->coda - 1;
    return s->coda - s->nucleus == 3 ? s->nucleus + 1 : s->nucleus;
}

#define SYLLABLE_MAX_LETTERS 8

bool vn_is_vn_syllable(const int32_t *cp, size_t n)
{
    vn_letter l[SYLLABLE_MAX_LETTERS];
    size_t count = 0;
    for (size_t k = 0; k < n; k++)
        if (!add_letter(l, &count, SYLLABLE_MAX_LETTERS, cp[k]))
            return false;
    syllable s;
    return parse_syllable(l, count, &s);
}

/* ---- folding ------------------------------------------------------------------------------- */

#define FOLD_MAX_LETTERS 24 /* a longer "word" is no syllable: folded character by character */

typedef struct folder {
    const char *s;
    size_t n;
    unsigned flags;
    vn_buf *out;
    vn_u32s *map;
} folder;

/* Appends k output bytes that came from input [a, b): byte for byte when the
 * lengths agree, else all from a. */
static void fold_put(folder *f, const char *bytes, size_t k, size_t a, size_t b)
{
    vn_buf *out = f->out;
    if (out->len + k + 1 > out->cap)
        vn_buf_reserve(out, k);
    memcpy(out->data + out->len, bytes, k);
    out->len += k;
    if (!f->map)
        return;
    vn_u32s *map = f->map;
    if (map->len + k > map->cap)
        map->v = vn_grow(map->v, &map->cap, map->len, k, sizeof *map->v);
    for (size_t q = 0; q < k; q++)
        map->v[map->len++] = (uint32_t)(k == b - a ? a + q : a);
}

static void fold_put_cps(folder *f, const int32_t *cps, size_t k, size_t a, size_t b)
{
    char u[32];
    size_t len = 0;
    for (size_t q = 0; q < k && len + 4 <= sizeof u; q++)
        len += (size_t)vn_utf8_encode(cps[q], u + len);
    if (len == b - a && memcmp(u, f->s + a, len) == 0)
        fold_put(f, f->s + a, len, a, b);
    else
        fold_put(f, u, len, a, b);
}

/* Any character outside a Vietnamese word: lower-cased, stripped of marks. */
/* The dash, quote and apostrophe variants a key does not tell apart. */
static int32_t unified_punctuation(int32_t cp)
{
    switch (cp) {
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
        return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
        return '\'';
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return cp >= 0x2010 && cp <= 0x2015 ? '-' : cp;
    }
}

static void fold_char(folder *f, size_t a, size_t b, int32_t cp)
{
    cp = unified_punctuation(cp);
    if (f->flags & VN_FOLD_STRIP) {
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME)
            return;
        if (cp == 0x111 || cp == 0x110) {
            cp = cp == 0x110 && !(f->flags & VN_FOLD_CASE) ? 'D' : 'd';
        } else if (cp >= 0xC0) {
            int32_t parts[4];
            int boundclass = 0;
            utf8proc_ssize_t k =
                utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &boundclass);
            if (k == 1)
                cp = parts[0];
        }
    }
    if (f->flags & VN_FOLD_CASE)
        cp = utf8proc_tolower(cp);
    fold_put_cps(f, &cp, 1, a, b);
}

static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_MN;
}

/* Lower case without a table look-up for ASCII and the Vietnamese letters. */
static int32_t lower_fast(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x1EA0 && cp <= 0x1EF9)
        return cp | 1; /* capitals even, small letters odd */
    if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168 || cp == 0x1A0 || cp == 0x1AF)
        return cp + 1; /* Ă Đ Ĩ Ũ Ơ Ư */
    return utf8proc_tolower(cp);
}

/* The base vowel of a Vietnamese letter, in lower case, or 0. */
static char base_vowel(int32_t cp)
{
    if (cp < 0x80) {
        char c = (char)(cp | 0x20);
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ? c : 0;
    }
    if (cp >= 0x1EA0 && cp <= 0x1EF9) {
        if (cp <= 0x1EB7) return 'a';
        if (cp <= 0x1EC7) return 'e';
        if (cp <= 0x1ECB) return 'i';
        if (cp <= 0x1EE3) return 'o';
        if (cp <= 0x1EF1) return 'u';
        return 'y';
    }
    int32_t c = cp >= 0xC0 && cp <= 0xDE ? cp + 32 : cp;
    if (c >= 0xE0 && c <= 0xE5) return 'a';
    if (c >= 0xE8 && c <= 0xEB) return 'e';
    if (c >= 0xEC && c <= 0xEF) return 'i';
    if (c >= 0xF2 && c <= 0xF6) return 'o';
    if (c >= 0xF9 && c <= 0xFC) return 'u';
    if (c == 0xFD || c == 0xFF) return 'y';
    switch (cp) {
    case 0x102: case 0x103: return 'a';
    case 0x128: case 0x129: return 'i';
    case 0x168: case 0x169: case 0x1AF: case 0x1B0: return 'u';
    case 0x1A0: case 0x1A1: return 'o';
    default: return 0;
    }
}

/* Whether a word can have its tone in one of two places (oa, oe, uy — hòa /
 * hoà, thủy / thuỷ): only then is the syllable taken apart.  A combining
 * mark (text that is not NFC) always takes the careful path. */
static bool tone_may_move(const char *s, size_t a, size_t b)
{
    char prev = 0;
    int32_t prev_cp = 0;
    for (size_t i = a; i < b;) {
        int32_t cp = vn_utf8_next(s, b, &i);
        if (cp >= 0x300 && cp <= 0x36F)
            return true;
        char v = base_vowel(cp);
        if ((prev == 'o' && (v == 'a' || v == 'e')) || (prev == 'u' && v == 'y'))
            return true;
        /* "qu" and "gi": the u and the i belong to the consonant (qúa → quá, gìa → già) */
        if (((prev_cp | 0x20) == 'q' && v == 'u') || ((prev_cp | 0x20) == 'g' && v == 'i'))
            return true;
        prev = v;
        prev_cp = cp < 0x80 ? cp : 0;
    }
    return false;
}

/* A word whose tone has one place: lower case only, letter by letter.  The
 * letters that stay as they are go out in runs (fold_put maps a run byte
 * for byte, as it would each letter): most words are one run. */
static void fold_word_case(folder *f, size_t a, size_t b)
{
    bool fold_case = f->flags & VN_FOLD_CASE;
    size_t run = a; /* [run, at): letters unchanged, not yet put */
    for (size_t i = a; fold_case && i < b;) {
        size_t at = i;
        int32_t cp = vn_utf8_next(f->s, b, &i);
        int32_t lc = lower_fast(cp);
        if (lc != cp) {
            if (at > run)
                fold_put(f, f->s + run, at - run, run, at);
            char u[4];
            int k = vn_utf8_encode(lc, u);
            fold_put(f, u, (size_t)k, at, i);
            run = i;
        }
    }
    if (b > run)
        fold_put(f, f->s + run, b - run, run, b);
}

/* One word [a, b) of letters: moves its tone to the canonical place, then
 * writes each letter cased and stripped as asked.  False when the word is
 * not made of Vietnamese letters (the caller folds it character by
 * character). */
static bool fold_word(folder *f, size_t a, size_t b)
{
    vn_letter l[FOLD_MAX_LETTERS];
    uint32_t from[FOLD_MAX_LETTERS + 1];
    size_t n = 0, i = a;
    while (i < b) {
        size_t at = i, before = n;
        int32_t cp = vn_utf8_next(f->s, b, &i);
        if (!add_letter(l, &n, FOLD_MAX_LETTERS, cp))
            return false;
        if (n > before)
            from[n - 1] = (uint32_t)at;
    }
    from[n] = (uint32_t)b;
    if (n == 0)
        return false;
    /* a tone can only be misplaced in a word with one tone and two vowels */
    size_t tones = 0, vowels = 0;
    for (size_t k = 0; k < n; k++) {
        tones += l[k].tone != TONE_NONE;
        vowels += is_vowel(&l[k]);
    }
    size_t moved_from = SIZE_MAX, moved_to = SIZE_MAX;
    syllable s;
    if ((f->flags & VN_FOLD_TONE) && !(f->flags & VN_FOLD_STRIP) && tones == 1 && vowels >= 2 &&
        parse_syllable(l, n, &s)) {
        size_t place = canonical_tone_place(l, n, &s);
        if (place != s.tone_at) {
            l[place].tone = l[s.tone_at].tone;
            l[s.tone_at].tone = TONE_NONE;
            moved_from = s.tone_at;
            moved_to = place;
        }
    }
    bool fold_case = f->flags & VN_FOLD_CASE, strip = f->flags & VN_FOLD_STRIP;
    for (size_t k = 0; k < n; k++) {
        bool changed = k == moved_from || k == moved_to || strip || (fold_case && l[k].upper);
        if (!changed) {
            fold_put(f, f->s + from[k], from[k + 1] - from[k], from[k], from[k + 1]);
            continue;
        }
        int32_t cps[4];
        size_t m = letter_cps(&l[k], l[k].upper && !fold_case, !strip, cps);
        fold_put_cps(f, cps, m, from[k], from[k + 1]);
    }
    return true;
}

static inline bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

void vn_fold(const char *s, size_t n, unsigned flags, vn_buf *out, vn_u32s *map)
{
    folder f = {s, n, flags, out, map};
    vn_buf_reserve(out, n + 8);
    if (map)
        map->v = vn_grow(map->v, &map->cap, map->len, n + 8, sizeof *map->v);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        bool letter = ascii_letter(c);
        if (c < 0x80 && !letter) { /* a run of them, put at once */
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] < 0x80 && !ascii_letter((unsigned char)s[j]))
                j++;
            fold_put(&f, s + i, j - i, i, j);
            i = j;
            continue;
        }
        size_t a = i, end = i;
        while (end < n) { /* the word: letters and marks */
            size_t k = end;
            if (!is_word_cp(vn_utf8_next(s, n, &k)))
                break;
            end = k;
        }
        if (end > a && !(flags & VN_FOLD_STRIP) && !tone_may_move(s, a, end)) {
            fold_word_case(&f, a, end); /* most words: nothing to move */
            i = end;
            continue;
        }
        if (end > a && (flags & (VN_FOLD_TONE | VN_FOLD_STRIP | VN_FOLD_CASE)) && fold_word(&f, a, end)) {
            i = end;
            continue;
        }
        if (end == a) /* not a letter: one character */
            vn_utf8_next(s, n, &end);
        while (i < end) {
            size_t at = i;
            int32_t cp = vn_utf8_next(s, n, &i);
            fold_char(&f, at, i, cp);
        }
    }
    vn_buf_cstr(out);
    if (map) {
        map->v = vn_grow(map->v, &map->cap, map->len, 1, sizeof *map->v);
        map->v[map->len++] = (uint32_t)n;
    }
}
