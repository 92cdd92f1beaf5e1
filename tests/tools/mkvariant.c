/* mkvariant — writes the variants of a plan that users send, so the test
 * suite can check that each gives the same tree as the original.
 *
 *   mkvariant KIND IN OUT
 *
 * IN is UTF-8 (NFC, LF line ends, as the corpus files are).  KIND:
 *   crlf cr         line ends
 *   utf8bom         UTF-8 with a byte-order mark
 *   utf16le utf16be UTF-16 with a byte-order mark
 *   nfd             decomposed Unicode (utf8proc)
 *   newtone         the newer tone placement: hòa → hoà, thủy → thuỷ, Ủy → Uỷ, khỏe → khoẻ
 *   oldtone         the traditional one (the reverse; vn_fold with VN_FOLD_TONE)
 *   blankafter      a blank line after every line (text pasted from some PDF viewers)
 *   cp1258 tcvn3 viscii   legacy 8-bit encodings, through iconv
 *
 * Exit status 1, with a message naming the character and its line, when a
 * character cannot be written in the chosen encoding; 2 for usage and I/O
 * errors. */
#include "text.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

static int read_file(const char *path, vn_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "mkvariant: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        vn_buf_put(b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "mkvariant: %s: read error\n", path);
        return -1;
    }
    vn_buf_cstr(b);
    return 0;
}

static int write_file(const char *path, const vn_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        fprintf(stderr, "mkvariant: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- line ends -------------------------------------------------------------- */

static void replace_newlines(const vn_buf *in, vn_buf *out, const char *with)
{
    for (size_t i = 0; i < in->len; i++) {
        if (in->data[i] == '\n' && !(i > 0 && in->data[i - 1] == '\r'))
            vn_buf_puts(out, with);
        else
            vn_buf_putc(out, in->data[i]);
    }
}

/* ---- encodings ----------------------------------------------------------------- */

static size_t line_of(const vn_buf *in, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off && i < in->len; i++)
        line += in->data[i] == '\n';
    return line;
}

/* Converts one character at a time so that a character the encoding lacks
 * can be named. */
static int encode(const vn_buf *in, vn_buf *out, const char *charset)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1) {
        fprintf(stderr, "mkvariant: this iconv has no %s\n", charset);
        return 2;
    }
    size_t i = 0;
    while (i < in->len) {
        size_t at = i;
        int32_t cp = vn_utf8_next(in->data, in->len, &i);
        char *ip = in->data + at, buf[16], *op = buf;
        size_t il = i - at, ol = sizeof buf;
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
            fprintf(stderr, "mkvariant: U+%04X (\"%.*s\") on line %zu cannot be written in %s\n", (unsigned)cp,
                    (int)(i - at), in->data + at, line_of(in, at), charset);
            iconv_close(cd);
            return 1;
        }
        vn_buf_put(out, buf, (size_t)(op - buf));
    }
    iconv_close(cd);
    return 0;
}

static int utf16_with_bom(const vn_buf *in, vn_buf *out, bool big_endian)
{
    vn_buf_put(out, big_endian ? "\xFE\xFF" : "\xFF\xFE", 2);
    return encode(in, out, big_endian ? "UTF-16BE" : "UTF-16LE");
}

static int nfd(const vn_buf *in, vn_buf *out)
{
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in->data, (utf8proc_ssize_t)in->len, &d,
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
    if (n < 0) {
        fprintf(stderr, "mkvariant: not UTF-8: %s\n", utf8proc_errmsg(n));
        return 2;
    }
    vn_buf_put(out, d, (size_t)n);
    free(d);
    return 0;
}

/* ---- tone placement ---------------------------------------------------------------
 * The two rules differ only for the open syllables ending in oa, oe, uy (not
 * after q, where u is part of the consonant): the traditional rule marks the
 * first vowel (hòa), the newer one the second (hoà).  Words are handled in
 * NFD, where a tone is a mark after its vowel. */

static bool is_tone_mark(int32_t cp)
{
    return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

static bool is_vowel_base(int32_t cp)
{
    cp |= 0x20;
    return cp == 'a' || cp == 'e' || cp == 'i' || cp == 'o' || cp == 'u' || cp == 'y';
}

/* A letter in NFD: base, marks. */
typedef struct letter {
    int32_t base, mod, tone; /* mod: any non-tone mark, 0 if none */
} letter;

#define WORD_MAX 16

static bool pattern_pair(const letter *w, size_t n)
{
    if (n < 2)
        return false;
    int32_t first = w[n - 2].base | 0x20, second = w[n - 1].base | 0x20;
    if (w[n - 2].mod || w[n - 1].mod)
        return false;
    bool pair = (first == 'o' && (second == 'a' || second == 'e')) ||
                (first == 'u' && second == 'y' && !(n >= 3 && (w[n - 3].base | 0x20) == 'q'));
    if (!pair)
        return false;
    for (size_t k = 0; k + 2 < n; k++) /* only consonants before the pair */
        if (is_vowel_base(w[k].base))
            return false;
    return true;
}

static void put_word(vn_buf *out, const letter *w, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char u[4];
        int32_t parts[3] = {w[k].base, w[k].mod, w[k].tone};
        for (int q = 0; q < 3; q++)
            if (parts[q])
                vn_buf_put(out, u, (size_t)vn_utf8_encode(parts[q], u));
    }
}

static int newtone(const vn_buf *in, vn_buf *out)
{
    vn_buf d = {0}, moved = {0};
    if (nfd(in, &d) != 0)
        return 2;
    size_t i = 0;
    while (i < d.len) {
        letter w[WORD_MAX];
        size_t n = 0, start = i;
        bool ok = true;
        while (i < d.len) {
            size_t k = i;
            int32_t cp = vn_utf8_next(d.data, d.len, &k);
            bool ascii_letter = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
            bool mark = utf8proc_category(cp) == UTF8PROC_CATEGORY_MN;
            if (!ascii_letter && !mark && !vn_cp_is_letter(cp))
                break;
            if (ascii_letter || !mark) {
                if (n == WORD_MAX || !ascii_letter)
                    ok = false;
                else
                    w[n++] = (letter){cp, 0, 0};
            } else if (n > 0 && is_tone_mark(cp) && !w[n - 1].tone) {
                w[n - 1].tone = cp;
            } else if (n > 0 && !w[n - 1].mod) {
                w[n - 1].mod = cp;
            } else {
                ok = false;
            }
            i = k;
        }
        if (i == start) {
            vn_utf8_next(d.data, d.len, &i);
            vn_buf_put(&moved, d.data + start, i - start);
            continue;
        }
        if (ok && pattern_pair(w, n) && w[n - 2].tone && !w[n - 1].tone) {
            w[n - 1].tone = w[n - 2].tone;
            w[n - 2].tone = 0;
            put_word(&moved, w, n);
        } else {
            vn_buf_put(&moved, d.data + start, i - start);
        }
    }
    utf8proc_uint8_t *c = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)moved.data, (utf8proc_ssize_t)moved.len, &c,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    vn_buf_free(&d);
    vn_buf_free(&moved);
    if (n < 0)
        return 2;
    vn_buf_put(out, c, (size_t)n);
    free(c);
    return 0;
}

static int oldtone(const vn_buf *in, vn_buf *out)
{
    vn_fold(in->data, in->len, VN_FOLD_TONE, out, NULL);
    return 0;
}

/* ---- main ---------------------------------------------------------------------------- */

static int make(const char *kind, const vn_buf *in, vn_buf *out)
{
    if (strcmp(kind, "crlf") == 0)
        replace_newlines(in, out, "\r\n");
    else if (strcmp(kind, "cr") == 0)
        replace_newlines(in, out, "\r");
    else if (strcmp(kind, "blankafter") == 0)
        replace_newlines(in, out, "\n\n");
    else if (strcmp(kind, "utf8bom") == 0) {
        vn_buf_put(out, "\xEF\xBB\xBF", 3);
        vn_buf_put(out, in->data, in->len);
    } else if (strcmp(kind, "utf16le") == 0)
        return utf16_with_bom(in, out, false);
    else if (strcmp(kind, "utf16be") == 0)
        return utf16_with_bom(in, out, true);
    else if (strcmp(kind, "nfd") == 0)
        return nfd(in, out);
    else if (strcmp(kind, "newtone") == 0)
        return newtone(in, out);
    else if (strcmp(kind, "oldtone") == 0)
        return oldtone(in, out);
    else if (strcmp(kind, "cp1258") == 0)
        return encode(in, out, "CP1258");
    else if (strcmp(kind, "tcvn3") == 0)
        return encode(in, out, "TCVN5712-1");
    else if (strcmp(kind, "viscii") == 0)
        return encode(in, out, "VISCII");
    else {
        fprintf(stderr, "mkvariant: unknown kind '%s'\n", kind);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: mkvariant crlf|cr|utf8bom|utf16le|utf16be|nfd|newtone|oldtone|blankafter|"
              "cp1258|tcvn3|viscii IN OUT\n",
              stderr);
        return 2;
    }
    vn_buf in = {0}, out = {0};
    int rc = 2;
    if (read_file(argv[2], &in) != 0)
        goto done;
    rc = make(argv[1], &in, &out);
    if (rc == 0 && write_file(argv[3], &out) != 0)
        rc = 2;
done:
    vn_buf_free(&in);
    vn_buf_free(&out);
    return rc;
}
