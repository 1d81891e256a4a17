import CLibXML2

/// Replacement text for named character references that reach the tree
/// unexpanded (XHTML read by the XML parser, which loads no DTD).
///
/// Names are looked up in libxml2's own tables, the ones its HTML parser
/// expands with: HTML 4's entities (`htmlEntityLookup`), then XML's five
/// predefined ones (`xmlGetPredefinedEntity`, for `&apos;`, which HTML 4
/// lacks). An unknown name gives no text.
enum HTMLEntities {
    static func text(for name: String) -> String {
        if let entry = htmlEntityLookup(name), let scalar = Unicode.Scalar(entry.pointee.value) {
            return String(Character(scalar))
        }
        if let entity = xmlGetPredefinedEntity(name), let content = entity.pointee.content {
            return String(cString: content)
        }
        return ""
    }
}
