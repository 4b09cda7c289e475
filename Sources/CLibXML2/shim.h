// libxml2's HTML parser. xmlFree is a global function pointer, which Swift 6 strict concurrency
// rejects, so it is called through a shim.
#ifndef RENCAI_CLIBXML2_SHIM_H
#define RENCAI_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/tree.h>
static inline void rc_xml_free(void *p) { xmlFree(p); }
#endif
