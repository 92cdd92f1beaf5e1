/* render_diff_html_writer.c — the small HTML writer of the diff report's
 * pages (render_diff_html.c and its two companions write through it).
 *
 * Bytes go straight into h->out, handed to the FILE in chunks: a plan's page
 * is written for each of thousands of plans in a batch, and libxml2's
 * xmlTextWriter (a stack of strdup'ed names, a copy of every escaped string,
 * an output buffer of its own) was a third of the page's cost.  What it wrote
 * is kept byte for byte: a start tag stays open for attributes until content,
 * a child or the end comes; elements close in full (<div></div>) but the
 * void ones (<meta/>); text and attributes escape & < > " (the text made
 * valid UTF-8 without control characters first), never a non-ASCII letter. */
#include "render_diff_html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vn_html_flush(hw *h)
{
    if (!h->failed && h->out.len && fwrite(h->out.data, 1, h->out.len, h->f) != h->out.len) {
        h->failed = true;
        h->errnum = errno ? errno : EIO;
    }
    h->out.len = 0;
}

/* Appends to h->out without a call when it has room (most appends do). */
static inline void h_append(hw *h, const char *s, size_t n)
{
    vn_buf *o = &h->out;
    if (o->len + n + 1 > o->cap)
        vn_buf_reserve(o, n);
    memcpy(o->data + o->len, s, n);
    o->len += n;
}

static inline void h_put(hw *h, const char *s, size_t n)
{
    h_append(h, s, n);
    if (h->out.len >= VN_SINK_CHUNK)
        vn_html_flush(h);
}

static inline void h_puts(hw *h, const char *s) { h_put(h, s, strlen(s)); }

/* Content follows: the open start tag, if any, ends. */
static inline void h_end_start_tag(hw *h)
{
    if (h->in_tag) {
        h_append(h, ">", 1);
        h->in_tag = false;
    }
}

/* Markup written as it is (the DOCTYPE, the style, the script). */
void vn_html_raw(hw *h, const char *s) { h_end_start_tag(h), h_puts(h, s); }

/* The bytes h_put_escaped stops at: 1 for & < > " and the control
 * characters, 2 for a byte that begins or continues a multibyte character.
 * Most of a page is text that needs nothing, and it was the writer's
 * largest cost when each byte took a chain of tests (issue 13).  Sixteen
 * bytes a row. */
/* clang-format off */
static const unsigned char h_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};
/* clang-format on */

/* s[0..n) made valid UTF-8 without control characters (vn_put_clean: a
 * tab or line break a space, anything else U+FFFD) and escaped, in one pass. */
static void h_put_escaped(hw *h, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned stop = h_stop[u[i]];
        if (!stop) {
            i++;
            continue;
        }
        const char *rep;
        size_t replen;
        if (stop == 2) {
            /* the two- and three-byte characters of Vietnamese text first */
            unsigned c = u[i];
            if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
                i += 2;
                continue;
            }
            if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
                (u[i + 2] & 0xC0) == 0x80) {
                i += 3;
                continue;
            }
            uint32_t cp;
            size_t len = vn_utf8_valid_at(u, n, i, &cp);
            if (len) {
                i += len;
                continue;
            }
            rep = VN_REPLACEMENT, replen = 3;
        } else {
            unsigned c = u[i];
            if (c >= 0x20) {
                rep = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;";
                replen = strlen(rep);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                rep = " ", replen = 1;
            } else {
                rep = VN_REPLACEMENT, replen = 3;
            }
        }
        h_append(h, s + run, i - run);
        h_append(h, rep, replen);
        run = ++i;
    }
    h_put(h, s + run, n - run);
}

void vn_html_open(hw *h, const char *el)
{
    h_end_start_tag(h);
    if (h->depth == HTML_STACK_MAX) {
        h->bad = true;
        return;
    }
    h->stack[h->depth++] = el;
    h_append(h, "<", 1);
    h_puts(h, el);
    h->in_tag = true;
}

void vn_html_close(hw *h)
{
    if (!h->depth) {
        h->bad = true;
        return;
    }
    h_end_start_tag(h);
    h_append(h, "</", 2);
    const char *el = h->stack[--h->depth];
    h_append(h, el, strlen(el));
    h_put(h, ">", 1);
}

/* A void element (meta, link): <meta .../> while its start tag is open. */
static void h_void_close(hw *h)
{
    if (!h->in_tag) {
        vn_html_close(h);
        return;
    }
    h->depth--;
    h->in_tag = false;
    h_put(h, "/>", 2);
}

/* An element of the page's head with no content (<meta>, <link>): one or
 * two attributes (a2 NULL: one). */
void vn_html_head_el(hw *h, const char *el, const char *a1, const char *v1, const char *a2, const char *v2)
{
    vn_html_open(h, el);
    vn_html_attr(h, a1, v1);
    if (a2)
        vn_html_attr(h, a2, v2);
    h_void_close(h);
}

/* An attribute's value escaped here, not by libxml2's writer, which knows
 * no document encoding and wrote every non-ASCII character of an attribute
 * as a character reference (8 bytes for a Vietnamese letter of 3). */
void vn_html_attr(hw *h, const char *name, const char *v)
{
    if (!v)
        return;
    if (!h->in_tag) {
        h->bad = true;
        return;
    }
    h_append(h, " ", 1);
    h_append(h, name, strlen(name));
    h_append(h, "=\"", 2);
    h_put_escaped(h, v, strlen(v));
    h_put(h, "\"", 1);
}

/* name="[page#]d<report>-<kind>-<n>": the ids of a page's rows and lines
 * and the links to them, thousands a page, written without a printf
 * (vsnprintf was a tenth of the page's cost).  page NULL: an id, no '#';
 * kind NULL: "d<report>" alone.  The ids are ASCII; page is escaped. */
void vn_html_anchor(hw *h, const char *name, const char *page, size_t report, const char *kind, long n)
{
    if (!h->in_tag) {
        h->bad = true;
        return;
    }
    char num[24];
    h_append(h, " ", 1);
    h_append(h, name, strlen(name));
    h_append(h, "=\"", 2);
    if (page) {
        h_put_escaped(h, page, strlen(page));
        h_append(h, "#", 1);
    }
    h_append(h, "d", 1);
    h_append(h, num, vn_fmt_u64(report, num));
    if (kind) {
        h_append(h, "-", 1);
        h_append(h, kind, strlen(kind));
        h_append(h, n < 0 ? "--" : "-", n < 0 ? 2 : 1);
        h_append(h, num, vn_fmt_u64(n < 0 ? 0 - (uint64_t)n : (uint64_t)n, num));
    }
    h_put(h, "\"", 1);
}

void vn_html_doc_href(hw *h, char side, const char *kind, long n)
{
    char k[8] = {side};
    strncat(k, kind, sizeof k - 2);
    vn_html_anchor(h, "href", side == 'b' ? h->base_href : "", h->report, k, n);
}

void vn_html_text_n(hw *h, const char *s, size_t n)
{
    if (!s || !n)
        return;
    h_end_start_tag(h);
    h_put_escaped(h, s, n);
}

void vn_html_text(hw *h, const char *s)
{
    if (s)
        vn_html_text_n(h, s, strlen(s));
}

void vn_html_el(hw *h, const char *el, const char *cls, const char *text)
{
    vn_html_open(h, el);
    vn_html_attr(h, "class", cls);
    vn_html_text(h, text);
    vn_html_close(h);
}

void vn_html_buf(hw *h, vn_buf *b) { vn_html_text_n(h, b->data, b->len); }
