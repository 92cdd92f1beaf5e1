/* xml_errors.c — libxml2's error handlers saved, replaced and restored
 * (xml_errors.h says why). */
#include "xml_errors.h"
#include "common.h"

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
