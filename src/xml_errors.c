/* xml_errors.c — libxml2's error handlers saved, replaced and restored
 * (xml_errors.h says why). */
#include "xml_errors.h"
#include "common.h"
#include "i18n.h"

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void vn_xml_drop_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

static void drop_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void vn_xml_handlers_save(vn_xml_handlers *h)
{
    h->saved = vn_xml_use(NULL);
    if (!h->saved)
        return;
    h->serror = xmlStructuredError;
    h->sctx = xmlStructuredErrorContext;
    h->gerror = xmlGenericError;
    h->gctx = xmlGenericErrorContext;
}

void vn_xml_handlers_push(vn_xml_handlers *h, xmlStructuredErrorFunc on_error, void *ctx)
{
    vn_xml_handlers_save(h);
    if (!h->saved)
        return; /* the caller has checked vn_xml_use: not reached */
    /* every recovery point around that has not saved them yet: the
     * handlers are the ones it was set with (the library changes them only
     * here), to be put back if memory runs out under it */
    for (vn_recover *r = vn_recover_current(); r && !r->xml.saved; r = r->prev)
        r->xml = *h;
    xmlSetStructuredErrorFunc(ctx, on_error ? on_error : vn_xml_drop_error);
    xmlSetGenericErrorFunc(ctx, drop_generic);
}

void vn_xml_handlers_pop(const vn_xml_handlers *h)
{
    if (!h->saved)
        return;
    xmlSetStructuredErrorFunc(h->sctx, h->serror);
    xmlSetGenericErrorFunc(h->gctx, h->gerror);
}

void vn_xml_one_line(char *out, size_t size, const char *msg)
{
    snprintf(out, size, "%s", msg);
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    /* its advice to the programs that call it ("use XML_PARSE_HUGE
     * option") is nothing a user can act on: cut */
    char *advice = strstr(out, "use XML_PARSE_HUGE");
    if (advice)
        *advice = '\0';
    size_t n = strlen(out);
    while (n && (out[n - 1] == ' ' || out[n - 1] == ',' || out[n - 1] == ':'))
        out[--n] = '\0';
}

/* libxml2's error codes by what the writer of the file did wrong: the
 * validator's (XML_FROM_RELAXNGV) and the parser's codes are two ranges. */
static const struct {
    bool valid; /* a RELAX NG validity code */
    int code;
    const char *reason;
} xml_reasons[] = {
    {true, XML_RELAXNG_ERR_INVALIDATTR, N_("an attribute, or an attribute's value, the schema does not allow")},
    {true, XML_RELAXNG_ERR_ATTREXTRANS, N_("an attribute, or an attribute's value, the schema does not allow")},
    {true, XML_RELAXNG_ERR_ATTRVALID, N_("an attribute, or an attribute's value, the schema does not allow")},
    {true, XML_RELAXNG_ERR_NOELEM, N_("an element or a value the schema requires is missing")},
    {true, XML_RELAXNG_ERR_LACKDATA, N_("an element or a value the schema requires is missing")},
    {true, XML_RELAXNG_ERR_LISTEMPTY, N_("an element or a value the schema requires is missing")},
    {true, XML_RELAXNG_ERR_DATATYPE, N_("a value the schema does not allow")},
    {true, XML_RELAXNG_ERR_VALUE, N_("a value the schema does not allow")},
    {true, XML_RELAXNG_ERR_LIST, N_("a value the schema does not allow")},
    {true, XML_RELAXNG_ERR_LISTELEM, N_("a value the schema does not allow")},
    {true, XML_RELAXNG_ERR_LISTEXTRA, N_("a value the schema does not allow")},
    {true, XML_RELAXNG_ERR_TEXTWRONG, N_("a value the schema does not allow")},
    {true, XML_RELAXNG_ERR_DUPID, N_("an id used twice")},
    {false, XML_ERR_DOCUMENT_EMPTY, N_("the XML is empty")},
    /* libxml2's reader says "extra content" of a part cut short too */
    {false, XML_ERR_DOCUMENT_START, N_("the XML ends before its elements are closed, or goes on after its root element")},
    {false, XML_ERR_DOCUMENT_END, N_("the XML ends before its elements are closed, or goes on after its root element")},
    {false, XML_ERR_EXTRA_CONTENT, N_("the XML ends before its elements are closed, or goes on after its root element")},
    {false, XML_ERR_NOT_WELL_BALANCED, N_("the XML ends before its elements are closed, or goes on after its root element")},
    {false, XML_ERR_GT_REQUIRED, N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)")},
    {false, XML_ERR_LTSLASH_REQUIRED, N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)")},
    {false, XML_ERR_TAG_NAME_MISMATCH, N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)")},
    {false, XML_ERR_TAG_NOT_FINISHED, N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)")},
    {false, XML_ERR_NAME_REQUIRED, N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)")},
    {false, XML_ERR_COMMENT_NOT_FINISHED, N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)")},
    {false, XML_ERR_LT_IN_ATTRIBUTE, N_("an attribute is malformed or given twice")},
    {false, XML_ERR_ATTRIBUTE_NOT_STARTED, N_("an attribute is malformed or given twice")},
    {false, XML_ERR_ATTRIBUTE_NOT_FINISHED, N_("an attribute is malformed or given twice")},
    {false, XML_ERR_ATTRIBUTE_WITHOUT_VALUE, N_("an attribute is malformed or given twice")},
    {false, XML_ERR_ATTRIBUTE_REDEFINED, N_("an attribute is malformed or given twice")},
    {false, XML_NS_ERR_ATTRIBUTE_REDEFINED, N_("an attribute is malformed or given twice")},
    {false, XML_ERR_INVALID_HEX_CHARREF, N_("a character XML does not allow")},
    {false, XML_ERR_INVALID_DEC_CHARREF, N_("a character XML does not allow")},
    {false, XML_ERR_INVALID_CHARREF, N_("a character XML does not allow")},
    {false, XML_ERR_INVALID_CHAR, N_("a character XML does not allow")},
    {false, XML_ERR_UNKNOWN_ENCODING, N_("the text is not in the encoding the file declares")},
    {false, XML_ERR_UNSUPPORTED_ENCODING, N_("the text is not in the encoding the file declares")},
    {false, XML_ERR_INVALID_ENCODING, N_("the text is not in the encoding the file declares")},
    {false, XML_ERR_UNDECLARED_ENTITY, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_WAR_UNDECLARED_ENTITY, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_ERR_ENTITYREF_NO_NAME, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_ERR_ENTITYREF_SEMICOL_MISSING, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_ERR_ENTITYREF_AT_EOF, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_ERR_ENTITY_LOOP, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_ERR_ENTITY_BOUNDARY, N_("an entity (&...;) that is undefined or malformed")},
    {false, XML_NS_ERR_UNDEFINED_NAMESPACE, N_("a namespace prefix that is not declared")},
    {false, XML_NS_ERR_QNAME, N_("a namespace prefix that is not declared")},
    {false, XML_NS_ERR_XML_NAMESPACE, N_("a namespace prefix that is not declared")},
    {false, XML_NS_ERR_EMPTY, N_("a namespace prefix that is not declared")},
    {false, XML_NS_ERR_COLON, N_("a namespace prefix that is not declared")},
    {false, XML_ERR_NAME_TOO_LONG, N_("a name longer than XML allows")},
};

const char *vn_xml_error_reason(const xmlError *e)
{
    bool valid = e && e->domain == XML_FROM_RELAXNGV;
    for (size_t i = 0; e && i < VN_COUNT(xml_reasons); i++)
        if (xml_reasons[i].valid == valid && xml_reasons[i].code == e->code)
            return xml_reasons[i].reason;
    return valid ? N_("an element the schema does not allow here") : N_("the XML is malformed");
}

void vn_xml_error_element(const xmlError *e, char *out, size_t size)
{
    const xmlNode *n = e ? (const xmlNode *)e->node : NULL;
    const char *name = n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
    /* the validator names the attribute it refused first ("Invalid
     * attribute %s for element %s"): "node label" reads as <node label> */
    bool attr = e && e->domain == XML_FROM_RELAXNGV && e->str1 && name[0] &&
                (e->code == XML_RELAXNG_ERR_INVALIDATTR || e->code == XML_RELAXNG_ERR_ATTREXTRANS);
    snprintf(out, size, "%s%s%s", name, attr ? " " : "", attr ? e->str1 : "");
}
