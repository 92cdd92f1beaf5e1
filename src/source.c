/* source.c — source lines (see source.h): building them, telling a file's
 * format from its content, and handing it to the reader of that format.
 *
 * Detection looks at content only, never at the name: a plan saved as
 * "ke-hoach.doc" that is really a .docx, or a portal's HTML page saved as
 * ".pdf", is read for what it is.  The order matters: magic bytes first
 * (PDF, zip), then a whole HTML page, then Markdown's tell-tale lines (a
 * Markdown file may open with an HTML table), then HTML fragments; what is
 * left is text, which read.c decodes or refuses with its own message (an
 * image, a legacy .doc, an RTF file). */
#include "source.h"
#include "utf8.h"

#include <stdlib.h>

vn_srcline *vn_source_line(vn_source *s, uint32_t flags, uint32_t loc, uint32_t loc_char)
{
    if (s->nlines)
        vn_buf_putc(&s->text, '\n');
    vn_srcline *l = &VN_PUSH_ZERO(s->lines, s->nlines, s->caplines);
    l->start = (uint32_t)(s->text.len < UINT32_MAX ? s->text.len : UINT32_MAX);
    l->flags = flags;
    l->loc = loc;
    l->loc_char = loc_char;
    l->indent = -1;
    return l;
}

void vn_source_put(vn_source *s, const char *p, size_t n)
{
    if (!s->nlines)
        vn_source_line(s, VN_SRC_PARA, 1, 0);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        size_t skip = 0;
        while (j < n) {
            unsigned char c = (unsigned char)p[j];
            if (c < 0x20 || c == 0x7F) {
                skip = 1;
                break;
            }
            /* NEL, LINE and PARAGRAPH SEPARATOR would start lines of their own
             * in normalize.c: inside a source line they are spaces */
            if (c == 0xC2 && j + 1 < n && (unsigned char)p[j + 1] == 0x85) {
                skip = 2;
                break;
            }
            if (c == 0xE2 && j + 2 < n && (unsigned char)p[j + 1] == 0x80 &&
                ((unsigned char)p[j + 2] == 0xA8 || (unsigned char)p[j + 2] == 0xA9)) {
                skip = 3;
                break;
            }
            j++;
        }
        vn_buf_put(&s->text, p + i, j - i);
        if (skip)
            vn_buf_putc(&s->text, ' ');
        i = j + skip;
    }
}

void vn_source_put_raw(vn_source *s, const char *p, size_t n)
{
    if (!s->nlines)
        vn_source_line(s, VN_SRC_PARA, 1, 0);
    vn_buf_put(&s->text, p, n);
}

void vn_source_free(vn_source *s)
{
    vn_buf_free(&s->text);
    free(s->lines);
    memset(s, 0, sizeof *s);
}

/* ---- names ------------------------------------------------------------------- */

static const char *const input_names[] = {"auto", "txt", "docx", "odt", "pdf", "html", "md"};

const char *vnplan_input_name(vnplan_input in)
{
    return (unsigned)in < sizeof input_names / sizeof input_names[0] ? input_names[in] : "?";
}

int vnplan_input_from_name(const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof input_names / sizeof input_names[0]; i++)
        if (strcmp(name, input_names[i]) == 0)
            return (int)i;
    if (strcmp(name, "text") == 0)
        return VNPLAN_INPUT_TEXT;
    if (strcmp(name, "markdown") == 0)
        return VNPLAN_INPUT_MD;
    if (strcmp(name, "htm") == 0)
        return VNPLAN_INPUT_HTML;
    return -1;
}

/* ---- detection ------------------------------------------------------------------ */

/* How far into a file the sniffers look. */
#define SNIFF_PDF_BYTES 1024   /* a PDF may have junk before its header */
#define SNIFF_ZIP_BYTES 65536  /* local headers of the first members */
#define SNIFF_HTML_BYTES 4096
#define SNIFF_MD_BYTES 65536
#define MD_MIN_EVIDENCE 3      /* Markdown needs this many tell-tale lines ... */
#define MD_MIN_KINDS 2         /* ... of at least this many kinds */

static bool has_prefix(const unsigned char *p, size_t n, const char *m)
{
    size_t len = strlen(m);
    return n >= len && memcmp(p, m, len) == 0;
}

static bool contains_ci(const unsigned char *p, size_t n, const char *needle)
{
    size_t len = strlen(needle);
    for (size_t i = 0; i + len <= n; i++) {
        size_t k = 0;
        while (k < len && (p[i + k] | 0x20) == (unsigned char)(needle[k] | 0x20))
            k++;
        if (k == len)
            return true;
    }
    return false;
}

static vnplan_input sniff_zip(const unsigned char *p, size_t n)
{
    size_t look = n < SNIFF_ZIP_BYTES ? n : SNIFF_ZIP_BYTES;
    /* ODF puts an uncompressed "mimetype" member first */
    if (vn_mem_contains(p, look, "application/vnd.oasis.opendocument.text"))
        return VNPLAN_INPUT_ODT;
    if (vn_mem_contains(p, look, "word/"))
        return VNPLAN_INPUT_DOCX;
    /* the member names may all sit in the central directory at the end */
    size_t tail = n < SNIFF_ZIP_BYTES ? 0 : n - SNIFF_ZIP_BYTES;
    if (vn_mem_contains(p + tail, n - tail, "word/document.xml"))
        return VNPLAN_INPUT_DOCX;
    if (vn_mem_contains(p + tail, n - tail, "content.xml") && !vn_mem_contains(p + tail, n - tail, "xl/") &&
        !vn_mem_contains(p, look, "opendocument.spreadsheet") && !vn_mem_contains(p, look, "opendocument.presentation"))
        return VNPLAN_INPUT_ODT;
    return VNPLAN_INPUT_TEXT; /* read.c names what it is and refuses it */
}

/* How sure the markup is HTML: 2 for a document's own tags (doctype, html,
 * head, body, meta), 1 for block tags only — which a Markdown file may open
 * with too (pandoc writes a table whose cells hold paragraphs as HTML). */
static int sniff_html(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (has_prefix(p, n, "\xEF\xBB\xBF"))
        i = 3;
    while (i < n && vn_is_space(p[i]))
        i++;
    if (i >= n || p[i] != '<')
        return 0;
    size_t look = n - i < SNIFF_HTML_BYTES ? n - i : SNIFF_HTML_BYTES;
    const unsigned char *q = p + i;
    if (contains_ci(q, look, "<vnplan"))
        return 0; /* vnplan's own XML tree */
    if (contains_ci(q, look < 15 ? look : 15, "<!doctype html") || contains_ci(q, look, "<html") ||
        contains_ci(q, look, "<head") || contains_ci(q, look, "<body") || contains_ci(q, look, "<meta"))
        return 2;
    return contains_ci(q, look, "<p>") || contains_ci(q, look, "<p ") || contains_ci(q, look, "<div") ||
           contains_ci(q, look, "<table");
}

/* Lines only Markdown writes: ATX headings, a GFM table's delimiter row,
 * backslash-escaped markers, footnote definitions, a paragraph opening in
 * bold, a converter's image comment, a raw HTML table (pandoc's, for a
 * table whose cells hold paragraphs: evidence only beside another kind),
 * pandoc's attributes ("[Độc lập …]{.underline}") and a grid table's border
 * ("+-----+-----+", which pandoc's plain text writes too: evidence only
 * beside another kind). */
enum { MD_ATX, MD_DELIM, MD_ESCAPE, MD_FOOTNOTE, MD_BOLD, MD_COMMENT, MD_HTML_TABLE, MD_ATTR, MD_GRID, MD__KINDS };

static int md_line_kind(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    s += i;
    n -= i;
    if (n >= 2 && s[0] == '#') {
        size_t h = 0;
        while (h < n && s[h] == '#')
            h++;
        if (h <= 6 && h < n && s[h] == ' ')
            return MD_ATX;
    }
    if (n >= 3 && (s[0] == '|' || s[0] == '-' || s[0] == ':')) {
        size_t dashes = 0, bars = 0, other = 0;
        for (size_t k = 0; k < n; k++) {
            if (s[k] == '-')
                dashes++;
            else if (s[k] == '|')
                bars++;
            else if (s[k] != ':' && s[k] != ' ' && s[k] != '\r')
                other++;
        }
        if (!other && bars >= 1 && dashes >= 3)
            return MD_DELIM;
    }
    if (n >= 2 && s[0] == '\\' && (s[1] == '-' || s[1] == '+' || s[1] == '*'))
        return MD_ESCAPE;
    size_t d = 0;
    while (d < n && vn_is_digit(s[d]))
        d++;
    if (d > 0 && d + 1 < n && s[d] == '\\' && (s[d + 1] == '.' || s[d + 1] == ')'))
        return MD_ESCAPE;
    if (n >= 4 && s[0] == '[' && s[1] == '^') {
        for (size_t k = 2; k + 1 < n; k++)
            if (s[k] == ']')
                return s[k + 1] == ':' ? MD_FOOTNOTE : -1;
    }
    if (n >= 4 && s[0] == '*' && s[1] == '*' && s[2] != '*' && s[2] != ' ')
        return MD_BOLD;
    if (n >= 4 && has_prefix(s, n, "<!--"))
        return MD_COMMENT;
    if (has_prefix(s, n, "<table") || has_prefix(s, n, "</table>"))
        return MD_HTML_TABLE;
    if (n >= 5 && s[0] == '+' && s[1] == '-') {
        size_t k = 0;
        while (k < n && (s[k] == '+' || s[k] == '-' || s[k] == '=' || s[k] == ':'))
            k++;
        while (k < n && (s[k] == ' ' || s[k] == '\r'))
            k++;
        if (k == n && s[n - 1] != '-')
            return MD_GRID;
    }
    for (size_t k = 0; k + 3 < n; k++)
        if (s[k] == ']' && s[k + 1] == '{' && (s[k + 2] == '.' || s[k + 2] == '#'))
            return MD_ATTR;
    return -1;
}

static bool sniff_md(const unsigned char *p, size_t n)
{
    size_t look = n < SNIFF_MD_BYTES ? n : SNIFF_MD_BYTES;
    size_t count[MD__KINDS] = {0}, total = 0, kinds = 0;
    for (size_t i = 0; i < look;) {
        const unsigned char *nl = memchr(p + i, '\n', look - i);
        size_t j = nl ? (size_t)(nl - p) : look;
        int k = md_line_kind(p + i, j - i);
        if (k >= 0) {
            kinds += count[k] == 0;
            count[k]++;
            total++;
        }
        i = j + 1;
    }
    return total >= MD_MIN_EVIDENCE && kinds >= MD_MIN_KINDS;
}

vnplan_input vn_detect_input(const unsigned char *p, size_t n)
{
    if (has_prefix(p, n, "%PDF-") || vn_mem_contains(p, n < SNIFF_PDF_BYTES ? n : SNIFF_PDF_BYTES, "%PDF-1.") ||
        vn_mem_contains(p, n < SNIFF_PDF_BYTES ? n : SNIFF_PDF_BYTES, "%PDF-2."))
        return VNPLAN_INPUT_PDF;
    if (has_prefix(p, n, "PK\x03\x04") || has_prefix(p, n, "PK\x05\x06"))
        return sniff_zip(p, n);
    int html = sniff_html(p, n);
    if (html == 2)
        return VNPLAN_INPUT_HTML;
    if (sniff_md(p, n))
        return VNPLAN_INPUT_MD;
    return html ? VNPLAN_INPUT_HTML : VNPLAN_INPUT_TEXT;
}

vnplan_input vnplan_detect_input(const void *bytes, size_t len)
{
    return vn_detect_input(bytes, len);
}

/* ---- dispatch ------------------------------------------------------------------------ */

vnplan_status vn_source_read(const unsigned char *p, size_t n, vnplan_input in, vn_source *out,
                             vn_error *err)
{
    memset(out, 0, sizeof *out);
    out->input = in;
    out->loc_unit = in == VNPLAN_INPUT_PDF ? VN_LOC_PAGE : VN_LOC_PARAGRAPH;
    vnplan_status st;
    switch (in) {
    case VNPLAN_INPUT_DOCX: st = vn_read_docx(p, n, out, err); break;
    case VNPLAN_INPUT_ODT: st = vn_read_odt(p, n, out, err); break;
    case VNPLAN_INPUT_PDF: st = vn_read_pdf(p, n, out, err); break;
    case VNPLAN_INPUT_HTML: st = vn_read_html(p, n, out, err); break;
    case VNPLAN_INPUT_MD: st = vn_read_md(p, n, out, err); break;
    default: st = vn_fail(err, VNPLAN_ERR_USAGE, "not a structured format"); break;
    }
    if (st == VNPLAN_OK && out->text.len > VN_SOURCE_MAX_TEXT)
        st = vn_fail(err, VNPLAN_ERR_TOO_LARGE, "more than %zu MB of text", VN_SOURCE_MAX_TEXT >> 20);
    if (st == VNPLAN_OK && out->nlines == 0)
        st = vn_fail(err, VNPLAN_ERR_EMPTY, "no text in the %s file", vnplan_input_name(in));
    if (st != VNPLAN_OK)
        vn_source_free(out);
    return st;
}
