/* test_variants.c — the same plan, sent the ways users send it, gives the
 * same tree.
 *
 * From each corpus plan the test makes the variants users send — re-wrapped
 * at other widths (with and without a blank line after every line, breaking
 * long references after a hyphen as PDF extraction does), a blank line after
 * every line, CRLF and CR line ends, UTF-8 with BOM, UTF-16LE/BE with BOM,
 * NFD, old and new tone placement, Windows-1258, TCVN3 — and checks that
 * each gives the same tree as the original: the same kinds, labels, marker
 * styles and numbers, nesting, phases, and titles (compared folded, so tone
 * placement does not matter).  For every input, original and variant, it
 * also checks that every non-blank character lies inside some leaf node's
 * span: nothing the user sent is silently dropped. */
#include "doc.h"
#include "text.h"
#include "utf8.h"
#include "tap.h"
#include "testutil.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <utf8proc.h>

static const char *const plans[] = {
    "corpus/plans/lang-son-1002-pdf-double-spaced.txt",
    "corpus/plans/lang-son-2711-word-paragraphs.txt",
    "corpus/plans/ninh-binh-141-KH-UBND-1002.txt",
};

/* ---- the tree, as the variants must reproduce it ------------------------------- */

static void skeleton(const vnplan_doc *doc, vn_buf *out)
{
    vn_buf t = {0}, k = {0};
    for (size_t i = 0; i < doc->nnodes; i++) {
        const vn_node *n = &doc->nodes[i];
        vn_buf_printf(out, "%u %s", n->depth, vn_kind_name(n->kind));
        if (n->kind == VN_KIND_FIELD)
            vn_buf_printf(out, " <%s>", vn_field_name(n->field));
        if (n->label)
            vn_buf_printf(out, " {%s}", vn_label_name(n->label));
        if (n->style)
            vn_buf_printf(out, " %s", vn_style_name(n->style));
        vn_buf_clear(&t);
        vn_render_number(doc, i, &t);
        if (t.len)
            vn_buf_printf(out, " #%s", vn_buf_cstr(&t));
        if (n->phase)
            vn_buf_printf(out, " @%u", n->phase);
        vn_buf_clear(&t);
        vn_render_span(doc, n->title, &t);
        if (t.len) {
            vn_buf_clear(&k);
            vn_fold(t.data, t.len, VN_FOLD_KEY, &k, NULL);
            vn_buf_printf(out, " | %s", vn_buf_cstr(&k));
        }
        vn_buf_putc(out, '\n');
    }
    vn_buf_free(&t);
    vn_buf_free(&k);
}

/* First differing line of two skeletons, for the message. */
static void show_difference(const char *a, const char *b)
{
    size_t line = 1;
    while (*a && *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
        if (la != lb || memcmp(a, b, la) != 0) {
            diag("node %zu differs:", line);
            diag("  original: %.*s", (int)la, a);
            diag("  variant:  %.*s", (int)lb, b);
            return;
        }
        a += la + (ea ? 1 : 0);
        b += lb + (eb ? 1 : 0);
        line++;
    }
    diag("node count differs at node %zu", line);
}

/* ---- coverage: every non-blank character inside a leaf ------------------------------ */

/* enc: 0 UTF-8 (or an 8-bit encoding: every byte a character), 1 UTF-16LE, 2 UTF-16BE */
static void check_coverage(const vnplan_doc *doc, const unsigned char *bytes, size_t n, int enc,
                           bool eight_bit, const char *what)
{
    unsigned char *covered = calloc(n + 1, 1);
    for (size_t i = 0; i < doc->nnodes; i++) {
        vnplan_span sp = vn_span_to_orig(doc, vn_node_own_span(doc, i));
        for (size_t b = sp.start; b < sp.end && b < n; b++)
            covered[b] = 1;
    }
    size_t missed = 0, first_missed = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        int32_t cp;
        if (enc == 1 || enc == 2) {
            if (i + 1 >= n)
                break;
            cp = enc == 1 ? (bytes[i] | bytes[i + 1] << 8) : (bytes[i] << 8 | bytes[i + 1]);
            i += 2;
        } else if (eight_bit) {
            cp = bytes[i] < 0x80 ? bytes[i] : 0x100; /* a letter of the legacy code page */
            i++;
        } else {
            cp = vn_utf8_next((const char *)bytes, n, &i);
        }
        if (tu_blank_cp(cp))
            continue;
        if (!covered[start]) {
            if (!missed)
                first_missed = start;
            missed++;
        }
    }
    if (!ok(missed == 0, "%s: every non-blank character lies in some node's own text", what))
        diag("%zu characters outside every node; first at byte %zu", missed, first_missed);
    free(covered);
}

/* ---- variants ------------------------------------------------------------------------ */

/* Re-wraps every logical line at `width` characters, breaking long words
 * after a hyphen as PDF extraction does; optionally a blank line after each. */
static void rewrap(const vnplan_doc *doc, size_t width, bool blank_after, vn_buf *out)
{
    vn_buf line = {0};
    for (size_t li = 0; li < doc->nllines; li++) {
        const vn_lline *ll = &doc->llines[li];
        vn_buf_clear(&line);
        vn_render_span(doc, vn_span_make(doc->plines[ll->head].start, doc->plines[ll->last].end), &line);
        const char *s = line.data ? line.data : "";
        size_t n = line.len, i = 0, col = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != ' ')
                j++;
            size_t wlen = vn_utf8_count(s + i, j - i);
            if (col > 0 && col + 1 + wlen > width) {
                /* break inside a long reference after its hyphen, if the head fits */
                const char *h = memchr(s + i, '-', j - i);
                size_t head = h ? (size_t)(h - (s + i)) + 1 : 0;
                if (h && head > 1 && head < j - i && col + 1 + head <= width) {
                    vn_buf_putc(out, ' ');
                    vn_buf_put(out, s + i, head);
                    i += head;
                    wlen = vn_utf8_count(s + i, j - i);
                }
                vn_buf_puts(out, blank_after ? "\n\n" : "\n");
                col = 0;
            } else if (col > 0) {
                vn_buf_putc(out, ' ');
                col++;
            }
            vn_buf_put(out, s + i, j - i);
            col += wlen;
            i = j;
            while (i < n && s[i] == ' ')
                i++;
        }
        vn_buf_puts(out, blank_after ? "\n\n" : "\n");
    }
    vn_buf_free(&line);
}

static void blank_after_every_line(const vn_buf *in, vn_buf *out)
{
    for (size_t i = 0; i < in->len; i++) {
        vn_buf_putc(out, in->data[i]);
        if (in->data[i] == '\n')
            vn_buf_putc(out, '\n');
    }
}

static void line_ends(const vn_buf *in, const char *eol, vn_buf *out)
{
    for (size_t i = 0; i < in->len; i++) {
        if (in->data[i] == '\n')
            vn_buf_puts(out, eol);
        else
            vn_buf_putc(out, in->data[i]);
    }
}

static void utf16(const vn_buf *in, bool big_endian, vn_buf *out)
{
    unsigned char bom[2] = {big_endian ? 0xFE : 0xFF, big_endian ? 0xFF : 0xFE};
    vn_buf_put(out, bom, 2);
    size_t i = 0;
    while (i < in->len) {
        int32_t cp = vn_utf8_next(in->data, in->len, &i);
        uint16_t units[2];
        int nu = 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units[0] = (uint16_t)(0xD800 | (cp >> 10));
            units[1] = (uint16_t)(0xDC00 | (cp & 0x3FF));
            nu = 2;
        } else {
            units[0] = (uint16_t)cp;
        }
        for (int u = 0; u < nu; u++) {
            unsigned char b[2];
            b[big_endian ? 0 : 1] = (unsigned char)(units[u] >> 8);
            b[big_endian ? 1 : 0] = (unsigned char)(units[u] & 0xFF);
            vn_buf_put(out, b, 2);
        }
    }
}

static void nfd(const vn_buf *in, vn_buf *out)
{
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in->data, (utf8proc_ssize_t)in->len, &d,
                                      UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
    if (n >= 0)
        vn_buf_put(out, d, (size_t)n);
    free(d);
}

/* Tone placement in open syllables oa, oe, uy: hòa ↔ hoà, Ủy ↔ Uỷ. */
static const char *const tone_pairs[][2] = {
    {"òa", "oà"}, {"óa", "oá"}, {"ỏa", "oả"}, {"õa", "oã"}, {"ọa", "oạ"}, {"òe", "oè"}, {"óe", "oé"},
    {"ỏe", "oẻ"}, {"õe", "oẽ"}, {"ọe", "oẹ"}, {"ùy", "uỳ"}, {"úy", "uý"}, {"ủy", "uỷ"}, {"ũy", "uỹ"},
    {"ụy", "uỵ"}, {"Òa", "Oà"}, {"Óa", "Oá"}, {"Ỏa", "Oả"}, {"Ủy", "Uỷ"}, {"Úy", "Uý"}, {"ÒA", "OÀ"},
    {"ỦY", "UỶ"}, {"ÓA", "OÁ"}, {"ỎA", "OẢ"}, {"ỌA", "OẠ"}, {"ỤY", "UỴ"},
};

static void tone_placement(const vn_buf *in, bool to_new, vn_buf *out, size_t *changes)
{
    size_t i = 0;
    *changes = 0;
    while (i < in->len) {
        bool done = false;
        for (size_t p = 0; p < sizeof tone_pairs / sizeof tone_pairs[0] && !done; p++) {
            const char *from = tone_pairs[p][to_new ? 0 : 1], *to = tone_pairs[p][to_new ? 1 : 0];
            size_t fl = strlen(from);
            if (i + fl <= in->len && memcmp(in->data + i, from, fl) == 0) {
                /* only at the end of a syllable: "hoàng" keeps its tone */
                size_t k = i + fl;
                bool end = k >= in->len || !vn_cp_is_letter(vn_utf8_next(in->data, in->len, &k));
                if (end) {
                    vn_buf_puts(out, to);
                    i += fl;
                    (*changes)++;
                    done = true;
                }
            }
        }
        if (!done)
            vn_buf_putc(out, in->data[i++]);
    }
}

static bool legacy(const vn_buf *in, const char *charset, vn_buf *out)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1)
        return false;
    char *src = in->data;
    size_t left = in->len;
    bool ok_all = true;
    while (left > 0) {
        char chunk[4096], *dst = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        vn_buf_put(out, chunk, sizeof chunk - room);
        if (r == (size_t)-1 && errno != E2BIG) {
            ok_all = false;
            break;
        }
    }
    iconv_close(cd);
    return ok_all;
}

/* ---- the test ---------------------------------------------------------------------------- */

static vnplan_doc *parse(const vn_buf *b, const char *name)
{
    vnplan_doc *doc = NULL;
    char err[256];
    if (vnplan_parse_bytes(b->data ? b->data : "", b->len, name, NULL, &doc, err, sizeof err) != VNPLAN_OK) {
        diag("%s: %s", name, err);
        return NULL;
    }
    return doc;
}

static void compare_variant(const char *plan, const char *what, const vn_buf *bytes, int enc,
                            bool eight_bit, const char *want)
{
    char name[256];
    snprintf(name, sizeof name, "%s [%s]", plan, what);
    /* VNPLAN_VARIANT_DIR=dir keeps every variant for a closer look */
    const char *keep_dir = getenv("VNPLAN_VARIANT_DIR");
    if (keep_dir) {
        char path[512];
        const char *base = strrchr(plan, '/');
        snprintf(path, sizeof path, "%s/%s.%s", keep_dir, base ? base + 1 : plan, what);
        for (char *c = path + strlen(keep_dir) + 1; *c; c++)
            if (*c == ' ' || *c == ',' || *c == '(' || *c == ')')
                *c = '_';
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(bytes->data, 1, bytes->len, f);
            fclose(f);
        }
    }
    vnplan_doc *doc = parse(bytes, name);
    if (!ok(doc != NULL, "%s: parses", name))
        return;
    vn_buf got = {0};
    skeleton(doc, &got);
    bool same = strcmp(vn_buf_cstr(&got), want) == 0;
    if (!ok(same, "%s: same tree as the original", name))
        show_difference(want, got.data);
    check_coverage(doc, (const unsigned char *)bytes->data, bytes->len, enc, eight_bit, name);
    vn_buf_free(&got);
    vnplan_doc_free(doc);
}

int main(void)
{
    for (size_t p = 0; p < sizeof plans / sizeof plans[0]; p++) {
        vn_buf orig = {0};
        if (!ok(tu_append_file(&orig, plans[p]), "%s: readable", plans[p]))
            continue;
        vnplan_doc *doc = parse(&orig, plans[p]);
        if (!ok(doc != NULL, "%s: parses", plans[p])) {
            vn_buf_free(&orig);
            continue;
        }
        vn_buf want = {0};
        skeleton(doc, &want);
        vn_buf_cstr(&want);
        check_coverage(doc, (const unsigned char *)orig.data, orig.len, 0, false, plans[p]);

        vn_buf v = {0};
        static const size_t widths[] = {60, 72, 95, 130};
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            for (int blank = 0; blank < 2; blank++) {
                vn_buf_clear(&v);
                rewrap(doc, widths[w], blank, &v);
                char what[64];
                snprintf(what, sizeof what, "re-wrapped at %zu%s", widths[w], blank ? ", double-spaced" : "");
                compare_variant(plans[p], what, &v, 0, false, want.data);
            }
        }
        vn_buf_clear(&v);
        blank_after_every_line(&orig, &v);
        compare_variant(plans[p], "blank line after every line", &v, 0, false, want.data);
        vn_buf_clear(&v);
        line_ends(&orig, "\r\n", &v);
        compare_variant(plans[p], "CRLF", &v, 0, false, want.data);
        vn_buf_clear(&v);
        line_ends(&orig, "\r", &v);
        compare_variant(plans[p], "CR", &v, 0, false, want.data);
        vn_buf_clear(&v);
        vn_buf_put(&v, "\xEF\xBB\xBF", 3);
        vn_buf_put(&v, orig.data, orig.len);
        compare_variant(plans[p], "UTF-8 with BOM", &v, 0, false, want.data);
        vn_buf_clear(&v);
        utf16(&orig, false, &v);
        compare_variant(plans[p], "UTF-16LE with BOM", &v, 1, false, want.data);
        vn_buf_clear(&v);
        utf16(&orig, true, &v);
        compare_variant(plans[p], "UTF-16BE with BOM", &v, 2, false, want.data);
        vn_buf_clear(&v);
        nfd(&orig, &v);
        compare_variant(plans[p], "NFD", &v, 0, false, want.data);
        size_t changes;
        vn_buf_clear(&v);
        tone_placement(&orig, true, &v, &changes);
        ok(changes > 0, "%s: the new-tone variant changes something (%zu syllables)", plans[p], changes);
        compare_variant(plans[p], "new tone placement (hoà, Uỷ)", &v, 0, false, want.data);
        vn_buf tmp = {0};
        vn_buf_put(&tmp, v.data, v.len);
        vn_buf_clear(&v);
        tone_placement(&tmp, false, &v, &changes);
        compare_variant(plans[p], "old tone placement (hòa, Ủy)", &v, 0, false, want.data);
        vn_buf_free(&tmp);
        /* A legacy code page cannot hold every character (en dashes, "¹"): the
         * reference is the same text brought through the code page and back. */
        static const struct {
            const char *charset, *what;
        } legacies[] = {{"CP1258//TRANSLIT", "Windows-1258"}, {"TCVN5712-1//TRANSLIT", "TCVN3"}};
        for (size_t l = 0; l < 2; l++) {
            vn_buf_clear(&v);
            if (!ok(legacy(&orig, legacies[l].charset, &v), "%s: converts to %s", plans[p], legacies[l].what))
                continue;
            vn_buf back = {0}, ref = {0};
            iconv_t cd = iconv_open("UTF-8", legacies[l].charset);
            char *src = v.data;
            size_t left = v.len;
            while (cd != (iconv_t)-1 && left > 0) {
                char chunk[4096], *dst = chunk;
                size_t room = sizeof chunk;
                size_t r = iconv(cd, &src, &left, &dst, &room);
                vn_buf_put(&back, chunk, sizeof chunk - room);
                if (r == (size_t)-1 && errno != E2BIG)
                    break;
            }
            if (cd != (iconv_t)-1)
                iconv_close(cd);
            vnplan_doc *rd = parse(&back, legacies[l].what);
            if (ok(rd != NULL, "%s: the %s round trip parses", plans[p], legacies[l].what)) {
                skeleton(rd, &ref);
                vnplan_doc_free(rd);
                compare_variant(plans[p], legacies[l].what, &v, 0, true, vn_buf_cstr(&ref));
            }
            vn_buf_free(&back);
            vn_buf_free(&ref);
        }

        vn_buf_free(&v);
        vn_buf_free(&want);
        vnplan_doc_free(doc);
        vn_buf_free(&orig);
    }
    return done();
}
