/* read_legacy.c — Vietnam's legacy 8-bit encodings: Windows-1258, TCVN3
 * (ABC), VNI and VISCII.
 *
 * Each is a table of what every byte decodes to (from iconv, VNI's written
 * here); a plain-text file is scored against every table and the one whose
 * words read most like Vietnamese syllables wins (vn_legacy_pick); decoding
 * composes a letter with the tone byte after it and keeps the offset map
 * (vn_legacy_decode); TCVN3's missing capitals are put back from the letters
 * around them (vn_tcvn3_restore_capitals).  The same tables decode the text
 * of a DOCX, ODT or PDF typed in a TCVN3 or VNI font, told by the font's
 * name (vn_legacy_font, vn_legacy_fonts_decode, vn_legacy_fonts_glyph). */
#include "read_legacy.h"
#include "utf8.h"

#include <iconv.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <utf8proc.h>

/* Legacy encodings are scored on this much of the file: plenty of words. */
#define LEGACY_SAMPLE_BYTES (1u << 20)
/* A legacy decoding must turn at least this share of the words it touches
 * into well-formed Vietnamese syllables to be believed. */
#define LEGACY_MIN_SCORE 0.6

/* What one byte decodes to: up to two code points (VNI's combined marks). */
struct vn_byte_table {
    int32_t cp[256][2];
    uint8_t ncp[256];     /* 0: the byte means nothing in this encoding */
    bool combining[256];  /* the byte is only marks (a tone byte), set by mark_combining */
};
typedef struct vn_byte_table byte_table;

static void mark_combining(byte_table *t)
{
    for (int b = 0; b < 256; b++) {
        t->combining[b] = t->ncp[b] > 0;
        for (int k = 0; k < t->ncp[b]; k++)
            t->combining[b] &= utf8proc_get_property(t->cp[b][k])->combining_class != 0;
    }
}

/* Fills t from iconv, one byte at a time, so that each decoded character keeps
 * its source byte.  Windows-1258's and TCVN's decoders hold a base letter back
 * waiting for a combining tone mark, hence the flush after every byte; the
 * composition they would have done happens later, in the NFC step. */
static bool table_from_iconv(const char *charset, byte_table *t)
{
    iconv_t cd = iconv_open("UTF-32LE", charset);
    if (cd == (iconv_t)-1)
        return false;
    for (int b = 0; b < 256; b++) {
        char in = (char)b, outb[16];
        char *ip = &in, *op = outb;
        size_t il = 1, ol = sizeof outb;
        iconv(cd, NULL, NULL, NULL, NULL);
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1)
            r = iconv(cd, NULL, NULL, &op, &ol);
        size_t got = (size_t)(op - outb) / 4;
        t->ncp[b] = 0;
        if (r == (size_t)-1 || il != 0 || got < 1 || got > 2)
            continue;
        for (size_t k = 0; k < got; k++) {
            const unsigned char *q = (const unsigned char *)outb + 4 * k;
            t->cp[b][k] = (int32_t)((uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
                                    (uint32_t)q[3] << 24);
        }
        t->ncp[b] = (uint8_t)got;
    }
    iconv_close(cd);
    return true;
}

/* VNI-Windows, which no iconv knows.  It is Windows-1252 in which 52 byte
 * values were repurposed: a letter is written as its ASCII base followed by
 * one byte carrying the diacritics ("Vieät" = Việt: e, then 0xE4 = circumflex
 * + dot below), and nine letters have a byte of their own (0xF1 đ, 0xF4 ơ,
 * 0xF6 ư, 0xED í ...).  Lower- and upper-case letters take different mark
 * bytes (0xE4 / 0xC4).  The marks are decoded as combining characters and
 * composed with the letter before them (decode_legacy).  This table is
 * written by hand because no iconv has VNI; it is the VNI-Windows font
 * layout, as used by
 * every Vietnamese converter (UniKey, vietuni); the test suite checks the
 * classic sample "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam". */
enum { ACUTE = 0x301, GRAVE = 0x300, HOOK = 0x309, TILDE = 0x303, DOT = 0x323, CIRC = 0x302, BREVE = 0x306 };

static const struct vni_byte {
    unsigned char lower, upper;
    int32_t cp[2]; /* lower case; upper-case letters are found with utf8proc_toupper */
} vni_bytes[] = {
    {0xF9, 0xD9, {ACUTE, 0}},     {0xF8, 0xD8, {GRAVE, 0}},     {0xFB, 0xDB, {HOOK, 0}},
    {0xF5, 0xD5, {TILDE, 0}},     {0xEF, 0xCF, {DOT, 0}},       {0xE2, 0xC2, {CIRC, 0}},
    {0xE1, 0xC1, {CIRC, ACUTE}},  {0xE0, 0xC0, {CIRC, GRAVE}},  {0xE5, 0xC5, {CIRC, HOOK}},
    {0xE3, 0xC3, {CIRC, TILDE}},  {0xE4, 0xC4, {CIRC, DOT}},    {0xEA, 0xCA, {BREVE, 0}},
    {0xE9, 0xC9, {BREVE, ACUTE}}, {0xE8, 0xC8, {BREVE, GRAVE}}, {0xFA, 0xDA, {BREVE, HOOK}},
    {0xFC, 0xDC, {BREVE, TILDE}}, {0xEB, 0xCB, {BREVE, DOT}},   {0xF1, 0xD1, {0x0111, 0}},
    {0xF4, 0xD4, {0x01A1, 0}},    {0xF6, 0xD6, {0x01B0, 0}},    {0xED, 0xCD, {0x00ED, 0}},
    {0xEC, 0xCC, {0x00EC, 0}},    {0xE6, 0xC6, {0x1EC9, 0}},    {0xF3, 0xD3, {0x0129, 0}},
    {0xF2, 0xD2, {0x1ECB, 0}},    {0xEE, 0xCE, {0x1EF5, 0}},
};

static bool table_vni(byte_table *t)
{
    if (!table_from_iconv("CP1252", t))
        return false;
    for (size_t i = 0; i < sizeof vni_bytes / sizeof vni_bytes[0]; i++) {
        const struct vni_byte *v = &vni_bytes[i];
        bool is_mark = v->cp[0] >= 0x300 && v->cp[0] <= 0x36F;
        int n = v->cp[1] ? 2 : 1;
        for (int k = 0; k < n; k++) {
            t->cp[v->lower][k] = v->cp[k];
            t->cp[v->upper][k] = is_mark ? v->cp[k] : utf8proc_toupper(v->cp[k]);
        }
        t->ncp[v->lower] = t->ncp[v->upper] = (uint8_t)n;
    }
    return true;
}

typedef struct legacy {
    vn_encoding enc;
    const char *charset; /* for iconv; NULL for VNI */
} legacy;

/* In order of preference when two score alike. */
static const legacy legacies[] = {
    {VN_ENC_CP1258, "CP1258"},
    {VN_ENC_TCVN3, "TCVN5712-1"},
    {VN_ENC_VNI, NULL},
    {VN_ENC_VISCII, "VISCII"},
};
#define NLEGACY (sizeof legacies / sizeof legacies[0])

static bool legacy_table(const legacy *l, byte_table *t)
{
    if (!(l->charset ? table_from_iconv(l->charset, t) : table_vni(t)))
        return false;
    mark_combining(t);
    return true;
}

static bool is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* Punctuation that real Vietnamese text in these encodings has in its high
 * half: no-break space, quotes, dashes, bullet, ellipsis, degree, section. */
static bool is_common_punct(int32_t cp)
{
    switch (cp) {
    case 0xA0: case 0xAB: case 0xBB: case 0xB0: case 0xA7: case 0xB7:
    case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201C: case 0x201D:
    case 0x2022: case 0x2026:
        return true;
    default:
        return false;
    }
}

#define WORD_MAX 16 /* longer than any syllable */

typedef struct legacy_score {
    size_t words;    /* words with a character from the high half */
    size_t valid;    /* ... that are well-formed Vietnamese syllables */
    size_t anchored; /* ... valid and with an ASCII letter too ("Vi\xEA\xF2t", not a lone "\x81") */
    size_t oddities; /* undefined bytes, stray symbols */
} legacy_score;

typedef struct word_acc {
    int32_t cp[WORD_MAX];
    size_t n;
    bool overflow, high, ascii;
} word_acc;

static void word_end(word_acc *w, legacy_score *sc)
{
    if (w->n && w->high) {
        bool valid = !w->overflow && vn_is_vn_syllable(w->cp, w->n);
        sc->words++;
        sc->valid += valid;
        sc->anchored += valid && w->ascii;
    }
    w->n = 0;
    w->overflow = w->high = w->ascii = false;
}

static legacy_score score_legacy(const byte_table *t, const unsigned char *p, size_t n)
{
    legacy_score sc = {0, 0, 0, 0};
    word_acc w = {{0}, 0, false, false, false};
    for (size_t i = 0; i < n; i++) {
        unsigned b = p[i];
        if (t->ncp[b] == 0) {
            sc.oddities++;
            word_end(&w, &sc);
            continue;
        }
        for (int k = 0; k < t->ncp[b]; k++) {
            int32_t cp = t->cp[b][k];
            if (is_word_cp(cp)) {
                if (w.n < WORD_MAX)
                    w.cp[w.n++] = cp;
                else
                    w.overflow = true;
                w.high |= cp >= 0x80;
                w.ascii |= cp < 0x80;
                continue;
            }
            word_end(&w, &sc);
            if (b >= 0x80 && !is_common_punct(cp))
                sc.oddities++;
        }
    }
    word_end(&w, &sc);
    return sc;
}

static double score_value(legacy_score sc)
{
    size_t seen = sc.words + sc.oddities;
    return seen ? (double)sc.valid / (double)seen : 1.0;
}

/* Believable: most of what the high bytes make reads as Vietnamese, and some
 * of it sits inside words with ASCII letters — or the high bytes are all
 * common punctuation (curly quotes, dashes).  A lone high byte that happens
 * to be a one-letter syllable is no evidence. */
static bool score_believable(legacy_score sc)
{
    if (sc.words == 0 && sc.oddities == 0)
        return true;
    return score_value(sc) >= LEGACY_MIN_SCORE && sc.anchored > 0;
}

/* TCVN3 has codes for only seven capital letters (Ă Â Ê Ô Ơ Ư Đ): capitals
 * with a tone were typed with the small letter's code in a capitals-only font
 * (.VnTimeH), so "NH©N D©N" is what became of "NHÂN DÂN".  The font is gone
 * from plain text; the ASCII letters around are what is left.  A word whose
 * ASCII letters are all capitals and which has a capital after its first
 * letter ("NH©N", "ñY") was set in capitals, and so is the rest of a line
 * that has such a word and no small ASCII letter.  A word with only its first
 * letter a capital ("Sè", "Tù", "§Ò") reads as title case (Số, Tự, Đề): on its
 * own it cannot be told from SỐ, TỰ, ĐỀ, and title case is the common one.
 * A toned capital at the start of a sentence had no code either ("ñy ban"
 * for "Ủy ban", "øng dông" for "Ứng dụng"): a small toned letter that starts
 * a line (after any list marker) or follows ". " is taken for a capital.
 * Case pairs of Vietnamese letters have UTF-8 forms of equal length, so the
 * offset map is unchanged. */
typedef struct case_count {
    size_t inner_capitals, ascii_small, vn_small;
} case_count;

static void count_case(const char *s, size_t a, size_t b, case_count *c)
{
    memset(c, 0, sizeof *c);
    for (size_t k = 0; a < b; k++) {
        int32_t cp = vn_utf8_next(s, b, &a);
        c->inner_capitals += k > 0 && vn_cp_is_upper(cp);
        c->ascii_small += cp >= 'a' && cp <= 'z';
        c->vn_small += cp >= 0x80 && vn_cp_is_lower(cp);
    }
}

static bool set_in_capitals(const case_count *c)
{
    return c->vn_small && c->ascii_small == 0 && c->inner_capitals > 0;
}

static void to_capitals(char *s, size_t a, size_t b)
{
    while (a < b) {
        size_t at = a;
        int32_t cp = vn_utf8_next(s, b, &a);
        int32_t up = utf8proc_toupper(cp);
        char u[4];
        if (up != cp && vn_utf8_encode(up, u) == (int)(a - at))
            memcpy(s + at, u, a - at);
    }
}

static size_t word_end_at(const char *s, size_t i, size_t len)
{
    while (i < len) {
        size_t k = i;
        if (!is_word_cp(vn_utf8_next(s, len, &k)))
            break;
        i = k;
    }
    return i;
}

/* Upper-cases the words of the line [a, b) that were set in capitals;
 * returns how many there were. */
static size_t capitalize_words(char *s, size_t a, size_t b, bool whole_line)
{
    size_t found = 0, i = a;
    while (i < b) {
        size_t end = word_end_at(s, i, b);
        if (end == i) {
            vn_utf8_next(s, b, &i);
            continue;
        }
        case_count wc;
        count_case(s, i, end, &wc);
        if (set_in_capitals(&wc) || (whole_line && wc.vn_small)) {
            found++;
            to_capitals(s, i, end);
        }
        i = end;
    }
    return found;
}

/* A small letter with a tone mark: in TCVN3 the only way to write its capital. */
static bool is_small_toned(int32_t cp)
{
    if (cp < 0xC0 || !vn_cp_is_lower(cp))
        return false;
    int32_t parts[4];
    int boundclass = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE, &boundclass);
    for (utf8proc_ssize_t q = 1; q < k; q++)
        if (parts[q] == 0x300 || parts[q] == 0x301 || parts[q] == 0x303 || parts[q] == 0x309 ||
            parts[q] == 0x323)
            return true;
    return false;
}

static void capitalize_initial(char *s, size_t i, size_t b)
{
    size_t k = i;
    if (k < b && is_small_toned(vn_utf8_next(s, b, &k)))
        to_capitals(s, i, k);
}

/* Past a list marker ("- ", "+ ", "5. ", "a) ", "II. ") at the start of a line. */
static size_t skip_marker(const char *s, size_t i, size_t b)
{
    while (i < b && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t k = i;
    if (k < b && (s[k] == '-' || s[k] == '+' || s[k] == '*')) {
        k++;
    } else {
        while (k < b && k - i < 6 && ((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'A' && s[k] <= 'Z') ||
                                      (s[k] >= 'a' && s[k] <= 'z')))
            k++;
        if (k == i || k >= b || (s[k] != '.' && s[k] != ')'))
            return i;
        k++;
    }
    if (k >= b || s[k] != ' ')
        return i;
    while (k < b && s[k] == ' ')
        k++;
    return k;
}

static void capitalize_sentence_starts(char *s, size_t a, size_t b)
{
    capitalize_initial(s, skip_marker(s, a, b), b);
    for (size_t i = a; i + 2 < b; i++)
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ')
            capitalize_initial(s, i + 2, b);
}

void vn_tcvn3_restore_capitals(char *s, size_t len)
{
    size_t line = 0;
    while (line < len) {
        const char *nl = memchr(s + line, '\n', len - line);
        size_t line_end = nl ? (size_t)(nl - s) : len;
        case_count lc;
        count_case(s, line, line_end, &lc);
        if (lc.vn_small) {
            if (capitalize_words(s, line, line_end, false) && lc.ascii_small == 0)
                capitalize_words(s, line, line_end, true);
            capitalize_sentence_starts(s, line, line_end);
        }
        line = line_end + 1;
    }
}

/* The legacy decoder's open run: CHAR8, at most 64 code points, with the
 * bit of each composed letter set. */
typedef struct legacy_run {
    size_t norm, orig, cps;
    uint64_t wide;
    size_t last_at; /* output offset of the last code point */
    int32_t last;   /* ... and the code point; -1 when the run is empty */
} legacy_run;

static void legacy_flush(vn_decoded *d, const vn_buf *out, legacy_run *r, size_t orig_now)
{
    if (out->len > r->norm) {
        vn_read_push_run(d, r->norm, out->len - r->norm, r->orig, orig_now - r->orig, VN_STEP_CHAR8);
        d->runs[d->nruns - 1].wide = r->wide;
    }
    r->norm = out->len;
    r->orig = orig_now;
    r->cps = 0;
    r->wide = 0;
    r->last = -1;
}

/* The letter base followed by the marks, composed into one code point by
 * NFC (which reorders first: ê + dot below is ệ), or -1. */
static int32_t compose_letter(int32_t base, const int32_t *marks, int nmarks)
{
    char u[16];
    size_t len = (size_t)vn_utf8_encode(base, u);
    for (int k = 0; k < nmarks; k++)
        len += (size_t)vn_utf8_encode(marks[k], u + len);
    int32_t cps[8];
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)u, (utf8proc_ssize_t)len, cps, 8, opt);
    if (n < 1 || n > 8)
        return -1;
    n = utf8proc_normalize_utf32(cps, n, opt);
    return n == 1 ? cps[0] : -1;
}

static void legacy_put(vn_buf *out, legacy_run *r, int32_t cp)
{
    if (out->len + 8 > out->cap)
        vn_buf_reserve(out, 8);
    r->last_at = out->len;
    r->last = cp;
    out->len += (size_t)vn_utf8_encode(cp, out->data + out->len);
    r->cps++;
}

/* A letter and the tone byte after it, composed: the same few hundred pairs
 * over and over, so they are remembered. */
#define COMPOSED_SLOTS 2048

typedef struct composed_memo {
    int32_t letter, composed; /* composed 0: empty slot */
    unsigned char byte;
} composed_memo;

/* *memo is made at the first pair: a run of a DOCX in a TCVN3 font, a few
 * words long and its letters precomposed, seldom needs it. */
static int32_t compose_with_byte(const byte_table *t, composed_memo **memo, int32_t letter, unsigned b)
{
    if (!*memo)
        *memo = vn_xcalloc(COMPOSED_SLOTS, sizeof **memo);
    composed_memo *m = &(*memo)[((uint32_t)letter * 31u + b) % COMPOSED_SLOTS];
    if (m->composed && m->letter == letter && m->byte == b)
        return m->composed;
    int32_t c = compose_letter(letter, t->cp[b], t->ncp[b]);
    if (c > 0) {
        m->letter = letter;
        m->byte = (unsigned char)b;
        m->composed = c;
    }
    return c;
}

/* Decodes byte by byte.  Windows-1258, VNI and TCVN3 write many letters as
 * a base and a separate tone (or tone-and-hat) byte; those are composed here,
 * so that the map can say "this letter took two bytes" with one bit instead
 * of a run of its own. */
void vn_legacy_decode(const byte_table *t, const unsigned char *p, size_t n, vn_decoded *d, vn_buf *out)
{
    vn_read_start_output(out, n + n / 2 + 8);
    legacy_run r = {0, 0, 0, 0, 0, -1};
    composed_memo *memo = NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned b = p[i];
        if (t->combining[b] && r.last >= 0 && !(r.wide >> (r.cps - 1) & 1)) {
            int32_t c = compose_with_byte(t, &memo, r.last, b);
            if (c >= 0) { /* rewrite the letter in place: its UTF-8 length may change */
                out->len = r.last_at;
                legacy_put(out, &r, c);
                r.cps--;
                r.wide |= (uint64_t)1 << (r.cps - 1);
                continue;
            }
        }
        if (r.cps == 64)
            legacy_flush(d, out, &r, i);
        if (t->ncp[b] == 0) {
            legacy_put(out, &r, 0xFFFD);
            d->flags |= VN_TEXT_HAD_INVALID;
        } else if (t->ncp[b] == 1) {
            legacy_put(out, &r, t->cp[b][0]);
        } else { /* two code points from one byte, not composed: a lump */
            legacy_flush(d, out, &r, i);
            size_t at = out->len;
            vn_buf_reserve(out, 8);
            out->len += (size_t)vn_utf8_encode(t->cp[b][0], out->data + out->len);
            out->len += (size_t)vn_utf8_encode(t->cp[b][1], out->data + out->len);
            vn_read_push_run(d, at, out->len - at, i, 1, VN_STEP_LUMP);
            legacy_flush(d, out, &r, i + 1);
        }
    }
    legacy_flush(d, out, &r, n);
    free(memo);
}

/* Scores every legacy encoding on a sample and keeps the best one's table. */
bool vn_legacy_pick(const unsigned char *p, size_t n, vn_encoding *enc, byte_table **table)
{
    size_t sample = n < LEGACY_SAMPLE_BYTES ? n : LEGACY_SAMPLE_BYTES;
    byte_table *t = vn_xmalloc(sizeof *t), *best_table = vn_xmalloc(sizeof *best_table);
    int best = -1;
    double best_score = 0;
    for (size_t e = 0; e < NLEGACY; e++) {
        if (!legacy_table(&legacies[e], t))
            continue;
        legacy_score sc = score_legacy(t, p, sample);
        double s = score_value(sc);
        if (score_believable(sc) && (best < 0 || s > best_score + 1e-9)) {
            best_score = s;
            best = (int)e;
            *best_table = *t;
        }
    }
    free(t);
    if (best < 0) {
        free(best_table);
        return false;
    }
    *enc = legacies[best].enc;
    *table = best_table;
    return true;
}

/* ---- text typed in a legacy font (DOCX, ODT) ----------------------------------------- */

/* Bytes of the paragraph before a run that TCVN3's capitals are judged with:
 * the words around a sentence's start, a line's other words. */
#define LEGACY_CONTEXT_BYTES 256

/* Font families that type in a legacy encoding, by how their names start:
 * every TCVN3 (ABC) font is named ".Vn..." (".VnTime", ".VnArial Narrow",
 * ".VnTimeH"), every VNI font "VNI-..." ("VNI-Times", "VNI-Helve").  A name
 * is matched whole-prefix and without regard to case. */
static const struct {
    const char *prefix;
    vn_font_kind kind;
} legacy_font_names[] = {
    {".Vn", VN_FONT_TCVN3},
    {"VNI-", VN_FONT_VNI},
    {"VNI ", VN_FONT_VNI},
};

vn_font_kind vn_legacy_font(const char *name, size_t n)
{
    while (n && (name[n - 1] == ' ' || name[n - 1] == '\''))
        n--;
    while (n && (*name == ' ' || *name == '\'')) /* ODF quotes a family with spaces */
        name++, n--;
    for (size_t i = 0; i < sizeof legacy_font_names / sizeof legacy_font_names[0]; i++) {
        size_t k = strlen(legacy_font_names[i].prefix);
        if (n <= k || strncasecmp(name, legacy_font_names[i].prefix, k) != 0)
            continue;
        /* TCVN3 has no codes for most capitals: a family of its own, its name
         * ending in H, draws the small letters' codes as capitals */
        if (legacy_font_names[i].kind == VN_FONT_TCVN3 && name[n - 1] == 'H')
            return VN_FONT_TCVN3_CAPS;
        return legacy_font_names[i].kind;
    }
    return VN_FONT_UNICODE;
}

/* The table of slot k (0 Windows-1252, 1 TCVN3, 2 VNI), made once; NULL
 * when this system's iconv lacks it. */
static const byte_table *font_table(vn_legacy_fonts *f, int k)
{
    static const legacy tables[] = {{VN_ENC_UTF8, "CP1252"}, {VN_ENC_TCVN3, "TCVN5712-1"}, {VN_ENC_VNI, NULL}};
    if (!f->tried[k]) {
        f->tried[k] = true;
        f->table[k] = vn_xmalloc(sizeof *f->table[k]);
        if (!legacy_table(&tables[k], f->table[k])) {
            free(f->table[k]);
            f->table[k] = NULL;
        }
    }
    return f->table[k];
}

/* The byte whose Windows-1252 reading is cp, or -1.  Bytes that Windows-1252
 * leaves undefined come back as the C1 control of the same number, and a
 * symbol font's as U+F0xx. */
static int byte_of(const byte_table *cp1252, int32_t cp)
{
    if (cp < 0x100)
        return (int)cp;
    if (cp >= 0xF020 && cp <= 0xF0FF)
        return (int)(cp - 0xF000);
    for (int b = 0x80; b < 0xA0; b++)
        if (cp1252->ncp[b] == 1 && cp1252->cp[b][0] == cp)
            return b;
    return -1;
}

/* The run's bytes, or NULL when a character has none. */
static unsigned char *run_bytes(const byte_table *cp1252, const char *s, size_t n, size_t *nbytes)
{
    unsigned char *b = vn_xmalloc(n + 1);
    size_t i = 0, k = 0;
    while (i < n) {
        int byte = byte_of(cp1252, vn_utf8_next(s, n, &i));
        if (byte < 0) {
            free(b);
            return NULL;
        }
        b[k++] = (unsigned char)byte;
    }
    *nbytes = k;
    return b;
}

/* TCVN3's capitals in dec, judged with the end of the paragraph's line
 * before it; only dec is changed. */
static void restore_run_capitals(const char *before, size_t nbefore, vn_buf *dec)
{
    size_t from = nbefore > LEGACY_CONTEXT_BYTES ? nbefore - LEGACY_CONTEXT_BYTES : 0;
    while (from < nbefore && ((unsigned char)before[from] & 0xC0) == 0x80)
        from++;
    for (size_t i = from; i < nbefore; i++)
        if (before[i] == '\n')
            from = i + 1;
    vn_buf line = {0};
    vn_buf_put(&line, before + from, nbefore - from);
    size_t at = line.len;
    vn_buf_put(&line, dec->data, dec->len);
    vn_tcvn3_restore_capitals(line.data, line.len);
    memcpy(dec->data, line.data + at, dec->len);
    vn_buf_free(&line);
}

bool vn_legacy_fonts_decode(vn_legacy_fonts *f, vn_font_kind kind, const char *before, size_t nbefore,
                            const char *s, size_t n, vn_buf *out)
{
    if (kind == VN_FONT_UNICODE || n == 0)
        return false;
    const byte_table *cp1252 = font_table(f, 0), *t = font_table(f, kind == VN_FONT_VNI ? 2 : 1);
    size_t nbytes;
    unsigned char *bytes = cp1252 && t ? run_bytes(cp1252, s, n, &nbytes) : NULL;
    if (!bytes)
        return false;
    vn_decoded map = {0};
    vn_buf dec = {0};
    vn_legacy_decode(t, bytes, nbytes, &map, &dec);
    free(bytes);
    free(map.runs);
    if (kind == VN_FONT_TCVN3_CAPS)
        to_capitals(dec.data, 0, dec.len);
    else if (kind == VN_FONT_TCVN3)
        restore_run_capitals(before, nbefore, &dec);
    vn_buf_put(out, dec.data, dec.len);
    vn_buf_free(&dec);
    return true;
}

void vn_legacy_fonts_free(vn_legacy_fonts *f)
{
    for (int k = 0; k < 3; k++)
        free(f->table[k]);
    memset(f, 0, sizeof *f);
}

/* ---- a PDF's glyphs in a legacy font ----------------------------------------------------- */

static bool is_style_suffix(const char *s)
{
    static const char *const styles[] = {"Bold", "Italic", "BoldItalic", "Oblique", "BoldOblique", "Regular"};
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(s, styles[i]) == 0)
            return true;
    return false;
}

vn_font_kind vn_legacy_pdf_font(const char *name)
{
    if (!name)
        return VN_FONT_UNICODE;
    const char *plus = strchr(name, '+');
    if (plus && plus - name == 6)
        name = plus + 1;
    char family[128];
    size_t n = strcspn(name, ",");
    if (n + 2 > sizeof family)
        return VN_FONT_UNICODE;
    bool dotless = n > 2 && strncmp(name, "Vn", 2) == 0;
    snprintf(family, sizeof family, "%s%.*s", dotless ? "." : "", (int)n, name);
    char *dash = strrchr(family, '-');
    if (dash && is_style_suffix(dash + 1))
        *dash = '\0';
    return vn_legacy_font(family, strlen(family));
}

bool vn_legacy_fonts_is_byte(vn_legacy_fonts *f, int32_t cp)
{
    const byte_table *cp1252 = font_table(f, 0);
    return cp1252 && byte_of(cp1252, cp) >= 0;
}

int vn_legacy_fonts_glyph(vn_legacy_fonts *f, vn_font_kind kind, int32_t cp, int32_t *letter, int32_t *out)
{
    const byte_table *cp1252 = font_table(f, 0), *t = font_table(f, kind == VN_FONT_VNI ? 2 : 1);
    int b = cp1252 && t && kind != VN_FONT_UNICODE ? byte_of(cp1252, cp) : -1;
    if (b < 0)
        return 0;
    bool capitals = kind == VN_FONT_TCVN3_CAPS;
    if (t->combining[b] && letter && *letter > 0) {
        int32_t c = compose_letter(*letter, t->cp[b], t->ncp[b]);
        if (c > 0) {
            *letter = capitals ? utf8proc_toupper(c) : c;
            return 2;
        }
    }
    int32_t c = t->ncp[b] ? t->cp[b][0] : 0xFFFD;
    *out = capitals ? utf8proc_toupper(c) : c;
    return 1;
}
