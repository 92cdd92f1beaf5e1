/* test_read.c — the read stage: which encodings are recognised, what is
 * refused and with which words, and where each decoded character came from.
 *
 * Legacy inputs are made here with iconv from UTF-8, and checked against a
 * few famous strings typed in those encodings, so that a table error on
 * either side cannot hide behind the other. */
#include "tap.h"
#include "testutil.h"
#include "text.h"
#include "utf8.h"

#include <iconv.h>
#include <stdlib.h>
#include <utf8proc.h>

/* A paragraph with every kind of letter a plan has, in capitals too. */
static const char SAMPLE[] =
    "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 141/KH-UBND\n"
    "KẾ HOẠCH\nTriển khai thực hiện Quyết định số 1002/QĐ-TTg của Thủ tướng Chính phủ\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao chất lượng nguồn nhân lực, ứng dụng khoa học, "
    "đổi mới sáng tạo; tỷ lệ lao động qua đào tạo đạt trên 80%.\n"
    "- Phấn đấu đến năm 2030 có ít nhất 30% số xã, phường được hưởng lợi; khuyến khích "
    "người dân tiếp cận dịch vụ công trực tuyến.\n";

/* ---- helpers ------------------------------------------------------------------------ */

typedef struct decoded {
    vnplan_status st;
    vn_decoded d;
    vn_error err;
} decoded;

static decoded decode(const void *bytes, size_t n)
{
    decoded r;
    memset(&r, 0, sizeof r);
    r.st = vn_read_decode(bytes, n, &r.d, &r.err);
    return r;
}

/* The decoded text, composed (legacy decoders leave combining marks for the
 * normalize stage), as a NUL-terminated string the caller frees. */
static char *composed(const vn_decoded *d)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)d->s, (utf8proc_ssize_t)d->len, &out,
                     UTF8PROC_COMPOSE | UTF8PROC_STABLE) < 0)
        return NULL;
    return (char *)out;
}

/* UTF-8 → charset with iconv; NULL when some character has no code there. */
static char *convert(const char *charset, const char *utf8, size_t n, size_t *outlen)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = 4 * n + 16, left = cap;
    char *out = malloc(cap), *op = out, *ip = (char *)utf8;
    size_t il = n;
    size_t r = iconv(cd, &ip, &il, &op, &left);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &op, &left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *outlen = (size_t)(op - out);
    return out;
}

/* Drops the characters an 8-bit encoding lacks (curly quotes, ellipsis)
 * from a UTF-8 text, so that a corpus file can be converted to it. */
static char *representable_only(const char *charset, const char *s, size_t n, size_t *outlen)
{
    vn_buf b = {0};
    size_t i = 0;
    while (i < n) {
        size_t at = i, k;
        vn_utf8_next(s, n, &i);
        char *one = convert(charset, s + at, i - at, &k);
        if (one)
            vn_buf_put(&b, s + at, i - at);
        free(one);
    }
    vn_buf_cstr(&b);
    *outlen = b.len;
    return b.data;
}

static bool contains(const char *hay, const char *needle) { return hay && strstr(hay, needle) != NULL; }

/* Each offset in decoded text maps to an original offset; the map never goes back. */
static bool map_is_monotone(const vn_decoded *d, size_t n)
{
    size_t prev = 0;
    for (size_t k = 0; k <= d->len; k++) {
        size_t o = vn_decoded_orig_offset(d, k);
        if (o < prev || o > n)
            return false;
        prev = o;
    }
    return true;
}

/* ---- UTF-8 ----------------------------------------------------------------------------- */

static void test_utf8(void)
{
    size_t n = strlen(SAMPLE);
    decoded r = decode(SAMPLE, n);
    is_long(r.st, VNPLAN_OK, "UTF-8: accepted");
    is_str(vn_encoding_name(r.d.enc), "utf-8", "UTF-8: named utf-8");
    ok(r.d.s == SAMPLE && !r.d.owned && r.d.runs == NULL && r.d.skip == 0,
       "UTF-8: the text is the input itself (no copy, no runs)");
    is_long((long)r.d.len, (long)n, "UTF-8: every byte is text");
    is_long((long)vn_decoded_orig_offset(&r.d, 17), 17, "UTF-8: offsets are file offsets");
    vn_decoded_free(&r.d);

    char bom[sizeof SAMPLE + 3] = "\xEF\xBB\xBF";
    memcpy(bom + 3, SAMPLE, n);
    r = decode(bom, n + 3);
    is_long(r.st, VNPLAN_OK, "UTF-8 with BOM: accepted");
    is_str(vn_encoding_name(r.d.enc), "utf-8-bom", "UTF-8 with BOM: named utf-8-bom");
    ok(r.d.s == bom + 3 && r.d.skip == 3 && !r.d.owned, "UTF-8 with BOM: no copy, the mark skipped");
    ok(r.d.flags & VN_TEXT_HAD_BOM, "UTF-8 with BOM: flagged");
    is_long((long)vn_decoded_orig_offset(&r.d, 0), 3, "UTF-8 with BOM: text starts after the mark");
    vn_decoded_free(&r.d);
}

static void test_utf8_with_a_few_bad_bytes(void)
{
    /* a long valid text with two stray Latin-1 bytes in it */
    vn_buf b = {0};
    for (int k = 0; k < 4; k++)
        vn_buf_puts(&b, SAMPLE);
    size_t bad1 = (size_t)(strstr(b.data, "141") - b.data), bad2 = b.len - 10;
    b.data[bad1] = (char)0xE9; /* replaces an ASCII byte: 'é' in Latin-1 */
    while (((unsigned char)b.data[bad2] & 0xC0) == 0x80 || (unsigned char)b.data[bad2] >= 0x80)
        bad2--;
    b.data[bad2] = (char)0xFF;
    decoded r = decode(b.data, b.len);
    is_long(r.st, VNPLAN_OK, "UTF-8 with two bad bytes: accepted");
    is_str(vn_encoding_name(r.d.enc), "utf-8", "UTF-8 with two bad bytes: still UTF-8");
    ok(r.d.flags & VN_TEXT_HAD_INVALID, "UTF-8 with two bad bytes: flagged as repaired");
    const char *rep1 = strstr(r.d.s, "\xEF\xBF\xBD");
    ok(rep1 && (size_t)(rep1 - r.d.s) == bad1, "UTF-8 with two bad bytes: U+FFFD where the first was");
    size_t after = (size_t)(rep1 - r.d.s) + 3;
    is_long((long)vn_decoded_orig_offset(&r.d, after), (long)bad1 + 1,
            "UTF-8 with two bad bytes: the text after it maps to the byte after it");
    is_long((long)vn_decoded_orig_offset(&r.d, r.d.len), (long)b.len, "UTF-8 with two bad bytes: end maps to end");
    ok(map_is_monotone(&r.d, b.len), "UTF-8 with two bad bytes: the map never goes back");
    vn_decoded_free(&r.d);

    /* a sequence cut short at the end of the file */
    char cut[] = "Kế hoạch số 1\xE1\xBB";
    r = decode(cut, sizeof cut - 1);
    is_long(r.st, VNPLAN_OK, "truncated last character: accepted");
    ok(r.d.len >= 3 && memcmp(r.d.s + r.d.len - 3, "\xEF\xBF\xBD", 3) == 0,
       "truncated last character: ends in U+FFFD");
    vn_decoded_free(&r.d);
    vn_buf_free(&b);
}

/* ---- UTF-16 and UTF-32 ---------------------------------------------------------------- */

/* Offset in a UTF-16 file (after a mark of `skip` bytes) of the character
 * that starts at byte k of the UTF-8 text. */
static size_t utf16_offset(const char *s, size_t k, size_t skip)
{
    size_t units = 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        units += ((c & 0xC0) != 0x80) + (c >= 0xF0);
    }
    return skip + 2 * units;
}

static void check_utf16(const char *what, const char *charset, const char *bom, size_t bomlen, vn_encoding want)
{
    size_t n = strlen(SAMPLE), k;
    char *body = convert(charset, SAMPLE, n, &k);
    char *file = malloc(k + bomlen);
    memcpy(file, bom, bomlen);
    memcpy(file + bomlen, body, k);
    decoded r = decode(file, k + bomlen);
    char msg[128];
    snprintf(msg, sizeof msg, "%s: accepted", what);
    is_long(r.st, VNPLAN_OK, msg);
    snprintf(msg, sizeof msg, "%s: named %s", what, vn_encoding_name(want));
    is_long(r.d.enc, want, msg);
    snprintf(msg, sizeof msg, "%s: decodes to the text", what);
    ok(r.d.len == n && memcmp(r.d.s, SAMPLE, n) == 0, "%s", msg);
    /* known characters: 'Đ' of "Độc", the 'ệ' of "hiện", the last '\n' */
    const char *marks[] = {"Độc", "hiện", "80%", "tuyến."};
    for (size_t q = 0; q < sizeof marks / sizeof marks[0]; q++) {
        size_t at = (size_t)(strstr(SAMPLE, marks[q]) - SAMPLE);
        snprintf(msg, sizeof msg, "%s: \"%s\" maps to its byte in the file", what, marks[q]);
        is_long((long)vn_decoded_orig_offset(&r.d, at), (long)utf16_offset(SAMPLE, at, bomlen), msg);
    }
    snprintf(msg, sizeof msg, "%s: the end maps to the end", what);
    is_long((long)vn_decoded_orig_offset(&r.d, r.d.len), (long)(k + bomlen), msg);
    vn_decoded_free(&r.d);
    free(body);
    free(file);
}

static void test_utf16(void)
{
    check_utf16("UTF-16LE with BOM", "UTF-16LE", "\xFF\xFE", 2, VN_ENC_UTF16LE);
    check_utf16("UTF-16BE with BOM", "UTF-16BE", "\xFE\xFF", 2, VN_ENC_UTF16BE);
    check_utf16("UTF-16LE without BOM", "UTF-16LE", "", 0, VN_ENC_UTF16LE);
    check_utf16("UTF-16BE without BOM", "UTF-16BE", "", 0, VN_ENC_UTF16BE);

    /* an odd last byte, a lone surrogate, a character beyond the BMP */
    const char odd[] = "\xFF\xFE" "A\0" "\x00\xD8" "B\0" "\x3D\xD8\x00\xDE" "C\0" "D";
    decoded r = decode(odd, sizeof odd - 1);
    is_long(r.st, VNPLAN_OK, "UTF-16 with odd length and a lone surrogate: accepted");
    is_str(r.d.s, "A\xEF\xBF\xBD" "B\xF0\x9F\x98\x80" "C\xEF\xBF\xBD",
           "UTF-16: lone surrogate and odd byte become U+FFFD, the pair becomes U+1F600");
    ok(r.d.flags & VN_TEXT_HAD_INVALID, "UTF-16 damage: flagged");
    is_long((long)vn_decoded_orig_offset(&r.d, 4), 6, "UTF-16: 'B' after the lone surrogate is at byte 6");
    is_long((long)vn_decoded_orig_offset(&r.d, 9), 12, "UTF-16: 'C' after the surrogate pair is at byte 12");
    is_long((long)vn_decoded_orig_offset(&r.d, 10), 14, "UTF-16: the odd byte is at byte 14");
    vn_decoded_free(&r.d);
}

static void test_utf32(void)
{
    const char le[] = "\xFF\xFE\0\0" "H\0\0\0" "\xD3\x1E\0\0" "a\0\0\0";
    decoded r = decode(le, sizeof le - 1);
    is_long(r.st, VNPLAN_OK, "UTF-32LE with BOM: accepted");
    is_str(r.d.s, "Hồa", "UTF-32LE: decoded");
    is_str(vn_encoding_name(r.d.enc), "utf-32le", "UTF-32LE: named");
    is_long((long)vn_decoded_orig_offset(&r.d, 4), 12, "UTF-32LE: 'a' is at byte 12");
    vn_decoded_free(&r.d);
    const char be[] = "\0\0\xFE\xFF" "\0\0\0H" "\0\0\x1E\xD3";
    r = decode(be, sizeof be - 1);
    is_str(r.st == VNPLAN_OK ? r.d.s : NULL, "Hồ", "UTF-32BE with BOM: decoded");
    vn_decoded_free(&r.d);
}

/* ---- legacy encodings ----------------------------------------------------------------- */

static void check_legacy_text(const char *what, const char *charset, vn_encoding want, const char *text)
{
    size_t n = strlen(text), k;
    char *bytes = convert(charset, text, n, &k);
    char msg[160];
    snprintf(msg, sizeof msg, "%s: iconv can write the test text", what);
    if (!ok(bytes != NULL, "%s", msg))
        return;
    decoded r = decode(bytes, k);
    snprintf(msg, sizeof msg, "%s: accepted", what);
    is_long(r.st, VNPLAN_OK, msg);
    snprintf(msg, sizeof msg, "%s: detected as %s", what, vn_encoding_name(want));
    is_str(vn_encoding_name(r.d.enc), vn_encoding_name(want), msg);
    ok(r.d.flags & VN_TEXT_HAD_LEGACY, "%s: flagged as legacy", what);
    char *c = r.st == VNPLAN_OK ? composed(&r.d) : NULL;
    snprintf(msg, sizeof msg, "%s: decodes to the text", what);
    ok(c && strcmp(c, text) == 0, "%s", msg);
    /* every character maps to its own byte in the file */
    snprintf(msg, sizeof msg, "%s: the map ends at the end of the file", what);
    is_long((long)vn_decoded_orig_offset(&r.d, r.d.len), (long)k, msg);
    ok(map_is_monotone(&r.d, k), "%s: the map never goes back", what);
    free(c);
    vn_decoded_free(&r.d);
    free(bytes);
}

static void test_legacy_from_iconv(void)
{
    check_legacy_text("Windows-1258", "CP1258", VN_ENC_CP1258, SAMPLE);
    check_legacy_text("TCVN3", "TCVN5712-1", VN_ENC_TCVN3, SAMPLE);
    check_legacy_text("VISCII", "VISCII", VN_ENC_VISCII, SAMPLE);
    const char *files[] = {"ninh-binh-141-KH-UBND-1002.txt", "lang-son-1002-pdf-double-spaced.txt",
                           "lang-son-2711-word-paragraphs.txt"};
    const char *charsets[] = {"CP1258", "TCVN5712-1", "VISCII"};
    vn_encoding wants[] = {VN_ENC_CP1258, VN_ENC_TCVN3, VN_ENC_VISCII};
    for (size_t f = 0; f < 3; f++) {
        size_t n = 0;
        char *text = tu_read_in("corpus/plans/", files[f], &n);
        if (!ok(text != NULL, "corpus file %s is there", files[f]))
            continue;
        for (size_t e = 0; e < 3; e++) {
            size_t m;
            char *subset = representable_only(charsets[e], text, n, &m);
            char what[160];
            snprintf(what, sizeof what, "%s in %s", files[f], charsets[e]);
            check_legacy_text(what, charsets[e], wants[e], subset);
            free(subset);
        }
        free(text);
    }
}

/* Windows-1258 letters are a base and a combining tone: the tone byte maps
 * to the letter's first byte. */
static void test_cp1258_offsets(void)
{
    const char bytes[] = "Vi\xEA\xF2t Nam"; /* Việt: e-circumflex, then dot below */
    decoded r = decode(bytes, sizeof bytes - 1);
    is_long(r.st, VNPLAN_OK, "CP1258 \"Vi\\xEA\\xF2t\": accepted");
    char *c = composed(&r.d);
    is_str(c, "Việt Nam", "CP1258: base letter and tone byte compose to ệ");
    free(c);
    size_t t = (size_t)(strstr(r.d.s, "t Nam") - r.d.s);
    is_long((long)vn_decoded_orig_offset(&r.d, t), 4, "CP1258: 't' after the two-byte letter is byte 4");
    vn_decoded_free(&r.d);
}

static void test_tcvn3_by_hand(void)
{
    /* the famous mojibake of Cộng hòa ... as typed in TCVN3 (ABC) fonts */
    const char lower[] = "C\xE9ng h\xDF" "a x\xB7 h\xE9i ch\xF1 ngh\xDC" "a Vi\xD6t Nam";
    decoded r = decode(lower, sizeof lower - 1);
    is_str(vn_encoding_name(r.d.enc), "tcvn3", "TCVN3 \"Céng hßa x· héi\": detected");
    is_str(r.d.s, "Cộng hòa xã hội chủ nghĩa Việt Nam", "TCVN3 small letters decode (ộ ò ã ủ ĩ ệ)");
    is_long((long)vn_decoded_orig_offset(&r.d, strlen("Cộng h")), 6, "TCVN3: one byte per letter");
    vn_decoded_free(&r.d);

    /* 0xAD is ư in TCVN3, not a soft hyphen to be dropped */
    const char nguoi[] = "ng\xAD\xEAi d\xA9n v\xB5 c\xAB" "ng nh\xA9n";
    r = decode(nguoi, sizeof nguoi - 1);
    is_str(r.d.s, "người dân và công nhân", "TCVN3: byte 0xAD decodes to ư (decoding comes before any dropping)");
    vn_decoded_free(&r.d);

    /* .VnTimeH: capitals typed with the small letters' codes */
    const char heading[] = "\xF1Y BAN NH\xA9N D\xA9N T\xD8NH\n\xA7\xE9" "c l\xCBp - T\xF9 do\n"
                           "- \xF8ng d\xF4ng khoa h\xE4" "c\n";
    r = decode(heading, sizeof heading - 1);
    is_str(r.d.s,
           "ỦY BAN NHÂN DÂN TỈNH\nĐộc lập - Tự do\n- Ứng dụng khoa học\n",
           "TCVN3 capitals: a line set in capitals comes back in capitals; title case stays; "
           "a toned small letter starting an item is a capital");
    vn_decoded_free(&r.d);
}

static void test_viscii_by_hand(void)
{
    /* VISCII: ệ = 0xAE, đ = 0xF0, ã = 0xE3, ế = 0xAA, ạ = 0xD5 */
    const char bytes[] = "Vi\xAEt Nam \xF0\xE3 c\xF3 k\xAA ho\xD5" "ch";
    decoded r = decode(bytes, sizeof bytes - 1);
    is_str(vn_encoding_name(r.d.enc), "viscii", "VISCII by hand: detected");
    is_str(r.d.s, "Việt Nam đã có kế hoạch", "VISCII by hand: decoded");
    vn_decoded_free(&r.d);
}

/* An independent UTF-8 → VNI-Windows writer for the tests: a letter is its
 * base, then one byte for its diacritics. */
static void vni_put(vn_buf *b, int32_t cp)
{
    static const struct {
        int32_t cp;
        unsigned char byte;
    } own[] = {{0x111, 0xF1}, {0x110, 0xD1}, {0x1A1, 0xF4}, {0x1A0, 0xD4}, {0x1B0, 0xF6}, {0x1AF, 0xD6},
               {0xED, 0xED},  {0xCD, 0xCD},  {0xEC, 0xEC},  {0xCC, 0xCC},  {0x1EC9, 0xE6}, {0x1EC8, 0xC6},
               {0x129, 0xF3}, {0x128, 0xD3}, {0x1ECB, 0xF2}, {0x1ECA, 0xD2}, {0x1EF5, 0xEE}, {0x1EF4, 0xCE}};
    for (size_t q = 0; q < sizeof own / sizeof own[0]; q++)
        if (own[q].cp == cp) {
            vn_buf_putc(b, (char)own[q].byte);
            return;
        }
    if (cp < 0x80) {
        vn_buf_putc(b, (char)cp);
        return;
    }
    int32_t parts[4];
    int bc = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE, &bc);
    int32_t base = parts[0], mod = 0, tone = 0;
    for (utf8proc_ssize_t q = 1; q < k; q++) {
        if (parts[q] == 0x302 || parts[q] == 0x306 || parts[q] == 0x31B)
            mod = parts[q];
        else
            tone = parts[q];
    }
    bool upper = base >= 'A' && base <= 'Z';
    if (mod == 0x31B) { /* ơ ư have their own bytes; the tone follows */
        vni_put(b, (base | 0x20) == 'o' ? (upper ? 0x1A0 : 0x1A1) : (upper ? 0x1AF : 0x1B0));
        mod = 0;
    } else {
        vn_buf_putc(b, (char)base);
    }
    /* lower-case mark bytes; upper case is the same byte minus 0x20 */
    static const int32_t tones[] = {0, 0x301, 0x300, 0x309, 0x303, 0x323};
    static const unsigned char plain[] = {0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
    static const unsigned char circ[] = {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
    static const unsigned char breve[] = {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
    int t = 0;
    for (int q = 1; q < 6; q++)
        if (tones[q] == tone)
            t = q;
    unsigned char m = mod == 0x302 ? circ[t] : mod == 0x306 ? breve[t] : plain[t];
    if (m)
        vn_buf_putc(b, (char)(upper ? m - 0x20 : m));
}

static void test_vni(void)
{
    const char classic[] = "Co\xE4ng ho\xF8" "a xa\xF5 ho\xE4i chu\xFB ngh\xF3" "a Vie\xE4t Nam\n"
                           "\xD1o\xE4" "c la\xE4p - T\xF6\xEF do - Ha\xEFnh phu\xF9" "c\n"
                           "CO\xC4NG HO\xD8" "A XA\xD5 HO\xC4I CHU\xDB NGH\xD3" "A VIE\xC4T NAM\n";
    decoded r = decode(classic, sizeof classic - 1);
    is_str(vn_encoding_name(r.d.enc), "vni", "VNI \"Coäng hoøa xaõ hoäi\": detected");
    char *c = composed(&r.d);
    is_str(c,
           "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
           "VNI: the classic lines decode, in small letters and capitals");
    free(c);
    size_t nam = (size_t)(strstr(r.d.s, "Nam") - r.d.s);
    is_long((long)vn_decoded_orig_offset(&r.d, nam), (long)(strstr(classic, "Nam") - classic),
            "VNI: 'Nam' maps to its byte");
    vn_decoded_free(&r.d);

    /* the whole sample, through the writer above */
    vn_buf b = {0};
    size_t i = 0, n = strlen(SAMPLE);
    while (i < n)
        vni_put(&b, vn_utf8_next(SAMPLE, n, &i));
    r = decode(b.data, b.len);
    is_str(vn_encoding_name(r.d.enc), "vni", "VNI sample: detected");
    c = composed(&r.d);
    ok(c && strcmp(c, SAMPLE) == 0, "VNI sample: decodes to the text");
    free(c);
    ok(map_is_monotone(&r.d, b.len), "VNI sample: the map never goes back");
    vn_decoded_free(&r.d);
    vn_buf_free(&b);
}

/* ---- refusals ---------------------------------------------------------------------------- */

static void check_refused(const char *what, const void *bytes, size_t n, vnplan_status want, const char *words)
{
    decoded r = decode(bytes, n);
    char msg[200];
    snprintf(msg, sizeof msg, "%s: refused with status %d", what, (int)want);
    is_long(r.st, want, msg);
    snprintf(msg, sizeof msg, "%s: the message says \"%s\"", what, words);
    if (!ok(contains(r.err.msg, words), "%s", msg))
        diag("message: %s", r.err.msg);
    ok(r.d.s == NULL && r.d.runs == NULL, "%s: nothing left to free", what);
}

static void test_refusals(void)
{
    check_refused("empty file", "", 0, VNPLAN_ERR_EMPTY, "empty file");
    check_refused("UTF-8 BOM alone", "\xEF\xBB\xBF", 3, VNPLAN_ERR_EMPTY, "only a byte-order mark");
    check_refused("UTF-16LE BOM alone", "\xFF\xFE", 2, VNPLAN_ERR_EMPTY, "only a byte-order mark");
    check_refused("UTF-16BE BOM alone", "\xFE\xFF", 2, VNPLAN_ERR_EMPTY, "only a byte-order mark");
    check_refused("UTF-32 BOM alone", "\0\0\xFE\xFF", 4, VNPLAN_ERR_EMPTY, "only a byte-order mark");

    const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    check_refused("PDF", pdf, sizeof pdf - 1, VNPLAN_ERR_BINARY, "a PDF file, not plain text");
    check_refused("PDF", pdf, sizeof pdf - 1, VNPLAN_ERR_BINARY, "--from pdf");
    const char docx[] = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0\0\0\x13\0\0\0"
                        "[Content_Types].xml ... PK\x03\x04 word/document.xml";
    check_refused("DOCX", docx, sizeof docx - 1, VNPLAN_ERR_BINARY, "a ZIP archive (a Word .docx");
    check_refused("DOCX", docx, sizeof docx - 1, VNPLAN_ERR_BINARY, "--from docx");
    const char odt[] = "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0"
                       "mimetypeapplication/vnd.oasis.opendocument.text";
    check_refused("ODT", odt, sizeof odt - 1, VNPLAN_ERR_BINARY, "OpenDocument .odt");
    const char zip[] = "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x05\0\0\0data1";
    check_refused("other ZIP", zip, sizeof zip - 1, VNPLAN_ERR_BINARY, "not a document vnplan reads");
    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
    check_refused("DOC (OLE2)", ole, sizeof ole - 1, VNPLAN_ERR_BINARY, ".doc/.xls");
    const char rtf[] = "{\\rtf1\\ansi K\\'ea ho\\u7841?ch}";
    check_refused("RTF", rtf, sizeof rtf - 1, VNPLAN_ERR_BINARY, "RTF document");
    check_refused("PNG", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, VNPLAN_ERR_BINARY, "PNG image");
    check_refused("JPEG", "\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11, VNPLAN_ERR_BINARY, "JPEG image");
    check_refused("gzip", "\x1F\x8B\x08\0\0\0\0\0\0\x03", 10, VNPLAN_ERR_BINARY, "gunzip");
    check_refused("ELF", "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16, VNPLAN_ERR_BINARY, "ELF");

    char nul[64];
    memset(nul, 'a', sizeof nul);
    nul[10] = nul[30] = '\0';
    check_refused("text with NUL bytes", nul, sizeof nul, VNPLAN_ERR_BINARY, "binary data, not text");
    unsigned char ctl[200];
    for (size_t k = 0; k < sizeof ctl; k++)
        ctl[k] = (unsigned char)(k % 3 ? 'x' : 0x01 + k % 7);
    check_refused("control characters", ctl, sizeof ctl, VNPLAN_ERR_BINARY, "binary data, not text");

    /* Latin-1 French: neither UTF-8 nor any Vietnamese encoding */
    const char french[] = "Le d\xE9" "veloppement \xE9" "conomique fran\xE7" "ais, la qualit\xE9"
                          " de l'\xE9" "ducation, les r\xE9" "gions d\xE9" "favoris\xE9" "es et l'\xE9"
                          "nergie \xE0" " bas co\xFB" "t.";
    check_refused("Latin-1 French", french, sizeof french - 1, VNPLAN_ERR_ENCODING, "not UTF-8");
    check_refused("Latin-1 French", french, sizeof french - 1, VNPLAN_ERR_ENCODING, "iconv -f");
}

/* A few stray bytes in ASCII text, which no encoding explains, are replaced
 * rather than refused. */
static void test_stray_bytes(void)
{
    const char text[] = "Plan 141/KH-UBND \x81 dated 2025\n";
    decoded r = decode(text, sizeof text - 1);
    is_long(r.st, VNPLAN_OK, "one stray byte in ASCII text: accepted");
    ok(r.d.flags & VN_TEXT_HAD_INVALID, "one stray byte: flagged");
    vn_decoded_free(&r.d);
}

/* ---- garbage --------------------------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void) { return tu_xorshift64(&rng_state); }

static void test_garbage(void)
{
    size_t n = strlen(SAMPLE), trials = 3000, crashes = 0, bad_maps = 0;
    unsigned char buf[2048];
    for (size_t t = 0; t < trials; t++) {
        size_t len = rnd() % sizeof buf;
        if (t % 3 == 0) { /* pure noise */
            for (size_t k = 0; k < len; k++)
                buf[k] = (unsigned char)rnd();
        } else { /* the sample with some bytes changed, and maybe a mark in front */
            len = n < sizeof buf ? n : sizeof buf;
            memcpy(buf, SAMPLE, len);
            for (int k = rnd() % 8; k > 0; k--)
                buf[rnd() % len] = (unsigned char)rnd();
            if (t % 5 == 0)
                memcpy(buf, t % 2 ? "\xFF\xFE" : "\xFE\xFF", 2);
            len = rnd() % (len + 1);
        }
        decoded r = decode(buf, len);
        if (r.st == VNPLAN_OK) {
            size_t i = 0;
            while (i < r.d.len) { /* the output is always valid UTF-8 */
                size_t at = i;
                int32_t cp = vn_utf8_next(r.d.s, r.d.len, &i);
                if (cp == 0xFFFD && i == at + 1)
                    crashes++;
            }
            if (!map_is_monotone(&r.d, len) || vn_decoded_orig_offset(&r.d, r.d.len) > len)
                bad_maps++;
        } else if (r.err.msg[0] == '\0') {
            crashes++;
        }
        vn_decoded_free(&r.d);
    }
    is_long((long)crashes, 0, "garbage: every output is valid UTF-8 and every refusal has a message");
    is_long((long)bad_maps, 0, "garbage: every offset map is monotone and stays inside the file");
}

int main(void)
{
    test_utf8();
    test_utf8_with_a_few_bad_bytes();
    test_utf16();
    test_utf32();
    test_legacy_from_iconv();
    test_cp1258_offsets();
    test_tcvn3_by_hand();
    test_viscii_by_hand();
    test_vni();
    test_refusals();
    test_stray_bytes();
    test_garbage();
    return done();
}
