/* read.c — the read stage: a file's bytes → UTF-8, with a map back to the bytes.
 *
 * The decisions, in order (docs/encodings.md explains them for users):
 *   1. nothing at all → refused as empty;
 *   2. a known binary or container format (PDF, ZIP/DOCX/ODT, OLE2/DOC, RTF,
 *      images, archives, executables) → refused, saying what to do instead;
 *   3. a byte-order mark → UTF-32, UTF-16 or UTF-8, as it says;
 *   4. no mark, but every other byte zero → UTF-16 in that byte order;
 *   5. NUL bytes or many control characters → refused as binary;
 *   6. valid UTF-8 → used in place, no copy; UTF-8 with a handful of bad
 *      bytes → each bad byte becomes U+FFFD;
 *   7. otherwise the legacy Vietnamese 8-bit encodings are tried (Windows-1258,
 *      TCVN3, VNI, VISCII) and the one whose output reads most like Vietnamese
 *      wins; when none does, the file is refused.
 *
 * Every decoded byte keeps a link to the bytes it came from (vn_offrun runs,
 * counted per character rather than stored per byte), so spans reported
 * later point into the file the user has, whatever its encoding. */
#define _DEFAULT_SOURCE /* madvise, where the system has it */
#include "text.h"
#include "utf8.h"
#include "i18n.h"

#include <iconv.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <utf8proc.h>

/* ---- limits, each named so it can be found and argued about ---------------- */

/* How far into a ZIP archive we look for the member names that tell a Word
 * document from an OpenDocument text or a workbook. */
#define ZIP_SNIFF_BYTES 65536
/* UTF-16 without a byte-order mark is recognised from this much of the file. */
#define UTF16_SNIFF_BYTES 65536
/* Legacy encodings are scored on this much of the file: plenty of words. */
#define LEGACY_SAMPLE_BYTES (1u << 20)
/* A legacy decoding must turn at least this share of the words it touches
 * into well-formed Vietnamese syllables to be believed. */
#define LEGACY_MIN_SCORE 0.6
/* Invalid UTF-8 is repaired (U+FFFD) rather than re-guessed when there is at
 * most one bad byte per this many good multi-byte characters. */
#define UTF8_REPAIR_RATIO 50
/* ...or, in text with no good multi-byte character at all, when there are
 * this few bad bytes and no legacy encoding explains them. */
#define UTF8_REPAIR_STRAYS 4
/* Binary: more NUL characters than one per this many bytes ... */
#define BINARY_NUL_PER 1000
/* ... or more control characters than one per this many bytes. */
#define BINARY_CONTROL_PER 50
/* Decoded text is indexed with 32-bit offsets. */
#define DECODED_MAX ((size_t)UINT32_MAX - 8)

/* ---- the offset map ------------------------------------------------------- */

static size_t count_code_points(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* UTF-16 code units: one per character, two for those beyond the BMP (whose
 * UTF-8 form starts with a byte >= 0xF0). */
static size_t count_utf16_units(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        count += ((c & 0xC0) != 0x80) + (c >= 0xF0);
    }
    return count;
}

static int popcount64(uint64_t x)
{
    int count = 0;
    for (; x; x &= x - 1)
        count++;
    return count;
}

static size_t count_byte(const char *s, size_t n, char c)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i] == c;
    return count;
}

/* Length in UTF-8 of the canonical decomposition of s[0..n). */
static size_t nfd_length(const char *s, size_t n)
{
    size_t len = 0, i = 0;
    while (i < n) {
        size_t at = i;
        int32_t cp = vn_utf8_next(s, n, &i);
        if (cp < 0x80) {
            len++;
            continue;
        }
        int32_t parts[8];
        int boundclass = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &boundclass);
        if (k < 1 || k > 8) {
            len += i - at;
            continue;
        }
        for (utf8proc_ssize_t q = 0; q < k; q++) {
            char u[4];
            len += (size_t)vn_utf8_encode(parts[q], u);
        }
    }
    return len;
}

vn_offrun *vn_offrun_push(vn_offrun **runs, size_t *n, size_t *cap, size_t norm, size_t nlen, size_t orig,
                          size_t olen, unsigned step)
{
    vn_offrun *r = &VN_PUSH(*runs, *n, *cap);
    r->norm = (uint32_t)norm;
    r->nlen = (uint32_t)nlen;
    r->orig = (uint32_t)orig;
    r->olen = (uint32_t)olen;
    r->step = step;
    r->wide = 0;
    return r;
}

size_t vn_offrun_map(const vn_offrun *r, const char *s, size_t k)
{
    size_t end = (size_t)r->orig + r->olen;
    if (k <= r->norm)
        return r->orig;
    if (k >= (size_t)r->norm + r->nlen)
        return end;
    if (r->step != VN_STEP_BYTE && r->step != VN_STEP_LUMP && r->step != VN_STEP_CRLF)
        while (k > r->norm && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--; /* inside a character: its start */
    size_t d = k - r->norm, o;
    switch (r->step) {
    case VN_STEP_BYTE:
        o = r->orig + d;
        break;
    case VN_STEP_CHAR8: {
        size_t c = count_code_points(s + r->norm, d);
        uint64_t before = c >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << c) - 1;
        o = r->orig + c + (size_t)popcount64(r->wide & before);
        break;
    }
    case VN_STEP_UTF16:
        o = r->orig + 2 * count_utf16_units(s + r->norm, d);
        break;
    case VN_STEP_UTF32:
        o = r->orig + 4 * count_code_points(s + r->norm, d);
        break;
    case VN_STEP_NFD:
        o = r->orig + nfd_length(s + r->norm, d);
        break;
    case VN_STEP_CRLF:
        o = r->orig + d + count_byte(s + r->norm, d, '\n');
        break;
    default:
        o = r->nlen == r->olen ? r->orig + d : r->orig;
        break;
    }
    return o < end ? o : end;
}

size_t vn_decoded_orig_offset(const vn_decoded *d, size_t k)
{
    if (k > d->len)
        k = d->len;
    if (!d->runs)
        return k + d->skip;
    return vn_offruns_map(d->runs, d->nruns, d->s, k);
}

size_t vn_offruns_find(const vn_offrun *runs, size_t nruns, size_t k)
{
    size_t lo = 0, hi = nruns;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (runs[mid].norm <= k)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t vn_offruns_map(const vn_offrun *runs, size_t nruns, const char *s, size_t k)
{
    return vn_offrun_map(&runs[vn_offruns_find(runs, nruns, k)], s, k);
}

/* Appends a run, merging it into the previous one when it simply continues
 * it: same step, adjacent on both sides, and (for the counting steps) still
 * short enough to scan. */
static void push_run(vn_decoded *d, size_t norm, size_t nlen, size_t orig, size_t olen, unsigned step)
{
    if (d->nruns) {
        vn_offrun *last = &d->runs[d->nruns - 1];
        bool adjacent = vn_offrun_continues(last, norm, orig);
        bool mergeable = (step == VN_STEP_BYTE || step == VN_STEP_UTF16 || step == VN_STEP_UTF32) &&
                         last->step == step && (step == VN_STEP_BYTE || last->nlen + nlen <= VN_RUN_MAX_COUNTED);
        if (adjacent && mergeable) {
            last->nlen += (uint32_t)nlen;
            last->olen += (uint32_t)olen;
            return;
        }
    }
    vn_offrun_push(&d->runs, &d->nruns, &d->capruns, norm, nlen, orig, olen, step);
}

/* One decoded character: its UTF-8 bytes appended to out, and its source
 * bytes [orig, orig+olen) recorded with the given step (or as a lump when the
 * step does not describe it). */
static void put_char(vn_decoded *d, vn_buf *out, int32_t cp, size_t orig, size_t olen, unsigned step)
{
    char u[4];
    int k = vn_utf8_encode(cp, u);
    size_t at = out->len;
    vn_buf_put(out, u, (size_t)k);
    push_run(d, at, (size_t)k, orig, olen, step);
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* An empty output buffer with room for cap bytes and a NUL. */
static void start_output(vn_buf *out, size_t cap)
{
    out->data = vn_alloc_big(cap + 1);
    out->cap = cap + 1;
    out->len = 0;
}

/* ---- formats that are not text ----------------------------------------------- */

static bool starts_with(const unsigned char *p, size_t n, const char *magic, size_t len)
{
    return n >= len && memcmp(p, magic, len) == 0;
}


static const char *zip_kind(const unsigned char *p, size_t n)
{
    size_t look = n < ZIP_SNIFF_BYTES ? n : ZIP_SNIFF_BYTES;
    /* reached only when the file was given to be read as text (--from txt) */
    if (vn_mem_contains(p, look, "mimetypeapplication/vnd.oasis.opendocument.text"))
        return N_("a ZIP archive (an OpenDocument .odt text), not plain text: read it as such (--from odt)");
    if (vn_mem_contains(p, look, "word/"))
        return N_("a ZIP archive (a Word .docx document), not plain text: read it as such (--from docx)");
    if (vn_mem_contains(p, look, "xl/") || vn_mem_contains(p, look, "opendocument.spreadsheet"))
        return N_("a ZIP archive (a spreadsheet, .xlsx/.ods), not a text document");
    if (vn_mem_contains(p, look, "ppt/") || vn_mem_contains(p, look, "opendocument.presentation"))
        return N_("a ZIP archive (a presentation, .pptx/.odp), not a text document");
    return N_("a ZIP archive, not a document vnplan reads (DOCX and ODT are)");
}

/* A format recognised by its first bytes, described with what to do. */
static const char *binary_format(const unsigned char *p, size_t n)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } formats[] = {
        {"%PDF-", 5, N_("a PDF file, not plain text: read it as such (--from pdf)")},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
         N_("an old Microsoft Office file (.doc/.xls, OLE2): convert it to .docx first, e.g. soffice --headless --convert-to docx FILE")},
        {"{\\rtf", 5, N_("an RTF document: convert it to .docx first, e.g. soffice --headless --convert-to docx FILE")},
        {"\xFFWPC", 4, N_("a WordPerfect document: convert it to .docx first, e.g. soffice --headless --convert-to docx FILE")},
        {"%!PS", 4, N_("a PostScript file: convert it to PDF and extract the text, e.g. ps2pdf FILE "
                    "then pdftotext -layout")},
        {"\x89PNG\r\n\x1A\n", 8, N_("a PNG image, not text: run OCR first, e.g. tesseract FILE out -l vie")},
        {"\xFF\xD8\xFF", 3, N_("a JPEG image, not text: run OCR first, e.g. tesseract FILE out -l vie")},
        {"GIF87a", 6, N_("a GIF image, not text")},
        {"GIF89a", 6, N_("a GIF image, not text")},
        {"II*\0", 4, N_("a TIFF image, not text: run OCR first, e.g. tesseract FILE out -l vie")},
        {"MM\0*", 4, N_("a TIFF image, not text: run OCR first, e.g. tesseract FILE out -l vie")},
        {"\x1F\x8B", 2, N_("gzip-compressed data: decompress it first (gunzip)")},
        {"BZh", 3, N_("bzip2-compressed data: decompress it first (bunzip2)")},
        {"\xFD" "7zXZ\0", 6, N_("xz-compressed data: decompress it first (unxz)")},
        {"\x28\xB5\x2F\xFD", 4, N_("zstd-compressed data: decompress it first (unzstd)")},
        {"7z\xBC\xAF\x27\x1C", 6, N_("a 7-Zip archive: unpack it first")},
        {"Rar!\x1A\x07", 6, N_("a RAR archive: unpack it first")},
        {"\x7F" "ELF", 4, N_("an ELF executable or library, not text")},
        {"\xCF\xFA\xED\xFE", 4, N_("a Mach-O executable, not text")},
        {"\xCA\xFE\xBA\xBE", 4, N_("a Mach-O or Java class file, not text")},
        {"SQLite format 3", 16, N_("an SQLite database, not text")},
        {"\0asm", 4, N_("a WebAssembly module, not text")},
    };
    if (starts_with(p, n, "PK\x03\x04", 4) || starts_with(p, n, "PK\x05\x06", 4) ||
        starts_with(p, n, "PK\x07\x08", 4))
        return zip_kind(p, n);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (starts_with(p, n, formats[i].magic, formats[i].len))
            return formats[i].what;
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return N_("a WebP image, not text");
    /* "BM" and "MZ" also start ordinary words: check the header's own fields. */
    if (n >= 26 && p[0] == 'B' && p[1] == 'M' &&
        ((size_t)p[2] | (size_t)p[3] << 8 | (size_t)p[4] << 16 | (size_t)p[5] << 24) == n)
        return N_("a BMP image, not text");
    if (n >= 64 && p[0] == 'M' && p[1] == 'Z') {
        size_t pe = (size_t)p[60] | (size_t)p[61] << 8 | (size_t)p[62] << 16 | (size_t)p[63] << 24;
        if (pe + 4 <= n && memcmp(p + pe, "PE\0\0", 4) == 0)
            return N_("a Windows executable, not text");
    }
    /* A PDF may have a few bytes of junk before its header. */
    if (vn_mem_contains(p, n < 1024 ? n : 1024, "%PDF-1.") || vn_mem_contains(p, n < 1024 ? n : 1024, "%PDF-2."))
        return N_("a PDF file, not plain text: read it as such (--from pdf)");
    return NULL;
}

/* Control characters that text does not contain: C0 except TAB, LF, VT, FF,
 * CR, SUB (a DOS end-of-file mark) and ESC; DEL; C1 except NEL. */
static bool is_binary_control(int32_t cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\v' && cp != '\f' && cp != '\r' && cp != 0x1A &&
               cp != 0x1B;
    return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85);
}

/* Refuses decoded text that is mostly not text. */
static vnplan_status check_not_binary(size_t nuls, size_t controls, size_t n, vn_error *err)
{
    if (nuls > n / BINARY_NUL_PER)
        return vn_fail(err, VNPLAN_ERR_BINARY, "binary data, not text (%zu NUL bytes)", nuls);
    if (controls + nuls > n / BINARY_CONTROL_PER)
        return vn_fail(err, VNPLAN_ERR_BINARY, "binary data, not text (%zu control characters in %zu bytes)",
                       controls + nuls, n);
    return VNPLAN_OK;
}

static vnplan_status check_decoded_not_binary(const char *s, size_t len, vn_error *err)
{
    size_t nuls = 0, controls = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            nuls++;
        else if (c < 0x20 || c == 0x7F)
            controls += is_binary_control(c);
        else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
            controls += (unsigned char)s[i + 1] != 0x85;
    }
    return check_not_binary(nuls, controls, len, err);
}

/* ---- UTF-8 ------------------------------------------------------------------- */

typedef struct utf8_stats {
    size_t invalid;       /* bytes that start no valid sequence */
    size_t first_invalid; /* offset of the first */
    size_t multibyte;     /* valid sequences of 2-4 bytes */
    size_t nuls, controls;
} utf8_stats;

/* 1 for the ASCII control characters text does not contain (see
 * is_binary_control), so that counting them costs no branch. */
static const uint8_t ascii_binary_control[128] = {
    [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1,
    [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
    [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    [0x7F] = 1,
};

/* Validates and counts in one pass.  The two- and three-byte forms that
 * Vietnamese text is made of (U+0080–U+07FF, U+1000–U+CFFF: no overlong or
 * surrogate form is possible there) are checked inline; the rest goes
 * through the full decoder. */
static void utf8_scan(const unsigned char *p, size_t n, utf8_stats *st)
{
    size_t i = 0, nuls = 0, controls = 0, multibyte = 0;
    memset(st, 0, sizeof *st);
    while (i < n) {
        unsigned c = p[i];
        if (c - 0x20u < 0x5Fu) { /* printable ASCII: nothing to count */
            i++;
            continue;
        }
        if (c < 0x80) {
            nuls += c == 0;
            controls += ascii_binary_control[c];
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            controls += c == 0xC2 && p[i + 1] <= 0x9F && p[i + 1] != 0x85; /* C1 controls */
            multibyte++;
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            multibyte++;
            i += 3;
            continue;
        }
        size_t at = i;
        int32_t cp = vn_utf8_next((const char *)p, n, &i);
        if (cp == 0xFFFD && i == at + 1) {
            if (!st->invalid)
                st->first_invalid = at;
            st->invalid++;
        } else {
            multibyte++;
        }
    }
    st->nuls = nuls;
    st->controls = controls;
    st->multibyte = multibyte;
}

/* UTF-8 with a few bad bytes: each bad byte becomes U+FFFD. */
static void decode_utf8_repairing(const unsigned char *p, size_t n, size_t skip, vn_decoded *d, vn_buf *out)
{
    start_output(out, n - skip + 64);
    size_t i = skip, good = skip;
    while (i < n) {
        size_t at = i;
        int32_t cp = vn_utf8_next((const char *)p, n, &i);
        if (!(cp == 0xFFFD && i == at + 1))
            continue;
        if (at > good) {
            push_run(d, out->len, at - good, good, at - good, VN_STEP_BYTE);
            vn_buf_put(out, p + good, at - good);
        }
        push_run(d, out->len, 3, at, 1, VN_STEP_LUMP);
        vn_buf_put(out, REPLACEMENT, 3);
        good = i;
        d->flags |= VN_TEXT_HAD_INVALID;
    }
    if (n > good) {
        push_run(d, out->len, n - good, good, n - good, VN_STEP_BYTE);
        vn_buf_put(out, p + good, n - good);
    }
}

/* ---- UTF-16 and UTF-32 -----------------------------------------------------------
 * Decoded here rather than with iconv: every character needs its source
 * offset, and a lone surrogate or an odd last byte must become U+FFFD while
 * decoding goes on — iconv's bulk interface gives neither. */

static unsigned read_u16(const unsigned char *p, bool big_endian)
{
    return big_endian ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/* Appends cp's UTF-8 form to out, which has room. */
static void put_utf8(vn_buf *out, int32_t cp)
{
    out->len += (size_t)vn_utf8_encode(cp, out->data + out->len);
}

static void decode_utf16(const unsigned char *p, size_t n, size_t skip, bool big_endian, vn_decoded *d,
                         vn_buf *out)
{
    start_output(out, (n - skip) / 2 * 3 + 8); /* 3 bytes of UTF-8 at most per 2 bytes of UTF-16 */
    size_t i = skip, run_norm = 0, run_orig = skip;
    while (i + 2 <= n) {
        unsigned u = read_u16(p + i, big_endian);
        if (u < 0xD800 || u > 0xDFFF) { /* the common case: one unit, one character, one counted run */
            put_utf8(out, (int32_t)u);
            i += 2;
            if (out->len - run_norm >= VN_RUN_MAX_COUNTED - 3) {
                push_run(d, run_norm, out->len - run_norm, run_orig, i - run_orig, VN_STEP_UTF16);
                run_norm = out->len;
                run_orig = i;
            }
            continue;
        }
        if (out->len > run_norm)
            push_run(d, run_norm, out->len - run_norm, run_orig, i - run_orig, VN_STEP_UTF16);
        unsigned lo = i + 4 <= n ? read_u16(p + i + 2, big_endian) : 0;
        if (u <= 0xDBFF && lo >= 0xDC00 && lo <= 0xDFFF) {
            int32_t cp = 0x10000 + (int32_t)((u - 0xD800) << 10 | (lo - 0xDC00));
            vn_buf_reserve(out, 4);
            put_char(d, out, cp, i, 4, VN_STEP_UTF16);
            i += 4;
        } else { /* a surrogate without its partner */
            vn_buf_reserve(out, 4);
            put_char(d, out, 0xFFFD, i, 2, VN_STEP_UTF16);
            d->flags |= VN_TEXT_HAD_INVALID;
            i += 2;
        }
        run_norm = out->len;
        run_orig = i;
    }
    if (out->len > run_norm)
        push_run(d, run_norm, out->len - run_norm, run_orig, i - run_orig, VN_STEP_UTF16);
    if (i < n) { /* an odd last byte */
        put_char(d, out, 0xFFFD, i, n - i, VN_STEP_LUMP);
        d->flags |= VN_TEXT_HAD_INVALID;
    }
}

static void decode_utf32(const unsigned char *p, size_t n, size_t skip, bool big_endian, vn_decoded *d,
                         vn_buf *out)
{
    start_output(out, (n - skip) + 8);
    size_t i = skip;
    for (; i + 4 <= n; i += 4) {
        uint32_t u = big_endian ? (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3]
                                : (uint32_t)p[i + 3] << 24 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 1] << 8 | p[i];
        if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
            u = 0xFFFD;
            d->flags |= VN_TEXT_HAD_INVALID;
        }
        put_char(d, out, (int32_t)u, i, 4, VN_STEP_UTF32);
    }
    if (i < n) {
        put_char(d, out, 0xFFFD, i, n - i, VN_STEP_LUMP);
        d->flags |= VN_TEXT_HAD_INVALID;
    }
}

/* Text in UTF-16 without a byte-order mark shows itself by a zero in every
 * other byte (the high byte of ASCII and of Latin letters), and almost none in
 * the other half.  Returns 1 for little endian, 2 for big endian, 0 for no. */
static int sniff_utf16(const unsigned char *p, size_t n)
{
    size_t look = (n < UTF16_SNIFF_BYTES ? n : UTF16_SNIFF_BYTES) & ~(size_t)1;
    size_t pairs = look / 2, zero_even = 0, zero_odd = 0;
    if (pairs < 2)
        return 0;
    for (size_t i = 0; i < look; i += 2) {
        zero_even += p[i] == 0;
        zero_odd += p[i + 1] == 0;
    }
    if (zero_odd * 10 >= pairs * 4 && zero_even * 20 <= pairs)
        return 1;
    if (zero_even * 10 >= pairs * 4 && zero_odd * 20 <= pairs)
        return 2;
    return 0;
}

/* ---- legacy 8-bit encodings ---------------------------------------------------- */

/* What one byte decodes to: up to two code points (VNI's combined marks). */
typedef struct byte_table {
    int32_t cp[256][2];
    uint8_t ncp[256];     /* 0: the byte means nothing in this encoding */
    bool combining[256];  /* the byte is only marks (a tone byte), set by mark_combining */
} byte_table;

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

static void tcvn3_restore_capitals(char *s, size_t len)
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
        push_run(d, r->norm, out->len - r->norm, r->orig, orig_now - r->orig, VN_STEP_CHAR8);
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

static int32_t compose_with_byte(const byte_table *t, composed_memo *memo, int32_t letter, unsigned b)
{
    composed_memo *m = &memo[((uint32_t)letter * 31u + b) % COMPOSED_SLOTS];
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
static void decode_legacy(const byte_table *t, const unsigned char *p, size_t n, vn_decoded *d, vn_buf *out)
{
    start_output(out, n + n / 2 + 8);
    legacy_run r = {0, 0, 0, 0, 0, -1};
    composed_memo *memo = vn_xcalloc(COMPOSED_SLOTS, sizeof *memo);
    for (size_t i = 0; i < n; i++) {
        unsigned b = p[i];
        if (t->combining[b] && r.last >= 0 && !(r.wide >> (r.cps - 1) & 1)) {
            int32_t c = compose_with_byte(t, memo, r.last, b);
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
            push_run(d, at, out->len - at, i, 1, VN_STEP_LUMP);
            legacy_flush(d, out, &r, i + 1);
        }
    }
    legacy_flush(d, out, &r, n);
    free(memo);
}

/* Scores every legacy encoding on a sample and returns the best one's index,
 * or -1 when none reads as Vietnamese. */
static int pick_legacy(const unsigned char *p, size_t n, byte_table *best_table, double *best_score)
{
    size_t sample = n < LEGACY_SAMPLE_BYTES ? n : LEGACY_SAMPLE_BYTES;
    byte_table *t = vn_xmalloc(sizeof *t);
    int best = -1;
    *best_score = 0;
    for (size_t e = 0; e < NLEGACY; e++) {
        if (!legacy_table(&legacies[e], t))
            continue;
        legacy_score sc = score_legacy(t, p, sample);
        double s = score_value(sc);
        if (score_believable(sc) && (best < 0 || s > *best_score + 1e-9)) {
            *best_score = s;
            best = (int)e;
            *best_table = *t;
        }
    }
    free(t);
    return best;
}

/* ---- the stage ------------------------------------------------------------------------ */

static vnplan_status finish_owned(vn_decoded *d, vn_buf *out, vn_error *err)
{
    if (out->len > DECODED_MAX) {
        vn_buf_free(out);
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "decodes to more than 4 GiB of text");
    }
    vn_buf_cstr(out);
    d->s = out->data;
    d->len = out->len;
    d->owned = true;
    return check_decoded_not_binary(d->s, d->len, err);
}

static vnplan_status decode_bom(const unsigned char *p, size_t n, vn_decoded *d, vn_error *err, bool *handled)
{
    static const struct {
        const char *bom;
        size_t len;
        vn_encoding enc;
    } boms[] = {
        /* UTF-32 first: its little-endian mark starts like UTF-16's */
        {"\x00\x00\xFE\xFF", 4, VN_ENC_UTF32BE}, {"\xFF\xFE\x00\x00", 4, VN_ENC_UTF32LE},
        {"\xEF\xBB\xBF", 3, VN_ENC_UTF8_BOM},    {"\xFF\xFE", 2, VN_ENC_UTF16LE},
        {"\xFE\xFF", 2, VN_ENC_UTF16BE},
    };
    *handled = false;
    for (size_t b = 0; b < sizeof boms / sizeof boms[0]; b++) {
        size_t len = boms[b].len;
        if (!starts_with(p, n, boms[b].bom, len))
            continue;
        if (len == 4 && (n - 4) % 4 != 0) /* "FF FE 00 00" then odd sizes: UTF-16 and a NUL */
            continue;
        *handled = true;
        d->enc = boms[b].enc;
        d->flags |= VN_TEXT_HAD_BOM;
        d->skip = len;
        if (n == len)
            return vn_fail(err, VNPLAN_ERR_EMPTY, "empty file (only a byte-order mark)");
        if (d->enc == VN_ENC_UTF8_BOM)
            return VNPLAN_OK; /* the caller goes on as for UTF-8 */
        vn_buf out = {0};
        if (d->enc == VN_ENC_UTF16LE || d->enc == VN_ENC_UTF16BE)
            decode_utf16(p, n, len, d->enc == VN_ENC_UTF16BE, d, &out);
        else
            decode_utf32(p, n, len, d->enc == VN_ENC_UTF32BE, d, &out);
        return finish_owned(d, &out, err);
    }
    return VNPLAN_OK;
}

/* Valid UTF-8 (after any mark), or not far from it. */
static vnplan_status decode_utf8_or_legacy(const unsigned char *p, size_t n, vn_decoded *d, vn_error *err)
{
    size_t skip = d->skip;
    utf8_stats st;
    utf8_scan(p + skip, n - skip, &st);
    if (st.invalid == 0) {
        vnplan_status s = check_not_binary(st.nuls, st.controls, n - skip, err);
        if (s != VNPLAN_OK)
            return s;
        d->s = (char *)p + skip; /* zero copy: the text is the file */
        d->len = n - skip;
        if (d->enc != VN_ENC_UTF8_BOM)
            d->enc = VN_ENC_UTF8;
        return VNPLAN_OK;
    }
    if (st.nuls > (n - skip) / BINARY_NUL_PER)
        return check_not_binary(st.nuls, st.controls, n - skip, err);
    bool mostly_utf8 = st.invalid * UTF8_REPAIR_RATIO <= st.multibyte;
    if (!mostly_utf8 && d->enc != VN_ENC_UTF8_BOM) {
        byte_table *t = vn_xmalloc(sizeof *t);
        double score;
        int e = pick_legacy(p, n, t, &score);
        if (e >= 0) {
            vn_buf out = {0};
            d->enc = legacies[e].enc;
            d->flags |= VN_TEXT_HAD_LEGACY;
            decode_legacy(t, p, n, d, &out);
            free(t);
            if (d->enc == VN_ENC_TCVN3)
                tcvn3_restore_capitals(out.data, out.len);
            return finish_owned(d, &out, err);
        }
        free(t);
        vnplan_status s = check_not_binary(st.nuls, st.controls, n, err);
        if (s != VNPLAN_OK)
            return s;
        if (st.invalid > UTF8_REPAIR_STRAYS)
            return vn_fail(err, VNPLAN_ERR_ENCODING,
                           "not UTF-8 (%zu bytes are invalid, the first at byte %zu) and not Vietnamese "
                           "text in Windows-1258, TCVN3, VNI or VISCII either: convert it to UTF-8 first, "
                           "e.g. iconv -f ENCODING -t UTF-8 FILE",
                           st.invalid, st.first_invalid + skip);
    }
    vn_buf out = {0};
    if (d->enc != VN_ENC_UTF8_BOM)
        d->enc = VN_ENC_UTF8;
    decode_utf8_repairing(p, n, skip, d, &out);
    if (skip) /* the mark is covered by the first run's start, not by a run */
        d->skip = 0;
    return finish_owned(d, &out, err);
}

vnplan_status vn_read_decode(const unsigned char *bytes, size_t n, vn_decoded *out, vn_error *err)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return vn_fail(err, VNPLAN_ERR_EMPTY, "empty file");
    if (n > VN_MAX_INPUT)
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "larger than the 2 GiB limit");
    vnplan_status st = VNPLAN_OK;
    const char *format = binary_format(bytes, n);
    if (format) {
        st = vn_fail(err, VNPLAN_ERR_BINARY, "%s", format);
        goto done;
    }
    bool handled;
    st = decode_bom(bytes, n, out, err, &handled);
    if (st != VNPLAN_OK || (handled && out->enc != VN_ENC_UTF8_BOM))
        goto done;
    if (!handled) {
        int utf16 = sniff_utf16(bytes, n);
        if (utf16) {
            vn_buf buf = {0};
            out->enc = utf16 == 1 ? VN_ENC_UTF16LE : VN_ENC_UTF16BE;
            decode_utf16(bytes, n, 0, utf16 == 2, out, &buf);
            st = finish_owned(out, &buf, err);
            goto done;
        }
    }
    st = decode_utf8_or_legacy(bytes, n, out, err);
done:
    if (st != VNPLAN_OK)
        vn_decoded_free(out);
    return st;
}

void vn_decoded_free(vn_decoded *d)
{
    if (d->owned)
        free(d->s);
    free(d->runs);
    memset(d, 0, sizeof *d);
}
