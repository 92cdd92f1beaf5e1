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
#include "read_legacy.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <utf8proc.h>

/* ---- limits, each named so it can be found and argued about ---------------- */

/* How far into a ZIP archive we look for the member names that tell a Word
 * document from an OpenDocument text or a workbook. */
#define ZIP_SNIFF_BYTES 65536
/* UTF-16 without a byte-order mark is recognised from this much of the file. */
#define UTF16_SNIFF_BYTES 65536
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
void vn_read_push_run(vn_decoded *d, size_t norm, size_t nlen, size_t orig, size_t olen, unsigned step)
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
    vn_read_push_run(d, at, (size_t)k, orig, olen, step);
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* An empty output buffer with room for cap bytes and a NUL. */
void vn_read_start_output(vn_buf *out, size_t cap)
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
    vn_read_start_output(out, n - skip + 64);
    size_t i = skip, good = skip;
    while (i < n) {
        size_t at = i;
        int32_t cp = vn_utf8_next((const char *)p, n, &i);
        if (!(cp == 0xFFFD && i == at + 1))
            continue;
        if (at > good) {
            vn_read_push_run(d, out->len, at - good, good, at - good, VN_STEP_BYTE);
            vn_buf_put(out, p + good, at - good);
        }
        vn_read_push_run(d, out->len, 3, at, 1, VN_STEP_LUMP);
        vn_buf_put(out, REPLACEMENT, 3);
        good = i;
        d->flags |= VN_TEXT_HAD_INVALID;
    }
    if (n > good) {
        vn_read_push_run(d, out->len, n - good, good, n - good, VN_STEP_BYTE);
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
    vn_read_start_output(out, (n - skip) / 2 * 3 + 8); /* 3 bytes of UTF-8 at most per 2 bytes of UTF-16 */
    size_t i = skip, run_norm = 0, run_orig = skip;
    while (i + 2 <= n) {
        unsigned u = read_u16(p + i, big_endian);
        if (u < 0xD800 || u > 0xDFFF) { /* the common case: one unit, one character, one counted run */
            put_utf8(out, (int32_t)u);
            i += 2;
            if (out->len - run_norm >= VN_RUN_MAX_COUNTED - 3) {
                vn_read_push_run(d, run_norm, out->len - run_norm, run_orig, i - run_orig, VN_STEP_UTF16);
                run_norm = out->len;
                run_orig = i;
            }
            continue;
        }
        if (out->len > run_norm)
            vn_read_push_run(d, run_norm, out->len - run_norm, run_orig, i - run_orig, VN_STEP_UTF16);
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
        vn_read_push_run(d, run_norm, out->len - run_norm, run_orig, i - run_orig, VN_STEP_UTF16);
    if (i < n) { /* an odd last byte */
        put_char(d, out, 0xFFFD, i, n - i, VN_STEP_LUMP);
        d->flags |= VN_TEXT_HAD_INVALID;
    }
}

static void decode_utf32(const unsigned char *p, size_t n, size_t skip, bool big_endian, vn_decoded *d,
                         vn_buf *out)
{
    vn_read_start_output(out, (n - skip) + 8);
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
        vn_byte_table *t;
        if (vn_legacy_pick(p, n, &d->enc, &t)) {
            vn_buf out = {0};
            d->flags |= VN_TEXT_HAD_LEGACY;
            vn_legacy_decode(t, p, n, d, &out);
            free(t);
            if (d->enc == VN_ENC_TCVN3)
                vn_tcvn3_restore_capitals(out.data, out.len);
            return finish_owned(d, &out, err);
        }
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
