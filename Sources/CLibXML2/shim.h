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
static inline void rc_xml_free(void *p) { xmlFree(p); }
#endif
