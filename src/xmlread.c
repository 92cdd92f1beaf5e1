/* xmlread.c — see xmlread.h. */
#include "xmlread.h"
#include "source.h"
#include "xml_errors.h"

#include <limits.h>
#include <stdio.h>

/* libxml2 reports every problem here; the first one is kept for the message. */
static void on_error(void *ctx, xmlErrorPtr e)
{
    vn_xml *x = ctx;
    if (x->problem[0] || !e)
        return;
    char msg[120];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed");
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    snprintf(x->problem, sizeof x->problem, "line %d: %s", e->line, msg);
    x->reason = vn_xml_error_reason(e);
    x->line = e->line;
}

/* The prolog before the root element: declarations, comments, processing
 * instructions and white space.  True when it holds a DOCTYPE. */
static bool declares_doctype(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        if (vn_is_space((unsigned char)p[i])) {
            i++;
            continue;
        }
        if (p[i] != '<' || i + 1 >= n)
            return false;
        const char *end = NULL;
        if (p[i + 1] == '?')
            end = "?>";
        else if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0)
            end = "-->";
        else
            return p[i + 1] == '!'; /* <!DOCTYPE (any spelling) or <![CDATA[ at top level: refused */
        size_t k = i + 2;
        size_t elen = strlen(end);
        while (k + elen <= n && memcmp(p + k, end, elen) != 0)
            k++;
        if (k + elen > n)
            return false;
        i = k + elen;
    }
    return false;
}

vnplan_status vn_xml_open(vn_xml *x, const char *data, size_t n, const char *kind, const char *part,
                          vn_error *err)
{
    memset(x, 0, sizeof *x);
    x->part = part;
    x->kind = kind;
    x->skip_depth = -1;
    if (declares_doctype(data, n))
        return vn_fail(err, VNPLAN_ERR_BINARY,
                       "%s file: %s declares a DOCTYPE (entities or a DTD), which no %s part has: refused", kind,
                       part, kind);
    if (n > (size_t)INT_MAX)
        return vn_fail(err, VNPLAN_ERR_TOO_LARGE, "%s file: %s is too large", kind, part);
    /* no XML_PARSE_NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR, no
     * HUGE (libxml2 keeps its own depth and text-size limits) */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    if (!vn_xml_use(err))
        return err->status;
    x->r = xmlReaderForMemory(data, (int)n, NULL, NULL, opts);
    if (!x->r)
        return vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s cannot be read as XML", kind, part);
    xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
    return VNPLAN_OK;
}

int vn_xml_next(vn_xml *x, vn_error *err)
{
    for (;;) {
        int rc = xmlTextReaderRead(x->r);
        if (rc == 0)
            return 0;
        if (rc < 0) {
            if (strstr(x->problem, "depth"))
                vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s nests elements deeper than %d levels", x->kind,
                        x->part, VN_XML_MAX_DEPTH);
            else if (x->reason)
                vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s is not well-formed XML (line %d: %s)", x->kind,
                        x->part, x->line, x->reason);
            else
                vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s is not well-formed XML", x->kind, x->part);
            return -1;
        }
        int type = xmlTextReaderNodeType(x->r);
        int depth = xmlTextReaderDepth(x->r);
        if (depth > VN_XML_MAX_DEPTH) {
            vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s nests elements deeper than %d levels", x->kind, x->part,
                    VN_XML_MAX_DEPTH);
            return -1;
        }
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
            type == XML_READER_TYPE_ENTITY) {
            vn_fail(err, VNPLAN_ERR_BINARY, "%s file: %s uses a DTD or entities, which no %s part has: refused",
                    x->kind, x->part, x->kind);
            return -1;
        }
        if (x->skip_depth >= 0) {
            if (depth > x->skip_depth)
                continue;
            /* back at the skipped element's level: its end tag ends the skip */
            x->skip_depth = -1;
            if (type == XML_READER_TYPE_END_ELEMENT)
                continue;
        }
        return 1;
    }
}

void vn_xml_skip(vn_xml *x)
{
    if (xmlTextReaderNodeType(x->r) == XML_READER_TYPE_ELEMENT && !vn_xml_empty(x))
        x->skip_depth = xmlTextReaderDepth(x->r);
}

void vn_xml_close(vn_xml *x)
{
    if (x->r)
        xmlFreeTextReader(x->r);
    x->r = NULL;
}

bool vn_xml_attr(const vn_xml *x, const char *local, const char *ns, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    const xmlChar *uri = ns ? (const xmlChar *)ns : xmlTextReaderConstNamespaceUri(x->r);
    xmlChar *v = uri && *uri ? xmlTextReaderGetAttributeNs(x->r, (const xmlChar *)local, uri)
                             : xmlTextReaderGetAttribute(x->r, (const xmlChar *)local);
    if (!v)
        return false;
    if (size)
        snprintf(buf, size, "%s", (const char *)v);
    xmlFree(v);
    return true;
}
