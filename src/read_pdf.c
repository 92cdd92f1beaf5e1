/* read_pdf.c — PDF through poppler-glib (docs/pdf.md says why poppler and
 * not MuPDF, with the figures): the document opened from memory, each page's
 * characters with their boxes and fonts handed to pdf_layout.c.
 *
 * What poppler gives: poppler_page_get_text_for_area() in its own reading
 * order, one box per character of that text (_get_text_layout_for_area), and
 * runs of the text with their font (_get_text_attributes_for_area), whose name
 * says bold or italic ("TimesNewRomanPS-BoldMT", "Arial,Bold").  The order is
 * only used to tell words apart; pdf_layout.c orders lines itself.
 *
 * Refusals, each a message and VNPLAN_ERR_BINARY, _TOO_LARGE or _ENCODING: a document
 * that needs a password; one poppler cannot open (damaged, truncated); more
 * pages than VN_PDF_MAX_PAGES; no text on any page (a scan); a text layer
 * that is no text (glyphs mapped to no letters).  The library
 * never prints: poppler's complaints about a damaged file go to GLib's log
 * under the "Poppler" domain, which is silenced once (pdf_poppler.c).
 *
 * poppler-glib is not linked but loaded by the first PDF (pdf_poppler.h):
 * every call goes through the table P; without the library a PDF is refused
 * with a message that says what to install. */
#include "pdf_layout.h"
#include "pdf_poppler.h"
#include "read_legacy.h"
#include "utf8.h"
#include "text.h"

#include <pthread.h>
#include <stdlib.h>

/* A text layer whose characters are mostly no letters, and whose few runs of
 * letters are mostly no Vietnamese syllables, is no text: fonts that map
 * their glyphs to no characters (no ToUnicode, a subset font's own codes)
 * give "%!&'" for "ỦY BAN", "EF6" for a word.  A plan is four letters in five
 * of its visible characters (0.84 the least of the fixtures' PDFs, tables and
 * all); an annex of figures has fewer, but its words ("Tổng cộng", "Đơn vị")
 * are syllables.  Judged on PDF_LETTERS_JUDGED characters or more. */
#define PDF_MIN_LETTER_SHARE 0.5
#define PDF_MIN_SYLLABLE_SHARE 0.5
#define PDF_LETTERS_JUDGED 200
#define RUN_MAX_LETTERS 8

/* The runs of letters of the text layer, and how many are syllables. */
typedef struct letter_runs {
    int32_t cp[RUN_MAX_LETTERS];
    size_t n, runs, syllables;
    bool whole; /* the run fits in cp */
} letter_runs;

static void end_run(letter_runs *r)
{
    if (r->n || !r->whole) {
        r->runs++;
        r->syllables += r->whole && vn_is_vn_syllable(r->cp, r->n);
    }
    r->n = 0, r->whole = true;
}

static void add_to_run(letter_runs *r, uint32_t cp)
{
    if (!vn_cp_is_letter((int32_t)cp)) {
        end_run(r);
        return;
    }
    if (r->n < RUN_MAX_LETTERS)
        r->cp[r->n++] = (int32_t)cp;
    else
        r->whole = false;
}

/* Font names that say bold or italic (PostScript names and Windows' ",Bold"); poppler-glib
 * names a font that has none "Default" (a Type 3 font's procedures, see pdf_glyphs.c). */
static uint8_t font_bits(const char *name)
{
    uint8_t f = 0;
    if (!name || !strcmp(name, "Default"))
        return VN_PDF_UNNAMED;
    if (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "Black") || strstr(name, "Heavy") ||
        strstr(name, "Semibold") || strstr(name, "Demi"))
        f |= VN_PDF_BOLD;
    if (strstr(name, "Italic") || strstr(name, "Oblique") || strstr(name, "italic"))
        f |= VN_PDF_ITALIC;
    return f;
}

/* A run of a page's glyphs in a font typed in a legacy encoding (read_legacy.c). */
typedef struct legacy_span {
    size_t from, to; /* glyphs [from, to] */
    vn_font_kind kind;
} legacy_span;

/* The glyphs of a span decoded in place: each one's code point is the
 * Windows-1252 reading of the font's byte; a tone byte (TCVN3's combining
 * marks, VNI's mark after its letter) composes with the letter before it,
 * whose box grows to cover it.  A span holding a character that no byte
 * gives was retyped in Unicode and is left alone.  Returns how many glyphs
 * went (g has n). */
static size_t decode_legacy_span(vn_legacy_fonts *f, const legacy_span *sp, vn_pdf_glyph *g, size_t n)
{
    for (size_t k = sp->from; k <= sp->to; k++)
        if (!vn_legacy_fonts_is_byte(f, (int32_t)g[k].cp))
            return 0;
    size_t w = sp->from;
    for (size_t k = sp->from; k <= sp->to; k++) {
        int32_t letter = w > sp->from ? (int32_t)g[w - 1].cp : -1, cp = (int32_t)g[k].cp;
        /* 0: no table to decode with (an iconv without the charset): the glyph as it is */
        if (vn_legacy_fonts_glyph(f, sp->kind, (int32_t)g[k].cp, &letter, &cp) == 2) {
            vn_pdf_glyph *l = &g[w - 1];
            l->cp = (uint32_t)letter;
            l->x0 = l->x0 < g[k].x0 ? l->x0 : g[k].x0, l->y0 = l->y0 < g[k].y0 ? l->y0 : g[k].y0;
            l->x1 = l->x1 > g[k].x1 ? l->x1 : g[k].x1, l->y1 = l->y1 > g[k].y1 ? l->y1 : g[k].y1;
            continue;
        }
        g[w] = g[k];
        g[w++].cp = (uint32_t)cp;
    }
    memmove(&g[w], &g[sp->to + 1], (n - sp->to - 1) * sizeof *g);
    return sp->to + 1 - w;
}

/* The spans in legacy fonts, last first so that a span's glyphs going
 * leaves the earlier spans' indices as they are; returns the glyphs left. */
static size_t decode_legacy_spans(const legacy_span *spans, size_t nspans, vn_pdf_glyph *g, size_t n)
{
    vn_legacy_fonts fonts = {0};
    for (size_t i = nspans; i-- > 0;)
        n -= decode_legacy_span(&fonts, &spans[i], g, n);
    vn_legacy_fonts_free(&fonts);
    return n;
}

/* How far past the page's edges the text is taken from (points). */
#define PDF_EDGE_SLACK 72.0

/* One page's glyphs: the characters of its text with their boxes and fonts.
 * Taken from an area wider than the page by PDF_EDGE_SLACK on each side:
 * poppler takes the page's text (poppler_page_get_text) as the blocks that
 * lie within the page, and a block reaching past an edge is lost whole —
 * with the running header AbiWord sets a point above the page's top, the
 * body's first line under it (the three calls take the same area, so that
 * text, boxes and fonts keep one index). */
static size_t page_glyphs(const vn_poppler_api *P, PopplerPage *pg, vn_pdf_glyph **gv, size_t *cap)
{
    double w = 0, h = 0;
    P->poppler_page_get_size(pg, &w, &h);
    PopplerRectangle area = {-PDF_EDGE_SLACK, -PDF_EDGE_SLACK, w + PDF_EDGE_SLACK, h + PDF_EDGE_SLACK};
    char *text = P->poppler_page_get_text_for_area(pg, &area);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (!text || !P->poppler_page_get_text_layout_for_area(pg, &area, &rects, &nrects)) {
        P->g_free(text);
        P->g_free(rects);
        return 0;
    }
    size_t len = strlen(text), n = 0;
    *gv = vn_grow(*gv, cap, 0, nrects, sizeof **gv);
    for (size_t i = 0; i < len && n < nrects;) {
        int32_t cp = vn_utf8_next(text, len, &i);
        vn_pdf_glyph *g = &(*gv)[n];
        const PopplerRectangle *r = &rects[n];
        g->x0 = (float)r->x1, g->y0 = (float)r->y1, g->x1 = (float)r->x2, g->y1 = (float)r->y2;
        g->cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
        g->font = 0;
        n++;
    }
    GList *attrs = P->poppler_page_get_text_attributes_for_area(pg, &area);
    legacy_span *spans = NULL;
    size_t nspans = 0, capspans = 0;
    for (GList *a = attrs; a; a = a->next) {
        const PopplerTextAttributes *t = a->data;
        vn_font_kind kind = vn_legacy_pdf_font(t->font_name);
        if (kind != VN_FONT_UNICODE && t->start_index >= 0 && (size_t)t->start_index < n &&
            t->end_index >= t->start_index && (!nspans || spans[nspans - 1].to < (size_t)t->start_index))
            VN_PUSH(spans, nspans, capspans) = (legacy_span){(size_t)t->start_index,
                                                             (size_t)t->end_index < n ? (size_t)t->end_index : n - 1,
                                                             kind};
        uint8_t f = font_bits(t->font_name);
        if (!f || t->start_index < 0)
            continue;
        for (size_t k = (size_t)t->start_index; k <= (size_t)t->end_index && k < n; k++)
            (*gv)[k].font = f;
    }
    P->poppler_page_free_text_attributes(attrs);
    n = decode_legacy_spans(spans, nspans, *gv, n);
    free(spans);
    vn_pdf_settle_unnamed(*gv, n);
    n = vn_pdf_settle_marks(*gv, n);
    P->g_free(rects);
    P->g_free(text);
    return n;
}

static vnplan_status open_failed(const vn_poppler_api *P, const GError *ge, vn_error *err)
{
    if (ge && ge->domain == P->poppler_error_quark() && ge->code == POPPLER_ERROR_ENCRYPTED)
        return vn_fail(err, VNPLAN_ERR_BINARY, "the PDF is protected by a password");
    /* poppler's own words ("PDF document is damaged") add nothing to ours
     * and are English in a Vietnamese report */
    return vn_fail(err, VNPLAN_ERR_BINARY, "the PDF is damaged or truncated and cannot be read");
}

/* Taking the text out of a page is most of the work, and pages are
 * independent: a second thread takes half of each run of PDF_CHUNK_PAGES
 * pages from its own PopplerDocument (poppler allows one document per
 * thread), while the pages are laid out in order on the caller's thread.
 * The chunk bounds the glyphs held at once. */
#define PDF_CHUNK_PAGES 32

typedef struct page_buf {
    vn_pdf_glyph *g;
    size_t n, cap;
} page_buf;

typedef struct extract_job {
    const vn_poppler_api *P;
    PopplerDocument *doc;
    page_buf *bufs; /* bufs[i - first] for page i */
    int first, from, to;
} extract_job;

static void *extract_pages(void *arg)
{
    extract_job *job = arg;
    const vn_poppler_api *P = job->P;
    for (int i = job->from; i < job->to; i++) {
        page_buf *b = &job->bufs[i - job->first];
        b->n = 0;
        PopplerPage *pg = P->poppler_document_get_page(job->doc, i);
        if (!pg)
            continue;
        b->n = page_glyphs(P, pg, &b->g, &b->cap);
        P->g_object_unref(pg);
    }
    return NULL;
}

vnplan_status vn_read_pdf(const unsigned char *p, size_t n, vn_source *out, vn_error *err)
{
    const vn_poppler_api *P = vn_poppler(err);
    if (!P)
        return VNPLAN_ERR_BINARY;
    GBytes *bytes = P->g_bytes_new_static(p, n);
    GError *ge = NULL;
    PopplerDocument *doc = P->poppler_document_new_from_bytes(bytes, NULL, &ge);
    if (!doc) {
        vnplan_status st = open_failed(P, ge, err);
        if (ge)
            P->g_error_free(ge);
        P->g_bytes_unref(bytes);
        return st;
    }
    vnplan_status st = VNPLAN_OK;
    int pages = P->poppler_document_get_n_pages(doc);
    if (pages > VN_PDF_MAX_PAGES)
        st = vn_fail(err, VNPLAN_ERR_TOO_LARGE, "the PDF has %d pages, more than the limit of %d", pages,
                     VN_PDF_MAX_PAGES);
    /* the second thread's own document, when there is work to share */
    PopplerDocument *doc2 = st == VNPLAN_OK && pages > 1 ? P->poppler_document_new_from_bytes(bytes, NULL, NULL) : NULL;
    vn_pdf_layout L;
    vn_pdf_layout_init(&L);
    page_buf bufs[PDF_CHUNK_PAGES];
    memset(bufs, 0, sizeof bufs);
    size_t glyphs = 0, letters = 0;
    letter_runs runs = {.whole = true};
    for (int c = 0; st == VNPLAN_OK && c < pages; c += PDF_CHUNK_PAGES) {
        int end = pages - c < PDF_CHUNK_PAGES ? pages : c + PDF_CHUNK_PAGES, mid = c + (end - c) / 2;
        extract_job mine = {P, doc, bufs, c, c, mid}, other = {P, doc2 ? doc2 : doc, bufs, c, mid, end};
        pthread_t worker;
        bool threaded = doc2 && mid < end && pthread_create(&worker, NULL, extract_pages, &other) == 0;
        extract_pages(&mine);
        if (threaded)
            pthread_join(worker, NULL);
        else
            extract_pages(&other);
        for (int i = c; i < end && st == VNPLAN_OK; i++) {
            const page_buf *b = &bufs[i - c];
            for (size_t k = 0; k < b->n; k++) {
                if (b->g[k].cp > ' ' && b->g[k].cp != 0xA0)
                    glyphs++, letters += vn_cp_is_letter((int32_t)b->g[k].cp);
                add_to_run(&runs, b->g[k].cp);
            }
            end_run(&runs);
            vn_pdf_layout_page(&L, (uint32_t)i + 1, b->g, b->n);
            if (L.text.len > VN_SOURCE_MAX_TEXT)
                st = vn_fail(err, VNPLAN_ERR_TOO_LARGE, "more than %zu MB of text", VN_SOURCE_MAX_TEXT >> 20);
        }
    }
    for (size_t i = 0; i < PDF_CHUNK_PAGES; i++)
        free(bufs[i].g);
    if (st == VNPLAN_OK && pages > 0 && glyphs == 0)
        st = vn_fail(err, VNPLAN_ERR_BINARY,
                     "the PDF has no text layer (a scanned document): run OCR first, e.g. ocrmypdf -l vie IN OUT");
    if (st == VNPLAN_OK && glyphs >= PDF_LETTERS_JUDGED && letters < PDF_MIN_LETTER_SHARE * (double)glyphs &&
        runs.syllables < PDF_MIN_SYLLABLE_SHARE * (double)runs.runs)
        st = vn_fail(err, VNPLAN_ERR_ENCODING,
                     "the PDF's text layer is not text: only %zu of its %zu characters are letters (its fonts "
                     "map their glyphs to no characters); run OCR first, e.g. ocrmypdf --force-ocr -l vie IN OUT",
                     letters, glyphs);
    if (st == VNPLAN_OK)
        vn_pdf_layout_finish(&L, out);
    vn_pdf_layout_free(&L);
    if (doc2)
        P->g_object_unref(doc2);
    P->g_object_unref(doc);
    P->g_bytes_unref(bytes);
    return st;
}
