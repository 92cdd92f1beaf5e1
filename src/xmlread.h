/* xmlread.h — the XML parts of DOCX and ODT files, read with libxml2's
 * streaming reader under the rules every XML input of vnplan follows: no
 * network, no DTD loaded, no entity substituted, a document that declares a
 * DOCTYPE refused outright (no part of a DOCX or ODT has one, and that is
 * where billion-laughs and external entities live), nesting limited to
 * VN_XML_MAX_DEPTH.  libxml2's own messages go into the vn_error, never to
 * stderr. */
#ifndef VN_XMLREAD_H
#define VN_XMLREAD_H

#include "common.h"

#include "xml_dl.h"

typedef struct vn_xml {
    xmlTextReaderPtr r;
    const char *part; /* the member's name, for messages */
    const char *kind; /* "DOCX", "ODT" */
    int skip_depth;   /* >= 0: nodes deeper than this are being skipped */
    char problem[160]; /* libxml2's first message, English: told apart by its words */
    const char *reason; /* the same as a msgid (vn_xml_error_reason), for the user */
    int line;
} vn_xml;

/* Opens data (n bytes) for reading; fails on a DOCTYPE. */
vnplan_status vn_xml_open(vn_xml *x, const char *data, size_t n, const char *kind, const char *part,
                          vn_error *err);
/* Moves to the next node that is not being skipped: 1 a node, 0 the end of
 * the document, -1 an error (err filled). */
int vn_xml_next(vn_xml *x, vn_error *err);
/* Skips the rest of the current element's subtree (its end tag included). */
void vn_xml_skip(vn_xml *x);
void vn_xml_close(vn_xml *x);

/* The current node: its type (XML_READER_TYPE_*), local name, namespace URI
 * ("" when none), whether it is an empty element, and its depth. */
static inline int vn_xml_type(const vn_xml *x) { return xmlTextReaderNodeType(x->r); }
static inline const char *vn_xml_name(const vn_xml *x)
{
    const xmlChar *s = xmlTextReaderConstLocalName(x->r);
    return s ? (const char *)s : "";
}
static inline const char *vn_xml_ns(const vn_xml *x)
{
    const xmlChar *s = xmlTextReaderConstNamespaceUri(x->r);
    return s ? (const char *)s : "";
}
static inline bool vn_xml_empty(const vn_xml *x) { return xmlTextReaderIsEmptyElement(x->r) == 1; }
static inline int vn_xml_depth(const vn_xml *x) { return xmlTextReaderDepth(x->r); }
static inline const char *vn_xml_value(const vn_xml *x)
{
    const xmlChar *s = xmlTextReaderConstValue(x->r);
    return s ? (const char *)s : "";
}

/* Copies the value of the current element's attribute local:ns into buf
 * (cut to size); ns NULL means the element's own namespace.  False when the
 * attribute is absent (buf is then ""). */
/* A node of text (plain, CDATA, white space) of the reader's current position. */
static inline bool vn_xml_is_text(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

bool vn_xml_attr(const vn_xml *x, const char *local, const char *ns, char *buf, size_t size);

#endif
