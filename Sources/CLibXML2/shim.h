// The slice of libxml2 that newsmill uses.
// xmlversion.h comes first so that LIBXML_ICU_ENABLED can be undefined before any header that would
// pull system ICU into this module: Foundation carries its own ICU, and two ICUs in one build fail a
// clean build with "'UErrorCode' has different definitions in different modules".
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// Swift 6 rejects the global function pointer xmlFree as not concurrency-safe; call it through this.
static inline void newsmill_xmlFree(void *pointer) { xmlFree(pointer); }

// Silence libxml2's generic error output for the whole process (errors are read from the parser).
static inline void newsmill_xmlSilence(void) {
    xmlSetGenericErrorFunc(NULL, NULL);
}
