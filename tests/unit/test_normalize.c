/* test_normalize.c — the normalized text (what text.h promises), the map
 * back to the file's bytes for every kind of input, and the folded keys.
 *
 * The map is checked character by character: each variant of a corpus plan
 * is built here one character at a time, recording where every character
 * lands in the variant's bytes, and the normalized text of the variant must
 * map each of its characters to exactly that byte. */
#include "tap.h"
#include "testutil.h"
#include "text.h"
#include "utf8.h"

#include <iconv.h>
#include <stdlib.h>
#include <utf8proc.h>

/* ---- helpers ---------------------------------------------------------------------------- */

typedef struct normalized {
    vnplan_status st;
    vn_text t;
    vn_error err;
} normalized;

static normalized normalize(const void *bytes, size_t n)
{
    normalized r;
    memset(&r, 0, sizeof r);
    unsigned char *copy = malloc(n ? n : 1);
    memcpy(copy, bytes, n);
    r.st = vn_text_init(&r.t, copy, n, &r.err);
    return r;
}

static normalized normalize_str(const char *s) { return normalize(s, strlen(s)); }

static bool map_is_monotone(const vn_text *t)
{
    size_t prev = 0;
    for (size_t k = 0; k <= t->len; k++) {
        size_t o = vn_text_orig_offset(t, k);
        if (o < prev || o > t->orig_len)
            return false;
        prev = o;
    }
    return true;
}

static size_t count_lines(const char *s, size_t n)
{
    size_t lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

/* ---- what normalization does ------------------------------------------------------------ */

static void check_norm(const char *in, const char *want, const char *what)
{
    normalized r = normalize_str(in);
    is_str(r.st == VNPLAN_OK ? r.t.s : r.err.msg, want, what);
    vn_text_free(&r.t);
}

static void test_line_breaks(void)
{
    const char in[] = "a\r\nb\rc\nd\xE2\x80\xA8" "e\xE2\x80\xA9" "f\xC2\x85g\r\r\nh";
    normalized r = normalize_str(in);
    is_str(r.t.s, "a\nb\nc\nd\ne\nf\ng\n\nh", "line breaks: CRLF, CR, LF, U+2028, U+2029 and NEL are one LF each");
    is_long((long)count_lines(r.t.s, r.t.len), 9, "line breaks: CR CRLF counts as two lines, as an editor shows it");
    ok(r.t.flags & VN_TEXT_HAD_CR, "line breaks: CR flagged");
    /* every letter maps to its own byte */
    const char *letters = "abcdefgh";
    for (const char *l = letters; *l; l++) {
        size_t norm = (size_t)(strchr(r.t.s, *l) - r.t.s), orig = (size_t)(strchr(in, *l) - in);
        char what[64];
        snprintf(what, sizeof what, "line breaks: '%c' maps to byte %zu", *l, orig);
        is_long((long)vn_text_orig_offset(&r.t, norm), (long)orig, what);
    }
    is_long((long)vn_text_orig_offset(&r.t, 1), 1, "line breaks: the LF of a CRLF maps to its CR");
    is_long((long)vn_text_orig_offset(&r.t, r.t.len), (long)strlen(in), "line breaks: the end maps to the end");
    vn_text_free(&r.t);
}

static void test_unification(void)
{
    check_norm("a\xC2\xA0" "b\xE2\x80\x83" "c\xE2\x80\xAF" "d\xE2\x81\x9F" "e\xE3\x80\x80" "f\tg\fh", "a b c d e f\tg h",
               "spaces: NBSP, em space, narrow NBSP, math space, ideographic space become ' '; TAB stays; FF is a space");
    check_norm("1\xE2\x80\x90" "2\xE2\x80\x91" "3\xE2\x80\x92" "4\xE2\x80\x93" "5\xE2\x80\x94" "6\xE2\x80\x95"
               "7\xE2\x88\x92" "8\xEF\xB9\x98" "9\xEF\xB9\xA3" "0\xEF\xBC\x8D" "x",
               "1\xE2\x80\x90" "2\xE2\x80\x91" "3\xE2\x80\x92" "4\xE2\x80\x93" "5\xE2\x80\x94" "6\xE2\x80\x95"
               "7\xE2\x88\x92" "8\xEF\xB9\x98" "9\xEF\xB9\xA3" "0\xEF\xBC\x8D" "x",
               "dashes stay as written (the text readers are shown)");
    check_norm("\xE2\x80\x9C" "a\xE2\x80\x9D \xE2\x80\x9E" "b\xE2\x80\x9F \xC2\xAB" "c\xC2\xBB "
               "\xE2\x80\x98" "d\xE2\x80\x99 \xE2\x80\x9A" "e\xE2\x80\x9B",
               "\xE2\x80\x9C" "a\xE2\x80\x9D \xE2\x80\x9E" "b\xE2\x80\x9F \xC2\xAB" "c\xC2\xBB "
               "\xE2\x80\x98" "d\xE2\x80\x99 \xE2\x80\x9A" "e\xE2\x80\x9B",
               "quotes stay as written (the text readers are shown)");
    {
        /* the matching key unifies them */
        vn_buf key = {0};
        const char dashes[] = "1\xE2\x80\x90" "2\xE2\x80\x93" "3\xE2\x80\x94" "4\xE2\x88\x92" "5\xEF\xBC\x8D" "6";
        vn_fold(dashes, sizeof dashes - 1, 0, &key, NULL);
        is_str(vn_buf_cstr(&key), "1-2-3-4-5-6", "fold: every dash variant is '-'");
        vn_buf_clear(&key);
        const char quotes[] = "\xE2\x80\x9C" "a\xE2\x80\x9D \xC2\xAB" "b\xC2\xBB \xE2\x80\x98" "c\xE2\x80\x99";
        vn_fold(quotes, sizeof quotes - 1, VN_FOLD_KEY, &key, NULL);
        is_str(vn_buf_cstr(&key), "\"a\" \"b\" 'c'", "fold: curly quotes and guillemets are '\"' and '\\''");
        vn_buf_free(&key);
    }
    check_norm("Qu\xE2\x80\x8Byết\xC2\xAD \xE2\x80\x8C" "đ\xE2\x80\x8D" "ịnh\xE2\x81\xA0 s\xEF\xBB\xBFố",
               "Quyết định số",
               "invisible marks: ZWSP, soft hyphen, ZWNJ, ZWJ, word joiner, stray BOM are dropped");
    check_norm("\xEF\x82\xB7 a\n\xEF\x82\xA7 b\n\xEF\x83\x98 c", "\xE2\x80\xA2 a\n\xE2\x80\xA2 b\n\xE2\x80\xA2 c",
               "Word's private-use bullets U+F0B7, U+F0A7, U+F0D8 become U+2022");
#define PLAN_LINE "Kế hoạch số 141/KH-UBND ngày 20 tháng 6 năm 2025 của Ủy ban nhân dân tỉnh Ninh Bình. "
    check_norm(PLAN_LINE PLAN_LINE "a\x01" "b\x1F" "c\x7F" "d\xC2\x80" "e\x0B" "f",
               PLAN_LINE PLAN_LINE "a b c d e f", "controls (a few, in text): C0, DEL and C1 become spaces");
#undef PLAN_LINE
    check_norm("Hòa hoà Ủy Uỷ", "Hòa hoà Ủy Uỷ", "tone placement is left as written");
    check_norm("Quyết \xC3\xB0ịnh số 1002/Q\xC3\x90-TTg, \xC3\x90Ề ÁN", "Quyết định số 1002/QĐ-TTg, ĐỀ ÁN",
               "the eth Ð ð (U+00D0, U+00F0), a legacy font's look-alike, is Đ đ");
    {
        normalized e = normalize_str("Q\xC3\x90-x");
        is_long((long)vn_text_orig_offset(&e.t, 3), 3, "eth: the '-' after Đ (two bytes, as Ð) maps to byte 3");
        vn_text_free(&e.t);
    }

    /* offsets across the unified characters */
    const char in[] = "x\xE2\x80\x93y\xC2\xA0z\xE2\x80\x8Bw";
    normalized r = normalize_str(in);
    is_str(r.t.s, "x\xE2\x80\x93y zw", "unified: text (the en dash kept, NBSP a space, ZWSP dropped)");
    is_long((long)vn_text_orig_offset(&r.t, 1), 1, "unified: the en dash maps to byte 1");
    is_long((long)vn_text_orig_offset(&r.t, 4), 4, "unified: 'y' after the en dash maps to byte 4");
    is_long((long)vn_text_orig_offset(&r.t, 6), 7, "unified: 'z' after the NBSP maps to byte 7");
    is_long((long)vn_text_orig_offset(&r.t, 7), 11, "unified: 'w' after the dropped ZWSP maps to byte 11");
    vn_text_free(&r.t);
}

static void test_nfc(void)
{
    const char nfc[] = "Cộng hòa xã hội chủ nghĩa Việt Nam; ỦY BAN NHÂN DÂN; người, thuở, khuỷu";
    utf8proc_uint8_t *nfd = utf8proc_NFD((const utf8proc_uint8_t *)nfc);
    normalized a = normalize_str(nfc), d = normalize_str((const char *)nfd);
    is_str(d.t.s, nfc, "NFD input normalizes to the NFC text");
    ok(!(a.t.flags & VN_TEXT_HAD_NFD) && (d.t.flags & VN_TEXT_HAD_NFD), "NFD flagged only when something was composed");
    is_long((long)a.t.nruns, 1, "NFC input: one run for the whole text");
    /* "Nam" in both maps to its own bytes */
    size_t at = (size_t)(strstr(nfc, "Nam") - nfc);
    is_long((long)vn_text_orig_offset(&d.t, at), (long)(strstr((const char *)nfd, "Nam") - (const char *)nfd),
            "NFD: 'Nam' maps to its byte in the decomposed file");
    size_t o = (size_t)(strstr(nfc, "ộ") - nfc);
    is_long((long)vn_text_orig_offset(&d.t, o), (long)o, "NFD: a composed letter maps to its base letter");
    ok(d.t.nruns < 8, "NFD: the map stays compact (%zu runs)", d.t.nruns);
    ok(map_is_monotone(&d.t), "NFD: the map never goes back");
    vn_text_free(&a.t);
    vn_text_free(&d.t);
    free(nfd);

    /* marks out of canonical order, a mark with nothing before it */
    check_norm("e\xCC\x82\xCC\xA3 | o\xCC\xA3\xCC\x82 | \xCC\x81x", "ệ | ộ | \xCC\x81x",
               "marks in either order compose; a mark at the start of a stretch stays");
}

/* Every character with a canonical decomposition, decomposed, and every one
 * as it is: the result must be utf8proc's NFC.  This checks the stretches
 * that the byte scan skips (they must need nothing) and the starters that
 * compose with what comes before them (Indic vowel signs, Hangul jamo). */
static bool is_unified_here(int32_t cp)
{
    return cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFE58 || cp == 0xFE63 ||
           cp == 0xFF0D || cp == 0xFEFF || (cp >= 0xF000 && cp <= 0xF0FF);
}

static void test_nfc_everything(void)
{
    vn_buf whole = {0}, decomposed = {0};
    for (int32_t cp = 0xC0; cp < 0x30000; cp++) {
        if (is_unified_here(cp) || (cp >= 0xD800 && cp <= 0xDFFF))
            continue;
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        bool hangul = cp >= 0xAC00 && cp <= 0xD7A3;
        if (!hangul && (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0))
            continue;
        char u[4];
        vn_buf_put(&whole, u, (size_t)vn_utf8_encode(cp, u));
        vn_buf_putc(&whole, ' ');
        int32_t parts[8];
        int bc = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &bc);
        for (utf8proc_ssize_t q = 0; q < k; q++)
            vn_buf_put(&decomposed, u, (size_t)vn_utf8_encode(parts[q], u));
        vn_buf_putc(&decomposed, ' ');
    }
    vn_buf *inputs[] = {&whole, &decomposed};
    const char *names[] = {"every decomposable character as it is", "every decomposable character decomposed"};
    for (int q = 0; q < 2; q++) {
        vn_buf_cstr(inputs[q]);
        utf8proc_uint8_t *want = utf8proc_NFC((const utf8proc_uint8_t *)inputs[q]->data);
        normalized r = normalize(inputs[q]->data, inputs[q]->len);
        ok(r.st == VNPLAN_OK && strcmp(r.t.s, (const char *)want) == 0, "%s: utf8proc's NFC", names[q]);
        ok(map_is_monotone(&r.t), "%s: the map never goes back", names[q]);
        vn_text_free(&r.t);
        free(want);
    }
    vn_buf_free(&whole);
    vn_buf_free(&decomposed);

    /* nothing in the blocks the scan copies blindly may change or combine */
    size_t unstable = 0;
    int32_t ranges[][2] = {{0xC0, 0x2FF}, {0x1E80, 0x1EFF}};
    for (int q = 0; q < 2; q++)
        for (int32_t cp = ranges[q][0]; cp <= ranges[q][1]; cp++) {
            char u[8];
            int k = vn_utf8_encode(cp, u);
            u[k] = '\0';
            utf8proc_uint8_t *c = utf8proc_NFC((const utf8proc_uint8_t *)u);
            if (utf8proc_get_property(cp)->combining_class != 0 || strcmp((const char *)c, u) != 0)
                unstable++;
            free(c);
        }
    is_long((long)unstable, 0, "U+00C0-U+02FF and U+1E80-U+1EFF are NFC-stable starters");
}

static void test_no_copy(void)
{
    normalized r = normalize_str("\xEF\xBB\xBFKế hoạch số 141/KH-UBND\nI. MỤC ĐÍCH\n");
    ok(r.t.s_in_orig && r.t.s == (char *)r.t.orig + 3, "clean UTF-8: the text is the file's own bytes, not a copy");
    is_str(r.t.s, "Kế hoạch số 141/KH-UBND\nI. MỤC ĐÍCH\n", "clean UTF-8: NUL-terminated after the last byte");
    is_long((long)vn_text_orig_offset(&r.t, 0), 3, "clean UTF-8: offsets start after the mark");
    vn_text_free(&r.t);
    r = normalize_str("Kế hoạch \xE2\x80\x9C" "141\xE2\x80\x9D \xE2\x80\x93 \xC2\xAB" "x\xC2\xBB\n");
    ok(r.t.s_in_orig, "curly quotes, an en dash, guillemets (kept as written): no copy");
    vn_text_free(&r.t);
    r = normalize_str("Kế hoạch\xC2\xA0" "141\n");
    ok(!r.t.s_in_orig && r.t.s != (char *)r.t.orig, "an NBSP (becomes a space): the text is a normalized copy");
    vn_text_free(&r.t);
}

static void test_refusals(void)
{
    const char *blank[] = {"   \n\t\n  ", "\xC2\xA0\xE2\x80\x8B\r\n\xE3\x80\x80", "\xEF\xBB\xBF \n"};
    for (int q = 0; q < 3; q++) {
        normalized r = normalize_str(blank[q]);
        is_long(r.st, VNPLAN_ERR_EMPTY, "white space only: refused as empty");
        is_str(r.err.msg, "only white space", "white space only: says so");
        ok(r.t.orig == NULL && r.t.s == NULL && r.t.runs == NULL, "white space only: everything freed");
    }
    normalized r = normalize("", 0);
    is_str(r.err.msg, "empty file", "zero bytes: \"empty file\"");
    r = normalize("%PDF-1.4\n", 9);
    is_long(r.st, VNPLAN_ERR_BINARY, "PDF: refused through vn_text_init too");
    ok(r.t.orig == NULL, "refused: the input was freed (ownership taken)");
    vn_text_free(&r.t); /* a second free is harmless */
}

/* ---- the map, on every variant of the corpus plans ------------------------------------- */

typedef struct variant {
    vn_buf bytes;
    size_t *at; /* at[k]: where the character starting at byte k of the source landed */
} variant;

typedef void (*put_fn)(variant *v, const char *ch, size_t len, size_t index);

static void put_crlf(variant *v, const char *ch, size_t len, size_t index)
{
    (void)index;
    if (ch[0] == '\n')
        vn_buf_puts(&v->bytes, "\r\n");
    else
        vn_buf_put(&v->bytes, ch, len);
}

static void put_cr(variant *v, const char *ch, size_t len, size_t index)
{
    (void)index;
    vn_buf_put(&v->bytes, ch[0] == '\n' ? "\r" : ch, ch[0] == '\n' ? 1 : len);
}

/* every kind of line break and of space, taking turns */
static void put_mixed(variant *v, const char *ch, size_t len, size_t index)
{
    static const char *const breaks[] = {"\r\n", "\xE2\x80\xA8", "\xC2\x85", "\r", "\xE2\x80\xA9", "\n"};
    static const char *const spaces[] = {"\xC2\xA0", " ", "\xE2\x80\x89", "\xE3\x80\x80", "\xE2\x80\xAF"};
    if (ch[0] == '\n')
        vn_buf_puts(&v->bytes, breaks[index % 6]);
    else if (ch[0] == ' ')
        vn_buf_puts(&v->bytes, spaces[index % 5]);
    else
        vn_buf_put(&v->bytes, ch, len);
    if (index % 11 == 0) /* and invisible marks, which must vanish */
        vn_buf_puts(&v->bytes, index % 2 ? "\xE2\x80\x8B" : "\xC2\xAD");
}

static void put_nfd(variant *v, const char *ch, size_t len, size_t index)
{
    (void)index;
    size_t i = 0;
    int32_t cp = vn_utf8_next(ch, len, &i), parts[8];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &bc);
    for (utf8proc_ssize_t q = 0; q < k; q++) {
        char u[4];
        vn_buf_put(&v->bytes, u, (size_t)vn_utf8_encode(parts[q], u));
    }
}

static const char *variant_charset;
static void put_iconv(variant *v, const char *ch, size_t len, size_t index)
{
    (void)index;
    iconv_t cd = iconv_open(variant_charset, "UTF-8");
    char buf[16], *ip = (char *)ch, *op = buf;
    size_t il = len, ol = sizeof buf;
    if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
        iconv(cd, NULL, NULL, &op, &ol);
    iconv_close(cd);
    vn_buf_put(&v->bytes, buf, (size_t)(op - buf));
}

static void build_variant(variant *v, const char *s, size_t n, const char *prefix, put_fn put)
{
    memset(v, 0, sizeof *v);
    v->at = calloc(n + 1, sizeof *v->at);
    vn_buf_puts(&v->bytes, prefix);
    size_t i = 0, index = 0;
    while (i < n) {
        size_t a = i;
        vn_utf8_next(s, n, &i);
        v->at[a] = v->bytes.len;
        put(v, s + a, i - a, index++);
    }
    v->at[n] = v->bytes.len;
}

/* Characters an 8-bit encoding has, for a source it can take whole. */
static char *representable(const char *charset, const char *s, size_t n, size_t *outlen)
{
    vn_buf b = {0};
    iconv_t cd = iconv_open(charset, "UTF-8");
    size_t i = 0;
    while (i < n) {
        size_t a = i;
        vn_utf8_next(s, n, &i);
        char buf[16], *ip = (char *)s + a, *op = buf;
        size_t il = i - a, ol = sizeof buf;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
            vn_buf_put(&b, s + a, i - a);
    }
    iconv_close(cd);
    vn_buf_cstr(&b);
    *outlen = b.len;
    return b.data;
}

/* The variant's normalized text equals the source's, and every character
 * of it maps to the byte where the variant has it. */
static void check_variant(const char *what, const char *src, size_t n, const char *prefix, put_fn put,
                          size_t max_runs)
{
    normalized base = normalize(src, n);
    variant v;
    build_variant(&v, src, n, prefix, put);
    normalized r = normalize(v.bytes.data, v.bytes.len);
    ok(r.st == VNPLAN_OK && base.st == VNPLAN_OK && r.t.len == base.t.len &&
           memcmp(r.t.s, base.t.s, base.t.len) == 0,
       "%s: the same normalized text as the original", what);
    size_t wrong = 0, checked = 0, first_wrong = SIZE_MAX;
    for (size_t k = 0; r.st == VNPLAN_OK && k < r.t.len && k < base.t.len; k++) {
        if (((unsigned char)base.t.s[k] & 0xC0) == 0x80)
            continue;
        size_t in_src = vn_text_orig_offset(&base.t, k); /* where the source has this character */
        size_t want = v.at[in_src], got = vn_text_orig_offset(&r.t, k);
        checked++;
        if (got != want && wrong++ == 0)
            first_wrong = k;
    }
    if (!ok(checked > 0 && wrong == 0, "%s: all %zu characters map to their bytes in the file", what, checked))
        diag("%zu wrong, the first at normalized offset %zu: got %zu, want %zu", wrong, first_wrong,
             vn_text_orig_offset(&r.t, first_wrong), v.at[vn_text_orig_offset(&base.t, first_wrong)]);
    ok(r.st == VNPLAN_OK && vn_text_orig_offset(&r.t, r.t.len) == v.bytes.len, "%s: the end maps to the end", what);
    size_t budget = max_runs == SIZE_MAX ? SIZE_MAX : max_runs + r.t.len / 64;
    ok(r.st == VNPLAN_OK && r.t.nruns <= budget, "%s: the map is compact (%zu runs for %zu bytes)", what, r.t.nruns,
       r.t.len);
    vn_text_free(&r.t);
    vn_text_free(&base.t);
    vn_buf_free(&v.bytes);
    free(v.at);
}

static void put_same(variant *v, const char *ch, size_t len, size_t index)
{
    (void)index;
    vn_buf_put(&v->bytes, ch, len);
}

/* How many runs a variant's map may have (plus one per 64 bytes): a few
 * for most; any number where the variant changes a character every few
 * bytes (the mixed one). */
enum { FEW = 2, ANY = -1 };

static void check_named(const char *file, const char *kind, const char *src, size_t n, const char *prefix, put_fn put,
                        int budget)
{
    char what[200];
    snprintf(what, sizeof what, "%s as %s", file, kind);
    size_t max_runs = budget == ANY ? SIZE_MAX : (size_t)budget;
    check_variant(what, src, n, prefix, put, max_runs);
}

static void test_variants(void)
{
    const char *files[] = {"ninh-binh-141-KH-UBND-1002.txt", "lang-son-1002-pdf-double-spaced.txt",
                           "lang-son-2711-word-paragraphs.txt"};
    for (size_t f = 0; f < 3; f++) {
        size_t n = 0;
        char *src = tu_read_in("corpus/plans/", files[f], &n);
        if (!ok(src != NULL, "corpus file %s is there", files[f]))
            continue;
        /* the corpus files have a few curly quotes and dashes: a run each */
        check_named(files[f], "UTF-8", src, n, "", put_same, FEW + 16);
        check_named(files[f], "UTF-8 with BOM", src, n, "\xEF\xBB\xBF", put_same, FEW + 16);
        check_named(files[f], "CRLF", src, n, "", put_crlf, FEW + 16);
        check_named(files[f], "CR", src, n, "", put_cr, FEW + 16);
        check_named(files[f], "mixed breaks, spaces and invisible marks", src, n, "", put_mixed, ANY);
        check_named(files[f], "NFD", src, n, "", put_nfd, FEW + 16);
        variant_charset = "UTF-16LE";
        check_named(files[f], "UTF-16LE with BOM", src, n, "\xFF\xFE", put_iconv, FEW + 16);
        variant_charset = "UTF-16BE";
        check_named(files[f], "UTF-16BE with BOM", src, n, "\xFE\xFF", put_iconv, FEW + 16);
        const char *legacy[] = {"CP1258", "TCVN5712-1", "VISCII"};
        for (int e = 0; e < 3; e++) {
            size_t m;
            char *sub = representable(legacy[e], src, n, &m);
            variant_charset = legacy[e];
            check_named(files[f], legacy[e], sub, m, "", put_iconv, FEW + 16);
            free(sub);
        }
        free(src);
    }
}

/* ---- garbage through the whole of read + normalize ------------------------------------- */

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(void) { return tu_xorshift64(&rng_state); }

static void test_garbage(void)
{
    static const char *const pieces[] = {"a", "ệ", "\xCC\x81", "\xCC\xA3", "\r", "\n", "\r\n", "\xC2\xA0",
                                         "\xE2\x80\x8B", "\xEF\xBB\xBF", "\xE2\x80\x93", "\xC2\x85", "\x01",
                                         "\xFF", "\xE1\xBB", "\xEF\x82\xB7", " ", "Ủy", "\xF0\x9F\x98\x80"};
    size_t problems = 0, trials = 4000;
    for (size_t t = 0; t < trials; t++) {
        vn_buf b = {0};
        if (t % 4 == 0) {
            size_t len = rnd() % 300;
            for (size_t k = 0; k < len; k++)
                vn_buf_putc(&b, (char)rnd());
        } else {
            for (size_t k = rnd() % 120; k > 0; k--)
                vn_buf_puts(&b, pieces[rnd() % (sizeof pieces / sizeof pieces[0])]);
        }
        normalized r = normalize(b.data ? b.data : "", b.len);
        bool fine = r.st == VNPLAN_OK ? map_is_monotone(&r.t) && vn_text_orig_offset(&r.t, r.t.len) == b.len &&
                                             strlen(r.t.s) <= r.t.len && !memchr(r.t.s, '\r', r.t.len)
                                       : r.err.msg[0] != '\0';
        if (!fine && problems++ == 0) {
            vn_buf hex = {0};
            for (size_t k = 0; k < b.len && k < 200; k++)
                vn_buf_printf(&hex, "%02X", (unsigned char)b.data[k]);
            diag("first problem, trial %zu (status %d, %zu bytes): %s", t, (int)r.st, b.len, vn_buf_cstr(&hex));
            vn_buf_free(&hex);
        }
        vn_text_free(&r.t);
        vn_buf_free(&b);
    }
    is_long((long)problems, 0, "garbage: no crash, no CR left, every map monotone and ending at the end");

    /* a million combining marks after one letter: linear, not quadratic */
    size_t n = 2000000;
    char *marks = malloc(n + 1);
    marks[0] = 'a';
    for (size_t k = 1; k + 1 < n; k += 2) {
        marks[k] = (char)0xCC;
        marks[k + 1] = (char)(k % 4 == 1 ? 0x81 : 0xA3);
    }
    normalized r = normalize(marks, n - 1);
    ok(r.st == VNPLAN_OK && map_is_monotone(&r.t), "a million combining marks: normalized, map monotone");
    vn_text_free(&r.t);
    free(marks);
}

/* ---- folding ---------------------------------------------------------------------------------- */

static char *fold(const char *s, unsigned flags)
{
    vn_buf out = {0};
    vn_fold(s, strlen(s), flags, &out, NULL);
    return out.data;
}

static void test_fold_table(void)
{
    static const struct {
        const char *in;
        unsigned flags;
        const char *want;
    } cases[] = {
        /* the newer placement folds to the traditional one */
        {"hoà", VN_FOLD_KEY, "hòa"},
        {"khoẻ", VN_FOLD_KEY, "khỏe"},
        {"thuỷ", VN_FOLD_KEY, "thủy"},
        {"Uỷ", VN_FOLD_KEY, "ủy"},
        {"UỶ BAN", VN_FOLD_KEY, "ủy ban"},
        {"Toà án", VN_FOLD_KEY, "tòa án"},
        {"hoá học", VN_FOLD_KEY, "hóa học"},
        {"xoè", VN_FOLD_KEY, "xòe"},
        {"luỹ kế", VN_FOLD_KEY, "lũy kế"},
        {"Thuý", VN_FOLD_KEY, "thúy"},
        {"hoạ", VN_FOLD_KEY, "họa"},
        /* already traditional: unchanged */
        {"hòa khỏe thủy ủy", VN_FOLD_KEY, "hòa khỏe thủy ủy"},
        /* a final consonant or a vowel with its own mark decides: nothing moves */
        {"hoàng thuyết người thuở", VN_FOLD_KEY, "hoàng thuyết người thuở"},
        {"quý già giữ của mùa", VN_FOLD_KEY, "quý già giữ của mùa"},
        {"khuya khuỷu ngoài toán", VN_FOLD_KEY, "khuya khuỷu ngoài toán"},
        {"quyển nguyễn tuấn xoắn", VN_FOLD_KEY, "quyển nguyễn tuấn xoắn"},
        {"gì gìn giếng giường", VN_FOLD_KEY, "gì gìn giếng giường"},
        /* qu and gi: the u and i belong to the consonant */
        {"qúa gìa", VN_FOLD_KEY, "quá già"},
        /* tone only: each letter keeps its case */
        {"Uỷ ban HOÀ BÌNH", VN_FOLD_TONE, "Ủy ban HÒA BÌNH"},
        /* case only: tones stay where they are */
        {"HOÀ Ủy", VN_FOLD_CASE, "hoà ủy"},
        {"Quyết định số 1002/QĐ-TTg", VN_FOLD_KEY, "quyết định số 1002/qđ-ttg"},
        /* no diacritics at all */
        {"Đường Nguyễn Thị Ánh, ưu tiên", VN_FOLD_KEY | VN_FOLD_STRIP, "duong nguyen thi anh, uu tien"},
        {"Đường", VN_FOLD_STRIP, "Duong"},
        {"Ủy ban nhân dân", VN_FOLD_CASE | VN_FOLD_STRIP, "uy ban nhan dan"},
        /* not Vietnamese: cased, otherwise alone */
        {"COVID-19, café, naïve", VN_FOLD_KEY, "covid-19, café, naïve"},
        {"Ωμέγα", VN_FOLD_CASE, "ωμέγα"},
        {"", VN_FOLD_KEY, ""},
        {"12.5% - (a)", VN_FOLD_KEY, "12.5% - (a)"},
    };
    for (size_t q = 0; q < sizeof cases / sizeof cases[0]; q++) {
        char *got = fold(cases[q].in, cases[q].flags);
        char what[160];
        snprintf(what, sizeof what, "fold \"%s\" (%s%s%s)", cases[q].in, cases[q].flags & VN_FOLD_CASE ? "case " : "",
                 cases[q].flags & VN_FOLD_TONE ? "tone " : "", cases[q].flags & VN_FOLD_STRIP ? "strip" : "");
        is_str(got, cases[q].want, what);
        free(got);
    }
}

static void test_fold_pairs(void)
{
    /* old and new placement give one key */
    static const char *const pairs[][2] = {
        {"hòa", "hoà"},   {"Hòa Bình", "Hoà Bình"}, {"khỏe", "khoẻ"}, {"thủy", "thuỷ"}, {"Ủy ban", "Uỷ ban"},
        {"lũy", "luỹ"},   {"tòa", "toà"},           {"xóa", "xoá"},   {"họa", "hoạ"},   {"thụy", "thuỵ"},
        {"khỏa", "khoả"}, {"hóa", "hoá"},           {"lòe", "loè"},   {"hủy", "huỷ"},   {"tùy", "tuỳ"},
    };
    for (size_t q = 0; q < sizeof pairs / sizeof pairs[0]; q++) {
        char *a = fold(pairs[q][0], VN_FOLD_KEY), *b = fold(pairs[q][1], VN_FOLD_KEY);
        char what[128];
        snprintf(what, sizeof what, "fold: \"%s\" and \"%s\" give the same key", pairs[q][0], pairs[q][1]);
        is_str(b, a, what);
        free(a);
        free(b);
    }
    /* decomposed input folds like composed input */
    char *a = fold("hoa\xCC\x80 Uy\xCC\x89", VN_FOLD_KEY);
    is_str(a, "hòa ủy", "fold: NFD input gives the same key");
    free(a);
}

static void test_fold_map(void)
{
    vn_buf out = {0};
    vn_u32s map = {0};
    const char in[] = "hoà Xy";
    vn_fold(in, strlen(in), VN_FOLD_KEY, &out, &map);
    is_str(out.data, "hòa xy", "fold map: folded text");
    static const uint32_t want[] = {0, 1, 1, 2, 4, 5, 6, 7};
    bool same = map.len == sizeof want / sizeof want[0];
    for (size_t k = 0; same && k < map.len; k++)
        same = map.v[k] == want[k];
    ok(same, "fold map: each folded byte points at the letter it came from, then one entry for the end");
    /* appending: a second call adds to out and map */
    vn_fold("A", 1, VN_FOLD_CASE, &out, &map);
    is_str(out.data, "hòa xya", "fold appends to out");
    is_long((long)map.len, 10, "fold appends to the map (one entry per byte and one for the end)");
    vn_buf_free(&out);
    free(map.v);
}

/* Folding anything: output is as long as the map says, the map points
 * inside the input and never goes back, the last entry is the length. */
static void test_fold_garbage(void)
{
    static const char *const pieces[] = {"a", "Ủ", "y", "\xCC\x81", "\xCC\x89", "\xFF", "\xE1\xBB", " ", "qu",
                                         "gi", "o", "à", "Đ", "ß", "\xF0\x9F\x98\x80", "ng", "ươ", "İ"};
    size_t problems = 0;
    for (size_t t = 0; t < 3000; t++) {
        vn_buf in = {0}, out = {0};
        vn_u32s map = {0};
        for (size_t k = rnd() % 60; k > 0; k--)
            vn_buf_puts(&in, pieces[rnd() % (sizeof pieces / sizeof pieces[0])]);
        unsigned flags = rnd() % 8;
        vn_fold(in.data ? in.data : "", in.len, flags, &out, &map);
        bool fine = map.len == out.len + 1 && map.v[out.len] == in.len;
        for (size_t k = 0; fine && k < out.len; k++)
            fine = map.v[k] <= in.len && (k == 0 || map.v[k] >= map.v[k - 1]);
        if (!fine)
            problems++;
        vn_buf_free(&in);
        vn_buf_free(&out);
        free(map.v);
    }
    is_long((long)problems, 0, "fold garbage: every map has one entry per byte plus the end, inside the input, in order");
}

static void test_syllables(void)
{
    static const char *const good[] = {"nghiêng", "người", "khuỷu", "quý", "già", "gìn", "hoàng", "thuở",
                                       "xoắn", "oái", "Ủy", "TRƯỜNG", "đặc", "hoà"};
    static const char *const bad[] = {"Viờũt", "Céng", "kàng", "ghà", "cafe", "hàát", "bcd", "ßa", "phát1",
                                      "lưâp", "tiêu\xCC\x87", "hiê", "mặ", "tiểc"};
    for (size_t q = 0; q < sizeof good / sizeof good[0]; q++) {
        int32_t cps[16];
        size_t n = 0, i = 0, len = strlen(good[q]);
        while (i < len && n < 16)
            cps[n++] = vn_utf8_next(good[q], len, &i);
        ok(vn_is_vn_syllable(cps, n), "syllable: \"%s\" is Vietnamese", good[q]);
    }
    for (size_t q = 0; q < sizeof bad / sizeof bad[0]; q++) {
        int32_t cps[16];
        size_t n = 0, i = 0, len = strlen(bad[q]);
        while (i < len && n < 16)
            cps[n++] = vn_utf8_next(bad[q], len, &i);
        ok(!vn_is_vn_syllable(cps, n), "syllable: \"%s\" is not", bad[q]);
    }
}

/* A space a PDF's text put inside a syllable is dropped; a space between
 * two words is not, whatever the letters around it. */
static void test_split_syllables(void)
{
    check_norm("Thủ t ướng Chính phủ", "Thủ tướng Chính phủ", "split: a lone opening consonant (t ướng)");
    check_norm("c ấp b ằng k ỹ s ư", "cấp bằng kỹ sư", "split: one consonant each");
    check_norm("tối thi ểu 18%", "tối thiểu 18%", "split: i | ể, one vowel iê");
    check_norm("tri ển khai, nghi ệp, ngư ời, đư ợc", "triển khai, nghiệp, người, được",
               "split: iê and ươ across the space");
    check_norm("ho ạt đ ộng; qu ốc gia; gi ữa; chuy ển", "hoạt động; quốc gia; giữa; chuyển",
               "split: oa, the openings qu and gi, yê");
    check_norm("Tr ường ph ổ thông", "Trường phổ thông", "split: a capital opening");
    check_norm("trường  ph  ổ  thông;   c    ấp", "trường  phổ  thông;   c    ấp",
               "split: a justified gap of two or three spaces too, not of four");
    check_norm("đáp ứng; tương ứng; Tỉnh ủy; là ước; cho ở; đi ấy; ưu tiên; khi ấy; vì ở",
               "đáp ứng; tương ứng; Tỉnh ủy; là ước; cho ở; đi ấy; ưu tiên; khi ấy; vì ở",
               "words: a final consonant, a tone or a vowel that makes no vowel keeps the space");
    check_norm("TP ước; 2 ấp; kiề\xE2\x80\x8Bu ở", "TP ước; 2 ấp; kiều ở",
               "words: capitals, digits, an invisible mark inside the word before keep the space");
    check_norm("t\xC2\xA0ướng", "t ướng", "a no-break space is not one pdftotext puts");
    normalized r = normalize_str("Thủ t ướng");
    ok(r.st == VNPLAN_OK && vn_text_orig_offset(&r.t, strlen("Thủ tướng")) == strlen("Thủ t ướng") &&
           vn_text_orig_offset(&r.t, strlen("Thủ t")) == strlen("Thủ t "),
       "split: offsets after the dropped space map past it");
    vn_text_free(&r.t);
}

int main(void)
{
    test_line_breaks();
    test_unification();
    test_nfc();
    test_nfc_everything();
    test_no_copy();
    test_refusals();
    test_variants();
    test_garbage();
    test_fold_table();
    test_fold_pairs();
    test_fold_map();
    test_fold_garbage();
    test_syllables();
    test_split_syllables();
    return done();
}
