/* xml_errors.h — libxml2's error handlers, made the library's own while it
 * works with libxml2.
 *
 * libxml2 reports errors through handlers kept per thread, which print to
 * standard error unless replaced.  The library never prints: around each
 * use of libxml2 (loading a tree, writing XML or HTML) the caller's handlers
 * are saved, ours installed, and the caller's put back after. */
#ifndef VN_XML_ERRORS_H
#define VN_XML_ERRORS_H

#include "xml_dl.h"

typedef struct vn_xml_handlers {
    xmlStructuredErrorFunc serror;
    void *sctx;
    xmlGenericErrorFunc gerror;
    void *gctx;
    bool saved; /* the fields hold the handlers (libxml2 was loaded) */
} vn_xml_handlers;

/* Saves the thread's current handlers in h. */
void vn_xml_handlers_save(vn_xml_handlers *h);

/* A structured-error handler that drops the error. */
void vn_xml_drop_error(void *ctx, xmlErrorPtr e);

/* Saves the current handlers in h and installs on_error (called with ctx;
 * NULL: errors are dropped) for structured errors.  Generic messages,
 * libxml2's older way of reporting, are dropped.  The first push under a
 * recovery point (common.h) also saves them there (and in the points around
 * it), so that an allocation failure that skips vn_xml_handlers_pop puts
 * them back all the same.  The caller has loaded libxml2 (vn_xml_use). */
void vn_xml_handlers_push(vn_xml_handlers *h, xmlStructuredErrorFunc on_error, void *ctx);

/* libxml2's messages end with a newline and some run over two lines: msg
 * as one line, no trailing space, in out[0..size). */
void vn_xml_one_line(char *out, size_t size, const char *msg);

/* What a libxml2 error means, as one of the library's msgids (so a reason
 * built from it reads in the user's language, as libxml2's English
 * message would not): the parser's and the RELAX NG validator's codes
 * grouped by what the writer of the file did wrong.  A code not grouped
 * gives "the XML is malformed". */
const char *vn_xml_error_reason(const xmlError *e);

/* The name of the element an error is about, when libxml2 knows it, in
 * out[0..size); "" when not. */
void vn_xml_error_element(const xmlError *e, char *out, size_t size);

/* Puts back the handlers saved by vn_xml_handlers_push. */
void vn_xml_handlers_pop(const vn_xml_handlers *h);

#endif
