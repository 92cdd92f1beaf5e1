/* schema_valid.h — rendered XML checked against docs/vnplan.rng (test_render.c,
 * test_load_xml.c): the compiled schema, the first error libxml2 gave, and
 * schema_valid.  Header-only; a program compiles the schema into `schema`
 * itself (each quiets libxml2 its own way). */
#ifndef VN_TEST_SCHEMA_VALID_H
#define VN_TEST_SCHEMA_VALID_H

#include "tap.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#define SCHEMA_FILE "docs/vnplan.rng"

static xmlRelaxNGPtr schema;
static char first_error[300];

static inline void keep_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    if (!first_error[0] && e && e->message)
        snprintf(first_error, sizeof first_error, "line %d: %s", e->line, e->message);
}

static inline void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* 1 when s[0..n) is well-formed XML that the schema accepts, read with
 * options besides XML_PARSE_NONET and XML_PARSE_NOERROR; a check either way,
 * with the first error when it fails. */
static inline int schema_valid(const char *s, size_t n, const char *what, int options)
{
    first_error[0] = '\0';
    xmlDocPtr d = xmlReadMemory(s, (int)n, what, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | options);
    int valid = 0;
    if (d && schema) {
        xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
        xmlRelaxNGSetValidStructuredErrors(vc, keep_error, NULL);
        valid = xmlRelaxNGValidateDoc(vc, d) == 0;
        xmlRelaxNGFreeValidCtxt(vc);
    }
    if (!ok(valid, "%s: valid against %s", what, SCHEMA_FILE))
        diag("%s", d ? first_error : "not well-formed");
    xmlFreeDoc(d);
    return valid;
}

#endif
