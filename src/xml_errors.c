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

const char *vn_xml_error_reason(const xmlError *e)
{
    if (!e)
        return N_("the XML is malformed");
    if (e->domain == XML_FROM_RELAXNGV) {
        switch (e->code) {
        case XML_RELAXNG_ERR_INVALIDATTR:
        case XML_RELAXNG_ERR_ATTREXTRANS:
        case XML_RELAXNG_ERR_ATTRVALID:
            return N_("an attribute, or an attribute's value, the schema does not allow");
        case XML_RELAXNG_ERR_NOELEM:
        case XML_RELAXNG_ERR_LACKDATA:
        case XML_RELAXNG_ERR_LISTEMPTY:
            return N_("an element or a value the schema requires is missing");
        case XML_RELAXNG_ERR_DATATYPE:
        case XML_RELAXNG_ERR_VALUE:
        case XML_RELAXNG_ERR_LIST:
        case XML_RELAXNG_ERR_LISTELEM:
        case XML_RELAXNG_ERR_LISTEXTRA:
        case XML_RELAXNG_ERR_TEXTWRONG:
            return N_("a value the schema does not allow");
        case XML_RELAXNG_ERR_DUPID:
            return N_("an id used twice");
        default:
            return N_("an element the schema does not allow here");
        }
    }
    switch (e->code) {
    case XML_ERR_DOCUMENT_EMPTY:
        return N_("the XML is empty");
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
    case XML_ERR_NOT_WELL_BALANCED:
        /* libxml2's reader says this of a part cut short too */
        return N_("the XML ends before its elements are closed, or goes on after its root element");
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_TAG_NAME_MISMATCH:
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_COMMENT_NOT_FINISHED:
        return N_("an element is not closed, or is closed by the wrong tag (the file may be cut short)");
    case XML_ERR_LT_IN_ATTRIBUTE:
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_ATTRIBUTE_REDEFINED:
    case XML_NS_ERR_ATTRIBUTE_REDEFINED:
        return N_("an attribute is malformed or given twice");
    case XML_ERR_INVALID_HEX_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_CHAR:
        return N_("a character XML does not allow");
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_INVALID_ENCODING:
        return N_("the text is not in the encoding the file declares");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITYREF_NO_NAME:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_ENTITYREF_AT_EOF:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_BOUNDARY:
        return N_("an entity (&...;) that is undefined or malformed");
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
    case XML_NS_ERR_QNAME:
    case XML_NS_ERR_XML_NAMESPACE:
    case XML_NS_ERR_EMPTY:
    case XML_NS_ERR_COLON:
        return N_("a namespace prefix that is not declared");
    case XML_ERR_NAME_TOO_LONG:
        return N_("a name longer than XML allows");
    default:
        return N_("the XML is malformed");
    }
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
