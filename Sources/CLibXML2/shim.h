#include <libxml/xmlversion.h>
/* Foundation on Linux ships its own ICU module (_FoundationICU). libxml2's
   optional ICU declarations in encoding.h would clash with it ("UErrorCode has
   different definitions"), and Swift code never needs them: hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
