// libxml2's HTML parser. xmlFree is a global function pointer, which Swift 6 strict concurrency
// rejects, so it is called through a shim.
#ifndef RENCAI_CLIBXML2_SHIM_H
#define RENCAI_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU, so encoding.h includes the system <unicode/ucnv.h>, whose
// UErrorCode clashes with Foundation's bundled ICU (_FoundationICU) in any Swift module that imports
// both ("'U_MF_…' is not present in definition of 'enum UErrorCode'"). Hiding the ICU part only drops
// two trailing pointer fields from xmlCharEncodingHandler, which rencai never touches by value.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <string.h>
static inline void rc_xml_free(void *p) { xmlFree(p); }

// A context that runs libxml2's HTML parser exactly as htmlReadMemory(buffer, size, url, "UTF-8",
// options) does (same context, same options, same forced encoding), but reports to `handlers` instead
// of building a tree: startElement, endElement, characters, cdataBlock, processingInstruction and
// internalSubset are taken from `handlers` (NULL = ignored); comments are ignored; the document
// callbacks that would create a tree are off. Run it with htmlParseDocument, free it with
// rc_html_sax_free. NULL when the context cannot be created.
static inline htmlParserCtxtPtr rc_html_sax_context(const char *buffer, int size, const char *url, int options,
                                                    const xmlSAXHandler *handlers, void *user) {
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return NULL;
    if (ctxt->sax != NULL) xmlSAX2InitHtmlDefaultSAXHandler(ctxt->sax);   // what htmlReadMemory copies in
    // htmlDoRead: options, HTML mode, the forced encoding, the URL.
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8 != NULL) {
        xmlSwitchToEncoding(ctxt, utf8);
        if (ctxt->input->encoding != NULL) xmlFree((xmlChar *) ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *) "UTF-8");
    }
    if (url != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
        ctxt->input->filename = (char *) xmlStrdup((const xmlChar *) url);
    if (ctxt->sax != NULL) {
        ctxt->sax->startDocument = NULL;
        ctxt->sax->endDocument = NULL;
        ctxt->sax->internalSubset = handlers->internalSubset;
        ctxt->sax->startElement = handlers->startElement;
        ctxt->sax->endElement = handlers->endElement;
        ctxt->sax->characters = handlers->characters;
        ctxt->sax->cdataBlock = handlers->cdataBlock;
        ctxt->sax->processingInstruction = handlers->processingInstruction;
        ctxt->sax->comment = NULL;
        ctxt->sax->reference = NULL;
    }
    ctxt->userData = user;
    return ctxt;
}

static inline void rc_html_sax_free(htmlParserCtxtPtr ctxt) {
    if (ctxt->myDoc != NULL) { xmlFreeDoc(ctxt->myDoc); ctxt->myDoc = NULL; }
    htmlFreeParserCtxt(ctxt);
}

// The byte after the text the parser just reported (0 at the end of the input).
static inline int rc_html_next_byte(htmlParserCtxtPtr ctxt) {
    return (ctxt->input != NULL && ctxt->input->cur != NULL) ? ctxt->input->cur[0] : 0;
}
#endif
