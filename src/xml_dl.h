/* xml_dl.h — libxml2, loaded by the first call that needs it (src/dl.h).
 *
 * libxml2 brings ICU (30 MB), libstdc++, liblzma and zlib: linked, they cost
 * every start 3.1 million instructions of the dynamic loader and 110 page
 * faults, 3 ms here, while most runs (`vnplan parse` or `diff` of a text
 * file, with the baked baselines of load_baked.c) never touch XML.  Only
 * reading XML trees, HTML, Markdown (its entities), DOCX and ODT, and
 * writing XML or HTML, need it.
 *
 * Every file that calls libxml2 includes this header (through common.h):
 * each libxml2 function is then a macro naming the pointer in the table
 * vn_libxml, so that the code reads as before and the build still checks each
 * call against libxml2's own declarations (__typeof__).  The table is filled
 * by vn_xml_use, which the entry points of those formats call first; a
 * function missing from the list below is a link error (the library is
 * linked with -z defs and without -lxml2), not a crash.
 *
 * A program that links libxml2 itself (or has loaded it) shares it with
 * the library: dlopen of the same soname gives the copy already there, and
 * its error handlers are the ones vn_xml_handlers_push saves and puts back
 * (xml_errors.h). */
#ifndef VN_XML_DL_H
#define VN_XML_DL_H

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <stdbool.h>

#include "dl.h"

/* the __xmlStructuredError family is what the macros xmlStructuredError ...
 * of a thread-enabled libxml2 call; xmlFree is a variable (a pointer to the
 * function libxml2 frees with), its address what dlsym gives */
#define VN_XML_FUNCS(X) \
    X(htmlCtxtReadMemory) \
    X(htmlEntityLookup) \
    X(htmlFreeParserCtxt) \
    X(htmlNewParserCtxt) \
    X(xmlCtxtGetLastError) \
    X(xmlCtxtReadMemory) \
    X(xmlDocGetRootElement) \
    X(xmlFreeDoc) \
    X(xmlFreeParserCtxt) \
    X(xmlFreeTextReader) \
    X(xmlFreeTextWriter) \
    X(xmlGetLineNo) \
    X(xmlHasProp) \
    X(xmlInitParser) \
    X(xmlNewParserCtxt) \
    X(xmlNewTextWriter) \
    X(xmlNodeGetContent) \
    X(xmlNodeListGetString) \
    X(xmlOutputBufferClose) \
    X(xmlOutputBufferCreateIO) \
    X(xmlReaderForMemory) \
    X(xmlRelaxNGFree) \
    X(xmlRelaxNGFreeParserCtxt) \
    X(xmlRelaxNGFreeValidCtxt) \
    X(xmlRelaxNGNewMemParserCtxt) \
    X(xmlRelaxNGNewValidCtxt) \
    X(xmlRelaxNGParse) \
    X(xmlRelaxNGSetParserStructuredErrors) \
    X(xmlRelaxNGSetValidStructuredErrors) \
    X(xmlRelaxNGValidateDoc) \
    X(xmlSetGenericErrorFunc) \
    X(xmlSetStructuredErrorFunc) \
    X(xmlTextReaderConstLocalName) \
    X(xmlTextReaderConstNamespaceUri) \
    X(xmlTextReaderConstValue) \
    X(xmlTextReaderDepth) \
    X(xmlTextReaderGetAttribute) \
    X(xmlTextReaderGetAttributeNs) \
    X(xmlTextReaderIsEmptyElement) \
    X(xmlTextReaderNodeType) \
    X(xmlTextReaderRead) \
    X(xmlTextReaderReadString) \
    X(xmlTextReaderSetStructuredErrorHandler) \
    X(xmlTextWriterEndAttribute) \
    X(xmlTextWriterEndDocument) \
    X(xmlTextWriterEndElement) \
    X(xmlTextWriterFlush) \
    X(xmlTextWriterStartAttribute) \
    X(xmlTextWriterStartDocument) \
    X(xmlTextWriterStartElement) \
    X(xmlTextWriterWriteRawLen) \
    X(xmlFree) \
    X(__xmlStructuredError) \
    X(__xmlStructuredErrorContext) \
    X(__xmlGenericError) \
    X(__xmlGenericErrorContext)

typedef struct vn_xml_api {
    VN_XML_FUNCS(VN_DL_FIELD)
} vn_xml_api;

extern vn_xml_api vn_libxml;

struct vn_error;
/* Loads libxml2 the first time (once per process, from any thread) and says
 * whether the table is ready; if not, fails err (may be NULL) with the
 * reason, as VNPLAN_ERR_IO. */
bool vn_xml_use(struct vn_error *err);

/* A program linked to libxml2 itself that includes the library's internal
 * headers (the tests) defines VN_XML_LINKED to call libxml2 directly. */
#ifndef VN_XML_LINKED
#define htmlCtxtReadMemory (vn_libxml.htmlCtxtReadMemory)
#define htmlEntityLookup (vn_libxml.htmlEntityLookup)
#define htmlFreeParserCtxt (vn_libxml.htmlFreeParserCtxt)
#define htmlNewParserCtxt (vn_libxml.htmlNewParserCtxt)
#define xmlCtxtGetLastError (vn_libxml.xmlCtxtGetLastError)
#define xmlCtxtReadMemory (vn_libxml.xmlCtxtReadMemory)
#define xmlDocGetRootElement (vn_libxml.xmlDocGetRootElement)
#define xmlFreeDoc (vn_libxml.xmlFreeDoc)
#define xmlFreeParserCtxt (vn_libxml.xmlFreeParserCtxt)
#define xmlFreeTextReader (vn_libxml.xmlFreeTextReader)
#define xmlFreeTextWriter (vn_libxml.xmlFreeTextWriter)
#define xmlGetLineNo (vn_libxml.xmlGetLineNo)
#define xmlHasProp (vn_libxml.xmlHasProp)
#define xmlInitParser (vn_libxml.xmlInitParser)
#define xmlNewParserCtxt (vn_libxml.xmlNewParserCtxt)
#define xmlNewTextWriter (vn_libxml.xmlNewTextWriter)
#define xmlNodeGetContent (vn_libxml.xmlNodeGetContent)
#define xmlNodeListGetString (vn_libxml.xmlNodeListGetString)
#define xmlOutputBufferClose (vn_libxml.xmlOutputBufferClose)
#define xmlOutputBufferCreateIO (vn_libxml.xmlOutputBufferCreateIO)
#define xmlReaderForMemory (vn_libxml.xmlReaderForMemory)
#define xmlRelaxNGFree (vn_libxml.xmlRelaxNGFree)
#define xmlRelaxNGFreeParserCtxt (vn_libxml.xmlRelaxNGFreeParserCtxt)
#define xmlRelaxNGFreeValidCtxt (vn_libxml.xmlRelaxNGFreeValidCtxt)
#define xmlRelaxNGNewMemParserCtxt (vn_libxml.xmlRelaxNGNewMemParserCtxt)
#define xmlRelaxNGNewValidCtxt (vn_libxml.xmlRelaxNGNewValidCtxt)
#define xmlRelaxNGParse (vn_libxml.xmlRelaxNGParse)
#define xmlRelaxNGSetParserStructuredErrors (vn_libxml.xmlRelaxNGSetParserStructuredErrors)
#define xmlRelaxNGSetValidStructuredErrors (vn_libxml.xmlRelaxNGSetValidStructuredErrors)
#define xmlRelaxNGValidateDoc (vn_libxml.xmlRelaxNGValidateDoc)
#define xmlSetGenericErrorFunc (vn_libxml.xmlSetGenericErrorFunc)
#define xmlSetStructuredErrorFunc (vn_libxml.xmlSetStructuredErrorFunc)
#define xmlTextReaderConstLocalName (vn_libxml.xmlTextReaderConstLocalName)
#define xmlTextReaderConstNamespaceUri (vn_libxml.xmlTextReaderConstNamespaceUri)
#define xmlTextReaderConstValue (vn_libxml.xmlTextReaderConstValue)
#define xmlTextReaderDepth (vn_libxml.xmlTextReaderDepth)
#define xmlTextReaderGetAttribute (vn_libxml.xmlTextReaderGetAttribute)
#define xmlTextReaderGetAttributeNs (vn_libxml.xmlTextReaderGetAttributeNs)
#define xmlTextReaderIsEmptyElement (vn_libxml.xmlTextReaderIsEmptyElement)
#define xmlTextReaderNodeType (vn_libxml.xmlTextReaderNodeType)
#define xmlTextReaderRead (vn_libxml.xmlTextReaderRead)
#define xmlTextReaderReadString (vn_libxml.xmlTextReaderReadString)
#define xmlTextReaderSetStructuredErrorHandler (vn_libxml.xmlTextReaderSetStructuredErrorHandler)
#define xmlTextWriterEndAttribute (vn_libxml.xmlTextWriterEndAttribute)
#define xmlTextWriterEndDocument (vn_libxml.xmlTextWriterEndDocument)
#define xmlTextWriterEndElement (vn_libxml.xmlTextWriterEndElement)
#define xmlTextWriterFlush (vn_libxml.xmlTextWriterFlush)
#define xmlTextWriterStartAttribute (vn_libxml.xmlTextWriterStartAttribute)
#define xmlTextWriterStartDocument (vn_libxml.xmlTextWriterStartDocument)
#define xmlTextWriterStartElement (vn_libxml.xmlTextWriterStartElement)
#define xmlTextWriterWriteRawLen (vn_libxml.xmlTextWriterWriteRawLen)
#define xmlFree (*vn_libxml.xmlFree)
#define __xmlStructuredError (vn_libxml.__xmlStructuredError)
#define __xmlStructuredErrorContext (vn_libxml.__xmlStructuredErrorContext)
#define __xmlGenericError (vn_libxml.__xmlGenericError)
#define __xmlGenericErrorContext (vn_libxml.__xmlGenericErrorContext)
#endif

#endif
