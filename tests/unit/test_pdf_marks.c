/* test_pdf_marks.c — tones written as combining marks ("Unicode tổ hợp") in
 * PDF text layers (pdf_glyphs.c vn_pdf_settle_marks): on glyphs placed here
 * by hand as the library gives them, and on tests/fixtures/pdf/tohop.pdf,
 * LibreOffice's print of tohop.txt (a commune plan written by hand in that
 * form; tests/fixtures/pdf/make.sh).  The expectations come from reading
 * tohop.txt. */
#include "pdf_layout.h"
#include "tap.h"
#include "vnplan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A glyph of a 12 pt line whose boxes run from y0 to y0 + 13. */
static vn_pdf_glyph G(uint32_t cp, float x0, float x1, float y0)
{
    vn_pdf_glyph g = {x0, y0, x1, y0 + 13, cp, 0};
    return g;
}
static vn_pdf_glyph BREAK(float x, float y0)
{
    vn_pdf_glyph g = {x, y0 + 13, x, y0 + 13, '\n', 0};
    return g;
}

/* The code points of g[0..n) as text, a mark written as "+HHHH". */
static const char *cps(const vn_pdf_glyph *g, size_t n)
{
    static char out[256];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 8 < sizeof out; i++) {
        if (g[i].cp >= 0x300)
            k += (size_t)snprintf(out + k, sizeof out - k, "+%04X", g[i].cp);
        else
            out[k++] = g[i].cp == '\n' ? '|' : (char)g[i].cp;
    }
    out[k] = '\0';
    return out;
}

static void a_raised_mark_ahead_of_its_capital_goes_after_it(void)
{
    /* "ỦY": the hook above raised 1.8 pt, given first, a break between */
    vn_pdf_glyph g[] = {G(0x309, 56.8f, 62.8f, 53.8f), BREAK(62.8f, 53.8f), G('U', 56.8f, 62.8f, 55.6f),
                        G('Y', 62.8f, 68.8f, 55.6f)};
    size_t n = vn_pdf_settle_marks(g, 4);
    is_str(cps(g, n), "U+0309Y", "̉UY: the mark after U, the break gone");
    ok(n == 3 && g[1].y0 == 55.6f, "the mark on U's line");
    /* "QUẢNG": after U in the library's order, drawn in A's box */
    vn_pdf_glyph q[] = {G('Q', 86.8f, 92.8f, 66.9f), G('U', 92.8f, 98.8f, 66.9f), G(0x309, 98.8f, 104.8f, 65.1f),
                        BREAK(104.8f, 65.1f), G('A', 98.8f, 104.8f, 66.9f), G('N', 104.8f, 110.8f, 66.9f)};
    n = vn_pdf_settle_marks(q, 6);
    is_str(cps(q, n), "QUA+0309N", "QỦANG: the mark after A, whose box it is drawn in");
}

static void a_mark_in_order_stays(void)
{
    /* the font's glyph for "ự" split in two halves by the library, in order */
    vn_pdf_glyph g[] = {G('h', 62.8f, 68.8f, 169.1f), G(0x1B0, 68.8f, 71.8f, 169.1f), G(0x323, 71.8f, 74.8f, 169.1f),
                        G('c', 74.8f, 80.8f, 169.1f)};
    size_t n = vn_pdf_settle_marks(g, 4);
    ok(n == 4 && g[2].cp == 0x323 && g[2].x0 == 71.8f, "hự|c: the half after its letter stays");
    /* "nguồn": the mark drawn after ô, in the next cell, a break before the n drawn there:
       ô is a vowel, so the tone is its */
    vn_pdf_glyph o[] = {G(0xF4, 218.8f, 224.8f, 169.1f), G(0x300, 224.8f, 230.9f, 169.1f), BREAK(230.9f, 169.1f),
                        G('n', 224.8f, 230.8f, 169.1f)};
    n = vn_pdf_settle_marks(o, 4);
    ok(n == 4 && o[1].cp == 0x300, "ô+0300|n: the tone after a vowel stays there");
}

static void a_tone_after_a_consonant_goes_to_the_vowel(void)
{
    /* "Sở": the hook set back over ơ, given after S, a break before ơ */
    vn_pdf_glyph g[] = {G('S', 416.8f, 422.8f, 316.6f), G(0x309, 422.3f, 428.4f, 316.6f), BREAK(428.4f, 316.6f),
                        G(0x1A1, 422.8f, 428.9f, 316.6f), G(' ', 428.9f, 434.8f, 316.6f)};
    size_t n = vn_pdf_settle_marks(g, 5);
    ok(n == 4 && g[1].cp == 0x1A1 && g[2].cp == 0x309, "S+0309|ơ: the tone after ơ (no tone is a consonant's)");
}

static void a_mark_cut_off_with_another_line_finds_its_letter(void)
{
    /* "CHỦ NGHĨA": the library cut the line at the raised mark and gave its right part,
       the mark first, before its left part */
    vn_pdf_glyph g[] = {G(0x309, 164.8f, 170.8f, 87.8f), G(' ', 170.8f, 176.8f, 87.8f), G('N', 176.8f, 182.8f, 89.6f),
                        G('G', 182.8f, 188.8f, 89.6f),    BREAK(188.8f, 89.6f),          G('C', 152.8f, 158.8f, 89.6f),
                        G('H', 158.8f, 164.8f, 89.6f),    G('U', 164.8f, 170.8f, 89.6f), G(' ', 170.8f, 176.8f, 89.6f)};
    size_t n = vn_pdf_settle_marks(g, 9);
    is_str(cps(g, n), " NG|CHU+0309 ", "the mark after the U whose box it is, far on in the library's order");
}

static void hostile_boxes_leave_marks_alone(void)
{
    vn_pdf_glyph g[] = {G(0x309, NAN, 1, 1), G(0x301, 1, 1, 1), G('a', 1, 1, 1)};
    g[1].y1 = g[1].y0; /* no height */
    size_t n = vn_pdf_settle_marks(g, 3);
    ok(n == 3, "a mark with no box or no height stays where it is");
    ok(vn_pdf_settle_marks(g, 0) == 0, "no glyphs");
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = size > 0 ? malloc((size_t)size) : NULL;
    *len = b ? fread(b, 1, (size_t)size, f) : 0;
    fclose(f);
    return b;
}

static vnplan_doc *parse(const char *path)
{
    size_t n;
    unsigned char *b = slurp(path, &n);
    vnplan_doc *doc = NULL;
    char err[256] = "";
    if (!b || vnplan_parse_bytes_as(b, n, path, VNPLAN_INPUT_AUTO, NULL, &doc, err, sizeof err) != VNPLAN_OK)
        diag("%s: %s", path, b ? err : "missing");
    free(b);
    return doc;
}

static void reads_a_plan_typed_with_combining_tones(void)
{
    vnplan_doc *pdf = parse("tests/fixtures/pdf/tohop.pdf"), *txt = parse("tests/fixtures/pdf/tohop.txt");
    if (!ok(pdf && txt, "tohop.pdf and tohop.txt are read")) {
        vnplan_doc_free(pdf);
        vnplan_doc_free(txt);
        return;
    }
    is_str(vnplan_meta_issuer(pdf), "ỦY BAN NHÂN DÂN XÃ HƯƠNG THỦY ĐÔNG", "issuer: the capitals' tones in place");
    is_str(vnplan_meta_locality(pdf), "Hương Thủy Đông", "locality");
    is_str(vnplan_meta_level(pdf), "xa", "level");
    is_str(vnplan_meta_number(pdf), "58/KH-UBND", "number");
    is_str(vnplan_meta_date(pdf), "2025-08-18", "date");
    is_str(vnplan_meta_signer_name(pdf), "Nguyễn Thị Thủy", "signer");
    is_str(vnplan_meta_signer_capacity(pdf), "TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH", "capacity");
    ok(vnplan_meta_implements_count(pdf) == 1 && !strcmp(vnplan_meta_implements_number(pdf, 0), "1002/QĐ-TTg"),
       "implements 1002/QĐ-TTg");
    size_t nt = vnplan_target_count(pdf);
    is_long((long)nt, 4, "four targets, as in the text");
    for (size_t t = 0; t < nt && t < vnplan_target_count(txt); t++)
        ok(!strcmp(vnplan_target_indicator(pdf, t), vnplan_target_indicator(txt, t)) &&
               vnplan_target_value(pdf, t) == vnplan_target_value(txt, t),
           "target %zu as the text states it: %s", t + 1, vnplan_target_indicator(pdf, t));
    vnplan_doc_free(pdf);
    vnplan_doc_free(txt);
}

int main(void)
{
    a_raised_mark_ahead_of_its_capital_goes_after_it();
    a_mark_in_order_stays();
    a_tone_after_a_consonant_goes_to_the_vowel();
    a_mark_cut_off_with_another_line_finds_its_letter();
    hostile_boxes_leave_marks_alone();
    reads_a_plan_typed_with_combining_tones();
    return done();
}
