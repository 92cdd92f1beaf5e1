/* xml_errors.c — libxml2's error handlers saved, replaced and restored
 * (xml_errors.h says why). */
#include "xml_errors.h"

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
    /* libxml2 not in the process yet: nobody can have set handlers, and
     * there is nothing to save (pop then puts back libxml2's defaults if it
     * was loaded in between) */
    h->had = vn_xml_present();
    if (!h->had)
        return;
    h->serror = xmlStructuredError;
    h->sctx = xmlStructuredErrorContext;
    h->gerror = xmlGenericError;
    h->gctx = xmlGenericErrorContext;
}

void vn_xml_handlers_push(vn_xml_handlers *h, xmlStructuredErrorFunc on_error, void *ctx)
{
    vn_xml_handlers_save(h);
    if (!h->had && !vn_xml_use(NULL))
        return; /* the caller has checked vn_xml_use: not reached */
    xmlSetStructuredErrorFunc(ctx, on_error ? on_error : vn_xml_drop_error);
    xmlSetGenericErrorFunc(ctx, drop_generic);
}

void vn_xml_handlers_pop(const vn_xml_handlers *h)
{
    if (h->had) {
        xmlSetStructuredErrorFunc(h->sctx, h->serror);
        xmlSetGenericErrorFunc(h->gctx, h->gerror);
    } else if (vn_xml_present()) {
        xmlSetStructuredErrorFunc(NULL, NULL); /* libxml2's defaults */
        xmlSetGenericErrorFunc(NULL, NULL);
    }
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
